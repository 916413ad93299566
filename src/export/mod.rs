//! `ikilint export`: the official IKI document printed from a schema-v1 document, as Word (`.docx`) or Excel
//! (`.xlsx`), in the layout offices print and `ikilint import` reads back (SPEC.md section 7): one section (Word)
//! or sheet (Excel) per position with the title, the unit and year, the numbered header items, the indicator
//! table with the sasaran merged over their indicators, and the signature block.
//!
//! A renderer: it reads the model, never the rules. [`layout`] decides what is printed; [`docx`] and [`xlsx`]
//! only place it. Links (`atasan`, `mendukung`) and ids are not printed, as in real documents.

pub mod docx;
pub mod layout;
pub mod skp;
pub mod xlsx;

use crate::model::Document;
use std::borrow::Cow;

/// The office formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfficeFormat {
    Docx,
    Xlsx,
}

impl OfficeFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OfficeFormat::Docx => "docx",
            OfficeFormat::Xlsx => "xlsx",
        }
    }
}

/// Why a document could not be printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// A text longer than an Excel cell holds (32,767 characters): which position, which column, how long.
    CellTooLong {
        position: String,
        column: &'static str,
        chars: usize,
    },
    /// The writer's own words (an I/O or format error that a well-formed document does not cause).
    Writer(String),
}

/// The bytes of the office file printing `document`.
pub fn render(document: &Document, format: OfficeFormat) -> Result<Vec<u8>, ExportError> {
    let printed = layout::of_document(document);
    match format {
        OfficeFormat::Docx => docx::write(&printed).map_err(|e| ExportError::Writer(e.to_string())),
        OfficeFormat::Xlsx => {
            if let Some(too_long) = xlsx::too_long(&printed) {
                return Err(too_long);
            }
            xlsx::write(&printed).map_err(|e| ExportError::Writer(e.to_string()))
        }
    }
}

/// The bytes of the office file printing the SKP `skps[s]` in e-Kinerja's layout ([`skp`]), with the superior
/// RHK texts from `skps` and `documents`.
pub fn render_skp(
    skps: &[crate::skp::SkpDocument],
    s: usize,
    documents: &[Document],
    format: OfficeFormat,
) -> Result<Vec<u8>, ExportError> {
    let pieces = skp::pieces(skps, s, documents);
    match format {
        OfficeFormat::Docx => docx::write_skp(&pieces).map_err(|e| ExportError::Writer(e.to_string())),
        OfficeFormat::Xlsx => {
            let cells = pieces.iter().flat_map(|p| match p {
                skp::Piece::Table { rows, .. } => rows.iter().flatten().map(|c| c.text.as_str()).collect(),
                skp::Piece::Heading(t) | skp::Piece::Line(t) => vec![t.as_str()],
            });
            if let Some(long) = cells.map(|t| t.chars().count()).find(|n| *n > xlsx::CELL_MAX) {
                return Err(ExportError::CellTooLong {
                    position: skps[s].id().unwrap_or("skp").to_string(),
                    column: "SKP",
                    chars: long,
                });
            }
            xlsx::write_skp(&pieces).map_err(|e| ExportError::Writer(e.to_string()))
        }
    }
}

/// `text` without the characters XML 1.0 cannot hold: control characters other than tab and line feed, and the
/// non-characters U+FFFE and U+FFFF, which a YAML escape can put in a string. Word and Excel refuse a file that
/// has one.
pub fn printable(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| (!c.is_control() || c == '\t' || c == '\n') && !matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}
