//! `ikilint import` and `ikilint check` on office documents (extracted text here; the Word and Excel readers plug
//! into the same import): the import findings S009–S013 each with a fixture that triggers them and a near miss,
//! exit codes, output files, and the seeds' imported YAML pinned as snapshots.

mod common;
#[path = "common/office.rs"]
mod office;
use common::ikilint;
use office::p;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

/// A clean extracted IKI: title, header items, a table, a signature block with two signers.
const CLEAN: &str = "\
INDIKATOR KINERJA INDIVIDU
KECAMATAN MAJU TAHUN 2024

1. JABATAN : Camat Maju
2. TUGAS :
  - a. memimpin penyelenggaraan pemerintahan kecamatan;
3. FUNGSI : -

No\tSasaran Kinerja\tIndikator Kinerja\tFormulasi Perhitungan\tSumber Data
1.\tMeningkatnya kualitas pelayanan publik kecamatan\tIndeks Kepuasan Masyarakat\tHasil survei kepuasan masyarakat\tLaporan survei

Maju, Januari 2024
BUPATI MAJU
Ir. H. ANDI
CAMAT MAJU
BUDI SANTOSO, S.Sos
NIP. 19700101 199003 1 001
";

fn codes(dir: &Path, name: &str, text: &str) -> Vec<String> {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let output = ikilint()
        .args(["check", "--no-cache", "--fail-on", "never", "-f", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .filter(|c| c.starts_with('S'))
        .collect()
}

#[test]
fn a_clean_extracted_document_has_no_structure_finding() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(codes(dir.path(), "iki.txt", CLEAN), Vec::<String>::new());
}

#[test]
fn s009_an_unknown_column_and_its_near_miss() {
    let dir = tempfile::tempdir().unwrap();
    let with = CLEAN
        .replace("\tSumber Data\n", "\tSumber Data\tKeterangan\n")
        .replace("\tLaporan survei\n", "\tLaporan survei\tprioritas\n");
    assert_eq!(codes(dir.path(), "a.txt", &with), ["S009"]);
    let near = CLEAN
        .replace("\tSumber Data\n", "\tSumber Data\tTarget\n")
        .replace("\tLaporan survei\n", "\tLaporan survei\t80\n");
    assert_eq!(codes(dir.path(), "b.txt", &near), Vec::<String>::new());
}

#[test]
fn s010_a_table_without_a_position_and_its_near_miss() {
    let dir = tempfile::tempdir().unwrap();
    let table = "No\tSasaran Kinerja\tIndikator Kinerja\tFormulasi Perhitungan\tSumber Data\n1.\tMeningkatnya kualitas air\tIndeks kualitas air\tHasil uji\tLaporan uji\n\n";
    let with = CLEAN.replace("1. JABATAN", &format!("{table}1. JABATAN"));
    assert!(codes(dir.path(), "a.txt", &with).contains(&"S010".to_string()));
    let near = CLEAN.replace("3. FUNGSI : -\n", &format!("3. FUNGSI : -\n\n{table}"));
    assert!(!codes(dir.path(), "b.txt", &near).contains(&"S010".to_string()));
}

#[test]
fn s011_text_not_placed_and_its_near_miss() {
    let dir = tempfile::tempdir().unwrap();
    let with = format!("Dengan hormat, bersama ini kami sampaikan dokumen IKI kecamatan.\n\n{CLEAN}");
    assert_eq!(codes(dir.path(), "a.txt", &with), ["S011"]);
    // A title printed over several lines is the title, not stray text.
    let near = CLEAN.replace("INDIKATOR KINERJA INDIVIDU\n", "INDIKATOR KINERJA\nINDIVIDU\n");
    assert_eq!(codes(dir.path(), "b.txt", &near), Vec::<String>::new());
}

#[test]
fn s013_an_uncertain_join_and_its_near_miss() {
    let dir = tempfile::tempdir().unwrap();
    let with = CLEAN.replace("kecamatan;\n3.", "kecamatan dan\n\nkelurahan;\n3.");
    assert_eq!(codes(dir.path(), "a.txt", &with), ["S013"]);
    // An item that ends its sentence is not continued by the next line.
    let near = CLEAN.replace("kecamatan;\n3.", "kecamatan;\n  - b. membina kelurahan;\n3.");
    assert_eq!(codes(dir.path(), "b.txt", &near), Vec::<String>::new());
}

#[test]
fn import_prints_one_file_and_writes_several_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, CLEAN).unwrap();
    std::fs::write(&b, CLEAN.replace("Camat Maju", "Lurah Maju")).unwrap();
    ikilint()
        .arg("import")
        .arg(&a)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# Imported by ikilint from"))
        .stdout(predicate::str::contains("nama: \"Camat Maju\""))
        .stdout(predicate::str::contains("nip: \"19700101 199003 1 001\""));
    ikilint()
        .arg("import")
        .args([&a, &b])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o DIR"));
    let out = dir.path().join("yaml");
    ikilint()
        .arg("import")
        .args([&a, &b])
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(out.join("b.yaml"))
            .unwrap()
            .contains("Lurah Maju")
    );
    ikilint()
        .arg("import")
        .args([&a, &b])
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    ikilint()
        .arg("import")
        .args([&a, &b])
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(0);
    // The written YAML is an IKI document `check` reads without a structure finding.
    ikilint()
        .args(["check", "--no-cache", "--fail-on", "warning"])
        .arg(out.join("a.yaml"))
        .assert()
        .stdout(predicate::str::contains("[S0").not());
}

#[test]
fn import_check_lints_in_the_same_step_with_the_exit_codes_of_check() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        CLEAN.replace("1.\tMeningkatnya kualitas pelayanan publik kecamatan", "1.\t"),
    )
    .unwrap();
    // The YAML stays on stdout; the findings go to stderr.
    ikilint()
        .arg("import")
        .arg(&a)
        .arg("--check")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("# Imported by ikilint"))
        .stderr(predicate::str::contains("S005"));
    ikilint()
        .arg("import")
        .arg(&a)
        .args(["--check", "--fail-on", "never"])
        .assert()
        .code(0);
}

#[test]
fn unreadable_and_unsupported_files_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    ikilint()
        .arg("import")
        .arg(dir.path().join("tidak-ada.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tidak-ada.txt"));
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Jabatan : Camat \xe9\n").unwrap();
    ikilint()
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-8"));
    let yaml = dir.path().join("a.yaml");
    std::fs::write(&yaml, "x: 1\n").unwrap();
    ikilint()
        .arg("import")
        .arg(&yaml)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".docx, .xlsx or .txt"));
}

#[test]
fn check_names_the_office_file_and_walks_only_text_that_is_an_iki() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("iki.txt"), CLEAN.replace("Laporan survei", "")).unwrap();
    std::fs::write(dir.path().join("catatan.txt"), "belanja: beras, gula\n").unwrap();
    let output = ikilint()
        .args(["check", "--no-cache", "--fail-on", "never", "-f", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{json}");
    // A text named explicitly is linted whatever it holds.
    ikilint()
        .args(["check", "--no-cache"])
        .arg(dir.path().join("catatan.txt"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("catatan.txt"));
}

#[test]
fn fix_leaves_an_office_file_alone_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let text = CLEAN.replace("Indeks Kepuasan Masyarakat", "Prosentase kepuasan masyarakat");
    std::fs::write(&a, &text).unwrap();
    ikilint()
        .args(["check", "--no-cache", "--fix", "--fail-on", "never"])
        .arg(&a)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("not written to an office document"));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), text);
}

fn imported(seed: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(seed);
    let bytes = std::fs::read(&path).unwrap();
    ikilint::office::import(ikilint::office::Format::Text, seed, &bytes)
        .unwrap()
        .yaml
}

#[test]
fn masama_import_output() {
    insta::assert_snapshot!(imported("masama-2020.txt"));
}

#[test]
fn tanjung_redeb_import_output() {
    insta::assert_snapshot!(imported("tanjung-redeb-2022.txt"));
}

#[test]
fn a_cached_run_shows_the_imported_yaml_not_the_office_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ikilint.toml"), "").unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        CLEAN.replace("1.\tMeningkatnya kualitas pelayanan publik kecamatan", "1.\t"),
    )
    .unwrap();
    for _ in 0..2 {
        ikilint()
            .current_dir(dir.path())
            .args(["check", "--fail-on", "never", "a.txt"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("uraian: \"\""))
            .stdout(predicate::str::contains("┌─ a.txt:"));
    }
    assert!(
        dir.path().join(".ikilint_cache").exists(),
        "the second run read the cache"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any text, however broken, imports to YAML that loads: no panic, no hang.
    #[test]
    fn any_text_imports_without_panicking(
        lines in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[A-Za-z0-9 .,:;()/#&*<>İ\\-]{0,30}").unwrap(),
                proptest::string::string_regex("([A-Za-z0-9 .\\-]{0,12}\t){1,6}[A-Za-z0-9 ]{0,12}").unwrap(),
                proptest::sample::select(vec![
                    "Jabatan : Camat Maju".to_string(),
                    "Tugas :".to_string(),
                    "- a. memimpin".to_string(),
                    "NO\tSASARAN\tINDIKATOR\tFORMULA\tSUMBER DATA".to_string(),
                    "NIP. 19700101 199003 1 001".to_string(),
                    "Maju, .....2024".to_string(),
                    "INDIKATOR KINERJA INDIVIDU".to_string(),
                    "  -".to_string(),
                ]),
            ],
            0..40,
        )
    ) {
        let text = lines.join("\n");
        let imported = ikilint::office::import(ikilint::office::Format::Text, "p.txt", text.as_bytes()).unwrap();
        let workspace = ikilint::workspace::load_sources(vec![("p.yaml".into(), imported.yaml.clone())]);
        proptest::prop_assert!(
            !workspace.diagnostics.iter().any(|d| d.code == "S001"),
            "not YAML:\n{}",
            imported.yaml
        );
        for problem in &imported.problems {
            proptest::prop_assert!(problem.span.end <= imported.yaml.len());
        }
    }
}

/// A large text imports whole: every position, the first and the last. Its speed is the office benchmark's to
/// measure (`cargo bench --bench office`), not a timed test's.
#[test]
fn five_thousand_positions_import_whole() {
    let mut text = String::from("INDIKATOR KINERJA INDIVIDU\nDINAS BESAR TAHUN 2024\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "Jabatan : Pengolah Data {i}\nTugas :\n- a. mengolah data {i};\n\
             No\tSasaran\tIndikator\tFormula\tSumber Data\n1.\tTersedianya data {i}\tJumlah data {i}\tHitung\tRegister\n\
             Besar, Januari 2024\nKEPALA DINAS BESAR\nBUDI\nNIP. 19700101 199003 1 001\n\
             PENGOLAH DATA {i}\nORANG {i}\nNIP. 19800101 2005{:02} 1 {:03}\n",
            i % 100,
            i % 1000
        ));
    }
    let started = std::time::Instant::now();
    let imported = ikilint::office::import(ikilint::office::Format::Text, "big.txt", text.as_bytes()).unwrap();
    let elapsed = started.elapsed();
    println!("5,000 positions ({} KB) imported in {elapsed:?}", text.len() / 1024);
    assert_eq!(imported.positions, 5000);
    for i in [0, 4999] {
        assert!(
            imported.yaml.contains(&format!("nama: \"Pengolah Data {i}\"\n")),
            "position {i}"
        );
        assert!(
            imported.yaml.contains(&format!("uraian: \"Tersedianya data {i}\"\n")),
            "sasaran of {i}"
        );
    }
}

/// The first rows of the test workbooks: the title with the unit and year, and the position.
const TITLE_AND_POSITION: [&[&str]; 3] = [
    &["INDIKATOR KINERJA INDIVIDU"],
    &["KECAMATAN MAJU TAHUN 2024"],
    &["1. JABATAN : CAMAT MAJU"],
];

/// A one-sheet workbook saved at `path`: the title and position rows, then `rows` (each row's texts into its
/// cells from the left), then whatever `finish` writes.
fn save_workbook(path: &Path, rows: &[&[&str]], finish: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in TITLE_AND_POSITION.iter().chain(rows).enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    finish(sheet);
    book.save(path).unwrap();
}

/// A one-sheet workbook in the layout offices use, whose holder's NIP is on a row of its own: typed as a number
/// (as Excel keeps what looks like one) or as text.
fn workbook_with_nip(path: &Path, nip_as_number: bool) {
    let rows: &[&[&str]] = &[
        &["2. TUGAS : memimpin penyelenggaraan pemerintahan kecamatan"],
        &[],
        &[
            "NO",
            "SASARAN KINERJA",
            "INDIKATOR KINERJA",
            "FORMULASI PERHITUNGAN",
            "SUMBER DATA",
        ],
        &[
            "1",
            "Meningkatnya kualitas pelayanan publik",
            "Indeks Kepuasan Masyarakat",
            "Hasil survei kepuasan masyarakat",
            "Laporan SKM",
        ],
        &[],
        &["Maju, 2 Januari 2024"],
        &["CAMAT MAJU"],
        &["Drs. BUDI SANTOSO"],
    ];
    save_workbook(path, rows, |sheet| {
        if nip_as_number {
            sheet.write_number(11, 0, 197001011990031001.0).unwrap();
        } else {
            sheet.write_string(11, 0, "NIP. 19700101 199003 1 001").unwrap();
        }
    });
}

#[test]
fn s012_an_nip_typed_as_a_number_in_excel_and_its_near_miss() {
    let dir = tempfile::tempdir().unwrap();
    let number = dir.path().join("angka.xlsx");
    workbook_with_nip(&number, true);
    let found = ikilint()
        .args(["check", "--no-cache", "--format", "json-lines", "--fail-on", "never"])
        .arg(&number)
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(found.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let s012: Vec<&Value> = lines.iter().filter(|d| d["code"] == "S012").collect();
    assert_eq!(s012.len(), 1, "{lines:#?}");
    assert_eq!(s012[0]["origin"]["cell"], "A12", "{:#}", s012[0]);

    let text = dir.path().join("teks.xlsx");
    workbook_with_nip(&text, false);
    let found = ikilint()
        .args(["check", "--no-cache", "--format", "json-lines", "--fail-on", "never"])
        .arg(&text)
        .output()
        .unwrap();
    let out = String::from_utf8(found.stdout).unwrap();
    assert!(!out.contains("\"S012\""), "{out}");
}

#[test]
fn a_damaged_word_file_stops_the_run_when_named_and_is_a_finding_when_found() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("IKI rusak.docx");
    std::fs::write(&damaged, b"PK\x03\x04 not really a zip").unwrap();
    ikilint()
        .args(["check", "--no-cache"])
        .arg(&damaged)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("IKI rusak.docx"));
    let found = ikilint()
        .args(["check", "--no-cache", "--format", "json-lines"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(found.status.code(), Some(1), "{found:?}");
    let out = String::from_utf8(found.stdout).unwrap();
    assert!(out.contains("\"S001\"") && out.contains("IKI rusak.docx"), "{out}");
}

#[test]
fn a_named_damaged_file_stops_check_and_import_with_the_reason_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ikilint.toml"), "").unwrap();
    std::fs::write(dir.path().join("rusak.xlsx"), b"PK\x03\x04 cut short").unwrap();
    for (lang, reason) in [
        (
            "en",
            "`rusak.xlsx`: the file is damaged: its zip package cannot be unpacked",
        ),
        ("id", "`rusak.xlsx`: berkas rusak: paket zip-nya tidak dapat dibuka"),
    ] {
        // Twice with the cache: a file that stops the run is never served from it.
        for command in [["check", "--lang"], ["check", "--lang"], ["import", "--lang"]] {
            ikilint()
                .current_dir(dir.path())
                .args(command)
                .args([lang, "rusak.xlsx"])
                .assert()
                .code(2)
                .stderr(predicate::str::contains(reason));
        }
    }
}

/// A workbook of one position whose target (76.5) is a number in the format `format`, or the text `76.50`.
fn workbook_with_target(path: &Path, format: Option<&str>) {
    let rows: &[&[&str]] = &[
        &[],
        &office::IKI_HEADER,
        &[
            "1",
            "Meningkatnya kualitas pelayanan publik",
            "Indeks Kepuasan Masyarakat",
            "Hasil survei",
        ],
    ];
    save_workbook(path, rows, |sheet| {
        match format {
            Some(code) => {
                let format = rust_xlsxwriter::Format::new().set_num_format(code);
                sheet.write_number_with_format(5, 4, 76.5, &format).unwrap();
            }
            None => {
                sheet.write_string(5, 4, "76.50").unwrap();
            }
        }
        sheet.write_string(5, 5, "Laporan SKM").unwrap();
    });
}

fn all_codes(path: &Path) -> Vec<String> {
    let output = ikilint()
        .args(["check", "--no-cache", "--fail-on", "never", "-f", "json"])
        .arg(path)
        .output()
        .unwrap();
    common::codes(&common::json_output(&output))
}

#[test]
fn an_excel_number_is_imported_as_its_format_shows_it_with_the_decimal_comma() {
    let dir = tempfile::tempdir().unwrap();
    let number = dir.path().join("angka.xlsx");
    workbook_with_target(&number, Some("0.00"));
    ikilint()
        .arg("import")
        .arg(&number)
        .assert()
        .success()
        .stdout(predicate::str::contains("target: \"76,50\""));
    // Nobody typed a decimal point: T001 has nothing to report.
    assert!(!all_codes(&number).contains(&"T001".to_string()));
    // Near miss: a target typed as the text 76.50 is written with a decimal point.
    let text = dir.path().join("teks.xlsx");
    workbook_with_target(&text, None);
    assert!(all_codes(&text).contains(&"T001".to_string()));
}

/// The YAML imported from a Word file whose body is `body`.
fn imported_docx(body: &str) -> String {
    let bytes = office::docx(body, None, None);
    ikilint::office::import(ikilint::office::Format::Docx, "iki.docx", &bytes)
        .unwrap()
        .yaml
}

#[test]
fn a_unit_in_capitals_is_kept_as_written() {
    let body = [
        p("INDIKATOR KINERJA INDIVIDU"),
        p("DINAS PUPR TAHUN 2024"),
        p("1. JABATAN : KEPALA DINAS PUPR"),
    ]
    .concat();
    let yaml = imported_docx(&body);
    assert!(yaml.contains("  unit: \"DINAS PUPR\"\n"), "{yaml}");
}

#[test]
fn a_formula_written_on_several_lines_keeps_its_lines() {
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", p(text));
    let formula = format!(
        "<w:tc>{}{}</w:tc>",
        p("Jumlah dokumen yang selesai"),
        p("  dibagi jumlah dokumen x 100  ")
    );
    let body = [
        p("INDIKATOR KINERJA INDIVIDU"),
        p("1. JABATAN : CAMAT MAJU"),
        "<w:tbl><w:tr>".to_string(),
        cell("SASARAN"),
        cell("INDIKATOR KINERJA"),
        cell("FORMULASI PERHITUNGAN"),
        "</w:tr><w:tr>".to_string(),
        cell("Meningkatnya pelayanan"),
        cell("Persentase dokumen"),
        formula,
        "</w:tr></w:tbl>".to_string(),
    ]
    .concat();
    let yaml = imported_docx(&body);
    assert!(
        yaml.contains("formula: \"Jumlah dokumen yang selesai\\ndibagi jumlah dokumen x 100\"\n"),
        "{yaml}"
    );
}

#[test]
fn a_dash_inside_a_list_entry_of_a_word_file_does_not_split_it() {
    let body = [
        p("INDIKATOR KINERJA INDIVIDU"),
        p("1. JABATAN : CAMAT MAJU"),
        p("2. TUGAS :"),
        p("- Menyusun rancangan Peraturan Perundang - Undangan kecamatan"),
        p("- Melaksanakan koordinasi"),
    ]
    .concat();
    let yaml = imported_docx(&body);
    assert!(
        yaml.contains("tugas:\n      - \"Menyusun rancangan Peraturan Perundang - Undangan kecamatan\"\n      - \"Melaksanakan koordinasi\"\n"),
        "{yaml}"
    );
}

/// An extracted text whose second position's signature block is printed after the third position's table (so the
/// second waits for it while being printed), the first position signing as the superior of the others.
const LATE_SIGNATURE: &str = "INDIKATOR KINERJA INDIVIDU\nKECAMATAN MAJU TAHUN 2024\n\
Jabatan : Camat Maju\n\
No\tSasaran\tIndikator\tFormula\tSumber Data\n\
1.\tMeningkatnya kualitas pelayanan publik kecamatan\tIndeks kepuasan masyarakat\tSurvei\tLaporan\n\
2.\tTertibnya administrasi kependudukan\tPersentase dokumen selesai\tHitung\tRegister\n\
Maju, Januari 2024\nBUPATI MAJU\nBUDI\nNIP. 19700101 199003 1 001\nCAMAT MAJU\nSITI\nNIP. 19750101 200003 2 001\n\
Jabatan : Kepala Seksi Pelayanan\n\
No\tSasaran\tIndikator\tFormula\tSumber Data\n\
1.\tMeningkatnya kualitas pelayanan publik di seksi\tIndeks kepuasan pelayanan seksi\tSurvei\tLaporan\n\
Jabatan : Pengolah Data\n\
No\tSasaran\tIndikator\tFormula\tSumber Data\n\
1.\tTersedianya data kependudukan\tJumlah data\tHitung\tRegister\n\
Maju, Januari 2024\nCAMAT MAJU\nSITI\nNIP. 19750101 200003 2 001\nKEPALA SEKSI PELAYANAN\nANI\nNIP. 19800101 200501 2 001\n\
Jabatan : Bendahara\n\
No\tSasaran\tIndikator\tFormula\tSumber Data\n\
1.\tTertibnya keuangan\tJumlah laporan\tHitung\tBuku kas\n";

#[test]
fn an_import_printed_position_by_position_is_the_document_recognised_whole() {
    use ikilint::office::{Format, emit, layout, text};
    let streamed = ikilint::office::import(Format::Text, "late.txt", LATE_SIGNATURE.as_bytes()).unwrap();
    let (body, notes) = text::read(LATE_SIGNATURE);
    let whole = emit::emit("late.txt", layout::recognise(body, notes));
    assert_eq!(streamed, whole);
    // The case is what it says: a signature block placed on a position before the last, and links inferred.
    assert!(
        streamed
            .yaml
            .contains("signature block printed after another position's table")
    );
    assert!(streamed.yaml.contains("atasan: camat-maju  # inferred"));
    assert!(streamed.yaml.contains("mendukung: S1  # inferred"));
}
