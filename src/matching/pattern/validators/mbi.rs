//! `mbi`: Medicare Beneficiary Identifiers.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

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
}
