//! T007 unknown word: an ordinary typo in a common word (a letter dropped, doubled or swapped), found with the
//! Indonesian Hunspell dictionary of LibreOffice (`rules/id_ID.aff`, `rules/id_ID.dic`, LGPL-3, embedded) read
//! by `spellbook` ([`crate::dictionary`]).
//!
//! Precision comes first: a word is reported only when the dictionary does not know it, no data file knows it
//! (`kata.yaml` with its foreign words, `istilah.yaml`, `kbbi.yaml`, `gelar.yaml`, `singkatan-jabatan.yaml`), it
//! is not a name or place written in the set, and the dictionary has a word one or two edits away (a word with no
//! close dictionary word is more likely a name or a term than a typo). Acronyms, words with capitals inside
//! (`SiKAP`), numbers, codes, URLs and e-mail addresses, short abbreviations before a dot and capitalised words
//! after a place word (`Kecamatan Masama`) are never checked.

use super::UNKNOWN_WORD;
use super::lexicon::{Known, Lexicon};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::dictionary::dictionary;
use crate::memo::Memo;
use crate::model::Document;
use crate::rules::tokens::Token;
use crate::rules::{Context, Index};
use crate::skp::SkpDocument;
use crate::source::FileId;
use crate::words::{Word, lower, lowercase, match_case};
use foldhash::HashSet;
use spellbook::Dictionary;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Words before a proper noun: the capitalised words after them are a name (`Kecamatan Tanjung Redeb`).
const PLACE_WORDS: &[&str] = &[
    "kecamatan",
    "kabupaten",
    "kota",
    "kelurahan",
    "desa",
    "provinsi",
    "kec",
    "kab",
    "kel",
    "prov",
    "jalan",
    "jl",
    "dusun",
    "kampung",
    "pulau",
    "sungai",
    "gunung",
    "bupati",
    "walikota",
    "gubernur",
    "camat",
    "lurah",
];

/// The words of the names and places written in the documents, lowercase: known to T007 besides the dictionary
/// and the word lists ([`Lexicon`]).
pub struct WrittenWords {
    words: HashSet<String>,
}

impl Index for WrittenWords {
    fn build(cx: &Context) -> Self {
        let iki = cx.documents.iter().flat_map(Document::texts).filter(|(key, _)| {
            matches!(
                *key,
                "unit" | "tempat" | "tempat_tanggal" | "pemangku.nama" | "tanda_tangan.nama"
            )
        });
        let skp = cx
            .skps
            .iter()
            .flat_map(SkpDocument::texts)
            .filter(|(key, _)| matches!(*key, "nama" | "unit"));
        let words = iki.chain(skp).flat_map(|(_, text)| lowercase(&text.value)).collect();
        WrittenWords { words }
    }
}

/// A word to check, with hyphenated words (`perundang-undangan`) joined.
struct Candidate<'a> {
    text: &'a str,
    /// `text` in lowercase.
    lower: Cow<'a, str>,
    start: usize,
    end: usize,
    /// The word before it in the same text in lowercase, when only spaces separate them.
    previous: Option<&'a str>,
    /// Hyphenated words joined (`perundang-undangan`): what the lists say of it is not in the word table.
    joined: bool,
}

/// The words of `value` (split into `all`) worth checking, in order; `known(i)` tells a word known on its own
/// (to a list or the dictionary), left out unless hyphenated to another.
fn candidates<'a>(value: &'a str, all: &'a [Token<'a>], known: impl Fn(usize) -> bool) -> Vec<Candidate<'a>> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut i = 0;
    let hyphen_after = |k: usize| k + 1 < all.len() && &value[all[k].word.end..all[k + 1].word.start] == "-";
    while i < all.len() {
        // Most words are known: the cheapest test first.
        if known(i) && !hyphen_after(i) {
            i += 1;
            continue;
        }
        let mut end = i;
        while hyphen_after(end) {
            end += 1;
        }
        let (start, stop) = (all[i].word.start, all[end].word.end);
        let previous = (i > 0)
            .then(|| &all[i - 1])
            .filter(|p| value[p.word.end..start].chars().all(|c| c == ' '))
            .map(|p| p.lower.as_ref());
        let text = &value[start..stop];
        out.push(Candidate {
            text,
            lower: if end == i {
                Cow::Borrowed(&all[i].lower)
            } else {
                lower(text)
            },
            start,
            end: stop,
            previous,
            joined: end > i,
        });
        i = end + 1;
    }
    out
}

/// Ranges of the whitespace-separated chunks that are a URL, an e-mail address or a path: nothing in them is prose.
fn code_chunks(value: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Most texts are prose with none of the marks of a URL, an address or a path: nothing to split.
    if !value.contains([':', '@', '_', '\\', '.']) {
        return out;
    }
    for chunk in value.split_whitespace() {
        let web = chunk.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("www."));
        if chunk.contains("://") || web || chunk.contains(['@', '_', '\\']) {
            // A chunk is a slice of `value`: it starts where it points to.
            let at = chunk.as_ptr() as usize - value.as_ptr() as usize;
            out.push((at, at + chunk.len()));
        }
    }
    out
}

/// Whether a token is not prose to spell-check: an acronym or code, a number, a name after a place word, an
/// abbreviation.
fn skipped(token: &Candidate, value: &str, codes: &[(usize, usize)]) -> bool {
    let text = token.text;
    let word = Word {
        text,
        start: token.start,
        end: token.end,
    };
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let inner_capital = text.chars().skip(1).any(char::is_uppercase);
    let abbreviation = letters <= 4 && value[token.end..].starts_with('.');
    let after_place = word.is_capitalised() && token.previous.is_some_and(|p| PLACE_WORDS.contains(&p));
    letters < 3
        || text.chars().any(|c| c.is_ascii_digit())
        || inner_capital
        || abbreviation
        || after_place
        || codes.iter().any(|&(a, b)| token.start >= a && token.end <= b)
}

/// The dictionary's suggestions for `lower` at most `allowed` edits away, nearest first.
fn close_suggestions(dictionary: &Dictionary, lower: &str, allowed: usize, ngram: bool) -> Vec<(usize, String)> {
    let mut suggestions = Vec::new();
    dictionary
        .suggester()
        .with_ngram_suggestions(ngram)
        .suggest(lower, &mut suggestions);
    let mut close: Vec<(usize, String)> = suggestions
        .into_iter()
        .map(|s| (strsim::osa_distance(lower, &s.to_lowercase()), s))
        // A hyphen or space put into the word is two words run together, T006's finding, not a typo.
        .filter(|(d, s)| *d <= allowed && !s.contains(' ') && (lower.contains('-') || !s.contains('-')))
        .collect();
    close.sort_by_key(|(d, _)| *d);
    close
}

/// The verdict on one lowercase word: known, or unknown with its close dictionary words (nearest first).
fn close_words(dictionary: &Dictionary, lower: &str) -> Option<Vec<String>> {
    if dictionary.check(lower) {
        return None;
    }
    if lower.contains('-') && lower.split('-').all(|part| part.is_empty() || dictionary.check(part)) {
        return None;
    }
    // The clitic `-nya` joins any word, and the dictionary's affix rules do not always add it after a suffix
    // (`menjelaskannya`, `membagikannya`): a known word with `-nya` is known.
    if let Some(stem) = lower.strip_suffix("nya")
        && stem.chars().count() >= 4
        && dictionary.check(stem)
    {
        return None;
    }
    // Two words of four letters or more with the space lost are T006's finding, not a typo.
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let joined = (4..chars.len().saturating_sub(3)).any(|i| {
        let at = chars[i].0;
        dictionary.check(&lower[..at]) && dictionary.check(&lower[at..])
    });
    if joined {
        return None;
    }
    // One edit for short words, two for longer ones: anything further is a name or a term, not a typo.
    let allowed = if lower.chars().count() <= 5 { 1 } else { 2 };
    // Edits first (a letter inserted, dropped, swapped or replaced); the n-gram search over the whole word list,
    // a hundred times slower, only for a long word that no single edit explains (`admistrasi`).
    let mut close = close_suggestions(dictionary, lower, allowed, false);
    if close.is_empty() && chars.len() >= 8 {
        close = close_suggestions(dictionary, lower, allowed, true);
    }
    let nearest = close.first()?.0;
    Some(
        close
            .into_iter()
            .take_while(|(d, _)| *d == nearest)
            .map(|(_, s)| s)
            .collect(),
    )
}

/// [`close_words`] through a memo kept for the whole process: the verdict depends on the word alone (the dictionary
/// is built in), the dictionary's lookups and suggestions cost far more than every other rule together, and a
/// province (or an editing session) writes the same words in file after file.
fn verdict(dictionary: &Dictionary, lower: &str) -> Option<Vec<String>> {
    static VERDICTS: OnceLock<Memo<Option<Vec<String>>>> = OnceLock::new();
    VERDICTS
        .get_or_init(Memo::default)
        .get(lower, || close_words(dictionary, lower))
}

/// The words T007 would suggest for `word` (any case) on its own: the dictionary's nearest words when neither the
/// dictionary nor the data files know it; empty when it is known or nothing is close. The editor offers them as
/// completions while the word is typed.
pub fn corrections(data: &crate::data::Data, word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let lists = Known::KATA | Known::ASING | Known::KBBI | Known::ISTILAH;
    let known = data.derived::<Lexicon>().lists(&lower).any(lists);
    match dictionary() {
        Some(dictionary) if !known => verdict(dictionary, &lower).unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub fn unknown_word(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    unknown_in(cx, document.file, out);
}

/// T007 on an SKP: its prose; the names of pegawai, penilai and atasan penilai are never checked.
pub fn unknown_word_skp(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    unknown_in(cx, skp.file, out);
}

/// The unknown words of the prose of `file`.
fn unknown_in(cx: &Context, file: FileId, out: &mut Vec<Diagnostic>) {
    let Some(dictionary) = dictionary() else { return };
    let written = cx.index::<WrittenWords>();
    let lexicon = cx.data.derived::<Lexicon>();
    let source = cx.source(file);
    let known_otherwise = Known::DICTIONARY | Known::DATA | Known::KATA | Known::ASING | Known::KBBI | Known::ISTILAH;
    for prose in cx.tokens().prose() {
        let text = prose.text;
        let codes = code_chunks(&text.value);
        for token in candidates(&text.value, &prose.words, |i| prose.known[i].any(known_otherwise)) {
            let upper = token.text.chars().any(char::is_alphabetic) && !token.text.chars().any(char::is_lowercase);
            if upper || skipped(&token, &text.value, &codes) {
                continue;
            }
            let lower: &str = &token.lower;
            if (token.joined && lexicon.of(lower).any(known_otherwise)) || written.words.contains(lower) {
                continue;
            }
            let Some(close) = verdict(dictionary, lower) else {
                continue;
            };
            let Some(span) = crate::locate::locate(source, text, token.start..token.end) else {
                continue;
            };
            let shown: Vec<String> = close.iter().take(3).map(|s| match_case(token.text, s)).collect();
            let args: &[(&'static str, &dyn crate::message::ToArg)] =
                &[("word", &token.text), ("suggestion", &shown.join("`, `"))];
            let finding = cx
                .report(&UNKNOWN_WORD, file, span, args)
                .label("label", args)
                .note("note-list", &[]);
            if let [only] = shown.as_slice() {
                finding
                    .help("help", args)
                    .fix(Fix::replace(Applicability::Unsafe, file, span, only.clone()))
                    .emit(out);
            } else {
                finding.help("help-several", args).emit(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dictionary_reads_and_knows_affixed_words() {
        let dictionary = dictionary().expect("rules/id_ID.* parse");
        for word in [
            "pelayanan",
            "dilaksanakan",
            "pelaksanaan",
            "perundang-undangan",
            "membantu",
        ] {
            assert!(dictionary.check(word), "{word}");
        }
        for known in ["menjelaskannya", "membagikannya"] {
            assert_eq!(close_words(dictionary, known), None, "{known}");
        }
        for typo in ["membntu", "orgaisasi", "admistrasi", "membntunya"] {
            assert!(close_words(dictionary, typo).is_some(), "{typo}");
        }
        let membntu = close_words(dictionary, "membntu").unwrap();
        assert_eq!(membntu[0], "membantu", "{membntu:?}");
        assert_eq!(
            close_words(dictionary, "orgaisasi"),
            Some(vec!["organisasi".to_string()])
        );
    }

    #[test]
    fn codes_names_after_place_words_and_abbreviations_are_skipped() {
        let value = "lihat www.contoh.go.id atau data_induk di Kecamatan Masama, Tk. I";
        let codes = code_chunks(value);
        let all = crate::rules::tokens::tokens(value);
        let checked: Vec<&str> = candidates(value, &all, |_| false)
            .into_iter()
            .filter(|t| !skipped(t, value, &codes))
            .map(|t| t.text)
            .collect();
        assert_eq!(checked, ["lihat", "atau", "Kecamatan"]);
        // Each mark alone makes a code chunk, and a text without any has none.
        for (value, code) in [
            ("buka www.contoh segera", "www.contoh"),
            ("buka https://contoh segera", "https://contoh"),
            ("kirim ke admin@contoh segera", "admin@contoh"),
            ("tabel data_induk segera", "data_induk"),
            ("folder C\\Data segera", "C\\Data"),
        ] {
            let found: Vec<&str> = code_chunks(value).iter().map(|&(a, b)| &value[a..b]).collect();
            assert_eq!(found, [code], "{value}");
        }
        assert!(code_chunks("rapat koordinasi di kantor camat").is_empty());
    }
}
