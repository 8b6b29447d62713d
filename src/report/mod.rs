//! Reports: each output format is one module that consumes findings; none of them matches or reads files.
//!
//! A format is a `Printer` that says what it needs from the run (source lines or not) and where the run's errors,
//! warnings and `--fix` summary go (into its own output, or to stderr). Line formats (`human`, `concise`, `github`)
//! are written file by file while the run goes on, so a run over a big repository holds no more than a few files'
//! findings. `json` and `sarif` put counts before the findings, so they keep the findings until the run ends.
//!
//! Adding a format: its module with a `Printer`, a variant of `Format`, and its line in `Format::printer`.

mod audit;
mod console;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod spool;
#[cfg(test)]
mod testing;

use std::io::{self, Write};

pub use audit::{ruleset_digest, Audit};
pub use console::{write_problems, ERROR_STYLE};
pub use human::summary_line;

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
    /// JUnit XML, for CI test-report views: a test case per file, a failure per finding.
    Junit,
    /// GitLab Code Quality (a JSON array of issues), for merge-request widgets.
    Gitlab,
}

/// Which fixes a run applied (or, with `--diff`, would apply): what the hint at the end of a report for people
/// still offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixesApplied {
    /// None: every fix is still available.
    #[default]
    None,
    /// The safe ones (`--fix`, `--diff`).
    Safe,
    /// Safe and unsafe (`--unsafe-fixes`).
    All,
}

/// What every format needs besides the findings: the rules they refer to, whether matches may be shown, and what
/// the run asked for beyond the findings.
#[derive(Clone, Copy, Default)]
pub struct Report<'a> {
    pub rules: &'a [Rule],
    pub show_matches: bool,
    /// Which fixes the run applied, for the hint about the others.
    pub fixes_applied: FixesApplied,
    /// Counts per rule instead of the findings (`--statistics`).
    pub statistics: bool,
    /// The policy that judged the posts (`json` and `sarif` carry it).
    pub audit: Option<&'a Audit>,
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

/// Counts over the findings a report shows, and the ones `--min-severity` leaves out.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub files_with_findings: usize,
    /// Findings below `--min-severity`, not shown, by severity (info, warning, error).
    pub hidden: [usize; 3],
    /// Shown findings whose fix `--fix` applies, and those whose fix only `--unsafe-fixes` applies.
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
    /// Shown findings per rule (by index in the report's rules) and severity: a consent registry can raise or lower
    /// the severity of some findings of a rule, so one rule may count under two severities.
    pub by_rule: std::collections::BTreeMap<(usize, Severity), usize>,
    /// Findings that suppressions in the posts silenced.
    pub suppressed: usize,
}

impl Totals {
    fn add(&mut self, rules: &[Rule], file: &FileReport) {
        if !file.findings.is_empty() {
            self.files_with_findings += 1;
        }
        self.suppressed += file.suppressed.len();
        for f in &file.findings {
            let severity = f.severity_or(rules[f.rule].severity);
            match severity {
                Severity::Error => self.error += 1,
                Severity::Warning => self.warning += 1,
                Severity::Info => self.info += 1,
            }
            *self.by_rule.entry((f.rule, severity)).or_default() += 1;
            match f.fix.as_ref().map(|fix| fix.applicability) {
                Some(crate::finding::Applicability::Safe) => self.safe_fixes += 1,
                Some(crate::finding::Applicability::Unsafe) => self.unsafe_fixes += 1,
                None => {}
            }
        }
    }

    /// Findings of `severity`, shown or not: what `--fail-on` judges.
    pub fn count(&self, severity: Severity) -> usize {
        let hidden = self.hidden[severity as usize];
        hidden
            + match severity {
                Severity::Error => self.error,
                Severity::Warning => self.warning,
                Severity::Info => self.info,
            }
    }

    /// Findings left out by `--min-severity`.
    pub fn hidden(&self) -> usize {
        self.hidden.iter().sum()
    }

    pub fn findings(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// One output format. A format that streams writes each file's findings as they arrive; one that buffers keeps them
/// until `finish`, where it writes the whole document. It is `Send`: the run hands files over from its threads.
trait Printer: Send {
    /// Whether findings must carry their source line: keeping it costs time on a big calendar, so only a format
    /// that shows it asks for it.
    fn needs_source_lines(&self) -> bool {
        false
    }

    /// Whether the format reports the run's errors and warnings itself (and the `--fix` summary, where it has a
    /// place for one). If it does not, `Output::finish` writes them on stderr.
    fn reports_run_problems(&self) -> bool {
        true
    }

    /// Whether the format lists the files without findings too (a JUnit test case passes for each).
    fn wants_clean_files(&self) -> bool {
        false
    }

    /// The findings of one file (never called for a file without findings).
    fn file(&mut self, out: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()>;

    /// The end of the report: a summary line, or the whole document of a format that buffers.
    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        report: &Report,
        run: &RunReport,
        totals: &Totals,
    ) -> io::Result<()>;
}

impl Format {
    /// The printer of the format: the one place that maps a format to its module.
    fn printer(self) -> Box<dyn Printer> {
        match self {
            Format::Human => Box::new(human::Human { snippets: true }),
            Format::Concise => Box::new(human::Human { snippets: false }),
            Format::Json => Box::new(json::Json::new()),
            Format::Sarif => Box::new(sarif::Sarif::new()),
            Format::Github => Box::new(github::Github),
            Format::Junit => Box::new(junit::Junit::new()),
            Format::Gitlab => Box::new(gitlab::Gitlab::new()),
        }
    }
}

/// A report being written: files arrive in report order (path, then start, then rule id). The report goes to
/// `out`; what the format leaves to the console (errors, warnings, the `--fix` summary) goes to `err`.
pub struct Output<'a, W: Write, E: Write> {
    printer: Box<dyn Printer>,
    report: Report<'a>,
    out: W,
    err: E,
    totals: Totals,
    /// The least severe findings shown (`--min-severity`); the others are only counted.
    min_severity: Severity,
    /// The first write error: later files are not written, and `finish` returns it.
    failed: Option<io::Error>,
}

impl<'a, W: Write, E: Write> Output<'a, W, E> {
    /// A report in `format` on `out`, with `err` for what the format leaves to the console (stderr).
    pub fn new(format: Format, report: Report<'a>, out: W, err: E) -> Output<'a, W, E> {
        let min_severity = Severity::Info;
        Output { printer: format.printer(), report, out, err, totals: Totals::default(), min_severity, failed: None }
    }

    /// Shows only findings of `severity` and above; the others still count for the exit code.
    pub fn with_min_severity(mut self, severity: Severity) -> Output<'a, W, E> {
        self.min_severity = severity;
        self
    }

    /// Whether the run must keep each finding's source line for this format.
    pub fn needs_source_lines(&self) -> bool {
        self.printer.needs_source_lines()
    }

    /// The findings of one file, sorted; a file without findings writes nothing (unless the format lists clean
    /// files).
    pub fn file(&mut self, mut file: FileReport) {
        let rules = self.report.rules;
        let min = self.min_severity;
        file.findings.retain(|f| {
            let severity = f.severity_or(rules[f.rule].severity);
            if severity < min {
                self.totals.hidden[severity as usize] += 1;
            }
            severity >= min
        });
        self.totals.add(rules, &file);
        let listed = !file.findings.is_empty() || !file.suppressed.is_empty() || self.printer.wants_clean_files();
        if self.failed.is_some() || !listed || self.report.statistics {
            return;
        }
        if let Err(e) = self.printer.file(&mut self.out, &self.report, &file) {
            self.failed = Some(e);
        }
    }

    /// Ends the report: the summary, or the whole document of a format that buffers, and on `err` what the format
    /// leaves to the console. A reader that went away (`| head`) is not an error: the counts still decide the exit
    /// code. Messages on `err` are best effort: a console that cannot take them has nowhere to report that either.
    pub fn finish(mut self, run: &RunReport) -> io::Result<Totals> {
        let on_console = !self.printer.reports_run_problems();
        if on_console {
            // the findings they refer to come first when both streams go to one terminal
            if let (None, Err(e)) = (&self.failed, self.out.flush()) {
                self.failed = Some(e);
            }
            let _ = console::write_problems(&mut self.err, run);
        }
        let written = match self.failed.take() {
            Some(e) => Err(e),
            None => self.printer.finish(&mut self.out, &self.report, run, &self.totals).and_then(|()| self.out.flush()),
        };
        match written {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
            _ => {}
        }
        if let (true, Some(fixed)) = (on_console, &run.fixed) {
            let _ = writeln!(self.err, "{}", console::fix_summary(fixed));
        }
        Ok(self.totals)
    }
}

#[cfg(test)]
mod tests {
    use std::io::{self, Write};

    use super::testing;
    use super::{Format, Output, Report};
    use crate::finding::FixedFile;

    /// A reader that stops reading: every write fails with `kind`.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(self.0.into())
        }

        fn flush(&mut self) -> io::Result<()> {
            Err(self.0.into())
        }
    }

    fn finish_into(out: Failing, err: &mut Vec<u8>) -> io::Result<super::Totals> {
        let rules = testing::rules();
        let mut output =
            Output::new(Format::Human, Report { rules: &rules, show_matches: false, ..Report::default() }, out, err);
        for file in testing::sample_files() {
            output.file(file);
        }
        let fixed = vec![FixedFile { path: "posts/a.md".to_string(), edits: 1 }];
        output.finish(&testing::run_with_problems(Some(fixed)))
    }

    #[test]
    fn a_reader_that_went_away_still_gets_every_finding_counted() {
        let mut err = Vec::new();
        let totals = finish_into(Failing(io::ErrorKind::BrokenPipe), &mut err).expect("a closed pipe is no error");
        assert_eq!((totals.findings(), totals.files_with_findings), (3, 2));
        let err = String::from_utf8(err).unwrap();
        assert!(err.ends_with("Applied 1 fix to 1 file: posts/a.md\n"), "{err}");
    }

    #[test]
    fn a_failed_write_is_an_error_after_the_console_messages() {
        let mut err = Vec::new();
        let failed = finish_into(Failing(io::ErrorKind::StorageFull), &mut err).expect_err("the write failed");
        assert_eq!(failed.kind(), io::ErrorKind::StorageFull);
        let err = anstream::adapter::strip_str(std::str::from_utf8(&err).unwrap()).to_string();
        assert!(err.starts_with("error: missing.md: no such file or directory\n"), "{err}");
        assert!(!err.contains("Applied"), "the fix summary follows a report that was written: {err}");
    }

    #[test]
    fn files_without_findings_are_counted_as_scanned_only() {
        let written = testing::write(Format::Github, false, testing::sample_files(), &Default::default());
        assert_eq!((written.totals.error, written.totals.warning, written.totals.info), (1, 1, 1));
        assert_eq!(written.totals.files_with_findings, 2);
        assert!(!written.out.contains("clean.md"), "{}", written.out);
    }
}
