//! XML documents into the shared tree: by the single-pass parser of `xml_subset.rs` when
//! the document is in its strict subset, and otherwise parsed with roxmltree (DTDs
//! refused, depth bounded) and lowered, which is also where every syntax finding comes
//! from.

use roxmltree::{Error, NodeType, ParsingOptions};

use crate::diagnostic::Span;
use crate::source::SourceFile;
use crate::syntax::tree::{
    Attribute, Comment, Document, Format, Node, Scalar, ScalarKind, trimmed_span,
};
use crate::syntax::{ParseError, Recovered, RecoveredKind};

pub use super::tree::MAX_DEPTH;

/// Parses the document that starts at byte `start` of the file (after a byte order mark, or
/// after an HTTP envelope). A failure is the one syntax finding the file gets, boxed to
/// keep `Result` small.
pub fn parse(
    source: &SourceFile,
    start: usize,
    known: super::KnownNames,
) -> Result<Document, Box<ParseError>> {
    let (base, body, recovered) = prepare(source, start);
    // Most documents are in the strict subset the single-pass parser reads; the rest, and
    // every mistake, go through roxmltree.
    if let Some(mut document) = super::xml_subset::parse(body, base, known) {
        document.recovered = recovered;
        return Ok(document);
    }
    with_roxmltree(source, base, body, recovered, known)
}

/// Both ways in on the same text, for the tests and the fuzz target that compare them:
/// the subset parser's tree (or `None` outside the subset) and roxmltree's answer.
pub fn both_ways(
    source: &SourceFile,
    start: usize,
    known: super::KnownNames,
) -> (Option<Document>, Result<Document, Box<ParseError>>) {
    let (base, body, recovered) = prepare(source, start);
    let subset = super::xml_subset::parse(body, base, known).map(|mut document| {
        document.recovered = recovered.clone();
        document
    });
    (subset, with_roxmltree(source, base, body, recovered, known))
}

/// White space before the declaration is reported and read past: the document is parsed
/// from the declaration on, with its spans still in the file. The document's first byte
/// in the file, its text, and what was read past.
fn prepare(source: &SourceFile, start: usize) -> (usize, &str, Vec<Recovered>) {
    let mut recovered = Vec::new();
    let text = &source.text[start..];
    let blank = text.len() - text.trim_start().len();
    if blank > 0 && text[blank..].starts_with("<?xml") {
        let span = Span::new(start, start + blank);
        recovered.push(Recovered {
            error: ParseError::new(span, "white space before the XML declaration")
                .with_help(
                    "XML 1.0 allows nothing before `<?xml ...?>`; the service accepts it, strict parsers do not. Remove it",
                ),
            kind: RecoveredKind::BeforeDeclaration,
            fix: Some((span, String::new())),
        });
        return (start + blank, &text[blank..], recovered);
    }
    (start, text, recovered)
}

fn with_roxmltree(
    source: &SourceFile,
    base: usize,
    body: &str,
    recovered: Vec<Recovered>,
    known: super::KnownNames,
) -> Result<Document, Box<ParseError>> {
    let start = base;
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let tree = roxmltree::Document::parse_with_options(body, options)
        .map_err(|error| Box::new(syntax_error(source, start, &error)))?;
    // roxmltree builds its tree without recursion, whatever the depth (comments,
    // processing instructions or text between the tags change nothing). The lowering
    // recurses, so it counts the depth of the tree roxmltree built and stops past the bound:
    // no way of writing the nesting can get around it.
    let root = lower_element(tree.root_element(), body, base, 1, known).map_err(|at| {
        let at = base + at;
        Box::new(ParseError::new(
            Span::new(at, at + 1),
            format!("elements are nested more than {MAX_DEPTH} levels deep"),
        ))
    })?;
    Ok(Document {
        format: Format::Xml,
        root,
        namespace: tree.root_element().tag_name().namespace().map(String::from),
        comments: comments(&tree, base),
        recovered,
    })
}

/// Lowers an element at `depth` (the root is 1) and everything in it; an element deeper
/// than [`MAX_DEPTH`] stops the lowering with its offset in the body.
fn lower_element(
    element: roxmltree::Node,
    body: &str,
    base: usize,
    depth: usize,
    known: super::KnownNames,
) -> Result<Node, usize> {
    let range = element.range();
    if depth > MAX_DEPTH {
        return Err(range.start);
    }
    let name_len = body[range.start + 1..]
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(0);
    let name_span = Span::new(range.start + 1, range.start + 1 + name_len);
    let head_end = start_tag_end(body, name_span.end()).min(range.end);
    let mut node = Node {
        name: crate::syntax::tree::name(element.tag_name().name(), known),
        name_span: name_span.shifted(base),
        head_span: Span::new(range.start, head_end).shifted(base),
        span: Span::from(range.clone()).shifted(base),
        ..Node::default()
    };
    let attributes: Vec<Attribute> = element
        .attributes()
        .map(|attribute| Attribute {
            name: body[attribute.range_qname()].to_string(),
            span: Span::from(attribute.range()).shifted(base),
        })
        .collect();
    if !attributes.is_empty() {
        node.extra_mut().attributes = attributes;
    }
    let element_count = element.children().filter(|c| c.is_element()).count();
    let has_elements = element_count > 0;
    let mut children = Vec::with_capacity(element_count);
    let mut text = String::new();
    let mut text_span: Option<Span> = None;
    for child in element.children() {
        match child.node_type() {
            NodeType::Element => {
                children.push(lower_element(child, body, base, depth + 1, known)?);
            }
            NodeType::Text if has_elements => {
                if let Some(span) = trimmed_span(body, child.range()) {
                    node.extra_mut().stray_text.push(span.shifted(base));
                }
            }
            NodeType::Text => {
                // Usually the only text child: taken whole, without growing a buffer.
                let piece = child.text().unwrap_or_default();
                if text.is_empty() {
                    text = piece.to_string();
                } else {
                    text.push_str(piece);
                }
                let span = Span::from(child.range());
                text_span = Some(match text_span {
                    Some(first) => Span::new(first.start(), span.end()),
                    None => span,
                });
            }
            _ => {}
        }
    }
    if !has_elements {
        let (span, verbatim) = match text_span {
            Some(span) => (span.shifted(base), body[span.range()] == text),
            None => (node.span, true),
        };
        node.value = Some(Scalar {
            text: text.into_boxed_str(),
            span,
            kind: ScalarKind::Text,
            verbatim,
        });
    }
    node.children = children.into_boxed_slice();
    Ok(node)
}

/// Every comment with the element that follows it among its siblings. The comments are
/// answered from the last one back, and a walk stops at a comment already answered, so
/// a run of many comments costs their number, not its square.
fn comments(tree: &roxmltree::Document, base: usize) -> Vec<Comment> {
    let found: Vec<roxmltree::Node> = tree.descendants().filter(|n| n.is_comment()).collect();
    let mut answered: std::collections::HashMap<roxmltree::NodeId, Option<Span>> =
        std::collections::HashMap::with_capacity(found.len());
    let mut next_elements = vec![None; found.len()];
    for (index, comment) in found.iter().enumerate().rev() {
        let mut next = None;
        for sibling in comment.next_siblings().skip(1) {
            if sibling.is_element() {
                next = Some(Span::from(sibling.range()).shifted(base));
                break;
            }
            if let Some(known) = answered.get(&sibling.id()) {
                next = *known;
                break;
            }
        }
        answered.insert(comment.id(), next);
        next_elements[index] = next;
    }
    found
        .iter()
        .zip(next_elements)
        .map(|(comment, next_element)| Comment {
            text: comment.text().unwrap_or_default().to_string(),
            span: Span::from(comment.range()).shifted(base),
            next_element,
        })
        .collect()
}

/// The offset just after the `>` that closes a start tag, skipping quoted attribute values.
fn start_tag_end(body: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, b) in body.as_bytes()[from..].iter().enumerate() {
        match (quote, *b) {
            (None, b'"' | b'\'') => quote = Some(*b),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return from + i + 1,
            _ => {}
        }
    }
    body.len()
}

fn syntax_error(source: &SourceFile, start: usize, error: &Error) -> ParseError {
    let body = &source.text[start..];
    let base = start;
    let at_pos = |pos: roxmltree::TextPos| {
        let offset = base + super::offset_at(body, pos.row as usize, pos.col as usize);
        let len = source.text[offset..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        Span::new(offset, offset + len)
    };
    let end = Span::empty(source.text.len());
    let first_content = base + (body.len() - body.trim_start().len());
    let (span, message, help): (Span, String, Option<&str>) = match error {
        Error::DtdDetected => {
            let at = body.find("<!DOCTYPE").map_or(first_content, |i| base + i);
            (
                Span::new(at, at + "<!DOCTYPE".len()),
                "document type declarations (DTDs) are not allowed".into(),
                Some(
                    "invlint never expands entities or fetches external documents; remove the <!DOCTYPE ...> declaration",
                ),
            )
        }
        Error::NoRootNode => (
            Span::empty(first_content),
            "the document has no root element".into(),
            Some(
                "an inventory document is one root element that holds the configuration, such as <InventoryConfiguration>",
            ),
        ),
        Error::UnclosedRootNode | Error::UnexpectedEndOfStream => (
            end,
            "the document ends before its root element is closed".into(),
            None,
        ),
        Error::UnexpectedCloseTag(expected, actual, pos) => (
            at_pos(*pos),
            format!("expected the end tag `</{expected}>`, found `</{actual}>`"),
            None,
        ),
        Error::UnknownEntityReference(name, pos) => (
            at_pos(*pos),
            format!("unknown entity reference `&{name};`"),
            Some("only &lt; &gt; &amp; &apos; &quot; and character references are defined"),
        ),
        Error::MalformedEntityReference(pos) => (
            at_pos(*pos),
            "malformed entity reference".into(),
            Some("write a literal `&` as `&amp;`"),
        ),
        Error::InvalidAttributeValue(pos) => (
            at_pos(*pos),
            "an attribute value contains an unescaped `<`".into(),
            None,
        ),
        Error::DuplicatedAttribute(name, pos) => (
            at_pos(*pos),
            format!("the attribute `{name}` is given twice"),
            None,
        ),
        Error::UnexpectedDeclaration(pos) => (
            at_pos(*pos),
            "an XML declaration may only appear once, at the very start of the document".into(),
            None,
        ),
        Error::NonXmlChar(c, pos) => (
            at_pos(*pos),
            format!("the character U+{:04X} is not allowed in XML", *c as u32),
            None,
        ),
        Error::InvalidName(pos) if is_spaced_declaration(body) => (
            at_pos(*pos),
            "malformed XML declaration: `<?` must be followed directly by `xml`".into(),
            Some("write `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`"),
        ),
        other => {
            let text = other.to_string();
            let message = match text.rfind(" at ") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            (at_pos(other.pos()), message, None)
        }
    };
    let error = ParseError::new(span, format!("invalid XML: {message}"));
    match help {
        Some(help) => error.with_help(help),
        None => error,
    }
}

/// Whether the document starts with `<? xml`, a declaration with a space after `<?`.
fn is_spaced_declaration(body: &str) -> bool {
    let rest = body.trim_start();
    rest.starts_with("<?")
        && rest[2..].trim_start().starts_with("xml")
        && !rest.starts_with("<?xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Document, Box<ParseError>> {
        parse(&SourceFile::new("t.xml", text.to_string()), 0, &|_| None)
    }

    #[test]
    fn elements_become_nodes_with_spans() {
        let text = "<A x=\"1\">\n  <B>v</B>\n  <C/>\n</A>";
        let doc = parse_text(text).unwrap();
        let root = &doc.root;
        assert_eq!(root.name, "A");
        assert_eq!(&text[root.head_span.range()], "<A x=\"1\">");
        assert_eq!(root.attributes()[0].name, "x");
        let b = &root.children[0];
        assert_eq!(&text[b.name_span.range()], "B");
        let value = b.value.as_ref().unwrap();
        assert_eq!(&*value.text, "v");
        assert_eq!(&text[value.span.range()], "v");
        assert_eq!(root.children[1].text(), Some(""));
        assert!(root.value.is_none());
    }

    #[test]
    fn stray_text_between_elements_is_kept() {
        let text = "<A>\n  <B/>\n  ...\n</A>";
        let doc = parse_text(text).unwrap();
        let span = doc.root.stray_text()[0];
        assert_eq!(&text[span.range()], "...");
    }

    #[test]
    fn deep_nesting_is_refused_however_it_is_written() {
        let depth = 100_000;
        let closed = |open: &str| format!("{}{}", open.repeat(depth), "</a>".repeat(depth));
        // Whatever stands between the tags, the bound holds; the processing instruction
        // that holds `</a` once slipped past a textual pre-scan.
        for open in [
            "<a>",
            "<a><!-- c -->",
            "<a><?pi > </a ?>",
            "<a>text",
            "<a><![CDATA[x]]>",
        ] {
            let error = parse_text(&closed(open)).unwrap_err();
            assert!(
                error.message.contains("nested more than"),
                "{open}: {}",
                error.message
            );
        }
        let at_limit = closed_at(MAX_DEPTH);
        assert!(parse_text(&at_limit).is_ok());
        assert!(parse_text(&closed_at(MAX_DEPTH + 1)).is_err());
    }

    fn closed_at(depth: usize) -> String {
        format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth))
    }

    #[test]
    fn a_doctype_is_refused() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY e \"x\">]>\n<a>&e;</a>";
        let error = parse_text(text).unwrap_err();
        assert!(error.message.contains("DTD"));
        assert_eq!(&text[error.span.range()], "<!DOCTYPE");
    }
}
