//! Whether a short report is a service's one-time code ("Your Microsoft account security code
//! is 482913"). People forward these when a code arrives that they did not ask for, which is
//! how a WhatsApp or e-mail takeover starts: someone else typed their number in. The verdict
//! cannot say which it is (the words are the service's own either way), so the advice says
//! what to do in both cases. Plain byte tests, no regex: this runs on every short report.

/// A text this long is a conversation, not a code notice.
const LONGEST_NOTICE: usize = 320;

/// Words that name the number as a code.
const CODE_WORDS: [&str; 6] = ["code", "otp", "passcode", "pin", "one-time", "verification"];

/// Whether `text` reads as a one-time code notice: short, naming a code, with a run of four
/// to eight digits ("482913", or "482-913" / "482 913" as some services split it).
pub(crate) fn is_one_time_code_notice(text: &str) -> bool {
    if text.len() > LONGEST_NOTICE {
        return false;
    }
    // The digits first: most texts have no such run, and then nothing is lowered.
    has_code_digits(text.as_bytes()) && {
        let lower = text.to_ascii_lowercase();
        CODE_WORDS.iter().any(|word| {
            lower
                .match_indices(word)
                .any(|(at, _)| !names_another_code(lower.get(..at).unwrap_or_default()))
        })
    }
}

/// Words before "code" that make it some other code: a bank's sort code beside an account
/// number ("Sort code 20-44-91, Account 83726154", a supplier's new bank details) is no sign-in.
const OTHER_CODES: [&str; 5] = ["sort ", "post", "zip ", "area ", "dress "];

/// Whether the text before a code word ends with a word that makes it another kind of code.
fn names_another_code(before: &str) -> bool {
    OTHER_CODES.iter().any(|other| before.ends_with(other))
}

/// A run of 4–8 digits standing alone, allowing one hyphen or space between two halves of
/// three; a phone number, whole or in groups, does not count.
fn has_code_digits(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let (digits, end) = digit_run(bytes, i);
        if (4..=8).contains(&digits)
            && !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric)
            && !part_of_a_longer_number(bytes, i, end)
        {
            return true;
        }
        i = end.max(i + 1);
    }
    false
}

/// Whether the run `start..end` is one group of a number written in groups ("07700 900123",
/// "+44 7700 900123"): a digit one separator away on either side.
fn part_of_a_longer_number(bytes: &[u8], start: usize, end: usize) -> bool {
    let separator = |b: u8| matches!(b, b' ' | b'-' | b'.');
    let before = start >= 2 && separator(bytes[start - 1]) && bytes[start - 2].is_ascii_digit();
    let after = bytes.get(end).is_some_and(|b| separator(*b))
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
    before || after
}

/// Digits from `start`, with at most one separator between two groups of three: the count and
/// where the run ends.
fn digit_run(bytes: &[u8], start: usize) -> (usize, usize) {
    let group = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let first = group(start);
    let after = start + first;
    if first == 3
        && matches!(bytes.get(after), Some(b'-' | b' '))
        && after + 1 < bytes.len()
        && group(after + 1) == 3
    {
        return (6, after + 4);
    }
    (first, after)
}

#[cfg(test)]
mod tests {
    use super::is_one_time_code_notice;

    #[test]
    fn service_codes_are_recognised() {
        for text in [
            "Your Microsoft account security code is 482913",
            "WhatsApp code 482-913. Don't share this code with others",
            "G-482913 is your Google verification code.",
            "Your OTP for login is 4829. Valid for 10 minutes.",
            "Your Uber code is 5521. Never share this code.",
        ] {
            assert!(is_one_time_code_notice(text), "{text}");
        }
    }

    #[test]
    fn other_numbers_and_long_texts_are_not() {
        for text in [
            "Call me on 07700 900123 about the code review",
            "The door code? Ring +44 7700 900123",
            "The pin is in the drawer",
            "Meeting in room 12, code of conduct attached",
            "Your parcel 123 is on its way",
            "Our bank details have changed. Sort code 20-44-91, Account 83726154.",
            &format!("Your code is 482913. {}", "More words. ".repeat(40)),
        ] {
            assert!(!is_one_time_code_notice(text), "{text}");
        }
    }
}
