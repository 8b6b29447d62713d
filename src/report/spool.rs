//! The items of the one big array of a `json` or `sarif` report (findings, results), serialised as they arrive and
//! kept until the run ends, because the counts that the document puts before them are known only then. Up to
//! `IN_MEMORY` bytes stay in memory; beyond that they go to an unnamed temporary file (removed by the system when
//! it is closed), so a report over a big repository needs no more memory than a small one.

use std::io::{self, Read as _, Seek as _, SeekFrom, Write};

use serde::Serialize;
use tempfile::SpooledTempFile;

/// Bytes of serialised items held in memory before the spool moves to a temporary file.
const IN_MEMORY: usize = 4 << 20;

/// Where the array goes in the document: `document` is serialised with this string in the array's place.
pub const PLACEHOLDER: &str = "\u{1}carelint-array\u{1}";

pub struct ArraySpool {
    items: SpooledTempFile,
    count: usize,
    /// The indentation of the array's items in the pretty-printed document.
    indent: String,
}

impl ArraySpool {
    pub fn new(indent: usize) -> ArraySpool {
        ArraySpool { items: tempfile::spooled_tempfile(IN_MEMORY), count: 0, indent: " ".repeat(indent) }
    }

    /// Appends one item, pretty-printed at the array's indentation (JSON strings hold no raw line breaks, so
    /// indenting every line is safe).
    pub fn push(&mut self, item: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(item)?;
        let separator = if self.count == 0 { "\n" } else { ",\n" };
        self.items.write_all(separator.as_bytes())?;
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.items.write_all(b"\n")?;
            }
            self.items.write_all(self.indent.as_bytes())?;
            self.items.write_all(line.as_bytes())?;
        }
        self.count += 1;
        Ok(())
    }

    /// Writes `document` (pretty-printed, with `PLACEHOLDER` where the array goes) with the spooled items in the
    /// placeholder's place, laid out as serde_json would have laid out the whole array.
    pub fn write_into(mut self, out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(document)?;
        let quoted = serde_json::to_string(PLACEHOLDER)?;
        let at = text.find(&quoted).ok_or_else(|| io::Error::other("report document without its array"))?;
        let (before, after) = (&text[..at], &text[at + quoted.len()..]);
        out.write_all(before.as_bytes())?;
        if self.count == 0 {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[")?;
            self.items.seek(SeekFrom::Start(0))?;
            let mut buf = vec![0; 64 << 10];
            loop {
                let n = self.items.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                out.write_all(&buf[..n])?;
            }
            // the closing bracket goes two spaces left of the items
            write!(out, "\n{}]", &self.indent[2.min(self.indent.len())..])?;
        }
        out.write_all(after.as_bytes())?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spooled(items: &[serde_json::Value], in_memory: bool) -> String {
        let mut spool = ArraySpool::new(4);
        if !in_memory {
            // past the in-memory size, the same bytes must come back from the file
            spool.items = tempfile::spooled_tempfile(1);
        }
        for item in items {
            spool.push(item).unwrap();
        }
        let mut out = Vec::new();
        spool.write_into(&mut out, &json!({ "a": 1, "items": PLACEHOLDER, "z": [1] })).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn spooled_array_is_laid_out_like_serde_json() {
        let items = vec![json!({ "x": "line\nbreak", "y": [1, 2] }), json!({ "x": "", "y": [] })];
        for in_memory in [true, false] {
            let expected =
                serde_json::to_string_pretty(&json!({ "a": 1, "items": items.clone(), "z": [1] })).unwrap() + "\n";
            assert_eq!(spooled(&items, in_memory), expected);
            let empty = serde_json::to_string_pretty(&json!({ "a": 1, "items": [], "z": [1] })).unwrap() + "\n";
            assert_eq!(spooled(&[], in_memory), empty);
        }
    }
}
