//! `gitlab` output: GitLab Code Quality, a JSON array of issues with `description`, `check_name`, `fingerprint`,
//! `severity` and `location` (`path`, `lines.begin`), as the merge-request widget reads it. The fingerprint tells
//! issues apart across runs; it is a SHA-256 of the rule, the path, the *masked* matched text and its occurrence in
//! the file, so it moves with neither the line nor edits elsewhere, and it cannot be reversed to an identifier (a
//! plain hash of a nine-digit number could be, by trying them all). Only masked text is written, even with
//! `--show-matches`: CI keeps these files.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::spool::{ArraySpool, PLACEHOLDER};
use super::{Printer, Report, Totals};
use crate::finding::{FileReport, Finding, RunReport, Severity};

/// Buffers the issues in a spool (the array is written whole at the end); errors and warnings go to stderr.
pub struct Gitlab {
    issues: ArraySpool,
}

impl Gitlab {
    /// A report with no issue yet.
    pub fn new() -> Gitlab {
        Gitlab { issues: ArraySpool::new(2) }
    }
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// GitLab's severities are `info`, `minor`, `major`, `critical` and `blocker`: a finding that must block a post is
/// critical, a warning major, an info finding info.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

impl Printer for Gitlab {
    fn reports_run_problems(&self) -> bool {
        false
    }

    fn file(&mut self, _: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
        // how often each (rule, masked text) was seen in this file so far: the occurrence in the fingerprint
        let mut seen: HashMap<(usize, &str), usize> = HashMap::new();
        for f in &file.findings {
            let rule = &report.rules[f.rule];
            let masked = f.excerpt(false);
            let occurrence = seen.entry((f.rule, masked)).or_default();
            *occurrence += 1;
            self.issues.push(&Issue {
                description: format!("{}: {}", rule.id, f.message(&rule.message)),
                check_name: &rule.id,
                fingerprint: fingerprint(&rule.id, &file.path, f, *occurrence),
                severity: severity(f.severity_or(rule.severity)),
                location: Location { path: &file.path, lines: Lines { begin: f.begin_pos.line, end: f.end_pos.line } },
            })?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _: &Report, _: &RunReport, _: &Totals) -> io::Result<()> {
        self.issues.write_into(out, &PLACEHOLDER)
    }
}

/// The SHA-256, in hex, of the rule, the path, the masked matched text and its occurrence in the file, each
/// followed by a NUL byte (which none of them contains) so that no two inputs run together.
fn fingerprint(rule: &str, path: &str, finding: &Finding, occurrence: usize) -> String {
    let mut hash = Sha256::new();
    for part in ["carelint-code-quality-1", rule, path, finding.excerpt(false), &occurrence.to_string()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::finding::RunReport;
    use crate::report::testing::{self, TICKET};
    use crate::report::Format;

    #[test]
    fn issues_have_the_code_quality_fields_and_no_identifier() {
        let run = RunReport { files_scanned: 3, ..RunReport::default() };
        let out = testing::write(Format::Gitlab, true, testing::sample_files(), &run).out;
        let issues: Vec<Value> = serde_json::from_str(&out).expect("one JSON array");
        assert_eq!(issues.len(), 3);
        assert_eq!(issues[0]["check_name"], "TST001");
        assert_eq!(issues[0]["severity"], "critical");
        assert_eq!(issues[0]["location"]["lines"]["begin"], 3);
        assert_eq!(issues[0]["fingerprint"].as_str().unwrap().len(), 64);
        assert!(!out.contains(TICKET), "{out}");
    }

    #[test]
    fn an_empty_run_is_an_empty_array() {
        let out = testing::write(Format::Gitlab, false, Vec::new(), &RunReport::default()).out;
        assert_eq!(out, "[]\n");
    }
}
