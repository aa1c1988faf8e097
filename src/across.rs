//! Checks across files: over every document of one run, grouped by provider and bucket,
//! the same Id twice, more configurations than the provider allows, and (OBS) prefix
//! filters that overlap. A document's bucket comes from its request's Host or from
//! `--bucket`; it is never guessed from a file name.

use std::collections::BTreeMap;

use crate::checks::{Context, Rule, bucket_config_limit, bucket_duplicate_id, prefix_overlap};
use crate::diagnostic::{Diagnostic, Related, Span};
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
                    .map(|v| (v.text.clone(), v.span))
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
struct Entry<'r> {
    file: usize,
    configuration: &'r ConfigurationFacts,
}

/// Runs the checks across files that `enabled` says any file of the run selects, and adds
/// their findings to the reports they are about (the run's filtering pass then applies each
/// file's own settings).
pub fn check_across(reports: &mut [FileReport], enabled: impl Fn(&'static Rule) -> bool) {
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
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
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
        let schema = crate::provider::by_id(provider).expect("facts name a known provider");
        if enabled(&bucket_duplicate_id::RULE) {
            found.extend(duplicate_ids(reports, &entries, bucket));
        }
        if enabled(&bucket_config_limit::RULE) {
            found.extend(over_limit(reports, &entries, bucket, schema));
        }
        if enabled(&prefix_overlap::RULE)
            && let Some(overlap) = &schema.provider.prefix_overlap
        {
            found.extend(overlaps(reports, &entries, bucket, &overlap.reason));
        }
    }
    for (file, diagnostic) in found {
        reports[file].diagnostics.push(diagnostic);
    }
    for report in reports.iter_mut() {
        report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}

fn related(reports: &[FileReport], file: usize, span: Span, message: impl Into<String>) -> Related {
    let source = &reports[file].source;
    Related {
        path: source.name.clone(),
        span,
        start: source.line_col(span.start),
        end: source.line_col(span.end),
        message: crate::escape::message(message.into()),
    }
}

/// The same Id for one bucket in two files: each later occurrence is a finding that names
/// every other place. Repeats inside one list document are duplicate-id's.
fn duplicate_ids(
    reports: &[FileReport],
    entries: &[Entry],
    bucket: &str,
) -> Vec<(usize, Diagnostic)> {
    let mut by_id: BTreeMap<&str, Vec<(usize, Span)>> = BTreeMap::new();
    for entry in entries {
        if let Some((id, span)) = &entry.configuration.id {
            by_id.entry(id).or_default().push((entry.file, *span));
        }
    }
    let mut out = Vec::new();
    for (id, places) in by_id {
        let files: Vec<usize> = places.iter().map(|(f, _)| *f).collect();
        if files.iter().all(|f| *f == files[0]) {
            continue;
        }
        for (position, &(file, span)) in places.iter().enumerate().skip(1) {
            if places[..position].iter().all(|(f, _)| *f == file) {
                continue;
            }
            let others: Vec<&(usize, Span)> = places
                .iter()
                .enumerate()
                .filter(|(i, (f, _))| *i != position && *f != file)
                .map(|(_, p)| p)
                .collect();
            let mut finding = Diagnostic::new(
                &bucket_duplicate_id::RULE,
                span,
                format!("the Id `{id}` is used for bucket `{bucket}` in another file too"),
            )
            .with_primary_label("repeated here")
            .with_help("an Id names one configuration of a bucket; a second Put with it replaces the first, or fails");
            finding.related = others
                .iter()
                .map(|(f, s)| related(reports, *f, *s, format!("`{id}` is used here too")))
                .collect();
            out.push((file, finding));
        }
    }
    out
}

/// More configurations for one bucket than the provider allows.
fn over_limit(
    reports: &[FileReport],
    entries: &[Entry],
    bucket: &str,
    schema: &crate::provider::Schema,
) -> Vec<(usize, Diagnostic)> {
    let limit = schema.provider.max_configurations;
    let Some(first_over) = entries.get(limit) else {
        return Vec::new();
    };
    let mut files: Vec<usize> = entries.iter().map(|e| e.file).collect();
    files.dedup();
    let shown = 20;
    let mut names: Vec<String> = files
        .iter()
        .take(shown)
        .map(|f| reports[*f].source.name.clone())
        .collect();
    if files.len() > shown {
        names.push(format!("and {} more files", files.len() - shown));
    }
    let mut finding = Diagnostic::new(
        &bucket_config_limit::RULE,
        first_over.configuration.head,
        format!(
            "bucket `{bucket}` has {} configurations in this run; {} allows at most {limit}",
            entries.len(),
            schema.provider.name
        ),
    )
    .with_primary_label(format!("configuration number {}", limit + 1))
    .with_help(format!(
        "{}; the configurations are in {}",
        schema.provider.max_configurations_source,
        names.join(", ")
    ));
    finding.related = files
        .iter()
        .filter(|f| **f != first_over.file)
        .take(shown)
        .map(|f| {
            let head = entries
                .iter()
                .find(|e| e.file == *f)
                .expect("from entries")
                .configuration
                .head;
            related(reports, *f, head, "a configuration of this bucket")
        })
        .collect();
    vec![(first_over.file, finding)]
}

/// Prefix filters of one bucket where one contains the other; a configuration without a
/// prefix covers the whole bucket and overlaps every other.
fn overlaps(
    reports: &[FileReport],
    entries: &[Entry],
    bucket: &str,
    reason: &str,
) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    for (later_index, later) in entries.iter().enumerate() {
        for earlier in &entries[..later_index] {
            let (a, b) = (&earlier.configuration.prefix, &later.configuration.prefix);
            let overlap = match (a, b) {
                (Some((x, _)), Some((y, _))) => {
                    x.starts_with(y.as_str()) || y.starts_with(x.as_str())
                }
                _ => true,
            };
            if !overlap {
                continue;
            }
            let describe = |p: &Option<(String, Span)>| match p {
                Some((text, _)) => format!("the prefix `{text}`"),
                None => "no prefix (the whole bucket)".to_string(),
            };
            let span_of =
                |p: &Option<(String, Span)>, head: Span| p.as_ref().map_or(head, |(_, s)| *s);
            let later_span = span_of(b, later.configuration.head);
            let earlier_span = span_of(a, earlier.configuration.head);
            let mut finding = Diagnostic::new(
                &prefix_overlap::RULE,
                later_span,
                format!(
                    "{} overlaps {} of another configuration of bucket `{bucket}`",
                    describe(b),
                    describe(a)
                ),
            )
            .with_help(reason.to_string());
            if earlier.file == later.file {
                finding = finding.with_label(earlier_span, "the other configuration's filter");
            } else {
                finding.related = vec![related(
                    reports,
                    earlier.file,
                    earlier_span,
                    "the other configuration's filter",
                )];
            }
            out.push((later.file, finding));
        }
    }
    out
}
