//! The HTML report of a generated province of 10,000 positions (`corpus/mod.rs`: kecamatan documents of 40
//! positions): how long the release binary takes to write it, how large it is, and, when Chromium is installed, how
//! long the browser takes to draw its first screen, and to open a branch and filter the table (the page's own
//! `#selftest`, which also opens every branch at the end).
//!
//! `cargo bench --bench report` (about a minute once built). The corpus, the report and the screenshot of its first
//! screen are kept in `target/tmp/report-bench/`. Run it on an idle machine: the numbers are wall-clock times.

#[path = "../tests/common/browser.rs"]
mod browser;
mod corpus;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const POSITIONS: usize = 10_000;

fn main() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-bench");
    let repository = dir.join("provinsi");
    if !repository.exists() {
        corpus::write(&repository, POSITIONS).unwrap();
    }
    let path = dir.join("report.html");
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_ikilint"))
        .args(["report", "--lang", "id", "--no-config", "-o"])
        .arg(&path)
        .arg(&repository)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    let written = started.elapsed().as_secs_f64();
    assert!(status.success());
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "{POSITIONS} positions: `ikilint report` {written:.2} s, report {:.1} MB ({})",
        size as f64 / 1e6,
        path.display()
    );

    let Some(chromium) = browser::chromium() else {
        return;
    };
    // Chromium's own start-up, measured on a blank page, is not the report's: the time to open is the time until
    // the first screen is drawn (a screenshot), less the blank page's.
    let open = |url: String, mode: &str| {
        let started = Instant::now();
        let dom = browser::run(&chromium, &url, &["--window-size=1400,1000", mode]);
        (started.elapsed().as_secs_f64(), dom)
    };
    let blank = dir.join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><title>x</title>").unwrap();
    let shot = format!("--screenshot={}", dir.join("screen.png").display());
    let (baseline, _) = open(format!("file://{}", blank.display()), &shot);
    let (drawn, _) = open(format!("file://{}", path.display()), &shot);
    let (_, dom) = open(format!("file://{}#selftest", path.display()), "--dump-dom");
    let result = browser::dom_attribute(&dom, "data-selftest").unwrap_or_default();
    println!(
        "chromium: first screen drawn {:.2} s after a blank page's ({drawn:.2} s against {baseline:.2} s); in the page (ms): {result}",
        drawn - baseline
    );
}
