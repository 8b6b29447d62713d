//! Content calendars: CSV files (a header row, one post per row) and JSON/JSONL exports (one post per object).
//! Each post's text keeps a map back to the file's bytes, so findings point at the cell as it is in the file even
//! when quotes are doubled or escapes are used.

use serde_json::Value;

/// Column or field names that hold the post text, tried in order (case-insensitive) unless configured.
pub const DEFAULT_TEXT_FIELDS: &[&str] = &["text", "post", "caption", "message", "copy", "body", "content"];

/// Where the bytes of a post's text are in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OffsetMap {
    /// Text byte `i` is file byte `base + i` (a cell without escapes).
    Shift(usize),
    /// For each text byte (and one past the end), the file offset it comes from.
    Table(Vec<usize>),
}

/// One post of a calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarPost {
    /// 1-based row (CSV: data rows after the header; JSON: the object's position).
    pub row: usize,
    /// The post text, unescaped.
    pub text: String,
    pub map: OffsetMap,
    /// The row's other string fields (`platform`, `kind`, `consent`, ...), keyed by lower-case name.
    pub fields: Value,
}

impl CalendarPost {
    /// The file byte range of text bytes `start..end`.
    pub fn file_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        match &self.map {
            OffsetMap::Shift(base) => base + start..base + end,
            OffsetMap::Table(map) => {
                let s = map[start];
                // the next byte's origin ends the range: right for plain and escaped characters alike
                let e = if end < map.len() { map[end] } else { map[map.len() - 1] };
                s..e.max(s)
            }
        }
    }
}

/// A CSV cell as found in the file: its content's byte range (inside the quotes, if quoted).
#[derive(Clone, Copy, Debug)]
struct RawCell {
    start: usize,
    end: usize,
    /// The content has doubled quotes to undo.
    escaped: bool,
}

impl RawCell {
    fn text<'a>(&self, data: &'a str) -> std::borrow::Cow<'a, str> {
        let raw = &data[self.start..self.end];
        if self.escaped {
            raw.replace("\"\"", "\"").into()
        } else {
            raw.into()
        }
    }

    /// The unescaped text and its map back to the file.
    fn post_text(&self, data: &str) -> (String, OffsetMap) {
        if !self.escaped {
            return (data[self.start..self.end].to_string(), OffsetMap::Shift(self.start));
        }
        let bytes = &data.as_bytes()[self.start..self.end];
        let mut text = Vec::with_capacity(bytes.len());
        let mut map = Vec::with_capacity(bytes.len() + 1);
        let mut i = 0;
        while i < bytes.len() {
            text.push(bytes[i]);
            map.push(self.start + i);
            i += if bytes[i] == b'"' { 2 } else { 1 };
        }
        map.push(self.end);
        // only `""` pairs (ASCII) were dropped from valid UTF-8
        (String::from_utf8(text).unwrap_or_default(), OffsetMap::Table(map))
    }
}

/// RFC 4180 CSV: rows of cells with their byte ranges. A final empty line is ignored.
fn parse_csv(data: &str) -> Result<Vec<Vec<RawCell>>, String> {
    let bytes = data.as_bytes();
    let mut rows: Vec<Vec<RawCell>> = Vec::new();
    let mut row: Vec<RawCell> = Vec::new();
    let mut i = 0;
    loop {
        let cell = if bytes.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            let start = i;
            let mut escaped = false;
            loop {
                match bytes.get(i) {
                    None => {
                        return Err(format!("unclosed quote in the cell that starts at line {}", line_of(data, open)))
                    }
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                        escaped = true;
                        i += 2;
                    }
                    Some(b'"') => break,
                    Some(_) => i += 1,
                }
            }
            let cell = RawCell { start, end: i, escaped };
            i += 1;
            if !matches!(bytes.get(i), None | Some(b',' | b'\n' | b'\r')) {
                return Err(format!("text after a closing quote at line {}", line_of(data, i)));
            }
            cell
        } else {
            let start = i;
            while i < bytes.len() && !matches!(bytes[i], b',' | b'\n' | b'\r') {
                i += 1;
            }
            RawCell { start, end: i, escaped: false }
        };
        row.push(cell);
        match bytes.get(i) {
            Some(b',') => i += 1,
            _ => {
                if bytes.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                let blank = row.len() == 1 && row[0].start == row[0].end;
                let done = std::mem::take(&mut row);
                if !blank {
                    rows.push(done);
                }
                if i >= bytes.len() {
                    break;
                }
            }
        }
    }
    Ok(rows)
}

fn line_of(data: &str, offset: usize) -> usize {
    crate::rules::line_of(data, offset)
}

fn pick_text_field<'a>(names: impl Iterator<Item = &'a str> + Clone, configured: &[String]) -> Option<String> {
    let wanted: Vec<String> = if configured.is_empty() {
        DEFAULT_TEXT_FIELDS.iter().map(|s| s.to_string()).collect()
    } else {
        configured.iter().map(|s| s.to_lowercase()).collect()
    };
    wanted.into_iter().find(|w| names.clone().any(|n| n.trim().eq_ignore_ascii_case(w)))
}

/// A parsed CSV calendar: posts are built one at a time (`post`), so a large calendar is never held unescaped.
pub struct CsvCalendar<'a> {
    data: &'a str,
    names: Vec<String>,
    text_column: usize,
    rows: Vec<Vec<RawCell>>,
}

impl CsvCalendar<'_> {
    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Data row `index` (0-based) as a post; `None` when the row has no text cell.
    pub fn post(&self, index: usize) -> Option<CalendarPost> {
        let row = self.rows.get(index)?;
        let cell = row.get(self.text_column)?;
        let (text, map) = cell.post_text(self.data);
        let mut fields = serde_json::Map::new();
        for (i, (name, c)) in self.names.iter().zip(row).enumerate() {
            if i != self.text_column && c.start != c.end {
                fields.insert(name.clone(), Value::String(c.text(self.data).into_owned()));
            }
        }
        Some(CalendarPost { row: index + 1, text, map, fields: Value::Object(fields) })
    }
}

/// Parses a CSV calendar. `text_fields`: configured column names (default: `DEFAULT_TEXT_FIELDS`).
pub fn csv_calendar<'a>(data: &'a str, text_fields: &[String]) -> Result<CsvCalendar<'a>, String> {
    let mut rows = parse_csv(data)?;
    if rows.is_empty() {
        return Ok(CsvCalendar { data, names: Vec::new(), text_column: 0, rows });
    }
    let header = rows.remove(0);
    let names: Vec<String> =
        header.iter().map(|c| c.text(data).trim().trim_start_matches('\u{feff}').to_lowercase()).collect();
    let wanted = pick_text_field(names.iter().map(String::as_str), text_fields).ok_or_else(|| {
        // the names are not repeated: in a file without a header row they would be a post's text
        format!(
            "no post text column in the header row ({} columns); expected one of {}, or set [input] text-fields",
            names.len(),
            expected(text_fields)
        )
    })?;
    let text_column = names.iter().position(|n| *n == wanted).unwrap_or(0);
    Ok(CsvCalendar { data, names, text_column, rows })
}

fn expected(text_fields: &[String]) -> String {
    if text_fields.is_empty() {
        DEFAULT_TEXT_FIELDS.join(", ")
    } else {
        text_fields.join(", ")
    }
}

/// The posts of a JSON export (an array of objects, or an object with one array of objects) or JSONL (one object
/// a line).
pub fn json_posts(data: &str, jsonl: bool, text_fields: &[String]) -> Result<Vec<CalendarPost>, String> {
    let mut objects = Vec::new();
    if jsonl {
        let mut offset = 0;
        for (n, line) in data.split_inclusive('\n').enumerate() {
            if !line.trim().is_empty() {
                let mut p = JsonScanner { data, pos: offset };
                p.skip_ws();
                let obj = p.object().map_err(|e| format!("line {}: {e}", n + 1))?;
                objects.push(obj);
            }
            offset += line.len();
        }
    } else {
        let mut p = JsonScanner { data, pos: 0 };
        p.skip_ws();
        objects = p.posts_container()?;
    }
    let mut posts = Vec::new();
    for (i, obj) in objects.into_iter().enumerate() {
        let names = obj.iter().map(|(k, _)| k.as_str());
        let Some(wanted) = pick_text_field(names, text_fields) else {
            return Err(format!("record {} has no post text field (expected one of {})", i + 1, expected(text_fields)));
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
        if let Some(cell) = text {
            posts.push(CalendarPost {
                row: i + 1,
                text: cell.text,
                map: OffsetMap::Table(cell.map),
                fields: Value::Object(fields),
            });
        }
    }
    Ok(posts)
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
            Err(format!("expected `{}` at line {}", b as char, line_of(self.data, self.pos)))
        }
    }

    /// `[ {..}, .. ]` or `{ "posts": [ .. ] }` (the first array of objects in a top-level object).
    fn posts_container(&mut self) -> Result<Vec<Vec<(String, JsonValue)>>, String> {
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

    fn array_of_objects(&mut self) -> Result<Vec<Vec<(String, JsonValue)>>, String> {
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
                Some(b'{') => out.push(self.object()?),
                _ => return Err(format!("expected a post object at line {}", line_of(self.data, self.pos))),
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
                _ => return Err(format!("expected a field name at line {}", line_of(self.data, self.pos))),
            }
        }
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
                            line_of(self.data, start)
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
            return Err(format!("expected a string at line {}", line_of(self.data, self.pos)));
        }
        self.pos += 1;
        let mut text = String::new();
        let mut map = Vec::new();
        loop {
            let at = self.pos;
            let Some(c) = self.data[self.pos..].chars().next() else {
                return Err(format!("unterminated string at line {}", line_of(self.data, start)));
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
            u32::from_str_radix(h, 16).map_err(|_| format!("bad \\u escape `{h}`"))
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
    use super::*;

    fn slice(data: &str, post: &CalendarPost, needle: &str) -> String {
        let s = post.text.find(needle).unwrap();
        let r = post.file_range(s, s + needle.len());
        data[r].to_string()
    }

    #[test]
    fn csv_cells_map_back_to_the_file_through_quotes_and_newlines() {
        let data = "date,platform,caption\n2026-01-05,x,\"A \"\"miracle cure\"\",\nnew line\"\n2026-01-06,instagram,plain tip\n";
        let calendar = csv_calendar(data, &[]).unwrap();
        assert_eq!(calendar.len(), 2);
        let posts: Vec<CalendarPost> = (0..2).filter_map(|i| calendar.post(i)).collect();
        assert_eq!(posts[0].text, "A \"miracle cure\",\nnew line");
        assert_eq!(posts[0].fields["platform"], "x");
        assert_eq!(slice(data, &posts[0], "miracle cure"), "miracle cure");
        assert_eq!(slice(data, &posts[0], "\"miracle cure\""), "\"\"miracle cure\"\"");
        assert_eq!(slice(data, &posts[0], "new line"), "new line");
        assert_eq!(posts[1].row, 2);
        assert_eq!(slice(data, &posts[1], "tip"), "tip");
    }

    #[test]
    fn csv_without_a_text_column_is_an_error_naming_the_columns() {
        let err = csv_calendar("a,b\n1,2\n", &[]).err().unwrap();
        assert!(err.starts_with("no post text column in the header row (2 columns)"), "{err}");
        assert_eq!(csv_calendar("a,b\n1,2\n", &["b".into()]).unwrap().post(0).unwrap().text, "2");
    }

    #[test]
    fn csv_unclosed_quote_is_an_error() {
        assert!(csv_calendar("text\n\"abc\n", &[]).err().unwrap().starts_with("unclosed quote"));
    }

    #[test]
    fn json_and_jsonl_strings_map_back_through_escapes() {
        let data =
            r#"{"posts": [{"id": 1, "text": "Tab\there \u00e9 \"miracle cure\"", "platform": "x"}, {"text": "ok"}]}"#;
        let posts = json_posts(data, false, &[]).unwrap();
        assert_eq!(posts[0].text, "Tab\there é \"miracle cure\"");
        assert_eq!(slice(data, &posts[0], "miracle cure"), "miracle cure");
        assert_eq!(slice(data, &posts[0], "é"), "\\u00e9");
        assert_eq!(posts[0].fields["platform"], "x");
        assert!(json_posts(r#"[{"text": "x", "tags": [1}]}]"#, false, &[]).is_err(), "mismatched brackets end");
        let lines = "{\"text\": \"one\"}\n{\"caption\": \"two miracle\"}\n";
        let posts = json_posts(lines, true, &[]).unwrap();
        assert_eq!(posts.len(), 2);
        assert_eq!(slice(lines, &posts[1], "miracle"), "miracle");
    }
}
