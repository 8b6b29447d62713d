//! `json` output, version 1 of the contract: one object, fields in the contract's order.

use std::io::{self, Write};

use serde::Serialize;

use super::{Report, Totals};
use crate::check::{FileReport, RunReport};
use crate::finding::{Fix, Severity};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    files_scanned: usize,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    /// Problems that do not fail the run (a suppression that names no rule); left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<JsonError<'a>>,
    summary: Summary,
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
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    message: &'a str,
    excerpt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<usize>,
    fix: Option<&'a Fix>,
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

pub fn write(
    out: &mut impl Write,
    report: &Report,
    files: &[FileReport],
    run: &RunReport,
    totals: &Totals,
) -> io::Result<()> {
    let findings = files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| (file.path.as_str(), f)))
        .map(|(path, f)| {
            let rule = &report.rules[f.rule];
            JsonFinding {
                rule: &rule.id,
                name: &rule.name,
                category: &rule.category,
                severity: rule.severity,
                path,
                line: f.begin_pos.line,
                column: f.begin_pos.column,
                end_line: f.end_pos.line,
                end_column: f.end_pos.column,
                start: f.start,
                end: f.end,
                message: &rule.message,
                excerpt: report.excerpt(f),
                row: f.row,
                fix: f.fix.as_ref(),
            }
        })
        .collect();
    let document = JsonReport {
        version: 1,
        tool: Tool { name: "carelint", version: env!("CARGO_PKG_VERSION") },
        files_scanned: run.files_scanned,
        findings,
        errors: run.errors.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        warnings: run.warnings.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        summary: Summary {
            error: totals.error,
            warning: totals.warning,
            info: totals.info,
            files_with_findings: totals.files_with_findings,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
