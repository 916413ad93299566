//! `textDocument/references`, `textDocument/prepareRename` and `textDocument/rename` of a position or a sasaran:
//! its id where it is defined and every `atasan`/`mendukung` of the set that names it, in every file.

use super::convert;
use super::references::{Occurrence, Symbol, occurrences, symbol_at};
use super::state::Analysis;
use crate::i18n::{Lang, tr};
use crate::source::{FileId, Span};
use lsp_server::ErrorCode;
use lsp_types as lsp;
use std::collections::HashMap;

type Refusal = (ErrorCode, String);

fn refuse(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> Refusal {
    (
        ErrorCode::RequestFailed,
        tr(lang, &format!("common.server-rename-{key}"), args),
    )
}

/// The symbol at a position of a document, and the span of its name there.
fn symbol_under(analysis: &Analysis, at: &lsp::TextDocumentPositionParams) -> Option<(FileId, Symbol, Span)> {
    let file = analysis.file_of(&at.text_document.uri)?;
    let source = analysis.workspace.files.get(file);
    let offset = convert::offset(source, at.position);
    let (symbol, span) = symbol_at(
        &analysis.workspace.documents,
        analysis.cascade(),
        &source.text,
        file,
        offset,
    )?;
    Some((file, symbol, span))
}

fn all_occurrences(analysis: &Analysis, symbol: Symbol) -> Vec<Occurrence> {
    let files = &analysis.workspace.files;
    occurrences(
        &analysis.workspace.documents,
        analysis.cascade(),
        |f| &files.get(f).text,
        symbol,
    )
}

/// Where an occurrence is in the editor; `None` in a Word or Excel file, which the editor does not edit (its
/// YAML is read again from the file).
fn location(analysis: &Analysis, occurrence: &Occurrence) -> Option<lsp::Location> {
    if analysis.workspace.files.has_origins(occurrence.file) {
        return None;
    }
    let uri = analysis.uris.get(occurrence.file.0)?.clone();
    Some(lsp::Location::new(
        uri,
        convert::range(analysis.workspace.files.get(occurrence.file), occurrence.span),
    ))
}

pub fn references(analysis: &Analysis, params: &lsp::ReferenceParams) -> Vec<lsp::Location> {
    let at = &params.text_document_position;
    let occurrences = match rhk_under(analysis, at) {
        Some(found) => found,
        None => {
            let Some((_, symbol, _)) = symbol_under(analysis, at) else {
                return Vec::new();
            };
            all_occurrences(analysis, symbol)
        }
    };
    occurrences
        .iter()
        .filter(|o| params.context.include_declaration || !o.definition)
        .filter_map(|o| location(analysis, o))
        .collect()
}

/// The occurrences of the RHK of an SKP file whose id is under the cursor: its id and the `intervensi` values that
/// name it.
fn rhk_under(analysis: &Analysis, at: &lsp::TextDocumentPositionParams) -> Option<Vec<Occurrence>> {
    let file = analysis.file_of(&at.text_document.uri)?;
    let k = super::skp::skp_of(analysis, file)?;
    let offset = convert::offset(analysis.workspace.files.get(file), at.position);
    super::skp::references(analysis, k, offset)
}

/// Why `symbol` cannot be renamed, if it cannot: a sasaran whose id is not written (it is its place in the
/// list, which a rename cannot change).
fn renamable(analysis: &Analysis, lang: Lang, symbol: Symbol) -> Result<(), Refusal> {
    if let Symbol::Sasaran(pos, sas) = symbol {
        let (_, jabatan) = analysis.cascade().jabatan(&analysis.workspace.documents, pos);
        let sasaran = &jabatan.sasaran[sas];
        if !sasaran.id_written {
            return Err(refuse(lang, "unwritten", &[("id", &sasaran.id.value)]));
        }
    }
    Ok(())
}

pub fn prepare_rename(
    analysis: &Analysis,
    lang: Lang,
    params: &lsp::TextDocumentPositionParams,
) -> Result<lsp::PrepareRenameResponse, Refusal> {
    let Some((file, symbol, span)) = symbol_under(analysis, params) else {
        return Err(refuse(lang, "nothing", &[]));
    };
    renamable(analysis, lang, symbol)?;
    let source = analysis.workspace.files.get(file);
    Ok(lsp::PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(source, span),
        placeholder: source.slice(span).to_string(),
    })
}

/// Whether `name` may be the new id: a position id is lowercase letters, digits and `-`; a sasaran id has no `/`
/// and no whitespace (SPEC.md section 2); neither may be taken by a sibling.
fn check_name(analysis: &Analysis, lang: Lang, symbol: Symbol, name: &str) -> Result<(), Refusal> {
    let (documents, cascade) = (&analysis.workspace.documents, analysis.cascade());
    let (document, taken) = match symbol {
        Symbol::Position(pos) => {
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                return Err(refuse(lang, "bad-position", &[("name", &name)]));
            }
            let (document, _) = cascade.jabatan(documents, pos);
            let taken = document
                .jabatan
                .iter()
                .any(|j| j.id.as_ref().is_some_and(|id| id.as_str() == name));
            (document, taken)
        }
        Symbol::Sasaran(pos, _) => {
            if name.is_empty() || name.contains('/') || name.chars().any(char::is_whitespace) {
                return Err(refuse(lang, "bad-sasaran", &[("name", &name)]));
            }
            let (document, jabatan) = cascade.jabatan(documents, pos);
            (document, jabatan.sasaran.iter().any(|s| s.id.as_str() == name))
        }
    };
    if taken {
        return Err(refuse(
            lang,
            "taken",
            &[("name", &name), ("dokumen", &document.id().unwrap_or("?"))],
        ));
    }
    Ok(())
}

pub fn rename(analysis: &Analysis, lang: Lang, params: &lsp::RenameParams) -> Result<lsp::WorkspaceEdit, Refusal> {
    let Some((_, symbol, _)) = symbol_under(analysis, &params.text_document_position) else {
        return Err(refuse(lang, "nothing", &[]));
    };
    renamable(analysis, lang, symbol)?;
    let name = params.new_name.trim();
    check_name(analysis, lang, symbol, name)?;
    let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
    for occurrence in all_occurrences(analysis, symbol) {
        if let Some(at) = location(analysis, &occurrence) {
            changes
                .entry(at.uri)
                .or_default()
                .push(lsp::TextEdit::new(at.range, name.to_string()));
        }
    }
    Ok(lsp::WorkspaceEdit::new(changes))
}
