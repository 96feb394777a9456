//! `lurewatch`: the command line. Only this crate knows about argv, terminals and exit codes:
//! 0 success, 1 when an input could not be read (the others are still processed), 2 for usage
//! errors (clap's own code).

mod cli;
mod input;
mod render;
mod rules_cmd;
mod scan;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, RulesCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Scan(args) => scan::run(&args, cli.rules.as_deref()),
        Command::Rules {
            command: RulesCommand::Test,
        } => rules_cmd::test(cli.rules.as_deref()),
        Command::Rules {
            command: RulesCommand::List,
        } => rules_cmd::list(cli.rules.as_deref()),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("lurewatch: {error:#}");
            ExitCode::from(2)
        }
    }
}
