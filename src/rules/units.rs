//! U — units, formulas, targets, counts and numbered lists. The readers of units, formulas and quantities live in
//! [`crate::units`]; each rule here compares what they find.

mod counts;
mod mismatch;
mod values;
mod wording;

use super::{Check, Context, Family, Index, Rule};
use crate::diagnostic::Severity;
use crate::message::Message;
use crate::model::{Document, Indikator, Text};
use crate::source::{FileId, Span};
use crate::units::formula::{self, Formula};
use crate::units::{Satuan, Unit, unit_named};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

pub const UNIT_FORMULA_MISMATCH: Rule = Rule {
    code: "U001",
    name: "unit-formula-mismatch",
    family: Family::Units,
    severity: Severity::Error,
    check: Check::Position(mismatch::unit_formula_mismatch),
};

pub const PERCENT_FORMULA_INCOMPLETE: Rule = Rule {
    code: "U002",
    name: "percent-formula-incomplete",
    family: Family::Units,
    severity: Severity::Error,
    check: Check::Position(mismatch::percent_formula_incomplete),
};

pub const TARGET_UNIT_MISMATCH: Rule = Rule {
    code: "U003",
    name: "target-unit-mismatch",
    family: Family::Units,
    severity: Severity::Error,
    check: Check::PositionAndSkp(mismatch::target_unit_mismatch, mismatch::target_unit_mismatch_skp),
};

pub const NUMERAL_WORDS_MISMATCH: Rule = Rule {
    code: "U004",
    name: "numeral-words-mismatch",
    family: Family::Units,
    severity: Severity::Error,
    check: Check::PositionAndSkp(counts::numeral_words_mismatch, counts::numeral_words_mismatch_skp),
};

pub const COUNT_LIST_MISMATCH: Rule = Rule {
    code: "U005",
    name: "count-list-mismatch",
    family: Family::Units,
    severity: Severity::Error,
    check: Check::Position(counts::count_list_mismatch),
};

pub const SCORE_OUT_OF_RANGE: Rule = Rule {
    code: "U006",
    name: "score-out-of-range",
    family: Family::Units,
    severity: Severity::Error,
    check: Check::Position(values::score_out_of_range),
};

pub const FORMULA_RESTATES_INDICATOR: Rule = Rule {
    code: "U007",
    name: "formula-restates-indicator",
    family: Family::Units,
    severity: Severity::Info,
    check: Check::Position(wording::formula_restates_indicator),
};

pub const TARGET_IN_FORMULA: Rule = Rule {
    code: "U008",
    name: "target-in-formula",
    family: Family::Units,
    severity: Severity::Warning,
    check: Check::Position(values::target_in_formula),
};

pub const INDICATOR_NOT_MEASURABLE: Rule = Rule {
    code: "U009",
    name: "indicator-not-measurable",
    family: Family::Units,
    severity: Severity::Warning,
    check: Check::Position(wording::indicator_not_measurable),
};

pub const ABSOLUTE_TARGET: Rule = Rule {
    code: "U010",
    name: "absolute-target",
    family: Family::Units,
    severity: Severity::Info,
    check: Check::PositionAndSkp(values::absolute_target, values::absolute_target_skp),
};

pub const ACTIVITY_INDICATOR: Rule = Rule {
    code: "U011",
    name: "activity-indicator",
    family: Family::Units,
    severity: Severity::Info,
    check: Check::Position(wording::activity_indicator),
};

pub const UNNAMED_RATIO: Rule = Rule {
    code: "U012",
    name: "unnamed-ratio",
    family: Family::Units,
    severity: Severity::Warning,
    check: Check::Position(mismatch::unnamed_ratio),
};

pub const IKM_TARGET_BELOW_B: Rule = Rule {
    code: "U013",
    name: "ikm-target-below-b",
    family: Family::Units,
    severity: Severity::Warning,
    check: Check::Position(values::ikm_target_below_b),
};

pub const LIST_NUMBERING_GAP: Rule = Rule {
    code: "U014",
    name: "list-numbering-gap",
    family: Family::Units,
    severity: Severity::Warning,
    check: Check::Position(counts::list_numbering_gap),
};

pub const RULES: &[Rule] = &[
    UNIT_FORMULA_MISMATCH,
    PERCENT_FORMULA_INCOMPLETE,
    TARGET_UNIT_MISMATCH,
    NUMERAL_WORDS_MISMATCH,
    COUNT_LIST_MISMATCH,
    SCORE_OUT_OF_RANGE,
    FORMULA_RESTATES_INDICATOR,
    TARGET_IN_FORMULA,
    INDICATOR_NOT_MEASURABLE,
    ABSOLUTE_TARGET,
    ACTIVITY_INDICATOR,
    UNNAMED_RATIO,
    IKM_TARGET_BELOW_B,
    LIST_NUMBERING_GAP,
];

/// Every indicator of a document, in source order.
fn all_indicators(document: &Document) -> impl Iterator<Item = &Indikator> {
    document
        .jabatan
        .iter()
        .flat_map(|j| j.sasaran.iter())
        .flat_map(|s| s.indikator.iter())
}

/// What the unit readers found in one indicator: read once per run, shared by the rules.
pub(crate) struct Analysis {
    pub unit: Option<Unit>,
    pub formula: Option<Formula>,
}

/// The [`Analysis`] of every indicator, made once per document on first use. A document's checks run one after
/// the other on one thread, so documents are analysed in parallel and never twice.
pub(crate) struct Analyses {
    lex: std::sync::Arc<Satuan>,
    /// Per document (keyed by file and start): its indicators' analyses in source order.
    documents: HashMap<(FileId, usize), OnceLock<Vec<Analysis>>>,
}

impl Index for Analyses {
    fn build(cx: &Context) -> Self {
        Analyses {
            lex: cx.data.table::<Satuan>(),
            documents: cx
                .documents
                .iter()
                .map(|d| ((d.file, d.span.start), OnceLock::new()))
                .collect(),
        }
    }
}

impl Analyses {
    /// Every indicator of `document` with its analysis, in source order.
    pub(crate) fn of<'d>(
        &'d self,
        cx: &'d Context,
        document: &'d Document,
    ) -> impl Iterator<Item = (&'d Indikator, &'d Analysis)> {
        let analyses: &[Analysis] = self
            .documents
            .get(&(document.file, document.span.start))
            .map_or(&[], |cell| {
                cell.get_or_init(|| {
                    let tokens = cx.tokens();
                    all_indicators(document)
                        .map(|indikator| Analysis {
                            unit: unit_named(indikator, &tokens.name(indikator.uraian.as_ref()), &self.lex),
                            formula: (indikator.formula.as_ref())
                                .map(|f| formula::parse_tokens(&f.value, &tokens.units(f), &self.lex)),
                        })
                        .collect()
                })
            });
        all_indicators(document).zip(analyses)
    }
}

/// The file span of `range` (a byte range of the decoded `text`), or the whole value when it cannot be located
/// exactly.
fn span_of(cx: &Context, document: &Document, text: &Text, range: Range<usize>) -> Span {
    crate::locate::locate_or_whole(cx.source(document.file), text, range)
}

/// The name of a unit kind (`a percent`, `a count`, …), worded in the finding's language when shown.
fn kind_name(key: &str) -> Message {
    Message::new(&format!("units.kind-{key}"), &[])
}

/// The text of `range` in `text`, for messages.
fn words<'a>(text: &'a Text, range: &Range<usize>) -> &'a str {
    text.value.get(range.clone()).unwrap_or(&text.value)
}

/// An indicator's name for a message: without its list number, the whole name, shortened at a word boundary
/// past 60 characters.
fn short_name(indikator: &Indikator) -> String {
    name_for_message(indikator.uraian.as_ref())
}

/// [`short_name`] of the name `uraian`, for an indicator that is not an IKI one (an SKP's).
fn name_for_message(uraian: Option<&Text>) -> String {
    let Some(uraian) = uraian else {
        return String::new();
    };
    let toks = crate::units::tokenize(&uraian.value);
    let from = crate::units::skip_list_number(&toks);
    let name = toks.get(from).map_or("", |t| &uraian.value[t.start..]);
    crate::words::shorten(name, 60)
}
