//! The places a tool flags, to hold ikilint and Spectral to the same ones: shared by benches/spectral.rs and
//! tests/spectral_fixture.rs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A place a tool flags: file (as the tool names it, relative to the folder it ran in), 1-based line, ikilint code.
pub type Place = (String, usize, String);

pub fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/spectral")
}

/// The JSON a tool prints, when it ran and exited 0 or 1.
pub fn output(command: &mut Command) -> serde_json::Value {
    let out = command.output().expect("the tool runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{command:?} printed no JSON: {e}"))
}

/// The places ikilint flags in `path` (relative to `dir`) with `config`: each finding's line and, for N003, the
/// lines of the copies of the NIP it labels (Spectral reports each copy on its own).
pub fn ikilint_places(dir: &Path, config: &Path, path: &str) -> BTreeSet<Place> {
    let report = output(
        Command::new(env!("CARGO_BIN_EXE_ikilint"))
            .args(["check", "--no-cache", "--format", "json", "--config"])
            .arg(config)
            .arg(path)
            .current_dir(dir),
    );
    let mut places = BTreeSet::new();
    for d in report["diagnostics"].as_array().expect("diagnostics") {
        let code = d["code"].as_str().unwrap_or_default().to_string();
        let place = |v: &serde_json::Value| {
            (
                v["file"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64().unwrap_or_default() as usize,
                code.clone(),
            )
        };
        places.insert(place(d));
        if code == "N003" {
            places.extend(d["labels"].as_array().into_iter().flatten().map(place));
        }
    }
    places
}

/// `expected.txt`: code and line of each place of the fixture.
pub fn expected_places() -> BTreeSet<(String, usize)> {
    std::fs::read_to_string(bench_dir().join("expected.txt"))
        .expect("benches/spectral/expected.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (code, line) = l.split_once(' ').expect("CODE LINE");
            (code.to_string(), line.trim().parse().expect("a line number"))
        })
        .collect()
}

pub fn code_and_line(places: &BTreeSet<Place>) -> BTreeSet<(String, usize)> {
    places.iter().map(|(_, line, code)| (code.clone(), *line)).collect()
}
