//! Phone numbers to E.164 with the libphonenumber port, so that `07700 900123`, `+44 7700
//! 900123` and `wa.me/447700900123` are one indicator. Numbers are never dropped for failing
//! libphonenumber's validity check: fiction-reserved ranges (Ofcom's 07700 900xxx) and fresh
//! allocations are exactly what attackers and test data use.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use super::{Collector, IndicatorKind};

static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:\+|\b00|\b0|\(0)[\d \-().\x{00A0}]{6,20}\d|\b[1-9]\d{9,14}\b").ok()
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

    /// Finds numbers in free text.
    pub(crate) fn extract(&self, text: &str, message: Option<usize>, out: &mut Collector) {
        let Some(candidate) = CANDIDATE.as_ref() else {
            return;
        };
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for m in candidate.find_iter(text) {
            let written = m.as_str().trim_end_matches([' ', '-', '(', '.']);
            // Dates and times are not numbers: "12.12.2023", "21:14".
            if written.contains(':') || looks_like_date(written) {
                continue;
            }
            if let Some(e164) = self.parse(written) {
                out.add(IndicatorKind::Phone, e164, message);
            }
        }
    }
}

impl Default for PhoneParser {
    fn default() -> Self {
        PhoneParser {
            region: Some(phonenumber::country::Id::GB),
        }
    }
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
        let mut out = Collector::default();
        PhoneParser::default().extract(text, None, &mut out);
        out.items.into_iter().map(|i| i.value).collect()
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
}
