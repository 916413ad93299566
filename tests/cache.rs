//! The cache of per-file facts never changes what a run finds: a warm run, a run after an edit, after a change of
//! configuration or rule data, and a run over a corrupt cache each give exactly the findings of a cold run.

mod common;

use common::{ikilint, temp_files};
use std::path::Path;

/// A copy of `examples/` with an `ikilint.toml`, so that the cache lives beside it in `.ikilint_cache/`.
fn repository() -> tempfile::TempDir {
    let dir = temp_files(&[("ikilint.toml", "lang = \"en\"\n")]);
    common::copy_examples(dir.path());
    dir
}

/// The JSON output of `check` over `dir`, with or without the cache.
fn json(dir: &Path, cache: bool) -> String {
    json_with(dir, cache, &[])
}

/// [`json`] with more arguments (`--lang id`).
fn json_with(dir: &Path, cache: bool, args: &[&str]) -> String {
    let mut cmd = ikilint();
    cmd.current_dir(dir).args(["check", "--format", "json", "."]).args(args);
    if !cache {
        cmd.arg("--no-cache");
    }
    let output = cmd.output().unwrap();
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The folders of the cache beside `dir`'s `ikilint.toml` (one per key).
fn key_folders(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join(".ikilint_cache")) else {
        return Vec::new();
    };
    entries.map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect()
}

/// Whether `path` is a file of a key's folder that keeps the findings of the cross-file rules of a set of files.
fn is_set_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("set-"))
}

/// The file that keeps the findings of the cross-file rules of the one set of files linted in `dir`.
fn set_file(dir: &Path) -> std::path::PathBuf {
    let folders = key_folders(dir);
    let found: Vec<_> = std::fs::read_dir(&folders[0])
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| is_set_file(p))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

/// Every entry of a linted file in the cache beside `dir`, sorted.
fn cache_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = key_folders(dir)
        .iter()
        .flat_map(|folder| std::fs::read_dir(folder).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin") && !is_set_file(p))
        .collect();
    files.sort();
    files
}

/// The files under `dir` a walk lints (each gets an entry), outside the cache.
fn lintable_files(dir: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && !name.starts_with('.') {
            count += lintable_files(&path);
        } else if [".yaml", ".yml", ".docx", ".xlsx", ".txt"]
            .iter()
            .any(|x| name.ends_with(x))
        {
            count += 1;
        }
    }
    count
}

/// A cold run (no cache) and a warm run agree; returns the output.
fn agree(dir: &Path) -> String {
    let cold = json(dir, false);
    let first = json(dir, true);
    let warm = json(dir, true);
    assert_eq!(cold, first, "the run that fills the cache differs from a cold run");
    assert_eq!(cold, warm, "the warm run differs from a cold run");
    cold
}

#[test]
fn warm_runs_and_runs_after_changes_find_what_a_cold_run_finds() {
    let repo = repository();
    let dir = repo.path();
    let clean = agree(dir);
    assert_eq!(key_folders(dir).len(), 1, "one key folder beside ikilint.toml");
    assert!(lintable_files(dir) > 2);
    assert_eq!(cache_files(dir).len(), lintable_files(dir), "one entry per file");
    assert!(dir.join(".ikilint_cache/.gitignore").exists());
    let entries = || -> Vec<Vec<u8>> { cache_files(dir).iter().map(|f| std::fs::read(f).unwrap()).collect() };
    // When the cross-file findings were last written (a rewrite renames a new file over the old).
    let set_written = || {
        std::fs::metadata(set_file(dir))
            .and_then(|m| m.modified())
            .expect("the cross-file findings are kept")
    };
    let clean_set = set_written();

    // An edit that leaves what the cross-file rules read as it was (a comment at the end): the cross-file
    // findings kept are used, not found again and rewritten.
    let file = dir.join("contoh-bersih-2024.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}# diperiksa ulang\n")).unwrap();
    assert_eq!(agree(dir), clean);
    assert_eq!(set_written(), clean_set, "the cross-file findings were found again");
    std::fs::write(&file, &text).unwrap();
    assert_eq!(agree(dir), clean);

    // A line added at the top moves everything the cross-file rules read of the file: the kept findings are moved
    // with it, and a run gives what a cold run gives.
    let with_findings = dir.join("masama-2020.yaml");
    let original = std::fs::read_to_string(&with_findings).unwrap();
    std::fs::write(&with_findings, format!("# diperiksa ulang\n{original}")).unwrap();
    assert!(agree(dir) != clean, "the findings' lines moved");
    std::fs::write(&with_findings, &original).unwrap();
    assert_eq!(agree(dir), clean);
    let before_edit = entries();

    // An edit in one file: a new finding there, and a cross-file one (the NIP now shared with the other file).
    let edited = text.replacen("Persentase dokumen", "Prosentase dokumen", 1).replacen(
        "19920604 201503 2 001",
        "19730808 201001 1 005",
        2,
    );
    std::fs::write(&file, &edited).unwrap();
    let after_edit = agree(dir);
    assert_ne!(after_edit, clean);
    let changed = before_edit.iter().zip(entries()).filter(|(a, b)| *a != b).count();
    assert_eq!(changed, 1, "an edit of one file rewrites its entry alone");
    assert!(after_edit.contains("\"T001\"") && after_edit.contains("\"N004\""));
    assert_ne!(
        set_written(),
        clean_set,
        "the cross-file rules ran on the changed facts"
    );

    // Touched but not changed: same findings.
    std::fs::write(&file, &edited).unwrap();
    assert_eq!(agree(dir), after_edit);

    // The configuration: another language, rules turned off.
    std::fs::write(dir.join("ikilint.toml"), "lang = \"id\"\nignore = [\"T001\"]\n").unwrap();
    let configured = agree(dir);
    assert!(!configured.contains("\"T001\""));
    assert!(
        configured.contains("galat") || configured.contains("NIP"),
        "Indonesian messages"
    );

    // Rule data: an extra rules folder that makes a word non-standard.
    std::fs::create_dir_all(dir.join("kata")).unwrap();
    std::fs::write(dir.join("ikilint.toml"), "lang = \"en\"\nextra-rules = [\"kata\"]\n").unwrap();
    let before_data = agree(dir);
    std::fs::write(
        dir.join("kata/kbbi.yaml"),
        "bentuk:\n  - { tidak_baku: pelayanan, baku: layanan, sumber: kantor }\n",
    )
    .unwrap();
    let with_data = agree(dir);
    assert_ne!(
        before_data, with_data,
        "a change of rule data is seen through the cache"
    );
    assert!(with_data.contains("layanan"));

    // A deleted file disappears from the findings.
    std::fs::remove_file(&file).unwrap();
    let after_delete = agree(dir);
    assert!(!after_delete.contains("contoh-bersih-2024.yaml"));
}

/// Replace `from` by `to` (as long) in the file at `path` and give it back its modification time: a run that
/// trusts the cache does not read it again, so only a run that missed the cache shows the change.
fn change_behind_the_cache(path: &Path, from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len(), "the size is part of the stamp");
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let bytes = std::fs::read(path).unwrap();
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the text to change");
    let changed = [&bytes[..at], to, &bytes[at + from.len()..]].concat();
    std::fs::write(path, changed).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
}

#[test]
fn a_cache_filled_in_one_language_serves_a_run_in_the_other() {
    let repo = repository();
    let dir = repo.path();
    // An office file found by walking that cannot be read: a finding whose reason is worded by the output.
    std::fs::write(dir.join("rusak.xlsx"), b"PK\x03\x04 cut short").unwrap();
    let cold_id = json_with(dir, false, &["--lang", "id"]);
    let cold_en = json_with(dir, false, &["--lang", "en"]);
    assert!(
        cold_id.contains("tidak dapat dibaca: berkas rusak: paket zip-nya"),
        "{cold_id}"
    );
    assert!(
        cold_en.contains("could not be read: the file is damaged: its zip package"),
        "{cold_en}"
    );
    assert_eq!(
        json_with(dir, true, &["--lang", "en"]),
        cold_en,
        "the run that fills the cache"
    );

    // A T001 finding, and a reason of another kind (not a zip at all), for any run that reads the files again.
    change_behind_the_cache(&dir.join("contoh-bersih-2024.yaml"), b"Persentase", b"Prosentase");
    change_behind_the_cache(&dir.join("rusak.xlsx"), b"PK", b"XX");
    assert_ne!(
        json_with(dir, false, &["--lang", "id"]),
        cold_id,
        "a run that reads the files sees the changes"
    );

    let warm_id = json_with(dir, true, &["--lang", "id"]);
    assert_eq!(
        warm_id, cold_id,
        "the Indonesian run takes the facts the English run cached"
    );
    let warm_en = json_with(dir, true, &["--lang", "en"]);
    assert_eq!(warm_en, cold_en, "and the English run after it too");
}

#[test]
fn a_corrupt_or_truncated_cache_is_ignored_and_rewritten() {
    let repo = repository();
    let dir = repo.path();
    let cold = agree(dir);
    let mut entries = cache_files(dir);
    assert!(entries.len() > 2);
    // The cross-file findings kept are no more trusted than an entry.
    entries.push(set_file(dir));
    let intact: Vec<Vec<u8>> = entries.iter().map(|f| std::fs::read(f).unwrap()).collect();
    type Breaking = fn(&[u8]) -> Vec<u8>;
    let breakings: [Breaking; 4] = [
        |bytes| bytes[..bytes.len() / 2].to_vec(),
        |_| Vec::new(),
        |bytes| bytes.iter().map(|b| b ^ 0x5a).collect(),
        // The header intact, the facts garbled.
        |bytes| {
            let header = bytes.len() - 40;
            bytes[..header]
                .iter()
                .copied()
                .chain(bytes[header..].iter().map(|b| b.wrapping_add(1)))
                .collect()
        },
    ];
    for breaking in breakings {
        for (file, bytes) in entries.iter().zip(&intact) {
            std::fs::write(file, breaking(bytes)).unwrap();
        }
        assert_eq!(json(dir, true), cold, "a broken cache changed the findings");
        assert_eq!(json(dir, true), cold);
        for (file, bytes) in entries.iter().zip(&intact) {
            assert_eq!(&std::fs::read(file).unwrap(), bytes, "the broken entry is rewritten");
        }
    }
}

#[test]
fn runs_at_once_never_corrupt_the_cache() {
    let repo = repository();
    let dir = repo.path();
    let cold = json(dir, false);
    let runs: Vec<_> = (0..6)
        .map(|_| {
            let dir = dir.to_path_buf();
            std::thread::spawn(move || json(&dir, true))
        })
        .collect();
    for run in runs {
        assert_eq!(run.join().unwrap(), cold);
    }
    assert_eq!(json(dir, true), cold);
    assert_eq!(cache_files(dir).len(), lintable_files(dir));
    for folder in std::iter::once(dir.join(".ikilint_cache")).chain(key_folders(dir)) {
        assert!(
            std::fs::read_dir(folder)
                .unwrap()
                .all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".tmp")),
            "no temporary file is left behind"
        );
    }
}

#[test]
fn no_cache_writes_nothing_and_clean_removes_the_cache() {
    let repo = repository();
    let dir = repo.path();
    json(dir, false);
    assert!(!dir.join(".ikilint_cache").exists(), "--no-cache wrote a cache");
    json(dir, true);
    assert!(dir.join(".ikilint_cache").exists());
    let out = ikilint().current_dir(dir).args(["clean", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!dir.join(".ikilint_cache").exists());
    let again = ikilint().current_dir(dir).args(["clean", "."]).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stdout).contains("No cache to remove"));
}

#[test]
fn clean_refuses_a_folder_ikilint_did_not_make() {
    let dir = temp_files(&[("ikilint.toml", ""), (".ikilint_cache/important.txt", "keep me")]);
    let out = ikilint().current_dir(dir.path()).args(["clean", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(dir.path().join(".ikilint_cache/important.txt").exists());
}

#[test]
fn clean_refuses_a_path_that_does_not_exist_and_removes_nothing() {
    let repo = repository();
    let dir = repo.path();
    json(dir, true);
    let out = ikilint()
        .current_dir(dir)
        .args(["clean", "no-such-folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no-such-folder"),
        "{out:?}"
    );
    assert!(dir.join(".ikilint_cache").exists(), "a mistyped path removed the cache");
}

/// `check --quiet` counts the findings of files taken from the cache without reading them: its closing line and
/// exit code are a cold run's, under changed severities, per-file ignores, suppression comments (used and unused)
/// and every `--fail-on`.
#[test]
fn a_quiet_warm_run_counts_what_a_cold_run_finds() {
    let repo = repository();
    let dir = repo.path();
    std::fs::write(
        dir.join("ikilint.toml"),
        "lang = \"en\"\n[severity]\nT001 = \"error\"\nN004 = \"info\"\n[per-file-ignores]\n\"tanjung-*.yaml\" = [\"T001\", \"U003\"]\n",
    )
    .unwrap();
    let file = dir.join("contoh-bersih-2024.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = "          - uraian: Persentase dokumen perencanaan dan pelaporan yang disampaikan tepat waktu";
    assert!(text.contains(line));
    let suppressed = format!("{}   # ikilint: allow(T001)", line.replace("Persentase", "Prosentase"));
    std::fs::write(&file, text.replacen(line, &suppressed, 1) + "# ikilint: allow(T002)\n").unwrap();
    let quiet = |cache: bool, fail_on: &str| {
        let mut cmd = ikilint();
        cmd.current_dir(dir)
            .args(["check", "--quiet", "--fail-on", fail_on, "."]);
        if !cache {
            cmd.arg("--no-cache");
        }
        let output = cmd.output().unwrap();
        (output.status.code(), String::from_utf8(output.stdout).unwrap())
    };
    for fail_on in ["error", "warning", "info", "never"] {
        let cold = quiet(false, fail_on);
        assert!(
            cold.1.contains("error(s)") && !cold.1.contains(" 0 warning(s)"),
            "{cold:?}"
        );
        assert_eq!(
            quiet(true, fail_on),
            cold,
            "the run that fills the cache, --fail-on {fail_on}"
        );
        assert_eq!(quiet(true, fail_on), cold, "the run that counts, --fail-on {fail_on}");
    }
    assert!(json(dir, false).contains("\"S007\""), "the unused suppression is found");
}
