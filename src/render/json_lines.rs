//! JSON Lines: one diagnostic object per line, with the same fields as in the JSON document.

use crate::Report;
use std::io::{self, Write};

/// Write one line per diagnostic.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        crate::render::json::write_line(&report.files, d, out)?;
    }
    Ok(())
}

pub fn render(report: &Report) -> String {
    let mut bytes = Vec::new();
    write(report, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}
