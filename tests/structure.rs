//! Structure rules S001–S006: each has a fixture that must trigger it and a near-miss that must not.

mod common;
use common::EnglishTexts;
use common::*;

const CLEAN: &str = "\
dokumen:
  id: contoh
  unit: Kecamatan Contoh
  tahun: 2024
jabatan:
  - id: camat
    nama: Camat Contoh
    sasaran:
      - uraian: Meningkatnya pelayanan publik
        indikator:
          - uraian: Indeks Kepuasan Masyarakat
            formula: Hasil survei kepuasan masyarakat
";

fn structure_codes(report: &ikilint::Report) -> Vec<&'static str> {
    report
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| c.starts_with('S'))
        .collect()
}

#[test]
fn near_miss_clean_document_has_no_structure_finding() {
    assert!(
        structure_codes(&lint(CLEAN)).is_empty(),
        "{:#?}",
        lint(CLEAN).diagnostics
    );
}

#[test]
fn s001_broken_yaml_is_located_at_the_parser_stop() {
    let text = "dokumen:\n  id: contoh\n  unit: [Kecamatan\njabatan: []\n";
    let report = lint(text);
    let found = with_code(&report, "S001");
    assert_eq!(found.len(), 1);
    assert!(line_of(&report, found[0]) >= 3, "line {}", line_of(&report, found[0]));
    assert!(found[0].message_en().contains("not valid YAML"));
}

#[test]
fn s001_tab_indentation() {
    let report = lint("dokumen:\n\tid: contoh\n");
    let found = with_code(&report, "S001");
    assert_eq!(found.len(), 1);
    assert_eq!(line_of(&report, found[0]), 2);
}

#[test]
fn s002_wrong_type_points_at_the_value() {
    let text = CLEAN.replace("tahun: 2024", "tahun: \"2024\"");
    let report = lint(&text);
    let found = with_code(&report, "S002");
    assert_eq!(found.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(primary_text(&report, found[0]), "\"2024\"");
    assert!(found[0].message_en().contains("tahun"));
}

#[test]
fn s002_missing_key_points_at_the_mapping() {
    let text = CLEAN.replace("    nama: Camat Contoh\n", "");
    let report = lint(&text);
    let found = with_code(&report, "S002");
    assert_eq!(found.len(), 1, "{:#?}", report.diagnostics);
    assert!(found[0].message_en().contains("`nama`"));
    assert_eq!(primary_text(&report, found[0]), "id");
    assert_eq!(line_of(&report, found[0]), 6);
}

#[test]
fn s002_invalid_id_suggests_a_valid_one() {
    let text = CLEAN.replace("id: camat", "id: Camat Contoh");
    let report = lint(&text);
    let found = with_code(&report, "S002");
    assert_eq!(found.len(), 1);
    assert!(found[0].help_en().contains("camat-contoh"));
}

#[test]
fn s002_list_written_as_text_is_reported_and_still_read() {
    let text = CLEAN.replace(
        "            formula: Hasil survei kepuasan masyarakat\n",
        "            formula: Hasil survei kepuasan masyarakat\n            sumber_data: Laporan survei\n",
    );
    let report = lint(&text);
    let found = with_code(&report, "S002");
    assert_eq!(found.len(), 1);
    assert_eq!(primary_text(&report, found[0]), "Laporan survei");
}

#[test]
fn s003_typo_suggests_the_nearest_key_once() {
    let text = CLEAN.replace("jabatan:", "jabatn:");
    let report = lint(&text);
    let found = with_code(&report, "S003");
    assert_eq!(found.len(), 1);
    assert_eq!(primary_text(&report, found[0]), "jabatn");
    assert!(found[0].help_en().contains("`jabatan`"));
    // The misspelt required key is not reported a second time as missing.
    assert!(with_code(&report, "S002").is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn s003_unrelated_key_lists_the_allowed_keys() {
    let text = CLEAN.replace("  tahun: 2024\n", "  tahun: 2024\n  catatan: lain\n");
    let report = lint(&text);
    let found = with_code(&report, "S003");
    assert_eq!(found.len(), 1);
    assert!(found[0].help_en().contains("id, unit, tahun, tempat"));
}

#[test]
fn s004_repeated_position_id_points_back_at_the_first() {
    let second = "  - id: camat\n    nama: Camat Lain\n    sasaran:\n      - uraian: Tersedianya data\n        indikator:\n          - uraian: Jumlah data\n";
    let report = lint(&format!("{CLEAN}{second}"));
    let found = with_code(&report, "S004");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].secondary.len(), 1);
    assert!(found[0].secondary[0].span.start < found[0].primary.span.start);
}

#[test]
fn s004_repeated_document_id_across_files() {
    let report = lint_files(&[("a.yaml", CLEAN), ("b.yaml", CLEAN)]);
    let found = with_code(&report, "S004");
    assert_eq!(found.len(), 1);
    assert_ne!(found[0].primary.file, found[0].secondary[0].file);
}

#[test]
fn s004_near_miss_same_sasaran_id_in_different_positions() {
    let second = "  - id: sekcam\n    nama: Sekretaris\n    atasan: camat\n    sasaran:\n      - id: S1\n        uraian: Tersedianya data\n        mendukung: S1\n        indikator:\n          - uraian: Jumlah data\n";
    let report = lint(&format!("{CLEAN}{second}"));
    assert!(with_code(&report, "S004").is_empty());
}

#[test]
fn s005_empty_required_text() {
    let report = lint(&CLEAN.replace("uraian: Indeks Kepuasan Masyarakat", "uraian: \"  \""));
    let found = with_code(&report, "S005");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, ikilint::diagnostic::Severity::Warning);
    // Near miss: an optional text left empty is not a finding.
    assert!(
        with_code(
            &lint(&CLEAN.replace("  tahun: 2024\n", "  tahun: 2024\n  tempat: \"\"\n")),
            "S005"
        )
        .is_empty()
    );
}

#[test]
fn s006_repeated_key_with_both_places() {
    let report = lint(&CLEAN.replace("  tahun: 2024\n", "  tahun: 2024\n  unit: Kecamatan Lain\n"));
    let found = with_code(&report, "S006");
    assert_eq!(found.len(), 1);
    assert_eq!(primary_text(&report, found[0]), "unit");
    assert_eq!(found[0].secondary.len(), 1);
    assert_eq!(line_of(&report, found[0]), 5);
}

#[test]
fn s002_required_block_left_empty_is_reported_optional_one_is_not() {
    let report = lint(
        "dokumen:\njabatan:\n  - id: camat\n    nama: Camat\n    pemangku:\n    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: Indeks Kepuasan Masyarakat\n",
    );
    let found = with_code(&report, "S002");
    assert_eq!(found.len(), 1, "{:#?}", report.diagnostics);
    assert!(found[0].message_en().contains("`dokumen`"));
}

#[test]
fn s001_several_documents_in_one_file_say_so() {
    let report = lint(&format!("{CLEAN}---\n{CLEAN}"));
    let found = with_code(&report, "S001");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message_en().contains("more than one YAML document"),
        "{}",
        found[0].message_en()
    );
    assert_eq!(line_of(&report, found[0]), CLEAN.lines().count() + 2);
}

#[test]
fn near_miss_yaml_1_1_boolean_words_stay_text() {
    // `y`, `yes`, `on` are booleans in YAML 1.1 only; in an IKI document they are the text written.
    let text = CLEAN
        .replace("id: camat", "id: y")
        .replace("nama: Camat Contoh", "nama: Yes");
    let report = lint(&text);
    assert!(with_code(&report, "S002").is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn s002_a_number_that_is_no_year() {
    for written in ["99999999999999999999999", "20240", "24", "2024.5"] {
        let report = lint(&CLEAN.replace("tahun: 2024", &format!("tahun: {written}")));
        let found = with_code(&report, "S002");
        assert_eq!(found.len(), 1, "{written}");
        assert!(
            found[0].message_en().contains("is not a year"),
            "{}",
            found[0].message_en()
        );
        assert_eq!(primary_text(&report, found[0]), written);
    }
}
