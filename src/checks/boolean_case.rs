//! INV010 boolean-case.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Fix, Span};
use crate::provider::{ElementSpec, ValueKind};
use crate::syntax::tree::{Format, Scalar};

declare_rule! {
    /// ## What it finds
    ///
    /// A boolean written with capitals, such as `True` or `FALSE`. The fix is the
    /// lowercase word.
    ///
    /// And, for a provider whose table says its documentation writes JSON booleans as
    /// strings (`string_booleans`), a JSON string `"true"` or `"false"` where a boolean
    /// belongs. The fix is the JSON boolean.
    ///
    /// ## Why
    ///
    /// The API pages allow `true` and `false`. The oss2 Python SDK writes `True` and
    /// `False` (Python's spelling) and its live tests pass, so the server accepts them; but
    /// the same SDK reads back only lowercase, and other tools compare the text. A warning,
    /// not an error.
    ///
    /// Volcengine TOS's documentation samples write `"IsEnabled": "true"`, while its API
    /// tables type the element Bool and its SDKs send `true`; which one the service
    /// insists on is not documented, so the string is a warning there too.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <IsEnabled>True</IsEnabled>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"IsEnabled": "true", "IncrementalInventory": {"IsEnabled": false, "Schedule": {"Frequency": 600}}}
    /// ```
    pub static RULE = {
        code: "INV010",
        name: "boolean-case",
        severity: Warning,
        summary: "A boolean written with capitals (`True`), or as a JSON string where the provider's SDKs send a boolean",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let strings_warned =
        ctx.document.format == Format::Json && ctx.schema.provider.string_booleans.is_some();
    for (index, spec, value) in ctx.text_values_where(|spec| spec.kind == ValueKind::Boolean) {
        let lower = value.text.to_ascii_lowercase();
        if strings_warned && (lower == "true" || lower == "false") {
            out.push(string_boolean(ctx, spec, value, &lower).with_node_path(ctx.path(index)));
            continue;
        }
        if *lower == *value.text || (lower != "true" && lower != "false") {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                value.span,
                format!("`{}` should be written `{lower}`", value.text),
            )
            .with_help(format!(
                "`{}` has only `true` and `false` in the API reference",
                spec.name
            ))
            .with_fix(Fix::safe(
                value.span,
                lower.clone(),
                format!("write `{lower}`"),
            ))
            .with_node_path(ctx.path(index)),
        );
    }
}

/// A JSON string that stands for a boolean; the fix replaces it, quotes and all, when it
/// is written byte for byte.
fn string_boolean(ctx: &Context, spec: &ElementSpec, value: &Scalar, lower: &str) -> Diagnostic {
    let text = ctx.source.text.as_str();
    let quoted = Span::new(value.span.start().saturating_sub(1), value.span.end() + 1);
    let finding = Diagnostic::new(
        &RULE,
        value.span,
        format!(
            "`\"{}\"` is a string; `{}` is a boolean, written `{lower}` without quotes",
            value.text, spec.name
        ),
    )
    .with_help(
        ctx.schema
            .provider
            .string_booleans
            .clone()
            .unwrap_or_default(),
    );
    let written =
        value.verbatim && text.get(quoted.range()) == Some(format!("\"{}\"", value.text).as_str());
    if !written {
        return finding;
    }
    finding.with_fix(Fix::safe(
        quoted,
        lower.to_string(),
        format!("write `{lower}`"),
    ))
}
