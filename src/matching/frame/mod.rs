//! `frame = { slots = ["remedy", "efficacy", "disease"], gap = 6, scope = "sentence", unless = ["negation"] }`:
//! a structure over lexicon hits. Each slot is filled by a hit of a lexicon (or of a built-in shape such as `$name`
//! or `$handle`); the fillers come in the slots' order (or any order), at most `gap` words apart, inside one clause,
//! sentence or post, and none of the clauses they span may carry one of the `unless` polarities (negated, a question,
//! a myth being refuted, reported speech, a condition). The finding runs from the first filler to the last, and says
//! which words filled which slot. `frame = [{...}, {...}]` gives a rule several structures: it matches where any
//! of them does.

mod layout;
mod shapes;
mod value;

pub use layout::{Layout, LexiconScan, Polarity, PolarityLexicons};

use std::fmt::Write as _;

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{Found, Invalid, Kind, ListRefs, RuleScan};
pub use shapes::{words, Shape};

/// Words allowed between two fillers when a frame does not say.
const DEFAULT_GAP: usize = 6;

/// Most words a gap may allow: a frame is a local structure, not a co-occurrence anywhere in a long post.
const MAX_GAP: usize = 60;

/// The `frame` value as written: one table or an array of them.
#[derive(Debug, Default)]
pub struct RawFrames(Vec<RawFrame>);

impl<'de> Deserialize<'de> for RawFrames {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawFrames, D::Error> {
        struct OneOrMany;
        impl<'de> Visitor<'de> for OneOrMany {
            type Value = RawFrames;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a frame table or an array of frame tables")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawFrames, A::Error> {
                RawFrame::deserialize(de::value::MapAccessDeserializer::new(map)).map(|f| RawFrames(vec![f]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawFrames, A::Error> {
                Vec::<RawFrame>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawFrames)
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}

/// One frame table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrame {
    slots: Vec<String>,
    #[serde(default)]
    gap: Option<Gap>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    order: Option<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    report: Option<String>,
}

/// `gap = 6` (between every two slots) or `gap = [10, 1]` (one per pair of neighbouring slots).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Gap {
    Same(usize),
    Each(Vec<usize>),
}

/// What may fill a slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A hit of the lexicon of this name; its index among the ruleset's lexicons once resolved.
    Lexicon { name: String, id: Option<u32> },
    Shape(Shape),
}

/// One slot: its name as written (`remedy`, `claim|$percent`) and what may fill it.
#[derive(Clone, Debug)]
pub struct Slot {
    pub name: String,
    pub sources: Vec<Source>,
}

impl Slot {
    /// `[claim: remedy_verb | remedy_noun]`, or `[remedy]` when the slot is called by its one filler.
    fn explain(&self) -> String {
        let fillers: Vec<String> = self
            .sources
            .iter()
            .map(|s| match s {
                Source::Lexicon { name, .. } => name.clone(),
                Source::Shape(shape) => format!("${}", shape.name()),
            })
            .collect();
        let fillers = fillers.join(" | ");
        if fillers == self.name {
            format!("[{fillers}]")
        } else {
            format!("[{}: {fillers}]", self.name)
        }
    }
}

/// How far a frame's fillers may spread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Clause,
    Sentence,
    Post,
}

/// A rule's structures over lexicon hits: it matches where any of them does.
#[derive(Clone, Debug)]
pub struct Frame {
    pub structures: Vec<Structure>,
}

/// One structure: slots, how far apart their fillers may be, and when a match does not count.
#[derive(Clone, Debug)]
pub struct Structure {
    pub slots: Vec<Slot>,
    /// Words allowed before slot `i + 1`'s filler: after slot `i`'s in a fixed order, from slot 0's in any order.
    pub gaps: Vec<usize>,
    pub scope: Unit,
    /// The slots must be filled in their order.
    pub ordered: bool,
    pub unless: Vec<Polarity>,
    /// The slot whose filler is the identifier (`report = "person"`): the finding's span, and so its mask, its
    /// excerpt and its fix, is that filler instead of the whole match ("Sandra", not "Our patient Sandra").
    pub report: Option<usize>,
    /// The lexicons its conditions and shapes read besides its slots' (`negation`, `greeting`, ...), once resolved.
    pub reads: Vec<u32>,
}

/// One match: the span from the first filler to the last, which of the rule's structures matched, and each
/// slot's filler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameMatch {
    pub start: usize,
    pub end: usize,
    pub structure: usize,
    pub fills: Vec<(usize, usize)>,
}


impl Structure {
    fn validate(raw: RawFrame) -> Result<Structure, Invalid> {
        let bad = |message: String| Invalid::at("frame", message);
        if raw.slots.is_empty() || raw.slots.len() > 8 {
            return Err(bad("a frame has 1 to 8 `slots`".into()));
        }
        let slots = raw.slots.iter().map(|s| parse_slot(s)).collect::<Result<Vec<_>, _>>().map_err(bad)?;
        if let Some(twice) = slots.iter().enumerate().find(|(i, s)| slots[..*i].iter().any(|o| o.name == s.name)) {
            return Err(bad(format!("two slots are named `{}`: a finding could not say which is which", twice.1.name)));
        }
        let scope = match raw.scope.as_deref().unwrap_or("sentence") {
            "clause" => Unit::Clause,
            "sentence" => Unit::Sentence,
            "post" => Unit::Post,
            other => return Err(bad(format!("`scope = \"{other}\"`: use \"clause\", \"sentence\" or \"post\""))),
        };
        let ordered = match raw.order.as_deref().unwrap_or("fixed") {
            "fixed" => true,
            "any" => false,
            other => return Err(bad(format!("`order = \"{other}\"`: use \"fixed\" or \"any\""))),
        };
        let gaps = match raw.gap {
            None => vec![DEFAULT_GAP; slots.len() - 1],
            Some(Gap::Same(n)) => vec![n; slots.len() - 1],
            Some(Gap::Each(gaps)) if gaps.len() == slots.len() - 1 => gaps,
            Some(Gap::Each(gaps)) => {
                let want = slots.len() - 1;
                return Err(bad(format!("`gap` lists {} numbers; it needs {want}, one for each slot after the first", gaps.len())));
            }
        };
        if let Some(big) = gaps.iter().find(|&&g| g > MAX_GAP) {
            return Err(bad(format!("`gap = {big}`: at most {MAX_GAP} words between two slots")));
        }
        let unless = raw
            .unless
            .iter()
            .map(|name| {
                Polarity::parse(name).ok_or_else(|| {
                    let known: Vec<&str> = Polarity::ALL.iter().map(|p| p.name()).collect();
                    bad(format!("`unless` has `{name}`; known conditions: {}", known.join(", ")))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let report = match raw.report {
            None => None,
            Some(name) => Some(slots.iter().position(|s| s.name == name).ok_or_else(|| {
                let names: Vec<&str> = slots.iter().map(|s| s.name.as_str()).collect();
                bad(format!("`report = \"{name}\"` names no slot of this frame; its slots: {}", names.join(", ")))
            })?),
        };
        Ok(Structure { slots, gaps, scope, ordered, unless, report, reads: Vec::new() })
    }
}

/// `claim=remedy_verb|remedy_noun`: a slot named `claim`, filled by either lexicon; without a name, the slot is
/// called by what fills it.
fn parse_slot(written: &str) -> Result<Slot, String> {
    let (name, fillers) = match written.split_once('=') {
        Some((name, fillers)) if super::lexicon::is_name(name.trim()) => (name.trim(), fillers),
        Some(_) => return Err(format!("slot `{written}`: a slot name may only contain letters, digits, '_' and '-'")),
        None => (written.trim(), written),
    };
    let mut sources = Vec::new();
    for part in fillers.split('|').map(str::trim) {
        let source = match part.strip_prefix('$') {
            Some(shape) => Source::Shape(Shape::parse(shape).ok_or_else(|| {
                format!("slot `{part}` is not a built-in shape; known: {}", Shape::names().join(", "))
            })?),
            None if super::lexicon::is_name(part) => Source::Lexicon { name: part.to_string(), id: None },
            None => return Err(format!("slot `{part}` must name a lexicon or a built-in shape (`$name`)")),
        };
        sources.push(source);
    }
    Ok(Slot { name: name.to_string(), sources })
}

impl Kind for Frame {
    const KEY: &'static str = "frame";
    type Raw = Option<RawFrames>;

    fn read<'de, A: MapAccess<'de>>(raw: &mut Option<RawFrames>, _key: &str, map: &mut A) -> Result<(), A::Error> {
        *raw = Some(map.next_value()?);
        Ok(())
    }

    fn validate(raw: Option<RawFrames>, _embedded: bool) -> Result<Frame, Invalid> {
        let raw = raw.ok_or_else(|| Invalid::at("frame", "`frame` needs `slots`"))?;
        if raw.0.is_empty() || raw.0.len() > 16 {
            return Err(Invalid::at("frame", "a rule has 1 to 16 frames"));
        }
        let structures = raw.0.into_iter().map(Structure::validate).collect::<Result<Vec<_>, _>>()?;
        Ok(Frame { structures })
    }

    /// Resolves lexicon names to the ruleset's lexicons; a polarity condition needs its lexicon too.
    fn expand_lists(&mut self, lists: &dyn ListRefs) -> Result<(), String> {
        for structure in &mut self.structures {
            for source in structure.slots.iter_mut().flat_map(|s| &mut s.sources) {
                if let Source::Lexicon { name, id } = source {
                    *id = Some(lists.lexicon(name).ok_or_else(|| unknown_lexicon(name, lists))?);
                }
            }
            for polarity in &structure.unless {
                if let Some(name) = polarity.lexicon() {
                    let id = lists.lexicon(name).ok_or_else(|| {
                        format!("`unless = [\"{}\"]` needs a lexicon named `{name}`", polarity.name())
                    })?;
                    structure.reads.push(id);
                }
            }
            // a question is told by its mark, but "did you know" makes it a claim again
            if structure.unless.contains(&Polarity::Question) {
                structure.reads.extend(lists.lexicon("rhetorical"));
            }
            let shapes = structure.slots.iter().flat_map(|s| &s.sources).flat_map(|s| match s {
                Source::Shape(shape) => shape.lexicons(),
                Source::Lexicon { .. } => &[],
            });
            let shape_lexicons: Vec<u32> = shapes.filter_map(|name| lists.lexicon(name)).collect();
            structure.reads.extend(shape_lexicons);
        }
        Ok(())
    }

    fn lexicons(&self) -> Vec<u32> {
        let sources = self.structures.iter().flat_map(|f| &f.slots).flat_map(|s| &s.sources);
        let slots = sources.filter_map(|s| match s {
            Source::Lexicon { id, .. } => *id,
            Source::Shape(_) => None,
        });
        slots.chain(self.structures.iter().flat_map(|f| f.reads.iter().copied())).collect()
    }

    fn find(&self, scan: &RuleScan, allowed: impl FnOnce() -> bool) -> Option<Found> {
        let lexicons = scan.lexicons;
        let possible = self.possible(lexicons);
        if possible.is_empty() || !allowed() {
            return None;
        }
        let layout = lexicons.layout();
        let mut matches: Vec<FrameMatch> = Vec::new();
        for index in possible {
            let structure = &self.structures[index];
            let candidates: Vec<Vec<(usize, usize)>> =
                structure.slots.iter().map(|slot| fillers(slot, lexicons)).collect();
            let found = layout.frames(&candidates, structure);
            matches.extend(found.into_iter().map(|m| structure.reported(FrameMatch { structure: index, ..m })));
        }
        // several structures, or one narrowed to a slot, can report the same words twice
        if self.structures.len() > 1 || self.structures.iter().any(|s| s.report.is_some()) {
            matches = leftmost_longest(matches);
        }
        (!matches.is_empty()).then_some(Found::Frames(matches))
    }

    fn explain(&self) -> String {
        let lines: Vec<String> = self.structures.iter().map(Structure::explain).collect();
        match lines.as_slice() {
            [one] => format!("Frame: {one}"),
            _ => format!("Frames (any of):\n  - {}", lines.join("\n  - ")),
        }
    }
}

impl Frame {
    /// The structures that can match in this post: a slot that only lexicons fill and that none of them fills
    /// rules its structure out at once.
    fn possible(&self, lexicons: &LexiconScan) -> Vec<usize> {
        let empty = |slot: &Slot| {
            slot.sources.iter().all(|s| match s {
                Source::Lexicon { id, .. } => id.is_none_or(|id| lexicons.hits(id).is_empty()),
                Source::Shape(_) => false,
            })
        };
        (0..self.structures.len()).filter(|&i| !self.structures[i].slots.iter().any(empty)).collect()
    }

    /// Whether any structure matches anywhere in the post: a frame used as a post condition (`[rules.document]
    /// unless_frame`), which asks whether the post has the structure at all, not where.
    pub fn occurs(&self, lexicons: &LexiconScan) -> bool {
        self.possible(lexicons).into_iter().any(|index| {
            let structure = &self.structures[index];
            let candidates: Vec<Vec<(usize, usize)>> =
                structure.slots.iter().map(|slot| fillers(slot, lexicons)).collect();
            !lexicons.layout().frames(&candidates, structure).is_empty()
        })
    }

    /// The names of the slots of structure `index`, in order.
    pub fn slot_names(&self, index: usize) -> impl Iterator<Item = &str> {
        self.structures.get(index).into_iter().flat_map(|s| &s.slots).map(|s| s.name.as_str())
    }
}

impl Structure {
    /// The match with its span narrowed to the reported slot's filler, when the structure names one.
    fn reported(&self, mut m: FrameMatch) -> FrameMatch {
        if let Some(&(start, end)) = self.report.and_then(|slot| m.fills.get(slot)) {
            (m.start, m.end) = (start, end);
        }
        m
    }

    fn explain(&self) -> String {
        let slots: Vec<String> = self.slots.iter().map(Slot::explain).collect();
        let mut out = slots.join(if self.ordered { " … " } else { " + " });
        let unit = match self.scope {
            Unit::Clause => "clause",
            Unit::Sentence => "sentence",
            Unit::Post => "post",
        };
        let order = if self.ordered { "in this order" } else { "in any order" };
        let gaps: Vec<String> = self.gaps.iter().map(usize::to_string).collect();
        match gaps.first() {
            // one slot: nothing to be apart from
            None => {
                let _ = write!(out, " (in one {unit})");
            }
            Some(first) => {
                let apart = if gaps.iter().all(|g| g == first) { first.clone() } else { gaps.join("/") };
                let _ = write!(out, " ({order}, at most {apart} words apart, in one {unit})");
            }
        }
        if !self.unless.is_empty() {
            let names: Vec<&str> = self.unless.iter().map(|p| p.describe()).collect();
            let _ = write!(out, "; not when the clause is {}", names.join(", "));
        }
        if let Some(slot) = self.report.and_then(|i| self.slots.get(i)) {
            let _ = write!(out, "; reports [{}]", slot.name);
        }
        out
    }
}

/// The matches of several structures, leftmost first; of two that overlap, the earlier (then longer) one stays.
fn leftmost_longest(mut matches: Vec<FrameMatch>) -> Vec<FrameMatch> {
    matches.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<FrameMatch> = Vec::new();
    for m in matches {
        if out.last().is_none_or(|last| m.start >= last.end) {
            out.push(m);
        }
    }
    out
}

fn unknown_lexicon(name: &str, lists: &dyn ListRefs) -> String {
    format!("frame slot names an unknown lexicon `{name}`; known lexicons: {}", lists.lexicon_names().join(", "))
}

/// Every span that can fill a slot in this post, sorted by start.
fn fillers(slot: &Slot, lexicons: &LexiconScan) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for source in &slot.sources {
        match source {
            Source::Lexicon { id: Some(id), .. } => out.extend_from_slice(lexicons.hits(*id)),
            Source::Lexicon { id: None, .. } => {}
            Source::Shape(shape) => out.extend(lexicons.layout().shapes(*shape, lexicons)),
        }
    }
    if slot.sources.len() > 1 {
        out.sort_unstable_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
        out.dedup();
    }
    out
}

#[cfg(test)]
mod tests;
