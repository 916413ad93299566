//! The Indonesian Hunspell dictionary of LibreOffice (`rules/id_ID.aff`, `rules/id_ID.dic`, LGPL-3, embedded),
//! read by `spellbook`: which words, with their affixes, are Indonesian. T007 (unknown-word) and the other text
//! rules check words against it; [`crate::wording`] checks the roots and the derived forms of verbs and nouns.

use spellbook::Dictionary;
use std::sync::{Mutex, OnceLock};

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
    /// Forget everything past this many words, so that a long language-server session stays small.
    const LIMIT: usize = 500_000;
    static KNOWN: OnceLock<Mutex<foldhash::HashMap<String, bool>>> = OnceLock::new();
    let Some(dictionary) = dictionary() else {
        return false;
    };
    let memo = KNOWN.get_or_init(Mutex::default);
    let lock = || memo.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&known) = lock().get(word) {
        return known;
    }
    // Looked up outside the lock, so that threads never wait on each other's lookup.
    let known = dictionary.check(word);
    let mut memo = lock();
    if memo.len() >= LIMIT {
        memo.clear();
    }
    memo.insert(word.to_string(), known);
    known
}
