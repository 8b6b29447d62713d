//! Word windows and sentence bounds around a match, for context conditions. Works on bytes of the normalised
//! text: a word is a run of ASCII letters, digits, apostrophes or non-ASCII bytes.

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b >= 0x80
}

/// Start of the window that holds `words` words before `start`.
pub fn words_before(text: &[u8], start: usize, words: usize) -> usize {
    let mut i = start;
    for _ in 0..words {
        // skip separators, then one word
        while i > 0 && !is_word_byte(text[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        while i > 0 && is_word_byte(text[i - 1]) {
            i -= 1;
        }
    }
    i
}

/// End of the window that holds `words` words after `end`.
pub fn words_after(text: &[u8], end: usize, words: usize) -> usize {
    let mut i = end;
    for _ in 0..words {
        while i < text.len() && !is_word_byte(text[i]) {
            i += 1;
        }
        if i == text.len() {
            break;
        }
        while i < text.len() && is_word_byte(text[i]) {
            i += 1;
        }
    }
    i
}

/// Words whose full stop does not end a sentence (titles, common abbreviations), lower case.
const ABBREVIATIONS: &[&[u8]] = &[
    b"mr", b"mrs", b"ms", b"mx", b"dr", b"prof", b"st", b"jr", b"sr", b"vs", b"etc", b"e.g", b"i.e", b"a.m", b"p.m",
    b"ave", b"apt", b"dept", b"approx", b"inc", b"co", b"ltd", b"fig", b"ft", b"mt", b"rev", b"hon",
];

/// Whether the byte at `i` ends a sentence: `.`, `!` or `?` followed by white space or the end, or a line break. A
/// full stop after a title or abbreviation (`Ms. Lee`, `Dr. Patel`) or an initial (`J. Smith`) does not.
fn ends_sentence(text: &[u8], i: usize) -> bool {
    match text[i] {
        // `\r` alone ends a line in classic Mac files
        b'\n' | b'\r' => true,
        b'!' | b'?' => text.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
        b'.' => text.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) && !after_abbreviation(text, i),
        _ => false,
    }
}

/// Whether the word before the full stop at `dot` is an abbreviation or a single capital letter.
fn after_abbreviation(text: &[u8], dot: usize) -> bool {
    let start = text[..dot].iter().rposition(|&b| !(b.is_ascii_alphabetic() || b == b'.')).map_or(0, |p| p + 1);
    let word = &text[start..dot];
    (word.len() == 1 && word[0].is_ascii_uppercase()) || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// The byte range of the sentence around `start..end`. A match that itself spans a sentence end keeps its extent.
/// The part of that sentence inside `lo..hi` (a word window around the match), found without scanning a long
/// sentence for every match in it.
pub fn sentence_within(text: &[u8], start: usize, end: usize, lo: usize, hi: usize) -> (usize, usize) {
    let mut s = start;
    while s > lo && !ends_sentence(text, s - 1) {
        s -= 1;
    }
    let mut e = end;
    while e < hi && !ends_sentence(text, e) {
        e += 1;
    }
    (s, (e + 1).min(hi).max(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_around(text: &[u8], start: usize, end: usize) -> (usize, usize) {
        sentence_within(text, start, end, 0, text.len())
    }

    #[test]
    fn window_counts_words_on_both_sides() {
        let t = b"one two three MATCH four five six";
        let s = 14;
        let e = 19;
        assert_eq!(&t[words_before(t, s, 2)..s], b"two three ");
        assert_eq!(&t[e..words_after(t, e, 2)], b" four five");
    }

    #[test]
    fn window_stops_at_text_edges() {
        let t = b"a MATCH";
        assert_eq!(words_before(t, 2, 8), 0);
        assert_eq!(words_after(t, 7, 8), 7);
    }

    #[test]
    fn sentence_is_cut_at_full_stops_and_line_breaks() {
        let t = b"Myth: vaccines cause autism. Fact: they do not.\nNext line";
        let (s, e) = sentence_around(t, 15, 20);
        assert_eq!(&t[s..e], b"Myth: vaccines cause autism.");
        let (s, e) = sentence_around(t, 35, 39);
        assert_eq!(&t[s..e], b" Fact: they do not.");
    }

    #[test]
    fn a_sentence_is_looked_for_only_within_the_window() {
        let t = b"One. two three MATCH four five. Six";
        assert_eq!(sentence_within(t, 15, 20, 9, 25), (9, 25), "no sentence end inside the window");
        assert_eq!(sentence_within(t, 15, 20, 0, t.len()), (4, 31));
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        let t = b"Our office manager, Ms. Lee, will call. Dr. J. Smith agrees.";
        assert_eq!(sentence_around(t, 24, 27), (0, 39));
        assert_eq!(sentence_around(t, 44, 52), (39, t.len()));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_sentence() {
        let t = b"Line one has no stop\rvaccines cause autism\rLine three";
        let (s, e) = sentence_around(t, 21, 29);
        assert_eq!(&t[s..e], b"vaccines cause autism\r");
    }

    #[test]
    fn decimal_points_do_not_end_sentences() {
        let t = b"Take 2.5 mg daily now";
        assert_eq!(sentence_around(t, 5, 8), (0, t.len()));
    }
}
