//! The one tool-neutral finding every renderer (human, JSON, SARIF, LSP) converts from.

use crate::i18n::Lang;
use crate::message::Message;
use crate::source::{FileId, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    /// What the label says; a label without text only marks its place.
    pub message: Option<Message>,
}

impl Label {
    pub fn new(file: FileId, span: Span, message: Option<Message>) -> Self {
        Label { file, span, message }
    }

    /// What the label says in `lang`; empty for a label without text.
    pub fn text(&self, lang: Lang) -> String {
        self.message.as_ref().map_or_else(String::new, |m| m.render(lang))
    }
}

/// Whether applying a fix can change what the document means: safe fixes are applied by `--fix`, unsafe ones
/// only with `--unsafe-fixes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Applicability {
    Safe,
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Unsafe,
            edits,
        }
    }

    /// A fix made of one replacement.
    pub fn replace(applicability: Applicability, file: FileId, span: Span, replacement: impl Into<String>) -> Self {
        Fix {
            applicability,
            edits: vec![Edit {
                file,
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

/// How many findings of each severity a run counted without keeping them (a run that only counts: `check
/// --quiet`, [`crate::run::CacheOptions::count_only`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counted([usize; 3]);

impl Counted {
    pub fn add(&mut self, severity: Severity, count: usize) {
        self.0[severity as usize] += count;
    }

    pub fn of(&self, severity: Severity) -> usize {
        self.0[severity as usize]
    }

    /// Whether one counted finding is at or above `threshold`.
    pub fn reaches(&self, threshold: Severity) -> bool {
        [Severity::Info, Severity::Warning, Severity::Error]
            .into_iter()
            .any(|severity| severity >= threshold && self.of(severity) > 0)
    }
}

/// A rule's code or name. Named so that serde reads it through [`interned`] rather than borrowing it from the
/// input (which a `&'static str` field would demand).
pub type RuleStr = &'static str;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    #[serde(deserialize_with = "interned")]
    pub code: RuleStr,
    #[serde(deserialize_with = "interned")]
    pub name: RuleStr,
    pub severity: Severity,
    pub message: Message,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub notes: Vec<Message>,
    pub help: Option<Message>,
    /// Boxed: few findings have one, and every finding would otherwise hold its room.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// Point every label and fix edit of a finding about one file at `file` (a file gets its id in the run only
    /// after it was linted on its own).
    pub fn set_file(&mut self, file: FileId) {
        for label in std::iter::once(&mut self.primary).chain(&mut self.secondary) {
            label.file = file;
        }
        for edit in self.fix.iter_mut().flat_map(|f| &mut f.edits) {
            edit.file = file;
        }
    }

    /// Move the places of the finding in `file` after an edit of that file (see [`Span::shifted`]).
    pub fn shift_in(&mut self, file: FileId, from: usize, delta: isize) {
        for label in std::iter::once(&mut self.primary).chain(&mut self.secondary) {
            if label.file == file {
                label.span = label.span.shifted(from, delta);
            }
        }
        for edit in self.fix.iter_mut().flat_map(|f| &mut f.edits) {
            if edit.file == file {
                edit.span = edit.span.shifted(from, delta);
            }
        }
    }

    /// The order of findings: file, then position, then code, then the message as shown in `lang`, so that
    /// output never depends on thread timing. The message is put into words only for findings alike in all the
    /// rest, which are few. Findings alike in all that and still different (another label or help) are ordered by
    /// those parts, so the order is total: only findings equal in every part compare equal.
    pub fn order(&self, other: &Diagnostic, lang: Lang) -> std::cmp::Ordering {
        let place = |d: &Diagnostic| (d.primary.file, d.primary.span.start, d.primary.span.end, d.code);
        place(self).cmp(&place(other)).then_with(|| {
            if self == other {
                return std::cmp::Ordering::Equal;
            }
            let rest = |d: &Diagnostic| {
                format!(
                    "{:?}",
                    (d.severity, &d.primary, &d.secondary, &d.notes, &d.help, &d.fix)
                )
            };
            let messages = if self.message == other.message {
                std::cmp::Ordering::Equal
            } else {
                self.message.render(lang).cmp(&other.message.render(lang))
            };
            messages.then_with(|| rest(self).cmp(&rest(other)))
        })
    }
}

/// A rule's code or name (or a message argument's name) read back from the cache as the `&'static str` every
/// diagnostic carries; see [`intern`].
pub(crate) fn interned<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    deserializer.deserialize_str(StaticStr {
        find: intern,
        expected: "a rule code or name",
    })
}

/// The one `&'static str` kept for `text`. Codes, names and argument names are few, so each distinct one is kept
/// once; anything that cannot be one (long, or more distinct values than rules could ever have) is refused, so a
/// corrupt cache is rejected rather than grown into memory.
pub(crate) fn intern(text: &str) -> Option<&'static str> {
    use std::cell::RefCell;
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    thread_local! {
        // What this thread already interned: a warm run reads millions of codes and names back from the cache on
        // every core, which would otherwise all queue on the one lock.
        static KNOWN: RefCell<foldhash::HashSet<&'static str>> = RefCell::default();
    }
    if let Some(known) = KNOWN.with_borrow(|known| known.get(text).copied()) {
        return Some(known);
    }
    if text.len() > 64 {
        return None;
    }
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let kept = match seen.get(text) {
        Some(known) => *known,
        None if seen.len() >= 4096 => return None,
        None => {
            let leaked: &'static str = Box::leak(text.into());
            seen.insert(leaked);
            leaked
        }
    };
    KNOWN.with_borrow_mut(|known| known.insert(kept));
    Some(kept)
}

/// Reads a string as the `&'static str` that `find` keeps for it, without an owned copy of the text when the
/// input lends it (the cache's bytes do); a string `find` has none for is an error.
pub(crate) struct StaticStr {
    pub(crate) find: fn(&str) -> Option<&'static str>,
    pub(crate) expected: &'static str,
}

impl serde::de::Visitor<'_> for StaticStr {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<&'static str, E> {
        (self.find)(text).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(text), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: usize, help: Option<&str>) -> Diagnostic {
        Diagnostic {
            code: "T001",
            name: "misspelling",
            severity: Severity::Warning,
            message: Message::as_written("kata"),
            primary: Label::new(FileId(0), Span::new(start, start + 4), None),
            secondary: Vec::new(),
            notes: Vec::new(),
            help: help.map(Message::as_written),
            fix: None,
        }
    }

    /// Findings are sorted in place by an unstable sort: the order must not leave two different findings equal,
    /// or their output order would follow the order they were found in.
    #[test]
    fn the_order_tells_apart_every_two_different_findings() {
        let a = at(3, Some("tulis kata"));
        let b = at(3, Some("tulis kota"));
        assert_ne!(a.order(&b, Lang::En), std::cmp::Ordering::Equal);
        assert_eq!(a.order(&b, Lang::En), b.order(&a, Lang::En).reverse());
        assert_eq!(a.order(&a.clone(), Lang::En), std::cmp::Ordering::Equal);
        assert_eq!(
            at(1, Some("z")).order(&b, Lang::En),
            std::cmp::Ordering::Less,
            "the place comes first"
        );
        let mut one = vec![b.clone(), a.clone(), at(1, None)];
        let mut other = vec![a.clone(), at(1, None), b.clone()];
        one.sort_unstable_by(|x, y| x.order(y, Lang::En));
        other.sort_unstable_by(|x, y| x.order(y, Lang::En));
        assert_eq!(one, other);
    }
}
