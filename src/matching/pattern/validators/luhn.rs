//! `luhn`: payment card numbers.

use super::digits::{all_same, digits_between, luhn_sum};

/// A payment card number: 13-19 digits (spaces and dashes ignored) with a valid Luhn check digit.
pub fn luhn(value: &str) -> bool {
    let mut buf = [0; 19];
    let Some(digits) = digits_between(value, b" -", &mut buf) else {
        return false;
    };
    (13..=19).contains(&digits.len()) && luhn_sum(digits).is_multiple_of(10) && !all_same(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

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
}
