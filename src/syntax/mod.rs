//! From text to the shared tree: encoding checks, an optional HTTP envelope, then XML or
//! JSON parsing and lowering.

pub mod encoding;
pub mod http;
pub mod json;
pub mod json_subset;
pub mod tree;
pub mod xml;
pub mod xml_subset;

use crate::diagnostic::Span;
use crate::source::SourceFile;
use http::Request;
use tree::{Document, Format};

/// Why a file cannot be parsed: where, what, and how to mend it. The syntax layer knows no
/// rules; the engine turns this into the file's one INV001 finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

impl ParseError {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A syntax problem the parser read past, and what kind it is, so the engine reports it
/// under the right rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub error: ParseError,
    pub kind: RecoveredKind,
    /// Bytes to replace, and with what, to mend it.
    pub fix: Option<(Span, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveredKind {
    /// Not allowed by the syntax at all (a trailing comma, a comment in JSON).
    Syntax,
    /// White space before the XML declaration, which XML 1.0 forbids and servers accept.
    BeforeDeclaration,
}

/// Looks a name up among those the provider tables know, so that nodes can borrow it
/// instead of allocating; given by the caller, since the syntax layer knows no tables.
pub type KnownNames<'a> = &'a (dyn Fn(&str) -> Option<&'static str> + Sync);

/// A parsed file: its document, and the request it was sent in, for the HTTP form.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub document: Document,
    pub request: Option<Request>,
}

/// Parses a source into the shared tree. A `.http` file, or text that starts with a request
/// line, is an HTTP request whose body is the document. XML or JSON is chosen by the
/// extension and, failing that, by the first character of the document.
pub fn parse(source: &SourceFile, known: KnownNames) -> Result<Parsed, Box<ParseError>> {
    let start = source.bom_len();
    let is_http = has_extension(source, "http") || http::looks_like_request(source.body());
    if !is_http {
        let format = detect_format(source, start)?;
        let document = parse_document(source, start, format, known)?;
        return Ok(Parsed {
            document,
            request: None,
        });
    }
    let request = http::parse_request(source.body(), start)
        .map_err(|(span, message)| Box::new(ParseError::new(span, message)))?;
    if source.text[request.body_start..].trim().is_empty() {
        return Err(Box::new(ParseError::new(
            Span::empty(source.text.len()),
            "the request has no body; expected an inventory document after the blank line",
        )));
    }
    let format = sniff(source, request.body_start)?;
    let document = parse_document(source, request.body_start, format, known)?;
    Ok(Parsed {
        document,
        request: Some(request),
    })
}

fn parse_document(
    source: &SourceFile,
    start: usize,
    format: Format,
    known: KnownNames,
) -> Result<Document, Box<ParseError>> {
    match format {
        Format::Xml => xml::parse(source, start, known),
        Format::Json => json::parse(source, start, known),
    }
}

/// XML or JSON, from the extension (`.xml`, `.json`) or else the first non-blank character.
fn detect_format(source: &SourceFile, start: usize) -> Result<Format, Box<ParseError>> {
    if has_extension(source, "xml") {
        return Ok(Format::Xml);
    }
    if has_extension(source, "json") {
        return Ok(Format::Json);
    }
    sniff(source, start)
}

fn sniff(source: &SourceFile, start: usize) -> Result<Format, Box<ParseError>> {
    let body = &source.text[start..];
    let trimmed = body.trim_start();
    match trimmed.chars().next() {
        Some('<') => Ok(Format::Xml),
        Some('{' | '[') => Ok(Format::Json),
        first => {
            let at = start + (body.len() - trimmed.len());
            let len = first.map_or(0, char::len_utf8);
            Err(Box::new(ParseError::new(
                Span::new(at, at + len),
                "the document is neither XML nor JSON: expected `<` or `{` here",
            )))
        }
    }
}

/// Whether the file's name ends in `.` and `wanted` (lower case), in any case. Asked of
/// every file, so it reads the name from its end without allocating.
fn has_extension(source: &SourceFile, wanted: &str) -> bool {
    let name = source.name.as_bytes();
    let Some(dot) = name.len().checked_sub(wanted.len() + 1) else {
        return false;
    };
    name[dot] == b'.' && name[dot + 1..].eq_ignore_ascii_case(wanted.as_bytes())
}

/// The byte offset, in `text`, of a 1-based line and character column as parsers report
/// them. Clamped to the end of the line or of the text.
pub fn offset_at(text: &str, row: usize, col: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..row {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    text[line_start..line_end]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line_end, |(i, _)| line_start + i)
}
