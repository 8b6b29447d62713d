//! Platforms and the limits they put on a post: length as each platform counts it, and hashtags.

use std::ops::Range;

use crate::rules::Measure;

/// One spelling for each platform: `twitter` and `X` are `x`, `ig` is `instagram`, and so on.
pub fn canonical(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    match lower.as_str() {
        "twitter" | "x.com" | "tweet" => "x".into(),
        "ig" | "insta" => "instagram".into(),
        "fb" | "meta" => "facebook".into(),
        "li" => "linkedin".into(),
        "google-business" | "gbp" | "google-reviews" => "google".into(),
        _ => lower,
    }
}

/// What X counts a link as, whatever its length (twitter-text `transformedURLLength`).
const X_URL_WEIGHT: usize = 23;

/// X counts characters in these ranges once and every other character (CJK, emoji, ...) twice
/// (twitter-text configuration v3). Emoji sequences joined with U+200D count per code point here, so the count
/// can be slightly higher than X's for such emoji: the check errs on the side of a warning.
fn x_weight(c: char) -> usize {
    let n = c as u32;
    let single = [(0, 4351), (8192, 8205), (8208, 8223), (8242, 8247)];
    if single.iter().any(|&(lo, hi)| (lo..=hi).contains(&n)) {
        1
    } else {
        2
    }
}

/// The published text of a post, as (offset, char) pairs: the body without hidden ranges (HTML comments), trimmed.
fn published(text: &str, body: Range<usize>, hidden: &[Range<usize>]) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = text[body.clone()]
        .char_indices()
        .map(|(i, c)| (i + body.start, c))
        .filter(|(i, _)| !hidden.iter().any(|h| h.contains(i)))
        .collect();
    while out.last().is_some_and(|(_, c)| c.is_whitespace()) {
        out.pop();
    }
    let lead = out.iter().take_while(|(_, c)| c.is_whitespace()).count();
    out.drain(..lead);
    out
}

fn is_url_start(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    rest.starts_with("https://") || rest.starts_with("http://") || rest.starts_with("www.")
}

/// Measures a post. Returns the count and, when it is over `max`, the byte range of what is over.
pub fn measure(
    measure: Measure,
    max: usize,
    text: &str,
    body: Range<usize>,
    hidden: &[Range<usize>],
) -> (usize, Option<Range<usize>>) {
    let chars = published(text, body, hidden);
    let end_of = |i: usize| chars[i].0 + chars[i].1.len_utf8();
    match measure {
        Measure::Characters | Measure::XCharacters => {
            let mut count = 0;
            let mut over: Option<usize> = None;
            let mut i = 0;
            while i < chars.len() {
                let (offset, c) = chars[i];
                let url_end = (measure == Measure::XCharacters && is_url_start(text, offset))
                    .then(|| chars[i..].iter().position(|(_, c)| c.is_whitespace()).map_or(chars.len(), |p| i + p));
                let (weight, next) = match url_end {
                    Some(end) => (X_URL_WEIGHT, end),
                    None if measure == Measure::XCharacters => (x_weight(c), i + 1),
                    None => (1, i + 1),
                };
                count += weight;
                if count > max && over.is_none() {
                    over = Some(offset);
                }
                i = next;
            }
            let span = over.map(|start| start..end_of(chars.len() - 1));
            (count, span)
        }
        Measure::Hashtags => {
            let tags = hashtags(&chars);
            let span = (tags.len() > max).then(|| chars[tags[max].0].0..end_of(tags[tags.len() - 1].1 - 1));
            (tags.len(), span)
        }
    }
}

/// Hashtags as (first char index, one past last char index): `#` after a non-word character, then word characters.
fn hashtags(chars: &[(usize, char)]) -> Vec<(usize, usize)> {
    let is_tag_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut tags = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].1 == '#'
            && (i == 0 || !is_tag_char(chars[i - 1].1) && chars[i - 1].1 != '&')
            && chars.get(i + 1).is_some_and(|(_, c)| is_tag_char(*c));
        if starts {
            let mut j = i + 1;
            while j < chars.len() && is_tag_char(chars[j].1) {
                j += 1;
            }
            tags.push((i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_names_are_canonical() {
        assert_eq!(canonical("Twitter"), "x");
        assert_eq!(canonical(" IG "), "instagram");
        assert_eq!(canonical("LinkedIn"), "linkedin");
    }

    #[test]
    fn characters_over_the_limit_are_the_span() {
        let t = "abcdef  ";
        let (n, span) = measure(Measure::Characters, 4, t, 0..t.len(), &[]);
        assert_eq!(n, 6);
        assert_eq!(&t[span.unwrap()], "ef");
        assert_eq!(measure(Measure::Characters, 6, t, 0..t.len(), &[]).1, None);
    }

    #[test]
    fn x_counts_links_as_23_and_emoji_as_2() {
        let t = "see https://example.com/a/very/long/path/that/goes/on/and/on 🎉";
        let (n, _) = measure(Measure::XCharacters, 280, t, 0..t.len(), &[]);
        assert_eq!(n, 4 + 23 + 1 + 2);
    }

    #[test]
    fn hidden_ranges_do_not_count() {
        let t = "ab<!-- x -->cd";
        let hidden = [std::ops::Range { start: 2, end: 12 }];
        let (n, _) = measure(Measure::Characters, 10, t, 0..t.len(), &hidden);
        assert_eq!(n, 4);
    }

    #[test]
    fn hashtags_beyond_the_limit() {
        let t = "# Heading\n#one #two and#not &#39; #three";
        let (n, span) = measure(Measure::Hashtags, 2, t, 0..t.len(), &[]);
        assert_eq!(n, 3);
        assert_eq!(&t[span.unwrap()], "#three");
    }
}
