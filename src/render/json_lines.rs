//! JSON Lines: one diagnostic object per line, with the same fields as in the JSON document.

use crate::Report;
use crate::i18n::Lang;
use std::io::{self, Write};

/// Write one line per diagnostic.
pub fn write(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        crate::render::json::write_line(&report.files, d, lang, out)?;
    }
    Ok(())
}

pub fn render(report: &Report, lang: Lang) -> String {
    crate::render::into_string(|out| write(report, lang, out))
}
