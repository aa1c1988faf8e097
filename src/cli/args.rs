//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use invlint::diagnostic::Severity;
use invlint::render::OutputFormat;

#[derive(Parser)]
#[command(
    name = "invlint",
    version,
    about = "Validates and lints object-storage bucket inventory configurations",
    after_long_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The exit codes and the environment, for `--help` and the manual page.
const AFTER_HELP: &str = "\
Exit status: 0 no findings at or above --fail-on; 1 findings; 2 a usage or configuration \
error, or a path that does not exist (the other paths are still checked); 3 a bug in invlint.

Environment: NO_COLOR turns color off and FORCE_COLOR on (for --color auto); COLUMNS is the \
width of the full format; GITHUB_WORKSPACE or CI_PROJECT_DIR, when set, is the root that \
SARIF, GitLab, JUnit and GitHub reports name files relative to (else the git repository \
holding the working directory).";

#[derive(Subcommand)]
pub enum Command {
    /// Check documents: files, directories (walked, honouring .gitignore) or `-` for stdin.
    Check(Box<CheckArgs>),
    /// Print a rule's documentation.
    Rule {
        /// The rule's code (INV003) or name (unknown-element).
        #[arg(value_parser = one_rule(), hide_possible_values = true)]
        rule: String,
    },
    /// List every rule with its code, name and default severity.
    Rules {
        /// Print every rule's documentation as Markdown (what docs/rules.md holds).
        #[arg(long)]
        markdown: bool,
    },
    /// List every provider table with its id, name and host suffixes.
    Providers {
        /// Print every table's facts and sources as Markdown (what docs/providers.md holds).
        #[arg(long)]
        markdown: bool,
    },
    /// Serve editors: a language server on stdin and stdout (diagnostics, quick fixes,
    /// hover and completion from the providers' tables).
    Server,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): invlint(1), or a command's own (`manpage check` is
    /// invlint-check(1)).
    Manpage {
        /// The command whose page to print; none: the top-level page.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
        /// Write every page (invlint.1 and one per command) into DIR instead.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
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
    /// When to color the output; with `auto`, NO_COLOR turns it off and FORCE_COLOR on
    /// (NO_COLOR wins when both are set).
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
    /// Run only these rules (codes or names, comma-separated, or ALL), whatever
    /// invlint.toml selects, ignores or turns off.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = rule_names(),
          hide_possible_values = true)]
    pub select: Vec<String>,
    /// Also run these rules, over invlint.toml's `select`, `ignore` and `off`.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = rule_names(),
          hide_possible_values = true)]
    pub extend_select: Vec<String>,
    /// Do not run these rules, whatever else selects them.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = rule_names(),
          hide_possible_values = true)]
    pub ignore: Vec<String>,
    /// Make the safe fixes in the files (atomically), then report what is left; with
    /// stdin, print the fixed text on stdout and the findings on stderr.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also make the fixes that are guesses (a did-you-mean rename,
    /// an added prefix).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// The largest document read (e.g. 16MiB, 500KB, 1048576); a larger one is a finding.
    /// Default 4MiB, far above any real configuration; at most 4GiB less a byte.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Print how many findings each rule made instead of the findings (as JSON with
    /// `--format json`).
    #[arg(long)]
    pub statistics: bool,
    /// Print nothing but findings: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Exit 0 even when there are findings (usage errors and bugs still exit 2 and 3).
    #[arg(long)]
    pub exit_zero: bool,
}

impl CheckArgs {
    /// The arguments of a bare `invlint check`: what the editor server checks with.
    pub fn defaults() -> Self {
        match Cli::parse_from(["invlint", "check"]).command {
            Command::Check(args) => *args,
            _ => unreachable!("`invlint check` parses as the check command"),
        }
    }
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

/// The values a rule argument takes: every code, every name, and `ALL`. Shell completion
/// offers them all; a value that is none of them gets one line with the nearest rule, not
/// clap's list of all seventy.
fn rule_names() -> RuleParser {
    RuleParser { all: true }
}

/// `invlint rule` takes one rule, never `ALL`.
fn one_rule() -> RuleParser {
    RuleParser { all: false }
}

#[derive(Clone)]
pub struct RuleParser {
    all: bool,
}

impl clap::builder::TypedValueParser for RuleParser {
    type Value = String;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let text = value.to_string_lossy();
        if (self.all && text.eq_ignore_ascii_case("ALL"))
            || invlint::checks::find_rule(&text).is_some()
        {
            return Ok(text.into_owned());
        }
        let words = invlint::checks::ALL_RULES
            .iter()
            .flat_map(|rule| [rule.code, rule.name]);
        let hint = invlint::suggest::did_you_mean(&text, words)
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default();
        let flag = arg.map_or_else(|| "a rule".to_string(), |a| a.to_string());
        Err(clap::Error::raw(
            clap::error::ErrorKind::InvalidValue,
            format!(
                "`{}` given to {flag} is not a rule{hint} (`invlint rules` lists them)\n",
                invlint::escape::controls(&text)
            ),
        ))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let rules = invlint::checks::ALL_RULES.iter();
        let all = self
            .all
            .then(|| clap::builder::PossibleValue::new("ALL").help("every rule"));
        Some(Box::new(all.into_iter().chain(rules.flat_map(|rule| {
            [
                clap::builder::PossibleValue::new(rule.code).help(rule.summary),
                clap::builder::PossibleValue::new(rule.name).help(rule.summary),
            ]
        }))))
    }
}

/// A size in bytes, with an optional unit: `K`/`KB`/`KiB` and so on are powers of 1024.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size: expected a number of bytes, as in 16MiB"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "`{other}` is not a unit of size: expected KiB, MiB or GiB"
            ));
        }
    };
    let size = number
        .checked_mul(factor)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{text}` is not a size invlint can read"))?;
    // Positions in a document are 32-bit offsets, which keeps its tree small.
    if size > invlint::diagnostic::MAX_TEXT_BYTES as u64 {
        return Err(format!(
            "`{text}` is more than invlint can read: documents are at most 4 GiB"
        ));
    }
    Ok(size)
}
