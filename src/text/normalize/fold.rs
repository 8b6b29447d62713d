//! What normalisation does to one character: NFKC's class of it, invisible characters, typographic punctuation,
//! look-alike letters and lower-casing. `normalize` applies these segment by segment and keeps the byte map.

use std::iter;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{is_nfkc_quick, IsNormalized};

/// How NFKC treats a character, looked up once per character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NfkcClass {
    /// NFKC never combines the character with what precedes it, so a new segment can start at it.
    pub starts_segment: bool,
    /// NFKC leaves the character as it is when it stands alone.
    pub stable: bool,
}

pub(super) fn nfkc_class(c: char) -> NfkcClass {
    if is_plain_symbol(c) {
        return NfkcClass { starts_segment: true, stable: true };
    }
    match is_nfkc_quick(iter::once(c)) {
        // NFKC_Quick_Check=Maybe marks the characters that compose with a preceding one (U+0301, Hangul vowels).
        IsNormalized::Maybe => NfkcClass { starts_segment: false, stable: false },
        IsNormalized::Yes => NfkcClass { starts_segment: canonical_combining_class(c) == 0, stable: true },
        // A compatibility character is replaced by its decomposition, whose first character decides: halfwidth
        // katakana ﾞ (U+FF9E) becomes a combining sound mark that joins the kana before it.
        IsNormalized::No => {
            let first = first_decomposed(c);
            let starts_segment =
                canonical_combining_class(first) == 0 && is_nfkc_quick(iter::once(first)) == IsNormalized::Yes;
            NfkcClass { starts_segment, stable: false }
        }
    }
}

/// Emoji and pictographs, the usual non-ASCII characters of a post: NFKC and lower-casing leave them alone, so
/// their (slow) table look-ups are skipped. The test `plain_symbols_need_no_folding` checks every one of them.
pub(super) fn is_plain_symbol(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F300}'..='\u{1FAFF}')
}

/// The first character of the full compatibility decomposition of `c`.
fn first_decomposed(c: char) -> char {
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    first.unwrap_or(c)
}

/// Characters that render as nothing and are inserted inside words to break matching: zero-width space, non-joiner
/// and joiner, word joiner, BOM, soft hyphen and variation selectors. Dropping the joiner and U+FE0F also turns
/// emoji sequences into their plain code points (❤️ → ❤), so rules match either presentation.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// The ASCII form of a typographic quote, prime or dash. The ellipsis … needs no entry: NFKC makes it "...".
pub(super) fn ascii_punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        // ‐ ‑ ‒ – — ― and the minus sign.
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        _ => None,
    }
}

/// Cyrillic and Greek letters that look like Latin ones, with the Latin letter they pass for; sorted by code point
/// for binary search.
///
/// Deliberately small: the letters that pass for Latin ones in running text, chosen from Unicode's confusables
/// (the test `lookalikes_agree_with_unicode_skeleton` checks them against `unicode_security::skeleton`). The
/// skeleton itself is not used at run time: it is slow and folds Latin text too ('m' → "rn"). Lower-case letters
/// shaped like small capitals (в к м н т κ τ) fold to the letter of their capital, so Cyrillic "ТОР" and "тор" both
/// become "top"; Greek ν and υ look like v and u, while their capitals Ν and Υ look like N and Y.
pub(super) const LOOKALIKES: [(char, char); 56] = [
    ('\u{0391}', 'A'), // Α
    ('\u{0395}', 'E'), // Ε
    ('\u{0399}', 'I'), // Ι
    ('\u{039A}', 'K'), // Κ
    ('\u{039D}', 'N'), // Ν
    ('\u{039F}', 'O'), // Ο
    ('\u{03A1}', 'P'), // Ρ
    ('\u{03A4}', 'T'), // Τ
    ('\u{03A5}', 'Y'), // Υ
    ('\u{03A7}', 'X'), // Χ
    ('\u{03B1}', 'a'), // α
    ('\u{03B5}', 'e'), // ε
    ('\u{03B9}', 'i'), // ι
    ('\u{03BA}', 'k'), // κ
    ('\u{03BD}', 'v'), // ν
    ('\u{03BF}', 'o'), // ο
    ('\u{03C1}', 'p'), // ρ
    ('\u{03C4}', 't'), // τ
    ('\u{03C5}', 'u'), // υ
    ('\u{03C7}', 'x'), // χ
    ('\u{0405}', 'S'), // Ѕ
    ('\u{0406}', 'I'), // І
    ('\u{0408}', 'J'), // Ј
    ('\u{0410}', 'A'), // А
    ('\u{0412}', 'B'), // В
    ('\u{0415}', 'E'), // Е
    ('\u{041A}', 'K'), // К
    ('\u{041C}', 'M'), // М
    ('\u{041D}', 'H'), // Н
    ('\u{041E}', 'O'), // О
    ('\u{0420}', 'P'), // Р
    ('\u{0421}', 'C'), // С
    ('\u{0422}', 'T'), // Т
    ('\u{0423}', 'Y'), // У
    ('\u{0425}', 'X'), // Х
    ('\u{0430}', 'a'), // а
    ('\u{0432}', 'b'), // в
    ('\u{0435}', 'e'), // е
    ('\u{043A}', 'k'), // к
    ('\u{043C}', 'm'), // м
    ('\u{043D}', 'h'), // н
    ('\u{043E}', 'o'), // о
    ('\u{0440}', 'p'), // р
    ('\u{0441}', 'c'), // с
    ('\u{0442}', 't'), // т
    ('\u{0443}', 'y'), // у
    ('\u{0445}', 'x'), // х
    ('\u{0455}', 's'), // ѕ
    ('\u{0456}', 'i'), // і
    ('\u{0458}', 'j'), // ј
    ('\u{0500}', 'D'), // Ԁ
    ('\u{0501}', 'd'), // ԁ
    ('\u{051A}', 'Q'), // Ԛ
    ('\u{051B}', 'q'), // ԛ
    ('\u{051C}', 'W'), // Ԝ
    ('\u{051D}', 'w'), // ԝ
];

/// The Latin letter that `c` passes for, if it is in [`LOOKALIKES`].
pub(super) fn latin_lookalike(c: char) -> Option<char> {
    // Most characters are outside the table's range; skip the search for them.
    if !('\u{0391}'..='\u{051D}').contains(&c) {
        return None;
    }
    LOOKALIKES.binary_search_by_key(&c, |&(from, _)| from).ok().map(|index| LOOKALIKES[index].1)
}

/// Appends a character of NFKC output after folding look-alikes and punctuation and lower-casing it if it is not
/// ASCII (a look-alike becomes an ASCII letter of its own case).
pub(super) fn push_folded(text: &mut String, c: char) {
    if is_plain_symbol(c) {
        text.push(c);
        return;
    }
    let c = latin_lookalike(c).or_else(|| ascii_punctuation(c)).unwrap_or(c);
    if c.is_ascii() {
        text.push(c);
    } else {
        text.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_are_sorted_unique_and_map_to_ascii_letters() {
        assert!(LOOKALIKES.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert!(LOOKALIKES.iter().all(|&(from, to)| !from.is_ascii() && to.is_ascii_alphabetic()));
        assert_eq!(LOOKALIKES.first().map(|entry| entry.0), Some('\u{0391}'));
        assert_eq!(LOOKALIKES.last().map(|entry| entry.0), Some('\u{051D}'));
    }

    #[test]
    fn lookalikes_agree_with_unicode_skeleton() {
        use unicode_security::skeleton;
        // Where Unicode's prototype is not an ASCII letter; see `LOOKALIKES` for why they fold anyway.
        const SMALL_CAPITALS_AND_OTHERS: &str =
            "\u{432}\u{43A}\u{43C}\u{43D}\u{442}\u{3BA}\u{3C4}\u{3B5}\u{3C7}\u{500}";
        for (from, to) in LOOKALIKES {
            let agrees = skeleton(&from.to_string()).eq(skeleton(&to.to_string()));
            let excepted = SMALL_CAPITALS_AND_OTHERS.contains(from);
            assert!(agrees != excepted, "{from} ({:04X}) → {to}: agrees {agrees}", from as u32);
        }
    }

    #[test]
    fn plain_symbols_need_no_folding() {
        let symbols = (char::MIN..=char::MAX).filter(|&c| is_plain_symbol(c));
        for c in symbols {
            assert_eq!(is_nfkc_quick(iter::once(c)), IsNormalized::Yes, "{c}");
            assert_eq!(canonical_combining_class(c), 0, "{c}");
            assert!(c.to_lowercase().eq(iter::once(c)), "{c}");
            assert!(!is_invisible(c) && ascii_punctuation(c).is_none() && latin_lookalike(c).is_none(), "{c}");
        }
    }
}
