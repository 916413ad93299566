//! ikilint against Spectral 6 with an equivalent five-rule ruleset (issue #14): `cargo bench --bench spectral`.
//!
//! Installs `@stoplight/spectral-cli@6` with npm under `$CARGO_TARGET_DIR/npm` when it is not there yet (needs
//! Node.js, npm and the network the first time), generates the province corpus of benches/corpus (4,000 positions;
//! `IKILINT_BENCH_POSITIONS` for another size) under `$CARGO_TARGET_DIR/bench-spectral/`, and times, wall clock,
//! the median of `IKILINT_BENCH_RUNS` runs (default 3) each:
//! - `spectral lint --ruleset benches/spectral/ruleset.yaml` on every file;
//! - `ikilint check --quiet --no-cache` with benches/spectral/ikilint.toml (the same five rules), cold;
//! - the same with the cache filled and nothing changed, warm;
//! - and, for scale, `ikilint check --quiet --no-cache` with every rule.
//!
//! Before timing, it checks that the two rulesets agree: Spectral flags exactly the places of
//! benches/spectral/expected.txt on benches/spectral/fixture.yaml (tests/spectral_fixture.rs holds ikilint to the
//! same list), and both tools flag the same places (file, line, code) on the whole corpus.

mod corpus;
#[path = "spectral/places.rs"]
mod places;
mod timing;

use places::{Place, code_and_line, expected_places, ikilint_places, output};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use timing::Timed;

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The Spectral command line tool, installed with npm under the target folder the first time.
fn spectral(target: &Path) -> PathBuf {
    let prefix = target.join("npm");
    let bin = prefix.join("node_modules/.bin/spectral");
    if !bin.exists() {
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&prefix)
            .arg("@stoplight/spectral-cli@6")
            .status()
            .expect("npm is installed (apt-get install npm)");
        assert!(status.success(), "npm install @stoplight/spectral-cli@6 failed");
    }
    bin
}

fn spectral_args<'a>(ruleset: &'a Path, files: &'a str) -> Vec<&'a std::ffi::OsStr> {
    ["lint", "--quiet", "--ignore-unknown-format", "--ruleset"]
        .into_iter()
        .map(std::ffi::OsStr::new)
        .chain([ruleset.as_os_str(), std::ffi::OsStr::new(files)])
        .collect()
}

/// The places Spectral flags in `files` (a path or a glob, relative to `dir`), by the ikilint code that starts
/// each rule's name.
fn spectral_places(dir: &Path, spectral: &Path, ruleset: &Path, files: &str) -> BTreeSet<Place> {
    let mut command = Command::new(spectral);
    command.args(spectral_args(ruleset, files)).args(["--format", "json"]);
    let results = output(command.current_dir(dir));
    let prefix = format!("{}/", dir.display());
    results
        .as_array()
        .expect("Spectral's JSON is an array")
        .iter()
        .map(|r| {
            let source = r["source"].as_str().unwrap_or_default();
            let code = r["code"].as_str().unwrap_or_default();
            (
                source.strip_prefix(&prefix).unwrap_or(source).to_string(),
                r["range"]["start"]["line"].as_u64().unwrap_or_default() as usize + 1,
                code.split('-').next().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn yaml_count(dir: &Path) -> (usize, u64) {
    let mut count = (0, 0);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (files, bytes) = yaml_count(&path);
            count = (count.0 + files, count.1 + bytes);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            count = (count.0 + 1, count.1 + entry.metadata().unwrap().len());
        }
    }
    count
}

fn main() {
    let positions = env_number("IKILINT_BENCH_POSITIONS", 4000);
    let runs = env_number("IKILINT_BENCH_RUNS", 3);
    let target = target_dir();
    let spectral = spectral(&target);
    let work = target.join("bench-spectral");
    std::fs::create_dir_all(&work).unwrap();
    let ruleset = places::bench_dir().join("ruleset.yaml");
    // The configuration is copied beside the corpus so that the cache it keeps stays out of the repository.
    let config = work.join("ikilint.toml");
    std::fs::copy(places::bench_dir().join("ikilint.toml"), &config).unwrap();
    let every_rule = work.join("every-rule.toml");
    std::fs::write(&every_rule, "").unwrap();

    let fixture = places::bench_dir().join("fixture.yaml");
    let fixture = fixture.to_str().expect("a UTF-8 path");
    let expected = expected_places();
    let flagged = code_and_line(&spectral_places(&work, &spectral, &ruleset, fixture));
    assert_eq!(
        flagged, expected,
        "Spectral on fixture.yaml (left) against expected.txt (right)"
    );
    let flagged = code_and_line(&ikilint_places(&work, &config, fixture));
    assert_eq!(
        flagged, expected,
        "ikilint on fixture.yaml (left) against expected.txt (right)"
    );

    let corpus_name = format!("corpus-{positions}");
    let corpus = work.join(&corpus_name);
    if !corpus.join("complete").exists() {
        let _ = std::fs::remove_dir_all(&corpus);
        corpus::write(&corpus, positions).expect("corpus written");
        std::fs::write(corpus.join("complete"), "").unwrap();
    }
    let (files, bytes) = yaml_count(&corpus);
    let glob = format!("{corpus_name}/**/*.yaml");
    let by_spectral = spectral_places(&work, &spectral, &ruleset, &glob);
    let by_ikilint = ikilint_places(&work, &config, &corpus_name);
    assert_eq!(
        by_spectral.symmetric_difference(&by_ikilint).collect::<Vec<_>>(),
        Vec::<&Place>::new(),
        "the places only one of the tools flags on the corpus"
    );
    let per_code = |code: &str| by_ikilint.iter().filter(|p| p.2 == code).count();
    println!(
        "{positions} positions, {files} files, {:.1} MB; both tools flag the same {} places (S003 {}, S005 {}, A001 {}, A007 {}, N003 {})",
        bytes as f64 / 1e6,
        by_ikilint.len(),
        per_code("S003"),
        per_code("S005"),
        per_code("A001"),
        per_code("A007"),
        per_code("N003"),
    );

    let ikilint = env!("CARGO_BIN_EXE_ikilint");
    let check = |config: &Path, cache: bool| {
        let mut args = vec!["check", "--quiet"];
        if !cache {
            args.push("--no-cache");
        }
        let config = config.to_str().expect("a UTF-8 path");
        timing::run(
            &work,
            ikilint,
            args.into_iter().chain(["--config", config, corpus_name.as_str()]),
        )
    };
    let spectral_run = timing::median(runs, || timing::run(&work, &spectral, spectral_args(&ruleset, &glob)));
    let cold = timing::median(runs, || check(&config, false));
    let _ = std::fs::remove_dir_all(work.join(".ikilint_cache"));
    check(&config, true);
    let warm = timing::median(runs, || check(&config, true));
    let all_rules = timing::median(runs, || check(&every_rule, false));
    for (what, t) in [("Spectral", &spectral_run), ("ikilint", &cold), ("ikilint", &all_rules)] {
        assert!(matches!(t.exit, 0 | 1), "{what} failed with exit code {}", t.exit);
    }

    let row = |what: &str, t: &Timed| {
        println!(
            "| {what} | {:.2} s | {:.0} MiB | {:.1}× |",
            t.wall,
            t.peak_mib,
            spectral_run.wall / t.wall
        );
    };
    println!("\nmedian of {runs} runs, wall clock\n");
    println!("| run | wall | peak memory | Spectral / this |");
    println!("|---|---|---|---|");
    row("Spectral 6, the five rules", &spectral_run);
    row("ikilint, the five rules, cold (`--no-cache`)", &cold);
    row("ikilint, the five rules, warm (cache, nothing changed)", &warm);
    row("ikilint, every rule, cold", &all_rules);
}
