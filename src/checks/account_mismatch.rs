//! INV023 account-mismatch.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Span};

declare_rule! {
    /// ## What it finds
    ///
    /// A destination whose `AccountId` differs from the account id inside its `RoleArn`
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
    /// ```xml invalid
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
    /// ```json valid
    /// {"Destination": {"OSSBucketDestination": {"AccountId": "1287905056319499", "RoleArn": "acs:ram::1287905056319499:role/AliyunOSSRole"}}}
    /// ```
    pub static RULE = {
        code: "INV023",
        name: "account-mismatch",
        severity: Warning,
        summary: "The AccountId differs from the account in the RoleArn",
        kind: RuleKind::Document(check),
    }
}

const ARN_PREFIX: &str = "acs:ram::";

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, bound, _) in ctx.containers() {
        let node = bound.node;
        let (Some(account), Some(role)) = (
            node.child("AccountId").and_then(|n| n.value.as_ref()),
            node.child("RoleArn").and_then(|n| n.value.as_ref()),
        ) else {
            continue;
        };
        // Malformed ARNs and account ids are value-pattern's findings.
        let Some((uid, _)) = role
            .text
            .strip_prefix(ARN_PREFIX)
            .and_then(|r| r.split_once(':'))
        else {
            continue;
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(uid) || !digits(&account.text) || uid == account.text {
            continue;
        }
        let uid_span = if role.verbatim {
            let start = role.span.start + ARN_PREFIX.len();
            Span::new(start, start + uid.len())
        } else {
            role.span
        };
        out.push(
            Diagnostic::new(
                &RULE,
                account.span,
                format!(
                    "`AccountId` is `{}`, but the RoleArn belongs to account `{uid}`",
                    account.text
                ),
            )
            .with_primary_label("AccountId")
            .with_label(uid_span, "the role's account")
            .with_help("the AccountId must be the account granted by the bucket owner, which owns the role (0020-00000028)")
            .with_node_path(format!("{}/AccountId", ctx.path(index))),
        );
    }
}
