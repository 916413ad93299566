//! T — text: spelling (T001), known terms (T002), repeated words (T003), years (T004), duplicate indicators
//! (T005), words run together (T006) and words no dictionary knows (T007). Every rule reads every free-text field (`Document::texts()`); the
//! data lives in `rules/kbbi.yaml`, `rules/istilah.yaml` and `rules/kata.yaml` ([`tables`]).

mod decimal;
mod duplicate;
mod patterns;
mod repeat;
mod spelling;
pub mod tables;
mod unknown;
pub use unknown::corrections;
mod year;

use super::{Check, Family, Rule};
use crate::diagnostic::Severity;
use crate::model::{Document, Text};
use crate::skp::SkpDocument;

pub const NON_STANDARD_SPELLING: Rule = Rule {
    code: "T001",
    name: "non-standard-spelling",
    family: Family::Text,
    severity: Severity::Warning,
    check: Check::PositionAndSkp(spelling::non_standard, spelling::non_standard_skp),
};

pub const MISSPELLED_TERM: Rule = Rule {
    code: "T002",
    name: "misspelled-term",
    family: Family::Text,
    severity: Severity::Warning,
    check: Check::PositionAndSkp(spelling::misspelled_term, spelling::misspelled_term_skp),
};

pub const REPEATED_WORDS: Rule = Rule {
    code: "T003",
    name: "repeated-words",
    family: Family::Text,
    severity: Severity::Warning,
    check: Check::PositionAndSkp(repeat::repeated_words, repeat::repeated_words_skp),
};

pub const YEAR_MISMATCH: Rule = Rule {
    code: "T004",
    name: "year-mismatch",
    family: Family::Text,
    severity: Severity::Warning,
    check: Check::PositionAndSkp(year::year_mismatch, year::year_mismatch_skp),
};

pub const DUPLICATE_INDICATOR: Rule = Rule {
    code: "T005",
    name: "duplicate-indicator",
    family: Family::Text,
    severity: Severity::Warning,
    check: Check::DocumentAndSkp(duplicate::duplicate_indicator, duplicate::duplicate_indicator_skp),
};

pub const WORDS_RUN_TOGETHER: Rule = Rule {
    code: "T006",
    name: "words-run-together",
    family: Family::Text,
    severity: Severity::Info,
    check: Check::PositionAndSkp(repeat::run_together, repeat::run_together_skp),
};

pub const UNKNOWN_WORD: Rule = Rule {
    code: "T007",
    name: "unknown-word",
    family: Family::Text,
    severity: Severity::Warning,
    check: Check::DocumentAndSkp(unknown::unknown_word, unknown::unknown_word_skp),
};

pub const RULES: &[Rule] = &[
    NON_STANDARD_SPELLING,
    MISSPELLED_TERM,
    REPEATED_WORDS,
    YEAR_MISMATCH,
    DUPLICATE_INDICATOR,
    WORDS_RUN_TOGETHER,
    UNKNOWN_WORD,
];

/// The rules that report a word: a word written many times is one finding per place in the report, grouped
/// in human output and counted as distinct words by `--statistics`.
pub const SPELLING: &[&Rule] = &[
    &NON_STANDARD_SPELLING,
    &MISSPELLED_TERM,
    &WORDS_RUN_TOGETHER,
    &UNKNOWN_WORD,
];

/// Fields that hold a person's name: written as the person writes it, so never checked for spelling.
fn is_name_field(key: &str) -> bool {
    matches!(key, "pemangku.nama" | "tanda_tangan.nama")
}

/// The free-text values of an SKP whose words are checked: every one but names.
fn skp_prose(skp: &SkpDocument) -> impl Iterator<Item = &Text> {
    skp.texts()
        .into_iter()
        .filter(|(key, _)| *key != "nama")
        .map(|(_, text)| text)
}

/// The free-text values of a document whose words are checked for spelling: every one but names.
fn prose(document: &Document) -> impl Iterator<Item = &Text> {
    document
        .texts()
        .into_iter()
        .filter(|(key, _)| !is_name_field(key))
        .map(|(_, text)| text)
}
