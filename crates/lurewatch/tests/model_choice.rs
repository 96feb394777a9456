//! `scan` and `import` score with the model they are given: the built-in one, a file written
//! by `lurewatch train` (`--model`, `LUREWATCH_MODEL`), or none (`--no-model`). A file that is
//! not a model is refused by name before anything is read or stored.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Output;

use common::{lurewatch, lurewatch_with_env, root};
use sha2::{Digest, Sha256};

const EXAMPLE: &str = "examples/sms-parcel-fee.txt";

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_built_in_model_given_as_a_file_scores_alike() {
    let built_in = lurewatch(&["scan", "--format", "json", EXAMPLE]);
    let from_file = lurewatch(&[
        "scan",
        "--format",
        "json",
        "--model",
        "models/classifier.lwm",
        EXAMPLE,
    ]);
    assert_eq!(json(&built_in), json(&from_file));
    let classifier = &json(&built_in)["classifier"];
    assert!(classifier["probability"].is_number());
    // The report names the model file that scored it, as `sha256sum` would.
    let bytes = std::fs::read(root().join("models/classifier.lwm")).unwrap();
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(classifier["model"], format!("sha256:{digest}"));
}

#[test]
fn without_a_model_the_rules_alone_decide() {
    let report = json(&lurewatch(&[
        "scan",
        "--format",
        "json",
        "--no-model",
        EXAMPLE,
    ]));
    assert!(report.get("classifier").is_none(), "{report}");
    assert!(report.get("attack_probability").is_none(), "{report}");
    // The rules still name the tactics and give a verdict.
    assert_ne!(report["verdict"], "none", "{report}");
    assert!(
        !report["tactics"].as_array().unwrap().is_empty(),
        "{report}"
    );
}

#[test]
fn a_file_that_is_not_a_model_is_refused_by_name_and_nothing_is_stored() {
    let folder = tempfile::tempdir().unwrap();
    let bad = folder.path().join("not-a-model.lwm");
    std::fs::write(&bad, "some notes\n").unwrap();
    let bad = bad.to_str().unwrap();
    let scan = lurewatch(&["scan", "--model", bad, EXAMPLE]);
    assert!(!scan.status.success());
    assert!(scan.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&scan.stderr);
    assert!(stderr.contains(bad), "{stderr}");

    let db = folder.path().join("reports.db");
    let import = lurewatch(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--model",
        bad,
        EXAMPLE,
    ]);
    assert!(!import.status.success());
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(stderr.contains(bad), "{stderr}");
    assert!(
        !db.exists(),
        "the database was created before the model was checked"
    );

    // From the environment too; `--no-model` overrides it.
    let from_env = lurewatch_with_env(&["scan", EXAMPLE], ("LUREWATCH_MODEL", bad));
    assert!(!from_env.status.success());
    let overridden = lurewatch_with_env(&["scan", "--no-model", EXAMPLE], ("LUREWATCH_MODEL", bad));
    assert!(overridden.status.success());
}
