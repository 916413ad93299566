//! A recognised SKP print as SKP YAML (SPEC.md section 6), with the same care as an IKI: the source named in a
//! header comment, the printed title kept as comments, the origin of every value, the printed text of each
//! superior RHK kept as a comment on its RHK (and `intervensi` written, marked inferred, where the superior SKP
//! of the same import set was found), every text that could not be placed kept as a comment.

use super::{Writer, slug};
use crate::office::layout::skp::{Person, SkpPrint};
use crate::office::layout::{Inferred, Value};
use crate::office::{Imported, PrintedLink};

/// The SKP id of a print: the pegawai's name (without degrees) and the year, else the position's title.
pub fn skp_id(print: &SkpPrint) -> String {
    let name = print.pegawai.nama.as_ref().map(|n| {
        let before_comma = n.text.split(',').next().unwrap_or_default();
        before_comma
            .split_whitespace()
            .filter(|w| !w.ends_with('.'))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let base = name
        .filter(|n| !n.trim().is_empty())
        .or_else(|| print.pegawai.jabatan.as_ref().map(|j| j.text.clone()))
        .unwrap_or_else(|| "skp".to_string());
    match &print.tahun {
        Some((year, _)) => slug(&format!("{base} {year}")),
        None => slug(&base),
    }
}

/// An inferred `intervensi`: the reference to write and why.
pub type Link = (String, Inferred);

/// The YAML of `print` read from the file `name`; `links` holds per RHK the `intervensi` inferred from its printed
/// text (the reference and why), where one was found.
pub fn emit(name: &str, print: &SkpPrint, links: &[Option<Link>]) -> Imported {
    let mut out = Writer::default();
    out.comment(0, &format!("Imported by ikilint from {name}."));
    out.comment(
        0,
        "Links marked \"inferred\" are not printed in the source: check them before relying on them.",
    );
    for title in &print.title {
        out.comment(0, &format!("printed: {}", title.text));
    }
    for value in &print.unplaced {
        out.unplaced(0, value);
    }
    out.line(0, "skp:");
    out.line(2, &format!("id: {}", skp_id(print)));
    out.year(&print.tahun);
    match &print.pendekatan {
        Some(p) => out.text(2, "pendekatan", p),
        None => out.line(2, "pendekatan: \"\""),
    }
    if print.jpt {
        out.line(2, "jpt: true");
    }
    // A penilai without an NIP is a regional head or a minister: with no superior RHK printed, this SKP is the top
    // of its organisation's cascade.
    let penilai_named = print.penilai.nama.is_some() && print.penilai.nip.is_none();
    if penilai_named && !print.rhk.is_empty() && print.rhk.iter().all(|r| r.intervensi.is_none()) {
        out.line(
            2,
            "puncak: true  # inferred: the pejabat penilai has no NIP and no RHK prints a superior RHK",
        );
    }
    out.person("pegawai", &print.pegawai, true);
    out.person("pejabat_penilai", &print.penilai, true);
    if let Some(atasan) = &print.atasan_penilai {
        out.person("atasan_penilai", atasan, false);
    }
    out.line(0, "periode:");
    for (key, value) in [("mulai", &print.mulai), ("selesai", &print.selesai)] {
        match value {
            Some(v) => out.text(2, key, v),
            None => out.line(2, &format!("{key}: \"\"")),
        }
    }
    let mut printed = Vec::with_capacity(print.rhk.len());
    if print.rhk.is_empty() {
        out.line(0, "rhk: []");
    } else {
        out.line(0, "rhk:");
    }
    for (n, rhk) in print.rhk.iter().enumerate() {
        let start = out.buf.len();
        out.line(2, &format!("- id: R{}", n + 1));
        if let Some(jenis) = rhk.jenis {
            out.line(4, &format!("jenis: {jenis}"));
        }
        out.text(4, "uraian", &rhk.uraian);
        let mut link = None;
        if let Some(text) = &rhk.intervensi {
            let span = out.comment(4, &format!("RHK atasan yang diintervensi (printed): {}", text.text));
            out.origin(span.start, span.end, &text.origin);
            link = Some(PrintedLink {
                rhk: n,
                text: text.text.clone(),
                span,
            });
        }
        if let Some(Some((reference, because))) = links.get(n) {
            out.inferred(4, "intervensi", reference, because);
        }
        printed.extend(link);
        if let Some(perspektif) = &rhk.perspektif {
            out.text(
                4,
                "perspektif",
                &Value::new(slug(&perspektif.text), perspektif.origin.clone()),
            );
        }
        if rhk.indikator.is_empty() {
            out.line(4, "indikator: []");
        } else {
            out.line(4, "indikator:");
        }
        for indikator in &rhk.indikator {
            out.line(6, "-");
            // The first key goes on the dash's line.
            out.buf.pop();
            out.buf.push(' ');
            let mut first = true;
            let mut key = |out: &mut Writer, k: &str, v: &Value, number: bool| {
                let indent = if first { 0 } else { 8 };
                first = false;
                if number
                    && !v.text.is_empty()
                    && v.text.chars().all(|c| c.is_ascii_digit())
                    && !v.text.starts_with('0')
                {
                    let at = out.buf.len() + indent + k.len() + 2;
                    out.line(indent, &format!("{k}: {}", v.text));
                    out.origin(at, at + v.text.len(), &v.origin);
                } else {
                    out.text(indent, k, v);
                }
            };
            if let Some(a) = &indikator.aspek {
                key(&mut out, "aspek", a, false);
            }
            key(&mut out, "uraian", &indikator.uraian, false);
            if let Some(t) = &indikator.target {
                key(&mut out, "target", t, true);
            }
            if let Some(s) = &indikator.satuan {
                key(&mut out, "satuan", s, false);
            }
        }
        out.origin(start, out.buf.len(), &rhk.uraian.origin);
    }
    if !print.perilaku.is_empty() {
        out.line(0, "perilaku:");
        for (aspek, ekspektasi) in &print.perilaku {
            out.line(2, &format!("- aspek: {aspek}"));
            out.text(4, "ekspektasi", ekspektasi);
        }
    }
    let keys = ["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"];
    if print.lampiran.iter().any(|l| !l.is_empty()) {
        out.line(0, "lampiran:");
        for (key, values) in keys.iter().zip(&print.lampiran) {
            out.list(2, key, values);
        }
    }
    if let Some(tt) = &print.tempat_tanggal {
        let span = out.comment(0, &format!("signed: {}", tt.text));
        out.origin(span.start, span.end, &tt.origin);
    }
    let places = super::Places::new(&print.notes, &out);
    let problems = print.notes.iter().map(|note| out.locate(note, &places)).collect();
    Imported {
        yaml: out.buf,
        problems,
        origins: out.entries.complete(),
        // A text found by walking with no hasil kerja read is not linted as an SKP.
        positions: usize::from(!print.rhk.is_empty()),
        printed,
        skp: None,
    }
}

impl Writer {
    fn person(&mut self, key: &str, person: &Person, with_unit: bool) {
        self.line(0, &format!("{key}:"));
        let mut any = false;
        for (k, v) in [
            ("nama", &person.nama),
            ("nip", &person.nip),
            ("jabatan", &person.jabatan),
            ("unit", &person.unit),
            ("pangkat", &person.pangkat),
        ] {
            if k == "unit" && !with_unit && v.is_none() {
                continue;
            }
            if let Some(v) = v {
                self.text(2, k, v);
                any = true;
            }
        }
        if !any {
            self.line(2, "nama: \"\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_name_without_degrees_and_the_year() {
        let print = SkpPrint {
            pegawai: Person {
                nama: Some(Value::new("Ir. H. KAMALUDDIN DJANO, S.Pd., SH", Default::default())),
                ..Person::default()
            },
            tahun: Some((2023, Default::default())),
            ..SkpPrint::default()
        };
        assert_eq!(skp_id(&print), "kamaluddin-djano-2023");
    }
}
