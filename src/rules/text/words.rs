//! Words of a text value and where they are in the source: the one place that turns a byte range of a decoded
//! YAML value into a span of the file, so that findings point at the word and never at a wrong place.

use crate::model::Text;
use crate::source::Span;

/// A word of a text value: a maximal run of letters and digits (a hyphen or any punctuation separates words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Byte range in the decoded value.
    pub start: usize,
    pub end: usize,
}

impl Word<'_> {
    pub fn is_number(&self) -> bool {
        self.text.chars().all(|c| c.is_ascii_digit())
    }

    pub fn is_alphabetic(&self) -> bool {
        self.text.chars().all(char::is_alphabetic)
    }

    /// Written in capitals only (`MUSRENBANG`), at least one letter.
    pub fn is_upper(&self) -> bool {
        self.text.chars().any(char::is_alphabetic) && !self.text.chars().any(char::is_lowercase)
    }

    /// Capitalised: a capital then lowercase letters only (`Musrenbang`).
    pub fn is_capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
    }

    pub fn is_lower(&self) -> bool {
        !self.text.chars().any(char::is_uppercase)
    }
}

pub fn words(value: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in value.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &value[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &value[s..],
            start: s,
            end: value.len(),
        });
    }
    out
}

/// `replacement` written with the case of `original`: all capitals, capitalised, or as given.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters = || original.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        replacement.to_uppercase()
    } else if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        replacement.to_string()
    }
}

/// Maps byte ranges of a text value to spans of its file.
pub struct Locator<'a> {
    value: &'a str,
    /// The source text of the value (with quotes, escapes, folding as written).
    raw: &'a str,
    base: usize,
    /// Offset of the value inside `raw` when the value is written verbatim (plain, or quoted without escapes).
    verbatim: Option<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(file_text: &'a str, text: &'a Text) -> Self {
        let raw = file_text.get(text.span.range()).unwrap_or("");
        let value = text.value.as_str();
        let verbatim = if raw == value {
            Some(0)
        } else if raw.len() == value.len() + 2
            && (raw.starts_with('"') || raw.starts_with('\''))
            && raw.get(1..raw.len() - 1) == Some(value)
        {
            Some(1)
        } else {
            None
        };
        Locator {
            value,
            raw,
            base: text.span.start,
            verbatim,
        }
    }

    /// The file span of `value[start..end]`, or `None` when it cannot be found exactly (an escape or a line
    /// fold inside it): the caller then points at the whole value and offers no fix.
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        let piece = self.value.get(start..end)?;
        if piece.is_empty() {
            return None;
        }
        if let Some(offset) = self.verbatim {
            return Some(Span::new(self.base + offset + start, self.base + offset + end));
        }
        // The n-th whole-word occurrence in the value is the n-th in the source.
        let nth = occurrences(self.value, piece).take_while(|&at| at < start).count();
        let at = occurrences(self.raw, piece).nth(nth)?;
        Some(Span::new(self.base + at, self.base + at + piece.len()))
    }
}

/// Byte offsets of `piece` in `hay` where it is not part of a longer word.
fn occurrences<'h>(hay: &'h str, piece: &'h str) -> impl Iterator<Item = usize> + 'h {
    let edge_ok = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    hay.match_indices(piece)
        .map(|(i, _)| i)
        .filter(move |&i| edge_ok(hay[..i].chars().next_back()) && edge_ok(hay[i + piece.len()..].chars().next()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sp;

    #[test]
    fn splits_words_and_keeps_case() {
        let w: Vec<_> = words("Prosentase (SP2D) rapat-rapat").iter().map(|w| w.text).collect();
        assert_eq!(w, ["Prosentase", "SP2D", "rapat", "rapat"]);
        assert_eq!(match_case("PROSENTASE", "persentase"), "PERSENTASE");
        assert_eq!(match_case("Prosentase", "persentase"), "Persentase");
        assert_eq!(match_case("prosentase", "persentase"), "persentase");
    }

    #[test]
    fn locates_words_in_quoted_and_escaped_sources() {
        let file = r#"a: "x \"Prosentase\" Prosentase""#;
        let text = Sp::new("x \"Prosentase\" Prosentase".to_string(), Span::new(3, file.len()));
        let loc = Locator::new(file, &text);
        let second = text.value.rfind("Prosentase").unwrap();
        let span = loc.span(second, second + 10).unwrap();
        assert_eq!(&file[span.range()], "Prosentase");
        assert_eq!(span.start, file.rfind("Prosentase").unwrap());
        let plain = "a: Prosentase x";
        let text = Sp::new("Prosentase x".to_string(), Span::new(3, plain.len()));
        assert_eq!(Locator::new(plain, &text).span(0, 10), Some(Span::new(3, 13)));
    }
}
