//! The `nip` fuzz target: see `checks::nip`.
#![no_main]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::nip(bytes));
