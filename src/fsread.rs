//! Reading a file that a user, a configuration or a walk names: only a regular file (a symlink is followed to
//! one), and at most a size cap, so that a FIFO, a device or a symlink to `/dev/zero` is a clear error naming the
//! path instead of a hang or a run that eats the memory. The one place every file read goes through: documents,
//! `ikilint.toml`, `extra-rules` data and baselines.

use std::io::Read;
use std::path::Path;

/// The largest document read (a whole province in one file is far smaller).
pub const DOCUMENT_LIMIT: u64 = 256 << 20;
/// The largest configuration, rules data or baseline file read.
pub const SETTINGS_LIMIT: u64 = 16 << 20;

/// What a file is read as: decides its size cap and the words of the error when it is too large.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Document,
    Settings,
}

impl Kind {
    pub fn limit(self) -> u64 {
        match self {
            Kind::Document => DOCUMENT_LIMIT,
            Kind::Settings => SETTINGS_LIMIT,
        }
    }
}

pub use crate::paths::io_reason;

/// Why a file was not read: a catalogue key (see [`io_reason`]) or the system's words.
pub type Reason = String;

/// The bytes of the regular file at `path`, at most `kind`'s cap.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, Reason> {
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let before = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !before.is_file() {
        return Err("common.reason-not-a-file".to_string());
    }
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    // Checked again on the open file, in case the path was swapped in between.
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err("common.reason-not-a-file".to_string());
    }
    let too_large = || match kind {
        Kind::Document => "common.reason-too-large-document".to_string(),
        Kind::Settings => "common.reason-too-large-settings".to_string(),
    };
    if meta.len() > kind.limit() {
        return Err(too_large());
    }
    // The file may grow while it is read: never read more than the cap.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(kind.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > kind.limit() {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The text of the regular file at `path` (UTF-8), at most `kind`'s cap.
pub fn read_to_string(path: &Path, kind: Kind) -> Result<String, Reason> {
    String::from_utf8(read(path, kind)?).map_err(|_| "common.reason-not-utf8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "dokumen: {}\n").unwrap();
        assert_eq!(read_to_string(&file, Kind::Document).unwrap(), "dokumen: {}\n");
        assert_eq!(
            read(dir.path(), Kind::Settings).unwrap_err(),
            "common.reason-not-a-file"
        );
        assert_eq!(
            read(&dir.path().join("missing"), Kind::Settings).unwrap_err(),
            "common.reason-not-found"
        );
        std::fs::write(&file, [0xff, 0xfe]).unwrap();
        assert_eq!(
            read_to_string(&file, Kind::Settings).unwrap_err(),
            "common.reason-not-utf8"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_a_symlink_to_one_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("ikilint.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(read(&link, Kind::Settings).unwrap_err(), "common.reason-not-a-file");
        assert_eq!(
            read(Path::new("/dev/null"), Kind::Document).unwrap_err(),
            "common.reason-not-a-file"
        );
    }

    #[test]
    fn a_file_over_the_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.json");
        let handle = std::fs::File::create(&file).unwrap();
        // Sparse: no disk space is used.
        handle.set_len(SETTINGS_LIMIT + 1).unwrap();
        assert_eq!(
            read(&file, Kind::Settings).unwrap_err(),
            "common.reason-too-large-settings"
        );
    }
}
