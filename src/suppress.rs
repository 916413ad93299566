//! Inline suppression: a YAML comment `# ikilint: allow(T001, U007)` suppresses those codes for the findings
//! that start on its line or, when the comment stands alone on its line, on the next line that holds content;
//! `# ikilint: allow-file(N010)` anywhere suppresses them in the whole file. A comment cannot be written inside a
//! text that spans several lines (it would become text, or end a plain scalar), so a finding anywhere in such a
//! text counts as starting on the line of its key (for a `|`/`>` block, the header line) — see [`Anchors`]. A suppression that suppresses
//! nothing is reported (S007), and so is a code that no rule has (S008). Comments are found by scanning the
//! source lines: a `#` inside a quoted string or a block scalar is text, not a comment.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::model::Document;
use crate::rules::structure::{UNKNOWN_CODE, UNUSED_SUPPRESSION};
use crate::rules::{self, Rule};
use crate::source::{FileId, Files, SourceFile, Span};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Findings starting on this 0-based line.
    Line(usize),
    File,
}

#[derive(Clone, Debug)]
pub struct CodeRef {
    pub text: String,
    pub span: Span,
    pub rule: Option<&'static Rule>,
}

#[derive(Clone, Debug)]
pub struct Directive {
    pub scope: Scope,
    /// From `#` to the end of the comment.
    pub comment: Span,
    /// The text between the parentheses.
    pub list: Span,
    /// The comment is the only thing on its line.
    pub alone: bool,
    /// The whole line with its line break, for removing a comment that stands alone.
    pub line: Span,
    /// Where the content before the comment ends (trailing spaces excluded).
    pub content_end: usize,
    pub codes: Vec<CodeRef>,
}

/// A comment that starts with `ikilint:` but is not a directive this version knows.
#[derive(Clone, Debug)]
pub struct Malformed {
    pub span: Span,
    pub word: String,
}

/// The byte offset in `line` of a `#` that starts a comment, given whether the line starts inside a quoted
/// string (and which); returns the quote state at the end of the line too.
fn comment_start(line: &str, mut quote: Option<char>) -> (Option<usize>, Option<char>) {
    let mut prev_nonspace: Option<char> = None;
    let mut prev: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') => {
                if c == '\\' {
                    chars.next();
                } else if c == '"' {
                    quote = None;
                }
            }
            Some(_) => {
                if c == '\'' {
                    if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
            }
            None => {
                if c == '#' && prev.is_none_or(char::is_whitespace) {
                    return (Some(i), None);
                }
                // A quote opens a quoted scalar only where a value starts.
                if (c == '"' || c == '\'')
                    && prev_nonspace.is_none_or(|p| matches!(p, ':' | '-' | '[' | '{' | ',' | '?'))
                {
                    quote = Some(c);
                }
            }
        }
        if !c.is_whitespace() {
            prev_nonspace = Some(c);
        }
        prev = Some(c);
    }
    (None, quote)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line's content (comment removed) opens a block scalar: ends with `|` or `>` and an optional
/// chomping or indentation indicator.
fn opens_block(content: &str) -> bool {
    let trimmed = content
        .trim_end()
        .trim_end_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
    (trimmed.ends_with('|') || trimmed.ends_with('>'))
        && trimmed[..trimmed.len() - 1]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, ':' | '-' | '?'))
}

/// Every comment of a file: `(line index, byte offset of '#')`.
pub fn comments(file: &SourceFile) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut quote = None;
    let mut block: Option<usize> = None;
    for line_index in 0..file.line_count() {
        let range = file.line_range(line_index);
        let line = &file.text[range.clone()];
        if let Some(parent) = block {
            if line.trim().is_empty() || indent(line) > parent {
                continue;
            }
            block = None;
        }
        let (at, after) = comment_start(line, quote);
        quote = after;
        if let Some(at) = at {
            out.push((line_index, range.start + at));
        }
        let content = &line[..at.unwrap_or(line.len())];
        if quote.is_none() && opens_block(content) {
            block = Some(indent(line));
        }
    }
    out
}

/// The directives and malformed directives of a file.
pub fn scan(file: &SourceFile) -> (Vec<Directive>, Vec<Malformed>) {
    let mut directives = Vec::new();
    let mut malformed = Vec::new();
    let text = file.text.as_str();
    let content_lines: Vec<bool> = (0..file.line_count())
        .map(|l| {
            let line = text[file.line_range(l)].trim_start();
            !line.is_empty() && !line.starts_with('#')
        })
        .collect();
    for (line_index, hash) in comments(file) {
        let range = file.line_range(line_index);
        let comment = &text[hash..range.end];
        let body = comment[1..].trim_start();
        let Some(rest) = body.strip_prefix("ikilint:") else {
            continue;
        };
        let rest_trimmed = rest.trim_start();
        let word_at = range.end - rest_trimmed.len();
        let word: String = rest_trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let after_word = &rest_trimmed[word.len()..];
        let scope_kind = match word.as_str() {
            "allow" => Some(false),
            "allow-file" => Some(true),
            _ => None,
        };
        let open = after_word.trim_start();
        let (Some(file_wide), Some(inner)) = (scope_kind, open.strip_prefix('(').and_then(|o| o.split_once(')')))
        else {
            let shown = if word.is_empty() { rest.trim().to_string() } else { word };
            malformed.push(Malformed {
                span: Span::new(word_at, range.end),
                word: shown,
            });
            continue;
        };
        let list_start = range.end - open.len() + 1;
        let list = Span::new(list_start, list_start + inner.0.len());
        let mut codes = Vec::new();
        let mut start: Option<usize> = None;
        let separator = |c: char| c == ',' || c.is_whitespace();
        for (i, c) in inner.0.char_indices().chain(std::iter::once((inner.0.len(), ','))) {
            match (separator(c), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let part = &inner.0[s..i];
                    codes.push(CodeRef {
                        text: part.to_string(),
                        span: Span::new(list.start + s, list.start + i),
                        rule: rules::by_code(part).or_else(|| rules::all().iter().copied().find(|r| r.name == part)),
                    });
                    start = None;
                }
                _ => {}
            }
        }
        let before = &text[range.start..hash];
        let alone = before.trim().is_empty();
        let scope = if file_wide {
            Scope::File
        } else if alone {
            let next = (line_index + 1..file.line_count()).find(|&l| content_lines[l]);
            match next {
                Some(l) => Scope::Line(l),
                None => Scope::Line(line_index),
            }
        } else {
            Scope::Line(line_index)
        };
        let line_end = if line_index + 1 < file.line_count() {
            file.line_start(line_index + 1)
        } else {
            text.len()
        };
        directives.push(Directive {
            scope,
            comment: Span::new(hash, range.end),
            list,
            alone,
            line: Span::new(range.start, line_end),
            content_end: range.start + before.trim_end().len(),
            codes,
        });
    }
    (directives, malformed)
}

/// Where the suppression comment for a line inside a multi-line text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// The line of the text's key (for a block scalar, its `|`/`>` header line): findings on any line of the
    /// text count as starting here.
    pub line: usize,
    /// Whether a comment may end that line: yes when the text starts on a later line (a block scalar, or a
    /// value under its key); no when the text starts on it (the comment then stands alone on the line above).
    pub trailing: bool,
}

/// The lines of the texts of the documents that span several lines, by file and 0-based line.
#[derive(Clone, Debug, Default)]
pub struct Anchors(HashMap<(FileId, usize), Anchor>);

impl Anchors {
    pub fn of(files: &Files, documents: &[Document]) -> Anchors {
        let mut anchors = Anchors::default();
        for document in documents.iter().filter(|d| d.file.0 < files.len()) {
            anchors.extend(document.file, of_document(files.get(document.file), document));
        }
        anchors
    }

    /// Add the anchors of one file, as [`of_document`] found them.
    pub fn extend(&mut self, file: FileId, lines: impl IntoIterator<Item = (usize, Anchor)>) {
        self.0
            .extend(lines.into_iter().map(|(line, anchor)| ((file, line), anchor)));
    }

    /// The anchor of a line inside a multi-line text, `None` elsewhere.
    pub fn get(&self, file: FileId, line: usize) -> Option<Anchor> {
        self.0.get(&(file, line)).copied()
    }

    /// The line a suppression must name for a finding starting on `line`.
    pub fn line(&self, file: FileId, line: usize) -> usize {
        self.get(file, line).map_or(line, |a| a.line)
    }
}

/// The anchors of the lines of one document's texts that span several lines, by 0-based line.
pub fn of_document(file: &SourceFile, document: &Document) -> Vec<(usize, Anchor)> {
    let mut out = Vec::new();
    for (_, text) in document.texts() {
        let span = text.span;
        if span.end > file.text.len() || span.start >= span.end || !file.text.is_char_boundary(span.start) {
            continue;
        }
        let first = file.line_index(span.start);
        let last = file.line_index(span.end - 1);
        if first == last {
            continue;
        }
        // The line of the last thing written before the value: its key's `:`, a list's `-`, or the block header
        // (with its comment, if any).
        let before = file.text[..span.start].trim_end();
        let line = file.line_index(before.len().saturating_sub(1));
        let anchor = Anchor {
            line,
            trailing: line < first,
        };
        out.extend((first..=last).map(|l| (l, anchor)));
    }
    out
}

/// Whether a file's text may hold a suppression comment: only those files are scanned.
pub fn may_have_directives(text: &str) -> bool {
    text.contains("ikilint:")
}

/// What a suppression applies to: a file, a scope in it, a code.
type SuppressionKey = (FileId, Scope, &'static str);

/// Remove the suppressed findings from `diagnostics` and add S007/S008 for the suppressions themselves.
/// `with_directives` are the files that [`may_have_directives`]: only they are scanned.
/// `active(file, code)` tells whether a code runs on a file (a suppression of a rule that is turned off is
/// neither used nor stale, and is not reported).
pub fn apply(
    files: &Files,
    with_directives: &[FileId],
    anchors: &Anchors,
    diagnostics: Vec<Diagnostic>,
    active: impl Fn(FileId, &str) -> bool,
) -> Vec<Diagnostic> {
    let mut scanned: HashMap<FileId, (Vec<Directive>, Vec<Malformed>)> = HashMap::new();
    for &id in with_directives {
        scanned.insert(id, scan(files.get(id)));
    }
    if scanned.is_empty() {
        return diagnostics;
    }
    // (file, scope, code) → (directive index, code index) of each suppression.
    let mut index: HashMap<SuppressionKey, Vec<(usize, usize)>> = HashMap::new();
    for (file, (directives, _)) in &scanned {
        for (d, directive) in directives.iter().enumerate() {
            for (c, code) in directive.codes.iter().enumerate() {
                if let Some(rule) = code.rule {
                    index
                        .entry((*file, directive.scope, rule.code))
                        .or_default()
                        .push((d, c));
                }
            }
        }
    }
    let mut used: HashMap<(FileId, usize, usize), bool> = HashMap::new();
    // In place: a province's findings are not moved to drop the few that are suppressed.
    let mut kept = diagnostics;
    kept.retain(|diagnostic| {
        let file = diagnostic.primary.file;
        if !scanned.contains_key(&file) {
            return true;
        }
        let line = anchors.line(file, files.get(file).line_index(diagnostic.primary.span.start));
        let mut suppressed = false;
        for scope in [Scope::Line(line), Scope::File] {
            if let Some(hits) = index.get(&(file, scope, diagnostic.code)) {
                for &(d, c) in hits {
                    used.insert((file, d, c), true);
                }
                suppressed = true;
            }
        }
        !suppressed
    });
    let mut files_sorted: Vec<_> = scanned.into_iter().collect();
    files_sorted.sort_by_key(|(id, _)| *id);
    for (file, (directives, malformed)) in files_sorted {
        for bad in malformed {
            UNKNOWN_CODE
                .report(file, bad.span, &[("code", &bad.word)])
                .message("message-directive", &[("word", &bad.word)])
                .label("label-directive", &[])
                .help("help-directive", &[])
                .emit(&mut kept);
        }
        for (d, directive) in directives.iter().enumerate() {
            let mut unused = Vec::new();
            let mut remaining = Vec::new();
            for (c, code) in directive.codes.iter().enumerate() {
                match code.rule {
                    None => {
                        let finding = UNKNOWN_CODE
                            .report(file, code.span, &[("code", &code.text)])
                            .label("label", &[]);
                        let finding = match rules::suggest_code(&code.text) {
                            Some(s) => finding.help("help-suggest", &[("suggestion", &s)]),
                            None => finding.help("help", &[]),
                        };
                        finding.emit(&mut kept);
                        remaining.push(code.text.as_str());
                    }
                    Some(rule) if !used.contains_key(&(file, d, c)) && active(file, rule.code) => {
                        unused.push(code.text.as_str());
                    }
                    Some(_) => remaining.push(code.text.as_str()),
                }
            }
            if unused.is_empty() {
                continue;
            }
            let fix = if remaining.is_empty() {
                let span = if directive.alone {
                    directive.line
                } else {
                    Span::new(directive.content_end, directive.comment.end)
                };
                Fix::replace(Applicability::Safe, file, span, "")
            } else {
                Fix::replace(Applicability::Safe, file, directive.list, remaining.join(", "))
            };
            let listed = unused.join(", ");
            let key = if matches!(directive.scope, Scope::File) {
                "help-file"
            } else {
                "help"
            };
            UNUSED_SUPPRESSION
                .report(file, directive.comment, &[("codes", &listed)])
                .label("label", &[("codes", &listed)])
                .help(key, &[("codes", &listed)])
                .fix(fix)
                .emit(&mut kept);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(text: &str) -> Vec<Directive> {
        scan(&SourceFile::new("t.yaml", text)).0
    }

    #[test]
    fn finds_comments_but_not_hashes_in_strings() {
        let text = "a: \"x # ikilint: allow(T001)\"  # ikilint: allow(T003)\nb: 'it''s # no' # ikilint: allow(T002)\n";
        let found = directives(text);
        let codes: Vec<&str> = found.iter().map(|d| d.codes[0].text.as_str()).collect();
        assert_eq!(codes, ["T003", "T002"]);
        assert_eq!(found[0].scope, Scope::Line(0));
    }

    #[test]
    fn a_comment_alone_applies_to_the_next_content_line() {
        let text = "a: 1\n# ikilint: allow(T001, U007)\n\nb: 2\n# ikilint: allow-file(N010)\n";
        let found = directives(text);
        assert_eq!(found[0].scope, Scope::Line(3));
        assert!(found[0].alone);
        assert_eq!(found[0].codes.len(), 2);
        assert_eq!(found[1].scope, Scope::File);
    }

    #[test]
    fn block_scalars_are_text() {
        let text = "a: |\n  # ikilint: allow(T001)\nb: x # ikilint: allow(T002)\n";
        let found = directives(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].codes[0].text, "T002");
    }

    #[test]
    fn unknown_directive_is_malformed() {
        let (found, bad) = scan(&SourceFile::new("t.yaml", "a: 1 # ikilint: alow(T001)\n"));
        assert!(found.is_empty());
        assert_eq!(bad[0].word, "alow");
    }

    #[test]
    fn apostrophes_in_plain_text_and_odd_directives_do_not_confuse_the_scanner() {
        let found = directives("a: Jum'at bersih # ikilint: allow(T001)\n");
        assert_eq!(found.len(), 1);
        for text in [
            "# ikilint:",
            "# ikilint: allow(",
            "# ikilint: allow()",
            "#ikilint: allow(T001 ,, \u{3000}T003)",
            "a: \"x\n  # ikilint: allow(T001)\n  y\" # ikilint: allow(T002)",
            "# ikilint: allow(é, ü)",
        ] {
            let (found, _) = scan(&SourceFile::new("t.yaml", text));
            for directive in &found {
                for code in &directive.codes {
                    assert_eq!(&text[code.span.range()], code.text);
                }
            }
        }
        let found = directives("#ikilint: allow(T001 ,, \u{3000}T003)");
        assert_eq!(found[0].codes.len(), 2);
        let found = directives("a: \"x\n  # ikilint: allow(T001)\n  y\" # ikilint: allow(T002)\n");
        assert_eq!(found.len(), 1, "a # inside a quoted text over several lines is text");
        assert_eq!(found[0].codes[0].text, "T002");
    }
}
