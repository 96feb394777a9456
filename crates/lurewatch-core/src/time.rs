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

impl LocalDateTime {
    /// The UTC wall-clock time of a Unix timestamp (seconds), for formats that store epochs
    /// (Telegram's `date_unixtime`, Meta's and SMS backups' milliseconds).
    pub fn from_unix_seconds(seconds: i64) -> Option<Self> {
        let days = seconds.div_euclid(86_400);
        let in_day = seconds.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        LocalDateTime::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
            u8::try_from(in_day / 3600).ok()?,
            u8::try_from(in_day % 3600 / 60).ok()?,
            u8::try_from(in_day % 60).ok()?,
        )
    }

    /// Reads `2019-07-12T16:55:32` with optional fraction and zone (`Z`, `+00:00`), keeping the
    /// wall-clock time as written.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        let num = |range: std::ops::Range<usize>| -> Option<u16> { text.get(range)?.parse().ok() };
        if b.len() < 16 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        if !matches!(b.get(10), Some(b'T' | b' ')) {
            return None;
        }
        let second = if b.get(16) == Some(&b':') {
            num(17..19)?
        } else {
            0
        };
        LocalDateTime::new(
            num(0..4)?,
            u8::try_from(num(5..7)?).ok()?,
            u8::try_from(num(8..10)?).ok()?,
            u8::try_from(num(11..13)?).ok()?,
            u8::try_from(num(14..16)?).ok()?,
            u8::try_from(second).ok()?,
        )
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
    fn epochs_and_iso() {
        let t = |s: i64| LocalDateTime::from_unix_seconds(s).map(|t| t.to_string());
        assert_eq!(t(0).as_deref(), Some("1970-01-01T00:00:00"));
        assert_eq!(t(1_652_135_033).as_deref(), Some("2022-05-09T22:23:53"));
        assert_eq!(t(951_782_400).as_deref(), Some("2000-02-29T00:00:00"));
        let iso = |s: &str| LocalDateTime::parse_iso(s).map(|t| t.to_string());
        assert_eq!(
            iso("2019-01-04T17:52:39.762+00:00").as_deref(),
            Some("2019-01-04T17:52:39")
        );
        assert_eq!(
            iso("2026-02-01T12:00:00Z").as_deref(),
            Some("2026-02-01T12:00:00")
        );
        assert_eq!(
            iso("2026-02-01 12:00").as_deref(),
            Some("2026-02-01T12:00:00")
        );
        assert_eq!(iso("2026-02-31T12:00:00"), None);
        assert_eq!(iso("nonsense"), None);
    }

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
