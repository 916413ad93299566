//! Numbers and quantities as written in IKI cells: decimal commas (`81,35`, `75,5%`), thousands dots (`2.500`),
//! percents and ranges (`80%`, `80-90%`, `100 %`), counts with nouns and words (`5 (lima) dokumen`,
//! `2500 orang/ tamu, 12 bulan`), and numbered lists (`1. … 2. …`). Ranges are byte ranges in the decoded text.

use super::{Bound, Satuan, Tok, TokKind, tokenize};
use std::ops::Range;

/// The value of a number written the Indonesian way: `81,35` → 81.35, `2.500` → 2500, `1.000.000,5`.
/// A single dot not followed by exactly three digits is a decimal point (`3.5`).
pub fn parse_number(text: &str) -> Option<f64> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let normalized = if let Some(comma) = text.rfind(',') {
        let (int, frac) = text.split_at(comma);
        if frac[1..].contains('.') || int.contains(',') {
            return None;
        }
        format!("{}.{}", int.replace('.', ""), &frac[1..])
    } else {
        let groups: Vec<&str> = text.split('.').collect();
        if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) && !groups[0].is_empty() {
            groups.concat()
        } else if groups.len() <= 2 {
            text.to_string()
        } else {
            return None;
        }
    };
    normalized.parse::<f64>().ok()
}

/// The comma form of a number written with a decimal point (`76.61` → `76,61`, `3.0644` → `3,0644`): one dot,
/// no comma, and not exactly three digits after the dot (`2.500` is two thousand five hundred). `None` for any
/// other number.
pub fn decimal_point_form(text: &str) -> Option<String> {
    let (int, frac) = text.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (digits(int) && digits(frac) && frac.len() != 3).then(|| format!("{int},{frac}"))
}

/// The unit written after a number.
#[derive(Clone, Debug, PartialEq)]
pub enum QUnit {
    Percent,
    /// A count noun: `dokumen`, `orang`.
    Count(String),
    /// A time span: `12 bulan`.
    Period(String),
    /// Nothing recognisable.
    Plain,
}

/// A number written in a cell.
#[derive(Clone, Debug)]
pub struct Quantity {
    pub value: f64,
    /// The upper bound of a range (`80-90%`).
    pub upper: Option<f64>,
    pub unit: QUnit,
    /// From the number to its unit.
    pub span: Range<usize>,
    /// Just the numeral.
    pub numeral: Range<usize>,
    /// What the words before it make of it: `minimal 80`, `≥ 80`, `Level 3`.
    pub bound: Bound,
}

/// True when the number token at `i` is a list marker (`1. `): digits, a dot right after, then a space.
fn is_marker(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    t.kind == TokKind::Number
        && t.text.len() <= 2
        && t.text.chars().all(|c| c.is_ascii_digit())
        && toks
            .get(i + 1)
            .is_some_and(|d| d.is_sym('.') && d.start == t.end && toks.get(i + 2).is_none_or(|n| n.start > d.end))
        && (i == 0 || toks[i - 1].end < t.start)
}

/// A numbered item marker of a list.
#[derive(Clone, Debug)]
pub struct Item {
    pub number: u64,
    /// The digits and the dot.
    pub marker: Range<usize>,
}

/// The numbered items `1.`, `2.`, … in order; a marker counts only when it is the next number of the list.
pub fn numbered_items(text: &str) -> Vec<Item> {
    numbered_items_from(&tokenize(text), 0)
}

/// Numbered items starting at token `from`.
pub fn numbered_items_from(toks: &[Tok], from: usize) -> Vec<Item> {
    let mut items = Vec::new();
    for i in from..toks.len() {
        if !is_marker(toks, i) {
            continue;
        }
        let Ok(n) = toks[i].text.parse::<u64>() else { continue };
        if n == items.len() as u64 + 1 {
            items.push(Item {
                number: n,
                marker: toks[i].start..toks[i + 1].end,
            });
        }
    }
    items
}

/// The kind of a list marker: `1.`/`1)` or `a.`/`a)` (either case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    Number,
    Letter,
}

/// A list marker anywhere in a text: a number of one or two digits, or a single letter, right before `.` or `)`,
/// after a space (or at the start) and before a space (or at the end).
#[derive(Clone, Debug)]
pub struct Marker {
    pub kind: MarkerKind,
    /// 1 for `1.` and for `a.`.
    pub value: u64,
    /// The number or letter and its `.`/`)`.
    pub range: Range<usize>,
    /// The token index of the number or letter.
    pub at: usize,
    /// `)` or `.`.
    pub close: char,
    pub upper: bool,
}

impl Marker {
    /// How the marker of `value` in this list is written: `3.`, `c)`, `C.`.
    pub fn written(&self, value: u64) -> String {
        match self.kind {
            MarkerKind::Number => format!("{value}{}", self.close),
            MarkerKind::Letter => {
                let letter = char::from(b'a' + (value.clamp(1, 26) - 1) as u8);
                let letter = if self.upper {
                    letter.to_ascii_uppercase()
                } else {
                    letter
                };
                format!("{letter}{}", self.close)
            }
        }
    }
}

/// Every list marker of a text, in order.
pub fn list_markers(toks: &[Tok]) -> Vec<Marker> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(close) = toks
            .get(i + 1)
            .filter(|d| (d.is_sym('.') || d.is_sym(')')) && d.start == t.end)
        else {
            continue;
        };
        let spaced_before = i == 0 || toks[i - 1].end < t.start;
        let spaced_after = toks.get(i + 2).is_none_or(|n| n.start > close.end);
        if !spaced_before || !spaced_after {
            continue;
        }
        let (kind, value, upper) = match t.kind {
            TokKind::Number if t.text.len() <= 2 && t.text.chars().all(|c| c.is_ascii_digit()) => {
                let Ok(n) = t.text.parse::<u64>() else { continue };
                (MarkerKind::Number, n, false)
            }
            TokKind::Word if t.text.len() == 1 && t.text.chars().all(|c| c.is_ascii_alphabetic()) => {
                let c = t.text.as_bytes()[0];
                (
                    MarkerKind::Letter,
                    u64::from(c.to_ascii_lowercase() - b'a' + 1),
                    c.is_ascii_uppercase(),
                )
            }
            _ => continue,
        };
        out.push(Marker {
            kind,
            value,
            range: t.start..close.end,
            at: i,
            close: if close.is_sym(')') { ')' } else { '.' },
            upper,
        });
    }
    out
}

/// Every number of the text with what follows it.
pub fn quantities(text: &str, lex: &Satuan) -> Vec<Quantity> {
    quantities_in(&tokenize(text), lex)
}

/// [`quantities`] of a text already split by [`tokenize`].
pub fn quantities_in(toks: &[Tok], lex: &Satuan) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind != TokKind::Number || is_marker(toks, i) {
            i += 1;
            continue;
        }
        let Some(value) = parse_number(t.text) else {
            i += 1;
            continue;
        };
        // A sign right before the digits (`-5%`), not a range or a dash between words.
        let negative = i > 0
            && (toks[i - 1].is_sym('-') || toks[i - 1].is_sym('−'))
            && toks[i - 1].end == t.start
            && (i == 1 || toks[i - 2].end < toks[i - 1].start);
        let value = if negative { -value } else { value };
        let mut j = i + 1;
        let mut upper = None;
        // A range: `80-90%`, `80 - 90 %`, `80 s.d. 90`.
        if toks.get(j).is_some_and(|d| d.is_sym('-') || d.is_sym('–'))
            && let Some(n) = toks.get(j + 1).filter(|n| n.kind == TokKind::Number)
            && let Some(v) = parse_number(n.text)
        {
            upper = Some(v);
            j += 2;
        }
        let after_range = j;
        // Words in brackets after the numeral: `5 (lima)`.
        if toks.get(j).is_some_and(|p| p.is_sym('(')) {
            let mut k = j + 1;
            while toks.get(k).is_some_and(|w| w.kind == TokKind::Word) {
                k += 1;
            }
            if k > j + 1 && toks.get(k).is_some_and(|p| p.is_sym(')')) {
                j = k + 1;
            }
        }
        let (unit, end) = match toks.get(j) {
            Some(p) if p.is_sym('%') || p.is("persen") => (QUnit::Percent, j + 1),
            Some(w) if w.kind == TokKind::Word && lex.is_period_noun(w.text) => {
                (QUnit::Period(w.text.to_lowercase()), j + 1)
            }
            Some(w) if w.kind == TokKind::Word && lex.is_count_noun(w.text) => {
                (QUnit::Count(w.text.to_lowercase()), j + 1)
            }
            // A plain range (`70-80`) is one quantity.
            _ => (QUnit::Plain, after_range),
        };
        out.push(Quantity {
            value,
            upper,
            unit,
            span: t.start..toks[end.max(i + 1) - 1].end.max(t.end),
            numeral: t.range(),
            bound: lex.bound_before(toks, i).map_or(Bound::Exact, |(bound, _)| bound),
        });
        i = end.max(i + 1);
    }
    out
}

/// A numeral followed by its words in brackets: `5 (lima)`, `29 (dua puluh sembilan)`.
#[derive(Clone, Debug)]
pub struct NumeralWords {
    pub numeral: u64,
    pub numeral_range: Range<usize>,
    /// The value of the words; `None` when they are number words that do not form a number (`dua tiga`).
    pub words_value: Option<u64>,
    /// The words inside the brackets.
    pub words_range: Range<usize>,
    /// The index of the token after the closing bracket.
    pub after: usize,
}

/// Every numeral with number words in brackets after it. Brackets holding other words are ignored.
pub fn numeral_words(toks: &[Tok]) -> Vec<NumeralWords> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let t = &toks[i];
        if t.kind != TokKind::Number || !t.text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let Ok(numeral) = t.text.parse::<u64>() else { continue };
        if !toks.get(i + 1).is_some_and(|p| p.is_sym('(')) {
            continue;
        }
        let k = super::number_words_end(toks, i + 2);
        if k == i + 2 || !toks.get(k).is_some_and(|p| p.is_sym(')')) {
            continue;
        }
        let words: Vec<&str> = toks[i + 2..k].iter().map(|w| w.text).collect();
        out.push(NumeralWords {
            numeral,
            numeral_range: t.range(),
            words_value: crate::numwords::parse(&words.join(" ")),
            words_range: toks[i + 2].start..toks[k - 1].end,
            after: k + 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_decimal_commas_and_thousands_dots() {
        assert_eq!(parse_number("81,35"), Some(81.35));
        assert_eq!(parse_number("75,5"), Some(75.5));
        assert_eq!(parse_number("2.500"), Some(2500.0));
        assert_eq!(parse_number("1.000.000"), Some(1_000_000.0));
        assert_eq!(parse_number("1.250,75"), Some(1250.75));
        assert_eq!(parse_number("3.5"), Some(3.5));
        assert_eq!(parse_number("100"), Some(100.0));
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("1.2.3"), None);
    }

    #[test]
    fn decimal_points_and_their_comma_form() {
        assert_eq!(decimal_point_form("76.61").as_deref(), Some("76,61"));
        assert_eq!(decimal_point_form("3.0644").as_deref(), Some("3,0644"));
        assert_eq!(decimal_point_form("2.500"), None);
        assert_eq!(decimal_point_form("1.000.000"), None);
        assert_eq!(decimal_point_form("81,35"), None);
        assert_eq!(decimal_point_form("80"), None);
    }

    #[test]
    fn bounds_and_levels_before_a_number() {
        let data = crate::data::Data::builtin();
        let lex = data.table::<Satuan>();
        let bound = |text: &str| quantities(text, &lex).first().map(|q| q.bound);
        assert_eq!(bound("minimal 80"), Some(Bound::AtLeast));
        assert_eq!(bound("sekurang-kurangnya 75 orang"), Some(Bound::AtLeast));
        assert_eq!(bound("≥ 80"), Some(Bound::AtLeast));
        assert_eq!(bound(">= 80%"), Some(Bound::AtLeast));
        assert_eq!(bound("< 0,3 = rendah"), Some(Bound::AtMost));
        assert_eq!(bound("paling lama 3 hari"), Some(Bound::AtMost));
        assert_eq!(bound("Level 3"), Some(Bound::Level));
        assert_eq!(bound("80-90"), Some(Bound::Exact));
        assert_eq!(bound("Target 81,35"), Some(Bound::Exact));
    }

    #[test]
    fn items_must_follow_in_order() {
        let items = numbered_items("5 (lima) dokumen : 1. A 2. B 3. C 4. D dan 5. E");
        assert_eq!(items.len(), 5);
        assert!(numbered_items("2. Persentase PKK").is_empty());
        assert_eq!(numbered_items("1. a; 3. b").len(), 1);
    }
}
