//! The `units` fuzz target: see `checks::units`.
#![no_main]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::units(bytes));
