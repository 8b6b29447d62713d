//! Extra views of a normalised text for phrase matching only, undoing two more disguises: digits and symbols
//! written for letters (`m1racle cur3`, `h3@lth`) and letters spaced apart (`m i r a c l e  c u r e`).
//! Hashtags (`#MiracleCure`) need no view: each multi-word phrase is also matched with its spaces squashed.

/// The letter a digit or symbol stands for inside a word.
fn leet_letter(b: u8) -> Option<u8> {
    match b {
        b'0' => Some(b'o'),
        b'1' => Some(b'i'),
        b'3' => Some(b'e'),
        b'4' => Some(b'a'),
        b'5' => Some(b's'),
        b'7' => Some(b't'),
        b'@' => Some(b'a'),
        b'$' => Some(b's'),
        _ => None,
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'@' || b == b'$'
}

/// The text with digit-for-letter swaps undone inside words (`m1racle` -> `miracle`, `h3@lth` -> `health`). Same
/// length as the input, so offsets need no map. `None` when nothing changes, which is the common case: only the
/// words around a swap character are looked at.
pub fn leet_folded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut next_free = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if i < next_free || leet_letter(b).is_none() {
            continue;
        }
        let mut start = i;
        while start > 0 && is_token_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < bytes.len() && is_token_byte(bytes[end]) {
            end += 1;
        }
        next_free = end;
        let token = &bytes[start..end];
        if !looks_like_disguised_word(token) {
            continue;
        }
        let buf = out.get_or_insert_with(|| bytes.to_vec());
        for (k, &b) in token.iter().enumerate() {
            let leading_symbol = k == 0 && (b == b'@' || b == b'$');
            if let (Some(letter), false) = (leet_letter(b), leading_symbol) {
                buf[start + k] = letter;
            }
        }
    }
    // only ASCII bytes were replaced by ASCII bytes
    out.filter(|b| b.as_slice() != bytes).and_then(|b| String::from_utf8(b).ok())
}

/// A word with a few letters swapped for look-alike digits or symbols. Real codes are left alone: a token with a
/// digit that stands for no letter (`covid19`, `b12`, `21st`) or with fewer than three letters (`5pm`, `4th`).
fn looks_like_disguised_word(token: &[u8]) -> bool {
    let letters = token.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let swaps = token.iter().filter(|&&b| leet_letter(b).is_some()).count();
    let other_digits = token.iter().any(|&b| b.is_ascii_digit() && leet_letter(b).is_none());
    letters >= 3 && swaps > 0 && letters >= swaps && !other_digits
}

/// A variant view of the text, and the map from its bytes to the input's.
pub struct Collapsed {
    pub text: String,
    map: Vec<usize>,
}

impl Collapsed {
    /// The input byte range of view bytes `start..end`.
    pub fn input_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.map[start]..self.map[end - 1] + 1
    }
}

/// Every variant view of a text, each mapped back to it: digit swaps undone, letter spacing joined (and both),
/// CamelCase hashtags split into words. Empty for most posts.
pub fn variant_views(text: &str) -> Vec<Collapsed> {
    let identity = |t: String| Collapsed { map: (0..t.len()).collect(), text: t };
    let mut views = Vec::new();
    if let Some(folded) = leet_folded(text) {
        views.push(identity(folded));
    }
    for collapsed in collapse_letter_spacing(text) {
        if let Some(folded) = leet_folded(&collapsed.text) {
            views.push(Collapsed { text: folded, map: collapsed.map.clone() });
        }
        views.push(collapsed);
    }
    views.extend(split_hashtags(text));
    views
}

/// The CamelCase hashtags of a text, split into words (`#MiracleCure` -> `#Miracle Cure`), one a line: a small view
/// in which patterns written for words see the words. `None` when no hashtag has a capital after a lower-case letter.
pub fn split_hashtags(text: &str) -> Option<Collapsed> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut map = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'#' || (i > 0 && is_token_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        let camel = (i + 2..end).any(|j| bytes[j].is_ascii_uppercase() && bytes[j - 1].is_ascii_lowercase());
        if camel {
            for j in i..end {
                if j > i + 1 && bytes[j].is_ascii_uppercase() && bytes[j - 1].is_ascii_lowercase() {
                    // the inserted space stands for the capital it precedes
                    out.push(' ');
                    map.push(j);
                }
                out.push(bytes[j] as char);
                map.push(j);
            }
            // the line break ends the tag, and stands for its last character
            out.push('\n');
            map.push(end - 1);
        }
        i = end.max(i + 1);
    }
    (!out.is_empty()).then_some(Collapsed { text: out, map })
}

/// Runs of at least this many single characters separated by single spaces are read as one spaced-out word.
const MIN_SPACED_RUN: usize = 4;

/// The views with letter-spaced words joined: `m i r a c l e  c u r e` -> `miracle cure` (a wider gap between two
/// runs becomes one space). A run that starts with `a` or `I` may start with that word ("is a m i r a c l e"), so
/// a second view keeps it apart. Empty when the text has no such run, which is almost always.
pub fn collapse_letter_spacing(text: &str) -> Vec<Collapsed> {
    if !has_spaced_run(text.as_bytes()) {
        return Vec::new();
    }
    let Some(joined) = collapse(text, false) else { return Vec::new() };
    let mut views = vec![joined];
    if let Some(split) = collapse(text, true).filter(|v| v.text != views[0].text) {
        views.push(split);
    }
    views
}

/// Quick test for `x x x x`: single characters separated by single spaces, looked for only around spaces.
fn has_spaced_run(bytes: &[u8]) -> bool {
    let single = |i: usize| {
        i < bytes.len()
            && is_token_byte(bytes[i])
            && (i == 0 || !is_token_byte(bytes[i - 1]))
            && (i + 1 == bytes.len() || !is_token_byte(bytes[i + 1]))
    };
    let mut run = 0;
    let mut last_space = usize::MAX;
    for (i, &b) in bytes.iter().enumerate() {
        if b != b' ' {
            continue;
        }
        if i > 0 && single(i - 1) && single(i + 1) {
            run = if last_space != usize::MAX && last_space + 2 == i { run + 1 } else { 1 };
            if run + 1 >= MIN_SPACED_RUN {
                return true;
            }
            last_space = i;
        }
    }
    false
}

fn collapse(text: &str, split_leading_word: bool) -> Option<Collapsed> {
    let bytes = text.as_bytes();
    let single_at = |i: usize| {
        is_token_byte(bytes[i])
            && (i == 0 || !is_token_byte(bytes[i - 1]))
            && (i + 1 == bytes.len() || !is_token_byte(bytes[i + 1]))
    };
    // find runs: single chars at i, i+2, i+4 ... separated by exactly one space
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if single_at(i) {
            let start = i;
            let mut end = i + 1;
            while end + 1 < bytes.len() && bytes[end] == b' ' && single_at(end + 1) {
                end += 2;
            }
            if (end - start).div_ceil(2) >= MIN_SPACED_RUN {
                runs.push((start, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    if runs.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut cursor = 0;
    for (k, &(start, end)) in runs.iter().enumerate() {
        let gap = &text[cursor..start];
        let joins_previous = k > 0 && !gap.is_empty() && gap.bytes().all(|b| b == b' ');
        if joins_previous {
            out.push(' ');
            map.push(cursor);
        } else {
            out.push_str(gap);
            map.extend(cursor..start);
        }
        for p in (start..end).step_by(2) {
            out.push(bytes[p] as char);
            map.push(p);
            let one_letter_word = matches!(bytes[p], b'a' | b'A' | b'i' | b'I');
            if split_leading_word && p == start && one_letter_word {
                out.push(' ');
                map.push(p + 1);
            }
        }
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    map.extend(cursor..text.len());
    Some(Collapsed { text: out, map })
}

/// A multi-word phrase with its spaces and hyphens removed, as a hashtag writes it (`miracle cure` ->
/// `miraclecure`). `None` for a single word.
pub fn squashed(phrase: &str) -> Option<String> {
    // bytes, not characters: every phrase of the rules passes here at start-up, and a space or hyphen byte is
    // always a whole character, so the pieces between them are whole strings, copied at once
    let joint = |b: &u8| *b == b' ' || *b == b'-';
    if !phrase.as_bytes().iter().any(joint) {
        return None;
    }
    // counted first (spaces and hyphens are not alphanumeric), so that a short phrase allocates nothing
    let alphanumeric = if phrase.is_ascii() {
        phrase.bytes().filter(u8::is_ascii_alphanumeric).count()
    } else {
        phrase.chars().filter(|c| c.is_alphanumeric()).count()
    };
    if alphanumeric < 6 {
        return None;
    }
    let mut squashed = String::with_capacity(phrase.len());
    let mut start = 0;
    for (i, b) in phrase.bytes().enumerate() {
        if joint(&b) {
            squashed.push_str(&phrase[start..i]);
            start = i + 1;
        }
    }
    squashed.push_str(&phrase[start..]);
    Some(squashed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leet_swaps_inside_words_only() {
        assert_eq!(leet_folded("M1RACLE CUR3 now").as_deref(), Some("MiRACLE CURe now"));
        assert_eq!(leet_folded("h3@lth t1ps").as_deref(), Some("health tips"));
        assert_eq!(leet_folded("Call 312-555-0100 in 2023"), None);
        assert_eq!(leet_folded("@brand $5 off").as_deref(), None);
        assert_eq!(leet_folded("covid19 and b12 at 5pm on the 21st"), None);
        assert_eq!(leet_folded("d3tox"), Some("detox".to_string()));
    }

    #[test]
    fn letter_spaced_words_are_joined_and_map_back() {
        let text = "try this m i r a c l e  c u r e today";
        let c = &collapse_letter_spacing(text)[0];
        assert_eq!(c.text, "try this miracle cure today");
        let start = c.text.find("miracle cure").unwrap();
        let range = c.input_range(start, start + "miracle cure".len());
        assert_eq!(&text[range], "m i r a c l e  c u r e");
        let views = collapse_letter_spacing("a m i r a c l e c u r e!");
        assert_eq!(views[0].text, "amiraclecure!");
        assert_eq!(views[1].text, "a miraclecure!");
    }

    #[test]
    fn ordinary_text_has_no_spaced_runs() {
        assert!(collapse_letter_spacing("I saw a cat and a dog in a box").is_empty());
        assert!(collapse_letter_spacing("Plan A B C").is_empty());
    }

    #[test]
    fn camel_case_hashtags_are_split_into_words() {
        let text = "try #MiracleCure and #ad";
        let view = split_hashtags(text).unwrap();
        assert_eq!(view.text, "#Miracle Cure\n");
        let s = view.text.find("Miracle Cure").unwrap();
        assert_eq!(&text[view.input_range(s, s + "Miracle Cure".len())], "MiracleCure");
        assert!(split_hashtags("#FluSeason2026 is #here").is_some());
        assert!(split_hashtags("no tags, an email a@B.c and C#Sharp").is_none());
    }

    #[test]
    fn squashed_phrases_for_hashtags() {
        assert_eq!(squashed("miracle cure").as_deref(), Some("miraclecure"));
        assert_eq!(squashed("cure-all").as_deref(), Some("cureall"));
        assert_eq!(squashed("detox"), None);
        assert_eq!(squashed("no fee"), None);
    }
}
