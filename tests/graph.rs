//! `ikilint graph`: the pictures are drawn by the real Graphviz (`dot`, installed by `.ci/run`), levels are read
//! back from its layout, and every option and escaping case is exercised through the binary.

mod common;

use common::browser;

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

fn graph(args: &[&str]) -> String {
    let run = common::ikilint()
        .arg("graph")
        .args(args)
        .args(["--lang", "en"])
        .assert()
        .code(0);
    String::from_utf8(run.get_output().stdout.clone()).unwrap()
}

/// Graphviz's `dot`, or `None` (with the reason printed) where it cannot be installed; CI always has it.
fn dot_available() -> bool {
    let found = Command::new("dot").arg("-V").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "Graphviz `dot` is missing in CI: .ci/run installs it"
        );
        eprintln!("skipped: Graphviz `dot` is not installed (apt-get install graphviz)");
    }
    found
}

/// Run `dot -T<format>` on `source`; panics with Graphviz's own words when it refuses the input.
fn run_dot(source: &str, format: &str) -> String {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(source.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.trim().is_empty(), "dot: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

/// A node's centre and size in inches, as `dot -Tplain` gives them (y grows upwards).
type Placement = (f64, f64, f64, f64);

/// The drawing's width and height, and each node's placement.
fn layout(source: &str) -> (f64, f64, HashMap<String, Placement>) {
    let plain = run_dot(source, "plain");
    let mut nodes = HashMap::new();
    let mut size = (0.0, 0.0);
    for line in plain.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["graph", _, w, h, ..] => size = (w.parse().unwrap(), h.parse().unwrap()),
            ["node", name, x, y, w, h, ..] => {
                let n = |s: &str| s.parse::<f64>().unwrap();
                nodes.insert(name.to_string(), (n(x), n(y), n(w), n(h)));
            }
            _ => {}
        }
    }
    (size.0, size.1, nodes)
}

/// `(box, superior box)` of every dashed reports-to arrow.
fn reports_to(dot: &str) -> Vec<(String, String)> {
    dot.lines()
        .filter(|l| l.contains("[style=dashed"))
        .map(|l| {
            let (from, rest) = l.trim().split_once(" -> ").unwrap();
            (from.to_string(), rest.split_whitespace().next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn every_example_renders_with_graphviz_and_each_box_sits_below_its_superior() {
    if !dot_available() {
        return;
    }
    for paths in [
        &["examples/contoh-bersih-2024.yaml"][..],
        &["examples/masama-2020.yaml"],
        &["examples/tanjung-redeb-2022.yaml"],
        &["examples/"],
    ] {
        let dot = graph(paths);
        let (_, _, nodes) = layout(&dot);
        let arrows = reports_to(&dot);
        assert!(!arrows.is_empty(), "{paths:?}");
        for (low, high) in arrows {
            let (l, h) = (nodes[&low], nodes[&high]);
            // The bottom of the superior is above the top of the subordinate.
            assert!(
                h.1 - h.3 / 2.0 > l.1 + l.3 / 2.0,
                "{paths:?}: {low} is not below {high}"
            );
        }
        run_dot(&graph(&[paths, &["--direction", "LR"]].concat()), "svg");
    }
}

#[test]
fn one_kecamatan_fits_on_a_screen_with_its_staff_stacked_under_their_kasi() {
    if !dot_available() {
        return;
    }
    let dot = graph(&["examples/masama-2020.yaml"]);
    let (width, height, _) = layout(&dot);
    // Inches at 96 dpi: before grouping the staff, Masama was 20,304 × 570 px.
    assert!(width * 96.0 < 3000.0 && height * 96.0 < 3000.0, "{width} × {height} in");
    // The two pengolah data of the Kasi PIP share one box under it.
    let group = dot.lines().find(|l| l.contains("(pengolah-data-perizinan)")).unwrap();
    assert!(
        group.trim_start().starts_with('g') && group.contains("(pengolah-data-pip)"),
        "{group}"
    );
}

/// A kecamatan of three levels whose staff position links nothing (A001 on its only sasaran), so that no edge
/// of the picture ties it to its superior.
const UNLINKED_STAFF: &str = "dokumen:
  id: uji
  unit: Kecamatan Uji
  tahun: 2024
jabatan:
  - id: camat
    nama: Camat Uji
    sasaran:
      - id: S1
        uraian: Meningkatnya kualitas pelayanan publik kecamatan
        indikator:
          - uraian: Indeks kepuasan masyarakat
  - id: kasi
    nama: Kepala Seksi Pelayanan
    atasan: camat
    sasaran:
      - id: S1
        uraian: Terlaksananya pelayanan administrasi terpadu
        mendukung: S1
        indikator:
          - uraian: Persentase permohonan yang diselesaikan tepat waktu
  - id: pengolah-data
    nama: Pengolah Data Pelayanan
    atasan: kasi
    sasaran:
      - id: S1
        uraian: Tersedianya data pelayanan kecamatan
        indikator:
          - uraian: Jumlah laporan data pelayanan
";

#[test]
fn a_position_with_a001_is_drawn_below_its_superior() {
    if !dot_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("uji.yaml");
    std::fs::write(&file, UNLINKED_STAFF).unwrap();
    let dot = graph(&[file.to_str().unwrap()]);
    let line = dot.lines().find(|l| l.contains("(pengolah-data)")).unwrap();
    assert!(line.contains("feeds nothing above"), "{line}");
    let node = line.split_whitespace().next().unwrap();
    let superior = dot.lines().find(|l| l.contains("(kasi)")).unwrap();
    let superior = superior.split_whitespace().next().unwrap();
    let (_, _, nodes) = layout(&dot);
    assert!(nodes[superior].1 > nodes[node].1, "{node} beside or above {superior}");
}

#[test]
fn root_and_depth_draw_one_branch() {
    let branch = graph(&["examples/masama-2020.yaml", "--root", "kasi-pip"]);
    assert!(branch.contains("(kasi-pip)") && branch.contains("(pengolah-data-pip)"));
    assert!(!branch.contains("(camat)") && !branch.contains("(kasi-pembangunan)"));
    let top = graph(&["examples/", "--root", "masama-2020/camat", "--depth", "1"]);
    assert!(top.contains("(masama-2020/kasi-pip)"), "{top}");
    assert!(!top.contains("pengolah-data-pip"));
    let alone = graph(&["examples/masama-2020.yaml", "--root", "camat", "--depth", "0"]);
    assert_eq!(alone.matches("[label=").count(), 1);
}

#[test]
fn an_unknown_root_is_a_usage_error_with_a_suggestion() {
    common::ikilint()
        .args([
            "graph",
            "examples/masama-2020.yaml",
            "--root",
            "kasi-pipp",
            "--lang",
            "en",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `kasi-pip`?"));
    common::ikilint()
        .args(["graph", "examples/", "--root", "camat", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`masama-2020/camat`"));
}

#[test]
fn direction_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pohon.mmd");
    common::ikilint()
        .args([
            "graph",
            "examples/contoh-bersih-2024.yaml",
            "--format",
            "mermaid",
            "--direction",
            "LR",
            "-o",
        ])
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
    let mermaid = std::fs::read_to_string(&path).unwrap();
    assert!(mermaid.starts_with("flowchart RL\n"), "{mermaid}");
    assert!(graph(&["examples/contoh-bersih-2024.yaml"]).contains("rankdir=BT;"));
    assert!(graph(&["examples/contoh-bersih-2024.yaml", "--direction", "LR"]).contains("rankdir=RL;"));
}

/// A document whose texts hold every character that DOT or Mermaid could misread.
const AWKWARD: &str = r##"dokumen: { id: aneh, unit: "Kecamatan \"Uji\" <Baru>", tahun: 2024 }
jabatan:
  - id: camat
    nama: "Camat & Sekretaris [Plt]"
    sasaran:
      - id: S1
        uraian: "Program #1; tahap \"A\" <b>tebal</b> {x} (y) [z] — ≥ 80% ✓ `kode` \\n"
        indikator: [ { uraian: "Persentase" } ]
  - id: staf
    nama: "Staf; Pelaksana #2"
    atasan: camat
    sasaran:
      - id: S1
        uraian: "Tersedianya data & laporan <final>"
        mendukung: S1
        indikator: [ { uraian: "Jumlah laporan" } ]
"##;

#[test]
fn awkward_text_survives_dot_and_mermaid() {
    let dir = common::temp_files(&[("aneh.yaml", AWKWARD)]);
    let path = dir.path().join("aneh.yaml");
    let path = path.to_str().unwrap();
    let dot = graph(&[path]);
    assert!(
        dot.contains("Program #1; tahap &quot;A&quot; &lt;b&gt;tebal&lt;/b&gt;"),
        "{dot}"
    );
    let mermaid = graph(&[path, "--format", "mermaid"]);
    assert!(
        mermaid.contains("Program #35;1; tahap #quot;A#quot; #lt;b#gt;tebal#lt;/b#gt;"),
        "{mermaid}"
    );
    assert!(mermaid.contains("Camat #amp; Sekretaris [Plt] (camat)"), "{mermaid}");
    assert!(mermaid.contains("#96;kode#96;"), "{mermaid}");
    assert!(mermaid.contains("  p1s0 --> p0s0\n"), "{mermaid}");
    mermaid_draws(
        &mermaid,
        &[
            "Program #1; tahap \"A\" <b>tebal</b> {x} (y) [z]",
            "`kode`",
            "Camat & Sekretaris [Plt]",
            "Staf; Pelaksana #2",
        ],
    );
    if dot_available() {
        // Graphviz reads the labels back as the original text.
        let svg = run_dot(&dot, "svg");
        assert!(
            svg.contains("Program #1; tahap &quot;A&quot; &lt;b&gt;tebal&lt;/b&gt;"),
            "{svg}"
        );
        assert!(svg.contains("≥ 80% ✓"), "{svg}");
    }
}

/// The `mermaid` npm package (installed by `.ci/run` under `target/npm` where npm is available), as one script.
fn mermaid_js() -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()?
        .join("npm/node_modules/mermaid/dist/mermaid.min.js");
    if !path.exists() {
        eprintln!(
            "skipped: the mermaid npm package is not installed ({}; .ci/run installs it with npm)",
            path.display()
        );
    }
    path.exists().then_some(path)
}

/// Draw `source` with the real Mermaid in headless Chromium; each of `texts` must appear in the drawing as
/// written.
fn mermaid_draws(source: &str, texts: &[&str]) {
    let (Some(script), Some(chromium)) = (mermaid_js(), browser::chromium()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("mermaid.html");
    let json = serde_json::to_string(source).unwrap().replace('<', "\\u003c");
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><body><script src=\"file://{}\"></script><script>\n\
             mermaid.initialize({{ startOnLoad: false, htmlLabels: true }});\n\
             mermaid.render('g', {json}).then(\n\
               function (r) {{ var d = document.createElement('div'); d.innerHTML = r.svg.replace(/<br\\s*\\/?>/g, ' ');\n\
                              document.documentElement.dataset.text = d.textContent; }},\n\
               function (e) {{ document.documentElement.dataset.error = String(e && e.message || e); }});\n\
             </script></body></html>",
            script.display()
        ),
    )
    .unwrap();
    let dom = browser::run(
        &chromium,
        &format!("file://{}", page.display()),
        &["--virtual-time-budget=10000", "--dump-dom"],
    );
    if let Some(error) = browser::dom_attribute(&dom, "data-error") {
        panic!("Mermaid refused the graph: {error}\n{source}");
    }
    let text = browser::dom_attribute(&dom, "data-text").expect("Mermaid did not finish");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in texts {
        assert!(text.contains(expected), "{expected:?} not drawn in: {text}");
    }
}

#[test]
fn mermaid_draws_every_example() {
    for path in ["examples/contoh-bersih-2024.yaml", "examples/"] {
        let mermaid = graph(&[path, "--format", "mermaid"]);
        mermaid_draws(&mermaid, &["S1:"]);
    }
}

#[test]
fn pictures_of_the_clean_example_are_pinned() {
    insta::assert_snapshot!("contoh_bersih_dot", graph(&["examples/contoh-bersih-2024.yaml"]));
    insta::assert_snapshot!(
        "contoh_bersih_mermaid",
        graph(&["examples/contoh-bersih-2024.yaml", "--format", "mermaid"])
    );
}
