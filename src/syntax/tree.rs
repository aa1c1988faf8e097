//! The one provider-neutral tree that XML and JSON documents are lowered into.
//!
//! An XML element and a JSON object member become the same [`Node`]. A JSON array becomes
//! repeated sibling nodes that carry the member's name, exactly like repeated XML elements,
//! so one path addresses a node in both forms and every check is blind to the format.

use crate::diagnostic::Span;

/// The deepest a tree may be: nodes nested more deeply are a syntax finding, reported by
/// the lowering of either syntax. Inventory documents are at most six levels deep. The
/// binding, the checks and dropping a tree all recurse over its depth, so this bound is
/// what keeps them within any thread's stack.
pub const MAX_DEPTH: usize = 256;

/// The syntax a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

/// A parsed document: its syntax, its root node, and its comments.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    pub root: Node,
    /// The XML namespace URI of the root element, if it has one (`xmlns=""` is an empty
    /// one). Detection reads it, and nothing reads another element's namespace, so it is
    /// kept once here rather than in every node: a 50 MB list has a million of them.
    pub namespace: Option<String>,
    /// XML comments in document order, each with the element that follows it, where
    /// suppressions (`<!-- invlint-ignore ... -->`) are read from.
    pub comments: Vec<Comment>,
    /// Small syntax problems the parser read past (a trailing comma, a comment in JSON,
    /// white space before the XML declaration): each is reported, and the document is
    /// still checked as if it were not there.
    pub recovered: Vec<super::Recovered>,
}

/// An XML comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
    /// The whole element that follows the comment among its siblings, if any.
    pub next_element: Option<Span>,
}

/// An element (XML) or a member (JSON).
#[derive(Debug, Clone, Default)]
pub struct Node {
    /// The local name: the element name without a namespace prefix, or the member key.
    /// Names the providers' tables know are shared, not allocated per node.
    pub name: Name,
    /// The bytes of the name: the tag name in the start tag, or the key without quotes.
    pub name_span: Span,
    /// What a finding about the node as a whole underlines: the whole start tag, or the
    /// quoted key (the opening brace for a JSON document's implicit root).
    pub head_span: Span,
    /// The whole node: from `<` to the end of its end tag, or the whole JSON member.
    pub span: Span,
    /// The scalar content, if the node has no child elements.
    pub value: Option<Scalar>,
    pub children: Box<[Node]>,
    /// What no inventory document has, kept out of line so that every node is smaller:
    /// `None` when the node has none of it.
    pub extra: Option<Box<Extra>>,
}

/// The parts of a node that are mistakes in an inventory document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// XML attributes, which no inventory document has.
    pub attributes: Vec<Attribute>,
    /// Non-blank text found between child elements.
    pub stray_text: Vec<Span>,
}

/// An element or member name.
pub type Name = std::borrow::Cow<'static, str>;

/// A name as a [`Name`]: borrowed when `known` has it (the tables' names), owned otherwise.
pub fn name(text: &str, known: super::KnownNames) -> Name {
    match known(text) {
        Some(known) => Name::Borrowed(known),
        None => Name::Owned(text.to_string()),
    }
}

/// A scalar value with the bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The value with escapes and entities resolved; JSON strings without their quotes.
    /// Boxed rather than a `String`: a value never grows once parsed, and the box is a
    /// word smaller in every node.
    pub text: Box<str>,
    /// The bytes of the value, without quotes. For an empty XML element, the element.
    pub span: Span,
    pub kind: ScalarKind,
    /// Whether `text` is byte for byte the source at `span`, so that parts of the value
    /// (a token of a comma-separated list) can be given spans of their own.
    pub verbatim: bool,
}

/// What kind of JSON value a scalar was. XML text is always `Text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    Text,
    Number,
    Bool,
    Null,
    /// An array nested directly in an array, which has no meaning in an inventory document.
    NestedArray,
}

impl ScalarKind {
    pub fn describe(self) -> &'static str {
        match self {
            ScalarKind::Text => "a string",
            ScalarKind::Number => "a number",
            ScalarKind::Bool => "a boolean",
            ScalarKind::Null => "null",
            ScalarKind::NestedArray => "a nested array",
        }
    }
}

/// An XML attribute: its qualified name and the bytes of the whole attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub span: Span,
}

/// Blank text: nothing but XML white space (space, tab, CR, LF). Checked byte by byte,
/// which matters: every value and every gap between elements is asked.
pub trait Blank {
    fn is_blank(&self) -> bool;
}

impl Blank for str {
    fn is_blank(&self) -> bool {
        self.bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
    }
}

/// The part of `text[range]` that is not white space, as a span of `text`; `None` when
/// there is none. Both ways of parsing XML find stray text with it.
pub fn trimmed_span(text: &str, range: std::ops::Range<usize>) -> Option<Span> {
    let piece = &text[range.clone()];
    if piece.is_blank() {
        return None;
    }
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = range.start + (piece.len() - piece.trim_start().len());
    Some(Span::new(start, start + trimmed.len()))
}

impl Node {
    /// XML attributes, which no inventory document has.
    pub fn attributes(&self) -> &[Attribute] {
        self.extra.as_ref().map_or(&[], |extra| &extra.attributes)
    }

    /// Non-blank text found between child elements.
    pub fn stray_text(&self) -> &[Span] {
        self.extra.as_ref().map_or(&[], |extra| &extra.stray_text)
    }

    /// The node's extra parts, made when the first is added.
    pub fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// The children named `name`, in document order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The node's text, if it is a scalar.
    pub fn text(&self) -> Option<&str> {
        self.value.as_ref().map(|v| &*v.text)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_node_stays_small() {
        // A 50 MB list holds about a million nodes: every byte here is a megabyte there.
        assert!(
            std::mem::size_of::<super::Node>() <= 104,
            "{}",
            std::mem::size_of::<super::Node>()
        );
    }
}
