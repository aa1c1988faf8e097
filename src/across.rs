//! What the checks across files work on: the facts each document contributes (its
//! configurations' Ids and prefixes, its bucket), grouped by provider and bucket over the
//! whole run. The checks themselves are rules of kind `AcrossFiles`, one file each
//! (`checks/bucket_duplicate_id.rs`, `bucket_config_limit.rs`, `prefix_overlap.rs`). A
//! document's bucket comes from its request's Host or from `--bucket`; it is never guessed
//! from a file name.

use std::collections::BTreeMap;

use crate::checks::{ALL_RULES, Context, Rule, RuleKind};
use crate::diagnostic::{Diagnostic, Related, Span};
use crate::provider::Schema;
use crate::report::FileReport;

/// What a file contributes to the checks across files.
#[derive(Debug, Clone)]
pub struct FileFacts {
    pub provider: &'static str,
    pub bucket: Option<String>,
    pub configurations: Vec<ConfigurationFacts>,
}

#[derive(Debug, Clone)]
pub struct ConfigurationFacts {
    /// The configuration's start tag or key.
    pub head: Span,
    pub id: Option<(String, Span)>,
    /// The filter prefix, for providers whose prefixes may not overlap; `None` for a
    /// configuration without one, which covers the whole bucket.
    pub prefix: Option<(String, Span)>,
}

/// Reads the facts of a checked document.
pub fn facts(ctx: &Context, provider: &'static str) -> FileFacts {
    let overlap_path = ctx
        .schema
        .provider
        .prefix_overlap
        .as_ref()
        .map(|o| o.path.as_str());
    let configurations = ctx
        .configurations()
        .map(|(_, bound)| {
            let text = |node: Option<&crate::syntax::tree::Node>| {
                node.and_then(|n| n.value.as_ref())
                    .filter(|v| !v.text.is_empty())
                    .map(|v| (v.text.to_string(), v.span))
            };
            let prefix = overlap_path.and_then(|path| {
                let steps: Vec<&str> = path.split('/').skip(1).collect();
                let node = steps
                    .iter()
                    .try_fold(bound.node, |node, step| node.child(step));
                text(node)
            });
            ConfigurationFacts {
                head: bound.node.head_span,
                id: text(bound.node.child("Id")),
                prefix,
            }
        })
        .collect();
    FileFacts {
        provider,
        bucket: ctx.env.bucket.as_ref().map(|b| b.value.clone()),
        configurations,
    }
}

/// One configuration of a group, with the file it is in.
pub struct Entry<'r> {
    pub file: usize,
    pub configuration: &'r ConfigurationFacts,
}

/// The configurations of one bucket of one provider over the run, in the order of the
/// run's files, and the reports they are in (for names and positions).
pub struct Group<'r> {
    pub reports: &'r [FileReport],
    pub entries: Vec<Entry<'r>>,
    pub bucket: &'r str,
    pub schema: &'static Schema,
}

/// How many other places a finding across files names; the rest are counted. A file of
/// thousands of configurations must not make findings that each list thousands.
pub const MAX_NAMED: usize = 3;

/// A finding of a check across files, and the index of the report it belongs to.
pub type Finding = (usize, Diagnostic);

/// The rules of kind `AcrossFiles`.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    ALL_RULES
        .iter()
        .copied()
        .filter(|rule| matches!(rule.kind, RuleKind::AcrossFiles(_)))
}

/// Runs every rule of kind `AcrossFiles` that `enabled` says some file of the run selects,
/// and adds the findings to the reports they are about (the run's filtering pass then
/// applies each file's own settings).
pub fn check_across(reports: &mut [FileReport], enabled: impl Fn(&'static Rule) -> bool) {
    let checks: Vec<_> = rules()
        .filter(|rule| enabled(rule))
        .filter_map(|rule| match rule.kind {
            RuleKind::AcrossFiles(check) => Some(check),
            _ => None,
        })
        .collect();
    if checks.is_empty() {
        return;
    }
    let mut groups: BTreeMap<(&'static str, String), Vec<(usize, usize)>> = BTreeMap::new();
    for (file, report) in reports.iter().enumerate() {
        let Some(facts) = &report.facts else { continue };
        let Some(bucket) = &facts.bucket else {
            continue;
        };
        for index in 0..facts.configurations.len() {
            groups
                .entry((facts.provider, bucket.clone()))
                .or_default()
                .push((file, index));
        }
    }
    let mut found: Vec<Finding> = Vec::new();
    for ((provider, bucket), members) in &groups {
        let entries: Vec<Entry> = members
            .iter()
            .map(|&(file, index)| Entry {
                file,
                configuration: &reports[file]
                    .facts
                    .as_ref()
                    .expect("grouped above")
                    .configurations[index],
            })
            .collect();
        let group = Group {
            reports,
            entries,
            bucket,
            schema: crate::provider::by_id(provider).expect("facts name a known provider"),
        };
        for check in &checks {
            check(&group, &mut found);
        }
    }
    for (file, diagnostic) in found {
        reports[file].diagnostics.push(diagnostic);
    }
}

/// A place in another file of the run, for a finding's `related` list.
pub fn related(
    reports: &[FileReport],
    file: usize,
    span: Span,
    message: impl Into<String>,
) -> Related {
    let source = &reports[file].source;
    Related {
        path: source.name.clone(),
        file: source.path.clone(),
        span,
        start: source.line_col(span.start()),
        end: source.line_col(span.end()),
        message: crate::escape::message(message.into()),
    }
}
