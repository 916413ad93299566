//! Which value of a document sits under the cursor, and what an `atasan`/`mendukung` reference there names.
//! References are resolved by the cascade graph, the one place that knows SPEC.md section 2's reference forms,
//! so the editor always agrees with A002.

use crate::cascade::{Atasan, Cascade, Link};
use crate::model::{Document, Jabatan, Sasaran, Text};
use crate::source::FileId;

/// A value under the cursor that the server knows something about.
pub enum Target<'a> {
    Nip(&'a Text),
    /// An `atasan` reference and the position it names.
    Jabatan {
        value: &'a Text,
        document: &'a Document,
        jabatan: &'a Jabatan,
    },
    /// A `mendukung` reference and the sasaran it names.
    Sasaran {
        value: &'a Text,
        document: &'a Document,
        jabatan: &'a Jabatan,
        sasaran: &'a Sasaran,
    },
}

/// The NIP or resolved reference at byte `offset` of `file`; `None` elsewhere or for a reference that does not
/// resolve.
pub fn target_at(documents: &[Document], file: FileId, offset: usize) -> Option<Target<'_>> {
    let inside = |t: &Text| t.span.start <= offset && offset <= t.span.end;
    let d = documents.iter().position(|doc| doc.file == file)?;
    let cascade = Cascade::new(documents);
    for (j, jabatan) in documents[d].jabatan.iter().enumerate() {
        let position = &cascade.positions[cascade.by_doc[d][j]];
        let mut nips = vec![jabatan.pemangku.as_ref().and_then(|p| p.nip.as_ref())];
        if let Some(tt) = &jabatan.tanda_tangan {
            nips.extend([&tt.atasan, &tt.pegawai].map(|s| s.as_ref().and_then(|s| s.nip.as_ref())));
        }
        if let Some(nip) = nips.into_iter().flatten().find(|t| inside(t)) {
            return Some(Target::Nip(nip));
        }
        if let Some(value) = jabatan.atasan.as_ref().filter(|t| inside(t)) {
            let Atasan::Resolved(superior) = position.atasan else {
                return None;
            };
            let (document, jabatan) = cascade.jabatan(documents, superior);
            return Some(Target::Jabatan {
                value,
                document,
                jabatan,
            });
        }
        for (s, sasaran) in jabatan.sasaran.iter().enumerate() {
            let info = &position.sasaran[s];
            let own = sasaran.mendukung.as_ref().map(|value| (value, &info.link));
            let indicators = sasaran
                .indikator
                .iter()
                .zip(&info.indicators)
                .filter_map(|(indikator, i)| indikator.mendukung.as_ref().map(|value| (value, &i.link)));
            if let Some((value, link)) = own.into_iter().chain(indicators).find(|(value, _)| inside(value)) {
                let Link::Resolved { pos, sas, .. } = *link else {
                    return None;
                };
                let (document, jabatan) = cascade.jabatan(documents, pos);
                return Some(Target::Sasaran {
                    value,
                    document,
                    jabatan,
                    sasaran: &jabatan.sasaran[sas],
                });
            }
        }
    }
    None
}
