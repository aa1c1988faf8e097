//! INV009 value-pattern.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// A text value that does not have the form its element requires, as the provider's
    /// table describes it with a pattern and words: for OSS, an `AccountId` that is not all
    /// digits, a RoleArn that is not `acs:ram::<account-id>:role/<role-name>`; for OBS and
    /// S3, an `Id` with characters other than letters, digits, `.`, `_` and `-`; for S3, an
    /// `AccountId` that is not 12 digits. The message describes the form in words, never as
    /// a regular expression.
    ///
    /// The S3 Id characters come from the service's behaviour (the console's answer quoted
    /// in cfn-lint issue #1550: other characters give MalformedXML), not from the API
    /// reference.
    ///
    /// ## Why
    ///
    /// OSS answers an AccountId that is not the granted account with 0020-00000028; one
    /// that is not even a number can never be it. Samples in the documentation use
    /// placeholders such as `12xxxxxx29` that are easy to commit by mistake.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Destination>
    ///     <OSSBucketDestination>
    ///       <AccountId>12xxxxxx29</AccountId>
    ///     </OSSBucketDestination>
    ///   </Destination>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Destination": {"OSSBucketDestination": {"AccountId": "1000000000000000"}}}
    /// ```
    pub static RULE = {
        code: "INV009",
        name: "value-pattern",
        severity: Error,
        summary: "A text value that does not have the form its element requires",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, spec, value) in ctx.text_values_where(|spec| spec.pattern.is_some()) {
        let (Some(pattern), Some(description)) = (&spec.pattern, &spec.pattern_description) else {
            continue;
        };
        if pattern.is_match(&value.text) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                value.span,
                format!(
                    "`{}` must be {description}, found `{}`",
                    spec.name, value.text
                ),
            )
            .with_node_path(ctx.path(index)),
        );
    }
}
