//! Configuration (`ikilint.toml`, `--config`, `--no-config`, `ikilint config`) and data directories, through the
//! binary.

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ikilint-config-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// A document whose only finding is the non-standard `Prosentase` (T001, a warning).
const ONLY_T001: &str = "dokumen: { id: contoh-2020, unit: Kecamatan Contoh, tahun: 2020 }
jabatan:
  - id: camat
    nama: Camat Contoh
    sasaran:
      - id: S1
        uraian: Meningkatnya tertib administrasi desa
        indikator:
          - uraian: Prosentase desa yang tertib administrasi
            formula: Jumlah desa yang tertib administrasi dibagi jumlah seluruh desa x 100%
            target: 80%
            sumber_data: [Laporan desa]
";

fn ikilint(dir: &Path) -> Command {
    let mut cmd = common::ikilint();
    cmd.current_dir(dir).env("IKILINT_LANG", "en");
    cmd
}

fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn codes(output: &std::process::Output) -> Vec<String> {
    json(output)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_fixture_only_has_t001_and_passes_by_default() {
    let dir = scratch("baseline");
    write(&dir.join("iki.yaml"), ONLY_T001);
    let out = ikilint(&dir).args(["check", "--format", "json", "."]).output().unwrap();
    assert_eq!(codes(&out), ["T001"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn severity_error_makes_check_fail() {
    let dir = scratch("severity");
    write(&dir.join("iki.yaml"), ONLY_T001);
    write(&dir.join("ikilint.toml"), "[severity]\nT001 = \"error\"\n");
    let out = ikilint(&dir).args(["check", "--format", "json", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["diagnostics"][0]["severity"], "error");
    // --no-config ignores the file.
    ikilint(&dir).args(["check", "--no-config", "."]).assert().code(0);
}

#[test]
fn ignoring_a_family_silences_it_and_select_extends() {
    let dir = scratch("ignore");
    write(&dir.join("docs/iki.yaml"), ONLY_T001);
    write(&dir.join("ikilint.toml"), "ignore = [\"T\"]\n");
    let out = ikilint(&dir)
        .args(["check", "--format", "json", "docs"])
        .output()
        .unwrap();
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
    write(
        &dir.join("ikilint.toml"),
        "ignore = [\"T\"]\nextend-select = [\"T001\"]\n",
    );
    let out = ikilint(&dir)
        .args(["check", "--format", "json", "docs"])
        .output()
        .unwrap();
    assert_eq!(codes(&out), ["T001"]);
}

#[test]
fn the_nearest_configuration_wins_and_config_flag_overrides() {
    let dir = scratch("nearest");
    write(&dir.join("ikilint.toml"), "fail-on = \"warning\"\n");
    write(&dir.join("sub/ikilint.toml"), "ignore = [\"T001\"]\n");
    write(&dir.join("sub/iki.yaml"), ONLY_T001);
    // sub/ikilint.toml applies (T001 off), not the parent's fail-on.
    ikilint(&dir).args(["check", "sub"]).assert().code(0);
    let out = ikilint(&dir)
        .args(["check", "--format", "json", "sub"])
        .output()
        .unwrap();
    assert!(codes(&out).is_empty());
    // --config names the parent's file: T001 runs and fails at warning; a flag beats the file.
    ikilint(&dir)
        .args(["check", "--config", "ikilint.toml", "sub"])
        .assert()
        .code(1);
    ikilint(&dir)
        .args(["check", "--config", "ikilint.toml", "--fail-on", "error", "sub"])
        .assert()
        .code(0);
}

#[test]
fn per_file_ignores_by_glob() {
    let dir = scratch("perfile");
    write(&dir.join("arsip/lama.yaml"), ONLY_T001);
    write(&dir.join("baru.yaml"), &ONLY_T001.replace("contoh-2020", "baru-2020"));
    write(
        &dir.join("ikilint.toml"),
        "[per-file-ignores]\n\"arsip/*.yaml\" = [\"T\"]\n",
    );
    let out = ikilint(&dir).args(["check", "--format", "json", "."]).output().unwrap();
    let files: Vec<String> = json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("baru.yaml"));
}

#[test]
fn unknown_keys_codes_and_values_exit_2_with_did_you_mean() {
    let dir = scratch("unknown");
    write(&dir.join("iki.yaml"), ONLY_T001);
    for (toml, expected) in [
        (
            "select = [\"T\"]\nignor = [\"T001\"]\n",
            "ikilint.toml:2: unknown key `ignor`; did you mean `ignore`?",
        ),
        ("ignore = [\"T0001\"]\n", "did you mean `T001`?"),
        (
            "[severity]\nT001 = \"fatal\"\n",
            "ikilint.toml:2: `fatal` is not a valid value for `severity`",
        ),
        ("fail-on = \"always\"\n", "`always` is not a valid value for `fail-on`"),
    ] {
        write(&dir.join("ikilint.toml"), toml);
        let out = ikilint(&dir).args(["check", "."]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{toml}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{toml}: {stderr}");
    }
}

#[test]
fn extra_rules_directory_adds_an_office_term() {
    let dir = scratch("extra");
    let text = ONLY_T001.replace("sumber_data: [Laporan desa]", "sumber_data: [Aplikasi SIPPD]");
    write(&dir.join("iki.yaml"), &text);
    let out = ikilint(&dir).args(["check", "--format", "json", "."]).output().unwrap();
    assert!(codes(&out).contains(&"T002".to_string()));
    write(
        &dir.join("aturan-kantor/istilah.yaml"),
        "# Istilah kantor kami\nistilah:\n  - { istilah: SIPPD, kepanjangan: Sistem Informasi Perencanaan Pembangunan Desa }\n",
    );
    write(&dir.join("ikilint.toml"), "extra-rules = [\"aturan-kantor\"]\n");
    let out = ikilint(&dir).args(["check", "--format", "json", "."]).output().unwrap();
    assert_eq!(codes(&out), ["T001"]);
}

#[test]
fn a_malformed_data_file_exits_2_naming_file_and_line() {
    let dir = scratch("baddata");
    write(&dir.join("iki.yaml"), ONLY_T001);
    write(
        &dir.join("aturan/kbbi.yaml"),
        "bentuk:\n  - { tidak_baku: karir }\n  - { tidak_baku: x, baku: y, asal: z }\n",
    );
    write(&dir.join("ikilint.toml"), "extra-rules = [\"aturan\"]\n");
    let out = ikilint(&dir).args(["check", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("kbbi.yaml:2"), "{stderr}");
}

#[test]
fn a_stale_suppression_is_reported_through_the_binary() {
    let dir = scratch("stale");
    let text = ONLY_T001.replace("target: 80%", "target: 80%  # ikilint: allow(T003)");
    write(&dir.join("iki.yaml"), &text);
    let out = ikilint(&dir).args(["check", "--format", "json", "."]).output().unwrap();
    assert_eq!(codes(&out), ["T001", "S007"]);
}

#[test]
fn config_command_prints_the_effective_configuration() {
    let dir = scratch("print");
    write(
        &dir.join("ikilint.toml"),
        "lang = \"id\"\nignore = [\"T006\"]\n[severity]\nT = \"info\"\nT001 = \"error\"\n",
    );
    let out = common::ikilint().current_dir(&dir).args(["config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("lang = \"id\""), "{text}");
    assert!(text.contains("T001 = \"error\""), "{text}");
    assert!(text.contains("T002 = \"info\""), "{text}");
    assert!(text.contains("ignore = [\"T006\"]"), "{text}");
    assert!(
        !text.contains("\"T006\", "),
        "T006 is not among the rules that run: {text}"
    );
    let out = ikilint(&dir).args(["config", "--no-config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("select = [\"ALL\"]"));
}
