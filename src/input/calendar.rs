//! Content calendars: CSV files (a header row, one post per row) and JSON/JSONL exports (one post per object).
//! Each post's text keeps a map back to the file's bytes, so findings point at the cell as it is in the file even
//! when quotes are doubled or escapes are used.

use crate::text::lines::{bom_len, LineCounter};
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
    /// 1-based line of the file where the row starts.
    pub line: usize,
    /// The post text, unescaped.
    pub text: String,
    pub map: OffsetMap,
    /// The row's other string fields (`platform`, `kind`, `consent`, ...), keyed by lower-case name.
    pub fields: Value,
}

/// A row (or record) that could not be read; the calendar's other rows are still checked. The message says what is
/// wrong, never what the row holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} (row {}): {}; this row is not checked", self.line, self.row, self.message)
    }
}

/// A calendar's rows in order: each a post, or why it could not be read.
pub type Rows = Vec<Result<CalendarPost, RowError>>;

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

/// One CSV row as found in the file: its cells, or why they could not be read.
struct CsvRow {
    /// 1-based line where the row starts.
    line: usize,
    cells: Result<Vec<RawCell>, String>,
}

/// RFC 4180 CSV: rows of cells with their byte ranges. Blank lines are skipped. A row that breaks the format (an
/// unclosed quote, text after a closing quote) is kept as an error, and reading goes on at the next line after the
/// problem, so one bad row does not hide the others.
fn parse_csv(data: &str) -> Vec<CsvRow> {
    let mut rows = Vec::new();
    let lines = LineCounter::new(data);
    let mut i = bom_len(data);
    while i < data.len() {
        let line = lines.line_of(i);
        match parse_csv_row(data, i, &lines) {
            Ok((cells, next)) => {
                if !(cells.len() == 1 && cells[0].start == cells[0].end) {
                    rows.push(CsvRow { line, cells: Ok(cells) });
                }
                i = next;
            }
            Err((message, at)) => {
                rows.push(CsvRow { line, cells: Err(message) });
                i = next_line_start(data, at);
            }
        }
    }
    rows
}

/// The offset after the line break that ends the line holding `offset` (the end of the data if none does).
fn next_line_start(data: &str, offset: usize) -> usize {
    data[offset.min(data.len())..].find('\n').map_or(data.len(), |n| offset + n + 1)
}

/// The row that starts at byte `i`: its cells and where the next row starts, or what is wrong and the byte where the
/// problem was seen (reading resumes on the line after it).
fn parse_csv_row(data: &str, mut i: usize, lines: &LineCounter) -> Result<(Vec<RawCell>, usize), (String, usize)> {
    let bytes = data.as_bytes();
    let mut row: Vec<RawCell> = Vec::new();
    loop {
        let cell = if bytes.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            let start = i;
            let mut escaped = false;
            loop {
                match bytes.get(i) {
                    // the quote runs to the end of the file: resume on the line after the one it opened on
                    None => return Err((format!("unclosed quote (opened on line {})", lines.line_of(open)), open)),
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
                return Err((format!("text after a closing quote on line {}", lines.line_of(i)), i));
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
                return Ok((row, i));
            }
        }
    }
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
    rows: Vec<CsvRow>,
}

impl CsvCalendar<'_> {
    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Data row `index` (0-based, below `len()`) as a post, or why it cannot be checked.
    pub fn post(&self, index: usize) -> Result<CalendarPost, RowError> {
        let (row, number) = (&self.rows[index], index + 1);
        let fail = |message: String| RowError { row: number, line: row.line, message };
        let cells = row.cells.as_ref().map_err(|e| fail(e.clone()))?;
        let cell = cells.get(self.text_column).ok_or_else(|| {
            fail(format!("{} cells, but the post text is in column {}", cells.len(), self.text_column + 1))
        })?;
        let (text, map) = cell.post_text(self.data);
        let mut fields = serde_json::Map::new();
        for (i, (name, c)) in self.names.iter().zip(cells).enumerate() {
            if i != self.text_column && c.start != c.end {
                fields.insert(name.clone(), Value::String(c.text(self.data).into_owned()));
            }
        }
        Ok(CalendarPost { row: number, line: row.line, text, map, fields: Value::Object(fields) })
    }
}

/// Parses a CSV calendar. `text_fields`: configured column names (default: `DEFAULT_TEXT_FIELDS`).
pub fn csv_calendar<'a>(data: &'a str, text_fields: &[String]) -> Result<CsvCalendar<'a>, String> {
    let mut rows = parse_csv(data);
    if rows.is_empty() {
        return Ok(CsvCalendar { data, names: Vec::new(), text_column: 0, rows });
    }
    // without its header row, no row can be read
    let header = rows.remove(0).cells.map_err(|e| format!("the header row cannot be read: {e}"))?;
    let names: Vec<String> = header.iter().map(|c| c.text(data).trim().to_lowercase()).collect();
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
        let posts: Vec<CalendarPost> = (0..2).map(|i| calendar.post(i).unwrap()).collect();
        assert_eq!(posts[0].text, "A \"miracle cure\",\nnew line");
        assert_eq!(posts[0].fields["platform"], "x");
        assert_eq!(slice(data, &posts[0], "miracle cure"), "miracle cure");
        assert_eq!(slice(data, &posts[0], "\"miracle cure\""), "\"\"miracle cure\"\"");
        assert_eq!(slice(data, &posts[0], "new line"), "new line");
        assert_eq!((posts[1].row, posts[1].line), (2, 4));
        assert_eq!(slice(data, &posts[1], "tip"), "tip");
    }

    #[test]
    fn csv_without_a_text_column_is_an_error_naming_the_columns() {
        let err = csv_calendar("a,b\n1,2\n", &[]).err().unwrap();
        assert!(err.starts_with("no post text column in the header row (2 columns)"), "{err}");
        assert_eq!(csv_calendar("a,b\n1,2\n", &["b".into()]).unwrap().post(0).unwrap().text, "2");
        let err = csv_calendar("\"a,b\n1,2\n", &[]).err().unwrap();
        assert!(err.starts_with("the header row cannot be read: unclosed quote"), "{err}");
    }

    fn rows(calendar: &CsvCalendar) -> Vec<Result<String, String>> {
        (0..calendar.len()).map(|i| calendar.post(i).map(|p| p.text).map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn a_bad_csv_row_is_an_error_of_its_own_and_the_next_rows_are_read() {
        let data = "text,kind\n\"abc\" x,y\nok one\n\"two\nlines\"\n\"unclosed,z\nlast\n";
        let calendar = csv_calendar(data, &[]).unwrap();
        assert_eq!(
            rows(&calendar),
            [
                Err("line 2 (row 1): text after a closing quote on line 2; this row is not checked".to_string()),
                Ok("ok one".to_string()),
                Ok("two\nlines".to_string()),
                Err("line 6 (row 4): unclosed quote (opened on line 6); this row is not checked".to_string()),
                Ok("last".to_string()),
            ]
        );
    }

    #[test]
    fn a_csv_row_without_its_text_cell_is_an_error() {
        let calendar = csv_calendar("date,caption\n2026-01-05\n2026-01-06,hi\n", &[]).unwrap();
        assert_eq!(
            rows(&calendar),
            [
                Err("line 2 (row 1): 1 cells, but the post text is in column 2; this row is not checked".to_string()),
                Ok("hi".to_string())
            ]
        );
    }

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
