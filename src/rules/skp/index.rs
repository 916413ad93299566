//! The SKP index of one run (SPEC.md section 6, references): SKPs by id and by holder, the superior SKP of each
//! found through the penilai's NIP (an index lookup by `(tahun, NIP digits)`, never a scan), and the IKI
//! positions and sasaran that `intervensi` and `sasaran` may name.

use crate::model::Document;
use crate::rules::{Context, Index};
use crate::skp::SkpDocument;
use std::collections::HashMap;

/// The SKP in the set that a given SKP looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// No NIP to look with, or nothing matches.
    Missing,
    One(usize),
    /// Several SKPs of the same year carry the NIP.
    Several,
}

/// An IKI position: (document, jabatan) indexes into [`Context::documents`].
pub type Position = (usize, usize);

/// What an `intervensi` or `sasaran` reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An RHK: (SKP, RHK) indexes into [`Context::skps`].
    Rhk(usize, usize),
    /// An IKI sasaran: its position and sasaran index.
    Sasaran(Position, usize),
}

#[derive(Default)]
pub struct SkpIndex {
    by_id: HashMap<String, usize>,
    documents: HashMap<String, usize>,
    positions: HashMap<(usize, String), usize>,
    /// IKI positions by the digits of their holder's NIP.
    iki_holders: HashMap<String, Vec<Position>>,
    /// Per SKP: its superior SKP.
    pub superior: Vec<Found>,
    /// Per SKP: the holder's IKI position (`skp.jabatan`, else found by the pegawai's NIP).
    pub holder_position: Vec<Option<Position>>,
}

use crate::skp::printed::Holders;
pub use crate::skp::printed::nip_digits;

impl Index for SkpIndex {
    fn build(cx: &Context) -> Self {
        SkpIndex::new(cx.documents, cx.skps)
    }
}

impl SkpIndex {
    pub fn new(documents: &[Document], skps: &[SkpDocument]) -> SkpIndex {
        let mut index = SkpIndex::default();
        for (d, document) in documents.iter().enumerate() {
            if let Some(id) = document.id() {
                index.documents.entry(id.to_string()).or_insert(d);
            }
            for (j, jabatan) in document.jabatan.iter().enumerate() {
                if let Some(id) = &jabatan.id {
                    index.positions.entry((d, id.value.to_string())).or_insert(j);
                }
                if let Some(nip) = nip_digits(jabatan.pemangku.as_ref().and_then(|p| p.nip.as_ref())) {
                    index.iki_holders.entry(nip).or_default().push((d, j));
                }
            }
        }
        for (s, skp) in skps.iter().enumerate() {
            if let Some(id) = skp.id() {
                index.by_id.entry(id.to_string()).or_insert(s);
            }
        }
        let holders = Holders::of(skps);
        index.superior = (0..skps.len())
            .map(|s| match holders.superiors(skps, s) {
                [one] if *one != s => Found::One(*one),
                [_, _, ..] => Found::Several,
                _ => Found::Missing,
            })
            .collect();
        index.holder_position = skps
            .iter()
            .map(|skp| {
                let written = skp.skp.as_ref().and_then(|h| h.jabatan.as_ref());
                match written {
                    Some(reference) => index.position(&reference.value),
                    None => {
                        let nip = nip_digits(skp.pegawai.as_ref().and_then(|p| p.nip.as_ref()))?;
                        match index.iki_holders.get(&nip).map(Vec::as_slice) {
                            Some([one]) => Some(*one),
                            _ => None,
                        }
                    }
                }
            })
            .collect();
        index
    }

    pub fn skp(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The IKI position named `<dokumen-id>/<jabatan-id>`.
    pub fn position(&self, reference: &str) -> Option<Position> {
        let (doc, jab) = reference.trim().split_once('/')?;
        let d = *self.documents.get(doc.trim())?;
        let j = *self.positions.get(&(d, jab.trim().to_string()))?;
        Some((d, j))
    }

    /// The IKI positions whose holder has the NIP `digits`.
    pub fn iki_positions_of(&self, digits: &str) -> &[Position] {
        self.iki_holders.get(digits).map_or(&[], Vec::as_slice)
    }
}

/// The sasaran of `position` with the id `id`.
pub fn sasaran_of(documents: &[Document], position: Position, id: &str) -> Option<usize> {
    documents[position.0].jabatan[position.1]
        .sasaran
        .iter()
        .position(|s| s.id.as_str() == id.trim())
}

/// The RHK of SKP `s` with the id `id`.
pub fn rhk_of(skps: &[SkpDocument], s: usize, id: &str) -> Option<usize> {
    skps[s].rhk.iter().position(|r| r.id.as_str() == id.trim())
}
