//! The cascade graph ("pohon kinerja") of everything linted together: one petgraph with a node per position,
//! sasaran and indicator, and edges for reports-to (`atasan`), containment, and feeds (`mendukung`), built once
//! per run with every reference of SPEC.md section 2 resolved across documents through hash indexes.
//!
//! The alignment rules (A001–A008) and `ikilint graph` read the resolved references and the graph; none of them
//! walks the YAML again.

use crate::model::{Document, Jabatan, Text};
use crate::rules::{Context, Index};
use crate::similarity;
use foldhash::HashMap;
use petgraph::graph::{DiGraph, NodeIndex};

/// Index of a position in [`Cascade::positions`].
pub type PosId = usize;

/// A node of the graph: indexes into `cx.documents` through [`Cascade::positions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Position(PosId),
    Sasaran { pos: PosId, sas: usize },
    Indicator { pos: PosId, sas: usize, ind: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Subordinate position → its direct superior.
    ReportsTo,
    /// Position → sasaran, sasaran → indicator.
    Contains,
    /// Sasaran or indicator → the superior sasaran its `mendukung` names.
    Feeds,
}

/// Why a reference does not resolve; what A002 says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError {
    /// Not of the form the key allows (empty parts, too many `/`).
    Malformed,
    /// No document has this `dokumen.id`.
    Document { name: String, suggestion: Option<String> },
    /// No position with this id in the document `doc`.
    Position {
        name: String,
        doc: String,
        suggestion: Option<String>,
    },
    /// The position `pos` has no sasaran of this id.
    Sasaran {
        name: String,
        pos: PosId,
        suggestion: Option<String>,
    },
    /// A bare sasaran id on a position that has no `atasan` to look it up in.
    NoSuperior,
}

/// The `atasan` of a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atasan {
    /// No `atasan` written: a top position.
    Top,
    Resolved(PosId),
    /// Boxed, as in [`Link::Broken`]: a broken reference is rare and its texts would widen every position.
    Unresolved(Box<RefError>),
}

/// Where a resolved `mendukung` target sits relative to the position that wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// A sasaran of the direct superior.
    Direct,
    /// A sasaran of a superior above the direct one (A008).
    Above,
    /// Neither the direct superior nor any superior of it (A003).
    NotSuperior,
    /// The reporting chain is broken (unresolved `atasan`) or loops, so the relation cannot be told.
    Unknown,
}

/// A `mendukung` reference as resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// No `mendukung` written (for an indicator: none of its own).
    None,
    Resolved {
        pos: PosId,
        sas: usize,
        relation: Relation,
    },
    /// Boxed: every sasaran and indicator holds a link, and a broken one (rare) is three texts wide.
    Broken(Box<RefError>),
    /// A bare sasaran id whose position's `atasan` is itself unresolved: A002 is on the `atasan`, not here.
    Unresolvable,
}

impl Link {
    pub fn is_none(&self) -> bool {
        matches!(self, Link::None)
    }
}

#[derive(Clone, Debug)]
pub struct IndicatorInfo {
    pub node: NodeIndex,
    /// The indicator's own `mendukung`; see [`Cascade::effective_link`].
    pub link: Link,
}

#[derive(Clone, Debug)]
pub struct SasaranInfo {
    pub node: NodeIndex,
    pub link: Link,
    pub indicators: Vec<IndicatorInfo>,
    /// Fed by at least one indicator (or link-only sasaran) of a position below.
    pub supported: bool,
}

#[derive(Clone, Debug)]
pub struct PositionInfo {
    pub doc: usize,
    pub jab: usize,
    pub node: NodeIndex,
    pub atasan: Atasan,
    pub subordinates: Vec<PosId>,
    pub sasaran: Vec<SasaranInfo>,
    /// Part of an `atasan` loop (A005): the cascade findings about it are suppressed.
    pub in_cycle: bool,
}

#[derive(Default)]
pub struct Cascade {
    pub graph: DiGraph<Node, Edge>,
    pub positions: Vec<PositionInfo>,
    /// Position ids of each document, in document order (`by_doc[doc][jab]`).
    pub by_doc: Vec<Vec<PosId>>,
    /// Each `atasan` loop once, in reporting order starting from its first position in document order.
    pub cycles: Vec<Vec<PosId>>,
    /// Entry/exit times of a depth-first walk down the reporting tree, for O(1) "is a superior of".
    tour: Vec<Option<(u32, u32)>>,
    /// The chain of superiors ends at a position with no `atasan` (not at a broken reference or a loop).
    complete: Vec<bool>,
}

/// Whether the cascade reads the same of two versions of a position: its id, its `atasan`, and the ids and
/// `mendukung` of its sasaran and indicators (spans aside). A graph built before an edit that keeps them stays
/// the graph of the edited set.
pub fn reads_same(a: &Jabatan, b: &Jabatan) -> bool {
    fn value(text: &Option<Text>) -> Option<&str> {
        text.as_ref().map(|t| t.as_str())
    }
    value(&a.id) == value(&b.id)
        && value(&a.atasan) == value(&b.atasan)
        && a.sasaran.len() == b.sasaran.len()
        && a.sasaran.iter().zip(&b.sasaran).all(|(x, y)| {
            x.id.value == y.id.value
                && value(&x.mendukung) == value(&y.mendukung)
                && x.indikator.len() == y.indikator.len()
                && x.indikator
                    .iter()
                    .zip(&y.indikator)
                    .all(|(i, k)| value(&i.mendukung) == value(&k.mendukung))
        })
}

impl Index for Cascade {
    fn build(cx: &Context) -> Self {
        Cascade::new(cx.documents)
    }
}

/// The lookup tables of one build; they borrow the documents and are dropped once references are resolved.
struct Ids<'d> {
    documents: &'d [Document],
    docs: HashMap<&'d str, usize>,
    /// (document, jabatan id) → position.
    positions: HashMap<(usize, &'d str), PosId>,
    /// jabatan id → its first position anywhere, to suggest `dokumen/jabatan` for a bare id of another document.
    anywhere: HashMap<&'d str, PosId>,
    /// (position, sasaran id) → sasaran index.
    sasaran: HashMap<(PosId, &'d str), usize>,
    /// position → (document, jabatan).
    place: Vec<(usize, usize)>,
    /// Did-you-mean scans still allowed: each scans a document's positions or the document ids, so an input full
    /// of broken references would otherwise cost references × positions. Past the budget A002 says "check the
    /// spelling" without a suggestion.
    scans_left: std::cell::Cell<usize>,
}

/// Did-you-mean scans per run (see `Ids::scans_left`).
const SUGGESTION_SCANS: usize = 64;

impl<'d> Ids<'d> {
    fn new(documents: &'d [Document]) -> Self {
        let mut ids = Ids {
            documents,
            docs: HashMap::default(),
            positions: HashMap::default(),
            anywhere: HashMap::default(),
            sasaran: HashMap::default(),
            place: Vec::new(),
            scans_left: std::cell::Cell::new(SUGGESTION_SCANS),
        };
        for (d, document) in documents.iter().enumerate() {
            if let Some(id) = document.id() {
                ids.docs.entry(id).or_insert(d);
            }
            for (j, jabatan) in document.jabatan.iter().enumerate() {
                let pos = ids.place.len();
                ids.place.push((d, j));
                if let Some(id) = &jabatan.id {
                    ids.positions.entry((d, id.as_str())).or_insert(pos);
                    ids.anywhere.entry(id.as_str()).or_insert(pos);
                }
                for (s, sasaran) in jabatan.sasaran.iter().enumerate() {
                    ids.sasaran.entry((pos, sasaran.id.as_str())).or_insert(s);
                }
            }
        }
        ids
    }

    /// Take one did-you-mean scan from the budget.
    fn may_scan(&self) -> bool {
        let left = self.scans_left.get();
        self.scans_left.set(left.saturating_sub(1));
        left > 0
    }

    fn jabatan(&self, pos: PosId) -> &'d Jabatan {
        let (d, j) = self.place[pos];
        &self.documents[d].jabatan[j]
    }

    fn doc_name(&self, d: usize) -> String {
        self.documents[d].id().unwrap_or("?").to_string()
    }

    fn document(&self, name: &str) -> Result<usize, RefError> {
        self.docs.get(name).copied().ok_or_else(|| RefError::Document {
            name: name.to_string(),
            suggestion: self
                .may_scan()
                .then(|| similarity::closest_id(name, self.documents.iter().filter_map(Document::id)))
                .flatten()
                .map(str::to_string),
        })
    }

    /// The position `name` in document `d`. `local` says the reference was a bare id (so a position of that id in
    /// another document is worth suggesting as `dokumen/jabatan`).
    fn position(&self, d: usize, name: &str, local: bool) -> Result<PosId, RefError> {
        if let Some(pos) = self.positions.get(&(d, name)) {
            return Ok(*pos);
        }
        let in_doc = self.documents[d]
            .jabatan
            .iter()
            .filter_map(|j| j.id.as_ref().map(Text::as_str));
        let nearest = if self.may_scan() {
            similarity::closest_id(name, in_doc)
        } else {
            None
        };
        let suggestion = nearest.map(str::to_string).or_else(|| {
            let other = *self.anywhere.get(name)?;
            let (od, _) = self.place[other];
            (local && od != d).then(|| format!("{}/{name}", self.doc_name(od)))
        });
        Err(RefError::Position {
            name: name.to_string(),
            doc: self.doc_name(d),
            suggestion,
        })
    }

    fn sasaran(&self, pos: PosId, name: &str) -> Result<usize, RefError> {
        if let Some(s) = self.sasaran.get(&(pos, name)) {
            return Ok(*s);
        }
        let mut ids = self.jabatan(pos).sasaran.iter().map(|s| s.id.as_str());
        // `S9` for `S1` is no typo worth guessing at: numbered ids only match when they differ in case.
        let numbered = name
            .strip_prefix(['S', 's'])
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let suggestion = if numbered {
            ids.find(|id| id.eq_ignore_ascii_case(name))
        } else {
            similarity::closest_id(name, ids)
        };
        Err(RefError::Sasaran {
            name: name.to_string(),
            pos,
            suggestion: suggestion.map(str::to_string),
        })
    }

    /// `atasan` of the position at document `d`: `<jabatan-id>` or `<dokumen-id>/<jabatan-id>`.
    fn atasan(&self, d: usize, reference: &str) -> Result<PosId, RefError> {
        match split(reference).as_slice() {
            [jab] => self.position(d, jab, true),
            [doc, jab] => self.position(self.document(doc)?, jab, false),
            _ => Err(RefError::Malformed),
        }
    }
}

/// The `/`-separated parts of a reference, trimmed; an empty part makes it malformed (returned as no parts).
fn split(reference: &str) -> Vec<&str> {
    let parts: Vec<&str> = reference.split('/').map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty()) {
        Vec::new()
    } else {
        parts
    }
}

impl Cascade {
    pub fn new(documents: &[Document]) -> Cascade {
        let ids = Ids::new(documents);
        let count = ids.place.len();
        // The graph is held to the run's end: sized once for its nodes and for the edges known now (containment,
        // reports-to); the feeds are added to it, once resolved, in one step.
        let (mut sasaran_count, mut indicator_count, mut superiors) = (0, 0, 0);
        for &(d, j) in &ids.place {
            let jabatan = &documents[d].jabatan[j];
            sasaran_count += jabatan.sasaran.len();
            indicator_count += jabatan.sasaran.iter().map(|s| s.indikator.len()).sum::<usize>();
            superiors += usize::from(jabatan.atasan.is_some());
        }
        let nodes = count + sasaran_count + indicator_count;
        let mut graph = DiGraph::with_capacity(nodes, sasaran_count + indicator_count + superiors);
        let mut by_doc: Vec<Vec<PosId>> = documents.iter().map(|d| Vec::with_capacity(d.jabatan.len())).collect();
        let mut positions = Vec::with_capacity(count);
        for (pos, &(d, j)) in ids.place.iter().enumerate() {
            by_doc[d].push(pos);
            let jabatan = &documents[d].jabatan[j];
            let node = graph.add_node(Node::Position(pos));
            let sasaran = jabatan
                .sasaran
                .iter()
                .enumerate()
                .map(|(s, sasaran)| {
                    let snode = graph.add_node(Node::Sasaran { pos, sas: s });
                    graph.add_edge(node, snode, Edge::Contains);
                    let indicators = (0..sasaran.indikator.len())
                        .map(|i| {
                            let inode = graph.add_node(Node::Indicator { pos, sas: s, ind: i });
                            graph.add_edge(snode, inode, Edge::Contains);
                            IndicatorInfo {
                                node: inode,
                                link: Link::None,
                            }
                        })
                        .collect();
                    SasaranInfo {
                        node: snode,
                        link: Link::None,
                        indicators,
                        supported: false,
                    }
                })
                .collect();
            let atasan = match &jabatan.atasan {
                None => Atasan::Top,
                Some(reference) => match ids.atasan(d, &reference.value) {
                    Ok(superior) => Atasan::Resolved(superior),
                    Err(e) => Atasan::Unresolved(Box::new(e)),
                },
            };
            positions.push(PositionInfo {
                doc: d,
                jab: j,
                node,
                atasan,
                subordinates: Vec::new(),
                sasaran,
                in_cycle: false,
            });
        }
        for pos in 0..count {
            if let Atasan::Resolved(superior) = positions[pos].atasan {
                positions[superior].subordinates.push(pos);
                graph.add_edge(positions[pos].node, positions[superior].node, Edge::ReportsTo);
            }
        }
        let mut cascade = Cascade {
            graph,
            positions,
            by_doc,
            cycles: Vec::new(),
            tour: vec![None; count],
            complete: vec![false; count],
        };
        cascade.find_cycles();
        cascade.walk_tree();
        cascade.resolve_links(&ids);
        cascade
    }

    pub fn superior(&self, pos: PosId) -> Option<PosId> {
        match self.positions[pos].atasan {
            Atasan::Resolved(superior) => Some(superior),
            _ => None,
        }
    }

    /// Every `atasan` loop, each once. The `atasan` graph has at most one edge out of each position, so one walk
    /// per position that stops at anything already seen finds them all in linear time.
    fn find_cycles(&mut self) {
        let count = self.positions.len();
        // 0 = unseen, else 1 + the walk that first saw it.
        let mut seen = vec![0usize; count];
        for start in 0..count {
            if seen[start] != 0 {
                continue;
            }
            let walk = start + 1;
            let mut path = Vec::new();
            let mut at = start;
            loop {
                if seen[at] != 0 {
                    if seen[at] == walk {
                        let from = path.iter().position(|&p| p == at).unwrap_or(0);
                        let mut cycle: Vec<PosId> = path[from..].to_vec();
                        // Start at the member that comes first in the documents, for stable output.
                        if let Some(first) = cycle.iter().enumerate().min_by_key(|(_, p)| **p).map(|(i, _)| i) {
                            cycle.rotate_left(first);
                        }
                        for &p in &cycle {
                            self.positions[p].in_cycle = true;
                        }
                        self.cycles.push(cycle);
                    }
                    break;
                }
                seen[at] = walk;
                path.push(at);
                match self.superior(at) {
                    Some(next) => at = next,
                    None => break,
                }
            }
        }
        self.cycles.sort();
    }

    /// Number the reporting tree depth-first from every position without a resolved superior; positions in or
    /// below a loop are never reached and keep no numbers.
    fn walk_tree(&mut self) {
        let mut clock = 0u32;
        let mut stack: Vec<(PosId, usize)> = Vec::new();
        for root in 0..self.positions.len() {
            if self.superior(root).is_some() {
                continue;
            }
            let complete = matches!(self.positions[root].atasan, Atasan::Top);
            stack.push((root, 0));
            self.tour[root] = Some((clock, 0));
            clock += 1;
            while let Some(&mut (at, ref mut next)) = stack.last_mut() {
                self.complete[at] = complete;
                if let Some(&child) = self.positions[at].subordinates.get(*next) {
                    *next += 1;
                    self.tour[child] = Some((clock, 0));
                    clock += 1;
                    stack.push((child, 0));
                } else {
                    if let Some((_, out)) = self.tour[at].as_mut() {
                        *out = clock;
                    }
                    clock += 1;
                    stack.pop();
                }
            }
        }
    }

    /// `upper` is a superior of `lower`, directly or further up.
    pub fn is_superior(&self, upper: PosId, lower: PosId) -> bool {
        match (self.tour[upper], self.tour[lower]) {
            (Some((ui, uo)), Some((li, lo))) => ui < li && lo <= uo,
            _ => false,
        }
    }

    fn relation(&self, from: PosId, to: PosId) -> Relation {
        let position = &self.positions[from];
        if position.in_cycle {
            return Relation::Unknown;
        }
        if self.superior(from) == Some(to) {
            Relation::Direct
        } else if self.is_superior(to, from) {
            Relation::Above
        } else if self.complete[from] {
            Relation::NotSuperior
        } else {
            Relation::Unknown
        }
    }

    /// `mendukung` of a sasaran or indicator of `pos`: `<sasaran-id>` of the direct superior,
    /// `<jabatan-id>/<sasaran-id>` in the same document, or `<dokumen-id>/<jabatan-id>/<sasaran-id>`.
    fn link(&self, ids: &Ids, pos: PosId, reference: &str) -> Link {
        let doc = self.positions[pos].doc;
        let target = match split(reference).as_slice() {
            [sas] => match &self.positions[pos].atasan {
                Atasan::Top => Err(RefError::NoSuperior),
                Atasan::Unresolved(_) => return Link::Unresolvable,
                Atasan::Resolved(superior) => ids.sasaran(*superior, sas).map(|s| (*superior, s)),
            },
            [jab, sas] => ids
                .position(doc, jab, true)
                .and_then(|p| ids.sasaran(p, sas).map(|s| (p, s))),
            [d, jab, sas] => ids
                .document(d)
                .and_then(|d| ids.position(d, jab, false))
                .and_then(|p| ids.sasaran(p, sas).map(|s| (p, s))),
            _ => Err(RefError::Malformed),
        };
        match target {
            Ok((to, sas)) => Link::Resolved {
                pos: to,
                sas,
                relation: self.relation(pos, to),
            },
            Err(e) => Link::Broken(Box::new(e)),
        }
    }

    fn resolve_links(&mut self, ids: &Ids) {
        let mut feeds: Vec<(NodeIndex, PosId, usize)> = Vec::new();
        let mut supports: Vec<(PosId, usize)> = Vec::new();
        for pos in 0..self.positions.len() {
            let jabatan = ids.jabatan(pos);
            for (s, sasaran) in jabatan.sasaran.iter().enumerate() {
                let link = match &sasaran.mendukung {
                    Some(reference) => self.link(ids, pos, &reference.value),
                    None => Link::None,
                };
                let own: Vec<Link> = sasaran
                    .indikator
                    .iter()
                    .map(|indikator| match &indikator.mendukung {
                        Some(reference) => self.link(ids, pos, &reference.value),
                        None => Link::None,
                    })
                    .collect();
                let info = &mut self.positions[pos].sasaran[s];
                if let Link::Resolved { pos: to, sas, .. } = link {
                    feeds.push((info.node, to, sas));
                }
                // What the sasaran feeds is what its indicators feed; a sasaran without indicators (A007) feeds
                // through its own link.
                let mut effective: Vec<&Link> = own.iter().map(|l| if l.is_none() { &link } else { l }).collect();
                if effective.is_empty() {
                    effective.push(&link);
                }
                for l in effective {
                    if let Link::Resolved { pos: to, sas, relation } = l
                        && *relation != Relation::NotSuperior
                    {
                        supports.push((*to, *sas));
                    }
                }
                for (indicator, l) in info.indicators.iter_mut().zip(own) {
                    if let Link::Resolved { pos: to, sas, .. } = l {
                        feeds.push((indicator.node, to, sas));
                    }
                    indicator.link = l;
                }
                info.link = link;
            }
        }
        self.graph.reserve_exact_edges(feeds.len());
        for (node, to, sas) in feeds {
            let target = self.positions[to].sasaran[sas].node;
            self.graph.add_edge(node, target, Edge::Feeds);
        }
        for (to, sas) in supports {
            self.positions[to].sasaran[sas].supported = true;
        }
    }

    /// The link an indicator feeds through: its own `mendukung`, else its sasaran's.
    pub fn effective_link(&self, pos: PosId, sas: usize, ind: usize) -> &Link {
        let sasaran = &self.positions[pos].sasaran[sas];
        match &sasaran.indicators[ind].link {
            Link::None => &sasaran.link,
            own => own,
        }
    }

    /// The document and position model of `pos`.
    pub fn jabatan<'d>(&self, documents: &'d [Document], pos: PosId) -> (&'d Document, &'d Jabatan) {
        let info = &self.positions[pos];
        let document = &documents[info.doc];
        (document, &document.jabatan[info.jab])
    }

    /// How `pos` is named to a reader: its id, with the document id when it is in another document than `from`.
    pub fn name(&self, documents: &[Document], pos: PosId, from_doc: Option<usize>) -> String {
        let (document, jabatan) = self.jabatan(documents, pos);
        let id = jabatan.id.as_ref().map_or("?", Text::as_str);
        match from_doc {
            Some(d) if d == self.positions[pos].doc => id.to_string(),
            _ => format!("{}/{id}", document.id().unwrap_or("?")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(text: &str) -> Jabatan {
        let source = format!(
            "dokumen:\n  id: a\n  unit: Kecamatan A\n  tahun: 2024\njabatan:\n  - id: sekcam\n    nama: Sekretaris\n    \
             atasan: camat\n    sasaran:\n      - uraian: {text}\n        indikator:\n          - uraian: Persentase \
             layanan\n            mendukung: S1\n"
        );
        let mut workspace = crate::workspace::load_sources(vec![("a.yaml".into(), source)]);
        workspace.documents.remove(0).jabatan.remove(0)
    }

    /// Every sasaran and indicator of a province holds a link: a broken one's texts must not widen them all.
    #[test]
    fn a_link_is_no_wider_than_a_resolved_one() {
        let resolved = std::mem::size_of::<(PosId, usize, Relation)>();
        assert!(
            std::mem::size_of::<Link>() <= resolved,
            "{}",
            std::mem::size_of::<Link>()
        );
        assert!(std::mem::size_of::<Atasan>() <= std::mem::size_of::<(usize, usize)>());
    }

    #[test]
    fn a_title_or_a_text_is_not_what_the_cascade_reads_but_a_link_is() {
        let before = position("Meningkatnya pelayanan");
        let mut edited = position("Meningkatnya kualitas pelayanan");
        edited.nama.as_mut().expect("nama").value = "Sekretaris Camat".into();
        assert!(reads_same(&before, &edited));
        let mut relinked = before.clone();
        relinked.sasaran[0].indikator[0]
            .mendukung
            .as_mut()
            .expect("mendukung")
            .value = "S2".into();
        assert!(!reads_same(&before, &relinked));
        let mut moved = before.clone();
        moved.atasan.as_mut().expect("atasan").value = "lurah".into();
        assert!(!reads_same(&before, &moved));
    }
}
