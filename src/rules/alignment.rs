//! A — alignment: the cascade graph of positions, sasaran and indicators ([`crate::cascade`]). Every check reads
//! the one graph built per run; a position in an `atasan` loop (A005) or with an unresolved `atasan` (A002) gets
//! no cascade findings besides, because they would follow from the one mistake. A009 reads how each sasaran is
//! worded: the result a sasaran names is what the cascade hands down.

pub(crate) mod activity;
pub mod suggest;

use super::{Check, Context, Family, Rule};
use crate::cascade::{Atasan, Cascade, Link, PosId, RefError, Relation};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Jabatan, Text};
use crate::source::{FileId, Span};
use foldhash::HashMap;

pub const FEEDS_NOTHING: Rule = Rule {
    code: "A001",
    name: "feeds-nothing",
    family: Family::Alignment,
    severity: Severity::Error,
    check: Check::Set(feeds_nothing),
};

pub const UNKNOWN_REFERENCE: Rule = Rule {
    code: "A002",
    name: "unknown-reference",
    family: Family::Alignment,
    severity: Severity::Error,
    check: Check::Set(unknown_reference),
};

pub const FEEDS_NON_SUPERIOR: Rule = Rule {
    code: "A003",
    name: "feeds-non-superior",
    family: Family::Alignment,
    severity: Severity::Error,
    check: Check::Set(feeds_non_superior),
};

pub const SASARAN_UNSUPPORTED: Rule = Rule {
    code: "A004",
    name: "sasaran-unsupported",
    family: Family::Alignment,
    severity: Severity::Warning,
    check: Check::Set(sasaran_unsupported),
};

pub const REPORTING_CYCLE: Rule = Rule {
    code: "A005",
    name: "reporting-cycle",
    family: Family::Alignment,
    severity: Severity::Error,
    check: Check::Set(reporting_cycle),
};

pub const SEVERAL_TOPS: Rule = Rule {
    code: "A006",
    name: "several-tops",
    family: Family::Alignment,
    severity: Severity::Warning,
    check: Check::Set(several_tops),
};

pub const EMPTY_SASARAN: Rule = Rule {
    code: "A007",
    name: "empty-sasaran",
    family: Family::Alignment,
    severity: Severity::Error,
    check: Check::Position(empty_sasaran),
};

pub const SKIPS_LEVEL: Rule = Rule {
    code: "A008",
    name: "skips-level",
    family: Family::Alignment,
    severity: Severity::Warning,
    check: Check::Set(skips_level),
};

pub const SASARAN_ACTIVITY: Rule = Rule {
    code: "A009",
    name: "sasaran-activity",
    family: Family::Alignment,
    severity: Severity::Warning,
    check: Check::Position(activity::sasaran_activity),
};

pub const RULES: &[Rule] = &[
    FEEDS_NOTHING,
    UNKNOWN_REFERENCE,
    FEEDS_NON_SUPERIOR,
    SASARAN_UNSUPPORTED,
    REPORTING_CYCLE,
    SEVERAL_TOPS,
    EMPTY_SASARAN,
    SKIPS_LEVEL,
    SASARAN_ACTIVITY,
];

fn file_of(cx: &Context, cascade: &Cascade, pos: PosId) -> FileId {
    cx.documents[cascade.positions[pos].doc].file
}

fn jabatan<'c>(cx: &Context<'c>, cascade: &Cascade, pos: PosId) -> &'c Jabatan {
    cascade.jabatan(cx.documents, pos).1
}

fn id_of(jabatan: &Jabatan) -> &str {
    jabatan.id.as_ref().map_or("?", Text::as_str)
}

/// How A001/A004 name a position to a reader: its title as written (`Kepala Seksi Pembangunan`), else its id,
/// with the document's id when it is in another document than `from_doc`.
fn title(cx: &Context, cascade: &Cascade, pos: PosId, from_doc: usize) -> String {
    let (document, jabatan) = cascade.jabatan(cx.documents, pos);
    let name = jabatan
        .nama
        .as_ref()
        .map(|n| n.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| id_of(jabatan).to_string());
    if cascade.positions[pos].doc == from_doc {
        name
    } else {
        format!("{name} ({})", document.id().unwrap_or("?"))
    }
}

/// Where to point at a position as a whole: its `id`, else the start of its mapping.
fn position_span(jabatan: &Jabatan) -> Span {
    jabatan
        .id
        .as_ref()
        .map_or(Span::new(jabatan.span.start, jabatan.span.start), |id| id.span)
}

// ---------------------------------------------------------------------------------------------------------- A001

fn feeds_nothing(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    // Each superior's sasaran, split into words once for all of its subordinates.
    let mut candidates: HashMap<PosId, suggest::Candidates> = HashMap::default();
    for (pos, info) in cascade.positions.iter().enumerate() {
        let Atasan::Resolved(superior) = info.atasan else {
            continue;
        };
        if info.in_cycle {
            continue;
        }
        let file = file_of(cx, &cascade, pos);
        let position = jabatan(cx, &cascade, pos);
        // Names and the superior's candidates only for a position with a finding: most positions are linked.
        let mut names: Option<(String, String)> = None;
        for (s, sasaran_info) in info.sasaran.iter().enumerate() {
            let sasaran = &position.sasaran[s];
            if sasaran_info.indicators.is_empty() || !sasaran_info.link.is_none() {
                continue;
            }
            let unlinked: Vec<usize> = (0..sasaran_info.indicators.len())
                .filter(|&i| cascade.effective_link(pos, s, i).is_none())
                .collect();
            if unlinked.is_empty() {
                continue;
            }
            let (superior_name, position_name) = &*names.get_or_insert_with(|| {
                (
                    title(cx, &cascade, superior, info.doc),
                    title(cx, &cascade, pos, info.doc),
                )
            });
            let candidates = candidates
                .entry(superior)
                .or_insert_with(|| suggest::candidates(cx.documents, &cascade, superior));
            let args: [(&'static str, &dyn crate::message::ToArg); 3] = [
                ("sasaran", &sasaran.id.value),
                ("position", position_name),
                ("superior", superior_name),
            ];
            if unlinked.len() == sasaran_info.indicators.len() {
                let Some(uraian) = &sasaran.uraian else {
                    continue;
                };
                let mut texts = vec![uraian.as_str()];
                texts.extend(
                    sasaran
                        .indikator
                        .iter()
                        .filter_map(|i| i.uraian.as_ref())
                        .map(Text::as_str),
                );
                let finding = cx.report(&FEEDS_NOTHING, file, uraian.span, &args).label("label", &[]);
                let hint = Hint {
                    superior,
                    superior_name,
                    file,
                    uraian: uraian.span,
                    help: "help",
                };
                with_suggestion(cx, &cascade, finding, candidates, &texts, &hint).emit(out);
            } else {
                for i in unlinked {
                    let Some(uraian) = &sasaran.indikator[i].uraian else {
                        continue;
                    };
                    let finding = cx
                        .report(&FEEDS_NOTHING, file, uraian.span, &args)
                        .message("message-indicator", &args)
                        .label("label-indicator", &[]);
                    let hint = Hint {
                        superior,
                        superior_name,
                        file,
                        uraian: uraian.span,
                        help: "help-indicator",
                    };
                    with_suggestion(cx, &cascade, finding, candidates, &[uraian.as_str()], &hint).emit(out);
                }
            }
        }
    }
}

/// Where an A001 finding is and what its help names.
struct Hint<'a> {
    superior: PosId,
    superior_name: &'a str,
    file: FileId,
    /// The `uraian` the `mendukung:` line goes under.
    uraian: Span,
    /// The help key for a close candidate (`help` for a sasaran, `help-indicator`).
    help: &'a str,
}

/// The help (and, when a candidate is close, the unsafe fix) naming the superior sasaran to link to.
fn with_suggestion(
    cx: &Context,
    cascade: &Cascade,
    finding: super::Finding,
    candidates: &suggest::Candidates,
    texts: &[&str],
    hint: &Hint,
) -> super::Finding {
    let Hint {
        superior,
        superior_name,
        file,
        uraian,
        help: help_key,
    } = *hint;
    match candidates.best(texts) {
        None => finding.help("help-none", &[("superior", &superior_name)]),
        Some(s) if suggest::is_close(&s) => {
            let finding = finding.help(
                help_key,
                &[("target", &s.id), ("text", &s.text), ("superior", &superior_name)],
            );
            match cx.files.link_slot(file, uraian) {
                Some(slot) => finding.fix(suggest::insert_link(slot, file, "mendukung", &s.id)),
                None => finding,
            }
        }
        Some(_) => finding.help(
            "help-unrelated",
            &[
                ("superior", &superior_name),
                ("known", &suggest::list(cx.documents, cascade, superior, 6)),
            ],
        ),
    }
}

// ---------------------------------------------------------------------------------------------------------- A002

fn unknown_reference(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    for (pos, info) in cascade.positions.iter().enumerate() {
        let file = file_of(cx, &cascade, pos);
        let position = jabatan(cx, &cascade, pos);
        if let (Atasan::Unresolved(error), Some(atasan)) = (&info.atasan, &position.atasan) {
            report_reference(cx, &cascade, error, "atasan", atasan, file, out);
        }
        for (s, sasaran_info) in info.sasaran.iter().enumerate() {
            let sasaran = &position.sasaran[s];
            if let (Link::Broken(error), Some(reference)) = (&sasaran_info.link, &sasaran.mendukung) {
                report_reference(cx, &cascade, error, "mendukung", reference, file, out);
            }
            for (i, indicator) in sasaran_info.indicators.iter().enumerate() {
                if let (Link::Broken(error), Some(reference)) = (&indicator.link, &sasaran.indikator[i].mendukung) {
                    report_reference(cx, &cascade, error, "mendukung", reference, file, out);
                }
            }
        }
    }
}

/// `reference` with its part at `index` (from the end) replaced by `replacement`.
fn replace_part(reference: &str, from_end: usize, replacement: &str) -> String {
    let mut parts: Vec<&str> = reference.split('/').map(str::trim).collect();
    let at = parts.len().saturating_sub(from_end + 1);
    if let Some(part) = parts.get_mut(at) {
        *part = replacement;
    }
    parts.join("/")
}

fn report_reference(
    cx: &Context,
    cascade: &Cascade,
    error: &RefError,
    key: &str,
    reference: &Text,
    file: FileId,
    out: &mut Vec<Diagnostic>,
) {
    let value = reference.value.trim();
    let base = cx
        .report(
            &UNKNOWN_REFERENCE,
            file,
            reference.span,
            &[("key", &key), ("value", &value)],
        )
        .label("label", &[("key", &key)]);
    // Which part of the reference failed, counted from its end: the sasaran id is last in `mendukung`, the
    // position id last in `atasan`.
    let position_part = if key == "atasan" { 0 } else { 1 };
    let did_you_mean = |finding: super::Finding, suggestion: &Option<String>, from_end: usize| match suggestion {
        Some(s) => {
            let full = replace_part(value, from_end, s);
            finding.help("help", &[("key", &key), ("suggestion", &full)])
        }
        None => finding.help("help-check", &[("key", &key)]),
    };
    let finding = match error {
        RefError::Malformed => base.help(&format!("help-malformed-{key}"), &[]),
        RefError::NoSuperior => base
            .message("message-no-superior", &[("value", &value)])
            .help("help-no-superior", &[("value", &value)]),
        RefError::Document { name, suggestion } => {
            let parts = value.split('/').count();
            did_you_mean(
                base.message("message-document", &[("key", &key), ("name", name)]),
                suggestion,
                parts - 1,
            )
        }
        RefError::Position { name, doc, suggestion } => did_you_mean(
            base.message("message-position", &[("key", &key), ("name", name), ("doc", doc)]),
            suggestion,
            position_part,
        ),
        RefError::Sasaran { name, pos, suggestion } => {
            let (_, target) = cascade.jabatan(cx.documents, *pos);
            let finding = base.message("message-sasaran", &[("name", name), ("position", &id_of(target))]);
            match suggestion {
                Some(_) => did_you_mean(finding, suggestion, 0),
                None if target.sasaran.is_empty() => finding.help("help-no-sasaran", &[("position", &id_of(target))]),
                None => finding.help(
                    "help-list",
                    &[
                        ("position", &id_of(target)),
                        ("known", &suggest::list(cx.documents, cascade, *pos, 6)),
                    ],
                ),
            }
        }
    };
    finding.emit(out);
}

// ---------------------------------------------------------------------------------------------------- A003, A008

/// Every resolved `mendukung` of `relation`, with the position that wrote it, its text and the target.
fn links_with(cx: &Context, cascade: &Cascade, relation: Relation, mut each: impl FnMut(PosId, &Text, PosId, usize)) {
    for (pos, info) in cascade.positions.iter().enumerate() {
        let position = jabatan(cx, cascade, pos);
        for (s, sasaran_info) in info.sasaran.iter().enumerate() {
            let sasaran = &position.sasaran[s];
            let written = std::iter::once((&sasaran_info.link, &sasaran.mendukung)).chain(
                sasaran_info
                    .indicators
                    .iter()
                    .zip(&sasaran.indikator)
                    .map(|(i, m)| (&i.link, &m.mendukung)),
            );
            for (link, reference) in written {
                if let (
                    Link::Resolved {
                        pos: to,
                        sas,
                        relation: r,
                    },
                    Some(reference),
                ) = (link, reference)
                    && *r == relation
                {
                    each(pos, reference, *to, *sas);
                }
            }
        }
    }
}

fn feeds_non_superior(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    links_with(cx, &cascade, Relation::NotSuperior, |pos, reference, to, sas| {
        misdirected(cx, &cascade, &FEEDS_NON_SUPERIOR, pos, reference, to, sas, out);
    });
}

fn skips_level(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    links_with(cx, &cascade, Relation::Above, |pos, reference, to, sas| {
        misdirected(cx, &cascade, &SKIPS_LEVEL, pos, reference, to, sas, out);
    });
}

/// A003 or A008: a link that does not go to the direct superior; the help names the direct superior's sasaran
/// closest to the target, since the work should reach it through that one.
#[allow(clippy::too_many_arguments)]
fn misdirected(
    cx: &Context,
    cascade: &Cascade,
    rule: &'static Rule,
    pos: PosId,
    reference: &Text,
    to: PosId,
    sas: usize,
    out: &mut Vec<Diagnostic>,
) {
    let info = &cascade.positions[pos];
    let file = file_of(cx, cascade, pos);
    let position = jabatan(cx, cascade, pos);
    let target_name = cascade.name(cx.documents, to, Some(info.doc));
    let target_jabatan = jabatan(cx, cascade, to);
    let target_sasaran = &target_jabatan.sasaran[sas];
    let target_text = target_sasaran.uraian.as_ref().map_or("", Text::as_str);
    let args: [(&'static str, &dyn crate::message::ToArg); 3] = [
        ("value", &reference.value),
        ("target", &target_name),
        ("position", &id_of(position)),
    ];
    let mut finding = cx.report(rule, file, reference.span, &args).label("label", &[]);
    if let Some(span) = target_sasaran.uraian.as_ref().map(|u| u.span) {
        finding = finding.secondary(file_of(cx, cascade, to), span, "label-target", &[]);
    }
    let finding = match cascade.superior(pos) {
        None => finding.help("help-top", &[]),
        Some(superior) => {
            let superior_name = cascade.name(cx.documents, superior, Some(info.doc));
            match suggest::best(cx.documents, cascade, superior, &[target_text]) {
                Some(s) if suggest::is_close(&s) => finding.help(
                    "help",
                    &[("superior", &superior_name), ("suggestion", &s.id), ("text", &s.text)],
                ),
                _ => finding.help("help-plain", &[("superior", &superior_name)]),
            }
        }
    };
    finding.emit(out);
}

// ---------------------------------------------------------------------------------------------------------- A004

fn sasaran_unsupported(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    for (pos, info) in cascade.positions.iter().enumerate() {
        let subordinates: Vec<PosId> = info
            .subordinates
            .iter()
            .copied()
            .filter(|&p| !cascade.positions[p].in_cycle)
            .collect();
        if info.in_cycle || subordinates.is_empty() {
            continue;
        }
        let file = file_of(cx, &cascade, pos);
        let position = jabatan(cx, &cascade, pos);
        const SHOWN: usize = 5;
        let mut names: Vec<String> = subordinates
            .iter()
            .take(SHOWN)
            .map(|&p| title(cx, &cascade, p, info.doc))
            .collect();
        if subordinates.len() > SHOWN {
            names.push("…".to_string());
        }
        let names = names.join(", ");
        let position_name = title(cx, &cascade, pos, info.doc);
        for (s, sasaran_info) in info.sasaran.iter().enumerate() {
            if sasaran_info.supported {
                continue;
            }
            let sasaran = &position.sasaran[s];
            let span = sasaran.uraian.as_ref().map_or(sasaran.id.span, |u| u.span);
            cx.report(
                &SASARAN_UNSUPPORTED,
                file,
                span,
                &[
                    ("sasaran", &sasaran.id.value),
                    ("position", &position_name),
                    ("count", &subordinates.len()),
                ],
            )
            .label("label", &[])
            .help("help", &[("subordinates", &names), ("sasaran", &sasaran.id.value)])
            .emit(out);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------- A005

fn reporting_cycle(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    for cycle in &cascade.cycles {
        let Some(&first) = cycle.first() else { continue };
        let doc = cascade.positions[first].doc;
        let names: Vec<String> = cycle
            .iter()
            .chain(std::iter::once(&first))
            .map(|&p| cascade.name(cx.documents, p, Some(doc)))
            .collect();
        let chain = names.join(" → ");
        let atasan_span = |p: PosId| {
            let j = jabatan(cx, &cascade, p);
            j.atasan.as_ref().map_or(position_span(j), |a| a.span)
        };
        let mut finding = cx
            .report(
                &REPORTING_CYCLE,
                file_of(cx, &cascade, first),
                atasan_span(first),
                &[("cycle", &chain)],
            )
            .label("label", &[]);
        for &p in &cycle[1..] {
            finding = finding.secondary(file_of(cx, &cascade, p), atasan_span(p), "label-member", &[]);
        }
        finding.note("note", &[]).help("help", &[]).emit(out);
    }
}

// ---------------------------------------------------------------------------------------------------------- A006

fn several_tops(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    for positions in &cascade.by_doc {
        let mut tops = positions
            .iter()
            .copied()
            .filter(|&p| matches!(cascade.positions[p].atasan, Atasan::Top));
        let Some(first) = tops.next() else { continue };
        let first_jabatan = jabatan(cx, &cascade, first);
        for other in tops {
            let j = jabatan(cx, &cascade, other);
            let file = file_of(cx, &cascade, other);
            cx.report(
                &SEVERAL_TOPS,
                file,
                position_span(j),
                &[("position", &id_of(j)), ("first", &id_of(first_jabatan))],
            )
            .label("label", &[])
            .secondary(file, position_span(first_jabatan), "label-first", &[])
            .help("help", &[("first", &id_of(first_jabatan))])
            .emit(out);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------- A007

/// Where the list at `span` is written empty (`[]`, `~`, or nothing after the key), not merely emptied by items
/// the schema rejected: the span to point at, or `None`. The parser's span of a flow list covers its `[` only.
fn written_empty(source: &str, span: Span) -> Option<Span> {
    let text = source.get(span.start..)?;
    if let Some(inner) = text.strip_prefix('[') {
        let close = inner.len() - inner.trim_start().len();
        return inner[close..]
            .starts_with(']')
            .then(|| Span::new(span.start, span.start + close + 2));
    }
    let value = source.get(span.range())?.trim();
    matches!(value, "" | "~" | "null" | "Null" | "NULL").then_some(span)
}

fn empty_sasaran(cx: &Context, document: &crate::model::Document, out: &mut Vec<Diagnostic>) {
    let source = cx.source(document.file);
    for position in &document.jabatan {
        if let Some(span) = position.sasaran_span
            && position.sasaran.is_empty()
            && let Some(span) = written_empty(source, span)
        {
            let span = if span.is_empty() { position_span(position) } else { span };
            cx.report(&EMPTY_SASARAN, document.file, span, &[("position", &id_of(position))])
                .label("label", &[])
                .help("help", &[])
                .emit(out);
        }
        for sasaran in &position.sasaran {
            if let Some(span) = sasaran.indikator_span
                && sasaran.indikator.is_empty()
                && let Some(span) = written_empty(source, span)
            {
                let span = if span.is_empty() {
                    sasaran.uraian.as_ref().map_or(sasaran.id.span, |u| u.span)
                } else {
                    span
                };
                cx.report(&EMPTY_SASARAN, document.file, span, &[])
                    .message(
                        "message-indikator",
                        &[("sasaran", &sasaran.id.value), ("position", &id_of(position))],
                    )
                    .label("label-indikator", &[])
                    .help("help-indikator", &[])
                    .emit(out);
            }
        }
    }
}
