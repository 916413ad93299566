//! The readers of units, formulas, targets and quantities on any text: never a panic, ranges inside the text.
#![no_main]
mod common;
use ikilint::units::{Satuan, formula, quantity, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let lex = common::data().table::<Satuan>();
    let _ = formula::parse(&text, &lex);
    let _ = quantity::parse_number(&text);
    for q in quantity::quantities(&text, &lex) {
        assert!(text.get(q.span.clone()).is_some() && text.get(q.numeral.clone()).is_some());
    }
    let toks = tokenize(&text);
    for pair in quantity::numeral_words(&toks) {
        assert!(text.get(pair.words_range.clone()).is_some() && text.get(pair.numeral_range.clone()).is_some());
    }
    for item in quantity::numbered_items(&text) {
        assert!(text.get(item.marker.clone()).is_some());
    }
});
