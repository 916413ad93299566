//! The words of one document's texts, split once: every T rule and the U rules that read words read them here
//! instead of splitting and lowercasing the same texts again, rule after rule (issue #14, "tokenise once").
//! [`crate::words::each_word`] stays the one splitter; this table only keeps what it gives, with each word's
//! lowercase form beside it.

use crate::data::Data;
use crate::model::{Document, Text};
use crate::rules::text::lexicon::{Known, Lexicon};
use crate::skp::SkpDocument;
use crate::units::{Name, Tok, tokenize};
use crate::words::{Word, each_word, lower};
use foldhash::HashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

/// A word of a text with its lowercase form, borrowed from the text when the word is already lowercase (most
/// words of a prose text are), so that the table allocates only for capitalised words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: Word<'a>,
    pub lower: Cow<'a, str>,
}

/// The words of `value` with their lowercase forms.
pub fn tokens(value: &str) -> Vec<Token<'_>> {
    // Room for about one word in every six or seven bytes, as [`crate::words::words`] makes.
    let mut out = Vec::with_capacity(value.len() / 6 + 1);
    out.extend(each_word(value).map(|word| Token {
        lower: lower(word.text),
        word,
    }));
    out
}

/// One text of the document, with the key it was written under and its words.
#[derive(Debug)]
pub struct TextTokens<'a> {
    pub key: &'static str,
    pub text: &'a Text,
    pub words: Vec<Token<'a>>,
    /// What the word lists and the dictionary say of each word ([`Lexicon::of`]), beside `words`: asked here once
    /// rather than by each T rule. Empty for a name, whose words are not checked.
    pub known: Vec<Known>,
    /// Whether its words are checked for spelling: every text but a person's name.
    pub prose: bool,
    /// Its tokens as the unit readers split it ([`crate::units::tokenize`]), split when a rule first asks: the U
    /// rules read the same names and targets rule after rule.
    units: OnceLock<Vec<Tok<'a>>>,
}

impl<'a> TextTokens<'a> {
    /// The text's tokens for the unit readers.
    pub fn units(&self) -> &[Tok<'a>] {
        self.units.get_or_init(|| tokenize(&self.text.value))
    }
}

/// The words of every text of the documents of a rule context, in the order of `Document::texts()` (then
/// `SkpDocument::texts()`). A per-document check runs with a context of its one document
/// ([`crate::per_file::check_document`]), so there this is that document's table.
#[derive(Debug, Default)]
pub struct Tokens<'a> {
    texts: Vec<TextTokens<'a>>,
    /// Where each text is in `texts`, by the text's address: a rule asks for the tokens of a text it holds.
    by_address: HashMap<usize, usize>,
}

impl<'a> Tokens<'a> {
    pub fn new(documents: &'a [Document], skps: &'a [SkpDocument], data: &Data) -> Self {
        let lexicon = data.derived::<Lexicon>();
        let iki = documents
            .iter()
            .flat_map(Document::texts)
            .map(|(key, text)| (key, text, !is_name_field(key)));
        // In an SKP `nama` is a person's name (of pegawai, penilai and atasan penilai).
        let skp = skps
            .iter()
            .flat_map(SkpDocument::texts)
            .map(|(key, text)| (key, text, key != "nama"));
        let texts: Vec<TextTokens> = iki
            .chain(skp)
            .map(|(key, text, prose)| {
                let words = tokens(&text.value);
                let known = match prose {
                    true => words.iter().map(|t| lexicon.of(&t.lower)).collect(),
                    false => Vec::new(),
                };
                TextTokens {
                    key,
                    text,
                    words,
                    known,
                    prose,
                    units: OnceLock::new(),
                }
            })
            .collect();
        let by_address = texts.iter().enumerate().map(|(i, t)| (address(t.text), i)).collect();
        Tokens { texts, by_address }
    }

    /// An indicator's name `uraian` with its tokens, for the unit readers.
    pub fn name<'t>(&'t self, uraian: Option<&'t Text>) -> Name<'t> {
        Name::new(uraian, uraian.map(|u| self.units(u)).unwrap_or_default())
    }

    /// The tokens of `text` for the unit readers: kept in the table for a text of the context's documents, split
    /// anew for any other.
    pub fn units<'t>(&'t self, text: &'t Text) -> Cow<'t, [Tok<'t>]> {
        match self.by_address.get(&address(text)) {
            Some(&i) => Cow::Borrowed(self.texts[i].units()),
            None => Cow::Owned(tokenize(&text.value)),
        }
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

/// A text's address: the same text of the same document, whatever the path a rule took to it.
fn address(text: &Text) -> usize {
    std::ptr::from_ref(text) as usize
}

/// Fields of an IKI document that hold a person's name: written as the person writes it, so never checked for
/// spelling.
fn is_name_field(key: &str) -> bool {
    matches!(key, "pemangku.nama" | "tanda_tangan.nama")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::TokKind;
    use crate::words::words;

    #[test]
    fn tokens_keep_the_splitter_words_and_add_their_lowercase() {
        let value = "Rapat-rapat KOORDINASI di kantor";
        let found = tokens(value);
        assert_eq!(found.iter().map(|t| t.word).collect::<Vec<_>>(), words(value));
        let lower: Vec<&str> = found.iter().map(|t| t.lower.as_ref()).collect();
        assert_eq!(lower, ["rapat", "rapat", "koordinasi", "di", "kantor"]);
    }

    #[test]
    fn unit_tokens_are_kept_for_the_documents_texts_and_split_for_others() {
        let source = include_str!("../../examples/contoh-bersih-2024.yaml");
        let document = crate::typed::read(source, crate::source::FileId(0)).expect("the example reads");
        let documents = std::slice::from_ref(&document);
        let table = Tokens::new(documents, &[], &crate::data::Data::builtin());
        let target = (document.jabatan.iter().flat_map(|j| &j.sasaran))
            .flat_map(|s| &s.indikator)
            .find_map(|i| i.target.as_ref())
            .expect("a target");
        fn split(toks: &[Tok]) -> Vec<(String, usize, TokKind)> {
            toks.iter().map(|t| (t.text.to_string(), t.start, t.kind)).collect()
        }
        let kept = table.units(target);
        assert!(matches!(kept, Cow::Borrowed(_)));
        assert_eq!(split(&kept), split(&tokenize(&target.value)));
        // The table splits a text once: asked again, it gives the very same tokens.
        assert!(std::ptr::eq(table.units(target).as_ptr(), kept.as_ptr()));
        let other = Text::new(target.value.clone(), target.span);
        let fresh = table.units(&other);
        assert!(matches!(fresh, Cow::Owned(_)));
        assert_eq!(split(&fresh), split(&kept));
    }
}
