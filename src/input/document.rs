//! A post file as a document: its front matter (YAML `---` or TOML `+++`), its HTML comments (not published:
//! blanked before matching, and the home of suppressions), and the text that rules scan.

use serde_json::Value;

/// A `<!-- carelint-... -->` suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Directive {
    /// Findings on the line after the comment; `rules` empty = all rules.
    DisableNextLine { line: usize, rules: Vec<String> },
    /// Findings between the two byte offsets.
    DisableRegion { start: usize, end: usize, rules: Vec<String> },
}

/// A parsed post.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file's text, untouched.
    pub text: String,
    /// The same bytes with unpublished HTML comments blanked to spaces (line breaks kept); `None` when the text
    /// has none (see `scan()`).
    scan: Option<String>,
    /// Byte offset where the body starts, after the front matter.
    pub body_start: usize,
    /// Front matter fields (an empty object without front matter).
    pub fields: Value,
    /// Rule selectors the front matter allows for this whole post (`carelint: { allow: [...] }`).
    pub allowed: Vec<String>,
    pub directives: Vec<Directive>,
    /// Byte ranges that are not published (blanked HTML comments).
    pub hidden: Vec<std::ops::Range<usize>>,
    /// A problem with the front matter; the post is still checked.
    pub warning: Option<String>,
}

impl Document {
    pub fn parse(text: String) -> Document {
        let (body_start, fields, warning) = match split_front_matter(&text) {
            None => (0, Value::Object(Default::default()), None),
            Some(fm) => match parse_front_matter(&fm) {
                Ok(fields) => (fm.body_start, fields, None),
                Err(e) => (fm.body_start, Value::Object(Default::default()), Some(e)),
            },
        };
        let allowed = fields
            .get("carelint")
            .and_then(|c| c.get("allow"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let (scan, directives, hidden) = blank_comments(&text, body_start);
        Document { text, scan, body_start, fields, allowed, directives, hidden, warning }
    }

    /// The text rules scan: the file's bytes with unpublished HTML comments blanked to spaces, line breaks kept.
    pub fn scan(&self) -> &str {
        self.scan.as_deref().unwrap_or(&self.text)
    }

    /// A string field of the front matter (`kind`, `platform`, ...).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).and_then(Value::as_str)
    }

    /// Adds fields that come from outside the text (a calendar row's other columns); front matter wins.
    pub fn add_fields(&mut self, extra: &Value) {
        if let (Value::Object(mine), Value::Object(theirs)) = (&mut self.fields, extra) {
            for (k, v) in theirs {
                mine.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
}

struct FrontMatter<'a> {
    toml: bool,
    content: &'a str,
    /// 1-based line of the first content line, for error messages.
    first_line: usize,
    body_start: usize,
}

/// Finds front matter at the start of the text (after an optional byte-order mark).
fn split_front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let (fence, toml) = if rest.starts_with("---") {
        ("---", false)
    } else if rest.starts_with("+++") {
        ("+++", true)
    } else {
        return None;
    };
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != fence {
        return None;
    }
    let content_start = bom + first_line_end + 1;
    let mut offset = content_start;
    for line in text[content_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (!toml && trimmed == "...") {
            return Some(FrontMatter {
                toml,
                content: &text[content_start..offset],
                first_line: 2,
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    None
}

fn parse_front_matter(fm: &FrontMatter) -> Result<Value, String> {
    if fm.content.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    let value: Value = if fm.toml {
        let table: toml::Table = toml::from_str(fm.content).map_err(|e| {
            let line = e.span().map(|s| crate::rules::line_of(fm.content, s.start) + fm.first_line - 1);
            format!(
                "invalid TOML front matter{}: {}",
                line.map(|l| format!(" at line {l}")).unwrap_or_default(),
                e.message()
            )
        })?;
        serde_json::to_value(table).map_err(|e| format!("invalid TOML front matter: {e}"))?
    } else {
        serde_saphyr::from_str(fm.content)
            .map_err(|e| format!("invalid YAML front matter: {}", first_line(&e.to_string())))?
    };
    match value {
        Value::Object(_) => Ok(value),
        Value::Null => Ok(Value::Object(Default::default())),
        _ => Err("front matter is not a table of fields".to_string()),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Blanks every HTML comment in the body except `carelint:` markers (a consent marker must stay visible to the
/// rules) and collects the suppression directives.
fn blank_comments(text: &str, body_start: usize) -> (Option<String>, Vec<Directive>, Vec<std::ops::Range<usize>>) {
    if !text[body_start..].contains("<!--") {
        return (None, Vec::new(), Vec::new());
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut directives = Vec::new();
    let mut hidden = Vec::new();
    let mut open_regions: Vec<(usize, Vec<String>)> = Vec::new();
    let mut pos = body_start;
    while let Some(found) = text[pos..].find("<!--") {
        let start = pos + found;
        let end = text[start + 4..].find("-->").map_or(text.len(), |e| start + 4 + e + 3);
        let inner = text[start + 4..end.saturating_sub(3).max(start + 4)].trim();
        hidden.push(start..end);
        if !inner.starts_with("carelint:") {
            for b in &mut bytes[start..end] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        if let Some((verb, rules)) = parse_directive(inner) {
            match verb {
                "carelint-disable-next-line" => {
                    let line = crate::rules::line_of(text, end) + 1;
                    directives.push(Directive::DisableNextLine { line, rules });
                }
                "carelint-disable" => open_regions.push((end, rules)),
                _ => {
                    // carelint-enable closes the regions it names (all of them when it names none)
                    let (closing, open): (Vec<_>, Vec<_>) = open_regions
                        .drain(..)
                        .partition(|(_, r)| rules.is_empty() || r.is_empty() || r.iter().any(|x| rules.contains(x)));
                    open_regions = open;
                    for (region_start, r) in closing {
                        directives.push(Directive::DisableRegion { start: region_start, end: start, rules: r });
                    }
                }
            }
        }
        pos = end;
    }
    for (region_start, rules) in open_regions {
        directives.push(Directive::DisableRegion { start: region_start, end: text.len(), rules });
    }
    // Only ASCII comment bytes were replaced by ASCII spaces over whole comments, so this stays UTF-8.
    let scan = String::from_utf8(bytes).ok();
    (scan, directives, hidden)
}

/// `carelint-disable-next-line PHI004, PHI010 -- reason` -> ("carelint-disable-next-line", ["PHI004", "PHI010"]).
fn parse_directive(inner: &str) -> Option<(&str, Vec<String>)> {
    let verb = inner.split_whitespace().next()?;
    if !matches!(verb, "carelint-disable-next-line" | "carelint-disable" | "carelint-enable") {
        return None;
    }
    let rest = &inner[verb.len()..];
    let rules_part = rest.split_once("--").map_or(rest, |(r, _)| r);
    let rules = rules_part.split([',', ' ', '\t', '\n']).filter(|s| !s.is_empty()).map(str::to_string).collect();
    Some((verb, rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_fields_and_body_start() {
        let doc = Document::parse("---\nkind: review-reply\nplatform: google\n---\nThanks!\n".into());
        assert_eq!(doc.field("kind"), Some("review-reply"));
        assert_eq!(&doc.text[doc.body_start..], "Thanks!\n");
        assert!(doc.warning.is_none());
    }

    #[test]
    fn toml_front_matter_fields() {
        let doc = Document::parse("+++\nkind = \"testimonial\"\n[consent]\nid = \"AUTH-1\"\n+++\nBody".into());
        assert_eq!(doc.field("kind"), Some("testimonial"));
        assert_eq!(doc.fields["consent"]["id"], "AUTH-1");
    }

    #[test]
    fn broken_front_matter_is_a_warning_and_the_body_is_still_there() {
        let doc = Document::parse("---\nkind: [unclosed\n---\nBody".into());
        assert!(doc.warning.as_deref().unwrap().starts_with("invalid YAML front matter"));
        assert_eq!(&doc.text[doc.body_start..], "Body");
    }

    #[test]
    fn comments_are_blanked_but_markers_stay() {
        let text = "a <!-- miracle\ncure --> b <!-- carelint:consent id=A1 --> c";
        let doc = Document::parse(text.into());
        assert_eq!(doc.scan().len(), text.len());
        assert!(!doc.scan().contains("miracle"));
        assert_eq!(doc.scan().matches('\n').count(), 1);
        assert!(doc.scan().contains("carelint:consent id=A1"));
    }

    #[test]
    fn directives_are_collected() {
        let text = "x\n<!-- carelint-disable-next-line PHI004, PHI010 -- our line -->\ncall 1\n<!-- carelint-disable MIS -->\nzz\n<!-- carelint-enable MIS -->\n";
        let doc = Document::parse(text.into());
        assert_eq!(
            doc.directives[0],
            Directive::DisableNextLine { line: 3, rules: vec!["PHI004".into(), "PHI010".into()] }
        );
        assert!(
            matches!(&doc.directives[1], Directive::DisableRegion { rules, .. } if rules == &vec!["MIS".to_string()])
        );
    }

    #[test]
    fn front_matter_allow_list() {
        let doc = Document::parse("---\ncarelint:\n  allow: [PHI004]\n  reason: main line\n---\nx".into());
        assert_eq!(doc.allowed, vec!["PHI004".to_string()]);
    }
}
