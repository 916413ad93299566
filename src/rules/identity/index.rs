//! The people index over everything linted together: every place a name or NIP is written (a holder, a
//! signature's pegawai or atasan), NIP → places, person → places, position → holder, and the signature
//! comparisons of N007. Built once per run in linear time; N004–N008 read it.

use crate::cascade::Cascade;
use crate::model::{Document, Text};
use crate::names::Names;
use crate::nip::Nip;
use crate::rules::skp::index::SkpIndex;
use crate::rules::{Context, Index};
use crate::skp::SkpDocument;
use crate::source::{FileId, Span};
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `pemangku` of a position.
    Holder,
    /// `tanda_tangan.pegawai`.
    Pegawai,
    /// `tanda_tangan.atasan`.
    Atasan,
    /// A person named on an SKP, with the key it is written under: `pegawai`, `pejabat_penilai` or
    /// `atasan_penilai` (SPEC.md section 6).
    Skp(&'static str),
}

/// One place where a person is written.
#[derive(Clone, Debug)]
pub struct Place {
    /// The document: an index of [`Context::documents`], or for an SKP its index of [`Context::skps`] after them.
    pub doc: usize,
    pub jabatan: usize,
    pub role: Role,
    pub file: FileId,
    /// The mapping of the person or signer.
    pub span: Span,
    pub name: Option<Text>,
    /// The name as compared ([`Names::normalize`]); `None` when absent or a placeholder. Shared with every place
    /// of the same name.
    pub key: Option<Arc<str>>,
    pub nip: Option<Text>,
    /// The 18 digits, when the NIP is written and well formed (placeholders and N001 findings excluded). Shared
    /// with every place of the same NIP, and with the key of [`People::by_nip`].
    pub digits: Option<Arc<str>>,
}

impl Place {
    /// Where to point for the name (else the mapping).
    pub fn name_span(&self) -> Span {
        self.name.as_ref().map_or(self.span, |n| n.span)
    }

    /// Where to point for the NIP (else the name, else the mapping).
    pub fn nip_span(&self) -> Span {
        self.nip.as_ref().map_or_else(|| self.name_span(), |n| n.span)
    }

    pub fn name_text(&self) -> &str {
        self.name.as_ref().map_or("", |n| n.as_str())
    }

    /// Source order across files.
    pub fn order(&self) -> (FileId, usize) {
        (self.file, self.span.start)
    }
}

/// What a signature comparison found (N007).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Another name under the holder's NIP (or without an NIP to compare).
    Name,
    /// The holder's name with another NIP.
    Nip,
    /// Another person altogether: name and NIP both differ.
    Both,
}

#[derive(Clone, Debug)]
pub struct Comparison {
    pub signer: usize,
    pub holder: usize,
    pub mismatch: Mismatch,
}

pub struct People {
    pub names: Arc<Names>,
    pub places: Vec<Place>,
    pub by_nip: HashMap<Arc<str>, Vec<usize>>,
    pub by_key: HashMap<Arc<str>, Vec<usize>>,
    /// `(document, jabatan)` → the position its `atasan` names, as the cascade resolved it.
    superiors: HashMap<(usize, usize), (usize, usize)>,
    /// `(document, jabatan)` → the place of its `pemangku`.
    holders: HashMap<(usize, usize), usize>,
    /// `(document, jabatan)` → the place of its own signature's pegawai.
    own_signatures: HashMap<(usize, usize), usize>,
    /// Signature comparisons that differ (N007), in source order of the signer.
    pub mismatches: Vec<Comparison>,
    /// Signers whose name differs from the holder's under the same NIP: N007 reports them, so N004 and N006
    /// leave them out (one problem, one diagnostic).
    pub reported_by_n007: HashSet<usize>,
}

impl People {
    /// The position `(document, jabatan)` that the `atasan` of `position` names, when it resolves.
    pub fn superior(&self, position: (usize, usize)) -> Option<(usize, usize)> {
        self.superiors.get(&position).copied()
    }

    /// The holder of a position: its `pemangku`, else the pegawai who signed its own IKI.
    pub fn holder(&self, position: (usize, usize)) -> Option<usize> {
        self.holders
            .get(&position)
            .or_else(|| self.own_signatures.get(&position))
            .copied()
            .filter(|&p| self.places[p].key.is_some())
    }

    /// N005 reports a person with two NIPs when both are written in one document or share the birth date.
    pub fn n005_covers(&self, a: &Place, b: &Place) -> bool {
        match (&a.digits, &b.digits) {
            (Some(x), Some(y)) if x != y && a.key.is_some() && a.key == b.key => a.doc == b.doc || x[..8] == y[..8],
            _ => false,
        }
    }

    fn add(&mut self, mut place: Place) -> usize {
        let index = self.places.len();
        if let Some(digits) = &mut place.digits {
            join(&mut self.by_nip, digits, index);
        }
        if let Some(key) = &place.key {
            self.by_key.entry(Arc::clone(key)).or_default().push(index);
        }
        self.places.push(place);
        index
    }

    /// Add the places of one document, as [`places_of`] and [`skp_places`] made them.
    fn add_all(&mut self, places: Vec<Place>) {
        for place in places {
            let position = (place.doc, place.jabatan);
            let role = place.role;
            let index = self.add(place);
            match role {
                Role::Holder => {
                    self.holders.insert(position, index);
                }
                Role::Pegawai => {
                    self.own_signatures.insert(position, index);
                }
                _ => {}
            }
        }
    }

    fn compare(&self, signer: usize, holder: usize) -> Option<Mismatch> {
        let (s, h) = (&self.places[signer], &self.places[holder]);
        let name_differs = matches!((&s.key, &h.key), (Some(a), Some(b)) if a != b);
        let nip_differs = matches!((&s.digits, &h.digits), (Some(a), Some(b)) if a != b);
        match (name_differs, nip_differs) {
            (true, true) => Some(Mismatch::Both),
            (true, false) => Some(Mismatch::Name),
            // The holder's name under two NIPs is N005's finding when N005 sees it.
            (false, true) if !self.n005_covers(s, h) => Some(Mismatch::Nip),
            _ => None,
        }
    }

    /// The signers and the holders they must match. On an SKP whose holder's IKI position is known
    /// (`skp_positions`, per SKP, with whether `skp.jabatan` names it), its penilai is compared with the holder of
    /// the position above it, and its pegawai with that position's holder when `skp.jabatan` names the position: a
    /// position found by the pegawai's NIP has that NIP by construction, and another name under it is N004's.
    fn signature_pairs(
        &self,
        iki_count: usize,
        skp_positions: &[Option<((usize, usize), bool)>],
    ) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for (index, place) in self.places.iter().enumerate() {
            let skp_position = || {
                place
                    .doc
                    .checked_sub(iki_count)
                    .and_then(|s| skp_positions.get(s).copied().flatten())
            };
            let holder = match place.role {
                Role::Holder | Role::Skp("atasan_penilai") => None,
                Role::Pegawai => self.holders.get(&(place.doc, place.jabatan)).copied(),
                Role::Atasan => self
                    .superior((place.doc, place.jabatan))
                    .and_then(|position| self.holder(position)),
                Role::Skp("pegawai") => skp_position()
                    .filter(|(_, written)| *written)
                    .and_then(|(position, _)| self.holder(position)),
                Role::Skp(_) => skp_position()
                    .and_then(|(position, _)| self.superior(position))
                    .and_then(|position| self.holder(position)),
            };
            if let Some(holder) = holder.filter(|&h| h != index) {
                pairs.push((index, holder));
            }
        }
        pairs
    }
}

/// `index` joins the group of `text`, and `text` becomes the group's own copy: one text per NIP however many
/// places write it.
fn join(groups: &mut HashMap<Arc<str>, Vec<usize>>, text: &mut Arc<str>, index: usize) {
    if let Some((shared, _)) = groups.get_key_value(&**text) {
        *text = Arc::clone(shared);
    }
    groups.entry(Arc::clone(text)).or_default().push(index);
}

/// A place with its compared name and NIP digits filled in.
fn completed(names: &Names, mut place: Place) -> Place {
    place.key = place.name.as_ref().and_then(|n| names.key(n.as_str()));
    place.digits = place
        .nip
        .as_ref()
        .filter(|n| !crate::nip::is_placeholder(n.as_str()))
        .and_then(|n| Nip::parse(n.as_str()).ok())
        .map(|n| Arc::from(n.digits()));
    place
}

/// The places of the IKI document `doc`: per position its `pemangku`, then its signature's atasan and pegawai.
fn places_of(names: &Names, doc: usize, document: &Document) -> Vec<Place> {
    let mut places = Vec::new();
    for (j, jabatan) in document.jabatan.iter().enumerate() {
        let at = |role, span, name: &Option<Text>, nip: &Option<Text>| {
            completed(
                names,
                Place {
                    doc,
                    jabatan: j,
                    role,
                    file: document.file,
                    span,
                    name: name.clone(),
                    key: None,
                    nip: nip.clone(),
                    digits: None,
                },
            )
        };
        if let Some(p) = &jabatan.pemangku {
            places.push(at(Role::Holder, p.span, &p.nama, &p.nip));
        }
        let Some(tt) = &jabatan.tanda_tangan else { continue };
        for (role, signer) in [(Role::Atasan, &tt.atasan), (Role::Pegawai, &tt.pegawai)] {
            if let Some(s) = signer {
                places.push(at(role, s.span, &s.nama, &s.nip));
            }
        }
    }
    places
}

/// The people named on the SKP `doc` (its index among the documents and SKPs).
fn skp_places(names: &Names, doc: usize, skp: &SkpDocument) -> Vec<Place> {
    skp.people()
        .map(|(key, person)| {
            completed(
                names,
                Place {
                    doc,
                    jabatan: 0,
                    role: Role::Skp(key),
                    file: skp.file,
                    span: person.span,
                    name: person.nama.clone(),
                    key: None,
                    nip: person.nip.clone(),
                    digits: None,
                },
            )
        })
        .collect()
}

impl Index for People {
    fn build(cx: &Context) -> Self {
        let mut people = People {
            names: cx.data.derived::<Names>(),
            places: Vec::new(),
            by_nip: HashMap::default(),
            by_key: HashMap::default(),
            superiors: HashMap::default(),
            holders: HashMap::default(),
            own_signatures: HashMap::default(),
            mismatches: Vec::new(),
            reported_by_n007: HashSet::default(),
        };
        // A place's compared name and NIP digits are the costly part and depend on nothing else: each document's
        // places are made on any core, then numbered in document order.
        let names = &people.names;
        let iki: Vec<Vec<Place>> = cx
            .documents
            .par_iter()
            .enumerate()
            .map(|(doc, document)| places_of(names, doc, document))
            .collect();
        let skp: Vec<Vec<Place>> = cx
            .skps
            .par_iter()
            .enumerate()
            .map(|(s, skp)| skp_places(names, cx.documents.len() + s, skp))
            .collect();
        let count = iki.iter().chain(&skp).map(Vec::len).sum();
        people.places.reserve(count);
        for places in iki.into_iter().chain(skp) {
            people.add_all(places);
        }
        // `atasan` references are resolved once, by the cascade.
        let cascade = cx.index::<Cascade>();
        for (pos, position) in cascade.positions.iter().enumerate() {
            if let Some(superior) = cascade.superior(pos) {
                let above = &cascade.positions[superior];
                people
                    .superiors
                    .insert((position.doc, position.jab), (above.doc, above.jab));
            }
        }
        let index = cx.index::<SkpIndex>();
        let skp_positions: Vec<Option<((usize, usize), bool)>> = cx
            .skps
            .iter()
            .zip(&index.holder_position)
            .map(|(skp, position)| {
                let written = skp.skp.as_ref().is_some_and(|h| h.jabatan.is_some());
                position.map(|p| (p, written))
            })
            .collect();
        for (signer, holder) in people.signature_pairs(cx.documents.len(), &skp_positions) {
            if let Some(mismatch) = people.compare(signer, holder) {
                let same_nip = people.places[signer].digits.is_some()
                    && people.places[signer].digits == people.places[holder].digits;
                if mismatch == Mismatch::Name && same_nip {
                    people.reported_by_n007.insert(signer);
                }
                people.mismatches.push(Comparison {
                    signer,
                    holder,
                    mismatch,
                });
            }
        }
        people
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A province writes each NIP at its holder, its own signature and its subordinates' signatures: one text.
    #[test]
    fn places_of_one_nip_share_its_text_and_a_near_miss_does_not() {
        let mut groups = HashMap::default();
        let mut texts: Vec<Arc<str>> = ["196501011989011841", "196501011989011841", "196501011989011842"]
            .into_iter()
            .map(Arc::from)
            .collect();
        for (index, text) in texts.iter_mut().enumerate() {
            join(&mut groups, text, index);
        }
        assert!(Arc::ptr_eq(&texts[0], &texts[1]));
        assert!(!Arc::ptr_eq(&texts[0], &texts[2]));
        assert_eq!(groups[&texts[0]], [0, 1]);
        assert_eq!(groups[&texts[2]], [2]);
    }
}
