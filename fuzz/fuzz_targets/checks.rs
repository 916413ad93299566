//! What each fuzz target checks of one input, as one function per target that panics on a defect. Shared by the
//! targets in this folder and by `tests/fuzz_regressions.rs`, which replays every committed corpus file and every
//! input that ever crashed or hung a target through the same checks on a stable toolchain.
// Each fuzz target uses one of these checks; the regression test uses them all.
#![allow(dead_code)]

use codespan_reporting::term::termcolor::NoColor;
use ikilint::Report;
use ikilint::cascade::Cascade;
use ikilint::data::Data;
use ikilint::fix::{Options, apply, fix_to_fixed_point};
use ikilint::i18n::Lang;
use ikilint::lint::Settings;
use ikilint::nip::{Nip, is_placeholder};
use ikilint::render;
use ikilint::render::graph::{Direction, GraphFormat, GraphOptions};
use ikilint::units::{Satuan, formula, quantity, tokenize};
use ikilint::workspace::{Workspace, load_bytes};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The name every input is linted under, as if named on the command line.
const NAME: &str = "fuzz.yaml";

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(Data::builtin)
}

/// The workspace of one file with these bytes, and its findings in `lang`.
fn lint_bytes(bytes: &[u8], lang: Lang) -> (Workspace, Report) {
    let mut workspace = load_bytes(vec![(NAME.to_string(), bytes.to_vec())]);
    let diagnostics = ikilint::lint::lint(&workspace, data(), &Settings::new(lang));
    let report = Report {
        files: std::mem::take(&mut workspace.files),
        diagnostics,
        skipped: std::mem::take(&mut workspace.skipped),
        counted: Default::default(),
    };
    (workspace, report)
}

fn relint(sources: Vec<(String, String)>) -> Report {
    ikilint::check_sources(sources, data(), &Settings::new(Lang::En))
}

/// Every label and every fix edit of `report` lies inside its file, on character boundaries.
fn assert_located(report: &Report) {
    for d in &report.diagnostics {
        let spans = std::iter::once(&d.primary)
            .chain(&d.secondary)
            .map(|l| (l.file, l.span))
            .chain(d.fix.iter().flat_map(|f| &f.edits).map(|e| (e.file, e.span)));
        for (file, span) in spans {
            assert!(
                file.0 < report.files.len(),
                "{} in a file that does not exist: {file:?}",
                d.code
            );
            let text = &report.files.get(file).text;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{} outside its file of {} bytes: {span:?}",
                d.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} not on a character boundary: {span:?}",
                d.code
            );
        }
    }
}

/// `lint`: the whole lint of one document from bytes (not UTF-8 included) never panics, and every label lies inside
/// its file on character boundaries.
pub fn lint(bytes: &[u8]) {
    let (_, report) = lint_bytes(bytes, Lang::En);
    assert_located(&report);
}

/// `typed`: the fast path from text to the model (`ikilint::typed`, for IKI documents and SKPs) never panics, and
/// wherever it reads a text, the schema reader reports nothing on it and builds the same model: the fast path never
/// hides a finding nor changes what the rules see.
pub fn typed(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let file = ikilint::source::FileId(0);
    let root = || ikilint::yaml::parse(text).ok().flatten();
    if let Some(fast) = ikilint::typed::read(text, file) {
        let root = root().expect("the fast path read an IKI document that does not parse");
        let mut out = Vec::new();
        let slow = ikilint::schema::read_document(file, text, &root, &mut out);
        assert!(
            out.is_empty(),
            "the fast path read an IKI document the schema reader reports on"
        );
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "the two readers differ");
    }
    if let Some(fast) = ikilint::typed::read_skp(text, file) {
        let root = root().expect("the fast path read an SKP that does not parse");
        let mut out = Vec::new();
        let slow = ikilint::skp::read::read_skp(file, text, &root, &mut out);
        assert!(out.is_empty(), "the fast path read an SKP the schema reader reports on");
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "the two readers differ");
    }
}

/// `fix`: safe and unsafe fixes to a fixed point. A file with a syntax error (S001) is never changed; a fixed text
/// still parses, its findings are located, and fixing it again changes nothing.
pub fn fix(bytes: &[u8]) {
    // A file that is not UTF-8 is S001 and never fixed: the fixes work on text.
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let options = Options { unsafe_fixes: true };
    let report = relint(vec![(NAME.to_string(), text.to_string())]);
    let was_broken = report.diagnostics.iter().any(|d| d.code == "S001");
    let fixed = fix_to_fixed_point(report, options, &relint);
    assert_located(&fixed.report);
    // Fixing stopped at a fixed point, not at the round limit: every fix still pending would break the YAML (fixes
    // that undo each other run every round up to the limit and can end where they began).
    let pending = apply(&fixed.report.files, &fixed.report.diagnostics, options, &HashSet::new());
    for (_, text) in pending.texts {
        let report = relint(vec![(NAME.to_string(), text)]);
        assert!(
            report.diagnostics.iter().any(|d| d.code == "S001"),
            "fixing stopped before its fixed point: a fix is still pending"
        );
    }
    if fixed.original.is_empty() {
        return;
    }
    assert!(!was_broken, "a file with S001 was changed");
    assert!(
        fixed.report.diagnostics.iter().all(|d| d.code != "S001"),
        "the fixed text does not parse"
    );
    let again = fix_to_fixed_point(fixed.report, options, &relint);
    assert!(again.original.is_empty(), "a second fix changed the text again");
}

/// `units`: the readers of formulas, targets and quantities (numbers, numbers in words, numbered items) never panic,
/// and every range they return lies inside the text on character boundaries.
pub fn units(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let lex = data().table::<Satuan>();
    let parsed = formula::parse(&text, &lex);
    let ranges = [&parsed.division, &parsed.subtraction, &parsed.fixed]
        .into_iter()
        .flatten()
        .chain(parsed.multiplier.as_ref().map(|m| &m.1))
        .chain(parsed.lead.as_ref().map(|l| &l.1))
        .chain(&parsed.items)
        .cloned()
        .chain(parsed.deciding_range());
    for range in ranges {
        assert!(
            text.get(range.clone()).is_some(),
            "formula range {range:?} outside the text"
        );
    }
    let _ = quantity::parse_number(&text);
    for q in quantity::quantities(&text, &lex) {
        assert!(text.get(q.span.clone()).is_some() && text.get(q.numeral.clone()).is_some());
    }
    let toks = tokenize(&text);
    for tok in &toks {
        assert!(text.get(tok.range()).is_some(), "token range {:?}", tok.range());
    }
    for pair in quantity::numeral_words(&toks) {
        assert!(text.get(pair.words_range.clone()).is_some() && text.get(pair.numeral_range.clone()).is_some());
    }
    for item in quantity::numbered_items(&text) {
        assert!(text.get(item.marker.clone()).is_some());
    }
}

/// `nip`: parsing a NIP never panics, its canonical form parses back to the same digits and is its own canonical
/// form, and decoding a parsed NIP never panics.
pub fn nip(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = is_placeholder(&text);
    let Ok(nip) = Nip::parse(&text) else { return };
    let canonical = nip.canonical();
    let again = Nip::parse(&canonical).expect("the canonical form parses");
    assert_eq!(again.digits(), nip.digits());
    assert_eq!(again.canonical(), canonical);
    if let Ok(decoded) = nip.decode() {
        let _ = (decoded.tmt_date(), decoded.age_at_tmt(), decoded.tmt_text());
    }
}

/// `render`: every output of `check` (human, JSON, JSON lines, SARIF, GitHub, statistics), the HTML report and the
/// DOT and Mermaid graphs, in both languages, on the findings of any document. None panics; JSON, JSON lines, SARIF
/// and the report's data are valid JSON; user text cannot end the report's script or break a graph statement.
pub fn render(bytes: &[u8]) {
    for lang in Lang::ALL {
        let (workspace, report) = lint_bytes(bytes, lang);
        let mut human = NoColor::new(Vec::new());
        render::human::render(&report, lang, &mut human).expect("human output renders");
        let sarif: serde_json::Value =
            serde_json::from_str(&render::sarif::render(&report, lang)).expect("SARIF is JSON");
        assert_eq!(sarif["version"], "2.1.0");
        assert_eq!(
            sarif["runs"][0]["results"].as_array().map(Vec::len),
            Some(report.diagnostics.len()),
            "one SARIF result per finding"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render::json::render(&report, lang)).expect("JSON output is JSON");
        assert_eq!(
            json["diagnostics"].as_array().map(Vec::len),
            Some(report.diagnostics.len())
        );
        let lines = render::json_lines::render(&report, lang);
        for line in lines.lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("each JSON line is JSON");
        }
        let github = render::github::render(&report, lang);
        assert_eq!(
            github.lines().count(),
            report.diagnostics.len(),
            "one annotation per line"
        );
        let _ = render::statistics_table(&report, lang);

        let cascade = Cascade::new(&workspace.documents);
        let html = render::html::render(&render::html::Input {
            documents: &workspace.documents,
            skps: &workspace.skps,
            cascade: &cascade,
            report: &report,
            lang,
            date: "2024-01-31",
        });
        assert_eq!(html.matches("</script>").count(), 2, "user text ended a script element");
        let opening = "<script type=\"application/json\" id=\"ikilint-data\">";
        let data = html
            .split_once(opening)
            .and_then(|(_, rest)| rest.split_once("</script>"))
            .map(|(data, _)| data)
            .expect("the report carries its data");
        serde_json::from_str::<serde_json::Value>(data).expect("the report's data is JSON");

        let roots = [None, cascade.positions.len().checked_sub(1)];
        for (format, direction, root) in [
            (GraphFormat::Dot, Direction::TopDown, roots[0]),
            (GraphFormat::Dot, Direction::LeftRight, roots[1]),
            (GraphFormat::Mermaid, Direction::TopDown, roots[0]),
            (GraphFormat::Mermaid, Direction::LeftRight, roots[1]),
        ] {
            let options = GraphOptions {
                format,
                direction,
                root,
                depth: root.map(|_| 1),
            };
            let graph = render::graph::render(&workspace.documents, &cascade, &options, lang);
            match format {
                GraphFormat::Dot => assert_dot_statements(&graph),
                GraphFormat::Mermaid => assert_mermaid_labels(&graph),
            }
        }
    }
}

/// A DOT graph whose every line between `digraph … {` and `}` is one whole statement: no label spilled a line
/// break or a quote.
fn assert_dot_statements(dot: &str) {
    let lines: Vec<&str> = dot.lines().collect();
    assert_eq!(lines.first().copied(), Some("digraph pohon_kinerja {"));
    assert_eq!(lines.last().copied(), Some("}"));
    for line in &lines[1..lines.len() - 1] {
        assert!(line.ends_with(';'), "a DOT statement broken across lines: {line:?}");
        assert_eq!(line.matches('"').count() % 2, 0, "an unbalanced quote in DOT: {line:?}");
    }
}

/// A Mermaid flowchart whose every label is one quoted string on its line, and whose subgraphs all end.
fn assert_mermaid_labels(mermaid: &str) {
    let mut open = 0usize;
    for line in mermaid.lines().skip(1) {
        let quotes = line.matches('"').count();
        assert!(
            quotes == 0 || quotes == 2,
            "a Mermaid label broken by a quote or a line break: {line:?}"
        );
        let line = line.trim_start();
        if line.starts_with("subgraph ") {
            open += 1;
        } else if line == "end" {
            open = open.checked_sub(1).expect("an `end` without its subgraph");
        } else if quotes == 2 {
            assert!(line.ends_with("\"]"), "a Mermaid node line broken: {line:?}");
        }
    }
    assert_eq!(open, 0, "a Mermaid subgraph left open");
}
