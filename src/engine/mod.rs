//! Matching: the compiled form of the active rules, and the check of one post against them.
//! Everything here is built once per run and shared by the scanning threads, except what compiles on first use: a
//! gated pattern the first time a post opens its gate, and, in a run over a few posts, a small phrase automaton of
//! the phrases a post allows.

// the engine uses the gates and byte classes build.rs worked out with these modules; their tests check them
#[cfg(test)]
mod gate;
#[cfg(test)]
mod prefilter;

mod fuzzy;
mod hashtags;
mod pairs;
mod patterns;
mod phrases;
mod tokens;

/// A post is what `check` hands the engine; its type lives with the matchers that read it.
pub use crate::matching::Post;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use anyhow::Context as _;

use crate::allow::Allowlist;
use crate::matching::frame::{FrameMatch, LexiconScan, PolarityLexicons};
use crate::matching::lexicon::{self, Lexicon, Lookup};
use crate::matching::yields::{Span, Yields};
use crate::matching::{Found, PatternMatch, RuleScan, Scope};
use crate::policy::Vocabulary;
use crate::rules::{list_ref, Rule, SharedWords};
use crate::text::normalize::{identity, normalize};
use crate::text::variants;
use fuzzy::NearMisses;
use hashtags::HashtagWords;
use patterns::{Compile, PatternSet, Scanned};
use phrases::{Bounds, FxHasher, Occurrence, Owner, PhraseTable, PhraseTableBuilder, Role};
use tokens::TokenTable;

/// A rule that matched: bytes `start..end` of the post's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// For a frame rule: which structure matched and the filler of each of its slots.
    pub fills: Option<Fills>,
}

/// The words that filled a frame's slots, in the post's bytes (one range a slot, in slot order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fills {
    pub structure: usize,
    pub spans: Vec<std::ops::Range<usize>>,
}

/// The active rules, compiled.
pub struct Engine {
    rules: Vec<Rule>,
    phrases: PhraseTable,
    patterns: PatternSet,
    kind_names: Vec<String>,
    /// How many lexicons the ruleset has (hits are kept by index), or 0 when no active rule reads one.
    lexicon_count: usize,
    /// The lexicons that give clauses their polarity and the shapes their cues.
    roles: PolarityLexicons,
    /// The lexicons looked up word by word.
    tokens: TokenTable,
    /// The pieces hashtags split into (`hashtags = true` lexicons) and the near-miss index (`fuzzy = true`).
    hashtags: HashtagWords,
    near: NearMisses,
    /// Kinds and rule names posts may use (by default those of the active rules).
    vocabulary: Vocabulary,
    allow: Allowlist,
    /// Unicode normalisation of post text before matching (on by default).
    normalize: bool,
    /// The rules that stay silent where a sibling matched (`[rules.context] yields_to`).
    yields: Yields,
}

/// Normalises a phrase from a ruleset the same way post text is normalised, so the two meet.
fn normalize_phrase(phrase: &str) -> String {
    normalize(phrase.trim()).text().to_string()
}

/// The phrase matcher: every phrase of the rules (matchers, context words, post markers), the forms of the lexicons
/// that frames read, the post-kind cues and the gates of the gated patterns.
/// Phrases already in the table, by (phrase as written, whole word): their ids as a hashtag and as written.
type Interned<'r> = HashMap<(&'r str, bool), [Option<u32>; 2], BuildHasherDefault<FxHasher>>;

/// Normalises a rule's phrase and adds it and its hashtag form to the table, once.
fn intern<'r>(
    table: &mut PhraseTableBuilder,
    interned: &mut Interned<'r>,
    p: &'r str,
    whole: bool,
) -> [Option<u32>; 2] {
    *interned.entry((p, whole)).or_insert_with(|| {
        let phrase = normalize_phrase(p);
        // `#MiracleCure` and `#miraclecure` write the phrase without its spaces
        let tag = variants::squashed(&phrase).and_then(|tag| table.intern(tag, Bounds::whole(whole)));
        [tag, table.intern(phrase, Bounds::whole(whole))]
    })
}

fn phrase_table(
    rules: &[Rule],
    words: SharedWords,
    lexicons: &[(u32, &Lexicon)],
    patterns: &patterns::Prepared,
    many_posts: bool,
) -> anyhow::Result<PhraseTable> {
    let in_automaton = || lexicons.iter().filter(|(_, l)| l.lookup == Lookup::Automaton);
    // room for each form and its hashtag form, and as many phrases of the rules (the default rules have about half
    // as many: most of their conditions name lexicons), so that neither map grows step by step, rehashing each time
    let forms: usize = in_automaton().map(|(_, l)| l.forms.len()).sum();
    let mut table = PhraseTableBuilder::with_capacity(2 * forms);
    for &(id, lexicon) in in_automaton() {
        for form in &lexicon.forms {
            let phrase = normalize_phrase(form);
            let owner = if lexicon::capitals_only(&phrase) { Owner::LexiconCapitals(id) } else { Owner::Lexicon(id) };
            if let Some(tag) = variants::squashed(&phrase) {
                table.add(tag, Bounds::whole(true), owner);
            }
            table.add(phrase, Bounds::whole(true), owner);
        }
    }
    // the rules share lists (a family's consent or staff words in every rule's conditions): each distinct phrase is
    // normalised and interned once, with its hashtag form, and each list once, and then only owned by each rule that
    // lists it
    let mut interned: Interned = HashMap::with_capacity_and_hasher(forms, BuildHasherDefault::default());
    let mut by_list: HashMap<(&str, bool), Vec<u32>, BuildHasherDefault<FxHasher>> = HashMap::default();
    for (i, rule) in rules.iter().enumerate() {
        // the matcher's phrases are expanded when the ruleset resolves (a list item that reads `@cdcgov` is then a
        // phrase); the conditions' `@list` items are references (see `Ruleset::resolve`)
        let lists: [(&[String], bool, Role, bool); 5] = [
            (rule.matcher.phrases(), rule.whole_word, Role::Match, false),
            (&rule.context.any, true, Role::ContextAny, true),
            (&rule.context.none, true, Role::ContextNone, true),
            (&rule.document.any, true, Role::DocumentAny, true),
            (&rule.document.unless_any, true, Role::DocumentUnless, true),
        ];
        for (items, whole_word, role, refs) in lists {
            let owner = Owner::Rule { rule: i as u32, role };
            for p in items {
                let Some(name) = list_ref(p).filter(|_| refs) else {
                    for id in intern(&mut table, &mut interned, p, whole_word).into_iter().flatten() {
                        table.own(id, owner);
                    }
                    continue;
                };
                let ids = by_list.entry((name, whole_word)).or_insert_with(|| {
                    let items = words.items(name).unwrap_or_default();
                    items.iter().flat_map(|p| intern(&mut table, &mut interned, p, whole_word)).flatten().collect()
                });
                for &id in ids.iter() {
                    table.own(id, owner);
                }
            }
        }
    }
    for (k, cues) in words.kinds.values().enumerate() {
        for cue in cues {
            table.add(normalize_phrase(cue), Bounds::whole(true), Owner::Kind(k as u32));
        }
    }
    for (candidate, clause, literal, [left, right]) in patterns.gates() {
        let owner = Owner::Gate { candidate: candidate as u32, clause: clause as u8 };
        table.add(literal.to_string(), Bounds { left, right }, owner);
    }
    table.build(many_posts)
}

impl Engine {
    /// Compiles the rules for a run over many posts.
    pub fn new(rules: Vec<Rule>, words: SharedWords, allow: Allowlist) -> anyhow::Result<Engine> {
        Engine::build(rules, words, allow, true)
    }

    /// Compiles the rules for a run over a few posts (a pre-commit check): phrases go through an index, so start-up
    /// stays off what the posts cannot match; slower per post than `new`.
    pub fn for_few_posts(rules: Vec<Rule>, words: SharedWords, allow: Allowlist) -> anyhow::Result<Engine> {
        Engine::build(rules, words, allow, false)
    }

    fn build(rules: Vec<Rule>, words: SharedWords, allow: Allowlist, many_posts: bool) -> anyhow::Result<Engine> {
        let SharedWords { kinds, lexicons, .. } = words;
        let id_of = |name: &str| lexicons.keys().position(|k| k == name).map(|i| i as u32);
        let roles = PolarityLexicons::new(id_of);
        // the lexicons the active rules read, and the polarity lexicons when any does
        let all: Vec<&Lexicon> = lexicons.values().collect();
        let mut used: Vec<u32> =
            rules.iter().flat_map(|r| [r.matcher.lexicons(), r.document.lexicons()]).flatten().collect();
        if !used.is_empty() {
            used.extend(PolarityLexicons::NAMES.iter().filter_map(|n| id_of(n)));
        }
        // a near miss is never a word that a lexicon of real words names
        if used.iter().any(|&id| all[id as usize].fuzzy) {
            used.extend(id_of(fuzzy::REAL_WORD));
        }
        used.sort_unstable();
        used.dedup();
        let lexicon_count = if used.is_empty() { 0 } else { lexicons.len() };
        let used: Vec<(u32, &Lexicon)> = used.into_iter().map(|id| (id, all[id as usize])).collect();
        let by_token: Vec<(u32, &Lexicon)> = used.iter().copied().filter(|(_, l)| l.lookup == Lookup::Token).collect();
        // every opted-in lexicon lends its words to the split of a tag (a list of common words that no rule reads
        // too), once any lexicon the rules read opts in
        let every: Vec<(u32, &Lexicon)> = if used.iter().any(|(_, l)| l.hashtags) {
            all.iter().enumerate().map(|(i, l)| (i as u32, *l)).collect()
        } else {
            Vec::new()
        };
        let pattern_rules = rules.iter().enumerate().filter_map(|(i, rule)| {
            let (pattern, validator) = rule.matcher.pattern()?;
            // a default pattern runs behind its gate or byte classes, in every run: in one set with the rest, the
            // alternations of hundreds of words kept the set's lazy DFA building states for every new post (on
            // varied text, 2,000 posts took 5.2 s of CPU instead of 0.7 s)
            Some((i as u32, pattern, validator, rule.origin.embedded))
        });
        let how = if many_posts { Compile::ForManyPosts } else { Compile::Lean };
        let prepared = PatternSet::prepare(pattern_rules.collect(), how)?;
        // the patterns that every post runs compile (ten milliseconds and more), and so does the set of a ruleset
        // file's patterns, and then the word-by-word tables, while this thread fills and builds the phrase matcher,
        // which takes longer than all of them (callgrind, one post: 68M instructions against 25M and 15M)
        let (side, phrases) = std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                let sets = prepared.compile_sets();
                let tables = WordTables {
                    tokens: TokenTable::new(&by_token, normalize_phrase),
                    hashtags: HashtagWords::new(&every),
                    near: NearMisses::new(&used),
                };
                (sets, tables)
            });
            let phrases = phrase_table(&rules, words, &used, &prepared, many_posts);
            prepared.compile_direct();
            (side.join(), phrases)
        });
        let (sets, WordTables { tokens, hashtags, near }) =
            side.map_err(|_| anyhow::anyhow!("compiling the patterns panicked"))?;
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
        let yields = Yields::new(
            rules.iter().map(|r| (r.id.as_str(), r.aliases.ids.as_slice(), r.context.yields_to.as_slice())),
        );
        Ok(Engine {
            rules,
            phrases: phrases?,
            patterns,
            kind_names,
            lexicon_count,
            roles,
            tokens,
            hashtags,
            near,
            vocabulary,
            allow,
            normalize: true,
            yields,
        })
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
        let candidates = |scanned: &Scanned| -> Vec<usize> {
            let mut candidates = self.patterns.candidates(scanned, opened);
            candidates.retain(|&c| allowed(self.patterns.rule_of(c) as usize));
            self.patterns.compile_ahead(&candidates);
            candidates
        };
        let find = |candidate: usize, scanned: &Scanned, out: &mut Vec<PatternMatch>| -> anyhow::Result<()> {
            let r = &self.rules[self.patterns.rule_of(candidate) as usize];
            let at = || format!("{}:{}: rule {}", r.origin.file, r.origin.matcher_line, r.id);
            self.patterns.find(candidate, scanned, out).with_context(at)
        };
        let mut matches = Vec::new();
        let scanned = self.patterns.scan(text);
        for candidate in candidates(&scanned) {
            find(candidate, &scanned, &mut matches)?;
        }
        for view in variants {
            let mut found = Vec::new();
            let scanned = self.patterns.scan(&view.text);
            for candidate in candidates(&scanned) {
                find(candidate, &scanned, &mut found)?;
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
        let mut lexicon_hits: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.lexicon_count];
        for occ in &occurrences {
            match occ.owner {
                Owner::Rule { rule, role } => by_rule[rule as usize].push(role, occ),
                Owner::Lexicon(id) if !in_address(text, occ.start, occ.end) => {
                    lexicon_hits[id as usize].push((occ.start, occ.end))
                }
                Owner::LexiconCapitals(id) if !in_address(text, occ.start, occ.end) => {
                    if lexicon::capitals_only(&text[occ.start..occ.end]) {
                        lexicon_hits[id as usize].push((occ.start, occ.end));
                    }
                }
                Owner::Lexicon(_) | Owner::LexiconCapitals(_) => {}
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
        // the token lexicons and the frames' layout read the same words: split the text once
        let by_word = !(self.tokens.is_empty() && self.hashtags.is_empty() && self.near.is_empty());
        let words = by_word.then(|| crate::matching::frame::words(text));
        if let Some(words) = &words {
            let mut found = Vec::new();
            self.tokens.scan(text, words, |id, start, end| found.push((id, start, end)));
            self.hashtags.scan(text, words, |id, start, end| found.push((id, start, end)));
            add_hits(text, &mut found, &mut lexicon_hits);
            // a near miss is looked for once every other hit is known: a word that is a form is no typo
            if !self.near.is_empty() {
                let known: HashSet<(usize, usize)> = lexicon_hits.iter().flatten().copied().collect();
                self.near.scan(text, words, |s, e| known.contains(&(s, e)), |id, s, e| found.push((id, s, e)));
                add_hits(text, &mut found, &mut lexicon_hits);
            }
        }
        // longest first at each start: a slot takes "cancer cells" over "cancer", "COVID-19" over "COVID"
        for hits in &mut lexicon_hits {
            hits.sort_unstable_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
            hits.dedup();
        }
        let lexicons = LexiconScan::new(text, lexicon_hits, &self.roles, words);

        let allowed = |rule: usize| by_rule[rule].document_allows(&self.rules[rule], &scope, &lexicons);
        let pattern_matches = self.pattern_matches(text, &variant_views, &opened, allowed)?;

        let mut hits = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let occ = &by_rule[i];
            let scan =
                RuleScan { rule: i, phrases: &occ.matches, patterns: &pattern_matches, lexicons: &lexicons, post };
            match rule.matcher.find(&scan, || occ.document_allows(rule, &scope, &lexicons)) {
                None => {}
                Some(Found::Spans(spans)) => {
                    let spans = spans.into_iter().map(|span| (span, None)).collect();
                    self.collect_hits(i, rule, occ, &scope, spans, &mut hits)
                }
                Some(Found::Frames(frames)) => {
                    let spans = frames.into_iter().map(|f| ((f.start, f.end), Some(f))).collect();
                    self.collect_hits(i, rule, occ, &scope, spans, &mut hits)
                }
                Some(Found::PostWide(over)) => {
                    hits.push(Hit { rule: i, start: over.start, end: over.end, fills: None })
                }
            }
        }
        if !self.yields.is_empty() {
            let spans: Vec<Span> = hits.iter().map(|h| Span { rule: h.rule, start: h.start, end: h.end }).collect();
            let mut keep = self.yields.keep(post.text.as_bytes(), &spans).into_iter();
            hits.retain(|_| keep.next().unwrap_or(true));
        }
        hits.sort_by_key(|h| (h.start, h.rule));
        Ok(hits)
    }

    /// Applies a rule's match conditions, the allow-list and its per-post limits to its candidate spans (with the
    /// frame match each comes from, for a frame rule).
    fn collect_hits(
        &self,
        index: usize,
        rule: &Rule,
        occ: &RuleOccurrences,
        scope: &Scope,
        spans: Vec<((usize, usize), Option<FrameMatch>)>,
        hits: &mut Vec<Hit>,
    ) {
        let text = scope.view.text().as_bytes();
        let mut kept: Vec<Hit> = Vec::new();
        // `none_by_text`: per distinct matched text, its occurrences with a `none` phrase near them
        let mut recurrences: HashMap<&[u8], Vec<usize>> = HashMap::new();
        for ((s, e), frame) in spans {
            if !rule.context.allows(&occ.context_any, &occ.context_none, text, s, e) {
                continue;
            }
            if rule.context.none_by_text.is_some() {
                let near_none = recurrences
                    .entry(&text[s..e])
                    .or_insert_with(|| rule.context.recurrences_with_none(&occ.context_none, text, &text[s..e]));
                if near_none.iter().any(|&other| other != s) {
                    continue;
                }
            }
            let original = scope.view.original_range(s, e);
            if let Some(after) = rule.context.after_char {
                if scope.body_chars_before(original.start) < after {
                    continue;
                }
            }
            // the allow-list names the practice's own identifiers, which are not PHI (a rule may opt out: `allowlist`)
            if rule.allowlist && self.allow.allows(&scope.post.text[original.clone()]) {
                continue;
            }
            let fills = frame.map(|f| Fills {
                structure: f.structure,
                spans: f.fills.iter().map(|&(s, e)| scope.view.original_range(s, e)).collect(),
            });
            kept.push(Hit { rule: index, start: original.start, end: original.end, fills });
        }
        if let Some(min) = rule.document.min_distinct {
            let distinct: HashSet<String> =
                kept.iter().map(|h| scope.post.text[h.start..h.end].to_lowercase()).collect();
            if distinct.len() < min {
                return;
            }
        }
        if rule.document.once {
            kept.truncate(1);
        }
        hits.extend(kept);
    }
}

/// Random regexes over `leaves` (concatenations, alternations, counted and open repetitions), for the property tests
/// of the build-time analyses (`gate`, `prefilter`).
#[cfg(test)]
fn regex_strategy(leaves: &'static [&'static str]) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let leaf = proptest::sample::select(leaves).prop_map(str::to_string);
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(|parts| parts.concat()),
            proptest::collection::vec(inner.clone(), 1..4).prop_map(|parts| format!("(?:{})", parts.join("|"))),
            (inner.clone(), 0..3u32, 0..2u32).prop_map(|(p, min, extra)| format!("(?:{p}){{{min},{}}}", min + extra)),
            inner.prop_map(|p| format!("(?:{p})+")),
        ]
    })
}

/// The lexicons looked up word by word: by token, inside hashtags and by near miss.
struct WordTables {
    tokens: TokenTable,
    hashtags: HashtagWords,
    near: NearMisses,
}

/// Moves the hits of the word-by-word lookups to their lexicons, but for words against an `@`.
fn add_hits(text: &str, found: &mut Vec<(u32, usize, usize)>, hits: &mut [Vec<(usize, usize)>]) {
    for (id, start, end) in found.drain(..).filter(|&(_, s, e)| !in_address(text, s, e)) {
        hits[id as usize].push((start, end));
    }
}

/// Whether a word stands against an `@`: part of an e-mail address or a handle (`smile@clinic.example`,
/// `@smile`), not a word of the sentence, for a frame's slots. (A `$handle` slot finds handles itself.)
fn in_address(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    start.checked_sub(1).is_some_and(|i| bytes[i] == b'@') || bytes.get(end) == Some(&b'@')
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

    /// Whether the rule's post conditions (see `matching::document`) hold.
    fn document_allows(&self, rule: &Rule, scope: &Scope, lexicons: &LexiconScan) -> bool {
        rule.document.allows(scope, self.document_any, &self.unless, lexicons)
    }
}
