//! `date`: calendar-valid dates, numeric or with an English month name.

/// A calendar-valid date as posts write it: numeric (`03/14/1961`, `3/14`, `14.03.1961`,
/// `1961-03-14`) or with an English month name (`March 14, 1961`, `Mar. 14`, `Sept 3rd, 2024`,
/// `14 Mar 1961`, `the 3rd of May, 2020`). Without a year, February 29 is accepted.
pub fn date(value: &str) -> bool {
    numeric_date(value) || written_date(value)
}

/// Whether `day` exists in `month`; `feb_29` says whether the year (if any) has a leap day.
fn is_calendar_date(month: u32, day: u32, feb_29: bool) -> bool {
    let last_day = match month {
        2 if feb_29 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=last_day).contains(&day)
}

/// Whether the written year has a February 29, or `None` when it is not a year a post would
/// write: 2 digits, or 4 digits from 1000 to 2999.
fn year_has_feb_29(text: &[u8]) -> Option<bool> {
    let year = ascii_number(text)?;
    match text.len() {
        // `60` may be 1960 or 2060, `00` 1900 or 2000: a leap day in either century counts.
        2 => Some(year % 4 == 0),
        4 if (1000..=2999).contains(&year) => Some(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)),
        _ => None,
    }
}

/// A day or month number: 1 or 2 digits (`3`, `03`, `14`).
fn short_number(text: &[u8]) -> Option<u32> {
    if text.len() > 2 {
        return None;
    }
    ascii_number(text)
}

/// Whether `first/second` is a date read either as month/day or as day/month: a post's `03/04`
/// may be either, and a false negative would let PHI through.
fn either_order(first: &[u8], second: &[u8], feb_29: bool) -> bool {
    let (Some(first), Some(second)) = (short_number(first), short_number(second)) else {
        return false;
    };
    is_calendar_date(first, second, feb_29) || is_calendar_date(second, first, feb_29)
}

/// Digits with one kind of separator: `/`, `-` or `.`, used the same way throughout.
/// Two-number forms are accepted with `/` only: `3-14` reads as a range and `3.14` as a decimal.
fn numeric_date(value: &str) -> bool {
    let Some(separator) = value.bytes().find(|byte| !byte.is_ascii_digit()) else {
        return false;
    };
    if !matches!(separator, b'/' | b'-' | b'.') {
        return false;
    }
    // A part holding any other byte (a second kind of separator included) fails as a number.
    let mut parts = value.split(char::from(separator)).map(str::as_bytes);
    let (Some(first), Some(second), third, None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    match third {
        // 1961-03-14, 1961/03/14
        Some(third) if first.len() == 4 => {
            let (Some(feb_29), Some(month), Some(day)) =
                (year_has_feb_29(first), short_number(second), short_number(third))
            else {
                return false;
            };
            is_calendar_date(month, day, feb_29)
        }
        // 03/14/1961, 3/14/61, 14.03.1961
        Some(third) => year_has_feb_29(third).is_some_and(|feb_29| either_order(first, second, feb_29)),
        // 3/14
        None => separator == b'/' && either_order(first, second, true),
    }
}

/// English month names: in full, by their first three letters, or `Sept`; any letter case.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1-12) a word names.
fn month_number(word: &[u8]) -> Option<u32> {
    if word.eq_ignore_ascii_case(b"sept") {
        return Some(9);
    }
    (1..).zip(MONTHS).find_map(|(number, name)| {
        let name = name.as_bytes();
        let abbreviation = name.get(..3).filter(|_| word.len() == 3);
        let matches = word.eq_ignore_ascii_case(name)
            || abbreviation.is_some_and(|abbreviation| word.eq_ignore_ascii_case(abbreviation));
        matches.then_some(number)
    })
}

/// The ordinal suffix English writes after `day`: 1st, 2nd, 3rd, 4th, 11th-13th, 21st...
fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Reads a written date token by token; each step returns `None` (or `false`) on anything it
/// does not expect, and the parsers require the whole value to be consumed.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn new(value: &'a str) -> Self {
        Cursor { rest: value.as_bytes() }
    }

    fn at_end(&self) -> bool {
        self.rest.is_empty()
    }

    /// Takes the longest run of bytes passing `wanted` (possibly empty).
    fn take_while(&mut self, wanted: fn(&u8) -> bool) -> &'a [u8] {
        let len = self.rest.iter().take_while(|&byte| wanted(byte)).count();
        let (taken, rest) = self.rest.split_at(len);
        self.rest = rest;
        taken
    }

    /// Skips whitespace; true if there was some.
    fn skip_spaces(&mut self) -> bool {
        !self.take_while(u8::is_ascii_whitespace).is_empty()
    }

    /// Requires whitespace, as between two words or numbers.
    fn spaces(&mut self) -> Option<()> {
        self.skip_spaces().then_some(())
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        match self.rest.split_first() {
            Some((&first, rest)) if first == byte => {
                self.rest = rest;
                true
            }
            _ => false,
        }
    }

    /// A word not glued to a number (`March14` is refused).
    fn word(&mut self) -> Option<&'a [u8]> {
        let word = self.take_while(u8::is_ascii_alphabetic);
        (!word.is_empty() && !self.rest.first().is_some_and(u8::is_ascii_digit)).then_some(word)
    }

    /// Consumes the word `expected` (any case) if it comes next; otherwise consumes nothing.
    fn optional_word(&mut self, expected: &[u8]) -> bool {
        let before = self.rest;
        let found = self.word().is_some_and(|word| word.eq_ignore_ascii_case(expected));
        if !found {
            self.rest = before;
        }
        found
    }

    /// A run of digits and the letters glued to it: (`14`, `th`) for `14th`.
    fn number(&mut self) -> Option<(&'a [u8], &'a [u8])> {
        let digits = self.take_while(u8::is_ascii_digit);
        let suffix = self.take_while(u8::is_ascii_alphabetic);
        (!digits.is_empty() && !self.rest.first().is_some_and(u8::is_ascii_digit)).then_some((digits, suffix))
    }

    /// A month name with an optional period (`Mar.`, `Sept.`).
    fn month(&mut self) -> Option<u32> {
        let month = month_number(self.word()?)?;
        self.eat(b'.');
        Some(month)
    }

    /// A day number with an optional, correct ordinal suffix (`14`, `14th`; `3th` is refused).
    fn day(&mut self) -> Option<u32> {
        let (digits, suffix) = self.number()?;
        let day = short_number(digits)?;
        (suffix.is_empty() || suffix.eq_ignore_ascii_case(ordinal_suffix(day).as_bytes())).then_some(day)
    }

    /// The end of the value, or `, 1961` / ` 1961` and then the end. Returns whether February 29
    /// exists: always without a year, since any year could be meant.
    fn optional_year(&mut self) -> Option<bool> {
        if self.at_end() {
            return Some(true);
        }
        let comma = self.eat(b',');
        let spaced = self.skip_spaces();
        if !(comma || spaced) {
            return None;
        }
        let (digits, suffix) = self.number()?;
        if !suffix.is_empty() || !self.at_end() {
            return None;
        }
        year_has_feb_29(digits)
    }
}

/// `March 14, 1961`, `March 14 1961`, `Mar. 14`, `March 14th`, `Sept 3rd, 2024`:
/// (month, day, whether February 29 exists).
fn month_first(mut cursor: Cursor) -> Option<(u32, u32, bool)> {
    let month = cursor.month()?;
    cursor.spaces()?;
    let day = cursor.day()?;
    let feb_29 = cursor.optional_year()?;
    Some((month, day, feb_29))
}

/// `14 March 1961`, `14 Mar 1961`, `14th of March`, `the 3rd of May, 2020`:
/// (month, day, whether February 29 exists).
fn day_first(mut cursor: Cursor) -> Option<(u32, u32, bool)> {
    if cursor.optional_word(b"the") {
        cursor.spaces()?;
    }
    let day = cursor.day()?;
    cursor.spaces()?;
    if cursor.optional_word(b"of") {
        cursor.spaces()?;
    }
    let month = cursor.month()?;
    let feb_29 = cursor.optional_year()?;
    Some((month, day, feb_29))
}

/// A date with an English month name.
fn written_date(value: &str) -> bool {
    month_first(Cursor::new(value))
        .or_else(|| day_first(Cursor::new(value)))
        .is_some_and(|(month, day, feb_29)| is_calendar_date(month, day, feb_29))
}

/// The number written by 1 to 4 ASCII digits; `None` for anything else. Longer runs are never a
/// day, month or year, and refusing them keeps the arithmetic far from overflow.
fn ascii_number(text: &[u8]) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(text.iter().fold(0, |value, &byte| value * 10 + u32::from(byte - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

    #[test]
    fn date_accepts_every_written_form() {
        check(
            date,
            true,
            &[
                "03/14/1961",
                "3/14/61",
                "3/14",
                "03-14-1961",
                "14.03.1961",
                "1961-03-14",
                "1961/03/14",
                "1961-3-4",
                "March 14, 1961",
                "March 14 1961",
                "March 14,1961",
                "Mar 14",
                "Mar. 14",
                "March 14th",
                "Sept 3rd, 2024",
                "sept. 3",
                "SEP 30",
                "14 March 1961",
                "14 Mar 1961",
                "14 March, 1961",
                "14th of March",
                "the 3rd of May, 2020",
                "The 1st of June",
            ],
        );
    }

    #[test]
    fn date_accepts_either_day_month_order() {
        check(date, true, &["12/31/1999", "31/12/1999", "31.12.1999", "13/1", "7/10"]);
    }

    #[test]
    fn date_knows_leap_years() {
        check(
            date,
            true,
            &["02/29/1960", "29.02.2000", "2/29/60", "2/29/00", "2/29", "Feb 29", "February 29, 1960", "1960-02-29"],
        );
        check(
            date,
            false,
            &["02/29/1961", "2/29/1900", "2/29/61", "Feb 29, 1961", "29 February 1961", "1961-02-29", "2/30", "Feb 30"],
        );
    }

    #[test]
    fn date_checks_ordinal_suffixes() {
        check(
            date,
            true,
            &[
                "May 1st", "May 2nd", "May 3rd", "May 4th", "May 11th", "May 12th", "May 13th", "May 21st", "May 22nd",
                "May 23rd", "May 31st", "May 14TH",
            ],
        );
        check(date, false, &["May 3th", "May 11st", "May 12nd", "May 22th", "May 14ths"]);
    }

    #[test]
    fn date_rejects_impossible_dates() {
        check(
            date,
            false,
            &[
                "13/13/2020",
                "04/31/2020", // April has 30 days, and there is no month 31
                "April 31",
                "31 April 1961",
                "March 32",
                "0/12",
                "1961-13-01",
                "1961-00-10",
                "00/00/00",
            ],
        );
    }

    #[test]
    fn date_rejects_text_that_is_not_a_date() {
        check(
            date,
            false,
            &[
                "2023",
                "March 2023",
                "10:30",
                "120/80",
                "3.14",       // a decimal
                "3-14",       // a range
                "3/14/196",   // 3-digit year
                "3/14/0999",  // year before 1000
                "3/14/3000",  // year after 2999
                "03-14/1961", // mixed separators
                "1/2/3/4",
                "Marc 14",
                "Mars 14",
                "March14",
                "March",
                "March 14,",
                "March 14 th",
                "14 of",
                "the March 14",
                "14 March 1961 10:30",
            ],
        );
    }
}
