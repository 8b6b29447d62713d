//! JSON and JSONL calendar exports: just enough JSON to find each post object's string fields with the file offset
//! of every byte, so that a finding inside an escaped string points at the string as it is in the file.

use serde_json::Value;

use super::{expected, pick_text_field, CalendarPost, OffsetMap, RowError, Rows};
use crate::text::lines::{bom_len, LineCounter};

/// The posts of a JSON export (an array of objects, or an object with one array of objects) or JSONL (one object
/// a line). A record that cannot be read, or has no text field, is a row error and the others are still read; a
/// JSON file whose structure cannot be followed past a bad record is an error of the whole file.
pub fn json_posts(data: &str, jsonl: bool, text_fields: &[String]) -> Result<Rows, String> {
    let records = if jsonl {
        jsonl_records(data)
    } else {
        let mut p = JsonScanner { data, pos: bom_len(data), lines: LineCounter::new(data) };
        p.skip_ws();
        p.posts_container()?
    };
    Ok(records.into_iter().filter_map(|r| r.and_then(|record| record_post(record, text_fields)).transpose()).collect())
}

/// One object of a calendar export, with its place in the file.
struct Record {
    row: usize,
    line: usize,
    fields: Vec<(String, JsonValue)>,
}

/// The objects of a JSONL file, one a non-blank line. A line is read on its own, so a broken one (an unclosed
/// string) cannot swallow the lines after it.
fn jsonl_records(data: &str) -> Vec<Result<Record, RowError>> {
    let mut records = Vec::new();
    let mut offset = 0;
    for (n, line) in data.split_inclusive('\n').enumerate() {
        if !line.trim().is_empty() {
            let (row, line_no) = (records.len() + 1, n + 1);
            let data = &data[..offset + line.len()];
            let start = if offset == 0 { bom_len(data) } else { offset };
            let mut p = JsonScanner { data, pos: start, lines: LineCounter::starting_at(data, offset, line_no) };
            p.skip_ws();
            let record = p.object().and_then(|fields| {
                p.skip_ws();
                match p.pos == p.data.len() {
                    true => Ok(Record { row, line: line_no, fields }),
                    false => Err("text after the record's closing `}`".to_string()),
                }
            });
            records.push(record.map_err(|message| RowError { row, line: line_no, message }));
        }
        offset += line.len();
    }
    records
}

/// A record as a post: `None` when its text field is not a string (nothing to check), an error when it has none.
fn record_post(record: Record, text_fields: &[String]) -> Result<Option<CalendarPost>, RowError> {
    let Record { row, line, fields: obj } = record;
    let names = obj.iter().map(|(k, _)| k.as_str());
    let Some(wanted) = pick_text_field(names, text_fields) else {
        let message = format!("no post text field (expected one of {})", expected(text_fields));
        return Err(RowError { row, line, message });
    };
    let mut fields = serde_json::Map::new();
    let mut text = None;
    for (key, value) in obj {
        if key.eq_ignore_ascii_case(&wanted) {
            if let JsonValue::Str(cell) = value {
                text = Some(cell);
            }
        } else if let JsonValue::Str(cell) = value {
            fields.insert(key.to_lowercase(), Value::String(cell.text));
        }
    }
    Ok(text.map(|cell| CalendarPost {
        row,
        line,
        text: cell.text,
        map: OffsetMap::Table(cell.map),
        fields: Value::Object(fields),
    }))
}

/// A JSON string, unescaped, with the file offset of every byte (and one past the end).
struct Cell {
    text: String,
    map: Vec<usize>,
}

enum JsonValue {
    Str(Cell),
    Other,
}

/// Just enough JSON to find string fields of objects with their offsets; other values are skipped.
struct JsonScanner<'a> {
    data: &'a str,
    pos: usize,
    lines: LineCounter<'a>,
}

impl JsonScanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.data.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), String> {
        self.skip_ws();
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!("expected `{}` at line {}", b as char, self.lines.line_of(self.pos)))
        }
    }

    /// `[ {..}, .. ]` or `{ "posts": [ .. ] }` (the first array of objects in a top-level object).
    fn posts_container(&mut self) -> Result<Vec<Result<Record, RowError>>, String> {
        match self.peek() {
            Some(b'[') => self.array_of_objects(),
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err("no array of posts in the JSON object".into());
                    }
                    let _key = self.string()?;
                    self.expect(b':')?;
                    self.skip_ws();
                    if self.peek() == Some(b'[') {
                        return self.array_of_objects();
                    }
                    self.value()?;
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    }
                }
            }
            _ => Err("a JSON export is an array of posts or an object holding one".into()),
        }
    }

    /// The records of an array: a record that cannot be read becomes a row error when its end can still be found.
    fn array_of_objects(&mut self) -> Result<Vec<Result<Record, RowError>>, String> {
        self.expect(b'[')?;
        let mut out = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b',') => self.pos += 1,
                Some(b'{') => {
                    let (start, row) = (self.pos, out.len() + 1);
                    let line = self.lines.line_of(start);
                    match self.object() {
                        Ok(fields) => out.push(Ok(Record { row, line, fields })),
                        Err(message) => {
                            self.pos = start;
                            self.skip_balanced().map_err(|_| message.clone())?;
                            out.push(Err(RowError { row, line, message }));
                        }
                    }
                }
                _ => return Err(format!("expected a post object at line {}", self.lines.line_of(self.pos))),
            }
        }
    }

    fn object(&mut self) -> Result<Vec<(String, JsonValue)>, String> {
        self.expect(b'{')?;
        let mut fields = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(fields);
                }
                Some(b',') => self.pos += 1,
                Some(b'"') => {
                    let key = self.string()?.text;
                    self.expect(b':')?;
                    self.skip_ws();
                    let value = if self.peek() == Some(b'"') { JsonValue::Str(self.string()?) } else { self.value()? };
                    fields.push((key, value));
                }
                _ => return Err(format!("expected a field name at line {}", self.lines.line_of(self.pos))),
            }
        }
    }

    /// Skips from a `{` or `[` to the bracket that closes it, counting brackets outside strings and nothing else:
    /// the way past a record that does not parse. An error when no bracket closes it.
    fn skip_balanced(&mut self) -> Result<(), ()> {
        let bytes = self.data.as_bytes();
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(self.pos) {
            self.pos += 1;
            match b {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1).ok_or(())?;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                b'"' => loop {
                    match bytes.get(self.pos) {
                        None => return Err(()),
                        Some(b'\\') => self.pos += 2,
                        Some(b'"') => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => self.pos += 1,
                    }
                },
                _ => {}
            }
        }
        Err(())
    }

    /// Skips any value; strings inside nested values are not posts. Nesting is followed with a stack of closing
    /// brackets, not recursion: a deeply nested export must not overflow a scanning thread's stack.
    fn value(&mut self) -> Result<JsonValue, String> {
        let mut closers: Vec<u8> = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None if closers.is_empty() => return Err("unexpected end of JSON".into()),
                None => return Err("unterminated JSON value".into()),
                Some(b'"') => {
                    self.string()?;
                }
                Some(open @ (b'{' | b'[')) => {
                    closers.push(if open == b'{' { b'}' } else { b']' });
                    self.pos += 1;
                    continue;
                }
                Some(b) if closers.last() == Some(&b) => {
                    closers.pop();
                    self.pos += 1;
                }
                Some(b',' | b':') if !closers.is_empty() => {
                    self.pos += 1;
                    continue;
                }
                Some(_) => {
                    let start = self.pos;
                    while !matches!(self.peek(), None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) {
                        self.pos += 1;
                    }
                    if self.pos == start {
                        return Err(format!(
                            "unexpected `{}` at line {}",
                            self.data[start..].chars().next().unwrap_or(' '),
                            self.lines.line_of(start)
                        ));
                    }
                }
            }
            if closers.is_empty() {
                break;
            }
        }
        Ok(JsonValue::Other)
    }

    /// A string literal, unescaped, with the file offset of every byte.
    fn string(&mut self) -> Result<Cell, String> {
        self.skip_ws();
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return Err(format!("expected a string at line {}", self.lines.line_of(self.pos)));
        }
        self.pos += 1;
        let mut text = String::new();
        let mut map = Vec::new();
        loop {
            let at = self.pos;
            let Some(c) = self.data[self.pos..].chars().next() else {
                return Err(format!("unterminated string at line {}", self.lines.line_of(start)));
            };
            self.pos += c.len_utf8();
            let ch = match c {
                '"' => break,
                '\\' => {
                    let e = self.data[self.pos..].chars().next().ok_or("unterminated escape")?;
                    self.pos += e.len_utf8();
                    match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'u' => self.unicode_escape()?,
                        other => other,
                    }
                }
                other => other,
            };
            let before = text.len();
            text.push(ch);
            map.extend(std::iter::repeat_n(at, text.len() - before));
        }
        map.push(self.pos - 1);
        Ok(Cell { text, map })
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        let hex = |s: &mut Self| -> Result<u32, String> {
            let h = s.data.get(s.pos..s.pos + 4).ok_or("short \\u escape")?;
            s.pos += 4;
            u32::from_str_radix(h, 16).map_err(|_| "bad \\u escape".to_string())
        };
        let first = hex(self)?;
        if (0xD800..0xDC00).contains(&first) && self.data[self.pos..].starts_with("\\u") {
            self.pos += 2;
            let second = hex(self)?;
            let code = 0x10000 + ((first - 0xD800) << 10) + (second.wrapping_sub(0xDC00) & 0x3FF);
            return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::slice;
    use super::*;

    fn json_rows(data: &str, jsonl: bool) -> Vec<Result<(usize, usize, String), String>> {
        let rows = json_posts(data, jsonl, &[]).unwrap();
        rows.into_iter().map(|r| r.map(|p| (p.row, p.line, p.text)).map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn a_bad_jsonl_line_is_an_error_of_its_own() {
        let data = "{\"text\": \"one\"}\n{\"text\": \"unclosed}\n\n{text: 1}\n{\"caption\": \"four\"} x\n{\"id\": 5}\n{\"text\": \"six\"}\n";
        let rows = json_rows(data, true);
        assert_eq!(rows[0], Ok((1, 1, "one".to_string())));
        assert!(rows[1].as_ref().unwrap_err().starts_with("line 2 (row 2): unterminated string"), "{rows:?}");
        assert!(rows[2].as_ref().unwrap_err().starts_with("line 4 (row 3): expected a field name"), "{rows:?}");
        assert!(rows[3].as_ref().unwrap_err().starts_with("line 5 (row 4): text after the record's"), "{rows:?}");
        assert!(rows[4].as_ref().unwrap_err().starts_with("line 6 (row 5): no post text field"), "{rows:?}");
        assert_eq!(rows[5], Ok((6, 7, "six".to_string())));
    }

    #[test]
    fn a_bad_json_array_element_is_an_error_of_its_own_unless_its_end_is_lost() {
        let data = "[\n{\"text\": \"one\"},\n{text: \"two\", \"tags\": [\"a]\"]},\n{\"text\": \"three\"}\n]";
        let rows = json_rows(data, false);
        assert_eq!(rows[0], Ok((1, 2, "one".to_string())));
        assert!(rows[1].as_ref().unwrap_err().starts_with("line 3 (row 2): expected a field name"), "{rows:?}");
        assert_eq!(rows[2], Ok((3, 4, "three".to_string())));
        // an unclosed string: no way to tell where the record ends
        assert!(json_posts("[{\"text\": \"one}, {\"text\": \"two\"}]", false, &[]).is_err());
        assert!(json_posts("not json", false, &[]).is_err());
    }

    #[test]
    fn json_and_jsonl_strings_map_back_through_escapes() {
        let data =
            r#"{"posts": [{"id": 1, "text": "Tab\there \u00e9 \"miracle cure\"", "platform": "x"}, {"text": "ok"}]}"#;
        let ok = |rows: Rows| -> Vec<CalendarPost> { rows.into_iter().map(Result::unwrap).collect() };
        let posts = ok(json_posts(data, false, &[]).unwrap());
        assert_eq!(posts[0].text, "Tab\there é \"miracle cure\"");
        assert_eq!(slice(data, &posts[0], "miracle cure"), "miracle cure");
        assert_eq!(slice(data, &posts[0], "é"), "\\u00e9");
        assert_eq!(posts[0].fields["platform"], "x");
        assert!(json_posts(r#"[{"text": "x", "tags": [1}]}]"#, false, &[]).is_err(), "mismatched brackets end");
        let lines = "{\"text\": \"one\"}\n{\"caption\": \"two miracle\"}\n";
        let posts = ok(json_posts(lines, true, &[]).unwrap());
        assert_eq!(posts.len(), 2);
        assert_eq!(slice(lines, &posts[1], "miracle"), "miracle");
    }
}
