//! A recognised document printed as schema-v1 YAML: a header comment naming the source file, ids made from the
//! titles, a comment on every inferred link, every text that could not be placed kept as a comment, and the
//! YAML span of each printed value with its origin. Every text is written double-quoted (JSON string syntax,
//! which YAML reads the same), so a `#`, a `: `, a leading `-` or an NIP of digits stays text.

use super::layout::{Inferred, Position, Recognised, Sasaran, Signer, Value};
use super::{Imported, Note, NoteKind, Origin, OriginMap, Problem};
use crate::source::Span;
use std::collections::{HashMap, HashSet};

pub mod skp;

/// The YAML of `doc`, from the office file `name`. Each position is dropped once printed, so a large document and
/// its YAML are not held whole side by side.
pub fn emit(name: &str, mut doc: Recognised) -> Imported {
    let mut size = Size::default();
    doc.positions.iter().for_each(|p| size.add(p));
    let mut emitter = Emitter::new(name, &doc, &size);
    for (index, position) in std::mem::take(&mut doc.positions).into_iter().enumerate() {
        emitter.position(index, &position);
    }
    emitter.finish(&doc.notes)
}

/// How large a document's YAML and origin map will be, at most about, from its positions' values: the YAML and
/// the map take their room once, rather than growing by copies that the allocator keeps (an Excel import of
/// 5,000 positions grows a 25 MB YAML and a map of 340,000 entries). Room reserved and never written costs
/// address space only.
#[derive(Debug, Default)]
pub struct Size {
    /// The values' texts, in bytes.
    text: usize,
    /// How many values (each a line of the YAML and an entry of the map, at most).
    values: usize,
    /// How many positions and sasaran (each a few lines of their own).
    items: usize,
}

impl Size {
    /// Counts the values of `position`.
    pub fn add(&mut self, position: &Position) {
        let mut value = |v: &Value| {
            self.text += v.text.len();
            self.values += 1;
        };
        position.nama.iter().for_each(&mut value);
        position
            .tugas
            .iter()
            .chain(&position.fungsi)
            .chain(&position.unplaced)
            .for_each(&mut value);
        for sasaran in &position.sasaran {
            value(&sasaran.uraian);
            for indikator in &sasaran.indikator {
                value(&indikator.uraian);
                [&indikator.satuan, &indikator.formula, &indikator.target]
                    .into_iter()
                    .flatten()
                    .for_each(&mut value);
                indikator.sumber_data.iter().for_each(&mut value);
                // An unknown column's cell is a comment that names the column's header too.
                indikator.extra.iter().for_each(|(_, v)| value(v));
            }
        }
        if let Some(signature) = &position.signature {
            signature.tempat_tanggal.iter().for_each(&mut value);
            for signer in [&signature.atasan, &signature.pegawai].into_iter().flatten() {
                [&signer.jabatan, &signer.nama, &signer.nip]
                    .into_iter()
                    .flatten()
                    .for_each(&mut value);
            }
        }
        let extra: usize = position
            .sasaran
            .iter()
            .flat_map(|s| &s.indikator)
            .flat_map(|k| &k.extra)
            .map(|(h, _)| h.len())
            .sum();
        self.text += extra + position.remarks.iter().map(String::len).sum::<usize>();
        self.items += 1 + position.sasaran.len();
    }
}

/// A document's YAML written position by position, as an import recognises them.
pub struct Emitter {
    out: Writer,
    /// Each position's id.
    ids: Vec<String>,
    /// How many positions were written.
    positions: usize,
}

impl Emitter {
    /// The YAML of the document `header` from the office file `name`, up to its positions: the text before the
    /// first position, the unit, year and place; its positions' titles give their ids (their other parts are not
    /// looked at). `size` is that of its positions, for the room the YAML and the origin map take at once.
    pub fn new(name: &str, header: &Recognised, size: &Size) -> Emitter {
        let mut out = Writer::default();
        // A value's line is its key, indent, quotes and escapes besides its text; a position or sasaran adds its
        // id, list keys and links.
        out.buf.reserve(2 * size.text + 48 * size.values + 160 * size.items);
        out.entries.reserve(size.values + size.items);
        out.comment(0, &format!("Imported by ikilint from {name}."));
        out.comment(
            0,
            "Links marked \"inferred\" are not printed in the source: check them before relying on them.",
        );
        for value in &header.unplaced {
            out.unplaced(0, value);
        }
        out.line(0, "dokumen:");
        let year = header.year.as_ref().map(|(y, _)| *y);
        let id_base = match (&header.unit, year) {
            (Some(unit), Some(year)) => format!("{} {year}", unit.text),
            (Some(unit), None) => unit.text.clone(),
            (None, Some(year)) => format!("iki {year}"),
            (None, None) => "iki".to_string(),
        };
        out.line(2, &format!("id: {}", slug(&id_base)));
        match &header.unit {
            Some(unit) => out.text(2, "unit", unit),
            None => out.line(2, "unit: \"\""),
        }
        out.year(&header.year);
        if let Some(place) = &header.place {
            out.text(2, "tempat", place);
        }
        out.line(0, "jabatan:");
        Emitter {
            out,
            ids: position_ids(&header.positions),
            positions: 0,
        }
    }

    /// Writes position `index` (positions are written in order, each once).
    pub fn position(&mut self, index: usize, position: &Position) {
        self.out.position(position, &self.ids[index], &self.ids);
        self.positions += 1;
    }

    /// The YAML once every position is written, with the document's `notes` located in it.
    pub fn finish(self, notes: &[Note]) -> Imported {
        let out = self.out;
        let places = Places::new(notes, &out);
        let problems = notes.iter().map(|note| out.locate(note, &places)).collect();
        Imported {
            yaml: out.buf,
            problems,
            origins: out.entries.complete(),
            positions: self.positions,
            printed: Vec::new(),
            skp: None,
        }
    }
}

#[derive(Default)]
struct Writer {
    buf: String,
    entries: OriginMap,
    /// Comments holding text that was not placed, by the origin of that text.
    comments: Vec<(Span, Origin)>,
}

impl Writer {
    fn line(&mut self, indent: usize, text: &str) {
        self.buf.push_str(&" ".repeat(indent));
        self.buf.push_str(text);
        self.buf.push('\n');
    }

    /// A comment line per line of `text`; "ikilint:" is broken so that a comment never reads as a suppression.
    fn comment(&mut self, indent: usize, text: &str) -> Span {
        let start = self.buf.len();
        for line in text.lines() {
            let line = line.replace("ikilint:", "ikilint :");
            self.line(indent, &format!("# {line}"));
        }
        Span::new(start, self.buf.len().saturating_sub(1).max(start))
    }

    fn unplaced(&mut self, indent: usize, value: &Value) {
        let at = describe(&value.origin);
        let span = self.comment(indent, &format!("not placed ({at}): {}", value.text));
        self.comments.push((span, value.origin.clone()));
    }

    /// Keeps that `start..end` of the YAML came from `origin` (a default origin says nothing and is not kept);
    /// the entry's index.
    fn origin(&mut self, start: usize, end: usize, origin: &Origin) -> Option<usize> {
        if *origin == Origin::default() {
            return None;
        }
        Some(self.entries.push(Span::new(start, end), origin))
    }

    /// `  tahun: 2024` with the span of the number, or `tahun: null` for the schema reader to report where the year
    /// must be written.
    fn year(&mut self, year: &Option<(i64, Origin)>) {
        match year {
            Some((year, origin)) => {
                let start = self.buf.len() + 2 + "tahun: ".len();
                self.line(2, &format!("tahun: {year}"));
                self.origin(start, self.buf.len() - 1, origin);
            }
            None => self.line(2, "tahun: null"),
        }
    }

    /// `key: "text"` with the span of the quoted value.
    fn text(&mut self, indent: usize, key: &str, value: &Value) {
        let quoted = quote(&value.text);
        let start = self.buf.len() + indent + key.len() + 2;
        self.line(indent, &format!("{key}: {quoted}"));
        self.origin(start, start + quoted.len(), &value.origin);
    }

    /// `- "text"` with the span of the quoted value.
    fn item(&mut self, indent: usize, value: &Value) {
        let quoted = quote(&value.text);
        let start = self.buf.len() + indent + 2;
        self.line(indent, &format!("- {quoted}"));
        self.origin(start, start + quoted.len(), &value.origin);
    }

    fn list(&mut self, indent: usize, key: &str, values: &[Value]) {
        if values.is_empty() {
            return;
        }
        self.line(indent, &format!("{key}:"));
        for value in values {
            self.item(indent + 2, value);
        }
    }

    fn inferred(&mut self, indent: usize, key: &str, reference: &str, link: &Inferred) {
        let text = format!("{key}: {reference}  # inferred: {}", link.because.replace('\n', " "));
        self.line(indent, &text.replace("ikilint:", "ikilint :"));
    }

    fn position(&mut self, position: &Position, id: &str, ids: &[String]) {
        let start = self.buf.len();
        // The entry of the whole position goes before those of its values, so that the map's entries come in
        // order and need no sorting; its end is known once the position is written.
        let whole = position
            .nama
            .as_ref()
            .and_then(|nama| self.origin(start, start, &nama.origin));
        for remark in &position.remarks {
            self.comment(2, remark);
        }
        self.line(2, &format!("- id: {id}"));
        match &position.nama {
            Some(nama) => self.text(4, "nama", nama),
            None => self.line(4, "nama: \"\""),
        }
        if let Some(link) = &position.atasan {
            self.inferred(4, "atasan", &ids[link.target], link);
        }
        if let Some(holder) = position.pemangku() {
            self.line(4, "pemangku:");
            self.signer_fields(6, holder, false);
        }
        self.list(4, "tugas", &position.tugas);
        self.list(4, "fungsi", &position.fungsi);
        if position.sasaran.is_empty() {
            self.line(4, "sasaran: []");
        } else {
            self.line(4, "sasaran:");
        }
        let has_superior = position.atasan.is_some();
        for (n, sasaran) in position.sasaran.iter().enumerate() {
            self.sasaran(sasaran, n, has_superior);
        }
        if let Some(signature) = &position.signature {
            self.line(4, "tanda_tangan:");
            if let Some(tt) = &signature.tempat_tanggal {
                self.text(6, "tempat_tanggal", tt);
            }
            for (key, signer) in [("atasan", &signature.atasan), ("pegawai", &signature.pegawai)] {
                if let Some(signer) = signer {
                    self.line(6, &format!("{key}:"));
                    self.signer_fields(8, signer, true);
                }
            }
        }
        for value in &position.unplaced {
            self.unplaced(4, value);
        }
        if let Some(entry) = whole {
            self.entries.set_end(entry, self.buf.len());
        }
    }

    fn signer_fields(&mut self, indent: usize, signer: &Signer, with_title: bool) {
        let mut any = false;
        if with_title && let Some(jabatan) = &signer.jabatan {
            self.text(indent, "jabatan", jabatan);
            any = true;
        }
        for (key, value) in [("nama", &signer.nama), ("nip", &signer.nip)] {
            if let Some(value) = value {
                self.text(indent, key, value);
                any = true;
            }
        }
        if !any {
            self.line(indent, "nama: \"\"");
        }
    }

    fn sasaran(&mut self, sasaran: &Sasaran, n: usize, has_superior: bool) {
        self.line(6, &format!("- id: S{}", n + 1));
        self.text(8, "uraian", &sasaran.uraian);
        if let (Some(link), true) = (&sasaran.mendukung, has_superior) {
            self.inferred(8, "mendukung", &format!("S{}", link.target + 1), link);
        }
        if sasaran.indikator.is_empty() {
            self.line(8, "indikator: []");
            return;
        }
        self.line(8, "indikator:");
        for indikator in &sasaran.indikator {
            let start = self.buf.len() + 12;
            let quoted = quote(&indikator.uraian.text);
            self.line(10, &format!("- uraian: {quoted}"));
            self.origin(start, start + quoted.len(), &indikator.uraian.origin);
            for (key, value) in [
                ("satuan", &indikator.satuan),
                ("formula", &indikator.formula),
                ("target", &indikator.target),
            ] {
                if let Some(value) = value {
                    self.text(12, key, value);
                }
            }
            self.list(12, "sumber_data", &indikator.sumber_data);
            for (header, value) in &indikator.extra {
                let text = format!("column \"{}\" ({}): {}", header, describe(&value.origin), value.text);
                let span = self.comment(12, &text);
                self.comments.push((span, value.origin.clone()));
            }
        }
    }

    /// A note placed in the YAML: at the comment holding its text, else at the value from its place in the
    /// office file, else at the header comment.
    fn locate(&self, note: &Note, places: &Places) -> Problem {
        // A part the note leaves open matches any value's; a note with no place at all goes to the header.
        let same_place = |o: &Origin| {
            fn fits<T: PartialEq>(want: &Option<T>, have: &Option<T>) -> bool {
                want.is_none() || want == have
            }
            let n = &note.origin;
            fits(&n.line, &o.line)
                && fits(&n.table, &o.table)
                && fits(&n.row, &o.row)
                && fits(&n.sheet, &o.sheet)
                && fits(&n.cell, &o.cell)
                && fits(&n.paragraph, &o.paragraph)
                && fits(&n.column, &o.column)
        };
        let key = Key::of(&note.origin);
        let in_comments = matches!(
            note.kind,
            NoteKind::TextNotPlaced | NoteKind::TableWithoutPosition | NoteKind::UnknownColumn
        );
        let span = in_comments
            .then(|| {
                places
                    .candidates(&places.comments, &key)
                    .map(|i| self.comments[i].clone())
                    .find(|(_, o)| same_place(o))
                    .map(|(s, _)| s)
            })
            .flatten()
            .or_else(|| {
                let matches: Vec<Span> = places
                    .candidates(&places.entries, &key)
                    .map(|i| self.entries.entry(i))
                    .filter(|(_, o)| same_place(o))
                    .map(|(s, _)| s)
                    .collect();
                // The first value from that place that holds no other one (a position's whole entry holds its
                // title's value).
                matches
                    .iter()
                    .filter(|s| !matches.iter().any(|t| t != *s && s.start <= t.start && t.end <= s.end))
                    .min_by_key(|s| s.start)
                    .copied()
            })
            .unwrap_or_else(|| Span::new(0, self.buf.find('\n').unwrap_or(0)));
        Problem {
            kind: note.kind,
            span,
            origin: note.origin.clone(),
            args: note.args.clone(),
        }
    }
}

/// The most telling part of a note's origin: the values and comments from the note's place all have it, so only
/// they are compared with the note (a whole document's values compared with each of thousands of notes would
/// take minutes).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Cell(super::CellRef),
    Line(u32),
    Paragraph(u32),
    TableRow(u32, u32),
    Row(u32),
    Table(u32),
    Column(super::SharedName),
    Sheet(super::SharedName),
}

impl Key {
    /// The key of a note's origin; `None` for a note with no place.
    fn of(origin: &Origin) -> Option<Key> {
        let o = origin;
        Some(match (o.cell, o.line, o.paragraph, o.table, o.row) {
            (Some(cell), ..) => Key::Cell(cell),
            (_, Some(line), ..) => Key::Line(line),
            (_, _, Some(paragraph), ..) => Key::Paragraph(paragraph),
            (_, _, _, Some(table), Some(row)) => Key::TableRow(table, row),
            (_, _, _, None, Some(row)) => Key::Row(row),
            (_, _, _, Some(table), None) => Key::Table(table),
            _ => match (&o.column, &o.sheet) {
                (Some(column), _) => Key::Column(column.clone()),
                (None, Some(sheet)) => Key::Sheet(sheet.clone()),
                (None, None) => return None,
            },
        })
    }

    /// Every key a value's origin answers to.
    fn all(o: &Origin) -> impl Iterator<Item = Key> + '_ {
        [
            o.cell.map(Key::Cell),
            o.line.map(Key::Line),
            o.paragraph.map(Key::Paragraph),
            o.table.zip(o.row).map(|(t, r)| Key::TableRow(t, r)),
            o.row.map(Key::Row),
            o.table.map(Key::Table),
            o.column.clone().map(Key::Column),
            o.sheet.clone().map(Key::Sheet),
        ]
        .into_iter()
        .flatten()
    }
}

/// The values and comments of the YAML by the keys the notes ask for, in the order they were written.
struct Places {
    entries: HashMap<Key, Vec<usize>>,
    comments: HashMap<Key, Vec<usize>>,
}

impl Places {
    fn new(notes: &[Note], out: &Writer) -> Places {
        let wanted: HashSet<Key> = notes.iter().filter_map(|n| Key::of(&n.origin)).collect();
        fn index(origins: impl Iterator<Item = Origin>, wanted: &HashSet<Key>) -> HashMap<Key, Vec<usize>> {
            let mut by: HashMap<Key, Vec<usize>> = HashMap::new();
            // No note to place (the usual import): no origin need be unpacked.
            if wanted.is_empty() {
                return by;
            }
            for (i, origin) in origins.enumerate() {
                for key in Key::all(&origin).filter(|k| wanted.contains(k)) {
                    by.entry(key).or_default().push(i);
                }
            }
            by
        }
        Places {
            entries: index((0..out.entries.len()).map(|i| out.entries.entry(i).1), &wanted),
            comments: index(out.comments.iter().map(|(_, origin)| origin.clone()), &wanted),
        }
    }

    fn candidates<'p>(&self, by: &'p HashMap<Key, Vec<usize>>, key: &Option<Key>) -> impl Iterator<Item = usize> + 'p {
        key.as_ref()
            .and_then(|k| by.get(k))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
    }
}

/// Where a piece of the office file is, for a comment (comments are in English, as the keys are).
fn describe(origin: &Origin) -> String {
    origin.describe(crate::i18n::Lang::En)
}

/// A double-quoted YAML scalar (JSON string syntax).
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

/// An id from a title: lowercase letters and digits, other characters as single `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "jabatan".to_string() } else { out }
}

/// A unique id per position, from its title (`-2`, `-3`, … for repeats).
fn position_ids(positions: &[Position]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(positions.len());
    for position in positions {
        let base = slug(position.nama.as_ref().map_or("jabatan", |n| n.text.as_str()));
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::office::layout::{Indikator, Position, Sasaran, Signature, Signer};

    fn value(text: &str, line: u32) -> Value {
        Value::new(
            text,
            Origin {
                line: Some(line),
                ..Origin::default()
            },
        )
    }

    #[test]
    fn texts_that_yaml_would_misread_come_back_as_written_with_their_origins() {
        let tricky = [
            "- Renja: #1 \"x\"",
            "19680125 198611 1 001",
            "yes",
            "ikilint: allow(T001)",
            "@a\n b",
        ];
        let doc = Recognised {
            positions: vec![Position {
                nama: Some(value(tricky[0], 1)),
                tugas: vec![value(tricky[2], 2)],
                sasaran: vec![Sasaran {
                    uraian: value(tricky[4], 3),
                    indikator: vec![Indikator {
                        uraian: value("Indeks", 4),
                        ..Indikator::default()
                    }],
                    ..Sasaran::default()
                }],
                signature: Some(Box::new(Signature {
                    pegawai: Some(Signer {
                        nama: Some(value("ANI", 5)),
                        nip: Some(value(tricky[1], 5)),
                        jabatan: None,
                    }),
                    ..Signature::default()
                })),
                unplaced: vec![value(tricky[3], 6)],
                ..Position::default()
            }],
            unit: Some(value("Kecamatan Maju", 7)),
            year: Some((2024, Origin::default())),
            ..Recognised::default()
        };
        let imported = emit("a.txt", doc);
        let document = crate::typed::read(&imported.yaml, crate::source::FileId(0))
            .unwrap_or_else(|| panic!("not read back:\n{}", imported.yaml));
        let jabatan = &document.jabatan[0];
        let nama = jabatan.nama.as_ref().unwrap();
        assert_eq!(&*nama.value, tricky[0]);
        assert_eq!(&*jabatan.tugas[0].value, "yes");
        assert_eq!(&*jabatan.sasaran[0].uraian.as_ref().unwrap().value, tricky[4]);
        let nip = jabatan.pemangku.as_ref().unwrap().nip.as_ref().unwrap();
        assert_eq!(&*nip.value, tricky[1]);
        assert_eq!(imported.origins.lookup(nama.span).and_then(|o| o.line), Some(1));
        assert_eq!(imported.origins.lookup(nip.span).and_then(|o| o.line), Some(5));
        // The text not placed is a comment that no reader takes for a suppression.
        assert!(imported.yaml.contains("# not placed (line 6): ikilint : allow(T001)"));
        assert!(imported.yaml.starts_with("# Imported by ikilint from a.txt."));
    }

    #[test]
    fn the_yaml_and_the_origin_map_take_their_room_once() {
        let position = |n: u32| Position {
            nama: Some(value(&format!("Pengolah Data {n}"), n)),
            tugas: vec![value("mengolah data", n), value("menyusun laporan \"bulanan\"", n)],
            sasaran: vec![Sasaran {
                uraian: value("Meningkatnya layanan", n),
                indikator: vec![Indikator {
                    uraian: value("Indeks", n),
                    target: Some(value("100%", n)),
                    sumber_data: vec![value("Laporan", n)],
                    ..Indikator::default()
                }],
                ..Sasaran::default()
            }],
            ..Position::default()
        };
        let doc = Recognised {
            positions: (1..=50).map(position).collect(),
            ..Recognised::default()
        };
        let mut size = Size::default();
        doc.positions.iter().for_each(|p| size.add(p));
        let mut emitter = Emitter::new("a.txt", &doc, &size);
        let room = (emitter.out.buf.capacity(), emitter.out.entries.entries.capacity());
        for (index, position) in doc.positions.iter().enumerate() {
            emitter.position(index, position);
        }
        // Nothing grew (a copy the allocator would keep), and the room is not many times what was written.
        let used = (emitter.out.buf.len(), emitter.out.entries.len());
        assert_eq!(
            (emitter.out.buf.capacity(), emitter.out.entries.entries.capacity()),
            room
        );
        assert!(room.0 < 4 * used.0 && room.1 < 2 * used.1, "{room:?} for {used:?}");
    }

    #[test]
    fn a_position_s_entries_are_written_in_the_order_the_map_keeps() {
        let position = Position {
            nama: Some(value("Pengolah Data", 1)),
            tugas: vec![value("mengolah data", 2)],
            sasaran: vec![Sasaran {
                uraian: value("Meningkatnya layanan", 3),
                indikator: vec![Indikator {
                    uraian: value("Indeks", 4),
                    ..Indikator::default()
                }],
                ..Sasaran::default()
            }],
            ..Position::default()
        };
        let mut out = Writer::default();
        out.line(0, "jabatan:");
        out.position(&position, "pengolah-data", &["pengolah-data".to_string()]);
        // The whole position first (it holds the others), then its values in the order they were written.
        let entries: Vec<(Span, Origin)> = (0..out.entries.len()).map(|i| out.entries.entry(i)).collect();
        let lines: Vec<Option<u32>> = entries.iter().map(|(_, o)| o.line).collect();
        assert_eq!(lines, [Some(1), Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(entries[0].0, Span::new("jabatan:\n".len(), out.buf.len()));
        let order = |(span, _): &(Span, Origin)| (span.start, std::cmp::Reverse(span.end));
        assert!(entries.is_sorted_by_key(order));
    }

    #[test]
    fn ids_are_unique() {
        let doc = Recognised {
            positions: vec![
                Position {
                    nama: Some(value("Pengolah Data", 1)),
                    ..Position::default()
                },
                Position {
                    nama: Some(value("PENGOLAH DATA", 2)),
                    ..Position::default()
                },
            ],
            ..Recognised::default()
        };
        let yaml = emit("a.txt", doc).yaml;
        assert!(yaml.contains("- id: pengolah-data\n"));
        assert!(yaml.contains("- id: pengolah-data-2\n"));
    }

    #[test]
    fn slugs_and_quotes() {
        assert_eq!(slug("KASUBBAG UMUM & KEPEGAWAIAN"), "kasubbag-umum-kepegawaian");
        assert_eq!(
            slug("Pengolah Data (Pelayanan Perizinan)"),
            "pengolah-data-pelayanan-perizinan"
        );
        assert_eq!(slug("***"), "jabatan");
        assert_eq!(quote("a: b # c"), "\"a: b # c\"");
        assert_eq!(quote("19680125 198611 1 001"), "\"19680125 198611 1 001\"");
    }
}
