//! `github` output: GitHub Actions workflow commands, which annotate the lines of a pull request.

use std::io::{self, Write};

use super::Report;
use crate::finding::Severity;
use crate::finding::{FileReport, RunReport};

/// Workflow-command data escaping (message part).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Workflow-command property escaping (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write_file(out: &mut impl Write, report: &Report, file: &FileReport) -> io::Result<()> {
    for f in &file.findings {
        let rule = &report.rules[f.rule];
        let command = match rule.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&file.path),
            f.begin_pos.line,
            f.begin_pos.column,
            f.end_pos.line,
            f.end_pos.column,
            escape_property(&format!("{} ({})", rule.id, rule.name)),
            escape_data(&rule.message)
        )?;
    }
    Ok(())
}

/// Files that could not be checked, then warnings (a suppression that names no rule), after the findings.
pub fn write_errors(out: &mut impl Write, run: &RunReport) -> io::Result<()> {
    for e in &run.errors {
        writeln!(out, "::error file={}::{}", escape_property(&e.path), escape_data(&e.message))?;
    }
    for w in &run.warnings {
        writeln!(out, "::warning file={}::{}", escape_property(&w.path), escape_data(&w.message))?;
    }
    Ok(())
}
