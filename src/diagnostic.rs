//! The one tool-neutral finding every renderer (human, JSON, SARIF, LSP) converts from.

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
    pub message: String,
}

impl Label {
    pub fn new(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Label {
            file,
            span,
            message: message.into(),
        }
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
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
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

    /// Sort key: file, then position, then code, then message, so that output never depends on thread timing.
    pub fn sort_key(&self) -> (FileId, usize, usize, &'static str, &str) {
        (
            self.primary.file,
            self.primary.span.start,
            self.primary.span.end,
            self.code,
            &self.message,
        )
    }
}

/// A rule's code or name read back from the cache as the `&'static str` every diagnostic carries. Codes and
/// names are few, so each distinct one is kept once; anything that cannot be one (long, or more distinct values
/// than rules could ever have) is refused, so a corrupt cache is rejected rather than grown into memory.
fn interned<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let text = String::deserialize(deserializer)?;
    if text.len() > 64 {
        return Err(serde::de::Error::custom("not a rule code or name"));
    }
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(known) = seen.get(text.as_str()) {
        return Ok(known);
    }
    if seen.len() >= 4096 {
        return Err(serde::de::Error::custom("too many distinct rule codes"));
    }
    let leaked: &'static str = Box::leak(text.into_boxed_str());
    seen.insert(leaked);
    Ok(leaked)
}
