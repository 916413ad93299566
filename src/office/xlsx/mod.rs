//! The Excel reader: every worksheet in order, its cells as displayed, merged ranges resolved, cut into blocks
//! the way a reader of the sheet sees them: a run of rows with two or more filled cells is a table, a row with
//! one filled cell is a paragraph (a title, a header item, a signer's name), an empty row ends a table.
//!
//! calamine reads the workbook: it is the maintained pure-Rust reader of `.xlsx`, it streams a sheet's cells
//! with their style (so number and date formats are known) and gives the merged ranges. The package is first
//! inflated once under the document budget, so calamine only ever sees parts of a bounded, declared size.

mod display;

pub(crate) use display::MONTHS_ID;

use super::package::Package;
use super::{Block, Body, Cell, CellRef, Origin, Paragraph, ReadError, Row, SharedName, Table};
use calamine::{DataRef, Dimensions, Reader, SheetType, Style, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::sync::Arc;

/// Columns past this one are not read (Excel has 16,384; a merged range over all of them would repeat its text
/// on every one).
const MAX_COLUMNS: u32 = 1024;

/// Excel's number of rows.
const EXCEL_ROWS: u32 = 1 << 20;

/// Rows that only show a merged range from above, with nothing of their own, followed through at most this
/// many in a row: a range over a million empty rows is not an IKI table.
const MAX_COVERED_ROWS: u32 = 64;

/// The body of the `.xlsx` file in `bytes`: every worksheet's blocks in sheet order. A workbook with no
/// worksheet or only empty ones gives an empty body (the layout then reports that no IKI was found).
pub fn read(bytes: &[u8]) -> Result<Body, ReadError> {
    Body::of_blocks(|each| read_each(bytes, each))
}

/// The blocks of the `.xlsx` file in `bytes`, as [`read`] gives them, each to `each` as soon as it is cut from its
/// sheet.
pub fn read_each(bytes: &[u8], each: &mut dyn FnMut(Block)) -> Result<(), ReadError> {
    let mut package = Package::open_document(bytes)?;
    if !package.has("xl/workbook.xml") {
        return Err(ReadError::new("common.reason-office-no-workbook"));
    }
    package.check_every_part()?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| failure(e, "xl/workbook.xml"))?;
    let sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    for name in sheets {
        read_sheet(&mut workbook, &name, each).map_err(|e| failure(e, &name))?;
    }
    Ok(())
}

fn failure(error: XlsxError, part: &str) -> ReadError {
    match error {
        XlsxError::Password => ReadError::new("common.reason-office-ole"),
        XlsxError::Zip(_) | XlsxError::Io(_) => ReadError::new("common.reason-office-corrupt"),
        _ => ReadError::in_part("common.reason-office-corrupt-xml", part),
    }
}

/// One filled cell as displayed.
#[derive(Clone, Debug)]
struct Value {
    text: String,
    numeric: bool,
    bold: bool,
}

/// How a style shows a number, and whether its font is bold.
struct Look {
    number: Option<display::NumberFormat>,
    date_code: Option<String>,
    bold: bool,
}

impl Look {
    fn of(style: &Style) -> Look {
        let format = style.number_format.as_ref();
        let code = format.map(|f| f.format_code.as_str()).unwrap_or("General");
        Look {
            number: display::number_format(code),
            // Built-in format 14 is the system's short date; an Indonesian Excel shows it day first.
            date_code: match format.and_then(|f| f.format_id) {
                Some(14) => Some("dd/mm/yyyy".to_string()),
                _ if code.eq_ignore_ascii_case("general") => None,
                _ => Some(code.to_string()),
            },
            bold: style.font.as_ref().is_some_and(|f| f.is_bold()),
        }
    }
}

fn shown(value: &DataRef<'_>, look: &Look) -> Option<(String, bool)> {
    let number = |n: f64| match &look.number {
        Some(format) => display::formatted(n, format),
        None => display::general(n),
    };
    let text = match value {
        DataRef::Empty => return None,
        DataRef::String(s) => return Some((s.replace("\r\n", "\n").trim().to_string(), false)),
        DataRef::SharedString(s) => return Some((s.replace("\r\n", "\n").trim().to_string(), false)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => return Some((s.clone(), false)),
        DataRef::Bool(b) => return Some((if *b { "TRUE" } else { "FALSE" }.to_string(), false)),
        DataRef::Error(e) => return Some((e.to_string(), false)),
        DataRef::Int(i) => number(*i as f64),
        DataRef::Float(f) => number(*f),
        DataRef::DateTime(moment) => {
            let (year, month, day, hour, minute, second, _) = moment.to_ymd_hms_milli();
            let parts = (year, month, day, hour, minute, second);
            match &look.date_code {
                Some(code) if moment.is_datetime() => display::date(parts, code),
                _ => display::iso_date(parts),
            }
        }
    };
    Some((text, true))
}

/// A row's filled cells in column order, each with its column (0-based).
type FilledRow = Vec<(u32, Value)>;

/// Reads the sheet `name`, giving its blocks to `each`. The cells are read twice: once for the sheet's shape
/// (whether its cells come in order, its last filled column), then cut into blocks row by row as they are read,
/// so that a sheet of thousands of positions is never held whole. A sheet whose cells are not in order (Excel
/// writes them in order) is held whole and read as if they were, the last of a repeated cell winning.
fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str, each: &mut dyn FnMut(Block)) -> Result<(), XlsxError> {
    let merges = workbook.merge_cells_by_sheet_name(name)?;
    let mut in_order = true;
    let mut last_column = 0;
    let mut at: Option<(u32, u32)> = None;
    filled_cells(workbook, name, &mut |row, column, _| {
        in_order &= at.is_none_or(|at| at < (row, column));
        at = Some((row, column));
        last_column = last_column.max(column);
    })?;
    let mut blocks = Blocks::new(name);
    let mut walk = Walk::new(merges, last_column);
    let mut rows = Rows::default();
    let mut give = |row: u32, cells: FilledRow| {
        walk.filled_row(row, cells, &mut |row, placed| blocks.row(row, placed, each));
    };
    if in_order {
        filled_cells(workbook, name, &mut |row, column, value| {
            rows.push(row, column, value, &mut give)
        })?;
    } else {
        let mut all: Vec<(u32, u32, Value)> = Vec::new();
        filled_cells(workbook, name, &mut |row, column, value| all.push((row, column, value)))?;
        all.reverse();
        all.sort_by_key(|(r, c, _)| (*r, *c));
        all.dedup_by_key(|(r, c, _)| (*r, *c));
        for (row, column, value) in all {
            rows.push(row, column, value, &mut give);
        }
    }
    rows.finish(&mut give);
    blocks.finish(each);
    Ok(())
}

/// Cells in row order gathered into rows, each row given once its last cell is read.
#[derive(Default)]
struct Rows {
    current: Option<(u32, FilledRow)>,
}

impl Rows {
    fn push(&mut self, row: u32, column: u32, value: Value, give: &mut dyn FnMut(u32, FilledRow)) {
        match &mut self.current {
            Some((r, cells)) if *r == row => cells.push((column, value)),
            _ => {
                if let Some((r, cells)) = self.current.replace((row, vec![(column, value)])) {
                    give(r, cells);
                }
            }
        }
    }

    fn finish(self, give: &mut dyn FnMut(u32, FilledRow)) {
        if let Some((r, cells)) = self.current {
            give(r, cells);
        }
    }
}

/// Every filled cell of the sheet `name` as displayed, in the order the sheet stores them: (row, column, value).
fn filled_cells(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    each: &mut dyn FnMut(u32, u32, Value),
) -> Result<(), XlsxError> {
    let mut cells = workbook.worksheet_cells_reader(name)?;
    let looks: Vec<Look> = cells.styles().iter().map(Look::of).collect();
    let plain = Look {
        number: None,
        date_code: None,
        bold: false,
    };
    while let Some((cell, style)) = cells.next_cell_with_style_id()? {
        let (row, column) = cell.get_position();
        let look = looks.get(style).unwrap_or(&plain);
        let Some((text, numeric)) = shown(cell.get_value(), look) else {
            continue;
        };
        // Excel has no row past 1,048,576; a hostile row number beyond it would overflow the arithmetic below.
        if column >= MAX_COLUMNS || row >= EXCEL_ROWS || text.is_empty() {
            continue;
        }
        let value = Value {
            text,
            numeric,
            bold: look.bold,
        };
        each(row, column, value);
    }
    Ok(())
}
/// A grid cell of a row being cut into blocks: its value and the cell that carries it.
#[derive(Clone, Debug)]
struct Placed {
    value: Value,
    carrier: (u32, u32),
    merged: bool,
}

fn origin_of(sheet: &SharedName, (row, column): (u32, u32)) -> Origin {
    Origin {
        sheet: Some(Arc::clone(sheet)),
        cell: Some(CellRef::new(row, column)),
        row: Some(row + 1),
        ..Origin::default()
    }
}

/// The rows that show text, walked in order from the filled rows given one by one: each with its grid cells,
/// filled cells and the cells merged ranges cover (a range keeps a copy of its value for the rows below).
struct Walk {
    /// The merged ranges not yet started, by first row.
    pending: std::iter::Peekable<std::vec::IntoIter<Dimensions>>,
    /// The ranges over the current row, with the value each carries.
    active: Vec<(Dimensions, Value)>,
    /// The sheet's last filled column: a range reaching past it shows nothing there.
    last_column: u32,
    /// The last row walked.
    at: Option<u32>,
    /// Rows walked in a row that only show a range from above.
    covered_only: u32,
}

impl Walk {
    fn new(mut merges: Vec<Dimensions>, last_column: u32) -> Walk {
        merges.sort_by_key(|m| m.start.0);
        Walk {
            pending: merges.into_iter().peekable(),
            active: Vec::new(),
            last_column,
            at: None,
            covered_only: 0,
        }
    }

    /// The next filled row: the rows before it that a range covers are walked first, unless the range runs on
    /// far past its neighbours (the jump ends any table, as an empty row would).
    fn filled_row(&mut self, row: u32, cells: FilledRow, each: &mut dyn FnMut(u32, BTreeMap<u32, Placed>)) {
        if let Some(at) = self.at {
            let mut covered = at + 1;
            while covered < row && !self.active.is_empty() && self.covered_only < MAX_COVERED_ROWS {
                self.row(covered, None, each);
                covered += 1;
            }
        }
        self.row(row, Some(cells), each);
    }

    fn row(&mut self, row: u32, cells: Option<FilledRow>, each: &mut dyn FnMut(u32, BTreeMap<u32, Placed>)) {
        // A range shows the value of its first cell, which is read on its first row; one whose first cell is
        // empty shows nothing.
        while let Some(merge) = self.pending.next_if(|m| m.start.0 <= row) {
            let carrier = cells.as_ref().filter(|_| merge.start.0 == row).and_then(|cells| {
                cells
                    .binary_search_by_key(&merge.start.1, |(c, _)| *c)
                    .ok()
                    .map(|at| &cells[at].1)
            });
            if let Some(value) = carrier {
                self.active.push((merge, value.clone()));
            }
        }
        self.active.retain(|(m, _)| m.end.0 >= row);
        let filled = cells.is_some();
        let mut placed: BTreeMap<u32, Placed> = BTreeMap::new();
        for (column, value) in cells.into_iter().flatten() {
            placed.insert(
                column,
                Placed {
                    value,
                    carrier: (row, column),
                    merged: false,
                },
            );
        }
        for (merge, value) in &self.active {
            let carrier = merge.start;
            for column in merge.start.1..=merge.end.1.min(self.last_column) {
                if (row, column) != carrier {
                    let merged = Placed {
                        value: value.clone(),
                        carrier,
                        merged: true,
                    };
                    placed.insert(column, merged);
                }
            }
        }
        if !placed.is_empty() {
            each(row, placed);
        }
        self.covered_only = if filled { 0 } else { self.covered_only + 1 };
        self.at = Some(row);
    }
}

/// A sheet's rows cut into blocks: a run of rows with two or more filled cells is a table, a row with one (a
/// range counts once) is a paragraph, an empty row ends a table.
struct Blocks {
    sheet: SharedName,
    table: Vec<(u32, BTreeMap<u32, Placed>)>,
    previous: Option<u32>,
}

impl Blocks {
    fn new(name: &str) -> Blocks {
        Blocks {
            sheet: SharedName::new(name.to_string()),
            table: Vec::new(),
            previous: None,
        }
    }

    fn row(&mut self, row: u32, placed: BTreeMap<u32, Placed>, each: &mut dyn FnMut(Block)) {
        if self.previous.is_some_and(|p| p + 1 != row) {
            close_table(&mut self.table, &self.sheet, each);
        }
        self.previous = Some(row);
        let mut areas: Vec<(u32, u32)> = placed.values().map(|p| p.carrier).collect();
        areas.sort_unstable();
        areas.dedup();
        let starts_here = areas.iter().any(|a| a.0 == row);
        match areas.len() {
            0 => close_table(&mut self.table, &self.sheet, each),
            1 if starts_here => {
                close_table(&mut self.table, &self.sheet, each);
                let carrier = areas[0];
                let value = placed.into_values().next().expect("one area").value;
                each(Block::Paragraph(Paragraph {
                    text: value.text,
                    bold: value.bold,
                    origin: origin_of(&self.sheet, carrier),
                    numeric: value.numeric,
                }));
            }
            // A row that only shows the lower part of a range merged from above stays in the table it is part
            // of, and adds nothing outside one (its text was given with the range's first row).
            1 if self.table.is_empty() => {}
            _ => self.table.push((row, placed)),
        }
    }

    fn finish(mut self, each: &mut dyn FnMut(Block)) {
        close_table(&mut self.table, &self.sheet, each);
    }
}

fn close_table(rows: &mut Vec<(u32, BTreeMap<u32, Placed>)>, sheet: &SharedName, each: &mut dyn FnMut(Block)) {
    if rows.is_empty() {
        return;
    }
    let columns = rows.iter().flat_map(|(_, placed)| placed.keys().copied());
    let (first, last) = columns.fold((u32::MAX, 0), |(lo, hi), c| (lo.min(c), hi.max(c)));
    let table_rows = rows
        .drain(..)
        .map(|(row, mut placed)| Row {
            cells: (first..=last)
                .map(|column| match placed.remove(&column) {
                    Some(p) => Cell {
                        text: p.value.text,
                        merged: p.merged,
                        origin: origin_of(sheet, p.carrier),
                        numeric: p.value.numeric,
                    },
                    None => Cell {
                        text: String::new(),
                        merged: false,
                        origin: origin_of(sheet, (row, column)),
                        numeric: false,
                    },
                })
                .collect(),
        })
        .collect();
    each(Block::Table(Table {
        rows: table_rows,
        origin: Origin {
            sheet: Some(Arc::clone(sheet)),
            ..Origin::default()
        },
    }));
}
