//! `lurewatch rules test|list`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use lurewatch_detect::{Channel, Detector, RuleSet};

use crate::cli::ModelArgs;
use crate::model_file;

pub fn load(dir: Option<&Path>) -> Result<RuleSet> {
    Ok(match dir {
        Some(dir) => RuleSet::from_dir(dir)?,
        None => RuleSet::embedded()?,
    })
}

pub fn test(dir: Option<&Path>) -> Result<ExitCode> {
    let rules = load(dir)?;
    let report = rules.self_test();
    for failure in &report.failures {
        let should = if failure.positive {
            "should fire on"
        } else {
            "should not fire on"
        };
        println!("FAIL {} {should}: {:?}", failure.rule, failure.example);
    }
    let passed = report.examples - report.failures.len();
    println!(
        "{} rules, {} examples: {passed} passed, {} failed",
        report.rules,
        report.examples,
        report.failures.len()
    );
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn list(dir: Option<&Path>) -> Result<ExitCode> {
    let rules = load(dir)?;
    for rule in rules.rules() {
        // Appended, so that scripts reading the first three columns read them as before.
        let floor = rule
            .first_contact_verdict
            .map(|v| format!(" [first contact: at least {}]", v.id()))
            .unwrap_or_default();
        let channels = match rule.channels.as_slice() {
            [Channel::Message] => " [messages only]",
            [Channel::Email] => " [e-mail only]",
            _ => "",
        };
        let advice = if rule.advice.is_some() {
            " [own advice]"
        } else {
            ""
        };
        println!(
            "{:<48} {:<18} {:.2}  {}{floor}{channels}{advice}",
            rule.id,
            rule.tactic.id(),
            rule.weight,
            rule.name
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The detector `scan` and `import` use: the rules (built in or from `--rules`) and the
/// trained model they were given (built in unless `--model` or `--no-model` says otherwise).
pub fn detector(dir: Option<&Path>, region: &str, model: &ModelArgs) -> Result<Detector> {
    let detector = Detector::new(load(dir)?, region)?;
    model_file::attach(detector, model.model.as_deref(), model.no_model)
}
