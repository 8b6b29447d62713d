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
    /// The entries as written (`fight|fought`); empty when they are exactly the forms (the census name lists, tens
    /// of thousands of names: one copy instead of two). `entries` reads either.
    words: Vec<String>,
    /// Every form the engine looks for: the entries inflected, without duplicates.
    pub forms: Vec<String>,
    pub description: Option<String>,
    /// Its forms are pieces a hashtag may be split into, and found there (see `engine::hashtags`).
    pub hashtags: bool,
    /// A near-miss spelling of one of its long single-word forms is found as that form (see `engine::fuzzy`).
    pub fuzzy: bool,
}

/// Where `Lexicon::validate_with` takes a lexicon's forms from.
pub enum Forms {
    /// Made from the words and the inflection.
    Make,
    /// Made already, by `build.rs` for the default rules: inflecting their thousands of words at every start was a
    /// tenth of a one-post check.
    Given(Vec<String>),
    /// The words as written, which `build.rs` found to be the forms.
    AsWritten,
}

impl Lexicon {
    /// Checks a lexicon table; the error is a whole message (the ruleset adds file, line and lexicon name).
    pub fn validate(raw: RawLexicon) -> Result<Lexicon, String> {
        Lexicon::validate_with(raw, Forms::Make)
    }

    /// The entries as written.
    pub fn entries(&self) -> &[String] {
        if self.words.is_empty() {
            &self.forms
        } else {
            &self.words
        }
    }

    /// `validate` with the forms taken from `forms`.
    pub fn validate_with(raw: RawLexicon, forms: Forms) -> Result<Lexicon, String> {
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
        let (words, forms) = match forms {
            Forms::AsWritten => (Vec::new(), raw.words),
            Forms::Given(forms) => one_copy(raw.words, forms),
            Forms::Make => {
                let forms = made_forms(&raw.words, inflection);
                one_copy(raw.words, forms)
            }
        };
        Ok(Lexicon {
            category: raw.category,
            inflection,
            lookup,
            words,
            forms,
            description: raw.description,
            hashtags: raw.hashtags,
            fuzzy: raw.fuzzy,
        })
    }
}

/// Every form of the words, each once, in order.
fn made_forms(words: &[String], inflection: Inflection) -> Vec<String> {
    let mut forms = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for word in words {
        for form in inflect::forms(word, inflection) {
            if seen.insert(form.clone()) {
                forms.push(form);
            }
        }
    }
    forms
}

/// (words, forms), the words left out when they are the forms (see `Lexicon::words`), so that a lexicon read from
/// its TOML and from its pre-read form are the same.
fn one_copy(words: Vec<String>, forms: Vec<String>) -> (Vec<String>, Vec<String>) {
    if words == forms {
        (Vec::new(), forms)
    } else {
        (words, forms)
    }
}

#[cfg(test)]
impl RawLexicon {
    /// A lexicon table for tests: these words in `category`, no inflection, looked up by the automaton.
    pub fn of_words(category: &str, words: &[&str]) -> RawLexicon {
        RawLexicon {
            category: category.into(),
            inflect: None,
            lookup: None,
            words: words.iter().map(|w| w.to_string()).collect(),
            description: None,
            hashtags: false,
            fuzzy: false,
        }
    }
}

/// Whether a form is written in capitals only (`MS`, `AIDS`): such a form matches only capitals, so that `MS` is
/// not `Ms.` and `AIDS` is not `aids digestion`.
pub fn capitals_only(form: &str) -> bool {
    // every lexicon form passes here at start-up, nearly all of them ASCII
    if form.is_ascii() {
        return form.bytes().any(|b| b.is_ascii_uppercase()) && !form.bytes().any(|b| b.is_ascii_lowercase());
    }
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
        RawLexicon { inflect: inflect.map(Into::into), ..RawLexicon::of_words(category, words) }
    }

    #[test]
    fn forms_are_generated_once() {
        let lex = Lexicon::validate(raw("claim-verb", Some("verb"), &["treat", "cure", "treat"])).unwrap();
        assert_eq!(lex.forms, ["treat", "treats", "treated", "treating", "cure", "cures", "cured", "curing"]);
        assert_eq!(lex.entries().len(), 3, "the entries stay as written");
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
