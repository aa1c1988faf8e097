//! INV029 bucket-config-limit. A check across files, run by `src/across.rs`.

use super::declare_rule;

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
    /// ```http invalid obs
    /// === list.http
    /// GET /?inventory HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <ListInventoryConfiguration>
    ///   <InventoryConfiguration><Id>r1</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r2</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r3</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r4</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r5</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r6</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r7</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r8</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r9</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r10</Id></InventoryConfiguration>
    /// </ListInventoryConfiguration>
    /// === new.http
    /// PUT /?inventory&id=r11 HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>r11</Id></InventoryConfiguration>
    /// ```
    ///
    /// Valid: ten.
    ///
    /// ```http valid obs
    /// === list.http
    /// GET /?inventory HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <ListInventoryConfiguration>
    ///   <InventoryConfiguration><Id>r1</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r2</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r3</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r4</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r5</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r6</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r7</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r8</Id></InventoryConfiguration>
    ///   <InventoryConfiguration><Id>r9</Id></InventoryConfiguration>
    /// </ListInventoryConfiguration>
    /// === new.http
    /// PUT /?inventory&id=r10 HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>r10</Id></InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV029",
        name: "bucket-config-limit",
        severity: Error,
        summary: "More configurations for one bucket than the provider allows",
        check: None,
    }
}
