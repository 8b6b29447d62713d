//! `phone`: North American phone numbers.

use super::digits::{all_same, digits_between};

/// A North American Numbering Plan number: optional `+1`/`1`, then 10 digits separated by any of
/// space . - ( ); area code and exchange cannot start with 0 or 1 (those are dialing prefixes).
/// The fictional 555-01xx range is accepted: it is well-formed, and sample posts use it.
pub fn phone(value: &str) -> bool {
    let value = without_extension(value);
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

/// `312-555-0109 ext. 214` or `x214`: the extension belongs to the number (it is masked with it) but is not one of
/// its ten digits.
fn without_extension(value: &str) -> &str {
    let digits_from = value.trim_end_matches(|c: char| c.is_ascii_digit());
    if digits_from.len() == value.len() {
        return value;
    }
    let mark = digits_from.trim_end().trim_end_matches('.');
    ["extension", "ext", "x"]
        .iter()
        .find_map(|m| mark.len().checked_sub(m.len()).filter(|&at| mark[at..].eq_ignore_ascii_case(m)).map(|at| &mark[..at]))
        .map_or(value, str::trim_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

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
                "312-555-0109 ext. 214",
                "(312) 555-0109 x2",
                "312.555.0109 Extension 7",
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
                "2125550123 x",     // an extension mark with no extension
                "212555012 x12",    // 9 digits and an extension
            ],
        );
    }
}
