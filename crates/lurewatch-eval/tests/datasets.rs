//! The loaders against the real public sets (when `../shared/data` is present: CI has it;
//! elsewhere the test says it was skipped) and the labelled-folder format against bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use lurewatch_eval::datasets::{EXTERNAL, PUBLIC, labelled_folder, labelled_texts, load_public};
use lurewatch_eval::training::assemble;
use lurewatch_eval::{EvalError, Split};

fn data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; the public-set loaders were not checked",
            dir.display()
        );
        None
    }
}

#[test]
fn public_sets_load_with_the_documented_counts_and_splits() {
    let Some(data) = data() else {
        return;
    };
    let seconvo = load_public("seconvo", &data).unwrap();
    let test: Vec<_> = seconvo.iter().filter(|e| e.split == Split::Test).collect();
    assert_eq!(test.len(), 360, "SEConvo's annotated test set");
    assert_eq!(test.iter().filter(|e| e.malicious).count(), 191);
    assert_eq!(seconvo.len() - test.len(), 140);
    // Message-level labels: every annotated test conversation has them (benign ones with
    // none asking), they point at the attacker's (even) turns, and the unannotated training
    // file has none.
    assert!(test.iter().all(|e| e.asks_for_information.is_some()));
    let asking: Vec<usize> = test
        .iter()
        .flat_map(|e| e.asks_for_information.iter().flatten().copied())
        .collect();
    assert!(asking.len() > 300, "{} labelled requests", asking.len());
    assert!(asking.iter().filter(|i| *i % 2 == 0).count() * 10 >= asking.len() * 9);
    assert_eq!(
        seconvo
            .iter()
            .filter(|e| e.id.starts_with("unannotated") && e.asks_for_information.is_some())
            .count(),
        0
    );

    // AntiScam's annotated file: 93 blocks, 276 attacker utterances whose intent is
    // elicitation (latin-1, read without loss), in halves by hash.
    let annotated = load_public("antiscam-messages", &data).unwrap();
    assert_eq!(annotated.len(), 93);
    let test = annotated.iter().filter(|e| e.split == Split::Test).count();
    assert!((30..=63).contains(&test), "{test} of 93 in the test half");
    let asking: usize = annotated
        .iter()
        .map(|e| e.asks_for_information.as_ref().map_or(0, Vec::len))
        .sum();
    assert_eq!(asking, 276);

    let smishtank = load_public("smishtank", &data).unwrap();
    assert!(
        smishtank
            .iter()
            .all(|e| e.malicious && e.split == Split::Test)
    );
    // 1,062 rows less the 258 advertisements.
    assert_eq!(smishtank.len(), 804);

    // The scam-call labels are inverted in the source: 0 is a scam chunk (120 of 288).
    let calls = load_public("scam-calls", &data).unwrap();
    assert_eq!(calls.iter().filter(|e| e.malicious).count(), 120);

    let nus = load_public("nus", &data).unwrap();
    let held = nus.iter().filter(|e| e.split == Split::Test).count();
    assert!(
        held > nus.len() * 45 / 100 && held < nus.len() * 55 / 100,
        "{held} of {}",
        nus.len()
    );

    // The fetched e-mail sets live in the workspace's target folder, not under
    // ../shared/data; `fetched_email_splits_in_half_by_its_own_digest` covers them.
    for (name, _) in PUBLIC.iter().filter(|(name, _)| !EXTERNAL.contains(name)) {
        assert!(!load_public(name, &data).unwrap().is_empty(), "{name}");
    }

    // Real phishing e-mail: every file read as e-mail, all malicious, all test.
    let emails = load_public("phishing-pot", &data).unwrap();
    assert_eq!(emails.len(), 309);
    assert!(emails.iter().all(|e| e.malicious && e.split == Split::Test));
    assert!(
        emails
            .iter()
            .all(|e| e.conversation.format == lurewatch_core::Format::Eml)
    );
}

#[test]
fn nothing_held_out_is_trained_on() {
    let Some(data) = data() else {
        return;
    };
    // UCI's ham is largely NUS's: the NUS test half must not come back through UCI.
    let mut examples = load_public("nus", &data).unwrap();
    examples.extend(load_public("uci-sms", &data).unwrap());
    let assembled = assemble(&examples);
    assert!(
        assembled.dropped_as_test > 1000,
        "{}",
        assembled.dropped_as_test
    );
    // Compared as they are trained on (numbers written back) and as published.
    let test: std::collections::HashSet<u64> = examples
        .iter()
        .filter(|e| e.split == Split::Test)
        .flat_map(|e| {
            [
                lurewatch_eval::split::text_hash(&e.conversation),
                e.identity.exact,
            ]
        })
        .collect();
    for (index, _) in &assembled.fit {
        let e = &examples[*index];
        assert!(!test.contains(&lurewatch_eval::split::text_hash(&e.conversation)));
        assert!(!test.contains(&e.identity.exact));
    }
}

#[test]
fn nus_numbers_are_written_back_without_moving_a_text_across_the_split() {
    let Some(data) = data() else {
        return;
    };
    let nus = load_public("nus", &data).unwrap();
    let published = load_public("nus-as-published", &data).unwrap();
    let text = |e: &lurewatch_eval::Example| e.conversation.messages[0].text.clone();
    assert!(nus.iter().all(|e| !text(e).contains("<#>")));
    let test: Vec<_> = nus.iter().filter(|e| e.split == Split::Test).collect();
    assert_eq!(test.len(), published.len());
    assert!(published.iter().all(|e| e.split == Split::Test));
    let mut with_placeholder = 0;
    for (filled, as_published) in test.iter().zip(&published) {
        assert_eq!(filled.id, as_published.id);
        assert_eq!(filled.identity, as_published.identity);
        if text(as_published).contains("<#>") {
            with_placeholder += 1;
            assert_ne!(text(filled), text(as_published));
        }
    }
    assert!(with_placeholder > 1000, "{with_placeholder}");
}

#[test]
fn dailydialog_openers_are_each_dialogues_first_message_on_its_side() {
    let Some(data) = data() else {
        return;
    };
    let dialogues = load_public("dailydialog", &data).unwrap();
    let openers = load_public("dailydialog-openers", &data).unwrap();
    assert_eq!(openers.len(), dialogues.len());
    for (dialogue, opener) in dialogues.iter().zip(&openers) {
        assert_eq!(opener.id, dialogue.id);
        assert_eq!(opener.split, dialogue.split);
        assert!(!opener.malicious);
        let [message] = opener.conversation.messages.as_slice() else {
            panic!(
                "{}: {} messages",
                opener.id,
                opener.conversation.messages.len()
            );
        };
        assert_eq!(message.text, dialogue.conversation.messages[0].text);
        // From a stranger who opened the exchange: where the first-contact floors apply.
        assert!(opener.conversation.is_external(message));
    }
}

/// A temporary folder holding `files`, removed when the test is done with it.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("lurewatch-labelled-")
        .tempdir()
        .unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

const CHAT: &str = "12/12/2023, 21:14 - +44 7700 900123: Long time no speak!\n";

#[test]
fn a_labelled_folder_loads() {
    let dir = folder(&[
        ("a.txt", CHAT),
        (
            "labels.json",
            r#"[{"file": "a.txt", "malicious": true, "tactics": ["false-familiarity"], "split": "train"}]"#,
        ),
    ]);
    let examples = labelled_folder::load(dir.path()).unwrap();
    assert_eq!(examples.len(), 1);
    assert!(examples[0].malicious);
    assert_eq!(examples[0].split, Split::Train);
}

#[test]
fn bad_labelled_folders_are_refused_naming_the_problem() {
    let cases: &[(&str, &str)] = &[
        (
            r#"[{"file": "a.txt", "malicious": true, "tactics": ["mind-control"]}]"#,
            "unknown tactic",
        ),
        (
            r#"[{"file": "../a.txt", "malicious": true}]"#,
            "not a file inside",
        ),
        (
            r#"[{"file": "missing.txt", "malicious": true}]"#,
            "missing.txt",
        ),
        (r#"[{"file": "a.txt", "malicious": "yes"}]"#, "labels.json"),
        (
            r#"[{"file": "a.txt", "malicious": true, "split": "dev"}]"#,
            "neither train nor test",
        ),
        (
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "labels.json",
        ),
        ("", "labels.json"),
    ];
    for (labels, expected) in cases {
        let dir = folder(&[("a.txt", CHAT), ("labels.json", labels)]);
        let error = labelled_folder::load(dir.path()).unwrap_err();
        assert!(matches!(
            error,
            EvalError::Format { .. } | EvalError::Read { .. }
        ));
        assert!(error.to_string().contains(expected), "{labels}: {error}");
    }
    // An endless labels.json is refused at its size limit, naming it.
    let endless = folder(&[("a.txt", CHAT)]);
    std::os::unix::fs::symlink("/dev/zero", endless.path().join("labels.json")).unwrap();
    let error = labelled_folder::load(endless.path())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("labels.json") && error.contains("larger than"),
        "{error}"
    );
    let empty = folder(&[]);
    assert!(
        labelled_folder::load(empty.path())
            .unwrap_err()
            .to_string()
            .contains("labels.json")
    );
}

#[test]
fn a_folder_of_single_texts_loads_without_labels_json() {
    let dir = folder(&[(
        "texts.jsonl",
        concat!(
            r#"{"text": "Hi, is this Jennifer? It's Mark from the golf club", "malicious": true, "tactics": ["wrong-number"], "split": "train"}"#,
            "\n\n",
            r#"{"text": "Running 10 min late, sorry!", "malicious": false}"#,
            "\n"
        ),
    )]);
    let examples = labelled_folder::load(dir.path()).unwrap();
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].set, labelled_texts::SET);
    assert!(examples[0].malicious);
    assert_eq!(examples[0].split, Split::Train);
    assert_eq!(examples[0].conversation.messages.len(), 1);
    assert!(
        examples[0].id.ends_with("texts.jsonl:1"),
        "{}",
        examples[0].id
    );
    // A byte-order mark and Windows line ends are read past.
    let windows = folder(&[(
        "texts.jsonl",
        "\u{feff}{\"text\": \"Hello, are you Mr. Wang?\", \"malicious\": true}\r\n",
    )]);
    assert_eq!(labelled_folder::load(windows.path()).unwrap().len(), 1);
    // No split named: test, so nothing labelled is trained on by accident.
    assert_eq!(examples[1].split, Split::Test);
    assert!(!examples[1].malicious);
}

#[test]
fn single_texts_sit_beside_a_folders_conversations() {
    let dir = folder(&[
        ("a.txt", CHAT),
        (
            "labels.json",
            r#"[{"file": "a.txt", "malicious": true, "split": "train"}]"#,
        ),
        (
            "texts.jsonl",
            r#"{"text": "Hello, are you Mr. Wang?", "malicious": true}"#,
        ),
    ]);
    let examples = labelled_folder::load(dir.path()).unwrap();
    let sets: Vec<&str> = examples.iter().map(|e| e.set).collect();
    assert_eq!(sets, ["labelled", labelled_texts::SET]);
}

/// Each bad line is named by file and line number, and every good line is still read.
#[test]
fn bad_lines_of_texts_jsonl_are_named_and_the_rest_still_load() {
    let bad_lines: &[(&[u8], &str)] = &[
        (br#"{"text": "hi", "malicious": "yes"}"#, "invalid type"),
        (br#"{"text": "   ", "malicious": true}"#, "empty"),
        (br#"{"text": "hi", "malicious": true, "tactics": ["mind-control"]}"#, "unknown tactic"),
        (br#"{"text": "hi", "malicious": true, "split": "dev"}"#, "neither train nor test"),
        (br#"{"text": "hi", "malicious": true, "label": 1}"#, "unknown field"),
        (br#"{"text": "truncated"#, "EOF"),
        (&[0xff, 0xfe, 0x00, b'{', 0x80], "line"),
        (b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "invalid type: sequence"),
    ];
    let good = br#"{"text": "Are we still on for dinner?", "malicious": false}"#;
    for (line, expected) in bad_lines {
        let mut contents = good.to_vec();
        contents.push(b'\n');
        contents.extend_from_slice(line);
        contents.push(b'\n');
        contents.extend_from_slice(good);
        let dir = tempfile::Builder::new()
            .prefix("lurewatch-texts-")
            .tempdir()
            .unwrap();
        std::fs::write(dir.path().join("texts.jsonl"), &contents).unwrap();
        let (examples, problems) = labelled_folder::load_each(dir.path()).unwrap();
        assert_eq!(examples.len(), 2, "{expected}");
        assert_eq!(problems.len(), 1, "{expected}");
        let problem = problems[0].to_string();
        assert!(problem.contains("texts.jsonl:2"), "{problem}");
        assert!(problem.contains(expected), "{expected}: {problem}");
        // `load`, for training, refuses the folder whole, naming the same line.
        let refused = labelled_folder::load(dir.path()).unwrap_err().to_string();
        assert!(refused.contains("texts.jsonl:2"), "{refused}");
    }
}

/// The project's single texts: every line reads, and both labels sit on both sides.
#[test]
fn the_projects_single_texts_load_with_both_labels_on_both_sides() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../labelled-texts");
    let (examples, problems) = labelled_folder::load_each(&dir).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    for split in [Split::Train, Split::Test] {
        for malicious in [true, false] {
            let n = examples
                .iter()
                .filter(|e| e.split == split && e.malicious == malicious)
                .count();
            assert!(n >= 30, "{split:?} malicious={malicious}: {n}");
        }
    }
}

/// Damaged copies of the public sets' files: each loader either reads what it can or refuses
/// with the file's path, and none panics (truncated JSON, binary bytes, an empty file, a
/// deeply nested document, a CSV without its header).
#[test]
fn damaged_public_files_are_refused_or_read_never_panicking() {
    let garbage: &[u8] = &[0xff, 0xfe, 0x00, b'\t', 0x80, b'\n', b'"', b',', 0xc3];
    let nested = "[".repeat(100_000);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "seconvo/annotated_train.json",
            b"{\"Conversations\": [".to_vec(),
        ),
        ("seconvo/annotated_train.json", nested.clone().into_bytes()),
        ("seconvo/annotated_train.json", garbage.to_vec()),
        ("smishtank/smishtank.csv", Vec::new()),
        ("smishtank/smishtank.csv", garbage.to_vec()),
        (
            "nus-sms-corpus/Refined_NUS_Corpus_Dataset.csv",
            b"no,header\n1,2\n".to_vec(),
        ),
        ("dailydialog-subset/dialogues_test.txt", garbage.to_vec()),
        ("antiscam/AntiScam_all.txt", garbage.to_vec()),
        ("antiscam/AntiScam_annotated.txt", garbage.to_vec()),
        ("antiscam/AntiScam_annotated.txt", b"0\t\t\t\n\n1".to_vec()),
        ("mentalmanip/mentalmanip_con.csv", garbage.to_vec()),
    ];
    for (path, bytes) in cases {
        let dir = folder(&[]);
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &bytes).unwrap();
        let set = match path.split('/').next().unwrap() {
            "seconvo" => "seconvo",
            "smishtank" => "smishtank",
            "nus-sms-corpus" => "nus",
            "dailydialog-subset" => "dailydialog",
            "mentalmanip" => "mentalmanip",
            _ if path.ends_with("annotated.txt") => "antiscam-messages",
            _ => "antiscam",
        };
        if let Err(e) = load_public(set, dir.path()) {
            // SEConvo reads three files: the error names whichever it could not read.
            assert!(
                e.to_string().contains(&dir.path().display().to_string()),
                "{set}: {e}"
            );
        }
    }
}

#[test]
fn fetched_email_splits_in_half_by_its_own_digest() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/external-data");
    if !dir.join("spamassassin-ham").is_dir() {
        eprintln!(
            "SKIPPED: {} has no spamassassin-ham (scripts/fetch-spamassassin)",
            dir.display()
        );
        return;
    }
    let ham =
        lurewatch_eval::datasets::email::spamassassin_ham(&dir.join("spamassassin-ham")).unwrap();
    assert_eq!(ham.len(), 4150);
    assert_eq!(ham.iter().filter(|e| e.split == Split::Test).count(), 2079);
    assert!(
        ham.iter()
            .all(|e| !e.malicious && e.set == "spamassassin-ham")
    );
    let spam =
        lurewatch_eval::datasets::email::spamassassin_spam(&dir.join("spamassassin-spam")).unwrap();
    assert_eq!(spam.len(), 1896);
    assert_eq!(spam.iter().filter(|e| e.split == Split::Test).count(), 922);
    assert!(
        spam.iter()
            .all(|e| e.malicious && e.set == "spamassassin-spam")
    );
    // Each read as `scan` reads a forwarded message: one e-mail.
    assert!(
        ham.iter()
            .chain(&spam)
            .all(|e| e.conversation.messages.len() == 1)
    );
    // A file not named as the fetch script names it is refused, naming it.
    let odd = tempdir();
    std::fs::write(
        odd.join("message.txt"),
        "From: a@b.example\nSubject: hi\n\nhello\n",
    )
    .unwrap();
    let error = lurewatch_eval::datasets::email::spamassassin_ham(&odd).unwrap_err();
    assert!(error.to_string().contains("message.txt"), "{error}");
    std::fs::remove_dir_all(&odd).unwrap();
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lurewatch-ham-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
