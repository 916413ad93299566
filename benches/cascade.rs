//! Builds the cascade graph and runs the alignment rules (A001–A008) on generated repositories of 1,000 and
//! 10,000 positions. Growth from 1k to 10k should be linear (about ×10).
//!
//! `cargo bench --bench cascade` (a few seconds). The generator is deterministic: a kabupaten document with the
//! bupati, and kecamatan documents of 100 positions each (camat, 4 middle positions, 95 staff) whose camat reports
//! across documents (`kab/bupati`). Links use every reference form (bare `S1`, `jabatan/S1`,
//! `dokumen/jabatan/S1`, indicator-level overrides); about one sasaran in six is left unlinked so A001 ranks
//! suggestions, and some sasaran stay unsupported (A004).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ikilint::cascade::Cascade;
use ikilint::data::Data;
use ikilint::rules::{Check, Context, alignment};
use ikilint::workspace::{Workspace, load_sources};
use std::fmt::Write;
use std::time::Duration;

const SUBJECTS: &[&str] = &[
    "Musrenbang Kecamatan",
    "pelayanan administrasi kependudukan",
    "ketenteraman dan ketertiban umum",
    "pemberdayaan masyarakat desa",
    "pengelolaan keuangan kantor",
    "sarana prasarana aparatur",
    "laporan kinerja instansi",
    "survei kepuasan masyarakat",
    "pembinaan aparatur desa",
    "perizinan dan rekomendasi",
    "disiplin pegawai",
    "arsip dan persuratan",
];
const RESULTS: &[&str] = &[
    "Meningkatnya",
    "Terlaksananya",
    "Tersedianya data",
    "Tersusunnya",
    "Terpenuhinya",
];

/// A small deterministic generator (linear congruential), so every run lints the same repository.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn position(out: &mut String, rng: &mut Lcg, id: &str, atasan: Option<&str>, links: &[String]) {
    let _ = writeln!(out, "  - id: {id}\n    nama: \"Jabatan {id}\"");
    if let Some(atasan) = atasan {
        let _ = writeln!(out, "    atasan: {atasan}");
    }
    let _ = writeln!(out, "    sasaran:");
    for s in 0..3 {
        let subject = SUBJECTS[rng.next(SUBJECTS.len())];
        let result = RESULTS[rng.next(RESULTS.len())];
        let _ = writeln!(out, "      - id: S{}\n        uraian: \"{result} {subject}\"", s + 1);
        let roll = rng.next(6);
        if !links.is_empty() && roll > 0 {
            let _ = writeln!(out, "        mendukung: {}", links[rng.next(links.len())]);
        }
        let _ = writeln!(out, "        indikator:");
        for i in 0..2 {
            let _ = writeln!(out, "          - uraian: \"Jumlah {subject} tahap {}\"", i + 1);
            if !links.is_empty() && roll == 1 && i == 1 {
                let _ = writeln!(out, "            mendukung: {}", links[rng.next(links.len())]);
            }
        }
    }
}

/// `kecamatan` documents of 100 positions, plus the kabupaten document (one position).
fn repository(kecamatan: usize) -> Vec<(String, String)> {
    let mut rng = Lcg(2024);
    let mut files = Vec::new();
    let mut kab = String::from("dokumen:\n  id: kab\n  unit: Kabupaten Uji\n  tahun: 2024\njabatan:\n");
    position(&mut kab, &mut rng, "bupati", None, &[]);
    files.push(("kab.yaml".to_string(), kab));
    for k in 0..kecamatan {
        let doc = format!("kec-{k}");
        let mut text = format!("dokumen:\n  id: {doc}\n  unit: Kecamatan {k}\n  tahun: 2024\njabatan:\n");
        let up = |s: &str| vec![s.to_string(), format!("kab/bupati/{s}")];
        position(&mut text, &mut rng, "camat", Some("kab/bupati"), &up("S1"));
        for m in 0..4 {
            let links = vec![
                "S1".to_string(),
                "S2".to_string(),
                "camat/S3".to_string(),
                format!("{doc}/camat/S2"),
            ];
            position(&mut text, &mut rng, &format!("kasi-{m}"), Some("camat"), &links);
        }
        for s in 0..95 {
            let kasi = format!("kasi-{}", s % 4);
            let links = vec!["S1".to_string(), "S3".to_string(), format!("{kasi}/S2")];
            position(&mut text, &mut rng, &format!("staf-{s}"), Some(&kasi), &links);
        }
        files.push((format!("{doc}.yaml"), text));
    }
    files
}

/// Build the graph and run every alignment rule once; returns the number of findings.
fn run(workspace: &Workspace, data: &Data) -> usize {
    let cx = Context::new(&workspace.files, &workspace.documents, data);
    let mut out = Vec::new();
    let _ = cx.index::<Cascade>();
    for rule in alignment::RULES {
        if let Check::Set(check) = rule.check {
            check(&cx, &mut out);
        } else if let Some((check, _)) = rule.check.document() {
            for document in &workspace.documents {
                check(&cx, document, &mut out);
            }
        }
        // The benchmark's corpus holds IKI documents only: no SKP checks.
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
        let workspace = load_sources(repository(kecamatan));
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
