//! `document = { kinds, unless_kinds, platforms, fields, unless_fields, any, unless_any, unless_within,
//! unless_frame, min_distinct, once, registry }`: conditions on the whole post. A condition, not a matcher: it applies
//! to a rule of any kind.

use std::fmt::Write as _;

use serde::Deserialize;

use super::frame::{Frame, LexiconScan, RawFrames};
use super::{Invalid, Kind, ListRefs, Scope};

/// Conditions on the whole post.
#[derive(Clone, Debug, Default)]
pub struct DocumentCondition {
    pub kinds: Vec<String>,
    pub unless_kinds: Vec<String>,
    pub platforms: Vec<String>,
    /// Front-matter (or calendar column) fields that must be present, as dotted paths.
    pub fields: Vec<String>,
    /// Fields whose presence silences the rule (a consent reference).
    pub unless_fields: Vec<String>,
    pub any: Vec<String>,
    pub unless_any: Vec<String>,
    pub unless_within: Option<usize>,
    /// A structure whose presence anywhere in the post silences the rule: what the post is about, told by words
    /// that stand together ("our" + a staff role: "our amazing hygienist") rather than by one fixed phrase.
    pub unless_frame: Option<Frame>,
    pub min_distinct: Option<usize>,
    pub once: bool,
    /// A consent-registry check the post's authorization must fail for the rule to report (`expired`, ...): the
    /// coordinator judges the post against the registry and hands the failed checks to the scan (`Post::registry`).
    pub registry: Option<String>,
}

/// The checks `registry` may name (the coordinator's consent verdicts: `consent::verdict::CHECKS`).
pub const REGISTRY_CHECKS: &[&str] = &["unknown", "revoked", "expired", "scope", "remuneration"];

/// The `document` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    unless_kinds: Vec<String>,
    #[serde(default)]
    platforms: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    unless_fields: Vec<String>,
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    unless_any: Vec<String>,
    unless_within: Option<usize>,
    unless_frame: Option<RawFrames>,
    min_distinct: Option<usize>,
    #[serde(default)]
    once: bool,
    registry: Option<String>,
}

impl DocumentCondition {
    /// Checks the table's shape (no table is no condition); platform names become canonical.
    pub fn validate(raw: Option<RawDocument>) -> Result<DocumentCondition, Invalid> {
        let raw = raw.unwrap_or_default();
        if raw.unless_within.is_some() && raw.unless_any.is_empty() {
            return Err(Invalid::at("unless_within", "`unless_within` needs `unless_any`"));
        }
        if let Some(check) = raw.registry.as_deref().filter(|c| !REGISTRY_CHECKS.contains(c)) {
            let message = format!("unknown registry check `{check}`; known: {}", REGISTRY_CHECKS.join(", "));
            return Err(Invalid::at("registry", message));
        }
        let unless_frame = raw.unless_frame.map(condition_frame).transpose()?;
        Ok(DocumentCondition {
            kinds: raw.kinds,
            unless_kinds: raw.unless_kinds,
            platforms: raw.platforms.iter().map(|p| crate::text::platform::canonical(p)).collect(),
            fields: raw.fields,
            unless_fields: raw.unless_fields,
            any: raw.any,
            unless_any: raw.unless_any,
            unless_within: raw.unless_within,
            unless_frame,
            min_distinct: raw.min_distinct,
            once: raw.once,
            registry: raw.registry,
        })
    }

    /// Resolves the lexicon names of `unless_frame`.
    pub fn expand_lists(&mut self, lists: &dyn ListRefs) -> Result<(), String> {
        self.unless_frame.as_mut().map_or(Ok(()), |frame| frame.expand_lists(lists))
    }

    /// The lexicons (by index) whose hits `unless_frame` reads.
    pub fn lexicons(&self) -> Vec<u32> {
        self.unless_frame.as_ref().map_or_else(Vec::new, Kind::lexicons)
    }

    /// The post-level conditions: kind, platform, fields, required phrases (`any_found`: one of `any` occurs),
    /// markers that silence the rule (`unless_at`: where `unless_any` phrases start, normalised-text bytes) and a
    /// structure that silences it (`unless_frame`, over the post's lexicon hits).
    pub fn allows(&self, scope: &Scope, any_found: bool, unless_at: &[usize], lexicons: &LexiconScan) -> bool {
        let kind = scope.kind;
        if !self.kinds.is_empty() && !kind.is_some_and(|k| self.kinds.iter().any(|d| d == k)) {
            return false;
        }
        if kind.is_some_and(|k| self.unless_kinds.iter().any(|d| d == k)) {
            return false;
        }
        let post = scope.post;
        if self.registry.as_deref().is_some_and(|check| !post.registry.contains(&check)) {
            return false;
        }
        if !self.platforms.is_empty() && !post.platform.is_some_and(|p| self.platforms.iter().any(|d| d == p)) {
            return false;
        }
        if !self.fields.iter().all(|f| has_field(post.fields, f)) {
            return false;
        }
        if self.unless_fields.iter().any(|f| has_field(post.fields, f)) {
            return false;
        }
        if !self.any.is_empty() && !any_found {
            return false;
        }
        let silenced = unless_at.iter().any(|&start| match self.unless_within {
            None => true,
            Some(limit) => {
                let original = scope.view.original_range(start, start + 1).start;
                original >= post.body_start && scope.body_chars_before(original) < limit
            }
        });
        // last: the only condition that may have to lay out the post's sentences
        !silenced && !self.unless_frame.as_ref().is_some_and(|frame| frame.occurs(lexicons))
    }

    /// Its lines of `carelint explain`'s "How it matches".
    pub fn explain(&self, out: &mut String) {
        if !self.kinds.is_empty() {
            let _ = write!(out, "\nOnly in posts of kind: {}", self.kinds.join(", "));
        }
        if !self.platforms.is_empty() {
            let _ = write!(out, "\nOnly in posts for: {}", self.platforms.join(", "));
        }
        if !self.unless_fields.is_empty() {
            let _ = write!(out, "\nSilent when the post declares: {}", self.unless_fields.join(", "));
        }
        if !self.unless_any.is_empty() {
            let _ = write!(out, "\nSilent when the post contains: {}", self.unless_any.join(", "));
        }
        if let Some(frame) = &self.unless_frame {
            let how = frame.explain().replace("\n", "\n  ");
            let _ = write!(out, "\nSilent when the post has this structure anywhere: {how}");
        }
        if let Some(check) = &self.registry {
            let _ =
                write!(out, "\nOnly with a consent registry, when the post's authorization fails the `{check}` check");
        }
    }
}

/// `unless_frame` as a frame: validated as a rule's frame, but a condition reports nothing, so it names no slot to.
fn condition_frame(raw: RawFrames) -> Result<Frame, Invalid> {
    let frame = Frame::validate(Some(raw), false).map_err(|e| Invalid::at("unless_frame", e.message))?;
    if frame.structures.iter().any(|s| s.report.is_some()) {
        return Err(Invalid::at("unless_frame", "`report` names what a finding covers; a condition reports nothing"));
    }
    Ok(frame)
}

/// Whether a dotted field path (`consent.id`) is present with a non-empty value.
fn has_field(fields: &serde_json::Value, path: &str) -> bool {
    use serde_json::Value;
    let value = path.split('.').try_fold(fields, |v, key| v.get(key));
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(toml_text: &str) -> Result<DocumentCondition, Invalid> {
        DocumentCondition::validate(Some(toml::from_str(toml_text).expect("table parses")))
    }

    #[test]
    fn unless_frame_is_a_frame_that_reports_nothing() {
        let ok = document(r#"unless_frame = { slots = ["our", "role"], gap = 2, scope = "post" }"#).expect("valid");
        assert_eq!(ok.unless_frame.expect("a frame").structures.len(), 1);
        let report = document(r#"unless_frame = { slots = ["our", "role=staff"], report = "role" }"#).unwrap_err();
        assert_eq!(report.key, "unless_frame");
        let bad_scope = document(r#"unless_frame = { slots = ["our"], scope = "page" }"#).unwrap_err();
        assert_eq!(bad_scope.key, "unless_frame");
    }
}
