//! Where a link line (`mendukung:` of an IKI sasaran or indicator, `intervensi:` of an SKP's RHK) can be added to
//! the block mapping of a `uraian` value.
//!
//! The rules across files suggest such a line as a fix (A001, R001), but they run after the per-file phase, when a
//! run over a province no longer holds the files' texts. So the per-file phase, which has the text, finds the slot
//! of every `uraian` whose mapping has no link yet (the only ones those fixes are for) and keeps it with the file's
//! facts: a fix across files then reads no file again.

use crate::model::Document;
use crate::skp::SkpDocument;
use crate::source::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSlot {
    /// The byte offset where the new line goes: after the `uraian` value's line.
    pub at: usize,
    /// The column of the `uraian` key, which the new key is indented to.
    pub column: usize,
    /// The value ends the file without a line break, so the new line starts with one.
    pub break_before: bool,
    /// The file's lines end in CRLF, which the new line keeps.
    pub crlf: bool,
}

impl LinkSlot {
    /// The slot after the `uraian` value at `uraian` in `source`; `None` when the mapping is not written in the
    /// plain block style a line can be added to safely (a flow mapping `{ … }`, a key on a line with other
    /// content).
    pub fn find(source: &str, uraian: Span) -> Option<LinkSlot> {
        let line_start = source.get(..uraian.start)?.rfind('\n').map_or(0, |i| i + 1);
        let prefix = source.get(line_start..uraian.start)?;
        let key = prefix.trim_end().strip_suffix(':')?.trim_end().strip_suffix("uraian")?;
        let lead = key.trim_start_matches(' ');
        if !(lead.is_empty() || lead.trim_end() == "-") {
            return None;
        }
        let value_text = source.get(uraian.range())?;
        let (at, break_before) = if value_text.ends_with('\n') {
            (uraian.end, false)
        } else {
            match source[uraian.end..].find('\n') {
                Some(nl) => (uraian.end + nl + 1, false),
                None => (source.len(), true),
            }
        };
        Some(LinkSlot {
            at,
            column: key.len(),
            break_before,
            crlf: source[..at].ends_with("\r\n"),
        })
    }

    /// The text that adds `key: value` (a value already written as YAML) at this slot.
    pub fn line(&self, key: &str, value: &str) -> String {
        let newline = if self.crlf { "\r\n" } else { "\n" };
        let before = if self.break_before { newline } else { "" };
        format!("{before}{:column$}{key}: {value}{newline}", "", column = self.column)
    }
}

/// The slots a file's fixes across files may need, keyed by the start of their `uraian`: those of the mappings
/// with no link written (a sasaran without `mendukung` and its indicators without one, an RHK without
/// `intervensi`), each `None` when no line can be added there.
pub fn of_file(source: &str, document: Option<&Document>, skp: Option<&SkpDocument>) -> Vec<(usize, Option<LinkSlot>)> {
    let iki = document.into_iter().flat_map(|d| &d.jabatan).flat_map(|j| &j.sasaran);
    let unlinked_iki = iki.filter(|s| s.mendukung.is_none()).flat_map(|s| {
        let indicators = s.indikator.iter().filter(|i| i.mendukung.is_none());
        std::iter::once(&s.uraian).chain(indicators.map(|i| &i.uraian))
    });
    let rhk = skp.into_iter().flat_map(|s| &s.rhk);
    let unlinked_rhk = rhk.filter(|r| r.intervensi.is_none()).map(|r| &r.uraian);
    let mut slots: Vec<(usize, Option<LinkSlot>)> = unlinked_iki
        .chain(unlinked_rhk)
        .flatten()
        .map(|uraian| (uraian.span.start, LinkSlot::find(source, uraian.span)))
        .collect();
    slots.sort_unstable_by_key(|(start, _)| *start);
    slots.dedup_by_key(|(start, _)| *start);
    slots.shrink_to_fit();
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Files;

    const IKI: &str = "dokumen: {id: d, unit: U, tahun: 2024}\njabatan:\n  - id: staf\n    nama: Staf\n    sasaran:\n      - id: S1\n        uraian: Data tersedia\n        indikator:\n          - uraian: Jumlah data\n          - uraian: Persentase data\n            mendukung: kasi/S1\n      - id: S2\n        uraian: Laporan tersusun\n        mendukung: kasi/S2\n        indikator:\n          - uraian: Jumlah laporan\n";

    fn document(source: &str) -> Document {
        let loaded = crate::workspace::load_file("d.yaml".into(), source.as_bytes().to_vec(), true);
        loaded.document.expect("an IKI document")
    }

    fn start_of(source: &str, needle: &str) -> usize {
        source.find(needle).expect("needle in source")
    }

    #[test]
    fn slots_are_kept_for_the_mappings_without_a_link_only() {
        let slots = of_file(IKI, Some(&document(IKI)), None);
        let starts: Vec<usize> = slots.iter().map(|(start, _)| *start).collect();
        // S1 and its unlinked indicator; not the linked indicator, not S2 (linked) nor its indicator.
        assert_eq!(
            starts,
            vec![start_of(IKI, "Data tersedia"), start_of(IKI, "Jumlah data")]
        );
        let slot = slots[1].1.expect("a block mapping");
        assert!(IKI[..slot.at].ends_with("Jumlah data\n"));
        assert_eq!(slot.line("mendukung", "kasi/S1"), "            mendukung: kasi/S1\n");
    }

    #[test]
    fn an_unread_file_answers_from_its_slots_and_a_read_one_from_its_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.yaml");
        std::fs::write(&path, IKI).expect("written");
        let uraian = Span::new(start_of(IKI, "Jumlah data"), start_of(IKI, "Jumlah data") + 11);
        let stored = LinkSlot {
            at: 1,
            column: 2,
            break_before: false,
            crlf: false,
        };
        let mut files = Files::new();
        let file = files.add_deferred("d.yaml".into(), path, |_, bytes| {
            String::from_utf8(bytes).expect("utf-8")
        });
        files.set_link_slots(file, vec![(uraian.start, Some(stored))]);
        // While unread, the slot comes from what the per-file phase kept: the file is not read for it.
        assert_eq!(files.link_slot(file, uraian), Some(stored));
        // A uraian with no slot kept is found in the text.
        let other = Span::new(start_of(IKI, "Data tersedia"), start_of(IKI, "Data tersedia") + 13);
        assert_eq!(files.link_slot(file, other), LinkSlot::find(IKI, other));
        // Once read, the text is the truth.
        assert_ne!(files.link_slot(file, uraian), Some(stored));
        assert_eq!(files.link_slot(file, uraian), LinkSlot::find(IKI, uraian));
    }
}
