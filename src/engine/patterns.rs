//! The regex rules: one `RegexSet` pass tells which rules can match a post; only those rules' own regexes run,
//! and each is compiled the first time a post needs it (most runs never need most of them).

use std::sync::OnceLock;

use anyhow::Context as _;
use regex::{Regex, RegexSet};

use crate::rules::validators::{self, Validator};

/// Rewrites `\b` and `\B` outside character classes to ASCII word boundaries. The Unicode boundary makes the
/// regex crate leave its DFA on any non-ASCII byte (emoji, curly quotes): about 300× slower on real posts.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class_depth == 0 && chars.peek() != Some(&'{') => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
                // a ']' right after '[' or '[^' is a literal, not the end of the class
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

struct PatternRule {
    rule: u32,
    source: String,
    validator: Option<Validator>,
    has_value_group: bool,
    compiled: OnceLock<Result<Regex, String>>,
}

pub struct PatternSet {
    set: RegexSet,
    rules: Vec<PatternRule>,
}

/// One candidate match of a pattern rule, in normalised-text bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    pub rule: u32,
    pub start: usize,
    pub end: usize,
}

impl PatternSet {
    /// `patterns`: (rule index, pattern as written, validator name).
    pub fn new(patterns: Vec<(u32, &str, Option<&str>)>) -> anyhow::Result<PatternSet> {
        let mut rules = Vec::with_capacity(patterns.len());
        for (rule, pattern, validator) in patterns {
            let source = ascii_word_boundaries(pattern);
            let validator = match validator {
                Some(name) => Some(validators::lookup(name).with_context(|| format!("unknown validator `{name}`"))?),
                None => None,
            };
            rules.push(PatternRule {
                rule,
                has_value_group: source.contains("(?P<value>") || source.contains("(?<value>"),
                source,
                validator,
                compiled: OnceLock::new(),
            });
        }
        let set = RegexSet::new(rules.iter().map(|r| r.source.as_str()))?;
        Ok(PatternSet { set, rules })
    }

    /// Rule indexes that the set says can match, so the caller can skip rules whose post conditions fail.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        if self.rules.is_empty() {
            return Vec::new();
        }
        self.set.matches(text).into_iter().collect()
    }

    pub fn rule_of(&self, candidate: usize) -> u32 {
        self.rules[candidate].rule
    }

    /// All validated matches of one candidate rule.
    pub fn find(&self, candidate: usize, text: &str, out: &mut Vec<PatternMatch>) -> anyhow::Result<()> {
        let pr = &self.rules[candidate];
        let regex = pr
            .compiled
            .get_or_init(|| Regex::new(&pr.source).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| anyhow::anyhow!("regex of rule #{} failed to compile: {e}", pr.rule))?;
        let mut push = |start: usize, end: usize| {
            if start == end {
                return;
            }
            if let Some(check) = pr.validator {
                if !check(&text[start..end]) {
                    return;
                }
            }
            out.push(PatternMatch { rule: pr.rule, start, end });
        };
        if pr.has_value_group {
            for caps in regex.captures_iter(text) {
                if let Some(m) = caps.name("value").or_else(|| caps.get(0)) {
                    push(m.start(), m.end());
                }
            }
        } else {
            for m in regex.find_iter(text) {
                push(m.start(), m.end());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_word_boundaries(r"\bssn\b"), r"(?-u:\b)ssn(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"\B-x"), r"(?-u:\B)-x");
    }

    #[test]
    fn escaped_backslash_and_classes_are_left_alone() {
        assert_eq!(ascii_word_boundaries(r"\\b"), r"\\b");
        assert_eq!(ascii_word_boundaries(r"[\b]x\b"), r"[\b]x(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"[]a]\b"), r"[]a](?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"\b{start}x"), r"\b{start}x");
    }

    #[test]
    fn value_group_narrows_the_match_and_validator_filters() {
        let set = PatternSet::new(vec![(7, r"(?i)\bssn:?\s*(?P<value>\d{3}-\d{2}-\d{4})", Some("ssn"))]).unwrap();
        let text = "SSN: 219-45-6781 and ssn 000-12-3456";
        let cands = set.candidates(text);
        assert_eq!(cands, vec![0]);
        let mut out = Vec::new();
        set.find(0, text, &mut out).unwrap();
        assert_eq!(out, vec![PatternMatch { rule: 7, start: 5, end: 16 }]);
    }
}
