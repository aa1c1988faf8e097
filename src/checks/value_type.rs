//! INV006 value-type.

use super::{Context, RuleKind, declare_rule, list_values};
use crate::diagnostic::Diagnostic;
use crate::provider::{ElementSpec, ValueKind};
use crate::syntax::tree::Blank;
use crate::syntax::tree::{Node, Scalar, ScalarKind};

declare_rule! {
    /// ## What it finds
    ///
    /// A value of the wrong kind for its element:
    ///
    /// - an integer element (`LowerSizeBound`, the incremental `Frequency`) whose value is
    ///   not a whole number written in digits;
    /// - a boolean element (`IsEnabled`, `IsTruncated`) whose value is not `true` or
    ///   `false` (in JSON, a boolean or one of those two strings);
    /// - an empty value where the element needs one (`Id`, `Format`, an integer, a
    ///   boolean);
    /// - a container (`Schedule`, `Destination`) written as a value, or text left between
    ///   the elements of a container;
    /// - a value element that holds elements, a JSON `null`, a number or boolean where a
    ///   string is expected, or an array nested in an array;
    /// - an XML attribute, which no inventory element has.
    ///
    /// ## Why
    ///
    /// OSS rejects non-numeric timestamps and size bounds (0020-00000008, 0020-00000010,
    /// 0020-00000011), an `IsEnabled` that is not a boolean (0020-00000006), and an empty
    /// `Id` (0020-00000044). Stray text and attributes are ignored by the service, which
    /// usually means a setting was meant and lost.
    ///
    /// ## Example
    ///
    /// Invalid: the size bound is not an integer, and `IsEnabled` is not a boolean.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <IsEnabled>yes</IsEnabled>
    ///   <Filter>
    ///     <LowerSizeBound>1KB</LowerSizeBound>
    ///   </Filter>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid: JSON may write booleans and integers as JSON values or as strings.
    ///
    /// ```json valid fragment
    /// {"IsEnabled": true, "Filter": {"LowerSizeBound": "1024", "UpperSizeBound": 1048576}}
    /// ```
    pub static RULE = {
        code: "INV006",
        name: "value-type",
        severity: Error,
        summary: "A value of the wrong type: not an integer, not a boolean, empty, or text in a container",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, bound) in ctx.nodes.iter().enumerate() {
        let Some(spec) = bound.spec else { continue };
        let spec = ctx.schema.spec(spec);
        let node = bound.node;
        let path = || ctx.path(index);
        for attribute in node.attributes() {
            out.push(
                Diagnostic::new(
                    &RULE,
                    attribute.span,
                    format!(
                        "`{}` takes no attributes, found `{}`",
                        bound.name, attribute.name
                    ),
                )
                .with_help("remove the attribute; inventory elements carry their values as text")
                .with_node_path(path()),
            );
        }
        if spec.kind == ValueKind::Container {
            let found = out.len();
            container_problem(node, bound.name, spec.text_ignored.is_some(), out);
            for finding in &mut out[found..] {
                finding.node_path = Some(path());
            }
        } else if let Some(finding) = scalar_problem(node, spec) {
            out.push(finding.with_node_path(path()));
        }
    }
}

/// The findings about a container's text, added to `out`: a container is checked once per
/// node, and nearly every one has none, so nothing is made for it.
fn container_problem(node: &Node, name: &str, text_ignored: bool, out: &mut Vec<Diagnostic>) {
    if let Some(value) = &node.value {
        let blank = value.kind == ScalarKind::Text && value.text.is_blank();
        // Text the table marks as ignored is a warning of ignored-content, not an error.
        let ignored = text_ignored && value.kind == ScalarKind::Text;
        if !blank && !ignored {
            out.push(
                Diagnostic::new(
                    &RULE,
                    value.span,
                    format!("`{name}` must contain elements, found {}", describe(value)),
                )
                .with_primary_label("expected elements here"),
            );
            return;
        }
    }
    out.extend(node.stray_text().iter().map(|span| {
        Diagnostic::new(&RULE, *span, format!("unexpected text inside `{name}`"))
            .with_primary_label("only elements belong here")
            .with_help("remove the text, or put it in the element it belongs to")
    }));
}

fn scalar_problem(node: &Node, spec: &ElementSpec) -> Option<Diagnostic> {
    let name = &spec.name;
    // Built only for a finding: most values are fine, and listing an enum's values is not free.
    let expected = || expected_text(spec);
    let Some(value) = &node.value else {
        return Some(Diagnostic::new(
            &RULE,
            node.head_span,
            format!("`{name}` must be {}, found nested elements", expected()),
        ));
    };
    let wrong_kind = |found: &str| {
        Some(Diagnostic::new(
            &RULE,
            value.span,
            format!("`{name}` must be {}, found {found}", expected()),
        ))
    };
    match (value.kind, spec.kind) {
        (ScalarKind::Null | ScalarKind::NestedArray, _) => {
            return wrong_kind(value.kind.describe());
        }
        (ScalarKind::Number, ValueKind::Integer) | (ScalarKind::Bool, ValueKind::Boolean) => {}
        (ScalarKind::Number | ScalarKind::Bool, _) => return wrong_kind(&describe(value)),
        (ScalarKind::Text, _) => {}
    }
    let text = value.text.as_ref();
    let needs_value = match spec.kind {
        ValueKind::String => spec.min_length.unwrap_or(0) > 0,
        _ => true,
    };
    if text.is_blank() {
        if !needs_value {
            return None;
        }
        let message = match spec.kind {
            ValueKind::String => format!("`{name}` must not be empty"),
            _ => format!("`{name}` is empty; expected {}", expected()),
        };
        return Some(Diagnostic::new(&RULE, value.span, message).with_primary_label("empty value"));
    }
    match spec.kind {
        ValueKind::Integer if !is_integer(text) => Some(Diagnostic::new(
            &RULE,
            value.span,
            format!(
                "`{text}` is not an integer; `{name}` must be a whole number written in digits"
            ),
        )),
        ValueKind::Boolean
            if !text.eq_ignore_ascii_case("true") && !text.eq_ignore_ascii_case("false") =>
        {
            Some(Diagnostic::new(
                &RULE,
                value.span,
                format!("`{text}` is not a boolean; `{name}` must be `true` or `false`"),
            ))
        }
        _ => None,
    }
}

/// What a value of this element must be, in words.
fn expected_text(spec: &ElementSpec) -> String {
    match spec.kind {
        ValueKind::Enum => list_values(&spec.values),
        ValueKind::Boolean => "`true` or `false`".to_string(),
        kind => kind.describe().to_string(),
    }
}

fn describe(value: &Scalar) -> String {
    match value.kind {
        ScalarKind::Text => format!("the text `{}`", value.text.trim()),
        ScalarKind::Number | ScalarKind::Bool => {
            format!("{} `{}`", value.kind.describe(), value.text)
        }
        other => other.describe().to_string(),
    }
}

/// Digits with an optional leading minus sign: what the service parses as a number. A
/// plus sign, a decimal point, an exponent or surrounding spaces are not accepted.
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}
