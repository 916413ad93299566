//! The engine: runs the enabled rules over a loaded workspace and returns the findings, sorted. It is the one
//! place that filters findings (rules turned off, per-file ignores, inline suppressions) and changes their
//! severity.

use crate::data::Data;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::model::Document;
use crate::per_file::{SharedFacts, check_document};
use crate::rules::{self, Check, Context, DocumentCheck};
use crate::source::{FileId, Files};
use crate::suppress::Anchors;
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

/// The per-document rules that are turned on, in catalogue order.
pub fn document_checks(settings: &Settings) -> Vec<DocumentCheck> {
    enabled(settings)
        .filter_map(|r| match r.check {
            Check::Document(check) => Some(check),
            _ => None,
        })
        .collect()
}

fn enabled(settings: &Settings) -> impl Iterator<Item = &'static rules::Rule> + '_ {
    rules::all().iter().copied().filter(|r| settings.is_enabled(r.code))
}

/// What the cross-file phase starts from: every linted file, the documents (whole, or their skeletons), and the
/// findings and facts of the per-file phase, with the files' ids in this run.
#[derive(Default)]
pub struct Gathered {
    pub files: Files,
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// The union of every document's lowercase words ([`SharedFacts::lowercase_words`]).
    lowercase_words: HashSet<u64>,
    /// Index in `diagnostics` and word hash of each T002 finding.
    term_words: Vec<(usize, u64)>,
    with_directives: Vec<FileId>,
    anchors: Anchors,
}

impl Gathered {
    /// Add one file's per-file outcome: its findings (already pointing at `file`), its shared facts, and its
    /// suppression anchors when it may hold suppression comments.
    pub fn add(
        &mut self,
        file: FileId,
        diagnostics: Vec<Diagnostic>,
        shared: SharedFacts,
        suppression: Option<Vec<(usize, crate::suppress::Anchor)>>,
    ) {
        let offset = self.diagnostics.len();
        self.diagnostics.extend(diagnostics);
        self.lowercase_words.extend(shared.lowercase_words);
        self.term_words
            .extend(shared.term_words.into_iter().map(|(i, hash)| (offset + i, hash)));
        if let Some(lines) = suppression {
            self.with_directives.push(file);
            self.anchors.extend(file, lines);
        }
    }
}

/// Lint everything in `workspace` as one set: the per-document rules on each document (in parallel), then the
/// cross-file phase. The same two phases as a run from disk, for documents already in memory (an editor's).
pub fn lint(workspace: &Workspace, data: &Data, settings: &Settings) -> Vec<Diagnostic> {
    let checks = document_checks(settings);
    let per_document: Vec<(FileId, Vec<Diagnostic>, SharedFacts)> = workspace
        .documents
        .par_iter()
        .map(|document| {
            let mut out = Vec::new();
            let shared = check_document(&workspace.files, document, &checks, settings.lang, data, &mut out);
            (document.file, out, shared)
        })
        .collect();
    let mut gathered = Gathered {
        diagnostics: workspace.diagnostics.clone(),
        ..Gathered::default()
    };
    for (file, diagnostics, shared) in per_document {
        gathered.add(file, diagnostics, shared, None);
    }
    gathered.with_directives = workspace
        .files
        .iter()
        .filter(|(_, file)| crate::suppress::may_have_directives(&file.text))
        .map(|(id, _)| id)
        .collect();
    gathered.anchors = Anchors::of(&workspace.files, &workspace.documents);
    finish_set(
        &workspace.files,
        &workspace.documents,
        gathered_parts(gathered),
        data,
        settings,
    )
}

/// The parts of [`Gathered`] the cross-file phase consumes, the files and documents aside (borrowed instead).
pub struct Parts {
    diagnostics: Vec<Diagnostic>,
    lowercase_words: HashSet<u64>,
    term_words: Vec<(usize, u64)>,
    with_directives: Vec<FileId>,
    anchors: Anchors,
}

fn gathered_parts(gathered: Gathered) -> Parts {
    Parts {
        diagnostics: gathered.diagnostics,
        lowercase_words: gathered.lowercase_words,
        term_words: gathered.term_words,
        with_directives: gathered.with_directives,
        anchors: gathered.anchors,
    }
}

/// The cross-file phase over what the per-file phase gathered: returns the files and the run's findings.
pub fn finish(mut gathered: Gathered, data: &Data, settings: &Settings) -> (Files, Vec<Diagnostic>) {
    let files = std::mem::take(&mut gathered.files);
    let documents = std::mem::take(&mut gathered.documents);
    let diagnostics = finish_set(&files, &documents, gathered_parts(gathered), data, settings);
    (files, diagnostics)
}

/// The rules that look across files, then the engine's own work: the T002 vocabulary joined across files,
/// rules turned off, per-file ignores, inline suppressions, configured severities, and the order of output.
fn finish_set(
    files: &Files,
    documents: &[Document],
    parts: Parts,
    data: &Data,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let cx = Context::new(files, documents, settings.lang, data);
    let set_checks: Vec<_> = enabled(settings)
        .filter_map(|r| match r.check {
            Check::Set(check) => Some(check),
            _ => None,
        })
        .collect();
    let per_set: Vec<Diagnostic> = set_checks
        .par_iter()
        .flat_map_iter(|check| {
            let mut out = Vec::new();
            check(&cx, &mut out);
            out
        })
        .collect();
    let mut ordinary = vec![false; parts.diagnostics.len()];
    for (index, hash) in &parts.term_words {
        if parts.lowercase_words.contains(hash) {
            ordinary[*index] = true;
        }
    }
    let ignored: HashMap<FileId, HashSet<&'static str>> = if settings.per_file_ignores.is_empty() {
        HashMap::new()
    } else {
        files
            .names()
            .map(|(id, name)| (id, settings.ignored_for(name)))
            .collect()
    };
    let active =
        |file: FileId, code: &str| settings.is_enabled(code) && ignored.get(&file).is_none_or(|i| !i.contains(code));
    let diagnostics: Vec<Diagnostic> = parts
        .diagnostics
        .into_iter()
        .zip(ordinary)
        .filter(|(_, ordinary)| !ordinary)
        .map(|(d, _)| d)
        .chain(per_set)
        .filter(|d| active(d.primary.file, d.code))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = crate::suppress::apply(
        files,
        &parts.with_directives,
        &parts.anchors,
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
    diagnostics.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
