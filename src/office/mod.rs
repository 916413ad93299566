//! Office documents as input (SPEC.md section 7): a Word (`.docx`), Excel (`.xlsx`) or extracted-text (`.txt`)
//! IKI is read into a neutral [`Body`] of paragraphs and tables, each piece with its [`Origin`] in the office
//! file; the layout is then recognised in that body and printed as schema-v1 YAML, which the rest of ikilint
//! lints as if the user had written it. The readers know the file formats and nothing of IKI; the layout knows
//! IKI and nothing of the formats.
//!
//! This module sits on the bottom floor with `source` and `model`: it may use them, `nip`, `names`,
//! `similarity`, `words` and `i18n`, never `rules`, `lint` or anything above.

pub mod docx;
pub mod emit;
pub mod layout;
mod package;
pub mod text;
pub mod xlsx;
mod xml;

use crate::message::{Listed, Message};
use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What an import gives: the YAML text, what the importer could not do cleanly (each located in that YAML), and
/// where each printed value came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub yaml: String,
    pub problems: Vec<Problem>,
    pub origins: OriginMap,
    /// How many positions were recognised (an SKP with RHK counts one): a text found by walking with none is not
    /// an IKI or SKP document.
    pub positions: usize,
    /// For an SKP: the printed superior RHK texts, each at the comment that keeps it in `yaml`.
    pub printed: Vec<PrintedLink>,
    /// For an SKP: what was read, to print it again with the links found among the files imported together
    /// ([`link_skps`]).
    pub skp: Option<Box<SkpSource>>,
}

/// The text an SKP print gives for the superior RHK of one of its RHK (by index), and the span of the YAML comment
/// that keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintedLink {
    pub rhk: usize,
    pub text: String,
    pub span: Span,
}

/// An SKP print as read from the file `name`.
#[derive(Clone, Debug, PartialEq)]
pub struct SkpSource {
    pub name: String,
    pub print: layout::skp::SkpPrint,
}

/// Read the office file `name` (its `bytes` in `format`) and print it as schema-v1 YAML.
///
/// The file is read twice, so that neither its body nor the document made of it is ever held whole. The first
/// reading recognises the layout and keeps of each position what the links between positions are inferred from
/// (titles, signature blocks, sasaran texts); the second recognises it again and prints each position as soon as
/// it is read whole, with its links already known. Whether the file is an SKP print is only known at the end of
/// the first reading: an SKP (a few pages, one employee's) is then read again into a body for its own layout.
pub fn import(format: Format, name: &str, bytes: &[u8]) -> Result<Imported, ReadError> {
    let extracted = format == Format::Text;
    let mut signs = layout::skp::SkpSigns::default();
    let mut recogniser = layout::Recogniser::new(extracted);
    let mut texts = layout::PackedSasaranTexts::default();
    let mut size = emit::Size::default();
    let mut keep = |_: usize, position: layout::Position| {
        texts.add(&position);
        size.add(&position);
    };
    let notes = each_block(format, bytes, &mut |block| {
        signs.see(&block);
        recogniser.block(block);
        recogniser.take_whole(|_, _| false, &mut keep);
    })?;
    if signs.is_skp() {
        drop(recogniser);
        let mut blocks = Vec::new();
        let notes = each_block(format, bytes, &mut |block| blocks.push(block))?;
        let body = Body { blocks, extracted };
        let print = layout::skp::recognise(&body, notes);
        let mut imported = emit::skp::emit(name, &print, &[]);
        imported.skp = Some(Box::new(SkpSource {
            name: name.to_string(),
            print,
        }));
        return Ok(imported);
    }
    let mut outline = recogniser.finish_taking(notes, &mut keep);
    let mut links = layout::infer_links(&outline, &texts);
    drop(texts);
    let mut emitter = emit::Emitter::new(name, &outline, &size);
    let late = std::mem::take(&mut outline.late_signatures);
    drop(outline);
    // A position whose signature block comes later is printed once it has it (the positions after it wait).
    let wait =
        |index: usize, position: &layout::Position| position.signature.is_none() && late.binary_search(&index).is_ok();
    let mut recogniser = layout::Recogniser::new(extracted);
    let mut print = |index: usize, mut position: layout::Position| {
        links.apply(index, &mut position);
        emitter.position(index, &position);
    };
    let notes = each_block(format, bytes, &mut |block| {
        recogniser.block(block);
        recogniser.take_whole(wait, &mut print);
    })?;
    let doc = recogniser.finish_taking(notes, &mut print);
    Ok(emitter.finish(&doc.notes))
}

/// Reads the office file in `bytes`, giving each block of its body to `each` in reading order; returns the
/// reader's notes.
fn each_block(format: Format, bytes: &[u8], each: &mut dyn FnMut(Block)) -> Result<Vec<Note>, ReadError> {
    match format {
        Format::Text => {
            let text = std::str::from_utf8(bytes).map_err(|_| ReadError::new("common.reason-office-text-encoding"))?;
            let (body, notes) = text::read(text);
            body.blocks.into_iter().for_each(each);
            Ok(notes)
        }
        Format::Docx => docx::read_each(bytes, each).map(|()| Vec::new()),
        Format::Xlsx => xlsx::read_each(bytes, each).map(|()| Vec::new()),
    }
}

/// The SKP prints among `imported` (files imported together) printed again with `intervensi` inferred where the
/// printed superior RHK text names an RHK of the superior's SKP among them (the same year, the pegawai's NIP the
/// penilai's), by [`crate::skp::printed::find`].
pub fn link_skps(imported: &mut [Imported]) {
    let digits = |v: &Option<layout::Value>| crate::skp::printed::digits_of(&v.as_ref()?.text);
    let prints: Vec<Option<&SkpSource>> = imported.iter().map(|i| i.skp.as_deref()).collect();
    let year = |p: &SkpSource| p.print.tahun.as_ref().map(|(y, _)| *y);
    // The prints by year and pegawai NIP, so that finding each one's superior is a lookup.
    let mut holders: std::collections::HashMap<(Option<i64>, String), Vec<usize>> = Default::default();
    for (k, p) in prints.iter().enumerate() {
        if let Some(p) = p
            && let Some(nip) = digits(&p.print.pegawai.nip)
        {
            holders.entry((year(p), nip)).or_default().push(k);
        }
    }
    let mut again: Vec<(usize, Vec<Option<emit::skp::Link>>)> = Vec::new();
    for (s, source) in prints.iter().enumerate() {
        let Some(source) = source else { continue };
        let print = &source.print;
        if print.rhk.iter().all(|r| r.intervensi.is_none()) {
            continue;
        }
        let Some(penilai) = digits(&print.penilai.nip) else {
            continue;
        };
        // The one other print of the year whose pegawai has the penilai's NIP, as for `check`.
        let Some(&[k]) = holders.get(&(year(source), penilai)).map(Vec::as_slice) else {
            continue;
        };
        let Some(superior) = prints[k].filter(|_| k != s) else {
            continue;
        };
        let id = emit::skp::skp_id(&superior.print);
        let uraian: Vec<&str> = superior.print.rhk.iter().map(|r| r.uraian.text.as_str()).collect();
        let links = print
            .rhk
            .iter()
            .map(|rhk| {
                let printed = rhk.intervensi.as_ref()?;
                let found = crate::skp::printed::find(&printed.text, &uraian)?;
                let because = format!("{} in {}", found.because, superior.name);
                Some((
                    format!("{id}/R{}", found.index + 1),
                    layout::Inferred {
                        target: found.index,
                        because,
                    },
                ))
            })
            .collect();
        again.push((s, links));
    }
    for (s, links) in again {
        let source = imported[s].skp.take().expect("an SKP print");
        let mut relinked = emit::skp::emit(&source.name, &source.print, &links);
        relinked.skp = Some(source);
        imported[s] = relinked;
    }
}

/// What the importer reports about a piece of the office file, before it is placed in the YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub origin: Origin,
    pub args: Vec<(String, String)>,
}

impl Note {
    pub fn new(kind: NoteKind, origin: Origin, args: &[(&str, &str)]) -> Note {
        Note {
            kind,
            origin,
            args: args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }
}

/// The kinds of import findings; each is one S rule (see `rules::structure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// A table column whose header means none of the IKI columns (S009).
    UnknownColumn,
    /// An IKI table before any position's "Jabatan" item (S010).
    TableWithoutPosition,
    /// Text the importer could not place in the schema, kept as a comment (S011).
    TextNotPlaced,
    /// An NIP stored as a number in a spreadsheet: digits may be lost (S012).
    NipAsNumber,
    /// Two pieces joined, or a row moved, on a guess about the extraction (S013).
    UncertainJoin,
}

/// An import finding located in the imported YAML: data until the loader turns it into a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: NoteKind,
    pub span: Span,
    pub origin: Origin,
    pub args: Vec<(String, String)>,
}

/// A column of the IKI indicator table: what the importer recognises a header as, and what export prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    No,
    Sasaran,
    Indikator,
    Formula,
    Satuan,
    Target,
    SumberData,
}

/// Which office format a file is, by its name (and, for a zip, its first bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Docx,
    Xlsx,
    Text,
}

impl Format {
    /// The office format of a file named `name`, or `None` for a YAML (or any other) file.
    pub fn of_name(name: &str) -> Option<Format> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "docx" => Some(Format::Docx),
            "xlsx" => Some(Format::Xlsx),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Where a piece of an office file is: the parts that apply are set, the others are `None`. Numbers are 1-based,
/// as a person counts them. Every grid cell of a large table carries one, so it is kept small: a sheet's name and
/// a column's header are shared by all the cells that have them, and a cell's reference is two numbers, written
/// out ("C7") only when shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The table's number in the document (Word, text).
    pub table: Option<u32>,
    /// The row's number within its table, header rows included (Word, text) or the sheet's row number (Excel).
    pub row: Option<u32>,
    /// The column's header as written in the document (e.g. "FORMULASI PERHITUNGAN/ PENJELASAN").
    #[serde(with = "shared_text")]
    pub column: Option<SharedName>,
    /// The sheet's name (Excel).
    #[serde(with = "shared_text")]
    pub sheet: Option<SharedName>,
    /// The cell (Excel), shown as its reference, e.g. "C7".
    pub cell: Option<CellRef>,
    /// The paragraph's number in the document body, outside tables (Word).
    pub paragraph: Option<u32>,
    /// The line's number (text).
    pub line: Option<u32>,
}

/// A name that many origins share (a sheet's, a column's header), behind a thin pointer: every grid cell's origin
/// may carry two, and an `Arc<str>` takes twice the room.
pub type SharedName = Arc<String>;

/// A shared name serialised as an optional string.
mod shared_text {
    use super::SharedName;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::sync::Arc;

    pub fn serialize<S: Serializer>(value: &Option<SharedName>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(text) => serializer.serialize_some(&**text),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<SharedName>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.map(Arc::from))
    }
}

/// Shared names serialised as a list of strings.
mod shared_texts {
    use super::SharedName;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::sync::Arc;

    pub fn serialize<S: Serializer>(texts: &[SharedName], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(texts.iter().map(|text| &**text))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<SharedName>, D::Error> {
        Ok(Vec::<String>::deserialize(deserializer)?
            .into_iter()
            .map(Arc::from)
            .collect())
    }
}

/// A spreadsheet cell by its 0-based row and column, written as Excel writes its reference ("C7") when shown or
/// serialised, and read back from that form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub row: u32,
    pub column: u32,
}

impl CellRef {
    pub fn new(row: u32, column: u32) -> Self {
        CellRef { row, column }
    }

    /// The cell of an `A1` reference; `None` for anything else.
    pub fn parse(reference: &str) -> Option<CellRef> {
        let digits = reference.find(|c: char| c.is_ascii_digit())?;
        let (letters, number) = reference.split_at(digits);
        if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let column = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1);
        let row: u32 = number.parse().ok()?;
        (row >= 1 && number.bytes().all(|b| b.is_ascii_digit())).then(|| CellRef::new(row - 1, column - 1))
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut letters = [0u8; 8];
        let mut at = letters.len();
        let mut n = u64::from(self.column) + 1;
        while n > 0 {
            at -= 1;
            letters[at] = b'A' + ((n - 1) % 26) as u8;
            n = (n - 1) / 26;
        }
        let letters = std::str::from_utf8(&letters[at..]).expect("ASCII letters");
        write!(f, "{letters}{}", u64::from(self.row) + 1)
    }
}

impl Serialize for CellRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CellRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        CellRef::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a cell reference: {text}")))
    }
}

impl Origin {
    /// The parts that are set, in words of `lang`, outermost first ("sheet IKI, cell C7", "tabel 3, baris 4, kolom
    /// Formulasi").
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        self.place().in_lang(lang).to_string()
    }

    /// The parts that are set, outermost first, as one argument of a finding (see [`Origin::describe`]).
    pub fn place(&self) -> Message {
        let number = |key: &str, n: u32| Message::new(key, &[("n", &n)]);
        let name = |key: &str, v: &str| Message::new(key, &[("name", &v)]);
        let mut parts = Vec::new();
        parts.extend(self.sheet.as_deref().map(|v| name("common.origin-sheet", v)));
        parts.extend(self.cell.map(|v| name("common.origin-cell", &v.to_string())));
        parts.extend(self.table.map(|n| number("common.origin-table", n)));
        // An Excel cell's reference names its row already.
        if self.cell.is_none() {
            parts.extend(self.row.map(|n| number("common.origin-row", n)));
        }
        parts.extend(self.column.as_deref().map(|v| name("common.origin-column", v)));
        parts.extend(self.paragraph.map(|n| number("common.origin-paragraph", n)));
        parts.extend(self.line.map(|n| number("common.origin-line", n)));
        Message::new("common.as-written", &[("text", &Listed(parts))])
    }
}

/// The content of an office file in reading order, as the readers give it to the layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// Text extracted from a Word or PDF document, whose line breaks the extraction may have lost: a list line
    /// that starts with a dash and repeats it ("- Renstra - Renja") is read as entries run together. A Word or
    /// Excel body keeps its real line breaks, so a dash inside a line is text there.
    pub extracted: bool,
}

impl Body {
    /// The body of a Word or Excel file whose reader gives its blocks one by one to a callback (`read_each`).
    pub fn of_blocks(
        read_each: impl FnOnce(&mut dyn FnMut(Block)) -> Result<(), ReadError>,
    ) -> Result<Body, ReadError> {
        let mut blocks = Vec::new();
        read_each(&mut |block| blocks.push(block))?;
        Ok(Body {
            blocks,
            extracted: false,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A paragraph outside tables: its text as displayed (a list item's automatic number or bullet included, e.g.
/// "1. JABATAN : CAMAT", "a. perumusan …", "- Renja"; a line break inside it as `\n`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// Every run of the paragraph is bold (titles and signers' names are).
    pub bold: bool,
    pub origin: Origin,
    /// A number the sheet stores as a number (Excel, a row with one filled cell): see [`Cell::numeric`].
    pub numeric: bool,
}

/// A table (Word) or the used range of a sheet (Excel), rows in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
    /// The table's own origin (its number, or its sheet).
    pub origin: Origin,
}

/// One row: one [`Cell`] per grid column, so that every row of a table has the same number of cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
}

/// One grid cell. A merged area (Word `vMerge`/`gridSpan`, an Excel merged range) gives each of its grid cells
/// the text of the cell that carries it, with `merged` set on every cell but that one, so a reader of a column
/// sees the sasaran on every indicator's row and can tell it is one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The text as displayed: paragraphs and line breaks inside the cell as `\n`, list numbers included.
    pub text: String,
    /// Covered by a merge: the text is that of the cell that carries the merged area.
    pub merged: bool,
    /// The origin of this grid cell, or for a merged one, of the cell that carries the text.
    pub origin: Origin,
    /// A number the sheet stores as a number (Excel): its text is as displayed, and an NIP stored this way may
    /// have lost digits.
    pub numeric: bool,
}

/// Why an office file could not be read at all (a corrupt zip, a password-protected or old `.doc` file, a
/// workbook without sheets): the run names the file and the reason, and exits with code 2 for a file the user
/// named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// A key of the `common` catalogue (e.g. `common.reason-office-corrupt`), or the system's own words.
    pub reason: String,
    /// The part of the package the reason is about (`word/document.xml`, a sheet's name), filled into the
    /// message's `{part}`.
    pub part: Option<String>,
}

impl ReadError {
    pub fn new(reason: &str) -> Self {
        ReadError {
            reason: reason.to_string(),
            part: None,
        }
    }

    /// A reason about one part of the package.
    pub fn in_part(reason: &str, part: &str) -> Self {
        ReadError {
            reason: reason.to_string(),
            part: Some(part.to_string()),
        }
    }

    /// The reason, the part named, as a message (of a finding, or of the error that stops a run).
    pub fn message(&self) -> Message {
        let part = self.part.as_deref().unwrap_or_default();
        Message::new(&self.reason, &[("part", &part)])
    }
}

/// Where the values of an imported document's YAML came from: the YAML span of each value printed from an office
/// file, with its origin. A finding on an office file is located in that YAML (so its text can be shown) and
/// names the origin of the innermost value that holds its primary span.
///
/// A spreadsheet of thousands of positions gives hundreds of thousands of entries, kept for the whole run: each
/// origin is kept packed ([`Place`], 36 bytes instead of 80) with its span as two 32-bit offsets (44 bytes an entry,
/// was 56), the sheet names and column headers it names once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginMap {
    /// Sorted by span start, outer spans first, once the map is complete; spans nest or are disjoint.
    entries: Vec<(Extent, Place)>,
    /// The sheet names and column headers the entries name, each once.
    #[serde(with = "shared_texts")]
    names: Vec<SharedName>,
    /// Each name's index in `names`, while entries are added.
    #[serde(skip)]
    known: std::collections::HashMap<SharedName, u32>,
}

/// A span of the YAML as 32-bit offsets. An import's YAML stays far below 4 GiB (its office file is at most
/// [`crate::fsread::DOCUMENT_LIMIT`]); an offset past that would be kept as the largest one. Serialised as a
/// [`Span`] is (postcard writes both widths as the same variable-length integers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Extent {
    start: u32,
    end: u32,
}

impl Extent {
    fn of(span: Span) -> Extent {
        Extent {
            start: offset(span.start),
            end: offset(span.end),
        }
    }

    fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// An [`Origin`] packed: its numbers in a row, a bit of `set` for each that the origin has, and its names as
/// indexes into the map's `names`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Place {
    /// Table, row, paragraph, line, the cell's row and column, the column's name, the sheet's name.
    numbers: [u32; 8],
    set: u8,
}

impl Place {
    fn part(&self, at: usize) -> Option<u32> {
        (self.set & (1 << at) != 0).then_some(self.numbers[at])
    }
}

impl OriginMap {
    /// The map of `entries`, in any order.
    pub fn new(entries: Vec<(Span, Origin)>) -> Self {
        let mut map = OriginMap::default();
        for (span, origin) in &entries {
            map.push(*span, origin);
        }
        map.complete()
    }

    /// Adds that `span` of the YAML came from `origin`, in any order until [`OriginMap::complete`]; the entry's
    /// index.
    pub(crate) fn push(&mut self, span: Span, origin: &Origin) -> usize {
        let mut name = |text: &Option<SharedName>| {
            let text = text.as_ref()?;
            let next = self.names.len() as u32;
            let index = *self.known.entry(Arc::clone(text)).or_insert(next);
            if index == next {
                self.names.push(Arc::clone(text));
            }
            Some(index)
        };
        let parts = [
            origin.table,
            origin.row,
            origin.paragraph,
            origin.line,
            origin.cell.map(|c| c.row),
            origin.cell.map(|c| c.column),
            name(&origin.column),
            name(&origin.sheet),
        ];
        let mut place = Place {
            numbers: [0; 8],
            set: 0,
        };
        for (at, part) in parts.into_iter().enumerate() {
            if let Some(n) = part {
                place.numbers[at] = n;
                place.set |= 1 << at;
            }
        }
        self.entries.push((Extent::of(span), place));
        self.entries.len() - 1
    }

    /// Moves the end of entry `index` (a value whose extent is known once its content is written).
    pub(crate) fn set_end(&mut self, index: usize, end: usize) {
        self.entries[index].0.end = offset(end);
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Room for `more` entries.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.entries.reserve_exact(more);
    }

    /// Entry `index`: its span and origin.
    pub(crate) fn entry(&self, index: usize) -> (Span, Origin) {
        let (extent, place) = &self.entries[index];
        (extent.span(), self.origin(place))
    }

    /// The map once every entry is added: in order for [`OriginMap::lookup`].
    pub(crate) fn complete(mut self) -> Self {
        // Outer spans before the spans they hold, so the last match in a scan is the innermost.
        let order = |a: &(Extent, Place), b: &(Extent, Place)| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end));
        // An import adds them in that order already: sorting would only take a scratch copy of half of them.
        if !self.entries.is_sorted_by(|a, b| order(a, b).is_le()) {
            self.entries.sort_by(order);
        }
        self.known = Default::default();
        self
    }

    fn origin(&self, place: &Place) -> Origin {
        let name = |at| place.part(at).map(|i| Arc::clone(&self.names[i as usize]));
        Origin {
            table: place.part(0),
            row: place.part(1),
            paragraph: place.part(2),
            line: place.part(3),
            cell: place
                .part(4)
                .zip(place.part(5))
                .map(|(row, column)| CellRef::new(row, column)),
            column: name(6),
            sheet: name(7),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The origin of the innermost value whose span holds `span`.
    pub fn lookup(&self, span: Span) -> Option<Origin> {
        let (start, end) = (offset(span.start), offset(span.end));
        let candidates = self.entries.partition_point(|(s, _)| s.start <= start);
        self.entries[..candidates]
            .iter()
            .rev()
            // Spans nest, so the first holder met going back is the innermost.
            .find(|(s, _)| s.end >= end)
            .map(|(_, place)| self.origin(place))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(table: u32) -> Origin {
        Origin {
            table: Some(table),
            ..Origin::default()
        }
    }

    #[test]
    fn lookup_finds_the_innermost_value_holding_the_span() {
        let map = OriginMap::new(vec![
            (Span::new(10, 20), at(2)),
            (Span::new(0, 100), at(1)),
            (Span::new(30, 40), at(3)),
        ]);
        assert_eq!(map.lookup(Span::new(12, 15)), Some(at(2)));
        assert_eq!(map.lookup(Span::new(25, 26)), Some(at(1)));
        assert_eq!(map.lookup(Span::new(35, 45)), Some(at(1)));
        assert_eq!(map.lookup(Span::new(100, 101)), None);
    }

    #[test]
    fn the_map_gives_back_every_part_of_an_origin_and_keeps_each_name_once() {
        let cell = |row: u32, sheet: &str| Origin {
            sheet: Some(Arc::new(sheet.to_string())),
            column: Some(Arc::new("SUMBER DATA".to_string())),
            cell: Some(CellRef::new(row - 1, 5)),
            row: Some(row),
            ..Origin::default()
        };
        let every_part = Origin {
            table: Some(0),
            row: Some(u32::MAX),
            paragraph: Some(7),
            line: Some(9),
            ..cell(3, "IKI")
        };
        let origins = [cell(1, "IKI"), cell(2, "Lembar2"), every_part, at(4)];
        let entries: Vec<(Span, Origin)> = (0..origins.len())
            .map(|i| (Span::new(10 * i, 10 * i + 5), origins[i].clone()))
            .collect();
        let map = OriginMap::new(entries);
        for (i, origin) in origins.iter().enumerate() {
            assert_eq!(map.lookup(Span::new(10 * i + 1, 10 * i + 2)).as_ref(), Some(origin));
        }
        assert_eq!(map.names.len(), 3, "{:?}", map.names);
        let json = serde_json::to_string(&map).unwrap();
        assert_eq!(serde_json::from_str::<OriginMap>(&json).unwrap(), map);
    }

    #[test]
    fn an_origin_map_entry_stays_small() {
        // A large spreadsheet gives hundreds of thousands, kept for the whole run.
        assert!(
            std::mem::size_of::<(Extent, Place)>() <= 44,
            "{}",
            std::mem::size_of::<(Extent, Place)>()
        );
    }

    #[test]
    fn an_origin_stays_small() {
        // Every value of a recognised document carries one, and a large spreadsheet gives hundreds of thousands:
        // its two names are thin pointers.
        assert!(std::mem::size_of::<Origin>() <= 64, "{}", std::mem::size_of::<Origin>());
    }

    #[test]
    fn cell_references_are_written_and_read_as_excel_does() {
        for (row, column, reference) in [
            (0, 0, "A1"),
            (6, 2, "C7"),
            (9, 25, "Z10"),
            (0, 26, "AA1"),
            (0, 16383, "XFD1"),
        ] {
            assert_eq!(CellRef::new(row, column).to_string(), reference);
            assert_eq!(CellRef::parse(reference), Some(CellRef::new(row, column)));
        }
        assert_eq!(CellRef::parse("A0"), None);
        assert_eq!(CellRef::parse("7"), None);
        assert_eq!(CellRef::parse("c7"), None);
        let json = serde_json::to_string(&CellRef::new(6, 2)).unwrap();
        assert_eq!(json, "\"C7\"");
        assert_eq!(serde_json::from_str::<CellRef>(&json).unwrap(), CellRef::new(6, 2));
    }

    #[test]
    fn format_is_read_from_the_extension_in_any_case() {
        assert_eq!(Format::of_name("dokumen/IKI 2024.DOCX"), Some(Format::Docx));
        assert_eq!(Format::of_name("a.xlsx"), Some(Format::Xlsx));
        assert_eq!(Format::of_name("seed.txt"), Some(Format::Text));
        assert_eq!(Format::of_name("a.yaml"), None);
        assert_eq!(Format::of_name("docx"), None);
    }
}
