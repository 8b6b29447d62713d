//! `sarif` output: SARIF 2.1.0, for code-scanning dashboards. Columns are Unicode code points, as in the other
//! formats (declared with `columnKind`).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::spool::{ArraySpool, PLACEHOLDER};
use super::Report;
use crate::check::{FileReport, RunReport};
use crate::finding::{Position, Severity};

/// Where the results' items stand in the pretty-printed log (`runs[0].results`).
pub const RESULTS_INDENT: usize = 8;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The results of one file, added to the log's array.
pub fn add_file(spool: &mut ArraySpool, report: &Report, file: &FileReport) -> io::Result<()> {
    let path = file.path.as_str();
    for f in &file.findings {
        let rule = &report.rules[f.rule];
        let region = |start: usize, end: usize, begin: Position, stop: Position| {
            json!({
                "startLine": begin.line,
                "startColumn": begin.column,
                "endLine": stop.line,
                "endColumn": stop.column,
                "byteOffset": start,
                "byteLength": end - start
            })
        };
        let mut result = json!({
            "ruleId": rule.id,
            "ruleIndex": f.rule,
            "level": level(rule.severity),
            "message": { "text": rule.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": path },
                    "region": region(f.start, f.end, f.begin_pos, f.end_pos)
                }
            }],
            "properties": { "excerpt": report.excerpt(f) }
        });
        if !f.related.is_empty() {
            let related: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({
                        "id": i + 1,
                        "message": { "text": format!("also here: {}", report.related_excerpt(r)) },
                        "physicalLocation": {
                            "artifactLocation": { "uri": path },
                            "region": region(r.start, r.end, r.begin_pos, r.end_pos)
                        }
                    })
                })
                .collect();
            result["relatedLocations"] = Value::Array(related);
        }
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
        spool.push(&result)?;
    }
    Ok(())
}

/// The whole log, with the results from the spool.
pub fn write(out: &mut impl Write, report: &Report, results: ArraySpool, run: &RunReport) -> io::Result<()> {
    let rules: Vec<Value> = report
        .reported_rules()
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
            "results": PLACEHOLDER
        }]
    });
    results.write_into(out, &log)
}
