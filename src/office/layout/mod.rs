//! The IKI layout recognised in a [`Body`] (SPEC.md section 7): the title with the unit and year, then per position
//! its header items (Jabatan, Tugas, Fungsi), its table of sasaran and indicators, and its signature block. Words are
//! matched by meaning (labels and column headers in any case and numbering), never by a seed's exact text, and
//! whatever cannot be placed is kept with its origin so that the YAML loses nothing.

mod header;
mod links;
mod signature;
pub mod skp;
mod table;

use super::{Block, Body, Note, NoteKind, Origin, Paragraph};
pub use links::{Links, PackedSasaranTexts, infer as infer_links};
pub use signature::{Signature, Signer};

/// A text of the office file with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub text: String,
    pub origin: Origin,
}

impl Value {
    pub fn new(text: impl Into<String>, origin: Origin) -> Value {
        Value {
            text: text.into(),
            origin,
        }
    }
}

/// A link the importer inferred (documents do not print links): the target, and why it was chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Inferred {
    /// A position's index (for `atasan`) or a sasaran's number, 0-based, in the superior (for `mendukung`).
    pub target: usize,
    /// What the inference rests on, in words for the YAML comment.
    pub because: String,
}

/// One recognised IKI document.
#[derive(Clone, Debug, Default)]
pub struct Recognised {
    pub unit: Option<Value>,
    pub year: Option<(i64, Origin)>,
    /// The place of the first signature line ("Masama, .....2020" → "Masama").
    pub place: Option<Value>,
    pub positions: Vec<Position>,
    /// Text before the first position that is not the title (a cover letter, a preface), kept as comments.
    pub unplaced: Vec<Value>,
    pub notes: Vec<Note>,
    /// The positions (by index, in order) whose signature block was printed after a later position's table:
    /// while they wait for it, the positions after them cannot be printed either.
    pub late_signatures: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Position {
    pub nama: Option<Value>,
    pub atasan: Option<Inferred>,
    pub tugas: Vec<Value>,
    pub fungsi: Vec<Value>,
    pub sasaran: Vec<Sasaran>,
    /// Boxed: a position taken from the layout keeps its signature block, and thousands of them are kept.
    pub signature: Option<Box<Signature>>,
    /// Text of this position the importer could not place, kept as comments after it.
    pub unplaced: Vec<Value>,
    /// Comments on what the importer decided for this position (a signature block moved to it).
    pub remarks: Vec<String>,
}

impl Position {
    /// The position is read whole: its lists give back the room they grew into (a list grown one entry at a time
    /// has room for up to twice its entries, and a document holds thousands of positions).
    pub fn settle(&mut self) {
        for sasaran in &mut self.sasaran {
            for indikator in &mut sasaran.indikator {
                indikator.sumber_data.shrink_to_fit();
            }
            sasaran.indikator.shrink_to_fit();
        }
        self.sasaran.shrink_to_fit();
        self.tugas.shrink_to_fit();
        self.fungsi.shrink_to_fit();
    }

    /// The holder: the signer of the signature block who is the employee assessed.
    pub fn pemangku(&self) -> Option<&Signer> {
        self.signature
            .as_ref()
            .and_then(|s| s.pegawai.as_ref())
            // A blank left to fill in ("....." and "NIP.") names nobody.
            .filter(|p| p.nama.as_ref().is_some_and(|n| !crate::nip::is_placeholder(&n.text)))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Sasaran {
    pub uraian: Value,
    pub mendukung: Option<Inferred>,
    pub indikator: Vec<Indikator>,
}

#[derive(Clone, Debug, Default)]
pub struct Indikator {
    pub uraian: Value,
    pub satuan: Option<Value>,
    pub formula: Option<Value>,
    pub target: Option<Value>,
    pub sumber_data: Vec<Value>,
    /// Cells of columns the importer does not know: (the column's header, the cell).
    pub extra: Vec<(String, Value)>,
}

impl Default for Value {
    fn default() -> Self {
        Value::new("", Origin::default())
    }
}

/// The IKI document in `body`; `notes` are the reader's, kept with the layout's own. Each block is dropped once
/// read, so a large body and the document made of it are not held whole side by side.
pub fn recognise(body: Body, notes: Vec<Note>) -> Recognised {
    let mut recogniser = Recogniser::new(body.extracted);
    for block in body.blocks {
        recogniser.block(block);
    }
    recogniser.finish(notes)
}

/// The IKI layout recognised block by block, as a reader gives them: a reader can hand each block over as soon as
/// it is read, so that the file's whole body is never held. The positions read whole can be taken as they are
/// ([`Recogniser::take_whole`]), so that the whole document is never held either.
pub struct Recogniser {
    state: State,
}

impl Recogniser {
    /// `extracted`: the blocks are of extracted text (see [`Body::extracted`]).
    pub fn new(extracted: bool) -> Self {
        Recogniser {
            state: State {
                doc: Recognised::default(),
                list: None,
                preamble: Vec::new(),
                tail: Vec::new(),
                has_table: false,
                header: None,
                extracted,
                taken: 0,
            },
        }
    }

    /// The next block in reading order.
    pub fn block(&mut self, block: Block) {
        match block {
            Block::Paragraph(p) => self.state.paragraph(&p),
            Block::Table(t) => self.state.table(&t),
        }
    }

    /// Gives `each` every position read whole and not yet taken, in order, with its index. Every position but
    /// the last is whole, but for a signature block printed later (which goes to an earlier position without
    /// one): a position `wait` names, and those after it, are kept until a later call. Of a position taken, the
    /// layout keeps its title and signature block, which is all it looks at in earlier positions.
    pub fn take_whole(&mut self, wait: impl Fn(usize, &Position) -> bool, each: &mut dyn FnMut(usize, Position)) {
        let last = self.state.doc.positions.len().saturating_sub(1);
        self.state.take(last, wait, each);
    }

    /// The document, once every block was given (and no position taken), links inferred; `notes` are the
    /// reader's, put before the layout's own.
    pub fn finish(mut self, notes: Vec<Note>) -> Recognised {
        self.state.close_position();
        let mut doc = self.state.finish(notes);
        let texts = PackedSasaranTexts::of(&doc.positions);
        let mut links = links::infer(&doc, &texts);
        for (index, position) in doc.positions.iter_mut().enumerate() {
            links.apply(index, position);
        }
        doc
    }

    /// The document once every block was given, without links: `each` is given every position not yet taken
    /// (see [`Recogniser::take_whole`]), which the document keeps as taken (title and signature block). `notes`
    /// are the reader's, put before the layout's own.
    pub fn finish_taking(mut self, notes: Vec<Note>, each: &mut dyn FnMut(usize, Position)) -> Recognised {
        self.state.close_position();
        let all = self.state.doc.positions.len();
        self.state.take(all, |_, _| false, each);
        self.state.finish(notes)
    }
}

/// A paragraph kept for later: the signature block and the title are read once they are complete.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub text: String,
    pub origin: Origin,
    /// A spreadsheet number (an NIP in one may have lost digits).
    pub numeric: bool,
}

impl Line {
    fn of(p: &Paragraph) -> Line {
        Line {
            text: p.text.clone(),
            origin: p.origin.clone(),
            numeric: p.numeric,
        }
    }

    fn value(&self) -> Value {
        Value::new(self.text.clone(), self.origin.clone())
    }
}

struct State {
    doc: Recognised,
    /// The header list being read (Tugas or Fungsi) of the current position.
    list: Option<header::List>,
    /// Paragraphs before the first position.
    preamble: Vec<Line>,
    /// Paragraphs after the current position's table: its signature block.
    tail: Vec<Line>,
    has_table: bool,
    /// The header of the current position's last table, for its continuation on the next page.
    header: Option<table::Header>,
    /// The body is extracted text: see [`Body::extracted`].
    extracted: bool,
    /// How many positions, from the first, were taken (see [`Recogniser::take_whole`]).
    taken: usize,
}

impl State {
    /// Gives `each` the positions from the first not yet taken up to `until` (excluded), stopping at one that
    /// must `wait`; each is left as its title and signature block.
    fn take(&mut self, until: usize, wait: impl Fn(usize, &Position) -> bool, each: &mut dyn FnMut(usize, Position)) {
        while self.taken < until && !wait(self.taken, &self.doc.positions[self.taken]) {
            let position = &mut self.doc.positions[self.taken];
            let kept = Position {
                nama: position.nama.clone(),
                signature: position.signature.clone(),
                ..Position::default()
            };
            each(self.taken, std::mem::replace(position, kept));
            self.taken += 1;
        }
    }

    fn current(&mut self) -> Option<&mut Position> {
        self.doc.positions.last_mut()
    }

    fn paragraph(&mut self, p: &Paragraph) {
        if header::is_title(&p.text) {
            self.list = None;
            if self.doc.positions.is_empty() {
                self.preamble.push(Line::of(p));
            }
            return;
        }
        match header::item(&p.text) {
            Some((header::Item::Jabatan, value)) => {
                self.close_position();
                self.doc.positions.push(Position {
                    nama: Some(Value::new(value, p.origin.clone())),
                    ..Position::default()
                });
                return;
            }
            Some((header::Item::List(list), value)) if self.current().is_some() && !self.has_table => {
                self.list = Some(list);
                self.push_entry(list, &value, &p.origin);
                return;
            }
            _ => {}
        }
        if self.doc.positions.is_empty() {
            self.preamble.push(Line::of(p));
            return;
        }
        if self.has_table {
            self.tail.push(Line::of(p));
            return;
        }
        if let Some(list) = self.list {
            if header::is_broken_entry(&p.text) && self.continue_entry(list, &p.text) {
                return;
            }
            if header::is_marked_entry(&p.text) {
                self.push_entry(list, &p.text, &p.origin);
                return;
            }
            if p.text.chars().next().is_some_and(char::is_lowercase) && self.continue_entry(list, &p.text) {
                return;
            }
        }
        let value = Value::new(p.text.clone(), p.origin.clone());
        self.not_placed(value);
    }

    /// The entries of the list line `line` (several where the extraction ran them together, with a note).
    fn push_entry(&mut self, list: header::List, line: &str, origin: &Origin) {
        let parts = header::line_entries(line, self.extracted);
        if parts.len() > 1 {
            self.doc.notes.push(Note::new(
                NoteKind::UncertainJoin,
                origin.clone(),
                &[("detail", "items-split"), ("count", &parts.len().to_string())],
            ));
        }
        let Some(position) = self.current() else {
            return;
        };
        let items = match list {
            header::List::Tugas => &mut position.tugas,
            header::List::Fungsi => &mut position.fungsi,
        };
        items.extend(parts.into_iter().map(|text| Value::new(text, origin.clone())));
    }

    /// A line starting in lower case after a list item that ends without punctuation: the item's sentence broken
    /// over two lines.
    fn continue_entry(&mut self, list: header::List, text: &str) -> bool {
        let Some(position) = self.doc.positions.last_mut() else {
            return false;
        };
        let items = match list {
            header::List::Tugas => &mut position.tugas,
            header::List::Fungsi => &mut position.fungsi,
        };
        let Some(last) = items.last_mut().filter(|l| !l.text.ends_with(['.', ';', ':'])) else {
            return false;
        };
        last.text.push(' ');
        last.text.push_str(header::list_entry(text).as_deref().unwrap_or(text));
        // Located at the item joined into, which is what the YAML shows.
        let at = last.origin.clone();
        self.doc.notes.push(Note::new(
            NoteKind::UncertainJoin,
            at,
            &[("detail", "item-continued"), ("count", "1")],
        ));
        true
    }

    fn not_placed(&mut self, value: Value) {
        self.doc.notes.push(not_placed_note(&value));
        match self.doc.positions.last_mut() {
            Some(position) => position.unplaced.push(value),
            None => self.doc.unplaced.push(value),
        }
    }

    fn table(&mut self, t: &super::Table) {
        self.list = None;
        let read = match (table::read(t), &self.header) {
            // A table without a header right after the position's table, as wide: its rest after a page break
            // (the page footer between them, if any, is kept as text not placed).
            (table::Read::Lines(lines), Some(header))
                if self.has_table && header.fits(t) && !signature::looks_like(&lines) =>
            {
                table::Read::Iki(header.rows(t))
            }
            (read, _) => read,
        };
        match read {
            table::Read::Iki(rows) => {
                if self.doc.positions.is_empty() {
                    self.doc
                        .notes
                        .push(Note::new(NoteKind::TableWithoutPosition, t.origin.clone(), &[]));
                    for value in rows.texts() {
                        self.doc.unplaced.push(value);
                    }
                    return;
                }
                if self.has_table && !self.tail.is_empty() {
                    // Paragraphs between two tables of one position are not a signature block.
                    for line in std::mem::take(&mut self.tail) {
                        self.not_placed(line.value());
                    }
                }
                self.has_table = true;
                self.header = Some(rows.header());
                let (notes, starts) = rows.apply(&mut self.doc.positions, self.extracted);
                self.doc.notes.extend(notes);
                if starts {
                    self.tail.clear();
                }
            }
            table::Read::Lines(lines) if self.current().is_some() && signature::looks_like(&lines) => {
                self.has_table = true;
                self.tail.extend(lines);
            }
            table::Read::Lines(lines) => {
                for line in lines {
                    self.not_placed(line.value());
                }
            }
        }
    }

    /// The current position is complete: read its signature block.
    fn close_position(&mut self) {
        if let Some(position) = self.doc.positions.last_mut() {
            position.settle();
        }
        self.list = None;
        self.has_table = false;
        self.header = None;
        let tail = std::mem::take(&mut self.tail);
        if tail.is_empty() || self.doc.positions.is_empty() {
            return;
        }
        let read = signature::read(&tail);
        self.doc.notes.extend(read.notes);
        if self.doc.place.is_none() {
            self.doc.place = read.place.clone();
        }
        if self.doc.year.is_none() {
            self.doc.year = read.year.clone();
        }
        let at = signature::owner(&self.doc.positions, &read.signature);
        let last = self.doc.positions.len() - 1;
        if at != last {
            self.doc.late_signatures.push(at);
            let title = read
                .signature
                .pegawai
                .as_ref()
                .and_then(|s| s.jabatan.as_ref())
                .map_or(String::new(), |j| j.text.clone());
            self.doc.positions[at].remarks.push(format!(
                "signature block printed after another position's table; placed here by its title \"{title}\""
            ));
        }
        self.doc.positions[at].signature = Some(Box::new(read.signature));
        for value in read.unplaced {
            self.doc.notes.push(not_placed_note(&value));
            self.doc.positions[at].unplaced.push(value);
        }
    }

    /// The document once every block was read and the last position closed: the title read, the notes in order.
    fn finish(mut self, mut notes: Vec<Note>) -> Recognised {
        self.finish_preamble();
        notes.append(&mut self.doc.notes);
        self.doc.notes = notes;
        self.doc.late_signatures.sort_unstable();
        self.doc
    }

    /// The title lines give the unit and year; other text before the first position is not placed.
    fn finish_preamble(&mut self) {
        let preamble = std::mem::take(&mut self.preamble);
        let title = header::title_run(&preamble);
        let (unit, year) = header::unit_and_year(&preamble[title.clone()]);
        if unit.is_some() {
            self.doc.unit = unit;
        }
        if year.is_some() {
            self.doc.year = year;
        }
        for (i, line) in preamble.iter().enumerate() {
            if !title.contains(&i) && !header::is_title(&line.text) {
                self.doc.notes.push(not_placed_note(&line.value()));
                self.doc.unplaced.push(line.value());
            }
        }
        if self.doc.unit.is_none() {
            self.doc.unit = header::unit_from_positions(&self.doc.positions);
        }
    }
}

/// S011 for a text kept as a comment, quoting its start.
fn not_placed_note(value: &Value) -> Note {
    Note::new(
        NoteKind::TextNotPlaced,
        value.origin.clone(),
        &[("text", &crate::words::shorten(&value.text, 60))],
    )
}

#[cfg(test)]
mod tests;
