//! Checking: runs the engine over every input (in parallel, output order fixed), turns hits into findings with
//! positions and fixes, and applies suppressions and per-path overrides.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use std::ops::Range;

use crate::config::{Config, PathOverride};
use crate::engine::{Engine, Hit, Post};
use crate::finding::{
    Applicability, Edit, FileReport, Finding, Fix, FixedFile, InputError, Position, Related, RunReport,
};
use crate::fix::Snapshot;
use crate::input::calendar;
use crate::input::document::{Directive, Document};
use crate::input::{self, Encoding, Input, Source};
use crate::policy::selects;
use crate::rules::{FixAction, Rule};
use crate::text::{lines, platform};

/// How a checked file holds its posts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// One post: Markdown or plain text, with optional front matter.
    Post,
    /// A content calendar: one post a row.
    Csv,
    Json,
    Jsonl,
}

impl FileKind {
    pub fn of(path: Option<&Path>) -> FileKind {
        match path.and_then(|p| p.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => FileKind::Csv,
            Some("json") => FileKind::Json,
            Some("jsonl" | "ndjson") => FileKind::Jsonl,
            _ => FileKind::Post,
        }
    }
}

/// What checking one file found wrong besides its findings, each message with its line (and row): parts that could
/// not be read or checked as written (errors: the run exits 2, the rest of the file is still checked), and
/// suppressions that name no rule (warnings: the exit code is not changed). Never a line's content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.warnings.is_empty()
    }

    fn extend(&mut self, other: Problems) {
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }
}

/// Checks one file's text: a post, or every row of a calendar. `path` is used for per-path overrides and to tell
/// calendars apart; `None` for unnamed stdin and examples. Returns the findings and the problems found on the way
/// (broken front matter, calendar rows that could not be read, unknown kinds and suppressed rules); the rest is still
/// checked.
pub fn check_text(
    engine: &Engine,
    config: &Config,
    path: Option<&Path>,
    text: String,
) -> anyhow::Result<(Vec<Finding>, Problems)> {
    check_file(engine, config, path, text, true)
}

/// `check_text`, keeping each finding's source line only with `source_lines` (only the human report shows it, and
/// a calendar's findings are held together: a copy of a long row's line for each would add up).
fn check_file(
    engine: &Engine,
    config: &Config,
    path: Option<&Path>,
    text: String,
    source_lines: bool,
) -> anyhow::Result<(Vec<Finding>, Problems)> {
    let overrides = path.map(|p| config.overrides_for(p)).unwrap_or_default();
    let checker = Checker { engine, config, overrides: &overrides };
    let mut problems = Problems::default();
    let calendar = match FileKind::of(path) {
        FileKind::Post => {
            let doc = Document::parse(text);
            problems.errors.extend(doc.warning.clone());
            let file = FileText::new(&doc.text, source_lines);
            let (findings, more) = check_document(&checker, &doc, &file, &|s, e| s..e, None, &mut Vec::new())?;
            problems.extend(more);
            return Ok((findings, problems));
        }
        FileKind::Csv => match calendar::csv_calendar(&text, &config.text_fields) {
            Err(e) => Err(e),
            Ok(csv) => {
                // rows are unescaped one at a time
                let rows = (0..csv.len()).map(|i| csv.post(i));
                let file = FileText::new(&text, source_lines);
                let findings = check_calendar(&checker, &file, rows, &mut problems)?;
                return Ok((findings, problems));
            }
        },
        FileKind::Json => calendar::json_posts(&text, false, &config.text_fields),
        FileKind::Jsonl => calendar::json_posts(&text, true, &config.text_fields),
    };
    let findings = match calendar {
        Ok(rows) => {
            let file = FileText::new(&text, source_lines);
            check_calendar(&checker, &file, rows.into_iter(), &mut problems)?
        }
        Err(e) => {
            problems.errors.push(e);
            Vec::new()
        }
    };
    Ok((findings, problems))
}

/// Checks the posts of a calendar one by one, each located in the calendar file. A row that could not be read is
/// an error and the others are still checked.
fn check_calendar(
    checker: &Checker,
    file: &FileText,
    rows: impl Iterator<Item = Result<calendar::CalendarPost, calendar::RowError>>,
    problems: &mut Problems,
) -> anyhow::Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let mut identifiers = Vec::new();
    for row in rows {
        let mut post = match row {
            Ok(post) => post,
            Err(e) => {
                problems.errors.push(e.to_string());
                continue;
            }
        };
        let mut doc = Document::parse(std::mem::take(&mut post.text));
        doc.add_fields(&post.fields);
        let to_file = |s: usize, e: usize| post.file_range(s, e);
        let at = RowAt { row: post.row, line: post.line };
        let (found, more) = check_document(checker, &doc, file, &to_file, Some(at), &mut identifiers)?;
        findings.extend(found);
        problems.extend(more);
    }
    mask_across_rows(file, &identifiers, &mut findings);
    Ok(findings)
}

/// Where a calendar row is: its number and the file line it starts on.
#[derive(Clone, Copy, Debug)]
struct RowAt {
    row: usize,
    line: usize,
}

/// "line 4", or "line 9 (row 3)" for a calendar row (whose own lines are not the file's).
fn location(row: Option<RowAt>, line: usize) -> String {
    match row {
        Some(RowAt { row, line }) => format!("line {line} (row {row})"),
        None => format!("line {line}"),
    }
}

/// A value from a post as a message may show it: only when it is one short word (a kind, a rule id), since a
/// calendar cell or a comment can hold anything, identifiers included.
fn shown(value: &str) -> Option<String> {
    let word = value.len() <= 40
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    word.then(|| format!("`{value}`"))
}

const NOT_SHOWN: &str = "(not shown: not a single word)";

/// The post's declared kind, if the ruleset knows it. A kind it does not know (`testimonal`) would silently turn
/// off the rules for the intended kind: it is an error at the `kind` key, and the post is checked with the kind its
/// wording gives.
fn declared_kind<'d>(
    engine: &Engine,
    doc: &'d Document,
    row: Option<RowAt>,
    problems: &mut Problems,
) -> Option<&'d str> {
    let value = doc.fields.get("kind")?;
    let vocabulary = engine.vocabulary();
    if let Some(kind) = value.as_str().filter(|k| vocabulary.knows_kind(k)) {
        return Some(kind);
    }
    let what = match value.as_str() {
        Some(kind) => format!("unknown kind {}", shown(kind).as_deref().unwrap_or(NOT_SHOWN)),
        None => "`kind` is not one kind name".to_string(),
    };
    let known: Vec<&str> = vocabulary.kinds().collect();
    let at = location(row, doc.field_line("kind").unwrap_or(1));
    problems.errors.push(format!(
        "{at}: {what}; known kinds: {} (checked as if no kind was given)",
        if known.is_empty() { "none".to_string() } else { known.join(", ") }
    ));
    None
}

/// A suppression that names no rule suppresses nothing (a typo, or a rule since renamed): a warning each.
fn check_suppressions(engine: &Engine, doc: &Document, row: Option<RowAt>, problems: &mut Problems) {
    for named in &doc.named_rules {
        if !engine.vocabulary().knows_selector(&named.selector) {
            let what = match shown(&named.selector) {
                Some(selector) => selector,
                None => format!("a selector {NOT_SHOWN}"),
            };
            problems.warnings.push(format!(
                "{}: {} names {what}, which is no rule id, id prefix or category: it suppresses nothing",
                location(row, named.line),
                named.by,
            ));
        }
    }
}

/// The file being checked, for positions and source lines. The line index is built only for a file with findings.
struct FileText<'a> {
    text: &'a str,
    lines: std::cell::OnceCell<LineIndex>,
    /// Whether findings keep their source line.
    source_lines: bool,
}

impl<'a> FileText<'a> {
    fn new(text: &'a str, source_lines: bool) -> FileText<'a> {
        FileText { text, lines: std::cell::OnceCell::new(), source_lines }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }
}

/// Runs the engine on one post and turns its hits into findings located in the file. `to_file` maps the post's
/// byte ranges to the file's (the identity for a post file; through quotes and escapes for a calendar cell).
fn check_document(
    checker: &Checker,
    doc: &Document,
    file: &FileText,
    to_file: &dyn Fn(usize, usize) -> Range<usize>,
    at: Option<RowAt>,
    identifiers: &mut Vec<Range<usize>>,
) -> anyhow::Result<(Vec<Finding>, Problems)> {
    let Checker { engine, config, overrides } = *checker;
    let post_extent = PostExtent { row: at.map(|a| a.row), extent: to_file(0, doc.text.len()) };
    let platform = doc.field("platform").map(platform::canonical).or_else(|| config.platform.clone());
    let mut problems = Problems::default();
    check_suppressions(engine, doc, at, &mut problems);
    let post = Post {
        text: doc.scan(),
        body_start: doc.body_start,
        kind: declared_kind(engine, doc, at, &mut problems),
        platform: platform.as_deref(),
        fields: &doc.fields,
        hidden: &doc.hidden,
    };
    let hits = engine.check(&post)?;
    if hits.is_empty() {
        return Ok((Vec::new(), problems));
    }
    let rules = engine.rules();
    // every identifier found in the post is masked wherever a finding shows its text, whether or not its own
    // finding is reported (suppressed, overridden or not selected)
    let found = hits.iter().filter(|h| rules[h.rule].redact).map(|h| h.start..h.end);
    let start = identifiers.len();
    identifiers.extend(identifier_occurrences(&doc.text, found).map(|r| to_file(r.start, r.end)));
    let masked = masked_offsets(file.text, identifiers[start..].iter().cloned());
    // only next-line directives need the post's own lines
    let doc_lines = (!doc.directives.is_empty()).then(|| LineIndex::new(&doc.text));
    let reported: Vec<Hit> = hits
        .into_iter()
        .filter(|hit| {
            let rule = &rules[hit.rule];
            let overridden = overrides.iter().any(|o| {
                o.ignore.iter().any(|s| selects(s, rule))
                    || (!o.select.is_empty() && !o.select.iter().any(|s| selects(s, rule)))
            });
            !rule.mask_only && !overridden && !suppressed(doc, rule, hit, doc_lines.as_ref())
        })
        .collect();
    let paragraphs = Paragraphs::new(&doc.text);
    let mut findings: Vec<Finding> = Vec::new();
    // (rule, paragraph) -> index of its finding
    let mut by_region: HashMap<(usize, usize), usize> = HashMap::new();
    for hit in one_rule_per_span(rules, reported) {
        let range = to_file(hit.start, hit.end);
        let edit = rules[hit.rule]
            .fix
            .as_ref()
            .and_then(|spec| fix_edit(spec.action, spec.text.as_deref(), doc, &hit, to_file));
        match by_region.entry((hit.rule, paragraphs.of(hit.start))) {
            Entry::Occupied(e) => {
                let finding = &mut findings[*e.get()];
                finding.related.push(place_of(file, range, &masked));
                if let (Some(fix), Some(edit)) = (&mut finding.fix, edit) {
                    if !fix.edits.contains(&edit) {
                        fix.edits.push(edit);
                    }
                }
            }
            Entry::Vacant(e) => {
                e.insert(findings.len());
                let mut finding = locate(file, hit.rule, range, &post_extent, &masked);
                finding.fix = rules[hit.rule].fix.as_ref().zip(edit).map(|(spec, edit)| Fix {
                    // inserting into a calendar cell could break its quoting: only suggest it there
                    applicability: match (post_extent.row, spec.action) {
                        (Some(_), FixAction::Prepend | FixAction::Append | FixAction::Replace) => Applicability::Unsafe,
                        _ => spec.applicability,
                    },
                    description: spec.description.clone(),
                    edits: vec![edit],
                });
                findings.push(finding);
            }
        }
    }
    Ok((findings, problems))
}

/// Up to this many identifier values are looked for one by one; more go through one automaton.
const FEW_VALUES: usize = 8;

/// The identifiers at `found` (post byte ranges) and every other whole-word occurrence of the same values in the post
/// (ASCII case folded): a name found once in a care context is the same person's name where the context is
/// missing, and must not show there.
fn identifier_occurrences(
    text: &str,
    found: impl Iterator<Item = Range<usize>>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let found: Vec<Range<usize>> = found.collect();
    let mut values: Vec<String> = found
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .filter(|v| !v.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    values.sort_unstable();
    values.dedup();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let whole_word =
        |r: &Range<usize>| !word(text[..r.start].chars().next_back()) && !word(text[r.end..].chars().next());
    let again: Vec<Range<usize>> = if values.len() <= FEW_VALUES {
        // a post holds a few identifiers: a plain search of each beats building an automaton for every post
        let lower = if values.is_empty() { String::new() } else { text.to_ascii_lowercase() };
        let places = values.iter().flat_map(|v| lower.match_indices(v.as_str()).map(|(at, v)| at..at + v.len()));
        places.filter(whole_word).collect()
    } else {
        // a calendar's rows can hold thousands: one pass over the file for all of them
        let matcher = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(&values);
        let places = matcher.iter().flat_map(|m| m.find_overlapping_iter(text).map(|m| m.range()).collect::<Vec<_>>());
        places.filter(whole_word).collect()
    };
    found.into_iter().chain(again)
}

/// The file offsets of the characters that masking replaces with `*` in the identifiers at `ranges`, sorted.
fn masked_offsets(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<usize> {
    let mut offsets = Vec::new();
    for range in ranges {
        let Some(value) = text.get(range.clone()) else { continue };
        let mask = crate::report::redact::mask(value);
        for ((offset, original), shown) in value.char_indices().zip(mask.chars()) {
            if original != shown {
                offsets.push(range.start + offset);
            }
        }
    }
    offsets.sort_unstable();
    offsets.dedup();
    offsets
}

/// The text at `range` with the characters at the `masked` offsets shown as `*`, or `None` if none is there.
fn masked_text(text: &str, range: Range<usize>, masked: &[usize]) -> Option<String> {
    let from = masked.partition_point(|&o| o < range.start);
    let to = masked.partition_point(|&o| o < range.end);
    let inside = &masked[from..to];
    if inside.is_empty() {
        return None;
    }
    let shown = text[range.clone()]
        .char_indices()
        .map(|(i, c)| if inside.binary_search(&(range.start + i)).is_ok() { '*' } else { c })
        .collect();
    Some(shown)
}

/// Two identifier rules of one category on the very same span find one identifier: keep the most severe rule's hit
/// (then the first rule's), so a name is not reported twice by two name rules. A combination rule (`min_distinct`)
/// reports something else (details that identify together) and is kept. Input and output in (start, rule) order.
fn one_rule_per_span(rules: &[Rule], hits: Vec<Hit>) -> Vec<Hit> {
    let identifier = |r: &Rule| r.redact && r.document.min_distinct.is_none();
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let (a, b) = (&rules[hit.rule], hit);
        let same = kept.iter().position(|k| {
            let other = &rules[k.rule];
            (k.start, k.end) == (b.start, b.end) && other.category == a.category && identifier(other) && identifier(a)
        });
        match same {
            None => kept.push(hit),
            Some(i) if rules[hit.rule].severity > rules[kept[i].rule].severity => kept[i] = hit,
            Some(_) => {}
        }
    }
    kept
}

/// What every post of a file is checked with: the rules, the configuration and the file's per-path overrides.
struct Checker<'a> {
    engine: &'a Engine,
    config: &'a Config,
    overrides: &'a [&'a PathOverride],
}

/// Where a post is in its file: the calendar row it is, and the file bytes its text comes from.
struct PostExtent {
    row: Option<usize>,
    extent: Range<usize>,
}

/// Where the paragraphs of a post start (after a blank line), to group a rule's hits into one finding a paragraph.
struct Paragraphs {
    starts: Vec<usize>,
}

impl Paragraphs {
    fn new(text: &str) -> Paragraphs {
        let mut starts = Vec::new();
        let mut blank = false;
        let mut offset = 0;
        for line in lines::with_breaks(text) {
            let is_blank = line.trim().is_empty();
            if blank && !is_blank {
                starts.push(offset);
            }
            blank = is_blank;
            offset += line.len();
        }
        Paragraphs { starts }
    }

    fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// Whether a front-matter allow or an HTML-comment directive silences this hit.
fn suppressed(doc: &Document, rule: &Rule, hit: &Hit, lines: Option<&LineIndex>) -> bool {
    let names = |rules: &[String]| rules.is_empty() || rules.iter().any(|s| selects(s, rule));
    doc.allowed.iter().any(|s| selects(s, rule))
        || doc.directives.iter().any(|d| match d {
            Directive::DisableNextLine { line, rules } => {
                lines.is_some_and(|l| l.position(&doc.text, hit.start).line == *line) && names(rules)
            }
            Directive::DisableRegion { start, end, rules } => hit.start >= *start && hit.start < *end && names(rules),
        })
}

/// A finding at file bytes `range`, with its line, columns and source line, and their masked forms (`masked`: the
/// sorted file offsets of identifier characters shown as `*`).
fn locate(file: &FileText, rule: usize, range: Range<usize>, post: &PostExtent, masked: &[usize]) -> Finding {
    let text = file.text;
    let place = place_of(file, range.clone(), masked);
    let lines = file.lines();
    // the line as far as it belongs to this post: a calendar's line can hold other cells and other rows
    let whole_line_start = lines.starts[place.begin_pos.line - 1];
    let line_start = whole_line_start.max(post.extent.start).min(range.start);
    // counted back from the finding when the line is cut (only through the row's own text), not by asking the line
    // index, which counts on from the last place asked for: a long one-line calendar has many findings
    let source_line_column = if line_start == whole_line_start {
        1
    } else {
        place.begin_pos.column - text[line_start..range.start].chars().count()
    };
    // looked for only up to the post's end: a one-line calendar's line is the whole file
    let line_end = lines::line_end(&text[..post.extent.end.max(range.end)], line_start);
    Finding {
        rule,
        start: place.start,
        end: place.end,
        begin_pos: place.begin_pos,
        end_pos: place.end_pos,
        matched: place.matched,
        shown: place.shown,
        source_line: if file.source_lines { text[line_start..line_end].to_string() } else { String::new() },
        source_line_shown: file.source_lines.then(|| masked_text(text, line_start..line_end, masked)).flatten(),
        source_line_start: line_start,
        source_line_column,
        row: post.row,
        related: Vec::new(),
        fix: None,
    }
}

/// A place at file bytes `range`: its positions and text (what a related span needs; no source line).
fn place_of(file: &FileText, range: Range<usize>, masked: &[usize]) -> Related {
    let lines = file.lines();
    Related {
        start: range.start,
        end: range.end,
        begin_pos: lines.position(file.text, range.start),
        end_pos: lines.position(file.text, range.end),
        matched: file.text[range.clone()].to_string(),
        shown: masked_text(file.text, range, masked),
    }
}

/// Masks a calendar's findings again with every identifier found in any of its rows: a name found in one row is
/// the same person's where it appears in another row's text.
fn mask_across_rows(file: &FileText, identifiers: &[Range<usize>], findings: &mut [Finding]) {
    if identifiers.is_empty() || findings.is_empty() {
        return;
    }
    let masked = masked_offsets(file.text, identifier_occurrences(file.text, identifiers.iter().cloned()));
    let text = file.text;
    for f in findings {
        f.shown = masked_text(text, f.start..f.end, &masked);
        for r in &mut f.related {
            r.shown = masked_text(text, r.start..r.end, &masked);
        }
        if file.source_lines {
            f.source_line_shown =
                masked_text(text, f.source_line_start..f.source_line_start + f.source_line.len(), &masked);
        }
    }
}

/// The one edit a fix action makes, in the file's bytes (`to_file` maps the post's). Text to add is not offered where
/// it would not be published (inside an HTML comment left open at the end) or where the post already has it in that
/// place: a fix that does not remove its finding would otherwise be added again on every pass of `--fix`.
fn fix_edit(
    action: FixAction,
    text: Option<&str>,
    doc: &Document,
    hit: &Hit,
    to_file: &dyn Fn(usize, usize) -> Range<usize>,
) -> Option<Edit> {
    let replace = |replacement: String| {
        let range = to_file(hit.start, hit.end);
        Some(Edit { start: range.start, end: range.end, replacement })
    };
    let insert = |at: usize, replacement: String| {
        let added = text.unwrap_or_default().trim();
        let already = match action {
            FixAction::Prepend => doc.text[doc.body_start.min(doc.text.len())..].trim_start().starts_with(added),
            _ => doc.text.trim_end().ends_with(added),
        };
        if already || unpublished(doc, at) {
            return None;
        }
        let at = to_file(at, at).start;
        Some(Edit { start: at, end: at, replacement })
    };
    match action {
        FixAction::Redact => replace(text.unwrap_or("[redacted]").to_string()),
        FixAction::Remove => replace(String::new()),
        FixAction::Replace => replace(text.unwrap_or_default().to_string()),
        FixAction::Prepend => insert(doc.body_start, text.unwrap_or_default().to_string()),
        FixAction::Append => {
            // an appended disclaimer is a paragraph of its own, with the post's own line breaks
            let body = text.unwrap_or_default().trim();
            let newline = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
            let ends_line = doc.text.ends_with('\n') || doc.text.ends_with('\r');
            let lead = if ends_line { newline.to_string() } else { newline.repeat(2) };
            insert(doc.text.len(), format!("{lead}{body}{newline}"))
        }
    }
}

/// Whether text inserted at `at` would land in an HTML comment (one that is open there, or never closed).
fn unpublished(doc: &Document, at: usize) -> bool {
    doc.hidden.iter().any(|r| r.start < at && (at < r.end || !doc.text[r.clone()].ends_with("-->")))
}

/// Byte offsets of line starts, to turn offsets into 1-based line and character column. Line breaks are those of
/// `text::lines` (a lone `\r` too); the first line starts after a byte-order mark, which is not a column.
struct LineIndex {
    starts: Vec<usize>,
    /// The last offset asked for and its position: findings come in text order, so columns are counted on from
    /// there rather than from the line's start (a one-line calendar export with thousands of findings would
    /// otherwise count its whole line again for each).
    last: std::cell::Cell<(usize, Position)>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let mut starts = vec![bom];
        starts.extend(lines::break_ends(text));
        LineIndex { starts, last: std::cell::Cell::new((bom, Position { line: 1, column: 1 })) }
    }

    fn position(&self, text: &str, offset: usize) -> Position {
        // nothing points into the BOM, but an offset there is column 1, not a panic
        let offset = offset.max(self.starts[0]);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let (last, known) = self.last.get();
        let column = if known.line == line && last <= offset {
            known.column + text[last..offset].chars().count()
        } else if known.line == line && offset - start > last - offset {
            known.column - text[offset..last].chars().count()
        } else {
            text[start..offset].chars().count() + 1
        };
        let position = Position { line, column };
        self.last.set((offset, position));
        position
    }
}

/// How a run goes.
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    pub threads: usize,
    /// Apply safe fixes in place first.
    pub fix: bool,
    /// Keep each finding's source line (only the human report shows it; a repository run without it needs a
    /// fraction of the memory).
    pub source_lines: bool,
    /// Larger inputs are errors, and are not read whole; `None`: the default of the input's kind (a post, a
    /// calendar).
    pub max_file_size: Option<u64>,
}

/// Checks every input on `options.threads` threads and hands each file's findings (sorted) to `on_file` in input
/// order, as soon as the files before it are done: the report is written while the run goes on, and only files
/// that finished out of order wait in memory.
pub fn run(
    engine: &Engine,
    config: &Config,
    inputs: &[Input],
    options: RunOptions,
    on_file: &mut (dyn FnMut(FileReport) + Send),
) -> RunReport {
    let threads = options.threads;
    let next = AtomicUsize::new(0);
    let report = RunReport { fixed: options.fix.then(Vec::new), ..RunReport::default() };
    let emitter = Mutex::new(Emitter { next: 0, waiting: BTreeMap::new(), report, on_file });
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(input) = inputs.get(i) else { break };
        let mut result = check_input(engine, config, input, options);
        if let Some(file) = &mut result.file {
            // report order, once: start, then rule id
            let rules = engine.rules();
            file.findings.sort_by(|a, b| (a.start, &rules[a.rule].id).cmp(&(b.start, &rules[b.rule].id)));
        }
        emitter.lock().unwrap_or_else(PoisonError::into_inner).done(i, result);
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.max(1).min(inputs.len()) {
            scope.spawn(work);
        }
        work();
    });
    emitter.into_inner().unwrap_or_else(PoisonError::into_inner).report
}

/// Puts the checked inputs back in input order.
struct Emitter<'a> {
    next: usize,
    waiting: BTreeMap<usize, Checked>,
    report: RunReport,
    on_file: &'a mut (dyn FnMut(FileReport) + Send),
}

impl Emitter<'_> {
    fn done(&mut self, index: usize, checked: Checked) {
        self.waiting.insert(index, checked);
        while let Some(checked) = self.waiting.remove(&self.next) {
            self.next += 1;
            if let Some(file) = checked.file {
                self.report.files_scanned += 1;
                (self.on_file)(file);
            }
            self.report.errors.extend(checked.errors);
            if let (Some(fixed), Some(file)) = (&mut self.report.fixed, checked.fixed) {
                fixed.push(file);
            }
            self.report.warnings.extend(checked.warnings);
        }
    }
}

/// What checking one input gave: its findings if it could be read, what was wrong, and what `--fix` wrote.
struct Checked {
    file: Option<FileReport>,
    errors: Vec<InputError>,
    warnings: Vec<InputError>,
    fixed: Option<FixedFile>,
}

/// One input: read and check it (fixing it first with `fix`). Broken front matter is an error, but the body's
/// findings are kept; so is a fix that could not be written, and then the findings are those of the file as it is
/// on disk. Findings are located in the decoded text, then in the file's own bytes (UTF-16 differs).
fn check_input(engine: &Engine, config: &Config, input: &Input, options: RunOptions) -> Checked {
    let RunOptions { fix, source_lines, max_file_size, .. } = options;
    let error = |message: String| InputError { path: input.display.clone(), message };
    let failed =
        |message: String| Checked { file: None, errors: vec![error(message)], warnings: Vec::new(), fixed: None };
    // stdin is checked as if it were the file `--stdin-filename` names: that name decides per-path overrides and
    // whether it is a calendar (a pre-commit hook pipes staged files in this way), but it is never written to
    let path = match &input.source {
        Source::File(p) => Some(p.as_path()),
        Source::Stdin => (input.display != input::STDIN_DISPLAY).then(|| Path::new(&input.display)),
    };
    let fix_path = match &input.source {
        Source::File(p) if fix => Some(p.as_path()),
        _ => None,
    };
    // taken before the read, so that an edit made while the file is read or fixed shows
    let before = fix_path.map(Snapshot::take);
    let max_file_size = max_file_size.unwrap_or(match FileKind::of(path) {
        FileKind::Post => input::read::DEFAULT_MAX_FILE_SIZE,
        FileKind::Csv | FileKind::Json | FileKind::Jsonl => input::read::DEFAULT_MAX_CALENDAR_SIZE,
    });
    let (text, encoding) = match input::read(input, max_file_size) {
        Ok(decoded) => (decoded.text, decoded.encoding),
        Err(message) => return failed(message),
    };
    let (text, fixed, not_fixed) = match (fix_path, before) {
        (Some(p), Some(before)) => match fix_input(engine, config, input, p, before, text, encoding) {
            Ok(outcome) => outcome,
            Err(e) => return failed(format!("{e:#}")),
        },
        _ => (text, None, None),
    };
    let mut errors: Vec<InputError> = not_fixed.map(error).into_iter().collect();
    // the text is needed again only to map UTF-16 offsets
    let mapping = (encoding != Encoding::Utf8).then(|| text.clone());
    match check_file(engine, config, path, text, source_lines) {
        Ok((mut findings, problems)) => {
            if let Some(text) = mapping {
                to_file_offsets(encoding, &text, &mut findings);
            }
            errors.extend(problems.errors.into_iter().map(error));
            let warnings = problems.warnings.into_iter().map(error).collect();
            Checked { file: Some(FileReport { path: input.display.clone(), findings }), errors, warnings, fixed }
        }
        Err(e) => {
            errors.push(error(format!("{e:#}")));
            Checked { file: None, errors, warnings: Vec::new(), fixed }
        }
    }
}

/// `--fix` on one file, read as `text` (decoded from `encoding`) when it looked like `before`. Returns the text to
/// report on (the fixed text once written; otherwise the file as it is on disk), the rewrite if there was one, and
/// why a fix could not be written. Fails only when the fixes cannot be worked out.
fn fix_input(
    engine: &Engine,
    config: &Config,
    input: &Input,
    path: &Path,
    before: anyhow::Result<Snapshot>,
    text: String,
    encoding: Encoding,
) -> anyhow::Result<(String, Option<FixedFile>, Option<String>)> {
    let (fixed, edits) = fixed_text(engine, config, path, &text)?;
    if fixed == text {
        return Ok((text, None, None));
    }
    // back in the file's own encoding (UTF-16 keeps its BOM and byte order)
    let (original, contents) = (encoding.encode(&text), encoding.encode(&fixed));
    match before.and_then(|before| crate::fix::replace(path, &before, original.as_ref(), contents.as_ref())) {
        Ok(()) => Ok((fixed, Some(FixedFile { path: input.display.clone(), edits }), None)),
        Err(e) => Ok((text, None, Some(format!("not fixed: {e:#}")))),
    }
}

/// Moves the findings' byte offsets (spans and fix edits) from the decoded text to the file's bytes.
fn to_file_offsets(encoding: Encoding, text: &str, findings: &mut [Finding]) {
    let mut offsets = Vec::new();
    for finding in findings {
        offsets.push(&mut finding.start);
        offsets.push(&mut finding.end);
        for related in &mut finding.related {
            offsets.push(&mut related.start);
            offsets.push(&mut related.end);
        }
        for edit in finding.fix.iter_mut().flat_map(|fix| fix.edits.iter_mut()) {
            offsets.push(&mut edit.start);
            offsets.push(&mut edit.end);
        }
    }
    encoding.to_file_offsets(text, offsets);
}

/// Most passes `--fix` makes over one file: a fix can reveal another (an edit skipped for overlapping).
const FIX_PASSES: usize = 4;

/// The file's text with safe fixes applied until none is left, and the number of edits made.
fn fixed_text(engine: &Engine, config: &Config, path: &Path, original: &str) -> anyhow::Result<(String, usize)> {
    let mut text = original.to_string();
    let mut applied = 0;
    for _ in 0..FIX_PASSES {
        let (findings, _) = check_file(engine, config, Some(path), text.clone(), false)?;
        let edits: Vec<Edit> = findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|fix| fix.applicability == Applicability::Safe)
            .flat_map(|fix| fix.edits.iter().cloned())
            .collect();
        let (fixed, n) = crate::fix::apply_edits(&text, &edits);
        if n == 0 || fixed == text {
            break;
        }
        text = fixed;
        applied += n;
    }
    Ok((text, applied))
}
