//! INV023 account-mismatch.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Span};

declare_rule! {
    /// ## What it finds
    ///
    /// An account id that differs from the account inside the ARN beside it. Which two
    /// elements, and where the ARN names its account, is the provider's table's
    /// `account_match`; for OSS, a destination's `AccountId` and its `RoleArn`
    /// (`acs:ram::<account-id>:role/<name>`). Both are labelled.
    ///
    /// ## Why
    ///
    /// OSS requires the AccountId to be the account the bucket owner granted
    /// (0020-00000028), which is the account that owns the role; every official sample
    /// has the two equal. The ossutil 1.x help text shows them different, which is how the
    /// mistake spreads. A warning: invlint cannot see the grants.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Destination>
    ///     <OSSBucketDestination>
    ///       <AccountId>123456789012</AccountId>
    ///       <RoleArn>acs:ram::1287905056319499:role/AliyunOSSRole</RoleArn>
    ///     </OSSBucketDestination>
    ///   </Destination>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Destination": {"OSSBucketDestination": {"AccountId": "1287905056319499", "RoleArn": "acs:ram::1287905056319499:role/AliyunOSSRole"}}}
    /// ```
    pub static RULE = {
        code: "INV023",
        name: "account-mismatch",
        severity: Warning,
        summary: "An account id differs from the account its sibling ARN names",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(matched), Some(arn_account)) =
        (&ctx.schema.provider.account_match, &ctx.schema.arn_account)
    else {
        return;
    };
    // The group found by its number, and its bounds in one reused list: asking a match
    // for its group by name, and making a new list per match, cost as much as matching.
    let Some(group) = arn_account
        .capture_names()
        .position(|name| name == Some("account"))
    else {
        return;
    };
    let mut locations = arn_account.capture_locations();
    for (index, _, _) in ctx.containers_with_child(|child| child.name == matched.account) {
        // The first child of each name, found among the bound children by the name each
        // entry carries: the nodes themselves are read only for a container that has both.
        let first_named = |name: &str| {
            ctx.children_of(index)
                .find(|(_, child)| child.name == name)
                .map(|(_, child)| child.node)
        };
        let (Some(account), Some(arn)) = (
            first_named(&matched.account).and_then(|n| n.value.as_ref()),
            first_named(&matched.arn).and_then(|n| n.value.as_ref()),
        ) else {
            continue;
        };
        // Malformed ARNs and account ids are value-pattern's findings: an account that is
        // not all digits is passed over before the ARN is matched at all.
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(&account.text) {
            continue;
        }
        if arn_account
            .captures_read(&mut locations, &arn.text)
            .is_none()
        {
            continue;
        }
        let Some((owner_start, owner_end)) = locations.get(group) else {
            continue;
        };
        let owner = &arn.text[owner_start..owner_end];
        if owner == &*account.text {
            continue;
        }
        let owner_span = if arn.verbatim {
            Span::new(arn.span.start() + owner_start, arn.span.start() + owner_end)
        } else {
            arn.span
        };
        out.push(
            Diagnostic::new(
                &RULE,
                account.span,
                format!(
                    "`{}` is `{}`, but the {} belongs to account `{}`",
                    matched.account, account.text, matched.arn, owner
                ),
            )
            .with_primary_label(matched.account.clone())
            .with_label(owner_span, "the role's account")
            .with_help(matched.source.clone())
            .with_node_path(format!("{}/{}", ctx.path(index), matched.account)),
        );
    }
}
