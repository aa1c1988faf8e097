//! The rules. Each lives in a file of its own whose doc comment is its documentation; this
//! module holds what they share: the rule record, the registry, and the bound tree they
//! walk (every node paired with its element in the provider's table).

pub mod account_mismatch;
pub mod boolean_case;
pub mod bucket_config_limit;
pub mod bucket_duplicate_id;
pub mod conditional_element;
pub mod config;
pub mod conflicting_elements;
pub mod declaration_position;
pub mod destination_bucket;
pub mod duplicate_element;
pub mod duplicate_id;
pub mod element_case;
pub mod enum_value;
pub mod finding_limit;
pub mod forbidden_element;
pub mod future_timestamp;
pub mod ignored_content;
pub mod incremental_override;
pub mod invalid_suppression;
pub mod inventory_id;
pub mod list_page_size;
pub mod prefix_overlap;
pub mod provider;
pub mod range_order;
pub mod redundant_value;
pub mod region_conflict;
pub mod region_unavailable;
pub mod required_element;
pub mod syntax;
pub mod undocumented_value;
pub mod unknown_element;
pub mod unknown_region;
pub mod unused_suppression;
pub mod value_length;
pub mod value_pattern;
pub mod value_range;
pub mod value_type;

use std::fmt;

use rayon::prelude::*;

use crate::LintOptions;
use crate::context::Environment;
use crate::diagnostic::{Diagnostic, Severity};
use crate::provider::{ElementSpec, Schema, SpecId, ValueKind};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use crate::syntax::Parsed;
use crate::syntax::tree::Blank;
use crate::syntax::tree::{Document, Format, Node, Scalar, ScalarKind};

/// A rule: its stable identity, its default severity, its documentation and its check.
pub struct Rule {
    /// `INV` and three digits; never reused or renumbered.
    pub code: &'static str,
    /// A kebab-case name usable wherever a code is.
    pub name: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The rule's doc comment, as written (each line starts with a space).
    pub raw_docs: &'static str,
    /// Where in a run the rule's findings are made, and its check.
    pub kind: RuleKind,
}

/// Where a rule runs (as ruff's `LintSource` says it for its rules). Every kind's findings
/// go through the run's one filtering pass (`engine::filter`) all the same.
#[derive(Clone, Copy)]
pub enum RuleKind {
    /// Made while reading and parsing a file (`syntax/`, `lib.rs`).
    Parse,
    /// Made while telling which provider a document is for (`detect.rs`).
    Detection,
    /// Checks one document against its provider's table.
    Document(fn(&Context, &mut Vec<Diagnostic>)),
    /// Checks the documents of one bucket over the whole run (`across.rs` groups them).
    AcrossFiles(fn(&crate::across::Group, &mut Vec<crate::across::Finding>)),
    /// Made about suppressions: malformed ones (`suppress.rs`), unused ones (the filter).
    Suppression,
    /// Made while loading `invlint.toml` (`config.rs`).
    Configuration,
    /// Made by the run's last step, for findings over the per-file limit.
    Limit,
}

/// Where the project lives; SARIF's `informationUri` and every rule's `helpUri` point
/// into it.
pub const HOME: &str = env!("CARGO_PKG_REPOSITORY");

impl Rule {
    /// The rule's section of `docs/rules.md` on the project's home, as GitHub names the
    /// heading `## INV003 unknown-element`.
    pub fn docs_url(&self) -> String {
        format!(
            "{HOME}/blob/main/docs/rules.md#{}-{}",
            self.code.to_ascii_lowercase(),
            self.name
        )
    }

    /// The documentation as Markdown, with the doc comment's leading spaces removed.
    pub fn documentation(&self) -> String {
        self.raw_docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Rule {}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code, self.name)
    }
}

/// Declares a rule whose doc comment becomes its documentation, as clippy's lints do.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $id:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            kind: $kind:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub static $id: $crate::checks::Rule = $crate::checks::Rule {
            code: $code,
            name: $name,
            default_severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            raw_docs: concat!($($doc, "\n"),*),
            kind: $kind,
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in code order.
pub static ALL_RULES: &[&Rule] = &[
    &syntax::RULE,
    &required_element::RULE,
    &unknown_element::RULE,
    &duplicate_element::RULE,
    &enum_value::RULE,
    &value_type::RULE,
    &value_length::RULE,
    &value_range::RULE,
    &value_pattern::RULE,
    &boolean_case::RULE,
    &range_order::RULE,
    &undocumented_value::RULE,
    &redundant_value::RULE,
    &conflicting_elements::RULE,
    &forbidden_element::RULE,
    &ignored_content::RULE,
    &conditional_element::RULE,
    &future_timestamp::RULE,
    &region_unavailable::RULE,
    &unknown_region::RULE,
    &inventory_id::RULE,
    &destination_bucket::RULE,
    &account_mismatch::RULE,
    &incremental_override::RULE,
    &duplicate_id::RULE,
    &list_page_size::RULE,
    &provider::RULE,
    &bucket_duplicate_id::RULE,
    &bucket_config_limit::RULE,
    &prefix_overlap::RULE,
    &invalid_suppression::RULE,
    &unused_suppression::RULE,
    &config::RULE,
    &declaration_position::RULE,
    &region_conflict::RULE,
    &finding_limit::RULE,
    &element_case::RULE,
];

/// Every rule's documentation as one Markdown page: what `docs/rules.md` holds.
pub fn rules_markdown() -> String {
    let mut page = String::from(
        "# invlint rules\n\n<!-- Generated by `invlint rules --markdown`; a test fails when this page is stale. -->\n\n| code | name | default severity | summary |\n|---|---|---|---|\n",
    );
    for rule in ALL_RULES {
        page.push_str(&format!(
            "| [{code}](#{anchor}-{name}) | {name} | {severity} | {summary} |\n",
            code = rule.code,
            anchor = rule.code.to_lowercase(),
            name = rule.name,
            severity = rule.default_severity,
            summary = rule.summary.replace('|', "\\|")
        ));
    }
    for rule in ALL_RULES {
        // Headings inside a rule's documentation sit one level below the rule's own.
        let docs: String = rule
            .documentation()
            .lines()
            .map(|line| match line.strip_prefix("## ") {
                Some(heading) => format!("### {heading}\n"),
                None => format!("{line}\n"),
            })
            .collect();
        page.push_str(&format!(
            "\n## {} {}\n\n{} Default severity: {}.\n\n{docs}",
            rule.code, rule.name, rule.summary, rule.default_severity
        ));
    }
    page
}

/// Finds a rule by its code (`INV003`) or its name (`unknown-element`), ignoring case.
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    ALL_RULES.iter().copied().find(|rule| {
        rule.code.eq_ignore_ascii_case(code_or_name) || rule.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// A node of the document with its element in the table. Nodes below an unknown element
/// or below a non-container are not bound: what the table cannot describe is reported
/// once, at the top of it.
#[derive(Debug, Clone, Copy)]
pub struct Bound<'a> {
    pub node: &'a Node,
    /// The element name; for a JSON document without a wrapper, the implied root name.
    pub name: &'a str,
    pub spec: Option<SpecId>,
    /// The index of the parent's entry among the bound nodes, read through
    /// [`Bound::parent`]. 32 bits, like a [`SpecId`]: a 50 MB list binds a million nodes,
    /// and every byte here is a megabyte.
    parent: Option<u32>,
    /// The index just past the entry's last bound descendant: the nodes are bound in
    /// document order, so its bound children are found by skipping from one child's end to
    /// the next ([`Context::children_of`]).
    end: u32,
}

impl Bound<'_> {
    /// The index of the parent's entry among the bound nodes, to index them with.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(|p| p as usize)
    }
}

/// What a rule sees: the file, the provider's table, and the bound nodes in document order
/// (the root first).
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub document: &'a Document,
    pub schema: &'a Schema,
    pub nodes: Vec<Bound<'a>>,
    /// The time, the request envelope, the region and the expected id.
    pub env: Environment<'a>,
    /// The indices of the nodes [`Context::text_values_where`] yields, found once: most
    /// rules ask for them, and asking each node again per rule was a tenth of a clean
    /// file's checking.
    texts: Vec<u32>,
    /// The indices of the nodes [`Context::containers`] yields, found once for the same
    /// reason: nine rules ask for them.
    containers: Vec<u32>,
}

impl<'a> Context<'a> {
    pub fn new(
        source: &'a SourceFile,
        parsed: &'a Parsed,
        schema: &'a Schema,
        options: &LintOptions,
    ) -> Self {
        let document = &parsed.document;
        let (root, name) = document_root(document, schema);
        // A root misspelled, or named as another provider names it (OBS's
        // `ListInventoryConfiguration` written as `ListInventoryConfigurationsResult`), is
        // bound as the root it nearly is: unknown-element reports the name, and everything
        // inside is still checked.
        let spec = schema.root_named(name).or_else(|| {
            did_you_mean(name, schema.root_names()).and_then(|near| schema.root_named(near))
        });
        // At most every node of the tree is bound: the lists are sized once. Most bound
        // nodes are values, and growing a list one doubling at a time was a tenth of making
        // the context. A small document's nodes are not counted (a walk over the whole
        // tree): it has fewer than one per 16 bytes, bar a few of the shortest elements,
        // for which a list still grows. A large one is counted, so that its lists take no
        // more memory than they need.
        let count = match source.text.len() {
            small @ ..=SMALL_DOCUMENT_BYTES => small / 16 + 1,
            _ => count_nodes(root),
        };
        let mut bound = BoundLists {
            nodes: Vec::with_capacity(count),
            texts: Vec::with_capacity(count),
            containers: Vec::with_capacity(count / 2 + 1),
        };
        bind(schema, root, name, spec, None, &mut bound);
        Self {
            source,
            document,
            schema,
            nodes: bound.nodes,
            texts: bound.texts,
            containers: bound.containers,
            env: Environment::new(schema, parsed.request.as_ref(), options),
        }
    }

    /// Whether the document is large (see [`LARGE_DOCUMENT_NODES`]).
    pub fn is_large(&self) -> bool {
        self.nodes.len() >= LARGE_DOCUMENT_NODES
    }

    /// The bound configurations: the root of a Put or Get body, or each item of a list.
    pub fn configurations(&self) -> impl Iterator<Item = (usize, &Bound<'a>)> {
        let schema = self.schema;
        let configuration = schema.root_named("InventoryConfiguration");
        self.nodes.iter().enumerate().filter(move |(_, bound)| {
            bound
                .spec
                .is_some_and(|spec| Some(schema.content(spec)) == configuration)
        })
    }

    /// The node's path from the root, like `/InventoryConfiguration/Schedule/Frequency`.
    pub fn path(&self, index: usize) -> String {
        let mut names = Vec::new();
        let mut at = Some(index);
        while let Some(i) = at {
            names.push(self.nodes[i].name);
            at = self.nodes[i].parent();
        }
        names.iter().rev().fold(String::new(), |mut path, name| {
            path.push('/');
            path.push_str(name);
            path
        })
    }

    /// The bound children of the bound node at `index`, in document order, with their
    /// indices. A rule asks them for their table element (an integer) rather than looking
    /// each child's name up in the table again, as binding already did.
    pub fn children_of(&self, index: usize) -> BoundChildren<'_, 'a> {
        BoundChildren {
            nodes: &self.nodes,
            at: index + 1,
            end: self.nodes[index].end as usize,
        }
    }

    /// The indices of the bound node's bound descendants, which follow it in document
    /// order.
    pub fn descendants(&self, index: usize) -> std::ops::Range<usize> {
        index + 1..self.nodes[index].end as usize
    }

    /// The name of the bound node's parent element, for messages.
    pub fn parent_name(&self, index: usize) -> Option<&'a str> {
        self.nodes[index].parent().map(|p| self.nodes[p].name)
    }

    /// The bound nodes whose table element is a container, with their element.
    pub fn containers(&self) -> impl Iterator<Item = (usize, &Bound<'a>, SpecId)> {
        self.containers.iter().filter_map(|&index| {
            let index = index as usize;
            let bound = &self.nodes[index];
            Some((index, bound, bound.spec?))
        })
    }

    /// The bound containers whose table element has a child that `wanted` accepts, as
    /// [`Context::containers`] gives them. In a large document the answer is worked out
    /// once per table element, not once per container: a rule about a few elements'
    /// children walked the table's children of a quarter of a million containers in a
    /// 50 MB list. A small document asks per container, and allocates nothing for it.
    pub fn containers_with_child(
        &self,
        wanted: impl Fn(&ElementSpec) -> bool,
    ) -> impl Iterator<Item = (usize, &Bound<'a>, SpecId)> {
        let schema = self.schema;
        let has_one = move |spec: SpecId| {
            schema
                .children(spec)
                .iter()
                .any(|&c| wanted(schema.spec(c)))
        };
        // Per table element: 0 not asked yet, 1 has such a child, 2 has none.
        let mut answers = if self.is_large() {
            vec![0u8; schema.elements.len()]
        } else {
            Vec::new()
        };
        self.containers().filter(move |&(_, _, spec)| {
            let Some(answer) = answers.get_mut(spec as usize) else {
                return has_one(spec);
            };
            if *answer == 0 {
                *answer = if has_one(spec) { 1 } else { 2 };
            }
            *answer == 1
        })
    }

    /// The non-blank text values (XML text, JSON strings) of bound value nodes whose table
    /// element `wanted` accepts, with their node's index and element; empty values and
    /// other JSON kinds are value-type's. The element is asked before the node is read: a
    /// rule about a few elements then reads only their nodes, and in a large document most
    /// nodes are no longer in the cache.
    pub fn text_values_where(
        &self,
        wanted: impl Fn(&ElementSpec) -> bool,
    ) -> impl Iterator<Item = (usize, &'a ElementSpec, &'a Scalar)> {
        let schema = self.schema;
        self.texts.iter().filter_map(move |&index| {
            let index = index as usize;
            let bound = &self.nodes[index];
            let spec = schema.spec(bound.spec?);
            if !wanted(spec) {
                return None;
            }
            Some((index, spec, bound.node.value.as_ref()?))
        })
    }

    /// The bound nodes whose table element `wanted` accepts, with the element, in document
    /// order; the element is asked before the node is read (see
    /// [`Context::text_values_where`]).
    pub fn nodes_where(
        &self,
        wanted: impl Fn(&ElementSpec) -> bool,
    ) -> impl Iterator<Item = (usize, &Bound<'a>, &'a ElementSpec)> {
        let schema = self.schema;
        self.nodes
            .iter()
            .enumerate()
            .filter_map(move |(index, bound)| {
                let spec = schema.spec(bound.spec?);
                wanted(spec).then_some((index, bound, spec))
            })
    }
}

/// The bound children of one bound node: see [`Context::children_of`].
#[derive(Clone)]
pub struct BoundChildren<'c, 'a> {
    nodes: &'c [Bound<'a>],
    at: usize,
    end: usize,
}

impl<'c, 'a> Iterator for BoundChildren<'c, 'a> {
    type Item = (usize, &'c Bound<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.end {
            return None;
        }
        let child = self.at;
        self.at = self.nodes[child].end as usize;
        Some((child, &self.nodes[child]))
    }
}

/// From this many bound nodes on, a document is large: its rules run side by side on
/// rayon's threads, and its tree is dropped on one of them. Only a large list document
/// gets there (a configuration binds a few dozen nodes): its rules were half of its check,
/// on one thread while the others had nothing to do. Below it, the threads are better
/// spent on other documents.
pub const LARGE_DOCUMENT_NODES: usize = 20_000;

/// Runs the given rules over a parsed document. The findings come in the order of `rules`,
/// each rule's in its own order, however the rules were run.
pub fn run(ctx: &Context, rules: &[&'static Rule]) -> Vec<Diagnostic> {
    run_rules(ctx, rules, ctx.is_large())
}

fn run_rules(ctx: &Context, rules: &[&'static Rule], in_parallel: bool) -> Vec<Diagnostic> {
    let checks = rules.iter().filter_map(|rule| match rule.kind {
        RuleKind::Document(check) => Some(check),
        _ => None,
    });
    let mut out = Vec::new();
    if !in_parallel {
        for check in checks {
            check(ctx, &mut out);
        }
        return out;
    }
    crate::threads::ensure_pool();
    let checks: Vec<_> = checks.collect();
    let found: Vec<Vec<Diagnostic>> = checks
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check(ctx, &mut out);
            out
        })
        .collect();
    // The first rule's findings that are not none take the others after them, in rule
    // order: when one rule found nearly everything (a million unknown elements), its
    // list is not copied into a new one.
    let mut found = found.into_iter().skip_while(Vec::is_empty);
    let Some(mut out) = found.next() else {
        return Vec::new();
    };
    for mut findings in found {
        out.append(&mut findings);
    }
    out
}

/// The node that is the document root, and its name. A JSON document's top-level object
/// has no name: it is either a wrapper holding one root member (`{"InventoryConfiguration":
/// {...}}`), or the root itself, whose kind is the root whose children its members match
/// best (the first root on a tie).
fn document_root<'a>(document: &'a Document, schema: &'a Schema) -> (&'a Node, &'a str) {
    let root = &document.root;
    if document.format != Format::Json || !root.name.is_empty() {
        return (root, &root.name);
    }
    // A single member named like a root, or nearly so, is a wrapper: a misspelled one is
    // reported as an unknown document, as a misspelled XML root element is.
    if let [only] = &root.children[..]
        && (schema.root_named(&only.name).is_some()
            || did_you_mean(&only.name, schema.root_names()).is_some())
    {
        return (only, &only.name);
    }
    let score = |spec: SpecId| {
        root.children
            .iter()
            .filter(|c| schema.child_named(spec, &c.name).is_some())
            .count()
    };
    let best = schema
        .roots
        .iter()
        .copied()
        .fold(None, |best: Option<(SpecId, usize)>, spec| {
            let s = score(spec);
            match best {
                Some((_, top)) if top >= s => best,
                _ => Some((spec, s)),
            }
        })
        .map_or(schema.roots[0], |(spec, _)| spec);
    (root, &schema.spec(best).name)
}

/// Up to this size a document's bound lists are sized from its length rather than by
/// counting its nodes (see [`Context::new`]).
const SMALL_DOCUMENT_BYTES: usize = 64 * 1024;

/// How many nodes the tree below and including `node` has. The depth is bounded (see
/// [`crate::syntax::tree::MAX_DEPTH`]), as it is for [`bind`].
fn count_nodes(node: &Node) -> usize {
    1 + node.children.iter().map(count_nodes).sum::<usize>()
}

/// What binding makes: the bound nodes, and the indices of those that hold text and of
/// the containers, found as the nodes are bound rather than in a second pass over them.
struct BoundLists<'a> {
    nodes: Vec<Bound<'a>>,
    texts: Vec<u32>,
    containers: Vec<u32>,
}

fn bind<'a>(
    schema: &Schema,
    node: &'a Node,
    name: &'a str,
    spec: Option<SpecId>,
    parent: Option<u32>,
    out: &mut BoundLists<'a>,
) {
    // Fewer nodes than bytes, and a text is at most `MAX_TEXT_BYTES`: the index fits.
    let index = out.nodes.len() as u32;
    out.nodes.push(Bound {
        node,
        name,
        spec,
        parent,
        end: index + 1,
    });
    let Some(spec) = spec else { return };
    if schema.spec(spec).kind != ValueKind::Container {
        if node
            .value
            .as_ref()
            .is_some_and(|v| v.kind == ScalarKind::Text && !v.text.is_blank())
        {
            out.texts.push(index);
        }
        return;
    }
    out.containers.push(index);
    for child in &node.children {
        let child_spec = schema.child_binding(spec, &child.name);
        bind(schema, child, &child.name, child_spec, Some(index), out);
    }
    out.nodes[index as usize].end = out.nodes.len() as u32;
}

/// For each item in order, the span of the first earlier item with the same key, or `None`
/// for the first of its key. The lists are short (a dozen fields): a short one is compared
/// pair by pair (keys of different lengths differ at once), a long one sorted, n log n.
pub fn earlier_same<K: Ord>(
    items: &[(K, crate::diagnostic::Span)],
) -> Vec<Option<crate::diagnostic::Span>> {
    if items.len() <= 16 {
        return items
            .iter()
            .enumerate()
            .map(|(index, (key, _))| {
                items[..index]
                    .iter()
                    .find(|(earlier, _)| earlier == key)
                    .map(|(_, span)| *span)
            })
            .collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|a, b| items[*a].0.cmp(&items[*b].0).then(a.cmp(b)));
    let mut earlier = vec![None; items.len()];
    let mut first: Option<usize> = None;
    for (n, &index) in order.iter().enumerate() {
        match first {
            Some(first) if n > 0 && items[order[n - 1]].0 == items[index].0 => {
                earlier[index] = Some(items[first].1);
            }
            _ => first = Some(index),
        }
    }
    earlier
}

/// Lists values the way messages do: `a`, `b` or `c`.
pub fn list_values<S: AsRef<str>>(values: &[S]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{}`", v.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// An integer as written in a document: small enough to compare, or beyond any bound.
pub enum Number {
    Fits(i128),
    /// More digits than any bound can have; only the sign matters.
    Huge {
        negative: bool,
    },
}

/// Parses what value-type accepts as an integer (digits with an optional minus sign),
/// without overflowing on any length of digits.
pub fn parse_integer(text: &str) -> Option<Number> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match digits.parse::<i128>() {
        Ok(n) => Some(Number::Fits(if negative { -n } else { n })),
        Err(_) => Some(Number::Huge { negative }),
    }
}

#[cfg(test)]
mod tests {
    use super::earlier_same;
    use crate::diagnostic::Span;

    #[test]
    fn rules_run_side_by_side_find_what_they_find_one_after_another() {
        // A list of every OSS configuration the fixtures hold, mistakes and all, repeated
        // past the size from which the rules run in parallel.
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/oss");
        let mut configurations = String::new();
        for folder in std::fs::read_dir(&fixtures).unwrap() {
            for file in std::fs::read_dir(folder.unwrap().path()).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap_or_default();
                let (Some(start), Some(end)) = (
                    text.find("<InventoryConfiguration>"),
                    text.rfind("</InventoryConfiguration>"),
                ) else {
                    continue;
                };
                let piece = &text[start..end + "</InventoryConfiguration>".len()];
                // Only well-formed pieces: one that is not would make the list unparsable.
                let alone = crate::source::SourceFile::new("piece.xml", piece.to_string());
                if crate::syntax::parse(&alone, &crate::provider::known_name).is_ok() {
                    configurations.push_str(piece);
                }
            }
        }
        let list = format!(
            "<ListInventoryConfigurationsResult>{}</ListInventoryConfigurationsResult>",
            configurations.repeat(20)
        );
        let source = crate::source::SourceFile::new("list.xml", list);
        let parsed = crate::syntax::parse(&source, &crate::provider::known_name).unwrap();
        let schema = crate::provider::providers()
            .find(|s| s.provider.id == "oss")
            .unwrap();
        let options = crate::LintOptions::default();
        let ctx = super::Context::new(&source, &parsed, schema, &options);
        assert!(ctx.is_large(), "{}", ctx.nodes.len());
        let shown = |found: Vec<crate::diagnostic::Diagnostic>| -> Vec<String> {
            found
                .iter()
                .map(|d| format!("{} {:?} {}", d.rule.code, d.primary.span, d.message))
                .collect()
        };
        // The containers with a required child, answered once per table element here (a
        // large document), are those the table gives container by container.
        let remembered: Vec<usize> = ctx
            .containers_with_child(|child| child.required)
            .map(|(index, _, _)| index)
            .collect();
        let asked: Vec<usize> = ctx
            .containers()
            .filter(|&(_, _, spec)| {
                let children = ctx.schema.children(spec);
                children.iter().any(|&c| ctx.schema.spec(c).required)
            })
            .map(|(index, _, _)| index)
            .collect();
        assert!(!asked.is_empty() && asked.len() < ctx.containers().count());
        assert_eq!(remembered, asked);
        let one_by_one = shown(super::run_rules(&ctx, super::ALL_RULES, false));
        let side_by_side = shown(super::run_rules(&ctx, super::ALL_RULES, true));
        // Findings of a dozen rules at least, so that their order is tried.
        let codes: std::collections::BTreeSet<_> = one_by_one.iter().map(|f| &f[..6]).collect();
        assert!(codes.len() >= 12, "{codes:?}");
        assert_eq!(one_by_one, side_by_side);
    }

    #[test]
    fn earlier_same_points_each_repeat_at_the_first_of_its_key() {
        let at = |n: usize| Span::new(n, n + 1);
        let items = [
            ("b", at(0)),
            ("a", at(1)),
            ("b", at(2)),
            ("c", at(3)),
            ("b", at(4)),
            ("a", at(5)),
        ];
        assert_eq!(
            earlier_same(&items),
            [None, None, Some(at(0)), None, Some(at(0)), Some(at(1))]
        );
        assert!(earlier_same::<&str>(&[]).is_empty());
        // A long list takes the other way, with the same answers.
        let long: Vec<(String, Span)> = (0..40).map(|n| ((n % 7).to_string(), at(n))).collect();
        let earlier = earlier_same(&long);
        for (n, first) in earlier.iter().enumerate() {
            assert_eq!(*first, (n >= 7).then(|| at(n % 7)), "item {n}");
        }
    }
}
