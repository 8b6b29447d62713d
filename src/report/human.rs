//! `human` (default) and `concise` output: `path:line:col: severity[ID] message`, and for `human` the source
//! line with the span underlined and the suggested fix. Identifiers are masked in the source line too.

use std::fmt::Write as _;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::{FixesApplied, Printer, Report, Totals};
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
            let severity = finding.severity_or(rule.severity);
            let sev = severity_style(severity);
            let _ = writeln!(
                text,
                "{BOLD}{path}:{}:{}{BOLD:#}: {sev}{}[{}]{sev:#} {}",
                finding.begin_pos.line,
                finding.begin_pos.column,
                severity.as_str(),
                rule.id,
                finding.message(&rule.message)
            );
            if self.snippets {
                render_snippet(&mut text, report, finding);
            }
        }
        out.write_all(text.as_bytes())
    }

    /// The last lines: the counts per rule with `--statistics`, what was found in how many files, and the fixes
    /// still available.
    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        report: &Report,
        run: &RunReport,
        totals: &Totals,
    ) -> io::Result<()> {
        if report.statistics {
            out.write_all(statistics(report, totals).as_bytes())?;
        } else if self.snippets && totals.findings() > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", summary_line(report, run, totals))
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
    let sev = severity_style(finding.severity_or(report.rules[finding.rule].severity));
    let _ = writeln!(out, "{CYAN}{gutter} |{CYAN:#} {}{sev}{}{sev:#}", " ".repeat(pad), "^".repeat(width));
    if let Some(fix) = &finding.fix {
        let kind = match fix.applicability {
            crate::finding::Applicability::Safe => "fix",
            crate::finding::Applicability::Unsafe => "suggested fix",
        };
        let _ = writeln!(out, "{CYAN}{gutter} ={CYAN:#} {BOLD}{kind}{BOLD:#}: {}", fix.description);
    }
    if !finding.slots.is_empty() {
        let slots: Vec<String> =
            finding.slots.iter().map(|s| format!("{} \"{}\"", s.slot, report.related_excerpt(&s.place))).collect();
        let _ = writeln!(out, "{CYAN}{gutter} ={CYAN:#} matched: {}", slots.join(", "));
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

/// `--statistics`: one line per rule and severity with findings, most frequent first: count, id, the findings'
/// severity (not the rule's: a consent registry may have changed it), name.
fn statistics(report: &Report, totals: &Totals) -> String {
    let mut rows: Vec<((usize, Severity), usize)> = totals.by_rule.iter().map(|(&key, &n)| (key, n)).collect();
    rows.sort_by(|a, b| {
        let id = |((rule, _), _): &((usize, Severity), usize)| &report.rules[*rule].id;
        b.1.cmp(&a.1).then(id(a).cmp(id(b))).then(b.0 .1.cmp(&a.0 .1))
    });
    let width = rows.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
    let mut text = String::new();
    for ((rule, severity), n) in rows {
        let rule = &report.rules[rule];
        let _ = writeln!(text, "{n:>width$}  {:<8} {:<7}  {}", rule.id, severity.as_str(), rule.name);
    }
    text
}

/// The summary of a run as a person reads it: the line that ends `human` and `concise` output, and what a run with
/// `--output-file` prints on the terminal. It says how many findings `--min-severity` left out and which fixes
/// `--fix` and `--unsafe-fixes` would still apply.
pub fn summary_line(report: &Report, run: &RunReport, totals: &Totals) -> String {
    let mut line = summary(run, totals);
    let hidden = totals.hidden();
    if hidden > 0 {
        let _ = write!(line, " {hidden} more below --min-severity not shown.");
    }
    if totals.suppressed > 0 {
        let _ = write!(line, " {} suppressed in the posts (listed by json and sarif).", totals.suppressed);
    }
    let hint = fix_hint(report.fixes_applied, totals.safe_fixes, totals.unsafe_fixes);
    if let Some(hint) = hint {
        line.push('\n');
        line.push_str(&hint);
    }
    line
}

/// Which fixes are still to be had: `--fix` for the safe ones, `--unsafe-fixes` for the others.
fn fix_hint(applied: FixesApplied, safe: usize, unsafe_: usize) -> Option<String> {
    let fixes = |n: usize| if n == 1 { "1 fix".to_string() } else { format!("{n} fixes") };
    match applied {
        FixesApplied::None if safe > 0 && unsafe_ > 0 => {
            Some(format!("{} available with `--fix` ({} more with `--fix --unsafe-fixes`).", fixes(safe), unsafe_))
        }
        FixesApplied::None if safe > 0 => Some(format!("{} available with `--fix`.", fixes(safe))),
        FixesApplied::None if unsafe_ > 0 => {
            Some(format!("{} available with `--fix --unsafe-fixes` (review them first).", fixes(unsafe_)))
        }
        FixesApplied::Safe if unsafe_ > 0 => {
            let more = if unsafe_ == 1 { "1 more fix".to_string() } else { format!("{unsafe_} more fixes") };
            Some(format!("{more} available with `--unsafe-fixes` (review them first)."))
        }
        _ => None,
    }
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
    if let Some(n) = run.baselined {
        let findings = if n == 1 { "finding" } else { "findings" };
        let _ = write!(s, " {n} baselined {findings} not shown.");
    }
    if run.posts_left_out > 0 {
        let n = run.posts_left_out;
        let posts = if n == 1 { "post" } else { "posts" };
        let _ = write!(s, " {n} unpublished {posts} left out (--published-only).");
    }
    // an error can leave a file unread, or part of it (a calendar row, broken front matter), or unfixed
    if !run.errors.is_empty() {
        let n = run.errors.len();
        let _ =
            write!(s, " {n} error{} (see above): not everything was checked or fixed.", if n == 1 { "" } else { "s" });
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::finding::{FileReport, FixedFile, RunReport};
    use crate::report::testing::{self, TICKET, TICKET_MASKED};
    use crate::report::Format;

    fn clean_run() -> RunReport {
        RunReport { files_scanned: 3, ..RunReport::default() }
    }

    #[test]
    fn a_finding_shows_its_masked_line_underlined_with_its_fix_related_places_and_rule() {
        let written = testing::write(Format::Human, false, testing::sample_files(), &clean_run());
        let expected = format!(
            "posts/a.md:3:12: error[TST001] Ticket number in a post\n  |\n3 | Call about {TICKET_MASKED} and \
             {TICKET_MASKED} today\n  |            ^^^^^^^^^\n  = fix: replace the ticket number with [redacted]\n  \
             = also at 3:25\n  = ticket-number (phi), see `carelint explain TST001`\n"
        );
        assert!(written.out.starts_with(&expected), "{}", written.out);
        assert!(!written.out.contains(TICKET), "{}", written.out);
    }

    #[test]
    fn show_matches_prints_the_line_as_it_is() {
        let written = testing::write(Format::Human, true, testing::sample_files(), &clean_run());
        assert!(written.out.contains(&format!("3 | Call about {TICKET} and {TICKET} today\n")), "{}", written.out);
    }

    #[test]
    fn the_summary_counts_findings_by_severity_and_files_with_findings() {
        let written = testing::write(Format::Human, false, testing::sample_files(), &clean_run());
        assert!(
            written.out.ends_with(
                "\n\nFound 3 problems (1 error, 1 warning, 1 info) in 2 of 3 files.\n1 fix available with `--fix`.\n"
            ),
            "{}",
            written.out
        );
        assert_eq!((written.totals.error, written.totals.warning, written.totals.info), (1, 1, 1));
        let clean = vec![FileReport { path: "a.md".to_string(), findings: Vec::new(), suppressed: Vec::new() }];
        let run = RunReport { files_scanned: 1, ..RunReport::default() };
        assert_eq!(testing::write(Format::Human, false, clean, &run).out, "No problems found in 1 file.\n");
    }

    #[test]
    fn concise_is_one_line_per_finding_without_the_matched_text() {
        let written = testing::write(Format::Concise, true, testing::sample_files(), &clean_run());
        let lines: Vec<&str> = written.out.lines().collect();
        assert_eq!(
            lines,
            [
                "posts/a.md:3:12: error[TST001] Ticket number in a post",
                "posts/a.md:4:10: warning[TST002] Wonder-pill language",
                "posts/my b,1.md:2:1: info[TST003] An exclamation, with a comma: and a colon",
                "Found 3 problems (1 error, 1 warning, 1 info) in 2 of 3 files.",
                "1 fix available with `--fix`."
            ]
        );
        assert!(!written.out.contains(TICKET) && !written.out.contains(TICKET_MASKED), "{}", written.out);
    }

    #[test]
    fn errors_warnings_and_the_fix_summary_go_to_stderr() {
        let fixed = vec![FixedFile { path: "posts/a.md".to_string(), edits: 2 }];
        for format in [Format::Human, Format::Concise] {
            let run = testing::run_with_problems(Some(fixed.clone()));
            let written = testing::write(format, false, testing::sample_files(), &run);
            assert_eq!(
                written.err,
                "error: missing.md: no such file or directory\n\
                 warning: posts/typo.md: line 1: carelint-disable names `XYZ`, which is no rule id\n\
                 Applied 2 fixes to 1 file: posts/a.md\n"
            );
            assert!(!written.out.contains("missing.md") && !written.out.contains("Applied"), "{}", written.out);
            assert!(
                written.out.ends_with(
                    "in 2 of 4 files. 1 error (see above): not everything was checked or fixed.\n\
                     1 fix available with `--fix`.\n"
                ),
                "{}",
                written.out
            );
        }
    }

    #[test]
    fn only_human_needs_source_lines() {
        let rules = testing::rules();
        let needs = |format| {
            let report = crate::report::Report { rules: &rules, show_matches: false, ..Default::default() };
            crate::report::Output::new(format, report, std::io::sink(), std::io::sink()).needs_source_lines()
        };
        assert!(needs(Format::Human));
        for format in [Format::Concise, Format::Json, Format::Sarif, Format::Github] {
            assert!(!needs(format), "{format:?}");
        }
    }
}
