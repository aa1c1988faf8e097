//! Where a cursor is in a document, for an editor's hover and completion: the element path
//! from the root to it, and whether it is on a name or in a value. Read lexically, from
//! the start of the text to the cursor, so that it works on half-typed text that does not
//! parse (which is when completion is asked for), and then resolved against a provider's
//! table.

use crate::diagnostic::Span;
use crate::provider::{Schema, SpecId};

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The names of the elements (or members) that enclose the cursor, outermost first;
    /// for a name under the cursor, the path ends with that name.
    pub path: Vec<String>,
    pub kind: PlaceKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceKind {
    /// An element name or member key, written so far over `span` (empty at `<` or `"`).
    Name { span: Span },
    /// The value of the last element of the path, written so far over `span`.
    Value { span: Span },
    /// Between elements: a new one could start here.
    Between,
}

/// The place of a cursor at byte `offset` in an XML or JSON text (told by its first
/// character, as the checks tell it).
pub fn place(text: &str, offset: usize) -> Place {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    if text.trim_start().starts_with(['{', '[']) {
        json_place(text, offset)
    } else {
        xml_place(text, offset)
    }
}

/// The table element a path names: from a root of the table, or, for a JSON document
/// without its wrapper, from the table's first root.
pub fn resolve(schema: &Schema, path: &[String]) -> Option<SpecId> {
    let (first, rest) = path.split_first()?;
    let (mut spec, rest) = match schema.root_named(first) {
        Some(root) => (root, rest),
        None => (*schema.roots.first()?, path),
    };
    for name in rest {
        spec = schema.child_named(spec, name)?;
    }
    Some(spec)
}

/// What a provider's table says of an element, as Markdown: its kind, whether it is
/// required or repeated, its values, bounds, pattern and regions, what it holds, and the
/// documented source of these facts. What an editor shows on hover.
pub fn describe(schema: &Schema, id: SpecId) -> String {
    let spec = schema.spec(id);
    let mut out = format!("**`{}`** ({})\n\n", spec.name, schema.provider.name);
    let mut facts = vec![spec.kind.describe().to_string()];
    facts.push(
        if spec.required {
            "required"
        } else {
            "optional"
        }
        .to_string(),
    );
    if spec.repeated {
        facts.push("may be repeated".to_string());
    }
    out.push_str(&facts.join("; "));
    out.push_str("\n\n");
    if !spec.values.is_empty() {
        let values: Vec<String> = spec.values.iter().map(|v| format!("`{v}`")).collect();
        out.push_str(&format!("Values: {}", values.join(", ")));
        if let Some(separator) = &spec.separator {
            out.push_str(&format!(" (a list, separated by `{separator}`)"));
        }
        out.push_str("\n\n");
    }
    match (spec.min_length, spec.max_length) {
        (Some(min), Some(max)) => out.push_str(&format!("Length: {min} to {max} characters\n\n")),
        (None, Some(max)) => out.push_str(&format!("Length: at most {max} characters\n\n")),
        (Some(min), None) => out.push_str(&format!("Length: at least {min} characters\n\n")),
        (None, None) => {}
    }
    match (spec.min, spec.max) {
        (Some(min), Some(max)) => out.push_str(&format!("Range: {min} to {max}\n\n")),
        (None, Some(max)) => out.push_str(&format!("Range: at most {max}\n\n")),
        (Some(min), None) => out.push_str(&format!("Range: at least {min}\n\n")),
        (None, None) => {}
    }
    let pattern = spec.pattern.as_ref().map(|p| &p.source);
    if let Some(pattern) = spec.pattern_description.as_ref().or(pattern) {
        out.push_str(&format!("Pattern: {pattern}\n\n"));
    }
    if !spec.regions.is_empty() {
        out.push_str(&format!(
            "Only in the regions: {}\n\n",
            spec.regions.join(", ")
        ));
    }
    let children: Vec<String> = schema
        .children(id)
        .iter()
        .map(|c| format!("`{}`", schema.spec(*c).name))
        .collect();
    if !children.is_empty() {
        out.push_str(&format!("Holds: {}\n\n", children.join(", ")));
    }
    if let Some(note) = &spec.note {
        out.push_str(note);
        out.push_str("\n\n");
    }
    out.push_str(&format!("Source: {}", spec.source));
    out
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// XML: a stack of the start tags not yet closed before the cursor.
fn xml_place(text: &str, offset: usize) -> Place {
    let before = &text[..offset];
    let mut stack: Vec<String> = Vec::new();
    let mut at = 0;
    let mut after_last_tag = 0;
    while let Some(found) = before[at..].find('<') {
        let start = at + found;
        let rest = &before[start..];
        // Comments, declarations and processing instructions hold no elements.
        let closer = if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            ""
        };
        if !closer.is_empty() {
            match rest.find(closer) {
                Some(end) => {
                    at = start + end + closer.len();
                    after_last_tag = at;
                    continue;
                }
                None => {
                    return Place {
                        path: stack,
                        kind: PlaceKind::Between,
                    };
                }
            }
        }
        let Some(end) = rest.find('>') else {
            // The cursor is inside this tag: on its name while no space follows it.
            let closing = rest.starts_with("</");
            let name_start = start + if closing { 2 } else { 1 };
            let name = &before[name_start..];
            if closing || name.contains(char::is_whitespace) {
                return Place {
                    path: stack,
                    kind: PlaceKind::Between,
                };
            }
            let mut path = stack;
            path.push(local(name).to_string());
            return Place {
                path,
                kind: PlaceKind::Name {
                    span: Span::new(name_start, offset),
                },
            };
        };
        // A `<` before the `>` means this tag was left unfinished (being typed further
        // up): it names no element.
        if let Some(next) = rest[1..end].find('<') {
            at = start + 1 + next;
            continue;
        }
        let tag = &rest[1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if stack.last().is_some_and(|last| last == local(name.trim())) {
                stack.pop();
            }
        } else if !tag.ends_with('/') {
            let name = tag.split(char::is_whitespace).next().unwrap_or_default();
            stack.push(local(name).to_string());
        }
        at = start + end + 1;
        after_last_tag = at;
    }
    let written = &before[after_last_tag..];
    // Text right after a start tag is that element's value (a container's is blank).
    let kind = if written.trim().is_empty() {
        PlaceKind::Between
    } else {
        let lead = written.len() - written.trim_start().len();
        PlaceKind::Value {
            span: Span::new(after_last_tag + lead, offset),
        }
    };
    Place { path: stack, kind }
}

/// The name without a namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// JSON: a stack of the objects and arrays open before the cursor, each with the key it
/// is the value of.
fn json_place(text: &str, offset: usize) -> Place {
    let bytes = text.as_bytes();
    // Each open container: its key (arrays keep their key: their items are its values).
    let mut stack: Vec<(u8, Option<String>)> = Vec::new();
    let mut key: Option<String> = None;
    let mut expecting_key = false;
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < offset && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                if j >= offset {
                    // The cursor is inside this string.
                    let span = Span::new(start, offset);
                    let path = json_path(&stack);
                    let in_object = stack.last().is_some_and(|(kind, _)| *kind == b'{');
                    if in_object && expecting_key {
                        let mut path = path;
                        path.push(text[start..offset].to_string());
                        return Place {
                            path,
                            kind: PlaceKind::Name { span },
                        };
                    }
                    let mut path = path;
                    if let Some(key) = key.take().filter(|_| in_object) {
                        path.push(key);
                    }
                    return Place {
                        path,
                        kind: PlaceKind::Value { span },
                    };
                }
                if expecting_key {
                    key = Some(text[start..j].to_string());
                    expecting_key = false;
                }
                i = j + 1;
                continue;
            }
            open @ (b'{' | b'[') => {
                stack.push((open, key.take()));
                expecting_key = open == b'{';
            }
            b'}' | b']' => {
                stack.pop();
                key = None;
                expecting_key = false;
            }
            b',' => {
                key = None;
                expecting_key = stack.last().is_some_and(|(kind, _)| *kind == b'{');
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = json_path(&stack);
    if expecting_key {
        return Place {
            path,
            kind: PlaceKind::Between,
        };
    }
    if let Some(key) = key {
        path.push(key);
        return Place {
            path,
            kind: PlaceKind::Value {
                span: Span::empty(offset),
            },
        };
    }
    Place {
        path,
        kind: PlaceKind::Between,
    }
}

/// The keys of the open objects, outermost first; an array adds nothing of its own (its
/// items are values of its key), and the document's own braces have no key.
fn json_path(stack: &[(u8, Option<String>)]) -> Vec<String> {
    stack.iter().filter_map(|(_, key)| key.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Place {
        let offset = text.find('|').unwrap();
        place(&text.replacen('|', "", 1), offset)
    }

    fn path(place: &Place) -> Vec<&str> {
        place.path.iter().map(String::as_str).collect()
    }

    #[test]
    fn xml_a_half_typed_name_is_a_name_under_its_open_elements() {
        let place = at(
            "<?xml version=\"1.0\"?>\n<InventoryConfiguration>\n  <!-- a <b> -->\n  <Schedule>\n    <Fre|",
        );
        assert_eq!(path(&place), ["InventoryConfiguration", "Schedule", "Fre"]);
        assert!(matches!(place.kind, PlaceKind::Name { span } if span.len() == 3));
    }

    #[test]
    fn xml_an_unfinished_tag_further_up_encloses_nothing() {
        let place =
            at("<InventoryConfiguration><Schedule>\n<Fre\n</Schedule><IncludedObjectVersions>|");
        assert_eq!(
            path(&place),
            ["InventoryConfiguration", "IncludedObjectVersions"]
        );
    }

    #[test]
    fn xml_text_after_a_start_tag_is_its_value_and_closed_elements_are_gone() {
        let place = at("<InventoryConfiguration><Id>a</Id><Schedule><Frequency>Da|");
        assert_eq!(
            path(&place),
            ["InventoryConfiguration", "Schedule", "Frequency"]
        );
        assert!(matches!(place.kind, PlaceKind::Value { span } if span.len() == 2));
        let between = at("<InventoryConfiguration><Id>a</Id>\n  |");
        assert_eq!(path(&between), ["InventoryConfiguration"]);
        assert_eq!(between.kind, PlaceKind::Between);
    }

    #[test]
    fn json_keys_and_values_under_their_objects() {
        let key = at("{\"Schedule\": {\"Fre|");
        assert_eq!(path(&key), ["Schedule", "Fre"]);
        assert!(matches!(key.kind, PlaceKind::Name { .. }));
        let value = at("{\"Id\": \"a,b\", \"Schedule\": {\"Frequency\": \"D|");
        assert_eq!(path(&value), ["Schedule", "Frequency"]);
        assert!(matches!(value.kind, PlaceKind::Value { span } if span.len() == 1));
        let item = at("{\"OptionalFields\": {\"Field\": [\"Size\", \"|");
        assert_eq!(path(&item), ["OptionalFields", "Field"]);
        assert!(matches!(item.kind, PlaceKind::Value { .. }));
        let between = at("{\"Id\": \"x\", |");
        assert_eq!(between.kind, PlaceKind::Between);
        assert!(between.path.is_empty());
    }

    #[test]
    fn paths_resolve_from_a_root_or_from_the_first_root() {
        let schema = crate::provider::by_id("oss").unwrap();
        let names = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let from_root = resolve(
            schema,
            &names(&["InventoryConfiguration", "Schedule", "Frequency"]),
        );
        let bare = resolve(schema, &names(&["Schedule", "Frequency"]));
        assert!(from_root.is_some());
        assert_eq!(from_root, bare);
        assert_eq!(resolve(schema, &names(&["Schedule", "Nope"])), None);
        let shown = describe(schema, from_root.unwrap());
        assert!(
            shown.starts_with("**`Frequency`**") && shown.contains("`Daily`"),
            "{shown}"
        );
        assert!(shown.contains("Source: "), "{shown}");
    }
}
