//! `--format json`: every finding with its file, provider, rule, severity, message, byte
//! range, 1-based lines and columns, node path, labels, places in other files and fix. The
//! schema is versioned: `version` changes when a field changes meaning or goes away.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::report::FileReport;
use crate::source::SourceFile;

/// The version of the JSON document's schema.
pub const SCHEMA_VERSION: u32 = 1;

pub fn render(reports: &[FileReport]) -> String {
    let count = |severity| super::count(reports, severity);
    let files: Vec<Value> = reports.iter().map(file).collect();
    let document = json!({
        "version": SCHEMA_VERSION,
        "tool": {"name": "invlint", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "summary": {
            "files": reports.len(),
            "skipped": reports.iter().filter(|r| r.skipped.is_some()).count(),
            "error": count(Severity::Error),
            "warning": count(Severity::Warning),
            "info": count(Severity::Info),
        },
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    text.push('\n');
    text
}

fn file(report: &FileReport) -> Value {
    let provider = report.provider.as_ref().map(|choice| {
        json!({
            "id": choice.schema.provider.id,
            "name": choice.schema.provider.name,
            "reason": choice.reason,
        })
    });
    json!({
        "path": report.source.name,
        "provider": provider,
        "skipped": report.skipped,
        "diagnostics": report.diagnostics.iter().map(|d| diagnostic(&report.source, d)).collect::<Vec<_>>(),
    })
}

fn diagnostic(source: &SourceFile, d: &Diagnostic) -> Value {
    let labels: Vec<Value> = d
        .secondary
        .iter()
        .map(|l| json!({"message": l.message, "location": location(source, l.span)}))
        .collect();
    let related: Vec<Value> = d
        .related
        .iter()
        .map(|r| {
            json!({
                "path": r.path,
                "message": r.message,
                "location": {
                    "range": {"start": r.span.start, "end": r.span.end},
                    "start": {"line": r.start.line, "column": r.start.column},
                    "end": {"line": r.end.line, "column": r.end.column},
                },
            })
        })
        .collect();
    let fix = d.fix.as_ref().map(|f| {
        let edits: Vec<Value> = f
            .edits
            .iter()
            .map(|e| json!({"range": {"start": e.span.start, "end": e.span.end}, "replacement": e.replacement}))
            .collect();
        json!({
            "description": f.description,
            "applicability": f.safety.as_str(),
            "edits": edits,
        })
    });
    json!({
        "code": d.rule.code,
        "name": d.rule.name,
        "severity": d.severity.as_str(),
        "message": d.message,
        "node_path": d.node_path,
        "location": location(source, d.primary.span),
        "label": d.primary.message,
        "labels": labels,
        "related": related,
        "help": d.help,
        "fix": fix,
    })
}

fn location(source: &SourceFile, span: Span) -> Value {
    let start = source.line_col(span.start);
    let end = source.line_col(span.end);
    json!({
        "range": {"start": span.start, "end": span.end},
        "start": {"line": start.line, "column": start.column},
        "end": {"line": end.line, "column": end.column},
    })
}
