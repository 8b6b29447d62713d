//! Bounds on what a ruleset may ask the engine to compile, checked when the ruleset loads: a hostile or careless
//! pattern (400,000 alternatives, `a{1000}{1000}`, a nest of Unicode classes) must fail at once with its rule and
//! line, not take minutes and gigabytes at the first post. The compile-time size limits of the regex builders stay as
//! the last line of defence.

use regex_syntax::hir::{Class, Hir, HirKind};
use regex_syntax::utf8::Utf8Sequences;

use super::pattern::compiled_source;
use super::pattern::source::ascii_compatible;

/// Longest pattern, in bytes, after `@{list}` expansion: parsing is linear but takes about 100 bytes of memory per
/// byte of pattern (the default rules' longest is under 12 KB). A longer list belongs in `phrases`.
pub const MAX_PATTERN_BYTES: usize = 64 * 1024;

/// Deepest nesting of groups, repetitions and alternations (the regex crate's own default is 250).
pub const MAX_NEST: u32 = 64;

/// Largest count of one counted repetition (`x{1000}`).
pub const MAX_REPEAT: u32 = 1_000;

/// Largest estimated size of the compiled pattern, in NFA states (roughly: bytes of literal, UTF-8 sequences of
/// classes, multiplied out through repetitions): a few MB of memory for each of the pattern's compiled forms. The
/// default rules' biggest is about 22,000 (a long list of literal words).
pub const MAX_STATES: u64 = 100_000;

/// Largest estimated size of the repeated parts of a pattern (`x{n}` counts x n times), in NFA states. Scanning
/// costs up to these states for every byte of text where the repeated part keeps matching: on 100 KB of `a`,
/// `a{1000}` takes about 3 s, `a{1000}{1000}` (10^6 states) 85 s and more. The default rules' biggest is a few hundred.
pub const MAX_REPEATED_STATES: u64 = 4_000;

/// Most phrases a rule may list (matcher, context and post markers together, lists expanded).
pub const MAX_RULE_PHRASES: usize = 100_000;

/// Most bytes of phrases a rule may list (the same phrases). 10,000 claim phrases are about 300 KB.
pub const MAX_RULE_PHRASE_BYTES: usize = 4 << 20;

/// Checks a pattern as written (lists expanded) against the bounds, parsing it the way the engine compiles it.
/// The error says which bound is exceeded and by how much, never the pattern itself.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    if pattern.len() > MAX_PATTERN_BYTES {
        return Err(format!(
            "pattern is {} bytes long, over the limit of {MAX_PATTERN_BYTES}; \
             put long lists of words in `phrases`",
            pattern.len()
        ));
    }
    // syntax errors point into the pattern as written; the sizes are those of the pattern the engine compiles
    parser(true).parse(pattern).map_err(|e| syntax_error(&e))?;
    let source = compiled_source(pattern);
    let hir = parser(!ascii_compatible(&source)).parse(&source).map_err(|e| syntax_error(&e))?;
    if let Some(count) = largest_repeat(&hir).filter(|&n| n > MAX_REPEAT) {
        return Err(format!("pattern repeats something {count} times, over the limit of {MAX_REPEAT}"));
    }
    let repeated = repeated_states(&hir);
    if repeated > MAX_REPEATED_STATES {
        return Err(format!(
            "pattern's repetitions would compile to about {repeated} states, over the limit of \
             {MAX_REPEATED_STATES} (counts multiply: `a{{100}}{{50}}` is 5,000)"
        ));
    }
    let states = estimated_states(&hir);
    if states > MAX_STATES {
        return Err(format!(
            "pattern would compile to about {states} states, over the limit of {MAX_STATES} \
             (nested repetitions multiply; Unicode classes such as `(?u:\\w)` are large)"
        ));
    }
    Ok(())
}

fn parser(unicode: bool) -> regex_syntax::Parser {
    regex_syntax::ParserBuilder::new().nest_limit(MAX_NEST).unicode(unicode).utf8(false).build()
}

fn syntax_error(e: &regex_syntax::Error) -> String {
    match e {
        regex_syntax::Error::Parse(p) if matches!(p.kind(), regex_syntax::ast::ErrorKind::NestLimitExceeded(_)) => {
            format!("pattern nests groups or repetitions more than {MAX_NEST} deep")
        }
        other => format!("invalid regex: {other}"),
    }
}

/// The largest count of a counted repetition anywhere in the pattern.
fn largest_repeat(hir: &Hir) -> Option<u32> {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let own = rep.max.unwrap_or(rep.min).max(rep.min);
            Some(largest_repeat(&rep.sub).map_or(own, |inner| inner.max(own)))
        }
        HirKind::Capture(cap) => largest_repeat(&cap.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().filter_map(largest_repeat).max(),
        _ => None,
    }
}

/// The scanning cost of the parts of a pattern that are repeated more than once (outermost repetitions): like
/// `estimated_states`, but a class costs one state per byte of the characters it matches, as a scan follows only
/// the bytes of the text, not every range of the class.
fn repeated_states(hir: &Hir) -> u64 {
    match hir.kind() {
        HirKind::Repetition(rep) if rep.max.is_none_or(|max| max > 1) => weight(hir, &class_width),
        HirKind::Repetition(rep) => repeated_states(&rep.sub),
        HirKind::Capture(cap) => repeated_states(&cap.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().fold(0u64, |sum, part| sum.saturating_add(repeated_states(part)))
        }
        _ => 0,
    }
}

/// About how many NFA states the pattern compiles to.
fn estimated_states(hir: &Hir) -> u64 {
    weight(hir, &class_states)
}

/// A class compiles to its ranges' UTF-8 byte sequences.
fn class_states(class: &Class) -> u64 {
    match class {
        Class::Bytes(class) => class.ranges().len() as u64,
        Class::Unicode(class) => {
            class.ranges().iter().map(|r| Utf8Sequences::new(r.start(), r.end()).count() as u64).sum()
        }
    }
}

/// The most bytes one character of a class takes.
fn class_width(class: &Class) -> u64 {
    match class {
        Class::Bytes(_) => 1,
        Class::Unicode(class) => class.ranges().last().map_or(1, |r| r.end().len_utf8() as u64),
    }
}

/// States of a pattern, with `class` the cost of a class; saturates instead of overflowing.
fn weight(hir: &Hir, class: &dyn Fn(&Class) -> u64) -> u64 {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(lit) => lit.0.len() as u64,
        HirKind::Class(c) => class(c),
        HirKind::Repetition(rep) => {
            // x{n,m} compiles x m times; x{n,} compiles it n times and a loop
            let copies = rep.max.map_or(u64::from(rep.min) + 1, u64::from).max(1);
            weight(&rep.sub, class).saturating_mul(copies).saturating_add(1)
        }
        HirKind::Capture(cap) => weight(&cap.sub, class).saturating_add(2),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().fold(1u64, |sum, part| sum.saturating_add(weight(part, class)))
        }
    }
}

/// Checks the phrases of one rule (all its phrase fields, lists expanded) against the bounds.
pub fn check_phrases<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Result<(), String> {
    let (mut count, mut bytes) = (0usize, 0usize);
    for phrase in phrases {
        count += 1;
        bytes += phrase.len();
    }
    if count > MAX_RULE_PHRASES {
        return Err(format!("{count} phrases (lists expanded), over the limit of {MAX_RULE_PHRASES}"));
    }
    if bytes > MAX_RULE_PHRASE_BYTES {
        return Err(format!("{bytes} bytes of phrases (lists expanded), over the limit of {MAX_RULE_PHRASE_BYTES}"));
    }
    Ok(())
}

/// The estimated states of a pattern that passed `check_pattern`, whole and of its repeated parts, for the test
/// that the bounds leave room above the default rules (in `rules`, which loads them).
#[cfg(test)]
pub(crate) fn estimated_sizes(pattern: &str) -> (u64, u64) {
    let source = compiled_source(pattern);
    let hir = parser(!ascii_compatible(&source)).parse(&source).expect("the pattern passed check_pattern");
    (estimated_states(&hir), repeated_states(&hir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_patterns_pass() {
        for p in [r"\bTCK-[0-9]{6}\b", r"(?i)\bssn:?\s*(?P<value>\d{3}-\d{2}-\d{4})", r"caf[é]\w{0,40}", "a{1000}"] {
            assert_eq!(check_pattern(p), Ok(()), "{p}");
        }
    }

    #[test]
    fn each_bound_has_its_own_error() {
        let long = format!("(?:{})", (0..10_000).map(|i| format!("w{i:06}")).collect::<Vec<_>>().join("|"));
        assert!(check_pattern(&long).unwrap_err().contains("bytes long"));
        let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        assert!(check_pattern(&deep).unwrap_err().contains("deep"), "{:?}", check_pattern(&deep));
        assert!(check_pattern("a{1001}").unwrap_err().contains("repeats something 1001 times"));
        assert!(check_pattern("a{1000}{1000}").unwrap_err().contains("repetitions would compile"));
        assert!(check_pattern(r"(?u:\w{50}){50}").unwrap_err().contains("repetitions would compile"));
        let huge = format!("(?u:{})", r"\w".repeat(120));
        assert!(check_pattern(&huge).unwrap_err().contains("compile to about"), "{:?}", check_pattern(&huge));
        assert!(check_pattern("a{2,").unwrap_err().starts_with("invalid regex"), "{:?}", check_pattern("a{2,"));
    }

    #[test]
    fn ascii_classes_are_cheaper_than_unicode_ones() {
        // the engine runs an ASCII pattern in ASCII mode: `\w` is one small class there
        assert!(
            estimated_states(&regex_syntax::ParserBuilder::new().unicode(false).build().parse(r"\w").unwrap()) < 10
        );
        assert!(estimated_states(&regex_syntax::Parser::new().parse(r"\w").unwrap()) > 500);
    }

    #[test]
    fn phrases_are_bounded_by_count_and_bytes() {
        let few = vec!["miracle cure".to_string(); 10];
        assert_eq!(check_phrases(&few), Ok(()));
        let many = vec!["x".to_string(); MAX_RULE_PHRASES + 1];
        assert!(check_phrases(&many).unwrap_err().contains("phrases"));
        let big = vec!["y".repeat(1 << 20); 5];
        assert!(check_phrases(&big).unwrap_err().contains("bytes of phrases"));
    }
}
