//! The data tables of the text rules: `rules/kbbi.yaml`, `rules/istilah.yaml` and `rules/kata.yaml` (each file
//! documents its own format at its top).

use crate::data::Table;
use foldhash::{HashMap, HashSet};
use serde::Deserialize;

/// Non-standard spellings (T001), keyed by the lowercase non-standard form.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Kbbi {
    #[serde(default)]
    bentuk: Vec<KbbiEntry>,
    #[serde(default)]
    hapus: Vec<String>,
    /// Non-standard forms found by pattern rather than by list.
    #[serde(default)]
    pub pola: Pola,
    #[serde(skip)]
    index: HashMap<String, KbbiEntry>,
    #[serde(skip)]
    standard: HashSet<String>,
}

#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct KbbiEntry {
    pub tidak_baku: String,
    pub baku: String,
    #[serde(default)]
    pub sumber: Option<String>,
}

/// The patterns of non-standard forms (EYD V), each a list of words (see `rules/kbbi.yaml`).
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Pola {
    /// Bound forms written together with the next word: `antar instansi` → `antarinstansi`.
    #[serde(default)]
    pub terikat: Vec<String>,
    /// Words of place and direction after the preposition `di`, written apart: `diluar` → `di luar`.
    #[serde(default)]
    pub di_tempat: Vec<String>,
    /// Endings of the passive prefix `di-` written apart from its verb: `di berikan` → `diberikan`.
    #[serde(default)]
    pub di_akhiran: Vec<String>,
    /// Loan-word endings and their standard form: `dikoordinir` → `dikoordinasi`.
    #[serde(default)]
    pub serapan: Vec<KbbiEntry>,
    /// Prefix beginnings whose first consonant of the root melts and their standard form: `mengk` → `meng`
    /// (`mengkoordinasikan` → `mengoordinasikan`).
    #[serde(default)]
    pub peluluhan: Vec<KbbiEntry>,
}

impl Pola {
    fn absorb(&mut self, later: Pola) {
        let lower = |v: Vec<String>| v.into_iter().map(|w| w.trim().to_lowercase());
        self.terikat.extend(lower(later.terikat));
        self.di_tempat.extend(lower(later.di_tempat));
        self.di_akhiran.extend(lower(later.di_akhiran));
        self.serapan.extend(later.serapan);
        self.peluluhan.extend(later.peluluhan);
    }
}

impl Kbbi {
    /// The entry for a word (any case), if it is a listed non-standard form.
    pub fn get(&self, word_lower: &str) -> Option<&KbbiEntry> {
        self.index.get(word_lower)
    }

    /// Every listed non-standard form with its standard one (the language server completes words from them).
    pub fn entries(&self) -> impl Iterator<Item = &KbbiEntry> {
        self.index.values()
    }

    /// Whether a lowercase word is a listed form, standard or not.
    pub fn knows(&self, word_lower: &str) -> bool {
        self.index.contains_key(word_lower) || self.standard.contains(word_lower)
    }

    /// The listed non-standard forms, lowercase: the words [`Kbbi::get`] finds.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// The standard forms of the listed ones, lowercase.
    pub fn standard_forms(&self) -> impl Iterator<Item = &str> {
        self.standard.iter().map(String::as_str)
    }

    fn absorb(&mut self, later: Kbbi) {
        self.pola.absorb(later.pola);
        for entry in later.bentuk {
            self.index.insert(entry.tidak_baku.trim().to_lowercase(), entry);
        }
        for form in later.hapus {
            self.index.remove(&form.trim().to_lowercase());
        }
        self.standard = self.index.values().map(|e| e.baku.to_lowercase()).collect();
    }
}

impl Table for Kbbi {
    const FILE: &'static str = "kbbi.yaml";
    fn merge(&mut self, later: Self) {
        self.absorb(later);
    }
}

/// Known terms and acronyms (T002), keyed by their lowercase form.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Istilah {
    #[serde(default)]
    istilah: Vec<Term>,
    #[serde(skip)]
    index: HashMap<String, Term>,
}

#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub istilah: String,
    #[serde(default)]
    pub kepanjangan: Option<String>,
}

impl Istilah {
    pub fn get(&self, word_lower: &str) -> Option<&Term> {
        self.index.get(word_lower)
    }

    pub fn terms(&self) -> impl Iterator<Item = (&str, &Term)> {
        self.index.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl Table for Istilah {
    const FILE: &'static str = "istilah.yaml";
    fn merge(&mut self, later: Self) {
        for term in later.istilah {
            let key = term.istilah.trim().to_lowercase();
            if !key.is_empty() {
                self.index.insert(key, term);
            }
        }
    }
}

/// Common words (T006, and a guard for T002), lowercase.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Kata {
    #[serde(default)]
    kata: String,
    /// Foreign (mostly English) words that offices write in Indonesian prose: known to T007, not split into by T006.
    #[serde(default)]
    asing: String,
    #[serde(skip)]
    words: HashSet<String>,
    /// The byte length of the longest word, so that a word longer than two of them is known to split into none.
    #[serde(skip)]
    longest: usize,
    #[serde(skip)]
    foreign: HashSet<String>,
}

impl Kata {
    pub fn contains(&self, word_lower: &str) -> bool {
        self.words.contains(word_lower)
    }

    /// The byte length of the longest known word.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// A listed Indonesian or foreign word (lowercase).
    pub fn knows(&self, word_lower: &str) -> bool {
        self.words.contains(word_lower) || self.foreign.contains(word_lower)
    }

    /// The common Indonesian words, lowercase.
    pub fn common(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// The foreign words, lowercase.
    pub fn foreign(&self) -> impl Iterator<Item = &str> {
        self.foreign.iter().map(String::as_str)
    }
}

fn word_list(block: &str) -> impl Iterator<Item = String> + '_ {
    block.split_whitespace().map(|w| w.trim_matches(',').to_lowercase())
}

impl Table for Kata {
    const FILE: &'static str = "kata.yaml";
    fn merge(&mut self, later: Self) {
        self.words.extend(word_list(&later.kata));
        self.foreign.extend(word_list(&later.asing));
        self.longest = self.words.iter().map(String::len).max().unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Data;

    #[test]
    fn builtin_tables_parse_and_hold_the_spec_lists() {
        let data = Data::builtin();
        data.validate().expect("built-in data is valid");
        let kbbi = data.try_table::<Kbbi>().unwrap();
        assert_eq!(kbbi.get("prosentase").map(|e| e.baku.as_str()), Some("persentase"));
        assert!(kbbi.get("persentase").is_none());
        let istilah = data.try_table::<Istilah>().unwrap();
        for term in ["musrenbang", "lppd", "orsosmas", "wbbm", "pip"] {
            assert!(istilah.get(term).is_some(), "{term}");
        }
        let kata = data.try_table::<Kata>().unwrap();
        assert!(kata.contains("atasan") && kata.contains("sesuai") && !kata.contains("atasansesuai"));
        // No word is both a common word and a non-standard form.
        for word in ["prosentase", "obyek", "ketentraman", "walikota", "kerjasama"] {
            assert!(!kata.contains(word), "{word}");
        }
    }
}
