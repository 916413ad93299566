//! Writing files without losing work: the fixed documents of `--fix` (all or nothing, never over a change made
//! since they were read, never over a read-only file), and the files `--output`/`--write-baseline` name
//! (atomically, without following a symlink into a place the user did not name).

use crate::fsread::io_reason;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written: a catalogue key (`ci.reason-*`, `common.reason-*`) or the system's words.
pub type Reason = String;

/// The folder a temporary file for `path` goes in: its own, so that the rename stays on one file system.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Write `bytes` to `path` as a new file put in place by a rename: a reader never sees half a file, and a symlink
/// at `path` is replaced by the file rather than followed. An existing regular file keeps its permissions.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), Reason> {
    let existing = std::fs::symlink_metadata(path).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err("common.reason-not-a-file".to_string());
    }
    let mut temp = new_file_beside(path).map_err(|e| io_reason(&e))?;
    temp.write_all(bytes).map_err(|e| io_reason(&e))?;
    temp.as_file().sync_all().map_err(|e| io_reason(&e))?;
    if let Some(meta) = existing.filter(|m| m.is_file()) {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| io_reason(&e))?;
    }
    temp.persist(path).map_err(|e| io_reason(&e.error))?;
    Ok(())
}

/// A temporary file beside `path` that is as readable as any file written anew (`0666` less the umask, as
/// `File::create` makes it), not private (`0600`) as temporary files are: it becomes a report or a baseline.
fn new_file_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder_of(path))
}

/// What became of each file `--fix` meant to write.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    /// The files left as they were, with why.
    pub not_written: Vec<(PathBuf, Reason)>,
}

/// A file ready to be put in place: checked unchanged, its new text in a temporary file beside it (or, for a
/// file with several hard links, to be written in place so that every link sees it).
struct Prepared {
    /// The path named (reported to the user).
    path: PathBuf,
    /// The file written: the symlink's target when `path` is a symlink.
    target: PathBuf,
    /// Size and modification time when checked, to notice a change made before the rename.
    stamp: (u64, Option<std::time::SystemTime>),
    how: How,
}

enum How {
    Rename(tempfile::NamedTempFile),
    InPlace(Vec<u8>),
}

fn stamp(meta: &std::fs::Metadata) -> (u64, Option<std::time::SystemTime>) {
    (meta.len(), meta.modified().ok())
}

/// Check that `path` still holds `before` and may be written, and prepare `after` for it.
fn prepare(path: &Path, before: &str, after: &str) -> Result<Prepared, Reason> {
    // A symlink named on the command line is fixed at its target, and stays a symlink.
    let target = std::fs::canonicalize(path).map_err(|e| io_reason(&e))?;
    let meta = std::fs::metadata(&target).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err("common.reason-not-a-file".to_string());
    }
    // The folder's permission would allow the rename: the file's own is what the user set.
    if meta.permissions().readonly() {
        return Err("ci.reason-read-only".to_string());
    }
    let current = crate::fsread::read(&target, crate::fsread::Kind::Document)?;
    if current != before.as_bytes() {
        return Err("ci.reason-changed".to_string());
    }
    let how = if hard_links(&meta) > 1 {
        How::InPlace(after.as_bytes().to_vec())
    } else {
        let mut temp = tempfile::NamedTempFile::new_in(folder_of(&target)).map_err(|e| io_reason(&e))?;
        temp.write_all(after.as_bytes()).map_err(|e| io_reason(&e))?;
        temp.as_file().sync_all().map_err(|e| io_reason(&e))?;
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| io_reason(&e))?;
        keep_owner(temp.as_file(), &meta).map_err(|e| io_reason(&e))?;
        How::Rename(temp)
    };
    Ok(Prepared {
        path: path.to_path_buf(),
        target,
        stamp: stamp(&meta),
        how,
    })
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}

/// Give the temporary file the original's owner and group (a file fixed by root stays the user's).
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let own = file.metadata()?;
    if own.uid() == meta.uid() && own.gid() == meta.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Put one prepared file in place, unless it changed since it was checked.
fn commit(prepared: Prepared) -> Result<(), Reason> {
    let meta = std::fs::metadata(&prepared.target).map_err(|e| io_reason(&e))?;
    if stamp(&meta) != prepared.stamp {
        return Err("ci.reason-changed".to_string());
    }
    match prepared.how {
        How::Rename(temp) => temp
            .persist(&prepared.target)
            .map(|_| ())
            .map_err(|e| io_reason(&e.error)),
        How::InPlace(bytes) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&prepared.target)
                .map_err(|e| io_reason(&e))?;
            file.write_all(&bytes)
                .and_then(|()| file.sync_all())
                .map_err(|e| io_reason(&e))
        }
    }
}

/// Replace the text of each `(path, before, after)`: all of them or, when one cannot be written (it changed on
/// disk since it was read, it is read-only, its folder refuses a new file), none. Every file is checked and its
/// new text written beside it first; only then are they put in place, each after a last check that it did not
/// change meanwhile.
pub fn write_all_or_nothing(files: &[(PathBuf, &str, &str)]) -> Outcome {
    let mut outcome = Outcome::default();
    let mut prepared = Vec::new();
    for (path, before, after) in files {
        match prepare(path, before, after) {
            Ok(p) => prepared.push(p),
            Err(reason) => outcome.not_written.push((path.clone(), reason)),
        }
    }
    if !outcome.not_written.is_empty() {
        // The temporary files are removed as `prepared` is dropped.
        for p in prepared {
            outcome.not_written.push((p.path, "ci.reason-not-all".to_string()));
        }
        return outcome;
    }
    for p in prepared {
        let path = p.path.clone();
        match commit(p) {
            Ok(()) => outcome.written.push(path),
            Err(reason) => outcome.not_written.push((path, reason)),
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&a, "a: 1\n").unwrap();
        std::fs::write(&b, "b: 1\n").unwrap();
        let outcome = write_all_or_nothing(&[(a.clone(), "a: 1\n", "a: 2\n"), (b.clone(), "b: 1\n", "b: 2\n")]);
        assert_eq!(outcome.written, [a.clone(), b.clone()]);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "a: 2\n");
        // `b` changed since it was read: neither is written.
        std::fs::write(&b, "b: 3\n").unwrap();
        let outcome = write_all_or_nothing(&[(a.clone(), "a: 2\n", "a: 4\n"), (b.clone(), "b: 2\n", "b: 4\n")]);
        assert!(outcome.written.is_empty());
        assert_eq!(
            outcome.not_written,
            [
                (b.clone(), "ci.reason-changed".to_string()),
                (a.clone(), "ci.reason-not-all".to_string())
            ]
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "a: 2\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
    }

    #[test]
    fn replacing_a_symlink_does_not_follow_it() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, "keep").unwrap();
        let link = dir.path().join("out.json");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        write_replacing(&link, b"{}").unwrap();
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "{}");
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep");
        assert!(write_replacing(dir.path(), b"{}").is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
            write_replacing(&dir.path().join("fresh.sarif"), b"{}").unwrap();
            std::fs::File::create(dir.path().join("created.sarif")).unwrap();
            // Not the temporary file's 0600: the umask decides, as for any file created (0644 under umask 022).
            assert_eq!(mode("fresh.sarif"), mode("created.sarif"));
            assert_eq!(mode("fresh.sarif") & 0o600, 0o600);
        }
    }
}
