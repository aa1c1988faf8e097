//! `github`: GitHub Actions workflow commands. GitHub shows at most 10 error and 10
//! warning annotations per step and drops the rest without a word, so invlint annotates
//! the first 10 of each (and of notices), says how many more there are, and lists every
//! finding in a collapsed group of the log. An annotation names its file relative to the
//! repository's root, which is what GitHub resolves it against.

use std::fmt::Write;

use crate::diagnostic::Severity;
use crate::render::location::repository_name;
use crate::render::{RenderOptions, trailer};
use crate::report::FileReport;

/// GitHub's limit of annotations of one kind per step.
pub const ANNOTATIONS_PER_KIND: usize = 10;

pub fn render(reports: &[FileReport], options: &RenderOptions) -> String {
    let mut writer = Writer::default();
    let mut out = writer.batch(reports, options);
    out.push_str(&writer.finish());
    out
}

/// The format written batch by batch: the annotations of each batch at once, and at the
/// end the count of those GitHub would not show and the group that lists every finding,
/// whose lines are kept until then (memory follows the findings, not the files).
#[derive(Debug, Default)]
pub struct Writer {
    shown: [usize; 3],
    hidden: [usize; 3],
    /// The lines of the group of every finding, so far.
    group: String,
}

impl Writer {
    /// The annotations of a batch of reports, which follows every batch before it.
    pub fn batch(&mut self, reports: &[FileReport], options: &RenderOptions) -> String {
        let mut out = String::new();
        for report in reports {
            let file = repository_name(
                &report.source.name,
                report.source.path.as_deref(),
                options.root.as_deref(),
            );
            for d in &report.diagnostics {
                let at = report.source.line_col(d.primary.span.start());
                let _ = writeln!(
                    self.group,
                    "{}:{}:{}: {}: {} [{}]",
                    report.source.name,
                    at.line,
                    at.column,
                    d.severity,
                    d.message.replace(['\n', '\r'], " "),
                    d.rule.code
                );
                let kind = d.severity as usize;
                if self.shown[kind] == ANNOTATIONS_PER_KIND {
                    self.hidden[kind] += 1;
                    continue;
                }
                self.shown[kind] += 1;
                let end = report.source.line_col(d.primary.span.end());
                let command = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "notice",
                };
                let message = format!("{}{}", d.message, trailer(d));
                let _ = writeln!(
                    out,
                    "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}",
                    property(&file),
                    at.line,
                    end.line,
                    at.column,
                    end.column,
                    property(&format!("{} {}", d.rule.code, d.rule.name)),
                    data(&message)
                );
            }
        }
        out
    }

    /// What follows the last batch.
    pub fn finish(self) -> String {
        let mut out = String::new();
        let names = ["notice", "warning", "error"];
        let hidden = self.hidden;
        let missing: Vec<String> = (0..3)
            .rev()
            .filter(|k| hidden[*k] > 0)
            .map(|k| {
                format!(
                    "{} more {}{}",
                    hidden[k],
                    names[k],
                    if hidden[k] == 1 { "" } else { "s" }
                )
            })
            .collect();
        if !missing.is_empty() {
            let _ = writeln!(
                out,
                "::notice title=invlint::{}",
                data(&format!(
                    "{} not annotated: GitHub shows at most {ANNOTATIONS_PER_KIND} of each kind per step; every finding is listed in the group 'invlint: all findings' of this log",
                    missing.join(", ")
                ))
            );
        }
        if !self.group.is_empty() {
            out.push_str("::group::invlint: all findings\n");
            out.push_str(&self.group);
            out.push_str("::endgroup::\n");
        }
        out
    }
}

/// Escapes a message as the runner requires (`%`, CR, LF).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(data("50%\r\nok"), "50%25%0D%0Aok");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
