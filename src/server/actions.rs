//! `textDocument/codeAction`: each finding's fix as a quick fix (safe ones preferred), "allow CODE on this
//! line", which writes the suppression comment `# ikilint: allow(CODE)` at the end of the line, and
//! `source.fixAll.ikilint`, every safe fix of the file at once.

use super::convert;
use super::state::Analysis;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::i18n::{Lang, tr};
use crate::source::{FileId, SourceFile, Span};
use crate::suppress::{self, Anchor, Anchors, Scope};
use lsp_types as lsp;
use std::collections::HashMap;

const MARKER: &str = "# ikilint: allow(";

fn fix_title(analysis: &Analysis, lang: Lang, d: &Diagnostic, fix: &Fix) -> String {
    let code = d.code;
    match fix.edits.as_slice() {
        [edit] if edit.file.0 < analysis.workspace.files.len() => {
            let old = analysis.workspace.files.get(edit.file).slice(edit.span);
            let (old, new) = (convert::short(old, 40), convert::short(&edit.replacement, 40));
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

/// The edit that adds `code` to the suppression of a finding starting on `line` (0-based), with the semantics of
/// the suppression engine ([`crate::suppress`]): a comment at the end of the line, or joined to the `allow(…)`
/// already there (or already standing alone above it). Inside a text written over several lines (`anchor`), the
/// comment names the text's key line: at its end when a comment may end it (a `|`/`>` header, a key whose value
/// starts below), else alone on a new line above it.
pub fn allow_edit(source: &SourceFile, anchor: Option<Anchor>, line: usize, code: &str) -> (Span, String) {
    let (target, above) = match anchor {
        Some(a) => (a.line, !a.trailing),
        None => (line, false),
    };
    let (directives, _) = suppress::scan(source);
    let join = |d: &suppress::Directive| {
        let inside = &source.text[d.list.range()];
        let separator = if inside.trim().is_empty() { "" } else { ", " };
        (Span::new(d.list.end, d.list.end), format!("{separator}{code}"))
    };
    let applies = |d: &&suppress::Directive| d.scope == Scope::Line(target);
    // Already allowed on that line (or by a comment alone above it): add the code to the same list.
    if let Some(d) = directives.iter().filter(applies).find(|d| !d.alone) {
        return join(d);
    }
    if let Some(d) = directives.iter().filter(applies).find(|d| d.alone) {
        return join(d);
    }
    let range = source.line_range(target);
    let text = &source.text[range.clone()];
    let content = text.len() - text.trim_start().len();
    if above {
        let at = range.start;
        return (Span::new(at, at), format!("{}{MARKER}{code})\n", &text[..content]));
    }
    // Another comment ends the line: the directive goes before it (a second `#` would be part of the first
    // comment's text, not a directive).
    let comment = suppress::comments(source)
        .into_iter()
        .find(|&(l, hash)| l == target && hash > range.start + content);
    if let Some((_, hash)) = comment {
        let end = range.start + source.text[range.start..hash].trim_end().len();
        return (Span::new(end, end), format!("  {MARKER}{code})"));
    }
    let end = range.start + text.trim_end().len();
    (Span::new(end, range.end), format!("  {MARKER}{code})"))
}

/// The kind of the "fix all safe fixes in this file" action.
pub fn fix_all_kind() -> lsp::CodeActionKind {
    lsp::CodeActionKind::new("source.fixAll.ikilint")
}

/// Every safe fix of findings in `file` whose edits stay in the file, as one edit; a fix that overlaps one taken
/// before it is left for the next round (as `ikilint check --fix` does by repeating).
fn fix_all(analysis: &Analysis, lang: Lang, file: FileId) -> Option<lsp::CodeAction> {
    let mut taken: Vec<Span> = Vec::new();
    let mut edits = Vec::new();
    for fix in analysis
        .diagnostics
        .of(file)
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe && f.edits.iter().all(|e| e.file == file))
    {
        let overlaps = |e: &crate::diagnostic::Edit| {
            taken
                .iter()
                .any(|t| e.span.start < t.end && t.start < e.span.end || e.span == *t)
        };
        if fix.edits.iter().any(overlaps) {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span));
        edits.extend(fix.edits.iter().map(|e| (e.file, e.span, e.replacement.clone())));
    }
    if edits.is_empty() {
        return None;
    }
    let count = edits.len();
    Some(lsp::CodeAction {
        title: tr(lang, "common.server-fix-all", &[("count", &count)]),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(analysis, edits)),
        ..Default::default()
    })
}

/// Whether the client asked for actions of `kind` (`context.only` lists kinds or their prefixes).
fn wanted(params: &lsp::CodeActionParams, kind: &lsp::CodeActionKind) -> bool {
    params.context.only.as_ref().is_none_or(|only| {
        only.iter()
            .any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str())))
    })
}

pub fn code_actions(analysis: &Analysis, lang: Lang, params: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let Some(file) = analysis.file_of(&params.text_document.uri) else {
        return Vec::new();
    };
    let fix_all = fix_all(analysis, lang, file).filter(|_| wanted(params, &fix_all_kind()));
    if !wanted(params, &lsp::CodeActionKind::QUICKFIX) {
        return fix_all.into_iter().map(lsp::CodeActionOrCommand::CodeAction).collect();
    }
    let source = analysis.workspace.files.get(file);
    let wanted = convert::span(source, params.range);
    let anchors = Anchors::of(&analysis.workspace.files, &analysis.workspace.documents);
    let mut fixes = Vec::new();
    let mut allows = Vec::new();
    let mut allowed: Vec<(usize, &str)> = Vec::new();
    for d in analysis.diagnostics.of(file) {
        let span = d.primary.span;
        if span.start > wanted.end || wanted.start > span.end {
            continue;
        }
        let lsp_diagnostic =
            convert::diagnostic(d, convert::range(source, span), &d.primary.text(lang), lang, Vec::new());
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
        let line = source.line_index(span.start);
        let anchor = anchors.get(file, line);
        if allowed.contains(&(anchors.line(file, line), d.code)) {
            continue;
        }
        allowed.push((anchors.line(file, line), d.code));
        let (at, text) = allow_edit(source, anchor, line, d.code);
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
        .chain(fix_all)
        .map(lsp::CodeActionOrCommand::CodeAction)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Data;
    use crate::lint::{self, Settings};

    fn lint_text(text: &str) -> (crate::workspace::Workspace, Vec<Diagnostic>) {
        let workspace = crate::workspace::load_sources(vec![("a.yaml".to_string(), text.to_string())]);
        let diagnostics = lint::lint(&workspace, &Data::builtin(), &Settings::new(Lang::En));
        (workspace, diagnostics)
    }

    fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
        let mut out: Vec<_> = diagnostics.iter().map(|d| d.code).collect();
        out.sort();
        out
    }

    /// Apply the allow action for the first T001 of `text` and check, through the engine, that exactly that
    /// finding went away (no S007, nothing else changed); returns the new text.
    fn allow_t001(text: &str) -> String {
        let (workspace, before) = lint_text(text);
        let d = before
            .iter()
            .find(|d| d.code == "T001")
            .unwrap_or_else(|| panic!("no T001 in {text}"));
        let source = workspace.files.get(d.primary.file);
        let anchors = Anchors::of(&workspace.files, &workspace.documents);
        let line = source.line_index(d.primary.span.start);
        let (span, insert) = allow_edit(source, anchors.get(d.primary.file, line), line, "T001");
        let mut out = text.to_string();
        out.replace_range(span.range(), &insert);
        let (_, after) = lint_text(&out);
        let mut expected = codes(&before);
        let at = expected.iter().position(|c| *c == "T001").expect("T001");
        expected.remove(at);
        assert_eq!(codes(&after), expected, "after the action:\n{out}");
        out
    }

    fn document(indicator: &str) -> String {
        format!(
            "dokumen:\n  id: a\n  unit: Kecamatan A\n  tahun: 2020\njabatan:\n  - id: camat\n    nama: Camat A\n    \
             sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n{indicator}"
        )
    }

    #[test]
    fn allow_comment_ends_the_line_joins_an_allow_or_goes_before_another_comment() {
        let plain = document("          - uraian: Prosentase layanan selesai   \n");
        assert!(allow_t001(&plain).contains("- uraian: Prosentase layanan selesai  # ikilint: allow(T001)\n"));
        let joined = document("          - uraian: Prosentase layanan selesai  # ikilint: allow(U009)\n");
        let out = allow_t001(&joined);
        assert!(out.contains("# ikilint: allow(U009, T001)\n"), "{out}");
        let commented = document("          - uraian: Prosentase layanan selesai   # dari renstra\n");
        let out = allow_t001(&commented);
        assert!(
            out.contains("selesai  # ikilint: allow(T001)   # dari renstra\n"),
            "the other comment is kept: {out}"
        );
    }

    #[test]
    fn inside_a_text_over_several_lines_the_comment_names_its_key_line() {
        let formula = |value: &str| {
            document(&format!(
                "          - uraian: Persentase layanan selesai\n            formula: {value}\n"
            ))
        };
        // A block scalar: on its header.
        let out = allow_t001(&formula(
            "|\n              Jumlah selesai\n              dibagi Prosentase x 100",
        ));
        assert!(out.contains("formula: |  # ikilint: allow(T001)\n"), "{out}");
        // A quoted or plain text over several lines: alone on the line above its key.
        for value in [
            "\"Jumlah selesai\n              dibagi Prosentase x 100\"",
            "Jumlah selesai\n              dibagi Prosentase x 100",
        ] {
            let out = allow_t001(&formula(value));
            assert!(
                out.contains("\n            # ikilint: allow(T001)\n            formula: "),
                "{out}"
            );
        }
        // A text that starts under its key: at the end of the key's line.
        let out = allow_t001(&formula(
            "\n              \"Jumlah selesai\n              dibagi Prosentase x 100\"",
        ));
        assert!(out.contains("formula:  # ikilint: allow(T001)\n"), "{out}");
    }
}
