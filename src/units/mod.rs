//! What an indicator measures: its unit (from a declared `satuan` or its first words), what its formula computes
//! ([`formula`]) and the quantities written in a target or a cell ([`quantity`]). The U rules
//! (`crate::rules::units`) are built on these and point into values with [`crate::locate`].

pub mod formula;
pub mod quantity;

use crate::data::Table;
use crate::model::{Indikator, Text};
use foldhash::{HashMap, HashSet};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

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
    pub bounds: Bounds,
    #[serde(default)]
    pub filler_words: Vec<String>,
    #[serde(default)]
    pub satuan: BTreeMap<String, UnitKind>,
    /// The lists above as lowercase lookups, built on first use.
    #[serde(skip)]
    index: OnceLock<LexIndex>,
}

/// `bounds:` in `rules/satuan.yaml`: the words before a number that make it a bound or a level.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    #[serde(default)]
    pub at_least: Vec<String>,
    #[serde(default)]
    pub at_most: Vec<String>,
    #[serde(default)]
    pub level: Vec<String>,
}

/// What the words right before a number make of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Nothing: the number is the value itself.
    Exact,
    /// `minimal 80`, `≥ 80`, `sekurang-kurangnya 75`.
    AtLeast,
    /// `maksimal 3 hari`, `< 0,3`.
    AtMost,
    /// A level on a stated scale: `Level 3`, `skala 1-4`.
    Level,
}

/// Phrases keyed by their first word, each with its remaining words and what it means.
type Phrases<T> = HashMap<String, Vec<(Vec<String>, T)>>;

#[derive(Debug, Default)]
struct LexIndex {
    leads: Phrases<UnitKind>,
    sources: Phrases<()>,
    surveys: Phrases<String>,
    bounds: Phrases<Bound>,
    count_nouns: HashSet<String>,
    period_nouns: HashSet<String>,
    lower_is_better: HashSet<String>,
    change_words: HashSet<String>,
    result_words: HashSet<String>,
    filler_words: HashSet<String>,
}

fn add_phrase<T>(map: &mut Phrases<T>, phrase: &str, value: T) {
    let words: Vec<String> = tokenize(phrase).iter().map(|t| t.lower().into_owned()).collect();
    if let Some((first, rest)) = words.split_first() {
        map.entry(first.clone()).or_default().push((rest.to_vec(), value));
    }
}

fn word_set(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| w.trim().to_lowercase()).collect()
}

impl LexIndex {
    fn build(lex: &Satuan) -> LexIndex {
        let mut index = LexIndex {
            count_nouns: word_set(&lex.count_nouns),
            period_nouns: word_set(&lex.period_nouns),
            lower_is_better: word_set(&lex.lower_is_better),
            change_words: word_set(&lex.change_words),
            result_words: word_set(&lex.result_words),
            filler_words: word_set(&lex.filler_words),
            ..LexIndex::default()
        };
        for (kind, phrases) in &lex.lead {
            for phrase in phrases {
                add_phrase(&mut index.leads, phrase, *kind);
            }
        }
        for phrase in &lex.source_leads {
            add_phrase(&mut index.sources, phrase, ());
        }
        for (family, phrases) in &lex.survey_terms {
            for phrase in phrases {
                add_phrase(&mut index.surveys, phrase, family.clone());
            }
        }
        let bounds = &lex.bounds;
        for (bound, phrases) in [
            (Bound::AtLeast, &bounds.at_least),
            (Bound::AtMost, &bounds.at_most),
            (Bound::Level, &bounds.level),
        ] {
            for phrase in phrases {
                add_phrase(&mut index.bounds, phrase, bound);
            }
        }
        index
    }
}

/// The longest phrase of `map` at token `at`: its value and the index after it.
fn longest<'m, T>(map: &'m Phrases<T>, toks: &[Tok], at: usize) -> Option<(&'m T, usize)> {
    let first = toks.get(at)?;
    let mut best: Option<(&T, usize)> = None;
    for (rest, value) in map.get(first.lower().as_ref())? {
        let end = at + 1 + rest.len();
        if end <= toks.len()
            && rest.iter().zip(&toks[at + 1..end]).all(|(w, t)| t.is(w))
            && best.is_none_or(|(_, e)| end > e)
        {
            best = Some((value, end));
        }
    }
    best
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
        self.bounds.at_least.extend(later.bounds.at_least);
        self.bounds.at_most.extend(later.bounds.at_most);
        self.bounds.level.extend(later.bounds.level);
        self.filler_words.extend(later.filler_words);
        self.satuan.extend(later.satuan);
        self.index = OnceLock::new();
    }
}

fn in_set(set: &HashSet<String>, word: &str) -> bool {
    set.contains(crate::words::lower(word).as_ref())
}

impl Satuan {
    fn index(&self) -> &LexIndex {
        self.index.get_or_init(|| LexIndex::build(self))
    }

    pub fn is_count_noun(&self, word: &str) -> bool {
        in_set(&self.index().count_nouns, word)
    }

    pub fn is_period_noun(&self, word: &str) -> bool {
        in_set(&self.index().period_nouns, word)
    }

    pub fn is_result_word(&self, word: &str) -> bool {
        in_set(&self.index().result_words, word)
    }

    /// A word a formula may add around the indicator's own words without explaining anything (`yang`, `jumlah`).
    pub fn is_filler_word(&self, word: &str) -> bool {
        in_set(&self.index().filler_words, word)
    }

    /// The bound written right before token `at` (`minimal 80`, `≥ 80`, `Level 3`), with the index where its
    /// words start.
    pub fn bound_before(&self, toks: &[Tok], at: usize) -> Option<(Bound, usize)> {
        // Symbols first: `≥`, `>=`, `>`, `≤`, `<=`, `<`.
        let sym = |i: usize| toks.get(i).filter(|t| t.kind == TokKind::Sym);
        if at > 0
            && let Some(t) = sym(at - 1)
        {
            let (t, from) = match (t.text, at.checked_sub(2).and_then(sym)) {
                ("=", Some(op)) if op.text == ">" || op.text == "<" => (op, at - 2),
                _ => (t, at - 1),
            };
            match t.text {
                "≥" | ">" => return Some((Bound::AtLeast, from)),
                "≤" | "<" => return Some((Bound::AtMost, from)),
                _ => {}
            }
        }
        // Words: the longest phrase that ends right before `at`.
        (at.saturating_sub(4)..at).find_map(|from| {
            longest(&self.index().bounds, toks, from)
                .filter(|(_, end)| *end == at)
                .map(|(bound, _)| (*bound, from))
        })
    }

    fn is_lower_is_better(&self, word: &str) -> bool {
        in_set(&self.index().lower_is_better, word)
    }

    /// A word of a rate of change (`peningkatan`, `penurunan`).
    pub fn is_change_word(&self, word: &str) -> bool {
        in_set(&self.index().change_words, word)
    }

    /// The longest lead phrase at token `at`: its kind and the index after it.
    pub fn lead_at(&self, toks: &[Tok], at: usize) -> Option<(UnitKind, usize)> {
        longest(&self.index().leads, toks, at).map(|(kind, end)| (*kind, end))
    }

    pub fn source_lead_at(&self, toks: &[Tok], at: usize) -> Option<usize> {
        longest(&self.index().sources, toks, at).map(|(_, end)| end)
    }

    /// Which survey family (`ikm`, `sakip`) a text names, with the span of the words.
    pub fn survey_in(&self, text: &str) -> Option<(&str, Range<usize>)> {
        let toks = tokenize(text);
        (0..toks.len()).find_map(|at| {
            longest(&self.index().surveys, &toks, at)
                .map(|(family, end)| (family.as_str(), toks[at].start..toks[end - 1].end))
        })
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

impl<'a> Tok<'a> {
    /// True when the token is `word` (given in lowercase), ignoring case.
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word) || (!self.text.is_ascii() && self.text.to_lowercase() == word)
    }

    /// The token in lowercase (borrowed when it is written in lowercase).
    pub fn lower(&self) -> Cow<'a, str> {
        crate::words::lower(self.text)
    }

    pub fn is_sym(&self, c: char) -> bool {
        self.kind == TokKind::Sym && self.text.starts_with(c)
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The tokens of a unit, formula or target text. Unlike [`crate::words::words`], this keeps inner hyphens in a
/// word (`rata-rata`), splits letters from digits, reads `81,35` as one number and keeps each symbol as a token.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    // About one token in every five bytes: room for them all at once, rather than growing.
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let mut at = 0;
    while let Some(c) = char_at(at) {
        let start = at;
        let mut end = at + c.len_utf8();
        let kind = if c.is_whitespace() {
            at = end;
            continue;
        } else if c.is_alphabetic() {
            while let Some(d) = char_at(end) {
                let next_is_letter = || char_at(end + 1).is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || (d == '-' && next_is_letter()) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            TokKind::Word
        } else if c.is_ascii_digit() {
            while let Some(d) = char_at(end) {
                let next_is_digit = || char_at(end + 1).is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_digit() || ((d == '.' || d == ',') && next_is_digit()) {
                    end += 1;
                } else {
                    break;
                }
            }
            TokKind::Number
        } else {
            TokKind::Sym
        };
        toks.push(Tok {
            kind,
            text: &text[start..end],
            start,
            end,
        });
        at = end;
    }
    toks
}

/// The index after the run of number words (`dua puluh lima`) that starts at `from` (`from` itself when there
/// is none).
pub fn number_words_end(toks: &[Tok], from: usize) -> usize {
    let mut end = from;
    while toks
        .get(end)
        .is_some_and(|t| t.kind == TokKind::Word && crate::numwords::is_number_word(t.text))
    {
        end += 1;
    }
    end
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
    let uraian = indikator.uraian.as_ref();
    let toks = uraian.map(|u| tokenize(&u.value)).unwrap_or_default();
    unit_named(indikator, &Name::new(uraian, Cow::Owned(toks)), lex)
}

/// [`unit_of`] with the indicator's name already read (`name`, of its `uraian`).
pub fn unit_named(indikator: &Indikator, name: &Name, lex: &Satuan) -> Option<Unit> {
    let declared = indikator
        .satuan
        .as_ref()
        .and_then(|satuan| name.declared_unit(satuan, lex));
    declared.or_else(|| name.unit(lex))
}

/// An indicator's name (`uraian`, when it has one) with its tokens, read once for the unit it names and for its
/// direction.
pub struct Name<'a> {
    uraian: Option<&'a Text>,
    toks: Cow<'a, [Tok<'a>]>,
}

impl<'a> Name<'a> {
    /// The name `uraian`, split by [`tokenize`] into `toks` (none without a name).
    pub fn new(uraian: Option<&'a Text>, toks: Cow<'a, [Tok<'a>]>) -> Name<'a> {
        Name { uraian, toks }
    }

    /// The unit `satuan` declares for an indicator of this name, when the vocabulary knows it.
    pub fn declared_unit(&self, satuan: &Text, lex: &Satuan) -> Option<Unit> {
        let key = satuan.value.trim().to_lowercase();
        let kind = lex
            .satuan
            .get(&key)
            .copied()
            .or_else(|| (lex.is_count_noun(&key) || key == "kali").then_some(UnitKind::Count))?;
        let start = satuan.value.find(|c: char| !c.is_whitespace()).unwrap_or(0);
        let end = satuan.value.trim_end().len().max(start);
        Some(Unit {
            kind,
            source: UnitSource::Satuan,
            words: start..end,
            lower_is_better: kind == UnitKind::Duration || self.lower_is_better(lex),
            change: self.toks.iter().take(4).any(|t| lex.is_change_word(t.text)),
        })
    }

    /// The unit the first words of the name say, unless the name is itself a computation.
    pub fn unit(&self, lex: &Satuan) -> Option<Unit> {
        self.uraian?;
        let toks = &self.toks;
        let at = skip_list_number(toks);
        let (kind, end) = lex.lead_at(toks, at)?;
        if formula::computes(toks) {
            return None;
        }
        Some(Unit {
            kind,
            source: UnitSource::Uraian,
            words: toks[at].start..toks[end - 1].end,
            lower_is_better: lead_lower_is_better(toks, at, end, lex),
            change: toks.get(end).is_some_and(|t| lex.is_change_word(t.text)),
        })
    }

    /// Whether the name says that less is better.
    fn lower_is_better(&self, lex: &Satuan) -> bool {
        let at = skip_list_number(&self.toks);
        let end = lex.lead_at(&self.toks, at).map_or(at, |(_, e)| e);
        lead_lower_is_better(&self.toks, at, end, lex)
    }
}

fn lead_lower_is_better(toks: &[Tok], at: usize, end: usize, lex: &Satuan) -> bool {
    toks[at..(end + 1).min(toks.len())]
        .iter()
        .any(|t| lex.is_lower_is_better(t.text))
}
