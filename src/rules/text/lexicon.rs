//! What the word lists of `rules/` and the dictionary say of a word, in one lookup. The T rules each asked the
//! lists of every word of a document in turn (T001 the KBBI list, T002 the terms, the common words, the KBBI forms
//! and the dictionary, T006 and T007 much the same again); a province has millions of words, so the word table
//! ([`crate::rules::tokens`]) now asks once per word and the rules read the answer.

use super::tables::{Istilah, Kata, Kbbi};
use crate::data::{Data, Derived};
use crate::names::Gelar;
use crate::rules::identity::titles::SingkatanJabatan;
use crate::words::lowercase;
use foldhash::HashMap;
use std::iter::once;
use std::ops::{BitOr, BitOrAssign};

/// The lists a lowercase word is in, as a set of flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Known(u8);

impl Known {
    /// A common Indonesian word of `kata.yaml`.
    pub const KATA: Known = Known(1);
    /// A foreign word of `kata.yaml` (`asing`).
    pub const ASING: Known = Known(1 << 1);
    /// A non-standard form listed in `kbbi.yaml` (T001's finding).
    pub const KBBI_FORM: Known = Known(1 << 2);
    /// The standard form of a listed non-standard one.
    pub const KBBI_STANDARD: Known = Known(1 << 3);
    /// A term or acronym of `istilah.yaml`.
    pub const ISTILAH: Known = Known(1 << 4);
    /// A word of a term's long form, an academic title or a title abbreviation (`gelar.yaml`,
    /// `singkatan-jabatan.yaml`).
    pub const DATA: Known = Known(1 << 5);
    /// A word the Indonesian dictionary knows.
    pub const DICTIONARY: Known = Known(1 << 6);
    /// Listed in `kbbi.yaml`, standard or not.
    pub const KBBI: Known = Known(Known::KBBI_FORM.0 | Known::KBBI_STANDARD.0);
    /// Known to the lists that settle whether the dictionary is asked at all.
    const SETTLED: Known = Known(Known::KATA.0 | Known::KBBI.0 | Known::ISTILAH.0);

    /// Whether the word is in any of the lists of `of`.
    pub fn any(self, of: Known) -> bool {
        self.0 & of.0 != 0
    }
}

impl BitOr for Known {
    type Output = Known;
    fn bitor(self, other: Known) -> Known {
        Known(self.0 | other.0)
    }
}

impl BitOrAssign for Known {
    fn bitor_assign(&mut self, other: Known) {
        self.0 |= other.0;
    }
}

/// Every word of the data's lists with the lists it is in, built once per run (per [`Data`]).
pub struct Lexicon {
    words: HashMap<String, Known>,
}

impl Lexicon {
    /// The lists `lower` (a lowercase word) is in, the dictionary not asked.
    pub fn lists(&self, lower: &str) -> Known {
        self.words.get(lower).copied().unwrap_or_default()
    }

    /// The lists `lower` is in, and whether the dictionary knows it when none of the common words, the KBBI forms
    /// and the terms list it (past those, T002, T006 and T007 never ask). Only a word of three bytes or more
    /// without a digit is worth a dictionary lookup: T002 and T007 check no other.
    pub fn of(&self, lower: &str) -> Known {
        let known = self.lists(lower);
        let worth_asking = lower.len() >= 3 && !lower.bytes().any(|b| b.is_ascii_digit());
        if !known.any(Known::SETTLED) && worth_asking && crate::dictionary::knows(lower) {
            known | Known::DICTIONARY
        } else {
            known
        }
    }
}

impl Derived for Lexicon {
    fn derive(data: &Data) -> Self {
        let mut lexicon = Lexicon {
            words: HashMap::default(),
        };
        let mut add = |word: &str, known: Known| *lexicon.words.entry(word.to_string()).or_default() |= known;
        let kata = data.table::<Kata>();
        kata.common().for_each(|w| add(w, Known::KATA));
        kata.foreign().for_each(|w| add(w, Known::ASING));
        let kbbi = data.table::<Kbbi>();
        kbbi.forms().for_each(|w| add(w, Known::KBBI_FORM));
        kbbi.standard_forms().for_each(|w| add(w, Known::KBBI_STANDARD));
        let istilah = data.table::<Istilah>();
        istilah.terms().for_each(|(term, _)| add(term, Known::ISTILAH));
        let gelar = data.table::<Gelar>();
        let singkatan = data.table::<SingkatanJabatan>();
        // Every word of the terms and their long forms, the titles, the title abbreviations and their spellings.
        let terms = istilah
            .terms()
            .flat_map(|(term, entry)| once(term).chain(entry.kepanjangan.as_deref()));
        let titles = gelar.depan.iter().chain(&gelar.belakang).map(String::as_str);
        let abbreviations = singkatan
            .singkatan
            .iter()
            .flat_map(|(short, long)| once(short.as_str()).chain(long.iter().map(String::as_str)));
        let spellings = singkatan
            .ejaan
            .iter()
            .flat_map(|(written, standard)| [written.as_str(), standard.as_str()]);
        for text in terms.chain(titles.clone()).chain(abbreviations).chain(spellings) {
            lowercase(text).iter().for_each(|word| add(word, Known::DATA));
        }
        // A title is known written without its dots and spaces too (`SKom` for `S.Kom`).
        titles.for_each(|title| add(&title.replace(['.', ' '], "").to_lowercase(), Known::DATA));
        lexicon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_is_told_apart_and_the_dictionary_asked_only_past_the_settling_lists() {
        let data = Data::builtin();
        let lexicon = data.derived::<Lexicon>();
        // `prosentase` is a listed non-standard form, `persentase` its standard form.
        assert!(lexicon.of("prosentase").any(Known::KBBI_FORM));
        assert!(!lexicon.of("prosentase").any(Known::KBBI_STANDARD));
        assert!(lexicon.of("persentase").any(Known::KBBI_STANDARD));
        assert!(lexicon.of("sakip").any(Known::ISTILAH));
        // A word of a term's long form is known as data, not as a term.
        let known = lexicon.of("akuntabilitas");
        assert!(known.any(Known::DATA), "{known:?}");
        // A dictionary word no list holds is known to the dictionary; a typo to nothing. A word a settling list
        // holds is not asked of the dictionary.
        assert_eq!(lexicon.lists("ketersediaan"), Known::default());
        assert_eq!(lexicon.of("ketersediaan"), Known::DICTIONARY);
        assert_eq!(lexicon.of("membntu"), Known::default());
        assert!(crate::dictionary::knows("pelayanan"));
        let pelayanan = lexicon.of("pelayanan");
        assert!(
            pelayanan.any(Known::KATA) && !pelayanan.any(Known::DICTIONARY),
            "{pelayanan:?}"
        );
        // Numbers and short words are never asked of the dictionary.
        assert!(!lexicon.of("2024").any(Known::DICTIONARY));
    }
}
