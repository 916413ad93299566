//! The Word and Excel readers: the exact body (texts, merged flags, origins) of files built here from their XML
//! and of the hand-made files in `tests/fixtures/office/`, and a clear error for every kind of bad input.

#[path = "common/office.rs"]
mod office;

use ikilint::office::{Block, Body, Cell, Origin, Paragraph, Row, Table, docx, xlsx};
use office::{fixture, p, tc};

fn paragraph(text: &str, bold: bool, number: u32) -> Block {
    Block::Paragraph(Paragraph {
        text: text.to_string(),
        bold,
        origin: Origin {
            paragraph: Some(number),
            ..Origin::default()
        },
        numeric: false,
    })
}

fn at(table: u32, row: u32) -> Origin {
    Origin {
        table: Some(table),
        row: Some(row),
        ..Origin::default()
    }
}

fn cell(text: &str, merged: bool, origin: Origin) -> Cell {
    Cell {
        text: text.to_string(),
        merged,
        origin,
        numeric: false,
    }
}

fn texts(row: &Row) -> Vec<&str> {
    row.cells.iter().map(|c| c.text.as_str()).collect()
}

fn table(block: &Block) -> &Table {
    match block {
        Block::Table(t) => t,
        Block::Paragraph(p) => panic!("a paragraph where a table was expected: {p:?}"),
    }
}

#[test]
fn paragraphs_keep_tabs_and_breaks_and_are_numbered_in_the_body() {
    let body = [
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>INDIKATOR KINERJA </w:t></w:r><w:r><w:rPr><w:b w:val="true"/></w:rPr><w:t>INDIVIDU</w:t></w:r></w:p>"#,
        "<w:p/>",
        r#"<w:p><w:r><w:t>Nama</w:t><w:tab/><w:t>: Budi</w:t><w:br/><w:t>NIP</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>. 1973</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Kepala</w:t></w:r><w:r><w:t> </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Dinas &amp; Badan</w:t></w:r></w:p>"#,
    ]
    .concat();
    let read = docx::read(&office::docx(&body, None, None)).unwrap();
    assert_eq!(
        read,
        Body {
            blocks: vec![
                paragraph("INDIKATOR KINERJA INDIVIDU", true, 1),
                paragraph("Nama\t: Budi\nNIP. 1973", false, 3),
                // A run of spaces between bold runs does not make the paragraph less bold.
                paragraph("Kepala Dinas & Badan", true, 4),
            ],
            extracted: false,
        }
    );
}

const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
"#;

fn numbered(list: u32, level: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

#[test]
fn list_numbers_are_written_out_and_counted_per_list_and_level() {
    let body = [
        numbered(2, 0, "JABATAN : CAMAT"),
        numbered(1, 0, "TUGAS"),
        numbered(1, 1, "perumusan kebijakan"),
        numbered(1, 1, "pelaksanaan"),
        numbered(1, 2, "Renja"),
        numbered(1, 0, "FUNGSI"),
        numbered(1, 1, "koordinasi"),
        numbered(2, 0, "TUGAS"),
        numbered(2, 1, "rincian"),
        numbered(3, 0, "Renstra"),
        numbered(4, 0, "lanjutan"),
        numbered(0, 0, "tanpa nomor"),
    ]
    .concat();
    let read = docx::read(&office::docx(&body, Some(NUMBERING), None)).unwrap();
    let got: Vec<&str> = read
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.as_str(),
            Block::Table(_) => "table",
        })
        .collect();
    assert_eq!(
        got,
        [
            "I. JABATAN : CAMAT",
            "1. TUGAS",
            "a. perumusan kebijakan",
            "b. pelaksanaan",
            "• Renja",
            "2. FUNGSI",
            // A deeper level starts again under a new item of the level above.
            "a. koordinasi",
            "II. TUGAS",
            // Each counter in its own level's format, as Word writes it without "legal" numbering.
            "II.1) rincian",
            "- Renstra",
            "5. lanjutan",
            "tanpa nomor",
        ]
    );
}

#[test]
fn styles_give_bold_and_list_numbers() {
    let styles = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Judul"><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="JudulBernomor"><w:basedOn w:val="Judul"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Tebal"><w:rPr><w:b/></w:rPr></w:style>"#;
    let body = [
        r#"<w:p><w:pPr><w:pStyle w:val="Judul"/></w:pPr><w:r><w:t>RENCANA</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="JudulBernomor"/></w:pPr><w:r><w:t>JABATAN</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:rPr><w:rStyle w:val="Tebal"/></w:rPr><w:t>Budi</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Judul"/></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>biasa</w:t></w:r></w:p>"#,
    ]
    .concat();
    let read = docx::read(&office::docx(&body, Some(NUMBERING), Some(styles))).unwrap();
    assert_eq!(
        read.blocks,
        vec![
            paragraph("RENCANA", true, 1),
            paragraph("I. JABATAN", true, 2),
            paragraph("Budi", true, 3),
            paragraph("biasa", false, 4),
        ]
    );
}

#[test]
fn tracked_changes_are_accepted_and_comments_drawings_and_fallbacks_left_out() {
    let body = [
        r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Target </w:t></w:r><w:ins w:id="1"><w:r><w:t>100</w:t></w:r></w:ins>"#,
        r#"<w:del w:id="2"><w:r><w:delText>90</w:delText></w:r></w:del><w:moveFrom w:id="3"><w:r><w:t>lama</w:t></w:r></w:moveFrom>"#,
        r#"<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
        r#"<w:r><w:drawing><w:t>kotak teks</w:t></w:drawing></w:r>"#,
        r#"<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t> persen</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t> persen</w:t></w:r></mc:Fallback></mc:AlternateContent>"#,
        r#"<w:r><w:rPr><w:rPrChange w:id="4"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>.</w:t></w:r></w:p>"#,
        r#"<w:sdt><w:sdtPr><w:alias w:val="Nama"/></w:sdtPr><w:sdtContent>"#,
        &p("dalam kontrol isi"),
        "</w:sdtContent></w:sdt>",
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>3</w:t></w:r></w:p>"#,
    ]
    .concat();
    let read = docx::read(&office::docx(&body, None, None)).unwrap();
    assert_eq!(
        read.blocks,
        vec![
            paragraph("Target 100 persen.", false, 1),
            paragraph("dalam kontrol isi", false, 2),
            paragraph("3", false, 3),
        ]
    );
}

#[test]
fn the_document_and_its_styles_and_numbering_are_found_through_the_relationships() {
    // Word Online names the main part document2.xml; the package's relationships say so, and that part's own
    // relationships name its styles and numbering. A stale word/document.xml beside it is not the document.
    let styles = office::styles_xml(r#"<w:style w:type="paragraph" w:styleId="Judul"><w:rPr><w:b/></w:rPr></w:style>"#);
    let document = office::document_xml(
        &[
            r#"<w:p><w:pPr><w:pStyle w:val="Judul"/></w:pPr><w:r><w:t>INDIKATOR KINERJA INDIVIDU</w:t></w:r></w:p>"#
                .to_string(),
            numbered(2, 0, "JABATAN : CAMAT"),
        ]
        .concat(),
    );
    let root = office::rels(&[
        ("extended-properties", "docProps/app.xml"),
        ("officeDocument", "/word/document2.xml"),
    ]);
    let own = office::rels(&[("styles", "gaya.xml"), ("numbering", "../word/penomoran.xml")]);
    let numbering = office::numbering_xml(NUMBERING);
    let stale = office::document_xml(&p("lama"));
    let package = office::zip_of(&[
        ("_rels/.rels", root.as_bytes()),
        ("word/document.xml", stale.as_bytes()),
        ("word/document2.xml", document.as_bytes()),
        ("word/_rels/document2.xml.rels", own.as_bytes()),
        ("word/gaya.xml", styles.as_bytes()),
        ("word/penomoran.xml", numbering.as_bytes()),
    ]);
    assert_eq!(
        docx::read(&package).unwrap().blocks,
        vec![
            paragraph("INDIKATOR KINERJA INDIVIDU", true, 1),
            paragraph("I. JABATAN : CAMAT", false, 2),
        ]
    );
    // Without relationships, the usual names are read.
    let plain = office::zip_of(&[("word/document.xml", stale.as_bytes())]);
    assert_eq!(docx::read(&plain).unwrap().blocks, vec![paragraph("lama", false, 1)]);
    // Relationships naming a part the package does not have: no document.
    let dangling = office::zip_of(&[("_rels/.rels", root.as_bytes())]);
    assert_eq!(
        docx::read(&dangling).unwrap_err().reason,
        "common.reason-office-no-document"
    );
}

/// A text box as Word writes it: the DrawingML box for current readers, and the same text again in a VML box
/// for older ones.
fn text_box(paragraphs: &str) -> String {
    format!(
        r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:positionH><wp:posOffset>1270</wp:posOffset></wp:positionH><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
    )
}

#[test]
fn text_boxes_are_read_once_after_the_paragraph_they_are_anchored_in() {
    let body = [
        p("INDIKATOR KINERJA INDIVIDU"),
        format!(
            "<w:p><w:r><w:t>Jabatan : Camat</w:t></w:r>{}<w:r><w:t> Masama</w:t></w:r></w:p>",
            text_box(&[p("Tugas :"), p("- memimpin kecamatan")].concat())
        ),
        // A box in an empty paragraph, and an old VML box on its own.
        format!("<w:p>{}</w:p>", text_box(&p("Fungsi : -"))),
        format!(
            r#"<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#,
            p("Catatan")
        ),
        p("Penutup"),
    ]
    .concat();
    let read = docx::read(&office::docx(&body, None, None)).unwrap();
    assert_eq!(
        read.blocks,
        vec![
            paragraph("INDIKATOR KINERJA INDIVIDU", false, 1),
            paragraph("Jabatan : Camat Masama", false, 2),
            // A box's paragraphs are located at the paragraph the box is anchored in.
            paragraph("Tugas :", false, 2),
            paragraph("- memimpin kecamatan", false, 2),
            paragraph("Fungsi : -", false, 3),
            paragraph("Catatan", false, 4),
            paragraph("Penutup", false, 5),
        ]
    );
}

#[test]
fn content_controls_give_their_content_but_not_a_placeholder_prompt() {
    let control = |properties: &str, content: &str| {
        format!("<w:sdt><w:sdtPr>{properties}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>")
    };
    let body = [
        control(
            r#"<w:alias w:val="Jabatan"/><w:tag w:val="jabatan"/>"#,
            &p("Jabatan : Camat"),
        ),
        // A control inside a paragraph, and one around a whole table row's cell.
        format!(
            "<w:p><w:r><w:t>Unit : </w:t></w:r>{}</w:p>",
            control(r#"<w:rPr><w:b/></w:rPr>"#, "<w:r><w:t>Kecamatan Masama</w:t></w:r>")
        ),
        control(
            "<w:showingPlcHdr/>",
            &p("Klik atau ketuk di sini untuk memasukkan teks."),
        ),
        control(r#"<w:showingPlcHdr w:val="0"/>"#, &p("Tahun 2024")),
        "<w:tbl><w:tr>".to_string(),
        control("", &tc("", "Sasaran")),
        tc("", "Indikator"),
        "</w:tr></w:tbl>".to_string(),
    ]
    .concat();
    let read = docx::read(&office::docx(&body, None, None)).unwrap();
    assert_eq!(
        read.blocks[..3],
        [
            paragraph("Jabatan : Camat", false, 1),
            paragraph("Unit : Kecamatan Masama", false, 2),
            // The prompt of an empty control is not text of the document (its paragraph is still counted).
            paragraph("Tahun 2024", false, 4),
        ]
    );
    assert_eq!(texts(&table(&read.blocks[3]).rows[0]), ["Sasaran", "Indikator"]);
}

#[test]
fn merged_cells_are_resolved_onto_every_grid_column() {
    let body = [
        &p("Tabel:") as &str,
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"#,
        "<w:tr>",
        &tc("", "No"),
        &tc(r#"<w:gridSpan w:val="2"/>"#, "Sasaran dan Indikator"),
        &tc("", "Sumber"),
        "</w:tr><w:tr>",
        &tc("", "1"),
        &tc(r#"<w:vMerge w:val="restart"/>"#, "Sasaran A"),
        &tc("", "Indikator 1"),
        &tc("", "Laporan"),
        "</w:tr><w:tr>",
        &tc("", "2"),
        &tc("<w:vMerge/>", ""),
        r#"<w:tc><w:p><w:r><w:t>Indikator 2</w:t><w:br/><w:t>baris dua</w:t></w:r></w:p><w:p><w:r><w:t>paragraf dua</w:t></w:r></w:p></w:tc>"#,
        &tc("", "Laporan"),
        "</w:tr>",
        r#"<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>"#,
        &tc(r#"<w:gridSpan w:val="2"/>"#, "Jumlah"),
        "</w:tr></w:tbl>",
        &p("Sesudah"),
    ]
    .concat();
    let read = docx::read(&office::docx(&body, None, None)).unwrap();
    let rows = vec![
        Row {
            cells: vec![
                cell("No", false, at(1, 1)),
                cell("Sasaran dan Indikator", false, at(1, 1)),
                cell("Sasaran dan Indikator", true, at(1, 1)),
                cell("Sumber", false, at(1, 1)),
            ],
        },
        Row {
            cells: vec![
                cell("1", false, at(1, 2)),
                cell("Sasaran A", false, at(1, 2)),
                cell("Indikator 1", false, at(1, 2)),
                cell("Laporan", false, at(1, 2)),
            ],
        },
        Row {
            cells: vec![
                cell("2", false, at(1, 3)),
                cell("Sasaran A", true, at(1, 2)),
                cell("Indikator 2\nbaris dua\nparagraf dua", false, at(1, 3)),
                cell("Laporan", false, at(1, 3)),
            ],
        },
        Row {
            cells: vec![
                cell("", false, at(1, 4)),
                cell("Jumlah", false, at(1, 4)),
                cell("Jumlah", true, at(1, 4)),
                cell("", false, at(1, 4)),
            ],
        },
    ];
    assert_eq!(
        read.blocks,
        vec![
            paragraph("Tabel:", false, 1),
            Block::Table(Table {
                rows,
                origin: Origin {
                    table: Some(1),
                    ..Origin::default()
                },
            }),
            // Paragraphs inside the table are not counted as body paragraphs.
            paragraph("Sesudah", false, 2),
        ]
    );
}

#[test]
fn a_nested_table_is_folded_into_its_cell_and_not_counted() {
    let body = [
        "<w:tbl><w:tr>",
        "<w:tc>",
        &p("Luar"),
        "<w:tbl><w:tr>",
        &tc("", "a"),
        &tc("", "b"),
        "</w:tr><w:tr>",
        &tc("", "c"),
        "</w:tr></w:tbl></w:tc>",
        &tc("", "Kanan"),
        "</w:tr></w:tbl><w:tbl><w:tr>",
        &tc("", "Kedua"),
        "</w:tr></w:tbl>",
    ]
    .concat();
    let read = docx::read(&office::docx(&body, None, None)).unwrap();
    assert_eq!(read.blocks.len(), 2);
    let first = table(&read.blocks[0]);
    assert_eq!(texts(&first.rows[0]), ["Luar\na\tb\nc", "Kanan"]);
    // The row of the nested table is padded to the grid: one row of two columns.
    assert_eq!(first.rows.len(), 1);
    assert_eq!(table(&read.blocks[1]).origin.table, Some(2));
    assert_eq!(table(&read.blocks[1]).rows[0].cells[0].origin, at(2, 1));
}

#[test]
fn bad_office_files_are_each_a_clear_reason() {
    let reason = |result: Result<Body, ikilint::office::ReadError>| result.unwrap_err().reason;
    assert_eq!(reason(docx::read(b"INDIKATOR KINERJA")), "common.reason-office-not-zip");
    assert_eq!(reason(xlsx::read(b"")), "common.reason-office-not-zip");
    let only_styles = office::zip_of(&[("word/styles.xml", b"<w:styles/>")]);
    assert_eq!(reason(docx::read(&only_styles)), "common.reason-office-no-document");
    assert_eq!(reason(xlsx::read(&only_styles)), "common.reason-office-no-workbook");
    let broken = office::docx("<w:p><w:r><w:t>tidak ditutup</w:r></w:p>", None, None);
    let error = docx::read(&broken).unwrap_err();
    assert_eq!(error.reason, "common.reason-office-corrupt-xml");
    assert_eq!(error.part.as_deref(), Some("word/document.xml"));
    assert!(
        error
            .message()
            .render(ikilint::i18n::Lang::En)
            .contains("`word/document.xml`")
    );
    let deep = office::docx(&"<w:sdt><w:sdtContent>".repeat(300), None, None);
    assert_eq!(reason(docx::read(&deep)), "common.reason-office-too-deep");
    let broken_numbering = office::zip_of(&[
        ("word/document.xml", b"<w:document/>"),
        ("word/numbering.xml", b"<w:numbering><w:num>"),
    ]);
    assert_eq!(
        docx::read(&broken_numbering).unwrap_err().part.as_deref(),
        Some("word/numbering.xml")
    );
}

#[test]
fn committed_bad_files_are_refused_with_their_reason() {
    let reason = |name: &str, read: fn(&[u8]) -> Result<Body, ikilint::office::ReadError>| {
        read(&fixture(name)).unwrap_err().reason
    };
    assert_eq!(reason("renamed-doc.docx", docx::read), "common.reason-office-ole");
    assert_eq!(reason("renamed-xls.xlsx", xlsx::read), "common.reason-office-ole");
    assert_eq!(reason("corrupt-zip.docx", docx::read), "common.reason-office-corrupt");
    assert_eq!(reason("zip-bomb.docx", docx::read), "common.reason-office-too-large");
    assert_eq!(reason("zip-bomb.xlsx", xlsx::read), "common.reason-office-too-large");
}

fn row_of(cells: &[(&str, bool, Origin)]) -> Row {
    Row {
        cells: cells.iter().map(|(t, m, o)| cell(t, *m, o.clone())).collect(),
    }
}

fn word_table(number: u32, rows: Vec<Row>) -> Block {
    Block::Table(Table {
        rows,
        origin: Origin {
            table: Some(number),
            ..Origin::default()
        },
    })
}

fn header_row(row: u32) -> Row {
    let o = at(1, row);
    row_of(&[
        ("NO", false, o.clone()),
        ("SASARAN", false, o.clone()),
        ("INDIKATOR KINERJA", false, o.clone()),
        ("FORMULASI PERHITUNGAN", false, o.clone()),
        ("SUMBER DATA", false, o),
    ])
}

#[test]
fn fixture_with_both_kinds_of_merge() {
    let read = docx::read(&fixture("merged-cells.docx")).unwrap();
    let (r1, r2, r3, r4) = (at(1, 1), at(1, 2), at(1, 3), at(1, 4));
    assert_eq!(
        read.blocks,
        vec![
            paragraph("INDIKATOR KINERJA INDIVIDU", true, 1),
            word_table(
                1,
                vec![
                    row_of(&[
                        ("NO", false, r1.clone()),
                        ("SASARAN", false, r1.clone()),
                        ("INDIKATOR", false, r1.clone()),
                        ("INDIKATOR", true, r1.clone()),
                    ]),
                    row_of(&[
                        ("NO", true, r1.clone()),
                        ("SASARAN", true, r1.clone()),
                        ("KINERJA", false, r2.clone()),
                        ("FORMULASI", false, r2.clone()),
                    ]),
                    row_of(&[
                        ("1", false, r3.clone()),
                        ("Meningkatnya pelayanan", false, r3.clone()),
                        ("Indeks kepuasan", false, r3.clone()),
                        ("Nilai survei", false, r3.clone()),
                    ]),
                    row_of(&[
                        ("2", false, r4.clone()),
                        ("Meningkatnya pelayanan", true, r3.clone()),
                        ("Persentase aduan selesai", false, r4.clone()),
                        ("Aduan selesai / aduan x 100", false, r4.clone()),
                    ]),
                ]
            ),
        ]
    );
}

#[test]
fn fixture_with_a_lost_column_is_padded_to_the_grid() {
    let read = docx::read(&fixture("lost-column.docx")).unwrap();
    let o = at(1, 2);
    assert_eq!(
        read.blocks,
        vec![word_table(
            1,
            vec![
                header_row(1),
                row_of(&[
                    ("1", false, o.clone()),
                    ("Tersusunnya laporan", false, o.clone()),
                    ("Jumlah laporan", false, o.clone()),
                    ("Jumlah laporan yang disusun", false, o.clone()),
                    ("", false, o),
                ]),
            ]
        )]
    );
}

#[test]
fn fixture_with_two_positions_in_one_table() {
    let read = docx::read(&fixture("two-positions.docx")).unwrap();
    assert_eq!(read.blocks.len(), 1);
    let rows = &table(&read.blocks[0]).rows;
    assert_eq!(rows.len(), 6);
    let spanning = |row: u32, text: &str| {
        let o = at(1, row);
        let mut cells = vec![(text, false, o.clone())];
        cells.extend(std::iter::repeat_n((text, true, o), 4));
        row_of(&cells)
    };
    assert_eq!(rows[0], spanning(1, "JABATAN : KEPALA SUBBAGIAN UMUM"));
    assert_eq!(rows[1], header_row(2));
    assert_eq!(
        texts(&rows[2]),
        [
            "1",
            "Tertibnya administrasi",
            "Persentase surat diproses",
            "Surat diproses / surat masuk",
            "Agenda"
        ]
    );
    assert_eq!(rows[3], spanning(4, "JABATAN : KEPALA SUBBAGIAN KEUANGAN"));
    assert_eq!(texts(&rows[5])[2], "Opini BPK");
}

#[test]
fn fixture_with_a_table_split_over_pages_gives_two_numbered_tables() {
    let read = docx::read(&fixture("split-table.docx")).unwrap();
    assert_eq!(read.blocks.len(), 2, "the page break paragraph has no text");
    for (index, block) in read.blocks.iter().enumerate() {
        let number = index as u32 + 1;
        let t = table(block);
        assert_eq!(t.origin.table, Some(number));
        assert_eq!(texts(&t.rows[0]), texts(&header_row(1)));
        assert_eq!(t.rows[1].cells[0].origin, at(number, 2));
    }
    assert_eq!(texts(&table(&read.blocks[1]).rows[1])[1], "Sasaran dua");
}

#[test]
fn fixture_with_a_cover_letter_before_the_iki() {
    let read = docx::read(&fixture("cover-letter.docx")).unwrap();
    let paragraphs: Vec<Block> = read.blocks[..read.blocks.len() - 1].to_vec();
    assert_eq!(
        paragraphs,
        vec![
            paragraph("Kepada Yth.", false, 1),
            paragraph("Kepala Badan Kepegawaian Daerah", false, 2),
            paragraph(
                "Dengan hormat, bersama ini kami sampaikan Indikator Kinerja Individu tahun 2024.",
                false,
                3
            ),
            paragraph("Hormat kami,", false, 4),
            paragraph("INDIKATOR KINERJA INDIVIDU", true, 6),
            paragraph("1. JABATAN : CAMAT", false, 7),
            paragraph("2. TUGAS : memimpin kecamatan", false, 8),
            paragraph("3. FUNGSI :", false, 9),
            paragraph("a. perumusan kebijakan", false, 10),
        ]
    );
    assert_eq!(
        texts(&table(read.blocks.last().unwrap()).rows[1])[1],
        "Meningkatnya pelayanan"
    );
}

fn sheet_cell(sheet: &str, reference: &str, row: u32) -> Origin {
    Origin {
        sheet: Some(sheet.to_string().into()),
        cell: ikilint::office::CellRef::parse(reference),
        row: Some(row),
        ..Origin::default()
    }
}

#[test]
fn fixture_workbook_with_an_nip_stored_as_a_number() {
    let read = xlsx::read(&fixture("nip-number.xlsx")).unwrap();
    let sheet = "IKI Camat";
    let o = |r: &str, row| sheet_cell(sheet, r, row);
    let value = |text: &str, merged, origin, numeric| Cell {
        text: text.to_string(),
        merged,
        origin,
        numeric,
    };
    let expected = vec![
        // A1:D1 is merged: the row shows one area, so it is a paragraph.
        Block::Paragraph(Paragraph {
            text: "INDIKATOR KINERJA INDIVIDU".to_string(),
            bold: true,
            origin: o("A1", 1),
            numeric: false,
        }),
        Block::Table(Table {
            rows: vec![Row {
                cells: vec![
                    value("NIP", false, o("A2", 2), false),
                    value("1.97308E+17", false, o("B2", 2), true),
                ],
            }],
            origin: Origin {
                sheet: Some(sheet.to_string().into()),
                ..Origin::default()
            },
        }),
        Block::Table(Table {
            rows: vec![
                Row {
                    cells: vec![
                        value("NO", false, o("A4", 4), false),
                        value("SASARAN", false, o("B4", 4), false),
                        value("INDIKATOR", false, o("C4", 4), false),
                        value("TARGET", false, o("D4", 4), false),
                    ],
                },
                Row {
                    cells: vec![
                        value("1", false, o("A5", 5), true),
                        value("Meningkatnya pelayanan", false, o("B5", 5), false),
                        value("Indeks kepuasan", false, o("C5", 5), false),
                        value("85%", false, o("D5", 5), true),
                    ],
                },
                Row {
                    cells: vec![
                        value("2", false, o("A6", 6), true),
                        value("Meningkatnya pelayanan", true, o("B5", 5), false),
                        value("Aduan selesai", false, o("C6", 6), false),
                        value("100%", false, o("D6", 6), true),
                    ],
                },
            ],
            origin: Origin {
                sheet: Some(sheet.to_string().into()),
                ..Origin::default()
            },
        }),
        Block::Table(Table {
            rows: vec![Row {
                cells: vec![
                    value("Tanggal", false, o("A8", 8), false),
                    value("2 Januari 2024", false, o("B8", 8), true),
                ],
            }],
            origin: Origin {
                sheet: Some(sheet.to_string().into()),
                ..Origin::default()
            },
        }),
    ];
    assert_eq!(read.blocks, expected);
}

#[test]
fn an_empty_workbook_is_an_empty_body() {
    assert_eq!(xlsx::read(&fixture("empty-workbook.xlsx")).unwrap(), Body::default());
}

#[test]
fn numbers_read_as_their_format_shows_them() {
    use rust_xlsxwriter::{Format, Workbook};
    // (value, format, as shown): fixed decimals, thousands and percent with the decimal comma of an Indonesian
    // Excel, the decimal point where the format names a locale that writes it.
    let cases: [(f64, &str, &str); 8] = [
        (76.5, "0.00", "76,50"),
        (1234.5, "#,##0.00", "1.234,50"),
        (0.875, "0.0%", "87,5%"),
        (3.0, "0", "3"),
        (76.5, "[$-409]0.00", "76.50"),
        (1234.5, "[$-421]#,##0.00", "1.234,50"),
        (2500000.0, "\"Rp \"#,##0", "Rp 2.500.000"),
        (76.5, "General", "76.5"),
    ];
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, (value, code, _)) in cases.iter().enumerate() {
        sheet.write_string(row as u32, 0, *code).unwrap();
        let format = Format::new().set_num_format(*code);
        sheet.write_number_with_format(row as u32, 1, *value, &format).unwrap();
    }
    let read = xlsx::read(&workbook.save_to_buffer().unwrap()).unwrap();
    let rows = &table(&read.blocks[0]).rows;
    for (row, (_, code, shown)) in cases.iter().enumerate() {
        let cell = &rows[row].cells[1];
        assert_eq!((cell.text.as_str(), cell.numeric), (*shown, true), "{code}");
    }
}
