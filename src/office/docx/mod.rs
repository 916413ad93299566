//! The Word reader: the body of the main document part (found through the package's relationships, see
//! [`parts`]) streamed in order into paragraphs and tables, with list numbers written out (`numbering.xml`), bold
//! taken from runs and styles (`styles.xml`), merged cells resolved, tracked changes read as accepted, text boxes
//! read where they are anchored (once: the fallback copy an `mc:AlternateContent` keeps for older readers is
//! skipped), content controls (`w:sdt`) read as their content unless they only show their placeholder, and
//! comments, headers, footers and pictures left out.
//!
//! It is a streaming pass with quick-xml over the zip crate's parts rather than a DOCX crate: the crates that
//! read `.docx` either load the whole document tree into memory or do not expose `w:vMerge`/`w:gridSpan`, and
//! the body needs only a few dozen elements.

mod grid;
mod numbering;
mod parts;
mod styles;

use super::package::Package;
use super::xml::{Item, Space, is_on, number_attribute, walk};
use super::{Block, Body, Origin, Paragraph, ReadError, Table};
use grid::{RawCell, RawRow, RawTable, Vertical, folded};
use numbering::Numbering;
use parts::Parts;
use styles::Styles;

/// The body of the `.docx` file in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Body, ReadError> {
    Body::of_blocks(|each| read_each(bytes, each))
}

/// The blocks of the `.docx` file in `bytes`, each given to `each` as soon as it is complete, in reading order.
pub fn read_each(bytes: &[u8], each: &mut dyn FnMut(Block)) -> Result<(), ReadError> {
    let mut package = Package::open_document(bytes)?;
    let Some(parts) = Parts::find(&mut package)? else {
        return Err(ReadError::new("common.reason-office-no-document"));
    };
    let styles = match parts.styles.as_deref() {
        Some(name) => Styles::parse(package.stream(name)?.expect("found present"), name)?,
        None => Styles::default(),
    };
    let numbering = match parts.numbering.as_deref() {
        Some(name) => Numbering::parse(package.stream(name)?.expect("found present"), name)?,
        None => Numbering::default(),
    };
    let mut body = BodyReader::new(styles, numbering);
    let part = package.stream(&parts.document)?.expect("found present");
    walk(part, &parts.document, |depth, item| {
        body.visit(depth, item);
        // Blocks are only ever appended, each complete: none is changed once there.
        body.blocks.drain(..).for_each(&mut *each);
        Ok(())
    })?;
    body.anchored.drain(..).for_each(each);
    Ok(())
}

/// Subtrees whose content is not part of the displayed body: deleted or moved-away text, embedded objects,
/// property-change records (the properties before a tracked change). A drawing is read for its text boxes only
/// (nothing else of it is WordprocessingML).
fn is_skipped(space: Space, name: &str) -> bool {
    match space {
        Space::Word => matches!(
            name,
            "del"
                | "moveFrom"
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
    /// The text boxes being read, innermost last: the depth of each `w:txbxContent`, and the paragraph, run and
    /// place in it of the paragraph the box is anchored in, put back when the box ends.
    boxes: Vec<(usize, Option<ParagraphState>, Option<RunState>, Inside)>,
    /// Blocks of text boxes, given after the paragraph they are anchored in.
    anchored: Vec<Block>,
    /// The depths of the drawings (`w:drawing`, `w:pict`) being read: only their text boxes are read.
    drawings: Vec<usize>,
    /// The content controls (`w:sdt`) being read: the depth of each, and whether it only shows its placeholder
    /// (its content is then a prompt such as "Click here to enter text", not the document's text: its paragraphs
    /// are counted, their text left out).
    controls: Vec<(usize, bool)>,
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
            boxes: Vec::new(),
            anchored: Vec::new(),
            drawings: Vec::new(),
            controls: Vec::new(),
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
                } else if space == Space::Word && matches!(name.as_ref(), "drawing" | "pict") {
                    self.drawings.push(depth);
                } else if space == Space::Word && (!self.in_drawing() || name.as_ref() == "txbxContent") {
                    self.open(depth, name.as_ref(), element);
                }
            }
            Item::Close(Space::Word, "drawing" | "pict") if self.drawings.last() == Some(&depth) => {
                self.drawings.pop();
            }
            Item::Close(Space::Word, name) if !self.in_drawing() => self.close(depth, name),
            Item::Close(..) => {}
            Item::Text(text) => {
                // The prompt an empty content control shows is not the document's text.
                let prompt = self.controls.iter().any(|c| c.1);
                if let (Inside::Text, Some(run), false) = (self.inside, &mut self.run, prompt) {
                    run.text.push_str(text);
                }
            }
        }
    }

    /// Inside a drawing and not in one of its text boxes.
    fn in_drawing(&self) -> bool {
        self.drawings
            .last()
            .is_some_and(|d| self.boxes.last().is_none_or(|b| b.0 < *d))
    }

    fn open(&mut self, depth: usize, name: &str, element: &quick_xml::events::BytesStart<'_>) {
        match (self.inside, name) {
            (_, "txbxContent") => {
                let (paragraph, run) = (self.paragraph.take(), self.run.take());
                self.boxes.push((depth, paragraph, run, self.inside));
                self.inside = Inside::Elsewhere;
            }
            (_, "sdt") => self.controls.push((depth, false)),
            (_, "showingPlcHdr") => {
                if let Some(control) = self.controls.last_mut() {
                    control.1 = is_on(element);
                }
            }
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

    fn close(&mut self, depth: usize, name: &str) {
        match name {
            "txbxContent" if self.boxes.last().is_some_and(|b| b.0 == depth) => {
                self.end_run();
                let (_, paragraph, run, inside) = self.boxes.pop().expect("checked");
                (self.paragraph, self.run, self.inside) = (paragraph, run, inside);
            }
            "sdt" if self.controls.last().is_some_and(|c| c.0 == depth) => {
                self.controls.pop();
            }
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
        // A text box's paragraphs are not paragraphs of the body: they are located at the one they are anchored in.
        let number = self.paragraphs_outside_tables + 1;
        if self.boxes.is_empty() {
            self.paragraphs_outside_tables = number;
        }
        let block = (!text.is_empty()).then(|| {
            Block::Paragraph(Paragraph {
                text,
                bold: paragraph.runs_with_text > 0 && paragraph.bold_runs == paragraph.runs_with_text,
                origin: Origin {
                    paragraph: Some(number),
                    ..Origin::default()
                },
                numeric: false,
            })
        });
        self.emit(block);
    }

    /// A block of the body, in reading order: one read in a text box waits for the end of the paragraph the box
    /// is anchored in, and follows it.
    fn emit(&mut self, block: Option<Block>) {
        if self.boxes.is_empty() {
            self.blocks.extend(block);
            self.blocks.append(&mut self.anchored);
        } else {
            self.anchored.extend(block);
        }
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
                self.emit(Some(Block::Table(Table {
                    rows,
                    origin: Origin {
                        table: Some(number),
                        ..Origin::default()
                    },
                })));
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
