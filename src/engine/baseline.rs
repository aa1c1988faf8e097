//! A baseline: the findings a repository had when it adopted invlint, recorded by their
//! fingerprints (`render::fingerprint`: rule, file, node path and message, never the
//! line), so that a run reports only what is new. Editing lines above a baselined finding
//! does not make it new; a baselined finding that no longer occurs counts as fixed.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Value, json};

use crate::render::fingerprint::fingerprints;
use crate::report::FileReport;

/// The version of the baseline file's format.
pub const VERSION: u64 = 1;

/// The fingerprints a baseline file holds.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings left out because the baseline has them.
    pub baselined: usize,
    /// Baseline entries that no finding of this run matched.
    pub fixed: usize,
}

impl Baseline {
    /// Reads a baseline file's text; a mistake in it is a message.
    pub fn parse(text: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        if value["version"].as_u64() != Some(VERSION) {
            return Err(format!("expected `\"version\": {VERSION}`"));
        }
        let findings = value["findings"]
            .as_array()
            .ok_or("expected a `findings` array")?;
        let fingerprints = findings
            .iter()
            .map(|f| {
                f["fingerprint"]
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| "every finding needs a `fingerprint` string".to_string())
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { fingerprints })
    }

    /// Drops the findings the baseline has, and counts what it did.
    pub fn apply(&self, reports: &mut [FileReport], root: Option<&Path>) -> Applied {
        let prints = fingerprints(reports, root);
        let mut matched = HashSet::new();
        for (report, prints) in reports.iter_mut().zip(prints) {
            let mut prints = prints.into_iter();
            report.diagnostics.retain(|_| {
                let print = prints.next().expect("one fingerprint per finding");
                let known = self.fingerprints.contains(&print);
                if known {
                    matched.insert(print);
                }
                !known
            });
        }
        Applied {
            baselined: matched.len(),
            fixed: self.fingerprints.len() - matched.len(),
        }
    }
}

/// The baseline file for a run's findings: each finding's fingerprint, with its file,
/// rule and message for whoever reads the file. Paths are relative to the repository's
/// `root`, as the fingerprints are.
pub fn render(reports: &[FileReport], root: Option<&Path>) -> String {
    let prints = fingerprints(reports, root);
    let mut findings: Vec<Value> = reports
        .iter()
        .zip(&prints)
        .flat_map(|(report, prints)| {
            let path = crate::render::location::repository_name(
                &report.source.name,
                report.source.path.as_deref(),
                root,
            );
            report
                .diagnostics
                .iter()
                .zip(prints)
                .map(move |(d, print)| {
                    json!({
                        "fingerprint": print,
                        "path": path,
                        "code": d.rule.code,
                        "message": d.message,
                    })
                })
        })
        .collect();
    findings.sort_by(|a, b| {
        (a["path"].as_str(), a["fingerprint"].as_str())
            .cmp(&(b["path"].as_str(), b["fingerprint"].as_str()))
    });
    let document = json!({"version": VERSION, "tool": "invlint", "findings": findings});
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    text.push('\n');
    text
}
