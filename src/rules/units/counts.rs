//! U004, U005: counts written as a numeral and words (`5 (lima)`), and counts followed by their numbered list.
//! Both read every free-text field of the document: counts are written in formulas, targets and names alike.
//! U014: a numbered list of tugas or fungsi that skips a number or a letter.

use super::{COUNT_LIST_MISMATCH, Context, LIST_NUMBERING_GAP, NUMERAL_WORDS_MISMATCH, span_of};
use crate::diagnostic::Diagnostic;
use crate::locate::Locator;
use crate::model::{Document, Text};
use crate::numwords;
use crate::units::TokKind;
use crate::units::quantity::{Marker, MarkerKind, list_markers, numbered_items_from, numeral_words};
use std::collections::HashMap;
use std::ops::Range;

pub(super) fn numeral_words_mismatch(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    numeral_words_in(cx, document.file, out);
}

pub(super) fn numeral_words_mismatch_skp(cx: &Context, skp: &crate::skp::SkpDocument, out: &mut Vec<Diagnostic>) {
    numeral_words_in(cx, skp.file, out);
}

/// The counts written as a numeral and words that disagree, in every text of `file` (the texts of the context's
/// word table).
fn numeral_words_in(cx: &Context, file: crate::source::FileId, out: &mut Vec<Diagnostic>) {
    for table in cx.tokens().texts() {
        let text = table.text;
        if !text.value.contains('(') {
            continue;
        }
        let toks = table.units();
        let locator = Locator::new(cx.source(file), text);
        for pair in numeral_words(toks) {
            let Some(value) = pair.words_value else { continue };
            if value == pair.numeral {
                continue;
            }
            let written = &text.value[pair.words_range.clone()];
            let numeral_words = numwords::to_words(pair.numeral);
            let value_numeral = value.to_string();
            cx.report(
                &NUMERAL_WORDS_MISMATCH,
                file,
                locator.locate_or_whole(pair.words_range.clone()),
                &[("numeral", &pair.numeral), ("words", &written), ("value", &value)],
            )
            .label("label", &[("value", &value)])
            .secondary(
                file,
                locator.locate_or_whole(pair.numeral_range.clone()),
                "label-numeral",
                &[],
            )
            .help(
                "help",
                &[
                    ("numeral", &pair.numeral),
                    ("numeral_words", &numeral_words),
                    ("value", &value_numeral),
                    ("words", &written),
                ],
            )
            .emit(out);
        }
    }
}

/// Most words between a declared count and the `1.` of its list: `3 (tiga) dokumen keuangan: 1. …`.
const NOUN_PHRASE_MAX: usize = 5;

pub(super) fn count_list_mismatch(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for table in cx.tokens().texts() {
        let text = table.text;
        if !text.value.contains("1.") {
            continue;
        }
        let toks = table.units();
        let pairs = numeral_words(toks);
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokKind::Number || !t.text.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            // A list marker itself (`1.`) declares nothing.
            if toks.get(i + 1).is_some_and(|d| d.is_sym('.') && d.start == t.end) {
                continue;
            }
            let Ok(declared) = t.text.parse::<u64>() else { continue };
            let pair = pairs.iter().find(|p| p.numeral_range.start == t.start);
            let mut j = pair.map_or(i + 1, |p| p.after);
            let noun_start = j;
            while j < toks.len() && toks[j].kind == TokKind::Word && j - noun_start < NOUN_PHRASE_MAX {
                j += 1;
            }
            if j == noun_start {
                continue;
            }
            if toks.get(j).is_some_and(|c| c.is_sym(':')) {
                j += 1;
            }
            // The list must start right here with `1.`.
            let items = numbered_items_from(toks, j);
            if items
                .first()
                .is_none_or(|first| first.marker.start != toks.get(j).map_or(usize::MAX, |t| t.start))
            {
                continue;
            }
            let listed = items.len() as u64;
            let words_value = pair.and_then(|p| p.words_value);
            // When the words agree with the list, the numeral is the mistake: U004 reports it.
            if listed == declared || words_value == Some(listed) {
                continue;
            }
            let Some(last) = items.last() else { continue };
            let count_range = pair.map_or(t.range(), |p| t.start..toks[p.after - 1].end);
            let listed_words = numwords::to_words(listed);
            cx.report(
                &COUNT_LIST_MISMATCH,
                document.file,
                span_of(cx, document, text, count_range),
                &[("declared", &declared), ("listed", &listed)],
            )
            .label("label", &[("declared", &declared)])
            .secondary(
                document.file,
                span_of(cx, document, text, last.marker.clone()),
                "label-last",
                &[("listed", &listed)],
            )
            .help("help", &[("listed", &listed), ("listed_words", &listed_words)])
            .emit(out);
        }
    }
}

/// Most items a list inside one text may skip: a bigger jump is a number ending a sentence (`… tahun 12.`), not a
/// marker.
const INLINE_GAP_MAX: u64 = 2;

/// Where a list was before a marker: its value, and the text and range of its marker (none before the first).
type Previous<'d> = Option<(u64, &'d Text, Range<usize>)>;

pub(super) fn list_numbering_gap(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for jabatan in &document.jabatan {
        for items in [&jabatan.tugas, &jabatan.fungsi] {
            // The markers that start the items make one list across the items, one per kind (`1.`, `a.`).
            let mut across: HashMap<MarkerKind, (u64, &Text, Range<usize>)> = HashMap::new();
            for text in items {
                let toks = cx.tokens().units(text);
                let markers = list_markers(&toks);
                let lead = markers.first().filter(|m| m.at == 0);
                let mut inside: HashMap<MarkerKind, (u64, Range<usize>)> = HashMap::new();
                if let Some(lead) = lead {
                    let previous = across.get(&lead.kind).cloned();
                    if lead.value > previous.as_ref().map_or(0, |p| p.0) + 1 {
                        report_gap(cx, document, text, lead, previous, out);
                    }
                    across.insert(lead.kind, (lead.value, text, lead.range.clone()));
                    // The whole list written in this one item (`1. … 2. … 4. …`).
                    if markers[1..]
                        .iter()
                        .any(|m| m.kind == lead.kind && m.value == lead.value + 1)
                    {
                        inside.insert(lead.kind, (lead.value, lead.range.clone()));
                    }
                }
                // A list inside the item starts at `1.` or `a.`.
                for marker in markers.iter().filter(|m| m.at > 0) {
                    match inside.get(&marker.kind).cloned() {
                        None if marker.value == 1 => {}
                        None => continue,
                        Some((value, _)) if marker.value == value + 1 => {}
                        Some((value, range))
                            if marker.value > value + 1 && marker.value <= value + 1 + INLINE_GAP_MAX =>
                        {
                            report_gap(cx, document, text, marker, Some((value, text, range)), out);
                        }
                        Some(_) => continue,
                    }
                    inside.insert(marker.kind, (marker.value, marker.range.clone()));
                }
            }
        }
    }
}

fn report_gap(
    cx: &Context,
    document: &Document,
    text: &Text,
    marker: &Marker,
    previous: Previous<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let before = previous.as_ref().map_or(0, |p| p.0);
    let first = marker.written(before + 1);
    let last = marker.written(marker.value - 1);
    let written = &text.value[marker.range.clone()];
    let shown_previous = previous
        .as_ref()
        .map_or(String::new(), |(_, t, r)| t.value[r.clone()].to_string());
    let several = marker.value > before + 2;
    let key = match (previous.is_some(), several) {
        (true, false) => "message",
        (true, true) => "message-several",
        (false, false) => "message-start",
        (false, true) => "message-start-several",
    };
    let args: &[(&'static str, &dyn crate::message::ToArg)] = &[
        ("marker", &written),
        ("previous", &shown_previous),
        ("first", &first),
        ("last", &last),
    ];
    let mut finding = cx
        .report(
            &LIST_NUMBERING_GAP,
            document.file,
            span_of(cx, document, text, marker.range.clone()),
            args,
        )
        .message(key, args)
        .label("label", args);
    if let Some((_, previous_text, range)) = &previous {
        finding = finding.secondary(
            document.file,
            span_of(cx, document, previous_text, range.clone()),
            "label-previous",
            args,
        );
    }
    finding.help("help", args).emit(out);
}
