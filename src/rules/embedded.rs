//! The default rule files as `build.rs` pre-read them: the same tables as the TOML, as JSON, with each lexicon's forms
//! already made and the line of each rule and of each of its keys. Start-up reads these instead of the TOML (a third
//! of a one-post check was parsing TOML and inflecting the census name lists), then validates every rule and lexicon
//! as a ruleset file's are. A test holds the result to what reading the TOML gives.
//!
//! Nothing here reports an error: a file the build could not pre-read, or one whose validation fails, is read again
//! from its TOML by `Ruleset::parse`, which says where the error is.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::schema::RawRule;
use super::{validate, Origin, Ruleset};
use crate::matching::lexicon::{self, Forms, Lexicon, RawLexicon};

/// The pre-read form of each of `DEFAULT_FILES`, in the same order; `None` where the build left it to the TOML.
pub const PREPARSED: &[Option<&str>] = include!(concat!(env!("OUT_DIR"), "/default_preparsed.rs"));

#[derive(Deserialize)]
struct File {
    lists: BTreeMap<String, Vec<String>>,
    kinds: BTreeMap<String, Vec<String>>,
    lexicons: Vec<FileLexicon>,
    rules: Vec<FileRule>,
}

#[derive(Deserialize)]
struct FileLexicon {
    name: String,
    raw: RawLexicon,
    /// `None` when the forms are the words as written.
    forms: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct FileRule {
    line: usize,
    /// The line of each key of the rule table.
    keys: BTreeMap<String, usize>,
    raw: RawRule,
}

/// One default file from its pre-read form, validated; `None` when anything is wrong (the caller then reads the TOML,
/// whose errors have their lines).
pub fn parse(file: &str, json: &str) -> Option<Ruleset> {
    let read: File = serde_json::from_str(json).ok()?;
    let mut set = Ruleset { lists: read.lists, kinds: read.kinds, ..Ruleset::default() };
    for lex in read.lexicons {
        if !lexicon::is_name(&lex.name) {
            return None;
        }
        let forms = lex.forms.map_or(Forms::AsWritten, Forms::Given);
        set.lexicons.insert(lex.name, Lexicon::validate_with(lex.raw, forms).ok()?);
    }
    let mut seen = std::collections::BTreeSet::new();
    for rule in read.rules {
        if !seen.insert(rule.raw.id.clone()) {
            return None;
        }
        let matcher_line = rule.raw.matcher.main_key().and_then(|k| rule.keys.get(k).copied());
        let origin = Origin {
            file: file.to_string(),
            line: rule.line,
            matcher_line: matcher_line.unwrap_or(rule.line),
            embedded: true,
        };
        let keys = &rule.keys;
        set.rules.push(validate(rule.raw, origin, |key| keys.get(key).copied().unwrap_or(rule.line)).ok()?);
    }
    Some(set)
}
