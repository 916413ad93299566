//! SKP documents printed as e-Kinerja prints them, through `ikilint export`'s own layout
//! ([`ikilint::export::skp`]), with the variants real prints show applied to it (no Aspek column, a Satuan column
//! of its own, NIPs typed as numbers in Excel, the values' printed descriptions under their names), written to
//! `.docx` or `.xlsx` by the export's writers, for the SKP import tests.

#![allow(dead_code)]

pub use ikilint::export::skp::{Cell, Piece};
use ikilint::skp::SkpDocument;

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

/// The descriptions e-Kinerja prints under each BerAKHLAK value's name (the form's, not the SKP's).
const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "Berorientasi Pelayanan",
        "- Memahami dan memenuhi kebutuhan masyarakat\n- Ramah, cekatan, solutif dan dapat diandalkan",
    ),
    (
        "Akuntabel",
        "- Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
    ),
    (
        "Kompeten",
        "- Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
    ),
    (
        "Harmonis",
        "- Menghargai setiap orang apapun latar belakangnya\n- Suka menolong orang lain",
    ),
    (
        "Loyal",
        "- Memegang teguh ideologi Pancasila dan Undang-Undang Dasar 1945",
    ),
    ("Adaptif", "- Cepat menyesuaikan diri menghadapi perubahan"),
    (
        "Kolaboratif",
        "- Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
    ),
];

pub fn c(text: &str) -> Cell {
    Cell::new(text)
}

/// The rows of the table whose header holds `header`.
fn table_with<'p>(pieces: &'p mut [Piece], header: &str) -> Option<&'p mut Vec<Vec<Cell>>> {
    pieces.iter_mut().find_map(|p| match p {
        Piece::Table { rows, .. } if rows.iter().any(|r| r.iter().any(|c| c.text == header)) => Some(rows),
        _ => None,
    })
}

/// The pieces of `skp` printed; `superior` gives the texts of the RHK its `intervensi` names.
pub fn pieces(skp: &SkpDocument, superior: Option<&SkpDocument>, options: &Options) -> Vec<Piece> {
    let set: Vec<SkpDocument> = superior.into_iter().cloned().chain([skp.clone()]).collect();
    let mut pieces = ikilint::export::skp::pieces(&set, set.len() - 1, &[]);
    if let Some(rows) = table_with(&mut pieces, "RENCANA HASIL KERJA") {
        let header = rows
            .iter()
            .position(|r| r.iter().any(|c| c.text == "RENCANA HASIL KERJA"))
            .unwrap();
        let aspek = rows[header].iter().position(|c| c.text == "ASPEK");
        let target = rows[header].iter().position(|c| c.text == "TARGET").unwrap();
        for row in rows.iter_mut() {
            if row.len() == 1 {
                row[0].span = row[0].span + usize::from(options.satuan_column) - usize::from(options.no_aspek);
                continue;
            }
            if options.satuan_column {
                let written = row[target].text.clone();
                let (number, satuan) = match written.split_once(' ') {
                    _ if written == "TARGET" => (written.clone(), "SATUAN".to_string()),
                    Some((n, "%")) => (n.to_string(), "persen".to_string()),
                    Some((n, s)) => (n.to_string(), s.to_string()),
                    None => (written.clone(), String::new()),
                };
                row[target].text = number;
                row.insert(target + 1, c(&satuan));
            }
            if let (true, Some(aspek)) = (options.no_aspek, aspek) {
                row.remove(aspek);
            }
        }
    }
    if options.nip_numbers
        && let Some(rows) = table_with(&mut pieces, "PEGAWAI YANG DINILAI")
    {
        for row in rows.iter_mut() {
            for at in 1..row.len() {
                if row[at - 1].text == "NIP" && !row[at].text.is_empty() {
                    row[at].number = true;
                }
            }
        }
    }
    if let Some(rows) = table_with(&mut pieces, "PERILAKU KERJA") {
        for cell in rows.iter_mut().flatten() {
            if let Some((name, description)) = DESCRIPTIONS.iter().find(|(n, _)| *n == cell.text) {
                cell.text = format!("{name}\n{description}");
            }
        }
    }
    pieces
}

pub fn to_docx(pieces: &[Piece]) -> Vec<u8> {
    ikilint::export::docx::write_skp(pieces).unwrap()
}

pub fn to_xlsx(pieces: &[Piece]) -> Vec<u8> {
    ikilint::export::xlsx::write_skp(pieces).unwrap()
}

/// The example SKP YAML files beside the IKIs, read.
pub fn examples() -> Vec<(std::path::PathBuf, SkpDocument)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        // The SKP examples of Masama, not the folder of the defect set (`skp-cacat/`).
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("skp-") && p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let skp = read(&std::fs::read_to_string(&path).unwrap());
            (path, skp)
        })
        .collect()
}

/// An SKP YAML text as its model.
pub fn read(text: &str) -> SkpDocument {
    let workspace = ikilint::workspace::load_sources(vec![("x.yaml".into(), text.into())]);
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
