//! JSON documents into the shared tree: by the single-pass parser of `json_subset.rs` when
//! the document is plain JSON, and otherwise parsed strictly with jsonc-parser (no
//! comments, no trailing commas, no JSON5) and lowered, which is also where every syntax
//! finding and every recovery comes from. Duplicate keys are kept so they can be
//! reported; an array becomes repeated sibling nodes that carry the member's name.

use jsonc_parser::ast::{Object, ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use crate::diagnostic::Span;
use crate::source::SourceFile;
use crate::syntax::tree::{Document, Format, MAX_DEPTH, Node, Scalar, ScalarKind};
use crate::syntax::{ParseError, Recovered, RecoveredKind};

/// The most trailing commas and comments one document may have before the parse gives up:
/// each one read past costs a parse of the whole text.
const MAX_RECOVERED: usize = 16;

/// Parses the text after the byte order mark. The root node is the top-level object; its
/// name is empty until the document kind is resolved against a provider's table.
/// Parses the document that starts at byte `start` of the file. A failure is the one syntax
/// finding the file gets, boxed to keep `Result` small.
pub fn parse(
    source: &SourceFile,
    start: usize,
    known: super::KnownNames,
) -> Result<Document, Box<ParseError>> {
    let body = &source.text[start..];
    // Most documents are plain JSON, which the single-pass parser reads; the rest, and
    // every mistake, go through jsonc-parser.
    if let Some(document) = super::json_subset::parse(body, start, known) {
        return Ok(document);
    }
    with_jsonc_parser(source, start, known)
}

/// Both ways in on the same text, for the tests and the fuzz target that compare them:
/// the subset parser's tree (or `None` outside the subset) and jsonc-parser's answer.
pub fn both_ways(
    source: &SourceFile,
    start: usize,
    known: super::KnownNames,
) -> (Option<Document>, Result<Document, Box<ParseError>>) {
    let subset = super::json_subset::parse(&source.text[start..], start, known);
    (subset, with_jsonc_parser(source, start, known))
}

fn with_jsonc_parser(
    source: &SourceFile,
    start: usize,
    known: super::KnownNames,
) -> Result<Document, Box<ParseError>> {
    let body = &source.text[start..];
    let base = start;
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    // A trailing comma or a comment is reported and read past: its bytes are blanked in a
    // copy of the text (same length, so every span still points into the file) and the
    // parse is tried again. Anything else ends the parse with one finding.
    let mut text = std::borrow::Cow::Borrowed(body);
    let mut recovered = Vec::new();
    let parsed = loop {
        let error = match parse_to_ast(&text, &CollectOptions::default(), &options) {
            Ok(parsed) => break parsed,
            Err(error) => error,
        };
        let range = error.range();
        // At least one character, never part of one: an error at a multi-byte character
        // covers all of it (found by the json fuzz target).
        let mut end = range.end.max(range.start + 1).min(body.len());
        while !body.is_char_boundary(end) {
            end += 1;
        }
        let span = Span::new(range.start.min(end), end);
        let message = format!(
            "invalid JSON: {}",
            lowercase_first(&error.kind().to_string())
        );
        let (help, removal) = match error.kind() {
            ParseErrorKind::TrailingCommasNotAllowed => ("remove the comma", span),
            ParseErrorKind::CommentsNotAllowed => (
                "JSON has no comments; remove it",
                comment_removal(body, span),
            ),
            _ => return Err(Box::new(ParseError::new(span.shifted(base), message))),
        };
        if recovered.len() >= MAX_RECOVERED {
            return Err(Box::new(ParseError::new(span.shifted(base), message)));
        }
        let blanked = text.to_mut();
        // The range is ASCII for a comma; a comment may hold any character, and every byte
        // of it becomes a space.
        let bytes = std::mem::take(blanked).into_bytes();
        let mut bytes = bytes;
        bytes[span.range()].fill(b' ');
        *blanked = String::from_utf8(bytes).expect("only whole characters were blanked");
        recovered.push(Recovered {
            error: ParseError::new(span.shifted(base), message).with_help(format!(
                "{help}; the rest of the document was checked as if it were not there"
            )),
            kind: RecoveredKind::Syntax,
            fix: Some((removal.shifted(base), String::new())),
        });
    };
    let body: &str = &text;
    let lower = Lowering { body, base, known };
    let too_deep = |at: usize| {
        let end = (at + 1..=body.len())
            .find(|e| body.is_char_boundary(*e))
            .unwrap_or(body.len());
        Box::new(ParseError::new(
            Span::new(at, end),
            format!("objects and arrays are nested more than {MAX_DEPTH} levels deep"),
        ))
    };
    match parsed.value {
        Some(Value::Object(object)) => {
            let span = lower.span(object.range);
            let root = Node {
                head_span: Span::new(span.start(), span.start() + 1),
                name_span: Span::new(span.start(), span.start() + 1),
                span,
                children: lower.members(&object, 1).map_err(too_deep)?.into(),
                ..Node::default()
            };
            Ok(Document {
                format: Format::Json,
                root,
                namespace: None,
                comments: Vec::new(),
                recovered,
            })
        }
        Some(other) => Err(Box::new(ParseError::new(
            lower.span(other.range()),
            format!(
                "the document is {}; expected a JSON object holding an inventory configuration",
                describe(&other)
            ),
        ))),
        None => Err(Box::new(ParseError::new(
            Span::empty(base),
            "the document holds no JSON value",
        ))),
    }
}

struct Lowering<'a> {
    body: &'a str,
    base: usize,
    known: super::KnownNames<'a>,
}

impl Lowering<'_> {
    fn span(&self, range: jsonc_parser::common::Range) -> Span {
        Span::new(range.start, range.end).shifted(self.base)
    }

    /// The members of an object at `depth` (the top-level object is 1) as nodes. jsonc-parser
    /// bounds its own recursion; this bounds the tree's depth at [`MAX_DEPTH`] like XML's,
    /// and stops with the offset of the first value too deep.
    fn members(&self, object: &Object, depth: usize) -> Result<Vec<Node>, usize> {
        if depth > MAX_DEPTH {
            return Err(self.span(object.range).start());
        }
        let mut nodes = Vec::with_capacity(object.properties.len());
        for property in &object.properties {
            let (name, key_range) = match &property.name {
                ObjectPropName::String(lit) => {
                    (crate::syntax::tree::name(&lit.value, self.known), lit.range)
                }
                ObjectPropName::Word(lit) => {
                    (crate::syntax::tree::name(lit.value, self.known), lit.range)
                }
            };
            let head_span = self.span(key_range);
            let name_span = Span::new(head_span.start() + 1, head_span.end().saturating_sub(1));
            let template = Node {
                name,
                name_span,
                head_span,
                span: self.span(property.range),
                ..Node::default()
            };
            match &property.value {
                Value::Array(array) => {
                    for element in &array.elements {
                        let mut node = template.clone();
                        node.span = self.span(element.range());
                        self.fill(&mut node, element, depth)?;
                        nodes.push(node);
                    }
                }
                value => {
                    let mut node = template;
                    self.fill(&mut node, value, depth)?;
                    nodes.push(node);
                }
            }
        }
        Ok(nodes)
    }

    /// Gives a node (a member of an object at `depth`) its children or its scalar value.
    fn fill(&self, node: &mut Node, value: &Value, depth: usize) -> Result<(), usize> {
        let scalar = |kind, span: Span, text: String| {
            let verbatim = self
                .body
                .get(span.start() - self.base..span.end() - self.base)
                == Some(&*text);
            Some(Scalar {
                text: text.into_boxed_str(),
                span,
                kind,
                verbatim,
            })
        };
        let span = self.span(value.range());
        node.value = match value {
            Value::Object(object) => {
                node.children = self.members(object, depth + 1)?.into();
                None
            }
            Value::StringLit(lit) => {
                let inner = Span::new(span.start() + 1, span.end().saturating_sub(1));
                scalar(ScalarKind::Text, inner, lit.value.to_string())
            }
            Value::NumberLit(lit) => scalar(ScalarKind::Number, span, lit.value.to_string()),
            Value::BooleanLit(lit) => scalar(ScalarKind::Bool, span, lit.value.to_string()),
            Value::NullKeyword(_) => scalar(ScalarKind::Null, span, "null".into()),
            Value::Array(_) => scalar(ScalarKind::NestedArray, span, String::new()),
        };
        Ok(())
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "an array",
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::NullKeyword(_) => "null",
        Value::Object(_) => "an object",
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What the fix for a comment takes away: its whole line when it stands alone on one,
/// else the comment and the blanks before it, so that no trailing white space is left.
fn comment_removal(body: &str, comment: Span) -> Span {
    let bytes = body.as_bytes();
    let mut start = comment.start();
    while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    let mut after = comment.end();
    while after < bytes.len() && matches!(bytes[after], b' ' | b'\t') {
        after += 1;
    }
    let ends_line = after == bytes.len() || bytes[after] == b'\n' || bytes[after] == b'\r';
    let starts_line = start == 0 || bytes[start - 1] == b'\n';
    match (starts_line, ends_line) {
        // Alone on its line: the line goes, with its line ending.
        (true, true) => {
            let mut end = after;
            if bytes.get(end) == Some(&b'\r') {
                end += 1;
            }
            if bytes.get(end) == Some(&b'\n') {
                end += 1;
            }
            Span::new(start, end)
        }
        // At the end of a line of code: the blanks before it go too.
        (false, true) => Span::new(start, comment.end()),
        // Code follows on the line: only the comment goes.
        _ => comment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Document, Box<ParseError>> {
        parse(&SourceFile::new("t.json", text.to_string()), 0, &|_| None)
    }

    #[test]
    fn arrays_become_repeated_siblings() {
        let text = r#"{"OptionalFields": {"Field": ["Size", "ETag"]}}"#;
        let doc = parse_text(text).unwrap();
        let fields = &doc.root.children[0].children;
        assert_eq!(fields.len(), 2);
        assert!(fields.iter().all(|f| f.name == "Field"));
        let value = fields[1].value.as_ref().unwrap();
        assert_eq!(&text[value.span.range()], "ETag");
        assert_eq!(
            &text[fields[1].name_span.start()..fields[1].name_span.end()],
            "Field"
        );
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let doc = parse_text(r#"{"Id": "a", "Id": "b"}"#).unwrap();
        assert_eq!(doc.root.children.len(), 2);
    }

    #[test]
    fn scalars_keep_their_json_kind() {
        let doc = parse_text(r#"{"IsEnabled": true, "N": 600, "S": "x\"y", "Z": null}"#).unwrap();
        let kinds: Vec<_> = doc
            .root
            .children
            .iter()
            .map(|c| c.value.as_ref().unwrap().kind)
            .collect();
        assert_eq!(
            kinds,
            [
                ScalarKind::Bool,
                ScalarKind::Number,
                ScalarKind::Text,
                ScalarKind::Null
            ]
        );
        assert!(!doc.root.children[2].value.as_ref().unwrap().verbatim);
    }

    #[test]
    fn comments_and_trailing_commas_are_reported_and_read_past() {
        let doc = parse_text("{\"Id\": \"a\", }").unwrap();
        assert_eq!(doc.recovered.len(), 1);
        assert!(doc.recovered[0].error.message.contains("trailing comma"));
        let text = "{// c\n\"Id\": \"a\", /* é */ \"B\": [1,],}";
        let doc = parse_text(text).unwrap();
        let spans: Vec<&str> = doc
            .recovered
            .iter()
            .map(|r| &text[r.error.span.range()])
            .collect();
        assert_eq!(spans, ["// c", "/* é */", ",", ","]);
        assert_eq!(doc.root.children.len(), 2);
        // Anything worse is still the one finding.
        assert!(parse_text("{\"Id\": \"a\" \"B\": 1}").is_err());
        assert!(parse_text("[]").unwrap_err().message.contains("an array"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse_text(&text).is_err());
        let objects = |depth: usize| format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        assert!(parse_text(&objects(MAX_DEPTH)).is_ok());
        // jsonc-parser's own bound (512 open values and members) is met first here; the
        // tree's bound holds whichever comes first.
        let error = parse_text(&objects(MAX_DEPTH + 1)).unwrap_err();
        assert!(error.message.contains("nest"), "{}", error.message);
        // Arrays of objects are members of the same depth, as their XML twins are.
        let arrays = format!("{}1{}", r#"{"a":["#.repeat(100), "]}".repeat(100));
        assert!(parse_text(&arrays).is_ok());
    }

    #[test]
    fn a_comments_fix_takes_its_line_or_the_blanks_before_it() {
        let removal = |text: &str, comment: &str| {
            let start = text.find(comment).unwrap();
            let span = comment_removal(text, Span::new(start, start + comment.len()));
            format!("{}{}", &text[..span.start()], &text[span.end()..])
        };
        assert_eq!(
            removal("{\r\n  // c\r\n  \"a\": 1\r\n}", "// c"),
            "{\r\n  \"a\": 1\r\n}"
        );
        assert_eq!(removal("{\"a\": 1, /* c */\n}", "/* c */"), "{\"a\": 1,\n}");
        assert_eq!(removal("{ /* c */ \"a\": 1}", "/* c */"), "{  \"a\": 1}");
    }
}
