//! What every fuzz target that lints checks of a report: each label and each fix edit lies inside its file, on
//! character boundaries. (Each target uses only part of it.)
#![allow(dead_code)]

use ikilint::Report;
use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::lint::Settings;
use std::sync::OnceLock;

pub fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(Data::builtin)
}

/// Lint `text` as one file named `fuzz.yaml`, as if named on the command line.
pub fn lint(text: String) -> Report {
    ikilint::check_sources(vec![("fuzz.yaml".to_string(), text)], data(), &Settings::new(Lang::En))
}

pub fn assert_located(report: &Report) {
    for d in &report.diagnostics {
        let spans = std::iter::once(&d.primary)
            .chain(&d.secondary)
            .map(|l| (l.file, l.span))
            .chain(d.fix.iter().flat_map(|f| &f.edits).map(|e| (e.file, e.span)));
        for (file, span) in spans {
            let text = &report.files.get(file).text;
            assert!(span.start <= span.end && span.end <= text.len(), "{} outside its file: {span:?}", d.code);
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} not on a character boundary: {span:?}",
                d.code
            );
        }
    }
}
