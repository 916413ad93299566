//! U006, U008, U010, U013: values written as targets — their range, their place, their wording, their level.

use super::mismatch::written_targets;
use super::{
    ABSOLUTE_TARGET, Analyses, Analysis, Context, IKM_TARGET_BELOW_B, SCORE_OUT_OF_RANGE, TARGET_IN_FORMULA, span_of,
    words,
};
use crate::diagnostic::Diagnostic;
use crate::message::Message;
use crate::model::{Document, Indikator};
use crate::units::formula::Kind;
use crate::units::quantity::QUnit;
use crate::units::{Bound, Satuan, Tok, TokKind, UnitKind};

/// The IKM grade of a value on the 25–100 scale (PermenPANRB 14/2017).
pub fn ikm_grade(value: f64) -> Option<(&'static str, &'static str)> {
    match value {
        v if (88.31..=100.0).contains(&v) => Some(("A", "grade-a")),
        v if (76.61..88.31).contains(&v) => Some(("B", "grade-b")),
        v if (65.0..76.61).contains(&v) => Some(("C", "grade-c")),
        v if (25.0..65.0).contains(&v) => Some(("D", "grade-d")),
        _ => None,
    }
}

/// True when a score word (Nilai, Indeks, IKM, …) appears anywhere in the tokens of a text.
fn names_score(toks: &[Tok], lex: &Satuan) -> bool {
    (0..toks.len()).any(|i| lex.lead_at(toks, i).is_some_and(|(kind, _)| kind == UnitKind::Score))
}

/// A number for messages, with the Indonesian decimal comma.
fn show(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    };
    text.replace('.', ",")
}

/// The scale (`ikm`, `sakip`) an indicator's value is on: the indicator is measured as a score, and its name,
/// satuan or formula names the survey or the evaluation. Only a score is on such a scale: a percent's range is
/// U003's, and a count of respondents or of reports is not a score. Without a unit word, the name must still call
/// the value a score.
fn survey_family(cx: &Context, indikator: &Indikator, analysis: &Analysis, lex: &Satuan) -> Option<String> {
    let score_like = match &analysis.unit {
        Some(unit) => matches!(unit.kind, UnitKind::Score | UnitKind::PercentOrIndex),
        None => (indikator.uraian.as_ref()).is_some_and(|u| names_score(&cx.tokens().units(u), lex)),
    };
    if !score_like {
        return None;
    }
    [&indikator.uraian, &indikator.satuan, &indikator.formula]
        .into_iter()
        .flatten()
        .find_map(|t| lex.survey_in(&t.value).map(|(family, _)| family.to_string()))
}

pub(super) fn score_out_of_range(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        let Some(family) = survey_family(cx, indikator, analysis, &lex) else {
            continue;
        };
        let (low, high, key) = if family == "ikm" {
            (25.0, 100.0, "message-ikm")
        } else {
            (0.0, 100.0, "message-sakip")
        };
        for (text, quantities, _) in written_targets(indikator, analysis, &lex) {
            // A level on a stated scale (`Level 3`) is not a score.
            for q in quantities
                .iter()
                .filter(|q| matches!(q.unit, QUnit::Plain | QUnit::Percent) && q.bound != Bound::Level)
            {
                let value = q.value;
                if (low..=high).contains(&value) {
                    continue;
                }
                let shown = words(text, &q.numeral);
                let mut finding = cx
                    .report(
                        &SCORE_OUT_OF_RANGE,
                        document.file,
                        span_of(cx, document, text, q.numeral.clone()),
                        &[],
                    )
                    .message(key, &[("value", &shown)])
                    .label("label", &[("low", &show(low)), ("high", &show(high))]);
                if family == "ikm" {
                    // The likeliest intended value: an average on the 1–4 scale not yet converted (× 25), or a
                    // decimal comma lost (8135 for 81,35).
                    let candidates = [(value * 25.0, "note-scale"), (value / 100.0, "note-comma")];
                    if let Some((meant, note)) = candidates
                        .into_iter()
                        .find(|(v, _)| value > 0.0 && ikm_grade(*v).is_some() && (*v - value).abs() > f64::EPSILON)
                        && let Some((grade, grade_key)) = ikm_grade(meant)
                    {
                        let grade_name = Message::new(&format!("units.{grade_key}"), &[]);
                        finding = finding.note(
                            note,
                            &[
                                ("value", &shown),
                                ("meant", &show(meant)),
                                ("grade", &grade),
                                ("grade_name", &grade_name),
                            ],
                        );
                    }
                }
                finding.help(&key.replace("message", "help"), &[]).emit(out);
            }
        }
    }
}

/// The lower limit of IKM grade B (Baik) on the 25–100 scale, PermenPANRB 14/2017; 3,0644 on the 1–4 scale.
const IKM_GRADE_B: f64 = 76.61;

pub(super) fn ikm_target_below_b(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        if survey_family(cx, indikator, analysis, &lex).as_deref() != Some("ikm") {
            continue;
        }
        for (text, quantities, _) in written_targets(indikator, analysis, &lex) {
            // The value the target asks for: the number itself, the lower end of a range (`70-80`), or a lower
            // bound (`minimal 70`). An upper bound or a level (`Level 3`) asks for no grade.
            for q in quantities.iter().filter(|q| {
                matches!(q.unit, QUnit::Plain | QUnit::Percent) && matches!(q.bound, Bound::Exact | Bound::AtLeast)
            }) {
                let (scale, converted) = match q.value {
                    v if (25.0..=100.0).contains(&v) => ("25–100", v),
                    // An average on the 1–4 scale (U006 reports the scale): graded by its conversion × 25.
                    v if (1.0..=4.0).contains(&v) => ("1–4", v * 25.0),
                    _ => continue,
                };
                if converted >= IKM_GRADE_B - 1e-9 {
                    continue;
                }
                let Some((grade, grade_key)) = ikm_grade(converted) else {
                    continue;
                };
                let grade_name = Message::new(&format!("units.{grade_key}"), &[]);
                let shown = words(text, &q.span);
                let floor = if scale == "1–4" { "3,0644" } else { "76,61" };
                cx.report(
                    &IKM_TARGET_BELOW_B,
                    document.file,
                    span_of(cx, document, text, q.span.clone()),
                    &[("value", &shown), ("grade", &grade), ("grade_name", &grade_name)],
                )
                .label("label", &[("grade", &grade), ("scale", &scale)])
                .note("note-grades", &[])
                .help("help", &[("floor", &floor), ("value", &shown)])
                .emit(out);
            }
        }
    }
}

pub(super) fn target_in_formula(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        let (Some(text), Some(parsed)) = (&indikator.formula, &analysis.formula) else {
            continue;
        };
        let Some(fixed) = &parsed.fixed else { continue };
        let shown = words(text, fixed);
        // The whole cell is a value (`Target 81,35`, `2500 orang/ tamu, 12 bulan`), a value closes an explanation
        // (`… x 100%, 85%`), or the computation states its result (`… = 100`).
        let only_value = matches!(parsed.kind, Kind::Value | Kind::CountValue);
        let key = if only_value {
            "message"
        } else if parsed.closing {
            "message-closing"
        } else {
            "message-result"
        };
        let has_target = indikator.target.is_some();
        let mut finding = cx
            .report(
                &TARGET_IN_FORMULA,
                document.file,
                span_of(cx, document, text, fixed.clone()),
                &[],
            )
            .message(key, &[("value", &shown)])
            .label("label", &[]);
        if let Some(target) = &indikator.target {
            finding = finding.secondary(document.file, target.span, "label-target", &[]);
        }
        let help = match (only_value, parsed.closing, has_target) {
            (true, _, false) => "help",
            (true, _, true) => "help-has-target",
            (false, true, false) => "help-closing",
            (false, true, true) => "help-closing-has-target",
            (false, false, _) => "help-result",
        };
        finding.help(help, &[("value", &shown)]).emit(out);
    }
}

/// Words that make a target absolute (PermenPANRB 8/2021): one word, or two for `tidak pernah`.
const ABSOLUTE: &[&[&str]] = &[
    &["semua"],
    &["selalu"],
    &["setiap"],
    &["tidak", "pernah"],
    &["seluruhnya"],
];

pub(super) fn absolute_target(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        let mut texts = Vec::new();
        if let Some(target) = &indikator.target {
            texts.push(target);
        }
        if let (Some(f), Some(parsed)) = (&indikator.formula, &analysis.formula)
            && matches!(parsed.kind, Kind::Value | Kind::CountValue)
        {
            texts.push(f);
        }
        for text in texts {
            absolute_in(cx, document.file, text, &lex, out);
        }
    }
}

/// U010 on an SKP: the targets of its indicators.
pub(super) fn absolute_target_skp(cx: &Context, skp: &crate::skp::SkpDocument, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for target in skp
        .rhk
        .iter()
        .flat_map(|r| &r.indikator)
        .filter_map(|i| i.target.as_ref())
    {
        absolute_in(cx, skp.file, target, &lex, out);
    }
}

/// An absolute word in one target (or fixed-value formula) text.
fn absolute_in(
    cx: &Context,
    file: crate::source::FileId,
    text: &crate::model::Text,
    lex: &Satuan,
    out: &mut Vec<Diagnostic>,
) {
    let toks = cx.tokens().units(text);
    let found = (0..toks.len()).find_map(|i| {
        ABSOLUTE.iter().find_map(|phrase| {
            let matched = phrase
                .iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.kind == TokKind::Word && t.is(w)));
            // `setiap bulan` is a frequency, not an absolute.
            let frequency = *phrase == ["setiap"] && toks.get(i + 1).is_some_and(|t| lex.is_period_noun(t.text));
            (matched && !frequency).then(|| toks[i].start..toks[i + phrase.len() - 1].end)
        })
    });
    let Some(range) = found else { return };
    let word = words(text, &range);
    cx.report(
        &ABSOLUTE_TARGET,
        file,
        crate::locate::locate_or_whole(cx.source(file), text, range.clone()),
        &[("word", &word)],
    )
    .label("label", &[])
    .help("help", &[("word", &word)])
    .emit(out);
}
