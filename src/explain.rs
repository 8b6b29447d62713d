//! `carelint rules` and `carelint explain`: the rules' own documentation, rendered from the ruleset data.

use std::fmt::Write as _;

use serde::Serialize;

use crate::finding::Severity;
use crate::matching::lexicon::{Lexicon, Lookup};
use crate::rules::{Rule, Ruleset};

#[derive(Serialize)]
struct RuleSummary<'a> {
    id: &'a str,
    /// Old ids of the rule; left out when it has none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    name: &'a str,
    category: &'a str,
    severity: Severity,
    summary: &'a str,
    message: &'a str,
    fix: Option<&'a str>,
    references: &'a [String],
}

pub fn rules_json(rules: &[Rule]) -> String {
    let list: Vec<RuleSummary> = rules
        .iter()
        .map(|r| RuleSummary {
            id: &r.id,
            aliases: &r.aliases.ids,
            name: &r.name,
            category: &r.category,
            severity: r.severity,
            summary: &r.summary,
            message: &r.message,
            fix: r.fix.as_ref().map(|f| f.description.as_str()),
            references: &r.references,
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
    s.push('\n');
    s
}

/// The matchers of the rules as ripgrep patterns, one a line: each phrase as a case-insensitive literal between
/// ASCII word boundaries, each pattern as carelint compiles it (normalised, ASCII `\b`; ripgrep runs it in Unicode
/// mode). Rules that are limits have no pattern.
pub fn export_patterns(rules: &[Rule]) -> String {
    let mut out = String::new();
    for rule in rules {
        rule.matcher.export(&mut out);
    }
    out
}

#[derive(Serialize)]
struct LexiconSummary<'a> {
    name: &'a str,
    category: &'a str,
    inflect: &'static str,
    lookup: Lookup,
    /// Entries as written, and forms once inflected.
    words: usize,
    forms: usize,
    /// Its forms are also found inside hashtags (`hashtags = true`) and one typo away (`fuzzy = true`).
    hashtags: bool,
    fuzzy: bool,
    /// The rules whose frames read it: in a slot, or for a condition or shape (`negation`, `greeting`).
    used_by: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

fn lexicon_summaries(set: &Ruleset) -> Vec<LexiconSummary<'_>> {
    set.lexicons
        .iter()
        .enumerate()
        .map(|(i, (name, lexicon)): (usize, (&String, &Lexicon))| LexiconSummary {
            name,
            category: &lexicon.category,
            inflect: lexicon.inflection.name(),
            lookup: lexicon.lookup,
            words: lexicon.entries().len(),
            forms: lexicon.forms.len(),
            hashtags: lexicon.hashtags,
            fuzzy: lexicon.fuzzy,
            used_by: set
                .rules
                .iter()
                .filter(|r| r.matcher.lexicons().contains(&(i as u32)))
                .map(|r| r.id.as_str())
                .collect(),
            description: lexicon.description.as_deref(),
        })
        .collect()
}

/// `rules --lexicons --format json`.
pub fn lexicons_json(set: &Ruleset) -> String {
    let mut s = serde_json::to_string_pretty(&lexicon_summaries(set)).unwrap_or_default();
    s.push('\n');
    s
}

/// `rules --lexicons`: one line a lexicon.
pub fn lexicons_table(set: &Ruleset) -> String {
    let list = lexicon_summaries(set);
    let name_w = list.iter().map(|l| l.name.len()).max().unwrap_or(4).max(4);
    let cat_w = list.iter().map(|l| l.category.len()).max().unwrap_or(8).max(8);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:name_w$}  {:cat_w$}  {:7}  {:>5}  {:>5}  {:10}  USED BY",
        "NAME", "CATEGORY", "INFLECT", "WORDS", "FORMS", "ALSO"
    );
    for l in &list {
        let used = if l.used_by.is_empty() { "-".to_string() } else { l.used_by.join(", ") };
        let also = match (l.hashtags, l.fuzzy) {
            (true, true) => "tags,typos",
            (true, false) => "tags",
            (false, true) => "typos",
            (false, false) => "-",
        };
        let _ = writeln!(
            out,
            "{:name_w$}  {:cat_w$}  {:7}  {:>5}  {:>5}  {also:10}  {used}",
            l.name, l.category, l.inflect, l.words, l.forms
        );
    }
    let _ = writeln!(out, "\n{} lexicons. Frames name them in their slots; see docs/rules.md.", list.len());
    out
}

pub fn rules_table(rules: &[Rule]) -> String {
    let id_w = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let name_w = rules.iter().map(|r| r.name.len()).max().unwrap_or(4).max(4);
    let cat_w = rules.iter().map(|r| r.category.len()).max().unwrap_or(8).max(8);
    let mut out = String::new();
    let _ = writeln!(out, "{:id_w$}  {:name_w$}  {:cat_w$}  {:8}  SUMMARY", "ID", "NAME", "CATEGORY", "SEVERITY");
    for r in rules {
        let _ = writeln!(
            out,
            "{:id_w$}  {:name_w$}  {:cat_w$}  {:8}  {}",
            r.id,
            r.name,
            r.category,
            r.severity.as_str(),
            r.summary
        );
    }
    let _ = writeln!(out, "\n{} rules. `carelint explain ID` tells more about one.", rules.len());
    out
}

/// Everything `carelint explain ID` says about a rule; `set` is the ruleset it came from, whose lexicons a frame
/// rule's slots name.
pub fn explain(rule: &Rule, set: &Ruleset) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({}, {})\n", rule.id, rule.name, rule.category, rule.severity.as_str());
    if !rule.aliases.ids.is_empty() {
        let _ = writeln!(out, "Also known as {}.\n", rule.aliases.ids.join(", "));
    }
    let _ = writeln!(out, "{}\n", rule.message);
    if let Some(d) = &rule.description {
        let _ = writeln!(out, "## What it checks\n{}\n", d.trim());
    }
    let _ = writeln!(out, "## How it matches\n{}\n", matcher_text(rule));
    let lexicons = lexicon_lines(rule, set);
    if !lexicons.is_empty() {
        let _ = writeln!(out, "## Lexicons\n{}\n", lexicons.join("\n"));
    }
    if let Some(w) = &rule.why {
        let _ = writeln!(out, "## Why it matters\n{}\n", w.trim());
    }
    if !rule.examples.flag.is_empty() || !rule.examples.pass.is_empty() {
        let _ = writeln!(out, "## Examples");
        for e in &rule.examples.flag {
            let _ = writeln!(out, "  flagged:     {}", one_line(e));
        }
        for e in &rule.examples.pass {
            let _ = writeln!(out, "  not flagged: {}", one_line(e));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Fix");
    match (&rule.fix, &rule.no_fix) {
        (Some(fix), _) => {
            let kind = match fix.applicability {
                crate::finding::Applicability::Safe => "safe: applied by --fix",
                crate::finding::Applicability::Unsafe => "unsafe: applied only with --unsafe-fixes",
            };
            let _ = writeln!(out, "{} ({kind})\n", fix.description);
        }
        (None, Some(reason)) => {
            let _ = writeln!(out, "No automatic fix: {}\n", reason.trim());
        }
        (None, None) => {
            let _ = writeln!(out, "No automatic fix.\n");
        }
    }
    if !rule.references.is_empty() {
        let _ = writeln!(out, "## References");
        for r in &rule.references {
            let _ = writeln!(out, "- {r}");
        }
        out.push('\n');
    }
    let provenance: Vec<String> = [("source", &rule.source), ("as of", &rule.as_of), ("notes", &rule.notes)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {}", v.trim())))
        .collect();
    if !provenance.is_empty() {
        let _ = writeln!(out, "## Data\n{}\n", provenance.join("\n"));
    }
    let _ = writeln!(out, "Defined in {}:{}", rule.origin.file, rule.origin.line);
    out
}

/// How many entries of a lexicon `explain` shows: enough to see what kind of words fill the slot.
const EXAMPLE_WORDS: usize = 4;

/// One line for each lexicon the rule reads (its slots' first, then its polarity cues): name, category, size and
/// a few entries, so a reader sees an example of what fills each part of a frame.
fn lexicon_lines(rule: &Rule, set: &Ruleset) -> Vec<String> {
    let mut ids: Vec<u32> = Vec::new();
    for id in rule.matcher.lexicons() {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let all: Vec<(&String, &Lexicon)> = set.lexicons.iter().collect();
    ids.iter()
        .filter_map(|&id| all.get(id as usize))
        .map(|(name, lexicon)| {
            let shown: Vec<&str> = lexicon.entries().iter().take(EXAMPLE_WORDS).map(String::as_str).collect();
            let more = lexicon.entries().len().saturating_sub(shown.len());
            let more = if more > 0 { format!(", … ({more} more)") } else { String::new() };
            format!("- {name} ({}, {} entries): {}{more}", lexicon.category, lexicon.entries().len(), shown.join(", "))
        })
        .collect()
}

fn matcher_text(rule: &Rule) -> String {
    let mut s = rule.matcher.explain();
    rule.context.explain(&mut s);
    rule.document.explain(&mut s);
    s
}

fn one_line(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 110 {
        format!("{}…", flat.chars().take(109).collect::<String>())
    } else {
        flat
    }
}
