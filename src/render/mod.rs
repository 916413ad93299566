//! Output formats: each converts from the same [`Diagnostic`].

pub mod github;
pub mod graph;
pub mod html;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod sarif;
pub mod tree;

use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Lang, tr};
use std::collections::BTreeMap;

/// The output formats of `ikilint check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    JsonLines,
    Sarif,
    Github,
}

/// `text` with each character that `entity` names replaced by that entity.
pub fn substitute(text: &str, entity: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match entity(c) {
            Some(replacement) => out.push_str(replacement),
            None => out.push(c),
        }
    }
    out
}

/// Text escaped for HTML (and XML) content and attribute values.
pub fn escape_html(text: &str) -> String {
    substitute(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// A file name as CI tools expect it: relative names without a leading `./`, and `/` as separator.
pub fn repo_path(name: &str) -> String {
    let name = if cfg!(windows) {
        name.replace('\\', "/")
    } else {
        name.to_string()
    };
    let mut rest = name.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    rest.to_string()
}

/// A finding as one text for formats without room for labels (GitHub annotations, SARIF results): the message,
/// then each note and the help on their own lines.
pub fn message_with_notes(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    for note in &d.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let mut summary = Summary {
            files: report.files.len(),
            ..Summary::default()
        };
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }

    /// The closing line of a run, in `lang`.
    pub fn line(&self, lang: Lang) -> String {
        tr(
            lang,
            "common.summary",
            &[
                ("files", &self.files),
                ("errors", &self.errors),
                ("warnings", &self.warnings),
                ("infos", &self.infos),
            ],
        )
    }
}

/// Findings per rule, most frequent first: `(count, code, name)`.
pub fn statistics(report: &Report) -> Vec<(usize, &'static str, &'static str)> {
    let mut counts: BTreeMap<(&'static str, &'static str), usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry((d.code, d.name)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().map(|((code, name), n)| (n, code, name)).collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    rows
}

/// The statistics table as text lines.
pub fn statistics_table(report: &Report) -> String {
    let mut out = String::new();
    for (count, code, name) in statistics(report) {
        out.push_str(&format!("{count:>5}  {code}  {name}\n"));
    }
    out
}
