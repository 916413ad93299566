//! The cache of the per-file phase: for each file, the [`FileFacts`] it gave, keyed by the file's content, and
//! valid only for the same ikilint version, rules turned on and rule data (built in and extra). A warm
//! run stats each file (size and modification time first, then a hash of the content when those changed) and
//! parses only what changed; the cross-file phase then runs on the facts, unless the findings it gave last on the
//! same facts are kept ([`KeptSet`]).
//!
//! One entry file per linted file, in a folder per key (configuration, version, rule data), in `.ikilint_cache/`
//! beside `ikilint.toml` or under the user's cache directory (see [`Cache`]): a warm run reads each entry beside
//! its file, in parallel, and a changed file rewrites only its own entry. A truncated or corrupt entry is ignored
//! (and rewritten by the run), never trusted. Beside the entries, the findings of the cross-file rules of each set
//! of files linted (`set-<hash of the names>.bin`).

use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::per_file::{FileFacts, OwnFacts, SetFacts, Tally};
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

/// Changes whenever the layout of the file or of [`FileFacts`] changes.
const FORMAT: u32 = 10;
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

/// One file's entry: its stamp, the hash of its content, and its facts as stored in three parts (a [`Tally`] of its
/// findings, its [`OwnFacts`], its [`SetFacts`]), each decoded only when used and only when it still has the
/// checksum it was written with. The checksum of the cross-file part says whether a file changed what the
/// cross-file phase reads ([`Entry::set_hash`]).
#[derive(Clone, Debug)]
pub struct Entry {
    pub stamp: Stamp,
    pub content: u64,
    tally: Part,
    own: Part,
    set: Part,
}

/// One part of a file's facts, encoded, with the checksum of its bytes.
#[derive(Clone, Debug)]
struct Part {
    bytes: Vec<u8>,
    checksum: u64,
}

impl Part {
    fn of<T: serde::Serialize>(value: &T) -> Option<Part> {
        let bytes = postcard::to_stdvec(value).ok()?;
        Some(Part {
            checksum: content_hash(&bytes),
            bytes,
        })
    }

    /// Whether the bytes still have the checksum they were written with.
    fn intact(&self) -> bool {
        content_hash(&self.bytes) == self.checksum
    }

    fn decode<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.intact().then(|| postcard::from_bytes(&self.bytes).ok()).flatten()
    }
}

impl Entry {
    pub fn new(stamp: Stamp, content: u64, facts: &FileFacts) -> Option<Entry> {
        Some(Entry {
            stamp,
            content,
            tally: Part::of(&Tally::of(&facts.own))?,
            own: Part::of(&facts.own)?,
            set: Part::of(&facts.set)?,
        })
    }

    /// The same facts for a file whose stamp changed but whose content did not.
    pub fn restamped(self, stamp: Stamp) -> Entry {
        Entry { stamp, ..self }
    }

    /// What the cross-file phase reads of the file, decoded; `None` when damaged.
    pub fn set_facts(&self) -> Option<SetFacts> {
        self.set.decode()
    }

    /// How many findings of each code the file has, without them ([`Tally`]); `None` when damaged.
    pub fn tally(&self) -> Option<Tally> {
        self.tally.decode()
    }

    /// The hash of what the cross-file phase reads of the file: the checksum it was written with (its bytes are
    /// checked when decoded, [`Entry::set_facts`]; a run that takes the kept cross-file findings never reads them).
    pub fn set_hash(&self) -> u64 {
        self.set.checksum
    }

    /// The stored facts, or `None` when they are damaged or do not decode.
    #[cfg(test)]
    pub fn decode(&self) -> Option<FileFacts> {
        Some(FileFacts {
            own: self.own.decode()?,
            set: self.set.decode()?,
        })
    }

    /// The file's own facts, or `None` as [`decode`](Self::decode).
    pub fn own(&self) -> Option<OwnFacts> {
        self.own.decode()
    }
}

/// The hash of what the cross-file phase reads of a file, as [`Entry::set_hash`] gives it for a stored one.
pub fn set_hash(set: &SetFacts) -> Option<u64> {
    Part::of(set).map(|part| part.checksum)
}

/// The findings of the cross-file rules of one run over a set of files, kept with what each file's cross-file
/// facts hashed to ([`Entry::set_hash`]), in run order: a later run over the same files whose facts hash alike, or
/// only moved ([`crate::span_shape::Shift`]), takes them instead of running those rules.
#[derive(Debug)]
pub struct KeptSet {
    pub hashes: Vec<u64>,
    /// The findings, still encoded: a run whose facts do not fit them never decodes them.
    findings: Vec<u8>,
}

impl KeptSet {
    /// The kept findings; `None` when they do not decode.
    pub fn diagnostics(&self) -> Option<Vec<Diagnostic>> {
        postcard::from_bytes(&self.findings).ok()
    }
}

/// The hash of the names of the files of a run, in run order: each set of files linted keeps its own findings of
/// the cross-file rules.
pub fn files_key<'a>(names: impl Iterator<Item = &'a str>) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for name in names {
        name.hash(&mut hasher);
    }
    hasher.finish()
}

fn kept_set_file(files: u64) -> String {
    format!("set-{files:016x}.bin")
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

/// How long an entry of a file that no run has linted stays: a file deleted or renamed leaves its entry behind,
/// and the entries of a key's folder not used for this long are removed after a run that wrote one.
const UNUSED_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

/// An entry used again is marked as used (its modification time set) at most once in this interval, so that a
/// warm run writes almost nothing.
const MARK_USED_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The entries of one key: one file per linted file in a folder of its own, `<dir>/<key>/<path hash>.bin`, so
/// that a run reads and decodes each entry beside its file (in parallel, holding no other) and a changed file
/// rewrites only its own entry. Each entry is written to a temporary file and renamed, so two runs at once never
/// leave a torn one, and read defensively: an entry of another key or path, truncated or damaged, is no entry.
#[derive(Debug)]
pub struct Cache {
    /// The cache folder (with `.gitignore` and `CACHEDIR.TAG`).
    root: PathBuf,
    /// The folder of this key's entries.
    dir: PathBuf,
    key: u64,
    /// Whether the folders exist (made once, by the first entry written).
    made: OnceLock<bool>,
    wrote: AtomicBool,
}

impl Cache {
    /// The cache of the entries made with `key` in the cache folder `dir`; nothing is read until asked.
    pub fn open(dir: &Path, key: u64) -> Cache {
        Cache {
            root: dir.to_path_buf(),
            dir: dir.join(format!("{key:016x}")),
            key,
            made: OnceLock::new(),
            wrote: AtomicBool::new(false),
        }
    }

    fn entry_file(&self, path: &Path) -> PathBuf {
        let mut hasher = std::hash::DefaultHasher::new();
        path.hash(&mut hasher);
        self.dir.join(format!("{:016x}.bin", hasher.finish()))
    }

    /// The entry of the file at the absolute `path`, when there is a sound one.
    pub fn get(&self, path: &Path) -> Option<Entry> {
        decode_entry(&read_used(&self.entry_file(path))?, self.key, path)
    }

    /// The findings of the cross-file rules kept for the files of `files` ([`files_key`]), when they are sound.
    pub fn get_set(&self, files: u64) -> Option<KeptSet> {
        let bytes = read_used(&self.dir.join(kept_set_file(files)))?;
        let mut r = Reader(&bytes);
        r.header(self.key)?;
        if r.u64()? != files {
            return None;
        }
        let part = r.part()?;
        if !r.0.is_empty() {
            return None;
        }
        if !part.intact() {
            return None;
        }
        // Written as the pair (hashes, findings): the hashes are read first, and the findings after them only
        // when asked for.
        let (hashes, findings) = postcard::take_from_bytes::<Vec<u64>>(&part.bytes).ok()?;
        Some(KeptSet {
            hashes,
            findings: findings.to_vec(),
        })
    }

    /// The files keys of the findings of the cross-file rules kept in this key's folder.
    #[cfg(test)]
    pub fn kept_sets(&self) -> Vec<u64> {
        let names = std::fs::read_dir(&self.dir).into_iter().flatten().flatten();
        names
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let files = name.strip_prefix("set-")?.strip_suffix(".bin")?;
                u64::from_str_radix(files, 16).ok()
            })
            .collect()
    }

    /// Keep `diagnostics` as the findings of the cross-file rules of the files of `files`, whose cross-file facts
    /// hash to `hashes`, in place of those of an earlier run over the same files.
    pub fn put_set(&self, files: u64, hashes: &[u64], diagnostics: &[Diagnostic]) -> std::io::Result<()> {
        let part =
            Part::of(&(hashes, diagnostics)).ok_or_else(|| std::io::Error::other("findings that do not encode"))?;
        let mut bytes = Vec::with_capacity(part.bytes.len() + 48);
        encode_header(&mut bytes, self.key);
        bytes.extend_from_slice(&files.to_le_bytes());
        encode_part(&mut bytes, &part);
        self.write(&self.dir.join(kept_set_file(files)), &bytes)
    }

    /// Keep `entry` as the entry of the file at the absolute `path`. A cache that cannot be written only makes the
    /// next run slower, so a failure is only returned.
    pub fn put(&self, path: &Path, entry: &Entry) -> std::io::Result<()> {
        self.write(&self.entry_file(path), &encode_entry(self.key, path, entry))
    }

    /// Write `bytes` to `file` of this key's folder through a temporary file renamed over it.
    fn write(&self, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if !*self.made.get_or_init(|| self.make_folders().is_ok()) {
            return Err(std::io::Error::other("the cache folder cannot be made"));
        }
        let mut out = tempfile::NamedTempFile::new_in(&self.dir)?;
        out.write_all(bytes)?;
        out.persist(file).map_err(|e| e.error)?;
        self.wrote.store(true, Ordering::Relaxed);
        Ok(())
    }

    fn make_folders(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        // As ruff and cargo do: keep the cache out of version control and backups.
        let ignore = self.root.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# Automatically created by ikilint.\n*\n")?;
            std::fs::write(
                self.root.join("CACHEDIR.TAG"),
                "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by ikilint.\n",
            )?;
        }
        Ok(())
    }

    /// After a run: mark this key's folder as used, and when the run wrote an entry, remove what no run uses any
    /// more (the folders of the keys used longest ago, beyond [`KEPT`], and entries unused for [`UNUSED_FOR`]).
    pub fn finish(&self) {
        if let Ok(folder) = std::fs::File::open(&self.dir) {
            // Where a folder cannot be opened as a file (Windows), its writes alone date it.
            let _ = folder.set_modified(SystemTime::now());
        }
        if self.wrote.load(Ordering::Relaxed) {
            prune_keys(&self.root, KEPT);
            prune_entries(&self.dir, UNUSED_FOR);
        }
    }
}

/// The bytes of a file of the cache, marked as used (its modification time set, at most once a
/// [`MARK_USED_AFTER`]) so that pruning keeps it; `None` when it is not a regular file of a sane size.
fn read_used(file: &Path) -> Option<Vec<u8>> {
    // Looked at before it is opened: opening a FIFO put in its place would wait for a writer for ever.
    if !std::fs::metadata(file).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut handle = std::fs::File::open(file).ok()?;
    let metadata = handle.metadata().ok()?;
    if !metadata.is_file() || metadata.len() >= MAX_ENTRY {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).ok()?);
    handle.read_to_end(&mut bytes).ok()?;
    let now = SystemTime::now();
    let stale = metadata
        .modified()
        .is_ok_and(|at| now.duration_since(at).unwrap_or_default() > MARK_USED_AFTER);
    if stale {
        // An entry used again must outlive the pruning of unused ones; failing to mark it only costs a re-read.
        let _ = handle.set_modified(now);
    }
    Some(bytes)
}

/// An entry larger than this is no entry (a file of the cache folder replaced by something else).
const MAX_ENTRY: u64 = 1 << 32;

/// How many keys' folders a cache folder keeps: one per configuration, rule data and version of ikilint,
/// so a folder shared by many repositories (the user's cache folder) keeps the ones used last and does not grow
/// without end.
const KEPT: usize = 32;

fn is_key_folder(name: &str) -> bool {
    name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Remove all but the `keep` most recently used key folders of the cache folder `root`, and the single cache files
/// of earlier versions of ikilint (`*.bin` beside them).
fn prune_keys(root: &Path, keep: usize) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut folders: Vec<(SystemTime, PathBuf)> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(metadata) = entry.metadata() else { continue };
        if metadata.is_dir() && is_key_folder(&name) {
            folders.push((metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH), path));
        } else if metadata.is_file() && name.ends_with(".bin") {
            let _ = std::fs::remove_file(path);
        }
    }
    if folders.len() <= keep {
        return;
    }
    folders.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, path) in folders.into_iter().skip(keep) {
        let _ = std::fs::remove_dir_all(path);
    }
}

/// Remove the entries of the key folder `dir` unused for `age`, and temporary files left by a run that stopped
/// while writing (older than an hour).
fn prune_entries(dir: &Path, age: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let limit = if name.ends_with(".bin") {
            age
        } else if name.starts_with(".tmp") {
            Duration::from_secs(3600)
        } else {
            continue;
        };
        let unused = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|at| now.duration_since(at).unwrap_or_default() > limit);
        if unused {
            let _ = std::fs::remove_file(entry.path());
        }
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

fn encode_entry(key: u64, path: &Path, entry: &Entry) -> Vec<u8> {
    let path = path.to_string_lossy();
    let parts = entry.tally.bytes.len() + entry.own.bytes.len() + entry.set.bytes.len();
    let mut out = Vec::with_capacity(parts + path.len() + 128);
    encode_header(&mut out, key);
    out.extend_from_slice(&(path.len() as u64).to_le_bytes());
    out.extend_from_slice(path.as_bytes());
    out.extend_from_slice(&entry.stamp.size.to_le_bytes());
    out.extend_from_slice(&entry.stamp.modified.to_le_bytes());
    out.push(u8::from(entry.stamp.explicit));
    out.extend_from_slice(&entry.content.to_le_bytes());
    for part in [&entry.tally, &entry.own, &entry.set] {
        encode_part(&mut out, part);
    }
    out
}

/// What every file of the cache starts with: the magic bytes, the format and the key it was written under.
fn encode_header(out: &mut Vec<u8>, key: u64) {
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
}

fn encode_part(out: &mut Vec<u8>, part: &Part) {
    out.extend_from_slice(&part.checksum.to_le_bytes());
    out.extend_from_slice(&(part.bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(&part.bytes);
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

    /// The header written by [`encode_header`], when it is this format's under `key`.
    fn header(&mut self, key: u64) -> Option<()> {
        let ours = self.take(MAGIC.len())? == MAGIC && u32::from_le_bytes(self.array()?) == FORMAT;
        (ours && self.u64()? == key).then_some(())
    }

    /// A part written by [`encode_part`] (whether its bytes are intact is checked when they are decoded).
    fn part(&mut self) -> Option<Part> {
        let checksum = self.u64()?;
        let len = self.len()?;
        Some(Part {
            bytes: self.take(len)?.to_vec(),
            checksum,
        })
    }
}

/// The entry written by [`encode_entry`] for `path` under `key`; `None` for anything else (another format, key
/// or path, a file cut short or longer). Whether its facts are intact is checked when they are decoded.
fn decode_entry(bytes: &[u8], key: u64, path: &Path) -> Option<Entry> {
    let mut r = Reader(bytes);
    r.header(key)?;
    let path_len = r.len()?;
    // Two paths whose names hash alike never take each other's entry.
    if r.take(path_len)? != path.to_string_lossy().as_bytes() {
        return None;
    }
    let stamp = Stamp {
        size: r.u64()?,
        modified: u128::from_le_bytes(r.array()?),
        explicit: r.take(1)?[0] != 0,
    };
    let content = r.u64()?;
    let tally = r.part()?;
    let own = r.part()?;
    let set = r.part()?;
    r.0.is_empty().then_some(Entry {
        stamp,
        content,
        tally,
        own,
        set,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        let stamp = Stamp {
            size: 10,
            modified: 12345,
            explicit: true,
        };
        Entry::new(stamp, 99, &FileFacts::default()).unwrap()
    }

    fn age(path: &Path, seconds_ago: u64) {
        let at = SystemTime::now() - Duration::from_secs(seconds_ago);
        std::fs::File::open(path).unwrap().set_modified(at).unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut left: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        left
    }

    #[test]
    fn a_shared_cache_folder_keeps_the_keys_used_last_and_drops_old_single_files() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5u64 {
            let folder = dir.path().join(format!("{i:016x}"));
            std::fs::create_dir(&folder).unwrap();
            std::fs::write(folder.join("e.bin"), "x").unwrap();
            age(&folder, 1000 - i);
        }
        std::fs::write(dir.path().join("0123456789abcdef.bin"), "a cache of FORMAT 7").unwrap();
        std::fs::create_dir(dir.path().join("notes")).unwrap();
        std::fs::write(dir.path().join(".gitignore"), "*").unwrap();
        prune_keys(dir.path(), 2);
        assert_eq!(
            names(dir.path()),
            [".gitignore", "0000000000000003", "0000000000000004", "notes"]
        );
    }

    #[test]
    fn entries_unused_for_long_and_stale_temporary_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for (name, seconds_ago) in [
            ("old.bin", 40 * 24 * 3600),
            ("used.bin", 24 * 3600),
            (".tmpAbc", 2 * 3600),
            (".tmpNow", 10),
            ("other.txt", 40 * 24 * 3600),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, "x").unwrap();
            age(&path, seconds_ago);
        }
        prune_entries(dir.path(), UNUSED_FOR);
        assert_eq!(names(dir.path()), [".tmpNow", "other.txt", "used.bin"]);
    }

    #[test]
    fn an_entry_round_trips_and_one_cut_or_of_another_key_or_path_is_none() {
        let path = Path::new("/a/b.yaml");
        let bytes = encode_entry(7, path, &sample());
        let back = decode_entry(&bytes, 7, path).expect("decodes");
        assert_eq!((back.stamp.size, back.stamp.modified, back.content), (10, 12345, 99));
        assert!(back.stamp.explicit);
        assert!(back.decode().is_some());
        assert!(decode_entry(&bytes, 8, path).is_none(), "another key");
        assert!(
            decode_entry(&bytes, 7, Path::new("/a/c.yaml")).is_none(),
            "another path"
        );
        for cut in 0..bytes.len() {
            assert!(decode_entry(&bytes[..cut], 7, path).is_none(), "truncated at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_entry(&longer, 7, path).is_none(), "trailing bytes");
        // A damaged byte inside the facts: the entry reads, its facts are not trusted.
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(
            decode_entry(&damaged, 7, path)
                .expect("the layout is intact")
                .decode()
                .is_none()
        );
    }

    #[test]
    fn a_cache_gives_back_what_was_put_and_marks_an_entry_used_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), 7);
        let path = Path::new("/a/b.yaml");
        assert!(cache.get(path).is_none(), "nothing yet");
        cache.put(path, &sample()).unwrap();
        assert!(dir.path().join("CACHEDIR.TAG").exists() && dir.path().join(".gitignore").exists());
        assert_eq!(cache.get(path).map(|e| e.content), Some(99));
        assert!(
            Cache::open(dir.path(), 8).get(path).is_none(),
            "another key reads another folder"
        );
        let file = cache.entry_file(path);
        age(&file, 10 * 24 * 3600);
        assert!(cache.get(path).is_some());
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        assert!(SystemTime::now().duration_since(modified).unwrap() < MARK_USED_AFTER);
    }

    #[cfg(unix)]
    #[test]
    fn an_entry_that_is_a_fifo_or_a_folder_is_no_entry_and_never_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), 7);
        let (fifo, folder) = (Path::new("/a/fifo.yaml"), Path::new("/a/folder.yaml"));
        cache.put(fifo, &sample()).unwrap();
        std::fs::remove_file(cache.entry_file(fifo)).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(cache.entry_file(fifo))
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        std::fs::create_dir(cache.entry_file(folder)).unwrap();
        assert!(cache.get(fifo).is_none());
        assert!(cache.get(folder).is_none());
    }
}
