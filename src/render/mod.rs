//! Output formats: each converts from the same [`Diagnostic`].

pub mod github;
pub mod graph;
pub mod html;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod sarif;
pub mod stream;
pub mod tree;

use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Lang, tr};
use crate::message::Message;
use std::collections::{BTreeMap, HashSet};

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

/// The text a streaming renderer writes, for callers that want it whole (tests, library users).
pub(crate) fn into_string(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut bytes = Vec::new();
    write(&mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the renderers write UTF-8")
}

/// A file name as CI tools expect it: relative to the working directory (the repository root in CI) also when the
/// user named an absolute path under it, without a leading `./`, and `/` as separator.
pub fn repo_path(name: &str) -> String {
    crate::paths::repository_relative(&cwd_relative(name), crate::paths::WINDOWS)
}

/// A file name relative to the working directory when the user named an absolute path under it; else as given.
pub fn cwd_relative(name: &str) -> std::borrow::Cow<'_, str> {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| relative_to(std::path::Path::new(name), &cwd))
        .map_or(std::borrow::Cow::Borrowed(name), std::borrow::Cow::Owned)
}

/// `path` relative to `dir` when it is an absolute path inside it (`dir` as given or with its symlinks resolved).
fn relative_to(path: &std::path::Path, dir: &std::path::Path) -> Option<String> {
    if !path.is_absolute() {
        return None;
    }
    let resolved = dir.canonicalize().ok();
    std::iter::once(dir)
        .chain(resolved.as_deref())
        .find_map(|d| path.strip_prefix(d).ok())
        .filter(|rest| !rest.as_os_str().is_empty())
        .map(|rest| rest.to_string_lossy().into_owned())
}

/// A finding as one text for formats without room for labels (GitHub annotations, SARIF results): the message,
/// then each note and the help on their own lines.
pub fn message_with_notes(d: &Diagnostic, lang: Lang) -> String {
    message_in_one_text(d, lang, "", "note", "help")
}

/// A finding as one text: the message, `label` in parentheses when there is one, then each note after `note: `
/// and the help after `help: `, each on its own line.
pub fn message_in_one_text(d: &Diagnostic, lang: Lang, label: &str, note: &str, help: &str) -> String {
    use std::fmt::Write as _;
    let mut text = d.message.render(lang);
    if !label.is_empty() {
        let _ = write!(text, " ({label})");
    }
    for each in &d.notes {
        let _ = write!(text, "\n{note}: {}", each.in_lang(lang));
    }
    if let Some(each) = &d.help {
        let _ = write!(text, "\n{help}: {}", each.in_lang(lang));
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
            errors: report.counted.of(Severity::Error),
            warnings: report.counted.of(Severity::Warning),
            infos: report.counted.of(Severity::Info),
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

/// Findings per rule, most frequent first: `(count, code, name, distinct)`, where `distinct` is, for the rules
/// that report words ([`crate::rules::text::SPELLING`]), the number of distinct messages (one per word and
/// suggestion).
pub fn statistics(report: &Report) -> Vec<(usize, &'static str, &'static str, Option<usize>)> {
    // Messages are told apart as data (key and arguments), without putting them into words.
    let mut counts: BTreeMap<(&'static str, &'static str), (usize, HashSet<&Message>)> = BTreeMap::new();
    for d in &report.diagnostics {
        let entry = counts.entry((d.code, d.name)).or_default();
        entry.0 += 1;
        entry.1.insert(&d.message);
    }
    let spelling = crate::rules::text::SPELLING;
    let mut rows: Vec<_> = counts
        .into_iter()
        .map(|((code, name), (n, messages))| {
            let distinct = spelling.iter().any(|r| r.code == code).then_some(messages.len());
            (n, code, name, distinct)
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    rows
}

/// The statistics table as text lines, in `lang`.
pub fn statistics_table(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for (count, code, name, distinct) in statistics(report) {
        match distinct {
            Some(words) => {
                let words = tr(lang, "common.statistics-distinct", &[("count", &words)]);
                out.push_str(&format!("{count:>5}  {code}  {name}  ({words})\n"));
            }
            None => out.push_str(&format!("{count:>5}  {code}  {name}\n")),
        }
    }
    out
}
