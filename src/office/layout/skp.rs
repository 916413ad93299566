//! The SKP print layout of e-Kinerja recognised in a [`Body`] (SPEC.md sections 6 and 7): the title with the
//! approach and the period, the identity table (pegawai yang dinilai, pejabat penilai kinerja, sometimes the
//! atasan pejabat penilai), the hasil kerja table (No | RHK atasan yang diintervensi | Rencana Hasil Kerja | Aspek
//! | Indikator Kinerja Individu | Target, with "A. Utama"/"B. Tambahan" section rows and a JPT form's Perspektif),
//! the perilaku kerja table, the lampiran lists and the signature block.
//!
//! The reader walks every paragraph and every table row in order: a heading or a header row (recognised by the
//! meaning of its words, in any case and numbering) says what the rows after it are. An Excel sheet is one grid in
//! which a full-width row reads as a paragraph, so the parts of one printed table may come as several tables: a
//! table without a header continues the last one. Whatever cannot be placed is kept with its origin.

use super::signature::{self, Signer};
use super::{Line, Value, header, not_placed_note};
use crate::office::{Block, Body, Cell, Note, NoteKind, Origin, SharedName, Table};

/// One recognised SKP print.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SkpPrint {
    /// The title lines as printed ("SASARAN KINERJA PEGAWAI", "PENDEKATAN HASIL KERJA KUANTITATIF", …).
    pub title: Vec<Value>,
    /// `kuantitatif` or `kualitatif`, from the title.
    pub pendekatan: Option<Value>,
    /// The period as ISO dates, from "PERIODE PENILAIAN: …".
    pub mulai: Option<Value>,
    pub selesai: Option<Value>,
    pub tahun: Option<(i64, Origin)>,
    pub pegawai: Person,
    pub penilai: Person,
    pub atasan_penilai: Option<Person>,
    pub rhk: Vec<PrintedRhk>,
    /// Whether the hasil kerja table has a Perspektif column (a JPT form).
    pub jpt: bool,
    /// (BerAKHLAK id, ekspektasi); the id's origin is the perilaku cell's.
    pub perilaku: Vec<(&'static str, Value)>,
    /// Dukungan sumber daya, skema pertanggungjawaban, konsekuensi.
    pub lampiran: [Vec<Value>; 3],
    /// The place and date of the signature block.
    pub tempat_tanggal: Option<Value>,
    pub unplaced: Vec<Value>,
    pub notes: Vec<Note>,
}

/// A person of the identity table (or of the signature block, for what the table leaves out).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub nama: Option<Value>,
    pub nip: Option<Value>,
    pub pangkat: Option<Value>,
    pub jabatan: Option<Value>,
    pub unit: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrintedRhk {
    /// `utama` or `tambahan`, from the section row above it.
    pub jenis: Option<&'static str>,
    pub uraian: Value,
    /// The printed text of the superior's RHK this one intervenes.
    pub intervensi: Option<Value>,
    pub perspektif: Option<Value>,
    pub indikator: Vec<PrintedIndikator>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrintedIndikator {
    pub aspek: Option<Value>,
    pub uraian: Value,
    pub target: Option<Value>,
    pub satuan: Option<Value>,
}

/// A column of the hasil kerja table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    No,
    Intervensi,
    Rhk,
    Aspek,
    Indikator,
    Target,
    Satuan,
    Perspektif,
}

/// A column of the perilaku table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PCol {
    Perilaku,
    Ekspektasi,
}

fn words(text: &str) -> Vec<String> {
    crate::words::lowercase(text)
}

fn has_run(words: &[String], run: &[&str]) -> bool {
    words.windows(run.len()).any(|w| w.iter().zip(run).all(|(a, b)| a == b))
}

/// What a hasil kerja header cell means.
fn column_of(text: &str) -> Option<Col> {
    let w = words(text);
    let has = |x: &str| w.iter().any(|y| y == x);
    let rhk = has_run(&w, &["rencana", "hasil", "kerja"]) || has("rhk");
    if has("intervensi") || (rhk && (has("atasan") || has("pimpinan"))) {
        Some(Col::Intervensi)
    } else if rhk {
        Some(Col::Rhk)
    } else if has("indikator") {
        Some(Col::Indikator)
    } else if has("aspek") {
        Some(Col::Aspek)
    } else if has("target") {
        Some(Col::Target)
    } else if has("satuan") {
        Some(Col::Satuan)
    } else if has("perspektif") {
        Some(Col::Perspektif)
    } else if matches!(w.as_slice(), [x] if x == "no" || x == "nomor") {
        Some(Col::No)
    } else {
        None
    }
}

fn hasil_header(cells: &[Cell]) -> Option<Vec<Option<Col>>> {
    let columns: Vec<Option<Col>> = cells.iter().map(|c| column_of(&c.text)).collect();
    (columns.contains(&Some(Col::Rhk)) && columns.contains(&Some(Col::Indikator))).then_some(columns)
}

fn perilaku_header(cells: &[Cell]) -> Option<Vec<Option<PCol>>> {
    let columns: Vec<Option<PCol>> = cells
        .iter()
        .map(|c| {
            let w = words(&c.text);
            if w.iter().any(|x| x == "ekspektasi") {
                Some(PCol::Ekspektasi)
            } else if w.iter().any(|x| x == "perilaku") {
                Some(PCol::Perilaku)
            } else {
                None
            }
        })
        .collect();
    (columns.contains(&Some(PCol::Ekspektasi)) && columns.contains(&Some(PCol::Perilaku))).then_some(columns)
}

/// A body is an SKP when it holds an SKP heading or a hasil kerja table (and no IKI heading without one).
pub fn is_skp(body: &Body) -> bool {
    let mut signs = SkpSigns::default();
    body.blocks.iter().for_each(|block| signs.see(block));
    signs.is_skp()
}

/// What [`is_skp`] looks for, gathered block by block while a reader streams a body into the IKI layout.
#[derive(Clone, Debug, Default)]
pub struct SkpSigns {
    heading: bool,
    iki_heading: bool,
    hasil_table: bool,
}

impl SkpSigns {
    pub fn see(&mut self, block: &Block) {
        if self.hasil_table {
            return;
        }
        match block {
            Block::Paragraph(p) => {
                self.heading |= is_skp_title(&p.text);
                self.iki_heading |= header::is_title(&p.text);
            }
            Block::Table(t) => {
                if t.rows.iter().any(|r| hasil_header(&r.cells).is_some()) {
                    self.hasil_table = true;
                    return;
                }
                for row in &t.rows {
                    if let Some(text) = one_text(&row.cells) {
                        self.heading |= is_skp_title(text);
                    }
                }
            }
        }
    }

    /// The blocks seen are an SKP print.
    pub fn is_skp(&self) -> bool {
        self.hasil_table || (self.heading && !self.iki_heading)
    }
}

/// "SASARAN KINERJA PEGAWAI" as a heading (capitals, or a short line starting with it), not the lampiran's.
fn is_skp_title(text: &str) -> bool {
    let w = words(text);
    let upper = text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase);
    has_run(&w, &["sasaran", "kinerja", "pegawai"])
        && !w.iter().any(|x| x == "lampiran")
        && (upper || (w.len() <= 6 && w[0] == "sasaran"))
        && !text.contains(':')
}

/// The only text of a row (a full-width merged row, or a row with one filled cell).
fn one_text(cells: &[Cell]) -> Option<&str> {
    let mut texts = cells.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty());
    let first = texts.next()?;
    texts.all(|t| t == first).then_some(first)
}

/// What a heading line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Heading {
    Title,
    LampiranTitle,
    HasilKerja,
    Perilaku,
    Section(&'static str),
    List(usize),
}

fn heading(text: &str) -> Option<Heading> {
    if is_skp_title(text) {
        return Some(Heading::Title);
    }
    let w = words(header_text(text));
    let only = |allowed: &[&str]| !w.is_empty() && w.iter().all(|x| allowed.contains(&x.as_str()));
    if w.first().is_some_and(|x| x == "lampiran") && w.len() <= 6 {
        return Some(Heading::LampiranTitle);
    }
    if only(&["hasil", "kerja"]) && w.len() == 2 {
        return Some(Heading::HasilKerja);
    }
    if only(&["perilaku", "kerja"]) && w.iter().any(|x| x == "perilaku") {
        return Some(Heading::Perilaku);
    }
    let section = ["hasil", "kerja", "rhk", "rencana", "utama", "tambahan"];
    if only(&section) && w.len() <= 4 {
        if w.iter().any(|x| x == "utama") {
            return Some(Heading::Section("utama"));
        }
        if w.iter().any(|x| x == "tambahan") {
            return Some(Heading::Section("tambahan"));
        }
    }
    if has_run(&w, &["dukungan", "sumber", "daya"]) && w.len() <= 4 {
        return Some(Heading::List(0));
    }
    if (has_run(&w, &["skema", "pertanggungjawaban"]) || has_run(&w, &["skema", "pertanggung", "jawaban"]))
        && w.len() <= 4
    {
        return Some(Heading::List(1));
    }
    if w.first().is_some_and(|x| x == "konsekuensi") && w.len() <= 2 {
        return Some(Heading::List(2));
    }
    None
}

/// A heading without its numbering ("A. Utama", "II. PERILAKU KERJA") or a trailing colon.
fn header_text(text: &str) -> &str {
    let t = text.trim().trim_end_matches(':').trim();
    match t.split_once(['.', ')']) {
        Some((mark, rest))
            if !mark.is_empty()
                && mark.len() <= 4
                && mark.chars().all(|c| c.is_ascii_alphanumeric())
                && (mark.len() == 1 || mark.chars().all(|c| c.is_ascii_digit() || "IVX".contains(c)))
                && rest.starts_with(' ') =>
        {
            rest.trim()
        }
        _ => t,
    }
}

/// Which person an identity cell heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Pegawai,
    Penilai,
    Atasan,
}

fn who(text: &str) -> Option<Who> {
    let w = words(header_text(text));
    let has = |x: &str| w.iter().any(|y| y == x);
    if w.len() > 6 {
        return None;
    }
    if has("atasan") && has("penilai") {
        Some(Who::Atasan)
    } else if has("dinilai") {
        Some(Who::Pegawai)
    } else if has("penilai") && has("pejabat") {
        Some(Who::Penilai)
    } else {
        None
    }
}

/// A field label of the identity table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Nama,
    Nip,
    Pangkat,
    Jabatan,
    Unit,
}

fn field(text: &str) -> Option<Field> {
    let w = words(header_text(text));
    let has = |x: &str| w.iter().any(|y| y == x);
    if w.len() > 4 {
        return None;
    }
    match w.first().map(String::as_str) {
        Some("nama") if w.len() == 1 => Some(Field::Nama),
        // "NIP. -" or "NIP. 1968…" is a signer's line, not the label.
        Some("nip") if w.len() == 1 && !text.contains(['.', '-']) => Some(Field::Nip),
        Some("pangkat") | Some("golongan") => Some(Field::Pangkat),
        Some("jabatan") if w.len() == 1 => Some(Field::Jabatan),
        Some("unit") if has("kerja") || w.len() == 1 => Some(Field::Unit),
        _ => None,
    }
}

/// The BerAKHLAK value a perilaku cell names in its first line.
fn berakhlak(text: &str) -> Option<&'static str> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let w = words(header_text(first));
    if w.len() > 4 {
        return None;
    }
    let has = |x: &str| w.iter().any(|y| y == x);
    let found = if has("berorientasi") || (has("pelayanan") && w.len() <= 2) {
        "berorientasi-pelayanan"
    } else {
        crate::skp::BERAKHLAK
            .iter()
            .copied()
            .find(|id| !id.contains('-') && has(id))?
    };
    Some(found)
}

/// An aspek as written, in its schema word when it is one.
fn aspek(value: Value) -> Value {
    let w = words(&value.text);
    let known = crate::skp::ASPEK.iter().find(|a| w.iter().any(|x| x == *a));
    match known {
        Some(a) => Value::new(*a, value.origin),
        None => Value::new(value.text.trim().to_lowercase(), value.origin),
    }
}

/// A printed target split into the number and its satuan: "12 dokumen" → ("12", "dokumen"), "100 %" → ("100",
/// "persen"), "100%" likewise; a target without a leading number is kept whole.
pub fn split_target(text: &str) -> (String, Option<String>) {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = t
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || ((c == ',' || c == '.') && i > 0)))
        .map_or(t.len(), |(i, _)| i);
    let number = t[..end].trim_end_matches([',', '.']);
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return (t, None);
    }
    let rest = t[number.len()..].trim();
    let satuan = match rest {
        "" => None,
        "%" => Some("persen".to_string()),
        other => Some(other.to_string()),
    };
    (number.to_string(), satuan)
}

/// "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2023" → the two dates as `YYYY-MM-DD` and the year.
pub fn periode(text: &str) -> Option<(String, String, i64)> {
    let tokens: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    let year = tokens
        .iter()
        .rev()
        .find_map(|t| header::year_of(t).filter(|_| t.len() == 4))?;
    let mut dates: Vec<(u32, u32, Option<i64>)> = Vec::new();
    for i in 1..tokens.len() {
        let Some(month) = month_of(&tokens[i]) else { continue };
        let Ok(day) = tokens[i - 1].parse::<u32>() else {
            continue;
        };
        let own_year = tokens
            .get(i + 1)
            .and_then(|t| header::year_of(t).filter(|_| t.len() == 4));
        dates.push((day, month, own_year));
    }
    let [(d1, m1, y1), (d2, m2, y2)] = dates.as_slice() else {
        return None;
    };
    let date = |d: u32, m: u32, y: i64| -> Option<String> {
        let y32 = i32::try_from(y).ok()?;
        crate::nip::Date::new(y32, m, d).map(|_| format!("{y:04}-{m:02}-{d:02}"))
    };
    let end_year = y2.unwrap_or(year);
    Some((
        date(*d1, *m1, y1.unwrap_or(end_year))?,
        date(*d2, *m2, end_year)?,
        end_year,
    ))
}

/// A month's number from its Indonesian name or a three-letter (or "agt"/"sept") abbreviation.
fn month_of(token: &str) -> Option<u32> {
    let names = crate::office::xlsx::MONTHS_ID;
    if let Some(i) = names.iter().position(|m| m.eq_ignore_ascii_case(token)) {
        return Some(i as u32 + 1);
    }
    let short = match token {
        "agt" | "ags" => return Some(8),
        "sept" => return Some(9),
        t if t.len() == 3 => t,
        _ => return None,
    };
    names
        .iter()
        .position(|m| m.to_lowercase().starts_with(short))
        .map(|i| i as u32 + 1)
}

/// The part of the print the rows being read belong to.
#[derive(Clone, Debug)]
enum Mode {
    Start,
    Identity,
    Hasil {
        columns: Vec<Option<Col>>,
        headers: Vec<String>,
        offset: Option<i64>,
    },
    Perilaku {
        columns: Option<Vec<Option<PCol>>>,
    },
    Lampiran,
}

struct State {
    print: SkpPrint,
    mode: Mode,
    jenis: Option<&'static str>,
    list: Option<usize>,
    /// Per grid column of the identity table: which person its cells describe.
    sections: Vec<Option<Who>>,
    /// Lines after a table that are not a heading: a signature block, or text not placed.
    tail: Vec<Line>,
    signatures: Vec<signature::Signature>,
    /// The table being read has identity rows (a person's heading and field labels such as Nama, NIP).
    identity_table: bool,
}

/// The SKP print in `body`; `notes` are the reader's.
pub fn recognise(body: &Body, notes: Vec<Note>) -> SkpPrint {
    let mut state = State {
        print: SkpPrint {
            notes,
            ..SkpPrint::default()
        },
        mode: Mode::Start,
        jenis: None,
        list: None,
        sections: Vec::new(),
        tail: Vec::new(),
        signatures: Vec::new(),
        identity_table: false,
    };
    for block in &body.blocks {
        match block {
            Block::Paragraph(p) => state.line(Line {
                text: p.text.clone(),
                origin: p.origin.clone(),
                numeric: p.numeric,
            }),
            Block::Table(t) => state.table(t),
        }
    }
    state.close_tail();
    state.finish();
    state.print
}

/// The column of an Excel grid cell from its reference ("C7" → 2), to line up the parts of a sheet's table.
fn excel_column(origin: &Origin) -> Option<i64> {
    let cell = origin.cell?;
    origin.sheet.is_some().then_some(i64::from(cell.column))
}

/// Where a table's first grid column is in its sheet (Excel), from a cell that carries its own text.
fn grid_offset(table: &Table) -> Option<i64> {
    table.rows.iter().find_map(|r| {
        r.cells
            .iter()
            .enumerate()
            .find(|(_, c)| !c.merged && !c.text.trim().is_empty())
            .and_then(|(i, c)| Some(excel_column(&c.origin)? - i as i64))
    })
}

impl State {
    fn not_placed(&mut self, value: Value) {
        self.print.notes.push(not_placed_note(&value));
        self.print.unplaced.push(value);
    }

    /// A paragraph, or the only text of a row.
    fn line(&mut self, line: Line) {
        if let Some(h) = heading(&line.text) {
            self.close_tail();
            self.heading(h, &line);
            return;
        }
        let w = words(&line.text);
        let start = matches!(self.mode, Mode::Start);
        let labelled = |label: &str| w.first().is_some_and(|x| x == label);
        if (labelled("periode") || (start && self.print.mulai.is_none()))
            && let Some((mulai, selesai, tahun)) = periode(&line.text)
        {
            self.print.mulai = Some(Value::new(mulai, line.origin.clone()));
            self.print.selesai = Some(Value::new(selesai, line.origin.clone()));
            self.print.tahun = Some((tahun, line.origin.clone()));
            self.print.title.push(line.value());
            return;
        }
        if (labelled("pendekatan") || start)
            && let Some(p) = ["kuantitatif", "kualitatif"]
                .into_iter()
                .find(|p| w.iter().any(|x| x == p))
        {
            self.print.pendekatan = Some(Value::new(p, line.origin.clone()));
            self.print.title.push(line.value());
            return;
        }
        match self.mode {
            Mode::Start if header::is_upper(&line.text) => self.print.title.push(line.value()),
            Mode::Lampiran if self.list.is_some() && self.tail.is_empty() && !is_signature_line(&line) => {
                if let Some(entry) = header::list_entry(&line.text) {
                    let list = self.list.expect("checked");
                    self.print.lampiran[list].push(Value::new(entry, line.origin.clone()));
                }
            }
            _ => self.tail.push(line),
        }
    }

    fn heading(&mut self, h: Heading, line: &Line) {
        match h {
            Heading::Title => {
                self.print.title.push(line.value());
                if let Some(p) = ["kuantitatif", "kualitatif"]
                    .into_iter()
                    .find(|p| words(&line.text).iter().any(|x| x == p))
                {
                    self.print.pendekatan = Some(Value::new(p, line.origin.clone()));
                }
            }
            Heading::LampiranTitle => {
                self.mode = Mode::Lampiran;
                self.list = None;
            }
            Heading::HasilKerja => {}
            Heading::Perilaku => self.mode = Mode::Perilaku { columns: None },
            Heading::Section(jenis) => self.jenis = Some(jenis),
            Heading::List(n) => {
                self.mode = Mode::Lampiran;
                self.list = Some(n);
            }
        }
    }

    fn table(&mut self, table: &Table) {
        // A signature table names the same roles as the identity table, but holds no field labels.
        let any_cell = |f: &dyn Fn(&Cell) -> bool| table.rows.iter().any(|r| r.cells.iter().any(f));
        self.identity_table =
            any_cell(&|c| who(&c.text).is_some()) && any_cell(&|c| !c.merged && field(&c.text).is_some());
        let has_header = self.identity_table
            || table.rows.iter().any(|r| {
                hasil_header(&r.cells).is_some()
                    || perilaku_header(&r.cells).is_some()
                    || one_text(&r.cells).and_then(heading).is_some()
            });
        if !has_header {
            let lines = super::table::lines_by_column(table);
            if signature::looks_like(&lines) || lines.iter().any(|l| signature::is_role_label(&l.text)) {
                self.tail.extend(lines);
                return;
            }
        }
        // A table without a header continues the hasil kerja table only where its columns line up.
        if !has_header && let Mode::Hasil { columns, offset, .. } = &self.mode {
            let fits = match (offset, grid_offset(table)) {
                (Some(a), Some(b)) => *a == b,
                _ => table.rows.iter().all(|r| r.cells.len() == columns.len()),
            };
            if !fits {
                let shift = offset.zip(grid_offset(table)).map(|(a, b)| b - a);
                match shift.filter(|s| *s > 0) {
                    Some(shift) => self.hasil_rows(table, shift as usize),
                    // Read under columns it does not have, its cells would land in the wrong keys: kept as text.
                    None => {
                        self.close_tail();
                        for row in &table.rows {
                            self.row_not_placed(&row.cells);
                        }
                    }
                }
                return;
            }
        }
        self.close_tail();
        for row in &table.rows {
            self.row(&row.cells, table);
        }
    }

    /// The rows of an Excel table that starts `shift` columns right of its header: each row padded on the left.
    fn hasil_rows(&mut self, table: &Table, shift: usize) {
        self.close_tail();
        for row in &table.rows {
            let mut cells: Vec<Cell> = (0..shift)
                .map(|_| Cell {
                    text: String::new(),
                    merged: false,
                    origin: Origin::default(),
                    numeric: false,
                })
                .collect();
            cells.extend(row.cells.iter().cloned());
            self.row(&cells, table);
        }
    }

    fn row(&mut self, cells: &[Cell], table: &Table) {
        if let Some(text) = one_text(cells)
            && let Some(h) = heading(text)
        {
            let origin = cells.iter().find(|c| !c.merged).unwrap_or(&cells[0]).origin.clone();
            self.heading(
                h,
                &Line {
                    text: text.to_string(),
                    origin,
                    numeric: false,
                },
            );
            return;
        }
        if let Some(columns) = hasil_header(cells) {
            let headers: Vec<String> = cells.iter().map(|c| c.text.replace('\n', " ")).collect();
            for (at, column) in columns.iter().enumerate() {
                if column.is_none() && !headers[at].trim().is_empty() && !cells[at].merged {
                    let mut origin = cells[at].origin.clone();
                    origin.column = Some(SharedName::new(headers[at].clone()));
                    self.print
                        .notes
                        .push(Note::new(NoteKind::UnknownColumn, origin, &[("column", &headers[at])]));
                }
            }
            self.print.jpt |= columns.contains(&Some(Col::Perspektif));
            self.mode = Mode::Hasil {
                columns,
                headers,
                offset: grid_offset(table),
            };
            return;
        }
        if let Some(columns) = perilaku_header(cells) {
            self.mode = Mode::Perilaku { columns: Some(columns) };
            return;
        }
        if self.identity_table && cells.iter().any(|c| who(&c.text).is_some()) {
            self.mode = Mode::Identity;
            self.sections = vec![None; cells.len()];
            let mut current = None;
            for (i, cell) in cells.iter().enumerate() {
                if let Some(w) = who(&cell.text) {
                    current = Some(w);
                }
                self.sections[i] = current;
            }
            return;
        }
        if super::table::is_numbering(cells) || cells.iter().all(|c| c.text.trim().is_empty()) {
            return;
        }
        match self.mode.clone() {
            Mode::Identity => self.identity_row(cells),
            Mode::Hasil { columns, headers, .. } => self.hasil_row(cells, &columns, &headers),
            Mode::Perilaku { columns } => self.perilaku_row(cells, columns.as_deref()),
            Mode::Lampiran => match self.list {
                Some(list) => {
                    let text = content_text(cells);
                    if let Some(text) = text {
                        self.print.lampiran[list].push(text);
                    }
                }
                None => self.row_not_placed(cells),
            },
            Mode::Start => {
                if let Some(text) = one_text(cells) {
                    let origin = cells.iter().find(|c| !c.merged).unwrap_or(&cells[0]).origin.clone();
                    self.line(Line {
                        text: text.to_string(),
                        origin,
                        numeric: false,
                    });
                } else {
                    self.row_not_placed(cells);
                }
            }
        }
    }

    fn row_not_placed(&mut self, cells: &[Cell]) {
        let text = cells
            .iter()
            .filter(|c| !c.merged && !c.text.trim().is_empty())
            .map(|c| c.text.replace('\n', " "))
            .collect::<Vec<_>>()
            .join(" | ");
        if text.is_empty() {
            return;
        }
        let origin = cells.iter().find(|c| !c.merged).unwrap_or(&cells[0]).origin.clone();
        self.not_placed(Value::new(text, origin));
    }

    fn identity_row(&mut self, cells: &[Cell]) {
        let mut i = 0;
        let mut placed_any = false;
        while i < cells.len() {
            let Some(f) = field(&cells[i].text).filter(|_| !cells[i].merged) else {
                i += 1;
                continue;
            };
            // A label left without a value (an empty row of the form) loses nothing.
            placed_any = true;
            let label = cells[i].text.clone();
            let mut j = i + 1;
            // The label's own merged cells, and a ":" column, are skipped.
            while j < cells.len() && ((cells[j].merged && cells[j].text == label) || cells[j].text.trim() == ":") {
                j += 1;
            }
            let section = self.sections.get(i).copied().flatten();
            if let (Some(cell), Some(who)) = (cells.get(j), section) {
                let text = cell.text.trim().trim_start_matches(':').trim();
                if !text.is_empty() && text != "-" {
                    if cell.numeric && f == Field::Nip {
                        self.print
                            .notes
                            .push(Note::new(NoteKind::NipAsNumber, cell.origin.clone(), &[("nip", text)]));
                    }
                    let value = Value::new(super::table::one_line_text(text), cell.origin.clone());
                    let person = self.person(who);
                    let slot = match f {
                        Field::Nama => &mut person.nama,
                        Field::Nip => &mut person.nip,
                        Field::Pangkat => &mut person.pangkat,
                        Field::Jabatan => &mut person.jabatan,
                        Field::Unit => &mut person.unit,
                    };
                    if slot.is_none() {
                        *slot = Some(value);
                    }
                }
            }
            i = j + 1;
        }
        if !placed_any {
            self.row_not_placed(cells);
        }
    }

    fn person(&mut self, who: Who) -> &mut Person {
        match who {
            Who::Pegawai => &mut self.print.pegawai,
            Who::Penilai => &mut self.print.penilai,
            Who::Atasan => self.print.atasan_penilai.get_or_insert_with(Person::default),
        }
    }

    fn hasil_row(&mut self, cells: &[Cell], columns: &[Option<Col>], headers: &[String]) {
        let cell = |col: Col| -> Option<(&Cell, usize)> {
            let at = columns.iter().position(|c| *c == Some(col))?;
            cells.get(at).map(|c| (c, at))
        };
        let value = |col: Col| -> Option<Value> {
            let (c, at) = cell(col)?;
            let text = super::table::one_line_text(&c.text);
            if text.is_empty() || text == "-" {
                return None;
            }
            let mut origin = c.origin.clone();
            origin.column = Some(SharedName::new(headers[at].clone()));
            Some(Value::new(text, origin))
        };
        let uraian = value(Col::Rhk);
        let starts = match (&uraian, self.print.rhk.last()) {
            (Some(u), Some(last)) => u.text != last.uraian.text || last.jenis != self.jenis,
            (Some(_), None) => true,
            (None, last) => last.is_none(),
        };
        if starts {
            self.print.rhk.push(PrintedRhk {
                jenis: self.jenis,
                uraian: uraian.unwrap_or_default(),
                intervensi: value(Col::Intervensi),
                perspektif: value(Col::Perspektif),
                indikator: Vec::new(),
            });
        }
        let rhk = self.print.rhk.last_mut().expect("pushed above");
        if rhk.intervensi.is_none() {
            rhk.intervensi = value(Col::Intervensi);
        }
        let mut indikator = PrintedIndikator {
            aspek: value(Col::Aspek).map(aspek),
            uraian: value(Col::Indikator).unwrap_or_default(),
            target: None,
            satuan: value(Col::Satuan),
        };
        if let Some(target) = value(Col::Target) {
            let (number, satuan) = split_target(&target.text);
            if indikator.satuan.is_none() {
                indikator.satuan = satuan.map(|s| Value::new(s, target.origin.clone()));
            }
            indikator.target = Some(Value::new(number, target.origin));
        }
        let empty = indikator.uraian.text.is_empty() && indikator.target.is_none() && indikator.aspek.is_none();
        if !empty {
            rhk.indikator.push(indikator);
        }
        // Cells past the header's width (a row longer than the header) are kept and reported.
        for c in cells
            .iter()
            .skip(columns.len())
            .filter(|c| !c.merged && !c.text.trim().is_empty())
        {
            self.not_placed(Value::new(super::table::one_line_text(&c.text), c.origin.clone()));
        }
        for (at, column) in columns.iter().enumerate() {
            if column.is_none()
                && let Some(c) = cells.get(at).filter(|c| !c.merged && !c.text.trim().is_empty())
            {
                let mut origin = c.origin.clone();
                origin.column = Some(SharedName::new(headers[at].clone()));
                let text = format!("{}: {}", headers[at].trim(), super::table::one_line_text(&c.text));
                // Reported once, at the column's header (S009).
                self.print.unplaced.push(Value::new(text, origin));
            }
        }
    }

    fn perilaku_row(&mut self, cells: &[Cell], columns: Option<&[Option<PCol>]>) {
        let at = match columns {
            Some(columns) => columns.iter().position(|c| *c == Some(PCol::Perilaku)),
            None => cells.iter().position(|c| berakhlak(&c.text).is_some()),
        };
        let Some(id) = at.and_then(|a| cells.get(a)).and_then(|c| berakhlak(&c.text)) else {
            self.row_not_placed(cells);
            return;
        };
        let at = at.expect("found above");
        let own = &cells[at];
        let ekspektasi_at = match columns {
            Some(columns) => columns.iter().position(|c| *c == Some(PCol::Ekspektasi)),
            None => (at + 1..cells.len()).find(|&i| !cells[i].text.trim().is_empty() && cells[i].text != own.text),
        };
        let value = match ekspektasi_at.and_then(|i| cells.get(i)) {
            Some(c) => {
                let text = super::table::one_line_text(&c.text);
                let text = strip_label(&text);
                Value::new(text, c.origin.clone())
            }
            None => Value::new("", own.origin.clone()),
        };
        if self.print.perilaku.iter().any(|(a, _)| *a == id) {
            self.row_not_placed(cells);
            return;
        }
        self.print.perilaku.push((id, value));
    }

    /// The lines kept after a table: a signature block, or text not placed.
    fn close_tail(&mut self) {
        let tail = std::mem::take(&mut self.tail);
        if tail.is_empty() {
            return;
        }
        if !signature::looks_like(&tail) {
            for line in tail {
                self.not_placed(line.value());
            }
            return;
        }
        let read = signature::read(&tail);
        self.print.notes.extend(read.notes);
        if self.print.tempat_tanggal.is_none() {
            self.print.tempat_tanggal = read.signature.tempat_tanggal.clone();
        }
        for value in read.unplaced {
            self.not_placed(value);
        }
        self.signatures.push(read.signature);
    }

    /// The signature blocks fill in what the identity table left out; the title gives the year when the period
    /// does not.
    fn finish(&mut self) {
        for signature in std::mem::take(&mut self.signatures) {
            // In an SKP the superior who signs is the pejabat penilai kinerja.
            for (signer, person) in [
                (signature.pegawai, &mut self.print.pegawai),
                (signature.atasan, &mut self.print.penilai),
            ] {
                let Some(signer) = signer else { continue };
                fill(person, signer);
            }
        }
        if self.print.tahun.is_none() {
            let year = self.print.title.iter().find_map(|v| {
                v.text
                    .split_whitespace()
                    .find_map(header::year_of)
                    .map(|y| (y, v.origin.clone()))
            });
            self.print.tahun = year;
        }
    }
}

fn fill(person: &mut Person, signer: Signer) {
    let named = |v: &Option<Value>| v.as_ref().filter(|v| !crate::nip::is_placeholder(&v.text)).cloned();
    if person.nama.is_none() {
        person.nama = named(&signer.nama);
    }
    if person.nip.is_none() {
        person.nip = named(&signer.nip);
    }
    if person.jabatan.is_none() {
        person.jabatan = signer.jabatan;
    }
}

/// A line that starts a signature block rather than continuing a list: an NIP, or a place and a date.
fn is_signature_line(line: &Line) -> bool {
    signature::looks_like(std::slice::from_ref(line)) || signature::is_place_date(&line.text)
}

/// "Ekspektasi Khusus Pimpinan: …" without its label.
fn strip_label(text: &str) -> String {
    match text.split_once(':') {
        Some((label, rest)) if words(label).iter().any(|w| w == "ekspektasi") => rest.trim().to_string(),
        _ => text.to_string(),
    }
}

/// A lampiran row's text: its cells that are not a number, joined.
fn content_text(cells: &[Cell]) -> Option<Value> {
    let parts: Vec<&Cell> = cells
        .iter()
        .filter(|c| !c.merged && !c.text.trim().is_empty())
        .filter(|c| {
            !c.text
                .trim()
                .trim_end_matches(['.', ')'])
                .chars()
                .all(|ch| ch.is_ascii_digit())
        })
        .collect();
    let first = parts.first()?;
    let text = parts
        .iter()
        .map(|c| super::table::one_line_text(&c.text))
        .collect::<Vec<_>>()
        .join(" ");
    header::list_entry(&text).map(|t| Value::new(t, first.origin.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_number_and_satuan() {
        assert_eq!(split_target("12 dokumen"), ("12".into(), Some("dokumen".into())));
        assert_eq!(split_target("100 %"), ("100".into(), Some("persen".into())));
        assert_eq!(split_target("100%"), ("100".into(), Some("persen".into())));
        assert_eq!(
            split_target("12  rekap bulanan"),
            ("12".into(), Some("rekap bulanan".into()))
        );
        assert_eq!(split_target("82"), ("82".into(), None));
        assert_eq!(split_target("3,5 hari"), ("3,5".into(), Some("hari".into())));
        assert_eq!(split_target("Sesuai SOP"), ("Sesuai SOP".into(), None));
    }

    #[test]
    fn periods_are_read_in_their_printed_variants() {
        let full = ("2023-01-01".to_string(), "2023-12-31".to_string(), 2023);
        assert_eq!(
            periode("PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2023"),
            Some(full.clone())
        );
        assert_eq!(
            periode("Periode Penilaian : 01 Januari 2023 s.d. 31 Desember 2023"),
            Some(full.clone())
        );
        assert_eq!(periode("periode 1 Jan - 31 Des 2023"), Some(full));
        assert_eq!(
            periode("PERIODE PENILAIAN: 1 JULI SD 31 DESEMBER 2024"),
            Some(("2024-07-01".into(), "2024-12-31".into(), 2024))
        );
        assert_eq!(periode("PERIODE PENILAIAN: 31 FEBRUARI SD 31 DESEMBER 2023"), None);
        assert_eq!(periode("TAHUN 2023"), None);
    }

    #[test]
    fn headers_and_headings_by_meaning() {
        assert_eq!(column_of("RHK Pimpinan yang Diintervensi"), Some(Col::Intervensi));
        assert_eq!(
            column_of("RENCANA HASIL KERJA ATASAN YANG DIINTERVENSI"),
            Some(Col::Intervensi)
        );
        assert_eq!(column_of("Rencana Hasil Kerja"), Some(Col::Rhk));
        assert_eq!(column_of("INDIKATOR KINERJA INDIVIDU"), Some(Col::Indikator));
        assert_eq!(column_of("Aspek"), Some(Col::Aspek));
        assert_eq!(column_of("Keterangan"), None);
        assert_eq!(heading("A. Utama"), Some(Heading::Section("utama")));
        assert_eq!(heading("B. HASIL KERJA TAMBAHAN"), Some(Heading::Section("tambahan")));
        assert_eq!(heading("PERILAKU KERJA"), Some(Heading::Perilaku));
        assert_eq!(
            heading("LAMPIRAN SASARAN KINERJA PEGAWAI"),
            Some(Heading::LampiranTitle)
        );
        assert_eq!(heading("SASARAN KINERJA PEGAWAI"), Some(Heading::Title));
        assert_eq!(heading("Menyusun sasaran kinerja pegawai bawahan"), None);
        assert_eq!(who("PEJABAT PENILAI KINERJA"), Some(Who::Penilai));
        assert_eq!(who("ATASAN PEJABAT PENILAI KINERJA"), Some(Who::Atasan));
        assert_eq!(who("PEGAWAI YANG DINILAI"), Some(Who::Pegawai));
        assert_eq!(field("PANGKAT/GOL RUANG"), Some(Field::Pangkat));
        assert_eq!(field("UNIT KERJA"), Some(Field::Unit));
        assert_eq!(
            berakhlak("Berorientasi Pelayanan\n- Memahami dan memenuhi kebutuhan masyarakat"),
            Some("berorientasi-pelayanan")
        );
        assert_eq!(berakhlak("6. ADAPTIF"), Some("adaptif"));
        assert_eq!(berakhlak("Menjaga hubungan harmonis dengan rekan kerja"), None);
    }
}
