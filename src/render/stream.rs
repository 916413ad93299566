//! Writing a run's findings one after the other, as the machine formats do: the findings of a few files at a time
//! are rendered on all cores, each file's text read for them only, and written in order. A province's output is
//! never held whole, nor the texts of all its files.

use crate::Report;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Files, SourceFile};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{self, Write};

/// The texts an output takes positions from while it renders the findings of one file: that file's, read for
/// them, and any other file's (a label in another file) through [`Files`].
pub struct Sources<'a> {
    pub files: &'a Files,
    read: (FileId, Cow<'a, SourceFile>),
}

impl<'a> Sources<'a> {
    /// The texts for the findings of `file`.
    pub fn of(files: &'a Files, file: FileId) -> Self {
        Sources {
            files,
            read: (file, files.read(file)),
        }
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        match &self.read {
            (read, source) if *read == id => source,
            _ => self.files.get(id),
        }
    }
}

/// How many files' findings are rendered at once per core: enough to keep every core busy between two writes,
/// few enough that what waits to be written stays small.
const FILES_PER_CORE: usize = 4;

/// Write every finding of `report` in order, `between` between two of them: `render` writes the findings of one
/// file (all of them, `between` between two: see [`each`]) with the texts that file's findings point into.
pub fn write_findings(
    report: &Report,
    out: &mut dyn Write,
    between: &[u8],
    render: impl Fn(&Sources, &[Diagnostic], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    // The findings are sorted by file first: each run of one file's findings is rendered with that file's text.
    let runs: Vec<&[Diagnostic]> = report
        .diagnostics
        .chunk_by(|a, b| a.primary.file == b.primary.file)
        .collect();
    let window = rayon::current_num_threads() * FILES_PER_CORE;
    let mut first = true;
    for group in runs.chunks(window) {
        let rendered: Vec<io::Result<Vec<u8>>> = group
            .par_iter()
            .map(|run| {
                let mut bytes = Vec::new();
                render(&Sources::of(&report.files, run[0].primary.file), run, &mut bytes)?;
                Ok(bytes)
            })
            .collect();
        for bytes in rendered {
            if !first {
                out.write_all(between)?;
            }
            first = false;
            out.write_all(&bytes?)?;
        }
    }
    Ok(())
}

/// Write each of `items` (a run's findings, with what goes with each) with `one`, `between` between two of them.
pub fn each<T>(
    items: impl IntoIterator<Item = T>,
    between: &[u8],
    bytes: &mut Vec<u8>,
    mut one: impl FnMut(T, &mut Vec<u8>) -> io::Result<()>,
) -> io::Result<()> {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            bytes.extend_from_slice(between);
        }
        one(item, bytes)?;
    }
    Ok(())
}
