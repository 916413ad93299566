//! `ikilint graph`: the cascade tree ("pohon kinerja") as Graphviz DOT or Mermaid. Each position is a box (a DOT
//! cluster, a Mermaid subgraph) holding its sasaran; solid arrows go from a sasaran to the superior sasaran it
//! feeds, dashed grey arrows from a position to its `atasan`. A sasaran that feeds nothing (A001) or that no
//! subordinate supports (A004) is drawn in red, with the reason in its label.

use crate::cascade::{Atasan, Cascade, Link, PosId, Relation};
use crate::i18n::{Lang, tr};
use crate::model::{Document, Text};
use std::collections::BTreeSet;
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

/// What the picture shows about one sasaran.
#[derive(Default)]
struct Marks {
    feeds_nothing: bool,
    unsupported: bool,
}

/// One feeds arrow between sasaran, `(from pos, from sas, to pos, to sas, relation)`.
type Arrow = (PosId, usize, PosId, usize, Relation);

struct Tree<'a> {
    documents: &'a [Document],
    cascade: &'a Cascade,
    lang: Lang,
}

impl Tree<'_> {
    fn marks(&self, pos: PosId, sas: usize) -> Marks {
        let info = &self.cascade.positions[pos];
        let sasaran = &info.sasaran[sas];
        let under_superior = matches!(info.atasan, Atasan::Resolved(_)) && !info.in_cycle;
        let feeds_nothing = under_superior
            && !sasaran.indicators.is_empty()
            && (0..sasaran.indicators.len()).any(|i| self.cascade.effective_link(pos, sas, i).is_none());
        let has_subordinates = info.subordinates.iter().any(|&p| !self.cascade.positions[p].in_cycle);
        Marks {
            feeds_nothing,
            unsupported: has_subordinates && !info.in_cycle && !sasaran.supported,
        }
    }

    /// Each distinct sasaran-to-sasaran arrow, from the sasaran's own link and its indicators' own links.
    fn arrows(&self) -> BTreeSet<Arrow> {
        let mut arrows = BTreeSet::new();
        for (pos, info) in self.cascade.positions.iter().enumerate() {
            for (sas, sasaran) in info.sasaran.iter().enumerate() {
                let links = std::iter::once(&sasaran.link).chain(sasaran.indicators.iter().map(|i| &i.link));
                for link in links {
                    if let Link::Resolved {
                        pos: to,
                        sas: to_sas,
                        relation,
                    } = link
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

    fn sasaran_label(&self, pos: PosId, sas: usize) -> String {
        let (_, jabatan) = self.cascade.jabatan(self.documents, pos);
        let sasaran = &jabatan.sasaran[sas];
        let mut label = format!(
            "{}: {}",
            sasaran.id.value,
            sasaran.uraian.as_ref().map_or("", Text::as_str)
        );
        let marks = self.marks(pos, sas);
        if marks.feeds_nothing {
            label.push_str(&format!(" [{}]", tr(self.lang, "graph.feeds-nothing", &[])));
        }
        if marks.unsupported {
            label.push_str(&format!(" [{}]", tr(self.lang, "graph.unsupported", &[])));
        }
        label
    }
}

/// Break `text` into lines of about `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
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

fn dot_text(text: &str) -> String {
    wrap(text, 40)
        .iter()
        .map(|l| l.replace('\\', "\\\\").replace('"', "\\\""))
        .collect::<Vec<_>>()
        .join("\\n")
}

fn mermaid_text(text: &str) -> String {
    wrap(text, 40)
        .iter()
        .map(|l| {
            l.replace('&', "#amp;")
                .replace('"', "#quot;")
                .replace('<', "#lt;")
                .replace('>', "#gt;")
        })
        .collect::<Vec<_>>()
        .join("<br/>")
}

/// The cascade of `documents` in `format`; labels that the tool adds are in `lang`.
pub fn render(documents: &[Document], cascade: &Cascade, format: GraphFormat, lang: Lang) -> String {
    let tree = Tree {
        documents,
        cascade,
        lang,
    };
    match format {
        GraphFormat::Dot => dot(&tree),
        GraphFormat::Mermaid => mermaid(&tree),
    }
}

fn dot(tree: &Tree) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph pohon_kinerja {{");
    let _ = writeln!(out, "  rankdir=BT;\n  compound=true;\n  newrank=true;");
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];"
    );
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\"];");
    for (pos, info) in tree.cascade.positions.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_p{pos} {{");
        let _ = writeln!(out, "    label=\"{}\";", dot_text(&tree.title(pos)));
        let _ = writeln!(out, "    style=rounded; color=gray40; labelloc=t;");
        let _ = writeln!(out, "    p{pos} [shape=point, width=0.05, label=\"\"];");
        for sas in 0..info.sasaran.len() {
            let marks = tree.marks(pos, sas);
            let colour = if marks.feeds_nothing || marks.unsupported {
                ", color=red, fontcolor=red3, fillcolor=\"#fde8e8\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    p{pos}s{sas} [label=\"{}\"{colour}];",
                dot_text(&tree.sasaran_label(pos, sas))
            );
        }
        let _ = writeln!(out, "  }}");
    }
    for (pos, info) in tree.cascade.positions.iter().enumerate() {
        if let Atasan::Resolved(superior) = info.atasan {
            let _ = writeln!(
                out,
                "  p{pos} -> p{superior} [style=dashed, color=gray60, arrowhead=empty, ltail=cluster_p{pos}, lhead=cluster_p{superior}];"
            );
        }
    }
    for (pos, sas, to, to_sas, relation) in tree.arrows() {
        let style = match relation {
            Relation::Direct | Relation::Unknown => "",
            Relation::Above => " [color=orange]",
            Relation::NotSuperior => " [color=red]",
        };
        let _ = writeln!(out, "  p{pos}s{sas} -> p{to}s{to_sas}{style};");
    }
    let _ = writeln!(out, "}}");
    out
}

fn mermaid(tree: &Tree) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "flowchart BT");
    let mut red = Vec::new();
    for (pos, info) in tree.cascade.positions.iter().enumerate() {
        let _ = writeln!(out, "  subgraph p{pos}[\"{}\"]", mermaid_text(&tree.title(pos)));
        if info.sasaran.is_empty() {
            let _ = writeln!(out, "    p{pos}empty[\" \"]");
        }
        for sas in 0..info.sasaran.len() {
            let _ = writeln!(
                out,
                "    p{pos}s{sas}[\"{}\"]",
                mermaid_text(&tree.sasaran_label(pos, sas))
            );
            let marks = tree.marks(pos, sas);
            if marks.feeds_nothing || marks.unsupported {
                red.push(format!("p{pos}s{sas}"));
            }
        }
        let _ = writeln!(out, "  end");
    }
    let mut links = Vec::new();
    for (pos, info) in tree.cascade.positions.iter().enumerate() {
        if let Atasan::Resolved(superior) = info.atasan {
            let _ = writeln!(out, "  p{pos} -.-> p{superior}");
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
    let _ = writeln!(out, "  classDef problem fill:#fde8e8,stroke:#c00,color:#900");
    for chunk in red.chunks(50) {
        let _ = writeln!(out, "  class {} problem", chunk.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_escapes() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(dot_text("say \"hi\""), "say \\\"hi\\\"");
        assert_eq!(mermaid_text("a \"b\" <c>"), "a #quot;b#quot; #lt;c#gt;");
    }
}
