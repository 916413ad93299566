//! The links a document does not print, inferred: `atasan` from the superior who signs a position's block, matched
//! to another position of the file by the person (NIP, then name) or by title; `mendukung` only where one sasaran
//! of that superior clearly matches (the scoring of A001's suggestion, [`crate::sasaran_match`]).

use super::signature::titles_match;
use super::{Inferred, Position, Recognised};
use crate::sasaran_match::{Candidates, SasaranTexts};
use std::collections::HashMap;

/// A sasaran's best match among its superior's sasaran is written as an inferred `mendukung` when it scores at
/// least [`MENDUKUNG_THRESHOLD`] and at least [`MENDUKUNG_MARGIN`] above the runner-up ("clearly the best").
/// Measured on the Masama seed (the one whose signature blocks give `atasan`; 24 of 24 superiors inferred as
/// transcribed) against the transcriber's 60 links: without a margin, 0.5 infers 40 links of which 3 disagree
/// (near-ties between two office-equipment sasaran); with the margin 0.12, 0.5 infers 31, all as transcribed; 0.4
/// infers 33 (all agree) and 0.3 infers 43 of which 5 disagree. 0.5 keeps a margin above the first wrong guess.
/// `tests/import_seeds.rs` prints the counts and fails on any inferred link the transcriber did not write.
pub const MENDUKUNG_THRESHOLD: f64 = 0.5;

/// How far the best sasaran must score above the next one to count as clearly the best.
pub const MENDUKUNG_MARGIN: f64 = 0.12;

/// The links inferred for a document's positions, given to each position as it is printed.
#[derive(Debug, Default)]
pub struct Links {
    /// Each position's superior.
    atasan: Vec<Option<Inferred>>,
    /// (position, sasaran, link) for every sasaran with a `mendukung`, last position first, so that the next
    /// position's links are at the end.
    mendukung: Vec<(usize, usize, Inferred)>,
}

impl Links {
    /// Sets the links of position `index`; positions are given in order, each once.
    pub fn apply(&mut self, index: usize, position: &mut Position) {
        position.atasan = self.atasan.get_mut(index).and_then(Option::take);
        while let Some((_, s, link)) = self.mendukung.pop_if(|(i, _, _)| *i == index) {
            if let Some(sasaran) = position.sasaran.get_mut(s) {
                sasaran.mendukung = Some(link);
            }
        }
    }
}

/// What link inference reads of each position's sasaran (the sasaran's text and its indicators'), packed in one
/// buffer: a streamed import keeps this of every position rather than the positions themselves.
#[derive(Debug, Default)]
pub struct PackedSasaranTexts {
    /// Every text, one after another.
    text: String,
    /// Where each text ends in `text`.
    texts: Vec<usize>,
    /// Where each sasaran's texts (its uraian, then its indicators') end in `texts`.
    sasaran: Vec<usize>,
    /// Where each position's sasaran end in `sasaran`.
    positions: Vec<usize>,
}

impl PackedSasaranTexts {
    /// The texts of `positions`.
    pub fn of(positions: &[Position]) -> PackedSasaranTexts {
        let mut texts = PackedSasaranTexts::default();
        positions.iter().for_each(|p| texts.add(p));
        texts
    }

    /// Keeps the texts of the next position (positions are added in order).
    pub fn add(&mut self, position: &Position) {
        for sasaran in &position.sasaran {
            let indikator = sasaran.indikator.iter().map(|k| &k.uraian);
            for value in std::iter::once(&sasaran.uraian).chain(indikator) {
                self.text.push_str(&value.text);
                self.texts.push(self.text.len());
            }
            self.sasaran.push(self.texts.len());
        }
        self.positions.push(self.sasaran.len());
    }

    /// The sasaran of position `index`, each as its uraian then its indicators' uraian.
    fn of_position(&self, index: usize) -> impl Iterator<Item = Vec<&str>> {
        between(&self.positions, index).map(|s| between(&self.sasaran, s).map(|t| self.text_at(t)).collect())
    }

    fn text_at(&self, index: usize) -> &str {
        let range = between(&self.texts, index);
        &self.text[range]
    }
}

/// The range of item `index` of a list kept as the end of each item.
fn between(ends: &[usize], index: usize) -> std::ops::Range<usize> {
    let start = index.checked_sub(1).map_or(0, |i| ends[i]);
    start..ends[index]
}

/// The links of `doc`, whose positions' sasaran are in `texts` (the positions themselves need only their title
/// and signature block).
pub fn infer(doc: &Recognised, texts: &PackedSasaranTexts) -> Links {
    let holders = Holders::of(&doc.positions);
    let atasan: Vec<Option<Inferred>> = (0..doc.positions.len())
        .map(|i| atasan(&doc.positions, &holders, i))
        .collect();
    let place: Vec<&str> = doc.unit.iter().chain(&doc.place).map(|v| v.text.as_str()).collect();
    let mut mendukung = Vec::new();
    // Each superior's sasaran, made candidates once for all of its subordinates.
    let mut by_superior: HashMap<usize, (Vec<Vec<&str>>, Candidates)> = HashMap::new();
    for (i, superior) in atasan.iter().enumerate() {
        let Some(superior) = superior.as_ref().map(|a| a.target) else {
            continue;
        };
        let (superior_sasaran, candidates) = by_superior.entry(superior).or_insert_with(|| {
            let sasaran: Vec<Vec<&str>> = texts.of_position(superior).collect();
            let candidates = candidates(&place, &sasaran);
            (sasaran, candidates)
        });
        for (s, own) in texts.of_position(i).enumerate() {
            let mut scores = candidates.scores(&own);
            scores.sort_by(|a, b| b.1.total_cmp(&a.1));
            let (Some((id, best)), runner_up) = (scores.first(), scores.get(1).map_or(0.0, |s| s.1)) else {
                continue;
            };
            if *best >= MENDUKUNG_THRESHOLD && best - runner_up >= MENDUKUNG_MARGIN {
                let target: usize = id.parse::<usize>().map_or(0, |n| n.saturating_sub(1));
                let text = superior_sasaran[target][0];
                mendukung.push((
                    i,
                    s,
                    Inferred {
                        target,
                        because: format!(
                            "closest sasaran of the superior (score {best:.2}, next {runner_up:.2}): \"{text}\""
                        ),
                    },
                ));
            }
        }
    }
    mendukung.reverse();
    Links { atasan, mendukung }
}

/// The superior's sasaran (each its uraian, then its indicators') numbered "1", "2", … (their position in the
/// list).
fn candidates(place: &[&str], sasaran: &[Vec<&str>]) -> Candidates {
    let sasaran: Vec<SasaranTexts> = sasaran
        .iter()
        .enumerate()
        .map(|(n, texts)| SasaranTexts {
            id: (n + 1).to_string(),
            uraian: Some(texts[0].to_string()),
            indikator: texts[1..].iter().map(|t| t.to_string()).collect(),
        })
        .collect();
    Candidates::new(place, &sasaran)
}

fn nip_digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The positions of a file by their holder's NIP, their holder's name and the words of their title, built once so
/// that finding every superior stays linear in the number of positions.
struct Holders {
    names: crate::names::Names,
    by_nip: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
}

impl Holders {
    fn of(positions: &[Position]) -> Holders {
        let mut holders = Holders {
            names: crate::names::Names::default(),
            by_nip: HashMap::new(),
            by_name: HashMap::new(),
            by_word: HashMap::new(),
        };
        for (j, position) in positions.iter().enumerate() {
            if let Some(holder) = position.pemangku() {
                if let Some(nip) = &holder.nip {
                    holders.by_nip.entry(nip_digits(&nip.text)).or_default().push(j);
                }
                if let Some(name) = &holder.nama {
                    let key = holders.names.normalize(&name.text);
                    if !key.is_empty() {
                        holders.by_name.entry(key).or_default().push(j);
                    }
                }
            }
            if let Some(nama) = &position.nama {
                let mut words = crate::words::lowercase(&nama.text);
                words.dedup();
                for word in words {
                    holders.by_word.entry(word).or_default().push(j);
                }
            }
        }
        holders
    }

    /// The one position among `found` other than `i`, if exactly one.
    fn one(found: Option<&Vec<usize>>, i: usize, keep: impl Fn(usize) -> bool) -> Option<usize> {
        let mut matching = found.into_iter().flatten().copied().filter(|&j| j != i && keep(j));
        let first = matching.next()?;
        matching.next().is_none().then_some(first)
    }
}

/// The position whose holder or title is the superior signer of position `i`'s block.
fn atasan(positions: &[Position], holders: &Holders, i: usize) -> Option<Inferred> {
    let signer = positions[i].signature.as_ref()?.atasan.as_ref()?;
    let name = signer
        .nama
        .as_ref()
        .map(|n| holders.names.normalize(&n.text))
        .filter(|k| !k.is_empty());
    // An NIP copied from another signer is a known slip: the NIP counts only when the names agree too.
    let same_name = |j: usize| {
        let holder = positions[j].pemangku().and_then(|p| p.nama.as_ref());
        match (holder, &name) {
            (Some(h), Some(n)) => holders.names.normalize(&h.text) == *n,
            _ => true,
        }
    };
    if let Some(nip) = signer.nip.as_ref().filter(|n| nip_digits(&n.text).len() >= 18)
        && let Some(j) = Holders::one(holders.by_nip.get(&nip_digits(&nip.text)), i, same_name)
    {
        return Some(Inferred {
            target: j,
            because: format!("the superior who signs this block holds it (NIP {})", nip.text),
        });
    }
    if let (Some(key), Some(written)) = (&name, &signer.nama)
        && let Some(j) = Holders::one(holders.by_name.get(key), i, |_| true)
    {
        return Some(Inferred {
            target: j,
            because: format!("the superior who signs this block holds it ({})", written.text),
        });
    }
    let title = signer.jabatan.as_ref()?;
    // Every word of the shorter title is in the longer: a match shares the signer's first word, or holds all of
    // its own words in the signer's title.
    let words = crate::words::lowercase(&title.text);
    let mut found: Vec<usize> = words
        .iter()
        .filter_map(|w| holders.by_word.get(w))
        .flatten()
        .copied()
        .filter(|&j| j != i)
        .filter(|&j| {
            positions[j]
                .nama
                .as_ref()
                .is_some_and(|n| titles_match(&title.text, &n.text))
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [one] => Some(Inferred {
            target: *one,
            because: format!("the superior who signs this block is titled \"{}\"", title.text),
        }),
        _ => None,
    }
}
