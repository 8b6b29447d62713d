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
        let command = match f.severity_or(rule.severity) {
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
            escape_data(&f.message(&rule.message))
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

#[cfg(test)]
mod tests {
    use crate::finding::{FixedFile, RunReport};
    use crate::report::testing::{self, TICKET, TICKET_MASKED};
    use crate::report::Format;

    #[test]
    fn a_workflow_command_per_finding_with_escaped_properties_and_no_matched_text() {
        let run = RunReport { files_scanned: 3, ..RunReport::default() };
        let written = testing::write(Format::Github, true, testing::sample_files(), &run);
        let lines: Vec<&str> = written.out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=posts/a.md,line=3,col=12,endLine=3,endColumn=21,title=TST001 (ticket-number)::Ticket \
                 number in a post",
                "::warning file=posts/a.md,line=4,col=10,endLine=4,endColumn=21,title=TST002 (wonder-pill)::\
                 Wonder-pill language",
                "::notice file=posts/my b%2C1.md,line=2,col=1,endLine=2,endColumn=4,title=TST003 (exclamation)::An \
                 exclamation, with a comma: and a colon",
            ]
        );
        assert!(!written.out.contains(TICKET) && !written.out.contains(TICKET_MASKED));
    }

    #[test]
    fn errors_and_warnings_follow_the_findings_on_stdout_and_stderr_stays_empty() {
        let fixed = vec![FixedFile { path: "posts/a.md".to_string(), edits: 2 }];
        let written =
            testing::write(Format::Github, false, testing::sample_files(), &testing::run_with_problems(Some(fixed)));
        let tail: Vec<&str> = written.out.lines().skip(3).collect();
        assert_eq!(
            tail,
            [
                "::error file=missing.md::no such file or directory",
                "::warning file=posts/typo.md::line 1: carelint-disable names `XYZ`, which is no rule id",
            ]
        );
        assert_eq!(written.err, "");
    }
}
