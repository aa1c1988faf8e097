//! INV018 future-timestamp.

use super::{Context, Number, RuleKind, declare_rule, parse_integer};
use crate::diagnostic::Diagnostic;
use crate::provider::{ElementSpec, ValueKind};

declare_rule! {
    /// ## What it finds
    ///
    /// A `LastModifyBeginTimeStamp` or `LastModifyEndTimeStamp` that is not in the past:
    /// at or after the moment invlint runs. The message gives the time in UTC. Which
    /// elements are such timestamps is data: `past` in the provider's table.
    ///
    /// ## Why
    ///
    /// OSS rejects a filter timestamp that is not below the current time (0020-00000022).
    /// A warning, not an error: a document written today for a later request may become
    /// valid, and invlint cannot know when it will be sent.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Filter>
    ///     <LastModifyEndTimeStamp>253402271999</LastModifyEndTimeStamp>
    ///   </Filter>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Filter": {"LastModifyEndTimeStamp": 1638347592}}
    /// ```
    pub static RULE = {
        code: "INV018",
        name: "future-timestamp",
        severity: Warning,
        summary: "A filter timestamp that is not in the past",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let past = |spec: &ElementSpec| spec.past && spec.kind != ValueKind::Container;
    for (index, bound, spec) in ctx.nodes_where(past) {
        let Some(value) = bound.node.value.as_ref() else {
            continue;
        };
        // Out-of-range values are value-range's; only the plausible ones are compared.
        let Some(Number::Fits(seconds)) = parse_integer(&value.text) else {
            continue;
        };
        let out_of_range = spec.max.is_some_and(|max| seconds > i128::from(max))
            || spec.min.is_some_and(|min| seconds < i128::from(min));
        if out_of_range || seconds < i128::from(ctx.env.now) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                value.span,
                format!(
                    "`{}` is {} UTC, which is not in the past; {} rejects it",
                    spec.name,
                    utc(seconds),
                    ctx.schema.provider.name
                ),
            )
            .with_help("use a moment before the request will be sent")
            .with_node_path(ctx.path(index)),
        );
    }
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SS` (proleptic Gregorian calendar).
pub fn utc(seconds: i128) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i128::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn the_range_ends_are_midnight_in_china_standard_time() {
        // The API's range is 2010-01-01 00:00 to 9999-12-31 23:59:59 in UTC+8.
        assert_eq!(utc(1_262_275_200), "2009-12-31T16:00:00");
        assert_eq!(utc(253_402_271_999), "9999-12-31T15:59:59");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00");
    }
}
