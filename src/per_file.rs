//! The per-file phase of a run: read one file, parse it, read it against the schema, run the rules that look at
//! one document, and keep the small [`FileFacts`] that the cross-file phase needs. Files are independent here,
//! so this phase runs on all cores, and its output is exactly what the cache keeps.

use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::rules::{Context, DocumentCheck, SkpCheck};
use crate::skp::SkpDocument;
use crate::source::{FileId, Files, SourceFile, Span};
use crate::span_shape::Shape;
use crate::suppress::{self, Anchor};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The id every finding and the document of one file carry during the per-file phase (and in the cache); the
/// engine gives the file its place in the run afterwards.
pub const LOCAL: FileId = FileId(0);

/// What the per-file phase found in one file, in two parts stored apart in the cache: what the file's own
/// findings and their output need, and what the cross-file phase reads (decoded only when that phase runs).
#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    pub own: OwnFacts,
    pub set: SetFacts,
}

/// A file's findings and what showing them needs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OwnFacts {
    /// Found by walking and not an IKI document: not linted, not counted.
    pub skipped: bool,
    /// Findings of reading the file and of the per-document rules, with file id [`LOCAL`].
    pub diagnostics: Vec<Diagnostic>,
    /// The anchors of the multi-line texts when the file may hold suppression comments; `None` when it has none.
    pub suppression: Option<Vec<(usize, Anchor)>>,
    /// For an office file (read as the YAML `ikilint import` prints for it): where each value came from.
    pub origins: Option<crate::office::OriginMap>,
    /// Which position (or SKP) each part of the file concerns ([`concerns`]), for the outputs that name it.
    pub concerns: Vec<(Span, Arc<str>)>,
    /// An office file that could not be read at all: the reason (a named file stops the run with it).
    pub unreadable: Option<crate::message::Message>,
}

/// What the cross-file rules read of a file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SetFacts {
    /// What the cross-file rules read of the document ([`Document::into_skeleton`]), with file id [`LOCAL`].
    pub document: Option<Document>,
    /// What the cross-file rules read of an SKP document ([`SkpDocument::into_skeleton`]), with file id [`LOCAL`].
    /// Boxed: an SKP document is a kilobyte inline, which every file's facts would otherwise hold.
    pub skp: Option<Box<SkpDocument>>,
    /// Where the fixes across files may add a link line ([`crate::link_slot::of_file`]).
    pub link_slots: Vec<(usize, Option<crate::link_slot::LinkSlot>)>,
}

/// How many of a file's own findings there are of each code and severity, and what a run that only counts them
/// must know besides: whether the file was skipped, and whether it may hold suppression comments (its findings
/// must then be read to be suppressed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub skipped: bool,
    pub directives: bool,
    pub counts: Vec<Count>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    #[serde(deserialize_with = "crate::diagnostic::interned")]
    pub code: crate::diagnostic::RuleStr,
    pub severity: crate::diagnostic::Severity,
    pub count: usize,
}

impl Tally {
    pub fn of(own: &OwnFacts) -> Tally {
        let mut counts: Vec<Count> = Vec::new();
        for diagnostic in &own.diagnostics {
            match counts
                .iter_mut()
                .find(|c| c.code == diagnostic.code && c.severity == diagnostic.severity)
            {
                Some(count) => count.count += 1,
                None => counts.push(Count {
                    code: diagnostic.code,
                    severity: diagnostic.severity,
                    count: 1,
                }),
            }
        }
        Tally {
            skipped: own.skipped,
            directives: own.suppression.is_some(),
            counts,
        }
    }
}

impl SetFacts {
    /// The shape of what the cross-file rules read ([`Shape`]), the link slots' offsets among its places: equal
    /// shapes moved alike give findings moved alike.
    pub fn shape(&self) -> Option<Shape> {
        let slots: Vec<_> = self
            .link_slots
            .iter()
            .map(|(_, slot)| slot.map(|s| (s.column, s.break_before, s.crlf)))
            .collect();
        let offsets = self
            .link_slots
            .iter()
            .flat_map(|(start, slot)| std::iter::once(*start).chain(slot.map(|s| s.at)));
        Shape::of(&(&self.document, &self.skp, slots), offsets)
    }
}

/// The part of a file each position with an id takes (an SKP file's whole text, its SKP's), and that id: which
/// position a finding concerns (SPEC.md section 7: `jabatan`).
pub fn concerns(document: Option<&Document>, skp: Option<&SkpDocument>) -> Vec<(Span, Arc<str>)> {
    let mut out = document.map(Document::concerns).unwrap_or_default();
    if let Some(id) = skp.and_then(|s| s.skp.as_ref()).and_then(|s| s.id.as_ref()) {
        out.push((Span::new(0, usize::MAX), id.as_str().into()));
    }
    out
}

/// Run the per-document `checks` on `document` (whose file is in `files`), appending their findings to `out`.
pub fn check_document(
    files: &Files,
    document: &Document,
    checks: &[DocumentCheck],
    data: &Data,
    out: &mut Vec<Diagnostic>,
) {
    let cx = Context::new(files, std::slice::from_ref(document), data);
    for check in checks {
        check(&cx, document, out);
    }
}

/// Run the per-document SKP `checks` on `skp` (whose file is in `files`), appending their findings to `out`.
pub fn check_skp(files: &Files, skp: &SkpDocument, checks: &[SkpCheck], data: &Data, out: &mut Vec<Diagnostic>) {
    let cx = Context::new(files, &[], data).with_skps(std::slice::from_ref(skp));
    for check in checks {
        check(&cx, skp, out);
    }
}

/// The per-document rules turned on, of each document kind: what the per-file phase runs.
#[derive(Clone, Default)]
pub struct Checks {
    pub document: Vec<DocumentCheck>,
    pub skp: Vec<SkpCheck>,
}

/// The per-file phase for one file's bytes: the file as read (for showing findings) and its facts.
pub fn lint_file(
    name: String,
    bytes: Vec<u8>,
    explicit: bool,
    checks: &Checks,
    data: &Data,
) -> (SourceFile, FileFacts) {
    let loaded = crate::workspace::load_file(name, bytes, explicit);
    let mut files = Files::new();
    let id = files.add(SourceFile::new(loaded.name, loaded.text));
    debug_assert_eq!(id, LOCAL);
    let mut diagnostics = loaded.diagnostics;
    for diagnostic in &mut diagnostics {
        diagnostic.set_file(LOCAL);
    }
    let source = files.get(LOCAL);
    let has_directives = suppress::may_have_directives(&source.text);
    let mut own = OwnFacts {
        skipped: loaded.skipped,
        origins: loaded.origins,
        unreadable: loaded.unreadable,
        suppression: has_directives.then(Vec::new),
        concerns: concerns(loaded.document.as_ref(), loaded.skp.as_ref()),
        ..OwnFacts::default()
    };
    let mut set = SetFacts {
        link_slots: crate::link_slot::of_file(&source.text, loaded.document.as_ref(), loaded.skp.as_ref()),
        ..SetFacts::default()
    };
    if let Some(mut document) = loaded.document {
        document.file = LOCAL;
        check_document(&files, &document, &checks.document, data, &mut diagnostics);
        if has_directives {
            own.suppression = Some(suppress::of_document(source, &document));
        }
        set.document = Some(document.into_skeleton());
    }
    if let Some(mut skp) = loaded.skp {
        skp.file = LOCAL;
        check_skp(&files, &skp, &checks.skp, data, &mut diagnostics);
        set.skp = Some(Box::new(skp.into_skeleton()));
    }
    own.diagnostics = diagnostics;
    let facts = FileFacts { own, set };
    let source = files.into_sources().pop().expect("the one file added above");
    (source, facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_of(name: &str) -> FileFacts {
        let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("example");
        lint_file(name.into(), bytes, true, &Checks::default(), &Data::builtin()).1
    }

    /// A document's facts are held to the end of a run: no list keeps spare room, and the per-file matters are gone.
    #[test]
    fn a_skeleton_keeps_no_spare_room_nor_per_file_matters() {
        let document = facts_of("masama-2020.yaml").set.document.expect("an IKI document");
        assert_eq!(document.jabatan.capacity(), document.jabatan.len());
        let sasaran = document.jabatan.iter().flat_map(|j| &j.sasaran);
        for sasaran in sasaran.clone() {
            assert_eq!(sasaran.indikator.capacity(), sasaran.indikator.len());
        }
        assert!(
            sasaran
                .flat_map(|s| &s.indikator)
                .all(|i| i.formula.is_none() && i.target.is_none())
        );
        assert!(
            document
                .jabatan
                .iter()
                .any(|j| j.pemangku.is_some() && j.tanda_tangan.is_some())
        );

        let skp = facts_of("skp-kasi-pip-masama-2023.yaml").set.skp.expect("an SKP");
        assert_eq!(skp.rhk.capacity(), skp.rhk.len());
        assert!(skp.periode.is_none() && skp.people().all(|(_, p)| p.pangkat.is_none() && p.nip.is_some()));
        for rhk in &skp.rhk {
            assert_eq!(rhk.indikator.capacity(), rhk.indikator.len());
            assert!(rhk.indikator.iter().all(|i| i.aspek.is_none() && i.uraian.is_some()));
        }
    }
}
