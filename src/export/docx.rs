//! The printed IKI as a Word document: a zip of WordprocessingML parts written with quick-xml's writer. A4
//! landscape (the table has five to seven columns of prose), Times New Roman, one page run per position, the
//! indicator table with full borders and its header row repeated on every page, the sasaran and NO cells merged
//! down their indicators (`w:vMerge`), and the signature block as a borderless two-column table.

use super::layout::{Column, Group, Printed, Section, Signature, SignerLines};
use super::printable;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::{Cursor, Write};

/// A4 landscape in twentieths of a point, with 2 cm margins.
const PAGE_WIDTH: u32 = 16_838;
const PAGE_HEIGHT: u32 = 11_906;
const MARGIN: u32 = 1_134;
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;
/// Half-points: 11 pt inside the tables (the 12 pt of the rest is the default in styles.xml).
const TABLE_SIZE: &str = "22";

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="id-ID"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// The `.docx` file of `printed`.
pub fn write(printed: &Printed) -> std::io::Result<Vec<u8>> {
    package(&document_xml(printed)?)
}

/// The `.docx` package around `document` (the `word/document.xml` part).
fn package(document: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date (the zip format's epoch) makes the same YAML give the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts: [(&str, &[u8]); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

/// A run's look.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    underline: bool,
    size: Option<&'static str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
}

/// A paragraph's place: its alignment, indent and whether a new page starts with it.
#[derive(Clone, Copy)]
struct Place {
    align: Align,
    /// The hanging indent in twips: the first line starts that far in, the next lines twice as far, after the
    /// number of a list entry.
    hanging: Option<u32>,
    page_break_before: bool,
    space_after: u32,
}

impl Place {
    const PLAIN: Place = Place {
        align: Align::Left,
        hanging: None,
        page_break_before: false,
        space_after: 0,
    };
    const CENTER: Place = Place {
        align: Align::Center,
        ..Place::PLAIN
    };
}

struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> std::io::Result<()> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.writer.write_event(Event::Start(start))
    }

    fn close(&mut self, name: &str) -> std::io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> std::io::Result<()> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.writer.write_event(Event::Empty(start))
    }

    fn text(&mut self, text: &str) -> std::io::Result<()> {
        self.writer.write_event(Event::Text(BytesText::new(text)))
    }

    /// A paragraph of `text`; a line break in it is a `w:br`, a tab a `w:tab`.
    fn paragraph(&mut self, text: &str, look: Look, place: Place) -> std::io::Result<()> {
        self.open("w:p", &[])?;
        self.open("w:pPr", &[])?;
        if place.page_break_before {
            self.empty("w:pageBreakBefore", &[])?;
        }
        let after = place.space_after.to_string();
        self.empty("w:spacing", &[("w:after", &after)])?;
        if let Some(hanging) = place.hanging {
            let left = (2 * hanging).to_string();
            let hanging = hanging.to_string();
            self.empty("w:ind", &[("w:left", &left), ("w:hanging", &hanging)])?;
        }
        if place.align == Align::Center {
            self.empty("w:jc", &[("w:val", "center")])?;
        }
        self.close("w:pPr")?;
        if !text.is_empty() {
            self.run(text, look)?;
        }
        self.close("w:p")
    }

    fn run(&mut self, text: &str, look: Look) -> std::io::Result<()> {
        self.open("w:r", &[])?;
        if look.bold || look.underline || look.size.is_some() {
            self.open("w:rPr", &[])?;
            // In the order the schema gives (b, sz, szCs, u): Word refuses a file whose run properties are not.
            if look.bold {
                self.empty("w:b", &[])?;
            }
            if let Some(size) = look.size {
                self.empty("w:sz", &[("w:val", size)])?;
                self.empty("w:szCs", &[("w:val", size)])?;
            }
            if look.underline {
                self.empty("w:u", &[("w:val", "single")])?;
            }
            self.close("w:rPr")?;
        }
        let text = printable(text);
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                self.empty("w:br", &[])?;
            }
            for (index, piece) in line.split('\t').enumerate() {
                if index > 0 {
                    self.empty("w:tab", &[])?;
                }
                if !piece.is_empty() {
                    self.open("w:t", &[("xml:space", "preserve")])?;
                    self.text(piece)?;
                    self.close("w:t")?;
                }
            }
        }
        self.close("w:r")
    }
}

fn document_xml(printed: &Printed) -> std::io::Result<Vec<u8>> {
    let mut xml = Xml::start()?;
    for (index, section) in printed.sections.iter().enumerate() {
        write_section(&mut xml, printed, section, index > 0)?;
    }
    xml.finish()
}

impl Xml {
    /// A document opened up to its body.
    fn start() -> std::io::Result<Xml> {
        let mut xml = Xml {
            writer: Writer::new(Vec::new()),
        };
        xml.writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
        xml.open("w:document", &[("xmlns:w", W_NS)])?;
        xml.open("w:body", &[])?;
        Ok(xml)
    }

    /// The page set-up (A4 landscape) and the closing tags.
    fn finish(mut self) -> std::io::Result<Vec<u8>> {
        let xml = &mut self;
        let (width, height, margin) = (PAGE_WIDTH.to_string(), PAGE_HEIGHT.to_string(), MARGIN.to_string());
        xml.open("w:sectPr", &[])?;
        xml.empty(
            "w:pgSz",
            &[("w:w", &width), ("w:h", &height), ("w:orient", "landscape")],
        )?;
        xml.empty(
            "w:pgMar",
            &[
                ("w:top", &margin),
                ("w:right", &margin),
                ("w:bottom", &margin),
                ("w:left", &margin),
                ("w:header", "709"),
                ("w:footer", "709"),
                ("w:gutter", "0"),
            ],
        )?;
        xml.close("w:sectPr")?;
        xml.close("w:body")?;
        xml.close("w:document")?;
        Ok(self.writer.into_inner())
    }
}

/// The `.docx` file of an SKP's print ([`super::skp::pieces`]): headings centred, tables with their merged cells
/// (`gridSpan` across, `vMerge` down), the grid's width shared equally by its columns.
pub fn write_skp(pieces: &[super::skp::Piece]) -> std::io::Result<Vec<u8>> {
    use super::skp::Piece;
    let mut xml = Xml::start()?;
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    for piece in pieces {
        match piece {
            Piece::Heading(text) => xml.paragraph(text, bold, Place::CENTER)?,
            Piece::Line(text) => xml.paragraph(text, Look::default(), Place::PLAIN)?,
            Piece::Table { rows, bordered } => {
                let columns = rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.span).sum::<usize>())
                    .max()
                    .unwrap_or(1)
                    .max(1);
                let widths = vec![TEXT_WIDTH / columns as u32; columns];
                xml.open("w:tbl", &[])?;
                table_properties(&mut xml, widths.iter().sum(), if *bordered { "single" } else { "nil" })?;
                grid(&mut xml, &widths)?;
                for row in rows {
                    xml.open("w:tr", &[])?;
                    let mut at = 0;
                    for c in row {
                        let end = (at + c.span).min(columns);
                        let width = widths[at.min(columns)..end].iter().sum();
                        let merge = match (c.covered, c.down > 1) {
                            (true, _) => Merge::Continue,
                            (false, true) => Merge::Restart,
                            (false, false) => Merge::None,
                        };
                        let lines: Vec<String> = c.text.lines().map(str::to_string).collect();
                        let look = if c.bold { bold } else { Look::default() };
                        cell_spanning(&mut xml, width, c.span, merge, &lines, look, Align::Left)?;
                        at = end;
                    }
                    xml.close("w:tr")?;
                }
                xml.close("w:tbl")?;
                // Two tables in a row would read as one: an empty paragraph keeps them apart, as Word does.
                xml.paragraph("", Look::default(), Place::PLAIN)?;
            }
        }
    }
    package(&xml.finish()?)
}

fn write_section(xml: &mut Xml, printed: &Printed, section: &Section, new_page: bool) -> std::io::Result<()> {
    let heading = Look {
        bold: true,
        ..Look::default()
    };
    // One paragraph, its lines broken: a reader takes the title, unit and year as one heading.
    let first = Place {
        page_break_before: new_page,
        space_after: 240,
        ..Place::CENTER
    };
    xml.paragraph(&printed.heading, heading, first)?;
    for item in &section.items {
        xml.paragraph(&item.line(), Look::default(), Place::PLAIN)?;
        // A list entry's lines align after its number.
        let indented = Place {
            hanging: Some(227),
            ..Place::PLAIN
        };
        for entry in item.entries() {
            xml.paragraph(&entry, Look::default(), indented)?;
        }
    }
    xml.paragraph("", Look::default(), Place::PLAIN)?;
    write_table(xml, section)?;
    match &section.signature {
        Some(signature) => {
            xml.paragraph("", Look::default(), Place::PLAIN)?;
            write_signature(xml, signature)
        }
        None => Ok(()),
    }
}

/// Each column's width in twips: the text width shared by the columns' weights.
fn widths(columns: &[Column]) -> Vec<u32> {
    let total: u32 = columns.iter().map(|c| c.weight()).sum();
    columns.iter().map(|c| TEXT_WIDTH * c.weight() / total.max(1)).collect()
}

fn table_properties(xml: &mut Xml, width: u32, border: &str) -> std::io::Result<()> {
    let width = width.to_string();
    xml.open("w:tblPr", &[])?;
    xml.empty("w:tblW", &[("w:w", &width), ("w:type", "dxa")])?;
    xml.open("w:tblBorders", &[])?;
    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        if border == "nil" {
            xml.empty(side, &[("w:val", "nil")])?;
        } else {
            xml.empty(
                side,
                &[
                    ("w:val", border),
                    ("w:sz", "4"),
                    ("w:space", "0"),
                    ("w:color", "000000"),
                ],
            )?;
        }
    }
    xml.close("w:tblBorders")?;
    xml.empty("w:tblLayout", &[("w:type", "fixed")])?;
    xml.close("w:tblPr")
}

fn grid(xml: &mut Xml, widths: &[u32]) -> std::io::Result<()> {
    xml.open("w:tblGrid", &[])?;
    for width in widths {
        xml.empty("w:gridCol", &[("w:w", &width.to_string())])?;
    }
    xml.close("w:tblGrid")
}

/// How a cell takes part in a vertical merge.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

/// One table cell: its paragraphs are `lines` (a continued merge cell holds one empty paragraph, as Word writes it).
fn cell(xml: &mut Xml, width: u32, merge: Merge, lines: &[String], look: Look, align: Align) -> std::io::Result<()> {
    cell_spanning(xml, width, 1, merge, lines, look, align)
}

/// A table cell over `span` grid columns (a heading row across the table).
fn cell_spanning(
    xml: &mut Xml,
    width: u32,
    span: usize,
    merge: Merge,
    lines: &[String],
    look: Look,
    align: Align,
) -> std::io::Result<()> {
    xml.open("w:tc", &[])?;
    xml.open("w:tcPr", &[])?;
    xml.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")])?;
    if span > 1 {
        xml.empty("w:gridSpan", &[("w:val", &span.to_string())])?;
    }
    match merge {
        Merge::Restart => xml.empty("w:vMerge", &[("w:val", "restart")])?,
        Merge::Continue => xml.empty("w:vMerge", &[])?,
        Merge::None => {}
    }
    xml.close("w:tcPr")?;
    let place = Place { align, ..Place::PLAIN };
    let look = Look {
        size: Some(TABLE_SIZE),
        ..look
    };
    if lines.is_empty() || merge == Merge::Continue {
        xml.paragraph("", look, place)?;
    } else {
        for line in lines {
            xml.paragraph(line, look, place)?;
        }
    }
    xml.close("w:tc")
}

fn write_table(xml: &mut Xml, section: &Section) -> std::io::Result<()> {
    let widths = widths(&section.columns);
    xml.open("w:tbl", &[])?;
    table_properties(xml, widths.iter().sum(), "single")?;
    grid(xml, &widths)?;
    // The header row repeats at the top of every page the table runs onto.
    xml.open("w:tr", &[])?;
    xml.open("w:trPr", &[])?;
    xml.empty("w:tblHeader", &[])?;
    xml.close("w:trPr")?;
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    for (column, width) in section.columns.iter().zip(&widths) {
        cell(
            xml,
            *width,
            Merge::None,
            &[column.header().to_string()],
            bold,
            Align::Center,
        )?;
    }
    xml.close("w:tr")?;
    for group in &section.groups {
        write_group(xml, group, &widths)?;
    }
    xml.close("w:tbl")
}

fn write_group(xml: &mut Xml, group: &Group, widths: &[u32]) -> std::io::Result<()> {
    let merged = group.rows.len() > 1;
    for (index, row) in group.rows.iter().enumerate() {
        let merge = match (merged, index) {
            (false, _) => Merge::None,
            (true, 0) => Merge::Restart,
            (true, _) => Merge::Continue,
        };
        xml.open("w:tr", &[])?;
        xml.open("w:trPr", &[])?;
        xml.empty("w:cantSplit", &[])?;
        xml.close("w:trPr")?;
        let plain = Look::default();
        cell(
            xml,
            widths[0],
            merge,
            std::slice::from_ref(&group.number),
            plain,
            Align::Center,
        )?;
        cell(
            xml,
            widths[1],
            merge,
            std::slice::from_ref(&group.sasaran),
            plain,
            Align::Left,
        )?;
        for (lines, width) in row.cells.iter().zip(&widths[2..]) {
            cell(xml, *width, Merge::None, lines, plain, Align::Left)?;
        }
        xml.close("w:tr")?;
    }
    Ok(())
}

/// Place and date over the holder's column; the titles; room to sign; the names; the NIPs.
fn write_signature(xml: &mut Xml, signature: &Signature) -> std::io::Result<()> {
    let half = TEXT_WIDTH / 2;
    xml.open("w:tbl", &[])?;
    table_properties(xml, TEXT_WIDTH, "nil")?;
    grid(xml, &[half, half])?;
    let plain = Look::default();
    let name = Look {
        bold: true,
        underline: true,
        ..Look::default()
    };
    let rows: [(&str, &str, Look); 3] = [
        ("", &signature.place_date, plain),
        (
            &signature.atasan.jabatan,
            &signature.pegawai.jabatan,
            Look { bold: true, ..plain },
        ),
        ("", "", plain),
    ];
    for (left, right, look) in rows {
        signature_row(xml, half, left, right, look)?;
    }
    let (atasan, pegawai): (&SignerLines, &SignerLines) = (&signature.atasan, &signature.pegawai);
    // Room for the signatures: two empty lines in the row above the names.
    signature_row(xml, half, "", "", plain)?;
    signature_row(xml, half, &atasan.nama, &pegawai.nama, name)?;
    signature_row(xml, half, &atasan.nip, &pegawai.nip, plain)?;
    xml.close("w:tbl")
}

fn signature_row(xml: &mut Xml, width: u32, left: &str, right: &str, look: Look) -> std::io::Result<()> {
    xml.open("w:tr", &[])?;
    for text in [left, right] {
        let lines = if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_string()]
        };
        cell(xml, width, Merge::None, &lines, look, Align::Center)?;
    }
    xml.close("w:tr")
}
