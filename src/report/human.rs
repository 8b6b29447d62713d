//! `human` (default) and `concise` output: `path:line:col: severity[ID] message`, and for `human` the source
//! line with the span underlined and the suggested fix. Identifiers are masked in the source line too.

use std::fmt::Write as _;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::{Printer, Report, Totals};
use crate::finding::{FileReport, RunReport};
use crate::finding::{Finding, Severity};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const CYAN: Style = AnsiColor::Cyan.on_default().bold();

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Blue.on_default().bold(),
    }
}

/// `human` (with `snippets`) or `concise`: streams a line per finding as files arrive, ends with a summary line, and
/// leaves errors, warnings and the `--fix` summary to stderr.
pub struct Human {
    /// Under each finding, its source line with the span underlined, the fix, related places and the rule.
    pub snippets: bool,
}

impl Printer for Human {
    fn needs_source_lines(&self) -> bool {
        self.snippets
    }

    fn reports_run_problems(&self) -> bool {
        false
    }

    fn file(&mut self, out: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
        let mut text = String::new();
        let path = &file.path;
        for finding in &file.findings {
            let rule = &report.rules[finding.rule];
            let sev = severity_style(rule.severity);
            let _ = writeln!(
                text,
                "{BOLD}{path}:{}:{}{BOLD:#}: {sev}{}[{}]{sev:#} {}",
                finding.begin_pos.line,
                finding.begin_pos.column,
                rule.severity.as_str(),
                rule.id,
                rule.message
            );
            if self.snippets {
                render_snippet(&mut text, report, finding);
            }
        }
        out.write_all(text.as_bytes())
    }

    /// The last line: what was found in how many files.
    fn finish(self: Box<Self>, out: &mut dyn Write, _: &Report, run: &RunReport, totals: &Totals) -> io::Result<()> {
        if self.snippets && totals.findings() > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", summary(run, totals))
    }
}

/// The source line with every masked identifier on it masked, and the finding's span underlined.
fn render_snippet(out: &mut String, report: &Report, finding: &Finding) {
    let (line, span) = shown_line(report, finding);
    let line_no = finding.begin_pos.line.to_string();
    let gutter = " ".repeat(line_no.len());
    let pad = line.get(..span.start).map_or(0, UnicodeWidthStr::width);
    let width = line.get(span).map_or(1, UnicodeWidthStr::width).max(1);
    let _ = writeln!(out, "{CYAN}{gutter} |{CYAN:#}");
    let _ = writeln!(out, "{CYAN}{line_no} |{CYAN:#} {}", line.trim_end());
    let sev = severity_style(report.rules[finding.rule].severity);
    let _ = writeln!(out, "{CYAN}{gutter} |{CYAN:#} {}{sev}{}{sev:#}", " ".repeat(pad), "^".repeat(width));
    if let Some(fix) = &finding.fix {
        let kind = match fix.applicability {
            crate::finding::Applicability::Safe => "fix",
            crate::finding::Applicability::Unsafe => "suggested fix",
        };
        let _ = writeln!(out, "{CYAN}{gutter} ={CYAN:#} {BOLD}{kind}{BOLD:#}: {}", fix.description);
    }
    if !finding.related.is_empty() {
        let places: Vec<String> =
            finding.related.iter().map(|r| format!("{}:{}", r.begin_pos.line, r.begin_pos.column)).collect();
        let _ = writeln!(out, "{CYAN}{gutter} ={CYAN:#} also at {}", places.join(", "));
    }
    let rule = &report.rules[finding.rule];
    let _ = writeln!(
        out,
        "{CYAN}{gutter} ={CYAN:#} {DIM}{} ({}), see `carelint explain {}`{DIM:#}",
        rule.name, rule.category, rule.id
    );
}

/// The finding's source line as it may be shown (identifiers masked character for character), and where the
/// finding is in it. Places on the line are columns, not byte offsets: they mean the same whatever the file's
/// encoding.
fn shown_line(report: &Report, finding: &Finding) -> (String, std::ops::Range<usize>) {
    let line = finding.line(report.show_matches);
    let line_no = finding.begin_pos.line;
    let first = finding.source_line_column;
    let span_start = finding.begin_pos.column.saturating_sub(first);
    let span_end =
        if finding.end_pos.line == line_no { finding.end_pos.column.saturating_sub(first) } else { usize::MAX };
    let mut shown = String::with_capacity(line.len());
    let mut span = usize::MAX..usize::MAX;
    for (i, c) in line.chars().enumerate() {
        if i == span_start {
            span.start = shown.len();
        }
        if i == span_end {
            span.end = shown.len();
        }
        shown.push(c);
    }
    span.start = span.start.min(shown.len());
    span.end = span.end.min(shown.len());
    (shown, span)
}

fn summary(run: &RunReport, totals: &Totals) -> String {
    let total = totals.findings();
    let files = if run.files_scanned == 1 { "file" } else { "files" };
    let mut s = if total == 0 {
        format!("No problems found in {} {files}.", run.files_scanned)
    } else {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "Found {} ({}, {}, {} info) in {} of {} {files}.",
            plural(total, "problem"),
            plural(totals.error, "error"),
            plural(totals.warning, "warning"),
            totals.info,
            totals.files_with_findings,
            run.files_scanned
        )
    };
    // an error can leave a file unread, or part of it (a calendar row, broken front matter), or unfixed
    if !run.errors.is_empty() {
        let n = run.errors.len();
        let _ =
            write!(s, " {n} error{} (see above): not everything was checked or fixed.", if n == 1 { "" } else { "s" });
    }
    s
}
