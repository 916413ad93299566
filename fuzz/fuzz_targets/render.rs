//! Every renderer on the findings of any document: never a panic; JSON, JSON lines and SARIF are valid JSON.
#![no_main]
mod common;
use ikilint::i18n::Lang;
use ikilint::render;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let report = common::lint(String::from_utf8_lossy(bytes).into_owned());
    for lang in Lang::ALL {
        let mut human = codespan_reporting_sink();
        render::human::render(&report, lang, &mut human).expect("human output renders");
        let sarif: serde_json::Value = serde_json::from_str(&render::sarif::render(&report, lang)).expect("SARIF is JSON");
        assert_eq!(sarif["version"], "2.1.0");
    }
    let json: serde_json::Value = serde_json::from_str(&render::json::render(&report)).expect("JSON output is JSON");
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(report.diagnostics.len()));
    for line in render::json_lines::render(&report).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each JSON line is JSON");
    }
    let github = render::github::render(&report);
    assert_eq!(github.lines().count(), report.diagnostics.len(), "one annotation per line");
    let _ = render::statistics_table(&report);
});

fn codespan_reporting_sink() -> impl codespan_reporting::term::termcolor::WriteColor {
    codespan_reporting::term::termcolor::NoColor::new(Vec::new())
}
