//! How a sasaran or an indicator is worded: as a result (`Meningkatnya …`, `Tersusunnya …`), as an activity
//! (`Menyusun …`, `Penyusunan …`, `Sosialisasi …`), or neither. Decided by Indonesian morphology — the verb
//! prefixes meN-, di- and ber-, the activity nouns pe(N)-…-an, the result forms ter-…-nya and …-nya — with the
//! roots checked against the Indonesian dictionary ([`crate::dictionary`]) and the word lists of
//! `rules/satuan.yaml` (`result_words`) and `rules/hasil.yaml` (which only correct what the shapes get wrong).
//! U009, U011 and A009 read words through here, so "a word of a result" means the same in all three.

use crate::data::Table;
use crate::dictionary;
use crate::units::Satuan;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

/// `rules/hasil.yaml`: the corrections to the shapes.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Hasil {
    /// Activity nouns not shaped pe(N)-…-an (`sosialisasi`, `rapat`).
    #[serde(default)]
    pub kegiatan: Vec<String>,
    /// Words shaped like an activity that are not one (`pelayanan`, `pendapatan`, `melalui`).
    #[serde(default)]
    pub bukan_kegiatan: Vec<String>,
    #[serde(skip)]
    index: OnceLock<(HashSet<String>, HashSet<String>)>,
}

impl Table for Hasil {
    const FILE: &'static str = "hasil.yaml";

    fn merge(&mut self, later: Self) {
        self.kegiatan.extend(later.kegiatan);
        self.bukan_kegiatan.extend(later.bukan_kegiatan);
        self.index = OnceLock::new();
    }
}

impl Hasil {
    fn sets(&self) -> &(HashSet<String>, HashSet<String>) {
        self.index.get_or_init(|| {
            let lower = |list: &[String]| list.iter().map(|w| w.trim().to_lowercase()).collect();
            (lower(&self.kegiatan), lower(&self.bukan_kegiatan))
        })
    }

    fn is_activity(&self, lower: &str) -> bool {
        self.sets().0.contains(lower)
    }

    fn is_not_activity(&self, lower: &str) -> bool {
        self.sets().1.contains(lower)
    }
}

/// The word lists the decisions read.
#[derive(Clone, Copy)]
pub struct Lexicon<'a> {
    pub satuan: &'a Satuan,
    pub hasil: &'a Hasil,
}

/// The kind of an activity word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A verb with meN- or di- (`Menyusun`, `Dilaksanakan`).
    Verb,
    /// A verb with ber- (`Berkoordinasi`).
    VerbBer,
    /// A noun pe(N)-…-an (`Penyusunan`) or a listed activity noun (`Sosialisasi`).
    Noun,
}

/// What a word says about the text it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wording {
    Result,
    Activity(Form),
    Other,
}

/// A root of a word with the suffix (`kan`, `i`, or none) the word adds to it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Root {
    stem: String,
    suffix: &'static str,
}

/// A word of a result: listed in `result_words`, or a verb with -nya (`Tersusunnya`, `Meningkatnya`,
/// `Berkurangnya`, `Dilaksanakannya`).
pub fn is_result_word(word: &str, satuan: &Satuan) -> bool {
    let lower = word.to_lowercase();
    satuan.is_result_word(&lower)
        || (lower.len() > 8
            && lower.ends_with("nya")
            && ["ter", "me", "ber", "di"].iter().any(|p| lower.starts_with(p)))
}

fn starts_vowel(s: &str) -> bool {
    s.starts_with(['a', 'e', 'i', 'o', 'u'])
}

fn starts_in(s: &str, set: &str) -> bool {
    s.chars().next().is_some_and(|c| set.contains(c))
}

/// The candidate roots behind a nasal prefix (`meN-`, or `peN-` with `pe` for `me`), by the sound changes of
/// standard Indonesian (the table of `PFX M0` in `rules/id_ID.aff`): `menyusun` → `susun`, `mengelola` → `kelola`,
/// `menata` → `tata`, `memelihara` → `pelihara`, `melaksanakan` → `laksanakan`. A `k` kept before a vowel
/// (`mengkoordinasikan`, a non-standard spelling T001 reports) is read as well.
fn nasal_roots(word: &str, me: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(after) = word.strip_prefix(me) else { return out };
    if let Some(r) = after.strip_prefix("ny")
        && starts_vowel(r)
    {
        out.push(format!("s{r}"));
    }
    if let Some(r) = after.strip_prefix("ng") {
        if starts_in(r, "aeghiouqk") {
            out.push(r.to_string());
        }
        if starts_vowel(r) {
            out.push(format!("k{r}"));
        }
    } else if let Some(r) = after.strip_prefix('n') {
        if starts_in(r, "cdjz") || r.starts_with("tr") || (r.starts_with('s') && starts_in(&r[1..], "kmptwy")) {
            out.push(r.to_string());
        }
        if starts_vowel(r) {
            out.push(format!("t{r}"));
        }
    }
    if let Some(r) = after.strip_prefix('m') {
        if starts_in(r, "bfv") || r.starts_with("pl") || r.starts_with("pr") {
            out.push(r.to_string());
        }
        if starts_vowel(r) {
            out.push(format!("p{r}"));
        }
    }
    if starts_in(after, "lmnryw") {
        out.push(after.to_string());
    }
    out
}

/// `me` + a nasal + `root`, by the same sound changes: `susun` → `menyusun`, `pantau` → `memantau`,
/// `kelola` → `mengelola`, `bina` → `membina`.
fn nasal_verb(root: &str) -> String {
    let mut chars = root.chars();
    let (first, rest) = (chars.next().unwrap_or('a'), chars.as_str());
    let vowel_next = starts_vowel(rest);
    match first {
        'a' | 'e' | 'i' | 'o' | 'u' | 'g' | 'h' => format!("meng{root}"),
        'k' if vowel_next => format!("meng{rest}"),
        's' if vowel_next => format!("meny{rest}"),
        't' if vowel_next => format!("men{rest}"),
        'p' if vowel_next => format!("mem{rest}"),
        'c' | 'd' | 'j' | 'z' => format!("men{root}"),
        'b' | 'f' | 'v' => format!("mem{root}"),
        'l' | 'm' | 'n' | 'r' | 'w' | 'y' => format!("me{root}"),
        _ => format!("meng{root}"),
    }
}

/// The roots of `base` (a verb without its prefix) that the dictionary knows, with the suffix the verb adds.
fn known_roots(bases: Vec<String>) -> Vec<Root> {
    let mut out = Vec::new();
    for base in bases {
        let mut forms = vec![(base.clone(), "")];
        if let Some(stem) = base.strip_suffix("kan") {
            forms.push((stem.to_string(), "kan"));
        }
        if let Some(stem) = base.strip_suffix('i') {
            forms.push((stem.to_string(), "i"));
        }
        for (stem, suffix) in forms {
            if stem.chars().count() >= 3 && dictionary::knows(&stem) {
                let root = Root { stem, suffix };
                if !out.contains(&root) {
                    out.push(root);
                }
            }
        }
    }
    out
}

/// The activity a lowercase word names, with its roots, or `None`.
fn activity(lower: &str, lex: Lexicon) -> Option<(Form, Vec<Root>)> {
    // A reduplicated noun is its noun (`rapat-rapat`).
    let lower = match lower.split_once('-') {
        Some((a, b)) if a == b => a,
        _ => lower,
    };
    if lex.hasil.is_not_activity(lower) {
        return None;
    }
    if lex.hasil.is_activity(lower) {
        return Some((Form::Noun, Vec::new()));
    }
    if !lower.chars().all(char::is_alphabetic) || !dictionary::knows(lower) {
        return None;
    }
    if lower.starts_with("me") {
        let roots = known_roots(nasal_roots(lower, "me"));
        return (!roots.is_empty()).then_some((Form::Verb, roots));
    }
    if let Some(rest) = lower.strip_prefix("di")
        && rest.chars().count() >= 4
    {
        let roots = known_roots(vec![rest.to_string()]);
        return (!roots.is_empty()).then_some((Form::Verb, roots));
    }
    if let Some(rest) = lower.strip_prefix("ber")
        && rest.chars().count() >= 4
    {
        let roots = known_roots(vec![rest.to_string()]);
        return (!roots.is_empty()).then_some((Form::VerbBer, roots));
    }
    if let Some(stem) = lower.strip_suffix("an")
        && lower.starts_with("pe")
    {
        // per- + a root + -an names a field, a thing or a place (`peralatan`, `perizinan`, `perusahaan`), not
        // pe- + a root in r- (`perawatan`, `perumusan`).
        if stem
            .strip_prefix("per")
            .is_some_and(|root| root.chars().count() >= 3 && dictionary::knows(root))
        {
            return None;
        }
        let roots: Vec<Root> = nasal_roots(stem, "pe")
            .into_iter()
            .filter(|r| r.chars().count() >= 3 && dictionary::knows(r))
            .map(|stem| Root { stem, suffix: "" })
            .collect();
        return (!roots.is_empty()).then_some((Form::Noun, roots));
    }
    None
}

/// How the text that `word` starts is worded.
pub fn classify(word: &str, lex: Lexicon) -> Wording {
    if is_result_word(word, lex.satuan) {
        return Wording::Result;
    }
    match activity(&word.to_lowercase(), lex) {
        Some((form, _)) => Wording::Activity(form),
        None => Wording::Other,
    }
}

/// A word of the text after its first that words a result (`Pendapatan asli daerah meningkat`): such a text
/// states its result after all.
pub fn has_result_word<'w>(mut words: impl Iterator<Item = &'w str>, lex: Lexicon) -> bool {
    words.any(|w| is_result_word(w, lex.satuan))
}

/// The result form of an activity word, when it can be derived reliably: `Menyusun` → `Tersusunnya`,
/// `Melaksanakan` → `Terlaksananya`, `Penyusunan` → `Tersusunnya`, `Peningkatan` → `Meningkatnya`,
/// `Penerbitan` → `Terbitnya`, in the case of `word`. A form listed in `result_words` wins; else a ter- form the
/// dictionary knows (`ter` + root, with the verb's -i), the root alone only when it makes a verb on its own and
/// is no adjective (`terkuat` is a superlative, not a result; `teraju` a noun). Verbs with ber- get none. `None`
/// when no form, or more than one, qualifies.
pub fn result_form(word: &str, lex: Lexicon) -> Option<String> {
    let lower = word.to_lowercase();
    let (form, roots) = activity(&lower, lex)?;
    if form == Form::VerbBer {
        return None;
    }
    let ter = |stem: &str| {
        if stem.starts_with('r') {
            format!("te{stem}")
        } else {
            format!("ter{stem}")
        }
    };
    // Candidates without -nya, each marked whether the dictionary may vouch for it (else only the list).
    let mut candidates: Vec<(String, bool)> = Vec::new();
    match form {
        Form::Verb => {
            // The verb itself without its suffix (`meningkatkan` → `meningkat`): a listed result only.
            for suffix in ["kan", "i"] {
                if let Some(bare) = lower.strip_suffix(suffix) {
                    candidates.push((bare.to_string(), false));
                }
            }
            candidates.push((lower.clone(), false));
        }
        Form::Noun if roots.is_empty() => candidates.push((ter(&lower), false)),
        // `peningkatan` → `meningkat`.
        _ => {
            if let Some(mid) = lower.strip_prefix("pe").and_then(|m| m.strip_suffix("an")) {
                candidates.push((format!("me{mid}"), false));
            }
        }
    }
    for root in &roots {
        // The root itself with -nya, when listed (`penerbitan` → `terbitnya`).
        candidates.push((root.stem.clone(), false));
        let bare = ter(&root.stem);
        // The dictionary vouches for ter- + the root alone only when the root is a verb on its own (`menyusun`,
        // `memantau`: `tersusun`, `terpantau`) and no adjective (`terkuat` is a superlative); `teraju` is a noun,
        // not the result of `mengajukan`. A -kan form (`terkuatkan`) is taken from the list only.
        let verb_root = dictionary::knows(&nasal_verb(&root.stem)) && !dictionary::knows(&format!("ke{}an", root.stem));
        if form == Form::Verb && root.suffix == "i" {
            candidates.push((format!("{bare}i"), true));
        }
        candidates.push((bare.clone(), verb_root));
        if form == Form::Noun {
            candidates.push((format!("{bare}i"), false));
        }
        if form == Form::Noun || root.suffix == "kan" {
            candidates.push((format!("{bare}kan"), false));
        }
    }
    let pick = |found: Vec<String>| -> Option<String> {
        let mut distinct: Vec<String> = Vec::new();
        for f in found {
            if !distinct.contains(&f) {
                distinct.push(f);
            }
        }
        match distinct.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        }
    };
    let listed: Vec<String> = candidates
        .iter()
        .map(|(c, _)| format!("{c}nya"))
        .filter(|c| lex.satuan.is_result_word(c))
        .collect();
    let chosen = if listed.is_empty() {
        pick(
            candidates
                .iter()
                .filter(|(c, vouch)| *vouch && c.starts_with("te") && dictionary::knows(c))
                .map(|(c, _)| format!("{c}nya"))
                .collect(),
        )?
    } else {
        pick(listed)?
    };
    Some(crate::words::match_case(word, &chosen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Data;

    fn with_lexicon(check: impl FnOnce(Lexicon)) {
        let data = Data::builtin();
        let satuan = data.table::<Satuan>();
        let hasil = data.table::<Hasil>();
        check(Lexicon {
            satuan: &satuan,
            hasil: &hasil,
        });
    }

    #[test]
    fn nasal_prefixes_give_their_roots() {
        assert!(nasal_roots("menyusun", "me").contains(&"susun".to_string()));
        assert!(nasal_roots("mengelola", "me").contains(&"kelola".to_string()));
        assert!(nasal_roots("menata", "me").contains(&"tata".to_string()));
        assert!(nasal_roots("memelihara", "me").contains(&"pelihara".to_string()));
        assert!(nasal_roots("membina", "me").contains(&"bina".to_string()));
        assert!(nasal_roots("melaksanakan", "me").contains(&"laksanakan".to_string()));
        assert!(nasal_roots("penyusun", "pe").contains(&"susun".to_string()));
        // `men` + a `t` that stays is not a verb prefix (`menteri` is a noun).
        assert!(!nasal_roots("menteri", "me").contains(&"teri".to_string()));
        for (root, verb) in [
            ("susun", "menyusun"),
            ("pantau", "memantau"),
            ("kelola", "mengelola"),
            ("bina", "membina"),
        ] {
            assert_eq!(nasal_verb(root), verb);
        }
    }

    #[test]
    fn words_are_results_activities_or_neither() {
        with_lexicon(|lex| {
            for word in [
                "Meningkatnya",
                "Tersusunnya",
                "Berkurangnya",
                "Dilaksanakannya",
                "Tersedia",
            ] {
                assert_eq!(classify(word, lex), Wording::Result, "{word}");
            }
            for word in ["Menyusun", "Melaksanakan", "Memfasilitasi", "Dilaksanakan", "Mengelola"] {
                assert_eq!(classify(word, lex), Wording::Activity(Form::Verb), "{word}");
            }
            for word in [
                "Penyusunan",
                "Pembinaan",
                "Pelaksanaan",
                "Peningkatan",
                "Sosialisasi",
                "Rapat",
            ] {
                assert_eq!(classify(word, lex), Wording::Activity(Form::Noun), "{word}");
            }
            for word in [
                "Menteri",
                "Media",
                "Metode",
                "Pelayanan",
                "Pendapatan",
                "Perempuan",
                "Perusahaan",
                "Kelancaran",
                "Kualitas",
                "Melalui",
                "Dinas",
                "Disiplin",
                "Berkas",
                "Berbagai",
            ] {
                assert_eq!(classify(word, lex), Wording::Other, "{word}");
            }
        });
    }

    #[test]
    fn result_forms_are_derived_only_when_known() {
        with_lexicon(|lex| {
            for (word, result) in [
                ("Menyusun", "Tersusunnya"),
                ("Melaksanakan", "Terlaksananya"),
                ("MELAKSANAKAN", "TERLAKSANANYA"),
                ("Penyusunan", "Tersusunnya"),
                ("Pelaksanaan", "Terlaksananya"),
                ("Pembinaan", "Terbinanya"),
                ("Peningkatan", "Meningkatnya"),
                ("Meningkatkan", "Meningkatnya"),
                ("Menyediakan", "Tersedianya"),
                ("Memelihara", "Terpeliharanya"),
                ("Memfasilitasi", "Terfasilitasinya"),
                ("Koordinasi", "Terkoordinasinya"),
                ("Penerbitan", "Terbitnya"),
                ("Memantau", "Terpantaunya"),
            ] {
                assert_eq!(result_form(word, lex).as_deref(), Some(result), "{word}");
            }
            // `terkuat` is a superlative: no reliable result form of `Penguatan`.
            for word in [
                "Penguatan",
                "Mengajukan",
                "Pengajuan",
                "Sosialisasi",
                "Berkoordinasi",
                "Pelayanan",
            ] {
                assert_eq!(result_form(word, lex), None, "{word}");
            }
        });
    }
}
