//! Independent readers of the exported files for the tests: the DOCX body with zip + quick-xml (paragraphs,
//! tables, grid, vMerge), the XLSX with calamine (cells, merged ranges, cell types).

use calamine::{Data, Reader, Xlsx};
use quick_xml::Reader as XmlReader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug, Clone)]
pub struct DocxCell {
    /// One string per paragraph; `w:br` is `\n`, `w:tab` is `\t`.
    pub paragraphs: Vec<String>,
    pub vmerge: VMerge,
}

impl DocxCell {
    pub fn text(&self) -> String {
        self.paragraphs.join("\n")
    }
}

#[derive(Debug, Clone, Default)]
pub struct DocxTable {
    pub grid: Vec<u32>,
    pub rows: Vec<Vec<DocxCell>>,
    /// Rows marked to repeat as the header on every page.
    pub header_rows: usize,
    /// Every border of the table is `nil`.
    pub borderless: bool,
}

#[derive(Debug, Clone)]
pub enum DocxBlock {
    Paragraph { text: String, page_break_before: bool },
    Table(DocxTable),
}

pub struct Docx {
    pub blocks: Vec<DocxBlock>,
    pub parts: Vec<String>,
    /// `w:orient`, `w:w` and `w:h` of the page.
    pub page: (String, u32, u32),
}

impl Docx {
    pub fn tables(&self) -> Vec<&DocxTable> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                DocxBlock::Table(t) => Some(t),
                DocxBlock::Paragraph { .. } => None,
            })
            .collect()
    }

    pub fn paragraphs(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                DocxBlock::Paragraph { text, .. } => Some(text.as_str()),
                DocxBlock::Table(_) => None,
            })
            .collect()
    }
}

fn attribute(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .unwrap()
            .into_owned()
    })
}

pub fn read_docx(bytes: &[u8]) -> Docx {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let parts: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = XmlReader::from_str(&xml);
    let mut blocks = Vec::new();
    let mut table: Option<DocxTable> = None;
    let mut row: Option<Vec<DocxCell>> = None;
    let mut cell: Option<DocxCell> = None;
    let mut paragraph: Option<(String, bool)> = None;
    let mut in_text = false;
    let mut in_borders = false;
    let mut border_values = Vec::new();
    let mut page = (String::new(), 0, 0);
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "w:tbl" => table = Some(DocxTable::default()),
                    "w:tblBorders" => in_borders = !empty,
                    "w:top" | "w:left" | "w:bottom" | "w:right" | "w:insideH" | "w:insideV" if in_borders => {
                        border_values.push(attribute(e, "w:val").unwrap_or_default())
                    }
                    "w:gridCol" => table
                        .as_mut()
                        .unwrap()
                        .grid
                        .push(attribute(e, "w:w").unwrap().parse().unwrap()),
                    "w:tr" => row = Some(Vec::new()),
                    "w:tblHeader" => table.as_mut().unwrap().header_rows += 1,
                    "w:tc" => {
                        cell = Some(DocxCell {
                            paragraphs: Vec::new(),
                            vmerge: VMerge::None,
                        })
                    }
                    "w:vMerge" => {
                        cell.as_mut().unwrap().vmerge = match attribute(e, "w:val").as_deref() {
                            Some("restart") => VMerge::Restart,
                            _ => VMerge::Continue,
                        }
                    }
                    "w:p" => {
                        paragraph = Some((String::new(), false));
                        if empty {
                            end_paragraph(&mut paragraph, &mut cell, &mut blocks);
                        }
                    }
                    "w:pageBreakBefore" => paragraph.as_mut().unwrap().1 = true,
                    "w:t" => in_text = !empty,
                    "w:br" => paragraph.as_mut().unwrap().0.push('\n'),
                    "w:tab" => paragraph.as_mut().unwrap().0.push('\t'),
                    "w:pgSz" => {
                        page = (
                            attribute(e, "w:orient").unwrap_or_default(),
                            attribute(e, "w:w").unwrap().parse().unwrap(),
                            attribute(e, "w:h").unwrap().parse().unwrap(),
                        )
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                paragraph.as_mut().unwrap().0.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.into_inner().into_owned();
                let c = match name.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unexpected entity {other}"),
                };
                paragraph.as_mut().unwrap().0.push(c);
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:tblBorders" => {
                    in_borders = false;
                    table.as_mut().unwrap().borderless = border_values.iter().all(|v| v == "nil");
                    border_values.clear();
                }
                "w:p" => end_paragraph(&mut paragraph, &mut cell, &mut blocks),
                "w:tc" => row.as_mut().unwrap().push(cell.take().unwrap()),
                "w:tr" => table.as_mut().unwrap().rows.push(row.take().unwrap()),
                "w:tbl" => blocks.push(DocxBlock::Table(table.take().unwrap())),
                _ => {}
            },
            _ => {}
        }
    }
    Docx { blocks, parts, page }
}

fn end_paragraph(paragraph: &mut Option<(String, bool)>, cell: &mut Option<DocxCell>, blocks: &mut Vec<DocxBlock>) {
    let (text, page_break_before) = paragraph.take().unwrap();
    match cell {
        Some(cell) => cell.paragraphs.push(text),
        None => blocks.push(DocxBlock::Paragraph {
            text,
            page_break_before,
        }),
    }
}

pub struct Sheet {
    pub name: String,
    /// (row, column) → cell, 0-based.
    pub cells: std::collections::BTreeMap<(u32, u32), Data>,
    /// (first row, first column, last row, last column), 0-based.
    pub merged: Vec<(u32, u32, u32, u32)>,
}

impl Sheet {
    pub fn text(&self, row: u32, column: u32) -> Option<&str> {
        match self.cells.get(&(row, column)) {
            Some(Data::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The row whose cells (from column 0) are exactly `texts`.
    pub fn row_of(&self, texts: &[&str]) -> Option<u32> {
        let last = self.cells.keys().map(|(r, _)| *r).max()?;
        (0..=last).find(|&r| texts.iter().enumerate().all(|(c, t)| self.text(r, c as u32) == Some(t)))
    }
}

pub fn read_xlsx(bytes: &[u8]) -> Vec<Sheet> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a workbook");
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let mut cells = std::collections::BTreeMap::new();
            if let Some((row0, col0)) = range.start() {
                for (r, row) in range.rows().enumerate() {
                    for (c, value) in row.iter().enumerate() {
                        if *value != Data::Empty {
                            cells.insert((row0 + r as u32, col0 + c as u32), value.clone());
                        }
                    }
                }
            }
            let merged = workbook
                .merge_cells_by_sheet_name(&name)
                .unwrap()
                .into_iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect();
            Sheet { name, cells, merged }
        })
        .collect()
}
