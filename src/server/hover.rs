//! `textDocument/hover` (a decoded NIP; the text an `atasan`/`mendukung` reference points at; a sasaran's text
//! and who feeds it; a rule's explanation on its code in a suppression comment or on a finding) and
//! `textDocument/definition` (jump to the referenced position or sasaran).

use super::convert;
use super::references::{Symbol, Target, feeders, symbol_at, target_at};
use super::state::Analysis;
use crate::i18n::{Lang, tr};
use crate::model::{Jabatan, Sasaran};
use crate::nip::{Gender, Kind, Nip};
use crate::rules::Rule;
use crate::source::{FileId, Span};
use lsp_types as lsp;

fn t(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    tr(lang, &format!("common.{key}"), args)
}

fn date(lang: Lang, year: i32, month: u32, day: Option<u32>) -> String {
    let months = t(lang, "server-months", &[]);
    let name = months
        .split_whitespace()
        .nth(month as usize - 1)
        .unwrap_or("?")
        .to_string();
    match day {
        Some(day) => format!("{day} {name} {year}"),
        None => format!("{name} {year}"),
    }
}

/// The hover text of an NIP as written.
pub fn nip_markdown(lang: Lang, written: &str) -> String {
    let title = format!("**NIP {}**", written.trim());
    let decoded = Nip::parse(written)
        .map_err(|_| ())
        .and_then(|nip| nip.decode().map_err(|_| ()));
    let Ok(nip) = decoded else {
        return format!("{title}\n\n{}", t(lang, "server-nip-invalid", &[]));
    };
    let birth = date(lang, nip.birth.year, nip.birth.month, Some(nip.birth.day));
    let mut lines = Vec::new();
    match nip.kind {
        Kind::Pppk { contract } => {
            lines.push(t(lang, "server-nip-pppk", &[("contract", &contract)]));
            lines.push(t(lang, "server-nip-birth", &[("date", &birth)]));
            lines.push(t(lang, "server-nip-appointed", &[("year", &nip.tmt_year)]));
        }
        Kind::Pns => {
            lines.push(t(lang, "server-nip-pns", &[]));
            lines.push(t(lang, "server-nip-birth", &[("date", &birth)]));
            let tmt = date(lang, nip.tmt_year, nip.tmt_month.unwrap_or(1), None);
            lines.push(t(lang, "server-nip-tmt", &[("date", &tmt)]));
        }
    }
    lines.push(match nip.gender {
        Gender::Male => t(lang, "server-nip-gender-1", &[]),
        Gender::Female => t(lang, "server-nip-gender-2", &[]),
    });
    lines.push(t(lang, "server-nip-age", &[("age", &nip.age_at_tmt())]));
    let body: Vec<String> = lines.iter().map(|l| format!("- {l}")).collect();
    format!("{title}\n\n{}", body.join("\n"))
}

fn jabatan_markdown(lang: Lang, dokumen: Option<&str>, jabatan: &Jabatan) -> String {
    let nama = jabatan.nama.as_ref().map_or("", |n| n.as_str());
    let id = jabatan.id.as_ref().map_or("", |n| n.as_str());
    let mut text = format!(
        "**{nama}**\n\n{}",
        t(
            lang,
            "server-hover-jabatan",
            &[("id", &id), ("dokumen", &dokumen.unwrap_or("?"))]
        )
    );
    if let Some(name) = jabatan.pemangku.as_ref().and_then(|p| p.nama.as_ref()) {
        text.push_str(&format!(
            "\n\n{}",
            t(lang, "server-hover-holder", &[("name", &name.value)])
        ));
    }
    text
}

fn sasaran_markdown(lang: Lang, jabatan: &Jabatan, sasaran: &Sasaran) -> String {
    let nama = jabatan.nama.as_ref().map_or("", |n| n.as_str());
    let uraian = sasaran.uraian.as_ref().map_or("", |u| u.as_str());
    let mut text = format!("**{nama} · {}**\n\n{uraian}", sasaran.id.value);
    let indicators: Vec<String> = sasaran
        .indikator
        .iter()
        .filter_map(|i| i.uraian.as_ref())
        .map(|u| format!("- {}", u.value))
        .collect();
    if !indicators.is_empty() {
        text.push_str(&format!(
            "\n\n{}\n{}",
            t(lang, "server-hover-indicators", &[]),
            indicators.join("\n")
        ));
    }
    text
}

/// A rule's explanation, as `ikilint explain` gives it, in Markdown.
pub fn rule_markdown(lang: Lang, rule: &Rule) -> String {
    let mut text = format!(
        "**{} {}** ({})\n\n{}",
        rule.code,
        rule.name,
        rule.severity,
        rule.text(lang, "summary", &[])
    );
    for key in ["what", "why", "bad", "good", "fix"] {
        let body = rule.text(lang, key, &[]);
        let body = if matches!(key, "bad" | "good") {
            format!("```yaml\n{}\n```", body.trim_end())
        } else {
            body.trim_end().to_string()
        };
        text.push_str(&format!(
            "\n\n**{}**\n\n{body}",
            t(lang, &format!("explain-{key}"), &[])
        ));
    }
    text
}

/// A sasaran where it is defined: its text and the indicators below that feed it.
fn fed_sasaran_markdown(analysis: &Analysis, lang: Lang, pos: usize, sas: usize) -> String {
    let (documents, cascade) = (&analysis.workspace.documents, analysis.cascade());
    let (_, jabatan) = cascade.jabatan(documents, pos);
    let mut text = sasaran_markdown(lang, jabatan, &jabatan.sasaran[sas]);
    let fed = feeders(cascade).remove(&(pos, sas)).unwrap_or_default();
    if fed.is_empty() {
        text.push_str(&format!("\n\n{}", t(lang, "server-lens-unsupported", &[])));
        return text;
    }
    text.push_str(&format!("\n\n{}", t(lang, "server-hover-fed-by", &[])));
    for (below, s, i) in fed {
        let (_, sub) = cascade.jabatan(documents, below);
        let indicator = sub.sasaran[s].indikator[i].uraian.as_ref().map_or("", |u| u.as_str());
        let who = cascade.name(documents, below, Some(cascade.positions[pos].doc));
        text.push_str(&format!("\n- `{who}` · {}: {indicator}", sub.sasaran[s].id.value));
    }
    text
}

/// The rule whose code is under the cursor in a suppression comment, with the code's span.
fn suppressed_code_at(analysis: &Analysis, file: FileId, offset: usize) -> Option<(&'static Rule, Span)> {
    let source = analysis.workspace.files.get(file);
    let (directives, _) = crate::suppress::scan(source);
    directives
        .iter()
        .flat_map(|d| &d.codes)
        .find(|c| c.span.start <= offset && offset <= c.span.end)
        .and_then(|c| c.rule.map(|rule| (rule, c.span)))
}

pub fn hover(analysis: &Analysis, lang: Lang, params: &lsp::HoverParams) -> Option<lsp::Hover> {
    let position = &params.text_document_position_params;
    let file = analysis.file_of(&position.text_document.uri)?;
    let source = analysis.workspace.files.get(file);
    let offset = convert::offset(source, position.position);
    let documents = &analysis.workspace.documents;
    let (span, markdown) = if let Some((rule, span)) = suppressed_code_at(analysis, file, offset) {
        (span, rule_markdown(lang, rule))
    } else if let Some(target) = target_at(documents, analysis.cascade(), file, offset) {
        match target {
            Target::Nip(value) => (value.span, nip_markdown(lang, &value.value)),
            Target::Jabatan {
                value,
                document,
                jabatan,
            } => (value.span, jabatan_markdown(lang, document.id(), jabatan)),
            Target::Sasaran {
                value,
                jabatan,
                sasaran,
                ..
            } => (value.span, sasaran_markdown(lang, jabatan, sasaran)),
        }
    } else if let Some((Symbol::Sasaran(pos, sas), span)) =
        symbol_at(documents, analysis.cascade(), &source.text, file, offset)
    {
        (span, fed_sasaran_markdown(analysis, lang, pos, sas))
    } else if let Some(found) = super::skp::hover(analysis, lang, file, offset) {
        found
    } else {
        let d = analysis
            .diagnostics
            .of(file)
            .iter()
            .find(|d| d.primary.span.start <= offset && offset <= d.primary.span.end)?;
        (d.primary.span, rule_markdown(lang, crate::rules::by_code(d.code)?))
    };
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(convert::range(source, span)),
    })
}

pub fn definition(analysis: &Analysis, params: &lsp::GotoDefinitionParams) -> Option<lsp::Location> {
    let position = &params.text_document_position_params;
    let file = analysis.file_of(&position.text_document.uri)?;
    let offset = convert::offset(analysis.workspace.files.get(file), position.position);
    let (target_file, span) = match target_at(&analysis.workspace.documents, analysis.cascade(), file, offset) {
        Some(Target::Nip(_)) => return None,
        Some(Target::Jabatan { document, jabatan, .. }) => {
            (document.file, jabatan.id.as_ref().map_or(jabatan.span, |id| id.span))
        }
        Some(Target::Sasaran { document, sasaran, .. }) => {
            let span = if sasaran.id_written {
                sasaran.id.span
            } else {
                sasaran.span
            };
            (document.file, span)
        }
        None => super::skp::definition(analysis, file, offset)?,
    };
    let uri = analysis.uris.get(target_file.0)?.clone();
    // In a Word or Excel file the span is in its YAML, not in what the editor would open: its start.
    let range = match analysis.workspace.files.has_origins(target_file) {
        true => lsp::Range::default(),
        false => convert::range(analysis.workspace.files.get(target_file), span),
    };
    Some(lsp::Location::new(uri, range))
}
