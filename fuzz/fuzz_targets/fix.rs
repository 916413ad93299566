//! Fixes (safe and unsafe) to a fixed point: the fixed text still parses, and fixing it again changes nothing.
#![no_main]
mod common;
use ikilint::fix::{Options, fix_to_fixed_point};
use libfuzzer_sys::fuzz_target;

fn relint(sources: Vec<(String, String)>) -> ikilint::Report {
    ikilint::check_sources(sources, common::data(), &ikilint::lint::Settings::new(ikilint::i18n::Lang::En))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let options = Options { unsafe_fixes: true };
    let report = common::lint(text.to_string());
    let was_broken = report.diagnostics.iter().any(|d| d.code == "S001");
    let fixed = fix_to_fixed_point(report, options, &relint);
    common::assert_located(&fixed.report);
    if fixed.original.is_empty() {
        return;
    }
    assert!(!was_broken, "a file with S001 was changed");
    assert!(
        fixed.report.diagnostics.iter().all(|d| d.code != "S001"),
        "the fixed text does not parse"
    );
    let again = fix_to_fixed_point(fixed.report, options, &relint);
    assert!(again.original.is_empty(), "a second fix changed the text again");
});
