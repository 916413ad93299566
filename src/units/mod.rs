//! What an indicator measures: its unit (from a declared `satuan` or its first words), what its formula computes
//! ([`formula`]), the quantities written in a target or a cell ([`quantity`]), and how a position in a decoded
//! value maps back to the source ([`srcmap`]). The U rules (`crate::rules::units`) are built on these.

pub mod formula;
pub mod quantity;
pub mod srcmap;

use crate::data::Table;
use crate::model::{Indikator, Text};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// The kind of quantity an indicator claims to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Percent,
    Ratio,
    /// *Tingkat*: usually a percent, sometimes an index from a survey.
    PercentOrIndex,
    Count,
    Score,
    Duration,
    Money,
}

impl UnitKind {
    /// Stable key used in catalogue texts (`unit-percent`, `shape-count`, …).
    pub fn key(self) -> &'static str {
        match self {
            UnitKind::Percent => "percent",
            UnitKind::Ratio => "ratio",
            UnitKind::PercentOrIndex => "percent-or-index",
            UnitKind::Count => "count",
            UnitKind::Score => "score",
            UnitKind::Duration => "duration",
            UnitKind::Money => "money",
        }
    }
}

/// `rules/satuan.yaml`: the unit vocabulary.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Satuan {
    #[serde(default)]
    pub lead: BTreeMap<UnitKind, Vec<String>>,
    #[serde(default)]
    pub count_nouns: Vec<String>,
    #[serde(default)]
    pub period_nouns: Vec<String>,
    #[serde(default)]
    pub lower_is_better: Vec<String>,
    #[serde(default)]
    pub change_words: Vec<String>,
    #[serde(default)]
    pub result_words: Vec<String>,
    #[serde(default)]
    pub source_leads: Vec<String>,
    #[serde(default)]
    pub survey_terms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub satuan: BTreeMap<String, UnitKind>,
}

impl Table for Satuan {
    const FILE: &'static str = "satuan.yaml";

    fn merge(&mut self, later: Self) {
        for (kind, words) in later.lead {
            self.lead.entry(kind).or_default().extend(words);
        }
        self.count_nouns.extend(later.count_nouns);
        self.period_nouns.extend(later.period_nouns);
        self.lower_is_better.extend(later.lower_is_better);
        self.change_words.extend(later.change_words);
        self.result_words.extend(later.result_words);
        self.source_leads.extend(later.source_leads);
        for (kind, words) in later.survey_terms {
            self.survey_terms.entry(kind).or_default().extend(words);
        }
        self.satuan.extend(later.satuan);
    }
}

fn contains_word(list: &[String], word: &str) -> bool {
    list.iter()
        .any(|w| w.eq_ignore_ascii_case(word) || w.to_lowercase() == word.to_lowercase())
}

impl Satuan {
    pub fn is_count_noun(&self, word: &str) -> bool {
        contains_word(&self.count_nouns, word)
    }

    pub fn is_period_noun(&self, word: &str) -> bool {
        contains_word(&self.period_nouns, word)
    }

    pub fn is_result_word(&self, word: &str) -> bool {
        contains_word(&self.result_words, word)
    }

    /// The longest lead phrase at token `at`: its kind and the index after it.
    pub fn lead_at(&self, toks: &[Tok], at: usize) -> Option<(UnitKind, usize)> {
        let mut best: Option<(UnitKind, usize)> = None;
        for (kind, phrases) in &self.lead {
            for phrase in phrases {
                if let Some(end) = phrase_at(toks, at, phrase)
                    && best.is_none_or(|(_, e)| end > e)
                {
                    best = Some((*kind, end));
                }
            }
        }
        best
    }

    pub fn source_lead_at(&self, toks: &[Tok], at: usize) -> Option<usize> {
        self.source_leads.iter().filter_map(|p| phrase_at(toks, at, p)).max()
    }

    /// Which survey family (`ikm`, `sakip`) a text names, with the span of the words.
    pub fn survey_in(&self, text: &str) -> Option<(&str, Range<usize>)> {
        let toks = tokenize(text);
        for at in 0..toks.len() {
            for (family, phrases) in &self.survey_terms {
                for phrase in phrases {
                    if let Some(end) = phrase_at(&toks, at, phrase) {
                        return Some((family.as_str(), toks[at].start..toks[end - 1].end));
                    }
                }
            }
        }
        None
    }
}

/// Token kinds of the small lexer the unit parsers share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, with inner hyphens (`rata-rata`, `sekurang-kurangnya`).
    Word,
    /// Digits, with inner `.`/`,` between digits (`81,35`, `2.500`).
    Number,
    /// Any other visible character, one at a time (`/`, `%`, `(`, `\`).
    Sym,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok<'a> {
    pub kind: TokKind,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Tok<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word) || (self.kind == TokKind::Word && self.text.to_lowercase() == word)
    }

    pub fn is_sym(&self, c: char) -> bool {
        self.kind == TokKind::Sym && self.text.starts_with(c)
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let kind;
        let mut j = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        } else if c.is_alphabetic() {
            kind = TokKind::Word;
            while j < chars.len() {
                let d = chars[j].1;
                if d.is_alphabetic() || (d == '-' && j + 1 < chars.len() && chars[j + 1].1.is_alphabetic()) {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c.is_ascii_digit() {
            kind = TokKind::Number;
            while j < chars.len() {
                let d = chars[j].1;
                if d.is_ascii_digit()
                    || ((d == '.' || d == ',') && j + 1 < chars.len() && chars[j + 1].1.is_ascii_digit())
                {
                    j += 1;
                } else {
                    break;
                }
            }
        } else {
            kind = TokKind::Sym;
        }
        let end = chars.get(j).map_or(text.len(), |(o, _)| *o);
        toks.push(Tok {
            kind,
            text: &text[start..end],
            start,
            end,
        });
        i = j;
    }
    toks
}

/// Index after `phrase` when its tokens match at `at` (case-insensitive), else `None`.
pub fn phrase_at(toks: &[Tok], at: usize, phrase: &str) -> Option<usize> {
    let words = tokenize(phrase);
    if words.is_empty() || at + words.len() > toks.len() {
        return None;
    }
    for (k, w) in words.iter().enumerate() {
        if !toks[at + k].is(&w.text.to_lowercase()) {
            return None;
        }
    }
    Some(at + words.len())
}

/// Index of the first token after a leading list number (`2. Persentase …`, `1) …`).
pub fn skip_list_number(toks: &[Tok]) -> usize {
    match toks {
        [n, dot, next, ..]
            if n.kind == TokKind::Number
                && n.text.len() <= 2
                && (dot.is_sym('.') || dot.is_sym(')'))
                && dot.start == n.end
                && next.start > dot.end =>
        {
            2
        }
        _ => 0,
    }
}

/// Where an indicator's unit comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitSource {
    Satuan,
    Uraian,
}

/// The unit an indicator claims: kind, the words that say so (a range in the field's decoded value), and its
/// direction.
#[derive(Clone, Debug)]
pub struct Unit {
    pub kind: UnitKind,
    pub source: UnitSource,
    pub words: Range<usize>,
    pub lower_is_better: bool,
    /// A rate of change (`Persentase peningkatan …`), which may go above 100 or below 0.
    pub change: bool,
}

impl Unit {
    /// The field the unit words are in.
    pub fn field<'a>(&self, indikator: &'a Indikator) -> Option<&'a Text> {
        match self.source {
            UnitSource::Satuan => indikator.satuan.as_ref(),
            UnitSource::Uraian => indikator.uraian.as_ref(),
        }
    }
}

/// The indicator's unit: the declared `satuan` when the vocabulary knows it, else the first words of its name.
/// A name that is itself a computation (`Jumlah A berbanding jumlah B X 100%`, a column slipped in the source
/// table) has no reliable unit.
pub fn unit_of(indikator: &Indikator, lex: &Satuan) -> Option<Unit> {
    if let Some(satuan) = &indikator.satuan {
        let key = satuan.value.trim().to_lowercase();
        let found = lex
            .satuan
            .get(&key)
            .copied()
            .or_else(|| (lex.is_count_noun(&key) || key == "kali").then_some(UnitKind::Count));
        if let Some(kind) = found {
            let start = satuan.value.find(|c: char| !c.is_whitespace()).unwrap_or(0);
            let end = satuan.value.trim_end().len().max(start);
            return Some(Unit {
                kind,
                source: UnitSource::Satuan,
                words: start..end,
                lower_is_better: kind == UnitKind::Duration || name_lower_is_better(indikator, lex),
                change: name_is_change(indikator, lex),
            });
        }
    }
    let uraian = indikator.uraian.as_ref()?;
    let toks = tokenize(&uraian.value);
    let at = skip_list_number(&toks);
    let (kind, end) = lex.lead_at(&toks, at)?;
    let computed = formula::parse(&uraian.value, lex);
    if computed.computes() {
        return None;
    }
    let lower = lead_lower_is_better(&toks, at, end, lex);
    Some(Unit {
        kind,
        source: UnitSource::Uraian,
        words: toks[at].start..toks[end - 1].end,
        lower_is_better: lower,
        change: toks.get(end).is_some_and(|t| contains_word(&lex.change_words, t.text)),
    })
}

fn lead_lower_is_better(toks: &[Tok], at: usize, end: usize, lex: &Satuan) -> bool {
    toks[at..(end + 1).min(toks.len())]
        .iter()
        .any(|t| contains_word(&lex.lower_is_better, t.text))
}

fn name_lower_is_better(indikator: &Indikator, lex: &Satuan) -> bool {
    indikator.uraian.as_ref().is_some_and(|u| {
        let toks = tokenize(&u.value);
        let at = skip_list_number(&toks);
        let end = lex.lead_at(&toks, at).map_or(at, |(_, e)| e);
        lead_lower_is_better(&toks, at, end, lex)
    })
}

fn name_is_change(indikator: &Indikator, lex: &Satuan) -> bool {
    indikator.uraian.as_ref().is_some_and(|u| {
        tokenize(&u.value)
            .iter()
            .take(4)
            .any(|t| contains_word(&lex.change_words, t.text))
    })
}
