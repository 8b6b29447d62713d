//! Reports: each output format is one module that consumes findings; none of them matches or reads files.
//!
//! Line formats (`human`, `concise`, `github`) are written file by file while the run goes on, so a run over a big
//! repository holds no more than a few files' findings. `json` and `sarif` put counts before the findings, so
//! they keep the findings until the run ends.

mod github;
mod human;
mod json;
pub mod redact;
mod sarif;
mod spool;

use std::io::{self, Write};

use crate::finding::{FileReport, RunReport};
use crate::finding::{Finding, Related, Severity};
use crate::rules::Rule;

/// Output formats of `carelint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

/// What every format needs besides the findings: the rules they refer to, and whether matches may be shown.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    pub rules: &'a [Rule],
    pub show_matches: bool,
}

impl Report<'_> {
    /// The matched text as reports may show it: every character of an identifier in it masked.
    pub fn excerpt(&self, finding: &Finding) -> String {
        finding.excerpt(self.show_matches).to_string()
    }

    /// The text of a related span as reports may show it.
    pub fn related_excerpt(&self, related: &Related) -> String {
        related.excerpt(self.show_matches).to_string()
    }

    /// The rules that can report findings (the mask-only rules come after them and report nothing).
    pub fn reported_rules(&self) -> &[Rule] {
        crate::policy::reported(self.rules)
    }
}

/// Counts over every finding of a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Totals {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub files_with_findings: usize,
}

impl Totals {
    fn add(&mut self, rules: &[Rule], file: &FileReport) {
        if !file.findings.is_empty() {
            self.files_with_findings += 1;
        }
        for f in &file.findings {
            match rules[f.rule].severity {
                Severity::Error => self.error += 1,
                Severity::Warning => self.warning += 1,
                Severity::Info => self.info += 1,
            }
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    pub fn findings(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// A report being written: files arrive in report order (path, then start, then rule id).
pub struct Output<'a, W: Write> {
    format: Format,
    report: Report<'a>,
    out: W,
    totals: Totals,
    /// The findings serialised so far, for the formats that write them after counts known only at the end.
    spool: spool::ArraySpool,
    /// The first write error: later files are not written, and `finish` returns it.
    failed: Option<io::Error>,
}

impl<'a, W: Write> Output<'a, W> {
    pub fn new(format: Format, report: Report<'a>, out: W) -> Output<'a, W> {
        let indent = if format == Format::Sarif { sarif::RESULTS_INDENT } else { json::FINDINGS_INDENT };
        Output { format, report, out, totals: Totals::default(), spool: spool::ArraySpool::new(indent), failed: None }
    }

    /// The findings of one file, sorted; a file without findings writes nothing.
    pub fn file(&mut self, file: FileReport) {
        self.totals.add(self.report.rules, &file);
        if self.failed.is_some() || file.findings.is_empty() {
            return;
        }
        let written = match self.format {
            Format::Human => human::write_file(&mut self.out, &self.report, &file, false),
            Format::Concise => human::write_file(&mut self.out, &self.report, &file, true),
            Format::Github => github::write_file(&mut self.out, &self.report, &file),
            Format::Json => json::add_file(&mut self.spool, &self.report, &file),
            Format::Sarif => sarif::add_file(&mut self.spool, &self.report, &file),
        };
        if let Err(e) = written {
            self.failed = Some(e);
        }
    }

    /// Writes what has been buffered so far (before messages on stderr that refer to it).
    pub fn flush(&mut self) {
        if let (None, Err(e)) = (&self.failed, self.out.flush()) {
            self.failed = Some(e);
        }
    }

    /// Ends the report: the summary, or the whole document for `json` and `sarif`. A reader that went away (`| head`)
    /// is not an error: the counts still decide the exit code.
    pub fn finish(mut self, run: &RunReport) -> io::Result<Totals> {
        let written = match self.failed.take() {
            Some(e) => Err(e),
            None => self.write_end(run),
        };
        match written {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
            _ => Ok(self.totals),
        }
    }

    fn write_end(&mut self, run: &RunReport) -> io::Result<()> {
        let (report, totals, out) = (&self.report, &self.totals, &mut self.out);
        let spool = std::mem::replace(&mut self.spool, spool::ArraySpool::new(0));
        match self.format {
            Format::Human => human::write_summary(out, run, totals, false)?,
            Format::Concise => human::write_summary(out, run, totals, true)?,
            Format::Github => github::write_errors(out, run)?,
            Format::Json => json::write(out, spool, run, totals)?,
            Format::Sarif => sarif::write(out, report, spool, run)?,
        }
        self.out.flush()
    }
}
