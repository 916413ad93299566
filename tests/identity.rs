//! N — names and NIPs: the examples, a fixture and a near miss for every rule, and a property test of NIP parsing.

mod common;
use common::EnglishTexts;

use common::{lint, lint_files, primary_text, with_code};
use ikilint::Report;
use ikilint::diagnostic::{Applicability, Diagnostic};
use proptest::prelude::*;

fn example(name: &str) -> (String, String) {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    (path.clone(), std::fs::read_to_string(&path).expect("example exists"))
}

fn examples() -> Report {
    let (a, at) = example("masama-2020.yaml");
    let (b, bt) = example("tanjung-redeb-2022.yaml");
    lint_files(&[(&a, &at), (&b, &bt)])
}

fn n_findings(report: &Report) -> Vec<&Diagnostic> {
    report.diagnostics.iter().filter(|d| d.code.starts_with('N')).collect()
}

/// The text under a secondary label.
fn label_text<'r>(report: &'r Report, label: &ikilint::diagnostic::Label) -> &'r str {
    report.files.get(label.file).slice(label.span)
}

fn codes(report: &Report) -> Vec<&'static str> {
    n_findings(report).iter().map(|d| d.code).collect()
}

/// One document with the given `jabatan:` items (indented by two spaces).
fn doc(id: &str, year: i64, jabatan: &str) -> String {
    format!("dokumen:\n  id: {id}\n  unit: Kecamatan Masama\n  tahun: {year}\n  tempat: Masama\njabatan:\n{jabatan}")
}

/// A position with one sasaran, an optional atasan, holder and signature block (already indented YAML).
fn position(id: &str, nama: &str, atasan: Option<&str>, pemangku: Option<(&str, &str)>, tanda_tangan: &str) -> String {
    let mut out = format!("  - id: {id}\n    nama: \"{nama}\"\n");
    if let Some(a) = atasan {
        out.push_str(&format!("    atasan: {a}\n"));
    }
    if let Some((n, nip)) = pemangku {
        out.push_str(&format!("    pemangku:\n      nama: \"{n}\"\n      nip: \"{nip}\"\n"));
    }
    out.push_str("    sasaran:\n      - uraian: \"Terlaksananya tugas\"\n        indikator:\n          - uraian: \"Jumlah laporan\"\n");
    if !tanda_tangan.is_empty() {
        out.push_str(&format!("    tanda_tangan:\n{tanda_tangan}"));
    }
    out
}

fn holder_only(nip: &str) -> String {
    doc(
        "d",
        2022,
        &position("camat", "Camat Masama", None, Some(("AHMAD YANI", nip)), ""),
    )
}

fn apply(text: &str, d: &Diagnostic) -> String {
    let fix = d.fix.as_ref().expect("a fix");
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.range(), &e.replacement);
    }
    out
}

// ---------------------------------------------------------------- the examples

#[test]
fn examples_shared_nips_are_n004() {
    let report = examples();
    let n004 = with_code(&report, "N004");
    assert_eq!(n004.len(), 2, "{n004:#?}");
    assert!(primary_text(&report, n004[0]).contains("19730808 201001 1 005"));
    assert!(n004[0].message_en().contains("SUDIRMAN USMAN") && n004[0].message_en().contains("I PUTU ARIANTO"));
    assert!(primary_text(&report, n004[1]).contains("19731231 201001 1 013"));
    assert!(n004[1].message_en().contains("MAWARTI") && n004[1].message_en().contains("MINARI"));
    // The secondary label points at the other person.
    let other = &n004[0].secondary[0];
    assert!(label_text(&report, other).contains("19730808 201001 1 005"));
    assert_eq!(report.files.get(other.file).position(other.span.start).line, 85);
}

#[test]
fn examples_minari_signing_with_mawartis_nip_is_one_n004_naming_her_own_nip() {
    let report = examples();
    // MINARI signs with MAWARTI's NIP: one defect, reported once (N004), not also as N005 on the same line.
    assert!(
        with_code(&report, "N005").is_empty(),
        "{:#?}",
        with_code(&report, "N005")
    );
    let n004: Vec<_> = with_code(&report, "N004")
        .into_iter()
        .filter(|d| d.message_en().contains("MINARI"))
        .collect();
    assert_eq!(n004.len(), 1);
    let labels: Vec<String> = n004[0]
        .secondary
        .iter()
        .map(|l| l.text(ikilint::i18n::Lang::En))
        .collect();
    // MAWARTI's place, her own NIP elsewhere, and the two other signatures with the wrong NIP.
    assert_eq!(labels.len(), 4, "{labels:?}");
    assert!(labels.iter().any(|l| l.contains("19691110 200003 2 006")), "{labels:?}");
    let help = n004[0].help_en();
    assert!(help.contains("19691110 200003 2 006"), "{help}");
    assert!(with_code(&report, "N007").is_empty());
}

#[test]
fn examples_nineteen_digit_nip_is_n001() {
    let report = examples();
    let n001 = with_code(&report, "N001");
    // The holder's NIP and the same text in the signature block: one finding with a label at the copy.
    assert_eq!(n001.len(), 1);
    assert!(primary_text(&report, n001[0]).contains("119670309 200701 1 032"));
    assert_eq!(n001[0].secondary.len(), 1);
    assert!(label_text(&report, &n001[0].secondary[0]).contains("119670309 200701 1 032"));
}

#[test]
fn examples_every_placeholder_is_n009() {
    let report = examples();
    // Masama's placeholders (Tanjung Redeb's one N009, a date without a day, is tested on its own).
    let n009: Vec<_> = with_code(&report, "N009")
        .into_iter()
        .filter(|d| report.files.get(d.primary.file).name.ends_with("masama-2020.yaml"))
        .collect();
    let (name, text) = example("masama-2020.yaml");
    // Every field written as dots or a bare `Nip.`, on every line of the source, is labelled; a signer whose
    // name and NIP are both blank is one finding with a label on each.
    let line_of_label = |l: &ikilint::diagnostic::Label| report.files.get(l.file).position(l.span.start).line;
    let mut expected = 0;
    let mut blank_people = 0;
    for (i, line) in text.lines().enumerate() {
        let fields =
            line.matches("\".....\"").count() + line.matches("\"Nip.\"").count() + line.matches(".....2020").count();
        if fields == 0 {
            continue;
        }
        expected += fields;
        if line.contains("nama: \".....\", nip: \"Nip.\"") {
            blank_people += 1;
        }
        let labels = n009
            .iter()
            .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
            .filter(|l| line_of_label(l) == i + 1)
            .count();
        assert_eq!(labels, fields, "{name}:{}: {line}", i + 1);
    }
    assert_eq!(expected, 39);
    assert_eq!(blank_people, 6);
    assert_eq!(n009.len(), expected - blank_people);
    // A placeholder NIP is not also malformed.
    assert!(
        with_code(&report, "N001")
            .iter()
            .all(|d| !primary_text(&report, d).contains("Nip."))
    );
}

#[test]
fn examples_pengadministrasi_pemerintahan_signed_with_another_title_is_n008() {
    let report = examples();
    let n008 = with_code(&report, "N008");
    let kekayaan: Vec<_> = n008
        .iter()
        .filter(|d| primary_text(&report, d).contains("PENGELOLA KEKAYAAN DESA DAN ADMINISTRASI DESA"))
        .collect();
    assert_eq!(kekayaan.len(), 3);
    for d in kekayaan {
        assert!(
            d.message_en().contains("Pengadministrasi Pemerintahan"),
            "{}",
            d.message_en()
        );
    }
    // The fourth is real too: the seed prints BENDAHARA BARANG under the Pengelola Sarana Prasarana Kantor IKI.
    assert_eq!(n008.len(), 4, "{n008:#?}");
}

#[test]
fn examples_good_nip_gets_nothing_and_totals_are_pinned() {
    let report = examples();
    let (_, redeb) = example("tanjung-redeb-2022.yaml");
    assert!(redeb.contains("19641201 199703 1 003"));
    let redeb_file = report
        .files
        .iter()
        .position(|(_, f)| f.name.ends_with("tanjung-redeb-2022.yaml"));
    assert!(redeb_file.is_some());
    // Tanjung Redeb's one N009 is its signature date without a day; its NIP is good.
    for d in n_findings(&report).into_iter().filter(|d| d.code != "N009") {
        let file = report.files.get(d.primary.file);
        assert!(!file.name.ends_with("tanjung-redeb-2022.yaml"), "{d:#?}");
        for label in &d.secondary {
            assert!(
                !report.files.get(label.file).slice(label.span).contains("19641201"),
                "{d:#?}"
            );
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for code in codes(&report) {
        *counts.entry(code).or_insert(0) += 1;
    }
    let counts: Vec<_> = counts.into_iter().collect();
    assert_eq!(counts, vec![("N001", 1), ("N004", 2), ("N008", 4), ("N009", 34)]);
}

// ---------------------------------------------------------------- N001 – N003, N010: one NIP

#[test]
fn n001_length_letters_and_gender() {
    for (nip, what) in [
        ("19680125 198611 1 01", "17 digits"),
        ("19680125 198611 1 0O1", "a letter O"),
        ("19680125 198611 3 001", "gender 3"),
        ("19680125 198611 1 000", "sequence 000"),
    ] {
        let report = lint(&holder_only(nip));
        assert_eq!(codes(&report), ["N001"], "{what}: {:#?}", report.diagnostics);
    }
    // Near miss: a label and odd spacing are not malformed (only N003 for the spacing).
    let report = lint(&holder_only("Nip. 19680125 198611 1 001"));
    assert!(codes(&report).is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn n002_impossible_dates_and_ages() {
    let report = lint(&holder_only("19850230 201001 2 003"));
    assert_eq!(codes(&report), ["N002"]);
    let d = with_code(&report, "N002")[0];
    assert_eq!(primary_text(&report, d), "19850230", "points at the birth date group");
    assert!(d.message_en().contains("birth date"));

    let report = lint(&holder_only("19850203 201013 2 003"));
    assert_eq!(codes(&report), ["N002"], "month 13");

    // Age 16 at TMT.
    let report = lint(&holder_only("19900101 200601 1 001"));
    assert_eq!(codes(&report), ["N002"]);
    assert!(
        with_code(&report, "N002")[0].message_en().contains("at 16"),
        "{:#?}",
        report.diagnostics
    );

    // TMT after the document's year (2022).
    let report = lint(&holder_only("19900101 202301 1 001"));
    assert_eq!(codes(&report), ["N002"]);

    // Near misses: 29 February of a leap year; exactly 18 on the first day of the TMT month.
    assert!(codes(&lint(&holder_only("19880229 201001 1 001"))).is_empty());
    assert!(codes(&lint(&holder_only("19900101 200801 1 001"))).is_empty());
    assert_eq!(
        codes(&lint(&holder_only("19900102 200801 1 001"))),
        ["N002"],
        "one day short of 18"
    );
}

#[test]
fn pppk_numbers_are_read_as_pppk() {
    // A valid PPPK number: contract year 2021, first contract; aged 50 (no N010 for PPPK).
    let report = lint(&holder_only("19710505 202121 2 005"));
    assert!(codes(&report).is_empty(), "{:#?}", report.diagnostics);
    // Month 20 is neither a month nor a PPPK group.
    assert_eq!(codes(&lint(&holder_only("19710505 202120 2 005"))), ["N002"]);
    // A PPPK contract after the document's year is still impossible.
    assert_eq!(codes(&lint(&holder_only("19710505 202321 2 005"))), ["N002"]);
    let decoded = ikilint::nip::Nip::parse("19710505 202121 2 005")
        .unwrap()
        .decode()
        .expect("decodes");
    assert_eq!(decoded.kind, ikilint::nip::Kind::Pppk { contract: 1 });
    assert_eq!(decoded.age_at_tmt(), 50);
}

#[test]
fn n003_grouping_with_safe_fix() {
    let text = holder_only("19740719 199903 1003");
    let report = lint(&text);
    assert_eq!(codes(&report), ["N003"]);
    let d = with_code(&report, "N003")[0];
    let fix = d.fix.as_ref().expect("N003 offers a fix");
    assert_eq!(fix.applicability, Applicability::Safe);
    let fixed = apply(&text, d);
    assert!(fixed.contains("nip: \"19740719 199903 1 003\""), "{fixed}");
    assert!(codes(&lint(&fixed)).is_empty());

    // Run together, with a label kept.
    let text = holder_only("NIP. 197407191999031003");
    let report = lint(&text);
    let fixed = apply(&text, with_code(&report, "N003")[0]);
    assert!(fixed.contains("\"NIP. 19740719 199903 1 003\""), "{fixed}");

    // Groups separated by dashes or dots are read, and regrouped.
    for written in ["19740719-199903-1-003", "19740719.199903.1.003"] {
        let text = holder_only(written);
        let report = lint(&text);
        assert_eq!(codes(&report), ["N003"], "{written}");
        let fixed = apply(&text, with_code(&report, "N003")[0]);
        assert!(fixed.contains("nip: \"19740719 199903 1 003\""), "{fixed}");
    }
    // A dash that does not follow a digit is not a separator.
    assert_eq!(codes(&lint(&holder_only("-19740719 199903 1 003"))), ["N001"]);

    // Near miss: the standard grouping, with or without a label.
    assert!(codes(&lint(&holder_only("19740719 199903 1 003"))).is_empty());
    assert!(codes(&lint(&holder_only("NIP : 19740719 199903 1 003"))).is_empty());
}

#[test]
fn n010_unusual_age_only_from_2015() {
    let report = lint(&holder_only("19700101 201801 1 001"));
    assert_eq!(codes(&report), ["N010"]);
    assert!(with_code(&report, "N010")[0].message_en().contains("48"));
    // Near misses: 46 with TMT 2010 (a contract-worker conversion); exactly 40 in 2018.
    assert!(codes(&lint(&holder_only("19630119 201001 1 001"))).is_empty());
    assert!(codes(&lint(&holder_only("19771201 201801 1 001"))).is_empty());
}

// ---------------------------------------------------------------- N009 placeholders

#[test]
fn n009_placeholders_and_a_bupati_without_nip() {
    let tt = "      tempat_tanggal: \"Masama, .....2020\"\n      atasan: { jabatan: \"BUPATI BANGGAI\", nama: \"Ir. H. HERWIN YATIM\" }\n      pegawai: { jabatan: \"CAMAT MASAMA\", nama: \"…\", nip: \"Nip.\" }\n";
    let text = doc("d", 2020, &position("camat", "Camat Masama", None, None, tt));
    let report = lint(&text);
    let n009 = with_code(&report, "N009");
    let texts: Vec<_> = n009.iter().map(|d| primary_text(&report, d)).collect();
    // The date, and the blank signer once: name and NIP are one finding with a label on each.
    assert_eq!(texts, [".....", "…"], "{n009:#?}");
    assert_eq!(label_text(&report, &n009[1].secondary[0]), "\"Nip.\"");
    assert_eq!(codes(&report), ["N009", "N009"], "a placeholder NIP is not also N001");

    // Near miss: the same block filled in; the Bupati has no `nip` key, which is not a placeholder.
    let tt = "      tempat_tanggal: \"Masama, 6 Januari 2020\"\n      atasan: { jabatan: \"BUPATI BANGGAI\", nama: \"Ir. H. HERWIN YATIM\" }\n      pegawai: { jabatan: \"CAMAT MASAMA\", nama: \"KAMALUDDIN DJANO, S.Pd., SH\", nip: \"19680125 198611 1 001\" }\n";
    let text = doc(
        "d",
        2020,
        &position(
            "camat",
            "Camat Masama",
            None,
            Some(("KAMALUDDIN DJANO, S.Pd., SH", "19680125 198611 1 001")),
            tt,
        ),
    );
    let report = lint(&text);
    assert!(codes(&report).is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn n009_suggests_the_holder_for_a_blank_signature() {
    let text = samran("19730916 199606 1 001", ".....", "Nip.");
    let report = lint(&text);
    assert_eq!(codes(&report), ["N009"], "{:#?}", report.diagnostics);
    let help = with_code(&report, "N009")[0].help_en();
    assert!(
        help.contains("`SAMRAN DAUD`") && help.contains("`19730916 199606 1 001`"),
        "{help}"
    );

    // Near miss: only the NIP is blank, so the finding is about the NIP alone, with no second label.
    let text = samran("19730916 199606 1 001", "SAMRAN DAUD", "Nip.");
    let report = lint(&text);
    let n009 = with_code(&report, "N009");
    assert_eq!(n009.len(), 1, "{n009:#?}");
    assert!(n009[0].secondary.is_empty());
    assert!(n009[0].help_en().contains("`19730916 199606 1 001`"));
    assert!(!n009[0].help_en().contains("SAMRAN"));
}

#[test]
fn nip_defect_in_holder_and_signature_is_one_finding() {
    // The holder's malformed NIP printed again in the signature block: one N001 with a label at the copy.
    let text = samran("119730916 199606 1 001", "SAMRAN DAUD", "119730916 199606 1 001");
    let report = lint(&text);
    assert_eq!(codes(&report), ["N001"], "{:#?}", report.diagnostics);
    assert_eq!(with_code(&report, "N001")[0].secondary.len(), 1);

    // The same badly grouped NIP twice: one N003 whose fix rewrites both.
    let text = samran("197309161996061001", "SAMRAN DAUD", "197309161996061001");
    let report = lint(&text);
    assert_eq!(codes(&report), ["N003"], "{:#?}", report.diagnostics);
    let fixed = apply(&text, with_code(&report, "N003")[0]);
    assert_eq!(fixed.matches("19730916 199606 1 001").count(), 2, "{fixed}");

    // Near miss: two different malformed NIPs are two findings.
    let text = samran("119730916 199606 1 001", "SAMRAN DAUD", "19730916 199606 1 0011");
    let report = lint(&text);
    let n001 = with_code(&report, "N001");
    assert_eq!(n001.len(), 2, "{n001:#?}");
    assert!(n001.iter().all(|d| d.secondary.is_empty()));
}

#[test]
fn n004_names_the_persons_own_nip_and_n005_stays_quiet() {
    // MINARI holds her own NIP, but signs as atasan with MAWARTI's: one N004 naming her own NIP, no N005.
    let atasan = "      tempat_tanggal: \"Masama, 6 Januari 2022\"\n      atasan: { jabatan: \"KASUBBAG UMUM\", nama: \"MINARI, SH\", nip: \"19731231 201001 1 013\" }\n";
    let jabatan = position(
        "kasubbag",
        "Kasubbag Umum",
        None,
        Some(("MINARI, SH", "19691110 200003 2 006")),
        "",
    ) + &position(
        "kasi",
        "Kasi PIP",
        None,
        Some(("MAWARTI, SH", "19731231 201001 1 013")),
        "",
    ) + &position("staf", "Pengolah Data", Some("kasubbag"), None, atasan);
    let report = lint(&doc("a", 2022, &jabatan));
    let found: Vec<_> = codes(&report).into_iter().filter(|c| *c != "N007").collect();
    assert_eq!(found, ["N004"], "{:#?}", report.diagnostics);
    let d = with_code(&report, "N004")[0];
    assert!(d.help_en().contains("19691110 200003 2 006"), "{d:#?}");
    assert!(
        d.secondary
            .iter()
            .any(|l| l.text(ikilint::i18n::Lang::En).contains("19691110 200003 2 006"))
    );
}

#[test]
fn n009_a_signature_date_without_a_day() {
    let dated = |date: &str| {
        let tt = format!(
            "      tempat_tanggal: \"{date}\"\n      pegawai: {{ jabatan: \"CAMAT MASAMA\", nama: \"AHMAD YANI\", nip: \"19680125 198611 1 001\" }}\n"
        );
        let holder = Some(("AHMAD YANI", "19680125 198611 1 001"));
        doc("d", 2022, &position("camat", "Camat Masama", None, holder, &tt))
    };
    for date in ["Tanjung Redeb, Januari 2022", "Masama,   Desember 2021"] {
        let report = lint(&dated(date));
        let n009 = with_code(&report, "N009");
        assert_eq!(n009.len(), 1, "{date}: {n009:#?}");
        assert!(n009[0].message_en().contains("no day"), "{}", n009[0].message_en());
    }
    // Near miss: a full date, in words or in numbers.
    for date in [
        "Tanjung Redeb, 3 Januari 2022",
        "Masama, 03-01-2022",
        "Masama, 3/1/2022",
    ] {
        assert!(with_code(&lint(&dated(date)), "N009").is_empty(), "{date}");
    }
}

#[test]
fn n009_dash_and_titles_only() {
    let tt = "      tempat_tanggal: \"Masama,\"\n      pegawai: { jabatan: \"CAMAT MASAMA\", nama: \"..........., SH\", nip: \"-\" }\n";
    let report = lint(&doc("d", 2020, &position("camat", "Camat Masama", None, None, tt)));
    assert_eq!(codes(&report), ["N009", "N009"], "{:#?}", report.diagnostics);
    assert_eq!(with_code(&report, "N009")[1].secondary.len(), 1);
}

// ---------------------------------------------------------------- N004 – N007 across the set

fn staff(id: &str, name: &str, nip: &str) -> String {
    position(id, "Pengolah Data", None, Some((name, nip)), "")
}

#[test]
fn n004_one_nip_two_people_across_files() {
    let a = doc("a", 2022, &staff("x", "SUDIRMAN USMAN", "19730808 201001 1 005"));
    let b = doc("b", 2022, &staff("y", "I PUTU ARIANTO, SH", "19730808 201001 1 005"));
    let report = lint_files(&[("a.yaml", &a), ("b.yaml", &b)]);
    assert_eq!(codes(&report), ["N004"]);
    let d = with_code(&report, "N004")[0];
    assert_eq!(report.files.get(d.primary.file).name, "b.yaml");
    assert_eq!(report.files.get(d.secondary[0].file).name, "a.yaml");

    // Near miss: one person with and without titles.
    let a = doc("a", 2022, &staff("x", "MINARI, SH", "19691110 200003 2 006"));
    let b = doc("b", 2022, &staff("y", "Minari", "19691110 200003 2 006"));
    assert!(codes(&lint_files(&[("a.yaml", &a), ("b.yaml", &b)])).is_empty());
}

#[test]
fn n005_one_person_two_nips() {
    let jabatan = staff("x", "MINARI, SH", "19691110 200003 2 006") + &staff("y", "MINARI", "19731231 201001 1 013");
    let report = lint(&doc("a", 2022, &jabatan));
    assert_eq!(codes(&report), ["N005"]);

    // Across documents only with the same birth date.
    let a = doc("a", 2022, &staff("x", "MUHAMMAD RIZAL", "19800101 200501 1 001"));
    let b = doc("b", 2022, &staff("y", "MUHAMMAD RIZAL", "19800101 200901 1 004"));
    assert_eq!(codes(&lint_files(&[("a.yaml", &a), ("b.yaml", &b)])), ["N005"]);
    // Near miss: a common name, other birth date, another document: two people.
    let b = doc("b", 2022, &staff("y", "MUHAMMAD RIZAL", "19850707 200901 1 004"));
    assert!(codes(&lint_files(&[("a.yaml", &a), ("b.yaml", &b)])).is_empty());
}

#[test]
fn n006_variant_names_under_one_nip() {
    let jabatan =
        staff("x", "AGUS SALIM NASUTION", "19800101 200501 1 001") + &staff("y", "AGUS SALIM", "19800101 200501 1 001");
    let report = lint(&doc("a", 2022, &jabatan));
    assert_eq!(codes(&report), ["N006"], "a variant, not two people");
    let jabatan = staff("x", "MAWARTI", "19800101 200501 2 001") + &staff("y", "MAWARTl", "19800101 200501 2 001");
    assert_eq!(codes(&lint(&doc("a", 2022, &jabatan))), ["N006"], "a typo");
    // Near miss: titles only.
    let jabatan = staff("x", "Drs. AGUS SALIM, M.Si", "19800101 200501 1 001")
        + &staff("y", "AGUS SALIM", "19800101 200501 1 001");
    assert!(codes(&lint(&doc("a", 2022, &jabatan))).is_empty());
}

fn signed(name: &str, nip: &str) -> String {
    format!(
        "      tempat_tanggal: \"Masama, 6 Januari 2022\"\n      pegawai: {{ jabatan: \"PENGOLAH DATA\", nama: \"{name}\", nip: \"{nip}\" }}\n"
    )
}

/// Pengolah Data SAMRAN DAUD holding `holder_nip`, whose own IKI is signed by `name` with `nip`.
fn samran(holder_nip: &str, name: &str, nip: &str) -> String {
    doc(
        "a",
        2022,
        &position(
            "x",
            "Pengolah Data",
            None,
            Some(("SAMRAN DAUD", holder_nip)),
            &signed(name, nip),
        ),
    )
}

#[test]
fn n007_pegawai_is_not_the_holder() {
    // Another name under the holder's NIP: N007 only, not also N004.
    let text = doc(
        "a",
        2022,
        &position(
            "x",
            "Pengolah Data",
            None,
            Some(("AGUS SALIM NASUTION", "19800101 200501 1 001")),
            &signed("AGUS SALIM", "19800101 200501 1 001"),
        ),
    );
    let report = lint(&text);
    assert_eq!(codes(&report), ["N007"], "{:#?}", report.diagnostics);
    let d = with_code(&report, "N007")[0];
    assert_eq!(primary_text(&report, d), "\"AGUS SALIM\"");
    let fix = d.fix.as_ref().expect("unsafe fix to the holder's name");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert!(apply(&text, d).contains("nama: \"AGUS SALIM NASUTION\", nip"));

    // Another person altogether.
    let text = doc(
        "a",
        2022,
        &position(
            "x",
            "Pengolah Data",
            None,
            Some(("AGUS SALIM", "19800101 200501 1 001")),
            &signed("BUDI", "19810101 200501 1 001"),
        ),
    );
    assert_eq!(codes(&lint(&text)), ["N007"]);

    // Near miss: titles and case differ only.
    let text = doc(
        "a",
        2022,
        &position(
            "x",
            "Pengolah Data",
            None,
            Some(("Drs. Agus Salim", "19800101 200501 1 001")),
            &signed("AGUS SALIM, M.Si", "19800101 200501 1 001"),
        ),
    );
    assert!(codes(&lint(&text)).is_empty());
}

#[test]
fn n007_atasan_across_files() {
    let camat = doc(
        "a",
        2022,
        &position(
            "camat",
            "Camat Masama",
            None,
            Some(("KAMALUDDIN DJANO, S.Pd., SH", "19680125 198611 1 001")),
            "",
        ),
    );
    let tt = |name: &str, nip: &str| {
        format!(
            "      tempat_tanggal: \"Masama, 6 Januari 2022\"\n      atasan: {{ jabatan: \"CAMAT MASAMA\", nama: \"{name}\", nip: \"{nip}\" }}\n      pegawai: {{ jabatan: \"SEKCAM\", nama: \"I GUSTI NGURAH SUPRIANTO, S.STP\", nip: \"19820908 200212 1 001\" }}\n"
        )
    };
    let sekcam = |t: &str| {
        doc(
            "b",
            2022,
            &position(
                "sekcam",
                "Sekretaris Kecamatan Masama",
                Some("a/camat"),
                Some(("I GUSTI NGURAH SUPRIANTO, S.STP", "19820908 200212 1 001")),
                t,
            ),
        )
    };
    let report = lint_files(&[
        ("a.yaml", &camat),
        ("b.yaml", &sekcam(&tt("HERWIN YATIM", "19700101 199503 1 002"))),
    ]);
    assert_eq!(codes(&report), ["N007"], "{:#?}", report.diagnostics);
    let d = with_code(&report, "N007")[0];
    assert!(d.message_en().contains("superior"));
    assert_eq!(report.files.get(d.secondary[0].file).name, "a.yaml");
    // Near miss: the right superior.
    let report = lint_files(&[
        ("a.yaml", &camat),
        ("b.yaml", &sekcam(&tt("KAMALUDDIN DJANO", "19680125 198611 1 001"))),
    ]);
    assert!(codes(&report).is_empty(), "{:#?}", report.diagnostics);
}

// ---------------------------------------------------------------- N008 titles

#[test]
fn n008_titles() {
    let block = |pegawai: &str, atasan: &str| {
        format!(
            "      tempat_tanggal: \"Masama, 6 Januari 2022\"\n      atasan: {{ jabatan: \"{atasan}\" }}\n      pegawai: {{ jabatan: \"{pegawai}\" }}\n"
        )
    };
    let text = |pegawai: &str, atasan: &str| {
        doc(
            "a",
            2022,
            &(position("sekcam", "Sekretaris Kecamatan Masama", None, None, "")
                + &position(
                    "kasubbag",
                    "Kepala Sub Bagian Umum, Kepegawaian & Aset",
                    Some("sekcam"),
                    None,
                    &block(pegawai, atasan),
                )),
        )
    };
    let report = lint(&text("KEPALA SEKSI PEMBANGUNAN", "SEKRETARIS KECAMATAN MASAMA"));
    assert_eq!(codes(&report), ["N008"]);
    let report = lint(&text("KASUBBAG UMUM, KEPEGAWAIAN & ASET", "CAMAT MASAMA"));
    assert_eq!(codes(&report), ["N008"]);
    assert!(with_code(&report, "N008")[0].message_en().contains("superior"));
    // Near misses: abbreviations, case, punctuation and the unit name.
    for (pegawai, atasan) in [
        ("KASUBBAG UMUM, KEPEGAWAIAN & ASET", "SEKRETARIS KECAMATAN MASAMA"),
        ("KASUBAG UMUM, KEPEGAWAIAN DAN ASET", "SEKCAM"),
        ("Kepala Subbagian Umum Kepegawaian dan Aset", "Sekretaris"),
    ] {
        let report = lint(&text(pegawai, atasan));
        assert!(
            codes(&report).is_empty(),
            "{pegawai} / {atasan}: {:#?}",
            report.diagnostics
        );
    }
}

// ---------------------------------------------------------------- catalogue and property

#[test]
fn messages_render_in_indonesian() {
    use ikilint::i18n::Lang;
    use ikilint::lint::Settings;
    let sources = vec![("t.yaml".to_string(), holder_only("119670309 200701 1 032"))];
    let report = ikilint::check_sources(sources, &ikilint::data::Data::builtin(), &Settings::new(Lang::Id));
    insta::assert_snapshot!(report.diagnostics[0].message.render(Lang::Id), @"NIP `119670309 200701 1 032` terdiri atas 19 angka; NIP seharusnya 18 angka");
}

/// A valid NIP (real dates, age 18–40 at TMT, gender 1/2, sequence 001–999) as 18 digits.
fn valid_nip() -> impl Strategy<Value = String> {
    (
        1950i32..2000,
        1u32..=12,
        1u32..=28,
        18i32..40,
        1u32..=12,
        1u32..=2,
        1u32..=999,
    )
        .prop_map(|(year, month, day, age, tmt_month, gender, sequence)| {
            format!(
                "{year:04}{month:02}{day:02}{:04}{tmt_month:02}{gender}{sequence:03}",
                year + age
            )
        })
}

proptest! {
    #[test]
    fn any_spacing_parses_to_the_same_canonical_form(
        digits in valid_nip(),
        spaces in proptest::collection::vec(0usize..3, 19),
        label in prop_oneof![Just(""), Just("Nip. "), Just("NIP : "), Just("NIP.")],
    ) {
        let mut written = label.to_string();
        for (i, c) in digits.chars().enumerate() {
            written.push_str(&" ".repeat(spaces[i]));
            written.push(c);
        }
        written.push_str(&" ".repeat(spaces[18]));
        let nip = ikilint::nip::Nip::parse(&written).expect("parses");
        let canonical = format!("{} {} {} {}", &digits[..8], &digits[8..14], &digits[14..15], &digits[15..]);
        prop_assert_eq!(nip.canonical(), canonical.clone());
        prop_assert!(nip.decode().is_ok());
        prop_assert_eq!(ikilint::nip::Nip::parse(&canonical).expect("canonical parses"), nip);
    }

    #[test]
    fn nothing_written_panics(text in "\\PC{0,40}") {
        let _ = ikilint::nip::Nip::parse(&text).map(|n| (n.canonical(), n.decode()));
        let _ = ikilint::nip::is_placeholder(&text);
        let names = ikilint::names::Gelar::new(&["H", "Drs"], &["SH", "S.Pd"]).matcher();
        let _ = names.normalize(&text);
        let _ = ikilint::names::is_variant(&names.normalize(&text), "agus salim");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_signature_block_lints_without_panic(
        name in "\\PC{0,24}", nip in "[0-9 .NIPnip:…-]{0,24}", title in "\\PC{0,24}", date in "\\PC{0,24}",
    ) {
        let q = |s: &str| serde_json::to_string(s).expect("a string");
        let tt = format!(
            "      tempat_tanggal: {}\n      atasan: {{ jabatan: {}, nama: {}, nip: {} }}\n      pegawai: {{ jabatan: {}, nama: {}, nip: {} }}\n",
            q(&date), q(&title), q(&name), q(&nip), q(&title), q(&name), q(&nip)
        );
        let text = doc(
            "a",
            2022,
            &(position("camat", &title.replace(['"', '\\'], ""), None, Some(("AGUS", "19800101 200501 1 001")), "")
                + &position("x", "Pengolah Data", Some("camat"), Some((&name.replace(['"', '\\'], ""), &nip)), &tt)),
        );
        let _ = lint(&text);
    }
}

#[test]
fn titles_and_abbreviations_extend_from_a_rules_directory() {
    use ikilint::i18n::Lang;
    use ikilint::lint::Settings;
    let dir = std::env::temp_dir().join(format!("ikilint-identity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("gelar.yaml"), "belakang: [S.Xyz]\n").expect("write");
    std::fs::write(
        dir.join("singkatan-jabatan.yaml"),
        "singkatan:\n  PLD: [Pengolah Data]\n",
    )
    .expect("write");
    let data = ikilint::data::Data::with_extra_dirs(std::slice::from_ref(&dir)).expect("valid data");
    let tt = "      pegawai: { jabatan: \"PLD\", nama: \"AGUS, S.Xyz\", nip: \"19800101 200501 1 001\" }\n";
    let text = doc(
        "a",
        2022,
        &position("x", "Pengolah Data", None, Some(("AGUS", "19800101 200501 1 001")), tt),
    );
    let sources = vec![("t.yaml".to_string(), text.clone())];
    let extended = ikilint::check_sources(sources.clone(), &data, &Settings::new(Lang::En));
    assert!(codes(&extended).is_empty(), "{:#?}", extended.diagnostics);
    // Without the extra directory the unknown title makes another name and the abbreviation another position.
    let builtin = ikilint::check_sources(sources, &ikilint::data::Data::builtin(), &Settings::new(Lang::En));
    assert_eq!(codes(&builtin), ["N008", "N007"], "{:#?}", builtin.diagnostics);
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------- N011 unsigned

#[test]
fn n011_an_unsigned_iki_among_signed_ones() {
    let signed = |id: &str| {
        let tt = signed("SAMRAN DAUD", "19730916 199606 1 001");
        position(
            id,
            "Pengolah Data",
            None,
            Some(("SAMRAN DAUD", "19730916 199606 1 001")),
            &tt,
        )
    };
    let jabatan = signed("a") + &signed("b") + &position("c", "Kepala Seksi PMD", None, None, "");
    let report = lint(&doc("d", 2022, &jabatan));
    let found = with_code(&report, "N011");
    assert_eq!(found.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(primary_text(&report, found[0]), "c");
    assert!(found[0].message_en().contains("Kepala Seksi PMD") && found[0].message_en().contains("2 of the 3"));

    // Near miss: a document signed once, at its end, as some offices print it.
    let jabatan = signed("a")
        + &position("b", "Pengolah Data", None, None, "")
        + &position("c", "Kepala Seksi PMD", None, None, "");
    assert!(with_code(&lint(&doc("d", 2022, &jabatan)), "N011").is_empty());
}
