//! T001 by pattern: the non-standard forms that the rules of EYD V describe rather than list (`pola` in
//! `rules/kbbi.yaml`): bound forms written apart (`antar instansi`), the preposition `di` joined to a place word
//! (`diluar`), the prefix `di-` written apart from its verb (`di berikan`), loan words in -ir (`dikoordinir`) and
//! a root's first consonant kept after meN-/peN- (`mengkomunikasikan`).

use super::NON_STANDARD_SPELLING;
use super::tables::{Kata, Kbbi, Pola};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::model::{Document, Text};
use crate::rules::Context;
use crate::rules::tokens::Token;
use crate::words::{Word, match_case};
use std::ops::Range;

/// A non-standard form found in a text: where, what to write, the source to cite, and whether the fix is safe.
struct Found<'a> {
    range: Range<usize>,
    standard: String,
    source: &'a str,
    applicability: Applicability,
}

fn known(word: &str, kata: &Kata) -> bool {
    kata.knows(word) || crate::dictionary::knows(word)
}

/// The forms of one text (`value`, split into `all`), in order.
fn find<'p>(value: &str, all: &[Token], pola: &'p Pola, kata: &Kata, kbbi: &Kbbi) -> Vec<Found<'p>> {
    let mut found = Vec::new();
    for (i, Token { word, lower }) in all.iter().enumerate() {
        let lower: &str = lower;
        let next = all
            .get(i + 1)
            .filter(|n| &value[word.end..n.word.start] == " " && n.word.text.chars().all(char::is_alphabetic));
        // `antar instansi` → `antarinstansi` (not before a name or an acronym: `non-PNS` takes a hyphen).
        if let Some(Token {
            word: next,
            lower: next_lower,
        }) = next.filter(|n| n.word.is_lower() && n.word.text.chars().count() >= 3)
            && pola.terikat.iter().any(|b| b == lower)
            && !pola.terikat.iter().any(|b| b == next_lower)
        {
            found.push(Found {
                range: word.start..next.end,
                standard: format!("{}{}", word.text, next.text),
                source: "EYD V (bentuk terikat)",
                applicability: Applicability::Unsafe,
            });
            continue;
        }
        // `di berikan` → `diberikan`, when the joined word is a word.
        if lower == "di"
            && let Some(Token {
                word: next,
                lower: next_lower,
            }) = next.filter(|n| !n.word.is_upper())
        {
            let joined = format!("di{next_lower}");
            if pola.di_akhiran.iter().any(|e| joined.ends_with(e.as_str())) && known(&joined, kata) {
                found.push(Found {
                    range: word.start..next.end,
                    standard: match_case(word.text, &joined),
                    source: "EYD V (awalan di- ditulis serangkai)",
                    applicability: Applicability::Safe,
                });
                continue;
            }
        }
        if let Some(place) = lower
            .strip_prefix("di")
            .filter(|rest| pola.di_tempat.iter().any(|p| p == rest))
        {
            found.push(Found {
                range: word.start..word.end,
                standard: format!("{} {place}", &word.text[..2]),
                source: "EYD V (kata depan di ditulis terpisah)",
                applicability: Applicability::Safe,
            });
            continue;
        }
        // A word the word lists or the dictionary know is no loan word nor unmelted form: asked once for both.
        if known(lower, kata) || kbbi.knows(lower) {
            continue;
        }
        if let Some(standard) = loan_word(word, lower, pola, kata) {
            found.push(Found {
                range: word.start..word.end,
                standard,
                source: "KBBI (kata serapan)",
                applicability: Applicability::Unsafe,
            });
        } else if let Some((standard, source)) = unmelted(word, lower, pola, kata) {
            found.push(Found {
                range: word.start..word.end,
                standard,
                source,
                applicability: Applicability::Safe,
            });
        }
    }
    found
}

/// `dikoordinir` → `dikoordinasi`: an unknown word (its caller has asked) whose ending, replaced, gives a known word.
fn loan_word(word: &Word, lower: &str, pola: &Pola, kata: &Kata) -> Option<String> {
    pola.serapan.iter().find_map(|entry| {
        let stem = lower.strip_suffix(entry.tidak_baku.as_str())?;
        let standard = format!("{stem}{}", entry.baku);
        (stem.chars().count() >= 4 && known(&standard, kata)).then(|| match_case(word.text, &standard))
    })
}

/// `mengkomunikasikan` → `mengomunikasikan`: an unknown word (its caller has asked) whose melted form (the root's first consonant dropped
/// or, for s, turned into ny) is known.
fn unmelted<'p>(word: &Word, lower: &str, pola: &'p Pola, kata: &Kata) -> Option<(String, &'p str)> {
    pola.peluluhan.iter().find_map(|entry| {
        let rest = lower.strip_prefix(entry.tidak_baku.as_str())?;
        let standard = format!("{}{rest}", entry.baku);
        (rest.chars().count() >= 3 && known(&standard, kata)).then(|| {
            (
                match_case(word.text, &standard),
                entry.sumber.as_deref().unwrap_or("EYD V (peluluhan)"),
            )
        })
    })
}

fn report(cx: &Context, document: &Document, text: &Text, found: Found<'_>, out: &mut Vec<Diagnostic>) {
    let source_text = cx.source(document.file);
    let written = &text.value[found.range.clone()];
    let span = crate::locate::locate(source_text, text, found.range.clone());
    let args: &[(&'static str, &dyn crate::message::ToArg)] = &[("word", &written), ("standard", &found.standard)];
    let finding = cx
        .report(&NON_STANDARD_SPELLING, document.file, span.unwrap_or(text.span), args)
        .label("label", &[])
        .note("note-source", &[("source", &found.source)])
        .help("help", args);
    match span {
        Some(span) => finding
            .fix(Fix::replace(found.applicability, document.file, span, found.standard))
            .emit(out),
        None => finding.emit(out),
    }
}

pub fn by_pattern(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let kbbi = cx.data.table::<Kbbi>();
    let kata = cx.data.table::<Kata>();
    for prose in cx.tokens().prose() {
        for found in find(&prose.text.value, &prose.words, &kbbi.pola, &kata, &kbbi) {
            report(cx, document, prose.text, found, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Data;

    fn fixed(value: &str) -> Vec<(String, String)> {
        let data = Data::builtin();
        let kbbi = data.table::<Kbbi>();
        let kata = data.table::<Kata>();
        find(value, &crate::rules::tokens::tokens(value), &kbbi.pola, &kata, &kbbi)
            .into_iter()
            .map(|f| (value[f.range].to_string(), f.standard))
            .collect()
    }

    #[test]
    fn the_patterns_find_their_forms() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
        };
        assert_eq!(
            fixed("kerukunan antar umat dan urusan non perizinan"),
            pairs(&[("antar umat", "antarumat"), ("non perizinan", "nonperizinan")])
        );
        assert_eq!(
            fixed("tugas yang di berikan diluar kantor"),
            pairs(&[("di berikan", "diberikan"), ("diluar", "di luar")])
        );
        assert_eq!(
            fixed("kegiatan dikoordinir camat"),
            pairs(&[("dikoordinir", "dikoordinasi")])
        );
        // Forms no list holds: the melted consonant is found by the rule, whatever the root.
        assert_eq!(
            fixed("Pengkelolaan arsip, mentanggapi pengaduan, mempimpin rapat, pensortiran surat"),
            pairs(&[
                ("Pengkelolaan", "Pengelolaan"),
                ("mentanggapi", "menanggapi"),
                ("mempimpin", "memimpin"),
                ("pensortiran", "penyortiran"),
            ])
        );
    }

    #[test]
    fn standard_forms_and_the_preposition_before_a_place_pass() {
        for ok in [
            "antarinstansi dan non-PNS serta pasca COVID",
            "rapat di kantor camat, di luar jam kerja, di dalam ruangan",
            "diberikan, dilaksanakan, dikoordinasikan, direktur, dibawa",
            "administrator dan kadir",
            // Roots that start with two consonants keep them; melted forms are already standard.
            "mengkritik, memproduksi, mentransfer, menaati, mengoordinasikan, mempunyai, menyusun",
        ] {
            assert!(fixed(ok).is_empty(), "{ok}: {:?}", fixed(ok));
        }
    }
}
