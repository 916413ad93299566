//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which GitHub shows as
//! an annotation on the line of the pull request.
//!
//! Syntax: `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`. In the message `%`, `\r` and
//! `\n` are escaped as `%25`, `%0D`, `%0A`; in a property value also `:` and `,` as `%3A` and `%2C`.

use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::render::{message_with_notes, repo_path};

/// Escape the message part of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One workflow command line (without its newline).
pub fn line(report: &Report, d: &Diagnostic, lang: Lang) -> String {
    let source = report.files.get(d.primary.file);
    let title = escape_property(&format!("{} {}", d.code, d.name));
    let message = message_with_notes(d, lang);
    let file = escape_property(&repo_path(&source.name));
    let severity = command(d.severity);
    // The lines of an office file's imported YAML are not lines of the file GitHub shows: the annotation is on
    // the file, and the message names the table cell.
    if let Some(origin) = report.files.origin(d.primary.file, d.primary.span) {
        let part = origin.describe(lang);
        return format!(
            "::{severity} file={file},title={title}::{}",
            escape_data(&format!("{part}: {message}"))
        );
    }
    let start = source.position(d.primary.span.start);
    let end = source.position(d.primary.span.end);
    format!(
        "::{severity} file={file},line={},col={},endLine={},endColumn={},title={title}::{}",
        start.line,
        start.column,
        end.line,
        end.column,
        escape_data(&message),
    )
}

/// Every finding as a workflow command, one per line.
pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&line(report, d, lang));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("50% a\r\nb: c, d"), "50%25 a%0D%0Ab%3A c%2C d");
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
