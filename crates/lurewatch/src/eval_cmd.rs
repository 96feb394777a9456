//! `lurewatch eval` and `lurewatch train`: measuring the detector on labelled sets and training
//! its classifier. The data logic is in lurewatch-eval; this is loading, printing and files.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use lurewatch_detect::Detector;
use lurewatch_detect::classifier::{Model, TrainParams, TrainingExample, train};
use lurewatch_eval::Example;
use lurewatch_eval::datasets::{PUBLIC, labelled_folder, load_public};
use lurewatch_eval::metrics::Summary;
use lurewatch_eval::run::{SetResult, evaluate};
use lurewatch_eval::training::{assemble, choose_threshold};

use crate::cli::{EvalArgs, OutputFormat, TrainArgs};
use crate::rules_cmd;

/// The sets `eval` runs when none are named: those with a test split.
const DEFAULT_SETS: &[&str] = &[
    "seconvo",
    "smishtank",
    "nus",
    "dailydialog",
    "antiscam",
    "mentalmanip",
    "scam-calls",
    "labelled",
];

/// Sets whose benign validation examples set the decision threshold.
const THRESHOLD_BENIGN: &[&str] = &["nus", "dailydialog", "british-sms", "labelled"];

/// Loads a set by public name or as a labelled folder.
fn load(set: &str, data: &Path) -> Result<Vec<Example>> {
    if PUBLIC.iter().any(|(name, _)| *name == set) {
        Ok(load_public(set, data)?)
    } else {
        Ok(labelled_folder::load(Path::new(set))?)
    }
}

fn detector(rules: Option<&Path>) -> Result<Detector> {
    Ok(Detector::new(rules_cmd::load(rules)?, "GB")?)
}

pub fn eval(args: &EvalArgs, rules: Option<&Path>) -> Result<ExitCode> {
    let mut detector = detector(rules)?;
    if !args.no_model {
        let model = match &args.model {
            Some(path) => {
                let bytes =
                    std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
                Model::from_bytes(&bytes).with_context(|| format!("loading {}", path.display()))?
            }
            None => lurewatch_detect::classifier::embedded()?,
        };
        detector = detector.with_model(model);
    }
    let named = !args.sets.is_empty();
    let sets: Vec<String> = if named {
        args.sets.clone()
    } else {
        DEFAULT_SETS.iter().map(|s| (*s).to_owned()).collect()
    };
    let mut failed = false;
    let mut results = Vec::new();
    for set in &sets {
        match load(set, &args.data.dir) {
            Ok(examples) => results.push(evaluate(set, &detector, &examples)),
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
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            writeln!(out)?;
        }
        OutputFormat::Text => print_table(&mut out, &results)?,
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn row(out: &mut impl Write, set: &str, n: usize, who: &str, s: &Summary) -> std::io::Result<()> {
    writeln!(
        out,
        "{set:<18} {n:>6} {who:<10} {:>9} {:>6} {:>6} {:>8} {:>7}",
        figure(s.precision),
        figure(s.recall),
        figure(s.f1),
        figure(s.macro_f1),
        figure(s.false_positive_rate)
    )
}

fn print_table(out: &mut impl Write, results: &[SetResult]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<18} {:>6} {:<10} {:>9} {:>6} {:>6} {:>8} {:>7}",
        "set (test split)", "n", "scorer", "precision", "recall", "F1", "macro-F1", "FPR"
    )?;
    for r in results {
        row(out, &r.set, r.examples, "rules", &r.rules)?;
        if let Some(c) = &r.classifier {
            row(out, &r.set, r.examples, "classifier", c)?;
        }
        if let Some(c) = &r.combined {
            row(out, &r.set, r.examples, "combined", c)?;
        }
        for (tactic, s) in &r.tactics {
            row(out, &format!("  {tactic}"), s.counts.total(), "tactic", s)?;
        }
    }
    Ok(())
}

pub fn train_model(args: &TrainArgs, rules: Option<&Path>) -> Result<ExitCode> {
    let detector = detector(rules)?;
    let mut examples: Vec<Example> = Vec::new();
    for (name, _) in PUBLIC {
        match load_public(name, &args.data.dir) {
            Ok(mut set) => {
                eprintln!("train: {name}: {} examples", set.len());
                examples.append(&mut set);
            }
            Err(e) => eprintln!("train: {name}: {e} (skipped)"),
        }
    }
    for folder in &args.labelled {
        let mut set = labelled_folder::load(folder)?;
        eprintln!("train: {}: {} examples", folder.display(), set.len());
        examples.append(&mut set);
    }
    let assembled = assemble(&examples);
    eprintln!(
        "train: fitting on {}, validating on {} ({} dropped as held out elsewhere, {} duplicates)",
        assembled.fit.len(),
        assembled.validation.len(),
        assembled.dropped_as_test,
        assembled.dropped_as_duplicate
    );
    let fit: Vec<TrainingExample> = assembled
        .fit
        .iter()
        .map(|(e, weight)| {
            let factor = args
                .weights
                .iter()
                .find(|(set, _)| set == e.set)
                .map_or(1.0, |(_, f)| *f);
            TrainingExample {
                features: detector.analyze_with_features(&e.conversation).1,
                malicious: e.malicious,
                weight: weight * factor,
            }
        })
        .collect();
    let params = TrainParams {
        epochs: args.epochs,
        learning_rate: args.learning_rate,
        ..TrainParams::default()
    };
    let mut model = train(&fit, params);
    let scored: Vec<(f64, bool)> = assembled
        .validation
        .iter()
        .map(|e| {
            let features = detector.analyze_with_features(&e.conversation).1;
            (model.probability(&features), e.malicious)
        })
        .collect();
    // The false-alarm budget is spent on real ham and chit-chat (NUS, DailyDialog, the British
    // SMS, our labelled look-alikes): other sets' "ham" labels are noisy (ExAIS's validation
    // ham scored like spam in 2 % of cases).
    let budget: Vec<(f64, bool)> = assembled
        .validation
        .iter()
        .zip(&scored)
        .filter(|(e, _)| e.malicious || THRESHOLD_BENIGN.contains(&e.set))
        .map(|(_, s)| *s)
        .collect();
    let threshold = choose_threshold(&budget, args.max_fpr);
    model.threshold = threshold as f32;
    // Validation figures per set: what hyperparameters are judged by (never the test split).
    let mut per_set: std::collections::BTreeMap<&str, lurewatch_eval::metrics::Counts> =
        std::collections::BTreeMap::new();
    for (e, (p, malicious)) in assembled.validation.iter().zip(&scored) {
        per_set
            .entry(e.set)
            .or_default()
            .add(*malicious, *p >= threshold);
    }
    eprintln!("train: threshold {threshold:.4}; validation split:");
    for (set, counts) in &per_set {
        let s = counts.summary();
        eprintln!(
            "train:   {set:<16} n {:>5}  precision {}  recall {}  macro-F1 {}  FPR {}",
            counts.total(),
            figure(s.precision),
            figure(s.recall),
            figure(s.macro_f1),
            figure(s.false_positive_rate)
        );
    }
    std::fs::write(&args.out, model.to_bytes())
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("train: wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
