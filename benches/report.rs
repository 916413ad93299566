//! The HTML report of a generated repository of 10,000 positions (100 kecamatan of 100 positions, see
//! `corpus/mod.rs`): how long ikilint takes to write it, how large it is, and, when Chromium is installed, how long
//! the browser takes to open it and to open a branch and filter the table (the page's own `#selftest`).
//!
//! `cargo bench --bench report` (about a minute once built). The report and the screenshot of its first screen are
//! kept in `target/tmp/report-bench/`.

#[path = "../tests/common/browser.rs"]
mod browser;
mod corpus;

use ikilint::cascade::Cascade;
use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::lint::{Settings, lint};
use ikilint::render::html;
use ikilint::workspace::load_sources;
use std::path::Path;
use std::time::Instant;

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
