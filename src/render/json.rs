//! `--format json`: every finding with its file, provider, rule, severity, message, byte
//! range, 1-based lines and columns, node path, labels, places in other files and fix. The
//! schema is versioned: `version` changes when a field changes meaning or goes away.
//!
//! The document is serialised straight from borrowed structs, never copied into a
//! `serde_json::Value` first (at 100,000 files that copy was most of the rendering). The
//! fields of each struct are declared in the order of their names, the order a JSON
//! object's keys have always been printed in, so the text is unchanged.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Span};
use crate::render::Totals;
use crate::report::FileReport;
use crate::source::SourceFile;

/// The version of the JSON document's schema.
pub const SCHEMA_VERSION: u32 = 1;

pub fn render(reports: &[FileReport]) -> String {
    whole(reports.iter().map(file).collect(), &Totals::of(reports))
}

/// The document's opening, written before its first file when it is written as the run
/// goes. The pieces of a document so written are byte for byte the whole document.
pub const OPENING: &str = "{\n  \"files\": [\n";

/// The files of a batch, as the document written whole has them; `first` when no file
/// came before them.
pub fn files(reports: &[FileReport], first: bool) -> String {
    let mut out = String::new();
    for (index, report) in reports.iter().enumerate() {
        if !(first && index == 0) {
            out.push_str(",\n");
        }
        let text = serde_json::to_string_pretty(&file(report)).expect("a file serialises");
        // A file is two levels deep in the document. JSON text puts no line break inside
        // a string, so every line of it is a line of structure.
        for (n, line) in text.lines().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str("    ");
            out.push_str(line);
        }
    }
    out
}

/// The document's close, after its last file.
pub fn closing(totals: &Totals) -> String {
    let empty = without_files(totals);
    let rest = empty
        .strip_prefix("{\n  \"files\": [],\n")
        .expect("a document without files opens so");
    format!("\n  ],\n{rest}")
}

/// The whole document of a run that reported no file.
pub fn without_files(totals: &Totals) -> String {
    whole(Vec::new(), totals)
}

fn whole(files: Vec<File<'_>>, totals: &Totals) -> String {
    let [info, warning, error] = totals.counts;
    let document = Document {
        files,
        summary: Summary {
            error,
            files: totals.files,
            info,
            skipped: totals.skipped,
            warning,
        },
        tool: Tool {
            name: "invlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        version: SCHEMA_VERSION,
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the document serialises");
    text.push('\n');
    text
}

#[derive(Serialize)]
struct Document<'a> {
    files: Vec<File<'a>>,
    summary: Summary,
    tool: Tool,
    version: u32,
}

#[derive(Serialize)]
struct Summary {
    error: usize,
    files: usize,
    info: usize,
    skipped: usize,
    warning: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    diagnostics: Vec<Finding<'a>>,
    path: &'a str,
    provider: Option<Provider<'a>>,
    skipped: &'a Option<String>,
}

#[derive(Serialize)]
struct Provider<'a> {
    id: &'a str,
    name: &'a str,
    reason: String,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    fix: Option<Fix<'a>>,
    help: Option<&'a str>,
    label: &'a Option<String>,
    labels: Vec<Label<'a>>,
    location: Location,
    message: &'a str,
    name: &'a str,
    node_path: &'a Option<String>,
    related: Vec<Related<'a>>,
    severity: &'static str,
}

#[derive(Serialize)]
struct Label<'a> {
    location: Location,
    message: &'a Option<String>,
}

#[derive(Serialize)]
struct Related<'a> {
    location: Location,
    message: &'a str,
    path: &'a str,
}

#[derive(Serialize)]
struct Location {
    end: Position,
    range: Range,
    start: Position,
}

#[derive(Serialize)]
struct Range {
    end: usize,
    start: usize,
}

#[derive(Serialize)]
struct Position {
    column: usize,
    line: usize,
}

#[derive(Serialize)]
struct Fix<'a> {
    applicability: &'static str,
    description: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    range: Range,
    replacement: &'a str,
}

fn file(report: &FileReport) -> File<'_> {
    File {
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| finding(&report.source, d))
            .collect(),
        path: &report.source.name,
        provider: report.provider.as_ref().map(|choice| Provider {
            id: &choice.schema.provider.id,
            name: &choice.schema.provider.name,
            reason: choice.reason.to_string(),
        }),
        skipped: &report.skipped,
    }
}

fn finding<'a>(source: &SourceFile, d: &'a Diagnostic) -> Finding<'a> {
    Finding {
        code: d.rule.code,
        fix: d.fix.as_ref().map(|f| Fix {
            applicability: f.safety.as_str(),
            description: &f.description,
            edits: f
                .edits
                .iter()
                .map(|e| Edit {
                    range: range(e.span),
                    replacement: &e.replacement,
                })
                .collect(),
        }),
        help: d.help.as_deref(),
        label: &d.primary.message,
        labels: d
            .secondary
            .iter()
            .map(|l| Label {
                location: location(source, l.span),
                message: &l.message,
            })
            .collect(),
        location: location(source, d.primary.span),
        message: &d.message,
        name: d.rule.name,
        node_path: &d.node_path,
        related: d
            .related
            .iter()
            .map(|r| Related {
                location: Location {
                    end: Position {
                        column: r.end.column,
                        line: r.end.line,
                    },
                    range: range(r.span),
                    start: Position {
                        column: r.start.column,
                        line: r.start.line,
                    },
                },
                message: &r.message,
                path: &r.path,
            })
            .collect(),
        severity: d.severity.as_str(),
    }
}

fn range(span: Span) -> Range {
    Range {
        end: span.end(),
        start: span.start(),
    }
}

fn location(source: &SourceFile, span: Span) -> Location {
    let start = source.line_col(span.start());
    let end = source.line_col(span.end());
    Location {
        end: Position {
            column: end.column,
            line: end.line,
        },
        range: range(span),
        start: Position {
            column: start.column,
            line: start.line,
        },
    }
}
