//! A post's layout for frames, worked out once per post and only when a frame needs it: its words, sentences and
//! clauses, and the polarity of each clause (negated, a question, a myth being refuted...). Polarity comes from the
//! polarity lexicons of the ruleset, so the cue words are data like every other word list.

use std::cell::OnceCell;

use super::shapes::{self, Shape};
use crate::matching::window::sentence_end;
use super::{FrameMatch, Structure, Unit};
use marks::{mark_negated_lists, mark_quoted, quotations};

mod marks;

/// The lexicons the layout reads, by index among the ruleset's lexicons (`None` when it has none of that name).
#[derive(Clone, Debug, Default)]
pub struct PolarityLexicons {
    pub negation: Option<u32>,
    pub myth: Option<u32>,
    pub reported: Option<u32>,
    pub conditional: Option<u32>,
    pub answer_no: Option<u32>,
    pub rhetorical: Option<u32>,
    pub greeting: Option<u32>,
    pub title: Option<u32>,
    /// First names: a vocative that opens a line (`Denise, thank you ...`) must be one.
    pub first_name: Option<u32>,
    pub standard_care: Option<u32>,
    pub fact: Option<u32>,
    /// Negations that deny nothing the clause says: "don't realize", "doesn't want you to know" stress the claim.
    pub negation_void: Option<u32>,
}

impl PolarityLexicons {
    /// The lexicon names the layout reads.
    pub const NAMES: [&'static str; 12] = [
        "negation",
        "myth",
        "reported",
        "conditional",
        "answer-no",
        "rhetorical",
        "greeting",
        "title",
        "first_name",
        "standard-care",
        "fact",
        "negation-void",
    ];

    /// Looks each name up with `id_of`.
    pub fn new(id_of: impl Fn(&str) -> Option<u32>) -> PolarityLexicons {
        let [negation, myth, reported, conditional, answer_no, rhetorical, greeting, title, first_name, standard_care, fact, negation_void] =
            Self::NAMES.map(id_of);
        PolarityLexicons {
            negation,
            myth,
            reported,
            conditional,
            answer_no,
            rhetorical,
            greeting,
            title,
            first_name,
            standard_care,
            fact,
            negation_void,
        }
    }
}

/// A reason why a clause does not assert what its words say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    /// A negation in the clause ("no pill cures diabetes").
    Negation,
    /// The sentence is a question ("Can zinc cure a cold?"), unless a rhetorical cue makes it a claim ("Did you
    /// know zinc cures colds?").
    Question,
    /// The sentence is a question and the next one answers no ("Does silver treat infections? No.").
    AnsweredNo,
    /// The sentence names a myth, follows a short "Myth:" heading, or comes right before a line that opens with
    /// "Fact:" (a claim/fact pair).
    Myth,
    /// The clause or an earlier one in its sentence reports what others say ("some people say ...").
    Reported,
    /// The clause is a condition ("if it cured colds, ...").
    Conditional,
    /// The clause names standard, evidence-based care before the match ends (the sentence, for a frame without an
    /// `agent` or `product` slot) ("the shingles vaccine lowers your risk
    /// of nerve pain", "surgery cures many early skin cancers"): an accurate statement of care, not a product's
    /// claim. Care named after the claim is what the product replaces ("our blend lowers A1c and insulin needs").
    StandardCare,
    /// The clause opens inside double quotes of three words or more: a claim quoted in order to answer it ("\"Mammograms spread cancer.\" We hear this a lot ..."), a heading's wording, not the post's own voice.
    /// So is a match that lies inside such quotes mid-sentence ("the \"tallow balm cures eczema\" videos"), or inside
    /// two quoted words after a naming verb or in a reported sentence ("a post that called it \"nature's Prozac\"").
    Quoted,
}

impl Polarity {
    pub const ALL: [Polarity; 8] = [
        Polarity::Negation,
        Polarity::Question,
        Polarity::AnsweredNo,
        Polarity::Myth,
        Polarity::Reported,
        Polarity::Conditional,
        Polarity::StandardCare,
        Polarity::Quoted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Polarity::Negation => "negation",
            Polarity::Question => "question",
            Polarity::AnsweredNo => "answered-no",
            Polarity::Myth => "myth",
            Polarity::Reported => "reported",
            Polarity::Conditional => "conditional",
            Polarity::StandardCare => "standard-care",
            Polarity::Quoted => "quoted",
        }
    }

    pub fn parse(name: &str) -> Option<Polarity> {
        Polarity::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The lexicon this condition needs (a question needs none: its cue is the question mark).
    pub fn lexicon(self) -> Option<&'static str> {
        match self {
            Polarity::Negation => Some("negation"),
            Polarity::Question => None,
            Polarity::AnsweredNo => Some("answer-no"),
            Polarity::Myth => Some("myth"),
            Polarity::Reported => Some("reported"),
            Polarity::Conditional => Some("conditional"),
            Polarity::StandardCare => Some("standard-care"),
            Polarity::Quoted => None,
        }
    }

    /// For `explain`: "negated", "a question", ...
    pub fn describe(self) -> &'static str {
        match self {
            Polarity::Negation => "negated",
            Polarity::Question => "a question",
            Polarity::AnsweredNo => "a question answered no",
            Polarity::Myth => "about a myth",
            Polarity::Reported => "reported speech",
            Polarity::Conditional => "a condition",
            Polarity::StandardCare => "about standard care",
            Polarity::Quoted => "in quotes",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The lexicon hits of one post (normalised-text bytes), by lexicon, and its layout once asked for.
pub struct LexiconScan<'a> {
    text: &'a str,
    hits: Vec<Vec<(usize, usize)>>,
    roles: &'a PolarityLexicons,
    /// The text's words, when the token lexicons split it already: the layout reuses them.
    words: Option<Vec<(usize, usize)>>,
    layout: OnceCell<Layout>,
}

impl<'a> LexiconScan<'a> {
    /// `hits[i]`: the occurrences of lexicon `i`, sorted by start, the longest first at each start.
    /// `words`: those of `text` as `shapes::words` splits them, if the caller has them.
    pub fn new(text: &'a str, hits: Vec<Vec<(usize, usize)>>, roles: &'a PolarityLexicons, words: Option<Vec<(usize, usize)>>) -> LexiconScan<'a> {
        LexiconScan { text, hits, roles, words, layout: OnceCell::new() }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn hits(&self, lexicon: u32) -> &[(usize, usize)] {
        self.hits.get(lexicon as usize).map_or(&[], Vec::as_slice)
    }

    fn role_hits(&self, role: Option<u32>) -> &[(usize, usize)] {
        role.map_or(&[], |id| self.hits(id))
    }

    pub fn roles(&self) -> &PolarityLexicons {
        self.roles
    }

    pub fn layout(&self) -> &Layout {
        self.layout.get_or_init(|| Layout::new(self))
    }
}

/// One clause: where it ends, its sentence and its polarity bits (clauses are in order, so the end is enough).
#[derive(Clone, Copy, Debug)]
struct Clause {
    end: usize,
    sentence: usize,
    polarity: u8,
    /// Where reported speech starts in this clause (0 when an earlier clause of the sentence reported it): what
    /// comes before the cue is the post's own voice ("radiation that causes the cancer they claim to find").
    reported_at: usize,
}

/// Words, sentences and clauses of one post.
pub struct Layout {
    /// Words (and `@handle`s, `#tags`, numbers), in order.
    pub(super) words: Vec<(usize, usize)>,
    sentences: Vec<(usize, usize)>,
    clauses: Vec<Clause>,
    /// Where the standard-care cues start: that polarity depends on where the cue is, not only on its clause.
    care: Vec<usize>,
    /// The insides of quotations that a match lying wholly within is someone else's words.
    quotations: Vec<(usize, usize)>,
}

/// Words that start a new clause inside a sentence ("where" a relative one: "kills bacteria where antibiotics can't").
const CLAUSE_WORDS: &[&str] = &["but", "however", "although", "though", "whereas", "yet", "where"];

/// Subjects after which "so" opens a clause of its own, a result ("... reverses infertility so you might not need
/// IVF"): a negation there is about what the claim spares, not a denial of it. "So" before anything else ("so many",
/// "so glad") does not split.
const SO_SUBJECTS: &[&str] = &["you", "your", "we", "they", "that", "there", "nobody", "no"];

impl Layout {
    fn new(scan: &LexiconScan) -> Layout {
        let text = scan.text;
        let words = scan.words.clone().unwrap_or_else(|| shapes::words(text));
        let sentences = split_sentences(text);
        let mut clauses = split_clauses(text, &words, &sentences);
        mark_polarity(scan, &sentences, &mut clauses, &words);
        let care = scan.role_hits(scan.roles.standard_care).iter().map(|h| h.0).collect();
        let quotations = quotations(scan, &words, &sentences);
        Layout { words, sentences, clauses, care, quotations }
    }

    /// Index of the first word that starts at or after `offset`.
    fn word_at(&self, offset: usize) -> usize {
        self.words.partition_point(|&(s, _)| s < offset)
    }

    /// Words strictly between two spans, whichever comes first.
    fn words_between(&self, a: (usize, usize), b: (usize, usize)) -> usize {
        let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
        let from = self.word_at(first.1);
        let to = self.word_at(second.0);
        to.saturating_sub(from)
    }

    fn clause_of(&self, offset: usize) -> usize {
        self.clauses.partition_point(|c| c.end <= offset).min(self.clauses.len().saturating_sub(1))
    }

    /// The unit (clause or sentence index; 0 for the post) that contains `offset`.
    fn unit_of(&self, offset: usize, unit: Unit) -> usize {
        match unit {
            Unit::Post => 0,
            Unit::Clause => self.clause_of(offset),
            Unit::Sentence => self.clauses.get(self.clause_of(offset)).map_or(0, |c| c.sentence),
        }
    }

    /// The polarity bits of every clause that `start..end` touches.
    /// Reported speech whose cue comes after `end` in its clause does not count.
    fn polarity(&self, start: usize, end: usize) -> u8 {
        let (first, last) = (self.clause_of(start), self.clause_of(end.saturating_sub(1).max(start)));
        let own = |c: &Clause| if c.reported_at >= end { c.polarity & !Polarity::Reported.bit() } else { c.polarity };
        let bits = self.clauses.get(first..=last).map_or(0, |cs| cs.iter().fold(0, |bits, c| bits | own(c)));
        let quoted = self.quotations.iter().any(|&(open, close)| open < start && end <= close);
        bits | if quoted { Polarity::Quoted.bit() } else { 0 }
    }

    /// Whether a standard-care cue starts before `end` in the clause of `start`, or, for a frame without an agent
    /// slot (its subject is whatever the sentence names: "What MMR does: protect your kids from measles"), anywhere
    /// earlier in its sentence. A frame's own agent in another clause is not excused by care named before it
    /// ("Forget the vaccine: our drip prevents flu").
    fn care_before(&self, start: usize, end: usize, whole_sentence: bool) -> bool {
        let mut first = self.clause_of(start);
        if whole_sentence {
            let sentence = self.clauses.get(first).map_or(0, |c| c.sentence);
            first = self.clauses.partition_point(|c| c.sentence < sentence);
        }
        let from = if first == 0 { 0 } else { self.clauses[first - 1].end };
        let own = self.clause_of(start);
        // care named in a negated clause before is what the claim does without ("No surgery, 100% see results")
        let subject = |c: usize| {
            let k = self.clause_of(c);
            k >= own || self.clauses[k].polarity & Polarity::Negation.bit() == 0
        };
        let at = self.care.partition_point(|&c| c < from);
        self.care[at..].iter().take_while(|&&c| c < end).any(|&c| subject(c))
    }

    /// Spans of a built-in shape in this post.
    pub fn shapes(&self, shape: Shape, scan: &LexiconScan) -> Vec<(usize, usize)> {
        shapes::find(shape, scan, &self.words, &self.sentences)
    }

    /// The frame's matches, given each slot's candidate fillers (by start, the longest first at each start): leftmost
    /// first, not overlapping.
    pub fn frames(&self, candidates: &[Vec<(usize, usize)>], frame: &Structure) -> Vec<FrameMatch> {
        let unless = frame.unless.iter().fold(0u8, |bits, p| bits | p.bit());
        let mut out: Vec<FrameMatch> = Vec::new();
        for &anchor in &candidates[0] {
            if out.last().is_some_and(|m| anchor.0 < m.end) {
                continue;
            }
            let fills = if frame.ordered {
                self.fill_in_order(anchor, &candidates[1..], frame)
            } else {
                self.fill_around(anchor, &candidates[1..], frame)
            };
            let Some(fills) = fills else { continue };
            let start = fills.iter().map(|f| f.0).min().unwrap_or(anchor.0);
            let end = fills.iter().map(|f| f.1).max().unwrap_or(anchor.1);
            // in any order a filler can come before the anchor: matches still never overlap
            if out.last().is_some_and(|m| start < m.end) || self.polarity(start, end) & unless != 0 {
                continue;
            }
            let agentless = !frame.slots.iter().any(|s| matches!(s.name.as_str(), "agent" | "product"));
            // care named inside the target is part of its name ("reverse insulin resistance"), not the subject
            let target = fills.last().map_or(end, |f| f.0.max(start + 1));
            if unless & Polarity::StandardCare.bit() != 0 && self.care_before(start, target, agentless) {
                continue;
            }
            out.push(FrameMatch { start, end, structure: 0, fills });
        }
        out
    }

    /// Each next slot's earliest filler after the previous one, at most its gap of words on, in the anchor's unit.
    fn fill_in_order(
        &self,
        anchor: (usize, usize),
        rest: &[Vec<(usize, usize)>],
        frame: &Structure,
    ) -> Option<Vec<(usize, usize)>> {
        let unit = self.unit_of(anchor.0, frame.scope);
        let mut fills = vec![anchor];
        self.fill_rest(&mut fills, rest, &frame.gaps, frame.scope, unit).then_some(fills)
    }

    /// Fills the remaining slots after `fills`, earliest filler first; when a later slot cannot be filled, the next
    /// filler of the earlier slot within its gap is tried ("our drip stops the attack and prevents migraines": the
    /// first verb has no disease after it, the second has).
    fn fill_rest(
        &self,
        fills: &mut Vec<(usize, usize)>,
        rest: &[Vec<(usize, usize)>],
        gaps: &[usize],
        scope: Unit,
        unit: usize,
    ) -> bool {
        let (Some(slot), Some(&gap), Some(&prev)) = (rest.first(), gaps.first(), fills.last()) else { return true };
        for &next in &slot[slot.partition_point(|&(s, _)| s < prev.1)..] {
            if self.words_between(prev, next) > gap || self.unit_of(next.1 - 1, scope) != unit {
                break;
            }
            fills.push(next);
            if self.fill_rest(fills, &rest[1..], &gaps[1..], scope, unit) {
                return true;
            }
            fills.pop();
        }
        false
    }

    /// Each other slot's nearest filler to the anchor, on either side, at most its gap of words away, in the anchor's
    /// unit, overlapping no other filler.
    fn fill_around(
        &self,
        anchor: (usize, usize),
        rest: &[Vec<(usize, usize)>],
        frame: &Structure,
    ) -> Option<Vec<(usize, usize)>> {
        let unit = self.unit_of(anchor.0, frame.scope);
        let mut fills = vec![anchor];
        for (slot, &gap) in rest.iter().zip(&frame.gaps) {
            let free = |c: &(usize, usize)| fills.iter().all(|f| c.1 <= f.0 || f.1 <= c.0);
            // only the fillers within the gap can qualify: look at the words around the anchor, not the whole post
            let first_word = self.word_at(anchor.0).saturating_sub(gap + 1);
            let last_word = self.word_at(anchor.1) + gap + 1;
            let from = self.words.get(first_word).map_or(usize::MAX, |w| w.0);
            let to = self.words.get(last_word).map_or(usize::MAX, |w| w.1);
            let near = &slot[slot.partition_point(|c| c.0 < from)..];
            let best = near
                .iter()
                .take_while(|c| c.0 <= to)
                .filter(|c| free(c) && self.unit_of(c.0, frame.scope) == unit)
                .map(|&c| (self.words_between(anchor, c), c))
                .filter(|&(d, _)| d <= gap)
                .min()?;
            fills.push(best.1);
        }
        Some(fills)
    }
}

/// Sentences, split where `window::sentence_end` says one ends (the rule context windows use too, but here a
/// sentence may end inside closing quotes).
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match sentence_end(bytes, i, true) {
            Some(end) => {
                if !text[start..end].trim().is_empty() {
                    out.push((start, end));
                }
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// Clauses: a sentence splits at `,`, `;`, `:`, dashes and brackets, and before `but`, `however`, ...
fn split_clauses(text: &str, words: &[(usize, usize)], sentences: &[(usize, usize)]) -> Vec<Clause> {
    let mut out = Vec::new();
    for (k, &(s, e)) in sentences.iter().enumerate() {
        let mut start = s;
        let cut = |at: usize, out: &mut Vec<Clause>, start: &mut usize| {
            if at > *start {
                out.push(Clause { end: at, sentence: k, polarity: 0, reported_at: 0 });
                *start = at;
            }
        };
        let first = words.partition_point(|&(ws, _)| ws < s);
        let mut next_word = first;
        for (i, c) in text[s..e].char_indices() {
            let at = s + i;
            while next_word < words.len() && words[next_word].0 < at {
                next_word += 1;
            }
            if next_word < words.len() && words[next_word].0 == at && next_word > first {
                let (ws, we) = words[next_word];
                let word = &text[ws..we];
                let result_so = word.eq_ignore_ascii_case("so")
                    && words.get(next_word + 1).is_some_and(|&(ns, ne)| {
                        ns < e && SO_SUBJECTS.iter().any(|w| w.eq_ignore_ascii_case(&text[ns..ne]))
                    });
                if result_so || CLAUSE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                    cut(at, &mut out, &mut start);
                }
            }
            // an emoji or arrow ends a thought in a post as a comma would ("off the levothyroxine 🙌 Your thyroid ...")
            let symbol = c as u32 >= 0x2190 && !c.is_alphanumeric();
            if symbol || matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}') || is_spaced_dash(text, at) {
                cut(at + c.len_utf8(), &mut out, &mut start);
            }
        }
        cut(e, &mut out, &mut start);
    }
    out
}

/// A hyphen that stands between spaces: the text is normalised, so an author's em or en dash ("cures sepsis —
/// hospitals won't use it") is an ASCII "-" (or "--") here, and it breaks a clause as the dash did.
fn is_spaced_dash(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let spaced = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_none_or(|b| b.is_ascii_whitespace());
    bytes.get(at) == Some(&b'-') && spaced(at.checked_sub(1)) && (spaced(Some(at + 1)) || bytes.get(at + 1) == Some(&b'-'))
}

/// Sets each clause's polarity bits from the polarity lexicons' hits and the sentences' punctuation.
fn mark_polarity(scan: &LexiconScan, sentences: &[(usize, usize)], clauses: &mut [Clause], words: &[(usize, usize)]) {
    let roles = scan.roles;
    let clause_of = |clauses: &[Clause], offset: usize| clauses.partition_point(|c| c.end <= offset);
    // hits are sorted by start: only those that start inside the sentence are looked at
    let in_sentence = |hits: &[(usize, usize)], (s, e): (usize, usize)| {
        hits[hits.partition_point(|h| h.0 < s)..].iter().take_while(|h| h.0 < e).any(|h| h.1 <= e)
    };
    let clause_cues = [
        (roles.negation, Polarity::Negation),
        (roles.conditional, Polarity::Conditional),
    ];
    let void = scan.role_hits(roles.negation_void);
    // a negation inside "don't realize", "won't tell you" is part of the claim, not a denial of it
    let voided = |start: usize| void[..void.partition_point(|h| h.0 <= start)].iter().any(|h| h.1 > start);
    for (role, polarity) in clause_cues {
        for &(start, _) in scan.role_hits(role) {
            if polarity == Polarity::Negation && voided(start) {
                continue;
            }
            if let Some(c) = clauses.get_mut(clause_of(clauses, start)) {
                c.polarity |= polarity.bit();
            }
        }
    }
    mark_negated_lists(scan.text, clauses, words);
    // reported speech covers the rest of its sentence: "some say that, taken daily, it cures flu"
    for &(start, _) in scan.role_hits(roles.reported) {
        let first = clause_of(clauses, start);
        let Some(&Clause { sentence, polarity, .. }) = clauses.get(first) else { continue };
        // marked already by an earlier hit of the sentence, and so is the rest of it
        if polarity & Polarity::Reported.bit() != 0 {
            continue;
        }
        for c in clauses[first..].iter_mut().take_while(|c| c.sentence == sentence) {
            c.polarity |= Polarity::Reported.bit();
        }
        clauses[first].reported_at = start;
    }
    mark_quoted(scan.text, clauses, words);
    let myth = scan.role_hits(roles.myth);
    let rhetorical = scan.role_hits(roles.rhetorical);
    let answer_no = scan.role_hits(roles.answer_no);
    let fact = scan.role_hits(roles.fact);
    // the hits of `cue` that start at the first word of sentence `k`
    let opens_with = |cue: &[(usize, usize)], k: usize| {
        sentences.get(k).is_some_and(|&(s, e)| {
            let first_word = words.get(words.partition_point(|&(ws, _)| ws < s)).filter(|w| w.1 <= e);
            first_word.is_some_and(|w| cue.get(cue.partition_point(|h| h.0 < w.0)).is_some_and(|h| h.0 == w.0))
        })
    };
    for (k, &sentence) in sentences.iter().enumerate() {
        let mut bits = 0u8;
        if in_sentence(myth, sentence) {
            bits |= Polarity::Myth.bit();
        }
        // a short heading ("Myth:", "MYTH 👇") makes the next sentence the myth
        if k > 0 && in_sentence(myth, sentences[k - 1]) && word_count(words, sentences[k - 1]) <= 3 {
            bits |= Polarity::Myth.bit();
        }
        // "Claim: ... / Fact: ...": the line a fact answers is the claim being refuted
        if opens_with(fact, k + 1) && !opens_with(fact, k) {
            bits |= Polarity::Myth.bit();
        }
        let closing = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ')' | '\u{201d}' | '\u{2019}');
        if scan.text[sentence.0..sentence.1].trim_end_matches(closing).ends_with('?') {
            if !in_sentence(rhetorical, sentence) {
                bits |= Polarity::Question.bit();
            }
            if opens_with(answer_no, k + 1) {
                bits |= Polarity::AnsweredNo.bit();
            }
        }
        if bits != 0 {
            let (from, to) = (clauses.partition_point(|c| c.sentence < k), clauses.partition_point(|c| c.sentence <= k));
            clauses[from..to].iter_mut().for_each(|c| c.polarity |= bits);
        }
    }
}

fn word_count(words: &[(usize, usize)], (s, e): (usize, usize)) -> usize {
    words.partition_point(|w| w.0 < e) - words.partition_point(|w| w.0 < s)
}
