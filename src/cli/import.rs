//! `ikilint import FILE... [-o DIR] [--force] [--check]`: the schema-v1 YAML read from office documents, printed
//! (one file) or written beside each other in DIR, optionally linted in the same step.

use super::{CheckRequest, path_error, path_error_for};
use crate::i18n::{Lang, tr};
use crate::office::{Format, import as import_office};
use crate::render;
use crate::{EXIT_ERROR, EXIT_OK, FailOn};
use codespan_reporting::term::termcolor::WriteColor;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct ImportRequest {
    pub files: Vec<PathBuf>,
    /// `-o DIR`: write `DIR/<stem>.yaml` per file instead of printing.
    pub output: Option<PathBuf>,
    /// `--force`: replace a YAML file that already exists in DIR.
    pub force: bool,
    /// `--check`: lint what was imported (the written YAML with `-o`, else the office files themselves, whose
    /// findings then go to stderr so that stdout stays the YAML).
    pub check: bool,
    /// `--lang`; `None` when not given.
    pub lang: Option<Lang>,
    /// `--fail-on` for `--check`.
    pub fail_on: Option<FailOn>,
}

/// Run the import; `diagnostics` receives the findings of `--check` when stdout carries the YAML.
pub fn import(
    request: &ImportRequest,
    out: &mut dyn WriteColor,
    diagnostics: &mut dyn WriteColor,
    err: &mut dyn Write,
) -> i32 {
    let lang = request.lang.unwrap_or_else(Lang::from_env);
    match run(request, lang, out, err) {
        Ok(written) if request.check => {
            let into_dir = request.output.is_some();
            let check = CheckRequest {
                paths: if into_dir { written } else { request.files.clone() },
                paths_named: true,
                allow_empty: false,
                verbose: false,
                unsafe_without_fix: false,
                lang: request.lang,
                format: render::Format::Human,
                output: None,
                baseline: None,
                write_baseline: None,
                fail_on: request.fail_on,
                config: None,
                no_config: false,
                quiet: false,
                statistics: false,
                no_cache: true,
                fix: None,
            };
            let stream: &mut dyn WriteColor = if into_dir { out } else { diagnostics };
            super::check(&check, stream, err)
        }
        Ok(_) => EXIT_OK,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            EXIT_ERROR
        }
    }
}

/// Import every file; returns the paths written (with `-o`).
fn run(request: &ImportRequest, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Result<Vec<PathBuf>, String> {
    if request.output.is_none() && request.files.len() != 1 {
        return Err(tr(lang, "common.import-several", &[("count", &request.files.len())]));
    }
    let mut imported = Vec::with_capacity(request.files.len());
    for file in &request.files {
        let name = file.to_string_lossy().into_owned();
        let format = Format::of_name(&name)
            .ok_or_else(|| path_error(lang, "common.error-path", file, "common.reason-not-office"))?;
        let bytes = crate::fsread::read(file, crate::fsread::Kind::Document)
            .map_err(|reason| path_error(lang, "common.error-path", file, &reason))?;
        let result = import_office(format, &name, &bytes)
            .map_err(|e| path_error_for(lang, "common.error-path", file, &e.message()))?;
        imported.push((file, result));
    }
    // SKP prints imported together: each one's printed superior RHK linked to the superior's SKP among them.
    let mut results: Vec<crate::office::Imported> = imported.iter_mut().map(|(_, r)| std::mem::take(r)).collect();
    crate::office::link_skps(&mut results);
    for ((_, slot), result) in imported.iter_mut().zip(results) {
        *slot = result;
    }
    let Some(dir) = &request.output else {
        let (_, result) = &imported[0];
        out.write_all(result.yaml.as_bytes()).map_err(|e| e.to_string())?;
        return Ok(Vec::new());
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| path_error(lang, "common.error-path", dir, &crate::paths::io_reason(&e)))?;
    let targets: Vec<PathBuf> = imported.iter().map(|(file, _)| target(dir, file)).collect();
    // Nothing is written when any target is taken, or two files would write the same one.
    for (i, path) in targets.iter().enumerate() {
        if targets[..i].contains(path) {
            return Err(tr(lang, "common.import-same-target", &[("path", &path.display())]));
        }
        if path.exists() && !request.force {
            return Err(tr(lang, "common.import-exists", &[("path", &path.display())]));
        }
    }
    for ((file, result), path) in imported.iter().zip(&targets) {
        crate::atomic_write::write_replacing(path, result.yaml.as_bytes())
            .map_err(|reason| path_error(lang, "ci.error-write", path, &reason))?;
        let args: [(&str, &dyn std::fmt::Display); 4] = [
            ("file", &file.display()),
            ("path", &path.display()),
            ("positions", &result.positions),
            ("problems", &result.problems.len()),
        ];
        let key = if result.skp.is_some() {
            "common.import-written-skp"
        } else {
            "common.import-written"
        };
        writeln!(err, "{}", tr(lang, key, &args)).map_err(|e| e.to_string())?;
    }
    Ok(targets)
}

/// `DIR/<stem>.yaml` for `file`.
fn target(dir: &Path, file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "iki".into(), |s| s.to_string_lossy().into_owned());
    dir.join(format!("{stem}.yaml"))
}
