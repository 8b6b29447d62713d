//! Gates: for a pattern, a few clauses of literal strings such that every match contains a literal of each clause
//! (`did you know ... cures ...`: `know`, and one of `cure`, `treat`, ...). A run over a few posts looks for
//! the literals with its phrases and compiles and runs only the patterns whose clauses all occur, which keeps the
//! check of a post off the cost of compiling big patterns it cannot match. Only the default rules' patterns are
//! gated; a pattern without a useful gate (an SSN is digits and dashes) and a ruleset file's pattern run in a set,
//! as in a run over many posts.
//!
//! The embedded rules' gates are worked out when the binary is built (`build.rs` includes this file), so this module
//! uses nothing but `std` and `regex-syntax`.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Literals shorter than this occur in almost every post and would gate nothing.
const MIN_GATE_LEN: usize = 3;

/// More alternatives than this and a clause costs more to look for than it saves.
const MAX_GATES: usize = 2_000;

/// At most this many clauses a gate (the best ones).
const MAX_CLAUSES: usize = 4;

/// At most this many clauses from one alternation.
const MAX_PICKS: usize = 64;

/// Literals (ASCII, lower case) of which a match contains at least one, compared without ASCII case. While a gate is
/// worked out, a literal keeps the word boundaries (`\b`) the pattern asserts around and inside it as `WB` bytes.
type Clause = Vec<Vec<u8>>;

/// A word boundary the pattern asserts at this point of a literal (NUL: no pattern literal here contains one).
const WB: u8 = 0;

/// A finished literal keeps the boundaries at its ends (all the phrase table can use) and drops those inside.
fn canonical(literal: &[u8]) -> Vec<u8> {
    let [left, right] = ends(literal);
    let text = literal.iter().copied().filter(|&b| b != WB);
    let (left, right) = (left.then_some(WB), right.then_some(WB));
    left.into_iter().chain(text).chain(right).collect()
}

/// Whether a literal starts and whether it ends with a word boundary.
fn ends(literal: &[u8]) -> [bool; 2] {
    [literal.first() == Some(&WB), literal.last() == Some(&WB)]
}

/// The empty start of a run of literals, or a word boundary when the pattern asserts one there.
fn boundary(bounded: bool) -> Clause {
    vec![if bounded { vec![WB] } else { Vec::new() }]
}

/// A literal's length in text bytes, without its boundaries.
fn text_len(literal: &[u8]) -> usize {
    literal.iter().filter(|&&b| b != WB).count()
}

/// A gate literal as the phrase table looks for it: its text, and whether the pattern bounds it with `\b` on the
/// left and on the right, so that only an occurrence with those word boundaries opens the gate (`\bapp` then does
/// not open on "happy").
pub type Literal = (String, [bool; 2]);

/// The gate of a pattern as the engine compiles it (every match contains a literal of each clause), or `None` when
/// no clause has long enough literals. `unicode` is the mode the pattern compiles in.
pub fn of_pattern(source: &str, unicode: bool) -> Option<Vec<Vec<Literal>>> {
    let hir = regex_syntax::ParserBuilder::new().unicode(unicode).utf8(false).build().parse(source).ok()?;
    let clauses: Vec<Clause> = required(&hir, false)
        .into_iter()
        .filter(|clause| clause.iter().all(|literal| text_len(literal) >= MIN_GATE_LEN))
        .collect();
    let clauses = best(clauses, MAX_CLAUSES);
    let gate: Vec<Vec<Literal>> = clauses.into_iter().map(|c| c.into_iter().map(|l| literal(&l)).collect()).collect();
    (!gate.is_empty()).then_some(gate)
}

/// The text of a literal and whether its ends are word boundaries. A boundary inside (`did\b you`) is dropped: the
/// phrase table can only ask about the ends, and leaving a constraint out keeps the gate a superset.
fn literal(bytes: &[u8]) -> Literal {
    let text: Vec<u8> = bytes.iter().copied().filter(|&b| b != WB).collect();
    (String::from_utf8(text).expect("gate literals are ASCII"), ends(bytes))
}

/// Clauses that every match of `hir` satisfies (none when nothing is known). `left`: the pattern asserts a word
/// boundary right before every match of `hir` (`\b(?:put\s+in|key\s+in)`: `put` and `key` start at one).
fn required(hir: &Hir, left: bool) -> Vec<Clause> {
    if let Some(strings) = exact(hir) {
        return product(&boundary(left), &strings).and_then(useful).into_iter().collect();
    }
    match hir.kind() {
        HirKind::Repetition(rep) if rep.min > 0 => required(&rep.sub, left),
        HirKind::Capture(cap) => required(&cap.sub, left),
        HirKind::Alternation(branches) => {
            // (a1 and a2) or (b1 and b2) implies (a1 or b1), (a1 or b2), (a2 or b1), (a2 or b2): every pick of one
            // clause a branch gives a clause, as long as there are few picks
            let mut per_branch = Vec::with_capacity(branches.len());
            for branch in branches {
                let clauses = best(required(branch, left), MAX_CLAUSES);
                if clauses.is_empty() {
                    return Vec::new();
                }
                per_branch.push(clauses);
            }
            let picks = per_branch.iter().try_fold(1usize, |n, c| n.checked_mul(c.len()).filter(|&n| n <= MAX_PICKS));
            let unions: Vec<Clause> = match picks {
                Some(_) => per_branch.iter().fold(vec![Vec::new()], |unions: Vec<Clause>, clauses| {
                    unions.iter().flat_map(|u| clauses.iter().map(move |c| [u.as_slice(), c].concat())).collect()
                }),
                None => vec![per_branch.into_iter().flat_map(|mut c| c.swap_remove(0)).collect()],
            };
            unions.into_iter().filter(|u| u.len() <= MAX_GATES).filter_map(useful).collect()
        }
        HirKind::Concat(parts) => {
            // a run of parts with few exact strings is one clause (`m` then `agic|iracle`); every other part brings
            // its own clauses
            let mut clauses = Vec::new();
            let mut run: Clause = boundary(left);
            // whether a word boundary is asserted right before the part
            let mut bounded = left;
            for part in parts {
                match exact(part).and_then(|strings| product(&run, &strings)) {
                    Some(longer) => run = longer,
                    None => {
                        clauses.extend(useful(std::mem::replace(&mut run, vec![Vec::new()])));
                        // a part with too many strings for the run still starts the next one
                        match exact(part) {
                            Some(strings) => run = product(&boundary(bounded), &strings).unwrap_or(strings),
                            None => clauses.extend(required(part, bounded)),
                        }
                    }
                }
                bounded = match part.kind() {
                    HirKind::Look(Look::WordAscii | Look::WordUnicode) => true,
                    HirKind::Look(_) | HirKind::Empty => bounded,
                    _ => false,
                };
            }
            clauses.extend(useful(run));
            best(clauses, MAX_CLAUSES * 2)
        }
        _ => Vec::new(),
    }
}

/// The `n` best clauses, best first. A clause with every literal of a better one says nothing more and is left out.
fn best(mut clauses: Vec<Clause>, n: usize) -> Vec<Clause> {
    clauses.iter_mut().for_each(|clause| {
        clause.sort();
        clause.dedup();
    });
    clauses.sort_by_key(|clause| std::cmp::Reverse(quality(clause)));
    let mut kept: Vec<Clause> = Vec::new();
    for clause in clauses {
        if kept.len() == n {
            break;
        }
        if !kept.iter().any(|k| k.iter().all(|literal| clause.binary_search(literal).is_ok())) {
            kept.push(clause);
        }
    }
    kept
}

/// A clause from a set of strings: none may be empty (or only boundaries), and a string that contains another adds
/// nothing (its boundaries included: `\bcures\b` does not contain `\bcure\b`, `\bcures` contains `\bcure`).
fn useful(strings: Vec<Vec<u8>>) -> Option<Clause> {
    if strings.iter().any(|s| text_len(s) == 0) {
        return None;
    }
    let mut strings: Vec<Vec<u8>> = strings.iter().map(|s| canonical(s)).collect();
    strings.sort_by_key(Vec::len);
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for s in strings {
        if !kept.iter().any(|k| s.windows(k.len()).any(|w| w == k.as_slice())) {
            kept.push(s);
        }
    }
    Some(kept)
}

/// Which of two clauses to prefer: longer shortest literal (up to a point), then fewer literals.
fn quality(clause: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = clause.iter().map(|l| text_len(l)).min().unwrap_or(0);
    (shortest.min(5), std::cmp::Reverse(clause.len()))
}

/// At most this many exact strings for one part of a pattern.
const MAX_EXACT: usize = 64;

/// Every string of `a` followed by every string of `b`, unless there are too many. One side of a single string (a
/// word boundary before a list of words, a literal after it) may take the other up to a clause's size: that keeps
/// `\b(?:200 words)\b` a list of whole words.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    let n = a.len() * b.len();
    if n > MAX_EXACT && (a.len() > 1 && b.len() > 1 || n > MAX_GATES) {
        return None;
    }
    Some(a.iter().flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat())).collect())
}

/// The few strings (ASCII, lower case) that `hir` matches up to ASCII case, if they are few. Look-arounds match
/// the empty string, and a word boundary is kept as `WB`, so `\bdid\b` is exactly `did` as a whole word; `cures?`
/// is `cure` or `cures`.
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Look(Look::WordAscii | Look::WordUnicode) => Some(vec![vec![WB]]),
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(lit) => (lit.0.is_ascii() && !lit.0.contains(&WB)).then(|| vec![lit.0.to_ascii_lowercase()]),
        HirKind::Class(class) => class_chars(class),
        HirKind::Capture(cap) => exact(&cap.sub),
        HirKind::Repetition(rep) if rep.max.is_some_and(|max| max <= 3) => {
            let one = exact(&rep.sub)?;
            let mut strings = vec![Vec::new()];
            let mut all = Vec::new();
            for count in 0..=rep.max.unwrap_or(0) {
                if count >= rep.min {
                    all.extend(strings.iter().cloned());
                }
                strings = product(&strings, &one)?;
            }
            (all.len() <= MAX_EXACT).then_some(all)
        }
        HirKind::Concat(parts) => parts.iter().try_fold(vec![Vec::new()], |acc, part| product(&acc, &exact(part)?)),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(exact(branch)?);
            }
            (all.len() <= MAX_GATES).then_some(all)
        }
        _ => None,
    }
}

/// The characters of a small class of ASCII characters, lower case (`(?i)a` is `a`; `[sz]` is `s` or `z`).
fn class_chars(class: &Class) -> Option<Vec<Vec<u8>>> {
    const MAX_CLASS: usize = 4;
    let chars: Vec<u32> = match class {
        Class::Bytes(bytes) => {
            bytes.ranges().iter().flat_map(|r| r.start()..=r.end()).take(2 * MAX_CLASS + 1).map(u32::from).collect()
        }
        Class::Unicode(unicode) => {
            unicode.ranges().iter().flat_map(|r| r.start()..=r.end()).take(2 * MAX_CLASS + 1).map(u32::from).collect()
        }
    };
    let mut lower: Vec<u8> = chars
        .iter()
        .map(|&c| u8::try_from(c).ok().filter(|b| b.is_ascii() && *b != WB).map(|b| b.to_ascii_lowercase()))
        .collect::<Option<_>>()?;
    lower.sort_unstable();
    lower.dedup();
    (lower.len() <= MAX_CLASS).then(|| lower.into_iter().map(|c| vec![c]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gate's literals, a word boundary the literal needs written `|` (`|cure|`, `|app`).
    fn gate(pattern: &str) -> Option<Vec<Vec<String>>> {
        of_pattern(pattern, false).map(written)
    }

    fn written(gate: Vec<Vec<Literal>>) -> Vec<Vec<String>> {
        let bar = |b: bool| if b { "|" } else { "" };
        let write = |(text, [left, right]): Literal| format!("{}{text}{}", bar(left), bar(right));
        gate.into_iter().map(|c| c.into_iter().map(write).collect()).collect()
    }

    fn clauses(clauses: &[&[&str]]) -> Option<Vec<Vec<String>>> {
        Some(clauses.iter().map(|c| c.iter().map(|l| l.to_string()).collect()).collect())
    }

    #[test]
    fn a_literal_run_between_classes_is_the_gate() {
        assert_eq!(gate(r"(?i)\bdid\s+you\s+know\b"), clauses(&[&["know|"], &["|did"], &["you"]]));
        assert_eq!(gate(r"(?i)\bssn\s*:?\s*\d{3}"), clauses(&[&["|ssn"]]));
    }

    #[test]
    fn alternatives_all_count_and_the_best_part_wins() {
        assert_eq!(
            gate(r"(?i)\b(?:miracle|magic)\s+(?:cure|fix)"),
            clauses(&[&["|magic", "|miracle"], &["cure", "fix"]])
        );
        assert_eq!(
            gate(r"(?:vitamin|zinc)s?\s+(?:aids?|helps?)\b"),
            clauses(&[&["vitamin", "zinc"], &["aid|", "aids|", "help|", "helps|"]])
        );
        assert_eq!(gate(r"(?:did\s+you\s+know\s+(?:cures?|heals))|magic").unwrap()[0], ["know", "magic"]);
    }

    #[test]
    fn what_every_branch_needs_is_a_clause_of_its_own() {
        let gate = gate(r"vitamin\s+\w+\s+cures?|cures?\s+\w+\s+vitamin").unwrap();
        assert_eq!(gate[..2], [["vitamin"], ["cure"]]);
    }

    #[test]
    fn patterns_without_a_long_literal_have_no_gate() {
        assert_eq!(gate(r"\b\d{3}-\d{2}-\d{4}\b"), None);
        assert_eq!(gate(r"(?:cure|)\s+now"), clauses(&[&["now"]]));
        assert_eq!(gate(r"(?:cure|)x"), None);
        assert_eq!(gate(r"(?i)\bdr\.?\s+[A-Z]\w+"), None);
        assert_eq!(gate(r"(?:cure)?\d+"), None);
    }

    #[test]
    fn optional_letters_and_factored_prefixes_give_whole_words() {
        assert_eq!(gate(r"(?i)\bcures?\b"), clauses(&[&["|cure|", "|cures|"]]));
        assert_eq!(gate(r"\bneutrali[sz]e"), clauses(&[&["|neutralise", "|neutralize"]]));
    }

    #[test]
    fn a_literal_keeps_the_word_boundaries_at_its_ends() {
        assert_eq!(gate(r"(?i)\b(?:put|app)\b"), clauses(&[&["|app|", "|put|"]]));
        assert_eq!(gate(r"\bapp\s"), clauses(&[&["|app"]]));
        // a boundary before a group reaches the start of each of its branches
        assert_eq!(gate(r"\b(?:put\s+in|keys?\s+in)\s"), clauses(&[&["|key", "|put"]]));
        // a boundary inside: the phrase table cannot ask for that, so it is dropped
        assert_eq!(gate(r"\bapp\b\.\bcom"), clauses(&[&["|app.com"]]));
        // an alternative without the boundary makes the clause keep the weaker literal
        assert_eq!(gate(r"\bcure\b|cure\d"), clauses(&[&["cure"]]));
    }

    #[test]
    fn unicode_case_folding_is_not_an_exact_letter() {
        // (?i)k also matches the Kelvin sign in Unicode mode
        assert_eq!(of_pattern(r"(?i)kkk", true), None);
        assert_eq!(of_pattern(r"(?i)kkk", false).map(written), clauses(&[&["kkk"]]));
    }

    /// Whether a gate literal occurs in `text` the way the phrase table finds it (its own boundary check).
    fn occurs(text: &str, (literal, [left, right]): &Literal) -> bool {
        let bounds = crate::engine::phrases::Bounds { left: *left, right: *right };
        let bytes = text.as_bytes();
        text.match_indices(literal.as_str())
            .any(|(start, l)| crate::engine::phrases::at_word_bounds(bytes, start, start + l.len(), bounds))
    }

    fn pattern() -> impl proptest::strategy::Strategy<Value = String> {
        crate::engine::regex_strategy(&["ab", "bad", "(?i:dab)", "[ab]", r"\s", r"\b", "a"])
    }

    proptest::proptest! {
        /// Soundness: whenever a gated pattern matches, a literal of each of its clauses occurs in the text.
        #[test]
        fn a_match_always_contains_a_gate(pattern in pattern(), text in "[abdAB x_]{0,30}") {
            if let Some(gate) = of_pattern(&pattern, false) {
                let re = regex::bytes::RegexBuilder::new(&pattern).unicode(false).build().unwrap();
                if re.is_match(text.as_bytes()) {
                    let lower = text.to_ascii_lowercase();
                    for clause in &gate {
                        proptest::prop_assert!(clause.iter().any(|l| occurs(&lower, l)), "{gate:?}");
                    }
                }
            }
        }
    }
}
