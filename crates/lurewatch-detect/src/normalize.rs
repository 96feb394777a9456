//! Text normalisation for matching. Manipulators and ordinary texters alike write
//! `Sooo`, `s3xy`, `ur`, `𝓅𝒾𝒸𝓈` or Cyrillic look-alikes; rules should be written once, against
//! plain lower-case English words. Every byte of the normalised text remembers which bytes of
//! the original it came from, so evidence is always quoted as the sender wrote it.

use std::ops::Range;
use std::sync::LazyLock;

use crate::packed_words::PackedWords;

/// Normalised text plus, for each of its bytes, the original byte range it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    origin: Vec<(u32, u32)>,
}

impl Normalized {
    /// The range of the original text that produced `range` of the normalised text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin.get(range.start).map_or(0, |o| o.0 as usize);
        let end = range
            .end
            .checked_sub(1)
            .and_then(|last| self.origin.get(last))
            .map_or(start, |o| o.1 as usize);
        start..end.max(start)
    }
}

/// Characters that carry nothing a reader sees: zero-width, directional, soft hyphen,
/// variation selectors. Manipulators insert them to break up words filters look for.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
    )
}

/// Emoji and pictographs, which decancer reads as look-alike letters (😉, 😘, 🔥 and ❤ as
/// "o", 💰 as "s", ✅ as "v"), gluing them to the word before ("cash💰" read "cashs") and
/// hiding them from the rules. The enclosed letters of U+1F100–U+1F1FF (🅵🆁🅴🅴) are letters
/// written to dodge filters, and are left to decancer.
fn is_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{2190}'..='\u{21FF}'
            | '\u{2300}'..='\u{23FF}'
            | '\u{2600}'..='\u{27BF}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{1F000}'..='\u{1F0FF}'
            | '\u{1F200}'..='\u{1FAFF}'
    )
}

/// One character of the first pass, with its original byte range.
#[derive(Clone, Copy)]
struct Mapped {
    c: char,
    start: u32,
    end: u32,
}

/// Lower-cases, folds look-alike letters to ASCII, turns typographic quotes into plain ones
/// and every run of white space into one space.
fn fold_characters(input: &str) -> Vec<Mapped> {
    let mut out: Vec<Mapped> = Vec::with_capacity(input.len());
    for (offset, c) in input.char_indices() {
        let (start, end) = (offset as u32, (offset + c.len_utf8()) as u32);
        let push = |out: &mut Vec<Mapped>, c: char| {
            if c.is_whitespace() {
                if out.last().is_some_and(|m| m.c == ' ') || out.is_empty() {
                    return;
                }
                out.push(Mapped { c: ' ', start, end });
            } else {
                out.push(Mapped { c, start, end });
            }
        };
        if c.is_ascii() {
            push(&mut out, c.to_ascii_lowercase());
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => push(&mut out, '\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' => push(&mut out, '"'),
            '\u{2013}' | '\u{2014}' => push(&mut out, '-'),
            // Currency signs are evidence of a money request; decancer would fold £ into a
            // letter.
            '£' | '€' | '¥' | '₹' | '₿' => push(&mut out, c),
            '\u{2026}' => {
                for _ in 0..3 {
                    push(&mut out, '.');
                }
            }
            c if c.is_whitespace() => push(&mut out, ' '),
            c if is_pictograph(c) => push(&mut out, c),
            c => match decancer::cure_char(c, decancer::Options::default()) {
                decancer::Translation::Character(folded) => {
                    for lower in folded.to_lowercase() {
                        push(&mut out, lower);
                    }
                }
                decancer::Translation::String(folded) => {
                    for lower in folded.chars().flat_map(char::to_lowercase) {
                        push(&mut out, lower);
                    }
                }
                // Emoji and symbols decancer has no letter for are kept: 🍑 and 😘 mean things.
                decancer::Translation::None if !c.is_alphanumeric() => push(&mut out, c),
                decancer::Translation::None => {}
            },
        }
    }
    if out.last().is_some_and(|m| m.c == ' ') {
        out.pop();
    }
    out
}

/// Text-speak and abbreviations, expanded so that rules need only the full words.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("u", "you"),
    ("ya", "you"),
    ("yu", "you"),
    ("ur", "your"),
    ("urs", "yours"),
    ("r", "are"),
    ("pls", "please"),
    ("plz", "please"),
    ("plez", "please"),
    ("msg", "message"),
    ("msgs", "messages"),
    ("txt", "text"),
    ("pic", "picture"),
    ("pix", "pictures"),
    ("pics", "pictures"),
    ("piccy", "picture"),
    ("vid", "video"),
    ("vids", "videos"),
    ("2nite", "tonight"),
    ("tonite", "tonight"),
    ("2day", "today"),
    ("tmrw", "tomorrow"),
    ("tmr", "tomorrow"),
    ("2moro", "tomorrow"),
    ("b4", "before"),
    ("gr8", "great"),
    ("ppl", "people"),
    ("bc", "because"),
    ("coz", "because"),
    ("cuz", "because"),
    ("cos", "because"),
    ("rn", "right now"),
    ("lmk", "let me know"),
    ("thx", "thanks"),
    ("ty", "thank you"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("luv", "love"),
    ("wud", "would"),
    ("cud", "could"),
    ("shud", "should"),
    ("dat", "that"),
    ("dis", "this"),
    ("wat", "what"),
    ("wot", "what"),
    ("abt", "about"),
    ("acc", "account"),
    ("num", "number"),
    ("nums", "numbers"),
    ("no's", "numbers"),
    ("nos", "numbers"),
    ("insta", "instagram"),
    ("im", "i'm"),
    ("dont", "don't"),
    ("cant", "can't"),
    ("wont", "won't"),
    ("didnt", "didn't"),
    ("youre", "you're"),
    ("ive", "i've"),
    ("whats", "what's"),
    ("thats", "that's"),
    ("its", "it's"),
];

/// The abbreviations, looked up for every word of every message.
static EXPANSIONS: LazyLock<PackedWords> = LazyLock::new(|| PackedWords::new(ABBREVIATIONS));

#[cfg(test)]
fn expand(token: &str) -> Option<&'static str> {
    EXPANSIONS.get(token.chars())
}

/// Digits and symbols used as letters (`s3xy`, `p1cs`), only inside a word with at least two
/// real letters so that `4u` or `2024` stay as they are.
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => return None,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

/// Normalises `input` for rule matching.
pub fn normalize(input: &str) -> Normalized {
    if input.is_ascii() {
        normalize_ascii(input.as_bytes())
    } else {
        normalize_characters(input)
    }
}

/// Whether an ASCII byte is white space as `char::is_whitespace` has it (which, unlike
/// `u8::is_ascii_whitespace`, counts the vertical tab).
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// Whether an ASCII byte belongs to a word for [`normalize`]: a letter, a digit, an
/// apostrophe, or a symbol used as a letter.
fn is_ascii_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'\'' || leet(char::from(byte)).is_some()
}

/// [`normalize_characters`] for text that is all ASCII, as most messages are: the same
/// output, byte for byte and origin for origin (a property test compares them), computed on
/// bytes in place. Nothing needs folding, so no character-by-character copy of the text is
/// made first; building that copy and decoding characters was half of normalisation's time.
fn normalize_ascii(input: &[u8]) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(input.len()),
        origin: Vec::with_capacity(input.len()),
    };
    let emit = |out: &mut Normalized, byte: u8, start: u32, end: u32| {
        out.text.push(char::from(byte));
        out.origin.push((start, end));
    };
    let byte_at = |i: usize| input.get(i).map(u8::to_ascii_lowercase);
    // Leading white space is dropped, trailing white space too, and every run in between
    // becomes one space where the run starts.
    let mut i = input.iter().take_while(|b| is_ascii_space(**b)).count();
    // Room for the longest word once, instead of growing on the first words.
    let mut collapsed: Vec<(u8, u32, u32)> = Vec::with_capacity(input.len());
    while let Some(first) = byte_at(i) {
        if is_ascii_space(first) {
            let start = i;
            while byte_at(i).is_some_and(is_ascii_space) {
                i += 1;
            }
            if i < input.len() {
                emit(&mut out, b' ', start as u32, start as u32 + 1);
            }
            continue;
        }
        // A digit starts a word like any letter; `@` and `$` only continue one.
        if !(first.is_ascii_alphanumeric() || first == b'\'') {
            emit(&mut out, first, i as u32, i as u32 + 1);
            i += 1;
            continue;
        }
        let mut j = i;
        while byte_at(j).is_some_and(is_ascii_word_byte) {
            j += 1;
        }
        let token = input.get(i..j).unwrap_or_default();
        let letters = token.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let leet_word = letters >= 2
            && token
                .iter()
                .any(|b| !b.is_ascii_alphabetic() && leet(char::from(*b)).is_some());
        collapsed.clear();
        let keep_runs = token.eq_ignore_ascii_case(WWW);
        for (k, raw) in token.iter().enumerate() {
            let lower = raw.to_ascii_lowercase();
            let byte = match leet(char::from(lower)) {
                Some(letter) if leet_word => letter as u8,
                _ => lower,
            };
            let at = (i + k) as u32;
            let tripled = matches!(collapsed.as_slice(), [.., a, b] if a.0 == byte && b.0 == byte);
            if tripled && byte.is_ascii_alphabetic() && !keep_runs {
                if let Some(last) = collapsed.last_mut() {
                    last.2 = at + 1;
                }
            } else {
                collapsed.push((byte, at, at + 1));
            }
        }
        match EXPANSIONS.get(collapsed.iter().map(|m| char::from(m.0))) {
            Some(long) => long
                .bytes()
                .for_each(|b| emit(&mut out, b, i as u32, j as u32)),
            None => collapsed
                .iter()
                .for_each(|&(b, start, end)| emit(&mut out, b, start, end)),
        }
        i = j.max(i + 1);
    }
    out
}

/// The one word whose run of three letters is not an elongation: folded to "ww", a link's
/// `www.` never matched the rules written for it ("click here: www.…").
const WWW: &[u8] = b"www";

/// [`normalize`] for any text: folds characters first, then works on words.
fn normalize_characters(input: &str) -> Normalized {
    let chars = fold_characters(input);
    let mut out = Normalized {
        text: String::with_capacity(input.len()),
        origin: Vec::with_capacity(input.len()),
    };
    let emit = |out: &mut Normalized, c: char, start: u32, end: u32| {
        out.text.push(c);
        for _ in 0..c.len_utf8() {
            out.origin.push((start, end));
        }
    };
    let mut collapsed: Vec<Mapped> = Vec::new();
    let mut i = 0;
    while let Some(first) = chars.get(i) {
        let starts_leet_word = first.c.is_ascii_digit()
            && leet(first.c).is_some()
            && chars.get(i + 1).is_some_and(|n| n.c.is_alphabetic());
        if !is_word_char(first.c) && !starts_leet_word {
            emit(&mut out, first.c, first.start, first.end);
            i += 1;
            continue;
        }
        let mut j = i;
        while chars
            .get(j)
            .is_some_and(|m| is_word_char(m.c) || (leet(m.c).is_some() && m.c != '\''))
        {
            j += 1;
        }
        let token = chars.get(i..j).unwrap_or_default();
        let letters = token.iter().filter(|m| m.c.is_alphabetic()).count();
        let leet_word = letters >= 2
            && token
                .iter()
                .any(|m| !m.c.is_alphabetic() && leet(m.c).is_some());
        // A run of three or more of one letter becomes two: "sooo" and "soooooo" match "soo".
        // One buffer for every word of the text: this runs on every word `scan` reads.
        collapsed.clear();
        let keep_runs = token.len() == WWW.len() && token.iter().all(|m| m.c == 'w');
        for m in token {
            let m = match leet(m.c) {
                Some(letter) if leet_word => Mapped { c: letter, ..*m },
                _ => *m,
            };
            let tripled = matches!(collapsed.as_slice(), [.., a, b] if a.c == m.c && b.c == m.c);
            if tripled && m.c.is_alphabetic() && !keep_runs {
                if let Some(last) = collapsed.last_mut() {
                    last.end = m.end;
                }
            } else {
                collapsed.push(m);
            }
        }
        let (start, end) = (
            token.first().map_or(0, |m| m.start),
            token.last().map_or(0, |m| m.end),
        );
        match EXPANSIONS.get(collapsed.iter().map(|m| m.c)) {
            Some(long) => long.chars().for_each(|c| emit(&mut out, c, start, end)),
            None => collapsed
                .iter()
                .for_each(|m| emit(&mut out, m.c, m.start, m.end)),
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn every_abbreviation_is_listed_once_and_found() {
        let mut shorts: Vec<&str> = ABBREVIATIONS.iter().map(|(short, _)| *short).collect();
        shorts.sort_unstable();
        let count = shorts.len();
        shorts.dedup();
        assert_eq!(shorts.len(), count, "an abbreviation is listed twice");
        for (short, long) in ABBREVIATIONS {
            assert_eq!(expand(short), Some(*long));
        }
        assert_eq!(expand("yours truly"), None);
        assert_eq!(expand(""), None);
        // Longer than eight characters or not ASCII: never an abbreviation, whatever it packs to.
        assert_eq!(expand("tonightxx"), None);
        assert_eq!(expand("ür"), None);
    }

    #[test]
    fn elongations_fold_but_a_links_www_does_not() {
        assert_eq!(norm("sooo good, pleeeease"), "soo good, pleease");
        assert_eq!(
            norm("Tap here: WWW.example.com"),
            "tap here: www.example.com"
        );
        assert_eq!(norm("ｗｗｗ.example.com"), "www.example.com");
        assert_eq!(norm("wwwww"), "ww");
    }

    #[test]
    fn folds_case_lookalikes_and_spacing() {
        assert_eq!(norm("Long  TIME\nno   speak!"), "long time no speak!");
        assert_eq!(norm("ѕеху ріс"), "sexy picture");
        assert_eq!(norm("𝓈𝑒𝓍𝓎"), "sexy");
        assert_eq!(norm("don’t tell"), "don't tell");
        assert_eq!(norm("de\u{200B}lete"), "delete");
    }

    #[test]
    fn emoji_are_kept_as_written_and_enclosed_letters_are_read() {
        assert_eq!(norm("cash💰 now 😉"), "cash💰 now 😉");
        assert_eq!(norm("Hey gorgeous😘 ✅ ❤"), "hey gorgeous😘 ✅ ❤");
        assert_eq!(norm("🅵🆁🅴🅴 gift"), "free gift");
    }

    #[test]
    fn currency_signs_survive() {
        assert_eq!(normalize("Send me £5 or €5").text, "send me £5 or €5");
    }

    #[test]
    fn text_speak_and_leet() {
        assert_eq!(
            norm("Want 2 c sum s3xy p1cs of me? ur gonna luv them"),
            "want 2 c sum sexy pictures of me? your going to love them"
        );
        assert_eq!(norm("sooooo lonely"), "soo lonely");
        assert_eq!(
            norm("call me on 07700 900123 b4 2024"),
            "call me on 07700 900123 before 2024"
        );
        assert_eq!(norm("@abi_x"), "@abi_x");
    }

    /// Pieces of ASCII text that exercise every branch of normalisation: spacing of every
    /// kind, capitals, digits and symbols used as letters, letter runs, apostrophes,
    /// abbreviations (and their capitalised and run-on forms), punctuation.
    const ASCII_PIECES: &[&str] = &[
        " ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "a", "E", "sooo", "SOOOO", "aaa", "s3xy",
        "p1cs", "4u", "2024", "b4", "B4", "@", "$", "h@ck", "ca$h", "1", "0", "7", "'", "don't",
        "U", "ur", "UR", "pls", "gonna", "2nite", "tonite", "im", "its", "no's", "x", ".", "!",
        "?", ",", "-", "_", "hello", "WORLD", "l33t", "5ex", "m0ney", "\u{7f}", "\0",
    ];

    proptest::proptest! {
        #[test]
        fn ascii_text_normalises_as_the_character_path_does(
            picks in proptest::collection::vec(proptest::prelude::any::<usize>(), 0..24)
        ) {
            let text: String = picks
                .iter()
                .filter_map(|i| ASCII_PIECES.get(i % ASCII_PIECES.len()))
                .copied()
                .collect();
            let fast = normalize_ascii(text.as_bytes());
            let reference = normalize_characters(&text);
            proptest::prop_assert_eq!(&fast.text, &reference.text, "{:?}", text);
            proptest::prop_assert_eq!(&fast.origin, &reference.origin, "{:?}", text);
        }
    }

    #[test]
    fn evidence_maps_back_to_the_original() {
        let original = "Hey U, ѕеху ріс 4 u";
        let n = normalize(original);
        let at = n.text.find("sexy pic").unwrap();
        let range = n.original_range(at..at + "sexy pic".len());
        assert_eq!(&original[range], "ѕеху ріс");
        let at = n.text.find("you,").unwrap();
        assert_eq!(&original[n.original_range(at..at + 3)], "U");
    }
}
