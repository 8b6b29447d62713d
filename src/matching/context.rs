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
}

impl Context {
    /// Checks the table's shape; no table is no condition.
    pub fn validate(raw: Option<RawContext>) -> Result<Context, Invalid> {
        let raw = raw.unwrap_or_default();
        if raw.words == Some(0) {
            return Err(Invalid::at("words", "`words` must be at least 1"));
        }
        Ok(Context {
            any: raw.any,
            none: raw.none,
            words: raw.words.unwrap_or(8),
            sentence: raw.sentence,
            after_char: raw.after_char,
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
        // only the phrases that start in the window can lie in it: found by bisection, as a long post has thousands
        let inside = |spans: &[(usize, usize)], (lo, hi): (usize, usize)| {
            let first = spans.partition_point(|&(s, _)| s < lo);
            spans[first..].iter().take_while(|&&(s, _)| s <= hi).any(|&(_, e)| e <= hi)
        };
        debug_assert!(any.is_sorted_by_key(|&(s, _)| s) && none.is_sorted_by_key(|&(s, _)| s));
        if !self.any.is_empty() && !inside(any, any_window) {
            return false;
        }
        !inside(none, none_window)
    }

    /// Its lines of `carelint explain`'s "How it matches".
    pub fn explain(&self, out: &mut String) {
        if !self.any.is_empty() {
            let _ = write!(out, "\nOnly with one of these within {} words: {}", self.words, self.any.join(", "));
        }
        if !self.none.is_empty() {
            let _ = write!(out, "\nNot with any of these within {} words: {}", self.words, self.none.join(", "));
        }
    }
}
