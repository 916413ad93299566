//! The SKP example set the SKP tests change one thing in: the office of `examples/masama-2020.yaml` with the SKPs
//! of its Camat, its Kepala Seksi PIP and a Pengolah Data (`examples/skp-*.yaml`).

use ikilint::Report;

pub const IKI: &str = include_str!("../../examples/masama-2020.yaml");
pub const CAMAT: &str = include_str!("../../examples/skp-camat-masama-2023.yaml");
pub const KASI: &str = include_str!("../../examples/skp-kasi-pip-masama-2023.yaml");
pub const STAF: &str = include_str!("../../examples/skp-pengolah-data-perizinan-masama-2023.yaml");

pub const CAMAT_FILE: &str = "camat.yaml";
pub const KASI_FILE: &str = "kasi.yaml";
pub const STAF_FILE: &str = "staf.yaml";

/// The example set as files: the three SKPs and the IKI.
pub const FILES: [(&str, &str); 4] = [
    (CAMAT_FILE, CAMAT),
    (KASI_FILE, KASI),
    (STAF_FILE, STAF),
    ("masama-2020.yaml", IKI),
];

/// The IKI with the three SKPs given, linted as one set.
pub fn set(camat: &str, kasi: &str, staf: &str) -> Report {
    super::lint_files(&[
        ("masama-2020.yaml", IKI),
        (CAMAT_FILE, camat),
        (KASI_FILE, kasi),
        (STAF_FILE, staf),
    ])
}

/// `text` with `from` replaced once, failing loudly when `from` is not there (a test that cannot fail is a defect).
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the fixture");
    text.replacen(from, to, 1)
}
