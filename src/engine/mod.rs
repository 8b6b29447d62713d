//! Matching: the compiled form of the active rules, and the check of one post against them.
//! Everything here is built once per run and shared by the scanning threads. Only a run over a few posts compiles
//! per post: a small phrase automaton of the phrases a post allows, and a gated pattern the first time a post opens it.

// the engine uses only the fingerprint; build.rs and the tests work gates out with the rest
#[cfg_attr(not(test), allow(dead_code))]
mod gate;
pub mod limits;
mod patterns;
mod phrases;
mod window;

pub use patterns::{ascii_word_boundaries, compiled_source};

use std::collections::{BTreeMap, HashSet};

use anyhow::Context as _;

use crate::allow::Allowlist;
use crate::policy::Vocabulary;
use crate::rules::{Matcher, Rule};
use crate::text::normalize::{identity, normalize, Normalized};
use crate::text::variants;
use patterns::{PatternMatch, PatternSet};
use phrases::{leftmost_longest, Occurrence, Owner, PhraseTable, PhraseTableBuilder, Role};

/// The text of one post as the engine sees it.
pub struct Post<'a> {
    /// The text to scan: the file's text with unpublished parts (HTML comments) blanked out, so byte offsets are
    /// those of the file.
    pub text: &'a str,
    /// Where the body starts (after front matter).
    pub body_start: usize,
    /// The kind declared in front matter, if any.
    pub kind: Option<&'a str>,
    /// The platform the post is for (canonical name), if known.
    pub platform: Option<&'a str>,
    /// Front-matter fields (or a calendar row's columns).
    pub fields: &'a serde_json::Value,
    /// Byte ranges that are not published (HTML comments), left out of length limits.
    pub hidden: &'a [std::ops::Range<usize>],
}

/// Whether a dotted field path (`consent.id`) is present with a non-empty value.
fn has_field(fields: &serde_json::Value, path: &str) -> bool {
    use serde_json::Value;
    let value = path.split('.').try_fold(fields, |v, key| v.get(key));
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

/// A rule that matched: bytes `start..end` of the post's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// The active rules, compiled.
pub struct Engine {
    rules: Vec<Rule>,
    phrases: PhraseTable,
    patterns: PatternSet,
    kind_names: Vec<String>,
    /// Kinds and rule names posts may use (by default those of the active rules).
    vocabulary: Vocabulary,
    allow: Allowlist,
    /// Unicode normalisation of post text before matching (on by default).
    normalize: bool,
}

/// Normalises a phrase from a ruleset the same way post text is normalised, so the two meet.
fn normalize_phrase(phrase: &str) -> String {
    normalize(phrase.trim()).text().to_string()
}

/// The phrase matcher: every phrase of the rules (matchers, context words, post markers), the post-kind cues and
/// the gates of the gated patterns.
fn phrase_table(
    rules: &[Rule],
    kinds: &BTreeMap<String, Vec<String>>,
    patterns: &patterns::Prepared,
    many_posts: bool,
) -> anyhow::Result<PhraseTable> {
    let mut table = PhraseTableBuilder::default();
    for (i, rule) in rules.iter().enumerate() {
        let rule_id = i as u32;
        let mut add = |items: &[String], whole_word: bool, role: Role| {
            for p in items {
                let phrase = normalize_phrase(p);
                let owner = Owner::Rule { rule: rule_id, role };
                // `#MiracleCure` and `#miraclecure` write the phrase without its spaces
                if let Some(tag) = variants::squashed(&phrase) {
                    table.add(tag, whole_word, owner);
                }
                table.add(phrase, whole_word, owner);
            }
        };
        if let Matcher::Phrases(p) = &rule.matcher {
            add(p, rule.whole_word, Role::Match);
        }
        add(&rule.context.any, true, Role::ContextAny);
        add(&rule.context.none, true, Role::ContextNone);
        add(&rule.document.any, true, Role::DocumentAny);
        add(&rule.document.unless_any, true, Role::DocumentUnless);
    }
    for (k, cues) in kinds.values().enumerate() {
        for cue in cues {
            table.add(normalize_phrase(cue), true, Owner::Kind(k as u32));
        }
    }
    for (candidate, clause, literal) in patterns.gates() {
        table.add(literal.to_string(), false, Owner::Gate { candidate: candidate as u32, clause: clause as u8 });
    }
    table.build(many_posts)
}

impl Engine {
    /// Compiles the rules for a run over many posts.
    pub fn new(rules: Vec<Rule>, kinds: &BTreeMap<String, Vec<String>>, allow: Allowlist) -> anyhow::Result<Engine> {
        Engine::build(rules, kinds, allow, true)
    }

    /// Compiles the rules for a run over a few posts (a pre-commit check): phrases go through an index and patterns
    /// with a gate compile when a post contains their gate, so start-up stays off what the posts cannot match;
    /// slower per post than `new`.
    pub fn for_few_posts(
        rules: Vec<Rule>,
        kinds: &BTreeMap<String, Vec<String>>,
        allow: Allowlist,
    ) -> anyhow::Result<Engine> {
        Engine::build(rules, kinds, allow, false)
    }

    fn build(
        rules: Vec<Rule>,
        kinds: &BTreeMap<String, Vec<String>>,
        allow: Allowlist,
        many_posts: bool,
    ) -> anyhow::Result<Engine> {
        let pattern_rules = rules.iter().enumerate().filter_map(|(i, rule)| match &rule.matcher {
            Matcher::Pattern { pattern, validator } => {
                let gateable = !many_posts && rule.origin.embedded;
                Some((i as u32, pattern.as_str(), validator.as_deref(), gateable))
            }
            _ => None,
        });
        let prepared = PatternSet::prepare(pattern_rules.collect())?;
        // the set compiles (tens of milliseconds) while this thread fills and builds the phrase matcher
        let (sets, phrases) = std::thread::scope(|scope| {
            let sets = scope.spawn(|| prepared.compile_sets());
            let phrases = phrase_table(&rules, kinds, &prepared, many_posts);
            (sets.join(), phrases)
        });
        let sets = sets.map_err(|_| anyhow::anyhow!("compiling the patterns panicked"))?;
        let patterns = match sets {
            Ok(sets) => prepared.into_set(sets),
            Err(e) => match e.rule {
                Some(rule) => {
                    let rule = &rules[rule as usize];
                    let at = format!("{}:{}", rule.origin.file, rule.origin.matcher_line);
                    anyhow::bail!("{at}: rule {}: its pattern does not compile: {}", rule.id, e.message)
                }
                None => anyhow::bail!("the patterns do not compile together: {}", e.message),
            },
        };
        let kind_names: Vec<String> = kinds.keys().cloned().collect();
        let vocabulary = Vocabulary::new(&rules, kinds);
        Ok(Engine { rules, phrases: phrases?, patterns, kind_names, vocabulary, allow, normalize: true })
    }

    /// Sets the kinds and rule names that posts may use: those of the whole loaded ruleset, when the run's active
    /// rules are a selection of it.
    pub fn with_vocabulary(mut self, vocabulary: Vocabulary) -> Engine {
        self.vocabulary = vocabulary;
        self
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Switches Unicode normalisation of post text on or off (the phrase variants for digit swaps, letter spacing
    /// and hashtags stay on).
    pub fn with_normalization(mut self, on: bool) -> Engine {
        self.normalize = on;
        self
    }

    /// Phrase occurrences in the view and in its variant views, all in the view's byte offsets, without
    /// duplicates.
    fn phrase_occurrences(&self, text: &str, variants: &[variants::Collapsed]) -> anyhow::Result<Vec<Occurrence>> {
        let mut occurrences = self.phrases.scan(text)?;
        if variants.is_empty() {
            return Ok(occurrences);
        }
        for view in variants {
            occurrences.extend(self.phrases.scan(&view.text)?.into_iter().map(|o| {
                let r = view.input_range(o.start, o.end);
                Occurrence { start: r.start, end: r.end, owner: o.owner }
            }));
        }
        occurrences.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end), o.owner));
        occurrences.dedup();
        Ok(occurrences)
    }

    /// Matches of the pattern rules whose post conditions hold, in the view and its variant views. A gate that
    /// occurs in any view opens its pattern in all of them (a superset: the pattern itself decides).
    fn pattern_matches(
        &self,
        text: &str,
        variants: &[variants::Collapsed],
        opened: &[usize],
        allowed: impl Fn(usize) -> bool,
    ) -> anyhow::Result<Vec<PatternMatch>> {
        let find = |candidate: usize, text: &str, out: &mut Vec<PatternMatch>| -> anyhow::Result<()> {
            let rule = self.patterns.rule_of(candidate) as usize;
            if allowed(rule) {
                let r = &self.rules[rule];
                let at = || format!("{}:{}: rule {}", r.origin.file, r.origin.matcher_line, r.id);
                self.patterns.find(candidate, text, out).with_context(at)?;
            }
            Ok(())
        };
        let mut matches = Vec::new();
        for candidate in self.patterns.candidates(text, opened) {
            find(candidate, text, &mut matches)?;
        }
        for view in variants {
            let mut found = Vec::new();
            for candidate in self.patterns.candidates(&view.text, opened) {
                find(candidate, &view.text, &mut found)?;
            }
            matches.extend(found.into_iter().map(|m| {
                let r = view.input_range(m.start, m.end);
                PatternMatch { rule: m.rule, start: r.start, end: r.end }
            }));
        }
        if !variants.is_empty() {
            matches.sort_by_key(|m| (m.rule, m.start, m.end));
            matches.dedup();
        }
        Ok(matches)
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Runs every active rule on one post. Hits are in text order.
    pub fn check(&self, post: &Post) -> anyhow::Result<Vec<Hit>> {
        let view = if self.normalize { normalize(post.text) } else { identity(post.text) };
        let text = view.text();
        let variant_views = variants::variant_views(text);
        let occurrences = self.phrase_occurrences(text, &variant_views)?;
        let mut by_rule: Vec<RuleOccurrences> = (0..self.rules.len()).map(|_| RuleOccurrences::default()).collect();
        let mut first_kind: Option<(usize, u32)> = None;
        // for each gated pattern, the clauses of its gate that occur (one bit each)
        let mut gate_clauses: Vec<u8> = Vec::new();
        for occ in &occurrences {
            match occ.owner {
                Owner::Rule { rule, role } => by_rule[rule as usize].push(role, occ),
                Owner::Gate { candidate, clause } => {
                    gate_clauses.resize(self.patterns.len(), 0);
                    gate_clauses[candidate as usize] |= 1 << clause;
                }
                Owner::Kind(k) => {
                    if first_kind.is_none_or(|(start, _)| occ.start < start) {
                        first_kind = Some((occ.start, k));
                    }
                }
            }
        }
        let kind = post.kind.or_else(|| first_kind.map(|(_, k)| self.kind_names[k as usize].as_str()));
        let opened: Vec<usize> = (0..gate_clauses.len())
            .filter(|&c| gate_clauses[c] != 0 && gate_clauses[c].count_ones() as usize == self.patterns.clauses(c))
            .collect();
        let scope = Scope { post, view: &view, kind };

        let allowed = |rule: usize| scope.document_allows(&self.rules[rule], &by_rule[rule]);
        let pattern_matches = self.pattern_matches(text, &variant_views, &opened, allowed)?;

        let mut hits = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let occ = &by_rule[i];
            let spans: Vec<(usize, usize)> = match rule.matcher {
                Matcher::Phrases(_) => {
                    if occ.matches.is_empty() || !scope.document_allows(rule, occ) {
                        continue;
                    }
                    leftmost_longest(&occ.matches)
                }
                Matcher::Pattern { .. } => {
                    // a match in a variant view can overlap the same match in the text itself
                    let mut spans: Vec<(usize, usize)> =
                        pattern_matches.iter().filter(|m| m.rule as usize == i).map(|m| (m.start, m.end)).collect();
                    spans.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
                    leftmost_longest(&spans)
                }
                Matcher::Limit { measure, max } => {
                    if !scope.document_allows(rule, occ) {
                        continue;
                    }
                    let body = post.body_start.min(post.text.len())..post.text.len();
                    if let (_, Some(over)) = crate::text::platform::measure(measure, max, post.text, body, post.hidden)
                    {
                        // a post-wide finding: already in original bytes, no word context applies
                        hits.push(Hit { rule: i, start: over.start, end: over.end });
                    }
                    continue;
                }
            };
            self.collect_hits(i, rule, occ, &scope, spans, &mut hits);
        }
        hits.sort_by_key(|h| (h.start, h.rule));
        Ok(hits)
    }

    /// Applies a rule's match conditions, the allow-list and its per-post limits to its candidate spans.
    fn collect_hits(
        &self,
        index: usize,
        rule: &Rule,
        occ: &RuleOccurrences,
        scope: &Scope,
        spans: Vec<(usize, usize)>,
        hits: &mut Vec<Hit>,
    ) {
        let text = scope.view.text().as_bytes();
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for (s, e) in spans {
            if !context_allows(rule, occ, text, s, e) {
                continue;
            }
            let original = scope.view.original_range(s, e);
            if let Some(after) = rule.context.after_char {
                if scope.body_chars_before(original.start) < after {
                    continue;
                }
            }
            if self.allow.allows(&scope.post.text[original.clone()]) {
                continue;
            }
            kept.push((original.start, original.end));
        }
        if let Some(min) = rule.document.min_distinct {
            let distinct: HashSet<String> = kept.iter().map(|&(s, e)| scope.post.text[s..e].to_lowercase()).collect();
            if distinct.len() < min {
                return;
            }
        }
        if rule.document.once {
            kept.truncate(1);
        }
        hits.extend(kept.into_iter().map(|(start, end)| Hit { rule: index, start, end }));
    }
}

/// The phrase occurrences that one rule asked for, by role (spans in normalised bytes).
#[derive(Default)]
struct RuleOccurrences {
    matches: Vec<(usize, usize)>,
    context_any: Vec<(usize, usize)>,
    context_none: Vec<(usize, usize)>,
    document_any: bool,
    unless: Vec<usize>,
}

impl RuleOccurrences {
    fn push(&mut self, role: Role, occ: &Occurrence) {
        let span = (occ.start, occ.end);
        match role {
            Role::Match => self.matches.push(span),
            Role::ContextAny => self.context_any.push(span),
            Role::ContextNone => self.context_none.push(span),
            Role::DocumentAny => self.document_any = true,
            Role::DocumentUnless => self.unless.push(occ.start),
        }
    }
}

/// The post-wide facts that rule conditions look at.
struct Scope<'a> {
    post: &'a Post<'a>,
    view: &'a Normalized<'a>,
    kind: Option<&'a str>,
}

impl Scope<'_> {
    /// Characters of the post's body before original byte `offset`.
    fn body_chars_before(&self, offset: usize) -> usize {
        let start = self.post.body_start.min(offset);
        self.post.text[start..offset].chars().count()
    }

    /// The post-level conditions: kind, required phrases, and markers that silence the rule.
    fn document_allows(&self, rule: &Rule, occ: &RuleOccurrences) -> bool {
        let doc = &rule.document;
        if !doc.kinds.is_empty() && !self.kind.is_some_and(|k| doc.kinds.iter().any(|d| d == k)) {
            return false;
        }
        if self.kind.is_some_and(|k| doc.unless_kinds.iter().any(|d| d == k)) {
            return false;
        }
        if !doc.platforms.is_empty() && !self.post.platform.is_some_and(|p| doc.platforms.iter().any(|d| d == p)) {
            return false;
        }
        if !doc.fields.iter().all(|f| has_field(self.post.fields, f)) {
            return false;
        }
        if doc.unless_fields.iter().any(|f| has_field(self.post.fields, f)) {
            return false;
        }
        if !doc.any.is_empty() && !occ.document_any {
            return false;
        }
        let silenced = occ.unless.iter().any(|&start| match doc.unless_within {
            None => true,
            Some(limit) => {
                let original = self.view.original_range(start, start + 1).start;
                original >= self.post.body_start && self.body_chars_before(original) < limit
            }
        });
        !silenced
    }
}

/// The match conditions on the words around a match.
fn context_allows(rule: &Rule, occ: &RuleOccurrences, text: &[u8], start: usize, end: usize) -> bool {
    let ctx = &rule.context;
    if ctx.any.is_empty() && ctx.none.is_empty() {
        return true;
    }
    let lo = window::words_before(text, start, ctx.words);
    let hi = window::words_after(text, end, ctx.words);
    let (sentence_lo, sentence_hi) = window::sentence_within(text, start, end, lo, hi);
    // `any` looks across sentences unless the rule keeps it to its sentence (a patient named in the sentence before
    // makes a date in this one theirs); `none` never does: a patient word in the next sentence does not make a phone
    // number in this one the practice's, nor does a staff word on the next line make a name here a staff name.
    let any_window = if ctx.sentence { (lo.max(sentence_lo), hi.min(sentence_hi)) } else { (lo, hi) };
    let none_window = (lo.max(sentence_lo), hi.min(sentence_hi));
    let inside = |(lo, hi): (usize, usize)| move |&(s, e): &(usize, usize)| s >= lo && e <= hi;
    if !ctx.any.is_empty() && !occ.context_any.iter().any(inside(any_window)) {
        return false;
    }
    !occ.context_none.iter().any(inside(none_window))
}
