//! Byte-class prefilters for the patterns without a gate (an SSN, a phone number, a date: digits and punctuation,
//! no word to look for). For such a pattern two classes of bytes are worked out from its syntax: its *alphabet*,
//! every byte a match can contain, and a *required* class, of which every match contains at least one byte (a
//! digit, `@`, `:`). A match is then always inside one maximal run of alphabet bytes that holds a required byte, so
//! the pattern only runs on those runs ("windows", with the text around them still seen by `\b` and `^`), and
//! finds exactly what it finds on the whole text, without its lazy DFA ever seeing most of the text.
//!
//! The embedded rules' classes are worked out when the binary is built (`build.rs` includes this file, as it does
//! `gate.rs`), so this module uses nothing but `std` and `regex-syntax`.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A set of bytes, one bit each.
pub type ByteSet = [u64; 4];

fn insert(set: &mut ByteSet, b: u8) {
    set[usize::from(b >> 6)] |= 1 << (b & 63);
}

fn insert_range(set: &mut ByteSet, start: u8, end: u8) {
    for b in start..=end {
        insert(set, b);
    }
}

fn union(a: &ByteSet, b: &ByteSet) -> ByteSet {
    std::array::from_fn(|i| a[i] | b[i])
}

fn bytes(set: &ByteSet) -> impl Iterator<Item = u8> + '_ {
    (0..=255u8).filter(|&b| set[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
}

/// The (required, alphabet) classes of a pattern as the engine compiles it, or `None` when no byte is required (a
/// pattern that can match the empty string, or one made of look-arounds and optional parts) or when the required
/// bytes are in almost every word. `unicode` is the mode the pattern compiles in.
pub fn of_pattern(source: &str, unicode: bool) -> Option<(ByteSet, ByteSet)> {
    let hir = regex_syntax::ParserBuilder::new().unicode(unicode).utf8(false).build().parse(source).ok()?;
    let required = required(&hir).filter(selective)?;
    Some((required, alphabet(&hir)))
}

/// Whether a required class leaves out most of a text. With a lower-case letter or a space in it, the windows were
/// measured to cover nine tenths of the varied bench corpus in tens of thousands of pieces (`\S+`: one a word),
/// slower to search one by one than the whole text at once.
fn selective(required: &ByteSet) -> bool {
    bytes(required).all(|b| !b.is_ascii_lowercase() && !b.is_ascii_whitespace())
}

/// Every byte that a match of `hir` can contain.
fn alphabet(hir: &Hir) -> ByteSet {
    let mut set = ByteSet::default();
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => lit.0.iter().for_each(|&b| insert(&mut set, b)),
        HirKind::Class(class) => set = class_bytes(class),
        HirKind::Repetition(rep) if rep.max == Some(0) => {}
        HirKind::Repetition(rep) => set = alphabet(&rep.sub),
        HirKind::Capture(cap) => set = alphabet(&cap.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            set = parts.iter().fold(set, |set, part| union(&set, &alphabet(part)))
        }
    }
    set
}

/// The bytes of a class as UTF-8 text can hold them: a non-ASCII character is some bytes from 0x80 up.
fn class_bytes(class: &Class) -> ByteSet {
    let mut set = ByteSet::default();
    match class {
        Class::Bytes(bytes) => bytes.ranges().iter().for_each(|r| insert_range(&mut set, r.start(), r.end())),
        Class::Unicode(unicode) => {
            for r in unicode.ranges() {
                let (start, end) = (u32::from(r.start()), u32::from(r.end()));
                if let Some(start) = u8::try_from(start).ok().filter(u8::is_ascii) {
                    insert_range(&mut set, start, u8::try_from(end.min(0x7f)).unwrap_or(0x7f));
                }
                if end >= 0x80 {
                    insert_range(&mut set, 0x80, 0xff);
                }
            }
        }
    }
    set
}

/// A class of which every match of `hir` contains a byte, the rarest one found (a selective one first); `None`
/// when there is none.
fn required(hir: &Hir) -> Option<ByteSet> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(lit) => {
            let rarest = lit.0.iter().copied().min_by_key(|&b| weight(b))?;
            let mut set = ByteSet::default();
            insert(&mut set, rarest);
            Some(set)
        }
        HirKind::Class(class) => Some(class_bytes(class)).filter(|set| set.iter().any(|&w| w != 0)),
        HirKind::Repetition(rep) if rep.min > 0 => required(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Concat(parts) => parts.iter().filter_map(required).min_by_key(|set| (!selective(set), cost(set))),
        HirKind::Alternation(branches) => {
            branches.iter().try_fold(ByteSet::default(), |set, branch| Some(union(&set, &required(branch)?)))
        }
    }
}

/// How common a byte is in posts, roughly: lower-case letters and spaces are everywhere, digits and punctuation
/// are not.
fn weight(b: u8) -> u32 {
    match b {
        b' ' => 40,
        b'a'..=b'z' => 10,
        b'\n' | b'.' | b',' | b'\'' => 4,
        b'A'..=b'Z' => 2,
        _ => 1,
    }
}

/// How many bytes of text a class is expected to hit.
fn cost(set: &ByteSet) -> u32 {
    bytes(set).map(weight).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(chars: &str) -> ByteSet {
        let mut set = ByteSet::default();
        chars.bytes().for_each(|b| insert(&mut set, b));
        set
    }

    fn filter(pattern: &str) -> Option<(String, String)> {
        let text = |s: ByteSet| String::from_utf8(bytes(&s).collect()).unwrap();
        of_pattern(pattern, false).map(|(required, alphabet)| (text(required), text(alphabet)))
    }

    #[test]
    fn digits_are_required_of_a_number_shape() {
        let (required, alphabet) = filter(r"\b\d{3}[- .]\d{2}[- .]\d{4}\b").unwrap();
        assert_eq!(required, "0123456789");
        assert_eq!(alphabet, " -.0123456789");
    }

    #[test]
    fn the_rarest_part_is_required_and_alternatives_join() {
        assert_eq!(filter(r"[a-z]+@[a-z]+").unwrap().0, "@");
        assert_eq!(filter(r"[a-z]+\d|x:").unwrap().0, "0123456789:");
        assert_eq!(filter(r"(?i)ssn\s*\d").unwrap().0, "0123456789");
    }

    #[test]
    fn nothing_is_required_of_what_can_be_empty() {
        assert_eq!(filter(r"\d*"), None);
        assert_eq!(filter(r"a|\b"), None);
        assert_eq!(filter(r"(?:\d)?x?"), None);
    }

    #[test]
    fn a_class_found_in_every_word_is_no_filter() {
        assert_eq!(filter(r"\S+"), None);
        assert_eq!(filter(r"(?i)\bcentenarians?\b|\d+"), None);
        assert_eq!(filter(r"x\s\d").unwrap().0, "0123456789");
    }

    #[test]
    fn non_ascii_characters_add_their_bytes() {
        let (_, alphabet) = of_pattern(r"(?u:[é-ë])\d", false).unwrap();
        assert_eq!(alphabet, union(&set("0123456789"), &[0, 0, u64::MAX, u64::MAX]));
    }

    fn pattern() -> impl proptest::strategy::Strategy<Value = String> {
        crate::engine::regex_strategy(&["1", "a", "(?i:b)", "[1-2]", r"\s", r"\b", "-", "[^a]"])
    }

    proptest::proptest! {
        /// Soundness: every match has only alphabet bytes and at least one required byte.
        #[test]
        fn every_match_is_in_a_window(pattern in pattern(), text in "[12abB \n-]{0,30}") {
            if let Some((required, alphabet)) = of_pattern(&pattern, false) {
                let re = regex::bytes::RegexBuilder::new(&pattern).unicode(false).build().unwrap();
                let has = |set: &ByteSet, b: u8| set[usize::from(b >> 6)] & (1 << (b & 63)) != 0;
                for m in re.find_iter(text.as_bytes()) {
                    proptest::prop_assert!(m.as_bytes().iter().all(|&b| has(&alphabet, b)), "{:?}", m);
                    proptest::prop_assert!(m.as_bytes().iter().any(|&b| has(&required, b)), "{:?}", m);
                }
            }
        }
    }
}
