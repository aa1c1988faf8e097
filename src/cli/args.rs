//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use invlint::diagnostic::Severity;
use invlint::render::OutputFormat;

#[derive(Parser)]
#[command(
    name = "invlint",
    version,
    about = "Validates and lints object-storage bucket inventory configurations"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check documents: files, directories (walked, honouring .gitignore) or `-` for stdin.
    Check(Box<CheckArgs>),
    /// Print a rule's documentation.
    Rule {
        /// The rule's code (INV003) or name (unknown-element).
        rule: String,
    },
    /// List every rule with its code, name and default severity.
    Rules {
        /// Print every rule's documentation as Markdown (what docs/rules.md holds).
        #[arg(long)]
        markdown: bool,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Manpage,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input. None: the working
    /// directory, or standard input with --stdin-filename.
    pub paths: Vec<PathBuf>,
    /// How findings are printed on stdout. Default: full on a terminal, concise otherwise.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Also write FORMAT to PATH (or to stdout without `=PATH`); repeatable.
    #[arg(long, value_name = "FORMAT[=PATH]")]
    pub output: Vec<String>,
    /// When to color the output; NO_COLOR turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The lowest severity that makes the exit code 1 (default: error, or `fail-on` in
    /// invlint.toml).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The file name to report, and to pick XML or JSON by, for text read from stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// The bucket's region, for documents without a Host that tells it (e.g. cn-qingdao).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// The id the request will carry: a bare body's Id must equal it.
    #[arg(long, value_name = "ID")]
    pub inventory_id: Option<String>,
    /// The provider every document is for; detected from each document when not given.
    #[arg(long, value_name = "PROVIDER", value_parser = provider_ids())]
    pub provider: Option<String>,
    /// The bucket the documents configure, when no Host says it (for checks across files).
    #[arg(long, value_name = "BUCKET")]
    pub bucket: Option<String>,
    /// Use this configuration file for every file instead of discovering invlint.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Follow symbolic links in directory walks, and read links named on the command line
    /// even where they lead out of the working directory's repository.
    #[arg(long)]
    pub follow_links: bool,
    /// Apply the configuration's `exclude` to files named on the command line too.
    #[arg(long)]
    pub force_exclude: bool,
    /// Print the settings that apply to FILE, and where each comes from, then exit.
    #[arg(long, value_name = "FILE")]
    pub show_config: Option<PathBuf>,
    /// Report only findings that the baseline FILE does not hold (see --write-baseline).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run in FILE, by fingerprints that survive moved lines,
    /// and exit 0: the baseline a repository adopts invlint with.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print how many findings each rule made instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print nothing but findings: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Exit 0 even when there are findings (usage errors and bugs still exit 2 and 3).
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// `--provider`'s values: every table in `rules/`, as the build found them.
fn provider_ids() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(invlint::provider::IDS.iter().copied())
}
