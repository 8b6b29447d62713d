//! The regex rules: one `RegexSet` pass tells which rules can match a post; only those rules' own regexes run,
//! and each is compiled the first time a post needs it (most runs never need most of them). In a run over a few
//! posts, a pattern with a gate (see `gate`) is left out of the set: it is a candidate when its gate occurs.
//!
//! Patterns run in ASCII mode on the normalised text (`\w`, `\d`, `\s`, `\b` and `(?i)` are ASCII): the text is
//! already folded to ASCII where it matters (fullwidth digits, look-alike letters, curly quotes), and Unicode
//! classes make the set's lazy DFA so large that it gives up and the scan falls back to a 50x slower engine.
//! A rule can still ask for Unicode with `(?u:...)`.

use std::sync::OnceLock;

use anyhow::Context as _;
use regex::bytes::{Regex, RegexBuilder};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{meta, Input, MatchKind};

use crate::matching::limits::MAX_NEST;
use crate::matching::pattern::compiled_source;
use crate::matching::pattern::source::{ascii_compatible, fingerprint};
use crate::matching::pattern::validators::{self, Validator};
use crate::matching::PatternMatch;

/// The gates `build.rs` worked out for the embedded patterns.
mod embedded {
    /// Clauses of literals: a match contains a literal of each clause.
    pub type Gate = &'static [&'static [&'static str]];
    include!(concat!(env!("OUT_DIR"), "/embedded_gates.rs"));
}

/// Compiled size allowed for the set and for each rule's regex (the regex crate's default is 10 MB).
const SIZE_LIMIT: usize = 64 << 20;

/// Lazy-DFA cache per regex and thread: big enough that the set's DFA does not give up on long posts. Measured on
/// 20,000 posts with 2 threads: 2 MB makes the scan fall back to the PikeVM (2 minutes), 8 MB and 16 MB take
/// under 3 s with the same peak memory (the caches fill only as far as the posts need).
const DFA_CACHE: usize = 16 << 20;

/// Compiles one rule's pattern the way its set does.
fn compile(source: &str, ascii: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .unicode(!ascii)
        .nest_limit(MAX_NEST)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(DFA_CACHE)
        .build()
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
            (0..rules.len()).filter(|&i| rules[i].ascii == ascii && rules[i].gate.is_none()).collect();
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

struct PatternRule {
    rule: u32,
    source: String,
    ascii: bool,
    validator: Option<Validator>,
    has_value_group: bool,
    /// Set when the pattern has a gate (clauses of literals) from the build: it is then not in the set.
    gate: Option<embedded::Gate>,
    compiled: OnceLock<Result<Regex, String>>,
}

/// The gate `build.rs` worked out for this very pattern (as written, lists expanded: same length and fingerprint).
fn embedded_gate(pattern: &str) -> Option<embedded::Gate> {
    let key = (pattern.len(), fingerprint(pattern));
    let i = embedded::EMBEDDED.binary_search_by_key(&key, |&(len, fingerprint, _)| (len, fingerprint)).ok()?;
    embedded::EMBEDDED[i].2
}

/// The pattern rules before their set is compiled: the gates are known, so the phrase automaton can include them
/// while the set compiles.
pub struct Prepared {
    rules: Vec<PatternRule>,
}

impl Prepared {
    /// (candidate, clause, literal) for every literal of every gate.
    pub fn gates(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        self.rules.iter().enumerate().flat_map(|(i, r)| {
            let clauses = r.gate.iter().copied().flatten().enumerate();
            clauses.flat_map(move |(k, clause)| clause.iter().map(move |&l| (i, k, l)))
        })
    }

    /// Compiles the sets of the patterns without a gate (one per mode).
    pub fn compile_sets(&self) -> Result<[Option<ModeSet>; 2], SetError> {
        Ok([ModeSet::new(&self.rules, true)?, ModeSet::new(&self.rules, false)?])
    }

    pub fn into_set(self, [ascii, unicode]: [Option<ModeSet>; 2]) -> PatternSet {
        PatternSet { ascii, unicode, rules: self.rules }
    }
}

pub struct PatternSet {
    /// Most patterns; patterns that need Unicode (a non-ASCII letter in a class) run in a small set of their own.
    ascii: Option<ModeSet>,
    unicode: Option<ModeSet>,
    rules: Vec<PatternRule>,
}

impl PatternSet {
    /// `patterns`: (rule index, pattern as written, validator name, whether it may be gated). A pattern is gated
    /// (left out of the set, compiled when a post opens its gate) only with a gate from the build: the default rules'
    /// patterns are known to compile, while a ruleset file's pattern compiles at start-up, so that one too big to
    /// compile is an error of the run, not of the posts that happen to need it.
    pub fn prepare(patterns: Vec<(u32, &str, Option<&str>, bool)>) -> anyhow::Result<Prepared> {
        let mut rules = Vec::with_capacity(patterns.len());
        for (rule, pattern, validator, gateable) in patterns {
            let source = compiled_source(pattern);
            let ascii = ascii_compatible(&source);
            let validator = match validator {
                Some(name) => Some(validators::lookup(name).with_context(|| format!("unknown validator `{name}`"))?),
                None => None,
            };
            rules.push(PatternRule {
                rule,
                ascii,
                has_value_group: source.contains("(?P<value>") || source.contains("(?<value>"),
                gate: if gateable { embedded_gate(pattern) } else { None },
                source,
                validator,
                compiled: OnceLock::new(),
            });
        }
        Ok(Prepared { rules })
    }

    /// All patterns in the set, none gated.
    #[cfg(test)]
    fn new(patterns: Vec<(u32, &str, Option<&str>)>) -> anyhow::Result<PatternSet> {
        let prepared = PatternSet::prepare(patterns.into_iter().map(|(r, p, v)| (r, p, v, false)).collect())?;
        let sets = prepared.compile_sets().map_err(|e| anyhow::anyhow!(e.message))?;
        Ok(prepared.into_set(sets))
    }

    /// Candidates that can match: those the set says can, and the gated ones whose gate occurs (`opened`), so the
    /// caller can skip rules whose post conditions fail.
    pub fn candidates(&self, text: &str, opened: &[usize]) -> Vec<usize> {
        let mut out = opened.to_vec();
        for mode in self.ascii.iter().chain(&self.unicode) {
            mode.matches(text, &mut out);
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
        self.rules[candidate].gate.map_or(0, <[_]>::len)
    }

    pub fn rule_of(&self, candidate: usize) -> u32 {
        self.rules[candidate].rule
    }

    /// All validated matches of one candidate rule.
    pub fn find(&self, candidate: usize, text: &str, out: &mut Vec<PatternMatch>) -> anyhow::Result<()> {
        let pr = &self.rules[candidate];
        let regex = pr
            .compiled
            .get_or_init(|| compile(&pr.source, pr.ascii).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| anyhow::anyhow!("its regex failed to compile: {e}"))?;
        let mut push = |start: usize, end: usize| {
            // ASCII-mode classes can stop inside a multi-byte character: widen to whole characters
            let (start, end) = (floor_char_boundary(text, start), ceil_char_boundary(text, end));
            if start == end {
                return;
            }
            if let Some(check) = pr.validator {
                if !check(&text[start..end]) {
                    return;
                }
            }
            out.push(PatternMatch { rule: pr.rule, start, end });
        };
        if pr.has_value_group {
            for caps in regex.captures_iter(text.as_bytes()) {
                if let Some(m) = caps.name("value").or_else(|| caps.get(0)) {
                    push(m.start(), m.end());
                }
            }
        } else {
            for m in regex.find_iter(text.as_bytes()) {
                push(m.start(), m.end());
            }
        }
        Ok(())
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
    use crate::engine::gate;

    #[test]
    fn the_build_worked_out_the_gate_of_every_embedded_pattern() {
        let set = crate::rules::Ruleset::default_rules().and_then(crate::rules::Ruleset::resolve).unwrap();
        let mut gated = 0;
        for rule in &set.rules {
            if let Some((pattern, _)) = rule.matcher.pattern() {
                let key = (pattern.len(), fingerprint(pattern));
                let found = embedded::EMBEDDED.binary_search_by_key(&key, |&(len, f, _)| (len, f));
                let Ok(i) = found else { panic!("{}: no gate from the build", rule.id) };
                // the engine compiles the normalised pattern with ASCII word boundaries: the gate is the same
                let built = embedded::EMBEDDED[i].2.map(|g| g.iter().map(|c| c.to_vec()).collect::<Vec<_>>());
                let now = gate::of_pattern(&compiled_source(pattern), false);
                let now: Option<Vec<Vec<&str>>> =
                    now.as_ref().map(|g| g.iter().map(|c| c.iter().map(String::as_str).collect()).collect());
                assert_eq!(built, now, "{}", rule.id);
                gated += embedded::EMBEDDED[i].2.is_some() as usize;
            }
        }
        assert!(gated >= 20, "only {gated} embedded patterns have a gate");
    }

    #[test]
    fn patterns_that_need_unicode_still_run() {
        let set = PatternSet::new(vec![(0, r"caf[é]", None), (1, r"\bcure\b", None)]).unwrap();
        assert!(set.rules[1].ascii && !set.rules[0].ascii);
        assert_eq!(set.candidates("café cure", &[]), vec![0, 1]);
    }

    #[test]
    fn matches_never_split_a_character() {
        let set = PatternSet::new(vec![(0, r"x.", None)]).unwrap();
        let text = "x\u{e9}!";
        let mut out = Vec::new();
        set.find(0, text, &mut out).unwrap();
        assert_eq!(out, vec![PatternMatch { rule: 0, start: 0, end: 3 }]);
    }

    #[test]
    fn value_group_narrows_the_match_and_validator_filters() {
        let set = PatternSet::new(vec![(7, r"(?i)\bssn:?\s*(?P<value>\d{3}-\d{2}-\d{4})", Some("ssn"))]).unwrap();
        let text = "SSN: 219-45-6781 and ssn 000-12-3456";
        let cands = set.candidates(text, &[]);
        assert_eq!(cands, vec![0]);
        let mut out = Vec::new();
        set.find(0, text, &mut out).unwrap();
        assert_eq!(out, vec![PatternMatch { rule: 7, start: 5, end: 16 }]);
    }
}
