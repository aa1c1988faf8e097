//! `gitlab`: the Code Quality report GitLab reads from `artifacts:reports:codequality`: a
//! JSON array (no byte order mark) of issues with a description, the check's name, a
//! fingerprint that does not depend on line numbers, a severity and a location.

use serde_json::{Value, json};

use crate::diagnostic::Severity;
use crate::render::fingerprint::fingerprints;
use crate::report::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let prints = fingerprints(reports);
    let mut issues: Vec<Value> = Vec::new();
    for (report, prints) in reports.iter().zip(&prints) {
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
                    "path": report.source.name.replace('\\', "/").trim_start_matches("./"),
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
