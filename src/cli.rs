//! The commands behind the binary, writing to the streams they are given (the library never prints itself).

use crate::data::Data;
use crate::i18n::{Lang, tr};
use crate::lint::Settings;
use crate::render::{self, Summary};
use crate::rules;
use crate::{EXIT_ERROR, EXIT_OK, FailOn};
use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use std::io::Write;
use std::path::PathBuf;

pub struct CheckRequest {
    pub paths: Vec<PathBuf>,
    pub lang: Lang,
    pub json: bool,
    pub fail_on: FailOn,
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

/// `ikilint check`: returns the exit code.
pub fn check(request: &CheckRequest, out: &mut dyn WriteColor, err: &mut dyn Write) -> i32 {
    let lang = request.lang;
    let data = Data::builtin();
    let settings = Settings::new(lang);
    if let Some(fix) = request.fix {
        return check_fix(request, fix, &data, &settings, out, err);
    }
    let report = match crate::check(&request.paths, &data, &settings) {
        Ok(report) => report,
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
    let written = if request.json {
        out.write_all(render::json::render(&report).as_bytes())
    } else {
        write_human(&report, request, out)
    };
    if written.is_err() {
        return EXIT_ERROR;
    }
    report.exit_code(request.fail_on)
}

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
    data: &Data,
    settings: &Settings,
    out: &mut dyn WriteColor,
    err: &mut dyn Write,
) -> i32 {
    let lang = request.lang;
    let (fixed, paths) = match crate::fix::fix_paths(&request.paths, data, settings, fix.options) {
        Ok(result) => result,
        Err(e) => return path_error(lang, &e.path, &e.reason, err),
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
        let code = fixed.report.exit_code(request.fail_on);
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
        write_human(&fixed.report, request, out).and_then(|()| writeln!(out, "{summary}"))
    };
    if written.is_err() {
        return EXIT_ERROR;
    }
    fixed.report.exit_code(request.fail_on)
}

fn write_human(report: &crate::Report, request: &CheckRequest, out: &mut dyn WriteColor) -> std::io::Result<()> {
    if !request.quiet {
        render::human::render(report, request.lang, out)?;
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
    write!(out, "{}", summary.line(request.lang))?;
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
