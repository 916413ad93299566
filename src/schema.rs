//! Reading the YAML tree against schema v1: builds the model and reports, in one pass over the file, every
//! wrong type and missing key (S002), unknown key (S003), empty required text (S005) and repeated key (S006).

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::model::*;
use crate::rules::structure::{DUPLICATE_KEY, EMPTY_VALUE, SCHEMA_MISMATCH, UNKNOWN_KEY};
use crate::source::{FileId, Span};
use crate::yaml::{Node, NodeKind};

const ROOT_KEYS: &[&str] = &["dokumen", "jabatan"];
/// Years an IKI document can be for: the civil service of the Republic onwards, and not far into the future.
pub(crate) const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i64> = 1945..=2100;
const DOKUMEN_KEYS: &[&str] = &["id", "unit", "tahun", "tempat"];
const JABATAN_KEYS: &[&str] = &[
    "id",
    "nama",
    "atasan",
    "pemangku",
    "tugas",
    "fungsi",
    "sasaran",
    "tanda_tangan",
];
const PERSON_KEYS: &[&str] = &["nama", "nip"];
const SASARAN_KEYS: &[&str] = &["id", "uraian", "mendukung", "indikator"];
const INDIKATOR_KEYS: &[&str] = &["uraian", "satuan", "formula", "target", "sumber_data", "mendukung"];
const TANDA_TANGAN_KEYS: &[&str] = &["tempat_tanggal", "atasan", "pegawai"];
const SIGNER_KEYS: &[&str] = &["jabatan", "nama", "nip"];

/// Whether a top-level mapping is an IKI document (SPEC.md section 2): it has `dokumen` or `jabatan`.
pub fn is_iki_document(root: &Node) -> bool {
    root.entries().is_some_and(|entries| {
        entries
            .iter()
            .any(|(k, _)| matches!(k.as_str(), Some("dokumen" | "jabatan")))
    })
}

/// Whether a top-level mapping is an SKP document (SPEC.md section 6): it has `skp`.
pub fn is_skp_document(root: &Node) -> bool {
    root.get("skp").is_some()
}

/// A top-level mapping with both an `skp` key and an IKI key (`dokumen` or `jabatan`): S002 at the `skp` key, and
/// the file is read as neither kind.
pub fn report_both_kinds(file: FileId, root: &Node, out: &mut Vec<Diagnostic>) {
    let span = root
        .entries()
        .and_then(|entries| entries.iter().find(|(k, _)| k.as_str() == Some("skp")))
        .map_or(root.span, |(k, _)| k.span);
    SCHEMA_MISMATCH
        .report(file, span, &[])
        .message("message-both-kinds", &[])
        .label("label-both-kinds", &[])
        .help("help-both-kinds", &[])
        .emit(out);
}

/// Build the model of one parsed file, appending schema findings to `out`.
pub fn read_document(file: FileId, source: &str, root: &Node, out: &mut Vec<Diagnostic>) -> Document {
    let mut reader = Reader { file, source, out };
    reader.document(root)
}

/// The schema reader; its helpers are shared with the SKP reader ([`crate::skp::read`]).
pub(crate) struct Reader<'a> {
    pub(crate) file: FileId,
    pub(crate) source: &'a str,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

/// The entries of one mapping after repeated and unknown keys have been reported.
pub(crate) struct Fields<'n> {
    /// The mapping node, and where a missing key is reported: its first key (a mapping's own span is empty).
    pub(crate) anchor: Span,
    entries: Vec<(&'static str, &'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    pub(crate) fn get(&self, key: &str) -> Option<(&'n Node, &'n Node)> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, v)| (*k, *v))
    }
}

pub(crate) enum Expect {
    Text,
    /// Text, or a number kept as written (targets, NIPs written without quotes).
    TextOrNumber,
}

impl<'a> Reader<'a> {
    fn type_name(&self, node: &Node) -> Message {
        Message::new(node.type_key(), &[])
    }

    fn common(&self, key: &str) -> Message {
        Message::new(&format!("common.{key}"), &[])
    }

    pub(crate) fn wrong_type(&mut self, key: &str, node: &Node, expected: &str) {
        let found = self.type_name(node);
        let expected = self.common(expected);
        SCHEMA_MISMATCH
            .report(
                self.file,
                node_span(node, self.source),
                &[("key", &key), ("expected", &expected), ("found", &found)],
            )
            .label("label", &[("expected", &expected)])
            .help("help", &[("key", &key), ("expected", &expected)])
            .emit(self.out);
    }

    pub(crate) fn missing(&mut self, key: &str, parent: &str, anchor: Span) {
        SCHEMA_MISMATCH
            .report(self.file, anchor, &[])
            .message("message-missing", &[("key", &key), ("parent", &parent)])
            .label("label-missing", &[("key", &key), ("parent", &parent)])
            .help("help-missing", &[("key", &key), ("parent", &parent)])
            .emit(self.out);
    }

    pub(crate) fn empty(&mut self, key: &str, span: Span) {
        EMPTY_VALUE
            .report(self.file, span, &[("key", &key)])
            .label("label", &[])
            .help("help", &[("key", &key)])
            .emit(self.out);
    }

    /// Report repeated and unknown keys of a mapping; `parent` names it in messages.
    pub(crate) fn fields<'n>(
        &mut self,
        node: &'n Node,
        known: &[&'static str],
        required: &[&str],
        parent: &str,
    ) -> Option<Fields<'n>> {
        let Some(entries) = node.entries() else {
            // An optional block (`pemangku:`, `tanda_tangan:`) left empty is simply absent; a required one is not.
            if node.kind != NodeKind::Null || !required.is_empty() {
                self.wrong_type(parent, node, "type-mapping");
            }
            return None;
        };
        let anchor = entries.first().map_or(node.span, |(k, _)| k.span);
        let mut fields = Fields {
            anchor,
            entries: Vec::new(),
        };
        let mut seen: Vec<(String, &Node)> = Vec::new();
        let mut unknown: Vec<(&Node, &Node, String)> = Vec::new();
        for (key, value) in entries {
            let key_text = match key.as_str() {
                Some(text) => text.to_string(),
                None => self.source.get(key.span.range()).unwrap_or("?").to_string(),
            };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key_text) {
                DUPLICATE_KEY
                    .report(self.file, key.span, &[("key", &key_text)])
                    .label("label", &[])
                    .secondary(self.file, first.span, "label-first", &[])
                    .help("help", &[("key", &key_text)])
                    .emit(self.out);
                continue;
            }
            seen.push((key_text.clone(), key));
            match known.iter().find(|k| **k == key_text) {
                Some(k) => fields.entries.push((k, key, value)),
                None => unknown.push((key, value, key_text)),
            }
        }
        for (key, value, key_text) in unknown {
            let present: Vec<&str> = fields.entries.iter().map(|(k, _, _)| *k).collect();
            let absent = known.iter().copied().filter(|k| !present.contains(k));
            let suggestion = crate::similarity::closest(&key_text, absent, 0.8);
            let mut finding = UNKNOWN_KEY
                .report(self.file, key.span, &[("key", &key_text), ("parent", &parent)])
                .label("label", &[("parent", &parent)]);
            finding = match suggestion {
                Some(s) => {
                    let finding = finding.help("help", &[("suggestion", &s)]);
                    // Renaming is offered as a safe fix only when the key is written plainly and exactly one
                    // absent known key is close: then the rename cannot pick the wrong key.
                    let close = known
                        .iter()
                        .filter(|k| !present.contains(k))
                        .filter(|k| strsim::jaro_winkler(&key_text.to_lowercase(), k) >= 0.8)
                        .count();
                    if close == 1 && self.source.get(key.span.range()) == Some(key_text.as_str()) {
                        finding.fix(Fix::replace(Applicability::Safe, self.file, key.span, s))
                    } else {
                        finding
                    }
                }
                None => finding.help("help-list", &[("known", &known.join(", "))]),
            };
            finding.emit(self.out);
            // A misspelt required key is reported once, as S003, and its value is still read.
            if let Some(k) = suggestion.filter(|s| required.contains(s)) {
                fields.entries.push((k, key, value));
            }
        }
        for key in required {
            if fields.get(key).is_none() {
                self.missing(key, parent, anchor);
            }
        }
        Some(fields)
    }

    pub(crate) fn text(&mut self, fields: &Fields, key: &str, required: bool, expect: Expect) -> Option<Text> {
        let (_, node) = fields.get(key)?;
        let value = match &node.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Int(_) | NodeKind::Float(_) if matches!(expect, Expect::TextOrNumber) => {
                self.source.get(node.span.range()).unwrap_or("").trim().to_string()
            }
            NodeKind::Null => {
                if required {
                    self.empty(key, fields.get(key).map_or(node.span, |(k, _)| k.span));
                }
                return None;
            }
            _ => {
                self.wrong_type(key, node, "type-text");
                return None;
            }
        };
        if required && value.trim().is_empty() {
            self.empty(key, node_span(node, self.source));
        }
        Some(Sp::new(value, node_span(node, self.source)))
    }

    pub(crate) fn id(&mut self, fields: &Fields, key: &str, required: bool) -> Option<Text> {
        let id = self.text(fields, key, required, Expect::Text)?;
        let valid = !id.value.is_empty()
            && id
                .value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid && !id.value.trim().is_empty() {
            let suggestion = slug(&id.value);
            SCHEMA_MISMATCH
                .report(self.file, id.span, &[])
                .message("message-id", &[("key", &key), ("value", &id.value)])
                .label("label-id", &[])
                .help("help-id", &[("suggestion", &suggestion)])
                .emit(self.out);
        }
        Some(id)
    }

    pub(crate) fn text_list(&mut self, fields: &Fields, key: &str) -> Vec<Text> {
        let Some((_, node)) = fields.get(key) else {
            return Vec::new();
        };
        match &node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .filter_map(|item| match &item.kind {
                    NodeKind::Str(s) => Some(Sp::new(s.clone(), node_span(item, self.source))),
                    NodeKind::Null => None,
                    _ => {
                        self.wrong_type(key, item, "type-text");
                        None
                    }
                })
                .collect(),
            NodeKind::Null => Vec::new(),
            NodeKind::Str(s) => {
                // Still read the text so the other rules see it; the shape is what S002 reports.
                self.wrong_type(key, node, "type-list");
                vec![Sp::new(s.clone(), node_span(node, self.source))]
            }
            _ => {
                self.wrong_type(key, node, "type-list");
                Vec::new()
            }
        }
    }

    /// The items of a list value; `None` when the key is absent.
    pub(crate) fn list<'n>(&mut self, fields: &Fields<'n>, key: &str) -> Option<(Span, &'n [Node])> {
        let (_, node) = fields.get(key)?;
        match &node.kind {
            NodeKind::Seq(items) => Some((node_span(node, self.source), items)),
            NodeKind::Null => Some((node_span(node, self.source), &[])),
            _ => {
                self.wrong_type(key, node, "type-list");
                None
            }
        }
    }

    fn document(&mut self, root: &Node) -> Document {
        let mut document = Document {
            file: self.file,
            span: root.span,
            dokumen: None,
            jabatan: Vec::new(),
        };
        let Some(fields) = self.fields(root, ROOT_KEYS, &["dokumen", "jabatan"], "dokumen IKI") else {
            return document;
        };
        if let Some((_, node)) = fields.get("dokumen") {
            document.dokumen = self.dokumen(node);
        }
        if let Some((span, items)) = self.list(&fields, "jabatan") {
            if items.is_empty() {
                let key_span = fields.get("jabatan").map_or(span, |(k, _)| k.span);
                self.empty("jabatan", key_span);
            }
            document.jabatan = items.iter().filter_map(|item| self.jabatan(item)).collect();
        }
        document
    }

    fn dokumen(&mut self, node: &Node) -> Option<Dokumen> {
        let fields = self.fields(node, DOKUMEN_KEYS, &["id", "unit", "tahun"], "dokumen")?;
        let tahun = self.year(&fields);
        Some(Dokumen {
            span: fields.anchor,
            id: self.id(&fields, "id", true),
            unit: self.text(&fields, "unit", true, Expect::Text),
            tahun,
            tempat: self.text(&fields, "tempat", false, Expect::Text),
        })
    }

    /// The `tahun` of a mapping: a plausible whole year.
    pub(crate) fn year(&mut self, fields: &Fields) -> Option<Sp<i64>> {
        fields.get("tahun").and_then(|(_, node)| match node.kind {
            NodeKind::Int(year) if PLAUSIBLE_YEARS.contains(&year) => Some(Sp::new(year, node.span)),
            NodeKind::Int(_) | NodeKind::Float(_) => {
                let written = self.source.get(node.span.range()).unwrap_or("").trim().to_string();
                SCHEMA_MISMATCH
                    .report(self.file, node_span(node, self.source), &[])
                    .message("message-year", &[("value", &written)])
                    .label("label-year", &[])
                    .help("help-year", &[])
                    .emit(self.out);
                None
            }
            _ => {
                self.wrong_type("tahun", node, "type-year");
                None
            }
        })
    }

    fn jabatan(&mut self, node: &Node) -> Option<Jabatan> {
        let fields = self.fields(node, JABATAN_KEYS, &["id", "nama", "sasaran"], "jabatan")?;
        let sasaran_list = self.list(&fields, "sasaran");
        let sasaran = match sasaran_list {
            Some((_, items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.sasaran(item, i))
                .collect(),
            None => Vec::new(),
        };
        let pemangku = fields.get("pemangku").and_then(|(_, n)| self.person(n));
        let tanda_tangan = fields.get("tanda_tangan").and_then(|(_, n)| self.tanda_tangan(n));
        Some(Jabatan {
            span: fields.anchor,
            id: self.id(&fields, "id", true),
            nama: self.text(&fields, "nama", true, Expect::Text),
            atasan: self.text(&fields, "atasan", false, Expect::Text),
            pemangku,
            tugas: self.text_list(&fields, "tugas"),
            fungsi: self.text_list(&fields, "fungsi"),
            sasaran_span: sasaran_list.map(|(span, _)| span),
            sasaran,
            tanda_tangan,
        })
    }

    fn person(&mut self, node: &Node) -> Option<Person> {
        let fields = self.fields(node, PERSON_KEYS, &[], "pemangku")?;
        Some(Person {
            span: fields.anchor,
            nama: self.text(&fields, "nama", false, Expect::Text),
            nip: self.text(&fields, "nip", false, Expect::TextOrNumber),
        })
    }

    fn sasaran(&mut self, node: &Node, index: usize) -> Option<Sasaran> {
        let fields = self.fields(node, SASARAN_KEYS, &["uraian", "indikator"], "sasaran")?;
        let written = self.text(&fields, "id", false, Expect::Text);
        if let Some(id) = &written
            && (id.value.contains('/') || id.value.chars().any(char::is_whitespace))
        {
            SCHEMA_MISMATCH
                .report(self.file, id.span, &[])
                .message("message-sasaran-id", &[("value", &id.value)])
                .label("label-id", &[])
                .help("help-sasaran-id", &[("suggestion", &format!("S{}", index + 1))])
                .emit(self.out);
        }
        let indikator_list = self.list(&fields, "indikator");
        let indikator = match indikator_list {
            Some((_, items)) => items.iter().filter_map(|item| self.indikator(item)).collect(),
            None => Vec::new(),
        };
        Some(Sasaran {
            span: fields.anchor,
            id_written: written.is_some(),
            id: written.unwrap_or_else(|| Sp::new(format!("S{}", index + 1), fields.anchor)),
            uraian: self.text(&fields, "uraian", true, Expect::Text),
            mendukung: self.text(&fields, "mendukung", false, Expect::Text),
            indikator_span: indikator_list.map(|(span, _)| span),
            indikator,
        })
    }

    fn indikator(&mut self, node: &Node) -> Option<Indikator> {
        let fields = self.fields(node, INDIKATOR_KEYS, &["uraian"], "indikator")?;
        Some(Indikator {
            span: fields.anchor,
            uraian: self.text(&fields, "uraian", true, Expect::Text),
            satuan: self.text(&fields, "satuan", false, Expect::Text),
            formula: self.text(&fields, "formula", false, Expect::TextOrNumber),
            target: self.text(&fields, "target", false, Expect::TextOrNumber),
            sumber_data: self.text_list(&fields, "sumber_data"),
            mendukung: self.text(&fields, "mendukung", false, Expect::Text),
        })
    }

    fn tanda_tangan(&mut self, node: &Node) -> Option<TandaTangan> {
        let fields = self.fields(node, TANDA_TANGAN_KEYS, &[], "tanda_tangan")?;
        let atasan = fields.get("atasan").and_then(|(_, n)| self.signer(n, "atasan"));
        let pegawai = fields.get("pegawai").and_then(|(_, n)| self.signer(n, "pegawai"));
        Some(TandaTangan {
            span: fields.anchor,
            tempat_tanggal: self.text(&fields, "tempat_tanggal", false, Expect::Text),
            atasan,
            pegawai,
        })
    }

    fn signer(&mut self, node: &Node, parent: &str) -> Option<Signer> {
        let fields = self.fields(node, SIGNER_KEYS, &[], parent)?;
        Some(Signer {
            span: fields.anchor,
            jabatan: self.text(&fields, "jabatan", false, Expect::Text),
            nama: self.text(&fields, "nama", false, Expect::Text),
            nip: self.text(&fields, "nip", false, Expect::TextOrNumber),
        })
    }
}

/// The span to point at for a value: a quoted scalar's span covers its quotes, which is what the user sees; a
/// block scalar's is trimmed to its text.
pub(crate) fn node_span(node: &Node, source: &str) -> Span {
    let Some(text) = source.get(node.span.range()) else {
        return node.span;
    };
    let trimmed = text.trim_end();
    Span::new(node.span.start, node.span.start + trimmed.len())
}

/// A valid id made from an invalid one, for the help line: `Kasi Pembangunan` → `kasi-pembangunan`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A file named on the command line that holds no YAML at all.
pub fn report_empty_file(file: FileId, out: &mut Vec<Diagnostic>) {
    SCHEMA_MISMATCH
        .report(file, Span::new(0, 0), &[])
        .message("message-empty-file", &[])
        .label("label-empty-file", &[])
        .help("help-empty-file", &[])
        .emit(out);
}
