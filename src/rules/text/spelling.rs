//! T001 non-standard spelling (KBBI list) and T002 misspelled term (near miss of a known term or acronym).

use super::tables::{Istilah, Kata, Kbbi, Term};
use super::{MISSPELLED_TERM, NON_STANDARD_SPELLING, prose};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::model::Document;
use crate::rules::{Context, Index};
use crate::words::{Word, match_case, words};
use std::collections::{HashMap, HashSet};

pub fn non_standard(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let kbbi = cx.data.table::<Kbbi>();
    let source = cx.source(document.file);
    for text in prose(document) {
        for word in words(&text.value) {
            let Some(entry) = kbbi.get(&word.text.to_lowercase()) else {
                continue;
            };
            let standard = match_case(word.text, &entry.baku);
            let sumber = entry.sumber.as_deref().unwrap_or("KBBI");
            let args: &[(&str, &dyn std::fmt::Display)] = &[("word", &word.text), ("standard", &standard)];
            let span = crate::locate::locate(source, text, word.start..word.end);
            let finding = cx
                .report(&NON_STANDARD_SPELLING, document.file, span.unwrap_or(text.span), args)
                .label("label", &[])
                .note("note-source", &[("source", &sumber)])
                .help("help", args);
            match span {
                Some(span) => finding
                    .fix(Fix::replace(Applicability::Safe, document.file, span, standard.clone()))
                    .emit(out),
                None => finding.emit(out),
            }
        }
    }
}

/// Lowercase words written somewhere in the linted set in lowercase letters only: an ordinary word, never a
/// misspelt acronym or term.
pub struct Vocabulary {
    lowercase: HashSet<String>,
}

impl Index for Vocabulary {
    fn build(cx: &Context) -> Self {
        let mut lowercase = HashSet::new();
        for document in cx.documents {
            for_lowercase_word(document, |word| {
                if !lowercase.contains(word) {
                    lowercase.insert(word.to_string());
                }
            });
        }
        Vocabulary { lowercase }
    }
}

/// Call `f` with every word of a document's prose written in lowercase letters only: the per-file part of the
/// vocabulary, which the engine joins across files (a word written in lowercase in one file is an ordinary word
/// in every other).
pub fn for_lowercase_word(document: &Document, mut f: impl FnMut(&str)) {
    for text in prose(document) {
        for word in words(&text.value) {
            if word.is_lower() {
                f(word.text);
            }
        }
    }
}

/// The known terms a word is a near miss of, closest first; empty when the word is known or ordinary.
fn near_terms<'t>(word: &Word, lower: &str, istilah: &'t Istilah) -> Vec<(&'t Term, usize)> {
    let len = lower.chars().count();
    let first = lower.chars().next();
    let mut found: Vec<(&Term, usize)> = Vec::new();
    for (term_lower, term) in istilah.terms() {
        let term_len = term_lower.chars().count();
        // Short terms are too easily one letter away from anything.
        if term_len < 4 || !term_lower.chars().all(char::is_alphanumeric) || term_lower.chars().next() != first {
            continue;
        }
        let allowed = if term_len >= 10 { 2 } else { 1 };
        if len.abs_diff(term_len) > allowed {
            continue;
        }
        // An acronym of up to 7 letters (written in capitals) is only mistyped in capitals: `Sakit` is not `SAKIP`,
        // `Lintas` is not `LINMAS`.
        let acronym = term.istilah.chars().all(|c| !c.is_lowercase());
        if acronym && term_len <= 7 && !word.is_upper() {
            continue;
        }
        let distance = strsim::osa_distance(lower, term_lower);
        if distance <= allowed {
            found.push((term, distance));
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.istilah.cmp(&b.0.istilah)));
    found
}

/// The term written with the case of the word: capitals for capitals, capitalised for capitalised, else as the
/// term is usually written.
fn cased(word: &Word, term: &str) -> String {
    if word.is_upper() {
        term.to_uppercase()
    } else if word.is_capitalised() && term.chars().skip(1).any(char::is_uppercase) {
        match_case(word.text, &term.to_lowercase())
    } else {
        term.to_string()
    }
}

pub fn misspelled_term(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let istilah = cx.data.table::<Istilah>();
    let kata = cx.data.table::<Kata>();
    let kbbi = cx.data.table::<Kbbi>();
    let vocabulary = cx.index::<Vocabulary>();
    let source = cx.source(document.file);
    // Words repeat a lot within a document: decide each distinct word once.
    let mut decided: HashMap<String, Vec<(&Term, usize)>> = HashMap::new();
    for text in prose(document) {
        for word in words(&text.value) {
            if word.text.len() < 4 || !word.is_alphabetic() || word.is_lower() {
                continue;
            }
            let lower = word.text.to_lowercase();
            if istilah.get(&lower).is_some()
                || kata.contains(&lower)
                || kbbi.knows(&lower)
                || vocabulary.lowercase.contains(&lower)
            {
                continue;
            }
            let cache_key = format!("{}{}", u8::from(word.is_upper()), lower);
            let near = decided
                .entry(cache_key)
                .or_insert_with(|| near_terms(&word, &lower, &istilah));
            let Some(&(best, distance)) = near.first() else {
                continue;
            };
            let ties: Vec<&Term> = near.iter().filter(|(_, d)| *d == distance).map(|(t, _)| *t).collect();
            let span = crate::locate::locate(source, text, word.start..word.end);
            let suggestion = cased(&word, &best.istilah);
            let mut finding = cx
                .report(
                    &MISSPELLED_TERM,
                    document.file,
                    span.unwrap_or(text.span),
                    &[("word", &word.text), ("term", &suggestion)],
                )
                .label("label", &[("term", &suggestion)]);
            if ties.len() == 1 {
                if let Some(expansion) = &best.kepanjangan {
                    finding = finding.note("note-expansion", &[("term", &best.istilah), ("expansion", expansion)]);
                }
                finding = finding.help("help", &[("term", &suggestion)]);
                if let Some(span) = span {
                    finding = finding.fix(Fix::replace(Applicability::Unsafe, document.file, span, suggestion));
                }
            } else {
                let list: Vec<String> = ties.iter().map(|t| format!("`{}`", cased(&word, &t.istilah))).collect();
                finding = finding
                    .message("message-several", &[("word", &word.text), ("terms", &list.join(", "))])
                    .help("help-several", &[("terms", &list.join(", "))]);
            }
            finding.note("note-own-term", &[("word", &word.text)]).emit(out);
        }
    }
}
