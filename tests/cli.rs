//! The binary as users and CI run it: output, languages, exit codes.

mod common;
use common::ikilint;
use predicates::prelude::*;
use serde_json::Value;

fn json_of(args: &[&str]) -> Value {
    let output = ikilint().args(args).output().unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

const TYPO: &str = "dokumen:\n  id: a\n  unit: Kecamatan A\n  tahun: 2024\njabatn:\n  - id: camat\n    nama: Camat A\n    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: Indeks Kepuasan Masyarakat\n            formula: Hasil survei kepuasan masyarakat\n";

/// `examples/` holds three IKI documents, the three SKPs of `examples/skp-*.yaml` and the three of the SKP defect set
/// in `examples/skp-cacat/`.
#[test]
fn check_examples_prints_compiler_style_diagnostics_and_exits_1() {
    ikilint()
        .args(["check", "examples/"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error["))
        .stdout(predicate::str::contains("┌─ examples/"))
        .stdout(predicate::str::contains("= help: "))
        .stdout(predicate::str::contains("Checked 9 file(s)"));
}

#[test]
fn clean_example_exits_0_with_no_finding() {
    ikilint()
        .args(["check", "--fail-on", "info", "examples/contoh-bersih-2024.yaml"])
        .assert()
        .code(0)
        .stdout("Checked 1 file(s): 0 error(s), 0 warning(s), 0 info(s).\n");
}

#[test]
fn json_output_has_the_documented_shape_and_order() {
    let json = json_of(&["check", "--format", "json", "examples/"]);
    assert_eq!(json["version"], 1);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        for key in [
            "code",
            "name",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "labels",
            "notes",
            "help",
            "fix",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
    }
    let keys: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let summary = &json["summary"];
    assert_eq!(summary["files"], 9);
    let total = summary["errors"].as_u64().unwrap()
        + summary["warnings"].as_u64().unwrap()
        + summary["infos"].as_u64().unwrap();
    assert_eq!(total as usize, diagnostics.len());
}

#[test]
fn output_is_the_same_on_every_run() {
    let first = ikilint()
        .args(["check", "--format", "json", "examples/"])
        .output()
        .unwrap()
        .stdout;
    let second = ikilint()
        .args(["check", "--format", "json", "examples/"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(first, second);
}

#[test]
fn every_message_differs_between_indonesian_and_english() {
    let en = json_of(&["check", "--format", "json", "--lang", "en", "examples/"]);
    let id = json_of(&["check", "--format", "json", "--lang", "id", "examples/"]);
    let (en, id) = (
        en["diagnostics"].as_array().unwrap(),
        id["diagnostics"].as_array().unwrap(),
    );
    assert_eq!(en.len(), id.len());
    for (e, i) in en.iter().zip(id) {
        assert_eq!(e["code"], i["code"]);
        assert_ne!(e["message"], i["message"], "{}", e["code"]);
        if !e["help"].is_null() {
            assert_ne!(e["help"], i["help"], "{}", e["code"]);
        }
    }
}

#[test]
fn language_comes_from_the_environment() {
    ikilint()
        .env("LANG", "id_ID.UTF-8")
        .args(["check", "examples/contoh-bersih-2024.yaml"])
        .assert()
        .stdout(predicate::str::contains("berkas diperiksa"));
    ikilint()
        .env("LANG", "id_ID.UTF-8")
        .env("IKILINT_LANG", "en")
        .args(["check", "examples/contoh-bersih-2024.yaml"])
        .assert()
        .stdout(predicate::str::contains("Checked 1 file"));
}

#[test]
fn key_typo_gets_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("iki.yaml");
    std::fs::write(&path, TYPO).unwrap();
    ikilint()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[S003]: unknown key `jabatn`"))
        .stdout(predicate::str::contains("did you mean `jabatan`?"));
}

#[test]
fn missing_path_exits_2_naming_it() {
    ikilint()
        .args(["check", "tidak-ada/dokumen.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tidak-ada/dokumen.yaml"))
        .stderr(predicate::str::contains("no such file"));
}

#[test]
fn usage_error_exits_2() {
    ikilint().args(["check", "--format", "xml"]).assert().code(2);
    ikilint().args(["frobnicate"]).assert().code(2);
}

#[test]
fn fail_on_decides_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("iki.yaml");
    // Only a warning (S005): passes at the default threshold, fails with --fail-on warning.
    std::fs::write(&path, TYPO.replace("jabatn", "jabatan").replace("Camat A", "\"\"")).unwrap();
    ikilint()
        .arg("check")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[S005]"));
    ikilint()
        .args(["check", "--fail-on", "warning"])
        .arg(&path)
        .assert()
        .code(1);
    ikilint()
        .args(["check", "--fail-on", "never", "examples/"])
        .assert()
        .code(0);
}

#[test]
fn quiet_prints_only_the_summary_and_statistics_counts_rules() {
    let output = ikilint().args(["check", "--quiet", "examples/"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("Checked 9 file(s)"));
    ikilint()
        .args(["check", "--quiet", "--statistics", "examples/"])
        .assert()
        .stdout(predicate::str::is_match(r"(?m)^\s+\d+  S005  empty-value$").unwrap());
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let coloured = ikilint()
        .args(["check", "--color", "always", "examples/"])
        .output()
        .unwrap()
        .stdout;
    assert!(coloured.contains(&0x1b));
    let plain = ikilint()
        .args(["check", "examples/"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
        .stdout;
    assert!(!plain.contains(&0x1b));
}

#[test]
fn directories_skip_other_yaml_and_honour_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ci.yaml"), "name: build\non: push\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "lama/\n").unwrap();
    std::fs::create_dir(dir.path().join("lama")).unwrap();
    std::fs::write(dir.path().join("lama/iki.yaml"), TYPO).unwrap();
    ikilint()
        .args(["check", "--allow-empty"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("Checked 0 file(s): 0 error(s), 0 warning(s), 0 info(s).\n");
    std::fs::write(dir.path().join("baru.yml"), TYPO).unwrap();
    ikilint()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("baru.yml"));
}

#[test]
fn rules_lists_every_registered_rule() {
    let output = ikilint().arg("rules").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), ikilint::rules::all().len());
    assert!(text.contains("S003  unknown-key"));
}

#[test]
fn explain_prints_docs_in_both_languages() {
    ikilint()
        .args(["explain", "S003"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("S003 unknown-key"))
        .stdout(predicate::str::contains("Why"))
        .stdout(predicate::str::contains("    jabatn:"));
    ikilint()
        .args(["explain", "unknown-key", "--lang", "id"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Cara memperbaiki"));
}

#[test]
fn explain_unknown_code_suggests_and_exits_2() {
    ikilint()
        .args(["explain", "S03"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"));
}

/// An IKI with an error (a short NIP), a spelling warning written three times, and an info (words run together).
const REPEATED: &str = "dokumen: { id: r, unit: Kecamatan Contoh, tahun: 2020 }
jabatan:
  - id: camat
    nama: Camat Contoh
    pemangku: { nama: BUDI, nip: \"1234\" }
    tugas:
      - \"melaksanakan perintah atasansesuai dengan tugas\"
    sasaran:
      - uraian: Meningkatnya pelayanan
        indikator:
          - uraian: \"Prosentase desa tertib\"
            formula: \"Prosentase desa tertib\"
          - uraian: \"Prosentase desa maju\"
            formula: \"Jumlah desa maju dibagi jumlah desa x 100%\"
            target: \"80%\"
";

#[test]
fn human_output_in_indonesian_has_no_english_word_and_groups_a_repeated_word() {
    let dir = common::temp_files(&[("r.yaml", REPEATED)]);
    let output = ikilint()
        .current_dir(dir.path())
        .args(["check", "--lang", "id", "--statistics", "r.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    for english in ["error[", "warning[", "note[", "= help:", "= note:", "Checked"] {
        assert!(!stdout.contains(english), "`{english}` in:\n{stdout}");
    }
    for indonesian in [
        "galat[N001]",
        "peringatan[T001]",
        "info[T006]",
        "= saran:",
        "berkas diperiksa",
    ] {
        assert!(stdout.contains(indonesian), "no `{indonesian}` in:\n{stdout}");
    }
    // `Prosentase` three times: one finding shown, with the count and the lines of the others.
    assert_eq!(
        stdout
            .matches("peringatan[T001]: ejaan tidak baku `Prosentase`")
            .count(),
        1,
        "{stdout}"
    );
    assert!(
        stdout.contains("temuan yang sama 3× dalam berkas ini; yang lain di baris 12, 13"),
        "{stdout}"
    );
    // The statistics count the distinct words.
    assert!(
        stdout.contains("T001  non-standard-spelling  (1 kata berbeda)"),
        "{stdout}"
    );

    // English says `info`, not `note`; JSON keeps every occurrence and its English severity values.
    let output = ikilint()
        .current_dir(dir.path())
        .args(["check", "--lang", "en", "r.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("info[T006]") && !stdout.contains("note["), "{stdout}");
    let output = ikilint()
        .current_dir(dir.path())
        .args(["check", "--lang", "id", "--format", "json", "r.yaml"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let t001: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "T001" && d["message"].as_str().unwrap().contains("Prosentase"))
        .collect();
    assert_eq!(t001.len(), 3);
    assert!(t001.iter().all(|d| d["severity"] == "warning"));
}
