//! SKP documents (SPEC.md section 6): reading, and the R rules R001–R015, each with a fixture that must trigger it
//! and a near-miss that must not. The base set is the example office of `examples/skp-*.yaml` with the IKI it
//! links to; each test changes one thing in it.

mod common;
use common::EnglishTexts;
#[path = "common/lsp.rs"]
mod lsp;
use common::skp::*;
use common::*;
use ikilint::Report;
use ikilint::diagnostic::{Applicability, Diagnostic};

/// The findings in the SKP files (the IKI example is transcribed with its real defects).
fn skp_findings(report: &Report) -> Vec<&Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| {
            report.files.get(d.primary.file).name.ends_with(".yaml")
                && !report.files.get(d.primary.file).name.starts_with("masama")
        })
        .collect()
}

fn codes(report: &Report) -> Vec<&'static str> {
    skp_findings(report).iter().map(|d| d.code).collect()
}

/// The one finding of `code` in the SKP files.
fn only<'r>(report: &'r Report, code: &str) -> &'r Diagnostic {
    let found = in_skp(report, code);
    assert_eq!(found.len(), 1, "{code}: {found:#?}");
    found[0]
}

/// The findings of `code` in the SKP files.
fn in_skp<'r>(report: &'r Report, code: &str) -> Vec<&'r Diagnostic> {
    skp_findings(report).into_iter().filter(|d| d.code == code).collect()
}

fn file_of<'r>(report: &'r Report, d: &Diagnostic) -> &'r str {
    &report.files.get(d.primary.file).name
}

#[test]
fn the_example_set_is_clean() {
    let report = set(CAMAT, KASI, STAF);
    assert!(codes(&report).is_empty(), "{:#?}", skp_findings(&report));
}

#[test]
fn an_skp_file_alone_is_read_without_schema_findings() {
    let report = lint_files(&[(KASI_FILE, KASI)]);
    assert!(
        report.diagnostics.iter().all(|d| !d.code.starts_with('S')),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn r001_rhk_utama_without_intervensi_suggests_the_closest_superior_rhk() {
    let kasi = edit(KASI, "    intervensi: R1\n", "");
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R001");
    assert_eq!(file_of(&report, d), KASI_FILE);
    assert!(primary_text(&report, d).starts_with("Terlaksananya layanan informasi"));
    assert!(d.help_en().contains("`intervensi: R1`"), "{:?}", d.help);
    let fix = d.fix.as_ref().expect("an unsafe fix");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert_eq!(fix.edits[0].replacement, "    intervensi: R1\n");
}

#[test]
fn r001_near_misses_puncak_and_tambahan() {
    // The Camat is the top of the cascade; the Kasi's R3 is tambahan and names no intervensi already.
    assert!(!KASI.contains(
        "R3\n    jenis: tambahan\n    uraian: Terlaksananya survei kepuasan masyarakat Kecamatan Masama\n    intervensi"
    ));
    let report = set(CAMAT, KASI, STAF);
    assert!(with_code(&report, "R001").is_empty());
    let camat = edit(CAMAT, "  puncak: true\n", "");
    let report = set(&camat, KASI, STAF);
    assert_eq!(with_code(&report, "R001").len(), 2, "{:#?}", report.diagnostics);
}

#[test]
fn r002_unknown_rhk_gets_did_you_mean() {
    let kasi = edit(KASI, "    intervensi: R2\n", "    intervensi: R9\n");
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R002");
    assert_eq!(primary_text(&report, d), "R9");
    assert!(d.message_en().contains("camat-masama-2023"), "{}", d.message_en());
}

#[test]
fn r002_missing_superior_skp() {
    // Without the Camat's SKP the Kasi's bare `intervensi` names nothing.
    let report = lint_files(&[("masama-2020.yaml", IKI), (KASI_FILE, KASI), (STAF_FILE, STAF)]);
    let found = with_code(&report, "R002");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].message_en().contains("196801251986111001"),
        "{}",
        found[0].message_en()
    );
}

#[test]
fn r002_near_miss_full_reference_resolves() {
    let kasi = edit(KASI, "    intervensi: R2\n", "    intervensi: camat-masama-2023/R2\n");
    let report = set(CAMAT, &kasi, STAF);
    assert!(codes(&report).is_empty(), "{:#?}", skp_findings(&report));
}

#[test]
fn r002_unknown_sasaran_of_the_holders_position() {
    let kasi = edit(KASI, "    sasaran: S2\n", "    sasaran: S7\n");
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R002");
    assert_eq!(primary_text(&report, d), "S7");
}

#[test]
fn r003_intervensi_of_someone_other_than_the_penilai() {
    let staf = edit(STAF, "    intervensi: R1\n", "    intervensi: camat-masama-2023/R1\n");
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "R003");
    assert_eq!(file_of(&report, d), STAF_FILE);
    assert!(d.message_en().contains("KAMALUDDIN"), "{}", d.message_en());
}

#[test]
fn r003_near_miss_the_penilais_rhk_by_full_reference() {
    let staf = edit(
        STAF,
        "    intervensi: R1\n",
        "    intervensi: kasi-pip-masama-2023/R1\n",
    );
    let report = set(CAMAT, KASI, &staf);
    assert!(with_code(&report, "R003").is_empty());
}

#[test]
fn r003_sasaran_of_another_position() {
    let kasi = edit(KASI, "    sasaran: S2\n", "    sasaran: masama-2020/camat/S2\n");
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R003");
    assert!(d.message_en().contains("masama-2020/kasi-pip"), "{}", d.message_en());
}

#[test]
fn r004_superior_rhk_nobody_intervenes() {
    let staf = edit(STAF, "    intervensi: R2\n", "    intervensi: R1\n");
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "R004");
    assert_eq!(file_of(&report, d), KASI_FILE);
    assert!(primary_text(&report, d).starts_with("Tersusunnya laporan akuntabilitas"));
}

#[test]
fn r004_near_miss_an_skp_without_subordinates_in_the_set() {
    let report = lint_files(&[(STAF_FILE, STAF)]);
    assert!(with_code(&report, "R004").is_empty());
}

#[test]
fn r005_aspek_misspelt_gets_a_safe_fix() {
    let camat = edit(
        CAMAT,
        "aspek: kualitas, uraian: Persentase pengaduan",
        "aspek: kwalitas, uraian: Persentase pengaduan",
    );
    let report = set(&camat, KASI, STAF);
    let d = only(&report, "R005");
    assert_eq!(primary_text(&report, d), "kwalitas");
    let fix = d.fix.as_ref().unwrap();
    assert_eq!(fix.applicability, Applicability::Safe);
    assert_eq!(fix.edits[0].replacement, "kualitas");
}

#[test]
fn r005_near_miss_case_and_no_fix_when_far() {
    let camat = edit(
        CAMAT,
        "aspek: kualitas, uraian: Persentase pengaduan",
        "aspek: Kualitas, uraian: Persentase pengaduan",
    );
    assert!(with_code(&set(&camat, KASI, STAF), "R005").is_empty());
    let camat = edit(
        CAMAT,
        "aspek: kualitas, uraian: Persentase pengaduan",
        "aspek: manfaat, uraian: Persentase pengaduan",
    );
    let report = set(&camat, KASI, STAF);
    assert!(only(&report, "R005").fix.is_none());
}

#[test]
fn r006_kuantitatif_rhk_without_kuantitas() {
    let camat = edit(
        CAMAT,
        "aspek: kuantitas, uraian: Nilai akuntabilitas",
        "aspek: kualitas, uraian: Nilai akuntabilitas",
    );
    let report = set(&camat, KASI, STAF);
    let d = only(&report, "R006");
    assert!(d.message_en().contains("R2"));
    let camat = edit(&camat, "pendekatan: kuantitatif", "pendekatan: kualitatif");
    assert!(with_code(&set(&camat, KASI, STAF), "R006").is_empty());
}

#[test]
fn r007_indicator_without_satuan_or_target() {
    let kasi = edit(KASI, ", target: 150, satuan: orang }", ", target: 150 }");
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R007");
    assert!(d.message_en().contains("no satuan"), "{}", d.message_en());
    let kasi = edit(KASI, ", target: 150, satuan: orang }", " }");
    let report = set(CAMAT, &kasi, STAF);
    assert!(only(&report, "R007").message_en().contains("neither"));
    let kasi = edit(&kasi, "pendekatan: kuantitatif", "pendekatan: kualitatif");
    assert!(with_code(&set(CAMAT, &kasi, STAF), "R007").is_empty());
}

#[test]
fn r008_target_inside_the_indicator() {
    let kasi = edit(
        KASI,
        "uraian: Jumlah laporan kinerja seksi yang tersusun",
        "uraian: 4 laporan kinerja seksi tersusun",
    );
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R008");
    assert_eq!(primary_text(&report, d), "4");
}

#[test]
fn r008_near_miss_years_and_regulation_numbers() {
    let kasi = edit(
        KASI,
        "uraian: Jumlah laporan kinerja seksi yang tersusun",
        "uraian: Jumlah laporan kinerja seksi tahun 2023 menurut Perbup Nomor 12 yang tersusun",
    );
    assert!(with_code(&set(CAMAT, &kasi, STAF), "R008").is_empty());
}

#[test]
fn r009_rhk_worded_as_an_activity() {
    let kasi = edit(
        KASI,
        "uraian: Tersusunnya laporan akuntabilitas",
        "uraian: Menyusun laporan akuntabilitas",
    );
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R009");
    assert_eq!(primary_text(&report, d), "Menyusun");
    assert_eq!(d.fix.as_ref().unwrap().edits[0].replacement, "Tersusunnya");
}

#[test]
fn r010_jpt_rhk_needs_a_valid_perspektif() {
    let camat = edit(CAMAT, "  puncak: true\n", "  puncak: true\n  jpt: true\n");
    let report = set(&camat, KASI, STAF);
    assert_eq!(with_code(&report, "R010").len(), 2);
    let camat = edit(
        &camat,
        "    sasaran: S2\n",
        "    sasaran: S2\n    perspektif: Penerima Layanan\n",
    );
    let camat = edit(
        &camat,
        "    sasaran: S1\n",
        "    sasaran: S1\n    perspektif: proses-bisnes\n",
    );
    let report = set(&camat, KASI, STAF);
    let d = only(&report, "R010");
    assert_eq!(primary_text(&report, d), "proses-bisnes");
    assert_eq!(d.fix.as_ref().unwrap().edits[0].replacement, "proses-bisnis");
}

#[test]
fn r011_perilaku_missing_repeated_and_misspelt() {
    let staf = edit(
        STAF,
        "  - aspek: loyal\n    ekspektasi: Menjaga kerahasiaan data pemohon\n",
        "",
    );
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "R011");
    assert!(d.message_en().contains("loyal"), "{}", d.message_en());
    let staf = edit(STAF, "aspek: akuntabel", "aspek: akuntable");
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "R011");
    assert_eq!(d.fix.as_ref().unwrap().edits[0].replacement, "akuntabel");
    let staf = edit(STAF, "aspek: loyal", "aspek: harmonis");
    let report = set(CAMAT, KASI, &staf);
    assert_eq!(with_code(&report, "R011").len(), 2, "{:#?}", with_code(&report, "R011"));
}

#[test]
fn r012_empty_ekspektasi() {
    let staf = edit(
        STAF,
        "    ekspektasi: Menjaga kerahasiaan data pemohon\n",
        "    ekspektasi: \"\"\n",
    );
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "R012");
    assert_eq!(primary_text(&report, d), "loyal");
}

#[test]
fn r013_swapped_dates_get_a_safe_swap() {
    let kasi = edit(
        KASI,
        "{ mulai: 2023-01-01, selesai: 2023-12-31 }",
        "{ mulai: 2023-12-31, selesai: 2023-01-01 }",
    );
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R013");
    let fix = d.fix.as_ref().unwrap();
    assert_eq!(fix.applicability, Applicability::Safe);
    let replacements: Vec<&str> = fix.edits.iter().map(|e| e.replacement.as_str()).collect();
    assert_eq!(replacements, ["2023-01-01", "2023-12-31"]);
}

#[test]
fn r013_dates_outside_the_year_or_not_dates() {
    let kasi = edit(
        KASI,
        "{ mulai: 2023-01-01, selesai: 2023-12-31 }",
        "{ mulai: 2022-07-01, selesai: 2023-02-30 }",
    );
    let report = set(CAMAT, &kasi, STAF);
    let found = with_code(&report, "R013");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(primary_text(&report, found[0]), "2023-02-30");
    let kasi = edit(
        KASI,
        "{ mulai: 2023-01-01, selesai: 2023-12-31 }",
        "{ mulai: 2022-07-01, selesai: 2023-06-30 }",
    );
    let report = set(CAMAT, &kasi, STAF);
    assert_eq!(primary_text(&report, only(&report, "R013")), "2022-07-01");
    // A transfer in the year: a shorter period is fine.
    let kasi = edit(
        KASI,
        "{ mulai: 2023-01-01, selesai: 2023-12-31 }",
        "{ mulai: 2023-04-03, selesai: 2023-12-31 }",
    );
    assert!(with_code(&set(CAMAT, &kasi, STAF), "R013").is_empty());
}

#[test]
fn r014_penilai_is_the_pegawai() {
    let staf = edit(
        STAF,
        "  nip: \"197312312010011013\"\n  jabatan: Kepala Seksi",
        "  nip: \"19700614 200701 1 023\"\n  jabatan: Kepala Seksi",
    );
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "R014");
    assert_eq!(primary_text(&report, d), "\"19700614 200701 1 023\"");
}

#[test]
fn r015_rhk_and_its_iki_sasaran_share_nothing() {
    let staf = edit(STAF, "    sasaran: S1\n", "    sasaran: S2\n");
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "R015");
    assert_eq!(file_of(&report, d), STAF_FILE);
    assert_eq!(d.secondary.len(), 1);
}

#[test]
fn r015_without_sasaran_compares_with_the_holders_position() {
    let kasi = edit(
        KASI,
        "uraian: Tersusunnya laporan akuntabilitas kinerja Seksi Pelayanan, Informasi dan Pengaduan",
        "uraian: Terpeliharanya kendaraan dinas Kecamatan Masama",
    );
    let kasi = edit(
        &kasi,
        "uraian: Jumlah laporan kinerja seksi yang tersusun",
        "uraian: Jumlah kendaraan terpelihara",
    );
    let kasi = edit(
        &kasi,
        "uraian: Laporan kinerja seksi tersampaikan kepada Camat tepat waktu",
        "uraian: Servis berkala kendaraan",
    );
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "R015");
    assert!(d.message_en().contains("masama-2020/kasi-pip"), "{}", d.message_en());
}

#[test]
fn s002_a_file_with_both_kinds() {
    let both = format!("{KASI}dokumen: {{ id: x, unit: U, tahun: 2023 }}\n");
    let report = lint_files(&[("both.yaml", &both)]);
    let d = only(&report, "S002");
    assert_eq!(primary_text(&report, d), "skp");
}

#[test]
fn s003_unknown_skp_key_with_did_you_mean_and_s002_missing() {
    let kasi = edit(KASI, "  pendekatan: kuantitatif\n", "  pendekatn: kuantitatif\n");
    let report = lint_files(&[(KASI_FILE, &kasi)]);
    let d = only(&report, "S003");
    assert!(d.help_en().contains("pendekatan"));
    let kasi = edit(KASI, "periode: { mulai: 2023-01-01, selesai: 2023-12-31 }\n", "");
    let report = lint_files(&[(KASI_FILE, &kasi)]);
    assert!(only(&report, "S002").message_en().contains("periode"));
}

#[test]
fn s004_skp_id_shares_the_namespace_of_dokumen_id() {
    let kasi = edit(KASI, "  id: kasi-pip-masama-2023\n", "  id: masama-2020\n");
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "S004");
    assert_eq!(file_of(&report, d), KASI_FILE);
}

#[test]
fn every_r_rule_has_docs_in_both_languages() {
    for code in (1..=15).map(|n| format!("R{n:03}")) {
        let out = ikilint().args(["explain", &code]).output().unwrap();
        assert!(out.status.success(), "{code}");
        let out = ikilint().args(["explain", &code, "--lang", "id"]).output().unwrap();
        assert!(out.status.success(), "{code}");
    }
}

#[test]
fn check_on_the_example_skp_set_with_its_iki_is_clean_for_the_skp_files() {
    let out = ikilint()
        .args([
            "check",
            "--no-cache",
            "--format",
            "json",
            "examples/skp-camat-masama-2023.yaml",
            "examples/skp-kasi-pip-masama-2023.yaml",
            "examples/skp-pengolah-data-perizinan-masama-2023.yaml",
            "examples/masama-2020.yaml",
        ])
        .output()
        .unwrap();
    let json = json_output(&out);
    let in_skp = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().contains("examples/skp-"))
        .count();
    assert_eq!(in_skp, 0, "{json:#}");
}

#[test]
fn n003_eighteen_digits_without_spaces_are_fine_in_an_skp_but_other_groupings_are_not() {
    let report = set(CAMAT, KASI, STAF);
    assert!(with_code(&report, "N003").is_empty());
    let staf = edit(
        STAF,
        "  nip: \"197006142007011023\"",
        "  nip: \"19700614-200701-1-023\"",
    );
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "N003");
    assert_eq!(file_of(&report, d), STAF_FILE);
}

#[test]
fn n002_impossible_birth_date_in_an_skp_nip() {
    let staf = edit(STAF, "  nip: \"197006142007011023\"", "  nip: \"197002302007011023\"");
    let report = set(CAMAT, KASI, &staf);
    assert_eq!(file_of(&report, only(&report, "N002")), STAF_FILE);
}

#[test]
fn n004_an_skp_pegawai_with_the_nip_of_another_iki_holder() {
    // The staff SKP carries the Kasi Pembangunan's NIP (a copy-paste slip): one NIP, two people.
    let staf = edit(STAF, "  nip: \"197006142007011023\"", "  nip: \"196903152007012010\"");
    let report = set(CAMAT, KASI, &staf);
    let found: Vec<_> = with_code(&report, "N004")
        .into_iter()
        .filter(|d| {
            file_of(&report, d) == STAF_FILE || d.secondary.iter().any(|l| report.files.get(l.file).name == STAF_FILE)
        })
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", with_code(&report, "N004"));
}

#[test]
fn n004_near_miss_the_same_person_in_the_iki_and_the_skp() {
    // MAWARTI, SH holds kasi-pip in the IKI and writes the Kasi's SKP: the same NIP, the same person.
    let report = set(CAMAT, KASI, STAF);
    let in_skp = with_code(&report, "N004")
        .into_iter()
        .filter(|d| file_of(&report, d) != "masama-2020.yaml")
        .count();
    assert_eq!(in_skp, 0);
}

#[test]
fn t001_and_t003_on_skp_prose() {
    let kasi = edit(
        KASI,
        "uraian: Terlaksananya survei kepuasan masyarakat",
        "uraian: Terlaksananya survey survey kepuasan masyarakat",
    );
    let report = set(CAMAT, &kasi, STAF);
    assert_eq!(file_of(&report, only(&report, "T003")), KASI_FILE);
    let kasi = edit(
        KASI,
        "ekspektasi: Memahami standar pelayanan perizinan",
        "ekspektasi: Memahami standar pelayanan perijinan",
    );
    let report = set(CAMAT, &kasi, STAF);
    let d = only(&report, "T001");
    assert_eq!(primary_text(&report, d), "perijinan");
}

#[test]
fn t001_near_miss_names_are_not_prose() {
    // A name is written as its bearer writes it.
    let staf = edit(
        STAF,
        "  nama: \"DOMINGGUS ERBET KAINAMA\"",
        "  nama: \"DOMINGGUS PERIJINAN\"",
    );
    assert!(in_skp(&set(CAMAT, KASI, &staf), "T001").is_empty());
}

#[test]
fn u004_and_u010_on_skp_indicators() {
    let kasi = edit(
        KASI,
        "target: 40, satuan: pengaduan",
        "target: \"40 (empat) pengaduan\", satuan: pengaduan",
    );
    let report = set(CAMAT, &kasi, STAF);
    assert_eq!(file_of(&report, only(&report, "U004")), KASI_FILE);
    let kasi = edit(
        KASI,
        "target: 100, satuan: persen",
        "target: semua rekomendasi, satuan: persen",
    );
    let report = set(CAMAT, &kasi, STAF);
    assert_eq!(primary_text(&report, only(&report, "U010")), "semua");
}

/// Run `ikilint check --format json` in a folder holding the example set and `config` as `ikilint.toml`, and
/// return the codes found in the SKP files.
fn codes_with_config(camat: &str, kasi: &str, staf: &str, config: &str) -> (Vec<String>, String) {
    let dir = temp_files(&[
        ("masama-2020.yaml", IKI),
        (CAMAT_FILE, camat),
        (KASI_FILE, kasi),
        (STAF_FILE, staf),
        ("ikilint.toml", config),
    ]);
    let out = ikilint()
        .current_dir(dir.path())
        .args(["check", "--no-cache", "--format", "json", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.code() == Some(2) {
        return (Vec::new(), stderr);
    }
    let json = json_output(&out);
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["file"].as_str().unwrap().contains("masama-2020"))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    (found, stderr)
}

#[test]
fn config_skp_mandiri_allows_an_rhk_marked_mandiri() {
    // The Camat's R1 is then intervened by nobody (R004, in camat.yaml), whatever the configuration says.
    let kasi = edit(KASI, "    intervensi: R1\n", "    mandiri: true\n");
    let (found, _) = codes_with_config(CAMAT, &kasi, STAF, "");
    assert_eq!(found, ["R004", "R001"]);
    let (found, _) = codes_with_config(CAMAT, &kasi, STAF, "[skp]\nmandiri = true\n");
    assert_eq!(found, ["R004"]);
    // Allowing mandiri does not excuse an RHK that is not marked.
    let kasi = edit(KASI, "    intervensi: R1\n", "");
    let (found, _) = codes_with_config(CAMAT, &kasi, STAF, "[skp]\nmandiri = true\n");
    assert_eq!(found, ["R004", "R001"]);
}

#[test]
fn config_skp_aspek_without_biaya() {
    let kasi = edit(
        KASI,
        "aspek: waktu, uraian: Lama penerbitan",
        "aspek: biaya, uraian: Lama penerbitan",
    );
    let (found, _) = codes_with_config(CAMAT, &kasi, STAF, "");
    assert!(found.is_empty(), "{found:?}");
    let (found, _) = codes_with_config(
        CAMAT,
        &kasi,
        STAF,
        "[skp]\naspek = [\"kuantitas\", \"kualitas\", \"waktu\"]\n",
    );
    assert_eq!(found, ["R005"]);
}

#[test]
fn config_skp_rejects_an_unknown_aspek() {
    let (found, stderr) = codes_with_config(CAMAT, KASI, STAF, "[skp]\naspek = [\"kuantitas\", \"manfaat\"]\n");
    assert!(found.is_empty());
    assert!(stderr.contains("manfaat"), "{stderr}");
}

#[test]
fn config_r006_and_r012_are_relaxed_like_any_rule() {
    let staf = edit(STAF, "    ekspektasi: Menjaga kerahasiaan data pemohon\n", "");
    let (found, _) = codes_with_config(CAMAT, KASI, &staf, "");
    assert_eq!(found, ["R012"]);
    let (found, _) = codes_with_config(CAMAT, KASI, &staf, "ignore = [\"R012\"]\n");
    assert!(found.is_empty(), "{found:?}");
}

/// The defects set of `examples/skp-cacat/`: the findings an office typically gets, pinned as printed.
#[test]
fn the_defects_set_prints_its_findings() {
    let out = ikilint()
        .args(["check", "--no-cache", "--color", "never", "examples/skp-cacat"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_safe_fixes_of_the_defects_set() {
    let out = ikilint()
        .args([
            "check",
            "--no-cache",
            "--color",
            "never",
            "--diff",
            "examples/skp-cacat",
        ])
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("+periode: { mulai: 2024-01-01, selesai: 2024-12-31 }"),
        "{diff}"
    );
    assert!(diff.contains("aspek: kualitas"), "{diff}");
    // Unsafe fixes (R001's intervensi, R009's rewording) are not applied without `--unsafe-fixes`.
    assert!(!diff.contains("+    intervensi:"), "{diff}");
}

fn graph_of(files: &[(&str, &str)]) -> String {
    let dir = temp_files(files);
    let out = ikilint()
        .current_dir(dir.path())
        .args(["graph", "--format", "mermaid", "."])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn graph_draws_skps_their_superior_and_intervensi_arrows() {
    let text = graph_of(&[
        (CAMAT_FILE, CAMAT),
        (KASI_FILE, KASI),
        (STAF_FILE, STAF),
        ("masama-2020.yaml", IKI),
    ]);
    // camat.yaml, kasi.yaml, staf.yaml are read in name order: k0 the Camat, k1 the Kasi, k2 the staff.
    assert!(text.contains("subgraph k1[\"SKP MAWARTI, SH"), "{text}");
    assert!(text.contains("  k1 -.-> k0\n"), "{text}");
    assert!(text.contains("  k2r1 --> k1r1\n"), "{text}");
}

#[test]
fn graph_draws_an_intervensi_of_an_iki_sasaran() {
    // Without the Camat's SKP, the Kasi intervenes the Camat's IKI sasaran S2.
    let kasi = edit(KASI, "    intervensi: R1\n", "    intervensi: masama-2020/camat/S2\n");
    let text = graph_of(&[(KASI_FILE, &kasi), ("masama-2020.yaml", IKI)]);
    let arrow = text
        .lines()
        .find(|l| l.trim_start().starts_with("k0r0 --> "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(arrow.trim_end().ends_with("s1"), "{arrow}");
}

/// The LSP position of `needle` in `text`, plus `shift` characters.
fn lsp_position(uri: &str, text: &str, needle: &str, shift: usize) -> serde_json::Value {
    let offset = text.find(needle).expect("needle") + shift;
    let line = text[..offset].matches('\n').count();
    let character = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    serde_json::json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

/// `ikilint server` in English on a folder holding `files`.
struct Editor {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    client: lsp::Client,
}

impl Editor {
    fn start(files: &[(&str, &str)]) -> Editor {
        let dir = temp_files(files);
        let root = dir.path().canonicalize().unwrap();
        let client = lsp::Client::start(&root, serde_json::json!({ "lang": "en" }));
        Editor {
            _dir: dir,
            root,
            client,
        }
    }

    /// The URI of `name` in the folder.
    fn uri(&self, name: &str) -> String {
        lsp::uri(&self.root.join(name))
    }

    /// Open `name` with `text` in the editor and wait until it is checked; its URI.
    fn open(&mut self, name: &str, text: &str) -> String {
        let uri = self.uri(name);
        self.client.open(&uri, text);
        self.client.diagnostics_until(&uri, |_| true);
        uri
    }
}

#[test]
fn server_hover_and_definition_follow_intervensi() {
    let mut editor = Editor::start(&[(CAMAT_FILE, CAMAT), (KASI_FILE, KASI), ("masama-2020.yaml", IKI)]);
    let (camat, kasi) = (editor.uri(CAMAT_FILE), editor.open(KASI_FILE, KASI));
    let client = &mut editor.client;
    let hover = client.request("textDocument/hover", lsp_position(&kasi, KASI, "intervensi: R2", 12));
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(text.starts_with("**SKP KAMALUDDIN DJANO, S.Pd., SH · R2**"), "{text}");
    assert!(
        text.contains("Meningkatnya akuntabilitas kinerja Kecamatan Masama"),
        "{text}"
    );
    let location = client.request(
        "textDocument/definition",
        lsp_position(&kasi, KASI, "intervensi: R2", 12),
    );
    assert_eq!(location["uri"].as_str(), Some(camat.as_str()), "{location}");
    let line = CAMAT[..CAMAT.find("  - id: R2").unwrap()].matches('\n').count();
    assert_eq!(
        location["range"]["start"]["line"].as_u64(),
        Some(line as u64),
        "{location}"
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        serde_json::json!({ "textDocument": { "uri": kasi } }),
    );
    assert_eq!(symbols[0]["name"].as_str(), Some("kasi-pip-masama-2023"), "{symbols}");
    let rhk: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(rhk.len(), 3, "{rhk:?}");
    assert!(rhk[1].starts_with("R2 · Tersusunnya laporan akuntabilitas"), "{rhk:?}");
    assert_eq!(symbols[0]["children"][1]["detail"].as_str(), Some("→ R2"));
    editor.client.shutdown();
}

/// The completion items after `intervensi: ` on the Kasi's R2 (its value deleted), in an editor on `files`.
fn intervensi_completion(files: &[(&str, &str)]) -> (Editor, serde_json::Value) {
    let mut editor = Editor::start(files);
    let typing = edit(KASI, "    intervensi: R2\n", "    intervensi: \n");
    let kasi = editor.open(KASI_FILE, &typing);
    let at = lsp_position(&kasi, &typing, "    intervensi: \n", 16);
    let items = editor.client.request("textDocument/completion", at);
    (editor, items)
}

#[test]
fn server_completes_intervensi_with_the_superiors_rhk_first_then_others_marked() {
    let (editor, items) = intervensi_completion(&FILES);
    let got = lsp::labels(&items);
    // The Camat's RHK (the superior SKP, found through the penilai's NIP), then the staff's, marked.
    assert_eq!(
        got,
        [
            "R1",
            "R2",
            "pengolah-data-perizinan-masama-2023/R1",
            "pengolah-data-perizinan-masama-2023/R2"
        ],
        "{items}"
    );
    let find = |label: &str| {
        items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["label"] == label)
            .unwrap()
            .clone()
    };
    assert_eq!(
        find("R2")["detail"],
        "Meningkatnya akuntabilitas kinerja Kecamatan Masama"
    );
    let marked = find("pengolah-data-perizinan-masama-2023/R1");
    assert!(marked["detail"].as_str().unwrap().contains("R003"), "{marked}");
    editor.client.shutdown();
}

#[test]
fn server_completes_intervensi_with_iki_sasaran_where_the_superior_keeps_no_skp() {
    // Without the Camat's SKP, the Kasi's penilai is found as the holder of the IKI position `camat`.
    let (editor, items) = intervensi_completion(&[(KASI_FILE, KASI), ("masama-2020.yaml", IKI)]);
    let got = lsp::labels(&items);
    assert!(!got.is_empty(), "{items}");
    assert!(got.iter().all(|l| l.starts_with("masama-2020/camat/S")), "{got:?}");
    editor.client.shutdown();
}

#[test]
fn server_completes_the_fixed_values_of_an_skp() {
    let mut editor = Editor::start(&[(KASI_FILE, KASI)]);
    // Each value being typed: a perilaku's aspek, an RHK's jenis and perspektif, the approach, and the aspek of
    // an indicator written as a block.
    let typing = [
        ("  - aspek: loyal\n", "  - aspek: \n"),
        ("    jenis: tambahan\n", "    jenis: \n    perspektif: \n"),
        ("  pendekatan: kuantitatif\n", "  pendekatan: \n"),
        (
            "      - { aspek: kuantitas, uraian: Jumlah responden survei kepuasan masyarakat, target: 150, satuan: orang }\n",
            "      - uraian: Jumlah responden survei kepuasan masyarakat\n        aspek: \n",
        ),
    ]
    .into_iter()
    .fold(KASI.to_string(), |text, (from, to)| edit(&text, from, to));
    let kasi = editor.open(KASI_FILE, &typing);
    let client = &mut editor.client;
    let complete = |client: &mut lsp::Client, needle: &str| {
        lsp::labels(&client.request(
            "textDocument/completion",
            lsp_position(&kasi, &typing, needle, needle.len() - 1),
        ))
    };
    assert_eq!(complete(client, "  - aspek: \n"), ikilint::skp::BERAKHLAK);
    assert_eq!(complete(client, "    jenis: \n"), ["utama", "tambahan"]);
    assert_eq!(complete(client, "    perspektif: \n"), ikilint::skp::PERSPEKTIF);
    assert_eq!(complete(client, "  pendekatan: \n"), ["kuantitatif", "kualitatif"]);
    assert_eq!(
        complete(client, "        aspek: \n"),
        ["kuantitas", "kualitas", "waktu", "biaya"]
    );
    editor.client.shutdown();
}

#[test]
fn server_hints_intervensi_counts_intervening_rhk_and_finds_their_references() {
    let mut editor = Editor::start(&FILES);
    let kasi = editor.open(KASI_FILE, KASI);
    let whole = serde_json::json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } });
    let hints = editor.client.request(
        "textDocument/inlayHint",
        serde_json::json!({ "textDocument": { "uri": kasi }, "range": whole }),
    );
    let hints = hints.as_array().expect("hints");
    assert_eq!(hints.len(), 2, "{hints:?}");
    let at_r2 = lsp_position(&kasi, KASI, "intervensi: R2", 14);
    let r2 = hints
        .iter()
        .find(|h| h["position"] == at_r2["position"])
        .expect("a hint after R2");
    assert!(
        r2["label"]
            .as_str()
            .unwrap()
            .starts_with("→ Meningkatnya akuntabilitas"),
        "{r2}"
    );
    // The Camat's RHK are each intervened by one RHK of the Kasi.
    let camat = editor.open(CAMAT_FILE, CAMAT);
    let staf = editor.open(STAF_FILE, STAF);
    let client = &mut editor.client;
    let lenses = client.request(
        "textDocument/codeLens",
        serde_json::json!({ "textDocument": { "uri": camat } }),
    );
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["intervened by 1 subordinate RHK", "intervened by 1 subordinate RHK"]
    );
    // The staff SKP has no subordinate: no lens.
    let none = client.request(
        "textDocument/codeLens",
        serde_json::json!({ "textDocument": { "uri": staf } }),
    );
    assert_eq!(none.as_array().map(Vec::len), Some(0), "{none}");
    // References of the Camat's R1: the Kasi's `intervensi: R1`.
    let mut at = lsp_position(&camat, CAMAT, "  - id: R1", 8);
    at["context"] = serde_json::json!({ "includeDeclaration": false });
    let found = client.request("textDocument/references", at);
    let found = found.as_array().expect("locations");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["uri"].as_str(), Some(kasi.as_str()));
    let line = KASI[..KASI.find("intervensi: R1").unwrap()].matches('\n').count();
    assert_eq!(found[0]["range"]["start"]["line"].as_u64(), Some(line as u64));
    editor.client.shutdown();
}

#[test]
fn an_allow_comment_suppresses_an_r_finding() {
    let kasi = edit(
        KASI,
        "uraian: Tersusunnya laporan akuntabilitas",
        "uraian: Menyusun laporan akuntabilitas",
    );
    assert_eq!(in_skp(&set(CAMAT, &kasi, STAF), "R009").len(), 1);
    let line_end = "Informasi dan Pengaduan\n    intervensi: R2";
    let kasi = edit(
        &kasi,
        line_end,
        "Informasi dan Pengaduan  # ikilint: allow(R009)\n    intervensi: R2",
    );
    let report = set(CAMAT, &kasi, STAF);
    assert!(in_skp(&report, "R009").is_empty());
    assert!(in_skp(&report, "S007").is_empty());
}
