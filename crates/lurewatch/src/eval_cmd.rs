//! `lurewatch eval` and `lurewatch train`: measuring the detector on labelled sets and training
//! its classifier. The data logic is in lurewatch-eval; this is loading, printing and files.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use lurewatch_detect::Detector;
use lurewatch_eval::calibration::{POOLED_SETS, SetCalibration, pooled};
use lurewatch_eval::datasets::{EXTERNAL, PUBLIC, external_data, labelled_folder, load_public};
use lurewatch_eval::metrics::Summary;
use lurewatch_eval::run::{SetResult, evaluate_observing};
use lurewatch_eval::{Example, Split};

use crate::cli::{EvalArgs, OutputFormat};
use crate::model_file;
use crate::rules_cmd;

/// The sets `eval` runs when none are named: those with a test split.
const DEFAULT_SETS: &[&str] = &[
    "seconvo",
    "smishtank",
    "nus",
    "nus-as-published",
    "dailydialog",
    "dailydialog-openers",
    "antiscam",
    "antiscam-messages",
    "mentalmanip",
    "scam-calls",
    "phishing-pot",
    "labelled",
    "labelled-texts",
];

/// Loads a set by public name or as a labelled folder; a folder's bad entries come back as
/// problems beside the examples of its good ones.
fn load(set: &str, data: &Path) -> Result<(Vec<Example>, Vec<String>)> {
    if PUBLIC.iter().any(|(name, _)| *name == set) {
        Ok((load_public(set, data)?, Vec::new()))
    } else {
        let (examples, problems) = labelled_folder::load_each(Path::new(set))?;
        Ok((examples, problems.iter().map(ToString::to_string).collect()))
    }
}

pub fn detector(rules: Option<&Path>) -> Result<Detector> {
    Ok(Detector::new(rules_cmd::load(rules)?, "GB")?)
}

pub fn eval(args: &EvalArgs, rules: Option<&Path>) -> Result<ExitCode> {
    let detector = model_file::attach(detector(rules)?, args.model.as_deref(), args.no_model)?;
    let named = !args.sets.is_empty();
    let sets: Vec<String> = if named {
        args.sets.clone()
    } else {
        let mut sets: Vec<String> = DEFAULT_SETS.iter().map(|s| (*s).to_owned()).collect();
        // A fetched set joins the default run where it has been fetched, and says how to
        // fetch it where it has not.
        for set in EXTERNAL {
            if external_data().join(set).is_dir() {
                sets.push((*set).to_owned());
            } else {
                eprintln!(
                    "eval: {set}: not fetched (scripts/fetch-spamassassin writes it to {}); left out",
                    external_data().display()
                );
            }
        }
        sets
    };
    let mut failed = false;
    let mut results = Vec::new();
    let mut scores = match &args.scores {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => None,
    };
    for set in &sets {
        match load(set, &args.data.dir) {
            Ok((mut examples, problems)) => {
                if args.every_split {
                    // evaluate_observing measures the test split: call every example that.
                    for example in &mut examples {
                        example.split = Split::Test;
                    }
                }
                // A bad entry is named and fails the run, but the rest is still measured.
                for problem in &problems {
                    eprintln!("lurewatch: {set}: {problem} (entry skipped)");
                    failed = true;
                }
                let mut written = Ok(());
                let result = evaluate_observing(set, &detector, &examples, |example, analysis| {
                    if let (Some(out), Ok(())) = (scores.as_mut(), &written) {
                        written = write_scores(out, example, analysis);
                    }
                });
                written.context("writing the scores file")?;
                results.push(result);
            }
            Err(e) => {
                // Unnamed defaults may be absent on a machine without the public data.
                if named {
                    failed = true;
                }
                eprintln!(
                    "lurewatch: {set}: {e:#}{}",
                    if named { "" } else { " (skipped)" }
                );
            }
        }
    }
    if let Some(mut out) = scores {
        out.flush().context("writing the scores file")?;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            print_table(&mut out, &results)?;
            print_calibration(&mut out, &results)?;
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One line of `--scores`: what the detector made of one test example.
fn write_scores(
    out: &mut impl Write,
    example: &Example,
    analysis: &lurewatch_detect::Analysis,
) -> std::io::Result<()> {
    let line = serde_json::json!({
        "set": example.set,
        "id": example.id,
        "malicious": example.malicious,
        "rule_score": analysis.rule_score,
        "verdict": analysis.verdict.id(),
        "score": analysis.score,
        "probability": analysis.classifier.map(|c| c.probability),
        "attack_probability": analysis.attack_probability,
    });
    writeln!(out, "{line}")
}

pub fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn row(out: &mut impl Write, set: &str, n: usize, who: &str, s: &Summary) -> std::io::Result<()> {
    writeln!(
        out,
        "{set:<20} {n:>6} {who:<10} {:>9} {:>6} {:>6} {:>8} {:>7}  {}",
        figure(s.precision),
        figure(s.recall),
        figure(s.f1),
        figure(s.macro_f1),
        figure(s.false_positive_rate),
        headline_interval(s)
    )
}

/// The 95 % interval of the figure a row is read by (see `Intervals::headline`).
fn headline_interval(s: &Summary) -> String {
    s.interval_95.headline.map_or_else(String::new, |h| {
        // Small rates (false alarms on real ham) need more places to say anything.
        let places = if h.high < 0.01 { 4 } else { 3 };
        format!("{} {:.places$}-{:.places$}", h.figure, h.low, h.high)
    })
}

fn print_table(out: &mut impl Write, results: &[SetResult]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<20} {:>6} {:<10} {:>9} {:>6} {:>6} {:>8} {:>7}  95 % interval",
        "set (test split)", "n", "scorer", "precision", "recall", "F1", "macro-F1", "FPR"
    )?;
    for r in results {
        if r.messages_only {
            writeln!(out, "{}", r.set)?;
        } else {
            row(out, &r.set, r.examples, "rules", &r.rules)?;
            if let Some(c) = &r.classifier {
                row(out, &r.set, r.examples, "classifier", c)?;
            }
            if let Some(auc) = r.classifier_roc_auc {
                let interval = r
                    .classifier_roc_auc_interval_95
                    .map_or_else(String::new, |i| {
                        format!(" (95 % interval {:.3}-{:.3})", i.low, i.high)
                    });
                writeln!(
                    out,
                    "{:<20} {:>6} classifier ROC AUC {auc:.3}{interval}",
                    r.set, r.examples
                )?;
            }
            if let Some(c) = &r.combined {
                row(out, &r.set, r.examples, "combined", c)?;
            }
        }
        for (tactic, s) in &r.tactics {
            row(out, &format!("  {tactic}"), s.counts.total(), "tactic", s)?;
        }
        if let Some(early) = &r.early {
            let label = format!("  first {} messages", early.messages);
            if let Some(c) = &early.classifier {
                row(out, &label, r.examples, "classifier", c)?;
            }
            row(out, &label, r.examples, "combined", &early.combined)?;
        }
        if let Some(s) = &r.messages_rules {
            row(out, "  messages", s.counts.total(), "rules", s)?;
        }
        if let Some(s) = &r.messages {
            row(out, "  messages", s.counts.total(), "combined", s)?;
        }
    }
    Ok(())
}

fn print_calibration(out: &mut impl Write, results: &[SetResult]) -> std::io::Result<()> {
    if results.iter().all(|r| r.calibration.is_none()) {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<18} {:>6} {:>7} {:>16} {:>16}",
        "attack probability", "n", "Brier", "mean (attacks)", "mean (benign)"
    )?;
    for r in results.iter().filter(|r| !r.messages_only) {
        if let Some(c) = &r.calibration {
            writeln!(
                out,
                "{:<18} {:>6} {:>7.3} {:>16} {:>16}",
                r.set,
                c.attacks + c.benign,
                c.brier,
                figure(c.mean_probability_attacks),
                figure(c.mean_probability_benign)
            )?;
        }
    }
    let pool: Vec<&SetCalibration> = results
        .iter()
        .filter_map(|r| r.calibration.as_ref())
        .filter(|c| c.pooled)
        .collect();
    let (rows, error) = pooled(&pool);
    writeln!(
        out,
        "pooled over {} (attacks and benign half each, sets alike): expected calibration error {}",
        POOLED_SETS.join(", "),
        figure(error)
    )?;
    for row in rows {
        writeln!(
            out,
            "  probability {:.1}-{:.1}: weight {:.3}, mean probability {:.3}, attacks {:.3}",
            row.from,
            row.from + 0.1,
            row.weight,
            row.mean_probability,
            row.attack_share
        )?;
    }
    Ok(())
}
