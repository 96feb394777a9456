//! `lurewatch`: the command line. Only this crate knows about argv, terminals and exit codes:
//! 0 success, 1 when an input could not be read (the others are still processed), 2 for usage
//! errors (clap's own code).

mod campaigns_cmd;
mod cli;
mod eval_cmd;
mod import;
mod input;
mod model_file;
mod prepare;
mod render;
mod rules_cmd;
mod scan;
mod train_cmd;
mod train_messages;
mod train_prefixes;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, RulesCommand};

/// The async runtime for commands that use the database.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Scan(args) => scan::run(&args, cli.rules.as_deref()),
        Command::Import(args) => {
            runtime().and_then(|rt| rt.block_on(import::run(&args, &cli.db, cli.rules.as_deref())))
        }
        Command::Campaigns(args) => {
            runtime().and_then(|rt| rt.block_on(campaigns_cmd::run(&args, &cli.db)))
        }
        Command::Eval(args) => eval_cmd::eval(&args, cli.rules.as_deref()),
        Command::Train(args) => train_cmd::train_model(&args, cli.rules.as_deref()),
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
