//! INV017 conditional-element.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::provider::{ElementSpec, Schema};
use crate::syntax::tree::Node;

declare_rule! {
    /// ## What it finds
    ///
    /// An element that depends on a sibling's value:
    ///
    /// - one that may appear only when a sibling has a value: `Schedule/DayOfMonth` only
    ///   with `Frequency` `Monthly`, `Schedule/AutoDelete` only with `Frequency` `Once`
    ///   (as the newest SDK documents them);
    /// - one that must appear when a sibling has a value: a list page with `IsTruncated`
    ///   `true` needs a `NextContinuationToken`, or the next page cannot be asked for;
    /// - one that needs a value elsewhere in its configuration: a COS filter on object tags
    ///   (`Filter/And/Tag`) needs the `Tag` field among the `OptionalFields`.
    ///
    /// Which elements these are is data: `requires`, `required_when` and `requires_value`
    /// in the provider's table.
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
    configuration_values(ctx, out);
    let conditioned =
        |child: &ElementSpec| child.requires.is_some() || child.required_when.is_some();
    for (index, bound, spec) in ctx.containers_with_child(conditioned) {
        let node = bound.node;
        let sibling_text = |name: &str| node.child(name).and_then(|c| c.value.as_ref());
        for &child_id in ctx.schema.children(spec) {
            let child = ctx.schema.spec(child_id);
            // Most elements have no condition: their presence is not looked up at all.
            if child.requires.is_none() && child.required_when.is_none() {
                continue;
            }
            let present = node.child(&child.name);
            if let (Some(condition), Some(element)) = (&child.requires, present) {
                let sibling = sibling_text(&condition.element);
                if sibling.is_none_or(|v| *v.text != *condition.value) {
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

/// Elements that need a value elsewhere in their configuration (`requires_value`): one
/// finding per configuration and condition, at the first element that needs it.
fn configuration_values(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut reported: Vec<(usize, &str)> = Vec::new();
    for (index, bound, spec) in ctx.nodes_where(|spec| spec.requires_value.is_some()) {
        let Some(condition) = &spec.requires_value else {
            continue;
        };
        let Some(configuration) = configuration_of(ctx, index) else {
            continue;
        };
        if reported.contains(&(configuration, condition.path.as_str())) {
            continue;
        }
        let steps: Vec<&str> = condition.path.split('/').collect();
        let node = ctx.nodes[configuration].node;
        if has_value(ctx.schema, node, &steps, &condition.value) {
            continue;
        }
        reported.push((configuration, condition.path.as_str()));
        out.push(
            Diagnostic::new(
                &RULE,
                bound.node.name_span,
                format!(
                    "`{}` needs `{}` to include `{}`, and it does not",
                    bound.name, condition.path, condition.value
                ),
            )
            .with_help(condition.reason.clone())
            .with_node_path(ctx.path(index)),
        );
    }
}

/// The bound configuration a node belongs to.
fn configuration_of(ctx: &Context, index: usize) -> Option<usize> {
    let configuration = ctx.schema.root_named("InventoryConfiguration")?;
    let mut at = Some(index);
    while let Some(i) = at {
        if ctx.nodes[i]
            .spec
            .is_some_and(|s| ctx.schema.content(s) == configuration)
        {
            return Some(i);
        }
        at = ctx.nodes[i].parent();
    }
    None
}

/// Whether some node at the path below `node` has the value.
fn has_value(schema: &Schema, node: &Node, steps: &[&str], value: &str) -> bool {
    match steps {
        [] => node.value.as_ref().is_some_and(|v| &*v.text == value),
        [first, rest @ ..] => node
            .children
            .iter()
            .filter(|c| schema.names_match(&c.name, first))
            .any(|c| has_value(schema, c, rest, value)),
    }
}
