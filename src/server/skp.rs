//! SKP files in the editor (SPEC.md section 6): hover on an RHK's `intervensi` shows the RHK (or IKI sasaran) it
//! names, and go-to-definition jumps there; completion of `intervensi` and of the fixed values; an inlay hint after
//! each `intervensi`; a code lens counting the subordinates' RHK that intervene each RHK, and their references.

use super::completion::{item, satuan_items};
use super::outline::hint;
use super::references::Occurrence;
use super::state::Analysis;
use crate::data::Data;
use crate::i18n::{Lang, tr};
use crate::model::Text;
use crate::rules::skp::index::{Found, SkpIndex, Target};
use crate::rules::skp::links::{Superior, intervensi_target, position_name, superior_of};
use crate::rules::skp::{SkpPractice, is_utama};
use crate::source::{FileId, Span};
use lsp_types as lsp;

/// The `intervensi` value under the cursor and what it names.
fn intervensi_at(analysis: &Analysis, file: FileId, offset: usize) -> Option<(&Text, Target)> {
    let skps = &analysis.workspace.skps;
    let s = skps.iter().position(|skp| skp.file == file)?;
    let value = skps[s]
        .rhk
        .iter()
        .filter_map(|r| r.intervensi.as_ref())
        .find(|v| v.span.start <= offset && offset <= v.span.end)?;
    let documents = &analysis.workspace.documents;
    let index = SkpIndex::new(documents, skps);
    let target = intervensi_target(documents, skps, &index, s, &value.value)?;
    Some((value, target))
}

/// The hover of an `intervensi`: the superior's RHK (whose SKP, its text and indicators) or IKI sasaran.
pub fn hover(analysis: &Analysis, lang: Lang, file: FileId, offset: usize) -> Option<(Span, String)> {
    let (value, target) = intervensi_at(analysis, file, offset)?;
    let (title, uraian, indicators): (String, &str, Vec<&str>) = match target {
        Target::Rhk(k, r) => {
            let skp = &analysis.workspace.skps[k];
            let rhk = &skp.rhk[r];
            let name = skp
                .pegawai
                .as_ref()
                .and_then(|p| p.nama.as_ref())
                .map_or("?", |n| n.as_str());
            (
                format!("SKP {name} · {}", rhk.id.value),
                rhk.uraian.as_ref().map_or("", |u| u.as_str()),
                rhk.indikator
                    .iter()
                    .filter_map(|i| i.uraian.as_ref())
                    .map(|u| u.as_str())
                    .collect(),
            )
        }
        Target::Sasaran((d, j), sas) => {
            let jabatan = &analysis.workspace.documents[d].jabatan[j];
            let sasaran = &jabatan.sasaran[sas];
            let nama = jabatan.nama.as_ref().map_or("", |n| n.as_str());
            (
                format!("{nama} · {}", sasaran.id.value),
                sasaran.uraian.as_ref().map_or("", |u| u.as_str()),
                sasaran
                    .indikator
                    .iter()
                    .filter_map(|i| i.uraian.as_ref())
                    .map(|u| u.as_str())
                    .collect(),
            )
        }
    };
    let mut text = format!("**{title}**\n\n{uraian}");
    if !indicators.is_empty() {
        let list: Vec<String> = indicators.iter().map(|i| format!("- {i}")).collect();
        text.push_str(&format!(
            "\n\n{}\n{}",
            tr(lang, "common.server-hover-indicators", &[]),
            list.join("\n")
        ));
    }
    Some((value.span, text))
}

/// Where an `intervensi` points: the RHK's id (or its item) in the superior SKP, or the IKI sasaran.
pub fn definition(analysis: &Analysis, file: FileId, offset: usize) -> Option<(FileId, Span)> {
    let (_, target) = intervensi_at(analysis, file, offset)?;
    Some(match target {
        Target::Rhk(k, r) => {
            let skp = &analysis.workspace.skps[k];
            let rhk = &skp.rhk[r];
            (skp.file, if rhk.id_written { rhk.id.span } else { rhk.span })
        }
        Target::Sasaran((d, j), sas) => {
            let document = &analysis.workspace.documents[d];
            let sasaran = &document.jabatan[j].sasaran[sas];
            (
                document.file,
                if sasaran.id_written {
                    sasaran.id.span
                } else {
                    sasaran.span
                },
            )
        }
    })
}

/// Completion of the values of an SKP file: `intervensi` (the superior SKP's RHK first, each with its uraian; then,
/// where the superior keeps no SKP, the sasaran of the penilai's IKI position; then the RHK of the other SKPs of the
/// year, marked), `satuan`, and the fixed values of `pendekatan`, `jenis`, `perspektif`, an indicator's `aspek`
/// (as the office's practice allows them) and a perilaku's `aspek`.
pub fn values(
    analysis: &Analysis,
    data: &Data,
    lang: Lang,
    s: usize,
    path: &[String],
    key: &str,
    edit: lsp::Range,
) -> Vec<lsp::CompletionItem> {
    let fixed = |values: &[&str]| -> Vec<lsp::CompletionItem> {
        let detail = tr(lang, "common.server-complete-skp-value", &[("key", &key)]);
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                item(
                    v.to_string(),
                    detail.clone(),
                    format!("{i:02}"),
                    edit,
                    lsp::CompletionItemKind::ENUM_MEMBER,
                )
            })
            .collect()
    };
    match (key, path.first().map(String::as_str), path.last().map(String::as_str)) {
        ("intervensi", Some("rhk"), Some("rhk")) => intervensi_items(analysis, lang, s, edit),
        ("satuan", Some("rhk"), Some("indikator")) => satuan_items(data, lang, edit),
        ("aspek", Some("rhk"), Some("indikator")) => fixed(&data.table::<SkpPractice>().aspek()),
        ("aspek", Some("perilaku"), _) => fixed(crate::skp::BERAKHLAK),
        ("jenis", Some("rhk"), Some("rhk")) => fixed(&["utama", "tambahan"]),
        ("perspektif", Some("rhk"), Some("rhk")) => fixed(crate::skp::PERSPEKTIF),
        ("pendekatan", Some("skp"), _) => fixed(&["kuantitatif", "kualitatif"]),
        _ => Vec::new(),
    }
}

fn intervensi_items(analysis: &Analysis, lang: Lang, s: usize, edit: lsp::Range) -> Vec<lsp::CompletionItem> {
    let (documents, skps) = (&analysis.workspace.documents, &analysis.workspace.skps);
    let index = SkpIndex::new(documents, skps);
    let reference = lsp::CompletionItemKind::REFERENCE;
    let text = |t: &Option<Text>| t.as_ref().map_or(String::new(), |t| t.value.to_string());
    let mut out = Vec::new();
    let superior = superior_of(skps, &index, s);
    match superior {
        Some(Superior::Skp(k)) => {
            for rhk in skps[k].rhk.iter().filter(|r| is_utama(r)) {
                let label = rhk.id.value.to_string();
                out.push(item(
                    label.clone(),
                    text(&rhk.uraian),
                    format!("0{label}"),
                    edit,
                    reference,
                ));
            }
        }
        Some(Superior::Position(position)) => {
            let prefix = position_name(documents, position);
            for sasaran in &documents[position.0].jabatan[position.1].sasaran {
                let label = format!("{prefix}/{}", sasaran.id.value);
                out.push(item(
                    label.clone(),
                    text(&sasaran.uraian),
                    format!("1{label}"),
                    edit,
                    reference,
                ));
            }
        }
        None => {}
    }
    // The RHK of the other SKPs of the year: R003 reports an intervensi of someone other than the penilai.
    let tahun = skps[s].tahun();
    for (k, other) in skps.iter().enumerate() {
        let Some(id) = other.id() else { continue };
        if k == s || superior == Some(Superior::Skp(k)) || other.tahun() != tahun {
            continue;
        }
        for rhk in other.rhk.iter().filter(|r| is_utama(r)) {
            let label = format!("{id}/{}", rhk.id.value);
            let marked = tr(
                lang,
                "common.server-complete-not-penilai",
                &[("uraian", &text(&rhk.uraian))],
            );
            out.push(item(label.clone(), marked, format!("2{label}"), edit, reference));
        }
    }
    out
}

/// The SKP at `file`, by index.
pub fn skp_of(analysis: &Analysis, file: FileId) -> Option<usize> {
    analysis.workspace.skps.iter().position(|skp| skp.file == file)
}

/// Inlay hints after each `intervensi` of SKP `s` in `wanted`: the text of the RHK or sasaran it names.
pub fn inlay_hints(analysis: &Analysis, s: usize, wanted: Span) -> Vec<lsp::InlayHint> {
    let (documents, skps) = (&analysis.workspace.documents, &analysis.workspace.skps);
    let index = SkpIndex::new(documents, skps);
    let source = analysis.workspace.files.get(skps[s].file);
    let mut out = Vec::new();
    for value in skps[s].rhk.iter().filter_map(|r| r.intervensi.as_ref()) {
        if value.span.end < wanted.start || value.span.start > wanted.end {
            continue;
        }
        let uraian = match intervensi_target(documents, skps, &index, s, &value.value) {
            Some(Target::Rhk(k, r)) => &skps[k].rhk[r].uraian,
            Some(Target::Sasaran((d, j), q)) => &documents[d].jabatan[j].sasaran[q].uraian,
            None => continue,
        };
        out.push(hint(
            source,
            value.span,
            uraian.as_ref().map_or("?", |u| u.as_str()).to_string(),
        ));
    }
    out
}

/// For each RHK of SKP `k`, the `intervensi` values of other SKPs that name it.
fn intervened(analysis: &Analysis, index: &SkpIndex, k: usize) -> Vec<Vec<(FileId, Span)>> {
    let (documents, skps) = (&analysis.workspace.documents, &analysis.workspace.skps);
    let mut out = vec![Vec::new(); skps[k].rhk.len()];
    for (s, skp) in skps.iter().enumerate().filter(|(s, _)| *s != k) {
        for value in skp.rhk.iter().filter_map(|r| r.intervensi.as_ref()) {
            if let Some(Target::Rhk(target, r)) = intervensi_target(documents, skps, index, s, &value.value)
                && target == k
            {
                out[r].push((skp.file, value.span));
            }
        }
    }
    out
}

/// A code lens above each RHK of SKP `k` saying how many RHK of subordinates intervene it, when `k` is the superior
/// SKP of at least one SKP (the condition of R004).
pub fn code_lenses(analysis: &Analysis, lang: Lang, k: usize) -> Vec<lsp::CodeLens> {
    let skps = &analysis.workspace.skps;
    let index = SkpIndex::new(&analysis.workspace.documents, skps);
    if !index.superior.contains(&Found::One(k)) {
        return Vec::new();
    }
    let source = analysis.workspace.files.get(skps[k].file);
    let by = intervened(analysis, &index, k);
    skps[k]
        .rhk
        .iter()
        .zip(by)
        .map(|(rhk, by)| {
            let title = if by.is_empty() {
                tr(lang, "common.server-lens-not-intervened", &[])
            } else {
                tr(lang, "common.server-lens-intervened", &[("count", &by.len())])
            };
            let line = source.line_index(rhk.span.start) as u32;
            lsp::CodeLens {
                range: lsp::Range::new(lsp::Position::new(line, 0), lsp::Position::new(line, 0)),
                command: Some(lsp::Command::new(title, String::new(), None)),
                data: None,
            }
        })
        .collect()
}

/// The occurrences of the RHK whose id is under the cursor at `offset` of SKP `k`: its id, and the `intervensi`
/// values that name it.
pub fn references(analysis: &Analysis, k: usize, offset: usize) -> Option<Vec<Occurrence>> {
    let skp = &analysis.workspace.skps[k];
    let r = skp
        .rhk
        .iter()
        .position(|r| r.id_written && r.id.span.start <= offset && offset <= r.id.span.end)?;
    let index = SkpIndex::new(&analysis.workspace.documents, &analysis.workspace.skps);
    let definition = Occurrence {
        file: skp.file,
        span: skp.rhk[r].id.span,
        definition: true,
    };
    let uses = intervened(analysis, &index, k).swap_remove(r);
    let uses = uses.into_iter().map(|(file, span)| Occurrence {
        file,
        span,
        definition: false,
    });
    Some(std::iter::once(definition).chain(uses).collect())
}
