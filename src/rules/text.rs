//! T — text: spelling, known terms, repeated words, years.

use super::Rule;

pub const RULES: &[Rule] = &[];
