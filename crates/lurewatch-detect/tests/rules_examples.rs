//! Every rule's own examples, and coverage of every tactic in DESIGN.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lurewatch_core::Tactic;
use lurewatch_detect::RuleSet;

#[test]
fn every_rule_passes_its_examples() {
    let rules = RuleSet::embedded().unwrap();
    let report = rules.self_test();
    assert!(
        report.examples >= 3 * report.rules,
        "rules need several examples each"
    );
    assert!(
        report.failures.is_empty(),
        "failing examples: {:#?}",
        report.failures
    );
}

#[test]
fn every_tactic_has_a_rule() {
    let rules = RuleSet::embedded().unwrap();
    for tactic in Tactic::ALL {
        assert!(
            rules.rules().iter().any(|r| r.tactic == tactic),
            "no rule for {tactic}"
        );
    }
}

#[test]
fn bad_rule_files_are_refused_with_their_name() {
    let bad = [
        ("a.toml", "not toml at all ["),
        (
            "b.toml",
            "schema = 2\nid='x.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=0.5\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
        (
            "c.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='nope'\ndescription='d'\nweight=0.5\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
        (
            "d.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=0.5\npatterns=['(']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
        (
            "e.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=1.5\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
    ];
    for (name, text) in bad {
        let err = RuleSet::from_sources([(name.to_owned(), text.to_owned())])
            .unwrap_err()
            .to_string();
        assert!(err.contains(name), "{err}");
    }
}

#[test]
fn reply_to_mismatch_is_named_and_an_indicator() {
    let eml = "From: \"IT Service Desk\" <helpdesk@parliament-it.example>\nReply-To: collect@evil.example\nTo: sam@parliament.example\nSubject: Action required\n\nYour account will be suspended. Verify your account here: https://login.evil.example\n";
    let c = lurewatch_core::parse_bytes(
        "mail.eml",
        eml.as_bytes(),
        &lurewatch_core::ParseOptions::default(),
    )
    .unwrap()
    .remove(0);
    let a = lurewatch_detect::Detector::with_embedded_rules("GB")
        .unwrap()
        .analyze(&c);
    assert!(
        a.reasons
            .iter()
            .any(|r| r.contains("go to a different address: collect@evil.example")),
        "{:?}",
        a.reasons
    );
    let values: Vec<&str> = a.indicators.iter().map(|i| i.value.as_str()).collect();
    for expected in [
        "helpdesk@parliament-it.example",
        "parliament-it.example",
        "collect@evil.example",
        "evil.example",
    ] {
        assert!(values.contains(&expected), "{expected} not in {values:?}");
    }
    assert_eq!(a.verdict, lurewatch_core::Verdict::High);
}
