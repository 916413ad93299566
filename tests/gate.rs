//! A CI gate that cannot be fooled: a run that checks nothing fails when paths were named, every output flag is
//! honoured, a closed pipe ends the run quietly, and paths in CI formats are relative to the working directory.

mod common;
use common::{ikilint, temp_files};
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

const CLEAN: &str = include_str!("../examples/contoh-bersih-2024.yaml");
const MASAMA: &str = include_str!("../examples/masama-2020.yaml");

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = ikilint().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn named_paths_without_any_document_fail_unless_allowed() {
    let dir = temp_files(&[("lain/docker-compose.yaml", "services: {}\n"), ("kosong/.keep", "")]);
    for path in ["kosong", "lain"] {
        let (code, _, stderr) = run(dir.path(), &["check", path]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("no IKI document found in `") && stderr.contains("--allow-empty"),
            "{stderr}"
        );
        assert_eq!(run(dir.path(), &["check", "--allow-empty", path]).0, 0);
    }
    let (_, _, stderr) = run(dir.path(), &["check", "--verbose", "lain"]);
    assert!(stderr.contains("skipped `lain/docker-compose.yaml`"), "{stderr}");
    // With no path named, the current folder is checked: a warning, not a failure.
    let (code, _, stderr) = run(&dir.path().join("lain"), &["check", "--lang", "id"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("peringatan: tidak ada dokumen IKI"), "{stderr}");
    // A folder that holds a document passes the gate, and --verbose still lists what it skipped.
    std::fs::write(dir.path().join("lain/iki.yaml"), CLEAN).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "-v", "lain"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("docker-compose.yaml") && !stderr.contains("no IKI document"),
        "{stderr}"
    );
}

#[test]
fn output_is_honoured_with_fix_diff_and_write_baseline() {
    let fixable = CLEAN.replacen("Persentase", "Prosentase", 1);
    let dir = temp_files(&[("a.yaml", &fixable)]);
    let (code, stdout, stderr) = run(dir.path(), &["check", "--diff", "-o", "fix.diff", "a.yaml"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stdout.contains("+++"), "{stdout}");
    assert!(
        std::fs::read_to_string(dir.path().join("fix.diff"))
            .unwrap()
            .contains("+++ b/a.yaml")
    );
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            "--write-baseline",
            "b.json",
            "-f",
            "json",
            "-o",
            "out.json",
            "a.yaml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(dir.path().join("b.json"))
            .unwrap()
            .contains("T001")
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "T001");
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--fix", "-f", "json", "-o", "after.json", "a.yaml"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("after.json"), "{stdout}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("after.json")).unwrap()).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
    assert!(
        !std::fs::read_to_string(dir.path().join("a.yaml"))
            .unwrap()
            .contains("Prosentase")
    );
}

#[test]
fn unsafe_fixes_alone_and_a_missing_config_path_are_errors() {
    let dir = temp_files(&[("a.yaml", CLEAN)]);
    let (code, _, stderr) = run(dir.path(), &["check", "--unsafe-fixes", "a.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`--unsafe-fixes`") && stderr.contains("--fix"),
        "{stderr}"
    );
    let (code, _, stderr) = run(dir.path(), &["config", "tidak-ada"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`tidak-ada`: no such file or folder"), "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["graph", "--lang", "id", "tidak-ada"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("berkas atau folder tidak ada") && !stderr.contains("common."),
        "{stderr}"
    );
}

#[test]
fn a_reader_closing_the_pipe_ends_the_run_quietly_with_exit_0() {
    // Far more output than a pipe buffers, so the writer meets the closed pipe.
    let copies: Vec<(String, String)> = (0..20)
        .map(|i| {
            (
                format!("d{i}.yaml"),
                MASAMA.replacen("id: masama-2020", &format!("id: masama-{i}"), 1),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = copies.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let dir = temp_files(&files);
    for format in ["human", "json"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ikilint"))
            .current_dir(dir.path())
            .args(["check", "--color", "always", "-f", format, "."])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is dropped here: the pipe is closed.
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn ci_formats_name_files_relative_to_the_working_directory_even_from_absolute_paths() {
    let dir = temp_files(&[("iki/masama.yaml", MASAMA)]);
    let absolute = dir.path().join("iki/masama.yaml").display().to_string();
    let (_, stdout, _) = run(dir.path(), &["check", "-f", "github", &absolute]);
    assert!(stdout.lines().all(|l| l.contains("file=iki/masama.yaml,")), "{stdout}");
    let (_, stdout, _) = run(dir.path(), &["check", "-f", "sarif", &absolute]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "iki/masama.yaml"
    );
}

#[test]
fn a_tab_in_indentation_is_reported_on_its_own_line() {
    let dir = temp_files(&[(
        "a.yaml",
        "dokumen:\n  id: a\n  unit: b\n  tahun: 2020\njabatan:\n  - id: x\n    nama: y\n\t   sasaran: []\n",
    )]);
    let (code, stdout, _) = run(dir.path(), &["check", "-f", "json", "a.yaml"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "S001");
    assert_eq!(json["diagnostics"][0]["line"], 8);
    assert_eq!(json["diagnostics"][0]["column"], 1);
}

#[test]
fn every_command_help_describes_each_option_and_gives_exit_codes_and_two_examples() {
    for command in [
        "check", "rules", "graph", "report", "explain", "server", "schema", "clean", "config",
    ] {
        let output = ikilint().args([command, "--help"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("\nExit codes:\n  0  "), "{command}: {help}");
        let examples = help.split("\nExamples:\n").nth(1).unwrap_or("");
        assert!(
            examples.lines().filter(|l| l.starts_with("  ")).count() >= 2,
            "{command}: {help}"
        );
        for line in help.lines().filter(|l| l.trim_start().starts_with('-')) {
            // `  -f, --format <FORMAT>  Output format: …`: a flag column, then its description.
            let described = line
                .trim_start()
                .split("  ")
                .filter(|part| !part.trim().is_empty())
                .nth(1)
                .is_some_and(|text| !text.trim_start().starts_with('['));
            assert!(described, "{command}: option without a description: {line}");
        }
    }
}
