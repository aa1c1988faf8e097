//! INV004 duplicate-element.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Span};
use crate::provider::SpecId;
use crate::syntax::tree::Node;

declare_rule! {
    /// ## What it finds
    ///
    /// An element that may appear once but appears again in the same container, such as
    /// two `Id` elements, or a JSON object with the same key twice. Both the first
    /// occurrence and the repeat are labelled; each further repeat is its own finding.
    ///
    /// ## Why
    ///
    /// Which of the two values the service keeps is not documented, and JSON parsers
    /// disagree (most keep the last). Either way one of the two settings is lost.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```json invalid fragment
    /// {"Id": "report1", "Id": "report2"}
    /// ```
    ///
    /// Valid: `Field` may repeat.
    ///
    /// ```xml valid fragment
    /// <InventoryConfiguration>
    ///   <Id>report1</Id>
    ///   <OptionalFields>
    ///     <Field>Size</Field>
    ///     <Field>ETag</Field>
    ///   </OptionalFields>
    /// </InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV004",
        name: "duplicate-element",
        severity: Error,
        summary: "An element that may appear once appears more than once",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // Containers have a handful of children, of at most as many names as the table
    // gives them: a list beats a hash map here, and one list serves every container.
    let mut first_seen: Vec<(SpecId, &Node)> = Vec::with_capacity(16);
    for (index, bound, _) in ctx.containers() {
        first_seen.clear();
        for (_, bound_child) in ctx.children_of(index) {
            let Some(child_spec) = bound_child.spec else {
                continue;
            };
            if ctx.schema.spec(child_spec).repeated {
                continue;
            }
            let child = bound_child.node;
            // The same name means the same table element: the integer is compared first,
            // and the names only where it matches.
            let Some(&(_, first)) = first_seen
                .iter()
                .find(|(spec, n)| *spec == child_spec && n.name == child.name)
            else {
                first_seen.push((child_spec, child));
                continue;
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    occurrence_span(child),
                    format!(
                        "`{}` appears more than once in `{}`",
                        child.name, bound.name
                    ),
                )
                .with_primary_label("repeated here")
                .with_label(occurrence_span(first), "first given here")
                .with_help(format!("keep one `{}`", child.name))
                .with_node_path(format!("{}/{}", ctx.path(index), child.name)),
            );
        }
    }
}

/// What to underline for one occurrence: its start tag or key, or, for an element of a
/// JSON array (whose key all its siblings share), the element itself.
fn occurrence_span(node: &Node) -> Span {
    if node.span.start() <= node.head_span.start() && node.head_span.end() <= node.span.end() {
        node.head_span
    } else {
        node.span
    }
}
