//! INV028 bucket-duplicate-id.
//! A check across files: `across.rs` groups the run's configurations by bucket, and
//! this file checks each group.

use std::collections::BTreeMap;

use super::{RuleKind, declare_rule};
use crate::across::{Finding, Group, related};
use crate::diagnostic::{Diagnostic, Span};

declare_rule! {
    /// ## What it finds
    ///
    /// The same `Id` for one bucket in two files of a run. Every later occurrence is a
    /// finding that names, and labels, every other place. Files are grouped by provider
    /// and bucket; a file's bucket comes from its request's Host or from `--bucket`, never
    /// from its name, so documents without either are not compared.
    ///
    /// ## Why
    ///
    /// An Id names one configuration of a bucket ("globally unique within the current
    /// bucket", PutBucketInventory). Two files with one Id overwrite each other, or the
    /// second Put fails (OSS: InventoryAlreadyExist, 409).
    ///
    /// ## Example
    ///
    /// Invalid: two requests for bucket `photos` with the Id `daily`.
    ///
    /// ```http invalid fragment
    /// === first.http
    /// PUT /?inventory&inventoryId=daily HTTP/1.1
    /// Host: photos.oss-cn-hangzhou.aliyuncs.com
    ///
    /// {"Id": "daily", "Destination": {"OSSBucketDestination": {}}}
    /// === second.http
    /// PUT /?inventory&inventoryId=daily HTTP/1.1
    /// Host: photos.oss-cn-hangzhou.aliyuncs.com
    ///
    /// {"Id": "daily", "Destination": {"OSSBucketDestination": {}}}
    /// ```
    ///
    /// Valid: the same Id for two buckets.
    ///
    /// ```http valid fragment
    /// === first.http
    /// PUT /?inventory&inventoryId=daily HTTP/1.1
    /// Host: photos.oss-cn-hangzhou.aliyuncs.com
    ///
    /// {"Id": "daily", "Destination": {"OSSBucketDestination": {}}}
    /// === second.http
    /// PUT /?inventory&inventoryId=daily HTTP/1.1
    /// Host: videos.oss-cn-hangzhou.aliyuncs.com
    ///
    /// {"Id": "daily", "Destination": {"OSSBucketDestination": {}}}
    /// ```
    pub static RULE = {
        code: "INV028",
        name: "bucket-duplicate-id",
        severity: Error,
        summary: "The same Id for one bucket in two files",
        kind: RuleKind::AcrossFiles(check),
    }
}

/// The same Id for one bucket in two files: each later occurrence is a finding that names
/// every other place. Repeats inside one list document are duplicate-id's.
fn check(group: &Group, out: &mut Vec<Finding>) {
    let (reports, entries, bucket) = (group.reports, &group.entries[..], group.bucket);
    let mut by_id: BTreeMap<&str, Vec<(usize, Span)>> = BTreeMap::new();
    for entry in entries {
        if let Some((id, span)) = &entry.configuration.id {
            by_id.entry(id).or_default().push((entry.file, *span));
        }
    }
    for (id, places) in by_id {
        let files: Vec<usize> = places.iter().map(|(f, _)| *f).collect();
        if files.iter().all(|f| *f == files[0]) {
            continue;
        }
        for (position, &(file, span)) in places.iter().enumerate().skip(1) {
            if places[..position].iter().all(|(f, _)| *f == file) {
                continue;
            }
            let others: Vec<&(usize, Span)> = places
                .iter()
                .enumerate()
                .filter(|(i, (f, _))| *i != position && *f != file)
                .map(|(_, p)| p)
                .collect();
            let mut finding = Diagnostic::new(
                &RULE,
                span,
                format!("the Id `{id}` is used for bucket `{bucket}` in another file too"),
            )
            .with_primary_label("repeated here")
            .with_help("an Id names one configuration of a bucket; a second Put with it replaces the first, or fails");
            finding.related = others
                .iter()
                .map(|(f, s)| related(reports, *f, *s, format!("`{id}` is used here too")))
                .collect();
            out.push((file, finding));
        }
    }
}
