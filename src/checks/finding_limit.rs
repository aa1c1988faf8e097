//! INV036 finding-limit. Its finding comes from the run's last step (`engine/filter.rs`).

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// A file with more findings than invlint shows for one file (1,000). The first 1,000,
    /// in order of position, are shown; this one finding stands for the rest, says how
    /// many there are, and points at the first of them. Its severity is the highest
    /// among them, so the exit code is what it would have been with every finding shown.
    ///
    /// ## Why
    ///
    /// A generated or hostile file (a list of thousands of configurations with the same
    /// mistake, a minified document of unknown elements) would otherwise make output
    /// that no one reads and no CI system takes: GitHub keeps 25,000 results of a SARIF
    /// run, GitLab 30 MB of a JUnit report. The limit keeps every output bounded by the
    /// number of files, not by what one file holds.
    ///
    /// It cannot be turned off, selected away or suppressed, since it stands for findings
    /// that are not shown. Fix the findings shown, or check fewer rules with `--select`,
    /// to see the rest.
    ///
    /// ## Example
    ///
    /// No example fits here: it takes a file with more than a thousand findings. The
    /// command-line test `a_file_with_too_many_findings_shows_a_thousand_and_counts_the_rest`
    /// makes one.
    pub static RULE = {
        code: "INV036",
        name: "finding-limit",
        severity: Warning,
        summary: "More findings in one file than are shown; this one counts the rest",
        kind: RuleKind::Limit,
    }
}
