//! Which value of a document sits under the cursor, what an `atasan`/`mendukung` reference there names, and
//! every reference to a position or a sasaran in the set. References are resolved by the cascade graph, the one
//! place that knows SPEC.md section 2's reference forms, so the editor always agrees with A002.

use crate::cascade::{Atasan, Cascade, Link, PosId};
use crate::model::{Document, Jabatan, Sasaran, Text};
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// A value under the cursor that the server knows something about.
pub enum Target<'a> {
    Nip(&'a Text),
    /// An `atasan` reference and the position it names.
    Jabatan {
        value: &'a Text,
        document: &'a Document,
        jabatan: &'a Jabatan,
    },
    /// A `mendukung` reference and the sasaran it names.
    Sasaran {
        value: &'a Text,
        document: &'a Document,
        jabatan: &'a Jabatan,
        sasaran: &'a Sasaran,
    },
}

fn inside(t: &Text, offset: usize) -> bool {
    t.span.start <= offset && offset <= t.span.end
}

/// The NIP or resolved reference at byte `offset` of `file`; `None` elsewhere or for a reference that does not
/// resolve.
pub fn target_at<'d>(
    documents: &'d [Document],
    cascade: &'d Cascade,
    file: FileId,
    offset: usize,
) -> Option<Target<'d>> {
    let d = documents.iter().position(|doc| doc.file == file)?;
    for (j, jabatan) in documents[d].jabatan.iter().enumerate() {
        let mut nips = vec![jabatan.pemangku.as_ref().and_then(|p| p.nip.as_ref())];
        if let Some(tt) = &jabatan.tanda_tangan {
            nips.extend([&tt.atasan, &tt.pegawai].map(|s| s.as_ref().and_then(|s| s.nip.as_ref())));
        }
        if let Some(nip) = nips.into_iter().flatten().find(|t| inside(t, offset)) {
            return Some(Target::Nip(nip));
        }
        let pos = cascade.by_doc[d][j];
        if let Some(value) = jabatan.atasan.as_ref().filter(|t| inside(t, offset)) {
            let Atasan::Resolved(superior) = cascade.positions[pos].atasan else {
                return None;
            };
            let (document, jabatan) = cascade.jabatan(documents, superior);
            return Some(Target::Jabatan {
                value,
                document,
                jabatan,
            });
        }
        if let Some(link) = links_of(documents, cascade, pos).find(|l| inside(l.value, offset)) {
            let Link::Resolved { pos, sas, .. } = *link.link else {
                return None;
            };
            let (document, jabatan) = cascade.jabatan(documents, pos);
            return Some(Target::Sasaran {
                value: link.value,
                document,
                jabatan,
                sasaran: &jabatan.sasaran[sas],
            });
        }
    }
    None
}

/// A `mendukung` written in the set: by a sasaran (`indikator` is `None`) or by one indicator.
pub struct MendukungRef<'d> {
    pub from: PosId,
    pub sasaran: usize,
    pub indikator: Option<usize>,
    pub value: &'d Text,
    pub link: &'d Link,
}

/// The `mendukung` values written in position `pos`, each with how it resolved.
pub fn links_of<'d>(
    documents: &'d [Document],
    cascade: &'d Cascade,
    pos: PosId,
) -> impl Iterator<Item = MendukungRef<'d>> {
    let (_, jabatan) = cascade.jabatan(documents, pos);
    jabatan
        .sasaran
        .iter()
        .zip(&cascade.positions[pos].sasaran)
        .enumerate()
        .flat_map(move |(s, (sasaran, info))| {
            let own = sasaran.mendukung.as_ref().map(|value| MendukungRef {
                from: pos,
                sasaran: s,
                indikator: None,
                value,
                link: &info.link,
            });
            let indicators =
                sasaran
                    .indikator
                    .iter()
                    .zip(&info.indicators)
                    .enumerate()
                    .filter_map(move |(i, (indikator, ii))| {
                        indikator.mendukung.as_ref().map(|value| MendukungRef {
                            from: pos,
                            sasaran: s,
                            indikator: Some(i),
                            value,
                            link: &ii.link,
                        })
                    });
            own.into_iter().chain(indicators)
        })
}

/// Every `mendukung` of the set.
pub fn all_links<'d>(documents: &'d [Document], cascade: &'d Cascade) -> impl Iterator<Item = MendukungRef<'d>> {
    (0..cascade.positions.len()).flat_map(move |pos| links_of(documents, cascade, pos))
}

/// The spans of the `/`-separated parts of a reference as written at `span` in `source` (quotes left out).
pub fn segments(source: &str, span: Span) -> Vec<Span> {
    let Some(written) = source.get(span.range()) else {
        return Vec::new();
    };
    let inner = written.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    let start = span.start + written.find(inner).unwrap_or(0);
    let mut out = Vec::new();
    let mut at = start;
    for part in inner.split('/') {
        let lead = part.len() - part.trim_start().len();
        out.push(Span::new(at + lead, at + part.trim_end().len()));
        at += part.len() + 1;
    }
    out
}

/// A position or a sasaran: what find-references and rename work on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Position(PosId),
    Sasaran(PosId, usize),
}

/// One place that names a [`Symbol`]: its definition or a reference, with the span of the name alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub file: FileId,
    pub span: Span,
    pub definition: bool,
}

/// The position or sasaran named at `offset` of `file` (its id where it is defined, or the part of a reference
/// that names it) and the span of that name.
pub fn symbol_at(
    documents: &[Document],
    cascade: &Cascade,
    source: &str,
    file: FileId,
    offset: usize,
) -> Option<(Symbol, Span)> {
    let d = documents.iter().position(|doc| doc.file == file)?;
    let on = |span: &Span| span.start <= offset && offset <= span.end;
    for (j, jabatan) in documents[d].jabatan.iter().enumerate() {
        let pos = cascade.by_doc[d][j];
        if let Some(id) = jabatan.id.as_ref().filter(|t| inside(t, offset)) {
            return Some((Symbol::Position(pos), id.span));
        }
        for (s, sasaran) in jabatan.sasaran.iter().enumerate() {
            if sasaran.id_written && inside(&sasaran.id, offset) {
                return Some((Symbol::Sasaran(pos, s), sasaran.id.span));
            }
        }
        if let Some(value) = jabatan.atasan.as_ref().filter(|t| inside(t, offset)) {
            let Atasan::Resolved(superior) = cascade.positions[pos].atasan else {
                return None;
            };
            let parts = segments(source, value.span);
            return parts.last().filter(|p| on(p)).map(|p| (Symbol::Position(superior), *p));
        }
        if let Some(link) = links_of(documents, cascade, pos).find(|l| inside(l.value, offset)) {
            let Link::Resolved { pos: target, sas, .. } = *link.link else {
                return None;
            };
            let parts = segments(source, link.value.span);
            let part = parts.iter().rposition(on)?;
            return match parts.len() - part {
                1 => Some((Symbol::Sasaran(target, sas), parts[part])),
                2 => Some((Symbol::Position(target), parts[part])),
                _ => None,
            };
        }
    }
    None
}

/// Every place that names `symbol` in the set, its definition first (when its id is written). `source` gives
/// the text of a file.
pub fn occurrences<'s>(
    documents: &[Document],
    cascade: &Cascade,
    source: impl Fn(FileId) -> &'s str,
    symbol: Symbol,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let reference = |file: FileId, span: Span, from_end: usize| {
        let parts = segments(source(file), span);
        (parts.len() >= from_end).then(|| Occurrence {
            file,
            span: parts[parts.len() - from_end],
            definition: false,
        })
    };
    let file_of = |pos: PosId| documents[cascade.positions[pos].doc].file;
    match symbol {
        Symbol::Position(target) => {
            let (document, jabatan) = cascade.jabatan(documents, target);
            if let Some(id) = &jabatan.id {
                out.push(Occurrence {
                    file: document.file,
                    span: id.span,
                    definition: true,
                });
            }
            for (pos, info) in cascade.positions.iter().enumerate() {
                if info.atasan == Atasan::Resolved(target) {
                    let (_, jabatan) = cascade.jabatan(documents, pos);
                    if let Some(value) = &jabatan.atasan {
                        out.extend(reference(file_of(pos), value.span, 1));
                    }
                }
            }
            for link in all_links(documents, cascade) {
                if matches!(*link.link, Link::Resolved { pos, .. } if pos == target) {
                    out.extend(reference(file_of(link.from), link.value.span, 2));
                }
            }
        }
        Symbol::Sasaran(target, s) => {
            let (document, jabatan) = cascade.jabatan(documents, target);
            let sasaran = &jabatan.sasaran[s];
            if sasaran.id_written {
                out.push(Occurrence {
                    file: document.file,
                    span: sasaran.id.span,
                    definition: true,
                });
            }
            for link in all_links(documents, cascade) {
                if matches!(*link.link, Link::Resolved { pos, sas, .. } if pos == target && sas == s) {
                    out.extend(reference(file_of(link.from), link.value.span, 1));
                }
            }
        }
    }
    out
}

/// An indicator of the set: `(position, sasaran, indicator)`.
pub type IndicatorAt = (PosId, usize, usize);

/// The indicators of the set that feed each sasaran (own link, else their sasaran's), by `(position, sasaran)`.
pub fn feeders(cascade: &Cascade) -> HashMap<(PosId, usize), Vec<IndicatorAt>> {
    let mut out: HashMap<_, Vec<_>> = HashMap::new();
    for (pos, info) in cascade.positions.iter().enumerate() {
        for (s, sasaran) in info.sasaran.iter().enumerate() {
            for i in 0..sasaran.indicators.len() {
                if let Link::Resolved { pos: to, sas, .. } = *cascade.effective_link(pos, s, i) {
                    out.entry((to, sas)).or_default().push((pos, s, i));
                }
            }
        }
    }
    out
}
