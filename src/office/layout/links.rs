//! The links a document does not print, inferred: `atasan` from the superior who signs a position's block, matched
//! to another position of the file by the person (NIP, then name) or by title; `mendukung` only where one sasaran
//! of that superior clearly matches (the scoring of A001's suggestion, [`crate::sasaran_match`]).

use super::signature::titles_match;
use super::{Inferred, Position, Recognised};
use crate::sasaran_match::{Candidates, SasaranTexts};

/// At or above this score a sasaran's best match among its superior's sasaran is written as an inferred
/// `mendukung`. Measured on the Masama seed (the one whose signature blocks give `atasan`) against the
/// transcriber's links: at 0.5, 22 of the 60 transcribed links are inferred and all 22 agree; at 0.4, 24 of 24;
/// at 0.3, 35 inferred of which 6 disagree. 0.5 keeps a margin above the first wrong guess. The test
/// `tests/import_seeds.rs` prints the counts and fails on any inferred link the transcriber did not write.
pub const MENDUKUNG_THRESHOLD: f64 = 0.5;

pub fn infer(doc: &mut Recognised) {
    let superiors: Vec<Option<Inferred>> = (0..doc.positions.len()).map(|i| atasan(&doc.positions, i)).collect();
    for (position, superior) in doc.positions.iter_mut().zip(superiors) {
        position.atasan = superior;
    }
    let place: Vec<String> = doc.unit.iter().chain(&doc.place).map(|v| v.text.clone()).collect();
    let place: Vec<&str> = place.iter().map(String::as_str).collect();
    for i in 0..doc.positions.len() {
        let Some(superior) = doc.positions[i].atasan.as_ref().map(|a| a.target) else {
            continue;
        };
        let candidates = candidates(&place, &doc.positions[superior]);
        for sasaran in &mut doc.positions[i].sasaran {
            let mut texts = vec![sasaran.uraian.text.as_str()];
            texts.extend(sasaran.indikator.iter().map(|k| k.uraian.text.as_str()));
            let Some(best) = candidates.best(&texts) else { continue };
            if best.score >= MENDUKUNG_THRESHOLD {
                let target: usize = best.id.parse::<usize>().map_or(0, |n| n.saturating_sub(1));
                sasaran.mendukung = Some(Inferred {
                    target,
                    because: format!("closest sasaran of the superior (score {:.2}): \"{}\"", best.score, best.text),
                });
            }
        }
    }
}

/// The superior's sasaran numbered "1", "2", … (their position in the list).
fn candidates(place: &[&str], superior: &Position) -> Candidates {
    let sasaran: Vec<SasaranTexts> = superior
        .sasaran
        .iter()
        .enumerate()
        .map(|(n, s)| SasaranTexts {
            id: (n + 1).to_string(),
            uraian: Some(s.uraian.text.clone()),
            indikator: s.indikator.iter().map(|k| k.uraian.text.clone()).collect(),
        })
        .collect();
    Candidates::new(place, &sasaran)
}

fn nip_digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The position whose holder or title is the superior signer of position `i`'s block.
fn atasan(positions: &[Position], i: usize) -> Option<Inferred> {
    let signer = positions[i].signature.as_ref()?.atasan.as_ref()?;
    let others = || (0..positions.len()).filter(move |&j| j != i);
    if let Some(nip) = signer.nip.as_ref().map(|n| nip_digits(&n.text)).filter(|d| d.len() >= 18) {
        let by_nip: Vec<usize> = others()
            .filter(|&j| {
                positions[j]
                    .pemangku()
                    .and_then(|p| p.nip.as_ref())
                    .is_some_and(|n| nip_digits(&n.text) == nip)
            })
            .collect();
        if let [one] = by_nip.as_slice() {
            return Some(Inferred {
                target: *one,
                because: format!("the superior who signs this block has the holder's NIP {}", nip),
            });
        }
    }
    let names = crate::names::Names::default();
    if let Some(name) = &signer.nama {
        let by_name: Vec<usize> = others()
            .filter(|&j| {
                positions[j]
                    .pemangku()
                    .and_then(|p| p.nama.as_ref())
                    .is_some_and(|n| names.same(&n.text, &name.text))
            })
            .collect();
        if let [one] = by_name.as_slice() {
            return Some(Inferred {
                target: *one,
                because: format!("the superior who signs this block is its holder, {}", name.text),
            });
        }
    }
    let title = signer.jabatan.as_ref()?;
    let by_title: Vec<usize> = others()
        .filter(|&j| positions[j].nama.as_ref().is_some_and(|n| titles_match(&title.text, &n.text)))
        .collect();
    match by_title.as_slice() {
        [one] => Some(Inferred {
            target: *one,
            because: format!("the superior who signs this block is titled \"{}\"", title.text),
        }),
        _ => None,
    }
}
