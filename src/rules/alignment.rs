//! A — alignment: the cascade graph of positions, sasaran and indicators.

use super::Rule;

pub const RULES: &[Rule] = &[];
