//! The superior RHK an SKP print names by its text (e-Kinerja prints "RHK atasan yang diintervensi" as the
//! superior's words, not as an id), matched to the superior SKP's RHK. One matching serves `ikilint import` of
//! several prints (the superior among the files imported together) and `ikilint check` (the superior among every
//! SKP of the set, across files, just before the cross-file rules run).

use super::SkpDocument;
use crate::model::Sp;
use crate::sasaran_match::{Candidates, SasaranTexts};

/// A printed text that is not the same words as any RHK must score at least this against its best RHK, and
/// [`MARGIN`] above the next one. The printed text is a copy of the superior's RHK, so a true match is the same
/// words or nearly (a typo, a word dropped, capitals). Measured in `tests/office_skp.rs` on the five RHK of the
/// example superiors reworded that way (last word dropped, one letter changed, all capitals): four score 0.61 or
/// more against their RHK with the next far below, one scores 0.46; each subordinate's own RHK texts (related to
/// the RHK they intervene, not copies of them) score at most 0.54 against their superior's RHK. At 0.5, as for the
/// importer's `mendukung`, that related text would be taken for a copy; at 0.6 four of the five rewordings are
/// found and no other text is taken: false links cost more than missed ones.
pub const THRESHOLD: f64 = 0.6;
pub const MARGIN: f64 = 0.12;

/// Which RHK a printed text names, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Index into the candidates.
    pub index: usize,
    /// What the match rests on, for a YAML comment or a note.
    pub because: String,
}

/// The words of a text for comparing: lowercase letters and digits, spacing and punctuation aside.
fn normal(text: &str) -> Vec<String> {
    crate::words::lowercase(text)
}

/// The RHK among `uraian` (the superior's RHK texts, in order) that `printed` names: the same words, else the
/// clearly best by the sasaran scoring; `None` when no RHK is clearly named.
pub fn find(printed: &str, uraian: &[&str]) -> Option<Found> {
    let words = normal(printed);
    if words.is_empty() {
        return None;
    }
    let same: Vec<usize> = (0..uraian.len()).filter(|&i| normal(uraian[i]) == words).collect();
    if let [one] = same.as_slice() {
        return Some(Found {
            index: *one,
            because: "the printed superior RHK is its text".to_string(),
        });
    }
    let texts: Vec<SasaranTexts> = uraian
        .iter()
        .enumerate()
        .map(|(i, u)| SasaranTexts {
            id: i.to_string(),
            uraian: Some(u.to_string()),
            indikator: Vec::new(),
        })
        .collect();
    let mut scores = Candidates::new(&[], &texts).scores(&[printed]);
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (id, best) = scores.first()?.clone();
    let next = scores.get(1).map_or(0.0, |s| s.1);
    (best >= THRESHOLD && best - next >= MARGIN).then(|| Found {
        index: id.parse().unwrap_or(0),
        because: format!("the printed superior RHK is closest to it (score {best:.2}, next {next:.2})"),
    })
}

/// The 18 digits of a written NIP, when it is one.
pub fn nip_digits(written: Option<&crate::model::Text>) -> Option<String> {
    digits_of(&written?.value)
}

/// The 18 digits of an NIP written as `text`, when it is one.
pub fn digits_of(text: &str) -> Option<String> {
    crate::nip::Nip::parse(text).ok().map(|n| n.digits().to_string())
}

/// The SKPs of a set by year and pegawai NIP, built once so that finding every superior is a lookup: the one
/// index of the superior SKP (SPEC.md section 6), used here and by the R rules.
#[derive(Default)]
pub struct Holders(std::collections::HashMap<(i64, String), Vec<usize>>);

impl Holders {
    pub fn of(skps: &[SkpDocument]) -> Holders {
        let mut holders = Holders::default();
        for (k, skp) in skps.iter().enumerate() {
            let nip = nip_digits(skp.pegawai.as_ref().and_then(|p| p.nip.as_ref()));
            if let (Some(tahun), Some(nip)) = (skp.tahun(), nip) {
                holders.0.entry((tahun, nip)).or_default().push(k);
            }
        }
        holders
    }

    /// The SKPs of the year of `skps[s]` whose pegawai has its penilai's NIP (`skps[s]` itself among them when
    /// the penilai's NIP is the pegawai's own).
    pub fn superiors(&self, skps: &[SkpDocument], s: usize) -> &[usize] {
        let skp = &skps[s];
        let penilai = nip_digits(skp.pejabat_penilai.as_ref().and_then(|p| p.nip.as_ref()));
        match (skp.tahun(), penilai) {
            (Some(tahun), Some(nip)) => self.0.get(&(tahun, nip)).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// The superior SKP of `skps[s]`, when exactly one other SKP is.
    pub fn superior_of(&self, skps: &[SkpDocument], s: usize) -> Option<usize> {
        match self.superiors(skps, s) {
            [k] if *k != s => Some(*k),
            _ => None,
        }
    }
}

/// `skps` with the RHK that carry a printed superior RHK text (from an office file) and no `intervensi` linked
/// to the RHK of their superior SKP that the text names (`<skp-id>/<rhk-id>`, located at the printed text);
/// `None` when there is nothing to link, so that a set without office SKPs is not copied.
pub fn link(skps: &[SkpDocument]) -> Option<Vec<SkpDocument>> {
    let pending = |skp: &SkpDocument| skp.rhk.iter().any(|r| r.intervensi.is_none() && r.printed.is_some());
    if !skps.iter().any(pending) {
        return None;
    }
    let holders = Holders::of(skps);
    let mut linked = skps.to_vec();
    for (s, skp) in skps.iter().enumerate() {
        if !pending(skp) {
            continue;
        }
        let Some(k) = holders.superior_of(skps, s) else {
            continue;
        };
        let superior = &skps[k];
        let Some(superior_id) = superior.id() else { continue };
        let uraian: Vec<&str> = superior
            .rhk
            .iter()
            .map(|r| r.uraian.as_ref().map_or("", |u| u.as_str()))
            .collect();
        for (r, rhk) in skp.rhk.iter().enumerate() {
            let (None, Some(printed)) = (&rhk.intervensi, &rhk.printed) else {
                continue;
            };
            if let Some(found) = find(&printed.value, &uraian) {
                let reference = format!("{superior_id}/{}", superior.rhk[found.index].id.value);
                linked[s].rhk[r].intervensi = Some(Sp::new(reference, printed.span));
            }
        }
    }
    Some(linked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_words_match_whatever_the_case_and_spacing() {
        let uraian = [
            "Meningkatnya kualitas pelayanan publik",
            "Meningkatnya akuntabilitas kinerja",
        ];
        let found = find("MENINGKATNYA  AKUNTABILITAS KINERJA.", &uraian).unwrap();
        assert_eq!(found.index, 1);
        assert!(find("Tersedianya sarana olahraga desa", &uraian).is_none());
        assert!(find("", &uraian).is_none());
    }

    #[test]
    fn a_reworded_text_matches_only_when_clearly_closest() {
        let uraian = [
            "Meningkatnya kualitas pelayanan publik kecamatan",
            "Meningkatnya akuntabilitas kinerja",
        ];
        assert_eq!(
            find("Meningkatnya kwalitas pelayanan publik", &uraian).unwrap().index,
            0
        );
        // Two RHK alike: neither is clearly named.
        let alike = [
            "Tersusunnya laporan keuangan triwulan",
            "Tersusunnya laporan keuangan tahunan",
        ];
        assert!(find("Tersusunnya laporan keuangan", &alike).is_none());
    }
}
