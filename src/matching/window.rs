//! Word windows and sentence bounds around a match, for context conditions, and the one rule for where a sentence
//! ends, which frames split posts by too. Works on bytes of the normalised text: a word is a run of ASCII letters,
//! digits, apostrophes or non-ASCII bytes.

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

/// Where the sentence whose last punctuation is at `i` ends, if a sentence ends there: at a line break, or at `.`,
/// `!` or `?` followed by white space, an emoji or symbol ("every week!🙌 Elderberry ...") or the end. A full stop
/// after a title or abbreviation (`Ms. Lee`, `Dr. Patel`), an initial after a name (`Ava J. Roe`, not `vitamin D.`)
/// or `No.` before a number does not.
///
/// `in_quotes`: a sentence may also end inside closing quotes or a bracket (`"Can zinc cure colds?" We ...`), and
/// the end is after them. Frames split posts so, since a quoted question is a question; context windows do not, as
/// a quoted claim and the refutation after it (`"Vitamin A prevents measles." — It does not`) are one thought there.
pub fn sentence_end(text: &[u8], i: usize, in_quotes: bool) -> Option<usize> {
    match text[i] {
        // `\r` alone ends a line in classic Mac files
        b'\n' | b'\r' => Some(i + 1),
        b'!' | b'?' | b'.' => {
            let mut j = i + 1;
            let closing: &[u8] = if in_quotes { b".!?\"')" } else { b".!?" };
            while j < text.len() && closing.contains(&text[j]) {
                j += 1;
            }
            let at_break = match text.get(j) {
                None => true,
                Some(b) if b.is_ascii() => b.is_ascii_whitespace(),
                // a non-ASCII character: an emoji or symbol breaks, a letter goes on
                Some(_) => std::str::from_utf8(&text[j..text.len().min(j + 4)])
                    .ok()
                    .or_else(|| std::str::from_utf8(&text[j..]).ok())
                    .and_then(|s| s.chars().next())
                    .is_none_or(|c| !c.is_alphanumeric()),
            };
            (at_break && !(text[i] == b'.' && after_abbreviation(text, i))).then_some(j)
        }
        _ => None,
    }
}

/// Whether the byte at `i` ends a sentence (see `sentence_within`).
pub fn ends_sentence(text: &[u8], i: usize) -> bool {
    sentence_end(text, i, false).is_some()
}

/// Whether the word before the full stop at `dot` is an abbreviation, an initial or `No.` before a number.
fn after_abbreviation(text: &[u8], dot: usize) -> bool {
    let start = text[..dot].iter().rposition(|&b| !(b.is_ascii_alphabetic() || b == b'.')).map_or(0, |p| p + 1);
    let word = &text[start..dot];
    let number_sign = word.eq_ignore_ascii_case(b"no")
        && text[dot + 1..].iter().find(|b| !b.is_ascii_whitespace()).is_some_and(u8::is_ascii_digit);
    number_sign
        || (word.len() == 1 && initial(text, start))
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Whether the one letter at `at` is an initial: a capital after a capitalised word (`Ava J.`) or at the start.
fn initial(text: &[u8], at: usize) -> bool {
    if !text[at].is_ascii_uppercase() {
        return false;
    }
    let before = text[..at].iter().rposition(|b| !b.is_ascii_whitespace());
    let Some(mut end) = before else { return true };
    // after a title: `Dr. J. Smith`
    if text[end] == b'.' && end > 0 {
        end -= 1;
    }
    let word_start = text[..=end].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |p| p + 1);
    word_start <= end && text[word_start].is_ascii_uppercase()
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
    fn emoji_end_a_sentence_and_a_lone_capital_after_a_lower_case_word_is_no_initial() {
        let t = "Busting myths weekly!🙌 Elderberry cures flu.".as_bytes();
        assert_eq!(sentence_end(t, 20, false), Some(21));
        let t = b"Ask about vitamin D. Elderberry cures flu. See plan No. 5 today.";
        assert_eq!(sentence_end(t, 19, false), Some(20), "`vitamin D.` ends its sentence");
        assert_eq!(sentence_end(t, 53, false), None, "`No. 5` goes on");
    }

    #[test]
    fn quotes_close_a_sentence_only_when_asked() {
        let t = b"\"Can zinc cure colds?\" We hear it.";
        assert_eq!(sentence_end(t, 20, true), Some(22));
        assert_eq!(sentence_end(t, 20, false), None);
    }

    #[test]
    fn decimal_points_do_not_end_sentences() {
        let t = b"Take 2.5 mg daily now";
        assert_eq!(sentence_around(t, 5, 8), (0, t.len()));
    }
}
