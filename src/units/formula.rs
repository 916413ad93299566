//! What a formula cell computes, read from the ways formulas are really written: Indonesian prose (`dibagi`,
//! `di bagi`, `berbanding`, `per jumlah …`, `dikali 100`, `dikalikan seratus persen`, `x 100%`, `X 100 %`),
//! symbols (`/`, `×`, `%`), LaTeX (`\frac{…}{…} \times 100`), subtraction for change rates (`tahun n-1 - n`),
//! a survey or evaluation result (`Hasil Survei …`), a bare count (`Jumlah …`), an enumeration (`1. … 2. …`), and
//! a target hiding in the cell (`Target 81,35`, `… = 100`, `81,35`).
//!
//! Every decision keeps the byte range (in the decoded value) of the words that made it, so that a diagnostic can
//! point at them.

use super::quantity::{self, QUnit};
use super::{Bound, Satuan, Tok, TokKind, UnitKind, skip_list_number, tokenize};
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
    /// A number with its noun: `5 (lima) dokumen: 1. … 5. …`, `2500 orang/ tamu, 12 bulan`. When the cell holds
    /// nothing but quantities, they are its `fixed` value (a target in the formula column); a count followed by
    /// the numbered list of what it counts explains itself and has none.
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
    /// A target or fixed result written in the cell: `Target 81,35`, `= 100`, a bare `81,35`, `80%`, a cell of
    /// quantities only (`2500 orang/ tamu, 12 bulan`), or a value closing an explanation (`… x 100%, 85%`).
    pub fixed: Option<Range<usize>>,
    /// True when `fixed` is a percent or score written at the end of an otherwise explanatory cell.
    pub closing: bool,
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

/// Signs of a sum, written before a quantity as a word would be: `Ʃ A / Ʃ B`.
const SUM_SIGNS: &[&str] = &["Ʃ", "Σ", "∑"];

fn is_quantity_word(tok: Option<&Tok>) -> bool {
    tok.is_some_and(|t| {
        (t.kind == TokKind::Word && QUANTITY_WORDS.iter().any(|w| t.is(w))) || SUM_SIGNS.contains(&t.text)
    })
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
    parse_tokens(text, &tokenize(text), lex)
}

/// [`parse`] of `text` already split by [`tokenize`] into `toks`.
pub fn parse_tokens(text: &str, toks: &[Tok], lex: &Satuan) -> Formula {
    let division = find_division(toks);
    let multiplier = find_multiplier(toks);
    let subtraction = find_subtraction(toks);
    let fixed_marker = find_fixed_marker(toks, lex);
    let items = quantity::numbered_items_from(toks, 0)
        .into_iter()
        .map(|item| item.marker)
        .collect::<Vec<_>>();

    let start = skip_list_number(toks);
    let lead = lex
        .lead_at(toks, start)
        .map(|(kind, end)| (kind, toks[start].start..toks[end - 1].end));
    let survey = find_survey(toks);
    let source = lex.source_lead_at(toks, start).is_some();

    let mut division = division;
    if division.is_none() && multiplier.as_ref().is_some_and(|m| m.0 == 100.0) {
        division = fallback_slash(toks);
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
        match value_cell(text, toks, lex) {
            Some((kind, range)) => {
                fixed = range;
                kind
            }
            None if items.len() >= 2 => Kind::Enumeration,
            None => Kind::Prose,
        }
    };
    let mut closing = false;
    if fixed.is_none()
        && !matches!(kind, Kind::Value | Kind::CountValue)
        && let Some(range) = closing_value(text, toks, lex, multiplier.as_ref().map(|m| &m.1))
    {
        fixed = Some(range);
        closing = true;
    }
    let lead = lead.or_else(|| survey.map(|r| (UnitKind::Score, r)));
    Formula {
        kind,
        division,
        multiplier,
        subtraction,
        lead,
        fixed,
        closing,
        items,
    }
}

/// Whether a text split into `toks` computes something: [`Formula::computes`] of its [`parse`], without reading
/// what else the text says. A formula computes with a division, or a multiplication by 100 (alone, or with a
/// division found only then); no other reading gives a computing kind.
pub fn computes(toks: &[Tok]) -> bool {
    find_division(toks).is_some() || find_multiplier(toks).is_some_and(|m| m.0 == 100.0)
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

/// True when token `i` is a multiplication operator: `dikali`, `dikalikan`, `kali`, a lone `x`/`X`, `×`, `*`, `⋅`,
/// `·`, `\times`, `\cdot`.
fn is_times(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    match t.kind {
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
    }
}

/// `dikali 100`, `dikalikan seratus persen`, `x 100%`, `X 100 %`, `× 25`, `* 100`, `\times 100`.
fn find_multiplier(toks: &[Tok]) -> Option<(f64, Range<usize>)> {
    let mut found: Option<(f64, Range<usize>)> = None;
    for (i, t) in toks.iter().enumerate() {
        if !is_times(toks, i) {
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

/// The two quantities a division compares, in plain words: what is written before the division (after its
/// `Jumlah`) and after it up to the next multiplication. `None` for a side that is not plain words (LaTeX,
/// variables such as `A`) or that is empty.
pub fn division_operands(text: &str, division: &Range<usize>) -> (Option<String>, Option<String>) {
    let toks = tokenize(text);
    let at = toks
        .iter()
        .position(|t| t.start >= division.start)
        .unwrap_or(toks.len());
    let after = toks.iter().position(|t| t.start >= division.end).unwrap_or(toks.len());
    let stop = (after..toks.len()).find(|&i| is_times(&toks, i)).unwrap_or(toks.len());
    let start = skip_list_number(&toks);
    (
        plain_operand(text, &toks[start.min(at)..at]),
        plain_operand(text, &toks[after..stop]),
    )
}

/// The words of one side of a division without its leading `Jumlah`/`Banyaknya`/`Total`/`Ʃ`, when they are
/// words.
fn plain_operand(text: &str, toks: &[Tok]) -> Option<String> {
    let leading = |t: &Tok| {
        SUM_SIGNS.contains(&t.text)
            || (t.kind == TokKind::Word && ["jumlah", "banyaknya", "total"].iter().any(|w| t.is(w)))
    };
    let from = toks.iter().position(|t| !leading(t))?;
    let toks = &toks[from..];
    let words = toks.iter().filter(|t| t.kind == TokKind::Word).count();
    let plain = toks.iter().all(|t| {
        t.kind == TokKind::Word || (t.kind == TokKind::Sym && "/&,.()-".contains(t.text)) || t.kind == TokKind::Number
    });
    // A one-letter variable (`A`, `n`) is not a name.
    if !plain || words < 2 {
        return None;
    }
    let phrase = text[toks[0].start..toks[toks.len() - 1].end].trim_end_matches([',', '.', '(', '-', '/']);
    Some(crate::words::shorten(phrase, 50))
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

/// `Target 81,35`, `target: 80%`, `= 100`. An `=` gives a result only once in a cell that is not a grading
/// scale: `< 0,3 = rendah`, `A = 88,31 - 100`, `1 = kurang, 2 = cukup` and a variable's definition (`n = 30`) are
/// not results.
fn find_fixed_marker(toks: &[Tok], lex: &Satuan) -> Option<Range<usize>> {
    let mut results = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let mut j = i + 1;
        let target = t.kind == TokKind::Word && t.is("target");
        if target {
            while toks.get(j).is_some_and(|n| n.is_sym(':') || n.is_sym('=')) {
                j += 1;
            }
        } else if !t.is_sym('=') || is_comparison(toks, i) {
            continue;
        }
        if !toks.get(j).is_some_and(|n| n.kind == TokKind::Number) {
            continue;
        }
        let mut end = j + 1;
        if toks.get(end).is_some_and(|p| p.is_sym('%') || p.is("persen")) {
            end += 1;
        }
        let range = t.start..toks[end - 1].end;
        if target {
            return Some(range);
        }
        let variable = i > 0 && toks[i - 1].kind == TokKind::Word && toks[i - 1].text.chars().count() == 1;
        let ranged = toks.get(end).is_some_and(|d| d.is_sym('-') || d.is_sym('–'))
            && toks.get(end + 1).is_some_and(|m| m.kind == TokKind::Number);
        results.push((range, variable || ranged));
    }
    let scale = results.len() > 1 || is_scale(toks, lex);
    match results.as_slice() {
        [(range, false)] if !scale => Some(range.clone()),
        _ => None,
    }
}

/// True when the `=` at `i` belongs to `>=` or `<=`.
fn is_comparison(toks: &[Tok], i: usize) -> bool {
    i > 0 && (toks[i - 1].is_sym('<') || toks[i - 1].is_sym('>')) && toks[i - 1].end == toks[i].start
}

/// A grading scale: thresholds with their labels (`< 0,3 = rendah; 0,3 - 0,7 = sedang; > 0,7 = tinggi`), or a
/// stated scale (`skala 1-4`). Values in such a cell are its grades, not a target.
fn is_scale(toks: &[Tok], lex: &Satuan) -> bool {
    let mut bounds = 0;
    for i in 0..toks.len() {
        if toks[i].kind != TokKind::Number {
            continue;
        }
        match lex.bound_before(toks, i) {
            Some((Bound::Level | Bound::AtMost, _)) => return true,
            Some((Bound::AtLeast, _)) => bounds += 1,
            _ => {}
        }
        let ranged = toks.get(i + 1).is_some_and(|d| d.is_sym('-') || d.is_sym('–'))
            && toks.get(i + 2).is_some_and(|m| m.kind == TokKind::Number);
        if ranged {
            return true;
        }
    }
    bounds > 1
}

/// Words and symbols after which a number is an operand of the computation or a reference, not a value.
const OPERAND_WORDS: &[&str] = &[
    "dibagi",
    "bagi",
    "dikali",
    "dikalikan",
    "kali",
    "per",
    "berbanding",
    "terhadap",
    "dengan",
    "x",
    "tahun",
    "nomor",
    "no",
    "pasal",
    "ayat",
    "pukul",
    "jam",
];

/// A percent or a decimal score written at the end of an otherwise explanatory cell (`… x 100%, 85%`,
/// `Hasil survei kepuasan masyarakat 81,35`, `… x 100% ≥ 85%`): the target closing the formula. Not a number of the
/// computation (`dikali 100%`, `/ 3`), a reference (`Nomor 14 Tahun 2017`), a whole number (a year, a count),
/// a range or a grading scale.
fn closing_value(text: &str, toks: &[Tok], lex: &Satuan, multiplier: Option<&Range<usize>>) -> Option<Range<usize>> {
    let last = quantity::quantities(text, lex).pop()?;
    let numeral = &text[last.numeral.clone()];
    let decimal = numeral.contains(',') || quantity::decimal_point_form(numeral).is_some();
    let value_like = last.unit == QUnit::Percent || (last.unit == QUnit::Plain && decimal);
    if !value_like || last.upper.is_some() || !matches!(last.bound, Bound::Exact | Bound::AtLeast) {
        return None;
    }
    if multiplier.is_some_and(|m| m.start < last.span.end && last.span.start < m.end) {
        return None;
    }
    // Nothing after it but closing punctuation.
    let after = toks.iter().filter(|t| t.start >= last.span.end);
    if !after
        .into_iter()
        .all(|t| t.kind == TokKind::Sym && ".,;)".contains(t.text))
    {
        return None;
    }
    let at = toks.iter().position(|t| t.start == last.numeral.start)?;
    let from = lex.bound_before(toks, at).map_or(at, |(_, from)| from);
    let before = toks[..from].last()?;
    let operand = match before.kind {
        // The constant of the multiplication may come right before it (`dikali 100 minimal 85 %`).
        TokKind::Number => multiplier.is_none_or(|m| before.end != m.end),
        TokKind::Word => OPERAND_WORDS.iter().any(|w| before.is(w)),
        TokKind::Sym => !",;:(.%)".contains(before.text),
    };
    let words = toks[..from].iter().filter(|t| t.kind == TokKind::Word).count();
    if operand || words < 3 || is_scale(toks, lex) {
        return None;
    }
    Some(toks[from].start..last.span.end)
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

/// Words that join the quantities of a cell (`2500 orang/ tamu, 12 bulan`, `89 RW dan 675 RT`).
const JOINING_WORDS: &[&str] = &["dan", "atau", "per", "setiap", "tiap", "selama", "x"];

/// Most words besides numbers, count nouns and periods in a cell that still holds only quantities
/// (`3 (tiga) dokumen keuangan`, `12 laporan bulanan`).
const QUANTITY_CELL_OTHER_WORDS: usize = 2;

/// A short cell made of numbers: a percent or a bare number (a fixed value), or numbers with nouns (a count). The
/// range is the value the cell holds in place of a formula: the percent, the number, or all the quantities of a
/// cell made of quantities only.
fn value_cell(text: &str, toks: &[Tok], lex: &Satuan) -> Option<(Kind, Option<Range<usize>>)> {
    let quantities = quantity::quantities(text, lex);
    let first = quantities.first()?;
    let words = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word && !crate::numwords::is_number_word(t.text))
        .count();
    if let Some(percent) = quantities.iter().find(|q| q.unit == QUnit::Percent)
        && words <= 8
    {
        return Some((Kind::Value, Some(percent.span.clone())));
    }
    if words == 0 {
        return Some((Kind::Value, Some(first.span.clone())));
    }
    if quantities
        .iter()
        .any(|q| matches!(q.unit, QUnit::Count(_) | QUnit::Period(_)))
        && toks.first().is_some_and(|t| t.kind == TokKind::Number)
    {
        // A count followed by the numbered list of what it counts explains itself (U005 checks the list).
        let listed = !quantity::numbered_items(text).is_empty();
        let other = toks
            .iter()
            .filter(|t| {
                t.kind == TokKind::Word
                    && !crate::numwords::is_number_word(t.text)
                    && !lex.is_count_noun(t.text)
                    && !lex.is_period_noun(t.text)
                    && !JOINING_WORDS.iter().any(|w| t.is(w))
            })
            .count();
        let only_quantities = !listed && other <= QUANTITY_CELL_OTHER_WORDS;
        let end = toks
            .iter()
            .rev()
            .find(|t| t.kind != TokKind::Sym)
            .map_or(first.span.end, |t| t.end);
        let range = only_quantities.then_some(first.span.start..end);
        return Some((Kind::CountValue, range));
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
    fn computes_says_what_the_whole_reading_says() {
        let data = Data::builtin();
        let lex = data.table::<Satuan>();
        let mut texts: Vec<String> = [
            "Jumlah A dibagi jumlah B",
            "A / B x 100%",
            "Persentase A / B",
            "Nilai X 100",
            "jumlah dokumen x 25",
            "Jumlah laporan yang disusun",
            "1. Persentase capaian",
            "80%",
        ]
        .map(String::from)
        .to_vec();
        for example in ["contoh-bersih-2024.yaml", "masama-2020.yaml", "tanjung-redeb-2022.yaml"] {
            let source = std::fs::read_to_string(format!("{}/examples/{example}", env!("CARGO_MANIFEST_DIR")))
                .expect("the example reads");
            let document = crate::typed::read(&source, crate::source::FileId(0))
                .or_else(|| {
                    let root = crate::yaml::parse(&source).ok()??;
                    Some(crate::schema::read_document(
                        crate::source::FileId(0),
                        &source,
                        &root,
                        &mut Vec::new(),
                    ))
                })
                .expect("the example is a document");
            texts.extend(document.texts().into_iter().map(|(_, text)| text.value.to_string()));
        }
        let mut computing = 0;
        for text in &texts {
            let whole = parse(text, &lex).computes();
            assert_eq!(computes(&tokenize(text)), whole, "{text}");
            computing += usize::from(whole);
        }
        // Both answers are met, in many texts.
        assert!(
            computing >= 10 && computing + 10 <= texts.len(),
            "{computing} of {}",
            texts.len()
        );
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
