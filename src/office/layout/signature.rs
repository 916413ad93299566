//! The signature block after a position's table, in paragraphs or in a borderless table: the place and date, then
//! per signer their title, name and "NIP. …", with optional role labels ("Atasan Langsung", "Pejabat Penilai",
//! "Pegawai yang Dinilai"). Without labels, two signers are the superior then the employee (left to right, or top
//! to bottom), one signer is the employee.

use super::header::year_of;
use super::{Line, Origin, Position, Value};
use crate::office::{Note, NoteKind};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signature {
    pub tempat_tanggal: Option<Value>,
    pub atasan: Option<Signer>,
    pub pegawai: Option<Signer>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signer {
    pub jabatan: Option<Value>,
    pub nama: Option<Value>,
    pub nip: Option<Value>,
}

pub struct ReadSignature {
    pub signature: Signature,
    pub place: Option<Value>,
    pub year: Option<(i64, Origin)>,
    pub unplaced: Vec<Value>,
    pub notes: Vec<Note>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Atasan,
    Pegawai,
}

fn role_label(text: &str) -> Option<Role> {
    let words = crate::words::lowercase(text);
    let joined = words.join(" ");
    match joined.as_str() {
        "atasan langsung"
        | "pejabat penilai"
        | "pejabat penilai kinerja"
        | "yang menilai"
        | "mengetahui"
        | "menyetujui"
        | "atasan pejabat penilai" => Some(Role::Atasan),
        "pegawai yang dinilai" | "yang dinilai" | "pejabat yang dinilai" | "pegawai negeri sipil yang dinilai" => {
            Some(Role::Pegawai)
        }
        _ => None,
    }
}

/// The NIP written on a line ("NIP. 1968…", "Nip : …", "NIP" alone), without its label.
fn nip_of(text: &str) -> Option<&str> {
    let t = text.trim();
    let head = t.get(..3)?;
    if !head.eq_ignore_ascii_case("nip") || t[3..].starts_with(char::is_alphabetic) {
        return None;
    }
    Some(crate::nip::body(t))
}

/// "Masama, .....2020", "Tanjung Redeb, Januari 2022": a place, a comma, then a date with a year or a blank.
fn place_date(text: &str) -> Option<(&str, Option<i64>)> {
    let (place, date) = text.split_once(',')?;
    let year = date.split_whitespace().find_map(year_of);
    let blank = date.contains("..") || date.contains('…');
    let short_place = !place.trim().is_empty() && place.split_whitespace().count() <= 4;
    (short_place && (year.is_some() || blank) && nip_of(text).is_none()).then_some((place.trim(), year))
}

/// A role label of a signature block ("Pegawai yang Dinilai", "Pejabat Penilai Kinerja", "Atasan Langsung").
pub fn is_role_label(text: &str) -> bool {
    role_label(text).is_some()
}

/// A line with a place and a date (or a blank for it).
pub fn is_place_date(text: &str) -> bool {
    place_date(text).is_some()
}

/// A rank line ("Pembina Tk. I/ IV b", "Penata Muda (III/a)"): a golongan I–IV next to a slash.
fn is_rank(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ["IV/", "III/", "II/", "/IV", "/III", "/II", "I/"]
        .iter()
        .any(|g| compact.contains(g))
}

/// A sentence about the page rather than a title or a name ("A handwritten signature …", "ttd"): long and mostly
/// lower case.
fn is_description(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = words.iter().filter(|w| w.starts_with(char::is_lowercase)).count();
    words.len() >= 6 && lower * 2 >= words.len()
}

/// A person's name rather than a title: written with an academic or religious title ("Ir. H. …", "…, S.Pd.").
fn has_degree(text: &str) -> bool {
    text.split([' ', ',']).any(|w| {
        let letters = w.trim_end_matches('.');
        (w.ends_with('.') && (1..=3).contains(&letters.chars().count()) && letters.chars().all(char::is_alphabetic))
            || (letters.contains('.') && letters.split('.').all(|p| !p.is_empty() && p.len() <= 4))
    })
}

/// Whether lines of a borderless table are a signature block: an NIP line among them.
pub fn looks_like(lines: &[Line]) -> bool {
    lines.iter().any(|l| nip_of(&l.text).is_some())
}

pub fn read(lines: &[Line]) -> ReadSignature {
    let mut out = ReadSignature {
        signature: Signature::default(),
        place: None,
        year: None,
        unplaced: Vec::new(),
        notes: Vec::new(),
    };
    let mut signers: Vec<(Option<Role>, Signer)> = Vec::new();
    let mut pending: Vec<&Line> = Vec::new();
    let mut role: Option<Role> = None;
    for line in lines {
        if out.signature.tempat_tanggal.is_none()
            && let Some((place, year)) = place_date(&line.text)
        {
            out.signature.tempat_tanggal = Some(line.value());
            out.place = Some(Value::new(place, line.origin.clone()));
            out.year = year.map(|y| (y, line.origin.clone()));
            continue;
        }
        if let Some(r) = role_label(&line.text) {
            close_without_nip(&mut pending, role.take(), &mut signers);
            role = Some(r);
            continue;
        }
        if is_rank(&line.text) || is_description(&line.text) {
            out.unplaced.push(line.value());
            continue;
        }
        // A number cell of a spreadsheet holding an NIP has no "NIP." label (a label would make it text), and
        // shows in Excel's General format: 18 digits as `1.97308E+17`, or all of them in a wide column.
        let number_nip =
            line.numeric && (is_shown_large(&line.text) || line.text.chars().filter(char::is_ascii_digit).count() >= 9);
        if let Some(nip) = nip_of(&line.text).or(number_nip.then_some(line.text.trim())) {
            if line.numeric {
                out.notes
                    .push(Note::new(NoteKind::NipAsNumber, line.origin.clone(), &[("nip", nip)]));
            }
            let name = pending.pop();
            // Lines before an NIP-less signer's name belong to that signer: "BUPATI", "Ir. H. …", then ours.
            if let Some(split) = pending.iter().rposition(|l| has_degree(&l.text)) {
                let before: Vec<&Line> = pending.drain(..=split).collect();
                let mut before = before;
                close_without_nip(&mut before, role.take(), &mut signers);
            }
            // A blank NIP ("NIP. ......") is kept as written, for the N rules to report.
            let written = if crate::nip::is_placeholder(nip) {
                line.text.trim()
            } else {
                nip
            };
            signers.push((
                role.take(),
                Signer {
                    jabatan: title(&pending),
                    nama: name.map(Line::value),
                    nip: Some(Value::new(written, line.origin.clone())),
                },
            ));
            pending.clear();
            continue;
        }
        pending.push(line);
    }
    close_without_nip(&mut pending, role.take(), &mut signers);
    share_titles(&mut signers);
    assign(&mut out, signers);
    out
}

/// Two signers printed side by side come out of the extraction as both titles, then each name and NIP: the first
/// signer then holds two title lines and the second none. The last title line is the second signer's.
fn share_titles(signers: &mut [(Option<Role>, Signer)]) {
    for i in 1..signers.len() {
        if signers[i].1.jabatan.is_some() {
            continue;
        }
        let Some(title) = signers[i - 1].1.jabatan.as_mut() else {
            continue;
        };
        let Some((first, last)) = title.text.rsplit_once('\n') else {
            continue;
        };
        let last = Value::new(last, title.origin.clone());
        title.text = first.to_string();
        signers[i].1.jabatan = Some(last);
    }
    for (_, signer) in signers.iter_mut() {
        if let Some(title) = signer.jabatan.as_mut() {
            title.text = title.text.replace('\n', " ");
        }
    }
}

/// Title lines joined ("KASUBBAG PERENCANAAN, KEUANGAN &" + "EVALUASI").
fn title(lines: &[&Line]) -> Option<Value> {
    let first = lines.first()?;
    // Lines joined by a line break until the signers are told apart (see `share_titles`).
    let text = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    Some(Value::new(text, first.origin.clone()))
}

/// The lines of a signer without an NIP: the last is the name, the others the title.
fn close_without_nip(pending: &mut Vec<&Line>, role: Option<Role>, signers: &mut Vec<(Option<Role>, Signer)>) {
    if pending.is_empty() {
        return;
    }
    let name = pending.pop();
    signers.push((
        role,
        Signer {
            jabatan: title(pending),
            nama: name.map(Line::value),
            nip: None,
        },
    ));
    pending.clear();
}

fn assign(out: &mut ReadSignature, signers: Vec<(Option<Role>, Signer)>) {
    let labelled = signers.iter().any(|(r, _)| r.is_some());
    let count = signers.len();
    for (index, (role, signer)) in signers.into_iter().enumerate() {
        let role = match role {
            Some(r) => r,
            None if labelled => {
                if out.signature.atasan.is_none() {
                    Role::Atasan
                } else {
                    Role::Pegawai
                }
            }
            None if count >= 2 && index == 0 => Role::Atasan,
            None => Role::Pegawai,
        };
        let slot = match role {
            Role::Atasan => &mut out.signature.atasan,
            Role::Pegawai => &mut out.signature.pegawai,
        };
        if slot.is_none() {
            *slot = Some(signer);
        } else {
            for value in [signer.jabatan, signer.nama, signer.nip].into_iter().flatten() {
                out.unplaced.push(value);
            }
        }
    }
}

/// Which position a signature block belongs to: the last one read, unless the employee's title names another
/// position that has no signature block and not the last one ("CAMAT TANJUNG REDEB" at the end of a document).
pub fn owner(positions: &[Position], signature: &Signature) -> usize {
    let last = positions.len() - 1;
    let Some(title) = signature.pegawai.as_ref().and_then(|s| s.jabatan.as_ref()) else {
        return last;
    };
    if positions[last]
        .nama
        .as_ref()
        .is_some_and(|n| titles_match(&title.text, &n.text))
    {
        return last;
    }
    let others: Vec<usize> = (0..last)
        .filter(|&i| positions[i].signature.is_none())
        .filter(|&i| {
            positions[i]
                .nama
                .as_ref()
                .is_some_and(|n| titles_match(&title.text, &n.text))
        })
        .collect();
    match others.as_slice() {
        [one] => *one,
        _ => last,
    }
}

/// A signer's title and a position's title name the same position: every word of the shorter is in the longer
/// ("CAMAT TANJUNG REDEB" and "CAMAT"; "PENGOLAH DATA" and "Pengolah Data (Pemerintahan …)").
pub fn titles_match(a: &str, b: &str) -> bool {
    let a = crate::words::lowercase(a);
    let b = crate::words::lowercase(b);
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}

/// A spreadsheet number shown in scientific notation with an exponent of 9 or more (`1.97308E+17`): too large to
/// be anything on a signature line but an NIP typed as a number.
fn is_shown_large(text: &str) -> bool {
    text.trim()
        .rsplit_once("E+")
        .and_then(|(mantissa, exponent)| Some((mantissa.parse::<f64>().ok()?, exponent.parse::<u32>().ok()?)))
        .is_some_and(|(_, exponent)| exponent >= 9)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_string(),
                origin: Origin {
                    line: Some(i as u32 + 1),
                    ..Origin::default()
                },
                numeric: false,
            })
            .collect()
    }

    fn text(v: &Option<Value>) -> Option<&str> {
        v.as_ref().map(|v| v.text.as_str())
    }

    #[test]
    fn two_signers_without_labels_are_the_superior_then_the_employee() {
        let read = read(&lines(&[
            "Masama, .....2020",
            "BUPATI BANGGAI",
            "Ir. H. HERWIN YATIM",
            "CAMAT MASAMA",
            "KAMALUDDIN DJANO, S.Pd., SH",
            "Nip. 19680125 198611 1 001",
        ]));
        let s = read.signature;
        assert_eq!(text(&s.tempat_tanggal), Some("Masama, .....2020"));
        let atasan = s.atasan.unwrap();
        assert_eq!(text(&atasan.jabatan), Some("BUPATI BANGGAI"));
        assert_eq!(text(&atasan.nama), Some("Ir. H. HERWIN YATIM"));
        assert!(atasan.nip.is_none());
        let pegawai = s.pegawai.unwrap();
        assert_eq!(text(&pegawai.nama), Some("KAMALUDDIN DJANO, S.Pd., SH"));
        assert_eq!(text(&pegawai.nip), Some("19680125 198611 1 001"));
        assert_eq!(read.place.unwrap().text, "Masama");
        assert_eq!(read.year.unwrap().0, 2020);
    }

    #[test]
    fn labels_ranks_and_placeholders() {
        let read = read(&lines(&[
            "Pegawai yang Dinilai",
            "PENGOLAH DATA",
            ".....",
            "NIP.",
            "Atasan Langsung",
            "KEPALA SEKSI",
            "Drs. A",
            "Pembina Tk. I/ IV b",
            "NIP. 19641201 199703 1 003",
        ]));
        let s = read.signature;
        let pegawai = s.pegawai.unwrap();
        assert_eq!(text(&pegawai.jabatan), Some("PENGOLAH DATA"));
        assert_eq!(text(&pegawai.nama), Some("....."));
        assert_eq!(text(&pegawai.nip), Some("NIP."));
        let atasan = s.atasan.unwrap();
        assert_eq!(text(&atasan.nama), Some("Drs. A"));
        assert_eq!(read.unplaced[0].text, "Pembina Tk. I/ IV b");
    }

    #[test]
    fn titles_printed_side_by_side_are_shared() {
        let read = read(&lines(&[
            "KASUBBAG PERENCANAAN, KEUANGAN &",
            "EVALUASI",
            "PENGOLAH DATA",
            "I PUTU ARIANTO, SH",
            "Nip. 19730808 201001 1 005",
            ".....",
            "Nip.",
        ]));
        let s = read.signature;
        assert_eq!(
            text(&s.atasan.unwrap().jabatan),
            Some("KASUBBAG PERENCANAAN, KEUANGAN & EVALUASI")
        );
        assert_eq!(text(&s.pegawai.unwrap().jabatan), Some("PENGOLAH DATA"));
    }

    #[test]
    fn titles_match_by_words() {
        assert!(titles_match("CAMAT TANJUNG REDEB", "CAMAT"));
        assert!(titles_match("PENGOLAH DATA", "Pengolah Data (Pemerintahan)"));
        assert!(!titles_match("KEPALA SEKSI PIP", "Kepala Seksi Pemerintahan"));
    }
}
