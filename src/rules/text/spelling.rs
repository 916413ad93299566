//! T001 non-standard spelling (KBBI list) and T002 misspelled term (near miss of a known term or acronym).

use super::lexicon::Known;
use super::tables::{Istilah, Kbbi, Term};
use super::{MISSPELLED_TERM, NON_STANDARD_SPELLING};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::locate::Locator;
use crate::model::Document;
use crate::rules::Context;
use crate::rules::tokens::Token;
use crate::skp::SkpDocument;
use crate::source::FileId;
use crate::words::{Word, match_case};
use foldhash::HashMap;

pub fn non_standard(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    super::patterns::by_pattern(cx, document, out);
    super::decimal::decimal_point(cx, document, out);
    kbbi_forms(cx, document.file, out);
}

/// T001 on an SKP: the KBBI list on its prose (the IKI-only patterns of the formula and target cells do not apply).
pub fn non_standard_skp(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    kbbi_forms(cx, skp.file, out);
}

/// The non-standard forms of the KBBI list in the prose of `file`, each with a safe fix to the standard form.
fn kbbi_forms(cx: &Context, file: FileId, out: &mut Vec<Diagnostic>) {
    let kbbi = cx.data.table::<Kbbi>();
    let source = cx.source(file);
    for prose in cx.tokens().prose() {
        let text = prose.text;
        let locator = Locator::new(source, text);
        for (Token { word, lower }, known) in prose.words.iter().zip(&prose.known) {
            if !known.any(Known::KBBI_FORM) {
                continue;
            }
            let Some(entry) = kbbi.get(lower) else {
                continue;
            };
            let standard = match_case(word.text, &entry.baku);
            let sumber = entry.sumber.as_deref().unwrap_or("KBBI");
            let args: &[(&'static str, &dyn crate::message::ToArg)] = &[("word", &word.text), ("standard", &standard)];
            let span = locator.locate(word.start..word.end);
            let finding = cx
                .report(&NON_STANDARD_SPELLING, file, span.unwrap_or(text.span), args)
                .label("label", &[])
                .note("note-source", &[("source", &sumber)])
                .help("help", args);
            match span {
                Some(span) => finding
                    .fix(Fix::replace(Applicability::Safe, file, span, standard.clone()))
                    .emit(out),
                None => finding.emit(out),
            }
        }
    }
}

/// The known terms a word is a near miss of, closest first; empty when the word is known or ordinary.
fn near_terms<'t>(lower: &str, istilah: &'t Istilah) -> Vec<(&'t Term, usize)> {
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
    misspelled_in(cx, document.file, out);
}

/// T002 on an SKP: its prose, names aside.
pub fn misspelled_term_skp(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    misspelled_in(cx, skp.file, out);
}

/// The near misses of known terms in the prose of `file`.
fn misspelled_in(cx: &Context, file: FileId, out: &mut Vec<Diagnostic>) {
    let istilah = cx.data.table::<Istilah>();
    let source = cx.source(file);
    // Words repeat a lot within a document: decide each distinct word once.
    let mut decided: HashMap<&str, Vec<(&Term, usize)>> = HashMap::default();
    for prose in cx.tokens().prose() {
        let text = prose.text;
        let locator = Locator::new(source, text);
        for (Token { word, lower }, known) in prose.words.iter().zip(&prose.known) {
            // Any case: a misspelt term is a misspelt term in lowercase too. An ordinary word is never one: a word
            // of the dictionary or of the word lists (`Sakit` is not `SAKIP`, `lintas` is not `LINMAS`). Most
            // words are ordinary: that test first.
            if known.any(Known::ISTILAH | Known::KATA | Known::KBBI | Known::DICTIONARY) {
                continue;
            }
            if word.text.len() < 4 || !word.is_alphabetic() {
                continue;
            }
            let near = decided
                .entry(lower.as_ref())
                .or_insert_with(|| near_terms(lower, &istilah));
            let Some(&(best, distance)) = near.first() else {
                continue;
            };
            let ties: Vec<&Term> = near.iter().filter(|(_, d)| *d == distance).map(|(t, _)| *t).collect();
            let span = locator.locate(word.start..word.end);
            let suggestion = cased(word, &best.istilah);
            let mut finding = cx
                .report(
                    &MISSPELLED_TERM,
                    file,
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
                    finding = finding.fix(Fix::replace(Applicability::Unsafe, file, span, suggestion));
                }
            } else {
                let list: Vec<String> = ties.iter().map(|t| format!("`{}`", cased(word, &t.istilah))).collect();
                finding = finding
                    .message("message-several", &[("word", &word.text), ("terms", &list.join(", "))])
                    .help("help-several", &[("terms", &list.join(", "))]);
            }
            finding.note("note-own-term", &[("word", &word.text)]).emit(out);
        }
    }
}
