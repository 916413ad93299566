//! R — SKP documents (PermenPANRB 6/2022; SPEC.md section 6). R005–R014 look at one SKP at a time; R001–R004
//! and R015 follow the links between SKPs and IKI documents through [`index::SkpIndex`].

mod document;
pub mod index;
pub mod links;

use super::{Check, Family, Rule};
use crate::diagnostic::Severity;
use serde::Deserialize;

/// What varies between offices' SKP forms (`rules/skp.yaml`, the `[skp]` table of `ikilint.toml`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkpPractice {
    /// The aspek an indicator may have (R005).
    pub aspek: Option<Vec<String>>,
    /// An RHK utama marked `mandiri: true` needs no intervensi (R001).
    pub mandiri: Option<bool>,
}

impl crate::data::Table for SkpPractice {
    const FILE: &'static str = "skp.yaml";

    fn merge(&mut self, later: Self) {
        if later.aspek.is_some() {
            self.aspek = later.aspek;
        }
        if later.mandiri.is_some() {
            self.mandiri = later.mandiri;
        }
    }
}

impl SkpPractice {
    /// The aspek of this office's form, lowercase.
    pub fn aspek(&self) -> Vec<&str> {
        match &self.aspek {
            Some(list) => list.iter().map(String::as_str).collect(),
            None => crate::skp::ASPEK.to_vec(),
        }
    }

    pub fn allows_mandiri(&self) -> bool {
        self.mandiri.unwrap_or(false)
    }
}

pub const RHK_NO_INTERVENSI: Rule = Rule {
    code: "R001",
    name: "rhk-no-intervensi",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Set(links::rhk_no_intervensi),
};

pub const INTERVENSI_UNKNOWN: Rule = Rule {
    code: "R002",
    name: "intervensi-unknown",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Set(links::intervensi_unknown),
};

pub const INTERVENSI_NOT_PENILAI: Rule = Rule {
    code: "R003",
    name: "intervensi-not-penilai",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Set(links::intervensi_not_penilai),
};

pub const RHK_NOT_INTERVENED: Rule = Rule {
    code: "R004",
    name: "rhk-not-intervened",
    family: Family::Skp,
    severity: Severity::Warning,
    check: Check::Set(links::rhk_not_intervened),
};

pub const ASPEK_INVALID: Rule = Rule {
    code: "R005",
    name: "aspek-invalid",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Skp(document::aspek_invalid),
};

pub const NO_KUANTITAS: Rule = Rule {
    code: "R006",
    name: "no-kuantitas",
    family: Family::Skp,
    severity: Severity::Warning,
    check: Check::Skp(document::no_kuantitas),
};

pub const TARGET_NO_SATUAN: Rule = Rule {
    code: "R007",
    name: "target-no-satuan",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Skp(document::target_no_satuan),
};

pub const TARGET_IN_INDIKATOR: Rule = Rule {
    code: "R008",
    name: "target-in-indikator",
    family: Family::Skp,
    severity: Severity::Warning,
    check: Check::Skp(document::target_in_indikator),
};

pub const RHK_ACTIVITY: Rule = Rule {
    code: "R009",
    name: "rhk-activity",
    family: Family::Skp,
    severity: Severity::Warning,
    check: Check::Skp(document::rhk_activity),
};

pub const PERSPEKTIF_INVALID: Rule = Rule {
    code: "R010",
    name: "perspektif-invalid",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Skp(document::perspektif_invalid),
};

pub const PERILAKU_INCOMPLETE: Rule = Rule {
    code: "R011",
    name: "perilaku-incomplete",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Skp(document::perilaku_incomplete),
};

pub const EKSPEKTASI_EMPTY: Rule = Rule {
    code: "R012",
    name: "ekspektasi-empty",
    family: Family::Skp,
    severity: Severity::Info,
    check: Check::Skp(document::ekspektasi_empty),
};

pub const PERIODE_INVALID: Rule = Rule {
    code: "R013",
    name: "periode-invalid",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Skp(document::periode_invalid),
};

pub const PENILAI_IS_PEGAWAI: Rule = Rule {
    code: "R014",
    name: "penilai-is-pegawai",
    family: Family::Skp,
    severity: Severity::Error,
    check: Check::Skp(document::penilai_is_pegawai),
};

pub const SKP_IKI_MISMATCH: Rule = Rule {
    code: "R015",
    name: "skp-iki-mismatch",
    family: Family::Skp,
    severity: Severity::Warning,
    check: Check::Set(links::skp_iki_mismatch),
};

pub const RULES: &[Rule] = &[
    RHK_NO_INTERVENSI,
    INTERVENSI_UNKNOWN,
    INTERVENSI_NOT_PENILAI,
    RHK_NOT_INTERVENED,
    ASPEK_INVALID,
    NO_KUANTITAS,
    TARGET_NO_SATUAN,
    TARGET_IN_INDIKATOR,
    RHK_ACTIVITY,
    PERSPEKTIF_INVALID,
    PERILAKU_INCOMPLETE,
    EKSPEKTASI_EMPTY,
    PERIODE_INVALID,
    PENILAI_IS_PEGAWAI,
    SKP_IKI_MISMATCH,
];

/// Whether an RHK is utama: `jenis: utama`, or no `jenis` (forms list the utama first and mark the tambahan).
pub fn is_utama(rhk: &crate::skp::Rhk) -> bool {
    rhk.jenis
        .as_ref()
        .is_none_or(|j| !j.value.trim().eq_ignore_ascii_case("tambahan"))
}
