//! The findings the server keeps per file between lints, so that an edit re-reads and re-checks only the file
//! edited: its reading findings (S001–S006) and its per-document rules are computed again, the kept ones of every
//! other file are reused, and only the set rules (the cascade, the NIP index, duplicate ids) run over the whole
//! set. The result is the same as linting the whole set from scratch.

use super::state::MIRRORED;
use crate::cascade::Cascade;
use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::lint::{self, Settings};
use crate::rules::Context;
use crate::source::{FileId, SourceFile};
use crate::workspace::{self, Workspace};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What the last lint found, per file (by [`FileId`]).
#[derive(Default)]
pub struct Cache {
    /// The unfiltered findings of the file's own phase: reading (S001–S006) and per-document rules.
    own: Vec<Vec<Diagnostic>>,
    /// The unfiltered findings of the set rules that are located in the file.
    set: Vec<Vec<Diagnostic>>,
    /// The file's findings as the engine gives them (filtered, suppressions applied, sorted).
    finished: Vec<Vec<Diagnostic>>,
}

/// The findings of a lint, the cascade graph it built, and the files whose findings (or findings shown in them)
/// may have changed.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub cascade: Arc<Cascade>,
    /// `None`: every file.
    pub changed: Option<BTreeSet<FileId>>,
}

fn set_file(diagnostic: &mut Diagnostic, file: FileId) {
    for label in std::iter::once(&mut diagnostic.primary).chain(&mut diagnostic.secondary) {
        label.file = file;
    }
    for edit in diagnostic.fix.iter_mut().flat_map(|f| &mut f.edits) {
        edit.file = file;
    }
}

fn by_file(files: usize, diagnostics: Vec<Diagnostic>) -> Vec<Vec<Diagnostic>> {
    let mut out = vec![Vec::new(); files];
    for d in diagnostics {
        out[d.primary.file.0].push(d);
    }
    out
}

/// The engine's last step ([`lint::finish`]) for the findings of one file, which depend on that file alone (its
/// suppression comments, its per-file ignores): the file and its document are lent to a workspace of their own
/// (at the same [`FileId`]) and given back.
fn finish_file(
    workspace: &mut Workspace,
    file: FileId,
    findings: Vec<Diagnostic>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut alone = Workspace::default();
    for _ in 0..file.0 {
        alone.files.add(SourceFile::new(String::new(), String::new()));
    }
    alone.files.add(
        workspace
            .files
            .replace(file, SourceFile::new(String::new(), String::new())),
    );
    let at = workspace.documents.binary_search_by_key(&file, |d| d.file).ok();
    if let Some(at) = at {
        alone.documents.push(workspace.documents.remove(at));
    }
    let finished = lint::finish(&alone, settings, findings);
    workspace.files.replace(
        file,
        alone.files.replace(file, SourceFile::new(String::new(), String::new())),
    );
    if let (Some(at), Some(document)) = (at, alone.documents.pop()) {
        workspace.documents.insert(at, document);
    }
    finished
}

/// The files a finding is shown in besides its own: the other places of a duplicate (see [`MIRRORED`]).
fn mirrored_into(diagnostics: &[Diagnostic]) -> impl Iterator<Item = FileId> + '_ {
    diagnostics
        .iter()
        .filter(|d| MIRRORED.contains(&d.code))
        .flat_map(|d| d.secondary.iter().map(|l| l.file))
}

impl Cache {
    /// Lint `workspace` from scratch, keeping each file's findings.
    pub fn full(workspace: &Workspace, data: &Data, settings: &Settings) -> (Cache, Outcome) {
        let files = workspace.files.len();
        let cx = Context::new(&workspace.files, &workspace.documents, settings.lang, data).with_skps(&workspace.skps);
        let mut own = by_file(files, workspace.diagnostics.clone());
        let checked: Vec<(FileId, Vec<Diagnostic>)> = workspace
            .documents
            .par_iter()
            .map(|document| (document.file, lint::document_findings(&cx, document, settings)))
            .collect();
        let checked_skps: Vec<(FileId, Vec<Diagnostic>)> = workspace
            .skps
            .par_iter()
            .map(|skp| {
                let mut out = Vec::new();
                crate::per_file::check_skp(&workspace.files, skp, settings.lang, data, &mut out);
                (skp.file, out)
            })
            .collect();
        for (file, findings) in checked.into_iter().chain(checked_skps) {
            own[file.0].extend(findings);
        }
        let set = by_file(files, lint::set_findings(&cx, settings));
        let cascade = cx.index::<Cascade>();
        let all = own.iter().chain(&set).flatten().cloned().collect();
        let diagnostics = lint::finish(workspace, settings, all);
        let finished = by_file(files, diagnostics.clone());
        let cache = Cache { own, set, finished };
        let outcome = Outcome {
            diagnostics,
            cascade,
            changed: None,
        };
        (cache, outcome)
    }

    /// Replace the text of `file` (which stays an IKI document of the set), read only that file again, run the
    /// set rules, and finish again only the files whose findings may have changed.
    pub fn update(
        &mut self,
        workspace: &mut Workspace,
        file: FileId,
        text: String,
        data: &Data,
        settings: &Settings,
    ) -> Outcome {
        let name = workspace.files.get(file).name.clone();
        let mut alone = workspace::load_sources(vec![(name, text)], settings.lang);
        if alone.files.is_empty() {
            // Not readable as a document any more (cannot happen for a file the server lints): start again.
            let (cache, outcome) = Cache::full(workspace, data, settings);
            *self = cache;
            return outcome;
        }
        workspace.files.replace(
            file,
            alone
                .files
                .replace(FileId(0), SourceFile::new(String::new(), String::new())),
        );
        let slot = workspace.documents.binary_search_by_key(&file, |d| d.file);
        match (slot, alone.documents.pop()) {
            (Ok(at), Some(mut document)) => {
                document.file = file;
                workspace.documents[at] = document;
            }
            (Err(at), Some(mut document)) => {
                document.file = file;
                workspace.documents.insert(at, document);
            }
            (Ok(at), None) => {
                workspace.documents.remove(at);
            }
            (Err(_), None) => {}
        }
        let skp_slot = workspace.skps.binary_search_by_key(&file, |d| d.file);
        match (skp_slot, alone.skps.pop()) {
            (Ok(at), Some(mut skp)) => {
                skp.file = file;
                workspace.skps[at] = skp;
            }
            (Err(at), Some(mut skp)) => {
                skp.file = file;
                workspace.skps.insert(at, skp);
            }
            (Ok(at), None) => {
                workspace.skps.remove(at);
            }
            (Err(_), None) => {}
        }
        let mut own: Vec<Diagnostic> = alone.diagnostics;
        own.iter_mut().for_each(|d| set_file(d, file));
        workspace.diagnostics.retain(|d| d.primary.file != file);
        workspace.diagnostics.extend(own.iter().cloned());

        let (set, cascade) = {
            let document = workspace
                .documents
                .binary_search_by_key(&file, |d| d.file)
                .ok()
                .map(|at| &workspace.documents[at]);
            let cx =
                Context::new(&workspace.files, &workspace.documents, settings.lang, data).with_skps(&workspace.skps);
            if let Some(document) = document {
                own.extend(lint::document_findings(&cx, document, settings));
            }
            if let Ok(at) = workspace.skps.binary_search_by_key(&file, |d| d.file) {
                crate::per_file::check_skp(&workspace.files, &workspace.skps[at], settings.lang, data, &mut own);
            }
            self.own[file.0] = own;
            let set = by_file(workspace.files.len(), lint::set_findings(&cx, settings));
            (set, cx.index::<Cascade>())
        };
        let mut refinish = BTreeSet::from([file]);
        for (g, findings) in set.into_iter().enumerate() {
            if self.set[g] != findings {
                self.set[g] = findings;
                refinish.insert(FileId(g));
            }
        }
        let mut changed = BTreeSet::new();
        for g in refinish {
            let findings = self.own[g.0].iter().chain(&self.set[g.0]).cloned().collect();
            let finished = finish_file(workspace, g, findings, settings);
            if finished != self.finished[g.0] || g == file {
                changed.insert(g);
                changed.extend(mirrored_into(&self.finished[g.0]));
                changed.extend(mirrored_into(&finished));
                self.finished[g.0] = finished;
            }
        }
        Outcome {
            diagnostics: self.finished.iter().flatten().cloned().collect(),
            cascade,
            changed: Some(changed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn examples() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .expect("examples/")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("read")))
            .collect();
        out.sort();
        out
    }

    /// Each edit is applied to one file incrementally, and the findings must be those of linting the edited set
    /// from scratch: a broken file, a repaired one, an id taken from another file, a suppression.
    #[test]
    fn an_edit_relinted_alone_gives_the_findings_of_a_lint_from_scratch() {
        let data = Data::builtin();
        let settings = Settings::new(Lang::En);
        let mut sources = examples();
        let mut workspace = workspace::load_sources(sources.clone(), Lang::En);
        let (mut cache, _) = Cache::full(&workspace, &data, &settings);
        let first = sources[0].1.clone();
        let other_id = workspace.documents[1].id().expect("an id").to_string();
        let own_id = workspace.documents[0].id().expect("an id").to_string();
        let edits: Vec<String> = vec![
            first.replacen("jabatan:", "jabatan: [", 1),
            first.clone(),
            first.replacen(&format!("id: {own_id}"), &format!("id: {other_id}"), 1),
            format!("{first}\n# ikilint: allow-file(T001)\n"),
            first.replace("Kecamatan", "kecamatan musrtenbang sipd"),
            first.replacen("jabatan:", "jabatn:", 1),
            first.clone(),
        ];
        for (round, text) in edits.into_iter().enumerate() {
            let incremental = cache
                .update(&mut workspace, FileId(0), text.clone(), &data, &settings)
                .diagnostics;
            sources[0].1 = text;
            let scratch = lint::lint(&workspace::load_sources(sources.clone(), Lang::En), &data, &settings);
            assert_eq!(incremental, scratch, "edit {round}");
        }
    }
}
