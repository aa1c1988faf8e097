//! Text from files and documents made safe to show. Whatever a document or a file name
//! holds reaches a terminal, a CI log or an editor only through these functions: control
//! characters are written as visible escapes (so no escape sequence is ever sent raw and no
//! newline splits a finding in two), names that are not UTF-8 are escaped rather than
//! replaced (two different names never print the same), and values quoted in messages are
//! bounded in length.

use std::borrow::Cow;
use std::path::Path;

/// The most characters of one quoted value (a backtick-quoted part of a message) shown.
pub const MAX_QUOTED_CHARS: usize = 80;

/// The most characters of one message, label or help text.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// Whether a character is a control character: C0 (with tab and newline), DEL and C1. A
/// terminal acts on these instead of showing them.
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// The text with every control character written as an escape (`\n`, `\t`, `\x1b`,
/// `\u{9b}`); borrowed when there is none.
pub fn controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// The text as one terminal line of the same byte length: every control character becomes
/// `?` (a C1 character, two bytes in UTF-8, becomes `??`). The full format shows source
/// lines through this, so its byte offsets stay valid.
pub fn blank_controls(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_control(c) && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_control(c) && !matches!(c, '\n' | '\r' | '\t') {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as every output names it. A name of printable UTF-8 without `"` or `\` is shown
/// as it is; any other name is quoted as git quotes it (`"a\nb.xml"`, `"\xff.xml"`), with
/// its control characters and the bytes that are not UTF-8 escaped. Unquoted names never
/// hold `"`, and quoted ones escape `"` and `\`, so two different paths never show the same.
pub fn path_name(path: &Path) -> String {
    let bytes = path_bytes(path);
    if let Ok(text) = std::str::from_utf8(&bytes)
        && !text.chars().any(|c| is_control(c) || c == '"' || c == '\\')
    {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c => push_escaped(&mut out, c),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out.push('"');
    out
}

/// A message, label or help text made safe and short: control characters escaped, each
/// backtick-quoted part (where messages put the values and names they echo) cut to
/// [`MAX_QUOTED_CHARS`] with an ellipsis and its length, and the whole to
/// [`MAX_MESSAGE_CHARS`].
pub fn message(text: String) -> String {
    let needs_work = text.len() > MAX_QUOTED_CHARS || text.chars().any(is_control);
    if !needs_work {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE_CHARS + 64));
    let mut rest = text.as_str();
    while let Some(open) = rest.find('`') {
        out.push_str(&controls(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            rest = &rest[open..];
            break;
        };
        out.push('`');
        out.push_str(&bounded(&after[..close]));
        out.push('`');
        rest = &after[close + 1..];
    }
    out.push_str(&controls(rest));
    cut(out, MAX_MESSAGE_CHARS)
}

/// A value as a message quotes it: escaped, and cut to [`MAX_QUOTED_CHARS`] characters
/// with an ellipsis and its length in characters.
pub fn bounded(value: &str) -> Cow<'_, str> {
    let count = value.chars().count();
    if count <= MAX_QUOTED_CHARS {
        return controls(value);
    }
    let prefix: String = value.chars().take(MAX_QUOTED_CHARS - 16).collect();
    Cow::Owned(format!("{}… ({count} characters)", controls(&prefix)))
}

fn cut(text: String, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}… (cut at {max_chars} characters)", &text[..at]),
        None => text,
    }
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 && is_control(c) => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if is_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(controls("a\x1b]0;x\x07b\n"), "a\\x1b]0;x\\x07b\\n");
        assert_eq!(controls("\u{9b}2J"), "\\u{9b}2J");
        assert!(matches!(controls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn blanking_keeps_byte_offsets() {
        let text = "a\x1b[2J\u{9b}b\nc";
        let blanked = blank_controls(text);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked, "a?[2J??b\nc");
    }

    #[cfg(unix)]
    #[test]
    fn paths_are_quoted_only_when_needed_and_never_collide() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(path_name(Path::new("configs/a.xml")), "configs/a.xml");
        assert_eq!(path_name(Path::new("a\nb.xml")), "\"a\\nb.xml\"");
        let invalid = Path::new(OsStr::from_bytes(b"\xff.xml"));
        let lookalike = Path::new("\\xff.xml");
        assert_eq!(path_name(invalid), "\"\\xff.xml\"");
        assert_eq!(path_name(lookalike), "\"\\\\xff.xml\"");
        assert_ne!(path_name(Path::new("\"a\"")), path_name(Path::new("a")));
    }

    #[test]
    fn quoted_values_are_cut_with_their_length() {
        let long = "A".repeat(1_000_000);
        let text = message(format!("unknown element `{long}` in `Filter`"));
        assert!(text.len() < 200, "{text}");
        assert!(text.contains("… (1000000 characters)`"));
        assert!(text.ends_with("in `Filter`"));
        assert_eq!(message("`a` and `b`".into()), "`a` and `b`");
    }

    #[test]
    fn messages_are_cut_whatever_their_backticks() {
        let text = message("`x".repeat(100_000));
        assert!(text.chars().count() < MAX_MESSAGE_CHARS + 40);
    }
}
