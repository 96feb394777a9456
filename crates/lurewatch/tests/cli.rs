//! The `lurewatch` binary end to end: the bundled examples, the JSON contract, exit codes and
//! every kind of bad input a reporter might hand over.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::{indicator_pairs, lurewatch, root};
use std::process::{Command, Output, Stdio};

fn lurewatch_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lurewatch"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp_file(name: &str, bytes: &[u8]) -> (tempdir::Dir, PathBuf) {
    let dir = tempdir::Dir::new();
    let path = dir.path.join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// A scratch folder removed on drop, without another dependency.
mod tempdir {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static NEXT: AtomicUsize = AtomicUsize::new(0);

    pub struct Dir {
        pub path: PathBuf,
    }

    impl Dir {
        pub fn new() -> Dir {
            let n = NEXT.fetch_add(1, Ordering::SeqCst);
            let path =
                std::env::temp_dir().join(format!("lurewatch-cli-{}-{n}", std::process::id()));
            std::fs::create_dir_all(&path).unwrap();
            Dir { path }
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[test]
fn examples_json_matches_snapshots() {
    let mut examples: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    examples.sort();
    assert!(examples.len() >= 7);
    for path in examples {
        let relative = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let output = lurewatch(&["scan", "--format", "json", &relative]);
        assert!(output.status.success(), "{relative}: {}", stderr(&output));
        let value = &json_lines(&output)[0];
        let name = path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace([' ', '+'], "_");
        insta::assert_json_snapshot!(name, value);
    }
}

#[test]
fn honeytrap_example_text_report() {
    let output = lurewatch(&["scan", "examples/WhatsApp Chat with +44 7700 900123.zip"]);
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn a_request_no_rule_names_is_pointed_at_by_the_message_head() {
    // A stranger's questions about the target's work, in words no elicitation rule has.
    let chat = "12/03/2024, 10:00 - +44 7700 900555: Hello Priya, I am a journalist writing about renewable energy projects in local government.\n\
                12/03/2024, 10:01 - Priya: Hi, happy to help where I can.\n\
                12/03/2024, 10:02 - +44 7700 900555: Wonderful. Could you give me an overview of the projects your team is leading at the council, and which databases and software tools you use day to day?\n\
                12/03/2024, 10:03 - Priya: I would need to check with our press office.\n";
    let (_dir, path) = temp_file("WhatsApp Chat with +44 7700 900555.txt", chat.as_bytes());
    let path = path.to_str().unwrap();
    let json = json_lines(&lurewatch(&["scan", "--format", "json", path]));
    let learned: Vec<&serde_json::Value> = json[0]["tactics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["rule"] == "model.asks-for-information")
        .collect();
    assert_eq!(learned.len(), 1, "{json:?}");
    assert_eq!(learned[0]["id"], "elicitation");
    assert_eq!(learned[0]["message"], 2);
    assert!(
        learned[0]["evidence"]
            .as_str()
            .unwrap()
            .starts_with("Could you give me an overview of the projects")
    );
    let text = String::from_utf8(lurewatch(&["scan", path]).stdout).unwrap();
    assert!(
        text.contains("(asks for contacts or information, read by the trained model)"),
        "{text}"
    );
}

#[test]
fn a_text_the_classifier_raises_names_the_words_that_weigh_most() {
    // No rule but unknown-sender fires here; the verdict is the trained model's, and its
    // reason quotes the words that pulled it there, as written.
    let text = "Your Netflix membership is on hold. Please update your payment details to continue watching: netflix-billing-help.com";
    let json = scan_json_of(text);
    assert_eq!(json[0]["verdict"], "medium", "{json:?}");
    let reasons: Vec<&str> = json[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    let raised = reasons
        .iter()
        .find(|r| r.starts_with("its wording is like that of known scams"))
        .unwrap_or_else(|| panic!("{reasons:?}"));
    let (_, words) = raised
        .split_once("; the words that weigh most: ")
        .unwrap_or_else(|| panic!("{raised}"));
    let quoted: Vec<&str> = words.split(", ").map(|w| w.trim_matches('"')).collect();
    assert!(!quoted.is_empty() && quoted.len() <= 3, "{raised}");
    assert!(quoted.iter().all(|w| text.contains(w)), "{raised}");
}

/// What `scan --format json -` prints for `input` on standard input, one value per report.
fn scan_json_of(input: &str) -> Vec<serde_json::Value> {
    json_lines(&lurewatch_stdin(
        &["scan", "--format", "json", "-"],
        input.as_bytes(),
    ))
}

/// The tactics `scan` finds in one pasted text, unknown-sender aside.
fn tactics_of_text(text: &str) -> Vec<String> {
    let json = scan_json_of(text);
    json[0]["tactics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["id"].as_str())
        .filter(|id| *id != "unknown-sender")
        .map(str::to_owned)
        .collect()
}

/// Asserts that one report of `scan --format json` lists each of `names` among its tactics,
/// as a tactic id (`secrecy`) or a rule id (`secrecy.keep-it-secret`).
fn assert_names(report: &serde_json::Value, names: &[&str]) {
    let listed: Vec<&str> = report["tactics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| [t["id"].as_str(), t["rule"].as_str()])
        .flatten()
        .collect();
    for name in names {
        assert!(listed.contains(name), "{name} missing: {report}");
    }
}

#[test]
fn a_code_texts_own_warning_is_not_an_account_takeover_attempt() {
    // Every one-time-code text ends with the words the credential rule looks for, turned
    // into advice; it was reported as "an unknown sender asks for a code or login".
    assert_eq!(
        tactics_of_text("Your Uber code is 5521. Never share this code."),
        Vec::<String>::new()
    );
    assert_eq!(
        tactics_of_text("Don't send money to anyone you haven't met in person."),
        Vec::<String>::new()
    );
    // A code that arrived unasked is how an account takeover starts: the advice says what
    // to do whichever it was, since the words are the service's own either way.
    for text in [
        "Your Microsoft account security code is 482913",
        "Your Uber code is 5521. Never share this code.",
    ] {
        let advice = scan_json_of(text)[0]["advice"].to_string();
        assert!(advice.contains("one-time sign-in code"), "{text}: {advice}");
    }
    assert!(
        !scan_json_of("Call me on 07700 900123 about the code review")[0]["advice"]
            .to_string()
            .contains("one-time")
    );
    // The request itself, and a threat put as a condition, still count.
    assert_eq!(
        tactics_of_text("Hi, I sent you a code by mistake. Can you send me the code?"),
        vec!["credential-lure"]
    );
    assert!(
        tactics_of_text("If you don't send me 500 pounds by tonight, everyone sees the video")
            .contains(&"payment".to_owned())
    );
}

#[test]
fn a_new_phone_is_a_claim_only_when_this_number_is_to_be_kept() {
    // "New phone, save this number" from a stranger is the "Hi Mum" move under a colleague's
    // name; a new phone as news is not.
    assert!(
        tactics_of_text("Hi it's Tom from the whips office, new phone so save this number")
            .contains(&"impersonation".to_owned())
    );
    assert!(
        !tactics_of_text("Got a new phone, it's amazing, the camera is so good")
            .contains(&"impersonation".to_owned())
    );
}

#[test]
fn a_busy_boss_asking_for_gift_cards_is_an_impersonation_scam() {
    // The chief-of-staff gift-card fraud was low: a payment word and nothing else named.
    let text = "I need you to buy 4 Amazon gift cards for a client, I'm in a meeting. \
                Send me the codes. Thanks, Sarah (Chief of Staff)";
    let tactics = tactics_of_text(text);
    assert!(tactics.contains(&"impersonation".to_owned()), "{tactics:?}");
    assert!(tactics.contains(&"payment".to_owned()), "{tactics:?}");
    assert_eq!(scan_json_of(text)[0]["verdict"], "high");
}

#[test]
fn a_dating_match_who_asks_about_the_committee_then_for_colleagues_numbers_is_high() {
    // The request was phrased "a couple of their numbers", which no pattern read, so the
    // chat was low; the question about the committee was not named either.
    let chat = "[06/03/2024, 23:10:02] +44 7700 900777: hi handsome, we matched on Hinge but I don't use the app much. Easier here x
[06/03/2024, 23:12:30] Alex Morgan: Hi! Sorry who is this?
[06/03/2024, 23:13:11] +44 7700 900777: Charlie 😊 I work in PR, do you still work with the transport committee?
[07/03/2024, 23:20:00] +44 7700 900777: I'd love to meet some of your colleagues, could you send me a couple of their numbers? x
";
    let json = scan_json_of(chat);
    assert_eq!(json[0]["format"], "whatsapp");
    assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    assert_names(&json[0], &["romance", "personal-research", "elicitation"]);
}

#[test]
fn a_link_dressed_as_a_brand_is_named_in_the_evidence_and_the_advice() {
    let text = "Your Royal Mail parcel is awaiting a £1.45 redelivery fee. Pay here: royalmail-redeliver.com";
    let json = scan_json_of(text);
    let dressed = json[0]["tactics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["rule"] == "impersonation.link-dressed-as-brand")
        .unwrap_or_else(|| panic!("no dressed link in {}", json[0]));
    assert_eq!(dressed["evidence"], "royalmail-redeliver.com");
    assert_eq!(json[0]["verdict"], "high");
    let advice = json[0]["advice"].to_string();
    assert!(
        advice.contains("The link royalmail-redeliver.com"),
        "{advice}"
    );
    // Royal Mail's own site is not dressed, whatever the text says.
    let own = "Royal Mail: your parcel will be delivered today between 10:00 and 12:00. Track at royalmail.com/track";
    let json = scan_json_of(own);
    assert!(
        !json[0]["tactics"]
            .to_string()
            .contains("link-dressed-as-brand"),
        "{}",
        json[0]
    );
}

#[test]
fn a_help_desk_call_back_that_wants_the_password_ready_is_high() {
    // Vishing by text: the call itself asks for the password, so the text only says "have
    // it ready". It was medium on the classifier's word alone, with no credential named.
    let text = "Hello, this is the IT service desk. We noticed unusual sign-in activity on your \
                parliamentary account. Please call us back on 020 7946 0123 and have your \
                password ready so we can verify you.";
    let json = scan_json_of(text);
    assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    assert!(
        json[0]["tactics"].to_string().contains("password ready"),
        "{}",
        json[0]
    );
}

#[test]
fn a_stranger_buying_briefings_on_internal_discussions_is_high() {
    // The fake consultancy's approach to officials: paid insight, confidential matter,
    // discretion promised. It was low: only "cryptocurrency" was named.
    let text = "Dear Sir, our think tank would like to commission you for a paid briefing on \
                the committee's internal discussions about the trade bill. Discretion is \
                guaranteed. We can pay in cryptocurrency if you prefer.";
    let json = scan_json_of(text);
    assert_names(&json[0], &["offer-lure", "elicitation", "secrecy"]);
    assert_eq!(json[0]["verdict"], "high");
}

#[test]
fn a_minister_on_a_personal_phone_asking_for_a_draft_report_is_high() {
    // A title signing in, the office phone "monitored", a draft asked for: none of the three
    // was named, and the text was low.
    let text = "Minister here. Using my personal phone, the office one is being monitored. \
                Can you send me the draft of the committee report tonight?";
    let json = scan_json_of(text);
    assert_names(&json[0], &["impersonation", "secrecy", "elicitation"]);
    assert_eq!(json[0]["verdict"], "high");
}

#[test]
fn a_new_number_then_a_favour_from_a_stranger_is_at_least_medium() {
    // The "Hi Mum" script's first two lines without the "Mum": it was low.
    let text = "Hi it's Mark from the whips' office, new phone. Can you send me Jane's mobile? \
                Need it urgently";
    let json = scan_json_of(text);
    assert_eq!(json[0]["verdict"], "medium", "{}", json[0]);
    assert_names(&json[0], &["impersonation.new-number"]);
}

#[test]
fn a_share_notice_from_a_dressed_sender_is_medium_and_the_real_one_is_not_a_credential_lure() {
    // Both say "sign in with your work … to view"; only the sender tells them apart. The copy
    // was low: the e-mail head doubted it, and the dressed sender had no floor.
    let copied = "From: Dropbox <no-reply@dropbox-sharing-files.net>\r\n\
                  To: alex.morgan@parliament.example\r\n\
                  Subject: Jane Whitfield shared \"Committee draft v3.pdf\" with you\r\n\r\n\
                  Jane Whitfield has shared a file with you.\r\n\r\nCommittee draft v3.pdf\r\n\r\n\
                  View file: https://dropbox-sharing-files.net/s/view?id=83749\r\n\r\n\
                  Sign in with your work email to view.\r\n";
    let json = scan_json_of(copied);
    assert_eq!(json[0]["format"], "eml", "{}", json[0]);
    assert_eq!(json[0]["verdict"], "medium", "{}", json[0]);
    assert_names(&json[0], &["impersonation.link-dressed-as-brand"]);
    let genuine = "From: \"Jane Whitfield (via SharePoint Online)\" <no-reply@sharepointonline.com>\r\n\
                   To: alex.morgan@parliament.example\r\n\
                   Subject: Jane Whitfield shared \"Committee draft v3.docx\" with you\r\n\r\n\
                   Jane Whitfield shared a file with you.\r\n\r\n\
                   Open: https://parliament.sharepoint.com/:w:/s/committee/EaB3\r\n\r\n\
                   This link only works for the direct recipients of this message. \
                   Sign in with your work account to view.\r\n";
    // The notice with its link after the sign-in was high (a sign-in before a link): it sends
    // from and links to Microsoft's own domains, which a copy cannot both do.
    let link_last = "From: \"SharePoint Online\" <no-reply@sharepointonline.com>\r\n\
                     To: alex.morgan@parliament.example\r\n\
                     Subject: Jane Whitfield shared \"Committee draft\" with you\r\n\r\n\
                     Jane Whitfield shared a file with you. This link only works for the direct \
                     recipients of this message. Sign in with your work account to view.\r\n\
                     https://parliament.sharepoint.com/:w:/r/sites/committee/draft\r\n";
    for genuine in [genuine, link_last] {
        let json = scan_json_of(genuine);
        assert_ne!(json[0]["verdict"], "high", "{}", json[0]);
        assert!(
            !json[0]["tactics"].to_string().contains("credential-lure"),
            "{}",
            json[0]
        );
    }
}

#[test]
fn an_organisations_own_notice_is_not_raised_by_its_wording_and_its_copies_are() {
    // The parliament's own digital service to a member, from and linking to parliament.uk:
    // medium on the e-mail head alone, whose ham had no such notices.
    let notice = |from: &str, link: &str| {
        format!(
            "From: \"Digital Service\" <{from}>\r\nTo: alex.morgan@parliament.uk\r\n\
             Subject: New expenses system\r\n\r\nThe new expenses system goes live on Monday. \
             Sign in with your parliamentary account to view your claims: {link}\r\n"
        )
    };
    let own = scan_json_of(&notice(
        "digital.service@parliament.uk",
        "https://expenses.parliament.uk",
    ));
    assert_eq!(own[0]["verdict"], "none", "{}", own[0]);
    assert!(
        own[0]["reasons"].to_string().contains("own organisation"),
        "{}",
        own[0]
    );
    for (from, link) in [
        (
            "digital.service@parliament-services.co",
            "https://expenses.parliament.uk",
        ),
        (
            "digital.service@parliament.uk",
            "https://expenses-parliament.co/login",
        ),
    ] {
        let copy = scan_json_of(&notice(from, link));
        assert_ne!(copy[0]["verdict"], "none", "{from} {link}: {}", copy[0]);
    }
}

#[test]
fn a_personal_address_asking_for_a_work_sign_in_is_high() {
    // The fake producer writing from Gmail was none: the words are SharePoint's own, and
    // the name shown claims no brand. Only an organisation asks for its own sign-in, and it
    // sends from its own domain.
    let producer = "From: \"Sarah Lyons\" <sarah.lyons.bbc@gmail.com>\r\n\
                    To: alex.morgan@parliament.example\r\n\
                    Subject: Interview request - Newsnight\r\n\r\n\
                    Dear Mr Morgan,\r\n\r\nI am a producer at BBC Newsnight. We are preparing a \
                    segment on the defence procurement inquiry and would value your view. The \
                    questions are in the document below, please sign in with your parliamentary \
                    account to view them:\r\nhttps://docs-sharepoint-viewer.com/newsnight/q\r\n";
    let json = scan_json_of(producer);
    assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    assert_names(&json[0], &["credential-lure.work-login-from-free-mail"]);
    // A relative's Gmail asking for a personal sign-in, and the same request from the
    // organisation's own domain, are not that rule's.
    let relative = "From: \"Mum\" <jean.morgan52@gmail.com>\r\n\
                    To: alex.morgan@parliament.example\r\n\
                    Subject: Photos from Sunday\r\n\r\n\
                    Hi love, I put the photos in an album. You might need to sign in with your \
                    Google account to see them.\r\n";
    let internal = "From: \"Digital Service\" <digital.service@parliament.example>\r\n\
                    To: alex.morgan@parliament.example\r\n\
                    Subject: New expenses system\r\n\r\n\
                    The new expenses system goes live on Monday. Sign in with your \
                    parliamentary account to view your claims.\r\n";
    for benign in [relative, internal] {
        let json = scan_json_of(benign);
        assert!(
            !json[0]["tactics"]
                .to_string()
                .contains("work-login-from-free-mail"),
            "{}",
            json[0]
        );
    }
}

#[test]
fn business_email_fraud_is_named_and_a_suppliers_invoice_is_not() {
    let email = |from: &str, subject: &str, body: &str| {
        format!("From: {from}\r\nTo: finance@ngo.example\r\nSubject: {subject}\r\n\r\n{body}\r\n")
    };
    // A supplier's bank details "changed": none of it was named (medium on the e-mail head
    // alone), and the account number beside "Sort code" got the one-time-code advice.
    let redirect = email(
        "\"Accounts - Brightline Print\" <accounts@brightline-print.co>",
        "Change of bank details",
        "Dear Finance team,\r\n\r\nPlease note that our bank details have changed. All \
         future payments, including invoice 4471 due this week, should be made to our new \
         account:\r\nSort code 20-44-91, Account 83726154.\r\n\r\nKind regards,\r\nAccounts",
    );
    let json = scan_json_of(&redirect);
    assert_eq!(json[0]["verdict"], "medium", "{}", json[0]);
    assert_names(&json[0], &["payment.changed-bank-details"]);
    let advice = json[0]["advice"].to_string();
    assert!(advice.contains("a number you already had"), "{advice}");
    assert!(!advice.contains("one-time sign-in code"), "{advice}");
    // The chief executive at a desk with an urgent transfer (low), the secret acquisition
    // (none), payroll redirected (none) and every employee's P60 (none).
    for (body, verdict, names) in [
        (
            "Hi, are you at your desk? I need you to process an urgent wire transfer of \
             £24,500 to a new supplier today. I am in meetings all day so email only. Mark",
            "high",
            &[
                "impersonation.busy-and-needs-a-favour",
                "payment.money-request",
            ][..],
        ),
        (
            "I am working on a confidential acquisition and need your help. Please do not \
             discuss this with anyone in the office. Can you arrange a payment of $48,000 \
             today? I will send the wiring instructions.",
            "high",
            &["secrecy.keep-it-secret", "payment.money-request"][..],
        ),
        (
            "Hi, I have changed banks. Can you update my direct deposit details before this \
             month's payroll? I will send you the new account number. Thanks, Jane",
            "medium",
            &["payment.changed-bank-details"][..],
        ),
        (
            "Hello, I need the P60s for all staff for an audit. Please send them as PDFs by \
             end of day.",
            "medium",
            &["elicitation.contacts-and-internal-info"][..],
        ),
    ] {
        let json = scan_json_of(&email(
            "\"Mark Evans\" <mark.evans.ceo@gmail.com>",
            "Today",
            body,
        ));
        assert_eq!(json[0]["verdict"], verdict, "{}", json[0]);
        assert_names(&json[0], names);
    }
    // The supplier's real invoice, to the account on file.
    let invoice = email(
        "\"Brightline Print\" <accounts@brightline-print.co.uk>",
        "Invoice 4471",
        "Dear Finance team, please find attached invoice 4471 for the leaflets, payable within \
         30 days to the account on file. Kind regards, Accounts",
    );
    assert_eq!(scan_json_of(&invoice)[0]["verdict"], "none");
}

#[test]
fn a_researcher_paying_for_the_committees_thinking_by_email_is_high() {
    let eml = "From: \"Sophie Laurent\" <sophie.laurent.research@gmail.com>\r\n\
               To: alex.morgan@parliament.example\r\n\
               Subject: Research collaboration\r\n\r\n\
               Hello Alex,\r\n\r\nI'm a researcher at a European policy institute and a great \
               admirer of your work on the defence committee. We would pay well for occasional \
               insights into how the committee is approaching the procurement review. \
               Everything would remain strictly confidential.\r\n\r\n\
               Could we continue on Signal? My number is +44 7700 900555.\r\n";
    let json = scan_json_of(eml);
    assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    assert_names(
        &json[0],
        &[
            "offer-lure",
            "elicitation",
            "secrecy",
            "personal-research",
            "channel-switch",
        ],
    );
}

#[test]
fn a_court_claim_with_a_deadline_and_a_lookalike_link_is_high() {
    // The court's voice was named by nothing ("judgment will be entered against you"), and
    // "before 5pm today" reached the rules as "before spm today" (leet folding): none.
    let text = "You have been named in a High Court claim. View the documents before 5pm today \
                or judgment will be entered against you: https://hmcts-docs.co/claim/88213";
    let json = scan_json_of(text);
    assert_names(
        &json[0],
        &[
            "threat.legal-action",
            "pressure.urgency",
            "impersonation.link-dressed-as-brand",
        ],
    );
    assert_eq!(json[0]["verdict"], "high");
    // Its advice is the authority's, not the blackmail victim's.
    let advice = json[0]["advice"].to_string();
    assert!(advice.contains("don't announce arrests"), "{advice}");
    assert!(!advice.contains("StopNCII"), "{advice}");
}

#[test]
fn a_device_code_a_qr_code_or_an_app_password_is_an_account_takeover_with_its_own_advice() {
    // Each asked for no password and was none or medium; a changed password would not have
    // undone any of them, so the advice is the linked-device check, not the password one.
    for text in [
        "Hello, this is the Microsoft Teams meeting for the committee briefing. Please go to \
         microsoft.com/devicelogin and enter the code FQ7X-2KLM to join.",
        "Please scan the QR code I sent to join our Signal group for the delegation.",
        "Dear Minister, to access the State Department's secure portal please create an \
         app-specific password in your Google account and send it to us.",
    ] {
        let json = scan_json_of(text);
        assert_names(&json[0], &["credential-lure.device-link"]);
        assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
        let advice = json[0]["advice"].to_string();
        assert!(advice.contains("Linked devices"), "{advice}");
        assert!(!advice.contains("change the password now"), "{advice}");
    }
    // A code asked for after it is named, a code to send "us", a QR code to sign in by: no
    // rule read any of them.
    for text in [
        "Your Microsoft 365 multi-factor authentication expires today. Scan the QR code below \
         with your phone to re-authenticate and keep access to your mailbox.",
        "Hi, I'm adding you to the WhatsApp group for the conference. You'll get a 6-digit code \
         by SMS, can you send it to me so I can add you?",
        "Hi, this is Signal Support. We detected an unauthorised login attempt on your account. \
         Please send us the PIN you just received to secure your account.",
    ] {
        let json = scan_json_of(text);
        assert_names(&json[0], &["credential-lure.code-or-login"]);
        assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    }
    for look_alike in [
        "Can you scan the QR code on the door to check in to the event?",
        "Scan the QR code on the menu to order and pay at your table.",
    ] {
        assert!(!tactics_of_text(look_alike).contains(&"credential-lure".to_owned()));
    }
}

#[test]
fn a_stranger_from_the_whips_office_asking_for_members_numbers_today_is_high() {
    // The office's claim and "need them today" were not read: medium on the request alone.
    let text = "Hi it's Sarah from the Chief Whip's office, can you send me the personal mobile \
                numbers of the members on your committee? Need them today.";
    let json = scan_json_of(text);
    assert_names(
        &json[0],
        &[
            "impersonation.known-person-or-organisation",
            "elicitation.contacts-and-internal-info",
            "pressure.urgency",
        ],
    );
    assert_eq!(json[0]["verdict"], "high");
}

#[test]
fn an_extortion_threat_is_named_however_it_is_put_and_friends_plans_are_not() {
    // Both were read as a demand without its threat (payment, pressure): medium and low.
    for text in [
        "I recorded our video call. Pay £2,000 in bitcoin within 24 hours or I send it to \
         everyone in your contacts.",
        "If you don't pay, I'll send the screenshots of our chat to your wife and to the \
         press. You have until Friday.",
    ] {
        let json = scan_json_of(text);
        assert_names(&json[0], &["threat.blackmail"]);
        assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    }
    // NUS ham that the old "unless you … see/send" pattern made high.
    for text in [
        "Also that chat was awesome but don't make it regular unless you can see her in person",
        "getting everyone tea unless you send what you want",
    ] {
        assert!(
            !tactics_of_text(text).contains(&"threat".to_owned()),
            "{text}"
        );
    }
}

#[test]
fn a_secret_call_with_the_minister_on_a_lookalike_zoom_link_is_high() {
    // "Nobody else needs to know" was missed for its "else", and Zoom was no brand: none.
    let text = "The minister asked me to get in touch. She'd like a quick call on Zoom today, \
                nobody else needs to know. Here's the link: https://zoom-meet.live/j/8812";
    let json = scan_json_of(text);
    assert_names(&json[0], &["secrecy", "impersonation"]);
    assert_eq!(json[0]["verdict"], "high");
}

#[test]
fn a_fake_police_officers_safe_account_chat_names_the_officer_the_account_and_the_threat() {
    // It was high on secrecy and the arrest alone; the officer's claim and the money's move
    // were not named, and those are what the reporter needs to hear.
    let chat = "[03/03/2024, 21:10:02] +44 7700 900311: Hi, sorry to bother you. This is DC \
                Harris from the Metropolitan Police fraud unit.\n\
                [03/03/2024, 21:11:30] Sam Jones: What? Is this real?\n\
                [03/03/2024, 21:13:01] +44 7700 900311: We need you to move your savings to a \
                safe account we have set up.\n\
                [03/03/2024, 21:13:40] +44 7700 900311: If you don't cooperate you could be \
                arrested as an accomplice.\n";
    let json = scan_json_of(chat);
    assert_names(
        &json[0],
        &[
            "impersonation.known-person-or-organisation",
            "payment.money-request",
            "threat.legal-action",
        ],
    );
    assert_eq!(json[0]["verdict"], "high");
}

#[test]
fn a_stranger_moving_the_chat_to_another_number_is_a_channel_switch() {
    let tactics = tactics_of_text(
        "Anyway I'm switching numbers, message me here from now on: +44 7700 900314",
    );
    assert!(
        tactics.contains(&"channel-switch".to_owned()),
        "{tactics:?}"
    );
    assert!(
        !tactics_of_text("Message me here when you land").contains(&"channel-switch".to_owned())
    );
    // The new number's claim put last was low: a move, but no one claimed to be known.
    let json = scan_json_of("Message me on this number from now on, my old phone broke");
    assert_names(&json[0], &["channel-switch", "impersonation.new-number"]);
    assert_eq!(json[0]["verdict"], "high");
}

#[test]
fn approaches_to_officials_name_their_tactic() {
    // Each was none: the fake producer's form behind a BBC look-alike, the paid trip, the
    // headhunter's few hours, the push to approve, the threat put as a deadline.
    for (text, rule) in [
        (
            "Hi, I'm a producer at BBC Newsnight, we'd love to have you on tonight. Could you \
             fill in your details here first: https://bbc-guest-booking.com/form",
            "impersonation.link-dressed-as-brand",
        ),
        (
            "Greetings from the embassy's cultural office. We would like to invite you on an \
             all-expenses-paid trip to Beijing for parliamentarians, with your family.",
            "offer-lure.too-good-to-be-true",
        ),
        (
            "I'm a headhunter for a defence firm. Your experience on the committee would be \
             worth £10k a month for a few hours' advice",
            "offer-lure.too-good-to-be-true",
        ),
        (
            "Please approve the login request on your phone, it's IT testing the new system",
            "credential-lure.code-or-login",
        ),
        (
            "I know what you did in Brussels. I have the photos. Let's talk before this gets to \
             your party.",
            "threat.blackmail",
        ),
    ] {
        assert_names(&scan_json_of(text)[0], &[rule]);
    }
    // The prompt's own words ask nobody to approve anything.
    assert!(
        !scan_json_of("Approve the sign-in request in Authenticator to continue")[0]["tactics"]
            .to_string()
            .contains("credential-lure")
    );
}

#[test]
fn disappearing_media_from_a_stranger_is_a_sexual_lure() {
    assert_eq!(
        tactics_of_text("I sent you something, open it before it disappears 😉"),
        vec!["sexual-lure"]
    );
    assert_eq!(
        scan_json_of("I sent you something, open it before it disappears 😉")[0]["verdict"],
        "medium"
    );
}

#[test]
fn the_campaigns_blackmail_and_bait_are_named_as_put_in_a_probe() {
    // Each was none or a demand without its threat (2026-12-04 probe round): the 2024
    // campaign's own ask, a threat left unsaid, the video sent to the contact list.
    for (text, names) in [
        (
            "Send me the numbers of three colleagues on the committee or the pictures go to \
             your wife",
            &["threat.blackmail", "elicitation.contacts-and-internal-info"][..],
        ),
        (
            "I have pictures you wouldn't want your constituents to see",
            &["threat.blackmail"],
        ),
        (
            "Pay £500 in bitcoin or the video goes to everyone on your contact list",
            &["threat.blackmail", "payment"],
        ),
    ] {
        let json = scan_json_of(text);
        assert_names(&json[0], names);
        assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    }
    for text in [
        "Hey, send me one of you now, I showed you mine 😉",
        "Here's my pic 😘 now send me one of you",
        "Did you get my photo? it disappears after you open it x",
    ] {
        let json = scan_json_of(text);
        assert_names(&json[0], &["sexual-lure.explicit-offer"]);
        assert_eq!(json[0]["verdict"], "medium", "{}", json[0]);
    }
    // The investment scam's stake, asked for as "put in".
    assert_names(
        &scan_json_of("Just download the app and put in £1,000 to start, I will guide you")[0],
        &["payment.money-request"],
    );
    // The second probe's paraphrases: the threat without its words, the price, the ask.
    for (text, rule) in [
        ("If you block me, I post everything", "threat.blackmail"),
        (
            "I've screenshotted everything. Your choice.",
            "threat.blackmail",
        ),
        (
            "How much would it be worth to you for these photos to disappear?",
            "threat.blackmail",
        ),
        (
            "Just give me a few numbers of people in your party and we're done",
            "elicitation.contacts-and-internal-info",
        ),
        (
            "Can you get me a copy of the committee's draft report? I'll make it worth your while",
            "offer-lure.too-good-to-be-true",
        ),
        (
            "I've got a little surprise for you but it only plays once",
            "sexual-lure.explicit-offer",
        ),
    ] {
        assert_names(&scan_json_of(text)[0], &[rule]);
    }
    // A dinner that cuts the target off from the people who would take notes.
    assert_names(
        &scan_json_of(
            "The ambassador would love to host you for a private dinner at the residence, just \
             the two of you, no staff",
        )[0],
        &["secrecy.keep-it-secret"],
    );
    // The look-alikes the new patterns were narrowed on.
    for text in [
        "Just the two of us tonight, no kids!",
        "I've recorded everything from the hearing, up to you if you want the file",
        "Don't make me send the reminder again, the forms are due Friday",
        "Turn off sync or the photos go to your old laptop as well",
        "There are photos from the stag do you don't want your mum to see haha",
        "Send me one of your photos from the wedding when you get a chance",
        "Can you send me a pic of you? It's for the conference badge",
    ] {
        let tactics = tactics_of_text(text);
        assert!(
            ["threat", "sexual-lure", "secrecy"]
                .iter()
                .all(|tactic| !tactics.contains(&(*tactic).to_owned())),
            "{text}: {tactics:?}"
        );
    }
}

#[test]
fn json_contract_fields_and_verdicts() {
    let output = lurewatch(&["scan", "--format", "json", "examples/"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let reports = json_lines(&output);
    assert_eq!(reports.len(), 7, "one line per file in the folder");
    for report in &reports {
        for field in [
            "file",
            "format",
            "verdict",
            "score",
            "tactics",
            "indicators",
            "messages",
            "advice",
        ] {
            assert!(report.get(field).is_some(), "missing {field} in {report}");
        }
        for tactic in report["tactics"].as_array().unwrap() {
            assert!(
                tactic["id"].is_string()
                    && tactic["message"].is_u64()
                    && tactic["evidence"].is_string()
            );
        }
        let score = report["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
    let report = |needle: &str| {
        reports
            .iter()
            .find(|r| r["file"].as_str().unwrap().contains(needle))
            .unwrap()
    };
    let verdict = |needle: &str| report(needle)["verdict"].as_str().unwrap().to_owned();
    assert_eq!(verdict("900123"), "high");
    assert_eq!(verdict("Abi"), "high");
    assert_eq!(verdict("new-number"), "high");
    assert_eq!(verdict("parcel"), "high");
    assert!(["none", "low"].contains(&verdict("Jamie").as_str()));
    assert!(["none", "low"].contains(&verdict("Robin").as_str()));
    // The calibrated attack probability: high for the attacks, low for the look-alikes, and
    // never below for a higher score.
    let mut scored: Vec<(f64, f64)> = reports
        .iter()
        .map(|r| {
            let p = r["attack_probability"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&p), "{r}");
            (r["score"].as_f64().unwrap(), p)
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(
        scored.windows(2).all(|w| w[0].1 <= w[1].1),
        "not monotone in the score: {scored:?}"
    );
    let attack = |needle: &str| report(needle)["attack_probability"].as_f64().unwrap();
    assert!(attack("900123") >= 0.9 && attack("Robin") <= 0.2);
}

#[test]
fn the_text_report_gives_the_attack_probability_from_medium_up() {
    let attack = lurewatch(&["scan", "examples/sms-parcel-fee.txt"]);
    let text = String::from_utf8_lossy(&attack.stdout);
    assert!(text.contains("attack probability 99 %"), "{text}");
    let friend = lurewatch(&["scan", "examples/WhatsApp Chat with Robin.txt"]);
    let text = String::from_utf8_lossy(&friend.stdout);
    assert!(
        text.contains("Verdict:") && !text.contains("attack probability"),
        "{text}"
    );
}

#[test]
fn honeytrap_indicators_are_normalised() {
    let output = lurewatch(&[
        "scan",
        "--format",
        "json",
        "examples/WhatsApp Chat with +44 7700 900123.zip",
    ]);
    let report = &json_lines(&output)[0];
    let indicators = indicator_pairs(&report["indicators"]);
    for expected in [
        "phone=+447700900123",
        "persona=Charlie",
        "handle=t.me/charlie_h_x",
    ] {
        assert!(
            indicators.contains(&expected.to_owned()),
            "{expected} not in {indicators:?}"
        );
    }
    assert!(indicators.iter().any(|i| i.starts_with("media-sha256=")));
    assert_eq!(report["format"], "whatsapp");
    assert_eq!(report["media"]["hashed"], 1);
}

#[test]
fn indicators_written_to_dodge_filters_are_read_as_meant() {
    let output = lurewatch_stdin(
        &["scan", "--format", "json", "-"],
        "Hey! It's Сharlie, long time no speak. My new number is ＋４４ ７７００ ９００１２３, \
         or ring 07700 900124 2 times, or 077OO 9OO125. Pics at secure-login(dot)example(dot)com/v and \
         ｅｖｉｌ．ｃｏｍ/x. Or oh seven seven oh oh, nine double oh, one two six, or 07700_900_127"
            .as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let indicators = indicator_pairs(&json_lines(&output)[0]["indicators"]);
    for expected in [
        "persona=Charlie",
        "phone=+447700900123",
        "phone=+447700900124",
        "phone=+447700900125",
        "phone=+447700900126",
        "phone=+447700900127",
        "url=http://secure-login.example.com/v",
        "domain=evil.com",
    ] {
        assert!(
            indicators.contains(&expected.to_owned()),
            "{expected} not in {indicators:?}"
        );
    }
}

#[test]
fn stdin_is_read_with_dash() {
    let output = lurewatch_stdin(
        &["scan", "--format", "json", "-"],
        b"Hi Mum, this is my new number. Can you send me 300 pounds? It's urgent",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let report = &json_lines(&output)[0];
    assert_eq!(report["file"], "-");
    assert_eq!(report["format"], "text");
    assert_eq!(report["verdict"], "high");
}

#[test]
fn me_overrides_the_reporter_guess() {
    let chat = "01/02/2024, 10:00 - Alex: hello\n01/02/2024, 10:05 - Sam: are you single? x\n";
    let (_dir, path) = temp_file("chat.txt", chat.as_bytes());
    let path = path.to_str().unwrap();
    let guessed = json_lines(&lurewatch(&["scan", "--format", "json", path]));
    assert!(
        guessed[0]["tactics"].as_array().unwrap().is_empty(),
        "Sam is guessed as the reporter"
    );
    let told = json_lines(&lurewatch(&[
        "scan", "--format", "json", "--me", "Alex", path,
    ]));
    assert_eq!(told[0]["tactics"][0]["id"], "romance");
}

#[test]
fn utf16_export_with_bom_parses() {
    let text = "12/12/2023, 21:14 - +44 7700 900123: Long time no speak!\n12/12/2023, 21:15 - Sam: who is this?\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (_dir, path) = temp_file("utf16.txt", &bytes);
    let output = lurewatch(&["scan", "--format", "json", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output)[0]["format"], "whatsapp");
}

/// Each bad input gives one error line naming the file and the reason, exit code 1, and the
/// good file given after it is still scanned.
#[test]
fn bad_inputs_fail_alone_with_a_clear_reason() {
    let dir = tempdir::Dir::new();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let fixtures = root().join("crates/lurewatch/tests/fixtures");
    let fixture = |name: &str| fixtures.join(name).to_str().unwrap().to_owned();
    let cases: Vec<(String, Vec<&str>, &str)> = vec![
        (write("empty.txt", b""), vec![], "the file is empty"),
        (write("blank.txt", b"\n  \n"), vec![], "the file is empty"),
        (
            write("binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
            vec![],
            "binary data",
        ),
        (
            write("latin1.txt", b"12/12/2023, 21:14 - Ren\xe9: caf\xe9\n"),
            vec![],
            "not UTF-8 text: invalid byte at line 1",
        ),
        (
            write("odd-utf16.txt", b"\xff\xfeA"),
            vec![],
            "not valid UTF-16",
        ),
        (
            write("big.txt", &vec![b'a'; 4096]),
            vec!["--max-size", "1K"],
            "over the limit of 1024 bytes",
        ),
        (fixture("no-chat.zip"), vec![], "holds no chat file"),
        (
            fixture("truncated.zip"),
            vec![],
            "corrupt or unreadable zip",
        ),
        (
            fixture("bomb.zip"),
            vec!["--max-size", "1M"],
            "possible zip bomb",
        ),
        (
            dir.path.join("missing.txt").to_str().unwrap().to_owned(),
            vec![],
            "No such file",
        ),
    ];
    for (bad, flags, reason) in cases {
        let mut args = vec!["scan", "--format", "json"];
        args.extend(flags);
        args.push(&bad);
        args.push("examples/sms-parcel-fee.txt");
        let output = lurewatch(&args);
        assert_eq!(output.status.code(), Some(1), "{bad}");
        let err = stderr(&output);
        assert_eq!(err.lines().count(), 1, "{bad}: {err}");
        assert!(
            err.contains(&bad) && err.contains(reason),
            "{bad}: expected '{reason}' in {err}"
        );
        let reports = json_lines(&output);
        assert_eq!(reports.len(), 1, "{bad}: the good file is still scanned");
        assert_eq!(reports[0]["file"], "examples/sms-parcel-fee.txt");
    }
}

/// A zip of several exports: each is reported on its own line, the bad entries each get one
/// error line naming the entry, and the good ones are still analysed.
#[test]
fn zip_of_exports_reports_each_entry() {
    let output = lurewatch(&[
        "scan",
        "--format",
        "json",
        "crates/lurewatch/tests/fixtures/exports.zip",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let reports = json_lines(&output);
    let parts: Vec<(&str, &str)> = reports
        .iter()
        .map(|r| (r["part"].as_str().unwrap(), r["format"].as_str().unwrap()))
        .collect();
    assert_eq!(
        parts,
        vec![
            ("alice/WhatsApp Chat with +44 7700 900123.txt", "whatsapp"),
            ("bob/result.json", "telegram"),
            ("carol/sms.xml", "sms-xml"),
        ]
    );
    assert_eq!(
        reports[1]["verdict"], "high",
        "a threat tied to elicitation"
    );
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains("archive entry 'dave/empty.txt': the file is empty"),
        "{err}"
    );
    assert!(
        err.contains("archive entry 'erin/broken.json': invalid JSON at line 1"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(lurewatch(&["scan"]).status.code(), Some(2));
    assert_eq!(
        lurewatch(&["scan", "--format", "xml", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(lurewatch(&["frobnicate"]).status.code(), Some(2));
    let output = lurewatch(&["scan", "--region", "XX", "examples/sms-parcel-fee.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown region"));
}

#[test]
fn rules_test_passes_and_reports_counts() {
    let output = lurewatch(&["rules", "test"]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[test]
fn rules_list_names_each_rule_its_first_contact_floor_channels_and_own_advice() {
    let output = lurewatch(&["rules", "list"]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = |id: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} not listed: {stdout}"))
            .to_owned()
    };
    assert!(line("wrong-number.opener").ends_with("[first contact: at least medium]"));
    assert!(!line("threat.blackmail").contains("first contact"));
    assert!(line("credential-lure.click-or-update-link").ends_with("[messages only]"));
    assert!(!line("credential-lure.code-or-login").contains("only"));
    assert!(line("credential-lure.device-link").ends_with("[own advice]"));
    assert!(!line("credential-lure.code-or-login").contains("advice"));
}

#[test]
fn rules_test_fails_on_a_broken_rule_folder() {
    let dir = tempdir::Dir::new();
    std::fs::write(
        dir.path.join("threat.bad.toml"),
        "schema = 1\nid = 'threat.bad'\nname = 'n'\ntactic = 'threat'\ndescription = 'd'\nweight = 0.5\npatterns = ['never matches xyz']\n[examples]\npositive = ['a real threat']\nnegative = ['hello']\n",
    )
    .unwrap();
    let output = lurewatch(&["rules", "test", "--rules", dir.path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("FAIL threat.bad should fire on")
    );
}

#[test]
fn an_organisations_people_added_to_the_rules_name_a_sender_showing_them_from_elsewhere() {
    // As the README says: the built-in rules and the organisation's own file in one folder.
    let dir = tempdir::Dir::new();
    for folder in ["rules", "organisation-rules"] {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path.join(path.file_name().unwrap())).unwrap();
        }
    }
    let rules = dir.path.to_str().unwrap();
    let tested = lurewatch(&["rules", "test", "--rules", rules]);
    assert_eq!(tested.status.code(), Some(0), "{}", stderr(&tested));
    let scan = |email: &str| {
        json_lines(&lurewatch_stdin(
            &["scan", "--rules", rules, "--format", "json", "-"],
            email.as_bytes(),
        ))
    };
    let impostor = "From: \"Mark Evans\" <mark.evans.ceo@gmail.com>\r\nTo: finance@ngo.example\r\n\
                    Subject: Today\r\n\r\nCan you arrange a payment of £9,800 to a new \
                    supplier today? I'll explain later.\r\n";
    let json = scan(impostor);
    assert_eq!(json[0]["verdict"], "high", "{}", json[0]);
    assert_names(&json[0], &["impersonation.protected-person"]);
    let himself = impostor.replace("mark.evans.ceo@gmail.com", "mark.evans@ngo.example");
    let json = scan(&himself);
    assert!(
        !json[0]["tactics"].to_string().contains("protected-person"),
        "{}",
        json[0]
    );
    // Not built in: the same impostor with the built-in rules names no person.
    assert!(
        !scan_json_of(impostor)[0]["tactics"]
            .to_string()
            .contains("protected-person")
    );
}

#[test]
fn a_phishing_email_is_read_as_email_and_its_reporter_told_to_forward_it_as_an_attachment() {
    // Header names as real mail has them (an underscore), and an HTML body: once refused as
    // a broken SMS backup.
    let eml = "From: IT Service Desk <helpdesk@it-support-desk.example>\r\n\
        To: sam@parliament.example\r\n\
        Reply-To: verify@accounts-check.example\r\n\
        msip_labels: \r\n\
        Subject: Your mailbox will be closed today\r\n\
        Date: Tue, 12 Dec 2023 21:14:05 +0000\r\n\
        Content-Type: text/html; charset=utf-8\r\n\
        \r\n\
        <html><body><p>Your password expires today. Log in within 24 hours at \
        <a href=\"https://it-support-desk.example/login\">the portal</a> to keep your mailbox.</p></body></html>\r\n";
    let (_dir, path) = temp_file("mailbox.eml", eml.as_bytes());
    let output = lurewatch(&["scan", "--format", "json", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json = json_lines(&output);
    assert_eq!(json[0]["format"], "eml", "{json:?}");
    assert!(
        matches!(json[0]["verdict"].as_str(), Some("medium" | "high")),
        "{json:?}"
    );
    // The link's target, behind the words "the portal", is the indicator partners block.
    let indicators = json[0]["indicators"].as_array().unwrap();
    assert!(
        indicators
            .iter()
            .any(|i| i["kind"] == "url" && i["value"] == "https://it-support-desk.example/login"),
        "{indicators:?}"
    );
    let advice: Vec<&str> = json[0]["advice"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert!(
        advice.iter().any(|a| a.contains("Forward as attachment")),
        "{advice:?}"
    );
    assert!(
        !advice.iter().any(|a| a.contains("Export the chat")),
        "{advice:?}"
    );
    // A pasted text that quotes a little HTML is a text, not a broken SMS backup.
    let pasted = lurewatch_stdin(
        &["scan", "--format", "json", "-"],
        b"Your parcel is held. Pay the fee at <b>royalmail-fee.com</b> today",
    );
    assert!(pasted.status.success(), "{}", stderr(&pasted));
    assert_eq!(json_lines(&pasted)[0]["format"], "text");
    // So is a message pasted as its HTML source, refused as a broken SMS backup before.
    let source = lurewatch_stdin(
        &["scan", "--format", "json", "-"],
        b"<b>URGENT</b>: your parcel is held. <a href=\"https://royalmail-fee.example/pay\">Pay the fee</a> today",
    );
    assert!(source.status.success(), "{}", stderr(&source));
    let json = json_lines(&source);
    assert_eq!(json[0]["format"], "text");
    assert!(
        json[0]["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["value"] == "https://royalmail-fee.example/pay"),
        "{json:?}"
    );
}

#[test]
fn an_ordinary_newsletter_is_judged_as_email_not_as_a_text() {
    // The single-text head learnt ham from SMS and flags most e-mail (83 % of SpamAssassin's
    // ham); e-mail has a head of its own (docs/accuracy.md, "E-mail both ways"). The same
    // words pasted as a text are still judged as a text would be.
    let newsletter = "Dear member,\n\nOur bulb sale runs until Saturday. Members get 20% off \
        all tulips and daffodils.\nRead the winter pruning guide at \
        https://gardenclub.example/guides/pruning\n\nTo unsubscribe from this newsletter, visit \
        https://gardenclub.example/unsubscribe\n";
    let eml = format!(
        "From: Garden Club News <news@gardenclub.example>\r\nTo: sam@parliament.example\r\n\
         Subject: December newsletter\r\nDate: Tue, 12 Dec 2023 21:14:05 +0000\r\n\r\n{newsletter}"
    );
    let (_dir, path) = temp_file("newsletter.eml", eml.as_bytes());
    let output = lurewatch(&["scan", "--format", "json", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let email = &json_lines(&output)[0];
    assert_eq!(email["classifier"]["malicious"], false, "{email}");
    assert!(
        matches!(email["verdict"].as_str(), Some("none" | "low")),
        "{email}"
    );
    let pasted = lurewatch_stdin(&["scan", "--format", "json", "-"], newsletter.as_bytes());
    let text = &json_lines(&pasted)[0];
    assert_eq!(text["classifier"]["malicious"], true, "{text}");
}
