//! INV011 range-order.

use super::{Context, Number, RuleKind, declare_rule, parse_integer};
use crate::diagnostic::Diagnostic;
use crate::syntax::tree::Node;

declare_rule! {
    /// ## What it finds
    ///
    /// The two ends of a range given the wrong way round: for OSS, a
    /// `LastModifyBeginTimeStamp` later than the `LastModifyEndTimeStamp`, or a
    /// `LowerSizeBound` greater than the `UpperSizeBound`. Both values are labelled. Equal
    /// ends are allowed. Which pairs are ranges is data: the `[[order]]` entries of the
    /// provider's table.
    ///
    /// ## Why
    ///
    /// OSS rejects the document: error 0020-00000022 for the timestamps, 0020-00000025 for
    /// the size bounds. The error-code pages only show a lower bound above the upper one
    /// being rejected, so equal bounds are taken to be allowed.
    ///
    /// ## Example
    ///
    /// Invalid: the page's own sample of error 0020-00000025.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Filter>
    ///     <LowerSizeBound>1024</LowerSizeBound>
    ///     <UpperSizeBound>123</UpperSizeBound>
    ///   </Filter>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Filter": {"LastModifyBeginTimeStamp": 1637883649, "LastModifyEndTimeStamp": "1638347592"}}
    /// ```
    pub static RULE = {
        code: "INV011",
        name: "range-order",
        severity: Error,
        summary: "The lower end of a range is above its upper end",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.schema.orders.is_empty() {
        return;
    }
    for (index, bound, spec) in ctx.containers() {
        let content = ctx.schema.content(spec);
        for order in ctx.schema.orders.iter().filter(|o| o.container == content) {
            let (Some((lower, low)), Some((upper, high))) = (
                integer_child(bound.node, &order.lower),
                integer_child(bound.node, &order.upper),
            ) else {
                continue;
            };
            if low <= high {
                continue;
            }
            let (Some(lower_value), Some(upper_value)) = (&lower.value, &upper.value) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    lower_value.span,
                    format!(
                        "`{}` ({low}) is greater than `{}` ({high})",
                        order.lower, order.upper
                    ),
                )
                .with_primary_label(format!("{} is here", order.lower))
                .with_label(upper_value.span, format!("{} is here", order.upper))
                .with_help(format!(
                    "swap the two values, or make `{}` the smaller",
                    order.lower
                ))
                .with_node_path(format!("{}/{}", ctx.path(index), order.lower)),
            );
        }
    }
}

/// The first child with this name and its value, if the value is an integer that fits.
/// Values that are not integers, or beyond any bound, are other rules' findings.
fn integer_child<'a>(node: &'a Node, name: &str) -> Option<(&'a Node, i128)> {
    let child = node.child(name)?;
    match parse_integer(child.text()?)? {
        Number::Fits(n) => Some((child, n)),
        Number::Huge { .. } => None,
    }
}
