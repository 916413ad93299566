//! The S, N and T families and U003, U004, U010 on SKP files (SPEC.md section 6): each rule that reads SKP files
//! through the code of its IKI check, with a fixture that triggers it on an SKP and a near miss that must not. The
//! base set is the example office (`examples/masama-2020.yaml` and `examples/skp-*.yaml`); each test changes one
//! thing in it.

mod common;
use common::EnglishTexts;
use common::skp::*;
use common::*;
use ikilint::Report;
use ikilint::diagnostic::{Diagnostic, Severity};
use ikilint::i18n::{Lang, tr};

/// The findings of `code` whose primary label is in an SKP file.
fn in_skp<'r>(report: &'r Report, code: &str) -> Vec<&'r Diagnostic> {
    with_code(report, code)
        .into_iter()
        .filter(|d| !report.files.get(d.primary.file).name.starts_with("masama"))
        .collect()
}

/// The one finding of `code` in the SKP files, in `file`.
fn only<'r>(report: &'r Report, code: &str, file: &str) -> &'r Diagnostic {
    let found = in_skp(report, code);
    assert_eq!(found.len(), 1, "{code}: {found:#?}");
    assert_eq!(report.files.get(found[0].primary.file).name, file, "{:#?}", found[0]);
    found[0]
}

fn kasi_with(from: &str, to: &str) -> Report {
    set(CAMAT, &edit(KASI, from, to), STAF)
}

fn staf_with(from: &str, to: &str) -> Report {
    set(CAMAT, KASI, &edit(STAF, from, to))
}

#[test]
fn the_example_set_has_no_finding_of_these_families_in_its_skp_files() {
    let report = set(CAMAT, KASI, STAF);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !report.files.get(d.primary.file).name.starts_with("masama"))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

// ---- U003 ---------------------------------------------------------------------------------------------------

#[test]
fn u003_a_persentase_counted_in_dokumen() {
    let report = kasi_with(
        "sesuai standar pelayanan, target: 100, satuan: persen",
        "sesuai standar pelayanan, target: 100, satuan: dokumen",
    );
    let d = only(&report, "U003", KASI_FILE);
    assert_eq!(primary_text(&report, d), "dokumen");
    assert!(d.message_en().contains("100 dokumen"), "{}", d.message_en());
    // The secondary label is on the unit word of the indicator's name.
    assert_eq!(
        report.files.get(d.secondary[0].file).slice(d.secondary[0].span),
        "Persentase"
    );
}

#[test]
fn u003_a_percent_target_above_100() {
    let report = kasi_with("target: 100, satuan: persen", "target: 120, satuan: persen");
    let d = only(&report, "U003", KASI_FILE);
    assert_eq!(primary_text(&report, d), "120");
    // Without a unit word in the name, the satuan alone says percent.
    let report = staf_with(
        "uraian: Bahan laporan tersampaikan kepada Kepala Seksi tepat waktu, target: 12, satuan: bulan",
        "uraian: Bahan laporan tersampaikan kepada Kepala Seksi tepat waktu, target: 150, satuan: persen",
    );
    assert_eq!(primary_text(&report, only(&report, "U003", STAF_FILE)), "150");
}

#[test]
fn u003_a_jumlah_in_percent() {
    let report = kasi_with("target: 40, satuan: pengaduan", "target: 40, satuan: \"%\"");
    assert_eq!(primary_text(&report, only(&report, "U003", KASI_FILE)), "%");
    let report = kasi_with("target: 40, satuan: pengaduan", "target: \"40%\", satuan: pengaduan");
    assert_eq!(primary_text(&report, only(&report, "U003", KASI_FILE)), "40%");
}

#[test]
fn u003_near_misses_a_percent_of_100_a_count_in_its_noun_and_a_rate_of_change() {
    // The example has `Persentase …` at 100 persen and `Jumlah …` in pengaduan, orang, dokumen: no finding.
    assert!(in_skp(&set(CAMAT, KASI, STAF), "U003").is_empty());
    // A rate of change may go above 100.
    let report = kasi_with(
        "uraian: Persentase rekomendasi izin yang diterbitkan sesuai standar pelayanan, target: 100",
        "uraian: Persentase peningkatan rekomendasi izin yang diterbitkan sesuai standar pelayanan, target: 120",
    );
    assert!(in_skp(&report, "U003").is_empty(), "{:#?}", in_skp(&report, "U003"));
}

#[test]
fn u003_one_name_under_two_satuan_in_one_run_is_read_for_each() {
    // U003 remembers a name's units for the run by the name and its satuan: the Kasi's `Persentase …` in persen
    // stays clean while the staff's same name in dokumen is reported, whichever file is read first.
    let name = "Persentase rekomendasi izin yang diterbitkan sesuai standar pelayanan";
    let report = staf_with(
        "uraian: Bahan laporan tersampaikan kepada Kepala Seksi tepat waktu, target: 12, satuan: bulan",
        &format!("uraian: {name}, target: 100, satuan: dokumen"),
    );
    let d = only(&report, "U003", STAF_FILE);
    assert_eq!(primary_text(&report, d), "dokumen");
    assert!(KASI.contains(&format!("{name}, target: 100, satuan: persen")));
}

// ---- T002, T004, T005, T006, T007 ---------------------------------------------------------------------------

#[test]
fn t002_a_misspelt_term_in_an_rhk() {
    let report = kasi_with(
        "uraian: Terlaksananya survei kepuasan masyarakat Kecamatan Masama",
        "uraian: Terlaksananya survei kepuasan masyarakat dan MUSRTENBANG Kecamatan Masama",
    );
    let d = only(&report, "T002", KASI_FILE);
    assert_eq!(primary_text(&report, d), "MUSRTENBANG");
}

#[test]
fn t002_near_miss_a_name_is_not_read() {
    let report = staf_with(
        "  nama: \"DOMINGGUS ERBET KAINAMA\"",
        "  nama: \"DOMINGGUS MUSRTENBANG\"",
    );
    assert!(in_skp(&report, "T002").is_empty(), "{:#?}", in_skp(&report, "T002"));
}

#[test]
fn t004_a_year_cited_two_years_off() {
    let report = set(
        &edit(
            CAMAT,
            "\"Laporan kinerja triwulanan kepada Bupati\"",
            "\"Laporan kinerja tahun 2019 kepada Bupati\"",
        ),
        KASI,
        STAF,
    );
    let d = only(&report, "T004", CAMAT_FILE);
    assert_eq!(primary_text(&report, d), "2019");
    assert!(d.message_en().contains("2023"), "{}", d.message_en());
}

#[test]
fn t004_near_misses_the_year_before_a_regulation_and_the_periode() {
    let camat = edit(
        CAMAT,
        "\"Laporan kinerja triwulanan kepada Bupati\"",
        "\"Laporan kinerja tahun 2022 menurut PermenPANRB Nomor 6 Tahun 2022\"",
    );
    assert!(in_skp(&set(&camat, KASI, STAF), "T004").is_empty());
    // The periode's years are R013's, not T004's.
    let report = kasi_with("periode: { mulai: 2023-01-01", "periode: { mulai: 2021-01-01");
    assert!(in_skp(&report, "T004").is_empty());
    assert_eq!(in_skp(&report, "R013").len(), 1);
}

#[test]
fn t005_the_same_indicator_twice_in_one_rhk_is_a_warning() {
    let report = kasi_with(
        "uraian: Lama penerbitan rekomendasi izin, target: 3",
        "uraian: Jumlah pengaduan masyarakat yang ditindaklanjuti., target: 3",
    );
    let d = only(&report, "T005", KASI_FILE);
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message_en().contains("R1"), "{}", d.message_en());
    assert_eq!(d.secondary.len(), 1);
}

#[test]
fn t005_the_same_indicator_under_two_rhk_is_info() {
    let report = kasi_with(
        "uraian: Jumlah laporan kinerja seksi yang tersusun",
        "uraian: Jumlah pengaduan masyarakat yang ditindaklanjuti",
    );
    let d = only(&report, "T005", KASI_FILE);
    assert_eq!(d.severity, Severity::Info);
    assert!(d.message_en().contains("R1"), "{}", d.message_en());
}

#[test]
fn t005_near_miss_the_same_indicator_in_two_skps() {
    // Kasi and staf may measure the same thing: SKPs are compared only with themselves.
    let staf = edit(
        STAF,
        "uraian: Jumlah bahan laporan rekomendasi izin yang tersusun",
        "uraian: Jumlah laporan kinerja seksi yang tersusun",
    );
    assert!(in_skp(&set(CAMAT, KASI, &staf), "T005").is_empty());
}

#[test]
fn t006_words_run_together_in_an_ekspektasi() {
    let report = kasi_with(
        "ekspektasi: Menghargai pendapat rekan kerja",
        "ekspektasi: Menghargai pendapat atasansesuai rekan kerja",
    );
    assert_eq!(primary_text(&report, only(&report, "T006", KASI_FILE)), "atasansesuai");
}

#[test]
fn t006_and_t007_near_miss_names_are_not_read() {
    let report = staf_with(
        "  nama: \"DOMINGGUS ERBET KAINAMA\"",
        "  nama: \"Dominggus Atasansesuai Membntu\"",
    );
    assert!(in_skp(&report, "T006").is_empty(), "{:#?}", in_skp(&report, "T006"));
    assert!(in_skp(&report, "T007").is_empty(), "{:#?}", in_skp(&report, "T007"));
}

#[test]
fn t007_a_typo_in_an_indicator() {
    let report = kasi_with(
        "uraian: Jumlah responden survei kepuasan masyarakat",
        "uraian: Jumlah responden survei kepuasan masyrakat",
    );
    let d = only(&report, "T007", KASI_FILE);
    assert_eq!(primary_text(&report, d), "masyrakat");
}

#[test]
fn t007_near_miss_a_known_word_with_the_clitic_nya() {
    // `menjelaskannya` is `menjelaskan` + `-nya`; the example writes it and must stay clean.
    assert!(KASI.contains("menjelaskannya"));
    assert!(in_skp(&set(CAMAT, KASI, STAF), "T007").is_empty());
}

// ---- N009 ---------------------------------------------------------------------------------------------------

#[test]
fn n009_placeholders_for_the_pegawais_nip_and_the_penilais_name() {
    let report = staf_with("  nip: \"197006142007011023\"", "  nip: \"NIP.\"");
    let d = only(&report, "N009", STAF_FILE);
    assert_eq!(primary_text(&report, d), "\"NIP.\"");
    let report = staf_with("  nama: \"MAWARTI, SH\"", "  nama: \".....\"");
    assert_eq!(primary_text(&report, only(&report, "N009", STAF_FILE)), ".....");
    // Both left blank: one finding with a label on each.
    let staf = edit(
        &edit(STAF, "  nama: \"MAWARTI, SH\"", "  nama: \"…\""),
        "  nip: \"197312312010011013\"",
        "  nip: \"…\"",
    );
    let report = set(CAMAT, KASI, &staf);
    assert_eq!(only(&report, "N009", STAF_FILE).secondary.len(), 1);
}

#[test]
fn n009_near_miss_a_regional_head_as_penilai_has_no_nip() {
    // The Bupati, penilai of the Camat, with a dash for the NIP: not a placeholder.
    let camat = edit(
        CAMAT,
        "  jabatan: Bupati Banggai",
        "  nip: \"-\"\n  jabatan: Bupati Banggai",
    );
    assert!(in_skp(&set(&camat, KASI, STAF), "N009").is_empty());
    // A civil servant's dash is one.
    let report = staf_with("  nip: \"197312312010011013\"", "  nip: \"-\"");
    assert_eq!(only(&report, "N009", STAF_FILE).code, "N009");
    // Dots are a placeholder even for a Bupati.
    let camat = edit(
        CAMAT,
        "  jabatan: Bupati Banggai",
        "  nip: \"..........\"\n  jabatan: Bupati Banggai",
    );
    assert_eq!(only(&set(&camat, KASI, STAF), "N009", CAMAT_FILE).code, "N009");
}

// ---- N007, N008 ---------------------------------------------------------------------------------------------

#[test]
fn n007_the_pegawai_of_an_skp_that_names_its_position_is_not_its_holder() {
    // kasi.yaml names `masama-2020/kasi-pip`, held by MAWARTI, SH.
    let report = kasi_with("  nama: \"MAWARTI, SH\"", "  nama: \"MARIANI, SH\"");
    let d = only(&report, "N007", KASI_FILE);
    assert_eq!(primary_text(&report, d), "\"MARIANI, SH\"");
    assert!(d.message_en().contains("pegawai"), "{}", d.message_en());
    assert_eq!(report.files.get(d.secondary[0].file).name, "masama-2020.yaml");
}

#[test]
fn n007_the_penilai_is_not_the_holder_of_the_superior_position() {
    // staf.yaml's position is found by its NIP (pengolah-data-perizinan, under kasi-pip): its penilai must be the
    // Kasi PIP. Here it is the Kasi Pemerintahan, name and NIP.
    let staf = edit(
        &edit(STAF, "  nama: \"MAWARTI, SH\"", "  nama: \"SUPARMAN BA'U, SE\""),
        "  nip: \"197312312010011013\"",
        "  nip: \"197610012009021002\"",
    );
    let report = set(CAMAT, KASI, &staf);
    let d = only(&report, "N007", STAF_FILE);
    assert!(
        d.message_en().contains("penilai") && d.message_en().contains("MAWARTI"),
        "{}",
        d.message_en()
    );
}

#[test]
fn n007_near_miss_a_position_found_by_the_nip_leaves_another_name_to_n004() {
    // The pegawai's NIP finds the position; another name under that NIP is one NIP for two people.
    let report = staf_with("  nama: \"DOMINGGUS ERBET KAINAMA\"", "  nama: \"YULIN NYIAT\"");
    assert!(in_skp(&report, "N007").is_empty(), "{:#?}", in_skp(&report, "N007"));
    assert!(!with_code(&report, "N004").is_empty());
    // The Camat has no superior position in the IKI: the Bupati as penilai is compared with nobody.
    assert!(in_skp(&set(CAMAT, KASI, STAF), "N007").is_empty());
}

#[test]
fn n008_the_pegawais_title_is_not_the_positions() {
    let report = kasi_with(
        "  jabatan: Kepala Seksi Pelayanan, Informasi dan Pengaduan\n  unit",
        "  jabatan: Kepala Seksi Pemerintahan\n  unit",
    );
    let d = only(&report, "N008", KASI_FILE);
    assert_eq!(primary_text(&report, d), "Kepala Seksi Pemerintahan");
}

#[test]
fn n008_near_miss_an_abbreviated_title() {
    let report = kasi_with(
        "  jabatan: Kepala Seksi Pelayanan, Informasi dan Pengaduan\n  unit",
        "  jabatan: KASI PIP\n  unit",
    );
    assert!(in_skp(&report, "N008").is_empty(), "{:#?}", in_skp(&report, "N008"));
}

// ---- docs ---------------------------------------------------------------------------------------------------

#[test]
fn the_docs_of_every_rule_that_reads_skp_files_say_so_in_both_languages() {
    for code in [
        "T001", "T002", "T003", "T004", "T005", "T006", "T007", "U003", "U004", "U010", "N007", "N008", "N009", "N011",
    ] {
        for lang in [Lang::En, Lang::Id] {
            let what = tr(lang, &format!("{code}.what"), &[]);
            assert!(what.contains("SKP"), "{code} {lang:?}: {what}");
        }
    }
}
