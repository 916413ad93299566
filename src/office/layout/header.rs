//! The title and a position's header items: "1. JABATAN : …", "I. Jabatan", "Jabatan :", "- Tugas :", and the
//! entries of the Tugas and Fungsi lists (numbered 1./a./-, a lone "-" meaning none).

use super::{Line, Origin, Position, Value};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Tugas,
    Fungsi,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Jabatan,
    List(List),
}

/// Lowercase words of letters and digits only.
fn words(text: &str) -> Vec<String> {
    crate::words::lowercase(text)
}

/// The document's heading ("INDIKATOR KINERJA INDIVIDU", alone or with the unit and year).
pub fn is_title(text: &str) -> bool {
    let w = words(text);
    // A heading is written in capitals or is short; "… Indikator Kinerja Utama (IKU) …" in a task is not one.
    w.windows(2).any(|p| p[0] == "indikator" && p[1] == "kinerja")
        && (is_upper(text) || (w.len() <= 5 && w[0] == "indikator"))
        && !text.contains(':')
}

/// A numbering or bullet at the start of a header item or list entry: "1.", "1)", "a.", "I.", "IV.", "-", "•".
fn strip_marker(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for bullet in ["-", "•", "–", "*", "·"] {
        if let Some(rest) = t.strip_prefix(bullet)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace))
        {
            return Some(rest.trim_start());
        }
    }
    let end = t.find(['.', ')'])?;
    let (mark, rest) = (&t[..end], &t[end + 1..]);
    let numbered = !mark.is_empty() && mark.chars().all(|c| c.is_ascii_digit()) && mark.len() <= 3;
    let lettered = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_lowercase());
    let roman = !mark.is_empty() && mark.len() <= 4 && mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    ((numbered || lettered || roman) && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
        .then(|| rest.trim_start())
}

/// Every leading marker removed ("- a. perumusan" → "perumusan").
fn strip_markers(text: &str) -> &str {
    let mut t = text.trim();
    while let Some(rest) = strip_marker(t) {
        t = rest;
        if t.is_empty() {
            break;
        }
    }
    t
}

/// A header item and the text after its label (empty when the list follows on the next lines).
pub fn item(text: &str) -> Option<(Item, String)> {
    let t = strip_markers(text);
    let (label, rest) = match t.split_once(':') {
        Some((label, rest)) => (label, rest.trim()),
        // "I. Jabatan" with nothing after it.
        None => (t, ""),
    };
    let label = words(label);
    let kind = match label.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["jabatan"] | ["nama", "jabatan"] => Item::Jabatan,
        ["tugas"] | ["tugas", "pokok"] | ["uraian", "tugas"] | ["ikhtisar", "jabatan"] => Item::List(List::Tugas),
        ["fungsi"] => Item::List(List::Fungsi),
        _ => return None,
    };
    if !t.contains(':') && !rest.is_empty() {
        return None;
    }
    Some((kind, rest.to_string()))
}

/// A paragraph that starts with a list marker.
pub fn is_marked_entry(text: &str) -> bool {
    strip_marker(text).is_some()
}

/// A bulleted line ("- kelancaran …") whose text starts in lower case: when the item above ends without
/// punctuation, the rest of that item, printed as a new bullet by the extraction.
pub fn is_broken_entry(text: &str) -> bool {
    let t = text.trim_start();
    let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('•')) else {
        return false;
    };
    let rest = rest.trim_start();
    strip_marker(rest).is_none() && rest.starts_with(char::is_lowercase)
}

/// The entry without its markers; `None` for a lone "-" or nothing (the list is empty).
pub fn list_entry(text: &str) -> Option<String> {
    let entry = strip_markers(text);
    (!entry.is_empty() && entry.chars().any(char::is_alphanumeric)).then(|| entry.to_string())
}

/// The entries of one line of a list, without their markers (none for a lone "-"). A line is one entry, a dash
/// inside it ("Peraturan Perundang - Undangan") is text; only in extracted text (which loses line breaks) does a
/// line that starts with a dash and repeats it before a capital ("- Renstra - Renja - DPA") hold the entries the
/// extraction ran together.
pub fn line_entries(line: &str, extracted: bool) -> Vec<String> {
    let Some(entry) = list_entry(line) else {
        return Vec::new();
    };
    let dashed = line
        .trim_start()
        .strip_prefix('-')
        .is_some_and(|r| r.starts_with(char::is_whitespace));
    if extracted && dashed {
        split_run_together(&entry)
    } else {
        vec![entry]
    }
}

/// An entry holding several entries the extraction ran together ("A - B - C", each after " - " and a capital):
/// the entries. One entry comes back as it is.
fn split_run_together(entry: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = entry;
    while let Some(at) = rest
        .match_indices(" - ")
        .map(|(i, _)| i)
        .find(|&i| rest[i + 3..].starts_with(char::is_uppercase))
    {
        parts.push(rest[..at].trim().to_string());
        rest = &rest[at + 3..];
    }
    parts.push(rest.trim().to_string());
    parts.retain(|p| !p.is_empty());
    parts
}

/// The lines of the preamble that make the title: from the first heading line, the following upper-case lines (a
/// title broken over lines by the layout), at most six.
pub fn title_run(preamble: &[Line]) -> Range<usize> {
    let Some(start) = preamble.iter().position(|l| is_title(&l.text)) else {
        return 0..0;
    };
    let mut end = start + 1;
    while end < preamble.len() && end - start < 6 && is_upper(&preamble[end].text) && !is_title(&preamble[end].text) {
        end += 1;
    }
    // "INDIKATOR KINERJA" alone followed by "INDIVIDU …": one heading printed over several lines.
    start..end
}

pub(super) fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// The unit and year written in the title ("INDIKATOR KINERJA INDIVIDU KECAMATAN TANJUNG REDEB TAHUN 2022").
pub fn unit_and_year(title: &[Line]) -> (Option<Value>, Option<(i64, Origin)>) {
    let Some(first) = title.first() else {
        return (None, None);
    };
    let joined = title.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
    let tokens: Vec<&str> = joined.split_whitespace().collect();
    let lower: Vec<String> = tokens.iter().map(|t| t.to_lowercase()).collect();
    let after_heading = lower
        .iter()
        .position(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == "individu")
        .map_or(0, |i| i + 1);
    let year_at = tokens
        .iter()
        .position(|t| year_of(t).is_some())
        .filter(|&i| i >= after_heading);
    let unit_end = match year_at {
        Some(i) if i > 0 && lower[i - 1] == "tahun" => i - 1,
        Some(i) => i,
        None => tokens.len(),
    };
    let unit = (unit_end > after_heading).then(|| {
        // As written: "DINAS PUPR" stays in capitals (an acronym cannot be told from a word in capitals).
        Value::new(tokens[after_heading..unit_end].join(" "), first.origin.clone())
    });
    let year = year_at
        .and_then(|i| year_of(tokens[i]))
        .map(|y| (y, first.origin.clone()));
    (unit, year)
}

/// A four-digit year from 1900 to 2099 in a word ("2022", ".....2020").
pub fn year_of(token: &str) -> Option<i64> {
    let digits: String = token.chars().filter(char::is_ascii_digit).collect();
    let year: i64 = digits.parse().ok()?;
    (digits.len() == 4 && (1900..2100).contains(&year)).then_some(year)
}

/// The kind of unit a head's title names, before the rest of the title as written: in capitals when the rest is
/// ("CAMAT MASAMA" heads "KECAMATAN MASAMA"), so that the unit reads as the user wrote the title.
fn unit_named(kind: &str, rest: &str) -> String {
    if is_upper(rest) {
        format!("{} {rest}", kind.to_uppercase())
    } else {
        format!("{kind} {rest}")
    }
}

/// The unit named by the head's title when the title does not name it: "Camat Masama" heads "Kecamatan Masama",
/// "Lurah X" "Kelurahan X", "Kepala Dinas X" "Dinas X".
pub fn unit_from_positions(positions: &[Position]) -> Option<Value> {
    const HEADS: &[(&str, &str)] = &[("camat", "Kecamatan"), ("lurah", "Kelurahan"), ("kepala desa", "Desa")];
    // The heads are ASCII: compared on the written text's bytes, so the rest is sliced where it really starts.
    let after = |text: &'_ str, head: &str| -> Option<String> {
        text.get(..head.len())
            .filter(|h| h.eq_ignore_ascii_case(head))
            .and_then(|_| text.get(head.len()..))
            .filter(|rest| rest.starts_with(' '))
            .map(|rest| rest.trim().to_string())
    };
    for position in positions {
        let Some(nama) = &position.nama else { continue };
        for (head, unit) in HEADS {
            if let Some(rest) = after(&nama.text, head) {
                return Some(Value::new(unit_named(unit, &rest), nama.origin.clone()));
            }
        }
        if let Some(rest) = after(&nama.text, "kepala").filter(|r| {
            let first = r.split_whitespace().next().unwrap_or("").to_lowercase();
            ["dinas", "badan", "kantor", "bagian"].contains(&first.as_str())
        }) {
            return Some(Value::new(rest, nama.origin.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_items_are_read_with_any_numbering_and_case() {
        assert_eq!(item("1. JABATAN : CAMAT"), Some((Item::Jabatan, "CAMAT".into())));
        assert_eq!(item("I. Jabatan"), Some((Item::Jabatan, String::new())));
        assert_eq!(
            item("Jabatan : Camat Masama"),
            Some((Item::Jabatan, "Camat Masama".into()))
        );
        assert_eq!(item("- Tugas :"), Some((Item::List(List::Tugas), String::new())));
        assert_eq!(item("Fungsi : -"), Some((Item::List(List::Fungsi), "-".into())));
        assert_eq!(item("3. FUNGSI :"), Some((Item::List(List::Fungsi), String::new())));
        assert_eq!(item("Jabatan yang dinilai baik"), None);
        assert_eq!(item("Tugas kedinasan lain"), None);
    }

    #[test]
    fn entries_run_together_are_split_before_a_capital_only() {
        assert_eq!(
            split_run_together("Renstra - Renja - DPA"),
            vec!["Renstra", "Renja", "DPA"]
        );
        assert_eq!(split_run_together("tahun n-1 - n dibagi"), vec!["tahun n-1 - n dibagi"]);
        // Only a dashed line of extracted text holds entries run together; a dash inside a sentence is text.
        assert_eq!(line_entries("- Renstra - Renja", true), vec!["Renstra", "Renja"]);
        assert_eq!(line_entries("- Renstra - Renja", false), vec!["Renstra - Renja"]);
        assert_eq!(
            line_entries("Peraturan Perundang - Undangan", true),
            vec!["Peraturan Perundang - Undangan"]
        );
        assert_eq!(line_entries("- ", true), Vec::<String>::new());
    }

    #[test]
    fn list_entries_lose_their_markers_and_a_lone_dash_is_none() {
        assert_eq!(
            list_entry("  - a. perumusan kebijakan;"),
            Some("perumusan kebijakan;".into())
        );
        assert_eq!(
            list_entry("- Merencanakan program"),
            Some("Merencanakan program".into())
        );
        assert_eq!(list_entry("-"), None);
        assert_eq!(list_entry("1."), None);
        assert!(is_marked_entry("IV. Pelaporan"));
        assert!(!is_marked_entry("laporan perkembangan"));
        assert!(!is_marked_entry("Drs. Anang"));
    }

    fn line(text: &str) -> Line {
        Line {
            text: text.into(),
            origin: Origin::default(),
            numeric: false,
        }
    }

    #[test]
    fn a_title_over_several_lines_gives_the_unit_and_year() {
        let lines: Vec<Line> = ["INDIKATOR KINERJA", "INDIVIDU KECAMATAN", "TANJUNG REDEB", "TAHUN 2022"]
            .into_iter()
            .map(line)
            .collect();
        let run = title_run(&lines);
        assert_eq!(run, 0..4);
        let (unit, year) = unit_and_year(&lines[run]);
        // As written: capitals are kept (an acronym such as PUPR cannot be told from a word in capitals).
        assert_eq!(unit.unwrap().text, "KECAMATAN TANJUNG REDEB");
        assert_eq!(year.unwrap().0, 2022);
        let (unit, _) = unit_and_year(&[line("INDIKATOR KINERJA INDIVIDU DINAS PUPR TAHUN 2024")]);
        assert_eq!(unit.unwrap().text, "DINAS PUPR");
        let (unit, year) = unit_and_year(&[line("INDIKATOR KINERJA INDIVIDU")]);
        assert!(unit.is_none() && year.is_none());
    }
}
