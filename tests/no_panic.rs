//! Whatever a user writes in any field, every rule and every renderer finishes without a panic.

mod common;

use codespan_reporting::term::termcolor::NoColor;
use ikilint::i18n::Lang;
use ikilint::render;
use proptest::prelude::*;

/// A YAML double-quoted scalar for any text (JSON string syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn document(texts: &[String]) -> String {
    let t = |i: usize| quoted(&texts[i % texts.len()]);
    format!(
        "dokumen:\n  id: acak\n  unit: {}\n  tahun: 2024\n  tempat: {}\njabatan:\n  - id: camat\n    nama: {}\n    pemangku: {{ nama: {}, nip: {} }}\n    tugas: [{}, {}]\n    sasaran:\n      - uraian: {}\n        indikator:\n          - uraian: {}\n            satuan: {}\n            formula: {}\n            target: {}\n            sumber_data: [{}]\n    tanda_tangan:\n      tempat_tanggal: {}\n      atasan: {{ jabatan: {}, nama: {}, nip: {} }}\n      pegawai: {{ jabatan: {}, nama: {}, nip: {} }}\n  - id: staf\n    nama: {}\n    atasan: {}\n    sasaran:\n      - uraian: {}\n        mendukung: {}\n        indikator:\n          - uraian: {}\n            formula: {}\n            target: {}\n",
        t(0),
        t(1),
        t(2),
        t(3),
        t(4),
        t(5),
        t(6),
        t(7),
        t(8),
        t(9),
        t(10),
        t(11),
        t(12),
        t(13),
        t(14),
        t(15),
        t(16),
        t(17),
        t(18),
        t(19),
        t(20),
        t(21),
        t(22),
        t(23),
        t(24),
        t(25),
        t(26),
    )
}

/// Texts in the shapes IKI fields take (numbers with commas, NIPs, percent signs, number words, lists, LaTeX,
/// placeholders) mixed with arbitrary text.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[0-9 .,%()-]{0,30}",
        "(Persentase|Jumlah|Rasio|Nilai|Indeks|Tingkat|Lamanya|Prosentase|%) [a-z ]{0,20}( dibagi| x 100%| per| berbanding)?[a-z 0-9]{0,20}",
        "[0-9]{1,4} \\((satu|dua|tiga|dua puluh|seratus|sebelas)\\) [a-z]{0,8}( : 1\\. [a-z]{1,5} 2\\. [a-z]{1,5})?",
        "(19|20)[0-9]{6} ?(19|20)[0-9]{2}[0-2][0-9] ?[0-3] ?[0-9]{3}",
        "\\\\frac\\{[a-z ]{0,9}\\}\\{[a-z ]{0,9}\\} \\\\times 100",
        "(\\.{3,6}|…|-|Nip\\.|[A-Z]{2,10})[0-9]{0,4}",
        "(S[0-9]|camat/S[0-9]|acak/camat/S[0-9]|[a-z/]{0,12})",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_field_contents_lint_and_render(texts in proptest::collection::vec(field(), 27)) {
        let text = document(&texts);
        let report = common::lint(&text);
        for lang in [Lang::En, Lang::Id] {
            let mut buffer = NoColor::new(Vec::new());
            render::human::render(&report, lang, &mut buffer).unwrap();
            let _ = render::sarif::render(&report, lang);
        }
        let _ = render::json::render(&report, Lang::En);
        let _ = render::github::render(&report, Lang::En);
        // Every label points inside its file, on character boundaries.
        for d in &report.diagnostics {
            for label in std::iter::once(&d.primary).chain(&d.secondary) {
                let source = &report.files.get(label.file).text;
                prop_assert!(label.span.start <= label.span.end && label.span.end <= source.len(), "{d:?}");
                prop_assert!(source.is_char_boundary(label.span.start) && source.is_char_boundary(label.span.end), "{d:?}");
            }
            for edit in d.fix.iter().flat_map(|f| &f.edits) {
                let source = &report.files.get(edit.file).text;
                prop_assert!(edit.span.end <= source.len() && source.is_char_boundary(edit.span.start) && source.is_char_boundary(edit.span.end), "{d:?}");
            }
        }
    }
}
