//! `context = { any = [...], none = [...], words = 8, sentence = false, after_char = N }`: conditions on the words
//! around one match and on where it is. A condition, not a matcher: it filters the candidate spans of any kind.

use std::fmt::Write as _;

use serde::Deserialize;

use super::{window, Invalid};

/// Conditions on one match: words around it and where it is.
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub any: Vec<String>,
    pub none: Vec<String>,
    pub words: usize,
    pub sentence: bool,
    pub after_char: Option<usize>,
    /// Sibling rules (ids) this rule stays silent for: where one of them matched in the same sentence (see `yields`).
    pub yields_to: Vec<String>,
    /// A `none` phrase within this many words of another occurrence of the match's text silences it too: one name,
    /// one person ("our pharmacist, Bilal Qureshi" makes every later "Bilal" of the post the pharmacist).
    pub none_by_text: Option<usize>,
}

/// The `context` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContext {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    none: Vec<String>,
    words: Option<usize>,
    #[serde(default)]
    sentence: bool,
    after_char: Option<usize>,
    #[serde(default)]
    yields_to: Vec<String>,
    none_by_text: Option<usize>,
}

impl Context {
    /// Checks the table's shape; no table is no condition.
    pub fn validate(raw: Option<RawContext>) -> Result<Context, Invalid> {
        let raw = raw.unwrap_or_default();
        if raw.words == Some(0) {
            return Err(Invalid::at("words", "`words` must be at least 1"));
        }
        if raw.none_by_text.is_some() && raw.none.is_empty() {
            return Err(Invalid::at("none_by_text", "`none_by_text` needs `none`"));
        }
        if raw.none_by_text == Some(0) {
            return Err(Invalid::at("none_by_text", "`none_by_text` must be at least 1"));
        }
        if let Some(bad) = raw.yields_to.iter().find(|id| !is_rule_id(id)) {
            return Err(Invalid::at("yields_to", format!("`yields_to` names rule ids; {bad:?} is not one")));
        }
        Ok(Context {
            any: raw.any,
            none: raw.none,
            words: raw.words.unwrap_or(8),
            sentence: raw.sentence,
            after_char: raw.after_char,
            yields_to: raw.yields_to,
            none_by_text: raw.none_by_text,
        })
    }

    /// Whether the words around the match `start..end` of normalised `text` allow it, given where the rule's
    /// `any` and `none` phrases occur (each in start order).
    pub fn allows(
        &self,
        any: &[(usize, usize)],
        none: &[(usize, usize)],
        text: &[u8],
        start: usize,
        end: usize,
    ) -> bool {
        if self.any.is_empty() && self.none.is_empty() {
            return true;
        }
        let lo = window::words_before(text, start, self.words);
        let hi = window::words_after(text, end, self.words);
        let (sentence_lo, sentence_hi) = window::sentence_within(text, start, end, lo, hi);
        // `any` looks across sentences unless the rule keeps it to its sentence (a patient named in the sentence
        // before makes a date in this one theirs); `none` never does: a patient word in the next sentence does not
        // make a phone number in this one the practice's, nor does a staff word on the next line make a name here a
        // staff name.
        let any_window = if self.sentence { (lo.max(sentence_lo), hi.min(sentence_hi)) } else { (lo, hi) };
        let none_window = (lo.max(sentence_lo), hi.min(sentence_hi));
        debug_assert!(any.is_sorted_by_key(|&(s, _)| s) && none.is_sorted_by_key(|&(s, _)| s));
        if !self.any.is_empty() && !inside(any, any_window) {
            return false;
        }
        !inside(none, none_window)
    }

    /// With `none_by_text`: the starts of the whole-word occurrences of `needle` in the post that have a `none`
    /// phrase within that many words, in their sentence (empty without it). A match is silenced when one of them is
    /// another occurrence than its own; the caller keeps the list per distinct text, so a post that repeats a name
    /// thousands of times searches for it once (a search per match took 3.3 s on a 180 KB post).
    pub fn recurrences_with_none(&self, none: &[(usize, usize)], text: &[u8], needle: &[u8]) -> Vec<usize> {
        let Some(words) = self.none_by_text.filter(|_| !none.is_empty() && !needle.is_empty()) else {
            return Vec::new();
        };
        let word = |i: usize| text.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
        memchr::memmem::find_iter(text, needle)
            .filter(|&s| {
                let e = s + needle.len();
                // a whole word: no letter or digit just before or just after
                let inside_a_word = (s > 0 && word(s - 1)) || word(e);
                !inside_a_word && {
                    let (lo, hi) = (window::words_before(text, s, words), window::words_after(text, e, words));
                    inside(none, window::sentence_within(text, s, e, lo, hi))
                }
            })
            .collect()
    }

    /// Its lines of `carelint explain`'s "How it matches".
    pub fn explain(&self, out: &mut String) {
        if !self.any.is_empty() {
            let _ = write!(out, "\nOnly with one of these within {} words: {}", self.words, self.any.join(", "));
        }
        if !self.none.is_empty() {
            let _ = write!(out, "\nNot with any of these within {} words: {}", self.words, self.none.join(", "));
        }
        if let Some(words) = self.none_by_text {
            let _ = write!(out, "\nNor where the same words recur in the post with one of those within {words} words");
        }
        if !self.yields_to.is_empty() {
            let _ = write!(
                out,
                "\nYields to {}: where one of them matched in the same sentence, this rule reports nothing there",
                self.yields_to.join(", ")
            );
        }
    }
}

/// Whether one of `spans` (sorted by start) lies in `lo..hi`. Only the phrases that start in the window can lie in
/// it: found by bisection, as a long post has thousands.
fn inside(spans: &[(usize, usize)], (lo, hi): (usize, usize)) -> bool {
    let first = spans.partition_point(|&(s, _)| s < lo);
    spans[first..].iter().take_while(|&&(s, _)| s <= hi).any(|&(_, e)| e <= hi)
}

/// Whether `id` is written like a rule id: letters, digits, `-` and `_`.
fn is_rule_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(none_by_text: Option<usize>) -> Context {
        let raw = RawContext { none: vec!["pharmacist".into()], words: Some(5), none_by_text, ..RawContext::default() };
        Context::validate(Some(raw)).expect("valid")
    }

    /// Whether another occurrence of the match's text has a `none` phrase near it, as `Engine` asks.
    fn silenced(context: &Context, none: &[(usize, usize)], text: &[u8], s: usize, e: usize) -> bool {
        context.recurrences_with_none(none, text, &text[s..e]).iter().any(|&other| other != s)
    }

    /// Where `word` occurs in `text` (whole words are enough for these texts).
    fn spans(text: &str, word: &str) -> Vec<(usize, usize)> {
        text.match_indices(word).map(|(i, w)| (i, i + w.len())).collect()
    }

    #[test]
    fn a_none_phrase_next_to_another_mention_of_the_same_name_silences_it() {
        let text = "Our pharmacist, Bilal Qureshi, won the award. Everyone loves Bilal and his diabetes clinic.";
        let none = spans(text, "pharmacist");
        let second = text.rfind("Bilal").unwrap();
        let (s, e) = (second, second + "Bilal".len());
        // the window of the second mention holds no staff word
        assert!(context(Some(2)).allows(&[], &none, text.as_bytes(), s, e));
        assert!(silenced(&context(Some(2)), &none, text.as_bytes(), s, e));
        assert!(!silenced(&context(None), &none, text.as_bytes(), s, e));
        // a longer name that holds the text is another word; a role three words from the mention is too far
        let other = "Our pharmacist, Bilalova, won. Bilal came in today.";
        let at = other.rfind("Bilal").unwrap();
        assert!(!silenced(&context(Some(2)), &spans(other, "pharmacist"), other.as_bytes(), at, at + 5));
        let far = "The pharmacist and the friends of Bilal came. Bilal came in today.";
        let at = far.rfind("Bilal").unwrap();
        assert!(!silenced(&context(Some(2)), &spans(far, "pharmacist"), far.as_bytes(), at, at + 5));
    }

    #[test]
    fn none_by_text_needs_none_and_a_window() {
        let without_none = RawContext { none_by_text: Some(2), ..RawContext::default() };
        assert_eq!(Context::validate(Some(without_none)).unwrap_err().key, "none_by_text");
        let zero = RawContext { none: vec!["rn".into()], none_by_text: Some(0), ..RawContext::default() };
        assert_eq!(Context::validate(Some(zero)).unwrap_err().key, "none_by_text");
    }
}
