//! invlint: an offline validator and linter for object-storage bucket inventory
//! configurations.
//!
//! The library's face is [`engine::run`] (every document of a run, to its reports) and,
//! for one file alone, [`check_bytes`] and [`lint`]. See ARCHITECTURE.md for the way data
//! flows.

pub mod across;
pub mod checks;
pub mod config;
pub mod context;
pub mod detect;
pub mod diagnostic;
pub mod engine;
pub mod escape;
pub mod files;
pub mod fix;
pub mod fuzzing;
pub mod inspect;
pub mod normalize;
pub mod provider;
pub mod render;
pub mod report;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod syntax;
pub mod threads;

use checks::{ALL_RULES, Context, Rule};
use diagnostic::{Diagnostic, Span};
use report::FileReport;
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

/// Parses a source, chooses its provider and runs the rules over it, as a run of this one
/// file without the checks across files: findings filtered by `options.rules` and the
/// document's suppression comments, sorted by position and code.
pub fn lint(source: SourceFile, options: &LintOptions) -> FileReport {
    let (report, suppressions) = lint_source(source, options);
    filtered(report, &suppressions, options)
}

/// Decodes a file's bytes and lints them (see [`lint`]). Encoding problems are findings,
/// never errors.
pub fn check_bytes(name: &str, bytes: Vec<u8>, options: &LintOptions) -> FileReport {
    let (report, suppressions) = lint_unfiltered(name, bytes, options);
    filtered(report, &suppressions, options)
}

/// Checks several in-memory files as one run, the checks across files included.
pub fn check_all(files: Vec<(String, Vec<u8>)>, options: &LintOptions) -> Vec<FileReport> {
    let documents = files
        .into_iter()
        .map(|(name, bytes)| engine::Document {
            name,
            path: None,
            content: engine::Content::Bytes(bytes),
            settings: engine::FileSettings {
                options: options.clone(),
                ..engine::FileSettings::default()
            },
        })
        .collect();
    engine::run(documents, &[], &engine::RunOptions::default()).reports
}

/// A file's findings before the run's filtering pass (`engine::filter`), with the
/// suppressions its comments hold. Only the selected rules run, for speed; the pass still
/// applies the selection to every finding.
pub fn lint_unfiltered(
    name: &str,
    bytes: Vec<u8>,
    options: &LintOptions,
) -> (FileReport, Vec<suppress::Suppression>) {
    // Text from an editor or a caller of the library has not passed the CLI's size limit;
    // a span cannot point past this one.
    if bytes.len() > diagnostic::MAX_TEXT_BYTES {
        let reason = "larger than 4 GiB, the most invlint can check";
        return (unreadable(name, reason), Vec::new());
    }
    let (source, problem) = syntax::encoding::decode(name, bytes);
    match problem {
        None => lint_source(source, options),
        Some(error) => (
            FileReport {
                source,
                diagnostics: vec![syntax_finding(error)],
                provider: None,
                facts: None,
                skipped: None,
                fixed: None,
            },
            Vec::new(),
        ),
    }
}

fn lint_source(
    source: SourceFile,
    options: &LintOptions,
) -> (FileReport, Vec<suppress::Suppression>) {
    let mut report = FileReport {
        source,
        diagnostics: Vec::new(),
        provider: None,
        facts: None,
        skipped: None,
        fixed: None,
    };
    let mut suppressions = Vec::new();
    match check_parsed(&report.source, options) {
        Ok((diagnostics, found, choice, facts)) => {
            report.diagnostics = diagnostics;
            suppressions = found;
            report.provider = Some(choice);
            report.facts = Some(facts);
        }
        Err(Stopped::Findings(findings)) => report.diagnostics = findings,
        Err(Stopped::NotInventory(reason)) => report.skipped = Some(reason),
    }
    (report, suppressions)
}

/// Why a file's checks did not run: findings that say why, or a file that is no inventory
/// document at all.
enum Stopped {
    Findings(Vec<Diagnostic>),
    NotInventory(String),
}

type Checked = (
    Vec<Diagnostic>,
    Vec<suppress::Suppression>,
    detect::Choice,
    across::FileFacts,
);

/// A file's checks; when they cannot run (the file does not parse, is no inventory
/// document, or its provider cannot be told), why.
fn check_parsed(source: &SourceFile, options: &LintOptions) -> Result<Checked, Stopped> {
    let mut parsed = syntax::parse(source, &provider::known_name)
        .map_err(|e| Stopped::Findings(vec![syntax_finding(*e)]))?;
    if let Some(reason) = detect::not_inventory(&parsed) {
        return Err(Stopped::NotInventory(reason));
    }
    let forced = options.provider.map(|schema| {
        let origin = options.provider_origin.as_deref().unwrap_or("--provider");
        (schema, format!("set by {origin}"))
    });
    let choice = match detect::detect(&parsed, forced) {
        Ok(choice) => choice,
        Err(undecided) if undecided.fits_none => {
            let mut findings = agreed_findings(source, &parsed, options);
            findings.extend(parsed.document.recovered.iter().map(recovered_finding));
            findings.push(undecided.finding);
            return Err(Stopped::Findings(findings));
        }
        Err(undecided) => return Err(Stopped::Findings(vec![undecided.finding])),
    };
    let refused = detect::syntax_refused(&choice, &parsed.document);
    normalize::normalize(&mut parsed.document, choice.schema);
    let context = Context::new(source, &parsed, choice.schema, options);
    let facts = across::facts(&context, &choice.schema.provider.id);
    let mut diagnostics = checks::run(&context, &options.rules);
    diagnostics.extend(refused);
    diagnostics.extend(parsed.document.recovered.iter().map(recovered_finding));
    let (suppressions, mut problems) = suppress::read(&parsed.document.comments, source.text.len());
    diagnostics.append(&mut problems);
    if context.is_large() {
        drop(context);
        threads::drop_aside(parsed);
    }
    Ok((diagnostics, suppressions, choice, facts))
}

/// The findings every provider's table agrees on, for a document whose provider cannot be
/// told: a missing `Id` is wrong whichever provider it is for. Each table checks the
/// document; what all of them find (the same rule, place and message) is kept.
fn agreed_findings(
    source: &SourceFile,
    parsed: &syntax::Parsed,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    let mut agreed: Option<Vec<Diagnostic>> = None;
    // A variant would only repeat its base.
    for schema in provider::providers().filter(|s| !s.is_variant()) {
        let mut document = parsed.clone();
        normalize::normalize(&mut document.document, schema);
        let context = Context::new(source, &document, schema, options);
        let found = checks::run(&context, &options.rules);
        agreed = Some(match agreed {
            None => found,
            Some(earlier) => earlier
                .into_iter()
                .filter_map(|mut d| {
                    let same = found.iter().find(|f| {
                        f.rule == d.rule
                            && f.primary.span == d.primary.span
                            && f.message == d.message
                    })?;
                    // A help or a fix that differs between tables names one provider's
                    // choices ("expected `Format`, ..."): it is left out.
                    if same.help != d.help {
                        d.help = None;
                    }
                    if same.fix != d.fix {
                        d.fix = None;
                    }
                    Some(d)
                })
                .collect(),
        });
    }
    agreed.unwrap_or_default()
}

/// A file's parse error as its one INV001 finding.
fn syntax_finding(error: syntax::ParseError) -> Diagnostic {
    let finding = Diagnostic::new(&checks::syntax::RULE, error.span, error.message);
    match error.help {
        Some(help) => finding.with_help(help),
        None => finding,
    }
}

/// A syntax problem the parser read past, as the finding of its rule, with its fix.
fn recovered_finding(recovered: &syntax::Recovered) -> Diagnostic {
    let rule = match recovered.kind {
        syntax::RecoveredKind::Syntax => &checks::syntax::RULE,
        syntax::RecoveredKind::BeforeDeclaration => &checks::declaration_position::RULE,
    };
    let error = &recovered.error;
    let mut finding = Diagnostic::new(rule, error.span, error.message.clone());
    if let Some(help) = &error.help {
        finding = finding.with_help(help.clone());
    }
    if let Some((span, replacement)) = &recovered.fix {
        finding = finding.with_fix(diagnostic::Fix::safe(
            *span,
            replacement.clone(),
            "remove it",
        ));
    }
    finding
}

/// A one-file report through the run's filtering pass, with no configuration.
fn filtered(
    mut report: FileReport,
    suppressions: &[suppress::Suppression],
    options: &LintOptions,
) -> FileReport {
    let settings = engine::FileSettings {
        options: options.clone(),
        ..engine::FileSettings::default()
    };
    engine::filter::filter(&mut report, suppressions, &settings, None);
    // The same bound as a run's: the library's callers show what the command line shows.
    engine::filter::cap(&mut report);
    report
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
        skipped: None,
        fixed: None,
    }
}
