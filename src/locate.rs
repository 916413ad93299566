//! Where a piece of a decoded YAML string value is written in the file: the one place that maps a byte range of
//! a value back to its span in the source, for every rule that points at a word, a number or a group inside a
//! value (and every fix that replaces one).
//!
//! `"\\frac{…}"` in the file is `\frac{…}` in the value, so a word found in the value sits at another offset in
//! the file. Plain, single-quoted and double-quoted scalars (escapes, line folding) are decoded alongside a map of
//! offsets; when the decoding does not reproduce the value exactly (block scalars, unusual folding), the piece is
//! searched in the source and used only when the source holds it as many times as the value does (the n-th in
//! the value is then the n-th in the source). Otherwise there is no precise span: callers point at the whole
//! value and offer no fix, rather than point at a wrong place.

use crate::model::Text;
use crate::source::Span;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

/// The source span of `range` (a byte range of `text.value`) in the file text `src`. Decodes the value once per
/// call: a rule that locates several pieces of one value uses a [`Locator`].
pub fn locate(src: &str, text: &Text, range: Range<usize>) -> Option<Span> {
    Locator::new(src, text).locate(range)
}

/// Locates pieces of one value, decoding its source once (on the first piece) so that finding `k` pieces in a
/// value of `n` bytes costs `O(n + k)`, not `O(n k)`.
pub struct Locator<'a> {
    src: &'a str,
    text: &'a Text,
    decoded: OnceCell<Option<Decoded<'a>>>,
}

/// The decoding of one value's source: its byte map when decoding reproduces the value, else the occurrences of
/// each piece already searched for (in the value and in the source).
enum Decoded<'a> {
    Mapped(Vec<(usize, usize)>),
    Searched {
        raw: &'a str,
        occurrences: RefCell<HashMap<String, Occurrences>>,
    },
}

/// Where a piece starts in the value and in the source.
type Occurrences = (Vec<usize>, Vec<usize>);

impl<'a> Locator<'a> {
    pub fn new(src: &'a str, text: &'a Text) -> Locator<'a> {
        Locator {
            src,
            text,
            decoded: OnceCell::new(),
        }
    }

    /// The source span of `range`, a byte range of the value.
    pub fn locate(&self, range: Range<usize>) -> Option<Span> {
        let text = self.text;
        if range.start >= range.end || range.end > text.value.len() {
            return None;
        }
        let decoded = self.decoded.get_or_init(|| {
            let raw = self.src.get(text.span.range())?;
            let quote = raw.chars().next().filter(|c| *c == '"' || *c == '\'');
            let (decoded, map) = decode(raw, quote);
            Some(if decoded == text.as_str() {
                Decoded::Mapped(map)
            } else {
                Decoded::Searched {
                    raw,
                    occurrences: RefCell::default(),
                }
            })
        });
        match decoded.as_ref()? {
            Decoded::Mapped(map) => {
                let start = map.get(range.start)?.0;
                let end = map.get(range.end - 1)?.1;
                Some(text.span.sub(start, end))
            }
            Decoded::Searched { raw, occurrences } => {
                let piece = text.value.get(range.clone())?;
                let mut occurrences = occurrences.borrow_mut();
                let (in_value, in_source) = occurrences
                    .entry(piece.to_string())
                    .or_insert_with(|| (find_all(&text.value, piece), find_all(raw, piece)));
                let nth = in_value.binary_search(&range.start).ok()?;
                if in_value.len() != in_source.len() {
                    return None;
                }
                let at = in_source[nth];
                Some(text.span.sub(at, at + piece.len()))
            }
        }
    }

    /// The source span of `range`, or the whole value when it cannot be located exactly.
    pub fn locate_or_whole(&self, range: Range<usize>) -> Span {
        self.locate(range).unwrap_or(self.text.span)
    }
}

/// The source span of `needle` when it occurs exactly once in the decoded value.
pub fn locate_needle(src: &str, text: &Text, needle: &str) -> Option<Span> {
    let at = text.value.find(needle)?;
    if needle.is_empty() || text.value[at + needle.len()..].contains(needle) {
        return None;
    }
    locate(src, text, at..at + needle.len())
}

/// Every byte offset where `piece` starts in `hay`, overlapping ones included, in order.
fn find_all(hay: &str, piece: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = hay.get(from..).and_then(|rest| rest.find(piece)) {
        found.push(from + at);
        from += at + hay[from + at..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// The source span of `range`, or the whole value when it cannot be located exactly.
pub fn locate_or_whole(src: &str, text: &Text, range: Range<usize>) -> Span {
    locate(src, text, range).unwrap_or(text.span)
}

/// Decode a scalar's source, keeping for each decoded byte the source range of the character it came from.
fn decode(raw: &str, quote: Option<char>) -> (String, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut map: Vec<(usize, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(raw.len(), |(o, _)| *o);
    let push = |out: &mut String, map: &mut Vec<(usize, usize)>, c: char, from: usize, to: usize| {
        out.push(c);
        for _ in 0..c.len_utf8() {
            map.push((from, to));
        }
    };
    let mut i = usize::from(quote.is_some());
    while i < chars.len() {
        let (at, c) = chars[i];
        match (quote, c) {
            (Some('"'), '"') | (Some('\''), '\'')
                if !(quote == Some('\'') && chars.get(i + 1).is_some_and(|n| n.1 == '\'')) =>
            {
                break;
            }
            (Some('\''), '\'') => {
                push(&mut out, &mut map, '\'', at, end_of(i + 2));
                i += 2;
            }
            (Some('"'), '\\') => {
                let Some(&(_, e)) = chars.get(i + 1) else { break };
                let simple = match e {
                    '\\' => Some('\\'),
                    '"' => Some('"'),
                    '/' => Some('/'),
                    'n' => Some('\n'),
                    't' | '\t' => Some('\t'),
                    'r' => Some('\r'),
                    '0' => Some('\0'),
                    ' ' => Some(' '),
                    '_' => Some('\u{a0}'),
                    'N' => Some('\u{85}'),
                    'L' => Some('\u{2028}'),
                    'P' => Some('\u{2029}'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'e' => Some('\u{1b}'),
                    'f' => Some('\u{c}'),
                    'v' => Some('\u{b}'),
                    _ => None,
                };
                if let Some(d) = simple {
                    push(&mut out, &mut map, d, at, end_of(i + 2));
                    i += 2;
                    continue;
                }
                let width = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    '\n' | '\r' => {
                        // Escaped line break: joins the lines without a space.
                        i += 2;
                        while chars
                            .get(i)
                            .is_some_and(|(_, c)| *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
                        {
                            i += 1;
                        }
                        continue;
                    }
                    _ => return (String::new(), Vec::new()),
                };
                let hex: String = chars.iter().skip(i + 2).take(width).map(|(_, c)| *c).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(d) if hex.len() == width => {
                        push(&mut out, &mut map, d, at, end_of(i + 2 + width));
                        i += 2 + width;
                    }
                    _ => return (String::new(), Vec::new()),
                }
            }
            (_, '\n') | (_, '\r') => {
                // Line folding: trailing blanks dropped, a line break becomes a space, each empty line a `\n`.
                while out.ends_with(' ') || out.ends_with('\t') {
                    out.pop();
                    map.pop();
                }
                let mut breaks = 0;
                let mut k = i;
                while let Some(&(_, c)) = chars.get(k) {
                    match c {
                        '\n' => {
                            breaks += 1;
                            k += 1;
                        }
                        ' ' | '\t' | '\r' => k += 1,
                        _ => break,
                    }
                }
                if breaks <= 1 {
                    push(&mut out, &mut map, ' ', at, at + 1);
                } else {
                    for _ in 1..breaks {
                        push(&mut out, &mut map, '\n', at, at + 1);
                    }
                }
                i = k;
            }
            _ => {
                push(&mut out, &mut map, c, at, end_of(i + 1));
                i += 1;
            }
        }
    }
    if quote.is_none() {
        while out.ends_with(' ') {
            out.pop();
            map.pop();
        }
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str, value: &str) -> Text {
        Text::new(value.to_string(), Span::new(0, src.len()))
    }

    #[test]
    fn double_quoted_escapes_map_back() {
        let src = r#""$\\frac{A}{B} \\times 100$""#;
        let value = r"$\frac{A}{B} \times 100$";
        let t = text(src, value);
        let at = value.find(r"\times").unwrap();
        let span = locate(src, &t, at..at + 6).unwrap();
        assert_eq!(&src[span.range()], r"\\times");
    }

    #[test]
    fn plain_and_single_quoted() {
        let src = "Jumlah A dibagi B";
        assert_eq!(locate(src, &text(src, src), 9..15), Some(Span::new(9, 15)));
        let src = "'it''s dibagi'";
        let t = text(src, "it's dibagi");
        assert_eq!(&src[locate(src, &t, 5..11).unwrap().range()], "dibagi");
    }

    #[test]
    fn locates_words_in_quoted_and_escaped_sources() {
        let file = r#"a: "x \"Prosentase\" Prosentase""#;
        let t = Text::new("x \"Prosentase\" Prosentase".to_string(), Span::new(3, file.len()));
        let second = t.value.rfind("Prosentase").unwrap();
        let span = locate(file, &t, second..second + 10).unwrap();
        assert_eq!(&file[span.range()], "Prosentase");
        assert_eq!(span.start, file.rfind("Prosentase").unwrap());
        let plain = "a: Prosentase x";
        let t = Text::new("Prosentase x".to_string(), Span::new(3, plain.len()));
        assert_eq!(locate(plain, &t, 0..10), Some(Span::new(3, 13)));
    }

    #[test]
    fn block_scalars_map_the_nth_occurrence_when_the_counts_agree() {
        let src = "|\n  rapat rapatkan\n  rapat\n";
        let t = text(src, "rapat rapatkan\nrapat\n");
        let third = t.value.rfind("rapat").unwrap();
        assert_eq!(&src[locate(src, &t, third..third + 5).unwrap().range()], "rapat");
        assert_eq!(
            locate(src, &t, third..third + 5).unwrap().start,
            src.rfind("rapat").unwrap()
        );
        // The header holds a piece the value does not: no precise span.
        let src = "|-\n  a-b\n";
        let t = text(src, "a-b");
        assert_eq!(locate(src, &t, 1..2), None);
    }

    #[test]
    fn needles_are_located_only_when_unique() {
        let src = r#""19800101 200501 1 001""#;
        let t = text(src, "19800101 200501 1 001");
        assert_eq!(&src[locate_needle(src, &t, "200501").unwrap().range()], "200501");
        assert_eq!(locate_needle(src, &t, "1"), None);
        assert_eq!(locate_needle(src, &t, ""), None);
        assert_eq!(locate_needle(src, &t, "x"), None);
    }
}
