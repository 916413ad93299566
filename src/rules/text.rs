//! T — text: spelling (T001), known terms (T002), repeated words (T003), years (T004), duplicate indicators
//! (T005), words run together (T006) and words no dictionary knows (T007). Every rule reads the free-text fields
//! through the words of [`super::tokens`], split once per document; the data lives in `rules/kbbi.yaml`, `rules/istilah.yaml` and `rules/kata.yaml` ([`tables`]).

mod decimal;
mod duplicate;
pub mod lexicon;
mod patterns;
mod repeat;
mod spelling;
pub mod tables;
mod unknown;
pub use unknown::corrections;
mod year;

use super::{Check, Family, Rule};
use crate::diagnostic::Severity;

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
