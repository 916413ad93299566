use crate::json_schema::{Id, IntervensiRef, MendukungRef, SasaranId, TextOrNumber};
use crate::model::{Sp, Text};
use crate::source::{FileId, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// The doc comments below are the key descriptions of the JSON Schema (`ikilint schema`), written for the people
// who fill in the YAML.

/// One SKP (Sasaran Kinerja Pegawai) of one employee for one year, in ikilint's schema v1.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(title = "SKP document (ikilint schema v1)", deny_unknown_fields)]
pub struct SkpDocument {
    #[schemars(skip)]
    pub file: FileId,
    #[schemars(skip)]
    pub span: Span,
    /// Required. Which SKP: its id, year and approach.
    #[schemars(with = "Skp")]
    pub skp: Option<Skp>,
    /// Required. The employee whose SKP this is (nama, nip, jabatan required).
    #[schemars(with = "SkpPerson")]
    pub pegawai: Option<SkpPerson>,
    /// Required. The Pejabat Penilai Kinerja: the direct superior, who sets (menetapkan) the SKP.
    #[schemars(with = "SkpPerson")]
    pub pejabat_penilai: Option<SkpPerson>,
    /// Optional. The Atasan Pejabat Penilai Kinerja, as many forms print.
    pub atasan_penilai: Option<SkpPerson>,
    /// Required. The period assessed (normally 1 January to 31 December).
    #[schemars(with = "Periode")]
    pub periode: Option<Periode>,
    #[schemars(skip)]
    pub rhk_span: Option<Span>,
    /// Required, at least one utama. The Rencana Hasil Kerja (work results planned).
    #[schemars(length(min = 1))]
    pub rhk: Vec<Rhk>,
    /// The `perilaku` key, when present.
    #[schemars(skip)]
    pub perilaku_span: Option<Span>,
    /// The seven BerAKHLAK work behaviours, each once, with the leader's specific expectation.
    pub perilaku: Vec<Perilaku>,
    /// Optional. The lampiran: resources, accountability scheme, consequences.
    pub lampiran: Option<Lampiran>,
}

/// The SKP's identity, year and approach.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Skp {
    #[schemars(skip)]
    pub span: Span,
    /// Required. The SKP's id: lowercase letters, digits and `-` (e.g. `kasi-pem-masama-2023`); unique across all files linted together, IKI documents included.
    #[schemars(with = "Id")]
    pub id: Option<Text>,
    /// Required. The year, as a number without quotes (e.g. `2023`).
    #[schemars(with = "i64")]
    pub tahun: Option<Sp<i64>>,
    /// Required. `kuantitatif` (indicators per aspek with target and satuan) or `kualitatif` (narrative indicators).
    #[schemars(with = "Pendekatan")]
    pub pendekatan: Option<Text>,
    /// Optional. `true` for a JPT (pimpinan tinggi) SKP: every RHK then needs a `perspektif`.
    #[schemars(with = "Option<bool>")]
    pub jpt: Option<Sp<bool>>,
    /// Optional. `true` for the top of a cascade (the leader): RHK need no `intervensi`.
    #[schemars(with = "Option<bool>")]
    pub puncak: Option<Sp<bool>>,
    /// Optional. The holder's IKI position, `<dokumen-id>/<jabatan-id>`; else found by the pegawai's NIP.
    #[schemars(with = "Option<String>")]
    pub jabatan: Option<Text>,
}

/// `kuantitatif` or `kualitatif`.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Pendekatan {
    Kuantitatif,
    Kualitatif,
}

/// A person named on the SKP: the employee, the penilai or the penilai's superior.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct SkpPerson {
    #[schemars(skip)]
    pub span: Span,
    /// The name as written, with academic titles.
    pub nama: Option<Text>,
    /// The NIP, 18 digits, with or without the 8-6-1-3 spaces (e-Kinerja prints it without); quote it. A minister or regional head as penilai has none.
    #[schemars(with = "Option<TextOrNumber>")]
    pub nip: Option<Text>,
    /// The position as printed (e.g. `Kepala Seksi Pemerintahan`).
    pub jabatan: Option<Text>,
    /// The unit (e.g. `Kecamatan Masama`).
    pub unit: Option<Text>,
    /// The rank and grade (e.g. `Penata (III/c)`).
    pub pangkat: Option<Text>,
}

/// The period the SKP covers.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Periode {
    #[schemars(skip)]
    pub span: Span,
    /// Required. The first day, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub mulai: Option<Text>,
    /// Required. The last day, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub selesai: Option<Text>,
}

/// A Rencana Hasil Kerja: a result the employee plans to achieve.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Rhk {
    #[schemars(skip)]
    pub span: Span,
    /// Optional. The RHK's id, without `/` or spaces; default `R1`, `R2`, … by position in the list.
    #[schemars(with = "Option<SasaranId>")]
    pub id: Text,
    #[schemars(skip)]
    pub id_written: bool,
    /// `utama` (default) or `tambahan`.
    #[schemars(with = "Option<Jenis>")]
    pub jenis: Option<Text>,
    /// Required. The result, worded as a result (e.g. "Tersusunnya laporan …"), not an activity.
    #[schemars(with = "String")]
    pub uraian: Option<Text>,
    /// The superior's RHK this one intervenes: `<rhk-id>` of the superior SKP (found through the penilai's NIP), `<skp-id>/<rhk-id>`, or `<dokumen-id>/<jabatan-id>/<sasaran-id>` where the superior keeps an IKI only.
    #[schemars(with = "Option<IntervensiRef>")]
    pub intervensi: Option<Text>,
    /// Optional. The sasaran of the holder's own IKI position this RHK carries: `<sasaran-id>` or `<dokumen-id>/<jabatan-id>/<sasaran-id>`.
    #[schemars(with = "Option<MendukungRef>")]
    pub sasaran: Option<Text>,
    /// For a JPT SKP: `penerima-layanan`, `proses-bisnis`, `penguatan-internal` or `anggaran`.
    #[schemars(with = "Option<Perspektif>")]
    pub perspektif: Option<Text>,
    /// Optional. `true` for an RHK utama the office plans without intervensi (\"mandiri\"); accepted only where `ikilint.toml` allows it (`[skp] mandiri = true`).
    #[schemars(with = "Option<bool>")]
    pub mandiri: Option<Sp<bool>>,
    #[schemars(skip)]
    pub indikator_span: Option<Span>,
    /// The superior RHK printed as text in an office file (e-Kinerja prints no id), located at the YAML comment
    /// that keeps it: linked to the superior SKP's RHK across files (see [`crate::skp::printed`]).
    #[schemars(skip)]
    #[serde(default)]
    pub printed: Option<Text>,
    /// Required. The indicators, one per aspek for the kuantitatif approach.
    #[schemars(length(min = 1))]
    pub indikator: Vec<RhkIndikator>,
}

/// `utama` or `tambahan`.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Jenis {
    Utama,
    Tambahan,
}

/// A JPT perspective.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Perspektif {
    PenerimaLayanan,
    ProsesBisnis,
    PenguatanInternal,
    Anggaran,
}

/// An indicator of an RHK, worded apart from its target.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct RhkIndikator {
    #[schemars(skip)]
    pub span: Span,
    /// `kuantitas`, `kualitas`, `waktu` or `biaya` (required for the kuantitatif approach).
    #[schemars(with = "Option<Aspek>")]
    pub aspek: Option<Text>,
    /// Required. The indicator, without its target (e.g. "Jumlah laporan yang tersusun").
    #[schemars(with = "String")]
    pub uraian: Option<Text>,
    /// The target, text or number (e.g. `12`).
    #[schemars(with = "Option<TextOrNumber>")]
    pub target: Option<Text>,
    /// The target's unit (e.g. `dokumen`, `persen`, `bulan`).
    pub satuan: Option<Text>,
}

/// An aspek of an indicator.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Aspek {
    Kuantitas,
    Kualitas,
    Waktu,
    Biaya,
}

/// One BerAKHLAK behaviour with the leader's specific expectation.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Perilaku {
    #[schemars(skip)]
    pub span: Span,
    /// `berorientasi-pelayanan`, `akuntabel`, `kompeten`, `harmonis`, `loyal`, `adaptif` or `kolaboratif`.
    #[schemars(with = "BerAkhlak")]
    pub aspek: Option<Text>,
    /// The ekspektasi khusus pimpinan: what the leader expects of this employee in this behaviour.
    pub ekspektasi: Option<Text>,
}

/// The seven BerAKHLAK core values.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum BerAkhlak {
    BerorientasiPelayanan,
    Akuntabel,
    Kompeten,
    Harmonis,
    Loyal,
    Adaptif,
    Kolaboratif,
}

/// The lampiran of the SKP.
#[derive(Clone, Debug, JsonSchema, Serialize, Deserialize)]
#[schemars(deny_unknown_fields)]
pub struct Lampiran {
    #[schemars(skip)]
    pub span: Span,
    /// Dukungan sumber daya: the resources the work needs.
    #[schemars(with = "Option<Vec<String>>")]
    pub dukungan_sumber_daya: Vec<Text>,
    /// Skema pertanggungjawaban: how the results are accounted for.
    #[schemars(with = "Option<Vec<String>>")]
    pub skema_pertanggungjawaban: Vec<Text>,
    /// Konsekuensi: what follows from reaching or missing the targets.
    #[schemars(with = "Option<Vec<String>>")]
    pub konsekuensi: Vec<Text>,
}

/// The aspek of a kuantitatif indicator (SPEC.md section 6).
pub const ASPEK: &[&str] = &["kuantitas", "kualitas", "waktu", "biaya"];
/// The perspektif of a JPT RHK.
pub const PERSPEKTIF: &[&str] = &["penerima-layanan", "proses-bisnis", "penguatan-internal", "anggaran"];
/// The seven BerAKHLAK values, in the order forms print them.
pub const BERAKHLAK: &[&str] = &[
    "berorientasi-pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
];

impl SkpDocument {
    pub fn id(&self) -> Option<&str> {
        self.skp.as_ref()?.id.as_ref().map(Text::as_str)
    }

    pub fn tahun(&self) -> Option<i64> {
        self.skp.as_ref()?.tahun.as_ref().map(|t| t.value)
    }

    pub fn is_puncak(&self) -> bool {
        self.skp
            .as_ref()
            .and_then(|s| s.puncak.as_ref())
            .is_some_and(|p| p.value)
    }

    pub fn is_jpt(&self) -> bool {
        self.skp.as_ref().and_then(|s| s.jpt.as_ref()).is_some_and(|p| p.value)
    }

    pub fn is_kuantitatif(&self) -> bool {
        self.skp
            .as_ref()
            .and_then(|s| s.pendekatan.as_ref())
            .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("kuantitatif"))
    }

    /// The people of the SKP with the key they are written under.
    pub fn people(&self) -> impl Iterator<Item = (&'static str, &SkpPerson)> {
        [
            ("pegawai", &self.pegawai),
            ("pejabat_penilai", &self.pejabat_penilai),
            ("atasan_penilai", &self.atasan_penilai),
        ]
        .into_iter()
        .filter_map(|(key, p)| p.as_ref().map(|p| (key, p)))
    }

    /// Every free text of the SKP with the key it was written under, for the text rules.
    pub fn texts(&self) -> Vec<(&'static str, &Text)> {
        let mut out = Vec::new();
        for (_, person) in self.people() {
            out.extend(person.nama.iter().map(|t| ("nama", t)));
            out.extend(person.jabatan.iter().map(|t| ("jabatan", t)));
            out.extend(person.unit.iter().map(|t| ("unit", t)));
        }
        for rhk in &self.rhk {
            out.extend(rhk.uraian.iter().map(|t| ("rhk.uraian", t)));
            for indikator in &rhk.indikator {
                out.extend(indikator.uraian.iter().map(|t| ("indikator.uraian", t)));
                out.extend(indikator.target.iter().map(|t| ("target", t)));
            }
        }
        for perilaku in &self.perilaku {
            out.extend(perilaku.ekspektasi.iter().map(|t| ("ekspektasi", t)));
        }
        if let Some(lampiran) = &self.lampiran {
            for list in [
                &lampiran.dukungan_sumber_daya,
                &lampiran.skema_pertanggungjawaban,
                &lampiran.konsekuensi,
            ] {
                out.extend(list.iter().map(|t| ("lampiran", t)));
            }
        }
        out
    }

    /// What the cross-file rules read: the lampiran, perilaku, period, approach, ranks, perspectives and the
    /// indicators' aspek and targets are per-file matters. What is kept takes no more room than it needs (see
    /// [`crate::model::Document::into_skeleton`]).
    pub fn into_skeleton(mut self) -> SkpDocument {
        self.lampiran = None;
        self.perilaku = Vec::new();
        self.periode = None;
        if let Some(skp) = &mut self.skp {
            skp.pendekatan = None;
        }
        for person in [&mut self.pegawai, &mut self.pejabat_penilai, &mut self.atasan_penilai]
            .into_iter()
            .flatten()
        {
            person.pangkat = None;
        }
        self.rhk.shrink_to_fit();
        for rhk in &mut self.rhk {
            rhk.perspektif = None;
            rhk.indikator.shrink_to_fit();
            for indikator in &mut rhk.indikator {
                indikator.aspek = None;
                indikator.target = None;
                indikator.satuan = None;
            }
        }
        self
    }
}
