//! The JSON output of SPEC.md section 3.

use crate::Report;
use crate::diagnostic::{Diagnostic, Edit, Label};
use crate::render::Summary;
use crate::source::{FileId, Files, Span};
use serde_json::{Value, json};

fn location(files: &Files, file: FileId, span: Span) -> serde_json::Map<String, Value> {
    let source = files.get(file);
    let start = source.position(span.start);
    let end = source.position(span.end);
    let mut map = serde_json::Map::new();
    map.insert("file".into(), json!(source.name));
    map.insert("line".into(), json!(start.line));
    map.insert("column".into(), json!(start.column));
    map.insert("end_line".into(), json!(end.line));
    map.insert("end_column".into(), json!(end.column));
    map
}

fn label(files: &Files, label: &Label) -> Value {
    let mut map = location(files, label.file, label.span);
    map.insert("message".into(), json!(label.message));
    Value::Object(map)
}

fn edit(files: &Files, edit: &Edit) -> Value {
    let mut map = location(files, edit.file, edit.span);
    map.insert("replacement".into(), json!(edit.replacement));
    Value::Object(map)
}

/// One diagnostic as a JSON object (also one line of `json-lines`).
pub fn diagnostic(files: &Files, d: &Diagnostic) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("code".into(), json!(d.code));
    map.insert("name".into(), json!(d.name));
    map.insert("severity".into(), json!(d.severity.as_str()));
    map.insert("message".into(), json!(d.message));
    map.extend(location(files, d.primary.file, d.primary.span));
    map.insert(
        "labels".into(),
        Value::Array(d.secondary.iter().map(|l| label(files, l)).collect()),
    );
    map.insert("notes".into(), json!(d.notes));
    map.insert("help".into(), json!(d.help));
    map.insert(
        "fix".into(),
        match &d.fix {
            Some(fix) => json!({
                "applicability": fix.applicability.as_str(),
                "edits": fix.edits.iter().map(|e| edit(files, e)).collect::<Vec<_>>(),
            }),
            None => Value::Null,
        },
    );
    Value::Object(map)
}

pub fn document(report: &Report) -> Value {
    let summary = Summary::of(report);
    json!({
        "version": 1,
        "diagnostics": report.diagnostics.iter().map(|d| diagnostic(&report.files, d)).collect::<Vec<_>>(),
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    })
}

/// The whole report as pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&document(report)).expect("JSON values always serialize");
    text.push('\n');
    text
}
