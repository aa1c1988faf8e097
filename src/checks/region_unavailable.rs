//! INV019 region-unavailable.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// An element used in a region where the provider does not offer it. The region comes
    /// from the request's Host (`<bucket>.oss-<region>.aliyuncs.com`) or from `--region`;
    /// with no region known, this rule says nothing. For OSS:
    ///
    /// - the filter options `LastModifyBeginTimeStamp`, `LastModifyEndTimeStamp`,
    ///   `LowerSizeBound`, `UpperSizeBound` and `StorageClass` exist only in cn-qingdao,
    ///   cn-huhehaote and eu-central-1;
    /// - `IncrementalInventory` exists only in na-south-1 (Mexico City), on application.
    ///
    /// The regions are data: `regions` in the provider's table. No OSS error code for
    /// "not supported in this region" was found; the facts come from the PutBucketInventory
    /// page's notes.
    ///
    /// ## Conflict between sources
    ///
    /// The English PutBucketInventory page of February 2026 names three regions for the
    /// filter options. The Japanese page and an older English page add Australia (Sydney,
    /// ap-southeast-2), a region Alibaba's endpoint tables mark as decommissioned. invlint
    /// follows the newest English page: ap-southeast-2 is not among them.
    ///
    /// ## Example
    ///
    /// Invalid: a Hangzhou bucket.
    ///
    /// ```http invalid fragment
    /// PUT /?inventory&inventoryId=report1 HTTP/1.1
    /// Host: examplebucket.oss-cn-hangzhou.aliyuncs.com
    ///
    /// <InventoryConfiguration>
    ///   <Id>report1</Id>
    ///   <Filter>
    ///     <LowerSizeBound>1024</LowerSizeBound>
    ///   </Filter>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid: a Qingdao bucket.
    ///
    /// ```http valid fragment
    /// PUT /?inventory&inventoryId=report1 HTTP/1.1
    /// Host: examplebucket.oss-cn-qingdao.aliyuncs.com
    ///
    /// {"Id": "report1", "Filter": {"LowerSizeBound": 1024}}
    /// ```
    pub static RULE = {
        code: "INV019",
        name: "region-unavailable",
        severity: Error,
        summary: "An element the provider does not offer in the bucket's region",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(region) = &ctx.env.region else {
        return;
    };
    // An unknown region is unknown-region's finding; guessing what it meant would only
    // add noise.
    if !ctx.schema.provider.regions.contains(&region.value) {
        return;
    }
    for (index, bound, spec) in ctx.nodes_where(|spec| !spec.regions.is_empty()) {
        if spec.regions.contains(&region.value) {
            continue;
        }
        let only = super::list_values(&spec.regions).replace(" or ", " and ");
        let origin = if region.span.is_some() {
            "the Host"
        } else {
            "--region"
        };
        let mut finding = Diagnostic::new(
            &RULE,
            bound.node.name_span,
            format!(
                "`{}` is available only in {only}, not in `{}`",
                spec.name, region.value
            ),
        )
        .with_help(format!("the region `{}` comes from {origin}", region.value))
        .with_node_path(ctx.path(index));
        if let Some(span) = region.span {
            finding = finding.with_label(span, "the bucket's region");
        }
        out.push(finding);
    }
}
