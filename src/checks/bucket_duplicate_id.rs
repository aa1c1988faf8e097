//! INV028 bucket-duplicate-id.
//! A check across files: `across.rs` groups the run's configurations by bucket, and
//! this file checks each group.

use std::collections::{BTreeMap, HashMap};

use super::{RuleKind, declare_rule};
use crate::across::{Finding, Group, MAX_NAMED, related};
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

/// The same Id for one bucket in two files: each later occurrence in another file is a
/// finding that names the first few other places ([`MAX_NAMED`]) and counts the rest, so
/// a file of thousands of configurations gives thousands of findings, not millions of
/// names. Repeats inside one list document are duplicate-id's.
fn check(group: &Group, out: &mut Vec<Finding>) {
    let (reports, entries, bucket) = (group.reports, &group.entries[..], group.bucket);
    let mut by_id: BTreeMap<&str, Vec<(usize, Span)>> = BTreeMap::new();
    for entry in entries {
        if let Some((id, span)) = &entry.configuration.id {
            by_id.entry(id).or_default().push((entry.file, *span));
        }
    }
    for (id, places) in by_id {
        let mut per_file: HashMap<usize, usize> = HashMap::new();
        for (file, _) in &places {
            *per_file.entry(*file).or_default() += 1;
        }
        if per_file.len() < 2 {
            continue;
        }
        // The first places of each of the first few files: among them are the first
        // places outside any one file.
        let mut firsts: Vec<(usize, usize, Span)> = Vec::new();
        let mut files_seen: Vec<usize> = Vec::new();
        for (index, &(file, span)) in places.iter().enumerate() {
            if !files_seen.contains(&file) {
                if files_seen.len() > MAX_NAMED {
                    break;
                }
                files_seen.push(file);
            }
            if firsts.iter().filter(|(_, f, _)| *f == file).count() < MAX_NAMED {
                firsts.push((index, file, span));
            }
        }
        let first_file = places[0].0;
        let mut another_file_seen = false;
        for (position, &(file, span)) in places.iter().enumerate() {
            // A place is reported when a place in another file came before it.
            let reported = position > 0 && (another_file_seen || file != first_file);
            another_file_seen |= file != first_file;
            if !reported {
                continue;
            }
            let others = places.len() - per_file[&file];
            let named: Vec<&(usize, usize, Span)> = firsts
                .iter()
                .filter(|(_, f, _)| *f != file)
                .take(MAX_NAMED)
                .collect();
            let message = if others > named.len() {
                format!(
                    "the Id `{id}` is used for bucket `{bucket}` in other files too ({others} other places; the first {} are named)",
                    named.len()
                )
            } else {
                format!("the Id `{id}` is used for bucket `{bucket}` in another file too")
            };
            let mut finding = Diagnostic::new(&RULE, span, message)
                .with_primary_label("repeated here")
                .with_help("an Id names one configuration of a bucket; a second Put with it replaces the first, or fails");
            finding.related = named
                .iter()
                .map(|(_, f, s)| related(reports, *f, *s, format!("`{id}` is used here too")))
                .collect();
            out.push((file, finding));
        }
    }
}
