//! Two or more model files side by side on the *validation* part of the training side: each
//! model's recall on the validation smishing of every set, at the thresholds that give it the
//! same false-alarm rates (0.3 % and 0.5 %) on NUS's validation ham. A change that makes the
//! benign data harder (NUS's numbers written back) raises the threshold at an equal budget,
//! so the models' recall at their own thresholds says little; at equal false-alarm rates on
//! the same ham, it says which ranks better. No test split is read.
//! `cargo run --release -p lurewatch-eval --example compare_on_validation -- A.lwm B.lwm [DATA]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use lurewatch_detect::Detector;
use lurewatch_detect::classifier::Model;
use lurewatch_eval::datasets::{EVALUATION_VIEWS, MESSAGE_LEVEL_ONLY, PUBLIC, load_public};
use lurewatch_eval::training::assemble;

fn main() {
    let mut models: Vec<String> = std::env::args().skip(1).collect();
    let data = match models.last() {
        Some(last) if !last.ends_with(".lwm") => PathBuf::from(models.pop().unwrap()),
        _ => PathBuf::from("../shared/data"),
    };
    assert!(
        !models.is_empty(),
        "usage: compare_on_validation A.lwm [B.lwm …] [DATA]"
    );
    let mut examples = Vec::new();
    for (name, _) in PUBLIC {
        if MESSAGE_LEVEL_ONLY.contains(name) || EVALUATION_VIEWS.contains(name) {
            continue;
        }
        if let Ok(mut set) = load_public(name, &data) {
            examples.append(&mut set);
        }
    }
    // The same validation part `lurewatch train` reports on; single texts only.
    let validation: Vec<usize> = assemble(&examples)
        .validation
        .into_iter()
        .filter(|&i| examples[i].conversation.messages.len() == 1)
        .collect();
    for path in &models {
        let model = Model::from_bytes(&std::fs::read(path).expect("model file")).expect("model");
        let own = model.threshold;
        let detector = Detector::standard("GB").expect("rules").with_model(model);
        let scored: Vec<(f64, &str, bool)> = validation
            .iter()
            .map(|&i| {
                let e = &examples[i];
                let analysis = detector.analyze(&e.conversation);
                let p = analysis.classifier.map_or(0.0, |c| c.probability);
                (p, e.set, e.malicious)
            })
            .collect();
        let mut ham: Vec<f64> = scored
            .iter()
            .filter(|(_, set, malicious)| *set == "nus" && !malicious)
            .map(|(p, _, _)| *p)
            .collect();
        ham.sort_by(|a, b| b.total_cmp(a));
        println!(
            "{path}: own threshold {own:.4}; NUS validation ham {}",
            ham.len()
        );
        for fpr in [0.003, 0.005] {
            let threshold = ham[(ham.len() as f64 * fpr).floor() as usize];
            let mut by_set: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            for (p, set, _) in scored.iter().filter(|(_, _, malicious)| *malicious) {
                let counts = by_set.entry(set).or_default();
                counts.0 += 1;
                counts.1 += usize::from(*p > threshold);
            }
            let (n, caught) = by_set
                .values()
                .fold((0, 0), |all, set| (all.0 + set.0, all.1 + set.1));
            print!(
                "  at NUS FPR {:.1} %: threshold {threshold:.4};",
                fpr * 100.0
            );
            for (set, (n, caught)) in &by_set {
                print!(" {set} {:.3}", *caught as f64 / *n as f64);
            }
            println!("; all {:.4}", caught as f64 / n as f64);
        }
    }
}
