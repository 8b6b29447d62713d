//! Platforms and the limits they put on a post: length as each platform counts it, and hashtags.

use std::ops::Range;

use serde::Deserialize;

/// What a `limit` rule counts in a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Unicode characters of the published text.
    Characters,
    /// Characters as X counts them: every link is 23, most non-Latin characters and emoji are 2.
    XCharacters,
    /// Hashtags.
    Hashtags,
}

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

/// The characters of a post's published text: the body without hidden ranges (HTML comments), trimmed of white
/// space at both ends, as (offset, char). Streams: nothing is collected.
fn published<'a>(
    text: &'a str,
    body: Range<usize>,
    hidden: &'a [Range<usize>],
) -> impl Iterator<Item = (usize, char)> + 'a {
    let start = body.start;
    let body_text = &text[body];
    let trimmed_end = start + body_text.trim_end().len();
    body_text
        .char_indices()
        .map(move |(i, c)| (i + start, c))
        .filter(move |(i, _)| *i < trimmed_end && !hidden.iter().any(|h| h.contains(i)))
        .skip_while(|(_, c)| c.is_whitespace())
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
    // a text of at most `max` bytes has at most `max` characters
    if measure == Measure::Characters && body.len() <= max {
        return (text[body].chars().count(), None);
    }
    if measure == Measure::Hashtags && !text[body.clone()].contains('#') {
        return (0, None);
    }
    match measure {
        Measure::Characters | Measure::XCharacters => weighted_length(measure, max, text, body, hidden),
        Measure::Hashtags => hashtags(max, text, body, hidden),
    }
}

fn weighted_length(
    measure: Measure,
    max: usize,
    text: &str,
    body: Range<usize>,
    hidden: &[Range<usize>],
) -> (usize, Option<Range<usize>>) {
    let mut count = 0;
    let mut over: Option<usize> = None;
    let mut last_end = body.start;
    let mut in_url = false;
    for (offset, c) in published(text, body, hidden) {
        last_end = offset + c.len_utf8();
        if in_url && !c.is_whitespace() {
            continue;
        }
        in_url = false;
        let weight = if measure == Measure::XCharacters && is_url_start(text, offset) {
            in_url = true;
            X_URL_WEIGHT
        } else if measure == Measure::XCharacters {
            x_weight(c)
        } else {
            1
        };
        count += weight;
        if count > max && over.is_none() {
            over = Some(offset);
        }
    }
    (count, over.map(|start| start..last_end))
}

/// Hashtags: `#` after a non-word character, then word characters. The span runs from the first tag over `max`
/// to the end of the last tag.
fn hashtags(max: usize, text: &str, body: Range<usize>, hidden: &[Range<usize>]) -> (usize, Option<Range<usize>>) {
    let is_tag_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut count = 0;
    let mut first_over: Option<usize> = None;
    let mut last_tag_end = 0;
    let mut prev: Option<char> = None;
    let mut tag_start: Option<usize> = None;
    let mut chars = published(text, body, hidden).peekable();
    while let Some((offset, c)) = chars.next() {
        match tag_start {
            Some(_) if is_tag_char(c) => last_tag_end = offset + c.len_utf8(),
            Some(_) => tag_start = None,
            None => {}
        }
        let starts_tag = tag_start.is_none()
            && c == '#'
            && prev.is_none_or(|p| !is_tag_char(p) && p != '&')
            && chars.peek().is_some_and(|&(_, n)| is_tag_char(n));
        if starts_tag {
            tag_start = Some(offset);
            count += 1;
            // not `max + 1`: a ruleset may set `max` to the largest integer
            if count > max && first_over.is_none() {
                first_over = Some(offset);
            }
        }
        prev = Some(c);
    }
    (count, first_over.map(|start| start..last_tag_end))
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
