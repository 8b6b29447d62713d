//! `json` output, version 1 of the contract: one object, fields in the contract's order.

use serde::Serialize;

use super::Report;
use crate::finding::{Fix, Severity};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    files_scanned: usize,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
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

pub fn render(report: &Report) -> String {
    let findings = report
        .findings()
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
    let out = JsonReport {
        version: 1,
        tool: Tool { name: "carelint", version: env!("CARGO_PKG_VERSION") },
        files_scanned: report.run.files_scanned,
        findings,
        errors: report.run.errors.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        summary: Summary {
            error: report.count(Severity::Error),
            warning: report.count(Severity::Warning),
            info: report.count(Severity::Info),
            files_with_findings: report.run.files.len(),
        },
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
