//! Applying the fixes that rules attach to their findings (`ikilint check --fix`, `--diff`, and the editor's
//! quick fixes).
//!
//! An edit replaces exactly the bytes of its span, so comments, key order and formatting outside the span are
//! kept. Fixes are taken in diagnostic order; a fix whose edits overlap an edit already taken is skipped this
//! round and comes back, re-computed, in the next one. Fixing runs to a fixed point: apply, re-lint, apply
//! again, at most [`MAX_ROUNDS`] times. A file with a YAML syntax error (S001) is never changed, and a round
//! that would break a file's YAML is undone for that file.

use crate::Report;
use crate::data::Data;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::lint::{self, Settings};
use crate::rules::structure::YAML_SYNTAX;
use crate::source::{FileId, Files, Span};
use crate::workspace::{self, PathError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Bound on apply/re-lint rounds, so that two fixes that undo each other cannot loop forever.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Also apply unsafe fixes (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

impl Options {
    pub fn accepts(self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// The result of one round of applying fixes to in-memory texts.
#[derive(Debug, Default)]
pub struct Applied {
    /// The new text of every file that changed.
    pub texts: BTreeMap<FileId, String>,
    /// The files each applied fix touched, one entry per fix.
    pub fixes: Vec<Vec<FileId>>,
}

/// Files with a syntax error (S001) in `diagnostics`: never written.
pub fn broken_files(diagnostics: &[Diagnostic]) -> HashSet<FileId> {
    diagnostics
        .iter()
        .filter(|d| d.code == YAML_SYNTAX.code)
        .map(|d| d.primary.file)
        .collect()
}

fn overlaps(a: Span, b: Span) -> bool {
    // Two insertions at the same place conflict too: their order would be arbitrary.
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

fn valid(files: &Files, edit: &Edit) -> bool {
    edit.file.0 < files.len() && {
        let text = &files.get(edit.file).text;
        edit.span.start <= edit.span.end
            && edit.span.end <= text.len()
            && text.is_char_boundary(edit.span.start)
            && text.is_char_boundary(edit.span.end)
    }
}

/// Apply, in order, every fix of `diagnostics` that `options` accepts and that overlaps no fix taken before it
/// (all edits of a fix, or none). Files in `frozen` (and files with S001) are left alone.
pub fn apply(files: &Files, diagnostics: &[Diagnostic], options: Options, frozen: &HashSet<FileId>) -> Applied {
    let broken = broken_files(diagnostics);
    let mut taken: HashMap<FileId, Vec<&Edit>> = HashMap::new();
    let mut fixes = Vec::new();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if !options.accepts(fix) || fix.edits.is_empty() {
            continue;
        }
        let acceptable = fix.edits.iter().enumerate().all(|(i, edit)| {
            valid(files, edit)
                && !broken.contains(&edit.file)
                && !frozen.contains(&edit.file)
                && !taken
                    .get(&edit.file)
                    .is_some_and(|es| es.iter().any(|e| overlaps(e.span, edit.span)))
                && !fix.edits[..i]
                    .iter()
                    .any(|e| e.file == edit.file && overlaps(e.span, edit.span))
        });
        if !acceptable {
            continue;
        }
        for edit in &fix.edits {
            taken.entry(edit.file).or_default().push(edit);
        }
        fixes.push(fix.edits.iter().map(|e| e.file).collect());
    }
    let mut texts = BTreeMap::new();
    for (file, mut edits) in taken {
        let source = &files.get(file).text;
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut out = String::with_capacity(source.len());
        let mut at = 0;
        for edit in edits {
            out.push_str(&source[at..edit.span.start]);
            out.push_str(&edit.replacement);
            at = edit.span.end;
        }
        out.push_str(&source[at..]);
        if out != *source {
            texts.insert(file, out);
        }
    }
    Applied { texts, fixes }
}

/// The outcome of fixing a set of files to a fixed point, in memory.
#[derive(Debug)]
pub struct Fixed {
    /// The findings that remain after the last round, against the fixed texts.
    pub report: Report,
    /// The text each file had before fixing, for every file that changed (the new text is in `report.files`).
    pub original: BTreeMap<FileId, String>,
    /// How many fixes were applied over all rounds.
    pub fixes: usize,
    /// Office files with fixable findings, left alone: their fixes would land in YAML that exists nowhere.
    pub office_fixable: Vec<String>,
}

/// Fix `report` (a linted set) to a fixed point. `relint` lints `(name, text)` sources as one set, keeping
/// their order, so that file ids stay the same across rounds.
pub fn fix_to_fixed_point(
    mut report: Report,
    options: Options,
    relint: &dyn Fn(Vec<(String, String)>) -> Report,
) -> Fixed {
    // Re-linting sees only the linted files: the skipped ones are the first reading's.
    let skipped = std::mem::take(&mut report.skipped);
    let mut original: BTreeMap<FileId, String> = BTreeMap::new();
    // An office file is linted as the YAML imported from it, which exists nowhere on disk: never written.
    let mut frozen: HashSet<FileId> = report
        .files
        .iter()
        .filter(|(_, f)| crate::office::Format::of_name(&f.name).is_some())
        .map(|(id, _)| id)
        .collect();
    let office_fixable: Vec<String> = frozen
        .iter()
        .filter(|file| {
            report
                .diagnostics
                .iter()
                .any(|d| d.primary.file == **file && d.fix.as_ref().is_some_and(|f| options.accepts(f)))
        })
        .map(|file| report.files.name(*file).to_string())
        .collect();
    let mut fixes = 0;
    for _ in 0..MAX_ROUNDS {
        let applied = apply(&report.files, &report.diagnostics, options, &frozen);
        if applied.texts.is_empty() {
            break;
        }
        let previous: HashMap<FileId, String> = applied
            .texts
            .keys()
            .map(|f| (*f, report.files.get(*f).text.clone()))
            .collect();
        let mut sources = sources_of(&report.files);
        for (file, text) in &applied.texts {
            sources[file.0].1 = text.clone();
        }
        let mut next = relint(sources.clone());
        // A fix that breaks a file's YAML is undone for that file, which is then left alone.
        let newly_broken: Vec<FileId> = broken_files(&next.diagnostics)
            .into_iter()
            .filter(|f| previous.contains_key(f))
            .collect();
        if !newly_broken.is_empty() {
            for file in &newly_broken {
                sources[file.0].1 = previous[file].clone();
                frozen.insert(*file);
            }
            next = relint(sources);
        }
        let changed: Vec<FileId> = applied
            .texts
            .keys()
            .copied()
            .filter(|f| !newly_broken.contains(f))
            .collect();
        if changed.is_empty() {
            report = next;
            break;
        }
        fixes += applied
            .fixes
            .iter()
            .filter(|touched| touched.iter().all(|f| !newly_broken.contains(f)))
            .count();
        for file in changed {
            original.entry(file).or_insert_with(|| previous[&file].clone());
        }
        report = next;
    }
    // A file fixed and then fixed back is not changed.
    original.retain(|file, text| report.files.get(*file).text != *text);
    report.skipped = skipped;
    let mut office_fixable = office_fixable;
    office_fixable.sort();
    Fixed {
        report,
        original,
        fixes,
        office_fixable,
    }
}

fn sources_of(files: &Files) -> Vec<(String, String)> {
    files.iter().map(|(_, f)| (f.name.clone(), f.text.clone())).collect()
}

/// Find, load, lint and fix `paths` to a fixed point, in memory; returns the fixed set and the path of each
/// file (by id), for writing.
pub fn fix_paths(
    paths: &[PathBuf],
    data: &Data,
    settings: &Settings,
    options: Options,
) -> Result<(Fixed, Vec<PathBuf>), PathError> {
    let candidates = workspace::discover(paths)?;
    let loaded = workspace::load(&candidates)?;
    let by_name: HashMap<String, &Path> = candidates
        .iter()
        .map(|c| (c.path.to_string_lossy().into_owned(), c.path.as_path()))
        .collect();
    let file_paths: Vec<PathBuf> = loaded
        .files
        .iter()
        .map(|(_, f)| {
            by_name
                .get(&f.name)
                .map_or_else(|| PathBuf::from(&f.name), |p| p.to_path_buf())
        })
        .collect();
    let diagnostics = lint::lint(&loaded, data, settings);
    let report = Report {
        files: loaded.files,
        diagnostics,
        skipped: loaded.skipped,
        counted: Default::default(),
    };
    let relint = |sources: Vec<(String, String)>| crate::check_sources(sources, data, settings);
    Ok((fix_to_fixed_point(report, options, &relint), file_paths))
}

/// A unified diff of every changed file, `a/` before and `b/` after, as `git diff` prints it.
pub fn unified_diff(fixed: &Fixed) -> String {
    let mut out = String::new();
    for (file, before) in &fixed.original {
        let source = fixed.report.files.get(*file);
        let diff = similar::TextDiff::from_lines(before.as_str(), source.text.as_str());
        let name = source.name.trim_start_matches("./");
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{name}"), &format!("b/{name}"))
                .to_string(),
        );
    }
    out
}

/// Write every changed file of `fixed` to its path: all or none, never over a change made since it was read (see
/// [`crate::atomic_write::write_all_or_nothing`]).
pub fn write_all(fixed: &Fixed, paths: &[PathBuf]) -> crate::atomic_write::Outcome {
    let files: Vec<(PathBuf, &str, &str)> = fixed
        .original
        .iter()
        .map(|(file, before)| {
            (
                paths[file.0].clone(),
                before.as_str(),
                fixed.report.files.get(*file).text.as_str(),
            )
        })
        .collect();
    crate::atomic_write::write_all_or_nothing(&files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Label, Severity};
    use crate::source::SourceFile;

    /// A finding of a made-up rule carrying one replacement, for testing the machinery without the families.
    fn with_fix(file: FileId, span: Span, replacement: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic {
            code: "T001",
            name: "test",
            severity: Severity::Warning,
            message: crate::message::Message::as_written(""),
            primary: Label::new(file, span, None),
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: Some(Box::new(Fix::replace(applicability, file, span, replacement))),
        }
    }

    fn files(text: &str) -> Files {
        let mut files = Files::new();
        files.add(SourceFile::new("a.yaml", text));
        files
    }

    #[test]
    fn applies_edits_in_place_and_skips_overlaps() {
        let text = "a: Prosentase x # note\nb: y\n";
        let files = files(text);
        let f = FileId(0);
        let diagnostics = vec![
            with_fix(f, Span::new(3, 13), "Persentase", Applicability::Safe),
            with_fix(f, Span::new(5, 8), "XX", Applicability::Safe),
            with_fix(f, Span::new(26, 27), "z", Applicability::Safe),
            with_fix(f, Span::new(14, 15), "w", Applicability::Unsafe),
        ];
        let applied = apply(&files, &diagnostics, Options::default(), &HashSet::new());
        assert_eq!(applied.fixes.len(), 2);
        assert_eq!(applied.texts[&f], "a: Persentase x # note\nb: z\n");
        let all = apply(&files, &diagnostics, Options { unsafe_fixes: true }, &HashSet::new());
        assert_eq!(all.fixes.len(), 3);
        assert_eq!(all.texts[&f], "a: Persentase w # note\nb: z\n");
    }

    #[test]
    fn never_touches_a_broken_file_or_a_bad_span() {
        let files = files("a: é\n");
        let f = FileId(0);
        let bad_boundary = vec![with_fix(f, Span::new(4, 5), "e", Applicability::Safe)];
        assert_eq!(
            apply(&files, &bad_boundary, Options::default(), &HashSet::new())
                .fixes
                .len(),
            0
        );
        let past_end = vec![with_fix(f, Span::new(4, 99), "e", Applicability::Safe)];
        assert_eq!(
            apply(&files, &past_end, Options::default(), &HashSet::new())
                .fixes
                .len(),
            0
        );
        let mut broken = vec![with_fix(f, Span::new(0, 1), "b", Applicability::Safe)];
        let mut syntax = with_fix(f, Span::new(0, 0), "", Applicability::Safe);
        syntax.code = "S001";
        syntax.fix = None;
        broken.push(syntax);
        assert!(
            apply(&files, &broken, Options::default(), &HashSet::new())
                .texts
                .is_empty()
        );
    }

    /// A stand-in linter: each round reports the first `xx` (fix: `x`), every `a` (fix: `b`, so it never
    /// settles), and S001 on a file containing `!`; `!!` is fixed to `!` … only to show a broken file is kept.
    fn fake_lint(sources: Vec<(String, String)>) -> Report {
        let mut files = Files::new();
        let mut diagnostics = Vec::new();
        for (name, text) in sources {
            let id = files.add(SourceFile::new(name, text.clone()));
            if let Some(at) = text.find("xx") {
                diagnostics.push(with_fix(id, Span::new(at, at + 2), "x", Applicability::Safe));
            }
            if let Some(at) = text.find('a') {
                diagnostics.push(with_fix(id, Span::new(at, at + 1), "ab", Applicability::Safe));
            }
            if let Some(at) = text.find('?') {
                diagnostics.push(with_fix(id, Span::new(at, at + 1), "!", Applicability::Safe));
            }
            if let Some(at) = text.find('!') {
                let mut d = with_fix(id, Span::new(at, at + 1), "", Applicability::Safe);
                d.code = "S001";
                d.fix = None;
                diagnostics.push(d);
            }
        }
        lint::sort(&mut diagnostics, crate::i18n::Lang::En);
        Report {
            files,
            diagnostics,
            ..Report::default()
        }
    }

    #[test]
    fn fixes_to_a_fixed_point_within_bounds_and_undoes_a_breaking_fix() {
        let sources = vec![
            ("one".to_string(), "xxxxx\n".to_string()),
            ("loop".to_string(), "a\n".to_string()),
            ("breaks".to_string(), "xx ?\n".to_string()),
        ];
        let fixed = fix_to_fixed_point(fake_lint(sources), Options::default(), &fake_lint);
        let text = |i: usize| fixed.report.files.get(FileId(i)).text.clone();
        assert_eq!(text(0), "x\n");
        // Never settles: stopped after MAX_ROUNDS rounds, one `b` per round.
        assert_eq!(text(1), format!("a{}\n", "b".repeat(MAX_ROUNDS)));
        // The round that would put a `!` in the file is undone, and the file is then left alone.
        assert_eq!(text(2), "xx ?\n");
        assert!(!fixed.original.contains_key(&FileId(2)));
        assert_eq!(fixed.original[&FileId(0)], "xxxxx\n");
        assert_eq!(fixed.fixes, 4 + MAX_ROUNDS);
    }
}
