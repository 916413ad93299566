//! The importer measured on the two seed texts against their hand transcriptions in `examples/`: the share of
//! values (titles, names, NIPs, tasks, functions, sasaran, indicators, formulas, sources, signatures) that agree
//! exactly. The differences are written to `target/tmp/import-seeds/<seed>.diff` to read.

#[path = "common/document_values.rs"]
mod document_values;

use document_values::values;
use ikilint::office::{Format, import};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Each sasaran's `mendukung` and each position's `atasan`, by path (the links the importer infers).
fn links(yaml: &str) -> BTreeMap<String, String> {
    let workspace = ikilint::workspace::load_sources(vec![("x.yaml".into(), yaml.into())]);
    let mut out = BTreeMap::new();
    let jabatan = &workspace.documents[0].jabatan;
    let title_of = |id: &str| {
        jabatan
            .iter()
            .find(|j| j.id.as_ref().is_some_and(|i| i.as_str() == id))
            .and_then(|j| j.nama.as_ref())
            .map_or(format!("?{id}"), |n| n.value.to_lowercase())
    };
    for jabatan in jabatan {
        let nama = jabatan.nama.as_ref().map_or(String::new(), |n| n.value.to_lowercase());
        // Ids differ between the importer and the transcriber: a superior is compared by its title.
        if let Some(a) = &jabatan.atasan {
            out.insert(format!("{nama}/atasan"), title_of(&a.value));
        }
        for (s, sasaran) in jabatan.sasaran.iter().enumerate() {
            if let Some(m) = &sasaran.mendukung {
                out.insert(format!("{nama}/sasaran[{s}]/mendukung"), m.value.to_string());
            }
        }
    }
    out
}

/// (agreeing values, values compared, inferred links the transcriber did not write).
fn measure(seed: &str, example: &str) -> (usize, usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join("tests/fixtures/office").join(seed)).unwrap();
    let imported = import(Format::Text, seed, &bytes).unwrap();
    let out = root.join("target/tmp/import-seeds");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(format!("{seed}.yaml")), &imported.yaml).unwrap();
    let expected = values(&std::fs::read_to_string(root.join("examples").join(example)).unwrap());
    let got = values(&imported.yaml);
    let mut agree = 0;
    let mut diff = String::new();
    for (path, want) in &expected {
        match got.get(path) {
            Some(v) if v == want => agree += 1,
            Some(v) => writeln!(diff, "~ {path}\n    want {want:?}\n    got  {v:?}").unwrap(),
            None => writeln!(diff, "- {path}\n    want {want:?}").unwrap(),
        }
    }
    let extra: Vec<_> = got.iter().filter(|(p, _)| !expected.contains_key(*p)).collect();
    for (path, v) in &extra {
        writeln!(diff, "+ {path}\n    got  {v:?}").unwrap();
    }
    let compared = expected.len() + extra.len();
    // Links: `atasan` by the superior's title, `mendukung` by the superior's sasaran id.
    let (want, got) = (
        links(&std::fs::read_to_string(root.join("examples").join(example)).unwrap()),
        links(&imported.yaml),
    );
    let count = |suffix: &str, exact: bool| {
        let inferred = got.keys().filter(|k| k.ends_with(suffix)).count();
        let right = got
            .iter()
            .filter(|(k, v)| k.ends_with(suffix) && want.get(*k).is_some_and(|w| !exact || w == *v))
            .count();
        let expected = want.keys().filter(|k| k.ends_with(suffix)).count();
        (inferred, right, expected)
    };
    let mut wrong_links = 0;
    for (suffix, exact) in [("/atasan", true), ("/mendukung", true)] {
        let (inferred, right, expected) = count(suffix, exact);
        println!("{seed}: {suffix}: {inferred} inferred, {right} as transcribed, {expected} transcribed");
        wrong_links += inferred - right;
        for (k, v) in got.iter().filter(|(k, _)| k.ends_with(suffix)) {
            if want.get(k).is_none_or(|w| exact && w != v) {
                writeln!(diff, "! {k}: inferred {v:?}, transcribed {:?}", want.get(k)).unwrap();
            }
        }
    }
    std::fs::write(out.join(format!("{seed}.diff")), &diff).unwrap();
    (agree, compared, wrong_links)
}

#[test]
fn seeds_import_as_their_transcriptions() {
    for (seed, example) in [
        ("masama-2020.txt", "masama-2020.yaml"),
        ("tanjung-redeb-2022.txt", "tanjung-redeb-2022.yaml"),
    ] {
        let (agree, compared, wrong_links) = measure(seed, example);
        assert_eq!(
            wrong_links, 0,
            "{seed}: inferred links the transcriber did not write (see the .diff)"
        );
        let share = agree as f64 / compared as f64;
        println!(
            "{seed}: {agree} of {compared} values agree exactly ({:.1}%)",
            share * 100.0
        );
        assert!(
            share >= 0.95,
            "{seed}: {:.1}% (see target/tmp/import-seeds/{seed}.diff)",
            share * 100.0
        );
    }
}
