//! The HTML report of a generated repository of 10,000 positions (100 kecamatan of 100 positions, see
//! `corpus/mod.rs`): how long ikilint takes to write it, how large it is, and, when Chromium is installed, how long
//! the browser takes to open it and to open a branch and filter the table (the page's own `#selftest`).
//!
//! `cargo bench --bench report` (about a minute). The report is kept as `target/tmp/report-bench/report.html`.

mod corpus;

use ikilint::cascade::Cascade;
use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::lint::{Settings, lint};
use ikilint::render::html;
use ikilint::workspace::load_sources;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Seconds Chromium takes to load `url` and print its DOM, with a fresh profile; and the DOM.
fn open_in_chromium(url: &str) -> Option<(f64, String)> {
    let profile = tempfile::tempdir().ok()?;
    let started = Instant::now();
    let output = Command::new("chromium")
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", url])
        .output()
        .ok()?;
    output.status.success().then(|| {
        (
            started.elapsed().as_secs_f64(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    })
}

fn main() {
    let lang = Lang::Id;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let workspace = load_sources(corpus::repository(100), lang);
    let positions: usize = workspace.documents.iter().map(|d| d.jabatan.len()).sum();

    let started = Instant::now();
    let diagnostics = lint(&workspace, &Data::builtin(), &Settings::new(lang));
    let linted = started.elapsed();
    let cascade = Cascade::new(&workspace.documents);
    let report = ikilint::Report {
        files: workspace.files.clone(),
        diagnostics,
    };
    let started = Instant::now();
    let page = html::render(&html::Input {
        documents: &workspace.documents,
        cascade: &cascade,
        report: &report,
        lang,
        date: "2026-01-01",
    });
    let rendered = started.elapsed();
    let path = dir.join("report.html");
    std::fs::write(&path, &page).unwrap();
    println!(
        "{positions} positions, {} findings: lint {:.2} s, render {:.2} s, report {:.1} MB ({})",
        report.diagnostics.len(),
        linted.as_secs_f64(),
        rendered.as_secs_f64(),
        page.len() as f64 / 1e6,
        path.display()
    );

    let blank = dir.join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><title>x</title>").unwrap();
    let Some((baseline, _)) = open_in_chromium(&format!("file://{}", blank.display())) else {
        println!("chromium not found: browser timings skipped (apt-get install chromium)");
        return;
    };
    let Some((wall, dom)) = open_in_chromium(&format!("file://{}#selftest", path.display())) else {
        println!("chromium could not open the report");
        return;
    };
    let result = dom
        .find("data-selftest=\"")
        .map(|i| &dom[i + 15..])
        .and_then(|rest| rest.find('"').map(|end| rest[..end].replace("&quot;", "\"")))
        .unwrap_or_default();
    println!(
        "chromium: {:.2} s to load, run and print the page ({:.2} s more than a blank page); in the page: {result}",
        wall,
        wall - baseline
    );
}
