//! `ikilint export`: every example printed to DOCX and XLSX and read back by independent readers (zip +
//! quick-xml, calamine, and python-docx/openpyxl where installed), the structure checked against the YAML, and
//! the command's exit codes and refusals.

mod common;
#[path = "export/read.rs"]
mod read;

use assert_cmd::Command;
use ikilint::export::{OfficeFormat, render};
use ikilint::model::{Document, Jabatan, Text};
use read::{DocxBlock, VMerge, read_docx, read_xlsx};
use std::path::Path;

fn load(name: &str, text: &str) -> Document {
    let workspace = ikilint::workspace::load_sources(vec![(name.to_string(), text.to_string())]);
    assert!(!workspace.diagnostics.iter().any(|d| d.code == "S001"), "{name} parses");
    workspace.documents.into_iter().next().expect("a document")
}

fn load_file(path: &Path) -> Document {
    load(&path.display().to_string(), &std::fs::read_to_string(path).unwrap())
}

/// A value as printed: without the characters an XML file cannot hold.
fn value(text: &Option<Text>) -> String {
    text.as_ref()
        .map(|t| ikilint::export::printable(&t.value).into_owned())
        .unwrap_or_default()
}

/// The table's header, as the layout prints it for `jabatan`.
fn expected_headers(jabatan: &Jabatan) -> Vec<&'static str> {
    let indicators = || jabatan.sasaran.iter().flat_map(|s| &s.indikator);
    let mut headers = vec![
        "NO",
        "SASARAN KINERJA",
        "INDIKATOR KINERJA",
        "FORMULASI PERHITUNGAN/ PENJELASAN",
    ];
    if indicators().any(|i| i.satuan.is_some()) {
        headers.push("SATUAN");
    }
    if indicators().any(|i| i.target.is_some()) {
        headers.push("TARGET");
    }
    headers.push("SUMBER DATA");
    headers
}

/// A signature block is printed for a position with `tanda_tangan` or, failing that, a `pemangku`.
fn signs(jabatan: &Jabatan) -> bool {
    jabatan.tanda_tangan.is_some() || jabatan.pemangku.is_some()
}

/// The heading printed over each position: the title, the unit in capitals, the year, as lines of one text.
fn heading_of(document: &Document) -> String {
    let dokumen = document.dokumen.as_ref().unwrap();
    format!(
        "INDIKATOR KINERJA INDIVIDU\n{}\nTAHUN {}",
        value(&dokumen.unit).to_uppercase(),
        dokumen.tahun.as_ref().unwrap().value
    )
}

/// An NIP as printed: after "NIP. ", unless written with its label (the blank "Nip." of an unfilled copy).
fn nip_printed(nip: &Text) -> String {
    let nip = nip.value.trim();
    if nip.to_lowercase().starts_with("nip") {
        nip.to_string()
    } else {
        format!("NIP. {nip}")
    }
}

/// The NIPs a position's signature block prints (those of `tanda_tangan`; else the holder's).
fn expected_nips(jabatan: &Jabatan) -> Vec<String> {
    let Some(block) = &jabatan.tanda_tangan else {
        return jabatan
            .pemangku
            .iter()
            .filter_map(|p| p.nip.as_ref())
            .map(nip_printed)
            .collect();
    };
    [&block.atasan, &block.pegawai]
        .into_iter()
        .flatten()
        .filter_map(|s| s.nip.as_ref())
        .map(nip_printed)
        .collect()
}

/// The DOCX of `document`, read back, agrees with it: one section per position, the header items, the table's
/// grid, header, rows and vMerge runs, the sumber data as lines, the signature block with its NIPs.
fn assert_docx_prints(document: &Document, bytes: &[u8]) {
    let docx = read_docx(bytes);
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
    ] {
        assert!(docx.parts.iter().any(|p| p == part), "{part} is in the package");
    }
    assert_eq!(docx.page.0, "landscape");
    assert_eq!((docx.page.1, docx.page.2), (16_838, 11_906), "A4");
    let titles: Vec<(usize, bool)> = docx
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            DocxBlock::Paragraph {
                text,
                page_break_before,
            } if text.starts_with("INDIKATOR KINERJA INDIVIDU\n") => Some((i, *page_break_before)),
            _ => None,
        })
        .collect();
    assert_eq!(titles.len(), document.jabatan.len(), "one section per position");
    assert!(
        !titles[0].1 && titles[1..].iter().all(|t| t.1),
        "a new page for each position after the first"
    );
    let tables = docx.tables();
    let signing = document.jabatan.iter().filter(|j| signs(j)).count();
    assert_eq!(
        tables.len(),
        document.jabatan.len() + signing,
        "a table per position, and a signature block for each that has signers"
    );
    let mut next_table = tables.iter();
    let paragraphs = docx.paragraphs();
    let heading = heading_of(document);
    assert_eq!(
        paragraphs.iter().filter(|p| **p == heading).count(),
        document.jabatan.len(),
        "one heading paragraph (title, unit, year) per position"
    );
    for jabatan in &document.jabatan {
        let line = format!("1. JABATAN : {}", value(&jabatan.nama));
        assert!(paragraphs.contains(&line.as_str()), "{line}");
        for (number, tugas) in jabatan.tugas.iter().enumerate() {
            let entry = format!("{}. {}", number + 1, tugas.value);
            assert!(paragraphs.contains(&entry.as_str()), "{entry}");
        }
        if jabatan.fungsi.is_empty() {
            assert!(paragraphs.contains(&"3. FUNGSI : -"));
        }

        let table = next_table.next().unwrap();
        let headers = expected_headers(jabatan);
        assert_eq!(table.grid.len(), headers.len(), "the grid has a column per header");
        assert_eq!(table.header_rows, 1, "the header row repeats on every page");
        assert!(!table.borderless);
        let header: Vec<String> = table.rows[0].iter().map(|c| c.text()).collect();
        assert_eq!(header, headers);
        let mut rows = table.rows[1..].iter();
        for (number, sasaran) in jabatan.sasaran.iter().enumerate() {
            let count = sasaran.indikator.len().max(1);
            for (k, indikator) in (0..count).map(|k| (k, sasaran.indikator.get(k))) {
                let row = rows.next().expect("a row per indicator");
                assert_eq!(row.len(), headers.len(), "every row fills the grid");
                let expected = match (count > 1, k) {
                    (false, _) => VMerge::None,
                    (true, 0) => VMerge::Restart,
                    (true, _) => VMerge::Continue,
                };
                assert_eq!(row[0].vmerge, expected, "NO merged over the sasaran's indicators");
                assert_eq!(row[1].vmerge, expected, "SASARAN merged over its indicators");
                if k == 0 {
                    assert_eq!(row[0].text(), format!("{}.", number + 1));
                    assert_eq!(row[1].text(), value(&sasaran.uraian));
                } else {
                    assert_eq!(row[1].text(), "", "a continued merge cell is empty");
                }
                let Some(indikator) = indikator else { continue };
                assert_eq!(row[2].text(), value(&indikator.uraian));
                assert_eq!(row[3].text(), value(&indikator.formula));
                let sumber: Vec<&str> = indikator.sumber_data.iter().map(|s| s.as_str()).collect();
                let last = &row[headers.len() - 1];
                if sumber.is_empty() {
                    assert_eq!(last.text(), "");
                } else {
                    assert_eq!(last.paragraphs, sumber, "one line per sumber data");
                }
            }
        }
        assert!(rows.next().is_none(), "no row beyond the indicators");

        if !signs(jabatan) {
            continue;
        }
        let signature = next_table.next().unwrap();
        assert!(signature.borderless, "the signature block has no borders");
        assert_eq!(signature.grid.len(), 2);
        let texts: Vec<String> = signature.rows.iter().flatten().map(|c| c.text()).collect();
        for nip in expected_nips(jabatan) {
            assert!(texts.contains(&nip), "{nip} in {texts:?}");
        }
        if let Some(block) = &jabatan.tanda_tangan {
            for signer in [&block.atasan, &block.pegawai].into_iter().flatten() {
                for field in [&signer.jabatan, &signer.nama].into_iter().flatten() {
                    assert!(texts.iter().any(|t| *t == *field.value), "{} signs", field.value);
                }
            }
            if let Some(place) = &block.tempat_tanggal {
                assert!(texts.iter().any(|t| *t == *place.value));
            }
        }
    }
}

/// The XLSX of `document`, read back with calamine, agrees with it: a sheet per position with a valid unique
/// name, the header items, the table's header, cells and merged sasaran ranges, NIPs as strings.
fn assert_xlsx_prints(document: &Document, bytes: &[u8]) {
    let sheets = read_xlsx(bytes);
    assert_eq!(sheets.len(), document.jabatan.len(), "a sheet per position");
    let mut names: Vec<String> = sheets.iter().map(|s| s.name.to_lowercase()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), sheets.len(), "sheet names are unique");
    for (sheet, jabatan) in sheets.iter().zip(&document.jabatan) {
        assert!(sheet.name.encode_utf16().count() <= 31);
        assert!(!sheet.name.contains(['[', ']', ':', '*', '?', '/', '\\']));
        assert_eq!(sheet.text(0, 0), Some(heading_of(document).as_str()));
        let line = format!("1. JABATAN : {}", value(&jabatan.nama));
        assert!(sheet.row_of(&[&line]).is_some(), "{line}");
        let headers = expected_headers(jabatan);
        let header = sheet.row_of(&headers).expect("the table's header row");
        let mut row = header + 1;
        for (number, sasaran) in jabatan.sasaran.iter().enumerate() {
            let count = sasaran.indikator.len().max(1) as u32;
            assert_eq!(sheet.text(row, 0), Some(format!("{}.", number + 1).as_str()));
            assert_eq!(sheet.text(row, 1).unwrap_or(""), value(&sasaran.uraian));
            if count > 1 {
                for column in [0, 1] {
                    assert!(
                        sheet.merged.contains(&(row, column, row + count - 1, column)),
                        "column {column} merged over rows {row}..{}",
                        row + count - 1
                    );
                }
            }
            for (k, indikator) in sasaran.indikator.iter().enumerate() {
                let r = row + k as u32;
                assert_eq!(sheet.text(r, 2).unwrap_or(""), value(&indikator.uraian));
                assert_eq!(sheet.text(r, 3).unwrap_or(""), value(&indikator.formula));
                let sumber: Vec<&str> = indikator.sumber_data.iter().map(|s| s.as_str()).collect();
                let last = headers.len() as u32 - 1;
                assert_eq!(sheet.text(r, last).unwrap_or(""), sumber.join("\n"));
            }
            row += count;
        }
        for nip in expected_nips(jabatan) {
            let cell = sheet
                .cells
                .values()
                .find(|c| matches!(c, calamine::Data::String(s) if s.lines().any(|l| l == nip)));
            assert!(cell.is_some(), "{nip} is a line of a string cell of {}", sheet.name);
        }
        assert!(
            !sheet
                .cells
                .values()
                .any(|c| matches!(c, calamine::Data::Float(_) | calamine::Data::Int(_))),
            "no cell is a number"
        );
    }
}

#[test]
fn every_example_prints_as_docx_and_reads_back() {
    for path in common::iki_examples() {
        let document = load_file(&path);
        let bytes = render(&document, OfficeFormat::Docx).unwrap();
        assert_docx_prints(&document, &bytes);
    }
}

#[test]
fn every_example_prints_as_xlsx_and_reads_back() {
    for path in common::iki_examples() {
        let document = load_file(&path);
        let bytes = render(&document, OfficeFormat::Xlsx).unwrap();
        assert_xlsx_prints(&document, &bytes);
    }
}

#[test]
fn the_same_yaml_gives_the_same_docx_bytes() {
    let path = &common::iki_examples()[0];
    let document = load_file(path);
    assert_eq!(
        render(&document, OfficeFormat::Docx).unwrap(),
        render(&document, OfficeFormat::Docx).unwrap()
    );
}

/// Satuan and target columns, a sasaran of three indicators, text that XML must escape or cannot hold, line
/// breaks and tabs inside a value, positions without `tanda_tangan` (with a holder, who signs with the superior's
/// holder; without one, no block), and titles that make the same or an invalid sheet name.
const AWKWARD: &str = r#"dokumen:
  id: uji-2024
  unit: "Kecamatan <Uji> & \"Coba\""
  tahun: 2024
  tempat: Sukamaju
jabatan:
  - id: camat
    nama: "Camat Sukamaju: Kepala [Wilayah] / Uji*?"
    pemangku: { nama: "Drs. BUDI & SANTOSO", nip: "19700512 199503 1 002" }
    fungsi: ["a < b", "tab\there"]
    sasaran:
      - uraian: "Meningkatnya <kualitas> & 'mutu'\x01 layanan"
        indikator:
          - uraian: Persentase A
            satuan: persen
            target: "80%"
            formula: "baris satu\nbaris dua"
            sumber_data: [Register A, "Laporan <B>", Data C]
          - uraian: Jumlah B
            target: 12
          - uraian: Indeks C
      - uraian: Tersedianya data
        indikator:
          - uraian: Jumlah data
  - id: sekcam
    nama: "Camat Sukamaju: Kepala [Wilayah] / Uji*?"
    atasan: camat
    pemangku: { nama: "SITI", nip: "19850317 200801 2 004" }
    sasaran:
      - uraian: Terlaksananya tugas
        indikator:
          - uraian: Jumlah tugas
  - id: staf
    nama: Pengadministrasi Umum
    atasan: sekcam
    sasaran:
      - uraian: Tersedianya arsip
        indikator:
          - uraian: Jumlah arsip
"#;

#[test]
fn awkward_text_columns_and_titles_print_in_both_formats() {
    let document = load("awkward.yaml", AWKWARD);
    let docx = render(&document, OfficeFormat::Docx).unwrap();
    assert_docx_prints(&document, &docx);
    let read = read_docx(&docx);
    let paragraphs = read.paragraphs();
    assert!(paragraphs.contains(&"INDIKATOR KINERJA INDIVIDU\nKECAMATAN <UJI> & \"COBA\"\nTAHUN 2024"));
    assert!(paragraphs.contains(&"2. tab\there"));
    let table = read.tables()[0];
    assert_eq!(
        table.rows[1][1].text(),
        "Meningkatnya <kualitas> & 'mutu' layanan",
        "U+0001 is dropped"
    );
    assert_eq!(table.rows[1][3].text(), "baris satu\nbaris dua");
    assert_eq!(table.rows[1][4].text(), "persen");
    assert_eq!(table.rows[2][5].text(), "12", "a number target prints as written");
    // Without `tanda_tangan`: the superior's title and holder on the left, the position's on the right.
    let signature: Vec<Vec<String>> = read.tables()[3]
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text()).collect())
        .collect();
    assert_eq!(
        signature[0],
        ["", "Sukamaju,              2024"],
        "`dokumen.tempat` with room to write the date"
    );
    assert!(signature.contains(&vec!["Drs. BUDI & SANTOSO".to_string(), "SITI".to_string()]));
    assert!(signature.contains(&vec![
        "NIP. 19700512 199503 1 002".to_string(),
        "NIP. 19850317 200801 2 004".to_string()
    ]));

    let xlsx = render(&document, OfficeFormat::Xlsx).unwrap();
    assert_xlsx_prints(&document, &xlsx);
    let sheets = read_xlsx(&xlsx);
    assert_eq!(sheets[0].name, "Camat Sukamaju Kepala Wilayah U");
    assert_eq!(sheets[1].name, "Camat Sukamaju Kepala Wilay (2)");
    assert!(
        !sheets[2]
            .cells
            .values()
            .any(|c| matches!(c, calamine::Data::String(s) if s.starts_with("NIP."))),
        "no signature block for a position without signers"
    );
}

/// python-docx and openpyxl, written by others, open the files and find the texts.
#[test]
fn python_docx_and_openpyxl_open_the_files() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import docx, openpyxl"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        println!("skipped: python3 with python-docx and openpyxl is not installed (pip install python-docx openpyxl)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut documents: Vec<Document> = common::iki_examples().iter().map(|p| load_file(p)).collect();
    documents.push(load("awkward.yaml", AWKWARD));
    for (index, document) in documents.iter().enumerate() {
        let docx = dir.path().join(format!("{index}.docx"));
        let xlsx = dir.path().join(format!("{index}.xlsx"));
        std::fs::write(&docx, render(document, OfficeFormat::Docx).unwrap()).unwrap();
        std::fs::write(&xlsx, render(document, OfficeFormat::Xlsx).unwrap()).unwrap();
        let script = r#"
import sys, json, docx, openpyxl
d = docx.Document(sys.argv[1])
texts = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        for c in row.cells:
            texts.append(c.text)
wb = openpyxl.load_workbook(sys.argv[2])
cells = []
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells.append([c.data_type, str(c.value)])
print(json.dumps({"docx": texts, "sheets": wb.sheetnames, "cells": cells}))
"#;
        let output = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&docx)
            .arg(&xlsx)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "python could not open them: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let read: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let docx_texts: Vec<&str> = read["docx"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let cells: Vec<(&str, &str)> = read["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c[0].as_str().unwrap(), c[1].as_str().unwrap()))
            .collect();
        assert_eq!(read["sheets"].as_array().unwrap().len(), document.jabatan.len());
        assert!(cells.iter().all(|(kind, _)| *kind == "s"), "every cell is a string");
        for jabatan in &document.jabatan {
            let line = format!("1. JABATAN : {}", value(&jabatan.nama));
            assert!(docx_texts.contains(&line.as_str()), "python-docx reads {line}");
            assert!(cells.iter().any(|(_, text)| *text == line), "openpyxl reads {line}");
            for indikator in jabatan.sasaran.iter().flat_map(|s| &s.indikator) {
                let text = value(&indikator.uraian);
                if !text.is_empty() {
                    assert!(docx_texts.contains(&text.as_str()), "python-docx reads {text}");
                    assert!(cells.iter().any(|(_, t)| *t == text), "openpyxl reads {text}");
                }
            }
            for nip in expected_nips(jabatan) {
                assert!(docx_texts.contains(&nip.as_str()));
                assert!(
                    cells
                        .iter()
                        .any(|(kind, text)| *kind == "s" && text.lines().any(|l| l == nip)),
                    "{nip} is in a string cell for openpyxl"
                );
            }
        }
    }
}

fn ikilint() -> Command {
    let mut command = Command::cargo_bin("ikilint").unwrap();
    command.env_remove("IKILINT_LANG").env("LANG", "C");
    command
}

#[test]
fn one_document_is_written_to_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("IKI 2024.docx");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/contoh-bersih-2024.yaml");
    ikilint()
        .args(["export", "--format", "docx"])
        .arg(&example)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Written"));
    assert_docx_prints(&load_file(&example), &std::fs::read(&out).unwrap());
}

#[test]
fn several_documents_are_written_into_the_folder_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cetak");
    let examples_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    ikilint()
        .args(["export", "-f", "xlsx"])
        .arg(&examples_dir)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    for path in common::iki_examples() {
        let name = format!("{}.xlsx", path.file_stem().unwrap().to_str().unwrap());
        assert_xlsx_prints(&load_file(&path), &std::fs::read(out.join(name)).unwrap());
    }
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("iki.yaml");
    std::fs::write(&input, AWKWARD).unwrap();
    ikilint()
        .args(["export", "-f", "docx"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join(".").join("iki.yaml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is the input document"));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        AWKWARD,
        "the YAML is untouched"
    );
}

#[test]
fn a_document_that_does_not_read_as_written_is_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ci/small.yaml");
    let good = dir.path().join("good.yaml");
    std::fs::write(&good, AWKWARD).unwrap();
    let out = dir.path().join("out");
    // small.yaml has an unknown key (S003) and a repeated key (S006): printed, it would lose them.
    ikilint()
        .args(["export", "-f", "docx"])
        .arg(&fixture)
        .arg(&good)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("S003").and(predicates::str::contains("S006")))
        .stderr(predicates::str::contains("Nothing was exported"));
    assert!(!out.exists(), "nothing is written, not even the good document");

    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "dokumen: [\n").unwrap();
    ikilint()
        .args(["export", "-f", "xlsx"])
        .arg(&broken)
        .arg("-o")
        .arg(dir.path().join("broken.xlsx"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains("S001"));
    assert!(!dir.path().join("broken.xlsx").exists());
}

use predicates::prelude::PredicateBooleanExt;

/// Every row height an XLSX sets, in points.
fn row_heights(xlsx: &[u8]) -> Vec<f64> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut heights = Vec::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        if !part.name().unwrap().starts_with("xl/worksheets/") {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        for (at, _) in xml.match_indices(" ht=\"") {
            let rest = &xml[at + 5..];
            heights.push(rest[..rest.find('"').unwrap()].parse().unwrap());
        }
    }
    heights
}

#[test]
fn a_long_text_fits_excel_rows_at_most_409_points_high() {
    let document = load(
        "long.yaml",
        &AWKWARD.replace("baris satu\\nbaris dua", &"kata ".repeat(4_000)),
    );
    let heights = row_heights(&render(&document, OfficeFormat::Xlsx).unwrap());
    // Points become whole pixels in the file: 409 pt is written as 545 px, read back as 408.75 pt.
    assert!(
        heights.iter().any(|h| *h > 408.0),
        "the long formula's row is as tall as Excel allows: {heights:?}"
    );
    assert!(heights.iter().all(|h| *h <= 409.0), "{heights:?}");
}

#[test]
fn a_text_longer_than_an_excel_cell_is_refused_for_xlsx_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.yaml");
    let formula = "x".repeat(40_000);
    std::fs::write(&input, AWKWARD.replace("baris satu\\nbaris dua", &formula)).unwrap();
    ikilint()
        .args(["export", "-f", "xlsx"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("long.xlsx"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "FORMULASI PERHITUNGAN/ PENJELASAN has 40000 characters",
        ));
    assert!(!dir.path().join("long.xlsx").exists());
    ikilint()
        .args(["export", "-f", "docx"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("long.docx"))
        .assert()
        .code(0);
}

#[test]
fn usage_errors_and_unreadable_paths_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    ikilint()
        .args(["export", "-f", "docx"])
        .arg(&missing)
        .arg("-o")
        .arg(dir.path().join("a.docx"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.yaml"));
    // No -o, an unknown format: clap's usage errors.
    ikilint().args(["export", "-f", "docx", "x.yaml"]).assert().code(2);
    ikilint()
        .args(["export", "-f", "pdf", "x.yaml", "-o", "x.pdf"])
        .assert()
        .code(2);
    // A folder without any IKI or SKP document.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    ikilint()
        .args(["export", "-f", "docx"])
        .arg(&empty)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no IKI or SKP document"));
    // Two documents of the same name in different folders would write the same file.
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("iki.yaml"), AWKWARD.replace("uji-2024", sub)).unwrap();
    }
    ikilint()
        .args(["export", "-f", "docx"])
        .arg(dir.path().join("a"))
        .arg(dir.path().join("b"))
        .arg("-o")
        .arg(dir.path().join("both"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("would both be written"));
    assert!(!dir.path().join("both").join("iki.docx").exists());
}
