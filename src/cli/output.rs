//! Where reports go: stdout in one format, and any number of `--output FORMAT[=PATH]`,
//! each written through [`super::sink`].

use std::path::PathBuf;

use clap::ValueEnum;

use invlint::checks::ALL_RULES;
use invlint::render::{self, OutputFormat, RenderOptions};
use invlint::report::FileReport;

use super::sink;

/// One destination: a format, and a file (or stdout).
pub struct Output {
    pub format: OutputFormat,
    pub path: Option<PathBuf>,
}

/// Parses `FORMAT[=PATH]`; `FORMAT` alone and `FORMAT=-` go to standard output.
pub fn parse(spec: &str) -> Result<Output, String> {
    let (name, path) = match spec.split_once('=') {
        Some((name, "-")) => (name, None),
        Some((name, path)) => (name, Some(PathBuf::from(path))),
        None => (spec, None),
    };
    let format = OutputFormat::from_str(name, true).map_err(|_| {
        let names: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        format!(
            "`{name}` is not an output format; expected one of {}",
            names.join(", ")
        )
    })?;
    Ok(Output { format, path })
}

/// Writes every output (what would go to stdout to stderr instead, when `to_stderr`); a
/// file or a standard output that cannot be written is an error
/// message (a closed standard output is not: the reader chose to stop).
pub fn write_all(
    outputs: &[Output],
    reports: &[FileReport],
    options: &RenderOptions,
    to_stderr: bool,
) -> Result<(), String> {
    let mut stdout_open = true;
    for output in outputs {
        match &output.path {
            // Stdout carries something else (the fixed text of --fix on stdin).
            None if to_stderr => sink::stderr(&render::render(output.format, reports, options)),
            None if !stdout_open => {}
            None => {
                let text = render::render(output.format, reports, options);
                match sink::stdout(text.as_bytes()) {
                    Ok(()) => {}
                    Err(sink::StdoutError::Closed) => stdout_open = false,
                    Err(sink::StdoutError::Failed(message)) => return Err(message),
                }
            }
            Some(path) => {
                let text = render::render(output.format, reports, options);
                sink::file(path, text.as_bytes())?;
            }
        }
    }
    Ok(())
}

/// `--statistics`: how many findings each rule made, most first.
pub fn statistics(reports: &[FileReport]) -> String {
    let mut counts: Vec<(usize, &str, &str)> = ALL_RULES
        .iter()
        .map(|rule| {
            let n = reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .filter(|d| d.rule == *rule)
                .count();
            (n, rule.code, rule.name)
        })
        .filter(|(n, _, _)| *n > 0)
        .collect();
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    counts
        .iter()
        .map(|(n, code, name)| format!("{n:>6}  {code}  {name}\n"))
        .collect()
}

/// `--statistics --format json`: the same counts as an array, with how many of each
/// rule's findings carry a fix.
pub fn statistics_json(reports: &[FileReport]) -> String {
    let mut counts: Vec<(usize, usize, &'static invlint::checks::Rule)> = ALL_RULES
        .iter()
        .map(|rule| {
            let found = reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .filter(|d| d.rule == *rule);
            let (n, fixable) = found.fold((0, 0), |(n, f), d| {
                (n + 1, f + usize::from(d.fix.is_some()))
            });
            (n, fixable, *rule)
        })
        .filter(|(n, _, _)| *n > 0)
        .collect();
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.code.cmp(b.2.code)));
    let entries: Vec<serde_json::Value> = counts
        .iter()
        .map(|(n, fixable, rule)| {
            serde_json::json!({
                "code": rule.code,
                "name": rule.name,
                "count": n,
                "fixable": fixable,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&entries).expect("JSON values always serialise");
    text.push('\n');
    text
}
