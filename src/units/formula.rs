//! What a formula cell computes, read from the ways formulas are really written: Indonesian prose (`dibagi`,
//! `di bagi`, `berbanding`, `per jumlah …`, `dikali 100`, `dikalikan seratus persen`, `x 100%`, `X 100 %`),
//! symbols (`/`, `×`, `%`), LaTeX (`\frac{…}{…} \times 100`), subtraction for change rates (`tahun n-1 - n`),
//! a survey or evaluation result (`Hasil Survei …`), a bare count (`Jumlah …`), an enumeration (`1. … 2. …`), and
//! a target hiding in the cell (`Target 81,35`, `… = 100`, `81,35`).
//!
//! Every decision keeps the byte range (in the decoded value) of the words that made it, so that a diagnostic can
//! point at them.

use super::quantity::{self, QUnit};
use super::{Satuan, Tok, TokKind, UnitKind, skip_list_number, tokenize};
use std::fmt;
use std::ops::Range;

/// What a formula cell computes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A division multiplied by 100.
    Percent,
    /// A division, not multiplied.
    Ratio,
    /// A division multiplied by another constant (`× 25` converts an IKM average to 25–100).
    Scaled(f64),
    /// Multiplied by 100 with no division.
    Times100,
    /// A difference (`n-1 - n`) with no division.
    Change,
    /// The cell names a quantity and computes nothing: `Jumlah …` (a count), `Hasil Survei …` (a score),
    /// `Lamanya …` (a duration), `Persentase …` (a percent it does not compute).
    Named(UnitKind),
    /// A fixed value or target and nothing else: `Target 81,35`, `81,35`, `Kualitas 80%`.
    Value,
    /// A number with its noun: `5 (lima) dokumen`, `2500 orang/ tamu, 12 bulan`.
    CountValue,
    /// A numbered list of items without a quantity word.
    Enumeration,
    /// Only names a data source: `Data pengaduan masyarakat`.
    Source,
    /// Prose that says nothing recognisable about a quantity.
    Prose,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Percent => write!(f, "percent"),
            Kind::Ratio => write!(f, "ratio"),
            Kind::Scaled(k) => write!(f, "scaled ×{k}"),
            Kind::Times100 => write!(f, "×100 without division"),
            Kind::Change => write!(f, "change"),
            Kind::Named(unit) => write!(f, "named {}", unit.key()),
            Kind::Value => write!(f, "value"),
            Kind::CountValue => write!(f, "count value"),
            Kind::Enumeration => write!(f, "enumeration"),
            Kind::Source => write!(f, "source"),
            Kind::Prose => write!(f, "prose"),
        }
    }
}

/// A parsed formula cell. Ranges are byte ranges in the decoded text.
#[derive(Clone, Debug)]
pub struct Formula {
    pub kind: Kind,
    pub division: Option<Range<usize>>,
    /// The multiplication: its constant and the words from the operator to the constant (and `%`).
    pub multiplier: Option<(f64, Range<usize>)>,
    pub subtraction: Option<Range<usize>>,
    /// The leading words that name a quantity (`Jumlah`, `Hasil Survei`, `Lamanya`).
    pub lead: Option<(UnitKind, Range<usize>)>,
    /// A target or fixed result written in the cell: `Target 81,35`, `= 100`, a bare `81,35`, `80%`.
    pub fixed: Option<Range<usize>>,
    /// Ranges of the numbered item markers (`1.`, `2.`, …) in order.
    pub items: Vec<Range<usize>>,
}

impl Formula {
    /// True when the cell computes something from other numbers (a division or a multiplication by 100).
    pub fn computes(&self) -> bool {
        matches!(
            self.kind,
            Kind::Percent | Kind::Ratio | Kind::Scaled(_) | Kind::Times100
        )
    }

    /// The range that best shows what the formula computes, for a label.
    pub fn deciding_range(&self) -> Option<Range<usize>> {
        match self.kind {
            Kind::Percent | Kind::Scaled(_) => {
                let d = self.division.clone()?;
                let m = self.multiplier.as_ref()?.1.clone();
                Some(d.start.min(m.start)..d.end.max(m.end))
            }
            Kind::Ratio => self.division.clone(),
            Kind::Times100 => self.multiplier.as_ref().map(|m| m.1.clone()),
            Kind::Change => self.subtraction.clone(),
            Kind::Named(_) => self.lead.as_ref().map(|l| l.1.clone()),
            Kind::Value => self.fixed.clone(),
            _ => None,
        }
    }
}

/// Words after which a `/`, `per` or `terhadap` divides by a quantity.
const QUANTITY_WORDS: &[&str] = &[
    "jumlah",
    "banyaknya",
    "total",
    "seluruh",
    "keseluruhan",
    "target",
    "rencana",
    "pagu",
];

fn is_quantity_word(tok: Option<&Tok>) -> bool {
    tok.is_some_and(|t| t.kind == TokKind::Word && QUANTITY_WORDS.iter().any(|w| t.is(w)))
}

/// A single-letter variable or a bracketed term: `A`, `(B)`.
fn is_term(tok: Option<&Tok>) -> bool {
    tok.is_some_and(|t| (t.kind == TokKind::Word && t.text.chars().count() == 1) || t.is_sym('(') || t.is_sym(')'))
}

fn word_at(toks: &[Tok], i: usize, word: &str) -> bool {
    toks.get(i).is_some_and(|t| t.kind == TokKind::Word && t.is(word))
}

fn latex_command(toks: &[Tok], i: usize, names: &[&str]) -> bool {
    i > 0 && toks[i - 1].is_sym('\\') && toks[i - 1].end == toks[i].start && names.iter().any(|n| toks[i].is(n))
}

pub fn parse(text: &str, lex: &Satuan) -> Formula {
    let toks = tokenize(text);
    let division = find_division(&toks);
    let multiplier = find_multiplier(&toks);
    let subtraction = find_subtraction(&toks);
    let fixed_marker = find_fixed_marker(&toks);
    let items = quantity::numbered_items(text)
        .into_iter()
        .map(|item| item.marker)
        .collect::<Vec<_>>();

    let start = skip_list_number(&toks);
    let lead = lex
        .lead_at(&toks, start)
        .map(|(kind, end)| (kind, toks[start].start..toks[end - 1].end));
    let survey = find_survey(&toks);
    let source = lex.source_lead_at(&toks, start).is_some();

    let mut division = division;
    if division.is_none() && multiplier.as_ref().is_some_and(|m| m.0 == 100.0) {
        division = fallback_slash(&toks);
    }

    let times = multiplier.as_ref().map(|m| m.0);
    let mut fixed = fixed_marker;
    let kind = if division.is_some() {
        match times {
            Some(100.0) => Kind::Percent,
            Some(k) => Kind::Scaled(k),
            None => Kind::Ratio,
        }
    } else if times == Some(100.0) {
        Kind::Times100
    } else if subtraction.is_some() {
        Kind::Change
    } else if fixed.is_some() && lead.is_none() {
        Kind::Value
    } else if let Some((unit, _)) = &lead {
        if items.len() >= 2 && start > 0 {
            Kind::Enumeration
        } else {
            Kind::Named(*unit)
        }
    } else if survey.is_some() {
        Kind::Named(UnitKind::Score)
    } else if source {
        Kind::Source
    } else {
        match value_cell(text, &toks, lex) {
            Some((Kind::Value, range)) => {
                fixed = Some(range);
                Kind::Value
            }
            Some((kind, _)) => kind,
            None if items.len() >= 2 => Kind::Enumeration,
            None => Kind::Prose,
        }
    };
    let lead = lead.or_else(|| survey.map(|r| (UnitKind::Score, r)));
    Formula {
        kind,
        division,
        multiplier,
        subtraction,
        lead,
        fixed,
        items,
    }
}

fn find_division(toks: &[Tok]) -> Option<Range<usize>> {
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokKind::Word => {
                if t.is("dibagi") || t.is("berbanding") || t.is("dibandingkan") {
                    let end = if word_at(toks, i + 1, "dengan") { i + 1 } else { i };
                    return Some(t.start..toks[end].end);
                }
                if t.is("bagi") && i > 0 && toks[i - 1].is("di") {
                    return Some(toks[i - 1].start..t.end);
                }
                if (t.is("per") || t.is("terhadap"))
                    && (is_quantity_word(toks.get(i + 1))
                        || (t.is("per") && toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Number)))
                {
                    return Some(t.range());
                }
                if latex_command(toks, i, &["frac", "dfrac", "tfrac", "div"]) {
                    return Some(toks[i - 1].start..t.end);
                }
            }
            TokKind::Sym => {
                if t.is_sym('÷') {
                    return Some(t.range());
                }
                // `a : b` divides too, but only before a quantity word (`: 1. …` opens a list).
                if t.is_sym(':') && is_quantity_word(toks.get(i + 1)) && i > 0 {
                    return Some(t.range());
                }
                if t.is_sym('/')
                    && (is_quantity_word(toks.get(i + 1))
                        || (i > 0 && is_term(toks.get(i - 1)) && is_term(toks.get(i + 1))))
                {
                    return Some(t.range());
                }
            }
            TokKind::Number => {}
        }
    }
    None
}

/// With a `× 100` and no other division, a `/` is the division: prefer one with spaces on both sides.
fn fallback_slash(toks: &[Tok]) -> Option<Range<usize>> {
    let slashes: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].is_sym('/')).collect();
    let spaced = slashes
        .iter()
        .copied()
        .find(|&i| i > 0 && i + 1 < toks.len() && toks[i - 1].end < toks[i].start && toks[i].end < toks[i + 1].start);
    spaced.or(slashes.first().copied()).map(|i| toks[i].range())
}

/// `dikali 100`, `dikalikan seratus persen`, `x 100%`, `X 100 %`, `× 25`, `* 100`, `\times 100`.
fn find_multiplier(toks: &[Tok]) -> Option<(f64, Range<usize>)> {
    let mut found: Option<(f64, Range<usize>)> = None;
    for (i, t) in toks.iter().enumerate() {
        let is_operator = match t.kind {
            TokKind::Word => {
                t.is("dikali")
                    || t.is("dikalikan")
                    || t.is("kali")
                    || ((t.text == "x" || t.text == "X")
                        && (i == 0 || toks[i - 1].end < t.start || toks[i - 1].kind != TokKind::Word))
                    || latex_command(toks, i, &["times", "cdot"])
            }
            TokKind::Sym => t.is_sym('×') || t.is_sym('*') || t.is_sym('⋅') || t.is_sym('·'),
            TokKind::Number => false,
        };
        if !is_operator {
            continue;
        }
        let op_start = if latex_command(toks, i, &["times", "cdot"]) {
            toks[i - 1].start
        } else {
            t.start
        };
        let Some((value, mut end)) = number_at(toks, i + 1) else {
            continue;
        };
        if let Some(next) = toks.get(end)
            && (next.is_sym('%') || next.is("persen"))
        {
            end += 1;
        }
        let range = op_start..toks[end - 1].end;
        // The last multiplication decides (`… X 100%` at the end of a three-part formula is still × 100).
        if found.as_ref().is_none_or(|f| f.0 != 100.0 || value == 100.0) {
            found = Some((value, range));
        }
    }
    found
}

/// A number at `i`, in digits or in words; its value and the index after it.
fn number_at(toks: &[Tok], i: usize) -> Option<(f64, usize)> {
    let t = toks.get(i)?;
    if t.kind == TokKind::Number {
        return Some((quantity::parse_number(t.text)?, i + 1));
    }
    let end = super::number_words_end(toks, i);
    // The longest run of number words that reads as a number.
    for stop in (i + 1..=end).rev() {
        let words: Vec<&str> = toks[i..stop].iter().map(|t| t.text).collect();
        if let Some(n) = crate::numwords::parse(&words.join(" ")) {
            return Some((n as f64, stop));
        }
    }
    None
}

/// `dikurangi`, `selisih`, or a ` - ` between a number or a one-letter variable on each side (`n-1 - n`).
fn find_subtraction(toks: &[Tok]) -> Option<Range<usize>> {
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokKind::Word && (t.is("dikurangi") || t.is("dikurang") || t.is("selisih")) {
            return Some(t.range());
        }
        if (t.is_sym('-') || t.is_sym('−'))
            && i > 0
            && i + 1 < toks.len()
            && toks[i - 1].end < t.start
            && t.end < toks[i + 1].start
            && is_operand(&toks[i - 1])
            && is_operand(&toks[i + 1])
        {
            return Some(t.range());
        }
    }
    None
}

fn is_operand(t: &Tok) -> bool {
    t.kind == TokKind::Number || (t.kind == TokKind::Word && t.text.chars().count() == 1)
}

/// `Target 81,35`, `target: 80%`, `= 100`.
fn find_fixed_marker(toks: &[Tok]) -> Option<Range<usize>> {
    for (i, t) in toks.iter().enumerate() {
        let mut j = i + 1;
        let marker = if t.kind == TokKind::Word && t.is("target") {
            while toks.get(j).is_some_and(|n| n.is_sym(':') || n.is_sym('=')) {
                j += 1;
            }
            true
        } else {
            t.is_sym('=')
        };
        if !marker {
            continue;
        }
        if let Some(n) = toks.get(j)
            && n.kind == TokKind::Number
        {
            let mut end = j + 1;
            if toks.get(end).is_some_and(|p| p.is_sym('%') || p.is("persen")) {
                end += 1;
            }
            return Some(t.start..toks[end - 1].end);
        }
    }
    None
}

/// `Hasil Survei …`, `Hasil evaluasi …`, `Hasil penilaian …` anywhere in the cell.
fn find_survey(toks: &[Tok]) -> Option<Range<usize>> {
    toks.windows(2).find_map(|w| {
        (w[0].is("hasil")
            && ["survei", "survey", "evaluasi", "penilaian", "pengukuran"]
                .iter()
                .any(|s| w[1].is(s)))
        .then(|| w[0].start..w[1].end)
    })
}

/// A short cell made of numbers: a percent or a bare number (a fixed value), or numbers with nouns (a count).
fn value_cell(text: &str, toks: &[Tok], lex: &Satuan) -> Option<(Kind, Range<usize>)> {
    let quantities = quantity::quantities(text, lex);
    let first = quantities.first()?;
    let words = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word && !crate::numwords::is_number_word(t.text))
        .count();
    if let Some(percent) = quantities.iter().find(|q| q.unit == QUnit::Percent)
        && words <= 8
    {
        return Some((Kind::Value, percent.span.clone()));
    }
    if words == 0 {
        return Some((Kind::Value, first.span.clone()));
    }
    if quantities
        .iter()
        .any(|q| matches!(q.unit, QUnit::Count(_) | QUnit::Period(_)))
        && toks.first().is_some_and(|t| t.kind == TokKind::Number)
    {
        return Some((Kind::CountValue, first.span.clone()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Data;

    /// Kind and the text of the deciding words.
    fn read(text: &str) -> (String, String) {
        let data = Data::builtin();
        let f = parse(text, &data.table::<Satuan>());
        let decided = f.deciding_range().map_or(String::new(), |r| text[r].to_string());
        (f.kind.to_string(), decided)
    }

    #[test]
    fn kinds_with_the_words_that_decide_them() {
        let cases = [
            (
                "Jumlah A di bagi Jumlah B dikali 100",
                "percent",
                "di bagi Jumlah B dikali 100",
            ),
            (
                "A berbanding dengan B X 100 %",
                "percent",
                "berbanding dengan B X 100 %",
            ),
            (
                "Jumlah A dibagi jumlah B dikalikan seratus persen",
                "percent",
                "dibagi jumlah B dikalikan seratus persen",
            ),
            (r"$\frac{A}{B} \times 100$", "percent", r"\frac{A}{B} \times 100"),
            ("(A) dibagi (B)", "ratio", "dibagi"),
            ("Jumlah A per jumlah B", "ratio", "per"),
            (
                "Jumlah nilai dibagi jumlah unsur dikali 25",
                "scaled ×25",
                "dibagi jumlah unsur dikali 25",
            ),
            ("Jumlah A x100%", "×100 without division", "x100%"),
            ("Jumlah kasus tahun n-1 - n", "change", "-"),
            ("Hasil Survei Kepuasan Masyarakat", "named score", "Hasil Survei"),
            ("Hasil evaluasi Tim Evaluator", "named score", "Hasil evaluasi"),
            ("Lamanya waktu penyusunan", "named duration", "Lamanya"),
            ("Jumlah laporan per triwulan", "named count", "Jumlah"),
            ("Target 81,35", "value", "Target 81,35"),
            ("Jumlah A dibagi B X 100% = 100", "percent", "dibagi B X 100%"),
            ("81,35", "value", "81,35"),
            ("2500 orang/ tamu, 12 bulan", "count value", ""),
            ("Data register surat", "source", ""),
            ("Patroli harian", "prose", ""),
        ];
        for (text, kind, decided) in cases {
            assert_eq!(read(text), (kind.to_string(), decided.to_string()), "{text}");
        }
    }
}
