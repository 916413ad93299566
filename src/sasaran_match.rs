//! Which sasaran of a superior a text most likely feeds: the word-overlap scoring behind A001's link suggestion
//! and the importer's inferred `mendukung`. It sits on the bottom floor (plain texts in, a scored id out) so
//! that both the rules and the office importer use the one scoring.

use crate::similarity::{content_words, letter_bits, may_be_near, near_lengths, word_match, words_similarity};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A candidate sasaran as plain texts: what [`Candidates::new`] indexes.
#[derive(Clone, Debug, Default)]
pub struct SasaranTexts {
    pub id: String,
    pub uraian: Option<String>,
    pub indikator: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Suggestion {
    /// The sasaran id to write after `mendukung:`.
    pub id: String,
    /// The superior sasaran's `uraian`.
    pub text: String,
    pub score: f64,
}

/// The most content words of one text that are compared: a sasaran says what it is about in far fewer, and the
/// bound keeps one comparison constant-time whatever a file holds.
const MAX_WORDS: usize = 32;

/// The sasaran of one superior, split into words and indexed once, to rank against the texts of all its
/// subordinates without comparing every text with every sasaran: only the texts that share a word (or a near
/// spelling of one) with a query can score a related score, and they are compared best-first until no remaining one
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
    /// The candidates among `sasaran` (each: its id, its `uraian`, and its indicators' `uraian`), ignoring the
    /// words of `place` (the superior's unit name and place, which recur in every sasaran of the unit and say
    /// nothing about what a sasaran is about).
    pub fn new(place: &[&str], sasaran: &[SasaranTexts]) -> Candidates {
        let place: Vec<String> = place.iter().flat_map(|t| content_words(t)).collect();
        let mut candidates = Candidates {
            place,
            sasaran: Vec::with_capacity(sasaran.len()),
            texts: Vec::new(),
            postings: HashMap::new(),
            by_length: Vec::new(),
            near: RefCell::default(),
        };
        for (index, one) in sasaran.iter().enumerate() {
            let texts = one.uraian.iter().chain(one.indikator.iter());
            for text in texts {
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
                .push((one.id.clone(), one.uraian.clone().unwrap_or_default()));
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

    /// Per sasaran, in order: its best score against any of `texts` (every text compared, for a caller that
    /// needs the runner-up as well as the best, such as the importer's "clearly the best" test).
    pub fn scores(&self, texts: &[&str]) -> Vec<(String, f64)> {
        let queries: Vec<Vec<String>> = texts.iter().map(|t| self.words(t)).filter(|q| !q.is_empty()).collect();
        let mut scores: Vec<(String, f64)> = self.sasaran.iter().map(|(id, _)| (id.clone(), 0.0)).collect();
        for (sasaran, words) in &self.texts {
            for query in &queries {
                let score = words_similarity(query, words);
                if score > scores[*sasaran].1 {
                    scores[*sasaran].1 = score;
                }
            }
        }
        scores
    }

    /// The sasaran most similar to any of `texts`, comparing with each sasaran's `uraian` and with the `uraian` of
    /// its indicators (a staff sasaran often repeats its superior's indicator). Ties go to the earlier sasaran.
    /// `None` when the superior has no sasaran; a sasaran scoring 0 when no text shares a word with them (a score
    /// below a related score either way).
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
