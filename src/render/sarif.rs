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
use crate::render::json::{Many, io_error};
use crate::render::message_with_notes;
use crate::rules::{self, Rule};
use crate::source::{FileId, Files, Span};
use serde::ser::{Serialize, SerializeMap, Serializer};
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

fn artifact_location(files: &Files, file: FileId) -> Value {
    let uri = uri(files.name(file));
    if uri.starts_with("file:") {
        json!({ "uri": uri })
    } else {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    }
}

fn region(files: &Files, file: FileId, span: Span) -> Value {
    let source = files.get(file);
    let start = source.position(span.start);
    let end = source.position(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn physical_location(files: &Files, file: FileId, span: Span) -> Value {
    json!({
        "artifactLocation": artifact_location(files, file),
        "region": region(files, file, span),
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

fn fixes(files: &Files, d: &Diagnostic, lang: Lang) -> Option<Value> {
    let fix = d.fix.as_ref()?;
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for edit in &fix.edits {
        by_file.entry(edit.file).or_default().push(edit);
    }
    let changes: Vec<Value> = by_file
        .into_iter()
        .map(|(file, edits)| {
            json!({
                "artifactLocation": artifact_location(files, file),
                "replacements": edits.iter().map(|e| json!({
                    "deletedRegion": region(files, e.file, e.span),
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

fn result(report: &Report, d: &Diagnostic, fingerprint: &str, lang: Lang) -> Value {
    let files = &report.files;
    let origin = files.origin(d.primary.file, d.primary.span);
    let mut location = match &origin {
        // The lines of an office file's imported YAML are not lines of the file a viewer opens: the location is
        // the file, and the table cell is named as a logical location.
        Some(origin) => json!({
            "physicalLocation": { "artifactLocation": artifact_location(files, d.primary.file) },
            "logicalLocations": [{ "name": origin.describe(lang), "kind": "element" }],
        }),
        None => json!({ "physicalLocation": physical_location(files, d.primary.file, d.primary.span) }),
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
                        "physicalLocation": physical_location(files, l.file, l.span),
                        "message": message(&l.text(lang)),
                    })
                })
                .collect(),
        );
    }
    if let Some(fixes) = fixes(files, d, lang) {
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

/// The SARIF log, written result by result: only one result's JSON exists at a time, whatever the number of
/// findings. Keys come in alphabetical order, as serde_json writes every object of a [`Value`].
struct Log<'a> {
    report: &'a Report,
    lang: Lang,
    fingerprints: Vec<baseline::Fingerprint>,
}

struct Run<'a>(&'a Log<'a>);

impl Serialize for Run<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Log {
            report,
            lang,
            fingerprints,
        } = self.0;
        let Value::Object(fields) = run_fields(*lang) else {
            unreachable!("run_fields builds an object")
        };
        let mut map = serializer.serialize_map(Some(fields.len() + 1))?;
        let results = report
            .diagnostics
            .iter()
            .zip(fingerprints)
            .map(|(d, f)| result(report, d, &f.digest(), *lang));
        // Every key in alphabetical order, `results` among them.
        for (key, value) in fields.iter().filter(|(key, _)| key.as_str() < "results") {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("results", &Many(results))?;
        for (key, value) in fields.iter().filter(|(key, _)| key.as_str() > "results") {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl Serialize for Log<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("$schema", SCHEMA)?;
        map.serialize_entry("runs", &[Run(self)])?;
        map.serialize_entry("version", VERSION)?;
        map.end()
    }
}

fn log(report: &Report, lang: Lang) -> Log<'_> {
    Log {
        report,
        lang,
        fingerprints: baseline::fingerprints(report),
    }
}

/// The whole report as one SARIF log (for looking into it; [`write`] is what the output uses).
pub fn document(report: &Report, lang: Lang) -> Value {
    serde_json::to_value(log(report, lang)).expect("the log serialises to JSON")
}

/// Write the SARIF log, pretty-printed with a final newline.
pub fn write(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report, lang)).map_err(io_error)?;
    out.write_all(b"\n")
}

/// The SARIF log, pretty-printed with a final newline.
pub fn render(report: &Report, lang: Lang) -> String {
    crate::render::into_string(|out| write(report, lang, out))
}
