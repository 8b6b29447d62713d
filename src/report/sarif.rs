//! `sarif` output: SARIF 2.1.0, for code-scanning dashboards. Columns are Unicode code points, as in the other
//! formats (declared with `columnKind`).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::spool::{ArraySpool, PLACEHOLDER};
use super::{Printer, Report, Totals};
use crate::finding::{FileReport, Finding, RunReport};
use crate::finding::{Position, Severity};

/// Where the results' items stand in the pretty-printed log (`runs[0].results`).
const RESULTS_INDENT: usize = 8;

/// Buffers: the results come after the rules and the invocation, so they wait in a spool until the run ends.
/// Errors and warnings are notifications of the invocation; the log has no place for the `--fix` summary.
pub struct Sarif {
    results: ArraySpool,
}

impl Sarif {
    /// A report with no results yet.
    pub fn new() -> Sarif {
        Sarif { results: ArraySpool::new(RESULTS_INDENT) }
    }
}

impl Printer for Sarif {
    fn file(&mut self, _: &mut dyn Write, report: &Report, file: &FileReport) -> io::Result<()> {
        add_file(&mut self.results, report, file)
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, report: &Report, run: &RunReport, _: &Totals) -> io::Result<()> {
        write(out, report, self.results, run)
    }
}

/// A report path as a SARIF `uri`: a relative reference for a relative path, a `file:` URI for an absolute one (a
/// reference that begins with `/` is not a path to viewers), with the bytes a URI cannot hold percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The results of one file, added to the log's array: its findings, then the findings its suppressions silenced,
/// each with a `suppressions` entry (`inSource`, the comment's line, the reason as its justification).
fn add_file(spool: &mut ArraySpool, report: &Report, file: &FileReport) -> io::Result<()> {
    let uri = uri(&file.path);
    for f in &file.findings {
        spool.push(&result(report, &uri, f))?;
    }
    for s in &file.suppressed {
        let mut result = result(report, &uri, &s.finding);
        let mut suppression = json!({
            "kind": "inSource",
            "location": { "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": { "startLine": s.line }
            }},
            "properties": { "directive": s.by }
        });
        if let Some(reason) = s.reason(report.show_matches) {
            suppression["justification"] = Value::from(reason);
        }
        result["suppressions"] = json!([suppression]);
        spool.push(&result)?;
    }
    Ok(())
}

/// One finding as a SARIF result.
fn result(report: &Report, path: &str, f: &Finding) -> Value {
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
        "level": level(f.severity_or(rule.severity)),
        "message": { "text": f.message(&rule.message) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": path },
                "region": region(f.start, f.end, f.begin_pos, f.end_pos)
            }
        }],
        "properties": { "excerpt": report.excerpt(f) }
    });
    if !f.slots.is_empty() {
        let slots: Vec<Value> =
            f.slots.iter().map(|s| json!({ "slot": s.slot, "excerpt": report.related_excerpt(&s.place) })).collect();
        result["properties"]["slots"] = Value::Array(slots);
    }
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
            "artifactChanges": [{ "artifactLocation": { "uri": path }, "replacements": replacements }],
            "properties": { "applicability": fix.applicability }
        }]);
    }
    result
}

/// The whole log, with the results from the spool.
fn write(out: &mut dyn Write, report: &Report, results: ArraySpool, run: &RunReport) -> io::Result<()> {
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
    let notification = |level: &str, e: &crate::finding::InputError| {
        json!({
            "level": level,
            "message": { "text": e.message },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } }]
        })
    };
    let failed = !run.errors.is_empty();
    let notifications: Vec<Value> = (run.errors.iter().map(|e| notification("error", e)))
        .chain(run.warnings.iter().map(|w| notification("warning", w)))
        .collect();
    let mut log = json!({
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
    // the run's properties: how many posts `--published-only` left out; with a baseline, how many findings it left
    // out (the results are the new ones only); the policy that judged the posts, as audit evidence
    let mut properties = serde_json::Map::new();
    if run.posts_left_out > 0 {
        properties.insert("postsLeftOut".into(), json!(run.posts_left_out));
    }
    if let Some(baselined) = run.baselined {
        properties.insert("baselined".into(), json!(baselined));
    }
    if let Some(audit) = report.audit {
        properties.insert("carelint".into(), json!(audit));
    }
    if !properties.is_empty() {
        log["runs"][0]["properties"] = Value::Object(properties);
    }
    results.write_into(out, &log)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::uri;
    use crate::finding::{FixedFile, RunReport};
    use crate::report::testing::{self, TICKET, TICKET_MASKED};
    use crate::report::{Format, Output, Report};

    fn sarif(show_matches: bool, run: &RunReport) -> (Value, String) {
        let written = testing::write(Format::Sarif, show_matches, testing::sample_files(), run);
        (serde_json::from_str(&written.out).expect("one SARIF log"), written.err)
    }

    #[test]
    fn results_mask_identifiers_unless_shown_and_point_to_related_places() {
        let run = RunReport { files_scanned: 3, ..RunReport::default() };
        for (show_matches, shown) in [(false, TICKET_MASKED), (true, TICKET)] {
            let (log, _) = sarif(show_matches, &run);
            let ticket = &log["runs"][0]["results"][0];
            assert_eq!(ticket["properties"]["excerpt"], shown);
            let related = &ticket["relatedLocations"][0];
            assert_eq!(related["id"], 1);
            assert_eq!(related["message"]["text"], format!("also here: {shown}"));
            assert_eq!(related["physicalLocation"]["region"]["startColumn"], 25);
        }
        let (log, _) = sarif(false, &run);
        assert!(!log.to_string().contains(TICKET), "{log}");
    }

    #[test]
    fn results_carry_rule_level_place_and_fix() {
        let (log, _) = sarif(false, &RunReport { files_scanned: 3, ..RunReport::default() });
        let results = log["runs"][0]["results"].as_array().unwrap();
        let levels: Vec<(&str, &str)> =
            results.iter().map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap())).collect();
        assert_eq!(levels, [("TST001", "error"), ("TST002", "warning"), ("TST003", "note")]);
        assert_eq!(results[1]["ruleIndex"], 1);
        let location = &results[2]["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "posts/my%20b%2C1.md");
        let replacement = &results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["insertedContent"]["text"], "[redacted]");
        assert!(results[1].get("fixes").is_none() && results[1].get("relatedLocations").is_none());
    }

    #[test]
    fn errors_and_warnings_are_notifications_and_stderr_stays_empty() {
        let (log, _) = sarif(false, &RunReport::default());
        assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
        let fixed = vec![FixedFile { path: "posts/a.md".to_string(), edits: 2 }];
        let (log, err) = sarif(false, &testing::run_with_problems(Some(fixed)));
        assert_eq!(err, "");
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notifications: Vec<(&str, &str)> = invocation["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                let uri = &n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
                (n["level"].as_str().unwrap(), uri.as_str().unwrap())
            })
            .collect();
        assert_eq!(notifications, [("error", "missing.md"), ("warning", "posts/typo.md")]);
    }

    #[test]
    fn the_driver_describes_the_reported_rules_only() {
        let mut rules = testing::rules();
        rules[testing::INFO].mask_only = true;
        let mut out = Vec::new();
        let report = Report { rules: &rules, show_matches: false, ..Report::default() };
        Output::new(Format::Sarif, report, &mut out, std::io::sink()).finish(&RunReport::default()).unwrap();
        let log: Value = serde_json::from_slice(&out).unwrap();
        let ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["TST001", "TST002"]);
        assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("posts/a.md"), "posts/a.md");
        assert_eq!(uri("posts/my post #2.md"), "posts/my%20post%20%232.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("notes/café.md"), "notes/caf%C3%A9.md");
    }
}
