//! The fast path from YAML text to the model: one typed pass of serde-saphyr straight into schema records, with
//! the spans of every value, and no generic tree. It is strict: it succeeds only on a file in which the schema
//! reader ([`crate::schema`]) would find nothing to report, and gives exactly the model that reader builds. Any
//! doubt (an unknown, repeated or missing key, a wrong type, an empty required text, an invalid id) returns
//! `None`, and the caller reads the file the thorough way, which reports every problem with its location.
//!
//! Most files of a repository are well-formed, so most files never build the tree (SPEC.md section 5 measures
//! typed structs with spans at twice the speed of a span tree).

use crate::model::*;
use crate::source::{FileId, Span};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, MergeKeyPolicy, Options, Spanned};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// The parser's options for a typed read of `text`. Repeated keys pass through to [`Record`], which rejects them
/// itself, and a merge key (`<<`) is an error that sends the file to the schema reader: so the parser never
/// remembers and hashes the keys of a mapping, which the thorough reader needs and this one does not.
fn options(text: &str) -> Options {
    let mut options = Options::default();
    options.budget = Some(crate::yaml::budget_for(text.len()));
    options.strict_booleans = true;
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.merge_keys = MergeKeyPolicy::Error;
    options
}

/// Read `text` as an IKI document, or `None` when the schema reader must look at it.
pub fn read(text: &str, file: FileId) -> Option<Document> {
    let root: Spanned<Record<RawDocument>> = serde_saphyr::from_str_with_options(text, options(text)).ok()?;
    let span = crate::yaml::location_span(&root.referenced);
    let raw = root.value.0?.1;
    let cx = Convert { source: text };
    Some(Document {
        file,
        span,
        dokumen: Some(cx.dokumen(raw.dokumen?)?),
        jabatan: cx.jabatan_list(raw.jabatan?)?,
    })
}

/// Read `text`, the items of a block sequence of positions as they stand under `jabatan:` (indented, each
/// starting `- `), as the positions of a document: `None` when the schema reader must look at them. Spans are
/// relative to `text`.
pub fn read_positions(text: &str) -> Option<Vec<Jabatan>> {
    let list: Spanned<List<Spanned<Record<RawJabatan>>>> =
        serde_saphyr::from_str_with_options(text, options(text)).ok()?;
    Convert { source: text }.jabatan_list(list)
}

/// A scalar as written: text, a number (kept as its source text where the schema allows one), or nothing.
enum Scalar {
    Text(String),
    Number,
    Null,
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

/// A whole year as the schema reader accepts it: an integer (its plausibility is checked on conversion).
struct Year(Option<i64>);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Year;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Year, E> {
                Ok(Year(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Year, E> {
                Ok(Year(i64::try_from(v).ok()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A list, or nothing written (`key:` alone), which the schema reader takes as an empty list.
struct List<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<T>, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(List(items))
            }
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The keys of one mapping of the schema, read one at a time; an unknown key is an error.
trait Fields: Default {
    const NAME: &'static str;
    /// Read the value of `key`; `Ok(false)` for a key this mapping does not have.
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
    /// Whether [`Fields::key_at`] wants the span of every key; otherwise only the first key's span is read (the
    /// record's anchor), as a span costs more to read than the key itself.
    const EVERY_KEY_SPAN: bool = false;
    /// Where `key` is written, for a mapping that keeps a key's span (the SKP's `perilaku`).
    fn key_at(&mut self, _key: &str, _span: Span) {}
}

/// A key as written: borrowed from the text when the parser can, so that matching it allocates nothing. Only a
/// string is a key of the schema.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A mapping of the schema with the span of its first key (where the schema reader anchors it), or `None` when
/// nothing is written (an optional block left empty).
struct Record<T>(Option<(Span, T)>);

impl<'de, T: Fields> Deserialize<'de> for Record<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Record<T>, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Fields> Visitor<'de> for V<T> {
            type Value = Record<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "the mapping {}", T::NAME)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<T>, A::Error> {
                let mut fields = T::default();
                let mut anchor = None;
                loop {
                    let key = if anchor.is_none() || T::EVERY_KEY_SPAN {
                        let Some(key) = map.next_key::<Spanned<Key>>()? else {
                            break;
                        };
                        let key_span = crate::yaml::location_span(&key.referenced);
                        anchor.get_or_insert(key_span);
                        fields.key_at(&key.value.0, key_span);
                        key.value
                    } else {
                        let Some(key) = map.next_key::<Key>()? else { break };
                        key
                    };
                    if !fields.field(&key.0, &mut map)? {
                        return Err(de::Error::custom("unknown key"));
                    }
                }
                // An empty mapping `{}` has no first key: the schema reader anchors it elsewhere.
                let anchor = anchor.ok_or_else(|| de::Error::custom("empty mapping"))?;
                Ok(Record(Some((anchor, fields))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Record<T>, E> {
                Ok(Record(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Record<T>, E> {
                Ok(Record(None))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

type Value = Option<Spanned<Scalar>>;

/// Read the value of a key into its field, once: a key written twice in a mapping is the schema reader's to report.
fn read_once<'de, T: Deserialize<'de>, A: MapAccess<'de>>(field: &mut Option<T>, map: &mut A) -> Result<(), A::Error> {
    if field.is_some() {
        return Err(de::Error::custom("repeated key"));
    }
    *field = Some(map.next_value()?);
    Ok(())
}

/// Declare the records of the schema: each field and the type its value is read as.
macro_rules! records {
    ($($name:ident ($label:literal) { $($key:ident : $ty:ty),* $(,)? })*) => {$(
        #[derive(Default)]
        struct $name { $($key: Option<$ty>),* }
        impl Fields for $name {
            const NAME: &'static str = $label;
            fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                match key {
                    $(stringify!($key) => read_once(&mut self.$key, map)?,)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    )*};
}

records! {
    RawDocument ("dokumen IKI") {
        dokumen: Spanned<Record<RawDokumen>>,
        jabatan: Spanned<List<Spanned<Record<RawJabatan>>>>,
    }
    RawDokumen ("dokumen") { id: Spanned<Scalar>, unit: Spanned<Scalar>, tahun: Spanned<Year>, tempat: Spanned<Scalar> }
    RawJabatan ("jabatan") {
        id: Spanned<Scalar>,
        nama: Spanned<Scalar>,
        atasan: Spanned<Scalar>,
        pemangku: Record<RawPerson>,
        tugas: List<Spanned<Scalar>>,
        fungsi: List<Spanned<Scalar>>,
        sasaran: Spanned<List<Record<RawSasaran>>>,
        tanda_tangan: Record<RawTandaTangan>,
    }
    RawPerson ("pemangku") { nama: Spanned<Scalar>, nip: Spanned<Scalar> }
    RawSasaran ("sasaran") {
        id: Spanned<Scalar>,
        uraian: Spanned<Scalar>,
        mendukung: Spanned<Scalar>,
        indikator: Spanned<List<Record<RawIndikator>>>,
    }
    RawIndikator ("indikator") {
        uraian: Spanned<Scalar>,
        satuan: Spanned<Scalar>,
        formula: Spanned<Scalar>,
        target: Spanned<Scalar>,
        sumber_data: List<Spanned<Scalar>>,
        mendukung: Spanned<Scalar>,
    }
    RawTandaTangan ("tanda_tangan") { tempat_tanggal: Spanned<Scalar>, atasan: Record<RawSigner>, pegawai: Record<RawSigner> }
    RawSigner ("penanda tangan") { jabatan: Spanned<Scalar>, nama: Spanned<Scalar>, nip: Spanned<Scalar> }
}

/// From records to the model, with the schema reader's rules; `None` wherever that reader would report.
struct Convert<'s> {
    source: &'s str,
}

impl Convert<'_> {
    /// The span the schema reader gives a value: without trailing white space.
    fn span(&self, location: &serde_saphyr::Location) -> Span {
        let span = crate::yaml::location_span(location);
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
        let span = self.span(&value.referenced);
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

    fn texts(&self, list: Option<List<Spanned<Scalar>>>) -> Option<Vec<Text>> {
        let mut out = Vec::new();
        for item in list.map(|l| l.0).unwrap_or_default() {
            out.extend(self.text(Some(item), false)?);
        }
        Some(out)
    }

    fn dokumen(&self, raw: Spanned<Record<RawDokumen>>) -> Option<Dokumen> {
        let (anchor, raw) = raw.value.0?;
        let tahun = raw.tahun?;
        let year = tahun.value.0.filter(|y| (1945..=2100).contains(y))?;
        Some(Dokumen {
            span: anchor,
            id: self.id(raw.id)?,
            unit: self.required(raw.unit)?,
            tahun: Some(Sp::new(year, crate::yaml::location_span(&tahun.referenced))),
            tempat: self.text(raw.tempat, false)?,
        })
    }

    fn jabatan_list(&self, raw: Spanned<List<Spanned<Record<RawJabatan>>>>) -> Option<Vec<Jabatan>> {
        if raw.value.0.is_empty() {
            return None;
        }
        raw.value.0.into_iter().map(|j| self.jabatan(j.value)).collect()
    }

    fn jabatan(&self, raw: Record<RawJabatan>) -> Option<Jabatan> {
        let (anchor, raw) = raw.0?;
        let sasaran_list = raw.sasaran?;
        let sasaran_span = self.span(&sasaran_list.referenced);
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
        let indikator_span = self.span(&indikator_list.referenced);
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
