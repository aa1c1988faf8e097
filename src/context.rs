//! What a check knows beyond the document: the time, the request the document is sent in,
//! the bucket and its region, and the id the request carries. It comes from the HTTP
//! envelope first and from the command line second; the Host forms are the provider's
//! table's data.

use crate::LintOptions;
use crate::diagnostic::Span;
use crate::provider::Schema;
use crate::syntax::http::Request;

/// A value and where it came from: a span in the file, or the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub value: String,
    /// The bytes in the file that said it; `None` for a command-line option.
    pub span: Option<Span>,
}

/// What the run and the envelope tell the checks.
#[derive(Debug, Clone)]
pub struct Environment<'a> {
    pub now: i64,
    pub request: Option<&'a Request>,
    pub region: Option<Known>,
    pub bucket: Option<Known>,
    /// The id the request carries, which the body's `Id` must equal.
    pub expected_id: Option<Known>,
}

impl<'a> Environment<'a> {
    pub fn new(schema: &Schema, request: Option<&'a Request>, options: &LintOptions) -> Self {
        let from_host = request
            .and_then(|r| read_host(schema, r))
            .unwrap_or_default();
        let option = |value: &Option<String>| {
            value.as_ref().map(|value| Known {
                value: value.clone(),
                span: None,
            })
        };
        let expected_id = match request {
            Some(request) => request
                .param(&schema.provider.id_parameter)
                .map(|param| Known {
                    value: param.value.clone().unwrap_or_default(),
                    span: Some(param.value_span),
                }),
            None => option(&options.inventory_id),
        };
        Self {
            now: options.now,
            request,
            region: from_host.region.or_else(|| option(&options.region)),
            bucket: from_host.bucket.or_else(|| option(&options.bucket)),
            expected_id,
        }
    }

    /// Whether the request is of a kind the element may not be sent with (its table's
    /// `not_in_request`): it is then forbidden there, and not required.
    pub fn request_waives(&self, spec: &crate::provider::ElementSpec) -> bool {
        match (&spec.not_in_request, self.request) {
            (Some(condition), Some(request)) => {
                request.method.eq_ignore_ascii_case(&condition.method)
            }
            _ => false,
        }
    }
}

/// The bucket and region a request's Host (and, path-style, its path) names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostFacts {
    pub bucket: Option<Known>,
    pub region: Option<Known>,
}

/// Reads the Host with the provider's Host forms; the first form that matches wins.
pub fn read_host(schema: &Schema, request: &Request) -> Option<HostFacts> {
    let (host, span) = request.host.as_ref()?;
    // Host names are case-insensitive and ASCII, so offsets in the lowercased name are
    // offsets in the header.
    let name = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let (pattern, bucket_from_path) = schema.hosts.iter().find(|(p, _)| p.is_match(&name))?;
    let captures = pattern.captures(&name)?;
    let known = |group: &str| {
        captures.name(group).map(|m| Known {
            value: host[m.range()].to_string(),
            span: Some(Span::new(span.start() + m.start(), span.start() + m.end())),
        })
    };
    let bucket = if *bucket_from_path {
        let (path, path_span) = &request.path;
        let segment = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        (!segment.is_empty()).then(|| {
            let start = path_span.start() + 1;
            Known {
                value: segment.to_string(),
                span: Some(Span::new(
                    start,
                    (start + segment.len()).min(path_span.end()),
                )),
            }
        })
    } else {
        known("bucket")
    };
    Some(HostFacts {
        bucket,
        region: known("region"),
    })
}

/// The provider whose host suffixes end the request's Host, if any, as an index into
/// `provider::summaries()`: telling it loads no table.
pub fn host_provider(request: &Request) -> Option<usize> {
    let (host, _) = request.host.as_ref()?;
    let name = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    crate::provider::summaries().iter().position(|summary| {
        summary
            .host_suffixes
            .iter()
            .any(|suffix| name == *suffix || name.ends_with(&format!(".{suffix}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::by_id;
    use crate::syntax::http::parse_request;

    fn read(provider: &str, target: &str, host: &str) -> (Option<String>, Option<String>) {
        let text = format!("PUT {target} HTTP/1.1\nHost: {host}\n\n<a/>");
        let request = parse_request(&text, 0).unwrap();
        let facts = read_host(by_id(provider).unwrap(), &request).unwrap_or_default();
        (facts.bucket.map(|k| k.value), facts.region.map(|k| k.value))
    }

    fn pair(bucket: Option<&str>, region: Option<&str>) -> (Option<String>, Option<String>) {
        (bucket.map(String::from), region.map(String::from))
    }

    #[test]
    fn every_oss_host_form_gives_its_bucket_and_region() {
        let put = "/?inventory&inventoryId=a";
        assert_eq!(
            read("oss", put, "oss-example.oss-cn-hangzhou.aliyuncs.com"),
            pair(Some("oss-example"), Some("cn-hangzhou"))
        );
        assert_eq!(
            read("oss", put, "b.oss-cn-qingdao-internal.aliyuncs.com"),
            pair(Some("b"), Some("cn-qingdao"))
        );
        assert_eq!(
            read("oss", put, "b.eu-central-1.oss.aliyuncs.com"),
            pair(Some("b"), Some("eu-central-1"))
        );
        assert_eq!(
            read("oss", put, "b.oss-cn-hangzhou.aliyuncs.com:443"),
            pair(Some("b"), Some("cn-hangzhou"))
        );
        assert_eq!(
            read("oss", put, "BucketName.oss.aliyuncs.com"),
            pair(Some("BucketName"), None)
        );
        assert_eq!(
            read("oss", put, "b.oss-accelerate.aliyuncs.com"),
            pair(Some("b"), None)
        );
        assert_eq!(
            read("oss", put, "b.oss-accelerate-overseas.aliyuncs.com"),
            pair(Some("b"), None)
        );
        assert_eq!(
            read("oss", "/b?inventory", "oss-na-south-1.aliyuncs.com"),
            pair(Some("b"), Some("na-south-1"))
        );
    }

    #[test]
    fn obs_and_s3_hosts_give_their_bucket_and_region() {
        assert_eq!(
            read(
                "obs",
                "/?inventory&id=a",
                "b.obs.cn-north-4.myhuaweicloud.com"
            ),
            pair(Some("b"), Some("cn-north-4"))
        );
        assert_eq!(
            read(
                "obs",
                "/?inventory&id=a",
                "b.obs.eu-west-101.myhuaweicloud.eu"
            ),
            pair(Some("b"), Some("eu-west-101"))
        );
        assert_eq!(
            read(
                "s3",
                "/?inventory&id=a",
                "my.bucket.s3.us-west-2.amazonaws.com"
            ),
            pair(Some("my.bucket"), Some("us-west-2"))
        );
        assert_eq!(
            read("s3", "/?inventory&id=a", "b.s3.amazonaws.com"),
            pair(Some("b"), None)
        );
        assert_eq!(
            read("s3", "/b/?inventory&id=a", "s3.eu-west-1.amazonaws.com"),
            pair(Some("b"), Some("eu-west-1"))
        );
        assert_eq!(
            read("s3", "/b?inventory&id=a", "s3.amazonaws.com"),
            pair(Some("b"), None)
        );
    }
}
