//! `textDocument/codeAction`: each finding's fix as a quick fix (safe ones preferred), and "allow CODE on this
//! line", which writes the suppression comment `# ikilint: allow(CODE)` at the end of the line.

use super::convert;
use super::state::Analysis;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::i18n::{Lang, tr};
use crate::source::{FileId, SourceFile, Span};
use lsp_types as lsp;
use std::collections::HashMap;

const MARKER: &str = "# ikilint: allow(";

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out.replace('\n', "⏎")
}

fn fix_title(analysis: &Analysis, lang: Lang, d: &Diagnostic, fix: &Fix) -> String {
    let code = d.code;
    match fix.edits.as_slice() {
        [edit] if edit.file.0 < analysis.workspace.files.len() => {
            let old = analysis.workspace.files.get(edit.file).slice(edit.span);
            let (old, new) = (short(old), short(&edit.replacement));
            match (old.is_empty(), new.is_empty()) {
                (true, _) => tr(lang, "common.server-fix-insert", &[("code", &code), ("new", &new)]),
                (false, true) => tr(lang, "common.server-fix-delete", &[("code", &code), ("old", &old)]),
                (false, false) => tr(
                    lang,
                    "common.server-fix-replace",
                    &[("code", &code), ("old", &old), ("new", &new)],
                ),
            }
        }
        edits => tr(
            lang,
            "common.server-fix-edits",
            &[("code", &code), ("count", &edits.len())],
        ),
    }
}

fn workspace_edit(analysis: &Analysis, edits: impl IntoIterator<Item = (FileId, Span, String)>) -> lsp::WorkspaceEdit {
    let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
    for (file, span, text) in edits {
        let (Some(uri), true) = (analysis.uris.get(file.0), file.0 < analysis.workspace.files.len()) else {
            continue;
        };
        let range = convert::range(analysis.workspace.files.get(file), span);
        changes
            .entry(uri.clone())
            .or_default()
            .push(lsp::TextEdit::new(range, text));
    }
    lsp::WorkspaceEdit::new(changes)
}

/// The line on which to write the suppression comment for a finding starting at `offset`: its own line,
/// except inside a multi-line block scalar (`|`, `>`), where a `#` would become part of the text: there, the
/// header line of the scalar.
fn comment_line(source: &SourceFile, offset: usize) -> usize {
    let line = source.line_index(offset);
    let indent = |l: usize| {
        let text = &source.text[source.line_range(l)];
        (text.len() - text.trim_start().len(), text.trim().is_empty())
    };
    // Walk up the chain of less-indented lines (the parents by indentation); inside a block scalar that chain
    // reaches the scalar's header, otherwise it only meets keys and list items.
    let (mut current, _) = indent(line);
    let mut l = line;
    while l > 0 && current > 0 {
        l -= 1;
        let (i, blank) = indent(l);
        if blank || i >= current {
            continue;
        }
        current = i;
        let text = &source.text[source.line_range(l)];
        let last = text
            .split(" #")
            .next()
            .unwrap_or(text)
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        let is_header = last.starts_with(['|', '>']) && last[1..].chars().all(|c| matches!(c, '-' | '+' | '0'..='9'));
        if is_header {
            return l;
        }
    }
    line
}

/// The edit that adds `code` to the suppression comment of the finding's line.
pub fn allow_edit(source: &SourceFile, offset: usize, code: &str) -> (Span, String) {
    let line = comment_line(source, offset);
    let range = source.line_range(line);
    let text = &source.text[range.clone()];
    if let Some(at) = text.find(MARKER)
        && let Some(close) = text[at..].find(')')
    {
        let inside = &text[at + MARKER.len()..at + close];
        let position = range.start + at + close;
        let separator = if inside.trim().is_empty() { "" } else { ", " };
        return (Span::new(position, position), format!("{separator}{code}"));
    }
    let end = range.start + text.trim_end().len();
    (Span::new(end, range.end), format!("  {MARKER}{code})"))
}

pub fn code_actions(analysis: &Analysis, lang: Lang, params: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let Some(file) = analysis.file_of(&params.text_document.uri) else {
        return Vec::new();
    };
    let source = analysis.workspace.files.get(file);
    let wanted = convert::span(source, params.range);
    let mut fixes = Vec::new();
    let mut allows = Vec::new();
    let mut allowed: Vec<(usize, &str)> = Vec::new();
    for d in analysis.diagnostics.iter().filter(|d| d.primary.file == file) {
        let span = d.primary.span;
        if span.start > wanted.end || wanted.start > span.end {
            continue;
        }
        let lsp_diagnostic = convert::diagnostic(d, convert::range(source, span), &d.primary.message, lang, Vec::new());
        if let Some(fix) = &d.fix {
            let edit = workspace_edit(
                analysis,
                fix.edits.iter().map(|e| (e.file, e.span, e.replacement.clone())),
            );
            fixes.push(lsp::CodeAction {
                title: fix_title(analysis, lang, d, fix),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(edit),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..Default::default()
            });
        }
        let line = comment_line(source, span.start);
        if allowed.contains(&(line, d.code)) {
            continue;
        }
        allowed.push((line, d.code));
        let (at, text) = allow_edit(source, span.start, d.code);
        allows.push(lsp::CodeAction {
            title: tr(lang, "common.server-allow", &[("code", &d.code)]),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_diagnostic]),
            edit: Some(workspace_edit(analysis, [(file, at, text)])),
            is_preferred: Some(false),
            ..Default::default()
        });
    }
    fixes
        .into_iter()
        .chain(allows)
        .map(lsp::CodeActionOrCommand::CodeAction)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow(text: &str, needle: &str, code: &str) -> String {
        let source = SourceFile::new("a.yaml", text);
        let offset = text.find(needle).expect("needle");
        let (span, insert) = allow_edit(&source, offset, code);
        let mut out = text.to_string();
        out.replace_range(span.range(), &insert);
        out
    }

    #[test]
    fn allow_comment_goes_to_the_end_of_the_line_or_joins_an_existing_one() {
        assert_eq!(
            allow("a:\n  b: Prosentase x   \n", "Prosentase", "T001"),
            "a:\n  b: Prosentase x  # ikilint: allow(T001)\n"
        );
        assert_eq!(
            allow("b: x  # ikilint: allow(T003)\n", "x", "T001"),
            "b: x  # ikilint: allow(T003, T001)\n"
        );
        assert_eq!(allow("b: x", "x", "T001"), "b: x  # ikilint: allow(T001)");
    }

    #[test]
    fn inside_a_block_scalar_the_comment_goes_on_its_header() {
        let text = "formula: |\n  Jumlah a\n  dibagi Prosentase\nnext: 1\n";
        assert_eq!(
            allow(text, "Prosentase", "T001"),
            "formula: |  # ikilint: allow(T001)\n  Jumlah a\n  dibagi Prosentase\nnext: 1\n"
        );
        let plain = "- uraian: a\n  formula: b Prosentase\n";
        assert_eq!(
            allow(plain, "Prosentase", "T001"),
            "- uraian: a\n  formula: b Prosentase  # ikilint: allow(T001)\n"
        );
    }
}
