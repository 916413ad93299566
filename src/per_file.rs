//! The per-file phase of a run: read one file, parse it, read it against the schema, run the rules that look at
//! one document, and keep the small [`FileFacts`] that the cross-file phase needs. Files are independent here,
//! so this phase runs on all cores, and its output is exactly what the cache keeps.

use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::model::Document;
use crate::rules::{Context, DocumentCheck};
use crate::source::{FileId, Files, SourceFile};
use crate::suppress::{self, Anchor};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// The id every finding and the document of one file carry during the per-file phase (and in the cache); the
/// engine gives the file its place in the run afterwards.
pub const LOCAL: FileId = FileId(0);

/// What the per-file phase found in one file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FileFacts {
    /// Found by walking and not an IKI document: not linted, not counted.
    pub skipped: bool,
    /// Findings of reading the file and of the per-document rules, with file id [`LOCAL`].
    pub diagnostics: Vec<Diagnostic>,
    /// What the cross-file rules read of the document ([`Document::into_skeleton`]), with file id [`LOCAL`].
    pub document: Option<Document>,
    /// The per-document outcome of the rules whose findings depend on other files too.
    pub shared: SharedFacts,
    /// The anchors of the multi-line texts when the file may hold suppression comments; `None` when it has none.
    pub suppression: Option<Vec<(usize, Anchor)>>,
}

/// Facts of one document that rules join across files.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SharedFacts {
    /// Hashes of the words the document writes in lowercase letters only (T002 never reports a word that some
    /// document of the set writes as an ordinary lowercase word).
    pub lowercase_words: Vec<u64>,
    /// For each T002 finding: its index among the document's findings and the hash of its word, lowercased.
    pub term_words: Vec<(usize, u64)>,
}

/// The hash by which words are compared across files.
pub fn word_hash(word: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    word.hash(&mut hasher);
    hasher.finish()
}

/// Run the per-document `checks` on `document` (whose file is in `files`), appending their findings to `out`;
/// returns the document's [`SharedFacts`], with indexes counted from the start of `out`.
pub fn check_document(
    files: &Files,
    document: &Document,
    checks: &[DocumentCheck],
    lang: Lang,
    data: &Data,
    out: &mut Vec<Diagnostic>,
) -> SharedFacts {
    let cx = Context::new(files, std::slice::from_ref(document), lang, data);
    let first = out.len();
    for check in checks {
        check(&cx, document, out);
    }
    let mut lowercase_words = Vec::new();
    crate::rules::text::for_lowercase_word(document, |word| lowercase_words.push(word_hash(word)));
    lowercase_words.sort_unstable();
    lowercase_words.dedup();
    let source = files.get(document.file);
    let term_words = out[first..]
        .iter()
        .enumerate()
        .filter(|(_, d)| d.code == crate::rules::text::MISSPELLED_TERM.code)
        .map(|(i, d)| (i, word_hash(&source.slice(d.primary.span).to_lowercase())))
        .collect();
    SharedFacts {
        lowercase_words,
        term_words,
    }
}

/// The per-file phase for one file's bytes: the file as read (for showing findings) and its facts.
pub fn lint_file(
    name: String,
    bytes: Vec<u8>,
    explicit: bool,
    checks: &[DocumentCheck],
    lang: Lang,
    data: &Data,
) -> (SourceFile, FileFacts) {
    let loaded = crate::workspace::load_one(name, bytes, explicit, lang);
    let mut files = Files::new();
    let id = files.add(SourceFile::new(loaded.name, loaded.text));
    debug_assert_eq!(id, LOCAL);
    let mut diagnostics = loaded.diagnostics;
    for diagnostic in &mut diagnostics {
        diagnostic.set_file(LOCAL);
    }
    let source = files.get(LOCAL);
    let has_directives = suppress::may_have_directives(&source.text);
    let mut facts = FileFacts {
        skipped: loaded.skipped,
        suppression: has_directives.then(Vec::new),
        ..FileFacts::default()
    };
    if let Some(mut document) = loaded.document {
        document.file = LOCAL;
        facts.shared = check_document(&files, &document, checks, lang, data, &mut diagnostics);
        if has_directives {
            facts.suppression = Some(suppress::of_document(source, &document));
        }
        facts.document = Some(document.into_skeleton());
    }
    facts.diagnostics = diagnostics;
    let source = files.into_sources().pop().expect("the one file added above");
    (source, facts)
}
