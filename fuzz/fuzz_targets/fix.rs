//! The `fix` fuzz target: see `checks::fix`.
#![no_main]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::fix(bytes));
