//! What the engine's scan of one post hands to the matcher kinds and conditions: the post itself, the post-wide
//! facts the conditions look at, and the phrase occurrences and pattern matches found for each rule.

use std::ops::Range;

use super::frame::{FrameMatch, LexiconScan};
use crate::text::normalize::Normalized;

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
    pub hidden: &'a [Range<usize>],
    /// The consent-registry checks the post's authorization fails (empty without a registry).
    pub registry: &'a [&'a str],
}

/// The post-wide facts that rule conditions look at.
pub struct Scope<'a> {
    pub post: &'a Post<'a>,
    /// The normalised view the rules matched in, with its map back to the post's bytes.
    pub view: &'a Normalized<'a>,
    /// The post's kind: declared in front matter, or told by the first kind cue in its text.
    pub kind: Option<&'a str>,
}

impl Scope<'_> {
    /// Characters of the post's body before original byte `offset`.
    pub fn body_chars_before(&self, offset: usize) -> usize {
        let start = self.post.body_start.min(offset);
        self.post.text[start..offset].chars().count()
    }
}

/// One candidate match of a pattern rule, in normalised-text bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    pub rule: u32,
    pub start: usize,
    pub end: usize,
}

/// What one post's scan gives one rule's matcher.
pub struct RuleScan<'a> {
    /// The rule's index among the engine's rules.
    pub rule: usize,
    /// Occurrences of the rule's own phrases (normalised-text bytes, sorted by start).
    pub phrases: &'a [(usize, usize)],
    /// Matches of every pattern rule (normalised-text bytes); those of a rule whose post conditions fail are left
    /// out before its regex runs.
    pub patterns: &'a [PatternMatch],
    /// The post's lexicon hits and, when a frame asks, its layout.
    pub lexicons: &'a LexiconScan<'a>,
    pub post: &'a Post<'a>,
}

/// What a matcher found in one post.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Candidate spans in normalised-text bytes, leftmost-longest and not overlapping; the match conditions
    /// (`context`), the allow-list and the post limits still apply.
    Spans(Vec<(usize, usize)>),
    /// A frame's matches (normalised-text bytes, leftmost first, not overlapping), with the filler of each slot;
    /// the match conditions, the allow-list and the post limits still apply.
    Frames(Vec<FrameMatch>),
    /// One finding about the whole post, in the post's own bytes; no match condition applies.
    PostWide(Range<usize>),
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

    #[test]
    fn leftmost_longest_drops_nested_spans() {
        assert_eq!(leftmost_longest(&[(2, 9), (2, 14), (10, 14), (20, 25)]), vec![(2, 14), (20, 25)]);
    }
}
