//! `gitlab`: the Code Quality report GitLab reads from `artifacts:reports:codequality`: a
//! JSON array (no byte order mark) of issues with a description, the check's name, a
//! fingerprint that does not depend on line numbers, a severity and a location whose path
//! is relative to the repository's root (GitLab links nothing else). A file outside the
//! repository keeps the name the run showed: there is no repository path to give it.

use serde_json::{Value, json};

use crate::diagnostic::Severity;
use crate::render::RenderOptions;
use crate::render::fingerprint::fingerprints;
use crate::render::location::repository_name;
use crate::report::FileReport;

pub fn render(reports: &[FileReport], options: &RenderOptions) -> String {
    let root = options.root.as_deref();
    let prints = fingerprints(reports, root);
    let mut issues: Vec<Value> = Vec::new();
    for (report, prints) in reports.iter().zip(&prints) {
        let path = repository_name(&report.source.name, report.source.path.as_deref(), root);
        for (d, print) in report.diagnostics.iter().zip(prints) {
            let start = report.source.line_col(d.primary.span.start);
            let end = report.source.line_col(d.primary.span.end);
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            // GitLab does not show check_name, so the description names the rule.
            issues.push(json!({
                "type": "issue",
                "description": format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                "check_name": d.rule.code,
                "fingerprint": print,
                "severity": severity,
                "location": {
                    "path": path,
                    "lines": {"begin": start.line, "end": end.line},
                    "positions": {
                        "begin": {"line": start.line, "column": start.column},
                        "end": {"line": end.line, "column": end.column},
                    },
                },
            }));
        }
    }
    let mut text = serde_json::to_string_pretty(&issues).expect("JSON values always serialise");
    text.push('\n');
    text
}
