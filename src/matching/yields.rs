//! `yields_to = ["MIS008", ...]` in `[rules.context]`: a rule that stays silent in a sentence where one of the named
//! sibling rules matched. Two rules that read one claim from two sides (a broad frame for a claim with any subject, a
//! narrow one for a supplement's) then report it once, by the narrower rule, while the broad one still reports the
//! claims the narrow one misses. A phrase list of the sibling's words in `none` cannot say that: it silences the broad
//! rule wherever such a word stands, whether or not the sibling found a claim there.
//!
//! The relation is worked out after every rule of a post has run, over the post's text. A sibling that is not active
//! (not selected, or not in the ruleset) finds nothing, so takes nothing away.

use super::window;

/// For each active rule, the active rules it yields to (by index).
#[derive(Clone, Debug, Default)]
pub struct Yields {
    siblings: Vec<Vec<usize>>,
}

/// One rule's match: the rule's index and the bytes `start..end` of the post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

impl Yields {
    /// Resolves each rule's `yields_to` ids (case-insensitive, like every rule id) among the active rules, given as
    /// `(id, yields_to)` in rule order.
    pub fn new<'a>(rules: impl IntoIterator<Item = (&'a str, &'a [String])>) -> Yields {
        let rules: Vec<(&str, &[String])> = rules.into_iter().collect();
        let index_of = |id: &str| rules.iter().position(|(other, _)| other.eq_ignore_ascii_case(id));
        let siblings = rules
            .iter()
            .enumerate()
            .map(|(me, (_, names))| names.iter().filter_map(|n| index_of(n)).filter(|&i| i != me).collect())
            .collect();
        Yields { siblings }
    }

    /// Whether no active rule yields to an active sibling (then `keep` has nothing to do).
    pub fn is_empty(&self) -> bool {
        self.siblings.iter().all(Vec::is_empty)
    }

    /// Which of a post's matches stay: a match is dropped when a rule it yields to has a match whose sentence meets
    /// its own (sentences of `text`, the post, cut as `[rules.context]` cuts them).
    pub fn keep(&self, text: &[u8], spans: &[Span]) -> Vec<bool> {
        let sentence = |s: &Span| window::sentence_within(text, s.start, s.end, 0, text.len());
        spans
            .iter()
            .map(|span| {
                let Some(siblings) = self.siblings.get(span.rule).filter(|s| !s.is_empty()) else { return true };
                let (lo, hi) = sentence(span);
                !spans.iter().any(|other| {
                    siblings.contains(&other.rule) && {
                        let (other_lo, other_hi) = sentence(other);
                        other_lo < hi && lo < other_hi
                    }
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_rule_yields_only_where_its_sibling_matched_in_the_same_sentence() {
        let broad = ids(&["mis008"]);
        let none: Vec<String> = Vec::new();
        let yields = Yields::new([("MIS025", broad.as_slice()), ("MIS008", none.as_slice())]);
        let text = b"Our elderberry syrup cures the flu. It also reverses diabetes.";
        let cures_flu = Span { rule: 0, start: 21, end: 34 };
        let syrup_cures = Span { rule: 1, start: 4, end: 34 };
        let reverses = Span { rule: 0, start: 44, end: 61 };
        assert_eq!(yields.keep(text, &[syrup_cures, cures_flu, reverses]), [true, false, true]);
        // without the sibling's match, the broad rule reports
        assert_eq!(yields.keep(text, &[cures_flu, reverses]), [true, true]);
    }

    #[test]
    fn a_sibling_that_is_not_active_takes_nothing_away() {
        let absent = ids(&["MIS999"]);
        let yields = Yields::new([("MIS025", absent.as_slice())]);
        assert!(yields.is_empty());
        assert_eq!(yields.keep(b"It cures colds.", &[Span { rule: 0, start: 3, end: 14 }]), [true]);
    }

    #[test]
    fn a_rule_does_not_yield_to_itself_nor_does_yielding_go_both_ways_unasked() {
        let me = ids(&["MIS025"]);
        let none: Vec<String> = Vec::new();
        let yields = Yields::new([("MIS025", me.as_slice()), ("MIS008", none.as_slice())]);
        assert!(yields.is_empty());
        let both = [Span { rule: 0, start: 0, end: 5 }, Span { rule: 1, start: 0, end: 5 }];
        assert_eq!(yields.keep(b"cures", &both), [true, true]);
    }
}
