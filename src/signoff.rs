//! Compliance sign-off: a reviewer vets a post's findings of the rules `carelint.toml` says need a reviewer, and
//! the post records it in front matter, `reviewed: { by, on, rules, digest }`. The digest is a SHA-256 of the
//! normalised body, so an edit of the body makes the sign-off stale while an edit of the front matter does not.

use std::fmt::Write as _;

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use crate::consent::{date, Date};
use crate::input::document::Document;

/// The front-matter key of a sign-off.
pub const KEY: &str = "reviewed";

/// A sign-off as a post records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewed {
    pub by: String,
    pub on: Date,
    /// Rule ids or categories the reviewer vetted.
    pub rules: Vec<String>,
    pub digest: String,
}

/// The body as the digest sees it: line breaks as `\n`, no trailing spaces, no blank lines around it. Reflowing
/// whitespace at the ends of lines is not an edit a reviewer needs to see again; any word changed is.
pub fn normalised_body(body: &str) -> String {
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
    lines[first..last].join("\n")
}

/// `sha256:` and the hex SHA-256 of the normalised body.
pub fn digest(body: &str) -> String {
    let hash = Sha256::digest(normalised_body(body).as_bytes());
    let mut out = String::from("sha256:");
    for byte in hash {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The body of a post (after its front matter).
pub fn body(doc: &Document) -> &str {
    &doc.text[doc.body_start..]
}

/// The post's sign-off, if its front matter has one; `Err` says what is wrong with a malformed one.
pub fn read(fields: &Value) -> Option<Result<Reviewed, String>> {
    let value = fields.get(KEY)?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let parsed = (|| {
        let by = text("by").ok_or("`reviewed.by` names no reviewer")?.to_string();
        let on = value.get("on").and_then(date::from_value).ok_or("`reviewed.on` is not a date (YYYY-MM-DD)")?;
        let rules = match value.get("rules") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            Some(Value::String(one)) => vec![one.clone()],
            _ => Vec::new(),
        };
        if rules.is_empty() {
            return Err("`reviewed.rules` lists no rule");
        }
        let digest = text("digest").ok_or("`reviewed.digest` is missing: sign with `carelint review sign`")?;
        Ok(Reviewed { by, on, rules, digest: digest.to_string() })
    })();
    Some(parsed.map_err(str::to_string))
}

/// A reviewer's name as a report shows it: staff names are words; anything else (a cell pasted into the field) is
/// not shown.
pub fn shown_reviewer(by: &str) -> &str {
    let plain = by.len() <= 60 && by.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\''));
    if plain {
        by
    } else {
        "(reviewer not shown)"
    }
}

/// The post's text with `reviewed` set: an existing sign-off is replaced, a new one goes after the other front
/// matter keys (a post without front matter gets one). Nothing else changes, byte for byte.
pub fn write(text: &str, reviewed: &Reviewed) -> String {
    let bom = if text.starts_with('\u{feff}') { "\u{feff}" } else { "" };
    let rest = &text[bom.len()..];
    let crlf = rest.find('\n').is_some_and(|i| rest[..i].ends_with('\r'));
    let newline = if crlf { "\r\n" } else { "\n" };
    let Some((fence, content_start, content_end)) = front_matter(rest) else {
        let entry = yaml_entry(reviewed);
        return format!("{bom}---{newline}{entry}{newline}---{newline}{rest}");
    };
    let toml = fence == "+++";
    let content = &rest[content_start..content_end];
    let kept = without_entry(content, toml);
    let entry = if toml { toml_table(reviewed, newline) } else { format!("{}{newline}", yaml_entry(reviewed)) };
    let separator = if kept.is_empty() || kept.ends_with('\n') { "" } else { newline };
    format!("{bom}{}{kept}{separator}{entry}{}", &rest[..content_start], &rest[content_end..])
}

/// The fence and the byte range of the front matter's content (between the fence lines), if the text opens with one.
fn front_matter(text: &str) -> Option<(&'static str, usize, usize)> {
    let fence = ["---", "+++"].into_iter().find(|f| text.starts_with(f))?;
    let first_break = text.find('\n')?;
    if text[..first_break].trim_end() != fence {
        return None;
    }
    let start = first_break + 1;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((fence, start, offset));
        }
        offset += line.len();
    }
    None
}

/// The front matter's content without an existing sign-off: the `reviewed:` key and its indented lines (YAML), or
/// the `[reviewed]` table up to the next table (TOML).
fn without_entry(content: &str, toml: bool) -> String {
    let mut kept = String::with_capacity(content.len());
    let mut skipping = false;
    for line in content.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let starts_entry = if toml {
            trimmed == "[reviewed]" || trimmed.starts_with("reviewed =") || trimmed.starts_with("reviewed=")
        } else {
            trimmed.starts_with("reviewed:")
        };
        if starts_entry {
            // a TOML inline `reviewed = {...}` is one line; a table and a YAML key go on over the lines below
            skipping = !toml || trimmed == "[reviewed]";
            continue;
        }
        if skipping {
            let continues = if toml { !trimmed.starts_with('[') } else { line.starts_with([' ', '\t']) };
            if continues {
                continue;
            }
            skipping = false;
        }
        kept.push_str(line);
    }
    kept
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn yaml_entry(r: &Reviewed) -> String {
    let rules: Vec<String> = r.rules.iter().map(|id| quoted(id)).collect();
    format!(
        "{KEY}: {{ by: {}, on: \"{}\", rules: [{}], digest: {} }}",
        quoted(&r.by),
        r.on,
        rules.join(", "),
        quoted(&r.digest)
    )
}

fn toml_table(r: &Reviewed, newline: &str) -> String {
    let rules: Vec<String> = r.rules.iter().map(|id| quoted(id)).collect();
    [
        format!("[{KEY}]"),
        format!("by = {}", quoted(&r.by)),
        format!("on = \"{}\"", r.on),
        format!("rules = [{}]", rules.join(", ")),
        format!("digest = {}", quoted(&r.digest)),
    ]
    .iter()
    .map(|line| format!("{line}{newline}"))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signoff() -> Reviewed {
        Reviewed {
            by: "Dana Ortiz".into(),
            on: "2026-11-20".parse().unwrap(),
            rules: vec!["MIS004".into()],
            digest: "sha256:ab".into(),
        }
    }

    #[test]
    fn the_digest_ignores_line_endings_and_trailing_spaces_but_not_words() {
        assert_eq!(digest("\nA cure.  \r\nFor all.\n\n"), digest("A cure.\nFor all."));
        assert_ne!(digest("A cure.\nFor all."), digest("A cure.\nFor some."));
    }

    #[test]
    fn a_sign_off_goes_after_the_other_keys_and_replaces_an_old_one() {
        let text = "---\r\ntitle: Flu\r\nreviewed:\r\n  by: X\r\ntags: [a]\r\n---\r\nBody\r\n";
        let written = write(text, &signoff());
        assert_eq!(
            written,
            "---\r\ntitle: Flu\r\ntags: [a]\r\nreviewed: { by: \"Dana Ortiz\", on: \"2026-11-20\", rules: [\"MIS004\"], \
             digest: \"sha256:ab\" }\r\n---\r\nBody\r\n"
        );
        let doc = Document::parse(written.clone());
        assert_eq!(read(&doc.fields), Some(Ok(signoff())));
        assert_eq!(write(&written, &signoff()), written);
    }

    #[test]
    fn toml_front_matter_and_none_at_all() {
        let text = "+++\ntitle = \"Flu\"\n[reviewed]\nby = \"X\"\n[extra]\na = 1\n+++\nBody";
        let written = write(text, &signoff());
        assert!(
            written.starts_with("+++\ntitle = \"Flu\"\n[extra]\na = 1\n[reviewed]\nby = \"Dana Ortiz\"\n"),
            "{written}"
        );
        assert_eq!(read(&Document::parse(written).fields), Some(Ok(signoff())));
        let bare = write("\u{feff}Body", &signoff());
        let doc = Document::parse(bare.clone());
        assert_eq!(body(&doc), "Body");
        assert_eq!(read(&doc.fields), Some(Ok(signoff())));
    }
}
