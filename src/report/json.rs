//! `json` output, version 1 of the contract: one object, fields in the contract's order.

use std::io::{self, Write};

use serde::Serialize;

use super::spool::{ArraySpool, PLACEHOLDER};
use super::{Audit, Printer, Report, Totals};
use crate::finding::{FileReport, Finding, FixedFile, RunReport};
use crate::finding::{Fix, Position, Severity};

/// Where the findings' items stand in the pretty-printed document.
const FINDINGS_INDENT: usize = 4;

/// Buffers: the counts come before the findings, so the findings wait in a spool until the run ends. Errors,
/// warnings and the rewritten files are fields of the document.
pub struct Json {
    findings: ArraySpool,
    /// The findings suppressions silenced, with their reasons (few: kept in memory).
    suppressed: Vec<serde_json::Value>,
}

impl Json {
    /// A report with no findings yet.
    pub fn new() -> Json {
        Json { findings: ArraySpool::new(FINDINGS_INDENT), suppressed: Vec::new() }
    }
}

impl Printer for Json {
    fn file(&mut self, _: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
        for s in &file.suppressed {
            let suppression = JsonSuppression { kind: s.by, line: s.line, reason: s.reason(report.show_matches) };
            let item = JsonSuppressed { finding: json_finding(report, &file.path, &s.finding), suppression };
            self.suppressed.push(serde_json::to_value(item)?);
        }
        add_file(&mut self.findings, report, file)
    }

    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        report: &Report,
        run: &RunReport,
        totals: &Totals,
    ) -> io::Result<()> {
        write(out, self.findings, (report, run), totals, &self.suppressed)
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    files_scanned: usize,
    /// Written in place of `spool::PLACEHOLDER` from the spool.
    findings: &'static str,
    errors: Vec<JsonError<'a>>,
    /// Problems that do not fail the run (a suppression that names no rule); left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<JsonError<'a>>,
    summary: Summary,
    /// Only with `--fix`, so that a report without it stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<&'a [FixedFile]>,
    /// Only with a baseline: the findings it left out of `findings`.
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    /// Only when `--published-only` left posts out: how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    posts_left_out: Option<usize>,
    /// The findings that suppressions in the posts silenced, with their reasons; left out when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suppressed: &'a [serde_json::Value],
    /// The policy that judged the posts: the ruleset's digest and the configuration in effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a Audit>,
}

/// A silenced finding: the finding's fields, and the suppression that silenced it.
#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    finding: JsonFinding<'a>,
    suppression: JsonSuppression<'a>,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    /// `carelint.allow`, `carelint-disable-next-line` or `carelint-disable`.
    kind: &'a str,
    line: usize,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    name: &'a str,
    category: &'a str,
    severity: Severity,
    path: &'a str,
    #[serde(flatten)]
    place: Place,
    message: std::borrow::Cow<'a, str>,
    excerpt: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated>,
    /// A frame rule's slots and the words that filled them; left out for other rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    slots: Vec<JsonSlot<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<usize>,
    fix: Option<&'a Fix>,
}

/// Where a finding or a related span is: its line and column, where it ends, and its byte offsets.
#[derive(Serialize)]
struct Place {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
}

impl Place {
    fn of(start: usize, end: usize, begin: Position, stop: Position) -> Place {
        Place { line: begin.line, column: begin.column, end_line: stop.line, end_column: stop.column, start, end }
    }
}

/// Another place in the same paragraph where the finding's rule matched.
#[derive(Serialize)]
struct JsonRelated {
    #[serde(flatten)]
    place: Place,
    excerpt: String,
}

/// The filler of one slot of a frame rule's match.
#[derive(Serialize)]
struct JsonSlot<'a> {
    slot: &'a str,
    #[serde(flatten)]
    place: Place,
    excerpt: String,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    error: usize,
    warning: usize,
    info: usize,
    files_with_findings: usize,
}

/// The findings of one file, added to the report's array.
fn add_file(spool: &mut ArraySpool, report: &Report, file: &FileReport) -> io::Result<()> {
    for f in &file.findings {
        spool.push(&json_finding(report, &file.path, f))?;
    }
    Ok(())
}

/// One finding as the report writes it.
fn json_finding<'a>(report: &Report<'a>, path: &'a str, f: &'a Finding) -> JsonFinding<'a> {
    let rule = &report.rules[f.rule];
    let related = f
        .related
        .iter()
        .map(|r| JsonRelated {
            place: Place::of(r.start, r.end, r.begin_pos, r.end_pos),
            excerpt: report.related_excerpt(r),
        })
        .collect();
    JsonFinding {
        rule: &rule.id,
        name: &rule.name,
        category: &rule.category,
        severity: f.severity_or(rule.severity),
        path,
        place: Place::of(f.start, f.end, f.begin_pos, f.end_pos),
        message: f.message(&rule.message),
        excerpt: report.excerpt(f),
        related,
        slots: f
            .slots
            .iter()
            .map(|s| JsonSlot {
                slot: &s.slot,
                place: Place::of(s.place.start, s.place.end, s.place.begin_pos, s.place.end_pos),
                excerpt: report.related_excerpt(&s.place),
            })
            .collect(),
        row: f.row,
        fix: f.fix.as_ref(),
    }
}

/// The whole document, with the findings from the spool.
fn write(
    out: &mut dyn Write,
    findings: ArraySpool,
    (report, run): (&Report, &RunReport),
    totals: &Totals,
    suppressed: &[serde_json::Value],
) -> io::Result<()> {
    let document = JsonReport {
        version: 1,
        tool: Tool { name: "carelint", version: env!("CARGO_PKG_VERSION") },
        files_scanned: run.files_scanned,
        findings: PLACEHOLDER,
        errors: run.errors.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        warnings: run.warnings.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        summary: Summary {
            error: totals.error,
            warning: totals.warning,
            info: totals.info,
            files_with_findings: totals.files_with_findings,
        },
        fixed: run.fixed.as_deref(),
        baselined: run.baselined,
        posts_left_out: (run.posts_left_out > 0).then_some(run.posts_left_out),
        suppressed,
        policy: report.audit,
    };
    findings.write_into(out, &document)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::finding::{FixedFile, RunReport};
    use crate::report::testing::{self, TICKET, TICKET_MASKED};
    use crate::report::Format;

    fn document(show_matches: bool, run: &RunReport) -> (Value, String) {
        let written = testing::write(Format::Json, show_matches, testing::sample_files(), run);
        (serde_json::from_str(&written.out).expect("one JSON document"), written.err)
    }

    #[test]
    fn identifiers_are_masked_in_excerpts_and_related_excerpts_unless_shown() {
        let run = RunReport { files_scanned: 3, ..RunReport::default() };
        for (show_matches, shown) in [(false, TICKET_MASKED), (true, TICKET)] {
            let (doc, _) = document(show_matches, &run);
            let ticket = &doc["findings"][0];
            assert_eq!(ticket["excerpt"], shown);
            assert_eq!(ticket["related"][0]["excerpt"], shown);
            assert_eq!((&ticket["related"][0]["line"], &ticket["related"][0]["column"]), (&Value::from(3), &25.into()));
        }
        let (doc, _) = document(false, &run);
        assert!(!doc.to_string().contains(TICKET), "{doc}");
    }

    #[test]
    fn findings_carry_their_rule_place_and_fix_and_the_summary_counts_them() {
        let run = RunReport { files_scanned: 3, ..RunReport::default() };
        let (doc, _) = document(false, &run);
        let findings = doc["findings"].as_array().unwrap();
        let ids: Vec<&str> = findings.iter().map(|f| f["rule"].as_str().unwrap()).collect();
        assert_eq!(ids, ["TST001", "TST002", "TST003"]);
        assert_eq!(findings[0]["severity"], "error");
        assert_eq!(findings[0]["fix"]["edits"][0]["replacement"], "[redacted]");
        assert_eq!(findings[1]["fix"], Value::Null);
        assert!(findings[1].get("related").is_none() && findings[1].get("row").is_none());
        assert_eq!(findings[2]["path"], "posts/my b,1.md");
        let summary = &doc["summary"];
        assert_eq!(
            [&summary["error"], &summary["warning"], &summary["info"], &summary["files_with_findings"]],
            [&Value::from(1), &1.into(), &1.into(), &2.into()]
        );
        assert_eq!(doc["files_scanned"], 3);
        assert!(doc.get("warnings").is_none() && doc.get("fixed").is_none(), "{doc}");
    }

    #[test]
    fn errors_warnings_and_fixed_files_are_fields_of_the_document_and_stderr_stays_empty() {
        let fixed = vec![FixedFile { path: "posts/a.md".to_string(), edits: 2 }];
        let (doc, err) = document(false, &testing::run_with_problems(Some(fixed)));
        assert_eq!(err, "");
        assert_eq!(doc["errors"][0]["path"], "missing.md");
        assert_eq!(doc["warnings"][0]["path"], "posts/typo.md");
        assert_eq!(doc["fixed"][0]["edits"], 2);
    }

    #[test]
    fn a_run_without_findings_has_an_empty_array() {
        let written = testing::write(Format::Json, false, Vec::new(), &RunReport::default());
        assert!(written.out.contains("\"findings\": [],\n"), "{}", written.out);
    }
}
