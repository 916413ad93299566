//! `ikilint graph`: the cascade tree ("pohon kinerja") as Graphviz DOT or Mermaid.
//!
//! Levels follow `atasan` alone: each position is one box (its title, then one row per sasaran) drawn below its
//! superior, so a position with findings still hangs where it reports. Staff without subordinates of their own
//! are stacked in one column under their superior (a Kasi and its pelaksana) instead of spreading a kecamatan
//! across 20,000 pixels. Solid arrows go from a sasaran to the superior sasaran it feeds; they never move a box.
//! A sasaran that feeds nothing (A001) or that no subordinate supports (A004) is red, with the reason written.

mod skp;

use crate::cascade::{Cascade, Link, PosId, Relation};
use crate::i18n::{Lang, tr};
use crate::model::{Document, Text};
use crate::render::tree::{Placed, marks, walk};
use crate::render::{escape_html, substitute};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

/// Where the top of the tree is drawn: above its subordinates (`TB`) or left of them (`LR`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    #[default]
    TopDown,
    LeftRight,
}

#[derive(Clone, Copy, Debug)]
pub struct GraphOptions {
    pub format: GraphFormat,
    pub direction: Direction,
    /// Draw only this position and those below it.
    pub root: Option<PosId>,
    /// Levels drawn below the top(s); all when `None`.
    pub depth: Option<usize>,
}

/// Characters per line of a wrapped label: a box stays about 300 points wide.
const WRAP: usize = 38;

/// One feeds arrow between sasaran, `(from pos, from sas, to pos, to sas, relation)`.
type Arrow = (PosId, usize, PosId, usize, Relation);

/// A box of the picture: one position, or the staff of one superior stacked together.
struct Box {
    id: String,
    members: Vec<PosId>,
    /// The box of the superior it hangs from.
    parent: Option<usize>,
}

struct Tree<'a> {
    documents: &'a [Document],
    cascade: &'a Cascade,
    lang: Lang,
    boxes: Vec<Box>,
    box_of: HashMap<PosId, usize>,
}

impl<'a> Tree<'a> {
    fn new(documents: &'a [Document], cascade: &'a Cascade, options: &GraphOptions, lang: Lang) -> Self {
        let starts: Vec<PosId> = options.root.into_iter().collect();
        let placed = walk(cascade, &starts, |_| true, options.depth);
        let mut children: HashMap<PosId, Vec<PosId>> = HashMap::new();
        for p in &placed {
            if let Some(parent) = p.parent {
                children.entry(parent).or_default().push(p.pos);
            }
        }
        let is_leaf = |pos: PosId| !children.contains_key(&pos);
        let mut tree = Tree {
            documents,
            cascade,
            lang,
            boxes: Vec::new(),
            box_of: HashMap::new(),
        };
        for &Placed { pos, parent, .. } in &placed {
            if tree.box_of.contains_key(&pos) {
                continue;
            }
            let parent_box = parent.map(|p| tree.box_of[&p]);
            let staff: Vec<PosId> = match parent {
                Some(p) if is_leaf(pos) => children[&p].iter().copied().filter(|&c| is_leaf(c)).collect(),
                _ => Vec::new(),
            };
            let (id, members) = if staff.len() > 1 {
                (format!("g{pos}"), staff)
            } else {
                (format!("p{pos}"), vec![pos])
            };
            for &member in &members {
                tree.box_of.insert(member, tree.boxes.len());
            }
            tree.boxes.push(Box {
                id,
                members,
                parent: parent_box,
            });
        }
        tree
    }

    /// Each distinct sasaran-to-sasaran arrow between drawn positions, from the sasaran's own link and its
    /// indicators' own links.
    fn arrows(&self) -> BTreeSet<Arrow> {
        let mut arrows = BTreeSet::new();
        for &pos in self.box_of.keys() {
            for (sas, sasaran) in self.cascade.positions[pos].sasaran.iter().enumerate() {
                let links = std::iter::once(&sasaran.link).chain(sasaran.indicators.iter().map(|i| &i.link));
                for link in links {
                    if let Link::Resolved {
                        pos: to,
                        sas: to_sas,
                        relation,
                    } = link
                        && self.box_of.contains_key(to)
                    {
                        arrows.insert((pos, sas, *to, *to_sas, *relation));
                    }
                }
            }
        }
        arrows
    }

    fn title(&self, pos: PosId) -> String {
        let (_, jabatan) = self.cascade.jabatan(self.documents, pos);
        // The document id is only worth its space when several documents are drawn together.
        let from = (self.documents.len() == 1).then_some(self.cascade.positions[pos].doc);
        let id = self.cascade.name(self.documents, pos, from);
        match &jabatan.nama {
            Some(nama) => format!("{} ({id})", nama.value),
            None => id,
        }
    }

    /// The sasaran's text, and the reasons it is red.
    fn sasaran_text(&self, pos: PosId, sas: usize) -> (String, Vec<String>) {
        let (_, jabatan) = self.cascade.jabatan(self.documents, pos);
        let sasaran = &jabatan.sasaran[sas];
        let text = format!(
            "{}: {}",
            sasaran.id.value,
            sasaran.uraian.as_ref().map_or("", Text::as_str)
        );
        let marks = marks(self.cascade, pos, sas);
        let mut reasons = Vec::new();
        if marks.feeds_nothing {
            reasons.push(tr(self.lang, "graph.feeds-nothing", &[]));
        }
        if marks.unsupported {
            reasons.push(tr(self.lang, "graph.unsupported", &[]));
        }
        (text, reasons)
    }

    fn sasaran_count(&self, pos: PosId) -> usize {
        self.cascade.positions[pos].sasaran.len()
    }
}

/// Break `text` into lines of about `width` characters at spaces; control characters become spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text for a Graphviz HTML-like label: XML-escaped, wrapped with left-aligned breaks.
fn dot_text(text: &str) -> String {
    wrap(text, WRAP)
        .iter()
        .map(|line| escape_html(line))
        .collect::<Vec<_>>()
        .join("<BR ALIGN=\"LEFT\"/>")
}

/// Text for a quoted Mermaid label. Mermaid decodes `#name;` and `#123;` as entities before drawing, so `#` itself
/// is written as an entity first; quotes, `<`, `>`, `&` and backticks would end the label or become HTML or
/// Markdown, so they are entities too.
pub fn mermaid_text(text: &str) -> String {
    wrap(text, WRAP)
        .iter()
        .map(|line| {
            substitute(line, |c| match c {
                '#' => Some("#35;"),
                '&' => Some("#amp;"),
                '"' => Some("#quot;"),
                '<' => Some("#lt;"),
                '>' => Some("#gt;"),
                '`' => Some("#96;"),
                _ => None,
            })
        })
        .collect::<Vec<_>>()
        .join("<br/>")
}

/// The cascade of `documents` as `options` asks; labels that the tool adds are in `lang`.
pub fn render(documents: &[Document], cascade: &Cascade, options: &GraphOptions, lang: Lang) -> String {
    render_with_skps(documents, &[], cascade, options, lang)
}

/// [`render`] with the SKP documents of the set: their boxes, the links to the superior SKP and the intervensi
/// arrows (to an RHK, or to an IKI sasaran). A picture drawn from one position down (`root`) leaves them out.
pub fn render_with_skps(
    documents: &[Document],
    skps: &[crate::skp::SkpDocument],
    cascade: &Cascade,
    options: &GraphOptions,
    lang: Lang,
) -> String {
    let tree = Tree::new(documents, cascade, options, lang);
    let skps = if options.root.is_some() { &[] } else { skps };
    match options.format {
        GraphFormat::Dot => dot(&tree, skps, options.direction),
        GraphFormat::Mermaid => {
            let mut out = mermaid(&tree, options.direction);
            skp::mermaid(&tree, skps, &mut out);
            out
        }
    }
}

const RED_FILL: &str = "#fde8e8";

fn dot_box_label(tree: &Tree, b: &Box) -> String {
    let mut rows = String::new();
    for &pos in &b.members {
        let _ = write!(
            rows,
            "<TR><TD BGCOLOR=\"#dfe7f2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>{}</B></TD></TR>",
            dot_text(&tree.title(pos))
        );
        for sas in 0..tree.sasaran_count(pos) {
            let (text, reasons) = tree.sasaran_text(pos, sas);
            let mut cell = dot_text(&text);
            let fill = if reasons.is_empty() { "white" } else { RED_FILL };
            for reason in reasons {
                let _ = write!(
                    cell,
                    "<BR ALIGN=\"LEFT\"/><FONT COLOR=\"#b00000\"><I>[{}]</I></FONT>",
                    dot_text(&reason)
                );
            }
            let _ = write!(
                rows,
                "<TR><TD PORT=\"p{pos}s{sas}\" BGCOLOR=\"{fill}\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">{cell}<BR ALIGN=\"LEFT\"/></TD></TR>"
            );
        }
    }
    format!(
        "<<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"5\" COLOR=\"#5b6b80\">{rows}</TABLE>>"
    )
}

fn dot(tree: &Tree, skps: &[crate::skp::SkpDocument], direction: Direction) -> String {
    let mut out = String::new();
    // Arrows point from a subordinate up to its superior; BT/RL puts the superior first.
    let rankdir = match direction {
        Direction::TopDown => "BT",
        Direction::LeftRight => "RL",
    };
    let _ = writeln!(out, "digraph pohon_kinerja {{");
    let _ = writeln!(out, "  rankdir={rankdir};\n  ranksep=0.6;\n  nodesep=0.25;");
    let _ = writeln!(out, "  node [shape=plain, fontname=\"Helvetica\", fontsize=11];");
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\"];");
    for b in &tree.boxes {
        let _ = writeln!(out, "  {} [label={}];", b.id, dot_box_label(tree, b));
    }
    for b in &tree.boxes {
        if let Some(parent) = b.parent {
            let _ = writeln!(
                out,
                "  {} -> {} [style=dashed, color=gray60, arrowhead=empty];",
                b.id, tree.boxes[parent].id
            );
        }
    }
    for (pos, sas, to, to_sas, relation) in tree.arrows() {
        let colour = match relation {
            Relation::Direct | Relation::Unknown => "",
            Relation::Above => ", color=orange",
            Relation::NotSuperior => ", color=red",
        };
        let from = &tree.boxes[tree.box_of[&pos]].id;
        let target = &tree.boxes[tree.box_of[&to]].id;
        let _ = writeln!(
            out,
            "  {from}:p{pos}s{sas} -> {target}:p{to}s{to_sas} [constraint=false{colour}];"
        );
    }
    skp::dot(tree, skps, &mut out);
    let _ = writeln!(out, "}}");
    out
}

fn mermaid(tree: &Tree, direction: Direction) -> String {
    let mut out = String::new();
    // As in DOT: arrows point up to the superior, so the flow is drawn bottom-to-top or right-to-left.
    let flow = match direction {
        Direction::TopDown => "BT",
        Direction::LeftRight => "RL",
    };
    let _ = writeln!(out, "flowchart {flow}");
    let mut red = Vec::new();
    let mut links: Vec<&str> = Vec::new();
    for b in &tree.boxes {
        let grouped = b.members.len() > 1;
        if grouped {
            let _ = writeln!(out, "  subgraph {}[\" \"]", b.id);
        }
        for &pos in &b.members {
            let _ = writeln!(out, "  subgraph p{pos}[\"{}\"]", mermaid_text(&tree.title(pos)));
            if tree.sasaran_count(pos) == 0 {
                let _ = writeln!(out, "    p{pos}empty[\" \"]");
            }
            for sas in 0..tree.sasaran_count(pos) {
                let (text, reasons) = tree.sasaran_text(pos, sas);
                let mut label = mermaid_text(&text);
                for reason in &reasons {
                    let _ = write!(label, "<br/>[{}]", mermaid_text(reason));
                }
                let _ = writeln!(out, "    p{pos}s{sas}[\"{label}\"]");
                if !reasons.is_empty() {
                    red.push(format!("p{pos}s{sas}"));
                }
            }
            let _ = writeln!(out, "  end");
        }
        if grouped {
            // Invisible links stack the staff in one column.
            for pair in b.members.windows(2) {
                let _ = writeln!(out, "  p{} ~~~ p{}", pair[0], pair[1]);
                links.push("");
            }
            let _ = writeln!(out, "  end");
        }
    }
    for b in &tree.boxes {
        if let Some(parent) = b.parent {
            let _ = writeln!(out, "  {} -.-> {}", b.id, tree.boxes[parent].id);
            links.push("stroke:#999,stroke-dasharray:4");
        }
    }
    for (pos, sas, to, to_sas, relation) in tree.arrows() {
        let _ = writeln!(out, "  p{pos}s{sas} --> p{to}s{to_sas}");
        links.push(match relation {
            Relation::Direct | Relation::Unknown => "",
            Relation::Above => "stroke:orange",
            Relation::NotSuperior => "stroke:red",
        });
    }
    for (i, style) in links.iter().enumerate() {
        if !style.is_empty() {
            let _ = writeln!(out, "  linkStyle {i} {style}");
        }
    }
    let _ = writeln!(out, "  classDef problem fill:{RED_FILL},stroke:#c00,color:#900");
    for chunk in red.chunks(50) {
        let _ = writeln!(out, "  class {} problem", chunk.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("a\tb\u{7}c", 40), ["a b c"]);
        assert_eq!(wrap("", 40), [""]);
    }

    #[test]
    fn dot_labels_are_xml_escaped() {
        assert_eq!(
            dot_text("say \"hi\" <b> & #1;"),
            "say &quot;hi&quot; &lt;b&gt; &amp; #1;"
        );
        assert_eq!(dot_text("[S1] {x}; Rp 5.000,- ✓"), "[S1] {x}; Rp 5.000,- ✓");
    }

    #[test]
    fn mermaid_labels_escape_each_case() {
        // `#1;` would be read as the entity for character 1 and vanish.
        assert_eq!(mermaid_text("Program #1; tahap 2"), "Program #35;1; tahap 2");
        assert_eq!(mermaid_text("a;b"), "a;b");
        assert_eq!(mermaid_text("say \"hi\""), "say #quot;hi#quot;");
        assert_eq!(mermaid_text("<b>x</b>"), "#lt;b#gt;x#lt;/b#gt;");
        assert_eq!(mermaid_text("A & B"), "A #amp; B");
        assert_eq!(mermaid_text("[S1] (a) {b}"), "[S1] (a) {b}");
        assert_eq!(mermaid_text("`code`"), "#96;code#96;");
        assert_eq!(
            mermaid_text("Kecamatan Tanjung Redeb — ≥ 80% ✓"),
            "Kecamatan Tanjung Redeb — ≥ 80% ✓"
        );
    }
}
