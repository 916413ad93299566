//! `ikilint server` end to end: a real process spoken to over stdio by the small client in common/lsp.rs.

mod common;
#[path = "common/lsp.rs"]
mod lsp;

use lsp::{Client, apply_edits, uri, with_code};
use serde_json::{Value, json};
use std::path::Path;

const A: &str = "\
# Dokumen A
dokumen:
  id: doc-a
  unit: Kecamatan A
  tahun: 2020
jabatn:
  - id: camat
    nama: Camat A
    pemangku:
      nama: \"KAMALUDDIN DJANO, S.Pd., SH\"
      nip: \"19680125 198611 1 001\"
    sasaran:
      - id: S1
        uraian: Meningkatnya kualitas pelayanan publik
        indikator:
          - uraian: Indeks kepuasan masyarakat
";

const B: &str = "\
dokumen:
  id: doc-b
  unit: Kelurahan B
  tahun: 2020
jabatan:
  - id: lurah
    nama: Lurah B
    atasan: doc-a/camat
    sasaran:
      - uraian: Meningkatnya pelayanan kelurahan
        mendukung: doc-a/camat/S1
        indikator:
          - uraian: Persentase layanan selesai tepat waktu
";

/// A temporary workspace with a.yaml and b.yaml, and their URIs.
fn workspace() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.yaml"), A).expect("write");
    std::fs::write(dir.path().join("b.yaml"), B).expect("write");
    let root = dir.path().canonicalize().expect("canonical");
    let (a, b) = (uri(&root.join("a.yaml")), uri(&root.join("b.yaml")));
    (dir, a, b)
}

fn start(dir: &Path) -> Client {
    Client::start(&dir.canonicalize().expect("canonical"), json!({ "lang": "en" }))
}

/// The LSP position of the first occurrence of `needle` in `text`, plus `shift` characters (ASCII text).
fn position_of(text: &str, needle: &str, shift: usize) -> Value {
    let at = text.find(needle).expect("needle") + shift;
    let line = text[..at].matches('\n').count();
    let character = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": character })
}

#[test]
fn quick_fix_removes_a_finding_and_a_duplicate_across_files_shows_in_both() {
    let (dir, a, b) = workspace();
    let mut client = start(dir.path());
    client.open(&a, A);
    let diagnostics = client.diagnostics_until(&a, |d| !with_code(d, "S003").is_empty());
    let s003 = with_code(&diagnostics, "S003")[0].clone();
    assert_eq!(s003["source"], "ikilint");
    assert_eq!(s003["severity"], 1);
    assert_eq!(s003["range"]["start"], json!({ "line": 5, "character": 0 }));
    assert!(
        s003["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean `jabatan`?"),
        "{s003}"
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": a }, "range": s003["range"], "context": { "diagnostics": [s003] } }),
    );
    let actions = actions.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|action| action["isPreferred"] == true)
        .unwrap_or_else(|| panic!("no preferred fix in {actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["title"], "S003: replace `jabatn` with `jabatan`");
    let allow = actions
        .iter()
        .find(|action| action["title"].as_str().is_some_and(|t| t.starts_with("Allow S003")))
        .expect("allow action");
    let allowed = apply_edits(A, allow["edit"]["changes"][&a].as_array().expect("edits"));
    assert!(allowed.contains("jabatn:  # ikilint: allow(S003)\n"), "{allowed}");

    let fixed = apply_edits(A, fix["edit"]["changes"][&a].as_array().expect("edits"));
    assert_eq!(fixed, A.replace("jabatn:", "jabatan:"));
    client.change(&a, 2, &fixed);
    // Earlier publications may still be queued: wait for the one without the finding (or time out).
    client.diagnostics_until(&a, |d| with_code(d, "S003").is_empty());

    // b.yaml takes a.yaml's document id: the duplicate is published for both files.
    client.open(&b, B);
    let duplicate = B.replace("id: doc-b", "id: doc-a");
    client.change(&b, 2, &duplicate);
    let in_b = client.diagnostics_until(&b, |d| !with_code(d, "S004").is_empty());
    let in_a = client.diagnostics_until(&a, |d| !with_code(d, "S004").is_empty());
    assert_eq!(
        with_code(&in_b, "S004")[0]["range"]["start"],
        json!({ "line": 1, "character": 6 })
    );
    assert_eq!(
        with_code(&in_a, "S004")[0]["range"]["start"],
        json!({ "line": 2, "character": 6 })
    );
    let related = &with_code(&in_b, "S004")[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], a.as_str());
    assert!(
        with_code(&in_a, "S004")[0]["message"]
            .as_str()
            .unwrap()
            .contains("(first used here)")
    );
    assert_eq!(
        with_code(&in_a, "S004")[0]["relatedInformation"][0]["location"]["uri"],
        b.as_str()
    );
    // … and disappears from both when undone.
    client.change(&b, 3, B);
    client.diagnostics_until(&b, |d| with_code(d, "S004").is_empty());
    client.diagnostics_until(&a, |d| with_code(d, "S004").is_empty());

    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hover_decodes_nips_and_follows_references_and_definition_jumps() {
    let (dir, a, b) = workspace();
    let mut client = start(dir.path());
    let at = |uri: &str, text: &str, needle: &str| json!({ "textDocument": { "uri": uri }, "position": position_of(text, needle, 3) });
    let nip = client.request("textDocument/hover", at(&a, A, "19680125"));
    let text = nip["contents"]["value"].as_str().expect("markdown");
    for expected in ["25 January 1968", "November 1986", "male", "age at TMT: 18", "PNS"] {
        assert!(text.contains(expected), "{expected} missing in {text}");
    }

    let atasan = client.request("textDocument/hover", at(&b, B, "doc-a/camat\n"));
    let text = atasan["contents"]["value"].as_str().expect("markdown");
    assert!(text.contains("Camat A") && text.contains("KAMALUDDIN"), "{text}");

    let mendukung = client.request("textDocument/hover", at(&b, B, "doc-a/camat/S1"));
    let text = mendukung["contents"]["value"].as_str().expect("markdown");
    assert!(text.contains("Meningkatnya kualitas pelayanan publik"), "{text}");
    assert!(text.contains("Indeks kepuasan masyarakat"), "{text}");

    let target = client.request("textDocument/definition", at(&b, B, "doc-a/camat/S1"));
    assert_eq!(target["uri"], a.as_str());
    assert_eq!(target["range"]["start"], position_of(A, "S1", 0));
    let target = client.request("textDocument/definition", at(&b, B, "doc-a/camat\n"));
    assert_eq!(target["range"]["start"], position_of(A, "id: camat", 4));

    // Nothing to say about plain text: null, not an error.
    let nothing = client.request("textDocument/hover", at(&b, B, "Lurah B"));
    assert!(nothing.is_null());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn files_changed_or_created_on_disk_are_picked_up_through_watched_file_events() {
    let (dir, a, b) = workspace();
    let root = dir.path().canonicalize().expect("canonical");
    let mut client = start(dir.path());
    client.diagnostics_until(&a, |d| !with_code(d, "S003").is_empty());
    // b.yaml (not open) is changed on disk to take a.yaml's id.
    std::fs::write(root.join("b.yaml"), B.replace("id: doc-b", "id: doc-a")).expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": b, "type": 2 }] }),
    );
    client.diagnostics_until(&b, |d| !with_code(d, "S004").is_empty());
    client.diagnostics_until(&a, |d| !with_code(d, "S004").is_empty());
    // A new file on disk, and ikilint.toml changing, are picked up too.
    let c = uri(&root.join("c.yaml"));
    std::fs::write(
        root.join("c.yaml"),
        B.replace("id: doc-b", "id: doc-c").replace("jabatan:", "jabatn:"),
    )
    .expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": c, "type": 1 }, { "uri": uri(&root.join("ikilint.toml")), "type": 1 }] }),
    );
    client.diagnostics_until(&c, |d| !with_code(d, "S003").is_empty());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn malformed_requests_and_buffers_get_errors_or_findings_and_the_server_keeps_serving() {
    let (dir, a, _) = workspace();
    let mut client = start(dir.path());
    let bad = client.request_raw("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = client.request_raw("ikilint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.notify("textDocument/didChange", json!({ "garbage": [] }));

    client.open(&a, A);
    client.change(&a, 2, "dokumen: [\n  id: x\n");
    let broken = client.diagnostics_until(&a, |d| !with_code(d, "S001").is_empty());
    assert_eq!(broken.len(), 1);
    client.change(&a, 3, "");
    client.change(
        &a,
        4,
        "\u{feff}dokumen:\n  id: \"é😀\"\n  unit: x\n  tahun: 99999999999999999999\n",
    );
    client.change(&a, 5, A);
    client.diagnostics_until(&a, |d| !with_code(d, "S003").is_empty());
    let nip = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": a }, "position": { "line": 9999, "character": 9999 } }),
    );
    assert!(nip.is_null());
    assert_eq!(client.shutdown(), Some(0));
}

/// Two clean documents for the scenario: a.yaml has one T001 ("Prosentase") and the NIP of its camat;
/// b.yaml's lurah has another NIP.
const DONE_A: &str = "\
# Dokumen A: komentar tetap ada
dokumen:
  id: doc-a
  unit: Kecamatan A
  tahun: 2020
jabatan:
  - id: camat
    nama: Camat A
    pemangku:
      nama: \"KAMALUDDIN DJANO, S.Pd., SH\"
      nip: \"19680125 198611 1 001\"
    sasaran:
      - id: S1
        uraian: Meningkatnya kualitas pelayanan publik
        indikator:
          - uraian: Prosentase layanan selesai tepat waktu
            formula: Jumlah layanan selesai tepat waktu dibagi jumlah layanan x 100%
";

const DONE_B: &str = "\
dokumen:
  id: doc-b
  unit: Kelurahan B
  tahun: 2020
jabatan:
  - id: lurah
    nama: Lurah B
    atasan: doc-a/camat
    pemangku:
      nama: \"SITI AMINAH, S.Sos\"
      nip: \"19750312 200003 2 004\"
    sasaran:
      - uraian: Meningkatnya pelayanan kelurahan
        mendukung: doc-a/camat/S1
        indikator:
          - uraian: Persentase layanan selesai tepat waktu
            formula: Jumlah layanan selesai tepat waktu dibagi jumlah layanan x 100%
";

/// A temporary workspace of the given files (and their URIs, in order).
fn workspace_of(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<String>) {
    let dir = common::temp_files(files);
    let root = dir.path().canonicalize().expect("canonical");
    let uris = files.iter().map(|(name, _)| uri(&root.join(name))).collect();
    (dir, uris)
}

/// The code actions the server offers for one published diagnostic.
fn actions_for(client: &mut Client, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } }),
    );
    actions.as_array().expect("actions").clone()
}

/// The "done when", with the real rules: a T001 quick fix applied through the editor removes the
/// finding, and an NIP duplicated across two files is published (N004) in both.
#[test]
fn t001_quick_fix_and_a_shared_nip_across_files_with_the_real_rules() {
    let (dir, uris) = workspace_of(&[("a.yaml", DONE_A), ("b.yaml", DONE_B)]);
    let (a, b) = (&uris[0], &uris[1]);
    let mut client = start(dir.path());
    client.open(a, DONE_A);
    let diagnostics = client.diagnostics_until(a, |d| !with_code(d, "T001").is_empty());
    assert!(with_code(&diagnostics, "N004").is_empty(), "{diagnostics:#?}");
    let t001 = with_code(&diagnostics, "T001")[0].clone();
    assert_eq!(t001["severity"], 2, "a warning");
    assert_eq!(t001["range"]["start"], position_of(DONE_A, "Prosentase", 0));
    assert_eq!(
        t001["range"]["end"],
        position_of(DONE_A, "Prosentase", "Prosentase".len())
    );

    let actions = actions_for(&mut client, a, &t001);
    let fix = actions
        .iter()
        .find(|action| action["isPreferred"] == true)
        .unwrap_or_else(|| panic!("no preferred fix in {actions:#?}"));
    assert_eq!(fix["title"], "T001: replace `Prosentase` with `Persentase`");
    let fixed = apply_edits(DONE_A, fix["edit"]["changes"][a].as_array().expect("edits"));
    assert_eq!(fixed, DONE_A.replace("Prosentase", "Persentase"));
    client.change(a, 2, &fixed);
    let after = client.diagnostics_until(a, |d| with_code(d, "T001").is_empty());
    assert!(after.is_empty(), "nothing else to report in a.yaml: {after:#?}");

    // The other file takes a.yaml's NIP.
    let shared = DONE_B.replace("19750312 200003 2 004", "19680125 198611 1 001");
    client.open(b, DONE_B);
    client.change(b, 2, &shared);
    let in_b = client.diagnostics_until(b, |d| !with_code(d, "N004").is_empty());
    let in_a = client.diagnostics_until(a, |d| !with_code(d, "N004").is_empty());
    assert_eq!(
        with_code(&in_b, "N004")[0]["range"]["start"],
        position_of(&shared, "\"19680125", 0)
    );
    assert_eq!(
        with_code(&in_a, "N004")[0]["range"]["start"],
        position_of(&fixed, "\"19680125", 0)
    );
    assert_eq!(
        with_code(&in_a, "N004")[0]["relatedInformation"][0]["location"]["uri"],
        b.as_str()
    );
    assert_eq!(
        with_code(&in_b, "N004")[0]["relatedInformation"][0]["location"]["uri"],
        a.as_str()
    );
    // Undone: gone from both.
    client.change(b, 3, DONE_B);
    client.diagnostics_until(b, |d| with_code(d, "N004").is_empty());
    client.diagnostics_until(a, |d| with_code(d, "N004").is_empty());
    assert_eq!(client.shutdown(), Some(0));
}

/// "Allow CODE on this line" writes a comment that the suppression engine honours: after re-lint the finding is
/// gone and the comment is not reported as unused (S007).
#[test]
fn the_allow_action_suppresses_the_finding_it_was_offered_for() {
    let (dir, uris) = workspace_of(&[("a.yaml", DONE_A)]);
    let a = &uris[0];
    let mut client = start(dir.path());
    client.open(a, DONE_A);
    let diagnostics = client.diagnostics_until(a, |d| !with_code(d, "T001").is_empty());
    let t001 = with_code(&diagnostics, "T001")[0].clone();
    let actions = actions_for(&mut client, a, &t001);
    let allow = actions
        .iter()
        .find(|action| action["title"].as_str().is_some_and(|t| t.starts_with("Allow T001")))
        .unwrap_or_else(|| panic!("no allow action in {actions:#?}"));
    let allowed = apply_edits(DONE_A, allow["edit"]["changes"][a].as_array().expect("edits"));
    assert!(
        allowed.contains("Prosentase layanan selesai tepat waktu  # ikilint: allow(T001)\n"),
        "{allowed}"
    );
    client.change(a, 2, &allowed);
    let after = client.diagnostics_until(a, |d| with_code(d, "T001").is_empty());
    assert!(with_code(&after, "S007").is_empty(), "{after:#?}");
    assert!(after.is_empty(), "{after:#?}");
    assert_eq!(client.shutdown(), Some(0));
}

/// The server reads the workspace's ikilint.toml, and reads it again when it changes; a broken one is shown to
/// the user and the previous settings stay.
#[test]
fn the_server_honours_ikilint_toml_and_reloads_it() {
    let (dir, uris) = workspace_of(&[
        ("a.yaml", DONE_A),
        ("ikilint.toml", "# the text family is off\nignore = [\"T\"]\n"),
    ]);
    let (a, toml) = (&uris[0], &uris[1]);
    let root = dir.path().canonicalize().expect("canonical");
    let mut client = start(dir.path());
    // The first publication for a.yaml after initialize: no T001 (its only finding).
    client.open(a, DONE_A);
    let first = client.diagnostics_until(a, |_| true);
    assert!(with_code(&first, "T001").is_empty(), "{first:#?}");

    // A malformed file: an error message, and the previous settings stay (still no T001).
    std::fs::write(root.join("ikilint.toml"), "ignore = [\"T\"\nselect = 3\n").expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": toml, "type": 2 }] }),
    );
    let message = client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(message["params"]["type"], 1, "an error: {message}");
    let text = message["params"]["message"].as_str().expect("text");
    assert!(text.contains("ikilint.toml:"), "names the file: {text}");
    assert!(text.contains("previous settings"), "{text}");
    client.change(a, 2, &format!("{DONE_A}\n"));
    let kept = client.diagnostics_until(a, |_| true);
    assert!(with_code(&kept, "T001").is_empty(), "{kept:#?}");

    // Re-enabled through per-file-ignores that do not match a.yaml: T001 appears.
    std::fs::write(
        root.join("ikilint.toml"),
        "[per-file-ignores]\n\"other-*.yaml\" = [\"T001\"]\n",
    )
    .expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": toml, "type": 2 }] }),
    );
    client.diagnostics_until(a, |d| !with_code(d, "T001").is_empty());
    // … and a per-file-ignore that matches a.yaml hides it again.
    std::fs::write(
        root.join("ikilint.toml"),
        "[per-file-ignores]\n\"a.yaml\" = [\"T001\"]\n",
    )
    .expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": toml, "type": 2 }] }),
    );
    client.diagnostics_until(a, |d| with_code(d, "T001").is_empty());
    assert_eq!(client.shutdown(), Some(0));
}

/// A Word file in the workspace (not edited in the editor) has its findings published, at the start of the file
/// with the table cell they concern named; renaming a position of a YAML file never edits the Word file.
#[test]
fn findings_of_a_word_file_in_the_workspace_name_their_cell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/masama-2020.yaml");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ikilint"))
        .args(["export", "--format", "docx"])
        .arg(&example)
        .arg("-o")
        .arg(root.join("masama.docx"))
        .status()
        .expect("ikilint export");
    assert!(status.success());
    std::fs::write(root.join("a.yaml"), A.replace("jabatn:", "jabatan:")).expect("write");
    let docx = uri(&root.join("masama.docx"));
    let mut client = start(dir.path());
    let diagnostics = client.diagnostics_until(&docx, |d| !d.is_empty());
    let zero = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    assert!(diagnostics.iter().all(|d| d["range"] == zero), "{diagnostics:?}");
    let in_a_cell = diagnostics.iter().filter(|d| {
        let message = d["message"].as_str().unwrap_or("");
        message.contains("table") && message.contains("row")
    });
    assert!(in_a_cell.count() > 0, "no finding names its cell: {diagnostics:?}");
    let a = uri(&root.join("a.yaml"));
    client.open(&a, &A.replace("jabatn:", "jabatan:"));
    let edit = client.request(
        "textDocument/rename",
        json!({
            "textDocument": { "uri": a },
            "position": position_of(A, "id: camat", 4),
            "newName": "kepala",
        }),
    );
    let changes = edit["changes"].as_object().expect("changes");
    assert!(changes.contains_key(&a) && !changes.contains_key(&docx), "{edit}");
    assert_eq!(client.shutdown(), Some(0));
}
