//! The whole lint of one document from bytes: never a panic, every label inside its file on a character boundary.
#![no_main]
mod common;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Invalid UTF-8 is an S001 finding before any rule runs; the rules see text.
    let report = common::lint(String::from_utf8_lossy(bytes).into_owned());
    common::assert_located(&report);
});
