//! Which provider a document is for: set on the command line, told by the request's Host,
//! or read from the document's shape (marker elements, the XML namespace, AWS CLI member
//! names). Evidence that points at two providers is a finding, and so is a document that
//! fits none.

use crate::checks::provider::RULE as PROVIDER;
use crate::context::host_provider;
use crate::diagnostic::{Diagnostic, Span};
use crate::provider::{Schema, Summary, schema, summaries};
use crate::syntax::Parsed;
use crate::syntax::tree::{Document, Format, Node};

/// The provider a document is checked against, and why.
#[derive(Debug, Clone)]
pub struct Choice {
    pub schema: &'static Schema,
    pub reason: Reason,
}

/// Why a provider was chosen, put into words only when it is shown (the JSON output): a
/// run of many files words none of them, where wording each was a thousand instructions
/// and an allocation per file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Said by the caller (`--provider`, invlint.toml), in its words.
    Given(String),
    /// The request's Host, a host of the provider named.
    Host(String, &'static str),
    /// Evidence in the document, kept past it.
    Has(Clue<String>),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Given(words) => f.write_str(words),
            Reason::Host(host, name) => write!(f, "the Host `{host}` is a {name} host"),
            Reason::Has(clue) => write!(f, "the document has {clue}"),
        }
    }
}

/// Why no provider was chosen: the INV027 finding, and whether the document fits none
/// (rather than mixing two), in which case what every table agrees on is still checked.
#[derive(Debug, Clone)]
pub struct Undecided {
    pub finding: Diagnostic,
    pub fits_none: bool,
}

/// One thing in the file that only one provider's documents have.
#[derive(Debug, Clone)]
struct Evidence<'d> {
    /// The provider's index in [`summaries`].
    provider: usize,
    what: Clue<&'d str>,
    span: Span,
}

impl Evidence<'_> {
    fn summary(&self) -> &'static Summary {
        &summaries()[self.provider]
    }
}

/// What the evidence is, put into words only where a message says it: every document
/// has some, and nearly every one is told by it without a word of it shown. Its text
/// borrows from the document (`&str`), or is owned (`String`) to outlive it in a
/// [`Reason`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clue<S> {
    Host(S),
    Namespace(S),
    /// A marker's steps; the last two are shown.
    Marker(&'static [&'static str]),
    /// A JSON member name, and the table's name.
    JsonName(S, &'static str),
}

impl Clue<&str> {
    /// The same clue, its text copied out of the document.
    fn owned(self) -> Clue<String> {
        match self {
            Clue::Host(host) => Clue::Host(host.to_string()),
            Clue::Namespace(namespace) => Clue::Namespace(namespace.to_string()),
            Clue::Marker(steps) => Clue::Marker(steps),
            Clue::JsonName(member, table) => Clue::JsonName(member.to_string(), table),
        }
    }
}

impl<S: std::fmt::Display> std::fmt::Display for Clue<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clue::Host(host) => write!(f, "the Host `{host}`"),
            Clue::Namespace(namespace) => write!(f, "the namespace `{namespace}`"),
            Clue::Marker(steps) => {
                write!(f, "`{}`", steps[steps.len().saturating_sub(2)..].join("/"))
            }
            Clue::JsonName(member, table) => {
                write!(f, "the JSON member name `{member}`, which is {table}'s")
            }
        }
    }
}

/// Why a parsed file is not an inventory document at all, if it is not: its root is
/// nothing like any table's document (a `pom.xml`, a `package.json`, `.vscode/settings.json`
/// passed by name). Such a file is skipped, never failed. A near miss is still a
/// document: an XML root that "did you mean" takes for a known root, or a JSON object
/// with a root-named member or mostly members the tables know. A request (`.http`) always
/// is one.
pub fn not_inventory(parsed: &Parsed) -> Option<String> {
    if parsed.request.is_some() {
        return None;
    }
    let roots: Vec<&str> = summaries()
        .iter()
        .flat_map(|s| s.roots.iter().copied())
        .collect();
    let root = &parsed.document.root;
    let near_root = |name: &str| {
        roots.contains(&name) || crate::suggest::did_you_mean(name, roots.iter().copied()).is_some()
    };
    // The common case first, without any edit distance: a root the tables know, or a
    // JSON object with a member that is one.
    if roots.contains(&root.name.as_ref())
        || (root.name.is_empty()
            && root
                .children
                .iter()
                .any(|c| roots.contains(&c.name.as_ref())))
    {
        return None;
    }
    if !root.name.is_empty() {
        return (!near_root(&root.name)).then(|| {
            format!(
                "its root `{}` is not an inventory document's",
                crate::escape::bounded(&root.name)
            )
        });
    }
    let known = root
        .children
        .iter()
        .filter(|c| crate::provider::known_name(&c.name).is_some())
        .count();
    if !root.children.is_empty() && known * 2 >= root.children.len() {
        return None;
    }
    // Only names the tables do not know can be a misspelt root.
    if root
        .children
        .iter()
        .any(|c| crate::provider::known_name(&c.name).is_none() && near_root(&c.name))
    {
        return None;
    }
    Some(match root.children.len() {
        0 => "it is an empty JSON object".to_string(),
        n => format!("{known} of its {n} top-level members are inventory members"),
    })
}

/// Chooses the provider: `forced` (from `--provider` or invlint.toml, with the reason) if
/// given, else the Host's, else the one the document's shape points at.
pub fn detect(
    parsed: &Parsed,
    forced: Option<(&'static Schema, String)>,
) -> Result<Choice, Box<Undecided>> {
    let two_providers = |a: &Evidence, b: &Evidence| {
        Box::new(Undecided {
            finding: mixed(a, b),
            fits_none: false,
        })
    };
    if let Some((schema, reason)) = forced {
        return Ok(Choice {
            schema,
            reason: Reason::Given(reason),
        });
    }
    let root = &parsed.document.root;
    let host = parsed
        .request
        .as_ref()
        .and_then(|request| Some((host_provider(request)?, request.host.as_ref()?)));
    let shape = shape_evidence(&parsed.document);
    if let Some((provider, (host_text, host_span))) = host {
        let summary = &summaries()[provider];
        // A variant's documents have its base's shape.
        let fits = |evidence: &Evidence| {
            evidence.provider == provider || summary.base == Some(evidence.summary().id)
        };
        if let Some(other) = shape.iter().find(|e| !fits(e)) {
            return Err(two_providers(
                &Evidence {
                    provider,
                    what: Clue::Host(host_text),
                    span: *host_span,
                },
                other,
            ));
        }
        return Ok(Choice {
            schema: schema(provider),
            reason: Reason::Host(host_text.to_string(), summary.name),
        });
    }
    let Some(first) = shape.first() else {
        return Err(Box::new(Undecided {
            finding: fits_none(root),
            fits_none: true,
        }));
    };
    if let Some(other) = shape.iter().find(|e| e.provider != first.provider) {
        return Err(two_providers(first, other));
    }
    Ok(Choice {
        schema: schema(first.provider),
        reason: Reason::Has(first.what.owned()),
    })
}

/// The finding for a document in a syntax its provider does not take (an XML body for a
/// provider that takes only JSON). The document is still checked: its elements are the
/// same in either syntax.
pub fn syntax_refused(
    choice: &Choice,
    document: &crate::syntax::tree::Document,
) -> Option<Diagnostic> {
    let schema = choice.schema;
    if schema.takes(document.format) {
        return None;
    }
    let (written, wanted) = match document.format {
        Format::Xml => ("XML", "JSON"),
        Format::Json => ("JSON", "XML"),
    };
    Some(
        Diagnostic::new(
            &PROVIDER,
            document.root.head_span,
            format!(
                "the document is {written}, but {} takes only {wanted} bodies",
                schema.provider.name
            ),
        )
        .with_help(format!(
            "write the document in {wanted} ({}); it was checked against {}'s table as if it were",
            schema
                .provider
                .body_formats_source
                .as_deref()
                .unwrap_or_default(),
            schema.provider.name
        )),
    )
}

fn shape_evidence(document: &Document) -> Vec<Evidence<'_>> {
    let root = &document.root;
    let mut found = Vec::new();
    let markers = find_markers(root, document.format);
    // A variant has its base's shape: only its Host or its name tells it.
    for (provider, summary) in summaries().iter().enumerate() {
        if summary.is_variant() {
            continue;
        }
        if let Some(namespace) = &document.namespace
            && summary
                .namespace_patterns()
                .iter()
                .any(|n| n.is_match(namespace))
        {
            found.push(Evidence {
                provider,
                what: Clue::Namespace(namespace),
                span: root.head_span,
            });
        }
        if let Some((marker, node)) = markers[provider] {
            found.push(Evidence {
                provider,
                what: Clue::Marker(&marker_steps()[provider][marker]),
                span: node.name_span,
            });
        }
        if document.format == Format::Json
            && !summary.json_names.is_empty()
            && let Some(node) = find_node(root, &|n| summary.json_name(&n.name).is_some())
        {
            found.push(Evidence {
                provider,
                what: Clue::JsonName(&node.name, summary.name),
                span: node.name_span,
            });
        }
    }
    found
}

/// For each table (by its index in [`summaries`]), the first of its markers in table
/// order that the document has, and where: a node, at any depth, that starts the marker's
/// path and has its later steps as descendants, so that a configuration is found under a
/// root, a list, a JSON wrapper, or a JSON list in a wrapper alike. A JSON document's
/// unnamed top-level object stands for any root, but is not by itself evidence of one.
/// One walk serves every table's markers (a list of thousands of configurations was
/// walked once per marker); it is iterative and the tree's depth bounded, so its work is
/// linear in the number of nodes.
fn find_markers(root: &Node, format: Format) -> Vec<Option<(usize, &Node)>> {
    let summaries = summaries();
    let steps = marker_steps();
    let json = format == Format::Json;
    let mut found: Vec<Option<(usize, &Node)>> = vec![None; summaries.len()];
    // A marker starts at a node named as some marker's first step (in any case: a table
    // may read names in any case), or in JSON as a member name that stands for one:
    // nearly every node is passed over here, and a node of the same length (there are
    // several in every document) is no longer looked at table by table.
    let firsts = if json {
        json_first_steps()
    } else {
        first_steps()
    };
    // Sized for an inventory document's widest level, so that it does not grow in one.
    let mut stack = Vec::with_capacity(32);
    stack.push(root);
    while let Some(node) = stack.pop() {
        stack.extend(node.children.iter().rev());
        if !firsts
            .iter()
            .any(|step| step.eq_ignore_ascii_case(&node.name))
        {
            continue;
        }
        for (provider, summary) in summaries.iter().enumerate() {
            if summary.is_variant() {
                continue;
            }
            // Looked up once per node and table, not once per marker.
            let alias = json_alias(summary, node, json);
            // Only a marker earlier in the table than the one found can change the answer.
            let limit = found[provider].map_or(summary.markers.len(), |(marker, _)| marker);
            for (marker, path) in steps[provider][..limit].iter().enumerate() {
                if let Some(hit) = marker_at(summary, node, alias, path, json) {
                    found[provider] = Some((marker, hit));
                    break;
                }
            }
        }
    }
    found
}

/// Every marker's first step, of every table, once.
fn first_steps() -> &'static [&'static str] {
    static FIRSTS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| {
        let mut firsts: Vec<&'static str> = marker_steps()
            .iter()
            .flatten()
            .filter_map(|steps| steps.first().copied())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    })
}

/// The names a JSON node may have where a marker starts: a first step, a member name that
/// stands for a first step, and none (the unnamed top-level object, which stands for any
/// root).
fn json_first_steps() -> &'static [&'static str] {
    static FIRSTS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| {
        let firsts = first_steps();
        let aliases = summaries()
            .iter()
            .flat_map(|summary| summary.json_names.iter())
            .filter(|(_, element)| firsts.contains(element))
            .map(|(member, _)| *member);
        let mut names: Vec<&'static str> = firsts.iter().copied().chain(aliases).collect();
        names.push("");
        names.sort_unstable();
        names.dedup();
        names
    })
}

/// Each table's markers split into their steps, once per process: the walk above asks
/// every node about every marker.
fn marker_steps() -> &'static [Vec<Vec<&'static str>>] {
    static STEPS: std::sync::OnceLock<Vec<Vec<Vec<&'static str>>>> = std::sync::OnceLock::new();
    STEPS.get_or_init(|| {
        summaries()
            .iter()
            .map(|summary| {
                summary
                    .markers
                    .iter()
                    .map(|path| path.split('/').collect())
                    .collect()
            })
            .collect()
    })
}

/// The node at the end of the marker's steps (`A`, `B`, `C`) when they start at `start`,
/// whose name stands for `alias` in JSON. Nearly every node fails the first step, so that
/// is asked first and cheaply.
fn marker_at<'n>(
    summary: &Summary,
    start: &'n Node,
    alias: Option<&str>,
    steps: &[&str],
    json: bool,
) -> Option<&'n Node> {
    let (first, rest) = steps.split_first()?;
    let nested = !rest.is_empty();
    // JSON names (the AWS CLI's) stand for XML ones; an unnamed top-level object for any
    // root.
    let stands_for = |node: &Node, alias: Option<&str>, step: &str| {
        summary.names_match(&node.name, step)
            || (json && (alias == Some(step) || (node.name.is_empty() && nested)))
    };
    if !stands_for(start, alias, first) {
        return None;
    }
    rest.iter().try_fold(start, |node, step| {
        node.children
            .iter()
            .find(|c| stands_for(c, json_alias(summary, c, json), step))
    })
}

/// The element name a JSON document's node name stands for in the table, if any.
fn json_alias(summary: &Summary, node: &Node, json: bool) -> Option<&'static str> {
    if json {
        summary.json_name(&node.name)
    } else {
        None
    }
}

fn find_node<'n>(root: &'n Node, predicate: &dyn Fn(&Node) -> bool) -> Option<&'n Node> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if predicate(node) {
            return Some(node);
        }
        stack.extend(node.children.iter());
    }
    None
}

fn mixed(first: &Evidence, other: &Evidence) -> Diagnostic {
    let (a, b) = if first.span.start() <= other.span.start() {
        (first, other)
    } else {
        (other, first)
    };
    let (a_name, b_name) = (a.summary().name, b.summary().name);
    Diagnostic::new(
        &PROVIDER,
        b.span,
        format!(
            "the document mixes providers: {} is {a_name}'s, but {} is {b_name}'s",
            a.what, b.what
        ),
    )
    .with_primary_label(b_name)
    .with_label(a.span, a_name)
    .with_help("a document is for one provider; each provider's documents have their own shape")
}

fn fits_none(root: &Node) -> Diagnostic {
    // A JSON wrapper (`{"InventoryConfiguration": ...}`) is named by what it wraps, like
    // the XML root it stands for.
    let is_root = |name: &str| summaries().iter().any(|s| s.roots.contains(&name));
    let root = match &root.children[..] {
        [only] if root.name.is_empty() && is_root(&only.name) => only,
        _ => root,
    };
    let seen = match root.name.as_ref() {
        "" => "a JSON object".to_string(),
        name => format!("`{name}`"),
    };
    let destination = find_node(root, &|n| n.name == "Destination").map(|d| {
        let inside: Vec<String> = d.children.iter().map(|c| format!("`{}`", c.name)).collect();
        match inside.as_slice() {
            [] => " with an empty `Destination`".to_string(),
            _ => format!(" whose `Destination` holds {}", inside.join(", ")),
        }
    });
    let expected: Vec<String> = summaries()
        .iter()
        .filter(|s| !s.is_variant())
        .map(|s| {
            let markers: Vec<String> = s
                .markers
                .iter()
                .map(|m| format!("`{}`", m.split('/').skip(1).collect::<Vec<_>>().join("/")))
                .map(|m| {
                    if m == "``" {
                        "its own root".to_string()
                    } else {
                        m
                    }
                })
                .collect();
            format!("{} has {}", s.name, markers.join(" or "))
        })
        .collect();
    Diagnostic::new(
        &PROVIDER,
        root.head_span,
        format!(
            "cannot tell which provider this document is for: it is {seen}{}",
            destination.unwrap_or_default()
        ),
    )
    .with_help(format!(
        "{}; or name the provider with --provider {}, or with `provider = ` in invlint.toml",
        expected.join("; "),
        summaries()
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>()
            .join("|")
    ))
}
