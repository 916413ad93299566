//! A province in seconds: generates repositories of kecamatan documents (benches/corpus) and times the release
//! binary on them as a CI job runs it, next to a bare typed serde-saphyr parse of the same files on all cores.
//!
//! `cargo bench --bench province` measures 4,000 and 100,000 positions; `IKILINT_BENCH_SIZES=4000,100000,1000000`
//! chooses others. Corpora are generated once under `target/bench-corpus/`. For each size it prints: files, MB,
//! the bare parse (wall), `check --quiet` cold (no cache) and warm (cache filled, nothing changed), warm after one
//! file changed, `--format json` cold, each with its peak memory; positions per second; and the ratio of the cold
//! run to the bare parse. Run it on an idle machine: the numbers are wall-clock times.
//!
//! Then a kabupaten's SKPs (SPEC.md section 6): 5,000 files, one per employee, about 4 KB each
//! (`IKILINT_BENCH_SKP=20000` for another count, `0` to skip), timed the same way against a bare typed parse.

mod corpus;
// `median` serves the benchmarks that repeat a run; this one reports single runs.
#[allow(dead_code)]
mod timing;

use rayon::prelude::*;
use serde::Deserialize;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Instant;
use timing::Timed;

// The bare parse runs with the allocator the ikilint binary uses, so that the ratio compares the work, not the
// allocators.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The schema as plain typed structs without spans: the least work any YAML linter must do.
#[derive(Deserialize)]
#[allow(dead_code)]
struct BareDocument {
    dokumen: BareDokumen,
    jabatan: Vec<BareJabatan>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareDokumen {
    id: String,
    unit: String,
    tahun: i64,
    tempat: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BarePerson {
    nama: Option<String>,
    nip: Option<String>,
    jabatan: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareJabatan {
    id: String,
    nama: String,
    atasan: Option<String>,
    pemangku: Option<BarePerson>,
    #[serde(default)]
    tugas: Vec<String>,
    #[serde(default)]
    fungsi: Vec<String>,
    sasaran: Vec<BareSasaran>,
    tanda_tangan: Option<BareTandaTangan>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareSasaran {
    id: Option<String>,
    uraian: String,
    mendukung: Option<String>,
    indikator: Vec<BareIndikator>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareIndikator {
    uraian: String,
    satuan: Option<String>,
    formula: Option<String>,
    target: Option<String>,
    #[serde(default)]
    sumber_data: Vec<String>,
    mendukung: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareTandaTangan {
    tempat_tanggal: Option<String>,
    atasan: Option<BarePerson>,
    pegawai: Option<BarePerson>,
}

/// An SKP as plain typed structs without spans, for the bare parse of the SKP corpus.
#[derive(Deserialize)]
#[allow(dead_code)]
struct BareSkpDocument {
    skp: BareSkp,
    pegawai: BareSkpPerson,
    pejabat_penilai: BareSkpPerson,
    atasan_penilai: Option<BareSkpPerson>,
    periode: BarePeriode,
    rhk: Vec<BareRhk>,
    #[serde(default)]
    perilaku: Vec<BarePerilaku>,
    lampiran: Option<BareLampiran>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareSkp {
    id: String,
    tahun: i64,
    pendekatan: String,
    jpt: Option<bool>,
    puncak: Option<bool>,
    jabatan: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareSkpPerson {
    nama: String,
    nip: Option<String>,
    jabatan: Option<String>,
    unit: Option<String>,
    pangkat: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BarePeriode {
    mulai: String,
    selesai: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareRhk {
    id: Option<String>,
    jenis: Option<String>,
    uraian: String,
    intervensi: Option<String>,
    sasaran: Option<String>,
    perspektif: Option<String>,
    indikator: Vec<BareRhkIndikator>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareRhkIndikator {
    aspek: Option<String>,
    uraian: String,
    target: Option<serde_json::Value>,
    satuan: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BarePerilaku {
    aspek: String,
    ekspektasi: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareLampiran {
    #[serde(default)]
    dukungan_sumber_daya: Vec<String>,
    #[serde(default)]
    skema_pertanggungjawaban: Vec<String>,
    #[serde(default)]
    konsekuensi: Vec<String>,
}

/// Read every file on all cores and hand its text to `parse`, which gives how many items it found (at least one
/// in all, so that nothing is optimised away); seconds of wall time.
fn on_all_cores(files: &[PathBuf], parse: impl Fn(&str) -> usize + Sync) -> f64 {
    let start = Instant::now();
    let items: usize = files
        .par_iter()
        .map(|path| parse(&std::fs::read_to_string(path).unwrap()))
        .sum();
    assert!(items > 0);
    start.elapsed().as_secs_f64()
}

/// Read and parse every SKP file on all cores; seconds of wall time.
fn bare_parse_skp(files: &[PathBuf]) -> f64 {
    on_all_cores(files, |text| {
        let document: BareSkpDocument = serde_saphyr::from_str(text).unwrap();
        document.rhk.len()
    })
}

/// Read every SKP file on all cores the way `ikilint check` reads it: the typed read into the model with the span
/// of every value (`ikilint::typed::read_skp`), the least ikilint must do to point at a line; seconds of wall time.
fn spanned_read_skp(files: &[PathBuf]) -> f64 {
    on_all_cores(files, |text| {
        let skp = ikilint::typed::read_skp(text, ikilint::source::FileId(0)).expect("a well-formed SKP");
        skp.rhk.len()
    })
}

/// The SKP corpus of `employees` files: the bare parse, ikilint's own read, `check --quiet` cold and warm.
fn skp_corpus(root: &Path, employees: usize) {
    let dir = root.join(format!("skp-{employees}"));
    if !dir.join("complete").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        corpus::skp::write(&dir, employees).expect("SKP corpus written");
        std::fs::write(dir.join("complete"), "").unwrap();
    }
    let files = yaml_files(&dir);
    let bytes: u64 = files.iter().map(|f| f.metadata().unwrap().len()).sum();
    let _ = std::fs::remove_dir_all(dir.join(".ikilint_cache"));
    let bare = bare_parse_skp(&files);
    let read = spanned_read_skp(&files);
    let cold = run(&dir, &["check", "--quiet", "--no-cache"]);
    run(&dir, &["check", "--quiet"]);
    let warm = run(&dir, &["check", "--quiet"]);
    assert!(cold.exit == 0 || cold.exit == 1, "check failed with exit {}", cold.exit);
    let cell = |t: &Timed| format!("{:.2} s, {:.0} MiB", t.wall, t.peak_mib);
    println!();
    println!(
        "| SKP files | MB | bare parse | typed read with spans | cold | warm | files/s cold | cold / bare | cold / read |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {:.1} | {bare:.2} s | {read:.2} s | {} | {} | {:.0} | {:.2} | {:.2} |",
        files.len(),
        bytes as f64 / 1e6,
        cell(&cold),
        cell(&warm),
        files.len() as f64 / cold.wall,
        cold.wall / bare,
        cold.wall / read
    );
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    out
}

/// Read and parse every file on all cores; seconds of wall time.
fn bare_parse(files: &[PathBuf]) -> f64 {
    on_all_cores(files, |text| {
        let mut options = serde_saphyr::Options::default();
        options.budget = None;
        let document: BareDocument = serde_saphyr::from_str_with_options(text, options).unwrap();
        document.jabatan.len()
    })
}

/// Run the release binary under GNU time on `dir`: wall seconds and peak resident memory.
fn run(dir: &Path, args: &[&str]) -> Timed {
    let args = args.iter().map(OsStr::new).chain([dir.as_os_str()]);
    timing::run(Path::new("."), env!("CARGO_BIN_EXE_ikilint"), args)
}

fn main() {
    // The bare SKP parse alone, of the files under one folder: for counting its instructions under
    // `valgrind --tool=callgrind` beside those of `ikilint check` on the same files (README, Performance).
    if let Some(dir) = std::env::var_os("IKILINT_BENCH_BARE_SKP_ONLY") {
        let files = yaml_files(Path::new(&dir));
        let seconds = bare_parse_skp(&files);
        println!("bare parse of {} SKP files: {seconds:.2} s", files.len());
        return;
    }
    let sizes: Vec<usize> = std::env::var("IKILINT_BENCH_SIZES")
        .unwrap_or_else(|_| "4000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    println!(
        "| positions | files | MB | bare parse | cold | warm | one file changed | json cold | positions/s cold | cold / bare |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for positions in sizes {
        let dir = root.join(positions.to_string());
        if !dir.join("complete").exists() {
            let _ = std::fs::remove_dir_all(&dir);
            corpus::write(&dir, positions).expect("corpus written");
            std::fs::write(dir.join("complete"), "").unwrap();
        }
        let files = yaml_files(&dir);
        let bytes: u64 = files.iter().map(|f| f.metadata().unwrap().len()).sum();
        let cache = dir.join(".ikilint_cache");
        let _ = std::fs::remove_dir_all(&cache);
        let bare = bare_parse(&files);
        let cold = run(&dir, &["check", "--quiet", "--no-cache"]);
        run(&dir, &["check", "--quiet"]);
        let warm = run(&dir, &["check", "--quiet"]);
        let changed = &files[files.len() / 2];
        let text = std::fs::read_to_string(changed).unwrap();
        std::fs::write(changed, text.replacen("Laporan bulanan", "Laporan  bulanan", 1)).unwrap();
        let one_changed = run(&dir, &["check", "--quiet"]);
        std::fs::write(changed, text).unwrap();
        let json = run(&dir, &["check", "--format", "json", "--no-cache"]);
        assert!(cold.exit == 0 || cold.exit == 1, "check failed with exit {}", cold.exit);
        let cell = |t: &Timed| format!("{:.2} s, {:.0} MiB", t.wall, t.peak_mib);
        println!(
            "| {positions} | {} | {:.0} | {bare:.2} s | {} | {} | {} | {} | {:.0} | {:.2} |",
            files.len(),
            bytes as f64 / 1e6,
            cell(&cold),
            cell(&warm),
            cell(&one_changed),
            cell(&json),
            positions as f64 / cold.wall,
            cold.wall / bare
        );
    }
    let skp: usize = std::env::var("IKILINT_BENCH_SKP")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(5000);
    if skp > 0 {
        skp_corpus(&root, skp);
    }
}
