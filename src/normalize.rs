//! The JSON shapes a provider's tools write, turned into the provider's XML shape before
//! the checks run: member names that stand for element names (`SSES3` for `SSE-S3`), and
//! arrays of strings that stand for a container of repeated elements (`"OptionalFields":
//! ["Size"]` for `<OptionalFields><Field>Size</Field></OptionalFields>`). Both are data in
//! the provider's table.

use crate::diagnostic::Span;
use crate::provider::Schema;
use crate::syntax::tree::{Document, Format, Node, ScalarKind};

pub fn normalize(document: &mut Document, schema: &Schema) {
    if document.format != Format::Json {
        return;
    }
    let array_items: Vec<(&str, &str)> = schema
        .elements
        .iter()
        .filter_map(|e| Some((e.name.as_str(), e.json_array_item.as_deref()?)))
        .collect();
    if schema.provider.json_names.is_empty() && array_items.is_empty() {
        return;
    }
    walk(&mut document.root, schema, &array_items);
}

fn walk(node: &mut Node, schema: &Schema, array_items: &[(&str, &str)]) {
    if let Some(name) = schema.provider.json_names.get(node.name.as_ref()) {
        node.name = crate::syntax::tree::name(name, &crate::provider::known_name);
    }
    for child in &mut node.children {
        walk(child, schema, array_items);
    }
    for (container, item) in array_items {
        merge_array(node, container, item);
    }
}

/// Replaces the sibling text nodes named `container` (one per string of a JSON array) by
/// one container holding an `item` element per string.
fn merge_array(parent: &mut Node, container: &str, item: &str) {
    let is_entry = |n: &Node| {
        n.name == container
            && n.children.is_empty()
            && n.value.as_ref().is_some_and(|v| v.kind == ScalarKind::Text)
    };
    let Some(first) = parent.children.iter().position(is_entry) else {
        return;
    };
    let mut merged = Node {
        name: crate::syntax::tree::name(container, &crate::provider::known_name),
        name_span: parent.children[first].name_span,
        head_span: parent.children[first].head_span,
        span: parent.children[first].span,
        ..Node::default()
    };
    let mut kept = Vec::with_capacity(parent.children.len());
    let mut items = Vec::new();
    let mut slot = 0;
    for (index, child) in std::mem::take(&mut parent.children)
        .into_vec()
        .into_iter()
        .enumerate()
    {
        if !is_entry(&child) {
            kept.push(child);
            continue;
        }
        // The merged container takes the place of the array's first string.
        if index == first {
            slot = kept.len();
            kept.push(Node::default());
        }
        merged.span = Span::new(merged.span.start(), merged.span.end().max(child.span.end()));
        items.push(Node {
            name: crate::syntax::tree::name(item, &crate::provider::known_name),
            name_span: child.span,
            head_span: child.span,
            ..child
        });
    }
    merged.children = items.into_boxed_slice();
    kept[slot] = merged;
    parent.children = kept.into_boxed_slice();
}
