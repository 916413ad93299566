//! The findings the server keeps per file between lints, so that an edit re-reads and re-checks only the file
//! edited: its reading findings (S001–S006) and its per-document rules are computed again, the kept ones of every
//! other file are reused, and only the set rules (the cascade, the NIP index, duplicate ids) run over the whole
//! set. The result is the same as linting the whole set from scratch.

use super::state::MIRRORED;
use crate::cascade::Cascade;
use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::lint::{self, Settings};
use crate::model::Shift;
use crate::reparse::{PositionEdit, reread_position};
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
    finished: Vec<Arc<[Diagnostic]>>,
    /// The cascade graph of the last run of the set rules.
    cascade: Arc<Cascade>,
    /// An edit changed what the set rules read since they last ran: see [`Cache::complete`].
    set_stale: bool,
    /// An edit changed what the cascade graph reads ([`crate::cascade::reads_same`]): the set rules must build it
    /// again rather than reuse `cascade`.
    cascade_stale: bool,
}

/// The findings of a lint, the cascade graph it built, and the files whose findings (or findings shown in them)
/// may have changed.
pub struct Outcome {
    pub diagnostics: Findings,
    pub cascade: Arc<Cascade>,
    /// `None`: every file.
    pub changed: Option<BTreeSet<FileId>>,
}

/// The findings of a lint by file ([`FileId`]), each file's shared with the cache: an edit hands the server the
/// findings of the whole set without copying those of the files it did not change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings(Vec<Arc<[Diagnostic]>>);

impl Findings {
    /// The findings located in `file`.
    pub fn of(&self, file: FileId) -> &[Diagnostic] {
        self.0.get(file.0).map_or(&[], |f| f)
    }

    /// Every finding, in the engine's order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().flat_map(|f| f.iter())
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|f| f.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|f| f.is_empty())
    }

    pub fn to_vec(&self) -> Vec<Diagnostic> {
        self.iter().cloned().collect()
    }
}

/// Put `read`, a file's document of one kind read again, at `slot` (where a binary search of `list` by file
/// found or would insert it), or take out the one that was there when the file holds none any more.
fn replace_read<T>(list: &mut Vec<T>, slot: Result<usize, usize>, read: Option<T>) {
    match (slot, read) {
        (Ok(at), Some(read)) => list[at] = read,
        (Err(at), Some(read)) => list.insert(at, read),
        (Ok(at), None) => {
            list.remove(at);
        }
        (Err(_), None) => {}
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

/// The findings of the per-document rules on one document, checked alone as a run from disk checks it.
fn own_findings(
    files: &crate::source::Files,
    document: &crate::model::Document,
    data: &Data,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    crate::per_file::check_document(files, document, &lint::document_checks(settings), data, &mut out);
    out
}

/// The findings of the per-document rules on `document` after `edit` of one of its positions, from `kept`, those
/// before it: the rules that look at one position at a time ([`Check::Position`]) check that position alone, and
/// keep (moved) their findings elsewhere; the other rules check the whole document again.
fn own_findings_after(
    files: &crate::source::Files,
    document: &crate::model::Document,
    edit: &PositionEdit,
    kept: Vec<Diagnostic>,
    data: &Data,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let file = document.file;
    let (position_checks, document_checks) = lint::document_checks_by_scope(settings);
    let one_position = |code: &str| {
        crate::rules::by_code(code)
            .and_then(|r| r.check.document())
            .is_some_and(|(_, one_position)| one_position)
    };
    let new_item = edit.old_item.start..edit.old_item.end.saturating_add_signed(edit.delta);
    let alone = crate::model::Document {
        file,
        span: document.span,
        dokumen: document.dokumen.clone(),
        jabatan: vec![document.jabatan[edit.index].clone()],
    };
    let check = |document: &crate::model::Document, checks: &[crate::rules::DocumentCheck]| {
        let mut out = Vec::new();
        crate::per_file::check_document(files, document, checks, data, &mut out);
        out
    };
    let (in_position, in_document) =
        rayon::join(|| check(&alone, &position_checks), || check(document, &document_checks));
    let mut own: Vec<Diagnostic> = kept
        .into_iter()
        .filter(|d| one_position(d.code) && !edit.old_item.contains(&d.primary.span.start))
        .map(|mut d| {
            d.shift_in(file, edit.from, edit.delta);
            d
        })
        .collect();
    own.extend(
        in_position
            .into_iter()
            .filter(|d| new_item.contains(&d.primary.span.start)),
    );
    own.extend(in_document);
    own
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
        let cx = Context::new(&workspace.files, &workspace.documents, data).with_skps(&workspace.skps);
        let mut own = by_file(files, workspace.diagnostics.clone());
        let checked: Vec<(FileId, Vec<Diagnostic>)> = workspace
            .documents
            .par_iter()
            .map(|document| (document.file, own_findings(&workspace.files, document, data, settings)))
            .collect();
        let skp_checks = lint::checks(settings).skp;
        let checked_skps: Vec<(FileId, Vec<Diagnostic>)> = workspace
            .skps
            .par_iter()
            .map(|skp| {
                let mut out = Vec::new();
                crate::per_file::check_skp(&workspace.files, skp, &skp_checks, data, &mut out);
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
        let finished: Vec<Arc<[Diagnostic]>> = by_file(files, diagnostics).into_iter().map(Arc::from).collect();
        let outcome = Outcome {
            diagnostics: Findings(finished.clone()),
            cascade: cascade.clone(),
            changed: None,
        };
        let cache = Cache {
            own,
            set,
            finished,
            cascade,
            set_stale: false,
            cascade_stale: false,
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
        let text = match self.update_position(workspace, file, text, data, settings) {
            Ok(outcome) => return outcome,
            Err(text) => text,
        };
        let name = workspace.files.get(file).name.clone();
        let mut alone = workspace::load_sources(vec![(name, text)]);
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
        let document = alone.documents.pop().map(|d| crate::model::Document { file, ..d });
        replace_read(&mut workspace.documents, slot, document);
        let slot = workspace.skps.binary_search_by_key(&file, |s| s.file);
        let skp = alone.skps.pop().map(|s| crate::skp::SkpDocument { file, ..s });
        replace_read(&mut workspace.skps, slot, skp);
        let mut own: Vec<Diagnostic> = alone.diagnostics;
        own.iter_mut().for_each(|d| d.set_file(file));
        workspace.diagnostics.retain(|d| d.primary.file != file);
        workspace.diagnostics.extend(own.iter().cloned());

        if let Ok(at) = workspace.documents.binary_search_by_key(&file, |d| d.file) {
            own.extend(own_findings(&workspace.files, &workspace.documents[at], data, settings));
        }
        if let Ok(at) = workspace.skps.binary_search_by_key(&file, |d| d.file) {
            let skp_checks = lint::checks(settings).skp;
            crate::per_file::check_skp(&workspace.files, &workspace.skps[at], &skp_checks, data, &mut own);
        }
        self.own[file.0] = own;
        self.cascade_stale = true;
        let (mut refinish, cascade) = self.rerun_set(workspace, data, settings);
        refinish.insert(file);
        self.refinish(workspace, Some(file), refinish, BTreeSet::new(), settings, cascade)
    }

    /// Finish again the findings of the files in `refinish` (the edited `file` among them, always shown), and
    /// say which files' shown findings changed: those, and the files in `changed` already.
    fn refinish(
        &mut self,
        workspace: &mut Workspace,
        file: Option<FileId>,
        refinish: BTreeSet<FileId>,
        mut changed: BTreeSet<FileId>,
        settings: &Settings,
        cascade: Arc<Cascade>,
    ) -> Outcome {
        for g in refinish {
            let findings = self.own[g.0].iter().chain(&self.set[g.0]).cloned().collect();
            let finished = finish_file(workspace, g, findings, settings);
            if *finished != *self.finished[g.0] || Some(g) == file {
                changed.insert(g);
                changed.extend(mirrored_into(&self.finished[g.0]));
                changed.extend(mirrored_into(&finished));
                self.finished[g.0] = Arc::from(finished);
            }
        }
        Outcome {
            diagnostics: Findings(self.finished.clone()),
            cascade,
            changed: Some(changed),
        }
    }

    /// The edit of one position of a clean IKI file ([`reread_position`]): that position is read again, the
    /// document's rules run again, and the set rules only when what they read of the position changed; otherwise
    /// their findings are kept, moved with the text. `Err` gives the text back when the whole file must be read.
    fn update_position(
        &mut self,
        workspace: &mut Workspace,
        file: FileId,
        text: String,
        data: &Data,
        settings: &Settings,
    ) -> Result<Outcome, String> {
        let clean = !workspace.diagnostics.iter().any(|d| d.primary.file == file);
        let Some(at) = workspace
            .documents
            .binary_search_by_key(&file, |d| d.file)
            .ok()
            .filter(|_| clean)
        else {
            return Err(text);
        };
        let old = &workspace.files.get(file).text;
        let Some(edit) = reread_position(old, &text, &mut workspace.documents[at]) else {
            return Err(text);
        };
        let name = workspace.files.get(file).name.clone();
        workspace.files.replace(file, SourceFile::new(name, text));
        let document = &workspace.documents[at];
        let kept = std::mem::take(&mut self.own[file.0]);
        self.own[file.0] = own_findings_after(&workspace.files, document, &edit, kept, data, settings);

        self.cascade_stale |= !crate::cascade::reads_same(&edit.old, &document.jabatan[edit.index]);
        let mut before = edit.old.into_skeleton();
        before.shift(edit.from, edit.delta);
        let links_kept = before == document.jabatan[edit.index].clone().into_skeleton();
        // The set rules' findings, moved with the text, are right when what they read is the same; otherwise
        // they stand until `complete` runs the set rules again (see there).
        self.set_stale |= !links_kept;
        let mut changed = BTreeSet::new();
        for (g, findings) in self.set.iter_mut().enumerate() {
            for finding in findings.iter_mut() {
                finding.shift_in(file, edit.from, edit.delta);
            }
            let shown = &self.finished[g];
            let moved = g != file.0
                && shown.iter().any(|finding| {
                    let mut labels = std::iter::once(&finding.primary).chain(&finding.secondary);
                    labels.any(|l| l.file == file && l.span.end >= edit.from)
                });
            if moved {
                let mut shifted = shown.to_vec();
                for finding in &mut shifted {
                    finding.shift_in(file, edit.from, edit.delta);
                }
                self.finished[g] = Arc::from(shifted);
                changed.insert(FileId(g));
            }
        }
        let cascade = self.cascade.clone();
        Ok(self.refinish(
            workspace,
            Some(file),
            BTreeSet::from([file]),
            changed,
            settings,
            cascade,
        ))
    }

    /// Run the set rules over the whole set: the files whose findings of them changed, and the cascade graph.
    fn rerun_set(
        &mut self,
        workspace: &Workspace,
        data: &Data,
        settings: &Settings,
    ) -> (BTreeSet<FileId>, Arc<Cascade>) {
        let mut cx = Context::new(&workspace.files, &workspace.documents, data).with_skps(&workspace.skps);
        if !self.cascade_stale {
            cx = cx.with_index(self.cascade.clone());
        }
        let set = by_file(workspace.files.len(), lint::set_findings(&cx, settings));
        let mut changed = BTreeSet::new();
        for (g, findings) in set.into_iter().enumerate() {
            if self.set[g] != findings {
                self.set[g] = findings;
                changed.insert(FileId(g));
            }
        }
        self.cascade = cx.index::<Cascade>();
        self.set_stale = false;
        self.cascade_stale = false;
        (changed, self.cascade.clone())
    }

    /// Whether the set rules' findings are those of an earlier text ([`Cache::complete`] brings them up to date).
    pub fn is_set_stale(&self) -> bool {
        self.set_stale
    }

    /// Run the set rules again after edits that changed what they read. An edit publishes its file's own
    /// findings at once, with the set rules' findings of the text before (moved with the text); the set rules,
    /// whose work grows with the workspace, then run once the editor is idle (edits typed meanwhile are
    /// coalesced), and before any request reads the cascade. `None` when nothing waits.
    pub fn complete(&mut self, workspace: &mut Workspace, data: &Data, settings: &Settings) -> Option<Outcome> {
        if !self.set_stale {
            return None;
        }
        let (refinish, cascade) = self.rerun_set(workspace, data, settings);
        Some(self.refinish(workspace, None, refinish, BTreeSet::new(), settings, cascade))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::rules::Check;

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

    /// An edit, then the set rules once it is done: the findings the editor ends with.
    fn settle(
        cache: &mut Cache,
        workspace: &mut Workspace,
        file: FileId,
        text: String,
        data: &Data,
        settings: &Settings,
    ) -> Vec<Diagnostic> {
        let first = cache.update(workspace, file, text, data, settings);
        cache
            .complete(workspace, data, settings)
            .map_or(first.diagnostics, |o| o.diagnostics)
            .to_vec()
    }

    /// Each edit is applied to one file incrementally, and the findings must be those of linting the edited set
    /// from scratch: a broken file, a repaired one, an id taken from another file, a suppression.
    #[test]
    fn an_edit_relinted_alone_gives_the_findings_of_a_lint_from_scratch() {
        let data = Data::builtin();
        let settings = Settings::new(Lang::En);
        let mut sources = examples();
        let mut workspace = workspace::load_sources(sources.clone());
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
            let incremental = settle(&mut cache, &mut workspace, FileId(0), text.clone(), &data, &settings);
            sources[0].1 = text;
            let scratch = lint::lint(&workspace::load_sources(sources.clone()), &data, &settings);
            assert_eq!(incremental, scratch, "edit {round}");
        }
    }

    /// Edits inside one position of each IKI example read only that position again ([`reread_position`]), and
    /// give the findings of linting the edited set from scratch: a formula or target (what the set rules do not
    /// read), a title, a sasaran's text, a link, a suppression comment, and typing back the original text.
    #[test]
    fn an_edit_inside_one_position_gives_the_findings_of_a_lint_from_scratch() {
        let data = Data::builtin();
        let settings = Settings::new(Lang::En);
        let original = examples();
        let mut tried = 0;
        // Two IKI documents are enough to edit one while the other refers to it (a debug build lints slowly).
        for edited in 0..original.len().min(2) {
            let mut sources = original.clone();
            let mut workspace = workspace::load_sources(sources.clone());
            let file = FileId(edited);
            if workspace.documents.iter().all(|d| d.file != file) {
                continue;
            }
            let (mut cache, _) = Cache::full(&workspace, &data, &settings);
            let text = sources[edited].1.clone();
            // Each edit on top of the one before, then the original typed back.
            let mut edits = Vec::new();
            let mut current = text.clone();
            for needle in ["formula: ", "target: ", "nama: ", "uraian: ", "mendukung: ", "atasan: "] {
                // The second occurrence: inside a position, not the first key of the file.
                if let Some((at, _)) = current.match_indices(needle).nth(1) {
                    current.insert_str(at + needle.len(), "Xx");
                    edits.push(current.clone());
                }
            }
            if let Some((at, _)) = current.match_indices("\n    sasaran:").nth(1) {
                current.insert_str(at, "\n    # ikilint: allow(T001, A001, U001)");
                edits.push(current.clone());
            }
            edits.push(text.clone());
            for (round, new) in edits.into_iter().enumerate() {
                let mut probe = workspace
                    .documents
                    .iter()
                    .find(|d| d.file == file)
                    .cloned()
                    .expect("document");
                let clean = !workspace.diagnostics.iter().any(|d| d.primary.file == file);
                let by_position = reread_position(&workspace.files.get(file).text, &new, &mut probe).is_some();
                tried += usize::from(clean && by_position);
                let first = cache
                    .update(&mut workspace, file, new.clone(), &data, &settings)
                    .diagnostics
                    .to_vec();
                let settled = cache
                    .complete(&mut workspace, &data, &settings)
                    .map_or_else(|| first.clone(), |o| o.diagnostics.to_vec());
                sources[edited].1 = new;
                let scratch = lint::lint(&workspace::load_sources(sources.clone()), &data, &settings);
                assert_eq!(settled, scratch, "{} edit {round}", sources[edited].0);
                // Published at once, before the set rules run again: the file's own findings are already right.
                let own = |all: &[Diagnostic]| -> Vec<Diagnostic> {
                    let set_rule = |code| crate::rules::by_code(code).is_some_and(|r| matches!(r.check, Check::Set(_)));
                    all.iter()
                        .filter(|d| d.primary.file == file && !set_rule(d.code))
                        .cloned()
                        .collect()
                };
                assert_eq!(own(&first), own(&scratch), "{} edit {round}, first", sources[edited].0);
            }
        }
        assert!(tried >= 6, "only {tried} edits were read by their position");
    }
}
