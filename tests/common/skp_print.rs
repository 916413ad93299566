//! SKP documents printed as e-Kinerja prints them (title, identity table, hasil kerja table with "A. Utama"/"B.
//! Tambahan" rows and RHK cells merged over their aspek rows, perilaku kerja with the values' descriptions,
//! signature block, lampiran), as a list of pieces written to `.docx` (Word tables with `vMerge`/`gridSpan`) or
//! `.xlsx` (one sheet, merged ranges), for the SKP import tests.

#![allow(dead_code)]

use super::office::{docx, p};
use ikilint::skp::SkpDocument;

/// A cell: its text (lines as paragraphs), how many grid columns it spans, how many rows it covers.
#[derive(Clone, Debug)]
pub struct C {
    pub text: String,
    pub span: usize,
    pub down: usize,
    /// Covered by the cell above (vertical merge).
    pub covered: bool,
    /// Written as a number (Excel).
    pub number: bool,
}

pub fn c(text: &str) -> C {
    C {
        text: text.to_string(),
        span: 1,
        down: 1,
        covered: false,
        number: false,
    }
}

pub fn wide(text: &str, span: usize) -> C {
    C { span, ..c(text) }
}

fn covered() -> C {
    C { covered: true, ..c("") }
}

#[derive(Clone, Debug)]
pub enum Piece {
    Para(String),
    Table(Vec<Vec<C>>),
}

const MONTHS: [&str; 12] = [
    "JANUARI",
    "FEBRUARI",
    "MARET",
    "APRIL",
    "MEI",
    "JUNI",
    "JULI",
    "AGUSTUS",
    "SEPTEMBER",
    "OKTOBER",
    "NOVEMBER",
    "DESEMBER",
];

fn text(t: &Option<ikilint::model::Text>) -> String {
    t.as_ref().map_or(String::new(), |t| t.value.clone())
}

fn printed_date(iso: &str) -> String {
    let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    format!("{} {}", parts[2], MONTHS[parts[1] as usize - 1])
}

const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "berorientasi-pelayanan",
        "Berorientasi Pelayanan\n- Memahami dan memenuhi kebutuhan masyarakat\n- Ramah, cekatan, solutif dan dapat diandalkan\n- Melakukan perbaikan tiada henti",
    ),
    (
        "akuntabel",
        "Akuntabel\n- Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi\n- Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
    ),
    (
        "kompeten",
        "Kompeten\n- Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah\n- Membantu orang lain belajar",
    ),
    (
        "harmonis",
        "Harmonis\n- Menghargai setiap orang apapun latar belakangnya\n- Suka menolong orang lain",
    ),
    (
        "loyal",
        "Loyal\n- Memegang teguh ideologi Pancasila dan Undang-Undang Dasar 1945\n- Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
    ),
    (
        "adaptif",
        "Adaptif\n- Cepat menyesuaikan diri menghadapi perubahan\n- Terus berinovasi dan mengembangkan kreativitas",
    ),
    (
        "kolaboratif",
        "Kolaboratif\n- Memberi kesempatan kepada berbagai pihak untuk berkontribusi\n- Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
    ),
];

/// How a print differs from the plain e-Kinerja layout, for the variant tests.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Leave out the Aspek column.
    pub no_aspek: bool,
    /// The target's satuan in a column of its own.
    pub satuan_column: bool,
    /// The NIPs of the identity table as numbers (Excel).
    pub nip_numbers: bool,
}

/// The pieces of `skp` printed; `superior` gives the texts of the RHK its `intervensi` names.
pub fn pieces(skp: &SkpDocument, superior: Option<&SkpDocument>, options: &Options) -> Vec<Piece> {
    let mut out = Vec::new();
    out.push(Piece::Para("SASARAN KINERJA PEGAWAI".into()));
    let pendekatan = text(&skp.skp.as_ref().unwrap().pendekatan).to_uppercase();
    out.push(Piece::Para(format!("PENDEKATAN HASIL KERJA {pendekatan}")));
    let periode = skp.periode.as_ref().unwrap();
    let (mulai, selesai) = (text(&periode.mulai), text(&periode.selesai));
    out.push(Piece::Para(format!(
        "PERIODE PENILAIAN: {} SD {} TAHUN {}",
        printed_date(&mulai),
        printed_date(&selesai),
        &selesai[..4]
    )));
    let person = |p: &Option<ikilint::skp::SkpPerson>| -> Vec<String> {
        match p {
            Some(p) => vec![
                text(&p.nama),
                text(&p.nip),
                text(&p.pangkat),
                text(&p.jabatan),
                text(&p.unit),
            ],
            None => vec![String::new(); 5],
        }
    };
    let labels = ["NAMA", "NIP", "PANGKAT/GOL RUANG", "JABATAN", "UNIT KERJA"];
    let mut identity = vec![vec![
        c("NO"),
        wide("PEGAWAI YANG DINILAI", 2),
        c("NO"),
        wide("PEJABAT PENILAI KINERJA", 2),
    ]];
    let (pegawai, penilai) = (person(&skp.pegawai), person(&skp.pejabat_penilai));
    for (i, label) in labels.iter().enumerate() {
        let value = |v: &str| C {
            number: options.nip_numbers && i == 1 && !v.is_empty(),
            ..c(v)
        };
        identity.push(vec![
            c(&(i + 1).to_string()),
            c(label),
            value(&pegawai[i]),
            c(&(i + 1).to_string()),
            c(label),
            value(&penilai[i]),
        ]);
    }
    if skp.atasan_penilai.is_some() {
        identity.push(vec![c("NO"), wide("ATASAN PEJABAT PENILAI KINERJA", 5)]);
        let atasan = person(&skp.atasan_penilai);
        for (i, label) in labels.iter().enumerate() {
            identity.push(vec![c(&(i + 1).to_string()), c(label), wide(&atasan[i], 4)]);
        }
    }
    out.push(Piece::Table(identity));

    let mut header = vec![
        c("NO"),
        c("RHK ATASAN YANG DIINTERVENSI"),
        c("RENCANA HASIL KERJA"),
        c("ASPEK"),
        c("INDIKATOR KINERJA INDIVIDU"),
        c("TARGET"),
    ];
    if options.no_aspek {
        header.remove(3);
    }
    // A JPT form prints each RHK's perspektif beside it.
    let jpt = skp.is_jpt();
    if jpt {
        header.insert(3, c("PERSPEKTIF"));
    }
    if options.satuan_column {
        header.push(c("SATUAN"));
    }
    let width = header.len();
    let mut hasil = vec![vec![wide("HASIL KERJA", width)], header];
    for (jenis, title) in [("utama", "A. Utama"), ("tambahan", "B. Tambahan")] {
        let rhks: Vec<_> = skp
            .rhk
            .iter()
            .filter(|r| text(&r.jenis).is_empty() && jenis == "utama" || text(&r.jenis) == jenis)
            .collect();
        if rhks.is_empty() {
            continue;
        }
        hasil.push(vec![wide(title, width)]);
        for (n, rhk) in rhks.iter().enumerate() {
            let intervensi = rhk
                .intervensi
                .as_ref()
                .and_then(|i| {
                    let id = i.value.rsplit('/').next().unwrap();
                    superior?.rhk.iter().find(|r| r.id.value == id)
                })
                .map_or("-".to_string(), |r| text(&r.uraian));
            let down = rhk.indikator.len().max(1);
            for (k, indikator) in rhk.indikator.iter().enumerate() {
                let mut row = if k == 0 {
                    vec![
                        C {
                            down,
                            ..c(&(n + 1).to_string())
                        },
                        C { down, ..c(&intervensi) },
                        C {
                            down,
                            ..c(&text(&rhk.uraian))
                        },
                    ]
                } else {
                    vec![covered(), covered(), covered()]
                };
                if jpt {
                    let perspektif = text(&rhk.perspektif).replace('-', " ");
                    row.push(if k == 0 {
                        C { down, ..c(&perspektif) }
                    } else {
                        covered()
                    });
                }
                if !options.no_aspek {
                    row.push(c(&text(&indikator.aspek)));
                }
                row.push(c(&text(&indikator.uraian)));
                let (target, satuan) = (text(&indikator.target), text(&indikator.satuan));
                if options.satuan_column {
                    row.push(c(&target));
                    row.push(c(&satuan));
                } else {
                    let satuan = if satuan == "persen" { "%".to_string() } else { satuan };
                    row.push(c(format!("{target} {satuan}").trim()));
                }
                hasil.push(row);
            }
        }
    }
    out.push(Piece::Table(hasil));

    let mut perilaku = vec![vec![wide("PERILAKU KERJA", 3)]];
    for (n, p) in skp.perilaku.iter().enumerate() {
        let aspek = text(&p.aspek);
        let description = DESCRIPTIONS
            .iter()
            .find(|(a, _)| *a == aspek)
            .map_or(aspek.clone(), |(_, d)| d.to_string());
        perilaku.push(vec![
            c(&(n + 1).to_string()),
            c(&description),
            c(&format!("Ekspektasi Khusus Pimpinan:\n{}", text(&p.ekspektasi))),
        ]);
    }
    out.push(Piece::Table(perilaku));
    out.extend(signature(skp));
    if let Some(lampiran) = &skp.lampiran {
        out.push(Piece::Para("LAMPIRAN SASARAN KINERJA PEGAWAI".into()));
        let mut rows = Vec::new();
        for (title, list) in [
            ("DUKUNGAN SUMBER DAYA", &lampiran.dukungan_sumber_daya),
            ("SKEMA PERTANGGUNGJAWABAN", &lampiran.skema_pertanggungjawaban),
            ("KONSEKUENSI", &lampiran.konsekuensi),
        ] {
            rows.push(vec![wide(title, 2)]);
            for (n, item) in list.iter().enumerate() {
                rows.push(vec![c(&format!("{}.", n + 1)), c(&item.value)]);
            }
        }
        out.push(Piece::Table(rows));
    }
    out
}

fn signature(skp: &SkpDocument) -> Vec<Piece> {
    let unit = skp
        .pegawai
        .as_ref()
        .and_then(|p| p.unit.as_ref())
        .map_or("Kota", |u| u.value.split_whitespace().last().unwrap_or("Kota"));
    let nip = |p: &Option<ikilint::skp::SkpPerson>| {
        p.as_ref()
            .and_then(|p| p.nip.as_ref())
            .map_or("NIP. -".to_string(), |n| format!("NIP. {}", n.value))
    };
    let nama = |p: &Option<ikilint::skp::SkpPerson>| text(&p.as_ref().unwrap().nama);
    vec![
        Piece::Para(format!("{unit}, 2 Januari 2023")),
        Piece::Table(vec![
            vec![c("Pegawai yang Dinilai"), c("Pejabat Penilai Kinerja")],
            vec![c(&nama(&skp.pegawai)), c(&nama(&skp.pejabat_penilai))],
            vec![c(&nip(&skp.pegawai)), c(&nip(&skp.pejabat_penilai))],
        ]),
    ]
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The pieces as a `.docx`: paragraphs, and tables whose merged cells Word marks with `vMerge` and `gridSpan`.
pub fn to_docx(pieces: &[Piece]) -> Vec<u8> {
    let mut body = String::new();
    for piece in pieces {
        match piece {
            Piece::Para(t) => body.push_str(&p(&escape(t))),
            Piece::Table(rows) => {
                let width: usize = rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.span).sum::<usize>())
                    .max()
                    .unwrap_or(1);
                body.push_str("<w:tbl><w:tblGrid>");
                body.push_str(&"<w:gridCol/>".repeat(width));
                body.push_str("</w:tblGrid>");
                for row in rows {
                    body.push_str("<w:tr>");
                    for cell in row {
                        let mut properties = String::new();
                        if cell.span > 1 {
                            properties.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
                        }
                        if cell.covered {
                            properties.push_str("<w:vMerge/>");
                        } else if cell.down > 1 {
                            properties.push_str(r#"<w:vMerge w:val="restart"/>"#);
                        }
                        let paragraphs: String = cell.text.split('\n').map(|l| p(&escape(l))).collect();
                        body.push_str(&format!("<w:tc><w:tcPr>{properties}</w:tcPr>{paragraphs}</w:tc>"));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    docx(&body, None, None)
}

/// The pieces as a one-sheet `.xlsx`: a paragraph in column A, a table from column A with merged ranges, an empty
/// row after each piece.
pub fn to_xlsx(pieces: &[Piece]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let wrap = Format::new().set_text_wrap();
    let mut row = 0u32;
    for piece in pieces {
        match piece {
            Piece::Para(t) => {
                sheet.write_string(row, 0, t).unwrap();
                row += 1;
            }
            Piece::Table(rows) => {
                for cells in rows {
                    let mut column = 0u16;
                    for cell in cells {
                        let last_column = column + cell.span as u16 - 1;
                        if !cell.covered {
                            if cell.span > 1 || cell.down > 1 {
                                let last_row = row + cell.down as u32 - 1;
                                sheet
                                    .merge_range(row, column, last_row, last_column, &cell.text, &wrap)
                                    .unwrap();
                            } else if cell.number {
                                sheet
                                    .write_number(row, column, cell.text.parse::<f64>().unwrap())
                                    .unwrap();
                            } else if !cell.text.is_empty() {
                                sheet.write_string_with_format(row, column, &cell.text, &wrap).unwrap();
                            }
                        }
                        column = last_column + 1;
                    }
                    row += 1;
                }
            }
        }
        row += 1;
    }
    workbook.save_to_buffer().unwrap()
}

/// The example SKP YAML files, read.
pub fn examples() -> Vec<(std::path::PathBuf, SkpDocument)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("skp-"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let skp = read(&text);
        out.push((path, skp));
    }
    out
}

/// An SKP YAML text as its model.
pub fn read(text: &str) -> SkpDocument {
    let workspace = ikilint::workspace::load_sources(vec![("x.yaml".into(), text.into())], ikilint::i18n::Lang::En);
    workspace.skps.into_iter().next().expect("an SKP document")
}

/// The superior of `skp` among `all`: the SKP whose pegawai NIP is the penilai's.
pub fn superior<'a>(skp: &SkpDocument, all: &'a [(std::path::PathBuf, SkpDocument)]) -> Option<&'a SkpDocument> {
    let penilai = skp.pejabat_penilai.as_ref()?.nip.as_ref()?.value.clone();
    all.iter().map(|(_, s)| s).find(|s| {
        s.pegawai
            .as_ref()
            .and_then(|p| p.nip.as_ref())
            .is_some_and(|n| n.value == penilai)
    })
}
