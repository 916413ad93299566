//! The fast path from YAML text to the model: one pass over the parser's events straight into schema records,
//! with the span of every value, and no generic tree ([`events`]). It is strict: it succeeds only on a file in
//! which the schema reader ([`crate::schema`]) would find nothing to report, and gives exactly the model that
//! reader builds. Any doubt (an unknown, repeated or missing key, a wrong type, an empty required text, an invalid
//! id) returns `None`, and the caller reads the file the thorough way, which reports every problem with its
//! location.
//!
//! Most files of a repository are well-formed, so most files never build the tree (SPEC.md section 5 measures
//! typed structs with spans at twice the speed of a span tree).

mod events;

use crate::model::*;
use crate::source::{FileId, Span};
use events::{At, Events, Fields, First, List, Read, Record, read_once};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_saphyr::granit_parser::{Event, ScalarStyle};
use std::fmt;

/// Read `text` as an IKI document, or `None` when the schema reader must look at it.
pub fn read(text: &str, file: FileId) -> Option<Document> {
    let root = events::document::<Record<RawDocument>>(text)?;
    let raw = root.value.0?.1;
    let cx = Convert { source: text };
    Some(Document {
        file,
        span: root.span,
        dokumen: Some(cx.dokumen(raw.dokumen?)?),
        jabatan: cx.jabatan_list(raw.jabatan?)?,
    })
}

/// Read `text`, the items of a block sequence of positions as they stand under `jabatan:` (indented, each
/// starting `- `), as the positions of a document: `None` when the schema reader must look at them. Spans are
/// relative to `text`.
pub fn read_positions(text: &str) -> Option<Vec<Jabatan>> {
    let list = events::document::<List<At<Record<RawJabatan>>>>(text)?;
    Convert { source: text }.jabatan_list(list)
}

/// A scalar as written: text, a number (kept as its source text where the schema allows one), or nothing.
enum Scalar {
    Text(String),
    Number,
    Null,
}

impl Scalar {
    /// What serde-saphyr reads a plain scalar as that may be a number and is not a small integer (`81.35`,
    /// `0127`, `1e3`): asked of serde-saphyr itself, as a document of that one scalar, so that both readers always
    /// agree.
    fn ask(value: &str) -> Option<Scalar> {
        match serde_saphyr::from_str_with_options::<Scalar>(value, crate::yaml::options_for(value)).ok()? {
            Scalar::Text(text) if text == value => Some(Scalar::Text(text)),
            Scalar::Number => Some(Scalar::Number),
            // Read alone, the text was not the one plain scalar it was in its file.
            _ => None,
        }
    }
}

impl Read for Scalar {
    fn read<'t>(first: First<'t>, _: &mut Events<'t>) -> Option<Scalar> {
        let Event::Scalar(value, style, ..) = first.0 else {
            return None;
        };
        if style != ScalarStyle::Plain {
            return Some(Scalar::Text(value.into_owned()));
        }
        if events::is_null(&value, style) {
            Some(Scalar::Null)
        } else if events::as_bool(&value, style).is_some() {
            None
        } else if events::surely_text(&value) {
            Some(Scalar::Text(value.into_owned()))
        } else if events::as_small_integer(&value, style).is_some() {
            Some(Scalar::Number)
        } else {
            Scalar::ask(&value)
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number)
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Scalar, E> {
                Ok(Scalar::Number)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Scalar, E> {
                Ok(Scalar::Number)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
        }
        d.deserialize_any(V)
    }
}

/// A whole year as the schema reader accepts it: a plain integer (its plausibility is checked on conversion).
struct Year(i64);

impl Read for Year {
    fn read<'t>(first: First<'t>, _: &mut Events<'t>) -> Option<Year> {
        let Event::Scalar(value, style, ..) = first.0 else {
            return None;
        };
        Some(Year(i64::try_from(events::as_small_integer(&value, style)?).ok()?))
    }
}

impl Year {
    /// The year, when it is one a document of the schema can be of.
    fn plausible(&self) -> Option<i64> {
        crate::schema::PLAUSIBLE_YEARS.contains(&self.0).then_some(self.0)
    }
}

type Value = Option<At<Scalar>>;

/// Declare the records of the schema: each field and the type its value is read as.
macro_rules! records {
    ($($name:ident { $($key:ident : $ty:ty),* $(,)? })*) => {$(
        #[derive(Default)]
        struct $name { $($key: Option<$ty>),* }
        impl Fields for $name {
            fn field<'t>(&mut self, key: &str, events: &mut Events<'t>) -> Option<()> {
                match key {
                    $(stringify!($key) => read_once(&mut self.$key, events),)*
                    _ => None,
                }
            }
        }
    )*};
}

records! {
    RawDocument {
        dokumen: At<Record<RawDokumen>>,
        jabatan: At<List<At<Record<RawJabatan>>>>,
    }
    RawDokumen { id: At<Scalar>, unit: At<Scalar>, tahun: At<Year>, tempat: At<Scalar> }
    RawJabatan {
        id: At<Scalar>,
        nama: At<Scalar>,
        atasan: At<Scalar>,
        pemangku: Record<RawPerson>,
        tugas: List<At<Scalar>>,
        fungsi: List<At<Scalar>>,
        sasaran: At<List<Record<RawSasaran>>>,
        tanda_tangan: Record<RawTandaTangan>,
    }
    RawPerson { nama: At<Scalar>, nip: At<Scalar> }
    RawSasaran {
        id: At<Scalar>,
        uraian: At<Scalar>,
        mendukung: At<Scalar>,
        indikator: At<List<Record<RawIndikator>>>,
    }
    RawIndikator {
        uraian: At<Scalar>,
        satuan: At<Scalar>,
        formula: At<Scalar>,
        target: At<Scalar>,
        sumber_data: List<At<Scalar>>,
        mendukung: At<Scalar>,
    }
    RawTandaTangan { tempat_tanggal: At<Scalar>, atasan: Record<RawSigner>, pegawai: Record<RawSigner> }
    RawSigner { jabatan: At<Scalar>, nama: At<Scalar>, nip: At<Scalar> }
}

/// From records to the model, with the schema reader's rules; `None` wherever that reader would report.
struct Convert<'s> {
    source: &'s str,
}

impl Convert<'_> {
    /// The span the schema reader gives a value: without trailing white space.
    fn span(&self, span: Span) -> Span {
        let trimmed = self
            .source
            .get(span.range())
            .map_or(0, |t| t.len() - t.trim_end().len());
        Span::new(span.start, span.end - trimmed)
    }

    /// An optional text (`Some(None)` when absent or written empty); `numbers` allows a number, kept as written.
    fn text(&self, value: Value, numbers: bool) -> Option<Option<Text>> {
        let Some(value) = value else {
            return Some(None);
        };
        let span = self.span(value.span);
        Some(match value.value {
            Scalar::Text(text) => Some(Sp::new(text, span)),
            Scalar::Number if numbers => Some(Sp::new(self.source.get(span.range())?.trim().to_string(), span)),
            Scalar::Number => return None,
            Scalar::Null => None,
        })
    }

    /// A required text: present and not blank.
    fn required(&self, value: Value) -> Option<Option<Text>> {
        let text = self.text(value, false)??;
        (!text.value.trim().is_empty()).then_some(Some(text))
    }

    /// A required id of lowercase letters, digits and `-`.
    fn id(&self, value: Value) -> Option<Option<Text>> {
        let id = self.required(value)??;
        let valid = id
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        valid.then_some(Some(id))
    }

    fn texts(&self, list: Option<List<At<Scalar>>>) -> Option<Vec<Text>> {
        let mut out = Vec::new();
        for item in list.map(|l| l.0).unwrap_or_default() {
            out.extend(self.text(Some(item), false)?);
        }
        Some(out)
    }

    fn dokumen(&self, raw: At<Record<RawDokumen>>) -> Option<Dokumen> {
        let (anchor, raw) = raw.value.0?;
        let tahun = raw.tahun?;
        let year = tahun.value.plausible()?;
        Some(Dokumen {
            span: anchor,
            id: self.id(raw.id)?,
            unit: self.required(raw.unit)?,
            tahun: Some(Sp::new(year, tahun.span)),
            tempat: self.text(raw.tempat, false)?,
        })
    }

    fn jabatan_list(&self, raw: At<List<At<Record<RawJabatan>>>>) -> Option<Vec<Jabatan>> {
        if raw.value.0.is_empty() {
            return None;
        }
        raw.value.0.into_iter().map(|j| self.jabatan(j.value)).collect()
    }

    fn jabatan(&self, raw: Record<RawJabatan>) -> Option<Jabatan> {
        let (anchor, raw) = raw.0?;
        let sasaran_list = raw.sasaran?;
        let sasaran_span = self.span(sasaran_list.span);
        let sasaran = sasaran_list
            .value
            .0
            .into_iter()
            .enumerate()
            .map(|(i, s)| self.sasaran(s, i))
            .collect::<Option<Vec<_>>>()?;
        Some(Jabatan {
            span: anchor,
            id: self.id(raw.id)?,
            nama: self.required(raw.nama)?,
            atasan: self.text(raw.atasan, false)?,
            pemangku: match raw.pemangku.and_then(|p| p.0) {
                Some((span, p)) => Some(Person {
                    span,
                    nama: self.text(p.nama, false)?,
                    nip: self.text(p.nip, true)?,
                }),
                None => None,
            },
            tugas: self.texts(raw.tugas)?,
            fungsi: self.texts(raw.fungsi)?,
            sasaran_span: Some(sasaran_span),
            sasaran,
            tanda_tangan: match raw.tanda_tangan.and_then(|t| t.0) {
                Some((span, t)) => Some(TandaTangan {
                    span,
                    tempat_tanggal: self.text(t.tempat_tanggal, false)?,
                    atasan: self.signer(t.atasan)?,
                    pegawai: self.signer(t.pegawai)?,
                }),
                None => None,
            },
        })
    }

    fn signer(&self, raw: Option<Record<RawSigner>>) -> Option<Option<Signer>> {
        let Some((span, s)) = raw.and_then(|r| r.0) else {
            return Some(None);
        };
        Some(Some(Signer {
            span,
            jabatan: self.text(s.jabatan, false)?,
            nama: self.text(s.nama, false)?,
            nip: self.text(s.nip, true)?,
        }))
    }

    fn sasaran(&self, raw: Record<RawSasaran>, index: usize) -> Option<Sasaran> {
        // A sasaran with no keys at all is not one the schema reader reads silently.
        let (anchor, raw) = raw.0?;
        let written = self.text(raw.id, false)?;
        if written
            .as_ref()
            .is_some_and(|id| id.value.contains('/') || id.value.chars().any(char::is_whitespace))
        {
            return None;
        }
        let indikator_list = raw.indikator?;
        let indikator_span = self.span(indikator_list.span);
        let indikator = indikator_list
            .value
            .0
            .into_iter()
            .map(|i| self.indikator(i))
            .collect::<Option<Vec<_>>>()?;
        Some(Sasaran {
            span: anchor,
            id_written: written.is_some(),
            id: written.unwrap_or_else(|| Sp::new(format!("S{}", index + 1), anchor)),
            uraian: self.required(raw.uraian)?,
            mendukung: self.text(raw.mendukung, false)?,
            indikator_span: Some(indikator_span),
            indikator,
        })
    }

    fn indikator(&self, raw: Record<RawIndikator>) -> Option<Indikator> {
        let (anchor, raw) = raw.0?;
        Some(Indikator {
            span: anchor,
            uraian: self.required(raw.uraian)?,
            satuan: self.text(raw.satuan, false)?,
            formula: self.text(raw.formula, true)?,
            target: self.text(raw.target, true)?,
            sumber_data: self.texts(raw.sumber_data)?,
            mendukung: self.text(raw.mendukung, false)?,
        })
    }
}

mod skp;
pub use skp::read_skp;

#[cfg(test)]
mod tests {
    use super::*;

    /// The model the schema reader builds, when it reports nothing.
    fn thorough(text: &str) -> Option<Document> {
        let root = crate::yaml::parse(text).ok()??;
        let mut out = Vec::new();
        let document = crate::schema::read_document(FileId(0), text, &root, &mut out);
        out.is_empty().then_some(document)
    }

    fn same(text: &str) {
        let fast = read(text, FileId(0));
        let slow = thorough(text);
        match (&fast, &slow) {
            (Some(fast), Some(slow)) => assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{text}"),
            (Some(_), None) => panic!("the fast path accepted what the schema reader reports:\n{text}"),
            _ => {}
        }
    }

    #[test]
    fn the_examples_read_the_same_both_ways() {
        for text in [
            include_str!("../examples/contoh-bersih-2024.yaml"),
            include_str!("../examples/masama-2020.yaml"),
            include_str!("../examples/tanjung-redeb-2022.yaml"),
        ] {
            same(text);
            assert!(read(text, FileId(0)).is_some() || thorough(text).is_none());
        }
        assert!(read(include_str!("../examples/contoh-bersih-2024.yaml"), FileId(0)).is_some());
    }

    #[test]
    fn anything_the_schema_reader_reports_falls_back() {
        let base = "dokumen: {id: d, unit: U, tahun: 2024}\njabatan:\n  - id: a\n    nama: A\n    sasaran:\n      - uraian: X\n        indikator:\n          - uraian: Y\n";
        assert!(read(base, FileId(0)).is_some());
        same(base);
        for (from, to) in [
            ("unit: U", "unit: ''"),
            ("unit: U", "unit: 5"),
            ("unit: U", "unt: U"),
            ("tahun: 2024", "tahun: 24"),
            ("tahun: 2024", "tahun: '2024'"),
            ("id: d,", "id: D,"),
            ("    nama: A\n", "    nama: A\n    nama: B\n"),
            ("    nama: A\n", "    nama: true\n"),
            ("      - uraian: X\n", "      - id: S 1\n        uraian: X\n"),
            (
                "          - uraian: Y\n",
                "          - uraian: Y\n            target: [1]\n",
            ),
            ("    nama: A\n", "    nama: A\n    tugas: satu\n"),
            ("    nama: A\n", "    nama: A\n    tugas: [1]\n"),
            ("    nama: A\n", "    nama: A\n    pemangku: x\n"),
            ("    nama: A\n", "    nama: A\n    pemangku: {}\n"),
            ("jabatan:\n", "jabatan: []\nx:\n"),
            // A key after the first is read without its span, and must still be a string.
            ("    nama: A\n", "    nama: A\n    5: B\n"),
            ("    nama: A\n", "    nama: A\n    ~: B\n"),
            // Repeated keys, which the parser passes through, and a merge key.
            ("    nama: A\n", "    nama: A\n    atasan: b\n    atasan: b\n"),
            ("dokumen: {id: d,", "dokumen: {id: d, id: d,"),
            ("    nama: A\n", "    nama: A\n    <<: {atasan: b}\n"),
            // What only serde-saphyr knows the meaning of: anchors, aliases, tags, directives, more documents.
            ("unit: U", "unit: &u U"),
            ("    nama: A\n", "    nama: &n A\n    atasan: *n\n"),
            ("unit: U", "unit: !!str U"),
            ("dokumen:", "%YAML 1.2\n---\ndokumen:"),
            (
                "indikator:\n          - uraian: Y\n",
                "indikator:\n          - uraian: Y\n---\nx: 1\n",
            ),
            // A parse error after everything the schema reads.
            (
                "indikator:\n          - uraian: Y\n",
                "indikator:\n          - uraian: Y\n  - ]\n",
            ),
        ] {
            let text = base.replacen(from, to, 1);
            assert!(read(&text, FileId(0)).is_none(), "{text}");
        }
        for (from, to) in [
            (
                "    nama: A\n",
                "    nama: A\n    atasan:\n    pemangku:\n    tugas:\n      -\n      - Satu\n",
            ),
            (
                "          - uraian: Y\n",
                "          - uraian: Y\n            target: 81.35\n            formula: 100\n",
            ),
            (
                "      - uraian: X\n",
                "      - id:\n        uraian: |\n          X\n          Z\n\n",
            ),
            (
                "    nama: A\n",
                "    nama: A\n    pemangku: {nama: \"B, S.Sos\", nip: 196801251986111001}\n",
            ),
            // Quoted and escaped keys, the first of a mapping and the others: the parser gives them as owned text.
            ("    nama: A\n", "    \"nama\": A\n    \"at\\x61san\": b\n"),
        ] {
            let text = base.replacen(from, to, 1);
            assert!(read(&text, FileId(0)).is_some(), "{text}");
            same(&text);
        }
    }

    /// Plain scalars that start like a number: read as serde-saphyr reads them, where a number is allowed and where
    /// only a text is, and the common ones without falling back.
    #[test]
    fn scalars_that_look_like_numbers_read_as_serde_saphyr_reads_them() {
        let base = "dokumen: {id: d, unit: U, tahun: 2024}\njabatan:\n  - id: a\n    nama: A\n    sasaran:\n      - uraian: X\n        indikator:\n          - uraian: Y\n            target: 1\n";
        let values = [
            "0",
            "00",
            "0127",
            "02024",
            "-0",
            "+5",
            "-5",
            "5.",
            ".5",
            "81.35",
            "81,35",
            "1e3",
            "1E-3",
            "1_000",
            "0x1F",
            "0o17",
            "0b101",
            ".inf",
            "-.Inf",
            ".nan",
            "+.NAN",
            "inf",
            "nan",
            "12:30",
            "2024-01-01",
            "2024-13-45T10:00:00Z",
            "123456789012345678",
            "1234567890123456789",
            "12345678901234567890",
            "99999999999999999999999",
            "1e999",
            "-1e999",
            "12 bulan",
            "10 %",
            "---x",
            "...x",
            "-x",
            "+",
            "-",
            ".",
            "5-6",
            "1/2",
            "3.14.15",
        ];
        for value in values {
            for (from, to) in [
                ("target: 1", format!("target: {value}")),
                ("unit: U", format!("unit: {value}")),
                ("tahun: 2024", format!("tahun: {value}")),
            ] {
                let text = base.replacen(from, &to, 1);
                same(&text);
            }
        }
        for value in ["2024-01-01", "81.35", "0127", "1e3", "12 bulan", "123456789012345678"] {
            let text = base.replacen("target: 1", &format!("target: {value}"), 1);
            assert!(read(&text, FileId(0)).is_some(), "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// A plain scalar the fast path takes for text without asking serde-saphyr is never a number to
        /// serde-saphyr: read alone, it is the same text (or, alone, no scalar at all).
        #[test]
        fn what_is_surely_text_is_no_number_to_serde_saphyr(value in "[0-9+.-]([0-9a-fA-FxXoOeE_+.: ,/%-]{0,9}[0-9a-fA-FxXoOeE_+.:,/%-])?") {
            if events::surely_text(&value) {
                let read = serde_saphyr::from_str_with_options::<Scalar>(&value, crate::yaml::options_for(&value));
                proptest::prop_assert!(!matches!(read, Ok(Scalar::Number)), "{value}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Values written plain or quoted, numbers, blanks, nulls, booleans, block scalars: wherever the fast
        /// path accepts a document, it reads exactly what the schema reader reads.
        #[test]
        fn any_values_read_the_same_both_ways(values in proptest::collection::vec(
            "(|~|null|true|[0-9]{1,6}|[0-9]+[.,][0-9]{1,2}|[ A-Za-z0-9.,%/()-]{0,24}|\"[^\"\\\\]{0,16}\"|'[^']{0,12}'|\\|\n          [a-z ]{0,12}\n          [a-z]{0,6})",
            14,
        )) {
            let v = |i: usize| values[i].as_str();
            let text = format!(
                "dokumen:\n  id: {}\n  unit: {}\n  tahun: {}\n  tempat: {}\njabatan:\n  - id: a\n    nama: {}\n    atasan: {}\n    pemangku: {{nama: {}, nip: {}}}\n    tugas:\n      - {}\n    sasaran:\n      - id: {}\n        uraian: {}\n        indikator:\n          - uraian: {}\n            target: {}\n            formula: {}\n",
                v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7), v(8), v(9), v(10), v(11), v(12), v(13)
            );
            same(&text);
        }
    }
}
