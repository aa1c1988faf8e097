//! Where reports go: stdout in one format, and any number of `--output FORMAT[=PATH]`.
//! Files are written whole or not at all (a temporary file renamed into place).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use invlint::checks::ALL_RULES;
use invlint::render::{self, FileReport, OutputFormat, RenderOptions};

/// One destination: a format, and a file (or stdout).
pub struct Output {
    pub format: OutputFormat,
    pub path: Option<PathBuf>,
}

/// Parses `FORMAT[=PATH]`.
pub fn parse(spec: &str) -> Result<Output, String> {
    let (name, path) = match spec.split_once('=') {
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

/// Writes every output; a file that cannot be written is an error message.
pub fn write_all(
    outputs: &[Output],
    reports: &[FileReport],
    options: &RenderOptions,
) -> Result<(), String> {
    for output in outputs {
        let text = render::render(output.format, reports, options);
        match &output.path {
            None => {
                let mut stdout = std::io::stdout().lock();
                // A closed pipe (`| head`) is not the tool's failure; the exit code tells.
                let _ = stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush());
            }
            Some(path) => write_atomically(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", invlint::escape::path_name(path)))?,
        }
    }
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.invlint-{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
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
