//! Resolving `atasan` and `mendukung` references over the model (SPEC.md section 2), and finding which value
//! of a document sits under the cursor.

use crate::model::{Document, Jabatan, Sasaran, Text};
use crate::source::FileId;
use std::collections::HashMap;

/// Positions by document and id, documents by id: built per request (it is linear and cheap).
pub struct Index<'a> {
    documents: &'a [Document],
    by_dokumen_id: HashMap<&'a str, usize>,
    by_jabatan_id: HashMap<(usize, &'a str), usize>,
}

/// A value under the cursor that the server knows something about.
pub enum Target<'a> {
    Nip(&'a Text),
    /// An `atasan` reference of position `jabatan` in document `document`.
    Atasan {
        document: usize,
        value: &'a Text,
    },
    /// A `mendukung` reference of a sasaran or indicator of position `jabatan`.
    Mendukung {
        document: usize,
        jabatan: usize,
        value: &'a Text,
    },
}

impl<'a> Index<'a> {
    pub fn new(documents: &'a [Document]) -> Self {
        let mut by_dokumen_id = HashMap::new();
        let mut by_jabatan_id = HashMap::new();
        for (d, document) in documents.iter().enumerate() {
            if let Some(id) = document.id() {
                by_dokumen_id.entry(id).or_insert(d);
            }
            for (j, jabatan) in document.jabatan.iter().enumerate() {
                if let Some(id) = &jabatan.id {
                    by_jabatan_id.entry((d, id.as_str())).or_insert(j);
                }
            }
        }
        Index {
            documents,
            by_dokumen_id,
            by_jabatan_id,
        }
    }

    pub fn document(&self, d: usize) -> &'a Document {
        &self.documents[d]
    }

    fn jabatan_in(&self, document: usize, id: &str) -> Option<(usize, usize)> {
        self.by_jabatan_id.get(&(document, id)).map(|j| (document, *j))
    }

    /// `atasan` written in document `document`: `<jabatan-id>` or `<dokumen-id>/<jabatan-id>`.
    pub fn atasan(&self, document: usize, value: &str) -> Option<(usize, usize)> {
        match value.trim().split('/').collect::<Vec<_>>().as_slice() {
            [jabatan] => self.jabatan_in(document, jabatan),
            [dokumen, jabatan] => self.jabatan_in(*self.by_dokumen_id.get(dokumen)?, jabatan),
            _ => None,
        }
    }

    /// `mendukung` written under position `jabatan` of document `document`: `<sasaran-id>` (of the direct
    /// superior), `<jabatan-id>/<sasaran-id>`, or `<dokumen-id>/<jabatan-id>/<sasaran-id>`.
    pub fn mendukung(&self, document: usize, jabatan: usize, value: &str) -> Option<(usize, usize, usize)> {
        let (d, j, sasaran) = match value.trim().split('/').collect::<Vec<_>>().as_slice() {
            [sasaran] => {
                let atasan = self.documents[document].jabatan.get(jabatan)?.atasan.as_ref()?;
                let (d, j) = self.atasan(document, atasan.as_str())?;
                (d, j, *sasaran)
            }
            [jab, sasaran] => {
                let (d, j) = self.jabatan_in(document, jab)?;
                (d, j, *sasaran)
            }
            [dokumen, jab, sasaran] => {
                let (d, j) = self.jabatan_in(*self.by_dokumen_id.get(dokumen)?, jab)?;
                (d, j, *sasaran)
            }
            _ => return None,
        };
        let s = self.documents[d].jabatan[j]
            .sasaran
            .iter()
            .position(|s| s.id.as_str() == sasaran)?;
        Some((d, j, s))
    }

    pub fn jabatan(&self, (d, j): (usize, usize)) -> &'a Jabatan {
        &self.documents[d].jabatan[j]
    }

    pub fn sasaran(&self, (d, j, s): (usize, usize, usize)) -> &'a Sasaran {
        &self.documents[d].jabatan[j].sasaran[s]
    }

    /// The NIP or reference at byte `offset` of `file`.
    pub fn at(&self, file: FileId, offset: usize) -> Option<Target<'a>> {
        let inside = |t: &Text| t.span.start <= offset && offset <= t.span.end;
        let (d, document) = self.documents.iter().enumerate().find(|(_, doc)| doc.file == file)?;
        for (j, jabatan) in document.jabatan.iter().enumerate() {
            let mut nips = vec![jabatan.pemangku.as_ref().and_then(|p| p.nip.as_ref())];
            if let Some(tt) = &jabatan.tanda_tangan {
                nips.extend([&tt.atasan, &tt.pegawai].map(|s| s.as_ref().and_then(|s| s.nip.as_ref())));
            }
            if let Some(nip) = nips.into_iter().flatten().find(|t| inside(t)) {
                return Some(Target::Nip(nip));
            }
            if let Some(value) = jabatan.atasan.as_ref().filter(|t| inside(t)) {
                return Some(Target::Atasan { document: d, value });
            }
            for sasaran in &jabatan.sasaran {
                let links = std::iter::once(&sasaran.mendukung).chain(sasaran.indikator.iter().map(|i| &i.mendukung));
                if let Some(value) = links.flatten().find(|t| inside(t)) {
                    return Some(Target::Mendukung {
                        document: d,
                        jabatan: j,
                        value,
                    });
                }
            }
        }
        None
    }
}
