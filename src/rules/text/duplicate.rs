//! T005 duplicate indicator: the same indicator text twice in one position (warning), or copied verbatim from
//! another position of the same document (info, message `message-copied`). Positions with the same title are
//! several holders of one position, who legitimately share an IKI; the help says "superior" only when the
//! cascade says so. On an SKP the RHK play the part of the positions ([`scan`] reads both).

use super::DUPLICATE_INDICATOR;
use crate::cascade::Cascade;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Text};
use crate::rules::Context;
use crate::skp::SkpDocument;
use foldhash::HashMap;

/// The indicator text compared within a position: without a leading list number ("1."), case, repeated spaces
/// and final punctuation.
/// Unlike [`crate::units::skip_list_number`], the number needs no space after it (`1.Jumlah`); but a digit
/// after the dot makes it a number, not a list mark (`1.000 warga`).
fn normalise(text: &str) -> String {
    let trimmed = text.trim();
    let without_number = match trimmed.split_once(['.', ')']) {
        Some((number, rest))
            if !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
                && !rest.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            rest
        }
        _ => trimmed,
    };
    let mut out = String::with_capacity(without_number.len());
    for word in without_number.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    // Final punctuation set apart by a space (`Ketepatan waktu .`) goes with the space.
    out.truncate(out.trim_end_matches(['.', ';', ',', ' ']).len());
    out
}

/// A title as compared between positions: case and spacing set aside.
fn same_title(a: &str, b: &str) -> bool {
    let words = |t: &str| t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    words(a) == words(b)
}

pub fn duplicate_indicator(cx: &Context, document: &Document, out: &mut Vec<Diagnostic>) {
    let cascade = cx.index::<Cascade>();
    let positions = cx
        .documents
        .iter()
        .position(|d| std::ptr::eq(d, document))
        .and_then(|doc| cascade.by_doc.get(doc));
    // One of the two positions is above the other in the `atasan` chain.
    let in_line = |p: usize, q: usize| {
        positions
            .and_then(|ids| ids.get(p).zip(ids.get(q)))
            .is_some_and(|(&a, &b)| cascade.is_superior(a, b) || cascade.is_superior(b, a))
    };
    let name = |p: usize| document.jabatan[p].nama.as_ref().map_or("?", |n| n.as_str());
    let groups = document.jabatan.iter().map(|j| {
        j.sasaran
            .iter()
            .flat_map(|s| &s.indikator)
            .filter_map(|i| i.uraian.as_ref())
    });
    let infos = scan(
        groups,
        |p, uraian, first| {
            cx.report(
                &DUPLICATE_INDICATOR,
                document.file,
                uraian.span,
                &[("position", &name(p))],
            )
            .label("label", &[])
            .secondary(document.file, first.span, "label-first", &[])
            .help("help", &[])
            .emit(out);
        },
        |(p, uraian), (q, first)| {
            // Several holders of one position share its IKI.
            if same_title(name(q), name(p)) {
                return None;
            }
            let other = name(q);
            let help = if in_line(p, q) {
                "help-copied"
            } else {
                "help-copied-peer"
            };
            let finding = cx
                .report(&DUPLICATE_INDICATOR, document.file, uraian.span, &[])
                .message("message-copied", &[("other", &other)])
                .label("label-copied", &[])
                .secondary(document.file, first.span, "label-first-copied", &[("other", &other)])
                .help(help, &[]);
            Some(finding.build())
        },
    );
    out.extend(infos);
}

/// The indicators of each group (the positions of a document, the RHK of an SKP), in order: `repeated(group,
/// indicator, first)` for one written again within its group (once the list number, case, spacing and final
/// punctuation are set aside), and `copied((group, indicator), (earlier group, first))` for one written word for
/// word in an earlier group, which returns the finding to report as info, if any.
fn scan<'t>(
    groups: impl Iterator<Item = impl Iterator<Item = &'t Text>>,
    mut repeated: impl FnMut(usize, &Text, &Text),
    mut copied: impl FnMut((usize, &Text), (usize, &Text)) -> Option<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut infos = Vec::new();
    // Exact text → (group, first indicator) across the document.
    let mut everywhere: HashMap<&str, (usize, &Text)> = HashMap::default();
    for (g, indicators) in groups.enumerate() {
        let mut in_group: HashMap<String, &Text> = HashMap::default();
        for uraian in indicators {
            let key = normalise(&uraian.value);
            if key.is_empty() {
                continue;
            }
            if let Some(first) = in_group.get(&key) {
                repeated(g, uraian, first);
                continue;
            }
            in_group.insert(key, uraian);
            match everywhere.get(uraian.as_str()) {
                Some(&(q, first)) if q != g => infos.extend(copied((g, uraian), (q, first))),
                Some(_) => {}
                None => {
                    everywhere.insert(uraian.as_str(), (g, uraian));
                }
            }
        }
    }
    for finding in &mut infos {
        finding.severity = Severity::Info;
    }
    infos
}

/// T005 on an SKP: the same indicator text twice within one RHK is a warning, as within one position of an IKI.
/// The same text word for word under two RHK of one SKP is info (`message-copied-rhk`), as between positions:
/// two results measured by one indicator are often a copied cell, but a shared wording of a time or quality
/// indicator is sometimes meant. SKPs are compared only with themselves.
pub fn duplicate_indicator_skp(cx: &Context, skp: &SkpDocument, out: &mut Vec<Diagnostic>) {
    let groups = skp
        .rhk
        .iter()
        .map(|r| r.indikator.iter().filter_map(|i| i.uraian.as_ref()));
    let infos = scan(
        groups,
        |r, uraian, first| {
            cx.report(&DUPLICATE_INDICATOR, skp.file, uraian.span, &[])
                .message("message-rhk", &[("rhk", &skp.rhk[r].id.value)])
                .label("label", &[])
                .secondary(skp.file, first.span, "label-first", &[])
                .help("help", &[])
                .emit(out);
        },
        |(_, uraian), (q, first)| {
            let other = &skp.rhk[q].id.value;
            let finding = cx
                .report(&DUPLICATE_INDICATOR, skp.file, uraian.span, &[])
                .message("message-copied-rhk", &[("other", other)])
                .label("label-copied", &[])
                .secondary(skp.file, first.span, "label-first-copied-rhk", &[("other", other)])
                .help("help-copied-rhk", &[]);
            Some(finding.build())
        },
    );
    out.extend(infos);
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn normalised_without_list_number_case_spacing_and_final_punctuation() {
        assert_eq!(normalise("  1. Jumlah   Laporan\tBulanan. "), "jumlah laporan bulanan");
        assert_eq!(normalise("2)Persentase DOKUMEN;"), "persentase dokumen");
        // A number with a decimal mark is part of the text, not a list mark.
        assert_eq!(normalise("1.000 Warga terlayani,"), "1.000 warga terlayani");
        assert_eq!(normalise("a. Jumlah"), "a. jumlah");
        assert_eq!(normalise("Ketepatan Waktu ..."), "ketepatan waktu");
    }
}
