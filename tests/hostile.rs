//! Hostile or broken files where ikilint expects a file (a FIFO, a device, a link to `/dev/zero`, a huge file, a
//! configuration pointing outside its repository): each is a clear error naming the path, or a finding for that
//! file alone, never a hang. Every command runs under a timeout so that a regression fails instead of hanging.
#![cfg(unix)]

mod common;
#[path = "common/lsp.rs"]
mod lsp;
use common::{ikilint, temp_files};
use std::path::Path;
use std::time::Duration;

const CLEAN: &str = include_str!("../examples/contoh-bersih-2024.yaml");

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// Run `ikilint` with `args` in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = ikilint()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        output.status.code().expect("exited, not killed by the timeout"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_fifo_or_a_device_named_as_a_document_is_an_error_naming_it() {
    let dir = temp_files(&[]);
    mkfifo(&dir.path().join("x.yaml"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("nol.yaml")).unwrap();
    for name in ["x.yaml", "nol.yaml"] {
        let (code, _, stderr) = run(dir.path(), &["check", name]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains("not a regular file"),
            "{stderr}"
        );
    }
}

#[test]
fn a_fifo_or_a_device_as_configuration_data_or_baseline_is_an_error_naming_it() {
    let dir = temp_files(&[("dokumen.yaml", CLEAN), ("aturan/kata.yaml", "kata: x\n")]);
    mkfifo(&dir.path().join("pipa.toml"));
    mkfifo(&dir.path().join("aturan/kbbi.yaml"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("baseline.json")).unwrap();
    let cases: [&[&str]; 2] = [
        &["check", "--config", "pipa.toml", "dokumen.yaml"],
        &["check", "--baseline", "baseline.json", "dokumen.yaml"],
    ];
    for args in cases {
        let (code, _, stderr) = run(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains(args[2]) && stderr.contains("not a regular file"),
            "{stderr}"
        );
    }
    std::fs::write(dir.path().join("ikilint.toml"), "extra-rules = [\"aturan\"]\n").unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "dokumen.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("kbbi.yaml") && stderr.contains("not a regular file"),
        "{stderr}"
    );
}

#[test]
fn a_discovered_configuration_that_links_to_a_device_is_reported() {
    let dir = temp_files(&[("dokumen.yaml", CLEAN)]);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("ikilint.toml")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "--lang", "id", "dokumen.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("ikilint.toml") && stderr.contains("bukan berkas biasa"),
        "{stderr}"
    );
}

#[test]
fn extra_rules_outside_the_configuration_folder_are_refused() {
    let outside = temp_files(&[("kata.yaml", "kata: rahasia\n")]);
    let dir = temp_files(&[("dokumen.yaml", CLEAN)]);
    let config = format!("extra-rules = [{:?}]\n", outside.path().display().to_string());
    std::fs::write(dir.path().join("ikilint.toml"), config).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "dokumen.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("outside the folder of this configuration"), "{stderr}");
    std::fs::write(dir.path().join("ikilint.toml"), "extra-rules = [\"../\"]\n").unwrap();
    assert_eq!(run(dir.path(), &["check", "dokumen.yaml"]).0, 2);
}

#[test]
fn an_unreadable_file_found_by_walking_is_a_finding_and_the_others_are_linted() {
    let dir = temp_files(&[("iki/bersih.yaml", CLEAN)]);
    // Over the size cap (sparse: no disk used); root may read any file, so permissions cannot make one unreadable.
    let huge = std::fs::File::create(dir.path().join("iki/raksasa.yaml")).unwrap();
    huge.set_len(ikilint::fsread::DOCUMENT_LIMIT + 1).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "json", "iki"]);
    assert_eq!(code, 1, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "S001");
    assert!(diagnostics[0]["file"].as_str().unwrap().ends_with("raksasa.yaml"));
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("256 MB"));
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn the_language_server_opening_a_repository_with_a_fifo_configuration_reports_it_and_keeps_serving() {
    let dir = temp_files(&[("a.yaml", CLEAN)]);
    mkfifo(&dir.path().join("ikilint.toml"));
    let root = dir.path().canonicalize().unwrap();
    let mut client = lsp::Client::start(&root, serde_json::json!({ "lang": "en" }));
    let message = client.wait_for(|m| m["method"] == "window/showMessage");
    let text = message["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("ikilint.toml") && text.contains("not a regular file"),
        "{text}"
    );
    assert_eq!(client.shutdown(), Some(0));
}
