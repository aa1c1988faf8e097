//! `sarif`: SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule with its
//! descriptions and help, repository-relative URIs, full regions (columns count Unicode
//! code points, as `columnKind` says), places in other files as related locations, and
//! `partialFingerprints` that do not change when lines move.

use serde_json::{Value, json};

use crate::checks::{ALL_RULES, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::fingerprint::fingerprints;
use crate::report::FileReport;
use crate::source::LineCol;

pub fn render(reports: &[FileReport]) -> String {
    let rules: Vec<Value> = ALL_RULES.iter().map(|rule| descriptor(rule)).collect();
    let prints = fingerprints(reports);
    let mut results = Vec::new();
    for (report, prints) in reports.iter().zip(&prints) {
        for (d, print) in report.diagnostics.iter().zip(prints) {
            results.push(result(report, d, print));
        }
    }
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|p| p.to_str().map(|s| s.replace('\\', "/")))
        .unwrap_or_default();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "invlint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "automationDetails": {"id": "invlint/"},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": format!("file://{}/", cwd.trim_end_matches('/'))}},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).expect("JSON values always serialise");
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
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
        "defaultConfiguration": {"level": level(rule.default_severity)},
        "properties": {"tags": ["inventory", rule.name]},
    })
}

/// A relative URI reference for a path. `/` separates segments; a backslash is a name's
/// own character on Unix, or an escape in a quoted name (see
/// [`crate::escape::path_name`]), never a separator. Every other byte outside RFC 3986's
/// unreserved characters is percent-encoded, so any name makes a valid URI.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.trim_start_matches("./").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn region(start: LineCol, end: LineCol) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn result(report: &FileReport, d: &Diagnostic, print: &str) -> Value {
    let source = &report.source;
    let start = source.line_col(d.primary.span.start);
    let end = source.line_col(d.primary.span.end);
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(&source.name), "uriBaseId": "%SRCROOT%"},
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
                    "artifactLocation": {"uri": uri(&source.name), "uriBaseId": "%SRCROOT%"},
                    "region": region(source.line_col(label.span.start), source.line_col(label.span.end)),
                },
                "message": {"text": label.message.clone().unwrap_or_else(|| d.message.clone())},
            })
        })
        .collect();
    related.extend(d.related.iter().map(|r| {
        json!({
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&r.path), "uriBaseId": "%SRCROOT%"},
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
