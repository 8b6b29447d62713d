//! The consent registry and compliance sign-off in the check of one post: which registry checks the post's
//! authorization fails (handed to the engine, whose `registry = "..."` rules report them), the notes those findings
//! carry, the sign-off that lowers reviewed findings to `info`, and whether `--published-only` checks the post.

use std::ops::Range;

use serde_json::Value;

use super::post::{location, RowAt};
use super::Problems;
use crate::config::Config;
use crate::consent::verdict::{self, Failure, Use};
use crate::consent::{date, Date};
use crate::finding::{Finding, Severity};
use crate::input::document::Document;
use crate::policy::RuleSelection;
use crate::rules::Rule;
use crate::signoff;
use crate::text::lines;

/// The fields that give a post's publish date, first found wins (a calendar's `date` column is a field too).
const DATE_FIELDS: &[&str] = &["publish_date", "date"];

/// The post's own publish date, if it gives one.
fn publish_date(doc: &Document) -> Option<Date> {
    DATE_FIELDS.iter().find_map(|f| doc.fields.get(*f).and_then(date::from_value))
}

/// The date the run judges "now" by: `--as-of`, else today.
fn as_of(config: &Config) -> Date {
    config.as_of.unwrap_or_else(Date::today)
}

/// Whether `--published-only` keeps the post: its publish date is on or before the as-of date.
pub(super) fn selected(config: &Config, doc: &Document) -> bool {
    !config.published_only || publish_date(doc).is_some_and(|d| d <= as_of(config))
}

/// The registry checks the post's authorization fails; none without a registry or without a consent marker (the
/// rules that ask for a marker report those posts, as without a registry).
pub(super) fn failures(config: &Config, doc: &Document, platform: Option<&str>) -> Vec<Failure> {
    let Some(registry) = config.registry.as_deref() else { return Vec::new() };
    let Some(id) = named_authorization(&doc.fields) else { return Vec::new() };
    // judged on the later of the post's date and the as-of date: an archive check asks whether a post may still
    // be up, a scheduled post whether it may go out
    let on = match (publish_date(doc), config.as_of) {
        (Some(post), Some(as_of)) => post.max(as_of),
        (Some(post), None) => post,
        (None, _) => as_of(config),
    };
    let usage = Use { id, platform, media: media_used(doc), on };
    verdict::judge(registry, &usage)
}

/// The authorization id a post's `consent` field names: `Some(None)` for a marker without an id, `None` when the
/// post has no consent marker at all.
fn named_authorization(fields: &Value) -> Option<Option<&str>> {
    match fields.get("consent")? {
        Value::String(id) if !id.trim().is_empty() => Some(Some(id.trim())),
        Value::Object(map) => Some(map.get("id").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())),
        Value::Bool(true) => Some(None),
        _ => None,
    }
}

/// What the post shows: always the story; a photo or a video when it carries one (front matter or the body's
/// markup); and whatever its consent marker's `scope` declares (`name`, `review-quote`, ...).
fn media_used(doc: &Document) -> Vec<String> {
    let mut media = vec!["story".to_string()];
    let mut add = |m: &str| {
        if !media.iter().any(|have| have == m) {
            media.push(m.to_string());
        }
    };
    let has = |keys: &[&str]| keys.iter().any(|k| doc.fields.get(*k).is_some_and(|v| !v.is_null() && v != ""));
    let body = &doc.text[doc.body_start..];
    if has(&["image", "images", "photo", "photos"]) || body.contains("![") || body.contains("<img") {
        add("photo");
    }
    if has(&["video", "videos"]) || body.contains("<video") {
        add("video");
    }
    let scope = doc.fields.get("consent").and_then(|c| c.get("scope"));
    let declared: Vec<String> = match scope {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_lowercase).collect(),
        Some(Value::String(list)) => list.split([',', ';', ' ']).map(str::to_lowercase).collect(),
        _ => Vec::new(),
    };
    for medium in declared.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
        add(medium);
    }
    media
}

/// Where the post names its authorization, in its own bytes: the front matter's `consent` key line, or the
/// `carelint:consent` comment. `None` for a calendar row (whose consent is another column).
pub(super) fn marker_span(doc: &Document) -> Option<Range<usize>> {
    let text = &doc.text;
    if let Some(line) = doc.field_line("consent") {
        let start: usize = lines::with_breaks(text).take(line - 1).map(str::len).sum();
        let end = lines::line_end(text, start);
        return Some(start..start + text[start..end].trim_end().len());
    }
    let at = doc.body_start + text[doc.body_start..].find("carelint:consent")?;
    let start = text[..at].rfind("<!--").unwrap_or(at);
    let end = text[at..].find("-->").map_or(text.len(), |e| at + e + 3);
    Some(start..end)
}

/// Gives each finding of a `registry = "..."` rule the note of the failure it reports.
pub(super) fn annotate(rules: &[Rule], failures: &[Failure], findings: &mut [Finding]) {
    for finding in findings {
        let check = rules[finding.rule].document.registry.as_deref();
        if let Some(failure) = check.and_then(|c| failures.iter().find(|f| f.check == c)) {
            add_note(finding, &failure.note);
        }
    }
}

fn add_note(finding: &mut Finding, note: &str) {
    finding.note = Some(match finding.note.take() {
        Some(before) => format!("{before}; {note}"),
        None => note.to_string(),
    });
}

/// Applies the post's sign-off: findings of rules the configuration lets a reviewer sign off, and that the sign-off
/// names, become `info` "reviewed by ..." while the body is the one reviewed; after a body edit they keep their
/// severity and say the sign-off is stale. Sign-offs of other rules are warnings and change nothing.
pub(super) fn apply_signoff(
    config: &Config,
    rules: &[Rule],
    doc: &Document,
    at: Option<RowAt>,
    findings: &mut [Finding],
    problems: &mut Problems,
) {
    let Some(read) = signoff::read(&doc.fields) else { return };
    let line = location(at, doc.field_line(signoff::KEY).unwrap_or(1));
    let reviewed = match read {
        Ok(reviewed) => reviewed,
        Err(e) => {
            problems.warnings.push(format!("{line}: {e}; the sign-off is ignored"));
            return;
        }
    };
    let reviewable = RuleSelection::only(&config.review);
    let mut signed: Vec<String> = Vec::new();
    for entry in &reviewed.rules {
        let named: Vec<&Rule> =
            rules.iter().filter(|r| RuleSelection::only(std::slice::from_ref(entry)).selects(r)).collect();
        if !named.is_empty() && named.iter().all(|r| reviewable.selects(r)) {
            signed.push(entry.clone());
        } else {
            let shown = super::post::shown(entry).unwrap_or_else(|| super::post::NOT_SHOWN.to_string());
            problems.warnings.push(format!(
                "{line}: reviewed.rules names {shown}, which carelint.toml does not let a reviewer sign off \
                 ([review] rules): its findings keep their severity"
            ));
        }
    }
    // a sign-off dated after the as-of date did not exist yet on that date
    if reviewed.on > as_of(config) {
        return;
    }
    let by = signoff::shown_reviewer(&reviewed.by);
    let fresh = reviewed.digest == signoff::digest(signoff::body(doc));
    let covered = RuleSelection::only(&signed);
    for finding in findings.iter_mut().filter(|f| covered.selects(&rules[f.rule])) {
        if fresh {
            finding.severity = Some(Severity::Info);
            add_note(finding, &format!("reviewed by {by} on {}", reviewed.on));
        } else {
            add_note(finding, &format!("sign-off is stale: body changed after {by} reviewed it on {}", reviewed.on));
        }
    }
}
