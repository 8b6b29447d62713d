//! What keeps a hit from being reported: the configuration's per-path overrides, worked out once per file as the
//! set of rules that report in it, and a post's own suppressions (a front-matter allow list, and
//! `carelint-disable-next-line` / region comments), checked per hit. All of them pick rules as
//! `policy::RuleSelection` does, old ids (aliases) included.

use super::post::{location, shown, RowAt, NOT_SHOWN};
use super::Problems;
use crate::config::PathOverride;
use crate::engine::{Engine, Hit};
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

/// Whether a front-matter allow or an HTML-comment directive silences this hit. `lines` indexes the post's text
/// (needed only when it has a next-line directive).
pub(super) fn suppressed(doc: &Document, rule: &Rule, hit: &Hit, lines: Option<&LineIndex>) -> bool {
    RuleSelection::only(&doc.allowed).selects(rule)
        || doc.directives.iter().any(|d| match d {
            Directive::DisableNextLine { line, rules } => {
                lines.is_some_and(|l| l.position(&doc.text, hit.start).line == *line)
                    && RuleSelection::named_or_all(rules).selects(rule)
            }
            Directive::DisableRegion { start, end, rules } => {
                hit.start >= *start && hit.start < *end && RuleSelection::named_or_all(rules).selects(rule)
            }
        })
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
