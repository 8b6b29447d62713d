//! Lexicons looked up word by word instead of through the phrase automaton (`lookup = "token"`): for a very large
//! lexicon (tens of thousands of names) a hash table of its forms builds in milliseconds where the automaton takes
//! half a second, and finds the same whole-word hits as fast. Measured on 2,000 varied posts (1.8 MB), 50,000
//! single-word entries: automaton build 526 ms and scan 92 ms, hash table build 13 ms and scan 62 ms (see
//! benches/README.md). A form of several words is looked up as that many words in a row, one space apart.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::phrases::FxHasher;
use crate::matching::lexicon::{capitals_only, Lexicon};

/// How the case a form is written in limits the words it matches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Written in lower case (`ava`): any case matches.
    Any,
    /// Written with a leading capital (`Noah`): only a run of words that starts with a capital matches, so a name
    /// lexicon finds "Noah" but not the "will" or "hope" of a sentence.
    Initial,
    /// Written in capitals (`MS`): only capitals match, as in the automaton.
    Capitals,
}

impl Case {
    fn of(form: &str) -> Case {
        if capitals_only(form) {
            Case::Capitals
        } else if form.chars().next().is_some_and(char::is_uppercase) {
            Case::Initial
        } else {
            Case::Any
        }
    }

    fn admits(self, text: &str) -> bool {
        match self {
            Case::Any => true,
            Case::Initial => text.chars().next().is_some_and(char::is_uppercase),
            Case::Capitals => capitals_only(text),
        }
    }
}

/// The forms of the token lexicons, lower-cased, with the lexicons they belong to and the case the form was
/// written in (see [`Case`]).
#[derive(Default)]
pub struct TokenTable {
    forms: HashMap<String, Owners, BuildHasherDefault<FxHasher>>,
    /// The first words of each form of several words ("rheumatoid" of "rheumatoid arthritis"): a run of words is
    /// extended only while it is one, so most words cost one lookup, not one for each word a form could have.
    prefixes: HashSet<String, BuildHasherDefault<FxHasher>>,
    /// The most words a form has.
    longest: usize,
}

/// The lexicons a form belongs to, with the case it was written in: one for nearly every form (a vector for each of
/// the census names was an allocation a name at every start).
enum Owners {
    One((u32, Case)),
    Many(Vec<(u32, Case)>),
}

impl Owners {
    fn add(&mut self, owner: (u32, Case)) {
        match self {
            Owners::One(first) if *first != owner => *self = Owners::Many(vec![*first, owner]),
            Owners::One(_) => {}
            Owners::Many(all) if !all.contains(&owner) => all.push(owner),
            Owners::Many(_) => {}
        }
    }

    fn all(&self) -> &[(u32, Case)] {
        match self {
            Owners::One(first) => std::slice::from_ref(first),
            Owners::Many(all) => all,
        }
    }
}

impl TokenTable {
    /// The table of `lexicons` (index, lexicon), each form normalised by `normalize`.
    pub fn new(lexicons: &[(u32, &Lexicon)], normalize: impl Fn(&str) -> String) -> TokenTable {
        let mut table = TokenTable::default();
        for &(id, lexicon) in lexicons {
            for form in &lexicon.forms {
                // an ASCII form normalises to itself, trimmed: no copy of each of the census names at every start
                let form = if form.is_ascii() { Cow::Borrowed(form.trim()) } else { Cow::Owned(normalize(form)) };
                let owner = (id, Case::of(&form));
                let mut key = form.into_owned();
                key.make_ascii_lowercase();
                table.longest = table.longest.max(key.split(' ').count());
                for (space, _) in key.match_indices(' ') {
                    table.prefixes.insert(key[..space].to_string());
                }
                table.forms.entry(key).and_modify(|owners| owners.add(owner)).or_insert(Owners::One(owner));
            }
        }
        table
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Calls `hit(lexicon, start, end)` for every run of words of `text` that is a form; `words` are the text's
    /// words as `frame::words` splits them.
    pub fn scan(&self, text: &str, words: &[(usize, usize)], mut hit: impl FnMut(u32, usize, usize)) {
        let words: Vec<(usize, usize)> = words
            .iter()
            .map(|&(s, e)| if matches!(text.as_bytes()[s], b'@' | b'#') { (s + 1, e) } else { (s, e) })
            .collect();
        let mut key = String::new();
        for i in 0..words.len() {
            key.clear();
            for j in i..(i + self.longest).min(words.len()) {
                if j > i {
                    // the words of a form are one space apart in the text too
                    if &text[words[j - 1].1..words[j].0] != " " {
                        break;
                    }
                    key.push(' ');
                }
                key.extend(text[words[j].0..words[j].1].chars().map(|c| c.to_ascii_lowercase()));
                let (start, end) = (words[i].0, words[j].1);
                // a word with an inner apostrophe is one word: "Keisha's" is looked up whole, then as "Keisha" (the
                // hit is the name, without the 's), so a lexicon need not carry each form's possessive
                let found = self.forms.get(key.as_str()).map(|owners| (owners, end)).or_else(|| {
                    let stem = key.strip_suffix("'s")?;
                    self.forms.get(stem).map(|owners| (owners, end - 2))
                });
                if let Some((owners, end)) = found {
                    for &(id, case) in owners.all() {
                        if case.admits(&text[start..end]) {
                            hit(id, start, end);
                        }
                    }
                }
                if !self.prefixes.contains(key.as_str()) {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::frame::words;
    use crate::matching::lexicon::RawLexicon;

    fn lexicon(words: &[&str]) -> Lexicon {
        let raw = RawLexicon { lookup: Some("token".into()), ..RawLexicon::of_words("person", words) };
        Lexicon::validate(raw).unwrap()
    }

    #[test]
    fn finds_whole_words_and_runs_of_words_without_case() {
        let names = lexicon(&["ava", "mary ann", "o'brien", "MS"]);
        let table = TokenTable::new(&[(3, &names)], str::to_string);
        let text = "Ava and MARY ANN met Mrs. O'Brien; mary  ann, avalon and #ava; Ms. Lee has MS";
        let mut hits = Vec::new();
        table.scan(text, &words(text), |id, s, e| hits.push((id, &text[s..e])));
        assert_eq!(hits, [(3, "Ava"), (3, "MARY ANN"), (3, "O'Brien"), (3, "ava"), (3, "MS")]);
    }

    #[test]
    fn a_run_of_words_is_extended_through_the_first_words_of_a_longer_form() {
        let terms = lexicon(&["chronic fatigue syndrome", "chronic", "type 2 diabetes"]);
        let table = TokenTable::new(&[(2, &terms)], str::to_string);
        let text = "chronic fatigue, chronic fatigue syndrome, type 2 and type 2 diabetes";
        let mut hits = Vec::new();
        table.scan(text, &words(text), |_, s, e| hits.push(&text[s..e]));
        assert_eq!(hits, ["chronic", "chronic", "chronic fatigue syndrome", "type 2 diabetes"]);
    }

    #[test]
    fn a_form_with_a_leading_capital_matches_only_a_capitalised_word() {
        let names = lexicon(&["Noah", "Will", "McDonald"]);
        let table = TokenTable::new(&[(1, &names)], str::to_string);
        let text = "Noah will see noah and NOAH; Will Mcdonald, mcdonald";
        let mut hits = Vec::new();
        table.scan(text, &words(text), |_, s, e| hits.push(&text[s..e]));
        assert_eq!(hits, ["Noah", "NOAH", "Will", "Mcdonald"]);
    }

    #[test]
    fn a_possessive_is_found_as_its_stem() {
        let names = lexicon(&["Keisha", "mary ann", "o'brien"]);
        let table = TokenTable::new(&[(1, &names)], str::to_string);
        let text = "Keisha's cast, Mary Ann's visit, O'Brien's chart, keisha's and Keishas";
        let mut hits = Vec::new();
        table.scan(text, &words(text), |_, s, e| hits.push(&text[s..e]));
        assert_eq!(hits, ["Keisha", "Mary Ann", "O'Brien"]);
    }
}
