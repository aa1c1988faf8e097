//! INV035 region-conflict.

use super::{Context, RuleKind, declare_rule, list_values};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// A configuration that uses region-limited elements whose regions have none in
    /// common, so that no bucket anywhere can accept it. Which regions offer an element is
    /// its `regions` in the provider's table. No region needs to be known: the document
    /// contradicts itself. The first element of each kind is labelled, and the finding
    /// points at the first element that leaves no region.
    ///
    /// ## Why
    ///
    /// For OSS, the `Filter` options (`LastModifyBeginTimeStamp`, `LowerSizeBound`,
    /// `StorageClass` and the rest) are offered only in cn-qingdao, cn-huhehaote and
    /// eu-central-1, and `IncrementalInventory` only in na-south-1 ([S-PUT]). A body with
    /// both is rejected wherever it is sent. The Alibaba Cloud Java SDK v2's own test
    /// builds such a body. When a region is known, region-unavailable reports each element
    /// the region lacks as well.
    ///
    /// ## Example
    ///
    /// Invalid: a size filter and an incremental inventory.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <IsEnabled>true</IsEnabled>
    ///   <Filter>
    ///     <LowerSizeBound>1024</LowerSizeBound>
    ///   </Filter>
    ///   <IncrementalInventory>
    ///     <IsEnabled>true</IsEnabled>
    ///     <Schedule><Frequency>600</Frequency></Schedule>
    ///   </IncrementalInventory>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid: filter options that one region offers together.
    ///
    /// ```json valid fragment
    /// {"Filter": {"LowerSizeBound": "1024", "StorageClass": "Standard"}}
    /// ```
    pub static RULE = {
        code: "INV035",
        name: "region-conflict",
        severity: Error,
        summary: "Region-limited elements that no one region offers together",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (configuration, _) in ctx.configurations() {
        // The region-limited elements inside this configuration, in document order: the
        // nodes are bound in document order, so its descendants are the nodes right after
        // it (scanning them all, per configuration, was quadratic in a long list).
        let limited = ctx.descendants(configuration).filter_map(|index| {
            let bound = &ctx.nodes[index];
            let spec = ctx.schema.spec(bound.spec?);
            (!spec.regions.is_empty()).then_some((index, bound, spec))
        });
        let mut common: Option<Vec<&String>> = None;
        let mut first: Option<(usize, &str, &[String])> = None;
        for (index, bound, spec) in limited {
            let regions: Vec<&String> = match &common {
                None => spec.regions.iter().collect(),
                Some(common) => common
                    .iter()
                    .copied()
                    .filter(|r| spec.regions.contains(r))
                    .collect(),
            };
            if regions.is_empty() {
                let (earlier, earlier_name, earlier_regions) =
                    first.expect("an earlier element set the regions");
                let only = |regions: &[String]| list_values(regions).replace(" or ", " and ");
                out.push(
                    Diagnostic::new(
                        &RULE,
                        bound.node.name_span,
                        format!(
                            "`{}` is available only in {}, and `{earlier_name}` only in {}: no region offers both",
                            spec.name,
                            only(&spec.regions),
                            only(earlier_regions)
                        ),
                    )
                    .with_primary_label(format!("`{}`", spec.name))
                    .with_label(ctx.nodes[earlier].node.name_span, format!("`{earlier_name}`"))
                    .with_help("a bucket is in one region; keep the elements one region offers")
                    .with_node_path(ctx.path(index)),
                );
                break;
            }
            if first.is_none() {
                first = Some((index, spec.name.as_str(), spec.regions.as_slice()));
            }
            common = Some(regions);
        }
    }
}
