//! People's names compared as people, not strings: case, punctuation, repeated spaces and the academic and
//! religious titles written before (`Drs.`, `Ir.`, `H.`) and after (`S.Pd.`, `SH`, `M.Si`) the name do not make
//! another person. "MINARI, SH" and "MINARI" are one person; "AGUS SALIM" and "AGUS SALIM NASUTION" are not.
//!
//! The titles live in `rules/gelar.yaml` ([`Gelar`]).

use crate::data::{Data, Derived, Table};
use crate::memo::Memo;
use crate::words::lowercase;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;

/// The titles of `rules/gelar.yaml`: `depan` are written before the name, `belakang` after it.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Gelar {
    #[serde(default)]
    pub depan: Vec<String>,
    #[serde(default)]
    pub belakang: Vec<String>,
}

impl Table for Gelar {
    const FILE: &'static str = "gelar.yaml";

    fn merge(&mut self, later: Self) {
        self.depan.extend(later.depan);
        self.belakang.extend(later.belakang);
    }
}

/// A title as compared: lowercase, without dots, spaces and commas (`S. Pd.` = `S.Pd` = `spd`).
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Gelar {
    /// A table from explicit lists (tests, and callers without data files).
    pub fn new(depan: &[&str], belakang: &[&str]) -> Gelar {
        Gelar {
            depan: depan.iter().map(|s| s.to_string()).collect(),
            belakang: belakang.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A prepared matcher; build it once and reuse it for many names.
    pub fn matcher(&self) -> Names {
        Names {
            depan: self.depan.iter().map(|t| compact(t)).collect(),
            belakang: self.belakang.iter().map(|t| compact(t)).collect(),
            keys: Memo::default(),
        }
    }
}

/// The matcher of the data's `gelar.yaml`, with the names it compared: built once per data, so that a name written
/// in many signatures, or met again in the next run of a language server, is normalised once.
impl Derived for Names {
    fn derive(data: &Data) -> Names {
        data.table::<Gelar>().matcher()
    }
}

/// Name normalisation with a prepared title table.
#[derive(Debug, Default)]
pub struct Names {
    depan: HashSet<String>,
    belakang: HashSet<String>,
    /// Name → [`Names::key`].
    keys: Memo<Option<Arc<str>>>,
}

/// Split a name part into pieces: a piece ends at a space or right after a dot (`Ir.H.HERWIN` → `Ir.`, `H.`,
/// `HERWIN`). Unlike [`crate::words::words`], a piece keeps its dot (`Ir.`) and any other punctuation, so that
/// titles are recognised before the name is split into words.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
        } else {
            let s = *start.get_or_insert(i);
            if c == '.' {
                out.push(&text[s..i + 1]);
                start = None;
            }
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn has_letters(piece: &str) -> bool {
    piece.chars().any(char::is_alphanumeric)
}

impl Names {
    fn is_suffix_title(&self, text: &str) -> bool {
        let c = compact(text);
        !c.is_empty() && self.belakang.contains(&c)
    }

    fn is_prefix_title(&self, text: &str) -> bool {
        let c = compact(text);
        !c.is_empty() && self.depan.contains(&c)
    }

    /// A comma-separated segment after the name that is only titles (`S.Pd.`, ` S. Sos`, `S.Pd M.Si`).
    fn is_title_segment(&self, segment: &str) -> bool {
        if self.is_suffix_title(segment) {
            return true;
        }
        let words: Vec<&str> = segment.split_whitespace().filter(|w| has_letters(w)).collect();
        !words.is_empty() && words.iter().all(|w| self.is_suffix_title(w))
    }

    /// The name as compared: titles removed, lowercase, letters and digits in words separated by one space.
    /// Apostrophes join (`BA'U` = `BAU`); other punctuation separates. Empty when nothing but titles and filler
    /// is written.
    pub fn normalize(&self, name: &str) -> String {
        let name: String = name.chars().filter(|c| !matches!(c, '\'' | '’' | '`' | '‘')).collect();
        let mut segments = name.split(',');
        let head = segments.next().unwrap_or("");
        let mut kept: Vec<&str> = pieces(head).into_iter().filter(|p| has_letters(p)).collect();
        // Titles before the name; never the last word.
        while kept.len() > 1 && self.is_prefix_title(kept[0]) {
            kept.remove(0);
        }
        // Titles after the name written without a comma (`MINARI SH`, `AGUS S.Pd`): up to three pieces at a time.
        'trailing: while kept.len() > 1 {
            for take in (1..=3.min(kept.len() - 1)).rev() {
                let tail = kept[kept.len() - take..].concat();
                if self.is_suffix_title(&tail) {
                    kept.truncate(kept.len() - take);
                    continue 'trailing;
                }
            }
            break;
        }
        let mut words: Vec<String> = kept.iter().flat_map(|p| lowercase(p)).collect();
        for segment in segments {
            if !self.is_title_segment(segment) {
                words.extend(pieces(segment).iter().flat_map(|p| lowercase(p)));
            }
        }
        words.join(" ")
    }

    /// True when two names are the same person.
    pub fn same(&self, a: &str, b: &str) -> bool {
        self.normalize(a) == self.normalize(b)
    }

    /// True when the name is a placeholder: only dots, ellipses, dashes or titles, or a run of filler dots.
    pub fn is_placeholder(&self, name: &str) -> bool {
        self.key(name).is_none()
    }

    /// The name as compared ([`Names::normalize`]), `None` for a placeholder; remembered, and shared by every
    /// place the same name is written (the people index holds one per place).
    pub fn key(&self, name: &str) -> Option<Arc<str>> {
        self.keys.get(name, || {
            (!is_filler(name))
                .then(|| self.normalize(name))
                .filter(|key| !key.is_empty())
                .map(Arc::from)
        })
    }
}

/// The marks of filler left where something should be written: dots, an ellipsis, underscores.
pub const FILLER: [&str; 3] = ["...", "…", "___"];

/// A run of filler where something should have been written ([`FILLER`]), or nothing at all.
pub fn is_filler(text: &str) -> bool {
    FILLER.iter().any(|f| text.contains(f)) || text.trim().is_empty()
}

/// True when two different normalised names are probably one name written differently: a small typo
/// (edit distance 1, 2 from 10 letters, 3 from 20), or the same words with one side missing some of them or
/// abbreviating a word to its initial (`AGUS SALIM` / `AGUS SALIM NASUTION`, `MUCLIS N TOLI` / `MUCLIS TOLI`).
pub fn is_variant(a: &str, b: &str) -> bool {
    if a == b || a.is_empty() || b.is_empty() {
        return false;
    }
    let longest = a.chars().count().max(b.chars().count());
    let allowed = 1 + usize::from(longest >= 10) + usize::from(longest >= 20);
    if strsim::osa_distance(a, b) <= allowed {
        return true;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if wa.len() <= wb.len() { (wa, wb) } else { (wb, wa) };
    words_embed(&short, &long)
}

/// Every word of `short` matches, in order, a word of `long` (equal, or an initial of it), and at least one
/// word of the shorter name is a full word (a name of initials alone says too little).
fn words_embed(short: &[&str], long: &[&str]) -> bool {
    let mut rest = long.iter();
    let mut full = false;
    for word in short {
        let found = rest.by_ref().find(|candidate| {
            *candidate == word
                || (word.chars().count() == 1 && candidate.starts_with(word))
                || (candidate.chars().count() == 1 && word.starts_with(*candidate))
        });
        match found {
            Some(candidate) => full |= candidate == word && word.chars().count() > 1,
            None => return false,
        }
    }
    full
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Gelar::new(
            &["Drs", "Dra", "Dr", "Ir", "H", "Hj", "Prof"],
            &[
                "S.Pd", "SH", "S.H.", "S.STP", "S.Sos", "SE", "ST", "S.Kom", "S.Thi", "M.Si", "M.T", "A.Md",
            ],
        )
        .matcher()
    }

    #[test]
    fn titles_case_and_punctuation_do_not_make_another_person() {
        let n = names();
        assert_eq!(n.normalize("KAMALUDDIN DJANO, S.Pd., SH"), "kamaluddin djano");
        assert_eq!(n.normalize("Drs. Anang Ardiansyah."), "anang ardiansyah");
        assert_eq!(n.normalize("Ir. H. HERWIN YATIM"), "herwin yatim");
        assert_eq!(n.normalize("Ir.H.HERWIN  YATIM, M.Si"), "herwin yatim");
        assert_eq!(n.normalize("MUCLIS N. TOLI"), "muclis n toli");
        assert_eq!(n.normalize("SUPARMAN BA'U, SE"), "suparman bau");
        assert_eq!(n.normalize("ROHMAT, S. Thi"), "rohmat");
        assert_eq!(n.normalize("MINARI SH"), "minari");
        assert_eq!(n.normalize("I PUTU ARIANTO, SH"), "i putu arianto");
        assert!(n.same("MINARI, SH", "minari"));
        assert!(!n.same("AGUS SALIM", "AGUS SALIM NASUTION"));
        // A title alone is not stripped into nothing.
        assert_eq!(n.normalize("HJ"), "hj");
    }

    #[test]
    fn placeholders_and_variants() {
        let n = names();
        for p in [".....", "…", "-", "..........., SH", ""] {
            assert!(n.is_placeholder(p), "{p}");
        }
        assert!(!n.is_placeholder("I"));
        assert!(is_variant("agus salim", "agus salim nasution"));
        assert!(is_variant("muclis n toli", "muclis nur toli"));
        assert!(is_variant("minari", "minarti"));
        assert!(!is_variant("mawarti", "minari"));
        assert!(!is_variant("sudirman usman", "i putu arianto"));
    }
}
