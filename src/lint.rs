//! The engine: runs the enabled rules over a loaded workspace and returns the findings, sorted. It is the one
//! place that filters findings (rules turned off, per-file ignores, inline suppressions) and changes their
//! severity.

use crate::data::Data;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::model::Document;
use crate::paths;
use crate::per_file::{check_document, check_skp};
use crate::rules::{self, Check, Context, DocumentCheck};
use crate::skp::SkpDocument;
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

    /// Whether a finding of `code` is reported in a file whose per-file ignores are `ignored` ([`Settings::ignored_for`];
    /// `None` for none): its rule is on and the file does not ignore it.
    pub fn reports(&self, code: &str, ignored: Option<&HashSet<&'static str>>) -> bool {
        self.is_enabled(code) && ignored.is_none_or(|i| !i.contains(code))
    }

    /// The severity a finding of `code` found at `severity` is reported at.
    pub fn severity_of(&self, code: &str, severity: Severity) -> Severity {
        self.severity.get(code).copied().unwrap_or(severity)
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
        .filter_map(|r| r.check.document())
        .map(|(check, _)| check)
        .collect()
}

/// The per-document rules of both kinds that are turned on: what the per-file phase runs.
pub fn checks(settings: &Settings) -> crate::per_file::Checks {
    crate::per_file::Checks {
        document: document_checks(settings),
        skp: enabled(settings)
            .filter_map(|r| match r.check {
                Check::Skp(check) | Check::DocumentAndSkp(_, check) | Check::PositionAndSkp(_, check) => Some(check),
                _ => None,
            })
            .collect(),
    }
}

/// The per-document rules that are turned on, in catalogue order, split into those that look at one position at
/// a time ([`Check::Position`]) and the others.
pub fn document_checks_by_scope(settings: &Settings) -> (Vec<DocumentCheck>, Vec<DocumentCheck>) {
    let (position, document): (Vec<_>, Vec<_>) = enabled(settings)
        .filter_map(|r| r.check.document())
        .partition(|(_, one_position)| *one_position);
    (
        position.into_iter().map(|(check, _)| check).collect(),
        document.into_iter().map(|(check, _)| check).collect(),
    )
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
    pub skps: Vec<SkpDocument>,
    pub diagnostics: Vec<Diagnostic>,
    with_directives: Vec<FileId>,
    anchors: Anchors,
}

impl Gathered {
    /// Add one file's per-file outcome: its findings (already pointing at `file`) and its suppression anchors when
    /// it may hold suppression comments.
    pub fn add(
        &mut self,
        file: FileId,
        diagnostics: Vec<Diagnostic>,
        suppression: Option<Vec<(usize, crate::suppress::Anchor)>>,
    ) {
        self.diagnostics.extend(diagnostics);
        if let Some(lines) = suppression {
            self.with_directives.push(file);
            self.anchors.extend(file, lines);
        }
    }
}

/// Lint everything in `workspace` as one set: the per-document rules on each document (in parallel), then the
/// cross-file phase. The same two phases as a run from disk, for documents already in memory.
pub fn lint(workspace: &Workspace, data: &Data, settings: &Settings) -> Vec<Diagnostic> {
    let enabled = checks(settings);
    let per_document: Vec<(FileId, Vec<Diagnostic>)> = workspace
        .documents
        .par_iter()
        .map(|document| {
            let mut out = Vec::new();
            check_document(&workspace.files, document, &enabled.document, data, &mut out);
            (document.file, out)
        })
        .collect();
    let mut gathered = Gathered {
        diagnostics: workspace.diagnostics.clone(),
        ..Gathered::default()
    };
    let per_skp: Vec<(FileId, Vec<Diagnostic>)> = workspace
        .skps
        .par_iter()
        .map(|skp| {
            let mut out = Vec::new();
            check_skp(&workspace.files, skp, &enabled.skp, data, &mut out);
            (skp.file, out)
        })
        .collect();
    for (file, diagnostics) in per_document.into_iter().chain(per_skp) {
        gathered.add(file, diagnostics, None);
    }
    let (with_directives, anchors) = suppression_of(workspace);
    gathered.with_directives = with_directives;
    gathered.anchors = anchors;
    finish_set(
        &workspace.files,
        &workspace.documents,
        &workspace.skps,
        gathered,
        data,
        settings,
    )
}

/// The files of a workspace that may hold suppression comments, and the anchors of their multi-line texts.
fn suppression_of(workspace: &Workspace) -> (Vec<FileId>, Anchors) {
    let with_directives = workspace
        .files
        .iter()
        .filter(|(_, file)| crate::suppress::may_have_directives(&file.text))
        .map(|(id, _)| id)
        .collect();
    (with_directives, Anchors::of(&workspace.files, &workspace.documents))
}

/// The findings of the enabled cross-file rules over every document of `cx`, before [`finish`] filters them.
pub fn set_findings(cx: &Context, settings: &Settings) -> Vec<Diagnostic> {
    let set_checks: Vec<_> = enabled(settings)
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

/// The engine's last step over every finding of a workspace (reading, per-document and set rules): see
/// [`filter_and_order`].
pub fn finish(workspace: &Workspace, settings: &Settings, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let (with_directives, anchors) = suppression_of(workspace);
    filter_and_order(&workspace.files, &with_directives, &anchors, diagnostics, settings)
}

/// The cross-file phase over what the per-file phase gathered: returns the files and the run's findings. `known`
/// holds the findings the cross-file rules gave on the very same cross-file facts in an earlier run, when the
/// cache kept them (the documents of `gathered` are then not read); findings made now are given to `store`.
pub fn finish_run(
    mut gathered: Gathered,
    known: Option<Vec<Diagnostic>>,
    store: impl FnOnce(&[Diagnostic]),
    data: &Data,
    settings: &Settings,
) -> (Files, Vec<Diagnostic>) {
    let files = std::mem::take(&mut gathered.files);
    let documents = std::mem::take(&mut gathered.documents);
    let skps = std::mem::take(&mut gathered.skps);
    let per_set = known.unwrap_or_else(|| {
        let found = set_phase(&files, &documents, &skps, data, settings);
        store(&found);
        found
    });
    // The documents (and the indexes the set rules built on them, gone with `set_phase`) are not needed to order
    // the findings: a province's facts are freed before its findings are sorted, not held beside them.
    drop((documents, skps));
    let diagnostics = finish_findings(&files, gathered, per_set, settings);
    (files, diagnostics)
}

/// Record in `files` which position each part of every IKI document concerns, and that an SKP file concerns its
/// SKP, so that an output can name it with a finding (SPEC.md section 7: `jabatan`).
pub fn mark_concerns(files: &mut Files, documents: &[Document], skps: &[SkpDocument]) {
    for document in documents {
        files.set_concerns(document.file, crate::per_file::concerns(Some(document), None));
    }
    for skp in skps {
        files.set_concerns(skp.file, crate::per_file::concerns(None, Some(skp)));
    }
}

/// The rules that look across files, then [`filter_and_order`] over every finding. `files` and `documents` are
/// the set's (those of `gathered` are not read: a workspace lends its own).
fn finish_set(
    files: &Files,
    documents: &[Document],
    skps: &[SkpDocument],
    gathered: Gathered,
    data: &Data,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let per_set = set_phase(files, documents, skps, data, settings);
    finish_findings(files, gathered, per_set, settings)
}

/// The findings of the cross-file rules over the set. The indexes they build live only as long as this call.
fn set_phase(
    files: &Files,
    documents: &[Document],
    skps: &[SkpDocument],
    data: &Data,
    settings: &Settings,
) -> Vec<Diagnostic> {
    // The superior RHK printed as text in SKP office files, linked across files before the rules look at links.
    let linked = crate::skp::printed::link(skps);
    let skps = linked.as_deref().unwrap_or(skps);
    let cx = Context::new(files, documents, data).with_skps(skps);
    set_findings(&cx, settings)
}

/// [`filter_and_order`] over the per-file findings gathered and those of the set rules.
fn finish_findings(
    files: &Files,
    gathered: Gathered,
    per_set: Vec<Diagnostic>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    // Appended, not collected anew: a province's findings are not moved to add the few of the set rules.
    let mut diagnostics = gathered.diagnostics;
    diagnostics.extend(per_set);
    filter_and_order(
        files,
        &gathered.with_directives,
        &gathered.anchors,
        diagnostics,
        settings,
    )
}

/// The engine's own work on a run's findings: drop the rules turned off and per-file ignores, apply the inline
/// suppressions (adding S007/S008), set the configured severities, sort.
fn filter_and_order(
    files: &Files,
    with_directives: &[FileId],
    anchors: &Anchors,
    mut diagnostics: Vec<Diagnostic>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let ignored: HashMap<FileId, HashSet<&'static str>> = if settings.per_file_ignores.is_empty() {
        HashMap::new()
    } else {
        files
            .names()
            .map(|(id, name)| (id, settings.ignored_for(name)))
            .collect()
    };
    let active = |file: FileId, code: &str| settings.reports(code, ignored.get(&file));
    // In place, as each step below: most runs drop nothing here, and a province's findings are not moved for it.
    diagnostics.retain(|d| active(d.primary.file, d.code));
    let mut diagnostics = crate::suppress::apply(files, with_directives, anchors, diagnostics, active);
    diagnostics.retain(|d| active(d.primary.file, d.code));
    for diagnostic in &mut diagnostics {
        diagnostic.severity = settings.severity_of(diagnostic.code, diagnostic.severity);
    }
    sort(&mut diagnostics, settings.lang);
    diagnostics
}

/// Count the findings of file `name` told by `tally` as [`filter_and_order`] reports findings of a file without
/// suppression comments: without the rules turned off and the file's per-file ignores, at their configured
/// severities.
pub fn count(
    settings: &Settings,
    name: &str,
    tally: &crate::per_file::Tally,
    counted: &mut crate::diagnostic::Counted,
) {
    let ignored = (!settings.per_file_ignores.is_empty()).then(|| settings.ignored_for(name));
    for count in &tally.counts {
        if settings.reports(count.code, ignored.as_ref()) {
            counted.add(settings.severity_of(count.code, count.severity), count.count);
        }
    }
}

/// Put findings in their output order ([`Diagnostic::order`]), messages compared as shown in `lang`.
pub fn sort(diagnostics: &mut [Diagnostic], lang: Lang) {
    // In place: a stable sort would take a buffer as large as all the findings. The order is total (findings
    // alike in it are alike in every part), so an unstable sort gives the one order a stable one would.
    diagnostics.par_sort_unstable_by(|a, b| a.order(b, lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules that say they look at one position at a time ([`Check::Position`]) find in a position, checked
    /// alone with its document's header, exactly what they find there in the whole document: on the IKI examples
    /// and on the two seed texts as imported (hundreds of findings of every family).
    #[test]
    fn a_position_checked_alone_gets_the_findings_it_gets_in_its_document() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut sources = Vec::new();
        for dir in ["examples", "tests/fixtures/office"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("dir").flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|x| x == "yaml" || x == "txt") {
                    sources.push((path.display().to_string(), std::fs::read(&path).expect("read")));
                }
            }
        }
        let loaded: Vec<_> = sources
            .into_iter()
            .map(|(name, bytes)| crate::workspace::load_file(name, bytes, true))
            .collect();
        let data = Data::builtin();
        let settings = Settings::new(Lang::En);
        let (position_checks, _) = document_checks_by_scope(&settings);
        let mut compared = 0;
        for item in loaded {
            let Some(document) = item.document else { continue };
            let mut files = Files::new();
            let file = files.add(crate::source::SourceFile::new(item.name.clone(), item.text));
            let document = Document { file, ..document };
            let mut whole = Vec::new();
            crate::per_file::check_document(&files, &document, &position_checks, &data, &mut whole);
            for (k, (region, id)) in document.concerns().into_iter().enumerate() {
                let alone = Document {
                    jabatan: vec![document.jabatan[k].clone()],
                    dokumen: document.dokumen.clone(),
                    ..document
                };
                let mut found = Vec::new();
                crate::per_file::check_document(&files, &alone, &position_checks, &data, &mut found);
                let inside = |findings: &[Diagnostic]| {
                    let mut inside: Vec<Diagnostic> = findings
                        .iter()
                        .filter(|d| region.range().contains(&d.primary.span.start))
                        .cloned()
                        .collect();
                    sort(&mut inside, Lang::En);
                    inside
                };
                let expected = inside(&whole);
                compared += expected.len();
                assert_eq!(inside(&found), expected, "{} position {id}", item.name);
            }
        }
        assert!(compared > 200, "only {compared} findings compared");
    }
}
