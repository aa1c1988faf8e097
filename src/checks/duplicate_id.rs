//! INV025 duplicate-id.

use std::collections::HashMap;

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Span};

declare_rule! {
    /// ## What it finds
    ///
    /// Two configurations with the same `Id` in one list document. Every repeat is
    /// labelled together with the first.
    ///
    /// ## Why
    ///
    /// An Id is unique within a bucket (PutBucketInventory: "globally unique within the
    /// current bucket"); a second Put with the same Id fails with InventoryAlreadyExist.
    /// A list that holds one twice was not produced by the service.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <ListInventoryConfigurationsResult>
    ///   <InventoryConfiguration><Id>report1</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>report1</Id></InventoryConfiguration>
    ///   <IsTruncated>false</IsTruncated>
    /// </ListInventoryConfigurationsResult>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"InventoryConfiguration": [{"Id": "report1"}, {"Id": "report2"}], "IsTruncated": false}
    /// ```
    pub static RULE = {
        code: "INV025",
        name: "duplicate-id",
        severity: Error,
        summary: "Two configurations in one list with the same Id",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut first_seen: HashMap<&str, Span> = HashMap::new();
    for (index, bound) in ctx.configurations() {
        if bound.parent().is_none() {
            continue;
        }
        let Some(id) = bound.node.child("Id").and_then(|n| n.value.as_ref()) else {
            continue;
        };
        if id.text.is_empty() {
            continue;
        }
        match first_seen.get(id.text.as_ref()) {
            Some(first) => out.push(
                Diagnostic::new(
                    &RULE,
                    id.span,
                    format!("the Id `{}` is used by an earlier configuration", id.text),
                )
                .with_primary_label("repeated here")
                .with_label(*first, "first used here")
                .with_node_path(format!("{}/Id", ctx.path(index))),
            ),
            None => {
                first_seen.insert(&id.text, id.span);
            }
        }
    }
}
