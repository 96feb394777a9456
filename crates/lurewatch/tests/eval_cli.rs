//! `lurewatch eval` end to end: the project's labelled set always, the public sets when
//! `../shared/data` is present (CI has it; elsewhere the test says SKIPPED). The public-set
//! figures are guarded against regression at the levels docs/accuracy.md records; they are
//! measured on test splits the model never saw.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{lurewatch, root};
use std::process::Output;

fn results(output: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&output.stdout).unwrap()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `eval --format json SET` of one set, which must succeed: its one result.
fn measured(set: &str) -> serde_json::Value {
    let output = lurewatch(&["eval", "--format", "json", set]);
    assert_success(&output);
    results(&output).remove(0)
}

fn classifier<'a>(results: &'a [serde_json::Value], set: &str) -> &'a serde_json::Value {
    &results.iter().find(|r| r["set"] == set).unwrap()["classifier"]
}

#[test]
fn the_own_labelled_set_is_measured_per_tactic() {
    let labelled = &measured("labelled");
    assert!(labelled["examples"].as_u64().unwrap() >= 200);
    assert!(
        labelled["tactics"]["sexual-lure"]["counts"]["true_positive"]
            .as_u64()
            .is_some()
    );
    let c = &labelled["classifier"];
    assert!(c["f1"].as_f64().unwrap() >= 0.85, "{c}");
    assert!(c["false_positive_rate"].as_f64().unwrap() <= 0.02, "{c}");
    // What `scan` reports: the issue's target for the own set is F1 >= 0.95.
    let combined = &labelled["combined"];
    assert!(combined["f1"].as_f64().unwrap() >= 0.95, "{combined}");
    // The attack probability `scan` reports: near 1 for the attacks, near 0.1 (the share of
    // attacks held-out reports scored below medium still held) for the look-alikes.
    let calibration = &labelled["calibration"];
    let mean = |field: &str| calibration[field].as_f64().unwrap();
    assert!(mean("mean_probability_attacks") >= 0.9, "{calibration}");
    assert!(mean("mean_probability_benign") <= 0.2, "{calibration}");
    assert!(mean("brier") <= 0.05, "{calibration}");
    // Every figure carries its 95 % interval, which holds the figure; 487 conversations pin
    // a macro-F1 near 0.95 down to a few points, not to the third decimal.
    for figure in [
        "precision",
        "recall",
        "f1",
        "macro_f1",
        "false_positive_rate",
    ] {
        let point = combined[figure].as_f64().unwrap();
        let interval = &combined["interval_95"][figure];
        let (low, high) = (
            interval["low"].as_f64().unwrap(),
            interval["high"].as_f64().unwrap(),
        );
        assert!(low <= point && point <= high, "{figure}: {interval}");
        assert!(high - low < 0.2, "{figure}: {interval}");
    }
    let auc = &labelled["classifier_roc_auc_interval_95"];
    assert!(auc["high"].as_f64().unwrap() <= 1.0, "{auc}");
    let macro_f1 = &combined["interval_95"]["macro_f1"];
    let width = macro_f1["high"].as_f64().unwrap() - macro_f1["low"].as_f64().unwrap();
    assert!(width > 0.01, "{macro_f1}");
    // Both classes: the set is read by its macro-F1, and says so.
    let headline = &combined["interval_95"]["headline"];
    assert_eq!(headline["figure"], "macro-F1", "{headline}");
    assert_eq!(headline["low"], macro_f1["low"], "{headline}");
}

#[test]
fn scores_are_written_one_line_per_test_example() {
    let folder = scratch("lurewatch-scores-");
    let path = folder.path().join("scores.jsonl");
    let output = lurewatch(&[
        "eval",
        "--format",
        "json",
        "labelled",
        "--scores",
        path.to_str().unwrap(),
    ]);
    assert_success(&output);
    let examples = results(&output)[0]["examples"].as_u64().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as u64, examples);
    for line in &lines {
        assert_eq!(line["set"], "labelled");
        assert!(line["malicious"].is_boolean(), "{line}");
        let p = line["probability"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p), "{line}");
        assert!(
            line["verdict"].is_string() && line["id"].is_string(),
            "{line}"
        );
    }
    // The attacks score above the look-alikes on the whole.
    let mean = |malicious: bool| {
        let ps: Vec<f64> = lines
            .iter()
            .filter(|l| l["malicious"] == malicious)
            .map(|l| l["probability"].as_f64().unwrap())
            .collect();
        ps.iter().sum::<f64>() / ps.len() as f64
    };
    assert!(mean(true) > mean(false) + 0.5);
    // A scores file that cannot be written is an error before anything is measured.
    let output = lurewatch(&["eval", "labelled", "--scores", "/nonexistent/dir/s.jsonl"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/dir/s.jsonl"));
}

/// The own single texts: openers of "wrong number", romance, job and family-impersonation
/// scams and the 2024 campaign's first contacts, beside ordinary first messages, measured on
/// their test side. What is guarded here is that the rules keep finding a third of them, that
/// the first-contact floors lift about half of them to medium, and that the look-alikes stay
/// quiet.
#[test]
fn the_own_single_texts_are_measured_on_their_test_side() {
    let texts = &measured("labelled-texts");
    assert_eq!(texts["set"], "labelled-texts");
    assert_eq!(texts["examples"].as_u64(), Some(108), "{texts}");
    let rules = &texts["rules"];
    assert!(rules["recall"].as_f64().unwrap() >= 0.3, "{rules}");
    assert!(
        rules["false_positive_rate"].as_f64().unwrap() <= 0.1,
        "{rules}"
    );
    let combined = &texts["combined"];
    assert!(
        combined["false_positive_rate"].as_f64().unwrap() <= 0.05,
        "{combined}"
    );
    assert!(combined["recall"].as_f64().unwrap() >= 0.45, "{combined}");
}

#[test]
fn the_text_table_names_each_rows_interval() {
    let output = lurewatch(&["eval", "labelled"]);
    assert_success(&output);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().next().unwrap().ends_with("95 % interval"),
        "{text}"
    );
    let combined = text
        .lines()
        .find(|l| l.starts_with("labelled") && l.contains("combined"))
        .unwrap();
    assert!(combined.contains("macro-F1 0."), "{combined}");
}

#[test]
fn rules_only_has_no_attack_probability() {
    let output = lurewatch(&["eval", "--no-model", "--format", "json", "labelled"]);
    assert_success(&output);
    assert!(results(&output)[0]["calibration"].is_null());
    let text = lurewatch(&["eval", "--no-model", "labelled"]);
    assert!(!String::from_utf8_lossy(&text.stdout).contains("attack probability"));
}

#[test]
fn the_attack_probability_is_calibrated_on_the_public_sets() {
    if !root().join("../shared/data").is_dir() {
        eprintln!("SKIPPED: ../shared/data is absent; the calibration was not measured");
        return;
    }
    let output = lurewatch(&["eval"]);
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let error: f64 = stdout
        .lines()
        .find_map(|l| l.split("expected calibration error ").nth(1))
        .and_then(|e| e.trim().parse().ok())
        .unwrap_or_else(|| panic!("no calibration error in {stdout}"));
    // 0.025 today (docs/accuracy.md); beyond 0.05 the maps would no longer say
    // what scores mean.
    assert!(
        error <= 0.05,
        "expected calibration error {error}\n{stdout}"
    );
}

#[test]
fn rules_only_has_no_classifier_figures() {
    let output = lurewatch(&["eval", "--no-model", "--format", "json", "labelled"]);
    assert!(output.status.success());
    assert!(results(&output)[0]["classifier"].is_null());
}

#[test]
fn a_missing_set_is_an_error_naming_it_and_the_others_still_run() {
    let output = lurewatch(&["eval", "no-such-folder", "labelled"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-folder"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("labelled"));
}

#[test]
fn a_bad_entry_in_a_labelled_folder_is_named_and_the_rest_still_measured() {
    let folder = scratch("lurewatch-bad-entry-");
    let chat = "12/12/2023, 21:14 - +44 7700 900123: Long time no speak! Send me your code\n";
    std::fs::write(folder.path().join("good.txt"), chat).unwrap();
    std::fs::write(
        folder.path().join("binary.txt"),
        [0u8, 0xff, 0xfe, 0x00, 0x80],
    )
    .unwrap();
    // An endless file behind a link: refused at the size limit, not read into memory.
    std::os::unix::fs::symlink("/dev/zero", folder.path().join("endless.txt")).unwrap();
    std::fs::write(
        folder.path().join("labels.json"),
        r#"[{"file": "good.txt", "malicious": true},
            {"file": "endless.txt", "malicious": true},
            {"file": "gone.txt", "malicious": true},
            {"file": "../outside.txt", "malicious": false},
            {"file": "good.txt", "malicious": true, "tactics": ["mind-control"]},
            {"file": "binary.txt", "malicious": false}]"#,
    )
    .unwrap();
    let path = folder.path().to_str().unwrap();
    let output = lurewatch(&["eval", "--format", "json", path]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for named in [
        "gone.txt",
        "../outside.txt",
        "mind-control",
        "endless.txt: larger than",
    ] {
        assert!(stderr.contains(named), "{named} not named in {stderr}");
    }
    // The good entry is measured (and the binary file, if it parsed as an empty text, too).
    let results = results(&output);
    assert!(results[0]["examples"].as_u64().unwrap() >= 1, "{results:?}");
    assert_eq!(
        results[0]["rules"]["counts"]["true_positive"].as_u64(),
        Some(1)
    );
    // Training refuses the same folder outright: a model must not quietly lose examples.
    let model = folder.path().join("model.lwm");
    let train = lurewatch(&[
        "train",
        "--data",
        folder.path().to_str().unwrap(),
        "--labelled",
        path,
        "--out",
        model.to_str().unwrap(),
    ]);
    assert_eq!(train.status.code(), Some(1), "{train:?}");
    assert!(!model.exists());
}

#[test]
fn public_sets_stay_at_their_recorded_accuracy() {
    if !root().join("../shared/data").is_dir() {
        eprintln!("SKIPPED: ../shared/data is absent; the public-set evaluation did not run");
        return;
    }
    let output = lurewatch(&[
        "eval",
        "--format",
        "json",
        "smishtank",
        "nus",
        "dailydialog",
        "dailydialog-openers",
        "seconvo",
        "phishing-pot",
    ]);
    assert_success(&output);
    let results = results(&output);
    let recall = |set| classifier(&results, set)["recall"].as_f64().unwrap();
    // Targets met, for the classifier and for what `scan` reports: benign false-positive rates.
    for scorer in ["classifier", "combined"] {
        let fpr = |set| {
            results.iter().find(|r| r["set"] == set).unwrap()[scorer]["false_positive_rate"]
                .as_f64()
                .unwrap()
        };
        assert!(fpr("nus") <= 0.005, "{scorer} NUS FPR {}", fpr("nus"));
        assert!(
            fpr("dailydialog") <= 0.01,
            "{scorer} DailyDialog FPR {}",
            fpr("dailydialog")
        );
        // No target: ordinary strangers' first messages, each alone (0.5 % and 0.6 % when
        // first measured), guarded so that a rule or floor that flags them shows.
        assert!(
            fpr("dailydialog-openers") <= 0.01,
            "{scorer} DailyDialog openers' FPR {}",
            fpr("dailydialog-openers")
        );
    }
    // Not yet at target (0.92, 0.90): guarded near today's level (Smishtank 0.846, SEConvo
    // 0.794) so they do not slide back.
    assert!(
        recall("smishtank") >= 0.83,
        "Smishtank recall {}",
        recall("smishtank")
    );
    let seconvo = classifier(&results, "seconvo")["macro_f1"]
        .as_f64()
        .unwrap();
    assert!(seconvo >= 0.78, "SEConvo macro-F1 {seconvo}");
    // No target: real phishing e-mail, read from its .eml files as `scan` reads a forwarded
    // one (0.945 for both scorers when first measured; 0.987 / 0.990 once the HTML version
    // and its links were read, by a head that flagged 83 % of ordinary e-mail too; 0.945 /
    // 0.955 from the e-mail head, which flags 0.7 % of it). Its false alarms are measured in
    // `false_alarms_on_benign_email_are_measured`.
    for scorer in ["classifier", "combined"] {
        let found = results.iter().find(|r| r["set"] == "phishing-pot").unwrap()[scorer]["recall"]
            .as_f64()
            .unwrap();
        assert!(found >= 0.93, "{scorer} Phishing Pot recall {found}");
    }
    // Message level: does the analysis find elicitation in the very messages annotators
    // marked as asking for sensitive information.
    let messages = results.iter().find(|r| r["set"] == "seconvo").unwrap()["messages"]["f1"]
        .as_f64()
        .unwrap();
    assert!(messages >= 0.55, "SEConvo message-level F1 {messages}");
}

#[test]
fn the_shipped_model_is_what_train_builds_from_the_data() {
    if !root().join("../shared/data").is_dir() {
        eprintln!("SKIPPED: ../shared/data is absent; the model was not rebuilt");
        return;
    }
    // The e-mail head learns from SpamAssassin's e-mail; without it `train` builds a model
    // with no e-mail head.
    if !fetched_email("the model was not rebuilt") {
        return;
    }
    let folder = scratch("lurewatch-train-");
    let model = folder.path().join("model.lwm");
    let output = lurewatch(&[
        "train",
        "--data",
        root().join("../shared/data").to_str().unwrap(),
        "--labelled",
        root().join("labelled").to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
    ]);
    assert_success(&output);
    // A rule or feature change without `lurewatch train` leaves a stale model: the shipped
    // figures in docs/accuracy.md would no longer be the binary's.
    let built = std::fs::read(&model).unwrap();
    assert!(
        built == std::fs::read(root().join("models/classifier.lwm")).unwrap(),
        "models/classifier.lwm is not what `lurewatch train` builds now: run it and commit the model"
    );
}

#[test]
fn cross_validation_reports_pooled_figures_and_writes_no_model() {
    // The own labelled set alone (the public data folder deliberately absent): quick, and
    // it runs everywhere.
    let folder = scratch("lurewatch-cv-");
    let out = folder.path().join("model.lwm");
    let output = lurewatch(&[
        "train",
        "--data",
        "no-such-data-folder",
        "--cross-validate",
        "labelled",
        "--folds",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("2-fold cross-validation"), "{stdout}");
    assert!(
        stdout.contains("ROC AUC 0.") || stdout.contains("ROC AUC 1.000"),
        "{stdout}"
    );
    assert!(!out.exists(), "cross-validation wrote a model");
}

#[test]
fn cross_validating_a_set_without_training_examples_is_refused() {
    let output = lurewatch(&[
        "train",
        "--data",
        "no-such-data-folder",
        "--cross-validate",
        "smishtank",
    ]);
    // A usage error (DESIGN.md: exit code 2): Smishtank is all test.
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no training examples of 'smishtank'"),
        "{stderr}"
    );
}

#[test]
fn a_model_trained_on_the_labelled_set_alone_judges_its_chats_and_texts() {
    // Both heads from the own set's training split only (no public data, so it runs
    // everywhere): chats of three messages or more, and one- or two-message texts.
    let folder = scratch("lurewatch-own-");
    let model = folder.path().join("model.lwm");
    let output = lurewatch(&[
        "train",
        "--data",
        "no-such-data-folder",
        "--out",
        model.to_str().unwrap(),
    ]);
    assert_success(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let heads = stderr
        .lines()
        .find(|l| l.contains("single texts,") && l.contains("dialogues"))
        .unwrap_or_else(|| panic!("{stderr}"));
    let count = |word: &str| -> u64 {
        let before = heads.split(word).next().unwrap_or_default();
        before
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    assert!(count(" single texts") > 20, "{heads}");
    assert!(count(" dialogues") > 20, "{heads}");
    let output = lurewatch(&[
        "eval",
        "--format",
        "json",
        "--model",
        model.to_str().unwrap(),
        "labelled",
    ]);
    assert_success(&output);
    let results = results(&output);
    let c = classifier(&results, "labelled");
    assert!(c["f1"].as_f64().unwrap() >= 0.9, "{c}");
    assert!(c["false_positive_rate"].as_f64().unwrap() <= 0.05, "{c}");

    // A team scans and imports with what it trained, without rebuilding the binary.
    let example = "examples/WhatsApp Chat - Abi.txt";
    let classifier = |args: &[&str]| {
        let output = lurewatch(&[&["scan", "--format", "json"], args, &[example]].concat());
        assert_success(&output);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["classifier"].clone()
    };
    let own = classifier(&["--model", model.to_str().unwrap()]);
    let built_in = classifier(&[]);
    assert_ne!(own["threshold"], built_in["threshold"], "{own} {built_in}");
    assert_ne!(own["model"], built_in["model"], "{own} {built_in}");
    let db = folder.path().join("reports.db");
    let output = lurewatch(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        example,
    ]);
    assert_success(&output);
}

#[test]
fn every_split_measures_the_training_examples_too() {
    let output = lurewatch(&["eval", "--format", "json", "labelled"]);
    assert_success(&output);
    let test_only = results(&output)[0]["examples"].as_u64().unwrap();
    let output = lurewatch(&["eval", "--format", "json", "--every-split", "labelled"]);
    assert_success(&output);
    let every = results(&output)[0]["examples"].as_u64().unwrap();
    // labelled/ holds 326 training and 487 test conversations.
    assert_eq!((test_only, every), (487, 813));
}

#[test]
fn leaving_out_a_set_that_does_not_exist_is_refused() {
    let output = lurewatch(&[
        "train",
        "--data",
        "no-such-data-folder",
        "--leave-out",
        "smishtonk",
    ]);
    // A usage error (exit code 2), before any training: a typo must not quietly leave
    // nothing out.
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("'smishtonk' is not a public set"),
        "{stderr}"
    );
}

#[test]
fn a_model_file_that_is_not_one_is_refused_naming_it() {
    let folder = scratch("lurewatch-bad-models-");
    let dir = folder.path();
    let text = dir.join("notes.lwm");
    std::fs::write(&text, "just some text\n").unwrap();
    let old = dir.join("old.lwm");
    std::fs::write(&old, b"LWCLF\x03rest").unwrap();
    let endless = if cfg!(target_os = "linux") {
        Some(std::path::PathBuf::from("/dev/zero"))
    } else {
        None
    };
    for (path, says) in [
        (text.clone(), "not a lurewatch model file"),
        (old.clone(), "version 3"),
    ]
    .into_iter()
    .chain(endless.map(|p| (p, "larger than")))
    {
        let output = lurewatch(&["eval", "--model", path.to_str().unwrap(), "labelled"]);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(path.to_str().unwrap()), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
    }
}

/// A temporary folder for a test's files, removed when the test drops it (even on failure).
fn scratch(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(prefix).tempdir().unwrap()
}

/// Whether SpamAssassin's e-mail has been fetched into target/external-data (it is not in
/// ../shared/data; scripts/fetch-spamassassin, which scripts/test runs, fetches it), saying
/// SKIPPED and `skipped` when not. CI must have it.
fn fetched_email(skipped: &str) -> bool {
    if root()
        .join("target/external-data/spamassassin-ham")
        .is_dir()
    {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI must have SpamAssassin's e-mail: scripts/fetch-spamassassin did not run"
    );
    eprintln!(
        "SKIPPED: target/external-data/spamassassin-ham is absent (scripts/fetch-spamassassin); {skipped}"
    );
    false
}

#[test]
fn false_alarms_on_benign_email_are_measured() {
    if !fetched_email("benign e-mail was not measured") {
        return;
    }
    let result = measured("spamassassin-ham");
    assert_eq!(result["examples"], 2079, "{result}");
    let fpr = |scorer: &str| result[scorer]["false_positive_rate"].as_f64().unwrap();
    // Test half, no target set: the e-mail head's operating point was chosen to flag at most
    // 1 % of out-of-fold benign training e-mail (0.007 on this half when first measured);
    // the rules alone flag 0.030 and what `scan` reports 0.012 since "click here <link>" and
    // "update <link>" count in messages only and the smishing pattern in `score.rs` too
    // (0.057 and 0.045 before; 0.091 and 0.080 before tracking links stopped reading as
    // requests to log in). Before the e-mail head the
    // classifier flagged 0.831 (docs/accuracy.md, "E-mail both ways").
    assert!(
        fpr("classifier") <= 0.02,
        "classifier FPR {}",
        fpr("classifier")
    );
    assert!(fpr("rules") <= 0.045, "rules FPR {}", fpr("rules"));
    assert!(fpr("combined") <= 0.02, "combined FPR {}", fpr("combined"));
    // Its spam, beside it: 0.833 for the classifier, 0.839 combined (0.829 / 0.847 when first
    // measured).
    let spam = measured("spamassassin-spam");
    for scorer in ["classifier", "combined"] {
        let recall = spam[scorer]["recall"].as_f64().unwrap();
        assert!(recall >= 0.80, "{scorer} SpamAssassin spam recall {recall}");
    }
}
