//! Plain, kind advice for the person who reported. People targeted this way are often
//! embarrassed and fear they are in trouble; the first job of the advice is to tell them what
//! to do next and that reporting was right.

use lurewatch_core::{Conversation, Format, Tactic};

use lurewatch_core::Verdict;

use crate::analysis::Finding;
use crate::rules::RuleSet;

/// `dressed_link` is the finding of a link dressed as a brand, if there is one: the advice
/// names the link, which is what the reporter can check for themselves. A finding whose rule
/// has advice of its own (`advice` in its file) gets that, not its tactic's.
pub(crate) fn advise(
    verdict: Verdict,
    findings: &[Finding],
    dressed_link: Option<&Finding>,
    conversation: &Conversation,
    rules: &RuleSet,
) -> Vec<String> {
    let own_advice = |f: &Finding| rules.advice_of(&f.rule);
    // Tactic-wide advice is for the findings that have none of their own.
    let has = |t: Tactic| {
        findings
            .iter()
            .any(|f| f.tactic == t && own_advice(f).is_none())
    };
    let mut advice = Vec::new();
    let code_notice = one_time_code_notice(conversation);
    if verdict == Verdict::None {
        // The message head points at a stranger's request even where the chat as a whole
        // reads as ordinary: that is worth a check, not an all-clear.
        let asked = findings.iter().any(|f| f.rule == crate::requests::RULE_ID);
        let sentence = if findings.is_empty() {
            "Nothing here matches known manipulation tactics. If something still feels wrong, trust that and talk to your security team."
        } else if asked {
            "Nothing here looks like a manipulation attempt as a whole, but the messages marked above ask for information about you or your work. Before you answer, check who is asking through a number or address you already had; if something feels wrong, talk to your security team."
        } else {
            "Nothing here looks like a manipulation attempt: the phrases marked above are common in ordinary chats between people who know each other. If something still feels wrong, trust that and talk to your security team."
        };
        advice.push(sentence.to_owned());
        if code_notice {
            advice.push(ONE_TIME_CODE_ADVICE.to_owned());
        }
        return advice;
    }
    if verdict == Verdict::Low {
        advice.push(
            "This looks mostly ordinary, but some phrases resemble manipulation tactics (marked above). If you know the sender well, there is probably nothing to do; if you don't, or something feels off, talk to your security team before replying.".to_owned(),
        );
    } else {
        advice.push(
            "Don't reply, pay, or send anything more to this sender. You don't owe them an answer."
                .to_owned(),
        );
    }
    if code_notice {
        advice.push(ONE_TIME_CODE_ADVICE.to_owned());
    }
    if verdict >= Verdict::Medium {
        advice.push(keep_the_evidence(conversation.format).to_owned());
        advice.push(
            "You are not in trouble. These approaches are aimed at many people at once, and reporting it helps protect your colleagues.".to_owned(),
        );
    }
    // A court's or the tax office's threat is a fraud's pretext, not blackmail: its rule has
    // advice of its own, and the advice on intimate images and on reporting a crime would be
    // beside the point.
    let threatens_to_expose = has(Tactic::Threat);
    if has(Tactic::SexualLure) || threatens_to_expose {
        advice.push(
            "If intimate images are involved, or someone threatens to share them: don't pay and don't send more. StopNCII.org can help stop them being shared: it makes a digital fingerprint (a hash) of the image on your own device, the image never leaves it, and partner platforms use the hash to block uploads.".to_owned(),
        );
    }
    if threatens_to_expose {
        advice.push("Threats and blackmail are crimes. Your security team can help you report this to the police; the saved chat is your evidence.".to_owned());
    }
    for finding in findings {
        if let Some(own) = own_advice(finding)
            && !advice.iter().any(|given| given == own)
        {
            advice.push(own.to_owned());
        }
    }
    if has(Tactic::Elicitation) {
        advice.push("Don't share colleagues' phone numbers, lists of people, schedules or internal documents. If you already have, tell your security team so they can warn the people concerned.".to_owned());
    }
    if has(Tactic::CredentialLure) {
        advice.push("Never share a verification code or password, and don't log in through a link you were sent. If you already did, change the password now, turn on two-step verification (in WhatsApp: Settings > Account > Two-step verification), and tell your security team.".to_owned());
    }
    if has(Tactic::Payment) {
        advice.push("Don't send money, gift cards or crypto. If you already paid, contact your bank straight away and keep the payment details.".to_owned());
    }
    if let Some(link) = dressed_link {
        advice.push(format!("The link {} uses the name of a company or service but does not go to its website. Don't open it. If you are expecting something from them, go to their website or app yourself, not through a link in a message.", link.evidence));
    }
    // The claim of a person, or a service's voice in the words: a dressed link alone has its
    // own advice above.
    if findings.iter().any(|f| {
        f.tactic == Tactic::Impersonation
            && Some(f.rule.as_str()) != dressed_link.map(|d| d.rule.as_str())
    }) {
        advice.push("If they claim to be someone you know, check with that person using a number or address you already had, not one from this chat.".to_owned());
    }
    if has(Tactic::WrongNumber) {
        advice.push("A message that seems meant for someone else (\"Is this Jessica?\", \"Sorry, wrong number\") is how many romance and investment scams begin: the friendly chat that follows leads to money or crypto. There is no need to correct the sender or keep talking.".to_owned());
    }
    // Between partners flirting is ordinary; from a stranger it is the opening of a scam.
    if has(Tactic::Romance) && has(Tactic::UnknownSender) {
        advice.push("A stranger who writes to make friends or find love is how many romance and investment scams begin: weeks of warm messages, then a \"sure\" investment, a fee, a gift or intimate photos. Never send money, codes or photos to someone you have only met by message, however long you have talked.".to_owned());
    }
    if has(Tactic::OfferLure) {
        advice.push("Well-paid work for little effort, a prize you never entered for, a refund or payout you never asked for: offers like these are bait. The next step asks for a fee, a \"deposit\", your bank or identity details, or a move to another app. Don't reply or follow the link; if the company is real, find it yourself and contact it there.".to_owned());
    }
    if has(Tactic::ChannelSwitch) {
        advice.push("Be wary of moving to another number or app: report the new number or account too, it helps link this to other reports.".to_owned());
    }
    if has(Tactic::Secrecy) {
        advice.push("Being asked to keep something secret is a warning sign in itself. It is fine to tell your security team.".to_owned());
    }
    if conversation.reporter.is_none() && conversation.participants.len() > 2 {
        advice.push("This looks like a group chat: tell your security team which participant you are, so they can focus on the others.".to_owned());
    }
    advice
}

/// What to do with a code that arrived: the advice is the same whether or not it was asked for.
const ONE_TIME_CODE_ADVICE: &str = "This looks like a one-time sign-in code from a service. If you didn't ask for it, someone may be trying to get into one of your accounts with your number or e-mail address: don't share the code with anyone, whoever asks and however urgently (a genuine service never asks for it back), and turn on two-step verification for that account. If you did ask for it, there is nothing to do.";

/// Whether the report is one or two messages, the first a one-time code notice.
fn one_time_code_notice(conversation: &Conversation) -> bool {
    conversation.messages.len() <= 2
        && conversation
            .messages
            .first()
            .is_some_and(|m| crate::one_time_code::is_one_time_code_notice(&m.text))
}

/// How to keep and hand over the evidence, for the channel it came by. A forwarded e-mail loses
/// the headers that show where it came from and where replies go (what the analysis reads
/// for a Reply-To that differs from the sender); forwarded as an attachment, it keeps them.
fn keep_the_evidence(format: Format) -> &'static str {
    match format {
        Format::Eml | Format::Mbox => {
            "Don't delete the e-mail yet, and don't click its links or open its attachments: keep it as evidence. Report it to your security team by forwarding it as an attachment (in most mail programs: More > Forward as attachment), which keeps the headers that show where it really came from."
        }
        _ => {
            "Don't delete the chat or block the sender yet: keep everything as evidence. Export the chat (with media if you can) and report it to your security team."
        }
    }
}
