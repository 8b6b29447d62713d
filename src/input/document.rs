//! A post file as a document: its front matter (YAML `---` or TOML `+++`), its HTML comments (not published:
//! blanked before matching, and the home of suppressions), and the text that rules scan.

use serde_json::Value;

use crate::text::lines;

/// A `<!-- carelint-... -->` suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Directive {
    /// Findings on the line after the comment; `rules` empty = all rules. `at` is the comment's own line, `reason`
    /// the text after `--`.
    DisableNextLine { line: usize, rules: Vec<String>, at: usize, reason: Option<String> },
    /// Findings between the two byte offsets.
    DisableRegion { start: usize, end: usize, rules: Vec<String>, at: usize, reason: Option<String> },
}

/// A rule selector that a suppression names, and where: a selector that names no rule suppresses nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedRule {
    /// 1-based line of the front-matter key or the comment.
    pub line: usize,
    /// What names it: `carelint.allow` or the directive (`carelint-disable-next-line`, ...).
    pub by: &'static str,
    pub selector: String,
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
    /// Every rule selector that the front matter's allow list and the directives name.
    pub named_rules: Vec<NamedRule>,
    /// Byte ranges that are not published (blanked HTML comments).
    pub hidden: Vec<std::ops::Range<usize>>,
    /// A problem with the front matter; the post is still checked.
    pub warning: Option<String>,
}

impl Document {
    pub fn parse(text: String) -> Document {
        let front = split_front_matter(&text);
        let (body_start, mut fields, warning) = match &front {
            // the body starts after a byte-order mark: a fix that prepends text must not go before it
            None => (lines::bom_len(&text), Value::Object(Default::default()), None),
            Some(fm) => match parse_front_matter(fm) {
                Ok(fields) => (fm.body_start, fields, None),
                Err(e) => (fm.body_start, Value::Object(Default::default()), Some(e)),
            },
        };
        let allowed: Vec<String> = fields
            .get("carelint")
            .and_then(|c| c.get("allow"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let comments = read_comments(&text, body_start);
        if let (Some(consent), Value::Object(map)) = (comments.consent.as_ref(), &mut fields) {
            map.entry("consent").or_insert_with(|| consent.clone());
        }
        let mut blanks = front.as_ref().map(|fm| front_matter_blanks(&text, fm)).unwrap_or_default();
        blanks.extend(comments.hidden.iter().cloned());
        let scan = (!blanks.is_empty()).then(|| blank(&text, &blanks));
        let allow_line = front.as_ref().and_then(|fm| key_line(&text, fm, "carelint")).unwrap_or(1);
        let mut named_rules: Vec<NamedRule> = allowed
            .iter()
            .map(|selector| NamedRule { line: allow_line, by: "carelint.allow", selector: selector.clone() })
            .collect();
        named_rules.extend(comments.named_rules);
        let (directives, hidden) = (comments.directives, comments.hidden);
        Document { text, scan, body_start, fields, allowed, directives, named_rules, hidden, warning }
    }

    /// The text rules scan: the file's bytes with what is not published blanked to spaces, line breaks kept: HTML
    /// comments, and the front matter's syntax, keys and machine fields (`kind`, `platform`, `consent`, ...). Values
    /// such as a title or an image's alt text stay, so they are checked like the body.
    pub fn scan(&self) -> &str {
        self.scan.as_deref().unwrap_or(&self.text)
    }

    /// The 1-based line of a top-level front-matter key (`kind`), if the front matter has it.
    pub fn field_line(&self, name: &str) -> Option<usize> {
        key_line(&self.text, &split_front_matter(&self.text)?, name)
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
    let bom = lines::bom_len(text);
    let rest = &text[bom..];
    let (fence, toml) = if rest.starts_with("---") {
        ("---", false)
    } else if rest.starts_with("+++") {
        ("+++", true)
    } else {
        return None;
    };
    let first_line = lines::with_breaks(rest).next()?;
    if first_line.trim_end() != fence || !first_line.ends_with(['\n', '\r']) {
        return None;
    }
    let content_start = bom + first_line.len();
    let mut offset = content_start;
    for line in lines::with_breaks(&text[content_start..]) {
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

/// The line of a top-level key of the front matter: an unindented `name:` (YAML) or `name =` (TOML, before any
/// `[table]`).
fn key_line(text: &str, fm: &FrontMatter, name: &str) -> Option<usize> {
    let separator = if fm.toml { '=' } else { ':' };
    let mut keys = lines::with_breaks(fm.content).take_while(|line| !(fm.toml && line.trim_start().starts_with('[')));
    let at = keys.position(|line| {
        let key = line.split(separator).next().unwrap_or("");
        !line.starts_with([' ', '\t']) && line.contains(separator) && key.trim().trim_matches('"') == name
    })?;
    let content_start = fm.content.as_ptr() as usize - text.as_ptr() as usize;
    Some(lines::line_of(text, content_start) + at)
}

fn parse_front_matter(fm: &FrontMatter) -> Result<Value, String> {
    if fm.content.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    let value: Value = if fm.toml {
        let table: toml::Table = toml::from_str(fm.content).map_err(|e| {
            let line = e.span().map(|s| lines::line_of(fm.content, s.start) + fm.first_line - 1);
            format!(
                "invalid TOML front matter{}: {}",
                line.map(|l| format!(" at line {l}")).unwrap_or_default(),
                what_went_wrong(e.message())
            )
        })?;
        serde_json::to_value(table).map_err(|_| "invalid TOML front matter: a value JSON cannot hold".to_string())?
    } else {
        serde_saphyr::from_str(fm.content).map_err(|e| yaml_error(&e.to_string(), fm.first_line))?
    };
    match value {
        Value::Object(_) => Ok(value),
        Value::Null => Ok(Value::Object(Default::default())),
        _ => Err("front matter is not a table of fields".to_string()),
    }
}

/// A YAML parser's error as carelint reports it: its place as a line of the file (the parser counts from the first
/// line of the front matter) and what went wrong, without the text it quotes.
fn yaml_error(message: &str, first_line: usize) -> String {
    let message = message.lines().next().unwrap_or_default().trim_start_matches("error: ");
    // "line 3 column 7: duplicate mapping key: <the key>"
    let place = message.strip_prefix("line ").and_then(|rest| {
        let (line, rest) = rest.split_once(" column ")?;
        let (column, rest) = rest.split_once(": ")?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?, rest))
    });
    match place {
        Some((line, column, rest)) => format!(
            "invalid YAML front matter at line {}, column {column}: {}",
            line + first_line - 1,
            what_went_wrong(rest)
        ),
        None => format!("invalid YAML front matter: {}", what_went_wrong(message)),
    }
}

/// The kind of a parser's error without what it quotes of the input (a duplicate key, an unexpected value): the
/// words before the first colon, quote or backtick. Front matter can hold a patient's name or number.
fn what_went_wrong(message: &str) -> &str {
    let end = message.find([':', '`', '"', '\'', '(']).unwrap_or(message.len());
    let kind = message[..end].trim().trim_end_matches(',');
    if kind.is_empty() {
        "not valid"
    } else {
        kind
    }
}

/// What the HTML comments of a post say: directives, a consent marker, and the ranges they cover.
#[derive(Default)]
struct Comments {
    hidden: Vec<std::ops::Range<usize>>,
    directives: Vec<Directive>,
    named_rules: Vec<NamedRule>,
    /// `<!-- carelint:consent id=AUTH-1 expires=2027-01-31 scope=story,photo -->` as a field value.
    consent: Option<Value>,
}

/// Finds the HTML comments of the body, with suppression directives and a consent marker.
fn read_comments(text: &str, body_start: usize) -> Comments {
    let mut found = Comments::default();
    if !text[body_start..].contains("<!--") {
        return found;
    }
    // where each open region starts, its rules, its comment's line and its reason
    let mut open_regions: Vec<(usize, Vec<String>, usize, Option<String>)> = Vec::new();
    // lines are counted on from the last directive, not from the start (many directives would be quadratic)
    let lines = lines::LineCounter::new(text);
    let line_at = |offset: usize| lines.line_of(offset);
    let mut pos = body_start;
    while let Some(offset) = text[pos..].find("<!--") {
        let start = pos + offset;
        // an unclosed comment runs to the end of the post, as a browser reads it
        let close = text[start + 4..].find("-->").map(|e| start + 4 + e);
        let end = close.map_or(text.len(), |c| c + 3);
        let inner = text[start + 4..close.unwrap_or(text.len())].trim();
        found.hidden.push(start..end);
        if let Some(marker) = inner.strip_prefix("carelint:consent") {
            found.consent.get_or_insert_with(|| consent_marker(marker));
        }
        if let Some((verb, rules, reason)) = parse_directive(inner) {
            let line = line_at(start);
            found.named_rules.extend(rules.iter().map(|r| NamedRule { line, by: verb, selector: r.clone() }));
            match verb {
                "carelint-disable-next-line" => {
                    let next = line_at(end) + 1;
                    found.directives.push(Directive::DisableNextLine { line: next, rules, at: line, reason });
                }
                "carelint-disable" => open_regions.push((end, rules, line, reason)),
                _ => {
                    // carelint-enable closes the regions it names (all of them when it names none)
                    let (closing, open): (Vec<_>, Vec<_>) = open_regions.drain(..).partition(|(_, r, ..)| {
                        rules.is_empty() || r.is_empty() || r.iter().any(|x| rules.contains(x))
                    });
                    open_regions = open;
                    for (region_start, rules, at, reason) in closing {
                        found.directives.push(Directive::DisableRegion {
                            start: region_start,
                            end: start,
                            rules,
                            at,
                            reason,
                        });
                    }
                }
            }
        }
        pos = end;
    }
    for (region_start, rules, at, reason) in open_regions {
        found.directives.push(Directive::DisableRegion { start: region_start, end: text.len(), rules, at, reason });
    }
    found
}

/// `id=AUTH-1 expires=2027-01-31 scope=story,photo` -> `{"id": "AUTH-1", "expires": "2027-01-31", "scope": [..]}`.
fn consent_marker(attributes: &str) -> Value {
    let mut map = serde_json::Map::new();
    for pair in attributes.split_whitespace() {
        if let Some((key, value)) = pair.split_once('=') {
            let value = value.trim_matches('"');
            let value = if key == "scope" {
                Value::Array(value.split(',').filter(|s| !s.is_empty()).map(|s| Value::String(s.into())).collect())
            } else {
                Value::String(value.to_string())
            };
            map.insert(key.to_string(), value);
        }
    }
    // a bare marker still says that consent was recorded
    if map.is_empty() {
        map.insert("marker".into(), Value::Bool(true));
    }
    Value::Object(map)
}

/// Front-matter fields that are instructions to tools, never published: not scanned.
const MACHINE_FIELDS: &[&str] = &[
    "kind",
    "platform",
    "consent",
    "carelint",
    "date",
    "id",
    "slug",
    "layout",
    "draft",
    "status",
    "scheduled",
    "publish_date",
    "reviewed",
];

/// The parts of the front matter that are not published text: the fences, every key, and whole machine fields.
fn front_matter_blanks(text: &str, fm: &FrontMatter) -> Vec<std::ops::Range<usize>> {
    let mut blanks = Vec::new();
    let fm_start = fm.content.as_ptr() as usize - text.as_ptr() as usize;
    let fm_end = fm_start + fm.content.len();
    blanks.push(0..fm_start);
    blanks.push(fm_end..fm.body_start);
    let mut offset = fm_start;
    let mut in_machine_field = false;
    // TOML: the keys of a machine table (`[consent]`) are machine fields too
    let mut in_machine_table = false;
    for line in lines::with_breaks(fm.content) {
        let indented = line.starts_with([' ', '\t', '-']);
        let trimmed = line.trim_start_matches([' ', '\t', '-']);
        let lead = line.len() - trimmed.len();
        let separator = if fm.toml { '=' } else { ':' };
        let key = trimmed.split(separator).next().unwrap_or("").trim();
        let is_key = trimmed.contains(separator)
            && !key.is_empty()
            && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'));
        let table = fm.toml && trimmed.starts_with('[');
        if table || (!indented && is_key) {
            let name = if table { trimmed.trim_matches(['[', ']', '\r', '\n', ' ']) } else { key };
            let top = name.split('.').next().unwrap_or("").trim_matches('"');
            let machine = MACHINE_FIELDS.contains(&top);
            if table {
                in_machine_table = machine;
            }
            in_machine_field = machine || in_machine_table;
        } else if !fm.toml && !indented && !line.trim().is_empty() {
            in_machine_field = false;
        }
        if in_machine_field || table {
            blanks.push(offset..offset + line.len());
        } else if is_key {
            let key_end = lead + trimmed.find(separator).map_or(0, |i| i + 1);
            blanks.push(offset..offset + key_end);
        }
        offset += line.len();
    }
    blanks
}

/// The text with `ranges` turned into spaces, line breaks kept, so offsets and lines do not move.
fn blank(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        for b in &mut bytes[r.clone()] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    }
    // whole characters (ranges start and end on ASCII syntax or line ends) became ASCII spaces
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// `carelint-disable-next-line PHI004, PHI010 -- reason` -> ("carelint-disable-next-line", ["PHI004", "PHI010"],
/// Some("reason")); an empty reason is none.
fn parse_directive(inner: &str) -> Option<(&'static str, Vec<String>, Option<String>)> {
    let verb = inner.split_whitespace().next()?;
    let verb =
        ["carelint-disable-next-line", "carelint-disable", "carelint-enable"].into_iter().find(|v| *v == verb)?;
    let rest = &inner[verb.len()..];
    let (rules_part, reason) = rest.split_once("--").map_or((rest, None), |(r, why)| (r, Some(why.trim())));
    let rules = rules_part.split([',', ' ', '\t', '\n']).filter(|s| !s.is_empty()).map(str::to_string).collect();
    let reason = reason.filter(|why| !why.is_empty()).map(str::to_string);
    Some((verb, rules, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_errors_name_file_lines_and_never_quote_the_text() {
        let doc = Document::parse("---\nJane Roe 219-45-6781: x\nJane Roe 219-45-6781: y\n---\nBody.\n".to_string());
        let warning = doc.warning.unwrap();
        assert_eq!(warning, "invalid YAML front matter at line 3, column 1: duplicate mapping key");
        let doc = Document::parse("+++\ntitle = 'a'\ntitle = 'Jane Roe'\n+++\nBody.\n".to_string());
        assert_eq!(doc.warning.unwrap(), "invalid TOML front matter at line 3: duplicate key");
        assert_eq!(what_went_wrong("invalid type: string \"219-45-6781\", expected a map"), "invalid type");
        assert_eq!(what_went_wrong("`x`"), "not valid");
    }

    #[test]
    fn yaml_front_matter_fields_and_body_start() {
        let doc = Document::parse("---\nkind: review-reply\nplatform: google\n---\nThanks!\n".into());
        assert_eq!(doc.field("kind"), Some("review-reply"));
        assert_eq!(&doc.text[doc.body_start..], "Thanks!\n");
        assert!(doc.warning.is_none());
    }

    #[test]
    fn front_matter_with_cr_only_line_breaks() {
        let doc = Document::parse("---\rkind: review-reply\rplatform: google\r---\rThanks!\r".into());
        assert_eq!(doc.field("kind"), Some("review-reply"));
        assert_eq!(&doc.text[doc.body_start..], "Thanks!\r");
        // keys and machine fields are blanked, line breaks kept
        let breaks = |t: &str| t.match_indices('\r').map(|(i, _)| i).collect::<Vec<_>>();
        assert_eq!(breaks(doc.scan()), breaks(&doc.text));
        assert_eq!(doc.scan().trim_start_matches([' ', '\r']), "Thanks!\r");
    }

    #[test]
    fn crlf_toml_machine_tables_are_blanked() {
        let doc = Document::parse("+++\r\n[consent]\r\nid = \"AUTH-1\"\r\n+++\r\nBody".into());
        assert_eq!(doc.fields["consent"]["id"], "AUTH-1");
        assert!(!doc.scan().contains("AUTH-1"), "{:?}", doc.scan());
    }

    #[test]
    fn body_starts_after_a_bom() {
        assert_eq!(Document::parse("\u{feff}Hello".into()).body_start, 3);
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
    fn comments_are_blanked_and_consent_markers_become_fields() {
        let text = "a <!-- miracle\ncure --> b <!-- carelint:consent id=A1 scope=story,photo --> c";
        let doc = Document::parse(text.into());
        assert_eq!(doc.scan().len(), text.len());
        assert!(!doc.scan().contains("miracle") && !doc.scan().contains("consent"));
        assert_eq!(doc.scan().matches('\n').count(), 1);
        assert_eq!(doc.fields["consent"]["id"], "A1");
        assert_eq!(doc.fields["consent"]["scope"][1], "photo");
    }

    #[test]
    fn front_matter_keys_and_machine_fields_are_not_scanned_but_values_are() {
        let text = "---\nkind: sponsored\ntitle: Jane Roe's knee\nimage:\n  alt: x-ray of Jane\nconsent:\n  id: AUTH-1\n---\nBody";
        let doc = Document::parse(text.into());
        let scan = doc.scan();
        assert_eq!(scan.len(), text.len());
        assert!(!scan.contains("kind") && !scan.contains("sponsored") && !scan.contains("AUTH-1"), "{scan:?}");
        assert!(!scan.contains("title") && !scan.contains("alt:") && !scan.contains("---"), "{scan:?}");
        assert!(scan.contains("Jane Roe's knee") && scan.contains("x-ray of Jane") && scan.ends_with("Body"));
        let toml =
            "+++\nkind = \"testimonial\"\ntitle = \"Meet Jane\"\n[consent]\nid = \"A\"\nscope = [\"story\"]\n+++\nBody";
        let doc = Document::parse(toml.into());
        let scan = doc.scan();
        assert!(!scan.contains("testimonial") && !scan.contains("consent") && !scan.contains("story"), "{scan:?}");
        assert!(scan.contains("Meet Jane"));
    }

    #[test]
    fn directives_are_collected() {
        let text = "x\n<!-- carelint-disable-next-line PHI004, PHI010 -- our line -->\ncall 1\n<!-- carelint-disable MIS -->\nzz\n<!-- carelint-enable MIS -->\n";
        let doc = Document::parse(text.into());
        assert_eq!(
            doc.directives[0],
            Directive::DisableNextLine {
                line: 3,
                rules: vec!["PHI004".into(), "PHI010".into()],
                at: 2,
                reason: Some("our line".into())
            }
        );
        assert!(
            matches!(&doc.directives[1], Directive::DisableRegion { rules, at: 4, reason: None, .. } if rules == &vec!["MIS".to_string()])
        );
        let named: Vec<(usize, &str, &str)> =
            doc.named_rules.iter().map(|n| (n.line, n.by, n.selector.as_str())).collect();
        let next = "carelint-disable-next-line";
        assert_eq!(
            named,
            [(2, next, "PHI004"), (2, next, "PHI010"), (4, "carelint-disable", "MIS"), (6, "carelint-enable", "MIS")]
        );
    }

    #[test]
    fn an_unclosed_comment_hides_the_rest_of_the_post() {
        let doc = Document::parse("Tip <!-- draft 🎉 miracle".into());
        assert_eq!(doc.hidden, vec![4..doc.text.len()]);
        assert!(!doc.scan().contains("miracle"));
    }

    #[test]
    fn front_matter_allow_list() {
        let doc = Document::parse("---\ncarelint:\n  allow: [PHI004]\n  reason: main line\n---\nx".into());
        assert_eq!(doc.allowed, vec!["PHI004".to_string()]);
        assert_eq!(doc.named_rules, vec![NamedRule { line: 2, by: "carelint.allow", selector: "PHI004".into() }]);
    }

    #[test]
    fn front_matter_key_lines() {
        let doc = Document::parse("---\ntitle: a: b\n  kind: nested\nkind: testimonial\n---\nx".into());
        assert_eq!(doc.field_line("kind"), Some(4));
        let doc =
            Document::parse("+++\ntitle = \"x\"\n\"kind\" = \"sponsored\"\n[consent]\nkind = \"y\"\n+++\nx".into());
        assert_eq!(doc.field_line("kind"), Some(3));
        assert_eq!(Document::parse("no front matter".into()).field_line("kind"), None);
        // lines end where every other line count ends them, a lone CR included
        let doc = Document::parse("---\rtitle: a\rkind: ad\r---\rx".into());
        assert_eq!(doc.field_line("kind"), Some(3));
    }
}
