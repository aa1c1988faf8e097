//! A checked file's text with a line index, so that byte offsets become 1-based line and
//! column numbers without rescanning the text for every label.

use std::path::PathBuf;

/// The byte order mark that some editors put at the start of UTF-8 files.
pub const UTF8_BOM: &str = "\u{feff}";

/// One file's text, its display name and an index of where each line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in reports: the path as given, or `--stdin-filename`.
    pub name: String,
    /// The path on disk, when the text came from a file.
    pub path: Option<PathBuf>,
    /// The whole text, including a leading byte order mark if the file had one.
    pub text: String,
    /// Byte offsets at which lines start; the first line starts after a byte order mark.
    /// Made the first time a position is asked for: a clean file never needs it.
    line_starts: std::sync::OnceLock<Vec<u32>>,
    /// How many characters precede every [`CHUNK`]th byte, built the first time a column
    /// far into a long line is asked for: then a column costs at most a chunk's scan, not
    /// the line's (a minified document is one line).
    chars_before: std::sync::OnceLock<Vec<u32>>,
}

/// The bytes between two entries of the character index.
const CHUNK: usize = 256;

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: String) -> Self {
        Self {
            name: name.into(),
            path: None,
            text,
            line_starts: std::sync::OnceLock::new(),
            chars_before: std::sync::OnceLock::new(),
        }
    }

    /// The length of the byte order mark at the start of the text (0 or 3).
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        }
    }

    /// Where each line starts, found the first time it is asked for. Offsets fit in 32
    /// bits because texts longer than [`crate::diagnostic::MAX_TEXT_BYTES`] are refused.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            // Sized for lines of 32 bytes, which inventory documents rarely have fewer
            // than, so the index is made in one allocation instead of growing line by
            // line; a file of long lines gives back what it did not use.
            let mut starts = Vec::with_capacity(self.text.len() / 32 + 1);
            starts.push(self.bom_len() as u32);
            starts.extend(memchr_newlines(&self.text).map(|i| (i + 1) as u32));
            if starts.capacity() > 2 * starts.len() {
                starts.shrink_to_fit();
            }
            starts
        })
    }

    /// The text the parsers see: everything after the byte order mark.
    pub fn body(&self) -> &str {
        &self.text[self.bom_len()..]
    }

    /// The 1-based line and character column of a byte offset. Offsets inside a
    /// multi-byte character or past the end are clamped, never a panic.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line_index = match line_starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let start = (line_starts[line_index] as usize).min(offset);
        let column = if offset - start <= 2 * CHUNK {
            characters(&self.text.as_bytes()[start..offset])
        } else {
            self.chars_at(offset) - self.chars_at(start)
        };
        LineCol {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// How many characters the text has before a byte offset.
    fn chars_at(&self, offset: usize) -> usize {
        let index = self.chars_before.get_or_init(|| {
            let mut counted = 0u32;
            let mut index = Vec::with_capacity(self.text.len() / CHUNK + 1);
            for chunk in self.text.as_bytes().chunks(CHUNK) {
                index.push(counted);
                counted += characters(chunk) as u32;
            }
            index.push(counted);
            index
        });
        let chunk = offset / CHUNK;
        index[chunk] as usize + characters(&self.text.as_bytes()[chunk * CHUNK..offset])
    }

    /// The byte offset of a 1-based line and character column, as parsers report them
    /// relative to the text after the byte order mark. Clamped to the line's end.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let line_starts = self.line_starts();
        let Some(start) = line_starts.get(line.saturating_sub(1)).map(|&s| s as usize) else {
            return self.text.len();
        };
        let line_end = line_starts
            .get(line)
            .map_or(self.text.len(), |&end| end as usize);
        let line_text = &self.text[start..line_end];
        let within = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| i)
            .unwrap_or(line_text.len());
        start + within
    }

    /// The byte range of the lines from `first` to `last` (0-based, inclusive), clamped.
    pub fn line_window(&self, first: usize, last: usize) -> (usize, usize) {
        let line_starts = self.line_starts();
        let start = line_starts[first.min(line_starts.len() - 1)] as usize;
        let end = line_starts
            .get(last + 1)
            .map_or(self.text.len(), |&end| end as usize);
        (start, end.max(start))
    }

    /// The number of lines in the text.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

/// Counting bytes that do not continue a UTF-8 sequence counts characters, wherever the
/// slice starts or ends.
fn characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_far_into_a_long_line_counts_characters_as_a_short_one_does() {
        let line: String = (0..3000)
            .map(|i| if i % 7 == 0 { 'é' } else { 'a' })
            .collect();
        let source = SourceFile::new("t", format!("x\n{line}\n"));
        for offset in [2, 700, 2 + line.len() / 2, 1 + line.len()] {
            let offset = (offset..)
                .find(|o| source.text.is_char_boundary(*o))
                .unwrap();
            let naive = source.text[..offset]
                .rsplit('\n')
                .next()
                .unwrap()
                .chars()
                .count()
                + 1;
            assert_eq!(
                source.line_col(offset),
                LineCol {
                    line: 2,
                    column: naive
                }
            );
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("x", "ab\nçé<x>".to_string());
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        // `<` follows two two-byte characters.
        assert_eq!(file.line_col(7), LineCol { line: 2, column: 3 });
        assert_eq!(file.offset_of(2, 3), 7);
    }

    #[test]
    fn the_byte_order_mark_is_not_a_column() {
        let file = SourceFile::new("x", format!("{UTF8_BOM}<a/>"));
        assert_eq!(file.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(file.offset_of(1, 1), 3);
        assert_eq!(file.body(), "<a/>");
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let file = SourceFile::new("x", "a\nb".to_string());
        assert_eq!(file.line_col(99), LineCol { line: 2, column: 2 });
        assert_eq!(file.offset_of(9, 9), 3);
    }
}
