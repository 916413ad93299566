//! `--fix`, `--output` and `--write-baseline` never lose work: a read-only file stays as it is, a symlink is fixed
//! at its target, a hard link is written in place, several files are written all or none, and an output file
//! named through a symlink replaces the link instead of writing where it points.
#![cfg(unix)]

mod common;
use common::{ikilint, temp_files};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// A clean document with one safe fix (T001: `Prosentase` → `Persentase`).
fn fixable() -> String {
    include_str!("../examples/contoh-bersih-2024.yaml").replacen("Persentase", "Prosentase", 1)
}

fn fix(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = ikilint()
        .current_dir(dir)
        .args(["check", "--fix"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_read_only_file_is_left_alone_and_so_are_the_others() {
    let dir = temp_files(&[
        ("a.yaml", &fixable()),
        ("b.yaml", &fixable().replace("contoh-bersih-2024", "b")),
    ]);
    let b = dir.path().join("b.yaml");
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, stderr) = fix(dir.path(), &["a.yaml", "b.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`b.yaml` was not fixed: the file is read-only"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`a.yaml` was not fixed: not written, because another file"),
        "{stderr}"
    );
    assert!(read(dir.path().join("a.yaml")).contains("Prosentase"));
    assert!(read(&b).contains("Prosentase"));
    assert_eq!(std::fs::metadata(&b).unwrap().mode() & 0o777, 0o444);
}

#[test]
fn a_fixed_file_keeps_its_mode_a_symlink_stays_a_symlink_and_a_hard_link_stays_linked() {
    let dir = temp_files(&[
        ("asli/a.yaml", &fixable()),
        ("b.yaml", &fixable().replace("contoh-bersih-2024", "b")),
    ]);
    let target = dir.path().join("asli/a.yaml");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("asli/a.yaml", dir.path().join("a.yaml")).unwrap();
    std::fs::hard_link(dir.path().join("b.yaml"), dir.path().join("b-link.yaml")).unwrap();
    let inode = std::fs::metadata(dir.path().join("b.yaml")).unwrap().ino();
    let (code, stderr) = fix(dir.path(), &["a.yaml", "b.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::symlink_metadata(dir.path().join("a.yaml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read(&target).contains("Persentase dokumen"));
    assert_eq!(std::fs::metadata(&target).unwrap().mode() & 0o777, 0o640);
    assert!(read(dir.path().join("b-link.yaml")).contains("Persentase dokumen"));
    assert_eq!(std::fs::metadata(dir.path().join("b.yaml")).unwrap().ino(), inode);
}

#[test]
fn output_and_baseline_files_replace_a_symlink_instead_of_following_it() {
    let dir = temp_files(&[("a.yaml", &fixable()), ("elsewhere/keep.txt", "keep")]);
    for (flag, name) in [("--output", "out.json"), ("--write-baseline", "baseline.json")] {
        std::os::unix::fs::symlink("elsewhere/keep.txt", dir.path().join(name)).unwrap();
        let output = ikilint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", flag, name, "a.yaml"])
            .output()
            .unwrap();
        assert!(output.status.code().unwrap() < 2, "{output:?}");
        assert!(
            !std::fs::symlink_metadata(dir.path().join(name))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(read(dir.path().join(name)).starts_with('{'));
        assert_eq!(read(dir.path().join("elsewhere/keep.txt")), "keep");
    }
}
