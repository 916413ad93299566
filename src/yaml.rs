//! YAML text → a tree of nodes that each keep their source span.
//!
//! A generic tree rather than typed structs: a linter must report every unknown key, wrong type and repeated
//! key of a file in one pass, with the location of each, and keep linting the rest; typed deserialization stops
//! at the first problem. The tree is then lowered to the model by [`crate::schema`].

use crate::source::Span;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Options, Spanned};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in source order, repeated keys kept, so that S006 can point at both.
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The first value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// What kind of value this is, for messages ("a list", "a number"): a key into the `common` catalogue.
    pub fn type_key(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "common.type-null",
            NodeKind::Bool(_) => "common.type-bool",
            NodeKind::Int(_) | NodeKind::Float(_) => "common.type-number",
            NodeKind::Str(_) => "common.type-text",
            NodeKind::Seq(_) => "common.type-list",
            NodeKind::Map(_) => "common.type-mapping",
        }
    }
}

struct RawNode(NodeKind);

impl From<Spanned<RawNode>> for Node {
    fn from(spanned: Spanned<RawNode>) -> Node {
        Node {
            span: location_span(&spanned.referenced),
            kind: spanned.value.0,
        }
    }
}

/// Byte span of a parser location; parsing from a `&str` always provides byte offsets.
pub(crate) fn location_span(location: &serde_saphyr::Location) -> Span {
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(offset), Some(len)) => Span::new(offset as usize, (offset + len) as usize),
        _ => Span::default(),
    }
}

impl<'de> de::Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawNode, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

fn int_or_float(v: i128) -> NodeKind {
    match i64::try_from(v) {
        Ok(v) => NodeKind::Int(v),
        Err(_) => NodeKind::Float(v as f64),
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode(int_or_float(v.into())))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode(int_or_float(v)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode(int_or_float(i128::try_from(v).unwrap_or(i128::MAX))))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Str(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Str(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Str(String::from_utf8_lossy(v).into_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item.into());
        }
        Ok(RawNode(NodeKind::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawNode>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            entries.push((key.into(), value.into()));
        }
        Ok(RawNode(NodeKind::Map(entries)))
    }
}

/// Why a text could not be read as YAML, and where.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub span: Span,
    /// The parser's own words, without the location it also gives.
    pub message: String,
    pub problem: Problem,
}

/// What kind of problem stopped the parser, for a message a user can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The YAML grammar: brackets, quotes, indentation.
    Syntax,
    /// More than one `---` document where one IKI document is expected.
    SeveralDocuments,
    /// Nesting deeper than the limit.
    TooDeep,
    /// Aliases expanding into far more values than the file holds.
    Expansion,
    /// More values or text than a file of its size can hold.
    TooLarge,
}

/// Limits that grow with the input: a province in one file is legitimate, an alias bomb that expands a few bytes
/// into millions of nodes is not. Every node, event and scalar byte needs at least one byte of input unless an
/// alias replays it, so bounds proportional to the size admit every real file and stop expansion early.
pub(crate) fn budget_for(len: usize) -> Budget {
    let mut budget = Budget::default();
    budget.max_nodes = budget.max_nodes.max(len / 2 + 16);
    budget.max_events = budget.max_events.max(len + 16);
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len * 2);
    budget.max_depth = 64;
    budget
}

/// serde-saphyr's options for reading `text`: what the schema reader parses with, and what the fast path asks
/// serde-saphyr about a scalar with ([`crate::typed`]), so that both type every scalar alike.
pub(crate) fn options_for(text: &str) -> Options {
    let mut options = Options::default();
    options.budget = Some(budget_for(text.len()));
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    // YAML 1.2: only true/false are booleans, so `id: y`, `nama: Yes` or `target: on` stay the text written.
    options.strict_booleans = true;
    options
}

/// Parse one YAML document. Returns `Ok(None)` for an empty stream.
pub fn parse(text: &str) -> Result<Option<Node>, ParseError> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Ok(None);
    }
    match serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options_for(text)) {
        Ok(root) => Ok(Some(root.into())),
        Err(error) => Err(parse_error(text, &error)),
    }
}

fn parse_error(text: &str, error: &serde_saphyr::Error) -> ParseError {
    let span = error
        .location()
        .map(|location| {
            let span = location_span(&location);
            if span == Span::default() && location.line() > 0 {
                offset_of_line_column(text, location.line() as usize, location.column() as usize)
            } else {
                span
            }
        })
        .unwrap_or_default();
    let rendered = error.without_snippet().to_string();
    let message = rendered.lines().next().unwrap_or("invalid YAML").trim();
    let message = message.find(" at line ").map_or(message, |i| &message[..i]).to_string();
    // The parser wraps the cause in context (a source snippet, the alias being expanded): look through it.
    let mut cause = error;
    while let serde_saphyr::Error::WithSnippet { error, .. } | serde_saphyr::Error::AliasError { error, .. } = cause {
        cause = error;
    }
    let problem = match cause {
        serde_saphyr::Error::MultipleDocuments { .. } => Problem::SeveralDocuments,
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => Problem::TooDeep,
            BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } | BudgetBreach::Nodes { .. } => {
                Problem::Expansion
            }
            _ => Problem::TooLarge,
        },
        // The scanner's own nesting limit for flow collections (`[[[…`) comes as a plain scan error.
        _ if message.contains("recursion limit") => Problem::TooDeep,
        _ => Problem::Syntax,
    };
    let start = span.start.min(text.len());
    let span = if message.contains("tab") {
        at_indentation_tab(text, start).unwrap_or(span)
    } else {
        span
    };
    let start = span.start.min(text.len());
    ParseError {
        span: Span::new(start, span.end.clamp(start, text.len())),
        message,
        problem,
    }
}

/// The first tab in the indentation of the line of `at` or of the line after it: the scanner reports a tab at the
/// end of the value before it, but the tab is what the user must find.
fn at_indentation_tab(text: &str, at: usize) -> Option<Span> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut start = line_start;
    for line in text[line_start..].split_inclusive('\n').take(2) {
        let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indentation].find('\t') {
            return Some(Span::new(start + tab, start + tab + 1));
        }
        start += line.len();
    }
    None
}

fn offset_of_line_column(text: &str, line: usize, column: usize) -> Span {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let offset = text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i);
    Span::new(offset, offset)
}
