//! Built-in slot fillers that are shapes rather than words: a person's name, an `@handle`, a number, a percentage,
//! a vocative (the name or handle a post speaks to), a discount code, a referral link, quotes, and values that pass a
//! validator (`value.rs`). Written `$name`, `$handle`, ... in a frame's slots.

use super::layout::LexiconScan;
use super::value::{self, Value};

/// A built-in shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One or more capitalised words that do not start their sentence (`Mrs. Okafor`, `Noah Alvarez`); a title
    /// from the `title` lexicon is part of the name and lets it start a sentence.
    Name,
    /// `@handle`.
    Handle,
    /// A number written in digits (`3`, `1,200`, `4.5`).
    Number,
    /// A number with `%` or `percent` (`90%`, `9 out of 10` is not one).
    Percent,
    /// The person a post addresses: a handle, a first name or a title (from the `first_name` and `title` lexicons)
    /// right after a greeting (`Hi Robert`, `Thank you, Mrs. Roe`), a handle that opens a sentence, a name closing a
    /// sentence after a comma (`..., Denise!`) or one a greeting opens (`Thanks for the stars Priya!`), or a name
    /// that opens a line or follows a colon before a comma, a dash or `!` (`Denise, thank you ...`, `Olivia — ...`,
    /// `Kofi!!`), or before "you" or "we" with no comma (`Greer we're sorry ...`).
    Vocative,
    /// A discount or affiliate code: a word of capitals and digits that starts with a capital, four characters or
    /// more, with a digit or five capitals or more (`SMILE20`, `DRROE15`, `NURSEJO`; not `CPR` or `BLUE`).
    Code,
    /// A link whose path says it pays its sharer: a first path segment `invite`, `ref`, `refer`, `referral`,
    /// `partner` or `aff`, a clinician's own path (`/drmoss`, `/dr-amos`, `/coach_lee`), or a `ref=` parameter.
    Referral,
    /// Quoted words on one line: eight characters or more in double quotes, or in single quotes from a capital to a
    /// `.`, `!` or `?` (`"Best decision I ever made," says ...`, `'I finally sleep through the night.' — Marcos`).
    Quote,
    /// A quote signed after a dash on its line (`"..." — Kayla, a regular`).
    SignedQuote,
    /// A capitalised name with `'s` that does not follow a full stop (`Gregor's`, not `Dr. Arnaud's`).
    Possessive,
    /// "before and after" (`&`, `+`, `/`, `vs`) as a heading: followed by a colon, `!`, an emoji or the end of the
    /// line (`BEFORE AND AFTER ✨`, not `before and after surgery`).
    BeforeAfter,
    /// A value that passes a validator (`$secret`, `$token`), or a login written as a pair (`$login`): see `value.rs`.
    Value(Value),
}

/// The most words a dash-led line may have to be a signature ("— Bella, @alignpro.studio", "- Dr. Ana Ruiz, DDS").
const SIGNATURE_WORDS: usize = 6;

const SHAPES: [(&str, Shape); 14] = [
    ("name", Shape::Name),
    ("handle", Shape::Handle),
    ("number", Shape::Number),
    ("percent", Shape::Percent),
    ("vocative", Shape::Vocative),
    ("code", Shape::Code),
    ("referral", Shape::Referral),
    ("quote", Shape::Quote),
    ("signed_quote", Shape::SignedQuote),
    ("possessive", Shape::Possessive),
    ("before_after", Shape::BeforeAfter),
    ("secret", Shape::Value(Value::Secret)),
    ("token", Shape::Value(Value::Token)),
    ("login", Shape::Value(Value::Login)),
];

impl Shape {
    pub fn parse(name: &str) -> Option<Shape> {
        SHAPES.iter().find(|(n, _)| *n == name).map(|&(_, s)| s)
    }

    /// The lexicons whose cues the shape reads: titles before a name; greetings before a vocative, and the first
    /// names and titles that tell a person (`Denise, ...`) from other capitalised words (`Parents, ...`).
    pub fn lexicons(self) -> &'static [&'static str] {
        match self {
            Shape::Name => &["title"],
            Shape::Vocative => &["greeting", "first_name", "title"],
            Shape::Handle | Shape::Number | Shape::Percent | Shape::Code | Shape::Referral | Shape::Value(_) => &[],
            Shape::Quote | Shape::SignedQuote | Shape::Possessive | Shape::BeforeAfter => &[],
        }
    }

    /// The shape's name as written after `$`.
    pub fn name(self) -> &'static str {
        SHAPES.iter().find(|(_, s)| *s == self).map_or("?", |(n, _)| n)
    }

    /// `$name`, `$handle`, ... for messages.
    pub fn names() -> Vec<String> {
        SHAPES.iter().map(|(n, _)| format!("${n}")).collect()
    }
}

/// The words of a text: runs of letters and digits, with inner `'`, `-` and `_` (`don't`, `covid-19`), `.` and `,`
/// between digits (`4.5`, `1,200`), and a leading `@` or `#` kept (`@handle`, `#tag`; a handle may hold dots).
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let letter = |i: usize| {
        bytes[i].is_ascii_alphanumeric()
            || bytes[i] >= 0x80 && text.is_char_boundary(i) && text[i..].chars().next().is_some_and(char::is_alphabetic)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let sigil = matches!(bytes[i], b'@' | b'#')
            && i + 1 < bytes.len()
            && bytes[i + 1].is_ascii_alphanumeric()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !sigil && !letter(i) {
            i += 1;
            continue;
        }
        let start = i;
        i += if sigil { 1 } else { text[i..].chars().next().map_or(1, char::len_utf8) };
        while i < bytes.len() {
            let b = bytes[i];
            let next_alnum = i + 1 < bytes.len() && bytes[i + 1].is_ascii_alphanumeric();
            let inner = match b {
                b'\'' | b'-' | b'_' => next_alnum,
                b'.' => next_alnum && (bytes[start] == b'@' || bytes[i - 1].is_ascii_digit()),
                b',' => next_alnum && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit(),
                _ => false,
            };
            if inner {
                i += 1;
            } else if letter(i) {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
        out.push((start, i));
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_uppercase()) && chars.clone().any(|c| c.is_lowercase())
}

/// Spans of `shape` in the post.
pub fn find(
    shape: Shape,
    scan: &LexiconScan,
    words: &[(usize, usize)],
    sentences: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let text = scan.text();
    match shape {
        Shape::Handle => words.iter().copied().filter(|&(s, _)| text.as_bytes()[s] == b'@').collect(),
        Shape::Number => words.iter().copied().filter(|&(s, _)| text.as_bytes()[s].is_ascii_digit()).collect(),
        Shape::Percent => words
            .iter()
            .enumerate()
            .filter(|&(_, &(s, _))| text.as_bytes()[s].is_ascii_digit())
            .filter_map(|(i, &(s, e))| {
                let rest = &text[e..];
                if rest.starts_with('%') {
                    return Some((s, e + 1));
                }
                let next = words.get(i + 1).filter(|n| text[e..n.0].trim().is_empty())?;
                text[next.0..next.1].eq_ignore_ascii_case("percent").then_some((s, next.1))
            })
            .collect(),
        Shape::Name => names(scan, words, sentences),
        Shape::Vocative => vocatives(scan, words, sentences),
        Shape::Value(kind) => value::find(kind, text),
        Shape::Code => words.iter().copied().filter(|&(s, e)| is_code(&text[s..e])).collect(),
        Shape::Referral => referrals(text),
        Shape::Quote => quotes(text),
        Shape::SignedQuote => quotes(text)
            .into_iter()
            .filter(|&(_, e)| text[e..].trim_start().starts_with(['-', '\u{2013}', '\u{2014}']))
            .collect(),
        Shape::Possessive => possessives(text, words),
        Shape::BeforeAfter => before_afters(text, words),
    }
}

/// Quoted spans (see [`Shape::Quote`]), each line on its own.
fn quotes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let close = match bytes[i] {
                b'"' => match line[i + 1..].find('"') {
                    // a short quote ("x") is passed over whole: its closing mark opens nothing
                    Some(n) if n < 8 => {
                        i += n + 2;
                        continue;
                    }
                    found => found,
                },
                b'\'' if i == 0 || !bytes[i - 1].is_ascii_alphanumeric() => single_quoted(&line[i + 1..]),
                _ => None,
            };
            match close {
                Some(n) => {
                    // a quote that is its line's only words is a title or a heading ("title: \"Pt Meniscus\"" of
                    // front matter), unless a signature follows on the next line
                    let alone = line[..i].trim().is_empty() && line[i + n + 2..].trim().is_empty();
                    let signed = text[offset + line.len()..].trim_start().starts_with(['-', '\u{2013}', '\u{2014}']);
                    if !alone || signed {
                        out.push((offset + i, offset + i + n + 2));
                    }
                    i += n + 2;
                }
                None => i += 1,
            }
        }
        offset += line.len();
    }
    out
}

/// The length of a single-quoted sentence: from a capital to a `.`, `!` or `?` and the closing quote, at least eight
/// characters (an apostrophe inside a word, "don't", is not a closing quote).
fn single_quoted(rest: &str) -> Option<usize> {
    if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let bytes = rest.as_bytes();
    (9..bytes.len()).find(|&k| {
        bytes[k] == b'\'' && matches!(bytes[k - 1], b'.' | b'!' | b'?') && bytes.get(k + 1).is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// Capitalised words with `'s` (see [`Shape::Possessive`]).
fn possessives(text: &str, words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    words
        .iter()
        .copied()
        .filter(|&(s, e)| {
            let word = &text[s..e];
            let stem = word.strip_suffix("'s").unwrap_or("");
            let before = text[..s].trim_end_matches([' ', '\t']);
            stem.len() >= 3 && is_capitalised(stem) && stem.chars().all(char::is_alphabetic) && !before.ends_with('.')
        })
        .collect()
}

/// "before and after" headings (see [`Shape::BeforeAfter`]).
fn before_afters(text: &str, words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, &(s, _)) in words.iter().enumerate() {
        if !text[s..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case("before")) || words[i].1 - s != 6 {
            continue;
        }
        // "before and after", "before & after", "before/after", "before vs. after"
        let Some(&(a, e)) = words[i + 1..].iter().take(2).find(|w| text[w.0..w.1].eq_ignore_ascii_case("after")) else {
            continue;
        };
        let between = text[words[i].1..a].trim().to_ascii_lowercase();
        if !matches!(between.as_str(), "and" | "&" | "+" | "/" | "vs" | "vs." | "x") {
            continue;
        }
        let next = text[e..].trim_start_matches([' ', '\t']).chars().next();
        if next.is_none_or(|c| matches!(c, ':' | '!' | '\n' | '\r') || !c.is_ascii()) {
            out.push((s, e));
        }
    }
    out
}

/// Capital words that look like codes and are not discount codes: hospital alerts ("Code STEMI") and the shouted
/// words of a notice ("please use CAUTION").
const NOT_CODES: [&str; 14] = [
    "STEMI", "STROKE", "SEPSIS", "TRAUMA", "SILVER", "ORANGE", "YELLOW", "PURPLE", "CAUTION", "NOTICE", "WARNING",
    "URGENT", "ALERT", "REMINDER",
];

/// Whether a word has the shape of a discount code (see [`Shape::Code`]). A sun protection factor (`SPF50`) is not.
fn is_code(word: &str) -> bool {
    let bytes = word.as_bytes();
    let capitals_digits = bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let digit = bytes.iter().any(u8::is_ascii_digit);
    let spf = word.strip_prefix("SPF").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    capitals_digits
        && bytes.len() >= 4
        && bytes[0].is_ascii_uppercase()
        && (digit || bytes.len() >= 5)
        && !spf
        && !NOT_CODES.contains(&word)
}

/// The first path segments that make a link a referral or affiliate link.
const REFERRAL_PATHS: [&str; 6] = ["invite", "ref", "refer", "referral", "partner", "aff"];

/// The titles that a name may follow without a `-` or `_` in a clinician's own path (`/drmoss`, `/nursejo`).
const JOINED_TITLES: [&str; 3] = ["dr", "nurse", "coach"];

/// The prefixes of a clinician's own path (`/drmoss`, `/dr-amos`, `/np-lee`).
const CLINICIAN_PATHS: [&str; 7] = ["dr", "doc", "nurse", "rn", "np", "pa", "coach"];

/// Referral links: runs of text without white space that hold a domain and a path (see [`Shape::Referral`]).
fn referrals(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += chunk.len();
        let link = chunk.trim_end().trim_end_matches(['.', ',', '!', ')', ';', ':']);
        if ["?ref=", "&ref=", "/ref="].iter().any(|p| link.contains(p)) || referral_path(link) {
            out.push((start, start + link.len()));
        }
    }
    out
}

/// Whether the link's first path segment after a domain (`name.tld/`) is a referral or a clinician's own.
fn referral_path(link: &str) -> bool {
    let Some(slash) = link.find('/') else { return false };
    let (host, path) = (&link[..slash], &link[slash + 1..]);
    let tld = host.rsplit_once('.').map_or("", |(_, t)| t);
    if tld.len() < 2 || !tld.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let segment = path.split(['/', '?', '#']).next().unwrap_or("").to_ascii_lowercase();
    let word_end = |prefix: &str| segment.strip_prefix(prefix).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()));
    let referral = REFERRAL_PATHS.iter().any(|p| word_end(p));
    let clinician = CLINICIAN_PATHS.iter().any(|&p| {
        segment.strip_prefix(p).is_some_and(|rest| {
            let name = rest.trim_start_matches(['-', '_']);
            // a name run on to the title only after the unambiguous ones (`/drmoss`, `/coachlee`): `/pain`,
            // `/doctors`, `/rnews` are pages, and so are `/drugs` and `/drinks`
            let joined = name.len() == rest.len();
            let page = joined && (!JOINED_TITLES.contains(&p) || ["ug", "ink", "ive"].iter().any(|w| name.starts_with(w)));
            !page && name.len() >= 2 && name.bytes().all(|b| b.is_ascii_alphabetic())
        })
    });
    referral || clinician
}

/// Names: runs of capitalised words; a run that opens its sentence counts only after a title.
fn names(scan: &LexiconScan, words: &[(usize, usize)], sentences: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let text = scan.text();
    let titles = scan.roles().title.map_or(&[][..], |id| scan.hits(id));
    let sentence_starts: Vec<usize> =
        sentences.iter().filter_map(|&(s, e)| words.get(words.partition_point(|w| w.0 < s)).filter(|w| w.0 < e)).map(|w| w.0).collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (s, _) = words[i];
        let title = titles.get(titles.partition_point(|t| t.0 < s)).filter(|t| t.0 == s).copied();
        let first_name = match title {
            Some(t) => words.partition_point(|w| w.0 < t.1),
            None => i,
        };
        let mut j = first_name;
        let in_name = |j: usize| {
            let word = &text[words[j].0..words[j].1];
            // a middle initial: one capital and its full stop
            let initial = j > first_name && word.len() == 1 && text[words[j].1..].starts_with('.');
            (is_capitalised(word) || initial && word.as_bytes()[0].is_ascii_uppercase())
                && only_space_between(text, words, j, first_name)
        };
        while j < words.len() && in_name(j) {
            j += 1;
        }
        let opens_sentence = sentence_starts.binary_search(&s).is_ok();
        if j > first_name && (title.is_some() || !opens_sentence) {
            out.push((s, words[j - 1].1));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether word `j` follows word `j - 1` with only spaces between, or a full stop after an initial (`Ava J. Roe`): a
/// name does not run over punctuation, nor over the end of a sentence.
fn only_space_between(text: &str, words: &[(usize, usize)], j: usize, first: usize) -> bool {
    if j == first {
        return true;
    }
    let (previous, between) = (&text[words[j - 1].0..words[j - 1].1], &text[words[j - 1].1..words[j].0]);
    let initial = previous.len() == 1 && between.starts_with('.');
    between.chars().enumerate().all(|(k, c)| c == ' ' || (k == 0 && c == '.' && initial))
}

/// The words that, right after a name opening a line with no comma, show the name is spoken to: the reply goes on
/// to 'you' or to what 'we' did ("Greer we're sorry about ..."), not to what the person did ("Greer walked ...").
const ADDRESS_NEXT: [&str; 10] = ["you", "you're", "you've", "your", "we", "we're", "we've", "we'd", "we'll", "thank"];

/// Whether the text after a name opens with one of [`ADDRESS_NEXT`] as a whole word.
fn addresses_next(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '\'').collect();
    ADDRESS_NEXT.iter().any(|w| w.eq_ignore_ascii_case(&word))
}

/// Whether a word is two capitalised parts joined by a hyphen (`Jaimee-Lynn`, `Jean-Luc`): a given name the first
/// name lexicon, read word by word, cannot hold, though its parts are common names.
fn double_barrelled(word: &str) -> bool {
    word.split_once('-').is_some_and(|(a, b)| is_capitalised(a) && is_capitalised(b) && !b.contains('-'))
}

/// The end of the capitalised surname right after the title at word `i` (`Ms. Tran`, `Mr Okafor`), if there is one.
fn surname_end(text: &str, words: &[(usize, usize)], i: usize) -> Option<usize> {
    let &(s, e) = words.get(i + 1)?;
    let between = &text[words[i].1..s];
    (matches!(between, " " | ". ") && is_capitalised(&text[s..e])).then_some(e)
}

fn vocatives(scan: &LexiconScan, words: &[(usize, usize)], sentences: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let text = scan.text();
    let hits_of = |role: Option<u32>| role.map_or(&[][..], |id| scan.hits(id));
    let roles = scan.roles();
    let (greetings, first_names, titles) = (hits_of(roles.greeting), hits_of(roles.first_name), hits_of(roles.title));
    let starts_at = |hits: &[(usize, usize)], s: usize| hits.binary_search_by_key(&s, |h| h.0).is_ok();
    let mut out = Vec::new();
    // the start of the current word's line, kept up as the words go by so that each stretch of text is read once
    let (mut line_start, mut seen) = (0, 0);
    for (i, &(s, e)) in words.iter().enumerate() {
        let word = &text[s..e];
        let handle = word.starts_with('@');
        if !handle && !is_capitalised(word) {
            continue;
        }
        // a person: a handle, a first name or a title ("Thank you, Mrs. Roe"); "Thanks, Springfield!" thanks a
        // town and "Congrats, Dr. Lee" a colleague
        let person = handle || starts_at(first_names, s) || starts_at(titles, s) || double_barrelled(word);
        if !person {
            continue;
        }
        if let Some(n) = text[seen..s].rfind('\n') {
            line_start = seen + n + 1;
        }
        seen = s;
        let before = words.get(i.wrapping_sub(1)).map_or(0, |w| w.1);
        // "Ms. Tran, our records show ...": a title is read with the surname after it, so what follows the name (a
        // comma, the end of the sentence) is what follows the surname
        let e = if starts_at(titles, s) { surname_end(text, words, i).unwrap_or(e) } else { e };
        // the greetings that start before the word, the nearest last (a few share a start: "thank you (so much)")
        let mut nearest = greetings[..greetings.partition_point(|g| g.0 < s)].iter().rev().take(4);
        let after_greeting =
            nearest.any(|g| g.1 <= s && g.1 >= before && text[g.1..s].chars().all(|c| c == ' ' || c == ','));
        let sentence = sentences.partition_point(|x| x.0 <= s).checked_sub(1).map(|k| sentences[k]);
        let opens = handle && sentence.is_some_and(|(ss, se)| s < se && text[ss..s].trim().is_empty());
        // "..., Denise!": a comma before, and the sentence (or the post) ends after
        let rest = text[e..].trim_start_matches(' ');
        let ends_sentence = rest.is_empty() || rest.starts_with(['!', '.', '?', '\n']);
        let closes = text[before..s].trim() == "," && ends_sentence;
        // "Thanks for the five stars Priya!": a greeting opens the sentence and the name ends it
        let thanked = ends_sentence
            && sentence.is_some_and(|(ss, _)| {
                let in_sentence = &greetings[greetings.partition_point(|g| g.0 < ss)..];
                in_sentence.iter().take_while(|g| g.0 < s).any(|g| g.1 < s && text[ss..g.0].trim().is_empty())
            });
        // "Denise, thank you ...", "Olivia — we're glad ...", "Reply from the clinic: Brandon, ...": a name that
        // opens a line or follows a colon, then a comma or a dash
        let opener = (before <= line_start && text[line_start..s].trim().is_empty()) || text[before..s].trim() == ":";
        // "Mr. Haverford, who had his valve repaired ...": a name before ", who" is spoken about, not to
        let apposition = rest.trim_start_matches([',', ' ']).split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("who"));
        // ... or no comma at all: "Greer we're sorry ...", "Imani you made our week", "Kofi!! Congrats ..."
        let heads_line = opener && (rest.starts_with([',', '\u{2014}', '\u{2013}', '-', '!']) || addresses_next(rest));
        // "— Bella, @alignpro.studio": a line that opens with a dash signs the post; and "shoutout to @dan who came
        // back ..." speaks about the person whatever comes before the name. Only a short line signs: after
        // normalisation a Markdown bullet ("- Hi Tomas, we're sorry ...") opens with a dash too
        let line_end = text[s..].find('\n').map_or(text.len(), |k| s + k);
        let signature = text[line_start..s].trim_start().starts_with(['\u{2014}', '\u{2013}', '-'])
            && text[line_start..line_end].split_whitespace().count() <= SIGNATURE_WORDS;
        if !apposition && !signature && (after_greeting || opens || closes || thanked || heads_line) {
            out.push((s, e));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{before_afters, double_barrelled, is_code, quotes, referral_path, words};

    #[test]
    fn a_hyphenated_pair_of_capitalised_parts_is_a_given_name() {
        assert!(double_barrelled("Jaimee-Lynn"));
        assert!(double_barrelled("Jean-Luc"));
        assert!(!double_barrelled("Post-op"));
        assert!(!double_barrelled("COVID-19"));
        assert!(!double_barrelled("Denise"));
    }

    #[test]
    fn codes_are_capitals_and_digits() {
        assert!(is_code("SMILE20") && is_code("NURSEJO") && is_code("DRL10"));
        assert!(!is_code("CPR") && !is_code("BLUE") && !is_code("Smile20") && !is_code("2024"));
        assert!(!is_code("SPF50") && !is_code("STEMI") && !is_code("CAUTION") && is_code("SPFGLOW10"));
    }

    #[test]
    fn referral_links_are_told_by_their_path() {
        assert!(referral_path("calmly.example/invite/drreyes"));
        assert!(referral_path("rollright.example/dr-amos"));
        assert!(referral_path("restwell.example.com/drmoss"));
        assert!(referral_path("brand.example/np-lee"));
        for page in ["pain", "patients", "parking", "doctors", "drugs", "drinks", "rnews"] {
            assert!(!referral_path(&format!("clinic.example/{page}")), "{page}");
        }
        assert!(!referral_path("clinic.example/about"));
        assert!(!referral_path("clinic.example/referrals-policy"));
        assert!(!referral_path("clinic.example/affordable-care"));
        assert!(!referral_path("see 1/2"));
    }

    #[test]
    fn quotes_are_double_or_single_quoted_sentences() {
        let text = "\"Best decision I ever made,\" says a patient. 'I sleep now.' — Marcos. Don't \"x\" it's";
        let spans: Vec<&str> = quotes(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["\"Best decision I ever made,\"", "'I sleep now.'"]);
        // a short quote's closing mark opens no quote
        let text = "Try \"x\" first. Our patients say \"Great care every single time\" and we agree.";
        let spans: Vec<&str> = quotes(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["\"Great care every single time\""]);
    }

    #[test]
    fn before_and_after_is_a_heading_only() {
        let find = |t: &str| before_afters(t, &words(t)).len();
        assert_eq!(find("BEFORE AND AFTER \u{2728} Three sessions"), 1);
        assert_eq!(find("Before & after: a new smile"), 1);
        assert_eq!(find("Avoid alcohol before and after surgery."), 0);
    }
}
