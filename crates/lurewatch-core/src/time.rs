//! A wall-clock timestamp as chat exports print it: local time, no zone. Exports never say
//! which zone they are in, so pretending to know would invent evidence.

use std::fmt;

/// A calendar date and time of day, validated on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl LocalDateTime {
    /// Builds a timestamp, or `None` when the fields do not name a real moment
    /// (30 February, hour 25, ...).
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 61;
        valid.then_some(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }
}

pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for LocalDateTime {
    /// ISO 8601 without a zone, which is what the exports mean.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_dates() {
        assert!(LocalDateTime::new(2023, 2, 29, 0, 0, 0).is_none());
        assert!(LocalDateTime::new(2024, 2, 29, 0, 0, 0).is_some());
        assert!(LocalDateTime::new(2024, 13, 1, 0, 0, 0).is_none());
        assert!(LocalDateTime::new(2024, 1, 1, 24, 0, 0).is_none());
        assert_eq!(
            LocalDateTime::new(2023, 12, 12, 21, 14, 5).map(|t| t.to_string()),
            Some("2023-12-12T21:14:05".to_string())
        );
    }
}
