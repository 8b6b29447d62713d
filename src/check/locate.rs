//! Locating findings in the file: their positions, source lines and excerpts, with every identifier found in the
//! post (or in any row of a calendar) masked wherever a finding shows it.

use std::ops::Range;

use crate::finding::{Finding, Related};
use crate::text::lines::{self, LineIndex};

/// The file being checked, for positions and source lines. The line index is built only for a file with findings.
pub(super) struct FileText<'a> {
    pub text: &'a str,
    lines: std::cell::OnceCell<LineIndex>,
    /// Whether findings keep their source line.
    source_lines: bool,
}

impl<'a> FileText<'a> {
    pub fn new(text: &'a str, source_lines: bool) -> FileText<'a> {
        FileText { text, lines: std::cell::OnceCell::new(), source_lines }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }
}

/// Up to this many identifier values are looked for one by one; more go through one automaton.
const FEW_VALUES: usize = 8;

/// The identifiers at `found` (post byte ranges) and every other whole-word occurrence of the same values in the post
/// (ASCII case folded): a name found once in a care context is the same person's name where the context is
/// missing, and must not show there.
pub(super) fn identifier_occurrences(
    text: &str,
    found: impl Iterator<Item = Range<usize>>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let found: Vec<Range<usize>> = found.collect();
    let mut values: Vec<String> = found
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .filter(|v| !v.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    values.sort_unstable();
    values.dedup();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let whole_word =
        |r: &Range<usize>| !word(text[..r.start].chars().next_back()) && !word(text[r.end..].chars().next());
    let again: Vec<Range<usize>> = if values.len() <= FEW_VALUES {
        // a post holds a few identifiers: a plain search of each beats building an automaton for every post
        let lower = if values.is_empty() { String::new() } else { text.to_ascii_lowercase() };
        let places = values.iter().flat_map(|v| lower.match_indices(v.as_str()).map(|(at, v)| at..at + v.len()));
        places.filter(whole_word).collect()
    } else {
        // a calendar's rows can hold thousands: one pass over the file for all of them
        let matcher = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(&values);
        let places = matcher.iter().flat_map(|m| m.find_overlapping_iter(text).map(|m| m.range()).collect::<Vec<_>>());
        places.filter(whole_word).collect()
    };
    found.into_iter().chain(again)
}

/// The file offsets of the characters that masking replaces with `*` in the identifiers at `ranges`, sorted.
pub(super) fn masked_offsets(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<usize> {
    let mut offsets = Vec::new();
    for range in ranges {
        let Some(value) = text.get(range.clone()) else { continue };
        let mask = crate::text::redact::mask(value);
        for ((offset, original), shown) in value.char_indices().zip(mask.chars()) {
            if original != shown {
                offsets.push(range.start + offset);
            }
        }
    }
    offsets.sort_unstable();
    offsets.dedup();
    offsets
}

/// The text at `range` with the characters at the `masked` offsets shown as `*`, or `None` if none is there.
fn masked_text(text: &str, range: Range<usize>, masked: &[usize]) -> Option<String> {
    let from = masked.partition_point(|&o| o < range.start);
    let to = masked.partition_point(|&o| o < range.end);
    let inside = &masked[from..to];
    if inside.is_empty() {
        return None;
    }
    let shown = text[range.clone()]
        .char_indices()
        .map(|(i, c)| if inside.binary_search(&(range.start + i)).is_ok() { '*' } else { c })
        .collect();
    Some(shown)
}

/// Two versions of a text (before and after fixes) with every occurrence of the identifiers found in either
/// (`found`: ranges in each) masked in both, character for character: a name found in its care context before a
/// fix removed that context is still a name where it appears again after.
pub(super) fn masked_pair(
    (before, after): (&str, &str),
    found: (&[Range<usize>], &[Range<usize>]),
) -> (String, String) {
    let joined = format!("{before}\n{after}");
    let offset = before.len() + 1;
    let ranges = found.0.iter().cloned().chain(found.1.iter().map(|r| r.start + offset..r.end + offset));
    let masked = masked_offsets(&joined, identifier_occurrences(&joined, ranges));
    let split = masked.partition_point(|&o| o < offset);
    let after_offsets: Vec<usize> = masked[split..].iter().map(|o| o - offset).collect();
    let shown = |text: &str, offsets: &[usize]| masked_text(text, 0..text.len(), offsets).unwrap_or(text.to_string());
    (shown(before, &masked[..split]), shown(after, &after_offsets))
}

/// Where a post is in its file: the calendar row it is, and the file bytes its text comes from.
pub(super) struct PostExtent {
    pub row: Option<usize>,
    pub extent: Range<usize>,
}

/// A finding at file bytes `range`, with its line, columns and source line, and their masked forms (`masked`: the
/// sorted file offsets of identifier characters shown as `*`).
pub(super) fn locate(
    file: &FileText,
    rule: usize,
    range: Range<usize>,
    post: &PostExtent,
    masked: &[usize],
) -> Finding {
    let text = file.text;
    let place = place_of(file, range.clone(), masked);
    let lines = file.lines();
    // the line as far as it belongs to this post: a calendar's line can hold other cells and other rows
    let whole_line_start = lines.line_start(place.begin_pos.line);
    let line_start = whole_line_start.max(post.extent.start).min(range.start);
    // counted back from the finding when the line is cut (only through the row's own text), not by asking the line
    // index, which counts on from the last place asked for: a long one-line calendar has many findings
    let source_line_column = if line_start == whole_line_start {
        1
    } else {
        place.begin_pos.column - text[line_start..range.start].chars().count()
    };
    // looked for only up to the post's end: a one-line calendar's line is the whole file
    let line_end = lines::line_end(&text[..post.extent.end.max(range.end)], line_start);
    Finding {
        rule,
        start: place.start,
        end: place.end,
        begin_pos: place.begin_pos,
        end_pos: place.end_pos,
        matched: place.matched,
        shown: place.shown,
        source_line: if file.source_lines { text[line_start..line_end].to_string() } else { String::new() },
        source_line_shown: file.source_lines.then(|| masked_text(text, line_start..line_end, masked)).flatten(),
        source_line_start: line_start,
        source_line_column,
        row: post.row,
        post_lines: (lines.line_of(post.extent.start), lines.line_of(post.extent.end)),
        related: Vec::new(),
        slots: Vec::new(),
        fix: None,
        severity: None,
        note: None,
    }
}

/// A place at file bytes `range`: its positions and text (what a related span needs; no source line).
pub(super) fn place_of(file: &FileText, range: Range<usize>, masked: &[usize]) -> Related {
    let lines = file.lines();
    Related {
        start: range.start,
        end: range.end,
        begin_pos: lines.position(file.text, range.start),
        end_pos: lines.position(file.text, range.end),
        matched: file.text[range.clone()].to_string(),
        shown: masked_text(file.text, range, masked),
    }
}

/// Masks a calendar's findings again with every identifier found in any of its rows: a name found in one row is
/// the same person's where it appears in another row's text.
pub(super) fn mask_across_rows(file: &FileText, identifiers: &[Range<usize>], findings: &mut [Finding]) {
    if identifiers.is_empty() || findings.is_empty() {
        return;
    }
    let masked = masked_offsets(file.text, identifier_occurrences(file.text, identifiers.iter().cloned()));
    let text = file.text;
    for f in findings {
        f.shown = masked_text(text, f.start..f.end, &masked);
        // every place a finding shows text: its related places and its frame slots too
        for r in f.related.iter_mut().chain(f.slots.iter_mut().map(|s| &mut s.place)) {
            r.shown = masked_text(text, r.start..r.end, &masked);
        }
        if file.source_lines {
            f.source_line_shown =
                masked_text(text, f.source_line_start..f.source_line_start + f.source_line.len(), &masked);
        }
    }
}
