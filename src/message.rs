//! A finding's text as data: a catalogue key and its arguments, put into words only by the output that shows it
//! (and not at all by one that only counts), in whatever language that output is asked for.
//!
//! The key is the catalogue's own stored `&'static str` (both languages have the same keys), so a message carries
//! no key text of its own; an argument is the text a value showed when the rule reported, or itself a message when
//! it is a word of the catalogue (a unit's kind, a grade, a type), so that the whole finding follows the language.

use crate::i18n::{self, Catalog, Lang};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A key of the catalogue, as the catalogue stores it. Named so that serde reads it through [`catalogue_key`]
/// rather than borrowing it from the input (which a `&'static str` field would demand).
type Key = &'static str;

/// An argument's name, a literal of the code (read back from the cache through [`crate::diagnostic::interned`]).
type Name = &'static str;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    #[serde(deserialize_with = "catalogue_key")]
    key: Key,
    args: Box<[Argument]>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Argument {
    #[serde(deserialize_with = "crate::diagnostic::interned")]
    name: Name,
    value: Arg,
}

/// The value of a `{name}` of a message.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Arg {
    /// What the value showed (a number, a name, a quoted piece of the document, a parser's detail).
    Text(Box<str>),
    /// A text of the catalogue, worded in the language of the message around it (boxed: most arguments are
    /// texts, and each is as large as the largest kind).
    Message(Box<Message>),
    /// Texts of the catalogue shown one after the other, `, ` between them ("sheet IKI, cell C7").
    List(Box<[Message]>),
}

/// What a message can take as an argument: anything shown as text, or a message of its own.
pub trait ToArg {
    fn to_arg(&self) -> Arg;
}

impl<T: fmt::Display + ?Sized> ToArg for T {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_string().into_boxed_str())
    }
}

impl ToArg for Message {
    fn to_arg(&self) -> Arg {
        Arg::Message(Box::new(self.clone()))
    }
}

/// Messages given as one argument, shown joined by `, ` (see [`Arg::List`]).
pub struct Listed(pub Vec<Message>);

impl ToArg for Listed {
    fn to_arg(&self) -> Arg {
        Arg::List(self.0.clone().into_boxed_slice())
    }
}

/// The named arguments of a message, as a rule passes them: `&[("nip", &nip), ("kind", &kind_message)]`.
pub type Args<'a> = [(&'static str, &'a dyn ToArg)];

impl Message {
    /// The catalogue text `key` (`section.key`) with `args`. Text that is no key of the catalogue (a gap the
    /// catalogue tests keep from shipping, or the system's own words for an error) is shown as it is written, as
    /// [`Catalog::text`] does.
    pub fn new(key: &str, args: &Args) -> Message {
        match Catalog::key_and_arguments(key) {
            Some(found) => Message::with_arguments(found, args),
            None => Message::as_written(key),
        }
    }

    /// [`Message::new`] of the text `name` of the catalogue section `section` (a rule's code), without building
    /// the key `section.name`: every text of every finding is made here.
    pub fn of_section(section: &str, name: &str, args: &Args) -> Message {
        match Catalog::section_key_and_arguments(section, name) {
            Some(found) => Message::with_arguments(found, args),
            None => Message::as_written(&format!("{section}.{name}")),
        }
    }

    /// The stored `key` with those of `args` that its text takes (`names`).
    fn with_arguments((key, names): (&'static str, &'static [&'static str]), args: &Args) -> Message {
        // A rule passes the same arguments to its message, labels and help; each keeps only those its text names
        // in some language, so that a finding holds no value it never shows.
        let args = args
            .iter()
            .filter(|(name, _)| names.contains(name))
            .map(|&(name, value)| Argument {
                name,
                value: value.to_arg(),
            })
            .collect();
        Message { key, args }
    }

    /// `text` shown as it is, in every language.
    pub fn as_written(text: &str) -> Message {
        // Built directly rather than through `new`, which falls back on this for a key it does not know.
        let key = Catalog::key("common.as-written").expect("the compiled-in catalogue has common.as-written");
        Message {
            key,
            args: Box::new([Argument {
                name: "text",
                value: Arg::Text(text.into()),
            }]),
        }
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The text in `lang`, written where it is displayed (see [`Message::in_lang`]).
    pub fn render(&self, lang: Lang) -> String {
        self.in_lang(lang).to_string()
    }

    /// The message in `lang`, as something to display or serialise straight into an output.
    pub fn in_lang(&self, lang: Lang) -> InLang<'_> {
        InLang(self, lang)
    }
}

/// A [`Message`] in one language.
#[derive(Clone, Copy)]
pub struct InLang<'a>(&'a Message, Lang);

impl fmt::Display for InLang<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let InLang(message, lang) = *self;
        let Some(template) = Catalog::get(lang).template(message.key) else {
            return f.write_str(message.key);
        };
        i18n::fill_with(f, template, |name, out| {
            let argument = message.args.iter().find(|a| a.name == name)?;
            Some(match &argument.value {
                Arg::Text(text) => out.write_str(text),
                Arg::Message(nested) => write!(out, "{}", nested.in_lang(lang)),
                Arg::List(items) => items.iter().enumerate().try_for_each(|(i, item)| {
                    let separator = if i == 0 { "" } else { ", " };
                    write!(out, "{separator}{}", item.in_lang(lang))
                }),
            })
        })
    }
}

impl Serialize for InLang<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A message key read back from the cache: the catalogue's own key, or an error when the catalogue has no such
/// key (the entry is then ignored and its file linted again, never trusted).
fn catalogue_key<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    deserializer.deserialize_str(crate::diagnostic::StaticStr {
        find: Catalog::key,
        expected: "a catalogue key",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_in_each_language_with_nested_catalogue_words() {
        let kind = Message::new("units.kind-percent", &[]);
        let message = Message::new(
            "U001.message",
            &[("indicator", &"Cakupan"), ("unit", &kind), ("computed", &"x")],
        );
        for lang in Lang::ALL {
            let unit = Catalog::get(lang).text("units.kind-percent", &[]);
            let expected = Catalog::get(lang).text(
                "U001.message",
                &[("indicator", &"Cakupan"), ("unit", &unit), ("computed", &"x")],
            );
            assert_eq!(message.render(lang), expected);
        }
        assert_ne!(message.render(Lang::En), message.render(Lang::Id));
    }

    #[test]
    fn the_key_is_the_catalogue_own_and_a_missing_key_shows_as_itself() {
        let message = Message::new(&format!("{}.{}", "S001", "message"), &[]);
        let stored = Catalog::key("S001.message").unwrap();
        assert!(std::ptr::eq(message.key(), stored));
        assert_eq!(Message::new("no.such-key", &[]).render(Lang::En), "no.such-key");
    }

    #[test]
    fn a_text_of_a_section_is_the_message_of_its_joined_key() {
        let args: [(&'static str, &dyn ToArg); 2] = [("detail", &"tab"), ("nowhere", &"x")];
        let joined = Message::new("S001.message", &args);
        let split = Message::of_section("S001", "message", &args);
        assert_eq!(split, joined);
        assert!(std::ptr::eq(split.key(), joined.key()));
        assert_eq!(
            Message::of_section("S001", "no_such_text", &args),
            Message::new("S001.no_such_text", &args)
        );
        assert_eq!(
            Message::of_section("S001", "no_such_text", &[]).render(Lang::Id),
            "S001.no_such_text"
        );
    }

    #[test]
    fn keeps_only_the_arguments_its_text_names() {
        let kept = Message::new("S001.message", &[("detail", &"tab")]);
        let unused = Message::new("S001.message", &[("detail", &"tab"), ("nowhere", &"x")]);
        assert_eq!(kept, unused);
        let other = Message::new("S001.message", &[("detail", &"quote")]);
        assert_ne!(kept, other);
    }

    #[test]
    fn survives_the_cache_encoding_and_an_unknown_key_is_refused() {
        let kind = Message::new("units.kind-percent", &[]);
        let message = Message::new("U001.message", &[("indicator", &85), ("unit", &kind)]);
        let bytes = postcard::to_stdvec(&message).unwrap();
        let back: Message = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, message);
        assert!(std::ptr::eq(back.key(), message.key()));

        // A message as the cache lays it out (key, then arguments), with a key the catalogue does not have.
        let known = postcard::to_stdvec(&("S001.message", vec![("detail", Arg::Text("x".into()))])).unwrap();
        assert!(postcard::from_bytes::<Message>(&known).is_ok());
        let unknown = postcard::to_stdvec(&("S001.no_such_key", vec![("detail", Arg::Text("x".into()))])).unwrap();
        assert!(postcard::from_bytes::<Message>(&unknown).is_err());
    }
}
