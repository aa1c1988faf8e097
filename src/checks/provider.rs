//! INV027 provider. Its findings come from provider detection, before the checks run.

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// A document whose provider cannot be told, a document that mixes providers, and a
    /// document in a syntax its provider does not take.
    ///
    /// invlint checks each document against one provider's table. It takes the provider
    /// from `--provider` or `provider` in invlint.toml if given, else from the request's
    /// Host (each table's `host_suffixes`, such as `aliyuncs.com` or `myqcloud.com`), else
    /// from the document's shape: marker elements (`OSSBucketDestination` is Alibaba Cloud
    /// OSS's, `COSBucketDestination` Tencent Cloud COS's, `TOSBucketDestination` Volcengine
    /// TOS's, `S3BucketDestination` Amazon S3's; a `Destination` holding `Format` directly
    /// is Huawei Cloud OBS's), list roots (OBS's `ListInventoryConfiguration`, COS's
    /// `ListInventoryConfigurationResult`), namespaces and the AWS CLI's member names
    /// (`SSES3`, `InventoryConfigurationList`). The JSON output names the provider chosen
    /// and why; `docs/providers.md` lists every table's evidence.
    ///
    /// A variant of a table (CoreWeave and Wasabi take the AWS document) has its base's
    /// shape, so a document is never taken for a variant by its shape: only by the
    /// variant's Host or by name. Under a variant's Host, the base's shape is no conflict.
    ///
    /// The marker elements are found at any depth: under a root, a list, a JSON wrapper or
    /// a JSON list in a wrapper alike.
    ///
    /// - A document with none of these gets a finding that says what was seen and what
    ///   each provider's documents have. It is still checked against every table, and
    ///   what all of them find (a missing `Id` is wrong whichever provider the document is
    ///   for) is reported too; a help or fix that only one provider's table would give is
    ///   left out.
    /// - A document with evidence for two providers (an `OSSBucketDestination` under the S3
    ///   namespace, an `S3BucketDestination` in a request to an OBS Host) gets an error that
    ///   names both, and is not checked further: against the wrong table every other
    ///   finding would be noise.
    /// - A document in a syntax its provider does not take (an XML body for TOS, whose
    ///   inventory API is JSON only: `body_formats` in its table) gets an error, and is
    ///   checked against the table all the same, since its elements are the same in either
    ///   syntax.
    ///
    /// ## Example
    ///
    /// Invalid: the S3 namespace around an OSS destination.
    ///
    /// ```xml invalid detect
    /// <InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
    ///   <Destination>
    ///     <OSSBucketDestination/>
    ///   </Destination>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid: an OBS destination.
    ///
    /// ```xml valid detect
    /// <InventoryConfiguration>
    ///   <Id>report1</Id>
    ///   <IsEnabled>true</IsEnabled>
    ///   <Destination>
    ///     <Format>CSV</Format>
    ///     <Bucket>destbucket</Bucket>
    ///   </Destination>
    ///   <Schedule><Frequency>Daily</Frequency></Schedule>
    ///   <IncludedObjectVersions>Current</IncludedObjectVersions>
    /// </InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV027",
        name: "provider",
        severity: Error,
        summary: "The document's provider cannot be told, or the document mixes providers",
        kind: RuleKind::Detection,
    }
}
