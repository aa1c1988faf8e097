//! The `invlint` command: arguments in, library calls, reports out, an exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use invlint::checks::{ALL_RULES, find_rule};
use invlint::diagnostic::Severity;
use invlint::files::{self, Input};
use invlint::provider;
use invlint::render::{self, FileReport, OutputFormat, RenderOptions};
use invlint::{LintOptions, check_bytes, unreadable};

/// Exit codes: findings at or above --fail-on, a usage or configuration error, a bug.
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_INTERNAL: u8 = 3;

#[derive(Parser)]
#[command(
    name = "invlint",
    version,
    about = "Validates and lints object-storage bucket inventory configurations"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check documents: files, directories (walked, honouring .gitignore) or `-` for stdin.
    Check(CheckArgs),
    /// Print a rule's documentation.
    Rule {
        /// The rule's code (INV003) or name (unknown-element).
        rule: String,
    },
    /// List every rule with its code, name and default severity.
    Rules,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to check; `-` reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// How findings are printed. Default: full on a terminal, concise otherwise.
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// When to color the output; NO_COLOR turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// The file name to report, and to pick XML or JSON by, for text read from stdin.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// The bucket's region, for documents without a Host that tells it (e.g. cn-qingdao).
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// The id the request will carry: a bare body's Id must equal it.
    #[arg(long, value_name = "ID")]
    inventory_id: Option<String>,
    /// The provider every document is for; detected from each document when not given.
    #[arg(long, value_name = "PROVIDER", value_parser = ["oss", "obs", "s3"])]
    provider: Option<String>,
    /// The bucket the documents configure, when no Host says it (for checks across files).
    #[arg(long, value_name = "BUCKET")]
    bucket: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rule { rule } => match find_rule(&rule) {
            Some(rule) => {
                println!("# {} ({})\n", rule.name, rule.code);
                println!(
                    "{}\n\nDefault severity: {}",
                    rule.summary, rule.default_severity
                );
                println!("\n{}", rule.documentation());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "invlint: no rule has the code or name `{rule}`; `invlint rules` lists them"
                );
                ExitCode::from(EXIT_USAGE)
            }
        },
        Command::Rules => {
            for rule in ALL_RULES {
                println!(
                    "{}  {:<20} {:<8} {}",
                    rule.code, rule.name, rule.default_severity, rule.summary
                );
            }
            ExitCode::SUCCESS
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let inputs = match files::collect(&args.paths) {
        Ok(inputs) => inputs,
        Err(error) => {
            eprintln!("invlint: {}", error.0);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let options = LintOptions {
        region: args.region.clone(),
        inventory_id: args.inventory_id.clone(),
        bucket: args.bucket.clone(),
        provider: args.provider.as_deref().and_then(provider::by_id),
        ..LintOptions::default()
    };
    let mut reports = Vec::with_capacity(inputs.len());
    let mut internal_errors = 0;
    for input in &inputs {
        let name = display_name(input, args.stdin_filename.as_deref());
        let checked = std::panic::catch_unwind(|| check_input(input, &name, &options));
        match checked {
            Ok(report) => reports.push(report),
            Err(_) => {
                eprintln!("invlint: internal error while checking {name}; please report it");
                internal_errors += 1;
            }
        }
    }
    reports.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    invlint::across::check_across(&mut reports, &options);

    let stdout = std::io::stdout();
    let is_terminal = stdout.is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let format = args.format.unwrap_or(if is_terminal {
        OutputFormat::Full
    } else {
        OutputFormat::Concise
    });
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    let text = render::render(format, &reports, &RenderOptions { color, width });
    let mut out = stdout.lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        // A closed pipe (`| head`) is not the tool's failure; the exit code still tells.
    }
    eprintln!("{}", summary(&reports));

    if internal_errors > 0 {
        return ExitCode::from(EXIT_INTERNAL);
    }
    let threshold = args.fail_on.threshold();
    let failed = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold);
    if failed {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn check_input(input: &Input, name: &str, options: &LintOptions) -> FileReport {
    let bytes = match input {
        Input::File(path) => files::read(path),
        Input::Stdin => files::read_stdin(),
    };
    match bytes {
        Ok(bytes) => check_bytes(name, bytes, options),
        Err(reason) => unreadable(name, &reason),
    }
}

fn display_name(input: &Input, stdin_filename: Option<&str>) -> String {
    match input {
        // Paths found under `.` are shown as `a.xml`, not `./a.xml`, as other linters do.
        Input::File(path) => path.strip_prefix(".").unwrap_or(path).display().to_string(),
        Input::Stdin => stdin_filename.unwrap_or("<stdin>").to_string(),
    }
}

/// One line for stderr: how many files were checked and what was found.
fn summary(reports: &[FileReport]) -> String {
    let count = |severity| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    };
    let files = reports.len();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors + warnings + infos == 0 {
        return format!("invlint: {} checked, no findings", plural(files, "file"));
    }
    format!(
        "invlint: {} checked: {}, {}, {infos} info",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    )
}
