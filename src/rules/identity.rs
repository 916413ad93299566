//! N — names and NIPs, checked across everything linted together.
//!
//! Per document: the form of each NIP (N001 malformed, N002 impossible dates, N003 grouping, N010 unusual age)
//! and placeholders (N009). Across the set, through the [`index::People`] index: one NIP for two people (N004),
//! one person with two NIPs (N005), variant names (N006), signers who are not the holder (N007) and signature
//! titles that are not the position's (N008).

mod index;
mod people;
pub mod titles;

pub use index::{People, Place, Role};

use super::{Check, Context, Family, Finding, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::model::{Document, Text};
use crate::names::{self, Names};
use crate::nip::{self, FieldError, Kind, Malformed, Nip};
use crate::skp::SkpDocument;
use crate::source::{FileId, Span};
use std::collections::HashMap;

pub const NIP_MALFORMED: Rule = Rule {
    code: "N001",
    name: "nip-malformed",
    family: Family::Identity,
    severity: Severity::Error,
    check: Check::DocumentAndSkp(nip_malformed, skp_nip_malformed),
};

pub const NIP_INVALID_DATE: Rule = Rule {
    code: "N002",
    name: "nip-invalid-date",
    family: Family::Identity,
    severity: Severity::Error,
    check: Check::DocumentAndSkp(nip_invalid_date, skp_nip_invalid_date),
};

pub const NIP_GROUPING: Rule = Rule {
    code: "N003",
    name: "nip-grouping",
    family: Family::Identity,
    severity: Severity::Warning,
    check: Check::DocumentAndSkp(nip_grouping, skp_nip_grouping),
};

pub const NIP_SHARED: Rule = Rule {
    code: "N004",
    name: "nip-shared",
    family: Family::Identity,
    severity: Severity::Error,
    check: Check::Set(people::nip_shared),
};

pub const PERSON_SEVERAL_NIPS: Rule = Rule {
    code: "N005",
    name: "person-several-nips",
    family: Family::Identity,
    severity: Severity::Error,
    check: Check::Set(people::person_several_nips),
};

pub const NAME_VARIANT: Rule = Rule {
    code: "N006",
    name: "name-variant",
    family: Family::Identity,
    severity: Severity::Warning,
    check: Check::Set(people::name_variant),
};

pub const SIGNER_NOT_HOLDER: Rule = Rule {
    code: "N007",
    name: "signer-not-holder",
    family: Family::Identity,
    severity: Severity::Error,
    check: Check::Set(people::signer_not_holder),
};

pub const TITLE_MISMATCH: Rule = Rule {
    code: "N008",
    name: "title-mismatch",
    family: Family::Identity,
    severity: Severity::Warning,
    check: Check::Set(people::title_mismatch),
};

pub const PLACEHOLDER: Rule = Rule {
    code: "N009",
    name: "placeholder",
    family: Family::Identity,
    severity: Severity::Error,
    check: Check::PositionAndSkp(placeholders, skp_placeholders),
};

pub const NIP_UNUSUAL_AGE: Rule = Rule {
    code: "N010",
    name: "nip-unusual-age",
    family: Family::Identity,
    severity: Severity::Warning,
    check: Check::DocumentAndSkp(nip_unusual_age, skp_nip_unusual_age),
};

pub const UNSIGNED: Rule = Rule {
    code: "N011",
    name: "unsigned",
    family: Family::Identity,
    severity: Severity::Warning,
    check: Check::Document(unsigned),
};

pub const RULES: &[Rule] = &[
    NIP_MALFORMED,
    NIP_INVALID_DATE,
    NIP_GROUPING,
    NIP_SHARED,
    PERSON_SEVERAL_NIPS,
    NAME_VARIANT,
    SIGNER_NOT_HOLDER,
    TITLE_MISMATCH,
    PLACEHOLDER,
    NIP_UNUSUAL_AGE,
    UNSIGNED,
];

/// Every NIP written in a document (holders and signers).
fn nips(document: &Document) -> impl Iterator<Item = &Text> {
    document.jabatan.iter().flat_map(|j| {
        let holder = j.pemangku.as_ref().and_then(|p| p.nip.as_ref());
        let signers = j
            .tanda_tangan
            .iter()
            .flat_map(|tt| [&tt.atasan, &tt.pegawai])
            .flatten()
            .filter_map(|s| s.nip.as_ref());
        holder.into_iter().chain(signers)
    })
}

/// The span of `needle` in the source of `value`, when it occurs exactly once in the value.
fn locate(cx: &Context, file: FileId, value: &Text, needle: &str) -> Option<Span> {
    crate::locate::locate_needle(cx.source(file), value, needle)
}

/// An edit replacing `old` inside a value's source with `new`, when `new` can be written there without changing
/// the YAML quoting (no quote of the value's kind, no escapes; plain values only take plain words).
pub(crate) fn value_edit(cx: &Context, file: FileId, value: &Text, old: &str, new: &str) -> Option<Edit> {
    let slice = cx.source(file).get(value.span.range())?;
    let safe = match slice.chars().next() {
        Some('"') => !new.contains(['"', '\\']),
        Some('\'') => !new.contains('\''),
        _ => new
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'')),
    };
    let span = locate(cx, file, value, old)?;
    safe.then(|| Edit {
        file,
        span,
        replacement: new.to_string(),
    })
}

/// One NIP text of a document that is not a placeholder (N009), parsed, with every later place that writes the
/// same text: a holder's NIP is printed again in the signature blocks, and a defect in it is one finding with a
/// label at each copy.
struct WrittenNip<'d> {
    first: &'d Text,
    copies: Vec<&'d Text>,
    parsed: Result<Nip, Malformed>,
}

impl WrittenNip<'_> {
    /// Label every copy, at `needle` inside it when given (the group a finding is about), else at the whole NIP.
    fn label_copies(&self, cx: &Context, file: FileId, finding: Finding, needle: Option<&str>) -> Finding {
        self.copies.iter().fold(finding, |finding, copy| {
            let span = needle.and_then(|n| locate(cx, file, copy, n)).unwrap_or(copy.span);
            finding.secondary_common(file, span, "common.label-again", &[])
        })
    }
}

fn written_nips(document: &Document) -> Vec<WrittenNip<'_>> {
    written_nips_of(nips(document))
}

/// The NIPs written in an SKP (pegawai, penilai, atasan penilai), as [`written_nips`] reads them.
fn skp_written_nips(skp: &SkpDocument) -> Vec<WrittenNip<'_>> {
    written_nips_of(skp.people().filter_map(|(_, p)| p.nip.as_ref()))
}

fn written_nips_of<'d>(texts: impl Iterator<Item = &'d Text>) -> Vec<WrittenNip<'d>> {
    let mut written: Vec<WrittenNip> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for text in texts.filter(|w| !nip::is_placeholder(w.as_str())) {
        match seen.get(text.as_str().trim()) {
            Some(&at) => written[at].copies.push(text),
            None => {
                seen.insert(text.as_str().trim(), written.len());
                written.push(WrittenNip {
                    first: text,
                    copies: Vec::new(),
                    parsed: Nip::parse(text.as_str()),
                });
            }
        }
    }
    written
}

fn nip_malformed(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for written in written_nips(document) {
        match &written.parsed {
            Err(error) => malformed(cx, document.file, &written, error.clone(), out),
            Ok(parsed) => field_errors(cx, document.file, &written, parsed, false, out),
        }
    }
}

fn nip_invalid_date(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for written in written_nips(document) {
        if let Ok(parsed) = &written.parsed {
            field_errors(cx, document.file, &written, parsed, true, out);
            invalid_age(cx, document.file, document.tahun(), &written, parsed, out);
        }
    }
}

fn nip_grouping(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for written in written_nips(document) {
        if let Ok(parsed) = &written.parsed {
            grouping(cx, document.file, &written, parsed, out);
        }
    }
}

fn nip_unusual_age(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    for written in written_nips(document) {
        if let Ok(parsed) = &written.parsed {
            unusual_age(cx, document.file, &written, parsed, out);
        }
    }
}

fn skp_nip_malformed(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    for written in skp_written_nips(skp) {
        match &written.parsed {
            Err(error) => malformed(cx, skp.file, &written, error.clone(), out),
            Ok(parsed) => field_errors(cx, skp.file, &written, parsed, false, out),
        }
    }
}

fn skp_nip_invalid_date(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    for written in skp_written_nips(skp) {
        if let Ok(parsed) = &written.parsed {
            field_errors(cx, skp.file, &written, parsed, true, out);
            invalid_age(cx, skp.file, skp.tahun(), &written, parsed, out);
        }
    }
}

/// In an SKP, the 18 digits without spaces that e-Kinerja prints are as good as the 8-6-1-3 grouping (SPEC.md
/// section 6); any other grouping is reported as in an IKI.
fn skp_nip_grouping(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    for written in skp_written_nips(skp) {
        if let Ok(parsed) = &written.parsed
            && nip::body(written.first.as_str()) != parsed.digits()
        {
            grouping(cx, skp.file, &written, parsed, out);
        }
    }
}

fn skp_nip_unusual_age(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    for written in skp_written_nips(skp) {
        if let Ok(parsed) = &written.parsed {
            unusual_age(cx, skp.file, &written, parsed, out);
        }
    }
}

fn malformed(cx: &Context, file: FileId, written: &WrittenNip, error: Malformed, out: &mut Vec<Diagnostic>) {
    let nip = nip::body(written.first.as_str());
    let span = written.first.span;
    let finding = match error {
        Malformed::Length(count) => cx
            .report(&NIP_MALFORMED, file, span, &[("nip", &nip), ("count", &count)])
            .label("label-length", &[("count", &count)]),
        Malformed::NotDigit(c) => cx
            .report(&NIP_MALFORMED, file, span, &[("nip", &nip)])
            .message("message-char", &[("nip", &nip), ("char", &c)])
            .label("label-char", &[("char", &c)]),
    };
    written
        .label_copies(cx, file, finding, None)
        .help("help", &[])
        .emit(out);
}

fn grouping(cx: &Context, file: FileId, written: &WrittenNip, parsed: &Nip, out: &mut Vec<Diagnostic>) {
    let body = nip::body(written.first.as_str());
    let canonical = parsed.canonical();
    if body == canonical {
        return;
    }
    let finding = cx
        .report(&NIP_GROUPING, file, written.first.span, &[("nip", &body)])
        .label("label", &[])
        .help("help", &[("canonical", &canonical)]);
    let mut finding = written.label_copies(cx, file, finding, None);
    // The copies are the same text, so the same rewrite fixes each of them.
    let edits: Vec<Edit> = std::iter::once(written.first)
        .chain(written.copies.iter().copied())
        .filter_map(|text| value_edit(cx, file, text, body, &canonical))
        .collect();
    if !edits.is_empty() {
        finding = finding.fix(Fix::safe(edits));
    }
    finding.emit(out);
}

/// The fields of a number that do not decode: its shape (gender, sequence) for N001 (`dates == false`), its
/// impossible dates for N002 (`dates == true`).
fn field_errors(
    cx: &Context,
    file: FileId,
    written: &WrittenNip,
    parsed: &Nip,
    dates: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Err(errors) = parsed.decode() else { return };
    let canonical = parsed.canonical();
    for error in errors {
        let (rule, key, range) = match error {
            FieldError::BirthDate => (&NIP_INVALID_DATE, "birth", (0, 8)),
            FieldError::Tmt => (&NIP_INVALID_DATE, "tmt", (9, 15)),
            FieldError::Gender(_) => (&NIP_MALFORMED, "gender", (16, 17)),
            FieldError::Sequence => (&NIP_MALFORMED, "sequence", (18, 21)),
        };
        if (rule.code == NIP_INVALID_DATE.code) != dates {
            continue;
        }
        let group = &canonical[range.0..range.1];
        let span = locate(cx, file, written.first, group).unwrap_or(written.first.span);
        let args: [(&'static str, &dyn crate::message::ToArg); 2] = [("nip", &canonical), ("group", &group)];
        let finding = cx
            .report(rule, file, span, &args)
            .message(&format!("message-{key}"), &args)
            .label(&format!("label-{key}"), &args);
        written
            .label_copies(cx, file, finding, Some(group))
            .help(&format!("help-{key}"), &args)
            .emit(out);
    }
}

/// N002: TMT before the age of 18, or after the document's year.
fn invalid_age(
    cx: &Context,
    file: FileId,
    tahun: Option<i64>,
    written: &WrittenNip,
    parsed: &Nip,
    out: &mut Vec<Diagnostic>,
) {
    let Ok(decoded) = parsed.decode() else { return };
    let canonical = parsed.canonical();
    let age = decoded.age_at_tmt();
    let tmt = decoded.tmt_text();
    let birth = decoded.birth.to_string();
    if age < 18 {
        let args: [(&'static str, &dyn crate::message::ToArg); 4] =
            [("nip", &canonical), ("age", &age), ("tmt", &tmt), ("birth", &birth)];
        let finding = cx
            .report(&NIP_INVALID_DATE, file, written.first.span, &args)
            .message("message-young", &args)
            .label("label-young", &args);
        written
            .label_copies(cx, file, finding, None)
            .help("help-young", &args)
            .emit(out);
    } else if let Some(year) = tahun.filter(|&y| i64::from(decoded.tmt_year) > y) {
        let args: [(&'static str, &dyn crate::message::ToArg); 3] =
            [("nip", &canonical), ("tmt", &tmt), ("year", &year)];
        let finding = cx
            .report(&NIP_INVALID_DATE, file, written.first.span, &args)
            .message("message-future", &args)
            .label("label-future", &args);
        written
            .label_copies(cx, file, finding, None)
            .help("help-future", &args)
            .emit(out);
    }
}

/// N010: a civil servant appointed above 40 with TMT 2015 or later.
fn unusual_age(cx: &Context, file: FileId, written: &WrittenNip, parsed: &Nip, out: &mut Vec<Diagnostic>) {
    let Ok(decoded) = parsed.decode() else { return };
    let age = decoded.age_at_tmt();
    if decoded.kind != Kind::Pns || decoded.tmt_year < 2015 || age <= 40 {
        return;
    }
    let canonical = parsed.canonical();
    let tmt = decoded.tmt_text();
    let birth = decoded.birth.to_string();
    let args: [(&'static str, &dyn crate::message::ToArg); 4] =
        [("nip", &canonical), ("age", &age), ("tmt", &tmt), ("birth", &birth)];
    let finding = cx
        .report(&NIP_UNUSUAL_AGE, file, written.first.span, &args)
        .label("label", &args);
    written
        .label_copies(cx, file, finding, None)
        .note("note", &args)
        .help("help", &args)
        .emit(out);
}

/// Where a placeholder is: the filler run when it can be found exactly in the source, else the whole value.
fn placeholder_span(cx: &Context, file: FileId, text: &Text) -> Span {
    let filler = names::FILLER
        .iter()
        .filter_map(|f| text.as_str().find(f))
        .min()
        .map(|start| {
            text.as_str()[start..]
                .chars()
                .take_while(|c| matches!(c, '.' | '…' | '_'))
                .collect::<String>()
        });
    filler
        .as_deref()
        .and_then(|run| locate(cx, file, text, run))
        .unwrap_or(text.span)
}

/// Report a placeholder in a `what` field (`name`, `nip`, `date`). `known` is the value the position's holder
/// has for the field, when there is one to suggest (a pegawai signature of a position whose `pemangku` is filled
/// in).
fn report_placeholder(
    cx: &Context,
    file: FileId,
    text: &Text,
    what: &str,
    known: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let shown = text.as_str().trim();
    let finding = cx
        .report(
            &PLACEHOLDER,
            file,
            placeholder_span(cx, file, text),
            &[("text", &shown)],
        )
        .message(&format!("message-{what}"), &[("text", &shown)])
        .label("label", &[]);
    match known {
        Some(value) => finding.help(&format!("help-{what}-holder"), &[("value", &value)]),
        None => finding.help(&format!("help-{what}"), &[]),
    }
    .emit(out);
}

/// A person left blank altogether, name and NIP: one placeholder finding with a label on each.
fn report_blank_person(cx: &Context, file: FileId, nama: &Text, nip: &Text, known: Option<(&str, &str)>) -> Diagnostic {
    let finding = cx
        .report(&PLACEHOLDER, file, placeholder_span(cx, file, nama), &[])
        .message("message-person", &[])
        .label("label-name", &[])
        .secondary(file, placeholder_span(cx, file, nip), "label-nip", &[]);
    match known {
        Some((name, number)) => finding.help("help-person-holder", &[("name", &name), ("nip", &number)]),
        None => finding.help("help-person", &[]),
    }
    .build()
}

/// A date line with nothing where the date belongs: filler (`Masama, .....2020`, `…`), or a place with an
/// empty or dash date (`Masama,`, `Masama, -`).
pub fn is_placeholder_date(text: &str) -> bool {
    let date = text.rsplit_once(',').map_or(text, |(_, date)| date).trim();
    names::is_filler(text) || date.is_empty() || date.chars().all(|c| matches!(c, '-' | '–' | '—' | '.'))
}

/// A date line with a month and a year but no day (`Tanjung Redeb, Januari 2022`): the day was left to be
/// written in by hand.
pub fn is_date_without_day(text: &str) -> bool {
    let date = text.rsplit_once(',').map_or(text, |(_, date)| date);
    let words = crate::words::words(date);
    let number = |w: &crate::words::Word, digits: std::ops::RangeInclusive<usize>| {
        w.is_number() && digits.contains(&w.text.len())
    };
    words.iter().any(|w| number(w, 4..=4))
        && words.iter().any(|w| w.is_alphabetic())
        && !words.iter().any(|w| number(w, 1..=2))
}

fn placeholders(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let names = cx.data.derived::<Names>();
    let file = document.file;
    for jabatan in &document.jabatan {
        // What the holder has, to suggest for a blank pegawai signature.
        let holder = jabatan.pemangku.as_ref();
        let holder_name = holder
            .and_then(|p| p.nama.as_ref())
            .map(|n| n.as_str().trim())
            .filter(|n| !names.is_placeholder(n));
        let holder_nip = holder
            .and_then(|p| p.nip.as_ref())
            .map(|n| n.as_str().trim())
            .filter(|n| Nip::parse(n).is_ok());
        let signers = jabatan.tanda_tangan.iter().flat_map(|tt| {
            [
                tt.atasan.as_ref().map(|s| (&s.nama, &s.nip, None, None)),
                tt.pegawai.as_ref().map(|s| (&s.nama, &s.nip, holder_name, holder_nip)),
            ]
        });
        let people = holder
            .map(|p| (&p.nama, &p.nip, None, None))
            .into_iter()
            .chain(signers.flatten());
        for (nama, nip, known_name, known_nip) in people {
            person_placeholders(cx, file, (nama.as_ref(), nip.as_ref()), known_name.zip(known_nip), out);
        }
        if let Some(date) = jabatan.tanda_tangan.as_ref().and_then(|tt| tt.tempat_tanggal.as_ref()) {
            if is_placeholder_date(date.as_str()) {
                report_placeholder(cx, file, date, "date", None, out);
            } else if is_date_without_day(date.as_str()) {
                report_placeholder(cx, file, date, "date-day", None, out);
            }
        }
    }
}

/// The placeholders of one person's name and NIP: one finding for both when both are blank. `known` is what the
/// position's holder has, to suggest.
fn person_placeholders(
    cx: &Context,
    file: FileId,
    (nama, nip): (Option<&Text>, Option<&Text>),
    known: Option<(&str, &str)>,
    out: &mut Vec<Diagnostic>,
) {
    let names = cx.data.derived::<Names>();
    let nama = nama.filter(|n| names.is_placeholder(n.as_str()));
    let nip = nip.filter(|n| nip::is_placeholder(n.as_str()));
    match (nama, nip) {
        (Some(nama), Some(nip)) => out.push(report_blank_person(cx, file, nama, nip, known)),
        (Some(nama), None) => report_placeholder(cx, file, nama, "name", known.map(|k| k.0), out),
        (None, Some(nip)) => report_placeholder(cx, file, nip, "nip", known.map(|k| k.1), out),
        (None, None) => {}
    }
}

/// The first words of the titles of elected officials and ministers, who have no NIP (SPEC.md section 6): a penilai
/// who holds one of them may write a dash where the NIP would be.
const WITHOUT_NIP: &[&str] = &[
    "bupati",
    "walikota",
    "wali kota",
    "gubernur",
    "menteri",
    "kepala daerah",
];

/// Whether a title is that of an elected official or a minister (`Bupati Banggai`, `Wakil Wali Kota …`), not of a
/// civil servant serving one (`Staf Ahli Bupati`, `Sekretaris Daerah`).
fn holds_office_without_nip(jabatan: &str) -> bool {
    let lower = jabatan.trim().to_lowercase();
    let title = lower.strip_prefix("wakil ").unwrap_or(&lower);
    WITHOUT_NIP.iter().any(|office| {
        title
            .strip_prefix(office)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// N009 on an SKP: the names and NIPs of pegawai, penilai and atasan penilai. A penilai or atasan penilai who is a
/// regional head or a minister has no NIP: a dash (or no key) there is not a placeholder, filler dots still are.
fn skp_placeholders(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    for (key, person) in skp.people() {
        let without_nip = key != "pegawai"
            && person
                .jabatan
                .as_ref()
                .is_some_and(|j| holds_office_without_nip(j.as_str()));
        let dash = |n: &Text| {
            let body = nip::body(n.as_str());
            !body.is_empty() && body.chars().all(|c| matches!(c, '-' | '–' | '—'))
        };
        let nip = person.nip.as_ref().filter(|n| !(without_nip && dash(n)));
        person_placeholders(cx, skp.file, (person.nama.as_ref(), nip), None, out);
    }
}

/// N011: a position without a signature block in a document where most positions have one (a document signed
/// once at its end, as some offices print them, is not reported).
fn unsigned(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let total = document.jabatan.len();
    let signed = document.jabatan.iter().filter(|j| j.tanda_tangan.is_some()).count();
    if signed * 2 <= total {
        return;
    }
    for jabatan in document.jabatan.iter().filter(|j| j.tanda_tangan.is_none()) {
        let title = jabatan
            .nama
            .as_ref()
            .or(jabatan.id.as_ref())
            .map_or("?", |t| t.as_str().trim());
        let span = jabatan
            .id
            .as_ref()
            .map_or(Span::new(jabatan.span.start, jabatan.span.start), |id| id.span);
        let args: [(&'static str, &dyn crate::message::ToArg); 3] =
            [("position", &title), ("signed", &signed), ("total", &total)];
        cx.report(&UNSIGNED, document.file, span, &args)
            .label("label", &args)
            .help("help", &args)
            .emit(out);
    }
}
