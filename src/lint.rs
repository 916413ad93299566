//! The engine: runs the enabled rules over a loaded workspace and returns the findings, sorted.

use crate::data::Data;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::rules::{self, Check, Context};
use crate::workspace::Workspace;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Which rules run and at what severity (from configuration and flags).
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Lang,
    /// Codes that are turned off.
    pub disabled: HashSet<&'static str>,
    /// Severity per code where it differs from the rule's default.
    pub severity: HashMap<&'static str, Severity>,
}

impl Settings {
    pub fn new(lang: Lang) -> Self {
        Settings {
            lang,
            disabled: HashSet::new(),
            severity: HashMap::new(),
        }
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        !self.disabled.contains(code)
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
    let mut diagnostics: Vec<Diagnostic> = workspace
        .diagnostics
        .iter()
        .cloned()
        .par_bridge()
        .chain(per_document)
        .chain(per_set)
        .filter(|d| settings.is_enabled(d.code))
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
