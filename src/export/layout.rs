//! What an exported IKI prints, independent of the file format: per position the header items, the table with
//! its sasaran groups and the signature block, in the layout offices print (SPEC.md section 7, the seeds). The
//! DOCX and XLSX writers only place these texts; neither decides what is printed.
//!
//! The printed words (title, item labels, column headers, `NIP.`) are the official document's Indonesian, not
//! messages of the tool: they do not follow `--lang`.

use crate::model::{Document, Jabatan, Person, Signer, Text};

pub const TITLE: &str = "INDIKATOR KINERJA INDIVIDU";

pub use crate::office::Column;

impl Column {
    pub fn header(self) -> &'static str {
        match self {
            Column::No => "NO",
            Column::Sasaran => "SASARAN KINERJA",
            Column::Indikator => "INDIKATOR KINERJA",
            Column::Formula => "FORMULASI PERHITUNGAN/ PENJELASAN",
            Column::Satuan => "SATUAN",
            Column::Target => "TARGET",
            Column::SumberData => "SUMBER DATA",
        }
    }

    /// The column's share of the table's width, in relative units: the text columns get the room.
    pub fn weight(self) -> u32 {
        match self {
            Column::No => 6,
            Column::Sasaran => 22,
            Column::Indikator => 24,
            Column::Formula => 30,
            Column::Satuan => 12,
            Column::Target => 12,
            Column::SumberData => 20,
        }
    }
}

/// The whole printed document: one [`Section`] per position, in the order of the YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    /// The heading over each position: "INDIKATOR KINERJA INDIVIDU", the unit in capitals, "TAHUN 2024" (the
    /// lines a document has). One block of text, as offices print it, so that a reader takes it as one heading.
    pub heading: String,
    pub sections: Vec<Section>,
}

/// One position's page(s).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The position's title as written (also the XLSX sheet's name).
    pub title: String,
    pub items: Vec<HeaderItem>,
    pub columns: Vec<Column>,
    pub groups: Vec<Group>,
    /// `None` for a position with neither `tanda_tangan` nor `pemangku`: nobody to print, and a block of blank
    /// lines would read back as a signature that the YAML does not have.
    pub signature: Option<Signature>,
}

/// A numbered header item: "1. JABATAN : Camat", or "2. TUGAS :" followed by its numbered list ("-" when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderItem {
    pub number: usize,
    pub label: &'static str,
    pub value: ItemValue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemValue {
    Inline(String),
    List(Vec<String>),
}

impl HeaderItem {
    /// The item's own line: "1. JABATAN : Camat", "2. TUGAS :", "3. FUNGSI : -".
    pub fn line(&self) -> String {
        let head = format!("{}. {} :", self.number, self.label);
        match &self.value {
            ItemValue::Inline(text) => format!("{head} {text}"),
            ItemValue::List(list) if list.is_empty() => format!("{head} -"),
            ItemValue::List(_) => head,
        }
    }

    /// The lines printed under the item: its list entries, numbered "1.", "2.", … A number, unlike a dash, keeps
    /// an entry that starts in lower case after one ending in "dan" from reading as that entry's continuation.
    pub fn entries(&self) -> Vec<String> {
        match &self.value {
            ItemValue::List(list) => list
                .iter()
                .enumerate()
                .map(|(index, entry)| format!("{}. {entry}", index + 1))
                .collect(),
            ItemValue::Inline(_) => Vec::new(),
        }
    }
}

/// A sasaran with its indicators: NO and SASARAN are printed once, merged over the indicators' rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// "1.", "2.", … by the sasaran's place in the position.
    pub number: String,
    pub sasaran: String,
    /// One row per indicator (one empty row for a sasaran without any, so the sasaran is still printed).
    pub rows: Vec<Row>,
}

/// An indicator's row: for each column after SASARAN, its lines (several only for SUMBER DATA).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Vec<String>>,
}

/// The signature block: the superior on the left, the holder on the right under the place and date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    pub place_date: String,
    pub atasan: SignerLines,
    pub pegawai: SignerLines,
}

/// A signer's printed lines; an absent field is empty, and the NIP line is empty when there is no NIP.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignerLines {
    pub jabatan: String,
    pub nama: String,
    /// "NIP. 19680125 198611 1 001", or empty.
    pub nip: String,
}

fn text(value: &Option<Text>) -> String {
    value.as_ref().map(|t| t.value.to_string()).unwrap_or_default()
}

fn texts(values: &[Text]) -> Vec<String> {
    values.iter().map(|t| t.value.to_string()).collect()
}

/// "NIP. 19680125 198611 1 001"; an NIP written with its label (a blank "Nip." of an unfilled copy) as written.
fn nip_line(nip: &Option<Text>) -> String {
    match nip.as_ref().map(|n| n.value.trim()) {
        Some(nip) if nip.get(..3).is_some_and(|label| label.eq_ignore_ascii_case("nip")) => nip.to_string(),
        Some(nip) if !nip.is_empty() => format!("NIP. {nip}"),
        _ => String::new(),
    }
}

impl SignerLines {
    fn of_signer(signer: &Signer) -> Self {
        SignerLines {
            jabatan: text(&signer.jabatan),
            nama: text(&signer.nama),
            nip: nip_line(&signer.nip),
        }
    }

    /// A position's title with its holder: the block printed when the YAML has no `tanda_tangan`.
    fn of_position(jabatan: &Jabatan) -> Self {
        let holder = jabatan.pemangku.as_ref();
        SignerLines {
            jabatan: text(&jabatan.nama),
            nama: holder.map(|p: &Person| text(&p.nama)).unwrap_or_default(),
            nip: holder.map(|p| nip_line(&p.nip)).unwrap_or_default(),
        }
    }
}

/// The printed form of `document`.
pub fn of_document(document: &Document) -> Printed {
    let dokumen = document.dokumen.as_ref();
    let unit = dokumen.map(|d| text(&d.unit)).unwrap_or_default();
    let year = document.tahun().map(|y| format!("TAHUN {y}"));
    let heading = [Some(TITLE.to_string()), Some(unit.trim().to_uppercase()), year]
        .into_iter()
        .flatten()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let place = place_line(document);
    Printed {
        heading,
        sections: document
            .jabatan
            .iter()
            .map(|jabatan| section(document, jabatan, &place))
            .collect(),
    }
}

/// The place line of a block whose YAML has no `tempat_tanggal`: `dokumen.tempat`, a comma, room to write the day
/// and month by hand, and the year ("Sukamaju,              2024"), as unfilled copies are printed.
fn place_line(document: &Document) -> String {
    let place = document.dokumen.as_ref().map(|d| text(&d.tempat)).unwrap_or_default();
    match (place.trim(), document.tahun()) {
        ("", _) => String::new(),
        (place, Some(year)) => format!("{place},{:14}{year}", ""),
        (place, None) => place.to_string(),
    }
}

fn section(document: &Document, jabatan: &Jabatan, place: &str) -> Section {
    let title = text(&jabatan.nama);
    let items = vec![
        HeaderItem {
            number: 1,
            label: "JABATAN",
            value: ItemValue::Inline(title.clone()),
        },
        HeaderItem {
            number: 2,
            label: "TUGAS",
            value: ItemValue::List(texts(&jabatan.tugas)),
        },
        HeaderItem {
            number: 3,
            label: "FUNGSI",
            value: ItemValue::List(texts(&jabatan.fungsi)),
        },
    ];
    let indicators = || jabatan.sasaran.iter().flat_map(|s| &s.indikator);
    let mut columns = vec![Column::No, Column::Sasaran, Column::Indikator, Column::Formula];
    if indicators().any(|i| i.satuan.is_some()) {
        columns.push(Column::Satuan);
    }
    if indicators().any(|i| i.target.is_some()) {
        columns.push(Column::Target);
    }
    columns.push(Column::SumberData);
    let groups = jabatan
        .sasaran
        .iter()
        .enumerate()
        .map(|(index, sasaran)| {
            let mut rows: Vec<Row> = sasaran
                .indikator
                .iter()
                .map(|indikator| Row {
                    cells: columns[2..]
                        .iter()
                        .map(|column| match column {
                            Column::Indikator => vec![text(&indikator.uraian)],
                            Column::Formula => vec![text(&indikator.formula)],
                            Column::Satuan => vec![text(&indikator.satuan)],
                            Column::Target => vec![text(&indikator.target)],
                            _ => texts(&indikator.sumber_data),
                        })
                        .collect(),
                })
                .collect();
            if rows.is_empty() {
                rows.push(Row {
                    cells: vec![Vec::new(); columns.len() - 2],
                });
            }
            Group {
                number: format!("{}.", index + 1),
                sasaran: text(&sasaran.uraian),
                rows,
            }
        })
        .collect();
    Section {
        title,
        items,
        columns,
        groups,
        signature: signature(document, jabatan, place),
    }
}

/// The block as the YAML writes it; without `tanda_tangan`, the holder (`pemangku`) and the direct superior of
/// the same document with its holder, so that the printed IKI can still be signed.
fn signature(document: &Document, jabatan: &Jabatan, place: &str) -> Option<Signature> {
    if let Some(block) = &jabatan.tanda_tangan {
        let place_date = block
            .tempat_tanggal
            .as_ref()
            .map(|t| t.value.to_string())
            .unwrap_or_else(|| place.to_string());
        return Some(Signature {
            place_date,
            atasan: block.atasan.as_ref().map(SignerLines::of_signer).unwrap_or_default(),
            pegawai: block.pegawai.as_ref().map(SignerLines::of_signer).unwrap_or_default(),
        });
    }
    jabatan.pemangku.as_ref()?;
    let superior = jabatan.atasan.as_ref().and_then(|reference| {
        document
            .jabatan
            .iter()
            .find(|other| other.id.as_ref().is_some_and(|id| id.value == reference.value))
    });
    Some(Signature {
        place_date: place.to_string(),
        atasan: superior.map(SignerLines::of_position).unwrap_or_default(),
        pegawai: SignerLines::of_position(jabatan),
    })
}
