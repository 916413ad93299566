//! The `render` fuzz target: see `checks::render`.
#![no_main]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::render(bytes));
