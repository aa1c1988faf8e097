//! `invlint check`: find the files, apply each one's configuration, check them, check
//! across them, write the reports, and choose the exit code.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use invlint::config::{self, Cache, Settings};
use invlint::engine::{self, Content, Document, FileSettings, RunOptions};
use invlint::files::{self, Input};
use invlint::render::{Invocation, OutputFormat, RenderOptions, Streamed, Totals};
use invlint::report::FileReport;
use invlint::{LintOptions, provider};

use super::args::{CheckArgs, ColorChoice};
use super::fixes;
use super::output::{self, Output};
use super::selection::RuleFlags;
use super::sink;
use super::{EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE};

pub fn run(args: CheckArgs) -> ExitCode {
    let is_terminal = std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => auto_color(is_terminal),
    };
    let mut render_options = RenderOptions {
        color,
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
        root: files::report_root(),
        invocation: None,
    };
    let mut outputs = Vec::new();
    for spec in &args.output {
        match output::parse(spec) {
            Ok(output) => outputs.push(output),
            Err(message) => return usage(&message),
        }
    }
    // Two formats on one stream would interleave into something no consumer can read.
    if outputs.iter().filter(|o| o.path.is_none()).count() > 1 {
        return usage(
            "only one output can go to standard output; give the others a path (--output FORMAT=PATH)",
        );
    }
    if args.format.is_some() && outputs.iter().any(|o| o.path.is_none()) {
        return usage(
            "--format and an --output without a path both name standard output; give one of them",
        );
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
    let mut flags = RuleFlags::new(&args.select, &args.extend_select, &args.ignore);
    if let Some(file) = &args.show_config {
        return show_config(&args, &mut configs, &mut flags, file, &render_options);
    }
    let collect_options = files::CollectOptions {
        follow_links: args.follow_links,
    };
    // No path: the working directory, or standard input when --stdin-filename names it
    // (as ruff does: an editor pipes the buffer and names the file).
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if args.stdin_filename.is_some() {
        vec![PathBuf::from("-")]
    } else {
        vec![PathBuf::from(".")]
    };
    // A path that cannot be checked is said at once; the others are still checked, and
    // the run exits 2 at the end.
    let (inputs, path_errors) = files::collect(&paths, &collect_options);
    if !inputs.may_be_many() {
        crate::allocator::keep_freed_memory();
    }
    for error in &path_errors {
        sink::stderr_line(&format!("invlint: {}", error.0));
    }
    let fix_mode = match (args.fix || args.diff, args.unsafe_fixes) {
        (true, false) => Some(invlint::fix::Mode::Safe),
        (true, true) => Some(invlint::fix::Mode::Unsafe),
        (false, true) => return usage("--unsafe-fixes goes with --fix or --diff"),
        (false, false) => None,
    };
    // With --fix, text from stdin goes back on stdout, so the findings go to stderr.
    let stdin_name = paths
        .iter()
        .any(|path| path.as_os_str() == "-")
        .then(|| display_name(&Input::Stdin, args.stdin_filename.as_deref()));
    let findings_to_stderr = args.fix && stdin_name.is_some();

    // Each input's configuration is found when the run comes to it (each invlint.toml read
    // once), and what a document needs beyond that when its turn comes, so a run never
    // holds every document's settings, nor, for one directory walked, every path. A
    // broken invlint.toml stops the run where it is found. Inputs listed at once (several
    // paths) have their configurations found first, so then nothing is checked.
    let configs = std::sync::Mutex::new(configs);
    let broken: std::sync::Mutex<Option<Box<FileReport>>> = std::sync::Mutex::new(None);
    let lookup = |input: Input| {
        let mut cache = configs.lock().unwrap_or_else(|p| p.into_inner());
        match config_for(&args, &mut cache, &input) {
            Ok(config) => Some((input, config)),
            Err(report) => {
                *broken.lock().unwrap_or_else(|p| p.into_inner()) = Some(report);
                None
            }
        }
    };
    let keep = |(input, config): &(Input, Option<usize>)| {
        let cache = configs.lock().unwrap_or_else(|p| p.into_inner());
        picked(&args, config.map(|c| &*cache.configs[c]), input)
    };
    let name_of = |input: &Input| display_name(input, args.stdin_filename.as_deref());
    let picked_inputs: Box<dyn Iterator<Item = (Input, Option<usize>)> + Send> =
        if inputs.in_name_order() {
            Box::new(inputs.map_while(lookup).filter(keep))
        } else {
            let mut listed: Vec<(Input, Option<usize>)> = inputs.map_while(lookup).collect();
            if let Some(report) = broken.lock().unwrap_or_else(|p| p.into_inner()).take() {
                return config_error(&report, false, &render_options);
            }
            listed.retain(keep);
            // Reports are in the order of the names, each name made once.
            let mut named: Vec<(String, (Input, Option<usize>))> = listed
                .into_iter()
                .map(|pair| (name_of(&pair.0), pair))
                .collect();
            named.sort_by(|(a, _), (b, _)| files::name_order(a, b));
            Box::new(named.into_iter().map(|(_, pair)| pair))
        };
    let baseline = match &args.baseline {
        Some(path) => match read_baseline(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => return usage(&message),
        },
        None => None,
    };
    let run_options = RunOptions {
        fail_on: args.fail_on.map(|f| f.threshold()),
        baseline,
        root: render_options.root.clone(),
        fix: fix_mode,
        max_file_bytes: args.max_file_size,
    };
    let documents = picked_inputs.map(|(input, config)| {
        let name = name_of(&input);
        let cache = configs.lock().unwrap_or_else(|p| p.into_inner());
        document(&args, &cache, &mut flags, name, input, config)
    });
    // At the end of the run: every configuration it found.
    let all_configs = || {
        let cache = configs.lock().unwrap_or_else(|p| p.into_inner());
        cache.configs.clone()
    };
    if let Some(writer) = streamed(&args, &outputs, &render_options) {
        let stream = Stream {
            writer,
            configs: &all_configs,
            run_options: &run_options,
            path_errors: !path_errors.is_empty(),
        };
        let (code, wrote) = stream.run(documents, args.exit_zero, args.quiet);
        return match broken.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(report) => config_error(&report, wrote, &render_options),
            None => code,
        };
    }
    let outcome = engine::run_in_order(documents, &all_configs, &run_options);
    // Nothing is written, fixed or reported when a configuration is broken.
    if let Some(report) = broken.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return config_error(&report, false, &render_options);
    }
    if args.diff {
        return show_diff(&args, &outcome, !path_errors.is_empty());
    }
    if args.fix {
        if let Err(message) = fixes::write(&outcome.reports, stdin_name.as_deref()) {
            return usage(&message);
        }
        let stdin_text = outcome
            .reports
            .iter()
            .find(|r| Some(r.source.name.as_str()) == stdin_name.as_deref())
            .map(|r| r.source.text.as_bytes());
        if let Some(text) = stdin_text
            && let Err(sink::StdoutError::Failed(message)) = sink::stdout(text)
        {
            return usage(&message);
        }
    }
    if let Some(path) = &args.write_baseline {
        let text = engine::baseline::render(&outcome.reports, run_options.root.as_deref());
        if let Err(message) = sink::file(path, text.as_bytes()) {
            return usage(&message);
        }
        let count: usize = outcome.reports.iter().map(|r| r.diagnostics.len()).sum();
        sink::stderr_line(&format!(
            "invlint: {} checked; wrote {count} finding{} to the baseline {}",
            plural(outcome.files_checked, "file"),
            if count == 1 { "" } else { "s" },
            invlint::escape::path_name(path)
        ));
        return ExitCode::SUCCESS;
    }
    for (name, message) in &outcome.internal_errors {
        sink::stderr_line(&format!(
            "invlint: internal error while checking {name}: {message}; please report it"
        ));
    }

    // The exit code is known before anything is written, so that SARIF can record it.
    let exit_code = if !outcome.internal_errors.is_empty() {
        EXIT_INTERNAL
    } else if !path_errors.is_empty() {
        EXIT_USAGE
    } else if outcome.failed() && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        0
    };
    render_options.invocation = Some(Invocation {
        exit_code,
        errors: path_errors
            .iter()
            .map(|error| error.0.clone())
            .chain(
                outcome
                    .internal_errors
                    .iter()
                    .map(|(name, message)| format!("internal error in {name}: {message}")),
            )
            .collect(),
        working_directory: std::env::current_dir().ok(),
    });

    let reports = &outcome.reports;
    let result = if args.statistics {
        let text = if args.format == Some(OutputFormat::Json) {
            output::statistics_json(reports)
        } else {
            output::statistics(reports)
        };
        if findings_to_stderr {
            sink::stderr(&text);
        } else {
            match sink::stdout(text.as_bytes()) {
                Ok(()) | Err(sink::StdoutError::Closed) => {}
                Err(sink::StdoutError::Failed(message)) => return usage(&message),
            }
        }
        output::write_all(
            &outputs
                .into_iter()
                .filter(|o| o.path.is_some())
                .collect::<Vec<_>>(),
            reports,
            &render_options,
            false,
        )
    } else {
        output::write_all(&outputs, reports, &render_options, findings_to_stderr)
    };
    if let Err(message) = result {
        return usage(&message);
    }
    if !args.quiet {
        let mut line = summary(
            outcome.files_checked,
            outcome.files_skipped,
            Totals::of(reports).counts,
        );
        if let Some(fixed) = fixes::describe(fixes::count(reports), true) {
            line.push_str(&format!("; {fixed}"));
        }
        if let Some(applied) = outcome.baseline {
            line.push_str(&format!(
                "; {} left out by the baseline, {} fixed since it was written",
                plural(applied.baselined, "finding"),
                applied.fixed
            ));
        }
        sink::stderr_line(&line);
    }
    ExitCode::from(exit_code)
}

/// The writer of the run's one output when it can be written as the run goes: a format
/// that streams (see [`invlint::render::Streamed`]), on standard output, in a run that
/// neither fixes, nor counts, nor compares with or writes a baseline (those need every
/// report at the end).
fn streamed<'a>(
    args: &CheckArgs,
    outputs: &[Output],
    options: &'a RenderOptions,
) -> Option<Streamed<'a>> {
    let [only] = outputs else { return None };
    let whole_run_needed = args.fix
        || args.diff
        || args.statistics
        || args.baseline.is_some()
        || args.write_baseline.is_some();
    if whole_run_needed || only.path.is_some() {
        return None;
    }
    Streamed::new(only.format, options)
}

/// A run whose findings are written as its reports become final (see
/// [`engine::run_streaming`]), so that memory follows the findings, not the files.
struct Stream<'a> {
    writer: Streamed<'a>,
    configs: &'a dyn Fn() -> Vec<std::sync::Arc<config::Config>>,
    run_options: &'a RunOptions,
    path_errors: bool,
}

impl Stream<'_> {
    fn run(
        self,
        documents: impl Iterator<Item = Document> + Send,
        exit_zero: bool,
        quiet: bool,
    ) -> (ExitCode, bool) {
        let Stream {
            mut writer,
            configs,
            run_options,
            path_errors,
        } = self;
        let mut failed = false;
        let mut out = Out::Open;
        let outcome = engine::run_streaming(documents, configs, run_options, &mut |batch| {
            let mut reports = Vec::with_capacity(batch.len());
            for (report, threshold) in batch {
                failed |= report.diagnostics.iter().any(|d| d.severity >= threshold);
                reports.push(report);
            }
            out.write(&writer.batch(&reports));
        });
        let counts = writer.totals().counts;
        out.write(&writer.finish());
        for (name, message) in &outcome.internal_errors {
            sink::stderr_line(&format!(
                "invlint: internal error while checking {name}: {message}; please report it"
            ));
        }
        let reported = outcome.files_checked + outcome.files_skipped > 0;
        if let Out::Failed(message) = out {
            return (usage(&message), reported);
        }
        if !quiet {
            sink::stderr_line(&summary(
                outcome.files_checked,
                outcome.files_skipped,
                counts,
            ));
        }
        let code = ExitCode::from(if !outcome.internal_errors.is_empty() {
            EXIT_INTERNAL
        } else if path_errors {
            EXIT_USAGE
        } else if failed && !exit_zero {
            EXIT_FINDINGS
        } else {
            0
        });
        (code, reported)
    }
}

/// Standard output as a streamed run writes it: a reader that closed it chose to stop,
/// and any other failure ends the writing and the run with exit 2.
enum Out {
    Open,
    Closed,
    Failed(String),
}

impl Out {
    fn write(&mut self, text: &str) {
        if !matches!(self, Out::Open) || text.is_empty() {
            return;
        }
        match sink::stdout(text.as_bytes()) {
            Ok(()) => {}
            Err(sink::StdoutError::Closed) => *self = Out::Closed,
            Err(sink::StdoutError::Failed(message)) => *self = Out::Failed(message),
        }
    }
}

/// The document for one picked input: its path made absolute, its settings worked out.
fn document(
    args: &CheckArgs,
    configs: &Cache,
    flags: &mut RuleFlags,
    name: String,
    input: Input,
    config: Option<usize>,
) -> Document {
    // Globs are relative to the configuration's directory, so the file's path is made
    // absolute first (stdin is named by --stdin-filename, if at all).
    // Text read from stdin without --stdin-filename has no path at all.
    let path = match &input {
        Input::File(path, _) | Input::Refused(path, _) => Some(absolute(path)),
        Input::Stdin => args
            .stdin_filename
            .as_deref()
            .map(|n| absolute(Path::new(n))),
    };
    let settings = match (config, &path) {
        (Some(c), Some(path)) => configs.configs[c].settings(path),
        (Some(c), None) => configs.configs[c].settings(&absolute(Path::new("-"))),
        (None, _) => Settings::default(),
    };
    let content = match input {
        Input::File(file, _) => Content::File(file),
        Input::Stdin => Content::Stdin,
        Input::Refused(_, reason) => Content::Unreadable(reason.into()),
    };
    Document {
        name,
        path,
        content,
        settings: FileSettings {
            options: options_for(args, &settings, flags),
            severities: settings.severities,
            fail_on: settings.fail_on.map(|s| s.value),
            config: config.map(|index| configs.reference(index)),
        },
    }
}

/// The settings `invlint check` with no options gives the file at `path` (absolute): its
/// nearest invlint.toml applied. For the editor server, which checks as the command line
/// does.
pub fn default_settings(configs: &mut Cache, path: &Path) -> Result<FileSettings, Box<FileReport>> {
    let args = CheckArgs::defaults();
    let input = Input::File(path.to_path_buf(), true);
    let config = config_for(&args, configs, &input)?;
    let settings = config
        .map(|c| configs.configs[c].settings(path))
        .unwrap_or_default();
    Ok(FileSettings {
        options: options_for(&args, &settings, &mut RuleFlags::default()),
        severities: settings.severities,
        fail_on: settings.fail_on.map(|s| s.value),
        config: config.map(|index| configs.reference(index)),
    })
}

/// `--diff`: the fixes as a unified diff on stdout, nothing written; exit 1 when there is
/// a fix to make (as a formatter's check mode does), 2 when a path did not exist.
fn show_diff(args: &CheckArgs, outcome: &engine::Outcome, path_errors: bool) -> ExitCode {
    let text = fixes::diff(&outcome.reports);
    if let Err(sink::StdoutError::Failed(message)) = sink::stdout(text.as_bytes()) {
        return usage(&message);
    }
    let count = fixes::count(&outcome.reports);
    if !args.quiet {
        sink::stderr_line(&format!(
            "invlint: {} checked; {}",
            plural(outcome.files_checked, "file"),
            fixes::describe(count, false).unwrap_or_else(|| "no fix to make".to_string())
        ));
    }
    if !outcome.internal_errors.is_empty() {
        ExitCode::from(EXIT_INTERNAL)
    } else if path_errors {
        ExitCode::from(EXIT_USAGE)
    } else if count.fixes > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--color auto`: a non-empty NO_COLOR (no-color.org) turns color off, a FORCE_COLOR
/// other than empty or `0` (force-color.org) turns it on where stdout is not a terminal
/// (a CI log that renders ANSI), and otherwise a terminal gets color.
fn auto_color(is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("FORCE_COLOR").is_some_and(|v| v != "0") {
        return true;
    }
    is_terminal
}

/// Reads `--baseline FILE` (typed and capped like any file invlint reads).
fn read_baseline(path: &Path) -> Result<engine::baseline::Baseline, String> {
    let name = invlint::escape::path_name(path);
    let bytes = files::read_at_most(path, 64 * 1024 * 1024)
        .map_err(|reason| format!("cannot read the baseline {name}: {reason}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("the baseline {name} is not UTF-8"))?;
    engine::baseline::Baseline::parse(&text)
        .map_err(|reason| format!("the baseline {name} is not a baseline file: {reason}"))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn usage(message: &str) -> ExitCode {
    sink::stderr_line(&format!("invlint: {message}"));
    ExitCode::from(EXIT_USAGE)
}

/// A broken configuration stops the run: its findings go to stderr, and the exit code is 2.
/// `reported` says whether the findings of files before it were written.
fn config_error(report: &FileReport, reported: bool, options: &RenderOptions) -> ExitCode {
    let format = if std::io::stderr().is_terminal() {
        OutputFormat::Full
    } else {
        OutputFormat::Concise
    };
    let text = invlint::render::render(format, std::slice::from_ref(report), options);
    sink::stderr(&text);
    let what = if reported {
        "the run stopped at it, after the files before it were reported"
    } else {
        "nothing was reported"
    };
    sink::stderr_line(&format!(
        "invlint: {} is invalid; {what}",
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
    let file = match input {
        Input::File(path, _) | Input::Refused(path, _) => absolute(path),
        // Text from an editor is configured like the file it names, and otherwise like a
        // file of the working directory.
        Input::Stdin => match &args.stdin_filename {
            Some(name) => absolute(Path::new(name)),
            None => match std::env::current_dir() {
                Ok(dir) => return configs.for_directory(&dir),
                Err(_) => return Ok(None),
            },
        },
    };
    // The directory is borrowed from the file's absolute path, not copied out of it: this
    // is asked for every file of a walk.
    let Some(dir) = file.parent() else {
        return Ok(None);
    };
    // Files of one directory share the answer, and a directory reuses its parent's.
    configs.for_directory(dir)
}

/// The path made absolute against the working directory, which is read once (asking the
/// system for it per file was most of the time of a walk over many small files), and rid
/// of `.` and `..`, so that reports can name it relative to the repository's root.
fn absolute(path: &Path) -> PathBuf {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    if path.is_absolute() {
        return files::normalized(path);
    }
    let Some(cwd) = CWD.get_or_init(|| std::env::current_dir().ok()) else {
        return path.to_path_buf();
    };
    // A walk's paths (`./a/b.xml` under `.`) need no normalising: joining is enough.
    let bytes = path.as_os_str().as_encoded_bytes();
    let relative = bytes.strip_prefix(b"./").unwrap_or(bytes);
    let clean = !relative.is_empty()
        && relative
            .split(|b| *b == b'/')
            .all(|step| !matches!(step, b"" | b"." | b".."));
    if clean && let Ok(relative) = std::str::from_utf8(relative) {
        // Sized once: `join` would grow the copy of the directory to fit the name.
        let mut joined = PathBuf::with_capacity(cwd.as_os_str().len() + 1 + relative.len());
        joined.push(cwd);
        joined.push(relative);
        return joined;
    }
    files::normalized(&cwd.join(path))
}

/// Whether an input is checked: a walked file if it is a document (by `include`, or by
/// extension) and not excluded; a named file always, unless `--force-exclude` excludes it.
fn picked(args: &CheckArgs, config: Option<&config::Config>, input: &Input) -> bool {
    let Input::File(path, explicit) = input else {
        return true;
    };
    match (config, explicit) {
        (Some(config), true) => !(args.force_exclude && config.excludes(&absolute(path))),
        (Some(config), false) => {
            let path = absolute(path);
            config.walk_picks(&path)
                && (config.has_include() || files::has_document_extension(&path))
        }
        (None, true) => true,
        (None, false) => files::has_document_extension(path),
    }
}

/// The command line's options over the configuration's settings.
fn options_for(args: &CheckArgs, settings: &Settings, flags: &mut RuleFlags) -> LintOptions {
    let mut options = LintOptions {
        region: args
            .region
            .clone()
            .or_else(|| settings.region.as_ref().map(|s| s.value.clone())),
        inventory_id: args.inventory_id.clone(),
        bucket: args
            .bucket
            .clone()
            .or_else(|| settings.bucket.as_ref().map(|s| s.value.clone())),
        provider: args
            .provider
            .as_deref()
            .or(settings.provider.as_ref().map(|s| s.value.as_str()))
            .and_then(provider::by_id),
        provider_origin: match (&args.provider, &settings.provider) {
            (Some(_), _) => None,
            (None, Some(set)) => Some(set.from.clone()),
            (None, None) => None,
        },
        ..LintOptions::default()
    };
    if settings.origin.is_some() {
        options.rules = settings.rules.clone();
    }
    options.rules = flags.apply(&options.rules);
    options
}

fn display_name(input: &Input, stdin_filename: Option<&str>) -> String {
    match input {
        // Paths found under `.` are shown as `a.xml`, not `./a.xml`, as other linters do.
        Input::File(path, _) | Input::Refused(path, _) => {
            invlint::escape::path_name(without_leading_dot(path))
        }
        Input::Stdin => stdin_filename.map_or_else(
            || "<stdin>".to_string(),
            |name| invlint::escape::path_name(Path::new(name)),
        ),
    }
}

/// The path without a leading `.` component, as `Path::strip_prefix(".")` gives it. A
/// walk's paths start `./` and a name is made for every file: those are cut as bytes,
/// without taking the path apart into components.
fn without_leading_dot(path: &Path) -> &Path {
    let bytes = path.as_os_str().as_encoded_bytes();
    if let Some(rest) = bytes.strip_prefix(b"./")
        && rest.first().is_some_and(|b| *b != b'/')
        && let Ok(rest) = std::str::from_utf8(rest)
    {
        return Path::new(rest);
    }
    path.strip_prefix(".").unwrap_or(path)
}

/// `--show-config FILE`: the settings for FILE and where each comes from.
fn show_config(
    args: &CheckArgs,
    configs: &mut Cache,
    flags: &mut RuleFlags,
    file: &Path,
    options: &RenderOptions,
) -> ExitCode {
    let input = Input::File(file.to_path_buf(), true);
    let config = match config_for(args, configs, &input) {
        Ok(config) => config,
        Err(report) => return config_error(&report, false, options),
    };
    let settings = config
        .map(|c| configs.configs[c].settings(&absolute(file)))
        .unwrap_or_default();
    let mut out = String::new();
    // Values are shown as TOML strings, escaped and bounded like any echoed value.
    let quoted = |v: &str| format!("\"{}\"", invlint::escape::bounded(v).replace('"', "\\\""));
    let show = |key: &str, flag: &Option<String>, value: &Option<config::Setting<String>>| match (
        flag, value,
    ) {
        (Some(v), _) => format!("{key} = {}  # from --{key}\n", quoted(v)),
        (None, Some(set)) => format!("{key} = {}  # from {}\n", quoted(&set.value), set.from),
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
        (None, Some(set)) => format!("{:?}  # from {}", set.value.as_str(), set.from),
        (None, None) => "\"error\"  # the default".to_string(),
    };
    let _ = writeln!(out, "fail-on = {fail_on}");
    let configured = if settings.origin.is_none() {
        LintOptions::default().rules
    } else {
        settings.rules.clone()
    };
    let rules = flags.apply(&configured);
    let configured_from = match &settings.origin {
        None => "the default: every rule".to_string(),
        Some(origin) => format!("`select`, `ignore` and `severity` in {origin}"),
    };
    let from = match flags.describe() {
        None => configured_from,
        Some(flags_said) if flags.replaces() => {
            format!("from {flags_said}, which replaces {configured_from}")
        }
        Some(flags_said) => format!("from {flags_said}, over {configured_from}"),
    };
    let _ = writeln!(out, "rules:  # {from}");
    for &rule in rules.iter() {
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

/// One line for stderr: how many files were checked, how many were skipped as not
/// inventory documents, and what was found.
fn summary(files: usize, skipped: usize, counts: [usize; 3]) -> String {
    let line = findings_summary(files, counts);
    if skipped == 0 {
        return line;
    }
    let plural = if skipped == 1 { "file" } else { "files" };
    format!("{line}; {skipped} {plural} skipped: not inventory documents")
}

/// The counts are by severity, in the order of [`invlint::diagnostic::Severity`]'s values.
fn findings_summary(files: usize, counts: [usize; 3]) -> String {
    let [infos, warnings, errors] = counts;
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
