//! Phone numbers spelt out in words ("seven seven oh oh, nine double oh, one two three"), the
//! way dating-app and marketplace scammers write them so that filters for numbers miss them.
//! The words are read as the digits they stand for, so the number becomes the same indicator
//! as when written in digits, and links the reports that carry it.

/// The least digits a spelt-out run must give to be read: a phone number's shortest national
/// form. Shorter runs ("one or two", "six five four three") are ordinary words.
const MIN_DIGITS: usize = 7;

/// The least number words in a run: one word after a number in figures is the sentence going
/// on ("call 07700 900123 oh and bring wine"), not the number.
const MIN_WORDS: usize = 2;

/// The most separator bytes between two words of one number (", ", " - ").
const MAX_GAP: usize = 3;

/// `text` with every run of number words that spells seven digits or more written as those
/// digits, or `None` when there is none (nearly every text: then nothing is copied). Digits
/// already written in figures may be part of a run ("07700 nine double oh 123").
pub(crate) fn with_spelled_digits(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(&first) = bytes.get(at) {
        if !first.is_ascii_alphabetic() {
            at += 1;
            continue;
        }
        // Words are stepped over whole, so the byte before this one is not a letter.
        let word_end = end_of_word(bytes, at);
        let after_figure = at
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_some_and(u8::is_ascii_digit);
        if !after_figure && word_at(bytes, at, word_end).is_some() {
            let start = figures_before(bytes, at, copied);
            if let Some((end, digits)) = read_run(bytes, start) {
                let written = out.get_or_insert_with(String::new);
                written.push_str(text.get(copied..start).unwrap_or_default());
                written.push_str(&digits);
                copied = end;
                at = end;
                continue;
            }
        }
        at = word_end;
    }
    let mut written = out?;
    written.push_str(text.get(copied..).unwrap_or_default());
    Some(written)
}

/// One word of a spelt-out number.
#[derive(Clone, Copy, PartialEq)]
enum Word {
    Digit(u8),
    /// "double", "triple": the next digit said twice or three times.
    Repeat(usize),
    /// "plus", before the country code.
    Plus,
}

/// Reads the run of number words and digit groups that starts at `start`: its end and the
/// digits it spells, if they are enough to be a number ([`MIN_DIGITS`]) and enough of them
/// were words ([`MIN_WORDS`]).
fn read_run(bytes: &[u8], start: usize) -> Option<(usize, String)> {
    let mut digits = String::new();
    let mut words = 0;
    let mut end = start;
    let mut at = start;
    if bytes.get(at) == Some(&b'+') {
        digits.push('+');
        at += 1;
    }
    let mut repeat = 1;
    loop {
        let token_end = if bytes.get(at).is_some_and(u8::is_ascii_digit) {
            let figures_end = at
                + bytes
                    .get(at..)?
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            if bytes.get(figures_end).is_some_and(u8::is_ascii_alphabetic) || repeat > 1 {
                break;
            }
            digits.extend(bytes.get(at..figures_end)?.iter().map(|&b| char::from(b)));
            figures_end
        } else {
            let word_end = end_of_word(bytes, at);
            match word_at(bytes, at, word_end) {
                Some(Word::Digit(d)) => {
                    let digit = char::from(b'0' + d);
                    digits.extend(std::iter::repeat_n(digit, repeat));
                    repeat = 1;
                    words += 1;
                }
                Some(Word::Repeat(times)) if repeat == 1 => repeat = times,
                Some(Word::Plus) if digits.is_empty() && repeat == 1 => digits.push('+'),
                _ => break,
            }
            word_end
        };
        if repeat == 1 {
            end = token_end;
        }
        let gap = bytes
            .get(token_end..)?
            .iter()
            .take(MAX_GAP + 1)
            .take_while(|b| is_separator(b))
            .count();
        if gap == 0 || gap > MAX_GAP {
            break;
        }
        at = token_end + gap;
    }
    let count = digits.bytes().filter(u8::is_ascii_digit).count();
    (words >= MIN_WORDS && count >= MIN_DIGITS).then_some((end, digits))
}

/// Where the groups of figures just before `at` start ("07700 " before "nine double oh"), so
/// that a number written half in figures and half in words is read whole; never before
/// `floor`, the end of the text already rewritten.
fn figures_before(bytes: &[u8], at: usize, floor: usize) -> usize {
    let mut start = at;
    loop {
        let mut cursor = start;
        let mut gap = 0;
        while cursor > floor && gap <= MAX_GAP && bytes.get(cursor - 1).is_some_and(is_separator) {
            cursor -= 1;
            gap += 1;
        }
        if gap == 0 || gap > MAX_GAP {
            return start;
        }
        let figures_end = cursor;
        while cursor > floor && bytes.get(cursor - 1).is_some_and(u8::is_ascii_digit) {
            cursor -= 1;
        }
        let whole = cursor
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'_');
        if cursor == figures_end || !whole {
            return start;
        }
        // A leading "+" belongs to the number.
        start = if cursor > floor && bytes.get(cursor - 1) == Some(&b'+') {
            cursor - 1
        } else {
            cursor
        };
    }
}

/// What may stand between the words and groups of one number: "seven-seven", "nine, oh".
fn is_separator(byte: &u8) -> bool {
    matches!(byte, b' ' | b'-' | b',' | b'.' | b'_')
}

/// The end of the run of ASCII letters that starts at `start`.
fn end_of_word(bytes: &[u8], start: usize) -> usize {
    start
        + bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count()
}

/// The number word `bytes[start..end]` is, in any case, if it is one.
#[inline]
fn word_at(bytes: &[u8], start: usize, end: usize) -> Option<Word> {
    let word = bytes.get(start..end)?;
    // Every number word is two to six letters long and starts with one of "defnopstz": most
    // words are ruled out here, before any copying (this runs on every word of every text).
    const FIRST_LETTERS: u32 =
        1 << 3 | 1 << 4 | 1 << 5 | 1 << 13 | 1 << 14 | 1 << 15 | 1 << 18 | 1 << 19 | 1 << 25;
    let plausible = (2..=6).contains(&word.len())
        && word.first().is_some_and(|&b| {
            let letter = u32::from(b.to_ascii_lowercase().wrapping_sub(b'a'));
            letter < 26 && FIRST_LETTERS >> letter & 1 == 1
        });
    if !plausible || bytes.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut lower = [0u8; 6];
    for (slot, b) in lower.iter_mut().zip(word) {
        *slot = b.to_ascii_lowercase();
    }
    Some(match lower.get(..word.len())? {
        // Not "o": it is "or" in Spanish, Italian and Portuguese ("+52 55 2581 3300 o telcel").
        b"zero" | b"oh" | b"nought" => Word::Digit(0),
        b"one" => Word::Digit(1),
        b"two" => Word::Digit(2),
        b"three" => Word::Digit(3),
        b"four" => Word::Digit(4),
        b"five" => Word::Digit(5),
        b"six" => Word::Digit(6),
        b"seven" => Word::Digit(7),
        b"eight" => Word::Digit(8),
        b"nine" => Word::Digit(9),
        b"double" => Word::Repeat(2),
        b"triple" => Word::Repeat(3),
        b"plus" => Word::Plus,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelt_out_numbers_become_digits() {
        assert_eq!(
            with_spelled_digits("call me on oh seven seven oh oh nine oh oh one two three")
                .as_deref(),
            Some("call me on 07700900123")
        );
        assert_eq!(
            with_spelled_digits("text Seven-Seven-Zero-Zero, nine double oh, one two four x")
                .as_deref(),
            Some("text 7700900124 x")
        );
        assert_eq!(
            with_spelled_digits("plus four four 7700 nine double oh 125!").as_deref(),
            Some("+447700900125!")
        );
        // One word after figures is the sentence going on, not the number.
        assert_eq!(
            with_spelled_digits("call 07700 900123 oh and bring wine"),
            None
        );
        assert_eq!(
            with_spelled_digits("Mas info +525525813300 o telcel.com"),
            None
        );
        // Figures before the words belong to the same number.
        assert_eq!(
            with_spelled_digits("ring +44 7700 nine double oh 126").as_deref(),
            Some("ring +447700900126")
        );
    }

    #[test]
    fn ordinary_words_stay_words() {
        for text in [
            "one or two of us, maybe three",
            "oh no, I want to go home",
            "five six seven eight",
            "I'll be there at one, then two more stops",
            "a double espresso and one more",
            "",
        ] {
            assert_eq!(with_spelled_digits(text), None, "{text:?}");
        }
    }

    const WORDS: [&str; 10] = [
        "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];

    proptest::proptest! {
        /// However a number is said (each digit in words or figures, in any case, with any of
        /// the usual separators), reading it back gives its digits. It opens with two words,
        /// the least a run needs.
        #[test]
        fn a_number_said_any_way_reads_back_as_its_digits(
            said in proptest::collection::vec(
                (0u8..10, proptest::bool::ANY, proptest::bool::ANY, 0usize..4),
                7..14,
            ),
            first_in_words in (0u8..10, 0u8..10),
        ) {
            let separators = [" ", "-", ", ", " - "];
            let (first, second) = first_in_words;
            let mut text = format!(
                "call me on {} {}",
                WORDS[usize::from(first)],
                WORDS[usize::from(second)]
            );
            let mut expected = format!("{first}{second}");
            for (digit, in_words, upper, separator) in &said {
                text.push_str(separators[*separator]);
                let word = WORDS[usize::from(*digit)];
                match (in_words, upper) {
                    (true, true) => text.push_str(&word.to_uppercase()),
                    (true, false) => text.push_str(word),
                    (false, _) => text.push_str(&digit.to_string()),
                }
                expected.push_str(&digit.to_string());
            }
            text.push_str(" tonight");
            let read = with_spelled_digits(&text).unwrap_or_default();
            let digits: String = read.chars().filter(char::is_ascii_digit).collect();
            proptest::prop_assert_eq!(digits, expected, "{}", text);
        }
    }
}
