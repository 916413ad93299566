//! The whole run as a user meets it: walk a directory, read and parse the files in parallel, read them against the
//! schema and run every rule over the set. The repository is the two seed transcriptions copied under new
//! document ids (same people, same NIPs, links inside each copy), the shape of a province that reuses one template.
//!
//! `cargo bench --bench check` prints the time per run for 50 and 200 copies (about 8 and 32 MB of YAML).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::lint::Settings;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn write_repository(dir: &Path, copies: usize) -> u64 {
    let sources = [
        ("masama-2020", include_str!("../examples/masama-2020.yaml")),
        (
            "tanjung-redeb-2022",
            include_str!("../examples/tanjung-redeb-2022.yaml"),
        ),
    ];
    let mut bytes = 0;
    for copy in 0..copies {
        for (id, text) in sources {
            let text = text.replacen(&format!("id: {id}"), &format!("id: {id}-{copy}"), 1);
            let sub = dir.join(format!("kecamatan-{}", copy % 17));
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(sub.join(format!("{id}-{copy}.yaml")), &text).unwrap();
            bytes += text.len() as u64;
        }
    }
    bytes
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10).measurement_time(Duration::from_secs(8));
    let data = Data::builtin();
    let settings = Settings::new(Lang::En);
    for copies in [50, 200] {
        let dir = tempfile::tempdir().unwrap();
        let bytes = write_repository(dir.path(), copies);
        group.throughput(Throughput::Bytes(bytes));
        let paths = [PathBuf::from(dir.path())];
        group.bench_with_input(BenchmarkId::from_parameter(copies * 2), &paths, |b, paths| {
            b.iter(|| ikilint::check(paths, &data, &settings).unwrap().diagnostics.len())
        });
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
