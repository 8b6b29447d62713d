//! The reports CI systems read, checked by their consumers' rules: JUnit XML read back by a JUnit parser from PyPI,
//! GitLab Code Quality against its documented shape, SARIF (with suppressions) against the SARIF 2.1.0 schema (a
//! copy in `tests/schemas/`); and the thresholds and outputs around them (`--statistics`, `--min-severity`,
//! `--output-file`), and the audit evidence JSON and SARIF carry.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use sha2::{Digest, Sha256};

use common::{check_in, write};

const SSN: &str = "532-48-1975";

/// Three posts: an SSN (an error) plus an absolute claim (a warning), a suppressed SSN with its reason, and a clean one.
fn posts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "posts/a.md",
        format!("My SSN is {SSN}, please call.\n\nOur whitening is 100% safe with guaranteed results.\n"),
    );
    write(
        dir.path(),
        "posts/b & c.md",
        format!("<!-- carelint-disable-next-line PHI001 -- the training deck's sample -->\nmy SSN is {SSN}\n"),
    );
    write(dir.path(), "posts/clean.md", "Our clinic opens at 9 on Monday.\n");
    dir
}

/// A Python with `junitparser` installed from PyPI into a fresh virtual environment, or why there is none.
fn junitparser() -> Result<(tempfile::TempDir, std::path::PathBuf), String> {
    let venv = tempfile::tempdir().map_err(|e| e.to_string())?;
    let made =
        Command::new("python3").args(["-m", "venv"]).arg(venv.path()).output().map_err(|e| format!("python3: {e}"))?;
    if !made.status.success() {
        return Err(format!("python3 -m venv failed: {}", String::from_utf8_lossy(&made.stderr)));
    }
    let python = venv.path().join("bin/python");
    let pip = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "junitparser>=3,<5"])
        .output()
        .map_err(|e| e.to_string())?;
    if !pip.status.success() {
        return Err(format!("pip cannot install junitparser: {}", String::from_utf8_lossy(&pip.stderr)));
    }
    Ok((venv, python))
}

/// Reads a JUnit file with junitparser: each test case's name and the type and message of each of its results.
const READ_JUNIT: &str = r#"
import json, sys
from junitparser import JUnitXml
xml = JUnitXml.fromfile(sys.argv[1])
suites = list(xml) if hasattr(xml, "__iter__") else [xml]
out = {"suites": [], "cases": []}
for suite in suites:
    out["suites"].append({"name": suite.name, "tests": suite.tests, "failures": suite.failures, "errors": suite.errors})
    for case in suite:
        results = [{"kind": type(r).__name__, "type": r.type, "message": r.message, "text": r.text} for r in case.result]
        out["cases"].append({"name": case.name, "classname": case.classname, "results": results})
print(json.dumps(out))
"#;

#[test]
fn junit_is_read_back_by_a_junit_parser() {
    let dir = posts();
    let run = check_in(dir.path(), &["--format", "junit", "posts", "missing.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stdout.contains(SSN), "JUnit holds masked text only");
    let report = write(dir.path(), "report.xml", run.stdout.as_bytes());
    let (_venv, python) = match junitparser() {
        Ok(found) => found,
        Err(why) => {
            println!("skipped: the JUnit report is not read back by junitparser, which could not be installed ({why})");
            return;
        }
    };
    let read = Command::new(python).arg("-c").arg(READ_JUNIT).arg(&report).output().unwrap();
    assert!(read.status.success(), "junitparser could not read the report: {}", String::from_utf8_lossy(&read.stderr));
    let parsed: Value = serde_json::from_slice(&read.stdout).unwrap();
    let suite = &parsed["suites"][0];
    assert_eq!(suite["name"], "carelint");
    assert_eq!(
        (suite["tests"].as_u64(), suite["failures"].as_u64(), suite["errors"].as_u64()),
        (Some(4), Some(1), Some(1))
    );
    let cases: Vec<(&str, Vec<(&str, &str)>)> = parsed["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let results = c["results"].as_array().unwrap();
            let kinds = results.iter().map(|r| (r["kind"].as_str().unwrap(), r["type"].as_str().unwrap())).collect();
            (c["name"].as_str().unwrap(), kinds)
        })
        .collect();
    assert_eq!(
        cases,
        [
            ("posts/a.md", vec![("Failure", "PHI001"), ("Failure", "MIS004")]),
            ("posts/b & c.md", vec![]),
            ("posts/clean.md", vec![]),
            ("missing.md", vec![("Error", "input")]),
        ]
    );
    let failure = &parsed["cases"][0]["results"][0];
    assert!(failure["message"].as_str().unwrap().starts_with("1:11: error[PHI001] "), "{failure}");
    assert!(failure["text"].as_str().unwrap().contains("matched: ***-**-**75"), "{failure}");
}

/// The fields GitLab's Code Quality report requires, checked as its documentation describes them.
fn assert_code_quality_shape(issues: &Value) {
    let issues = issues.as_array().expect("a JSON array of issues");
    for issue in issues {
        let text = |key: &str| issue[key].as_str().unwrap_or_else(|| panic!("{key} is a string: {issue}"));
        assert!(!text("description").is_empty(), "{issue}");
        assert!(!text("check_name").is_empty(), "{issue}");
        let fingerprint = text("fingerprint");
        assert!(fingerprint.len() == 64 && fingerprint.chars().all(|c| c.is_ascii_hexdigit()), "{issue}");
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&text("severity")), "{issue}");
        let path = issue["location"]["path"].as_str().expect("location.path");
        assert!(!path.is_empty() && !path.starts_with('/'), "a path relative to the repository: {issue}");
        assert!(issue["location"]["lines"]["begin"].as_u64().is_some_and(|l| l >= 1), "{issue}");
    }
    let mut fingerprints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
}

#[test]
fn gitlab_code_quality_has_its_documented_shape_and_stable_irreversible_fingerprints() {
    let dir = posts();
    let run = check_in(dir.path(), &["--format", "gitlab", "--show-matches", "posts"]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains(SSN), "Code Quality holds masked text only, even with --show-matches");
    let issues = common::json(&run.stdout);
    assert_code_quality_shape(&issues);
    let checks: Vec<(&str, &str, u64)> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let line = i["location"]["lines"]["begin"].as_u64().unwrap();
            (i["check_name"].as_str().unwrap(), i["severity"].as_str().unwrap(), line)
        })
        .collect();
    assert_eq!(checks, [("PHI001", "critical", 1), ("MIS004", "major", 3)]);
    // no plain hash of the identifier, in any usual spelling
    let fingerprint = issues[0]["fingerprint"].as_str().unwrap();
    for spelling in [SSN, "532481975", "532 48 1975"] {
        assert_ne!(fingerprint, format!("{:x}", Sha256::digest(spelling.as_bytes())));
    }
    // a line inserted above keeps the fingerprints
    write(
        dir.path(),
        "posts/a.md",
        format!(
            "New intro line.\n\nMy SSN is {SSN}, please call.\n\nOur whitening is 100% safe with guaranteed results.\n"
        ),
    );
    let moved = common::json(&check_in(dir.path(), &["--format", "gitlab", "posts"]).stdout);
    assert_eq!(moved[0]["fingerprint"], issues[0]["fingerprint"]);
    assert_eq!(moved[0]["location"]["lines"]["begin"], 3);
    assert_eq!(
        common::json(&check_in(dir.path(), &["--format", "gitlab", "posts/clean.md"]).stdout),
        Value::Array(vec![])
    );
}

/// The SARIF 2.1.0 schema, from the copy kept with the tests.
fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{}", errors.join("\n"));
}

#[test]
fn sarif_with_suppressions_fixes_and_errors_is_valid_sarif_2_1_0() {
    let validator = sarif_validator();
    let dir = posts();
    write(dir.path(), "posts/typo.md", "<!-- carelint-disable PHI999 -->\nHi\n");
    let run = check_in(dir.path(), &["--format", "sarif", "posts", "missing.md"]);
    assert_eq!(run.code, 2);
    let log = common::json(&run.stdout);
    assert_valid_sarif(&validator, &log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&Value> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(suppressed.len(), 1, "{results:?}");
    let suppression = &suppressed[0]["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(suppression["justification"], "the training deck's sample");
    assert_eq!(suppression["location"]["physicalLocation"]["region"]["startLine"], 1);
    assert_eq!(suppressed[0]["properties"]["excerpt"], "***-**-**75");
    let fixes: Vec<&Value> = results.iter().filter_map(|r| r.get("fixes")).collect();
    assert!(fixes.iter().all(|f| ["safe", "unsafe"].contains(&f[0]["properties"]["applicability"].as_str().unwrap())));
    assert!(!run.stdout.contains(SSN));
    // and with an audit run: the finding is back, unsuppressed
    let audit = common::json(&check_in(dir.path(), &["--format", "sarif", "--no-inline-suppressions", "posts"]).stdout);
    assert_valid_sarif(&validator, &audit);
    assert!(audit["runs"][0]["results"].as_array().unwrap().iter().all(|r| r.get("suppressions").is_none()));
}

#[test]
fn the_snapshot_logs_are_valid_sarif_too() {
    let validator = sarif_validator();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let run = check_in(&fixtures, &["--format", "sarif", "posts", "related"]);
    assert_valid_sarif(&validator, &common::json(&run.stdout));
}

#[test]
fn json_and_sarif_carry_the_version_ruleset_digest_and_configuration() {
    let dir = posts();
    let (_, report) = common::check_json_in(dir.path(), &["--fail-on", "warning", "--ignore", "PLT", "posts"]);
    let policy = &report["policy"];
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let digest = policy["ruleset_digest"].as_str().unwrap();
    assert!(digest.starts_with("sha256:") && digest.len() == 71, "{digest}");
    assert_eq!(policy["configuration"]["fail_on"], "warning");
    assert_eq!(policy["configuration"]["ignore"], serde_json::json!(["PLT"]));
    assert_eq!(policy["configuration"]["inline_suppressions"], true);
    // the same policy gives the same digest; another selection, severity or ruleset gives another
    let again = common::check_json_in(dir.path(), &["--fail-on", "warning", "--ignore", "PLT", "posts"]).1;
    assert_eq!(again["policy"]["ruleset_digest"], digest);
    let fewer = common::check_json_in(dir.path(), &["posts"]).1;
    assert_ne!(fewer["policy"]["ruleset_digest"], digest);
    write(dir.path(), "carelint.toml", "[severity]\nMIS004 = \"info\"\n");
    let run =
        common::carelint(&["check", "--format", "json", "--ignore", "PLT", "posts"]).current_dir(dir.path()).run();
    let config = run.json();
    assert_ne!(config["policy"]["ruleset_digest"], digest);
    assert_eq!(config["policy"]["configuration"]["severity"]["MIS004"], "info");
    let sarif = common::json(&check_in(dir.path(), &["--format", "sarif", "--ignore", "PLT", "posts"]).stdout);
    let carelint = &sarif["runs"][0]["properties"]["carelint"];
    assert_eq!(carelint["ruleset_digest"], digest);
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = posts();
    write(dir.path(), "posts/d.md", format!("Card: SSN {SSN} again.\n"));
    let run = check_in(dir.path(), &["--statistics", "posts"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["2", "PHI001", "error", "us-ssn"], "{}", run.stdout);
    assert!(lines[1].contains("MIS004"), "{}", run.stdout);
    assert!(lines[2].starts_with("Found 3 problems"), "{}", run.stdout);
    let refused = check_in(dir.path(), &["--statistics", "--format", "sarif", "posts"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}

#[test]
fn min_severity_hides_findings_without_changing_what_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "claim.md", "Our whitening is 100% safe with guaranteed results.\n");
    let (run, report) =
        common::check_json_in(dir.path(), &["--min-severity", "error", "--fail-on", "warning", "claim.md"]);
    assert_eq!(run.code, 1, "the hidden warning still fails the run");
    assert_eq!(report["findings"], Value::Array(vec![]));
    let human = check_in(dir.path(), &["--min-severity", "error", "claim.md"]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.contains("No problems found in 1 file. 1 more below --min-severity not shown."),
        "{}",
        human.stdout
    );
}

#[test]
fn output_file_takes_the_report_and_the_terminal_gets_a_summary() {
    let dir = posts();
    let run = check_in(dir.path(), &["--format", "sarif", "--output-file", "carelint.sarif", "posts"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("Found 2 problems (1 error, 1 warning, 0 info) in 1 of 3 files."), "{}", run.stdout);
    assert!(run.stdout.contains("Report written to carelint.sarif."), "{}", run.stdout);
    let log = common::json(&std::fs::read_to_string(dir.path().join("carelint.sarif")).unwrap());
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 3, "two findings and one suppressed");
    let failed = check_in(dir.path(), &["--output-file", "no/such/dir/report.txt", "posts"]);
    assert_eq!(failed.code, 2, "{}", failed.stderr);
}
