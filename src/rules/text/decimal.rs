//! T001 for numbers: a decimal point in a value (`76.61`), where Indonesian writes a decimal comma (`76,61`) and a
//! dot separates thousands (`2.500`). Read in the values the U rules read as targets: a `target`, and a formula
//! cell's value (a cell that holds only a value, or a target left in it) — not in prose, where a dot also numbers
//! sections (`3.1`) and tells the time (`pukul 08.00`, as EYD V writes it).

use super::NON_STANDARD_SPELLING;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::locate::Locator;
use crate::model::{Document, Text};
use crate::rules::Context;
use crate::rules::units::Analyses;
use crate::units::formula::Kind;
use crate::units::quantity::decimal_point_form;
use crate::units::{Tok, TokKind};
use std::ops::Range;

/// The numbers with a decimal point inside `within` (byte ranges of the value split into `toks`), with their
/// comma form.
fn decimal_points(toks: &[Tok], within: &Range<usize>) -> Vec<(Range<usize>, String)> {
    toks.iter()
        .filter(|t| t.kind == TokKind::Number && t.start >= within.start && t.end <= within.end)
        .filter_map(|t| decimal_point_form(t.text).map(|comma| (t.range(), comma)))
        .collect()
}

/// The values of an indicator's fields that are targets: the whole `target`, and the part of the formula cell that
/// holds a value (as the U rules' reading of the formula, [`Analyses`], says).
fn target_values<'d>(cx: &'d Context, analyses: &'d Analyses, document: &'d Document) -> Vec<(&'d Text, Range<usize>)> {
    let mut out = Vec::new();
    for (indikator, analysis) in analyses.of(cx, document) {
        if let Some(target) = &indikator.target {
            out.push((target, 0..target.value.len()));
        }
        if let (Some(f), Some(parsed)) = (&indikator.formula, &analysis.formula) {
            if matches!(parsed.kind, Kind::Value | Kind::CountValue) {
                out.push((f, 0..f.value.len()));
            } else if let Some(fixed) = parsed.fixed.clone() {
                out.push((f, fixed));
            }
        }
    }
    out
}

pub fn decimal_point(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let source = cx.source(document.file);
    let analyses = cx.index::<Analyses>();
    for (text, within) in target_values(cx, &analyses, document) {
        let found = decimal_points(&cx.tokens().units(text), &within);
        if found.is_empty() {
            continue;
        }
        let locator = Locator::new(source, text);
        // In a plain scalar a comma can end a flow mapping (`{ target: 76,61 }`): safe only inside quotes.
        let quoted = source
            .get(text.span.range())
            .is_some_and(|raw| raw.starts_with('"') || raw.starts_with('\''));
        let applicability = if quoted {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        for (range, comma) in found {
            let written = &text.value[range.clone()];
            let args: &[(&'static str, &dyn crate::message::ToArg)] = &[("word", &written), ("standard", &comma)];
            let span = locator.locate(range);
            let finding = cx
                .report(&NON_STANDARD_SPELLING, document.file, span.unwrap_or(text.span), args)
                .message("message-decimal", args)
                .label("label-decimal", &[])
                .note(
                    "note-source",
                    &[("source", &"EYD V (tanda koma pada bilangan desimal)")],
                )
                .help("help", args);
            match span {
                Some(span) => finding
                    .fix(Fix::replace(applicability, document.file, span, comma))
                    .emit(out),
                None => finding.emit(out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::tokenize;

    #[test]
    fn decimal_points_in_a_range_of_the_value() {
        let found = decimal_points(&tokenize("Target 76.61 dari 2.500 orang, 3.0644"), &(0..38));
        let shown: Vec<_> = found.iter().map(|(_, comma)| comma.as_str()).collect();
        assert_eq!(shown, ["76,61", "3,0644"]);
        assert!(decimal_points(&tokenize("Target 76.61"), &(0..6)).is_empty());
    }
}
