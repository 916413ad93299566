//! `textDocument/completion`: the positions of the set after `atasan:`, the sasaran of the direct superior (then
//! those further up, marked) after `mendukung:`, the unit vocabulary after `satuan:`, the standard (KBBI) form of a
//! word being typed in a text that T001 checks, and the schema's keys at the cursor's level elsewhere. The context is read from the lines around the cursor, so it works while the line
//! being typed is still incomplete.

use super::convert;
use super::state::Analysis;
use crate::cascade::{Atasan, PosId};
use crate::data::Data;
use crate::i18n::{Lang, tr};
use crate::model::Text;
use crate::rules::text::tables::Kbbi;
use crate::units::Satuan;
use crate::words::match_case;
use lsp_types as lsp;
use serde_json::Value;
use std::sync::OnceLock;

/// A `key: value` line (or list item `- key: value`): the column of the key, the key, and where the value starts.
struct KeyLine<'a> {
    column: usize,
    key: &'a str,
    value_start: usize,
    value: &'a str,
}

fn key_line(line: &str) -> Option<KeyLine<'_>> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[indent..];
    let mut column = indent;
    if let Some(item) = rest.strip_prefix('-').filter(|r| r.starts_with(' ')) {
        let spaces = item.len() - item.trim_start_matches(' ').len();
        column += 1 + spaces;
        rest = &item[spaces..];
    }
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let after = &rest[end..];
    if end == 0 || !(after == ":" || after.starts_with(": ") || after.starts_with(":\t")) {
        return None;
    }
    let value = after[1..].trim_start();
    Some(KeyLine {
        column,
        key: &rest[..end],
        value_start: line.len() - value.len(),
        value,
    })
}

/// The keys of the mappings that enclose column `column` of line `line`, outermost first, read from the lines
/// above by their indentation.
fn path_at(lines: &[&str], line: usize, mut column: usize) -> Vec<String> {
    let mut path = Vec::new();
    for text in lines[..line].iter().rev() {
        if column == 0 {
            break;
        }
        let Some(parent) = key_line(text) else {
            continue;
        };
        let opens = parent.value.is_empty() || parent.value.starts_with('#');
        if parent.column < column && opens {
            path.push(parent.key.to_string());
            column = parent.column;
        }
    }
    path.reverse();
    path
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(&crate::json_schema::generate()).unwrap_or(Value::Null))
}

/// A schema node with `$ref`, `anyOf` (an optional value) and `items` (a list) looked through.
fn resolve(node: &Value) -> &Value {
    if let Some(name) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
    {
        return resolve(&schema()["definitions"][name]);
    }
    if let Some(choices) = node.get("anyOf").and_then(Value::as_array)
        && let Some(object) = choices.iter().map(resolve).find(|c| c.get("properties").is_some())
    {
        return object;
    }
    if node.get("type").and_then(Value::as_str) == Some("array")
        && let Some(items) = node.get("items")
    {
        return resolve(items);
    }
    node
}

/// The keys the schema allows in the mapping at `path` of an IKI document, or of an SKP document when `skp`, with
/// their descriptions.
fn keys_at(path: &[String], skp: bool) -> Vec<(String, String)> {
    // The schema's root is one of the two kinds (`oneOf`: IKI first, then SKP).
    let mut node = resolve(&schema()["oneOf"][usize::from(skp)]);
    for key in path {
        node = resolve(&node["properties"][key.as_str()]);
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|properties| {
            properties
                .iter()
                .map(|(key, p)| {
                    let description = p.get("description").and_then(Value::as_str).unwrap_or("");
                    (key.clone(), description.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn item(
    label: String,
    detail: String,
    sort: String,
    edit: lsp::Range,
    kind: lsp::CompletionItemKind,
) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: label.clone(),
        kind: Some(kind),
        detail: Some(detail),
        sort_text: Some(sort),
        filter_text: Some(label.clone()),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(edit, label))),
        ..Default::default()
    }
}

fn text_of(text: &Option<Text>) -> &str {
    text.as_ref().map_or("", |t| t.as_str())
}

pub fn completion(
    analysis: &Analysis,
    data: &Data,
    lang: Lang,
    params: &lsp::CompletionParams,
) -> Option<lsp::CompletionResponse> {
    let at = &params.text_document_position;
    let file = analysis.file_of(&at.text_document.uri)?;
    let source = analysis.workspace.files.get(file);
    let offset = convert::offset(source, at.position);
    let line = source.line_index(offset);
    let line_start = source.line_start(line);
    let before = &source.text[line_start..offset];
    let lines: Vec<&str> = source.text.lines().collect();
    let range_from = |column: usize| {
        let (l, c) = source.utf16_position(line_start + column);
        lsp::Range::new(lsp::Position::new(l, c), at.position)
    };
    let items = match key_line(before) {
        Some(k) if PROSE_KEYS.contains(&k.key) => standard_forms(data, lang, before, &range_from),
        Some(k) => {
            let path = path_at(&lines, line, k.column);
            let quote = usize::from(k.value.starts_with(['"', '\'']));
            let edit = range_from(k.value_start + quote);
            values(analysis, data, lang, file, offset, &path, k.key, edit)
        }
        None if before.trim_start().starts_with("- ")
            && path_at(&lines, line, before.len() - before.trim_start().len())
                .last()
                .is_some_and(|k| PROSE_KEYS.contains(&k.as_str())) =>
        {
            standard_forms(data, lang, before, &range_from)
        }
        None => {
            let typed = before.trim_start_matches(' ');
            let typed = typed.strip_prefix("- ").unwrap_or(typed).trim_start_matches(' ');
            if !typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return None;
            }
            let column = before.len() - typed.len();
            let path = path_at(&lines, line, column);
            let edit = range_from(column);
            let skp = lines.iter().any(|l| l.starts_with("skp:"));
            keys_at(&path, skp)
                .into_iter()
                .map(|(key, description)| {
                    let mut item = item(
                        key.clone(),
                        description,
                        key.clone(),
                        edit,
                        lsp::CompletionItemKind::PROPERTY,
                    );
                    item.text_edit = Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                        edit,
                        format!("{key}: "),
                    )));
                    item
                })
                .collect()
        }
    };
    Some(lsp::CompletionResponse::Array(items))
}

/// Keys whose texts T001 checks for non-standard spelling (names are not checked).
const PROSE_KEYS: &[&str] = &["uraian", "formula", "target", "tugas", "fungsi", "sumber_data", "unit"];

/// The standard forms of `rules/kbbi.yaml` (and extra rules) for the word being typed at the end of `before`:
/// those that start like it, or whose non-standard form does (`Prosen` → `Persentase`).
fn standard_forms(
    data: &Data,
    lang: Lang,
    before: &str,
    range_from: &dyn Fn(usize) -> lsp::Range,
) -> Vec<lsp::CompletionItem> {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let typed = &before[start..];
    if typed.chars().count() < 3 {
        return Vec::new();
    }
    let lower = typed.to_lowercase();
    let kbbi = data.table::<Kbbi>();
    let mut out: Vec<lsp::CompletionItem> = Vec::new();
    for entry in kbbi.entries() {
        let matched = [&entry.baku, &entry.tidak_baku]
            .into_iter()
            .find(|form| form.to_lowercase().starts_with(&lower));
        let Some(matched) = matched else {
            continue;
        };
        let standard = match_case(typed, &entry.baku);
        if out.iter().any(|i| i.label == standard) {
            continue;
        }
        let detail = tr(lang, "common.server-complete-kbbi", &[("form", &entry.tidak_baku)]);
        let mut item = item(
            standard.clone(),
            detail,
            standard,
            range_from(start),
            lsp::CompletionItemKind::TEXT,
        );
        item.filter_text = Some(match_case(typed, matched));
        out.push(item);
    }
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out.truncate(20);
    // A typo of a common word as T007 finds it (`membntu` → `membantu`), once the word is long enough to judge.
    if typed.chars().count() >= 5 && !typed.chars().skip(1).any(char::is_uppercase) {
        for word in crate::rules::text::corrections(data, typed) {
            let label = match_case(typed, &word);
            if out.iter().any(|i| i.label == label) {
                continue;
            }
            let detail = tr(lang, "common.server-complete-typo", &[("word", &typed)]);
            let mut item = item(
                label.clone(),
                detail,
                label,
                range_from(start),
                lsp::CompletionItemKind::TEXT,
            );
            item.filter_text = Some(typed.to_string());
            out.push(item);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn values(
    analysis: &Analysis,
    data: &Data,
    lang: Lang,
    file: crate::source::FileId,
    offset: usize,
    path: &[String],
    key: &str,
    edit: lsp::Range,
) -> Vec<lsp::CompletionItem> {
    if let Some(s) = super::skp::skp_of(analysis, file) {
        return super::skp::values(analysis, data, lang, s, path, key, edit);
    }
    let documents = &analysis.workspace.documents;
    let Some(d) = documents.iter().position(|doc| doc.file == file) else {
        return Vec::new();
    };
    let in_position = path.first().map(String::as_str) == Some("jabatan");
    let value = lsp::CompletionItemKind::VALUE;
    match (key, path.last().map(String::as_str)) {
        ("satuan", Some("indikator")) => satuan_items(data, lang, edit),
        ("atasan", Some("jabatan")) if path.len() == 1 => {
            let here = enclosing_position(analysis, d, offset);
            let cascade = analysis.cascade();
            (0..cascade.positions.len())
                .filter(|&p| Some(p) != here)
                .filter_map(|p| {
                    let (document, jabatan) = cascade.jabatan(documents, p);
                    jabatan.id.as_ref()?;
                    let other = usize::from(cascade.positions[p].doc != d);
                    let label = cascade.name(documents, p, Some(d));
                    let detail = format!("{} ({})", text_of(&jabatan.nama), document.id().unwrap_or("?"));
                    Some(item(label.clone(), detail, format!("{other}{label}"), edit, value))
                })
                .collect()
        }
        ("mendukung", Some("sasaran" | "indikator")) if in_position => {
            let Some(here) = enclosing_position(analysis, d, offset) else {
                return Vec::new();
            };
            superior_sasaran(analysis, lang, here, edit)
        }
        _ => Vec::new(),
    }
}

/// The unit vocabulary, each word with the kind of unit it names.
pub(super) fn satuan_items(data: &Data, lang: Lang, edit: lsp::Range) -> Vec<lsp::CompletionItem> {
    data.table::<Satuan>()
        .satuan
        .iter()
        .map(|(word, kind)| {
            let detail = tr(lang, &format!("units.kind-{}", kind.key()), &[]);
            item(word.clone(), detail, word.clone(), edit, lsp::CompletionItemKind::VALUE)
        })
        .collect()
}

/// The position whose entry holds `offset` in document `d`.
fn enclosing_position(analysis: &Analysis, d: usize, offset: usize) -> Option<PosId> {
    let document = &analysis.workspace.documents[d];
    let j = document.jabatan.iter().rposition(|j| j.span.start <= offset)?;
    Some(analysis.cascade().by_doc[d][j])
}

/// The sasaran of the direct superior of `here` (written as their bare id), then those of the superiors above it
/// (written in full and marked: linking to them skips a level).
fn superior_sasaran(analysis: &Analysis, lang: Lang, here: PosId, edit: lsp::Range) -> Vec<lsp::CompletionItem> {
    let (documents, cascade) = (&analysis.workspace.documents, analysis.cascade());
    let from_doc = cascade.positions[here].doc;
    let mut out = Vec::new();
    let mut seen = vec![here];
    let mut at = here;
    while let Atasan::Resolved(superior) = cascade.positions[at].atasan {
        if seen.contains(&superior) {
            break;
        }
        seen.push(superior);
        let direct = at == here;
        let (_, jabatan) = cascade.jabatan(documents, superior);
        for sasaran in &jabatan.sasaran {
            let uraian = text_of(&sasaran.uraian);
            let (label, detail) = if direct {
                (sasaran.id.value.to_string(), uraian.to_string())
            } else {
                let name = cascade.name(documents, superior, Some(from_doc));
                let marked = tr(lang, "common.server-complete-above", &[("uraian", &uraian)]);
                (format!("{name}/{}", sasaran.id.value), marked)
            };
            let sort = format!("{:03}{label}", seen.len());
            let mut item = item(label, detail, sort, edit, lsp::CompletionItemKind::REFERENCE);
            item.documentation = Some(lsp::Documentation::String(text_of(&jabatan.nama).to_string()));
            out.push(item);
        }
        at = superior;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_of_a_line_is_read_from_the_keys_above_it() {
        let text = "jabatan:\n  - id: camat\n    sasaran:\n      - id: S1\n        indikator:\n          - uraian: I\n            sat\n";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(path_at(&lines, 6, 12), ["jabatan", "sasaran", "indikator"]);
        assert_eq!(path_at(&lines, 3, 8), ["jabatan", "sasaran"]);
        assert_eq!(path_at(&lines, 1, 4), ["jabatan"]);
        assert!(path_at(&lines, 1, 0).is_empty());
        let k = key_line("        mendukung: ca").expect("a key line");
        assert_eq!((k.column, k.key, k.value), (8, "mendukung", "ca"));
        let k = key_line("  - id: camat").expect("an item");
        assert_eq!((k.column, k.key, k.value_start), (4, "id", 8));
        assert!(key_line("    uraian").is_none());
        assert!(key_line("    url: http://x").is_some());
    }

    #[test]
    fn keys_come_from_the_schema_at_each_level() {
        let keys = |path: &[&str]| {
            let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
            keys_at(&path, false).into_iter().map(|(k, _)| k).collect::<Vec<_>>()
        };
        let skp_keys = |path: &[&str]| {
            let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
            keys_at(&path, true).into_iter().map(|(k, _)| k).collect::<Vec<_>>()
        };
        assert!(skp_keys(&[]).contains(&"pejabat_penilai".to_string()));
        assert!(skp_keys(&["rhk", "indikator"]).contains(&"aspek".to_string()));
        assert_eq!(keys(&[]), ["dokumen", "jabatan"]);
        assert!(keys(&["jabatan", "sasaran", "indikator"]).contains(&"satuan".to_string()));
        assert!(keys(&["jabatan", "pemangku"]).contains(&"nip".to_string()));
        assert!(keys(&["jabatan", "tanda_tangan", "atasan"]).contains(&"jabatan".to_string()));
        assert!(keys(&["nonsense"]).is_empty());
    }
}
