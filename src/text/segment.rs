//! Word-break of a hashtag's body (`curescancer` -> `cures` `cancer`): the split into the fewest pieces that a
//! dictionary knows, or none when no split covers the whole body. A split is only ever accepted whole, so a tag with a
//! word the dictionary does not know yields nothing rather than a guess.

/// Where a hashtag's body may be cut: everywhere in a body of one case (`curescancer`); only between the words its
/// capitals mark (and at a change between letters and digits) in a CamelCase one (`CuresCancer`, `Type2Diabetes`),
/// whose author said where the words are. `cuts[i]` is whether a piece may start or end at byte `i`.
pub fn cut_points(body: &str) -> (Vec<bool>, bool) {
    let b = body.as_bytes();
    let camel = b.windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    let cuts = (0..=b.len())
        .map(|i| {
            i == 0 || i == b.len() || !camel || {
                let (before, at) = (b[i - 1], b[i]);
                before.is_ascii_lowercase() && at.is_ascii_uppercase()
                    || before.is_ascii_digit() != at.is_ascii_digit()
                    // the last capital of a run starts a word: `IVDrip` is `IV` `Drip`
                    || before.is_ascii_uppercase() && at.is_ascii_uppercase() && b.get(i + 1).is_some_and(u8::is_ascii_lowercase)
            }
        })
        .collect();
    (cuts, camel)
}

/// The split of `0..len` at allowed `cuts` into the fewest pieces for which `piece(start, end)` holds (of two equal
/// splits, the one with the longer last piece), or `None` when there is none.
pub fn split(len: usize, cuts: &[bool], mut piece: impl FnMut(usize, usize) -> bool) -> Option<Vec<(usize, usize)>> {
    // best[i]: fewest pieces that cover 0..i and the start of the last of them
    let mut best: Vec<Option<(usize, usize)>> = vec![None; len + 1];
    best[0] = Some((0, 0));
    for end in 1..=len {
        if !cuts[end] {
            continue;
        }
        for start in 0..end {
            let Some((count, _)) = best[start] else { continue };
            if !cuts[start] || best[end].is_some_and(|(c, _)| c <= count + 1) || !piece(start, end) {
                continue;
            }
            best[end] = Some((count + 1, start));
        }
    }
    best[len]?;
    let mut pieces = Vec::new();
    let mut end = len;
    while end > 0 {
        let (_, start) = best[end]?;
        pieces.push((start, end));
        end = start;
    }
    pieces.reverse();
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(body: &str, dictionary: &[&str]) -> Option<Vec<String>> {
        let (cuts, _) = cut_points(body);
        let lower = body.to_ascii_lowercase();
        let pieces = split(body.len(), &cuts, |s, e| dictionary.contains(&&lower[s..e]))?;
        Some(pieces.into_iter().map(|(s, e)| body[s..e].to_string()).collect())
    }

    #[test]
    fn a_body_splits_into_the_fewest_known_pieces() {
        let dictionary = ["cure", "cures", "cancer", "heart", "disease", "heartdisease", "scan", "cer"];
        assert_eq!(words("curescancer", &dictionary).unwrap(), ["cures", "cancer"]);
        assert_eq!(words("heartdiseasecure", &dictionary).unwrap(), ["heartdisease", "cure"]);
        assert_eq!(words("curesxcancer", &dictionary), None, "an unknown piece: no split at all");
    }

    #[test]
    fn camel_case_says_where_the_words_are() {
        let dictionary = ["cures", "cancer", "curesc", "ancer", "iv", "drip", "type", "2", "diabetes"];
        assert_eq!(words("CuresCancer", &dictionary).unwrap(), ["Cures", "Cancer"]);
        assert_eq!(words("IVDrip", &dictionary).unwrap(), ["IV", "Drip"]);
        assert_eq!(words("Type2Diabetes", &dictionary).unwrap(), ["Type", "2", "Diabetes"]);
        assert!(cut_points("curesCancer").1);
        assert!(!cut_points("CURESCANCER").1);
    }
}
