//! The one place a finding is dropped or changed after a rule made it. Every finding of a
//! run, from every kind of rule (parsing, detection, the document's rules, the checks
//! across files), passes through [`filter`] once, in this order:
//!
//! 1. selection: a rule the file's settings do not select reports nothing;
//! 2. the file's severities;
//! 3. suppression comments in the document;
//! 4. `ignore` entries of the file's `invlint.toml`;
//!
//! and then the suppressions that silenced nothing become findings themselves (selected
//! and given severities like any other), and the findings are sorted.

use std::path::Path;

use crate::checks::{Rule, unused_suppression};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileSettings;
use crate::report::FileReport;
use crate::suppress::{self, Suppression};

/// How a configuration's `ignore` entries fared over a run: which matched a file of the
/// run by its path glob, and which silenced a finding.
#[derive(Debug, Clone)]
pub struct EntryUse {
    pub matched: Vec<bool>,
    pub used: Vec<bool>,
}

impl EntryUse {
    pub fn new(entries: usize) -> Self {
        Self {
            matched: vec![false; entries],
            used: vec![false; entries],
        }
    }
}

/// Filters one file's findings (see the module's docs). `config` is the file's
/// configuration, how its entries fared so far, and the file's path.
pub fn filter(
    report: &mut FileReport,
    suppressions: &[Suppression],
    settings: &FileSettings,
    config: Option<(&Config, &mut EntryUse, Option<&Path>)>,
) {
    let selected = |rule: &'static Rule| settings.options.rules.contains(&rule);
    report.diagnostics.retain(|d| selected(d.rule));
    apply_severities(&mut report.diagnostics, &settings.severities);
    // A suppression of rules that are not selected would silence what was never made: it
    // is not reported as unused.
    let suppressions: Vec<Suppression> = suppressions
        .iter()
        .filter_map(|s| {
            let rules: Vec<&'static Rule> =
                s.rules.iter().copied().filter(|r| selected(r)).collect();
            (!rules.is_empty()).then(|| Suppression { rules, ..s.clone() })
        })
        .collect();
    let mut unused = suppress::apply(&mut report.diagnostics, &suppressions);
    if let Some((config, uses, Some(path))) = config {
        config.suppress(path, &mut report.diagnostics, uses);
    }
    unused.retain(|d| selected(d.rule));
    apply_severities(&mut unused, &settings.severities);
    report.diagnostics.append(&mut unused);
    report
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The report on a configuration file for its `ignore` entries that matched a file of the
/// run and silenced nothing in it. An entry for a file this run did not check (pre-commit
/// passes only the changed files; an editor passes one) is not unused: the run could not
/// have used it. The configuration's own selection and severities apply.
pub fn unused_entries(config: &Config, uses: &EntryUse) -> Option<FileReport> {
    let own = config.settings(&config.path);
    if !own.rules.contains(&&unused_suppression::RULE) {
        return None;
    }
    let mut diagnostics: Vec<Diagnostic> = config
        .suppressions
        .iter()
        .zip(uses.matched.iter().zip(&uses.used))
        .filter(|(_, (matched, used))| **matched && !**used)
        .map(|(entry, _)| {
            Diagnostic::new(
                &unused_suppression::RULE,
                entry.span,
                "this ignore entry silences nothing",
            )
            .with_help("remove it, or fix its path, pointer or rules")
        })
        .collect();
    if diagnostics.is_empty() {
        return None;
    }
    apply_severities(&mut diagnostics, &own.severities);
    Some(crate::config::report(config.source.clone(), diagnostics))
}

fn apply_severities(diagnostics: &mut [Diagnostic], severities: &[(&'static Rule, Severity)]) {
    for d in diagnostics {
        if let Some((_, level)) = severities.iter().find(|(rule, _)| *rule == d.rule) {
            d.severity = *level;
        }
    }
}

/// The most findings a file shows; the rest are counted by one finding (INV036).
pub const MAX_FINDINGS_PER_FILE: usize = 1000;

/// Keeps a file's first [`MAX_FINDINGS_PER_FILE`] findings (they are sorted) and puts one
/// in place of the rest, at the first of them, as severe as the most severe of them.
pub fn cap(report: &mut FileReport) {
    if report.diagnostics.len() <= MAX_FINDINGS_PER_FILE {
        return;
    }
    // The rest are counted where they lie and dropped, not moved out first: a file of
    // millions of findings would be copied whole for it.
    let rest = &report.diagnostics[MAX_FINDINGS_PER_FILE..];
    let severity = rest
        .iter()
        .map(|d| d.severity)
        .max()
        .unwrap_or(Severity::Warning);
    let mut limit = Diagnostic::new(
        &crate::checks::finding_limit::RULE,
        rest[0].primary.span,
        format!(
            "{} more findings in this file are not shown: invlint shows at most {MAX_FINDINGS_PER_FILE} per file",
            rest.len()
        ),
    )
    .with_help("fix the findings shown, or check fewer rules with --select, to see the rest");
    limit.severity = severity;
    report.diagnostics.truncate(MAX_FINDINGS_PER_FILE);
    report.diagnostics.push(limit);
}
