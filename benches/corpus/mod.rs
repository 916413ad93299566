//! A generator of province-shaped repositories of IKI documents, shared by the benchmarks: kecamatan documents of
//! about 40 positions (a camat, a sekcam, kasubbag and kasi, their staff), about 3 KB of YAML per position, valid
//! and unique NIPs, names unique within a birth date, and a few percent of the defects reviewers find (a
//! non-standard spelling, an unlinked sasaran, a badly grouped NIP, a placeholder date).
//!
//! Deterministic: the same counts give the same bytes, so runs on different days compare.

// The SKP corpus is timed by `province` only; the other benchmarks share the IKI generator.
#[allow(dead_code)]
pub mod skp;

use std::fmt::Write as _;
use std::path::Path;

/// Positions in one kecamatan document.
pub const POSITIONS_PER_FILE: usize = 40;

const FIRST: &[&str] = &[
    "AHMAD", "BUDI", "CITRA", "DEWI", "EKO", "FITRI", "GUNAWAN", "HENDRA", "INDAH", "JOKO", "KARTINI", "LUKMAN",
    "MAYA", "NUR", "OKTAVIA", "PUTU", "RAHMAT", "SITI", "TAUFIK", "UMAR", "VINA", "WAHYU", "YULI", "ZAINAL", "AGUS",
    "BAMBANG", "CAHYO", "DIAN", "ERNA", "FAJAR", "GITA", "HADI", "IRWAN", "JULIANTI", "KURNIA", "LESTARI", "MUHAMMAD",
    "NINING", "OMAR", "PRATIWI",
];
const MIDDLE: &[&str] = &[
    "ADI", "BAYU", "CANDRA", "DWI", "EKA", "FIRMAN", "GALIH", "HARI", "IKA", "JAYA", "KUSUMA", "LAKSMI", "MULYA",
    "NANDA", "PUTRA", "PUTRI", "RATNA", "SARI", "TRI", "UTAMA", "WATI", "YOGA", "ZAKI", "ARIF", "BUDIMAN", "CAKRA",
    "DARMA", "ESA", "FAUZI", "GUNTUR", "HIDAYAT", "INTAN", "JATI", "KARYA", "LINTANG", "MAHESA", "NUGRAHA", "PERMANA",
    "RIZKI", "SAPUTRA",
];
const LAST: &[&str] = &[
    "SANTOSO",
    "WIBOWO",
    "HARTONO",
    "SETIAWAN",
    "SUSANTO",
    "PRASETYO",
    "NUGROHO",
    "KURNIAWAN",
    "HIDAYAT",
    "SAPUTRA",
    "LESTARI",
    "RAHAYU",
    "WIJAYA",
    "HALIM",
    "SIREGAR",
    "NASUTION",
    "LUBIS",
    "HARAHAP",
    "SIMANJUNTAK",
    "TAMBUNAN",
    "PANJAITAN",
    "MANURUNG",
    "SEMBIRING",
    "GINTING",
    "TARIGAN",
    "DAULAY",
    "PULUNGAN",
    "RITONGA",
    "BATUBARA",
    "PARDEDE",
    "MOKOGINTA",
    "PAPUTUNGAN",
    "DAMOPOLII",
    "LOKON",
    "MAMONTO",
    "SUMANTI",
    "TUMEWU",
    "WALANGITAN",
    "RUNTUWENE",
    "KAUNANG",
];
const TITLES: &[&str] = &["S.Sos", "S.STP", "S.E.", "S.Kom", "S.H.", "A.Md", "M.Si", "S.AP"];

const TUGAS: &[&str] = &[
    "Menyiapkan bahan penyusunan rencana dan program kerja seksi sesuai ketentuan yang berlaku",
    "Melaksanakan koordinasi dengan instansi terkait dalam rangka kelancaran pelaksanaan tugas",
    "Menghimpun dan mengolah data serta informasi yang berkaitan dengan bidang tugasnya",
    "Memberikan pelayanan administrasi kepada masyarakat sesuai standar pelayanan yang ditetapkan",
    "Menyusun laporan pelaksanaan kegiatan secara berkala kepada atasan langsung",
    "Melaksanakan pembinaan dan pengawasan terhadap pelaksanaan kegiatan di wilayah kecamatan",
    "Melaksanakan tugas kedinasan lain yang diberikan oleh atasan sesuai dengan bidang tugasnya",
];
const FUNGSI: &[&str] = &[
    "Penyusunan rencana kerja dan anggaran sesuai bidang tugas",
    "Pelaksanaan koordinasi penyelenggaraan kegiatan pemerintahan di tingkat kecamatan",
    "Pelaksanaan pemantauan, evaluasi dan pelaporan kegiatan",
    "Pengelolaan administrasi umum, kepegawaian dan keuangan",
];
const RESULTS: &[&str] = &[
    "Meningkatnya kualitas pelayanan administrasi kependudukan",
    "Terlaksananya musyawarah perencanaan pembangunan kecamatan",
    "Tersedianya data dan informasi pembangunan yang akurat",
    "Meningkatnya ketenteraman dan ketertiban umum masyarakat",
    "Terwujudnya tata kelola keuangan yang akuntabel",
    "Meningkatnya partisipasi masyarakat dalam pembangunan desa",
    "Tersusunnya laporan kinerja kecamatan tepat waktu",
    "Meningkatnya kapasitas aparatur pemerintah desa",
];
const OBJECTS: &[&str] = &[
    "permohonan layanan yang diselesaikan sesuai standar pelayanan",
    "dokumen perencanaan yang disampaikan tepat waktu",
    "desa yang menyampaikan laporan penyelenggaraan pemerintahan",
    "pengaduan masyarakat yang ditindaklanjuti",
    "kegiatan pembangunan yang dipantau sesuai jadwal",
    "aparatur desa yang mengikuti pembinaan",
];

/// A small deterministic generator (xorshift), so that the corpus needs no dependency and never changes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// True with probability `percent`/1000.
    fn per_mille(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

/// Person `i` of the province: an 18-digit NIP unique over at least 10 million people, and a name unique among
/// the people who share its birth date (so that N005 finds nothing a real province would not have).
fn person(i: usize) -> (String, String) {
    let group = i / 999;
    let sequence = i % 999 + 1;
    let (year, day) = (1965 + group / 336, group % 336);
    let (month, day) = (day / 28 + 1, day % 28 + 1);
    let tmt_year = year + 24;
    let nip = format!(
        "{year:04}{month:02}{day:02} {tmt_year:04}{:02} {} {sequence:03}",
        i % 12 + 1,
        i % 2 + 1
    );
    let combos = FIRST.len() * MIDDLE.len() * LAST.len();
    let n = (i * 7919) % combos;
    let name = format!(
        "{} {} {}, {}",
        FIRST[n % FIRST.len()],
        MIDDLE[(n / FIRST.len()) % MIDDLE.len()],
        LAST[n / (FIRST.len() * MIDDLE.len())],
        TITLES[i % TITLES.len()]
    );
    (name, nip)
}

struct Position {
    id: String,
    title: String,
    atasan: Option<usize>,
    person: usize,
}

/// The positions of one kecamatan: camat, sekcam, four kasi and two kasubbag under them, staff under each.
fn positions(first_person: usize, unit: &str) -> Vec<Position> {
    let mut out = vec![
        Position {
            id: "camat".into(),
            title: format!("Camat {unit}"),
            atasan: None,
            person: first_person,
        },
        Position {
            id: "sekcam".into(),
            title: "Sekretaris Kecamatan".into(),
            atasan: Some(0),
            person: first_person + 1,
        },
    ];
    let heads = [
        ("kasi-pemerintahan", "Kepala Seksi Pemerintahan", 0),
        ("kasi-pembangunan", "Kepala Seksi Pembangunan", 0),
        ("kasi-trantib", "Kepala Seksi Ketenteraman dan Ketertiban Umum", 0),
        ("kasi-pelayanan", "Kepala Seksi Pelayanan Umum", 0),
        ("kasubbag-umum", "Kepala Sub Bagian Umum dan Kepegawaian", 1),
        ("kasubbag-keuangan", "Kepala Sub Bagian Keuangan", 1),
    ];
    let mut head_index = Vec::new();
    for (id, title, atasan) in heads {
        head_index.push(out.len());
        out.push(Position {
            id: id.into(),
            title: title.into(),
            atasan: Some(atasan),
            person: first_person + out.len(),
        });
    }
    let mut staff = 0;
    while out.len() < POSITIONS_PER_FILE {
        let head = head_index[staff % head_index.len()];
        staff += 1;
        out.push(Position {
            id: format!("staf-{staff}"),
            title: format!("Pengadministrasi Umum {staff}"),
            atasan: Some(head),
            person: first_person + out.len(),
        });
    }
    out
}

/// One kecamatan document; `seed` varies the wording and the planted defects.
pub fn document(index: usize, year: u32) -> String {
    let unit = format!("Kecamatan Contoh {index}");
    let place = format!("Contoh {index}");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (index as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let positions = positions(index * POSITIONS_PER_FILE, &format!("Contoh {index}"));
    let mut y = String::with_capacity(POSITIONS_PER_FILE * 3200);
    let _ = writeln!(
        y,
        "dokumen:\n  id: kecamatan-{index}-{year}\n  unit: {unit}\n  tahun: {year}\n  tempat: {place}\njabatan:"
    );
    for position in &positions {
        let (name, nip) = person(position.person);
        let nip = if rng.per_mille(5) { nip.replace(' ', "") } else { nip };
        let _ = writeln!(y, "  - id: {}\n    nama: {}", position.id, position.title);
        if let Some(atasan) = position.atasan {
            let _ = writeln!(y, "    atasan: {}", positions[atasan].id);
        }
        let _ = writeln!(
            y,
            "    pemangku:\n      nama: \"{name}\"\n      nip: \"{nip}\"\n    tugas:"
        );
        for _ in 0..5 {
            let _ = writeln!(y, "      - {}", rng.pick(TUGAS));
        }
        y.push_str("    fungsi:\n");
        for _ in 0..3 {
            let _ = writeln!(y, "      - {}", rng.pick(FUNGSI));
        }
        y.push_str("    sasaran:\n");
        for s in 1..=3 {
            let _ = writeln!(y, "      - id: S{s}\n        uraian: {} di {unit}", rng.pick(RESULTS));
            if position.atasan.is_some() && !rng.per_mille(20) {
                let _ = writeln!(y, "        mendukung: S{}", rng.next() % 3 + 1);
            }
            y.push_str("        indikator:\n");
            for _ in 0..2 {
                let object = rng.pick(OBJECTS);
                let word = if rng.per_mille(20) { "Prosentase" } else { "Persentase" };
                let _ = writeln!(
                    y,
                    "          - uraian: {word} {object}\n            satuan: persen\n            formula: Jumlah {object} dibagi jumlah seluruhnya dikali 100%\n            target: \"{}%\"\n            sumber_data: [Laporan bulanan {}]",
                    80 + rng.next() % 21,
                    position.title.to_lowercase()
                );
            }
        }
        let date = if rng.per_mille(10) {
            format!("{place}, .....{year}")
        } else {
            format!("{place}, 2 Januari {year}")
        };
        let _ = writeln!(y, "    tanda_tangan:\n      tempat_tanggal: \"{date}\"");
        if let Some(atasan) = position.atasan {
            let (boss, boss_nip) = person(positions[atasan].person);
            let _ = writeln!(
                y,
                "      atasan: {{ jabatan: {}, nama: \"{boss}\", nip: \"{boss_nip}\" }}",
                positions[atasan].title.to_uppercase()
            );
        }
        let _ = writeln!(
            y,
            "      pegawai: {{ jabatan: {}, nama: \"{name}\", nip: \"{nip}\" }}\n",
            position.title.to_uppercase()
        );
    }
    y
}

/// Write a repository of `positions` positions (rounded up to whole documents) under `dir`, in folders of 100
/// documents; returns the number of files and bytes written.
pub fn write(dir: &Path, positions: usize) -> std::io::Result<(usize, u64)> {
    let files = positions.div_ceil(POSITIONS_PER_FILE);
    let mut bytes = 0;
    for index in 0..files {
        let folder = dir.join(format!("kabupaten-{:03}", index / 100));
        std::fs::create_dir_all(&folder)?;
        let text = document(index, 2024);
        bytes += text.len() as u64;
        std::fs::write(folder.join(format!("kecamatan-{index}.yaml")), text)?;
    }
    Ok((files, bytes))
}
