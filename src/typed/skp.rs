//! The fast path for SKP files: one typed pass, as for IKI documents ([`super::read`]), giving exactly the model
//! the SKP schema reader ([`crate::skp::read`]) builds, or `None` wherever that reader would report something.

use super::*;
use crate::skp::*;

/// Read `text` as an SKP document, or `None` when the schema reader must look at it.
pub fn read_skp(text: &str, file: FileId) -> Option<SkpDocument> {
    let root = events::document::<Record<RawSkpDocument>>(text)?;
    let span = root.span;
    let raw = root.value.0?.1;
    let cx = Convert { source: text };
    let rhk_list = raw.rhk?;
    if rhk_list.value.0.is_empty() {
        return None;
    }
    let rhk = rhk_list
        .value
        .0
        .into_iter()
        .enumerate()
        .map(|(i, r)| cx.rhk(r, i))
        .collect::<Option<Vec<_>>>()?;
    let perilaku = match raw.perilaku {
        Some(list) => list.0.into_iter().map(|p| cx.perilaku(p)).collect::<Option<Vec<_>>>()?,
        None => Vec::new(),
    };
    Some(SkpDocument {
        file,
        span,
        skp: Some(cx.skp(raw.skp?)?),
        pegawai: Some(cx.skp_person(raw.pegawai?, &["nama", "nip", "jabatan"])??),
        pejabat_penilai: Some(cx.skp_person(raw.pejabat_penilai?, &["nama"])??),
        atasan_penilai: match raw.atasan_penilai {
            Some(person) => cx.skp_person(person, &[])?,
            None => None,
        },
        periode: Some(cx.periode(raw.periode?)?),
        rhk_span: Some(cx.span(rhk_list.span)),
        rhk,
        perilaku_span: raw.perilaku_key,
        perilaku,
        lampiran: match raw.lampiran.and_then(|l| l.0) {
            Some((span, l)) => Some(Lampiran {
                span,
                dukungan_sumber_daya: cx.texts(l.dukungan_sumber_daya)?,
                skema_pertanggungjawaban: cx.texts(l.skema_pertanggungjawaban)?,
                konsekuensi: cx.texts(l.konsekuensi)?,
            }),
            None => None,
        },
    })
}

/// The top level of an SKP file; written by hand to keep where `perilaku` is written (R011 points there).
#[derive(Default)]
struct RawSkpDocument {
    skp: Option<Record<RawSkp>>,
    pegawai: Option<Record<RawSkpPerson>>,
    pejabat_penilai: Option<Record<RawSkpPerson>>,
    atasan_penilai: Option<Record<RawSkpPerson>>,
    periode: Option<Record<RawPeriode>>,
    rhk: Option<At<List<Record<RawRhk>>>>,
    perilaku: Option<List<Record<RawPerilaku>>>,
    perilaku_key: Option<Span>,
    lampiran: Option<Record<RawLampiran>>,
}

impl Fields for RawSkpDocument {
    fn field<'t>(&mut self, key: &str, events: &mut Events<'t>) -> Option<()> {
        match key {
            "skp" => read_once(&mut self.skp, events),
            "pegawai" => read_once(&mut self.pegawai, events),
            "pejabat_penilai" => read_once(&mut self.pejabat_penilai, events),
            "atasan_penilai" => read_once(&mut self.atasan_penilai, events),
            "periode" => read_once(&mut self.periode, events),
            "rhk" => read_once(&mut self.rhk, events),
            "perilaku" => read_once(&mut self.perilaku, events),
            "lampiran" => read_once(&mut self.lampiran, events),
            _ => None,
        }
    }

    fn key_at(&mut self, key: &str, span: Span) {
        if key == "perilaku" {
            self.perilaku_key = Some(span);
        }
    }
}

records! {
    RawSkp {
        id: At<Scalar>,
        tahun: At<Year>,
        pendekatan: At<Scalar>,
        jpt: At<bool>,
        puncak: At<bool>,
        jabatan: At<Scalar>,
    }
    RawSkpPerson {
        nama: At<Scalar>,
        nip: At<Scalar>,
        jabatan: At<Scalar>,
        unit: At<Scalar>,
        pangkat: At<Scalar>,
    }
    RawPeriode { mulai: At<Scalar>, selesai: At<Scalar> }
    RawRhk {
        id: At<Scalar>,
        jenis: At<Scalar>,
        uraian: At<Scalar>,
        intervensi: At<Scalar>,
        sasaran: At<Scalar>,
        perspektif: At<Scalar>,
        mandiri: At<bool>,
        indikator: At<List<Record<RawRhkIndikator>>>,
    }
    RawRhkIndikator {
        aspek: At<Scalar>,
        uraian: At<Scalar>,
        target: At<Scalar>,
        satuan: At<Scalar>,
    }
    RawPerilaku { aspek: At<Scalar>, ekspektasi: At<Scalar> }
    RawLampiran {
        dukungan_sumber_daya: List<At<Scalar>>,
        skema_pertanggungjawaban: List<At<Scalar>>,
        konsekuensi: List<At<Scalar>>,
    }
}

impl Convert<'_> {
    /// A text that may also be a number kept as written; `required` as [`Convert::required`].
    fn text_or_number(&self, value: Value, required: bool) -> Option<Option<Text>> {
        let text = self.text(value, true)?;
        match text {
            Some(t) if t.value.trim().is_empty() && required => None,
            None if required => None,
            other => Some(other),
        }
    }

    fn flag(&self, value: Option<At<bool>>) -> Option<Sp<bool>> {
        value.map(|v| Sp::new(v.value, v.span))
    }

    fn skp(&self, raw: Record<RawSkp>) -> Option<Skp> {
        let (anchor, raw) = raw.0?;
        let tahun = raw.tahun?;
        let year = tahun.value.plausible()?;
        Some(Skp {
            span: anchor,
            id: self.id(raw.id)?,
            tahun: Some(Sp::new(year, tahun.span)),
            pendekatan: self.required(raw.pendekatan)?,
            jpt: self.flag(raw.jpt),
            puncak: self.flag(raw.puncak),
            jabatan: self.text(raw.jabatan, false)?,
        })
    }

    /// A person; `required` lists the keys the schema reader requires (present and not blank). `Some(None)` is an
    /// optional person left empty.
    fn skp_person(&self, raw: Record<RawSkpPerson>, required: &[&str]) -> Option<Option<SkpPerson>> {
        let Some((span, raw)) = raw.0 else {
            return required.is_empty().then_some(None);
        };
        let text = |value: Value, key: &str| {
            if required.contains(&key) {
                self.required(value)
            } else {
                self.text(value, false)
            }
        };
        Some(Some(SkpPerson {
            span,
            nama: text(raw.nama, "nama")?,
            nip: self.text_or_number(raw.nip, required.contains(&"nip"))?,
            jabatan: text(raw.jabatan, "jabatan")?,
            unit: text(raw.unit, "unit")?,
            pangkat: text(raw.pangkat, "pangkat")?,
        }))
    }

    fn periode(&self, raw: Record<RawPeriode>) -> Option<Periode> {
        let (span, raw) = raw.0?;
        Some(Periode {
            span,
            mulai: self.text_or_number(raw.mulai, true)?,
            selesai: self.text_or_number(raw.selesai, true)?,
        })
    }

    fn rhk(&self, raw: Record<RawRhk>, index: usize) -> Option<Rhk> {
        let (anchor, raw) = raw.0?;
        let written = self.text(raw.id, true)?;
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
            .map(|i| self.rhk_indikator(i))
            .collect::<Option<Vec<_>>>()?;
        Some(Rhk {
            span: anchor,
            id_written: written.is_some(),
            id: written.unwrap_or_else(|| Sp::new(format!("R{}", index + 1), anchor)),
            jenis: self.text(raw.jenis, false)?,
            uraian: self.required(raw.uraian)?,
            intervensi: self.text(raw.intervensi, false)?,
            sasaran: self.text(raw.sasaran, false)?,
            perspektif: self.text(raw.perspektif, false)?,
            mandiri: self.flag(raw.mandiri),
            indikator_span: Some(indikator_span),
            printed: None,
            indikator,
        })
    }

    fn rhk_indikator(&self, raw: Record<RawRhkIndikator>) -> Option<RhkIndikator> {
        let (span, raw) = raw.0?;
        Some(RhkIndikator {
            span,
            aspek: self.text(raw.aspek, false)?,
            uraian: self.required(raw.uraian)?,
            target: self.text(raw.target, true)?,
            satuan: self.text(raw.satuan, false)?,
        })
    }

    fn perilaku(&self, raw: Record<RawPerilaku>) -> Option<Perilaku> {
        let (span, raw) = raw.0?;
        Some(Perilaku {
            span,
            aspek: self.required(raw.aspek)?,
            ekspektasi: self.text(raw.ekspektasi, false)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model the SKP schema reader builds, when it reports nothing.
    fn thorough(text: &str) -> Option<SkpDocument> {
        let root = crate::yaml::parse(text).ok()??;
        let mut out = Vec::new();
        let document = crate::skp::read::read_skp(FileId(0), text, &root, &mut out);
        out.is_empty().then_some(document)
    }

    fn same(text: &str) {
        let fast = read_skp(text, FileId(0));
        let slow = thorough(text);
        match (&fast, &slow) {
            (Some(fast), Some(slow)) => assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{text}"),
            (Some(_), None) => panic!("the fast path accepted what the schema reader reports:\n{text}"),
            _ => {}
        }
    }

    const EXAMPLES: [&str; 3] = [
        include_str!("../../examples/skp-camat-masama-2023.yaml"),
        include_str!("../../examples/skp-kasi-pip-masama-2023.yaml"),
        include_str!("../../examples/skp-pengolah-data-perizinan-masama-2023.yaml"),
    ];

    #[test]
    fn the_examples_read_the_same_both_ways_and_take_the_fast_path() {
        for text in EXAMPLES {
            assert!(read_skp(text, FileId(0)).is_some(), "{text}");
            same(text);
        }
    }

    #[test]
    fn anything_the_schema_reader_reports_falls_back() {
        let base = EXAMPLES[1];
        for (from, to) in [
            ("  pendekatan: kuantitatif\n", "  pendekatn: kuantitatif\n"),
            ("  pendekatan: kuantitatif\n", "  pendekatan: ''\n"),
            ("  tahun: 2023\n", "  tahun: '2023'\n"),
            ("  id: kasi-pip-masama-2023\n", "  id: Kasi PIP\n"),
            (
                "  jabatan: masama-2020/kasi-pip\n",
                "  jabatan: masama-2020/kasi-pip\n  puncak: ya\n",
            ),
            ("periode: { mulai: 2023-01-01, selesai: 2023-12-31 }\n", ""),
            // A repeated key of the top level, whose fields are read by hand.
            (
                "periode: { mulai: 2023-01-01, selesai: 2023-12-31 }\n",
                "periode: { mulai: 2023-01-01, selesai: 2023-12-31 }\nperiode: { mulai: 2023-01-01, selesai: 2023-12-31 }\n",
            ),
            ("    jenis: utama\n", "    jenis: utama\n    jenis: tambahan\n"),
            ("  - id: R2\n", "  - id: R 2\n"),
            ("  nama: \"MAWARTI, SH\"\n", "  nama: \"\"\n"),
            ("  - aspek: loyal\n", "  - aspek: \"\"\n"),
        ] {
            assert!(base.contains(from), "{from}");
            let text = base.replacen(from, to, 1);
            assert!(read_skp(&text, FileId(0)).is_none(), "{text}");
            assert!(
                thorough(&text).is_none(),
                "the schema reader reports nothing for:\n{text}"
            );
        }
        for (from, to) in [
            (
                "  jabatan: masama-2020/kasi-pip\n",
                "  jabatan: masama-2020/kasi-pip\n  jpt: false\n",
            ),
            ("  nip: \"197312312010011013\"\n", "  nip: 197312312010011013\n"),
            ("    intervensi: R2\n", "    intervensi: R2\n    mandiri: true\n"),
            (
                "perilaku:\n",
                "lampiran:\n  konsekuensi: [\"Tunjangan kinerja\"]\nperilaku:\n",
            ),
        ] {
            assert!(base.contains(from), "{from}");
            let text = base.replacen(from, to, 1);
            assert!(read_skp(&text, FileId(0)).is_some(), "{text}");
            same(&text);
        }
    }

    /// What each field of the generated SKP holds when the generator leaves it as written: a valid file, so that
    /// most cases reach the fast path with one or two fields changed.
    const VALID: [&str; 16] = [
        "skp-a-2024",
        "2024",
        "kuantitatif",
        "false",
        "\"ANI, S.E.\"",
        "\"199001012015031001\"",
        "Analis",
        "BUDI",
        "2024-01-01",
        "2024-12-31",
        "R1",
        "Tersusunnya laporan",
        "S1",
        "kuantitas",
        "Jumlah laporan",
        "12",
    ];

    /// An SKP with one RHK, its fields written as `v` gives them by position (see [`VALID`]).
    fn generated_skp<'a>(v: impl Fn(usize) -> &'a str) -> String {
        format!(
            "skp:\n  id: {}\n  tahun: {}\n  pendekatan: {}\n  puncak: {}\npegawai:\n  nama: {}\n  nip: {}\n  jabatan: {}\npejabat_penilai:\n  nama: {}\nperiode: {{ mulai: {}, selesai: {} }}\nrhk:\n  - id: {}\n    uraian: {}\n    intervensi: {}\n    indikator:\n      - {{ aspek: {}, uraian: {}, target: {}, satuan: dokumen }}\nperilaku:\n  - aspek: loyal\n    ekspektasi: Menjaga nama baik\nlampiran:\n  konsekuensi: [{}]\n",
            v(0),
            v(1),
            v(2),
            v(3),
            v(4),
            v(5),
            v(6),
            v(7),
            v(8),
            v(9),
            v(10),
            v(11),
            v(12),
            v(13),
            v(14),
            v(15),
            v(6)
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Values written plain or quoted, numbers, dates, blanks, nulls, booleans, block scalars, in every kind of
        /// field of an SKP: wherever the fast path accepts the file, it reads exactly what the schema reader reads.
        #[test]
        fn any_values_read_the_same_both_ways(values in proptest::collection::vec(
            proptest::option::weighted(0.25, "(|~|null|true|False|[0-9]{1,6}|0[0-9]{1,3}|[0-9]+[.,][0-9]{1,2}|20[0-9]{2}-[01][0-9]-[0-3][0-9]|[ A-Za-z0-9.,%/()-]{0,24}|\"[^\"\\\\]{0,16}\"|'[^']{0,12}'|\\|\n      [a-z ]{0,12}\n      [a-z]{0,6})"),
            16,
        )) {
            let text = generated_skp(|i| values[i].as_deref().unwrap_or(VALID[i]));
            same(&text);
        }
    }

    #[test]
    fn the_generated_skp_as_written_takes_the_fast_path() {
        let text = generated_skp(|i| VALID[i]);
        assert!(read_skp(&text, FileId(0)).is_some(), "{text}");
        same(&text);
    }
}
