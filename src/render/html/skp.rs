//! The SKP files of the report (SPEC.md section 6): one section per SKP, written as HTML (it prints and reads
//! without the script), with its people, a card of its figures and a table of its RHK, each with the state of its
//! `intervensi` link and the findings placed under it.

use super::{Input, escape, grouped, percent, severity_rank, t, text};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::tr;
use crate::rules::skp::index::{SkpIndex, Target};
use crate::rules::skp::is_utama;
use crate::rules::skp::links::{intervensi_target, position_name};
use crate::skp::{SkpDocument, SkpPerson};
use crate::source::FileId;
use std::collections::HashMap;
use std::fmt::Write;

/// Where an SKP finding sits: the SKP (an index of [`Input::skps`]) and the RHK its primary label is in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InSkp {
    pub skp: Option<usize>,
    pub rhk: Option<usize>,
}

/// Place each finding in the SKP and RHK where its primary label starts.
pub fn locate(skps: &[SkpDocument], diagnostics: &[Diagnostic]) -> Vec<InSkp> {
    let by_file: HashMap<FileId, usize> = skps.iter().enumerate().map(|(s, skp)| (skp.file, s)).collect();
    diagnostics
        .iter()
        .map(|d| {
            let Some(&s) = by_file.get(&d.primary.file) else {
                return InSkp::default();
            };
            let skp = &skps[s];
            let offset = d.primary.span.start;
            // The RHK list runs from `rhk:` to the next top-level key after it.
            let others = [
                skp.skp.as_ref().map(|x| x.span.start),
                skp.periode.as_ref().map(|x| x.span.start),
                skp.perilaku_span.map(|x| x.start),
                skp.lampiran.as_ref().map(|x| x.span.start),
            ]
            .into_iter()
            .flatten()
            .chain(skp.people().map(|(_, p)| p.span.start));
            let rhk = super::facts::in_list(skp.rhk_span, others, offset)
                .then(|| super::facts::last_at_or_before(skp.rhk.iter().map(|r| r.span.start), offset))
                .flatten();
            InSkp { skp: Some(s), rhk }
        })
        .collect()
}

/// What an RHK's `intervensi` is, as the report shows it.
enum Link {
    /// An RHK of another SKP (SKP and RHK indexes).
    Rhk(usize, usize),
    /// A sasaran of an IKI position (document, position, sasaran).
    Sasaran(usize, usize, usize),
    /// Written, but names nothing.
    Broken,
    /// Not written, and not needed: an RHK tambahan, the top of a cascade, or an RHK marked mandiri.
    NotNeeded(&'static str),
    /// Not written where it is needed (R001).
    Missing,
}

fn link_of(input: &Input, index: &SkpIndex, s: usize, r: usize) -> Link {
    let skp = &input.skps[s];
    let rhk = &skp.rhk[r];
    match &rhk.intervensi {
        Some(value) => match intervensi_target(input.documents, input.skps, index, s, &value.value) {
            Some(Target::Rhk(k, q)) => Link::Rhk(k, q),
            Some(Target::Sasaran((d, j), q)) => Link::Sasaran(d, j, q),
            None => Link::Broken,
        },
        None if !is_utama(rhk) => Link::NotNeeded("skp-tambahan"),
        None if skp.is_puncak() => Link::NotNeeded("skp-puncak"),
        None if rhk.mandiri.as_ref().is_some_and(|m| m.value) => Link::NotNeeded("skp-mandiri"),
        None => Link::Missing,
    }
}

/// The cell of an RHK's link: where it leads (a link into the report), or why there is none.
fn link_cell(out: &mut String, input: &Input, link: &Link, written: &str) {
    let lang = input.lang;
    let target = |href: String, reference: String, uraian: &Option<crate::model::Text>| {
        let uraian = crate::words::shorten(text(uraian).unwrap_or(""), 80);
        format!(
            "<td class=\"link ok\"><a href=\"#{href}\">{}</a><div class=\"sub\">{}</div></td>",
            escape(&reference),
            escape(&uraian)
        )
    };
    match *link {
        Link::Rhk(k, q) => {
            let skp = &input.skps[k];
            let rhk = &skp.rhk[q];
            let reference = format!("{}/{}", skp.id().unwrap_or("?"), rhk.id.value);
            out.push_str(&target(format!("skp-{k}"), reference, &rhk.uraian));
        }
        Link::Sasaran(d, j, q) => {
            let jabatan = &input.documents[d].jabatan[j];
            let sasaran = &jabatan.sasaran[q];
            let reference = format!("{}/{}", position_name(input.documents, (d, j)), sasaran.id.value);
            out.push_str(&target(format!("doc-{d}"), reference, &sasaran.uraian));
        }
        Link::Broken => {
            let _ = write!(
                out,
                "<td class=\"link bad\"><code>{}</code> <span class=\"sub\">{}</span></td>",
                escape(written),
                escape(&t(lang, "not-found"))
            );
        }
        Link::NotNeeded(key) => {
            let _ = write!(out, "<td class=\"link\">{}</td>", escape(&t(lang, key)));
        }
        Link::Missing => {
            let _ = write!(
                out,
                "<td class=\"link bad\">{}</td>",
                escape(&t(lang, "skp-no-intervensi"))
            );
        }
    }
}

/// The findings `list` (indexes into the report's diagnostics), worst first, as a list.
fn findings_list(out: &mut String, input: &Input, list: &[usize]) {
    if list.is_empty() {
        return;
    }
    let diagnostics = &input.report.diagnostics;
    let mut sorted = list.to_vec();
    sorted.sort_by_key(|&i| (std::cmp::Reverse(severity_rank(diagnostics[i].severity)), i));
    out.push_str("<ul class=\"skp-findings\">");
    for i in sorted {
        let d = &diagnostics[i];
        let rank = severity_rank(d.severity);
        let line = input
            .report
            .files
            .get(d.primary.file)
            .position(d.primary.span.start)
            .line;
        let _ = write!(
            out,
            "<li class=\"sev-row-{rank}\"><span class=\"sevname sev-text-{rank}\">{}</span> <span class=\"code\">{}</span> {} <span class=\"sub\">:{line}</span>",
            escape(&t(input.lang, &format!("sev-{}", severity_key(d.severity)))),
            d.code,
            escape(&d.message.render(input.lang)),
        );
        if let Some(help) = &d.help {
            let _ = write!(
                out,
                "<div class=\"help\">{}: {}</div>",
                escape(&t(input.lang, "help")),
                escape(&help.render(input.lang))
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn person_row(out: &mut String, input: &Input, key: &str, person: &SkpPerson) {
    let nip = text(&person.nip).map(|n| format!(" · NIP {n}")).unwrap_or_default();
    let _ = write!(
        out,
        "<dt>{}</dt><dd>{}{}<div class=\"sub\">{}</div></dd>",
        escape(&t(input.lang, &format!("skp-{}", key.replace('_', "-")))),
        escape(text(&person.nama).unwrap_or("?")),
        escape(&nip),
        escape(text(&person.jabatan).unwrap_or("")),
    );
}

/// The section of SKP `s`; `placed` holds, per SKP, its findings on the SKP itself and per RHK.
pub fn section(out: &mut String, input: &Input, index: &SkpIndex, s: usize, placed: &Placed) {
    let lang = input.lang;
    let skp = &input.skps[s];
    let name = skp.pegawai.as_ref().and_then(|p| text(&p.nama)).unwrap_or("?");
    let year = skp.tahun().map(|y| y.to_string()).unwrap_or_default();
    let head = super::Head {
        class: "skp",
        index: s,
        title: format!("SKP {name}"),
        year,
        kind: "skp-id",
        id: skp.id().unwrap_or("?"),
        file: skp.file,
    };
    super::section_head(out, input, &head);
    let links: Vec<Link> = (0..skp.rhk.len()).map(|r| link_of(input, index, s, r)).collect();
    let needed = links.iter().filter(|l| !matches!(l, Link::NotNeeded(_))).count();
    let linked = links
        .iter()
        .filter(|l| matches!(l, Link::Rhk(..) | Link::Sasaran(..)))
        .count();
    let all: Vec<usize> = placed.own.iter().chain(placed.rhk.iter().flatten()).copied().collect();
    let count = |severity| {
        all.iter()
            .filter(|&&i| input.report.diagnostics[i].severity == severity)
            .count()
    };
    let figure = |out: &mut String, value: String, label: &str, sub: String| {
        super::figure(out, lang, "", value, label, sub);
    };
    out.push_str("<div class=\"card\">");
    figure(out, grouped(skp.rhk.len(), lang), "card-rhk", String::new());
    let indicators = skp.rhk.iter().map(|r| r.indikator.len()).sum();
    figure(out, grouped(indicators, lang), "card-indicators", String::new());
    let share = percent((linked, needed)).map_or_else(|| t(lang, "none"), |p| format!("{p}%"));
    let of = tr(
        lang,
        "report.of",
        &[("part", &grouped(linked, lang)), ("whole", &grouped(needed, lang))],
    );
    figure(out, share, "card-intervensi", of);
    let _ = write!(
        out,
        "<div class=\"figure findings\"><div class=\"value\"><span class=\"sev sev-2\">{}</span> <span class=\"sev sev-1\">{}</span> <span class=\"sev sev-0\">{}</span></div><div class=\"label\">{}</div></div></div>",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        escape(&t(lang, "card-findings")),
    );
    out.push_str("<dl class=\"people\">");
    for (key, person) in skp.people() {
        person_row(out, input, key, person);
    }
    out.push_str("</dl>");
    if !placed.own.is_empty() {
        let _ = write!(out, "<h3>{}</h3>", escape(&t(lang, "skp-own-findings")));
        findings_list(out, input, &placed.own);
    }
    let _ = write!(
        out,
        "<table class=\"rhk\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(&t(lang, "col-rhk")),
        escape(&t(lang, "col-uraian")),
        escape(&t(lang, "col-intervensi")),
        escape(&t(lang, "findings-of")),
    );
    for (r, rhk) in skp.rhk.iter().enumerate() {
        let jenis = text(&rhk.jenis).unwrap_or("utama");
        let _ = write!(
            out,
            "<tr id=\"skp-{s}-rhk-{r}\"><td><strong>{}</strong><div class=\"sub\">{}</div></td><td>{}<ul class=\"ind\">",
            escape(&rhk.id.value),
            escape(jenis),
            escape(text(&rhk.uraian).unwrap_or("")),
        );
        for indikator in &rhk.indikator {
            let target = [text(&indikator.target), text(&indikator.satuan)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let _ = write!(
                out,
                "<li>{} <span class=\"sub\">{}</span></li>",
                escape(text(&indikator.uraian).unwrap_or("")),
                escape(&target)
            );
        }
        out.push_str("</ul></td>");
        link_cell(out, input, &links[r], text(&rhk.intervensi).unwrap_or(""));
        out.push_str("<td>");
        match placed.rhk.get(r).filter(|l| !l.is_empty()) {
            Some(list) => findings_list(out, input, list),
            None => out.push_str(&escape(&t(lang, "none"))),
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></section>");
}

/// The findings of one SKP: on the SKP itself, and per RHK.
#[derive(Default)]
pub struct Placed {
    pub own: Vec<usize>,
    pub rhk: Vec<Vec<usize>>,
}

/// The findings of every SKP, placed.
pub fn place(skps: &[SkpDocument], located: &[InSkp]) -> Vec<Placed> {
    let mut all: Vec<Placed> = skps
        .iter()
        .map(|skp| Placed {
            own: Vec::new(),
            rhk: vec![Vec::new(); skp.rhk.len()],
        })
        .collect();
    for (i, at) in located.iter().enumerate() {
        let Some(s) = at.skp else { continue };
        match at.rhk {
            Some(r) => all[s].rhk[r].push(i),
            None => all[s].own.push(i),
        }
    }
    all
}
