//! `pattern = '\bTCK-[0-9]{6}\b'`: a regex, run by the engine's shared pattern set, with an optional `validator`
//! that a match (or its `value` group) must pass. Here too what a pattern's source means to the engine: how it is
//! compiled (`compiled`), which mode it runs in and its fingerprint (`source`), and the validators (`validators`).

pub mod compiled;
pub mod source;
pub mod validators;

use serde::de::MapAccess;

pub use compiled::compiled_source;

use super::{leftmost_longest, lists, Found, Invalid, Kind, ListRefs, RuleScan};

/// A regex as written (lists expanded once the ruleset is resolved), with an optional named validator.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub pattern: String,
    pub validator: Option<String>,
}

/// The `pattern` and `validator` keys as read.
#[derive(Default)]
pub struct RawPattern {
    pattern: String,
    validator: Option<String>,
}

impl Kind for Pattern {
    const KEY: &'static str = "pattern";
    const OPTIONS: &'static [&'static str] = &["validator"];
    type Raw = RawPattern;

    fn read<'de, A: MapAccess<'de>>(raw: &mut RawPattern, key: &str, map: &mut A) -> Result<(), A::Error> {
        match key {
            "validator" => raw.validator = Some(map.next_value()?),
            _ => raw.pattern = map.next_value()?,
        }
        Ok(())
    }

    fn validate(raw: RawPattern, embedded: bool) -> Result<Pattern, Invalid> {
        // `@{list}` is expanded when the lists are known; check the rest now (syntax and size limits)
        if !embedded {
            let placeholder = lists::replace_refs(&raw.pattern, |_| Some("(?:x)".into())).unwrap_or_default();
            super::limits::check_pattern(&placeholder).map_err(|e| Invalid::at("pattern", e))?;
        }
        if let Some(v) = &raw.validator {
            if validators::lookup(v).is_none() {
                let known = validators::NAMES.join(", ");
                return Err(Invalid::at("validator", format!("unknown validator `{v}`; known: {known}")));
            }
        }
        Ok(Pattern { pattern: raw.pattern, validator: raw.validator })
    }

    fn expand_lists(&mut self, lists: &dyn ListRefs) -> Result<(), String> {
        if self.pattern.contains("@{") {
            self.pattern = lists.expand_pattern(&self.pattern)?;
        }
        Ok(())
    }

    fn pattern(&self) -> Option<(&str, Option<&str>)> {
        Some((&self.pattern, self.validator.as_deref()))
    }

    /// The pattern set already left the rule out of a post whose conditions fail.
    fn find(&self, scan: &RuleScan, _allowed: impl FnOnce() -> bool) -> Option<Found> {
        // a match in a variant view can overlap the same match in the text itself
        let mut spans: Vec<(usize, usize)> =
            scan.patterns.iter().filter(|m| m.rule as usize == scan.rule).map(|m| (m.start, m.end)).collect();
        if spans.is_empty() {
            return None;
        }
        spans.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
        Some(Found::Spans(leftmost_longest(&spans)))
    }

    fn explain(&self) -> String {
        let v = self.validator.as_ref().map(|v| format!(", validated as `{v}`")).unwrap_or_default();
        format!("Pattern: {}{v}", self.pattern)
    }

    /// The regex as the engine compiles it (normalised, ASCII `\b`); ripgrep joins the lines into one regex, so
    /// group names must go.
    fn export(&self, out: &mut String) {
        let source = compiled_source(&self.pattern);
        out.push_str(&source.replace("(?P<value>", "(?:").replace("(?<value>", "(?:"));
        out.push('\n');
    }
}
