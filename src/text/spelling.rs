//! Near-miss spellings: whether two words are one typo apart (Damerau-Levenshtein distance 1: one letter inserted,
//! deleted or replaced, or two neighbouring letters swapped).

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
}
