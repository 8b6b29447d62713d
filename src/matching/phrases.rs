//! `phrases = ["miracle cure", "@claims"]`: literal phrases, found by the engine's shared phrase table in the
//! normalised text and its variant views (`whole_word` says whether they must stand as whole words).

use std::fmt::Write as _;

use serde::de::MapAccess;

use super::{leftmost_longest, Found, Invalid, Kind, ListRefs, RuleScan};

/// Literal phrases (lists expanded once the ruleset is resolved).
#[derive(Clone, Debug)]
pub struct Phrases {
    pub phrases: Vec<String>,
}

impl Kind for Phrases {
    const KEY: &'static str = "phrases";
    type Raw = Vec<String>;

    fn read<'de, A: MapAccess<'de>>(raw: &mut Vec<String>, _key: &str, map: &mut A) -> Result<(), A::Error> {
        *raw = map.next_value()?;
        Ok(())
    }

    fn validate(phrases: Vec<String>, _embedded: bool) -> Result<Phrases, Invalid> {
        if phrases.is_empty() || phrases.iter().any(|p| p.trim().is_empty()) {
            return Err(Invalid::at("phrases", "`phrases` must list at least one non-empty phrase"));
        }
        Ok(Phrases { phrases })
    }

    fn expand_lists(&mut self, lists: &dyn ListRefs) -> Result<(), String> {
        lists.expand_items(&mut self.phrases)
    }

    fn phrases(&self) -> &[String] {
        &self.phrases
    }

    fn find(&self, scan: &RuleScan, allowed: impl FnOnce() -> bool) -> Option<Found> {
        if scan.phrases.is_empty() || !allowed() {
            return None;
        }
        Some(Found::Spans(leftmost_longest(scan.phrases)))
    }

    fn explain(&self) -> String {
        let p = &self.phrases;
        let shown: Vec<&str> = p.iter().take(12).map(String::as_str).collect();
        let more = if p.len() > 12 { format!(" (and {} more)", p.len() - 12) } else { String::new() };
        format!("Phrases: \"{}\"{more}", shown.join("\", \""))
    }

    /// Each phrase as a case-insensitive literal, between ASCII word boundaries where it starts or ends with a
    /// letter or digit.
    fn export(&self, out: &mut String) {
        for p in &self.phrases {
            let p = p.trim();
            let edge = |c: Option<char>| if c.is_some_and(|c| c.is_ascii_alphanumeric()) { "(?-u:\\b)" } else { "" };
            let (left, right) = (edge(p.chars().next()), edge(p.chars().last()));
            let _ = writeln!(out, "(?i){left}{}{right}", regex::escape(p));
        }
    }
}
