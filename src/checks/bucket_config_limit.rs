//! INV029 bucket-config-limit.
//! A check across files: `across.rs` groups the run's configurations by bucket, and
//! this file checks each group.

use super::{RuleKind, declare_rule};
use crate::across::{Finding, Group, related};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it finds
    ///
    /// More configurations for one bucket, over all the files of a run, than the provider
    /// allows: 1,000 for OSS and S3, 10 for OBS. The first configuration over the limit is
    /// underlined and the files are named. The limits are data: `max_configurations` in
    /// each provider's table. Files are grouped by provider and bucket, as for
    /// bucket-duplicate-id.
    ///
    /// ## Why
    ///
    /// The service refuses the configuration over the limit: OSS InventoryExceedLimit, S3
    /// TooManyConfigurations, OBS InventoryCountOverLimit (all 400).
    ///
    /// ## Example
    ///
    /// Invalid: eleven OBS configurations for one bucket, one of them in a second file.
    ///
    /// ```http invalid obs fragment
    /// === list.http
    /// GET /?inventory HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <ListInventoryConfiguration>
    ///   <InventoryConfiguration><Id>r1</Id><Filter><Prefix>r1/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r2</Id><Filter><Prefix>r2/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r3</Id><Filter><Prefix>r3/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r4</Id><Filter><Prefix>r4/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r5</Id><Filter><Prefix>r5/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r6</Id><Filter><Prefix>r6/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r7</Id><Filter><Prefix>r7/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r8</Id><Filter><Prefix>r8/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r9</Id><Filter><Prefix>r9/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r10</Id><Filter><Prefix>r10/</Prefix></Filter></InventoryConfiguration>
    /// </ListInventoryConfiguration>
    /// === new.http
    /// PUT /?inventory&id=r11 HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>r11</Id><Filter><Prefix>r11/</Prefix></Filter></InventoryConfiguration>
    /// ```
    ///
    /// Valid: ten.
    ///
    /// ```http valid obs fragment
    /// === list.http
    /// GET /?inventory HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <ListInventoryConfiguration>
    ///   <InventoryConfiguration><Id>r1</Id><Filter><Prefix>r1/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r2</Id><Filter><Prefix>r2/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r3</Id><Filter><Prefix>r3/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r4</Id><Filter><Prefix>r4/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r5</Id><Filter><Prefix>r5/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r6</Id><Filter><Prefix>r6/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r7</Id><Filter><Prefix>r7/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r8</Id><Filter><Prefix>r8/</Prefix></Filter></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r9</Id><Filter><Prefix>r9/</Prefix></Filter></InventoryConfiguration>
    /// </ListInventoryConfiguration>
    /// === new.http
    /// PUT /?inventory&id=r10 HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>r10</Id><Filter><Prefix>r10/</Prefix></Filter></InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV029",
        name: "bucket-config-limit",
        severity: Error,
        summary: "More configurations for one bucket than the provider allows",
        kind: RuleKind::AcrossFiles(check),
    }
}

/// More configurations for one bucket than the provider allows.
fn check(group: &Group, out: &mut Vec<Finding>) {
    let (reports, entries, bucket) = (group.reports, &group.entries[..], group.bucket);
    let schema = group.schema;
    let limit = schema.provider.max_configurations;
    let Some(first_over) = entries.get(limit) else {
        return;
    };
    let mut files: Vec<usize> = entries.iter().map(|e| e.file).collect();
    files.dedup();
    let shown = 20;
    let mut names: Vec<String> = files
        .iter()
        .take(shown)
        .map(|f| reports[*f].source.name.clone())
        .collect();
    if files.len() > shown {
        names.push(format!("and {} more files", files.len() - shown));
    }
    let mut finding = Diagnostic::new(
        &RULE,
        first_over.configuration.head,
        format!(
            "bucket `{bucket}` has {} configurations in this run; {} allows at most {limit}",
            entries.len(),
            schema.provider.name
        ),
    )
    .with_primary_label(format!("configuration number {}", limit + 1))
    .with_help(format!(
        "{}; the configurations are in {}",
        schema.provider.max_configurations_source,
        names.join(", ")
    ));
    finding.related = files
        .iter()
        .filter(|f| **f != first_over.file)
        .take(shown)
        .map(|f| {
            let head = entries
                .iter()
                .find(|e| e.file == *f)
                .expect("from entries")
                .configuration
                .head;
            related(reports, *f, head, "a configuration of this bucket")
        })
        .collect();
    out.push((first_over.file, finding));
}
