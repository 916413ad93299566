//! The language server's latency harness, run by hand (release build, idle machine):
//!
//! `cargo test --release --test server_latency -- --ignored --nocapture`
//!
//! A workspace of 4,000 positions: one 300-position document being edited and 3,700 positions in 100 other files. It
//! reports p50/p95/max of a one-character edit (re-lint of the set from the kept per-file findings + what to
//! publish), as the server does on `didChange`, and of completion, hover, inlay hints and document symbols right
//! after an edit, and of a rename that changes 101 files.

use ikilint::i18n::Lang;
use ikilint::server::state::{ClientSettings, State};
use ikilint::server::{completion, hover, outline, rename};
use lsp_types as lsp;
use std::time::{Duration, Instant};

/// A document `id` of `positions` positions in a tree (each reports to position `(i - 1) / 4`, the top one to
/// `above` when given, as `<dokumen>/<jabatan>`), each with two sasaran of two indicators, a holder and a
/// signature block (about 1.4 KB per position). `seed` keeps NIPs and names apart between documents.
fn large_document(id: &str, seed: usize, positions: usize, above: Option<&str>) -> String {
    let nip = |i: usize| {
        format!(
            "1980{:02}{:02} 200501 1 {:03}",
            1 + seed % 12,
            1 + (seed / 12) % 28,
            1 + i % 999
        )
    };
    let mut text = format!("dokumen:\n  id: {id}\n  unit: Kecamatan Besar {seed}\n  tahun: 2022\njabatan:\n");
    for i in 0..positions {
        text.push_str(&format!("  - id: p{i}\n    nama: Kepala Seksi Pelayanan {i}\n"));
        match (i, above) {
            (0, Some(above)) => text.push_str(&format!("    atasan: {above}\n")),
            (0, None) => {}
            _ => text.push_str(&format!("    atasan: p{}\n", (i - 1) / 4)),
        }
        text.push_str(&format!(
            "    pemangku:\n      nama: \"PEGAWAI {seed} NOMOR {i}, S.Sos\"\n      nip: \"{}\"\n",
            nip(i)
        ));
        text.push_str(
            "    tugas:\n      - Menyusun rencana kerja seksi\n      - Melaksanakan pelayanan administrasi\n",
        );
        text.push_str("    sasaran:\n");
        for s in 1..=2 {
            text.push_str(&format!(
                "      - uraian: Meningkatnya kualitas pelayanan bidang {i}-{s}\n"
            ));
            match (i, above) {
                (0, Some(above)) => text.push_str(&format!("        mendukung: {above}/S{s}\n")),
                (0, None) => {}
                _ => text.push_str(&format!("        mendukung: S{s}\n")),
            }
            text.push_str("        indikator:\n");
            for k in 1..=2 {
                text.push_str(&format!(
                    "          - uraian: Persentase layanan {k} bidang {i}-{s} yang selesai tepat waktu\n            formula: \
                     Jumlah layanan selesai tepat waktu dibagi jumlah layanan x 100%\n            target: \"80%\"\n"
                ));
            }
        }
        text.push_str(&format!(
            "    tanda_tangan:\n      tempat_tanggal: \"Besar, 3 Januari 2022\"\n      pegawai:\n        jabatan: \
             KEPALA SEKSI PELAYANAN {i}\n        nama: \"PEGAWAI {seed} NOMOR {i}, S.Sos\"\n        nip: \"{}\"\n",
            nip(i)
        ));
    }
    text
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{what:<44} p50 {:>7.1} ms  p95 {:>7.1} ms  max {:>7.1} ms",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(times[times.len() - 1])
    );
}

#[test]
#[ignore]
fn edit_and_request_latency_in_a_4000_position_workspace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    let text = large_document("besar", 0, 300, None);
    std::fs::write(root.join("besar.yaml"), &text).expect("write");
    // 100 documents of 37 positions whose tops report to the big document's top.
    for k in 1..=100 {
        let id = format!("lain-{k:03}");
        let document = large_document(&id, k, 37, Some("besar/p0"));
        std::fs::write(root.join(format!("{id}.yaml")), document).expect("write");
    }
    let started = Instant::now();
    let mut state = State::new(vec![root.clone()], ClientSettings::lang(Lang::En));
    let uri: lsp::Uri = format!("file://{}", root.join("besar.yaml").display())
        .parse()
        .expect("uri");
    state.open(uri.clone(), text.clone());
    state.relint();
    state.publications();
    println!(
        "workspace: {} files, {} positions, {:.1} MB; first lint {:.0} ms, {} findings",
        state.analysis.workspace.files.len(),
        state
            .analysis
            .workspace
            .documents
            .iter()
            .map(|d| d.jabatan.len())
            .sum::<usize>(),
        state
            .analysis
            .workspace
            .files
            .iter()
            .map(|(_, f)| f.text.len())
            .sum::<usize>() as f64
            / 1e6,
        ms(started.elapsed()),
        state.analysis.diagnostics.len()
    );
    let at = text.find("Kepala Seksi Pelayanan 150").expect("needle");
    let position = |needle: &str, shift: usize| {
        let offset = text.find(needle).expect("needle") + shift;
        let line = text[..offset].matches('\n').count() as u32;
        lsp::Position::new(line, (offset - text[..offset].rfind('\n').map_or(0, |i| i + 1)) as u32)
    };
    let document = lsp::TextDocumentIdentifier::new(uri.clone());
    let on = |position| lsp::TextDocumentPositionParams::new(document.clone(), position);
    let completion_at = on(position("        mendukung: S1\n", 19));
    let hover_at = on(position("atasan: p37", 9));
    let formula_at = at + text[at..].find("formula: ").expect("a formula in the position") + "formula: ".len();
    let (mut edits, mut completions, mut hovers, mut hints, mut symbols) = (vec![], vec![], vec![], vec![], vec![]);
    let (mut settled, mut formula_edits) = (vec![], vec![]);
    for round in 0..60 {
        let mut edited = text.clone();
        edited.replace_range(at..at + 1, if round % 2 == 0 { "X" } else { "Y" });
        // As the server does: the edited file's findings are published at once, the set rules run after.
        let started = Instant::now();
        state.change(uri.clone(), edited);
        state.relint_edits();
        let published = state.publications();
        edits.push(started.elapsed());
        assert_eq!(published.len(), 1, "only the edited file");
        state.complete();
        assert!(state.publications().len() <= 1, "at most the edited file");
        settled.push(started.elapsed());

        let (analysis, data) = (&state.analysis, &state.data);
        let started = Instant::now();
        let params = lsp::CompletionParams {
            text_document_position: completion_at.clone(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: None,
        };
        let items = completion::completion(analysis, data, Lang::En, &params);
        completions.push(started.elapsed());
        assert!(matches!(items, Some(lsp::CompletionResponse::Array(ref i)) if !i.is_empty()));

        let started = Instant::now();
        let params = lsp::HoverParams {
            text_document_position_params: hover_at.clone(),
            work_done_progress_params: Default::default(),
        };
        assert!(hover::hover(analysis, Lang::En, &params).is_some());
        hovers.push(started.elapsed());

        let started = Instant::now();
        let params = lsp::InlayHintParams {
            text_document: document.clone(),
            range: lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(200, 0)),
            work_done_progress_params: Default::default(),
        };
        assert!(!outline::inlay_hints(analysis, &params).is_empty());
        hints.push(started.elapsed());

        let started = Instant::now();
        let params = lsp::DocumentSymbolParams {
            text_document: document.clone(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        assert_eq!(
            outline::document_symbols(analysis, &params)[0]
                .children
                .as_ref()
                .map(Vec::len),
            Some(300)
        );
        symbols.push(started.elapsed());
    }
    // An edit the set rules do not read (a formula): nothing waits after it.
    state.change(uri.clone(), text.clone());
    state.relint();
    state.publications();
    for round in 0..60 {
        let mut edited = text.clone();
        edited.insert_str(formula_at, if round % 2 == 0 { "X" } else { "Y" });
        let started = Instant::now();
        state.change(uri.clone(), edited);
        state.relint_edits();
        let published = state.publications();
        formula_edits.push(started.elapsed());
        assert!(published.len() == 1 && !state.is_set_stale());
    }
    report("edit of a title: its file's findings published", edits);
    report("  … and the set rules' findings after it", settled);
    report("edit of a formula (all findings published)", formula_edits);
    report("completion after `mendukung: `", completions);
    report("hover on an atasan", hovers);
    report("inlay hints, first 200 lines", hints);
    report("document symbols (300 positions)", symbols);

    // Rename the top position, which 100 other files name in `atasan` and `mendukung`.
    let mut renames = Vec::new();
    for round in 0..20 {
        let params = lsp::RenameParams {
            text_document_position: on(position("- id: p0\n", 7)),
            new_name: format!("kepala-{round}"),
            work_done_progress_params: Default::default(),
        };
        let started = Instant::now();
        let edit = rename::rename(&state.analysis, Lang::En, &params).expect("renamed");
        renames.push(started.elapsed());
        assert_eq!(edit.changes.map(|c| c.len()), Some(101), "every file");
    }
    report("rename of a position named in 100 files", renames);
}
