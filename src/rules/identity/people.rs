//! The checks across the set: N004 (one NIP, two people), N005 (one person, two NIPs), N006 (variant names
//! under one NIP), N007 (signer is not the holder) and N008 (signature title is not the position's), all
//! through the [`People`] index so that each is linear in the number of places.

use super::index::{Mismatch, People, Place, Role};
use super::titles::{Titles, Unit};
use super::{NAME_VARIANT, NIP_SHARED, PERSON_SEVERAL_NIPS, SIGNER_NOT_HOLDER, TITLE_MISMATCH, value_edit};
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::{Document, Text};
use crate::names::is_variant;
use crate::nip::Nip;
use crate::rules::skp::index::SkpIndex;
use crate::rules::{Context, Index};
use crate::source::FileId;
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use std::sync::Arc;

/// At most this many "also here" labels on one finding.
const MAX_ALSO: usize = 5;

fn canonical(digits: &str) -> String {
    Nip::parse(digits).map_or_else(|_| digits.to_string(), |n| n.canonical())
}

/// Clusters of places that are one person: equal names, or variants of each other (N006 reports those). Each
/// cluster keeps its distinct names, so that a name repeated in many signatures is compared once.
fn clusters(people: &People, group: &[usize]) -> Vec<Vec<usize>> {
    let mut clusters: Vec<(HashSet<&str>, Vec<usize>)> = Vec::new();
    let mut places: Vec<usize> = group
        .iter()
        .copied()
        .filter(|i| !people.reported_by_n007.contains(i))
        .filter(|&i| people.places[i].key.is_some())
        .collect();
    places.sort_by_key(|&i| people.places[i].order());
    for place in places {
        let key = people.places[place].key.as_deref().unwrap_or("");
        let found = clusters.iter().position(|(keys, _)| keys.contains(key)).or_else(|| {
            clusters
                .iter()
                .position(|(keys, _)| keys.iter().any(|k| is_variant(k, key)))
        });
        match found {
            Some(i) => {
                clusters[i].0.insert(key);
                clusters[i].1.push(place);
            }
            None => clusters.push((HashSet::from_iter([key]), vec![place])),
        }
    }
    clusters.into_iter().map(|(_, places)| places).collect()
}

/// The people written under each NIP ([`clusters`] of its places), in NIP order: made once for N004, N005 and
/// N006, which all read them.
pub struct NipClusters {
    people: Arc<People>,
    /// Each NIP with the places of each person written under it, in source order.
    by_nip: Vec<(Arc<str>, Vec<Vec<usize>>)>,
}

impl Index for NipClusters {
    fn build(cx: &Context) -> Self {
        let people = cx.index::<People>();
        let by_nip = sorted_groups(&people.by_nip)
            .into_iter()
            .map(|(digits, group)| (Arc::clone(digits), clusters(&people, group)))
            .collect();
        NipClusters { people, by_nip }
    }
}

impl NipClusters {
    /// Each NIP with its people, each person as the indices of its places (read with [`NipClusters::place`]): the
    /// stored clusters themselves, so that a rule reading them allocates nothing.
    fn iter(&self) -> impl Iterator<Item = (&str, &[Vec<usize>])> {
        self.by_nip
            .iter()
            .map(|(digits, clusters)| (&**digits, clusters.as_slice()))
    }

    fn place(&self, index: usize) -> &Place {
        &self.people.places[index]
    }

    /// The NIPs that N004 reports: written for two people or more.
    fn shared(&self) -> HashSet<&str> {
        self.by_nip
            .iter()
            .filter(|(_, clusters)| clusters.len() > 1)
            .map(|(digits, _)| &**digits)
            .collect()
    }
}

fn sorted_groups(map: &HashMap<Arc<str>, Vec<usize>>) -> Vec<(&Arc<str>, &Vec<usize>)> {
    let mut groups: Vec<_> = map.iter().collect();
    groups.sort();
    groups
}

/// The first place where the person of `place` is written with another well-formed NIP than `digits`.
fn other_nip<'p>(people: &'p People, place: &Place, digits: &str) -> Option<&'p Place> {
    let key = place.key.as_ref()?;
    people
        .by_key
        .get(key)?
        .iter()
        .map(|&i| &people.places[i])
        .filter(|p| p.digits.as_deref().is_some_and(|d| d != digits))
        .min_by_key(|p| p.order())
}

pub fn nip_shared(cx: &Context, out: &mut Vec<Diagnostic>) {
    let nips = cx.index::<NipClusters>();
    let people = &nips.people;
    for (digits, clusters) in nips.iter() {
        let Some((first, others)) = clusters.split_first() else {
            continue;
        };
        let nip = canonical(digits);
        for cluster in others {
            let (a, b) = (nips.place(first[0]), nips.place(cluster[0]));
            let args: [(&'static str, &dyn crate::message::ToArg); 3] =
                [("nip", &nip), ("first", &a.name_text()), ("second", &b.name_text())];
            let mut finding = cx
                .report(&NIP_SHARED, b.file, b.nip_span(), &args)
                .label("label", &args)
                .secondary(a.file, a.nip_span(), "label-first", &args);
            for also in cluster.iter().skip(1).take(MAX_ALSO).map(|&i| nips.place(i)) {
                finding = finding.secondary(also.file, also.nip_span(), "label-also", &args);
            }
            // A person of the pair written elsewhere with another NIP (N005 leaves the pair to this finding):
            // that one is probably their own, and the shared one was copied from the other's row.
            let own = [b, a]
                .into_iter()
                .find_map(|p| other_nip(people, p, digits).map(|o| (p, o)));
            finding = match own {
                Some((person, place)) => {
                    let own_nip = canonical(place.digits.as_deref().unwrap_or(""));
                    let own_args: [(&'static str, &dyn crate::message::ToArg); 3] =
                        [("nip", &nip), ("name", &person.name_text()), ("own", &own_nip)];
                    finding
                        .secondary(place.file, place.nip_span(), "label-own", &own_args)
                        .help("help-own", &own_args)
                }
                None => finding.help("help", &args),
            };
            finding.emit(out);
        }
    }
}

pub fn person_several_nips(cx: &Context, out: &mut Vec<Diagnostic>) {
    let nips = cx.index::<NipClusters>();
    let people = &nips.people;
    let shared = nips.shared();
    for (_, group) in sorted_groups(&people.by_key) {
        let mut places: Vec<&Place> = group
            .iter()
            .map(|&i| &people.places[i])
            .filter(|p| p.digits.is_some())
            .collect();
        places.sort_by_key(|p| p.order());
        // The first place of each NIP, in source order.
        let mut firsts: Vec<&Place> = Vec::new();
        for place in &places {
            if !firsts.iter().any(|f| f.digits == place.digits) {
                firsts.push(place);
            }
        }
        // The documents each NIP of this name is written in.
        let mut documents: HashMap<&str, HashSet<usize>> = HashMap::default();
        for place in &places {
            documents
                .entry(place.digits.as_deref().unwrap_or(""))
                .or_default()
                .insert(place.doc);
        }
        let docs = |p: &Place| documents.get(p.digits.as_deref().unwrap_or(""));
        for (n, later) in firsts.iter().enumerate().skip(1) {
            // The earlier NIP this one is reported against: written in the same document, or with the same birth
            // date anywhere (the same common name in two regencies is two people).
            let Some(earlier) = firsts[..n].iter().find(|e| {
                let same_birth = e
                    .digits
                    .as_ref()
                    .zip(later.digits.as_ref())
                    .is_some_and(|(a, b)| a[..8] == b[..8]);
                same_birth || docs(e).zip(docs(later)).is_some_and(|(a, b)| !a.is_disjoint(b))
            }) else {
                continue;
            };
            // One of the two NIPs is also another person's: N004 reports the pair, with this person's other NIP.
            if [earlier, later]
                .iter()
                .any(|p| shared.contains(p.digits.as_deref().unwrap_or("")))
            {
                continue;
            }
            let (first_nip, second_nip) = (
                canonical(earlier.digits.as_deref().unwrap_or("")),
                canonical(later.digits.as_deref().unwrap_or("")),
            );
            let args: [(&'static str, &dyn crate::message::ToArg); 3] = [
                ("name", &later.name_text()),
                ("first", &first_nip),
                ("second", &second_nip),
            ];
            let mut finding = cx
                .report(&PERSON_SEVERAL_NIPS, later.file, later.nip_span(), &args)
                .label("label", &args)
                .secondary(earlier.file, earlier.nip_span(), "label-first", &args);
            for also in places
                .iter()
                .filter(|p| p.digits == later.digits && p.order() != later.order())
                .take(MAX_ALSO)
            {
                finding = finding.secondary(also.file, also.nip_span(), "label-also", &args);
            }
            let holder = [earlier, later].into_iter().find(|p| p.role == Role::Holder);
            finding = match holder {
                Some(holder) => {
                    let nip = canonical(holder.digits.as_deref().unwrap_or(""));
                    finding.help("help-holder", &[("nip", &nip)])
                }
                None => finding.help("help", &args),
            };
            finding.emit(out);
        }
    }
}

pub fn name_variant(cx: &Context, out: &mut Vec<Diagnostic>) {
    let nips = cx.index::<NipClusters>();
    for (digits, clusters) in nips.iter() {
        let nip = canonical(digits);
        for cluster in clusters {
            // The first place of each distinct name in the cluster; every later name is a variant of one before.
            let mut firsts: Vec<&Place> = Vec::new();
            for place in cluster.iter().map(|&i| nips.place(i)) {
                if !firsts.iter().any(|f| f.key == place.key) {
                    firsts.push(place);
                }
            }
            let Some((first, others)) = firsts.split_first() else {
                continue;
            };
            for other in others {
                let args: [(&'static str, &dyn crate::message::ToArg); 3] = [
                    ("nip", &nip),
                    ("first", &first.name_text()),
                    ("second", &other.name_text()),
                ];
                cx.report(&NAME_VARIANT, other.file, other.name_span(), &args)
                    .label("label", &args)
                    .secondary(first.file, first.name_span(), "label-first", &args)
                    .help("help", &args)
                    .emit(out);
            }
        }
    }
}

pub fn signer_not_holder(cx: &Context, out: &mut Vec<Diagnostic>) {
    let people = cx.index::<People>();
    for comparison in &people.mismatches {
        let (signer, holder) = (&people.places[comparison.signer], &people.places[comparison.holder]);
        let role = match signer.role {
            Role::Atasan => "atasan",
            Role::Skp("pegawai") => "skp-pegawai",
            Role::Skp(_) => "skp-penilai",
            _ => "pegawai",
        };
        let signer_nip = signer
            .nip
            .as_ref()
            .map_or(String::new(), |n| n.value.trim().to_string());
        let holder_nip = holder
            .nip
            .as_ref()
            .map_or(String::new(), |n| n.value.trim().to_string());
        let args: [(&'static str, &dyn crate::message::ToArg); 5] = [
            ("name", &signer.name_text()),
            ("nip", &signer_nip),
            ("holder", &holder.name_text()),
            ("holder_nip", &holder_nip),
            ("role", &role),
        ];
        let (key, span, written, old, new) = match comparison.mismatch {
            Mismatch::Name => (
                "name",
                signer.name_span(),
                signer.name.as_ref(),
                signer.name_text(),
                holder.name_text(),
            ),
            Mismatch::Nip => (
                "nip",
                signer.nip_span(),
                signer.nip.as_ref(),
                signer_nip.as_str(),
                holder_nip.as_str(),
            ),
            Mismatch::Both => ("both", signer.name_span(), None, "", ""),
        };
        let mut finding = cx
            .report(&SIGNER_NOT_HOLDER, signer.file, span, &args)
            .message(&format!("message-{key}-{role}"), &args)
            .label(&format!("label-{key}"), &args)
            .secondary(holder.file, holder.name_span(), "label-holder", &args)
            .help(&format!("help-{key}"), &args);
        if !old.is_empty()
            && let Some(written) = written
            && let Some(edit) = value_edit(cx, signer.file, written, old, new)
        {
            finding = finding.fix(Fix::unsafe_(vec![edit]));
        }
        finding.emit(out);
    }
}

pub fn title_mismatch(cx: &Context, out: &mut Vec<Diagnostic>) {
    let people = cx.index::<People>();
    let titles = cx.data.derived::<Titles>();
    let units: Vec<Unit> = cx
        .documents
        .iter()
        .map(|d| {
            let dokumen = d.dokumen.as_ref();
            Unit::new(
                dokumen.and_then(|k| k.unit.as_ref()).map(|t| t.as_str()),
                dokumen.and_then(|k| k.tempat.as_ref()).map(|t| t.as_str()),
            )
        })
        .collect();
    // Each document's signatures are compared on any core (a province has hundreds of thousands).
    let found: Vec<Diagnostic> = cx
        .documents
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, document)| {
            let mut out = Vec::new();
            signed_titles(cx, &people, &titles, &units, doc, document, &mut out);
            out
        })
        .collect();
    out.extend(found);
    // An SKP whose holder's IKI position is known: its pegawai's title against that position's, its penilai's
    // against the position above.
    let skps = cx.index::<SkpIndex>();
    for (s, skp) in cx.skps.iter().enumerate() {
        let Some(own) = skps.holder_position[s] else { continue };
        let title_of = |(d, j): (usize, usize)| cx.documents[d].jabatan[j].nama.as_ref().map(|n| (d, n));
        let signed = [
            ("skp-pegawai", skp.pegawai.as_ref(), title_of(own)),
            (
                "skp-penilai",
                skp.pejabat_penilai.as_ref(),
                people.superior(own).and_then(title_of),
            ),
        ];
        for (role, person, position) in signed {
            let (Some(person), Some((position_doc, title))) = (person, position) else {
                continue;
            };
            let Some(written) = &person.jabatan else { continue };
            let unit = Unit::new(person.unit.as_ref().map(|u| u.as_str()), None);
            let position = (cx.documents[position_doc].file, title, &units[position_doc]);
            compare_title(cx, &titles, role, (skp.file, written, &unit), position, out);
        }
    }
}

/// N008 on the signatures of the IKI document `doc`: the pegawai's title against the position's own, the atasan's
/// against the position the `atasan` names.
fn signed_titles(
    cx: &Context,
    people: &People,
    titles: &Titles,
    units: &[Unit],
    doc: usize,
    document: &Document,
    out: &mut Vec<Diagnostic>,
) {
    for (j, jabatan) in document.jabatan.iter().enumerate() {
        let Some(tt) = &jabatan.tanda_tangan else { continue };
        let signed = [
            ("pegawai", tt.pegawai.as_ref(), jabatan.nama.as_ref().map(|n| (doc, n))),
            (
                "atasan",
                tt.atasan.as_ref(),
                people
                    .superior((doc, j))
                    .and_then(|(d, j)| cx.documents[d].jabatan[j].nama.as_ref().map(|n| (d, n))),
            ),
        ];
        for (role, signer, position) in signed {
            let (Some(written), Some((position_doc, title))) = (signer.and_then(|s| s.jabatan.as_ref()), position)
            else {
                continue;
            };
            let signed = (document.file, written, &units[doc]);
            let position = (cx.documents[position_doc].file, title, &units[position_doc]);
            compare_title(cx, titles, role, signed, position, out);
        }
    }
}

/// N008 when the title `written` (in its file, with its unit) is not the position's `title`.
fn compare_title(
    cx: &Context,
    titles: &Titles,
    role: &str,
    (file, written, unit): (FileId, &Text, &Unit),
    (position_file, title, position_unit): (FileId, &Text, &Unit),
    out: &mut Vec<Diagnostic>,
) {
    if written.as_str().trim().is_empty() || titles.same(written.as_str(), unit, title.as_str(), position_unit) {
        return;
    }
    let args: [(&'static str, &dyn crate::message::ToArg); 2] =
        [("written", &written.as_str().trim()), ("title", &title.as_str().trim())];
    cx.report(&TITLE_MISMATCH, file, written.span, &args)
        .message(&format!("message-{role}"), &args)
        .label("label", &args)
        .secondary(position_file, title.span, "label-title", &args)
        .help("help", &args)
        .emit(out);
}
