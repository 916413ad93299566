//! The findings of the cross-file rules kept in the cache ([`cache::KeptSet`]), and when a run may take them
//! instead of running those rules: every file's cross-file facts as they were found on, or only moved by an edit.

use super::Outcome;
use crate::cache::{self, Cache, Entry};
use crate::diagnostic::Diagnostic;
use crate::per_file::SetFacts;
use crate::source::FileId;
use crate::span_shape::Shift;

/// How a changed file's cross-file facts moved ([`Shift`]) from those of its cache entry (whose cross-file facts
/// hashed to `prior`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Moved {
    prior: u64,
    shift: Shift,
}

impl Moved {
    /// How `set` moved from the cross-file facts of `prior`, when that is all that changed.
    pub(super) fn since(prior: &Entry, set: &SetFacts) -> Option<Moved> {
        let shift = prior.set_facts()?.shape()?.shift_to(&set.shape()?)?;
        Some(Moved {
            prior: prior.set_hash(),
            shift,
        })
    }
}

/// The linted files of a run as the kept findings of the cross-file rules know them ([`cache::KeptSet`]).
pub(super) struct SetState {
    /// The key of their names ([`cache::files_key`]).
    pub files: u64,
    /// What each one's cross-file facts hash to.
    pub hashes: Vec<u64>,
}

impl SetState {
    pub(super) fn of(outcomes: &[Outcome]) -> Option<SetState> {
        let linted = outcomes.iter().filter(|o| !o.own.skipped);
        Some(SetState {
            files: cache::files_key(linted.clone().map(|o| o.name.as_str())),
            hashes: linted.map(Outcome::set_hash).collect::<Option<Vec<u64>>>()?,
        })
    }
}

/// A run with more files moved than this runs the cross-file rules rather than moving every kept finding for each.
const MOST_MOVED: usize = 64;

/// The findings of the cross-file rules kept for this run's files, when each file's cross-file facts are those
/// they were found on, or those moved ([`Moved`]: the findings are then moved with them); and whether any moved.
pub(super) fn kept_findings(cache: &Cache, state: &SetState, outcomes: &[Outcome]) -> Option<(Vec<Diagnostic>, bool)> {
    let kept = cache.get_set(state.files)?;
    if kept.hashes.len() != state.hashes.len() {
        return None;
    }
    let linted = outcomes.iter().filter(|o| !o.own.skipped);
    let mut moves = Vec::new();
    for (index, ((outcome, now), then)) in linted.zip(&state.hashes).zip(&kept.hashes).enumerate() {
        if now != then {
            let moved = outcome.moved.filter(|m| m.prior == *then)?;
            moves.push((FileId(index), moved.shift));
            if moves.len() > MOST_MOVED {
                return None;
            }
        }
    }
    let mut diagnostics = kept.diagnostics()?;
    for diagnostic in &mut diagnostics {
        for (file, shift) in &moves {
            diagnostic.shift_in(*file, shift.from, shift.delta);
        }
    }
    Some((diagnostics, !moves.is_empty()))
}
