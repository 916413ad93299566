use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use ikilint::i18n::Lang;
use ikilint::render::Format;
use ikilint::{EXIT_ERROR, FailOn, cli};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

// As ruff does: a run frees and allocates millions of small values (findings, texts) across threads, where the
// system allocator spent a fifth of a warm run consolidating and unlinking chunks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options (the `mi_option_e` of its `mimalloc.h`): whether arenas are committed whole at once, and how
/// many milliseconds freed memory waits before it is given back to the system (-1 never, 0 at once).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tune the allocator for the command about to run.
fn tune_allocator(command: &Command) {
    let options: &[(libmimalloc_sys::mi_option_t, std::ffi::c_long)] = match command {
        // A check is short and reuses what it frees: pages given back to the system were faulted in again at
        // once, 2-3 s of system time in a warm run over 100,000 positions.
        Command::Check(_) => &[(MI_OPTION_PURGE_DELAY, -1)],
        // An import or export streams: what one position freed is given back at once and nothing is committed
        // ahead, so that the peak stays near the document's (a 5,000-position workbook: 102 -> 71 MiB).
        Command::Import { .. } | Command::Export { .. } => {
            &[(MI_OPTION_PURGE_DELAY, 0), (MI_OPTION_ARENA_EAGER_COMMIT, 0)]
        }
        // The language server lives for a whole editing session: mimalloc's own balance.
        _ => &[],
    };
    for &(option, value) in options {
        // SAFETY: sets one of the allocator's options, each of which takes any number and applies from then on.
        unsafe { libmimalloc_sys::mi_option_set(option, value) };
    }
}

#[derive(Parser)]
#[command(
    name = "ikilint",
    version,
    about = "Linter for Indikator Kinerja Individu (IKI) documents",
    after_help = concat!(
        "Exit codes:
  0  no finding at or above --fail-on (other commands: success)
  1  at least one finding at or above --fail-on (check only)
  2  usage error, a path that does not exist or cannot be read, bad configuration, or an internal error",
        "\n\nExamples:\n  ikilint check examples/\n  ikilint explain A001 --lang id"
    )
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories as one set.
    #[command(after_help = concat!(
        "Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on (with --diff: a fix is pending)
  2  usage error, a path that does not exist or cannot be read, bad configuration, named paths that hold no IKI document (see --allow-empty), a file --fix could not write, or an internal error",
        "\n\nExamples:\n  ikilint check examples/\n  ikilint check -f sarif -o ikilint.sarif --fail-on warning ."
    ))]
    Check(CheckArgs),
    /// List every rule: code, name, default severity, summary.
    #[command(after_help = concat!(
        "Exit codes:\n  0  success\n  2  usage error",
        "\n\nExamples:\n  ikilint rules\n  ikilint rules --lang id"
    ))]
    Rules {
        /// Language of the summaries: id or en (default: IKILINT_LANG, else LC_ALL/LANG, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print the cascade tree (pohon kinerja) as Graphviz DOT or Mermaid.
    #[command(after_help = concat!(
        "Exit codes:\n  0  success\n  2  usage error, or a path that does not exist or cannot be read",
        "\n\nExamples:\n  ikilint graph examples/ | dot -Tsvg > pohon.svg\n  ikilint graph --root camat --depth 1 --direction LR -o pohon.dot examples/\n  ikilint graph --format mermaid --lang id examples/"
    ))]
    Graph {
        /// Files and directories (walked recursively, honouring .gitignore).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// dot (Graphviz) or mermaid.
        #[arg(short, long, value_enum, default_value = "dot")]
        format: GraphFormatArg,
        /// Draw only this position and those below it: `jabatan-id` or `dokumen-id/jabatan-id`.
        #[arg(long, value_name = "ID")]
        root: Option<String>,
        /// Levels drawn below the top (0: the top alone).
        #[arg(long, value_name = "N")]
        depth: Option<usize>,
        /// TB: superiors above their subordinates; LR: left of them.
        #[arg(long, value_enum, default_value = "tb")]
        direction: DirectionArg,
        /// Write the picture to FILE instead of the standard output.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Language of the labels: id or en (default: IKILINT_LANG, else LC_ALL/LANG, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write a self-contained HTML report: the pohon kinerja of each document with its findings.
    #[command(after_help = concat!(
        "Exit codes:\n  0  the report was written (whatever its findings: `check` is the gate)\n  2  usage error, a path that does not exist or cannot be read, bad configuration, or a report that could not be written",
        "\n\nExamples:\n  ikilint report examples/ -o laporan.html --lang id\n  ikilint report . -o target/ikilint.html"
    ))]
    Report {
        /// Files and directories (walked recursively, honouring .gitignore).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// The HTML file to write.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: PathBuf,
        #[command(flatten)]
        config: ConfigArgs,
        /// Language of the labels: id or en (default: IKILINT_LANG, else LC_ALL/LANG, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print each IKI document as the official Word or Excel document, to print and sign.
    #[command(after_help = concat!(
        "Exit codes:\n  0  every file was written\n  1  a document does not read as written (its findings are printed; nothing is written)\n  2  usage error, a path that does not exist or cannot be read, an output that is an input, or a file that could not be written",
        "\n\nExamples:\n  ikilint export --format docx examples/contoh-bersih-2024.yaml -o IKI-2024.docx\n  ikilint export --format xlsx examples/ -o cetak/"
    ))]
    Export {
        /// docx (Word: one section per position) or xlsx (Excel: one sheet per position).
        #[arg(short, long, value_enum)]
        format: OfficeFormatArg,
        /// IKI documents: YAML files, or folders walked as `check` walks them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The file to write for one document; for several, the folder to write `<name>.docx`/`<name>.xlsx` in.
        #[arg(short = 'o', long, value_name = "OUT")]
        output: PathBuf,
        /// Language of the messages: id or en (default: IKILINT_LANG, else LC_ALL/LANG, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Read office documents (.docx, .xlsx, extracted .txt) and write their schema-v1 YAML.
    #[command(after_help = concat!(
        "Exit codes:\n  0  imported (with --check: no finding at or above --fail-on)\n  1  with --check: a finding at or above --fail-on\n  2  usage error, a file that cannot be read or imported, or a YAML file that exists (see --force)",
        "\n\nExamples:\n  ikilint import IKI-2024.txt > iki-2024.yaml\n  ikilint import dokumen/*.docx -o iki/ --check"
    ))]
    Import {
        /// The office documents to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write DIR/<name>.yaml for each file instead of printing the YAML (needed for several files).
        #[arg(short = 'o', long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Replace YAML files that already exist in DIR.
        #[arg(long)]
        force: bool,
        /// Lint what was imported, as `check` does (exit codes as `check`).
        #[arg(long)]
        check: bool,
        /// With --check: the lowest severity that fails the run (error, warning, info, never).
        #[arg(long, value_enum)]
        fail_on: Option<FailOnArg>,
        /// Language of the messages: id or en (default: IKILINT_LANG, else LC_ALL/LANG, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print the documentation of a rule.
    #[command(after_help = concat!(
        "Exit codes:\n  0  success\n  2  no rule has that code or name, or a usage error",
        "\n\nExamples:\n  ikilint explain A001\n  ikilint explain feeds-nothing --lang id"
    ))]
    Explain {
        /// A rule code (A001) or name (feeds-nothing).
        code: String,
        /// Language of the documentation: id or en (default: IKILINT_LANG, else LC_ALL/LANG, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Run the Language Server (LSP) over stdin/stdout, for editors.
    #[command(after_help = concat!(
        "Exit codes:\n  0  the client asked the server to exit\n  2  the connection failed",
        "\n\nExamples:\n  ikilint server            (started by the editor, see the README)\n  nvim iki/dokumen.yaml     (with ikilint configured as a language server)"
    ))]
    Server,
    /// Print the JSON Schema of the IKI document format (for yaml-language-server).
    #[command(after_help = concat!(
        "Exit codes:\n  0  success\n  2  usage error",
        "\n\nExamples:\n  ikilint schema > ikilint.schema.json\n  ikilint schema | jq .properties"
    ))]
    Schema,
    /// Remove the cache of `check` that applies to PATH (default `.`).
    #[command(after_help = concat!(
        "Exit codes:\n  0  removed, or there was no cache\n  2  the cache folder could not be removed, or a bad configuration",
        "\n\nExamples:\n  ikilint clean\n  ikilint clean --config ci/ikilint.toml"
    ))]
    Clean {
        /// Where to look for ikilint.toml (in the folder, then its parents); the cache is beside it.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
        /// Language of the messages: id or en (default: IKILINT_LANG, else LC_ALL/LANG, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print the effective configuration (ikilint.toml found from PATH, default `.`).
    #[command(after_help = concat!(
        "Exit codes:\n  0  success\n  2  a path that does not exist, a bad configuration, or a usage error",
        "\n\nExamples:\n  ikilint config\n  ikilint config --config ci/ikilint.toml examples/"
    ))]
    Config {
        /// Where to look for ikilint.toml (in the folder, then its parents).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
        /// Language of the comments: id or en (default: IKILINT_LANG, else the file's lang, else LC_ALL/LANG).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(clap::Args)]
struct ConfigArgs {
    /// Use this configuration file instead of the ikilint.toml found from the linted path.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    no_config: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories (walked recursively, honouring .gitignore); default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format: human, json, json-lines, sarif or github.
    #[arg(short, long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Write the output (the findings, or the diff with --diff) to FILE; the terminal still gets the summary.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Report and fail only on findings not recorded in this baseline file (not with --fix/--diff).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["write_baseline", "fix", "diff"])]
    baseline: Option<PathBuf>,
    /// Record every current finding in FILE (to adopt ikilint on a repository with findings) and exit 0 (not with
    /// --fix/--diff).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    write_baseline: Option<PathBuf>,
    /// Language of the messages: id or en (default: IKILINT_LANG, else the configuration's lang, else LC_ALL/LANG).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// The lowest severity that makes the run exit 1 (default: the configuration's `fail-on`, else error).
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    #[command(flatten)]
    config: ConfigArgs,
    /// Apply the safe fixes and write the files (a file with a YAML syntax error is never written).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long)]
    diff: bool,
    /// Colours: auto (a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// Print only the summary.
    #[arg(short, long)]
    quiet: bool,
    /// Lint every file afresh, without reading or writing the cache (.ikilint_cache beside ikilint.toml, else
    /// the user cache directory).
    #[arg(long)]
    no_cache: bool,
    /// Also list the YAML files skipped because they are not IKI documents.
    #[arg(short, long)]
    verbose: bool,
    /// Succeed when the named paths hold no IKI document (by default that is exit 2).
    #[arg(long)]
    allow_empty: bool,
    /// Print the number of findings per rule.
    #[arg(long)]
    statistics: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    JsonLines,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum OfficeFormatArg {
    Docx,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormatArg {
    Dot,
    Mermaid,
}

#[derive(Clone, Copy, ValueEnum)]
enum DirectionArg {
    #[value(name = "TB", alias = "tb")]
    Tb,
    #[value(name = "LR", alias = "lr")]
    Lr,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Id,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

fn lang_flag(arg: Option<LangArg>) -> Option<Lang> {
    arg.map(|a| match a {
        LangArg::Id => Lang::Id,
        LangArg::En => Lang::En,
    })
}

fn lang(arg: Option<LangArg>) -> Lang {
    lang_flag(arg).unwrap_or_else(Lang::from_env)
}

fn color_choice(arg: ColorArg) -> ColorChoice {
    match arg {
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
        ColorArg::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => ColorChoice::Never,
        ColorArg::Auto if std::io::stdout().is_terminal() => ColorChoice::Auto,
        ColorArg::Auto => ColorChoice::Never,
    }
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR as u8 } else { 0 });
        }
    };
    tune_allocator(&args.command);
    let mut stderr = std::io::stderr();
    let code = match args.command {
        Command::Check(a) => {
            let mut stdout = StandardStream::stdout(color_choice(a.color));
            let paths_named = !a.paths.is_empty();
            let request = cli::CheckRequest {
                paths: if paths_named { a.paths } else { vec![PathBuf::from(".")] },
                paths_named,
                allow_empty: a.allow_empty,
                verbose: a.verbose,
                unsafe_without_fix: a.unsafe_fixes && !(a.fix || a.diff),
                lang: lang_flag(a.lang),
                format: match a.format {
                    FormatArg::Human => Format::Human,
                    FormatArg::Json => Format::Json,
                    FormatArg::JsonLines => Format::JsonLines,
                    FormatArg::Sarif => Format::Sarif,
                    FormatArg::Github => Format::Github,
                },
                output: a.output,
                baseline: a.baseline,
                write_baseline: a.write_baseline,
                fail_on: a.fail_on.map(|f| match f {
                    FailOnArg::Error => FailOn::Error,
                    FailOnArg::Warning => FailOn::Warning,
                    FailOnArg::Info => FailOn::Info,
                    FailOnArg::Never => FailOn::Never,
                }),
                config: a.config.config,
                no_config: a.config.no_config,
                fix: (a.fix || a.diff).then_some(cli::FixRequest {
                    options: ikilint::fix::Options {
                        unsafe_fixes: a.unsafe_fixes,
                    },
                    diff: a.diff,
                }),
                quiet: a.quiet,
                statistics: a.statistics,
                no_cache: a.no_cache,
            };
            cli::check(&request, &mut stdout, &mut stderr)
        }
        Command::Rules { lang: l } => cli::rules(lang(l), &mut std::io::stdout()),
        Command::Graph {
            paths,
            format,
            root,
            depth,
            direction,
            output,
            lang: l,
        } => {
            use ikilint::render::graph::{Direction, GraphFormat};
            let request = cli::GraphRequest {
                paths,
                lang: lang(l),
                format: match format {
                    GraphFormatArg::Dot => GraphFormat::Dot,
                    GraphFormatArg::Mermaid => GraphFormat::Mermaid,
                },
                direction: match direction {
                    DirectionArg::Tb => Direction::TopDown,
                    DirectionArg::Lr => Direction::LeftRight,
                },
                root,
                depth,
                output,
            };
            cli::graph(&request, &mut std::io::stdout(), &mut stderr)
        }
        Command::Report {
            paths,
            output,
            config,
            lang: l,
        } => {
            let request = cli::ReportRequest {
                paths,
                lang: lang_flag(l),
                output,
                config: config.config,
                no_config: config.no_config,
            };
            cli::report(&request, &mut std::io::stdout(), &mut stderr)
        }
        Command::Export {
            format,
            paths,
            output,
            lang: l,
        } => {
            use ikilint::export::OfficeFormat;
            let request = cli::ExportRequest {
                paths,
                format: match format {
                    OfficeFormatArg::Docx => OfficeFormat::Docx,
                    OfficeFormatArg::Xlsx => OfficeFormat::Xlsx,
                },
                output,
                lang: lang(l),
            };
            let mut stdout = StandardStream::stdout(color_choice(ColorArg::Auto));
            cli::export(&request, &mut stdout, &mut stderr)
        }
        Command::Import {
            files,
            output,
            force,
            check,
            fail_on,
            lang: l,
        } => {
            let request = cli::ImportRequest {
                files,
                output,
                force,
                check,
                lang: lang_flag(l),
                fail_on: fail_on.map(|f| match f {
                    FailOnArg::Error => FailOn::Error,
                    FailOnArg::Warning => FailOn::Warning,
                    FailOnArg::Info => FailOn::Info,
                    FailOnArg::Never => FailOn::Never,
                }),
            };
            let color = color_choice(ColorArg::Auto);
            let mut stdout = StandardStream::stdout(color);
            let mut diagnostics = StandardStream::stderr(color);
            cli::import(&request, &mut stdout, &mut diagnostics, &mut stderr)
        }
        Command::Explain { code, lang: l } => cli::explain(&code, lang(l), &mut std::io::stdout(), &mut stderr),
        Command::Server => cli::server(&mut stderr),
        Command::Schema => cli::schema(&mut std::io::stdout()),
        Command::Clean { paths, config, lang: l } => cli::clean(
            &paths,
            config.config.as_deref(),
            config.no_config,
            lang_flag(l),
            &mut std::io::stdout(),
            &mut stderr,
        ),
        Command::Config { paths, config, lang: l } => cli::config(
            &paths,
            config.config.as_deref(),
            config.no_config,
            lang_flag(l),
            &mut std::io::stdout(),
            &mut stderr,
        ),
    };
    ExitCode::from(code as u8)
}
