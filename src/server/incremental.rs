//! The findings the server keeps per file between lints, so that an edit re-reads and re-checks only the file
//! edited: its reading findings (S001–S006) and its per-document rules are computed again, the kept ones of every
//! other file are reused, and only the set rules (the cascade, the NIP index, duplicate ids) run over the whole
//! set. The result is the same as linting the whole set from scratch.

use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::lint::{self, Settings};
use crate::rules::Context;
use crate::source::FileId;
use crate::workspace::{self, Workspace};
use rayon::prelude::*;

/// Rules checked per document that also read something of the other documents: T002 leaves alone a word written
/// in lowercase anywhere in the set. Their findings in the other files are computed again after an edit.
const READS_THE_SET: &[&str] = &["T002"];

/// The unfiltered findings of each file's own phase (reading and per-document rules), by [`FileId`].
#[derive(Default)]
pub struct Cache {
    per_file: Vec<Vec<Diagnostic>>,
}

fn set_file(diagnostic: &mut Diagnostic, file: FileId) {
    for label in std::iter::once(&mut diagnostic.primary).chain(&mut diagnostic.secondary) {
        label.file = file;
    }
    for edit in diagnostic.fix.iter_mut().flat_map(|f| &mut f.edits) {
        edit.file = file;
    }
}

impl Cache {
    /// Lint `workspace` from scratch, keeping each file's own findings.
    pub fn full(workspace: &Workspace, data: &Data, settings: &Settings) -> (Cache, Vec<Diagnostic>) {
        let cx = Context::new(&workspace.files, &workspace.documents, settings.lang, data);
        let mut per_file = vec![Vec::new(); workspace.files.len()];
        for d in &workspace.diagnostics {
            per_file[d.primary.file.0].push(d.clone());
        }
        let checked: Vec<(FileId, Vec<Diagnostic>)> = workspace
            .documents
            .par_iter()
            .map(|document| (document.file, lint::document_findings(&cx, document, settings)))
            .collect();
        for (file, findings) in checked {
            per_file[file.0].extend(findings);
        }
        let cache = Cache { per_file };
        let diagnostics = cache.finish(&cx, workspace, settings);
        (cache, diagnostics)
    }

    /// Replace the text of `file` (which stays an IKI document of the set), read only that file again, and lint
    /// the set from the kept findings.
    pub fn update(
        &mut self,
        workspace: &mut Workspace,
        file: FileId,
        text: String,
        data: &Data,
        settings: &Settings,
    ) -> Vec<Diagnostic> {
        let name = workspace.files.get(file).name.clone();
        let mut alone = workspace::load_sources(vec![(name, text)], settings.lang);
        let Some(source) = (!alone.files.is_empty()).then(|| alone.files.get(FileId(0)).clone()) else {
            // Not readable as a document any more (cannot happen for a file the server lints): start again.
            return self.rebuild(workspace, data, settings);
        };
        workspace.files.replace(file, source);
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
        let mut own: Vec<Diagnostic> = alone.diagnostics;
        own.iter_mut().for_each(|d| set_file(d, file));
        workspace.diagnostics.retain(|d| d.primary.file != file);
        workspace.diagnostics.extend(own.iter().cloned());

        let cx = Context::new(&workspace.files, &workspace.documents, settings.lang, data);
        if let Ok(at) = workspace.documents.binary_search_by_key(&file, |d| d.file) {
            own.extend(lint::document_findings(&cx, &workspace.documents[at], settings));
        }
        self.per_file[file.0] = own;
        self.recheck_set_readers(&cx, workspace, file, settings);
        self.finish(&cx, workspace, settings)
    }

    fn rebuild(&mut self, workspace: &mut Workspace, data: &Data, settings: &Settings) -> Vec<Diagnostic> {
        let (cache, diagnostics) = Cache::full(workspace, data, settings);
        *self = cache;
        diagnostics
    }

    /// The findings in the other files of the per-document rules that read the whole set, computed again.
    fn recheck_set_readers(&mut self, cx: &Context, workspace: &Workspace, edited: FileId, settings: &Settings) {
        let readers: Vec<&str> = READS_THE_SET
            .iter()
            .copied()
            .filter(|c| settings.is_enabled(c))
            .collect();
        if readers.is_empty() {
            return;
        }
        let mut only = settings.clone();
        only.disabled = crate::rules::all()
            .iter()
            .map(|r| r.code)
            .filter(|c| !readers.contains(c))
            .collect();
        let fresh: Vec<(FileId, Vec<Diagnostic>)> = workspace
            .documents
            .par_iter()
            .filter(|d| d.file != edited)
            .map(|d| (d.file, lint::document_findings(cx, d, &only)))
            .collect();
        for (file, findings) in fresh {
            let kept = &mut self.per_file[file.0];
            kept.retain(|d| !readers.contains(&d.code));
            kept.extend(findings);
        }
    }

    fn finish(&self, cx: &Context, workspace: &Workspace, settings: &Settings) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.per_file.iter().flatten().cloned().collect();
        all.extend(lint::set_findings(cx, settings));
        lint::finish(workspace, settings, all)
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
    /// from scratch: a broken file, a repaired one, an id taken from another file, a word that makes another
    /// file's T002 go away, a suppression.
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
            let incremental = cache.update(&mut workspace, FileId(0), text.clone(), &data, &settings);
            sources[0].1 = text;
            let scratch = lint::lint(&workspace::load_sources(sources.clone(), Lang::En), &data, &settings);
            assert_eq!(incremental, scratch, "edit {round}");
        }
    }
}
