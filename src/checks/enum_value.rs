//! INV005 enum-value.

use super::{Context, RuleKind, declare_rule, list_values};
use crate::diagnostic::{Diagnostic, Fix, Span};
use crate::provider::{ElementSpec, ValueKind};
use crate::suggest::did_you_mean;
use crate::syntax::tree::Blank;
use crate::syntax::tree::Scalar;

declare_rule! {
    /// ## What it finds
    ///
    /// A value outside the fixed set the provider allows: a `Frequency` other than `Daily`
    /// or `Weekly`, an `IncludedObjectVersions` other than `All` or `Current`, a `Format`
    /// other than `CSV`, an optional `Field` the provider does not know. The message lists
    /// the allowed values. Values are case-sensitive: `daily` gets its own message and the
    /// right spelling as a fix, and so does a value with stray whitespace around it. A
    /// near miss (`TransistionTime`, the spelling in the PutBucketInventory page's own
    /// sample) gets a "did you mean".
    ///
    /// ## Why
    ///
    /// OSS rejects an unknown `IncludedObjectVersions` (0020-00000037) or optional field
    /// (0020-00000036), an unknown `Frequency` (`Hourly`, doc 480853), and an unknown
    /// storage class in `Filter/StorageClass` (`Standard,UNKNOW_TYPE`, 0020-00000026).
    ///
    /// List values (`Filter/StorageClass`, comma-separated) are checked entry by entry:
    /// each bad entry is underlined by itself, and an empty entry (`Standard,,IA`, a
    /// trailing comma) is reported. The incremental inventory has its own field list:
    /// `TransitionTime` and `TaggingCount` are valid only in the full inventory's
    /// `OptionalFields`. Values that sources disagree on are undocumented-value's, not this
    /// rule's.
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Schedule>
    ///     <Frequency>daily</Frequency>
    ///   </Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"Schedule": {"Frequency": "Daily"}, "OptionalFields": {"Field": ["Size", "TransitionTime"]}}
    /// ```
    pub static RULE = {
        code: "INV005",
        name: "enum-value",
        severity: Error,
        summary: "A value that is not one of the allowed values",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, spec, value) in ctx.text_values_where(|spec| spec.kind == ValueKind::Enum) {
        for token in tokens(spec, value) {
            if let Some(finding) = token_finding(spec, token) {
                out.push(finding.with_node_path(ctx.path(index)));
            }
        }
    }
}

/// A value's tokens with their spans: the whole value, or each entry of a list value. An
/// iterator, not a list: three rules ask it of every enumerated value.
pub fn tokens<'v>(
    spec: &'v ElementSpec,
    value: &'v Scalar,
) -> impl Iterator<Item = (&'v str, Span)> + 'v {
    let separator = spec.separator.as_deref();
    let mut whole = separator
        .is_none()
        .then_some((value.text.as_ref(), value.span));
    let mut entries = separator.map(|s| (value.text.split(s), s.len()));
    let mut at = 0;
    std::iter::from_fn(move || {
        let Some((split, width)) = &mut entries else {
            return whole.take();
        };
        let token = split.next()?;
        // Escaped JSON text has no byte-for-byte spans inside it; its tokens share the
        // value's span.
        let span = if value.verbatim {
            Span::new(
                value.span.start() + at,
                value.span.start() + at + token.len(),
            )
        } else {
            value.span
        };
        at += token.len() + *width;
        Some((token, span))
    })
}

fn token_finding(spec: &ElementSpec, (text, span): (&str, Span)) -> Option<Diagnostic> {
    if spec.values.iter().any(|v| v == text)
        || spec.undocumented_value(text).is_some()
        || spec
            .extra_values_regex
            .as_ref()
            .is_some_and(|extra| extra.is_match(text))
    {
        return None;
    }
    let mut allowed = list_values(&spec.values);
    if let Some(extra) = &spec.extra_values {
        allowed = format!("{allowed}, or {}", extra.description);
    }
    let name = &spec.name;
    let fix = |right: &str, description: String| Fix::safe(span, right, description);
    if text.is_blank() {
        return Some(
            Diagnostic::new(
                &RULE,
                span,
                format!("an empty entry in the `{name}` list; expected {allowed}"),
            )
            .with_primary_label("empty entry")
            .with_help("remove the extra separator"),
        );
    }
    if let Some(right) = spec.values.iter().find(|v| *v == text.trim()) {
        return Some(
            Diagnostic::new(
                &RULE,
                span,
                format!("`{text}` has whitespace around it; {name} must be exactly {allowed}"),
            )
            .with_help(format!("write `{right}`"))
            .with_fix(fix(
                right,
                format!("remove the whitespace around `{right}`"),
            )),
        );
    }
    // Only a value that matches one allowed value alone, but for case, is certain.
    let mut same_but_case = spec
        .values
        .iter()
        .filter(|v| v.eq_ignore_ascii_case(text.trim()));
    if let (Some(right), None) = (same_but_case.next(), same_but_case.next()) {
        return Some(
            Diagnostic::new(
                &RULE,
                span,
                format!(
                    "`{text}` is not a valid {name}: values are case-sensitive; expected {allowed}"
                ),
            )
            .with_help(format!("did you mean `{right}`?"))
            .with_fix(fix(right, format!("write `{right}`"))),
        );
    }
    let finding = Diagnostic::new(
        &RULE,
        span,
        format!("`{text}` is not a valid {name}; expected {allowed}"),
    );
    Some(
        match did_you_mean(text, spec.values.iter().map(String::as_str)) {
            Some(near) => finding
                .with_help(format!("did you mean `{near}`?"))
                .with_fix(Fix::guess(span, near, format!("write `{near}`"))),
            None => finding,
        },
    )
}
