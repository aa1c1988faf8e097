//! INV016 ignored-content.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::syntax::tree::Blank;

declare_rule! {
    /// ## What it finds
    ///
    /// Content that the service is believed to ignore, left in a document:
    ///
    /// - text inside `SSE-OSS`, which is an empty element (some SDKs model it as a string
    ///   and send text such as `sse_oss_example`);
    /// - an empty `Encryption` (the ali-oss SDK writes one when no encryption is chosen;
    ///   whether the server accepts it is unconfirmed).
    ///
    /// Warnings: the service probably accepts both, but the document does not say what
    /// its author meant. Which elements these are is data: `text_ignored` and
    /// `empty_warning` in the provider's table.
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
    ///         <SSE-OSS>sse_oss_example</SSE-OSS>
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
        code: "INV016",
        name: "ignored-content",
        severity: Warning,
        summary: "Text in an empty element, or an empty container, that the service ignores",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, bound, spec) in ctx.containers() {
        let spec = ctx.schema.spec(spec);
        if spec.text_ignored.is_none() && spec.empty_warning.is_none() {
            continue;
        }
        let node = bound.node;
        let text = node.value.as_ref().filter(|v| !v.text.is_blank());
        if let (Some(reason), Some(value)) = (&spec.text_ignored, text) {
            out.push(
                Diagnostic::new(
                    &RULE,
                    value.span,
                    format!("the text inside `{}` is ignored", bound.name),
                )
                .with_help(reason.clone())
                .with_node_path(ctx.path(index)),
            );
        }
        if let Some(reason) = &spec.empty_warning
            && node.children.is_empty()
            && text.is_none()
        {
            out.push(
                Diagnostic::new(&RULE, node.head_span, format!("`{}` is empty", bound.name))
                    .with_help(reason.clone())
                    .with_node_path(ctx.path(index)),
            );
        }
    }
}
