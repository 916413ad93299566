//! No raw catalogue key reaches a user: every key the code names, as `"section.key"` or as a rule's own
//! `message`/`label`/`help`/`note` key, exists in both languages (a missing key would be printed as itself).

use ikilint::i18n::{Catalog, Lang};
use std::collections::BTreeSet;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The contents of the string literals of a Rust source (good enough for keys: no escapes inside them).
fn literals(source: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(['"', '\n']) else { break };
        if after.as_bytes()[close] == b'"' {
            found.push((offset + open, &after[..close]));
        }
        offset += open + 1 + close + 1;
        rest = &after[close + 1..];
    }
    found
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn every_catalogue_key_named_in_the_code_exists_in_both_languages() {
    let catalogues = [Catalog::get(Lang::En), Catalog::get(Lang::Id)];
    let sections: BTreeSet<&str> = catalogues[0]
        .keys()
        .filter_map(|k| k.split_once('.'))
        .map(|(s, _)| s)
        .collect();
    let rule_keys: BTreeSet<&str> = catalogues[0]
        .keys()
        .filter_map(|k| k.split_once('.'))
        .filter(|(s, _)| s.len() == 4 && s.chars().skip(1).all(|c| c.is_ascii_digit()))
        .map(|(_, k)| k)
        .collect();
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut checked = 0;
    let mut missing = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for (at, literal) in literals(&source) {
            let before = source[..at].trim_end();
            let rule_relative = [".message(", ".label(", ".help(", ".note(", "help_key:", "text(lang,"]
                .iter()
                .any(|call| before.ends_with(call));
            match literal.split_once('.') {
                Some((section, key)) if sections.contains(section) && is_key(key) => {
                    checked += 1;
                    for (catalogue, lang) in catalogues.iter().zip(["en", "id"]) {
                        if !catalogue.has(literal) {
                            missing.push(format!("{}: `{literal}` ({lang})", file.display()));
                        }
                    }
                }
                None if rule_relative
                    && is_key(literal)
                    && file.starts_with(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules")) =>
                {
                    checked += 1;
                    if !rule_keys.contains(literal) {
                        missing.push(format!("{}: rule key `{literal}`", file.display()));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(checked > 100, "only {checked} keys found: the scan is broken");
    assert!(
        missing.is_empty(),
        "keys missing from the catalogues:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_reason_a_read_can_fail_with_is_translated() {
    // The reasons built from I/O errors are keys too (they are put together at run time, so listed here).
    for kind in [
        std::io::ErrorKind::NotFound,
        std::io::ErrorKind::PermissionDenied,
        std::io::ErrorKind::IsADirectory,
        std::io::ErrorKind::InvalidData,
    ] {
        let reason = ikilint::fsread::io_reason(&std::io::Error::from(kind));
        for lang in Lang::ALL {
            assert!(Catalog::get(lang).has(&reason), "{reason} ({lang:?})");
        }
    }
    for lang in Lang::ALL {
        for key in [
            "explain-what",
            "explain-why",
            "explain-bad",
            "explain-good",
            "explain-fix",
        ] {
            assert!(Catalog::get(lang).has(&format!("common.{key}")), "{key} ({lang:?})");
        }
    }
}
