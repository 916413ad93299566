//! `ikilint schema`: the JSON Schema (draft 7, which yaml-language-server reads) of schema v1, derived from the
//! model types in [`crate::model`]; their doc comments are the descriptions. The types here only say what a
//! value looks like where the model keeps plain text (ids, references, text-or-number values).

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use std::borrow::Cow;

/// An id of a document or a position: `[a-z0-9-]+`.
pub struct Id;
/// A sasaran id: no `/`, no whitespace.
pub struct SasaranId;
/// `atasan`: `<jabatan-id>` or `<dokumen-id>/<jabatan-id>`.
pub struct AtasanRef;
/// `mendukung`: `<sasaran-id>`, `<jabatan-id>/<sasaran-id>` or `<dokumen-id>/<jabatan-id>/<sasaran-id>`.
pub struct MendukungRef;
/// `intervensi`: `<rhk-id>`, `<skp-id>/<rhk-id>` or `<dokumen-id>/<jabatan-id>/<sasaran-id>`.
pub struct IntervensiRef;
/// Text, or a number kept as written (targets, formulas, NIPs written without quotes).
pub struct TextOrNumber;

macro_rules! string_schema {
    ($type:ty, $name:literal, $pattern:literal) => {
        impl JsonSchema for $type {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "pattern": $pattern })
            }
        }
    };
}

string_schema!(Id, "Id", "^[a-z0-9-]+$");
string_schema!(SasaranId, "SasaranId", "^[^/\\s]+$");
string_schema!(AtasanRef, "AtasanRef", "^([a-z0-9-]+/)?[a-z0-9-]+$");
string_schema!(MendukungRef, "MendukungRef", "^(([a-z0-9-]+/){1,2})?[^/\\s]+$");
string_schema!(IntervensiRef, "IntervensiRef", "^(([a-z0-9-]+/){1,2})?[^/\\s]+$");

impl JsonSchema for TextOrNumber {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("TextOrNumber")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number"] })
    }
}

/// The schema as pretty-printed JSON with a final newline.
pub fn generate() -> String {
    let mut settings = SchemaSettings::draft07();
    settings.meta_schema = Some("http://json-schema.org/draft-07/schema#".into());
    // One file is one document of either kind: an IKI (`dokumen`, `jabatan`) or an SKP (`skp`).
    let mut generator = settings.into_generator();
    let iki = generator.subschema_for::<crate::model::Document>();
    let skp = generator.subschema_for::<crate::skp::SkpDocument>();
    let mut schema = json_schema!({
        "title": "ikilint schema v1: an IKI or an SKP document",
        "oneOf": [iki, skp],
    });
    schema.insert("$schema".into(), "http://json-schema.org/draft-07/schema#".into());
    let definitions = generator.take_definitions(true);
    if !definitions.is_empty() {
        schema.insert("definitions".into(), serde_json::Value::Object(definitions));
    }
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `schema/ikilint.schema.json` is what `ikilint schema` prints; regenerate it with
    /// `cargo run -- schema > schema/ikilint.schema.json` after changing the model's keys or doc comments.
    #[test]
    fn committed_schema_is_the_generated_one() {
        let committed = include_str!("../schema/ikilint.schema.json");
        assert!(
            committed == generate(),
            "schema/ikilint.schema.json is stale: regenerate it"
        );
    }

    fn keys(node: &crate::yaml::Node, out: &mut Vec<String>) {
        use crate::yaml::NodeKind;
        match &node.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    out.extend(k.as_str().map(str::to_string));
                    keys(v, out);
                }
            }
            NodeKind::Seq(items) => items.iter().for_each(|i| keys(i, out)),
            _ => {}
        }
    }

    /// Every property name in the schema that carries a description.
    fn described(value: &serde_json::Value, out: &mut Vec<String>) {
        if let Some(properties) = value.get("properties").and_then(|p| p.as_object()) {
            for (name, property) in properties {
                if property
                    .get("description")
                    .and_then(|d| d.as_str())
                    .is_some_and(|d| !d.is_empty())
                {
                    out.push(name.clone());
                }
            }
        }
        match value {
            serde_json::Value::Object(map) => map.values().for_each(|v| described(v, out)),
            serde_json::Value::Array(items) => items.iter().for_each(|v| described(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_key_of_the_examples_is_described() {
        let schema: serde_json::Value = serde_json::from_str(&generate()).expect("JSON");
        let mut names = Vec::new();
        described(&schema, &mut names);
        for example in [
            include_str!("../examples/masama-2020.yaml"),
            include_str!("../examples/tanjung-redeb-2022.yaml"),
            include_str!("../examples/skp-camat-masama-2023.yaml"),
            include_str!("../examples/skp-pengolah-data-perizinan-masama-2023.yaml"),
        ] {
            let root = crate::yaml::parse(example).expect("parses").expect("not empty");
            let mut found = Vec::new();
            keys(&root, &mut found);
            for key in found {
                assert!(names.contains(&key), "{key} has no description");
            }
        }
    }
}
