//! SKP files in the editor (SPEC.md section 6): hover on an RHK's `intervensi` shows the RHK (or IKI sasaran) it
//! names, and go-to-definition jumps there.

use super::state::Analysis;
use crate::i18n::{Lang, tr};
use crate::model::Text;
use crate::rules::skp::index::{SkpIndex, Target};
use crate::rules::skp::links::intervensi_target;
use crate::source::{FileId, Span};

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
