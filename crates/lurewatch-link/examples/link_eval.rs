//! Linking quality on the synthetic generator: B-cubed precision, recall and F1.
//!
//! `cargo run --release -p lurewatch-link --example link_eval -- [REPORTS] [SEED…]`
//!
//! Seed 1 is the training seed the thresholds were chosen on; the default evaluation seeds
//! (2, 3, 4) were never used for tuning. Results go to docs/accuracy.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use lurewatch_detect::Detector;
use lurewatch_link::synthetic::generate;
use lurewatch_link::{LinkParams, Linker, bcubed, signature};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reports: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seeds: Vec<u64> = if args.len() > 1 {
        args[1..].iter().filter_map(|a| a.parse().ok()).collect()
    } else {
        vec![2, 3, 4]
    };
    let detector = Detector::standard("GB").expect("rules");
    println!("| seed | reports | campaigns | precision | recall | F1 | link time |");
    println!("|---|---|---|---|---|---|---|");
    for seed in seeds {
        let data = generate(seed, reports, 60);
        let signatures: Vec<_> = data
            .iter()
            .map(|r| {
                let analysis = detector.analyze(&r.conversation);
                signature(&r.conversation, &analysis.indicators, analysis.verdict)
            })
            .collect();
        let start = Instant::now();
        let mut params = LinkParams::default();
        // Overrides for exploring thresholds on the training seed only.
        if let Some(w) = std::env::var("LINK_WORDING")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            params.wording = w;
        }
        if let Some(w) = std::env::var("LINK_PERSONA_WORDING")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            params.persona_wording = w;
        }
        let mut linker = Linker::new(params);
        let mut wrong: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, s) in signatures.into_iter().enumerate() {
            let (_, edges) = linker.add(s);
            for edge in edges {
                let other = edge.other as usize;
                if data[i].actor.is_none() || data[i].actor != data[other].actor {
                    if std::env::var_os("LINK_EVAL_PAIRS").is_some()
                        && wrong.values().sum::<usize>() < 6
                    {
                        let text =
                            |k: usize| lurewatch_link::linking_text(&data[k].conversation, &[]);
                        eprintln!(
                            "{:?}\n  A {} {:?}: {}\n  B {} {:?}: {}",
                            edge.reasons,
                            data[i].playbook,
                            data[i].actor,
                            text(i),
                            data[other].playbook,
                            data[other].actor,
                            text(other)
                        );
                    }
                    for reason in edge.reasons {
                        let key: String = reason
                            .split_whitespace()
                            .take(2)
                            .collect::<Vec<_>>()
                            .join(" ");
                        *wrong.entry(key).or_default() += 1;
                    }
                }
            }
        }
        if std::env::var_os("LINK_EVAL_EXPLAIN").is_some() {
            let mut ranked: Vec<_> = wrong.iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(a.1));
            eprintln!(
                "wrong links by reason: {:?}",
                ranked.iter().take(10).collect::<Vec<_>>()
            );
        }
        let clusters: Vec<usize> = (0..data.len()).map(|i| linker.campaign(i)).collect();
        let elapsed = start.elapsed();
        let labels: Vec<String> = data
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.actor
                    .map_or_else(|| format!("benign-{i}"), |a| format!("actor-{a}"))
            })
            .collect();
        let actors = data
            .iter()
            .filter_map(|r| r.actor)
            .collect::<std::collections::HashSet<_>>()
            .len();
        let score = bcubed(&clusters, &labels);
        println!(
            "| {seed} | {reports} | {actors} | {:.4} | {:.4} | {:.4} | {:.0} ms |",
            score.precision,
            score.recall,
            score.f1,
            elapsed.as_secs_f64() * 1000.0
        );
    }
}
