//! INV014 conflicting-elements.

use super::{Context, RuleKind, declare_rule, list_values};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// A container that may hold only one of its elements but holds several: an
    /// `Encryption` with both `SSE-OSS` and `SSE-KMS`. Both are labelled. Which containers
    /// these are is data: `one_of` in the provider's table.
    ///
    /// ## Why
    ///
    /// OSS rejects the document (0020-00000016), and the oss2 SDK refuses it before
    /// sending.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Destination>
    ///     <OSSBucketDestination>
    ///       <Encryption>
    ///         <SSE-OSS/>
    ///         <SSE-KMS><KeyId>key</KeyId></SSE-KMS>
    ///       </Encryption>
    ///     </OSSBucketDestination>
    ///   </Destination>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Destination": {"OSSBucketDestination": {"Encryption": {"SSE-KMS": {"KeyId": "key"}}}}}
    /// ```
    pub static RULE = {
        code: "INV014",
        name: "conflicting-elements",
        severity: Error,
        summary: "Two elements of which only one may be given",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, bound, spec) in ctx.containers() {
        if !ctx.schema.spec(spec).one_of {
            continue;
        }
        let known: Vec<_> = ctx
            .children_of(index)
            .filter(|(_, c)| c.spec.is_some())
            .map(|(_, c)| c.node)
            .collect();
        let Some(first) = known.first() else { continue };
        let choices: Vec<&str> = ctx
            .schema
            .children(spec)
            .iter()
            .map(|c| ctx.schema.spec(*c).name.as_str())
            .collect();
        for other in known.iter().skip(1).filter(|c| c.name != first.name) {
            out.push(
                Diagnostic::new(
                    &RULE,
                    other.head_span,
                    format!(
                        "`{}` may hold only one of {}; found `{}` and `{}`",
                        bound.name,
                        list_values(&choices),
                        first.name,
                        other.name
                    ),
                )
                .with_primary_label("second choice")
                .with_label(first.head_span, "first choice")
                .with_help(format!("keep either `{}` or `{}`", first.name, other.name))
                .with_node_path(ctx.path(index)),
            );
        }
    }
}
