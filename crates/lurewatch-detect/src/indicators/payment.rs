//! Payment details: where the money was meant to go, the indicator police ask for first.

use std::sync::LazyLock;

use regex::Regex;

use super::{Collector, IndicatorKind};

/// An IBAN as people write it: in capitals or not, compact or in groups of four separated by
/// spaces or hyphens ("gb82 west 1234 …", "GB82-WEST-…"). The country's length and the
/// checksum then decide.
static IBAN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b").ok()
});

/// Every country's IBAN length (SWIFT's IBAN registry): an IBAN is exactly this long, so a
/// match is cut to it (a word after an IBAN can look like one more group) and one of another
/// length, or of a country without IBANs, is no IBAN.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// The IBAN in a match of [`IBAN`], compact and in capitals, if its country has IBANs of
/// that length and its checksum holds.
fn iban_in(found: &str) -> Option<String> {
    let compact: String = found
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let country = compact.get(..2)?;
    let (_, length) = IBAN_LENGTHS.iter().find(|(code, _)| *code == country)?;
    let iban = compact.get(..*length)?;
    iban_checksum_ok(iban).then(|| iban.to_owned())
}
static WALLET: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(?:bc1[02-9ac-hj-np-z]{25,59}|[13][1-9A-HJ-NP-Za-km-z]{25,34}|0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33})\b").ok()
});

/// ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97.
fn iban_checksum_ok(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() < 15 || compact.len() > 34 {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let mut remainder: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let value = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

pub(crate) fn extract(text: &str, message: Option<usize>, out: &mut Collector) {
    // An IBAN starts with two letters (its country) and two digits: most texts have no such
    // four bytes in a row, and a byte scan for them is far cheaper than the pattern's.
    let opening = text.as_bytes().windows(4).any(|four| {
        matches!(four, [a, b, c, d] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic()
            && c.is_ascii_digit() && d.is_ascii_digit())
    });
    if let Some(pattern) = IBAN.as_ref().filter(|_| opening) {
        for iban in pattern.find_iter(text).filter_map(|m| iban_in(m.as_str())) {
            out.add(IndicatorKind::Iban, iban, message);
        }
    }
    if let Some(wallet) = WALLET.as_ref() {
        for m in wallet.find_iter(text) {
            out.add(IndicatorKind::CryptoWallet, m.as_str(), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_checksummed() {
        let mut out = Collector::default();
        extract(
            "send it to GB82 WEST 1234 5698 7654 32 or GB00 WEST 1234 5698 7654 32",
            None,
            &mut out,
        );
        let values: Vec<_> = out.items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(values, vec!["GB82WEST12345698765432"]);
    }

    fn ibans(text: &str) -> Vec<String> {
        Collector::values_from(|out| extract(text, None, out))
    }

    #[test]
    fn ibans_written_in_small_letters_or_with_hyphens_are_found() {
        let gb = vec!["GB82WEST12345698765432".to_owned()];
        assert_eq!(ibans("pay to gb82 west 1234 5698 7654 32 today"), gb);
        assert_eq!(ibans("IBAN: GB82-WEST-1234-5698-7654-32"), gb);
        assert_eq!(ibans("GB82WEST12345698765432 TODAY please"), gb);
        assert_eq!(
            ibans("de89 3704 0044 0532 0130 00 thanks"),
            vec!["DE89370400440532013000".to_owned()]
        );
        assert_eq!(
            ibans("NL91ABNA0417164300"),
            vec!["NL91ABNA0417164300".to_owned()]
        );
        // A valid checksum in a country without IBANs, or at another length: no IBAN.
        assert!(ibans("US64 SVBK US6S 3300 9673 86").is_empty());
        assert!(ibans("with love from tn45 with love from home").is_empty());
    }

    #[test]
    fn the_registry_lists_each_country_once_at_a_possible_length() {
        let mut codes: Vec<&str> = IBAN_LENGTHS.iter().map(|(code, _)| *code).collect();
        let listed = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), listed);
        assert!(
            IBAN_LENGTHS
                .iter()
                .all(|(_, length)| (15..=34).contains(length))
        );
    }

    #[test]
    fn wallets() {
        let mut out = Collector::default();
        extract(
            "btc: bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            None,
            &mut out,
        );
        assert_eq!(out.items.len(), 1);
    }
}
