//! Every phrase the active rules use (matchers, context words, post markers), the post-kind cues and the words of
//! the gated patterns' gates, found in one pass: each occurrence is then handed to whoever asked for it. A run over
//! many posts compiles one Aho-Corasick automaton; a run over a few posts indexes the phrases and builds a small
//! automaton per post.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// Who asked for a phrase: a rule with a role, a lexicon (by index among the ruleset's lexicons), a post kind (by
/// index) as a cue, or a gated pattern (by candidate index) as a literal of one clause of its gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    Rule {
        rule: u32,
        role: Role,
    },
    Lexicon(u32),
    /// A lexicon form written in capitals (`MS`, `AIDS`): it counts only where the text has it in capitals too.
    LexiconCapitals(u32),
    Kind(u32),
    Gate {
        candidate: u32,
        clause: u8,
    },
}

/// A phrase occurrence in the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub start: usize,
    pub end: usize,
    pub owner: Owner,
}

/// Which ends of a phrase must be word boundaries where it occurs (no letter or digit beyond an end that is one):
/// both for a rule's whole-word phrase, one for a gate literal that its pattern bounds with `\b` on that side only
/// (`\bapp` opens on "approach" but not on "happy"), neither for a substring.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Bounds {
    pub left: bool,
    pub right: bool,
}

impl Bounds {
    /// Both ends when `whole_word`, else neither.
    pub fn whole(whole_word: bool) -> Bounds {
        Bounds { left: whole_word, right: whole_word }
    }
}

#[derive(Default)]
pub struct PhraseTableBuilder {
    /// (normalised phrase, its bounds) -> pattern index
    index: HashMap<(String, Bounds), u32, BuildHasherDefault<FxHasher>>,
    /// (pattern index, owner), in the order added
    owners: Vec<(u32, Owner)>,
}

impl PhraseTableBuilder {
    /// A builder with room for about `phrases` phrases (growing the index step by step rehashed every phrase
    /// several times).
    pub fn with_capacity(phrases: usize) -> PhraseTableBuilder {
        let index = HashMap::with_capacity_and_hasher(phrases, BuildHasherDefault::default());
        PhraseTableBuilder { index, owners: Vec::with_capacity(phrases) }
    }

    /// Registers `phrase` (already normalised) for `owner`. An empty phrase would match everywhere and is left out.
    pub fn add(&mut self, phrase: String, bounds: Bounds, owner: Owner) {
        if let Some(id) = self.intern(phrase, bounds) {
            self.own(id, owner);
        }
    }

    /// The index of `phrase` (already normalised), registered if new; `None` for an empty phrase, which would match
    /// everywhere. A caller that meets the same phrase many times interns it once and owns it by index.
    pub fn intern(&mut self, phrase: String, bounds: Bounds) -> Option<u32> {
        if phrase.is_empty() {
            return None;
        }
        let next = self.index.len() as u32;
        // phrases compare without ASCII case: the automaton holds them in lower case and scans lower-cased text (most
        // are written in lower case already: no copy for those, there are tens of thousands)
        let mut key = phrase;
        key.make_ascii_lowercase();
        Some(*self.index.entry((key, bounds)).or_insert(next))
    }

    /// Adds `owner` to the phrase with index `id` (from `intern`).
    pub fn own(&mut self, id: u32, owner: Owner) {
        self.owners.push((id, owner));
    }

    /// Builds the matcher. A run over many posts gets one automaton for every phrase, a contiguous NFA: a DFA scans
    /// phrases faster, but phrases are a small part of a post's check (measured on 20,000 posts: the same wall time
    /// within noise) and the DFA of the default rules takes 8 MB. A run over a few posts gets an index instead (a
    /// hash per phrase, a few milliseconds for 10,000 phrases where the automaton takes about 100), and each post
    /// builds a small automaton of the phrases that its words make possible.
    pub fn build(self, many_posts: bool) -> anyhow::Result<PhraseTable> {
        let mut patterns: Vec<(String, Bounds)> = vec![(String::new(), Bounds::default()); self.index.len()];
        for (key, id) in self.index {
            patterns[id as usize] = key;
        }
        let bounds: Vec<Bounds> = patterns.iter().map(|(_, b)| *b).collect();
        let phrases: Vec<String> = patterns.into_iter().map(|(p, _)| p).collect();
        let count = phrases.len();
        // the matcher and the owners are built side by side: a one-post check waits for this thread, while the
        // other one has finished compiling patterns by now (the two together took 25M of a one-post check's 176M
        // instructions, callgrind)
        let (matcher, (owners, owner_starts)) = std::thread::scope(|scope| {
            let matcher = scope.spawn(|| -> anyhow::Result<Phrases> {
                Ok(if many_posts {
                    Phrases::Automaton(automaton(&phrases, AhoCorasickKind::ContiguousNFA)?)
                } else {
                    Phrases::Indexed(PhraseIndex::new(phrases, &bounds))
                })
            });
            let owners = group_owners(self.owners, count);
            (matcher.join(), owners)
        });
        let matcher = matcher.map_err(|_| anyhow::anyhow!("building the phrase matcher panicked"))??;
        Ok(PhraseTable { matcher, bounds, owners, owner_starts })
    }
}

/// The owners of each phrase, sorted and each once, in one list: the owners of phrase i are
/// `owners[starts[i]..starts[i + 1]]` (one allocation, not one a phrase). Rules share long lists, so the default rules
/// give tens of thousands of (phrase, owner) pairs; sorting them all was most of the 31.7M instructions that a
/// one-post check spent sorting (callgrind), so they are bucketed by phrase (the ids are dense) and only each
/// phrase's few owners are sorted.
fn group_owners(pairs: Vec<(u32, Owner)>, phrases: usize) -> (Vec<Owner>, Vec<u32>) {
    let mut bucket_starts = vec![0u32; phrases + 1];
    for &(id, _) in &pairs {
        bucket_starts[id as usize + 1] += 1;
    }
    for i in 1..bucket_starts.len() {
        bucket_starts[i] += bucket_starts[i - 1];
    }
    let mut next = bucket_starts.clone();
    let mut bucketed = vec![Owner::Kind(0); pairs.len()];
    for (id, owner) in pairs {
        bucketed[next[id as usize] as usize] = owner;
        next[id as usize] += 1;
    }
    let mut owners = Vec::with_capacity(bucketed.len());
    let mut starts = Vec::with_capacity(phrases + 1);
    starts.push(0);
    for bucket in bucket_starts.windows(2) {
        let own = &mut bucketed[bucket[0] as usize..bucket[1] as usize];
        own.sort_unstable();
        let first = owners.len();
        for &owner in own.iter() {
            if owners.len() == first || owners.last() != Some(&owner) {
                owners.push(owner);
            }
        }
        starts.push(owners.len() as u32);
    }
    (owners, starts)
}

/// The Firefox/rustc hash: a multiply and a rotate per eight bytes. Ruleset phrases are the user's own, so the
/// denial-of-service resistance of the default hasher buys nothing, and at 20,000 phrases it costs milliseconds.
#[derive(Default)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// An automaton of lower-case phrases, to run over lower-cased text. Lower-casing both is the same comparison as the
/// automaton's own ASCII case folding, and builds five times faster (10,000 claim phrases: 65 ms instead of 350),
/// since a case-folding automaton has a transition for both cases of every letter.
fn automaton<P: AsRef<[u8]>>(phrases: &[P], kind: AhoCorasickKind) -> anyhow::Result<AhoCorasick> {
    Ok(AhoCorasick::builder().match_kind(MatchKind::Standard).kind(Some(kind)).build(phrases)?)
}

pub struct PhraseTable {
    matcher: Phrases,
    bounds: Vec<Bounds>,
    owners: Vec<Owner>,
    owner_starts: Vec<u32>,
}

enum Phrases {
    Automaton(AhoCorasick),
    Indexed(PhraseIndex),
}

impl PhraseTable {
    /// Every occurrence of every phrase (overlapping ones included, so that a context word inside a longer
    /// phrase still counts), once per owner, in text order.
    pub fn scan(&self, text: &str) -> anyhow::Result<Vec<Occurrence>> {
        let mut out = Vec::new();
        // the same bytes, the same offsets: ASCII lower-casing changes no length
        let text = &text.to_ascii_lowercase();
        match &self.matcher {
            Phrases::Automaton(automaton) => {
                for m in automaton.find_overlapping_iter(text) {
                    self.push(text, m.pattern().as_usize(), m.start(), m.end(), &mut out);
                }
            }
            Phrases::Indexed(index) => {
                let candidates = index.candidates(text);
                if !candidates.is_empty() {
                    let phrases: Vec<&str> = candidates.iter().map(|&id| index.phrases[id as usize].as_str()).collect();
                    for m in automaton(&phrases, AhoCorasickKind::ContiguousNFA)?.find_overlapping_iter(text) {
                        self.push(text, candidates[m.pattern().as_usize()] as usize, m.start(), m.end(), &mut out);
                    }
                }
            }
        }
        out.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
        Ok(out)
    }

    fn push(&self, text: &str, id: usize, start: usize, end: usize, out: &mut Vec<Occurrence>) {
        if !at_word_bounds(text.as_bytes(), start, end, self.bounds[id]) {
            return;
        }
        let owners = &self.owners[self.owner_starts[id] as usize..self.owner_starts[id + 1] as usize];
        out.extend(owners.iter().map(|&owner| Occurrence { start, end, owner }));
    }
}

/// For each phrase, something that every post containing it must contain too: a whole word (a run of ASCII letters
/// and digits that the phrase's own boundaries delimit: `asthma` in "cures asthma in 2 days"), else three bytes of it.
/// Both are compared without ASCII case, as the automaton compares.
struct PhraseIndex {
    phrases: Vec<String>,
    /// The phrases by the hash of their key word, bucketed by its low bits (see `WordBuckets`).
    by_word: WordBuckets,
    by_trigram: Vec<(u16, u32)>,
    /// Phrases shorter than three bytes: always candidates.
    always: Vec<u32>,
}

impl PhraseIndex {
    fn new(phrases: Vec<String>, bounds: &[Bounds]) -> PhraseIndex {
        let mut index = PhraseIndex {
            phrases: Vec::new(),
            by_word: WordBuckets::default(),
            by_trigram: Vec::new(),
            always: Vec::new(),
        };
        let mut by_word = Vec::with_capacity(phrases.len());
        for (id, phrase) in phrases.iter().enumerate() {
            let id = id as u32;
            let bytes = phrase.as_bytes();
            if let Some(word) = delimited_words(bytes, bounds[id as usize]).max_by_key(|w| w.len()) {
                by_word.push((word_hash(word), id));
            } else if let Some(trigram) = bytes.windows(3).min_by_key(|t| trigram_commonness(t)) {
                index.by_trigram.push((trigram_bucket(trigram), id));
            } else {
                index.always.push(id);
            }
        }
        index.by_word = WordBuckets::new(by_word);
        index.phrases = phrases;
        index
    }

    /// The phrases that can occur in `text`, by id, sorted.
    fn candidates(&self, text: &str) -> Vec<u32> {
        let bytes = text.as_bytes();
        let mut out = self.always.clone();
        for word in delimited_words(bytes, Bounds::whole(true)) {
            self.by_word.extend_with(word_hash(word), &mut out);
        }
        if !self.by_trigram.is_empty() {
            let mut seen = vec![0u64; TRIGRAM_BUCKETS / 64];
            for t in bytes.windows(3) {
                let b = trigram_bucket(t) as usize;
                seen[b / 64] |= 1 << (b % 64);
            }
            let present = |b: u16| seen[b as usize / 64] & (1 << (b % 64)) != 0;
            out.extend(self.by_trigram.iter().filter(|(b, _)| present(*b)).map(|(_, id)| id));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A hash table of (word hash, phrase id) pairs laid out flat: the pairs of bucket `b` (the hash's low bits) are
/// `pairs[starts[b]..starts[b + 1]]`, placed by a counting sort. A few-post run builds it at start-up for tens of
/// thousands of phrases: a hash map to a vector per word made a small allocation a word, and sorting the pairs cost
/// more than that (callgrind, one post: 6.8M and 9.5M instructions); this is two linear passes.
#[derive(Default)]
struct WordBuckets {
    starts: Vec<u32>,
    pairs: Vec<(u64, u32)>,
}

impl WordBuckets {
    fn new(pairs: Vec<(u64, u32)>) -> WordBuckets {
        // about one pair a bucket
        let mask = pairs.len().next_power_of_two() as u64 - 1;
        let mut starts = vec![0u32; mask as usize + 2];
        for &(hash, _) in &pairs {
            starts[(hash & mask) as usize + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        let mut placed = vec![(0, 0); pairs.len()];
        for (hash, id) in pairs {
            let slot = &mut next[(hash & mask) as usize];
            placed[*slot as usize] = (hash, id);
            *slot += 1;
        }
        WordBuckets { starts, pairs: placed }
    }

    /// Appends the ids of the phrases whose key word has `hash`.
    fn extend_with(&self, hash: u64, out: &mut Vec<u32>) {
        if self.pairs.is_empty() {
            return;
        }
        let b = (hash & (self.starts.len() as u64 - 2)) as usize;
        let bucket = &self.pairs[self.starts[b] as usize..self.starts[b + 1] as usize];
        out.extend(bucket.iter().filter(|&&(h, _)| h == hash).map(|&(_, id)| id));
    }
}

/// The maximal runs of ASCII letters and digits in `bytes` that are whole words wherever `bytes` matches: runs with a
/// non-word byte on both sides inside the phrase, and at the phrase's edges only where its bounds say so.
fn delimited_words(bytes: &[u8], bounds: Bounds) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < bytes.len() {
            while start < bytes.len() && !is_word(bytes[start]) {
                start += 1;
            }
            let mut end = start;
            while end < bytes.len() && is_word(bytes[end]) {
                end += 1;
            }
            let (s, e) = (start, end);
            start = end;
            if s < e && (s > 0 || bounds.left) && (e < bytes.len() || bounds.right) {
                return Some(&bytes[s..e]);
            }
        }
        None
    })
}

fn word_hash(word: &[u8]) -> u64 {
    // over the lower-cased bytes; a collision only adds a candidate
    crate::matching::pattern::source::fnv1a(word.iter().map(u8::to_ascii_lowercase))
}

const TRIGRAM_BUCKETS: usize = 1 << 16;

fn trigram_bucket(t: &[u8]) -> u16 {
    let [a, b, c] = [t[0], t[1], t[2]].map(|x| x.to_ascii_lowercase() as u32);
    ((a.wrapping_mul(0x9E37) ^ b.wrapping_mul(0x85EB) ^ c.wrapping_mul(0xC2B2)) & 0xFFFF) as u16
}

/// How common three bytes are in English text, roughly: prefer keys with rarer letters.
fn trigram_commonness(t: &[u8]) -> u32 {
    const COMMON: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
    t.iter()
        .map(|b| {
            COMMON.len() as u32
                - COMMON.iter().position(|c| *c == b.to_ascii_lowercase()).unwrap_or(COMMON.len()) as u32
        })
        .sum()
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// An end of a phrase that must be a word boundary is one when no letter or digit touches it where it is itself a
/// letter or digit (so whole-word `#ad` matches in "x #ad", and `cure` does not match in "cured").
pub(super) fn at_word_bounds(text: &[u8], start: usize, end: usize, bounds: Bounds) -> bool {
    let first = text[start];
    let last = text[end - 1];
    let left_ok = !bounds.left || !is_word(first) || start == 0 || !is_word(text[start - 1]);
    let right_ok = !bounds.right || !is_word(last) || end == text.len() || !is_word(text[end]);
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_grouped_by_phrase_sorted_and_once() {
        let rule = |rule| Owner::Rule { rule, role: Role::Match };
        let pairs =
            vec![(2, rule(5)), (0, Owner::Kind(1)), (2, rule(1)), (0, rule(3)), (2, rule(5)), (0, Owner::Kind(1))];
        let (owners, starts) = group_owners(pairs, 3);
        assert_eq!(starts, [0, 2, 2, 4]);
        assert_eq!(owners, [rule(3), Owner::Kind(1), rule(1), rule(5)]);
    }

    /// Both matchers over the same phrases (whole words unless the phrase says `!` at its end).
    fn tables(phrases: &[&str]) -> [PhraseTable; 2] {
        [true, false].map(|many_posts| {
            let mut b = PhraseTableBuilder::default();
            for (i, p) in phrases.iter().enumerate() {
                let (p, whole_word) = match p.strip_suffix('!') {
                    Some(p) => (p, false),
                    None => (*p, true),
                };
                b.add(p.to_string(), Bounds::whole(whole_word), Owner::Rule { rule: i as u32, role: Role::Match });
            }
            b.build(many_posts).unwrap()
        })
    }

    fn count(phrases: &[&str], text: &str) -> usize {
        let [automaton, indexed] = tables(phrases);
        let found = automaton.scan(text).unwrap();
        assert_eq!(found, indexed.scan(text).unwrap(), "the index finds what the automaton finds in {text:?}");
        found.len()
    }

    #[test]
    fn phrases_match_whole_words_case_insensitively() {
        assert_eq!(count(&["cure"], "A CURE for all"), 1);
        assert_eq!(count(&["cure"], "She was cured"), 0);
        assert_eq!(count(&["cure"], "secure"), 0);
        assert_eq!(count(&["cure!"], "secure"), 1);
    }

    #[test]
    fn hashtag_phrases_match_after_any_character() {
        assert_eq!(count(&["#ad"], "great stuff #ad"), 1);
        assert_eq!(count(&["#ad"], "great stuff #ads"), 0);
        assert_eq!(count(&["#ad"], "great stuff x#AD"), 1);
    }

    #[test]
    fn overlapping_phrases_of_different_rules_both_occur() {
        assert_eq!(count(&["miracle cure", "cure"], "a miracle cure"), 2);
    }

    #[test]
    fn an_empty_phrase_matches_nothing() {
        assert_eq!(count(&["", "cure"], "a cure"), 1);
    }

    #[test]
    fn short_and_non_ascii_phrases_are_found_by_the_index() {
        assert_eq!(count(&["dr", "é!", "café cure", "ab!"], "Dr. Café CURE: crabs, é"), 5);
    }

    proptest::proptest! {
        /// The index never misses: over a small alphabet (so that phrases occur), both matchers agree.
        #[test]
        fn index_agrees_with_the_automaton(
            phrases in proptest::collection::vec("[abAB1 #é-]{1,6}!?", 1..8),
            text in "[abAB1 #é-]{0,40}",
        ) {
            let phrases: Vec<&str> =
                phrases.iter().map(String::as_str).filter(|p| !p.trim_end_matches('!').is_empty()).collect();
            count(&phrases, &text);
        }
    }
}
