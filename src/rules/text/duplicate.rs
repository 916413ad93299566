//! T005 duplicate indicator: the same indicator text twice in one position (warning), or copied verbatim from
//! another position of the same document (info, message `message-copied`). Positions with the same title are
//! several holders of one position, who legitimately share an IKI; the help says "superior" only when the
//! cascade says so.

use super::DUPLICATE_INDICATOR;
use crate::cascade::Cascade;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Text};
use crate::rules::Context;
use crate::skp::SkpDocument;
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

/// A title as compared between positions: case and spacing set aside.
fn same_title(a: &str, b: &str) -> bool {
    let words = |t: &str| t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    words(a) == words(b)
}

pub fn duplicate_indicator(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    let positions = cx
        .documents
        .iter()
        .position(|d| std::ptr::eq(d, document))
        .and_then(|doc| cascade.by_doc.get(doc));
    // One of the two positions is above the other in the `atasan` chain.
    let in_line = |p: usize, q: usize| {
        positions
            .and_then(|ids| ids.get(p).zip(ids.get(q)))
            .is_some_and(|(&a, &b)| cascade.is_superior(a, b) || cascade.is_superior(b, a))
    };
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
                Some(&(q, other, first)) if q != p && !same_title(other, position) => {
                    let help = if in_line(p, q) {
                        "help-copied"
                    } else {
                        "help-copied-peer"
                    };
                    let mut finding = cx
                        .report(&DUPLICATE_INDICATOR, document.file, uraian.span, &[])
                        .message("message-copied", &[("other", &other)])
                        .label("label-copied", &[])
                        .secondary(document.file, first.span, "label-first-copied", &[("other", &other)])
                        .help(help, &[])
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

/// T005 on an SKP: the same indicator text twice within one RHK is a warning, as within one position of an IKI.
/// The same text word for word under two RHK of one SKP is info (`message-copied-rhk`), as between positions:
/// two results measured by one indicator are often a copied cell, but a shared wording of a time or quality
/// indicator is sometimes meant. SKPs are compared only with themselves.
pub fn duplicate_indicator_skp(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    // Exact text → (RHK index, first indicator) across the SKP.
    let mut in_skp: HashMap<&str, (usize, &Text)> = HashMap::new();
    for (r, rhk) in skp.rhk.iter().enumerate() {
        let mut in_rhk: HashMap<String, &Text> = HashMap::new();
        for uraian in rhk.indikator.iter().filter_map(|i| i.uraian.as_ref()) {
            let key = normalise(&uraian.value);
            if key.is_empty() {
                continue;
            }
            if let Some(first) = in_rhk.get(&key) {
                cx.report(&DUPLICATE_INDICATOR, skp.file, uraian.span, &[])
                    .message("message-rhk", &[("rhk", &rhk.id.value)])
                    .label("label", &[])
                    .secondary(skp.file, first.span, "label-first", &[])
                    .help("help", &[])
                    .emit(out);
                continue;
            }
            in_rhk.insert(key, uraian);
            match in_skp.get(uraian.as_str()) {
                Some(&(q, first)) if q != r => {
                    let other = &skp.rhk[q].id.value;
                    let mut finding = cx
                        .report(&DUPLICATE_INDICATOR, skp.file, uraian.span, &[])
                        .message("message-copied-rhk", &[("other", other)])
                        .label("label-copied", &[])
                        .secondary(skp.file, first.span, "label-first-copied-rhk", &[("other", other)])
                        .help("help-copied-rhk", &[])
                        .build();
                    finding.severity = Severity::Info;
                    out.push(finding);
                }
                Some(_) => {}
                None => {
                    in_skp.insert(uraian.as_str(), (r, uraian));
                }
            }
        }
    }
}
