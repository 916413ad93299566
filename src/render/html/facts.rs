//! What the report says about each document and finding: the figures of its card and unit row, and where in the
//! cascade each finding sits.

use crate::cascade::{Atasan, Cascade, Link, PosId, Relation};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Text};
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// Figures of one document, as its card and its row of the unit table show them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub positions: usize,
    pub indicators: usize,
    /// Indicators of positions under a superior that feed a sasaran above, of those that should.
    pub linked: (usize, usize),
    /// Sasaran of positions with subordinates that something below supports, of those.
    pub supported: (usize, usize),
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Figures {
    fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// The share `part/whole` as a whole percent, `None` when nothing is counted.
pub fn percent((part, whole): (usize, usize)) -> Option<usize> {
    (whole > 0).then(|| (part * 100 + whole / 2) / whole)
}

/// The figures of every document (in `documents` order).
pub fn figures(documents: &[Document], cascade: &Cascade, findings: &[Located]) -> Vec<Figures> {
    let mut all: Vec<Figures> = documents.iter().map(|_| Figures::default()).collect();
    for (pos, info) in cascade.positions.iter().enumerate() {
        let figures = &mut all[info.doc];
        figures.positions += 1;
        let under_superior = matches!(info.atasan, Atasan::Resolved(_)) && !info.in_cycle;
        let has_subordinates = info.subordinates.iter().any(|&p| !cascade.positions[p].in_cycle);
        for (sas, sasaran) in info.sasaran.iter().enumerate() {
            figures.indicators += sasaran.indicators.len();
            if under_superior {
                let linked = (0..sasaran.indicators.len())
                    .filter(|&i| {
                        matches!(cascade.effective_link(pos, sas, i), Link::Resolved { relation, .. } if *relation != Relation::NotSuperior)
                    })
                    .count();
                figures.linked.0 += linked;
                figures.linked.1 += sasaran.indicators.len();
            }
            if has_subordinates && !info.in_cycle {
                figures.supported.0 += usize::from(sasaran.supported);
                figures.supported.1 += 1;
            }
        }
    }
    for finding in findings {
        if let Some(doc) = finding.doc {
            all[doc].count(finding.severity);
        }
    }
    all
}

/// Where in the cascade a finding sits: the position, sasaran and indicator its primary label is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub severity: Severity,
    pub doc: Option<usize>,
    pub pos: Option<PosId>,
    pub sas: Option<usize>,
    pub ind: Option<usize>,
}

/// The last of `starts` (ascending) at or before `offset`.
pub(super) fn last_at_or_before(starts: impl Iterator<Item = usize>, offset: usize) -> Option<usize> {
    starts.take_while(|&start| start <= offset).count().checked_sub(1)
}

/// Whether `offset` is inside the list that starts at `list` and ends where the first of `siblings` after it
/// starts (the model keeps where each value starts, not where a list ends).
pub(super) fn in_list(list: Option<Span>, siblings: impl Iterator<Item = usize>, offset: usize) -> bool {
    let Some(list) = list else { return false };
    let end = siblings.filter(|&s| s > list.start).min().unwrap_or(usize::MAX);
    list.start <= offset && offset < end
}

fn starts<'t>(texts: impl IntoIterator<Item = &'t Option<Text>>) -> impl Iterator<Item = usize> {
    texts.into_iter().flatten().map(|t| t.span.start)
}

/// Place each finding in the document, position, sasaran and indicator where its primary label starts.
pub fn locate(documents: &[Document], cascade: &Cascade, diagnostics: &[Diagnostic]) -> Vec<Located> {
    let mut by_file: HashMap<FileId, Vec<usize>> = HashMap::new();
    for (d, document) in documents.iter().enumerate() {
        by_file.entry(document.file).or_default().push(d);
    }
    diagnostics
        .iter()
        .map(|diagnostic| {
            let offset = diagnostic.primary.span.start;
            let mut located = Located {
                severity: diagnostic.severity,
                doc: None,
                pos: None,
                sas: None,
                ind: None,
            };
            let Some(docs) = by_file.get(&diagnostic.primary.file) else {
                return located;
            };
            let doc = docs[last_at_or_before(docs.iter().map(|&d| documents[d].span.start), offset).unwrap_or(0)];
            located.doc = Some(doc);
            let jabatan = &documents[doc].jabatan;
            // A province may keep thousands of positions in one file: search, do not scan.
            let Some(j) = jabatan.partition_point(|j| j.span.start <= offset).checked_sub(1) else {
                return located;
            };
            located.pos = Some(cascade.by_doc[doc][j]);
            let position = &jabatan[j];
            let others = starts([&position.id, &position.nama, &position.atasan])
                .chain(position.tugas.iter().chain(&position.fungsi).map(|t| t.span.start))
                .chain(position.pemangku.iter().map(|p| p.span.start))
                .chain(position.tanda_tangan.iter().map(|t| t.span.start));
            if !in_list(position.sasaran_span, others, offset) {
                return located;
            }
            let Some(s) = last_at_or_before(position.sasaran.iter().map(|s| s.span.start), offset) else {
                return located;
            };
            located.sas = Some(s);
            let sasaran = &position.sasaran[s];
            let others = starts([&sasaran.uraian, &sasaran.mendukung]).chain(std::iter::once(sasaran.id.span.start));
            if in_list(sasaran.indikator_span, others, offset) {
                located.ind = last_at_or_before(sasaran.indikator.iter().map(|i| i.span.start), offset);
            }
            located
        })
        .collect()
}
