//! `gitlab`: the Code Quality report GitLab reads from `artifacts:reports:codequality`: a
//! JSON array (no byte order mark) of issues with a description, the check's name, a
//! fingerprint that does not depend on line numbers, a severity and a location whose path
//! is relative to the repository's root (GitLab links nothing else). A file outside the
//! repository keeps the name the run showed: there is no repository path to give it.

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::render::RenderOptions;
use crate::render::fingerprint::fingerprints;
use crate::render::location::repository_name;
use crate::report::FileReport;

pub fn render(reports: &[FileReport], options: &RenderOptions) -> String {
    let root = options.root.as_deref();
    let prints = fingerprints(reports, root);
    let mut issues: Vec<Issue> = Vec::new();
    for (report, prints) in reports.iter().zip(&prints) {
        let path = repository_name(&report.source.name, report.source.path.as_deref(), root);
        for (d, print) in report.diagnostics.iter().zip(prints) {
            let start = report.source.line_col(d.primary.span.start());
            let end = report.source.line_col(d.primary.span.end());
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            // GitLab does not show check_name, so the description names the rule.
            issues.push(Issue {
                check_name: d.rule.code,
                description: format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                fingerprint: print,
                location: Location {
                    lines: Lines {
                        begin: start.line,
                        end: end.line,
                    },
                    path: path.clone(),
                    positions: Positions {
                        begin: Position {
                            column: start.column,
                            line: start.line,
                        },
                        end: Position {
                            column: end.column,
                            line: end.line,
                        },
                    },
                },
                severity,
                kind: "issue",
            });
        }
    }
    let mut text = serde_json::to_string_pretty(&issues).expect("the issues serialise");
    text.push('\n');
    text
}

// Serialised straight from these structs, not through a `serde_json::Value`; the fields
// are in the order of their names, as the keys have always been printed.

#[derive(Serialize)]
struct Issue<'a> {
    check_name: &'static str,
    description: String,
    fingerprint: &'a str,
    location: Location,
    severity: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Location {
    lines: Lines,
    path: String,
    positions: Positions,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    column: usize,
    line: usize,
}
