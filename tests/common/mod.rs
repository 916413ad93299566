//! Helpers shared by the integration tests: lint YAML text in memory and look at what came out.
#![allow(dead_code)]

pub mod browser;
pub mod large;
pub mod skp;

use ikilint::data::Data;
use ikilint::diagnostic::Diagnostic;
use ikilint::i18n::Lang;
use ikilint::lint::Settings;
use ikilint::{Report, check_sources};

/// Lint several in-memory files as one set, in English.
pub fn lint_files(files: &[(&str, &str)]) -> Report {
    let sources = files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    check_sources(sources, &Data::builtin(), &Settings::new(Lang::En))
}

/// Lint one in-memory file.
pub fn lint(text: &str) -> Report {
    lint_files(&[("test.yaml", text)])
}

/// The findings of `code` in a report.
pub fn with_code<'r>(report: &'r Report, code: &str) -> Vec<&'r Diagnostic> {
    report.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The text under a diagnostic's primary label.
pub fn primary_text<'r>(report: &'r Report, d: &Diagnostic) -> &'r str {
    report.files.get(d.primary.file).slice(d.primary.span)
}

/// 1-based line of a diagnostic's primary label.
pub fn line_of(report: &Report, d: &Diagnostic) -> usize {
    report.files.get(d.primary.file).position(d.primary.span.start).line
}

/// The `ikilint` binary with the language, locale and colour variables of the test runner removed, run from the
/// project root (so `examples/` resolves).
pub fn ikilint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("ikilint").unwrap();
    cmd.env_remove("IKILINT_LANG")
        .env_remove("LC_ALL")
        .env("LANG", "C")
        .env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The JSON a run printed (`--format json`), or a panic showing what it printed instead.
pub fn json_output(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The rule codes of a JSON report, in order.
pub fn codes(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// A temporary directory holding `files` (`(relative name, text)`), sub-folders created as needed.
pub fn temp_files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// Copy a file, or a folder with everything under it, to `to`.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::copy(from, to).unwrap();
    }
}

/// Copy the repository's `examples/` into the folder `to`: the IKI and SKP examples and, under `skp-cacat/`, the
/// SKP defect set.
pub fn copy_examples(to: &std::path::Path) {
    copy_tree(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), to);
}

/// The IKI documents of `examples/`, sorted (the SKP examples beside them are another kind of document).
pub fn iki_examples() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .any(|l| l.starts_with("dokumen:"))
        })
        .collect();
    found.sort();
    assert!(found.len() >= 3, "the IKI examples: {found:?}");
    found
}

/// A finding's texts as the English output shows them (the language of [`lint_files`]): findings hold their
/// texts as data, put into words only when shown.
pub trait EnglishTexts {
    fn message_en(&self) -> String;
    /// The help; empty when the finding has none.
    fn help_en(&self) -> String;
    fn notes_en(&self) -> Vec<String>;
}

impl EnglishTexts for Diagnostic {
    fn message_en(&self) -> String {
        self.message.render(Lang::En)
    }

    fn help_en(&self) -> String {
        self.help.as_ref().map_or_else(String::new, |h| h.render(Lang::En))
    }

    fn notes_en(&self) -> Vec<String> {
        self.notes.iter().map(|n| n.render(Lang::En)).collect()
    }
}
