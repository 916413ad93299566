//! What a release ships: one file that works alone on a PC, built by the workflow with the README's commands.

mod common;
use common::{ikilint, json_output};
use serde_json::Value;
use std::path::Path;

/// Every `file` key removed: the file name differs between the two runs.
fn without_file_names(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("file");
            map.values_mut().for_each(without_file_names);
        }
        Value::Array(items) => items.iter_mut().for_each(without_file_names),
        _ => {}
    }
}

fn findings(report: &Value) -> Vec<Value> {
    let mut diagnostics = report["diagnostics"].as_array().unwrap().clone();
    diagnostics.iter_mut().for_each(without_file_names);
    diagnostics
}

/// The rules' data, the message catalogues and the schema are compiled in: the binary copied alone into an empty
/// folder, run with no `HOME`, no `PATH`, no locale and no `rules/` anywhere near it, gives the same findings on a
/// copied example as the binary run in the repository.
#[test]
fn the_binary_alone_in_an_empty_folder_gives_the_same_findings() {
    let empty = tempfile::tempdir().unwrap();
    let built = assert_cmd::cargo::cargo_bin("ikilint");
    let binary = empty.path().join("bin").join(built.file_name().unwrap());
    std::fs::create_dir_all(binary.parent().unwrap()).unwrap();
    std::fs::copy(&built, &binary).unwrap();
    let work = empty.path().join("kerja");
    std::fs::create_dir_all(&work).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("examples/masama-2020.yaml"), work.join("masama-2020.yaml")).unwrap();
    let alone = |args: &[&str]| {
        std::process::Command::new(&binary)
            .args(args)
            .current_dir(&work)
            .env_clear()
            .output()
            .unwrap()
    };

    let copied = alone(&["check", "--format", "json", "--lang", "id", "masama-2020.yaml"]);
    let in_repository = ikilint()
        .args(["check", "--format", "json", "--lang", "id", "examples/masama-2020.yaml"])
        .output()
        .unwrap();
    assert_eq!(copied.status.code(), Some(1));
    let (copied, in_repository) = (findings(&json_output(&copied)), findings(&json_output(&in_repository)));
    // Findings of every family, so every data table (KBBI, terms, titles, units) was there.
    for family in ["A", "U", "N", "T"] {
        assert!(
            copied.iter().any(|d| d["code"].as_str().unwrap().starts_with(family)),
            "no {family} finding on the example: {copied:#?}"
        );
    }
    assert_eq!(copied, in_repository);

    for args in [
        &["explain", "T001", "--lang", "id"][..],
        &["rules", "--lang", "en"],
        &["schema"],
    ] {
        let alone = alone(args);
        let here = ikilint().args(args).output().unwrap();
        assert_eq!(alone.status.code(), Some(0), "{args:?}");
        assert!(!alone.stdout.is_empty(), "{args:?}");
        assert_eq!(alone.stdout, here.stdout, "{args:?}");
    }
}

fn workflow() -> Value {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// The workflow builds each target with the lines README.md shows (`<target>` for the matrix's target), and the
/// README lists every target the workflow builds.
#[test]
fn the_release_workflow_builds_with_the_readme_commands() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let build = &workflow()["jobs"]["build"];
    let steps = build["steps"].as_array().unwrap();
    let script = steps
        .iter()
        .find(|s| s["name"] == "Build")
        .and_then(|s| s["run"].as_str())
        .expect("a step named Build with a run script");
    let lines: Vec<String> = script
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().replace("${{ matrix.target }}", "<target>"))
        .collect();
    assert!(
        lines.iter().any(|l| l.starts_with("cargo build --release")),
        "{lines:?}"
    );
    for line in &lines {
        assert!(
            readme.lines().any(|r| r.trim() == line),
            "README.md does not show the workflow's build line `{line}`"
        );
    }
    let targets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets.len(), 4);
    for target in targets {
        assert!(
            readme.contains(&format!("`{target}`")),
            "README.md does not list the target {target}"
        );
    }
}

/// Each build also packages the VS Code extension for its platform with its binary inside: the matrix maps every
/// Rust target to VS Code's platform, the README's row of that target names that platform's `.vsix`, and the
/// `.vsix` files are uploaded and summed with the archives.
#[test]
fn the_release_workflow_packages_the_vscode_extension_of_each_target() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let workflow = workflow();
    let build = &workflow["jobs"]["build"];
    let mut pairs: Vec<(String, String)> = build["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let field = |key: &str| {
                entry[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("{key} of {entry}"))
                    .to_string()
            };
            (field("target"), field("vscode"))
        })
        .collect();
    pairs.sort();
    let expected = [
        ("aarch64-apple-darwin", "darwin-arm64"),
        ("x86_64-apple-darwin", "darwin-x64"),
        ("x86_64-pc-windows-msvc", "win32-x64"),
        ("x86_64-unknown-linux-musl", "linux-x64"),
    ];
    assert_eq!(pairs, expected.map(|(t, v)| (t.to_string(), v.to_string())).to_vec());
    for (target, vscode) in &pairs {
        let row = readme
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`{target}`")))
            .unwrap_or_else(|| panic!("no README row for {target}"));
        assert!(
            row.contains(&format!("`ikilint-vscode-vX.Y.Z-{vscode}.vsix`")),
            "the README row of {target} does not name the {vscode} extension package: {row}"
        );
    }

    let steps = build["steps"].as_array().unwrap();
    let packaging = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(|run| (s, run)))
        .find(|(_, run)| run.contains("scripts/package-platform.sh"))
        .expect("a step running editors/vscode/scripts/package-platform.sh");
    assert_eq!(packaging.0["env"]["VSCODE_TARGET"], "${{ matrix.vscode }}");
    assert!(
        steps
            .iter()
            .any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/setup-node@"))),
        "Node.js is set up"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-artifact@"))
        })
        .unwrap();
    assert!(upload["with"]["path"].as_str().unwrap().contains("dist/*.vsix"));
    let release_steps = workflow["jobs"]["release"]["steps"].as_array().unwrap();
    let sums = release_steps.iter().find(|s| s["name"] == "Checksums").unwrap();
    assert!(sums["run"].as_str().unwrap().contains("*.vsix"), "{sums:?}");
}
