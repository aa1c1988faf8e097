//! INV002 required-element.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::provider::SpecId;
use crate::suggest::did_you_mean;
use crate::syntax::tree::Blank;

declare_rule! {
    /// ## What it finds
    ///
    /// A container that lacks an element the provider requires in it, such as an
    /// `InventoryConfiguration` without `Schedule`, or an `OSSBucketDestination` without
    /// `Format`. The start tag (in JSON, the key) of the container is underlined and the
    /// message names the missing element. When a sibling looks like a misspelling of the
    /// missing element, the help says so.
    ///
    /// ## Why
    ///
    /// OSS rejects the document: a missing `Id` is error 0020-00000005, `IsEnabled`
    /// 0020-00000007, `Format` 0020-00000012, `AccountId` 0020-00000013, `RoleArn`
    /// 0020-00000014, `Schedule/Frequency` 0020-00000017.
    ///
    /// ## Example
    ///
    /// Invalid: `Schedule` has no `Frequency`.
    ///
    /// ```xml invalid
    /// <InventoryConfiguration>
    ///   <Id>report1</Id>
    ///   <IsEnabled>true</IsEnabled>
    ///   <Destination>
    ///     <OSSBucketDestination>
    ///       <Format>CSV</Format>
    ///       <AccountId>1000000000000000</AccountId>
    ///       <RoleArn>acs:ram::1000000000000000:role/AliyunOSSRole</RoleArn>
    ///       <Bucket>acs:oss:::destination-bucket</Bucket>
    ///     </OSSBucketDestination>
    ///   </Destination>
    ///   <Schedule></Schedule>
    ///   <IncludedObjectVersions>Current</IncludedObjectVersions>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid
    /// {
    ///   "Id": "report1",
    ///   "IsEnabled": true,
    ///   "Destination": {"OSSBucketDestination": {
    ///     "Format": "CSV",
    ///     "AccountId": "1000000000000000",
    ///     "RoleArn": "acs:ram::1000000000000000:role/AliyunOSSRole",
    ///     "Bucket": "acs:oss:::destination-bucket"
    ///   }},
    ///   "Schedule": {"Frequency": "Weekly"},
    ///   "IncludedObjectVersions": "Current"
    /// }
    /// ```
    pub static RULE = {
        code: "INV002",
        name: "required-element",
        severity: Error,
        summary: "A required element is missing",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // The table elements a container's children are bound to, gathered in one pass over
    // the children and reused for every container, instead of a pass per required child.
    let mut present: Vec<SpecId> = Vec::with_capacity(16);
    // The node itself is read last, only for a container that lacks an element: in a
    // large document each node read is a cache miss, and nearly every container is whole.
    for (index, bound, spec) in ctx.containers_with_child(|child| child.required) {
        let node = bound.node;
        let table_children = ctx.schema.children(spec);
        present.clear();
        for (_, child) in ctx.children_of(index) {
            if let Some(child_spec) = child.spec
                && !present.contains(&child_spec)
            {
                present.push(child_spec);
            }
        }
        for &child_id in table_children {
            let child = ctx.schema.spec(child_id);
            // A child that binds to the table's element is one whose name stands for it
            // (`Schema::names_match`): no two children of one element differ only in case.
            if !child.required || present.contains(&child_id) || ctx.env.request_waives(child) {
                continue;
            }
            // A container written as text is reported by value-type; listing every element
            // it lacks as well would only repeat that.
            if node.value.as_ref().is_some_and(|v| !v.text.is_blank()) {
                break;
            }
            let mut finding = Diagnostic::new(
                &RULE,
                node.head_span,
                format!(
                    "missing required element `{}` in `{}`",
                    child.name, bound.name
                ),
            )
            .with_primary_label(format!("`{}` is required here", child.name))
            .with_node_path(ctx.path(index));
            let unknown = ctx
                .children_of(index)
                .filter(|(_, c)| c.spec.is_none())
                .map(|(_, c)| c.node);
            if let Some(near) = unknown
                .clone()
                .find(|c| did_you_mean(&c.name, [child.name.as_str()]).is_some())
            {
                finding = finding
                    .with_label(
                        near.name_span,
                        format!("this may be `{}` misspelled", child.name),
                    )
                    .with_help(format!("rename `{}` to `{}`", near.name, child.name));
            }
            out.push(finding);
        }
    }
}
