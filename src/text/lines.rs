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
    break_ends(text).take_while(|&end| end <= offset).count() + 1
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
}
