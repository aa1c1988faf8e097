//! INV022 destination-bucket.

use super::{Context, RuleKind, declare_rule};
use crate::diagnostic::{Diagnostic, Fix, Safety, Span};
use crate::provider::{BucketForm, ElementSpec, Schema};
use crate::syntax::tree::Scalar;
use regex::Regex;

declare_rule! {
    /// ## What it finds
    ///
    /// A destination `Bucket` that is not what the provider expects: `acs:oss:::<name>`
    /// for OSS, `arn:aws:s3:::<name>` for S3, a plain name for OBS; each with a valid bucket
    /// name under the provider's naming rules. For OBS, an ARN gets its own message, with
    /// the plain name as the fix. Two mistakes the OSS SDKs make get messages of their own,
    /// with a fix:
    ///
    /// - the double prefix `acs:oss:::acs:oss:::name` (oss2, the Java SDK and ali-oss add
    ///   the prefix themselves, so a caller who adds it too sends it twice);
    /// - a bare bucket name without `acs:oss:::` (alibabacloud-oss-v2 sends the value as
    ///   given).
    ///
    /// OSS bucket names have 3 to 63 characters of lowercase letters, digits and hyphens,
    /// starting and ending with a letter or a digit; OBS and S3 also allow periods, but not
    /// `..` (nor, for OBS, `.-` and `-.`) or a name shaped like an IP address. The prefix and
    /// the naming rules are data: `bucket_arn_prefix` and `[provider.bucket_names]` in the
    /// provider's table.
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
    /// ```xml invalid fragment
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
    /// ```json valid fragment
    /// {"Destination": {"OSSBucketDestination": {"Bucket": "acs:oss:::destination-bucket"}}}
    /// ```
    pub static RULE = {
        code: "INV022",
        name: "destination-bucket",
        severity: Error,
        summary: "A destination Bucket that is not a prefixed, valid bucket name",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let schema = ctx.schema;
    let named_bucket =
        |spec: &ElementSpec| spec.bucket_form.is_some() || spec.bucket_arn_prefix.is_some();
    for (index, spec, value) in ctx.text_values_where(named_bucket) {
        let finding =
            if let (Some(form), Some(regex)) = (&spec.bucket_form, &spec.bucket_form_regex) {
                formed_problem(schema, form, regex, &spec.source, value)
            } else {
                let Some(prefix) = spec.bucket_arn_prefix.as_deref() else {
                    continue;
                };
                if prefix.is_empty() {
                    plain_problem(schema, value)
                } else {
                    prefixed_problem(schema, prefix, &spec.source, value)
                }
            };
        if let Some(finding) = finding {
            out.push(finding.with_node_path(ctx.path(index)));
        }
    }
}

/// The value's whole text replaced: certain when a part is only dropped, a guess when a
/// prefix is added to what may be a bucket of another form.
fn replace(value: &Scalar, replacement: String, description: &str, safety: Safety) -> Fix {
    match safety {
        Safety::Safe => Fix::safe(value.span, replacement, description),
        Safety::Unsafe => Fix::guess(value.span, replacement, description),
    }
}

/// A bucket given in a resource form that names it (`bucket_form`): the form, then the
/// name inside it.
fn formed_problem(
    schema: &Schema,
    form: &BucketForm,
    regex: &Regex,
    source: &str,
    value: &Scalar,
) -> Option<Diagnostic> {
    let text = value.text.as_ref();
    let provider = &schema.provider.name;
    let Some(name) = regex.captures(text).and_then(|c| c.name("bucket")) else {
        let message = if name_problem(schema, text).is_none() {
            format!(
                "`{text}` is a bare bucket name; {provider} expects `{}`",
                form.shown
            )
        } else {
            format!("`{text}` is not of the form `{}`", form.shown)
        };
        return Some(
            Diagnostic::new(&RULE, value.span, message)
                .with_help(format!("write the bucket as `{}` ({source})", form.shown)),
        );
    };
    invalid_name(schema, value, name.as_str(), name.start())
}

/// The finding for an invalid bucket name that starts at byte `at` of the value: the name
/// is underlined alone when the value is written byte for byte.
fn invalid_name(schema: &Schema, value: &Scalar, name: &str, at: usize) -> Option<Diagnostic> {
    let problem = name_problem(schema, name)?;
    let span = if value.verbatim {
        Span::new(
            value.span.start() + at,
            value.span.start() + at + name.len(),
        )
    } else {
        value.span
    };
    Some(
        Diagnostic::new(
            &RULE,
            span,
            format!("`{name}` is not a valid bucket name: {problem}"),
        )
        .with_help(schema.provider.bucket_names.describe.clone()),
    )
}

/// A bucket given as `<prefix><name>`.
fn prefixed_problem(
    schema: &Schema,
    prefix: &str,
    source: &str,
    value: &Scalar,
) -> Option<Diagnostic> {
    let provider = &schema.provider.name;
    let text = value.text.as_ref();
    let Some(name) = text.strip_prefix(prefix) else {
        if name_problem(schema, text).is_none() {
            return Some(
                Diagnostic::new(
                    &RULE,
                    value.span,
                    format!("`{text}` is a bare bucket name; {provider} expects `{prefix}{text}`"),
                )
                .with_help(format!("write the bucket as `{prefix}<bucket-name>`"))
                .with_fix(replace(
                    value,
                    format!("{prefix}{text}"),
                    "add the prefix",
                    Safety::Unsafe,
                )),
            );
        }
        return Some(
            Diagnostic::new(
                &RULE,
                value.span,
                format!("`{text}` is not of the form `{prefix}<bucket-name>`"),
            )
            .with_help(format!(
                "{provider} rejects a bucket of another form ({source})"
            )),
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
                value,
                format!("{prefix}{rest}"),
                "remove the repeated prefix",
                Safety::Safe,
            )),
        );
    }
    invalid_name(schema, value, name, prefix.len())
}

/// A bucket given by its plain name, as OBS wants it.
fn plain_problem(schema: &Schema, value: &Scalar) -> Option<Diagnostic> {
    let provider = &schema.provider.name;
    let names = &schema.provider.bucket_names;
    let text = value.text.as_ref();
    if let Some((_, name)) = text.rsplit_once(":::") {
        return Some(
            Diagnostic::new(
                &RULE,
                value.span,
                format!("`{text}` is an ARN; {provider} expects the plain bucket name"),
            )
            .with_help(format!("write `{name}`"))
            .with_fix(replace(
                value,
                name.to_string(),
                "keep only the bucket name",
                Safety::Safe,
            )),
        );
    }
    let problem = name_problem(schema, text)?;
    Some(
        Diagnostic::new(
            &RULE,
            value.span,
            format!("`{text}` is not a valid bucket name: {problem}"),
        )
        .with_help(names.describe.clone()),
    )
}

/// What is wrong with a bucket name under the provider's naming rules.
fn name_problem(schema: &Schema, name: &str) -> Option<String> {
    let names = &schema.provider.bucket_names;
    let length = name.chars().count();
    if !(names.min_length..=names.max_length).contains(&length) {
        return Some(format!("it has {length} characters"));
    }
    // The allowed characters as a table when they are ASCII (they always are so far):
    // asking the list for each character of the name searched it once per character.
    let mut ascii = [false; 128];
    let table = names.characters.is_ascii().then(|| {
        for b in names.characters.bytes() {
            ascii[usize::from(b)] = true;
        }
        &ascii
    });
    let allowed = |c: char| match table {
        Some(table) => c.is_ascii() && table[c as usize],
        None => names.characters.contains(c),
    };
    if let Some(c) = name.chars().find(|c| !allowed(*c)) {
        let what = if c.is_ascii_uppercase() {
            "an uppercase letter".to_string()
        } else if c == ' ' {
            "a space".to_string()
        } else {
            format!("`{c}`")
        };
        return Some(format!("it contains {what}"));
    }
    let alphanumeric = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alphanumeric(name.chars().next()) || !alphanumeric(name.chars().last()) {
        return Some("it must start and end with a letter or digit".to_string());
    }
    if let Some(pair) = names.no_adjacent.iter().find(|p| name.contains(p.as_str())) {
        return Some(format!("it contains `{pair}`"));
    }
    let mut parts = name.split('.');
    if names.no_ip_address && parts.clone().count() == 4 && parts.all(|p| p.parse::<u8>().is_ok()) {
        return Some("it is shaped like an IP address".to_string());
    }
    if let Some(prefix) = names
        .reserved_prefixes
        .iter()
        .find(|p| name.starts_with(p.as_str()))
    {
        return Some(format!("it starts with `{prefix}`, which is reserved"));
    }
    if names.reserved_names.iter().any(|n| n == name) {
        return Some("the name is reserved".to_string());
    }
    if let (Some(pattern), Some(description)) =
        (&schema.bucket_name_pattern, &names.pattern_description)
        && !pattern.is_match(name)
    {
        return Some(format!("it is not {description}"));
    }
    None
}
