//! Builds the cascade graph and runs the alignment rules (A001–A008) on generated repositories of 1,000 and
//! 10,000 positions. Growth from 1k to 10k should be linear (about ×10).
//!
//! `cargo bench --bench cascade` (a few seconds), on the repository of `corpus/mod.rs`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ikilint::cascade::Cascade;
use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::rules::{Check, Context, alignment};
use ikilint::workspace::{Workspace, load_sources};
use std::time::Duration;

mod corpus;

use corpus::repository;

/// Build the graph and run every alignment rule once; returns the number of findings.
fn run(workspace: &Workspace, data: &Data) -> usize {
    let cx = Context::new(&workspace.files, &workspace.documents, Lang::En, data);
    let mut out = Vec::new();
    let _ = cx.index::<Cascade>();
    for rule in alignment::RULES {
        match rule.check {
            Check::Set(check) => check(&cx, &mut out),
            Check::Document(check) => {
                for document in &workspace.documents {
                    check(&cx, document, &mut out);
                }
            }
            Check::Loading | Check::Engine => {}
        }
    }
    out.len()
}

fn bench(c: &mut Criterion) {
    let data = Data::builtin();
    let mut group = c.benchmark_group("cascade");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for kecamatan in [10, 100] {
        let workspace = load_sources(repository(kecamatan), Lang::En);
        let positions: usize = workspace.documents.iter().map(|d| d.jabatan.len()).sum();
        let findings = run(&workspace, &data);
        assert!(workspace.diagnostics.is_empty(), "{:?}", workspace.diagnostics.first());
        eprintln!("{positions} positions, {findings} alignment findings");
        group.bench_with_input(BenchmarkId::new("graph+rules", positions), &workspace, |b, ws| {
            b.iter(|| run(ws, &data))
        });
        group.bench_with_input(BenchmarkId::new("graph", positions), &workspace, |b, ws| {
            b.iter(|| Cascade::new(&ws.documents).positions.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
