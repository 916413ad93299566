//! T004 year mismatch: a year on a signature date, or a year named as `tahun <year>` in the text, that
//! disagrees with `dokumen.tahun`.
//!
//! What counts (written into the rule's docs): on `tempat_tanggal` every year must be `tahun`, except a date in
//! December of the year before (plans are often signed before the year starts). In other texts only a year
//! introduced by `tahun`, `tahun anggaran` or `TA` is read, and only a year two or more away from `tahun` is
//! reported: texts legitimately cite the year before (the baseline, "tahun n-1") and the year after (Musrenbang
//! plans the next year). Regulation citations ("Nomor 8 Tahun 2021", "PermenPANRB 8/2021") and ranges
//! ("tahun 2021-2026", "tahun 2021 s.d. 2026") are never read as the document's year.

use super::YEAR_MISMATCH;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::locate::Locator;
use crate::model::Document;
use crate::rules::Context;
use crate::rules::tokens::{TextTokens, Token};
use crate::skp::SkpDocument;
use crate::source::FileId;
use crate::words::Word;

fn year_of(word: &Word) -> Option<i64> {
    if word.text.len() == 4 && word.is_number() {
        let year: i64 = word.text.parse().ok()?;
        (1900..=2100).contains(&year).then_some(year)
    } else {
        None
    }
}

pub fn year_mismatch(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let Some(tahun) = document.tahun() else {
        return;
    };
    let source = cx.source(document.file);
    for text in cx.tokens().texts() {
        if text.key == "tempat_tanggal" {
            signature_date(cx, document, source, text, tahun, out);
        } else {
            cited_year(cx, document.file, source, text, tahun, out);
        }
    }
}

/// T004 on an SKP: a year cited in its texts against `skp.tahun`. An SKP has no signature date; the years of
/// `periode` are R013's.
pub fn year_mismatch_skp(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let Some(tahun) = skp.tahun() else {
        return;
    };
    let source = cx.source(skp.file);
    for text in cx.tokens().texts() {
        cited_year(cx, skp.file, source, text, tahun, out);
    }
}

fn signature_date(
    cx: &Context,
    document: &Document,
    source: &str,
    tokens: &TextTokens,
    tahun: i64,
    out: &mut Vec<Diagnostic>,
) {
    let text = tokens.text;
    let december = tokens
        .words
        .iter()
        .any(|Token { word, .. }| word.text.eq_ignore_ascii_case("desember") || word.text.eq_ignore_ascii_case("des"));
    let locator = Locator::new(source, text);
    for Token { word, .. } in &tokens.words {
        let Some(year) = year_of(word) else {
            continue;
        };
        if year == tahun || (year == tahun - 1 && december) {
            continue;
        }
        let span = locator.locate(word.start..word.end);
        let finding = cx
            .report(
                &YEAR_MISMATCH,
                document.file,
                span.unwrap_or(text.span),
                &[("year", &year), ("tahun", &tahun)],
            )
            .message("message-signature", &[("year", &year), ("tahun", &tahun)])
            .label("label", &[("tahun", &tahun)])
            .help("help-signature", &[("tahun", &tahun)]);
        match span {
            Some(span) => finding
                .fix(Fix::replace(
                    Applicability::Unsafe,
                    document.file,
                    span,
                    tahun.to_string(),
                ))
                .emit(out),
            None => finding.emit(out),
        }
    }
}

fn is_year_word(word: &str) -> bool {
    word.eq_ignore_ascii_case("tahun") || word.eq_ignore_ascii_case("ta")
}

fn cited_year(cx: &Context, file: FileId, source: &str, tokens: &TextTokens, tahun: i64, out: &mut Vec<Diagnostic>) {
    let text = tokens.text;
    let value = text.as_str();
    let word_at = |i: usize| &tokens.words[i].word;
    let locator = Locator::new(source, text);
    for (i, Token { word, .. }) in tokens.words.iter().enumerate() {
        let Some(year) = year_of(word) else {
            continue;
        };
        if (year - tahun).abs() < 2 {
            continue;
        }
        // "tahun 2019", "Tahun Anggaran 2019", "TA. 2019": the word before (or before "anggaran").
        let mut k = i;
        if k >= 1 && word_at(k - 1).text.eq_ignore_ascii_case("anggaran") {
            k -= 1;
        }
        if k == 0 || !is_year_word(word_at(k - 1).text) {
            continue;
        }
        let gap_ok = |a: &Word, b: &Word| value[a.end..b.start].chars().all(|c| c.is_whitespace() || c == '.');
        if !(k - 1..i).all(|j| gap_ok(word_at(j), word_at(j + 1))) {
            continue;
        }
        // "Nomor 8 Tahun 2021": a regulation citation.
        if k >= 2 && (word_at(k - 2).is_number() || word_at(k - 2).text.eq_ignore_ascii_case("nomor")) {
            continue;
        }
        // "tahun 2021-2026", "tahun 2021 s.d. 2026", "tahun 2021/2022": a range.
        // Only the start of the rest is read, so that a long text is not lowercased once per year in it.
        let after: String = value[word.end..]
            .trim_start()
            .chars()
            .take(8)
            .collect::<String>()
            .to_lowercase();
        let range = ["-", "–", "—", "/", "s.d", "s/d", "sd ", "sampai", "hingga"]
            .iter()
            .any(|p| after.starts_with(p));
        let before = value[..word_at(k - 1).start].trim_end();
        if range || before.ends_with('-') || before.ends_with('–') {
            continue;
        }
        let span = locator.locate(word.start..word.end);
        cx.report(
            &YEAR_MISMATCH,
            file,
            span.unwrap_or(text.span),
            &[("year", &year), ("tahun", &tahun)],
        )
        .label("label", &[("tahun", &tahun)])
        .help("help", &[("tahun", &tahun), ("year", &year)])
        .emit(out);
    }
}
