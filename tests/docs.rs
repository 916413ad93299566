//! The documentation cannot drift from the program: every command of a ```` ```sh ```` block in `README.md` and
//! `docs/*.md` runs, with the built `ikilint` on `PATH`, in a temporary folder holding a copy of `examples/` (and of
//! any other repository file or folder the block names), and must exit as documented: 0, or `N` when the line ends
//! with `# exit: N`. The commands of one block run in order in one folder, so a block may build on its own files.
//!
//! What cannot run here (installing, the network, editor settings, output) is fenced ```` ```text ````,
//! ```` ```console ```` or the file's own language in the docs. A block fenced `bash`, `shell` or `zsh` is refused,
//! so a shell command can never slip past this test by its fence.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The README's first block: the two commands a newcomer runs in a checkout. They build the project and run this
/// very test suite, so running them here would recurse; exactly these two are skipped (the built binary is what
/// every other command here runs).
const NEWCOMER_COMMANDS: [&str; 2] = ["cargo run --release -- check examples/", "cargo test"];

const SHELL_FENCES_REFUSED: [&str; 3] = ["bash", "shell", "zsh"];

/// A command that runs longer than this is a defect in the docs (it waits for input, say) or in the program.
const TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug)]
struct Command {
    /// `README.md:12`, for messages.
    at: String,
    text: String,
    expected: i32,
}

#[derive(Debug)]
struct Block {
    at: String,
    commands: Vec<Command>,
}

/// The fence that opens a code block: its character run (```` ``` ```` or `~~~`, possibly longer) and its info string.
fn opening_fence(line: &str) -> Option<(String, &str)> {
    let trimmed = line.trim_start();
    let mark = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|c| *c == mark).count();
    (run >= 3).then(|| (trimmed[..run].to_string(), trimmed[run..].trim()))
}

/// The expected exit code: `N` of a trailing `# exit: N`, else 0.
fn expected_exit(line: &str) -> i32 {
    line.rsplit_once("# exit:")
        .and_then(|(_, n)| n.trim().parse().ok())
        .unwrap_or(0)
}

/// The command without its trailing comment, for comparing and for finding the paths it names.
fn without_comment(line: &str) -> &str {
    line.split(" #").next().unwrap_or(line).trim()
}

/// The `sh` blocks of a Markdown file; `Err` names a block fenced with another shell's name.
fn sh_blocks(name: &str, text: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let Some((fence, info)) = opening_fence(line) else {
            continue;
        };
        let language = info.split_whitespace().next().unwrap_or("");
        if SHELL_FENCES_REFUSED.contains(&language) {
            return Err(format!(
                "{name}:{}: a block fenced `{language}`: fence it `sh` (it then runs in this test) or `text`/`console` \
                 (it cannot run here)",
                index + 1
            ));
        }
        let mut block = Block {
            at: format!("{name}:{}", index + 1),
            commands: Vec::new(),
        };
        let mut pending: Option<(usize, String)> = None;
        for (index, line) in lines.by_ref() {
            if line.trim().starts_with(fence.as_str()) && line.trim().trim_start_matches(fence.as_str()).is_empty() {
                break;
            }
            if language != "sh" {
                continue;
            }
            let (start, mut joined) = pending.take().unwrap_or((index, String::new()));
            joined.push_str(line.trim());
            if let Some(head) = joined.strip_suffix('\\') {
                pending = Some((start, format!("{} ", head.trim_end())));
                continue;
            }
            if joined.is_empty() || joined.starts_with('#') {
                continue;
            }
            block.commands.push(Command {
                at: format!("{name}:{}", start + 1),
                expected: expected_exit(&joined),
                text: joined,
            });
        }
        if language == "sh" {
            blocks.push(block);
        }
    }
    Ok(blocks)
}

/// The files and folders of the repository a command names (`schema/ikilint.schema.json`, `rules/`), which are
/// copied beside `examples/`. `.` and paths outside the repository or into `target/` and `.git` are never copied.
fn named_repository_paths(root: &Path, command: &str) -> Vec<PathBuf> {
    without_comment(command)
        .split_whitespace()
        .map(|word| word.trim_matches(|c| c == '"' || c == '\''))
        .map(|word| word.rsplit_once('=').map_or(word, |(_, value)| value))
        .filter(|word| !word.starts_with('-') && !word.starts_with('/') && !word.contains(".."))
        .map(|word| PathBuf::from(word.trim_end_matches('/')))
        .filter(|path| {
            let first = path
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            matches!(first.as_deref(), Some(f) if f != "." && f != "target" && f != ".git") && root.join(path).exists()
        })
        .collect()
}

/// The first lines of a stream, for a failure message.
fn head(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().take(30).collect();
    let more = if text.lines().count() > lines.len() {
        "\n    …"
    } else {
        ""
    };
    lines.iter().map(|l| format!("    {l}\n")).collect::<String>() + more
}

/// A folder holding only a link to the built binary, to put first on `PATH`.
fn bin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let binary = assert_cmd::cargo::cargo_bin("ikilint");
    let name = dir.path().join(binary.file_name().unwrap());
    std::fs::copy(&binary, &name).unwrap();
    dir
}

/// Run a block's commands in order in a fresh folder; the failures, each saying where, what and why.
fn run_block(root: &Path, bin: &Path, block: &Block) -> Vec<String> {
    let work = tempfile::tempdir().unwrap();
    common::copy_tree(&root.join("examples"), &work.path().join("examples"));
    for command in &block.commands {
        for path in named_repository_paths(root, &command.text) {
            if !work.path().join(&path).exists() {
                common::copy_tree(&root.join(&path), &work.path().join(&path));
            }
        }
    }
    let path_var = std::env::join_paths(
        std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let mut failures = Vec::new();
    for command in &block.commands {
        let plain = without_comment(&command.text);
        if NEWCOMER_COMMANDS.contains(&plain) {
            continue;
        }
        if plain.starts_with("cargo ") {
            failures.push(format!(
                "{}: `{}`: cargo cannot run inside this test; fence the block as ```text (or add the command to \
                 NEWCOMER_COMMANDS in tests/docs.rs if it is one of the README's first lines)",
                command.at, command.text
            ));
            continue;
        }
        let output = assert_cmd::Command::new("sh")
            .arg("-c")
            .arg(&command.text)
            .current_dir(work.path())
            .env("PATH", &path_var)
            .env_remove("IKILINT_LANG")
            .env_remove("LC_ALL")
            .env("LANG", "C")
            .env_remove("NO_COLOR")
            // The commands' cache (and `ikilint clean`) stay inside the temporary copy, never the user's own.
            .env("XDG_CACHE_HOME", work.path().join(".cache"))
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        let code = output.status.code();
        if code != Some(command.expected) {
            let got = code.map_or("was killed (timeout or signal)".to_string(), |c| format!("exited {c}"));
            let hint = match code {
                Some(127) => "the program is not installed here: install it in .ci/run, or fence the block as ```text",
                Some(_) => {
                    "a wrong exit code: fix the docs (a trailing `# exit: N` gives the expected code) or the program"
                }
                None => "it did not finish: does it wait for input?",
            };
            failures.push(format!(
                "{}: `{}` {got}, expected {} ({hint}); block at {}\n  stdout:\n{}  stderr:\n{}",
                command.at,
                command.text,
                command.expected,
                block.at,
                head(&output.stdout),
                head(&output.stderr)
            ));
        }
    }
    failures
}

fn documentation_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("README.md")];
    if let Ok(entries) = std::fs::read_dir(root.join("docs")) {
        let mut docs: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        docs.sort();
        files.extend(docs);
    }
    files
}

#[test]
fn every_documented_command_runs_with_its_documented_exit_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = bin_dir();
    let mut failures = Vec::new();
    let mut counted = Vec::new();
    for file in documentation_files(root) {
        let name = file.strip_prefix(root).unwrap().display().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let blocks = match sh_blocks(&name, &text) {
            Ok(blocks) => blocks,
            Err(message) => {
                failures.push(message);
                continue;
            }
        };
        counted.push((name, blocks.iter().map(|b| b.commands.len()).sum::<usize>()));
        for block in &blocks {
            failures.extend(run_block(root, bin.path(), block));
        }
    }
    assert!(
        failures.is_empty(),
        "documented commands that fail:\n\n{}",
        failures.join("\n\n")
    );
    // The test must not pass by finding nothing: the README and the user guide both document commands.
    for file in ["README.md", "docs/panduan.md"] {
        let count = counted.iter().find(|(name, _)| name == file).map_or(0, |(_, n)| *n);
        assert!(
            count >= 5,
            "{file}: only {count} command(s) in ```sh blocks; found {counted:?}"
        );
    }
}

#[test]
fn blocks_are_read_as_documented() {
    let text = "intro\n```sh\nikilint check examples/   # exit: 1\n# a comment line\n\nikilint rules \\\n  --lang id\n```\n\
                ```text\ncargo install --path .\n```\n````sh\nikilint explain T001\n````\n";
    let blocks = sh_blocks("X.md", text).unwrap();
    assert_eq!(blocks.len(), 2);
    let first: Vec<(&str, &str, i32)> = blocks[0]
        .commands
        .iter()
        .map(|c| (c.at.as_str(), c.text.as_str(), c.expected))
        .collect();
    assert_eq!(
        first,
        [
            ("X.md:3", "ikilint check examples/   # exit: 1", 1),
            ("X.md:6", "ikilint rules --lang id", 0)
        ]
    );
    assert_eq!(blocks[1].at, "X.md:12");
    assert_eq!(blocks[1].commands[0].text, "ikilint explain T001");
    let refused = sh_blocks("Y.md", "a\n```bash\nls\n```\n").unwrap_err();
    assert!(refused.starts_with("Y.md:2: a block fenced `bash`"), "{refused}");
}

#[test]
fn only_repository_paths_a_command_names_are_copied() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let named = named_repository_paths(
        root,
        "ikilint check --config=rules/kbbi.yaml . schema/ikilint.schema.json ../x target/ dokumen/ # README.md",
    );
    assert_eq!(
        named,
        [
            PathBuf::from("rules/kbbi.yaml"),
            PathBuf::from("schema/ikilint.schema.json")
        ]
    );
}

/// Every picture and link to a file of the repository in the docs points at a file that exists (a picture renamed
/// by `docs/screenshots.sh`, a guide moved).
#[test]
fn every_local_link_and_picture_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in documentation_files(root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (index, line) in text.lines().enumerate() {
            for target in line.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
                let path = target.split('#').next().unwrap_or("");
                if path.is_empty() || path.contains("://") || path.starts_with("mailto:") || path.contains(' ') {
                    continue;
                }
                checked += 1;
                if !file.parent().unwrap().join(path).exists() {
                    missing.push(format!(
                        "{}:{}: {target}",
                        file.strip_prefix(root).unwrap().display(),
                        index + 1
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "links to files that do not exist:\n{}",
        missing.join("\n")
    );
    assert!(checked >= 5, "only {checked} local links found");
}
