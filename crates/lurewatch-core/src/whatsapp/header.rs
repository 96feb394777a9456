//! The line header of a WhatsApp export: `12/12/2023, 21:14 - ` on Android,
//! `[12/12/2023, 21:14:05] ` on iOS, in every locale's date order, separator, clock and
//! spacing (whatstk lists 96 combinations). Which of day, month and year comes first is only
//! decided once the whole file has been seen, because a single line such as `05/06/23` cannot
//! tell.
//!
//! The grammar is small and every line of every export goes through it, so it is read by hand
//! rather than by a regex with captures (which made header parsing most of the parse time).
//! The regex it replaced is kept in the tests as an oracle that the two agree.

use crate::LocalDateTime;

/// A cursor over one line; every step either consumes what it expects or leaves it untouched.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, accept: impl Fn(char) -> bool) -> Option<char> {
        let c = self.rest.chars().next().filter(|c| accept(*c))?;
        self.rest = self.rest.get(c.len_utf8()..)?;
        Some(c)
    }

    /// Consumes as many accepted characters as there are, returning how many.
    fn eat_all(&mut self, accept: impl Fn(char) -> bool + Copy) -> usize {
        let mut n = 0;
        while self.eat(accept).is_some() {
            n += 1;
        }
        n
    }

    /// Reads 1 to `max` ASCII digits; `None` if there are none or more than `max`.
    fn number(&mut self, max: usize) -> Option<(u16, u8)> {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 || len > max {
            return None;
        }
        let value = self.rest.get(..len)?.parse().ok()?;
        self.rest = self.rest.get(len..)?;
        Some((value, u8::try_from(len).ok()?))
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

/// Reads the AM/PM marker in all its spellings (`PM`, `pm`, `p.m.`, `p. m.`), after optional
/// spaces. Returns `None` (and consumes nothing) when there is none.
fn meridiem(cursor: &mut Cursor<'_>) -> Option<bool> {
    let mut probe = Cursor { rest: cursor.rest };
    probe.eat_all(is_space);
    let pm = probe
        .eat(|c| matches!(c, 'a' | 'A' | 'p' | 'P'))?
        .eq_ignore_ascii_case(&'p');
    probe.eat(|c| c == '.');
    probe.eat(is_space);
    probe.eat(|c| matches!(c, 'm' | 'M'))?;
    probe.eat(|c| c == '.');
    cursor.rest = probe.rest;
    Some(pm)
}

/// A header as read from one line, before the date order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawHeader {
    /// The three date fields in the order written, with their digit counts.
    pub fields: [(u16, u8); 3],
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// `Some(true)` for PM, `Some(false)` for AM, `None` on a 24-hour clock.
    pub pm: Option<bool>,
    /// Byte offset in the line where the sender (or system text) starts.
    pub body_start: usize,
}

/// Reads the header at the start of `line`, if it has one.
pub(crate) fn read_header(line: &str) -> Option<RawHeader> {
    let mut c = Cursor { rest: line };
    c.eat(|ch| matches!(ch, '\u{200E}' | '\u{200F}' | '\u{FEFF}'));
    c.eat(|ch| ch == '[');
    let first = c.number(4)?;
    let separator = c.eat(|ch| matches!(ch, '.' | '/' | '-'))?;
    let second_field = c.number(2)?;
    c.eat(|ch| ch == separator)?;
    let third = c.number(4)?;
    c.eat(|ch| ch == ',');
    if c.eat_all(|ch| matches!(ch, ' ' | '\u{00A0}')) == 0 {
        return None;
    }
    let (hour, hour_digits) = c.number(2)?;
    c.eat(|ch| matches!(ch, ':' | '.'))?;
    let (minute, minute_digits) = c.number(2)?;
    let mut second = 0;
    let before_seconds = c.rest;
    if c.eat(|ch| matches!(ch, ':' | '.')).is_some() {
        match c.number(2) {
            Some((s, 2)) => second = s,
            _ => c.rest = before_seconds,
        }
    }
    if hour_digits == 0 || minute_digits != 2 {
        return None;
    }
    let pm = meridiem(&mut c);
    if c.eat(|ch| ch == ']').is_some() {
        c.eat(|ch| matches!(ch, ' ' | '\u{00A0}'));
    } else {
        if c.eat_all(is_space) == 0 {
            return None;
        }
        c.eat(|ch| matches!(ch, '-' | '–'))?;
        if c.eat_all(is_space) == 0 {
            return None;
        }
    }
    Some(RawHeader {
        fields: [first, second_field, third],
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
        second: u8::try_from(second).ok()?,
        pm,
        body_start: line.len() - c.rest.len(),
    })
}

/// The order of the date fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateOrder {
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
    YearDayMonth,
}

impl DateOrder {
    /// In order of preference when the file cannot tell: most of the world writes
    /// day-month-year, the United States month-day-year.
    const ALL: [DateOrder; 4] = [
        DateOrder::DayMonthYear,
        DateOrder::MonthDayYear,
        DateOrder::YearMonthDay,
        DateOrder::YearDayMonth,
    ];

    /// (year, month, day) indices into the written fields.
    fn indices(self) -> (usize, usize, usize) {
        match self {
            DateOrder::DayMonthYear => (2, 1, 0),
            DateOrder::MonthDayYear => (2, 0, 1),
            DateOrder::YearMonthDay => (0, 1, 2),
            DateOrder::YearDayMonth => (0, 2, 1),
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            DateOrder::DayMonthYear => "day/month/year",
            DateOrder::MonthDayYear => "month/day/year",
            DateOrder::YearMonthDay => "year/month/day",
            DateOrder::YearDayMonth => "year/day/month",
        }
    }
}

/// Turns a header into a timestamp under one date order, or `None` if that order makes it
/// an impossible date.
pub(crate) fn to_datetime(header: &RawHeader, order: DateOrder) -> Option<LocalDateTime> {
    let (yi, mi, di) = order.indices();
    let (year, year_digits) = *header.fields.get(yi)?;
    let (month, month_digits) = *header.fields.get(mi)?;
    let (day, day_digits) = *header.fields.get(di)?;
    if month_digits > 2 || day_digits > 2 || year_digits == 3 {
        return None;
    }
    let year = if year_digits <= 2 { 2000 + year } else { year };
    let hour = match header.pm {
        None => header.hour,
        Some(_) if header.hour > 12 || header.hour == 0 && header.pm == Some(true) => return None,
        Some(false) => header.hour % 12,
        Some(true) => header.hour % 12 + 12,
    };
    LocalDateTime::new(
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        hour,
        header.minute,
        header.second,
    )
}

/// Chooses the date order that explains the whole file best: every date must be a real one;
/// then time should run forwards; then the year should change least between neighbouring
/// lines (a day misread as a year jumps about). Ties go to the most common convention.
/// Returns the order and how many headers it could not read.
pub(crate) fn resolve_date_order(headers: &[RawHeader]) -> (DateOrder, usize) {
    let mut best: Option<(DateOrder, (usize, usize, usize))> = None;
    for order in DateOrder::ALL {
        let (mut invalid, mut backwards, mut year_changes) = (0, 0, 0);
        let mut previous: Option<LocalDateTime> = None;
        for header in headers {
            match to_datetime(header, order) {
                Some(t) => {
                    if let Some(p) = previous {
                        backwards += usize::from(t < p);
                        year_changes += usize::from(t.year != p.year);
                    }
                    previous = Some(t);
                }
                None => invalid += 1,
            }
        }
        let cost = (invalid, backwards, year_changes);
        if best.is_none_or(|(_, best_cost)| cost < best_cost) {
            best = Some((order, cost));
        }
    }
    best.map_or((DateOrder::DayMonthYear, 0), |(order, (invalid, _, _))| {
        (order, invalid)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(line: &str, order: DateOrder) -> Option<String> {
        read_header(line)
            .and_then(|h| to_datetime(&h, order))
            .map(|t| t.to_string())
    }

    #[test]
    fn android_ios_and_locales() {
        use DateOrder::*;
        assert_eq!(
            stamp("12/12/2023, 21:14 - Charlie: hi", DayMonthYear).as_deref(),
            Some("2023-12-12T21:14:00")
        );
        assert_eq!(
            stamp("[12/12/2023, 21:14:05] Charlie: hi", DayMonthYear).as_deref(),
            Some("2023-12-12T21:14:05")
        );
        assert_eq!(
            stamp("15.04.2016, 15:04 - A: b", DayMonthYear).as_deref(),
            Some("2016-04-15T15:04:00")
        );
        assert_eq!(
            stamp("01/30/2019, 08:49 p. m. - J: x", MonthDayYear).as_deref(),
            Some("2019-01-30T20:49:00")
        );
        assert_eq!(
            stamp("1/2/24, 9:05\u{202F}PM - A: x", MonthDayYear).as_deref(),
            Some("2024-01-02T21:05:00")
        );
        assert_eq!(
            stamp("\u{200E}[2019/01/20 11:23] A: x", YearMonthDay).as_deref(),
            Some("2019-01-20T11:23:00")
        );
        assert_eq!(
            stamp("12/12/2023, 12:30 am - A: x", DayMonthYear).as_deref(),
            Some("2023-12-12T00:30:00")
        );
    }

    #[test]
    fn rejects_non_headers() {
        for line in [
            "hello",
            "12/12 - x",
            "2023 was good",
            "12/12-2023, 21:14 - A: b",
            "[12/12/2023 21:14 A: b",
        ] {
            assert_eq!(read_header(line), None, "{line}");
        }
    }

    /// The regex the hand-written reader replaced, as an oracle.
    fn regex_header(line: &str) -> Option<(Vec<String>, usize)> {
        let re = regex::Regex::new(concat!(
            r"^[\x{200E}\x{200F}\x{FEFF}]?\[?",
            r"(\d{1,4})([./-])(\d{1,2})([./-])(\d{1,4}),?[ \x{00A0}]+",
            r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?",
            r"(?:[ \x{00A0}\x{202F}]*([aApP])\.?[ \x{00A0}\x{202F}]?[mM]\.?)?",
            r"(?:\][ \x{00A0}]?|[ \x{00A0}\x{202F}]+[-–][ \x{00A0}\x{202F}]+)",
        ))
        .unwrap();
        let caps = re.captures(line)?;
        if caps.get(2)?.as_str() != caps.get(4)?.as_str() {
            return None;
        }
        let groups = [1, 3, 5, 6, 7, 8, 9]
            .iter()
            .map(|&i| caps.get(i).map_or("", |m| m.as_str()).to_owned())
            .collect();
        Some((groups, caps.get(0)?.end()))
    }

    fn hand_header(line: &str) -> Option<(Vec<String>, usize)> {
        let h = read_header(line)?;
        let f = |(v, d): (u16, u8)| format!("{v:0width$}", width = d as usize);
        let groups = vec![
            f(h.fields[0]),
            f(h.fields[1]),
            f(h.fields[2]),
            h.hour.to_string(),
            format!("{:02}", h.minute),
            String::new(),
            String::new(),
        ];
        Some((groups, h.body_start))
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_regex(line in r"[\x{200E}\[]?[0-9]{1,5}[./-][0-9]{1,3}[./-][0-9]{1,5},?[ \x{00A0}]{0,2}[0-9]{1,3}[:.][0-9]{1,3}([:.][0-9]{2})?([ \x{202F}]?[aApP]\.? ?[mM]\.?)?(\]|[ \x{202F}]-[ \x{202F}]| - |\] |-| )[A-Za-z: ]{0,6}") {
            let ours = hand_header(&line).map(|(g, end)| (g[..3].to_vec(), end));
            let oracle = regex_header(&line).map(|(g, end)| {
                let norm = |s: &String| s.clone();
                (g[..3].iter().map(norm).collect::<Vec<_>>(), end)
            });
            proptest::prop_assert_eq!(ours, oracle, "{:?}", line);
        }
    }

    #[test]
    fn resolves_order_from_the_whole_file() {
        let lines = [
            "05/06/23, 10:00 - A: x",
            "05/07/23, 10:00 - A: x",
            "13/07/23, 10:00 - A: x",
        ];
        let headers: Vec<_> = lines.iter().filter_map(|l| read_header(l)).collect();
        assert_eq!(resolve_date_order(&headers), (DateOrder::DayMonthYear, 0));
        let lines = [
            "05/06/23, 10:00 - A: x",
            "05/07/23, 10:00 - A: x",
            "07/13/23, 10:00 - A: x",
        ];
        let headers: Vec<_> = lines.iter().filter_map(|l| read_header(l)).collect();
        assert_eq!(resolve_date_order(&headers), (DateOrder::MonthDayYear, 0));
    }
}
