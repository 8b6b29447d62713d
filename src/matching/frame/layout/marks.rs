//! The polarity marks that span clauses: quotations (a claim quoted in order to answer it) and negated lists (a
//! denial that runs on over a list's items). Split from `layout` so that each reads in one sitting.

use super::{Clause, LexiconScan, Polarity};

/// Marks the clauses that open inside a pair of double quotes on one line holding three words or more, or opening
/// the line (a quoted claim, not a scare-quoted term such as "detox" inside a sentence, nor a clause that only ends
/// with a quotation).
pub(super) fn mark_quoted(text: &str, clauses: &mut [Clause], words: &[(usize, usize)]) {
    let mut base = 0;
    for line in text.split_inclusive('\n') {
        let marks: Vec<usize> = line.match_indices('"').map(|(i, _)| base + i).collect();
        // where the line's first letter or digit is, found once (not for every pair of quotes on a long line)
        let first_word = line.char_indices().find(|(_, c)| c.is_alphanumeric()).map_or(usize::MAX, |(i, _)| base + i);
        base += line.len();
        for pair in marks.chunks_exact(2) {
            let (open, close) = (pair[0], pair[1]);
            // quoted to be answered: the answer follows (a post that ends on a quotation says it itself)
            if words.last().is_none_or(|w| w.0 <= close) {
                continue;
            }
            let inside = |w: &(usize, usize)| w.0 > open && w.1 <= close;
            let first = words.partition_point(|w| w.0 <= open);
            // a quotation that opens its line is a heading's claim however short ("\"FDA approved\" ➡️ ...")
            let opens_line = first_word > open;
            if words[first..].iter().take_while(|w| inside(w)).count() < 3 && !opens_line {
                continue;
            }
            // the clauses that end after the opening quote, up to the first that starts after the closing one
            let mut k = clauses.partition_point(|c| c.end <= open);
            while k < clauses.len() {
                let start = if k == 0 { 0 } else { clauses[k - 1].end };
                if start >= close {
                    break;
                }
                let (from, to) = (words.partition_point(|w| w.0 < start), words.partition_point(|w| w.0 < clauses[k].end));
                // a list number before the quote ("1\u{fe0f}\u{20e3} \"The flu shot gives you the flu.\"") is the list's, not
                // the clause's
                let numbered = |w: &(usize, usize)| text[w.0..w.1].bytes().all(|b| b.is_ascii_digit());
                let opening = if from + 1 < to && numbered(&words[from]) { from + 1 } else { from };
                if from < to && inside(&words[opening]) {
                    clauses[k].polarity |= Polarity::Quoted.bit();
                }
                k += 1;
            }
        }
    }
}

/// A negated clause cut off by a comma ("no tea, juice or foot pad has been shown to ...") hands its negation on to
/// the next clause of its sentence when that one goes on with the list (an "or", "and" or "nor" after its first word;
/// ", and our drip cures flu" is a clause of its own), and to every item of a list that a later clause closes with
/// one ("no evidence that infusions treat cancer, reverse autoimmune disease, or protect anyone from the flu"); a
/// short negated heading before a colon negates what follows.
pub(super) fn mark_negated_lists(text: &str, clauses: &mut [Clause], words: &[(usize, usize)]) {
    let negation = Polarity::Negation.bit();
    let is_conjunction = |w: &(usize, usize)| ["or", "and", "nor"].iter().any(|c| text[w.0..w.1].eq_ignore_ascii_case(c));
    for k in 1..clauses.len() {
        let prev = clauses[k - 1];
        if prev.polarity & negation == 0 || prev.sentence != clauses[k].sentence {
            continue;
        }
        let prev_start = if k >= 2 { clauses[k - 2].end } else { 0 };
        let (from, to) = (words.partition_point(|w| w.0 < prev_start), words.partition_point(|w| w.0 < prev.end));
        let next = &words[to..words.partition_point(|w| w.0 < clauses[k].end)];
        let list_goes_on = text[..prev.end].ends_with(',') && next.iter().skip(1).any(is_conjunction);
        let heading = text[..prev.end].ends_with(':') && to - from <= 4;
        if list_goes_on || heading {
            clauses[k].polarity |= negation;
        } else if let Some(close) = list_closed_later(text, clauses, words, k) {
            for clause in &mut clauses[k..=close] {
                clause.polarity |= negation;
            }
        }
    }
}

/// The most items a list of a negated clause runs on over, and the most words in one item.
const LIST_ITEMS: usize = 4;
const LIST_ITEM_WORDS: usize = 8;

/// Where a list that clause `k` opens after a negated clause is closed: a later clause of the sentence that starts
/// with "or", "and" or "nor", with only short comma-ended items between (", reverse autoimmune disease, or ...").
fn list_closed_later(text: &str, clauses: &[Clause], words: &[(usize, usize)], k: usize) -> Option<usize> {
    let is_conjunction = |w: &(usize, usize)| ["or", "and", "nor"].iter().any(|c| text[w.0..w.1].eq_ignore_ascii_case(c));
    if !text[..clauses[k - 1].end].ends_with(',') {
        return None;
    }
    for j in k..clauses.len().min(k + LIST_ITEMS) {
        if clauses[j].sentence != clauses[k].sentence {
            return None;
        }
        let item = &words[words.partition_point(|w| w.0 < clauses[j - 1].end)..words.partition_point(|w| w.0 < clauses[j].end)];
        if j > k && item.first().is_some_and(is_conjunction) {
            return Some(j);
        }
        if item.len() > LIST_ITEM_WORDS || !text[..clauses[j].end].ends_with(',') {
            return None;
        }
    }
    None
}

/// Verbs that put a name in quotes: what follows is what others call it ("berberine called \"nature's Ozempic\"").
const NAMING_VERBS: &[&str] = &["called", "calls", "calling", "call", "dubbed", "nicknamed", "labeled", "labelled", "branded"];

/// Quotations on one line that the post goes on after (a quoted claim is answered; a post that ends on a quotation
/// says it itself): those of three words or more, and those of two after a naming verb or in a sentence with a
/// reported-speech cue. One quoted word is a scare-quoted term ("detox"), still the post's own claim.
pub(super) fn quotations(scan: &LexiconScan, words: &[(usize, usize)], sentences: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let text = scan.text;
    let reported = scan.role_hits(scan.roles.reported);
    let (mut out, mut base) = (Vec::new(), 0);
    for line in text.split_inclusive('\n') {
        let marks: Vec<usize> = line.match_indices('"').map(|(i, _)| base + i).collect();
        base += line.len();
        for pair in marks.chunks_exact(2) {
            let (open, close) = (pair[0], pair[1]);
            let first = words.partition_point(|w| w.0 <= open);
            let inside = words[first..].iter().take_while(|w| w.1 <= close).count();
            if inside < 2 || words.last().is_none_or(|w| w.0 < close) {
                continue;
            }
            let is_naming = |w: &(usize, usize)| NAMING_VERBS.iter().any(|v| text[w.0..w.1].eq_ignore_ascii_case(v));
            let named = words[first.saturating_sub(2)..first].iter().any(is_naming);
            let (s, e) = sentences.iter().find(|s| s.0 <= open && open < s.1).copied().unwrap_or((open, close));
            let in_reported = reported.iter().any(|h| s <= h.0 && h.1 <= e);
            if inside >= 3 || named || in_reported {
                out.push((open, close));
            }
        }
    }
    out
}
