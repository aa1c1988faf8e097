//! INV028 bucket-duplicate-id. A check across files, run by `src/across.rs`.

use super::declare_rule;

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
    /// ```http invalid
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
    /// ```http valid
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
        check: None,
    }
}
