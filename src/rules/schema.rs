//! The ruleset file as written in TOML, before validation. Unknown keys are errors (`deny_unknown_fields`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::{Applicability, Severity};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub kinds: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub rules: Vec<toml::Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub name: String,
    pub category: String,
    pub severity: Severity,
    pub message: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub why: Option<String>,
    #[serde(default)]
    pub references: Vec<String>,
    pub source: Option<String>,
    pub as_of: Option<String>,
    pub notes: Option<String>,
    pub phrases: Option<Vec<String>>,
    pub pattern: Option<String>,
    pub limit: Option<RawLimit>,
    pub validator: Option<String>,
    pub whole_word: Option<bool>,
    pub redact: Option<bool>,
    pub context: Option<RawContext>,
    pub document: Option<RawDocument>,
    pub fix: Option<RawFix>,
    pub no_fix: Option<String>,
    pub examples: Option<RawExamples>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContext {
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub none: Vec<String>,
    pub words: Option<usize>,
    #[serde(default)]
    pub sentence: bool,
    pub after_char: Option<usize>,
}

/// What a `limit` rule counts in a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Unicode characters of the published text.
    Characters,
    /// Characters as X counts them: every link is 23, most non-Latin characters and emoji are 2.
    XCharacters,
    /// Hashtags.
    Hashtags,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimit {
    pub measure: Measure,
    pub max: usize,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub unless_kinds: Vec<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub unless_fields: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub unless_any: Vec<String>,
    pub unless_within: Option<usize>,
    pub min_distinct: Option<usize>,
    #[serde(default)]
    pub once: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAction {
    Redact,
    Remove,
    Replace,
    Prepend,
    Append,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFix {
    pub action: FixAction,
    pub text: Option<String>,
    pub applicability: Applicability,
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub pass: Vec<String>,
}
