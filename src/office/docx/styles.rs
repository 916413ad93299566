//! What a paragraph or run inherits from its style (`word/styles.xml`): bold, and a paragraph style's list
//! number (headings numbered "1.", "I." by their style). Styles are followed through `basedOn`.

use super::super::ReadError;
use super::super::package::Bounded;
use super::super::xml::{Item, Space, attribute, is_on, number_attribute, walk};
use std::collections::HashMap;
use std::io::Read;

/// Longer `basedOn` chains are cut (a chain that loops would never end).
const MAX_CHAIN: usize = 16;

#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    bold: Option<bool>,
    list: Option<u32>,
    level: Option<u32>,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    paragraph: HashMap<String, Style>,
    character: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    pub fn parse<R: Read>(source: Bounded<R>, name: &str) -> Result<Self, ReadError> {
        let mut styles = Styles::default();
        // The style being read: its depth, whether it is a paragraph style, its id.
        let mut current: Option<(usize, bool, String, Style)> = None;
        walk(source, name, |depth, item| {
            match item {
                Item::Open(Space::Word, e) => {
                    let name = e.local_name();
                    if name.as_ref() == "style" && current.is_none() {
                        let kind = attribute(e, "type");
                        let paragraph = kind.as_deref().is_none_or(|k| k == "paragraph");
                        let id = attribute(e, "styleId").unwrap_or_default();
                        if paragraph
                            && attribute(e, "default")
                                .as_deref()
                                .is_some_and(|v| v == "1" || v == "true")
                        {
                            styles.default_paragraph = Some(id.clone());
                        }
                        if paragraph || kind.as_deref() == Some("character") {
                            current = Some((depth, paragraph, id, Style::default()));
                        }
                    } else if let Some((at, _, _, style)) = &mut current {
                        // Only the style's own properties, not those of a table style's conditional parts.
                        match (depth - *at, name.as_ref()) {
                            (1, "basedOn") => style.based_on = attribute(e, "val"),
                            (2, "b") => style.bold = Some(is_on(e)),
                            (3, "numId") => style.list = number_attribute(e, "val"),
                            (3, "ilvl") => style.level = number_attribute(e, "val"),
                            _ => {}
                        }
                    }
                }
                Item::Close(Space::Word, "style") => {
                    if let Some((_, paragraph, id, style)) = current.take_if(|c| c.0 == depth) {
                        let table = if paragraph {
                            &mut styles.paragraph
                        } else {
                            &mut styles.character
                        };
                        table.insert(id, style);
                    }
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(styles)
    }

    fn inherited<T>(table: &HashMap<String, Style>, id: &str, property: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut at = table.get(id);
        for _ in 0..MAX_CHAIN {
            let style = at?;
            if let Some(value) = property(style) {
                return Some(value);
            }
            at = table.get(style.based_on.as_deref()?);
        }
        None
    }

    /// The paragraph style in force: the one named, or the document's default.
    fn paragraph_style<'s>(&'s self, named: Option<&'s str>) -> Option<&'s str> {
        named.or(self.default_paragraph.as_deref())
    }

    /// Whether a run is bold: its own property, else its character style's, else its paragraph style's.
    pub fn run_bold(&self, own: Option<bool>, character: Option<&str>, paragraph: Option<&str>) -> bool {
        own.or_else(|| Self::inherited(&self.character, character?, |s| s.bold))
            .or_else(|| Self::inherited(&self.paragraph, self.paragraph_style(paragraph)?, |s| s.bold))
            .unwrap_or(false)
    }

    /// The list and level a paragraph style numbers its paragraphs with.
    pub fn list_of(&self, paragraph: Option<&str>) -> (Option<u32>, Option<u32>) {
        let Some(id) = self.paragraph_style(paragraph) else {
            return (None, None);
        };
        (
            Self::inherited(&self.paragraph, id, |s| s.list),
            Self::inherited(&self.paragraph, id, |s| s.level),
        )
    }
}
