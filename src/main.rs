//! The `invlint` command: arguments in, library calls, reports out, an exit code.

mod cli;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::args::{Cli, Command};
use invlint::checks::{ALL_RULES, find_rule};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Rule { rule } => match find_rule(&rule) {
            Some(rule) => {
                println!("# {} ({})\n", rule.name, rule.code);
                println!(
                    "{}\n\nDefault severity: {}",
                    rule.summary, rule.default_severity
                );
                println!("\n{}", rule.documentation());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "invlint: no rule has the code or name `{rule}`; `invlint rules` lists them"
                );
                ExitCode::from(cli::EXIT_USAGE)
            }
        },
        Command::Rules { markdown: true } => {
            print!("{}", invlint::checks::rules_markdown());
            ExitCode::SUCCESS
        }
        Command::Rules { markdown: false } => {
            for rule in ALL_RULES {
                println!(
                    "{}  {:<22} {:<8} {}",
                    rule.code, rule.name, rule.default_severity, rule.summary
                );
            }
            ExitCode::SUCCESS
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "invlint",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Manpage => {
            let page = clap_mangen::Man::new(Cli::command());
            match page.render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("invlint: cannot write the manual page: {error}");
                    ExitCode::from(cli::EXIT_INTERNAL)
                }
            }
        }
    }
}
