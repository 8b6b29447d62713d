//! Input kinds decided by the name an input is checked as: stdin named `--stdin-filename plan.csv` is a calendar,
//! reported row by row exactly as the same file would be.

mod common;

use common::Run;

/// A small calendar whose second data row makes a claim (MIS001) inside a quoted, escaped cell.
const CALENDAR: &str = "date,platform,text\n\
2026-01-05,facebook,Flu shots every weekday.\n\
2026-01-06,facebook,\"Dear \"\"friends\"\", vaccines cause autism.\"\n";

/// `carelint check --no-config --format json ARGS` in `dir`, with `stdin` piped in.
fn check(dir: &std::path::Path, args: &[&str], stdin: &str) -> Run {
    common::carelint(&[&["check", "--no-config", "--format", "json"], args].concat())
        .current_dir(dir)
        .stdin(stdin)
        .run()
}

#[test]
fn stdin_named_as_a_calendar_is_checked_row_by_row_like_the_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(dir.path().join("plan.csv"), CALENDAR).expect("calendar written");
    let from_file = check(dir.path(), &["plan.csv"], "");
    let from_stdin = check(dir.path(), &["--stdin-filename", "plan.csv", "-"], CALENDAR);
    assert_eq!(from_stdin.code, 1, "{}", from_stdin.stderr);
    assert_eq!(from_stdin.stdout, from_file.stdout, "stdin is reported as the file is");
    let report = from_stdin.json();
    let findings = &report["findings"];
    let finding = findings.as_array().and_then(|f| f.first()).expect("a finding");
    assert_eq!(finding["rule"], "MIS001");
    assert_eq!(finding["row"], 2);
    assert_eq!(finding["path"], "plan.csv");
    // the place in the file, through the cell's quotes and doubled quotes
    assert_eq!((&finding["line"], &finding["column"]), (&serde_json::json!(3), &serde_json::json!(40)));
    // and its byte offsets are the file's
    let start = finding["start"].as_u64().expect("a start offset") as usize;
    assert_eq!(&CALENDAR[start..start + "vaccines".len()], "vaccines");
}

#[test]
fn stdin_is_a_post_unless_its_name_says_otherwise() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for args in [&["-"][..], &["--stdin-filename", "plan.md", "-"][..]] {
        let findings = check(dir.path(), args, CALENDAR).json()["findings"].clone();
        let rows: Vec<&serde_json::Value> = findings.as_array().expect("findings").iter().map(|f| &f["row"]).collect();
        assert!(!rows.is_empty() && rows.iter().all(|r| r.is_null()), "{args:?}: a post has no rows: {findings}");
    }
}

#[test]
fn stdin_named_as_a_json_export_is_checked_record_by_record() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let jsonl = "{\"text\": \"Flu shots every weekday.\"}\n{\"text\": \"Vaccines cause autism, some say.\"}\n";
    let json = format!("[{}]", jsonl.trim_end().replace('\n', ","));
    for (name, text) in [("export.jsonl", jsonl), ("export.ndjson", jsonl), ("export.json", json.as_str())] {
        let findings = check(dir.path(), &["--stdin-filename", name, "-"], text).json()["findings"].clone();
        let rows: Vec<&serde_json::Value> = findings.as_array().expect("findings").iter().map(|f| &f["row"]).collect();
        assert_eq!(rows, [&serde_json::json!(2)], "{name}: {findings}");
    }
}
