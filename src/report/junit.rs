//! `junit` output: JUnit XML for the test-report views of CI systems (GitLab, Jenkins, Azure DevOps...). One test
//! suite for the run; one test case per checked file, which passes when the file has no finding and has one
//! `<failure>` per finding otherwise; one test case with an `<error>` per input that could not be checked. Only
//! masked text is written, even with `--show-matches`: CI keeps these files.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Printer, Report, Totals};
use crate::finding::{FileReport, Finding, RunReport};

/// Buffers: the suite's counts come before its test cases.
pub struct Junit {
    cases: String,
    tests: usize,
    failures: usize,
}

impl Junit {
    /// A report with no test case yet.
    pub fn new() -> Junit {
        Junit { cases: String::new(), tests: 0, failures: 0 }
    }
}

impl Printer for Junit {
    fn wants_clean_files(&self) -> bool {
        true
    }

    fn file(&mut self, _: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
        self.tests += 1;
        let path = escape(&file.path);
        if file.findings.is_empty() {
            let _ = writeln!(self.cases, "    <testcase classname=\"carelint\" name=\"{path}\" file=\"{path}\"/>");
            return Ok(());
        }
        self.failures += 1;
        let _ = writeln!(self.cases, "    <testcase classname=\"carelint\" name=\"{path}\" file=\"{path}\">");
        for finding in &file.findings {
            self.cases.push_str(&failure(report, &file.path, finding));
        }
        self.cases.push_str("    </testcase>\n");
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _: &Report, run: &RunReport, _: &Totals) -> io::Result<()> {
        let mut errors = String::new();
        for e in &run.errors {
            let (path, message) = (escape(&e.path), escape(&e.message));
            let _ = writeln!(
                errors,
                "    <testcase classname=\"carelint\" name=\"{path}\" file=\"{path}\">\n      \
                 <error type=\"input\" message=\"{message}\"/>\n    </testcase>"
            );
        }
        let tests = self.tests + run.errors.len();
        let (failures, error_count) = (self.failures, run.errors.len());
        let counts = format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"{error_count}\"");
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"carelint\" {counts}>")?;
        writeln!(out, "  <testsuite name=\"carelint\" {counts} skipped=\"0\">")?;
        out.write_all(self.cases.as_bytes())?;
        out.write_all(errors.as_bytes())?;
        if !run.warnings.is_empty() {
            let warnings: Vec<String> =
                run.warnings.iter().map(|w| format!("warning: {}: {}", w.path, w.message)).collect();
            writeln!(out, "    <system-err>{}</system-err>", escape_text(&warnings.join("\n")))?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

/// One finding as a `<failure>`: its place, severity, rule and message in the attribute; the masked excerpt and
/// the fix in the body.
fn failure(report: &Report, path: &str, f: &Finding) -> String {
    let rule = &report.rules[f.rule];
    let (line, column) = (f.begin_pos.line, f.begin_pos.column);
    let rule_message = f.message(&rule.message);
    let message = format!("{line}:{column}: {}[{}] {rule_message}", f.severity_or(rule.severity).as_str(), rule.id);
    let mut body = format!("{path}:{line}:{column}: {rule_message}\nmatched: {}", f.excerpt(false));
    if let Some(fix) = &f.fix {
        let _ = write!(body, "\nfix ({}): {}", applicability(fix.applicability), fix.description);
    }
    let _ = write!(body, "\nsee `carelint explain {}`", rule.id);
    format!(
        "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
        escape(&rule.id),
        escape(&message),
        escape_text(&body)
    )
}

fn applicability(applicability: crate::finding::Applicability) -> &'static str {
    match applicability {
        crate::finding::Applicability::Safe => "safe",
        crate::finding::Applicability::Unsafe => "unsafe",
    }
}

/// Text as XML 1.0 character data: like an attribute value, but line breaks and tabs stay as they are.
fn escape_text(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n").replace("&#9;", "\t")
}

/// Text as an XML 1.0 attribute value: markup characters escaped, line breaks and tabs as character references
/// (an attribute's own would be read as spaces), and the control characters XML cannot hold at all replaced with
/// U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_text};
    use crate::finding::RunReport;
    use crate::report::testing::{self, TICKET, TICKET_MASKED};
    use crate::report::Format;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}\n"), "a&lt;b &amp; &quot;c&quot;\u{FFFD}&#10;");
        assert_eq!(escape_text("a<b\n\tc"), "a&lt;b\n\tc");
    }

    #[test]
    fn a_file_is_a_test_case_with_a_failure_per_finding_and_identifiers_stay_masked() {
        let run = RunReport { files_scanned: 3, ..RunReport::default() };
        for show_matches in [false, true] {
            let out = testing::write(Format::Junit, show_matches, testing::sample_files(), &run).out;
            assert!(out.contains("<testsuites name=\"carelint\" tests=\"3\" failures=\"2\" errors=\"0\">"), "{out}");
            assert_eq!(out.matches("<failure ").count(), 3, "{out}");
            assert!(out.contains("name=\"posts/clean.md\" file=\"posts/clean.md\"/>"), "{out}");
            assert!(out.contains(TICKET_MASKED) && !out.contains(TICKET), "{out}");
        }
    }

    #[test]
    fn inputs_that_failed_are_errors() {
        let out = testing::write(Format::Junit, false, Vec::new(), &testing::run_with_problems(None)).out;
        assert!(out.contains("<error type=\"input\" message=\"no such file or directory\"/>"), "{out}");
        assert!(out.contains("<system-err>warning: posts/typo.md: "), "{out}");
    }
}
