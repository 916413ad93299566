//! T005 duplicate indicator: the same indicator text twice in one position (warning), or copied verbatim from
//! another position of the same document (info, message `message-copied`).

use super::DUPLICATE_INDICATOR;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Text};
use crate::rules::Context;
use std::collections::HashMap;

/// The indicator text compared within a position: without a leading list number ("1."), case, repeated spaces
/// and final punctuation.
/// Unlike [`crate::units::skip_list_number`], the number needs no space after it (`1.Jumlah`); but a digit
/// after the dot makes it a number, not a list mark (`1.000 warga`).
fn normalise(text: &str) -> String {
    let trimmed = text.trim();
    let without_number = match trimmed.split_once(['.', ')']) {
        Some((number, rest))
            if !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
                && !rest.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            rest
        }
        _ => trimmed,
    };
    without_number
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ';', ','])
        .to_lowercase()
}

pub fn duplicate_indicator(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    // Exact text → (position index, position name, first indicator) across the document.
    let mut in_document: HashMap<&str, (usize, &str, &Text)> = HashMap::new();
    for (p, jabatan) in document.jabatan.iter().enumerate() {
        let mut in_position: HashMap<String, &Text> = HashMap::new();
        let position = jabatan.nama.as_ref().map_or("?", |n| n.as_str());
        for indikator in jabatan.sasaran.iter().flat_map(|s| &s.indikator) {
            let Some(uraian) = &indikator.uraian else {
                continue;
            };
            let key = normalise(&uraian.value);
            if key.is_empty() {
                continue;
            }
            if let Some(first) = in_position.get(&key) {
                cx.report(
                    &DUPLICATE_INDICATOR,
                    document.file,
                    uraian.span,
                    &[("position", &position)],
                )
                .label("label", &[])
                .secondary(document.file, first.span, "label-first", &[])
                .help("help", &[])
                .emit(out);
                continue;
            }
            in_position.insert(key, uraian);
            match in_document.get(uraian.as_str()) {
                Some(&(q, other, first)) if q != p => {
                    let mut finding = cx
                        .report(&DUPLICATE_INDICATOR, document.file, uraian.span, &[])
                        .message("message-copied", &[("other", &other)])
                        .label("label-copied", &[])
                        .secondary(document.file, first.span, "label-first-copied", &[("other", &other)])
                        .help("help-copied", &[])
                        .build();
                    finding.severity = Severity::Info;
                    out.push(finding);
                }
                Some(_) => {}
                None => {
                    in_document.insert(uraian.as_str(), (p, position, uraian));
                }
            }
        }
    }
}
