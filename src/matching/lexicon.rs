//! Lexicons: named, categorised lists of words and phrases (`[lexicons.efficacy]`), inflected when the ruleset
//! loads and found by the engine's one phrase pass. Frames (`frame`) fill their slots with lexicon hits, and the
//! polarity lexicons (`negation`, `myth`, ...) tell when a clause does not assert what it says.

use serde::Deserialize;

use crate::text::inflect::{self, Inflection};

/// A `[lexicons.NAME]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLexicon {
    pub category: String,
    #[serde(default)]
    pub inflect: Option<String>,
    #[serde(default)]
    pub lookup: Option<String>,
    pub words: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// `hashtags = true`: the lexicon's forms are also found as the words a hashtag is made of (`#curescancer`).
    #[serde(default)]
    pub hashtags: bool,
    /// `fuzzy = true`: a word one typo away from a long single-word form is found as that form (`arthritus`).
    #[serde(default)]
    pub fuzzy: bool,
}

/// How the engine finds a lexicon's forms in a post.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lookup {
    /// In the one phrase automaton, with every rule phrase, on the text and its variant views.
    #[default]
    Automaton,
    /// Word by word in a hash table: for very large lexicons, which the automaton is slow to build. Variant views
    /// (a hashtag written without spaces, letter spacing) are not looked at.
    Token,
}

/// One validated lexicon.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub category: String,
    pub inflection: Inflection,
    pub lookup: Lookup,
    /// The entries as written (`fight|fought`).
    pub words: Vec<String>,
    /// Every form the engine looks for: the entries inflected, without duplicates.
    pub forms: Vec<String>,
    pub description: Option<String>,
    /// Its forms are pieces a hashtag may be split into, and found there (see `engine::hashtags`).
    pub hashtags: bool,
    /// A near-miss spelling of one of its long single-word forms is found as that form (see `engine::fuzzy`).
    pub fuzzy: bool,
}

impl Lexicon {
    /// Checks a lexicon table; the error is a whole message (the ruleset adds file, line and lexicon name).
    pub fn validate(raw: RawLexicon) -> Result<Lexicon, String> {
        Lexicon::validate_with(raw, None)
    }

    /// `validate` with the forms already made (by `build.rs`, for the default rules: inflecting their thousands of
    /// words at every start was a tenth of a one-post check), or made here when `None`.
    pub fn validate_with(raw: RawLexicon, forms: Option<Vec<String>>) -> Result<Lexicon, String> {
        let word_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if raw.category.is_empty() || !raw.category.chars().all(word_char) {
            return Err(format!("category `{}` must be a lower-case word", raw.category));
        }
        let inflection = match raw.inflect.as_deref() {
            None => Inflection::None,
            Some(name) => Inflection::parse(name)
                .ok_or_else(|| format!("`inflect = \"{name}\"` is not one of \"none\", \"verb\", \"noun\""))?,
        };
        let lookup = match raw.lookup.as_deref() {
            None | Some("automaton") => Lookup::Automaton,
            Some("token") => Lookup::Token,
            Some(other) => return Err(format!("`lookup = \"{other}\"` is not one of \"automaton\", \"token\"")),
        };
        if raw.words.is_empty() {
            return Err("`words` must list at least one word".into());
        }
        if let Some(bad) = raw.words.iter().find(|w| w.split('|').any(|part| part.trim().is_empty())) {
            return Err(format!("`words` has an empty entry or form: \"{bad}\""));
        }
        let forms = forms.unwrap_or_else(|| {
            let mut forms = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for word in &raw.words {
                for form in inflect::forms(word, inflection) {
                    if seen.insert(form.clone()) {
                        forms.push(form);
                    }
                }
            }
            forms
        });
        Ok(Lexicon {
            hashtags: raw.hashtags,
            fuzzy: raw.fuzzy,
            category: raw.category,
            inflection,
            lookup,
            words: raw.words,
            forms,
            description: raw.description,
        })
    }
}

/// Whether a form is written in capitals only (`MS`, `AIDS`): such a form matches only capitals, so that `MS` is
/// not `Ms.` and `AIDS` is not `aids digestion`.
pub fn capitals_only(form: &str) -> bool {
    form.chars().any(|c| c.is_uppercase()) && !form.chars().any(|c| c.is_lowercase())
}

/// Whether `name` can name a lexicon (the characters of a list name: ASCII letters, digits, `_`, `-`).
pub fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(super::lists::is_name_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(category: &str, inflect: Option<&str>, words: &[&str]) -> RawLexicon {
        RawLexicon {
            category: category.into(),
            inflect: inflect.map(Into::into),
            lookup: None,
            words: words.iter().map(|w| w.to_string()).collect(),
            description: None,
            hashtags: false,
            fuzzy: false,
        }
    }

    #[test]
    fn forms_are_generated_once() {
        let lex = Lexicon::validate(raw("claim-verb", Some("verb"), &["treat", "cure", "treat"])).unwrap();
        assert_eq!(lex.forms, ["treat", "treats", "treated", "treating", "cure", "cures", "cured", "curing"]);
        assert_eq!(lex.words.len(), 3, "the entries stay as written");
    }

    #[test]
    fn bad_tables_say_what_is_wrong() {
        let err = |r| Lexicon::validate(r).unwrap_err();
        assert!(err(raw("Claim", None, &["x"])).contains("lower-case"));
        assert!(err(raw("claim", Some("adverb"), &["x"])).contains("\"verb\""));
        assert!(err(raw("claim", None, &[])).contains("at least one"));
        assert!(err(raw("claim", None, &["fight|"])).contains("\"fight|\""));
    }
}
