//! Value shapes: `$secret` and `$token` fill a slot with a value, a run of text without white space, that passes the
//! pattern validator of the same name (`docs/rules.md`, validators). A frame puts the value after its label words
//! (`slots = ["label=sec_label", "value=$secret"]`), so the label's wording lives in a lexicon and only the shape
//! of the value is code: a long regex alternation of labels and connectors is not needed.

use crate::matching::pattern::validators::{self, Validator};

/// A value shape: which validator a filler must pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A password, passcode or code (`validator = "secret"`): `Tulip#2026`, `4821`, `"sunshine"`.
    Secret,
    /// An API key or token (`validator = "token"`): 16 or more characters of high entropy.
    Token,
    /// A login written as a pair only: a user name that looks like one, a separator and a secret
    /// (`clinic_ig / Molar$Day9`, `desk02 with Finch$44`); a secret on its own is no login.
    Login,
}

impl Value {
    /// The validator the value must pass; the names are the validators' own, so the registry always has them.
    fn validator(self) -> Option<Validator> {
        validators::lookup(match self {
            Value::Secret | Value::Login => "secret",
            Value::Token => "token",
        })
    }
}

/// Characters that open or close a value without being part of it: brackets, and the punctuation of the sentence
/// it stands in. Quotes are kept when they enclose the whole value (the validator reads a quoted value as one).
const OPENERS: &[char] = &['(', '[', '{', '<', '*', '`'];
const CLOSERS: &[char] = &[')', ']', '}', '>', '*', '`', '.', ',', ';', ':', '!', '?'];
const QUOTES: &[char] = &['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];

/// What may stand between the two halves of a login written as a pair (`jdoe / Maple77$`, `frontdesk | Sunrise!26`,
/// `sign in as reception01 with Pelican$7`).
const PAIR_SEPARATORS: &[&str] = &["/", "//", "|", "+", "&", "with", "using"];

/// The separators that are words: they join a pair only after a user name that looks like one, since an ordinary
/// word before them is a verb ('it unlocks with 583920': the value is the code alone, after its label).
const WORD_SEPARATORS: &[&str] = &["with", "using"];

/// Spans of the values of this shape in `text`. A login written as a pair of values with a separator between them
/// is one span, so that masking the finding masks both halves.
pub fn find(value: Value, text: &str) -> Vec<(usize, usize)> {
    let Some(validator) = value.validator() else { return Vec::new() };
    let runs = runs(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let (s, e) = trimmed(text, runs[i]);
        let passes = s < e && validator(&text[s..e]);
        // `user / password`: the user name need not look like a secret, the password must
        let joins = |r: &&(usize, usize)| {
            let separator = &text[r.0..r.1];
            let user = user_like(&text[s..e]);
            PAIR_SEPARATORS.contains(&separator)
                && (!WORD_SEPARATORS.contains(&separator) || user)
                && (value != Value::Login || user)
        };
        let pair = runs.get(i + 1).filter(joins).and(runs.get(i + 2));
        if let Some(&second) = pair.filter(|_| s < e) {
            let (s2, e2) = trimmed(text, second);
            if s2 < e2 && validator(&text[s2..e2]) {
                out.push((s, e2));
                i += 3;
                continue;
            }
        }
        if passes && value != Value::Login {
            out.push((s, e));
        }
        i += 1;
    }
    out
}

/// A user name by its shape: letters with a digit, `_`, `@` or `.`, or an inner capital (`reception01`, `j.doe`,
/// `DeskTwo`), which a verb or an ordinary word does not have.
fn user_like(run: &str) -> bool {
    let inner_capital = run.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    run.bytes().any(|b| b.is_ascii_alphabetic()) && (inner_capital || run.bytes().any(|b| b.is_ascii_digit() || b"_@.".contains(&b)))
}

/// The runs of text between white space.
fn runs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// A run without the brackets and sentence punctuation around it; a quoted value keeps its quotes, a stray quote
/// at one end goes. A Markdown link or image ends the value at its `](`: `![sticky note reading 'Maple77$'](desk.jpg)`
/// holds the value, not the file name after it.
fn trimmed(text: &str, (mut s, mut e): (usize, usize)) -> (usize, usize) {
    if let Some(at) = text[s..e].find("](") {
        e = s + at;
    }
    loop {
        let run = &text[s..e];
        let (first, last) = (run.chars().next(), run.chars().next_back());
        match (first, last) {
            (Some(f), _) if OPENERS.contains(&f) => s += f.len_utf8(),
            (_, Some(l)) if CLOSERS.contains(&l) => e -= l.len_utf8(),
            (Some(f), Some(l)) if QUOTES.contains(&f) && QUOTES.contains(&l) && run.chars().count() >= 2 => {
                return (s, e);
            }
            (Some(f), _) if QUOTES.contains(&f) => s += f.len_utf8(),
            (_, Some(l)) if QUOTES.contains(&l) => e -= l.len_utf8(),
            _ => return (s, e),
        }
        if s >= e {
            return (s, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(value: Value, text: &str) -> Vec<&str> {
        find(value, text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn a_secret_is_a_run_that_passes_the_secret_validator_without_its_punctuation() {
        let text = "The guest Wi-Fi password is PearlWhite88. Door code (4821), and the password is private.";
        assert_eq!(values(Value::Secret, text), ["PearlWhite88", "4821"]);
    }

    #[test]
    fn a_quoted_value_keeps_its_quotes_and_a_stray_quote_goes() {
        assert_eq!(values(Value::Secret, r#"the pass is "sunshine" now"#), [r#""sunshine""#]);
        assert_eq!(values(Value::Secret, "it reads 'Maple77$"), ["Maple77$"]);
    }

    #[test]
    fn a_value_in_a_markdown_image_ends_at_its_link() {
        assert_eq!(values(Value::Secret, "a note reading 'Pancake$Sunday'](breakroom.jpg)"), ["'Pancake$Sunday'"]);
    }

    #[test]
    fn a_login_pair_is_one_span_when_its_second_half_is_a_secret() {
        assert_eq!(values(Value::Secret, "login: frontdesk / Sunrise!2026 for now"), ["frontdesk / Sunrise!2026"]);
        assert_eq!(values(Value::Secret, "sign in as reception01 with Pelican$7 today"), ["reception01 with Pelican$7"]);
        // the second half is an ordinary word: no pair, and the first stands alone if it passes
        assert_eq!(values(Value::Secret, "use drchen2 / whatever works"), ["drchen2"]);
        // 'with' after a verb joins no pair: the code stands alone
        assert_eq!(values(Value::Secret, "it unlocks with 583920 and then"), ["583920"]);
    }

    #[test]
    fn a_login_is_a_pair_whose_user_name_looks_like_one() {
        let text = "Sticky note: clinic_ig / Molar$Day9, and Tulip#2026 alone; hours 130-139 / 80-89";
        assert_eq!(values(Value::Login, text), ["clinic_ig / Molar$Day9"]);
    }

    #[test]
    fn a_token_needs_the_token_validators_length_and_entropy() {
        let text = "SLACK_BOT_TOKEN=xoxb-7734120955-4410982736-QpR8vLm2TzKw9NcXa3hY and sk_live_xxxxxxxxxxxxxxxx";
        let found = values(Value::Token, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("QpR8vLm2TzKw9NcXa3hY"));
    }

    #[test]
    fn ordinary_words_and_placeholders_are_not_secrets() {
        assert!(values(Value::Secret, "Use a strong password for your portal: ******** or [redacted].").is_empty());
    }
}
