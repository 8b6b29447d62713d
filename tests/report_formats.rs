//! A whole run in every output format, stdout and stderr together: over the fixture posts, with `--fix`, and with
//! inputs that fail or warn. The runs use relative paths from a fixed directory, so the snapshots hold no temporary
//! paths.

use std::path::Path;

mod common;

const FORMATS: [&str; 7] = ["human", "concise", "json", "sarif", "github", "junit", "gitlab"];

/// A post whose SSN has a safe fix, and one with a claim that has none.
const SSN_POST: &str = "For the insurance form my SSN is 219-45-6781, please call me back.\n";
const CLAIM_POST: &str = "This miracle cure fixes everything.\n";

/// `carelint check --no-config ARGS` run in `dir`: the exit code, stdout and stderr as one text.
fn check_in(dir: &Path, args: &[&str]) -> String {
    let run = common::check_in(dir, args);
    format!("exit code: {}\n--- stdout\n{}--- stderr\n{}", run.code, run.stdout, run.stderr)
}

/// The SARIF rule descriptions are the rule files' own texts: the snapshot keeps their number and what the run did.
fn without_sarif_rules(run: &str) -> String {
    let (head, rest) = run.split_once("--- stdout\n").expect("stdout section");
    let (log, stderr) = rest.split_once("--- stderr\n").expect("stderr section");
    let mut log: serde_json::Value = serde_json::from_str(log).expect("stdout is one SARIF log");
    let rules = &mut log["runs"][0]["tool"]["driver"]["rules"];
    let count = rules.as_array().expect("rules").len();
    *rules = serde_json::Value::from(format!("{count} rules"));
    format!("{head}--- stdout\n{}\n--- stderr\n{stderr}", serde_json::to_string_pretty(&log).unwrap())
}

fn snapshot(name: &str, format: &str, run: String) {
    let run = if format == "sarif" { without_sarif_rules(&run) } else { run };
    let run = common::without_digest(&run);
    insta::assert_snapshot!(format!("{name}_{format}"), run);
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn every_format_over_the_fixture_posts() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for format in FORMATS {
        snapshot("fixture_posts", format, check_in(&fixtures, &["--format", format, "posts", "related"]));
    }
}

#[test]
fn every_format_with_fix() {
    for format in FORMATS {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("posts/a.md", SSN_POST), ("posts/b.md", &format!("{SSN_POST}{CLAIM_POST}"))]);
        snapshot("fix", format, check_in(dir.path(), &["--fix", "--format", format, "posts"]));
    }
}

#[test]
fn every_format_with_errors_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("posts/claim.md", CLAIM_POST),
            ("posts/broken-front-matter.md", &format!("---\nkind: [unclosed\n---\n{SSN_POST}")),
            ("posts/typo.md", &format!("<!-- carelint-disable-next-line PHI999 -->\n{CLAIM_POST}")),
        ],
    );
    for format in FORMATS {
        snapshot("errors", format, check_in(dir.path(), &["--format", format, "posts", "missing.md"]));
    }
}

#[test]
fn human_output_and_its_console_messages_in_one_stream_come_in_order() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[("posts/a.md", &format!("{SSN_POST}{CLAIM_POST}")), ("posts/typo.md", "<!-- carelint-disable PHI999 -->\n")],
    );
    // findings first, then the errors and warnings that refer to them, the summary, and what --fix did
    let out = std::process::Command::new("sh")
        .args(["-c", "\"$0\" check --no-config --fix posts missing.md 2>&1", env!("CARGO_BIN_EXE_carelint")])
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    insta::assert_snapshot!("human_one_stream", String::from_utf8(out.stdout).expect("output is UTF-8"));
}

/// A frame rule's finding carries the words that filled its slots (the SSN beside it is masked as usual).
#[test]
fn every_format_shows_the_slots_of_a_frame_finding() {
    let dir = tempfile::tempdir().unwrap();
    let post = "Our elderberry gummies prevent the flu all winter long. My SSN is 219-45-6781.\n";
    write(dir.path(), &[("posts/frame.md", post)]);
    for format in FORMATS {
        snapshot("frame_slots", format, check_in(dir.path(), &["--format", format, "posts"]));
    }
}
