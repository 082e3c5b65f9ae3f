//! Calendar dates: what the card needs for birthdays, on `jiff` (civil
//! dates, and the system's time-zone database for "today").
//!
//! The API sends dates as `1971-10-18T00:00:00` and takes `1971-10-18` in
//! request bodies; the operator reads `18.10.1971` and may type it in any of
//! the ways people write dates here: `18.10.1971`, `18101971`, `18 10 1971`,
//! `18/10/1971`, `1971-10-18`, and for a birthday with a two-digit year,
//! `18.10.71` (the most recent such year that is not in the future).

use std::fmt;

use crate::text::sanitize;

/// The earliest year an operator may type.
pub(crate) const MIN_YEAR: i32 = 1900;
/// The latest year an operator may type.
pub(crate) const MAX_YEAR: i32 = 9999;
/// The oldest age [`parse_birthday`] accepts.
pub(crate) const MAX_AGE: u32 = 120;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 1971.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
}

/// Why a typed date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Nothing was typed.
    #[error("no date given")]
    Empty,
    /// Not a date in any of the accepted forms.
    #[error("expected a date as dd.mm.yyyy")]
    Format,
    /// The month is not 1 to 12.
    #[error("month {month} does not exist")]
    MonthOutOfRange {
        /// The month typed.
        month: u32,
    },
    /// The month has fewer days.
    #[error("{month:02}.{year} has no day {day}")]
    DayOutOfRange {
        /// The day typed.
        day: u32,
        /// The month typed.
        month: u32,
        /// The year typed.
        year: i32,
    },
    /// The year is before [`MIN_YEAR`] or after [`MAX_YEAR`].
    #[error("year {year} is out of range")]
    YearOutOfRange {
        /// The year typed.
        year: i32,
    },
    /// A birthday after today.
    #[error("the date is in the future")]
    InFuture,
    /// A birthday more than [`MAX_AGE`] years ago.
    #[error("age {age} is not plausible")]
    TooOld {
        /// The age that date gives today.
        age: u32,
    },
}

impl Date {
    /// A valid date, or `None` (31.02, 29.02.1900, month 13, day 0).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let civil = jiff::civil::Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        Some(Date::from(civil))
    }

    /// The date today in the system's time zone (`TZ`, else
    /// `/etc/localtime`; UTC when neither can be read).
    pub fn today() -> Date {
        Date::from(
            jiff::Timestamp::now()
                .to_zoned_datetime(system_zone())
                .date(),
        )
    }

    /// `18.10.1971`: how the operator reads a date.
    pub fn ru(&self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// `1971-10-18`: the format of request bodies.
    pub fn api(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Full years from this date to `today` (a birthday today counts; 0 if
    /// `today` is earlier). Born on 29 February, one is a year older on
    /// 1 March in common years.
    pub(crate) fn age_on(&self, today: Date) -> u32 {
        if today < *self {
            return 0;
        }
        let mut years = today.year - self.year;
        if (today.month, today.day) < (self.month, self.day) {
            years -= 1;
        }
        u32::try_from(years).unwrap_or(0)
    }
}

/// The system's time zone: `TZ` as jiff reads it; without `TZ`,
/// `/etc/localtime` read directly, since jiff would first walk the whole
/// time-zone database to name it (41% of crmcard's instructions from start
/// to the first frame, `cargo bench --bench perf -- callgrind`); UTC when
/// neither can be read.
fn system_zone() -> jiff::tz::TimeZone {
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(zone) = jiff::tz::TimeZone::tzif("localtime", &data)
    {
        return zone;
    }
    jiff::tz::TimeZone::system()
}

impl From<jiff::civil::Date> for Date {
    fn from(d: jiff::civil::Date) -> Self {
        Date {
            year: i32::from(d.year()),
            month: u32::try_from(d.month()).unwrap_or(1),
            day: u32::try_from(d.day()).unwrap_or(1),
        }
    }
}

impl fmt::Display for Date {
    /// The same as [`Date::ru`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ru())
    }
}

/// An API date: `1971-10-18`, optionally followed by `T` or a space and a
/// time with fractions and a zone (`T00:00:00.000+03:00`, `Z`). `None` for
/// anything else, the empty string included.
pub(crate) fn parse_api(s: &str) -> Option<Date> {
    let s = s.trim();
    let date = s.get(..10)?;
    let rest = &s[10..];
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&date[..4])?;
    let month = digits(&date[5..7])?;
    let day = digits(&date[8..10])?;
    if !rest.is_empty() {
        let time = rest.strip_prefix(['T', 't', ' '])?;
        let time_ok = time.len() >= 5
            && time.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && time.as_bytes()[2] == b':'
            && time.bytes().all(|c| {
                c.is_ascii_digit() || matches!(c, b':' | b'.' | b'+' | b'-' | b'Z' | b'z')
            });
        if !time_ok {
            return None;
        }
    }
    Date::new(i32::try_from(year).ok()?, month, day)
}

/// A year as typed: all four digits, or only the last two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Year {
    Full(i32),
    Short(u32),
}

/// Day, month and year as typed, not yet checked against the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Typed {
    day: u32,
    month: u32,
    year: Year,
}

/// Splits a typed date into its parts: `dd.mm.yyyy` with `.`, `/`, `-`, `,`
/// or spaces between them (day and month of one or two digits), the same
/// with a two-digit year, `yyyy-mm-dd` (any of those separators), and the
/// digits alone: `ddmmyyyy`, `ddmmyy`.
fn split_typed(s: &str) -> Result<Typed, DateError> {
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        let n = |range: std::ops::Range<usize>| digits(&s[range]).ok_or(DateError::Format);
        return match s.len() {
            8 => Ok(Typed {
                day: n(0..2)?,
                month: n(2..4)?,
                year: Year::Full(i32::try_from(n(4..8)?).map_err(|_| DateError::Format)?),
            }),
            6 => Ok(Typed {
                day: n(0..2)?,
                month: n(2..4)?,
                year: Year::Short(n(4..6)?),
            }),
            _ => Err(DateError::Format),
        };
    }
    let Some(sep) = s.chars().find(|c| !c.is_ascii_digit()) else {
        return Err(DateError::Format);
    };
    let parts: Vec<&str> = if sep.is_whitespace() {
        s.split_whitespace().collect()
    } else if matches!(sep, '.' | '/' | '-' | ',') {
        s.split(sep).collect()
    } else {
        return Err(DateError::Format);
    };
    let [a, b, c] = parts[..] else {
        return Err(DateError::Format);
    };
    let (Some(na), Some(nb), Some(nc)) = (digits(a), digits(b), digits(c)) else {
        return Err(DateError::Format);
    };
    let short = |p: &str| (1..=2).contains(&p.len());
    let year = |n: u32| i32::try_from(n).map_err(|_| DateError::Format);
    match (a.len(), b.len(), c.len()) {
        (4, _, _) if short(b) && short(c) => Ok(Typed {
            day: nc,
            month: nb,
            year: Year::Full(year(na)?),
        }),
        (_, _, 4) if short(a) && short(b) => Ok(Typed {
            day: na,
            month: nb,
            year: Year::Full(year(nc)?),
        }),
        (_, _, 2) if short(a) && short(b) => Ok(Typed {
            day: na,
            month: nb,
            year: Year::Short(nc),
        }),
        _ => Err(DateError::Format),
    }
}

/// Checks a day, month and four-digit year against the calendar, with the
/// reason when it is not a date.
fn checked(day: u32, month: u32, year: i32) -> Result<Date, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::MonthOutOfRange { month });
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateError::YearOutOfRange { year });
    }
    Date::new(year, month, day).ok_or(DateError::DayOutOfRange { day, month, year })
}

/// A date typed by the operator with all four digits of its year, in any of
/// the forms of [`split_typed`] (`18.10.1971`, `18101971`, `1971-10-18`, …).
/// A two-digit year is a [`DateError::Format`] here: only a birthday knows
/// which century it means ([`parse_birthday`]). Only the tests read a date
/// so.
#[cfg(test)]
pub(crate) fn parse_ru(s: &str) -> Result<Date, DateError> {
    let typed = split_typed(s.trim())?;
    match typed.year {
        Year::Full(year) => checked(typed.day, typed.month, year),
        Year::Short(_) => Err(DateError::Format),
    }
}

/// A birthday typed by the operator: any form of [`split_typed`], or a
/// two-digit year, read as the most recent such year that does not put the
/// date after `today` (`17.05.90` → 1990; on 28.11.2026, `17.12.26` →
/// 1926). Neither after `today` nor more than [`MAX_AGE`] years before it.
pub(crate) fn parse_birthday(s: &str, today: Date) -> Result<Date, DateError> {
    let typed = split_typed(s.trim())?;
    let date = match typed.year {
        Year::Full(year) => checked(typed.day, typed.month, year)?,
        Year::Short(yy) => {
            let century = today.year - today.year.rem_euclid(100);
            let yy = i32::try_from(yy).map_err(|_| DateError::Format)?;
            let mut year = century + yy;
            if (year, typed.month, typed.day) > (today.year, today.month, today.day) {
                year -= 100;
            }
            checked(typed.day, typed.month, year)?
        }
    };
    if date > today {
        return Err(DateError::InFuture);
    }
    let age = date.age_on(today);
    if age > MAX_AGE {
        return Err(DateError::TooOld { age });
    }
    Ok(date)
}

/// An API date string as `dd.mm.yyyy`; text that is not a date is shown as
/// it came, sanitized (`""` stays `""`).
pub(crate) fn display_api_date(s: &str) -> String {
    match parse_api(s) {
        Some(date) => date.ru(),
        None => sanitize(s.trim()),
    }
}

/// ASCII digits only, as a number.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> Date {
        Date::new(year, month, day).expect("valid date")
    }

    #[test]
    fn leap_years() {
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 30).is_none());
        assert!(Date::new(2024, 2, 31).is_none());
    }

    #[test]
    fn month_and_day_bounds() {
        assert!(Date::new(2024, 1, 31).is_some());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::new(2024, 12, 31).is_some());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 0, 1).is_none());
        assert!(Date::new(2024, 1, 0).is_none());
        assert!(Date::new(i32::MAX, 1, 1).is_none());
        assert!(Date::new(2024, 300, 1).is_none());
    }

    #[test]
    fn today_is_plausible() {
        let today = Date::today();
        assert!(today.year >= 2024 && today.year < 2200, "{today:?}");
        assert!(Date::new(today.year, today.month, today.day).is_some());
    }

    /// `/etc/localtime` read directly tells the same time as jiff's own
    /// look-up of the system's zone.
    #[test]
    fn the_zone_read_directly_tells_the_time_jiff_tells() {
        let now = jiff::Timestamp::now();
        let ours = now.to_zoned_datetime(system_zone()).datetime();
        let jiffs = now
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .datetime();
        assert_eq!(ours, jiffs);
    }

    #[test]
    fn parses_api_dates() {
        let want = Some(d(1971, 10, 18));
        assert_eq!(parse_api("1971-10-18T00:00:00"), want);
        assert_eq!(parse_api("1971-10-18"), want);
        assert_eq!(parse_api("1971-10-18T00:00:00.000"), want);
        assert_eq!(parse_api("1971-10-18T00:00:00Z"), want);
        assert_eq!(parse_api("1971-10-18T00:00:00+03:00"), want);
        assert_eq!(parse_api("1971-10-18T00:00:00.1234567-05:00"), want);
        assert_eq!(parse_api("1971-10-18 00:00:00"), want);
        assert_eq!(parse_api(" 1971-10-18 "), want);
    }

    #[test]
    fn refuses_garbage_api_dates() {
        for s in [
            "",
            "null",
            "1971-10-1",
            "1971-13-18",
            "1971-02-30",
            "1971/10/18",
            "18.10.1971",
            "1971-10-18garbage",
            "1971-10-18T",
            "1971-10-18Tab:cd",
            "+971-10-18",
            "1971-1a-18",
            "ыыыы-10-18",
            "1971-10-18T00:00:00 extra",
        ] {
            assert_eq!(parse_api(s), None, "{s:?}");
        }
    }

    #[test]
    fn parses_russian_dates() {
        assert_eq!(parse_ru("18.10.1971"), Ok(d(1971, 10, 18)));
        assert_eq!(parse_ru("1.2.2000"), Ok(d(2000, 2, 1)));
        assert_eq!(parse_ru(" 29.02.2000 "), Ok(d(2000, 2, 29)));
    }

    #[test]
    fn every_usual_form_of_a_date() {
        let want = Ok(d(1990, 5, 17));
        for s in [
            "17.05.1990",
            "17051990",
            "17 05 1990",
            "17  5   1990",
            "17/05/1990",
            "17-05-1990",
            "17,05,1990",
            "1990-05-17",
            "1990.5.17",
            "17.5.1990",
        ] {
            assert_eq!(parse_ru(s), want, "{s:?}");
        }
    }

    #[test]
    fn two_digit_years_need_a_birthday() {
        assert_eq!(parse_ru("17.05.90"), Err(DateError::Format));
        assert_eq!(parse_ru("170590"), Err(DateError::Format));
        let today = d(2026, 11, 28);
        let want = Ok(d(1990, 5, 17));
        for s in ["17.05.90", "170590", "17 05 90", "17/5/90"] {
            assert_eq!(parse_birthday(s, today), want, "{s:?}");
        }
    }

    #[test]
    fn two_digit_years_go_to_the_most_recent_past() {
        let today = d(2026, 11, 28);
        assert_eq!(parse_birthday("01.01.05", today), Ok(d(2005, 1, 1)));
        assert_eq!(parse_birthday("28.11.26", today), Ok(d(2026, 11, 28)));
        // Later this year has not come yet: a century back.
        assert_eq!(parse_birthday("29.11.26", today), Ok(d(1926, 11, 29)));
        assert_eq!(parse_birthday("01.01.27", today), Ok(d(1927, 1, 1)));
        assert_eq!(parse_birthday("31.12.99", today), Ok(d(1999, 12, 31)));
        assert_eq!(parse_birthday("01.01.00", today), Ok(d(2000, 1, 1)));
        // The calendar of the year it lands on.
        assert_eq!(parse_birthday("29.02.00", today), Ok(d(2000, 2, 29)));
        assert_eq!(
            parse_birthday("29.02.27", today),
            Err(DateError::DayOutOfRange {
                day: 29,
                month: 2,
                year: 1927
            })
        );
        assert_eq!(
            parse_birthday("17.13.90", today),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
    }

    #[test]
    fn russian_date_errors_say_why() {
        assert_eq!(parse_ru(""), Err(DateError::Empty));
        assert_eq!(parse_ru("   "), Err(DateError::Empty));
        for s in [
            "1810197",
            "181019711",
            "18.10",
            "18.10.1971.",
            "18.10-1971",
            "18. 10. 1971",
            "a.10.1971",
            "018.10.1971",
            "18..1971",
            "+1.10.1971",
            "18.10.19711",
            "18.10.197",
            "1971-10-018",
            "1971-10-18-1",
            "18_10_1971",
            "１８.10.1971",
        ] {
            assert_eq!(parse_ru(s), Err(DateError::Format), "{s:?}");
        }
        assert_eq!(
            parse_ru("29.02.1900"),
            Err(DateError::DayOutOfRange {
                day: 29,
                month: 2,
                year: 1900
            })
        );
        assert_eq!(
            parse_ru("31.04.2020"),
            Err(DateError::DayOutOfRange {
                day: 31,
                month: 4,
                year: 2020
            })
        );
        assert_eq!(
            parse_ru("31042020"),
            Err(DateError::DayOutOfRange {
                day: 31,
                month: 4,
                year: 2020
            })
        );
        assert!(matches!(
            parse_ru("00.04.2020"),
            Err(DateError::DayOutOfRange { day: 0, .. })
        ));
        assert_eq!(
            parse_ru("1.13.2020"),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert_eq!(
            parse_ru("2020-13-01"),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert_eq!(
            parse_ru("1.0.2020"),
            Err(DateError::MonthOutOfRange { month: 0 })
        );
        assert_eq!(
            parse_ru("1.1.1899"),
            Err(DateError::YearOutOfRange { year: 1899 })
        );
        assert_eq!(
            parse_ru("1.1.0000"),
            Err(DateError::YearOutOfRange { year: 0 })
        );
    }

    #[test]
    fn birthdays() {
        let today = d(2025, 6, 15);
        assert_eq!(parse_birthday("15.06.2025", today), Ok(today));
        assert_eq!(
            parse_birthday("16.06.2025", today),
            Err(DateError::InFuture)
        );
        assert_eq!(
            parse_birthday("01.01.3000", today),
            Err(DateError::InFuture)
        );
        assert_eq!(parse_birthday("15.06.1905", today), Ok(d(1905, 6, 15)));
        assert_eq!(parse_birthday("16.06.1904", today), Ok(d(1904, 6, 16)));
        assert_eq!(
            parse_birthday("15.06.1904", today),
            Err(DateError::TooOld { age: 121 })
        );
        assert_eq!(parse_birthday("x", today), Err(DateError::Format));
        assert_eq!(parse_birthday("", today), Err(DateError::Empty));
    }

    #[test]
    fn ages_around_a_birthday() {
        let born = d(1971, 10, 18);
        assert_eq!(born.age_on(d(2021, 10, 17)), 49);
        assert_eq!(born.age_on(d(2021, 10, 18)), 50);
        assert_eq!(born.age_on(d(2021, 10, 19)), 50);
        assert_eq!(born.age_on(born), 0);
        assert_eq!(born.age_on(d(1971, 10, 17)), 0);
        // Born on 29 February: a year older on 1 March in common years.
        let leap = d(2000, 2, 29);
        assert_eq!(leap.age_on(d(2001, 2, 28)), 0);
        assert_eq!(leap.age_on(d(2001, 3, 1)), 1);
        assert_eq!(leap.age_on(d(2004, 2, 29)), 4);
    }

    #[test]
    fn formats_and_round_trips() {
        let date = d(1971, 10, 18);
        assert_eq!(date.ru(), "18.10.1971");
        assert_eq!(date.to_string(), "18.10.1971");
        assert_eq!(date.api(), "1971-10-18");
        assert_eq!(d(2000, 1, 2).ru(), "02.01.2000");
        assert_eq!(parse_ru(&date.ru()), Ok(date));
        assert_eq!(parse_ru(&date.api()), Ok(date));
        assert_eq!(parse_api(&date.api()), Some(date));
    }

    #[test]
    fn displays_api_dates() {
        assert_eq!(display_api_date("1971-10-18T00:00:00"), "18.10.1971");
        assert_eq!(display_api_date(""), "");
        assert_eq!(display_api_date("soon\x1b[2J"), "soon");
        assert_eq!(display_api_date("1971-02-30"), "1971-02-30");
    }

    #[test]
    fn errors_display_in_english() {
        let e = DateError::DayOutOfRange {
            day: 31,
            month: 4,
            year: 2020,
        };
        assert_eq!(e.to_string(), "04.2020 has no day 31");
    }
}
