//! The two time forms ExpressPlay accepts, parsed without allocation or a clock.
//!
//! The seeds: "This value MUST be in the 'RFC 3339' date/time format in the 'Z' zone designator
//! ("Zulu time") format, or an integer preceded by a '+' sign" — e.g. `2006-04-14T12:01:10Z` or
//! `+60`. The caller supplies "now" (Unix seconds) wherever a comparison is needed.

use crate::error::{Error, ErrorKind};

/// The longest token lifetime ExpressPlay grants: "The maximum and default (if not specified)
/// token lifetime is 30 days."
pub const MAX_TOKEN_LIFETIME_SECS: u64 = 30 * 24 * 60 * 60;

/// A parsed ExpressPlay time value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeSpec {
    /// An absolute instant, in Unix seconds (fractional seconds truncated).
    Absolute(i64),
    /// `+N`: N seconds after the token is issued.
    Relative(u64),
}

impl TimeSpec {
    /// Parses `2006-04-14T12:01:10Z` (optionally with a fraction, `t`/`z` accepted as RFC 3339
    /// allows) or `+<decimal seconds>`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTime`] for any other form, an offset other than `Z`, or an impossible
    /// date (month 13, 30 February, 29 February outside a leap year, hour 24).
    pub fn parse(s: &str) -> Result<TimeSpec, Error> {
        match s.strip_prefix('+') {
            Some(digits) => parse_u64(digits).map(TimeSpec::Relative).ok_or(invalid()),
            None => parse_rfc3339_z(s).map(TimeSpec::Absolute),
        }
    }

    /// Seconds from `now` until this time (negative when it is in the past).
    #[must_use]
    pub fn seconds_after(self, now: i64) -> i128 {
        match self {
            TimeSpec::Absolute(t) => i128::from(t) - i128::from(now),
            TimeSpec::Relative(s) => i128::from(s),
        }
    }
}

fn invalid() -> Error {
    Error::new(ErrorKind::InvalidTime)
}

/// Parses a non-empty run of ASCII digits without overflow.
pub(crate) fn parse_u64(digits: &str) -> Option<u64> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits
        .bytes()
        .try_fold(0u64, |acc, b| acc.checked_mul(10)?.checked_add(u64::from(b - b'0')))
}

/// Parses an optional sign (`-` or `+`) and a non-empty run of ASCII digits into an `i64`, as
/// `str::parse::<i64>` does, through [`parse_u64`]: one integer parser for the crate.
pub(crate) fn parse_i64(text: &str) -> Option<i64> {
    match text.as_bytes().first() {
        Some(b'-') => 0i64.checked_sub_unsigned(parse_u64(text.get(1..)?)?),
        Some(b'+') => i64::try_from(parse_u64(text.get(1..)?)?).ok(),
        _ => i64::try_from(parse_u64(text)?).ok(),
    }
}

fn two(a: u8, b: u8) -> Option<u32> {
    (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

/// Whether `year` is a Gregorian leap year.
#[must_use]
pub const fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1-12) of `year`.
#[must_use]
pub const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a valid civil date (Howard Hinnant's `days_from_civil`).
#[must_use]
pub const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// The parser's own calendar, for the years RFC 3339 can write (0-9999), in 32-bit arithmetic:
// the `i64` functions above divide through `compiler_builtins`' 64-bit divider on 32-bit
// targets (about 1 KB of Cortex-M code; issue 18). The tests check they agree on every date.

/// [`days_in_month`] for a year of 0-9999.
const fn month_days(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// [`days_from_civil`] for a valid date of a year of 0-9999. Unsigned (the year shifted by one
/// 400-year era so it is never negative): on ARM cores without a divide instruction, signed
/// division would link `__aeabi_idiv`, whose object clashes with libgcc's in a static C link.
const fn civil_days(year: u32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year + 399 } else { year + 400 };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // At most 26 eras of 146 097 days: fits an `i32`.
    (era * 146_097 + doe) as i32 - 719_468 - 146_097
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac]Z` into Unix seconds.
///
/// A leap second (`23:59:60`) is accepted as RFC 3339 allows and counts as the next second.
///
/// # Errors
/// [`ErrorKind::InvalidTime`].
pub fn parse_rfc3339_z(s: &str) -> Result<i64, Error> {
    let bytes = s.as_bytes();
    let [y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2, t, h1, h2, b':', mi1, mi2, b':', s1, s2, rest @ ..] = bytes
    else {
        return Err(invalid());
    };
    if !matches!(t, b'T' | b't') {
        return Err(invalid());
    }
    let year = two(*y1, *y2)
        .zip(two(*y3, *y4))
        .map(|(hi, lo)| hi * 100 + lo)
        .ok_or(invalid())?;
    let month = two(*mo1, *mo2).ok_or(invalid())?;
    let day = two(*d1, *d2).ok_or(invalid())?;
    let hour = two(*h1, *h2).ok_or(invalid())?;
    let minute = two(*mi1, *mi2).ok_or(invalid())?;
    let second = two(*s1, *s2).ok_or(invalid())?;
    let zone = match rest {
        [b'.', frac @ ..] => {
            let digits = frac.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                return Err(invalid());
            }
            frac.get(digits..).ok_or(invalid())?
        }
        other => other,
    };
    if !matches!(zone, [b'Z' | b'z']) {
        return Err(invalid());
    }
    let leap_second = second == 60 && hour == 23 && minute == 59;
    if !(1..=12).contains(&month)
        || day == 0
        || day > month_days(year, month)
        || hour > 23
        || minute > 59
        || (second > 59 && !leap_second)
    {
        return Err(invalid());
    }
    let days = i64::from(civil_days(year, month, day));
    Ok(days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_example() {
        assert_eq!(parse_rfc3339_z("2006-04-14T12:01:10Z"), Ok(1_145_016_070));
        assert_eq!(TimeSpec::parse("+60"), Ok(TimeSpec::Relative(60)));
        assert_eq!(parse_rfc3339_z("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339_z("2024-02-29T23:59:59.123456z"), Ok(1_709_251_199));
        assert_eq!(parse_rfc3339_z("2016-12-31T23:59:60Z"), Ok(1_483_228_800));
    }

    #[test]
    fn the_parsers_calendar_is_the_public_one() {
        for year in 0..=9999u32 {
            for month in 1..=12 {
                let days = month_days(year, month);
                assert_eq!(days, days_in_month(i64::from(year), month));
                for day in [1, days] {
                    assert_eq!(
                        i64::from(civil_days(year, month, day)),
                        days_from_civil(i64::from(year), month, day)
                    );
                }
            }
        }
    }

    #[test]
    fn rejects_impossible_and_other_forms() {
        for bad in [
            "2006-13-14T12:01:10Z",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:60:00Z",
            "2024-01-01T12:00:60Z",
            "2024-01-01T00:00:00+01:00",
            "2024-01-01T00:00:00",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00.Z",
            "2024-01-00T00:00:00Z",
            "60",
            "+",
            "+-5",
            "+1.5",
            "+99999999999999999999999",
            "",
        ] {
            assert_eq!(TimeSpec::parse(bad), Err(invalid()), "{bad}");
        }
        assert!(parse_rfc3339_z("2000-02-29T00:00:00Z").is_ok());
    }
}
