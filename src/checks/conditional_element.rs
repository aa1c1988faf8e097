//! INV017 conditional-element.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// An element that depends on a sibling's value:
    ///
    /// - one that may appear only when a sibling has a value: `Schedule/DayOfMonth` only
    ///   with `Frequency` `Monthly`, `Schedule/AutoDelete` only with `Frequency` `Once`
    ///   (as the newest SDK documents them);
    /// - one that must appear when a sibling has a value: a list page with `IsTruncated`
    ///   `true` needs a `NextContinuationToken`, or the next page cannot be asked for.
    ///
    /// Which elements these are is data: `requires` and `required_when` in the provider's
    /// table.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment also=INV012
    /// <InventoryConfiguration>
    ///   <Schedule>
    ///     <Frequency>Weekly</Frequency>
    ///     <DayOfMonth>1</DayOfMonth>
    ///   </Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid
    /// {"ListInventoryConfigurationsResult": {"IsTruncated": true, "NextContinuationToken": "abc"}}
    /// ```
    pub static RULE = {
        code: "INV017",
        name: "conditional-element",
        severity: Error,
        summary: "An element given without the sibling value it needs, or missing when a sibling needs it",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, bound, spec) in ctx.containers() {
        let node = bound.node;
        let sibling_text = |name: &str| node.child(name).and_then(|c| c.value.as_ref());
        for &child_id in ctx.schema.children(spec) {
            let child = ctx.schema.spec(child_id);
            let present = node.child(&child.name);
            if let (Some(condition), Some(element)) = (&child.requires, present) {
                let sibling = sibling_text(&condition.element);
                if sibling.is_none_or(|v| v.text != condition.value) {
                    let found = match sibling {
                        Some(v) => format!("it is `{}`", v.text),
                        None => "it is not given".to_string(),
                    };
                    let mut finding = Diagnostic::new(
                        &RULE,
                        element.name_span,
                        format!(
                            "`{}` needs `{}` to be `{}`, but {found}",
                            child.name, condition.element, condition.value
                        ),
                    )
                    .with_help(condition.reason.clone())
                    .with_node_path(format!(
                        "{}/{}",
                        ctx.path(index),
                        child.name
                    ));
                    if let Some(v) = sibling {
                        finding =
                            finding.with_label(v.span, format!("`{}` is here", condition.element));
                    }
                    out.push(finding);
                }
            }
            if let (Some(condition), None) = (&child.required_when, present)
                && let Some(v) = sibling_text(&condition.element)
                && v.text.eq_ignore_ascii_case(&condition.value)
            {
                out.push(
                    Diagnostic::new(
                        &RULE,
                        v.span,
                        format!(
                            "`{}` is `{}` but `{}` is missing from `{}`",
                            condition.element, v.text, child.name, bound.name
                        ),
                    )
                    .with_help(condition.reason.clone())
                    .with_node_path(ctx.path(index)),
                );
            }
        }
    }
}
