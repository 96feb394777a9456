//! Phone numbers to E.164 with the libphonenumber port, so that `07700 900123`, `+44 7700
//! 900123` and `wa.me/447700900123` are one indicator. Numbers are never dropped for failing
//! libphonenumber's validity check: fiction-reserved ranges (Ofcom's 07700 900xxx) and fresh
//! allocations are exactly what attackers and test data use.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use super::{Collector, IndicatorKind};

static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:\+|\b00|\b0|\(0)[\d \-().\x{00A0}_]{6,40}\d|\b[1-9]\d{9,14}\b").ok()
});

/// Parses numbers as written in one region (the `--region` flag).
#[derive(Debug, Clone, Copy)]
pub struct PhoneParser {
    region: Option<phonenumber::country::Id>,
}

impl PhoneParser {
    /// `region` is an ISO 3166 code such as `GB`; `None` if the code is unknown.
    pub fn new(region: &str) -> Option<PhoneParser> {
        phonenumber::country::Id::from_str(&region.to_ascii_uppercase())
            .ok()
            .map(|id| PhoneParser { region: Some(id) })
    }

    /// The E.164 form of one written number, if it is one.
    pub fn parse(&self, written: &str) -> Option<String> {
        let digits = written.chars().filter(char::is_ascii_digit).count();
        if !(7..=15).contains(&digits) {
            return None;
        }
        let number = phonenumber::parse(self.region, written).ok()?;
        let e164 = to_e164(&number);
        let national = e164.trim_start_matches('+').len();
        (8..=15).contains(&national).then_some(e164)
    }

    /// Finds numbers in free text, also where they are written in another script's digits or
    /// in full-width forms ("＋４４ ７７００ ９００１２３"): a number written so that filters and
    /// searches miss it is still the number, and the link between two reports.
    pub(crate) fn extract(&self, text: &str, message: Option<usize>, out: &mut Collector) {
        let Some(candidate) = CANDIDATE.as_ref() else {
            return;
        };
        let spelled = super::spelled_digits::with_spelled_digits(text);
        let text = spelled.as_deref().unwrap_or(text);
        if !text.chars().any(|c| c.is_numeric()) {
            return;
        }
        let ascii = with_ascii_digits(text);
        let text = ascii.as_deref().unwrap_or(text);
        let zeros = with_letter_zeros(text);
        let text = zeros.as_deref().unwrap_or(text);
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for m in candidate.find_iter(text) {
            let written = m.as_str().trim_end_matches([' ', '-', '(', '.', '_']);
            // Underscores separate groups where spaces would be trimmed or filtered.
            let unscored = written.contains('_').then(|| written.replace('_', " "));
            let written = unscored.as_deref().unwrap_or(written);
            // Dates and times are not numbers: "12.12.2023", "21:14".
            if written.contains(':') || looks_like_date(written) {
                continue;
            }
            // A spaced run is read greedily, so one that goes on after the match (separators,
            // then a digit) was longer than the pattern reads and was cut: no number.
            let after = text.get(m.end()..).unwrap_or_default();
            let spaced = m.as_str().starts_with(['+', '0', '(']);
            let cut = spaced
                && after
                    .trim_start_matches([' ', '-', '(', ')', '.', '\u{A0}', '_'])
                    .starts_with(|c: char| c.is_ascii_digit());
            if cut {
                continue;
            }
            for e164 in self.numbers_in(written) {
                out.add(IndicatorKind::Phone, e164, message);
            }
        }
    }

    /// The numbers in one run of digits and separators: usually one, written in any spacing
    /// ("0 7 7 0 0 9 0 0 1 2 3" is one number: the run is read whole first, and may be long
    /// enough for that, so that a number is never cut short into a wrong one); or several
    /// written one after another ("07700 900123 07700 900124"), each then the shortest run of
    /// groups from a `+` or `0` that reads as a number and ends where the next one starts.
    /// Groups of single digits are never split: where one of them starts a number is guesswork.
    fn numbers_in(&self, written: &str) -> Vec<String> {
        if let Some(e164) = self.parse(written) {
            return vec![self.without_stray_digits(written).unwrap_or(e164)];
        }
        let groups: Vec<&str> = written.split_whitespace().collect();
        let digits = |group: &&str| group.chars().filter(char::is_ascii_digit).count();
        if groups.len() < 2 || groups.iter().any(|group| digits(group) < 2) {
            return Vec::new();
        }
        let starts = |at: usize| {
            groups
                .get(at)
                .is_some_and(|group| group.starts_with(['+', '0', '(']))
        };
        let mut found = Vec::new();
        let mut first = 0;
        while first < groups.len() {
            if !starts(first) {
                first += 1;
                continue;
            }
            let number = (first..groups.len())
                .filter(|&last| last + 1 == groups.len() || starts(last + 1))
                .find_map(|last| {
                    let joined = groups.get(first..=last)?.join(" ");
                    Some((last, self.parse(&joined)?))
                });
            match number {
                Some((last, e164)) => {
                    found.push(e164);
                    first = last + 1;
                }
                None => first += 1,
            }
        }
        found
    }

    /// A full-length number followed by a stray group of one or two digits ("07700 900123 3
    /// times", "07700 900123 - 24/7"), read without it: the run glues them on, and the number
    /// read whole is a wrong one. Only where the group before the stray one has three digits
    /// or more, and the rest reads as a number of at least eleven digits in E.164: "06 12 34 56
    /// 78" and "0800 123 45" are numbers written in pairs, not numbers with strays.
    fn without_stray_digits(&self, written: &str) -> Option<String> {
        let digits = |group: &str| group.chars().filter(char::is_ascii_digit).count();
        let groups: Vec<&str> = written
            .split_whitespace()
            .filter(|group| digits(group) > 0)
            .collect();
        let (stray, rest) = groups.split_last()?;
        if digits(stray) > 2 || rest.last().is_none_or(|group| digits(group) < 3) {
            return None;
        }
        let end = written.rfind(stray)?;
        let kept = written
            .get(..end)?
            .trim_end_matches([' ', '-', '(', '.', '\u{A0}']);
        self.parse(kept)
            .filter(|e164| e164.chars().filter(char::is_ascii_digit).count() >= 11)
    }
}

impl Default for PhoneParser {
    fn default() -> Self {
        PhoneParser {
            region: Some(phonenumber::country::Id::GB),
        }
    }
}

/// The first code point of each run of ten decimal digits, 0 to 9, that a phone number may be
/// written in besides ASCII: Arabic-Indic and its Persian form, N'Ko, the scripts of India,
/// Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian and the five sets of mathematical digits
/// (bold, double-struck, sans-serif, sans-serif bold, monospace). Full-width digits are
/// [`super::ascii_of_full_width`]'s.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
];

/// The ASCII character a digit or a number's punctuation of another form stands for.
fn ascii_for(c: char) -> Option<char> {
    if let Some(ascii) = super::ascii_of_full_width(c)
        .filter(|a| a.is_ascii_digit() || matches!(a, '+' | '(' | ')' | '-' | '.'))
    {
        return Some(ascii);
    }
    let code = u32::from(c);
    if let Some(zero) = DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
    {
        return char::from_digit(code - zero, 10);
    }
    match c {
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => Some('-'),
        '\u{3000}' | '\u{2007}' | '\u{202F}' => Some(' '),
        _ => None,
    }
}

/// `text` with other forms of digits (and a number's punctuation) written in ASCII, or `None`
/// when it has none (nearly every text: then nothing is copied).
fn with_ascii_digits(text: &str) -> Option<String> {
    if text.is_ascii() || !text.chars().any(|c| ascii_for(c).is_some()) {
        return None;
    }
    Some(text.chars().map(|c| ascii_for(c).unwrap_or(c)).collect())
}

/// `text` with the letter O written as the zero it stands for in number-like words ("077OO
/// 9OO123"), or `None` when there is none. Only a whole word of digits and O's with at least
/// three digits is read so: "2Oth", "NO1" and "2OO" stay as they are (and a number must still
/// have seven digits or more to be read at all).
fn with_letter_zeros(text: &str) -> Option<String> {
    let is_zero_like = |b: u8| b.is_ascii_digit() || b == b'O' || b == b'o';
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        while bytes.get(at).is_some_and(|b| is_zero_like(*b)) {
            at += 1;
        }
        let word = bytes.get(start..at).unwrap_or_default();
        let whole = start
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_none_or(|b| !b.is_ascii_alphanumeric())
            && bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric());
        let digits = word.iter().filter(|b| b.is_ascii_digit()).count();
        if whole && digits >= 3 && digits < word.len() {
            let mapped = out.get_or_insert_with(|| bytes.to_vec());
            for b in mapped.get_mut(start..at).into_iter().flatten() {
                if !b.is_ascii_digit() {
                    *b = b'0';
                }
            }
        }
        at = at.max(start + 1);
    }
    // Only ASCII letters were replaced by ASCII digits: still UTF-8.
    out.and_then(|bytes| String::from_utf8(bytes).ok())
}

fn looks_like_date(s: &str) -> bool {
    let groups: Vec<&str> = s.split(['.', '-', '/']).collect();
    groups.len() == 3
        && groups.iter().all(|g| {
            (1..=4).contains(&g.trim().len()) && g.trim().chars().all(|c| c.is_ascii_digit())
        })
}

pub fn to_e164(number: &phonenumber::PhoneNumber) -> String {
    number.format().mode(phonenumber::Mode::E164).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        Collector::values_from(|out| PhoneParser::default().extract(text, None, out))
    }

    #[test]
    fn national_and_international_forms_agree() {
        let p = PhoneParser::default();
        assert_eq!(p.parse("07700 900123").as_deref(), Some("+447700900123"));
        assert_eq!(p.parse("+44 7700 900123").as_deref(), Some("+447700900123"));
        assert_eq!(
            p.parse("0044 7700 900123").as_deref(),
            Some("+447700900123")
        );
        assert_eq!(
            p.parse("+1 (555) 010-9999").as_deref(),
            Some("+15550109999")
        );
        assert_eq!(
            PhoneParser::new("us")
                .and_then(|p| p.parse("(202) 555-0143"))
                .as_deref(),
            Some("+12025550143")
        );
    }

    #[test]
    fn finds_numbers_but_not_dates_or_times() {
        assert_eq!(
            found("my new number is 07700 900417, text me"),
            vec!["+447700900417"]
        );
        assert_eq!(found("on +44 (0)7700 900 123 now"), vec!["+447700900123"]);
        assert!(found("see you 12.12.2023 at 21:14").is_empty());
        assert!(found("it costs 250 pounds").is_empty());
    }

    #[test]
    fn numbers_in_any_spacing_are_read_whole_and_numbers_in_a_row_apart() {
        assert_eq!(
            found("text me +4 4 7 7 0 0 9 0 0 1 2 3"),
            vec!["+447700900123"]
        );
        assert_eq!(
            found("text me 0 7 7 0 0 9 0 0 1 2 3"),
            vec!["+447700900123"]
        );
        assert_eq!(
            found("call 07700 900123 07700 900124"),
            vec!["+447700900123", "+447700900124"]
        );
        assert_eq!(
            found("+44 7700 900123 +44 7700 900124"),
            vec!["+447700900123", "+447700900124"]
        );
        // Stray digits after a full number are not part of it; numbers written in pairs are.
        assert_eq!(found("ring 07700900123 2 times"), vec!["+447700900123"]);
        assert_eq!(found("call 07700 900123 3 times"), vec!["+447700900123"]);
        assert_eq!(
            found("my number 07700 900123 - 24/7"),
            vec!["+447700900123"]
        );
        assert_eq!(found("number is 07700 900 123"), vec!["+447700900123"]);
        assert_eq!(
            PhoneParser::new("FR").map(|p| p.numbers_in("06 12 34 56 78")),
            Some(vec!["+33612345678".to_owned()])
        );
        // Single digits are never split: better no number than a wrong one.
        assert!(found("0 7 7 0 0 9 0 0 1 2 3 0 7 7 0 0 9 0 0 1 2 4").is_empty());
        assert!(found("ref 1234 5678 9012 3456 7890").is_empty());
        // Spaced wider than the pattern reads: cut, so not read at all.
        let cut = found("+4  4  7  7  0  0  9  0  0  1  2  3  4  5  6  7");
        assert!(cut.is_empty(), "{cut:?}");
    }

    #[test]
    fn the_letter_o_for_zero_is_read_in_number_like_words_only() {
        assert_eq!(found("text me on 077OO 9OO123"), vec!["+447700900123"]);
        assert_eq!(found("call o77oo9oo124 now"), vec!["+447700900124"]);
        assert_eq!(
            with_letter_zeros("the 2Oth, NO1 fan, I have 2OO, GOOD 10"),
            None
        );
        assert_eq!(with_letter_zeros("Oo0"), None);
    }

    #[test]
    fn numbers_spelt_out_or_joined_by_underscores_are_found() {
        assert_eq!(
            found("whatsapp me: oh seven seven oh oh, nine oh oh, one two three"),
            vec!["+447700900123"]
        );
        assert_eq!(
            found("plus four four seven seven double oh nine double oh one two four"),
            vec!["+447700900124"]
        );
        assert_eq!(found("07700 nine double oh 125"), vec!["+447700900125"]);
        assert_eq!(found("text 07700_900_126 now"), vec!["+447700900126"]);
        // Counting, times and a few number words are not numbers.
        assert!(found("one two three four five six seven, ready or not").is_empty());
        assert!(found("at seven, then nine or ten").is_empty());
        assert!(found("snake_case_1234").is_empty());
    }

    #[test]
    fn numbers_in_other_digits_and_full_width_forms_are_found() {
        assert_eq!(
            found("call me on ＋４４ ７７００ ９００１２３"),
            vec!["+447700900123"]
        );
        assert_eq!(found("رقمي ٠٧٧٠٠٩٠٠١٢٤"), vec!["+447700900124"]);
        assert_eq!(found("شماره ۰۷۷۰۰ ۹۰۰۱۲۵"), vec!["+447700900125"]);
        assert_eq!(found("new number 𝟎𝟕𝟕𝟎𝟎 𝟗𝟎𝟎𝟏𝟐𝟔 x"), vec!["+447700900126"]);
        assert_eq!(found("०७७०० ९००१२७"), vec!["+447700900127"]);
        // Mixed with ASCII digits, as a hand-edited number may be.
        assert_eq!(found("07700 ９00128"), vec!["+447700900128"]);
        // Dates stay dates in any digits.
        assert!(found("on ١٢.١٢.٢٠٢٣").is_empty());
    }

    #[test]
    fn every_other_digit_maps_to_its_value() {
        for zero in DIGIT_ZEROS {
            for value in 0..10 {
                let c = char::from_u32(zero + value).unwrap_or_default();
                assert!(c.is_numeric(), "{c:?} is not a digit");
                assert_eq!(ascii_for(c), char::from_digit(value, 10), "{c:?}");
            }
        }
    }
}
