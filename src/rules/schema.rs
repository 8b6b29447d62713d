//! The ruleset file as written in TOML, before validation. Unknown keys are errors: a rule table accepts the common
//! keys below and the keys of the registered matcher kinds (`matching`), and nothing else.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::finding::{Applicability, Severity};
use crate::matching::context::RawContext;
use crate::matching::document::RawDocument;
use crate::matching::lexicon::RawLexicon;
use crate::matching::{self, RawMatcher};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub kinds: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub lexicons: BTreeMap<String, toml::Spanned<RawLexicon>>,
    #[serde(default)]
    pub rules: Vec<toml::Spanned<RawRule>>,
}

/// One `[[rules]]` table as written.
pub struct RawRule {
    pub id: String,
    pub aliases: Vec<String>,
    pub name: String,
    pub category: String,
    pub severity: Severity,
    pub message: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub why: Option<String>,
    pub references: Vec<String>,
    pub source: Option<String>,
    pub as_of: Option<String>,
    pub notes: Option<String>,
    pub matcher: RawMatcher,
    pub whole_word: Option<bool>,
    pub redact: Option<bool>,
    pub allowlist: Option<bool>,
    pub context: Option<RawContext>,
    pub document: Option<RawDocument>,
    pub fix: Option<RawFix>,
    pub no_fix: Option<String>,
    pub examples: Option<RawExamples>,
}

/// The keys a rule table has whatever it matches: those before the matcher keys and those after, in the order
/// error messages list them.
const HEAD_KEYS: &[&str] = &[
    "id",
    "aliases",
    "name",
    "category",
    "severity",
    "message",
    "summary",
    "description",
    "why",
    "references",
    "source",
    "as_of",
    "notes",
];
const TAIL_KEYS: &[&str] = &["whole_word", "redact", "allowlist", "context", "document", "fix", "no_fix", "examples"];

/// Every key a rule table may have.
fn rule_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| HEAD_KEYS.iter().copied().chain(matching::keys()).chain(TAIL_KEYS.iter().copied()).collect())
}

/// A known key of a rule table; an unknown one fails as it is read, so that the error points at it.
struct Key(&'static str);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                let keys = rule_keys();
                keys.iter().find(|k| **k == key).map(|k| Key(k)).ok_or_else(|| E::unknown_field(key, keys))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for RawRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawRule, D::Error> {
        deserializer.deserialize_struct("RawRule", rule_keys(), RuleVisitor)
    }
}

struct RuleVisitor;

impl<'de> Visitor<'de> for RuleVisitor {
    type Value = RawRule;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct RawRule")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRule, A::Error> {
        let (mut id, mut name, mut category, mut severity, mut message) = (None, None, None, None, None);
        let mut rule = RawRule {
            id: String::new(),
            aliases: Vec::new(),
            name: String::new(),
            category: String::new(),
            severity: Severity::Info,
            message: String::new(),
            summary: None,
            description: None,
            why: None,
            references: Vec::new(),
            source: None,
            as_of: None,
            notes: None,
            matcher: RawMatcher::default(),
            whole_word: None,
            redact: None,
            allowlist: None,
            context: None,
            document: None,
            fix: None,
            no_fix: None,
            examples: None,
        };
        while let Some(Key(key)) = map.next_key()? {
            match key {
                "id" => id = Some(map.next_value()?),
                "aliases" => rule.aliases = map.next_value()?,
                "name" => name = Some(map.next_value()?),
                "category" => category = Some(map.next_value()?),
                "severity" => severity = Some(map.next_value()?),
                "message" => message = Some(map.next_value()?),
                "summary" => rule.summary = map.next_value()?,
                "description" => rule.description = map.next_value()?,
                "why" => rule.why = map.next_value()?,
                "references" => rule.references = map.next_value()?,
                "source" => rule.source = map.next_value()?,
                "as_of" => rule.as_of = map.next_value()?,
                "notes" => rule.notes = map.next_value()?,
                "whole_word" => rule.whole_word = map.next_value()?,
                "redact" => rule.redact = map.next_value()?,
                "allowlist" => rule.allowlist = map.next_value()?,
                "context" => rule.context = map.next_value()?,
                "document" => rule.document = map.next_value()?,
                "fix" => rule.fix = map.next_value()?,
                "no_fix" => rule.no_fix = map.next_value()?,
                "examples" => rule.examples = map.next_value()?,
                matcher_key => rule.matcher.read(matcher_key, &mut map)?,
            }
        }
        rule.id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        rule.name = name.ok_or_else(|| de::Error::missing_field("name"))?;
        rule.category = category.ok_or_else(|| de::Error::missing_field("category"))?;
        rule.severity = severity.ok_or_else(|| de::Error::missing_field("severity"))?;
        rule.message = message.ok_or_else(|| de::Error::missing_field("message"))?;
        Ok(rule)
    }
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

impl FixAction {
    /// The action as a rule file names it.
    pub fn name(self) -> &'static str {
        match self {
            FixAction::Redact => "redact",
            FixAction::Remove => "remove",
            FixAction::Replace => "replace",
            FixAction::Prepend => "prepend",
            FixAction::Append => "append",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFix {
    pub action: FixAction,
    pub text: Option<String>,
    /// How safe the fix is (`safe`: `--fix` applies it; `unsafe`: only `--unsafe-fixes`); when left out, a redaction
    /// is safe and every other action unsafe (see `rules::fix_safety`).
    pub applicability: Option<Applicability>,
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
