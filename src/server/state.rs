//! What the server knows: every IKI file of the workspace folders (disk text, overridden by the editor's open
//! buffer), the last lint of the whole set, and what was last published per file.

use super::convert;
use crate::config;
use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, tr};
use crate::lint::{self, Settings};
use crate::source::FileId;
use crate::workspace::{self, Workspace};
use lsp_types as lsp;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Rules whose secondary label marks a peer occurrence (the other place of a duplicate): their findings are
/// also shown in the file of that label, so that a duplicate across files appears, and disappears, in both.
/// Other rules' secondary labels (context such as "the superior's sasaran") stay related information only.
pub const MIRRORED: &[&str] = &["S004", "N004", "N005", "N006"];

/// Read the configuration of a workspace as `ikilint check <first root>` would: the `ikilint.toml` of the first
/// root (or of its nearest parent), its `extra-rules` data, rule selection, severities, per-file-ignores and
/// `lang`; `flag` is the client's `initializationOptions.lang`. An error is the localized text to show the user.
pub fn load_settings(roots: &[PathBuf], flag: Option<Lang>) -> Result<config::Effective, String> {
    // Without a workspace folder there is no project: the server's own directory is not one.
    config::load(roots, None, roots.is_empty(), flag)
        .map_err(|(e, lang)| tr(lang, "common.server-config-error", &[("detail", &e)]))
}

/// Whether a text is linted when found in a workspace: an IKI document, or a file that does not parse (it may
/// be one whose key line is the broken one), as `ikilint check` decides for files found by walking.
pub fn is_linted(text: &str) -> bool {
    // Fast path, so that an IKI buffer is not parsed twice per keystroke: a top-level `dokumen:`/`jabatan:` key
    // at the start of a line makes the root a mapping with that key, or else a syntax error (also linted).
    let top_level_key = text.lines().any(|line| {
        let line = line.trim_start_matches('\u{feff}');
        ["dokumen", "jabatan"].iter().any(|key| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    });
    if top_level_key {
        return true;
    }
    match crate::yaml::parse(text) {
        Ok(Some(root)) => crate::schema::is_iki_document(&root),
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
}

impl Entry {
    pub fn text(&self) -> Option<&str> {
        self.open.as_deref().or(self.disk.as_deref())
    }

    fn refresh(&mut self) {
        self.linted = self.text().is_some_and(is_linted);
    }
}

/// The last lint of the set.
#[derive(Debug, Default)]
pub struct Analysis {
    pub workspace: Workspace,
    pub diagnostics: Vec<Diagnostic>,
    /// The URI of each file, by [`FileId`].
    pub uris: Vec<lsp::Uri>,
}

impl Analysis {
    pub fn file_of(&self, uri: &lsp::Uri) -> Option<FileId> {
        self.uris.iter().position(|u| u == uri).map(FileId)
    }
}

pub struct State {
    pub roots: Vec<PathBuf>,
    /// The language the client asked for (`initializationOptions.lang`), which beats the configuration's.
    lang_flag: Option<Lang>,
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
    published: HashMap<lsp::Uri, Vec<lsp::Diagnostic>>,
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
    pub fn new(roots: Vec<PathBuf>, lang_flag: Option<Lang>) -> State {
        let lang = config::resolve_lang(lang_flag, None, |name| std::env::var(name).ok());
        let mut state = State {
            roots,
            lang_flag,
            lang,
            data: Data::builtin(),
            settings: Settings::new(lang),
            config_error: None,
            extra_rules: Vec::new(),
            entries: BTreeMap::new(),
            analysis: Analysis::default(),
            published: HashMap::new(),
        };
        state.reload_settings();
        state.rediscover();
        state.relint();
        state
    }

    /// Walk the workspace folders again (after files were created or deleted); open buffers are kept.
    pub fn rediscover(&mut self) {
        let mut found: BTreeMap<String, (lsp::Uri, String)> = BTreeMap::new();
        for root in &self.roots {
            let Ok(candidates) = workspace::discover(std::slice::from_ref(root)) else {
                continue;
            };
            for candidate in candidates {
                let Ok(text) = crate::fsread::read_to_string(&candidate.path, crate::fsread::Kind::Document) else {
                    continue;
                };
                if let Some(uri) = convert::path_to_uri(&candidate.path) {
                    found.insert(candidate.path.to_string_lossy().into_owned(), (uri, text));
                }
            }
        }
        self.entries.retain(|name, entry| {
            entry.in_workspace = found.contains_key(name);
            entry.open.is_some()
        });
        for (name, (uri, text)) in found {
            let entry = self.entries.entry(name).or_insert(Entry {
                uri,
                disk: None,
                open: None,
                in_workspace: true,
                linted: false,
            });
            entry.disk = Some(text);
            entry.in_workspace = true;
            entry.refresh();
        }
    }

    /// Read the configuration again (`ikilint.toml` changed). When it cannot be read, the previous settings
    /// stay and `config_error` says why (localized), for the server to show.
    pub fn reload_settings(&mut self) {
        match load_settings(&self.roots, self.lang_flag) {
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

    /// The editor opened a buffer (it overrides the disk text until closed).
    pub fn open(&mut self, uri: lsp::Uri, text: String) {
        let entry = self.entries.entry(name_of(&uri)).or_insert(Entry {
            uri,
            disk: None,
            open: None,
            in_workspace: false,
            linted: false,
        });
        entry.open = Some(text);
        entry.refresh();
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
            entry.open = None;
            if !entry.in_workspace {
                self.entries.remove(&name);
            } else {
                entry.refresh();
            }
        }
    }

    /// A watched file changed on disk: re-read it (open buffers still win).
    pub fn disk_changed(&mut self, path: &Path) {
        let name = path.to_string_lossy().into_owned();
        if let Some(entry) = self.entries.get_mut(&name) {
            entry.disk = crate::fsread::read_to_string(path, crate::fsread::Kind::Document).ok();
            entry.refresh();
        }
    }

    /// Lint the whole set again (it is fast) with the current texts.
    pub fn relint(&mut self) {
        let mut sources = Vec::new();
        let mut uris: HashMap<&str, &lsp::Uri> = HashMap::new();
        for (name, entry) in &self.entries {
            if let (true, Some(text)) = (entry.linted, entry.text()) {
                sources.push((name.clone(), text.to_string()));
                uris.insert(name, &entry.uri);
            }
        }
        let workspace = workspace::load_sources(sources, self.settings.lang);
        let diagnostics = lint::lint(&workspace, &self.data, &self.settings);
        let uris = workspace
            .files
            .iter()
            .map(|(_, f)| uris.get(f.name.as_str()).map(|u| (*u).clone()))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        self.analysis = Analysis {
            workspace,
            diagnostics,
            uris,
        };
    }

    /// The LSP diagnostics of every known file after the last lint.
    pub fn lsp_diagnostics(&self) -> HashMap<lsp::Uri, Vec<lsp::Diagnostic>> {
        let a = &self.analysis;
        let mut out: HashMap<lsp::Uri, Vec<lsp::Diagnostic>> =
            self.entries.values().map(|e| (e.uri.clone(), Vec::new())).collect();
        if a.uris.len() != a.workspace.files.len() {
            return out;
        }
        let location = |file: FileId, span| {
            lsp::Location::new(
                a.uris[file.0].clone(),
                convert::range(a.workspace.files.get(file), span),
            )
        };
        for d in &a.diagnostics {
            let related = d
                .secondary
                .iter()
                .map(|l| lsp::DiagnosticRelatedInformation {
                    location: location(l.file, l.span),
                    message: l.message.clone(),
                })
                .collect();
            let here = location(d.primary.file, d.primary.span);
            out.entry(here.uri.clone()).or_default().push(convert::diagnostic(
                d,
                here.range,
                &d.primary.message,
                self.lang,
                related,
            ));
            if MIRRORED.contains(&d.code) {
                for label in d.secondary.iter().filter(|l| l.file != d.primary.file) {
                    let there = location(label.file, label.span);
                    let back = vec![lsp::DiagnosticRelatedInformation {
                        location: here.clone(),
                        message: d.primary.message.clone(),
                    }];
                    out.entry(there.uri.clone()).or_default().push(convert::diagnostic(
                        d,
                        there.range,
                        &label.message,
                        self.lang,
                        back,
                    ));
                }
            }
        }
        out
    }

    /// What to publish after a lint: every file whose diagnostics changed since last time, plus `changed`
    /// (the file the user just edited, so the editor knows its new version was checked).
    pub fn publications(&mut self, changed: Option<&lsp::Uri>) -> Vec<lsp::PublishDiagnosticsParams> {
        let mut current = self.lsp_diagnostics();
        // Files that disappeared since the last publication are cleared.
        for uri in self.published.keys() {
            current.entry(uri.clone()).or_default();
        }
        let mut out = Vec::new();
        for (uri, diagnostics) in &current {
            let before = self.published.get(uri).map_or(&[][..], Vec::as_slice);
            if before != diagnostics.as_slice() || Some(uri) == changed {
                out.push(lsp::PublishDiagnosticsParams::new(
                    uri.clone(),
                    diagnostics.clone(),
                    None,
                ));
            }
        }
        out.sort_by(|a, b| a.uri.cmp(&b.uri));
        current.retain(|_, d| !d.is_empty());
        self.published = current;
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

    fn published(state: &mut State, changed: Option<&lsp::Uri>) -> Vec<(String, usize)> {
        state.relint();
        state
            .publications(changed)
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
        let mut state = State::new(Vec::new(), Some(Lang::En));
        let (a, b, readme) = (uri("a.yaml"), uri("b.yaml"), uri("other.yaml"));
        state.open(a.clone(), A.to_string());
        state.open(b.clone(), A.replace("id: a", "id: b").replace("jabatn", "jabatan"));
        state.open(readme.clone(), "name: not an IKI document\n".to_string());
        assert_eq!(published(&mut state, None), vec![("a.yaml".to_string(), 1)]);
        // An edit of b that changes nothing: only b (the edited file) is published.
        state.change(
            b.clone(),
            A.replace("id: a", "id: b").replace("jabatn", "jabatan") + "\n",
        );
        assert_eq!(published(&mut state, Some(&b)), vec![("b.yaml".to_string(), 0)]);
        // b takes a's id: both files get the finding.
        state.change(b.clone(), A.replace("jabatn", "jabatan"));
        assert_eq!(
            published(&mut state, Some(&b)),
            vec![("a.yaml".to_string(), 2), ("b.yaml".to_string(), 1)]
        );
        // Closing a file that exists only in the editor clears its diagnostics.
        state.close(&b);
        assert_eq!(
            published(&mut state, None),
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
        let state = State::new(vec![root.clone()], Some(Lang::En));
        assert_eq!(codes(&state), ["T002"], "SIPPD is not a known term yet");

        std::fs::create_dir(root.join("aturan")).expect("mkdir");
        std::fs::write(
            root.join("aturan/istilah.yaml"),
            "istilah:\n  - { istilah: SIPPD, kepanjangan: Sistem Informasi Perencanaan Pembangunan Desa }\n",
        )
        .expect("write");
        std::fs::write(root.join("ikilint.toml"), "extra-rules = [\"aturan\"]\nlang = \"id\"\n").expect("write");
        let mut state = State::new(vec![root.clone()], Some(Lang::En));
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
            let without_flag = State::new(vec![root.clone()], None);
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
