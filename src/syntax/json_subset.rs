//! The fast way in for JSON: a single pass over the bytes straight into the shared tree,
//! for the plain JSON that inventory documents are written in. Anything outside it (an
//! escape in a string, a control character in one, a number with a fraction or an
//! exponent, an array nested in an array, objects nested more than [`MAX_SUBSET_DEPTH`]
//! deep, a comment, a trailing comma, white space other than JSON's four, or any mistake
//! at all) makes it answer `None`, and the caller parses the document with jsonc-parser,
//! whose checks, recoveries and error positions are the syntax rule's. So this parser
//! never has to say why a document is wrong, only to be sure that it is right; and for
//! every document it accepts it builds the tree the jsonc-parser path would build, byte
//! for byte (`tests/json_subset.rs` and the `json_differential` fuzz target compare the
//! two).
//!
//! It recurses once per nested object, at most [`MAX_SUBSET_DEPTH`] times: deeper
//! documents are jsonc-parser's, which bounds its own depth.

use crate::diagnostic::Span;
use crate::syntax::KnownNames;
use crate::syntax::tree::{Document, Format, Node, Scalar, ScalarKind, name};

/// The deepest nesting of objects the subset takes. Inventory documents are at most six
/// levels deep; the bound keeps this parser's recursion small.
pub const MAX_SUBSET_DEPTH: usize = 32;

/// Parses `body`, whose first byte is byte `base` of the file, or answers `None` when the
/// document is outside the subset.
pub fn parse(body: &str, base: usize, known: KnownNames) -> Option<Document> {
    let mut parser = Parser {
        text: body,
        bytes: body.as_bytes(),
        at: 0,
        base,
        known,
        // Sized for an inventory document, so that it does not grow a doubling at a time
        // in every document.
        done: Vec::with_capacity(32),
    };
    parser.space();
    if parser.peek()? != b'{' {
        return None;
    }
    let open = parser.at;
    let children = parser.object(1)?;
    let close = parser.at;
    parser.space();
    if parser.at != parser.bytes.len() {
        return None;
    }
    let brace = parser.span(open, open + 1);
    let root = Node {
        name_span: brace,
        head_span: brace,
        span: parser.span(open, close),
        children,
        ..Node::default()
    };
    Some(Document {
        format: Format::Json,
        root,
        namespace: None,
        comments: Vec::new(),
        recovered: Vec::new(),
    })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    base: usize,
    known: KnownNames<'a>,
    /// The members of the objects open, in order: an object's members wait here until
    /// its closing brace takes them off in one piece, one exact allocation per object.
    done: Vec<Node>,
}

impl Parser<'_> {
    /// The members of the object whose `{` is at the cursor, at `depth` (the top-level
    /// object is 1), as nodes: a member holding an array is one node per element, each
    /// with the member's name and the element's span, as the jsonc-parser path lowers it.
    fn object(&mut self, depth: usize) -> Option<Box<[Node]>> {
        if depth > MAX_SUBSET_DEPTH {
            return None;
        }
        self.at += 1;
        let first = self.done.len();
        self.space();
        if self.eat(b'}') {
            return Some(Box::default());
        }
        loop {
            self.space();
            let key_start = self.at;
            let key = self.string()?;
            let template = Node {
                name: name(&self.text[key.range()], self.known),
                name_span: key.shifted(self.base),
                head_span: self.span(key_start, self.at),
                ..Node::default()
            };
            self.space();
            if !self.eat(b':') {
                return None;
            }
            self.space();
            if self.eat(b'[') {
                self.elements(&template, depth)?;
            } else {
                let mut node = template;
                self.value(&mut node, depth)?;
                node.span = self.span(key_start, self.at);
                self.done.push(node);
            }
            self.space();
            match self.next()? {
                b',' => {}
                b'}' => return Some(self.done.drain(first..).collect()),
                _ => return None,
            }
        }
    }

    /// The elements of the array whose `[` was just read, the value of a member of an
    /// object at `depth`: each becomes a node of its own, the member's (`template`) with
    /// the element's span.
    fn elements(&mut self, template: &Node, depth: usize) -> Option<()> {
        self.space();
        if self.eat(b']') {
            return Some(());
        }
        loop {
            self.space();
            let start = self.at;
            let mut node = template.clone();
            self.value(&mut node, depth)?;
            node.span = self.span(start, self.at);
            self.done.push(node);
            self.space();
            match self.next()? {
                b',' => {}
                b']' => return Some(()),
                _ => return None,
            }
        }
    }

    /// Gives `node` (a member of an object at `depth`) the value at the cursor: its
    /// children for an object, else its scalar.
    fn value(&mut self, node: &mut Node, depth: usize) -> Option<()> {
        let (kind, span) = match self.peek()? {
            b'{' => {
                node.children = self.object(depth + 1)?;
                return Some(());
            }
            b'"' => {
                let inner = self.string()?;
                (ScalarKind::Text, inner)
            }
            b't' => (ScalarKind::Bool, self.literal("true")?),
            b'f' => (ScalarKind::Bool, self.literal("false")?),
            b'n' => (ScalarKind::Null, self.literal("null")?),
            b'-' | b'0'..=b'9' => (ScalarKind::Number, self.integer()?),
            // An array in an array, and anything that is no value.
            _ => return None,
        };
        node.value = Some(Scalar {
            text: self.text[span.range()].into(),
            span: span.shifted(self.base),
            kind,
            verbatim: true,
        });
        Some(())
    }

    /// A string without escapes or control characters, cursor on its opening quote; the
    /// span of what is between the quotes, with the cursor past the closing one.
    fn string(&mut self) -> Option<Span> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.at + 1;
        let rest = &self.bytes[start..];
        let len = rest.iter().position(|&b| STRING_STOPS[usize::from(b)])?;
        if rest[len] != b'"' {
            return None;
        }
        self.at = start + len + 1;
        Some(Span::new(start, start + len))
    }

    /// `true`, `false` or `null`, spelled so.
    fn literal(&mut self, word: &str) -> Option<Span> {
        if !self.bytes[self.at..].starts_with(word.as_bytes()) {
            return None;
        }
        let start = self.at;
        self.at += word.len();
        Some(Span::new(start, self.at))
    }

    /// An integer as JSON writes one (`-`, then `0` or digits not starting with `0`). A
    /// fraction or an exponent takes the document out of the subset.
    fn integer(&mut self) -> Option<Span> {
        let start = self.at;
        self.eat(b'-');
        let digits = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let count = self.at - digits;
        if count == 0 || (count > 1 && self.bytes[digits] == b'0') {
            return None;
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some(Span::new(start, self.at))
    }

    /// Skips JSON's white space: space, tab, line feed and carriage return.
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Bytes `start..end` of the body as a span of the file.
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start, end).shifted(self.base)
    }
}

/// The bytes that end a string of the subset: its closing quote, or a backslash or a
/// control character, which take the document out of it.
static STRING_STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0x7f] = true;
    table
};
