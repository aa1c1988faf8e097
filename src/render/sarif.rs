//! `sarif`: SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule with its
//! descriptions, help and a link to its documentation, URIs relative to the repository's
//! root (`%SRCROOT%`, percent-encoded, whatever the working directory or the form of the
//! argument), full regions (columns count Unicode code points, as `columnKind` says),
//! places in other files as related locations, `partialFingerprints` that do not change
//! when lines move, and an `invocations` entry with the exit code.

use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use crate::checks::{ALL_RULES, HOME, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::RenderOptions;
use crate::render::fingerprint::fingerprints;
use crate::render::location::{Place, file_uri, place, uri_path};
use crate::report::FileReport;
use crate::source::LineCol;

/// The base every repository-relative URI is resolved against.
const SRCROOT: &str = "%SRCROOT%";

pub fn render(reports: &[FileReport], options: &RenderOptions) -> String {
    let root = options.root.as_deref();
    let prints = fingerprints(reports, root);
    let mut results = Vec::new();
    for (report, prints) in reports.iter().zip(&prints) {
        for (d, print) in report.diagnostics.iter().zip(prints) {
            results.push(result(report, d, print, root));
        }
    }
    let mut run = json!({
        "automationDetails": {"id": "invlint/"},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    // A directory URI ends in `/`, or the relative URIs would replace its last segment.
    if let Some(root) = root {
        run["originalUriBaseIds"] = json!({SRCROOT: {"uri": format!("{}/", file_uri(root))}});
    }
    if let Some(invocation) = &options.invocation {
        let mut entry = json!({
            "executionSuccessful": invocation.errors.is_empty(),
            "exitCode": invocation.exit_code,
        });
        if let Some(cwd) = &invocation.working_directory {
            entry["workingDirectory"] = json!({"uri": format!("{}/", file_uri(cwd))});
        }
        if !invocation.errors.is_empty() {
            entry["toolExecutionNotifications"] = invocation
                .errors
                .iter()
                .map(|error| json!({"level": "error", "message": {"text": error}}))
                .collect();
        }
        run["invocations"] = json!([entry]);
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            rest: run,
            tool: Tool {
                driver: Driver {
                    information_uri: HOME,
                    name: "invlint",
                    rules: descriptors(),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    let mut text = serde_json::to_string_pretty(&log).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// The log, with every rule's descriptor borrowed from [`descriptors`] rather than copied
/// into each log. Fields are in the order of their names, as a JSON object's keys are
/// printed, so the text is what one `Value` would give.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
struct Run<'a> {
    /// Everything but `tool`, whose keys all sort before it.
    #[serde(flatten)]
    rest: Value,
    tool: Tool<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    #[serde(rename = "informationUri")]
    information_uri: &'static str,
    name: &'static str,
    rules: &'a Value,
    #[serde(rename = "semanticVersion")]
    semantic_version: &'static str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Every rule's descriptor, the same in every log: made once per process.
fn descriptors() -> &'static Value {
    static DESCRIPTORS: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DESCRIPTORS.get_or_init(|| ALL_RULES.iter().map(|rule| descriptor(rule)).collect())
}

fn descriptor(rule: &Rule) -> Value {
    let docs = rule.documentation();
    // The first paragraph after the "What it finds" heading describes the rule in full.
    let full = docs
        .split("\n\n")
        .find(|p| !p.starts_with('#') && !p.trim().is_empty())
        .unwrap_or(rule.summary)
        .replace('\n', " ");
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": docs, "markdown": docs},
        "helpUri": rule.docs_url(),
        "defaultConfiguration": {"level": level(rule.default_severity)},
        "properties": {"tags": ["inventory", rule.name]},
    })
}

/// Where a file is, as SARIF says it: relative to `%SRCROOT%` inside the repository, an
/// absolute `file:` URI outside it, and a relative name for text without a path.
fn artifact(name: &str, path: Option<&Path>, root: Option<&Path>) -> Value {
    match place(name, path, root) {
        Place::Repository(relative) => json!({"uri": uri_path(&relative), "uriBaseId": SRCROOT}),
        Place::Elsewhere(absolute) => json!({"uri": file_uri(&absolute)}),
        Place::Unnamed(name) => json!({"uri": uri_path(Path::new(&name)), "uriBaseId": SRCROOT}),
    }
}

fn region(start: LineCol, end: LineCol) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn result(report: &FileReport, d: &Diagnostic, print: &str, root: Option<&Path>) -> Value {
    let source = &report.source;
    let this_file = artifact(&source.name, source.path.as_deref(), root);
    let start = source.line_col(d.primary.span.start());
    let end = source.line_col(d.primary.span.end());
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": this_file.clone(),
            "region": region(start, end),
        },
    });
    if let Some(path) = &d.node_path {
        location["logicalLocations"] = json!([{"fullyQualifiedName": path, "kind": "member"}]);
    }
    let mut related: Vec<Value> = d
        .secondary
        .iter()
        .map(|label| {
            json!({
                "physicalLocation": {
                    "artifactLocation": this_file.clone(),
                    "region": region(source.line_col(label.span.start()), source.line_col(label.span.end())),
                },
                "message": {"text": label.message.clone().unwrap_or_else(|| d.message.clone())},
            })
        })
        .collect();
    related.extend(d.related.iter().map(|r| {
        json!({
            "physicalLocation": {
                "artifactLocation": artifact(&r.path, r.file.as_deref(), root),
                "region": region(r.start, r.end),
            },
            "message": {"text": r.message},
        })
    }));
    for (id, location) in related.iter_mut().enumerate() {
        location["id"] = json!(id + 1);
    }
    let rule_index = ALL_RULES
        .iter()
        .position(|r| r.code == d.rule.code)
        .unwrap_or(0);
    let text = match &d.help {
        Some(help) => format!("{}. {help}", d.message),
        None => d.message.clone(),
    };
    let mut result = json!({
        "ruleId": d.rule.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"invlint/v1": print},
    });
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}
