//! Line breaks, the same wherever lines are counted (positions, source lines, `carelint-disable-next-line`): `\n`,
//! `\r\n` (one break) and a lone `\r` (classic Mac files) each end a line.

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
    fn a_counter_agrees_with_line_of_in_any_order() {
        let text = "a\nb\r\nc\rd\r\n\ne";
        let counter = LineCounter::new(text);
        for offset in [9, 0, 4, 3, 5, 10, 2, 7, 1, 8, 6, 11] {
            assert_eq!(counter.line_of(offset), line_of(text, offset), "offset {offset}");
        }
    }
}
