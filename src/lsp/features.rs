//! What the server answers, from a document's text and its last report: diagnostics,
//! quick fixes and suppressions, hover and completion. Nothing here checks a document:
//! the findings come from the engine, the table facts from [`invlint::inspect`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeDescription,
    CompletionItem, CompletionItemKind, CompletionResponse, DiagnosticRelatedInformation,
    DiagnosticSeverity, Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString,
    Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use invlint::diagnostic::{Diagnostic, Safety, Severity, Span};
use invlint::inspect::{self, PlaceKind};
use invlint::provider::{Schema, SpecId};
use invlint::report::FileReport;

use super::position::{self, Encoding};

/// The kind of the "fix all" action, under the `source.fixAll` that editors run on save.
pub static FIX_ALL_KIND: std::sync::LazyLock<CodeActionKind> =
    std::sync::LazyLock::new(|| CodeActionKind::new("source.fixAll.invlint"));

/// A report's findings as the protocol's diagnostics: each with its rule code and a link
/// to the rule's documentation, its labels and the places in other files it names.
pub fn diagnostics(
    report: &FileReport,
    all: &[FileReport],
    by_path: &HashMap<PathBuf, usize>,
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    let text = &report.source.text;
    report
        .diagnostics
        .iter()
        .map(|d| {
            let mut related: Vec<DiagnosticRelatedInformation> = Vec::new();
            let this = report.source.path.as_deref().and_then(position::uri_of);
            for label in &d.secondary {
                if let (Some(uri), Some(message)) = (&this, &label.message) {
                    related.push(DiagnosticRelatedInformation {
                        location: Location::new(
                            uri.clone(),
                            position::range(text, label.span, encoding),
                        ),
                        message: message.clone(),
                    });
                }
            }
            for other in &d.related {
                let Some(path) = &other.file else { continue };
                let Some(uri) = position::uri_of(path) else {
                    continue;
                };
                // The other file's text gives the range in the client's encoding; without
                // it, the characters counted are the nearest there is.
                let range = match by_path.get(path).map(|i| &all[*i].source.text) {
                    Some(other_text) if !other_text.is_empty() => {
                        position::range(other_text, other.span, encoding)
                    }
                    _ => Range::new(
                        Position::new(
                            other.start.line.saturating_sub(1) as u32,
                            other.start.column.saturating_sub(1) as u32,
                        ),
                        Position::new(
                            other.end.line.saturating_sub(1) as u32,
                            other.end.column.saturating_sub(1) as u32,
                        ),
                    ),
                };
                related.push(DiagnosticRelatedInformation {
                    location: Location::new(uri, range),
                    message: other.message.clone(),
                });
            }
            let message = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            lsp_types::Diagnostic {
                range: position::range(text, d.primary.span, encoding),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.rule.code.to_string())),
                code_description: Uri::from_str(&d.rule.docs_url())
                    .ok()
                    .map(|href| CodeDescription { href }),
                source: Some("invlint".to_string()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            }
        })
        .collect()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The quick fixes of the findings in the asked range, a suppression for each of them in
/// XML, and "fix all" when the document has a safe fix.
pub fn code_actions(
    text: &str,
    uri: &Uri,
    report: &FileReport,
    params: &CodeActionParams,
    fixed: Option<String>,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let start = position::offset(text, params.range.start, encoding);
    let end = position::offset(text, params.range.end, encoding);
    let mut actions = Vec::new();
    let everything = diagnostics(report, &[], &HashMap::new(), encoding);
    for (d, shown) in report.diagnostics.iter().zip(everything) {
        let span = d.primary.span;
        if span.end() < start || span.start() > end || !wanted(&CodeActionKind::QUICKFIX) {
            continue;
        }
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| {
                    TextEdit::new(
                        position::range(text, e.span, encoding),
                        e.replacement.clone(),
                    )
                })
                .collect();
            let guess = fix.safety == Safety::Unsafe;
            actions.push(action(
                format!(
                    "{}: {}{}",
                    d.rule.code,
                    fix.description,
                    if guess { " (a guess: check it)" } else { "" }
                ),
                CodeActionKind::QUICKFIX,
                uri,
                edits,
                vec![shown.clone()],
                !guess,
            ));
        }
        if let Some(edit) = suppression(text, d, encoding) {
            actions.push(action(
                format!("Suppress {} for this element", d.rule.code),
                CodeActionKind::QUICKFIX,
                uri,
                vec![edit],
                vec![shown],
                false,
            ));
        }
    }
    if let Some(fixed) = fixed.filter(|f| f != text)
        && wanted(&FIX_ALL_KIND)
    {
        let whole = Range::new(
            Position::new(0, 0),
            position::position(text, text.len(), encoding),
        );
        actions.push(action(
            "invlint: fix all safe fixes in this file".to_string(),
            FIX_ALL_KIND.clone(),
            uri,
            vec![TextEdit::new(whole, fixed)],
            Vec::new(),
            false,
        ));
    }
    actions
}

// `WorkspaceEdit::changes` is lsp-types' map keyed by `Uri`, whose parsed form clippy
// counts as interior mutability; the key is never changed while in the map.
#[allow(clippy::mutable_key_type)]
fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Uri,
    edits: Vec<TextEdit>,
    diagnostics: Vec<lsp_types::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let changes = HashMap::from([(uri.clone(), edits)]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// In XML, a suppression comment on its own line before the line the finding starts on,
/// indented as that line is, with a reason to fill in. JSON has no comments.
fn suppression(text: &str, d: &Diagnostic, encoding: Encoding) -> Option<TextEdit> {
    if !text.trim_start().starts_with('<') {
        return None;
    }
    let line_start = text[..d.primary.span.start().min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    // The comment must follow the XML declaration, never come before it.
    if text[line_start..].trim_start().starts_with("<?xml") {
        return None;
    }
    let at = position::position(text, line_start, encoding);
    Some(TextEdit::new(
        Range::new(at, at),
        format!(
            "{indent}<!-- invlint-ignore {} reason: TODO say why -->\n",
            d.rule.code
        ),
    ))
}

/// On a finding: its rule's summary and a link to its documentation. On an element name
/// or value: what the provider's table says of the element.
pub fn hover(
    text: &str,
    report: Option<&FileReport>,
    known: Option<&'static Schema>,
    at: Position,
    encoding: Encoding,
) -> Option<Hover> {
    let offset = position::offset(text, at, encoding);
    let checked_same_text = report.filter(|r| r.source.text == text);
    if let Some(report) = checked_same_text
        && let Some(d) = report
            .diagnostics
            .iter()
            .find(|d| d.primary.span.start() <= offset && offset <= d.primary.span.end())
    {
        let rule = d.rule;
        let docs = rule.documentation();
        // The first paragraph under "What it finds" says what the rule finds, in full.
        let finds = docs
            .split("\n\n")
            .find(|p| !p.starts_with('#') && !p.trim().is_empty())
            .unwrap_or(rule.summary);
        let markdown = format!(
            "**{} {}** ({})\n\n{finds}\n\n[Documentation]({})",
            rule.code,
            rule.name,
            d.severity,
            rule.docs_url()
        );
        return Some(markdown_hover(
            markdown,
            position::range(text, d.primary.span, encoding),
        ));
    }
    let mut place = inspect::place(text, offset);
    let word = match place.kind {
        PlaceKind::Name { span } => {
            // The path ends with the name up to the cursor: the whole name is meant.
            let word = whole_word(text, span);
            if let Some(last) = place.path.last_mut() {
                *last = text[word.range()].to_string();
            }
            word
        }
        PlaceKind::Value { span } => whole_word(text, span),
        PlaceKind::Between => return None,
    };
    let schema = schema_for(known, &place.path)?;
    let spec = inspect::resolve(schema, &place.path)?;
    Some(markdown_hover(
        inspect::describe(schema, spec),
        position::range(text, word, encoding),
    ))
}

fn markdown_hover(value: String, range: Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }
}

/// The span from the start of a name or value to its end, past the cursor.
fn whole_word(text: &str, span: Span) -> Span {
    let rest = &text[span.end()..];
    let more = rest
        .find(|c: char| c == '<' || c == '>' || c == '"' || c == '/' || c.is_whitespace())
        .unwrap_or(rest.len());
    Span::new(span.start(), span.end() + more)
}

/// The element names allowed at the cursor, or the values of the element it is in, from
/// the provider's table.
pub fn completion(
    text: &str,
    known: Option<&'static Schema>,
    at: Position,
    encoding: Encoding,
) -> Option<CompletionResponse> {
    let offset = position::offset(text, at, encoding);
    let mut place = inspect::place(text, offset);
    let is_xml = !text.trim_start().starts_with(['{', '[']);
    // Right after the start tag of an element that holds a value, its value begins.
    if place.kind == PlaceKind::Between
        && let Some(schema) = schema_for(known, &place.path)
        && let Some(spec) = inspect::resolve(schema, &place.path)
        && schema.spec(spec).kind != invlint::provider::ValueKind::Container
    {
        place.kind = PlaceKind::Value {
            span: Span::empty(offset),
        };
    }
    let items = match place.kind {
        PlaceKind::Name { span } => {
            let parent = &place.path[..place.path.len() - 1];
            let schema = schema_for(known, &place.path)?;
            let names: Vec<(&str, Option<SpecId>)> = if parent.is_empty() {
                schema
                    .roots
                    .iter()
                    .map(|r| (schema.spec(*r).name.as_str(), Some(*r)))
                    .collect()
            } else {
                let parent = inspect::resolve(schema, parent)?;
                schema
                    .children(parent)
                    .iter()
                    .map(|c| (schema.spec(*c).name.as_str(), Some(*c)))
                    .collect()
            };
            let range = position::range(text, span, encoding);
            names
                .into_iter()
                .map(|(name, spec)| {
                    item(
                        schema,
                        name,
                        spec,
                        CompletionItemKind::PROPERTY,
                        range,
                        name.to_string(),
                    )
                })
                .collect()
        }
        PlaceKind::Value { span } => {
            let schema = schema_for(known, &place.path)?;
            let spec = inspect::resolve(schema, &place.path)?;
            let range = position::range(text, span, encoding);
            let values: Vec<String> = match schema.spec(spec).kind {
                invlint::provider::ValueKind::Boolean => vec!["true".into(), "false".into()],
                _ => schema.spec(spec).values.clone(),
            };
            values
                .iter()
                .map(|v| {
                    item(
                        schema,
                        v,
                        None,
                        CompletionItemKind::ENUM_MEMBER,
                        range,
                        v.clone(),
                    )
                })
                .collect()
        }
        PlaceKind::Between => {
            let schema = schema_for(known, &place.path)?;
            let parent = inspect::resolve(schema, &place.path)?;
            let here = position::range(text, Span::empty(offset), encoding);
            schema
                .children(parent)
                .iter()
                .map(|c| {
                    let name = schema.spec(*c).name.as_str();
                    let insert = if is_xml {
                        format!("<{name}></{name}>")
                    } else {
                        format!("\"{name}\": ")
                    };
                    item(
                        schema,
                        name,
                        Some(*c),
                        CompletionItemKind::PROPERTY,
                        here,
                        insert,
                    )
                })
                .collect()
        }
    };
    Some(CompletionResponse::Array(items))
}

fn item(
    schema: &Schema,
    label: &str,
    spec: Option<SpecId>,
    kind: CompletionItemKind,
    range: Range,
    insert: String,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: spec.map(|s| schema.spec(s).kind.describe().to_string()),
        documentation: spec.map(|s| {
            lsp_types::Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: inspect::describe(schema, s),
            })
        }),
        text_edit: Some(lsp_types::CompletionTextEdit::Edit(TextEdit::new(
            range, insert,
        ))),
        ..CompletionItem::default()
    }
}

/// The table a document is checked against: the provider its last check chose (kept by
/// the server while the text does not parse), or else the first table in which the path
/// to the cursor's element exists.
fn schema_for(known: Option<&'static Schema>, path: &[String]) -> Option<&'static Schema> {
    if known.is_some() {
        return known;
    }
    let enclosing = &path[..path.len().saturating_sub(1)];
    invlint::provider::providers()
        .find(|schema| enclosing.is_empty() || inspect::resolve(schema, enclosing).is_some())
}
