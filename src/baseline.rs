//! The baseline: findings a repository already had when it adopted ikilint, recorded so that CI fails only on new
//! ones.
//!
//! A finding is identified by a [`Fingerprint`] that survives unrelated edits: the file, the rule code, the text the
//! finding is about (the source under its primary label, whitespace-normalised; the first [`TEXT_LIMIT`]
//! characters of it, so an edit deep inside a large mapping leaves a finding on the mapping alone), and an
//! occurrence index that tells apart identical fingerprints in one file (counted in report order). Line numbers are
//! never part of it: inserting lines above a finding does not make it new.
//!
//! The file is JSON, sorted, one finding per line, so that a pull request that prunes or extends it reads as a diff
//! of findings.

use crate::Report;
use crate::diagnostic::Diagnostic;
use crate::render::repo_path;
use crate::source::{FileId, SourceFile};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Characters of the normalised text kept in a fingerprint.
pub const TEXT_LIMIT: usize = 120;

pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    pub file: String,
    pub code: String,
    pub text: String,
    pub occurrence: usize,
}

impl Fingerprint {
    /// A short stable digest (FNV-1a, 64 bits, hex) for places that want one token, such as SARIF's
    /// `partialFingerprints`.
    pub fn digest(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let occurrence = self.occurrence.to_string();
        for part in [&self.file, &self.code, &self.text, &occurrence] {
            for byte in part.bytes().chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}

/// Collapse every run of whitespace to one space and trim; keep at most [`TEXT_LIMIT`] characters.
pub fn normalise(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.char_indices().nth(TEXT_LIMIT) {
        Some((cut, _)) => joined[..cut].to_string(),
        None => joined,
    }
}

/// The text a finding is about: the source under its primary label, or, for an empty label (a parser stop, a
/// missing key at the end of a file), the line it points at.
fn subject(source: &SourceFile, d: &Diagnostic) -> String {
    let text = normalise(source.slice(d.primary.span));
    if !text.is_empty() || source.text.is_empty() {
        return text;
    }
    let line = source.line_index(d.primary.span.start.min(source.text.len()));
    normalise(source.text.get(source.line_range(line)).unwrap_or(""))
}

/// The fingerprint of every diagnostic of `report`, in report order.
pub fn fingerprints(report: &Report) -> Vec<Fingerprint> {
    fingerprints_of(&report.diagnostics, |id| report.files.get(id))
}

/// The fingerprints of `diagnostics`, in order, `source` giving a file's text. Occurrences are counted per file:
/// the findings of one file get the fingerprints they get among all of a run's.
pub fn fingerprints_of<'a>(diagnostics: &[Diagnostic], source: impl Fn(FileId) -> &'a SourceFile) -> Vec<Fingerprint> {
    let mut seen: HashMap<(String, &str, String), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let source = source(d.primary.file);
            let file = repo_path(&source.name);
            let text = subject(source, d);
            let count = seen.entry((file.clone(), d.code, text.clone())).or_default();
            let occurrence = *count;
            *count += 1;
            Fingerprint {
                file,
                code: d.code.to_string(),
                text,
                occurrence,
            }
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Fingerprint>,
}

/// A recorded set of findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub findings: BTreeSet<Fingerprint>,
}

/// What applying a baseline did to a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings of the run that the baseline hides.
    pub matched: usize,
    /// Baselined findings of the files linted in this run that no longer occur (the baseline can be pruned by
    /// writing it again). Findings of files not linted this time are not counted: they were not looked for.
    pub disappeared: usize,
}

impl Baseline {
    /// Every finding of `report`.
    pub fn of(report: &Report) -> Baseline {
        Baseline {
            findings: fingerprints(report).into_iter().collect(),
        }
    }

    /// Read a baseline file's text; the error is a human-readable reason.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {VERSION})",
                file.version
            ));
        }
        Ok(Baseline {
            findings: file.findings.into_iter().collect(),
        })
    }

    /// The file's text: stable, sorted, one finding per line, with a final newline.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [");
        for (i, finding) in self.findings.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            out.push_str(&serde_json::to_string(finding).expect("a fingerprint always serializes"));
        }
        out.push_str(if self.findings.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        out
    }

    /// Remove from `report` every finding the baseline records.
    pub fn apply(&self, report: &mut Report) -> Applied {
        let prints = fingerprints(report);
        let mut used = BTreeSet::new();
        let mut keep = Vec::with_capacity(report.diagnostics.len());
        for (d, print) in std::mem::take(&mut report.diagnostics).into_iter().zip(prints) {
            if self.findings.contains(&print) {
                used.insert(print);
            } else {
                keep.push(d);
            }
        }
        report.diagnostics = keep;
        let linted: HashSet<String> = report.files.names().map(|(_, name)| repo_path(name)).collect();
        let disappeared = self
            .findings
            .iter()
            .filter(|f| linted.contains(&f.file) && !used.contains(*f))
            .count();
        Applied {
            matched: used.len(),
            disappeared,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_collapses_whitespace_and_cuts_long_text() {
        assert_eq!(normalise("  a \n\t b  "), "a b");
        let long = "é".repeat(TEXT_LIMIT + 10);
        assert_eq!(normalise(&long).chars().count(), TEXT_LIMIT);
    }

    #[test]
    fn file_is_sorted_one_finding_per_line_and_reads_back() {
        let mut baseline = Baseline::default();
        for (file, code) in [("b.yaml", "S003"), ("a.yaml", "S005"), ("a.yaml", "S003")] {
            baseline.findings.insert(Fingerprint {
                file: file.into(),
                code: code.into(),
                text: "x \"y\"".into(),
                occurrence: 0,
            });
        }
        let text = baseline.to_json();
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines.len(), 8, "{text}");
        assert!(lines[3].contains("\"a.yaml\"") && lines[3].contains("S003"), "{text}");
        assert!(lines[4].contains("S005") && lines[5].contains("b.yaml"), "{text}");
        assert_eq!(Baseline::parse(&text), Ok(baseline));
        assert_eq!(Baseline::parse(&Baseline::default().to_json()), Ok(Baseline::default()));
    }

    #[test]
    fn unsupported_version_and_bad_json_are_errors() {
        assert!(Baseline::parse("{\"version\": 2, \"findings\": []}").is_err());
        assert!(Baseline::parse("[").is_err());
    }

    #[test]
    fn digest_is_stable() {
        let print = Fingerprint {
            file: "a.yaml".into(),
            code: "S003".into(),
            text: "jabatn".into(),
            occurrence: 0,
        };
        // Pinned: code scanning matches alerts across runs by this value, so it must not change between releases.
        assert_eq!(print.digest(), "41adc4d0e05ec543");
        assert_ne!(
            print.digest(),
            Fingerprint {
                occurrence: 1,
                ..print.clone()
            }
            .digest()
        );
    }
}
