//! `npi`: National Provider Identifiers.

use super::digits::{all_same, digits_between, luhn_sum};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

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
}
