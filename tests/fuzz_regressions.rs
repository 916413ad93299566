//! The fuzz targets' checks on a stable toolchain: every committed corpus file of every target (`fuzz/corpus/`),
//! and every input that ever crashed or hung a target (`tests/fuzz_regressions/<target>/`, one named test each),
//! go through the same checks the targets make (`fuzz/fuzz_targets/checks.rs`).

#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// The entries of one folder, sorted by name.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    entries(dir).into_iter().filter(|path| path.is_file()).collect()
}

/// Run `check` on every file of the corpus of `target`; fails naming each file whose check panicked.
fn replay_corpus(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let files = files_in(&dir);
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap();
            std::panic::catch_unwind(|| check(&bytes)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "the {target} check fails on {failed:#?}");
}

#[test]
fn lint_corpus() {
    replay_corpus("lint", checks::lint);
}

#[test]
fn fix_corpus() {
    replay_corpus("fix", checks::fix);
}

#[test]
fn units_corpus() {
    replay_corpus("units", checks::units);
}

#[test]
fn nip_corpus() {
    replay_corpus("nip", checks::nip);
}

#[test]
fn render_corpus() {
    replay_corpus("render", checks::render);
}

#[test]
fn typed_corpus() {
    replay_corpus("typed", checks::typed);
}

/// Run `check` on the input kept as `tests/fuzz_regressions/<target>/<name>`.
fn regression(target: &str, name: &str, check: fn(&[u8])) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target)
        .join(name);
    check(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
}

#[test]
fn every_kept_input_has_its_test() {
    let source = include_str!("fuzz_regressions.rs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut kept = 0;
    for target in entries(&root).into_iter().filter(|path| path.is_dir()) {
        let target_name = target.file_name().unwrap().to_string_lossy().into_owned();
        for input in files_in(&target) {
            let name = input.file_name().unwrap().to_string_lossy().into_owned();
            let call = format!("regression(\"{target_name}\", \"{name}\"");
            assert!(
                source.contains(&call),
                "{} has no test: add one calling {call}, …)",
                input.display()
            );
            kept += 1;
        }
    }
    assert!(kept > 0, "no input kept under {}", root.display());
}

/// Found by `lint` within seconds (minimised from a 4,585-byte example): one byte that is not UTF-8. Its S001 label
/// ended inside the U+FFFD shown in its place, so the outputs clamped it to an empty range before that character.
#[test]
fn lint_invalid_utf8_byte() {
    regression("lint", "invalid-utf8-byte", checks::lint);
}

/// Found by `fix` as a timeout (a 5,479-byte mutant of a transcribed example; reduced by hand to the words that
/// matter): T001 joined `antar umat` into `antarumat` and T006 split it back, so every fix ran all ten rounds and
/// stopped where it began.
#[test]
fn fix_bound_form_split_and_joined() {
    regression("fix", "bound-form-split-and-joined", checks::fix);
}
