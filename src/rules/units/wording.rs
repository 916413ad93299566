//! U007, U009, U011: indicators and formulas whose words say nothing measurable, or measure the work instead of
//! the result. Whether a word words a result or an activity is [`crate::wording`]'s decision.

use super::{
    ACTIVITY_INDICATOR, Analyses, Context, FORMULA_RESTATES_INDICATOR, INDICATOR_NOT_MEASURABLE, short_name, span_of,
};
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::units::formula::Kind;
use crate::units::quantity::{self, QUnit};
use crate::units::{Satuan, Tok, TokKind, UnitKind, skip_list_number};
use crate::wording::{Form, Hasil, Lexicon, Wording, classify, is_result_word};
use std::collections::HashSet;

/// Lowercased words of a text, `&` read as `dan`, list numbers and punctuation left out.
fn word_set(toks: &[Tok]) -> HashSet<String> {
    toks.iter()
        .filter_map(|t| match t.kind {
            TokKind::Word => Some(t.text.to_lowercase()),
            TokKind::Sym if t.text == "&" => Some("dan".to_string()),
            _ => None,
        })
        .collect()
}

/// The tokens of a formula without what it adds before or after the indicator's words and that explains nothing:
/// filler words (`Jumlah …`, `… yang …`), periods (`… per tahun`, `setiap bulan …`, `… tahun 2024`,
/// `… dalam 1 (satu) tahun`), numbers and punctuation.
fn restated_core<'t, 'a>(toks: &'t [Tok<'a>], lex: &Satuan) -> &'t [Tok<'a>] {
    let added = |t: &Tok| match t.kind {
        TokKind::Word => {
            lex.is_filler_word(t.text) || lex.is_period_noun(t.text) || crate::numwords::is_number_word(t.text)
        }
        TokKind::Number => true,
        TokKind::Sym => t.text != "&",
    };
    let start = toks.iter().position(|t| !added(t)).unwrap_or(toks.len());
    let end = toks.iter().rposition(|t| !added(t)).map_or(start, |i| i + 1);
    &toks[start..end.max(start)]
}

pub(super) fn formula_restates_indicator(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        let (Some(uraian), Some(text), Some(parsed)) = (&indikator.uraian, &indikator.formula, &analysis.formula)
        else {
            continue;
        };
        // A count's formula may be its name ("Jumlah …" is how a count is computed); a percent formula that
        // computes nothing is U002's; an indicator without a unit word is U009's.
        let Some(unit) = &analysis.unit else { continue };
        if matches!(unit.kind, UnitKind::Count | UnitKind::Percent) {
            continue;
        }
        if !matches!(parsed.kind, Kind::Named(_) | Kind::Prose) {
            continue;
        }
        let tokens = cx.tokens();
        let formula_words = word_set(restated_core(&tokens.units(text), &lex));
        if formula_words.len() < 2 || !formula_words.is_subset(&word_set(&tokens.units(uraian))) {
            continue;
        }
        cx.report(&FORMULA_RESTATES_INDICATOR, document.file, text.span, &[])
            .label("label", &[])
            .secondary(document.file, uraian.span, "label-indicator", &[])
            .help(&format!("help-{}", unit.kind.key()), &[])
            .emit(out);
    }
}

pub(super) fn indicator_not_measurable(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let lex = cx.data.table::<Satuan>();
    for (indikator, analysis) in cx.index::<Analyses>().of(cx, document) {
        let Some(uraian) = &indikator.uraian else { continue };
        if indikator.satuan.is_some() {
            continue;
        }
        let toks = cx.tokens().units(uraian);
        let start = skip_list_number(&toks);
        let Some(first) = toks
            .get(start)
            .filter(|t| t.kind == TokKind::Word && is_result_word(t.text, &lex))
        else {
            continue;
        };
        // A unit word anywhere in the name ("Tercapai nilai Survei …"), or a count with its noun or a percent
        // ("… sebanyak 12 kali"), makes it measurable.
        if (start..toks.len()).any(|i| lex.lead_at(&toks, i).is_some())
            || quantity::quantities_in(&toks, &lex)
                .iter()
                .any(|q| q.unit != QUnit::Plain)
        {
            continue;
        }
        let measured = analysis
            .formula
            .as_ref()
            .is_some_and(|f| !matches!(f.kind, Kind::Prose | Kind::Source));
        if measured {
            continue;
        }
        let name = short_name(indikator);
        let mut finding = cx
            .report(
                &INDICATOR_NOT_MEASURABLE,
                document.file,
                span_of(cx, document, uraian, first.range()),
                &[("name", &name)],
            )
            .label("label", &[]);
        if let Some(f) = &indikator.formula {
            finding = finding.secondary(document.file, f.span, "label-formula", &[]);
        }
        finding.help("help", &[]).emit(out);
    }
}

/// The first word of a text after its list number, when it is a word.
fn first_word<'t, 'a>(toks: &'t [Tok<'a>]) -> Option<&'t Tok<'a>> {
    toks.get(skip_list_number(toks)).filter(|t| t.kind == TokKind::Word)
}

pub(super) fn activity_indicator(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let satuan = cx.data.table::<Satuan>();
    let hasil = cx.data.table::<Hasil>();
    let lex = Lexicon {
        satuan: &satuan,
        hasil: &hasil,
    };
    for sasaran in document.jabatan.iter().flat_map(|j| j.sasaran.iter()) {
        let Some(goal) = &sasaran.uraian else { continue };
        let goal_toks = cx.tokens().units(goal);
        let Some(result) = first_word(&goal_toks).filter(|t| is_result_word(t.text, &satuan)) else {
            continue;
        };
        for indikator in &sasaran.indikator {
            let Some(uraian) = &indikator.uraian else { continue };
            let toks = cx.tokens().units(uraian);
            // The thing measured: the word right after the unit word (`Jumlah rapat …`, `Frekuensi pembinaan`).
            // A score, a duration or money measures a result or a resource, whatever follows (`Nilai Survei …`).
            let Some((kind, end)) = satuan.lead_at(&toks, skip_list_number(&toks)) else {
                continue;
            };
            if !matches!(
                kind,
                UnitKind::Percent | UnitKind::Ratio | UnitKind::PercentOrIndex | UnitKind::Count
            ) {
                continue;
            }
            let Some(head) = toks.get(end).filter(|t| t.kind == TokKind::Word) else {
                continue;
            };
            // A rate of change (`Persentase peningkatan …`) measures a result.
            if satuan.is_change_word(head.text) || classify(head.text, lex) != Wording::Activity(Form::Noun) {
                continue;
            }
            let name = short_name(indikator);
            cx.report(
                &ACTIVITY_INDICATOR,
                document.file,
                span_of(cx, document, uraian, head.range()),
                &[("name", &name), ("activity", &head.text)],
            )
            .label("label", &[("activity", &head.text)])
            .secondary(
                document.file,
                span_of(cx, document, goal, result.range()),
                "label-sasaran",
                &[("result", &result.text)],
            )
            .help("help", &[("activity", &head.text)])
            .emit(out);
        }
    }
}
