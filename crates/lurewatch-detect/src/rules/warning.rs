//! Whether a rule's match sits inside a warning against doing what it names. Banks, couriers
//! and every one-time-code text end with "Never share this code", "Do not send your PIN to
//! anyone", "We will never ask you to verify your account by text": the very words the
//! credential and payment rules look for, turned into advice. Read as requests they made a
//! legitimate code text an "account takeover attempt".
//!
//! A warning is told from a threat by where its negation stands. "Never share this code" and
//! "Please don't send money to anyone you haven't met" open their clause with it; "if you
//! don't verify your account today it will be closed" and "if you do not send the money"
//! open theirs with a condition, and still count. So a match is in a warning when its clause
//! (back to the last punctuation mark) opens with "never", "don't" or "do not" (after a
//! "please" or an "and"), or has "never" in the few words before the match, or says the asking
//! will not happen ("we will not ask you to …").

/// Words a clause may open with before its negation ("Please never …", "And don't …").
const OPENERS: &[&str] = &["please", "and", "so", "but", "just", "remember", "always"];

/// How many words before a match a "never" may stand ("you should never ever share").
const NEVER_WINDOW: usize = 3;

/// Whether the match starting at byte `start` of the normalised `text` is inside a warning
/// against it (see the module's documentation).
pub(crate) fn in_warning(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or_default();
    let clause_start = before
        .rfind(['.', '!', '?', ';', ':', ',', '\n'])
        .map_or(0, |i| i + 1);
    let clause = before.get(clause_start..).unwrap_or_default();
    // Iterated afresh for each test rather than collected: this runs on every match of
    // the rules that ask for it, which are most smishing texts.
    let words = || {
        clause
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
    };
    let mut opening = words().skip_while(|w| OPENERS.contains(w));
    let opens_negated = match (opening.next(), opening.next()) {
        (Some("never"), next) => next != Some("mind"),
        (Some("don't" | "dont"), _) => true,
        (Some("do"), next) => next == Some("not"),
        _ => false,
    };
    // "Never" close before the match: texts without punctuation (OCR'd screenshots) run
    // whole messages into one clause, and "you can never trust them … click on this link"
    // is no warning against clicking. Read backwards, `after` is the word that follows.
    let mut after = None;
    let never_inside = words().rev().take(NEVER_WINDOW).any(|w| {
        let found = w == "never" && after != Some("mind");
        after = Some(w);
        found
    });
    let asking_denied = words()
        .zip(words().skip(1))
        .any(|(w, next)| matches!(w, "not" | "won't" | "wont" | "never") && next == "ask");
    opens_negated || never_inside || asking_denied
}

#[cfg(test)]
mod tests {
    use super::in_warning;

    fn at(text: &str, word: &str) -> bool {
        in_warning(text, text.find(word).unwrap_or(text.len()))
    }

    #[test]
    fn advice_against_the_request_is_a_warning() {
        for (text, word) in [
            ("never share this code.", "share"),
            ("your uber code is 5521. never share this code.", "share"),
            ("don't share this code.", "share"),
            ("dont send your password to anyone", "send"),
            ("do not send your pin to anyone", "send"),
            ("please never give your card details to a caller", "give"),
            ("important: do not verify your account via a link", "verify"),
            ("we will never ask you to share this code", "share"),
            (
                "to keep your account safe never forward this code",
                "forward",
            ),
            ("dear customer never ever share your card number", "share"),
            ("hsbc will not ask you to send your password", "send"),
            ("please don't send money to anyone you haven't met", "send"),
        ] {
            assert!(at(text, word), "{text}");
        }
    }

    #[test]
    fn conditions_threats_and_other_clauses_still_count() {
        for (text, word) in [
            ("send me the code", "send"),
            (
                "if you don't verify your account today it will be closed",
                "verify",
            ),
            (
                "if you do not send the money i'll post the pictures",
                "send",
            ),
            ("don't worry, just send me the code", "send"),
            ("i never got it. send me the code again", "send"),
            ("never mind send me the code", "send"),
            ("you don't have to call, just text me the code", "text me"),
            ("do it now: verify your account here", "verify"),
            // No punctuation, so one long clause: the "never" is not about the link.
            (
                "you can never trust the liberals labor or greens again authorised by the party click on this link",
                "click",
            ),
            (
                "your total will reset at 1pm if not request login loanit2.xyz",
                "login",
            ),
            ("if you do not call then you have to pay money", "pay"),
        ] {
            assert!(!at(text, word), "{text}");
        }
    }
}
