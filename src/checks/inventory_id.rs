//! INV021 inventory-id.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// A body whose `Id` differs from the id its request carries, and a Put request that
    /// carries none. The id comes from the request's query (`inventoryId` for OSS, `id` for
    /// OBS and S3, as the provider's table says; percent-decoded; `?inventory&inventoryId=x` and `?inventory=&inventoryId=x` both
    /// work), or, for a bare body, from `--inventory-id`. Both values are labelled.
    ///
    /// ## Why
    ///
    /// OSS rejects a Put whose query id differs from the body's `Id` (0020-00000043), and
    /// the API page calls the query parameter required.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```http invalid fragment
    /// PUT /?inventory&inventoryId=report2 HTTP/1.1
    /// Host: examplebucket.oss-cn-hangzhou.aliyuncs.com
    ///
    /// <InventoryConfiguration>
    ///   <Id>report1</Id>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid: the query value is percent-encoded.
    ///
    /// ```http valid fragment
    /// PUT /?inventory=&inventoryId=daily%20report HTTP/1.1
    /// Host: examplebucket.oss-cn-hangzhou.aliyuncs.com
    ///
    /// {"Id": "daily report"}
    /// ```
    pub static RULE = {
        code: "INV021",
        name: "inventory-id",
        severity: Error,
        summary: "The body's Id differs from the request's id, or a Put request has no id",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let parameter = &ctx.schema.provider.id_parameter;
    if let Some(request) = ctx.env.request
        && ctx.schema.id_required_for(&request.method)
        && request.param(parameter).is_none()
    {
        let method = match request.method.as_str() {
            "PUT" => "Put".to_string(),
            other => other.to_string(),
        };
        out.push(
            Diagnostic::new(
                &RULE,
                request.request_line,
                format!("the {method} request has no `{parameter}` in its query"),
            )
            .with_help(format!(
                "add `&{parameter}=<Id>` to the request target; its value must equal the body's Id"
            )),
        );
    }
    let Some(expected) = &ctx.env.expected_id else {
        return;
    };
    // Only a single configuration is sent with an id; a list answers a request without one.
    let Some((index, root)) = ctx.configurations().find(|(_, b)| b.parent().is_none()) else {
        return;
    };
    let Some(id) = root.node.child("Id").and_then(|n| n.value.as_ref()) else {
        return;
    };
    if *id.text == *expected.value {
        return;
    }
    let origin = match expected.span {
        Some(_) => format!("the request's `{parameter}`"),
        None => "--inventory-id".to_string(),
    };
    let mut finding = Diagnostic::new(
        &RULE,
        id.span,
        format!(
            "`Id` is `{}`, but {origin} is `{}`",
            id.text, expected.value
        ),
    )
    .with_primary_label("the body's Id")
    .with_help(ctx.schema.provider.id_parameter_source.clone())
    .with_node_path(format!("{}/Id", ctx.path(index)));
    if let Some(span) = expected.span {
        finding = finding.with_label(span, format!("the request's {parameter}"));
    }
    out.push(finding);
}
