//! The cache of the per-file phase: for each file, the [`FileFacts`] it gave, keyed by the file's content, and
//! valid only for the same ikilint version, rules turned on and rule data (built in and extra). A warm
//! run stats each file (size and modification time first, then a hash of the content when those changed) and
//! parses only what changed; the cross-file phase then runs on the facts.
//!
//! One cache file per configuration and set of paths linted together, in `.ikilint_cache/` beside
//! `ikilint.toml` or under the user's cache directory. It is written to a temporary file and renamed, so two runs
//! at once never leave a torn file, and read defensively: a truncated or corrupt file, or a corrupt entry, is
//! ignored (and rewritten by the run), never trusted.

use crate::data::Data;
use crate::per_file::FileFacts;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Changes whenever the layout of the file or of [`FileFacts`] changes.
const FORMAT: u32 = 8;
const MAGIC: &[u8; 8] = b"IKILINTC";
/// The name of the cache directory beside a configuration file.
pub const DIR_NAME: &str = ".ikilint_cache";

/// What a file was when its facts were made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when the system gives none).
    pub modified: u128,
    /// Named on the command line (always linted) rather than found by walking.
    pub explicit: bool,
}

impl Stamp {
    pub fn of(metadata: &std::fs::Metadata, explicit: bool) -> Stamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Stamp {
            size: metadata.len(),
            modified,
            explicit,
        }
    }
}

/// One file's entry: its stamp, the hash of its content, and its facts as stored (decoded only when used, and
/// only when they still have the checksum they were written with).
#[derive(Clone, Debug)]
pub struct Entry {
    pub stamp: Stamp,
    pub content: u64,
    pub facts: Vec<u8>,
    checksum: u64,
}

impl Entry {
    pub fn new(stamp: Stamp, content: u64, facts: &FileFacts) -> Option<Entry> {
        let facts = postcard::to_stdvec(facts).ok()?;
        Some(Entry {
            stamp,
            content,
            checksum: content_hash(&facts),
            facts,
        })
    }

    /// The same facts for a file whose stamp changed but whose content did not.
    pub fn restamped(self, stamp: Stamp) -> Entry {
        Entry { stamp, ..self }
    }

    /// The stored facts, or `None` when they are damaged or do not decode (such a file is linted afresh).
    pub fn decode(&self) -> Option<FileFacts> {
        if content_hash(&self.facts) != self.checksum {
            return None;
        }
        postcard::from_bytes(&self.facts).ok()
    }
}

/// The hash of a file's content.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Everything besides a file's content that its facts depend on. Not the language: facts hold their texts as
/// messages, put into words by the output, so one cache serves a run in either language.
pub fn key(enabled: &[&str], data: &Data) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    (FORMAT, env!("CARGO_PKG_VERSION"), enabled).hash(&mut hasher);
    for file in data.files() {
        (&file.name, &file.text).hash(&mut hasher);
    }
    hasher.finish()
}

/// The cache of one set of paths under one key.
#[derive(Debug)]
pub struct Cache {
    file: PathBuf,
    pub entries: HashMap<PathBuf, Entry>,
}

impl Cache {
    /// The cache for linting `paths` with `key` in `dir`; empty when there is none yet or it cannot be read.
    pub fn open(dir: &Path, key: u64, paths: &[PathBuf]) -> Cache {
        let mut hasher = std::hash::DefaultHasher::new();
        key.hash(&mut hasher);
        for path in paths {
            std::path::absolute(path)
                .unwrap_or_else(|_| path.clone())
                .hash(&mut hasher);
        }
        let file = dir.join(format!("{:016x}.bin", hasher.finish()));
        let entries = read_regular(&file)
            .and_then(|bytes| decode(&bytes, key))
            .unwrap_or_default();
        Cache { file, entries }
    }

    /// Write `entries` as the cache (a temporary file renamed over the old one); a cache that cannot be written
    /// is not an error of the run, so the failure is only returned.
    pub fn save(&self, key: u64, entries: &HashMap<PathBuf, Entry>) -> std::io::Result<()> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        // As ruff and cargo do: keep the cache out of version control and backups.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# Automatically created by ikilint.\n*\n")?;
            std::fs::write(
                dir.join("CACHEDIR.TAG"),
                "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by ikilint.\n",
            )?;
        }
        let mut out = tempfile::NamedTempFile::new_in(dir)?;
        let mut writer = std::io::BufWriter::new(out.as_file_mut());
        writer.write_all(&encode(key, entries))?;
        writer.flush()?;
        drop(writer);
        out.persist(&self.file).map_err(|e| e.error)?;
        prune(dir, KEPT);
        Ok(())
    }
}

/// How many cache files a cache directory keeps: one per configuration and set of paths, so a directory shared by
/// many repositories (the user's cache directory) keeps the ones used last and does not grow without end.
const KEPT: usize = 32;

/// Remove all but the `keep` most recently written cache files of `dir`.
fn prune(dir: &Path, keep: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    if files.len() <= keep {
        return;
    }
    files.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, path) in files.into_iter().skip(keep) {
        let _ = std::fs::remove_file(path);
    }
}

/// The cache directory of a run: beside the configuration file when there is one, else the user's cache
/// directory (`$XDG_CACHE_HOME/ikilint`, else `%LOCALAPPDATA%\ikilint` on Windows, else `~/.cache/ikilint`), else
/// none.
pub fn dir_for(config: Option<&Path>) -> Option<PathBuf> {
    if let Some(config) = config {
        return Some(config.parent().unwrap_or(Path::new(".")).join(DIR_NAME));
    }
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    env("XDG_CACHE_HOME")
        .or_else(|| if cfg!(windows) { env("LOCALAPPDATA") } else { None })
        .or_else(|| env("HOME").map(|home| home.join(".cache")))
        .map(|base| base.join("ikilint"))
}

/// Remove a cache directory; `Ok(false)` when there was none. Only a directory that ikilint made (it holds
/// ikilint's `CACHEDIR.TAG`) is removed, so a mistaken path never deletes a user's folder.
pub fn remove(dir: &Path) -> std::io::Result<bool> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
        Ok(m) if !m.is_dir() => return Err(std::io::Error::other("not a cache directory")),
        Ok(_) => {}
    }
    let tag = std::fs::read_to_string(dir.join("CACHEDIR.TAG")).unwrap_or_default();
    if !tag.contains("created by ikilint") {
        return Err(std::io::Error::other("not a cache directory made by ikilint"));
    }
    std::fs::remove_dir_all(dir)?;
    Ok(true)
}

/// The bytes of a regular file of sane size; anything else (a FIFO, a device, a directory) is no cache.
fn read_regular(path: &Path) -> Option<Vec<u8>> {
    let metadata = std::fs::metadata(path).ok()?;
    (metadata.is_file() && metadata.len() < 1 << 34).then(|| std::fs::read(path).ok())?
}

fn encode(key: u64, entries: &HashMap<PathBuf, Entry>) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.values().map(|e| e.facts.len() + 64).sum::<usize>() + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    let mut sorted: Vec<_> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (path, entry) in sorted {
        let path = path.to_string_lossy();
        out.extend_from_slice(&(path.len() as u64).to_le_bytes());
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(&entry.stamp.size.to_le_bytes());
        out.extend_from_slice(&entry.stamp.modified.to_le_bytes());
        out.push(u8::from(entry.stamp.explicit));
        out.extend_from_slice(&entry.content.to_le_bytes());
        out.extend_from_slice(&entry.checksum.to_le_bytes());
        out.extend_from_slice(&(entry.facts.len() as u64).to_le_bytes());
        out.extend_from_slice(&entry.facts);
    }
    out
}

/// A reader that fails on any byte missing rather than panicking.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
}

fn decode(bytes: &[u8], key: u64) -> Option<HashMap<PathBuf, Entry>> {
    let mut r = Reader(bytes);
    if r.take(8)? != MAGIC || u32::from_le_bytes(r.array()?) != FORMAT || r.u64()? != key {
        return None;
    }
    let count = r.len()?;
    let mut entries = HashMap::with_capacity(count.min(bytes.len() / 32));
    for _ in 0..count {
        let path_len = r.len()?;
        let path = PathBuf::from(std::str::from_utf8(r.take(path_len)?).ok()?);
        let stamp = Stamp {
            size: r.u64()?,
            modified: u128::from_le_bytes(r.array()?),
            explicit: r.take(1)?[0] != 0,
        };
        let content = r.u64()?;
        let checksum = r.u64()?;
        let facts_len = r.len()?;
        let facts = r.take(facts_len)?.to_vec();
        entries.insert(
            path,
            Entry {
                stamp,
                content,
                facts,
                checksum,
            },
        );
    }
    r.0.is_empty().then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> HashMap<PathBuf, Entry> {
        let stamp = Stamp {
            size: 10,
            modified: 12345,
            explicit: true,
        };
        let entry = Entry::new(stamp, 99, &FileFacts::default()).unwrap();
        HashMap::from([(PathBuf::from("/a/b.yaml"), entry)])
    }

    #[test]
    fn a_shared_cache_directory_keeps_the_files_used_last() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            let path = dir.path().join(format!("{i}.bin"));
            std::fs::write(&path, "x").unwrap();
            let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + i);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(at)
                .unwrap();
        }
        std::fs::write(dir.path().join(".gitignore"), "*").unwrap();
        prune(dir.path(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".gitignore", "3.bin", "4.bin"]);
    }

    #[test]
    fn entries_round_trip_and_a_truncated_or_foreign_file_is_no_cache() {
        let bytes = encode(7, &sample());
        let back = decode(&bytes, 7).expect("decodes");
        let entry = &back[Path::new("/a/b.yaml")];
        assert_eq!((entry.stamp.size, entry.stamp.modified, entry.content), (10, 12345, 99));
        assert!(entry.decode().is_some());
        assert!(decode(&bytes, 8).is_none(), "another key");
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], 7).is_none(), "truncated at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, 7).is_none(), "trailing bytes");
        // A damaged byte inside an entry's facts: the file still reads, the entry is not trusted.
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        let back = decode(&damaged, 7).expect("the layout is intact");
        assert!(back[Path::new("/a/b.yaml")].decode().is_none());
    }
}
