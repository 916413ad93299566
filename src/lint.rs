//! The engine: runs the enabled rules over a loaded workspace and returns the findings, sorted. It is the one
//! place that filters findings (rules turned off, per-file ignores, inline suppressions) and changes their
//! severity.

use crate::data::Data;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::paths;
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

/// A path as text without `.` components or a trailing separator, for comparing two paths as text.
fn components(path: &Path) -> String {
    path.components().collect::<PathBuf>().to_string_lossy().into_owned()
}

impl PerFileIgnore {
    /// `None` when the glob is not valid (configuration loading reports that first).
    pub fn new(pattern: &str, codes: HashSet<&'static str>, root: Option<PathBuf>) -> Option<Self> {
        let matcher = globset::Glob::new(&paths::glob(pattern)).ok()?.compile_matcher();
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
        self.matches_on(name, paths::WINDOWS)
    }

    /// [`matches`](Self::matches) for a file name of the given platform (`C:\IKI\arsip\a.yaml` on Windows).
    pub fn matches_on(&self, name: &str, windows: bool) -> bool {
        let name = paths::slashed(name, windows);
        let trimmed = paths::repository_relative(&name, false);
        if self.matcher.is_match(name.as_ref()) || self.matcher.is_match(&trimmed) {
            return true;
        }
        if let Some(root) = &self.root {
            let absolute = if paths::is_absolute(&name, windows) {
                Some(components(Path::new(name.as_ref())))
            } else {
                std::path::absolute(Path::new(name.as_ref()))
                    .ok()
                    .map(|a| paths::slashed(&components(&a), windows).into_owned())
            };
            let root = components(root);
            if let Some(absolute) = absolute
                && let Some(relative) = paths::relative_to(&absolute, &paths::slashed(&root, windows), windows)
                && self.matcher.is_match(relative)
            {
                return true;
            }
        }
        !paths::glob(&self.pattern).contains('/') && self.matcher.is_match(paths::file_name(&name))
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
    let enabled: Vec<_> = rules::all()
        .iter()
        .copied()
        .filter(|r| settings.is_enabled(r.code))
        .collect();
    let document_checks: Vec<_> = enabled
        .iter()
        .filter_map(|r| match r.check {
            Check::Document(check) => Some(check),
            _ => None,
        })
        .collect();
    let set_checks: Vec<_> = enabled
        .iter()
        .filter_map(|r| match r.check {
            Check::Set(check) => Some(check),
            _ => None,
        })
        .collect();

    let per_document = workspace.documents.par_iter().flat_map_iter(|document| {
        let mut out = Vec::new();
        for check in &document_checks {
            check(&cx, document, &mut out);
        }
        out
    });
    let per_set = set_checks.par_iter().flat_map_iter(|check| {
        let mut out = Vec::new();
        check(&cx, &mut out);
        out
    });
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
    let diagnostics: Vec<Diagnostic> = workspace
        .diagnostics
        .par_iter()
        .cloned()
        .chain(per_document)
        .chain(per_set)
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
