//! The words a hashtag is made of, for the lexicons that opt in (`hashtags = true`): `#curescancer` is `cures` and
//! `cancer`, `#TurmericHeals` is `Turmeric` and `Heals`, each found as a hit of its lexicons at its own bytes inside
//! the tag, so that a frame whose slots those words fill matches there as in a sentence. The phrase scan finds a tag
//! only where a whole form, squashed, is the whole tag (`#miraclecure`); this finds a tag that is several forms.
//!
//! A tag is split only whole, into the fewest pieces that are forms of opted-in lexicons (see `text::segment`): a tag
//! with a word no such lexicon knows (`#cancersurvivorstory`, unless each word is known) yields no hit at all. Pieces
//! in a one-case tag have three letters or more, so that no two-letter form turns a tag into a guess; a CamelCase tag
//! says itself where its words are, and a word it marks that no lexicon knows is a piece without a hit. Forms in
//! capitals only (`MS`) are left out: case says nothing in a tag.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::phrases::FxHasher;
use crate::matching::lexicon::{capitals_only, Lexicon};
use crate::text::segment;

/// Fewest letters of a piece of a one-case tag.
const MIN_PIECE: usize = 3;

/// Longest tag body split (a longer one is a sentence squashed into a tag, or noise).
const MAX_BODY: usize = 64;

/// The pieces a hashtag may be split into: each opted-in form squashed and in lower case, with its lexicons.
#[derive(Default)]
pub struct HashtagWords {
    /// Each piece and the first of its owners in `owners`.
    pieces: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
    /// (lexicon, the next owner of the same piece or `NONE`): the owners of every piece in one list, not one list a
    /// piece (thousands of small allocations were most of the table's start-up cost).
    owners: Vec<(u32, u32)>,
    longest: usize,
}

const NONE: u32 = u32::MAX;

/// A form as a piece of a tag: squashed (no spaces, hyphens or apostrophes) and in lower case; `None` for a form that
/// cannot be one: shorter than a piece, in capitals only, or with a character a tag's body (ASCII, see `scan`) has
/// not. An ASCII form is its own normalised form, so none is normalised here.
fn piece_of(form: &str) -> Option<String> {
    // whole-string copies and checks, not a push per character: thousands of forms at every start
    let mut key = form.to_ascii_lowercase();
    if key.contains([' ', '-', '\'']) {
        key.retain(|c| !matches!(c, ' ' | '-' | '\''));
    }
    let capitals = || form.bytes().any(|b| b.is_ascii_uppercase()) && capitals_only(form);
    (key.len() >= MIN_PIECE && key.bytes().all(|b| b.is_ascii_alphanumeric()) && !capitals()).then_some(key)
}

impl HashtagWords {
    /// The pieces of the opted-in `lexicons` (index, lexicon).
    pub fn new(lexicons: &[(u32, &Lexicon)]) -> HashtagWords {
        let opted = || lexicons.iter().filter(|(_, l)| l.hashtags);
        let forms = opted().map(|(_, l)| l.forms.len()).sum();
        let mut table = HashtagWords {
            pieces: HashMap::with_capacity_and_hasher(forms, BuildHasherDefault::default()),
            owners: Vec::with_capacity(forms),
            longest: 0,
        };
        for &(id, lexicon) in opted() {
            for form in &lexicon.forms {
                if let Some(key) = piece_of(form) {
                    table.longest = table.longest.max(key.len());
                    table.add(key, id);
                }
            }
        }
        table
    }

    /// Adds `lexicon` to the owners of `piece`, once; the new owner goes first, and the piece's entry points at it.
    fn add(&mut self, piece: String, lexicon: u32) {
        let next = self.owners.len() as u32;
        match self.pieces.entry(piece) {
            Entry::Vacant(entry) => {
                entry.insert(next);
                self.owners.push((lexicon, NONE));
            }
            Entry::Occupied(mut entry) => {
                let mut at = *entry.get();
                while let Some(&(id, after)) = self.owners.get(at as usize) {
                    if id == lexicon {
                        return;
                    }
                    at = after;
                }
                self.owners.push((lexicon, *entry.get()));
                entry.insert(next);
            }
        }
    }

    fn owners_of(&self, first: u32) -> impl Iterator<Item = u32> + '_ {
        let mut at = first;
        std::iter::from_fn(move || {
            let &(id, next) = self.owners.get(at as usize)?;
            at = next;
            Some(id)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Calls `hit(lexicon, start, end)` for each piece of each hashtag of `text` that splits whole; `words` are the
    /// text's words as `frame::words` splits them (a tag is one word, with its `#`).
    pub fn scan(&self, text: &str, words: &[(usize, usize)], mut hit: impl FnMut(u32, usize, usize)) {
        for &(start, end) in words {
            if text.as_bytes()[start] != b'#' || end - start - 1 > MAX_BODY || !text[start..end].is_ascii() {
                continue;
            }
            let mut found = Vec::new();
            // `_`, `-` and `'` inside a tag are where its words meet: each part must split
            let parts = text[start + 1..end].split(|c: char| !c.is_ascii_alphanumeric());
            let mut at = start + 1;
            let whole = parts.into_iter().all(|part| {
                let ok = self.split(part, at, &mut found);
                at += part.len() + 1;
                ok
            });
            if whole {
                for (id, s, e) in found {
                    hit(id, s, e);
                }
            }
        }
    }

    /// Splits one part of a tag (at byte `offset` of the text) and adds the hits of its pieces to `found`; false when
    /// it does not split.
    fn split(&self, part: &str, offset: usize, found: &mut Vec<(u32, usize, usize)>) -> bool {
        if part.is_empty() {
            return true;
        }
        let (cuts, camel) = segment::cut_points(part);
        let lower = part.to_ascii_lowercase();
        // a word the capitals mark: no cut inside it
        let one_word = |s: usize, e: usize| camel && !cuts[s + 1..e].contains(&true);
        let known = |s: usize, e: usize| {
            e - s <= self.longest && (camel || e - s >= MIN_PIECE) && self.pieces.contains_key(&lower[s..e])
        };
        let Some(pieces) = segment::split(part.len(), &cuts, |s, e| known(s, e) || one_word(s, e)) else {
            return false;
        };
        for (s, e) in pieces {
            if let Some(&first) = self.pieces.get(&lower[s..e]) {
                found.extend(self.owners_of(first).map(|id| (id, offset + s, offset + e)));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::frame::words;
    use crate::matching::lexicon::RawLexicon;

    fn lexicon(words: &[&str], hashtags: bool) -> Lexicon {
        let raw = RawLexicon { hashtags, ..RawLexicon::of_words("disease", words) };
        Lexicon::validate(raw).unwrap()
    }

    fn hits(table: &HashtagWords, text: &str) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        table.scan(text, &words(text), |id, s, e| out.push((id, text[s..e].to_string())));
        out
    }

    #[test]
    fn a_tag_made_of_forms_gives_each_form_at_its_bytes() {
        let verbs = lexicon(&["cures", "heals"], true);
        let diseases = lexicon(&["cancer", "heart disease", "MS"], true);
        let fillers = lexicon(&["awareness", "natural"], true);
        let table = HashtagWords::new(&[(1, &verbs), (2, &diseases), (3, &fillers)]);
        assert_eq!(hits(&table, "tea #curescancer"), [(1, "cures".into()), (2, "cancer".into())]);
        assert_eq!(hits(&table, "#HeartDisease_Awareness"), [(2, "HeartDisease".into()), (3, "Awareness".into())]);
        assert_eq!(hits(&table, "#NaturalCancerFighter"), [(3, "Natural".into()), (2, "Cancer".into())]);
        assert!(hits(&table, "#cancersurvivor cures cancer #mscures").is_empty(), "a tag splits whole or not at all");
    }

    #[test]
    fn only_opted_in_lexicons_give_pieces() {
        let verbs = lexicon(&["cures"], false);
        let diseases = lexicon(&["cancer"], true);
        let table = HashtagWords::new(&[(1, &verbs), (2, &diseases)]);
        assert!(hits(&table, "#curescancer").is_empty());
        assert_eq!(hits(&table, "#cancer"), [(2, "cancer".into())]);
    }
}
