//! What a check reports: a rule, a severity, a message and labelled byte spans.

use std::fmt;
use std::ops::Range;

use crate::checks::Rule;
use crate::source::LineCol;

/// A half-open range of byte offsets into a file's whole text (byte order mark included).
///
/// The offsets are kept as `u32`, which halves every span: a 50 MB list document has
/// about a million tree nodes with four spans each. Files are read only up to
/// [`MAX_TEXT_BYTES`], so every offset fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

/// The longest text a [`Span`] can point into: larger files are refused before they are
/// parsed.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: offset(start),
            end: offset(end.max(start)),
        }
    }

    pub fn empty(at: usize) -> Self {
        Self::new(at, at)
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The span as a range of byte offsets, to slice the text with.
    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span moved by `delta` bytes, for text parsed out of a larger file.
    pub fn shifted(self, delta: usize) -> Self {
        Self::new(self.start() + delta, self.end() + delta)
    }
}

/// An offset as a span keeps it. Texts longer than [`MAX_TEXT_BYTES`] are refused before
/// anything is parsed, so the saturation is never reached by a real offset.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

/// How serious a finding is. Ordered so that `Error` is the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with an optional short text shown beside its underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Option<String>,
}

/// A place in another file that a finding is about too (checks across files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The other file's display name.
    pub path: String,
    /// The other file's absolute path, when it has one (for repository-relative names).
    pub file: Option<std::path::PathBuf>,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    pub message: String,
}

/// What fixes a finding: one or more edits made together (a renamed element's start and
/// end tags), and whether `--fix` may make them without being asked twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Sorted by position and never overlapping.
    pub edits: Vec<Edit>,
    pub description: String,
    pub safety: Safety,
}

/// Put `replacement` where `span` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Whether a fix is certain to keep what the author meant (`--fix` applies it), or a
/// guess (only `--unsafe-fixes` applies it): a did-you-mean rename, an added prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    Safe,
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

impl Fix {
    /// A fix of one edit that is certain.
    pub fn safe(
        span: Span,
        replacement: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self::one(span, replacement.into(), description.into(), Safety::Safe)
    }

    /// A fix of one edit that is a guess.
    pub fn guess(
        span: Span,
        replacement: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self::one(span, replacement.into(), description.into(), Safety::Unsafe)
    }

    fn one(span: Span, replacement: String, description: String, safety: Safety) -> Self {
        Self {
            edits: vec![Edit { span, replacement }],
            description,
            safety,
        }
    }
}

/// One finding. The primary label points at the narrowest node that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    /// Shared, not copied, between findings that say the same (a run of one unknown
    /// element, each told the same list of what is allowed).
    pub help: Option<std::sync::Arc<str>>,
    pub fix: Option<Fix>,
    /// Places in other files that the finding names.
    pub related: Vec<Related>,
    /// The path of the node the finding is about, like `/InventoryConfiguration/Id`.
    pub node_path: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity. The message, like every label and help
    /// text, goes through [`crate::escape::message`]: the values it quotes are escaped and
    /// bounded here, once, so no rule can echo a control character or a megabyte.
    pub fn new(rule: &'static Rule, span: Span, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.default_severity,
            message: crate::escape::message(message.into()),
            primary: Label {
                span,
                message: None,
            },
            secondary: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
            node_path: None,
        }
    }

    pub fn with_primary_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = Some(crate::escape::message(message.into()));
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: Some(crate::escape::message(message.into())),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(crate::escape::message(help.into()).into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_node_path(mut self, path: impl Into<String>) -> Self {
        self.node_path = Some(path.into());
        self
    }

    /// The order every output uses: by position, then by rule code.
    pub fn sort_key(&self) -> (usize, usize, &'static str) {
        (
            self.primary.span.start(),
            self.primary.span.end(),
            self.rule.code,
        )
    }
}
