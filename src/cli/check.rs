//! `invlint check`: find the files, apply each one's configuration, check them, check
//! across them, write the reports, and choose the exit code.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use invlint::config::{self, Cache, Settings};
use invlint::diagnostic::Severity;
use invlint::files::{self, Input};
use invlint::render::{FileReport, OutputFormat, RenderOptions};
use invlint::{LintOptions, check_bytes, provider, unreadable};

use super::args::{CheckArgs, ColorChoice};
use super::output::{self, Output};
use super::sink;
use super::{EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE};

pub fn run(args: CheckArgs) -> ExitCode {
    let is_terminal = std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let render_options = RenderOptions {
        color,
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    };
    let mut outputs = Vec::new();
    for spec in &args.output {
        match output::parse(spec) {
            Ok(output) => outputs.push(output),
            Err(message) => return usage(&message),
        }
    }
    if !outputs.iter().any(|o| o.path.is_none()) {
        let format = args.format.unwrap_or(if is_terminal {
            OutputFormat::Full
        } else {
            OutputFormat::Concise
        });
        outputs.insert(0, Output { format, path: None });
    }
    let mut configs = Cache::default();
    if let Some(file) = &args.show_config {
        return show_config(&args, &mut configs, file, &render_options);
    }
    let collect_options = files::CollectOptions {
        follow_links: args.follow_links,
    };
    let inputs = match files::collect(&args.paths, &collect_options) {
        Ok(inputs) => inputs,
        Err(error) => return usage(&error.0),
    };

    // Configurations are found and read one file after another (each once); the files are
    // then checked in parallel, and collected in their original order.
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let config = match config_for(&args, &mut configs, input) {
            Ok(config) => config,
            Err(report) => return config_error(&report, &render_options),
        };
        if !picked(&args, config.map(|c| &configs.configs[c]), input) {
            continue;
        }
        // Globs are relative to the configuration's directory, so the file's path is made
        // absolute first (stdin is named by --stdin-filename, if at all).
        let path = match input {
            Input::File(path, _) | Input::Refused(path, _) => absolute(path),
            Input::Stdin => absolute(Path::new(args.stdin_filename.as_deref().unwrap_or("-"))),
        };
        let settings = config
            .map(|c| configs.configs[c].settings(&path))
            .unwrap_or_default();
        let options = options_for(&args, &settings);
        let name = display_name(input, args.stdin_filename.as_deref());
        jobs.push((input, config, settings, options, name));
    }
    let check_one = |(input, config, settings, options, name): (
        &Input,
        Option<usize>,
        Settings,
        LintOptions,
        String,
    )| {
        match std::panic::catch_unwind(|| check_input(input, &name, &options)) {
            Ok(mut report) => {
                config::apply_severities(&mut report, &settings.severities);
                // Only the threshold of the settings is needed from here on.
                let threshold = match args.fail_on {
                    Some(level) => level.threshold(),
                    None => settings
                        .fail_on
                        .as_ref()
                        .map_or(Severity::Error, |(level, _)| *level),
                };
                Some((report, config, threshold))
            }
            Err(_) => {
                sink::stderr_line(&format!(
                    "invlint: internal error while checking {name}; please report it"
                ));
                None
            }
        }
    };
    // One file (the editor and pre-commit case) is checked on this thread: starting a pool
    // of threads would cost more than the check.
    let results: Vec<Option<(FileReport, Option<usize>, Severity)>> = if jobs.len() > 1 {
        // Workers get the main thread's 8 MiB of stack: parsing is depth-bounded, but the
        // bound is set for the main thread's stack, not rayon's 2 MiB default.
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(8 * 1024 * 1024)
            .build_global();
        jobs.into_par_iter().map(check_one).collect()
    } else {
        jobs.into_iter().map(check_one).collect()
    };
    let internal_errors = results.iter().filter(|r| r.is_none()).count();
    drop(inputs);
    let mut checked: Vec<(FileReport, Option<usize>, Severity)> =
        results.into_iter().flatten().collect();
    // `ignore` entries of the configuration files silence findings in JSON documents.
    let mut used: Vec<Vec<bool>> = configs
        .configs
        .iter()
        .map(|c| vec![false; c.suppressions.len()])
        .collect();
    for (report, config, _) in &mut checked {
        if let (Some(index), Some(path)) = (
            *config,
            report
                .source
                .path
                .clone()
                .or_else(|| Some(PathBuf::from(&report.source.name))),
        ) {
            config::suppress(&configs.configs[index], &path, report, &mut used[index]);
        }
    }
    checked.sort_by(|a, b| a.0.source.name.cmp(&b.0.source.name));
    let (mut reports, thresholds): (Vec<FileReport>, Vec<Severity>) = checked
        .into_iter()
        .map(|(report, _, threshold)| (report, threshold))
        .unzip();
    let files_checked = reports.len();
    invlint::across::check_across(&mut reports, &LintOptions::default());
    for (config, used) in configs.configs.iter().zip(&used) {
        reports.extend(config::unused(config, used));
    }

    let result = if args.statistics {
        let text = output::statistics(&reports);
        match sink::stdout(text.as_bytes()) {
            Ok(()) | Err(sink::StdoutError::Closed) => {}
            Err(sink::StdoutError::Failed(message)) => return usage(&message),
        }
        output::write_all(
            &outputs
                .into_iter()
                .filter(|o| o.path.is_some())
                .collect::<Vec<_>>(),
            &reports,
            &render_options,
        )
    } else {
        output::write_all(&outputs, &reports, &render_options)
    };
    if let Err(message) = result {
        return usage(&message);
    }
    if !args.quiet {
        sink::stderr_line(&summary(files_checked, &reports));
    }
    if internal_errors > 0 {
        return ExitCode::from(EXIT_INTERNAL);
    }
    // Reports past the checked files are about configuration files: the run's threshold.
    let default = args.fail_on.map_or(Severity::Error, |f| f.threshold());
    let failed = reports.iter().enumerate().any(|(index, report)| {
        let threshold = thresholds.get(index).copied().unwrap_or(default);
        report.diagnostics.iter().any(|d| d.severity >= threshold)
    });
    if failed {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(message: &str) -> ExitCode {
    sink::stderr_line(&format!("invlint: {message}"));
    ExitCode::from(EXIT_USAGE)
}

/// A broken configuration stops the run: its findings go to stderr, and the exit code is 2.
fn config_error(report: &FileReport, options: &RenderOptions) -> ExitCode {
    let format = if std::io::stderr().is_terminal() {
        OutputFormat::Full
    } else {
        OutputFormat::Concise
    };
    let text = invlint::render::render(format, std::slice::from_ref(report), options);
    sink::stderr(&text);
    sink::stderr_line(&format!(
        "invlint: {} is invalid; nothing was checked",
        report.source.name
    ));
    ExitCode::from(EXIT_USAGE)
}

/// The configuration that applies to an input: `--config`, none with `--isolated`, or
/// the nearest invlint.toml at or above the file (for stdin: above `--stdin-filename`, or
/// the working directory).
fn config_for(
    args: &CheckArgs,
    configs: &mut Cache,
    input: &Input,
) -> Result<Option<usize>, Box<FileReport>> {
    if args.isolated {
        return Ok(None);
    }
    if let Some(path) = &args.config {
        return configs.get(path).map(Some);
    }
    let start = match input {
        Input::File(path, _) | Input::Refused(path, _) => {
            absolute(path).parent().map(Path::to_path_buf)
        }
        // Text from an editor is configured like the file it names.
        Input::Stdin => match &args.stdin_filename {
            Some(name) => absolute(Path::new(name)).parent().map(Path::to_path_buf),
            None => std::env::current_dir().ok(),
        },
    };
    let Some(dir) = start else { return Ok(None) };
    // Files of one directory share the answer: a walk looks once per directory.
    let found = match configs.discovered.get(&dir) {
        Some(found) => found.clone(),
        None => {
            let found = config::discover(&dir);
            configs.discovered.insert(dir, found.clone());
            found
        }
    };
    let Some(found) = found else { return Ok(None) };
    configs.get(&found).map(Some)
}

/// The path made absolute against the working directory, which is read once: asking the
/// system for it per file was most of the time of a walk over many small files.
fn absolute(path: &Path) -> PathBuf {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    if path.is_absolute() {
        return path.to_path_buf();
    }
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) => cwd.join(path.strip_prefix(".").unwrap_or(path)),
        None => path.to_path_buf(),
    }
}

/// Whether an input is checked: a walked file if it is a document (by `include`, or by
/// extension) and not excluded; a named file always, unless `--force-exclude` excludes it.
fn picked(args: &CheckArgs, config: Option<&config::Config>, input: &Input) -> bool {
    let Input::File(path, explicit) = input else {
        return true;
    };
    let path = absolute(path);
    match (config, explicit) {
        (Some(config), true) => !(args.force_exclude && config.excludes(&path)),
        (Some(config), false) => {
            config.walk_picks(&path)
                && (config.has_include() || files::has_document_extension(&path))
        }
        (None, true) => true,
        (None, false) => files::has_document_extension(&path),
    }
}

/// The command line's options over the configuration's settings.
fn options_for(args: &CheckArgs, settings: &Settings) -> LintOptions {
    let mut options = LintOptions {
        region: args
            .region
            .clone()
            .or_else(|| settings.region.as_ref().map(|(v, _)| v.clone())),
        inventory_id: args.inventory_id.clone(),
        bucket: args
            .bucket
            .clone()
            .or_else(|| settings.bucket.as_ref().map(|(v, _)| v.clone())),
        provider: args
            .provider
            .as_deref()
            .or(settings.provider.as_ref().map(|(v, _)| v.as_str()))
            .and_then(provider::by_id),
        provider_origin: match (&args.provider, &settings.provider) {
            (Some(_), _) => None,
            (None, Some((_, from))) => Some(from.clone()),
            (None, None) => None,
        },
        ..LintOptions::default()
    };
    if !settings.origin.is_empty() {
        options.rules = settings.rules.clone();
    }
    options
}

fn check_input(input: &Input, name: &str, options: &LintOptions) -> FileReport {
    let bytes = match input {
        Input::File(path, _) => files::read(path),
        Input::Stdin => files::read_stdin(),
        Input::Refused(_, reason) => Err(reason.clone()),
    };
    let mut report = match bytes {
        Ok(bytes) => check_bytes(name, bytes, options),
        Err(reason) => unreadable(name, &reason),
    };
    report.source.path = input.path().map(absolute);
    // A clean file whose bucket is unknown can get no finding later (the checks across
    // files need a bucket), so its text is not kept: memory follows the findings, not the
    // number of files.
    let may_get_findings = report.facts.as_ref().is_some_and(|f| f.bucket.is_some());
    if !may_get_findings {
        report.facts = None;
    }
    if report.diagnostics.is_empty() && !may_get_findings {
        // Neither its text nor its path is read again: only its name and provider are
        // reported.
        report.source = invlint::source::SourceFile::new(report.source.name.clone(), String::new());
    }
    report
}

fn display_name(input: &Input, stdin_filename: Option<&str>) -> String {
    match input {
        // Paths found under `.` are shown as `a.xml`, not `./a.xml`, as other linters do.
        Input::File(path, _) | Input::Refused(path, _) => {
            invlint::escape::path_name(path.strip_prefix(".").unwrap_or(path))
        }
        Input::Stdin => stdin_filename.map_or_else(
            || "<stdin>".to_string(),
            |name| invlint::escape::path_name(Path::new(name)),
        ),
    }
}

/// `--show-config FILE`: the settings for FILE and where each comes from.
fn show_config(
    args: &CheckArgs,
    configs: &mut Cache,
    file: &Path,
    options: &RenderOptions,
) -> ExitCode {
    let input = Input::File(file.to_path_buf(), true);
    let config = match config_for(args, configs, &input) {
        Ok(config) => config,
        Err(report) => return config_error(&report, options),
    };
    let settings = config
        .map(|c| configs.configs[c].settings(&absolute(file)))
        .unwrap_or_default();
    let mut out = String::new();
    // Values are shown as TOML strings, escaped and bounded like any echoed value.
    let quoted = |v: &str| format!("\"{}\"", invlint::escape::bounded(v).replace('"', "\\\""));
    let show =
        |key: &str, flag: &Option<String>, value: &Option<(String, String)>| match (flag, value) {
            (Some(v), _) => format!("{key} = {}  # from --{key}\n", quoted(v)),
            (None, Some((v, from))) => format!("{key} = {}  # from {from}\n", quoted(v)),
            (None, None) => format!("{key}: not set  # detected or read from the request's Host\n"),
        };
    let _ = match config {
        Some(c) => writeln!(
            out,
            "# configuration: {}",
            invlint::escape::path_name(&configs.configs[c].path)
        ),
        None if args.isolated => writeln!(out, "# configuration: none (--isolated)"),
        None => writeln!(
            out,
            "# configuration: none found at or above {}",
            invlint::escape::path_name(file)
        ),
    };
    out.push_str(&show("provider", &args.provider, &settings.provider));
    out.push_str(&show("region", &args.region, &settings.region));
    out.push_str(&show("bucket", &args.bucket, &settings.bucket));
    let fail_on = match (args.fail_on, &settings.fail_on) {
        (Some(level), _) => format!("{:?}  # from --fail-on", level.threshold().as_str()),
        (None, Some((level, from))) => format!("{:?}  # from {from}", level.as_str()),
        (None, None) => "\"error\"  # the default".to_string(),
    };
    let _ = writeln!(out, "fail-on = {fail_on}");
    let rules = if settings.origin.is_empty() {
        invlint::checks::ALL_RULES.to_vec()
    } else {
        settings.rules.to_vec()
    };
    let from = if settings.origin.is_empty() {
        "the default: every rule".to_string()
    } else {
        format!("`select`, `ignore` and `severity` in {}", settings.origin)
    };
    let _ = writeln!(out, "rules:  # {from}");
    for rule in rules {
        let severity = settings
            .severities
            .iter()
            .find(|(r, _)| *r == rule)
            .map_or(format!("{}", rule.default_severity), |(_, s)| {
                format!("{s} (set)")
            });
        let _ = writeln!(out, "  {} {:<22} {severity}", rule.code, rule.name);
    }
    match sink::stdout(out.as_bytes()) {
        Ok(()) | Err(sink::StdoutError::Closed) => ExitCode::SUCCESS,
        Err(sink::StdoutError::Failed(message)) => usage(&message),
    }
}

/// One line for stderr: how many files were checked and what was found.
fn summary(files: usize, reports: &[FileReport]) -> String {
    let count = |severity| invlint::render::count(reports, severity);
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors + warnings + infos == 0 {
        return format!("invlint: {} checked, no findings", plural(files, "file"));
    }
    format!(
        "invlint: {} checked: {}, {}, {infos} info",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    )
}
