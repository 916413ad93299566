//! T003 repeated words ("Melaksanakan Melaksanakan", "Membuat laporan Membuat laporan") and T006 words run
//! together ("atasansesuai").

use super::lexicon::Known;
use super::tables::{Kata, Kbbi};
use super::{REPEATED_WORDS, WORDS_RUN_TOGETHER};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::locate::Locator;
use crate::model::Document;
use crate::rules::Context;
use crate::rules::tokens::Token;
use crate::source::FileId;

/// The longest phrase looked for when it is repeated back to back.
const MAX_PHRASE: usize = 4;

/// Whether the words `from..to` are separated by spaces only (no punctuation, no hyphen).
fn spaced(value: &str, ws: &[Token], from: usize, to: usize) -> bool {
    (from..to - 1).all(|k| {
        let gap = &value[ws[k].word.end..ws[k + 1].word.start];
        !gap.is_empty() && gap.chars().all(char::is_whitespace)
    })
}

/// Back-to-back repeats in a value: `(first word, phrase length)`.
fn repeats(value: &str, ws: &[Token]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut step = 1;
        for n in (1..=MAX_PHRASE).rev() {
            if i + 2 * n > ws.len() {
                continue;
            }
            let same = || (0..n).all(|k| ws[i + k].lower == ws[i + n + k].lower);
            let wordy = || {
                ws[i..i + n]
                    .iter()
                    .any(|w| w.word.text.chars().any(char::is_alphabetic))
            };
            if same() && wordy() && spaced(value, ws, i, i + 2 * n) {
                found.push((i, n));
                step = n;
                break;
            }
        }
        i += step;
    }
    found
}

/// Whether a repeated word could be a plural written without its hyphen (`kegiatan kegiatan`): a lowercase
/// word that is neither a function word nor a verb (`me-`, `ber-`, `di-` forms).
fn may_be_plural(word: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "dan", "yang", "di", "ke", "dari", "untuk", "dengan", "atau", "serta", "pada", "dalam", "oleh", "sesuai",
        "agar", "bagi", "sebagai", "terhadap", "secara", "tidak", "akan", "telah", "ini", "itu",
    ];
    word.chars().all(char::is_lowercase)
        && !FUNCTION_WORDS.contains(&word)
        && !["me", "ber", "di"].iter().any(|p| word.starts_with(p))
}

pub fn repeated_words(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    repeated_in(cx, document.file, out);
}

pub fn repeated_words_skp(cx: &Context, skp: &crate::skp::SkpDocument, out: &mut Vec<Diagnostic>) {
    repeated_in(cx, skp.file, out);
}

/// The back-to-back repeats in every text of `file`, names too.
fn repeated_in(cx: &Context, file: FileId, out: &mut Vec<Diagnostic>) {
    let source = cx.source(file);
    for tokens in cx.tokens().texts() {
        let text = tokens.text;
        let value = text.as_str();
        let ws = &tokens.words;
        let found = repeats(value, ws);
        let locator = Locator::new(source, text);
        for (i, n) in found {
            let (first, last) = (&ws[i].word, &ws[i + n - 1].word);
            let phrase = &value[first.start..last.end];
            let whole = locator.locate(first.start..ws[i + 2 * n - 1].word.end);
            // The fix deletes the spaces before the second copy and the copy itself.
            let repeat = locator.locate(last.end..ws[i + 2 * n - 1].word.end);
            let finding = cx
                .report(
                    &REPEATED_WORDS,
                    file,
                    whole.unwrap_or(text.span),
                    &[("phrase", &phrase)],
                )
                .label("label", &[])
                .help(
                    if n == 1 && may_be_plural(phrase) {
                        "help-word"
                    } else {
                        "help"
                    },
                    &[("phrase", &phrase)],
                );
            match (whole, repeat) {
                (Some(_), Some(repeat)) => finding
                    .fix(Fix::replace(Applicability::Safe, file, repeat, ""))
                    .emit(out),
                _ => finding.emit(out),
            }
        }
    }
}

/// The shortest part of a run-together word.
const MIN_PART: usize = 4;
/// The shortest second part when the word is capitalised (a place name such as `Sukamaju` is two words too).
const MIN_PART_CAPITALISED: usize = 6;

/// The ways a word splits into two known words: byte offsets of the second word. Both parts are known words, so
/// a word longer than two of the longest known word has no split, and each part is counted and hashed only when
/// it can be one (linear in the word's length).
fn splits(lower: &str, capitalised: bool, kata: &Kata) -> Vec<usize> {
    let min_right = if capitalised { MIN_PART_CAPITALISED } else { MIN_PART };
    let longest = kata.longest();
    if lower.len() > 2 * longest {
        return Vec::new();
    }
    let total = lower.chars().count();
    lower
        .char_indices()
        .enumerate()
        .filter(|&(left_chars, (i, _))| {
            let (left, right) = lower.split_at(i);
            left_chars >= MIN_PART
                && total - left_chars >= min_right
                && left.len() <= longest
                && right.len() <= longest
                && kata.contains(left)
                && kata.contains(right)
        })
        .map(|(_, (i, _))| i)
        .collect()
}

/// The offset of the one capital inside a word otherwise in lowercase after its first letter (`AtasanSesuai`),
/// with at least [`MIN_PART`] letters on each side.
fn capital_split(word: &str) -> Option<usize> {
    let inner: Vec<usize> = word
        .char_indices()
        .skip(1)
        .filter(|(_, c)| c.is_uppercase())
        .map(|(i, _)| i)
        .collect();
    let [at] = inner[..] else { return None };
    (word[..at].chars().count() >= MIN_PART && word[at..].chars().count() >= MIN_PART).then_some(at)
}

pub fn run_together(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    run_together_in(cx, document.file, out);
}

/// T006 on an SKP: its prose, names aside.
pub fn run_together_skp(cx: &Context, skp: &crate::skp::SkpDocument, out: &mut Vec<Diagnostic>) {
    run_together_in(cx, skp.file, out);
}

/// The words run together in the prose of `file`.
fn run_together_in(cx: &Context, file: FileId, out: &mut Vec<Diagnostic>) {
    let kata = cx.data.table::<Kata>();
    let kbbi = cx.data.table::<Kbbi>();
    let source = cx.source(file);
    for prose in cx.tokens().prose() {
        let text = prose.text;
        let locator = Locator::new(source, text);
        for (Token { word, lower }, known) in prose.words.iter().zip(&prose.known) {
            // A listed word is one word (most words are): that test first.
            if known.any(Known::KATA | Known::ISTILAH | Known::KBBI) {
                continue;
            }
            if word.text.len() < 2 * MIN_PART || !word.is_alphabetic() || word.is_upper() {
                continue;
            }
            // Split offsets are taken in the lowercase form: only where it has the same bytes as the word.
            if lower.len() != word.text.len() {
                continue;
            }
            let at = match capital_split(word.text) {
                // `KataKata`: split at the one capital inside, when both halves are words.
                Some(i) => {
                    let known = |part: &str| kata.contains(part) || crate::dictionary::knows(part);
                    if known(&lower[..i]) && known(&lower[i..]) {
                        vec![i]
                    } else {
                        Vec::new()
                    }
                }
                None => splits(lower, !word.is_lower(), &kata),
            };
            // A bound form (`antar`, `pasca`, `non`, …) is written together with the word after it (T001 joins
            // `antar umat` into `antarumat`): such a word is not two words run together, and splitting it would undo
            // T001's fix, round after round.
            let bound = |i: usize| kbbi.pola.terikat.iter().any(|b| lower.get(..i) == Some(b.as_str()));
            let at: Vec<usize> = at.into_iter().filter(|&i| !bound(i)).collect();
            let Some(&first) = at.first() else {
                continue;
            };
            if !word.text.is_char_boundary(first) {
                continue;
            }
            let split = format!("{} {}", &word.text[..first], &word.text[first..]);
            let span = locator.locate(word.start..word.end);
            let finding = cx
                .report(
                    &WORDS_RUN_TOGETHER,
                    file,
                    span.unwrap_or(text.span),
                    &[("word", &word.text), ("split", &split)],
                )
                .label("label", &[("split", &split)])
                .help("help", &[("split", &split), ("word", &word.text)]);
            match span {
                Some(span) if at.len() == 1 => finding
                    .fix(Fix::replace(Applicability::Unsafe, file, span, split.clone()))
                    .emit(out),
                _ => finding.emit(out),
            }
        }
    }
}
