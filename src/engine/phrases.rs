//! One Aho-Corasick automaton for every phrase the active rules use: matchers, context words, post markers and
//! post-kind cues. A post is scanned once; each occurrence is then handed to the rules that asked for it.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// What a rule (or the kind detector) wants a phrase for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Match,
    ContextAny,
    ContextNone,
    DocumentAny,
    DocumentUnless,
}

/// Who asked for a phrase: a rule with a role, or a post kind (by index) as a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    Rule { rule: u32, role: Role },
    Kind(u32),
}

/// A phrase occurrence in the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub start: usize,
    pub end: usize,
    pub owner: Owner,
}

/// Above this many distinct patterns a DFA costs too much to build (perf-notes: 160 ms and 39 MB at 10,000
/// phrases); below it the DFA is about 3× faster than the NFA that automatic selection would pick.
const DFA_LIMIT: usize = 3_000;

#[derive(Default)]
pub struct PhraseTableBuilder {
    /// (normalised phrase, whole word) -> pattern index
    index: HashMap<(String, bool), usize>,
    patterns: Vec<(String, bool)>,
    owners: Vec<Vec<Owner>>,
}

impl PhraseTableBuilder {
    /// Registers `phrase` (already normalised) for `owner`.
    pub fn add(&mut self, phrase: String, whole_word: bool, owner: Owner) {
        let key = (phrase, whole_word);
        let id = match self.index.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len();
                self.index.insert(key.clone(), id);
                self.patterns.push(key);
                self.owners.push(Vec::new());
                id
            }
        };
        if !self.owners[id].contains(&owner) {
            self.owners[id].push(owner);
        }
    }

    /// Builds the automaton: a DFA (fastest scan) for a run over many posts, a contiguous NFA (a fraction of the
    /// build time, measured 25 ms -> 5 ms for the default rules) when the run checks only a few.
    pub fn build(self, many_posts: bool) -> anyhow::Result<PhraseTable> {
        let kind = if many_posts && self.patterns.len() <= DFA_LIMIT {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(self.patterns.iter().map(|(p, _)| p.as_str()))?;
        Ok(PhraseTable { automaton, whole_word: self.patterns.iter().map(|(_, w)| *w).collect(), owners: self.owners })
    }
}

pub struct PhraseTable {
    automaton: AhoCorasick,
    whole_word: Vec<bool>,
    owners: Vec<Vec<Owner>>,
}

impl PhraseTable {
    /// Every occurrence of every phrase (overlapping ones included, so that a context word inside a longer
    /// phrase still counts), once per owner, in text order.
    pub fn scan(&self, text: &str) -> Vec<Occurrence> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let id = m.pattern().as_usize();
            if self.whole_word[id] && !at_word_bounds(bytes, m.start(), m.end()) {
                continue;
            }
            for &owner in &self.owners[id] {
                out.push(Occurrence { start: m.start(), end: m.end(), owner });
            }
        }
        out.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
        out
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// A phrase matches as a whole word when no letter or digit touches an edge that is itself a letter or digit
/// (so `#ad` matches in "x #ad", and `cure` does not match in "cured").
fn at_word_bounds(text: &[u8], start: usize, end: usize) -> bool {
    let first = text[start];
    let last = text[end - 1];
    let left_ok = !is_word(first) || start == 0 || !is_word(text[start - 1]);
    let right_ok = !is_word(last) || end == text.len() || !is_word(text[end]);
    left_ok && right_ok
}

/// Keeps the leftmost-longest, non-overlapping spans of a rule's own occurrences (input sorted by start).
pub fn leftmost_longest(spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in spans {
        match out.last_mut() {
            Some(last) if s < last.1 => {
                if s == last.0 && e > last.1 {
                    last.1 = e;
                }
            }
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(phrases: &[&str]) -> PhraseTable {
        let mut b = PhraseTableBuilder::default();
        for (i, p) in phrases.iter().enumerate() {
            b.add(p.to_string(), true, Owner::Rule { rule: i as u32, role: Role::Match });
        }
        b.build(true).unwrap()
    }

    #[test]
    fn phrases_match_whole_words_case_insensitively() {
        let t = table(&["cure"]);
        assert_eq!(t.scan("A CURE for all").len(), 1);
        assert!(t.scan("She was cured").is_empty());
        assert!(t.scan("secure").is_empty());
    }

    #[test]
    fn hashtag_phrases_match_after_any_character() {
        let t = table(&["#ad"]);
        assert_eq!(t.scan("great stuff #ad").len(), 1);
        assert!(t.scan("great stuff #ads").is_empty());
    }

    #[test]
    fn overlapping_phrases_of_different_rules_both_occur() {
        let t = table(&["miracle cure", "cure"]);
        let occ = t.scan("a miracle cure");
        assert_eq!(occ.len(), 2);
    }

    #[test]
    fn leftmost_longest_drops_nested_spans() {
        assert_eq!(leftmost_longest(&[(2, 9), (2, 14), (10, 14), (20, 25)]), vec![(2, 14), (20, 25)]);
    }
}
