//! N — names and NIPs, checked across everything linted together.

use super::Rule;

pub const RULES: &[Rule] = &[];
