//! Near-miss spellings for the lexicons that opt in (`fuzzy = true`): a word of a post one typo away from one of
//! their single-word forms of six letters or more (`arthritus`, `exzema`, `steriods`) is a hit of that form's
//! lexicons. Casual posts misspell the very conditions a claim names; the typo does not make the claim any less one.
//!
//! Guards against reading a real word as a typo: the word and the form start with the same letter, and a word that
//! is itself a hit of any lexicon the post was scanned for (a form of another lexicon, or of `real-word`, the English
//! words one typo away from a fuzzy form: `cancel`, `addition`) is never a near miss. The index is the opted-in forms
//! bucketed by first letter and length, built in one pass at start-up (a one-deletion map of the same forms, the
//! textbook index, took 7M instructions to build, more than the lookups of a thousand posts): a post's word is
//! compared with the forms of its first letter and of its length, one more or one less, a few dozen comparisons that
//! stop at the first differing letters.

use crate::matching::lexicon::{capitals_only, Lexicon};
use crate::text::spelling::one_edit;

/// Fewest letters of a form that a near miss may stand for: shorter words are too often another word one letter off.
const MIN_FORM: usize = 6;

/// Most letters of a form looked at (longer ones are phrases squashed, or chemistry).
const MAX_FORM: usize = 24;

/// The lexicon that lists real words one typo away from a fuzzy form: scanned whenever a fuzzy lexicon is.
pub const REAL_WORD: &str = "real-word";

#[derive(Default)]
pub struct NearMisses {
    /// Each opted-in form (lower case) with its lexicons.
    forms: Vec<(String, Vec<u32>)>,
    /// The forms (by index) of each first letter `a`-`z` and length: `buckets[letter * (MAX_FORM + 1) + length]`.
    buckets: Vec<Vec<u32>>,
}

fn bucket(first: u8, len: usize) -> Option<usize> {
    (first.is_ascii_lowercase() && len <= MAX_FORM).then(|| (first - b'a') as usize * (MAX_FORM + 1) + len)
}

impl NearMisses {
    /// The index of the opted-in `lexicons` (index, lexicon).
    pub fn new(lexicons: &[(u32, &Lexicon)]) -> NearMisses {
        let mut index = NearMisses::default();
        for &(id, lexicon) in lexicons.iter().filter(|(_, l)| l.fuzzy) {
            for form in &lexicon.forms {
                let spelled = form.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'');
                let Some(b) = bucket(form.as_bytes()[0].to_ascii_lowercase(), form.len()) else { continue };
                if form.len() < MIN_FORM
                    || !spelled
                    || form.bytes().any(|b| b.is_ascii_uppercase()) && capitals_only(form)
                {
                    continue;
                }
                if index.buckets.is_empty() {
                    index.buckets = vec![Vec::new(); 26 * (MAX_FORM + 1)];
                }
                // a form in several lexicons is one entry with several owners
                let same = index.buckets[b].iter().find(|&&f| index.forms[f as usize].0.eq_ignore_ascii_case(form));
                let f = match same {
                    Some(&f) => f,
                    None => {
                        index.forms.push((form.to_ascii_lowercase(), Vec::new()));
                        index.buckets[b].push(index.forms.len() as u32 - 1);
                        index.forms.len() as u32 - 1
                    }
                };
                let owners = &mut index.forms[f as usize].1;
                if !owners.contains(&id) {
                    owners.push(id);
                }
            }
        }
        index
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Calls `hit(lexicon, start, end)` for each word of `text` (a `#tag`'s body too) one typo away from an opted-in
    /// form, unless `known(start, end)`: the word is a hit of a lexicon already.
    pub fn scan(
        &self,
        text: &str,
        words: &[(usize, usize)],
        known: impl Fn(usize, usize) -> bool,
        mut hit: impl FnMut(u32, usize, usize),
    ) {
        let mut word = Vec::new();
        for &(start, end) in words {
            let start = start + usize::from(text.as_bytes()[start] == b'#');
            let w = &text.as_bytes()[start..end];
            let spelled = w.iter().all(|&b| b.is_ascii_alphabetic() || b == b'\'');
            if w.len() < MIN_FORM - 1 || w.len() > MAX_FORM + 1 || !spelled || known(start, end) {
                continue;
            }
            word.clear();
            word.extend(w.iter().map(u8::to_ascii_lowercase));
            for len in w.len() - 1..=w.len() + 1 {
                let Some(b) = bucket(word[0], len) else { continue };
                for &f in &self.buckets[b] {
                    if one_edit(self.forms[f as usize].0.as_bytes(), &word) {
                        self.forms[f as usize].1.iter().for_each(|&id| hit(id, start, end));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::frame::words;
    use crate::matching::lexicon::RawLexicon;

    fn lexicon(words: &[&str], fuzzy: bool) -> Lexicon {
        let raw = RawLexicon { fuzzy, ..RawLexicon::of_words("disease", words) };
        Lexicon::validate(raw).unwrap()
    }

    fn hits(index: &NearMisses, text: &str, known: &[&str]) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        let is_known = |s: usize, e: usize| known.contains(&&text[s..e]);
        index.scan(text, &words(text), is_known, |id, s, e| out.push((id, text[s..e].to_string())));
        out
    }

    #[test]
    fn a_word_one_typo_away_from_a_long_form_is_that_form() {
        let diseases = lexicon(&["arthritis", "eczema", "rheumatoid arthritis", "alzheimer's", "flu", "AIDS"], true);
        let drugs = lexicon(&["steroids"], true);
        let index = NearMisses::new(&[(4, &diseases), (5, &drugs)]);
        let text = "Arthritus, exzema, no steriods, #alzhiemer's, rhuematoid, flus and Eczema";
        assert_eq!(
            hits(&index, text, &[]),
            [(4, "Arthritus".into()), (4, "exzema".into()), (5, "steriods".into()), (4, "alzhiemer's".into())]
        );
    }

    #[test]
    fn real_words_and_other_first_letters_are_not_typos() {
        let diseases = lexicon(&["cancer", "eczema"], true);
        let other = lexicon(&["cancel"], false);
        let index = NearMisses::new(&[(1, &diseases), (2, &other)]);
        assert!(hits(&index, "cancel it, dancer, cancer", &["cancel"]).is_empty());
        assert_eq!(hits(&index, "cancel it", &[]), [(1, "cancel".into())], "unless known, it would be one");
    }
}
