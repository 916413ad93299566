//! T001–T006 on fixtures (each with a near miss that must not fire), on the two transcribed seeds, and the
//! inline suppression comments (S007, S008).

mod common;
use common::EnglishTexts;

use common::{line_of, lint, primary_text, with_code};
use ikilint::data::Data;
use ikilint::diagnostic::{Applicability, Severity};
use ikilint::i18n::Lang;
use ikilint::lint::Settings;
use std::path::PathBuf;

/// A one-position document whose first indicator is `uraian` (YAML-quoted as given).
fn doc(uraian: &str) -> String {
    format!(
        "dokumen: {{ id: t, unit: Kecamatan Contoh, tahun: 2020 }}\njabatan:\n  - id: camat\n    nama: Camat Contoh\n    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: {uraian}\n"
    )
}

fn examples() -> ikilint::Report {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    ikilint::check(&[root], &Data::builtin(), &Settings::new(Lang::En)).expect("examples load")
}

fn fix_text(d: &ikilint::diagnostic::Diagnostic) -> Option<&str> {
    d.fix.as_ref().map(|f| f.edits[0].replacement.as_str())
}

// ---- on the transcribed seeds -------------------------------------------------------------------------------

#[test]
fn examples_every_prosentase_gets_t001_with_a_fix() {
    let report = examples();
    let mut expected = 0;
    for (_, file) in report.files.iter() {
        expected += file.text.matches("Prosentase").count();
    }
    assert!(expected >= 10);
    let found: Vec<_> = with_code(&report, "T001")
        .into_iter()
        .filter(|d| primary_text(&report, d) == "Prosentase")
        .collect();
    assert_eq!(found.len(), expected);
    for d in found {
        assert_eq!(fix_text(d), Some("Persentase"));
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Safe);
    }
}

#[test]
fn examples_musrtenbang_gets_t002_suggesting_musrenbang() {
    let report = examples();
    let found: Vec<_> = with_code(&report, "T002")
        .into_iter()
        .filter(|d| primary_text(&report, d) == "MUSRTENBANG")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(fix_text(found[0]), Some("MUSRENBANG"));
    assert!(found[0].help_en().contains("MUSRENBANG"));
}

#[test]
fn examples_repeated_words_get_t003() {
    let report = examples();
    let texts: Vec<&str> = with_code(&report, "T003")
        .iter()
        .map(|d| primary_text(&report, d))
        .collect();
    assert!(texts.contains(&"Melaksanakan Melaksanakan"), "{texts:?}");
    assert!(texts.contains(&"Membuat laporan Membuat laporan"), "{texts:?}");
}

#[test]
fn examples_text_findings_are_the_known_ones() {
    let report = examples();
    let t002: Vec<&str> = with_code(&report, "T002")
        .iter()
        .map(|d| primary_text(&report, d))
        .collect();
    // LPDD, MUSRTENBANG, and Trantibun (for Trantibum) ten times in any case.
    let mut distinct: Vec<String> = t002.iter().map(|w| w.to_lowercase()).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct, ["lpdd", "musrtenbang", "trantibun"], "{t002:?}");
    assert_eq!(t002.len(), 12, "{t002:?}");
    assert!(with_code(&report, "T004").is_empty());
    let t006: Vec<&str> = with_code(&report, "T006")
        .iter()
        .map(|d| primary_text(&report, d))
        .collect();
    assert!(
        t006.contains(&"atasansesuai") && t006.contains(&"Umumberdasarkan"),
        "{t006:?}"
    );
}

// ---- T001 ----------------------------------------------------------------------------------------------------

#[test]
fn t001_points_at_the_word_and_keeps_case() {
    let report = lint(&doc("\"PROSENTASE desa dengan \\\"obyek\\\" wisata\""));
    let found = with_code(&report, "T001");
    let words: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(words, ["PROSENTASE", "obyek"]);
    assert_eq!(fix_text(found[0]), Some("PERSENTASE"));
    assert_eq!(fix_text(found[1]), Some("objek"));
    assert_eq!(line_of(&report, found[0]), 8);
}

#[test]
fn t001_and_t003_point_at_the_words_of_folded_and_block_scalars() {
    // A plain scalar folded over two lines: the repeat spans the line break, and its fix removes the break too.
    let report = lint(&doc("Jumlah obyek yang\n              yang dibina"));
    let t001 = with_code(&report, "T001");
    assert_eq!(t001.len(), 1);
    assert_eq!(primary_text(&report, t001[0]), "obyek");
    let t003 = with_code(&report, "T003");
    assert_eq!(t003.len(), 1);
    assert_eq!(primary_text(&report, t003[0]), "yang\n              yang");
    let edit = &t003[0].fix.as_ref().unwrap().edits[0];
    assert_eq!(report.files.get(edit.file).slice(edit.span), "\n              yang");
    // A literal block: each word at its own place.
    let report = lint(&doc(
        "|\n              Jumlah obyek wisata\n              dan obyek lain",
    ));
    let t001 = with_code(&report, "T001");
    let lines: Vec<usize> = t001.iter().map(|d| line_of(&report, d)).collect();
    assert_eq!(lines, [9, 10]);
    assert!(t001.iter().all(|d| primary_text(&report, d) == "obyek"));
}

#[test]
fn t001_standard_forms_and_names_pass() {
    let report = lint(&doc("\"Persentase persentase survei Presentasi\""));
    assert!(with_code(&report, "T001").is_empty());
    // A person's name is written as the person writes it.
    let text = doc("Persentase desa").replace(
        "    nama: Camat Contoh\n",
        "    nama: Camat Contoh\n    pemangku: { nama: \"KARIR SIREGAR\", nip: \"19680125 198611 1 001\" }\n",
    );
    assert!(with_code(&lint(&text), "T001").is_empty());
}

// ---- T002 ----------------------------------------------------------------------------------------------------

#[test]
fn t002_near_miss_of_an_acronym() {
    let report = lint(&doc("\"Tersusunnya LPDD dan Musrembang\""));
    let found = with_code(&report, "T002");
    let words: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(words, ["LPDD", "Musrembang"]);
    assert_eq!(fix_text(found[0]), Some("LPPD"));
    assert_eq!(fix_text(found[1]), Some("Musrenbang"));
    assert_eq!(found[0].fix.as_ref().unwrap().applicability, Applicability::Unsafe);
}

#[test]
fn t002_a_misspelt_term_in_lowercase_is_found_too() {
    let report = lint(&doc("\"Tersusunnya lppd dan data musrembang serta trantibun\""));
    let found = with_code(&report, "T002");
    let words: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(words, ["musrembang", "trantibun"], "{found:#?}");
    assert_eq!(fix_text(found[1]), Some("Trantibum"));
}

#[test]
fn t002_several_close_terms_give_no_fix() {
    let report = lint(&doc("\"Tersedianya SPPD\""));
    let found = with_code(&report, "T002");
    assert_eq!(found.len(), 1);
    assert!(found[0].fix.is_none());
}

#[test]
fn t002_words_that_share_letters_with_a_term_pass() {
    // Known terms in any case, common words of the dictionary in any case near a short acronym (Sakit/SAKIP,
    // lintas/LINMAS), and short words.
    let report = lint(&doc(
        "\"MUSRENBANG Musrenbang musrenbang Renstra Rencana Laporan Sakit sakit SKM SPJ LKjIP LAKIP Siskamling Linmas Lintas lintas data\"",
    ));
    let found = with_code(&report, "T002");
    assert!(
        found.is_empty(),
        "{:?}",
        found.iter().map(|d| d.message_en()).collect::<Vec<_>>()
    );
}

#[test]
fn t002_an_office_term_in_an_extra_rules_directory_is_known() {
    let dir = std::env::temp_dir().join(format!("ikilint-text-extra-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("istilah.yaml"),
        "istilah:\n  - { istilah: SIPPD, kepanjangan: Sistem Informasi Perencanaan Pembangunan Desa }\n",
    )
    .unwrap();
    let text = doc("\"Terinputnya data SIPPD\"");
    let sources = || vec![("t.yaml".to_string(), text.clone())];
    let before = ikilint::check_sources(sources(), &Data::builtin(), &Settings::new(Lang::En));
    assert_eq!(with_code(&before, "T002").len(), 1, "SIPPD is one letter from SIPD");
    let data = Data::with_extra_dirs(std::slice::from_ref(&dir)).unwrap();
    let after = ikilint::check_sources(sources(), &data, &Settings::new(Lang::En));
    assert!(with_code(&after, "T002").is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- T003 ----------------------------------------------------------------------------------------------------

#[test]
fn t003_repeated_word_and_phrase_with_safe_fix() {
    let report = lint(&doc("\"Membuat laporan Membuat laporan pelaksanaan yang yang baik\""));
    let found = with_code(&report, "T003");
    let texts: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(texts, ["Membuat laporan Membuat laporan", "yang yang"]);
    let fix = found[0].fix.as_ref().unwrap();
    assert_eq!(fix.applicability, Applicability::Safe);
    assert_eq!(
        report.files.get(fix.edits[0].file).slice(fix.edits[0].span),
        " Membuat laporan"
    );
    assert_eq!(fix.edits[0].replacement, "");
}

#[test]
fn t003_reduplication_punctuation_and_numbers_pass() {
    let report = lint(&doc("\"rapat-rapat kegiatan, kegiatan 1 1 dokumen\""));
    assert!(with_code(&report, "T003").is_empty());
}

// ---- T004 ----------------------------------------------------------------------------------------------------

fn signed(date: &str) -> String {
    doc("Persentase desa tertib").replace(
        "    sasaran:\n",
        &format!("    tanda_tangan:\n      tempat_tanggal: \"{date}\"\n    sasaran:\n"),
    )
}

#[test]
fn t004_signature_year_differs() {
    let report = lint(&signed("Contoh, 6 Januari 2019"));
    let found = with_code(&report, "T004");
    assert_eq!(found.len(), 1);
    assert_eq!(primary_text(&report, found[0]), "2019");
    assert_eq!(fix_text(found[0]), Some("2020"));
}

#[test]
fn t004_signature_in_the_document_year_or_december_before_passes() {
    for date in [
        "Contoh, 6 Januari 2020",
        "Contoh, .....2020",
        "Contoh, 30 Desember 2019",
    ] {
        assert!(with_code(&lint(&signed(date)), "T004").is_empty(), "{date}");
    }
}

#[test]
fn t004_a_year_in_the_text() {
    let report = lint(&doc("\"Terlaksananya Musrenbang Tahun Anggaran 2017\""));
    assert_eq!(with_code(&report, "T004").len(), 1);
    // Regulations, the year before and after, ranges: all legitimate.
    let report = lint(&doc(
        "\"Sesuai PermenPANRB Nomor 8 Tahun 2021 dan PermenPANRB 8/2021, dibanding tahun 2019, Musrenbang tahun 2021, Renstra tahun 2016-2021\"",
    ));
    assert!(with_code(&report, "T004").is_empty());
}

// ---- T005 ----------------------------------------------------------------------------------------------------

const TWO_POSITIONS: &str = "dokumen: { id: t, unit: Kecamatan Contoh, tahun: 2020 }
jabatan:
  - id: camat
    nama: Camat Contoh
    sasaran:
      - uraian: Meningkatnya pelayanan
        indikator:
          - uraian: \"1. Jumlah laporan pelaksanaan tugas\"
          - uraian: \"Persentase desa tertib administrasi\"
          - uraian: \"jumlah laporan pelaksanaan tugas.\"
  - id: kasi
    nama: Kepala Seksi Pemerintahan
    atasan: camat
    sasaran:
      - uraian: Tersusunnya laporan
        indikator:
          - uraian: \"Persentase desa tertib administrasi\"
          - uraian: \"Persentase desa yang tertib administrasi kependudukan\"
";

#[test]
fn t005_same_indicator_twice_in_a_position_and_copied_between_positions() {
    let report = lint(TWO_POSITIONS);
    let found = with_code(&report, "T005");
    assert_eq!(
        found.len(),
        2,
        "{:?}",
        found.iter().map(|d| d.message_en()).collect::<Vec<_>>()
    );
    assert_eq!(line_of(&report, found[0]), 10);
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].secondary.len(), 1);
    assert_eq!(line_of(&report, found[1]), 17);
    assert_eq!(found[1].severity, Severity::Info);
}

/// Three positions under one camat: two holders of the same title, and a peer with another title, all with
/// one indicator copied word for word from the first.
const PEERS: &str = "dokumen: { id: t, unit: Kecamatan Contoh, tahun: 2020 }
jabatan:
  - id: camat
    nama: Camat Contoh
    sasaran:
      - uraian: Meningkatnya pelayanan
        indikator:
          - uraian: \"Jumlah dokumen perencanaan yang disusun\"
  - id: staf-a
    nama: Pengadministrasi Umum
    atasan: camat
    sasaran:
      - uraian: Tersusunnya dokumen
        indikator:
          - uraian: \"Jumlah surat yang diarsipkan\"
  - id: staf-b
    nama: PENGADMINISTRASI  UMUM
    atasan: camat
    sasaran:
      - uraian: Tersusunnya dokumen
        indikator:
          - uraian: \"Jumlah surat yang diarsipkan\"
  - id: staf-c
    nama: Pengolah Data
    atasan: camat
    sasaran:
      - uraian: Tersusunnya dokumen
        indikator:
          - uraian: \"Jumlah surat yang diarsipkan\"
          - uraian: \"Jumlah dokumen perencanaan yang disusun\"
";

#[test]
fn t005_same_title_is_not_a_copy_and_a_peer_is_not_called_a_superior() {
    let report = lint(PEERS);
    let found = with_code(&report, "T005");
    // staf-b has staf-a's title (two holders of one position): nothing. staf-c is a peer of staf-a, and a
    // subordinate of the camat.
    let lines: Vec<usize> = found.iter().map(|d| line_of(&report, d)).collect();
    assert_eq!(lines, [29, 30], "{found:#?}");
    let peer = found[0].help_en();
    assert!(!peer.contains("superior"), "{peer}");
    let superior = found[1].help_en();
    assert!(superior.contains("superior"), "{superior}");
}

#[test]
fn t005_different_indicators_pass() {
    let report = lint(&doc("\"Persentase desa tertib\""));
    assert!(with_code(&report, "T005").is_empty());
}

// ---- T006 ----------------------------------------------------------------------------------------------------

#[test]
fn t006_two_words_run_together() {
    let report = lint(&doc(
        "\"perintah atasansesuai dengan Seksi Pemerintahan Umumberdasarkan ketentuan\"",
    ));
    let found = with_code(&report, "T006");
    let words: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(words, ["atasansesuai", "Umumberdasarkan"]);
    assert_eq!(fix_text(found[0]), Some("atasan sesuai"));
    assert_eq!(fix_text(found[1]), Some("Umum berdasarkan"));
    assert_eq!(found[0].severity, Severity::Info);
}

#[test]
fn t006_splits_at_a_capital_inside_when_both_halves_are_words() {
    let report = lint(&doc("\"data PendapatanAsli dan LaporanKeuangan daerah\""));
    let found = with_code(&report, "T006");
    let fixes: Vec<Option<&str>> = found.iter().map(|d| fix_text(d)).collect();
    assert_eq!(fixes, [Some("Pendapatan Asli"), Some("Laporan Keuangan")], "{found:#?}");
    // Near miss: an inner capital after a short prefix or between halves that are not both words, and codes.
    let report = lint(&doc("\"aplikasi eKinerja, SiKAP, WhatsApp dan KabupatenXyzzq\""));
    assert!(
        with_code(&report, "T006").is_empty(),
        "{:#?}",
        with_code(&report, "T006")
    );
}

#[test]
fn t006_leaves_a_bound_form_written_with_its_word() {
    // T001 joins `antar umat` into `antarumat` (EYD V); splitting it again would undo that fix at every round.
    let report = lint(&doc(
        "\"kerukunan antarumat beragama dan pascabencana serta nonperizinan\"",
    ));
    assert!(
        with_code(&report, "T006").is_empty(),
        "{:#?}",
        with_code(&report, "T006")
    );
    // Words run together without a bound form in front are still split.
    let report = lint(&doc("\"kerukunan antarumat atasansesuai\""));
    let found = with_code(&report, "T006");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(fix_text(found[0]), Some("atasan sesuai"));
}

#[test]
fn t006_real_words_compounds_and_place_names_pass() {
    let report = lint(&doc(
        "\"pertanggungjawaban daripada sebagaimana olahraga Kelurahan Sukamaju MUSRENBANG pelaksanaannya\"",
    ));
    assert!(with_code(&report, "T006").is_empty());
}

// ---- suppression ---------------------------------------------------------------------------------------------

#[test]
fn allow_on_the_line_and_on_the_line_before() {
    let same_line = doc("\"Prosentase desa\"  # ikilint: allow(T001)");
    let report = lint(&same_line);
    assert!(with_code(&report, "T001").is_empty());
    assert!(with_code(&report, "S007").is_empty());
    let line_before = doc("\"Prosentase desa\"").replace(
        "          - uraian: \"Prosentase",
        "          # ikilint: allow(non-standard-spelling)\n          - uraian: \"Prosentase",
    );
    let report = lint(&line_before);
    assert!(with_code(&report, "T001").is_empty());
    assert!(with_code(&report, "S007").is_empty());
}

#[test]
fn allow_file_suppresses_everywhere_in_the_file() {
    let text = format!("# ikilint: allow-file(T001)\n{}", doc("\"Prosentase desa\""));
    let report = lint(&text);
    assert!(with_code(&report, "T001").is_empty());
    assert!(with_code(&report, "S007").is_empty());
}

#[test]
fn a_stale_allow_is_reported_with_a_fix() {
    let report = lint(&doc("\"Persentase desa\"  # ikilint: allow(T001)"));
    let found = with_code(&report, "S007");
    assert_eq!(found.len(), 1);
    assert_eq!(primary_text(&report, found[0]), "# ikilint: allow(T001)");
    let fix = found[0].fix.as_ref().unwrap();
    assert_eq!(
        report.files.get(fix.edits[0].file).slice(fix.edits[0].span),
        "  # ikilint: allow(T001)"
    );
    // Only the stale code of two is removed.
    let report = lint(&doc("\"Prosentase desa\"  # ikilint: allow(T001, T003)"));
    let found = with_code(&report, "S007");
    assert_eq!(found.len(), 1);
    assert_eq!(fix_text(found[0]), Some("T001"));
}

#[test]
fn unknown_code_in_a_suppression_is_s008_and_hash_in_strings_is_text() {
    let report = lint(&doc("\"Prosentase desa\"  # ikilint: allow(T0001)"));
    let found = with_code(&report, "S008");
    assert_eq!(found.len(), 1);
    assert_eq!(primary_text(&report, found[0]), "T0001");
    assert!(found[0].help_en().contains("T001"));
    assert_eq!(with_code(&report, "T001").len(), 1);
    let report = lint(&doc("\"Prosentase # ikilint: allow(T001)\""));
    assert_eq!(with_code(&report, "T001").len(), 1);
    assert!(with_code(&report, "S007").is_empty());
}

#[test]
fn suppression_and_year_findings_render_in_indonesian() {
    let text = signed("Contoh, 6 Januari 2019").replace(
        "          - uraian: Persentase desa tertib\n",
        "          - uraian: Persentase desa tertib  # ikilint: allow(T001, T0003)\n",
    );
    let report = ikilint::check_sources(
        vec![("iki.yaml".to_string(), text)],
        &Data::builtin(),
        &Settings::new(Lang::Id),
    );
    let mut buffer = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    ikilint::render::human::render(&report, Lang::Id, &mut buffer).unwrap();
    let rendered = String::from_utf8(buffer.into_inner()).unwrap();
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(
        codes.contains(&"T004") && codes.contains(&"S007") && codes.contains(&"S008"),
        "{codes:?}"
    );
    insta::assert_snapshot!(rendered);
}

#[test]
fn a_stale_allow_alone_on_its_line_is_removed_with_its_line() {
    let text = doc("\"Persentase desa\"").replace(
        "          - uraian: \"Persentase",
        "          # ikilint: allow(T003)\n          - uraian: \"Persentase",
    );
    let report = lint(&text);
    let found = with_code(&report, "S007");
    assert_eq!(found.len(), 1);
    let edit = &found[0].fix.as_ref().unwrap().edits[0];
    assert_eq!(
        report.files.get(edit.file).slice(edit.span),
        "          # ikilint: allow(T003)\n"
    );
}

#[test]
fn t005_numbers_with_a_thousands_dot_are_not_list_marks() {
    let text = "dokumen:\n  id: contoh\n  unit: Kecamatan Contoh\n  tahun: 2024\njabatan:\n  - id: camat\n    nama: Camat Contoh\n    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: \"1.000 warga terlayani\"\n          - uraian: \"2.000 warga terlayani\"\n          - uraian: \"1. Jumlah laporan\"\n          - uraian: \"2. Jumlah laporan\"\n";
    let report = lint(text);
    let found = with_code(&report, "T005");
    assert_eq!(
        found.len(),
        1,
        "{:?}",
        found.iter().map(|d| d.message_en()).collect::<Vec<_>>()
    );
    assert_eq!(primary_text(&report, found[0]), "\"2. Jumlah laporan\"");
}

// ---- T007 ----------------------------------------------------------------------------------------------------

/// A document whose tugas are `tugas` (each YAML-quoted as given), held by a named person in a named place.
fn with_tugas(tugas: &[&str]) -> String {
    let items: String = tugas.iter().map(|t| format!("      - {t}\n")).collect();
    format!(
        "dokumen: {{ id: t, unit: Kecamatan Lowokwaru, tahun: 2020, tempat: Lowokwaru }}\njabatan:\n  - id: camat\n    nama: Camat Lowokwaru\n    pemangku: {{ nama: \"SUTARJO WIRYOPRANOTO\", nip: \"19680125 198611 1 001\" }}\n    tugas:\n{items}    sasaran:\n      - uraian: Meningkatnya pelayanan\n        indikator:\n          - uraian: Jumlah layanan\n"
    )
}

#[test]
fn t007_typos_of_common_words_with_the_nearest_word() {
    let report = lint(&with_tugas(&[
        "\"membntu pelaksanaan program bidang kesejahteraan\"",
        "\"Laporan kegiatan tahunan orgaisasi kemasyarakatan\"",
        "\"penyusunan dokumen admistrasi kependudukan\"",
    ]));
    let found = with_code(&report, "T007");
    let words: Vec<&str> = found.iter().map(|d| primary_text(&report, d)).collect();
    assert_eq!(words, ["membntu", "orgaisasi", "admistrasi"], "{found:#?}");
    assert!(found.iter().all(|d| d.severity == Severity::Warning));
    // One nearest dictionary word: an unsafe fix; several: named in the help, no fix.
    let orgaisasi = found[1];
    assert_eq!(fix_text(orgaisasi), Some("organisasi"));
    assert_eq!(orgaisasi.fix.as_ref().unwrap().applicability, Applicability::Unsafe);
    assert!(found[0].help_en().contains("membantu"));
}

#[test]
fn t007_is_quiet_on_names_places_acronyms_codes_foreign_and_correct_words() {
    let report = lint(&with_tugas(&[
        // The holder's name, the unit's place, a capitalised name after a place word, acronyms and a code.
        "\"koordinasi dengan Sutarjo di Lowokwaru dan Kelurahan Tunggulwulung, SAKIP, SiKAP, e-Kinerja v2\"",
        // A URL, an e-mail address, foreign words offices use, hyphenated and affixed standard words.
        "\"unggah di https://sipd.kemendagri.go.id atau kirim ke humas_kec@malangkota.go.id secara online\"",
        "\"peraturan perundang-undangan yang berlaku, dipertanggungjawabkan dan dikoordinasikan\"",
        // An abbreviation before a dot, and a word far from every dictionary word (a term, not a typo).
        "\"Pembina Tk. I menyusun rencana Xyzzyqua\"",
    ]));
    assert!(
        with_code(&report, "T007").is_empty(),
        "{:#?}",
        with_code(&report, "T007")
    );
}

/// Words of prose (not names) in a set of files, and the T007 findings in them.
fn t007_per_thousand_words(paths: &[&str]) -> (usize, usize) {
    let sources: Vec<(String, String)> = paths
        .iter()
        .map(|p| (p.to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let workspace = ikilint::workspace::load_sources(sources.clone());
    let words: usize = workspace
        .documents
        .iter()
        .flat_map(|d| d.texts())
        .filter(|(key, _)| !matches!(*key, "pemangku.nama" | "tanda_tangan.nama"))
        .map(|(_, text)| ikilint::words::words(&text.value).len())
        .sum();
    let report = ikilint::check_sources(sources, &Data::builtin(), &Settings::new(Lang::En));
    (with_code(&report, "T007").len(), words)
}

#[test]
fn t007_findings_per_thousand_words_on_the_examples() {
    // Printed for the README: `cargo test --test text t007_findings_per -- --nocapture`.
    let (clean, clean_words) = t007_per_thousand_words(&["examples/contoh-bersih-2024.yaml"]);
    let (seeds, seed_words) =
        t007_per_thousand_words(&["examples/masama-2020.yaml", "examples/tanjung-redeb-2022.yaml"]);
    println!(
        "clean example: {clean} in {clean_words} words; seeds: {seeds} in {seed_words} words ({:.2} per 1,000)",
        seeds as f64 * 1000.0 / seed_words as f64
    );
    assert_eq!(clean, 0);
    assert!(clean_words > 150);
    // Every finding on the seeds is a real typo (checked by hand); more would be noise.
    assert!((15..=25).contains(&seeds), "{seeds}");
}
