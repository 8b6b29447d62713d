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
}

impl Context {
    /// Checks the table's shape; no table is no condition.
    pub fn validate(raw: Option<RawContext>) -> Result<Context, Invalid> {
        let raw = raw.unwrap_or_default();
        if raw.words == Some(0) {
            return Err(Invalid::at("words", "`words` must be at least 1"));
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
        if !self.yields_to.is_empty() {
            let _ = write!(
                out,
                "\nYields to {}: where one of them matched in the same sentence, this rule reports nothing there",
                self.yields_to.join(", ")
            );
        }
    }
}

/// Whether `id` is written like a rule id: letters, digits, `-` and `_`.
fn is_rule_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
