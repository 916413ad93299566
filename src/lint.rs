//! The engine: runs the enabled rules over a loaded workspace and returns the findings, sorted. It is the one
//! place that filters findings (rules turned off, per-file ignores, inline suppressions) and changes their
//! severity.

use crate::data::Data;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::model::Document;
use crate::rules::{self, Check, Context};
use crate::source::FileId;
use crate::workspace::Workspace;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Which rules run and at what severity (from configuration and flags).
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Lang,
    /// Codes that are turned off.
    pub disabled: HashSet<&'static str>,
    /// Severity per code where it differs from the rule's default.
    pub severity: HashMap<&'static str, Severity>,
    /// Codes turned off for the files a glob matches.
    pub per_file_ignores: Vec<PerFileIgnore>,
}

/// `per-file-ignores`: a glob and the codes it turns off.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    pub pattern: String,
    pub codes: HashSet<&'static str>,
    matcher: globset::GlobMatcher,
    /// The configuration's directory: the glob also matches paths relative to it.
    root: Option<PathBuf>,
}

impl PerFileIgnore {
    /// `None` when the glob is not valid (configuration loading reports that first).
    pub fn new(pattern: &str, codes: HashSet<&'static str>, root: Option<PathBuf>) -> Option<Self> {
        let matcher = globset::Glob::new(pattern).ok()?.compile_matcher();
        Some(PerFileIgnore {
            pattern: pattern.to_string(),
            codes,
            matcher,
            root,
        })
    }

    /// Whether the glob matches a file named as the user gave it: the path itself, the path relative to the
    /// configuration's directory, or (for a glob without `/`) the file name alone.
    pub fn matches(&self, name: &str) -> bool {
        let path = Path::new(name);
        let trimmed = path.strip_prefix(".").unwrap_or(path);
        if self.matcher.is_match(path) || self.matcher.is_match(trimmed) {
            return true;
        }
        if let (Some(root), Ok(absolute)) = (&self.root, std::path::absolute(path))
            && let Ok(relative) = absolute.strip_prefix(root)
            && self.matcher.is_match(relative)
        {
            return true;
        }
        !self.pattern.contains('/') && path.file_name().is_some_and(|f| self.matcher.is_match(f))
    }
}

impl Settings {
    pub fn new(lang: Lang) -> Self {
        Settings {
            lang,
            disabled: HashSet::new(),
            severity: HashMap::new(),
            per_file_ignores: Vec::new(),
        }
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        !self.disabled.contains(code)
    }

    /// The codes turned off for a file by `per-file-ignores`.
    pub fn ignored_for(&self, name: &str) -> HashSet<&'static str> {
        self.per_file_ignores
            .iter()
            .filter(|p| p.matches(name))
            .flat_map(|p| p.codes.iter().copied())
            .collect()
    }
}

/// Lint everything in `workspace` as one set.
pub fn lint(workspace: &Workspace, data: &Data, settings: &Settings) -> Vec<Diagnostic> {
    let cx = Context::new(&workspace.files, &workspace.documents, settings.lang, data);
    let per_document = workspace
        .documents
        .par_iter()
        .flat_map_iter(|document| document_findings(&cx, document, settings));
    let diagnostics: Vec<Diagnostic> = workspace
        .diagnostics
        .par_iter()
        .cloned()
        .chain(per_document)
        .chain(set_findings(&cx, settings))
        .collect();
    finish(workspace, settings, diagnostics)
}

/// The findings of the enabled per-document rules on one document, before [`finish`] filters them.
pub fn document_findings(cx: &Context, document: &Document, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::all().iter().filter(|r| settings.is_enabled(r.code)) {
        if let Check::Document(check) = rule.check {
            check(cx, document, &mut out);
        }
    }
    out
}

/// The findings of the enabled set rules (across every document of `cx`), before [`finish`] filters them.
pub fn set_findings(cx: &Context, settings: &Settings) -> Vec<Diagnostic> {
    let set_checks: Vec<_> = rules::all()
        .iter()
        .filter(|r| settings.is_enabled(r.code))
        .filter_map(|r| match r.check {
            Check::Set(check) => Some(check),
            _ => None,
        })
        .collect();
    set_checks
        .par_iter()
        .flat_map_iter(|check| {
            let mut out = Vec::new();
            check(cx, &mut out);
            out
        })
        .collect()
}

/// The engine's last step over every finding of the set (reading, per-document and set rules): drop the rules
/// turned off and per-file ignores, apply the inline suppressions (adding S007/S008), set the configured
/// severities, sort.
pub fn finish(workspace: &Workspace, settings: &Settings, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let ignored: HashMap<FileId, HashSet<&'static str>> = if settings.per_file_ignores.is_empty() {
        HashMap::new()
    } else {
        workspace
            .files
            .iter()
            .map(|(id, f)| (id, settings.ignored_for(&f.name)))
            .collect()
    };
    let active =
        |file: FileId, code: &str| settings.is_enabled(code) && ignored.get(&file).is_none_or(|i| !i.contains(code));
    let diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| active(d.primary.file, d.code))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = crate::suppress::apply(
        &workspace.files,
        &crate::suppress::Anchors::of(&workspace.files, &workspace.documents),
        diagnostics,
        settings.lang,
        active,
    )
    .into_iter()
    .filter(|d| active(d.primary.file, d.code))
    .collect();
    for diagnostic in &mut diagnostics {
        if let Some(severity) = settings.severity.get(diagnostic.code) {
            diagnostic.severity = *severity;
        }
    }
    sort(&mut diagnostics);
    diagnostics
}

pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
