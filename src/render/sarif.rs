//! SARIF 2.1.0, for GitHub code scanning and other tools that read static-analysis results.
//!
//! One run: the tool driver lists every registered rule (id, name, short and full description, help, default
//! level) in the chosen language; each diagnostic is a result with its primary location, its secondary labels as
//! related locations and its fix as `fixes[].artifactChanges`. Columns count Unicode code points, as in every other
//! format, and the run says so (`columnKind`). Each result carries the baseline fingerprint as a partial
//! fingerprint, so that code scanning follows a finding when unrelated edits move it.

use crate::Report;
use crate::baseline;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::i18n::Lang;
use crate::render::json::io_error;
use crate::render::message_with_notes;
use crate::render::stream::{self, Sources, write_pretty_at};
use crate::rules::{self, Rule};
use crate::source::{FileId, Span};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a URI reference: `/` separators, and every byte outside the unreserved set and `/` percent-encoded.
/// An absolute path becomes a `file://` URI.
pub fn uri(name: &str) -> String {
    uri_on(name, crate::paths::WINDOWS)
}

/// [`uri`] for a file name of the given platform.
pub fn uri_on(name: &str, windows: bool) -> String {
    let path = crate::paths::repository_relative(&super::cwd_relative(name), windows);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    if out.starts_with('/') {
        format!("file://{out}")
    } else if path.as_bytes().get(1) == Some(&b':') {
        // A Windows drive path: `C:/x` → `file:///C:/x`.
        format!("file:///{}", out.replacen("%3A", ":", 1))
    } else {
        out
    }
}

fn artifact_location(sources: &Sources, file: FileId) -> Value {
    let uri = uri(sources.files.name(file));
    if uri.starts_with("file:") {
        json!({ "uri": uri })
    } else {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    }
}

fn region(sources: &Sources, file: FileId, span: Span) -> Value {
    let source = sources.get(file);
    let start = source.position(span.start);
    let end = source.position(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn physical_location(sources: &Sources, file: FileId, span: Span) -> Value {
    json!({
        "artifactLocation": artifact_location(sources, file),
        "region": region(sources, file, span),
    })
}

fn message(text: &str) -> Value {
    json!({ "text": text })
}

fn rule(rule: &Rule, lang: Lang) -> Value {
    let text = |key: &str| rule.text(lang, key, &[]).trim_end().to_string();
    let family = crate::i18n::tr(lang, rule.family.name_key(), &[]);
    let markdown = format!(
        "{}\n\n{}\n\n**{}**\n\n```yaml\n{}\n```\n\n**{}**\n\n```yaml\n{}\n```\n\n{}",
        text("what"),
        text("why"),
        crate::i18n::tr(lang, "common.explain-bad", &[]),
        text("bad"),
        crate::i18n::tr(lang, "common.explain-good", &[]),
        text("good"),
        text("fix"),
    );
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": message(&text("summary")),
        "fullDescription": message(&text("what")),
        "help": { "text": text("fix"), "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [family] },
    })
}

fn fixes(sources: &Sources, d: &Diagnostic, lang: Lang) -> Option<Value> {
    let fix = d.fix.as_ref()?;
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for edit in &fix.edits {
        by_file.entry(edit.file).or_default().push(edit);
    }
    let changes: Vec<Value> = by_file
        .into_iter()
        .map(|(file, edits)| {
            json!({
                "artifactLocation": artifact_location(sources, file),
                "replacements": edits.iter().map(|e| json!({
                    "deletedRegion": region(sources, e.file, e.span),
                    "insertedContent": { "text": e.replacement },
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let key = match fix.applicability {
        crate::diagnostic::Applicability::Safe => "common.fix-safe",
        crate::diagnostic::Applicability::Unsafe => "common.fix-unsafe",
    };
    Some(json!([{
        "description": message(&crate::i18n::tr(lang, key, &[])),
        "artifactChanges": changes,
    }]))
}

fn result(sources: &Sources, d: &Diagnostic, fingerprint: &str, lang: Lang) -> Value {
    let files = sources.files;
    let origin = files.origin(d.primary.file, d.primary.span);
    let mut location = match &origin {
        // The lines of an office file's imported YAML are not lines of the file a viewer opens: the location is
        // the file, and the table cell is named as a logical location.
        Some(origin) => json!({
            "physicalLocation": { "artifactLocation": artifact_location(sources, d.primary.file) },
            "logicalLocations": [{ "name": origin.describe(lang), "kind": "element" }],
        }),
        None => json!({ "physicalLocation": physical_location(sources, d.primary.file, d.primary.span) }),
    };
    if let Some(label) = &d.primary.message {
        location["message"] = message(&label.render(lang));
    }
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": message(&message_with_notes(d, lang)),
        "locations": [location],
        "partialFingerprints": { "ikilint/v1": fingerprint },
    });
    if let Some(index) = rules::all().iter().position(|r| r.code == d.code) {
        result["ruleIndex"] = json!(index);
    }
    if !d.secondary.is_empty() {
        result["relatedLocations"] = Value::Array(
            d.secondary
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i + 1,
                        "physicalLocation": physical_location(sources, l.file, l.span),
                        "message": message(&l.text(lang)),
                    })
                })
                .collect(),
        );
    }
    if let Some(fixes) = fixes(sources, d, lang) {
        result["fixes"] = fixes;
    }
    let mut properties = serde_json::Map::new();
    if let Some(jabatan) = files.concern(d.primary.file, d.primary.span) {
        properties.insert("jabatan".into(), json!(jabatan));
    }
    if let Some(origin) = origin.and_then(|o| serde_json::to_value(crate::render::json::OriginView(&o, lang)).ok()) {
        properties.insert("origin".into(), origin);
    }
    if !properties.is_empty() {
        result["properties"] = Value::Object(properties);
    }
    result
}

/// The run's fixed part: everything but its results.
fn run_fields(lang: Lang) -> Value {
    json!({
        "tool": {
            "driver": {
                "name": "ikilint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": lang.code(),
                "rules": rules::all().iter().map(|r| rule(r, lang)).collect::<Vec<_>>(),
            }
        },
        "language": lang.code(),
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": { "%SRCROOT%": { "description": message("the directory ikilint ran in") } },
    })
}

/// One entry of the run's object (at depth 3 of the log), after the line break and indentation it begins with.
fn write_run_entry(key: &str, value: &Value, out: &mut Vec<u8>) -> io::Result<()> {
    out.extend_from_slice(b"\n      ");
    serde_json::to_writer(&mut *out, key).map_err(io_error)?;
    out.extend_from_slice(b": ");
    write_pretty_at(value, b"      ", out)
}

/// The whole report as one SARIF log, as a value (for looking into it; [`write`] is what the output uses).
pub fn document(report: &Report, lang: Lang) -> Value {
    serde_json::from_str(&render(report, lang)).expect("the log written is JSON")
}

/// Write the SARIF log, pretty-printed with a final newline: the document serde_json prints for it, keys in
/// alphabetical order, its results rendered a few files at a time on all cores ([`stream::write_findings`]), each
/// with the fingerprint it gets among all (fingerprints count per file).
pub fn write(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let Value::Object(fields) = run_fields(lang) else {
        unreachable!("run_fields builds an object")
    };
    let mut head = b"{\n  \"$schema\": ".to_vec();
    serde_json::to_writer(&mut head, SCHEMA).map_err(io_error)?;
    head.extend_from_slice(b",\n  \"runs\": [\n    {");
    for (key, value) in fields.iter().filter(|(key, _)| key.as_str() < "results") {
        write_run_entry(key, value, &mut head)?;
        head.push(b',');
    }
    head.extend_from_slice(b"\n      \"results\": ");
    out.write_all(&head)?;
    stream::write_json_array(report, out, 3, |sources, run, elements, bytes| {
        let prints = baseline::fingerprints_of(run, |id| sources.get(id));
        elements.write_each(run.iter().zip(&prints), bytes, |(d, print)| {
            result(sources, d, &print.digest(), lang)
        })
    })?;
    let mut tail = Vec::new();
    for (key, value) in fields.iter().filter(|(key, _)| key.as_str() > "results") {
        tail.push(b',');
        write_run_entry(key, value, &mut tail)?;
    }
    tail.extend_from_slice(b"\n    }\n  ],\n  \"version\": ");
    serde_json::to_writer(&mut tail, VERSION).map_err(io_error)?;
    tail.extend_from_slice(b"\n}\n");
    out.write_all(&tail)
}

/// The SARIF log, pretty-printed with a final newline.
pub fn render(report: &Report, lang: Lang) -> String {
    crate::render::into_string(|out| write(report, lang, out))
}
