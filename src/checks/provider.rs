//! INV027 provider. Its findings come from provider detection, before the checks run.

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// A document whose provider cannot be told, and a document that mixes providers.
    ///
    /// invlint checks each document against one provider's table. It takes the provider
    /// from `--provider` if given, else from the request's Host (`aliyuncs.com`,
    /// `myhuaweicloud.com` or `myhuaweicloud.eu`, `amazonaws.com`), else from the
    /// document's shape: `OSSBucketDestination` is Alibaba Cloud OSS's; `Destination`
    /// holding `Format` directly, the root `ListInventoryConfiguration` and the namespace
    /// `http://obs.<region>.myhuaweicloud.com/doc/2015-06-30/` are Huawei Cloud OBS's;
    /// `S3BucketDestination`, the namespace `http://s3.amazonaws.com/doc/2006-03-01/` and
    /// the AWS CLI's member names (`SSES3`, `InventoryConfigurationList`) are Amazon S3's.
    /// The JSON output names the provider chosen and why.
    ///
    /// - A document with none of these gets one finding that says what was seen and what
    ///   each provider's documents have.
    /// - A document with evidence for two providers (an `OSSBucketDestination` under the S3
    ///   namespace, an `S3BucketDestination` in a request to an OBS Host) gets an error that
    ///   names both.
    ///
    /// Either way the document is not checked further: against the wrong table every
    /// other finding would be noise.
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
