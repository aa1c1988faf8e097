//! INV037 element-case.

use super::unknown_element::rename;
use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Safety};

declare_rule! {
    /// ## What it finds
    ///
    /// An element (in JSON, a member) whose name differs from the documented one only in
    /// case, for a provider whose service reads names without regard to case: `AccountID`
    /// for `AccountId`. The element is checked as the one it names; the fix writes the
    /// documented name. For every other provider such a name is an unknown element
    /// (INV003). Which providers these are is data: `names_ignore_case` in the provider's
    /// table, with its source.
    ///
    /// ## Why
    ///
    /// Volcengine TOS's Go SDK sends `AccountID` where the documentation and the Python
    /// SDK write `AccountId`, and both SDKs' live tests pass, so the service takes either
    /// on input; it answers with the documented case, and tools that read the
    /// configuration back compare names exactly. A warning, not an error.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```json invalid tos fragment
    /// {"Destination": {"TOSBucketDestination": {"AccountID": "2000000000000000"}}}
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid tos fragment
    /// {"Destination": {"TOSBucketDestination": {"AccountId": "2000000000000000"}}}
    /// ```
    pub static RULE = {
        code: "INV037",
        name: "element-case",
        severity: Warning,
        summary: "An element name in another case than the documented one, which the service reads all the same",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.schema.provider.names_ignore_case.is_none() {
        return;
    }
    for (index, bound) in ctx.nodes.iter().enumerate() {
        let Some(spec) = bound.spec.map(|s| ctx.schema.spec(s)) else {
            continue;
        };
        // A JSON document's unnamed top-level object takes its root's name.
        if bound.name == spec.name || bound.node.name.is_empty() {
            continue;
        }
        let mut finding = Diagnostic::new(
            &RULE,
            bound.node.name_span,
            format!("`{}` is documented as `{}`", bound.name, spec.name),
        )
        .with_help(
            ctx.schema
                .provider
                .names_ignore_case
                .clone()
                .unwrap_or_default(),
        )
        .with_node_path(ctx.path(index));
        if let Some(fix) = rename(
            ctx.source.text.as_str(),
            bound.node,
            &spec.name,
            Safety::Safe,
        ) {
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}
