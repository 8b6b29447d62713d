//! Line breaks and positions, the same wherever lines are counted (positions, source lines,
//! `carelint-disable-next-line`): `\n`, `\r\n` (one break) and a lone `\r` (classic Mac files) each end a line. A
//! byte-order mark at the start is not part of the first line's text.

use crate::finding::Position;

/// The length of a byte-order mark at the start of `text` (Excel's "CSV UTF-8" writes one; a decoded UTF-16 file
/// keeps its own): the first line, row or record starts after it.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// The byte offset just past each line break of `text`, in order.
pub fn break_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

/// The lines of `text`, each with its line break (the last one may have none), like `split_inclusive('\n')`.
pub fn with_breaks(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    break_ends(text).chain(std::iter::once(text.len())).filter_map(move |end| {
        let line = &text[start..end];
        start = end;
        (!line.is_empty()).then_some(line)
    })
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    breaks_between(text, 0, offset) + 1
}

/// How many line breaks end in `from..=to` (at offsets `from + 1 ..= to`), judged on the whole text: a `\r\n` split by
/// an offset is one break, which ends after its `\n`.
fn breaks_between(text: &str, from: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    bytes[from..to]
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(from + i + 1) != Some(&b'\n')))
        .count()
}

/// Lines of offsets asked for one after another, each counted on from the last one (forwards or backwards): a parser
/// that reports the line of every row of a big file would otherwise count from the start for each.
pub struct LineCounter<'a> {
    text: &'a str,
    /// The last offset asked for and its 1-based line.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter::starting_at(text, 0, 1)
    }

    /// A counter that knows that `offset` is on `line` (a JSONL record on its own line).
    pub fn starting_at(text: &'a str, offset: usize, line: usize) -> LineCounter<'a> {
        LineCounter { text, last: std::cell::Cell::new((offset, line)) }
    }

    /// The 1-based line of `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let (last, line) = self.last.get();
        let line = if offset >= last {
            line + breaks_between(self.text, last, offset)
        } else {
            line - breaks_between(self.text, offset, last)
        };
        self.last.set((offset, line));
        line
    }
}

/// Where the line that starts at `start` ends, before its line break.
pub fn line_end(text: &str, start: usize) -> usize {
    text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i)
}

/// Byte offsets of line starts, to turn offsets into 1-based line and character column. The first line starts after
/// a byte-order mark, which is not a column.
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last offset asked for and its position: findings come in text order, so columns are counted on from
    /// there rather than from the line's start (a one-line calendar export with thousands of findings would
    /// otherwise count its whole line again for each).
    last: std::cell::Cell<(usize, Position)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bom = bom_len(text);
        let mut starts = vec![bom];
        starts.extend(break_ends(text));
        LineIndex { starts, last: std::cell::Cell::new((bom, Position { line: 1, column: 1 })) }
    }

    /// The position of `offset` in `text` (the text the index was built on).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        // nothing points into the BOM, but an offset there is column 1, not a panic
        let offset = offset.max(self.starts[0]);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let (last, known) = self.last.get();
        let column = if known.line == line && last <= offset {
            known.column + text[last..offset].chars().count()
        } else if known.line == line && offset - start > last - offset {
            known.column - text[offset..last].chars().count()
        } else {
            text[start..offset].chars().count() + 1
        };
        let position = Position { line, column };
        self.last.set((offset, position));
        position
    }

    /// The 1-based line of `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The byte offset where 1-based `line` starts (after the BOM on line 1).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_crlf_and_lone_cr_each_end_one_line() {
        let text = "a\nb\r\nc\rd";
        assert_eq!(break_ends(text).collect::<Vec<_>>(), vec![2, 5, 7]);
        assert_eq!([0, 2, 3, 4, 5, 7].map(|o| line_of(text, o)), [1, 2, 2, 2, 3, 4]);
        assert_eq!(line_end(text, 2), 3);
        assert_eq!(line_end(text, 5), 6);
        assert_eq!(line_end(text, 7), 8);
        assert_eq!(with_breaks(text).collect::<Vec<_>>(), vec!["a\n", "b\r\n", "c\r", "d"]);
        assert_eq!(with_breaks("a\n").collect::<Vec<_>>(), vec!["a\n"]);
        assert_eq!(with_breaks("").count(), 0);
    }

    #[test]
    fn positions_count_characters_and_skip_the_bom() {
        let text = "\u{feff}é1\r\nab\rc";
        let index = LineIndex::new(text);
        let at = |offset| {
            let Position { line, column } = index.position(text, offset);
            (line, column)
        };
        assert_eq!(at(0), (1, 1), "inside the BOM");
        assert_eq!(at(5), (1, 2), "after a two-byte character");
        assert_eq!([at(8), at(9), at(11)], [(2, 1), (2, 2), (3, 1)]);
        assert_eq!(at(9), (2, 2), "asked again, counted back");
        assert_eq!(at(6), (1, 3));
        assert_eq!([index.line_start(1), index.line_start(2), index.line_start(3)], [3, 8, 11]);
    }

    #[test]
    fn a_counter_agrees_with_line_of_in_any_order() {
        let text = "a\nb\r\nc\rd\r\n\ne";
        let counter = LineCounter::new(text);
        for offset in [9, 0, 4, 3, 5, 10, 2, 7, 1, 8, 6, 11] {
            assert_eq!(counter.line_of(offset), line_of(text, offset), "offset {offset}");
        }
    }
}
