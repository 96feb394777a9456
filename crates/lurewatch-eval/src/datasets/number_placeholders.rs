//! Numbers written back where the NUS corpus anonymised them. NUS replaced the numbers of its
//! texts with placeholders ("in  <#>  mins", "<DECIMAL> is the price", "at <TIME>"), 3,259
//! texts of 55,835, on both sides of our split; UCI took its ham from NUS, and Mishra–Soni
//! copied UCI, placeholders and all. Read as published, the benign texts a model learns from
//! have fewer digits than a person's real ones, so digits look like smishing to it: the NUS
//! test texts with a placeholder false-alarmed at 1.0 % as published and at 2.3 % with plausible
//! numbers written back (docs/accuracy.md). So the loaders write numbers back, as they do for
//! SPAM-Hunter's masked digits.
//!
//! Which number it was is lost. The stand-ins are short, as most of NUS's are (counts, prices,
//! minutes, days), pseudo-random and seeded by the text, so that copies of one text in two sets
//! stay copies and no particular digit becomes a signal. `<EMAIL>` and `<URL>` are left: they
//! are not numbers, and a made-up address would teach the model more than the placeholder does.

use lurewatch_core::random::XorShift64;

/// The placeholders that stood for numbers, and how each is written back.
const PLACEHOLDERS: &[(&str, Shape)] = &[
    ("<#>", Shape::Integer),
    ("<DECIMAL>", Shape::Decimal),
    ("<TIME>", Shape::Time),
    ("<DATE>", Shape::Date),
];

#[derive(Clone, Copy)]
enum Shape {
    Integer,
    Decimal,
    Time,
    Date,
}

/// `text` with every numeric placeholder replaced by a stand-in number; `seed` should come
/// from the text as published.
pub fn fill(text: &str, seed: u64) -> String {
    if !text.contains('<') {
        return text.to_owned();
    }
    let mut random = XorShift64::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(rest.get(..at).unwrap_or_default());
        let tail = rest.get(at..).unwrap_or_default();
        match PLACEHOLDERS.iter().find(|(p, _)| tail.starts_with(p)) {
            Some((placeholder, shape)) => {
                write_number(*shape, &mut random, &mut out);
                rest = tail.get(placeholder.len()..).unwrap_or_default();
            }
            None => {
                out.push('<');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

fn write_number(shape: Shape, random: &mut XorShift64, out: &mut String) {
    let mut below = |n: u64| random.next_u64() % n;
    match shape {
        Shape::Integer => {
            // One to four digits, most often two: "in 15 mins", "Rs 250", "3 days".
            let digits = match below(20) {
                0..=6 => 1,
                7..=15 => 2,
                16..=18 => 3,
                _ => 4,
            };
            let low = 10u64.pow(digits - 1);
            let value = if digits == 1 {
                below(10)
            } else {
                low + below(9 * low)
            };
            out.push_str(&value.to_string());
        }
        Shape::Decimal => {
            let whole = below(100);
            let fraction = below(100);
            out.push_str(&format!("{whole}.{fraction:02}"));
        }
        Shape::Time => {
            let hour = 1 + below(12);
            let minute = below(12) * 5;
            out.push_str(&format!("{hour}:{minute:02}"));
        }
        Shape::Date => {
            let day = 1 + below(28);
            let month = 1 + below(12);
            out.push_str(&format!("{day}/{month}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn numeric_placeholders_become_numbers_and_others_stay() {
        let filled = fill(
            "in  <#>  mins, <DECIMAL> each at <TIME> on <DATE>; <EMAIL> <3 <URL> a<b",
            7,
        );
        assert!(
            !filled.contains("<#>") && !filled.contains("<DECIMAL>"),
            "{filled}"
        );
        assert!(
            !filled.contains("<TIME>") && !filled.contains("<DATE>"),
            "{filled}"
        );
        assert!(filled.ends_with("; <EMAIL> <3 <URL> a<b"), "{filled}");
        assert!(
            filled.starts_with("in  ") && filled.contains("  mins, "),
            "{filled}"
        );
        let (filled_part, _) = filled.split_once(';').unwrap();
        let numbers = filled_part
            .split(|c: char| !c.is_ascii_digit() && c != '.' && c != ':' && c != '/')
            .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
            .count();
        assert_eq!(numbers, 4, "{filled}");
    }

    #[test]
    fn the_same_text_and_seed_give_the_same_numbers() {
        let text = "Rs <#> for <#> days, <DECIMAL> left";
        assert_eq!(fill(text, 42), fill(text, 42));
        assert_eq!(fill("no placeholder here", 1), "no placeholder here");
    }
}
