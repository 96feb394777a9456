//! `import` and `campaigns` end to end on SQLite: the bundled examples become one campaign of
//! three reports (three targets, three numbers, three personas), duplicates are recognised,
//! bad files are skipped with exit code 1, and `--db` works before or after the subcommand
//! and from `LUREWATCH_DB`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{indicator_pairs, root};
use std::process::{Command, Output};

/// A new SQLite store in a temporary folder of its own, removed (WAL files too) when the
/// test drops it; dereferences to the store's path.
struct FreshDb {
    _folder: tempfile::TempDir,
    path: String,
}

impl std::ops::Deref for FreshDb {
    type Target = str;
    fn deref(&self) -> &str {
        &self.path
    }
}

fn fresh_db() -> FreshDb {
    let folder = tempfile::Builder::new()
        .prefix("lurewatch-cli-store-")
        .tempdir()
        .unwrap();
    let path = folder.path().join("store.db").display().to_string();
    FreshDb {
        _folder: folder,
        path,
    }
}

fn lurewatch(args: &[&str], env_db: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lurewatch"));
    command
        .args(args)
        .current_dir(root())
        .env_remove("LUREWATCH_DB");
    if let Some(db) = env_db {
        command.env("LUREWATCH_DB", db);
    }
    command.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn examples_import_into_one_campaign_with_reasons() {
    let db = fresh_db();
    let out = lurewatch(
        &[
            "--db",
            &db,
            "import",
            "--reporter",
            "desk",
            "--format",
            "json",
            "examples/",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7);
    for line in &lines {
        for field in ["id", "file", "verdict", "campaign"] {
            assert!(line.get(field).is_some(), "{field} missing in {line}");
        }
    }

    // --db after the subcommand works too.
    let out = lurewatch(&["campaigns", "--format", "json", "--db", &db], None);
    assert!(out.status.success());
    let campaigns: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = campaigns.as_array().unwrap();
    assert_eq!(list.len(), 1, "{campaigns:#}");
    let c = &list[0];
    for field in [
        "id",
        "reports",
        "indicators",
        "reasons",
        "first_seen",
        "last_seen",
        "score",
    ] {
        assert!(c.get(field).is_some(), "{field} missing");
    }
    let files: Vec<&str> = c["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| f.contains("Abi") || f.contains("900123") || f.contains("900488")),
        "{files:?}"
    );
    assert!(
        c["reports"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["reporter"] == "desk" && r["id"].is_i64())
    );
    let reasons: Vec<&str> = c["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"same number +447700900488"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"same handle t.me/charlie_h_x"),
        "{reasons:?}"
    );
    let indicators = indicator_pairs(&c["indicators"]);
    for expected in [
        "persona=Charlie",
        "persona=Abi",
        "persona=Sophie",
        "phone=+447700900123",
    ] {
        assert!(
            indicators.contains(&expected.to_owned()),
            "{expected} not in {indicators:?}"
        );
    }

    // The same exports again are duplicates, not new reports.
    let out = lurewatch(&["import", "--format", "json", "examples/"], Some(&db));
    let again: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(again.iter().all(|l| l["duplicate"] == true), "{again:?}");
    let out = lurewatch(&["campaigns", "--format", "json"], Some(&db));
    let campaigns: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(campaigns[0]["reports"].as_array().unwrap().len(), 3);

    // The text view names the reasons.
    let out = lurewatch(&["campaigns", "--db", &db], None);
    let text = stdout(&out);
    assert!(
        text.contains("Campaign ")
            && text.contains("linked because:")
            && text.contains("same handle t.me/charlie_h_x"),
        "{text}"
    );
}

#[test]
fn bad_files_are_skipped_and_the_rest_is_stored() {
    let db = fresh_db();
    let folder = tempfile::Builder::new()
        .prefix("lurewatch-import-bad-")
        .tempdir()
        .unwrap();
    let dir = folder.path();
    std::fs::write(dir.join("a-empty.txt"), b"").unwrap();
    std::fs::write(dir.join("b-binary.bin"), b"\x7fELF\x00\x01").unwrap();
    std::fs::copy(
        root().join("examples/sms-parcel-fee.txt"),
        dir.join("c-good.txt"),
    )
    .unwrap();
    let out = lurewatch(&["import", "--db", &db, dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-empty.txt: the file is empty") && err.contains("b-binary.bin: binary data"),
        "{err}"
    );
    assert_eq!(stdout(&out).lines().count(), 1, "the good file is stored");
    let out = lurewatch(
        &["campaigns", "--all", "--format", "json", "--db", &db],
        None,
    );
    let all: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        all.as_array().unwrap().len(),
        1,
        "a lone suspicious report is a campaign of one"
    );
}

#[test]
fn unreachable_database_is_a_clear_error() {
    let out = lurewatch(
        &[
            "campaigns",
            "--db",
            "postgres://nobody:secret@127.0.0.1:1/none",
        ],
        None,
    );
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot open database") && err.contains("***") && !err.contains("secret"),
        "{err}"
    );
}

#[test]
fn analysts_split_and_merge_campaigns_and_a_split_survives_reimport() {
    let db = fresh_db();
    assert!(
        lurewatch(&["--db", &db, "import", "examples/"], None)
            .status
            .success()
    );
    let listing = |db: &str| -> Vec<(i64, Vec<i64>)> {
        let out = lurewatch(&["--db", db, "campaigns", "--format", "json"], None);
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let reports = c["reports"].as_array().unwrap();
                (
                    c["id"].as_i64().unwrap(),
                    reports.iter().map(|r| r["id"].as_i64().unwrap()).collect(),
                )
            })
            .collect()
    };
    let before = listing(&db);
    let (campaign, reports) = before.iter().find(|(_, r)| r.len() == 3).unwrap().clone();
    let last = reports[2].to_string();
    let id = campaign.to_string();

    let out = lurewatch(
        &[
            "--db",
            &db,
            "campaigns",
            "split",
            &id,
            &last,
            "--note",
            "another actor",
            "--analyst",
            "kim",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("linking keeps the two apart"));
    let after = listing(&db);
    assert!(
        after.iter().any(|(c, r)| *c == campaign && r.len() == 2),
        "{after:?}"
    );

    // Importing the same reports again changes nothing: the split holds.
    assert!(
        lurewatch(&["--db", &db, "import", "examples/"], None)
            .status
            .success()
    );
    assert_eq!(listing(&db), after);

    // Bad requests: exit 1 with the reason, nothing changed.
    for (args, reason) in [
        (vec!["campaigns", "merge", "999", &id], "does not exist"),
        (vec!["campaigns", "split", &id, "999"], "not in campaign"),
        (vec!["campaigns", "merge", &id, &id], "with itself"),
    ] {
        let mut full = vec!["--db", &*db];
        full.extend(args);
        let out = lurewatch(&full, None);
        assert_eq!(out.status.code(), Some(1), "{full:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(reason),
            "{full:?}"
        );
    }
    assert_eq!(listing(&db), after);
}

#[test]
fn device_code_reports_from_different_actors_share_microsofts_page_but_no_campaign() {
    // Device-code phishing sends every target to Microsoft's own sign-in page: two actors'
    // reports naming it are not one campaign, while a link of the actor's own still links.
    let db = fresh_db();
    let folder = tempfile::tempdir().unwrap();
    let write = |name: &str, from: &str, body: &str| {
        let text =
            format!("From: {from}\nTo: sam@parliament.example\nSubject: Invitation\n\n{body}\n");
        std::fs::write(folder.path().join(name), text).unwrap();
    };
    write(
        "a.eml",
        "Elena Marsh <elena.marsh.policy@outlook.com>",
        "Thank you for joining our roundtable on Black Sea security. To join, go to \
         https://microsoft.com/devicelogin and enter the code DKQW-7XPB.",
    );
    write(
        "b.eml",
        "Tom Reyes <reyes.t.council@gmail.com>",
        "Our energy forum meets on Teams tomorrow. Please visit https://microsoft.com/devicelogin \
         with code QPLM-2HXA before the start.",
    );
    let imported = lurewatch(
        &["--db", &db, "import", folder.path().to_str().unwrap()],
        None,
    );
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let linked_pairs = |db: &str| {
        let out = lurewatch(&["--db", db, "campaigns", "--format", "json"], None);
        let campaigns: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        campaigns
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["reports"].as_array().unwrap().len() >= 2)
            .count()
    };
    assert_eq!(linked_pairs(&db), 0);

    // The same two with a link of the actor's own: one campaign.
    let db = fresh_db();
    for (name, from) in [
        ("a.eml", "Elena Marsh <elena.marsh.policy@outlook.com>"),
        ("b.eml", "Tom Reyes <reyes.t.council@gmail.com>"),
    ] {
        write(
            name,
            from,
            "The agenda is at https://roundtable-agenda.example/r/8812 before we start.",
        );
    }
    let imported = lurewatch(
        &["--db", &db, "import", folder.path().to_str().unwrap()],
        None,
    );
    assert!(imported.status.success());
    assert_eq!(linked_pairs(&db), 1);
}
