//! Link suggestions for A001 (and the A003/A008 help): which sasaran of the direct superior an unlinked sasaran
//! or indicator most likely feeds, and the unsafe fix that writes the `mendukung:` line.

use crate::cascade::{Cascade, PosId};
use crate::diagnostic::{Edit, Fix};
use crate::model::Document;
use crate::similarity::{content_words, letter_bits, may_be_near, near_lengths, word_match, words_similarity};
use crate::source::{FileId, Span};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// At or above this score a candidate is named as the likely target and offered as a fix; below it the help lists
/// the superior's sasaran to choose from. Measured on the transcribed seeds (`examples/`), taking the
/// transcriber's links as the truth: of 83 sasaran linked to their direct superior, every best candidate at 0.72
/// or more (41) is the sasaran actually linked, while wrong best candidates reach 0.70; at 0.5, 3 of 61 were
/// wrong. The test `the_close_threshold_names_only_right_targets_on_the_examples` keeps it so.
pub const CLOSE: f64 = 0.72;

#[derive(Clone, Debug)]
pub struct Suggestion {
    /// The sasaran id to write after `mendukung:`.
    pub id: String,
    /// The superior sasaran's `uraian`.
    pub text: String,
    pub score: f64,
}

impl Suggestion {
    pub fn is_close(&self) -> bool {
        self.score >= CLOSE
    }
}

/// One target a link may name, for [`Candidates::from_targets`].
pub struct Target<'t> {
    pub id: &'t str,
    pub uraian: Option<&'t str>,
    pub indicators: Vec<&'t str>,
}

/// The most content words of one text that are compared: a sasaran says what it is about in far fewer, and the
/// bound keeps one comparison constant-time whatever a file holds.
const MAX_WORDS: usize = 32;

/// The sasaran of one superior, split into words and indexed once, to rank against the texts of all its
/// subordinates without comparing every text with every sasaran: only the texts that share a word (or a near
/// spelling of one) with a query can score [`RELATED`], and they are compared best-first until no remaining one
/// can beat the best found.
pub struct Candidates {
    /// Words of the superior's unit name and place, ignored on both sides.
    place: Vec<String>,
    /// Per sasaran: its id and its `uraian`.
    sasaran: Vec<(String, String)>,
    /// Every text compared (each sasaran's `uraian` and each of its indicators' `uraian`): its sasaran and words.
    texts: Vec<(usize, Vec<String>)>,
    /// Each distinct word of the texts: the texts holding it, with how many times.
    postings: HashMap<String, Vec<(usize, usize)>>,
    /// The distinct words by length in characters, with their letter bits, for the near-spelling search.
    by_length: Vec<(usize, u32, String)>,
    /// The words near each query word already looked up, with their match score.
    near: RefCell<HashMap<String, NearWords>>,
}

/// The indexed words near one word, each with its match score.
type NearWords = Rc<[(String, f64)]>;

impl Candidates {
    pub fn of(documents: &[Document], cascade: &Cascade, superior: PosId) -> Candidates {
        let (document, jabatan) = cascade.jabatan(documents, superior);
        // The unit's own name ("Kecamatan Tanjung Redeb") recurs in every sasaran of the unit and says nothing
        // about what a sasaran is about.
        let place: Vec<String> = document
            .dokumen
            .iter()
            .flat_map(|d| [&d.unit, &d.tempat])
            .flatten()
            .flat_map(|t| content_words(&t.value))
            .collect();
        let targets = jabatan.sasaran.iter().map(|sasaran| Target {
            id: &sasaran.id.value,
            uraian: sasaran.uraian.as_ref().map(|u| u.value.as_str()),
            indicators: sasaran
                .indikator
                .iter()
                .filter_map(|i| i.uraian.as_ref())
                .map(|u| u.value.as_str())
                .collect(),
        });
        Candidates::from_targets(place, targets)
    }

    /// The candidates of any kind of target (an IKI sasaran, an SKP's RHK): its id, its text and the texts of its
    /// indicators. `place` are the words of the unit's own name, ignored on both sides.
    pub fn from_targets<'t>(place: Vec<String>, targets: impl Iterator<Item = Target<'t>>) -> Candidates {
        let mut candidates = Candidates {
            place,
            sasaran: Vec::new(),
            texts: Vec::new(),
            postings: HashMap::new(),
            by_length: Vec::new(),
            near: RefCell::default(),
        };
        for (index, target) in targets.enumerate() {
            for text in target.uraian.into_iter().chain(target.indicators) {
                let words = candidates.words(text);
                let t = candidates.texts.len();
                for word in &words {
                    let posting = candidates.postings.entry(word.clone()).or_default();
                    match posting.last_mut() {
                        Some((last, count)) if *last == t => *count += 1,
                        _ => posting.push((t, 1)),
                    }
                }
                candidates.texts.push((index, words));
            }
            candidates
                .sasaran
                .push((target.id.to_string(), target.uraian.unwrap_or_default().to_string()));
        }
        candidates.by_length = candidates
            .postings
            .keys()
            .map(|w| (w.chars().count(), letter_bits(w), w.clone()))
            .collect();
        candidates.by_length.sort();
        candidates
    }

    fn words(&self, text: &str) -> Vec<String> {
        content_words(text)
            .into_iter()
            .filter(|w| !self.place.contains(w))
            .take(MAX_WORDS)
            .collect()
    }

    /// The indexed words that match `word` (itself, or a near spelling such as `layanan`/`pelayanan`), each with
    /// its score; looked up once per distinct word, and compared only with the words whose length and letters
    /// can match (a bit operation screens out the rest).
    fn near(&self, word: &str) -> NearWords {
        if let Some(found) = self.near.borrow().get(word) {
            return found.clone();
        }
        let length = word.chars().count();
        let bits = letter_bits(word);
        let (low, high) = near_lengths(length);
        let from = self.by_length.partition_point(|(l, _, _)| *l < low);
        let found: NearWords = self.by_length[from..]
            .iter()
            .take_while(|(l, _, _)| *l <= high)
            .filter(|(l, b, _)| may_be_near((bits, length), (*b, *l)))
            .map(|(_, _, v)| (v.clone(), word_match(word, v)))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        self.near.borrow_mut().insert(word.to_string(), found.clone());
        found
    }

    /// Per text sharing a word with `query`: the overlap part of [`words_similarity`] (the edit part, at most 1,
    /// is left out, so `0.8 × overlap + 0.2` bounds the text's score). The work is one array update per text
    /// holding a word of the query (dense arrays: a word every text holds costs one pass over the texts).
    fn overlaps(&self, query: &[String]) -> Vec<(usize, f64)> {
        // matched(query → text) and matched(text → query) of `words_similarity`, from the postings.
        let mut matched = vec![0.0; self.texts.len()];
        let mut touched: Vec<usize> = Vec::new();
        // The best score of the current query word in each text, valid where `seen` holds the word's number.
        let mut best = vec![0.0; self.texts.len()];
        let mut seen = vec![usize::MAX; self.texts.len()];
        let mut backward: HashMap<&str, f64> = HashMap::new();
        for (w, word) in query.iter().enumerate() {
            let mut in_texts: Vec<usize> = Vec::new();
            for (v, score) in self.near(word).iter() {
                let Some((key, posting)) = self.postings.get_key_value(v) else {
                    continue;
                };
                let strongest = backward.entry(key.as_str()).or_default();
                *strongest = strongest.max(*score);
                for &(t, _) in posting {
                    if seen[t] != w {
                        seen[t] = w;
                        best[t] = 0.0;
                        in_texts.push(t);
                    }
                    best[t] = f64::max(best[t], *score);
                }
            }
            for t in in_texts {
                if matched[t] == 0.0 {
                    touched.push(t);
                }
                matched[t] += best[t];
            }
        }
        for (v, score) in backward {
            for &(t, count) in &self.postings[v] {
                matched[t] += score * count as f64;
            }
        }
        touched
            .into_iter()
            .map(|t| (t, matched[t] / (query.len() + self.texts[t].1.len()) as f64))
            .collect()
    }

    /// The sasaran most similar to any of `texts`, comparing with each sasaran's `uraian` and with the `uraian` of
    /// its indicators (a staff sasaran often repeats its superior's indicator). Ties go to the earlier sasaran.
    /// `None` when the superior has no sasaran; a sasaran scoring 0 when no text shares a word with them (a score
    /// below [`RELATED`] either way).
    pub fn best(&self, texts: &[&str]) -> Option<Suggestion> {
        let (first_id, first_text) = self.sasaran.first()?;
        let queries: Vec<Vec<String>> = texts.iter().map(|t| self.words(t)).collect();
        // (bound, sasaran, query, text), best bound first, then earlier sasaran.
        let mut pairs: Vec<(f64, usize, usize, usize)> = Vec::new();
        for (q, query) in queries.iter().enumerate() {
            if query.is_empty() {
                continue;
            }
            for (t, overlap) in self.overlaps(query) {
                // The epsilon covers the rounding of a sum taken in another order than `words_similarity`'s.
                pairs.push((0.8 * overlap + 0.2 + 1e-9, self.texts[t].0, q, t));
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut best: Option<(f64, usize)> = None;
        for (bound, sasaran, q, t) in pairs {
            if best.is_some_and(|(score, _)| bound < score) {
                break;
            }
            let score = words_similarity(&queries[q], &self.texts[t].1);
            if best.is_none_or(|(b, s)| score > b || (score == b && sasaran < s)) {
                best = Some((score, sasaran));
            }
        }
        Some(match best {
            Some((score, sasaran)) => Suggestion {
                id: self.sasaran[sasaran].0.clone(),
                text: self.sasaran[sasaran].1.clone(),
                score,
            },
            None => Suggestion {
                id: first_id.clone(),
                text: first_text.clone(),
                score: 0.0,
            },
        })
    }
}

/// [`Candidates::best`] for one query.
pub fn best(documents: &[Document], cascade: &Cascade, superior: PosId, texts: &[&str]) -> Option<Suggestion> {
    Candidates::of(documents, cascade, superior).best(texts)
}

/// The sasaran of `superior` as `S1 "…"; S2 "…"`, for a help that lets the reader choose; at most `limit`.
pub fn list(documents: &[Document], cascade: &Cascade, superior: PosId, limit: usize) -> String {
    let (_, jabatan) = cascade.jabatan(documents, superior);
    let mut items: Vec<String> = jabatan
        .sasaran
        .iter()
        .take(limit)
        .map(|s| match &s.uraian {
            Some(u) => format!("{} \"{}\"", s.id.value, u.value),
            None => s.id.value.clone(),
        })
        .collect();
    if jabatan.sasaran.len() > limit {
        items.push("…".to_string());
    }
    items.join("; ")
}

/// A YAML scalar for a reference: bare when it is a plain word, else double-quoted.
pub fn yaml_value(reference: &str) -> String {
    let plain = reference.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && reference
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
    if plain {
        reference.to_string()
    } else {
        format!("{:?}", reference)
    }
}

/// An edit that adds `mendukung: <value>` to the block mapping whose `uraian` value is at `uraian`, on its own
/// line after the `uraian` value, indented like the `uraian` key. `None` when the mapping is not written in the
/// plain block style this can edit safely (a flow mapping `{ … }`, a key on a line with other content).
pub fn insert_mendukung(source: &str, file: FileId, uraian: Span, value: &str) -> Option<Fix> {
    insert_link(source, file, uraian, "mendukung", value)
}

/// [`insert_mendukung`] for any link key (`intervensi` of an SKP's RHK).
pub fn insert_link(source: &str, file: FileId, uraian: Span, link_key: &str, value: &str) -> Option<Fix> {
    let line_start = source.get(..uraian.start)?.rfind('\n').map_or(0, |i| i + 1);
    let prefix = source.get(line_start..uraian.start)?;
    let key = prefix.trim_end().strip_suffix(':')?.trim_end().strip_suffix("uraian")?;
    let lead = key.trim_start_matches(' ');
    if !(lead.is_empty() || lead.trim_end() == "-") {
        return None;
    }
    let column = key.len();
    let value_text = source.get(uraian.range())?;
    let (at, before) = if value_text.ends_with('\n') {
        (uraian.end, "")
    } else {
        match source[uraian.end..].find('\n') {
            Some(nl) => (uraian.end + nl + 1, ""),
            None => (source.len(), "\n"),
        }
    };
    // Keep the file's line ending (CRLF files stay CRLF).
    let newline = if source[..at].ends_with("\r\n") { "\r\n" } else { "\n" };
    let before = if before.is_empty() { "" } else { newline };
    Some(Fix::unsafe_(vec![Edit {
        file,
        span: Span::new(at, at),
        replacement: format!(
            "{before}{}{link_key}: {}{newline}",
            " ".repeat(column),
            yaml_value(value)
        ),
    }]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(source: &str, fix: &Fix) -> String {
        let edit = &fix.edits[0];
        format!(
            "{}{}{}",
            &source[..edit.span.start],
            edit.replacement,
            &source[edit.span.end..]
        )
    }

    fn span_of(source: &str, needle: &str) -> Span {
        let start = source.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    #[test]
    fn inserts_after_the_uraian_line_with_its_indentation() {
        let src = "    sasaran:\n      - id: S1\n        uraian: \"Tersedianya data\"  # note\n        indikator: []\n";
        let fix = insert_mendukung(src, FileId(0), span_of(src, "\"Tersedianya data\""), "S1").unwrap();
        assert_eq!(
            apply(src, &fix),
            "    sasaran:\n      - id: S1\n        uraian: \"Tersedianya data\"  # note\n        mendukung: S1\n        indikator: []\n"
        );
        let src = "  - uraian: Jumlah laporan\n    formula: x";
        let fix = insert_mendukung(src, FileId(0), span_of(src, "Jumlah laporan"), "kasi/S2").unwrap();
        assert_eq!(
            apply(src, &fix),
            "  - uraian: Jumlah laporan\n    mendukung: kasi/S2\n    formula: x"
        );
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let src = "  - uraian: Jumlah laporan\r\n    formula: x\r\n";
        let fix = insert_mendukung(src, FileId(0), span_of(src, "Jumlah laporan"), "S1").unwrap();
        assert_eq!(
            apply(src, &fix),
            "  - uraian: Jumlah laporan\r\n    mendukung: S1\r\n    formula: x\r\n"
        );
    }

    #[test]
    fn refuses_flow_mappings() {
        let src = "  - { uraian: Jumlah laporan, indikator: [] }\n";
        assert!(insert_mendukung(src, FileId(0), span_of(src, "Jumlah laporan"), "S1").is_none());
    }

    #[test]
    fn quotes_references_that_are_not_plain_words() {
        assert_eq!(yaml_value("S1"), "S1");
        assert_eq!(yaml_value("1"), "\"1\"");
    }
}
