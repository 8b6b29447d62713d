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
    /// `(id, old ids, yields_to)` in rule order. An old id names every rule that lists it: a rule split in two keeps
    /// its id as an alias of both halves, and a rule that yielded to it yields to both.
    pub fn new<'a>(rules: impl IntoIterator<Item = (&'a str, &'a [String], &'a [String])>) -> Yields {
        let rules: Vec<(&str, &[String], &[String])> = rules.into_iter().collect();
        let named = |(id, aliases, _): &(&str, &[String], &[String]), name: &str| {
            id.eq_ignore_ascii_case(name) || aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        };
        let siblings = rules
            .iter()
            .enumerate()
            .map(|(me, (_, _, names))| {
                (0..rules.len()).filter(|&i| i != me && names.iter().any(|n| named(&rules[i], n))).collect()
            })
            .collect();
        Yields { siblings }
    }

    /// Whether no active rule yields to an active sibling (then `keep` has nothing to do).
    pub fn is_empty(&self) -> bool {
        self.siblings.iter().all(Vec::is_empty)
    }

    /// Which of a post's matches stay: a match is dropped when a rule it yields to has a match whose sentence meets
    /// its own (sentences of `text`, the post, cut as `[rules.context]` cuts them). Each match's sentence is found
    /// once, from the post's sentence ends found in one pass, and each sibling's sentences are searched by
    /// bisection: a long post with thousands of matches in one sentence stays linear.
    pub fn keep(&self, text: &[u8], spans: &[Span]) -> Vec<bool> {
        let mut sibling = vec![false; self.siblings.len()];
        for &rule in self.siblings.iter().flatten() {
            sibling[rule] = true;
        }
        let yields = |s: &Span| self.siblings.get(s.rule).is_some_and(|sib| !sib.is_empty());
        let is_sibling = |s: &Span| sibling.get(s.rule).copied().unwrap_or(false);
        if !spans.iter().any(yields) || !spans.iter().any(is_sibling) {
            return vec![true; spans.len()];
        }
        let ends: Vec<usize> = (0..text.len()).filter(|&i| window::ends_sentence(text, i)).collect();
        // as `window::sentence_within` over the whole post: from after the last end before the match to the first
        // end at or after it (a match that spans an end keeps its extent)
        let sentence = |s: &Span| {
            let before = ends.partition_point(|&e| e < s.start);
            let lo = if before == 0 { 0 } else { ends[before - 1] + 1 };
            let after = ends.partition_point(|&e| e < s.end);
            let hi = ends.get(after).map_or(text.len(), |&e| (e + 1).min(text.len())).max(s.end);
            (lo, hi)
        };
        // each sibling's match sentences by start, with the furthest end so far: a sentence `lo..hi` meets one of
        // them when, among those starting before `hi`, the furthest end is past `lo`
        let mut by_rule: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.siblings.len()];
        for span in spans.iter().filter(|s| is_sibling(s)) {
            by_rule[span.rule].push(sentence(span));
        }
        for sentences in &mut by_rule {
            sentences.sort_unstable();
            let mut furthest = 0;
            for (_, hi) in sentences.iter_mut() {
                furthest = furthest.max(*hi);
                *hi = furthest;
            }
        }
        let meets = |rule: usize, (lo, hi): (usize, usize)| {
            let sentences = &by_rule[rule];
            let before = sentences.partition_point(|&(other_lo, _)| other_lo < hi);
            before > 0 && sentences[before - 1].1 > lo
        };
        spans
            .iter()
            .map(|span| {
                let Some(siblings) = self.siblings.get(span.rule).filter(|s| !s.is_empty()) else { return true };
                let own = sentence(span);
                !siblings.iter().any(|&rule| meets(rule, own))
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
        let yields =
            Yields::new([("MIS025", none.as_slice(), broad.as_slice()), ("MIS008", none.as_slice(), none.as_slice())]);
        let text = b"Our elderberry syrup cures the flu. It also reverses diabetes.";
        let cures_flu = Span { rule: 0, start: 21, end: 34 };
        let syrup_cures = Span { rule: 1, start: 4, end: 34 };
        let reverses = Span { rule: 0, start: 44, end: 61 };
        assert_eq!(yields.keep(text, &[syrup_cures, cures_flu, reverses]), [true, false, true]);
        // without the sibling's match, the broad rule reports
        assert_eq!(yields.keep(text, &[cures_flu, reverses]), [true, true]);
    }

    #[test]
    fn sentences_are_those_of_a_search_around_each_match() {
        // the sentence ends found once must give what a search out from each match gives, also for a match that
        // spans a sentence end, at the post's edges and after a title's full stop
        let text = b"Dr. Lee says it cures colds. It\nreverses flu! Zinc heals. Our tea cures gout and";
        let yields = Yields::new([("A", [].as_slice(), ids(&["B"]).as_slice()), ("B", [].as_slice(), [].as_slice())]);
        for start in 0..text.len() {
            for end in [start + 1, start + 7, start + 20].into_iter().filter(|&e| e <= text.len()) {
                for (other_start, other_end) in [(0, 3), (12, 27), (29, 40), (47, 57), (62, text.len())] {
                    let (a, b) = (Span { rule: 0, start, end }, Span { rule: 1, start: other_start, end: other_end });
                    let around = |s: &Span| window::sentence_within(text, s.start, s.end, 0, text.len());
                    let ((lo, hi), (other_lo, other_hi)) = (around(&a), around(&b));
                    let expected = !(other_lo < hi && lo < other_hi);
                    assert_eq!(
                        yields.keep(text, &[a, b]),
                        [expected, true],
                        "{start}..{end} and {other_start}..{other_end}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_sibling_that_is_not_active_takes_nothing_away() {
        let absent = ids(&["MIS999"]);
        let yields = Yields::new([("MIS025", [].as_slice(), absent.as_slice())]);
        assert!(yields.is_empty());
        assert_eq!(yields.keep(b"It cures colds.", &[Span { rule: 0, start: 3, end: 14 }]), [true]);
    }

    #[test]
    fn a_rule_does_not_yield_to_itself_nor_does_yielding_go_both_ways_unasked() {
        let me = ids(&["MIS025"]);
        let none: Vec<String> = Vec::new();
        let yields =
            Yields::new([("MIS025", [].as_slice(), me.as_slice()), ("MIS008", [].as_slice(), none.as_slice())]);
        assert!(yields.is_empty());
        let both = [Span { rule: 0, start: 0, end: 5 }, Span { rule: 1, start: 0, end: 5 }];
        assert_eq!(yields.keep(b"cures", &both), [true, true]);
    }

    #[test]
    fn an_old_id_names_every_rule_that_lists_it() {
        // SEC001 split into SEC009 and SEC010, both keeping SEC001 as an alias: a rule that yields to SEC001 yields
        // to either half
        let (none, old, to_old) = (Vec::new(), ids(&["SEC001"]), ids(&["sec001"]));
        let yields = Yields::new([
            ("SEC008", none.as_slice(), to_old.as_slice()),
            ("SEC009", old.as_slice(), none.as_slice()),
            ("SEC010", old.as_slice(), none.as_slice()),
        ]);
        let code = Span { rule: 0, start: 0, end: 4 };
        for half in [1, 2] {
            assert_eq!(yields.keep(b"Code: 4410.", &[code, Span { rule: half, start: 6, end: 10 }]), [false, true]);
        }
    }
}
