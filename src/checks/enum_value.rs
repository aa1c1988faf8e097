//! INV005 enum-value.

use super::{Context, declare_rule, list_values};
use crate::diagnostic::{Diagnostic, Fix};
use crate::provider::ValueKind;
use crate::suggest::did_you_mean;

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
    /// (0020-00000036), and an unknown `Frequency` (`Hourly`, doc 480853).
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```xml invalid
    /// <InventoryConfiguration>
    ///   <Schedule>
    ///     <Frequency>daily</Frequency>
    ///   </Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid
    /// {"Schedule": {"Frequency": "Daily"}, "OptionalFields": {"Field": ["Size", "TransitionTime"]}}
    /// ```
    pub static RULE = {
        code: "INV005",
        name: "enum-value",
        severity: Error,
        summary: "A value that is not one of the allowed values",
        check: Some(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, spec, value) in ctx.text_values() {
        if spec.kind != ValueKind::Enum {
            continue;
        }
        let text = value.text.as_str();
        if spec.values.iter().any(|v| v == text) {
            continue;
        }
        let allowed = list_values(&spec.values);
        let name = &spec.name;
        let fix = |right: &str, description: String| Fix {
            span: value.span,
            replacement: right.to_string(),
            description,
        };
        let finding = if let Some(right) = spec.values.iter().find(|v| *v == text.trim()) {
            Diagnostic::new(
                &RULE,
                value.span,
                format!("`{text}` has whitespace around it; {name} must be exactly {allowed}"),
            )
            .with_help(format!("write `{right}`"))
            .with_fix(fix(
                right,
                format!("remove the whitespace around `{right}`"),
            ))
        } else if let Some(right) = spec
            .values
            .iter()
            .find(|v| v.eq_ignore_ascii_case(text.trim()))
        {
            Diagnostic::new(
                &RULE,
                value.span,
                format!(
                    "`{text}` is not a valid {name}: values are case-sensitive; expected {allowed}"
                ),
            )
            .with_help(format!("did you mean `{right}`?"))
            .with_fix(fix(right, format!("write `{right}`")))
        } else {
            let finding = Diagnostic::new(
                &RULE,
                value.span,
                format!("`{text}` is not a valid {name}; expected {allowed}"),
            );
            match did_you_mean(text, spec.values.iter().map(String::as_str)) {
                Some(near) => finding
                    .with_help(format!("did you mean `{near}`?"))
                    .with_fix(fix(near, format!("write `{near}`"))),
                None => finding,
            }
        };
        out.push(finding.with_node_path(ctx.path(index)));
    }
}
