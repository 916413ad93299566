//! R001–R004 and R015: the links of SKPs to their superior's SKP (or IKI) and to the holder's own IKI position.

use super::index::{Found, Position, SkpIndex, Target, nip_digits, rhk_of, sasaran_of};
use super::*;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Text};
use crate::rules::Context;
use crate::rules::alignment::suggest::{insert_link, is_close};
use crate::sasaran_match::{Candidates, SasaranTexts};
use crate::similarity::{closest_id, content_words, word_match};
use crate::skp::{Rhk, SkpDocument};
use std::collections::HashSet;

/// Why a reference resolves to nothing: the message key of R002 and its arguments.
struct Unresolved {
    key: &'static str,
    help: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Unresolved {
    fn new(key: &'static str, help: &'static str, args: &[(&'static str, String)]) -> Self {
        Unresolved {
            key,
            help,
            args: args.to_vec(),
        }
    }
}

fn parts(reference: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = reference.split('/').map(str::trim).collect();
    (!parts.iter().any(|p| p.is_empty())).then_some(parts)
}

fn rhk_ids(skp: &SkpDocument) -> String {
    skp.rhk.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
}

fn sasaran_ids(documents: &[Document], position: Position) -> String {
    let jabatan = &documents[position.0].jabatan[position.1];
    jabatan
        .sasaran
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `<rhk-id>` of an SKP, with did-you-mean.
fn rhk_in(skps: &[SkpDocument], k: usize, id: &str) -> Result<Target, Unresolved> {
    match rhk_of(skps, k, id) {
        Some(r) => Ok(Target::Rhk(k, r)),
        None => {
            let target = &skps[k];
            let skp_id = target.id().unwrap_or("?").to_string();
            let suggestion = closest_id(id, target.rhk.iter().map(|r| r.id.as_str()));
            let (help, extra) = match suggestion {
                Some(s) => ("help-suggestion", s.to_string()),
                None => ("help-list", rhk_ids(target)),
            };
            Err(Unresolved::new(
                "message-rhk",
                help,
                &[
                    ("name", id.to_string()),
                    ("skp", skp_id),
                    ("suggestion", extra.clone()),
                    ("known", extra),
                ],
            ))
        }
    }
}

/// `<dokumen-id>/<jabatan-id>/<sasaran-id>` of an IKI document.
fn iki_sasaran(
    documents: &[Document],
    index: &SkpIndex,
    doc: &str,
    jab: &str,
    sas: &str,
) -> Result<Target, Unresolved> {
    let position = index
        .position(&format!("{doc}/{jab}"))
        .ok_or_else(|| Unresolved::new("message-position", "help-check", &[("name", format!("{doc}/{jab}"))]))?;
    match sasaran_of(documents, position, sas) {
        Some(s) => Ok(Target::Sasaran(position, s)),
        None => Err(Unresolved::new(
            "message-sasaran",
            "help-list",
            &[
                ("name", sas.to_string()),
                ("position", format!("{doc}/{jab}")),
                ("known", sasaran_ids(documents, position)),
            ],
        )),
    }
}

/// What the `intervensi` of an RHK of SKP `s` names, when it resolves (for the graph and the language server).
pub fn intervensi_target(
    documents: &[Document],
    skps: &[SkpDocument],
    index: &SkpIndex,
    s: usize,
    value: &str,
) -> Option<Target> {
    resolve_intervensi_in(documents, skps, index, s, value).ok()
}

fn resolve_intervensi(cx: &Context, index: &SkpIndex, s: usize, value: &str) -> Result<Target, Unresolved> {
    resolve_intervensi_in(cx.documents, cx.skps, index, s, value)
}

fn resolve_intervensi_in(
    documents: &[Document],
    skps: &[SkpDocument],
    index: &SkpIndex,
    s: usize,
    value: &str,
) -> Result<Target, Unresolved> {
    match parts(value).as_deref() {
        Some([id]) => match index.superior[s] {
            Found::One(k) => rhk_in(skps, k, id),
            Found::Several => Err(Unresolved::new("message-several", "help-several", &[])),
            Found::Missing => {
                let penilai = skps[s].pejabat_penilai.as_ref().and_then(|p| p.nip.as_ref());
                let nip = penilai.map_or_else(String::new, |n| n.value.to_string());
                Err(Unresolved::new(
                    "message-no-superior",
                    "help-no-superior",
                    &[("nip", nip)],
                ))
            }
        },
        Some([skp, id]) => match index.skp(skp) {
            Some(k) => rhk_in(skps, k, id),
            None => Err(Unresolved::new(
                "message-skp",
                "help-check",
                &[("name", skp.to_string())],
            )),
        },
        Some([doc, jab, sas]) => iki_sasaran(documents, index, doc, jab, sas),
        _ => Err(Unresolved::new(
            "message-malformed",
            "help-malformed-intervensi",
            &[("key", "intervensi".to_string()), ("value", value.to_string())],
        )),
    }
}

fn resolve_sasaran(cx: &Context, index: &SkpIndex, s: usize, value: &str) -> Result<Target, Unresolved> {
    match parts(value).as_deref() {
        Some([id]) => match index.holder_position[s] {
            Some(position) => match sasaran_of(cx.documents, position, id) {
                Some(found) => Ok(Target::Sasaran(position, found)),
                None => Err(Unresolved::new(
                    "message-sasaran",
                    "help-list",
                    &[
                        ("name", id.to_string()),
                        ("position", position_name(cx.documents, position)),
                        ("known", sasaran_ids(cx.documents, position)),
                    ],
                )),
            },
            None => Err(Unresolved::new("message-no-position", "help-no-position", &[])),
        },
        Some([doc, jab, sas]) => iki_sasaran(cx.documents, index, doc, jab, sas),
        _ => Err(Unresolved::new(
            "message-malformed",
            "help-malformed-sasaran",
            &[("key", "sasaran".to_string()), ("value", value.to_string())],
        )),
    }
}

/// The reference `<dokumen-id>/<jabatan-id>` of an IKI position.
pub fn position_name(documents: &[Document], (d, j): Position) -> String {
    let document = &documents[d];
    let jabatan = &document.jabatan[j];
    format!(
        "{}/{}",
        document.id().unwrap_or("?"),
        jabatan.id.as_ref().map_or("?", |t| t.as_str())
    )
}

/// Every RHK of every SKP, with the SKP's index.
fn all_rhk<'a>(cx: &'a Context) -> impl Iterator<Item = (usize, &'a SkpDocument, &'a Rhk)> {
    cx.skps
        .iter()
        .enumerate()
        .flat_map(|(s, skp)| skp.rhk.iter().map(move |r| (s, skp, r)))
}

pub(super) fn rhk_no_intervensi(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.skps.is_empty() {
        return;
    }
    let index = cx.index::<SkpIndex>();
    let mandiri_allowed = cx.data.table::<SkpPractice>().allows_mandiri();
    for (s, skp) in cx.skps.iter().enumerate() {
        if skp.is_puncak() {
            continue;
        }
        // Built for the first RHK that needs it, never for an SKP whose RHK all intervene.
        let mut superior = None;
        for rhk in skp.rhk.iter().filter(|r| is_utama(r) && r.intervensi.is_none()) {
            let Some(uraian) = &rhk.uraian else { continue };
            let mandiri = rhk.mandiri.as_ref().is_some_and(|m| m.value);
            if mandiri && mandiri_allowed {
                continue;
            }
            let finding = cx
                .report(&RHK_NO_INTERVENSI, skp.file, uraian.span, &[("rhk", &rhk.id.value)])
                .label("label", &[]);
            // An RHK marked mandiri where the office has not allowed it: say how to allow it.
            let finding = if mandiri {
                finding.note("note-mandiri", &[])
            } else {
                finding
            };
            // A superior RHK printed in an office file that no superior SKP of the set has.
            let finding = match &rhk.printed {
                Some(printed) => finding.note("note-printed", &[("text", &printed.value)]),
                None => finding,
            };
            let Some((candidates, prefix, known)) = superior.get_or_insert_with(|| superior_candidates(cx, &index, s))
            else {
                finding.help("help-none", &[]).emit(out);
                continue;
            };
            let mut texts: Vec<&str> = vec![&uraian.value];
            texts.extend(rhk.indikator.iter().filter_map(|i| i.uraian.as_deref_value()));
            match candidates.best(&texts).filter(is_close) {
                Some(best) => {
                    let value = format!("{prefix}{}", best.id);
                    let args: &[(&'static str, &dyn crate::message::ToArg)] =
                        &[("value", &value), ("text", &best.text)];
                    let finding = finding.help("help", args);
                    match cx.files.link_slot(skp.file, uraian.span) {
                        Some(slot) => finding.fix(insert_link(slot, skp.file, "intervensi", &value)).emit(out),
                        None => finding.emit(out),
                    }
                }
                None => finding.help("help-list", &[("known", known)]).emit(out),
            }
        }
    }
}

/// Whose plan an RHK of an SKP intervenes: the superior SKP, else (where the superior keeps no SKP in the set) the
/// penilai's IKI position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Superior {
    Skp(usize),
    Position(Position),
}

/// The [`Superior`] of SKP `s`, when it is found: the one superior SKP, else the one IKI position whose holder has
/// the penilai's NIP.
pub fn superior_of(skps: &[SkpDocument], index: &SkpIndex, s: usize) -> Option<Superior> {
    if let Found::One(k) = index.superior[s] {
        return Some(Superior::Skp(k));
    }
    let penilai = nip_digits(skps[s].pejabat_penilai.as_ref().and_then(|p| p.nip.as_ref()))?;
    match index.iki_positions_of(&penilai) {
        &[position] => Some(Superior::Position(position)),
        _ => None,
    }
}

/// What an RHK of SKP `s` may intervene: the superior SKP's RHK, else the sasaran of the penilai's IKI position,
/// with the prefix a reference to them needs and their list for a help.
fn superior_candidates(cx: &Context, index: &SkpIndex, s: usize) -> Option<(Candidates, String, String)> {
    let position = match superior_of(cx.skps, index, s)? {
        Superior::Position(position) => position,
        Superior::Skp(k) => {
            let superior = &cx.skps[k];
            let targets: Vec<SasaranTexts> = superior
                .rhk
                .iter()
                .filter(|r| is_utama(r))
                .map(|r| target_texts(&r.id, &r.uraian, r.indikator.iter().map(|i| &i.uraian)))
                .collect();
            let known = listing(superior.rhk.iter().map(|r| (r.id.value.to_string(), &r.uraian)));
            return Some((Candidates::new(&[], &targets), String::new(), known));
        }
    };
    let jabatan = &cx.documents[position.0].jabatan[position.1];
    let targets: Vec<SasaranTexts> = jabatan
        .sasaran
        .iter()
        .map(|sasaran| {
            target_texts(
                &sasaran.id,
                &sasaran.uraian,
                sasaran.indikator.iter().map(|i| &i.uraian),
            )
        })
        .collect();
    let prefix = format!("{}/", position_name(cx.documents, position));
    let known = listing(
        jabatan
            .sasaran
            .iter()
            .map(|x| (format!("{prefix}{}", x.id.value), &x.uraian)),
    );
    Some((Candidates::new(&[], &targets), prefix, known))
}

/// Link targets listed for a help: `R1 "…"; R2 "…"`.
fn listing<'t>(targets: impl Iterator<Item = (String, &'t Option<Text>)>) -> String {
    targets
        .map(|(id, uraian)| format!("{id} \"{}\"", uraian.as_deref_value().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A link target (an RHK or a sasaran) as the texts the suggestion scoring compares: its id, its uraian and the
/// uraian of its indicators.
fn target_texts<'t>(
    id: &Text,
    uraian: &Option<Text>,
    indicators: impl Iterator<Item = &'t Option<Text>>,
) -> SasaranTexts {
    SasaranTexts {
        id: id.value.to_string(),
        uraian: uraian.as_deref_value().map(str::to_string),
        indikator: indicators
            .filter_map(|u| u.as_deref_value())
            .map(str::to_string)
            .collect(),
    }
}

/// The text of an optional spanned text.
trait AsDerefValue {
    fn as_deref_value(&self) -> Option<&str>;
}

impl AsDerefValue for Option<Text> {
    fn as_deref_value(&self) -> Option<&str> {
        self.as_ref().map(|t| t.as_str())
    }
}

fn report_unresolved(
    cx: &Context,
    file: crate::source::FileId,
    value: &Text,
    why: Unresolved,
    out: &mut Vec<Diagnostic>,
) {
    let args: Vec<(&'static str, &dyn crate::message::ToArg)> = why
        .args
        .iter()
        .map(|(k, v)| (*k, v as &dyn crate::message::ToArg))
        .collect();
    cx.report(&INTERVENSI_UNKNOWN, file, value.span, &args)
        .message(why.key, &args)
        .label("label", &args)
        .help(why.help, &args)
        .emit(out);
}

pub(super) fn intervensi_unknown(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.skps.is_empty() {
        return;
    }
    let index = cx.index::<SkpIndex>();
    for (s, skp) in cx.skps.iter().enumerate() {
        let jabatan = skp.skp.as_ref().and_then(|h| h.jabatan.as_ref());
        // A `jabatan` that names nothing is reported once, not again at every bare `sasaran` it leaves unresolved.
        let broken_jabatan = jabatan.is_some() && index.holder_position[s].is_none();
        if let Some(jabatan) = jabatan.filter(|_| broken_jabatan) {
            let why = Unresolved::new(
                "message-jabatan",
                "help-jabatan",
                &[("name", jabatan.value.to_string())],
            );
            report_unresolved(cx, skp.file, jabatan, why, out);
        }
        for rhk in &skp.rhk {
            if let Some(value) = &rhk.intervensi
                && let Err(why) = resolve_intervensi(cx, &index, s, &value.value)
                && !(why.key == "message-no-superior" && penilai_is_pegawai(skp))
            {
                report_unresolved(cx, skp.file, value, why, out);
            }
            if let Some(value) = &rhk.sasaran
                && (!broken_jabatan || value.value.contains('/'))
                && let Err(why) = resolve_sasaran(cx, &index, s, &value.value)
            {
                report_unresolved(cx, skp.file, value, why, out);
            }
        }
    }
}

/// The penilai's NIP is the pegawai's own: R014 reports that, and the superior SKP it hides is not another finding.
fn penilai_is_pegawai(skp: &SkpDocument) -> bool {
    let own = nip_digits(skp.pegawai.as_ref().and_then(|p| p.nip.as_ref()));
    own.is_some() && own == nip_digits(skp.pejabat_penilai.as_ref().and_then(|p| p.nip.as_ref()))
}

pub(super) fn intervensi_not_penilai(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.skps.is_empty() {
        return;
    }
    let index = cx.index::<SkpIndex>();
    for (s, skp, rhk) in all_rhk(cx) {
        let penilai = nip_digits(skp.pejabat_penilai.as_ref().and_then(|p| p.nip.as_ref()));
        if let Some(value) = &rhk.intervensi
            && let Ok(target) = resolve_intervensi(cx, &index, s, &value.value)
        {
            let (owner, nip) = match target {
                Target::Rhk(k, _) => {
                    let pegawai = cx.skps[k].pegawai.as_ref();
                    (
                        pegawai.and_then(|p| p.nama.as_deref_value()).unwrap_or("?").to_string(),
                        nip_digits(pegawai.and_then(|p| p.nip.as_ref())),
                    )
                }
                Target::Sasaran(position, _) => {
                    let holder = cx.documents[position.0].jabatan[position.1].pemangku.as_ref();
                    (
                        position_name(cx.documents, position),
                        nip_digits(holder.and_then(|p| p.nip.as_ref())),
                    )
                }
            };
            if let (Some(penilai), Some(nip)) = (&penilai, nip)
                && *penilai != nip
            {
                cx.report(
                    &INTERVENSI_NOT_PENILAI,
                    skp.file,
                    value.span,
                    &[("value", &value.value), ("owner", &owner)],
                )
                .label("label", &[])
                .help("help", &[])
                .emit(out);
            }
        }
        if let Some(value) = &rhk.sasaran
            && let Ok(Target::Sasaran(position, _)) = resolve_sasaran(cx, &index, s, &value.value)
            && let Some(holder) = index.holder_position[s]
            && holder != position
        {
            let own = position_name(cx.documents, holder);
            cx.report(&INTERVENSI_NOT_PENILAI, skp.file, value.span, &[])
                .message("message-sasaran", &[("value", &value.value), ("own", &own)])
                .label("label-sasaran", &[])
                .help("help-sasaran", &[("own", &own)])
                .emit(out);
        }
    }
}

pub(super) fn rhk_not_intervened(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.skps.is_empty() {
        return;
    }
    let index = cx.index::<SkpIndex>();
    let mut is_superior: HashSet<usize> = HashSet::new();
    let mut intervened: HashSet<(usize, usize)> = HashSet::new();
    for (s, _, rhk) in all_rhk(cx) {
        if let Found::One(k) = index.superior[s] {
            is_superior.insert(k);
        }
        if let Some(value) = &rhk.intervensi
            && let Ok(Target::Rhk(k, r)) = resolve_intervensi(cx, &index, s, &value.value)
        {
            intervened.insert((k, r));
        }
    }
    let mut superiors: Vec<usize> = is_superior.into_iter().collect();
    superiors.sort_unstable();
    for k in superiors {
        let skp = &cx.skps[k];
        for (r, rhk) in skp.rhk.iter().enumerate() {
            if !is_utama(rhk) || intervened.contains(&(k, r)) {
                continue;
            }
            let span = rhk.uraian.as_ref().map_or(rhk.span, |u| u.span);
            cx.report(&RHK_NOT_INTERVENED, skp.file, span, &[("rhk", &rhk.id.value)])
                .label("label", &[])
                .help("help", &[("rhk", &rhk.id.value)])
                .emit(out);
        }
    }
}

/// The content words of an RHK: its text and its indicators'.
fn rhk_words(rhk: &Rhk) -> Vec<String> {
    rhk.uraian
        .iter()
        .chain(rhk.indikator.iter().filter_map(|i| i.uraian.as_ref()))
        .flat_map(|t| content_words(&t.value))
        .collect()
}

fn sasaran_words(sasaran: &crate::model::Sasaran) -> Vec<String> {
    sasaran
        .uraian
        .iter()
        .chain(sasaran.indikator.iter().filter_map(|i| i.uraian.as_ref()))
        .flat_map(|t| content_words(&t.value))
        .collect()
}

/// Whether two word lists share a word (or a near spelling of one) other than the words of the unit's own name
/// (`Kecamatan Masama` recurs in every plan of the unit and says nothing about what a plan is about).
fn share_a_word(a: &[String], b: &[String], place: &[String]) -> bool {
    a.iter()
        .filter(|w| !place.contains(w))
        .any(|w| b.iter().any(|v| word_match(w, v) > 0.0))
}

fn place_words(document: &Document) -> Vec<String> {
    document
        .dokumen
        .iter()
        .flat_map(|d| [&d.unit, &d.tempat])
        .flatten()
        .flat_map(|t| content_words(&t.value))
        .collect()
}

pub(super) fn skp_iki_mismatch(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.skps.is_empty() {
        return;
    }
    let index = cx.index::<SkpIndex>();
    for (s, skp, rhk) in all_rhk(cx) {
        // Nothing to compare with: an SKP whose holder keeps no IKI position in the set, and no sasaran named.
        if rhk.sasaran.is_none() && index.holder_position[s].is_none() {
            continue;
        }
        let words = rhk_words(rhk);
        if words.is_empty() {
            continue;
        }
        let span = rhk.uraian.as_ref().map_or(rhk.span, |u| u.span);
        if let Some(value) = &rhk.sasaran {
            if let Ok(Target::Sasaran((d, j), x)) = resolve_sasaran(cx, &index, s, &value.value) {
                let sasaran = &cx.documents[d].jabatan[j].sasaran[x];
                if !share_a_word(&words, &sasaran_words(sasaran), &place_words(&cx.documents[d])) {
                    let text = sasaran.uraian.as_deref_value().unwrap_or("");
                    cx.report(&SKP_IKI_MISMATCH, skp.file, span, &[("rhk", &rhk.id.value)])
                        .message(
                            "message-sasaran",
                            &[("rhk", &rhk.id.value), ("sasaran", &value.value), ("text", &text)],
                        )
                        .label("label", &[])
                        .secondary(
                            cx.documents[d].file,
                            sasaran.uraian.as_ref().map_or(sasaran.span, |u| u.span),
                            "label-sasaran",
                            &[],
                        )
                        .help("help-sasaran", &[])
                        .emit(out);
                }
            }
            continue;
        }
        let Some((d, j)) = index.holder_position[s] else {
            continue;
        };
        let jabatan = &cx.documents[d].jabatan[j];
        let place = place_words(&cx.documents[d]);
        if jabatan.sasaran.is_empty()
            || jabatan
                .sasaran
                .iter()
                .any(|x| share_a_word(&words, &sasaran_words(x), &place))
        {
            continue;
        }
        let position = position_name(cx.documents, (d, j));
        cx.report(
            &SKP_IKI_MISMATCH,
            skp.file,
            span,
            &[("rhk", &rhk.id.value), ("position", &position)],
        )
        .label("label", &[])
        .help("help", &[("position", &position)])
        .emit(out);
    }
}
