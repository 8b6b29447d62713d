//! `sarif` output: SARIF 2.1.0, for code-scanning dashboards. Columns are Unicode code points, as in the other
//! formats (declared with `columnKind`).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::Report;
use crate::check::{FileReport, RunReport};
use crate::finding::Severity;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn write(out: &mut impl Write, report: &Report, files: &[FileReport], run: &RunReport) -> io::Result<()> {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|r| {
            let mut help = r.description.clone().unwrap_or_else(|| r.message.clone());
            if let Some(why) = &r.why {
                help.push_str("\n\n");
                help.push_str(why);
            }
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.description.as_deref().unwrap_or(&r.message) },
                "help": { "text": help },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "category": r.category, "tags": [r.category] }
            })
        })
        .collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| (file.path.as_str(), f)))
        .map(|(path, f)| {
            let rule = &report.rules[f.rule];
            let mut result = json!({
                "ruleId": rule.id,
                "ruleIndex": f.rule,
                "level": level(rule.severity),
                "message": { "text": rule.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": path },
                        "region": {
                            "startLine": f.begin_pos.line,
                            "startColumn": f.begin_pos.column,
                            "endLine": f.end_pos.line,
                            "endColumn": f.end_pos.column,
                            "byteOffset": f.start,
                            "byteLength": f.end - f.start
                        }
                    }
                }],
                "properties": { "excerpt": report.excerpt(f) }
            });
            if let Some(fix) = &f.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": { "byteOffset": e.start, "byteLength": e.end - e.start },
                            "insertedContent": { "text": e.replacement }
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.description },
                    "artifactChanges": [{ "artifactLocation": { "uri": path }, "replacements": replacements }]
                }]);
            }
            result
        })
        .collect();
    let notification = |level: &str, e: &crate::input::InputError| {
        json!({
            "level": level,
            "message": { "text": e.message },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": e.path } } }]
        })
    };
    let failed = !run.errors.is_empty();
    let notifications: Vec<Value> = (run.errors.iter().map(|e| notification("error", e)))
        .chain(run.warnings.iter().map(|w| notification("warning", w)))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "carelint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{ "executionSuccessful": !failed, "toolExecutionNotifications": notifications }],
            "results": results
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
