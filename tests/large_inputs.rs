//! Inputs large enough that work growing with the square of their size would take minutes: each test asserts
//! what is found (speed itself is measured by `benches/large_inputs.rs`, never asserted here).

mod common;
use common::large::{long_word, many_repeats, many_sasaran};
use common::{lint, primary_text, with_code};

#[test]
fn a_megabyte_word_is_read_once_for_words_run_together() {
    // T006 used to count and hash both halves of a word at every split point.
    let report = lint(&long_word(1 << 20));
    let found = with_code(&report, "T006");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(primary_text(&report, found[0]), "atasansesuai");
}

#[test]
fn thousands_of_repeats_in_one_long_text_are_each_located() {
    // Locating each repeat in the 170 KB value used to decode the whole value again, twice per finding.
    let report = lint(&many_repeats(5000));
    let found = with_code(&report, "T003");
    assert_eq!(found.len(), 5000);
    for d in &found {
        assert_eq!(primary_text(&report, d), "rapat rapat");
        let fix = d.fix.as_ref().expect("a located repeat has its fix");
        assert_eq!(report.files.get(fix.edits[0].file).slice(fix.edits[0].span), " rapat");
    }
}

#[test]
fn a_thousand_sasaran_each_find_their_superior_sasaran() {
    // The link suggestion used to compare every unlinked sasaran with every sasaran of the superior.
    const N: usize = 1000;
    // The sasaran are told apart by made-up words, which T007 would look up in the dictionary one by one: that
    // takes minutes in a debug build and says nothing about the link suggestion under test.
    let mut settings = ikilint::lint::Settings::new(ikilint::i18n::Lang::En);
    settings.disabled.insert("T007");
    let text = many_sasaran(N);
    let report = ikilint::check_sources(
        vec![("test.yaml".to_string(), text)],
        &ikilint::data::Data::builtin(),
        &settings,
    );
    let found = with_code(&report, "A001");
    assert_eq!(found.len(), N);
    for (i, d) in found.iter().enumerate() {
        let fix = d
            .fix
            .as_ref()
            .unwrap_or_else(|| panic!("sasaran {i} has no suggested link: {:?}", d.help));
        assert_eq!(fix.edits[0].replacement.trim(), format!("mendukung: S{i}"));
    }
}
