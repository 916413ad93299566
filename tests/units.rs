//! U — units, formulas, targets and counts: parser classification of every real formula, and each rule's
//! fixtures (must trigger) and near-misses (must not).

mod common;
use common::EnglishTexts;

use common::{lint, lint_files, primary_text, with_code};
use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::units::{Satuan, formula, unit_of};
use ikilint::workspace::load_sources;
use std::fmt::Write;

const MASAMA: &str = include_str!("../examples/masama-2020.yaml");
const TANJUNG: &str = include_str!("../examples/tanjung-redeb-2022.yaml");

/// "formula → kind (unit of the indicator)" for every formula of an example, in order.
fn classification(name: &str, text: &str) -> String {
    let workspace = load_sources(vec![(name.to_string(), text.to_string())]);
    let data = Data::builtin();
    let lex = data.table::<Satuan>();
    let mut out = String::new();
    for document in &workspace.documents {
        for jabatan in &document.jabatan {
            for sasaran in &jabatan.sasaran {
                for indikator in &sasaran.indikator {
                    let Some(f) = &indikator.formula else { continue };
                    let parsed = formula::parse(&f.value, &lex);
                    let unit = unit_of(indikator, &lex).map_or("-".to_string(), |u| u.kind.key().to_string());
                    writeln!(out, "{} → {} [indicator: {unit}]", f.value, parsed.kind).unwrap();
                }
            }
        }
    }
    out
}

#[test]
fn every_formula_of_masama_is_classified() {
    insta::assert_snapshot!(classification("masama-2020.yaml", MASAMA));
}

#[test]
fn every_formula_of_tanjung_redeb_is_classified() {
    insta::assert_snapshot!(classification("tanjung-redeb-2022.yaml", TANJUNG));
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

/// A one-position document whose sasaran holds `indicators` (YAML list items, already indented).
fn doc(indicators: &str) -> String {
    format!(
        "dokumen:\n  id: uji\n  unit: Kecamatan Uji\n  tahun: 2022\njabatan:\n  - id: camat\n    nama: Camat Uji\n    \
         sasaran:\n      - uraian: \"Meningkatnya pelayanan\"\n        indikator:\n{indicators}"
    )
}

/// One indicator item; `extra` is more keys (`target`, `satuan`) as `key: value` pairs.
fn ind(uraian: &str, formula: Option<&str>, extra: &[(&str, &str)]) -> String {
    let mut out = format!("          - uraian: {uraian:?}\n");
    if let Some(f) = formula {
        out.push_str(&format!("            formula: {f:?}\n"));
    }
    for (k, v) in extra {
        out.push_str(&format!("            {k}: {v:?}\n"));
    }
    out
}

fn codes_u(report: &ikilint::Report) -> Vec<&'static str> {
    report
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| c.starts_with('U'))
        .collect()
}

/// The source text under each label of a diagnostic (primary first).
fn label_texts<'r>(report: &'r ikilint::Report, d: &ikilint::diagnostic::Diagnostic) -> Vec<&'r str> {
    std::iter::once(&d.primary)
        .chain(d.secondary.iter())
        .map(|l| report.files.get(l.file).slice(l.span))
        .collect()
}

fn lint_one(uraian: &str, formula: Option<&str>, extra: &[(&str, &str)]) -> ikilint::Report {
    lint(&doc(&ind(uraian, formula, extra)))
}

// ---------------------------------------------------------------------------------------------------------------
// The examples

/// "code line: primary text" of every U finding in an example.
fn u_findings(name: &str, text: &str) -> String {
    let report = lint_files(&[(name, text)]);
    let mut out = String::new();
    for d in report.diagnostics.iter().filter(|d| d.code.starts_with('U')) {
        writeln!(
            out,
            "{} {}: {}",
            d.code,
            common::line_of(&report, d),
            primary_text(&report, d)
        )
        .unwrap();
    }
    out
}

#[test]
fn findings_on_the_examples_are_pinned() {
    insta::assert_snapshot!(format!(
        "masama-2020:\n{}\ntanjung-redeb-2022:\n{}",
        u_findings("masama-2020.yaml", MASAMA),
        u_findings("tanjung-redeb-2022.yaml", TANJUNG)
    ));
}

#[test]
fn masama_count_named_survey_and_tingkat_measured_by_duration_get_u001() {
    let report = lint_files(&[("masama-2020.yaml", MASAMA)]);
    let found = with_code(&report, "U001");
    assert_eq!(found.len(), 2, "{found:#?}");
    let survey = found
        .iter()
        .find(|d| common::line_of(&report, d) == 134)
        .expect("U001 on line 134");
    assert_eq!(label_texts(&report, survey), ["Jumlah", "di bagi", "dikali 100"]);
    assert!(
        survey.message_en().contains("Jumlah responden yang disurvei"),
        "{}",
        survey.message_en()
    );
    assert!(survey.help_en().contains("'Persentase …'"));
    let tingkat = found
        .iter()
        .find(|d| common::line_of(&report, d) == 634)
        .expect("U001 on line 634");
    assert_eq!(label_texts(&report, tingkat), ["Tingkat", "Lamanya"]);
}

#[test]
fn tanjung_target_in_formula_and_counts_with_words() {
    let report = lint_files(&[("tanjung-redeb-2022.yaml", TANJUNG)]);
    let u008 = with_code(&report, "U008");
    assert!(
        u008.iter().any(|d| primary_text(&report, d) == "Target 81,35"),
        "{u008:#?}"
    );
    // A count followed by the numbered list of what it counts explains itself.
    for line in [430, 434, 457, 477] {
        let on_line: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('U') && common::line_of(&report, d) == line)
            .collect();
        assert!(on_line.is_empty(), "line {line}: {on_line:#?}");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// U001

#[test]
fn u001_count_with_percent_formula_in_every_writing() {
    for formula in [
        "Jumlah A dibagi jumlah B dikali 100",
        "Jumlah A berbanding Jumlah B X 100%",
        "Jumlah A / jumlah B x 100 %",
        "Jumlah A di bagi Jumlah B dikalikan seratus persen",
        "Jumlah A per jumlah B × 100",
        r"$\frac{\text{Jumlah A}}{\text{Jumlah B}} \times 100$",
    ] {
        let report = lint_one("Jumlah pegawai yang hadir", Some(formula), &[]);
        assert_eq!(codes_u(&report), ["U001"], "{formula}");
    }
}

#[test]
fn u001_latex_labels_point_into_the_escaped_source() {
    let report = lint_one(
        "Jumlah gangguan",
        Some(r"$\frac{\text{Jumlah A}}{\text{Jumlah B}} \times 100$"),
        &[],
    );
    let d = with_code(&report, "U001")[0];
    assert_eq!(label_texts(&report, d), ["Jumlah", r"\\frac", r"\\times 100"]);
}

#[test]
fn u001_near_misses_latex_trantib_percent_sign_lower_is_better_and_counts() {
    let trantib = r"$\frac{\text{Jumlah gangguan Trantibun tahun } n-1 - n \text{ yang diselesaikan}}{\text{Jumlah gangguan Trantibun tahun } n-1} \times 100$";
    for (uraian, formula) in [
        ("1. Tingkat penurunan gangguan Trantibun yang diselesaikan", trantib),
        (
            "% Desa yang memiliki BUMDes aktif",
            "Jumlah desa dengan BUMDes aktif dibagi jumlah desa dikali 100",
        ),
        (
            "2. Persentase penurunan pelanggaran Perda",
            "Jumlah pelanggaran Perda tahun n-1 - n dibagi Jumlah pelanggaran Perda tahun n-1 dikali 100",
        ),
        ("Jumlah Data PKK Se Kec. Masama", "Jumlah Data PKK Se Kec. Masama"),
        (
            "Lamanya waktu penyelesaian izin",
            "Jumlah hari sejak berkas lengkap sampai izin terbit dibagi jumlah izin",
        ),
        (
            "Indeks Kepuasan Masyarakat",
            "Jumlah nilai rata-rata per unsur dibagi jumlah unsur dikali 25",
        ),
        ("Jumlah laporan hasil kepuasan pegawai", "Hasil Survey Kepuasan Pegawai"),
    ] {
        let report = lint_one(uraian, Some(formula), &[]);
        assert!(codes_u(&report).is_empty(), "{uraian}: {:#?}", report.diagnostics);
    }
}

#[test]
fn u001_declared_satuan_wins_over_the_name() {
    let report = lint_one(
        "Capaian pelayanan",
        Some("Jumlah A dibagi jumlah B dikali 100%"),
        &[("satuan", "dokumen")],
    );
    let d = with_code(&report, "U001");
    assert_eq!(d.len(), 1);
    assert_eq!(primary_text(&report, d[0]), "dokumen");
    let report = lint_one(
        "Capaian pelayanan",
        Some("Jumlah A dibagi jumlah B dikali 100%"),
        &[("satuan", "persen")],
    );
    assert!(codes_u(&report).is_empty());
}

// ---------------------------------------------------------------------------------------------------------------
// U002

#[test]
fn u002_percent_without_times_100_or_without_division() {
    let report = lint_one(
        "2. Persentase PKK Aktif",
        Some("Jumlah PKK Aktif dibagi Jumlah PKK yang Ada"),
        &[],
    );
    let d = with_code(&report, "U002");
    assert_eq!(d.len(), 1);
    assert_eq!(label_texts(&report, d[0]), ["dibagi", "Persentase"]);
    assert!(d[0].message_en().contains("never multiplies by 100"));

    let report = lint_one("% Desa yang aktif", Some("Jumlah desa yang aktif x 100%"), &[]);
    let d = with_code(&report, "U002");
    assert_eq!(d.len(), 1);
    assert_eq!(label_texts(&report, d[0]), ["x 100%", "%"]);

    let report = lint_one("Prosentase ORSOSMAS aktif", Some("Data ORSOSMAS"), &[]);
    assert_eq!(codes_u(&report), ["U002"]);
}

#[test]
fn u002_near_misses_complete_percent_formulas_and_values() {
    for formula in [
        "Jumlah A dibagi jumlah B dikali 100",
        "Jumlah A berbanding dengan jumlah seluruh B X 100 %",
        "Jumlah A terhadap jumlah B x100%",
        "(A) dibagi (B) dikalikan seratus persen",
        "A / B × 100",
    ] {
        let report = lint_one("Persentase A", Some(formula), &[]);
        assert!(codes_u(&report).is_empty(), "{formula}: {:#?}", report.diagnostics);
    }
    // A value in the formula cell is U008's, not U002's.
    let report = lint_one("Prosentase ORSOSMAS yang dibina", Some("100 %, 4 ORSOSMAS"), &[]);
    assert_eq!(codes_u(&report), ["U008"]);
}

// ---------------------------------------------------------------------------------------------------------------
// U003

#[test]
fn u003_target_in_another_unit_or_out_of_range() {
    let cases = [
        ("Jumlah dokumen yang disusun", "80%", "80%"),
        (
            "Persentase tamu yang dilayani",
            "2500 orang/ tamu, 12 bulan",
            "2500 orang",
        ),
        ("Persentase surat terdisposisi", "120%", "120%"),
        ("Persentase surat terdisposisi", "100,5%", "100,5%"),
        ("Persentase surat terdisposisi", "80-120%", "80-120%"),
    ];
    for (uraian, target, labelled) in cases {
        let report = lint_one(uraian, None, &[("target", target)]);
        let d = with_code(&report, "U003");
        assert_eq!(d.len(), 1, "{uraian} / {target}: {:#?}", report.diagnostics);
        assert_eq!(primary_text(&report, d[0]), labelled);
    }
}

#[test]
fn u003_near_misses_decimal_commas_ranges_counts_and_growth() {
    let cases = [
        ("Persentase surat terdisposisi", "75,5%"),
        ("Persentase surat terdisposisi", "80-90%"),
        ("Persentase surat terdisposisi", "Kualitas 80%"),
        ("Jumlah dokumen keuangan", "5 (lima) dokumen"),
        ("Persentase peningkatan pendapatan", "120%"),
        ("Jumlah dokumen keuangan", "81,35"),
        ("Nilai SAKIP", "70,5"),
    ];
    for (uraian, target) in cases {
        let report = lint_one(uraian, None, &[("target", target)]);
        assert!(
            with_code(&report, "U003").is_empty(),
            "{uraian} / {target}: {:#?}",
            report.diagnostics
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// U004, U005

#[test]
fn u004_numeral_and_words_disagree() {
    let report = lint_one("Jumlah dokumen", Some("5 (empat) dokumen"), &[]);
    let d = with_code(&report, "U004");
    assert_eq!(d.len(), 1);
    assert_eq!(label_texts(&report, d[0]), ["empat", "5"]);
    assert!(d[0].help_en().contains("5 (lima)"));
    // Also in a target and in the name.
    let report = lint_one(
        "Jumlah 12 (dua belas) laporan",
        None,
        &[("target", "29 (dua puluh delapan) jenis layanan")],
    );
    assert_eq!(with_code(&report, "U004").len(), 1);
    assert_eq!(
        primary_text(&report, with_code(&report, "U004")[0]),
        "dua puluh delapan"
    );
}

#[test]
fn u004_near_misses() {
    for formula in [
        "29 (dua puluh sembilan) jenis layanan",
        "1 (satu) dokumen",
        "2500 (dua ribu lima ratus) orang",
        "13 (Jenis Komponen Listrik)",
        "11 (sebelas) kali, 12 (dua belas) bulan",
    ] {
        let report = lint_one("Jumlah layanan", Some(formula), &[]);
        assert!(with_code(&report, "U004").is_empty(), "{formula}");
    }
}

#[test]
fn u005_declared_count_and_list_disagree() {
    let report = lint_one(
        "Jumlah dokumen keuangan",
        Some("3 (tiga) dokumen keuangan: 1. Laporan keuangan tahunan 2. Laporan realisasi"),
        &[],
    );
    let d = with_code(&report, "U005");
    assert_eq!(d.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(label_texts(&report, d[0]), ["3 (tiga)", "2."]);
    assert!(codes_u(&report).iter().all(|c| *c == "U005"));
}

#[test]
fn u005_near_misses_matching_lists_and_a_wrong_numeral_left_to_u004() {
    let tanjung =
        "5 (lima) dokumen : 1. Laporan Kinerja Tahunan 2. Perjanjian Kinerja 3. Laporan Sakip 4. LKPJ dan 5. LPPD";
    let report = lint_one("Jumlah dokumen capaian kinerja tersusun", Some(tanjung), &[]);
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
    let report = lint_one(
        "Jumlah dokumen",
        Some("Jumlah dokumen yang dibuat 1. RKA 2. Renja 3. Renstra"),
        &[],
    );
    assert!(codes_u(&report).is_empty());
    let report = lint_one(
        "Jumlah dokumen",
        Some("4 (tiga) dokumen: 1. RKA 2. Renja 3. Renstra"),
        &[],
    );
    assert_eq!(codes_u(&report), ["U004"]);
}

// ---------------------------------------------------------------------------------------------------------------
// U006

#[test]
fn u006_ikm_and_sakip_out_of_range_with_grade_note() {
    let report = lint_one("Indeks Kepuasan Masyarakat", None, &[("target", "3,25")]);
    let d = with_code(&report, "U006");
    assert_eq!(d.len(), 1);
    assert_eq!(primary_text(&report, d[0]), "3,25");
    assert!(
        d[0].notes_en()
            .iter()
            .any(|n| n.contains("81,25") && n.contains("grade B")),
        "{:?}",
        d[0].notes
    );

    let report = lint_one("Nilai Survei Kepuasan Masyarakat", Some("8135"), &[]);
    let d = with_code(&report, "U006");
    assert_eq!(d.len(), 1);
    assert!(d[0].notes_en().iter().any(|n| n.contains("81,35")), "{:?}", d[0].notes);

    let report = lint_one("Nilai SAKIP Kecamatan", None, &[("target", "120")]);
    assert_eq!(with_code(&report, "U006").len(), 1);
    assert!(with_code(&report, "U006")[0].message_en().contains("SAKIP"));
}

#[test]
fn u006_near_misses_in_range_and_constants_inside_a_formula() {
    let report = lint_one(
        "Indeks Kepuasan Masyarakat",
        Some("Jumlah nilai persepsi per unsur dibagi jumlah unsur yang terisi dikali 25"),
        &[("target", "81,35")],
    );
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
    let report = lint_one("Tercapai nilai Survei Kepuasan Masyarakat", Some("Target 81,35"), &[]);
    assert_eq!(codes_u(&report), ["U008"]);
    let report = lint_one("Nilai SAKIP Kecamatan", None, &[("target", "0")]);
    assert!(codes_u(&report).is_empty());
}

// ---------------------------------------------------------------------------------------------------------------
// U007, U008, U009, U010

#[test]
fn u007_a_restatement_with_a_period_or_a_filler_word_added() {
    for formula in [
        "Nilai SAKIP Kecamatan per tahun",
        "Nilai SAKIP Kecamatan tahun 2024",
        "Setiap tahun Nilai SAKIP Kecamatan",
        "Jumlah Nilai SAKIP Kecamatan",
        "Nilai SAKIP Kecamatan dalam 1 (satu) tahun",
    ] {
        let report = lint_one("Nilai SAKIP Kecamatan", Some(formula), &[]);
        assert_eq!(codes_u(&report), ["U007"], "{formula}: {:#?}", report.diagnostics);
    }
    // A word that is neither a filler nor a period says something; a word added in the middle is not stripped.
    for formula in [
        "Nilai SAKIP Kecamatan dari Inspektorat",
        "Nilai SAKIP hasil evaluasi Kecamatan",
        "Nilai tahun SAKIP Kecamatan oleh tim",
    ] {
        let report = lint_one("Nilai SAKIP Kecamatan", Some(formula), &[]);
        assert!(
            with_code(&report, "U007").is_empty(),
            "{formula}: {:#?}",
            report.diagnostics
        );
    }
    // A count's formula may still be its name with a period.
    let report = lint_one(
        "Jumlah laporan kegiatan",
        Some("Jumlah laporan kegiatan per tahun"),
        &[],
    );
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn u007_formula_restating_a_score() {
    let report = lint_one(
        "Nilai Survei Kepuasan Masyarakat Kecamatan",
        Some("Nilai Survei Kepuasan Masyarakat"),
        &[],
    );
    assert_eq!(codes_u(&report), ["U007"]);
    for (uraian, formula) in [
        (
            "Nilai Survei Kepuasan Masyarakat Kecamatan",
            "Hasil Survei Kepuasan Masyarakat",
        ),
        ("Jumlah Data PKK Se Kec. Masama", "Jumlah Data PKK Se Kec. Masama"),
        (
            "Tingkat kepatuhan pegawai",
            "Jumlah pegawai yang patuh dibagi jumlah pegawai dikali 100",
        ),
    ] {
        let report = lint_one(uraian, Some(formula), &[]);
        assert!(with_code(&report, "U007").is_empty(), "{uraian}");
    }
}

#[test]
fn u008_targets_and_results_in_the_formula_cell() {
    for (formula, labelled) in [
        ("Target 81,35", "Target 81,35"),
        ("81,35", "81,35"),
        ("Kualitas 80%", "80%"),
        ("Jumlah A dibagi jumlah B X 100% = 100", "= 100"),
    ] {
        let report = lint_one("Persentase A", Some(formula), &[]);
        let d = with_code(&report, "U008");
        assert_eq!(d.len(), 1, "{formula}");
        assert_eq!(primary_text(&report, d[0]), labelled);
    }
}

#[test]
fn u008_near_misses_counts_with_their_list_and_numbers_inside_a_computation() {
    for formula in [
        "5 (lima) dokumen : 1. Laporan Kinerja Tahunan 2. Perjanjian Kinerja 3. Laporan Sakip 4. LKPJ dan 5. LPPD",
        "5 dokumen yang disusun oleh seksi pemerintahan dari data kelurahan",
        "Jumlah kelurahan dengan nilai survey sekurang-kurangnya 75 dibagi jumlah kelurahan x 100 %",
        "Jumlah patroli yang dilaksanakan dalam 1 tahun",
    ] {
        let report = lint_one("Jumlah layanan", Some(formula), &[]);
        assert!(with_code(&report, "U008").is_empty(), "{formula}");
    }
}

#[test]
fn u008_a_cell_of_quantities_only_is_a_target() {
    for (formula, labelled) in [
        ("2500 orang/ tamu, 12 bulan", "2500 orang/ tamu, 12 bulan"),
        ("2500 orang, 12 bulan", "2500 orang, 12 bulan"),
        ("1000 surat", "1000 surat"),
        ("89 RW 675 RT", "89 RW 675 RT"),
        (
            "29 (dua puluh sembilan) jenis layanan",
            "29 (dua puluh sembilan) jenis layanan",
        ),
        ("12 laporan bulanan", "12 laporan bulanan"),
    ] {
        let report = lint_one("Jumlah layanan", Some(formula), &[]);
        let d = with_code(&report, "U008");
        assert_eq!(d.len(), 1, "{formula}: {:#?}", report.diagnostics);
        assert_eq!(primary_text(&report, d[0]), labelled);
        assert!(d[0].message_en().contains("holds a target"), "{}", d[0].message_en());
    }
}

#[test]
fn u008_a_target_closing_an_explanation() {
    for (formula, labelled) in [
        ("Jumlah A dibagi jumlah B x 100% = 85%", "= 85%"),
        ("Jumlah surat terdisposisi dibagi jumlah surat masuk x 100%, 85%", "85%"),
        (
            "Jumlah surat terdisposisi dibagi jumlah surat masuk x 100% (85%)",
            "85%",
        ),
        (
            "Jumlah surat terdisposisi dibagi jumlah surat masuk x 100% ≥ 85%",
            "≥ 85%",
        ),
        (
            "Jumlah surat terdisposisi dibagi jumlah surat masuk dikali 100 minimal 85 %",
            "minimal 85 %",
        ),
        (
            "Hasil survei kepuasan masyarakat terhadap pelayanan kecamatan 81,35",
            "81,35",
        ),
    ] {
        let report = lint_one("Persentase surat terdisposisi", Some(formula), &[]);
        let d = with_code(&report, "U008");
        assert_eq!(d.len(), 1, "{formula}: {:#?}", report.diagnostics);
        assert_eq!(primary_text(&report, d[0]), labelled, "{formula}");
    }
    let report = lint_one(
        "Persentase surat terdisposisi",
        Some("Jumlah surat terdisposisi dibagi jumlah surat masuk x 100%, 85%"),
        &[],
    );
    let d = with_code(&report, "U008")[0];
    assert!(d.message_en().contains("ends with a target"), "{}", d.message_en());
    assert!(d.help_en().contains("move `85%` to `target:`"));
}

#[test]
fn u008_near_misses_definitions_scales_references_and_the_computation() {
    for formula in [
        "Indeks = (A + B + C) / 3",
        "IKM = NRR tertimbang x 25",
        "n = 30 responden",
        "< 0,3 = rendah; 0,3 - 0,7 = sedang; > 0,7 = tinggi",
        "A = 88,31 - 100; B = 76,61 - 88,30; C = 65 - 76,60",
        "1 = kurang, 2 = cukup, 3 = baik, 4 = sangat baik",
        "Rasio kelulusan dibagi jumlah peserta, rendah < 50%, tinggi > 75%",
        "Nilai rata-rata tertimbang dengan skala 1-4",
        "Hasil survei kepuasan masyarakat menurut PermenPANRB Nomor 14 Tahun 2017",
        "Jumlah surat terdisposisi dibagi jumlah surat masuk dikali 100%.",
        r"$\frac{A}{B} \times 100\%$",
    ] {
        let report = lint_one("Persentase surat terdisposisi", Some(formula), &[]);
        assert!(
            with_code(&report, "U008").is_empty(),
            "{formula}: {:#?}",
            report.diagnostics
        );
    }
}

#[test]
fn u009_result_wording_without_a_measure() {
    let report = lint_one(
        "Terpenuhinya honorarium petugas keamanan kantor",
        Some("Data pelaksanaan pengamanan kantor"),
        &[],
    );
    let d = with_code(&report, "U009");
    assert_eq!(d.len(), 1);
    assert_eq!(
        label_texts(&report, d[0]),
        ["Terpenuhinya", "\"Data pelaksanaan pengamanan kantor\""]
    );
    assert_eq!(
        codes_u(&lint_one("Terlaksananya rapat koordinasi", None, &[])),
        ["U009"]
    );
    for (uraian, formula) in [
        (
            "Terlaksananya rapat koordinasi",
            Some("Jumlah rapat koordinasi yang terlaksana"),
        ),
        ("Tercapai nilai Survei Kepuasan Masyarakat", None),
        ("Tersedianya alat tulis kantor", Some("13 jenis")),
        ("Jumlah rapat koordinasi", Some("Data register rapat")),
    ] {
        let report = lint_one(uraian, formula, &[]);
        assert!(with_code(&report, "U009").is_empty(), "{uraian}");
    }
}

#[test]
fn u010_absolute_target_words() {
    let report = lint_one(
        "Jumlah surat terdisposisi",
        None,
        &[("target", "semua surat terdisposisi")],
    );
    let d = with_code(&report, "U010");
    assert_eq!(d.len(), 1);
    assert_eq!(primary_text(&report, d[0]), "semua");
    let report = lint_one(
        "Jumlah pelanggaran disiplin",
        None,
        &[("target", "tidak pernah terjadi pelanggaran")],
    );
    assert_eq!(primary_text(&report, with_code(&report, "U010")[0]), "tidak pernah");
    // An absolute word in a formula describes what is counted; a numeric target is fine.
    let report = lint_one(
        "Persentase kehadiran peserta",
        Some("Jumlah peserta yang hadir mencakup semua unsur berbanding jumlah seluruh peserta X 100%"),
        &[("target", "95%")],
    );
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering and robustness

#[test]
fn u001_renders_in_indonesian() {
    let source = doc(&ind(
        "Jumlah responden yang disurvei",
        Some("Jumlah responden puas di bagi Jumlah responden dikali 100"),
        &[],
    ));
    let report = ikilint::check_sources(
        vec![("uji.yaml".to_string(), source)],
        &Data::builtin(),
        &ikilint::lint::Settings::new(Lang::Id),
    );
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    ikilint::render::human::render(&report, Lang::Id, &mut out).unwrap();
    insta::assert_snapshot!(String::from_utf8_lossy(&out.into_inner()));
}

/// Findings are data until printed: linted in either language they are the same, and a finding with a unit kind
/// (a catalogue word inside its message) shows in Indonesian whatever language the run was.
#[test]
fn findings_do_not_depend_on_the_language_of_the_run() {
    let examples: Vec<(String, String)> = common::iki_examples()
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let u001 = ind(
        "Jumlah responden yang disurvei",
        Some("Jumlah responden puas di bagi Jumlah responden dikali 100"),
        &[],
    );
    let u001 = vec![("uji.yaml".to_string(), doc(&u001))];
    for sources in [examples, u001.clone()] {
        let run = |lang| ikilint::check_sources(sources.clone(), &Data::builtin(), &ikilint::lint::Settings::new(lang));
        let (mut en, mut id) = (run(Lang::En), run(Lang::Id));
        assert!(!en.diagnostics.is_empty());
        // Findings alike but for their message are ordered by the message as shown, which differs by language.
        ikilint::lint::sort(&mut en.diagnostics, Lang::En);
        ikilint::lint::sort(&mut id.diagnostics, Lang::En);
        assert_eq!(en.diagnostics, id.diagnostics);
    }
    let report = ikilint::check_sources(u001, &Data::builtin(), &ikilint::lint::Settings::new(Lang::En));
    let found = with_code(&report, "U001");
    assert_eq!(found.len(), 1, "{:#?}", report.diagnostics);
    let shown = found[0].message.render(Lang::Id);
    assert!(
        shown.contains("berupa hitungan") && shown.contains("persentase"),
        "{shown}"
    );
    assert!(found[0].message_en().contains("a percent"), "{}", found[0].message_en());
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "(",
        "5 (",
        "1.",
        "x",
        "\\frac{",
        "= ",
        "Target",
        "-",
        "80-%",
        "99999999999999999999999 (satu)",
        "٣ (tiga)",
        "1. 2. 3.",
    ] {
        let report = lint_one(text, Some(text), &[("target", text), ("satuan", text)]);
        let _ = codes_u(&report);
    }
}

#[test]
fn near_misses_beyond_the_examples() {
    // A count of survey respondents is not an IKM value.
    let report = lint_one(
        "Jumlah responden survei kepuasan masyarakat",
        None,
        &[("target", "150")],
    );
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
    // A count in the name makes it measurable.
    let report = lint_one("Terselenggaranya rapat koordinasi sebanyak 12 kali", None, &[]);
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
    // `setiap bulan` is a frequency; `setiap desa` is absolute.
    let report = lint_one("Jumlah laporan", None, &[("target", "1 laporan setiap bulan")]);
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
    assert_eq!(
        codes_u(&lint_one(
            "Jumlah laporan",
            None,
            &[("target", "1 laporan setiap desa")]
        )),
        ["U010"]
    );
    // `a : b` divides; `: 1.` opens a list.
    let report = lint_one("Persentase A", Some("Jumlah A : jumlah B x 100%"), &[]);
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
    let report = lint_one(
        "Jumlah dokumen",
        Some("Jumlah dokumen tersusun : 1. dokumen monografi 2. dokumen profil"),
        &[],
    );
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn labels_are_exact_in_block_and_multi_line_scalars() {
    let folded = doc(
        "          - uraian: Jumlah pegawai\n            formula: >-\n              Jumlah pegawai hadir dibagi\n              jumlah pegawai dikali 100\n",
    );
    let plain = doc(
        "          - uraian: Jumlah pegawai\n            formula: Jumlah pegawai hadir dibagi\n              jumlah pegawai dikali 100\n",
    );
    let single = doc(
        "          - uraian: 'Jumlah pegawai'\n            formula: 'Jumlah pegawai ''hadir'' dibagi jumlah pegawai dikali 100'\n",
    );
    for source in [folded, plain, single] {
        let report = lint(&source);
        let d = with_code(&report, "U001");
        assert_eq!(d.len(), 1, "{source}");
        assert_eq!(
            label_texts(&report, d[0]),
            ["Jumlah", "dibagi", "dikali 100"],
            "{source}"
        );
    }
}

#[test]
fn users_extend_the_vocabulary_with_their_own_satuan_yaml() {
    let dir = std::env::temp_dir().join(format!("ikilint-units-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("satuan.yaml"), "lead:\n  percent: [\"capaian\"]\n").unwrap();
    let data = Data::with_extra_dirs(std::slice::from_ref(&dir)).unwrap();
    let source = doc(&ind(
        "Capaian pelayanan",
        Some("Jumlah layanan dibagi jumlah permohonan"),
        &[],
    ));
    let lint_with = |data: &Data| {
        ikilint::check_sources(
            vec![("uji.yaml".to_string(), source.clone())],
            data,
            &ikilint::lint::Settings::new(Lang::En),
        )
    };
    assert_eq!(codes_u(&lint_with(&data)), ["U002"]);
    // Without the office's word the name has no unit word: the division is an unnamed ratio.
    assert_eq!(codes_u(&lint_with(&Data::builtin())), ["U012"]);
    std::fs::write(dir.join("satuan.yaml"), "lead:\n  persen_typo: [\"capaian\"]\n").unwrap();
    let error = Data::with_extra_dirs(std::slice::from_ref(&dir))
        .err()
        .expect("an unknown kind is an error");
    assert!(error.to_string().contains("satuan.yaml"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lower_is_better_indicators_are_understood() {
    for (uraian, formula, target) in [
        (
            "Jumlah pelanggaran Perda",
            "Jumlah pelanggaran Perda tahun n-1 - n",
            "0",
        ),
        (
            "Persentase penurunan pelanggaran Perda",
            "Jumlah pelanggaran tahun n-1 - n dibagi jumlah pelanggaran tahun n-1 dikali 100",
            "-10%",
        ),
        (
            "Lamanya penyelesaian izin",
            "Lamanya waktu sejak berkas lengkap sampai izin terbit (hari)",
            "3 hari",
        ),
    ] {
        let report = lint_one(uraian, Some(formula), &[("target", target)]);
        assert!(codes_u(&report).is_empty(), "{uraian}: {:#?}", report.diagnostics);
    }
    // Not lower-is-better: a negative percent of a count is impossible.
    let report = lint_one("Persentase surat terdisposisi", None, &[("target", "-10%")]);
    assert_eq!(codes_u(&report), ["U003"]);
}

#[test]
fn u002_a_difference_without_division() {
    let report = lint_one(
        "Persentase penurunan pelanggaran",
        Some("Jumlah pelanggaran tahun n-1 - n"),
        &[],
    );
    let d = with_code(&report, "U002");
    assert_eq!(d.len(), 1);
    assert!(d[0].message_en().contains("difference"), "{}", d[0].message_en());
    assert_eq!(primary_text(&report, d[0]), "-");
}

#[test]
fn u009_quotes_the_whole_indicator_shortened_at_a_word_boundary() {
    let text = "dokumen: { id: q, unit: Kecamatan Contoh, tahun: 2020 }\njabatan:\n  - id: camat\n    nama: Camat Contoh\n    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: \"2. Terlaksananya pembinaan administrasi kependudukan dan pencatatan sipil di seluruh kelurahan\"\n            formula: \"Laporan kegiatan\"\n          - uraian: \"Tersedianya data kelurahan\"\n            formula: \"Laporan kegiatan\"\n";
    let report = lint_files(&[("q.yaml", text)]);
    let found = with_code(&report, "U009");
    assert_eq!(found.len(), 2, "{found:#?}");
    // Long: cut after a whole word, with an ellipsis; the list number is left out.
    assert!(
        found[0]
            .message_en()
            .contains("'Terlaksananya pembinaan administrasi kependudukan dan…'"),
        "{}",
        found[0].message_en()
    );
    // Short: quoted whole.
    assert!(
        found[1].message_en().contains("'Tersedianya data kelurahan'"),
        "{}",
        found[1].message_en()
    );
}

// ---------------------------------------------------------------------------------------------------------------
// U012

#[test]
fn u012_a_division_behind_a_name_without_a_unit_word() {
    let report = lint_one(
        "Terwujudnya kondisi prasarana lingkungan dengan kualitas yang baik",
        Some("Jumlah prasarana yang diperbaiki dibagi jumlah usulan prasarana x 100%"),
        &[],
    );
    let d = with_code(&report, "U012");
    assert_eq!(d.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(label_texts(&report, d[0]), ["Terwujudnya", "dibagi", "x 100%"]);
    assert!(d[0].message_en().contains("is a percent"), "{}", d[0].message_en());
    assert!(
        d[0].help_en().contains("'Persentase prasarana yang diperbaiki'"),
        "{:?}",
        d[0].help
    );
    assert_eq!(codes_u(&report), ["U012"]);

    // A division alone: a ratio left unnamed, or a percent without × 100.
    for formula in [
        "Jumlah rekomendasi yang diterbitkan berbanding jumlah pengajuan dari masyarakat",
        "Jumlah rekomendasi yang diterbitkan / jumlah pengajuan",
        "Jumlah rekomendasi yang diterbitkan ÷ jumlah pengajuan",
        "Jumlah rekomendasi yang diterbitkan per jumlah pengajuan",
        "Ʃ rekomendasi yang diterbitkan / Ʃ pengajuan",
        r"$\frac{\text{Jumlah rekomendasi}}{\text{Jumlah pengajuan}}$",
    ] {
        let report = lint_one(
            "Penerbitan rekomendasi atas surat yang diajukan masyarakat",
            Some(formula),
            &[],
        );
        let d = with_code(&report, "U012");
        assert_eq!(d.len(), 1, "{formula}: {:#?}", report.diagnostics);
        assert!(
            d[0].message_en().contains("a ratio left unnamed"),
            "{}",
            d[0].message_en()
        );
    }
    let report = lint_one(
        "Penerbitan rekomendasi atas surat yang diajukan masyarakat",
        Some("Jumlah rekomendasi yang diterbitkan berbanding jumlah pengajuan dari masyarakat"),
        &[],
    );
    let help = with_code(&report, "U012")[0].help_en();
    assert!(
        help.contains("'Rasio rekomendasi yang diterbitkan terhadap pengajuan dari masyarakat'")
            && help.contains("'Persentase rekomendasi yang diterbitkan'"),
        "{help}"
    );
}

#[test]
fn u012_near_misses_named_units_declared_satuan_empty_names_and_no_division() {
    let percent = "Jumlah prasarana yang diperbaiki dibagi jumlah usulan prasarana x 100%";
    for (uraian, formula, extra) in [
        ("Persentase prasarana yang diperbaiki", percent, &[][..]),
        ("Capaian perbaikan prasarana", percent, &[("satuan", "persen")][..]),
        ("Rasio guru terhadap murid", "Jumlah guru dibagi jumlah murid", &[][..]),
        ("Cakupan nilai kinerja prasarana", percent, &[][..]),
        (
            "Jumlah rekomendasi yang diberikan berbanding dengan jumlah seluruh pengajuan X 100%",
            "29 (dua puluh sembilan) jenis layanan",
            &[][..],
        ),
        (
            "Terpeliharanya gedung kantor",
            "Jumlah gedung kantor yang dalam kondisi baik",
            &[][..],
        ),
        ("Tersedianya data kelurahan", "Data profil kelurahan per tahun", &[][..]),
    ] {
        let report = lint_one(uraian, Some(formula), extra);
        assert!(
            with_code(&report, "U012").is_empty(),
            "{uraian}: {:#?}",
            report.diagnostics
        );
    }
    let report = lint_one("", Some(percent), &[]);
    assert!(with_code(&report, "U012").is_empty(), "{:#?}", report.diagnostics);
}

// ---------------------------------------------------------------------------------------------------------------
// U013

#[test]
fn u013_ikm_targets_below_grade_b() {
    for (uraian, target, labelled, grade) in [
        ("Indeks Kepuasan Masyarakat", "75", "75", "grade C"),
        ("Nilai Survei Kepuasan Masyarakat", "76,60", "76,60", "grade C"),
        ("Indeks Kepuasan Masyarakat", "60", "60", "grade D"),
        ("Nilai SKM Kecamatan", "minimal 70", "70", "grade C"),
        ("Nilai IKM Kecamatan", "70-80", "70-80", "grade C"),
        ("Indeks Kepuasan Masyarakat", "3,00", "3,00", "grade C"),
    ] {
        let report = lint_one(uraian, None, &[("target", target)]);
        let d = with_code(&report, "U013");
        assert_eq!(d.len(), 1, "{uraian} / {target}: {:#?}", report.diagnostics);
        assert_eq!(primary_text(&report, d[0]), labelled);
        assert!(d[0].message_en().contains(grade), "{}", d[0].message_en());
    }
    // The 1–4 scale is graded by its conversion, and U006 reports the scale.
    let report = lint_one("Indeks Kepuasan Masyarakat", None, &[("target", "3,00")]);
    assert_eq!(codes_u(&report), ["U006", "U013"]);
    assert!(with_code(&report, "U013")[0].help_en().contains("3,0644"));
    // A target left in the formula cell is read too.
    let report = lint_one("Nilai Survei Kepuasan Masyarakat", Some("Target 72,5"), &[]);
    assert_eq!(codes_u(&report), ["U008", "U013"]);
}

#[test]
fn u013_near_misses_grade_b_and_above_bounds_levels_grades_and_other_scores() {
    for (uraian, target) in [
        ("Indeks Kepuasan Masyarakat", "76,61"),
        ("Indeks Kepuasan Masyarakat", "81,35"),
        ("Indeks Kepuasan Masyarakat", "3,0644"),
        ("Indeks Kepuasan Masyarakat", "3,25"),
        ("Indeks Kepuasan Masyarakat", "maksimal 70"),
        ("Indeks Kepuasan Masyarakat", "≥ 80"),
        ("Indeks Kepuasan Masyarakat", "80–90"),
        ("Indeks Kepuasan Masyarakat", "B"),
        ("Nilai SAKIP Kecamatan", "65"),
        ("Nilai SAKIP Kecamatan", "BB"),
        ("Jumlah responden survei kepuasan masyarakat", "60"),
        (
            "Persentase kelurahan dengan nilai survei kepuasan masyarakat minimal 75",
            "60%",
        ),
    ] {
        let report = lint_one(uraian, None, &[("target", target)]);
        assert!(
            with_code(&report, "U013").is_empty(),
            "{uraian} / {target}: {:#?}",
            report.diagnostics
        );
    }
}

#[test]
fn grade_targets_bounds_levels_and_ranges_are_valid_for_every_u_rule() {
    for (uraian, target) in [
        ("Nilai SAKIP Kecamatan", "BB"),
        ("Nilai SAKIP Kecamatan", "A"),
        ("Opini BPK atas laporan keuangan", "WTP"),
        ("Tingkat maturitas SPIP", "Level 3"),
        ("Indeks Kepuasan Masyarakat", "Level 3"),
        ("Persentase surat terdisposisi", "minimal 80%"),
        ("Persentase surat terdisposisi", "≥ 80%"),
        ("Indeks Kepuasan Masyarakat", "minimal 80"),
        ("Indeks Kepuasan Masyarakat", "≥ 80"),
        ("Indeks Kepuasan Masyarakat", "80–90"),
        ("Persentase surat terdisposisi", "80–90%"),
        ("Nilai SAKIP Kecamatan", "70 - 80"),
    ] {
        let report = lint_one(uraian, None, &[("target", target)]);
        assert!(
            codes_u(&report).is_empty(),
            "{uraian} / {target}: {:#?}",
            report.diagnostics
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// T001 on numbers: the decimal point in a target

#[test]
fn t001_a_decimal_point_in_a_target_value() {
    let report = lint_one("Indeks Kepuasan Masyarakat", None, &[("target", "76.61")]);
    let d = with_code(&report, "T001");
    assert_eq!(d.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(primary_text(&report, d[0]), "76.61");
    assert!(d[0].help_en().contains("`76,61`"));
    let fix = d[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.edits[0].replacement, "76,61");
    assert_eq!(fix.applicability, ikilint::diagnostic::Applicability::Safe);
    // Read as 76,61: grade B, no U013.
    assert!(codes_u(&report).is_empty(), "{:#?}", report.diagnostics);
    // In the value a formula cell holds, and on the 1–4 scale.
    let report = lint_one("Nilai Survei Kepuasan Masyarakat", Some("Target 3.0644"), &[]);
    assert_eq!(primary_text(&report, with_code(&report, "T001")[0]), "3.0644");
    // An unquoted YAML number: the fix is offered, but not as safe (a comma would end a flow mapping).
    let report = lint(&doc(
        "          - uraian: Indeks Kepuasan Masyarakat\n            target: 76.61\n",
    ));
    let d = with_code(&report, "T001");
    assert_eq!(d.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(
        d[0].fix.as_ref().map(|f| f.applicability),
        Some(ikilint::diagnostic::Applicability::Unsafe)
    );
}

#[test]
fn t001_near_misses_thousands_commas_and_dots_in_prose() {
    for (uraian, formula, target) in [
        ("Jumlah tamu yang dilayani", None, "2.500 orang"),
        ("Indeks Kepuasan Masyarakat", None, "76,61"),
        (
            "Jumlah surat",
            Some("Surat masuk sebelum pukul 08.00 dicatat pada hari yang sama"),
            "1.000 surat",
        ),
        ("Jumlah dokumen 3.1 dan 3.2 yang disusun", None, "2 dokumen"),
    ] {
        let report = lint_one(uraian, formula, &[("target", target)]);
        assert!(
            with_code(&report, "T001").is_empty(),
            "{uraian}: {:#?}",
            report.diagnostics
        );
    }
}

// U011, U014

#[test]
fn u011_an_activity_measured_under_a_result() {
    for (uraian, activity) in [
        (
            "Persentase sosialisasi peraturan daerah yang dilaksanakan",
            "sosialisasi",
        ),
        ("Jumlah rapat koordinasi", "rapat"),
        ("Frekuensi pembinaan kelompok tani", "pembinaan"),
        ("2. Jumlah penyuluhan kesehatan", "penyuluhan"),
        ("Jumlah Rapat-rapat koordinasi yang terlaksana", "Rapat-rapat"),
    ] {
        let report = lint_one(uraian, Some("Data kegiatan"), &[("satuan", "kali")]);
        let found = with_code(&report, "U011");
        assert_eq!(found.len(), 1, "{uraian}: {:#?}", report.diagnostics);
        assert_eq!(label_texts(&report, found[0]), [activity, "Meningkatnya"], "{uraian}");
        assert_eq!(found[0].severity, ikilint::diagnostic::Severity::Info);
        assert!(found[0].help_en().contains(activity), "{:?}", found[0].help);
    }
}

#[test]
fn u011_near_misses_outcomes_measured_changes_and_activity_sasaran() {
    for uraian in [
        "Persentase desa yang menerapkan peraturan desa",
        "Jumlah kasus yang diselesaikan",
        "Persentase penurunan pelanggaran perda",
        "Tingkat pemanfaatan layanan administrasi",
        "Jumlah pengaduan yang ditindaklanjuti",
        "Persentase peserta pelatihan yang lulus",
        "Nilai SAKIP kecamatan",
    ] {
        let report = lint_one(uraian, Some("Data kegiatan"), &[]);
        assert!(
            with_code(&report, "U011").is_empty(),
            "{uraian}: {:#?}",
            with_code(&report, "U011")
        );
    }
    // Under a sasaran worded as an activity the finding is A009's, not U011's.
    let text = doc(&ind("Jumlah sosialisasi peraturan daerah", Some("Data kegiatan"), &[]))
        .replace("Meningkatnya pelayanan", "Sosialisasi peraturan daerah");
    let report = lint(&text);
    assert!(with_code(&report, "U011").is_empty());
    assert_eq!(with_code(&report, "A009").len(), 1);
}

/// A position with the given `tugas` and `fungsi` items (each written as a YAML string).
fn duties(tugas: &[&str], fungsi: &[&str]) -> String {
    let list = |items: &[&str]| items.iter().map(|i| format!("      - {i:?}\n")).collect::<String>();
    format!(
        "dokumen:\n  id: uji\n  unit: Kecamatan Uji\n  tahun: 2022\njabatan:\n  - id: kasi\n    nama: Kepala Seksi Uji\n    \
         tugas:\n{}    fungsi:\n{}    sasaran:\n      - uraian: \"Meningkatnya pelayanan\"\n        indikator:\n          \
         - uraian: \"Indeks Kepuasan Masyarakat\"\n            formula: \"Hasil survei kepuasan masyarakat\"\n",
        list(tugas),
        list(fungsi)
    )
}

#[test]
fn u014_numbered_lists_with_a_gap() {
    let report = lint(&duties(
        &["1. menyusun rencana kerja", "3. melaksanakan pelayanan"],
        &["a. penyusunan rencana;", "c. pelaksanaan pelayanan;", "f. pelaporan."],
    ));
    let found = with_code(&report, "U014");
    let texts: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(texts, ["3.", "c.", "f."], "{found:#?}");
    assert!(
        found[0].message_en().contains("`1.` to `3.`: `2.` is missing"),
        "{}",
        found[0].message_en()
    );
    assert_eq!(label_texts(&report, found[0]), ["3.", "1."]);
    assert!(
        found[2].message_en().contains("`d.` to `e.` are missing"),
        "{}",
        found[2].message_en()
    );
    assert!(found[0].help_en().contains("`2.`"));

    // One item numbered 2. with no 1.; a letter misread as a number (`1.` for `l.`) between `k.` and `m.`; a gap
    // inside one item.
    let mut fungsi: Vec<String> = ('a'..='k').map(|c| format!("{c}. menyiapkan bahan {c};")).collect();
    fungsi.push("1. menyampaikan saran;".to_string());
    fungsi.push("m. melaksanakan tugas lain.".to_string());
    let fungsi: Vec<&str> = fungsi.iter().map(String::as_str).collect();
    let report = lint(&duties(
        &["2. menyusun laporan", "menyusun dokumen: 1. Renja 2. Renstra 4. LKjIP"],
        &fungsi,
    ));
    let found = with_code(&report, "U014");
    let texts: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(texts, ["2.", "4.", "m."], "{found:#?}");
    assert!(
        found[0].message_en().contains("starts at `2.`: `1.` is missing"),
        "{}",
        found[0].message_en()
    );
    assert!(found[0].secondary.is_empty());
    assert!(
        found[2].message_en().contains("`l.` is missing"),
        "{}",
        found[2].message_en()
    );
}

#[test]
fn u014_near_misses_complete_lists_restarts_sub_lists_and_numbers_in_sentences() {
    let report = lint(&duties(
        &[
            "1. menyusun rencana kerja",
            "2) melaksanakan pelayanan",
            "1. membuat laporan",
            "a. mengumpulkan data: 1. kependudukan 2. pertanahan",
            "b. melaksanakan tugas lain",
            "membuat laporan tanpa nomor",
            "menyusun 1. Renja 2. Renstra; laporan bulan ke 12. Selesai",
            "A. Rahman menyerahkan laporan",
        ],
        &["a) perumusan kebijakan;", "b) pelaksanaan kebijakan.", "C. pelaporan."],
    ));
    assert!(
        with_code(&report, "U014").is_empty(),
        "{:#?}",
        with_code(&report, "U014")
    );
    // A formula's list is not read by U014 (U005 reads declared counts).
    let report = lint_one("Jumlah dokumen", Some("1. Renja 3. Renstra"), &[]);
    assert!(with_code(&report, "U014").is_empty());
}
