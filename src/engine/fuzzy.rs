//! Near-miss spellings for the lexicons that opt in (`fuzzy = true`): a word of a post one typo away from one of
//! their single-word forms of six letters or more (`arthritus`, `exzema`, `steriods`) is a hit of that form's
//! lexicons. Casual posts misspell the very conditions a claim names; the typo does not make the claim any less one.
//!
//! Guards against reading a real word as a typo: the word and the form start with the same letter, and a word that
//! is itself a hit of any lexicon the post was scanned for (a form of another lexicon, or of `real-word`, the English
//! words one typo away from a fuzzy form: `cancel`, `addition`) is never a near miss. The index is a one-deletion
//! neighbourhood of the opted-in forms only (a few thousand keys); a post's word costs one lookup per letter.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::phrases::FxHasher;
use crate::matching::lexicon::{capitals_only, Lexicon};
use crate::text::spelling::{deletion_keys, one_edit};

/// Fewest letters of a form that a near miss may stand for: shorter words are too often another word one letter off.
const MIN_FORM: usize = 6;

/// The lexicon that lists real words one typo away from a fuzzy form: scanned whenever a fuzzy lexicon is.
pub const REAL_WORD: &str = "real-word";

#[derive(Default)]
pub struct NearMisses {
    /// Each opted-in form (lower case) with its lexicons.
    forms: Vec<(String, Vec<u32>)>,
    /// Each form and each of its one-letter deletions, with the forms (by index) it comes from.
    keys: HashMap<String, Vec<u32>, BuildHasherDefault<FxHasher>>,
    longest: usize,
}

impl NearMisses {
    /// The index of the opted-in `lexicons` (index, lexicon).
    pub fn new(lexicons: &[(u32, &Lexicon)]) -> NearMisses {
        let mut index = NearMisses::default();
        let mut form_ids: HashMap<String, u32, BuildHasherDefault<FxHasher>> = HashMap::default();
        for &(id, lexicon) in lexicons.iter().filter(|(_, l)| l.fuzzy) {
            for form in &lexicon.forms {
                let spelled = form.len() >= MIN_FORM && form.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'');
                if !spelled || capitals_only(form) {
                    continue;
                }
                let key = form.to_ascii_lowercase();
                let next = index.forms.len() as u32;
                let f = *form_ids.entry(key.clone()).or_insert(next);
                if f == next {
                    index.longest = index.longest.max(key.len());
                    index.forms.push((key, Vec::new()));
                }
                let owners = &mut index.forms[f as usize].1;
                if !owners.contains(&id) {
                    owners.push(id);
                }
            }
        }
        let mut buffer = String::new();
        for (f, (form, _)) in index.forms.iter().enumerate() {
            deletion_keys(form, &mut buffer, |key| {
                let forms = index.keys.entry(key.to_string()).or_default();
                if forms.last() != Some(&(f as u32)) {
                    forms.push(f as u32);
                }
            });
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
        let (mut word, mut buffer, mut near) = (String::new(), String::new(), Vec::new());
        for &(start, end) in words {
            let start = start + usize::from(text.as_bytes()[start] == b'#');
            let w = &text[start..end];
            let spelled = w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'');
            if w.len() < MIN_FORM - 1 || w.len() > self.longest + 1 || !spelled || known(start, end) {
                continue;
            }
            word.clear();
            word.extend(w.chars().map(|c| c.to_ascii_lowercase()));
            near.clear();
            deletion_keys(&word, &mut buffer, |key| {
                for &f in self.keys.get(key).into_iter().flatten() {
                    let form = self.forms[f as usize].0.as_bytes();
                    if form[0] == word.as_bytes()[0] && one_edit(form, word.as_bytes()) && !near.contains(&f) {
                        near.push(f);
                    }
                }
            });
            for &f in &near {
                for &id in &self.forms[f as usize].1 {
                    hit(id, start, end);
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
        let raw = RawLexicon {
            category: "disease".into(),
            inflect: None,
            lookup: None,
            words: words.iter().map(|w| w.to_string()).collect(),
            description: None,
            hashtags: false,
            fuzzy,
        };
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
