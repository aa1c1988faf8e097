//! INV010 boolean-case.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Fix};
use crate::provider::ValueKind;

declare_rule! {
    /// ## What it finds
    ///
    /// A boolean written with capitals, such as `True` or `FALSE`. The fix is the
    /// lowercase word.
    ///
    /// ## Why
    ///
    /// The API pages allow `true` and `false`. The oss2 Python SDK writes `True` and
    /// `False` (Python's spelling) and its live tests pass, so the server accepts them; but
    /// the same SDK reads back only lowercase, and other tools compare the text. A warning,
    /// not an error.
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
        summary: "A boolean written with capitals (`True`), which only some tools accept",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, spec, value) in ctx.text_values() {
        if spec.kind != ValueKind::Boolean {
            continue;
        }
        let lower = value.text.to_ascii_lowercase();
        if lower == value.text || (lower != "true" && lower != "false") {
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
