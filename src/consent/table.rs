//! The two spellings of a registry, `consents.csv` and `consents.toml`, read into rows of named cells with the
//! line each row starts on. What the cells mean is `super`'s business.

use std::collections::BTreeMap;

/// One row as written: its 1-based line and its cells by lower-case column name (lists as one cell each item).
pub struct RawRow {
    pub line: usize,
    pub cells: BTreeMap<String, Cell>,
}

/// A cell: one text, or a list of texts (a TOML array; a CSV cell split at `;` or `|`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    List(Vec<String>),
    Flag(bool),
}

impl Cell {
    /// The cell as a list of items (a text holds items separated by `;` or `|`).
    pub fn items(&self) -> Vec<String> {
        match self {
            Cell::Text(t) => t.split([';', '|']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            Cell::List(items) => items.clone(),
            Cell::Flag(_) => Vec::new(),
        }
    }

    /// The cell as one text (empty for a list or flag).
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(t) => t.trim(),
            _ => "",
        }
    }
}

/// Reads a CSV registry: a header row, then one authorization a row. Quoted cells may hold commas, doubled quotes
/// and line breaks. Errors name the line.
pub fn csv_rows(text: &str) -> Result<Vec<RawRow>, String> {
    let records = csv_records(text)?;
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else { return Ok(Vec::new()) };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    // a file without a header row would have its first authorization read as column names, and echoed as such
    if !header.iter().any(|h| h == "id") {
        return Err("1: the first line must be the header row naming the columns (it has no `id` column)".into());
    }
    let mut rows = Vec::new();
    for (line, fields) in records {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // a row with a cell too few or too many has its values under the wrong columns (a subject read as an expiry)
        if fields.len() != header.len() {
            return Err(format!("{line}: {} cells, but the header names {} columns", fields.len(), header.len()));
        }
        let cells = header.iter().cloned().zip(fields.into_iter().map(Cell::Text)).collect();
        rows.push(RawRow { line, cells });
    }
    Ok(rows)
}

/// The records of a CSV text with the line each starts on.
fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let (mut fields, mut field) = (Vec::new(), String::new());
    let (mut line, mut start_line, mut quoted, mut opened_at) = (1, 1, false, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                opened_at = line;
            }
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                records.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
            }
            '\n' => {
                line += 1;
                field.push(c);
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(format!("{opened_at}: unclosed quote"));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((start_line, fields));
    }
    Ok(records)
}

/// Reads a TOML registry: `[[authorization]]` tables. TOML dates become their `YYYY-MM-DD` text.
pub fn toml_rows(text: &str) -> Result<Vec<RawRow>, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        authorization: Vec<toml::Spanned<toml::Table>>,
    }
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| crate::text::lines::line_of(text, s.start));
        format!("{line}: {}", without_quoted(e.message().trim()))
    })?;
    let mut rows = Vec::new();
    for table in file.authorization {
        let line = crate::text::lines::line_of(text, table.span().start);
        let mut cells = BTreeMap::new();
        for (key, value) in table.into_inner() {
            let cell = match value {
                toml::Value::String(s) => Cell::Text(s),
                toml::Value::Datetime(d) => Cell::Text(d.to_string()),
                toml::Value::Boolean(b) => Cell::Flag(b),
                toml::Value::Array(items) => Cell::List(
                    items
                        .into_iter()
                        .map(|v| match v {
                            toml::Value::String(s) => s,
                            other => other.to_string(),
                        })
                        .collect(),
                ),
                other => Cell::Text(other.to_string()),
            };
            cells.insert(key.to_lowercase(), cell);
        }
        rows.push(RawRow { line, cells });
    }
    Ok(rows)
}

/// A parser's message without the values it quotes (`invalid type: string "..."`): a cell may hold the subject.
fn without_quoted(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('"').enumerate() {
        out.push_str(if i % 2 == 0 { part } else { "(a value)" });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_starting_lines_through_quoted_line_breaks() {
        let text = "id,covers\nA-1,\"story;\nphoto\"\n\nA-2,\"a \"\"b\"\"\"\n";
        let rows = csv_rows(text).unwrap();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 5]);
        assert_eq!(rows[0].cells["covers"].items(), ["story", "photo"]);
        assert_eq!(rows[1].cells["covers"].text(), "a \"b\"");
        assert_eq!(csv_rows("id\n\"open\n").err().unwrap(), "2: unclosed quote");
    }

    #[test]
    fn toml_dates_become_text() {
        let rows = toml_rows("[[authorization]]\nid = \"A\"\nsigned = 2026-01-15\ncovers = [\"story\"]\n").unwrap();
        assert_eq!(rows[0].line, 1);
        assert_eq!(rows[0].cells["signed"].text(), "2026-01-15");
        assert_eq!(rows[0].cells["covers"].items(), ["story"]);
    }
}
