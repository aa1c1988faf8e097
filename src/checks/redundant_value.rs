//! INV013 redundant-value.

use super::enum_value::tokens;
use super::{Context, RuleKind, declare_rule, earlier_same};
use crate::diagnostic::{Diagnostic, Fix, Span};
use crate::provider::{ElementSpec, ValueKind};
use crate::syntax::tree::Blank;
use crate::syntax::tree::ScalarKind;

declare_rule! {
    /// ## What it finds
    ///
    /// A value given more than once, or one that makes the others pointless:
    ///
    /// - an entry listed twice in a list value (`Standard,IA,Standard`);
    /// - `All` beside other storage classes in `Filter/StorageClass`: All already means
    ///   every class, and what the combination does is not documented;
    /// - an optional `Field` listed twice in the same `OptionalFields`.
    ///
    /// Both occurrences are labelled. No source says whether the service rejects these, so
    /// they are warnings.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <OptionalFields>
    ///     <Field>Size</Field>
    ///     <Field>Size</Field>
    ///   </OptionalFields>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Filter": {"StorageClass": "Standard,IA"}, "OptionalFields": {"Field": ["Size", "ETag"]}}
    /// ```
    pub static RULE = {
        code: "INV013",
        name: "redundant-value",
        severity: Warning,
        summary: "A value given twice, or `All` beside the values it already includes",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let listed = |spec: &ElementSpec| spec.kind == ValueKind::Enum && spec.separator.is_some();
    for (index, spec, value) in ctx.text_values_where(listed) {
        let entries: Vec<(&str, Span)> =
            tokens(spec, value).filter(|(t, _)| !t.is_blank()).collect();
        for (&(token, span), first) in entries.iter().zip(earlier_same(&entries)) {
            if let Some(first) = first {
                out.push(
                    Diagnostic::new(
                        &RULE,
                        span,
                        format!("`{token}` is listed twice in `{}`", spec.name),
                    )
                    .with_primary_label("repeated here")
                    .with_label(first, "first listed here")
                    .with_node_path(ctx.path(index)),
                );
            }
        }
        for &(token, span) in &entries {
            if entries.len() > 1 && spec.exclusive_values.iter().any(|v| v == token) {
                out.push(
                    Diagnostic::new(
                        &RULE,
                        span,
                        format!("`{token}` is combined with other entries in `{}`", spec.name),
                    )
                    .with_help(format!(
                        "`{token}` already includes the others, and what the combination means is undocumented; give `{token}` alone or leave it out"
                    ))
                    .with_node_path(ctx.path(index)),
                );
            }
        }
    }
    let repeated_enum = |child: &ElementSpec| child.repeated && child.kind == ValueKind::Enum;
    for (index, bound, _) in ctx.containers_with_child(repeated_enum) {
        // Keyed by name and value: a list of them was quadratic in a hostile document.
        let count = bound.node.children.len();
        // Keyed by the value first: the names of a container's repeated children are
        // mostly the same, and comparing them first would compare every pair twice.
        let mut listed: Vec<((&str, &str), Span)> = Vec::with_capacity(count);
        let mut children = Vec::with_capacity(count);
        for (_, bound_child) in ctx.children_of(index) {
            let Some(child_spec) = bound_child.spec else {
                continue;
            };
            let child = bound_child.node;
            let child_spec = ctx.schema.spec(child_spec);
            let Some(value) = child.value.as_ref().filter(|v| v.kind == ScalarKind::Text) else {
                continue;
            };
            if !child_spec.repeated || child_spec.kind != ValueKind::Enum || value.text.is_blank() {
                continue;
            }
            listed.push(((value.text.as_ref(), child.name.as_ref()), value.span));
            children.push(child);
        }
        for ((child, &((text, _), span)), first) in
            children.iter().zip(&listed).zip(earlier_same(&listed))
        {
            let Some(first) = first else { continue };
            let mut finding = Diagnostic::new(
                &RULE,
                span,
                format!("`{text}` is listed twice in `{}`", bound.name),
            )
            .with_primary_label("repeated here")
            .with_label(first, "first listed here")
            .with_node_path(format!("{}/{}", ctx.path(index), child.name));
            if let Some(fix) = removal(ctx.source.text.as_str(), child.span) {
                finding = finding.with_fix(fix);
            }
            out.push(finding);
        }
    }
}

/// Removes a repeated XML element with the white space that leads up to it, so the line
/// it stood on goes too. A JSON array entry is left alone: its comma and its neighbours'
/// make a removal that is easy to get wrong, so it gets no fix.
fn removal(text: &str, span: Span) -> Option<Fix> {
    let element = text.get(span.range())?;
    if !element.starts_with('<') {
        return None;
    }
    let before = &text[..span.start()];
    let start = before.trim_end_matches([' ', '\t']).len();
    let start = if before[..start].ends_with('\n') && text[span.end()..].starts_with(['\n', '\r']) {
        before[..start]
            .trim_end_matches('\n')
            .trim_end_matches('\r')
            .len()
    } else {
        start
    };
    Some(Fix::safe(
        Span::new(start, span.end()),
        "",
        "remove the repeated element",
    ))
}
