//! `lurewatch scan`: read, parse, analyse and print each input; never store anything. A bad
//! input is reported on standard error and the rest still run; the exit code is 1 if any
//! input failed.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use lurewatch_core::parse_input;

use crate::cli::{OutputFormat, ScanArgs};
use crate::input::{self, InputError};
use crate::render;
use crate::rules_cmd;

pub fn run(args: &ScanArgs, rules_dir: Option<&Path>) -> Result<ExitCode> {
    let detector = rules_cmd::detector(rules_dir, &args.read.region, &args.model)?;
    let options = args.read.parse_options();
    let mut errors: Vec<InputError> = Vec::new();
    let inputs = input::expand(&args.files, &mut errors);
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Block-buffered: serde_json writes a report in many small pieces, and the line-buffered
    // stdout would scan each of them for a newline.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = errors.len();
    for error in &errors {
        eprintln!("lurewatch: {}: {}", error.name, error.message);
    }
    for input in inputs {
        let name = input.name();
        let results = match input::read(&input, args.read.max_size) {
            Ok(bytes) => parse_input(&name, &bytes, &options),
            Err(message) => {
                failed += 1;
                out.flush().ok();
                eprintln!("lurewatch: {name}: {message}");
                continue;
            }
        };
        for result in results {
            let conversation = match result {
                Ok(conversation) => conversation,
                Err(error) => {
                    failed += 1;
                    out.flush().ok();
                    eprintln!("lurewatch: {name}: {error}");
                    continue;
                }
            };
            let analysis = detector.analyze(&conversation);
            let written = match args.format {
                OutputFormat::Json => {
                    render::json::write(&mut out, &name, &conversation, &analysis)
                }
                OutputFormat::Text => render::text::write(
                    &mut out,
                    &name,
                    &conversation,
                    &analysis,
                    colour,
                    args.full,
                ),
            };
            match written.and_then(|()| out.flush()) {
                Ok(()) => {}
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS);
                }
                Err(e) => return Err(e).context("writing the report"),
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
