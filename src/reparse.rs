//! Reading an edited IKI file again by the one position the edit falls in, as rust-analyzer reparses the block
//! an edit touches: the editor sends the whole text on every keystroke, and a 300-position document takes far longer
//! to read whole than the one position typed in. The position's item of the `jabatan` sequence is read alone with the
//! strict typed reader, and every span after the edit moves by the edit's length. Whenever that could read the file
//! differently from a reading of the whole text (an edit that crosses positions or changes the sequence, anchors
//! and aliases, a position the strict reader refuses) the answer is `None` and the caller reads the whole file.

use crate::model::{Document, Jabatan, Shift};
use std::ops::Range;

/// An edit read again by its position.
#[derive(Clone, Debug, PartialEq)]
pub struct PositionEdit {
    /// The position read again: its index in [`Document::jabatan`].
    pub index: usize,
    /// The bytes of the old text the position's item took (from the start of the line of its `- `).
    pub old_item: Range<usize>,
    /// Every byte of the old text from this offset on moved by `delta` (the end of what the edit replaced).
    pub from: usize,
    pub delta: isize,
    /// The position as it was read from the old text.
    pub old: Jabatan,
}

/// Replace in `document` (read from `old`) the position that the difference between `old` and `new` falls in by
/// that position read from `new`, and move every other span; `None` (and `document` untouched) when the edit is
/// not confined to one position that reads cleanly alone.
pub fn reread_position(old: &str, new: &str, document: &mut Document) -> Option<PositionEdit> {
    let (start, old_end, new_end) = changed(old, new);
    if may_hold_anchors(old) || may_hold_anchors(new) {
        return None;
    }
    let index = document.jabatan.iter().rposition(|j| j.span.start <= start)?;
    let line = line_start(old, document.jabatan[index].span.start);
    let old_item = item(old, line)?;
    let new_item = item(new, line)?;
    let delta = new.len() as isize - old.len() as isize;
    let inside = start >= old_item.body && start < old_item.end && old_end <= old_item.end && new_end <= new_item.end;
    if !inside || new_item.end.checked_add_signed(-delta)? != old_item.end {
        return None;
    }
    let mut positions = crate::typed::read_positions(&new[line..new_item.end])?;
    let mut position = positions.pop().filter(|_| positions.is_empty())?;
    position.shift(0, line as isize);
    document.span.shift(old_end, delta);
    document.dokumen.shift(old_end, delta);
    for (i, other) in document.jabatan.iter_mut().enumerate() {
        if i != index {
            other.shift(old_end, delta);
        }
    }
    let old = std::mem::replace(&mut document.jabatan[index], position);
    Some(PositionEdit {
        index,
        old_item: line..old_item.end,
        from: old_end,
        delta,
        old,
    })
}

/// Where `old` and `new` differ: the start, and the end in each (what lies after is the same in both).
fn changed(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, a.len() - suffix, b.len() - suffix)
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// One item of a block sequence, starting at a line start.
struct Item {
    /// Where its content starts, after the `- `.
    body: usize,
    /// The start of the first line after it that is less or as much indented as its `-` (blank lines and
    /// comment lines aside), or the end of the text.
    end: usize,
}

fn item(text: &str, line: usize) -> Option<Item> {
    let rest = &text[line..];
    let indent = rest.len() - rest.trim_start_matches(' ').len();
    let after_dash = rest[indent..].strip_prefix("- ")?;
    let body = text.len() - after_dash.len();
    let mut at = line + rest.find('\n').map_or(rest.len(), |i| i + 1);
    while at < text.len() {
        let next = &text[at..];
        let this_line = &next[..next.find('\n').map_or(next.len(), |i| i + 1)];
        let content = this_line.trim_start_matches(' ');
        let blank = content.trim().is_empty() || content.starts_with('#');
        if !blank && this_line.len() - content.len() <= indent {
            break;
        }
        at += this_line.len();
    }
    Some(Item { body, end: at })
}

/// Whether `text` may hold a YAML anchor or alias (`&name`, `*name` where a value starts): a position read alone
/// would not see what it refers to or what refers to it. A `&` or `*` inside a text ("Sarana & Prasarana") is not one.
fn may_hold_anchors(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        if b != b'&' && b != b'*' {
            return false;
        }
        let before = bytes[..i].iter().rev().find(|&&c| c != b' ' && c != b'\t');
        matches!(
            before,
            None | Some(b':' | b'-' | b'[' | b'{' | b',' | b'?' | b'\n' | b'!')
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn read(text: &str) -> Document {
        crate::typed::read(text, FileId(0)).expect("a clean document")
    }

    const BASE: &str = "dokumen:\n  id: d\n  unit: Kecamatan Contoh\n  tahun: 2024\njabatan:\n  - id: camat\n    nama: Camat\n    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: Persentase layanan selesai\n            formula: a dibagi b x 100%\n  - id: sekcam\n    nama: Sekretaris Camat\n    atasan: camat\n    sasaran:\n      - uraian: Tertibnya administrasi\n        mendukung: S1\n        indikator:\n          - uraian: Jumlah laporan\n# a comment at the end\n";

    /// The edit read again by its position gives the document of reading the whole new text, spans included.
    fn same_as_whole(old: &str, new: &str) -> Option<PositionEdit> {
        let mut document = read(old);
        let edit = reread_position(old, new, &mut document);
        if edit.is_some() {
            assert_eq!(document, read(new), "{new}");
        } else {
            assert_eq!(document, read(old), "untouched when refused");
        }
        edit
    }

    #[test]
    fn an_edit_inside_one_position_is_read_by_that_position() {
        for (from, to) in [
            ("Persentase layanan", "Persentase semua layanan"),
            ("Jumlah laporan", "Jumlah"),
            ("Sekretaris Camat", "Sekretaris Kecamatan"),
            ("a dibagi b", "a\n              dibagi b"),
            ("nama: Camat", "nama: Camat # a comment"),
        ] {
            let new = BASE.replacen(from, to, 1);
            let edit = same_as_whole(BASE, &new).unwrap_or_else(|| panic!("{from} → {to} read alone"));
            assert_eq!(edit.delta, to.len() as isize - from.len() as isize);
        }
    }

    #[test]
    fn an_edit_that_could_read_differently_reads_the_whole_file() {
        for (from, to) in [
            // Another position typed inside one, a position's dash, a key of the document.
            (
                "    atasan: camat\n",
                "    atasan: camat\n  - id: baru\n    nama: Baru\n",
            ),
            ("  - id: sekcam", "  -  id: sekcam"),
            ("id: d\n", "id: e\n"),
            // An alias, a key the strict reader refuses, a broken line.
            ("nama: Camat\n", "nama: &n Camat\n"),
            ("nama: Sekretaris Camat", "nama: Sekretaris Camat\n    namaa: x"),
            ("uraian: Jumlah laporan", "uraian: [Jumlah laporan"),
            // Less indented than the sequence: it would end the position.
            (
                "          - uraian: Jumlah laporan\n",
                "          - uraian: Jumlah laporan\nx: 1\n",
            ),
        ] {
            let new = BASE.replacen(from, to, 1);
            assert_ne!(new, BASE);
            assert!(same_as_whole(BASE, &new).is_none(), "{from} → {to}");
        }
    }

    #[test]
    fn a_text_with_an_ampersand_is_not_an_anchor() {
        assert!(!may_hold_anchors("uraian: Sarana & Prasarana * 2\n"));
        assert!(may_hold_anchors("a: &x 1\nb: *x\n"));
        assert!(may_hold_anchors("- *x\n"));
        let new = BASE.replacen("Jumlah laporan", "Jumlah laporan & surat", 1);
        assert!(same_as_whole(BASE, &new).is_some());
    }

    #[test]
    fn shifting_moves_every_span_of_the_model() {
        // Every span field is listed in the model's `Shift`: reading after a prefix equals reading and moving.
        for text in [
            BASE,
            include_str!("../examples/contoh-bersih-2024.yaml"),
            include_str!("../examples/masama-2020.yaml"),
        ] {
            let Some(mut document) = crate::typed::read(text, FileId(0)) else {
                continue;
            };
            let prefixed = format!("# a first line\n{text}");
            document.shift(0, 15);
            assert_eq!(document, read(&prefixed));
        }
    }
}
