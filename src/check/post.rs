//! One post: runs the engine on it and turns the hits its file's rules report, and no suppression silences, into
//! findings located in the file, one a rule a paragraph, with their fixes.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::locate::{self, FileText, PostExtent};
use super::suppress::{self, Silenced, Suppressions};
use super::{consent, Checker, Problems};
use crate::engine::{Engine, Fills, Hit, Post};
use crate::finding::{Edit, Finding, SlotFill, Suppressed};
use crate::fix;
use crate::input::document::Document;
use crate::matching::frame::{Shape, Source};
use crate::rules::{Matcher, Rule};
use crate::text::lines::{self, LineIndex};
use crate::text::{platform, redact};

/// Where a calendar row is: its number and the file line it starts on.
#[derive(Clone, Copy, Debug)]
pub(super) struct RowAt {
    pub row: usize,
    pub line: usize,
}

/// "line 4", or "line 9 (row 3)" for a calendar row (whose own lines are not the file's).
pub(super) fn location(row: Option<RowAt>, line: usize) -> String {
    match row {
        Some(RowAt { row, line }) => format!("line {line} (row {row})"),
        None => format!("line {line}"),
    }
}

/// A value from a post as a message may show it: only when it is one short word (a kind, a rule id), since a
/// calendar cell or a comment can hold anything, identifiers included.
pub(super) fn shown(value: &str) -> Option<String> {
    let word = value.len() <= 20
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    word.then(|| format!("`{value}`"))
}

pub(super) const NOT_SHOWN: &str = "(not shown: not a single word)";

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

/// What one post gave: its findings, the findings its suppressions silenced, and its problems.
#[derive(Default)]
pub(super) struct PostFindings {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    pub problems: Problems,
    /// `--published-only` left the post out: it is not checked, and not counted as checked.
    pub left_out: bool,
}

/// Runs the engine on one post and turns its hits into findings located in the file. `to_file` maps the post's
/// byte ranges to the file's (the identity for a post file; through quotes and escapes for a calendar cell). The
/// identifiers found are added to `identifiers` (file ranges), for a calendar to mask across its rows.
pub(super) fn check_document(
    checker: &Checker,
    doc: &Document,
    file: &FileText,
    to_file: &dyn Fn(usize, usize) -> Range<usize>,
    at: Option<RowAt>,
    identifiers: &mut Vec<Range<usize>>,
) -> anyhow::Result<PostFindings> {
    let Checker { engine, config, reported, inline_suppressions } = checker;
    if !consent::selected(config, doc) {
        return Ok(PostFindings { left_out: true, ..PostFindings::default() });
    }
    let post_extent = PostExtent { row: at.map(|a| a.row), extent: to_file(0, doc.text.len()) };
    let platform = doc.field("platform").map(platform::canonical).or_else(|| config.platform.clone());
    let mut out = PostFindings::default();
    suppress::check_suppressions(engine, doc, at, &mut out.problems);
    let failures = consent::failures(config, doc, platform.as_deref());
    let failed: Vec<&str> = failures.iter().map(|f| f.check).collect();
    let post = Post {
        text: doc.scan(),
        body_start: doc.body_start,
        kind: declared_kind(engine, doc, at, &mut out.problems),
        platform: platform.as_deref(),
        fields: &doc.fields,
        hidden: &doc.hidden,
        registry: &failed,
    };
    let rules = engine.rules();
    let hits = second_mentions(rules, post.text, engine.check(&post)?);
    let mut suppressions = Suppressions::of(doc, *inline_suppressions);
    if hits.is_empty() {
        suppressions.audit(rules, reported, at, &mut out.problems);
        return Ok(out);
    }
    // every identifier found in the post is masked wherever a finding shows its text, whether or not its own
    // finding is reported (suppressed, overridden or not selected)
    let found = hits.iter().filter(|h| rules[h.rule].redact).map(|h| h.start..h.end);
    let found = found.chain(hits.iter().flat_map(|h| person_slots(&rules[h.rule], h)));
    let start = identifiers.len();
    identifiers.extend(locate::identifier_occurrences(&doc.text, found).map(|r| to_file(r.start, r.end)));
    let masked = locate::masked_offsets(file.text, identifiers[start..].iter().cloned());
    // only next-line directives need the post's own lines
    let doc_lines = suppressions.needs_lines().then(|| LineIndex::new(&doc.text));
    let (mut shown_hits, mut silenced_hits) = (Vec::new(), Vec::new());
    for hit in hits.into_iter().filter(|hit| reported.reports(hit.rule)) {
        match suppressions.silence(doc, &rules[hit.rule], hit.start, doc_lines.as_ref()) {
            None => shown_hits.push(hit),
            Some(_) => silenced_hits.push(hit),
        }
    }
    let places = Places { rules, doc, file, to_file, masked: &masked, post_extent: &post_extent };
    out.findings = places.group(one_rule_per_span(rules, shown_hits)).into_iter().map(|(f, _)| f).collect();
    for (mut finding, first) in places.group(one_rule_per_span(rules, silenced_hits)) {
        // a silenced finding is listed for the audit only: no fix of it is offered or applied
        finding.fix = None;
        let silenced = suppressions.silence(doc, &rules[finding.rule], first, doc_lines.as_ref());
        let Silenced { by, line, reason } = silenced.expect("the hit was silenced by a suppression");
        let masked_reason = reason.as_deref().and_then(|r| mask_values(r, file.text, &identifiers[start..]));
        out.suppressed.push(Suppressed { finding, by, line: location_line(at, line), reason, masked_reason });
    }
    // a registry finding is about the authorization the post names: it goes where the post names it
    if let Some(span) = consent::marker_span(doc).filter(|_| !failures.is_empty()) {
        for finding in out.findings.iter_mut().filter(|f| rules[f.rule].document.registry.is_some()) {
            *finding = locate::locate(file, finding.rule, to_file(span.start, span.end), &post_extent, &masked);
        }
    }
    consent::annotate(rules, &failures, &mut out.findings);
    consent::apply_signoff(config, rules, doc, at, &mut out.findings, &mut out.problems);
    suppressions.audit(rules, reported, at, &mut out.problems);
    Ok(out)
}

/// The hits with every other whole-word mention of a PHI identifier they found (a name, a handle, a town) added as
/// hits of the same rule: "Congratulations, Marisol!" after "Marisol rang our bell after radiation" names the same
/// patient, whether or not the second sentence has care words of its own. Rules that judge the whole post (`once`)
/// are left as they are. `text` is the text the rules read (hidden comments and front matter blanked), so a mention
/// in a suppression's reason or an unpublished field is not one. A capitalised value is mentioned only capitalised:
/// "Hope rang our bell" does not make "we hope" a name. Each value is searched once and overlaps are found by
/// bisection, so a long post that repeats a name stays fast.
fn second_mentions(rules: &[Rule], text: &str, mut hits: Vec<Hit>) -> Vec<Hit> {
    let identifier = |h: &&Hit| {
        let rule = &rules[h.rule];
        rule.category == "phi" && rule.redact && !rule.document.once && h.end - h.start >= 3
    };
    let found: Vec<&Hit> = hits.iter().filter(identifier).collect();
    if found.is_empty() {
        return hits;
    }
    // the first rule to find a value reports its other mentions
    let mut values: HashMap<String, (usize, bool)> = HashMap::new();
    for h in &found {
        let capital = text[h.start..].starts_with(char::is_uppercase);
        values.entry(text[h.start..h.end].to_ascii_lowercase()).or_insert((h.rule, capital));
    }
    // a place another identifier rule already reports keeps that finding (and its slots): the found places by start,
    // each with the furthest end so far
    let mut reported: Vec<(usize, usize)> = found.iter().map(|h| (h.start, h.end)).collect();
    reported.sort_unstable();
    let mut furthest = 0;
    for (_, end) in reported.iter_mut() {
        furthest = furthest.max(*end);
        *end = furthest;
    }
    let is_reported = |r: &Range<usize>| {
        let before = reported.partition_point(|&(start, _)| start < r.end);
        before > 0 && reported[before - 1].1 > r.start
    };
    let ranges: Vec<Range<usize>> = found.iter().map(|h| h.start..h.end).collect();
    let mut mentions: Vec<(Range<usize>, usize)> = locate::identifier_occurrences(text, ranges.iter().cloned())
        .skip(ranges.len())
        .filter(|r| !is_reported(r))
        .filter_map(|r| {
            let &(rule, capital) = values.get(&text[r.clone()].to_ascii_lowercase())?;
            (!capital || text[r.start..].starts_with(char::is_uppercase)).then_some((r, rule))
        })
        .collect();
    // one hit a place: the longest of the values that start there, and none inside another
    mentions.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut end = 0;
    for (r, rule) in mentions {
        if r.start >= end {
            end = r.end;
            hits.push(Hit { rule, start: r.start, end: r.end, fills: None });
        }
    }
    // in the engine's order, which grouping and the one-rule-a-span filter rely on
    hits.sort_by_key(|h| (h.start, h.rule));
    hits
}

/// `text` with every value found at `identifiers` (ranges of `file`) masked, if it holds one.
fn mask_values(text: &str, file: &str, identifiers: &[Range<usize>]) -> Option<String> {
    let mut masked = text.to_string();
    for value in identifiers.iter().filter_map(|r| file.get(r.clone())).filter(|v| !v.is_empty()) {
        if masked.contains(value) {
            masked = masked.replace(value, &redact::mask(value));
        }
    }
    (masked != text).then_some(masked)
}

/// A line of a post as a line of its file: a calendar row's lines start at the row's line.
fn location_line(at: Option<RowAt>, line: usize) -> usize {
    at.map_or(line, |a| a.line + line - 1)
}

/// What placing a post's hits in the file needs.
struct Places<'a> {
    rules: &'a [Rule],
    doc: &'a Document,
    file: &'a FileText<'a>,
    to_file: &'a dyn Fn(usize, usize) -> Range<usize>,
    masked: &'a [usize],
    post_extent: &'a PostExtent,
}

impl Places<'_> {
    /// The hits as findings, one a rule a paragraph with the others as its related places and its fix covering them
    /// all; each with the post offset of its first hit.
    fn group(&self, hits: Vec<Hit>) -> Vec<(Finding, usize)> {
        if hits.is_empty() {
            return Vec::new();
        }
        let Places { rules, doc, file, to_file, masked, post_extent } = *self;
        let paragraphs = Paragraphs::new(&doc.text);
        let mut findings: Vec<(Finding, usize)> = Vec::new();
        // (rule, paragraph) -> index of its finding
        let mut by_region: HashMap<(usize, usize), usize> = HashMap::new();
        // the edits of each finding's fix, to add each once without searching the list (a long post can give one
        // finding thousands of places)
        let mut edits_of: Vec<HashSet<Edit>> = Vec::new();
        for hit in hits {
            let range = to_file(hit.start, hit.end);
            let spec = rules[hit.rule].fix.as_ref();
            let edit = spec.and_then(|spec| fix::fix_edit(spec, doc, hit.start..hit.end, to_file));
            match by_region.entry((hit.rule, paragraphs.of(hit.start))) {
                Entry::Occupied(e) => {
                    let finding = &mut findings[*e.get()].0;
                    finding.related.push(locate::place_of(file, range, masked));
                    if let (Some(fix), Some(edit)) = (&mut finding.fix, edit) {
                        if edits_of[*e.get()].insert(edit.clone()) {
                            fix.edits.push(edit);
                        }
                    }
                }
                Entry::Vacant(e) => {
                    e.insert(findings.len());
                    edits_of.push(edit.iter().cloned().collect());
                    let mut finding = locate::locate(file, hit.rule, range, post_extent, masked);
                    finding.slots = slot_places(&rules[hit.rule], hit.fills.as_ref(), file, to_file, masked);
                    finding.note = hedge_note(&finding.slots);
                    finding.fix =
                        spec.zip(edit).map(|(spec, edit)| fix::finding_fix(spec, edit, post_extent.row.is_some()));
                    findings.push((finding, hit.start));
                }
            }
        }
        findings
    }
}

/// Each slot of a frame match with the place of its filler in the file, for the report to say why it matched.
fn slot_places(
    rule: &Rule,
    fills: Option<&Fills>,
    file: &FileText,
    to_file: &dyn Fn(usize, usize) -> Range<usize>,
    masked: &[usize],
) -> Vec<SlotFill> {
    let (Some(fills), Matcher::Frame(frame)) = (fills, &rule.matcher) else { return Vec::new() };
    let names = frame.slot_names(fills.structure);
    let place = |span: &Range<usize>| locate::place_of(file, to_file(span.start, span.end), masked);
    names.zip(&fills.spans).map(|(slot, span)| SlotFill { slot: slot.to_string(), place: place(span) }).collect()
}

/// The fillers of a frame hit's slots that a person can fill (a name, a handle, the person a reply addresses, a first
/// or last name): a person is an identifier whichever rule's slot found them, so a reply rule that names the
/// reviewer in its `matched:` slots shows the name masked, as a PHI rule's finding would.
fn person_slots<'h>(rule: &Rule, hit: &'h Hit) -> impl Iterator<Item = Range<usize>> + 'h {
    let structure = match (&rule.matcher, hit.fills.as_ref()) {
        (Matcher::Frame(frame), Some(fills)) => frame.structures.get(fills.structure),
        _ => None,
    };
    let person = |source: &Source| match source {
        Source::Shape(shape) => matches!(shape, Shape::Name | Shape::Handle | Shape::Vocative),
        Source::Lexicon { name, .. } => matches!(name.as_str(), "first_name" | "last_name"),
    };
    let slots: Vec<bool> =
        structure.map(|s| s.slots.iter().map(|slot| slot.sources.iter().any(person)).collect()).unwrap_or_default();
    let spans = hit.fills.iter().flat_map(|f| f.spans.iter().cloned());
    spans.zip(slots).filter_map(|(span, person)| person.then_some(span))
}

/// A claim whose frame filled a `hedge` slot says so in its message ("hedged claim: 'may help' + 'prevent' +
/// 'shingles'"): regulators cite the hedged wording all the same, so the hedge is named, never a reason to be silent.
fn hedge_note(slots: &[SlotFill]) -> Option<String> {
    let words = |s: &SlotFill| format!("'{}'", s.place.shown.as_deref().unwrap_or(&s.place.matched));
    let hedge = slots.iter().find(|s| s.slot == "hedge")?;
    let claim: Vec<String> =
        slots.iter().filter(|s| matches!(s.slot.as_str(), "claim" | "disease")).map(words).collect();
    Some(format!("hedged claim: {} + {}", words(hedge), claim.join(" + ")))
}

/// Two identifier rules of one category on the same words find one identifier: of two hits where one span holds the
/// other ("Sandra" in "Sandra Ruiz"), keep the wider one (the whole identifier), then the most severe rule's, then the
/// first rule's, so a name is not reported twice by two name rules. A combination rule (`min_distinct`) reports
/// something else (details that identify together) and is kept. Input and output in (start, rule) order.
fn one_rule_per_span(rules: &[Rule], hits: Vec<Hit>) -> Vec<Hit> {
    let identifier = |r: &Rule| r.redact && r.document.min_distinct.is_none();
    let holds = |a: &Hit, b: &Hit| a.start <= b.start && b.end <= a.end;
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    // the longest kept span: a kept hit that holds the new one starts at most this far before its end, and one the
    // new hit holds starts where it starts (kept stays in start order), so only that stretch of `kept` is searched
    // (a long post gives thousands of hits; searching all of them for each was quadratic)
    let mut longest = 0;
    debug_assert!(hits.is_sorted_by_key(|h| h.start));
    for hit in hits {
        let a = &rules[hit.rule];
        let from = hit.end.saturating_sub(longest).min(hit.start);
        let first = kept.partition_point(|k| k.start < from);
        let same = kept[first..].iter().position(|k| {
            let other = &rules[k.rule];
            (holds(k, &hit) || holds(&hit, k)) && other.category == a.category && identifier(other) && identifier(a)
        });
        match same.map(|i| first + i) {
            None => {
                longest = longest.max(hit.end - hit.start);
                kept.push(hit);
            }
            Some(i) => {
                let (old, new) = (kept[i].end - kept[i].start, hit.end - hit.start);
                if new > old || (new == old && a.severity > rules[kept[i].rule].severity) {
                    longest = longest.max(new);
                    kept[i] = hit;
                }
            }
        }
    }
    kept.sort_by_key(|h| (h.start, h.rule));
    kept
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
