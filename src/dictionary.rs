//! The Indonesian Hunspell dictionary of LibreOffice (`rules/id_ID.aff`, `rules/id_ID.dic`, LGPL-3, embedded),
//! read by `spellbook`: which words, with their affixes, are Indonesian. T007 (unknown-word) and the other text
//! rules check words against it; [`crate::wording`] checks the roots and the derived forms of verbs and nouns.

use crate::memo::Memo;
use spellbook::Dictionary;
use std::sync::OnceLock;

const AFF: &str = include_str!("../rules/id_ID.aff");
const DIC: &str = include_str!("../rules/id_ID.dic");

/// The dictionary, parsed once per process; `None` only if the embedded files were broken at build time.
pub fn dictionary() -> Option<&'static Dictionary> {
    static DICTIONARY: OnceLock<Option<Dictionary>> = OnceLock::new();
    DICTIONARY.get_or_init(|| Dictionary::new(AFF, DIC).ok()).as_ref()
}

/// Whether the dictionary knows a (lowercase) word. Remembered for the whole process: the rules ask about the
/// same words in text after text and file after file, and a lookup through the affix rules costs far more.
pub fn knows(word: &str) -> bool {
    static KNOWN: OnceLock<Memo<bool>> = OnceLock::new();
    let Some(dictionary) = dictionary() else {
        return false;
    };
    KNOWN.get_or_init(Memo::default).get(word, || dictionary.check(word))
}
