//! The SKP part of `ikilint graph` (SPEC.md section 6): one box per SKP (the employee, then one row per RHK), a
//! dashed arrow to the superior SKP found through the penilai's NIP, and a solid arrow from each RHK to the RHK it
//! intervenes, or to the IKI sasaran it intervenes where the superior keeps no SKP.

use super::{Tree, dot_text, mermaid_text};
use crate::rules::skp::index::{Found, SkpIndex, Target};
use crate::rules::skp::links::intervensi_target;
use crate::skp::SkpDocument;
use std::fmt::Write;

/// Where an intervensi arrow ends: another SKP's RHK, or a drawn IKI sasaran.
enum End {
    Rhk(usize, usize),
    Sasaran(String, String),
}

/// The arrows of every RHK that resolves to something drawn.
fn arrows(tree: &Tree, skps: &[SkpDocument], index: &SkpIndex) -> Vec<(usize, usize, End)> {
    let mut out = Vec::new();
    for (s, skp) in skps.iter().enumerate() {
        for (r, rhk) in skp.rhk.iter().enumerate() {
            let Some(value) = &rhk.intervensi else { continue };
            match intervensi_target(tree.documents, skps, index, s, &value.value) {
                Some(Target::Rhk(k, to)) => out.push((s, r, End::Rhk(k, to))),
                Some(Target::Sasaran((d, j), sas)) => {
                    let pos = tree.cascade.by_doc[d][j];
                    if let Some(&b) = tree.box_of.get(&pos) {
                        out.push((s, r, End::Sasaran(tree.boxes[b].id.clone(), format!("p{pos}s{sas}"))));
                    }
                }
                None => {}
            }
        }
    }
    out
}

fn title(skp: &SkpDocument) -> String {
    let pegawai = skp.pegawai.as_ref();
    let name = pegawai.and_then(|p| p.nama.as_ref()).map_or("?", |n| n.as_str());
    match pegawai.and_then(|p| p.jabatan.as_ref()) {
        Some(jabatan) => format!("SKP {} ({})", name, jabatan.as_str()),
        None => format!("SKP {name}"),
    }
}

fn rhk_text(skp: &SkpDocument, r: usize) -> String {
    let rhk = &skp.rhk[r];
    format!("{}. {}", rhk.id.value, rhk.uraian.as_ref().map_or("", |u| u.as_str()))
}

/// The DOT lines of the SKP boxes and arrows, to go inside the `digraph`.
pub(super) fn dot(tree: &Tree, skps: &[SkpDocument], out: &mut String) {
    let index = SkpIndex::new(tree.documents, skps);
    for (s, skp) in skps.iter().enumerate() {
        let mut rows = format!(
            "<TR><TD BGCOLOR=\"#e3efe0\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>{}</B></TD></TR>",
            dot_text(&title(skp))
        );
        for r in 0..skp.rhk.len() {
            let _ = write!(
                rows,
                "<TR><TD PORT=\"k{s}r{r}\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">{}<BR ALIGN=\"LEFT\"/></TD></TR>",
                dot_text(&rhk_text(skp, r))
            );
        }
        let _ = writeln!(
            out,
            "  k{s} [label=<<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"5\" COLOR=\"#4f7a45\">{rows}</TABLE>>];"
        );
    }
    for (s, found) in index.superior.iter().enumerate() {
        if let Found::One(k) = found {
            let _ = writeln!(out, "  k{s} -> k{k} [style=dashed, color=gray60, arrowhead=empty];");
        }
    }
    for (s, r, end) in arrows(tree, skps, &index) {
        match end {
            End::Rhk(k, to) => {
                let _ = writeln!(
                    out,
                    "  k{s}:k{s}r{r} -> k{k}:k{k}r{to} [constraint=false, color=\"#4f7a45\"];"
                );
            }
            End::Sasaran(node, port) => {
                let _ = writeln!(out, "  k{s}:k{s}r{r} -> {node}:{port} [color=\"#4f7a45\"];");
            }
        }
    }
}

/// The Mermaid lines of the SKP boxes and arrows, appended after the IKI picture.
pub(super) fn mermaid(tree: &Tree, skps: &[SkpDocument], out: &mut String) {
    let index = SkpIndex::new(tree.documents, skps);
    for (s, skp) in skps.iter().enumerate() {
        let _ = writeln!(out, "  subgraph k{s}[\"{}\"]", mermaid_text(&title(skp)));
        if skp.rhk.is_empty() {
            let _ = writeln!(out, "    k{s}empty[\" \"]");
        }
        for r in 0..skp.rhk.len() {
            let _ = writeln!(out, "    k{s}r{r}[\"{}\"]", mermaid_text(&rhk_text(skp, r)));
        }
        let _ = writeln!(out, "  end");
    }
    for (s, found) in index.superior.iter().enumerate() {
        if let Found::One(k) = found {
            let _ = writeln!(out, "  k{s} -.-> k{k}");
        }
    }
    for (s, r, end) in arrows(tree, skps, &index) {
        match end {
            End::Rhk(k, to) => {
                let _ = writeln!(out, "  k{s}r{r} --> k{k}r{to}");
            }
            End::Sasaran(_, port) => {
                let _ = writeln!(out, "  k{s}r{r} --> {port}");
            }
        }
    }
}
