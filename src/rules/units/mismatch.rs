//! U001, U002, U003, U012: the unit an indicator claims (or fails to name) against what its formula computes and
//! what its target says.

use super::{
    Analyses, Analysis, Context, PERCENT_FORMULA_INCOMPLETE, TARGET_UNIT_MISMATCH, UNIT_FORMULA_MISMATCH,
    UNNAMED_RATIO, kind_name, name_for_message, short_name, span_of, words,
};
use crate::data::{Data, Derived};
use crate::diagnostic::Diagnostic;
use crate::memo::Memo;
use crate::message::Message;
use crate::model::{Document, Indikator, Text};
use crate::skp::{RhkIndikator, SkpDocument};
use crate::source::{FileId, Span};
use crate::units::formula::{self, Formula, Kind};
use crate::units::quantity::{self, QUnit, Quantity};
use crate::units::{Satuan, TokKind, Unit, UnitKind, skip_list_number};
use std::ops::Range;

/// What the formula computes, when it clearly disagrees with the unit the indicator claims. Formulas that compute
/// a percent badly (a division without × 100, × 100 without a division) are U002's; values and counts written
/// in the formula cell are U003's and U008's.
fn disagreement(unit: UnitKind, formula: &Formula) -> Option<UnitKind> {
    use UnitKind::*;
    let computed = match formula.kind {
        Kind::Percent | Kind::Times100 => Percent,
        Kind::Ratio => Ratio,
        Kind::Scaled(_) => Score,
        Kind::Named(kind) => kind,
        _ => return None,
    };
    let scaled = matches!(formula.kind, Kind::Scaled(_));
    let bad = match unit {
        Percent => matches!(computed, Count | Duration | Money) || scaled,
        PercentOrIndex | Ratio => matches!(computed, Count | Duration | Money),
        Count => matches!(computed, Percent | Ratio | PercentOrIndex | Duration) || scaled,
        Score => computed == Duration,
        Duration => {
            matches!(computed, Percent | PercentOrIndex | Score | Ratio) && !matches!(formula.kind, Kind::Ratio)
        }
        Money => matches!(computed, Percent | Duration),
    };
    bad.then_some(computed)
}

pub(super) fn unit_formula_mismatch(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let analyses = cx.index::<Analyses>();
    for (indikator, analysis) in analyses.of(cx, document) {
        let (Some(unit), Some(text), Some(parsed)) = (&analysis.unit, &indikator.formula, &analysis.formula) else {
            continue;
        };
        let Some(unit_text) = unit.field(indikator) else {
            continue;
        };
        let Some(computed) = disagreement(unit.kind, parsed) else {
            continue;
        };
        let unit_name = kind_name(unit.kind.key());
        let computed_name = kind_name(computed.key());
        let unit_words = words(unit_text, &unit.words);
        let name = short_name(indikator);
        let mut finding = cx
            .report(
                &UNIT_FORMULA_MISMATCH,
                document.file,
                span_of(cx, document, unit_text, unit.words.clone()),
                &[("indicator", &name), ("unit", &unit_name), ("computed", &computed_name)],
            )
            .label("label", &[("unit", &unit_name), ("word", &unit_words)]);
        let formula_span = match (&parsed.division, &parsed.multiplier, parsed.deciding_range()) {
            (Some(d), Some((_, m)), _) => {
                finding = finding.secondary(
                    document.file,
                    span_of(cx, document, text, d.clone()),
                    "label-division",
                    &[],
                );
                Some(span_of(cx, document, text, m.clone()))
            }
            (_, _, Some(range)) => Some(span_of(cx, document, text, range)),
            _ => None,
        };
        let formula_span = formula_span.unwrap_or(text.span);
        finding = finding.secondary(
            document.file,
            formula_span,
            "label-formula",
            &[("computed", &computed_name)],
        );
        let shape = Message::new(&format!("units.shape-{}", unit.kind.key()), &[]);
        let rename = Message::new(&format!("units.lead-{}", computed.key()), &[]);
        finding
            .help("help", &[("shape", &shape), ("rename", &rename)])
            .emit(out);
    }
}

pub(super) fn percent_formula_incomplete(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        let (Some(unit), Some(text), Some(parsed)) = (&analysis.unit, &indikator.formula, &analysis.formula) else {
            continue;
        };
        let firm_percent = unit.kind == UnitKind::Percent;
        let (key, range) = match parsed.kind {
            Kind::Ratio if firm_percent => ("message-no-100", parsed.division.clone()),
            Kind::Times100 if firm_percent || unit.kind == UnitKind::PercentOrIndex => {
                ("message-no-division", parsed.multiplier.as_ref().map(|m| m.1.clone()))
            }
            Kind::Change if firm_percent => ("message-change", parsed.subtraction.clone()),
            Kind::Named(UnitKind::Percent | UnitKind::PercentOrIndex)
            | Kind::Prose
            | Kind::Source
            | Kind::Enumeration
                if firm_percent =>
            {
                ("message", None)
            }
            _ => continue,
        };
        let Some(unit_text) = unit.field(indikator) else {
            continue;
        };
        let primary = range.map_or(text.span, |r| span_of(cx, document, text, r));
        let label = match key {
            "message-no-100" => "label-no-100",
            "message-no-division" => "label-no-division",
            "message-change" => "label-change",
            _ => "label",
        };
        let unit_words = words(unit_text, &unit.words);
        let name = short_name(indikator);
        cx.report(
            &PERCENT_FORMULA_INCOMPLETE,
            document.file,
            primary,
            &[("indicator", &name)],
        )
        .message(key, &[("indicator", &name)])
        .label(label, &[])
        .secondary(
            document.file,
            span_of(cx, document, unit_text, unit.words.clone()),
            "label-unit",
            &[("word", &unit_words)],
        )
        .help("help", &[])
        .emit(out);
    }
}

/// The quantities an indicator's target is written with: its `target`, and a formula cell that holds only a value
/// (U008 reports that it is misplaced; its unit is still checked here). A count with its noun in the formula cell
/// (`5 (lima) dokumen`) is read only against a percent indicator.
pub(super) fn written_targets<'a>(
    indikator: &'a Indikator,
    analysis: &Analysis,
    lex: &Satuan,
) -> Vec<(&'a Text, Vec<Quantity>, bool)> {
    let mut out = Vec::new();
    if let Some(target) = &indikator.target {
        out.push((target, quantity::quantities(&target.value, lex), true));
    }
    if let (Some(f), Some(parsed)) = (&indikator.formula, &analysis.formula) {
        if matches!(parsed.kind, Kind::Value | Kind::CountValue) {
            out.push((f, quantity::quantities(&f.value, lex), parsed.kind == Kind::Value));
        } else if let Some(fixed) = &parsed.fixed {
            let quantities = quantity::quantities(&f.value, lex)
                .into_iter()
                .filter(|q| q.span.start >= fixed.start && q.span.end <= fixed.end)
                .collect();
            out.push((f, quantities, true));
        }
    }
    out
}

pub(super) fn target_unit_mismatch(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        let Some(unit) = &analysis.unit else { continue };
        let Some(unit_text) = unit.field(indikator) else {
            continue;
        };
        for (text, quantities, is_value) in written_targets(indikator, analysis, &lex) {
            if let Some((q, key)) = target_problem(unit, &quantities, is_value) {
                let at = span_of(cx, document, text, q.span.clone());
                let shown = words(text, &q.span);
                let place = (document.file, at, shown);
                report_target(cx, place, unit, unit_text, &short_name(indikator), key, out);
            }
        }
    }
}

/// The units an SKP indicator's name and satuan say ([`named_units`]), remembered for the run by the two texts:
/// the SKPs of one kind of position (a kabupaten's teachers, its nurses) carry the same indicators from e-Kinerja's
/// lists, and reading a name's unit (its lead words, whether it is itself a computation) costs far more than
/// finding it again.
#[derive(Default)]
struct NamedUnits(Memo<(Option<Unit>, Option<Unit>)>);

impl Derived for NamedUnits {
    fn derive(_: &Data) -> Self {
        NamedUnits::default()
    }
}

/// The unit `indikator`'s name says and the unit its satuan declares, each when the vocabulary knows it.
fn named_units(
    cx: &Context,
    indikator: &RhkIndikator,
    lex: &Satuan,
    memo: &NamedUnits,
) -> (Option<Unit>, Option<Unit>) {
    let compute = || {
        let name = cx.tokens().name(indikator.uraian.as_ref());
        let by_satuan = indikator
            .satuan
            .as_ref()
            .and_then(|satuan| name.declared_unit(satuan, lex));
        (name.unit(lex), by_satuan)
    };
    let (Some(uraian), satuan) = (&indikator.uraian, &indikator.satuan) else {
        return compute();
    };
    // The name's length first, so that no two pairs of texts make one key; a missing satuan apart from an empty one.
    let key = match satuan {
        Some(satuan) => format!("s{}:{}{}", uraian.value.len(), uraian.value, satuan.value),
        None => format!("n{}:{}", uraian.value.len(), uraian.value),
    };
    memo.0.get(&key, compute)
}

/// U003 on an SKP, where the target is a number and its unit is written apart in `satuan`: the target read with
/// its satuan (`12` + `dokumen` is a count, `120` + `persen` a percent) against the unit the indicator's name says
/// (`Persentase …`, `Jumlah …`), else against the satuan alone (a percent above 100).
pub(super) fn target_unit_mismatch_skp(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    let memo = cx.data.derived::<NamedUnits>();
    for indikator in skp.rhk.iter().flat_map(|r| &r.indikator) {
        let Some(target) = &indikator.target else { continue };
        let tokens = cx.tokens();
        // The unit its name says, else the unit its satuan declares.
        let (by_name, by_satuan) = named_units(cx, indikator, &lex, &memo);
        let (unit, unit_text) = match (by_name, &by_satuan) {
            (Some(unit), _) => (unit, indikator.uraian.as_ref()),
            (None, Some(unit)) => (unit.clone(), indikator.satuan.as_ref()),
            (None, None) => continue,
        };
        let Some(unit_text) = unit_text else { continue };
        let mut quantities = quantity::quantities_in(&tokens.units(target), &lex);
        // A bare number takes the unit of its satuan.
        let satuan = indikator.satuan.as_ref().filter(|_| by_satuan.is_some());
        let mut from_satuan = false;
        if let (Some(satuan), Some(declared_unit)) = (satuan, &by_satuan) {
            for q in quantities.iter_mut().filter(|q| q.unit == QUnit::Plain) {
                q.unit = match declared_unit.kind {
                    UnitKind::Percent => QUnit::Percent,
                    UnitKind::Count => QUnit::Count(satuan.value.trim().to_lowercase()),
                    _ => continue,
                };
                from_satuan = true;
            }
        }
        let Some((q, key)) = target_problem(&unit, &quantities, true) else {
            continue;
        };
        let on_satuan = from_satuan && matches!(key, "message-count-on-percent" | "message-percent-on-count");
        let locate =
            |text: &Text, range: Range<usize>| crate::locate::locate_or_whole(cx.source(skp.file), text, range);
        let numeral = words(target, &q.span);
        let place = match satuan {
            Some(satuan) if on_satuan => (
                skp.file,
                locate(satuan, 0..satuan.value.len()),
                format!("{numeral} {}", satuan.value.trim()),
            ),
            _ => (skp.file, locate(target, q.span.clone()), numeral.to_string()),
        };
        report_target(
            cx,
            place,
            &unit,
            unit_text,
            &name_for_message(indikator.uraian.as_ref()),
            key,
            out,
        );
    }
}

/// Report a target that disagrees with the indicator's unit: `place` is the file, the span of the target (or of
/// the satuan that gives it its unit) and the target as shown.
fn report_target(
    cx: &Context,
    (file, at, shown): (FileId, Span, impl std::fmt::Display),
    unit: &Unit,
    unit_text: &Text,
    name: &str,
    key: &str,
    out: &mut Vec<Diagnostic>,
) {
    let unit_name = kind_name(unit.kind.key());
    let unit_span = crate::locate::locate_or_whole(cx.source(file), unit_text, unit.words.clone());
    cx.report(&TARGET_UNIT_MISMATCH, file, at, &[])
        .message(key, &[("target", &shown), ("unit", &unit_name), ("word", &name)])
        .label(&key.replace("message", "label"), &[("unit", &unit_name)])
        .secondary(file, unit_span, "label-unit", &[("unit", &unit_name)])
        .help(&key.replace("message", "help"), &[("word", &name)])
        .emit(out);
}

/// The first quantity that disagrees with the unit, and the message key that says how.
fn target_problem<'q>(unit: &Unit, quantities: &'q [Quantity], is_value: bool) -> Option<(&'q Quantity, &'static str)> {
    let percent = quantities.iter().find(|q| q.unit == QUnit::Percent);
    let count = quantities.iter().find(|q| matches!(q.unit, QUnit::Count(_)));
    match unit.kind {
        UnitKind::Percent | UnitKind::PercentOrIndex => {
            if let Some(q) = percent {
                let high = q.upper.unwrap_or(q.value);
                if high > 100.0 && !unit.change {
                    return Some((q, "message-above-100"));
                }
                if q.value < 0.0 && !unit.change && !unit.lower_is_better {
                    return Some((q, "message-below-0"));
                }
                return None;
            }
            if unit.kind == UnitKind::Percent
                && let Some(q) = count
            {
                return Some((q, "message-count-on-percent"));
            }
            None
        }
        UnitKind::Count => match (percent, count) {
            (Some(q), None) if is_value => Some((q, "message-percent-on-count")),
            _ => None,
        },
        UnitKind::Duration | UnitKind::Money => match (percent, count) {
            (Some(q), None) if is_value => Some((q, "message-percent-on-other")),
            _ => None,
        },
        UnitKind::Ratio | UnitKind::Score => None,
    }
}

/// U012: a formula that divides, for an indicator whose name has no unit word and that declares no `satuan`. The
/// finding says what the indicator really is: a percent (× 100), an index (× another constant), or a ratio (a
/// percent without its × 100, or a ratio left unnamed).
pub(super) fn unnamed_ratio(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        if analysis.unit.is_some() || indikator.satuan.is_some() {
            continue;
        }
        let (Some(uraian), Some(text), Some(parsed)) = (&indikator.uraian, &indikator.formula, &analysis.formula)
        else {
            continue;
        };
        let (key, multiplier) = match parsed.kind {
            Kind::Percent => ("percent", parsed.multiplier.as_ref()),
            Kind::Scaled(_) => ("score", parsed.multiplier.as_ref()),
            Kind::Ratio => ("ratio", None),
            _ => continue,
        };
        let Some(division) = &parsed.division else { continue };
        let toks = cx.tokens().units(uraian);
        let start = skip_list_number(&toks);
        let Some(first) = toks[start..].iter().find(|t| t.kind == TokKind::Word) else {
            continue;
        };
        // A unit word anywhere in the name is U001's to compare; a name that is itself a computation is a column
        // slipped in the source table.
        if (start..toks.len()).any(|i| lex.lead_at(&toks, i).is_some()) || formula::computes(&toks) {
            continue;
        }
        let (part, whole) = formula::division_operands(&text.value, division);
        let part = part.map(|p| lower_first(&p));
        let whole = whole.map(|w| lower_first(&w));
        let ellipsis = "…".to_string();
        let percent = format!("Persentase {}", part.as_ref().unwrap_or(&ellipsis));
        let ratio = match (&part, &whole) {
            (Some(p), Some(w)) => format!("Rasio {p} terhadap {w}"),
            (Some(p), None) => format!("Rasio {p} …"),
            _ => "Rasio … terhadap …".to_string(),
        };
        let score = format!("Indeks {}", part.as_ref().unwrap_or(&ellipsis));
        let name = short_name(indikator);
        let mut finding = cx
            .report(
                &UNNAMED_RATIO,
                document.file,
                span_of(cx, document, uraian, first.range()),
                &[],
            )
            .message(&format!("message-{key}"), &[("indicator", &name)])
            .label("label", &[])
            .secondary(
                document.file,
                span_of(cx, document, text, division.clone()),
                "label-division",
                &[],
            );
        if let Some((k, range)) = multiplier {
            let shown = crate::words::shorten(&k.to_string().replace('.', ","), 12);
            finding = finding.secondary(
                document.file,
                span_of(cx, document, text, range.clone()),
                "label-multiplier",
                &[("k", &shown)],
            );
        }
        finding
            .help(
                &format!("help-{key}"),
                &[("percent", &percent), ("ratio", &ratio), ("score", &score)],
            )
            .emit(out);
    }
}

/// `Peserta yang hadir` → `peserta yang hadir`; an acronym or a name in capitals is kept (`ORSOSMAS aktif`).
fn lower_first(phrase: &str) -> String {
    let mut words = phrase.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let rest = words.next();
    let mut chars = first.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase());
    let first = if capitalised {
        first.to_lowercase()
    } else {
        first.to_string()
    };
    match rest {
        Some(rest) => format!("{first} {rest}"),
        None => first,
    }
}
