//! The rule registry: every rule's code, name, family, default severity and check, in one list.
//!
//! A family lives in its own module and exports `RULES`; texts (message, labels, help, docs) live in the
//! catalogues under `i18n/<lang>/<family>.yaml`, keyed by the rule's code.

pub mod alignment;
pub mod identity;
pub mod skp;
pub mod structure;
pub mod text;
pub mod tokens;
pub mod units;

use crate::data::Data;
use crate::diagnostic::{Diagnostic, Fix, Label, Severity};
use crate::i18n::{Catalog, Lang};
use crate::message::{Args, Message};
use crate::model::Document;
use crate::skp::SkpDocument;
use crate::source::{FileId, Files, Span};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Structure,
    Alignment,
    Units,
    Identity,
    Text,
    Skp,
}

impl Family {
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Structure => "S",
            Family::Alignment => "A",
            Family::Units => "U",
            Family::Identity => "N",
            Family::Text => "T",
            Family::Skp => "R",
        }
    }

    /// Key of the family's display name in the `common` catalogue section.
    pub fn name_key(self) -> &'static str {
        match self {
            Family::Structure => "common.family-structure",
            Family::Alignment => "common.family-alignment",
            Family::Units => "common.family-units",
            Family::Identity => "common.family-identity",
            Family::Text => "common.family-text",
            Family::Skp => "common.family-skp",
        }
    }
}

pub type DocumentCheck = fn(&Context, &Document, &mut Vec<Diagnostic>);
pub type SetCheck = fn(&Context, &mut Vec<Diagnostic>);
pub type SkpCheck = fn(&Context, &SkpDocument, &mut Vec<Diagnostic>);

#[derive(Clone, Copy)]
pub enum Check {
    /// Reported while files are read, parsed and read against the schema.
    Loading,
    /// Reported by the engine itself (suppression comments).
    Engine,
    /// Looks at one document at a time; documents are checked in parallel.
    Document(DocumentCheck),
    /// Looks at one position at a time (with the document's `dokumen` header): its findings in a position
    /// depend on nothing else, so the language server checks again only the position edited.
    Position(DocumentCheck),
    /// Looks across everything linted together, through the indexes of [`Context::index`].
    Set(SetCheck),
    /// Looks at one SKP document at a time (SPEC.md section 6).
    Skp(SkpCheck),
    /// A rule of IKI documents that applies to SKP documents too (SPEC.md section 6: the S, N and T families,
    /// U003, U004, U010): one check for each kind.
    DocumentAndSkp(DocumentCheck, SkpCheck),
    /// [`Check::DocumentAndSkp`] whose IKI check looks at one position at a time, as [`Check::Position`].
    PositionAndSkp(DocumentCheck, SkpCheck),
}

impl Check {
    /// The check of IKI documents, when the rule has one, and whether it looks at one position at a time.
    pub fn document(self) -> Option<(DocumentCheck, bool)> {
        match self {
            Check::Document(check) | Check::DocumentAndSkp(check, _) => Some((check, false)),
            Check::Position(check) | Check::PositionAndSkp(check, _) => Some((check, true)),
            _ => None,
        }
    }
}

pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

impl Rule {
    /// The rule's text `key` (`message`, `label`, `help`, `summary`, …) in `lang`.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
        Catalog::get(lang).text(&format!("{}.{key}", self.code), args)
    }

    /// Start a finding of this rule at `span`, with the rule's `message` text.
    pub fn report(&'static self, file: FileId, span: Span, args: &Args) -> Finding {
        Finding {
            diagnostic: Diagnostic {
                code: self.code,
                name: self.name,
                severity: self.severity,
                message: Message::of_section(self.code, "message", args),
                primary: Label::new(file, span, None),
                secondary: Vec::new(),
                notes: Vec::new(),
                help: None,
                fix: None,
            },
        }
    }
}

/// A diagnostic being built by a rule; every text is a key of the rule's catalogue section, put into words by the
/// output that shows it.
pub struct Finding {
    diagnostic: Diagnostic,
}

impl Finding {
    /// The rule's text `key` (of its catalogue section, named by its code).
    fn text(&self, key: &str, args: &Args) -> Message {
        Message::of_section(self.diagnostic.code, key, args)
    }

    /// The primary label's text, from the rule's `key`.
    pub fn label(mut self, key: &str, args: &Args) -> Self {
        self.diagnostic.primary.message = Some(self.text(key, args));
        self
    }

    pub fn secondary(mut self, file: FileId, span: Span, key: &str, args: &Args) -> Self {
        let message = self.text(key, args);
        self.diagnostic.secondary.push(Label::new(file, span, Some(message)));
        self
    }

    /// A secondary label with a text of the `common` catalogue section, worded the same for every rule.
    pub fn secondary_common(mut self, file: FileId, span: Span, key: &str, args: &Args) -> Self {
        self.diagnostic
            .secondary
            .push(Label::new(file, span, Some(Message::new(key, args))));
        self
    }

    pub fn note(mut self, key: &str, args: &Args) -> Self {
        let note = self.text(key, args);
        self.diagnostic.notes.push(note);
        self
    }

    pub fn help(mut self, key: &str, args: &Args) -> Self {
        self.diagnostic.help = Some(self.text(key, args));
        self
    }

    /// Replace the message with the rule's text `key`, for a rule that words several cases differently.
    pub fn message(mut self, key: &str, args: &Args) -> Self {
        self.diagnostic.message = self.text(key, args);
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.diagnostic.fix = Some(Box::new(fix));
        self
    }

    pub fn build(mut self) -> Diagnostic {
        // A vector that got one item by `push` holds room for four: a province keeps millions of findings until
        // they are printed, each with its label or note.
        self.diagnostic.secondary.shrink_to_fit();
        self.diagnostic.notes.shrink_to_fit();
        self.diagnostic
    }

    pub fn emit(self, out: &mut Vec<Diagnostic>) {
        out.push(self.build());
    }
}

/// Every registered rule, in catalogue order.
pub fn all() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut rules: Vec<&'static Rule> = [
            structure::RULES,
            alignment::RULES,
            units::RULES,
            identity::RULES,
            text::RULES,
            skp::RULES,
        ]
        .into_iter()
        .flat_map(|family| family.iter())
        .collect();
        rules.sort_by_key(|r| (r.family, r.code));
        rules
    })
}

pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The known code or name closest to `input`, for did-you-mean.
pub fn suggest_code(input: &str) -> Option<&'static str> {
    let upper = input.to_ascii_uppercase();
    crate::similarity::closest(&upper, all().iter().flat_map(|r| [r.code, r.name]), 0.6).map(|found| {
        all()
            .iter()
            .find(|r| r.code == found || r.name == found)
            .map_or(found, |r| r.code)
    })
}

/// A structure built once per run from all documents, shared by the rules that query it (the cascade graph,
/// the NIP index, …).
pub trait Index: Any + Send + Sync + Sized {
    fn build(cx: &Context) -> Self;
}

type Cell = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

/// What a rule sees: everything linted together, the rule data, and lazily built indexes (findings carry no
/// language: their texts are put into words by the output).
pub struct Context<'a> {
    pub files: &'a Files,
    pub documents: &'a [Document],
    /// The SKP documents of the set (none unless [`Context::with_skps`] gave them).
    pub skps: &'a [SkpDocument],
    pub data: &'a Data,
    indexes: Mutex<HashMap<TypeId, Cell>>,
    tokens: OnceLock<tokens::Tokens<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(files: &'a Files, documents: &'a [Document], data: &'a Data) -> Self {
        Context {
            files,
            documents,
            skps: &[],
            data,
            indexes: Mutex::new(HashMap::new()),
            tokens: OnceLock::new(),
        }
    }

    /// The same context with the SKP documents of the set.
    pub fn with_skps(mut self, skps: &'a [SkpDocument]) -> Self {
        self.skps = skps;
        // The words of the new set are split when first asked for.
        self.tokens = OnceLock::new();
        self
    }

    /// The same context with the index `T` already built (from the same documents, or from documents it reads
    /// the same of).
    pub fn with_index<T: Index>(self, index: Arc<T>) -> Self {
        let cell = Cell::default();
        let _ = cell.set(index as Arc<dyn Any + Send + Sync>);
        self.indexes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(TypeId::of::<T>(), cell);
        self
    }

    /// The index of type `T`, built on first use; concurrent callers wait for the one build.
    pub fn index<T: Index>(&self) -> Arc<T> {
        let cell = {
            let mut map = self.indexes.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(TypeId::of::<T>()).or_default().clone()
        };
        let any = cell
            .get_or_init(|| Arc::new(T::build(self)) as Arc<dyn Any + Send + Sync>)
            .clone();
        any.downcast::<T>().expect("index cell holds its own type")
    }

    /// The words of the context's texts, split on first use and then shared by every rule: in the per-file
    /// phase, those of the one document checked.
    pub fn tokens(&self) -> &tokens::Tokens<'a> {
        // The rules that read the table report what they find in it as the checked document's: a context of
        // several documents would give them the others' words.
        debug_assert!(
            self.documents.len() + self.skps.len() <= 1,
            "the word table is read by per-document checks, whose context holds their one document"
        );
        self.tokens
            .get_or_init(|| tokens::Tokens::new(self.documents, self.skps, self.data))
    }

    /// Start a finding of `rule`.
    pub fn report(&self, rule: &'static Rule, file: FileId, span: Span, args: &Args) -> Finding {
        rule.report(file, span, args)
    }

    pub fn source(&self, file: FileId) -> &str {
        &self.files.get(file).text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_and_names_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(seen.insert(rule.name), "duplicate name {}", rule.name);
            assert!(rule.code.starts_with(rule.family.prefix()), "{rule:?}");
            assert_eq!(rule.code.len(), 4, "{rule:?}");
            assert!(rule.code[1..].chars().all(|c| c.is_ascii_digit()), "{rule:?}");
            assert!(
                rule.name
                    .split('-')
                    .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn every_rule_has_docs_and_a_message_in_both_languages() {
        for lang in Lang::ALL {
            let catalog = Catalog::get(lang);
            for rule in all() {
                for key in ["summary", "what", "why", "bad", "good", "fix", "message"] {
                    let full = format!("{}.{key}", rule.code);
                    assert!(catalog.has(&full), "{full} missing in {lang:?}");
                }
            }
        }
    }

    #[test]
    fn messages_differ_between_languages() {
        for rule in all() {
            let en = rule.text(Lang::En, "message", &[]);
            let id = rule.text(Lang::Id, "message", &[]);
            assert_ne!(en, id, "{} has the same message in both languages", rule.code);
        }
    }
}
