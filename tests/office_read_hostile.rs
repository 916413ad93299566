//! Whatever bytes an office file holds, the readers finish with a body or a reason, never a panic: real
//! fixtures with bytes changed at random (stored uncompressed, so the changes reach the XML itself), and large
//! generated files read whole.

#[path = "common/office.rs"]
mod office;

use ikilint::office::{Block, Format, docx, import, xlsx};
use office::fixture;
use proptest::prelude::*;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;

/// The same package with every part stored uncompressed.
fn stored(bytes: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        writer.start_file(file.name().unwrap().to_string(), options).unwrap();
        writer.write_all(&content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn mutated(mut bytes: Vec<u8>, edits: &[(prop::sample::Index, u8)]) -> Vec<u8> {
    for (at, byte) in edits {
        let index = at.index(bytes.len());
        bytes[index] = *byte;
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_changed_word_file_is_read_or_refused(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        for name in ["merged-cells.docx", "cover-letter.docx"] {
            let _ = docx::read(&mutated(stored(&fixture(name)), &edits));
            let _ = docx::read(&mutated(fixture(name), &edits));
        }
    }

    #[test]
    fn a_changed_excel_file_is_read_or_refused(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let _ = xlsx::read(&mutated(stored(&fixture("nip-number.xlsx")), &edits));
        let _ = xlsx::read(&mutated(fixture("nip-number.xlsx"), &edits));
    }

    #[test]
    fn any_xml_in_the_body_is_read_or_refused(body in "(<w:(p|r|t|tc|tr|tbl|sdt|del|ins|br|tab)( w:val=\"(restart|3|0)\")?/?>|</w:(p|r|t|tc|tr|tbl|sdt|del|ins)>|<w:(gridSpan|vMerge|gridBefore|numId|ilvl) w:val=\"[0-9]{1,4}\"/>|[a-z &;#]){0,60}") {
        let _ = docx::read(&office::docx(&body, None, None));
    }
}

#[test]
fn a_hostile_span_or_merge_is_cut_not_allocated() {
    let body = r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="4000000000"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    let read = docx::read(&office::docx(body, None, None)).unwrap();
    let Block::Table(table) = &read.blocks[0] else {
        panic!("a table")
    };
    assert_eq!(table.rows[0].cells.len(), 1024);

    let data = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>seluruh lembar</t></is></c></row><row r="6"><c r="B6" t="inlineStr"><is><t>tertutup</t></is></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>ujung</t></is></c></row>"#;
    let read = xlsx::read(&office::xlsx_of(data, &["A1:XFD1048576"])).unwrap();
    // The range hides the cells under it: its text once, as a paragraph; the million rows it covers are not
    // walked through one by one.
    assert_eq!(read.blocks.len(), 1, "{read:?}");
    let Block::Paragraph(only) = &read.blocks[0] else {
        panic!("a paragraph")
    };
    assert_eq!(only.text, "seluruh lembar");
}

#[test]
fn generated_files_of_many_positions_are_read_whole() {
    let positions = 200;
    let read = docx::read(&office::large_docx(positions)).unwrap();
    let tables: Vec<_> = read.blocks.iter().filter(|b| matches!(b, Block::Table(_))).collect();
    assert_eq!(tables.len(), positions);
    assert_eq!(read.blocks.len(), positions * 4);
    let Block::Table(last) = tables[positions - 1] else {
        unreachable!()
    };
    assert_eq!(last.rows.len(), 16);
    assert_eq!(
        last.rows[3].cells[1].text,
        format!("Meningkatnya kualitas layanan 1 pada jabatan {positions}")
    );
    assert!(last.rows[3].cells[1].merged);

    let read = xlsx::read(&office::large_xlsx(positions)).unwrap();
    assert_eq!(read.blocks.len(), positions * 2);
    let Block::Table(last) = &read.blocks[positions * 2 - 1] else {
        panic!("a table")
    };
    assert_eq!(last.rows.len(), 16);
    assert_eq!(
        last.rows[2].cells[1].text,
        format!("Meningkatnya kualitas layanan 1 pada jabatan {positions}")
    );
    assert!(last.rows[2].cells[1].merged);

    // They are IKI documents: every position is found with its table.
    for (format, bytes) in [
        (Format::Docx, office::large_docx(positions)),
        (Format::Xlsx, office::large_xlsx(positions)),
    ] {
        let imported = import(format, "besar", &bytes).unwrap();
        assert_eq!(imported.positions, positions, "{format:?}");
        assert_eq!(
            imported.yaml.matches("- uraian: \"Persentase capaian").count(),
            positions * 15
        );
    }
}

#[test]
fn a_sheet_whose_cells_are_out_of_order_reads_as_in_order_and_a_range_stops_at_the_last_filled_column() {
    let cell = |at: &str, text: &str| format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#);
    let row = |n: u32, cells: &[String]| format!(r#"<row r="{n}">{}</row>"#, cells.concat());
    let title = row(1, &[cell("A1", "JUDUL")]);
    let header = row(2, &[cell("A2", "Sasaran"), cell("B2", "Indikator")]);
    let values = row(3, &[cell("A3", "satu"), cell("B3", "dua")]);
    let ordered = [title.clone(), header.clone(), values].concat();
    // Row 3 first, its B3 written again later: the last one wins.
    let unordered = [
        row(3, &[cell("B3", "lama"), cell("A3", "satu")]),
        title,
        header,
        row(3, &[cell("B3", "dua")]),
    ]
    .concat();
    // B3 merged over C3:D3, past the last filled column (B): the table stays two columns wide.
    let merges = ["B3:D3"];
    let read = xlsx::read(&office::xlsx_of(&ordered, &merges)).unwrap();
    assert_eq!(xlsx::read(&office::xlsx_of(&unordered, &merges)).unwrap(), read);
    let Block::Table(table) = &read.blocks[1] else {
        panic!("a table: {read:?}")
    };
    let texts: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(texts, [["Sasaran", "Indikator"], ["satu", "dua"]]);
}
