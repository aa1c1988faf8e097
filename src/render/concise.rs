//! `--format concise`: `path:line:col: severity: message [CODE]`, one line per finding, as
//! editors, problem matchers and Vim's default errorformat read it.

use std::fmt::Write;

use crate::diagnostic::Severity;
use crate::render::RenderOptions;
use crate::report::FileReport;

pub fn render(reports: &[FileReport], options: &RenderOptions) -> String {
    let mut out = String::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let at = report.source.line_col(diagnostic.primary.span.start());
            // Messages never span lines here: one finding, one line.
            let message = diagnostic.message.replace(['\n', '\r'], " ");
            let severity = paint(diagnostic.severity, options.color);
            let _ = write!(
                out,
                "{}:{}:{}: {severity}: {message}",
                report.source.name, at.line, at.column
            );
            // Places in other files are named on the same line, so nothing is lost.
            if !diagnostic.related.is_empty() {
                let places: Vec<String> = diagnostic
                    .related
                    .iter()
                    .map(|r| format!("{}:{}:{}", r.path, r.start.line, r.start.column))
                    .collect();
                let _ = write!(out, " (see {})", places.join(", "));
            }
            let _ = writeln!(out, " [{}]", diagnostic.rule.code);
        }
    }
    out
}

fn paint(severity: Severity, color: bool) -> String {
    if !color {
        return severity.as_str().to_string();
    }
    let code = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    };
    format!("\x1b[{code}m{}\x1b[0m", severity.as_str())
}
