//! Output formats, one file each. Every renderer takes the sorted reports of a run and
//! returns the text to write; none of them reads a file or parses text again.

pub mod concise;
pub mod fingerprint;
pub mod full;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod location;
pub mod sarif;

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::report::FileReport;

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Source lines with underlined spans, labels and help (the default on a terminal).
    Full,
    /// One line per finding: `path:line:col: severity: message [CODE]`.
    Concise,
    /// A versioned JSON document with every field of every finding.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// GitLab's Code Quality report.
    Gitlab,
    /// JUnit XML.
    Junit,
}

#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub color: bool,
    /// The width the full format wraps its text at.
    pub width: usize,
    /// The repository's root, absolute and normalised: the CI formats (SARIF, GitLab,
    /// JUnit, GitHub) name files relative to it (see [`location`]).
    pub root: Option<PathBuf>,
    /// How the run ended, for the formats that record it (SARIF's `invocations`).
    pub invocation: Option<Invocation>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
            root: None,
            invocation: None,
        }
    }
}

/// How a run ended: its exit code, what kept it from checking everything it was asked to
/// (a path that does not exist, an internal error), and the directory it ran in.
#[derive(Debug, Clone, Default)]
pub struct Invocation {
    pub exit_code: u8,
    pub errors: Vec<String>,
    pub working_directory: Option<PathBuf>,
}

/// The lines that follow a finding's message in plain-text formats: its help, and the
/// places in other files it names.
pub fn trailer(d: &Diagnostic) -> String {
    let mut text = String::new();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    for r in &d.related {
        text.push_str(&format!(
            "\nsee {}:{}:{}: {}",
            r.path, r.start.line, r.start.column, r.message
        ));
    }
    text
}

/// What a run's reports hold, as summaries count it: findings by severity (in the order
/// of [`crate::diagnostic::Severity`]'s values), reports, and the reports of skipped files.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    pub counts: [usize; 3],
    pub files: usize,
    pub skipped: usize,
}

impl Totals {
    /// The totals of the reports.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut totals = Self::default();
        totals.add(reports);
        totals
    }

    /// Counts the reports in.
    pub fn add(&mut self, reports: &[FileReport]) {
        for report in reports {
            self.files += 1;
            self.skipped += usize::from(report.skipped.is_some());
            for d in &report.diagnostics {
                self.counts[d.severity as usize] += 1;
            }
        }
    }
}

/// A format written as a run goes, batch by batch (see
/// [`crate::engine::run_streaming`]): the pieces together are byte for byte what
/// [`render`] makes of all the reports at once. Only formats whose text about a file
/// depends on nothing after it can be, and GitHub's, whose end (the group of every
/// finding) is kept as lines; SARIF, GitLab and JUnit documents are written at the end.
pub struct Streamed<'a> {
    format: OutputFormat,
    options: &'a RenderOptions,
    totals: Totals,
    github: github::Writer,
}

impl<'a> Streamed<'a> {
    /// `None` for a format that is written at the end.
    pub fn new(format: OutputFormat, options: &'a RenderOptions) -> Option<Self> {
        matches!(
            format,
            OutputFormat::Concise | OutputFormat::Full | OutputFormat::Json | OutputFormat::Github
        )
        .then_some(Self {
            format,
            options,
            totals: Totals::default(),
            github: github::Writer::default(),
        })
    }

    /// The text of a batch, which follows every batch before it. No finding of a batch
    /// may name a file of another batch.
    pub fn batch(&mut self, reports: &[FileReport]) -> String {
        let first = self.totals.files == 0;
        self.totals.add(reports);
        match self.format {
            OutputFormat::Json if reports.is_empty() => String::new(),
            OutputFormat::Json if first => {
                format!("{}{}", json::OPENING, json::files(reports, true))
            }
            OutputFormat::Json => json::files(reports, false),
            OutputFormat::Github => self.github.batch(reports, self.options),
            format => render(format, reports, self.options),
        }
    }

    /// What the batches so far held.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// What follows the last batch.
    pub fn finish(self) -> String {
        match self.format {
            OutputFormat::Json if self.totals.files == 0 => json::without_files(&self.totals),
            OutputFormat::Json => json::closing(&self.totals),
            OutputFormat::Github => self.github.finish(),
            _ => String::new(),
        }
    }
}

pub fn render(format: OutputFormat, reports: &[FileReport], options: &RenderOptions) -> String {
    match format {
        OutputFormat::Full => full::render(reports, options),
        OutputFormat::Concise => concise::render(reports, options),
        OutputFormat::Json => json::render(reports),
        OutputFormat::Sarif => sarif::render(reports, options),
        OutputFormat::Github => github::render(reports, options),
        OutputFormat::Gitlab => gitlab::render(reports, options),
        OutputFormat::Junit => junit::render(reports, options),
    }
}
