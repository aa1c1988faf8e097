//! INV030 prefix-overlap.
//! A check across files: `across.rs` groups the run's configurations by bucket, and
//! this file checks each group.

use super::{RuleKind, declare_rule};
use crate::across::{Finding, Group, MAX_NAMED, related};
use crate::diagnostic::{Diagnostic, Span};

declare_rule! {
    /// ## What it finds
    ///
    /// Two configurations of one bucket whose prefix filters overlap, for a provider that
    /// forbids it (OBS): one prefix is a prefix of the other (`ab` beside `a` or `abc`), or
    /// one configuration has no prefix and so covers the whole bucket. Both filters are
    /// labelled, in whichever files they are. Which providers, and which element is the
    /// prefix, is data: `prefix_overlap` in the provider's table.
    ///
    /// ## Why
    ///
    /// OBS rejects the second configuration with PrefixExistInclusionRelationship (400).
    ///
    /// ## Example
    ///
    /// Invalid:
    ///
    /// ```http invalid obs fragment
    /// === logs.http
    /// PUT /?inventory&id=logs HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>logs</Id><Filter><Prefix>logs/</Prefix></Filter></InventoryConfiguration>
    /// === app-logs.http
    /// PUT /?inventory&id=app-logs HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>app-logs</Id><Filter><Prefix>logs/app/</Prefix></Filter></InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```http valid obs fragment
    /// === logs.http
    /// PUT /?inventory&id=logs HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>logs</Id><Filter><Prefix>logs/</Prefix></Filter></InventoryConfiguration>
    /// === images.http
    /// PUT /?inventory&id=images HTTP/1.1
    /// Host: photos.obs.cn-north-4.myhuaweicloud.com
    ///
    /// <InventoryConfiguration><Id>images</Id><Filter><Prefix>images/</Prefix></Filter></InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV030",
        name: "prefix-overlap",
        severity: Error,
        summary: "Prefix filters of one bucket that overlap, where the provider forbids it",
        kind: RuleKind::AcrossFiles(check),
    }
}

/// Prefix filters of one bucket where one contains the other; a configuration without a
/// prefix covers the whole bucket and overlaps every other. Each configuration that
/// overlaps earlier ones is one finding, naming the first few of them ([`MAX_NAMED`]) and
/// counting the rest. The earlier prefixes are kept in a trie, so each configuration
/// costs the length of its prefix, however many came before.
fn check(group: &Group, out: &mut Vec<Finding>) {
    let Some(overlap) = &group.schema.provider.prefix_overlap else {
        return;
    };
    let reason = overlap.reason.as_str();
    let (reports, entries, bucket) = (group.reports, &group.entries[..], group.bucket);
    let mut earlier = Earlier::default();
    for (index, later) in entries.iter().enumerate() {
        let prefix = later
            .configuration
            .prefix
            .as_ref()
            .map(|(text, _)| text.as_str());
        let (count, mut named) = earlier.overlapping(prefix);
        earlier.insert(prefix, index);
        if count == 0 {
            continue;
        }
        named.sort_unstable();
        named.truncate(MAX_NAMED);
        let describe = |p: &Option<(String, Span)>| match p {
            Some((text, _)) => format!("the prefix `{text}`"),
            None => "no prefix (the whole bucket)".to_string(),
        };
        let span_of = |p: &Option<(String, Span)>, head: Span| p.as_ref().map_or(head, |(_, s)| *s);
        let b = &later.configuration.prefix;
        let later_span = span_of(b, later.configuration.head);
        let others: Vec<String> = named
            .iter()
            .map(|&i| describe(&entries[i].configuration.prefix))
            .collect();
        let message = if count == 1 {
            format!(
                "{} overlaps {} of another configuration of bucket `{bucket}`",
                describe(b),
                others[0]
            )
        } else {
            let rest = count - named.len();
            format!(
                "{} overlaps {count} other configurations of bucket `{bucket}`: {}{}",
                describe(b),
                others.join(", "),
                if rest > 0 {
                    format!(", and {rest} more")
                } else {
                    String::new()
                }
            )
        };
        let mut finding = Diagnostic::new(&RULE, later_span, message).with_help(reason.to_string());
        for &i in &named {
            let other = &entries[i];
            let span = span_of(&other.configuration.prefix, other.configuration.head);
            if other.file == later.file {
                finding = finding.with_label(span, "the other configuration's filter");
            } else {
                finding.related.push(related(
                    reports,
                    other.file,
                    span,
                    "the other configuration's filter",
                ));
            }
        }
        out.push((later.file, finding));
    }
}

/// The configurations seen so far: those without a prefix, and a trie of the prefixes,
/// each node counting the configurations at it and below it and keeping the first few.
#[derive(Default)]
struct Earlier {
    whole_bucket: Vec<usize>,
    whole_bucket_count: usize,
    nodes: Vec<Node>,
    total: usize,
}

#[derive(Default)]
struct Node {
    children: Vec<(u8, usize)>,
    here: Vec<usize>,
    here_count: usize,
    below: Vec<usize>,
    below_count: usize,
}

impl Earlier {
    /// How many earlier configurations overlap one with this prefix, and (a few of) which.
    fn overlapping(&self, prefix: Option<&str>) -> (usize, Vec<usize>) {
        let mut named: Vec<usize> = self.whole_bucket.clone();
        let Some(prefix) = prefix else {
            // No prefix overlaps everything before it.
            let mut all = named;
            if let Some(root) = self.nodes.first() {
                all.extend(&root.below);
            }
            return (self.total, all);
        };
        let mut count = self.whole_bucket_count;
        let Some(mut node) = (!self.nodes.is_empty()).then_some(0) else {
            return (count, named);
        };
        for byte in prefix.bytes() {
            // Every earlier prefix that ends on the way is a prefix of this one.
            count += self.nodes[node].here_count;
            named.extend(&self.nodes[node].here);
            match self.child(node, byte) {
                Some(next) => node = next,
                None => return (count, named),
            }
        }
        // Every earlier prefix at or below this node starts with this one.
        count += self.nodes[node].below_count;
        named.extend(&self.nodes[node].below);
        (count, named)
    }

    fn insert(&mut self, prefix: Option<&str>, index: usize) {
        self.total += 1;
        let Some(prefix) = prefix else {
            self.whole_bucket_count += 1;
            if self.whole_bucket.len() < MAX_NAMED {
                self.whole_bucket.push(index);
            }
            return;
        };
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut node = 0;
        self.count_below(node, index);
        for byte in prefix.bytes() {
            node = match self.child(node, byte) {
                Some(next) => next,
                None => {
                    self.nodes.push(Node::default());
                    let next = self.nodes.len() - 1;
                    self.nodes[node].children.push((byte, next));
                    next
                }
            };
            self.count_below(node, index);
        }
        let here = &mut self.nodes[node];
        here.here_count += 1;
        if here.here.len() < MAX_NAMED {
            here.here.push(index);
        }
    }

    fn count_below(&mut self, node: usize, index: usize) {
        let node = &mut self.nodes[node];
        node.below_count += 1;
        if node.below.len() < MAX_NAMED {
            node.below.push(index);
        }
    }

    fn child(&self, node: usize, byte: u8) -> Option<usize> {
        self.nodes[node]
            .children
            .iter()
            .find(|(b, _)| *b == byte)
            .map(|(_, n)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::Earlier;

    #[test]
    fn the_trie_counts_prefixes_above_below_and_the_whole_bucket() {
        let mut earlier = Earlier::default();
        for (index, prefix) in [
            Some("logs/"),
            Some("logs/app/"),
            Some("img/"),
            None,
            Some("logs/"),
        ]
        .into_iter()
        .enumerate()
        {
            earlier.insert(prefix, index);
        }
        let sorted = |(count, mut named): (usize, Vec<usize>)| {
            named.sort_unstable();
            named.dedup();
            (count, named)
        };
        // Above: both `logs/`, `logs/app/`, and the whole bucket.
        assert_eq!(
            sorted(earlier.overlapping(Some("logs/app/x"))),
            (4, vec![0, 1, 3, 4])
        );
        // Below: the same, from a shorter prefix.
        assert_eq!(
            sorted(earlier.overlapping(Some("lo"))),
            (4, vec![0, 1, 3, 4])
        );
        assert_eq!(sorted(earlier.overlapping(Some("zzz"))), (1, vec![3]));
        assert_eq!(earlier.overlapping(None).0, 5);
    }
}
