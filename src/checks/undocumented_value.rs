//! INV012 undocumented-value.

use super::enum_value::tokens;
use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::provider::{ElementSpec, ValueKind};

declare_rule! {
    /// ## What it finds
    ///
    /// A value or an element that only some sources know, so that whether the service
    /// accepts it is unconfirmed:
    ///
    /// - `Monthly` and `Once` as `Schedule/Frequency`, and the `Schedule/DayOfMonth` and
    ///   `Schedule/AutoDelete` elements: they appear only in the newest SDK
    ///   (alibabacloud-oss-v2 1.4.1), in no API page;
    /// - `DeepColdArchive` in `Filter/StorageClass`: a real storage class, but no source
    ///   lists it for the inventory filter;
    /// - `Key`, `VersionId` and `IsDeleteMarker` as an optional `Field`: the API page
    ///   describes them beside the fields, but they are columns every report has, not
    ///   options, and no SDK offers them.
    ///
    /// Each finding is a warning whose message gives the reason. Which values these are is
    /// data: `undocumented_values` and `undocumented` in the provider's table.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Schedule>
    ///     <Frequency>Monthly</Frequency>
    ///     <DayOfMonth>1</DayOfMonth>
    ///   </Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Schedule": {"Frequency": "Weekly"}, "OptionalFields": {"Field": ["Size", "ETag"]}}
    /// ```
    pub static RULE = {
        code: "INV012",
        name: "undocumented-value",
        severity: Warning,
        summary: "A value or element only some sources know (SDK-only, or not listed by the API)",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, bound, spec) in ctx.nodes_where(|spec| spec.undocumented.is_some()) {
        if let Some(reason) = &spec.undocumented {
            out.push(
                Diagnostic::new(
                    &RULE,
                    bound.node.name_span,
                    format!("`{}` is not in the API reference", spec.name),
                )
                .with_help(reason.clone())
                .with_node_path(ctx.path(index)),
            );
        }
    }
    let has_undocumented =
        |spec: &ElementSpec| spec.kind == ValueKind::Enum && !spec.undocumented_values.is_empty();
    for (index, spec, value) in ctx.text_values_where(has_undocumented) {
        for (token, span) in tokens(spec, value) {
            let Some(reason) = spec.undocumented_value(token) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    span,
                    format!(
                        "`{token}` is not a documented {}; the service may reject it",
                        spec.name
                    ),
                )
                .with_help(reason.clone())
                .with_node_path(ctx.path(index)),
            );
        }
    }
}
