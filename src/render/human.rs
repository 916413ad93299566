//! Compiler-style output through codespan-reporting: `error[N004]: …`, the source with labels, `= help: …`.

use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Lang, tr};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::io;

fn to_codespan(d: &Diagnostic, lang: Lang) -> cs::Diagnostic<crate::source::FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let mut labels = vec![cs::Label::primary(d.primary.file, d.primary.span.range()).with_message(&d.primary.message)];
    labels.extend(
        d.secondary
            .iter()
            .map(|l| cs::Label::secondary(l.file, l.span.range()).with_message(&l.message)),
    );
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| format!("{}: {n}", tr(lang, "common.note", &[])))
        .collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        let key = match fix.applicability {
            crate::diagnostic::Applicability::Safe => "common.fix-safe",
            crate::diagnostic::Applicability::Unsafe => "common.fix-unsafe",
        };
        notes.push(tr(lang, key, &[]));
    }
    cs::Diagnostic::new(severity)
        .with_code(d.code)
        .with_message(format!("{} [{}]", d.message, d.name))
        .with_labels(labels)
        .with_notes(notes)
}

/// Write every diagnostic of `report`, in order.
pub fn render(report: &Report, lang: Lang, out: &mut dyn WriteColor) -> io::Result<()> {
    let config = term::Config::default();
    for d in &report.diagnostics {
        term::emit_to_write_style(out, &config, &report.files, &to_codespan(d, lang)).map_err(|e| match e {
            // Keep the kind, so that a reader closing the pipe is told apart from a real failure.
            codespan_reporting::files::Error::Io(e) => e,
            e => io::Error::other(e.to_string()),
        })?;
    }
    Ok(())
}
