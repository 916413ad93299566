//! SKP prints (the e-Kinerja layout) read from Word and Excel: each example SKP printed and imported back gives the
//! values of its YAML, the links between the three example SKPs come back from the printed superior RHK texts
//! (on `import` of the three files together and on `check` of a directory of them), the layout's variants (merged
//! RHK cells, Utama/Tambahan sections, targets with and without satuan, a kualitatif SKP, a missing column, an NIP
//! typed as a number), and the near misses: an IKI is not taken for an SKP, nor an SKP for an IKI.

mod common;
#[path = "common/office.rs"]
mod office;
#[path = "common/skp_print.rs"]
mod skp_print;

use common::ikilint;
use ikilint::office::{Format, import};
use ikilint::skp::SkpDocument;
use skp_print::{Options, examples, pieces, read, superior, to_docx, to_xlsx};
use std::collections::BTreeMap;
use std::path::Path;

/// The values of an SKP a person reads on its print, by path: what an import must give back. Ids, links (compared
/// apart), `puncak` and the links to the holder's IKI (`jabatan`, `sasaran`), which a print does not carry, aside.
fn values(skp: &SkpDocument) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut put = |key: String, value: &Option<ikilint::model::Text>| {
        if let Some(v) = value {
            out.insert(key, v.value.to_string());
        }
    };
    let header = skp.skp.as_ref().unwrap();
    out_year(&mut put, skp);
    put("skp/pendekatan".into(), &header.pendekatan);
    for (key, person) in skp.people() {
        put(format!("{key}/nama"), &person.nama);
        put(format!("{key}/nip"), &person.nip);
        put(format!("{key}/jabatan"), &person.jabatan);
        put(format!("{key}/unit"), &person.unit);
        put(format!("{key}/pangkat"), &person.pangkat);
    }
    let periode = skp.periode.as_ref().unwrap();
    put("periode/mulai".into(), &periode.mulai);
    put("periode/selesai".into(), &periode.selesai);
    for (r, rhk) in skp.rhk.iter().enumerate() {
        let jenis = rhk.jenis.as_ref().map_or("utama".to_string(), |j| j.value.to_string());
        put(
            format!("rhk{r}/jenis"),
            &Some(ikilint::model::Sp::new(jenis, Default::default())),
        );
        put(format!("rhk{r}/uraian"), &rhk.uraian);
        for (i, indikator) in rhk.indikator.iter().enumerate() {
            put(format!("rhk{r}/{i}/aspek"), &indikator.aspek);
            put(format!("rhk{r}/{i}/uraian"), &indikator.uraian);
            put(format!("rhk{r}/{i}/target"), &indikator.target);
            put(format!("rhk{r}/{i}/satuan"), &indikator.satuan);
        }
    }
    for perilaku in &skp.perilaku {
        let aspek = perilaku.aspek.as_ref().unwrap().value.to_string();
        put(format!("perilaku/{aspek}"), &perilaku.ekspektasi);
    }
    if let Some(lampiran) = &skp.lampiran {
        for (key, list) in [
            ("dukungan", &lampiran.dukungan_sumber_daya),
            ("skema", &lampiran.skema_pertanggungjawaban),
            ("konsekuensi", &lampiran.konsekuensi),
        ] {
            for (n, item) in list.iter().enumerate() {
                put(format!("lampiran/{key}/{n}"), &Some(item.clone()));
            }
        }
    }
    out
}

fn out_year(put: &mut impl FnMut(String, &Option<ikilint::model::Text>), skp: &SkpDocument) {
    let year = skp
        .tahun()
        .map(|y| ikilint::model::Sp::new(y.to_string(), Default::default()));
    put("skp/tahun".into(), &year);
}

fn differences(left: &BTreeMap<String, String>, right: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for key in left.keys().chain(right.keys().filter(|k| !left.contains_key(*k))) {
        if left.get(key) != right.get(key) {
            out.push_str(&format!(
                "{key}\n  yaml:     {:?}\n  imported: {:?}\n",
                left.get(key),
                right.get(key)
            ));
        }
    }
    out
}

fn imported(format: Format, name: &str, bytes: &[u8]) -> ikilint::office::Imported {
    import(format, name, bytes).unwrap()
}

/// `skp` printed in `format` (its superior's RHK texts from `superior`) and imported back.
fn print_and_import(
    format: Format,
    skp: &SkpDocument,
    superior: Option<&SkpDocument>,
    options: &Options,
) -> ikilint::office::Imported {
    let printed = pieces(skp, superior, options);
    let bytes = match format {
        Format::Xlsx => to_xlsx(&printed),
        _ => to_docx(&printed),
    };
    imported(format, "skp", &bytes)
}

#[test]
fn every_example_skp_reads_back_from_word_and_excel_as_it_was_written() {
    let all = examples();
    assert_eq!(all.len(), 3);
    for (path, skp) in &all {
        let printed = pieces(skp, superior(skp, &all), &Options::default());
        let written = values(skp);
        for (format, bytes) in [(Format::Docx, to_docx(&printed)), (Format::Xlsx, to_xlsx(&printed))] {
            let result = imported(format, "skp.office", &bytes);
            assert!(
                result.problems.is_empty(),
                "{} as {format:?}: the importer needed to guess: {:?}\n{}",
                path.display(),
                result.problems,
                result.yaml
            );
            let back = read(&result.yaml);
            let read_back = values(&back);
            assert!(
                written == read_back,
                "{} as {format:?}:\n{}\n{}",
                path.display(),
                differences(&written, &read_back),
                result.yaml
            );
            // Every RHK that names a superior RHK keeps the printed text, and nothing is linked from one file.
            let with_link = skp.rhk.iter().filter(|r| r.intervensi.is_some()).count();
            assert_eq!(result.printed.len(), with_link, "{}", result.yaml);
            assert!(back.rhk.iter().all(|r| r.intervensi.is_none()));
            for link in &result.printed {
                assert!(result.yaml[link.span.start..link.span.end].contains(&link.text));
            }
            // The top of the cascade (penilai without NIP, no superior RHK printed) is read as `puncak`.
            assert_eq!(back.is_puncak(), skp.is_puncak(), "{}", result.yaml);
        }
    }
}

/// `ikilint export` prints an SKP in the layout `import` reads: each example exported (the three together, so that
/// the superior RHK texts are printed) reads back with the same values, nothing guessed, and imported together the
/// three give back their links.
#[test]
fn every_example_skp_exported_reads_back_exactly_with_its_links() {
    let dir = tempfile::tempdir().unwrap();
    let all = examples();
    for (extension, format) in [("docx", Format::Docx), ("xlsx", Format::Xlsx)] {
        let out = dir.path().join(extension);
        let run = ikilint()
            .args(["export", "--format", extension])
            .args(all.iter().map(|(p, _)| p))
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        let mut results = Vec::new();
        for (path, skp) in &all {
            let office = out.join(format!("{}.{extension}", path.file_stem().unwrap().to_string_lossy()));
            let result = imported(format, "skp", &std::fs::read(&office).unwrap());
            assert!(
                result.problems.is_empty(),
                "{}: {:?}",
                office.display(),
                result.problems
            );
            let back = read(&result.yaml);
            assert!(
                values(skp) == values(&back),
                "{}:\n{}",
                office.display(),
                differences(&values(skp), &values(&back))
            );
            results.push(result);
        }
        ikilint::office::link_skps(&mut results);
        let back: Vec<SkpDocument> = results.iter().map(|r| read(&r.yaml)).collect();
        for ((_, skp), again) in all.iter().zip(&back) {
            let Some(sup) = superior(skp, &all) else { continue };
            let k = all.iter().position(|(_, s)| std::ptr::eq(s, sup)).unwrap();
            let found: Vec<Option<String>> = again
                .rhk
                .iter()
                .map(|r| r.intervensi.as_ref().map(|i| i.value.to_string()))
                .collect();
            assert_eq!(found, links_of(skp, back[k].id().unwrap()));
        }
    }
}

/// The `intervensi` of each RHK of `skp` as `<superior skp id>/<rhk id>`, in the example's terms.
fn links_of(skp: &SkpDocument, superior_id: &str) -> Vec<Option<String>> {
    skp.rhk
        .iter()
        .map(|r| {
            r.intervensi.as_ref().map(|i| match i.value.split_once('/') {
                Some(_) => i.value.to_string(),
                None => format!("{superior_id}/{}", i.value),
            })
        })
        .collect()
}

#[test]
fn the_links_between_the_three_example_skps_come_back_from_the_printed_texts() {
    let all = examples();
    for (format, extension) in [(Format::Docx, "docx"), (Format::Xlsx, "xlsx")] {
        let mut results: Vec<ikilint::office::Imported> = all
            .iter()
            .map(|(path, skp)| {
                let printed = pieces(skp, superior(skp, &all), &Options::default());
                let bytes = if extension == "docx" {
                    to_docx(&printed)
                } else {
                    to_xlsx(&printed)
                };
                let name = format!("{}.{extension}", path.file_stem().unwrap().to_string_lossy());
                imported(format, &name, &bytes)
            })
            .collect();
        ikilint::office::link_skps(&mut results);
        let back: Vec<SkpDocument> = results.iter().map(|r| read(&r.yaml)).collect();
        let mut linked = 0;
        for ((_, skp), (result, again)) in all.iter().zip(results.iter().zip(&back)) {
            let Some(sup) = superior(skp, &all) else { continue };
            let k = all.iter().position(|(_, s)| std::ptr::eq(s, sup)).unwrap();
            let expected = links_of(skp, back[k].id().unwrap());
            let found: Vec<Option<String>> = again
                .rhk
                .iter()
                .map(|r| r.intervensi.as_ref().map(|i| i.value.to_string()))
                .collect();
            assert_eq!(found, expected, "{extension}:\n{}", result.yaml);
            linked += expected.iter().flatten().count();
            assert!(
                result.yaml.contains("# inferred: the printed superior RHK is its text"),
                "{}",
                result.yaml
            );
        }
        assert_eq!(linked, 4, "kasi PIP R1, R2 and pengolah data R1, R2");
    }
}

fn write_prints(dir: &Path, extension: &str, options: &Options) {
    let all = examples();
    for (path, skp) in &all {
        let printed = pieces(skp, superior(skp, &all), options);
        let bytes = if extension == "docx" {
            to_docx(&printed)
        } else {
            to_xlsx(&printed)
        };
        let name = format!("{}.{extension}", path.file_stem().unwrap().to_string_lossy());
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// The findings of `check` on `path` (JSON lines, English), and the exit code.
fn findings(path: &Path) -> (Vec<serde_json::Value>, Option<i32>) {
    let run = ikilint()
        .args(["check", "--no-cache", "--format", "json-lines", "--lang", "en"])
        .arg(path)
        .output()
        .unwrap();
    let lines = String::from_utf8(run.stdout).unwrap();
    let found = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (found, run.status.code())
}

/// Codes found by `check` on `path`, counted, and the exit code.
fn check(path: &Path) -> (BTreeMap<String, usize>, Option<i32>) {
    let (found, exit) = findings(path);
    let mut counted = BTreeMap::new();
    for finding in found {
        *counted
            .entry(finding["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    (counted, exit)
}

/// The findings of `code` among those of `check` on `path`.
fn with_code(path: &Path, code: &str) -> Vec<serde_json::Value> {
    findings(path).0.into_iter().filter(|f| f["code"] == code).collect()
}

#[test]
fn check_of_a_directory_of_printed_skps_links_them_across_files_as_the_yaml_does() {
    // The YAML as a print carries it: no links to the holders' IKI (`jabatan`, `sasaran`), which the set lacks.
    let yaml_dir = tempfile::tempdir().unwrap();
    for (path, _) in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("jabatan: masama") && !l.trim_start().starts_with("sasaran: S"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(yaml_dir.path().join(path.file_name().unwrap()), kept).unwrap();
    }
    let (expected, expected_exit) = check(yaml_dir.path());
    for extension in ["docx", "xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        write_prints(dir.path(), extension, &Options::default());
        let (found, exit) = check(dir.path());
        assert_eq!(found, expected, "{extension}: the findings of the YAML set");
        assert_eq!(exit, expected_exit);
        assert!(!found.contains_key("R001") && !found.contains_key("R002"), "{found:?}");
    }
}

#[test]
fn import_of_the_three_prints_together_writes_the_inferred_links() {
    let dir = tempfile::tempdir().unwrap();
    write_prints(dir.path(), "docx", &Options::default());
    let out = dir.path().join("yaml");
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let run = ikilint()
        .arg("import")
        .args(&files)
        .arg("-o")
        .arg(&out)
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let kasi = std::fs::read_to_string(out.join("skp-kasi-pip-masama-2023.yaml")).unwrap();
    assert!(
        kasi.contains("intervensi: kamaluddin-djano-2023/R1  # inferred: the printed superior RHK is its text in"),
        "{kasi}"
    );
    // One file alone: the printed text is kept as a comment and nothing is linked.
    let alone = ikilint()
        .arg("import")
        .arg(dir.path().join("skp-kasi-pip-masama-2023.docx"))
        .output()
        .unwrap();
    let yaml = String::from_utf8(alone.stdout).unwrap();
    assert!(
        yaml.contains(
            "# RHK atasan yang diintervensi (printed): Meningkatnya kualitas pelayanan publik Kecamatan Masama"
        )
    );
    assert!(!yaml.contains("intervensi:"));
    // Checked alone, its RHK utama have no superior to link to: R001 quotes the printed text.
    let r001 = with_code(&dir.path().join("skp-kasi-pip-masama-2023.docx"), "R001");
    assert_eq!(r001.len(), 2);
    let note = r001[0]["notes"][0].as_str().unwrap();
    assert!(
        note.contains("\"Meningkatnya kualitas pelayanan publik Kecamatan Masama\""),
        "{note}"
    );
}

#[test]
fn import_output_of_an_skp_print() {
    let dir = tempfile::tempdir().unwrap();
    let all = examples();
    let (_, skp) = all
        .iter()
        .find(|(p, _)| p.ends_with("skp-pengolah-data-perizinan-masama-2023.yaml"))
        .unwrap();
    std::fs::write(
        dir.path().join("skp.docx"),
        to_docx(&pieces(skp, superior(skp, &all), &Options::default())),
    )
    .unwrap();
    let run = ikilint()
        .current_dir(dir.path())
        .args(["import", "skp.docx"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(run.stdout).unwrap());
}

/// The first example SKP's YAML with `edit` applied, read.
fn edited(name: &str, edit: impl Fn(String) -> String) -> SkpDocument {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    read(&edit(std::fs::read_to_string(path).unwrap()))
}

#[test]
fn layout_variants_merged_rhk_sections_targets_and_kualitatif() {
    let all = examples();
    let (_, camat) = all
        .iter()
        .find(|(p, _)| p.ends_with("skp-camat-masama-2023.yaml"))
        .unwrap();
    // A merged RHK cell over three aspek rows is one RHK with three indicators.
    let back = read(&print_and_import(Format::Docx, camat, None, &Options::default()).yaml);
    assert_eq!(back.rhk.len(), 2);
    assert_eq!(back.rhk[0].indikator.len(), 3);
    // Utama and Tambahan sections set `jenis`.
    let (_, kasi) = all
        .iter()
        .find(|(p, _)| p.ends_with("skp-kasi-pip-masama-2023.yaml"))
        .unwrap();
    let back = read(&print_and_import(Format::Xlsx, kasi, Some(camat), &Options::default()).yaml);
    let jenis: Vec<&str> = back.rhk.iter().map(|r| r.jenis.as_ref().unwrap().as_str()).collect();
    assert_eq!(jenis, ["utama", "utama", "tambahan"]);
    // A target without satuan stays a bare target; a satuan column is read as the satuan.
    let bare = edited("skp-camat-masama-2023.yaml", |t| t.replace(", satuan: indeks", ""));
    let back = read(
        &imported(
            Format::Docx,
            "b.docx",
            &to_docx(&pieces(&bare, None, &Options::default())),
        )
        .yaml,
    );
    let first = &back.rhk[0].indikator[0];
    assert_eq!(&*first.target.as_ref().unwrap().value, "82");
    assert!(first.satuan.is_none());
    let options = Options {
        satuan_column: true,
        ..Options::default()
    };
    let back = read(&print_and_import(Format::Xlsx, camat, None, &options).yaml);
    assert_eq!(values(&back), values(camat));
    // A kualitatif SKP without an Aspek column: narrative indicators and targets, no aspek.
    let kualitatif = edited("skp-pengolah-data-perizinan-masama-2023.yaml", |t| {
        t.replace("pendekatan: kuantitatif", "pendekatan: kualitatif")
            .replace(
                "target: 12, satuan: rekap bulanan",
                "target: Rekap tersusun setiap bulan",
            )
            .replace("aspek: kuantitas, ", "")
            .replace("aspek: kualitas, ", "")
            .replace("aspek: waktu, ", "")
    });
    let options = Options {
        no_aspek: true,
        ..Options::default()
    };
    let result = print_and_import(Format::Docx, &kualitatif, None, &options);
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    let back = read(&result.yaml);
    assert!(!back.is_kuantitatif());
    assert_eq!(values(&back), values(&kualitatif));
    assert_eq!(
        &*back.rhk[0].indikator[0].target.as_ref().unwrap().value,
        "Rekap tersusun setiap bulan"
    );
}

#[test]
fn a_jpt_form_gives_each_rhk_its_perspektif() {
    let jpt = edited("skp-camat-masama-2023.yaml", |t| {
        t.replace("  puncak: true\n", "  puncak: true\n  jpt: true\n")
            .replace(
                "    sasaran: S2\n",
                "    sasaran: S2\n    perspektif: penerima-layanan\n",
            )
            .replace("    sasaran: S1\n", "    sasaran: S1\n    perspektif: proses-bisnis\n")
    });
    assert!(jpt.is_jpt());
    for (format, bytes) in [
        (Format::Docx, to_docx(&pieces(&jpt, None, &Options::default()))),
        (Format::Xlsx, to_xlsx(&pieces(&jpt, None, &Options::default()))),
    ] {
        let result = imported(format, "jpt", &bytes);
        assert!(result.problems.is_empty(), "{:?}", result.problems);
        let back = read(&result.yaml);
        assert!(back.is_jpt(), "{}", result.yaml);
        let perspektif: Vec<&str> = back
            .rhk
            .iter()
            .map(|r| r.perspektif.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(perspektif, ["penerima-layanan", "proses-bisnis"]);
        assert_eq!(values(&back), values(&jpt));
    }
}

#[test]
fn perilaku_descriptions_are_the_form_and_the_ekspektasi_is_the_leaders() {
    let all = examples();
    let (_, camat) = &all[0];
    let yaml = imported(
        Format::Docx,
        "c.docx",
        &to_docx(&pieces(camat, None, &Options::default())),
    )
    .yaml;
    let back = read(&yaml);
    let aspek: Vec<&str> = back
        .perilaku
        .iter()
        .map(|p| p.aspek.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(aspek, ikilint::skp::BERAKHLAK);
    assert!(
        !yaml.contains("Ramah, cekatan"),
        "the printed descriptions are the form's, not the SKP's"
    );
    assert!(!yaml.contains("Ekspektasi Khusus Pimpinan"));
}

#[test]
fn a_missing_column_and_an_unknown_one() {
    let all = examples();
    let (_, camat) = &all[0];
    // Without the Aspek column a kuantitatif SKP imports cleanly and `check` reports what the YAML would (R006).
    let options = Options {
        no_aspek: true,
        ..Options::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("camat.docx");
    std::fs::write(&path, to_docx(&pieces(camat, None, &options))).unwrap();
    let (found, _) = check(&path);
    assert_eq!(found.get("R006"), Some(&2), "{found:?}");
    assert!(!found.keys().any(|c| c.starts_with('S')), "{found:?}");
    // Each finding names the cell of the Word table it rests on, and the SKP it concerns.
    let r006 = with_code(&path, "R006");
    let parts: Vec<&str> = r006.iter().map(|f| f["origin"]["part"].as_str().unwrap()).collect();
    assert_eq!(
        parts,
        [
            "table 2, row 4, column RENCANA HASIL KERJA",
            "table 2, row 7, column RENCANA HASIL KERJA"
        ]
    );
    for finding in &r006 {
        assert_eq!(finding["jabatan"], "kamaluddin-djano-2023");
        assert_eq!(finding["fix"], serde_json::Value::Null);
    }
    // An unknown column is S009, its cells kept as comments.
    let mut printed = pieces(camat, None, &Options::default());
    for piece in &mut printed {
        if let skp_print::Piece::Table { rows, .. } = piece
            && rows.iter().any(|r| r.iter().any(|c| c.text == "RENCANA HASIL KERJA"))
        {
            for row in rows.iter_mut() {
                let text = if row.iter().any(|c| c.text == "RENCANA HASIL KERJA") {
                    "KETERANGAN"
                } else {
                    "catatan"
                };
                if row.len() == 1 {
                    row[0].span += 1;
                } else {
                    row.push(skp_print::c(text));
                }
            }
        }
    }
    let path = dir.path().join("unknown.docx");
    std::fs::write(&path, to_docx(&printed)).unwrap();
    let (found, _) = check(&path);
    assert_eq!(found.get("S009"), Some(&1), "{found:?}");
    let yaml = imported(Format::Docx, "u.docx", &to_docx(&printed)).yaml;
    assert!(yaml.contains("KETERANGAN: catatan"), "{yaml}");
}

#[test]
fn an_nip_typed_as_a_number_in_excel_is_s012() {
    let all = examples();
    let (_, kasi) = &all[1];
    let dir = tempfile::tempdir().unwrap();
    for (numbers, expected) in [(true, Some(&2)), (false, None)] {
        let options = Options {
            nip_numbers: numbers,
            ..Options::default()
        };
        let path = dir.path().join(format!("kasi-{numbers}.xlsx"));
        std::fs::write(&path, to_xlsx(&pieces(kasi, None, &options))).unwrap();
        let (found, _) = check(&path);
        assert_eq!(found.get("S012"), expected, "{found:?}");
    }
}

#[test]
fn a_damaged_or_renamed_skp_file_exits_2_as_any_office_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skp.docx");
    std::fs::write(&path, b"not a zip at all").unwrap();
    for args in [vec!["check", "--no-cache"], vec!["import"]] {
        let run = ikilint().args(&args).arg(&path).output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {run:?}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("skp.docx"));
    }
    let all = examples();
    let renamed = dir.path().join("skp-renamed.docx");
    std::fs::write(&renamed, to_xlsx(&pieces(&all[0].1, None, &Options::default()))).unwrap();
    let run = ikilint().args(["check", "--no-cache"]).arg(&renamed).output().unwrap();
    assert_eq!(run.status.code(), Some(2), "{run:?}");
}

#[test]
fn an_iki_is_not_taken_for_an_skp_nor_an_skp_for_an_iki() {
    let dir = tempfile::tempdir().unwrap();
    let iki = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/masama-2020.yaml");
    for extension in ["docx", "xlsx"] {
        let out = dir.path().join(format!("iki.{extension}"));
        let run = ikilint()
            .args(["export", "--format", extension])
            .arg(&iki)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0));
        let format = if extension == "docx" {
            Format::Docx
        } else {
            Format::Xlsx
        };
        let yaml = imported(format, "iki", &std::fs::read(&out).unwrap()).yaml;
        assert!(yaml.contains("\ndokumen:\n") && !yaml.contains("\nskp:\n"), "{yaml}");
    }
    let all = examples();
    let yaml = imported(
        Format::Docx,
        "skp",
        &to_docx(&pieces(&all[0].1, None, &Options::default())),
    )
    .yaml;
    assert!(yaml.contains("\nskp:\n") && !yaml.contains("\ndokumen:\n"), "{yaml}");
}

/// The printed superior RHK texts of the examples, reworded as a typist might, name their RHK or none (never
/// another); the subordinates' own RHK texts, related but not copies, name none (the measurement behind
/// `skp::printed::THRESHOLD`).
#[test]
fn reworded_printed_texts_match_their_rhk_or_none_and_unrelated_ones_none() {
    use ikilint::skp::printed::find;
    let all = examples();
    let uraian_of = |skp: &SkpDocument| -> Vec<String> {
        skp.rhk
            .iter()
            .map(|r| r.uraian.as_ref().unwrap().value.to_string())
            .collect()
    };
    let (mut matched, mut reworded_total, mut refused, mut own_total) = (0, 0, 0, 0);
    for (_, skp) in &all {
        let Some(superior) = superior(skp, &all) else { continue };
        let candidates = uraian_of(superior);
        let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
        for (index, text) in candidates.iter().enumerate() {
            let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            // The last word dropped, one letter changed, all in capitals.
            words.remove(words.len() - 1);
            words[1] = words[1].replacen('a', "e", 1);
            let reworded = words.join(" ").to_uppercase();
            let found = find(&reworded, &candidates);
            assert!(
                found.as_ref().is_none_or(|f| f.index == index),
                "{reworded:?} taken for another RHK"
            );
            matched += usize::from(found.is_some());
            reworded_total += 1;
            // The exact copy is always found.
            assert_eq!(find(text, &candidates).map(|f| f.index), Some(index));
        }
        for own in uraian_of(skp) {
            let found = find(&own, &candidates);
            assert!(
                found.is_none(),
                "{own:?} taken for {:?}",
                found.map(|f| candidates[f.index])
            );
            refused += 1;
            own_total += 1;
        }
    }
    eprintln!(
        "reworded printed texts found: {matched} of {reworded_total}; own RHK texts refused: {refused} of {own_total}"
    );
    assert_eq!((matched, reworded_total, refused, own_total), (4, 5, 5, 5));
}

/// The prints committed under `tests/fixtures/office/` for the README's commands are what `ikilint export` prints
/// for the example SKPs (exported together) and read as their examples.
/// `IKILINT_WRITE_FIXTURES=1 cargo test --test office_skp committed` writes them again.
#[test]
fn committed_skp_fixtures_are_the_exported_examples() {
    let all = examples();
    let skps: Vec<SkpDocument> = all.iter().map(|(_, s)| s.clone()).collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office");
    for (s, (path, skp)) in all.iter().enumerate() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for (extension, format, office) in [
            ("docx", Format::Docx, ikilint::export::OfficeFormat::Docx),
            ("xlsx", Format::Xlsx, ikilint::export::OfficeFormat::Xlsx),
        ] {
            let fixture = dir.join(format!("{stem}.{extension}"));
            let exported = ikilint::export::render_skp(&skps, s, &[], office).unwrap();
            if std::env::var_os("IKILINT_WRITE_FIXTURES").is_some() {
                std::fs::write(&fixture, &exported).unwrap();
            }
            let committed = std::fs::read(&fixture).unwrap();
            // Word files are the same bytes (a fixed date in the zip); an Excel file carries its writer's time.
            if extension == "docx" {
                assert!(committed == exported, "{} is not what export prints", fixture.display());
            }
            let result = imported(format, "f", &committed);
            assert_eq!(values(&read(&result.yaml)), values(skp), "{}", fixture.display());
        }
    }
}
