//! invlint: an offline validator and linter for object-storage bucket inventory
//! configurations.
//!
//! The library's face is [`check_bytes`] (a file's bytes to its findings) and [`lint`] (a
//! decoded source to its findings). See ARCHITECTURE.md for the way data flows.

pub mod across;
pub mod checks;
pub mod config;
pub mod context;
pub mod detect;
pub mod diagnostic;
pub mod escape;
pub mod files;
pub mod normalize;
pub mod provider;
pub mod render;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod syntax;

use checks::{ALL_RULES, Context, Rule};
use diagnostic::{Diagnostic, Span};
use render::FileReport;
use source::SourceFile;

/// What a run checks for, and what it knows beyond the documents.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// The rules that run; a rule not listed never runs. Shared: a run hands the same
    /// list to every file.
    pub rules: std::sync::Arc<[&'static Rule]>,
    /// The current time in Unix seconds, injected so that tests are deterministic.
    pub now: i64,
    /// The bucket's region (`--region`), used when a document has no Host to tell it.
    pub region: Option<String>,
    /// The id the request will carry (`--inventory-id`), for a bare body.
    pub inventory_id: Option<String>,
    /// The bucket the documents are for (`--bucket`), when no Host tells it.
    pub bucket: Option<String>,
    /// The provider every document is for (`--provider`); detected when `None`.
    pub provider: Option<&'static provider::Schema>,
    /// Where `provider` came from, for the JSON output; `--provider` when not given.
    pub provider_origin: Option<String>,
}

impl Default for LintOptions {
    /// Every rule, at the moment the process first asked: built once per process, however
    /// many files a run checks.
    fn default() -> Self {
        static DEFAULT: std::sync::OnceLock<(std::sync::Arc<[&'static Rule]>, i64)> =
            std::sync::OnceLock::new();
        let (rules, now) = DEFAULT.get_or_init(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            (std::sync::Arc::from(ALL_RULES), now)
        });
        Self {
            rules: rules.clone(),
            now: *now,
            region: None,
            inventory_id: None,
            bucket: None,
            provider: None,
            provider_origin: None,
        }
    }
}

/// Parses a source, chooses its provider and runs the rules over it. Findings are sorted
/// by position and code.
pub fn lint(source: SourceFile, options: &LintOptions) -> FileReport {
    let mut report = FileReport {
        source,
        diagnostics: Vec::new(),
        provider: None,
        facts: None,
    };
    match check_parsed(&report.source, options) {
        Ok((diagnostics, choice, facts)) => {
            report.diagnostics = diagnostics;
            report.provider = Some(choice);
            report.facts = Some(facts);
        }
        Err(finding) => report.diagnostics.push(*finding),
    }
    finish(&mut report.diagnostics, options);
    report
}

fn check_parsed(
    source: &SourceFile,
    options: &LintOptions,
) -> Result<(Vec<Diagnostic>, detect::Choice, across::FileFacts), Box<Diagnostic>> {
    let mut parsed = syntax::parse(source)?;
    let forced = options.provider.map(|schema| {
        let origin = options.provider_origin.as_deref().unwrap_or("--provider");
        (schema, format!("set by {origin}"))
    });
    let choice = detect::detect(provider::providers(), &parsed, forced)?;
    normalize::normalize(&mut parsed.document, choice.schema);
    let context = Context::new(source, &parsed, choice.schema, options);
    let facts = across::facts(&context, &choice.schema.provider.id);
    let mut diagnostics = checks::run(&context, &options.rules);
    let (mut suppressions, mut problems) =
        suppress::read(&parsed.document.comments, source.text.len());
    // A rule that is not selected finds nothing, so a suppression of it alone is not
    // reported as unused: its findings were never made.
    for suppression in &mut suppressions {
        suppression
            .rules
            .retain(|rule| options.rules.contains(rule));
    }
    suppressions.retain(|s| !s.rules.is_empty());
    diagnostics.retain(|d| options.rules.contains(&d.rule));
    let unused = suppress::apply(&mut diagnostics, &suppressions);
    diagnostics.append(&mut problems);
    diagnostics.extend(unused);
    Ok((diagnostics, choice, facts))
}

/// Decodes a file's bytes and lints them. Encoding problems are findings, never errors.
pub fn check_bytes(name: &str, bytes: Vec<u8>, options: &LintOptions) -> FileReport {
    let (source, problem) = syntax::encoding::decode(name, bytes);
    let Some(finding) = problem else {
        return lint(source, options);
    };
    let mut diagnostics = vec![finding];
    finish(&mut diagnostics, options);
    FileReport {
        source,
        diagnostics,
        provider: None,
        facts: None,
    }
}

/// The report for a file that could not be read at all.
pub fn unreadable(name: &str, reason: &str) -> FileReport {
    let diagnostic = Diagnostic::new(
        &checks::syntax::RULE,
        Span::empty(0),
        format!("cannot read the file: {reason}"),
    );
    FileReport {
        source: SourceFile::new(name, String::new()),
        diagnostics: vec![diagnostic],
        provider: None,
        facts: None,
    }
}

fn finish(diagnostics: &mut Vec<Diagnostic>, options: &LintOptions) {
    diagnostics.retain(|d| options.rules.contains(&d.rule));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Checks several files as one run: each file alone, then the checks across files.
pub fn check_all(files: Vec<(String, Vec<u8>)>, options: &LintOptions) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = files
        .into_iter()
        .map(|(name, bytes)| check_bytes(&name, bytes, options))
        .collect();
    across::check_across(&mut reports, options);
    reports
}
