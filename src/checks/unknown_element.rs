//! INV003 unknown-element.

use super::{Context, RuleKind, declare_rule, list_values};
use crate::diagnostic::{Diagnostic, Edit, Fix, Safety};
use crate::suggest::did_you_mean;
use crate::syntax::tree::Node;

declare_rule! {
    /// ## What it finds
    ///
    /// An element (in JSON, a member) that the provider's table does not allow where it
    /// stands, and a document whose root is not an inventory document. A root that is
    /// nearly one of the provider's roots (misspelt, or named as another provider names it:
    /// OBS's list root is `ListInventoryConfiguration`, not OSS's and S3's
    /// `ListInventoryConfigurationsResult`) is reported with "did you mean", and what it
    /// holds is checked as if it were that root. The name is
    /// underlined; the help suggests the closest allowed name ("did you mean
    /// `Frequency`?") or lists the allowed ones. Elements inside an unknown element are not
    /// reported again.
    ///
    /// ## Why
    ///
    /// Inventory documents are closed: a misspelled element is either rejected by the
    /// service, or silently ignored so that the setting it meant to make is lost.
    ///
    /// ## Example
    ///
    /// Invalid: `Frequncy` is a misspelling of `Frequency`.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Schedule>
    ///     <Frequncy>Daily</Frequncy>
    ///   </Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"InventoryConfiguration": {"Schedule": {"Frequency": "Daily"}}}
    /// ```
    pub static RULE = {
        code: "INV003",
        name: "unknown-element",
        severity: Error,
        summary: "An element the provider does not allow in this place",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // A root bound as the root it nearly is (see `Context::new`).
    if let Some(root) = ctx.nodes.first()
        && let Some(spec) = root.spec
        && ctx.schema.spec(spec).name != root.name
    {
        let near = &ctx.schema.spec(spec).name;
        out.push(
            Diagnostic::new(
                &RULE,
                root.node.name_span,
                format!(
                    "`{}` is not a root element of this provider's documents",
                    root.name
                ),
            )
            .with_help(format!(
                "did you mean `{near}`? what it holds was checked as if it were `{near}`"
            ))
            .with_node_path(ctx.path(0)),
        );
    }
    for (index, bound) in ctx.nodes.iter().enumerate() {
        if bound.spec.is_some() {
            continue;
        }
        let node = bound.node;
        let (message, allowed): (String, Vec<&str>) = match bound.parent() {
            None => (
                format!("`{}` is not an inventory document", bound.name),
                ctx.schema.root_names().collect(),
            ),
            Some(parent) => {
                let parent_spec = ctx.nodes[parent]
                    .spec
                    .expect("only children of known containers are bound");
                let allowed = ctx
                    .schema
                    .children(parent_spec)
                    .iter()
                    .map(|c| ctx.schema.spec(*c).name.as_str())
                    .collect();
                (
                    format!(
                        "unknown element `{}` in `{}`",
                        bound.name, ctx.nodes[parent].name
                    ),
                    allowed,
                )
            }
        };
        let near = did_you_mean(bound.name, allowed.iter().copied());
        let help = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None if allowed.is_empty() => "this element takes no children".to_string(),
            None => format!("expected {}", list_values(&allowed)),
        };
        let mut finding = Diagnostic::new(&RULE, node.name_span, message)
            .with_help(help)
            .with_node_path(ctx.path(index));
        if let Some(fix) =
            near.and_then(|near| rename(ctx.source.text.as_str(), node, near, Safety::Unsafe))
        {
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}

/// Renames a node: the name in the start tag and, when the element has one, in its end tag
/// (`</Frequncy>`, or `</ns:Frequncy>`), or the JSON key. A did-you-mean is a guess, which
/// only `--unsafe-fixes` applies. `None` when the name is not written byte for byte where
/// the spans say (an escaped JSON key).
pub(super) fn rename(text: &str, node: &Node, near: &str, safety: Safety) -> Option<Fix> {
    let name = text.get(node.name_span.range())?;
    if name != node.name {
        return None;
    }
    let mut edits = vec![Edit {
        span: node.name_span,
        replacement: near.to_string(),
    }];
    let is_xml = text[..node.name_span.start()].ends_with('<')
        || text[..node.name_span.start()].ends_with(':');
    let whole = text.get(node.span.range())?;
    if is_xml && !whole.ends_with("/>") && whole.ends_with('>') {
        let end_name = node.span.end() - 1 - name.len();
        let before = &text[..end_name];
        if text.get(end_name..node.span.end() - 1) == Some(name)
            && (before.ends_with("</") || before.ends_with(':'))
            && end_name > node.name_span.end()
        {
            edits.push(Edit {
                span: crate::diagnostic::Span::new(end_name, node.span.end() - 1),
                replacement: near.to_string(),
            });
        }
    }
    Some(Fix {
        edits,
        description: format!("rename it `{near}`"),
        safety,
    })
}
