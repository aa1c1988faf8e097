//! INV030 prefix-overlap. A check across files, run by `src/across.rs`.

use super::declare_rule;

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
    /// ```http invalid obs
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
    /// ```http valid obs
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
        check: None,
    }
}
