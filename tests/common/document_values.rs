//! The values of an IKI document that a person reads (titles, names, NIPs, tasks, functions, sasaran, indicators,
//! formulas, targets, sources, signatures), by path: what an import must give back, ids and links aside.

use std::collections::BTreeMap;

/// Each compared value by its path: the position by its title (and repeat number), then the field.
pub fn values(yaml: &str) -> BTreeMap<String, String> {
    let workspace = ikilint::workspace::load_sources(vec![("x.yaml".into(), yaml.into())]);
    let document = &workspace.documents[0];
    let mut out = BTreeMap::new();
    if let Some(dokumen) = &document.dokumen {
        if let Some(unit) = &dokumen.unit {
            out.insert("dokumen/unit".to_string(), unit.value.to_string());
        }
        if let Some(tahun) = &dokumen.tahun {
            out.insert("dokumen/tahun".to_string(), tahun.value.to_string());
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for jabatan in &document.jabatan {
        let nama = jabatan.nama.as_ref().map_or(String::new(), |n| n.value.to_string());
        let repeat = seen.entry(nama.to_lowercase()).or_default();
        *repeat += 1;
        let p = format!("{}#{}", nama.to_lowercase(), repeat);
        out.insert(format!("{p}/nama"), nama.clone());
        if let Some(holder) = &jabatan.pemangku {
            for (key, v) in [("nama", &holder.nama), ("nip", &holder.nip)] {
                if let Some(v) = v {
                    out.insert(format!("{p}/pemangku/{key}"), v.value.to_string());
                }
            }
        }
        for (i, t) in jabatan.tugas.iter().enumerate() {
            out.insert(format!("{p}/tugas[{i}]"), t.value.to_string());
        }
        for (i, t) in jabatan.fungsi.iter().enumerate() {
            out.insert(format!("{p}/fungsi[{i}]"), t.value.to_string());
        }
        for (s, sasaran) in jabatan.sasaran.iter().enumerate() {
            let sp = format!("{p}/sasaran[{s}]");
            if let Some(u) = &sasaran.uraian {
                out.insert(format!("{sp}/uraian"), u.value.to_string());
            }
            for (k, ind) in sasaran.indikator.iter().enumerate() {
                let ip = format!("{sp}/indikator[{k}]");
                for (key, v) in [
                    ("uraian", &ind.uraian),
                    ("satuan", &ind.satuan),
                    ("formula", &ind.formula),
                    ("target", &ind.target),
                ] {
                    if let Some(v) = v {
                        out.insert(format!("{ip}/{key}"), v.value.to_string());
                    }
                }
                for (d, source) in ind.sumber_data.iter().enumerate() {
                    out.insert(format!("{ip}/sumber_data[{d}]"), source.value.to_string());
                }
            }
        }
        if let Some(tt) = &jabatan.tanda_tangan {
            if let Some(v) = &tt.tempat_tanggal {
                out.insert(format!("{p}/tanda_tangan/tempat_tanggal"), v.value.to_string());
            }
            for (role, signer) in [("atasan", &tt.atasan), ("pegawai", &tt.pegawai)] {
                let Some(signer) = signer else { continue };
                for (key, v) in [
                    ("jabatan", &signer.jabatan),
                    ("nama", &signer.nama),
                    ("nip", &signer.nip),
                ] {
                    if let Some(v) = v {
                        out.insert(format!("{p}/tanda_tangan/{role}/{key}"), v.value.to_string());
                    }
                }
            }
        }
    }
    out
}
