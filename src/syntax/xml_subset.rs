//! The fast way in for XML: a single pass over the bytes straight into the shared tree,
//! for the strict subset of XML that inventory documents are written in. Anything outside
//! it (a prefixed name, an attribute other than a default `xmlns`, a processing
//! instruction, CDATA, a DTD, an entity other than the five predefined ones and character
//! references, a carriage return inside a value or comment, nesting past the depth bound,
//! or any mistake at all) makes it answer `None`, and the caller parses the document with
//! roxmltree, whose checks and error positions are the syntax rule's. So this parser never
//! has to say why a document is wrong, only to be sure that it is right; and for every
//! document it accepts it builds the tree the roxmltree path would build, byte for byte
//! (`tests/xml_subset.rs` and the `xml_differential` fuzz target compare the two).
//!
//! It holds no recursion: open elements are kept on a stack of their own.

use crate::diagnostic::Span;
use crate::syntax::KnownNames;
use crate::syntax::tree::{
    Blank, Comment, Document, Format, MAX_DEPTH, Node, Scalar, ScalarKind, trimmed_span,
};

/// Parses `body`, whose first byte is byte `base` of the file, or answers `None` when the
/// document is outside the subset.
pub fn parse(body: &str, base: usize, known: KnownNames) -> Option<Document> {
    let any_carriage_return = carriage_returns(body.as_bytes())?;
    let mut parser = Parser {
        text: body,
        bytes: body.as_bytes(),
        at: 0,
        base,
        known,
        comments: Vec::new(),
        root_namespace: None,
        any_carriage_return,
    };
    parser.declaration()?;
    // Comments before the root wait for it, as siblings at the document's level do.
    let mut before_root = Vec::new();
    parser.misc(&mut before_root)?;
    let root = parser.root(before_root)?;
    parser.misc(&mut Vec::new())?;
    if parser.at != parser.bytes.len() {
        return None;
    }
    let namespace = parser
        .root_namespace
        .flatten()
        .map(|uri| body[uri.range()].to_string());
    Some(Document {
        format: Format::Xml,
        root,
        namespace,
        comments: parser.comments,
        recovered: Vec::new(),
    })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    base: usize,
    known: KnownNames<'a>,
    comments: Vec<Comment>,
    /// The root element's namespace (the bytes of its URI), once its start tag is read.
    root_namespace: Option<Option<Span>>,
    /// Whether the text holds a carriage return anywhere: when not (nearly always), no
    /// run of text is searched for one.
    any_carriage_return: bool,
}

/// An element whose end tag has not come yet. Its node is already on the parser's stack
/// of finished nodes, at `index`, where it is completed in place: a node is written once,
/// not moved from here to there. Every element is pushed and popped once, so this is kept
/// small (its positions are those of the body, which a [`Span`] holds): what few elements
/// have is boxed apart.
struct Open {
    index: u32,
    children: u32,
    /// The bytes of its name, to match its end tag against.
    name: Span,
    /// Its namespace URI, declared or inherited, as bytes of the text: its children
    /// inherit it.
    namespace: Option<Span>,
    /// Its text while it has no child element: the span from its first run of text to
    /// its last (the text itself is in `rare` once more than the first run's source is
    /// needed: an entity, or a second run after a comment).
    text_span: Option<Span>,
    /// Whether its text holds a carriage return, which the roxmltree path normalises.
    carriage_return: bool,
    /// Its first run of text that is not blank, as it stands, for when a child element
    /// makes it stray text (it is trimmed then); the others are in `rare`.
    first_piece: Option<Span>,
    /// The rest, made when the first of it comes.
    rare: Option<Box<Rare>>,
}

/// What only some elements have while they are open.
#[derive(Default)]
struct Rare {
    /// The element's text, when it is not the source of its one run.
    text: Option<String>,
    /// Its runs of text that are not blank after the first.
    more_pieces: Vec<Span>,
    /// Comments among its children that wait for the next child element.
    waiting: Vec<usize>,
    /// Comments before it among its siblings, which it is the next element of.
    answers: Vec<usize>,
}

impl Open {
    fn rare(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Box::default)
    }
}

impl Parser<'_> {
    /// `<?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"]?>`, if it is there.
    fn declaration(&mut self) -> Option<()> {
        if !self.text.starts_with("<?xml") {
            return Some(());
        }
        self.at = "<?xml".len();
        let mut seen = 0;
        for (index, name) in ["version", "encoding", "standalone"].iter().enumerate() {
            let save = self.at;
            if !self.space() {
                break;
            }
            if !self.text[self.at..].starts_with(name) {
                self.at = save;
                if index == 0 {
                    return None;
                }
                continue;
            }
            self.at += name.len();
            let value = self.equals_and_value()?;
            let value = &self.text[value];
            let fine = match index {
                0 => value == "1.0",
                1 => value.eq_ignore_ascii_case("utf-8"),
                _ => value == "yes" || value == "no",
            };
            if !fine {
                return None;
            }
            seen += 1;
        }
        if seen == 0 {
            return None;
        }
        self.space();
        self.eat("?>").then_some(())
    }

    /// White space and comments outside the root; comments are recorded and wait for the
    /// next element at that level.
    fn misc(&mut self, waiting: &mut Vec<usize>) -> Option<()> {
        loop {
            self.space();
            if self.text[self.at..].starts_with("<!--") {
                waiting.push(self.comment()?);
            } else {
                return Some(());
            }
        }
    }

    fn root(&mut self, before_root: Vec<usize>) -> Option<Node> {
        // Sized for an inventory document (six levels, a dozen siblings at most), so that
        // neither grows one doubling at a time in every document.
        let mut stack: Vec<Open> = Vec::with_capacity(8);
        // Finished nodes wait here for their parent's end tag, which takes its children
        // off in one piece: one exact allocation per parent, none per child.
        let mut done: Vec<Node> = Vec::with_capacity(32);
        if self.peek() != Some(b'<') {
            return None;
        }
        self.start_tag(None, before_root, &mut stack, &mut done)?;
        loop {
            let Some(top) = stack.last_mut() else {
                // The root was an empty element.
                return done.pop();
            };
            // Character data up to the next markup.
            let text_start = self.at;
            let mut decoded: Option<String> = None;
            while let Some(b) = self.peek() {
                match b {
                    b'<' => break,
                    b'&' => {
                        let piece_so_far = &self.text[text_start..self.at];
                        let character = self.reference()?;
                        decoded
                            .get_or_insert_with(|| piece_so_far.to_string())
                            .push(character);
                    }
                    b']' if self.text[self.at..].starts_with("]]>") => return None,
                    _ => {
                        let start = self.at;
                        // Up to the next byte that matters, in one step.
                        self.at += plain_text_len(&self.bytes[self.at..]).max(1);
                        if let Some(decoded) = &mut decoded {
                            decoded.push_str(&self.text[start..self.at]);
                        }
                    }
                }
            }
            if self.at > text_start {
                top.piece(
                    Span::new(text_start, self.at),
                    self.text,
                    decoded,
                    self.any_carriage_return,
                );
            }
            if self.at >= self.bytes.len() {
                return None;
            }
            // Markup.
            let rest = &self.text[self.at..];
            if rest.starts_with("</") {
                let closed = stack.pop()?;
                self.end_tag(closed.name)?;
                closed.finish(self.at, self.text, self.base, &mut self.comments, &mut done)?;
                match stack.last_mut() {
                    Some(parent) => parent.children += 1,
                    None => return done.pop(),
                }
            } else if rest.starts_with("<!--") {
                let index = self.comment()?;
                top.rare().waiting.push(index);
            } else {
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                let parent = stack.last_mut()?;
                let answers = parent
                    .rare
                    .as_mut()
                    .map(|rare| std::mem::take(&mut rare.waiting))
                    .unwrap_or_default();
                let namespace = parent.namespace;
                self.start_tag(namespace, answers, &mut stack, &mut done)?;
            }
        }
    }

    /// A start tag: `<Name [xmlns="..."] >`, which opens an element on `stack`, or its
    /// empty-element form `<Name/>`, whose node goes straight to `done` as a child of the
    /// element open at the top of `stack` (or as the root).
    fn start_tag(
        &mut self,
        inherited: Option<Span>,
        answers: Vec<usize>,
        stack: &mut Vec<Open>,
        done: &mut Vec<Node>,
    ) -> Option<()> {
        let start = self.at;
        self.at += 1;
        let name = self.name()?;
        let mut namespace = inherited;
        let mut declared = false;
        loop {
            let spaced = self.space();
            match self.peek()? {
                b'>' => {
                    self.at += 1;
                    self.root_namespace.get_or_insert(namespace);
                    done.push(self.node(start, name));
                    // Fewer nodes than bytes, and a text is at most `MAX_TEXT_BYTES`.
                    let index = (done.len() - 1) as u32;
                    let rare = (!answers.is_empty()).then(|| {
                        Box::new(Rare {
                            answers,
                            ..Rare::default()
                        })
                    });
                    stack.push(Open {
                        index,
                        children: 0,
                        name,
                        namespace,
                        text_span: None,
                        carriage_return: false,
                        first_piece: None,
                        rare,
                    });
                    return Some(());
                }
                b'/' => {
                    if !self.eat("/>") {
                        return None;
                    }
                    self.root_namespace.get_or_insert(namespace);
                    let mut node = self.node(start, name);
                    node.value = Some(Scalar {
                        text: Box::default(),
                        span: node.span,
                        kind: ScalarKind::Text,
                        verbatim: true,
                    });
                    for index in answers {
                        self.comments[index].next_element = Some(node.span);
                    }
                    done.push(node);
                    if let Some(parent) = stack.last_mut() {
                        parent.children += 1;
                    }
                    return Some(());
                }
                _ if spaced && !declared && self.text[self.at..].starts_with("xmlns") => {
                    self.at += "xmlns".len();
                    let range = self.equals_and_value()?;
                    let value = &self.text[range.clone()];
                    // A value with a reference or white space that attribute values
                    // normalise, or one of the two reserved names, is for roxmltree.
                    if value.contains(['&', '<', '\t', '\n', '\r'])
                        || value == "http://www.w3.org/XML/1998/namespace"
                        || value == "http://www.w3.org/2000/xmlns/"
                    {
                        return None;
                    }
                    // `xmlns=""` is kept as an empty namespace, as roxmltree gives it.
                    namespace = Some(Span::from(range));
                    declared = true;
                }
                _ => return None,
            }
        }
    }

    /// A node with its spans, as far as its start tag tells them; an empty element's span
    /// ends here.
    fn node(&self, start: usize, name: Span) -> Node {
        let base = self.base;
        Node {
            name: crate::syntax::tree::name(&self.text[name.range()], self.known),
            name_span: name.shifted(base),
            head_span: Span::new(start, self.at).shifted(base),
            span: Span::new(start, self.at).shifted(base),
            ..Node::default()
        }
    }

    /// `</Name>`, whose name must be the open element's.
    fn end_tag(&mut self, open: Span) -> Option<()> {
        self.at += 2;
        // The open element's name, and then a byte that ends a name: the name is not read
        // again on its own, as it is known already (a different name, a longer one, or a
        // refused byte after it leaves the subset, as reading it would).
        let name = &self.bytes[open.range()];
        let rest = &self.bytes[self.at..];
        if rest.len() <= name.len()
            || rest.iter().zip(name).any(|(a, b)| a != b)
            || NAME_BYTES[usize::from(rest[name.len()])] != 0
        {
            return None;
        }
        self.at += name.len();
        self.space();
        self.eat(">").then_some(())
    }

    /// `<!-- ... -->`, recorded; its index in the document's comments.
    fn comment(&mut self) -> Option<usize> {
        let start = self.at;
        let body_start = start + 4;
        let end = self.text[body_start..].find("--")? + body_start;
        // `--` may only close the comment, and the comment may not end in `-`.
        if !self.text[end..].starts_with("-->") {
            return None;
        }
        let text = &self.text[body_start..end];
        if text.ends_with('-') || text.contains('\r') {
            return None;
        }
        self.at = end + 3;
        self.comments.push(Comment {
            text: text.to_string(),
            span: Span::new(start, self.at).shifted(self.base),
            next_element: None,
        });
        Some(self.comments.len() - 1)
    }

    /// `&lt;` `&gt;` `&amp;` `&apos;` `&quot;` or a character reference, as its character.
    fn reference(&mut self) -> Option<char> {
        let rest = &self.text[self.at + 1..];
        let end = rest.find(';')?;
        let name = &rest[..end];
        let character = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    u32::from_str_radix(hex, 16).ok()?
                } else if let Some(decimal) = name.strip_prefix('#') {
                    if decimal.is_empty() || !decimal.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    decimal.parse().ok()?
                } else {
                    return None;
                };
                let character = char::from_u32(code)?;
                // Only characters that may stand in a value, and no carriage return,
                // which the roxmltree path would keep as it came.
                if !is_xml_char(character) || character == '\r' {
                    return None;
                }
                character
            }
        };
        self.at += 1 + end + 1;
        Some(character)
    }

    /// A name of the subset: an ASCII letter or `_`, then letters, digits, `_`, `-`, `.`.
    fn name(&mut self) -> Option<Span> {
        let start = self.at;
        let first = self.peek()?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        self.at += 1;
        // One table lookup per byte: names are most of a document's markup bytes.
        let rest = &self.bytes[self.at..];
        let len = rest
            .iter()
            .position(|&b| NAME_BYTES[usize::from(b)] != NAME)
            .unwrap_or(rest.len());
        self.at += len;
        if self
            .peek()
            .is_some_and(|b| NAME_BYTES[usize::from(b)] == REFUSED)
        {
            return None;
        }
        Some(Span::new(start, self.at))
    }

    /// `= "value"` (or single quotes), white space allowed around `=`; the value's bytes.
    fn equals_and_value(&mut self) -> Option<std::ops::Range<usize>> {
        self.space();
        if !self.eat("=") {
            return None;
        }
        self.space();
        let quote = self.peek()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let start = self.at + 1;
        let len = self.bytes[start..].iter().position(|b| *b == quote)?;
        self.at = start + len + 1;
        Some(start..start + len)
    }

    /// Skips XML white space; whether there was any.
    fn space(&mut self) -> bool {
        let start = self.at;
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.at += 1;
        }
        self.at > start
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.text[self.at..].starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }
}

impl Open {
    /// A run of character data among the element's children, at `span` of `source`;
    /// `decoded` when it held a reference.
    fn piece(
        &mut self,
        span: Span,
        source: &str,
        decoded: Option<String>,
        any_carriage_return: bool,
    ) {
        let raw = &source[span.range()];
        // Kept untrimmed: only an element that turns out to have children makes its text
        // stray, and then `finish` trims it. A value's one run is never trimmed here.
        if !raw.is_blank() {
            match self.first_piece {
                None => self.first_piece = Some(span),
                Some(_) => self.rare().more_pieces.push(span),
            }
        }
        if self.children > 0 {
            return;
        }
        let piece = decoded.as_deref().unwrap_or(raw);
        // A reference never stands for a carriage return here (`reference` refuses one),
        // so a text without one has none in any piece.
        self.carriage_return |= any_carriage_return && piece.contains('\r');
        match self.text_span {
            // The first run: its source is its text, unless it held a reference.
            None => {
                if decoded.is_some() {
                    self.rare().text = decoded;
                }
            }
            Some(first) => {
                let rare = self.rare();
                let so_far = rare
                    .text
                    .take()
                    .unwrap_or_else(|| source[first.range()].to_string());
                rare.text = Some(so_far + piece);
            }
        }
        self.text_span = Some(match self.text_span {
            // The span of the text so far ends where the last run did.
            Some(first) => Span::new(first.start(), span.end()),
            None => span,
        });
        // After a second run the span covers what lies between the runs, so the text
        // kept in `text` is what the value is; with one run, `text` is set only when
        // the run held a reference.
    }

    /// Completes the element's node on `done`, now that its end tag ends at `end`, with its
    /// children taken off after it; `None` for a value with a carriage return.
    fn finish(
        self,
        end: usize,
        source: &str,
        base: usize,
        comments: &mut [Comment],
        done: &mut Vec<Node>,
    ) -> Option<()> {
        let index = self.index as usize;
        let children = if self.children > 0 {
            done.drain(index + 1..).collect()
        } else {
            Box::default()
        };
        let node = &mut done[index];
        let start = node.span.start() - base;
        node.span = Span::new(start, end).shifted(base);
        let rare = self.rare.map(|rare| *rare).unwrap_or_default();
        for index in rare.answers {
            comments[index].next_element = Some(node.span);
        }
        if self.children == 0 {
            if self.carriage_return {
                return None;
            }
            let (text, span, verbatim) = match self.text_span {
                Some(span) => {
                    let raw = &source[span.range()];
                    // Text that is not the source as it stands (an entity, a comment
                    // between its runs) is not verbatim, as the roxmltree path judges it.
                    // A value of one run without a reference is its source.
                    let (text, verbatim) = match rare.text {
                        None => (raw.to_string(), true),
                        Some(text) => {
                            let verbatim = raw == text;
                            (text, verbatim)
                        }
                    };
                    (text, span.shifted(base), verbatim)
                }
                None => (String::new(), node.span, true),
            };
            node.value = Some(Scalar {
                text: text.into_boxed_str(),
                span,
                kind: ScalarKind::Text,
                verbatim,
            });
        } else {
            node.children = children;
            if let Some(first) = self.first_piece {
                let stray: Vec<Span> = std::iter::once(first)
                    .chain(rare.more_pieces)
                    .filter_map(|piece| trimmed_span(source, piece.range()))
                    .map(|trimmed| trimmed.shifted(base))
                    .collect();
                if !stray.is_empty() {
                    node.extra_mut().stray_text = stray;
                }
            }
        }
        Some(())
    }
}

/// How many bytes at the start of `bytes` are plain character data: none of `<`, `&` and
/// `]`. Most runs are the few bytes of a value or of the white space between two tags, which
/// are read here a word at a time faster than memchr sets itself up; a long run goes to
/// memchr.
fn plain_text_len(bytes: &[u8]) -> usize {
    const SHORT: usize = 32;
    // Eight bytes at a step, as one word: a byte of the word is a stop when it equals
    // one of the three, found with the usual test for a zero byte on the word XORed with
    // each. The test marks the first such byte exactly (a false mark can only follow a
    // true one), which is the one wanted.
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut at = 0;
    while at + 8 <= bytes.len().min(SHORT) {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let stops = zero_bytes(word ^ (ONES * u64::from(b'<')))
            | zero_bytes(word ^ (ONES * u64::from(b'&')))
            | zero_bytes(word ^ (ONES * u64::from(b']')));
        if stops != 0 {
            return at + stops.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    let head = &bytes[at..bytes.len().min(SHORT)];
    if let Some(len) = head.iter().position(|&b| TEXT_STOPS[usize::from(b)]) {
        return at + len;
    }
    at += head.len();
    if at < SHORT {
        return at;
    }
    SHORT + memchr::memchr3(b'<', b'&', b']', &bytes[SHORT..]).unwrap_or(bytes.len() - SHORT)
}

/// The bytes that end a run of plain character data.
static TEXT_STOPS: [bool; 256] = {
    let mut table = [false; 256];
    table[b'<' as usize] = true;
    table[b'&' as usize] = true;
    table[b']' as usize] = true;
    table
};

/// What a byte is after a name's first: part of the name, the end of it, or a byte that
/// takes the document out of the subset (a prefix's colon, any non-ASCII name byte).
const NAME: u8 = 1;
const REFUSED: u8 = 2;
static NAME_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.') {
            NAME
        } else if byte == b':' || byte >= 0x80 {
            REFUSED
        } else {
            0
        };
        b += 1;
    }
    table
};

/// `None` when the text holds bytes no document of the subset holds (control characters
/// other than tab, line feed and carriage return, and the non-characters U+FFFE and
/// U+FFFF); otherwise whether it holds a carriage return.
fn carriage_returns(bytes: &[u8]) -> Option<bool> {
    // Without an early exit and without branches, the compiler checks many bytes at a
    // step: nearly every document has none of them and is read to its end anyway.
    let (control, carriage_return) = bytes.iter().fold((false, false), |(found, cr), &b| {
        (
            found | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')),
            cr | (b == b'\r'),
        )
    });
    let non_character = || {
        memchr::memchr_iter(0xEF, bytes).any(|at| {
            bytes.get(at + 1) == Some(&0xBF) && matches!(bytes.get(at + 2), Some(0xBE | 0xBF))
        })
    };
    (!control && !non_character()).then_some(carriage_return)
}

/// XML 1.0's `Char`.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{D7FF}').contains(&c)
        || ('\u{E000}'..='\u{FFFD}').contains(&c)
        || c >= '\u{10000}'
}

#[cfg(test)]
mod tests {
    use super::plain_text_len;

    #[test]
    fn plain_text_ends_at_the_first_stop_wherever_it_lies() {
        let naive = |bytes: &[u8]| {
            bytes
                .iter()
                .position(|b| matches!(b, b'<' | b'&' | b']'))
                .unwrap_or(bytes.len())
        };
        // Every length around the word and memchr steps, with each stop at every place,
        // after bytes one above and one below each stop (which a test on words must not
        // take for one), and after a second stop.
        for len in 0..80 {
            for filler in [b'a', b';', b'=', b'%', b'\\', b'^', 0x01, 0x80, 0xff] {
                let plain = vec![filler; len];
                assert_eq!(plain_text_len(&plain), len);
                for stop in [b'<', b'&', b']'] {
                    for at in 0..len {
                        let mut bytes = plain.clone();
                        bytes[at] = stop;
                        assert_eq!(plain_text_len(&bytes), naive(&bytes), "{bytes:?}");
                        if at + 1 < len {
                            bytes[at + 1] = b'<';
                            assert_eq!(plain_text_len(&bytes), at);
                        }
                    }
                }
            }
        }
    }
}
