//! INV003 unknown-element.

use super::{Context, RuleKind, declare_rule, list_values};
use crate::diagnostic::{Diagnostic, Edit, Fix, Safety};
use crate::suggest::did_you_mean;
use crate::syntax::tree::Node;

declare_rule! {
    /// ## What it finds
    ///
    /// An element (in JSON, a member) that the provider's table does not allow where it
    /// stands, and a document whose root is not an inventory document. A root that is
    /// nearly one of the provider's roots (misspelt, or named as another provider names it:
    /// OBS's list root is `ListInventoryConfiguration`, not OSS's and S3's
    /// `ListInventoryConfigurationsResult`) is reported with "did you mean", and what it
    /// holds is checked as if it were that root. The name is
    /// underlined; the help suggests the closest allowed name ("did you mean
    /// `Frequency`?") or lists the allowed ones. Elements inside an unknown element are not
    /// reported again.
    ///
    /// ## Why
    ///
    /// Inventory documents are closed: a misspelled element is either rejected by the
    /// service, or silently ignored so that the setting it meant to make is lost.
    ///
    /// ## Example
    ///
    /// Invalid: `Frequncy` is a misspelling of `Frequency`.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <Schedule>
    ///     <Frequncy>Daily</Frequncy>
    ///   </Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```json valid fragment
    /// {"InventoryConfiguration": {"Schedule": {"Frequency": "Daily"}}}
    /// ```
    pub static RULE = {
        code: "INV003",
        name: "unknown-element",
        severity: Error,
        summary: "An element the provider does not allow in this place",
        kind: RuleKind::Document(check),
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // A root bound as the root it nearly is (see `Context::new`).
    if let Some(root) = ctx.nodes.first()
        && let Some(spec) = root.spec
        && ctx.schema.spec(spec).name != root.name
    {
        let near = &ctx.schema.spec(spec).name;
        out.push(
            Diagnostic::new(
                &RULE,
                root.node.name_span,
                format!(
                    "`{}` is not a root element of this provider's documents",
                    root.name
                ),
            )
            .with_help(format!(
                "did you mean `{near}`? what it holds was checked as if it were `{near}`"
            ))
            .with_node_path(ctx.path(0)),
        );
    }
    // A large document may be mostly unknown elements: its list of findings is made at
    // its size once, not grown a doubling at a time with a copy each.
    if ctx.is_large() {
        out.reserve(ctx.nodes.iter().filter(|b| b.spec.is_none()).count());
    }
    // Unknown elements of one name in one container get the same message and help: they
    // are made once for a run of them, and copied (a document of a million `<x/>` made
    // each again, and that was two thirds of its time). The run: its parent, its name,
    // the allowed name it nearly is, and its first finding.
    let mut run: Option<(Option<usize>, &str, Option<&str>, Diagnostic)> = None;
    for (index, bound) in ctx.nodes.iter().enumerate() {
        if bound.spec.is_some() {
            continue;
        }
        let parent = bound.parent();
        let same_run = run
            .as_ref()
            .is_some_and(|(p, name, _, _)| *p == parent && *name == bound.name);
        if !same_run {
            let (near, first) = first_of_run(ctx, bound.name, bound.node, parent);
            run = Some((parent, bound.name, near, first));
        }
        let Some((_, _, near, template)) = &run else {
            continue;
        };
        let node = bound.node;
        let mut finding = template.clone();
        finding.primary.span = node.name_span;
        finding = finding.with_node_path(ctx.path(index));
        if let Some(fix) =
            near.and_then(|near| rename(ctx.source.text.as_str(), node, near, Safety::Unsafe))
        {
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}

/// The finding for the first of a run of unknown elements named `name` under the bound
/// node `parent` (the root when `None`), without its node path and fix, and the allowed
/// name it nearly is.
fn first_of_run<'c>(
    ctx: &'c Context,
    name: &str,
    node: &Node,
    parent: Option<usize>,
) -> (Option<&'c str>, Diagnostic) {
    let (message, allowed): (String, Vec<&str>) = match parent {
        None => (
            format!("`{name}` is not an inventory document"),
            ctx.schema.root_names().collect(),
        ),
        Some(parent) => {
            let parent_spec = ctx.nodes[parent]
                .spec
                .expect("only children of known containers are bound");
            let allowed = ctx
                .schema
                .children(parent_spec)
                .iter()
                .map(|c| ctx.schema.spec(*c).name.as_str())
                .collect();
            (
                format!("unknown element `{name}` in `{}`", ctx.nodes[parent].name),
                allowed,
            )
        }
    };
    let near = did_you_mean(name, allowed.iter().copied());
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None if allowed.is_empty() => "this element takes no children".to_string(),
        None => format!("expected {}", list_values(&allowed)),
    };
    (
        near,
        Diagnostic::new(&RULE, node.name_span, message).with_help(help),
    )
}

/// Renames a node: the name in the start tag and, when the element has one, in its end tag
/// (`</Frequncy>`, or `</ns:Frequncy>`), or the JSON key. A did-you-mean is a guess, which
/// only `--unsafe-fixes` applies. `None` when the name is not written byte for byte where
/// the spans say (an escaped JSON key).
pub(super) fn rename(text: &str, node: &Node, near: &str, safety: Safety) -> Option<Fix> {
    let name = text.get(node.name_span.range())?;
    if name != node.name {
        return None;
    }
    let mut edits = vec![Edit {
        span: node.name_span,
        replacement: near.to_string(),
    }];
    let is_xml = text[..node.name_span.start()].ends_with('<')
        || text[..node.name_span.start()].ends_with(':');
    let whole = text.get(node.span.range())?;
    if is_xml && !whole.ends_with("/>") && whole.ends_with('>') {
        let end_name = node.span.end() - 1 - name.len();
        let before = &text[..end_name];
        if text.get(end_name..node.span.end() - 1) == Some(name)
            && (before.ends_with("</") || before.ends_with(':'))
            && end_name > node.name_span.end()
        {
            edits.push(Edit {
                span: crate::diagnostic::Span::new(end_name, node.span.end() - 1),
                replacement: near.to_string(),
            });
        }
    }
    Some(Fix {
        edits,
        description: format!("rename it `{near}`"),
        safety,
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    const DOCUMENT: &str = "<InventoryConfiguration><Id>report1</Id><IsEnabled>false</IsEnabled><Destination><OSSBucketDestination><Format>CSV</Format><AccountId>1000000000000000</AccountId><RoleArn>acs:ram::1000000000000000:role/AliyunOSSRole</RoleArn><Bucket>acs:oss:::destination-bucket</Bucket><x/></OSSBucketDestination></Destination><Schedule><Frequency>Weekly</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions><IsEnabld/><IsEnabld/><x/><x/><IsEnabld/></InventoryConfiguration>";

    fn unknown(text: &str) -> Vec<Diagnostic> {
        let report = crate::check_bytes("a.xml", text.into(), &crate::LintOptions::default());
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule.code == "INV003")
            .collect()
    }

    #[test]
    fn each_of_a_run_of_one_unknown_name_has_its_own_place_path_and_fix() {
        let found = unknown(DOCUMENT);
        let at = |index: usize, name: &str| {
            let start = DOCUMENT
                .match_indices(&format!("<{name}"))
                .nth(index)
                .unwrap()
                .0
                + 1;
            (start, start + name.len())
        };
        let places: Vec<(usize, usize)> = found
            .iter()
            .map(|d| (d.primary.span.start(), d.primary.span.end()))
            .collect();
        // `<x/>` in the destination, then two `IsEnabld`, two `x` and one more `IsEnabld` in
        // the configuration: three runs there, each of its own name.
        assert_eq!(
            places,
            [
                at(0, "x"),
                at(0, "IsEnabld"),
                at(1, "IsEnabld"),
                at(1, "x"),
                at(2, "x"),
                at(2, "IsEnabld")
            ]
        );
        let paths: Vec<&str> = found
            .iter()
            .filter_map(|d| d.node_path.as_deref())
            .collect();
        assert_eq!(
            paths,
            [
                "/InventoryConfiguration/Destination/OSSBucketDestination/x",
                "/InventoryConfiguration/IsEnabld",
                "/InventoryConfiguration/IsEnabld",
                "/InventoryConfiguration/x",
                "/InventoryConfiguration/x",
                "/InventoryConfiguration/IsEnabld",
            ]
        );
        assert_eq!(
            found[0].message,
            "unknown element `x` in `OSSBucketDestination`"
        );
        assert_eq!(
            found[3].message,
            "unknown element `x` in `InventoryConfiguration`"
        );
        assert_eq!(found[3].help, found[4].help);
        assert_ne!(found[0].help, found[3].help);
        // Each near miss is renamed where it stands.
        for index in [1, 2, 5] {
            assert_eq!(
                found[index].help.as_deref(),
                Some("did you mean `IsEnabled`?")
            );
            let fix = found[index].fix.as_ref().expect("a near miss has a fix");
            let (start, _) = places[index];
            assert_eq!(fix.edits[0].span.start(), start);
        }
    }
}
