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
    // A directory URI ends in `/`, or the relative URIs would replace its last segment.
    let original_uri_base_ids =
        root.map(|root| json!({SRCROOT: {"uri": format!("{}/", file_uri(root))}}));
    let invocations = options.invocation.as_ref().map(|invocation| {
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
        json!([entry])
    });
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            automation_details: AutomationDetails { id: "invlint/" },
            column_kind: "unicodeCodePoints",
            invocations,
            original_uri_base_ids,
            results,
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
    #[serde(rename = "automationDetails")]
    automation_details: AutomationDetails,
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    invocations: Option<Value>,
    #[serde(rename = "originalUriBaseIds", skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<Value>,
    results: Vec<SarifResult<'a>>,
    tool: Tool<'a>,
}

#[derive(Serialize)]
struct AutomationDetails {
    id: &'static str,
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
fn artifact(name: &str, path: Option<&Path>, root: Option<&Path>) -> ArtifactLocation {
    match place(name, path, root) {
        Place::Repository(relative) => ArtifactLocation {
            uri: uri_path(&relative),
            uri_base_id: Some(SRCROOT),
        },
        Place::Elsewhere(absolute) => ArtifactLocation {
            uri: file_uri(&absolute),
            uri_base_id: None,
        },
        Place::Unnamed(name) => ArtifactLocation {
            uri: uri_path(Path::new(&name)),
            uri_base_id: Some(SRCROOT),
        },
    }
}

fn region(start: LineCol, end: LineCol) -> Region {
    Region {
        end_column: end.column,
        end_line: end.line,
        start_column: start.column,
        start_line: start.line,
    }
}

fn result<'a>(
    report: &FileReport,
    d: &'a Diagnostic,
    print: &'a str,
    root: Option<&Path>,
) -> SarifResult<'a> {
    let source = &report.source;
    let this_file = artifact(&source.name, source.path.as_deref(), root);
    let start = source.line_col(d.primary.span.start());
    let end = source.line_col(d.primary.span.end());
    let location = Location {
        logical_locations: d.node_path.as_deref().map(|path| {
            [LogicalLocation {
                fully_qualified_name: path,
                kind: "member",
            }]
        }),
        physical_location: PhysicalLocation {
            artifact_location: this_file.clone(),
            region: region(start, end),
        },
    };
    let mut related: Vec<RelatedLocation<'a>> = d
        .secondary
        .iter()
        .map(|label| RelatedLocation {
            id: 0,
            message: Message {
                text: label.message.as_deref().unwrap_or(&d.message).into(),
            },
            physical_location: PhysicalLocation {
                artifact_location: this_file.clone(),
                region: region(
                    source.line_col(label.span.start()),
                    source.line_col(label.span.end()),
                ),
            },
        })
        .collect();
    related.extend(d.related.iter().map(|r| RelatedLocation {
        id: 0,
        message: Message {
            text: r.message.as_str().into(),
        },
        physical_location: PhysicalLocation {
            artifact_location: artifact(&r.path, r.file.as_deref(), root),
            region: region(r.start, r.end),
        },
    }));
    for (id, location) in related.iter_mut().enumerate() {
        location.id = id + 1;
    }
    let rule_index = ALL_RULES
        .iter()
        .position(|r| r.code == d.rule.code)
        .unwrap_or(0);
    let text = match &d.help {
        Some(help) => format!("{}. {help}", d.message).into(),
        None => d.message.as_str().into(),
    };
    SarifResult {
        level: level(d.severity),
        locations: [location],
        message: Message { text },
        partial_fingerprints: PartialFingerprints { invlint_v1: print },
        related_locations: related,
        rule_id: d.rule.code,
        rule_index,
    }
}

// A finding as SARIF writes it, serialised straight from these structs rather than through
// a `serde_json::Value` per finding. Each struct's fields are in the byte order of their
// JSON names (upper case before lower case), as a `Value`'s keys are printed, so the log
// is what it was when it was built from `Value`s.

#[derive(Serialize)]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Message<'a>,
    #[serde(rename = "partialFingerprints")]
    partial_fingerprints: PartialFingerprints<'a>,
    #[serde(rename = "relatedLocations", skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    #[serde(rename = "ruleId")]
    rule_id: &'static str,
    #[serde(rename = "ruleIndex")]
    rule_index: usize,
}

#[derive(Serialize)]
struct Location<'a> {
    #[serde(rename = "logicalLocations", skip_serializing_if = "Option::is_none")]
    logical_locations: Option<[LogicalLocation<'a>; 1]>,
    #[serde(rename = "physicalLocation")]
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
struct LogicalLocation<'a> {
    #[serde(rename = "fullyQualifiedName")]
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    id: usize,
    message: Message<'a>,
    #[serde(rename = "physicalLocation")]
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
struct PhysicalLocation {
    #[serde(rename = "artifactLocation")]
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
    #[serde(rename = "uriBaseId", skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
struct Region {
    #[serde(rename = "endColumn")]
    end_column: usize,
    #[serde(rename = "endLine")]
    end_line: usize,
    #[serde(rename = "startColumn")]
    start_column: usize,
    #[serde(rename = "startLine")]
    start_line: usize,
}

#[derive(Serialize)]
struct Message<'a> {
    text: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
struct PartialFingerprints<'a> {
    #[serde(rename = "invlint/v1")]
    invlint_v1: &'a str,
}
