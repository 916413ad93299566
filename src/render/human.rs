//! Compiler-style output through codespan-reporting: `error[N004]: …`, the source with labels, `= help: …`.
//!
//! codespan-reporting writes its severity words in English (and calls `info` a `note`); each finding is rendered
//! into a buffer and its header word put into the output's language in one place, [`localize_header`]. A
//! spelling finding repeated in one file is shown once, with the count and the lines of the others; every
//! repeat keeps its own location in the report (fixes and the other formats need them).

use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Lang, tr};
use crate::source::{FileId, Files};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io;

fn to_codespan(files: &Files, d: &Diagnostic, lang: Lang) -> cs::Diagnostic<FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let mut labels =
        vec![cs::Label::primary(d.primary.file, d.primary.span.range()).with_message(d.primary.text(lang))];
    labels.extend(
        d.secondary
            .iter()
            .map(|l| cs::Label::secondary(l.file, l.span.range()).with_message(l.text(lang))),
    );
    let note_word = tr(lang, "common.note", &[]);
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| format!("{note_word}: {}", n.in_lang(lang)))
        .collect();
    if let Some(help) = &d.help {
        notes.push(format!("{}: {}", tr(lang, "common.help", &[]), help.in_lang(lang)));
    }
    if let Some(fix) = &d.fix {
        let key = match fix.applicability {
            crate::diagnostic::Applicability::Safe => "common.fix-safe",
            crate::diagnostic::Applicability::Unsafe => "common.fix-unsafe",
        };
        notes.push(tr(lang, key, &[]));
    }
    // A finding on an office file is shown in the YAML it was read as; the header names the table cell.
    let header = match files.origin(d.primary.file, d.primary.span) {
        Some(origin) => format!("{} [{}] ({})", d.message.in_lang(lang), d.name, origin.describe(lang)),
        None => format!("{} [{}]", d.message.in_lang(lang), d.name),
    };
    cs::Diagnostic::new(severity)
        .with_code(d.code)
        .with_message(header)
        .with_labels(labels)
        .with_notes(notes)
}

/// The severity word of the header in `lang`.
pub fn severity_word(severity: Severity, lang: Lang) -> String {
    tr(lang, &format!("common.severity-{}", severity.as_str()), &[])
}

/// Replace codespan's English severity word in the header `error[A001]` (plain or coloured: the word and the
/// code are written in one colour span) with the word of `lang`.
fn localize_header(rendered: &str, d: &Diagnostic, lang: Lang) -> String {
    let english = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let written = format!("{english}[{}]", d.code);
    let wanted = format!("{}[{}]", severity_word(d.severity, lang), d.code);
    rendered.replacen(&written, &wanted, 1)
}

/// The spelling findings repeated in one file (same rule, same message as shown in `lang`): index of the first →
/// the others.
fn repeats(report: &Report, lang: Lang) -> HashMap<usize, Vec<usize>> {
    let spelling = crate::rules::text::SPELLING;
    let mut by_key: HashMap<(FileId, &str, String), usize> = HashMap::new();
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        if !spelling.iter().any(|r| r.code == d.code) {
            continue;
        }
        match by_key.entry((d.primary.file, d.code, d.message.render(lang))) {
            Entry::Occupied(first) => groups.entry(*first.get()).or_default().push(i),
            Entry::Vacant(place) => {
                place.insert(i);
            }
        }
    }
    groups
}

fn line_of(report: &Report, d: &Diagnostic) -> usize {
    report.files.get(d.primary.file).position(d.primary.span.start).line
}

/// Write every diagnostic of `report`, in order.
pub fn render(report: &Report, lang: Lang, out: &mut dyn WriteColor) -> io::Result<()> {
    let config = Config::default();
    let repeats = repeats(report, lang);
    let hidden: std::collections::HashSet<usize> = repeats.values().flatten().copied().collect();
    for (i, d) in report.diagnostics.iter().enumerate() {
        if hidden.contains(&i) {
            continue;
        }
        let mut diagnostic = to_codespan(&report.files, d, lang);
        if let Some(others) = repeats.get(&i) {
            let lines: Vec<String> = others
                .iter()
                .map(|&o| line_of(report, &report.diagnostics[o]).to_string())
                .collect();
            let count = others.len() + 1;
            let lines = lines.join(", ");
            diagnostic
                .notes
                .insert(0, tr(lang, "common.repeated", &[("count", &count), ("lines", &lines)]));
        }
        let rendered = if out.supports_color() {
            let mut buffer = Ansi::new(Vec::new());
            term::emit_to_write_style(&mut buffer, &config, &report.files, &diagnostic)
                .map_err(|e| io::Error::other(e.to_string()))?;
            buffer.into_inner()
        } else {
            let mut buffer = NoColor::new(Vec::new());
            term::emit_to_write_style(&mut buffer, &config, &report.files, &diagnostic)
                .map_err(|e| io::Error::other(e.to_string()))?;
            buffer.into_inner()
        };
        out.write_all(localize_header(&String::from_utf8_lossy(&rendered), d, lang).as_bytes())?;
    }
    Ok(())
}
