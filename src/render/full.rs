//! `--format full`: miette's graphical report, with the source lines, underlines, labels
//! and help, for people reading a terminal.

use std::collections::HashMap;
use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::render::RenderOptions;
use crate::report::FileReport;

pub fn render(reports: &[FileReport], options: &RenderOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let sources: Vec<IndexedSource> = reports
        .iter()
        .map(|report| IndexedSource {
            report,
            text: crate::escape::blank_controls(&report.source.text),
        })
        .collect();
    let by_name: HashMap<&str, &IndexedSource> = sources
        .iter()
        .map(|s| (s.report.source.name.as_str(), s))
        .collect();
    let mut out = String::new();
    for source in &sources {
        for diagnostic in &source.report.diagnostics {
            let related = diagnostic
                .related
                .iter()
                .filter_map(|r| {
                    Some(RelatedView {
                        related: r,
                        source: by_name.get(r.path.as_str())?,
                    })
                })
                .collect();
            let view = View {
                diagnostic,
                source,
                related,
            };
            // Writing into a String cannot fail.
            let _ = handler.render_report(&mut out, &view);
            out.push('\n');
        }
    }
    out
}

/// A label's span is cut to this many bytes: a span over a whole minified document, or a
/// comment left open over thousands of lines, is shown by its start.
const MAX_LABEL_BYTES: usize = 240;

/// Lines around a span longer than this together are cut to the span and a little on each
/// side, without the context lines, as compilers show a long line.
const MAX_WINDOW_BYTES: usize = 1024;

/// The text shown on each side of a span on a cut line.
const CUT_MARGIN_BYTES: usize = 100;

/// A file's text as miette reads it: only the lines around a span are handed to miette,
/// found through the line index, so no label makes it scan the whole file, and a long line
/// only around the span, so output stays bounded whatever the input. The text is the
/// file's with its control characters blanked (same length, so spans hold): a source line
/// must never send an escape sequence to the terminal.
struct IndexedSource<'a> {
    report: &'a FileReport,
    text: std::borrow::Cow<'a, str>,
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let source = &self.report.source;
        let start = span.offset();
        let end = start + span.len();
        let first_line = source.line_col(start).line - 1;
        let last_line = source.line_col(end).line - 1;
        let (mut window_start, mut window_end) = source.line_window(
            first_line.saturating_sub(context_lines_before),
            last_line + context_lines_after,
        );
        if window_end - window_start > MAX_WINDOW_BYTES {
            // Cut: the span's lines from a little before it to a little after it, as one
            // piece of text whose first column is where the cut starts. Asked without
            // context (for the position in the header), the piece starts at the span.
            let (line_start, line_end) = source.line_window(first_line, last_line);
            window_start = if context_lines_before == 0 {
                start
            } else {
                floor_boundary(&self.text, start.saturating_sub(CUT_MARGIN_BYTES)).max(line_start)
            };
            window_end = ceil_boundary(&self.text, end + CUT_MARGIN_BYTES)
                .min(line_end)
                .max(end);
            let data = &self.text[window_start..window_end];
            return Ok(Box::new(MietteSpanContents::new_named(
                source.name.clone(),
                data.as_bytes(),
                SourceSpan::new(window_start.into(), data.len()),
                first_line,
                source.line_col(window_start).column - 1,
                data.matches('\n').count() + 1,
            )));
        }
        let window = &self.text[window_start..window_end];
        let inner_span = SourceSpan::new((start - window_start).into(), span.len());
        let inner = window.read_span(&inner_span, context_lines_before, context_lines_after)?;
        let data_start = inner.span().offset() + window_start;
        // miette counts the column in bytes; every other output counts characters.
        let column = source.line_col(data_start).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            source.name.clone(),
            inner.data(),
            SourceSpan::new(data_start.into(), inner.span().len()),
            inner.line() + first_line.saturating_sub(context_lines_before),
            column,
            inner.line_count(),
        )))
    }
}

/// A span cut to [`MAX_LABEL_BYTES`], at a character boundary.
fn shown(text: &str, span: crate::diagnostic::Span) -> (usize, usize) {
    let end = if span.len() > MAX_LABEL_BYTES {
        floor_boundary(text, span.start() + MAX_LABEL_BYTES)
    } else {
        span.end()
    };
    (span.start(), end.max(span.start()) - span.start())
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

struct View<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a IndexedSource<'a>,
    related: Vec<RelatedView<'a>>,
}

/// A place in another file, shown under the finding with that file's lines.
struct RelatedView<'a> {
    related: &'a Related,
    source: &'a IndexedSource<'a>,
}

impl fmt::Debug for RelatedView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.related.message)
    }
}

impl fmt::Display for RelatedView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.related.message, self.related.path)
    }
}

impl std::error::Error for RelatedView<'_> {}

impl miette::Diagnostic for RelatedView<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = shown(&self.source.text, self.related.span);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, span),
        )))
    }
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let rule = self.diagnostic.rule;
        Some(Box::new(format!("{}({})", rule.code, rule.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(&**h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let text = &self.source.text;
        let primary = &self.diagnostic.primary;
        let primary =
            LabeledSpan::new_primary_with_span(primary.message.clone(), shown(text, primary.span));
        let secondary = self
            .diagnostic
            .secondary
            .iter()
            .map(|l| LabeledSpan::new_with_span(l.message.clone(), shown(text, l.span)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}
