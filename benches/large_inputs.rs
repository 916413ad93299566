//! The inputs that used to take time growing with the square of their size (one huge word for T006, thousands of
//! repeats in one value for T003's locating, 1,000 × 1,000 sasaran for A001's suggestion), at two sizes each: the
//! time per run should grow in proportion to the size.
//!
//! `cargo bench --bench large_inputs`

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::lint::Settings;
use std::time::Duration;

#[path = "../tests/common/large.rs"]
mod large;

/// A case: its name, the document of a given size, and two sizes.
type Case = (&'static str, fn(usize) -> String, [usize; 2]);

fn large_inputs(c: &mut Criterion) {
    let mut group = c.benchmark_group("large_inputs");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    let data = Data::builtin();
    let settings = Settings::new(Lang::En);
    let cases: [Case; 3] = [
        ("long_word_bytes", large::long_word, [1 << 19, 1 << 20]),
        ("repeats", large::many_repeats, [2500, 5000]),
        ("sasaran", large::many_sasaran, [500, 1000]),
    ];
    for (name, make, sizes) in cases {
        for size in sizes {
            let text = make(size);
            group.bench_with_input(BenchmarkId::new(name, size), &text, |b, text| {
                b.iter(|| {
                    let sources = vec![("besar.yaml".to_string(), text.clone())];
                    ikilint::check_sources(sources, &data, &settings).diagnostics.len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, large_inputs);
criterion_main!(benches);
