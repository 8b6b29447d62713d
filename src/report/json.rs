//! `json` output, version 1 of the contract: one object, fields in the contract's order.

use std::io::{self, Write};

use serde::Serialize;

use super::spool::{ArraySpool, PLACEHOLDER};
use super::{Printer, Report, Totals};
use crate::finding::{FileReport, FixedFile, RunReport};
use crate::finding::{Fix, Position, Severity};

/// Where the findings' items stand in the pretty-printed document.
const FINDINGS_INDENT: usize = 4;

/// Buffers: the counts come before the findings, so the findings wait in a spool until the run ends. Errors,
/// warnings and the rewritten files are fields of the document.
pub struct Json {
    findings: ArraySpool,
}

impl Json {
    pub fn new() -> Json {
        Json { findings: ArraySpool::new(FINDINGS_INDENT) }
    }
}

impl Printer for Json {
    fn needs_source_lines(&self) -> bool {
        false
    }

    fn reports_run_problems(&self) -> bool {
        true
    }

    fn file(&mut self, _: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
        add_file(&mut self.findings, report, file)
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _: &Report, run: &RunReport, totals: &Totals) -> io::Result<()> {
        write(out, self.findings, run, totals)
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
    message: &'a str,
    excerpt: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated>,
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
        let rule = &report.rules[f.rule];
        let related = f
            .related
            .iter()
            .map(|r| JsonRelated {
                place: Place::of(r.start, r.end, r.begin_pos, r.end_pos),
                excerpt: report.related_excerpt(r),
            })
            .collect();
        spool.push(&JsonFinding {
            rule: &rule.id,
            name: &rule.name,
            category: &rule.category,
            severity: rule.severity,
            path: &file.path,
            place: Place::of(f.start, f.end, f.begin_pos, f.end_pos),
            message: &rule.message,
            excerpt: report.excerpt(f),
            related,
            row: f.row,
            fix: f.fix.as_ref(),
        })?;
    }
    Ok(())
}

/// The whole document, with the findings from the spool.
fn write(out: &mut dyn Write, findings: ArraySpool, run: &RunReport, totals: &Totals) -> io::Result<()> {
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
    };
    findings.write_into(out, &document)
}
