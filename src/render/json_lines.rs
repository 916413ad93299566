//! JSON Lines: one diagnostic object per line, with the same fields as in the JSON document.

use crate::Report;
use crate::i18n::Lang;
use crate::render::json::{DiagnosticView, io_error};
use crate::render::stream;
use std::io::{self, Write};

/// Write one line of compact JSON per diagnostic, a few files' findings at a time on all cores.
pub fn write(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    stream::write_findings(report, out, b"", |sources, run, bytes| {
        for d in run {
            serde_json::to_writer(&mut *bytes, &DiagnosticView(sources, d, lang)).map_err(io_error)?;
            bytes.push(b'\n');
        }
        Ok(())
    })
}

pub fn render(report: &Report, lang: Lang) -> String {
    crate::render::into_string(|out| write(report, lang, out))
}
