//! ikilint: a linter for Indonesian *Indikator Kinerja Individu* (IKI) documents kept as YAML.
//!
//! The library does all the work and never prints: [`check`] loads and lints a set of paths into a [`Report`],
//! and the renderers in [`render`] turn a report into text.

pub mod atomic_write;
pub mod baseline;
pub mod cache;
pub mod cascade;
pub mod cli;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod dictionary;
pub mod export;
pub mod fix;
pub mod fsread;
pub mod i18n;
pub mod json_schema;
pub mod link_slot;
pub mod lint;
pub mod locate;
pub mod memo;
pub mod message;
pub mod model;
pub mod names;
pub mod nip;
pub mod numwords;
pub mod office;
pub mod paths;
pub mod per_file;
pub mod render;
pub mod reparse;
pub mod rules;
pub mod run;
pub mod sasaran_match;
pub mod schema;
pub mod server;
pub mod similarity;
pub mod skp;
pub mod source;
pub mod span_shape;
pub mod suppress;
pub mod typed;
pub mod units;
pub mod wording;
pub mod words;
pub mod workspace;
pub mod yaml;

use diagnostic::{Diagnostic, Severity};
use source::Files;
use std::path::PathBuf;

/// The findings of one run over a set of files.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Files,
    pub diagnostics: Vec<Diagnostic>,
    /// The YAML files found by walking that were not linted because they are not IKI documents.
    pub skipped: Vec<String>,
    /// Findings counted and not kept (only when the run was asked to count them: `check --quiet`), besides
    /// `diagnostics`.
    pub counted: diagnostic::Counted,
}

/// The lowest severity that makes a run fail (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn parse(text: &str) -> Option<FailOn> {
        match text {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// Exit codes of SPEC.md section 3.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

impl Report {
    /// Take the fixes off the findings of office files, for output: their edits are in YAML that exists only in
    /// memory, so no program can apply them; a note says where they can be applied instead.
    pub fn drop_office_fixes(&mut self) {
        for diagnostic in &mut self.diagnostics {
            if diagnostic.fix.is_some() && self.files.has_origins(diagnostic.primary.file) {
                diagnostic.fix = None;
                let file = self.files.name(diagnostic.primary.file);
                diagnostic
                    .notes
                    .push(message::Message::new("common.fix-office-note", &[("file", &file)]));
            }
        }
    }

    /// `1` when a finding is at or above `fail_on`, else `0`.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        match fail_on.threshold() {
            Some(threshold)
                if self.counted.reaches(threshold) || self.diagnostics.iter().any(|d| d.severity >= threshold) =>
            {
                EXIT_FINDINGS
            }
            _ => EXIT_OK,
        }
    }
}

/// Find, load and lint `paths` as one set, without a cache.
pub fn check(paths: &[PathBuf], data: &data::Data, settings: &lint::Settings) -> Result<Report, workspace::PathError> {
    check_cached(paths, data, settings, &run::CacheOptions::default())
}

/// Find, load and lint `paths` as one set, reusing the facts of unchanged files from the cache of `cache`.
pub fn check_cached(
    paths: &[PathBuf],
    data: &data::Data,
    settings: &lint::Settings,
    cache: &run::CacheOptions,
) -> Result<Report, workspace::PathError> {
    let candidates = workspace::discover(paths)?;
    run::run(&candidates, data, settings, cache)
}

/// Lint in-memory sources `(name, text)` as one set, as if each file were named on the command line.
pub fn check_sources(sources: Vec<(String, String)>, data: &data::Data, settings: &lint::Settings) -> Report {
    let workspace = workspace::load_sources(sources);
    let diagnostics = lint::lint(&workspace, data, settings);
    let mut files = workspace.files;
    lint::mark_concerns(&mut files, &workspace.documents, &workspace.skps);
    Report {
        files,
        diagnostics,
        skipped: workspace.skipped,
        counted: Default::default(),
    }
}
