//! Office files built for the reader tests and benchmarks: a `.docx` from its XML parts (written with the zip
//! crate, as Word lays them out) and large IKI-shaped `.docx`/`.xlsx` files of a given number of positions.

#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A zip of the named parts, deflated.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        writer.start_file(*name, SimpleFileOptions::default()).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A `.docx` whose body is `body` (the XML inside `w:body`), with `numbering` and `styles` as the content of
/// `w:numbering` and `w:styles` when given.
pub fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let document = document_xml(body);
    let numbering = numbering.map(numbering_xml);
    let styles = styles.map(styles_xml);
    let mut parts: Vec<(&str, &[u8])> = vec![
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("word/document.xml", document.as_bytes()),
    ];
    if let Some(n) = &numbering {
        parts.push(("word/numbering.xml", n.as_bytes()));
    }
    if let Some(s) = &styles {
        parts.push(("word/styles.xml", s.as_bytes()));
    }
    zip_of(&parts)
}

/// A `word/document.xml` part whose body is `body`.
pub fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"#
    )
}

/// A `word/numbering.xml` part of the definitions `content`.
pub fn numbering_xml(content: &str) -> String {
    format!("<w:numbering {NAMESPACES}>{content}</w:numbering>")
}

/// A `word/styles.xml` part of the styles `content`.
pub fn styles_xml(content: &str) -> String {
    format!("<w:styles {NAMESPACES}>{content}</w:styles>")
}

/// A relationships part (`_rels/.rels`, `word/_rels/document.xml.rels`) of (type, target) pairs; the type is the
/// last segment of the relationship type (`officeDocument`, `styles`, `numbering`).
pub fn rels(relationships: &[(&str, &str)]) -> String {
    let entries: String = relationships
        .iter()
        .enumerate()
        .map(|(i, (kind, target))| {
            format!(
                r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#,
                i + 1
            )
        })
        .collect();
    format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{entries}</Relationships>"#
    )
}

/// A paragraph of plain runs.
pub fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A table cell of one paragraph, with its properties (`<w:gridSpan w:val="2"/>`, `<w:vMerge/>`).
pub fn tc(properties: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{properties}</w:tcPr>{}</w:tc>", p(text))
}

/// The text of position `n`'s rows, as the large files repeat them: a sasaran over three indicators each with
/// a formula and a source, five sasaran.
fn position_rows(n: usize) -> Vec<[String; 6]> {
    let mut rows = Vec::new();
    for s in 1..=5 {
        for i in 1..=3 {
            rows.push([
                format!("{}", (s - 1) * 3 + i),
                format!("Meningkatnya kualitas layanan {s} pada jabatan {n}"),
                format!("Persentase capaian indikator {s}.{i} jabatan {n}"),
                format!("Jumlah dokumen yang selesai dibagi jumlah dokumen yang direncanakan dikali 100 ({s}.{i})"),
                "100%".to_string(),
                format!("Laporan kinerja bulanan unit {n}"),
            ]);
        }
    }
    rows
}

/// The header row of an IKI table with every column the importer reads.
pub const IKI_HEADER: [&str; 6] = [
    "NO",
    "SASARAN KINERJA",
    "INDIKATOR KINERJA",
    "FORMULASI PERHITUNGAN",
    "TARGET",
    "SUMBER DATA",
];

/// A `.docx` of `positions` positions: per position its header items and a table of a header row and 15 rows
/// whose sasaran cells are merged vertically over their indicators.
pub fn large_docx(positions: usize) -> Vec<u8> {
    let mut body = String::new();
    for n in 1..=positions {
        body.push_str(&p(&format!("1. JABATAN : KEPALA SEKSI {n}")));
        body.push_str(&p("2. TUGAS : melaksanakan penyiapan bahan perumusan kebijakan"));
        body.push_str("<w:tbl><w:tblGrid>");
        body.push_str(&"<w:gridCol/>".repeat(6));
        body.push_str("</w:tblGrid><w:tr>");
        for text in IKI_HEADER {
            body.push_str(&tc("", text));
        }
        body.push_str("</w:tr>");
        for (index, row) in position_rows(n).iter().enumerate() {
            body.push_str("<w:tr>");
            for (column, text) in row.iter().enumerate() {
                let merge = match (column, index % 3) {
                    (1, 0) => r#"<w:vMerge w:val="restart"/>"#,
                    (1, _) => "<w:vMerge/>",
                    _ => "",
                };
                body.push_str(&tc(merge, if merge == "<w:vMerge/>" { "" } else { text }));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
        body.push_str(&p("NIP. 197308081998031001"));
    }
    docx(&body, None, None)
}

/// A `.xlsx` of `positions` positions on one sheet, the same rows as [`large_docx`], sasaran merged.
pub fn large_xlsx(positions: usize) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = Format::new();
    let mut row = 0u32;
    for n in 1..=positions {
        sheet
            .write_string(row, 0, format!("1. JABATAN : KEPALA SEKSI {n}"))
            .unwrap();
        row += 1;
        for (column, text) in IKI_HEADER.iter().enumerate() {
            sheet.write_string(row, column as u16, *text).unwrap();
        }
        row += 1;
        for (index, cells) in position_rows(n).iter().enumerate() {
            for (column, text) in cells.iter().enumerate() {
                if column == 1 && index % 3 == 0 {
                    sheet.merge_range(row, 1, row + 2, 1, text, &plain).unwrap();
                } else if column != 1 {
                    sheet.write_string(row, column as u16, text).unwrap();
                }
            }
            row += 1;
        }
        row += 1;
    }
    workbook.save_to_buffer().unwrap()
}

/// A one-sheet `.xlsx` written part by part: `data` is the sheet's `sheetData` content, `merges` its merged
/// ranges (`A1:B2`), for sheets no writer library would make (a range over the whole sheet).
pub fn xlsx_of(data: &str, merges: &[&str]) -> Vec<u8> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let package = "http://schemas.openxmlformats.org/package/2006/relationships";
    let merge_cells: String = merges.iter().map(|m| format!(r#"<mergeCell ref="{m}"/>"#)).collect();
    let sheet = format!(
        r#"<worksheet xmlns="{main}"><sheetData>{data}</sheetData><mergeCells count="{}">{merge_cells}</mergeCells></worksheet>"#,
        merges.len()
    );
    let workbook = format!(
        r#"<workbook xmlns="{main}" xmlns:r="{relationships}"><sheets><sheet name="Lembar1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let workbook_rels = format!(
        r#"<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    );
    let root_rels = format!(
        r#"<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    zip_of(&[
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// The bytes of a committed fixture under `tests/fixtures/office/`.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/office")
            .join(name),
    )
    .unwrap()
}
