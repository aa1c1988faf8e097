//! INV022 destination-bucket.

use super::{Context, declare_rule};
use crate::diagnostic::{Diagnostic, Fix, Span};
use crate::syntax::tree::Scalar;

declare_rule! {
    /// ## What it finds
    ///
    /// A destination `Bucket` that is not `acs:oss:::<bucket-name>` with a valid bucket
    /// name. Two mistakes the SDKs make get messages of their own, with a fix:
    ///
    /// - the double prefix `acs:oss:::acs:oss:::name` (oss2, the Java SDK and ali-oss add
    ///   the prefix themselves, so a caller who adds it too sends it twice);
    /// - a bare bucket name without `acs:oss:::` (alibabacloud-oss-v2 sends the value as
    ///   given).
    ///
    /// The name follows OSS's bucket naming rules: 3 to 63 characters of lowercase
    /// letters, digits and hyphens, starting and ending with a letter or a digit. The
    /// prefix is data: `bucket_arn_prefix` in the provider's table.
    ///
    /// ## Why
    ///
    /// OSS rejects the document: a value of the wrong form is 0020-00000030, a name of the
    /// wrong length 0020-00000031, an invalid name 0020-00000032.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid
    /// <InventoryConfiguration>
    ///   <Destination>
    ///     <OSSBucketDestination>
    ///       <Bucket>acs:oss:::acs:oss:::destination-bucket</Bucket>
    ///     </OSSBucketDestination>
    ///   </Destination>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid
    /// {"Destination": {"OSSBucketDestination": {"Bucket": "acs:oss:::destination-bucket"}}}
    /// ```
    pub static RULE = {
        code: "INV022",
        name: "destination-bucket",
        severity: Error,
        summary: "A destination Bucket that is not a prefixed, valid bucket name",
        check: Some(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, spec, value) in ctx.text_values() {
        let Some(prefix) = spec.bucket_arn_prefix.as_deref() else {
            continue;
        };
        if let Some(finding) = problem(prefix, value) {
            out.push(finding.with_node_path(ctx.path(index)));
        }
    }
}

fn problem(prefix: &str, value: &Scalar) -> Option<Diagnostic> {
    let text = value.text.as_str();
    let replace = |replacement: String, description: &str| Fix {
        span: value.span,
        replacement,
        description: description.to_string(),
    };
    let Some(name) = text.strip_prefix(prefix) else {
        if name_problem(text).is_none() {
            return Some(
                Diagnostic::new(
                    &RULE,
                    value.span,
                    format!("`{text}` is a bare bucket name; OSS expects `{prefix}{text}`"),
                )
                .with_help(format!("write the bucket as `{prefix}<bucket-name>`"))
                .with_fix(replace(format!("{prefix}{text}"), "add the prefix")),
            );
        }
        return Some(
            Diagnostic::new(
                &RULE,
                value.span,
                format!("`{text}` is not of the form `{prefix}<bucket-name>`"),
            )
            .with_help("OSS rejects a Bucket of another form (0020-00000030)"),
        );
    };
    if let Some(rest) = name.strip_prefix(prefix) {
        return Some(
            Diagnostic::new(
                &RULE,
                value.span,
                format!("`{text}` carries the prefix `{prefix}` twice"),
            )
            .with_help(
                "SDKs that add the prefix themselves send it twice when the caller adds it too",
            )
            .with_fix(replace(
                format!("{prefix}{rest}"),
                "remove the repeated prefix",
            )),
        );
    }
    let (message, code) = name_problem(name)?;
    // The name starts right after the prefix when the value is written byte for byte.
    let span = if value.verbatim {
        Span::new(value.span.start + prefix.len(), value.span.end)
    } else {
        value.span
    };
    Some(
        Diagnostic::new(&RULE, span, format!("`{name}` is not a valid bucket name: {message}"))
            .with_help(format!(
                "bucket names have 3 to 63 lowercase letters, digits and hyphens, and start and end with a letter or digit ({code})"
            )),
    )
}

/// What is wrong with a bucket name under OSS's naming rules, and the error code for it.
fn name_problem(name: &str) -> Option<(String, &'static str)> {
    let length = name.chars().count();
    if !(3..=63).contains(&length) {
        return Some((format!("it has {length} characters"), "0020-00000031"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        let what = if c.is_ascii_uppercase() {
            "an uppercase letter".to_string()
        } else if c == ' ' {
            "a space".to_string()
        } else {
            format!("`{c}`")
        };
        return Some((format!("it contains {what}"), "0020-00000032"));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some((
            "it starts or ends with a hyphen".to_string(),
            "0020-00000032",
        ));
    }
    None
}
