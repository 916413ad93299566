//! Reading the YAML tree of an SKP file against the schema (SPEC.md section 6), through the same reader as IKI
//! documents: every wrong type and missing key (S002), unknown key with did-you-mean (S003), empty required text
//! (S005) and repeated key (S006), in one pass.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::model::Sp;
use crate::rules::structure::SCHEMA_MISMATCH;
use crate::schema::{Expect, Fields, Reader, node_span};
use crate::source::FileId;
use crate::yaml::{Node, NodeKind};

const ROOT_KEYS: &[&str] = &[
    "skp",
    "pegawai",
    "pejabat_penilai",
    "atasan_penilai",
    "periode",
    "rhk",
    "perilaku",
    "lampiran",
];
const SKP_KEYS: &[&str] = &["id", "tahun", "pendekatan", "jpt", "puncak", "jabatan"];
const PERSON_KEYS: &[&str] = &["nama", "nip", "jabatan", "unit", "pangkat"];
const PERIODE_KEYS: &[&str] = &["mulai", "selesai"];
const RHK_KEYS: &[&str] = &[
    "id",
    "jenis",
    "uraian",
    "intervensi",
    "sasaran",
    "perspektif",
    "mandiri",
    "indikator",
];
const INDIKATOR_KEYS: &[&str] = &["aspek", "uraian", "target", "satuan"];
const PERILAKU_KEYS: &[&str] = &["aspek", "ekspektasi"];
const LAMPIRAN_KEYS: &[&str] = &["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"];

/// Build the SKP model of one parsed file, appending schema findings to `out`.
pub fn read_skp(file: FileId, source: &str, root: &Node, out: &mut Vec<Diagnostic>) -> SkpDocument {
    let mut reader = Reader { file, source, out };
    reader.skp_document(root)
}

impl Reader<'_> {
    fn skp_document(&mut self, root: &Node) -> SkpDocument {
        let mut document = SkpDocument {
            file: self.file,
            span: root.span,
            skp: None,
            pegawai: None,
            pejabat_penilai: None,
            atasan_penilai: None,
            periode: None,
            rhk_span: None,
            rhk: Vec::new(),
            perilaku_span: None,
            perilaku: Vec::new(),
            lampiran: None,
        };
        let required = &["skp", "pegawai", "pejabat_penilai", "periode", "rhk"];
        let Some(fields) = self.fields(root, ROOT_KEYS, required, "SKP") else {
            return document;
        };
        if let Some((_, node)) = fields.get("skp") {
            document.skp = self.skp_header(node);
        }
        document.pegawai = self.skp_person(&fields, "pegawai", &["nama", "nip", "jabatan"]);
        document.pejabat_penilai = self.skp_person(&fields, "pejabat_penilai", &["nama"]);
        document.atasan_penilai = self.skp_person(&fields, "atasan_penilai", &[]);
        if let Some((_, node)) = fields.get("periode") {
            document.periode = self.periode(node);
        }
        if let Some((span, items)) = self.list(&fields, "rhk") {
            if items.is_empty() {
                let key_span = fields.get("rhk").map_or(span, |(k, _)| k.span);
                self.empty("rhk", key_span);
            }
            document.rhk_span = Some(span);
            document.rhk = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.rhk(item, i))
                .collect();
        }
        if let Some((_, items)) = self.list(&fields, "perilaku") {
            // R011 names what the list lacks at its key, the line a reader looks for.
            document.perilaku_span = fields.get("perilaku").map(|(key, _)| key.span);
            document.perilaku = items.iter().filter_map(|item| self.perilaku(item)).collect();
        }
        if let Some((_, node)) = fields.get("lampiran") {
            document.lampiran = self.lampiran(node);
        }
        document
    }

    fn skp_header(&mut self, node: &Node) -> Option<Skp> {
        let fields = self.fields(node, SKP_KEYS, &["id", "tahun", "pendekatan"], "skp")?;
        let tahun = self.year(&fields);
        Some(Skp {
            span: fields.anchor,
            id: self.id(&fields, "id", true),
            tahun,
            pendekatan: self.text(&fields, "pendekatan", true, Expect::Text),
            jpt: self.flag(&fields, "jpt"),
            puncak: self.flag(&fields, "puncak"),
            jabatan: self.text(&fields, "jabatan", false, Expect::Text),
        })
    }

    /// An optional `true`/`false`.
    fn flag(&mut self, fields: &Fields, key: &str) -> Option<Sp<bool>> {
        let (_, node) = fields.get(key)?;
        match node.kind {
            NodeKind::Bool(value) => Some(Sp::new(value, node.span)),
            NodeKind::Null => None,
            _ => {
                SCHEMA_MISMATCH
                    .report(self.file, node_span(node, self.source), &[])
                    .message("message-bool", &[("key", &key)])
                    .label("label-bool", &[])
                    .help("help-bool", &[("key", &key)])
                    .emit(self.out);
                None
            }
        }
    }

    fn skp_person(&mut self, parent: &Fields, key: &str, required: &[&str]) -> Option<SkpPerson> {
        let (_, node) = parent.get(key)?;
        let fields = self.fields(node, PERSON_KEYS, required, key)?;
        let text = |reader: &mut Self, k: &str| reader.text(&fields, k, required.contains(&k), Expect::Text);
        Some(SkpPerson {
            span: fields.anchor,
            nama: text(self, "nama"),
            nip: self.text(&fields, "nip", required.contains(&"nip"), Expect::TextOrNumber),
            jabatan: text(self, "jabatan"),
            unit: text(self, "unit"),
            pangkat: text(self, "pangkat"),
        })
    }

    fn periode(&mut self, node: &Node) -> Option<Periode> {
        let fields = self.fields(node, PERIODE_KEYS, &["mulai", "selesai"], "periode")?;
        Some(Periode {
            span: fields.anchor,
            mulai: self.text(&fields, "mulai", true, Expect::TextOrNumber),
            selesai: self.text(&fields, "selesai", true, Expect::TextOrNumber),
        })
    }

    fn rhk(&mut self, node: &Node, index: usize) -> Option<Rhk> {
        let fields = self.fields(node, RHK_KEYS, &["uraian", "indikator"], "rhk")?;
        let written = self.text(&fields, "id", false, Expect::TextOrNumber);
        if let Some(id) = &written
            && (id.value.contains('/') || id.value.chars().any(char::is_whitespace))
        {
            SCHEMA_MISMATCH
                .report(self.file, id.span, &[])
                .message("message-rhk-id", &[("value", &id.value)])
                .label("label-id", &[])
                .help("help-rhk-id", &[("suggestion", &format!("R{}", index + 1))])
                .emit(self.out);
        }
        let indikator_list = self.list(&fields, "indikator");
        let indikator = match indikator_list {
            Some((_, items)) => items.iter().filter_map(|item| self.rhk_indikator(item)).collect(),
            None => Vec::new(),
        };
        Some(Rhk {
            span: fields.anchor,
            id_written: written.is_some(),
            id: written.unwrap_or_else(|| Sp::new(format!("R{}", index + 1), fields.anchor)),
            jenis: self.text(&fields, "jenis", false, Expect::Text),
            uraian: self.text(&fields, "uraian", true, Expect::Text),
            intervensi: self.text(&fields, "intervensi", false, Expect::Text),
            sasaran: self.text(&fields, "sasaran", false, Expect::Text),
            perspektif: self.text(&fields, "perspektif", false, Expect::Text),
            mandiri: self.flag(&fields, "mandiri"),
            indikator_span: indikator_list.map(|(span, _)| span),
            printed: None,
            indikator,
        })
    }

    fn rhk_indikator(&mut self, node: &Node) -> Option<RhkIndikator> {
        let fields = self.fields(node, INDIKATOR_KEYS, &["uraian"], "indikator")?;
        Some(RhkIndikator {
            span: fields.anchor,
            aspek: self.text(&fields, "aspek", false, Expect::Text),
            uraian: self.text(&fields, "uraian", true, Expect::Text),
            target: self.text(&fields, "target", false, Expect::TextOrNumber),
            satuan: self.text(&fields, "satuan", false, Expect::Text),
        })
    }

    fn perilaku(&mut self, node: &Node) -> Option<Perilaku> {
        let fields = self.fields(node, PERILAKU_KEYS, &["aspek"], "perilaku")?;
        Some(Perilaku {
            span: fields.anchor,
            aspek: self.text(&fields, "aspek", true, Expect::Text),
            ekspektasi: self.text(&fields, "ekspektasi", false, Expect::Text),
        })
    }

    fn lampiran(&mut self, node: &Node) -> Option<Lampiran> {
        let fields = self.fields(node, LAMPIRAN_KEYS, &[], "lampiran")?;
        Some(Lampiran {
            span: fields.anchor,
            dukungan_sumber_daya: self.text_list(&fields, "dukungan_sumber_daya"),
            skema_pertanggungjawaban: self.text_list(&fields, "skema_pertanggungjawaban"),
            konsekuensi: self.text_list(&fields, "konsekuensi"),
        })
    }
}
