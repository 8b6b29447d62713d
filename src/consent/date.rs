//! Calendar dates (`2026-09-30`) as a registry, front matter and `--as-of` write them: no time of day, no zone.

use std::fmt;
use std::str::FromStr;

/// A day of the proleptic Gregorian calendar, stored as days since 1970-01-01 so that dates compare and subtract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// The date from its year, month and day, if that day exists.
    pub fn new(year: i64, month: u32, day: u32) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then(|| Date(days_from_civil(year, month, day)))
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        Date(secs.div_euclid(86_400))
    }

    /// The date `days` later (earlier when negative).
    pub fn plus_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }

    fn civil(self) -> (i64, u32, u32) {
        // Howard Hinnant's civil_from_days: shift the year to start in March so leap days come last
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl FromStr for Date {
    type Err = String;

    /// `YYYY-MM-DD`; a time after it (`2026-09-30T10:00:00Z`, `2026-09-30 10:00`) is ignored, since a calendar
    /// column or front matter often carries one.
    fn from_str(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let day_part = text.get(..10).filter(|_| text.len() == 10 || text[10..].starts_with(['T', ' ', 't']));
        let parsed = day_part.and_then(|d| {
            let mut parts = d.split('-');
            let (y, m, day) = (parts.next()?, parts.next()?, parts.next()?);
            let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
            if !(digits(y, 4) && digits(m, 2) && digits(day, 2)) {
                return None;
            }
            Date::new(y.parse().ok()?, m.parse().ok()?, day.parse().ok()?)
        });
        parsed.ok_or_else(|| "not a date (YYYY-MM-DD)".to_string())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// A date in a front-matter or calendar value: a string, or the one-string table TOML front matter turns a
/// TOML date into.
pub fn from_value(value: &serde_json::Value) -> Option<Date> {
    match value {
        serde_json::Value::String(s) => s.parse().ok(),
        serde_json::Value::Object(map) if map.len() == 1 => map.values().next().and_then(from_value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_order() {
        for text in ["1970-01-01", "2000-02-29", "2026-09-30", "2026-12-31", "1969-12-31"] {
            assert_eq!(text.parse::<Date>().unwrap().to_string(), text);
        }
        let a: Date = "2026-09-30".parse().unwrap();
        assert_eq!(a.plus_days(1).to_string(), "2026-10-01");
        assert_eq!(a.days_until("2026-10-05".parse().unwrap()), 5);
        assert_eq!("2026-09-30T08:00:00Z".parse::<Date>(), Ok(a));
    }

    #[test]
    fn impossible_or_misshapen_dates_are_refused() {
        for text in ["2026-02-29", "2026-13-01", "2026-9-30", "30/09/2026", "2026-09-30x", "soon", ""] {
            assert!(text.parse::<Date>().is_err(), "{text}");
        }
    }
}
