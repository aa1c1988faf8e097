//! What a check knows beyond the document: the time, the request the document is sent in,
//! the bucket's region and the id the request carries. It comes from the HTTP envelope
//! first and from the command line second.

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
        let host = request
            .and_then(|r| r.host.as_ref())
            .map(|(host, span)| (parse_host(host), *span));
        let from_host = |part: fn(&HostParts) -> Option<(usize, usize)>| {
            host.as_ref().and_then(|(parts, span)| {
                let (start, end) = part(parts)?;
                Some(Known {
                    value: parts.host[start..end].to_string(),
                    span: Some(Span::new(span.start + start, span.start + end)),
                })
            })
        };
        let region = from_host(|p| p.region).or_else(|| {
            options.region.as_ref().map(|value| Known {
                value: value.clone(),
                span: None,
            })
        });
        let bucket = from_host(|p| p.bucket);
        let id_parameter = &schema.provider.id_parameter;
        let expected_id = match request {
            Some(request) => request.param(id_parameter).map(|param| Known {
                value: param.value.clone().unwrap_or_default(),
                span: Some(param.value_span),
            }),
            None => options.inventory_id.as_ref().map(|value| Known {
                value: value.clone(),
                span: None,
            }),
        };
        Self {
            now: options.now,
            request,
            region,
            bucket,
            expected_id,
        }
    }
}

/// An OSS Host split into its parts, as byte ranges of the host text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostParts {
    pub host: String,
    pub bucket: Option<(usize, usize)>,
    pub region: Option<(usize, usize)>,
}

/// Reads the bucket and region from an OSS Host:
/// `<bucket>.oss-<region>.aliyuncs.com`, `<bucket>.oss-<region>-internal.aliyuncs.com`,
/// `<bucket>.<region>.oss.aliyuncs.com` (dual-stack), and the same without a bucket. The
/// legacy `<bucket>.oss.aliyuncs.com` and the acceleration hosts carry no region.
pub fn parse_host(host: &str) -> HostParts {
    let mut parts = HostParts {
        host: host.to_string(),
        bucket: None,
        region: None,
    };
    let name = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let Some(prefix) = name.strip_suffix(".aliyuncs.com") else {
        return parts;
    };
    let labels: Vec<&str> = prefix.split('.').collect();
    // Labels are ASCII, so byte ranges in the lowercased name are ranges in the host.
    let label_range = |index: usize, skip: usize, len: usize| {
        let start = labels[..index].iter().map(|l| l.len() + 1).sum::<usize>() + skip;
        Some((start, start + len))
    };
    match labels.as_slice() {
        [bucket, "oss"] => parts.bucket = label_range(0, 0, bucket.len()),
        [bucket, region, "oss"] => {
            parts.bucket = label_range(0, 0, bucket.len());
            parts.region = label_range(1, 0, region.len());
        }
        [.., endpoint] if endpoint.starts_with("oss-") && labels.len() <= 2 => {
            let last = labels.len() - 1;
            if last == 1 {
                parts.bucket = label_range(0, 0, labels[0].len());
            }
            let rest = &endpoint["oss-".len()..];
            if !rest.starts_with("accelerate") {
                let region = rest.strip_suffix("-internal").unwrap_or(rest);
                parts.region = label_range(last, "oss-".len(), region.len());
            }
        }
        _ => {}
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::parse_host;

    fn read(host: &str) -> (Option<&str>, Option<&str>) {
        let parts = parse_host(host);
        let slice = |r: Option<(usize, usize)>| r.map(|(s, e)| &host[s..e]);
        (slice(parts.bucket), slice(parts.region))
    }

    #[test]
    fn every_oss_host_form_gives_its_bucket_and_region() {
        assert_eq!(
            read("oss-example.oss-cn-hangzhou.aliyuncs.com"),
            (Some("oss-example"), Some("cn-hangzhou"))
        );
        assert_eq!(
            read("b.oss-cn-qingdao-internal.aliyuncs.com"),
            (Some("b"), Some("cn-qingdao"))
        );
        assert_eq!(
            read("b.eu-central-1.oss.aliyuncs.com"),
            (Some("b"), Some("eu-central-1"))
        );
        assert_eq!(
            read("oss-na-south-1.aliyuncs.com"),
            (None, Some("na-south-1"))
        );
        assert_eq!(
            read("b.oss-cn-hangzhou.aliyuncs.com:443"),
            (Some("b"), Some("cn-hangzhou"))
        );
    }

    #[test]
    fn legacy_and_acceleration_hosts_have_no_region() {
        assert_eq!(
            read("BucketName.oss.aliyuncs.com"),
            (Some("BucketName"), None)
        );
        assert_eq!(read("b.oss-accelerate.aliyuncs.com"), (Some("b"), None));
        assert_eq!(
            read("b.oss-accelerate-overseas.aliyuncs.com"),
            (Some("b"), None)
        );
        assert_eq!(read("example.com"), (None, None));
    }
}
