//! Content calendars: CSV files (a header row, one post per row) and JSON/JSONL exports (one post per object).
//! Each post's text keeps a map back to the file's bytes, so findings point at the cell as it is in the file even
//! when quotes are doubled or escapes are used.

mod json;

use crate::text::lines::{bom_len, LineCounter};
use serde_json::Value;

pub use json::json_posts;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The file's bytes behind `needle` in the post's text (also used by the JSON reader's tests).
    pub(super) fn slice(data: &str, post: &CalendarPost, needle: &str) -> String {
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
}
