//! `junit`: JUnit XML as GitLab, Jenkins and others read it, valid against the Jenkins
//! xUnit schema (`junit-10.xsd`): a test suite per file, named by its path relative to the
//! repository's root; a test case per finding, with a name unique in its suite (the rule,
//! the node path and the position, and an ordinal when several findings share all three,
//! because GitLab keeps only the first of equal names); a passing case for a clean file so
//! that counts mean something; and parse failures as errors.
//!
//! The schema allows `file` on a suite but neither `file` nor `line` on a case, so the
//! position is in the case's name and text. A case's `classname` is the file's folder and
//! name joined by dots (`configs.prod.a_xml`): Jenkins cuts a classname at its last dot into
//! a package and a class, so the folder shows as the package and the file as the class.

use std::collections::HashMap;
use std::fmt::Write;

use crate::render::location::repository_name;
use crate::render::{RenderOptions, trailer};
use crate::report::FileReport;

pub fn render(reports: &[FileReport], options: &RenderOptions) -> String {
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
        let path = repository_name(
            &report.source.name,
            report.source.path.as_deref(),
            options.root.as_deref(),
        );
        let name = escape(&path);
        let class = escape(&class_name(&path));
        let file_errors = report
            .diagnostics
            .iter()
            .filter(|d| is_error(d.rule.code))
            .count();
        let file_failures = report.diagnostics.len() - file_errors;
        let skipped = usize::from(report.skipped.is_some());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{file_failures}\" errors=\"{file_errors}\" skipped=\"{skipped}\" time=\"0\" file=\"{name}\">",
            report.diagnostics.len().max(1)
        );
        if let Some(reason) = &report.skipped {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{class}\" name=\"not an inventory document\" time=\"0\">\n      <skipped message=\"{}\"/>\n    </testcase>",
                escape(reason)
            );
        } else if report.diagnostics.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{class}\" name=\"no findings\" time=\"0\"/>"
            );
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for d in &report.diagnostics {
            let at = report.source.line_col(d.primary.span.start());
            let what = d.node_path.as_deref().unwrap_or(d.rule.name);
            let mut case = format!("{} {what} @ {}:{}", d.rule.code, at.line, at.column);
            let repeats = seen.entry(case.clone()).or_default();
            *repeats += 1;
            if *repeats > 1 {
                let _ = write!(case, " ({repeats})");
            }
            let tag = if is_error(d.rule.code) {
                "error"
            } else {
                "failure"
            };
            let mut detail = format!(
                "{path}:{}:{}: {}: {}",
                at.line, at.column, d.severity, d.message
            );
            detail.push_str(&trailer(d));
            let _ = writeln!(
                out,
                "    <testcase classname=\"{class}\" name=\"{}\" time=\"0\">\n      <{tag} message=\"{}\" type=\"{}\">{}</{tag}>\n    </testcase>",
                escape(&case),
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

/// A file's path as a classname: its parts joined by dots, each part's own dots made
/// underscores (`configs/prod/a.xml` is `configs.prod.a_xml`).
fn class_name(path: &str) -> String {
    path.split('/')
        .filter(|part| !part.is_empty())
        .map(|part| part.replace('.', "_"))
        .collect::<Vec<_>>()
        .join(".")
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

#[cfg(test)]
mod tests {
    use super::{class_name, render};
    use crate::diagnostic::{Diagnostic, Span};
    use crate::render::RenderOptions;
    use crate::report::FileReport;
    use crate::source::SourceFile;

    #[test]
    fn findings_alike_at_one_place_get_names_of_their_own() {
        let same = Diagnostic::new(&crate::checks::enum_value::RULE, Span::new(0, 1), "twice");
        let report = FileReport {
            source: SourceFile::new("a.xml", "<a/>".to_string()),
            diagnostics: vec![same.clone(), same.clone(), same],
            provider: None,
            facts: None,
            skipped: None,
            fixed: None,
        };
        let xml = render(&[report], &RenderOptions::default());
        for name in [
            "name=\"INV005 enum-value @ 1:1\"",
            "name=\"INV005 enum-value @ 1:1 (2)\"",
            "name=\"INV005 enum-value @ 1:1 (3)\"",
        ] {
            assert_eq!(xml.matches(name).count(), 1, "{name} in {xml}");
        }
    }

    #[test]
    fn a_classname_is_the_folder_then_the_file() {
        assert_eq!(class_name("configs/prod/a.xml"), "configs.prod.a_xml");
        assert_eq!(class_name("a.xml"), "a_xml");
        assert_eq!(class_name(".github/inv/b c.json"), "_github.inv.b c_json");
    }
}
