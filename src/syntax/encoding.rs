//! Turning a file's bytes into text, and refusing what is not a UTF-8 document: empty and
//! blank files, UTF-16, invalid UTF-8 and NUL bytes each become a finding with a position.

use crate::diagnostic::Span;
use crate::source::{SourceFile, UTF8_BOM};
use crate::syntax::ParseError;

/// The text of a file, and the finding that stops it from being parsed, if there is one.
pub fn decode(name: &str, bytes: Vec<u8>) -> (SourceFile, Option<ParseError>) {
    if let Some(source) = decode_utf16(name, &bytes) {
        let span = Span::new(0, source.text.chars().next().map_or(0, char::len_utf8));
        let finding = ParseError::new(
            span,
            "the file is encoded as UTF-16; inventory documents must be UTF-8",
        )
        .with_help("save the file as UTF-8");
        return (source, Some(finding));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let byte = error.as_bytes()[at];
            let source = SourceFile::new(name, String::from_utf8_lossy(error.as_bytes()).into());
            // The lossy text has the same prefix, then U+FFFD (three bytes) at `at`.
            let finding = ParseError::new(
                Span::new(at, at + 3),
                format!("invalid UTF-8: byte 0x{byte:02X} does not start or continue a character"),
            )
            .with_help("inventory documents must be UTF-8; re-encode the file");
            return (source, Some(finding));
        }
    };
    let source = SourceFile::new(name, text);
    let finding = content_problem(&source);
    (source, finding)
}

fn content_problem(source: &SourceFile) -> Option<ParseError> {
    let body_start = source.bom_len();
    let body = source.body();
    if body.is_empty() {
        return Some(ParseError::new(
            Span::empty(body_start),
            "the file is empty; expected an inventory document",
        ));
    }
    // Every file is searched to its end: the vectorised search, not `str::find`'s.
    if let Some(at) = memchr::memchr(0, body.as_bytes()) {
        let at = body_start + at;
        return Some(ParseError::new(
            Span::new(at, at + 1),
            "the file contains a NUL byte, which no XML or JSON document may contain",
        ));
    }
    if body.trim().is_empty() {
        return Some(ParseError::new(
            Span::empty(body_start),
            "the file contains only whitespace; expected an inventory document",
        ));
    }
    None
}

/// Decodes the text if the bytes look like UTF-16: a UTF-16 byte order mark, or a first
/// character that is ASCII with a zero byte beside it (`<\0` or `\0<`).
fn decode_utf16(name: &str, bytes: &[u8]) -> Option<SourceFile> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        [a, 0, ..] if a.is_ascii() && *a != 0 => true,
        [0, b, ..] if b.is_ascii() && *b != 0 => false,
        _ => return None,
    };
    let units = bytes.chunks(2).map(|pair| {
        let (a, b) = (pair[0], pair.get(1).copied().unwrap_or(0));
        if little_endian {
            u16::from_le_bytes([a, b])
        } else {
            u16::from_be_bytes([a, b])
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let text = text.trim_start_matches(UTF8_BOM).replace('\0', " ");
    Some(SourceFile::new(name, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(bytes: &[u8]) -> Option<String> {
        decode("t.xml", bytes.to_vec()).1.map(|d| d.message)
    }

    #[test]
    fn a_plain_document_has_no_problem() {
        assert_eq!(problem(b"<a/>"), None);
        assert_eq!(problem(b"\xEF\xBB\xBF<a/>"), None);
    }

    #[test]
    fn each_encoding_problem_is_named() {
        assert!(problem(b"").unwrap().contains("empty"));
        assert!(problem(b"\xEF\xBB\xBF").unwrap().contains("empty"));
        assert!(problem(b" \n\t ").unwrap().contains("only whitespace"));
        assert!(problem(b"<a>\0</a>").unwrap().contains("NUL"));
        assert!(problem(b"\xFF\xFE<\0a\0/\0>\0").unwrap().contains("UTF-16"));
        assert!(problem(b"<\0a\0/\0>\0").unwrap().contains("UTF-16"));
        assert!(problem(b"<a>\xC3\x28</a>").unwrap().contains("0xC3"));
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let (source, finding) = decode("t.xml", b"<a>\n  \xFF</a>".to_vec());
        let span = finding.unwrap().span;
        assert_eq!(source.line_col(span.start()).line, 2);
        assert_eq!(source.line_col(span.start()).column, 3);
    }
}
