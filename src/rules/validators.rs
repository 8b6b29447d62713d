//! Built-in checks a pattern rule's matched value must pass (`validator = "ssn"`): checksums,
//! reserved ranges and calendars weed out the look-alikes that a simple regex also matches.

use std::net::{Ipv4Addr, Ipv6Addr};

/// A built-in check that a matched value must pass.
pub type Validator = fn(&str) -> bool;

/// Every validator name a ruleset may use, for error messages ("unknown validator `x`; known: ...").
pub const NAMES: &[&str] = &["ssn", "luhn", "npi", "mbi", "dea", "date", "phone", "ipv4", "ipv6"];

/// The validator of that name.
pub fn lookup(name: &str) -> Option<Validator> {
    let validator: Validator = match name {
        "ssn" => ssn,
        "luhn" => luhn,
        "npi" => npi,
        "mbi" => mbi,
        "dea" => dea,
        "date" => date,
        "phone" => phone,
        "ipv4" => ipv4,
        "ipv6" => ipv6,
        _ => return None,
    };
    Some(validator)
}

// ---------------------------------------------------------------------------------------------
// Shared digit helpers
// ---------------------------------------------------------------------------------------------

/// Copies the digits of `value` (as values 0-9) into `buf`, skipping the bytes in `separators`.
/// `None` when anything else appears or the digits do not fit, so no caller sees a cut-off number.
fn digits_between<'b>(value: &str, separators: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut len = 0;
    for byte in value.bytes() {
        if byte.is_ascii_digit() {
            *buf.get_mut(len)? = byte - b'0';
            len += 1;
        } else if !separators.contains(&byte) {
            return None;
        }
    }
    buf.get(..len)
}

/// True when every digit is the same: `0000000000000000` passes Luhn, `111-11-1111` passes the
/// SSN ranges, but such numbers are placeholders typed by people, not identifiers.
fn all_same(digits: &[u8]) -> bool {
    digits.windows(2).all(|pair| pair[0] == pair[1])
}

/// The Luhn sum of `digits` (values 0-9): every second digit from the right is doubled (minus 9
/// when above 9). The number is valid when the sum is a multiple of 10.
fn luhn_sum(digits: &[u8]) -> u32 {
    digits
        .iter()
        .rev()
        .enumerate()
        .map(|(position, &digit)| {
            let digit = u32::from(digit);
            match (position % 2, digit * 2) {
                (0, _) => digit,
                (_, doubled) if doubled > 9 => doubled - 9,
                (_, doubled) => doubled,
            }
        })
        .sum()
}

/// The number written by `digits` (values 0-9); callers pass at most 9 digits, which fit a `u32`.
fn digits_value(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |value, &digit| value * 10 + u32::from(digit))
}

/// The number written by 1 to 4 ASCII digits; `None` for anything else. Longer runs are never a
/// day, month or year, and refusing them keeps the arithmetic far from overflow.
fn ascii_number(text: &[u8]) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(text.iter().fold(0, |value, &byte| value * 10 + u32::from(byte - b'0')))
}

// ---------------------------------------------------------------------------------------------
// ssn
// ---------------------------------------------------------------------------------------------

/// Where the nine digits sit in the bare form and in `ddd-dd-dddd` (or with spaces or dots).
const SSN_BARE: [usize; 9] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const SSN_SEPARATED: [usize; 9] = [0, 1, 2, 4, 5, 7, 8, 9, 10];

/// The nine digits of a bare or consistently separated SSN. Mixed separators (`123-45 6789`) are
/// refused: real numbers are written one way, mixed ones are usually other data run together.
fn ssn_digits(value: &str) -> Option<[u8; 9]> {
    let bytes = value.as_bytes();
    let positions = match bytes.len() {
        9 => SSN_BARE,
        11 if matches!(bytes[3], b'-' | b' ' | b'.') && bytes[6] == bytes[3] => SSN_SEPARATED,
        _ => return None,
    };
    let mut digits = [0; 9];
    for (digit, &position) in digits.iter_mut().zip(&positions) {
        let byte = *bytes.get(position)?;
        if !byte.is_ascii_digit() {
            return None;
        }
        *digit = byte - b'0';
    }
    Some(digits)
}

/// Numbers that identify nobody because they were printed as examples and then copied by many:
/// 078-05-1120 (the 1938 Woolworth wallet insert), 219-09-9999 (an SSA pamphlet), 123-45-6789
/// (the stock placeholder) and 987-65-4320 to 987-65-4329 (reserved by SSA for advertising).
fn is_sample_ssn(number: u32) -> bool {
    matches!(number, 78_051_120 | 219_099_999 | 123_456_789 | 987_654_320..=987_654_329)
}

/// A US Social Security Number that could have been issued.
///
/// Rules from the SSA "Social Security Number Randomization" FAQ
/// (<https://www.ssa.gov/employer/randomizationfaqs.html>: area 000, 666 and 900-999, group 00
/// and serial 0000 are never assigned) and the sample-number list of Microsoft Presidio's
/// `UsSsnRecognizer` (presidio-analyzer, `us_ssn_recognizer.py`).
pub fn ssn(value: &str) -> bool {
    let Some(digits) = ssn_digits(value) else {
        return false;
    };
    let area = digits_value(&digits[..3]);
    let group = digits_value(&digits[3..5]);
    let serial = digits_value(&digits[5..]);
    area != 0
        && area != 666
        && area < 900
        && group != 0
        && serial != 0
        && !all_same(&digits)
        && !is_sample_ssn(digits_value(&digits))
}

// ---------------------------------------------------------------------------------------------
// luhn, npi
// ---------------------------------------------------------------------------------------------

/// A payment card number: 13-19 digits (spaces and dashes ignored) with a valid Luhn check digit.
pub fn luhn(value: &str) -> bool {
    let mut buf = [0; 19];
    let Some(digits) = digits_between(value, b" -", &mut buf) else {
        return false;
    };
    (13..=19).contains(&digits.len()) && luhn_sum(digits).is_multiple_of(10) && !all_same(digits)
}

/// The NPI check digit is the Luhn digit of the number prefixed with `80840` (the card issuer
/// prefix assigned to US health); those five digits always add this much to the Luhn sum.
const NPI_PREFIX_LUHN_SUM: u32 = 24;

/// A National Provider Identifier: 10 digits (spaces and dashes ignored) starting with 1 or 2,
/// valid per the CMS check-digit rule, and not a repeated-digit placeholder body.
pub fn npi(value: &str) -> bool {
    let mut buf = [0; 10];
    let Some(digits) = digits_between(value, b" -", &mut buf) else {
        return false;
    };
    digits.len() == 10
        && matches!(digits[0], 1 | 2)
        && (luhn_sum(digits) + NPI_PREFIX_LUHN_SUM).is_multiple_of(10)
        && !all_same(&digits[..9])
}

// ---------------------------------------------------------------------------------------------
// mbi
// ---------------------------------------------------------------------------------------------

/// What one position of a Medicare Beneficiary Identifier may hold.
#[derive(Clone, Copy)]
enum MbiSlot {
    NonZeroDigit,
    Digit,
    Letter,
    LetterOrDigit,
}

/// The 11 positions, per the CMS "MBI format specification".
const MBI_LAYOUT: [MbiSlot; 11] = [
    MbiSlot::NonZeroDigit,
    MbiSlot::Letter,
    MbiSlot::LetterOrDigit,
    MbiSlot::Digit,
    MbiSlot::Letter,
    MbiSlot::LetterOrDigit,
    MbiSlot::Digit,
    MbiSlot::Letter,
    MbiSlot::Letter,
    MbiSlot::Digit,
    MbiSlot::Digit,
];

/// CMS never uses S, L, O, I, B or Z in an MBI: they are too easily read as 5, 1, 0, 1, 8 and 2.
fn is_mbi_letter(byte: u8) -> bool {
    byte.is_ascii_uppercase() && !b"SLOIBZ".contains(&byte)
}

impl MbiSlot {
    /// Whether `byte` (already upper-cased) may stand in this position.
    fn accepts(self, byte: u8) -> bool {
        match self {
            MbiSlot::NonZeroDigit => matches!(byte, b'1'..=b'9'),
            MbiSlot::Digit => byte.is_ascii_digit(),
            MbiSlot::Letter => is_mbi_letter(byte),
            MbiSlot::LetterOrDigit => byte.is_ascii_digit() || is_mbi_letter(byte),
        }
    }
}

/// A Medicare Beneficiary Identifier, bare (`1EG4TE5MK73`) or dashed as CMS prints it
/// (`1EG4-TE5-MK73`), in any letter case.
pub fn mbi(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut undashed = [0; 11];
    let chars: &[u8] = match bytes.len() {
        11 => bytes,
        13 if bytes[4] == b'-' && bytes[8] == b'-' => {
            undashed[..4].copy_from_slice(&bytes[..4]);
            undashed[4..7].copy_from_slice(&bytes[5..8]);
            undashed[7..].copy_from_slice(&bytes[9..]);
            &undashed
        }
        _ => return false,
    };
    chars.iter().zip(MBI_LAYOUT).all(|(&byte, slot)| slot.accepts(byte.to_ascii_uppercase()))
}

// ---------------------------------------------------------------------------------------------
// dea
// ---------------------------------------------------------------------------------------------

/// First letters DEA gives registrants by type (A, B, F, G practitioners; M mid-level
/// practitioners; X addiction treatment; the others manufacturers, distributors, researchers...).
const DEA_REGISTRANT_TYPES: &[u8] = b"ABCDEFGHJKLMPRSTUX";

/// A DEA registration number: registrant type letter, a letter (or `9` for some business
/// registrants), six digits and a check digit: (d1 + d3 + d5) + 2 * (d2 + d4 + d6) ends in d7.
pub fn dea(value: &str) -> bool {
    let Ok(&[kind, second, ref digits @ ..]) = <&[u8; 9]>::try_from(value.as_bytes()) else {
        return false;
    };
    if !DEA_REGISTRANT_TYPES.contains(&kind.to_ascii_uppercase())
        || !(second.is_ascii_alphabetic() || second == b'9')
        || !digits.iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let [d1, d2, d3, d4, d5, d6, check] = digits.map(|byte| u32::from(byte - b'0'));
    ((d1 + d3 + d5) + 2 * (d2 + d4 + d6)) % 10 == check
}

// ---------------------------------------------------------------------------------------------
// date
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// phone, ipv4, ipv6
// ---------------------------------------------------------------------------------------------

/// A North American Numbering Plan number: optional `+1`/`1`, then 10 digits separated by any of
/// space . - ( ); area code and exchange cannot start with 0 or 1 (those are dialing prefixes).
/// The fictional 555-01xx range is accepted: it is well-formed, and sample posts use it.
pub fn phone(value: &str) -> bool {
    let (has_plus, rest) = match value.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let mut buf = [0; 11];
    let Some(digits) = digits_between(rest, b" .-()", &mut buf) else {
        return false;
    };
    let number = match digits {
        [1, number @ ..] if number.len() == 10 => number,
        // `+` must introduce the country code 1.
        number if number.len() == 10 && !has_plus => number,
        _ => return false,
    };
    matches!(number[0], 2..=9) && matches!(number[3], 2..=9) && !all_same(number)
}

/// Four decimal octets 0-255; the standard parser already refuses leading zeros (`01.2.3.4`),
/// which some tools read as octal.
pub fn ipv4(value: &str) -> bool {
    value.parse::<Ipv4Addr>().is_ok()
}

/// An IPv6 address other than the unspecified `::`, which names no host (and `::` in prose is
/// rarely an address). Zone suffixes (`%eth0`) are refused.
pub fn ipv6(value: &str) -> bool {
    value.parse::<Ipv6Addr>().is_ok_and(|address| !address.is_unspecified())
}

// All values below are synthetic: public test card numbers, documentation IP ranges, the CMS
// example MBI, fictional 555-01xx phone numbers and made-up numbers that merely pass the rules.
#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts `validator` gives `expected` for every value, naming the value that does not.
    fn check(validator: Validator, expected: bool, values: &[&str]) {
        for value in values {
            assert_eq!(validator(value), expected, "{value:?}");
        }
    }

    #[test]
    fn every_name_resolves_and_unknown_names_do_not() {
        for name in NAMES {
            assert!(lookup(name).is_some(), "{name}");
        }
        assert!(lookup("SSN").is_none());
        assert!(lookup("iban").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn lookup_returns_the_named_validator() {
        let ssn_validator = lookup("ssn").expect("ssn is a known validator");
        assert!(ssn_validator("219-45-6780"));
        assert!(!ssn_validator("4111111111111111"));
        let luhn_validator = lookup("luhn").expect("luhn is a known validator");
        assert!(luhn_validator("4111111111111111"));
    }

    #[test]
    fn odd_inputs_never_panic_and_never_pass() {
        let odd = [
            "",
            " ",
            "-",
            "é",
            "١٢٣-٤٥-٦٧٨٩",
            "１２３-４５-６７８９",
            "3/14é",
            "March 14\u{a0}1961",
            "🎂 3/14",
            "99999999999999999999999999999999999999",
            "///",
            "...",
            "0x1F",
        ];
        for name in NAMES {
            let validator = lookup(name).expect("every name resolves");
            for value in odd {
                assert!(!validator(value), "{name}({value:?})");
            }
        }
    }

    #[test]
    fn ssn_accepts_possible_numbers() {
        check(
            ssn,
            true,
            &[
                "219-45-6780",
                "219456780",
                "219 45 6780",
                "219.45.6780",
                "899-12-3456", // highest area that can be issued
                "001-01-0001",
                "665-01-0001",
                "667-99-9999",
                "123-45-6788", // next to the placeholder
            ],
        );
    }

    #[test]
    fn ssn_rejects_impossible_and_sample_numbers() {
        check(
            ssn,
            false,
            &[
                "000-12-3456",
                "666-12-3456",
                "900-12-3456",
                "999-12-3456",
                "123-00-4567",
                "123-45-0000",
                "111-11-1111",
                "555555555",
                "078-05-1120",
                "078051120",
                "219-09-9999",
                "123-45-6789",
                "987-65-4320",
                "987-65-4329",
            ],
        );
    }

    #[test]
    fn ssn_rejects_malformed_text() {
        check(
            ssn,
            false,
            &[
                "219-45 6780",  // mixed separators
                "219.45-6780",  // mixed separators
                "219/45/6780",  // not an SSN separator
                "219-456-780",  // separators in the wrong place
                "21945678",     // 8 digits
                "2194567801",   // 10 digits
                "219--45-6780", // doubled separator
                "219-45-678O",  // letter O for zero
                " 219-45-6780",
            ],
        );
    }

    #[test]
    fn luhn_accepts_test_card_numbers() {
        check(
            luhn,
            true,
            &[
                "4111111111111111",
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "5555555555554444",
                "371449635398431",
                "3714 496353 98431",
                "4222222222222",       // 13 digits, the shortest accepted
                "4000000000000000006", // 19 digits, the longest accepted
            ],
        );
    }

    #[test]
    fn luhn_rejects_other_numbers_and_text() {
        check(
            luhn,
            false,
            &[
                "4111111111111112",     // wrong check digit
                "5555555555554445",     // wrong check digit
                "400000000002",         // Luhn-valid but 12 digits
                "40000000000000000002", // Luhn-valid but 20 digits
                "0000000000000000",     // Luhn-valid but one repeated digit
                "4111.1111.1111.1111",  // dots are not card separators
                "4111_1111_1111_1111",
                "4111 1111 1111 111x",
                "card 4111111111111111",
            ],
        );
    }

    /// The digit values of `value`, for checking the checksums of the test data itself.
    fn digit_values<'b>(value: &str, buf: &'b mut [u8; 20]) -> &'b [u8] {
        digits_between(value, b"", buf).expect("test data is plain digits")
    }

    #[test]
    fn checksum_rejections_are_for_the_stated_reason() {
        let mut buf = [0; 20];
        // These card-like values are Luhn-valid: only their length or repetition is wrong.
        for value in ["400000000002", "40000000000000000002", "0000000000000000"] {
            assert_eq!(luhn_sum(digit_values(value, &mut buf)) % 10, 0, "{value}");
        }
        // These NPI-like values pass the check digit: only the first digit or body is wrong.
        for value in ["3234567899", "0234567895", "1111111112"] {
            let sum = luhn_sum(digit_values(value, &mut buf)) + NPI_PREFIX_LUHN_SUM;
            assert_eq!(sum % 10, 0, "{value}");
        }
    }

    #[test]
    fn npi_accepts_valid_identifiers() {
        check(
            npi,
            true,
            &[
                "1234567893",
                "1245319599",
                "1234-567-893",
                "1234 567 893",
                "2234567891", // starts with 2
            ],
        );
    }

    #[test]
    fn npi_rejects_invalid_identifiers() {
        check(
            npi,
            false,
            &[
                "1234567890",   // wrong check digit
                "1234567894",   // wrong check digit
                "3234567899",   // passes the check but starts with 3
                "0234567895",   // passes the check but starts with 0
                "1111111112",   // passes the check but the body is one repeated digit
                "123456789",    // 9 digits
                "12345678931",  // 11 digits
                "1234.567.893", // dots are not NPI separators
                "NPI1234567893",
            ],
        );
    }

    #[test]
    fn mbi_accepts_the_cms_shape() {
        check(
            mbi,
            true,
            &[
                "1EG4-TE5-MK73",
                "1EG4TE5MK73",
                "1eg4-te5-mk73",
                "9A00A00AA00", // digits in positions 3 and 6
                "1AA0AA0AA00", // letters in positions 3 and 6
            ],
        );
    }

    #[test]
    fn mbi_rejects_other_shapes() {
        check(
            mbi,
            false,
            &[
                "0EG4TE5MK73",   // position 1 is 0
                "1SG4TE5MK73",   // S in a letter position
                "1EG4LE5MK73",   // L
                "1EO4TE5MK73",   // O in position 3
                "1EG4IE5MK73",   // I
                "1EG4TE5BK73",   // B
                "1EG4TE5MZ73",   // Z
                "1EG4TE5MKA3",   // letter in position 10
                "11G4TE5MK73",   // digit in position 2
                "1EG4-TE5MK73",  // only one dash
                "1EG-4TE5-MK73", // dashes in the wrong place
                "1EG4TE5MK7",    // 10 characters
                "1EG4TE5MK731",  // 12 characters
            ],
        );
    }

    #[test]
    fn dea_accepts_valid_registrations() {
        // AB1234563: (1 + 3 + 5) + 2 * (2 + 4 + 6) = 33, check digit 3.
        // BJ7654329: (7 + 5 + 3) + 2 * (6 + 4 + 2) = 39, check digit 9.
        check(
            dea,
            true,
            &[
                "AB1234563",
                "ab1234563",
                "BJ7654329",
                "A91234563", // `9` as the second character
                "XA1234563",
            ],
        );
    }

    #[test]
    fn dea_rejects_invalid_registrations() {
        check(
            dea,
            false,
            &[
                "AB1234564",  // wrong check digit
                "BJ7654321",  // wrong check digit
                "IB1234563",  // I is not a registrant type
                "NB1234563",  // N is not a registrant type
                "A11234563",  // second character a digit other than 9
                "1B1234563",  // first character a digit
                "AB123456",   // 6 digits
                "AB12345630", // 8 digits
                "AB 1234563",
                "AB123456X",
            ],
        );
    }

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

    #[test]
    fn phone_accepts_nanp_numbers() {
        check(
            phone,
            true,
            &[
                "(212) 555-0123",
                "212-555-0123",
                "212.555.0123",
                "2125550123",
                "+1 212 555 0123",
                "+12125550123",
                "1-212-555-0123",
                "1 (800) 555-0199",
            ],
        );
    }

    #[test]
    fn phone_rejects_other_numbers() {
        check(
            phone,
            false,
            &[
                "112-555-0123",     // area code starts with 1
                "012-555-0123",     // area code starts with 0
                "212-055-0123",     // exchange starts with 0
                "212-155-0123",     // exchange starts with 1
                "222-222-2222",     // one repeated digit
                "212-555-012",      // 9 digits
                "212-555-01234",    // 11 digits not starting with 1
                "+44 20 7946 0958", // not NANP
                "+2 212 555 0123",
                "+212 555 0123", // `+` without the country code
                "212-555-CALL",
                "212/555/0123",
                "2125550123 x12",
            ],
        );
    }

    #[test]
    fn ipv4_accepts_dotted_quads() {
        check(ipv4, true, &["192.168.0.1", "0.0.0.0", "255.255.255.255", "198.51.100.7", "10.0.0.0"]);
    }

    #[test]
    fn ipv4_rejects_other_text() {
        check(
            ipv4,
            false,
            &[
                "192.168.0",
                "192.168.0.1.5",
                "256.1.1.1",
                "01.2.3.4", // leading zero
                "1..2.3",
                "1.2.3.4 ",
                "+1.2.3.4",
                "a.b.c.d",
                "192.168.0.1/24",
            ],
        );
    }

    #[test]
    fn ipv6_accepts_addresses() {
        check(
            ipv6,
            true,
            &[
                "2001:db8::1",
                "::1",
                "fe80::1",
                "2001:0db8:0000:0000:0000:ff00:0042:8329",
                "::ffff:192.0.2.1",
                "2001:DB8::A",
            ],
        );
    }

    #[test]
    fn ipv6_rejects_other_text() {
        check(
            ipv6,
            false,
            &["::", "2001:db8::1::1", "12345::1", "2001:db8::g", "fe80::1%eth0", "[::1]", "192.168.0.1", "2001:db8:1"],
        );
    }
}
