//! The run: every document of one invocation (a walk, pre-commit's file list, stdin, or an
//! editor's buffer) checked as one call.
//!
//! 1. Each document alone, in parallel, a chunk at a time: read, decode, parse, detect,
//!    every selected rule ([`crate::lint_unfiltered`]).
//! 2. The checks across files, at the end, over the documents whose bucket is known (the
//!    only ones they can add to).
//! 3. One filtering pass over every finding of the run ([`filter`]): selection, the file's
//!    severities, suppression comments, `ignore` entries of `invlint.toml`; then the
//!    findings about suppressions that silenced nothing; then sorting. No finding is
//!    dropped or changed anywhere else. A report nothing can add to any more is filtered
//!    and handed on at once ([`run_streaming`]).

pub mod baseline;
pub mod filter;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::checks::Rule;
use crate::config::{Config, ConfigRef};
use crate::diagnostic::Severity;
use crate::report::FileReport;
use crate::{LintOptions, across, files, source::SourceFile};

/// One document of a run.
#[derive(Debug)]
pub struct Document {
    /// The name every output shows (see [`crate::escape::path_name`]).
    pub name: String,
    /// The file's absolute path, which `ignore` entries match; `None` for text without one.
    pub path: Option<PathBuf>,
    pub content: Content,
    pub settings: FileSettings,
}

/// Where a document's bytes come from.
#[derive(Debug)]
pub enum Content {
    /// A file, read (safely, see [`files::read`]) when the document's turn comes.
    File(PathBuf),
    Stdin,
    /// Text already in memory: an editor's buffer.
    Bytes(Vec<u8>),
    /// A path that is not read, and why: reported as a finding.
    Unreadable(String),
}

/// What applies to one document: the rules and what a check knows beyond the document, the
/// severities its configuration sets, its threshold, and its configuration (an index into
/// the run's configurations).
#[derive(Debug, Clone, Default)]
pub struct FileSettings {
    pub options: LintOptions,
    pub severities: Vec<(&'static Rule, Severity)>,
    pub fail_on: Option<Severity>,
    pub config: Option<ConfigRef>,
}

/// Settings of the run as a whole.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// `--fail-on`: the threshold for every file, over any configuration's.
    pub fail_on: Option<Severity>,
    /// `--baseline`: findings it holds are left out, after the filtering pass.
    pub baseline: Option<baseline::Baseline>,
    /// The repository's root, absolute and normalised: baseline fingerprints name files
    /// relative to it, so a run from any directory matches the same baseline.
    pub root: Option<PathBuf>,
    /// `--fix`: the fixes to make in each document's text before the run's findings are
    /// worked out (see [`crate::fix`]); the reports hold the fixed text and what was done.
    pub fix: Option<crate::fix::Mode>,
    /// `--max-file-size`: the largest document read, in bytes; `None` is
    /// [`files::DEFAULT_MAX_FILE_BYTES`].
    pub max_file_bytes: Option<u64>,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The checked documents in the order they came in ([`crate::files::name_order`] for
    /// `run`), then the configuration files with findings.
    pub reports: Vec<FileReport>,
    /// The threshold of each report, in the same order.
    pub thresholds: Vec<Severity>,
    /// How many documents were checked (skipped ones are not).
    pub files_checked: usize,
    /// How many files were skipped as not inventory documents.
    pub files_skipped: usize,
    /// What the baseline left out, when there is one.
    pub baseline: Option<baseline::Applied>,
    /// Documents whose check panicked (a bug), with the panic's message: each is left out
    /// of `reports`.
    pub internal_errors: Vec<(String, String)>,
}

impl Outcome {
    /// Whether any report has a finding at or above its threshold.
    pub fn failed(&self) -> bool {
        self.reports
            .iter()
            .zip(&self.thresholds)
            .any(|(report, threshold)| report.diagnostics.iter().any(|d| d.severity >= *threshold))
    }
}

/// The text a panic carried, for a one-line report.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// What the filtering pass needs of a document besides its report. It is kept beside the
/// reports, not in one record with them, so that the run never holds two copies of its
/// per-file records while it turns them into reports.
struct Rest {
    suppressions: Vec<crate::suppress::Suppression>,
    settings: FileSettings,
    /// Whether the document's check panicked: its report is a placeholder, taken out.
    panicked: bool,
}

/// Checks every document as one run, and returns every report, in the order of the
/// documents' names ([`crate::files::name_order`]).
pub fn run(
    documents: Vec<Document>,
    configs: &[std::sync::Arc<Config>],
    options: &RunOptions,
) -> Outcome {
    let mut documents = documents;
    if !documents
        .windows(2)
        .all(|pair| files::name_order(&pair[0].name, &pair[1].name).is_le())
    {
        documents.sort_by(|a, b| files::name_order(&a.name, &b.name));
    }
    run_in_order(documents, &|| configs.to_vec(), options)
}

/// Checks every document as one run, and returns every report, in the order the documents
/// come in. `configs` gives, at the end of the run, every configuration the documents'
/// [`ConfigRef`]s index (see [`run_streaming`]).
pub fn run_in_order(
    documents: impl IntoIterator<Item = Document, IntoIter: Send>,
    configs: &dyn Fn() -> Vec<std::sync::Arc<Config>>,
    options: &RunOptions,
) -> Outcome {
    let mut reports = Vec::new();
    let mut thresholds = Vec::new();
    let mut outcome = run_streaming(documents, configs, options, &mut |batch| {
        for (report, threshold) in batch {
            reports.push(report);
            thresholds.push(threshold);
        }
    });
    outcome.reports = reports;
    outcome.thresholds = thresholds;
    outcome
}

/// Checks every document as one run, handing each report with its threshold to `emit` as
/// soon as it is final, so that a run holds the reports of a few thousand files at a time
/// rather than all of them. The reports come out in the order of `documents`, which are
/// taken a chunk at a time: a walk can go on while the files it found are checked.
/// `configs` is asked once, after the last document: every configuration the run found,
/// which the documents' [`ConfigRef`]s index; the unused `ignore` entries of each are
/// reported. A report the checks across files may still add to (a file whose bucket is
/// known) is held until the end, and so is every report after it; with `--fix` or a
/// baseline, every report is. Each call of `emit` is a batch in which no finding names a file of
/// another batch. The [`Outcome`] returned holds no reports.
pub fn run_streaming(
    documents: impl IntoIterator<Item = Document, IntoIter: Send>,
    configs: &dyn Fn() -> Vec<std::sync::Arc<Config>>,
    options: &RunOptions,
    emit: &mut (dyn FnMut(Vec<(FileReport, Severity)>) + Send),
) -> Outcome {
    let failures = std::sync::Mutex::new(Vec::new());
    let check = |document: Document| {
        let name = document.name.clone();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_alone(document, options)
        }))
        .unwrap_or_else(|payload| {
            let message = panic_message(payload.as_ref());
            failures
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push((name.clone(), message));
            let rest = Rest {
                suppressions: Vec::new(),
                settings: FileSettings::default(),
                panicked: true,
            };
            (crate::unreadable(&name, "its check failed"), rest)
        })
    };
    let mut state = Streaming {
        options,
        uses: Vec::new(),
        holding: options.baseline.is_some() || options.fix.is_some(),
        held: (Vec::new(), Vec::new()),
        across: Vec::new(),
        outcome: Outcome::default(),
    };
    let mut documents = documents.into_iter();
    let mut next: Vec<Document> = documents.by_ref().take(CHUNK).collect();
    let mut checked: Vec<(FileReport, Rest)> = Vec::new();
    while !next.is_empty() || !checked.is_empty() {
        let chunk = std::mem::take(&mut next);
        let done = std::mem::take(&mut checked);
        // While the pool checks a chunk, one thread hands on the chunk before it and makes
        // the documents of the chunk after it, so that no core waits for that serial work.
        let hand_on_and_prepare = || {
            state.take(done, emit);
            documents.by_ref().take(CHUNK).collect::<Vec<Document>>()
        };
        // One document (the editor and pre-commit case) is checked on this thread:
        // starting a pool of threads would cost more than the check.
        (checked, next) = if chunk.len() > 1 {
            crate::threads::ensure_pool();
            rayon::join(
                || chunk.into_par_iter().map(check).collect(),
                hand_on_and_prepare,
            )
        } else {
            let checked = chunk.into_iter().map(check).collect();
            (checked, hand_on_and_prepare())
        };
    }
    let mut outcome = state.finish(&configs(), emit);
    outcome.internal_errors = failures
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    outcome.internal_errors.sort();
    outcome
}

/// How many documents are checked in parallel before their reports are handed on: enough
/// to keep every core busy, few enough that the run holds little at a time.
const CHUNK: usize = 1024;

/// A run between its chunks: what the filtering pass has counted so far, and the reports
/// that wait for the checks across files.
struct Streaming<'a> {
    options: &'a RunOptions,
    /// Which `ignore` entries of each configuration matched or silenced a file so far, by
    /// the configuration's index; `None` for one no document has used yet.
    uses: Vec<Option<filter::EntryUse>>,
    /// Whether reports are held: once one is, every report after it is too, so that the
    /// order stays that of the names.
    holding: bool,
    held: (Vec<FileReport>, Vec<Rest>),
    /// The rules across files that some file of the run selects.
    across: Vec<&'static crate::checks::Rule>,
    outcome: Outcome,
}

impl Streaming<'_> {
    /// Takes the checked documents of one chunk, in order: each that no check across
    /// files can add to, and that comes before any held one, is filtered and handed on.
    fn take(
        &mut self,
        checked: Vec<(FileReport, Rest)>,
        emit: &mut (dyn FnMut(Vec<(FileReport, Severity)>) + Send),
    ) {
        let mut ready = Vec::new();
        for (report, rest) in checked {
            if rest.panicked {
                continue;
            }
            if report.skipped.is_some() {
                self.outcome.files_skipped += 1;
            } else {
                self.outcome.files_checked += 1;
            }
            for rule in across::rules() {
                if !self.across.contains(&rule) && rest.settings.options.rules.contains(&rule) {
                    self.across.push(rule);
                }
            }
            self.holding |= report.facts.is_some();
            if self.holding {
                self.held.0.push(report);
                self.held.1.push(rest);
                continue;
            }
            ready.push(self.filtered(report, &rest));
        }
        if !ready.is_empty() {
            emit(ready);
        }
    }

    /// The held reports, after the checks across files, and the reports on configuration
    /// files for their unused `ignore` entries.
    fn finish(
        mut self,
        configs: &[std::sync::Arc<Config>],
        emit: &mut (dyn FnMut(Vec<(FileReport, Severity)>) + Send),
    ) -> Outcome {
        let (mut reports, rest) = std::mem::take(&mut self.held);
        across::check_across(&mut reports, |rule| self.across.contains(&rule));
        let mut batch: Vec<(FileReport, Severity)> = Vec::with_capacity(reports.len());
        for (mut report, rest) in reports.into_iter().zip(rest) {
            let threshold = self.prefilter(&mut report, &rest);
            batch.push((report, threshold));
        }
        for (index, config) in configs.iter().enumerate() {
            let unused;
            let used = match self.uses.get(index) {
                Some(Some(used)) => used,
                _ => {
                    unused = filter::EntryUse::new(config.suppressions.len());
                    &unused
                }
            };
            if let Some(report) = filter::unused_entries(config, used) {
                let threshold = self
                    .options
                    .fail_on
                    .or(config.fail_on())
                    .unwrap_or(Severity::Error);
                batch.push((report, threshold));
            }
        }
        // The baseline is the filter's last step: it compares what the run would report.
        // A run with a baseline holds every report, so it sees them all here.
        if let Some(baseline) = &self.options.baseline {
            let (mut reports, thresholds): (Vec<FileReport>, Vec<Severity>) =
                batch.into_iter().unzip();
            self.outcome.baseline =
                Some(baseline.apply(&mut reports, self.options.root.as_deref()));
            batch = reports.into_iter().zip(thresholds).collect();
        }
        // Last, every file's findings are bounded, so every output is.
        for (report, _) in &mut batch {
            filter::cap(report);
        }
        if !batch.is_empty() {
            emit(batch);
        }
        self.outcome
    }

    /// A report that nothing more can add to, filtered and bounded, with its threshold.
    fn filtered(&mut self, mut report: FileReport, rest: &Rest) -> (FileReport, Severity) {
        let threshold = self.prefilter(&mut report, rest);
        filter::cap(&mut report);
        (report, threshold)
    }

    /// The filtering pass over one report (before the baseline and the cap), and the
    /// report's threshold.
    fn prefilter(&mut self, report: &mut FileReport, rest: &Rest) -> Severity {
        let Rest {
            suppressions,
            settings,
            ..
        } = rest;
        // The document's path, for its `ignore` entries; every report keeps it.
        let path = report.source.path.clone();
        let config = settings.config.as_ref().map(|used| {
            if self.uses.len() <= used.index {
                self.uses.resize_with(used.index + 1, || None);
            }
            let uses = self.uses[used.index]
                .get_or_insert_with(|| filter::EntryUse::new(used.config.suppressions.len()));
            (&*used.config, uses, path.as_deref())
        });
        filter::filter(report, suppressions, settings, config);
        self.options
            .fail_on
            .or(settings.fail_on)
            .unwrap_or(Severity::Error)
    }
}

/// Reads and checks one document by itself (fixing it first, when asked).
fn check_alone(document: Document, options: &RunOptions) -> (FileReport, Rest) {
    let fix = options.fix;
    let max = options
        .max_file_bytes
        .unwrap_or(files::DEFAULT_MAX_FILE_BYTES);
    let Document {
        name,
        path,
        content,
        settings,
    } = document;
    // Text from stdin or an editor goes back whole after --fix, fixed or not.
    let keep_text = fix.is_some() && matches!(content, Content::Stdin | Content::Bytes(_));
    let bytes = match content {
        Content::File(path) => files::read_at_most(&path, max),
        Content::Stdin => files::read_stdin(max),
        Content::Bytes(bytes) => Ok(bytes),
        Content::Unreadable(reason) => Err(reason),
    };
    let (mut report, mut suppressions) = match bytes {
        Ok(bytes) => crate::lint_unfiltered(&name, bytes, &settings.options),
        Err(reason) => (crate::unreadable(&name, &reason), Vec::new()),
    };
    report.source.path.clone_from(&path);
    if let Some(mode) = fix {
        let config = settings.config.as_ref().map(|used| &*used.config);
        (report, suppressions) = fixed(
            report,
            suppressions,
            &settings,
            config,
            path.as_deref(),
            mode,
        );
    }
    // A file whose bucket is unknown can get no finding from the checks across files, so
    // its facts are not kept; and one of those without findings or suppressions (which
    // may turn into findings) is never shown with its text: memory follows the findings,
    // not the number of files.
    let may_get_findings = report.facts.as_ref().is_some_and(|f| f.bucket.is_some());
    if !may_get_findings && report.fixed.is_none() && !keep_text {
        report.facts = None;
        if report.diagnostics.is_empty() && suppressions.is_empty() {
            let mut emptied = SourceFile::new(report.source.name.clone(), String::new());
            emptied.path = report.source.path.take();
            report.source = emptied;
        }
    }
    let rest = Rest {
        suppressions,
        settings,
        panicked: false,
    };
    (report, rest)
}

/// A document after its fixes: in each round, the fixes of the findings the run would
/// report (its filtering applied, so a suppressed finding is never fixed) are made, and
/// the new text is checked again, until no fix applies or [`crate::fix::MAX_ROUNDS`] have
/// run. Text that is not UTF-8 (UTF-16, invalid bytes) is never fixed, and need not be
/// told apart here: it is a syntax finding and gets no other, so no fix.
fn fixed(
    mut report: FileReport,
    mut suppressions: Vec<crate::suppress::Suppression>,
    settings: &FileSettings,
    config: Option<&Config>,
    path: Option<&std::path::Path>,
    mode: crate::fix::Mode,
) -> (FileReport, Vec<crate::suppress::Suppression>) {
    if report.skipped.is_some() {
        return (report, suppressions);
    }
    let original = report.source.text.clone();
    let mut applied = 0;
    for _ in 0..crate::fix::MAX_ROUNDS {
        let mut probe = report.clone();
        let mut scratch = config.map(|c| filter::EntryUse::new(c.suppressions.len()));
        let entries = config
            .zip(scratch.as_mut())
            .map(|(c, used)| (c, used, path));
        filter::filter(&mut probe, &suppressions, settings, entries);
        let fixes: Vec<&crate::diagnostic::Fix> = probe
            .diagnostics
            .iter()
            .filter_map(|d| crate::fix::eligible(d, mode))
            .collect();
        let (text, made) = crate::fix::apply(&report.source.text, &fixes);
        if made == 0 || text == report.source.text {
            break;
        }
        applied += made;
        let source_path = report.source.path.clone();
        (report, suppressions) =
            crate::lint_unfiltered(&report.source.name, text.into_bytes(), &settings.options);
        report.source.path = source_path;
    }
    if applied > 0 {
        report.fixed = Some(crate::report::Fixed { original, applied });
    }
    (report, suppressions)
}

#[cfg(test)]
mod tests {
    use super::{Content, Document, FileSettings, RunOptions, run, run_streaming};

    const PLAIN: &str =
        include_str!("../fixtures/oss/region-unavailable/valid_no_region_known.http");

    /// A document in memory. With a Host the file's bucket is known, so the checks across
    /// files may add to it; without one they cannot.
    fn document(name: &str, with_host: bool) -> Document {
        let text = if with_host {
            PLAIN.to_string()
        } else {
            PLAIN[PLAIN.find("<?xml").unwrap()..].replacen("<IsEnabled>true", "<IsEnabled>True", 1)
        };
        Document {
            name: name.to_string(),
            path: None,
            content: Content::Bytes(text.into_bytes()),
            settings: FileSettings::default(),
        }
    }

    #[test]
    fn reports_stream_in_name_order_until_one_can_still_get_findings_across_files() {
        let names = [
            ("a", false),
            ("b", false),
            ("c", true),
            ("d", false),
            ("e", true),
        ];
        let documents = || names.iter().map(|(name, host)| document(name, *host));
        let mut batches: Vec<Vec<String>> = Vec::new();
        let mut streamed = Vec::new();
        let outcome = run_streaming(
            documents(),
            &Vec::new,
            &RunOptions::default(),
            &mut |batch| {
                batches.push(batch.iter().map(|(r, _)| r.source.name.clone()).collect());
                streamed.extend(batch.into_iter().map(|(r, _)| r));
            },
        );
        assert_eq!(outcome.files_checked, 5);
        // `a` and `b` are final at once; `c` may get a finding across files, so it and
        // everything after it wait for the end, where `e` is found to reuse `c`'s id.
        assert_eq!(batches, [vec!["a", "b"], vec!["c", "d", "e"]]);
        let codes = |report: &crate::report::FileReport| -> Vec<&str> {
            report.diagnostics.iter().map(|d| d.rule.code).collect()
        };
        assert_eq!(codes(&streamed[0]), ["INV010"]);
        assert_eq!(codes(&streamed[4]), ["INV028"]);
        // The whole run gives the same reports, in the same order.
        let whole = run(documents().rev().collect(), &[], &RunOptions::default());
        let shown = |reports: &[crate::report::FileReport]| -> Vec<(String, Vec<String>)> {
            reports
                .iter()
                .map(|r| {
                    let messages = r.diagnostics.iter().map(|d| d.message.clone()).collect();
                    (r.source.name.clone(), messages)
                })
                .collect()
        };
        assert_eq!(shown(&whole.reports), shown(&streamed));
    }
}
