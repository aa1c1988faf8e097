//! INV008 value-range.

use super::{Context, Number, RuleKind, declare_rule, parse_integer};
use crate::diagnostic::Diagnostic;
use crate::provider::{ElementSpec, ValueKind};

declare_rule! {
    /// ## What it finds
    ///
    /// An integer outside the range its element allows: for OSS, a
    /// `LastModifyBeginTimeStamp` or `LastModifyEndTimeStamp` outside
    /// [1262275200, 253402271999] (in seconds: 2010-01-01 00:00 to 9999-12-31 23:59:59 in China
    /// Standard Time, UTC+8; in UTC the range starts at 2009-12-31 16:00), a
    /// `LowerSizeBound` below 0 or an `UpperSizeBound` below 1, and either size bound
    /// above 48.8 TB, and an incremental inventory `Frequency` other than 600 (seconds, the
    /// only period OSS supports: "Custom frequency settings are not supported"). A number
    /// too large for any integer type is reported the same way,
    /// never overflowed. Values that are not integers at all are left to value-type.
    ///
    /// ## Why
    ///
    /// OSS rejects out-of-range timestamps (0020-00000023) and size bounds
    /// (0020-00000025; doc 480865).
    ///
    /// The size limit: the PutBucketInventory page says "0 B to 48.8 TB". invlint takes
    /// 48.8 TB as 53,687,091,200,000 bytes: 10,000 parts of 5 GiB, the largest object OSS
    /// can hold, which is 48.83 TiB. The error-code pages (0020-00000025, doc 480865) name
    /// 54,975,581,388,800 bytes (50 TiB) as the server's own limit, so a bound between the
    /// two may be accepted by the server, but no object can be that large: the filter
    /// would mean nothing.
    ///
    /// ## Example
    ///
    /// Invalid: the timestamp is from 2009, before the earliest allowed.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Filter>
    ///     <LastModifyBeginTimeStamp>1234567890</LastModifyBeginTimeStamp>
    ///   </Filter>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Filter": {"LastModifyBeginTimeStamp": 1637883649, "UpperSizeBound": "53687091200000"}}
    /// ```
    pub static RULE = {
        code: "INV008",
        name: "value-range",
        severity: Error,
        summary: "An integer outside the range its element allows",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let bounded = |spec: &ElementSpec| {
        spec.kind == ValueKind::Integer && (spec.min.is_some() || spec.max.is_some())
    };
    for (index, bound, spec) in ctx.nodes_where(bounded) {
        let Some(value) = bound.node.value.as_ref() else {
            continue;
        };
        let Some(number) = parse_integer(&value.text) else {
            continue;
        };
        let name = &spec.name;
        let message = match (spec.min, spec.max, number) {
            (Some(min), Some(max), Number::Fits(n)) if min == max && n != i128::from(min) => {
                format!("`{name}` must be {min}, found {n}")
            }
            (Some(min), Some(max), Number::Huge { .. }) if min == max => {
                format!("`{name}` must be {min}, found `{}`", value.text)
            }
            (_, Some(max), Number::Huge { negative: false }) => {
                format!(
                    "`{}` is too large for `{name}`; at most {max} is allowed",
                    value.text
                )
            }
            (Some(min), _, Number::Huge { negative: true }) => {
                format!(
                    "`{}` is too small for `{name}`; at least {min} is required",
                    value.text
                )
            }
            (_, Some(max), Number::Fits(n)) if n > i128::from(max) => {
                format!("`{name}` is {n}, above the largest allowed value, {max}")
            }
            (Some(min), _, Number::Fits(n)) if n < i128::from(min) => {
                format!("`{name}` is {n}, below the smallest allowed value, {min}")
            }
            _ => continue,
        };
        let range = match (spec.min, spec.max) {
            (Some(min), Some(max)) if min == max => format!("the only allowed value is {min}"),
            (Some(min), Some(max)) => format!("allowed: {min} to {max}"),
            (Some(min), None) => format!("allowed: {min} or more"),
            (None, Some(max)) => format!("allowed: up to {max}"),
            (None, None) => unreachable!("checked above"),
        };
        out.push(
            Diagnostic::new(&RULE, value.span, message)
                .with_primary_label(range)
                .with_node_path(ctx.path(index)),
        );
    }
}
