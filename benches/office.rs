//! The Word and Excel readers on generated IKI-shaped files of 1,000 and 5,000 positions (about 15 rows of 6
//! columns each, sasaran merged over their indicators), built with the zip crate and rust_xlsxwriter. Before the
//! timings it prints, per file, its size and the peak memory that one read adds (Linux: the high-water mark is
//! reset through `/proc/self/clear_refs` after the file is built).
//!
//! `cargo bench --bench office`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ikilint::office::{Body, ReadError, docx, xlsx};
use std::time::{Duration, Instant};

#[path = "../tests/common/office.rs"]
mod office;

/// A field of `/proc/self/status` in KiB (`VmHWM`, `VmRSS`), where the system has one.
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn report(name: &str, bytes: &[u8], read: fn(&[u8]) -> Result<Body, ReadError>) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_kib("VmRSS:");
    let start = Instant::now();
    let body = read(bytes).expect("a generated file reads");
    let elapsed = start.elapsed();
    let peak = status_kib("VmHWM:");
    let added = match (before, peak) {
        (Some(b), Some(p)) => format!("{:.1} MB", p.saturating_sub(b) as f64 / 1024.0),
        _ => "not measured".to_string(),
    };
    eprintln!(
        "{name}: {:.1} MB file, {} blocks, one read {:.2} s, peak memory added {added}",
        bytes.len() as f64 / 1e6,
        body.blocks.len(),
        elapsed.as_secs_f64(),
    );
}

fn readers(c: &mut Criterion) {
    let mut group = c.benchmark_group("office");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for positions in [1000, 5000] {
        let word = office::large_docx(positions);
        let excel = office::large_xlsx(positions);
        report(&format!("docx {positions} positions"), &word, docx::read);
        report(&format!("xlsx {positions} positions"), &excel, xlsx::read);
        group.throughput(Throughput::Bytes(word.len() as u64));
        group.bench_with_input(BenchmarkId::new("docx", positions), &word, |b, bytes| {
            b.iter(|| docx::read(bytes).unwrap().blocks.len())
        });
        group.throughput(Throughput::Bytes(excel.len() as u64));
        group.bench_with_input(BenchmarkId::new("xlsx", positions), &excel, |b, bytes| {
            b.iter(|| xlsx::read(bytes).unwrap().blocks.len())
        });
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
