//! The Word reader: the body of `word/document.xml` streamed in order into paragraphs and tables, with list
//! numbers written out (`numbering.xml`), bold taken from runs and styles (`styles.xml`), merged cells resolved,
//! tracked changes read as accepted and comments, headers, footers and drawings left out.
//!
//! It is a streaming pass with quick-xml over the zip crate's parts rather than a DOCX crate: the crates that
//! read `.docx` either load the whole document tree into memory or do not expose `w:vMerge`/`w:gridSpan`, and
//! the body needs only a few dozen elements.

mod grid;
mod numbering;
mod styles;

use super::package::Package;
use super::xml::{Item, Space, is_on, number_attribute, walk};
use super::{Block, Body, Origin, Paragraph, ReadError, Table};
use grid::{RawCell, RawRow, RawTable, Vertical, folded};
use numbering::Numbering;
use styles::Styles;

const DOCUMENT: &str = "word/document.xml";

/// The body of the `.docx` file in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Body, ReadError> {
    let mut package = Package::open_document(bytes)?;
    if !package.has(DOCUMENT) {
        return Err(ReadError::new("common.reason-office-no-document"));
    }
    let styles = match package.stream("word/styles.xml")? {
        Some(part) => Styles::parse(part)?,
        None => Styles::default(),
    };
    let numbering = match package.stream("word/numbering.xml")? {
        Some(part) => Numbering::parse(part)?,
        None => Numbering::default(),
    };
    let mut body = BodyReader::new(styles, numbering);
    let part = package.stream(DOCUMENT)?.expect("the part was found above");
    walk(part, DOCUMENT, |depth, item| {
        body.visit(depth, item);
        Ok(())
    })?;
    Ok(Body { blocks: body.blocks })
}

/// Subtrees whose content is not part of the displayed body: deleted or moved-away text, drawings and text
/// boxes (laid out apart from the flow), property-change records (the properties before a tracked change).
fn is_skipped(space: Space, name: &str) -> bool {
    match space {
        Space::Word => matches!(
            name,
            "del"
                | "moveFrom"
                | "drawing"
                | "pict"
                | "object"
                | "rPrChange"
                | "pPrChange"
                | "tblPrChange"
                | "tblGridChange"
                | "trPrChange"
                | "tcPrChange"
                | "sectPrChange"
                | "numberingChange"
        ),
        // The fallback repeats the chosen alternative's content for older readers.
        Space::Compatibility => name == "Fallback",
        Space::Other => false,
    }
}

#[derive(Default)]
struct ParagraphState {
    text: String,
    style: Option<String>,
    list: Option<u32>,
    level: Option<u32>,
    runs_with_text: u32,
    bold_runs: u32,
}

#[derive(Default)]
struct RunState {
    text: String,
    bold: Option<bool>,
    style: Option<String>,
}

/// Where in a paragraph the reader is, for the elements whose meaning depends on it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Inside {
    Elsewhere,
    ParagraphProperties,
    RunProperties,
    Text,
}

struct BodyReader {
    styles: Styles,
    numbering: Numbering,
    blocks: Vec<Block>,
    /// The depth of the skipped element the reader is in.
    skipping: Option<usize>,
    paragraph: Option<ParagraphState>,
    run: Option<RunState>,
    inside: Inside,
    tables: Vec<RawTable>,
    paragraphs_outside_tables: u32,
    top_level_tables: u32,
}

impl BodyReader {
    fn new(styles: Styles, numbering: Numbering) -> Self {
        BodyReader {
            styles,
            numbering,
            blocks: Vec::new(),
            skipping: None,
            paragraph: None,
            run: None,
            inside: Inside::Elsewhere,
            tables: Vec::new(),
            paragraphs_outside_tables: 0,
            top_level_tables: 0,
        }
    }

    fn visit(&mut self, depth: usize, item: Item<'_>) {
        if let Some(at) = self.skipping {
            if matches!(item, Item::Close(..)) && depth == at {
                self.skipping = None;
            }
            return;
        }
        match item {
            Item::Open(space, element) => {
                let name = element.local_name();
                if is_skipped(space, name.as_ref()) {
                    self.skipping = Some(depth);
                } else if space == Space::Word {
                    self.open(name.as_ref(), element);
                }
            }
            Item::Close(Space::Word, name) => self.close(name),
            Item::Close(..) => {}
            Item::Text(text) => {
                if let (Inside::Text, Some(run)) = (self.inside, &mut self.run) {
                    run.text.push_str(text);
                }
            }
        }
    }

    fn open(&mut self, name: &str, element: &quick_xml::events::BytesStart<'_>) {
        match (self.inside, name) {
            (_, "p") => {
                self.paragraph = Some(ParagraphState::default());
                self.inside = Inside::Elsewhere;
            }
            (Inside::Elsewhere, "pPr") if self.run.is_none() => self.inside = Inside::ParagraphProperties,
            (Inside::ParagraphProperties, _) => {
                if let Some(paragraph) = &mut self.paragraph {
                    match name {
                        "pStyle" => paragraph.style = super::xml::attribute(element, "val"),
                        "numId" => paragraph.list = number_attribute(element, "val"),
                        "ilvl" => paragraph.level = number_attribute(element, "val"),
                        _ => {}
                    }
                }
            }
            (_, "r") if self.paragraph.is_some() => {
                self.run = Some(RunState::default());
                self.inside = Inside::Elsewhere;
            }
            (Inside::Elsewhere, "rPr") if self.run.is_some() => self.inside = Inside::RunProperties,
            (Inside::RunProperties, _) => {
                if let Some(run) = &mut self.run {
                    match name {
                        "b" => run.bold = Some(is_on(element)),
                        "rStyle" => run.style = super::xml::attribute(element, "val"),
                        _ => {}
                    }
                }
            }
            (Inside::Elsewhere, "t") if self.run.is_some() => self.inside = Inside::Text,
            (Inside::Elsewhere, "tab") => self.push_to_run('\t'),
            (Inside::Elsewhere, "br" | "cr") => self.push_to_run('\n'),
            (Inside::Elsewhere, "noBreakHyphen") => self.push_to_run('-'),
            (_, "tbl") => {
                if self.tables.is_empty() {
                    self.top_level_tables += 1;
                }
                self.tables.push(RawTable::default());
            }
            (_, "gridCol") => {
                if let Some(table) = self.tables.last_mut() {
                    table.grid_columns += 1;
                }
            }
            (_, "tr") => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(RawRow::default());
                }
            }
            (_, "gridBefore" | "gridAfter") => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    let count = number_attribute(element, "val").unwrap_or(0);
                    match name {
                        "gridBefore" => row.before = count,
                        _ => row.after = count,
                    }
                }
            }
            (_, "tc") => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell = Some(RawCell::new());
                }
            }
            (_, "gridSpan") => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.span = number_attribute(element, "val").unwrap_or(1);
                }
            }
            (_, "vMerge") => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    let restart = super::xml::attribute(element, "val").as_deref() == Some("restart");
                    cell.vertical = if restart { Vertical::Restart } else { Vertical::Continue };
                }
            }
            _ => {}
        }
    }

    fn push_to_run(&mut self, character: char) {
        if let Some(run) = &mut self.run {
            run.text.push(character);
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "t" if self.inside == Inside::Text => self.inside = Inside::Elsewhere,
            "rPr" if self.inside == Inside::RunProperties => self.inside = Inside::Elsewhere,
            "pPr" if self.inside == Inside::ParagraphProperties => self.inside = Inside::Elsewhere,
            "r" => self.end_run(),
            "p" => self.end_paragraph(),
            "tc" => {
                if let Some(table) = self.tables.last_mut()
                    && let (Some(row), Some(cell)) = (&mut table.row, table.cell.take())
                {
                    row.cells.push(cell);
                }
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut()
                    && let Some(row) = table.row.take()
                {
                    table.rows.push(row);
                }
            }
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    fn end_run(&mut self) {
        self.inside = Inside::Elsewhere;
        let (Some(run), Some(paragraph)) = (self.run.take(), &mut self.paragraph) else {
            return;
        };
        if !run.text.trim().is_empty() {
            paragraph.runs_with_text += 1;
            let bold = self
                .styles
                .run_bold(run.bold, run.style.as_deref(), paragraph.style.as_deref());
            paragraph.bold_runs += u32::from(bold);
        }
        paragraph.text.push_str(&run.text);
    }

    fn end_paragraph(&mut self) {
        self.end_run();
        let Some(paragraph) = self.paragraph.take() else {
            return;
        };
        let (style_list, style_level) = self.styles.list_of(paragraph.style.as_deref());
        let label = match (paragraph.list.or(style_list), paragraph.level.or(style_level)) {
            (Some(list), level) if list != 0 => self.numbering.next_label(list, level.unwrap_or(0)),
            _ => None,
        };
        let mut text = match label.filter(|l| !l.trim().is_empty()) {
            Some(label) => format!("{} {}", label.trim(), paragraph.text.trim()),
            None => paragraph.text,
        };
        text = text.trim().to_string();
        if let Some(table) = self.tables.last_mut() {
            if let Some(cell) = &mut table.cell {
                cell.paragraphs.push(text);
            }
            return;
        }
        self.paragraphs_outside_tables += 1;
        if text.is_empty() {
            return;
        }
        self.blocks.push(Block::Paragraph(Paragraph {
            text,
            bold: paragraph.runs_with_text > 0 && paragraph.bold_runs == paragraph.runs_with_text,
            origin: Origin {
                paragraph: Some(self.paragraphs_outside_tables),
                ..Origin::default()
            },
            numeric: false,
        }));
    }

    fn end_table(&mut self) {
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        // A row or cell left open by a damaged part still counts.
        if let Some(cell) = table.cell.take()
            && let Some(row) = &mut table.row
        {
            row.cells.push(cell);
        }
        if let Some(row) = table.row.take() {
            table.rows.push(row);
        }
        match self.tables.last_mut() {
            None => {
                let number = self.top_level_tables;
                let rows = table.into_rows(Some(number));
                self.blocks.push(Block::Table(Table {
                    rows,
                    origin: Origin {
                        table: Some(number),
                        ..Origin::default()
                    },
                }));
            }
            Some(outer) => {
                let text = folded(&table.into_rows(None));
                if let Some(cell) = &mut outer.cell
                    && !text.is_empty()
                {
                    cell.paragraphs.push(text);
                }
            }
        }
    }
}
