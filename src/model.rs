//! Schema v1 (SPEC.md section 2): one YAML file is one IKI document. Every value a rule may point at keeps its
//! span. Required keys are `Option` because a document with a missing key is still linted: the schema check
//! reports the gap (S002) and the other rules skip what is absent.

use crate::source::{FileId, Span};

/// A value with the span of its source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

pub type Text = Sp<String>;

#[derive(Clone, Debug)]
pub struct Document {
    pub file: FileId,
    /// The whole top-level mapping.
    pub span: Span,
    pub dokumen: Option<Dokumen>,
    pub jabatan: Vec<Jabatan>,
}

#[derive(Clone, Debug)]
pub struct Dokumen {
    pub span: Span,
    pub id: Option<Text>,
    pub unit: Option<Text>,
    pub tahun: Option<Sp<i64>>,
    pub tempat: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Jabatan {
    pub span: Span,
    pub id: Option<Text>,
    pub nama: Option<Text>,
    pub atasan: Option<Text>,
    pub pemangku: Option<Person>,
    pub tugas: Vec<Text>,
    pub fungsi: Vec<Text>,
    /// Span of the `sasaran` value when the key is present (an empty list is A007, a missing key S002).
    pub sasaran_span: Option<Span>,
    pub sasaran: Vec<Sasaran>,
    pub tanda_tangan: Option<TandaTangan>,
}

/// A name with an NIP: the holder of a position, or a signer.
#[derive(Clone, Debug)]
pub struct Person {
    pub span: Span,
    pub nama: Option<Text>,
    pub nip: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Sasaran {
    pub span: Span,
    /// The written id, or the default `S<n>` (1-based position) with the span of the item.
    pub id: Text,
    pub id_written: bool,
    pub uraian: Option<Text>,
    pub mendukung: Option<Text>,
    pub indikator_span: Option<Span>,
    pub indikator: Vec<Indikator>,
}

#[derive(Clone, Debug)]
pub struct Indikator {
    pub span: Span,
    pub uraian: Option<Text>,
    pub satuan: Option<Text>,
    pub formula: Option<Text>,
    /// As written; a number target keeps its source text (`81.35` stays `81.35`).
    pub target: Option<Text>,
    pub sumber_data: Vec<Text>,
    pub mendukung: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct TandaTangan {
    pub span: Span,
    pub tempat_tanggal: Option<Text>,
    pub atasan: Option<Signer>,
    pub pegawai: Option<Signer>,
}

#[derive(Clone, Debug)]
pub struct Signer {
    pub span: Span,
    pub jabatan: Option<Text>,
    pub nama: Option<Text>,
    pub nip: Option<Text>,
}

impl Document {
    pub fn id(&self) -> Option<&str> {
        self.dokumen.as_ref()?.id.as_ref().map(Text::as_str)
    }

    pub fn tahun(&self) -> Option<i64> {
        self.dokumen.as_ref()?.tahun.as_ref().map(|t| t.value)
    }

    /// Every text value of the document with the schema key it was written under, in source order of the
    /// schema: the single place that knows which fields are free text, for rules that scan all of them.
    pub fn texts(&self) -> Vec<(&'static str, &Text)> {
        let mut out = Vec::new();
        if let Some(d) = &self.dokumen {
            push_opt(&mut out, "unit", &d.unit);
            push_opt(&mut out, "tempat", &d.tempat);
        }
        for jabatan in &self.jabatan {
            push_opt(&mut out, "nama", &jabatan.nama);
            if let Some(p) = &jabatan.pemangku {
                push_opt(&mut out, "pemangku.nama", &p.nama);
            }
            out.extend(jabatan.tugas.iter().map(|t| ("tugas", t)));
            out.extend(jabatan.fungsi.iter().map(|t| ("fungsi", t)));
            for sasaran in &jabatan.sasaran {
                push_opt(&mut out, "sasaran.uraian", &sasaran.uraian);
                for indikator in &sasaran.indikator {
                    push_opt(&mut out, "indikator.uraian", &indikator.uraian);
                    push_opt(&mut out, "formula", &indikator.formula);
                    push_opt(&mut out, "target", &indikator.target);
                    out.extend(indikator.sumber_data.iter().map(|t| ("sumber_data", t)));
                }
            }
            if let Some(tt) = &jabatan.tanda_tangan {
                push_opt(&mut out, "tempat_tanggal", &tt.tempat_tanggal);
                for signer in [&tt.atasan, &tt.pegawai].into_iter().flatten() {
                    push_opt(&mut out, "tanda_tangan.jabatan", &signer.jabatan);
                    push_opt(&mut out, "tanda_tangan.nama", &signer.nama);
                }
            }
        }
        out
    }
}

fn push_opt<'a>(out: &mut Vec<(&'static str, &'a Text)>, key: &'static str, value: &'a Option<Text>) {
    if let Some(value) = value {
        out.push((key, value));
    }
}
