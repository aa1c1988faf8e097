//! The run: every document of one invocation (a walk, pre-commit's file list, stdin, or an
//! editor's buffer) checked as one call.
//!
//! 1. Each document alone, in parallel: read, decode, parse, detect, every selected rule
//!    ([`crate::lint_unfiltered`]).
//! 2. The checks across files, over all of them.
//! 3. One filtering pass over every finding of the run ([`filter`]): selection, the file's
//!    severities, suppression comments, `ignore` entries of `invlint.toml`; then the
//!    findings about suppressions that silenced nothing; then sorting. No finding is
//!    dropped or changed anywhere else.

pub mod baseline;
pub mod filter;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::checks::Rule;
use crate::config::Config;
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
    pub config: Option<usize>,
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
    /// The checked documents sorted by name, then the configuration files with findings.
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

/// Checks every document as one run.
pub fn run(documents: Vec<Document>, configs: &[Config], options: &RunOptions) -> Outcome {
    let failures = std::sync::Mutex::new(Vec::new());
    let check = |document: Document| {
        let name = document.name.clone();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_alone(document, configs, options)
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
    // One document (the editor and pre-commit case) is checked on this thread: starting a
    // pool of threads would cost more than the check.
    let (mut reports, mut rest): (Vec<FileReport>, Vec<Rest>) = if documents.len() > 1 {
        // Workers get the main thread's 8 MiB of stack, as a single-file run has.
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(8 * 1024 * 1024)
            .build_global();
        documents.into_par_iter().map(check).unzip()
    } else {
        documents.into_iter().map(check).unzip()
    };
    let mut outcome = Outcome {
        internal_errors: failures
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
        ..Outcome::default()
    };
    outcome.internal_errors.sort();
    drop_panicked_and_sort(&mut reports, &mut rest);
    outcome.files_skipped = reports.iter().filter(|r| r.skipped.is_some()).count();
    outcome.files_checked = reports.len() - outcome.files_skipped;

    across::check_across(&mut reports, |rule| {
        rest.iter()
            .any(|r| r.settings.options.rules.contains(&rule))
    });

    let mut uses: Vec<filter::EntryUse> = configs
        .iter()
        .map(|c| filter::EntryUse::new(c.suppressions.len()))
        .collect();
    for (
        report,
        Rest {
            suppressions,
            settings,
            ..
        },
    ) in reports.iter_mut().zip(&rest)
    {
        // The document's path, for its `ignore` entries; every report keeps it.
        let path = report.source.path.clone();
        let config = settings
            .config
            .map(|index| (&configs[index], &mut uses[index], path.as_deref()));
        filter::filter(report, suppressions, settings, config);
        outcome.thresholds.push(
            options
                .fail_on
                .or(settings.fail_on)
                .unwrap_or(Severity::Error),
        );
    }
    drop(rest);
    for (config, used) in configs.iter().zip(&uses) {
        if let Some(report) = filter::unused_entries(config, used) {
            outcome.thresholds.push(
                options
                    .fail_on
                    .or(config.fail_on())
                    .unwrap_or(Severity::Error),
            );
            reports.push(report);
        }
    }
    // The baseline is the filter's last step: it compares what the run would report.
    if let Some(baseline) = &options.baseline {
        outcome.baseline = Some(baseline.apply(&mut reports, options.root.as_deref()));
    }
    // Last, every file's findings are bounded, so every output is.
    for report in &mut reports {
        filter::cap(report);
    }
    outcome.reports = reports;
    outcome
}

/// Takes out the placeholders of documents whose check panicked, and sorts the reports by
/// name, with their `Rest` beside them, in place.
fn drop_panicked_and_sort(reports: &mut Vec<FileReport>, rest: &mut Vec<Rest>) {
    if rest.iter().any(|r| r.panicked) {
        let kept: Vec<bool> = rest.iter().map(|r| !r.panicked).collect();
        let mut flags = kept.iter();
        reports.retain(|_| flags.next().copied().unwrap_or(true));
        rest.retain(|r| !r.panicked);
    }
    // Documents arrive in the walk's order, which is sorted already in the common case.
    if reports
        .windows(2)
        .all(|pair| pair[0].source.name <= pair[1].source.name)
    {
        return;
    }
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|a, b| reports[*a].source.name.cmp(&reports[*b].source.name));
    permute(reports, &order);
    permute(rest, &order);
}

/// Reorders `items` so that the item at `order[i]` comes to `i`, in place, by following
/// each cycle of the permutation.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let next = order[at];
            if next == start {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

/// Reads and checks one document by itself (fixing it first, when asked).
fn check_alone(document: Document, configs: &[Config], options: &RunOptions) -> (FileReport, Rest) {
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
        let config = settings.config.map(|index| &configs[index]);
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
    use super::{FileSettings, Rest, drop_panicked_and_sort, permute};

    #[test]
    fn placeholders_of_panicked_checks_go_and_the_rest_is_sorted_in_step() {
        let names = ["b", "panicked", "c", "a"];
        let mut reports: Vec<_> = names.iter().map(|n| crate::unreadable(n, "x")).collect();
        let mut rest: Vec<Rest> = names
            .iter()
            .enumerate()
            .map(|(index, n)| Rest {
                suppressions: Vec::new(),
                settings: FileSettings {
                    config: Some(index),
                    ..FileSettings::default()
                },
                panicked: *n == "panicked",
            })
            .collect();
        drop_panicked_and_sort(&mut reports, &mut rest);
        let order: Vec<&str> = reports.iter().map(|r| r.source.name.as_str()).collect();
        assert_eq!(order, ["a", "b", "c"]);
        // Each report's Rest moved with it: here its config index is its first position.
        let moved: Vec<Option<usize>> = rest.iter().map(|r| r.settings.config).collect();
        assert_eq!(moved, [Some(3), Some(0), Some(2)]);
    }

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let mut items = vec!["c", "a", "d", "b", "e"];
        // Sorted order: a (1), b (3), c (0), d (2), e (4).
        permute(&mut items, &[1, 3, 0, 2, 4]);
        assert_eq!(items, ["a", "b", "c", "d", "e"]);
        let mut reversed: Vec<usize> = (0..7).rev().collect();
        let order: Vec<usize> = (0..7).rev().collect();
        permute(&mut reversed, &order);
        assert_eq!(reversed, (0..7).collect::<Vec<_>>());
    }
}
