//! The reporting tree as the pictures draw it (`ikilint graph`, `ikilint report`): every position once, under its
//! `atasan`, whatever its findings. Positions in or below an `atasan` loop have no top to hang from: each one the
//! walk from the tops did not reach starts a tree of its own, so nothing is left out.

use crate::cascade::{Atasan, Cascade, PosId};
use crate::model::{Document, Text};
use crate::similarity;

/// One position as placed by [`walk`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    pub pos: PosId,
    /// The superior it is drawn under; `None` for the top of a tree.
    pub parent: Option<PosId>,
    /// Levels below the top of its tree.
    pub depth: usize,
}

/// Depth-first from each of `starts` in turn, then from every position `keep` admits that is still unplaced,
/// down to `max_depth` levels (all when `None`). Only positions `keep` admits are placed; a superior that is not
/// kept makes its subordinate the top of a tree.
pub fn walk(
    cascade: &Cascade,
    starts: &[PosId],
    keep: impl Fn(PosId) -> bool,
    max_depth: Option<usize>,
) -> Vec<Placed> {
    let mut placed = vec![false; cascade.positions.len()];
    let mut out = Vec::new();
    let mut stack: Vec<Placed> = Vec::new();
    let rest = (0..cascade.positions.len()).filter(|&p| keep(p) && cascade.superior(p).is_none_or(|s| !keep(s)));
    let mut tops: Vec<PosId> = starts.to_vec();
    if starts.is_empty() {
        tops.extend(rest);
        // Loops and what hangs below them, after the trees with a real top.
        tops.extend((0..cascade.positions.len()).filter(|&p| keep(p)));
    }
    for top in tops {
        if placed[top] {
            continue;
        }
        stack.push(Placed {
            pos: top,
            parent: None,
            depth: 0,
        });
        while let Some(at) = stack.pop() {
            if placed[at.pos] {
                continue;
            }
            placed[at.pos] = true;
            out.push(at);
            if max_depth.is_some_and(|max| at.depth >= max) {
                continue;
            }
            for &child in cascade.positions[at.pos].subordinates.iter().rev() {
                if keep(child) && !placed[child] {
                    stack.push(Placed {
                        pos: child,
                        parent: Some(at.pos),
                        depth: at.depth + 1,
                    });
                }
            }
        }
    }
    out
}

/// What the pictures show about one sasaran.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Some indicator of a position under a superior feeds no sasaran above (A001).
    pub feeds_nothing: bool,
    /// A sasaran of a position with subordinates that nothing below supports (A004).
    pub unsupported: bool,
}

pub fn marks(cascade: &Cascade, pos: PosId, sas: usize) -> Marks {
    let info = &cascade.positions[pos];
    let sasaran = &info.sasaran[sas];
    let under_superior = matches!(info.atasan, Atasan::Resolved(_)) && !info.in_cycle;
    let feeds_nothing = under_superior
        && !sasaran.indicators.is_empty()
        && (0..sasaran.indicators.len()).any(|i| cascade.effective_link(pos, sas, i).is_none());
    let has_subordinates = info.subordinates.iter().any(|&p| !cascade.positions[p].in_cycle);
    Marks {
        feeds_nothing,
        unsupported: has_subordinates && !info.in_cycle && !sasaran.supported,
    }
}

/// Why `--root` names no single position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootError {
    NotFound {
        suggestion: Option<String>,
    },
    /// A bare jabatan id used in several documents: each as `dokumen/jabatan`.
    Ambiguous(Vec<String>),
}

/// The position `reference` names: `<jabatan-id>` (when only one document has it) or `<dokumen-id>/<jabatan-id>`.
pub fn find_position(documents: &[Document], cascade: &Cascade, reference: &str) -> Result<PosId, RootError> {
    let reference = reference.trim();
    let (doc, jab) = match reference.split_once('/') {
        Some((doc, jab)) => (Some(doc.trim()), jab.trim()),
        None => (None, reference),
    };
    let qualified = |pos: PosId| cascade.name(documents, pos, None);
    let matches: Vec<PosId> = (0..cascade.positions.len())
        .filter(|&pos| {
            let (document, jabatan) = cascade.jabatan(documents, pos);
            jabatan.id.as_ref().map(Text::as_str) == Some(jab) && doc.is_none_or(|d| document.id() == Some(d))
        })
        .collect();
    match matches.as_slice() {
        [pos] => Ok(*pos),
        [] => {
            let names: Vec<String> = (0..cascade.positions.len()).map(qualified).collect();
            let bare: Vec<&str> = names.iter().map(|n| n.rsplit('/').next().unwrap_or(n)).collect();
            let suggestion = if doc.is_some() {
                similarity::closest_id(reference, names.iter().map(String::as_str))
            } else {
                similarity::closest_id(reference, bare.iter().copied())
            };
            Err(RootError::NotFound {
                suggestion: suggestion.map(str::to_string),
            })
        }
        several => Err(RootError::Ambiguous(several.iter().map(|&p| qualified(p)).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::load_sources;

    const DOC: &str = "dokumen: { id: d, unit: U, tahun: 2024 }\njabatan:\n\
        - { id: top, nama: T, sasaran: [ { uraian: a, indikator: [ { uraian: b } ] } ] }\n\
        - { id: mid, nama: M, atasan: top, sasaran: [ { uraian: a, indikator: [ { uraian: b } ] } ] }\n\
        - { id: low, nama: L, atasan: mid, sasaran: [ { uraian: a, indikator: [ { uraian: b } ] } ] }\n\
        - { id: x, nama: X, atasan: y, sasaran: [ { uraian: a, indikator: [ { uraian: b } ] } ] }\n\
        - { id: y, nama: Y, atasan: x, sasaran: [ { uraian: a, indikator: [ { uraian: b } ] } ] }\n";

    fn cascade() -> (Vec<Document>, Cascade) {
        let workspace = load_sources(vec![("d.yaml".into(), DOC.into())]);
        let cascade = Cascade::new(&workspace.documents);
        (workspace.documents, cascade)
    }

    #[test]
    fn every_position_is_placed_once_under_its_superior_loops_included() {
        let (_, cascade) = cascade();
        let placed = walk(&cascade, &[], |_| true, None);
        let order: Vec<(PosId, Option<PosId>, usize)> = placed.iter().map(|p| (p.pos, p.parent, p.depth)).collect();
        assert_eq!(
            order,
            [
                (0, None, 0),
                (1, Some(0), 1),
                (2, Some(1), 2),
                (3, None, 0),
                (4, Some(3), 1)
            ]
        );
        let shallow = walk(&cascade, &[1], |_| true, Some(0));
        assert_eq!(shallow.iter().map(|p| p.pos).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn roots_are_found_by_id_with_a_suggestion_when_misspelt() {
        let (documents, cascade) = cascade();
        assert_eq!(find_position(&documents, &cascade, "mid"), Ok(1));
        assert_eq!(find_position(&documents, &cascade, "d/low"), Ok(2));
        assert_eq!(
            find_position(&documents, &cascade, "mdi"),
            Err(RootError::NotFound {
                suggestion: Some("mid".into())
            })
        );
    }
}
