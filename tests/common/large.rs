//! Generators of large documents, shared by `tests/large_inputs.rs` and `benches/large_inputs.rs`: each is a case
//! that used to take time growing with the square of its size.

/// A one-position document around `tugas` (written inside a double-quoted YAML string).
pub fn document_with_tugas(tugas: &str) -> String {
    format!(
        "dokumen:\n  id: besar\n  unit: Kecamatan Contoh\n  tahun: 2024\njabatan:\n  - id: camat\n    nama: Camat Contoh\n    \
         tugas:\n      - \"{tugas}\"\n    sasaran:\n      - uraian: Meningkatnya pelayanan publik\n        indikator:\n          \
         - uraian: Indeks kepuasan masyarakat\n"
    )
}

/// A document whose `tugas` holds one word of `bytes` letters, then a real run-together word (`atasansesuai`).
pub fn long_word(bytes: usize) -> String {
    let long = "abcdefgh".repeat(bytes / 8);
    document_with_tugas(&format!("{long} Melaksanakan tugas atasansesuai ketentuan"))
}

/// A document whose `tugas` holds `count` repeated words (`rapat rapat`), with escapes in between.
pub fn many_repeats(count: usize) -> String {
    let tugas: Vec<String> = (0..count).map(|i| format!("rapat rapat ke-{i} \\\"x\\\",")).collect();
    document_with_tugas(&tugas.join(" "))
}

/// A made-up word for `i`, unlike the word of any other number below 4,096 in its first letters.
fn made_up_word(i: usize, salt: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ba", "ci", "du", "fe", "go", "hu", "ji", "ka", "lo", "mu", "ne", "pi", "ro", "su", "ta", "wo",
    ];
    let n = i * 7 + salt;
    [n % 16, (n / 16) % 16, (n / 256) % 16, salt % 16]
        .iter()
        .map(|&k| SYLLABLES[k])
        .collect()
}

/// A superior with `n` sasaran and a subordinate with `n` unlinked sasaran, the i-th worded like the i-th above.
pub fn many_sasaran(n: usize) -> String {
    let mut yaml = String::from(
        "dokumen:\n  id: besar\n  unit: Kecamatan Contoh\n  tahun: 2024\njabatan:\n  - id: camat\n    nama: Camat\n    sasaran:\n",
    );
    for i in 0..n {
        let (a, b) = (made_up_word(i, 1), made_up_word(i, 2));
        yaml.push_str(&format!(
            "      - id: S{i}\n        uraian: Meningkatnya pelayanan {a} {b} masyarakat desa\n        indikator:\n          \
             - uraian: Indeks {a} masyarakat\n"
        ));
    }
    yaml.push_str("  - id: kasi\n    nama: Kepala Seksi\n    atasan: camat\n    sasaran:\n");
    for i in 0..n {
        let (a, b) = (made_up_word(i, 1), made_up_word(i, 2));
        yaml.push_str(&format!(
            "      - uraian: Tersedianya data pelayanan {a} {b} masyarakat\n        indikator:\n          \
             - uraian: Jumlah laporan {b}\n"
        ));
    }
    yaml
}
