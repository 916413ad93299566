//! R005–R014: the rules that read one SKP document on its own.

use super::*;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::model::Text;
use crate::rules::Context;
use crate::rules::alignment::activity::activity_word;
use crate::skp::{BERAKHLAK, PERSPEKTIF, SkpDocument};
use crate::source::Span;
use crate::units::{Satuan, TokKind};
use crate::wording::{Form, Hasil, Lexicon, result_form};

/// A misspelt word of a closed set is fixed only when this close to exactly one member.
const CLOSE_SPELLING: f64 = 0.85;

/// A value of a closed set as written: lowercase, spaces and `_` read as `-` (`Penerima Layanan`).
fn normal(value: &str) -> String {
    value.trim().to_lowercase().replace([' ', '_'], "-")
}

pub(super) fn aspek_invalid(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let practice = cx.data.table::<SkpPractice>();
    let allowed = practice.aspek();
    for rhk in &skp.rhk {
        for aspek in rhk.indikator.iter().filter_map(|i| i.aspek.as_ref()) {
            if allowed.contains(&normal(&aspek.value).as_str()) {
                continue;
            }
            closed_set_finding(cx, &ASPEK_INVALID, skp, aspek, &allowed, out);
        }
    }
}

/// A value outside a closed set: did-you-mean with a safe fix when exactly one member is close, else the list.
fn closed_set_finding(
    cx: &Context,
    rule: &'static Rule,
    skp: &SkpDocument,
    value: &Text,
    set: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let known = set.join(", ");
    let finding = cx
        .report(rule, skp.file, value.span, &[("value", &value.value)])
        .label("label", &[]);
    match crate::similarity::unique_closest(&normal(&value.value), set, CLOSE_SPELLING) {
        Some(word) => finding
            .help("help", &[("suggestion", &word)])
            .fix(Fix::replace(Applicability::Safe, skp.file, value.span, word))
            .emit(out),
        None => finding.help("help-list", &[("known", &known)]).emit(out),
    }
}

fn has_aspek(indikator: &crate::skp::RhkIndikator, aspek: &str) -> bool {
    indikator.aspek.as_ref().is_some_and(|a| normal(&a.value) == aspek)
}

pub(super) fn no_kuantitas(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    if !skp.is_kuantitatif() {
        return;
    }
    for rhk in &skp.rhk {
        if rhk.indikator.is_empty() || rhk.indikator.iter().any(|i| has_aspek(i, "kuantitas")) {
            continue;
        }
        let span = rhk.uraian.as_ref().map_or(rhk.span, |u| u.span);
        cx.report(&NO_KUANTITAS, skp.file, span, &[("rhk", &rhk.id.value)])
            .label("label", &[])
            .help("help", &[])
            .emit(out);
    }
}

pub(super) fn target_no_satuan(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    if !skp.is_kuantitatif() {
        return;
    }
    let blank = |t: &Option<Text>| t.as_ref().is_none_or(|t| t.value.trim().is_empty());
    for rhk in &skp.rhk {
        for indikator in &rhk.indikator {
            let key = match (blank(&indikator.target), blank(&indikator.satuan)) {
                (false, false) => continue,
                (true, true) => "both",
                (true, false) => "target",
                (false, true) => "satuan",
            };
            let span = indikator.uraian.as_ref().map_or(indikator.span, |u| u.span);
            cx.report(&TARGET_NO_SATUAN, skp.file, span, &[("rhk", &rhk.id.value)])
                .message(&format!("message-{key}"), &[("rhk", &rhk.id.value)])
                .label(&format!("label-{key}"), &[])
                .help(&format!("help-{key}"), &[])
                .emit(out);
        }
    }
}

/// Words after which a number is part of a name or a period, not a target: `Perda Nomor 5`, `per 3 bulan`.
const NOT_TARGET_BEFORE: &[&str] = &[
    "nomor", "no", "tahun", "pasal", "ayat", "per", "setiap", "tiap", "dalam", "ke", "pp", "uu", "perda", "perbup",
    "perwali", "permen", "sk", "triwulan", "semester", "tw",
];

pub(super) fn target_in_indikator(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let source = cx.source(skp.file);
    for rhk in &skp.rhk {
        for uraian in rhk.indikator.iter().filter_map(|i| i.uraian.as_ref()) {
            let toks = cx.tokens().units(uraian);
            let found = toks.iter().enumerate().find(|(i, t)| {
                if t.kind != TokKind::Number {
                    return false;
                }
                let year = t.text.len() == 4 && t.text.parse::<i64>().is_ok_and(|y| (1945..=2100).contains(&y));
                let before = i.checked_sub(1).map(|p| toks[p]);
                let after = toks.get(i + 1);
                let named =
                    before.is_some_and(|b| b.kind == TokKind::Word && NOT_TARGET_BEFORE.contains(&b.lower().as_ref()));
                let counted = after.is_some_and(|a| a.kind == TokKind::Word || a.is_sym('%') || a.is_sym('('));
                !year && !named && counted
            });
            let Some((_, number)) = found else { continue };
            let span = crate::locate::locate_or_whole(source, uraian, number.range());
            cx.report(
                &TARGET_IN_INDIKATOR,
                skp.file,
                span,
                &[("rhk", &rhk.id.value), ("number", &number.text)],
            )
            .label("label", &[])
            .help("help", &[("number", &number.text)])
            .emit(out);
        }
    }
}

pub(super) fn rhk_activity(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let satuan = cx.data.table::<Satuan>();
    let hasil = cx.data.table::<Hasil>();
    let lex = Lexicon {
        satuan: &satuan,
        hasil: &hasil,
    };
    let source = cx.source(skp.file);
    for rhk in &skp.rhk {
        let Some(uraian) = &rhk.uraian else { continue };
        let Some(first) = activity_word(&uraian.value, lex) else {
            continue;
        };
        let exact = crate::locate::locate(source, uraian, first.range.clone());
        let text = crate::words::shorten(&uraian.value[first.range.start..], 60);
        let label = if first.form == Form::Noun {
            "label-noun"
        } else {
            "label-verb"
        };
        let finding = cx
            .report(
                &RHK_ACTIVITY,
                skp.file,
                exact.unwrap_or(uraian.span),
                &[("rhk", &rhk.id.value), ("text", &text)],
            )
            .label(label, &[("word", &first.text)]);
        match result_form(first.text, lex) {
            Some(result) => {
                let finding = finding.help("help", &[("word", &first.text), ("result", &result)]);
                match exact {
                    Some(span) if !first.alternatives => finding
                        .fix(Fix::replace(Applicability::Unsafe, skp.file, span, result))
                        .emit(out),
                    _ => finding.emit(out),
                }
            }
            None => finding.help("help-general", &[]).emit(out),
        }
    }
}

pub(super) fn perspektif_invalid(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    if !skp.is_jpt() {
        return;
    }
    for rhk in &skp.rhk {
        match &rhk.perspektif {
            Some(p) if PERSPEKTIF.contains(&normal(&p.value).as_str()) => {}
            Some(p) if !p.value.trim().is_empty() => {
                closed_set_finding(cx, &PERSPEKTIF_INVALID, skp, p, PERSPEKTIF, out);
            }
            _ => {
                let span = rhk.uraian.as_ref().map_or(rhk.span, |u| u.span);
                cx.report(&PERSPEKTIF_INVALID, skp.file, span, &[])
                    .message("message-missing", &[("rhk", &rhk.id.value)])
                    .label("label-missing", &[])
                    .help("help-list", &[("known", &PERSPEKTIF.join(", "))])
                    .emit(out);
            }
        }
    }
}

pub(super) fn perilaku_incomplete(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for aspek in skp.perilaku.iter().filter_map(|p| p.aspek.as_ref()) {
        let written = normal(&aspek.value);
        let Some(known) = BERAKHLAK.iter().find(|b| **b == written) else {
            let finding = cx
                .report(&PERILAKU_INCOMPLETE, skp.file, aspek.span, &[])
                .message("message-unknown", &[("value", &aspek.value)])
                .label("label-unknown", &[]);
            match crate::similarity::unique_closest(&written, BERAKHLAK, CLOSE_SPELLING) {
                Some(word) => finding
                    .help("help-unknown", &[("suggestion", &word)])
                    .fix(Fix::replace(Applicability::Safe, skp.file, aspek.span, word))
                    .emit(out),
                None => finding.help("help-list", &[("known", &BERAKHLAK.join(", "))]).emit(out),
            }
            continue;
        };
        match seen.iter().find(|(k, _)| k == known) {
            Some((_, first)) => cx
                .report(&PERILAKU_INCOMPLETE, skp.file, aspek.span, &[])
                .message("message-repeated", &[("aspek", known)])
                .label("label-repeated", &[])
                .secondary(skp.file, *first, "label-first", &[])
                .help("help-repeated", &[])
                .emit(out),
            None => seen.push((known, aspek.span)),
        }
    }
    let missing: Vec<&str> = BERAKHLAK
        .iter()
        .copied()
        .filter(|b| !seen.iter().any(|(k, _)| k == b))
        .collect();
    // A misspelt aspect is reported above with its correction; the gap it leaves is that same finding.
    let misspelt = skp
        .perilaku
        .iter()
        .filter_map(|p| p.aspek.as_ref())
        .filter(|a| !BERAKHLAK.contains(&normal(&a.value).as_str()))
        .count();
    if missing.len() > misspelt {
        let span = skp.perilaku_span.unwrap_or(skp.span);
        cx.report(
            &PERILAKU_INCOMPLETE,
            skp.file,
            span,
            &[("missing", &missing.join(", "))],
        )
        .label("label", &[("count", &missing.len())])
        .help("help", &[("missing", &missing.join(", "))])
        .emit(out);
    }
}

pub(super) fn ekspektasi_empty(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    for perilaku in &skp.perilaku {
        let empty = perilaku.ekspektasi.as_ref().is_none_or(|e| e.value.trim().is_empty());
        if !empty {
            continue;
        }
        let Some(aspek) = &perilaku.aspek else { continue };
        cx.report(&EKSPEKTASI_EMPTY, skp.file, aspek.span, &[("aspek", &aspek.value)])
            .label("label", &[])
            .help("help", &[("aspek", &aspek.value)])
            .emit(out);
    }
}

/// A date written `YYYY-MM-DD`, as (year, month, day) when it is a real one.
fn date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    crate::nip::Date::new(y, m, d).map(|_| (y, m, d))
}

pub(super) fn periode_invalid(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let Some(periode) = &skp.periode else { return };
    let source = cx.source(skp.file);
    let mut dates = Vec::new();
    for value in [&periode.mulai, &periode.selesai].into_iter().flatten() {
        match date(&value.value) {
            Some(d) => dates.push(Some(d)),
            None => {
                cx.report(&PERIODE_INVALID, skp.file, value.span, &[])
                    .message("message-date", &[("value", &value.value)])
                    .label("label-date", &[])
                    .help("help-date", &[])
                    .emit(out);
                dates.push(None);
            }
        }
    }
    let (Some(mulai), Some(selesai)) = (&periode.mulai, &periode.selesai) else {
        return;
    };
    let (Some(Some(start)), Some(Some(end))) = (dates.first(), dates.get(1)) else {
        return;
    };
    if end < start {
        let swap = |from: &Text| source.get(from.span.range()).unwrap_or(&from.value).to_string();
        cx.report(&PERIODE_INVALID, skp.file, selesai.span, &[])
            .message("message-order", &[("mulai", &mulai.value), ("selesai", &selesai.value)])
            .label("label-order", &[])
            .secondary(skp.file, mulai.span, "label-mulai", &[])
            .help("help-order", &[])
            .fix(Fix::safe(vec![
                Edit {
                    file: skp.file,
                    span: mulai.span,
                    replacement: swap(selesai),
                },
                Edit {
                    file: skp.file,
                    span: selesai.span,
                    replacement: swap(mulai),
                },
            ]))
            .emit(out);
        return;
    }
    let Some(tahun) = skp.tahun() else { return };
    for (value, (year, _, _)) in [(mulai, start), (selesai, end)] {
        if i64::from(*year) != tahun {
            cx.report(&PERIODE_INVALID, skp.file, value.span, &[])
                .message("message-year", &[("value", &value.value), ("tahun", &tahun)])
                .label("label-year", &[("tahun", &tahun)])
                .help("help-year", &[("tahun", &tahun)])
                .emit(out);
        }
    }
}

pub(super) fn penilai_is_pegawai(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let own = skp.pegawai.as_ref().and_then(|p| p.nip.as_ref());
    let penilai = skp.pejabat_penilai.as_ref().and_then(|p| p.nip.as_ref());
    let (Some(own), Some(penilai)) = (own, penilai) else {
        return;
    };
    let (Some(a), Some(b)) = (index::nip_digits(Some(own)), index::nip_digits(Some(penilai))) else {
        return;
    };
    if a == b {
        cx.report(&PENILAI_IS_PEGAWAI, skp.file, penilai.span, &[("nip", &penilai.value)])
            .label("label", &[])
            .secondary(skp.file, own.span, "label-pegawai", &[])
            .help("help", &[])
            .emit(out);
    }
}
