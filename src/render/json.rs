//! The JSON output of SPEC.md section 3, serialised straight from the findings to the writer (no tree of JSON
//! values in between), so that a province's findings stream out in the memory they already take.

use crate::Report;
use crate::diagnostic::{Diagnostic, Edit, Fix, Label};
use crate::i18n::Lang;
use crate::office::Origin;
use crate::render::Summary;
use crate::render::stream::{self, Sources};
use crate::source::{FileId, Span};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::io::{self, Write};

/// The place of a label or an edit; keys in alphabetical order, as in every object of the output.
fn location<M: SerializeMap>(map: &mut M, sources: &Sources, file: FileId, span: Span) -> Result<(), M::Error> {
    let source = sources.get(file);
    let start = source.position(span.start);
    let end = source.position(span.end);
    map.serialize_entry("column", &start.column)?;
    map.serialize_entry("end_column", &end.column)?;
    map.serialize_entry("end_line", &end.line)?;
    map.serialize_entry("file", &source.name)?;
    map.serialize_entry("line", &start.line)
}

struct LabelView<'a>(&'a Sources<'a>, &'a Label, Lang);

impl Serialize for LabelView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let LabelView(files, label, lang) = *self;
        let mut map = serializer.serialize_map(Some(6))?;
        location(&mut map, files, label.file, label.span)?;
        // A label without text is written with an empty one.
        match &label.message {
            Some(text) => map.serialize_entry("message", &text.in_lang(lang))?,
            None => map.serialize_entry("message", "")?,
        }
        map.end()
    }
}

struct EditView<'a>(&'a Sources<'a>, &'a Edit);

impl Serialize for EditView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        location(&mut map, self.0, self.1.file, self.1.span)?;
        map.serialize_entry("replacement", &self.1.replacement)?;
        map.end()
    }
}

struct FixView<'a>(&'a Sources<'a>, &'a Fix);

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

/// Where in its office file a finding is (SPEC.md section 7); every part present, `null` when it does not apply.
pub(crate) struct OriginView<'a>(pub(crate) &'a Origin, pub(crate) Lang);

impl Serialize for OriginView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let OriginView(origin, lang) = *self;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("cell", &origin.cell)?;
        map.serialize_entry("column", &origin.column.as_deref())?;
        map.serialize_entry("paragraph", &origin.paragraph)?;
        map.serialize_entry("part", &origin.describe(lang))?;
        map.serialize_entry("row", &origin.row)?;
        map.serialize_entry("sheet", &origin.sheet.as_deref())?;
        map.serialize_entry("table", &origin.table)?;
        map.serialize_entry("text_line", &origin.line)?;
        map.end()
    }
}

/// One diagnostic as a JSON object (also one line of `json-lines`), its texts in `lang`.
pub struct DiagnosticView<'a>(pub &'a Sources<'a>, pub &'a Diagnostic, pub Lang);

impl Serialize for DiagnosticView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let DiagnosticView(sources, d, lang) = *self;
        let files = sources.files;
        let mut map = serializer.serialize_map(Some(15))?;
        let source = sources.get(d.primary.file);
        let start = source.position(d.primary.span.start);
        let end = source.position(d.primary.span.end);
        map.serialize_entry("code", d.code)?;
        map.serialize_entry("column", &start.column)?;
        map.serialize_entry("end_column", &end.column)?;
        map.serialize_entry("end_line", &end.line)?;
        map.serialize_entry("file", &source.name)?;
        map.serialize_entry("fix", &d.fix.as_ref().map(|fix| FixView(sources, fix)))?;
        map.serialize_entry("help", &d.help.as_ref().map(|h| h.in_lang(lang)))?;
        map.serialize_entry("jabatan", &files.concern(d.primary.file, d.primary.span))?;
        map.serialize_entry("labels", &Many(d.secondary.iter().map(|l| LabelView(sources, l, lang))))?;
        map.serialize_entry("line", &start.line)?;
        map.serialize_entry("message", &d.message.in_lang(lang))?;
        map.serialize_entry("name", d.name)?;
        map.serialize_entry("notes", &Many(d.notes.iter().map(|n| n.in_lang(lang))))?;
        let origin = files.origin(d.primary.file, d.primary.span);
        map.serialize_entry("origin", &origin.as_ref().map(|o| OriginView(o, lang)))?;
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

pub(crate) fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

/// Write the whole report as pretty-printed JSON with a final newline: the document `serde_json` would print, its
/// findings rendered a few files at a time on all cores ([`stream::write_findings`]).
pub fn write(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\n  \"diagnostics\": ")?;
    stream::write_json_array(report, out, 1, |sources, run, elements, bytes| {
        elements.write_each(run, bytes, |d| DiagnosticView(sources, d, lang))
    })?;
    out.write_all(b",\n  \"summary\": ")?;
    let mut summary = Vec::new();
    stream::write_pretty_at(&SummaryView(Summary::of(report)), b"  ", &mut summary)?;
    out.write_all(&summary)?;
    out.write_all(b",\n  \"version\": 1\n}\n")
}

/// The whole report as pretty-printed JSON with a final newline.
pub fn render(report: &Report, lang: Lang) -> String {
    crate::render::into_string(|out| write(report, lang, out))
}
