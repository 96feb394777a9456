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
        (
            "g.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=0.5\ncontext='from-stranger'\nfirst_contact_verdict='urgent'\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
        (
            "h.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=0.5\nchannels=[]\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
        (
            "i.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=0.5\nchannels=['fax']\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
        (
            "j.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=0.5\nnot_owned_by=['my']\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
        (
            "k.toml",
            "schema = 1\nid='threat.y'\nname='n'\ntactic='threat'\ndescription='d'\nweight=0.5\nadvice='''\n  \n'''\npatterns=['a']\n[examples]\npositive=['a']\nnegative=['b']",
        ),
    ];
    for (name, text) in bad {
        let err = RuleSet::from_sources([(name.to_owned(), text.to_owned())])
            .unwrap_err()
            .to_string();
        assert!(err.contains(name), "{err}");
    }
}

/// The first conversation in a file named `name`.
fn first_conversation(name: &str, text: &str) -> lurewatch_core::Conversation {
    lurewatch_core::parse_bytes(
        name,
        text.as_bytes(),
        &lurewatch_core::ParseOptions::default(),
    )
    .unwrap()
    .remove(0)
}

/// The embedded rules' analysis of the first conversation in a file named `name`.
fn analyse(name: &str, text: &str) -> lurewatch_detect::Analysis {
    lurewatch_detect::Detector::with_embedded_rules("GB")
        .unwrap()
        .analyze(&first_conversation(name, text))
}

#[test]
fn a_rule_counts_only_in_its_channels() {
    let rule = |channels: &str| {
        let text = format!(
            "schema = 1\nid='credential-lure.y'\nname='n'\ntactic='credential-lure'\ndescription='d'\nweight=0.5\n{channels}\npatterns=['click here']\n[examples]\npositive=['click here']\nnegative=['b']"
        );
        RuleSet::from_sources([("r.toml".to_owned(), text)]).unwrap()
    };
    let text = first_conversation("pasted.txt", "Click here to claim it");
    let email = first_conversation(
        "mail.eml",
        "From: news@newsletter.example\nTo: sam@example.org\nSubject: News\n\nClick here to read more\n",
    );
    let fires = |rules: &RuleSet, c: &lurewatch_core::Conversation| {
        let normalized: Vec<_> = c
            .messages
            .iter()
            .map(|m| lurewatch_detect::normalize::normalize(&m.text))
            .collect();
        !rules.evaluate(c, &normalized).is_empty()
    };
    let everywhere = rule("");
    assert!(fires(&everywhere, &text) && fires(&everywhere, &email));
    let messages = rule("channels = ['message']");
    assert!(fires(&messages, &text) && !fires(&messages, &email));
    let emails = rule("channels = ['email']");
    assert!(!fires(&emails, &text) && fires(&emails, &email));
}

#[test]
fn reply_to_mismatch_is_named_and_an_indicator() {
    let eml = "From: \"IT Service Desk\" <helpdesk@parliament-it.example>\nReply-To: collect@evil.example\nTo: sam@parliament.example\nSubject: Action required\n\nYour account will be suspended. Verify your account here: https://login.evil.example\n";
    let a = analyse("mail.eml", eml);
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

/// Asserts that `chat` is named with `tactic`, lifted to high by the playbook whose reason
/// starts with `playbook`, and advised with words containing `advice`.
fn assert_playbook(chat: &str, tactic: &str, playbook: &str, advice: &str) {
    let scam = analyse("chat.txt", chat);
    let tactics: Vec<&str> = scam.findings.iter().map(|f| f.tactic.id()).collect();
    assert!(tactics.contains(&tactic), "{tactics:?}");
    assert_playbook_reached(&scam, playbook, advice);
}

/// Asserts that `scam` was lifted to high by the playbook whose reason starts with
/// `playbook`, and advised with words containing `advice`.
fn assert_playbook_reached(scam: &lurewatch_detect::Analysis, playbook: &str, advice: &str) {
    assert!(
        scam.reasons.iter().any(|r| r.starts_with(playbook)),
        "{:?}",
        scam.reasons
    );
    assert_eq!(scam.verdict, lurewatch_core::Verdict::High);
    assert!(
        scam.advice.iter().any(|a| a.contains(advice)),
        "{:?}",
        scam.advice
    );
}

/// Asserts that no reason of `analysis` is the playbook whose reason starts with `playbook`.
fn assert_no_playbook(analysis: &lurewatch_detect::Analysis, playbook: &str) {
    assert!(
        analysis.reasons.iter().all(|r| !r.starts_with(playbook)),
        "{:?}",
        analysis.reasons
    );
}

/// Asserts that no finding in `chat` (a chat export) is `tactic`.
fn assert_not_found(chat: &str, tactic: &str) {
    let analysis = analyse("chat.txt", chat);
    assert!(
        analysis.findings.iter().all(|f| f.tactic.id() != tactic),
        "{:?}",
        analysis.findings
    );
}

#[test]
fn a_wrong_number_opener_then_an_investment_pitch_is_the_wrong_number_playbook() {
    assert_playbook(
        "12/03/2024, 09:00 - +44 7700 900311: Hi, is this Jessica? It's Linda from the yoga class\n\
         12/03/2024, 09:05 - Sam Jones: no, sorry, wrong number\n\
         12/03/2024, 09:06 - +44 7700 900311: Oh sorry! Nice to meet you anyway. I do crypto trading\n\
         12/03/2024, 09:30 - +44 7700 900311: You could invest £500 and I'll show you how to double it\n",
        "wrong-number",
        "wrong-number scam",
        "meant for someone else",
    );
    // The same words from a saved contact are not the tactic.
    assert_not_found(
        "12/03/2024, 09:00 - Sam Jones: is this still Anna's number? want to invite her\n\
         12/03/2024, 09:05 - Me: yes it is\n",
        "wrong-number",
    );
}

/// A stranger's opener with nothing after it is at least medium (the rule's
/// `first_contact_verdict`), and says why; once the exchange is a dialogue, what followed is
/// weighed instead, and a saved contact's same words are nothing.
#[test]
fn a_strangers_opener_alone_is_medium_and_a_dialogue_is_weighed_as_a_whole() {
    let floored = "a first contact from an unknown sender (";
    for text in [
        "Hi, is this Jessica? It's Linda from the yoga class",
        "Hi! I'm new to WhatsApp and I'm trying to make new friends. Can we chat?",
        "This is Paul Davies, I'm in a meeting and can't talk. Can you do me a quick favour?",
    ] {
        let alone = analyse("sms.txt", text);
        assert_eq!(alone.verdict, lurewatch_core::Verdict::Medium, "{text}");
        // Said only where the floor lifted the score (the favour's two tactics are medium).
        assert!(
            alone.rule_score >= 0.4 || alone.reasons.iter().any(|r| r.starts_with(floored)),
            "{:?}",
            alone.reasons
        );
        assert!(
            alone.advice.iter().any(|a| a.starts_with("Don't reply")),
            "{:?}",
            alone.advice
        );
    }
    let answered = analyse(
        "chat.txt",
        "12/03/2024, 09:00 - +44 7700 900311: Hi, is this Jessica? It's Linda from the yoga class\n\
         12/03/2024, 09:05 - Sam Jones: no, sorry, wrong number\n",
    );
    assert_eq!(answered.verdict, lurewatch_core::Verdict::Medium);
    // When the reporter wrote first, a stranger's "sorry, wrong number" is an answer, not an
    // opener: no floor.
    let reply = analyse(
        "chat.txt",
        "12/03/2024, 09:00 - Sam Jones: Hi Kate, are we still on for Friday?\n\
         12/03/2024, 09:05 - +44 7700 900311: Sorry, wrong number!\n",
    );
    assert!(!reply.reasons.iter().any(|r| r.starts_with(floored)));
    assert!(reply.verdict < lurewatch_core::Verdict::Medium);
    let dialogue = analyse(
        "chat.txt",
        "12/03/2024, 09:00 - +44 7700 900311: Hi, is this Jessica? It's Linda from the yoga class\n\
         12/03/2024, 09:05 - Sam Jones: no, sorry, wrong number\n\
         12/03/2024, 09:06 - +44 7700 900311: Oh sorry, my mistake! Have a good day\n",
    );
    assert_eq!(dialogue.verdict, lurewatch_core::Verdict::Low);
    assert!(!dialogue.reasons.iter().any(|r| r.starts_with(floored)));
    let friend = analyse(
        "WhatsApp Chat with Alex.txt",
        "03/06/2024, 09:01 - Alex: I'm in a meeting and can't talk, can you do me a quick favour?\n",
    );
    assert!(friend.verdict < lurewatch_core::Verdict::Medium);
}

/// With the trained model as `scan` runs it: a stranger's lone request for colleagues'
/// numbers or for a naughty picture, or the campaign's unanswered "Or not", is not argued
/// down to low by a single-text head that learnt from SMS spam. A journalist's request for an
/// introduction, or a source's "keep this between us", is left to the classifier.
#[test]
fn the_campaigns_first_contacts_stay_medium_with_the_model() {
    let detector = lurewatch_detect::Detector::standard("GB").unwrap();
    let verdict =
        |name: &str, text: &str| detector.analyze(&first_conversation(name, text)).verdict;
    for text in [
        "Could you share the list of staff on the committee and their mobile numbers?",
        "Can you send me your colleague Sarah's number? I need to reach her urgently",
        "Send me a naughty pic and I'll send one back 😉",
    ] {
        assert!(
            verdict("sms.txt", text) >= lurewatch_core::Verdict::Medium,
            "{text}"
        );
    }
    for text in [
        "Hi, this is Tom from the Guardian, could you put me in touch with your chief of staff?",
        "Please keep this between us, don't tell anyone I messaged you",
    ] {
        assert!(
            verdict("sms.txt", text) < lurewatch_core::Verdict::Medium,
            "{text}"
        );
    }
    // The 2024 campaign's opening, unanswered: false familiarity, then guilt after silence.
    let opening = verdict(
        "WhatsApp Chat with +44 7700 900123.txt",
        "14/12/2023, 21:14 - +44 7700 900123: Long time no speak! How have you been?\n\
         15/12/2023, 09:30 - +44 7700 900123: Or not\n",
    );
    assert_eq!(opening, lurewatch_core::Verdict::Medium);
}

/// A floor on a rule that fires on anyone's words (no `from-stranger` context) still reaches
/// only strangers: a saved contact's "keep this between us" is ordinary.
#[test]
fn a_first_contact_floor_never_reaches_a_saved_contacts_words() {
    let rules = RuleSet::from_sources([(
        "secrecy.test.toml".to_owned(),
        "schema = 1\nid='secrecy.test'\nname='n'\ntactic='secrecy'\ndescription='d'\nweight=0.3\nfirst_contact_verdict='medium'\npatterns=['between us']\n[examples]\npositive=['keep it between us']\nnegative=['b']".to_owned(),
    )])
    .unwrap();
    let detector = lurewatch_detect::Detector::new(rules, "GB").unwrap();
    let verdict =
        |name: &str, text: &str| detector.analyze(&first_conversation(name, text)).verdict;
    assert_eq!(
        verdict("sms.txt", "Keep this between us please"),
        lurewatch_core::Verdict::Medium
    );
    assert!(
        verdict(
            "WhatsApp Chat with Alex.txt",
            "03/06/2024, 09:01 - Alex: keep this between us please\n",
        ) < lurewatch_core::Verdict::Medium
    );
}

#[test]
fn a_job_offer_then_a_fee_is_the_advance_fee_playbook() {
    assert_playbook(
        "12/03/2024, 09:00 - +44 7700 900312: Hi, I'm Anna from the recruiting team. We are hiring remote assistants, earn 300 a day\n\
         12/03/2024, 09:05 - Sam Jones: what do I have to do?\n\
         12/03/2024, 09:06 - +44 7700 900312: Rate products online. To start you pay a small fee of £50 for your account\n",
        "offer-lure",
        "advance-fee scam",
        "offers like these are bait",
    );
    // A friend's congratulations is not the tactic, and the offer alone is not the playbook.
    assert_not_found(
        "12/03/2024, 09:00 - Sam Jones: congrats, you won the bet! claim your prize tonight\n\
         12/03/2024, 09:05 - Me: haha thanks\n",
        "offer-lure",
    );
    let offer_only = analyse("sms.txt", "You have won a £500 voucher, reply YES");
    assert_no_playbook(&offer_only, "advance-fee scam");
    // One phrase is never both the offer and the ask.
    for text in [
        "Hello, I found an investment opportunity for you",
        "Hi, my mentor shows people guaranteed returns every week",
    ] {
        assert_no_playbook(&analyse("sms.txt", text), "advance-fee scam");
    }
}

#[test]
fn a_family_member_on_a_new_number_is_the_new_number_playbook_before_any_money_is_asked() {
    let text = "Hi mum, I dropped my phone in the toilet, this is my new number. Can you text me on WhatsApp?";
    let scam = analyse("sms.txt", text);
    assert_playbook_reached(
        &scam,
        "new-number scam",
        "using a number or address you already had",
    );
    // From the saved contact, it is the family member: not the playbook.
    let family = analyse(
        "chat.txt",
        "12/03/2024, 09:00 - Jo Smith: Hi mum, this is my new number, save it\n\
         12/03/2024, 09:05 - Me: ok love x\n",
    );
    assert_no_playbook(&family, "new-number scam");
}

/// A stranger's offer of friendship is named and advised on; the same words from a saved
/// contact are not a stranger's pretext and get no such advice.
#[test]
fn a_stranger_seeking_friendship_is_named_and_advised_on() {
    let stranger = analyse(
        "pasted.txt",
        "Hi! I'm new to WhatsApp and I'm trying to make new friends. Can we chat?",
    );
    assert!(
        stranger
            .findings
            .iter()
            .any(|f| f.rule == "romance.stranger-seeks-friendship"),
        "{:?}",
        stranger.findings
    );
    let advised = |a: &lurewatch_detect::Analysis| {
        a.advice
            .iter()
            .any(|line| line.contains("romance and investment scams begin: weeks of warm messages"))
    };
    assert!(advised(&stranger), "{:?}", stranger.advice);
    let partner = analyse(
        "WhatsApp Chat with Alex.txt",
        "03/06/2024, 09:01 - Alex: you're so gorgeous, I can't stop thinking about you\n\
         03/06/2024, 09:02 - Alex: can you send me 200 pounds by bank transfer today, it is urgent\n",
    );
    // Low, so advice is given (none is, beyond the all-clear, for a verdict of none).
    assert_eq!(partner.verdict, lurewatch_core::Verdict::Low);
    assert!(
        partner.findings.iter().any(|f| f.tactic == Tactic::Romance),
        "{:?}",
        partner.findings
    );
    assert!(!advised(&partner), "{:?}", partner.advice);
}

/// A payment request beside a link from a stranger is the smishing pattern in a text; in
/// e-mail, where links and strangers are everywhere, it counts only when the e-mail head
/// agrees the wording is a scam's.
#[test]
fn the_smishing_pattern_counts_alone_in_texts_and_with_the_email_head_in_email() {
    let request =
        "Your parcel is held until you pay the £1.99 fee at https://parcel-fee.example/pay";
    let pattern = "an unknown sender asks for money or a login through a link";
    let text = analyse("pasted.txt", request);
    assert!(
        text.reasons.iter().any(|r| r == pattern),
        "{:?}",
        text.reasons
    );
    let email = |from: &str, subject: &str, body: &str| {
        format!("From: {from}\nTo: sam@example.org\nSubject: {subject}\n\n{body}\n")
    };
    let rules_only = analyse(
        "mail.eml",
        &email("shop@retailer.example", "Order", request),
    );
    assert!(
        rules_only
            .findings
            .iter()
            .any(|f| f.tactic.id() == "payment"),
        "{:?}",
        rules_only.findings
    );
    assert_no_playbook(&rules_only, pattern);
    assert!(rules_only.rule_score < 0.7, "{}", rules_only.rule_score);
    assert_eq!(rules_only.rule_score_if_classifier_agrees, Some(0.75));

    let detector = lurewatch_detect::Detector::standard("GB").unwrap();
    let phish = detector.analyze(&first_conversation(
        "phish.eml",
        &email(
            "\"Royal Mail\" <noreply@rm-parcels.example>",
            "Your parcel is on hold",
            "Dear customer, your parcel could not be delivered because of an unpaid shipping fee of 1.99 GBP. \
             Please pay the fee at https://rm-redelivery.example/pay or it will be returned to the sender.",
        ),
    ));
    assert_eq!(
        phish.verdict,
        lurewatch_core::Verdict::High,
        "{:?}",
        phish.reasons
    );
    assert!(
        phish.reasons.iter().any(|r| r == pattern),
        "{:?}",
        phish.reasons
    );
    // A club asking its members for their fee: the same findings, but the head is not
    // convinced, so the pattern does not count.
    let club = detector.analyze(&first_conversation(
        "club.eml",
        &email(
            "\"Hilltop Running Club\" <secretary@hilltop-rc.example>",
            "Membership renewal 2027",
            "Hi all, membership for 2027 is now open. Please pay the fee of 20 pounds at \
             https://hilltop-rc.example/join before the AGM on 14 January. Thanks, Jo (club secretary)",
        ),
    ));
    assert!(
        club.findings.iter().any(|f| f.tactic.id() == "payment"),
        "{:?}",
        club.findings
    );
    assert!(
        club.verdict < lurewatch_core::Verdict::Medium,
        "{:?}",
        club.reasons
    );
    assert_no_playbook(&club, pattern);
}
