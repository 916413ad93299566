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
        let sheet = read_sheet(&mut workbook, &name).map_err(|e| failure(e, &name))?;
        sheet.each_block(&name, each);
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

/// A sheet's filled cells by row and column (0-based), and its merged ranges.
struct Sheet {
    /// Rows in order, each with its filled cells in column order.
    rows: Vec<(u32, Vec<(u32, Value)>)>,
    merges: Vec<Dimensions>,
}

fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Sheet, XlsxError> {
    let merges = workbook.merge_cells_by_sheet_name(name)?;
    let mut cells = workbook.worksheet_cells_reader(name)?;
    let looks: Vec<Look> = cells.styles().iter().map(Look::of).collect();
    let plain = Look {
        number: None,
        date_code: None,
        bold: false,
    };
    let mut rows: Vec<(u32, Vec<(u32, Value)>)> = Vec::new();
    let mut in_order = true;
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
        match rows.last_mut() {
            Some((last, cells)) if *last == row => {
                in_order &= cells.last().is_none_or(|(c, _)| *c < column);
                cells.push((column, value));
            }
            last => {
                in_order &= last.is_none_or(|(r, _)| *r < row);
                rows.push((row, vec![(column, value)]));
            }
        }
    }
    if !in_order {
        // Excel writes cells in order; a file that does not is read as if it did, the last of a repeated cell
        // winning.
        let mut all: Vec<(u32, u32, Value)> = rows
            .into_iter()
            .flat_map(|(r, cells)| cells.into_iter().map(move |(c, v)| (r, c, v)))
            .collect();
        all.reverse();
        all.sort_by_key(|(r, c, _)| (*r, *c));
        all.dedup_by_key(|(r, c, _)| (*r, *c));
        rows = Vec::new();
        for (row, column, value) in all {
            match rows.last_mut() {
                Some((last, cells)) if *last == row => cells.push((column, value)),
                _ => rows.push((row, vec![(column, value)])),
            }
        }
    }
    Ok(Sheet { rows, merges })
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

impl Sheet {
    fn row_index(&self, row: u32) -> Result<usize, usize> {
        self.rows.binary_search_by_key(&row, |(r, _)| *r)
    }

    fn value_at(&self, row: u32, column: u32) -> Option<&Value> {
        let cells = &self.rows[self.row_index(row).ok()?].1;
        let at = cells.binary_search_by_key(&column, |(c, _)| *c).ok()?;
        Some(&cells[at].1)
    }

    /// Every row that shows text, in order, given to `each` as its grid cells: filled cells and the cells merged
    /// ranges cover. The cells' values are moved out of the sheet as their rows are given (a range keeps a copy
    /// of its value for the rows below), so the sheet is never held twice.
    fn each_placed_row(&mut self, mut each: impl FnMut(u32, BTreeMap<u32, Placed>)) {
        let Some(last) = self.rows.last().map(|(r, _)| *r) else {
            return;
        };
        let mut merges: Vec<Dimensions> = self
            .merges
            .iter()
            .filter(|m| self.value_at(m.start.0, m.start.1).is_some())
            .copied()
            .collect();
        merges.sort_by_key(|m| m.start.0);
        let mut pending = merges.into_iter().peekable();
        // The ranges over the current row, with the value each carries.
        let mut active: Vec<(Dimensions, Value)> = Vec::new();
        // A range reaching past the last filled column shows nothing there.
        let last_column = self
            .rows
            .iter()
            .filter_map(|(_, cells)| cells.last().map(|(c, _)| *c))
            .max()
            .unwrap_or(0);
        let mut covered_only = 0;
        let mut row = self.rows[0].0;
        if let Some(first_merge) = pending.peek() {
            row = row.min(first_merge.start.0);
        }
        while row <= last {
            let index = self.row_index(row);
            while let Some(merge) = pending.next_if(|m| m.start.0 <= row) {
                let value = self
                    .value_at(merge.start.0, merge.start.1)
                    .expect("merges kept have a value");
                active.push((merge, value.clone()));
            }
            active.retain(|(m, _)| m.end.0 >= row);
            let mut placed: BTreeMap<u32, Placed> = BTreeMap::new();
            if let Ok(at) = index {
                // The ranges starting on this row took a copy of their value above.
                for (column, value) in std::mem::take(&mut self.rows[at].1) {
                    placed.insert(
                        column,
                        Placed {
                            value,
                            carrier: (row, column),
                            merged: false,
                        },
                    );
                }
            }
            for (merge, value) in &active {
                let carrier = merge.start;
                for column in merge.start.1..=merge.end.1.min(last_column) {
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
            covered_only = if index.is_ok() { 0 } else { covered_only + 1 };
            // Rows with nothing in them and no range over them are skipped at once, and so are the rows of a
            // range that runs on far past its neighbours (the jump ends any table, as an empty row would).
            let follow_range = !active.is_empty() && covered_only < MAX_COVERED_ROWS;
            let next_filled = self.rows.get(index.map_or_else(|i| i, |i| i + 1)).map(|(r, _)| *r);
            row = match (follow_range, next_filled, pending.peek()) {
                (true, _, _) => row + 1,
                (false, Some(next), Some(merge)) => next.min(merge.start.0).max(row + 1),
                (false, Some(next), None) => next,
                (false, None, _) => break,
            };
        }
    }

    /// The sheet's blocks, each given to `each` once complete.
    fn each_block(mut self, name: &str, each: &mut dyn FnMut(Block)) {
        let name = SharedName::new(name.to_string());
        let mut table: Vec<(u32, BTreeMap<u32, Placed>)> = Vec::new();
        let mut previous: Option<u32> = None;
        self.each_placed_row(|row, placed| {
            if previous.is_some_and(|p| p + 1 != row) {
                close_table(&mut table, &name, each);
            }
            previous = Some(row);
            let mut areas: Vec<(u32, u32)> = placed.values().map(|p| p.carrier).collect();
            areas.sort_unstable();
            areas.dedup();
            let starts_here = areas.iter().any(|a| a.0 == row);
            match areas.len() {
                0 => close_table(&mut table, &name, each),
                1 if starts_here => {
                    close_table(&mut table, &name, each);
                    let carrier = areas[0];
                    let value = placed.into_values().next().expect("one area").value;
                    each(Block::Paragraph(Paragraph {
                        text: value.text,
                        bold: value.bold,
                        origin: origin_of(&name, carrier),
                        numeric: value.numeric,
                    }));
                }
                // A row that only shows the lower part of a range merged from above stays in the table it is
                // part of, and adds nothing outside one (its text was given with the range's first row).
                1 if table.is_empty() => {}
                _ => table.push((row, placed)),
            }
        });
        close_table(&mut table, &name, each);
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
