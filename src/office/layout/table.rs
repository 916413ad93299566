//! A position's table: columns found by the meaning of their header ("Formulasi Perhitungan", "Formula",
//! "Penjelasan/Formulasi", "Cara Perhitungan"; "Sasaran", "Sasaran Kinerja", "Kinerja Utama"; optional Satuan and
//! Target; No; Sumber Data), the numbering row "1 2 3 4" and repeated headers skipped, a sasaran cell merged (or
//! left empty) over the rows of its indicators read as one sasaran.

use super::header::{self, Item};
use super::{Indikator, Line, Position, Sasaran, Value};
use crate::office::{Cell, Column, Note, NoteKind, Origin, SharedName, Table};
use std::sync::Arc;

/// What a header cell means, from its words in any case.
pub fn column_of(header: &str) -> Option<Column> {
    // "99KINERJA UTAMA": a stray number typed into the header cell is not part of its words.
    let letters: String = header
        .chars()
        .map(|c| if c.is_ascii_digit() { ' ' } else { c })
        .collect();
    let words = crate::words::lowercase(&letters);
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("indikator") {
        Some(Column::Indikator)
    } else if has("formula") || has("formulasi") || has("perhitungan") || has("penjelasan") || has("rumus") {
        Some(Column::Formula)
    } else if has("sumber") {
        Some(Column::SumberData)
    } else if has("sasaran") || (has("kinerja") && has("utama")) {
        Some(Column::Sasaran)
    } else if has("satuan") {
        Some(Column::Satuan)
    } else if has("target") {
        Some(Column::Target)
    } else if matches!(words.as_slice(), [w] if w == "no" || w == "nomor") {
        Some(Column::No)
    } else {
        None
    }
}

pub enum Read<'t> {
    /// An IKI table: its columns and data rows.
    Iki(Rows<'t>),
    /// Any other table, as lines: each column top to bottom (a borderless signature table has one signer per
    /// column).
    Lines(Vec<Line>),
}

/// The data rows of a table under its header, borrowed from the body (a table of thousands of rows is not copied).
pub struct Rows<'t> {
    columns: Vec<Option<Column>>,
    headers: Vec<String>,
    /// Each header on one line, as the origins of the column's values name it (shared by all of them).
    names: Vec<SharedName>,
    rows: Vec<&'t [Cell]>,
    origin: Origin,
    /// The rest of a table after a page break, read under the header of its first part (its unknown columns
    /// were reported there).
    continued: bool,
}

fn header_columns(row: &[Cell]) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = row.iter().map(|c| column_of(&c.text)).collect();
    let known = columns.iter().flatten().count();
    (columns.contains(&Some(Column::Indikator)) && known >= 2).then_some(columns)
}

/// "1 2 3 4": the columns' numbers printed under the header.
pub(super) fn is_numbering(row: &[Cell]) -> bool {
    let filled: Vec<&str> = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
    filled.len() >= 2
        && filled
            .iter()
            .enumerate()
            .all(|(i, t)| t.trim_end_matches('.').parse::<usize>() == Ok(i + 1))
}

/// Each header on one line, shared by the origins of its column's values.
fn names_of(headers: &[String]) -> Vec<SharedName> {
    headers.iter().map(|h| Arc::from(h.replace('\n', " "))).collect()
}

pub fn read(table: &Table) -> Read<'_> {
    let header_at = table
        .rows
        .iter()
        .take(3)
        .position(|r| header_columns(&r.cells).is_some());
    let Some(at) = header_at else {
        return Read::Lines(lines_by_column(table));
    };
    let columns = header_columns(&table.rows[at].cells).expect("found above");
    let headers: Vec<String> = table.rows[at].cells.iter().map(|c| c.text.clone()).collect();
    let rows = table.rows[at + 1..]
        .iter()
        .filter(|r| !is_numbering(&r.cells) && header_columns(&r.cells).is_none())
        .map(|r| r.cells.as_slice())
        .collect();
    Read::Iki(Rows {
        columns,
        names: names_of(&headers),
        headers,
        rows,
        origin: table.origin.clone(),
        continued: false,
    })
}

/// A table's text column by column, top to bottom (a borderless signature table has one signer per column).
pub(super) fn lines_by_column(table: &Table) -> Vec<Line> {
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut lines = Vec::new();
    for column in 0..width {
        for row in &table.rows {
            let Some(cell) = row.cells.get(column) else { continue };
            if cell.merged {
                continue;
            }
            for text in cell.text.lines().map(str::trim).filter(|t| !t.is_empty()) {
                lines.push(Line {
                    text: text.to_string(),
                    origin: cell.origin.clone(),
                    numeric: cell.numeric,
                });
            }
        }
    }
    lines
}

/// The columns of a table, kept to read its continuation on the next page.
#[derive(Clone, Debug)]
pub struct Header {
    columns: Vec<Option<Column>>,
    headers: Vec<String>,
}

impl Header {
    /// `table` is as wide as this header.
    pub fn fits(&self, table: &Table) -> bool {
        table.rows.iter().all(|r| r.cells.len() == self.columns.len())
    }

    /// Every row of `table` as data rows under this header.
    pub fn rows<'t>(&self, table: &'t Table) -> Rows<'t> {
        Rows {
            columns: self.columns.clone(),
            headers: self.headers.clone(),
            names: names_of(&self.headers),
            rows: table.rows.iter().map(|r| r.cells.as_slice()).collect(),
            origin: table.origin.clone(),
            continued: true,
        }
    }
}

impl Rows<'_> {
    pub fn header(&self) -> Header {
        Header {
            columns: self.columns.clone(),
            headers: self.headers.clone(),
        }
    }

    /// Every cell's text, for a table that cannot be placed.
    pub fn texts(&self) -> Vec<Value> {
        self.rows
            .iter()
            .map(|row| {
                let text = row
                    .iter()
                    .filter(|c| !c.merged)
                    .map(|c| c.text.replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join(" | ");
                let origin = row
                    .first()
                    .map(|c| c.origin.clone())
                    .unwrap_or_else(|| self.origin.clone());
                Value::new(text, origin)
            })
            .collect()
    }

    fn value(&self, cell: &Cell, column: usize) -> Value {
        let mut origin = cell.origin.clone();
        origin.column = Some(Arc::clone(&self.names[column]));
        Value::new(cell.text.clone(), origin)
    }

    fn cell(&self, row: &[Cell], column: Column) -> Option<(usize, Value, bool)> {
        let at = self.columns.iter().position(|c| *c == Some(column))?;
        let cell = row.get(at)?;
        Some((at, self.value(cell, at), cell.merged))
    }

    /// Add the rows to the last of `positions` (a full-width row "Jabatan : …" starts another position). Returns
    /// the notes and whether a position was started. `extracted`: the body is extracted text (see
    /// [`crate::office::Body::extracted`]).
    pub fn apply(self, positions: &mut Vec<Position>, extracted: bool) -> (Vec<Note>, bool) {
        let mut notes = Vec::new();
        for (at, column) in self.columns.iter().enumerate() {
            if !self.continued && column.is_none() && !self.headers[at].trim().is_empty() {
                let mut origin = self.origin.clone();
                origin.column = Some(Arc::clone(&self.names[at]));
                notes.push(Note::new(
                    NoteKind::UnknownColumn,
                    origin,
                    &[("column", &self.headers[at].replace('\n', " "))],
                ));
            }
        }
        let mut started = false;
        // A new table continues the sasaran of the position's previous one when its first sasaran cell is empty.
        let mut open = !positions.last().is_some_and(|p| p.sasaran.is_empty());
        for &row in &self.rows {
            if let Some(jabatan) = position_row(row) {
                if let Some(previous) = positions.last_mut() {
                    previous.settle();
                }
                positions.push(Position {
                    nama: Some(Value::new(jabatan, row[0].origin.clone())),
                    ..Position::default()
                });
                started = true;
                open = false;
                continue;
            }
            let position = positions.last_mut().expect("the caller checked");
            let sasaran_cell = self.cell(row, Column::Sasaran);
            let starts = match &sasaran_cell {
                Some((_, value, merged)) if !value.text.trim().is_empty() && !merged => {
                    !(open && position.sasaran.last().is_some_and(|s| s.uraian.text == value.text))
                }
                _ => !open || position.sasaran.is_empty(),
            };
            if starts {
                let uraian = sasaran_cell.map(|(_, v, _)| one_line(v)).unwrap_or_default();
                position.sasaran.push(Sasaran {
                    uraian,
                    ..Sasaran::default()
                });
            }
            open = true;
            if let Some(indikator) = self.indikator(row, extracted) {
                position
                    .sasaran
                    .last_mut()
                    .expect("pushed above")
                    .indikator
                    .push(indikator);
            }
        }
        (notes, started)
    }

    fn indikator(&self, row: &[Cell], extracted: bool) -> Option<Indikator> {
        // Paragraphs of one cell are one text, joined by a space, but a formula keeps its lines as written (a
        // fraction written as numerator, rule and denominator); sources are a list.
        let text = |column| {
            self.cell(row, column)
                .map(|(_, v, _)| one_line(v))
                .filter(|v| !v.text.trim().is_empty())
        };
        let sumber = self
            .cell(row, Column::SumberData)
            .map(|(_, v, _)| v)
            .filter(|v| !v.text.trim().is_empty());
        let mut indikator = Indikator {
            uraian: self
                .cell(row, Column::Indikator)
                .map(|(_, v, _)| one_line(v))
                .unwrap_or_default(),
            satuan: text(Column::Satuan),
            formula: self
                .cell(row, Column::Formula)
                .map(|(_, v, _)| joined_lines(v, "\n"))
                .filter(|v| !v.text.is_empty()),
            target: text(Column::Target),
            sumber_data: sumber.map(|v| sources(v, extracted)).unwrap_or_default(),
            extra: Vec::new(),
        };
        for (at, column) in self.columns.iter().enumerate() {
            if let (None, Some(cell)) = (column, row.get(at))
                && !cell.text.trim().is_empty()
                && !cell.merged
            {
                indikator.extra.push((self.headers[at].clone(), self.value(cell, at)));
            }
        }
        let empty = indikator.uraian.text.trim().is_empty()
            && indikator.formula.is_none()
            && indikator.target.is_none()
            && indikator.satuan.is_none()
            && indikator.sumber_data.is_empty()
            && indikator.extra.is_empty();
        (!empty).then_some(indikator)
    }
}

/// A text's lines, each trimmed, blank ones left out, joined by `separator`.
fn lines_joined(text: &str, separator: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// [`lines_joined`] for a value, keeping its origin.
fn joined_lines(value: Value, separator: &str) -> Value {
    Value::new(lines_joined(&value.text, separator), value.origin)
}

/// The lines of a cell's text joined by a space, each trimmed, empty ones dropped.
pub(super) fn one_line_text(text: &str) -> String {
    lines_joined(text, " ")
}

/// A cell's paragraphs as one line.
fn one_line(value: Value) -> Value {
    joined_lines(value, " ")
}

/// A row whose only text (repeated over merged cells) is a "Jabatan : …" item: a second position in one table.
fn position_row(row: &[Cell]) -> Option<String> {
    let mut texts = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty());
    let first = texts.next()?;
    if !texts.all(|t| t == first) {
        return None;
    }
    match header::item(first) {
        Some((Item::Jabatan, nama)) if !nama.is_empty() => Some(nama),
        _ => None,
    }
}

/// A sumber data cell as its sources: one per line or list item, list markers removed.
fn sources(value: Value, extracted: bool) -> Vec<Value> {
    value
        .text
        .lines()
        .flat_map(|line| header::line_entries(line, extracted))
        .map(|text| Value::new(text, value.origin.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_by_meaning_in_any_case() {
        assert_eq!(column_of("FORMULASI PERHITUNGAN/ PENJELASAN"), Some(Column::Formula));
        assert_eq!(column_of("Cara Perhitungan"), Some(Column::Formula));
        assert_eq!(column_of("Penjelasan/Formulasi"), Some(Column::Formula));
        assert_eq!(column_of("KINERJA UTAMA"), Some(Column::Sasaran));
        assert_eq!(column_of("INDIKATOR KINERJA UTAMA"), Some(Column::Indikator));
        assert_eq!(column_of("Sasaran Kinerja"), Some(Column::Sasaran));
        assert_eq!(column_of("sumber data"), Some(Column::SumberData));
        assert_eq!(column_of("NO"), Some(Column::No));
        assert_eq!(column_of("Target"), Some(Column::Target));
        assert_eq!(column_of("Keterangan"), None);
        assert_eq!(column_of("99KINERJA UTAMA"), Some(Column::Sasaran));
    }
}
