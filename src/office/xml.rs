//! Streaming over an Office XML part with the checks every reader needs: elements classified by namespace
//! (WordprocessingML, markup compatibility, anything else), entity references resolved into text, nesting depth
//! capped (a hostile part of a million nested elements is refused, not followed), and any error named by part.

use super::ReadError;
use super::package::Bounded;
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use std::io::{BufReader, Read};

/// Deeper than any real document (a table in a table in a table is a dozen levels).
pub(super) const MAX_DEPTH: usize = 256;

const WORD_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WORD_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MARKUP_COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Space {
    Word,
    Compatibility,
    Other,
}

/// One event of a part, as the readers use it.
pub(super) enum Item<'e> {
    Open(Space, &'e BytesStart<'e>),
    Close(Space, &'e str),
    Text(&'e str),
}

/// Calls `visit` with every element opened, closed (an empty element is both) and every piece of text of the
/// part `name` read from `source`, with the element depth (the root is 1).
pub(super) fn walk<R: Read>(
    source: Bounded<R>,
    name: &str,
    mut visit: impl FnMut(usize, Item<'_>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let overrun = source.overrun_flag();
    let mut reader = NsReader::from_reader(BufReader::new(source));
    reader.config_mut().expand_empty_elements = true;
    let corrupt = || {
        if overrun.get() {
            ReadError::new("common.reason-office-too-large")
        } else {
            ReadError::in_part("common.reason-office-corrupt-xml", name)
        }
    };
    let mut buf = Vec::new();
    let mut depth = 0;
    loop {
        buf.clear();
        let (space, event) = reader.read_resolved_event_into(&mut buf).map_err(|_| corrupt())?;
        let space = space_of(&space);
        match event {
            Event::Start(start) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ReadError::in_part("common.reason-office-too-deep", name));
                }
                visit(depth, Item::Open(space, &start))?;
            }
            Event::End(end) => {
                visit(depth, Item::Close(space, end.local_name().into_inner()))?;
                depth -= 1;
            }
            Event::Text(text) => visit(depth, Item::Text(&text.xml10_content()))?,
            Event::CData(data) => visit(depth, Item::Text(&data))?,
            Event::GeneralRef(reference) => {
                let character = match reference.resolve_char_ref().map_err(|_| corrupt())? {
                    Some(character) => character,
                    None => predefined_entity(&reference).ok_or_else(corrupt)?,
                };
                visit(depth, Item::Text(character.encode_utf8(&mut [0; 4])))?;
            }
            Event::Eof => break,
            Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if depth != 0 {
        return Err(corrupt());
    }
    Ok(())
}

fn space_of(resolved: &ResolveResult<'_>) -> Space {
    match resolved {
        ResolveResult::Bound(Namespace(uri)) if *uri == WORD_TRANSITIONAL || *uri == WORD_STRICT => Space::Word,
        ResolveResult::Bound(Namespace(uri)) if *uri == MARKUP_COMPATIBILITY => Space::Compatibility,
        _ => Space::Other,
    }
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// The value of the attribute whose local name is `local` (`w:val` → `val`), whatever its prefix.
pub(super) fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A number attribute (`w:val="2"`), `None` when absent or not a number.
pub(super) fn number_attribute(element: &BytesStart<'_>, local: &str) -> Option<u32> {
    attribute(element, local)?.trim().parse().ok()
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
pub(super) fn is_on(element: &BytesStart<'_>) -> bool {
    !matches!(
        attribute(element, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}
