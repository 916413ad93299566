//! A009: a sasaran worded as the work to do (`Menyusun …`, `Penyusunan …`) instead of the result to achieve
//! (`Tersusunnya …`). Whether a word words an activity or a result is [`crate::wording`]'s decision; this rule
//! reads the first word of each sasaran and offers the result form of the same verb when it can be derived.

use super::SASARAN_ACTIVITY;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::model::Document;
use crate::rules::Context;
use crate::units::{Satuan, TokKind, skip_list_number, tokenize};
use crate::wording::{Form, Hasil, Lexicon, Wording, classify, has_result_word, result_form};

/// The first word of a text (after a list number) when it words an activity rather than a result.
pub(crate) struct ActivityWord<'t> {
    pub text: &'t str,
    /// Its byte range in the text.
    pub range: std::ops::Range<usize>,
    pub form: Form,
    /// An alternative follows after a slash (`Penerbitan/ pemberian …`): it needs rewording too, so no fix.
    pub alternatives: bool,
}

/// The activity word that opens `text`, if it opens with one: shared by A009 (sasaran) and R009 (SKP RHK).
pub(crate) fn activity_word<'t>(text: &'t str, lex: Lexicon) -> Option<ActivityWord<'t>> {
    let toks = tokenize(text);
    let start = skip_list_number(&toks);
    let first = toks.get(start).filter(|t| t.kind == TokKind::Word)?;
    let Wording::Activity(form) = classify(first.text, lex) else {
        return None;
    };
    // A noun followed by its result (`Pendapatan asli daerah meningkat`) states the result after all.
    let rest = toks[start + 1..]
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| t.text);
    if form == Form::Noun && has_result_word(rest, lex) {
        return None;
    }
    Some(ActivityWord {
        text: first.text,
        range: first.range(),
        form,
        alternatives: toks.get(start + 1).is_some_and(|t| t.is_sym('/')),
    })
}

pub(super) fn sasaran_activity(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let satuan = cx.data.table::<Satuan>();
    let hasil = cx.data.table::<Hasil>();
    let lex = Lexicon {
        satuan: &satuan,
        hasil: &hasil,
    };
    let source = cx.source(document.file);
    for sasaran in document.jabatan.iter().flat_map(|j| j.sasaran.iter()) {
        let Some(uraian) = &sasaran.uraian else { continue };
        let Some(first) = activity_word(&uraian.value, lex) else {
            continue;
        };
        let form = first.form;
        let exact = crate::locate::locate(source, uraian, first.range.clone());
        let alternatives = first.alternatives;
        let span = exact.unwrap_or(uraian.span);
        let name = crate::words::shorten(&uraian.value[first.range.start..], 60);
        let args: &[(&'static str, &dyn crate::message::ToArg)] =
            &[("sasaran", &sasaran.id.value), ("word", &first.text)];
        let label = if form == Form::Noun { "label-noun" } else { "label-verb" };
        let finding = cx
            .report(
                &SASARAN_ACTIVITY,
                document.file,
                span,
                &[("sasaran", &sasaran.id.value), ("text", &name)],
            )
            .label(label, args);
        match result_form(first.text, lex) {
            Some(result) => {
                let finding = finding.help("help", &[("word", &first.text), ("result", &result)]);
                let finding = match exact {
                    Some(span) if !alternatives => {
                        finding.fix(Fix::replace(Applicability::Unsafe, document.file, span, result))
                    }
                    _ => finding,
                };
                finding.emit(out);
            }
            None => finding.help("help-general", args).emit(out),
        }
    }
}
