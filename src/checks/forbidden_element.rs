//! INV015 forbidden-element.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::provider::ElementSpec;

declare_rule! {
    /// ## What it finds
    ///
    /// An element the provider names only to reject it where it stands: a `KeyId` under
    /// `SSE-OSS` (it belongs under `SSE-KMS`). The message gives the reason. Which elements
    /// these are is data: `forbidden` in the provider's table.
    ///
    /// ## Why
    ///
    /// OSS rejects the document (0020-00000035).
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
    ///         <SSE-OSS><KeyId>key</KeyId></SSE-OSS>
    ///       </Encryption>
    ///     </OSSBucketDestination>
    ///   </Destination>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Destination": {"OSSBucketDestination": {"Encryption": {"SSE-OSS": {}}}}}
    /// ```
    pub static RULE = {
        code: "INV015",
        name: "forbidden-element",
        severity: Error,
        summary: "An element the provider rejects in this place",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let restricted = |spec: &ElementSpec| spec.forbidden.is_some() || spec.not_in_request.is_some();
    for (index, bound, spec) in ctx.nodes_where(restricted) {
        let parent = ctx.parent_name(index).unwrap_or_default();
        if let Some(reason) = &spec.forbidden {
            out.push(
                Diagnostic::new(
                    &RULE,
                    bound.node.name_span,
                    format!("`{}` is not allowed in `{parent}`", bound.name),
                )
                .with_help(reason.clone())
                .with_node_path(ctx.path(index)),
            );
        }
        if let Some(condition) = &spec.not_in_request
            && ctx.env.request_waives(spec)
        {
            let mut finding = Diagnostic::new(
                &RULE,
                bound.node.name_span,
                format!(
                    "`{}` is not allowed in a {} request",
                    bound.name, condition.method
                ),
            )
            .with_help(condition.reason.clone())
            .with_node_path(ctx.path(index));
            if let Some(request) = ctx.env.request {
                finding = finding.with_label(request.request_line, "the request");
            }
            out.push(finding);
        }
    }
}
