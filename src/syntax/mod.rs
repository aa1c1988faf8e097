//! From text to the shared tree: encoding checks, then XML or JSON parsing and lowering.

pub mod encoding;
pub mod json;
pub mod tree;
pub mod xml;

use crate::checks::syntax::RULE as SYNTAX;
use crate::diagnostic::{Diagnostic, Span};
use crate::source::SourceFile;
use tree::{Document, Format};

/// Parses a source into the shared tree, choosing XML or JSON by the file name's extension
/// and, failing that, by the first character of the text.
/// A failure is the one syntax finding the file gets, boxed to keep `Result` small.
pub fn parse(source: &SourceFile) -> Result<Document, Box<Diagnostic>> {
    match detect_format(source) {
        Some(Format::Xml) => xml::parse(source),
        Some(Format::Json) => json::parse(source),
        None => {
            let body = source.body();
            let at = source.bom_len() + (body.len() - body.trim_start().len());
            let len = source.text[at..].chars().next().map_or(0, char::len_utf8);
            Err(Box::new(Diagnostic::new(
                &SYNTAX,
                Span::new(at, at + len),
                "the document is neither XML nor JSON: expected `<` or `{` here",
            )))
        }
    }
}

/// XML or JSON, from the extension (`.xml`, `.json`) or else the first non-blank character.
pub fn detect_format(source: &SourceFile) -> Option<Format> {
    let extension = source
        .name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("xml") => return Some(Format::Xml),
        Some("json") => return Some(Format::Json),
        _ => {}
    }
    match source.body().trim_start().chars().next() {
        Some('<') => Some(Format::Xml),
        Some('{' | '[') => Some(Format::Json),
        _ => None,
    }
}
