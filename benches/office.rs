//! The Word and Excel readers on generated IKI-shaped files of 1,000 and 5,000 positions (about 15 rows of 6
//! columns each, sasaran merged over their indicators), built with the zip crate and rust_xlsxwriter.
//!
//! First, as a user runs it: each file is written under `target/bench-office/` and imported by the release binary
//! under GNU time (`/usr/bin/time -f "%e %M" ikilint import FILE -o DIR --force`), giving the wall time and the
//! peak resident memory of the whole process next to the packed size and the size of the XML inside. Then the
//! readers alone are timed with criterion.
//!
//! `cargo bench --bench office` (`IKILINT_BENCH_OFFICE=1000` for other sizes, `IKILINT_BENCH_OFFICE_ONLY=1` to
//! skip the criterion timings).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ikilint::office::{Body, ReadError, docx, xlsx};
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

#[path = "../tests/common/office.rs"]
mod office;

fn sizes() -> Vec<usize> {
    std::env::var("IKILINT_BENCH_OFFICE")
        .unwrap_or_else(|_| "1000,5000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// What the package's parts unpack to.
fn unpacked(bytes: &[u8]) -> u64 {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut sink = Vec::new();
            part.read_to_end(&mut sink).unwrap() as u64
        })
        .sum()
}

/// `ikilint import FILE -o DIR --force` with the release binary under GNU time: (wall seconds, peak MiB).
fn import(file: &Path, dir: &Path) -> (f64, f64) {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%e %M"])
        .arg(env!("CARGO_BIN_EXE_ikilint"))
        .arg("import")
        .arg(file)
        .arg("-o")
        .arg(dir)
        .arg("--force")
        .output()
        .expect("GNU time (/usr/bin/time) is installed");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let mut fields = last.split_whitespace().map(|f| f.parse::<f64>().unwrap_or(f64::NAN));
    let wall = fields.next().unwrap_or(f64::NAN);
    (wall, fields.next().unwrap_or(f64::NAN) / 1024.0)
}

fn whole_imports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-office");
    std::fs::create_dir_all(root.join("out")).unwrap();
    println!("| file | positions | packed MiB | XML MiB | wall | peak RSS | peak / packed | peak / XML |");
    println!("|---|---|---|---|---|---|---|---|");
    for positions in sizes() {
        for (extension, bytes) in [
            ("docx", office::large_docx(positions)),
            ("xlsx", office::large_xlsx(positions)),
        ] {
            let file = root.join(format!("iki-{positions}.{extension}"));
            std::fs::write(&file, &bytes).unwrap();
            let packed = bytes.len() as f64 / 1048576.0;
            let xml = unpacked(&bytes) as f64 / 1048576.0;
            let (wall, peak) = import(&file, &root.join("out"));
            println!(
                "| .{extension} | {positions} | {packed:.1} | {xml:.1} | {wall:.2} s | {peak:.0} MiB | {:.1} | {:.2} |",
                peak / packed,
                peak / xml
            );
        }
    }
}

fn readers(c: &mut Criterion) {
    whole_imports();
    if std::env::var_os("IKILINT_BENCH_OFFICE_ONLY").is_some() {
        return;
    }
    let mut group = c.benchmark_group("office");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for positions in sizes() {
        let word = office::large_docx(positions);
        let excel = office::large_xlsx(positions);
        let read = |read: fn(&[u8]) -> Result<Body, ReadError>, bytes: &[u8]| read(bytes).unwrap().blocks.len();
        group.throughput(Throughput::Bytes(word.len() as u64));
        group.bench_with_input(BenchmarkId::new("docx", positions), &word, |b, bytes| {
            b.iter(|| read(docx::read, bytes))
        });
        group.throughput(Throughput::Bytes(excel.len() as u64));
        group.bench_with_input(BenchmarkId::new("xlsx", positions), &excel, |b, bytes| {
            b.iter(|| read(xlsx::read, bytes))
        });
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
