//! Bad input never panics: each case gives a located finding or a clear error, and the right exit code.

mod common;
use common::{codes, ikilint};
use std::io::Write;
use std::path::Path;

/// Lint one file with these bytes; returns (exit code, parsed JSON output).
fn check_bytes(bytes: &[u8]) -> (i32, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dokumen.yaml");
    std::fs::write(&path, bytes).unwrap();
    check_path(&path)
}

fn check_path(path: &Path) -> (i32, serde_json::Value) {
    let output = ikilint()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap(), json)
}

fn first(json: &serde_json::Value) -> &serde_json::Value {
    &json["diagnostics"][0]
}

#[test]
fn unclosed_bracket_is_s001_at_its_line() {
    let (code, json) = check_bytes(b"dokumen:\n  id: a\n  unit: [Kecamatan\n  tahun: 2020\n");
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S001"]);
    assert!(first(&json)["line"].as_u64().unwrap() >= 3);
}

#[test]
fn tab_indentation_is_s001() {
    let (code, json) = check_bytes(b"dokumen:\n\tid: a\n");
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S001"]);
    assert_eq!(first(&json)["line"], 2);
}

#[test]
fn empty_file_named_on_the_command_line_is_reported() {
    let (code, json) = check_bytes(b"");
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S002"]);
    assert!(first(&json)["message"].as_str().unwrap().contains("empty"));
}

#[test]
fn binary_bytes_are_a_located_finding() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    let (code, json) = check_bytes(&bytes);
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S001"]);
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let (code, json) = check_bytes(b"dokumen:\n  id: a\n  unit: Kecamatan \xff\xfe\n");
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S001"]);
    assert_eq!(first(&json)["line"], 3);
    assert_eq!(first(&json)["column"], 19);
    // The label covers the one U+FFFD shown for the bad bytes, not a byte inside it.
    assert_eq!(first(&json)["end_column"], 20);
    assert!(first(&json)["message"].as_str().unwrap().contains("UTF-8"));
}

const VALID: &str = "dokumen:\n  id: a\n  unit: Kecamatan A\n  tahun: 2024\njabatan:\n  - id: camat\n    nama: Camat A\n    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: Indeks Kepuasan Masyarakat\n            formula: Hasil survei kepuasan masyarakat\n";

#[test]
fn byte_order_mark_is_accepted_and_locations_stay_right() {
    let text = format!("\u{feff}{}", VALID.replace("tahun: 2024", "tahun: \"2024\""));
    let (code, json) = check_bytes(text.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S002"]);
    assert_eq!(first(&json)["line"], 4);
    assert_eq!(first(&json)["column"], 10);
}

#[test]
fn crlf_line_endings_give_the_same_locations() {
    let text = VALID.replace("tahun: 2024", "tahun: \"2024\"").replace('\n', "\r\n");
    let (_, json) = check_bytes(text.as_bytes());
    assert_eq!(codes(&json), ["S002"]);
    assert_eq!(first(&json)["line"], 4);
    assert_eq!(first(&json)["column"], 10);
    assert_eq!(first(&json)["end_column"], 16);
}

#[test]
fn ten_thousand_deep_nesting_is_refused_with_a_finding() {
    let flow = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let (code, json) = check_bytes(flow.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S001"]);
    let block: String = (0..10_000).map(|depth| format!("{}-\n", " ".repeat(depth))).collect();
    let (code, json) = check_bytes(block.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S001"]);
}

#[test]
fn alias_bomb_is_refused_quickly_with_a_finding() {
    let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for name in names {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{previous}"); 9].join(",")
        ));
        previous = name;
    }
    bomb.push_str("dokumen: *i\n");
    let (code, json) = check_bytes(bomb.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["S001"]);
    assert!(first(&json)["message"].as_str().unwrap().contains("too large"));
    assert!(first(&json)["notes"][0].as_str().unwrap().contains("aliases"));
}

#[test]
fn a_fifty_megabyte_document_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("provinsi.yaml");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(
        file,
        "dokumen:\n  id: provinsi\n  unit: Provinsi Contoh\n  tahun: 2024\njabatan:\n"
    )
    .unwrap();
    let duty = "Menyusun rekapitulasi bahan data administrasi sesuai dengan prosedur yang berlaku ".repeat(60);
    let mut written = 0usize;
    let mut index = 0usize;
    while written < 50_000_000 {
        let entry = format!(
            "  - id: staf-{index}\n    nama: Pengolah Data {index}\n    tugas:\n      - \"{duty}\"\n    sasaran:\n      - uraian: Tersedianya data {index}\n        indikator:\n          - uraian: Jumlah dokumen data {index}\n"
        );
        file.write_all(entry.as_bytes()).unwrap();
        written += entry.len();
        index += 1;
    }
    file.flush().unwrap();
    drop(file);
    let output = ikilint()
        .args(["check", "--quiet", "--fail-on", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 file"));
}
