//! Reading the schema's records straight from the YAML parser's events. serde-saphyr parses with granit-parser and
//! gives each value the span of the event that starts it; reading those events here gives the same values and
//! the same spans without the work serde does around every value (for each `Spanned` value serde-saphyr builds
//! a struct of two locations and deserializes it field by field; each key is captured as a node and replayed).
//! That work was more than two fifths of the fast path's instructions.
//!
//! Like the rest of the fast path, it is strict: anything the schema does not expect, and anything whose meaning
//! only serde-saphyr knows (an anchor, an alias, a tag, a `%YAML` directive, a second document, a file near
//! serde-saphyr's budget), returns `None`, and the file is read the thorough way.

use crate::source::Span;
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, StrInput};

/// The first event of a node, with its span.
pub(super) type First<'t> = (Event<'t>, Span);

/// serde-saphyr's budget as [`crate::yaml::budget_for`] sets it for a text of `len` bytes: a text the fast path
/// accepts never reaches a limit at which serde-saphyr would stop with an error.
struct Limits {
    nodes: usize,
    events: usize,
    scalar_bytes: usize,
}

impl Limits {
    fn for_len(len: usize) -> Limits {
        let budget = crate::yaml::budget_for(len);
        // A margin for the stream and document events, which the counts here include and a budget may not.
        Limits {
            nodes: budget.max_nodes.saturating_sub(16),
            events: budget.max_events.saturating_sub(16),
            scalar_bytes: budget.max_total_scalar_bytes,
        }
    }
}

/// The options serde-saphyr gives granit-parser under ikilint's budget, so that both parse and reject the same
/// texts: granit-parser's defaults (`yaml::budget_for` changes no parser limit), and no comment events even if
/// another crate turns on granit-parser's `comments` feature (serde-saphyr turns them off the same way).
fn parser_options() -> Options {
    let mut options = Options::default();
    options.emit_comments = false;
    options
}

/// The events of one text, pulled one at a time.
pub(super) struct Events<'t> {
    parser: Parser<'t, StrInput<'t>>,
    limits: Limits,
    nodes: usize,
    events: usize,
    scalar_bytes: usize,
}

impl<'t> Events<'t> {
    fn new(text: &'t str) -> Self {
        Events {
            parser: Parser::new_from_str_with_options(text, parser_options()),
            limits: Limits::for_len(text.len()),
            nodes: 0,
            events: 0,
            scalar_bytes: 0,
        }
    }

    /// The next event as the parser gives it; `None` for a parse error, the end of the stream or a text near the
    /// budget's limits.
    fn raw(&mut self) -> Option<First<'t>> {
        let (event, span) = self.parser.next_event()?.ok()?;
        self.events += 1;
        let range = span.byte_range()?;
        (self.events <= self.limits.events).then_some((event, Span::new(range.start, range.end)))
    }

    /// The next event within the document: a node's start or a collection's end. `None` for anything else.
    pub(super) fn next(&mut self) -> Option<First<'t>> {
        let (event, span) = self.raw()?;
        match &event {
            Event::Scalar(value, _, anchor, tag) => {
                if *anchor != 0 || tag.is_some() {
                    return None;
                }
                self.nodes += 1;
                self.scalar_bytes += value.len();
            }
            Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag) => {
                if *anchor != 0 || tag.is_some() {
                    return None;
                }
                self.nodes += 1;
            }
            Event::SequenceEnd | Event::MappingEnd => {}
            _ => return None,
        }
        (self.nodes <= self.limits.nodes && self.scalar_bytes <= self.limits.scalar_bytes).then_some((event, span))
    }
}

/// Read `text` as one YAML document whose root is a `T`, or `None`.
pub(super) fn document<T: Read>(text: &str) -> Option<At<T>> {
    // serde-saphyr keeps a span's byte offsets only below 4 GiB.
    if u32::try_from(text.len()).is_err() {
        return None;
    }
    let mut events = Events::new(text);
    let Event::StreamStart = events.raw()?.0 else {
        return None;
    };
    let Event::DocumentStart(_, None) = events.raw()?.0 else {
        return None;
    };
    let root = read_next::<At<T>>(&mut events)?;
    let Event::DocumentEnd = events.raw()?.0 else {
        return None;
    };
    let Event::StreamEnd = events.raw()?.0 else {
        return None;
    };
    Some(root)
}

/// A value read from the node that starts with a given event, consuming that node's events through its end.
pub(super) trait Read: Sized {
    fn read<'t>(first: First<'t>, events: &mut Events<'t>) -> Option<Self>;
}

/// Read the next node as a `T`.
pub(super) fn read_next<'t, T: Read>(events: &mut Events<'t>) -> Option<T> {
    let first = events.next()?;
    T::read(first, events)
}

/// A value with the span of its node: what serde-saphyr's `Spanned` gives as `referenced` for a node that is no
/// alias.
pub(super) struct At<T> {
    pub span: Span,
    pub value: T,
}

impl<T: Read> Read for At<T> {
    fn read<'t>(first: First<'t>, events: &mut Events<'t>) -> Option<At<T>> {
        let span = first.1;
        Some(At {
            span,
            value: T::read(first, events)?,
        })
    }
}

/// A plain scalar serde-saphyr reads as nothing: empty, `~` or `null` in three spellings.
pub(super) fn is_null(value: &str, style: ScalarStyle) -> bool {
    style == ScalarStyle::Plain && matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// A plain scalar serde-saphyr reads as a boolean under `strict_booleans` (YAML 1.2).
pub(super) fn as_bool(value: &str, style: ScalarStyle) -> Option<bool> {
    match (style, value) {
        (ScalarStyle::Plain, "true" | "True" | "TRUE") => Some(true),
        (ScalarStyle::Plain, "false" | "False" | "FALSE") => Some(false),
        _ => None,
    }
}

/// A plain scalar of up to 18 decimal digits without a leading zero: what serde-saphyr reads as an unsigned
/// integer without asking more (a longer one may overflow into a float, a leading zero is not decimal).
pub(super) fn as_small_integer(value: &str, style: ScalarStyle) -> Option<u64> {
    let simple = style == ScalarStyle::Plain
        && (1..=18).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    if simple { value.parse().ok() } else { None }
}

/// Whether serde-saphyr reads a plain scalar that is no null and no boolean as text, whatever number parser it
/// tries: every integer and float it reads starts with a digit, a sign or a dot, is written with ASCII letters,
/// digits, `_`, `.` and signs only, and has a sign only first or right after an exponent's `e` (so a date
/// `2024-01-01`, a time `12:30`, `81,35` or `12 bulan` is text).
pub(super) fn surely_text(value: &str) -> bool {
    let bytes = value.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return true;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'+' | b'-' => i > 0 && !matches!(bytes[i - 1], b'e' | b'E'),
        _ => !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.')),
    })
}

impl Read for bool {
    fn read<'t>(first: First<'t>, _: &mut Events<'t>) -> Option<bool> {
        match first.0 {
            Event::Scalar(value, style, ..) => as_bool(&value, style),
            _ => None,
        }
    }
}

/// A list, or nothing written (`key:` alone), which the schema reader takes as an empty list.
pub(super) struct List<T>(pub Vec<T>);

impl<T: Read> Read for List<T> {
    fn read<'t>(first: First<'t>, events: &mut Events<'t>) -> Option<List<T>> {
        match first.0 {
            Event::SequenceStart(..) => {
                let mut items = Vec::new();
                loop {
                    let item = events.next()?;
                    if let Event::SequenceEnd = item.0 {
                        return Some(List(items));
                    }
                    items.push(T::read(item, events)?);
                }
            }
            Event::Scalar(value, style, ..) if is_null(&value, style) => Some(List(Vec::new())),
            _ => None,
        }
    }
}

/// The keys of one mapping of the schema, read one at a time.
pub(super) trait Fields: Default {
    /// Read the value of `key`; `None` for a key this mapping does not have, or a value it does not take.
    fn field<'t>(&mut self, key: &str, events: &mut Events<'t>) -> Option<()>;
    /// Where `key` is written, for a mapping that keeps a key's span (the SKP's `perilaku`).
    fn key_at(&mut self, _key: &str, _span: Span) {}
}

/// A mapping of the schema with the span of its first key (where the schema reader anchors it), or `None` when
/// nothing is written (an optional block left empty).
///
/// The fields live in a box: a record of the schema is hundreds of bytes, moved whole at each level it is
/// returned through otherwise.
pub(super) struct Record<T>(pub Option<(Span, Box<T>)>);

impl<T: Fields> Read for Record<T> {
    fn read<'t>(first: First<'t>, events: &mut Events<'t>) -> Option<Record<T>> {
        match first.0 {
            Event::MappingStart(..) => {
                let mut fields = Box::<T>::default();
                let mut anchor = None;
                loop {
                    let (key, span) = events.next()?;
                    let key = match key {
                        Event::MappingEnd => break,
                        Event::Scalar(key, ..) => key,
                        _ => return None,
                    };
                    anchor.get_or_insert(span);
                    fields.key_at(&key, span);
                    fields.field(&key, events)?;
                }
                // An empty mapping `{}` has no first key: the schema reader anchors it elsewhere.
                Some(Record(Some((anchor?, fields))))
            }
            Event::Scalar(value, style, ..) if is_null(&value, style) => Some(Record(None)),
            _ => None,
        }
    }
}

/// Read the value of a key into its field, once: a key written twice in a mapping is the schema reader's to report.
pub(super) fn read_once<'t, T: Read>(field: &mut Option<T>, events: &mut Events<'t>) -> Option<()> {
    if field.is_some() {
        return None;
    }
    *field = Some(read_next(events)?);
    Some(())
}
