//! `ikilint report`: the HTML file's structure asserted here, and its behaviour in a real headless Chromium
//! (Debian's `chromium`, installed by `.ci/run`), with screenshots kept under `target/tmp/report/`.

mod common;

use common::browser;

use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Run `ikilint report` on `paths` into `out`, in `lang`.
fn report(paths: &[&str], out: &Path, lang: &str) -> String {
    common::ikilint()
        .arg("report")
        .args(paths)
        .arg("-o")
        .arg(out)
        .args(["--lang", lang])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .assert()
        .code(0);
    std::fs::read_to_string(out).unwrap()
}

/// The JSON block the page's script draws from.
fn data(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/json\" id=\"ikilint-data\">")
        .unwrap();
    let rest = &html[start..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).unwrap()
}

fn check_json(paths: &[&str]) -> Value {
    let output = common::ikilint()
        .arg("check")
        .args(paths)
        .args(["--format", "json", "--lang", "en"])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Every `id="…"` written in the HTML.
fn element_ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn the_report_holds_every_position_sasaran_and_finding() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(&["examples/"], &dir.path().join("r.html"), "en");
    let data = data(&html);
    let docs = data["docs"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    // Every position and sasaran of every example, each drawn once in its document's tree.
    for doc in docs {
        let name = doc["id"].as_str().unwrap();
        let path = format!("examples/{}.yaml", name);
        let text = std::fs::read_to_string(&path).unwrap();
        let positions = doc["pos"].as_array().unwrap();
        assert_eq!(positions.len(), text.matches("\n  - id: ").count(), "{name}");
        let mut placed: Vec<u64> = doc["roots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_u64().unwrap())
            .collect();
        for p in positions {
            placed.extend(p["kids"].as_array().unwrap().iter().map(|k| k.as_u64().unwrap()));
            assert!(text.contains(&format!("id: {}", p["id"].as_str().unwrap())));
            for s in p["s"].as_array().unwrap() {
                let uraian = s["u"].as_str().unwrap();
                assert!(!uraian.is_empty() && text.contains(uraian.split_whitespace().next().unwrap()));
            }
        }
        placed.sort();
        assert_eq!(placed, (0..positions.len() as u64).collect::<Vec<_>>(), "{name}");
    }
    // Every finding of `check`, with its message and line, each attached to at most one node.
    let check = check_json(&["examples/"]);
    let expected = check["diagnostics"].as_array().unwrap();
    let findings = data["findings"].as_array().unwrap();
    assert_eq!(findings.len(), expected.len());
    for (f, e) in findings.iter().zip(expected) {
        assert_eq!((&f["c"], &f["m"], &f["l"]), (&e["code"], &e["message"], &e["line"]));
        let text = |key: &str| {
            f.get(key)
                .and_then(Value::as_u64)
                .map_or(&Value::Null, |i| &data["strings"][i as usize])
        };
        assert_eq!((text("file"), text("h")), (&e["file"], &e["help"]));
    }
    let mut attached = Vec::new();
    for doc in docs {
        for p in doc["pos"].as_array().unwrap() {
            attached.extend(p["f"].as_array().unwrap().iter().cloned());
            for s in p["s"].as_array().unwrap() {
                attached.extend(s["f"].as_array().unwrap().iter().cloned());
                for i in s["i"].as_array().unwrap() {
                    attached.extend(i["f"].as_array().unwrap().iter().cloned());
                }
            }
        }
    }
    // Each finding sits at its level: names and NIPs on the position (holder, signatures), units and formulas on
    // the indicator.
    for doc in docs {
        for p in doc["pos"].as_array().unwrap() {
            let codes = |list: &Value| -> Vec<String> {
                let list = list.as_array().unwrap().iter();
                list.map(|i| {
                    findings[i.as_u64().unwrap() as usize]["c"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect()
            };
            assert!(
                codes(&p["f"])
                    .iter()
                    .all(|c| !c.starts_with('U') && !c.starts_with('A'))
            );
            for s in p["s"].as_array().unwrap() {
                assert!(
                    codes(&s["f"])
                        .iter()
                        .all(|c| !c.starts_with('N') && !c.starts_with('U'))
                );
                for i in s["i"].as_array().unwrap() {
                    assert!(
                        codes(&i["f"])
                            .iter()
                            .all(|c| !c.starts_with('N') && !c.starts_with('A'))
                    );
                }
            }
        }
    }
    let unique: HashSet<u64> = attached.iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(unique.len(), attached.len());
    // Findings inside positions are nearly all of them (the rest sit in the `dokumen` header).
    assert!(
        attached.len() * 10 > findings.len() * 9,
        "{} of {}",
        attached.len(),
        findings.len()
    );
    // A001 on Masama's kasi-pembangunan is on its sasaran S1 (which its pengolah data supports).
    let masama = docs.iter().find(|d| d["id"] == "masama-2020").unwrap();
    let pengolah = masama["pos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "kasi-pembangunan")
        .unwrap();
    let on_s1: Vec<&str> = pengolah["s"][0]["f"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| findings[i.as_u64().unwrap() as usize]["c"].as_str().unwrap())
        .collect();
    assert!(on_s1.contains(&"A001"), "{on_s1:?}");
    assert_eq!(pengolah["s"][0]["m"], 1);
}

#[test]
fn the_report_is_self_contained_with_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(&["examples/"], &dir.path().join("r.html"), "en");
    let ids = element_ids(&html);
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.contains(&"doc-0") && ids.contains(&"findings-table") && ids.contains(&"units-table"));
    for needle in ["http://", "https://", "src=\"", "@import", "url(", "<link", "<iframe"] {
        assert!(!html.contains(needle), "{needle}");
    }
    // The browser is told to load nothing at all.
    assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"));
    // Each figure of the cards is written in the HTML itself.
    assert!(html.contains("<div class=\"value\">27</div><div class=\"label\">positions</div>"));
}

#[test]
fn the_report_speaks_indonesian_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(&["examples/masama-2020.yaml"], &dir.path().join("r.html"), "id");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
    assert!(html.contains("<title>Pohon kinerja dan temuan (ikilint)</title>"));
    assert!(html.contains("indikator yang mendukung sasaran atasan"));
    assert_eq!(data(&html)["t"]["sev-error"], "kesalahan");
    // One document: no table of units.
    assert!(!html.contains("id=\"units-table\""));
}

#[test]
fn text_that_looks_like_markup_stays_text() {
    let yaml = "dokumen: { id: uji, unit: \"Unit </script><b>x</b>\", tahun: 2024 }\njabatan:\n  - id: camat\n    nama: \"Camat <i>\"\n    sasaran:\n      - uraian: \"Naik & </script> 'a' \\\"b\\\"\"\n        indikator: [ { uraian: Persentase } ]\n";
    let dir = common::temp_files(&[("uji.yaml", yaml)]);
    let input = dir.path().join("uji.yaml");
    let html = report(&[input.to_str().unwrap()], &dir.path().join("r.html"), "en");
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "only the two script elements close"
    );
    assert!(html.contains("Unit &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"));
    assert_eq!(
        data(&html)["docs"][0]["pos"][0]["s"][0]["u"],
        "Naik & </script> 'a' \"b\""
    );
}

#[test]
fn a_missing_path_is_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    common::ikilint()
        .args(["report", "tidak-ada/", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(!out.exists());
}

// ------------------------------------------------------------------------------------------------- browser

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn in_chromium_a_branch_opens_a_node_shows_its_findings_and_the_table_filters() {
    let Some(browser) = browser::chromium() else { return };
    let dir = screenshots();
    for lang in ["en", "id"] {
        let page = dir.join(format!("examples-{lang}.html"));
        let data = data(&report(&["examples/"], &page, lang));
        let mut nodes = 0;
        for position in data["docs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["pos"].as_array().unwrap())
        {
            let sasaran = position["s"].as_array().unwrap();
            nodes += 1 + sasaran.len() + sasaran.iter().map(|s| s["i"].as_array().unwrap().len()).sum::<usize>();
        }
        let url = format!("file://{}", page.display());
        let dom = browser::run(&browser, &format!("{url}#selftest"), &["--dump-dom"]);
        let raw = browser::dom_attribute(&dom, "data-selftest").expect("the page's self-test did not run");
        let result: Value = serde_json::from_str(&raw).unwrap();
        // Closing everything leaves the tops; opening the first top shows it and its subordinates.
        assert_eq!(result["kidsBefore"], result["topsExpected"], "{result}");
        assert_eq!(result["kidsAfter"], result["kidsExpected"], "{result}");
        // Clicking a position lists all of its findings in the side panel.
        assert!(result["detailExpected"].as_u64().unwrap() > 0, "{result}");
        assert_eq!(result["detailShown"], result["detailExpected"], "{result}");
        // Filtering by rule, then by severity, then by position.
        let code_rows = result["codeRows"].as_u64().unwrap();
        assert_eq!(code_rows, result["codeExpected"].as_u64().unwrap().min(200), "{result}");
        assert_eq!(result["codeRowsMatch"], true, "{result}");
        assert!(result["errorExpected"].as_u64().unwrap() > 0, "{result}");
        assert_eq!(result["errorRows"], result["errorExpected"], "{result}");
        assert!(result["positionRows"].as_u64().unwrap() > 0, "{result}");
        assert_eq!(result["positionRowsMatch"], true, "{result}");
        // Every position, sasaran and indicator of the examples drawn once all is open, under unique ids.
        assert_eq!(result["nodes"], nodes, "{result}");
        assert_eq!(result["idsUnique"], true, "{result}");
        for (name, hash) in [("opened", ""), ("selftest", "#selftest")] {
            let png = dir.join(format!("examples-{lang}-{name}.png"));
            browser::run(
                &browser,
                &format!("{url}{hash}"),
                &["--window-size=1400,2400", &format!("--screenshot={}", png.display())],
            );
            assert!(std::fs::metadata(&png).unwrap().len() > 10_000, "{}", png.display());
        }
        let pdf = dir.join(format!("examples-{lang}.pdf"));
        browser::run(
            &browser,
            &url,
            &["--no-pdf-header-footer", &format!("--print-to-pdf={}", pdf.display())],
        );
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    }
}

#[test]
fn the_report_of_the_clean_example_is_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(&["examples/contoh-bersih-2024.yaml"], &dir.path().join("r.html"), "id");
    // The page without its fixed style and script, one element per line, then its data.
    let body = &html[html.find("<body>").unwrap()..html.find("<script type=\"application/json\"").unwrap()];
    let page = body.replace("><", ">\n<");
    let data = serde_json::to_string_pretty(&data(&html)).unwrap();
    insta::assert_snapshot!(format!("{page}\n{data}"));
}

#[test]
fn the_card_counts_linked_indicators_and_supported_sasaran() {
    // The staff's S1 (two indicators) feeds the camat's S1; its S2 (one indicator) feeds nothing; nothing feeds
    // the camat's S2.
    let yaml = "dokumen: { id: uji, unit: Uji, tahun: 2024 }\njabatan:\n\
        - id: camat\n    nama: Camat\n    sasaran:\n\
        \x20     - { id: S1, uraian: Naik, indikator: [ { uraian: Persentase naik } ] }\n\
        \x20     - { id: S2, uraian: Turun, indikator: [ { uraian: Persentase turun } ] }\n\
        - id: staf\n    nama: Staf\n    atasan: camat\n    sasaran:\n\
        \x20     - { id: S1, uraian: Data naik, mendukung: S1, indikator: [ { uraian: Jumlah data }, { uraian: Jumlah berkas } ] }\n\
        \x20     - { id: S2, uraian: Data lain, indikator: [ { uraian: Jumlah lain } ] }\n";
    let yaml = yaml.replace("\n- id:", "\n  - id:");
    let dir = common::temp_files(&[("uji.yaml", &yaml)]);
    let input = dir.path().join("uji.yaml");
    let html = report(&[input.to_str().unwrap()], &dir.path().join("r.html"), "en");
    assert!(
        html.contains("<div class=\"value\">67%</div><div class=\"label\">indicators linked to a superior sasaran</div><div class=\"sub\">2 of 3</div>"),
        "{html}"
    );
    assert!(html.contains("<div class=\"value\">50%</div><div class=\"label\">superior sasaran supported from below</div><div class=\"sub\">1 of 2</div>"));
}

/// The HTML of the section of the SKP with id `id`.
fn skp_section<'h>(html: &'h str, id: &str) -> &'h str {
    let at = html.find(&format!("<code>{id}</code>")).expect("the SKP's section");
    let start = html[..at].rfind("<section class=\"skp\"").unwrap();
    &html[start..start + html[start..].find("</section>").unwrap()]
}

#[test]
fn skp_files_get_their_own_sections_with_their_findings_under_them() {
    let dir = tempfile::tempdir().unwrap();
    let paths = ["examples/"];
    let html = report(&paths, &dir.path().join("r.html"), "en");
    let data = data(&html);
    let skps = data["skps"].as_array().unwrap();
    assert_eq!(skps.len(), 6, "{skps:?}");
    assert_eq!(html.matches("<section class=\"skp\"").count(), 6);
    // The clean examples: people, RHK, and the intervensi link of each (to the superior's RHK, or none needed).
    let kasi = skp_section(&html, "kasi-pip-masama-2023");
    assert!(
        kasi.contains("<dt>Pegawai</dt><dd>MAWARTI, SH · NIP 197312312010011013"),
        "{kasi}"
    );
    assert!(kasi.contains("<dt>Pejabat penilai</dt><dd>KAMALUDDIN DJANO"), "{kasi}");
    // The link goes to the Camat's section, wherever the sort of the files put it.
    let camat_index = skps.iter().position(|s| s[0] == "camat-masama-2023").unwrap();
    assert!(
        kasi.contains(&format!("<a href=\"#skp-{camat_index}\">camat-masama-2023/R1</a>")),
        "{kasi}"
    );
    assert!(kasi.contains("not needed (RHK tambahan)"), "{kasi}");
    assert!(
        kasi.contains("<div class=\"value\">100%</div><div class=\"label\">RHK linked"),
        "{kasi}"
    );
    assert!(!kasi.contains("skp-findings"), "{kasi}");
    let camat = skp_section(&html, "camat-masama-2023");
    assert!(camat.contains("not needed (top of the cascade)"), "{camat}");
    // Every finding of `check` in an SKP file is in the data with its SKP, and listed once in its section: under
    // its RHK when it is in one.
    let check = check_json(&paths);
    let findings = data["findings"].as_array().unwrap();
    let expected = check["diagnostics"].as_array().unwrap();
    assert_eq!(findings.len(), expected.len());
    let mut in_skp = 0;
    for (f, e) in findings.iter().zip(expected) {
        let file = e["file"].as_str().unwrap();
        if !file.contains("skp-cacat") {
            assert!(f.get("k").is_none(), "{f}");
            continue;
        }
        in_skp += 1;
        let k = f["k"].as_u64().unwrap() as usize;
        // `check` says which SKP the finding concerns: the same one.
        assert_eq!(e["jabatan"], skps[k][0], "{e}");
        let section = skp_section(&html, skps[k][0].as_str().unwrap());
        let message = f["m"].as_str().unwrap().replace('\'', "&#39;").replace('"', "&quot;");
        assert!(section.contains(&message), "{message} not in {section}");
    }
    assert!(in_skp > 10, "{in_skp}");
    // R001 of the Kasubbag's R1 is in R1's row; R013 (periode) on the SKP itself.
    let kasubbag = skp_section(&html, "kasubbag-keuangan-contoh-2024");
    let row = &kasubbag[kasubbag.find("<tr id=\"skp-").unwrap()..];
    assert!(row.contains("R001"), "{row}");
    let own = &kasubbag[..kasubbag.find("<table class=\"rhk\">").unwrap()];
    assert!(own.contains("R013") && !own.contains("R001"), "{own}");
    assert!(kasubbag.contains("no intervensi"), "{kasubbag}");
}

#[test]
fn in_chromium_skp_findings_are_filtered_by_their_skp() {
    let Some(browser) = browser::chromium() else { return };
    let page = screenshots().join("skp-en.html");
    let data = data(&report(&["examples/"], &page, "en"));
    let url = format!("file://{}", page.display());
    let dom = browser::run(&browser, &format!("{url}#selftest"), &["--dump-dom"]);
    let raw = browser::dom_attribute(&dom, "data-selftest").expect("the page's self-test did not run");
    let result: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        result["skpSections"],
        data["skps"].as_array().unwrap().len(),
        "{result}"
    );
    // Filtering the table by an SKP's id shows exactly its findings, each placed under `SKP <id>`, and its
    // section lists them all.
    let expected = result["skpExpected"].as_u64().unwrap();
    assert!(expected > 0, "{result}");
    assert_eq!(result["skpRows"], expected, "{result}");
    assert_eq!(result["skpRowsMatch"], true, "{result}");
    assert_eq!(result["skpListed"], expected, "{result}");
    let png = screenshots().join("skp-en.png");
    browser::run(
        &browser,
        &format!("{url}#skp-4"),
        &["--window-size=1400,2400", &format!("--screenshot={}", png.display())],
    );
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000, "{}", png.display());
}
