//! INV024 incremental-override.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// A configuration whose `IsEnabled` is `false` while its
    /// `IncrementalInventory/IsEnabled` is `true`.
    ///
    /// ## Why
    ///
    /// The incremental inventory runs anyway: "If set to true, incremental inventories are
    /// enabled, even if InventoryConfiguration/IsEnabled is false" (PutBucketInventory).
    /// Someone who disabled the configuration to stop all reports gets reports still. An
    /// info note, since it may be meant.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <IsEnabled>false</IsEnabled>
    ///   <IncrementalInventory>
    ///     <IsEnabled>true</IsEnabled>
    ///     <Schedule><Frequency>600</Frequency></Schedule>
    ///   </IncrementalInventory>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"IsEnabled": false, "IncrementalInventory": {"IsEnabled": false, "Schedule": {"Frequency": 600}}}
    /// ```
    pub static RULE = {
        code: "INV024",
        name: "incremental-override",
        severity: Info,
        summary: "An enabled incremental inventory under a disabled configuration, which still runs",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let flag = |node: &crate::syntax::tree::Node| {
        node.child("IsEnabled")
            .and_then(|n| n.value.as_ref())
            .map(|v| (v.text.to_ascii_lowercase(), v.span))
    };
    for (index, bound) in ctx.configurations() {
        let Some(incremental) = bound.node.child("IncrementalInventory") else {
            continue;
        };
        let (Some((root, root_span)), Some((inner, inner_span))) =
            (flag(bound.node), flag(incremental))
        else {
            continue;
        };
        if root != "false" || inner != "true" {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                inner_span,
                "the incremental inventory is enabled while the configuration is disabled; it still runs",
            )
            .with_primary_label("incremental inventory enabled")
            .with_label(root_span, "configuration disabled")
            .with_help("set IncrementalInventory/IsEnabled to false too if no reports should be made")
            .with_node_path(format!("{}/IncrementalInventory/IsEnabled", ctx.path(index))),
        );
    }
}
