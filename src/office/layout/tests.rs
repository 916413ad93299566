//! The layout on hand-built bodies: what a Word or Excel reader gives, without a file.

use super::*;
use crate::office::{Cell, Row, Table};

fn origin(table: u32, row: u32, column: usize) -> Origin {
    Origin {
        table: Some(table),
        row: Some(row),
        cell: Some(crate::office::CellRef::new(row - 1, column as u32)),
        ..Origin::default()
    }
}

fn paragraph(n: u32, text: &str) -> Block {
    Block::Paragraph(Paragraph {
        text: text.to_string(),
        bold: false,
        origin: Origin {
            paragraph: Some(n),
            ..Origin::default()
        },
        numeric: false,
    })
}

/// A table from rows of cells; a cell written `^text` is covered by a merge carrying `text`, `#text` is a number.
fn table(n: u32, rows: &[&[&str]]) -> Block {
    Block::Table(Table {
        rows: rows
            .iter()
            .enumerate()
            .map(|(r, cells)| Row {
                cells: cells
                    .iter()
                    .enumerate()
                    .map(|(c, text)| Cell {
                        text: text.trim_start_matches(['^', '#']).to_string(),
                        merged: text.starts_with('^'),
                        origin: origin(n, r as u32 + 1, c),
                        numeric: text.starts_with('#'),
                    })
                    .collect(),
            })
            .collect(),
        origin: Origin {
            table: Some(n),
            ..Origin::default()
        },
    })
}

const HEADER: &[&str] = &[
    "No",
    "Sasaran Kinerja",
    "Indikator Kinerja",
    "Cara Perhitungan",
    "Sumber Data",
];

fn kinds(doc: &Recognised) -> Vec<NoteKind> {
    doc.notes.iter().map(|n| n.kind).collect()
}

#[test]
fn merged_sasaran_cells_make_one_sasaran_over_its_indicators() {
    let body = Body {
        blocks: vec![
            paragraph(1, "INDIKATOR KINERJA INDIVIDU"),
            paragraph(2, "I. Jabatan : Kepala Dinas Kesehatan"),
            table(
                1,
                &[
                    HEADER,
                    &["1", "2", "3", "4", "5"],
                    &[
                        "1.",
                        "Meningkatnya derajat kesehatan",
                        "Angka kematian ibu",
                        "Jumlah kematian ibu",
                        "Profil",
                    ],
                    &[
                        "^1.",
                        "^Meningkatnya derajat kesehatan",
                        "Angka kematian bayi",
                        "Jumlah kematian bayi",
                        "",
                    ],
                    &[
                        "2.",
                        "Meningkatnya derajat kesehatan",
                        "Usia harapan hidup",
                        "BPS",
                        "BPS",
                    ],
                ],
            ),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    let position = &doc.positions[0];
    assert_eq!(position.nama.as_ref().unwrap().text, "Kepala Dinas Kesehatan");
    // The merged cell continues the sasaran; the same text written again (not merged) is the same sasaran too.
    assert_eq!(position.sasaran.len(), 1);
    let sasaran = &position.sasaran[0];
    assert_eq!(sasaran.indikator.len(), 3);
    assert_eq!(sasaran.indikator[1].uraian.text, "Angka kematian bayi");
    assert_eq!(
        sasaran.indikator[0]
            .formula
            .as_ref()
            .unwrap()
            .origin
            .column
            .as_deref()
            .map(String::as_str),
        Some("Cara Perhitungan")
    );
    assert!(sasaran.indikator[1].sumber_data.is_empty());
    assert_eq!(doc.unit.as_ref().unwrap().text, "Dinas Kesehatan");
    assert!(kinds(&doc).is_empty());
}

#[test]
fn two_positions_in_one_table_and_a_signature_table() {
    let body = Body {
        blocks: vec![
            paragraph(1, "Jabatan : Camat Maju"),
            table(
                1,
                &[
                    &[
                        "Sasaran",
                        "Indikator Kinerja Utama",
                        "Formulasi Perhitungan",
                        "Sumber Data",
                    ],
                    &[
                        "Meningkatnya pelayanan",
                        "Indeks kepuasan",
                        "Hasil survei",
                        "- Laporan SKM",
                    ],
                    &[
                        "Jabatan : Sekretaris",
                        "^Jabatan : Sekretaris",
                        "^Jabatan : Sekretaris",
                        "^Jabatan : Sekretaris",
                    ],
                    &[
                        "Tertibnya administrasi",
                        "Persentase surat tepat waktu",
                        "Surat tepat / surat x 100%",
                        "",
                    ],
                ],
            ),
            table(
                2,
                &[
                    &["Maju, Januari 2024", ""],
                    &["Atasan Langsung", "Pegawai yang Dinilai"],
                    &["CAMAT MAJU", "SEKRETARIS"],
                    &["Drs. BUDI", "SITI AMINAH, SE"],
                    &["NIP. 19700101 199003 1 001", "#198001012005012002"],
                ],
            ),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    assert_eq!(doc.positions.len(), 2);
    assert_eq!(
        doc.positions[0].sasaran[0].indikator[0].sumber_data[0].text,
        "Laporan SKM"
    );
    let sekretaris = &doc.positions[1];
    assert_eq!(sekretaris.nama.as_ref().unwrap().text, "Sekretaris");
    assert_eq!(sekretaris.sasaran[0].uraian.text, "Tertibnya administrasi");
    let signature = sekretaris.signature.as_ref().unwrap();
    assert_eq!(signature.tempat_tanggal.as_ref().unwrap().text, "Maju, Januari 2024");
    assert_eq!(
        signature.atasan.as_ref().unwrap().nama.as_ref().unwrap().text,
        "Drs. BUDI"
    );
    let holder = sekretaris.pemangku().unwrap();
    assert_eq!(holder.nama.as_ref().unwrap().text, "SITI AMINAH, SE");
    // The NIP is kept as displayed, and reported: a number cell may have lost digits.
    assert_eq!(holder.nip.as_ref().unwrap().text, "198001012005012002");
    assert_eq!(kinds(&doc), vec![NoteKind::NipAsNumber]);
    // The superior is found by title: "CAMAT MAJU" is the position "Camat Maju".
    assert_eq!(sekretaris.atasan.as_ref().unwrap().target, 0);
    assert_eq!(doc.place.as_ref().unwrap().text, "Maju");
    assert_eq!(doc.year.as_ref().unwrap().0, 2024);
}

#[test]
fn a_cover_letter_before_the_iki_and_an_unknown_column_are_kept_and_reported() {
    let body = Body {
        blocks: vec![
            paragraph(1, "Dengan hormat, bersama ini kami sampaikan IKI kecamatan."),
            paragraph(2, "INDIKATOR KINERJA INDIVIDU"),
            paragraph(3, "KECAMATAN MAJU TAHUN 2024"),
            paragraph(4, "1. JABATAN : CAMAT"),
            paragraph(5, "2. TUGAS :"),
            paragraph(6, "a. memimpin kecamatan;"),
            paragraph(7, "3. FUNGSI : -"),
            table(
                1,
                &[
                    &[
                        "Kinerja Utama",
                        "Indikator",
                        "Formula",
                        "Keterangan",
                        "Target",
                        "Sumber Data",
                    ],
                    &[
                        "Meningkatnya pelayanan",
                        "Indeks kepuasan",
                        "Hasil survei",
                        "prioritas",
                        "80",
                        "SKM",
                    ],
                ],
            ),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    // As written in the title: capitals are kept.
    assert_eq!(doc.unit.as_ref().unwrap().text, "KECAMATAN MAJU");
    assert_eq!(doc.year.as_ref().unwrap().0, 2024);
    assert_eq!(
        doc.unplaced[0].text,
        "Dengan hormat, bersama ini kami sampaikan IKI kecamatan."
    );
    let position = &doc.positions[0];
    assert_eq!(position.tugas[0].text, "memimpin kecamatan;");
    assert!(position.fungsi.is_empty());
    let indikator = &position.sasaran[0].indikator[0];
    assert_eq!(indikator.target.as_ref().unwrap().text, "80");
    assert_eq!(indikator.extra[0].0, "Keterangan");
    assert_eq!(indikator.extra[0].1.text, "prioritas");
    let mut found = kinds(&doc);
    found.sort_by_key(|k| *k as u8);
    assert_eq!(found, vec![NoteKind::UnknownColumn, NoteKind::TextNotPlaced]);
}

#[test]
fn a_table_before_any_position_is_kept_and_reported() {
    let body = Body {
        blocks: vec![table(
            1,
            &[HEADER, &["1.", "Meningkatnya pelayanan", "Indeks", "Survei", "SKM"]],
        )],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    assert!(doc.positions.is_empty());
    assert_eq!(kinds(&doc), vec![NoteKind::TableWithoutPosition]);
    assert!(doc.unplaced[0].text.contains("Meningkatnya pelayanan"));
}

#[test]
fn a_table_split_over_pages_with_its_header_repeated_continues_the_sasaran() {
    let body = Body {
        blocks: vec![
            paragraph(1, "Jabatan : Lurah Maju"),
            table(
                1,
                &[
                    HEADER,
                    &["1.", "Meningkatnya pelayanan", "Indeks kepuasan", "Survei", "SKM"],
                ],
            ),
            table(2, &[HEADER, &["", "", "Jumlah layanan", "Hitung", "Register"]]),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    let position = &doc.positions[0];
    assert_eq!(position.sasaran.len(), 1);
    assert_eq!(position.sasaran[0].indikator.len(), 2);
    // Paragraphs between two tables of a position are no signature block.
    assert!(position.signature.is_none());
}

#[test]
fn a_near_miss_document_has_no_notes() {
    let body = Body {
        blocks: vec![
            paragraph(1, "Jabatan : Lurah Maju"),
            table(
                1,
                &[
                    HEADER,
                    &["1.", "Meningkatnya pelayanan", "Indeks kepuasan", "Survei", "SKM"],
                ],
            ),
            paragraph(2, "Maju, Januari 2024"),
            paragraph(3, "CAMAT MAJU"),
            paragraph(4, "Drs. BUDI"),
            paragraph(5, "NIP. 19700101 199003 1 001"),
            paragraph(6, "LURAH MAJU"),
            paragraph(7, "ANI"),
            paragraph(8, "NIP. 19800101 200501 2 002"),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
    assert_eq!(doc.positions[0].pemangku().unwrap().nama.as_ref().unwrap().text, "ANI");
}

#[test]
fn an_nip_written_as_text_in_a_signature_table_is_no_finding() {
    let body = Body {
        blocks: vec![
            paragraph(1, "Jabatan : Lurah Maju"),
            table(
                1,
                &[
                    HEADER,
                    &["1.", "Meningkatnya pelayanan", "Indeks kepuasan", "Survei", "SKM"],
                ],
            ),
            table(2, &[&["LURAH MAJU"], &["ANI"], &["NIP. 19800101 200501 2 002"]]),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
    let holder = doc.positions[0].pemangku().unwrap();
    assert_eq!(holder.nip.as_ref().unwrap().text, "19800101 200501 2 002");
}

#[test]
fn the_unit_comes_from_the_head_in_any_script() {
    let position = |nama: &str| Position {
        nama: Some(Value::new(nama, Origin::default())),
        ..Position::default()
    };
    let unit = |nama: &str| header::unit_from_positions(&[position(nama)]).map(|v| v.text);
    // The rest of the title as written, the kind of unit in the same case.
    assert_eq!(unit("CAMAT MASAMA").as_deref(), Some("KECAMATAN MASAMA"));
    assert_eq!(unit("Camat Masama").as_deref(), Some("Kecamatan Masama"));
    assert_eq!(unit("KEPALA DINAS PUPR").as_deref(), Some("DINAS PUPR"));
    assert_eq!(unit("Kepala Dinas PUPR").as_deref(), Some("Dinas PUPR"));
    assert_eq!(
        unit("Kepala Badan Pendapatan Daerah").as_deref(),
        Some("Badan Pendapatan Daerah")
    );
    assert_eq!(unit("Kepala Seksi Umum"), None);
    assert_eq!(unit("İİ camat"), None);
    assert_eq!(unit("Camat İİİİİİ").as_deref(), Some("KECAMATAN İİİİİİ"));
}

#[test]
fn a_table_continued_after_a_page_footer_without_its_header() {
    let body = Body {
        blocks: vec![
            paragraph(1, "Jabatan : Lurah Maju"),
            table(
                1,
                &[
                    HEADER,
                    &["1.", "Meningkatnya pelayanan", "Indeks kepuasan", "Survei", "SKM"],
                ],
            ),
            paragraph(2, "Halaman 1 dari 2"),
            table(
                2,
                &[&["2.", "Tertibnya administrasi", "Jumlah surat", "Register", "Agenda"]],
            ),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    let position = &doc.positions[0];
    assert_eq!(position.sasaran.len(), 2);
    assert_eq!(
        position.sasaran[1].indikator[0].formula.as_ref().unwrap().text,
        "Register"
    );
    // The footer is kept and reported, not taken for a signature.
    assert_eq!(position.unplaced[0].text, "Halaman 1 dari 2");
    assert_eq!(kinds(&doc), vec![NoteKind::TextNotPlaced]);
}

#[test]
fn an_skp_of_odd_shapes_loses_no_text_and_never_panics() {
    let body = Body {
        blocks: vec![
            paragraph(1, "SASARAN KINERJA PEGAWAI"),
            table(1, &[]),
            table(
                2,
                &[
                    &["No", "Rencana Hasil Kerja", "Indikator Kinerja Individu", "Target"],
                    &["1", "Tersusunnya laporan kinerja", "Jumlah laporan", "12 laporan"],
                    &["2"],
                    &[
                        "",
                        "^Tersusunnya laporan kinerja",
                        "Ketepatan waktu",
                        "",
                        "sel tambahan",
                    ],
                ],
            ),
            table(3, &[&["teks lepas", "lainnya"]]),
            paragraph(2, "Catatan akhir yang tidak dikenal"),
        ],
        extracted: false,
    };
    assert!(skp::is_skp(&body));
    let print = skp::recognise(&body, Vec::new());
    assert_eq!(print.rhk.len(), 1);
    let indikator = &print.rhk[0].indikator;
    assert_eq!(indikator.len(), 2);
    assert_eq!(indikator[0].target.as_ref().unwrap().text, "12");
    assert_eq!(indikator[0].satuan.as_ref().unwrap().text, "laporan");
    let unplaced: Vec<&str> = print.unplaced.iter().map(|v| v.text.as_str()).collect();
    assert_eq!(
        unplaced,
        [
            "sel tambahan",
            "teks lepas | lainnya",
            "Catatan akhir yang tidak dikenal"
        ]
    );
    let imported = crate::office::emit::skp::emit("a.docx", &print, &[]);
    assert!(
        imported
            .yaml
            .lines()
            .any(|l| l.starts_with("# not placed (") && l.ends_with("): teks lepas | lainnya")),
        "{}",
        imported.yaml
    );
    assert_eq!(imported.problems.len(), 3);
    // An IKI body is no SKP.
    let iki = Body {
        blocks: vec![paragraph(1, "INDIKATOR KINERJA INDIVIDU"), table(1, &[HEADER])],
        extracted: false,
    };
    assert!(!skp::is_skp(&iki));
}

#[test]
fn a_read_position_keeps_no_spare_room_in_its_lists() {
    let rows: Vec<Vec<String>> = (1..=3)
        .map(|i| {
            let sasaran = if i == 1 {
                "Meningkatnya layanan"
            } else {
                "^Meningkatnya layanan"
            };
            vec![
                i.to_string(),
                sasaran.to_string(),
                format!("Persentase {i}"),
                "a / b".to_string(),
                "Laporan".to_string(),
            ]
        })
        .collect();
    let mut all: Vec<&[&str]> = vec![HEADER];
    let borrowed: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    all.extend(borrowed.iter().map(Vec::as_slice));
    let body = Body {
        blocks: vec![
            paragraph(1, "Jabatan : Kepala Seksi Satu"),
            table(1, &all),
            paragraph(2, "Jabatan : Kepala Seksi Dua"),
            table(2, &all),
        ],
        extracted: false,
    };
    let doc = recognise(body, Vec::new());
    assert_eq!(doc.positions.len(), 2);
    for position in &doc.positions {
        // Three indicators grown one at a time would leave room for four, one source room for four.
        let sasaran = &position.sasaran;
        assert_eq!((sasaran.len(), sasaran.capacity()), (1, 1));
        let indikator = &sasaran[0].indikator;
        assert_eq!((indikator.len(), indikator.capacity()), (3, 3));
        for sources in indikator.iter().map(|k| &k.sumber_data) {
            assert_eq!((sources.len(), sources.capacity()), (1, 1));
        }
    }
}

/// Three positions, each with its table; the first one's signature block is printed after the second one's table.
fn three_positions_one_signed_late() -> Vec<Block> {
    let iki = |n: u32, sasaran: &str| table(n, &[HEADER, &["1.", sasaran, "Jumlah", "Hitung", "Register"]]);
    vec![
        paragraph(1, "Jabatan : Kepala Seksi Pelayanan"),
        iki(1, "Meningkatnya pelayanan"),
        paragraph(2, "Jabatan : Pengolah Data"),
        iki(2, "Tersedianya data"),
        paragraph(3, "Maju, Januari 2024"),
        paragraph(4, "KEPALA SEKSI PELAYANAN"),
        paragraph(5, "ANI"),
        paragraph(6, "NIP. 19800101 200501 2 001"),
        paragraph(7, "Jabatan : Bendahara"),
        iki(3, "Tertibnya keuangan"),
    ]
}

/// Reads `blocks` taking every position read whole after each block: (the number of blocks read when it was
/// taken, its index, the position), and the document left.
fn taken(blocks: Vec<Block>, wait: impl Fn(usize, &Position) -> bool) -> (Vec<(usize, usize, Position)>, Recognised) {
    let mut recogniser = Recogniser::new(false);
    let mut taken = Vec::new();
    for (read, block) in blocks.into_iter().enumerate() {
        recogniser.block(block);
        recogniser.take_whole(&wait, &mut |index, position| taken.push((read + 1, index, position)));
    }
    let doc = recogniser.finish_taking(Vec::new(), &mut |index, position| {
        taken.push((usize::MAX, index, position))
    });
    (taken, doc)
}

#[test]
fn each_position_is_taken_whole_as_soon_as_the_next_begins_and_the_layout_keeps_only_its_title_and_signature() {
    let (taken, doc) = taken(three_positions_one_signed_late(), |_, _| false);
    let when: Vec<(usize, usize)> = taken.iter().map(|(read, index, _)| (*read, *index)).collect();
    // Taken on reading the next "Jabatan" (blocks 3 and 9), the last at the end.
    assert_eq!(when, [(3, 0), (9, 1), (usize::MAX, 2)]);
    assert!(taken.iter().all(|(_, _, p)| p.sasaran.len() == 1));
    // What the layout keeps of them: the titles, and the late block on the first position taken.
    assert!(doc.positions.iter().all(|p| p.sasaran.is_empty()));
    assert_eq!(doc.positions[2].nama.as_ref().unwrap().text, "Bendahara");
    assert!(doc.positions[0].pemangku().is_some());
    assert_eq!(doc.late_signatures, [0]);
}

#[test]
fn a_position_waiting_for_its_late_signature_block_is_taken_with_it_and_holds_back_the_next() {
    let wait = |index: usize, p: &Position| index == 0 && p.signature.is_none();
    let (taken, _) = taken(three_positions_one_signed_late(), wait);
    let when: Vec<(usize, usize)> = taken.iter().map(|(read, index, _)| (*read, *index)).collect();
    // The signature block is read when the third position begins: both are taken then.
    assert_eq!(when, [(9, 0), (9, 1), (usize::MAX, 2)]);
    let first = &taken[0].2;
    assert_eq!(first.pemangku().unwrap().nama.as_ref().unwrap().text, "ANI");
    assert_eq!(first.sasaran[0].uraian.text, "Meningkatnya pelayanan");
    assert!(first.remarks[0].contains("placed here by its title"));
    // The same as the document read whole.
    let whole = recognise(
        Body {
            blocks: three_positions_one_signed_late(),
            extracted: false,
        },
        Vec::new(),
    );
    assert_eq!(whole.positions[0].signature, first.signature);
    assert_eq!(whole.late_signatures, [0]);
}

#[test]
fn a_taken_position_stays_small() {
    // The layout keeps every position taken (its title and signature block) until the end: a file of thousands
    // of positions keeps thousands, so the signature block is behind a pointer.
    assert!(
        std::mem::size_of::<Position>() <= 256,
        "{}",
        std::mem::size_of::<Position>()
    );
}
