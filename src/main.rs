use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use ikilint::i18n::Lang;
use ikilint::{EXIT_ERROR, FailOn, cli};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ikilint",
    version,
    about = "Linter for Indikator Kinerja Individu (IKI) documents"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories as one set.
    Check(CheckArgs),
    /// List every rule: code, name, default severity, summary.
    Rules {
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print the documentation of a rule.
    Explain {
        code: String,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Run the Language Server (LSP) over stdin/stdout, for editors.
    Server,
    /// Print the JSON Schema of the IKI document format (for yaml-language-server).
    Schema,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories (walked recursively, honouring .gitignore).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// The lowest severity that makes the run exit 1.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOnArg,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// Print only the summary.
    #[arg(long)]
    quiet: bool,
    /// Print the number of findings per rule.
    #[arg(long)]
    statistics: bool,
    /// Apply the safe fixes and write the files (a file with a YAML syntax error is never written).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long)]
    diff: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
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

fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Id) => Lang::Id,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
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
    let mut stderr = std::io::stderr();
    let code = match args.command {
        Command::Check(a) => {
            let mut stdout = StandardStream::stdout(color_choice(a.color));
            let request = cli::CheckRequest {
                paths: a.paths,
                lang: lang(a.lang),
                json: matches!(a.format, FormatArg::Json),
                fail_on: match a.fail_on {
                    FailOnArg::Error => FailOn::Error,
                    FailOnArg::Warning => FailOn::Warning,
                    FailOnArg::Info => FailOn::Info,
                    FailOnArg::Never => FailOn::Never,
                },
                quiet: a.quiet,
                statistics: a.statistics,
                fix: (a.fix || a.diff).then_some(cli::FixRequest {
                    options: ikilint::fix::Options {
                        unsafe_fixes: a.unsafe_fixes,
                    },
                    diff: a.diff,
                }),
            };
            cli::check(&request, &mut stdout, &mut stderr)
        }
        Command::Rules { lang: l } => cli::rules(lang(l), &mut std::io::stdout()),
        Command::Explain { code, lang: l } => cli::explain(&code, lang(l), &mut std::io::stdout(), &mut stderr),
        Command::Server => match ikilint::server::run_stdio() {
            Ok(()) => 0,
            Err(message) => {
                use std::io::Write;
                let _ = writeln!(stderr, "ikilint server: {message}");
                1
            }
        },
        Command::Schema => {
            use std::io::Write;
            match std::io::stdout().write_all(ikilint::json_schema::generate().as_bytes()) {
                Ok(()) => 0,
                Err(_) => EXIT_ERROR,
            }
        }
    };
    ExitCode::from(code as u8)
}
