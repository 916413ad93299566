//! JSON Lines: one diagnostic object per line, with the same fields as in the JSON document.

use crate::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&crate::render::json::diagnostic(&report.files, d).to_string());
        out.push('\n');
    }
    out
}
