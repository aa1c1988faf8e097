//! INV020 unknown-region.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it finds
    ///
    /// A region id, from the request's Host or from `--region`, that the provider does not
    /// have, with "did you mean" when one is close. The region list is data (`regions` in
    /// the provider's table, from spec §1.5); it is known to be incomplete, so this is a
    /// warning.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```http invalid fragment
    /// PUT /?inventory&inventoryId=report1 HTTP/1.1
    /// Host: examplebucket.oss-cn-hangzou.aliyuncs.com
    ///
    /// <InventoryConfiguration><Id>report1</Id></InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```http valid fragment
    /// PUT /?inventory&inventoryId=report1 HTTP/1.1
    /// Host: examplebucket.oss-cn-hangzhou.aliyuncs.com
    ///
    /// <InventoryConfiguration><Id>report1</Id></InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV020",
        name: "unknown-region",
        severity: Warning,
        summary: "A region id the provider does not have",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(region) = &ctx.env.region else {
        return;
    };
    let regions = &ctx.schema.provider.regions;
    if regions.is_empty() || regions.contains(&region.value) {
        return;
    }
    // A region from --region has no bytes in the file; the finding then points at the
    // document's root.
    let span = region.span.unwrap_or_else(|| {
        ctx.nodes
            .first()
            .map_or_else(Default::default, |b| b.node.head_span)
    });
    let origin = if region.span.is_some() {
        ""
    } else {
        " (from --region)"
    };
    let finding = Diagnostic::new(
        &RULE,
        span,
        format!(
            "`{}`{origin} is not a known {} region",
            region.value, ctx.schema.provider.name
        ),
    );
    out.push(
        match did_you_mean(&region.value, regions.iter().map(String::as_str)) {
            Some(near) => finding.with_help(format!("did you mean `{near}`?")),
            None => {
                finding.with_help("region-limited elements are not checked for an unknown region")
            }
        },
    );
}
