//! The `lint` fuzz target: see `checks::lint`.
#![no_main]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::lint(bytes));
