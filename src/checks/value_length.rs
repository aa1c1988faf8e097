//! INV007 value-length.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::provider::ElementSpec;

declare_rule! {
    /// ## What it finds
    ///
    /// A text value longer or shorter than its element allows, counted in characters (not
    /// bytes): for OSS, an `Id` over 192 characters, a `Filter/Prefix` or destination
    /// `Prefix` over 1023. Empty values are left to value-type.
    ///
    /// ## Why
    ///
    /// OSS rejects the document: error 0020-00000038 (Id over 192, a prefix over 1023
    /// characters) and 0020-00000044 (Id empty or too long). OBS documents an Id of at most
    /// 64 characters. For S3 the 64-character limit comes from the service's behaviour
    /// (Terraform's provider, an AWS CDK issue answered by AWS support), not from the API
    /// reference, whose model has a plain string.
    ///
    /// ## Example
    ///
    /// Invalid: the Id is 193 characters long.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Id>daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-report-daily-repor</Id>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid: 192 characters, some of them two bytes long, is within the limit.
    ///
    /// ```json valid fragment
    /// {"Id": "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"}
    /// ```
    pub static RULE = {
        code: "INV007",
        name: "value-length",
        severity: Error,
        summary: "A text value longer or shorter than its element allows",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let bounded = |spec: &ElementSpec| spec.min_length.is_some() || spec.max_length.is_some();
    for (index, spec, value) in ctx.text_values_where(bounded) {
        let length = value.text.chars().count();
        let message = match (spec.min_length, spec.max_length) {
            (_, Some(max)) if length > max => format!(
                "`{}` is {length} characters long; at most {max} are allowed",
                spec.name
            ),
            (Some(min), _) if length < min => format!(
                "`{}` is {length} characters long; at least {min} are required",
                spec.name
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::new(&RULE, value.span, message)
                .with_primary_label(format!("{length} characters"))
                .with_node_path(ctx.path(index)),
        );
    }
}
