//! What keeps a hit from being reported: the configuration's per-path overrides, worked out once per file as the
//! set of rules that report in it, and a post's own suppressions (a front-matter allow list, and
//! `carelint-disable-next-line` / region comments), checked per hit. All of them pick rules as
//! `policy::RuleSelection` does, old ids (aliases) included.

use super::post::{location, shown, RowAt, NOT_SHOWN};
use super::Problems;
use crate::config::PathOverride;
use crate::engine::Engine;
use crate::input::document::{Directive, Document};
use crate::policy::RuleSelection;
use crate::rules::Rule;
use crate::text::lines::LineIndex;

/// Which of the engine's rules report findings in one file: not the mask-only ones (they run only to mask
/// identifiers), and only those that every override matching the file's path leaves selected.
pub(super) struct ReportedRules {
    /// By rule index.
    reports: Vec<bool>,
}

impl ReportedRules {
    /// The rules reported in a file that `overrides` (those matching its path) apply to.
    pub fn for_path(rules: &[Rule], overrides: &[&PathOverride]) -> ReportedRules {
        let reports = rules
            .iter()
            .map(|rule| !rule.mask_only && overrides.iter().all(|o| override_selection(o).selects(rule)))
            .collect();
        ReportedRules { reports }
    }

    /// Whether the rule at `index` of the engine's rules reports in this file.
    pub fn reports(&self, index: usize) -> bool {
        self.reports[index]
    }
}

/// The rules an override leaves reported in its files: those its `select` names (all when it names none), less
/// those its `ignore` names.
fn override_selection(o: &PathOverride) -> RuleSelection<'_> {
    RuleSelection { ignore: &o.ignore, ..RuleSelection::named_or_all(&o.select) }
}

/// Warning codes of the suppression audit, as ruff's `RUF100` (unused-noqa): a suppression that silenced nothing, and
/// one that gives no reason. They are documented in docs/CONTRACT.md.
pub(super) const UNUSED_SUPPRESSION: &str = "CL100 unused-suppression";
pub(super) const SUPPRESSION_WITHOUT_REASON: &str = "CL101 suppression-without-reason";

/// Where a suppression applies in its post.
enum Scope {
    /// The whole post (the front matter's allow list).
    Post,
    /// One line of the post (1-based).
    Line(usize),
    /// A byte range of the post.
    Region(std::ops::Range<usize>),
}

/// One suppression of a post: what it names, where it applies, where it is written and why.
struct Entry<'d> {
    by: &'static str,
    line: usize,
    rules: &'d [String],
    reason: Option<&'d str>,
    scope: Scope,
    /// Whether it silenced a finding of this run.
    used: bool,
}

/// A post's suppressions (none when the run ignores inline suppressions), and which of them silenced something.
pub(super) struct Suppressions<'d> {
    entries: Vec<Entry<'d>>,
}

/// What silenced a hit: the suppression's kind, line and reason.
pub(super) struct Silenced {
    pub by: &'static str,
    pub line: usize,
    pub reason: Option<String>,
}

impl<'d> Suppressions<'d> {
    /// The suppressions `doc` declares, or none with `enabled` false (`--no-inline-suppressions`).
    pub fn of(doc: &'d Document, enabled: bool) -> Suppressions<'d> {
        let mut entries = Vec::new();
        if !enabled {
            return Suppressions { entries };
        }
        if !doc.allowed.is_empty() {
            let reason = doc.fields.get("carelint").and_then(|c| c.get("reason")).and_then(|r| r.as_str());
            entries.push(Entry {
                by: "carelint.allow",
                line: doc.field_line("carelint").unwrap_or(1),
                rules: &doc.allowed,
                reason: reason.map(str::trim).filter(|r| !r.is_empty()),
                scope: Scope::Post,
                used: false,
            });
        }
        for directive in &doc.directives {
            let (by, rules, at, reason, scope) = match directive {
                Directive::DisableNextLine { line, rules, at, reason } => {
                    ("carelint-disable-next-line", rules, at, reason, Scope::Line(*line))
                }
                Directive::DisableRegion { start, end, rules, at, reason } => {
                    ("carelint-disable", rules, at, reason, Scope::Region(*start..*end))
                }
            };
            entries.push(Entry { by, line: *at, rules, reason: reason.as_deref(), scope, used: false });
        }
        Suppressions { entries }
    }

    /// Whether the post has a suppression that applies by line (then the post's lines are needed).
    pub fn needs_lines(&self) -> bool {
        self.entries.iter().any(|e| matches!(e.scope, Scope::Line(_)))
    }

    /// The first suppression that silences `rule` at the post's byte `start`, marked as used. `lines` indexes the
    /// post's text (needed only with a next-line directive).
    pub fn silence(
        &mut self,
        doc: &Document,
        rule: &Rule,
        start: usize,
        lines: Option<&LineIndex>,
    ) -> Option<Silenced> {
        let entry = self.entries.iter_mut().find(|e| {
            let here = match &e.scope {
                Scope::Post => true,
                Scope::Line(line) => lines.is_some_and(|l| l.position(&doc.text, start).line == *line),
                Scope::Region(range) => range.contains(&start),
            };
            // the front matter's list names rules; an empty directive silences every rule
            let selection = match e.scope {
                Scope::Post => RuleSelection::only(e.rules),
                _ => RuleSelection::named_or_all(e.rules),
            };
            here && selection.selects(rule)
        })?;
        entry.used = true;
        Some(Silenced { by: entry.by, line: entry.line, reason: entry.reason.map(str::to_string) })
    }

    /// A warning for each suppression that gives no reason, and for each that silenced nothing although a rule it
    /// names reports in this file (a suppression whose rules this run does not report cannot be judged).
    pub fn audit(&self, rules: &[Rule], reported: &ReportedRules, row: Option<RowAt>, problems: &mut Problems) {
        for e in &self.entries {
            let named = names(e.rules);
            if e.reason.is_none() {
                let how = if e.by == "carelint.allow" { "as `reason:` beside `allow`" } else { "after `--`" };
                problems.warnings.push(format!(
                    "{}: [{SUPPRESSION_WITHOUT_REASON}] {} {named} gives no reason; write one {how}",
                    location(row, e.line),
                    e.by,
                ));
            }
            let selection = match e.scope {
                Scope::Post => RuleSelection::only(e.rules),
                _ => RuleSelection::named_or_all(e.rules),
            };
            let judged = rules.iter().enumerate().any(|(i, rule)| reported.reports(i) && selection.selects(rule));
            if judged && !e.used {
                problems.warnings.push(format!(
                    "{}: [{UNUSED_SUPPRESSION}] {} {named} suppresses nothing here: remove it",
                    location(row, e.line),
                    e.by
                ));
            }
        }
    }
}

/// The selectors a suppression names, as a message may show them (a post can hold anything in a comment).
fn names(selectors: &[String]) -> String {
    if selectors.is_empty() {
        return "(every rule)".to_string();
    }
    let shown: Vec<String> = selectors.iter().map(|s| shown(s).unwrap_or_else(|| NOT_SHOWN.to_string())).collect();
    shown.join(", ")
}

/// A suppression that names no rule suppresses nothing (a typo, or a rule since renamed): a warning each. One that
/// names an old id (an alias) works, with a note of the rules it now stands for (the run keeps the first note of
/// each old id).
pub(super) fn check_suppressions(engine: &Engine, doc: &Document, row: Option<RowAt>, problems: &mut Problems) {
    let vocabulary = engine.vocabulary();
    for named in &doc.named_rules {
        if let Some(note) = vocabulary.renames().note(&named.selector) {
            problems.warnings.push(format!("{}: {note}", location(row, named.line)));
        } else if !vocabulary.knows_selector(&named.selector) {
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
