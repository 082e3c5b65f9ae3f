//! Calendar dates without a date crate: what the card needs for birthdays.
//!
//! The API sends dates as `1971-10-18T00:00:00` and takes `1971-10-18` in
//! request bodies; the operator reads and types `18.10.1971`.
//!
//! [`Date::today`] is the local date: UTC from the system clock, shifted by the
//! zone's standard offset when it can be read cheaply from the zone file's
//! POSIX footer (`MSK-3`, `<+05>-5`). Zones with daylight saving (the footer
//! has a rule after a comma) and unreadable zone files fall back to UTC, which
//! is wrong by a day only near midnight.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::text::sanitize;

/// The earliest year an operator may type.
pub const MIN_YEAR: i32 = 1900;
/// The latest year an operator may type.
pub const MAX_YEAR: i32 = 9999;
/// The oldest age [`parse_birthday`] accepts.
pub const MAX_AGE: u32 = 120;

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

/// Why a date typed as `dd.mm.yyyy` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Nothing was typed.
    #[error("no date given")]
    Empty,
    /// Not of the form `dd.mm.yyyy`.
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

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (0 for a month that does not exist).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None` (31.02, 29.02.1900, month 13, day 0).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// The local date today (see the module notes on the time zone).
    pub fn today() -> Date {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        Date::at_unix_seconds(secs, local_offset_seconds())
    }

    /// The date at `unix_seconds` in a zone `offset_seconds` east of UTC.
    pub fn at_unix_seconds(unix_seconds: i64, offset_seconds: i64) -> Date {
        Date::from_days_since_epoch(
            unix_seconds
                .saturating_add(offset_seconds)
                .div_euclid(86_400),
        )
    }

    /// The date `days` after 1970-01-01 (civil-from-days, H. Hinnant).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }

    /// The number of days since 1970-01-01 (days-from-civil).
    pub fn to_days(&self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
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
    /// `today` is earlier).
    pub fn age_on(&self, today: Date) -> u32 {
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

impl fmt::Display for Date {
    /// The same as [`Date::ru`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

/// An API date: `1971-10-18`, optionally followed by `T` or a space and a
/// time with fractions and a zone (`T00:00:00.000+03:00`, `Z`). `None` for
/// anything else, the empty string included.
pub fn parse_api(s: &str) -> Option<Date> {
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

/// A date typed by the operator: `dd.mm.yyyy` or `d.m.yyyy`.
pub fn parse_ru(s: &str) -> Result<Date, DateError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let mut parts = s.split('.');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DateError::Format);
    };
    if !(1..=2).contains(&d.len()) || !(1..=2).contains(&m.len()) || y.len() != 4 {
        return Err(DateError::Format);
    }
    let (Some(day), Some(month), Some(year)) = (digits(d), digits(m), digits(y)) else {
        return Err(DateError::Format);
    };
    let year = i32::try_from(year).map_err(|_| DateError::Format)?;
    if !(1..=12).contains(&month) {
        return Err(DateError::MonthOutOfRange { month });
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateError::YearOutOfRange { year });
    }
    Date::new(year, month, day).ok_or(DateError::DayOutOfRange { day, month, year })
}

/// A birthday typed by the operator: [`parse_ru`], and neither after `today`
/// nor more than [`MAX_AGE`] years before it.
pub fn parse_birthday(s: &str, today: Date) -> Result<Date, DateError> {
    let date = parse_ru(s)?;
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
pub fn display_api_date(s: &str) -> String {
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

/// The local zone's standard offset east of UTC in seconds, 0 when unknown.
fn local_offset_seconds() -> i64 {
    let path = match std::env::var("TZ") {
        Ok(tz) if !tz.is_empty() => {
            let tz = tz.trim_start_matches(':');
            if let Some(offset) = posix_tz_offset(tz) {
                return offset;
            }
            if tz.starts_with('/') {
                std::path::PathBuf::from(tz)
            } else if tz.contains("..") {
                return 0;
            } else {
                std::path::Path::new("/usr/share/zoneinfo").join(tz)
            }
        }
        _ => std::path::PathBuf::from("/etc/localtime"),
    };
    std::fs::read(&path)
        .ok()
        .and_then(|bytes| tzif_footer_offset(&bytes))
        .unwrap_or(0)
}

/// The offset from the POSIX TZ string in the footer of a TZif v2+ file.
fn tzif_footer_offset(bytes: &[u8]) -> Option<i64> {
    if !bytes.starts_with(b"TZif") || bytes.len() < 5 || bytes[4] < b'2' {
        return None;
    }
    let trimmed = bytes.strip_suffix(b"\n")?;
    let start = trimmed.iter().rposition(|&c| c == b'\n')? + 1;
    posix_tz_offset(std::str::from_utf8(&trimmed[start..]).ok()?)
}

/// The offset of a POSIX TZ string without daylight saving (`MSK-3`,
/// `<+0530>-5:30`, `UTC0`), in seconds east of UTC. `None` for strings with a
/// daylight-saving part and for anything else.
fn posix_tz_offset(tz: &str) -> Option<i64> {
    let rest = if let Some(quoted) = tz.strip_prefix('<') {
        &quoted[quoted.find('>')? + 1..]
    } else {
        let name_len = tz.find(|c: char| !c.is_ascii_alphabetic())?;
        if name_len < 3 {
            return None;
        }
        &tz[name_len..]
    };
    let (sign, rest) = match rest.as_bytes().first()? {
        b'-' => (1, &rest[1..]),
        b'+' => (-1, &rest[1..]),
        _ => (-1, rest),
    };
    let mut seconds = 0i64;
    let mut parts = rest.split(':');
    for (i, unit) in [3600i64, 60, 1].iter().enumerate() {
        match parts.next() {
            Some(p) => {
                let value = i64::from(digits(p)?);
                if i == 0 && value > 24 {
                    return None;
                }
                seconds += value * unit;
            }
            None => break,
        }
    }
    if parts.next().is_some() {
        return None;
    }
    Some(sign * seconds)
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
    }

    #[test]
    fn days_round_trip() {
        assert_eq!(Date::from_days_since_epoch(0), d(1970, 1, 1));
        assert_eq!(d(1970, 1, 1).to_days(), 0);
        assert_eq!(Date::from_days_since_epoch(-1), d(1969, 12, 31));
        assert_eq!(d(2000, 3, 1).to_days(), 11_017);
        assert_eq!(Date::from_days_since_epoch(11_016), d(2000, 2, 29));
        for days in -800_000..800_000i64 {
            if days % 97 == 0 {
                let date = Date::from_days_since_epoch(days);
                assert_eq!(date.to_days(), days);
                assert!(Date::new(date.year, date.month, date.day).is_some());
            }
        }
    }

    #[test]
    fn at_unix_seconds_applies_the_offset() {
        // 2024-03-10 22:30 UTC is already 11 March in Moscow.
        let t = d(2024, 3, 10).to_days() * 86_400 + 22 * 3600 + 1800;
        assert_eq!(Date::at_unix_seconds(t, 0), d(2024, 3, 10));
        assert_eq!(Date::at_unix_seconds(t, 3 * 3600), d(2024, 3, 11));
        assert_eq!(Date::at_unix_seconds(0, -1), d(1969, 12, 31));
    }

    #[test]
    fn today_is_plausible() {
        let today = Date::today();
        assert!(today.year >= 2024 && today.year < 2200, "{today:?}");
    }

    #[test]
    fn posix_offsets() {
        assert_eq!(posix_tz_offset("MSK-3"), Some(3 * 3600));
        assert_eq!(posix_tz_offset("<+05>-5"), Some(5 * 3600));
        assert_eq!(posix_tz_offset("<+0530>-5:30"), Some(5 * 3600 + 1800));
        assert_eq!(posix_tz_offset("EST5"), Some(-5 * 3600));
        assert_eq!(posix_tz_offset("UTC0"), Some(0));
        assert_eq!(posix_tz_offset("CET-1CEST,M3.5.0,M10.5.0/3"), None);
        assert_eq!(posix_tz_offset("Europe/Moscow"), None);
        assert_eq!(posix_tz_offset(""), None);
        let mut tzif = b"TZif2".to_vec();
        tzif.extend_from_slice(&[0; 40]);
        tzif.extend_from_slice(b"\nMSK-3\n");
        assert_eq!(tzif_footer_offset(&tzif), Some(3 * 3600));
        assert_eq!(tzif_footer_offset(b"garbage"), None);
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
    fn russian_date_errors_say_why() {
        assert_eq!(parse_ru(""), Err(DateError::Empty));
        assert_eq!(parse_ru("   "), Err(DateError::Empty));
        for s in [
            "18101971",
            "18.10.71",
            "18.10",
            "18.10.1971.",
            "18-10-1971",
            "a.10.1971",
            "018.10.1971",
            "18..1971",
            "+1.10.1971",
            "18.10.19711",
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
        assert!(matches!(
            parse_ru("00.04.2020"),
            Err(DateError::DayOutOfRange { day: 0, .. })
        ));
        assert_eq!(
            parse_ru("1.13.2020"),
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
