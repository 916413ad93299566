//! The JSON output of SPEC.md section 3, serialised straight from the findings to the writer (no tree of JSON
//! values in between), so that a province's findings stream out in the memory they already take.

use crate::Report;
use crate::diagnostic::{Diagnostic, Edit, Fix, Label};
use crate::render::Summary;
use crate::source::{FileId, Files, Span};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::io::{self, Write};

/// The place of a label or an edit; keys in alphabetical order, as in every object of the output.
fn location<M: SerializeMap>(map: &mut M, files: &Files, file: FileId, span: Span) -> Result<(), M::Error> {
    let source = files.get(file);
    let start = source.position(span.start);
    let end = source.position(span.end);
    map.serialize_entry("column", &start.column)?;
    map.serialize_entry("end_column", &end.column)?;
    map.serialize_entry("end_line", &end.line)?;
    map.serialize_entry("file", &source.name)?;
    map.serialize_entry("line", &start.line)
}

struct LabelView<'a>(&'a Files, &'a Label);

impl Serialize for LabelView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        location(&mut map, self.0, self.1.file, self.1.span)?;
        map.serialize_entry("message", &self.1.message)?;
        map.end()
    }
}

struct EditView<'a>(&'a Files, &'a Edit);

impl Serialize for EditView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        location(&mut map, self.0, self.1.file, self.1.span)?;
        map.serialize_entry("replacement", &self.1.replacement)?;
        map.end()
    }
}

struct FixView<'a>(&'a Files, &'a Fix);

impl Serialize for FixView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("applicability", self.1.applicability.as_str())?;
        map.serialize_entry("edits", &Many(self.1.edits.iter().map(|e| EditView(self.0, e))))?;
        map.end()
    }
}

/// A sequence serialised from an iterator, without collecting it.
pub(crate) struct Many<I>(pub(crate) I);

impl<I: Iterator<Item = T> + Clone, T: Serialize> Serialize for Many<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for item in self.0.clone() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// One diagnostic as a JSON object (also one line of `json-lines`).
pub struct DiagnosticView<'a>(pub &'a Files, pub &'a Diagnostic);

impl Serialize for DiagnosticView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let DiagnosticView(files, d) = *self;
        let mut map = serializer.serialize_map(Some(13))?;
        let source = files.get(d.primary.file);
        let start = source.position(d.primary.span.start);
        let end = source.position(d.primary.span.end);
        map.serialize_entry("code", d.code)?;
        map.serialize_entry("column", &start.column)?;
        map.serialize_entry("end_column", &end.column)?;
        map.serialize_entry("end_line", &end.line)?;
        map.serialize_entry("file", &source.name)?;
        map.serialize_entry("fix", &d.fix.as_ref().map(|fix| FixView(files, fix)))?;
        map.serialize_entry("help", &d.help)?;
        map.serialize_entry("labels", &Many(d.secondary.iter().map(|l| LabelView(files, l))))?;
        map.serialize_entry("line", &start.line)?;
        map.serialize_entry("message", &d.message)?;
        map.serialize_entry("name", d.name)?;
        map.serialize_entry("notes", &d.notes)?;
        map.serialize_entry("severity", d.severity.as_str())?;
        map.end()
    }
}

struct SummaryView(Summary);

impl Serialize for SummaryView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("errors", &self.0.errors)?;
        map.serialize_entry("files", &self.0.files)?;
        map.serialize_entry("infos", &self.0.infos)?;
        map.serialize_entry("warnings", &self.0.warnings)?;
        map.end()
    }
}

struct DocumentView<'a>(&'a Report);

impl Serialize for DocumentView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let mut map = serializer.serialize_map(Some(3))?;
        let diagnostics = report.diagnostics.iter().map(|d| DiagnosticView(&report.files, d));
        map.serialize_entry("diagnostics", &Many(diagnostics))?;
        map.serialize_entry("summary", &SummaryView(Summary::of(report)))?;
        map.serialize_entry("version", &1)?;
        map.end()
    }
}

pub(crate) fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

/// Write the whole report as pretty-printed JSON with a final newline.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &DocumentView(report)).map_err(io_error)?;
    out.write_all(b"\n")
}

/// Write one diagnostic as one line of compact JSON.
pub fn write_line(files: &Files, d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &DiagnosticView(files, d)).map_err(io_error)?;
    out.write_all(b"\n")
}

/// The whole report as pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    crate::render::into_string(|out| write(report, out))
}
