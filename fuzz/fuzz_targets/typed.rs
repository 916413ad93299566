//! The `typed` fuzz target: see `checks::typed`.
#![no_main]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::typed(bytes));
