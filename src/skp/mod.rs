//! The SKP document (Sasaran Kinerja Pegawai, PermenPANRB 6/2022; SPEC.md section 6): the second document kind,
//! one employee's work plan for one year. Like [`crate::model`], every value a rule may point at keeps its span,
//! and required keys are `Option` so that a document with a missing key is still linted.

mod model;
pub mod printed;
pub mod read;

pub use model::*;
