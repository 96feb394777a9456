//! Payment details: where the money was meant to go, the indicator police ask for first.

use std::sync::LazyLock;

use regex::Regex;

use super::{Collector, IndicatorKind};

static IBAN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b").ok()
});
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
    // An IBAN starts with two capital letters (its country): most texts have no two in a row,
    // and a byte scan for them is far cheaper than the pattern's.
    let capitals = text
        .as_bytes()
        .windows(2)
        .any(|pair| pair.iter().all(u8::is_ascii_uppercase));
    if let Some(iban) = IBAN.as_ref().filter(|_| capitals) {
        for m in iban
            .find_iter(text)
            .filter(|m| iban_checksum_ok(m.as_str()))
        {
            out.add(IndicatorKind::Iban, m.as_str().replace(' ', ""), message);
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
