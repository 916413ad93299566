//! What a user on a Windows office PC meets, tested here where it can be: Windows file names (backslashes, drive
//! letters, spaces) in output and in `ikilint.toml`, CRLF files, colour only on a terminal, and a file that cannot
//! be read. The path functions take the platform as an argument, so the Windows cases run on every platform.

mod common;
use common::{codes, ikilint, json_output, temp_files};
use ikilint::lint::PerFileIgnore;
use ikilint::render::sarif::uri_on;
use predicates::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

const MASAMA: &str = include_str!("../examples/masama-2020.yaml");

fn ignore(pattern: &str, root: &str) -> PerFileIgnore {
    PerFileIgnore::new(pattern, HashSet::from(["T001"]), Some(PathBuf::from(root))).unwrap()
}

#[test]
fn per_file_ignore_globs_match_windows_names() {
    for pattern in ["arsip/**/*.yaml", r"arsip\**\*.yaml"] {
        let glob = ignore(pattern, r"C:\Users\budi\IKI");
        for name in [
            r"arsip\2020\masama.yaml",
            r".\arsip\2020\masama.yaml",
            r"C:\Users\budi\IKI\arsip\2020\masama.yaml",
            r"c:\users\budi\iki\arsip\IKI 2020.yaml",
        ] {
            assert!(glob.matches_on(name, true), "{pattern} should match {name}");
        }
        for name in [
            r"baru\masama.yaml",
            r"C:\Users\budi\IKI-lama\arsip\a.yaml",
            r"D:\IKI\arsip\a.yaml",
        ] {
            assert!(!glob.matches_on(name, true), "{pattern} should not match {name}");
        }
    }
    let by_name = ignore("*lama*.yaml", r"C:\IKI");
    assert!(by_name.matches_on(r"C:\IKI\Kecamatan Masama\iki lama 2019.yaml", true));
    assert!(!by_name.matches_on(r"C:\IKI\baru\iki 2019.yaml", true));
}

#[test]
fn a_glob_written_with_backslashes_works_in_ci_too() {
    let tree = temp_files(&[
        ("ikilint.toml", "[per-file-ignores]\n'arsip\\**\\*.yaml' = [\"T\"]\n"),
        ("arsip/2020/masama-2020.yaml", MASAMA),
    ]);
    let run = |args: &[&str]| {
        codes(&json_output(
            &ikilint().current_dir(tree.path()).args(args).output().unwrap(),
        ))
    };
    let with = run(&["check", "--format", "json", "."]);
    let without = run(&["check", "--format", "json", "--no-config", "."]);
    assert!(
        without.iter().any(|c| c.starts_with('T')),
        "the example has text findings"
    );
    assert!(!with.iter().any(|c| c.starts_with('T')), "{with:?}");
    assert!(with.iter().any(|c| c.starts_with('N')), "only T was ignored: {with:?}");
}

#[test]
fn a_windows_path_in_double_quotes_gets_a_clear_message() {
    let tree = temp_files(&[
        ("ikilint.toml", "extra-rules = [\"C:\\Users\\budi\\aturan-kantor\"]\n"),
        ("iki.yaml", MASAMA),
    ]);
    ikilint()
        .current_dir(tree.path())
        .args(["check", "--lang", "id", "iki.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ikilint.toml:1:"))
        .stderr(predicate::str::contains("tulis jalur Windows dengan `/`"));
}

#[test]
fn sarif_uris_of_windows_names() {
    assert_eq!(
        uri_on(r"C:\IKI\Kecamatan Masama\iki 2024.yaml", true),
        "file:///C:/IKI/Kecamatan%20Masama/iki%202024.yaml"
    );
    assert_eq!(uri_on(r".\arsip\iki 2024.yaml", true), "arsip/iki%202024.yaml");
    // Elsewhere a backslash is part of a name, and encoded as such.
    assert_eq!(uri_on(r"a\b.yaml", false), "a%5Cb.yaml");
}

#[test]
fn crlf_files_give_the_same_findings_and_fixes_keep_crlf() {
    // Without its first link, a sasaran gets A001 with a fix that inserts the `mendukung:` line.
    let unlinked: String = MASAMA
        .split_inclusive('\n')
        .scan(false, |removed, line| {
            let drop = !*removed && line.trim_start().starts_with("mendukung:");
            *removed |= drop;
            Some(if drop { "" } else { line })
        })
        .collect();
    let crlf = unlinked.replace('\n', "\r\n");
    let tree = temp_files(&[("lf/masama-2020.yaml", &unlinked), ("crlf/masama-2020.yaml", &crlf)]);
    let json = |dir: &str| {
        json_output(
            &ikilint()
                .current_dir(tree.path().join(dir))
                .args(["check", "--format", "json", "masama-2020.yaml"])
                .output()
                .unwrap(),
        )
    };
    // The same findings at the same lines and columns; a fix that inserts a line ends it as the file does.
    let lf = json("lf")["diagnostics"].to_string();
    let crlf_findings = json("crlf")["diagnostics"].to_string();
    assert!(
        crlf_findings.contains(r"\r\n"),
        "no fix inserts a line: the test lost its point"
    );
    let crlf_findings = crlf_findings.replace(r"\r\n", r"\n");
    if let Some(at) = lf.bytes().zip(crlf_findings.bytes()).position(|(a, b)| a != b) {
        panic!(
            "first difference:\n LF:   {}\n CRLF: {}",
            &lf[at.saturating_sub(200)..],
            &crlf_findings[at.saturating_sub(200)..]
        );
    }
    assert_eq!(lf.len(), crlf_findings.len());

    let human = ikilint()
        .current_dir(tree.path().join("crlf"))
        .args(["check", "masama-2020.yaml"])
        .output()
        .unwrap();
    assert!(
        !human.stdout.contains(&b'\r'),
        "a carriage return in the rendered output"
    );

    ikilint()
        .current_dir(tree.path().join("crlf"))
        .args(["check", "--fix", "--unsafe-fixes", "masama-2020.yaml"])
        .assert()
        .code(1);
    let fixed = std::fs::read_to_string(tree.path().join("crlf/masama-2020.yaml")).unwrap();
    assert_ne!(fixed, crlf, "the safe fixes changed nothing");
    assert!(fixed.contains("Survei") && !fixed.contains("Survey"));
    assert!(
        fixed.contains("mendukung: S1\r\n"),
        "the unsafe A001 fix inserts a line"
    );
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "a line lost its CR"
    );
}

#[test]
fn names_with_spaces_in_every_format() {
    let tree = temp_files(&[("dokumen kantor/IKI Masama 2020.yaml", MASAMA)]);
    let run = |format: &str| {
        let output = ikilint()
            .current_dir(tree.path())
            .args(["check", "--format", format, "dokumen kantor/IKI Masama 2020.yaml"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(run("human").contains("┌─ dokumen kantor/IKI Masama 2020.yaml:"));
    assert!(run("json").contains("\"file\": \"dokumen kantor/IKI Masama 2020.yaml\""));
    assert!(run("sarif").contains("\"uri\": \"dokumen%20kantor/IKI%20Masama%202020.yaml\""));
    assert!(run("github").contains("file=dokumen kantor/IKI Masama 2020.yaml,line="));
    // The folder, walked.
    ikilint()
        .current_dir(tree.path())
        .args(["check", "dokumen kantor"])
        .assert()
        .code(1);
}

#[test]
fn no_colour_when_the_output_is_not_a_terminal() {
    // The test captures the output through a pipe, as a redirect to a file does on Windows.
    let output = ikilint()
        .args(["check", "--color", "auto", "examples/"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stdout.contains(&0x1b), "escape codes in piped output");
    let forced = ikilint()
        .args(["check", "--color", "always", "examples/"])
        .output()
        .unwrap();
    assert!(forced.stdout.contains(&0x1b));
}

/// `ikilint` as a user who cannot read a file without read permission: the test's own user, or `nobody` through
/// `setpriv` when the test runs as root (who reads every file). `None` when neither is possible.
#[cfg(unix)]
fn unprivileged(dir: &std::path::Path, unreadable: &std::path::Path) -> Option<assert_cmd::Command> {
    use std::os::unix::fs::PermissionsExt;
    if std::fs::read(unreadable).is_err() {
        return Some(ikilint());
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).ok()?;
    let binary = assert_cmd::cargo::cargo_bin("ikilint");
    let as_nobody = || {
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&binary)
            .env_remove("IKILINT_LANG")
            .env_remove("LC_ALL")
            .env("LANG", "C");
        cmd
    };
    let works = as_nobody().arg("--version").output().is_ok_and(|o| o.status.success());
    works.then(as_nobody)
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let tree = temp_files(&[("terkunci.yaml", MASAMA)]);
    let path = tree.path().join("terkunci.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if unprivileged(tree.path(), &path).is_none() {
        eprintln!(
            "skipped: this test runs as root, who reads a file without read permission, and cannot run ikilint as \
             `nobody` (no setpriv, or the binary is not reachable for that user)"
        );
        return;
    }
    for (lang, words) in [("en", "permission denied"), ("id", "izin ditolak")] {
        // Named on the command line: the run stops, naming the file and the reason.
        unprivileged(tree.path(), &path)
            .unwrap()
            .current_dir(tree.path())
            .args(["check", "--lang", lang, "terkunci.yaml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("terkunci.yaml"))
            .stderr(predicate::str::contains(words))
            .stderr(predicate::str::contains("panicked").not());
        // Found by walking a folder: a finding about that file, and the others are still linted.
        unprivileged(tree.path(), &path)
            .unwrap()
            .current_dir(tree.path())
            .args(["check", "--lang", lang, "."])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("terkunci.yaml"))
            .stdout(predicate::str::contains(words))
            .stderr(predicate::str::contains("panicked").not());
    }
}
