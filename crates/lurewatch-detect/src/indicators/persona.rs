//! The names a sender gives themselves ("It's Charlie!", "Abi here", a sign-off "Charlie x").
//! A persona name reused across reports from different numbers is one of the strongest links
//! between them, so false names are worse than missed ones: common capitalised words are
//! excluded and the name must look like a given name. In e-mail, which ends with its footer,
//! only a closing word ("Regards, Sally") signs off; and the German "im" is not "I'm".

use std::borrow::Cow;
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
/// An e-mail's sign-off: only after a closing word. An e-mail ends with its footer, so its
/// last word alone ("Abmelden", "Unsubscribe", "Click") named no one in Phishing Pot.
static MAIL_SIGN_OFF: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i:love|cheers|thanks|thank you|best|regards|wishes|sincerely|yours|hugs|kisses),?\s+([A-Z][a-z]{1,14})\s*(?:x+|xo)?\s*[!.]*\s*$").ok()
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
    // "Click here", as "Abi here" is written; "from All of us".
    "Click",
    "All",
    // Places and peoples: "a user from Russia just logged in", "From United Nations".
    "Russia",
    "Russian",
    "Ukraine",
    "China",
    "Chinese",
    "India",
    "Nigeria",
    "Ghana",
    "America",
    "American",
    "United",
    "Europe",
    "Africa",
    "Asia",
    "Dubai",
    "Moscow",
    "Germany",
    "France",
    "Spain",
    "Italy",
    "Turkey",
    "Canada",
    "Australia",
    "Japan",
    "Japanese",
    "English",
    "British",
    // Titles ("this is Mr Kan"): the name, if any, is the word after.
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// German words whose company says that "im" is German ("im Wert von", "im Rahmen"), where it
/// is "in the" and the capitalised noun after it no name: ten Phishing Pot e-mails gave the
/// persona "Wert". In English texting "im" is "I'm", and stays an introduction.
const GERMAN_WORDS: [&str; 10] = [
    " und ", " der ", " die ", " das ", " Sie ", " ist ", " nicht ", " mit ", " für ", " von ",
];

fn reads_german(text: &str) -> bool {
    GERMAN_WORDS
        .iter()
        .filter(|w| text.contains(*w))
        .nth(1)
        .is_some()
}

/// Whether an introduction's match is German "im" rather than "I'm".
fn is_german_im(introduction: &str, text: &str) -> bool {
    let opener = introduction.trim_start_matches(|c: char| !c.is_alphabetic());
    opener.get(..3).is_some_and(|start| {
        start.eq_ignore_ascii_case("im ") || start.eq_ignore_ascii_case("im\t")
    }) && reads_german(text)
}

fn is_name(word: &str) -> bool {
    !NOT_NAMES.contains(&word)
}

/// `text` with spoofed words written in plain ASCII: a word that mixes ASCII letters with
/// look-alikes of them from other scripts ("Сharlie" with a Cyrillic С) and a word styled in
/// full-width or mathematical letters ("𝐂𝐡𝐚𝐫𝐥𝐢𝐞", "Ｃｈａｒｌｉｅ"). A capital stays a
/// capital. Words wholly in another script ("Иван") are real names in that script and are left
/// alone: read as look-alikes they would become false names, which are worse than missed
/// ones. Borrowed as it is when nothing is spoofed (every ASCII text).
pub(crate) fn without_lookalikes(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    // Runs of letters and digits, and the runs between them, in order.
    let mut start = 0;
    let boundaries = text
        .char_indices()
        .map(|(at, c)| (at, c.is_alphanumeric()))
        .chain(std::iter::once((text.len(), false)));
    let mut in_word = false;
    for (at, word_char) in boundaries {
        if word_char == in_word && at < text.len() {
            continue;
        }
        let run = text.get(start..at).unwrap_or_default();
        match unspoofed(run).filter(|_| in_word) {
            Some(plain) => {
                out.push_str(&plain);
                changed = true;
            }
            None => out.push_str(run),
        }
        start = at;
        in_word = word_char;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a letter is a styled form of a plain one: full-width (U+FF21–U+FF5A) or a
/// mathematical alphanumeric letter, whose only purpose is to look like a plain letter in a
/// style.
fn styled_letter(c: char) -> bool {
    matches!(u32::from(c), 0xFF21..=0xFF3A | 0xFF41..=0xFF5A | 0x1D400..=0x1D6A3)
}

/// Latin letters beyond ASCII (Latin-1, Extended-A to -D, Extended Additional): the accents
/// of real names, never look-alikes from another script.
fn accented_latin(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF
    )
}

/// The ASCII letter a look-alike stands for, keeping its case.
fn plain_letter(c: char) -> Option<char> {
    let folded = match decancer::cure_char(c, decancer::Options::default()) {
        decancer::Translation::Character(folded) => folded,
        _ => return None,
    };
    let folded = folded.to_ascii_lowercase();
    if !folded.is_ascii_lowercase() {
        return None;
    }
    Some(if c.is_uppercase() {
        folded.to_ascii_uppercase()
    } else {
        folded
    })
}

/// The word in plain ASCII if it is spoofed (see [`without_lookalikes`]), else `None`.
fn unspoofed(word: &str) -> Option<String> {
    if word.is_ascii() || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let styled = word.chars().all(|c| c.is_ascii() || styled_letter(c));
    // ASCII letters among letters of another script: accented Latin ("José") is no spoof.
    let mixed = word.chars().any(|c| c.is_ascii_alphabetic())
        && !word.chars().any(|c| !c.is_ascii() && accented_latin(c));
    if !styled && !mixed {
        return None;
    }
    word.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else {
                plain_letter(c)
            }
        })
        .collect()
}

pub(crate) fn extract(text: &str, mail: bool, message: Option<usize>, out: &mut Collector) {
    let text = &*without_lookalikes(text);
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
        (
            &*INTRODUCTION,
            if mail { &*MAIL_SIGN_OFF } else { &*SIGN_OFF },
        )
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
            let german = || caps.get(0).is_some_and(|m| is_german_im(m.as_str(), text));
            if let Some(name) = caps.get(1).map(|m| m.as_str()).filter(|n| is_name(n))
                && !german()
            {
                out.add(IndicatorKind::Persona, name, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        Collector::values_from(|out| extract(text, false, None, out))
    }

    #[test]
    fn spoofed_names_are_read_as_the_names_they_imitate() {
        assert_eq!(
            names("Hey! It's Сharlie, long time no speak"),
            vec!["Charlie"]
        );
        assert_eq!(
            names("Hey! It's 𝐂𝐡𝐚𝐫𝐥𝐢𝐞, long time no speak"),
            vec!["Charlie"]
        );
        assert_eq!(names("Ａｂｉ here, from the conference"), vec!["Abi"]);
        assert_eq!(names("lovely to see you. Love, Аbi xx"), vec!["Abi"]);
        // A name wholly in another script is that script's name, not a look-alike.
        assert_eq!(without_lookalikes("Привет, это Иван"), "Привет, это Иван");
        assert_eq!(
            without_lookalikes("Χαίρετε, Νίκος εδώ"),
            "Χαίρετε, Νίκος εδώ"
        );
        assert_eq!(without_lookalikes("café naïve"), "café naïve");
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
        assert_eq!(names("hey im Charlie, from the gym"), vec!["Charlie"]);
    }

    #[test]
    fn an_email_footer_a_place_and_german_im_name_no_one() {
        let mail = |text: &str| Collector::values_from(|out| extract(text, true, None, out));
        assert_eq!(
            mail("Your account is on hold. Verify now.\nAbmelden"),
            Vec::<String>::new()
        );
        assert_eq!(
            mail("Thank you. Click here to verify."),
            Vec::<String>::new()
        );
        assert_eq!(
            mail("Please reply today.\n\nKind regards,\nSally"),
            vec!["Sally"]
        );
        // In a chat the last line alone still signs it.
        assert_eq!(names("See you then.\nCharlie x"), vec!["Charlie"]);
        assert_eq!(
            names("A user from Russia just logged in. From United Nations."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("Gewinnen Sie einen Gutschein im Wert von 500 Euro und mehr, der Ihnen gehört"),
            Vec::<String>::new()
        );
    }
}
