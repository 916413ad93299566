//! U — units, formulas, targets and counts.

use super::Rule;

pub const RULES: &[Rule] = &[];
