//! Finding, reading and parsing the files of one run, in parallel, into one set of documents.

use crate::diagnostic::Diagnostic;
use crate::message::Message;
use crate::model::Document;
use crate::rules::structure::YAML_SYNTAX;
use crate::schema;
use crate::skp::SkpDocument;
use crate::source::{FileId, Files, SourceFile, Span};
use crate::yaml::{ParseError, Problem};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Everything linted together.
#[derive(Debug, Default)]
pub struct Workspace {
    pub files: Files,
    pub documents: Vec<Document>,
    /// The SKP documents (SPEC.md section 6), linted with the IKI documents as one set.
    pub skps: Vec<SkpDocument>,
    /// Findings of reading and parsing (S001, S002, S003, S005, S006).
    pub diagnostics: Vec<Diagnostic>,
    /// The YAML files found by walking that are not IKI documents (for `--verbose` and the no-document warning).
    pub skipped: Vec<String>,
}

/// A path that could not be linted: the run stops with exit code 2.
#[derive(Debug)]
pub struct PathError {
    pub path: PathBuf,
    /// Why, as a text of the `common` catalogue or the system's own words, put into words by the output.
    pub reason: Message,
}

pub(crate) use crate::paths::io_reason;

impl PathError {
    /// `path` could not be linted for `reason`, a key of the catalogue or the system's own words.
    pub fn new(path: PathBuf, reason: &str) -> PathError {
        PathError {
            path,
            reason: Message::new(reason, &[]),
        }
    }
}

/// A file to lint, with whether it was named by the user (always linted) or found by walking (linted only when
/// it is an IKI document).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub explicit: bool,
}

fn is_yaml(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// A file a walk picks up: YAML, or an office document (a `.txt` is linted only when it turns out to be an IKI).
fn is_lintable(path: &Path) -> bool {
    is_yaml(path) || crate::office::Format::of_name(&path.to_string_lossy()).is_some()
}

/// The YAML and office files under `paths`: directories walked recursively honouring `.gitignore`, `.ignore` and hidden
/// files as git would; files named directly are kept whatever their extension. Sorted, without repeats.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Candidate>, PathError> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| PathError::new(path.clone(), &io_reason(&e)))?;
        // Anything but a folder named by the user is a file to lint: one that is not a regular file (a FIFO, a
        // device) is then an error naming it, not a folder walked to nothing.
        if !meta.is_dir() {
            found.push(Candidate {
                path: path.clone(),
                explicit: true,
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(path).require_git(false).build();
        for entry in walker {
            let entry = entry.map_err(|e| PathError::new(path.clone(), &e.to_string()))?;
            if entry.file_type().is_some_and(|t| t.is_file()) && is_lintable(entry.path()) {
                found.push(Candidate {
                    path: entry.into_path(),
                    explicit: false,
                });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path).then(b.explicit.cmp(&a.explicit)));
    found.dedup_by(|later, earlier| later.path == earlier.path);
    Ok(found)
}

/// One file read, parsed and read against the schema, before it gets its [`FileId`]: files are processed in
/// parallel and only the ones that are linted get an id, so findings carry [`PENDING`] until then.
pub(crate) struct Loaded {
    pub name: String,
    pub text: String,
    /// Found by walking and not an IKI document.
    pub skipped: bool,
    pub document: Option<Document>,
    pub skp: Option<SkpDocument>,
    pub diagnostics: Vec<Diagnostic>,
    /// For an office file: where each value of its imported YAML (`text`) came from.
    pub origins: Option<crate::office::OriginMap>,
    /// An office file that could not be read at all: the reason (a named file stops the run with it).
    pub unreadable: Option<Message>,
}

const PENDING: FileId = FileId(usize::MAX);

fn display_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Read the bytes of a file as UTF-8 (a BOM is kept in the text and skipped by the parser); invalid UTF-8 is
/// reported at its first bad byte, with the text shown lossily. The span is in that text: the whole U+FFFD that
/// stands for the bad bytes (a span of the bad byte alone would end inside that character).
fn decode(bytes: Vec<u8>) -> (String, Option<Span>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8())),
            )
        }
    }
}

pub(crate) fn load_one(name: String, bytes: Vec<u8>, explicit: bool) -> Loaded {
    let (text, bad_utf8) = decode(bytes);
    let mut loaded = Loaded {
        name,
        text: String::new(),
        skipped: false,
        document: None,
        skp: None,
        diagnostics: Vec::new(),
        origins: None,
        unreadable: None,
    };
    // Each typed reader takes only a valid document of its own kind (a key of the other kind is unknown to it), so
    // the order they are tried in changes nothing but the time: an SKP, which says so on a line of its own, is
    // tried as one first.
    let says_skp = text.starts_with("skp:") || text.contains("\nskp:");
    if let Some(span) = bad_utf8 {
        loaded.diagnostics.push(utf8_finding(span));
    } else if let Some(skp) = says_skp.then(|| crate::typed::read_skp(&text, PENDING)).flatten() {
        loaded.skp = Some(skp);
    } else if let Some(document) = crate::typed::read(&text, PENDING) {
        loaded.document = Some(document);
    } else if let Some(skp) = (!says_skp).then(|| crate::typed::read_skp(&text, PENDING)).flatten() {
        loaded.skp = Some(skp);
    } else {
        match crate::yaml::parse(&text) {
            Ok(None) if explicit => schema::report_empty_file(PENDING, &mut loaded.diagnostics),
            Ok(Some(root)) if schema::is_skp_document(&root) => {
                if schema::is_iki_document(&root) {
                    schema::report_both_kinds(PENDING, &root, &mut loaded.diagnostics);
                } else {
                    loaded.skp = Some(crate::skp::read::read_skp(
                        PENDING,
                        &text,
                        &root,
                        &mut loaded.diagnostics,
                    ));
                }
            }
            Ok(Some(root)) if explicit || schema::is_iki_document(&root) => {
                loaded.document = Some(schema::read_document(PENDING, &text, &root, &mut loaded.diagnostics));
            }
            Ok(_) => loaded.skipped = true,
            // A broken file found by walking may be an IKI document whose key line is the broken one: report it
            // rather than skip it silently.
            Err(e) => loaded.diagnostics.push(syntax_finding(&e)),
        }
    }
    loaded.text = text;
    loaded
}

/// A file read from disk: an office file (by its name) is imported and its YAML loaded in its place, the
/// importer's findings added; any other file is loaded as YAML.
pub(crate) fn load_file(name: String, bytes: Vec<u8>, explicit: bool) -> Loaded {
    let Some(format) = crate::office::Format::of_name(&name) else {
        return load_one(name, bytes, explicit);
    };
    let imported = match crate::office::import(format, &name, &bytes) {
        Ok(imported) => imported,
        // A text found by walking that cannot be read is not taken for an IKI document.
        Err(_) if !explicit && format == crate::office::Format::Text => return skipped(name),
        Err(error) => {
            let reason = error.message();
            let mut loaded = unreadable(name, &reason);
            loaded.unreadable = Some(reason);
            return loaded;
        }
    };
    if imported.positions == 0 && !explicit && format == crate::office::Format::Text {
        return skipped(name);
    }
    let mut loaded = load_one(name, imported.yaml.into_bytes(), explicit);
    if let Some(skp) = &mut loaded.skp {
        for printed in &imported.printed {
            if let Some(rhk) = skp.rhk.get_mut(printed.rhk) {
                rhk.printed = Some(crate::model::Sp::new(printed.text.clone(), printed.span));
            }
        }
    }
    for problem in &imported.problems {
        loaded.diagnostics.push(import_finding(problem));
    }
    loaded.origins = Some(imported.origins);
    loaded
}

fn skipped(name: String) -> Loaded {
    Loaded {
        name,
        text: String::new(),
        skipped: true,
        document: None,
        skp: None,
        diagnostics: Vec::new(),
        origins: None,
        unreadable: None,
    }
}

/// An import problem as the finding of its S rule, naming the place in the office file.
fn import_finding(problem: &crate::office::Problem) -> Diagnostic {
    let rule = crate::rules::structure::of_import(problem.kind);
    let at = problem.origin.place();
    let mut args: Vec<(&'static str, &dyn crate::message::ToArg)> = vec![("at", &at)];
    for (key, value) in &problem.args {
        // The importer names its arguments from a few literals; a name past what interning keeps is no argument.
        args.extend(crate::diagnostic::intern(key).map(|key| (key, value as &dyn crate::message::ToArg)));
    }
    let finding = rule.report(PENDING, problem.span, &args);
    let finding = match problem.args.iter().find(|(k, _)| k == "detail") {
        Some((_, detail)) => finding.message(&format!("message-{detail}"), &args),
        None => finding,
    };
    finding.label("label", &args).help("help", &args).build()
}

/// The text shown for a file's findings: an office file's imported YAML (re-imported when a cached run shows
/// it), any other file's bytes as UTF-8.
pub fn shown_text(name: &str, bytes: Vec<u8>) -> String {
    if let Some(format) = crate::office::Format::of_name(name) {
        return crate::office::import(format, name, &bytes)
            .map(|imported| imported.yaml)
            .unwrap_or_default();
    }
    // Valid UTF-8, as almost every file is, becomes the text without a copy.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Load the files in `candidates` (read and parsed in parallel) as one set. A file named by the user that cannot
/// be read stops the run; one found by walking is a finding, and the others are still linted.
pub fn load(candidates: &[Candidate]) -> Result<Workspace, PathError> {
    let loaded: Vec<Result<Loaded, PathError>> = candidates
        .par_iter()
        .map(|c| match crate::fsread::read(&c.path, crate::fsread::Kind::Document) {
            Ok(bytes) => {
                let loaded = load_file(display_name(&c.path), bytes, c.explicit);
                match &loaded.unreadable {
                    Some(reason) if c.explicit => Err(PathError {
                        path: c.path.clone(),
                        reason: reason.clone(),
                    }),
                    _ => Ok(loaded),
                }
            }
            Err(reason) if !c.explicit => Ok(unreadable(display_name(&c.path), &Message::new(&reason, &[]))),
            Err(reason) => Err(PathError::new(c.path.clone(), &reason)),
        })
        .collect();
    let loaded = loaded.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(assemble(loaded))
}

/// Load in-memory sources (an editor's open buffers), by name, as one set.
pub fn load_sources(sources: Vec<(String, String)>) -> Workspace {
    load_bytes(
        sources
            .into_iter()
            .map(|(name, text)| (name, text.into_bytes()))
            .collect(),
    )
}

/// Load in-memory files `(name, bytes)` as one set, each as if named on the command line: bytes that are not
/// UTF-8 are reported as they are when read from disk, and a Word, Excel or text file (by its name) is imported.
pub fn load_bytes(sources: Vec<(String, Vec<u8>)>) -> Workspace {
    let loaded = sources
        .into_par_iter()
        .map(|(name, bytes)| load_file(name, bytes, true))
        .collect();
    assemble(loaded)
}

fn assemble(loaded: Vec<Loaded>) -> Workspace {
    let mut workspace = Workspace::default();
    let (skipped, loaded): (Vec<Loaded>, Vec<Loaded>) = loaded.into_iter().partition(|l| l.skipped);
    workspace.skipped = skipped.into_iter().map(|l| l.name).collect();
    for item in loaded {
        let id = workspace.files.add(SourceFile::new(item.name, item.text));
        if let Some(origins) = item.origins {
            workspace.files.set_origins(id, origins);
        }
        if let Some(mut document) = item.document {
            document.file = id;
            workspace.documents.push(document);
        }
        if let Some(mut skp) = item.skp {
            skp.file = id;
            workspace.skps.push(skp);
        }
        for mut diagnostic in item.diagnostics {
            diagnostic.set_file(id);
            workspace.diagnostics.push(diagnostic);
        }
    }
    workspace
}

fn syntax_finding(error: &ParseError) -> Diagnostic {
    let finding = YAML_SYNTAX.report(PENDING, error.span, &[("detail", &error.message)]);
    let limit = |note: &str| {
        YAML_SYNTAX
            .report(PENDING, error.span, &[])
            .message("message-budget", &[])
            .label("label", &[])
            .note(note, &[])
            .help("help-budget", &[])
    };
    match error.problem {
        Problem::Syntax => finding.label("label", &[]).help("help", &[]),
        Problem::SeveralDocuments => finding
            .message("message-documents", &[])
            .label("label-documents", &[])
            .help("help-documents", &[]),
        Problem::TooDeep => limit("note-depth"),
        Problem::Expansion => limit("note-expansion"),
        Problem::TooLarge => limit("note-size"),
    }
    .build()
}

/// A file found by walking that could not be read: linted as empty, with the reason at its start.
pub(crate) fn unreadable(name: String, reason: &Message) -> Loaded {
    let finding = YAML_SYNTAX
        .report(PENDING, Span::new(0, 0), &[])
        .message("message-unreadable", &[("reason", reason)])
        .label("label-unreadable", &[])
        .help("help-unreadable", &[])
        .build();
    Loaded {
        name,
        text: String::new(),
        skipped: false,
        document: None,
        skp: None,
        diagnostics: vec![finding],
        origins: None,
        unreadable: None,
    }
}

/// A file that is not UTF-8, located at its first bad byte.
fn utf8_finding(span: Span) -> Diagnostic {
    YAML_SYNTAX
        .report(PENDING, span, &[])
        .message("message-utf8", &[])
        .label("label-utf8", &[])
        .help("help-utf8", &[])
        .build()
}
