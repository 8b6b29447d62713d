//! `dea`: DEA registration numbers.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

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
}
