//! The commands behind the binary, writing to the streams they are given (the library never prints itself).

use crate::baseline::Baseline;
use crate::config::{self, Effective};
use crate::i18n::{Lang, tr};
use crate::message::Message;
use crate::render::{self, Format, Summary};
use crate::rules;
use crate::{EXIT_ERROR, EXIT_OK, FailOn};
use codespan_reporting::term::termcolor::{Color, ColorSpec, NoColor, WriteColor};
use std::io::Write;
use std::path::{Path, PathBuf};

mod import;
pub use import::{ImportRequest, import};

pub struct CheckRequest {
    pub paths: Vec<PathBuf>,
    /// The paths were named by the user (not the default `.`): a run that finds no document there fails.
    pub paths_named: bool,
    /// `--allow-empty`: finding no document is fine.
    pub allow_empty: bool,
    /// `--verbose`: also list the YAML files skipped as not IKI documents.
    pub verbose: bool,
    /// `--unsafe-fixes` was given without `--fix` or `--diff`, which it needs.
    pub unsafe_without_fix: bool,
    /// `--lang`; `None` when not given (then `IKILINT_LANG`, the configuration, the locale decide).
    pub lang: Option<Lang>,
    pub format: Format,
    /// Write the formatted output to this file; the terminal then gets the human summary.
    pub output: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file.
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file instead of reporting.
    pub write_baseline: Option<PathBuf>,
    /// `--fail-on`; `None` when not given (then the configuration, else `error`).
    pub fail_on: Option<FailOn>,
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--no-config`.
    pub no_config: bool,
    pub quiet: bool,
    pub statistics: bool,
    /// `--no-cache`: lint every file afresh and leave the cache as it is.
    pub no_cache: bool,
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

/// Why a command stopped before its end: a message for stderr, or an output pipe closed by its reader
/// (`ikilint check | head`), which ends the run quietly with exit code 0.
pub enum Failure {
    Message(String),
    ClosedPipe,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}

fn io(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::ClosedPipe
    } else {
        Failure::Message(e.to_string())
    }
}

/// The exit code of a command that only writes its output: 0 also when the reader closed the pipe early.
fn written(result: std::io::Result<()>) -> i32 {
    match result {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(_) => EXIT_ERROR,
    }
}

/// The text `key` about `path`, with the `reason` (a key of the catalogue, or the system's own words) in `lang`.
fn path_error(lang: Lang, key: &str, path: &Path, reason: &str) -> String {
    path_error_for(lang, key, path, &Message::new(reason, &[]))
}

/// [`path_error`] for a reason already made a message (a [`crate::workspace::PathError`]'s, an office file's).
fn path_error_for(lang: Lang, key: &str, path: &Path, reason: &Message) -> String {
    tr(
        lang,
        key,
        &[("path", &path.display()), ("reason", &reason.in_lang(lang))],
    )
}

fn read_baseline(path: &Path, lang: Lang) -> Result<Baseline, String> {
    let text = crate::fsread::read_to_string(path, crate::fsread::Kind::Settings)
        .map_err(|reason| path_error(lang, "common.error-path", path, &reason))?;
    Baseline::parse(&text).map_err(|reason| path_error(lang, "ci.baseline-invalid", path, &reason))
}

fn write_file(path: &Path, text: &[u8], lang: Lang) -> Result<(), String> {
    crate::atomic_write::write_replacing(path, text).map_err(|reason| path_error(lang, "ci.error-write", path, &reason))
}

/// Read the configuration that applies to `paths` (`--config`, `--no-config`) and the data it names, or the
/// exit code after printing why not.
pub fn load_config(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    no_config: bool,
    lang_flag: Option<Lang>,
    err: &mut dyn Write,
) -> Result<Effective, i32> {
    config::load(paths, explicit, no_config, lang_flag).map_err(|(e, lang)| {
        let _ = writeln!(err, "{}", tr(lang, "config.error", &[("detail", &e)]));
        EXIT_ERROR
    })
}

/// `ikilint check`: returns the exit code.
pub fn check(request: &CheckRequest, out: &mut dyn WriteColor, err: &mut dyn Write) -> i32 {
    match run_check(request, out, err) {
        Ok(code) => code,
        Err(Failure::ClosedPipe) => EXIT_OK,
        Err(Failure::Message(message)) => {
            let _ = writeln!(err, "{message}");
            EXIT_ERROR
        }
    }
}

/// Say when the run linted no file at all (an empty folder, only YAML files that are not IKI documents) and, with
/// `--verbose`, which YAML files were skipped. A gate that checks nothing must not pass: when the user named the
/// paths it is an error, unless `--allow-empty`.
fn no_document_gate(
    report: &crate::Report,
    request: &CheckRequest,
    lang: Lang,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    if request.verbose {
        for name in &report.skipped {
            writeln!(err, "{}", tr(lang, "common.skipped", &[("path", name)])).map_err(io)?;
        }
    }
    if !report.files.is_empty() || request.allow_empty {
        return Ok(());
    }
    let paths: Vec<String> = request.paths.iter().map(|p| format!("`{}`", p.display())).collect();
    let args: &[(&str, &dyn std::fmt::Display)] = &[("paths", &paths.join(", ")), ("skipped", &report.skipped.len())];
    if request.paths_named {
        return Err(Failure::Message(tr(lang, "common.no-document-error", args)));
    }
    writeln!(err, "{}", tr(lang, "common.no-document-warning", args)).map_err(io)?;
    Ok(())
}

fn run_check(request: &CheckRequest, out: &mut dyn WriteColor, err: &mut dyn Write) -> Result<i32, Failure> {
    let loaded = match load_config(
        &request.paths,
        request.config.as_deref(),
        request.no_config,
        request.lang,
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let lang = loaded.lang;
    if request.unsafe_without_fix {
        return Err(Failure::Message(tr(lang, "common.unsafe-fixes-alone", &[])));
    }
    let fail_on = request.fail_on.or(loaded.config.fail_on).unwrap_or(FailOn::Error);
    if let Some(fix) = request.fix {
        return check_fix(request, fix, &loaded, fail_on, out, err);
    }
    let baseline = match &request.baseline {
        Some(path) => Some((path, read_baseline(path, lang)?)),
        None => None,
    };
    let cache = crate::run::CacheOptions {
        dir: (!request.no_cache)
            .then(|| crate::cache::dir_for(loaded.config.path.as_deref()))
            .flatten(),
        // Only the closing line is printed: the findings need only be counted.
        count_only: request.quiet
            && request.format == Format::Human
            && !request.statistics
            && request.output.is_none()
            && baseline.is_none()
            && request.write_baseline.is_none(),
    };
    let mut report = crate::check_cached(&request.paths, &loaded.data, &loaded.settings, &cache)
        .map_err(|e| path_error_for(lang, "common.error-path", &e.path, &e.reason))?;
    no_document_gate(&report, request, lang, err)?;

    if let Some(path) = &request.write_baseline {
        let recorded = Baseline::of(&report);
        write_file(path, recorded.to_json().as_bytes(), lang)?;
        if let Some(output) = &request.output {
            write_file(
                output,
                &render_to_bytes(&report, request.format, lang).map_err(io)?,
                lang,
            )?;
            writeln!(out, "{}", tr(lang, "ci.output-written", &[("path", &output.display())])).map_err(io)?;
        }
        write_summary(&report, request, lang, out).map_err(io)?;
        let count = recorded.findings.len();
        writeln!(
            out,
            "{}",
            tr(
                lang,
                "ci.baseline-written",
                &[("path", &path.display()), ("count", &count)]
            )
        )
        .map_err(io)?;
        return Ok(EXIT_OK);
    }

    report.drop_office_fixes();
    let mut notes = Vec::new();
    if let Some((path, baseline)) = &baseline {
        let applied = baseline.apply(&mut report);
        if applied.matched > 0 {
            notes.push(tr(
                lang,
                "ci.baseline-matched",
                &[("path", &path.display()), ("count", &applied.matched)],
            ));
        }
        if applied.disappeared > 0 {
            let args: &[(&str, &dyn std::fmt::Display)] = &[("path", &path.display()), ("count", &applied.disappeared)];
            notes.push(tr(lang, "ci.baseline-disappeared", args));
        }
    }

    match &request.output {
        Some(path) => {
            let text = render_to_bytes(&report, request.format, lang).map_err(io)?;
            write_file(path, &text, lang)?;
            write_summary(&report, request, lang, out).map_err(io)?;
            writeln!(out, "{}", tr(lang, "ci.output-written", &[("path", &path.display())])).map_err(io)?;
            for note in &notes {
                writeln!(out, "{note}").map_err(io)?;
            }
        }
        None if request.format == Format::Human => {
            if !request.quiet {
                render::human::render(&report, lang, out).map_err(io)?;
            }
            write_summary(&report, request, lang, out).map_err(io)?;
            for note in &notes {
                writeln!(out, "{note}").map_err(io)?;
            }
        }
        None => {
            render_to(&report, request.format, lang, out).map_err(io)?;
            // stdout carries a document for programs: the baseline's notes go to stderr.
            for note in &notes {
                writeln!(err, "{note}").map_err(io)?;
            }
        }
    }
    Ok(report.exit_code(fail_on))
}

/// `ikilint check --fix` / `--diff`: fix to a fixed point, then write the files (or print the diff), and report
/// what remains.
fn check_fix(
    request: &CheckRequest,
    fix: FixRequest,
    loaded: &Effective,
    fail_on: FailOn,
    out: &mut dyn WriteColor,
    err: &mut dyn Write,
) -> Result<i32, Failure> {
    let lang = loaded.lang;
    let (mut fixed, paths) = crate::fix::fix_paths(&request.paths, &loaded.data, &loaded.settings, fix.options)
        .map_err(|e| path_error_for(lang, "common.error-path", &e.path, &e.reason))?;
    no_document_gate(&fixed.report, request, lang, err)?;
    fixed.report.drop_office_fixes();
    for name in &fixed.office_fixable {
        writeln!(err, "{}", tr(lang, "common.fix-office", &[("file", name)])).map_err(io)?;
    }
    let remaining = fixed.report.diagnostics.len();
    let args: [(&str, &dyn std::fmt::Display); 3] = [
        ("fixes", &fixed.fixes),
        ("files", &fixed.original.len()),
        ("remaining", &remaining),
    ];
    if fix.diff {
        let diff = crate::fix::unified_diff(&fixed);
        match &request.output {
            Some(path) => {
                write_file(path, diff.as_bytes(), lang)?;
                writeln!(err, "{}", tr(lang, "ci.output-written", &[("path", &path.display())])).map_err(io)?;
            }
            None => out.write_all(diff.as_bytes()).map_err(io)?,
        }
        writeln!(err, "{}", tr(lang, "common.fix-summary-diff", &args)).map_err(io)?;
        // A pending fix fails the run like a finding: the diff is what CI would ask to apply.
        let code = fixed.report.exit_code(fail_on);
        return Ok(if fixed.original.is_empty() {
            code
        } else {
            crate::EXIT_FINDINGS
        });
    }
    let outcome = crate::fix::write_all(&fixed, &paths);
    if !outcome.not_written.is_empty() {
        for (path, reason) in &outcome.not_written {
            writeln!(err, "{}", path_error(lang, "ci.fix-not-written", path, reason)).map_err(io)?;
        }
        for path in &outcome.written {
            writeln!(err, "{}", tr(lang, "ci.fix-written", &[("path", &path.display())])).map_err(io)?;
        }
        return Ok(EXIT_ERROR);
    }
    let summary = tr(lang, "common.fix-summary", &args);
    if let Some(path) = &request.output {
        write_file(
            path,
            &render_to_bytes(&fixed.report, request.format, lang).map_err(io)?,
            lang,
        )?;
        write_summary(&fixed.report, request, lang, out).map_err(io)?;
        writeln!(out, "{summary}").map_err(io)?;
        writeln!(out, "{}", tr(lang, "ci.output-written", &[("path", &path.display())])).map_err(io)?;
    } else if request.format == Format::Human {
        if !request.quiet {
            render::human::render(&fixed.report, lang, out).map_err(io)?;
        }
        write_summary(&fixed.report, request, lang, out).map_err(io)?;
        writeln!(out, "{summary}").map_err(io)?;
    } else {
        // stdout stays one document for programs; the fix summary goes to stderr.
        render_to(&fixed.report, request.format, lang, out).map_err(io)?;
        writeln!(err, "{summary}").map_err(io)?;
    }
    Ok(fixed.report.exit_code(fail_on))
}

/// The whole output of `format`, without colour (the human format's summary is written by [`write_summary`]).
fn render_to_bytes(report: &crate::Report, format: Format, lang: Lang) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    render_to(report, format, lang, &mut bytes)?;
    Ok(bytes)
}

/// Write the whole output of `format` to `out` as it is produced (JSON, JSON Lines and SARIF stream; a province's
/// output is never held twice), through one buffer.
fn render_to(report: &crate::Report, format: Format, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    match format {
        Format::Human => {
            let mut buffer = NoColor::new(Vec::new());
            render::human::render(report, lang, &mut buffer)?;
            out.write_all(&buffer.into_inner())?;
        }
        Format::Json => render::json::write(report, lang, &mut out)?,
        Format::JsonLines => render::json_lines::write(report, lang, &mut out)?,
        Format::Sarif => render::sarif::write(report, lang, &mut out)?,
        Format::Github => out.write_all(render::github::render(report, lang).as_bytes())?,
    }
    out.flush()
}

/// The statistics table when asked for, then the closing summary line, in colour.
fn write_summary(
    report: &crate::Report,
    request: &CheckRequest,
    lang: Lang,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    if request.statistics {
        out.write_all(render::statistics_table(report, lang).as_bytes())?;
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

/// The configuration (and the cache beside it) is looked for from the paths: a mistyped path would show, or
/// clean, some other folder's. Exit code 2 with the path's name when one does not exist.
fn refuse_missing(paths: &[PathBuf], lang: Lang, err: &mut dyn Write) -> Option<i32> {
    let missing = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err())?;
    let message = path_error(lang, "common.error-path", missing, "common.reason-not-found");
    let _ = writeln!(err, "{message}");
    Some(EXIT_ERROR)
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
            if let Some(code) = refuse_missing(paths, loaded.lang, err) {
                return code;
            }
            let fail_on = loaded.config.fail_on.unwrap_or(FailOn::Error);
            written(out.write_all(loaded.config.render(loaded.lang, fail_on).as_bytes()))
        }
        Err(code) => code,
    }
}

/// `ikilint clean`: remove the cache directory that `check` would use for `paths`.
pub fn clean(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    no_config: bool,
    lang_flag: Option<Lang>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let loaded = match load_config(paths, explicit, no_config, lang_flag, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let lang = loaded.lang;
    if let Some(code) = refuse_missing(paths, lang, err) {
        return code;
    }
    let Some(dir) = crate::cache::dir_for(loaded.config.path.as_deref()) else {
        let _ = writeln!(out, "{}", tr(lang, "common.cache-none", &[]));
        return EXIT_OK;
    };
    match crate::cache::remove(&dir) {
        Ok(true) => {
            let _ = writeln!(out, "{}", tr(lang, "common.cache-removed", &[("path", &dir.display())]));
            EXIT_OK
        }
        Ok(false) => {
            let _ = writeln!(out, "{}", tr(lang, "common.cache-absent", &[("path", &dir.display())]));
            EXIT_OK
        }
        Err(e) => {
            let reason = crate::workspace::io_reason(&e);
            let _ = writeln!(err, "{}", path_error(lang, "common.error-path", &dir, &reason));
            EXIT_ERROR
        }
    }
}

/// `ikilint rules`.
pub fn rules(lang: Lang, out: &mut dyn Write) -> i32 {
    let mut text = String::new();
    for rule in rules::all() {
        let summary = rule.text(lang, "summary", &[]);
        text.push_str(&format!(
            "{}  {:<28} {:<10} {summary}\n",
            rule.code,
            rule.name,
            render::human::severity_word(rule.severity, lang)
        ));
    }
    written(out.write_all(text.as_bytes()))
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
        render::human::severity_word(rule.severity, lang),
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
    written(out.write_all(text.as_bytes()))
}

pub struct GraphRequest {
    pub paths: Vec<PathBuf>,
    pub lang: Lang,
    pub format: render::graph::GraphFormat,
    pub direction: render::graph::Direction,
    /// `--root`: a position as `<jabatan-id>` or `<dokumen-id>/<jabatan-id>`.
    pub root: Option<String>,
    pub depth: Option<usize>,
    pub output: Option<PathBuf>,
}

/// Find and load the documents under `paths`, or the message that says why not.
fn load_workspace(paths: &[PathBuf], lang: Lang) -> Result<crate::workspace::Workspace, String> {
    crate::workspace::discover(paths)
        .and_then(|candidates| crate::workspace::load(&candidates))
        .map_err(|e| path_error_for(lang, "common.error-path", &e.path, &e.reason))
}

/// Write `text` to `output`, or to `out` when there is none.
fn emit(text: &str, output: Option<&Path>, lang: Lang, out: &mut dyn Write) -> Result<(), String> {
    match output {
        Some(path) => write_file(path, text.as_bytes(), lang),
        // A reader that closed the pipe (`| head`) took what it wanted: not a failure.
        None => match out.write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
            _ => Ok(()),
        },
    }
}

/// `ikilint graph`: the cascade tree of the documents under `paths`; returns the exit code.
pub fn graph(request: &GraphRequest, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_graph(request, out) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            EXIT_ERROR
        }
    }
}

fn run_graph(request: &GraphRequest, out: &mut dyn Write) -> Result<(), String> {
    let lang = request.lang;
    let workspace = load_workspace(&request.paths, lang)?;
    let cascade = crate::cascade::Cascade::new(&workspace.documents);
    let root = match &request.root {
        Some(reference) => Some(root_position(&workspace.documents, &cascade, reference, lang)?),
        None => None,
    };
    let options = render::graph::GraphOptions {
        format: request.format,
        direction: request.direction,
        root,
        depth: request.depth,
    };
    let text = render::graph::render_with_skps(&workspace.documents, &workspace.skps, &cascade, &options, lang);
    emit(&text, request.output.as_deref(), lang, out)
}

fn root_position(
    documents: &[crate::model::Document],
    cascade: &crate::cascade::Cascade,
    reference: &str,
    lang: Lang,
) -> Result<crate::cascade::PosId, String> {
    use render::tree::RootError;
    render::tree::find_position(documents, cascade, reference).map_err(|e| match e {
        RootError::NotFound { suggestion: Some(s) } => tr(
            lang,
            "graph.root-unknown-suggest",
            &[("root", &reference), ("suggestion", &s)],
        ),
        RootError::NotFound { suggestion: None } => tr(lang, "graph.root-unknown", &[("root", &reference)]),
        RootError::Ambiguous(choices) => {
            let choices = choices.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
            tr(
                lang,
                "graph.root-ambiguous",
                &[("root", &reference), ("choices", &choices)],
            )
        }
    })
}

pub struct ReportRequest {
    pub paths: Vec<PathBuf>,
    /// `--lang`; `None` when not given (then as for `check`).
    pub lang: Option<Lang>,
    pub output: PathBuf,
    pub config: Option<PathBuf>,
    pub no_config: bool,
}

/// `ikilint report`: lint `paths` as `check` does and write the HTML report; exit 0 once it is written, whatever
/// the findings (the report is for reading, `check` is the gate).
pub fn report(request: &ReportRequest, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let ReportRequest {
        paths,
        lang,
        config,
        no_config,
        ..
    } = request;
    let loaded = match load_config(paths, config.as_deref(), *no_config, *lang, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let lang = loaded.lang;
    let result = load_workspace(paths, lang).and_then(|workspace| {
        let diagnostics = crate::lint::lint(&workspace, &loaded.data, &loaded.settings);
        let cascade = crate::cascade::Cascade::new(&workspace.documents);
        let mut files = workspace.files;
        crate::lint::mark_concerns(&mut files, &workspace.documents, &workspace.skps);
        let report = crate::Report {
            files,
            diagnostics,
            skipped: workspace.skipped,
            counted: Default::default(),
        };
        let date = today();
        let html = render::html::render(&render::html::Input {
            documents: &workspace.documents,
            skps: &workspace.skps,
            cascade: &cascade,
            report: &report,
            lang,
            date: &date,
        });
        write_file(&request.output, html.as_bytes(), lang)?;
        let summary = Summary::of(&report).line(lang);
        let written = tr(lang, "report.written", &[("path", &request.output.display())]);
        writeln!(out, "{summary}\n{written}").map_err(|e| e.to_string())
    });
    match result {
        Ok(()) => EXIT_OK,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            EXIT_ERROR
        }
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` fixes it for reproducible builds and tests.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The calendar date of a day number counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

pub struct ExportRequest {
    pub paths: Vec<PathBuf>,
    pub format: crate::export::OfficeFormat,
    /// The file to write for one document; the folder to write into for several (or when it is a folder).
    pub output: PathBuf,
    pub lang: Lang,
}

/// The findings that make a document unfit to print: the YAML does not parse (S001), a value has the wrong type
/// or a required key is missing (S002), a key is unknown (S003, its value would be left out) or repeated (S006,
/// one of its values would be left out). What is printed would not be what is written.
const NOT_PRINTABLE: [&str; 4] = ["S001", "S002", "S003", "S006"];

/// `ikilint export`: print each document under `paths` as a Word or Excel file. Exit 0 when every file is
/// written; 1 when a document does not read as written (its findings are printed as `check` prints them, and
/// nothing is written); 2 for a usage error, an unreadable path, an output that is an input, or a file that could
/// not be written.
pub fn export(request: &ExportRequest, out: &mut dyn WriteColor, err: &mut dyn Write) -> i32 {
    match run_export(request, out, err) {
        Ok(code) => code,
        Err(Failure::ClosedPipe) => EXIT_OK,
        Err(Failure::Message(message)) => {
            let _ = writeln!(err, "{message}");
            EXIT_ERROR
        }
    }
}

fn run_export(request: &ExportRequest, out: &mut dyn WriteColor, err: &mut dyn Write) -> Result<i32, Failure> {
    let lang = request.lang;
    let workspace = load_workspace(&request.paths, lang)?;
    let mut blocking: Vec<_> = workspace
        .diagnostics
        .iter()
        .filter(|d| NOT_PRINTABLE.contains(&d.code) && d.severity == crate::diagnostic::Severity::Error)
        .cloned()
        .collect();
    if !blocking.is_empty() {
        crate::lint::sort(&mut blocking, lang);
        let count = blocking.len();
        let report = crate::Report {
            files: workspace.files,
            diagnostics: blocking,
            skipped: Vec::new(),
            counted: Default::default(),
        };
        render::human::render(&report, lang, out).map_err(io)?;
        writeln!(err, "{}", tr(lang, "export.not-printable", &[("count", &count)])).map_err(io)?;
        return Ok(crate::EXIT_FINDINGS);
    }
    if workspace.documents.is_empty() && workspace.skps.is_empty() {
        let paths: Vec<String> = request.paths.iter().map(|p| format!("`{}`", p.display())).collect();
        return Err(tr(lang, "export.no-document", &[("paths", &paths.join(", "))]).into());
    }
    // IKI documents, then SKPs (whose superior RHK are printed as the texts the SKPs and IKI of the set give).
    let sources: Vec<PathBuf> = workspace
        .documents
        .iter()
        .map(|d| d.file)
        .chain(workspace.skps.iter().map(|s| s.file))
        .map(|file| PathBuf::from(workspace.files.name(file)))
        .collect();
    let targets = export_targets(&sources, &request.output, request.format, lang)?;
    for target in &targets {
        if let Some(source) = sources.iter().find(|s| same_file(s, target)) {
            return Err(tr(
                lang,
                "export.same-as-input",
                &[("path", &target.display()), ("input", &source.display())],
            )
            .into());
        }
    }
    // Every file is made before any is written: a document that cannot be printed leaves the others unwritten.
    let mut files = Vec::new();
    let count = workspace.documents.len();
    for (index, (source, target)) in sources.iter().zip(&targets).enumerate() {
        let rendered = match index.checked_sub(count) {
            None => crate::export::render(&workspace.documents[index], request.format),
            Some(s) => crate::export::render_skp(&workspace.skps, s, &workspace.documents, request.format),
        };
        let bytes = rendered.map_err(|e| {
            let reason = match e {
                crate::export::ExportError::CellTooLong {
                    position,
                    column,
                    chars,
                } => tr(
                    lang,
                    "export.cell-too-long",
                    &[("position", &position), ("column", &column), ("chars", &chars)],
                ),
                crate::export::ExportError::Writer(words) => words.trim_end_matches('.').to_string(),
            };
            tr(
                lang,
                "export.not-rendered",
                &[("path", &source.display()), ("reason", &reason)],
            )
        })?;
        files.push((target, bytes));
    }
    for (target, bytes) in files {
        write_file(target, &bytes, lang)?;
        writeln!(out, "{}", tr(lang, "export.written", &[("path", &target.display())])).map_err(io)?;
    }
    Ok(EXIT_OK)
}

/// Where each source's file goes: `output` itself for one document (unless it is a folder), else
/// `output/<source's name>.<extension>` in a folder made when missing. Two sources of the same name are refused
/// rather than one written over the other.
fn export_targets(
    sources: &[PathBuf],
    output: &Path,
    format: crate::export::OfficeFormat,
    lang: Lang,
) -> Result<Vec<PathBuf>, String> {
    if sources.len() == 1 && !output.is_dir() {
        return Ok(vec![output.to_path_buf()]);
    }
    let mut targets: Vec<PathBuf> = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        // The name keeps its dots (`iki.2024.yaml` gives `iki.2024.docx`).
        let mut name = source.file_stem().map_or_else(|| "iki".into(), |s| s.to_os_string());
        name.push(".");
        name.push(format.extension());
        let target = output.join(name);
        if let Some(earlier) = targets.iter().position(|t| t == &target) {
            let args: &[(&str, &dyn std::fmt::Display)] = &[
                ("first", &sources[earlier].display()),
                ("second", &sources[index].display()),
                ("path", &target.display()),
            ];
            return Err(tr(lang, "export.same-name", args));
        }
        targets.push(target);
    }
    std::fs::create_dir_all(output).map_err(|e| {
        let reason = crate::workspace::io_reason(&e);
        path_error(lang, "export.error-folder", output, &reason)
    })?;
    Ok(targets)
}

/// `a` and `b` name one existing file (through links, `..` or another spelling).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
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
    written(out.write_all(crate::json_schema::generate().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn day_numbers_become_calendar_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(20_454), (2026, 1, 1));
    }
}
