//! The printed IKI as an Excel workbook, written with `rust_xlsxwriter`: one sheet per position named after its
//! title, the header items in rows above the table, NO and SASARAN merged down their indicators, wrapped text,
//! A4 landscape fitted to the page width, and the signature block below. Every text (NIPs included) is written
//! as a string: an NIP stored as a number loses its digits.

use super::layout::{Column, Printed, Section, Signature, SignerLines};
use super::{ExportError, printable};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::HashSet;

/// Excel's limits on a sheet's name.
const SHEET_NAME_MAX: usize = 31;
const SHEET_NAME_FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];
/// Excel keeps this name for itself.
const RESERVED: &str = "history";
/// The most characters an Excel cell holds.
pub(super) const CELL_MAX: usize = 32_767;
/// Paper size 9 is A4 in Excel's numbering.
const A4: u8 = 9;

/// The `.xlsx` file of `printed`.
pub fn write(printed: &Printed) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut taken = HashSet::new();
    for (index, section) in printed.sections.iter().enumerate() {
        let name = sheet_name(&section.title, index + 1, &mut taken);
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_sheet(sheet, printed, section)?;
    }
    if printed.sections.is_empty() {
        // A workbook needs a sheet; a document without positions still prints its title.
        workbook.add_worksheet();
    }
    workbook.save_to_buffer()
}

/// The `.xlsx` file of an SKP's print ([`super::skp::pieces`]) on one sheet: headings merged across the used
/// columns, tables with their merged ranges, the No column's numbers as numbers, an empty row after each piece (so
/// that a reader tells the tables apart).
pub fn write_skp(pieces: &[super::skp::Piece]) -> Result<Vec<u8>, XlsxError> {
    use super::skp::Piece;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("SKP")?;
    sheet.set_landscape().set_paper_size(A4).set_print_fit_to_pages(1, 0);
    let columns = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Table { rows, .. } => rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max(),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .clamp(1, 64) as u16;
    sheet.set_column_width(0, 6)?;
    for column in 1..columns {
        sheet.set_column_width(column, 24)?;
    }
    let mut row = 0u32;
    for piece in pieces {
        match piece {
            Piece::Heading(text) => span(sheet, row, 0, columns - 1, text, &formats.title)?,
            Piece::Line(text) => span(sheet, row, 0, 0, text, &formats.line)?,
            Piece::Table { rows, bordered } => {
                for cells in rows {
                    let mut column = 0u16;
                    for cell in cells {
                        let last = column + cell.span.max(1) as u16 - 1;
                        let format = match (cell.bold, *bordered) {
                            (true, true) => &formats.header,
                            (false, true) => &formats.cell,
                            (_, false) => &formats.signer,
                        };
                        let text = printable(&cell.text);
                        if cell.covered {
                            // Covered by the merged range above: nothing of its own to write.
                        } else if cell.span > 1 || cell.down > 1 {
                            let bottom = row + cell.down.max(1) as u32 - 1;
                            sheet.merge_range(row, column, bottom, last, text.as_ref(), format)?;
                        } else if cell.number
                            && let Ok(n) = text.parse::<f64>()
                        {
                            sheet.write_number_with_format(row, column, n, format)?;
                        } else if text.is_empty() {
                            sheet.write_blank(row, column, format)?;
                        } else {
                            sheet.write_string_with_format(row, column, text.as_ref(), format)?;
                        }
                        column = last + 1;
                    }
                    row += 1;
                }
            }
        }
        row += 1;
    }
    workbook.save_to_buffer()
}

/// The first text of `printed` longer than an Excel cell holds, located by position and column.
pub fn too_long(printed: &Printed) -> Option<ExportError> {
    for section in &printed.sections {
        let items = section.items.iter().flat_map(|item| {
            std::iter::once((item.label, item.line())).chain(item.entries().into_iter().map(|e| (item.label, e)))
        });
        let table = section.groups.iter().flat_map(|group| {
            std::iter::once((Column::Sasaran.header(), group.sasaran.clone())).chain(group.rows.iter().flat_map(
                |row| {
                    section.columns[2..]
                        .iter()
                        .zip(&row.cells)
                        .map(|(column, lines)| (column.header(), lines.join("\n")))
                },
            ))
        });
        for (column, text) in items.chain(table) {
            // Excel counts UTF-16 units.
            let chars = text.encode_utf16().count();
            if chars > CELL_MAX {
                return Some(ExportError::CellTooLong {
                    position: section.title.clone(),
                    column,
                    chars,
                });
            }
        }
    }
    None
}

/// A name Excel accepts for the sheet of a position titled `title`: without the characters it forbids, at most
/// 31 UTF-16 units, not starting or ending with an apostrophe, and unlike every name in `taken` (in any case),
/// numbered " (2)", " (3)", … when it would repeat one. `number` names a sheet whose title leaves nothing.
pub fn sheet_name(title: &str, number: usize, taken: &mut HashSet<String>) -> String {
    let cleaned: String = printable(title)
        .chars()
        .map(|c| {
            if SHEET_NAME_FORBIDDEN.contains(&c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_matches('\'').trim();
    let base = if cleaned.is_empty() {
        format!("Jabatan {number}")
    } else {
        cleaned.to_string()
    };
    let mut candidate = truncate(&base, SHEET_NAME_MAX);
    let mut counter = 1;
    while taken.contains(&candidate.to_lowercase()) || candidate.to_lowercase() == RESERVED {
        counter += 1;
        let suffix = format!(" ({counter})");
        let room = SHEET_NAME_MAX - suffix.len();
        candidate = format!("{}{suffix}", truncate(&base, room).trim_end_matches('\''));
    }
    taken.insert(candidate.to_lowercase());
    candidate
}

/// The longest prefix of `text` within `max` UTF-16 units, without a trailing space or apostrophe.
fn truncate(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut units = 0;
    for c in text.chars() {
        units += c.len_utf16();
        if units > max {
            break;
        }
        out.push(c);
    }
    out.trim_end().trim_end_matches('\'').trim_end().to_string()
}

/// Column widths in Excel's character units, from the columns' weights.
fn width(column: Column) -> f64 {
    f64::from(column.weight()) * 1.5
}

/// Neither Excel nor LibreOffice grows a row to wrapped text on opening a written file: each row gets the
/// height of its tallest cell, estimated as lines of `text` in a column `width` characters wide (a character of
/// the 11–12 pt serif text is about one width unit).
fn lines_in(text: &str, width: f64) -> f64 {
    text.split('\n')
        .map(|line| (line.chars().count() as f64 / width.max(1.0)).ceil().max(1.0))
        .sum()
}

const LINE_HEIGHT: f64 = 15.0;
/// Excel's tallest row, in points: a taller one makes Excel report the file as damaged.
const MAX_ROW_HEIGHT: f64 = 409.0;

fn set_height(sheet: &mut Worksheet, row: u32, height: f64) -> Result<(), XlsxError> {
    sheet.set_row_height(row, height.min(MAX_ROW_HEIGHT))?;
    Ok(())
}

struct Formats {
    title: Format,
    line: Format,
    header: Format,
    cell: Format,
    center: Format,
    signer: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(11)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let bordered = base.clone().set_border(FormatBorder::Thin);
        Formats {
            title: base.clone().set_bold().set_font_size(12).set_align(FormatAlign::Center),
            line: base.clone().set_font_size(12),
            header: bordered
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            cell: bordered.clone(),
            center: bordered.set_align(FormatAlign::Center),
            signer: base.clone().set_bold().set_align(FormatAlign::Center),
        }
    }
}

/// Write `text` across columns `first..=last` of `row` (one cell when they are the same).
fn span(sheet: &mut Worksheet, row: u32, first: u16, last: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    let text = printable(text);
    if first == last {
        sheet.write_string_with_format(row, first, text.as_ref(), format)?;
    } else {
        sheet.merge_range(row, first, row, last, text.as_ref(), format)?;
    }
    Ok(())
}

fn write_sheet(sheet: &mut Worksheet, printed: &Printed, section: &Section) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let last = (section.columns.len() - 1) as u16;
    for (index, column) in section.columns.iter().enumerate() {
        sheet.set_column_width(index as u16, width(*column))?;
    }
    sheet.set_landscape().set_paper_size(A4).set_print_fit_to_pages(1, 0);
    let full_width: f64 = section.columns.iter().map(|c| width(*c)).sum();

    let mut row = 0;
    // One cell, its lines broken: a reader takes the title, unit and year as one heading.
    span(sheet, row, 0, last, &printed.heading, &formats.title)?;
    set_height(sheet, row, lines_in(&printed.heading, full_width) * LINE_HEIGHT)?;
    row += 2;
    for item in &section.items {
        let mut lines = vec![item.line()];
        lines.extend(item.entries());
        for line in lines {
            span(sheet, row, 0, last, &line, &formats.line)?;
            set_height(sheet, row, lines_in(&line, full_width) * LINE_HEIGHT)?;
            row += 1;
        }
    }
    let row = write_table(sheet, section, row + 1, &formats)?;
    match &section.signature {
        Some(signature) => write_signature(sheet, signature, row + 1, last, &formats),
        None => Ok(()),
    }
}

/// The indicator table from `row` on: its header (repeated on every printed page), then each sasaran's rows with
/// NO and SASARAN merged down them. Returns the row after the table.
fn write_table(sheet: &mut Worksheet, section: &Section, mut row: u32, formats: &Formats) -> Result<u32, XlsxError> {
    for (index, column) in section.columns.iter().enumerate() {
        sheet.write_string_with_format(row, index as u16, column.header(), &formats.header)?;
    }
    sheet.set_repeat_rows(row, row)?;
    row += 1;
    let widths: Vec<f64> = section.columns.iter().map(|c| width(*c)).collect();
    for group in &section.groups {
        let first = row;
        let mut heights = Vec::new();
        for indicator in &group.rows {
            let mut lines: f64 = 1.0;
            for (offset, cell) in indicator.cells.iter().enumerate() {
                let text = printable(&cell.join("\n")).into_owned();
                lines = lines.max(lines_in(&text, widths[offset + 2]));
                sheet.write_string_with_format(row, offset as u16 + 2, &text, &formats.cell)?;
            }
            heights.push(lines * LINE_HEIGHT);
            row += 1;
        }
        let end = row - 1;
        let sasaran = printable(&group.sasaran);
        // The merged sasaran needs its lines over all its rows: the last row takes what the others leave.
        let needed = lines_in(&sasaran, widths[1]) * LINE_HEIGHT;
        let others: f64 = heights[..heights.len() - 1].iter().sum();
        if let Some(last) = heights.last_mut() {
            *last = last.max(needed - others);
        }
        for (offset, height) in heights.iter().enumerate() {
            set_height(sheet, first + offset as u32, *height)?;
        }
        if end > first {
            sheet.merge_range(first, 0, end, 0, &group.number, &formats.center)?;
            sheet.merge_range(first, 1, end, 1, &sasaran, &formats.cell)?;
        } else {
            sheet.write_string_with_format(first, 0, &group.number, &formats.center)?;
            sheet.write_string_with_format(first, 1, sasaran.as_ref(), &formats.cell)?;
        }
    }
    Ok(row)
}

/// The superior under columns NO–INDIKATOR, the holder under FORMULASI to the last column: each signer's lines
/// in one cell (place and date, title, room to sign, name, NIP), so that the block is one row of two cells that
/// a reader takes column by column. A block with one signer is a row per line instead: a lone cell of several
/// lines would read as one paragraph.
fn write_signature(
    sheet: &mut Worksheet,
    signature: &Signature,
    row: u32,
    last: u16,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let lines = |place: &str, signer: &SignerLines| -> Vec<String> {
        // Three empty lines to sign in.
        let mut lines: Vec<String> = [place, &signer.jabatan, "", "", "", &signer.nama, &signer.nip]
            .map(str::to_string)
            .to_vec();
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        lines
    };
    let atasan = lines("", &signature.atasan);
    let pegawai = lines(&signature.place_date, &signature.pegawai);
    let (left, right) = ((0, 2), (3, last));
    if !atasan.is_empty() && !pegawai.is_empty() {
        span(sheet, row, left.0, left.1, &atasan.join("\n"), &formats.signer)?;
        span(sheet, row, right.0, right.1, &pegawai.join("\n"), &formats.signer)?;
        let height = atasan.len().max(pegawai.len()) as f64 * LINE_HEIGHT;
        return set_height(sheet, row, height);
    }
    let (first, end) = if atasan.is_empty() { right } else { left };
    for (row, line) in (row..).zip(atasan.iter().chain(&pegawai)) {
        if !line.is_empty() {
            span(sheet, row, first, end, line, &formats.signer)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts_and_unique() {
        let mut taken = HashSet::new();
        let long = "Kepala Sub Bagian Perencanaan, Keuangan dan Aset Daerah";
        let first = sheet_name(long, 1, &mut taken);
        assert_eq!(first, "Kepala Sub Bagian Perencanaan,");
        assert!(first.encode_utf16().count() <= 31);
        let second = sheet_name(long, 2, &mut taken);
        assert_eq!(second, "Kepala Sub Bagian Perencana (2)");
        assert_eq!(sheet_name("Kasi [Trantib]: a/b?*\\", 3, &mut taken), "Kasi Trantib a b");
        assert_eq!(sheet_name("'Camat'", 4, &mut taken), "Camat");
        assert_eq!(sheet_name("CAMAT", 5, &mut taken), "CAMAT (2)");
        assert_eq!(sheet_name("[]", 6, &mut taken), "Jabatan 6");
        assert_eq!(sheet_name("History", 7, &mut taken), "History (2)");
        for name in &taken {
            rust_xlsxwriter::utility::check_sheet_name(name).unwrap();
        }
    }
}
