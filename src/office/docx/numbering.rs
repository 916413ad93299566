//! Word's automatic list numbers (`word/numbering.xml`): a paragraph names a list (`numId`) and a level
//! (`ilvl`); the level says how its number looks (`%1.`, `%1.%2)`, a bullet) and in which format each counter is
//! written. The displayed label is what the reader puts before the paragraph's text.

use super::super::ReadError;
use super::super::package::Bounded;
use super::super::xml::{Item, Space, attribute, number_attribute, walk};
use std::collections::HashMap;
use std::io::Read;

const LEVELS: usize = 9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

#[derive(Clone, Debug)]
struct Level {
    format: Format,
    text: String,
    start: u32,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            format: Format::Decimal,
            text: String::new(),
            start: 1,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct List {
    abstract_id: u32,
    start_overrides: HashMap<usize, u32>,
}

/// The list definitions of a document, and the counters as its paragraphs are read in order.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    lists: HashMap<u32, List>,
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
}

impl Numbering {
    pub fn parse<R: Read>(source: Bounded<R>, name: &str) -> Result<Self, ReadError> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<usize> = None;
        let mut list: Option<(u32, List)> = None;
        let mut override_level: Option<usize> = None;
        walk(source, name, |_, item| {
            match item {
                Item::Open(Space::Word, e) => match e.local_name().as_ref() {
                    "abstractNum" => {
                        let id = number_attribute(e, "abstractNumId").unwrap_or(u32::MAX);
                        numbering.abstracts.insert(id, vec![Level::default(); LEVELS]);
                        abstract_id = Some(id);
                    }
                    "lvl" if abstract_id.is_some() => level = level_index(e),
                    "numFmt" => {
                        if let Some(l) = current_level(&mut numbering, abstract_id, level) {
                            l.format = format_of(attribute(e, "val").as_deref());
                        }
                    }
                    "lvlText" => {
                        if let Some(l) = current_level(&mut numbering, abstract_id, level) {
                            l.text = attribute(e, "val").unwrap_or_default();
                        }
                    }
                    "start" => {
                        if let Some(l) = current_level(&mut numbering, abstract_id, level) {
                            l.start = number_attribute(e, "val").unwrap_or(1);
                        }
                    }
                    "num" => {
                        let id = number_attribute(e, "numId").unwrap_or(u32::MAX);
                        list = Some((id, List::default()));
                    }
                    "abstractNumId" => {
                        if let Some((_, l)) = &mut list {
                            l.abstract_id = number_attribute(e, "val").unwrap_or(u32::MAX);
                        }
                    }
                    "lvlOverride" => override_level = level_index(e),
                    "startOverride" => {
                        if let (Some((_, l)), Some(at)) = (&mut list, override_level) {
                            l.start_overrides.insert(at, number_attribute(e, "val").unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Item::Close(Space::Word, name) => match name {
                    "abstractNum" => abstract_id = None,
                    "lvl" => level = None,
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, l)) = list.take() {
                            numbering.lists.insert(id, l);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
            Ok(())
        })?;
        Ok(numbering)
    }

    /// The label of the next paragraph of list `list_id` at `level` ("1.", "b)", "1.2.", "•"), counting it; `None`
    /// for no list (id 0, or a list the document does not define).
    pub fn next_label(&mut self, list_id: u32, level: u32) -> Option<String> {
        let level = (level as usize).min(LEVELS - 1);
        let list = self.lists.get(&list_id)?;
        let levels = self.abstracts.get(&list.abstract_id)?;
        let start = |at: usize| list.start_overrides.get(&at).copied().unwrap_or(levels[at].start);
        let counters = self.counters.entry(list_id).or_insert([None; LEVELS]);
        counters[level] = Some(counters[level].map_or(start(level), |n| n.saturating_add(1)));
        for deeper in &mut counters[level + 1..] {
            *deeper = None;
        }
        let definition = &levels[level];
        match definition.format {
            Format::Bullet => return Some(bullet(&definition.text)),
            Format::None if !definition.text.contains('%') => return Some(definition.text.clone()),
            _ => {}
        }
        let mut label = String::new();
        let mut chars = definition.text.chars().peekable();
        while let Some(c) = chars.next() {
            let referenced = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d));
            match (c, referenced) {
                ('%', Some(d)) => {
                    chars.next();
                    let at = d as usize - 1;
                    let value = counters[at].unwrap_or(start(at));
                    label.push_str(&write_number(value, levels[at].format));
                }
                _ => label.push(c),
            }
        }
        Some(label)
    }
}

fn level_index(element: &quick_xml::events::BytesStart<'_>) -> Option<usize> {
    number_attribute(element, "ilvl")
        .map(|n| n as usize)
        .filter(|&n| n < LEVELS)
}

fn current_level(numbering: &mut Numbering, abstract_id: Option<u32>, level: Option<usize>) -> Option<&mut Level> {
    numbering.abstracts.get_mut(&abstract_id?)?.get_mut(level?)
}

fn format_of(value: Option<&str>) -> Format {
    match value {
        Some("decimalZero") => Format::DecimalZero,
        Some("lowerLetter") => Format::LowerLetter,
        Some("upperLetter") => Format::UpperLetter,
        Some("lowerRoman") => Format::LowerRoman,
        Some("upperRoman") => Format::UpperRoman,
        Some("bullet") => Format::Bullet,
        Some("none") => Format::None,
        // Ordinal, Arabic-Indic and the other formats are written as plain numbers.
        _ => Format::Decimal,
    }
}

/// A bullet as a reader sees it: symbol fonts put their bullets in the private-use area, which means nothing
/// outside that font.
fn bullet(text: &str) -> String {
    text.chars()
        .map(|c| {
            if ('\u{F000}'..='\u{F0FF}').contains(&c) {
                '•'
            } else {
                c
            }
        })
        .collect()
}

fn write_number(value: u32, format: Format) -> String {
    match format {
        Format::Decimal | Format::Bullet => value.to_string(),
        Format::DecimalZero => format!("{value:02}"),
        Format::LowerLetter => letters(value),
        Format::UpperLetter => letters(value).to_uppercase(),
        Format::LowerRoman => roman(value).to_lowercase(),
        Format::UpperRoman => roman(value),
        Format::None => String::new(),
    }
}

/// Word's letter numbering: a … z, then aa … zz (the letter repeated), and so on.
fn letters(value: u32) -> String {
    let Some(index) = value.checked_sub(1) else {
        return String::new();
    };
    let letter = char::from(b'a' + (index % 26) as u8);
    std::iter::repeat_n(letter, (index / 26 + 1).min(100) as usize).collect()
}

fn roman(mut value: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if value == 0 || value > 10_000 {
        return value.to_string();
    }
    let mut out = String::new();
    for (worth, numeral) in NUMERALS {
        while value >= worth {
            out.push_str(numeral);
            value -= worth;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_the_level_format() {
        assert_eq!(letters(1), "a");
        assert_eq!(letters(26), "z");
        assert_eq!(letters(27), "aa");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(write_number(3, Format::LowerRoman), "iii");
        assert_eq!(write_number(2, Format::UpperLetter), "B");
        assert_eq!(write_number(7, Format::DecimalZero), "07");
        assert_eq!(bullet("\u{F0B7}"), "•");
        assert_eq!(bullet("-"), "-");
    }
}
