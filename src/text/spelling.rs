//! Near-miss spellings: whether two words are one typo apart (Damerau-Levenshtein distance 1: one letter inserted,
//! deleted or replaced, or two neighbouring letters swapped), and the one-deletion neighbourhood that finds the
//! candidates without comparing a word with every form (a word and a form one typo apart always share a key: the
//! word, the form or one of their one-letter deletions).

/// Whether `a` and `b` (lower-case bytes) are exactly one edit apart.
pub fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        // one letter more in `long`: the rest after the first difference is the same
        1 => short[prefix..] == long[prefix + 1..],
        0 if prefix == short.len() => false,
        0 => {
            let rest = prefix + 1;
            let replaced = short[rest..] == long[rest..];
            let swapped = rest < short.len()
                && short[prefix] == long[rest]
                && short[rest] == long[prefix]
                && short[rest + 1..] == long[rest + 1..];
            replaced || swapped
        }
        _ => false,
    }
}

/// Calls `key` with `word` and with each of its one-letter deletions (a repeated letter's deletions once).
pub fn deletion_keys(word: &str, buffer: &mut String, mut key: impl FnMut(&str)) {
    key(word);
    let bytes = word.as_bytes();
    for i in 0..bytes.len() {
        // deleting either of two equal neighbours gives the same key
        if i > 0 && bytes[i] == bytes[i - 1] || !word.is_char_boundary(i) || !word.is_char_boundary(i + 1) {
            continue;
        }
        buffer.clear();
        buffer.push_str(&word[..i]);
        buffer.push_str(&word[i + 1..]);
        key(buffer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_typo_is_one_edit() {
        let edit = |a: &str, b: &str| one_edit(a.as_bytes(), b.as_bytes());
        assert!(edit("arthritus", "arthritis"), "a letter replaced");
        assert!(edit("rhuematoid", "rheumatoid"), "two letters swapped");
        assert!(edit("inflamation", "inflammation"), "a letter left out");
        assert!(edit("diabetis", "diabetes"));
        assert!(edit("steriods", "steroids"));
        assert!(edit("alzheimerss", "alzheimers"), "a letter added");
        assert!(!edit("eczema", "eczema"), "the same word is no typo");
        assert!(!edit("exzema", "eczemas"), "two edits");
        assert!(!edit("abcd", "badc"));
        assert!(!edit("cancer", "cnacre"));
    }

    #[test]
    fn deletion_keys_include_the_word() {
        let mut keys = Vec::new();
        deletion_keys("abbc", &mut String::new(), |k| keys.push(k.to_string()));
        assert_eq!(keys, ["abbc", "bbc", "abc", "abb"]);
    }
}
