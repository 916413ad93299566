//! The commands behind the binary, writing to the streams they are given (the library never prints itself).

use crate::config::{self, Config};
use crate::data::Data;
use crate::i18n::{Lang, tr};
use crate::lint::Settings;
use crate::render::{self, Summary};
use crate::rules;
use crate::{EXIT_ERROR, EXIT_OK, FailOn};
use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct CheckRequest {
    pub paths: Vec<PathBuf>,
    /// `--lang`; `None` when not given (then `IKILINT_LANG`, the configuration, the locale decide).
    pub lang: Option<Lang>,
    pub json: bool,
    /// `--fail-on`; `None` when not given (then the configuration, else `error`).
    pub fail_on: Option<FailOn>,
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--no-config`.
    pub no_config: bool,
    pub quiet: bool,
    pub statistics: bool,
    /// `--fix`/`--diff`: apply fixes instead of only reporting.
    pub fix: Option<FixRequest>,
}

/// `--fix`, `--unsafe-fixes`, `--diff`.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixRequest {
    pub options: crate::fix::Options,
    /// Print a unified diff and write nothing.
    pub diff: bool,
}

/// The configuration, language, data and settings of a run, or the exit code after printing why not.
pub struct Loaded {
    pub config: Config,
    pub lang: Lang,
    pub data: Data,
    pub settings: Settings,
}

/// Read the configuration that applies to `paths` (`--config`, `--no-config`) and the data it names.
pub fn load_config(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    no_config: bool,
    lang_flag: Option<Lang>,
    err: &mut dyn Write,
) -> Result<Loaded, i32> {
    let env = |name: &str| std::env::var(name).ok();
    let early = config::resolve_lang(lang_flag, None, env);
    let fail = |e: config::ConfigError, err: &mut dyn Write| {
        let _ = writeln!(err, "{}", tr(early, "config.error", &[("detail", &e)]));
        EXIT_ERROR
    };
    let config = config::resolve(paths, explicit, no_config, early).map_err(|e| fail(e, err))?;
    let lang = config::resolve_lang(lang_flag, config.lang, env);
    let data = config.data().map_err(|e| fail(e, err))?;
    let settings = config.settings(lang);
    Ok(Loaded {
        config,
        lang,
        data,
        settings,
    })
}

/// `ikilint check`: returns the exit code.
pub fn check(request: &CheckRequest, out: &mut dyn WriteColor, err: &mut dyn Write) -> i32 {
    let loaded = match load_config(
        &request.paths,
        request.config.as_deref(),
        request.no_config,
        request.lang,
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let lang = loaded.lang;
    let fail_on = request.fail_on.or(loaded.config.fail_on).unwrap_or(FailOn::Error);
    if let Some(fix) = request.fix {
        return check_fix(request, fix, &loaded, fail_on, out, err);
    }
    let report = match crate::check(&request.paths, &loaded.data, &loaded.settings) {
        Ok(report) => report,
        Err(e) => return path_error(lang, &e.path, &tr(lang, &e.reason, &[]), err),
    };
    let written = if request.json {
        out.write_all(render::json::render(&report).as_bytes())
    } else {
        write_human(&report, request, lang, out)
    };
    if written.is_err() {
        return EXIT_ERROR;
    }
    report.exit_code(fail_on)
}

/// A path that cannot be read: the message, exit code 2.
fn path_error(lang: Lang, path: &std::path::Path, reason: &dyn std::fmt::Display, err: &mut dyn Write) -> i32 {
    let _ = writeln!(
        err,
        "{}",
        tr(
            lang,
            "common.error-path",
            &[("path", &path.display()), ("reason", reason)]
        )
    );
    EXIT_ERROR
}

/// `ikilint check --fix` / `--diff`: fix to a fixed point, then write the files (or print the diff), and report
/// what remains.
fn check_fix(
    request: &CheckRequest,
    fix: FixRequest,
    loaded: &Loaded,
    fail_on: FailOn,
    out: &mut dyn WriteColor,
    err: &mut dyn Write,
) -> i32 {
    let lang = loaded.lang;
    let (fixed, paths) = match crate::fix::fix_paths(&request.paths, &loaded.data, &loaded.settings, fix.options) {
        Ok(result) => result,
        Err(e) => return path_error(lang, &e.path, &tr(lang, &e.reason, &[]), err),
    };
    let remaining = fixed.report.diagnostics.len();
    let args: [(&str, &dyn std::fmt::Display); 3] = [
        ("fixes", &fixed.fixes),
        ("files", &fixed.original.len()),
        ("remaining", &remaining),
    ];
    if fix.diff {
        let diff = crate::fix::unified_diff(&fixed);
        if out.write_all(diff.as_bytes()).is_err() {
            return EXIT_ERROR;
        }
        let _ = writeln!(err, "{}", tr(lang, "common.fix-summary-diff", &args));
        let code = fixed.report.exit_code(fail_on);
        return if fixed.original.is_empty() {
            code
        } else {
            crate::EXIT_FINDINGS
        };
    }
    if let Err((path, e)) = crate::fix::write_all(&fixed, &paths) {
        return path_error(lang, &path, &e, err);
    }
    let summary = tr(lang, "common.fix-summary", &args);
    let written = if request.json {
        // stdout stays one JSON document; the fix summary goes to stderr.
        let _ = writeln!(err, "{summary}");
        out.write_all(render::json::render(&fixed.report).as_bytes())
    } else {
        write_human(&fixed.report, request, lang, out).and_then(|()| writeln!(out, "{summary}"))
    };
    if written.is_err() {
        return EXIT_ERROR;
    }
    fixed.report.exit_code(fail_on)
}

/// `ikilint config`: print the effective configuration for `paths`.
pub fn config(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    no_config: bool,
    lang_flag: Option<Lang>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    match load_config(paths, explicit, no_config, lang_flag, err) {
        Ok(loaded) => {
            let fail_on = loaded.config.fail_on.unwrap_or(FailOn::Error);
            match out.write_all(loaded.config.render(loaded.lang, fail_on).as_bytes()) {
                Ok(()) => EXIT_OK,
                Err(_) => EXIT_ERROR,
            }
        }
        Err(code) => code,
    }
}

fn write_human(
    report: &crate::Report,
    request: &CheckRequest,
    lang: Lang,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    if !request.quiet {
        render::human::render(report, lang, out)?;
    }
    if request.statistics {
        out.write_all(render::statistics_table(report).as_bytes())?;
    }
    let summary = Summary::of(report);
    let color = if summary.errors > 0 {
        Color::Red
    } else if summary.warnings > 0 {
        Color::Yellow
    } else {
        Color::Green
    };
    out.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true))?;
    write!(out, "{}", summary.line(lang))?;
    out.reset()?;
    writeln!(out)
}

/// `ikilint rules`.
pub fn rules(lang: Lang, out: &mut dyn Write) -> i32 {
    for rule in rules::all() {
        let summary = rule.text(lang, "summary", &[]);
        if writeln!(out, "{}  {:<28} {:<8} {summary}", rule.code, rule.name, rule.severity).is_err() {
            return EXIT_ERROR;
        }
    }
    EXIT_OK
}

/// `ikilint explain CODE`.
pub fn explain(code: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(rule) = rules::by_code(code).or_else(|| rules::all().iter().copied().find(|r| r.name == code)) else {
        let message = match rules::suggest_code(code) {
            Some(s) => tr(
                lang,
                "common.unknown-code-suggest",
                &[("code", &code), ("suggestion", &s)],
            ),
            None => tr(lang, "common.unknown-code", &[("code", &code)]),
        };
        let _ = writeln!(err, "{message}");
        return EXIT_ERROR;
    };
    let heading = |key: &str| tr(lang, &format!("common.explain-{key}"), &[]);
    let family = tr(lang, rule.family.name_key(), &[]);
    let mut text = format!(
        "{} {} ({}, {})\n\n{}\n",
        rule.code,
        rule.name,
        family,
        rule.severity,
        rule.text(lang, "summary", &[])
    );
    for key in ["what", "why", "bad", "good", "fix"] {
        let body = rule.text(lang, key, &[]);
        let body = if matches!(key, "bad" | "good") {
            body.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
        } else {
            body.trim_end().to_string()
        };
        text.push_str(&format!("\n{}\n{}\n", heading(key), body));
    }
    if out.write_all(text.as_bytes()).is_err() {
        return EXIT_ERROR;
    }
    EXIT_OK
}

pub struct GraphRequest {
    pub paths: Vec<PathBuf>,
    pub lang: Lang,
    pub format: render::graph::GraphFormat,
}

/// `ikilint graph`: the cascade tree of the documents under `paths`; returns the exit code.
pub fn graph(request: &GraphRequest, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let lang = request.lang;
    let loaded =
        crate::workspace::discover(&request.paths).and_then(|candidates| crate::workspace::load(&candidates, lang));
    let workspace = match loaded {
        Ok(workspace) => workspace,
        Err(e) => {
            let _ = writeln!(
                err,
                "{}",
                tr(
                    lang,
                    "common.error-path",
                    &[("path", &e.path.display()), ("reason", &e.reason)]
                )
            );
            return EXIT_ERROR;
        }
    };
    let cascade = crate::cascade::Cascade::new(&workspace.documents);
    let text = render::graph::render(&workspace.documents, &cascade, request.format, lang);
    match out.write_all(text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_ERROR,
    }
}

/// `ikilint server`: serve the Language Server Protocol on stdin/stdout until the client exits.
pub fn server(err: &mut dyn Write) -> i32 {
    match crate::server::run_stdio() {
        Ok(()) => EXIT_OK,
        Err(message) => {
            let _ = writeln!(err, "ikilint server: {message}");
            EXIT_ERROR
        }
    }
}

/// `ikilint schema`: the JSON Schema of the document format.
pub fn schema(out: &mut dyn Write) -> i32 {
    match out.write_all(crate::json_schema::generate().as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_ERROR,
    }
}
