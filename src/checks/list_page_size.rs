//! INV026 list-page-size.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::Diagnostic;
use crate::provider::ElementSpec;

declare_rule! {
    /// ## What it finds
    ///
    /// A list page holding more configurations than the service returns in one page (100
    /// for OSS). The first configuration past the limit is underlined. The limit is data:
    /// `max_occurs_warning` in the provider's table.
    ///
    /// ## Why
    ///
    /// ListBucketInventory returns at most 100 configurations per request; a page with
    /// more was assembled by hand or merged from several pages, and its `IsTruncated` and
    /// continuation token no longer describe it. A warning.
    ///
    /// ## Example
    ///
    /// Invalid: 101 configurations.
    ///
    /// ```json invalid fragment
    /// {"InventoryConfiguration": [{"Id": "1"}, {"Id": "2"}, {"Id": "3"}, {"Id": "4"}, {"Id": "5"}, {"Id": "6"}, {"Id": "7"}, {"Id": "8"}, {"Id": "9"}, {"Id": "10"}, {"Id": "11"}, {"Id": "12"}, {"Id": "13"}, {"Id": "14"}, {"Id": "15"}, {"Id": "16"}, {"Id": "17"}, {"Id": "18"}, {"Id": "19"}, {"Id": "20"}, {"Id": "21"}, {"Id": "22"}, {"Id": "23"}, {"Id": "24"}, {"Id": "25"}, {"Id": "26"}, {"Id": "27"}, {"Id": "28"}, {"Id": "29"}, {"Id": "30"}, {"Id": "31"}, {"Id": "32"}, {"Id": "33"}, {"Id": "34"}, {"Id": "35"}, {"Id": "36"}, {"Id": "37"}, {"Id": "38"}, {"Id": "39"}, {"Id": "40"}, {"Id": "41"}, {"Id": "42"}, {"Id": "43"}, {"Id": "44"}, {"Id": "45"}, {"Id": "46"}, {"Id": "47"}, {"Id": "48"}, {"Id": "49"}, {"Id": "50"}, {"Id": "51"}, {"Id": "52"}, {"Id": "53"}, {"Id": "54"}, {"Id": "55"}, {"Id": "56"}, {"Id": "57"}, {"Id": "58"}, {"Id": "59"}, {"Id": "60"}, {"Id": "61"}, {"Id": "62"}, {"Id": "63"}, {"Id": "64"}, {"Id": "65"}, {"Id": "66"}, {"Id": "67"}, {"Id": "68"}, {"Id": "69"}, {"Id": "70"}, {"Id": "71"}, {"Id": "72"}, {"Id": "73"}, {"Id": "74"}, {"Id": "75"}, {"Id": "76"}, {"Id": "77"}, {"Id": "78"}, {"Id": "79"}, {"Id": "80"}, {"Id": "81"}, {"Id": "82"}, {"Id": "83"}, {"Id": "84"}, {"Id": "85"}, {"Id": "86"}, {"Id": "87"}, {"Id": "88"}, {"Id": "89"}, {"Id": "90"}, {"Id": "91"}, {"Id": "92"}, {"Id": "93"}, {"Id": "94"}, {"Id": "95"}, {"Id": "96"}, {"Id": "97"}, {"Id": "98"}, {"Id": "99"}, {"Id": "100"}, {"Id": "101"}], "IsTruncated": false}
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"InventoryConfiguration": [{"Id": "1"}, {"Id": "2"}], "IsTruncated": false}
    /// ```
    pub static RULE = {
        code: "INV026",
        name: "list-page-size",
        severity: Warning,
        summary: "A list page with more configurations than the service returns at once",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let limited = |child: &ElementSpec| child.max_occurs_warning.is_some();
    for (index, bound, spec) in ctx.containers_with_child(limited) {
        for &child_id in ctx.schema.children(spec) {
            let child = ctx.schema.spec(child_id);
            let Some(limit) = child.max_occurs_warning else {
                continue;
            };
            let count = bound.node.children_named(&child.name).count();
            let Some(first_over) = bound.node.children_named(&child.name).nth(limit) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    first_over.head_span,
                    format!(
                        "`{}` holds {count} `{}` elements; one page holds at most {limit}",
                        bound.name, child.name
                    ),
                )
                .with_primary_label(format!("number {}", limit + 1))
                .with_node_path(ctx.path(index)),
            );
        }
    }
}
