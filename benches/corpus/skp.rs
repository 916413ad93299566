//! A kabupaten's SKPs: one file per employee (about 4 KB), units of 40 people (a leader at the top of the cascade,
//! 8 heads under the leader, 31 staff under the heads), every RHK utama intervening an RHK of the penilai's SKP.
//! Deterministic, with valid and unique NIPs from [`super::person`].

use std::fmt::Write as _;
use std::path::Path;

/// Employees of one unit.
const PER_UNIT: usize = 40;
const HEADS: usize = 8;
const RHK: usize = 4;

const WORK: &[&str] = &[
    "laporan keuangan",
    "data kependudukan",
    "rekomendasi izin usaha",
    "layanan pengaduan masyarakat",
    "dokumen perencanaan",
    "arsip surat masuk dan keluar",
    "data aset kecamatan",
    "laporan kegiatan pembangunan desa",
];

const BERAKHLAK: &[(&str, &str)] = &[
    (
        "berorientasi-pelayanan",
        "Melayani warga dengan ramah dan tuntas pada hari yang sama",
    ),
    (
        "akuntabel",
        "Menyelesaikan pekerjaan sesuai ketentuan dan mempertanggungjawabkannya",
    ),
    (
        "kompeten",
        "Meningkatkan kemampuan mengolah data dengan aplikasi kantor",
    ),
    (
        "harmonis",
        "Menghargai rekan kerja dan menjaga suasana kerja yang rukun",
    ),
    ("loyal", "Menjaga nama baik instansi dan kerahasiaan data"),
    (
        "adaptif",
        "Cepat menyesuaikan diri dengan perubahan aplikasi dan aturan",
    ),
    ("kolaboratif", "Membantu rekan lain saat beban kerja seksi meningkat"),
];

fn nip(person: usize) -> String {
    super::person(person).1.replace(' ', "")
}

/// The SKP of employee `i` (0-based over the kabupaten) for `year`.
pub fn document(i: usize, year: u32) -> String {
    let unit = i / PER_UNIT;
    let role = i % PER_UNIT;
    let leader = unit * PER_UNIT;
    let penilai = match role {
        0 => None,
        r if r <= HEADS => Some(leader),
        r => Some(leader + 1 + (r - HEADS - 1) % HEADS),
    };
    let (name, _) = super::person(i);
    let title = match role {
        0 => "Camat".to_string(),
        r if r <= HEADS => format!("Kepala Seksi {r}"),
        r => format!("Pengolah Data {r}"),
    };
    let mut y = String::with_capacity(4500);
    let _ = writeln!(
        y,
        "skp:\n  id: skp-{i}-{year}\n  tahun: {year}\n  pendekatan: kuantitatif"
    );
    if role == 0 {
        y.push_str("  puncak: true\n");
    }
    let _ = writeln!(
        y,
        "pegawai:\n  nama: \"{name}\"\n  nip: \"{}\"\n  jabatan: {title}\n  unit: Kecamatan {unit}\n  pangkat: Penata (III/c)",
        nip(i)
    );
    match penilai {
        Some(p) => {
            let (penilai_name, _) = super::person(p);
            let _ = writeln!(
                y,
                "pejabat_penilai:\n  nama: \"{penilai_name}\"\n  nip: \"{}\"\n  jabatan: Atasan\n  unit: Kecamatan {unit}",
                nip(p)
            );
        }
        None => y.push_str("pejabat_penilai:\n  nama: \"H. BUPATI KABUPATEN\"\n  jabatan: Bupati\n"),
    }
    let _ = writeln!(y, "periode: {{ mulai: {year}-01-01, selesai: {year}-12-31 }}\nrhk:");
    for r in 0..RHK {
        let work = WORK[(i + r) % WORK.len()];
        let _ = writeln!(
            y,
            "  - id: R{}\n    jenis: utama\n    uraian: Tersusunnya {work} tepat waktu",
            r + 1
        );
        if penilai.is_some() {
            let _ = writeln!(y, "    intervensi: R{}", r + 1);
        }
        let _ = writeln!(
            y,
            "    indikator:\n      - {{ aspek: kuantitas, uraian: Jumlah {work} yang tersusun, target: 12, satuan: dokumen }}\n      - {{ aspek: kualitas, uraian: Persentase {work} yang diterima tanpa perbaikan, target: 90, satuan: persen }}\n      - {{ aspek: waktu, uraian: Lama penyelesaian {work}, target: 12, satuan: bulan }}"
        );
    }
    y.push_str("perilaku:\n");
    for (aspek, ekspektasi) in BERAKHLAK {
        let _ = writeln!(y, "  - aspek: {aspek}\n    ekspektasi: {ekspektasi}");
    }
    y.push_str("lampiran:\n  dukungan_sumber_daya: [\"Anggaran DPA kecamatan\", \"Aplikasi e-Kinerja\"]\n  skema_pertanggungjawaban: [\"Laporan bulanan kepada atasan langsung\"]\n  konsekuensi: [\"Capaian kinerja menjadi dasar tunjangan kinerja\"]\n");
    y
}

/// Write `employees` SKPs under `dir`, in folders of 500 files; returns the number of files and bytes written.
pub fn write(dir: &Path, employees: usize) -> std::io::Result<(usize, u64)> {
    let mut bytes = 0;
    for i in 0..employees {
        let folder = dir.join(format!("opd-{:02}", i / 500));
        std::fs::create_dir_all(&folder)?;
        let text = document(i, 2024);
        bytes += text.len() as u64;
        std::fs::write(folder.join(format!("skp-{i}.yaml")), text)?;
    }
    Ok((employees, bytes))
}
