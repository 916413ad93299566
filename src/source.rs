//! Source files as loaded, and the conversions between byte offsets and the line/column positions that users,
//! JSON consumers and editors see.

use crate::link_slot::LinkSlot;
use crate::office::{Origin, OriginMap};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// A byte range in one source file. `Copy`, unlike `Range<usize>`, because every model value carries one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// A sub-span given relative to this span's start (for a word inside a text value).
    pub fn sub(self, start: usize, end: usize) -> Span {
        Span::new(self.start + start, self.start + end)
    }

    /// The span after an edit of its file that moved every byte from offset `from` on by `delta`: each end at or
    /// after `from` moves, so a span that contains `from` grows or shrinks with the edit.
    pub fn shifted(self, from: usize, delta: isize) -> Span {
        let move_one = |offset: usize| {
            if offset >= from {
                offset.saturating_add_signed(delta)
            } else {
                offset
            }
        };
        Span::new(move_one(self.start), move_one(self.end))
    }
}

/// Index of a file in [`Files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct FileId(pub usize);

/// A 1-based position: `column` counts Unicode scalar values, as ruff and most linters report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it, or as found under a directory they gave.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line];
        let mut end = self.line_starts.get(line + 1).map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line]
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        Position {
            line: line + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }

    /// 0-based line and UTF-16 column, as the Language Server Protocol counts them.
    pub fn utf16_position(&self, offset: usize) -> (u32, u32) {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        (line as u32, column as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column; positions past the end of a line clamp to it.
    pub fn offset_of_utf16(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.line_starts.get(line as usize) else {
            return self.text.len();
        };
        let end = self.line_range(line as usize).end;
        let mut units = 0u32;
        for (i, ch) in self.text[start..end].char_indices() {
            if units >= column {
                return start + i;
            }
            units += ch.len_utf16() as u32;
        }
        end
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Every file of one run. Diagnostics refer to files by [`FileId`].
///
/// A file whose findings came from the cache was not read in this run: it is registered by name and path only,
/// and its text is read on first use (a renderer showing a finding, a fix), so that a warm run over a province
/// reads only the few files it must show.
#[derive(Debug, Default, Clone)]
pub struct Files {
    files: Vec<SourceFile>,
    /// Per file: where to read the text of a file registered without it, and the text once read.
    deferred: Vec<Option<Deferred>>,
    /// Per file with positions: the span of each position (or SKP) and its id, sorted by start.
    concerns: HashMap<FileId, Vec<(Span, Arc<str>)>>,
    /// Per office file: where each value of the YAML it was read as came from.
    origins: HashMap<FileId, OriginMap>,
    /// Per file registered without its text: where a link line can be added to its mappings with none.
    link_slots: HashMap<FileId, Vec<(usize, Option<LinkSlot>)>>,
}

#[derive(Debug, Clone)]
struct Deferred {
    path: std::path::PathBuf,
    /// The text shown for a file's bytes (an office file's is its imported YAML, never its zip bytes).
    shown: fn(&str, Vec<u8>) -> String,
    loaded: std::sync::OnceLock<SourceFile>,
}

impl Files {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.deferred.push(None);
        FileId(self.files.len() - 1)
    }

    /// Register a file without its text, which is read from `path` when first asked for (an unreadable file
    /// then reads as empty: its findings were made from the text the cache was filled with). `shown` turns the
    /// file's name and bytes into the text its findings point into.
    pub fn add_deferred(
        &mut self,
        name: String,
        path: std::path::PathBuf,
        shown: fn(&str, Vec<u8>) -> String,
    ) -> FileId {
        self.files.push(SourceFile::new(name, String::new()));
        self.deferred.push(Some(Deferred {
            path,
            shown,
            loaded: std::sync::OnceLock::new(),
        }));
        FileId(self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        match &self.deferred[id.0] {
            None => &self.files[id.0],
            Some(deferred) => deferred.loaded.get_or_init(|| self.load(id, deferred)),
        }
    }

    /// The text of file `id` for one use: a deferred file not read yet is read for the caller and not kept, so
    /// that an output streaming a province's findings holds only the texts of the files it is writing.
    pub fn read(&self, id: FileId) -> std::borrow::Cow<'_, SourceFile> {
        match &self.deferred[id.0] {
            Some(deferred) if deferred.loaded.get().is_none() => std::borrow::Cow::Owned(self.load(id, deferred)),
            _ => std::borrow::Cow::Borrowed(self.get(id)),
        }
    }

    fn load(&self, id: FileId, deferred: &Deferred) -> SourceFile {
        let name = &self.files[id.0].name;
        let text = std::fs::read(&deferred.path)
            .map(|bytes| (deferred.shown)(name, bytes))
            .unwrap_or_default();
        SourceFile::new(name.clone(), text)
    }

    /// The name of a file, without reading a deferred one.
    pub fn name(&self, id: FileId) -> &str {
        &self.files[id.0].name
    }

    /// Put a new version of file `id` in its place (the language server, after an edit); returns the old one.
    /// Put `file` in the place of file `id` (with its text: no longer deferred); returns what was there.
    pub fn replace(&mut self, id: FileId, file: SourceFile) -> SourceFile {
        let deferred = self.deferred[id.0].take();
        self.link_slots.remove(&id);
        let old = std::mem::replace(&mut self.files[id.0], file);
        deferred.and_then(|d| d.loaded.into_inner()).unwrap_or(old)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file with its text (deferred files are read).
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        (0..self.files.len()).map(|i| (FileId(i), self.get(FileId(i))))
    }

    /// The files, in order, each with its text (a deferred file as read, or empty when it was never read).
    pub fn into_sources(self) -> Vec<SourceFile> {
        self.files
            .into_iter()
            .zip(self.deferred)
            .map(|(file, deferred)| deferred.and_then(|d| d.loaded.into_inner()).unwrap_or(file))
            .collect()
    }

    /// Record which position (or SKP) each part of file `id` concerns: `(span, id)` pairs whose spans do not
    /// overlap, in any order.
    pub fn set_concerns(&mut self, id: FileId, mut concerns: Vec<(Span, Arc<str>)>) {
        concerns.sort_by_key(|(span, _)| span.start);
        self.concerns.insert(id, concerns);
    }

    /// The id of the position (or SKP) that holds `span` of file `id`, if one does.
    pub fn concern(&self, id: FileId, span: Span) -> Option<&str> {
        let concerns = self.concerns.get(&id)?;
        let before = concerns.partition_point(|(s, _)| s.start <= span.start);
        let (holder, name) = concerns[..before].last()?;
        (holder.end >= span.end).then_some(&**name)
    }

    /// Record where link lines can be added in file `id` ([`crate::link_slot::of_file`]), so that a fix needs
    /// no deferred file read again.
    pub fn set_link_slots(&mut self, id: FileId, slots: Vec<(usize, Option<LinkSlot>)>) {
        self.link_slots.insert(id, slots);
    }

    /// Where a link line can be added after the `uraian` value at `uraian` of file `id`: from the slots the
    /// per-file phase kept while the file's text is not read, else from its text.
    pub fn link_slot(&self, id: FileId, uraian: Span) -> Option<LinkSlot> {
        let unread = self.deferred[id.0].as_ref().is_some_and(|d| d.loaded.get().is_none());
        if unread
            && let Some(slots) = self.link_slots.get(&id)
            && let Ok(i) = slots.binary_search_by_key(&uraian.start, |(start, _)| *start)
        {
            return slots[i].1;
        }
        LinkSlot::find(&self.get(id).text, uraian)
    }

    /// Record where the values of office file `id` came from.
    pub fn set_origins(&mut self, id: FileId, origins: OriginMap) {
        self.origins.insert(id, origins);
    }

    /// Whether file `id` was read from an office file.
    pub fn has_origins(&self, id: FileId) -> bool {
        self.origins.contains_key(&id)
    }

    /// Where in its office file the value holding `span` of file `id` came from; `None` for a YAML file.
    pub fn origin(&self, id: FileId, span: Span) -> Option<Origin> {
        self.origins.get(&id)?.lookup(span)
    }

    /// Every file's id and name, without reading deferred files.
    pub fn names(&self) -> impl Iterator<Item = (FileId, &str)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f.name.as_str()))
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Files {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        (id.0 < self.files.len())
            .then(|| self.name(id))
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        (id.0 < self.files.len())
            .then(|| self.get(id).text.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.get(id).line_index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let file = self.get(id);
        if line_index >= file.line_count() {
            return Ok(file.text.len()..file.text.len());
        }
        let start = file.line_start(line_index);
        let end = file.line_starts.get(line_index + 1).copied().unwrap_or(file.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_concerns_the_position_whose_part_holds_it() {
        let mut files = Files::new();
        let id = files.add(SourceFile::new("a.yaml", "x".repeat(100)));
        files.set_concerns(
            id,
            vec![(Span::new(50, 100), "b".into()), (Span::new(10, 50), "a".into())],
        );
        assert_eq!(files.concern(id, Span::new(12, 20)), Some("a"));
        assert_eq!(files.concern(id, Span::new(50, 51)), Some("b"));
        assert_eq!(files.concern(id, Span::new(0, 5)), None);
        assert_eq!(
            files.concern(id, Span::new(40, 60)),
            None,
            "a span over two positions concerns neither"
        );
        assert_eq!(files.concern(FileId(7), Span::new(12, 20)), None);
    }

    /// An output streaming a province's findings reads each file for them and keeps nothing; what was read for
    /// keeps (`get`) is then lent as it is.
    #[test]
    fn a_deferred_file_read_for_one_use_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "a: 1\n").unwrap();
        let mut files = Files::new();
        let id = files.add_deferred("a.yaml".into(), path.clone(), |_, bytes| {
            String::from_utf8(bytes).unwrap()
        });
        assert!(matches!(files.read(id), std::borrow::Cow::Owned(_)));
        assert_eq!(files.read(id).text, "a: 1\n");
        std::fs::write(&path, "a: 2\n").unwrap();
        assert_eq!(files.read(id).text, "a: 2\n", "read again, not kept");
        assert_eq!(files.get(id).text, "a: 2\n");
        std::fs::write(&path, "a: 3\n").unwrap();
        assert!(matches!(files.read(id), std::borrow::Cow::Borrowed(_)));
        assert_eq!(files.read(id).text, "a: 2\n", "what `get` kept is lent");
    }

    #[test]
    fn positions_count_characters_and_handle_crlf() {
        let file = SourceFile::new("a.yaml", "a: é\r\nbb: x\n");
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        assert_eq!(file.position(5), Position { line: 1, column: 5 });
        assert_eq!(file.position(7), Position { line: 2, column: 1 });
        assert_eq!(file.line_range(0), 0..5);
        assert_eq!(file.utf16_position(11), (1, 4));
        assert_eq!(file.offset_of_utf16(1, 4), 11);
        assert_eq!(file.offset_of_utf16(0, 99), 5);
    }
}
