//! `ssn`: US Social Security Numbers.

use super::digits::{all_same, digits_value};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

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
}
