//! A Word table as written (rows of `w:tc` with spans and vertical merges) turned into a grid: one cell per grid
//! column in every row, a merged area's text on each of its grid cells.

use crate::office::{Cell, Origin, Row};

/// How a cell takes part in a vertical merge (`w:vMerge`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Vertical {
    None,
    Restart,
    Continue,
}

/// A `w:tc` as read: its paragraphs' texts, how many grid columns it spans, its vertical merge.
#[derive(Debug)]
pub(super) struct RawCell {
    pub paragraphs: Vec<String>,
    pub span: u32,
    pub vertical: Vertical,
}

impl RawCell {
    pub fn new() -> Self {
        RawCell {
            paragraphs: Vec::new(),
            span: 1,
            vertical: Vertical::None,
        }
    }

    fn text(&self) -> String {
        self.paragraphs.join("\n").trim().to_string()
    }
}

/// A `w:tr` as read: the grid columns skipped before and after its cells.
#[derive(Debug, Default)]
pub(super) struct RawRow {
    pub before: u32,
    pub after: u32,
    pub cells: Vec<RawCell>,
}

/// A `w:tbl` being read.
#[derive(Debug, Default)]
pub(super) struct RawTable {
    pub grid_columns: usize,
    pub rows: Vec<RawRow>,
    pub row: Option<RawRow>,
    pub cell: Option<RawCell>,
}

/// A grid row or table wider than this is cut there: Word allows 63 columns, a hostile span would allocate.
const MAX_COLUMNS: usize = 1024;

impl RawTable {
    /// The rows on the grid; `table` is the number the cells' origins carry (`None` for a nested table).
    pub fn into_rows(self, table: Option<u32>) -> Vec<Row> {
        let mut grid: Vec<Row> = Vec::with_capacity(self.rows.len());
        for (index, raw) in self.rows.into_iter().enumerate() {
            let origin = Origin {
                table,
                row: Some(index as u32 + 1),
                ..Origin::default()
            };
            let empty = || Cell {
                text: String::new(),
                merged: false,
                origin: origin.clone(),
                numeric: false,
            };
            let mut cells: Vec<Cell> = Vec::new();
            cells.extend((0..raw.before).take(MAX_COLUMNS).map(|_| empty()));
            for raw_cell in raw.cells {
                let span = (raw_cell.span.max(1) as usize).min(MAX_COLUMNS);
                let above = grid.last().map(|r| &r.cells);
                for offset in 0..span {
                    let column = cells.len();
                    let carried = match (raw_cell.vertical, above.and_then(|a| a.get(column))) {
                        (Vertical::Continue, Some(over)) => Some(Cell {
                            merged: true,
                            ..over.clone()
                        }),
                        _ => None,
                    };
                    let cell = carried.unwrap_or_else(|| match offset {
                        0 => Cell {
                            text: raw_cell.text(),
                            ..empty()
                        },
                        _ => Cell {
                            merged: true,
                            ..cells[column - 1].clone()
                        },
                    });
                    cells.push(cell);
                }
                if cells.len() >= MAX_COLUMNS {
                    break;
                }
            }
            cells.extend((0..raw.after).take(MAX_COLUMNS).map(|_| empty()));
            cells.truncate(MAX_COLUMNS);
            grid.push(Row { cells });
        }
        let width = grid
            .iter()
            .map(|r| r.cells.len())
            .chain([self.grid_columns.min(MAX_COLUMNS)])
            .max()
            .unwrap_or(0);
        for (index, row) in grid.iter_mut().enumerate() {
            let origin = Origin {
                table,
                row: Some(index as u32 + 1),
                ..Origin::default()
            };
            row.cells.resize(
                width,
                Cell {
                    text: String::new(),
                    merged: false,
                    origin,
                    numeric: false,
                },
            );
        }
        grid
    }
}

/// A nested table's text as it is folded into its cell: a row per line, its cells apart by tabs, each merged
/// area once.
pub(super) fn folded(rows: &[Row]) -> String {
    rows.iter()
        .map(|row| {
            row.cells
                .iter()
                .filter(|c| !c.merged && !c.text.is_empty())
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
