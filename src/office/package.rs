//! The zip package of a `.docx` or `.xlsx` file, opened with a budget: what the parts unpack to is counted while
//! they inflate, so a zip bomb (or a table of contents that lies about sizes) is refused after at most
//! [`DOCUMENT_LIMIT`] bytes instead of being expanded into memory.

use super::ReadError;
use crate::fsread::DOCUMENT_LIMIT;
use std::cell::Cell;
use std::io::{self, Cursor, Read};
use std::rc::Rc;
use zip::ZipArchive;

/// The first bytes of an OLE compound file: an old `.doc`/`.xls`, or an encrypted (password-protected) Office
/// document, which Office stores in that container instead of a zip.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(super) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// What the parts read so far may still unpack to.
    budget: u64,
}

impl<'a> Package<'a> {
    /// The package in `bytes`, refused before anything is inflated when it is not a zip or when its table of
    /// contents already announces more than `limit` bytes.
    pub fn open(bytes: &'a [u8], limit: u64) -> Result<Self, ReadError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(ReadError::new("common.reason-office-ole"));
        }
        if !bytes.starts_with(b"PK") {
            return Err(ReadError::new("common.reason-office-not-zip"));
        }
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::new("common.reason-office-corrupt"))?;
        // A data-descriptor entry does not say its size up front; reading still counts it.
        if archive
            .decompressed_size()
            .is_some_and(|total| total > u128::from(limit))
        {
            return Err(ReadError::new("common.reason-office-too-large"));
        }
        Ok(Package { archive, budget: limit })
    }

    /// The package with the budget every reader uses.
    pub fn open_document(bytes: &'a [u8]) -> Result<Self, ReadError> {
        Package::open(bytes, DOCUMENT_LIMIT)
    }

    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// A streaming reader of the part `name` (`None` when the package has no such part), counted against the
    /// budget. `overrun` is set when reading stopped because the part unpacked to more than allowed.
    pub fn stream(&mut self, name: &str) -> Result<Option<Bounded<impl Read + '_>>, ReadError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        self.open_part(index).map(Some)
    }

    /// The part at `index`, counted against the budget.
    fn open_part(&mut self, index: usize) -> Result<Bounded<impl Read + '_>, ReadError> {
        let file = self
            .archive
            .by_index(index)
            .map_err(|_| ReadError::new("common.reason-office-corrupt"))?;
        // A part may not unpack to more than it declares: more is a damaged or hostile package.
        let allowed = file.size().min(self.budget);
        self.budget -= allowed;
        Ok(Bounded::new(file, allowed))
    }

    /// The whole part `name`, or `None` when the package has no such part.
    #[cfg(test)]
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(mut part) = self.stream(name)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        match part.read_to_end(&mut bytes) {
            Ok(_) => Ok(Some(bytes)),
            Err(_) => Err(part.failure()),
        }
    }

    /// Inflates every part once, counting, so that a reader which opens the zip itself (calamine) only ever
    /// sees parts that unpack within the budget and to the size they declare.
    pub fn check_every_part(&mut self) -> Result<(), ReadError> {
        for index in 0..self.archive.len() {
            let mut part = self.open_part(index)?;
            if io::copy(&mut part, &mut io::sink()).is_err() {
                return Err(part.failure());
            }
        }
        Ok(())
    }
}

/// A part's reader that fails once more than `left` bytes come out of it.
pub(super) struct Bounded<R> {
    inner: R,
    left: u64,
    overrun: Rc<Cell<bool>>,
}

impl<R: Read> Bounded<R> {
    fn new(inner: R, left: u64) -> Self {
        Bounded {
            inner,
            left,
            overrun: Rc::new(Cell::new(false)),
        }
    }

    /// A flag that tells, after a failed read through a parser, whether the part was too large.
    pub fn overrun_flag(&self) -> Rc<Cell<bool>> {
        Rc::clone(&self.overrun)
    }

    /// The error of a failed read: too large, or a damaged zip (a bad checksum, a truncated entry).
    fn failure(&self) -> ReadError {
        if self.overrun.get() {
            ReadError::new("common.reason-office-too-large")
        } else {
            ReadError::new("common.reason-office-corrupt")
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte more than allowed is asked for, so that reaching the limit exactly is not taken for an overrun.
        let want = buf
            .len()
            .min(usize::try_from(self.left.saturating_add(1)).unwrap_or(usize::MAX));
        let got = self.inner.read(&mut buf[..want])?;
        if got as u64 > self.left {
            self.overrun.set(true);
            return Err(io::Error::other("part larger than allowed"));
        }
        self.left -= got as u64;
        Ok(got)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            writer.start_file(*name, SimpleFileOptions::default()).unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    /// Makes the local headers and the central directory claim `size` bytes for every entry, as a hostile
    /// package would.
    fn lie_about_sizes(bytes: &mut [u8], size: u32) {
        for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let mut at = 0;
            while let Some(found) = bytes[at..].windows(4).position(|w| w == signature) {
                let header = at + found;
                bytes[header + offset..header + offset + 4].copy_from_slice(&size.to_le_bytes());
                at = header + 4;
            }
        }
    }

    #[test]
    fn the_kind_of_non_zip_is_told_apart() {
        let ole = [&OLE_MAGIC[..], &[0; 504]].concat();
        assert_eq!(
            Package::open(&ole, 1 << 20).err().unwrap().reason,
            "common.reason-office-ole"
        );
        assert_eq!(
            Package::open(b"plain text", 1 << 20).err().unwrap().reason,
            "common.reason-office-not-zip"
        );
        assert_eq!(
            Package::open(b"PK\x03\x04 truncated", 1 << 20).err().unwrap().reason,
            "common.reason-office-corrupt"
        );
    }

    #[test]
    fn an_announced_size_over_the_limit_is_refused_before_inflating() {
        let bytes = zip_of(&[("a.xml", &[b' '; 4096])]);
        assert_eq!(
            Package::open(&bytes, 4000).err().unwrap().reason,
            "common.reason-office-too-large"
        );
        assert!(Package::open(&bytes, 4096).is_ok());
    }

    #[test]
    fn a_part_that_inflates_past_its_declared_size_is_refused_while_inflating() {
        let mut bytes = zip_of(&[("a.xml", &[b' '; 100_000])]);
        lie_about_sizes(&mut bytes, 10);
        // The zip crate stops at the declared size and then finds the checksum wrong; either way the part is
        // refused, never expanded.
        let refused = ["common.reason-office-too-large", "common.reason-office-corrupt"];
        let mut package = Package::open(&bytes, 1 << 20).unwrap();
        assert!(refused.contains(&package.read("a.xml").err().unwrap().reason.as_str()));
        let mut package = Package::open(&bytes, 1 << 20).unwrap();
        assert!(refused.contains(&package.check_every_part().err().unwrap().reason.as_str()));
    }

    #[test]
    fn the_budget_is_shared_by_all_the_parts_read() {
        let bytes = zip_of(&[("a.xml", &[b' '; 600]), ("b.xml", &[b' '; 600])]);
        // The table of contents is not consulted here: a data-descriptor package does not say its sizes.
        let mut package = Package::open(&bytes, 2000).unwrap();
        package.budget = 1000;
        assert!(package.read("a.xml").is_ok());
        assert_eq!(
            package.read("b.xml").err().unwrap().reason,
            "common.reason-office-too-large"
        );
    }

    #[test]
    fn parts_are_read_whole_within_the_budget() {
        let bytes = zip_of(&[("a.xml", b"<a/>"), ("b.xml", b"<b/>")]);
        let mut package = Package::open(&bytes, 1 << 20).unwrap();
        assert!(package.has("a.xml") && !package.has("c.xml"));
        assert_eq!(package.read("b.xml").unwrap().unwrap(), b"<b/>");
        assert_eq!(package.read("c.xml").unwrap(), None);
        assert!(package.check_every_part().is_ok());
    }
}
