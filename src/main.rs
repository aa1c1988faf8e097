//! The `invlint` command: arguments in, library calls, reports out, an exit code.

mod allocator;
mod cli;
mod lsp;

use std::fmt::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::args::{Cli, Command};
use cli::sink;
use invlint::checks::{ALL_RULES, find_rule};

fn main() -> ExitCode {
    allocator::set_at_start();
    let cli = Cli::parse();
    // The default hook prints several lines and a hint about backtraces; `guarded` prints
    // one line instead. RUST_BACKTRACE keeps the default, for debugging.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    guarded(|| dispatch(cli))
}

/// Runs a command; a panic anywhere in it (checking, the checks across files, rendering)
/// becomes one line on stderr and exit 3, never a crash or a half-written report.
fn guarded(command: impl FnOnce() -> ExitCode) -> ExitCode {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(command)) {
        Ok(code) => code,
        Err(payload) => {
            sink::stderr_line(&format!(
                "invlint: internal error: {}; please report it",
                invlint::engine::panic_message(payload.as_ref())
            ));
            ExitCode::from(cli::EXIT_INTERNAL)
        }
    }
}

fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => cli::check::run(*args),
        Command::Rule { rule } => match find_rule(&rule) {
            Some(rule) => print(format!(
                "# {} ({})\n\n{}\n\nDefault severity: {}\n\n{}\n",
                rule.name,
                rule.code,
                rule.summary,
                rule.default_severity,
                rule.documentation()
            )),
            None => {
                sink::stderr_line(&format!(
                    "invlint: no rule has the code or name `{}`; `invlint rules` lists them",
                    invlint::escape::controls(&rule)
                ));
                ExitCode::from(cli::EXIT_USAGE)
            }
        },
        Command::Rules { markdown: true } => print(invlint::checks::rules_markdown()),
        Command::Providers { markdown: true } => print(invlint::provider::docs::markdown()),
        Command::Providers { markdown: false } => {
            let mut text = String::new();
            for schema in invlint::provider::providers() {
                let provider = &schema.provider;
                let base = provider
                    .base
                    .as_deref()
                    .map(|b| format!(" (a variant of {b})"))
                    .unwrap_or_default();
                let _ = writeln!(
                    text,
                    "{:<10} {}{base}: {}",
                    provider.id,
                    provider.name,
                    provider.host_suffixes.join(", ")
                );
            }
            print(text)
        }
        Command::Rules { markdown: false } => {
            let mut text = String::new();
            for rule in ALL_RULES {
                let _ = writeln!(
                    text,
                    "{}  {:<22} {:<8} {}",
                    rule.code, rule.name, rule.default_severity, rule.summary
                );
            }
            print(text)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "invlint", &mut script);
            print(script)
        }
        Command::Server => lsp::run(),
        Command::Manpage { command, dir } => manpage(command.as_deref(), dir.as_deref()),
    }
}

/// `invlint manpage`: invlint(1), or one command's page, or every page into a directory.
/// The top-level page names each command's page (invlint-check(1)), so each is made here.
fn manpage(command: Option<&str>, dir: Option<&std::path::Path>) -> ExitCode {
    let mut top = Cli::command().disable_help_subcommand(true);
    // Building names each command as its page does (`invlint-check`).
    top.build();
    let pages: Vec<clap::Command> = std::iter::once(top.clone())
        .chain(top.get_subcommands().cloned())
        .collect();
    let render = |page: &clap::Command| {
        let mut text = Vec::new();
        clap_mangen::Man::new(page.clone())
            .render(&mut text)
            .map(|()| text)
    };
    let Some(dir) = dir else {
        let page = match command {
            None => Some(&pages[0]),
            Some(name) => pages[1..].iter().find(|p| p.get_name() == name),
        };
        let Some(page) = page else {
            let names: Vec<&str> = pages[1..].iter().map(|p| p.get_name()).collect();
            sink::stderr_line(&format!(
                "invlint: `{}` is not a command; expected one of {}",
                invlint::escape::controls(command.unwrap_or_default()),
                names.join(", ")
            ));
            return ExitCode::from(cli::EXIT_USAGE);
        };
        return match render(page) {
            Ok(text) => print(text),
            Err(error) => {
                sink::stderr_line(&format!("invlint: cannot render the manual page: {error}"));
                ExitCode::from(cli::EXIT_INTERNAL)
            }
        };
    };
    for page in &pages {
        let name = dir.join(format!(
            "{}.1",
            page.get_display_name().unwrap_or("invlint")
        ));
        let written = render(page)
            .map_err(|error| format!("cannot render the manual page: {error}"))
            .and_then(|text| sink::file(&name, &text));
        if let Err(message) = written {
            sink::stderr_line(&format!("invlint: {message}"));
            return ExitCode::from(cli::EXIT_USAGE);
        }
    }
    ExitCode::SUCCESS
}

/// Prints a command's whole output: a closed pipe is a quiet success, any other failure to
/// write is exit 2 with the reason.
fn print(text: impl AsRef<[u8]>) -> ExitCode {
    match sink::stdout(text.as_ref()) {
        Ok(()) | Err(sink::StdoutError::Closed) => ExitCode::SUCCESS,
        Err(sink::StdoutError::Failed(message)) => {
            sink::stderr_line(&format!("invlint: {message}"));
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_exit_3() {
        assert_eq!(
            guarded(|| panic!("a bug")),
            ExitCode::from(cli::EXIT_INTERNAL)
        );
        assert_eq!(guarded(|| ExitCode::SUCCESS), ExitCode::SUCCESS);
    }
}
