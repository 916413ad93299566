//! Neovim's built-in LSP client against `ikilint server`, headless, on a copy of examples/: diagnostics arrive,
//! completion after `mendukung: ` offers the superior's sasaran, and a sasaran renamed changes its references
//! (tests/neovim/e2e.lua). `.ci/run` installs Neovim; elsewhere the test is skipped, saying so, when `nvim` is
//! missing.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn neovim_gets_diagnostics_completion_and_rename_from_the_server() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is missing in CI: .ci/run installs it"
        );
        eprintln!("skipped: nvim is not installed (apt-get install neovim)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    common::copy_examples(&root);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/e2e.lua");
    let output = Command::new("timeout")
        .args(["120", "nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("IKILINT_BIN", assert_cmd::cargo::cargo_bin("ikilint"))
        .env("IKILINT_ROOT", &root)
        .env("HOME", &root)
        .output()
        .expect("run nvim");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("ok"),
        "nvim exited with {:?}\nstdout: {stdout}\nstderr: {stderr}",
        output.status
    );
}
