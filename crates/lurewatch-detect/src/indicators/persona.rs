//! The names a sender gives themselves ("It's Charlie!", "Abi here", a sign-off "Charlie x").
//! A persona name reused across reports from different numbers is one of the strongest links
//! between them, so false names are worse than missed ones: common capitalised words are
//! excluded and the name must look like a given name.

use std::sync::LazyLock;

use regex::Regex;

use super::{Collector, IndicatorKind};

static INTRODUCTION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w'])(?i:it'?s|it is|this is|i'?m|i am|my name is|my name's|call me|from)\s+([A-Z][a-z]{1,14})\b").ok()
});
static HERE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:^|[.!?,]\s+|\n)([A-Z][a-z]{1,14}) here\b").ok());
static SIGN_OFF: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:(?i:love|cheers|thanks|best|regards|hugs|kisses),?\s+|\n\s*-?\s*|[.!?]\s+-?\s*|^-\s*)([A-Z][a-z]{1,14})\s*(?:x+|xo)?\s*[!.]*\s*$").ok()
});

/// Capitalised words that follow "it's", "I'm" or close a message without being names.
const NOT_NAMES: &[&str] = &[
    "Sorry",
    "Fine",
    "Ok",
    "Okay",
    "Good",
    "Great",
    "Here",
    "There",
    "Not",
    "Just",
    "So",
    "Really",
    "Back",
    "Home",
    "Me",
    "You",
    "Me",
    "Going",
    "Gonna",
    "Happy",
    "Glad",
    "Busy",
    "Free",
    "Late",
    "Done",
    "Sure",
    "Still",
    "Also",
    "Coming",
    "Thanks",
    "Thank",
    "Cheers",
    "Love",
    "Yes",
    "No",
    "Hi",
    "Hello",
    "Hey",
    "Bye",
    "Night",
    "Morning",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Christmas",
    "Easter",
    "The",
    "This",
    "That",
    "What",
    "Why",
    "How",
    "When",
    "Where",
    "Who",
    "Me",
    "Work",
    "London",
    "Parliament",
    "Tired",
    "Bored",
    "Lonely",
    "Alone",
    "Interested",
    "Serious",
    "Single",
    "Outside",
    "Nearby",
    "Near",
    "Real",
    "Urgent",
    "Important",
    "Nothing",
    "Everything",
    "Someone",
    "Nobody",
    "Anyway",
    "Please",
    "Soon",
    "Later",
    "Today",
    "Tomorrow",
    "Tonight",
    "Now",
    "Again",
    "Too",
    "Well",
    "Bad",
    "Worried",
    "Sad",
    "Excited",
    "Ready",
    "Waiting",
    "Mum",
    "Dad",
    "Lol",
    "Haha",
    "Xx",
    "Xxx",
    "Whatsapp",
    "Telegram",
    "Signal",
    "Instagram",
    "Snapchat",
    "Google",
    "Facebook",
    "Microsoft",
    "Apple",
    "Amazon",
    "Your",
    "My",
    "Our",
    "Their",
    "His",
    "Her",
    "Its",
    "Ah",
    "Oh",
    "Wow",
    "Omg",
    "Ps",
    "Thx",
    "Regards",
    "Best",
    "Kind",
    "Warm",
    "Speak",
    "Talk",
    "Chat",
    "See",
    "Bank",
];

fn is_name(word: &str) -> bool {
    !NOT_NAMES.contains(&word)
}

pub(crate) fn extract(text: &str, message: Option<usize>, out: &mut Collector) {
    // "Abi here" needs " here" in the text: a substring search is far cheaper than the
    // pattern's scan, and most texts have none.
    let here = if text.contains(" here") {
        &*HERE
    } else {
        &None
    };
    // An introduction or a sign-off puts something before the name, so it needs a capital
    // after the first byte; many texts capitalise only their first letter, or none.
    let (introduction, sign_off) = if text.bytes().skip(1).any(|b| b.is_ascii_uppercase()) {
        (&*INTRODUCTION, &*SIGN_OFF)
    } else {
        (&None, &None)
    };
    for pattern in [introduction, here, sign_off].into_iter().flatten() {
        // Few messages introduce or sign off anyone: the match test needs no capture slots,
        // so the captures are only paid for where there is a name to read.
        if !pattern.is_match(text) {
            continue;
        }
        for caps in pattern.captures_iter(text) {
            if let Some(name) = caps.get(1).map(|m| m.as_str()).filter(|n| is_name(n)) {
                out.add(IndicatorKind::Persona, name, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let mut out = Collector::default();
        extract(text, None, &mut out);
        out.items.into_iter().map(|i| i.value).collect()
    }

    #[test]
    fn introductions_and_sign_offs() {
        assert_eq!(
            names("Hey! It's Charlie, long time no speak"),
            vec!["Charlie"]
        );
        assert_eq!(names("Abi here, from the conference"), vec!["Abi"]);
        assert_eq!(
            names("Hope you get a break over Christmas.\nCharlie x"),
            vec!["Charlie"]
        );
        assert_eq!(names("lovely to see you. Love, Abi xx"), vec!["Abi"]);
        assert_eq!(
            names("I'm Sorry, it's Monday. Thanks!"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("it's fine, see you at Parliament"),
            Vec::<String>::new()
        );
    }
}
