//! `junit`: JUnit XML as GitLab, Jenkins and others read it: a test suite per file, a test
//! case per finding with a name that is unique (it carries the position), a passing case
//! for a clean file so that counts mean something, and parse failures as errors.

use std::fmt::Write;

use crate::render::trailer;
use crate::report::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let count = |pred: &dyn Fn(bool) -> bool| -> usize {
        reports
            .iter()
            .map(|r| {
                r.diagnostics
                    .iter()
                    .filter(|d| pred(is_error(d.rule.code)))
                    .count()
            })
            .sum()
    };
    let errors = count(&|e| e);
    let failures = count(&|e| !e);
    let tests: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"invlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" time=\"0\">"
    );
    for report in reports {
        let name = escape(&report.source.name);
        let file_errors = report
            .diagnostics
            .iter()
            .filter(|d| is_error(d.rule.code))
            .count();
        let file_failures = report.diagnostics.len() - file_errors;
        let skipped = usize::from(report.skipped.is_some());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{file_failures}\" errors=\"{file_errors}\" skipped=\"{skipped}\" time=\"0\">",
            report.diagnostics.len().max(1)
        );
        if let Some(reason) = &report.skipped {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{name}\" name=\"not an inventory document\" file=\"{name}\" time=\"0\">\n      <skipped message=\"{}\"/>\n    </testcase>",
                escape(reason)
            );
        } else if report.diagnostics.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{name}\" name=\"no findings\" file=\"{name}\" time=\"0\"/>"
            );
        }
        for d in &report.diagnostics {
            let at = report.source.line_col(d.primary.span.start);
            let what = d.node_path.as_deref().unwrap_or(d.rule.name);
            let case = escape(&format!(
                "{} {what} @ {}:{}",
                d.rule.code, at.line, at.column
            ));
            let tag = if is_error(d.rule.code) {
                "error"
            } else {
                "failure"
            };
            let mut detail = format!(
                "{}:{}:{}: {}: {}",
                report.source.name, at.line, at.column, d.severity, d.message
            );
            detail.push_str(&trailer(d));
            let _ = writeln!(
                out,
                "    <testcase classname=\"{name}\" name=\"{case}\" file=\"{name}\" line=\"{}\" time=\"0\">\n      <{tag} message=\"{}\" type=\"{}\">{}</{tag}>\n    </testcase>",
                at.line,
                escape(&d.message),
                d.rule.code,
                escape(&detail)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// A file that could not be parsed is an error of the test run, not a failed check.
fn is_error(code: &str) -> bool {
    code == crate::checks::syntax::RULE.code
}

/// Escapes text for XML attributes and content, and drops characters XML 1.0 forbids.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
