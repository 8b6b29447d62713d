//! `human` (default) and `concise` output: `path:line:col: severity[ID] message`, and for `human` the source
//! line with the span underlined and the suggested fix. Identifiers are masked in the source line too.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::{redact, Report, Totals};
use crate::check::{FileReport, RunReport};
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

/// One file's findings: a line each, and for `human` the source line and the fix.
pub fn write_file(out: &mut impl Write, report: &Report, file: &FileReport, concise: bool) -> io::Result<()> {
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
        if !concise {
            render_snippet(&mut text, report, &file.findings, finding);
        }
    }
    out.write_all(text.as_bytes())
}

/// The last line: what was found in how many files.
pub fn write_summary(out: &mut impl Write, run: &RunReport, totals: &Totals, concise: bool) -> io::Result<()> {
    if !concise && totals.findings() > 0 {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(run, totals))
}

/// The source line with every masked identifier on it masked, and the finding's span underlined.
fn render_snippet(out: &mut String, report: &Report, same_file: &[Finding], finding: &Finding) {
    let (line, span) = shown_line(report, same_file, finding);
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
    let rule = &report.rules[finding.rule];
    let _ = writeln!(
        out,
        "{CYAN}{gutter} ={CYAN:#} {DIM}{} ({}), see `carelint explain {}`{DIM:#}",
        rule.name, rule.category, rule.id
    );
}

/// The finding's source line as it may be shown, and where the finding is in it: every character of a redacted
/// finding on the line is replaced by its masked form (masks have as many characters as the values, but not as many
/// bytes, so the line is rebuilt character by character and the span found in the result). Places on the line are
/// columns, not byte offsets: they mean the same whatever the file's encoding.
fn shown_line(report: &Report, same_file: &[Finding], finding: &Finding) -> (String, std::ops::Range<usize>) {
    let line = &finding.source_line;
    let line_no = finding.begin_pos.line;
    let span_start = finding.begin_pos.column - 1;
    let span_end = if finding.end_pos.line == line_no { finding.end_pos.column - 1 } else { usize::MAX };
    let mut masked: HashMap<usize, char> = HashMap::new();
    if !report.show_matches {
        for other in same_file.iter().filter(|o| report.rules[o.rule].redact) {
            if other.begin_pos.line > line_no || other.end_pos.line < line_no {
                continue;
            }
            let mask = redact::mask(&other.matched);
            for (m, (on, column)) in mask.chars().zip(char_places(other)) {
                if on == line_no {
                    masked.insert(column, m);
                }
            }
        }
    }
    let mut shown = String::with_capacity(line.len());
    let mut span = usize::MAX..usize::MAX;
    for (i, c) in line.chars().enumerate() {
        if i == span_start {
            span.start = shown.len();
        }
        if i == span_end {
            span.end = shown.len();
        }
        shown.push(masked.get(&i).copied().unwrap_or(c));
    }
    span.start = span.start.min(shown.len());
    span.end = span.end.min(shown.len());
    (shown, span)
}

/// The line and 0-based column of each character of a finding's matched text (line breaks as `text::lines`).
fn char_places(finding: &Finding) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut place = (finding.begin_pos.line, finding.begin_pos.column - 1);
    let mut chars = finding.matched.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let here = place;
        let breaks = c == '\n' || (c == '\r' && chars.peek() != Some(&'\n'));
        place = if breaks { (place.0 + 1, 0) } else { (place.0, place.1 + 1) };
        Some(here)
    })
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
    if !run.errors.is_empty() {
        let _ = write!(
            s,
            " {} could not be checked (see above).",
            if run.errors.len() == 1 { "1 file" } else { "some files" }
        );
    }
    s
}
