//! The language server's editing features, each through the protocol against a real `ikilint server`: outline,
//! completion, inlay hints, references and rename across files, hover, code lens, fix-all, pull diagnostics and
//! the editor's settings.

mod common;
#[path = "common/lsp.rs"]
mod lsp;

use lsp::{Client, apply_edits, uri, with_code};
use serde_json::{Value, json};

const A: &str = "\
dokumen:
  id: doc-a
  unit: Kecamatan A
  tahun: 2020
jabatan:
  - id: camat
    nama: Camat A
    sasaran:
      - id: S1
        uraian: Meningkatnya kualitas pelayanan publik
        indikator:
          - uraian: Indeks kepuasan masyarakat
      - id: S2
        uraian: Meningkatnya tertib administrasi
        indikator:
          - uraian: Persentase desa tertib administrasi
  - id: sekcam
    nama: Sekretaris Camat A
    atasan: camat
    pemangku:
      nama: \"KAMALUDDIN DJANO, SH\"
      nip: \"19680125 198611 1 001\"
    sasaran:
      - id: S1
        uraian: Terlaksananya administrasi kecamatan
        mendukung: S2
        indikator:
          - uraian: Persentase surat selesai tepat waktu
";

const B: &str = "\
dokumen:
  id: doc-b
  unit: Kelurahan B
  tahun: 2020
jabatan:
  - id: lurah
    nama: Lurah B
    atasan: doc-a/sekcam
    sasaran:
      - id: S1
        uraian: Meningkatnya pelayanan kelurahan
        mendukung: doc-a/sekcam/S1
        indikator:
          - uraian: Persentase layanan selesai tepat waktu
            mendukung: doc-a/camat/S1
";

struct Fixture {
    _dir: tempfile::TempDir,
    client: Client,
    a: String,
    b: String,
}

fn start_with(capabilities: Value) -> Fixture {
    let dir = common::temp_files(&[("a.yaml", A), ("b.yaml", B)]);
    let root = dir.path().canonicalize().expect("canonical");
    let (a, b) = (uri(&root.join("a.yaml")), uri(&root.join("b.yaml")));
    let client = Client::start_with(&root, json!({ "lang": "en" }), capabilities);
    Fixture {
        _dir: dir,
        client,
        a,
        b,
    }
}

fn start() -> Fixture {
    start_with(json!({}))
}

/// The LSP position of the `nth` (0-based) occurrence of `needle` in `text`, plus `shift` characters.
fn at(text: &str, needle: &str, nth: usize, shift: usize) -> Value {
    let offset = text.match_indices(needle).nth(nth).expect("needle").0 + shift;
    let line = text[..offset].matches('\n').count();
    let character = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": character })
}

fn doc_position(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

#[test]
fn the_outline_shows_positions_sasaran_and_indicators_with_their_titles() {
    let mut f = start();
    let symbols = f
        .client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": f.a } }));
    let document = &symbols[0];
    assert_eq!(document["name"], "doc-a");
    assert_eq!(document["detail"], "Kecamatan A");
    let positions: Vec<&str> = document["children"]
        .as_array()
        .expect("positions")
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(positions, ["Camat A", "Sekretaris Camat A"]);
    let camat = &document["children"][0];
    assert_eq!(camat["children"][1]["name"], "S2 · Meningkatnya tertib administrasi");
    assert_eq!(
        camat["children"][1]["children"][0]["name"],
        "Persentase desa tertib administrasi"
    );
    assert_eq!(camat["selectionRange"]["start"], at(A, "id: camat", 0, 4), "{camat}");
    f.client.shutdown();
}

#[test]
fn completion_offers_positions_the_superiors_sasaran_first_units_and_keys() {
    let mut f = start();
    // A new sasaran being typed under the lurah, with `mendukung: ` and nothing after it yet.
    let typing = B.replace("        mendukung: doc-a/sekcam/S1\n", "        mendukung: \n");
    f.client.open(&f.b, &typing);
    f.client.diagnostics_until(&f.b, |_| true);
    let cursor = at(&typing, "mendukung: ", 0, "mendukung: ".len());
    let items = f.client.request("textDocument/completion", doc_position(&f.b, cursor));
    let got = lsp::labels(&items);
    assert_eq!(
        got,
        ["S1", "doc-a/camat/S1", "doc-a/camat/S2"],
        "the direct superior's first: {items}"
    );
    let first = &items.as_array().unwrap().iter().find(|i| i["label"] == "S1").unwrap();
    assert_eq!(first["detail"], "Terlaksananya administrasi kecamatan");
    let marked = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "doc-a/camat/S2")
        .unwrap();
    assert!(marked["detail"].as_str().unwrap().contains("skips a level"), "{marked}");

    let typing = B.replace("    atasan: doc-a/sekcam\n", "    atasan: doc\n");
    f.client.change(&f.b, 2, &typing);
    f.client.diagnostics_until(&f.b, |_| true);
    let items = f.client.request(
        "textDocument/completion",
        doc_position(&f.b, at(&typing, "atasan: doc", 0, 11)),
    );
    assert_eq!(
        lsp::labels(&items),
        ["doc-a/camat", "doc-a/sekcam"],
        "every position but the lurah itself"
    );
    let edit = &items[0]["textEdit"]["range"];
    assert_eq!(
        edit["start"],
        at(&typing, "atasan: doc", 0, 8),
        "the typed part is replaced"
    );

    let typing = B.replace(
        "            mendukung: doc-a/camat/S1\n",
        "            satuan: \n            \n",
    );
    f.client.change(&f.b, 3, &typing);
    f.client.diagnostics_until(&f.b, |_| true);
    let units = lsp::labels(&f.client.request(
        "textDocument/completion",
        doc_position(&f.b, at(&typing, "satuan: ", 0, 8)),
    ));
    assert!(
        units.contains(&"persen".to_string()) && units.contains(&"hari".to_string()),
        "{units:?}"
    );
    let blank = json!({ "line": at(&typing, "satuan: ", 0, 0)["line"].as_u64().unwrap() + 1, "character": 12 });
    let keys = lsp::labels(&f.client.request("textDocument/completion", doc_position(&f.b, blank)));
    assert!(
        keys.contains(&"formula".to_string()) && keys.contains(&"target".to_string()),
        "{keys:?}"
    );
    assert!(
        !keys.contains(&"indikator".to_string()),
        "an indicator's keys only: {keys:?}"
    );
    f.client.shutdown();
}

#[test]
fn inlay_hints_name_the_superior_and_the_sasaran_fed() {
    let mut f = start();
    let whole = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } });
    let hints = f.client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": f.b }, "range": whole }),
    );
    let hints = hints.as_array().expect("hints");
    let label = |needle: &str| {
        let end = at(B, needle, 0, needle.len());
        hints
            .iter()
            .find(|h| h["position"] == end)
            .map(|h| h["label"].as_str().unwrap().to_string())
    };
    assert_eq!(label("atasan: doc-a/sekcam").as_deref(), Some("→ Sekretaris Camat A"));
    assert_eq!(
        label("mendukung: doc-a/sekcam/S1").as_deref(),
        Some("→ Terlaksananya administrasi kecamatan")
    );
    assert_eq!(
        label("mendukung: doc-a/camat/S1").as_deref(),
        Some("→ Meningkatnya kualitas pelayanan publik")
    );
    assert_eq!(hints.len(), 3);
    f.client.shutdown();
}

fn locations(value: &Value) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = value
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            (
                l["uri"].as_str().unwrap().rsplit('/').next().unwrap().to_string(),
                l["range"]["start"].clone(),
            )
        })
        .collect();
    out.sort_by_key(|(f, p)| (f.clone(), p.to_string()));
    out
}

#[test]
fn references_of_a_sasaran_and_a_position_span_the_files() {
    let mut f = start();
    let camat_s1 = doc_position(&f.a, at(A, "id: S1", 0, 4));
    let mut params = camat_s1.clone();
    params["context"] = json!({ "includeDeclaration": true });
    let found = locations(&f.client.request("textDocument/references", params));
    assert_eq!(
        found,
        [
            ("a.yaml".to_string(), at(A, "id: S1", 0, 4)),
            ("b.yaml".to_string(), at(B, "doc-a/camat/S1", 0, 12)),
        ]
    );
    // From a reference, without the declaration: the position sekcam is named by the lurah twice.
    let mut params = doc_position(&f.b, at(B, "sekcam", 0, 2));
    params["context"] = json!({ "includeDeclaration": false });
    let found = locations(&f.client.request("textDocument/references", params));
    assert_eq!(
        found,
        [
            ("b.yaml".to_string(), at(B, "sekcam", 0, 0)),
            ("b.yaml".to_string(), at(B, "sekcam", 1, 0))
        ]
    );
    f.client.shutdown();
}

fn rename(client: &mut Client, uri: &str, position: Value, name: &str) -> Value {
    let mut params = doc_position(uri, position);
    params["newName"] = json!(name);
    client.request_raw("textDocument/rename", params)
}

#[test]
fn rename_changes_every_file_and_prepare_rename_refuses_what_cannot_be_renamed() {
    let mut f = start();
    // prepareRename on the sasaran part of a reference: that part only.
    let prepared = f.client.request(
        "textDocument/prepareRename",
        doc_position(&f.b, at(B, "sekcam/S1", 0, 8)),
    );
    assert_eq!(prepared["placeholder"], "S1");
    assert_eq!(prepared["range"]["start"], at(B, "sekcam/S1", 0, 7));
    let refused = f.client.request_raw(
        "textDocument/prepareRename",
        doc_position(&f.a, at(A, "19680125", 0, 2)),
    );
    assert!(
        refused["error"]["message"].as_str().unwrap().contains("can be renamed"),
        "{refused}"
    );

    let bad = rename(&mut f.client, &f.a, at(A, "sekcam", 0, 1), "Sekretaris Camat");
    assert!(bad["error"]["message"].as_str().unwrap().contains("lowercase"), "{bad}");
    let taken = rename(&mut f.client, &f.a, at(A, "sekcam", 0, 1), "camat");
    assert!(
        taken["error"]["message"].as_str().unwrap().contains("already used"),
        "{taken}"
    );

    // The sekcam's S1 (not the camat's) becomes S9 in both files.
    let edit = rename(&mut f.client, &f.b, at(B, "sekcam/S1", 0, 8), "S9")["result"].clone();
    let (a, b) = (f.a.clone(), f.b.clone());
    let new_a = apply_edits(A, edit["changes"][&a].as_array().expect("edits in a"));
    let new_b = apply_edits(B, edit["changes"][&b].as_array().expect("edits in b"));
    assert_eq!(
        new_a,
        A.replacen(
            "      - id: S1\n        uraian: Terlaksananya",
            "      - id: S9\n        uraian: Terlaksananya",
            1
        )
    );
    assert_eq!(new_b, B.replace("doc-a/sekcam/S1", "doc-a/sekcam/S9"));
    // The position sekcam renamed: its id, the lurah's atasan and the sasaran reference through it.
    f.client.open(&a, &new_a);
    f.client.open(&b, &new_b);
    let edit = rename(&mut f.client, &a, at(&new_a, "id: sekcam", 0, 5), "sekretaris")["result"].clone();
    let renamed_a = apply_edits(&new_a, edit["changes"][&a].as_array().expect("edits in a"));
    let renamed_b = apply_edits(&new_b, edit["changes"][&b].as_array().expect("edits in b"));
    assert_eq!(renamed_a, new_a.replace("id: sekcam", "id: sekretaris"));
    assert_eq!(renamed_b, new_b.replace("sekcam", "sekretaris"));
    // The renamed set has no broken reference.
    f.client.change(&a, 2, &renamed_a);
    f.client.change(&b, 2, &renamed_b);
    let diagnostics = f.client.diagnostics_until(&b, |d| with_code(d, "A002").is_empty());
    assert!(with_code(&diagnostics, "A002").is_empty());
    f.client.shutdown();
}

#[test]
fn hover_explains_rule_codes_and_shows_who_feeds_a_sasaran_and_code_lens_counts_them() {
    let mut f = start();
    let suppressed = A.replace("Persentase surat", "Prosentase surat").replace(
        "          - uraian: Prosentase surat selesai tepat waktu\n",
        "          - uraian: Prosentase surat selesai tepat waktu  # ikilint: allow(T001)\n",
    );
    f.client.open(&f.a, &suppressed);
    f.client.diagnostics_until(&f.a, |_| true);
    let hover = f
        .client
        .request("textDocument/hover", doc_position(&f.a, at(&suppressed, "T001", 0, 1)));
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        text.contains("T001 non-standard-spelling") && text.contains("How to fix"),
        "{text}"
    );

    // On a finding: its rule's explanation.
    let misspelt = B.replace("Persentase layanan", "Prosentase layanan");
    f.client.open(&f.b, &misspelt);
    f.client.diagnostics_until(&f.b, |d| !with_code(d, "T001").is_empty());
    let hover = f.client.request(
        "textDocument/hover",
        doc_position(&f.b, at(&misspelt, "Prosentase", 0, 3)),
    );
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(text.starts_with("**T001 non-standard-spelling**"), "{text}");
    f.client.open(&f.b, B);
    let hover = f.client.request(
        "textDocument/hover",
        doc_position(&f.a, at(&suppressed, "id: S2", 0, 5)),
    );
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(text.contains("Meningkatnya tertib administrasi"), "{text}");
    assert!(
        text.contains("`sekcam` · S1: Prosentase surat selesai tepat waktu"),
        "{text}"
    );

    let lenses = f
        .client
        .request("textDocument/codeLens", json!({ "textDocument": { "uri": f.a } }));
    let titles: Vec<(u64, String)> = lenses
        .as_array()
        .expect("lenses")
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap(),
                l["command"]["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let line = |needle: &str, nth| at(&suppressed, needle, nth, 0)["line"].as_u64().unwrap();
    assert_eq!(
        titles,
        [
            (
                line("- id: S1", 0),
                "supported by 1 subordinate indicator(s)".to_string()
            ),
            (
                line("- id: S2", 0),
                "supported by 1 subordinate indicator(s)".to_string()
            ),
            (
                line("- id: S1", 1),
                "not supported by any subordinate indicator".to_string()
            ),
        ]
    );
    f.client.shutdown();
}

#[test]
fn fix_all_applies_every_safe_fix_of_the_file_at_once() {
    let mut f = start();
    let text = A
        .replace("Persentase", "Prosentase")
        .replace("Indeks kepuasan masyarakat", "Indeks kepuasan kepuasan masyarakat");
    f.client.open(&f.a, &text);
    f.client.diagnostics_until(&f.a, |d| with_code(d, "T001").len() == 2);
    let params = json!({
        "textDocument": { "uri": f.a },
        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
        "context": { "diagnostics": [], "only": ["source.fixAll"] },
    });
    let actions = f.client.request("textDocument/codeAction", params);
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.ikilint");
    let fixed = apply_edits(&text, actions[0]["edit"]["changes"][&f.a].as_array().expect("edits"));
    assert_eq!(fixed, A, "both spellings and the repeated word are fixed");
    f.client.shutdown();
}

#[test]
fn a_client_that_pulls_diagnostics_gets_them_per_file_and_for_the_workspace() {
    let capabilities = json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } });
    let mut f = start_with(capabilities);
    let broken = A.replacen("jabatan:", "jabatn:", 1);
    f.client.open(&f.a, &broken);
    let report = f
        .client
        .request("textDocument/diagnostic", json!({ "textDocument": { "uri": f.a } }));
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().expect("items");
    assert_eq!(with_code(items, "S003").len(), 1, "{report}");
    let workspace = f
        .client
        .request("workspace/diagnostic", json!({ "previousResultIds": [] }));
    let files: Vec<&str> = workspace["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["uri"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&f.a.as_str()) && files.contains(&f.b.as_str()),
        "{workspace}"
    );
    f.client.shutdown();
}

#[test]
fn settings_from_the_editor_select_and_ignore_rules() {
    let mut f = start();
    let text = A.replacen("jabatan:", "jabatn:", 1).replace("Persentase", "Prosentase");
    f.client.open(&f.a, &text);
    f.client.diagnostics_until(&f.a, |d| {
        !with_code(d, "S003").is_empty() && !with_code(d, "T001").is_empty()
    });
    f.client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ikilint": { "ignore": ["S003"] } } }),
    );
    f.client.diagnostics_until(&f.a, |d| {
        with_code(d, "S003").is_empty() && !with_code(d, "T001").is_empty()
    });
    f.client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ikilint": { "select": ["T001"], "lang": "id" } } }),
    );
    let diagnostics = f
        .client
        .diagnostics_until(&f.a, |d| d.iter().all(|d| d["code"] == "T001") && !d.is_empty());
    assert!(
        diagnostics[0]["message"].as_str().unwrap().contains("baku"),
        "Indonesian now: {}",
        diagnostics[0]
    );
    f.client.shutdown();
}

/// Edits queued faster than the server checks them are checked once, together: thirty `didChange`s waiting when
/// the server starts give one publication, of the last text, when a request needs it.
#[test]
fn edits_that_arrive_together_are_checked_once() {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    let on_disk = A.replace("Persentase", "Prosentase");
    let dir = common::temp_files(&[("a.yaml", on_disk.as_str())]);
    let root = dir.path().canonicalize().expect("canonical");
    let a = uri(&root.join("a.yaml"));
    let (server, client) = Connection::memory();
    let initialize = json!({ "processId": null, "rootUri": uri(&root), "capabilities": {}, "initializationOptions": { "lang": "en" } });
    let send = |message: Message| client.sender.send(message).expect("send");
    send(Request::new(RequestId::from(1), "initialize".into(), initialize).into());
    send(Notification::new("initialized".into(), json!({})).into());
    for version in 1..=30 {
        // Every version but the last has misspellings; the last has none.
        let text = if version == 30 {
            A.to_string()
        } else {
            A.replacen("Persentase", "Prosentase", version)
        };
        let params = json!({ "textDocument": { "uri": a, "version": version }, "contentChanges": [{ "text": text }] });
        send(Notification::new("textDocument/didChange".into(), params).into());
    }
    let symbols = json!({ "textDocument": { "uri": a } });
    send(Request::new(RequestId::from(2), "textDocument/documentSymbol".into(), symbols).into());
    send(Request::new(RequestId::from(3), "shutdown".into(), Value::Null).into());
    send(Notification::new("exit".into(), Value::Null).into());
    let serving = std::thread::spawn(move || ikilint::server::serve(&server));
    let mut publications = Vec::new();
    while let Ok(message) = client.receiver.recv_timeout(lsp::TIMEOUT) {
        match message {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == a => {
                publications.push(n.params["diagnostics"].as_array().map_or(0, Vec::len));
            }
            Message::Response(r) if r.id == RequestId::from(3) => break,
            _ => {}
        }
    }
    assert!(serving.join().expect("server thread").is_ok());
    // The text on disk at start, then one publication for the thirty edits, of the last text (each earlier one
    // has other findings).
    let data = ikilint::data::Data::builtin();
    let settings = ikilint::lint::Settings::new(ikilint::i18n::Lang::En);
    let count = |text: &str| {
        ikilint::check_sources(vec![("a.yaml".into(), text.into())], &data, &settings)
            .diagnostics
            .len()
    };
    assert_eq!(publications, [count(&on_disk), count(A)]);
}

/// While a word of prose is typed, a typo of a common word (as T007 finds it) is offered its dictionary form; a
/// word the dictionary knows is offered nothing of the kind.
#[test]
fn completion_offers_the_dictionary_form_of_a_misspelt_word() {
    let mut f = start();
    let first = B.find("uraian: ").expect("an uraian") + "uraian: ".len();
    for (word, wanted) in [("membntu", true), ("membantu", false)] {
        let mut typing = B.to_string();
        typing.insert_str(first, &format!("{word} "));
        f.client.change(&f.b, if wanted { 2 } else { 3 }, &typing);
        f.client.diagnostics_until(&f.b, |_| true);
        let items = f.client.request(
            "textDocument/completion",
            doc_position(&f.b, at(&typing, word, 0, word.len())),
        );
        let typos: Vec<&Value> = items
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| i["detail"].as_str().is_some_and(|d| d.contains("T007")))
            .collect();
        if wanted {
            assert!(typos.iter().any(|i| i["label"] == "membantu"), "{items}");
        } else {
            assert!(typos.is_empty(), "{items}");
        }
    }
    f.client.shutdown();
}
