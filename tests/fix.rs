//! `ikilint check --fix` / `--diff` end to end, on temporary copies. The helpers take any set of files, so the
//! fixes of every family can be tested the same way (`fix_twice` is the whole contract in one call).

mod common;

use std::path::{Path, PathBuf};

/// Copy the repository's `examples/` into a temporary directory.
pub fn copy_examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    common::copy_examples(dir.path());
    dir
}

/// Run `ikilint check <args> <dir>` in English; returns (exit code, stdout, stderr).
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = common::ikilint()
        .arg("check")
        .args(args)
        .arg(dir)
        .args(["--lang", "en", "--color", "never"])
        .output()
        .expect("run");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read")
}

/// Every YAML file under `dir`, in its subfolders too, with its text, sorted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for path in std::fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").path()) {
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("read");
            out.push((path, text));
        }
    }
    out.sort();
    out
}

/// `--fix` twice: returns the files after the first run, and asserts the second run changes nothing, reports
/// no applied fix, and that every fixed file still parses as YAML.
pub fn fix_twice(dir: &Path) -> Vec<(PathBuf, String)> {
    let (_, first_out, _) = run(dir, &["--fix"]);
    let after = snapshot(dir);
    for (path, text) in &after {
        assert!(
            ikilint::yaml::parse(text).is_ok(),
            "{} no longer parses:\n{text}",
            path.display()
        );
    }
    let (_, second_out, _) = run(dir, &["--fix"]);
    assert_eq!(
        snapshot(dir),
        after,
        "a second --fix changed files; first run said:\n{first_out}"
    );
    assert!(second_out.contains("Applied 0 fix(es)"), "{second_out}");
    after
}

const MISSPELT_KEYS: &str = "\
# Dokumen uji: komentar harus tetap ada
dokumen:
  id: uji-a
  unit: Kecamatan Uji   # komentar di ujung baris
  tahun: 2020
jabatn:
  - id: camat
    nama: Camat Uji
    sasaran:
      # komentar di dalam daftar
      - uraian: Meningkatnya pelayanan
        indikatr:
          - uraian: Persentase layanan selesai tepat waktu
";

#[test]
fn fix_renames_misspelt_keys_keeps_comments_and_reaches_a_fixed_point() {
    let dir = common::temp_files(&[("a.yaml", MISSPELT_KEYS)]);
    let (code, out, _) = run(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("S003"), "{out}");

    let (code, out, _) = run(dir.path(), &["--fix"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Applied 2 fix(es) in 1 file(s); 0 finding(s) remain."),
        "{out}"
    );
    let fixed = read(dir.path(), "a.yaml");
    let expected = MISSPELT_KEYS
        .replace("jabatn:", "jabatan:")
        .replace("indikatr:", "indikator:");
    assert_eq!(fixed, expected, "only the two keys change; comments and layout stay");
    fix_twice(dir.path());
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let dir = common::temp_files(&[("a.yaml", MISSPELT_KEYS)]);
    let (code, out, err) = run(dir.path(), &["--diff"]);
    assert_eq!(code, 1, "a pending fix makes --diff fail, as a CI check");
    assert!(out.contains("-jabatn:\n+jabatan:\n"), "{out}");
    assert!(out.contains("+++ b/"), "{out}");
    assert!(err.contains("Would apply 2 fix(es)"), "{err}");
    assert_eq!(read(dir.path(), "a.yaml"), MISSPELT_KEYS);
}

#[test]
fn a_file_with_a_syntax_error_is_never_written_and_a_quoted_key_is_not_renamed() {
    let broken = "dokumen:\n  id: uji-b\n jabatn: [\n";
    let quoted = MISSPELT_KEYS
        .replace("jabatn:", "\"jabatn\":")
        .replace("uji-a", "uji-c");
    let dir = common::temp_files(&[("broken.yaml", broken), ("quoted.yaml", &quoted)]);
    let (_, out, _) = run(dir.path(), &["--fix"]);
    assert!(out.contains("S001"), "{out}");
    assert_eq!(read(dir.path(), "broken.yaml"), broken);
    // The quoted key keeps its finding (no exact-source fix), the plain one is fixed.
    let after = read(dir.path(), "quoted.yaml");
    assert!(after.contains("\"jabatn\":") && after.contains("indikator:"), "{after}");
    assert!(out.contains("1 file(s)"), "{out}");
}

#[cfg(unix)]
#[test]
fn fix_keeps_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::temp_files(&[("a.yaml", MISSPELT_KEYS)]);
    let path = dir.path().join("a.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    run(dir.path(), &["--fix"]);
    assert_ne!(read(dir.path(), "a.yaml"), MISSPELT_KEYS);
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn fix_on_a_copy_of_the_examples_keeps_them_parsing_and_is_idempotent() {
    let dir = copy_examples();
    let before = snapshot(dir.path());
    let after = fix_twice(dir.path());
    assert_eq!(before.len(), after.len());
    for ((_, old), (path, new)) in before.iter().zip(&after) {
        let comments = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#')).count();
        assert_eq!(comments(old), comments(new), "{} lost comments", path.display());
    }
}

/// A document added to the copy of the examples: they print every NIP as 8-6-1-3 already, so this one carries
/// the badly grouped forms N003 fixes (run together, and a TMT split in two), beside a comment and a T001.
const REGROUP: &str = "\
# Salinan dengan NIP yang dikelompokkan salah
dokumen:
  id: regroup-2020
  unit: Kecamatan Contoh
  tahun: 2020
jabatan:
  - id: camat
    nama: Camat Contoh
    pemangku:
      nama: \"AHMAD YANI, S.Sos\"   # komentar di ujung baris
      nip: \"197005121995031002\"
    sasaran:
      - uraian: Meningkatnya kualitas pelayanan publik
        indikator:
          - uraian: Prosentase layanan selesai tepat waktu
            formula: Jumlah layanan selesai tepat waktu dibagi jumlah layanan x 100%
  - id: sekcam
    nama: Sekretaris Kecamatan
    atasan: camat
    pemangku:
      nama: \"SITI AMINAH\"
      nip: 19850317 2008 01 2 004
    sasaran:
      - uraian: Meningkatnya kualitas administrasi
        mendukung: S1
        indikator:
          - uraian: Persentase surat selesai tepat waktu
            formula: Jumlah surat selesai dibagi jumlah surat x 100%
";

/// The findings of `check --format json` on `dir`, as (code, message).
fn findings(dir: &Path) -> Vec<(String, String)> {
    let (_, out, err) = run(dir, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn prosentase_or_grouping(findings: &[(String, String)]) -> usize {
    findings
        .iter()
        .filter(|(code, message)| (code == "T001" && message.contains("Prosentase")) || code == "N003")
        .count()
}

/// The "done when": `--fix` on a copy of examples/ fixes every "Prosentase" and every NIP grouping; the
/// YAML still parses, comments stay, a second run changes nothing.
#[test]
fn fix_on_the_examples_corrects_every_prosentase_and_nip_grouping() {
    let dir = copy_examples();
    std::fs::write(dir.path().join("regroup.yaml"), REGROUP).expect("write");
    let before = snapshot(dir.path());
    let prosentase = |files: &[(PathBuf, String)]| {
        files
            .iter()
            .map(|(_, t)| t.matches("Prosentase").count())
            .sum::<usize>()
    };
    assert!(prosentase(&before) >= 5, "the examples write Prosentase");
    let found = findings(dir.path());
    assert_eq!(prosentase_or_grouping(&found), prosentase(&before) + 2, "{found:#?}");

    let after = fix_twice(dir.path());
    assert_eq!(prosentase(&after), 0);
    assert_eq!(prosentase_or_grouping(&findings(dir.path())), 0);
    for ((_, old), (path, new)) in before.iter().zip(&after) {
        // Fixes edit inside lines: the same lines, every comment line unchanged, in the same order.
        assert_eq!(old.lines().count(), new.lines().count(), "{}", path.display());
        let comments = |t: &str| {
            t.lines()
                .filter(|l| l.contains('#'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(comments(old), comments(new), "{} lost comments", path.display());
    }
    let regrouped = std::fs::read_to_string(dir.path().join("regroup.yaml")).expect("read");
    assert!(regrouped.contains("nip: \"19700512 199503 1 002\"\n"), "{regrouped}");
    assert!(regrouped.contains("nip: 19850317 200801 2 004\n"), "{regrouped}");
}
