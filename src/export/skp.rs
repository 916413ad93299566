//! What an exported SKP prints, in the layout of e-Kinerja's print that `ikilint import` reads back (SPEC.md
//! sections 6 and 7): the title with the approach and the period, the identity table (pegawai yang dinilai and
//! pejabat penilai kinerja side by side, the atasan pejabat penilai below), the hasil kerja table ("A. Utama"/"B.
//! Tambahan" rows, an RHK's No, superior RHK and text merged down its indicator rows, a JPT's Perspektif), the
//! perilaku kerja table, the signature block and the lampiran. The superior RHK is printed as its text, as
//! e-Kinerja prints it: the RHK that `intervensi` names in the SKPs (or IKI documents) exported with it.
//!
//! The printed words are the official form's Indonesian, not messages of the tool: they do not follow `--lang`.

use crate::model::{Document, Text};
use crate::skp::{SkpDocument, SkpPerson};

/// One cell of a printed table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The text; a line break starts a new paragraph (Word) or line (Excel).
    pub text: String,
    /// Grid columns it spans.
    pub span: usize,
    /// Rows it covers, itself included (a vertical merge).
    pub down: usize,
    /// Covered by the merged cell above it: prints nothing of its own.
    pub covered: bool,
    /// A number (the No column): Excel stores it as a number.
    pub number: bool,
    /// A header or heading cell, printed bold.
    pub bold: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
            down: 1,
            covered: false,
            number: false,
            bold: false,
        }
    }

    fn wide(text: impl Into<String>, span: usize) -> Cell {
        Cell {
            span,
            bold: true,
            ..Cell::new(text)
        }
    }

    fn header(text: &str) -> Cell {
        Cell {
            bold: true,
            ..Cell::new(text)
        }
    }

    fn covered() -> Cell {
        Cell {
            covered: true,
            ..Cell::new("")
        }
    }

    fn number(n: usize) -> Cell {
        Cell {
            number: true,
            ..Cell::new(n.to_string())
        }
    }
}

/// A piece of the print, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A heading line (bold, centred).
    Heading(String),
    /// A line of text.
    Line(String),
    /// A table: its rows, and whether it has borders (a signature block has none).
    Table { rows: Vec<Vec<Cell>>, bordered: bool },
}

fn text(value: &Option<Text>) -> String {
    value.as_ref().map_or(String::new(), |t| t.value.to_string())
}

/// "2023-01-01" → "1 JANUARI"; anything else as written.
fn printed_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    match parts.as_slice() {
        [_, month, day] => match (month.parse::<usize>(), day.parse::<u32>()) {
            (Ok(m @ 1..=12), Ok(d)) => format!("{d} {}", crate::office::xlsx::MONTHS_ID[m - 1].to_uppercase()),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// The superior RHK text that `reference` names, for an SKP of `skps` whose superior SKP (if any) is `superior`.
fn superior_text(
    reference: &str,
    superior: Option<&SkpDocument>,
    skps: &[SkpDocument],
    documents: &[Document],
) -> String {
    let rhk_text = |skp: &SkpDocument, id: &str| {
        skp.rhk
            .iter()
            .find(|r| r.id.as_str() == id.trim())
            .map(|r| text(&r.uraian))
    };
    let parts: Vec<&str> = reference.split('/').map(str::trim).collect();
    let found = match parts.as_slice() {
        [id] => superior.and_then(|s| rhk_text(s, id)),
        [skp, id] => skps.iter().find(|s| s.id() == Some(*skp)).and_then(|s| rhk_text(s, id)),
        [dokumen, jabatan, sasaran] => documents
            .iter()
            .filter(|d| d.id() == Some(*dokumen))
            .flat_map(|d| &d.jabatan)
            .filter(|j| j.id.as_ref().is_some_and(|i| i.as_str() == *jabatan))
            .flat_map(|j| &j.sasaran)
            .find(|s| s.id.as_str() == *sasaran)
            .map(|s| text(&s.uraian)),
        _ => None,
    };
    // A reference that names nothing is printed as written: the reader sees what the YAML says.
    found.unwrap_or_else(|| reference.to_string())
}

/// The print of `skps[s]`; `documents` are the IKI documents exported with it (for an `intervensi` naming an IKI
/// sasaran).
pub fn pieces(skps: &[SkpDocument], s: usize, documents: &[Document]) -> Vec<Piece> {
    let skp = &skps[s];
    let holders = crate::skp::printed::Holders::of(skps);
    let superior = holders.superior_of(skps, s).map(|k| &skps[k]);
    let mut out = vec![Piece::Heading("SASARAN KINERJA PEGAWAI".into())];
    let header = skp.skp.as_ref();
    let pendekatan = header.map_or(String::new(), |h| text(&h.pendekatan).to_uppercase());
    out.push(Piece::Heading(
        format!("PENDEKATAN HASIL KERJA {pendekatan}").trim().to_string(),
    ));
    if let Some(periode) = &skp.periode {
        let (mulai, selesai) = (text(&periode.mulai), text(&periode.selesai));
        let year = skp.tahun().map_or(String::new(), |y| format!(" TAHUN {y}"));
        out.push(Piece::Heading(format!(
            "PERIODE PENILAIAN: {} SD {}{year}",
            printed_date(&mulai),
            printed_date(&selesai)
        )));
    }
    out.push(identity(skp));
    out.push(hasil(skp, superior, skps, documents));
    let mut perilaku = vec![vec![Cell::wide("PERILAKU KERJA", 3)]];
    for (n, p) in skp.perilaku.iter().enumerate() {
        let aspek = text(&p.aspek);
        let name = aspek
            .split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            })
            .collect::<Vec<_>>()
            .join(" ");
        perilaku.push(vec![
            Cell::number(n + 1),
            Cell::new(name),
            Cell::new(format!("Ekspektasi Khusus Pimpinan:\n{}", text(&p.ekspektasi))),
        ]);
    }
    if !skp.perilaku.is_empty() {
        out.push(Piece::Table {
            rows: perilaku,
            bordered: true,
        });
    }
    out.extend(signature(skp));
    if let Some(lampiran) = &skp.lampiran {
        out.push(Piece::Heading("LAMPIRAN SASARAN KINERJA PEGAWAI".into()));
        let mut rows = Vec::new();
        for (title, list) in [
            ("DUKUNGAN SUMBER DAYA", &lampiran.dukungan_sumber_daya),
            ("SKEMA PERTANGGUNGJAWABAN", &lampiran.skema_pertanggungjawaban),
            ("KONSEKUENSI", &lampiran.konsekuensi),
        ] {
            rows.push(vec![Cell::wide(title, 2)]);
            for (n, item) in list.iter().enumerate() {
                rows.push(vec![Cell::new(format!("{}.", n + 1)), Cell::new(item.value.clone())]);
            }
        }
        out.push(Piece::Table { rows, bordered: true });
    }
    out
}

const LABELS: [&str; 5] = ["NAMA", "NIP", "PANGKAT/GOL RUANG", "JABATAN", "UNIT KERJA"];

fn fields(person: &Option<SkpPerson>) -> [String; 5] {
    match person {
        Some(p) => [
            text(&p.nama),
            text(&p.nip),
            text(&p.pangkat),
            text(&p.jabatan),
            text(&p.unit),
        ],
        None => Default::default(),
    }
}

fn identity(skp: &SkpDocument) -> Piece {
    let mut rows = vec![vec![
        Cell::header("NO"),
        Cell::wide("PEGAWAI YANG DINILAI", 2),
        Cell::header("NO"),
        Cell::wide("PEJABAT PENILAI KINERJA", 2),
    ]];
    let (pegawai, penilai) = (fields(&skp.pegawai), fields(&skp.pejabat_penilai));
    for (i, label) in LABELS.iter().enumerate() {
        rows.push(vec![
            Cell::number(i + 1),
            Cell::new(*label),
            Cell::new(pegawai[i].clone()),
            Cell::number(i + 1),
            Cell::new(*label),
            Cell::new(penilai[i].clone()),
        ]);
    }
    if skp.atasan_penilai.is_some() {
        rows.push(vec![
            Cell::header("NO"),
            Cell::wide("ATASAN PEJABAT PENILAI KINERJA", 5),
        ]);
        let atasan = fields(&skp.atasan_penilai);
        for (i, label) in LABELS.iter().enumerate() {
            rows.push(vec![
                Cell::number(i + 1),
                Cell::new(*label),
                Cell {
                    span: 4,
                    ..Cell::new(atasan[i].clone())
                },
            ]);
        }
    }
    Piece::Table { rows, bordered: true }
}

fn hasil(skp: &SkpDocument, superior: Option<&SkpDocument>, skps: &[SkpDocument], documents: &[Document]) -> Piece {
    let with_aspek = skp.rhk.iter().flat_map(|r| &r.indikator).any(|i| i.aspek.is_some());
    let jpt = skp.is_jpt();
    let mut header = vec![
        Cell::header("NO"),
        Cell::header("RHK ATASAN YANG DIINTERVENSI"),
        Cell::header("RENCANA HASIL KERJA"),
    ];
    if jpt {
        header.push(Cell::header("PERSPEKTIF"));
    }
    if with_aspek {
        header.push(Cell::header("ASPEK"));
    }
    header.push(Cell::header("INDIKATOR KINERJA INDIVIDU"));
    header.push(Cell::header("TARGET"));
    let width = header.len();
    let mut rows = vec![vec![Cell::wide("HASIL KERJA", width)], header];
    for (jenis, title) in [("utama", "A. Utama"), ("tambahan", "B. Tambahan")] {
        let of_jenis: Vec<_> = skp
            .rhk
            .iter()
            .filter(|r| r.jenis.as_ref().map_or("utama", |j| j.value.trim()) == jenis)
            .collect();
        if of_jenis.is_empty() {
            continue;
        }
        rows.push(vec![Cell::wide(title, width)]);
        for (n, rhk) in of_jenis.iter().enumerate() {
            let intervensi = rhk
                .intervensi
                .as_ref()
                .map_or("-".to_string(), |i| superior_text(&i.value, superior, skps, documents));
            let down = rhk.indikator.len().max(1);
            let perspektif = text(&rhk.perspektif).replace('-', " ");
            let empty = [None];
            let indicators: Vec<Option<&crate::skp::RhkIndikator>> = if rhk.indikator.is_empty() {
                empty.to_vec()
            } else {
                rhk.indikator.iter().map(Some).collect()
            };
            for (k, indikator) in indicators.into_iter().enumerate() {
                let mut row = if k == 0 {
                    let mut first = vec![
                        Cell {
                            down,
                            ..Cell::number(n + 1)
                        },
                        Cell {
                            down,
                            ..Cell::new(intervensi.clone())
                        },
                        Cell {
                            down,
                            ..Cell::new(text(&rhk.uraian))
                        },
                    ];
                    if jpt {
                        first.push(Cell {
                            down,
                            ..Cell::new(perspektif.clone())
                        });
                    }
                    first
                } else {
                    vec![Cell::covered(); 3 + usize::from(jpt)]
                };
                let (aspek, uraian, target, satuan) = indikator.map_or(Default::default(), |i| {
                    (text(&i.aspek), text(&i.uraian), text(&i.target), text(&i.satuan))
                });
                if with_aspek {
                    row.push(Cell::new(aspek));
                }
                row.push(Cell::new(uraian));
                let satuan = if satuan.trim() == "persen" {
                    "%".to_string()
                } else {
                    satuan
                };
                row.push(Cell::new(format!("{target} {satuan}").trim().to_string()));
                rows.push(row);
            }
        }
    }
    Piece::Table { rows, bordered: true }
}

/// The place (the last word of the unit) and a blank date, then the two signers side by side.
fn signature(skp: &SkpDocument) -> Vec<Piece> {
    let place = skp
        .pegawai
        .as_ref()
        .and_then(|p| p.unit.as_ref())
        .and_then(|u| u.value.split_whitespace().last().map(str::to_string))
        .unwrap_or_default();
    let nip = |p: &Option<SkpPerson>| {
        let written = p.as_ref().and_then(|p| p.nip.as_ref()).map_or("-", |n| n.as_str());
        format!("NIP. {written}")
    };
    let nama = |p: &Option<SkpPerson>| p.as_ref().map_or(String::new(), |p| text(&p.nama));
    let year = skp.tahun().map_or(String::new(), |y| y.to_string());
    vec![
        Piece::Line(
            format!("{place}, ..................... {year}")
                .trim_start_matches(", ")
                .to_string(),
        ),
        Piece::Table {
            rows: vec![
                vec![Cell::new("Pegawai yang Dinilai"), Cell::new("Pejabat Penilai Kinerja")],
                vec![Cell::new(nama(&skp.pegawai)), Cell::new(nama(&skp.pejabat_penilai))],
                vec![Cell::new(nip(&skp.pegawai)), Cell::new(nip(&skp.pejabat_penilai))],
            ],
            bordered: false,
        },
    ]
}
