//! English inflections for lexicon words, so that a lexicon lists `treat` once and matches `treats`, `treated` and
//! `treating`. Regular rules only: a word with irregular forms lists them after `|` (`fight|fought`,
//! `child|children`), and those replace the generated past tense or plural.

/// Which forms of a word a lexicon generates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Inflection {
    /// The words as written.
    #[default]
    None,
    /// A verb: base, third person (`treats`), past (`treated`) and present participle (`treating`). In a phrase
    /// the first word is the verb (`wipe out` → `wiped out`).
    Verb,
    /// A noun: singular and plural (`kidney stones`). In a phrase the last word is the noun.
    Noun,
}

impl Inflection {
    /// The name used in rulesets.
    pub fn name(self) -> &'static str {
        match self {
            Inflection::None => "none",
            Inflection::Verb => "verb",
            Inflection::Noun => "noun",
        }
    }

    /// The inflection a ruleset names.
    pub fn parse(name: &str) -> Option<Inflection> {
        match name {
            "none" => Some(Inflection::None),
            "verb" => Some(Inflection::Verb),
            "noun" => Some(Inflection::Noun),
            _ => None,
        }
    }
}

/// Every form of one lexicon entry (`word` or `word|irregular|...`), the entry's own spelling first, without
/// duplicates. Irregular forms stand in for the past tense of a verb or the plural of a noun.
pub fn forms(entry: &str, inflection: Inflection) -> Vec<String> {
    let mut parts = entry.split('|').map(str::trim).filter(|p| !p.is_empty());
    let Some(base) = parts.next() else { return Vec::new() };
    let irregular: Vec<String> = parts.map(str::to_string).collect();
    let mut out = vec![base.to_string()];
    match inflection {
        Inflection::None => {}
        Inflection::Verb => {
            let (head, rest) = base.split_once(' ').unwrap_or((base, ""));
            let tail = if rest.is_empty() { String::new() } else { format!(" {rest}") };
            let past = irregular.is_empty().then(|| past(head));
            for form in [Some(third_person(head)), past, Some(participle(head))].into_iter().flatten() {
                out.push(format!("{form}{tail}"));
            }
        }
        Inflection::Noun if irregular.is_empty() => {
            let (rest, last) = base.rsplit_once(' ').unwrap_or(("", base));
            let lead = if rest.is_empty() { String::new() } else { format!("{rest} ") };
            out.push(format!("{lead}{}", plural(last)));
        }
        Inflection::Noun => {}
    }
    out.extend(irregular);
    // a handful of forms at most: a scan beats a hash set here (this runs for every word of every lexicon at start-up)
    let mut unique: Vec<String> = Vec::with_capacity(out.len());
    for form in out {
        if !unique.contains(&form) {
            unique.push(form);
        }
    }
    unique
}

fn is_vowel(c: u8) -> bool {
    matches!(c.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u')
}

/// `-es` after a sibilant or `o` (`relieves`, `fixes`, `does`), `-ies` after a consonant and `y`, else `-s`.
fn third_person(verb: &str) -> String {
    let b = verb.as_bytes();
    if ["s", "x", "z", "ch", "sh", "o"].iter().any(|e| verb.ends_with(e)) && !verb.ends_with("oo") {
        return format!("{verb}es");
    }
    if b.len() > 1 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2]) {
        return format!("{}ies", &verb[..verb.len() - 1]);
    }
    format!("{verb}s")
}

/// Plural nouns follow the third-person rule (`remedies`, `rashes`), except that a final `o` takes `-s`
/// (`memos`, `zeros`): the few `-oes` plurals are listed as irregular forms.
fn plural(noun: &str) -> String {
    if noun.ends_with('o') {
        return format!("{noun}s");
    }
    third_person(noun)
}

/// A short word of one vowel group ending consonant-vowel-consonant doubles its last letter (`stop` → `stopped`);
/// `w`, `x` and `y` never double.
fn doubles(verb: &str) -> bool {
    let b = verb.as_bytes();
    let n = b.len();
    if n < 3 || !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let vowel_groups = b.windows(2).filter(|w| !is_vowel(w[0]) && is_vowel(w[1])).count() + is_vowel(b[0]) as usize;
    vowel_groups == 1 && !is_vowel(c1) && is_vowel(v) && !is_vowel(c2) && !matches!(c2, b'w' | b'x' | b'y')
}

fn past(verb: &str) -> String {
    let b = verb.as_bytes();
    if verb.ends_with('e') {
        return format!("{verb}d");
    }
    if b.len() > 1 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2]) {
        return format!("{}ied", &verb[..verb.len() - 1]);
    }
    if doubles(verb) {
        return format!("{verb}{}ed", &verb[verb.len() - 1..]);
    }
    format!("{verb}ed")
}

fn participle(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if verb.len() > 2 && verb.ends_with('e') && !["ee", "ye", "oe"].iter().any(|e| verb.ends_with(e)) {
        return format!("{}ing", &verb[..verb.len() - 1]);
    }
    if doubles(verb) {
        return format!("{verb}{}ing", &verb[verb.len() - 1..]);
    }
    format!("{verb}ing")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(w: &str) -> Vec<String> {
        forms(w, Inflection::Verb)
    }

    #[test]
    fn regular_verbs() {
        assert_eq!(verb("treat"), ["treat", "treats", "treated", "treating"]);
        assert_eq!(verb("cure"), ["cure", "cures", "cured", "curing"]);
        assert_eq!(verb("stop"), ["stop", "stops", "stopped", "stopping"]);
        assert_eq!(verb("remedy"), ["remedy", "remedies", "remedied", "remedying"]);
        assert_eq!(verb("relieve"), ["relieve", "relieves", "relieved", "relieving"]);
        assert_eq!(verb("fix"), ["fix", "fixes", "fixed", "fixing"]);
        assert_eq!(verb("flush"), ["flush", "flushes", "flushed", "flushing"]);
        assert_eq!(verb("destroy"), ["destroy", "destroys", "destroyed", "destroying"]);
        assert_eq!(verb("free"), ["free", "frees", "freed", "freeing"]);
        assert_eq!(verb("open"), ["open", "opens", "opened", "opening"]);
        assert_eq!(verb("die"), ["die", "dies", "died", "dying"]);
    }

    #[test]
    fn phrasal_verbs_inflect_their_first_word() {
        assert_eq!(verb("wipe out"), ["wipe out", "wipes out", "wiped out", "wiping out"]);
        assert_eq!(verb("get rid of|got rid of"), ["get rid of", "gets rid of", "getting rid of", "got rid of"]);
    }

    #[test]
    fn irregular_forms_are_taken_as_written() {
        assert_eq!(verb("fight|fought"), ["fight", "fights", "fighting", "fought"]);
        assert_eq!(forms("beat|beaten", Inflection::None), ["beat", "beaten"]);
    }

    #[test]
    fn nouns_inflect_their_last_word() {
        assert_eq!(forms("kidney stone", Inflection::Noun), ["kidney stone", "kidney stones"]);
        assert_eq!(forms("remedy", Inflection::Noun), ["remedy", "remedies"]);
        assert_eq!(forms("rash", Inflection::Noun), ["rash", "rashes"]);
        assert_eq!(forms("day", Inflection::Noun), ["day", "days"]);
        assert_eq!(forms("tomato|tomatoes", Inflection::Noun), ["tomato", "tomatoes"]);
        assert_eq!(forms("child|children", Inflection::Noun), ["child", "children"]);
    }
}
