//! Writing a run's findings one after the other, as the machine formats do: the findings of a few files at a time
//! are rendered on all cores, each file's text read for them only, and written in order. A province's output is
//! never held whole, nor the texts of all its files.

use crate::Report;
use crate::diagnostic::Diagnostic;
use crate::render::json::io_error;
use crate::source::{FileId, Files, SourceFile};
use rayon::prelude::*;
use serde::Serialize;
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
/// file (all of them, `between` between two) with the texts that file's findings point into.
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

/// How the elements of a pretty-printed JSON array of findings are laid out at their depth.
pub struct Elements {
    indent: Vec<u8>,
    between: Vec<u8>,
}

impl Elements {
    /// Write the value `value` makes of each of `items`, pretty-printed at the elements' depth, `,` and a line
    /// break between two of them.
    pub fn write_each<T, V: Serialize>(
        &self,
        items: impl IntoIterator<Item = T>,
        bytes: &mut Vec<u8>,
        mut value: impl FnMut(T) -> V,
    ) -> io::Result<()> {
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                bytes.extend_from_slice(&self.between);
            }
            write_pretty_at(&value(item), &self.indent, bytes)?;
        }
        Ok(())
    }
}

/// Write the findings of `report` as a pretty-printed JSON array at nesting `depth` (the document's own keys are at
/// depth 1), `[]` when there are none, as `serde_json` prints one: `render` writes one file's findings through
/// [`Elements::write_each`].
pub fn write_json_array(
    report: &Report,
    out: &mut dyn Write,
    depth: usize,
    render: impl Fn(&Sources, &[Diagnostic], &Elements, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    if report.diagnostics.is_empty() {
        return out.write_all(b"[]");
    }
    let indent = b"  ".repeat(depth + 1);
    let elements = Elements {
        between: [b",\n".as_slice(), &indent].concat(),
        indent,
    };
    out.write_all(b"[\n")?;
    out.write_all(&elements.indent)?;
    write_findings(report, out, &elements.between, |sources, run, bytes| {
        render(sources, run, &elements, bytes)
    })?;
    out.write_all(b"\n")?;
    out.write_all(&b"  ".repeat(depth))?;
    out.write_all(b"]")
}

/// `value` pretty-printed as it is at the nesting of `indent` (spaces) in a pretty-printed document: a JSON text
/// has no line break but between tokens, so each of its lines is moved right.
pub fn write_pretty_at(value: &impl Serialize, indent: &[u8], out: &mut Vec<u8>) -> io::Result<()> {
    let mut alone = Vec::new();
    serde_json::to_writer_pretty(&mut alone, value).map_err(io_error)?;
    for line in alone.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(line);
        if line.ends_with(b"\n") {
            out.extend_from_slice(indent);
        }
    }
    Ok(())
}
