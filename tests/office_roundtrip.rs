//! An office can keep YAML as its source of truth and still print what must be signed: every example printed by
//! `ikilint export` as Word and as Excel reads back through `ikilint import` as the same document (ids and links
//! aside, which a printed IKI does not carry), and `ikilint check` finds in the printed file what it finds in the
//! YAML (the alignment family aside, whose links are inferred on import).

mod common;
#[path = "common/document_values.rs"]
mod document_values;

use common::{iki_examples, ikilint};
use document_values::values;
use ikilint::office::{Format, import};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn export(yaml: &Path, format: &str, dir: &Path) -> PathBuf {
    let out = dir.join(format!("{}.{format}", yaml.file_stem().unwrap().to_string_lossy()));
    let run = ikilint()
        .args(["export", "--format", format])
        .arg(yaml)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "export of {}: {run:?}", yaml.display());
    out
}

/// The lines of `left` and `right` that differ, for a failure message a person can read.
fn differences(left: &BTreeMap<String, String>, right: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for key in left.keys().chain(right.keys().filter(|k| !left.contains_key(*k))) {
        let (a, b) = (left.get(key), right.get(key));
        if a != b {
            out.push_str(&format!("{key}\n  yaml:     {a:?}\n  imported: {b:?}\n"));
        }
    }
    out
}

/// The values of a document as a printed file can carry them: export writes the unit in the heading in
/// capitals (as the official form does), and import keeps a document's text as written, so the unit comes back
/// in capitals and is compared in any case.
fn printable(mut values: BTreeMap<String, String>) -> BTreeMap<String, String> {
    if let Some(unit) = values.get_mut("dokumen/unit") {
        *unit = unit.to_uppercase();
    }
    values
}

#[test]
fn every_example_reads_back_from_word_and_excel_as_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    for yaml in iki_examples() {
        let written = printable(values(&std::fs::read_to_string(&yaml).unwrap()));
        for (extension, format) in [("docx", Format::Docx), ("xlsx", Format::Xlsx)] {
            let office = export(&yaml, extension, dir.path());
            let name = office.to_string_lossy().into_owned();
            let imported = import(format, &name, &std::fs::read(&office).unwrap()).unwrap();
            assert!(
                imported.problems.is_empty(),
                "{name}: the importer needed to guess on a file export printed: {:?}",
                imported.problems
            );
            let read = values(&imported.yaml);
            assert_eq!(
                read.get("dokumen/unit"),
                written.get("dokumen/unit"),
                "printed in capitals, kept so"
            );
            let read = printable(read);
            assert!(
                written == read,
                "{} through {extension}:\n{}",
                yaml.display(),
                differences(&written, &read)
            );
        }
    }
}

/// Each finding's code and message, counted, without the alignment family (A), whose links an import infers.
fn findings(path: &Path) -> BTreeMap<(String, String), usize> {
    let run = ikilint()
        .args(["check", "--no-cache", "--format", "json-lines", "--lang", "en"])
        .arg(path)
        .output()
        .unwrap();
    assert!(run.status.code() == Some(0) || run.status.code() == Some(1), "{run:?}");
    let mut counted = BTreeMap::new();
    for line in String::from_utf8(run.stdout).unwrap().lines() {
        let finding: serde_json::Value = serde_json::from_str(line).unwrap();
        let code = finding["code"].as_str().unwrap().to_string();
        if code.starts_with('A') {
            continue;
        }
        let message = finding["message"].as_str().unwrap().to_string();
        *counted.entry((code, message)).or_default() += 1;
    }
    counted
}

#[test]
fn an_exported_office_file_has_the_findings_of_its_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for yaml in iki_examples() {
        let expected = findings(&yaml);
        for extension in ["docx", "xlsx"] {
            let office = export(&yaml, extension, dir.path());
            let found = findings(&office);
            let missing: Vec<_> = expected.iter().filter(|(k, n)| found.get(*k) != Some(n)).collect();
            let extra: Vec<_> = found.iter().filter(|(k, n)| expected.get(*k) != Some(n)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{} as {extension}:\nonly on the YAML (or counted otherwise): {missing:#?}\nonly on the {extension}: {extra:#?}",
                yaml.display()
            );
            compared += expected.values().sum::<usize>();
        }
    }
    assert!(compared > 100, "the examples have findings to compare: {compared}");
}

#[test]
fn a_finding_on_an_office_file_names_its_cell_and_offers_no_fix() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = iki_examples()
        .into_iter()
        .find(|p| p.ends_with("masama-2020.yaml"))
        .unwrap();
    for (extension, part) in [("docx", "paragraph"), ("xlsx", "sheet")] {
        let office = export(&yaml, extension, dir.path());
        let run = ikilint()
            .args(["check", "--no-cache", "--format", "json-lines", "--lang", "en"])
            .arg(&office)
            .output()
            .unwrap();
        let lines = String::from_utf8(run.stdout).unwrap();
        let spelling = lines
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|f| f["code"] == "T001")
            .expect("the Masama example has spelling findings");
        assert_eq!(spelling["file"], office.to_string_lossy().as_ref());
        assert!(
            spelling["origin"]["part"].as_str().unwrap().starts_with(part),
            "{spelling}"
        );
        assert_eq!(
            spelling["fix"],
            serde_json::Value::Null,
            "a fix cannot be applied to an office file"
        );
        assert!(spelling["jabatan"].is_string(), "{spelling}");
    }
}
