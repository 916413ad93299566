//! What an editor draws around the text: the outline (`textDocument/documentSymbol`: document → positions →
//! sasaran → indicators), a code lens above each sasaran saying how many indicators below feed it, and inlay
//! hints after `atasan`/`mendukung` naming what they point at.

use super::convert;
use super::references::{feeders, links_of};
use super::state::Analysis;
use crate::cascade::{Atasan, Link};
use crate::i18n::{Lang, tr};
use crate::model::{Indikator, Jabatan, Sasaran, Text};
use crate::source::{SourceFile, Span};
use lsp_types as lsp;

const HINT_LENGTH: usize = 40;

/// From `start` to the end of the furthest of `inside` (the model keeps the span where an entry starts, not its
/// whole extent).
fn reach<'t>(start: Span, inside: impl IntoIterator<Item = &'t Text>) -> Span {
    let end = inside.into_iter().map(|t| t.span.end).fold(start.end, usize::max);
    Span::new(start.start, end)
}

fn extent_of_sasaran(sasaran: &Sasaran) -> Span {
    let texts = sasaran.uraian.iter().chain(&sasaran.mendukung).chain([&sasaran.id]);
    let indicators = sasaran.indikator.iter().flat_map(indicator_texts);
    reach(sasaran.span, texts.chain(indicators))
}

fn indicator_texts(i: &Indikator) -> impl Iterator<Item = &Text> {
    [&i.uraian, &i.satuan, &i.formula, &i.target, &i.mendukung]
        .into_iter()
        .flatten()
        .chain(&i.sumber_data)
}

fn extent_of_jabatan(jabatan: &Jabatan) -> Span {
    let mut texts: Vec<&Text> = [&jabatan.id, &jabatan.nama, &jabatan.atasan]
        .into_iter()
        .flatten()
        .collect();
    texts.extend(jabatan.pemangku.iter().flat_map(|p| p.nama.iter().chain(&p.nip)));
    texts.extend(jabatan.tugas.iter().chain(&jabatan.fungsi));
    if let Some(tt) = &jabatan.tanda_tangan {
        texts.extend(&tt.tempat_tanggal);
        for signer in [&tt.atasan, &tt.pegawai].into_iter().flatten() {
            texts.extend([&signer.jabatan, &signer.nama, &signer.nip].into_iter().flatten());
        }
    }
    let start = reach(jabatan.span, texts);
    let sasaran = jabatan
        .sasaran
        .iter()
        .map(extent_of_sasaran)
        .fold(start.end, |e, s| e.max(s.end));
    Span::new(start.start, sasaran)
}

fn text_or<'a>(text: &'a Option<Text>, fallback: &'a str) -> &'a str {
    text.as_ref().map_or(fallback, |t| t.as_str())
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, and is left empty.
fn symbol(
    source: &SourceFile,
    name: String,
    detail: Option<String>,
    kind: lsp::SymbolKind,
    span: Span,
    selection: Option<Span>,
    children: Vec<lsp::DocumentSymbol>,
) -> lsp::DocumentSymbol {
    // The selection must lie inside the whole range.
    let selection = selection
        .filter(|s| span.start <= s.start && s.end <= span.end)
        .unwrap_or(span);
    let name = if name.trim().is_empty() { "?".to_string() } else { name };
    lsp::DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: convert::range(source, span),
        selection_range: convert::range(source, selection),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbols(analysis: &Analysis, params: &lsp::DocumentSymbolParams) -> Vec<lsp::DocumentSymbol> {
    let Some(file) = analysis.file_of(&params.text_document.uri) else {
        return Vec::new();
    };
    let source = analysis.workspace.files.get(file);
    if let Some(skp) = analysis.workspace.skps.iter().find(|skp| skp.file == file) {
        return skp_symbols(source, skp);
    }
    let Some(document) = analysis.document(file) else {
        return Vec::new();
    };
    let positions = document
        .jabatan
        .iter()
        .map(|jabatan| {
            let sasaran = jabatan
                .sasaran
                .iter()
                .map(|sasaran| {
                    let indicators = sasaran
                        .indikator
                        .iter()
                        .map(|i| {
                            let name = text_or(&i.uraian, "");
                            let span = i.uraian.as_ref().map(|u| u.span);
                            let detail = i.satuan.as_ref().map(|s| s.value.to_string());
                            symbol(
                                source,
                                name.to_string(),
                                detail,
                                lsp::SymbolKind::PROPERTY,
                                reach(i.span, indicator_texts(i)),
                                span,
                                Vec::new(),
                            )
                        })
                        .collect();
                    let name = format!("{} · {}", sasaran.id.value, text_or(&sasaran.uraian, ""));
                    let detail = sasaran.mendukung.as_ref().map(|m| format!("→ {}", m.value));
                    let selection = Some(sasaran.id.span).filter(|_| sasaran.id_written);
                    symbol(
                        source,
                        name,
                        detail,
                        lsp::SymbolKind::FIELD,
                        extent_of_sasaran(sasaran),
                        selection,
                        indicators,
                    )
                })
                .collect();
            let name = text_or(&jabatan.nama, text_or(&jabatan.id, "?")).to_string();
            let detail = jabatan.id.as_ref().map(|i| i.value.to_string());
            let selection = jabatan.id.as_ref().map(|i| i.span);
            symbol(
                source,
                name,
                detail,
                lsp::SymbolKind::CLASS,
                extent_of_jabatan(jabatan),
                selection,
                sasaran,
            )
        })
        .collect();
    let dokumen = document.dokumen.as_ref();
    let name = dokumen.map_or("?", |d| text_or(&d.id, "?")).to_string();
    let detail = dokumen.and_then(|d| d.unit.as_ref()).map(|u| u.value.to_string());
    let selection = dokumen.and_then(|d| d.id.as_ref()).map(|i| i.span);
    let end = document
        .jabatan
        .iter()
        .map(extent_of_jabatan)
        .fold(document.span.end, |e, j| e.max(j.end));
    vec![symbol(
        source,
        name,
        detail,
        lsp::SymbolKind::MODULE,
        Span::new(document.span.start, end),
        selection,
        positions,
    )]
}

/// The outline of an SKP: the SKP → its RHK (→ the RHK it intervenes) → their indicators (with the aspek).
fn skp_symbols(source: &SourceFile, skp: &crate::skp::SkpDocument) -> Vec<lsp::DocumentSymbol> {
    let rhk_symbols = skp
        .rhk
        .iter()
        .map(|rhk| {
            let indicators: Vec<lsp::DocumentSymbol> = rhk
                .indikator
                .iter()
                .map(|i| {
                    let texts = [&i.aspek, &i.uraian, &i.target, &i.satuan].into_iter().flatten();
                    symbol(
                        source,
                        text_or(&i.uraian, "").to_string(),
                        i.aspek.as_ref().map(|a| a.value.to_string()),
                        lsp::SymbolKind::PROPERTY,
                        reach(i.span, texts),
                        i.uraian.as_ref().map(|u| u.span),
                        Vec::new(),
                    )
                })
                .collect();
            let texts = [&rhk.jenis, &rhk.uraian, &rhk.intervensi, &rhk.sasaran, &rhk.perspektif]
                .into_iter()
                .flatten()
                .chain([&rhk.id]);
            let end = reach(rhk.span, texts).end;
            let end = rhk
                .indikator
                .iter()
                .flat_map(|i| [&i.aspek, &i.uraian, &i.target, &i.satuan].into_iter().flatten())
                .fold(end, |e, t| e.max(t.span.end));
            symbol(
                source,
                format!("{} · {}", rhk.id.value, text_or(&rhk.uraian, "")),
                rhk.intervensi.as_ref().map(|m| format!("→ {}", m.value)),
                lsp::SymbolKind::FIELD,
                Span::new(rhk.span.start, end),
                Some(rhk.id.span).filter(|_| rhk.id_written),
                indicators,
            )
        })
        .collect();
    let header = skp.skp.as_ref();
    let name = header.map_or("?", |h| text_or(&h.id, "?")).to_string();
    let detail = skp
        .pegawai
        .as_ref()
        .and_then(|p| p.nama.as_ref())
        .map(|n| n.value.to_string());
    let selection = header.and_then(|h| h.id.as_ref()).map(|i| i.span);
    vec![symbol(
        source,
        name,
        detail,
        lsp::SymbolKind::MODULE,
        Span::new(skp.span.start, source.text.len()),
        selection,
        rhk_symbols,
    )]
}

pub fn code_lenses(analysis: &Analysis, lang: Lang, params: &lsp::CodeLensParams) -> Vec<lsp::CodeLens> {
    let Some(file) = analysis.file_of(&params.text_document.uri) else {
        return Vec::new();
    };
    if let Some(k) = super::skp::skp_of(analysis, file) {
        return super::skp::code_lenses(analysis, lang, k);
    }
    let Some(d) = analysis.workspace.documents.iter().position(|doc| doc.file == file) else {
        return Vec::new();
    };
    let (source, cascade) = (analysis.workspace.files.get(file), analysis.cascade());
    let fed = feeders(cascade);
    let document = &analysis.workspace.documents[d];
    let mut out = Vec::new();
    for (j, jabatan) in document.jabatan.iter().enumerate() {
        let pos = cascade.by_doc[d][j];
        for (s, sasaran) in jabatan.sasaran.iter().enumerate() {
            let count = fed.get(&(pos, s)).map_or(0, Vec::len);
            let title = if count == 0 {
                tr(lang, "common.server-lens-unsupported", &[])
            } else {
                tr(lang, "common.server-lens-supported", &[("count", &count)])
            };
            let line = source.line_index(sasaran.span.start) as u32;
            out.push(lsp::CodeLens {
                range: lsp::Range::new(lsp::Position::new(line, 0), lsp::Position::new(line, 0)),
                // An empty command: a label the editor shows without making it clickable.
                command: Some(lsp::Command::new(title, String::new(), None)),
                data: None,
            });
        }
    }
    out
}

pub(super) fn hint(source: &SourceFile, after: Span, label: String) -> lsp::InlayHint {
    let (line, character) = source.utf16_position(after.end);
    lsp::InlayHint {
        position: lsp::Position::new(line, character),
        label: lsp::InlayHintLabel::String(format!("→ {}", convert::short(&label, HINT_LENGTH))),
        kind: None,
        text_edits: None,
        tooltip: Some(lsp::InlayHintTooltip::String(label)),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

pub fn inlay_hints(analysis: &Analysis, params: &lsp::InlayHintParams) -> Vec<lsp::InlayHint> {
    let Some(file) = analysis.file_of(&params.text_document.uri) else {
        return Vec::new();
    };
    let source = analysis.workspace.files.get(file);
    let wanted = convert::span(source, params.range);
    if let Some(s) = super::skp::skp_of(analysis, file) {
        return super::skp::inlay_hints(analysis, s, wanted);
    }
    let Some(d) = analysis.workspace.documents.iter().position(|doc| doc.file == file) else {
        return Vec::new();
    };
    let (documents, cascade) = (&analysis.workspace.documents, analysis.cascade());
    let visible = |span: Span| span.end >= wanted.start && span.start <= wanted.end;
    let mut out = Vec::new();
    for (j, jabatan) in documents[d].jabatan.iter().enumerate() {
        let pos = cascade.by_doc[d][j];
        if let (Some(value), Atasan::Resolved(superior)) = (&jabatan.atasan, &cascade.positions[pos].atasan)
            && visible(value.span)
        {
            let (_, above) = cascade.jabatan(documents, *superior);
            out.push(hint(source, value.span, text_or(&above.nama, "?").to_string()));
        }
        for link in links_of(documents, cascade, pos).filter(|l| visible(l.value.span)) {
            if let Link::Resolved { pos: target, sas, .. } = *link.link {
                let (_, above) = cascade.jabatan(documents, target);
                out.push(hint(
                    source,
                    link.value.span,
                    text_or(&above.sasaran[sas].uraian, "?").to_string(),
                ));
            }
        }
    }
    out
}
