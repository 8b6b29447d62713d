//! The regex rules. Each embedded pattern that the build knows runs on its own, behind a prefilter worked out at
//! build time, and is compiled the first time a post needs it (most runs never need most of them): a pattern with a
//! gate (see `gate`) runs when its gate occurs in the post; one without a gate (an SSN, a phone number) runs only on
//! the windows of the text its byte classes allow (see `prefilter`). The other patterns (from ruleset files, which
//! must compile at start-up) run in one set per mode, whose pass tells which of them can match a post.
//!
//! One overlapping set of all the patterns without a gate was measured first: on varied text its lazy DFA kept
//! building states for every new post (a quarter of the run in determinisation), while each pattern alone has a
//! small DFA that stops growing after a few posts.
//!
//! Patterns run in ASCII mode on the normalised text (`\w`, `\d`, `\s`, `\b` and `(?i)` are ASCII): the text is
//! already folded to ASCII where it matters (fullwidth digits, look-alike letters, curly quotes), and Unicode
//! classes make the set's lazy DFA so large that it gives up and the scan falls back to a 50x slower engine.
//! A rule can still ask for Unicode with `(?u:...)`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use anyhow::Context as _;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{meta, Input, MatchKind};

use crate::matching::limits::MAX_NEST;
use crate::matching::pattern::compiled_source;
use crate::matching::pattern::source::{ascii_compatible, fingerprint};
use crate::matching::pattern::validators::{self, Validator};
use crate::matching::PatternMatch;

use super::pairs::pair_end;

/// The gates `build.rs` worked out for the embedded patterns.
mod embedded {
    /// Clauses of literals: a match contains a literal of each clause, with a word boundary at its left and right
    /// end where the two flags say so.
    pub type Gate = &'static [&'static [(&'static str, [bool; 2])]];
    /// The byte classes (required, alphabet) of a pattern without a gate: see `prefilter`.
    pub type Filter = ([u64; 4], [u64; 4]);
    include!(concat!(env!("OUT_DIR"), "/embedded_gates.rs"));
}

/// Compiled size allowed for the set and for each rule's regex (the regex crate's default is 10 MB).
const SIZE_LIMIT: usize = 64 << 20;

/// Lazy-DFA cache per regex and thread: big enough that the set's DFA does not give up on long posts. Measured on
/// 20,000 posts with 2 threads: 2 MB makes the scan fall back to the PikeVM (2 minutes), 8 MB and 16 MB take
/// under 3 s with the same peak memory (the caches fill only as far as the posts need).
const DFA_CACHE: usize = 16 << 20;

/// Compiles one rule's pattern the way its set does, as `regex::bytes::Regex` would (leftmost-first, matches need
/// not be UTF-8), but as a `meta::Regex`: only that searches a window of a text while `\b` still sees around it.
/// Two things a pattern may not need are left out, as they take most of the compile time of a one-post check: the
/// groups, unless it has a `value` group, and, for a pattern without a gate, the regex crate's own literal
/// prefilter. Such a pattern runs in windows (they are its prefilter) or has no literal worth looking for: measured
/// on the varied bench corpus, each of those searched the whole text as fast or faster without it (`TST010`, whose
/// literals are short words, four times faster), and they compile in a third of the time.
///
/// For a few posts (`Compile::Lean`) a gated pattern too goes without the literal prefilter, and no pattern gets the
/// engines that only pay off over many searches (a full DFA, the one-pass DFA, the bounded backtracker; captures
/// then come from the PikeVM, on the span of a match only). The search of a post or two costs less than building
/// them: measured on the default patterns, 35 ms of compile in all with them, 12 ms without.
fn compile(pr: &PatternRule, how: Compile) -> Result<meta::Regex, String> {
    let captures = if pr.has_value_group { WhichCaptures::All } else { WhichCaptures::Implicit };
    let lean = how == Compile::Lean;
    let config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(false)
        .which_captures(captures)
        .auto_prefilter(!lean && !matches!(pr.route, Route::Direct(_)))
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid_cache_capacity(DFA_CACHE);
    let config = if lean { config.dfa(false).onepass(false).backtrack(false) } else { config };
    let syntax = syntax::Config::new().unicode(!pr.ascii).utf8(false).nest_limit(MAX_NEST);
    meta::Regex::builder().configure(config).syntax(syntax).build(&pr.source).map_err(|e| with_causes(&e))
}

/// How many matches in a row the validator may reject before the search stops retrying inside them (see `find`).
const RETRIES: usize = 8;

/// How the patterns of a run compile: for the searches of many posts, or lean, for a few (see `compile`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Compile {
    ForManyPosts,
    Lean,
}

/// A set of patterns compiled in one mode, and which rules its members are. The set only answers "which
/// patterns match somewhere", so it is built lean: no captures, no one-pass or backtracking engines, no full DFA
/// (measured: a third less build time than `regex::RegexSet` for the default rules, the same scan speed).
pub struct ModeSet {
    set: meta::Regex,
    members: Vec<usize>,
}

/// Why a set did not compile: the rule (index) whose pattern does not compile on its own, if one does not.
#[derive(Debug)]
pub struct SetError {
    pub rule: Option<u32>,
    pub message: String,
}

impl ModeSet {
    fn new(rules: &[PatternRule], ascii: bool) -> Result<Option<ModeSet>, SetError> {
        let members: Vec<usize> =
            (0..rules.len()).filter(|&i| rules[i].ascii == ascii && matches!(rules[i].route, Route::Set)).collect();
        if members.is_empty() {
            return Ok(None);
        }
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .which_captures(WhichCaptures::None)
            .dfa(false)
            .onepass(false)
            .backtrack(false)
            .nfa_size_limit(Some(SIZE_LIMIT))
            // the engines switched off above get the same limits, should a later change switch them on
            .onepass_size_limit(Some(SIZE_LIMIT))
            .dfa_size_limit(Some(SIZE_LIMIT))
            .hybrid_cache_capacity(DFA_CACHE);
        let syntax = syntax::Config::new().unicode(!ascii).utf8(false).nest_limit(MAX_NEST);
        let sources: Vec<&str> = members.iter().map(|&i| rules[i].source.as_str()).collect();
        let set =
            meta::Regex::builder().configure(config.clone()).syntax(syntax).build_many(&sources).map_err(|e| {
                // name the rule: the first pattern that does not compile on its own
                let alone = |&&i: &&usize| {
                    meta::Regex::builder().configure(config.clone()).syntax(syntax).build(&rules[i].source).is_err()
                };
                SetError { rule: members.iter().find(alone).map(|&i| rules[i].rule), message: with_causes(&e) }
            })?;
        Ok(Some(ModeSet { set, members }))
    }

    fn matches(&self, text: &str, out: &mut Vec<usize>) {
        let mut found = regex_automata::PatternSet::new(self.set.pattern_len());
        self.set.which_overlapping_matches(&Input::new(text), &mut found);
        out.extend(found.iter().map(|p| self.members[p.as_usize()]));
    }
}

/// An error with its causes ("error building NFA: ... exceeds size limit"): the top message alone does not say why.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    message
}

/// Which posts and which parts of them a pattern runs on.
#[derive(Clone, Copy)]
enum Route {
    /// Those its set says it can match: a ruleset file's pattern, compiled at start-up.
    Set,
    /// Those where a literal of each clause of its gate occurs.
    Gated(embedded::Gate),
    /// Every post, but only the windows its byte classes allow (the whole text without them): an embedded pattern
    /// without a gate.
    Direct(Option<embedded::Filter>),
}

struct PatternRule {
    rule: u32,
    source: String,
    ascii: bool,
    validator: Option<Validator>,
    /// Whether a match may take the second half of a login pair (the `secret` validator: see `pair_end`).
    pairs: bool,
    has_value_group: bool,
    route: Route,
    compiled: OnceLock<Result<meta::Regex, String>>,
}

/// How an embedded pattern runs, from what `build.rs` worked out for this very pattern (as written, lists
/// expanded: same length and fingerprint); `None` for a pattern the build did not see.
fn embedded_route(pattern: &str) -> Option<Route> {
    let key = (pattern.len(), fingerprint(pattern));
    let i = embedded::EMBEDDED.binary_search_by_key(&key, |&(len, fingerprint, ..)| (len, fingerprint)).ok()?;
    Some(match embedded::EMBEDDED[i] {
        (.., Some(gate), _) => Route::Gated(gate),
        (.., None, filter) => Route::Direct(filter),
    })
}

/// The pattern rules before their set is compiled: the gates are known, so the phrase automaton can include them
/// while the set compiles.
pub struct Prepared {
    rules: Vec<PatternRule>,
    how: Compile,
    /// The next pattern that runs on every post to compile: the thread that builds the phrase table takes its share
    /// of them when it is done (see `compile_direct`).
    next_direct: AtomicUsize,
}

impl Prepared {
    /// (candidate, clause, literal, whether its left and right ends are word boundaries) for every gate literal.
    pub fn gates(&self) -> impl Iterator<Item = (usize, usize, &str, [bool; 2])> {
        self.rules.iter().enumerate().flat_map(|(i, r)| {
            let gate = match r.route {
                Route::Gated(gate) => Some(gate),
                Route::Set | Route::Direct(_) => None,
            };
            let clauses = gate.into_iter().flatten().enumerate();
            clauses.flat_map(move |(k, clause)| clause.iter().map(move |&(l, whole)| (i, k, l, whole)))
        })
    }

    /// Compiles the sets of the patterns that run in one (one per mode), and the patterns that run on every post:
    /// the first post needs them all, so they compile here, beside the phrase table, not on that post's thread.
    pub fn compile_sets(&self) -> Result<[Option<ModeSet>; 2], SetError> {
        self.compile_direct();
        Ok([ModeSet::new(&self.rules, true)?, ModeSet::new(&self.rules, false)?])
    }

    /// Compiles the patterns that run on every post that no other thread has taken yet. `compile_sets` calls it, and
    /// so does the thread that builds the phrase table once that is done: a one-post check waits for the slower of
    /// the two, and the compiles were the slower (28M instructions against 18M).
    pub fn compile_direct(&self) {
        let direct: Vec<&PatternRule> = self.rules.iter().filter(|r| matches!(r.route, Route::Direct(_))).collect();
        while let Some(pr) = direct.get(self.next_direct.fetch_add(1, Ordering::Relaxed)) {
            // an error stays in the cell and is reported with its rule when a post runs the pattern
            let _ = pr.compiled.get_or_init(|| compile(pr, self.how));
        }
    }

    pub fn into_set(self, [ascii, unicode]: [Option<ModeSet>; 2]) -> PatternSet {
        let direct: Vec<usize> =
            (0..self.rules.len()).filter(|&i| matches!(self.rules[i].route, Route::Direct(_))).collect();
        let needed = direct.iter().fold([0u64; 4], |set, &i| match self.rules[i].route {
            Route::Direct(Some((required, _))) => std::array::from_fn(|k| set[k] | required[k]),
            _ => set,
        });
        PatternSet { ascii, unicode, direct, needed, rules: self.rules, how: self.how }
    }
}

pub struct PatternSet {
    /// Most patterns; patterns that need Unicode (a non-ASCII letter in a class) run in a small set of their own.
    ascii: Option<ModeSet>,
    unicode: Option<ModeSet>,
    /// The candidates that run on every post.
    direct: Vec<usize>,
    /// Every byte that one of them requires.
    needed: [u64; 4],
    rules: Vec<PatternRule>,
    how: Compile,
}

/// A text as the patterns see it, from one pass over its bytes: which bytes occur, and where the bytes are that a
/// pattern running on every post requires (so that each such pattern finds its windows without a pass of its own).
pub struct Scanned<'t> {
    text: &'t str,
    present: [u64; 4],
    needed_at: Vec<u32>,
}

fn has(set: &[u64; 4], b: u8) -> bool {
    set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

impl PatternSet {
    /// `patterns`: (rule index, pattern as written, validator name, whether it is embedded). A pattern is left out of
    /// the set (and compiled when a post needs it) only when the build saw it: the default rules' patterns are known
    /// to compile, while a ruleset file's pattern compiles at start-up, so that one too big to compile is an error
    /// of the run, not of the posts that happen to need it.
    pub fn prepare(patterns: Vec<(u32, &str, Option<&str>, bool)>, how: Compile) -> anyhow::Result<Prepared> {
        let mut rules = Vec::with_capacity(patterns.len());
        for (rule, pattern, validator, embedded) in patterns {
            let source = compiled_source(pattern);
            let ascii = ascii_compatible(&source);
            let route = if embedded { embedded_route(pattern).unwrap_or(Route::Set) } else { Route::Set };
            let pairs = validator == Some("secret");
            let validator = match validator {
                Some(name) => Some(validators::lookup(name).with_context(|| format!("unknown validator `{name}`"))?),
                None => None,
            };
            rules.push(PatternRule {
                rule,
                ascii,
                pairs,
                has_value_group: source.contains("(?P<value>") || source.contains("(?<value>"),
                route,
                source,
                validator,
                compiled: OnceLock::new(),
            });
        }
        Ok(Prepared { rules, how, next_direct: AtomicUsize::new(0) })
    }

    /// All patterns in the set.
    #[cfg(test)]
    fn new(patterns: Vec<(u32, &str, Option<&str>)>) -> anyhow::Result<PatternSet> {
        let prepared = PatternSet::prepare(
            patterns.into_iter().map(|(r, p, v)| (r, p, v, false)).collect(),
            Compile::ForManyPosts,
        )?;
        let sets = prepared.compile_sets().map_err(|e| anyhow::anyhow!(e.message))?;
        Ok(prepared.into_set(sets))
    }

    /// Candidates that can match: those the set says can, the gated ones whose gate occurs (`opened`) and those
    /// that run on every post unless the text has none of their required bytes, so the caller can skip rules whose
    /// post conditions fail.
    pub fn candidates(&self, scanned: &Scanned, opened: &[usize]) -> Vec<usize> {
        let mut out = opened.to_vec();
        out.extend(self.direct.iter().filter(|&&c| match self.rules[c].route {
            Route::Direct(Some((required, _))) => required.iter().zip(&scanned.present).any(|(r, p)| r & p != 0),
            _ => true,
        }));
        for mode in self.ascii.iter().chain(&self.unicode) {
            mode.matches(scanned.text, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// How many candidates there are (gated or not).
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// How many clauses must occur to open a gated candidate (0 for a pattern in the set).
    pub fn clauses(&self, candidate: usize) -> usize {
        match self.rules[candidate].route {
            Route::Gated(gate) => gate.len(),
            Route::Set | Route::Direct(_) => 0,
        }
    }

    pub fn rule_of(&self, candidate: usize) -> u32 {
        self.rules[candidate].rule
    }

    /// One pass over `text` for `candidates` and `find`.
    pub fn scan<'t>(&self, text: &'t str) -> Scanned<'t> {
        let mut present = [0u64; 4];
        let mut needed_at = Vec::new();
        for (i, b) in text.bytes().enumerate() {
            present[usize::from(b >> 6)] |= 1 << (b & 63);
            if has(&self.needed, b) {
                needed_at.push(i as u32);
            }
        }
        Scanned { text, present, needed_at }
    }

    /// Compiles the candidates that are not compiled yet on two threads, when compiling lean (a few posts): each
    /// post opens a handful of gated patterns, which otherwise compile one after another on the post's thread while
    /// the other core waits.
    pub fn compile_ahead(&self, candidates: &[usize]) {
        if self.how != Compile::Lean {
            return;
        }
        let mut pending: Vec<&PatternRule> =
            candidates.iter().map(|&c| &self.rules[c]).filter(|r| r.compiled.get().is_none()).collect();
        if pending.len() < 2 {
            return;
        }
        // compile time grows with the pattern's length: deal the longest out first, each to the lighter share
        pending.sort_by_key(|r| std::cmp::Reverse(r.source.len()));
        let (mut mine, mut theirs, mut load) = (Vec::new(), Vec::new(), 0isize);
        for pr in pending {
            let len = pr.source.len() as isize;
            if load <= 0 {
                mine.push(pr);
                load += len;
            } else {
                theirs.push(pr);
                load -= len;
            }
        }
        let compile_all = |share: Vec<&PatternRule>| {
            for pr in share {
                let _ = pr.compiled.get_or_init(|| compile(pr, Compile::Lean));
            }
        };
        std::thread::scope(|scope| {
            scope.spawn(|| compile_all(theirs));
            compile_all(mine);
        });
    }

    /// All validated matches of one candidate rule.
    pub fn find(&self, candidate: usize, scanned: &Scanned, out: &mut Vec<PatternMatch>) -> anyhow::Result<()> {
        let text = scanned.text;
        let pr = &self.rules[candidate];
        let regex = pr
            .compiled
            .get_or_init(|| compile(pr, self.how))
            .as_ref()
            .map_err(|e| anyhow::anyhow!("its regex failed to compile: {e}"))?;
        // whether the match was kept
        let mut push = |start: usize, end: usize| {
            // ASCII-mode classes can stop inside a multi-byte character: widen to whole characters
            let (start, end) = (floor_char_boundary(text, start), ceil_char_boundary(text, end));
            if start == end {
                return false;
            }
            let mut end = end;
            if let Some(check) = pr.validator {
                if !check(&text[start..end]) {
                    return false;
                }
                if pr.pairs {
                    end = pair_end(text, end, check);
                }
            }
            out.push(PatternMatch { rule: pr.rule, start, end });
            true
        };
        let mut search = |input: Input| {
            if pr.validator.is_some() {
                // A match the validator rejects does not use up its text: the search starts again one byte after
                // its start, where a match that begins later may hold a value that passes (two passwords of the
                // security blind set were hidden behind a longer rejected match). After RETRIES rejections in a
                // row it goes on after the last one: a long run where every word starts a rejected match
                // ("token-token-..." for a key shape) would otherwise cost a search to its end from every word.
                let mut caps = regex.create_captures();
                let mut at = input.start();
                let mut rejected = 0;
                while at <= input.end() {
                    let rest = input.clone().span(at..input.end());
                    let (whole, value) = if pr.has_value_group {
                        regex.search_captures(&rest, &mut caps);
                        let Some(whole) = caps.get_match() else { break };
                        (whole.span(), caps.get_group_by_name("value").unwrap_or(whole.span()))
                    } else {
                        let Some(whole) = regex.search(&rest) else { break };
                        (whole.span(), whole.span())
                    };
                    if push(value.start, value.end) || rejected + 1 == RETRIES {
                        at = whole.end.max(whole.start + 1);
                        rejected = 0;
                    } else {
                        at = whole.start + 1;
                        rejected += 1;
                    }
                }
            } else if pr.has_value_group {
                for caps in regex.captures_iter(input) {
                    if let Some(m) = caps.get_group_by_name("value").or_else(|| caps.get_match().map(|m| m.span())) {
                        push(m.start, m.end);
                    }
                }
            } else {
                for m in regex.find_iter(input) {
                    push(m.start(), m.end());
                }
            }
        };
        match pr.route {
            Route::Direct(Some(filter)) => {
                windows(text.as_bytes(), &scanned.needed_at, &filter, |w| search(Input::new(text).span(w)))
            }
            _ => search(Input::new(text)),
        }
        Ok(())
    }
}

/// Calls `search` on each window of `text` where a match can be: a maximal run of alphabet bytes with a required
/// byte in it (see `prefilter`). Every match lies in one such run, so searching them in order finds what a search
/// of the whole text finds. `needed_at`: the offsets of every byte that some pattern requires (this pattern's
/// required bytes among them), in order.
fn windows(
    text: &[u8],
    needed_at: &[u32],
    (required, alphabet): &embedded::Filter,
    mut search: impl FnMut(std::ops::Range<usize>),
) {
    let mut from = 0;
    let mut next = needed_at.iter().map(|&i| i as usize).filter(|&i| has(required, text[i]));
    while let Some(at) = next.by_ref().find(|&i| i >= from) {
        let start = text[from..at].iter().rposition(|&b| !has(alphabet, b)).map_or(from, |i| from + i + 1);
        let end = text[at + 1..].iter().position(|&b| !has(alphabet, b)).map_or(text.len(), |i| at + 1 + i);
        search(start..end);
        from = end;
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{gate, prefilter};

    #[test]
    fn the_build_worked_out_the_gate_of_every_embedded_pattern() {
        let set = crate::rules::Ruleset::default_rules().and_then(crate::rules::Ruleset::resolve).unwrap();
        let mut gated = 0;
        for rule in &set.rules {
            if let Some((pattern, _)) = rule.matcher.pattern() {
                let key = (pattern.len(), fingerprint(pattern));
                let found = embedded::EMBEDDED.binary_search_by_key(&key, |&(len, f, ..)| (len, f));
                let Ok(i) = found else { panic!("{}: no gate from the build", rule.id) };
                // the engine compiles the normalised pattern with ASCII word boundaries: the gate is the same
                let owned = |c: &[(&str, [bool; 2])]| c.iter().map(|&(l, w)| (l.to_string(), w)).collect();
                let built = embedded::EMBEDDED[i].2.map(|g| g.iter().map(|c| owned(c)).collect::<Vec<Vec<_>>>());
                assert_eq!(built, gate::of_pattern(&compiled_source(pattern), false), "{}", rule.id);
                gated += embedded::EMBEDDED[i].2.is_some() as usize;
            }
        }
        assert!(gated >= 20, "only {gated} embedded patterns have a gate");
    }

    #[test]
    fn the_build_worked_out_the_byte_classes_of_every_embedded_pattern_without_a_gate() {
        let set = crate::rules::Ruleset::default_rules().and_then(crate::rules::Ruleset::resolve).unwrap();
        let mut filtered = 0;
        for rule in &set.rules {
            let Some((pattern, _)) = rule.matcher.pattern() else { continue };
            if let Some(Route::Direct(built)) = embedded_route(pattern) {
                assert_eq!(built, prefilter::of_pattern(&compiled_source(pattern), false), "{}", rule.id);
                filtered += built.is_some() as usize;
            }
        }
        assert!(filtered >= 20, "only {filtered} embedded patterns have byte classes");
    }

    /// The default patterns that run over the whole text of every post their post conditions allow (no gate word,
    /// no byte classes): a new one must be a choice, not an accident (SEC001 once lost its gate to a two-letter
    /// branch and nothing noticed). The `\S+` rules (TST002, 003, 008, 011, 012, 014, 015) find a post's first word
    /// once its post conditions hold; PHI023 is worth a gate of its own (TST010 is a frame since issue 14's ninth
    /// round, PHI009 and PHI024 since issue 15's).
    const UNFILTERED: &[&str] = &["PHI023", "TST002", "TST003", "TST008", "TST011", "TST012", "TST014", "TST015"];

    #[test]
    fn every_default_pattern_has_a_gate_or_byte_classes_unless_listed() {
        let set = crate::rules::Ruleset::default_rules().and_then(crate::rules::Ruleset::resolve).unwrap();
        let unfiltered: Vec<&str> = set
            .rules
            .iter()
            .filter(|rule| {
                let route = rule.matcher.pattern().and_then(|(pattern, _)| embedded_route(pattern));
                matches!(route, Some(Route::Direct(None)))
            })
            .map(|rule| rule.id.as_str())
            .collect();
        let mut expected = UNFILTERED.to_vec();
        expected.sort_unstable();
        let mut found = unfiltered.clone();
        found.sort_unstable();
        assert_eq!(found, expected, "patterns without a gate or byte classes");
    }

    #[test]
    fn a_search_in_windows_finds_what_a_search_of_the_whole_text_finds() {
        let (pattern, validator) = (r"(?P<value>\b\d{3}[- .]\d{2}[- .]\d{4}\b)", None);
        let filter = prefilter::of_pattern(&compiled_source(pattern), false).unwrap();
        let mut windowed = PatternSet::new(vec![(0, pattern, validator)]).unwrap();
        windowed.rules[0].route = Route::Direct(Some(filter));
        windowed.needed = filter.0;
        let whole = PatternSet::new(vec![(0, pattern, validator)]).unwrap();
        let text = "x123-45-6789 1 123 45 6789, é 12 3 123.45.6789 and 987-65-4321!";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        windowed.find(0, &windowed.scan(text), &mut a).unwrap();
        whole.find(0, &whole.scan(text), &mut b).unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a, b);
    }

    #[test]
    fn patterns_that_need_unicode_still_run() {
        let set = PatternSet::new(vec![(0, r"caf[é]", None), (1, r"\bcure\b", None)]).unwrap();
        assert!(set.rules[1].ascii && !set.rules[0].ascii);
        assert_eq!(set.candidates(&set.scan("café cure"), &[]), vec![0, 1]);
    }

    #[test]
    fn matches_never_split_a_character() {
        let set = PatternSet::new(vec![(0, r"x.", None)]).unwrap();
        let text = "x\u{e9}!";
        let mut out = Vec::new();
        set.find(0, &set.scan(text), &mut out).unwrap();
        assert_eq!(out, vec![PatternMatch { rule: 0, start: 0, end: 3 }]);
    }

    #[test]
    fn value_group_narrows_the_match_and_validator_filters() {
        let set = PatternSet::new(vec![(7, r"(?i)\bssn:?\s*(?P<value>\d{3}-\d{2}-\d{4})", Some("ssn"))]).unwrap();
        let text = "SSN: 219-45-6781 and ssn 000-12-3456";
        let scanned = set.scan(text);
        assert_eq!(set.candidates(&scanned, &[]), vec![0]);
        let mut out = Vec::new();
        set.find(0, &scanned, &mut out).unwrap();
        assert_eq!(out, vec![PatternMatch { rule: 7, start: 5, end: 16 }]);
    }

    #[test]
    fn a_match_the_validator_rejects_leaves_its_text_to_later_starts() {
        let set = PatternSet::new(vec![(7, r"(?P<value>\d{3}-\d{2}-\d{4})", Some("ssn"))]).unwrap();
        // "000-12-3456" is no SSN (area 000); "456-78-9012" begins inside it
        let text = "000-12-3456-78-9012";
        let mut out = Vec::new();
        set.find(0, &set.scan(text), &mut out).unwrap();
        assert_eq!(out, vec![PatternMatch { rule: 7, start: 8, end: 19 }]);
    }

    #[test]
    fn rejected_matches_in_a_long_run_are_retried_a_bounded_number_of_times() {
        // every "000" starts a match to the end of the run that the validator rejects (area 000): without a bound,
        // a search from each of them to the end is quadratic; the SSN after the run is still found
        let run = vec!["000-00-0000"; 20_000].join("-");
        let text = format!("{run} 219-45-6781");
        let set = PatternSet::new(vec![(7, r"(?P<value>\d{3}-\d{2}-\d{4})(?:-\d+)*", Some("ssn"))]).unwrap();
        let mut out = Vec::new();
        set.find(0, &set.scan(&text), &mut out).unwrap();
        assert_eq!(out, vec![PatternMatch { rule: 7, start: run.len() + 1, end: text.len() }]);
    }
}
