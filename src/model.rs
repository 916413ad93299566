//! Schema v1 (SPEC.md section 2): one YAML file is one IKI document. Every value a rule may point at keeps its
//! span. Required keys are `Option` because a document with a missing key is still linted: the schema check
//! reports the gap (S002) and the other rules skip what is absent.

use crate::json_schema::{AtasanRef, Id, MendukungRef, SasaranId, TextOrNumber};
use crate::source::{FileId, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A value with the span of its source text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: impl Into<T>, span: Span) -> Self {
        Sp {
            value: value.into(),
            span,
        }
    }
}

impl Sp<Box<str>> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

pub type Text = Sp<Box<str>>;

/// What moves when an edit of a file moves its bytes: every span of a value, see [`Span::shifted`]. The language
/// server reads one edited position again and moves the spans of the rest of the document instead of reading it.
pub trait Shift {
    fn shift(&mut self, from: usize, delta: isize);
}

impl Shift for Span {
    fn shift(&mut self, from: usize, delta: isize) {
        *self = self.shifted(from, delta);
    }
}

impl<T> Shift for Sp<T> {
    fn shift(&mut self, from: usize, delta: isize) {
        self.span.shift(from, delta);
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, from: usize, delta: isize) {
        if let Some(value) = self {
            value.shift(from, delta);
        }
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, from: usize, delta: isize) {
        self.iter_mut().for_each(|value| value.shift(from, delta));
    }
}

/// `Shift` for a struct: each listed field moves.
macro_rules! shift_fields {
    ($($ty:ty { $($field:ident),* })*) => {$(
        impl Shift for $ty {
            fn shift(&mut self, from: usize, delta: isize) {
                $(self.$field.shift(from, delta);)*
            }
        }
    )*};
}

shift_fields! {
    Document { span, dokumen, jabatan }
    Dokumen { span, id, unit, tahun, tempat }
    Jabatan { span, id, nama, atasan, pemangku, tugas, fungsi, sasaran_span, sasaran, tanda_tangan }
    Person { span, nama, nip }
    Sasaran { span, id, uraian, mendukung, indikator_span, indikator }
    Indikator { span, uraian, satuan, formula, target, sumber_data, mendukung }
    TandaTangan { span, tempat_tanggal, atasan, pegawai }
    Signer { span, jabatan, nama, nip }
}

/// In the JSON Schema a spanned value is just its value.
impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

// The doc comments of the fields below are the descriptions of the keys in the JSON Schema (`ikilint schema`),
// which editors show on hover and completion: write them for the people who fill in the YAML. `#[schemars]`
// attributes keep required/optional as SPEC.md section 2 says (required keys are `Option` here only so that a
// document with a missing key is still read).

/// One IKI document (Indikator Kinerja Individu) of one unit for one year, in ikilint's schema v1.
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(title = "IKI document (ikilint schema v1)", deny_unknown_fields)]
pub struct Document {
    #[schemars(skip)]
    pub file: FileId,
    /// The whole top-level mapping.
    #[schemars(skip)]
    pub span: Span,
    /// Required. The document: which unit, which year.
    #[schemars(with = "Dokumen")]
    pub dokumen: Option<Dokumen>,
    /// Required. The positions (jabatan) of the unit, in any order; link each to its direct superior with `atasan`.
    #[schemars(length(min = 1))]
    pub jabatan: Vec<Jabatan>,
}

/// Which unit and year this IKI document covers.
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Dokumen {
    #[schemars(skip)]
    pub span: Span,
    /// Required. The document's id: lowercase letters, digits and `-` (e.g. `masama-2020`); unique across all files linted together. Other documents refer to it as `<dokumen-id>/<jabatan-id>`.
    #[schemars(with = "Id")]
    pub id: Option<Text>,
    /// Required. The unit (e.g. `Kecamatan Masama`).
    #[schemars(with = "String")]
    pub unit: Option<Text>,
    /// Required. The year, as a number without quotes (e.g. `2020`).
    #[schemars(with = "i64")]
    pub tahun: Option<Sp<i64>>,
    /// Optional. The place written on the signature lines (e.g. `Masama`).
    pub tempat: Option<Text>,
}

/// A position (jabatan) with its duties, sasaran and indicators.
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Jabatan {
    #[schemars(skip)]
    pub span: Span,
    /// Required. The position's id: lowercase letters, digits and `-` (e.g. `kasi-pembangunan`); unique within the document.
    #[schemars(with = "Id")]
    pub id: Option<Text>,
    /// Required. The title as written after "Jabatan :" (e.g. `Kepala Seksi Pembangunan`).
    #[schemars(with = "String")]
    pub nama: Option<Text>,
    /// Optional. The direct superior: `<jabatan-id>` in this document, or `<dokumen-id>/<jabatan-id>`. Absent for the top position.
    #[schemars(with = "Option<AtasanRef>")]
    pub atasan: Option<Text>,
    /// Optional. The holder of the position (name and NIP).
    pub pemangku: Option<Person>,
    /// Optional. The duties (tugas), one string each.
    #[schemars(with = "Option<Vec<String>>")]
    pub tugas: Vec<Text>,
    /// Optional. The functions (fungsi), one string each.
    #[schemars(with = "Option<Vec<String>>")]
    pub fungsi: Vec<Text>,
    /// Span of the `sasaran` value when the key is present (an empty list is A007, a missing key S002).
    #[schemars(skip)]
    pub sasaran_span: Option<Span>,
    /// Required, at least one. The performance targets (sasaran kinerja) of the position.
    #[schemars(length(min = 1))]
    pub sasaran: Vec<Sasaran>,
    /// Optional. The signature block as printed.
    pub tanda_tangan: Option<TandaTangan>,
}

/// A name with an NIP: the holder of a position, or a signer.
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Person {
    #[schemars(skip)]
    pub span: Span,
    /// The name as written, with academic titles (e.g. `KAMALUDDIN DJANO, S.Pd., SH`).
    pub nama: Option<Text>,
    /// The NIP as written, spaces allowed: 18 digits grouped 8-6-1-3 (e.g. `"19680125 198611 1 001"`); quote it.
    #[schemars(with = "Option<TextOrNumber>")]
    pub nip: Option<Text>,
}

/// A performance target (sasaran kinerja) of a position, with its indicators.
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Sasaran {
    #[schemars(skip)]
    pub span: Span,
    /// Optional. The sasaran's id, without `/` or spaces; default `S1`, `S2`, … by position in the list.
    // The written id, or the default `S<n>` (1-based position) with the span of the item.
    #[schemars(with = "Option<SasaranId>")]
    pub id: Text,
    #[schemars(skip)]
    pub id_written: bool,
    /// Required. The result to achieve (e.g. "Meningkatnya kualitas pelayanan publik").
    #[schemars(with = "String")]
    pub uraian: Option<Text>,
    /// Optional. The superior sasaran this one feeds (cascading): `<sasaran-id>` of the direct superior, `<jabatan-id>/<sasaran-id>`, or `<dokumen-id>/<jabatan-id>/<sasaran-id>`. Its indicators inherit it.
    #[schemars(with = "Option<MendukungRef>")]
    pub mendukung: Option<Text>,
    #[schemars(skip)]
    pub indikator_span: Option<Span>,
    /// Required, at least one. The performance indicators (indikator kinerja) of this sasaran.
    #[schemars(length(min = 1))]
    pub indikator: Vec<Indikator>,
}

/// A performance indicator (indikator kinerja).
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Indikator {
    #[schemars(skip)]
    pub span: Span,
    /// Required. The indicator as written; its first word gives its unit (Persentase, Jumlah, Indeks, …).
    #[schemars(with = "String")]
    pub uraian: Option<Text>,
    /// Optional. The declared unit (e.g. `persen`), when the indicator's wording does not say it.
    pub satuan: Option<Text>,
    /// Optional. FORMULASI PERHITUNGAN / PENJELASAN: how the indicator is computed, as written.
    #[schemars(with = "Option<TextOrNumber>")]
    pub formula: Option<Text>,
    /// Optional. The target, as written: text or number (e.g. `"80%"`, `5 (lima) dokumen`).
    // A number target keeps its source text (`81.35` stays `81.35`).
    #[schemars(with = "Option<TextOrNumber>")]
    pub target: Option<Text>,
    /// Optional. The data sources (sumber data), one string each.
    #[schemars(with = "Option<Vec<String>>")]
    pub sumber_data: Vec<Text>,
    /// Optional. Overrides the sasaran's `mendukung` for this indicator: `<sasaran-id>`, `<jabatan-id>/<sasaran-id>`, or `<dokumen-id>/<jabatan-id>/<sasaran-id>`.
    #[schemars(with = "Option<MendukungRef>")]
    pub mendukung: Option<Text>,
}

/// The signature block as printed at the end of the IKI.
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct TandaTangan {
    #[schemars(skip)]
    pub span: Span,
    /// The place and date line (e.g. `Masama, 6 Januari 2020`).
    pub tempat_tanggal: Option<Text>,
    /// The direct superior who signs: title, name, NIP as printed.
    pub atasan: Option<Signer>,
    /// The holder who signs: title, name, NIP as printed.
    pub pegawai: Option<Signer>,
}

/// One signer as printed: each field optional.
#[derive(Clone, Debug, PartialEq, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Signer {
    #[schemars(skip)]
    pub span: Span,
    /// The title as printed (e.g. `KEPALA SEKSI PEMBANGUNAN`).
    pub jabatan: Option<Text>,
    /// The name as printed, with academic titles.
    pub nama: Option<Text>,
    /// The NIP as printed, spaces allowed (e.g. `"19680125 198611 1 001"`).
    #[schemars(with = "Option<TextOrNumber>")]
    pub nip: Option<Text>,
}

impl Document {
    pub fn id(&self) -> Option<&str> {
        self.dokumen.as_ref()?.id.as_ref().map(Text::as_str)
    }

    pub fn tahun(&self) -> Option<i64> {
        self.dokumen.as_ref()?.tahun.as_ref().map(|t| t.value)
    }

    /// What the rules that look across files read of this document: ids, titles, links, people, sasaran and
    /// indicator texts, with their spans. Duties, functions and the indicators' formulas, targets, units and
    /// data sources are per-file matters and are dropped, so that a province's facts stay small. Its lists take
    /// no more room than they hold: a list read from YAML grows by doubling, and a skeleton is held to the run's end.
    pub fn into_skeleton(mut self) -> Document {
        self.jabatan = self.jabatan.into_iter().map(Jabatan::into_skeleton).collect();
        self.jabatan.shrink_to_fit();
        self
    }

    /// The part of the file each position with an id takes, and that id: which position a finding in the
    /// document concerns. A position's span is where its mapping starts, so its part runs to the next one's start
    /// (the last one's to the end of the file).
    pub fn concerns(&self) -> Vec<(Span, std::sync::Arc<str>)> {
        let ends = self.jabatan.iter().skip(1).map(|j| j.span.start).chain([usize::MAX]);
        self.jabatan
            .iter()
            .zip(ends)
            .filter_map(|(j, end)| {
                let id = j.id.as_ref()?;
                Some((
                    Span::new(j.span.start, end.max(j.span.end)),
                    std::sync::Arc::from(id.as_str()),
                ))
            })
            .collect()
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

impl Jabatan {
    /// What the rules that look across files read of this position (see [`Document::into_skeleton`]).
    pub fn into_skeleton(mut self) -> Jabatan {
        self.tugas = Vec::new();
        self.fungsi = Vec::new();
        self.sasaran.shrink_to_fit();
        for sasaran in &mut self.sasaran {
            sasaran.indikator.shrink_to_fit();
            for indikator in &mut sasaran.indikator {
                indikator.satuan = None;
                indikator.formula = None;
                indikator.target = None;
                indikator.sumber_data = Vec::new();
            }
        }
        self
    }
}

fn push_opt<'a>(out: &mut Vec<(&'static str, &'a Text)>, key: &'static str, value: &'a Option<Text>) {
    if let Some(value) = value {
        out.push((key, value));
    }
}
