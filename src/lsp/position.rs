//! Positions and names as the protocol has them: a line and a character offset counted in
//! the encoding the client and the server agreed on (UTF-16 code units unless the client
//! offers UTF-8), and `file:` URIs, both to and from invlint's byte offsets and paths.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use invlint::diagnostic::Span;

/// What the `character` of a position counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The position of a byte offset (clamped to the text, and back to a character's start).
pub fn position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let written = &text[line_start..offset];
    let character = match encoding {
        Encoding::Utf8 => written.len(),
        Encoding::Utf16 => written.encode_utf16().count(),
    };
    Position::new(to_u32(line), to_u32(character))
}

/// The range of a span.
pub fn range(text: &str, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(text, span.start(), encoding),
        position(text, span.end(), encoding),
    )
}

/// The byte offset of a position: past the end of a line is its end, past the last line
/// is the end of the text, as the protocol asks.
pub fn offset(text: &str, position: Position, encoding: Encoding) -> usize {
    // The line's first byte, found as the parsers' positions are (column 1 of it).
    let line_start = invlint::syntax::offset_at(text, position.line as usize + 1, 1);
    if line_start == text.len() {
        return line_start;
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let wanted = position.character as usize;
    let mut counted = 0;
    for (index, c) in line.char_indices() {
        if counted >= wanted {
            return line_start + index;
        }
        counted += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
    }
    line_end
}

/// The path a `file:` URI names, percent-decoded; `None` for another scheme.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///a` has an empty authority; `file://localhost/a` names this machine.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let decoded = (raw[i] == b'%')
            .then(|| raw.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match decoded {
            Some(byte) => {
                bytes.push(byte);
                i += 3;
            }
            None => {
                bytes.push(raw[i]);
                i += 1;
            }
        }
    }
    Some(path_from_bytes(bytes))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_str(&invlint::render::location::file_uri(path)).ok()
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_code_units_and_utf8_bytes() {
        let text = "<a>\n  <Id>é😀x</Id>";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x, Encoding::Utf16), Position::new(1, 9));
        assert_eq!(position(text, x, Encoding::Utf8), Position::new(1, 12));
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(offset(text, position(text, x, encoding), encoding), x);
        }
    }

    #[test]
    fn positions_past_a_line_or_the_text_are_clamped() {
        let text = "ab\ncd";
        assert_eq!(offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(text, Position::new(9, 0), Encoding::Utf16), 5);
        assert_eq!(position(text, 99, Encoding::Utf16), Position::new(1, 2));
    }

    #[test]
    fn file_uris_round_trip_with_spaces_and_percent_signs() {
        let path = Path::new("/tmp/my dir/50% #1.xml");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20dir/50%25%20%231.xml");
        assert_eq!(path_of(&uri).unwrap(), path);
        assert_eq!(
            path_of(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
