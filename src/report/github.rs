//! `github` output: GitHub Actions workflow commands, which annotate the lines of a pull request.

use std::io::{self, Write};

use super::{Printer, Report, Totals};
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

/// Streams a workflow command per finding as files arrive; errors and warnings are workflow commands after them, and
/// a workflow log has no place for the `--fix` summary.
pub struct Github;

impl Printer for Github {
    fn needs_source_lines(&self) -> bool {
        false
    }

    fn reports_run_problems(&self) -> bool {
        true
    }

    fn file(&mut self, out: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
        write_file(out, report, file)
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _: &Report, run: &RunReport, _: &Totals) -> io::Result<()> {
        write_errors(out, run)
    }
}

fn write_file(out: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
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
fn write_errors(out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
    for e in &run.errors {
        writeln!(out, "::error file={}::{}", escape_property(&e.path), escape_data(&e.message))?;
    }
    for w in &run.warnings {
        writeln!(out, "::warning file={}::{}", escape_property(&w.path), escape_data(&w.message))?;
    }
    Ok(())
}
