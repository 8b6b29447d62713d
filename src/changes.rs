//! `--changed-since REV`: only the findings on lines added or changed since a revision. A post's findings are local
//! to its lines, so this is sound for most rules; a rule that judges the whole post (a disclosure the post lacks, a
//! combination of details, a length limit, a rule only for some kinds or platforms) is reported when any line of
//! its post changed, since the change may be what made it apply.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context as _};

use crate::finding::{FileReport, Finding};
use crate::git::{LineChanges, Repo};
use crate::input::{Input, Source};
use crate::rules::{DocumentCondition, Matcher, Rule};

/// The changed lines of every input of a run, by the name reports use for it.
#[derive(Debug, Default)]
pub struct ChangedSince {
    by_path: HashMap<String, LineChanges>,
}

impl ChangedSince {
    /// What changed in each input since `rev`: a file `rev` did not have is new in every line, a file git sees no
    /// change in has none. Stdin and files outside the repository cannot be compared and are errors.
    pub fn new(repo: &Repo, rev: &str, inputs: &[Input]) -> anyhow::Result<ChangedSince> {
        repo.verify(rev)?;
        let top = std::fs::canonicalize(&repo.top).context("cannot find the repository's top directory")?;
        let at_rev = repo.files_at(rev)?;
        let changed = repo.changed_files(rev)?;
        let mut by_path = HashMap::new();
        for input in inputs {
            let checked = match &input.source {
                Source::File(path) => path,
                _ => bail!("--changed-since compares files with a revision and cannot check stdin"),
            };
            let path = repo_path(&top, checked)
                .with_context(|| format!("{}: not in the git repository at {}", input.display, top.display()))?;
            let changes = if !at_rev.contains(&path) {
                LineChanges::all()
            } else if changed.contains(&path) {
                repo.changed_lines(rev, &path)?
            } else {
                LineChanges::default()
            };
            by_path.insert(input.display.clone(), changes);
        }
        Ok(ChangedSince { by_path })
    }

    /// Keeps the findings of a file that touch a changed line (or whose post changed, for a rule that judges the
    /// whole post); returns how many were left out.
    pub fn keep_changed(&self, rules: &[Rule], file: &mut FileReport) -> usize {
        let Some(changes) = self.by_path.get(&file.path) else { return 0 };
        let before = file.findings.len();
        file.findings.retain(|f| touches(changes, &rules[f.rule], f));
        before - file.findings.len()
    }
}

/// The path of a file from the top of the repository, with `/`.
fn repo_path(top: &Path, file: &Path) -> Option<String> {
    let absolute = std::fs::canonicalize(file).ok()?;
    Some(absolute.strip_prefix(top).ok()?.to_string_lossy().replace('\\', "/"))
}

/// Whether a finding is about a changed line: its span or one of its related places is on one, or, for a rule that
/// judges the whole post, anything in its post changed.
fn touches(changes: &LineChanges, rule: &Rule, finding: &Finding) -> bool {
    if judges_whole_post(rule) {
        let (first, last) = finding.post_lines;
        return changes.changes_within(first, last);
    }
    let span = |begin: crate::finding::Position, end: crate::finding::Position| {
        // a span that ends at a line break ends on the line before
        let last = if end.column == 1 && end.line > begin.line { end.line - 1 } else { end.line };
        changes.touches(begin.line, last)
    };
    span(finding.begin_pos, finding.end_pos) || finding.related.iter().any(|r| span(r.begin_pos, r.end_pos))
}

/// Whether what a rule finds depends on more than its own span: a length limit, or any post condition.
pub fn judges_whole_post(rule: &Rule) -> bool {
    matches!(rule.matcher, Matcher::Limit(_)) || has_post_condition(&rule.document)
}

fn has_post_condition(d: &DocumentCondition) -> bool {
    let lists = [&d.kinds, &d.unless_kinds, &d.platforms, &d.fields, &d.unless_fields, &d.any, &d.unless_any];
    let frame = d.unless_frame.is_some();
    lists.iter().any(|l| !l.is_empty()) || d.unless_within.is_some() || frame || d.min_distinct.is_some() || d.once
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Position;

    fn rules() -> Vec<Rule> {
        let mut set = crate::rules::Ruleset::default();
        let text = "[[rules]]\nid = \"TST001\"\nname = \"t\"\ncategory = \"misinformation\"\nseverity = \"error\"\n\
                    message = \"m\"\nphrases = [\"miracle\"]\n\n\
                    [[rules]]\nid = \"TST002\"\nname = \"u\"\ncategory = \"testimonial\"\nseverity = \"error\"\n\
                    message = \"m\"\nphrases = [\"paid\"]\ndocument = { unless_any = [\"#ad\"] }\n";
        set.add_file("t.toml", text).unwrap();
        set.resolve().unwrap().rules
    }

    fn finding(rule: usize, line: usize, post_lines: (usize, usize)) -> Finding {
        Finding {
            end: 1,
            begin_pos: Position { line, column: 3 },
            end_pos: Position { line: line + 1, column: 1 },
            post_lines,
            ..Finding::bare(rule, line, "")
        }
    }

    #[test]
    fn a_span_finding_needs_a_changed_line_and_a_post_finding_a_changed_post() {
        let rules = rules();
        assert!(!judges_whole_post(&rules[0]) && judges_whole_post(&rules[1]));
        let changes = LineChanges { added: vec![(4, 4)], deleted_after: Vec::new() };
        let since = ChangedSince { by_path: HashMap::from([("p.md".to_string(), changes)]) };
        let mut file = FileReport {
            path: "p.md".into(),
            findings: vec![finding(0, 3, (1, 9)), finding(0, 4, (1, 9)), finding(1, 1, (1, 9)), finding(1, 1, (1, 2))],
            suppressed: Vec::new(),
        };
        assert_eq!(since.keep_changed(&rules, &mut file), 2);
        let kept: Vec<(usize, usize)> = file.findings.iter().map(|f| (f.rule, f.begin_pos.line)).collect();
        assert_eq!(kept, [(0, 4), (1, 1)]);
    }
}
