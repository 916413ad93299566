//! Link suggestions for A001 (and the A003/A008 help): which sasaran of the direct superior an unlinked sasaran
//! or indicator most likely feeds, and the unsafe fix that writes the `mendukung:` line.

use crate::cascade::{Cascade, PosId};
use crate::diagnostic::{Edit, Fix};
use crate::link_slot::LinkSlot;
use crate::model::Document;
use crate::sasaran_match::SasaranTexts;
pub use crate::sasaran_match::{Candidates, Suggestion};
use crate::source::{FileId, Span};

/// At or above this score a candidate is named as the likely target and offered as a fix; below it the help lists
/// the superior's sasaran to choose from. Measured on the transcribed seeds (`examples/`), taking the
/// transcriber's links as the truth: of 83 sasaran linked to their direct superior, every best candidate at 0.72
/// or more (41) is the sasaran actually linked, while wrong best candidates reach 0.70; at 0.5, 3 of 61 were
/// wrong. The test `the_close_threshold_names_only_right_targets_on_the_examples` keeps it so.
pub const CLOSE: f64 = 0.72;

/// A suggestion good enough to name as the likely target and offer as a fix.
pub fn is_close(suggestion: &Suggestion) -> bool {
    suggestion.score >= CLOSE
}

/// The sasaran of `superior` as candidates, ignoring the words of its unit's name and place.
pub fn candidates(documents: &[Document], cascade: &Cascade, superior: PosId) -> Candidates {
    let (document, jabatan) = cascade.jabatan(documents, superior);
    let place: Vec<&str> = document
        .dokumen
        .iter()
        .flat_map(|d| [&d.unit, &d.tempat])
        .flatten()
        .map(|t| t.as_str())
        .collect();
    let sasaran: Vec<SasaranTexts> = jabatan
        .sasaran
        .iter()
        .map(|s| SasaranTexts {
            id: s.id.value.to_string(),
            uraian: s.uraian.as_ref().map(|u| u.value.to_string()),
            indikator: s
                .indikator
                .iter()
                .filter_map(|i| i.uraian.as_ref().map(|u| u.value.to_string()))
                .collect(),
        })
        .collect();
    Candidates::new(&place, &sasaran)
}

/// [`Candidates::best`] for one query.
pub fn best(documents: &[Document], cascade: &Cascade, superior: PosId, texts: &[&str]) -> Option<Suggestion> {
    candidates(documents, cascade, superior).best(texts)
}

/// The sasaran of `superior` as `S1 "…"; S2 "…"`, for a help that lets the reader choose; at most `limit`.
pub fn list(documents: &[Document], cascade: &Cascade, superior: PosId, limit: usize) -> String {
    let (_, jabatan) = cascade.jabatan(documents, superior);
    let mut items: Vec<String> = jabatan
        .sasaran
        .iter()
        .take(limit)
        .map(|s| match &s.uraian {
            Some(u) => format!("{} \"{}\"", s.id.value, u.value),
            None => s.id.value.to_string(),
        })
        .collect();
    if jabatan.sasaran.len() > limit {
        items.push("…".to_string());
    }
    items.join("; ")
}

/// A YAML scalar for a reference: bare when it is a plain word, else double-quoted.
pub fn yaml_value(reference: &str) -> String {
    let plain = reference.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && reference
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
    if plain {
        reference.to_string()
    } else {
        format!("{:?}", reference)
    }
}

/// The fix that adds `link_key: <value>` (`mendukung`, or `intervensi` of an SKP's RHK) at `slot`, on its own
/// line after a `uraian` value, indented like the `uraian` key.
pub fn insert_link(slot: LinkSlot, file: FileId, link_key: &str, value: &str) -> Fix {
    Fix::unsafe_(vec![Edit {
        file,
        span: Span::new(slot.at, slot.at),
        replacement: slot.line(link_key, &yaml_value(value)),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insert_mendukung(source: &str, _file: FileId, uraian: Span, value: &str) -> Option<Fix> {
        LinkSlot::find(source, uraian).map(|slot| insert_link(slot, FileId(0), "mendukung", value))
    }

    fn apply(source: &str, fix: &Fix) -> String {
        let edit = &fix.edits[0];
        format!(
            "{}{}{}",
            &source[..edit.span.start],
            edit.replacement,
            &source[edit.span.end..]
        )
    }

    fn span_of(source: &str, needle: &str) -> Span {
        let start = source.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    #[test]
    fn inserts_after_the_uraian_line_with_its_indentation() {
        let src = "    sasaran:\n      - id: S1\n        uraian: \"Tersedianya data\"  # note\n        indikator: []\n";
        let fix = insert_mendukung(src, FileId(0), span_of(src, "\"Tersedianya data\""), "S1").unwrap();
        assert_eq!(
            apply(src, &fix),
            "    sasaran:\n      - id: S1\n        uraian: \"Tersedianya data\"  # note\n        mendukung: S1\n        indikator: []\n"
        );
        let src = "  - uraian: Jumlah laporan\n    formula: x";
        let fix = insert_mendukung(src, FileId(0), span_of(src, "Jumlah laporan"), "kasi/S2").unwrap();
        assert_eq!(
            apply(src, &fix),
            "  - uraian: Jumlah laporan\n    mendukung: kasi/S2\n    formula: x"
        );
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let src = "  - uraian: Jumlah laporan\r\n    formula: x\r\n";
        let fix = insert_mendukung(src, FileId(0), span_of(src, "Jumlah laporan"), "S1").unwrap();
        assert_eq!(
            apply(src, &fix),
            "  - uraian: Jumlah laporan\r\n    mendukung: S1\r\n    formula: x\r\n"
        );
    }

    #[test]
    fn refuses_flow_mappings() {
        let src = "  - { uraian: Jumlah laporan, indikator: [] }\n";
        assert!(insert_mendukung(src, FileId(0), span_of(src, "Jumlah laporan"), "S1").is_none());
    }

    #[test]
    fn quotes_references_that_are_not_plain_words() {
        assert_eq!(yaml_value("S1"), "S1");
        assert_eq!(yaml_value("1"), "\"1\"");
    }
}
