//! The words of one document's texts, split once: every T rule and the U rules that read words read them here
//! instead of splitting and lowercasing the same texts again, rule after rule (issue #14, "tokenise once").
//! [`crate::words::words`] stays the one splitter; this table only keeps what it returns, with each word's
//! lowercase form beside it.

use crate::model::{Document, Text};
use crate::skp::SkpDocument;
use crate::words::{Word, lower, words};
use std::borrow::Cow;

/// A word of a text with its lowercase form, borrowed from the text when the word is already lowercase (most
/// words of a prose text are), so that the table allocates only for capitalised words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: Word<'a>,
    pub lower: Cow<'a, str>,
}

/// The words of `value` with their lowercase forms.
pub fn tokens(value: &str) -> Vec<Token<'_>> {
    words(value)
        .into_iter()
        .map(|word| Token {
            lower: lower(word.text),
            word,
        })
        .collect()
}

/// One text of the document, with the key it was written under and its words.
#[derive(Debug)]
pub struct TextTokens<'a> {
    pub key: &'static str,
    pub text: &'a Text,
    pub words: Vec<Token<'a>>,
    /// Whether its words are checked for spelling: every text but a person's name.
    pub prose: bool,
}

/// The words of every text of the documents of a rule context, in the order of `Document::texts()` (then
/// `SkpDocument::texts()`). A per-document check runs with a context of its one document
/// ([`crate::per_file::check_document`]), so there this is that document's table.
#[derive(Debug, Default)]
pub struct Tokens<'a> {
    texts: Vec<TextTokens<'a>>,
}

impl<'a> Tokens<'a> {
    pub fn new(documents: &'a [Document], skps: &'a [SkpDocument]) -> Self {
        let iki = documents
            .iter()
            .flat_map(Document::texts)
            .map(|(key, text)| (key, text, !is_name_field(key)));
        // In an SKP `nama` is a person's name (of pegawai, penilai and atasan penilai).
        let skp = skps
            .iter()
            .flat_map(SkpDocument::texts)
            .map(|(key, text)| (key, text, key != "nama"));
        let texts = iki
            .chain(skp)
            .map(|(key, text, prose)| TextTokens {
                key,
                text,
                words: tokens(&text.value),
                prose,
            })
            .collect();
        Tokens { texts }
    }

    /// Every text, with its words.
    pub fn texts(&self) -> impl Iterator<Item = &TextTokens<'a>> {
        self.texts.iter()
    }

    /// The texts whose words are checked for spelling: every one but names.
    pub fn prose(&self) -> impl Iterator<Item = &TextTokens<'a>> {
        self.texts.iter().filter(|t| t.prose)
    }
}

/// Fields of an IKI document that hold a person's name: written as the person writes it, so never checked for
/// spelling.
fn is_name_field(key: &str) -> bool {
    matches!(key, "pemangku.nama" | "tanda_tangan.nama")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_the_splitter_words_and_add_their_lowercase() {
        let value = "Rapat-rapat KOORDINASI di kantor";
        let found = tokens(value);
        assert_eq!(found.iter().map(|t| t.word).collect::<Vec<_>>(), words(value));
        let lower: Vec<&str> = found.iter().map(|t| t.lower.as_ref()).collect();
        assert_eq!(lower, ["rapat", "rapat", "koordinasi", "di", "kantor"]);
    }
}
