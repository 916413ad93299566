//! `ikilint report`: one self-contained HTML file (no network: the style and the script are inline, and a
//! Content-Security-Policy forbids loading anything) with, per document, a summary card, the pohon kinerja as a
//! collapsible tree marked by its findings, and a filterable table of every finding; across documents, a table of
//! the units and their figures.
//!
//! The figures, the unit table and the cards are written as HTML here, so they print and read without the
//! script. The tree and the findings table are drawn by `html/report.js` from a JSON block, branch by branch as
//! they are opened and page by page as the table is scrolled, so a province of 10,000 positions opens at once.

use crate::Report;
use crate::cascade::{Cascade, Link, PosId};
use crate::diagnostic::Severity;
use crate::i18n::{Lang, tr};
use crate::model::{Document, Text};
use crate::render::tree::{marks, walk};
use crate::render::{Summary, escape_html as escape};
use crate::rules::skp::index::SkpIndex;
use crate::skp::SkpDocument;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// The texts the script shows, by key of the `report` catalogue section.
const SCRIPT_TEXTS: &[&str] = &[
    "sev-error",
    "sev-warning",
    "sev-info",
    "feeds",
    "feeds-nothing",
    "unsupported",
    "reports-to",
    "no-findings",
    "findings-of",
    "target",
    "unit",
    "formula",
    "help",
    "note",
    "all",
    "shown",
    "show-more",
    "expand-all",
    "collapse-all",
    "subordinates",
    "not-found",
    "position-none",
];

mod facts;
mod skp;

pub use facts::{Figures, Located, figures, locate, percent};

// The JSON the script reads. Keys are short: a province's report carries them 100,000 times.

#[derive(Serialize)]
struct Data<'a> {
    lang: &'static str,
    t: BTreeMap<&'static str, String>,
    /// Rule code → [name, summary].
    rules: BTreeMap<&'static str, [String; 2]>,
    docs: Vec<DocData<'a>>,
    /// The SKP files: `[id, pegawai's name]`.
    skps: Vec<[&'a str; 2]>,
    findings: Vec<FindingData>,
    /// Texts that thousands of findings share (file names, helps), each once.
    strings: Vec<Cow<'a, str>>,
}

/// Each distinct text once, by index: borrowed from the report (file names), or put into words for the page
/// (helps).
#[derive(Default)]
struct Strings<'a> {
    list: Vec<Cow<'a, str>>,
    index: HashMap<Cow<'a, str>, usize>,
}

impl<'a> Strings<'a> {
    fn add(&mut self, text: impl Into<Cow<'a, str>>) -> usize {
        let text = text.into();
        if let Some(&known) = self.index.get(&*text) {
            return known;
        }
        self.list.push(text.clone());
        self.index.insert(text, self.list.len() - 1);
        self.list.len() - 1
    }
}

#[derive(Serialize)]
struct DocData<'a> {
    id: &'a str,
    unit: &'a str,
    /// Tops of the document's trees (indexes into `pos`).
    roots: Vec<usize>,
    pos: Vec<PosData<'a>>,
}

#[derive(Serialize)]
struct PosData<'a> {
    id: &'a str,
    /// Title.
    n: &'a str,
    /// Holder's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    h: Option<&'a str>,
    /// `atasan` as written, when the superior is not drawn above it in this document.
    #[serde(skip_serializing_if = "Option::is_none")]
    up: Option<&'a str>,
    /// Subordinates drawn below it (indexes into the document's `pos`).
    kids: Vec<usize>,
    s: Vec<SasData<'a>>,
    /// Findings on the position itself (outside its sasaran).
    f: Vec<usize>,
}

#[derive(Serialize)]
struct SasData<'a> {
    id: &'a str,
    u: &'a str,
    /// The superior sasaran fed, as `[document, position, sasaran]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<[usize; 3]>,
    /// `mendukung` as written when it resolves to nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    bad: Option<&'a str>,
    /// 1: feeds nothing above (A001), 2: nothing below supports it (A004), 3: both.
    #[serde(skip_serializing_if = "is_zero")]
    m: u8,
    i: Vec<IndData<'a>>,
    f: Vec<usize>,
}

#[derive(Serialize)]
struct IndData<'a> {
    u: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sat: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tgt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fml: Option<&'a str>,
    /// Its own `mendukung`, when it differs from the sasaran's.
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<[usize; 3]>,
    f: Vec<usize>,
}

#[derive(Serialize)]
struct FindingData {
    c: &'static str,
    /// 2 error, 1 warning, 0 info.
    s: u8,
    m: String,
    /// The help, as an index into `strings`.
    #[serde(skip_serializing_if = "Option::is_none")]
    h: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    n: Vec<String>,
    /// The file name, as an index into `strings`.
    file: usize,
    l: usize,
    /// The source line, trimmed.
    src: String,
    /// Document and position (indexes), when the finding is inside one.
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<usize>,
    /// The SKP (index), when the finding is in an SKP file.
    #[serde(skip_serializing_if = "Option::is_none")]
    k: Option<usize>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

fn text(value: &Option<Text>) -> Option<&str> {
    value.as_ref().map(Text::as_str)
}

fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    }
}

/// What the report is built from: the documents and their cascade, and the findings of the same run.
pub struct Input<'a> {
    pub documents: &'a [Document],
    /// The SKP documents linted with them (SPEC.md section 6).
    pub skps: &'a [SkpDocument],
    pub cascade: &'a Cascade,
    pub report: &'a Report,
    pub lang: Lang,
    /// The day the report is made, as printed on it (`YYYY-MM-DD`).
    pub date: &'a str,
}

fn link_target(cascade: &Cascade, link: &Link) -> Option<[usize; 3]> {
    match link {
        Link::Resolved { pos, sas, .. } => {
            let info = &cascade.positions[*pos];
            Some([info.doc, info.jab, *sas])
        }
        _ => None,
    }
}

fn data<'a>(input: &Input<'a>, located: &[Located], in_skp: &[skp::InSkp]) -> Data<'a> {
    let (documents, cascade, lang) = (input.documents, input.cascade, input.lang);
    let mut docs: Vec<DocData> = documents
        .iter()
        .map(|document| DocData {
            id: document.id().unwrap_or(""),
            unit: document.dokumen.as_ref().and_then(|d| text(&d.unit)).unwrap_or(""),
            roots: Vec::new(),
            pos: Vec::with_capacity(document.jabatan.len()),
        })
        .collect();
    for (pos, info) in cascade.positions.iter().enumerate() {
        let (_, jabatan) = cascade.jabatan(documents, pos);
        let s = jabatan
            .sasaran
            .iter()
            .zip(&info.sasaran)
            .map(|(sasaran, sinfo)| {
                let i = sasaran
                    .indikator
                    .iter()
                    .zip(&sinfo.indicators)
                    .map(|(indikator, iinfo)| IndData {
                        u: text(&indikator.uraian).unwrap_or(""),
                        sat: text(&indikator.satuan),
                        tgt: text(&indikator.target),
                        fml: text(&indikator.formula),
                        to: link_target(cascade, &iinfo.link),
                        f: Vec::new(),
                    })
                    .collect();
                SasData {
                    id: sasaran.id.as_str(),
                    u: text(&sasaran.uraian).unwrap_or(""),
                    to: link_target(cascade, &sinfo.link),
                    bad: match sinfo.link {
                        Link::Broken(_) => text(&sasaran.mendukung),
                        _ => None,
                    },
                    m: 0,
                    i,
                    f: Vec::new(),
                }
            })
            .collect();
        docs[info.doc].pos.push(PosData {
            id: text(&jabatan.id).unwrap_or(""),
            n: text(&jabatan.nama).unwrap_or(""),
            h: jabatan.pemangku.as_ref().and_then(|p| text(&p.nama)),
            up: None,
            kids: Vec::new(),
            s,
            f: Vec::new(),
        });
    }
    for (pos, info) in cascade.positions.iter().enumerate() {
        for (sas, sasaran) in docs[info.doc].pos[info.jab].s.iter_mut().enumerate() {
            let marks = marks(cascade, pos, sas);
            sasaran.m = u8::from(marks.feeds_nothing) | (u8::from(marks.unsupported) << 1);
        }
    }
    for (d, doc) in docs.iter_mut().enumerate() {
        let in_doc = |p: PosId| cascade.positions[p].doc == d;
        for placed in walk(cascade, &[], in_doc, None) {
            let jab = cascade.positions[placed.pos].jab;
            match placed.parent {
                Some(parent) => doc.pos[cascade.positions[parent].jab].kids.push(jab),
                None => {
                    doc.roots.push(jab);
                    let (_, jabatan) = cascade.jabatan(documents, placed.pos);
                    doc.pos[jab].up = text(&jabatan.atasan);
                }
            }
        }
    }
    let files = &input.report.files;
    let mut findings = Vec::with_capacity(located.len());
    let mut strings = Strings::default();
    for (index, ((d, at), k)) in input.report.diagnostics.iter().zip(located).zip(in_skp).enumerate() {
        let source = files.get(d.primary.file);
        let line = source.position(d.primary.span.start).line;
        let src: String = source.text[source.line_range(line - 1)]
            .trim()
            .chars()
            .take(240)
            .collect();
        let jab = at.pos.map(|p| cascade.positions[p].jab);
        if let (Some(doc), Some(jab)) = (at.doc, jab) {
            let position = &mut docs[doc].pos[jab];
            match (at.sas, at.ind) {
                (Some(s), Some(i)) => position.s[s].i[i].f.push(index),
                (Some(s), None) => position.s[s].f.push(index),
                _ => position.f.push(index),
            }
        }
        findings.push(FindingData {
            c: d.code,
            s: severity_rank(d.severity),
            m: d.message.render(lang),
            h: d.help.as_ref().map(|h| strings.add(h.render(lang))),
            n: d.notes.iter().map(|n| n.render(lang)).collect(),
            file: strings.add(source.name.as_str()),
            l: line,
            src,
            d: at.doc,
            p: jab,
            k: k.skp,
        });
    }
    let mut rules = BTreeMap::new();
    for d in &input.report.diagnostics {
        if let Some(rule) = crate::rules::by_code(d.code) {
            rules
                .entry(d.code)
                .or_insert_with(|| [rule.name.to_string(), rule.text(lang, "summary", &[])]);
        }
    }
    Data {
        lang: lang.code(),
        t: SCRIPT_TEXTS.iter().map(|k| (*k, t(lang, k))).collect(),
        rules,
        docs,
        skps: input
            .skps
            .iter()
            .map(|skp| {
                let name = skp.pegawai.as_ref().and_then(|p| text(&p.nama)).unwrap_or("");
                [skp.id().unwrap_or(""), name]
            })
            .collect(),
        findings,
        strings: strings.list,
    }
}

fn t(lang: Lang, key: &str) -> String {
    tr(lang, &format!("report.{key}"), &[])
}

/// JSON that is safe inside a `<script>` element: no `<` at all, so neither `</script>` nor `<!--` can occur.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .expect("report data always serializes")
        .replace('<', "\\u003c")
}

fn share(lang: Lang, part_whole: (usize, usize)) -> String {
    match percent(part_whole) {
        Some(p) => format!("{p}%"),
        None => t(lang, "none"),
    }
}

/// A count with its thousands grouped as the language writes them: 10,001 in English, 10.001 in Indonesian.
fn grouped(n: usize, lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ',',
        Lang::Id => '.',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// One figure of a card: its value, the text of `label` under it, and a detail (`2 of 3`).
fn figure(out: &mut String, lang: Lang, class: &str, value: String, label: &str, detail: String) {
    let _ = write!(
        out,
        "<div class=\"figure{class}\"><div class=\"value\">{}</div><div class=\"label\">{}</div><div class=\"sub\">{}</div></div>",
        escape(&value),
        escape(&t(lang, label)),
        escape(&detail)
    );
}

fn card(out: &mut String, lang: Lang, figures: &Figures) {
    let item = |out: &mut String, class: &str, value: String, label: &str, detail: String| {
        figure(out, lang, class, value, label, detail);
    };
    let of = |(part, whole): (usize, usize)| {
        tr(
            lang,
            "report.of",
            &[("part", &grouped(part, lang)), ("whole", &grouped(whole, lang))],
        )
    };
    out.push_str("<div class=\"card\">");
    item(
        out,
        "",
        grouped(figures.positions, lang),
        "card-positions",
        String::new(),
    );
    item(
        out,
        "",
        grouped(figures.indicators, lang),
        "card-indicators",
        String::new(),
    );
    let quality = |p: Option<usize>| match p {
        Some(p) if p >= 90 => " good",
        Some(p) if p >= 60 => " fair",
        Some(_) => " poor",
        None => "",
    };
    for (shares, label) in [(figures.linked, "card-linked"), (figures.supported, "card-supported")] {
        item(out, quality(percent(shares)), share(lang, shares), label, of(shares));
    }
    let _ = write!(
        out,
        "<div class=\"figure findings\"><div class=\"value\"><span class=\"sev sev-2\">{}</span> <span class=\"sev sev-1\">{}</span> <span class=\"sev sev-0\">{}</span></div><div class=\"label\">{}</div><div class=\"sub\">{}</div></div>",
        grouped(figures.errors, lang),
        grouped(figures.warnings, lang),
        grouped(figures.infos, lang),
        escape(&t(lang, "card-findings")),
        escape(&format!(
            "{} · {} · {}",
            t(lang, "sev-error"),
            t(lang, "sev-warning"),
            t(lang, "sev-info")
        ))
    );
    out.push_str("</div>");
}

fn units_table(out: &mut String, input: &Input, figures: &[Figures]) {
    let lang = input.lang;
    let _ = write!(
        out,
        "<section id=\"units\" class=\"units\"><h2>{}</h2><p class=\"hint\">{}</p><table class=\"sortable\" id=\"units-table\"><thead><tr>",
        escape(&t(lang, "units-heading")),
        escape(&t(lang, "units-intro"))
    );
    let columns = [
        ("col-unit", "text"),
        ("col-year", "num"),
        ("col-file", "text"),
        ("col-positions", "num"),
        ("col-indicators", "num"),
        ("col-linked", "num"),
        ("col-supported", "num"),
        ("col-errors", "num"),
        ("col-warnings", "num"),
        ("col-infos", "num"),
    ];
    for (key, kind) in columns {
        let _ = write!(
            out,
            "<th data-kind=\"{kind}\" tabindex=\"0\">{}</th>",
            escape(&t(lang, key))
        );
    }
    out.push_str("</tr></thead><tbody>");
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by_key(|&d| {
        let f = &figures[d];
        (std::cmp::Reverse((f.errors, f.warnings, f.infos)), d)
    });
    for d in order {
        let document = &input.documents[d];
        let f = &figures[d];
        let dokumen = document.dokumen.as_ref();
        let unit = dokumen.and_then(|d| text(&d.unit)).unwrap_or("");
        let year = dokumen.and_then(|d| d.tahun.as_ref()).map(|t| t.value.to_string());
        let cell_pct = |pw: (usize, usize)| {
            let sort = percent(pw).map_or(-1, |p| p as i64);
            format!(
                "<td class=\"num\" data-sort=\"{sort}\">{}</td>",
                escape(&share(lang, pw))
            )
        };
        let _ = write!(
            out,
            "<tr><td><a href=\"#doc-{d}\">{}</a></td><td class=\"num\">{}</td><td class=\"file\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}{}<td class=\"num{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(if unit.is_empty() {
                document.id().unwrap_or("?")
            } else {
                unit
            }),
            escape(year.as_deref().unwrap_or("")),
            escape(&input.report.files.get(document.file).name),
            f.positions,
            f.indicators,
            cell_pct(f.linked),
            cell_pct(f.supported),
            if f.errors > 0 { " errors" } else { "" },
            f.errors,
            f.warnings,
            f.infos
        );
    }
    out.push_str("</tbody></table></section>");
}

/// The opening of a document's or an SKP's section: its title and year, its id and its file.
struct Head<'a> {
    /// `doc` or `skp`: the section's class, and with its index its id (`doc-0`).
    class: &'static str,
    index: usize,
    title: String,
    year: String,
    /// The key of the word before the id (`document`, `skp-id`).
    kind: &'static str,
    id: &'a str,
    file: crate::source::FileId,
}

fn section_head(out: &mut String, input: &Input, head: &Head) {
    let (class, index) = (head.class, head.index);
    let _ = write!(
        out,
        "<section class=\"{class}\" id=\"{class}-{index}\" data-{class}=\"{index}\"><h2>{} <span class=\"year\">{}</span></h2><p class=\"meta\">{} <code>{}</code> · {} <code>{}</code></p>",
        escape(&head.title),
        escape(&head.year),
        escape(&t(input.lang, head.kind)),
        escape(head.id),
        escape(&t(input.lang, "file")),
        escape(&input.report.files.get(head.file).name),
    );
}

fn document_section(out: &mut String, input: &Input, d: usize, figures: &Figures) {
    let lang = input.lang;
    let document = &input.documents[d];
    let dokumen = document.dokumen.as_ref();
    let unit = dokumen.and_then(|x| text(&x.unit)).unwrap_or("");
    let year = dokumen
        .and_then(|x| x.tahun.as_ref())
        .map(|t| t.value.to_string())
        .unwrap_or_default();
    let head = Head {
        class: "doc",
        index: d,
        title: unit.to_string(),
        year,
        kind: "document",
        id: document.id().unwrap_or("?"),
        file: document.file,
    };
    section_head(out, input, &head);
    card(out, lang, figures);
    let _ = write!(
        out,
        "<div class=\"tree-head\"><h3>{}</h3><span class=\"hint\">{}</span><span class=\"tools\"></span></div><div class=\"tree\" id=\"tree-{d}\" role=\"tree\"></div></section>",
        escape(&t(lang, "tree-heading")),
        escape(&t(lang, "tree-hint")),
    );
}

/// The whole report as one HTML file.
pub fn render(input: &Input) -> String {
    let lang = input.lang;
    let located = locate(input.documents, input.cascade, &input.report.diagnostics);
    let figures = figures(input.documents, input.cascade, &located);
    let summary = Summary::of(input.report);
    let positions: usize = figures.iter().map(|f| f.positions).sum();
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1>{}</h1><p class=\"subtitle\">{}</p><p class=\"meta\">{}</p>",
        escape(&t(lang, "title")),
        escape(&tr(
            lang,
            "report.subtitle",
            &[
                ("documents", &grouped(input.documents.len(), lang)),
                ("positions", &grouped(positions, lang)),
                ("files", &grouped(summary.files, lang)),
            ],
        )),
        escape(&tr(
            lang,
            "report.generated",
            &[("version", &env!("CARGO_PKG_VERSION")), ("date", &input.date)],
        )),
    );
    let total = Figures {
        errors: summary.errors,
        warnings: summary.warnings,
        infos: summary.infos,
        ..figures.iter().fold(Figures::default(), |mut sum, f| {
            sum.positions += f.positions;
            sum.indicators += f.indicators;
            sum.linked = (sum.linked.0 + f.linked.0, sum.linked.1 + f.linked.1);
            sum.supported = (sum.supported.0 + f.supported.0, sum.supported.1 + f.supported.1);
            sum
        })
    };
    // With one document its own card says it all.
    if input.documents.len() != 1 {
        card(&mut body, lang, &total);
    }
    let _ = write!(
        body,
        "<noscript><p class=\"noscript\">{}</p></noscript></header><main>",
        escape(&t(lang, "noscript"))
    );
    if input.documents.len() > 1 {
        units_table(&mut body, input, &figures);
    }
    for (d, f) in figures.iter().enumerate() {
        document_section(&mut body, input, d, f);
    }
    let in_skp = skp::locate(input.skps, &input.report.diagnostics);
    if !input.skps.is_empty() {
        let index = SkpIndex::new(input.documents, input.skps);
        for (s, placed) in skp::place(input.skps, &in_skp).iter().enumerate() {
            skp::section(&mut body, input, &index, s, placed);
        }
    }
    let _ = write!(
        body,
        "<section id=\"findings\" class=\"findings\"><h2>{}</h2><div class=\"filters\">\
         <label>{} <select id=\"filter-code\"></select></label>\
         <label>{} <select id=\"filter-severity\"></select></label>\
         <label>{} <input id=\"filter-position\" type=\"search\" list=\"positions-list\"></label>\
         <label>{} <input id=\"filter-text\" type=\"search\"></label>\
         <datalist id=\"positions-list\"></datalist><span id=\"filter-count\" class=\"count\"></span></div>\
         <table id=\"findings-table\" class=\"sortable\"><thead><tr>\
         <th data-key=\"s\" tabindex=\"0\">{}</th><th data-key=\"c\" tabindex=\"0\">{}</th><th data-key=\"p\" tabindex=\"0\">{}</th>\
         <th data-key=\"m\" tabindex=\"0\">{}</th><th data-key=\"l\" tabindex=\"0\">{}</th></tr></thead><tbody></tbody></table>\
         <button id=\"findings-more\" type=\"button\" hidden></button></section></main>",
        escape(&t(lang, "findings-heading")),
        escape(&t(lang, "filter-code")),
        escape(&t(lang, "filter-severity")),
        escape(&t(lang, "filter-position")),
        escape(&t(lang, "filter-text")),
        escape(&t(lang, "col-severity")),
        escape(&t(lang, "col-code")),
        escape(&t(lang, "col-position")),
        escape(&t(lang, "col-message")),
        escape(&t(lang, "col-where")),
    );
    let _ = write!(
        body,
        "<aside id=\"detail\" hidden><button type=\"button\" class=\"close\" aria-label=\"{}\">×</button><div class=\"content\"></div></aside>",
        escape(&t(lang, "close"))
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\n<body>{body}\n\
         <script type=\"application/json\" id=\"ikilint-data\">{data}</script>\n<script>{SCRIPT}</script></body></html>\n",
        code = lang.code(),
        title = escape(&t(lang, "title")),
        data = script_json(&data(input, &located, &in_skp)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_script_data() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        let json = script_json(&["</script><!-- x"]);
        assert!(!json.contains('<'), "{json}");
        assert_eq!(serde_json::from_str::<Vec<String>>(&json).unwrap(), ["</script><!-- x"]);
    }

    #[test]
    fn every_text_the_script_shows_is_passed_to_it_in_both_languages() {
        let used: Vec<&str> = SCRIPT
            .split("T['")
            .skip(1)
            .filter_map(|rest| rest.split_once("']"))
            .map(|(key, _)| key)
            .collect();
        assert!(!used.is_empty());
        for key in used {
            assert!(SCRIPT_TEXTS.contains(&key), "{key} is not in SCRIPT_TEXTS");
        }
        for key in SCRIPT_TEXTS {
            for lang in Lang::ALL {
                assert!(
                    crate::i18n::Catalog::get(lang).has(&format!("report.{key}")),
                    "{key} ({lang:?})"
                );
            }
        }
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(7, Lang::En), "7");
        assert_eq!(grouped(999, Lang::Id), "999");
        assert_eq!(grouped(10_001, Lang::En), "10,001");
        assert_eq!(grouped(1_234_567, Lang::Id), "1.234.567");
    }

    #[test]
    fn shares_are_rounded_percentages() {
        assert_eq!(percent((1, 3)), Some(33));
        assert_eq!(percent((2, 3)), Some(67));
        assert_eq!(percent((0, 0)), None);
    }
}
