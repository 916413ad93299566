//! Position titles compared as titles (N008): case, punctuation, `&`/`dan`, abbreviations and spelling variants
//! of `rules/singkatan-jabatan.yaml`, a parenthesised specialisation, and the unit name at the end do not make
//! another title. "KASUBBAG PERENCANAAN, KEUANGAN & EVALUASI" is "Kepala Sub Bagian Perencanaan, Keuangan &
//! Evaluasi"; "CAMAT TANJUNG REDEB" is "CAMAT" in Kecamatan Tanjung Redeb; "PENGOLAH DATA" is "Pengolah Data
//! (Pelayanan Perizinan)".

use crate::data::{Data, Derived, Table};
use crate::memo::Memo;
use crate::words::lowercase as words;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The table of `rules/singkatan-jabatan.yaml`.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct SingkatanJabatan {
    #[serde(default)]
    pub singkatan: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub ejaan: BTreeMap<String, String>,
    /// First words of structural titles (`Kepala`), whose field may not be left out.
    #[serde(default)]
    pub struktural: Vec<String>,
}

impl Table for SingkatanJabatan {
    const FILE: &'static str = "singkatan-jabatan.yaml";

    fn merge(&mut self, later: Self) {
        self.singkatan.extend(later.singkatan);
        self.ejaan.extend(later.ejaan);
        self.struktural.extend(later.struktural);
    }
}

/// At most this many full forms of one title are compared (a title has one or two abbreviations).
const MAX_FORMS: usize = 64;

/// A prepared matcher built from the table.
#[derive(Debug, Default)]
pub struct Titles {
    /// Abbreviation words → full forms (each a word list, spelling already applied).
    abbreviations: HashMap<Vec<String>, Vec<Vec<String>>>,
    longest: usize,
    spelling: HashMap<String, Vec<String>>,
    structural: HashSet<String>,
    /// A title and its unit ([`Unit::key`]) → [`Titles::forms`].
    forms: Memo<Arc<HashSet<String>>>,
}

/// The matcher of the data's `singkatan-jabatan.yaml`, with the forms of the titles it compared: built once per
/// data, so that the titles of a set (and of the next run of a language server) are expanded once.
impl Derived for Titles {
    fn derive(data: &Data) -> Titles {
        Titles::new(&data.table::<SingkatanJabatan>())
    }
}

impl Titles {
    pub fn new(table: &SingkatanJabatan) -> Titles {
        let spelling: HashMap<String, Vec<String>> = table
            .ejaan
            .iter()
            .map(|(from, to)| (from.to_lowercase(), words(to)))
            .collect();
        let mut titles = Titles {
            abbreviations: HashMap::new(),
            longest: 1,
            spelling,
            structural: table.struktural.iter().map(|w| w.to_lowercase()).collect(),
            forms: Memo::default(),
        };
        for (short, full) in &table.singkatan {
            // `S.E.` style dots join letters; `/` and spaces separate words.
            let key = words(&short.replace('.', ""));
            if key.is_empty() {
                continue;
            }
            let forms = full.iter().map(|f| titles.spell(words(f))).collect();
            titles.longest = titles.longest.max(key.len());
            titles.abbreviations.insert(key, forms);
        }
        titles
    }

    fn spell(&self, words: Vec<String>) -> Vec<String> {
        words
            .into_iter()
            .flat_map(|w| self.spelling.get(&w).cloned().unwrap_or_else(|| vec![w]))
            .filter(|w| w != "dan")
            .collect()
    }

    /// Every full form of a title's words, abbreviations expanded in all their meanings.
    fn expand(&self, words: &[String]) -> Vec<Vec<String>> {
        let mut forms: Vec<Vec<String>> = vec![Vec::new()];
        let mut i = 0;
        while i < words.len() {
            let found = (1..=self.longest.min(words.len() - i))
                .rev()
                .find_map(|len| self.abbreviations.get(&words[i..i + len]).map(|full| (len, full)));
            match found {
                Some((len, full)) => {
                    let mut next = Vec::new();
                    for form in &forms {
                        for expansion in full {
                            if next.len() < MAX_FORMS {
                                let mut f = form.clone();
                                f.extend(expansion.iter().cloned());
                                next.push(f);
                            }
                        }
                    }
                    forms = next;
                    i += len;
                }
                None => {
                    for form in &mut forms {
                        form.push(words[i].clone());
                    }
                    i += 1;
                }
            }
        }
        forms
    }

    /// The forms a title is compared as, for a document of unit `unit` (`Kecamatan Masama`) and place
    /// `tempat` (`Masama`): with and without a parenthesised part, abbreviations expanded, the unit name at the
    /// end removed.
    pub fn forms(&self, title: &str, unit: &Unit) -> Arc<HashSet<String>> {
        let key = format!("{}\u{1}{title}", unit.key);
        self.forms.get(&key, || Arc::new(self.forms_anew(title, unit)))
    }

    fn forms_anew(&self, title: &str, unit: &Unit) -> HashSet<String> {
        let lowered = title.to_lowercase().replace('&', " dan ");
        let mut variants = vec![lowered.replace(['(', ')'], " ")];
        if let Some(open) = lowered.find('(') {
            let close = lowered[open..].find(')').map_or(lowered.len(), |c| open + c + 1);
            variants.push(format!("{} {}", &lowered[..open], &lowered[close..]));
        }
        let mut out = HashSet::new();
        for variant in variants {
            let spelled = self.spell(words(&variant));
            for form in self.expand(&spelled) {
                let form = self.spell(form);
                out.insert(unit.strip(form).join(" "));
            }
        }
        out
    }

    /// True when the two titles name the same position: equal forms, or one the other without its field
    /// (`PENGOLAH DATA` for `Pengolah Data Kepegawaian`) unless it is a structural title (`KEPALA SEKSI` is not
    /// `Kepala Seksi Pemerintahan`).
    pub fn same(&self, a: &str, a_unit: &Unit, b: &str, b_unit: &Unit) -> bool {
        let a = self.forms(a, a_unit);
        let b = self.forms(b, b_unit);
        a.iter().any(|f| b.contains(f))
            || a.iter()
                .any(|x| b.iter().any(|y| self.generic_of(x, y) || self.generic_of(y, x)))
    }

    /// `short` is the first words of `long`, and not a structural title.
    fn generic_of(&self, short: &str, long: &str) -> bool {
        let first = short.split(' ').next().unwrap_or("");
        !short.is_empty()
            && !self.structural.contains(first)
            && long.len() > short.len()
            && long.starts_with(short)
            && long.as_bytes()[short.len()] == b' '
    }
}

/// The unit of a document as it may end a title: `Kecamatan Masama`, `Masama`, and the kind word `Kecamatan`.
#[derive(Debug, Default, Clone)]
pub struct Unit {
    /// The unit and the place as written, which the forms of a title depend on.
    key: String,
    /// Word lists that may end a title, longest first.
    suffixes: Vec<Vec<String>>,
    /// The kind of unit (`kecamatan`), which may remain at the end once the name is removed.
    kind: Option<String>,
}

impl Unit {
    pub fn new(unit: Option<&str>, tempat: Option<&str>) -> Unit {
        let unit_words = unit.map(words).unwrap_or_default();
        let mut suffixes = Vec::new();
        let mut kind = None;
        if !unit_words.is_empty() {
            suffixes.push(unit_words.clone());
            if unit_words.len() > 1 {
                suffixes.push(unit_words[1..].to_vec());
                kind = Some(unit_words[0].clone());
            }
        }
        if let Some(tempat) = tempat.map(words).filter(|w| !w.is_empty()) {
            suffixes.push(tempat);
        }
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let key = format!("{}\u{1}{}", unit.unwrap_or(""), tempat.unwrap_or(""));
        Unit { key, suffixes, kind }
    }

    fn strip(&self, mut form: Vec<String>) -> Vec<String> {
        if let Some(suffix) = self.suffixes.iter().find(|s| form.len() > s.len() && form.ends_with(s)) {
            form.truncate(form.len() - suffix.len());
        }
        if let Some(kind) = &self.kind
            && form.len() > 1
            && form.last() == Some(kind)
        {
            form.pop();
        }
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles() -> Titles {
        let table: SingkatanJabatan =
            serde_saphyr::from_str(include_str!("../../../rules/singkatan-jabatan.yaml")).expect("table parses");
        Titles::new(&table)
    }

    #[test]
    fn same_titles_in_other_words() {
        let t = titles();
        let masama = Unit::new(Some("Kecamatan Masama"), Some("Masama"));
        let redeb = Unit::new(Some("Kecamatan Tanjung Redeb"), Some("Tanjung Redeb"));
        let same = |a: &str, b: &str, u: &Unit| t.same(a, u, b, u);
        assert!(same("CAMAT MASAMA", "Camat Masama", &masama));
        assert!(same("CAMAT TANJUNG REDEB", "CAMAT", &redeb));
        assert!(same("SEKCAM", "Sekretaris Kecamatan Masama", &masama));
        assert!(same("SEKRETARIS KECAMATAN", "Sekretaris Kecamatan Masama", &masama));
        assert!(same(
            "KASUBBAG PERENCANAAN, KEUANGAN & EVALUASI",
            "Kepala Sub Bagian Perencanaan, Keuangan & Evaluasi",
            &masama
        ));
        assert!(same(
            "KEPALA SEKSI PIP",
            "Kepala Seksi Pelayanan, Informasi dan Pengaduan",
            &masama
        ));
        assert!(same(
            "KEPALA SEKSI PMD/K",
            "Kepala Seksi Pemberdayaan Masyarakat Desa/Kelurahan",
            &masama
        ));
        assert!(same(
            "KEPALA SEKSI TRANTIB",
            "Kepala Seksi Ketentraman dan Ketertiban Umum",
            &masama
        ));
        assert!(same("KASI TRANTIB", "KASI KETENTRAMAN DAN KETERTIBAN", &redeb));
        assert!(same("PENGOLAH DATA", "Pengolah Data (Pelayanan Perizinan)", &masama));
        assert!(same(
            "PENGOLAH DATA PIP",
            "Pengolah Data (Pelayanan Informasi dan Pengaduan)",
            &masama
        ));
        assert!(same(
            "PENGADMINISTRASI PELAYANAN",
            "Pengadministrasi Pelayanan (Ketentraman dan Ketertiban Umum )",
            &masama
        ));
        assert!(same(
            "KASUBAG UMUM DAN KEPEGAWAIAN",
            "KASUBBAG UMUM & KEPEGAWAIAN",
            &redeb
        ));
        assert!(same("PENGOLAH DATA", "Pengolah Data Kepegawaian", &masama));
        assert!(same("SEKRETARIS KEC. MASAMA", "Sekretaris Kecamatan", &masama));
    }

    #[test]
    fn different_titles() {
        let t = titles();
        let masama = Unit::new(Some("Kecamatan Masama"), Some("Masama"));
        let same = |a: &str, b: &str| t.same(a, &masama, b, &masama);
        assert!(!same(
            "PENGELOLA KEKAYAAN DESA DAN ADMINISTRASI DESA",
            "Pengadministrasi Pemerintahan"
        ));
        assert!(!same("BENDAHARA BARANG", "Pengelola Sarana Prasarana Kantor"));
        assert!(!same("KEPALA SEKSI", "Kepala Seksi Pemerintahan"));
        assert!(!same("KEPALA SEKSI PEMBANGUNAN", "Kepala Seksi Pemerintahan"));
        assert!(!same("CAMAT", "Sekretaris Kecamatan Masama"));
        assert!(!same("KASI", "Kepala Seksi Pemerintahan"));
        assert!(!same("PENGADMINISTRASI UMUM", "Pengadministrasi Pemerintahan"));
    }
}
