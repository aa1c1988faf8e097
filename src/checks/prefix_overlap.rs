//! INV030 prefix-overlap.
//! A check across files: `across.rs` groups the run's configurations by bucket, and
//! this file checks each group.

use super::{RuleKind, declare_rule};
use crate::across::{Finding, Group, related};
use crate::diagnostic::{Diagnostic, Span};

declare_rule! {
    /// ## What it finds
    ///
    /// Two configurations of one bucket whose prefix filters overlap, for a provider that
    /// forbids it (OBS): one prefix is a prefix of the other (`ab` beside `a` or `abc`), or
    /// one configuration has no prefix and so covers the whole bucket. Both filters are
    /// labelled, in whichever files they are. Which providers, and which element is the
    /// prefix, is data: `prefix_overlap` in the provider's table.
    ///
    /// ## Why
    ///
    /// OBS rejects the second configuration with PrefixExistInclusionRelationship (400).
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```http invalid obs fragment
    /// === logs.http
    /// PUT /?inventory&id=logs HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>logs</Id><Filter><Prefix>logs/</Prefix></Filter></InventoryConfiguration>
    /// === app-logs.http
    /// PUT /?inventory&id=app-logs HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>app-logs</Id><Filter><Prefix>logs/app/</Prefix></Filter></InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```http valid obs fragment
    /// === logs.http
    /// PUT /?inventory&id=logs HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>logs</Id><Filter><Prefix>logs/</Prefix></Filter></InventoryConfiguration>
    /// === images.http
    /// PUT /?inventory&id=images HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>images</Id><Filter><Prefix>images/</Prefix></Filter></InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV030",
        name: "prefix-overlap",
        severity: Error,
        summary: "Prefix filters of one bucket that overlap, where the provider forbids it",
        kind: RuleKind::AcrossFiles(check),
    }
}

/// Prefix filters of one bucket where one contains the other; a configuration without a
/// prefix covers the whole bucket and overlaps every other.
fn check(group: &Group, out: &mut Vec<Finding>) {
    let Some(overlap) = &group.schema.provider.prefix_overlap else {
        return;
    };
    let reason = overlap.reason.as_str();
    let (reports, entries, bucket) = (group.reports, &group.entries[..], group.bucket);
    for (later_index, later) in entries.iter().enumerate() {
        for earlier in &entries[..later_index] {
            let (a, b) = (&earlier.configuration.prefix, &later.configuration.prefix);
            let overlap = match (a, b) {
                (Some((x, _)), Some((y, _))) => {
                    x.starts_with(y.as_str()) || y.starts_with(x.as_str())
                }
                _ => true,
            };
            if !overlap {
                continue;
            }
            let describe = |p: &Option<(String, Span)>| match p {
                Some((text, _)) => format!("the prefix `{text}`"),
                None => "no prefix (the whole bucket)".to_string(),
            };
            let span_of =
                |p: &Option<(String, Span)>, head: Span| p.as_ref().map_or(head, |(_, s)| *s);
            let later_span = span_of(b, later.configuration.head);
            let earlier_span = span_of(a, earlier.configuration.head);
            let mut finding = Diagnostic::new(
                &RULE,
                later_span,
                format!(
                    "{} overlaps {} of another configuration of bucket `{bucket}`",
                    describe(b),
                    describe(a)
                ),
            )
            .with_help(reason.to_string());
            if earlier.file == later.file {
                finding = finding.with_label(earlier_span, "the other configuration's filter");
            } else {
                finding.related = vec![related(
                    reports,
                    earlier.file,
                    earlier_span,
                    "the other configuration's filter",
                )];
            }
            out.push((later.file, finding));
        }
    }
}
