//! A run from disk: each file through the per-file phase on all cores (or its facts from the cache when it has
//! not changed), then the cross-file phase on the facts.

use crate::cache::{self, Cache, Entry, Stamp};
use crate::data::Data;
use crate::lint::{self, Gathered, Settings};
use crate::per_file::{self, FileFacts};
use crate::source::SourceFile;
use crate::workspace::{Candidate, PathError};
use crate::{Report, rules};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How a run uses the cache.
#[derive(Clone, Debug, Default)]
pub struct CacheOptions {
    /// The cache directory; `None` runs without a cache.
    pub dir: Option<PathBuf>,
}

/// One file after the per-file phase.
struct Outcome {
    name: String,
    path: PathBuf,
    /// The text as read, or `None` when the file can be read again for it (the text is read again only if shown:
    /// a run over a province keeps no file's text through the cross-file phase unless it must).
    source: Option<SourceFile>,
    facts: FileFacts,
    /// The new cache entry of a file read in this run (its facts, or its old facts under a new stamp).
    entry: Option<Entry>,
}

/// The key of a file in the cache: its absolute path.
fn cache_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn lint_fresh(
    candidate: &Candidate,
    stamp: Option<Stamp>,
    bytes: Vec<u8>,
    prior: Option<Entry>,
    checks: &crate::per_file::Checks,
    data: &Data,
) -> Outcome {
    let name = candidate.path.to_string_lossy().into_owned();
    let content = stamp.map(|_| cache::content_hash(&bytes));
    // Touched but not changed (a checkout, `touch`): the facts still hold; the entry takes the new stamp.
    if let (Some(stamp), Some(content), Some(prior)) = (stamp, content, prior)
        && prior.content == content
        && prior.stamp.explicit == stamp.explicit
        && let Some(facts) = prior.decode()
    {
        // The facts were made from the text the file shows: it is read again, like a cached file's, if shown.
        return Outcome {
            name,
            path: candidate.path.clone(),
            source: None,
            facts,
            entry: Some(prior.restamped(stamp)),
        };
    }
    let length = bytes.len();
    let (source, facts) = per_file::lint_file(name.clone(), bytes, candidate.explicit, checks, data);
    // A regular YAML or text file whose text is its bytes as they are gives the same text when read again; an
    // office file's text is an import, and a file whose bytes were decoded or cut is kept as read.
    let rereadable = crate::office::Format::of_name(&name).is_none()
        && source.text.len() == length
        // A stamp is taken of a regular file only: with one, the file need not be looked at again.
        && (stamp.is_some() || std::fs::metadata(&candidate.path).is_ok_and(|m| m.is_file()));
    let entry = stamp
        .zip(content)
        .and_then(|(stamp, content)| Entry::new(stamp, content, &facts));
    Outcome {
        name,
        path: candidate.path.clone(),
        source: (!rereadable).then_some(source),
        facts,
        entry,
    }
}

/// A file found by walking that could not be read: no facts but the finding that says why (never cached).
fn unreadable(candidate: &Candidate, reason: &str) -> Outcome {
    let name = candidate.path.to_string_lossy().into_owned();
    let loaded = crate::workspace::unreadable(name.clone(), &crate::message::Message::new(reason, &[]));
    Outcome {
        name: name.clone(),
        path: candidate.path.clone(),
        source: Some(SourceFile::new(name, loaded.text)),
        facts: FileFacts {
            diagnostics: loaded.diagnostics,
            ..FileFacts::default()
        },
        entry: None,
    }
}

/// Lint `candidates` as one set, with the cache of `options` when it has one.
pub fn run(
    candidates: &[Candidate],
    data: &Data,
    settings: &Settings,
    options: &CacheOptions,
) -> Result<Report, PathError> {
    let checks = lint::checks(settings);
    let enabled: Vec<&str> = rules::all()
        .iter()
        .map(|r| r.code)
        .filter(|c| settings.is_enabled(c))
        .collect();
    let key = cache::key(&enabled, data);
    let cache = options.dir.as_deref().map(|dir| Cache::open(dir, key));
    let outcomes: Vec<Result<Outcome, PathError>> = candidates
        .par_iter()
        .map(|candidate| {
            // Only a regular file has a stamp worth trusting; anything else is read (and refused) afresh.
            let stamp = cache
                .is_some()
                .then(|| std::fs::metadata(&candidate.path).ok())
                .flatten()
                .filter(|m| m.is_file())
                .map(|m| Stamp::of(&m, candidate.explicit));
            let cached = cache
                .as_ref()
                .zip(stamp)
                .map(|(cache, _)| (cache, cache_path(&candidate.path)));
            let prior = cached.as_ref().and_then(|(cache, path)| cache.get(path));
            if let (Some(stamp), Some(prior)) = (stamp, &prior)
                && prior.stamp == stamp
                && let Some(facts) = prior.decode()
            {
                return Ok(Outcome {
                    name: candidate.path.to_string_lossy().into_owned(),
                    path: candidate.path.clone(),
                    source: None,
                    facts,
                    entry: None,
                });
            }
            let outcome = match crate::fsread::read(&candidate.path, crate::fsread::Kind::Document) {
                Ok(bytes) => {
                    let outcome = lint_fresh(candidate, stamp, bytes, prior, &checks, data);
                    match &outcome.facts.unreadable {
                        Some(reason) if candidate.explicit => Err(PathError {
                            path: candidate.path.clone(),
                            reason: reason.clone(),
                        }),
                        _ => Ok(outcome),
                    }
                }
                // One unreadable file found by walking is a finding about it; the others are still linted.
                Err(reason) if !candidate.explicit => Ok(unreadable(candidate, &reason)),
                Err(reason) => Err(PathError::new(candidate.path.clone(), &reason)),
            }?;
            if let (Some((cache, path)), Some(entry)) = (&cached, &outcome.entry) {
                // A cache that cannot be written only makes the next run slower.
                let _ = cache.put(path, entry);
            }
            Ok(outcome)
        })
        .collect();
    let outcomes = outcomes.into_iter().collect::<Result<Vec<_>, _>>()?;

    if let Some(cache) = &cache {
        cache.finish();
    }
    let mut gathered = Gathered::default();
    // Each sized once: grown by doubling, a province's vectors would hold up to twice their room.
    gathered
        .diagnostics
        .reserve(outcomes.iter().map(|o| o.facts.diagnostics.len()).sum());
    gathered
        .documents
        .reserve(outcomes.iter().filter(|o| o.facts.document.is_some()).count());
    gathered
        .skps
        .reserve(outcomes.iter().filter(|o| o.facts.skp.is_some()).count());
    let mut skipped = Vec::new();
    for outcome in outcomes {
        let facts = outcome.facts;
        if facts.skipped {
            skipped.push(outcome.name);
            continue;
        }
        let file = match outcome.source {
            Some(source) => gathered.files.add(source),
            None => {
                let file = gathered
                    .files
                    .add_deferred(outcome.name, outcome.path, crate::workspace::shown_text);
                gathered.files.set_link_slots(file, facts.link_slots);
                file
            }
        };
        let mut diagnostics = facts.diagnostics;
        for diagnostic in &mut diagnostics {
            diagnostic.set_file(file);
        }
        if let Some(origins) = facts.origins {
            gathered.files.set_origins(file, origins);
        }
        if let Some(mut document) = facts.document {
            document.file = file;
            gathered.documents.push(document);
        }
        if let Some(mut skp) = facts.skp {
            skp.file = file;
            gathered.skps.push(*skp);
        }
        gathered.add(file, diagnostics, facts.suppression);
    }
    let (files, diagnostics) = lint::finish_run(gathered, data, settings);
    Ok(Report {
        files,
        diagnostics,
        skipped,
    })
}
