//! Digit helpers shared by the checksum validators.

/// Copies the digits of `value` (as values 0-9) into `buf`, skipping the bytes in `separators`.
/// `None` when anything else appears or the digits do not fit, so no caller sees a cut-off number.
pub(super) fn digits_between<'b>(value: &str, separators: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
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
pub(super) fn all_same(digits: &[u8]) -> bool {
    digits.windows(2).all(|pair| pair[0] == pair[1])
}

/// The Luhn sum of `digits` (values 0-9): every second digit from the right is doubled (minus 9
/// when above 9). The number is valid when the sum is a multiple of 10.
pub(super) fn luhn_sum(digits: &[u8]) -> u32 {
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
pub(super) fn digits_value(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |value, &digit| value * 10 + u32::from(digit))
}
