//! What the server knows: every IKI file of the workspace folders (disk text, overridden by the editor's open
//! buffer), the last lint of the whole set with the per-file findings kept for the next one, what changed since,
//! and what was last published per file.

use super::convert;
use super::incremental::{Cache, Findings};
use crate::cascade::Cascade;
use crate::config;
use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, tr};
use crate::lint::Settings;
use crate::source::FileId;
use crate::workspace::{self, Workspace};
use lsp_types as lsp;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Rules whose secondary label marks a peer occurrence (the other place of a duplicate): their findings are
/// also shown in the file of that label, so that a duplicate across files appears, and disappears, in both.
/// Other rules' secondary labels (context such as "the superior's sasaran") stay related information only.
pub const MIRRORED: &[&str] = &["S004", "N004", "N005", "N006"];

/// The editor's own settings (`initializationOptions`, `workspace/didChangeConfiguration`): the language, which
/// beats the configuration's as `--lang` does, and a rule selection applied over `ikilint.toml`'s (`select`
/// replaces its `select`, `ignore` adds to its `ignore`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientSettings {
    pub lang: Option<Lang>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

impl ClientSettings {
    pub fn lang(lang: Lang) -> ClientSettings {
        ClientSettings {
            lang: Some(lang),
            ..ClientSettings::default()
        }
    }

    /// `{ "lang": "id", "select": ["A", "N"], "ignore": ["T006"] }`; what is missing or malformed is left unset.
    pub fn from_json(value: &Value) -> ClientSettings {
        let list = |key: &str| {
            value.get(key).and_then(Value::as_array).map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
        };
        ClientSettings {
            lang: value.get("lang").and_then(Value::as_str).and_then(Lang::parse),
            select: list("select"),
            ignore: list("ignore").unwrap_or_default(),
        }
    }
}

/// Read the configuration of a workspace as `ikilint check <first root>` would: the `ikilint.toml` of the first
/// root (or of its nearest parent), its `extra-rules` data, rule selection, severities, per-file-ignores and
/// `lang`, with the editor's settings over it. An error is the localized text to show the user.
pub fn load_settings(roots: &[PathBuf], client: &ClientSettings) -> Result<config::Effective, String> {
    // Without a workspace folder there is no project: the server's own directory is not one.
    let mut effective = config::load(roots, None, roots.is_empty(), client.lang)
        .map_err(|(e, lang)| tr(lang, "common.server-config-error", &[("detail", &e)]))?;
    if client.select.is_some() || !client.ignore.is_empty() {
        let config = &mut effective.config;
        if let Some(select) = &client.select {
            config.select = Some(select.clone());
            config.extend_select.clear();
        }
        config.ignore.extend(client.ignore.iter().cloned());
        effective.settings = config.settings(effective.lang);
    }
    Ok(effective)
}

/// Whether a text is linted when found in a workspace: an IKI or SKP document, or a file that does not parse (it may
/// be one whose key line is the broken one), as `ikilint check` decides for files found by walking.
pub fn is_linted(text: &str) -> bool {
    // Fast path, so that an IKI buffer is not parsed twice per keystroke: a top-level `dokumen:`/`jabatan:` key
    // at the start of a line makes the root a mapping with that key, or else a syntax error (also linted).
    let top_level_key = text.lines().any(|line| {
        let line = line.trim_start_matches('\u{feff}');
        ["dokumen", "jabatan", "skp"].iter().any(|key| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    });
    if top_level_key {
        return true;
    }
    match crate::yaml::parse(text) {
        Ok(Some(root)) => crate::schema::is_iki_document(&root) || crate::schema::is_skp_document(&root),
        Ok(None) => false,
        Err(_) => true,
    }
}

#[derive(Debug)]
pub struct Entry {
    pub uri: lsp::Uri,
    pub disk: Option<String>,
    pub open: Option<String>,
    /// Found by walking the workspace folders (as opposed to only opened).
    pub in_workspace: bool,
    /// [`is_linted`] of the current text.
    pub linted: bool,
    /// A Word or Excel file: its bytes on disk. The editor does not edit it; its findings are published
    /// (located by the cell they concern) so that they appear in the editor's list of problems.
    pub office: Option<Vec<u8>>,
}

impl Entry {
    pub fn text(&self) -> Option<&str> {
        self.open.as_deref().or(self.disk.as_deref())
    }

    fn refresh(&mut self) {
        self.linted = self.office.is_some() || self.text().is_some_and(is_linted);
    }

    /// What is linted of the file: the text of its buffer or disk, or an office file's bytes.
    fn source(&self) -> Option<Vec<u8>> {
        self.office
            .clone()
            .or_else(|| self.text().map(|t| t.as_bytes().to_vec()))
    }
}

/// The last lint of the set.
#[derive(Default)]
pub struct Analysis {
    pub workspace: Workspace,
    pub diagnostics: Findings,
    /// The URI of each file, by [`FileId`].
    pub uris: Vec<lsp::Uri>,
    /// The cascade graph of `workspace`: the lint's own, or built on the first request that needs it.
    cascade: OnceLock<Arc<Cascade>>,
}

impl Analysis {
    /// The analysis of a lint; `cascade`, when given, is the graph the lint built of `workspace`.
    pub fn new(
        workspace: Workspace,
        diagnostics: Findings,
        uris: Vec<lsp::Uri>,
        cascade: Option<Arc<Cascade>>,
    ) -> Analysis {
        let cell = OnceLock::new();
        if let Some(cascade) = cascade {
            let _ = cell.set(cascade);
        }
        Analysis {
            workspace,
            diagnostics,
            uris,
            cascade: cell,
        }
    }

    pub fn file_of(&self, uri: &lsp::Uri) -> Option<FileId> {
        self.uris.iter().position(|u| u == uri).map(FileId)
    }

    pub fn cascade(&self) -> &Cascade {
        self.cascade
            .get_or_init(|| Arc::new(Cascade::new(&self.workspace.documents)))
    }

    /// The document of `file`, when it was read as one.
    pub fn document(&self, file: FileId) -> Option<&crate::model::Document> {
        self.workspace.documents.iter().find(|d| d.file == file)
    }
}

pub struct State {
    pub roots: Vec<PathBuf>,
    /// The editor's settings, over the configuration's.
    client: ClientSettings,
    pub lang: Lang,
    pub data: Data,
    pub settings: Settings,
    /// Why the configuration could not be read at the last (re)load, until the server has shown it.
    pub config_error: Option<String>,
    /// The `extra-rules` directories of the configuration in force.
    pub extra_rules: Vec<PathBuf>,
    /// By file name: the path for `file:` URIs, else the URI itself.
    pub entries: BTreeMap<String, Entry>,
    pub analysis: Analysis,
    /// The per-file findings of the last lint, for the next.
    cache: Cache,
    /// Files whose text changed since the last lint (by name).
    edited: BTreeSet<String>,
    /// Something other than a text changed since the last lint (files added or removed, a file that became or
    /// stopped being an IKI document, the settings): the next lint starts from scratch.
    restructured: bool,
    /// Files the editor changed or saved since the last publication: published even when their findings did
    /// not change, so that the editor knows the new version was checked.
    touched: BTreeSet<lsp::Uri>,
    /// The files whose findings may have changed since the last publication (`None`: any).
    affected: Option<BTreeSet<FileId>>,
    /// How many lints have run.
    pub lints: u64,
    published: HashMap<lsp::Uri, Vec<lsp::Diagnostic>>,
}

/// The bytes of a Word or Excel file (by its name); `None` for any other file, or one that cannot be read (it is
/// then not linted, as a YAML file that cannot be read is not).
fn office_bytes(path: &Path) -> Option<Vec<u8>> {
    let format = crate::office::Format::of_name(&path.to_string_lossy())?;
    // A `.txt` is edited as text in the editor; only the packages are read as office files here.
    (format != crate::office::Format::Text)
        .then(|| crate::fsread::read(path, crate::fsread::Kind::Document).ok())
        .flatten()
}

/// The name a file is linted under.
pub fn name_of(uri: &lsp::Uri) -> String {
    match convert::uri_to_path(uri) {
        Some(path) => path.to_string_lossy().into_owned(),
        None => uri.as_str().to_string(),
    }
}

impl State {
    /// Load the workspace folders as `ikilint check` would (configuration read, `.gitignore` honoured) and
    /// lint them. A configuration that cannot be read leaves the defaults and its error in `config_error`.
    pub fn new(roots: Vec<PathBuf>, client: ClientSettings) -> State {
        let lang = config::resolve_lang(client.lang, None, |name| std::env::var(name).ok());
        let mut state = State {
            roots,
            client,
            lang,
            data: Data::builtin(),
            settings: Settings::new(lang),
            config_error: None,
            extra_rules: Vec::new(),
            entries: BTreeMap::new(),
            analysis: Analysis::default(),
            cache: Cache::default(),
            edited: BTreeSet::new(),
            restructured: true,
            touched: BTreeSet::new(),
            affected: None,
            lints: 0,
            published: HashMap::new(),
        };
        state.reload_settings();
        state.rediscover();
        state.relint();
        state
    }

    /// Walk the workspace folders again (after files were created or deleted); open buffers are kept.
    pub fn rediscover(&mut self) {
        self.restructured = true;
        let mut found: BTreeMap<String, (lsp::Uri, String)> = BTreeMap::new();
        let mut offices: BTreeMap<String, (lsp::Uri, Vec<u8>)> = BTreeMap::new();
        for root in &self.roots {
            let Ok(candidates) = workspace::discover(std::slice::from_ref(root)) else {
                continue;
            };
            for candidate in candidates {
                let Some(uri) = convert::path_to_uri(&candidate.path) else {
                    continue;
                };
                let name = candidate.path.to_string_lossy().into_owned();
                if let Some(bytes) = office_bytes(&candidate.path) {
                    offices.insert(name, (uri, bytes));
                } else if let Ok(text) = crate::fsread::read_to_string(&candidate.path, crate::fsread::Kind::Document) {
                    found.insert(name, (uri, text));
                }
            }
        }
        self.entries.retain(|name, entry| {
            entry.in_workspace = found.contains_key(name);
            entry.open.is_some() && entry.office.is_none()
        });
        for (name, (uri, bytes)) in offices {
            let mut entry = Entry {
                uri,
                disk: None,
                open: None,
                in_workspace: true,
                linted: true,
                office: Some(bytes),
            };
            entry.refresh();
            self.entries.insert(name, entry);
        }
        for (name, (uri, text)) in found {
            let entry = self.entries.entry(name).or_insert(Entry {
                uri,
                disk: None,
                open: None,
                in_workspace: true,
                linted: false,
                office: None,
            });
            entry.disk = Some(text);
            entry.in_workspace = true;
            entry.refresh();
        }
    }

    /// Read the configuration again (`ikilint.toml` changed). When it cannot be read, the previous settings
    /// stay and `config_error` says why (localized), for the server to show.
    pub fn reload_settings(&mut self) {
        self.restructured = true;
        match load_settings(&self.roots, &self.client) {
            Ok(loaded) => {
                self.lang = loaded.lang;
                self.data = loaded.data;
                self.settings = loaded.settings;
                self.extra_rules = loaded.config.extra_rules;
                self.config_error = None;
            }
            Err(message) => self.config_error = Some(message),
        }
    }

    /// Whether a file on disk is configuration: `ikilint.toml`, or a data file of an `extra-rules` directory.
    pub fn is_configuration(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == config::FILE_NAME) || self.extra_rules.iter().any(|d| path.starts_with(d))
    }

    /// New settings from the editor: the configuration is read again with them.
    pub fn set_client_settings(&mut self, client: ClientSettings) {
        if client != self.client {
            self.client = client;
            self.reload_settings();
        }
    }

    /// Whether something changed since the last lint, or a file the editor touched waits to be published.
    pub fn is_stale(&self) -> bool {
        self.restructured || !self.edited.is_empty() || !self.touched.is_empty()
    }

    /// Note that the text of `name` changed: a file that stays an IKI document of the set is re-read alone at the
    /// next lint; one that starts or stops being linted changes the set.
    fn text_changed(&mut self, name: String, was_linted: bool) {
        let linted = self.entries.get(&name).is_some_and(|e| e.linted);
        if linted && was_linted && !self.restructured {
            self.edited.insert(name);
        } else if linted || was_linted {
            self.restructured = true;
        }
    }

    /// The editor opened a buffer (it overrides the disk text until closed).
    pub fn open(&mut self, uri: lsp::Uri, text: String) {
        let name = name_of(&uri);
        self.touched.insert(uri.clone());
        let entry = self.entries.entry(name.clone()).or_insert(Entry {
            uri,
            disk: None,
            open: None,
            in_workspace: false,
            linted: false,
            office: None,
        });
        let was_linted = entry.linted;
        if entry.text() == Some(text.as_str()) {
            entry.open = Some(text);
            return;
        }
        entry.open = Some(text);
        entry.refresh();
        self.text_changed(name, was_linted);
    }

    /// The editor saved a buffer without sending its text: it is published again.
    pub fn touch(&mut self, uri: lsp::Uri) {
        self.touched.insert(uri.clone());
        self.edited.insert(name_of(&uri));
    }

    /// The open buffer's new text; an unknown URI is opened.
    pub fn change(&mut self, uri: lsp::Uri, text: String) {
        self.open(uri, text);
    }

    /// The open buffer's text, for applying an incremental change.
    pub fn buffer(&self, uri: &lsp::Uri) -> Option<&str> {
        self.entries.get(&name_of(uri)).and_then(Entry::text)
    }

    pub fn close(&mut self, uri: &lsp::Uri) {
        let name = name_of(uri);
        if let Some(entry) = self.entries.get_mut(&name) {
            let was_linted = entry.linted;
            let before = entry.open.take();
            if !entry.in_workspace {
                self.entries.remove(&name);
                if was_linted {
                    self.restructured = true;
                }
            } else if before.as_deref() != entry.disk.as_deref() {
                entry.refresh();
                self.text_changed(name, was_linted);
            }
        }
    }

    /// A watched file changed on disk: re-read it (open buffers still win).
    pub fn disk_changed(&mut self, path: &Path) {
        let name = path.to_string_lossy().into_owned();
        if let Some(entry) = self.entries.get_mut(&name) {
            let was_linted = entry.linted;
            if entry.office.is_some() {
                // Read again as a whole set: an office file is never re-read alone.
                entry.office = office_bytes(path);
                self.restructured = true;
                return;
            }
            entry.disk = crate::fsread::read_to_string(path, crate::fsread::Kind::Document).ok();
            entry.refresh();
            self.text_changed(name, was_linted);
        }
    }

    /// Lint what changed since the last lint, the set rules included ([`State::relint_edits`], then
    /// [`State::complete`]).
    pub fn relint(&mut self) {
        self.relint_edits();
        self.complete();
    }

    /// Whether the set rules wait to run again after edits ([`Cache::complete`]).
    pub fn is_set_stale(&self) -> bool {
        self.cache.is_set_stale()
    }

    /// Run the set rules again when edits changed what they read ([`Cache::complete`]).
    pub fn complete(&mut self) {
        if !self.cache.is_set_stale() {
            return;
        }
        let mut analysis = std::mem::take(&mut self.analysis);
        self.analysis = match self.cache.complete(&mut analysis.workspace, &self.data, &self.settings) {
            Some(outcome) => {
                if let (Some(affected), Some(changed)) = (&mut self.affected, outcome.changed) {
                    affected.extend(changed);
                }
                Analysis::new(
                    analysis.workspace,
                    outcome.diagnostics,
                    analysis.uris,
                    Some(outcome.cascade),
                )
            }
            None => analysis,
        };
    }

    /// Read and check again the files edited since the last lint (or everything when the set changed). After
    /// an edit inside one position the set rules may wait: see [`Cache::complete`].
    pub fn relint_edits(&mut self) {
        self.lints += 1;
        let edited = std::mem::take(&mut self.edited);
        if !std::mem::take(&mut self.restructured) && self.analysis.uris.len() == self.analysis.workspace.files.len() {
            for name in edited {
                let (Some(file), Some(text)) = (
                    self.analysis
                        .workspace
                        .files
                        .iter()
                        .find(|(_, f)| f.name == name)
                        .map(|(id, _)| id),
                    self.entries.get(&name).and_then(Entry::text),
                ) else {
                    continue;
                };
                let text = text.to_string();
                let analysis = std::mem::take(&mut self.analysis);
                let (mut workspace, uris) = (analysis.workspace, analysis.uris);
                let outcome = self
                    .cache
                    .update(&mut workspace, file, text, &self.data, &self.settings);
                if let (Some(affected), Some(changed)) = (&mut self.affected, outcome.changed) {
                    affected.extend(changed);
                }
                self.analysis = Analysis::new(workspace, outcome.diagnostics, uris, Some(outcome.cascade));
            }
            return;
        }
        self.relint_all();
    }

    fn relint_all(&mut self) {
        let mut sources = Vec::new();
        let mut uris: HashMap<&str, &lsp::Uri> = HashMap::new();
        for (name, entry) in &self.entries {
            if let (true, Some(source)) = (entry.linted, entry.source()) {
                sources.push((name.clone(), source));
                uris.insert(name, &entry.uri);
            }
        }
        let workspace = workspace::load_bytes(sources);
        let (cache, outcome) = Cache::full(&workspace, &self.data, &self.settings);
        self.cache = cache;
        self.affected = None;
        let diagnostics = outcome.diagnostics;
        let uris = workspace
            .files
            .iter()
            .map(|(_, f)| uris.get(f.name.as_str()).map(|u| (*u).clone()))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        self.analysis = Analysis::new(workspace, diagnostics, uris, Some(outcome.cascade));
    }

    /// The LSP diagnostics after the last lint of every known file (`files` is `None`), or of `files` only.
    pub fn lsp_diagnostics(&self, files: Option<&BTreeSet<FileId>>) -> HashMap<lsp::Uri, Vec<lsp::Diagnostic>> {
        let a = &self.analysis;
        let mut out: HashMap<lsp::Uri, Vec<lsp::Diagnostic>> = match files {
            None => self.entries.values().map(|e| (e.uri.clone(), Vec::new())).collect(),
            Some(files) => files
                .iter()
                .filter_map(|f| a.uris.get(f.0))
                .map(|u| (u.clone(), Vec::new()))
                .collect(),
        };
        if a.uris.len() != a.workspace.files.len() {
            return out;
        }
        let wanted = |file: FileId| files.is_none_or(|f| f.contains(&file));
        let files_read = &a.workspace.files;
        // An office file's findings point at the start of the file (its text in the editor is not the YAML the
        // spans are in) and name the cell they concern in their label.
        let location = |file: FileId, span| {
            let range = match files_read.has_origins(file) {
                true => lsp::Range::default(),
                false => convert::range(files_read.get(file), span),
            };
            lsp::Location::new(a.uris[file.0].clone(), range)
        };
        let label_at = |file: FileId, span, label: &str| match files_read.origin(file, span) {
            Some(origin) if label.is_empty() => origin.describe(self.lang),
            Some(origin) => format!("{}: {label}", origin.describe(self.lang)),
            None => label.to_string(),
        };
        // The findings located in the wanted files, and those of other files mirrored into them.
        let located: Box<dyn Iterator<Item = &Diagnostic>> = match files {
            None => Box::new(a.diagnostics.iter()),
            Some(files) => Box::new(files.iter().flat_map(|&f| a.diagnostics.of(f)).chain(
                a.diagnostics.iter().filter(|d| {
                    MIRRORED.contains(&d.code) && !wanted(d.primary.file) && d.secondary.iter().any(|l| wanted(l.file))
                }),
            )),
        };
        for d in located {
            let mirrored = MIRRORED.contains(&d.code);
            let related = d
                .secondary
                .iter()
                .map(|l| lsp::DiagnosticRelatedInformation {
                    location: location(l.file, l.span),
                    message: l.text(self.lang),
                })
                .collect();
            let here = location(d.primary.file, d.primary.span);
            if !wanted(d.primary.file) {
                // Only its mirror in a wanted file is computed below.
            } else {
                out.entry(here.uri.clone()).or_default().push(convert::diagnostic(
                    d,
                    here.range,
                    &label_at(d.primary.file, d.primary.span, &d.primary.text(self.lang)),
                    self.lang,
                    related,
                ));
            }
            if mirrored {
                for label in d
                    .secondary
                    .iter()
                    .filter(|l| l.file != d.primary.file && wanted(l.file))
                {
                    let there = location(label.file, label.span);
                    let back = vec![lsp::DiagnosticRelatedInformation {
                        location: here.clone(),
                        message: d.primary.text(self.lang),
                    }];
                    out.entry(there.uri.clone()).or_default().push(convert::diagnostic(
                        d,
                        there.range,
                        &label.text(self.lang),
                        self.lang,
                        back,
                    ));
                }
            }
        }
        out
    }

    /// The LSP diagnostics of a file after the last lint.
    pub fn diagnostics_of(&self, uri: &lsp::Uri) -> Vec<lsp::Diagnostic> {
        self.published.get(uri).cloned().unwrap_or_default()
    }

    /// What to publish after a lint: every file whose diagnostics changed since last time, plus the files the
    /// editor changed (so it knows their new version was checked).
    pub fn publications(&mut self) -> Vec<lsp::PublishDiagnosticsParams> {
        let touched = std::mem::take(&mut self.touched);
        let affected = self.affected.replace(BTreeSet::new());
        let mut current = self.lsp_diagnostics(affected.as_ref());
        if affected.is_none() {
            // Files that disappeared since the last publication are cleared.
            for uri in self.published.keys() {
                current.entry(uri.clone()).or_default();
            }
        }
        for uri in &touched {
            if !current.contains_key(uri) {
                current.insert(uri.clone(), self.published.get(uri).cloned().unwrap_or_default());
            }
        }
        let mut out = Vec::new();
        for (uri, diagnostics) in &current {
            let before = self.published.get(uri).map_or(&[][..], Vec::as_slice);
            if before != diagnostics.as_slice() || touched.contains(uri) {
                out.push(lsp::PublishDiagnosticsParams::new(
                    uri.clone(),
                    diagnostics.clone(),
                    None,
                ));
            }
        }
        out.sort_by(|a, b| a.uri.cmp(&b.uri));
        if affected.is_none() {
            self.published.clear();
        }
        for (uri, diagnostics) in current {
            if diagnostics.is_empty() {
                self.published.remove(&uri);
            } else {
                self.published.insert(uri, diagnostics);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const A: &str = "dokumen:\n  id: a\n  unit: A\n  tahun: 2020\njabatn:\n  - id: x\n    nama: X\n    sasaran:\n      - uraian: U\n        indikator:\n          - uraian: I\n";

    fn uri(name: &str) -> lsp::Uri {
        lsp::Uri::from_str(&format!("file:///nonexistent/{name}")).expect("uri")
    }

    fn published(state: &mut State) -> Vec<(String, usize)> {
        state.relint();
        state
            .publications()
            .into_iter()
            .map(|p| {
                (
                    p.uri.as_str().rsplit('/').next().unwrap_or("").to_string(),
                    p.diagnostics.len(),
                )
            })
            .collect()
    }

    #[test]
    fn publishes_only_files_whose_diagnostics_changed_plus_the_edited_one() {
        let mut state = State::new(Vec::new(), ClientSettings::lang(Lang::En));
        let (a, b, readme) = (uri("a.yaml"), uri("b.yaml"), uri("other.yaml"));
        state.open(a.clone(), A.to_string());
        state.open(b.clone(), A.replace("id: a", "id: b").replace("jabatn", "jabatan"));
        state.open(readme.clone(), "name: not an IKI document\n".to_string());
        assert_eq!(
            published(&mut state),
            vec![
                ("a.yaml".to_string(), 1),
                ("b.yaml".to_string(), 0),
                ("other.yaml".to_string(), 0)
            ],
            "the opened files"
        );
        assert_eq!(published(&mut state), vec![], "nothing changed");
        // An edit of b that changes nothing: only b (the edited file) is published.
        state.change(
            b.clone(),
            A.replace("id: a", "id: b").replace("jabatn", "jabatan") + "\n",
        );
        assert_eq!(published(&mut state), vec![("b.yaml".to_string(), 0)]);
        // b takes a's id: both files get the finding.
        state.change(b.clone(), A.replace("jabatn", "jabatan"));
        assert_eq!(
            published(&mut state),
            vec![("a.yaml".to_string(), 2), ("b.yaml".to_string(), 1)]
        );
        // Closing a file that exists only in the editor clears its diagnostics.
        state.close(&b);
        assert_eq!(
            published(&mut state),
            vec![("a.yaml".to_string(), 1), ("b.yaml".to_string(), 0)]
        );
        assert!(
            state.analysis.file_of(&readme).is_none(),
            "a YAML file that is not IKI is not linted"
        );
    }

    const SIPPD: &str = "dokumen: { id: contoh-2020, unit: Kecamatan Contoh, tahun: 2020 }\njabatan:\n  - id: camat\n    \
                         nama: Camat Contoh\n    sasaran:\n      - uraian: Meningkatnya tertib administrasi desa\n        \
                         indikator:\n          - uraian: Persentase desa yang tertib administrasi\n            formula: \
                         Jumlah desa yang tertib dibagi jumlah seluruh desa x 100%\n            sumber_data: [Aplikasi SIPPD]\n";

    fn codes(state: &State) -> Vec<&'static str> {
        state.analysis.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn the_workspace_configuration_brings_its_extra_rules_and_language_and_a_broken_one_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("iki.yaml"), SIPPD).expect("write");
        let state = State::new(vec![root.clone()], ClientSettings::lang(Lang::En));
        assert_eq!(codes(&state), ["T002"], "SIPPD is not a known term yet");

        std::fs::create_dir(root.join("aturan")).expect("mkdir");
        std::fs::write(
            root.join("aturan/istilah.yaml"),
            "istilah:\n  - { istilah: SIPPD, kepanjangan: Sistem Informasi Perencanaan Pembangunan Desa }\n",
        )
        .expect("write");
        std::fs::write(root.join("ikilint.toml"), "extra-rules = [\"aturan\"]\nlang = \"id\"\n").expect("write");
        let mut state = State::new(vec![root.clone()], ClientSettings::lang(Lang::En));
        assert!(state.config_error.is_none(), "{:?}", state.config_error);
        assert!(
            codes(&state).is_empty(),
            "the office's term is known: {:?}",
            codes(&state)
        );
        assert_eq!(state.lang, Lang::En, "the client's language beats the file's");
        assert!(
            state.is_configuration(&root.join("aturan/istilah.yaml")),
            "{:?}",
            state.extra_rules
        );
        assert!(state.is_configuration(&root.join("ikilint.toml")));
        assert!(!state.is_configuration(&root.join("iki.yaml")));
        if std::env::var_os("IKILINT_LANG").is_none() {
            let without_flag = State::new(vec![root.clone()], ClientSettings::default());
            assert_eq!(without_flag.lang, Lang::Id, "the file's language");
        }

        // A broken data file: the error names it, the settings in force stay (the term is still known).
        std::fs::write(root.join("aturan/istilah.yaml"), "istilah:\n  - { istilah: SIPPD\n").expect("write");
        state.reload_settings();
        let error = state.config_error.clone().expect("an error");
        assert!(error.contains("istilah.yaml"), "{error}");
        state.relint();
        assert!(codes(&state).is_empty(), "{:?}", codes(&state));
    }
}
