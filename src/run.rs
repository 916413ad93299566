//! A run from disk: each file through the per-file phase on all cores (or its facts from the cache when it has
//! not changed), then the cross-file phase on the facts.

mod kept;

use crate::cache::{self, Cache, Entry, Stamp};
use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::lint::{self, Gathered, Settings};
use crate::per_file::{self, FileFacts, OwnFacts, SetFacts, Tally};
use crate::source::SourceFile;
use crate::workspace::{Candidate, PathError};
use crate::{Report, rules};
use kept::{Moved, SetState};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How a run uses the cache.
#[derive(Clone, Debug, Default)]
pub struct CacheOptions {
    /// The cache directory; `None` runs without a cache.
    pub dir: Option<PathBuf>,
    /// The caller needs only how many findings of each severity there are (`check --quiet`): the findings of a
    /// file taken from the cache that holds no suppression comment are counted from its tally
    /// ([`crate::per_file::Tally`]) into [`Report::counted`], never read.
    pub count_only: bool,
}

/// One file after the per-file phase.
struct Outcome {
    name: String,
    path: PathBuf,
    /// The text as read, or `None` when the file can be read again for it (the text is read again only if shown:
    /// a run over a province keeps no file's text through the cross-file phase unless it must).
    source: Option<SourceFile>,
    own: OwnFacts,
    /// The file's own findings counted, not read (its `own` facts are then empty but for `skipped`).
    tally: Option<Tally>,
    set: Set,
    /// The new cache entry of a file read in this run (its facts, or its old facts under a new stamp), until it is
    /// written ([`Linter::read_into`]): a cold run does not hold every file's entry to its end.
    entry: Option<Entry>,
    /// What the file's cross-file facts hash to, as its new entry keeps it.
    entry_set_hash: Option<u64>,
    /// The file changed since its cache entry only by moving what the cross-file rules read of it.
    moved: Option<Moved>,
}

/// What the cross-file phase reads of a file: decoded, or kept in the cache, known by its hash (read from the
/// cache again only if that phase runs: a run that takes the kept cross-file findings holds none of it).
enum Set {
    Decoded(Box<SetFacts>),
    Kept(u64),
}

impl Outcome {
    fn new(candidate: &Candidate, source: Option<SourceFile>, facts: FileFacts, entry: Option<Entry>) -> Outcome {
        Outcome {
            name: candidate.path.to_string_lossy().into_owned(),
            path: candidate.path.clone(),
            source,
            own: facts.own,
            tally: None,
            set: Set::Decoded(Box::new(facts.set)),
            entry_set_hash: entry.as_ref().map(Entry::set_hash),
            entry,
            moved: None,
        }
    }

    /// A file's facts from its cache entry: its own decoded (or only counted, when `count_only` and the file
    /// holds no suppression comment: [`CacheOptions::count_only`]), the cross-file part left encoded. `None` when
    /// the entry is damaged.
    fn cached(candidate: &Candidate, entry: &Entry, count_only: bool) -> Option<Outcome> {
        let tally = count_only
            .then(|| entry.tally())
            .flatten()
            .filter(|tally| !tally.directives);
        let own = match &tally {
            Some(tally) => OwnFacts {
                skipped: tally.skipped,
                ..OwnFacts::default()
            },
            None => entry.own()?,
        };
        Some(Outcome {
            name: candidate.path.to_string_lossy().into_owned(),
            path: candidate.path.clone(),
            // The facts were made from the text the file shows: it is read again if shown.
            source: None,
            own,
            tally,
            set: Set::Kept(entry.set_hash()),
            entry: None,
            entry_set_hash: None,
            moved: None,
        })
    }

    /// The hash of what the cross-file phase reads of the file.
    fn set_hash(&self) -> Option<u64> {
        match &self.set {
            Set::Kept(hash) => Some(*hash),
            Set::Decoded(set) => self.entry_set_hash.or_else(|| cache::set_hash(set)),
        }
    }
}

/// The key of a file in the cache: its absolute path.
fn cache_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What linting a file afresh needs: the per-document rules turned on and the rule data.
struct Linter<'a> {
    checks: per_file::Checks,
    data: &'a Data,
}

impl Linter<'_> {
    /// Lint `candidate`, whose bytes are `bytes`, afresh (`prior` is its cache entry, whose facts still hold if only
    /// its stamp changed).
    fn lint(&self, candidate: &Candidate, stamp: Option<Stamp>, bytes: Vec<u8>, prior: Option<Entry>) -> Outcome {
        let name = candidate.path.to_string_lossy().into_owned();
        let content = stamp.map(|_| cache::content_hash(&bytes));
        // Touched but not changed (a checkout, `touch`): the facts still hold; the entry takes the new stamp.
        if let (Some(stamp), Some(content)) = (stamp, content)
            && let Some(unchanged) = prior.as_ref()
            && unchanged.content == content
            && unchanged.stamp.explicit == stamp.explicit
            && let Some(outcome) = Outcome::cached(candidate, unchanged, false)
        {
            return Outcome {
                entry: prior.map(|prior| prior.restamped(stamp)),
                ..outcome
            };
        }
        let length = bytes.len();
        let (source, facts) = per_file::lint_file(name.clone(), bytes, candidate.explicit, &self.checks, self.data);
        // A regular YAML or text file whose text is its bytes as they are gives the same text when read again; an
        // office file's text is an import, and a file whose bytes were decoded or cut is kept as read.
        let rereadable = crate::office::Format::of_name(&name).is_none()
            && source.text.len() == length
            // A stamp is taken of a regular file only: with one, the file need not be looked at again.
            && (stamp.is_some() || std::fs::metadata(&candidate.path).is_ok_and(|m| m.is_file()));
        let entry = stamp
            .zip(content)
            .and_then(|(stamp, content)| Entry::new(stamp, content, &facts));
        let moved = prior.and_then(|prior| Moved::since(&prior, &facts.set));
        Outcome {
            moved,
            ..Outcome::new(candidate, (!rereadable).then_some(source), facts, entry)
        }
    }

    /// Read `candidate` and [`lint`](Self::lint) it. A named file that cannot be read stops the run; one found by
    /// walking is a finding about it.
    fn read(&self, candidate: &Candidate, stamp: Option<Stamp>, prior: Option<Entry>) -> Result<Outcome, PathError> {
        match crate::fsread::read(&candidate.path, crate::fsread::Kind::Document) {
            Ok(bytes) => {
                let outcome = self.lint(candidate, stamp, bytes, prior);
                match &outcome.own.unreadable {
                    Some(reason) if candidate.explicit => Err(PathError {
                        path: candidate.path.clone(),
                        reason: reason.clone(),
                    }),
                    _ => Ok(outcome),
                }
            }
            Err(reason) if !candidate.explicit => Ok(unreadable(candidate, &reason)),
            Err(reason) => Err(PathError::new(candidate.path.clone(), &reason)),
        }
    }

    /// [`read`](Self::read), keeping the new entry in `cache` (under `path`, the file's [`cache_path`]).
    fn read_into(
        &self,
        cache: &Cache,
        path: &Path,
        candidate: &Candidate,
        stamp: Option<Stamp>,
        prior: Option<Entry>,
    ) -> Result<Outcome, PathError> {
        let mut outcome = self.read(candidate, stamp, prior)?;
        if let Some(entry) = outcome.entry.take() {
            // A cache that cannot be written only makes the next run slower.
            let _ = cache.put(path, &entry);
        }
        Ok(outcome)
    }
}

/// A file found by walking that could not be read: no facts but the finding that says why (never cached).
fn unreadable(candidate: &Candidate, reason: &str) -> Outcome {
    let name = candidate.path.to_string_lossy().into_owned();
    let loaded = crate::workspace::unreadable(name.clone(), &crate::message::Message::new(reason, &[]));
    let facts = FileFacts {
        own: OwnFacts {
            diagnostics: loaded.diagnostics,
            ..OwnFacts::default()
        },
        set: SetFacts::default(),
    };
    Outcome::new(candidate, Some(SourceFile::new(name, loaded.text)), facts, None)
}

/// The stamp of a candidate: only a regular file has one worth trusting; anything else is read (and refused)
/// afresh.
fn stamp_of(candidate: &Candidate) -> Option<Stamp> {
    let metadata = std::fs::metadata(&candidate.path).ok()?;
    metadata.is_file().then(|| Stamp::of(&metadata, candidate.explicit))
}

/// The cache key of a run: the rules turned on and the rule data ([`cache::key`]).
fn cache_key(settings: &Settings, data: &Data) -> u64 {
    let enabled: Vec<&str> = rules::all()
        .iter()
        .map(|r| r.code)
        .filter(|c| settings.is_enabled(c))
        .collect();
    cache::key(&enabled, data)
}

/// Lint `candidates` as one set, with the cache of `options` when it has one.
pub fn run(
    candidates: &[Candidate],
    data: &Data,
    settings: &Settings,
    options: &CacheOptions,
) -> Result<Report, PathError> {
    let linter = Linter {
        checks: lint::checks(settings),
        data,
    };
    let key = cache_key(settings, data);
    let cache = options.dir.as_deref().map(|dir| Cache::open(dir, key));
    let outcomes: Vec<Result<Outcome, PathError>> = candidates
        .par_iter()
        .map(|candidate| {
            // Only a regular file has a stamp worth trusting; anything else is read (and refused) afresh.
            let cached = cache.as_ref().and_then(|cache| Some((cache, stamp_of(candidate)?)));
            let Some((cache, stamp)) = cached else {
                return linter.read(candidate, None, None);
            };
            let path = cache_path(&candidate.path);
            let prior = match cache.get(&path) {
                Some(prior) if prior.stamp == stamp => {
                    if let Some(outcome) = Outcome::cached(candidate, &prior, options.count_only) {
                        return Ok(outcome);
                    }
                    // Damaged: linted afresh.
                    None
                }
                prior => prior,
            };
            linter.read_into(cache, &path, candidate, Some(stamp), prior)
        })
        .collect();
    let mut outcomes = outcomes.into_iter().collect::<Result<Vec<_>, _>>()?;

    if let Some(cache) = &cache {
        cache.finish();
    }
    let state = cache.as_ref().and_then(|_| SetState::of(&outcomes));
    let store = |found: &[Diagnostic]| {
        if let (Some(cache), Some(state)) = (&cache, &state) {
            // A cache that cannot be written only makes the next run slower.
            let _ = cache.put_set(state.files, &state.hashes, found);
        }
    };
    let known = match (&cache, &state) {
        (Some(cache), Some(state)) => kept::kept_findings(cache, state, &outcomes).map(|(found, moved)| {
            if moved {
                // Kept as moved, for the next run, whose files' entries now hold the moved facts.
                store(&found);
            }
            found
        }),
        _ => None,
    };
    if known.is_none()
        && let Some(cache) = &cache
    {
        read_kept_sets(&mut outcomes, candidates, cache, &linter)?;
    }
    let mut gathered = Gathered::default();
    // Each sized once: grown by doubling, a province's vectors would hold up to twice their room.
    gathered
        .diagnostics
        .reserve(outcomes.iter().map(|o| o.own.diagnostics.len()).sum());
    let decoded = || {
        outcomes.iter().filter_map(|o| match &o.set {
            Set::Decoded(set) => Some(set),
            Set::Kept(_) => None,
        })
    };
    gathered
        .documents
        .reserve(decoded().filter(|s| s.document.is_some()).count());
    gathered.skps.reserve(decoded().filter(|s| s.skp.is_some()).count());
    let mut skipped = Vec::new();
    let mut counted = crate::diagnostic::Counted::default();
    for outcome in outcomes {
        let own = outcome.own;
        if own.skipped {
            skipped.push(outcome.name);
            continue;
        }
        if let Some(tally) = &outcome.tally {
            lint::count(settings, &outcome.name, tally, &mut counted);
        }
        let deferred = outcome.source.is_none();
        let file = match outcome.source {
            Some(source) => gathered.files.add(source),
            None => gathered
                .files
                .add_deferred(outcome.name, outcome.path, crate::workspace::shown_text),
        };
        let mut diagnostics = own.diagnostics;
        for diagnostic in &mut diagnostics {
            diagnostic.set_file(file);
        }
        if let Some(origins) = own.origins {
            gathered.files.set_origins(file, origins);
        }
        if !own.concerns.is_empty() {
            gathered.files.set_concerns(file, own.concerns);
        }
        if let Set::Decoded(set) = outcome.set {
            if deferred {
                gathered.files.set_link_slots(file, set.link_slots);
            }
            if let Some(mut document) = set.document {
                document.file = file;
                gathered.documents.push(document);
            }
            if let Some(mut skp) = set.skp {
                skp.file = file;
                gathered.skps.push(*skp);
            }
        }
        gathered.add(file, diagnostics, own.suppression);
    }
    let (files, diagnostics) = lint::finish_run(gathered, known, store, data, settings);
    Ok(Report {
        files,
        diagnostics,
        skipped,
        counted,
    })
}

/// Read the cross-file facts kept in the cache, on all cores; a file whose entry no longer holds them (damaged,
/// or rewritten by another run meanwhile) is linted afresh.
fn read_kept_sets(
    outcomes: &mut [Outcome],
    candidates: &[Candidate],
    cache: &Cache,
    linter: &Linter,
) -> Result<(), PathError> {
    outcomes
        .par_iter_mut()
        .zip(candidates)
        .try_for_each(|(outcome, candidate)| {
            let Set::Kept(hash) = outcome.set else {
                return Ok(());
            };
            let path = cache_path(&candidate.path);
            let kept = cache.get(&path);
            match kept
                .filter(|entry| entry.set_hash() == hash)
                .and_then(|entry| entry.set_facts())
            {
                Some(set) => outcome.set = Set::Decoded(Box::new(set)),
                None => *outcome = linter.read_into(cache, &path, candidate, stamp_of(candidate), None)?,
            }
            Ok(())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::rules::Check;

    /// A folder with a copy of the YAML documents of `examples/`.
    fn examples() -> tempfile::TempDir {
        let repo = tempfile::tempdir().unwrap();
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        for entry in std::fs::read_dir(examples).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "yaml") {
                std::fs::copy(&path, repo.path().join(path.file_name().unwrap())).unwrap();
            }
        }
        repo
    }

    /// The cross-file findings kept in the cache are taken as they are exactly while every file's cross-file facts
    /// are those they were found on: a list kept emptied behind the run's back shows, until a change of those facts.
    #[test]
    fn the_cross_file_findings_kept_are_used_while_the_cross_file_facts_stay() {
        let repo = examples();
        let cache_dir = repo.path().join(".cache");
        let data = Data::builtin();
        let settings = Settings::new(Lang::En);
        let options = CacheOptions {
            dir: Some(cache_dir.clone()),
            count_only: false,
        };
        let candidates = crate::workspace::discover(&[repo.path().to_path_buf()]).unwrap();
        let codes = |report: &Report| report.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        let cold = codes(&run(&candidates, &data, &settings, &CacheOptions::default()).unwrap());
        let is_set_rule = |code: &&str| matches!(crate::rules::by_code(code).map(|r| &r.check), Some(Check::Set(_)));
        assert!(cold.iter().any(is_set_rule), "the examples have cross-file findings");
        assert_eq!(codes(&run(&candidates, &data, &settings, &options).unwrap()), cold);

        let cache = Cache::open(&cache_dir, cache_key(&settings, &data));
        let [files] = cache.kept_sets()[..] else {
            panic!("one set of cross-file findings is kept")
        };
        let kept = cache.get_set(files).expect("sound");
        cache.put_set(files, &kept.hashes, &[]).unwrap();
        let believed = codes(&run(&candidates, &data, &settings, &options).unwrap());
        let per_file: Vec<&str> = cold.iter().copied().filter(|c| !is_set_rule(c)).collect();
        assert_eq!(believed, per_file);

        // A person's NIP changed: the cross-file facts differ, and the rules run on them again.
        let file = repo.path().join("contoh-bersih-2024.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replacen("19920604 201503 2 001", "19920604 201503 2 002", 1),
        )
        .unwrap();
        let changed = codes(&run(&candidates, &data, &settings, &options).unwrap());
        assert_eq!(
            changed,
            codes(&run(&candidates, &data, &settings, &CacheOptions::default()).unwrap())
        );
        assert!(changed.iter().any(is_set_rule));
    }

    /// A file changed only by moving what the cross-file rules read of it (a line added at its top) keeps the
    /// cross-file findings: the kept ones are moved with it, not found again. A finding slipped into the kept list
    /// shows, moved; the rest is what a run without the cache finds.
    #[test]
    fn the_cross_file_findings_kept_move_with_a_file_moved_by_an_edit() {
        let repo = examples();
        let data = Data::builtin();
        let settings = Settings::new(Lang::En);
        let cache_dir = repo.path().join(".cache");
        let options = CacheOptions {
            dir: Some(cache_dir.clone()),
            count_only: false,
        };
        let candidates = crate::workspace::discover(&[repo.path().to_path_buf()]).unwrap();
        let filled = run(&candidates, &data, &settings, &options).unwrap();
        let is_set_rule =
            |d: &&Diagnostic| matches!(crate::rules::by_code(d.code).map(|r| &r.check), Some(Check::Set(_)));
        let sample = filled
            .diagnostics
            .iter()
            .find(is_set_rule)
            .expect("a cross-file finding")
            .clone();
        let name = filled.files.name(sample.primary.file).to_string();

        let cache = Cache::open(&cache_dir, cache_key(&settings, &data));
        let [files] = cache.kept_sets()[..] else {
            panic!("one set of cross-file findings is kept")
        };
        let kept = cache.get_set(files).expect("sound");
        let mut slipped = sample.clone();
        slipped.notes.push(crate::message::Message::new("slipped in", &[]));
        let mut diagnostics = kept.diagnostics().expect("the kept findings decode");
        diagnostics.push(slipped.clone());
        cache.put_set(files, &kept.hashes, &diagnostics).unwrap();

        let line = "# diperiksa ulang\n";
        let text = std::fs::read_to_string(&name).unwrap();
        std::fs::write(&name, format!("{line}{text}")).unwrap();
        let moved = run(&candidates, &data, &settings, &options).unwrap();
        let cold = run(&candidates, &data, &settings, &CacheOptions::default()).unwrap();
        let mut expected = slipped;
        expected.shift_in(expected.primary.file, 0, line.len() as isize);
        assert_ne!(expected.primary.span, sample.primary.span);
        let (found, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = moved
            .diagnostics
            .into_iter()
            .partition(|d| d.notes.last() == expected.notes.last());
        assert_eq!(found, vec![expected], "the kept findings were not taken, or not moved");
        assert_eq!(rest, cold.diagnostics);
    }
}
