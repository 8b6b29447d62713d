//! Reading any file safely: special files, binary and oversized inputs; UTF-16 and BOMs; CR-only line endings.
//! Drives the real binary.

mod common;

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use common::{findings, write, Invocation, Run};

/// A post with one SSN (PHI001, safe fix `[redacted]`) at column 11 of its first line.
const SSN_POST: &str = "My SSN is 532-48-1975, call me.\n";
const SSN_COLUMN: u64 = 11;
const SSN_LEN: u64 = 11;

/// A hang (a FIFO opened for reading) must fail the test instead of stalling the suite; no test asserts a time.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// `carelint ARGS` in `dir`, stopped by the hang guard.
fn carelint(dir: &Path, args: &[&str]) -> Invocation {
    common::carelint(args).current_dir(dir).timeout(HANG_GUARD)
}

/// `carelint check --no-config --format json ARGS` in `dir`.
fn check_json(dir: &Path, args: &[&str]) -> (Run, Value) {
    let run = carelint(dir, &[&["check", "--no-config", "--format", "json"], args].concat()).run();
    let report = run.json();
    (run, report)
}

fn errors(report: &Value) -> Vec<(String, String)> {
    let list = report["errors"].as_array().expect("errors array");
    list.iter().map(|e| (e["path"].as_str().unwrap().to_string(), e["message"].as_str().unwrap().to_string())).collect()
}

/// The SSN findings as (line, column, start, end).
/// Every place an SSN was found: each PHI001 finding and the related places listed in it.
fn ssn_places(report: &Value) -> Vec<(u64, u64, u64, u64)> {
    let place = |f: &Value| {
        (
            f["line"].as_u64().unwrap(),
            f["column"].as_u64().unwrap(),
            f["start"].as_u64().unwrap(),
            f["end"].as_u64().unwrap(),
        )
    };
    findings(report)
        .iter()
        .filter(|f| f["rule"] == "PHI001")
        .flat_map(|f| std::iter::once(place(f)).chain(f["related"].as_array().into_iter().flatten().map(place)))
        .collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let unit = |u: u16| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() };
    std::iter::once(0xFEFF).chain(text.encode_utf16()).flat_map(unit).collect()
}

#[cfg(unix)]
#[test]
fn fifo_on_the_command_line_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("pipe.md")).status().expect("mkfifo runs");
    assert!(made.success());
    write(dir.path(), "post.md", SSN_POST);
    let (run, report) = check_json(dir.path(), &["pipe.md", "post.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        errors(&report),
        vec![("pipe.md".to_string(), "not a regular file (a named pipe), not read".to_string())]
    );
    assert_eq!(report["files_scanned"], 1);
    assert_eq!(ssn_places(&report).len(), 1, "the other file is still checked");
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_is_refused_as_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let (run, report) = check_json(dir.path(), &["/dev/zero"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        errors(&report),
        vec![("/dev/zero".to_string(), "not a regular file (a character device), not read".to_string())]
    );
}

#[test]
fn oversized_file_is_an_error_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    // 50 MB of NUL bytes (sparse): were it read, it would be called binary, not too large
    let big = std::fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(50_000_000).unwrap();
    write(dir.path(), "post.md", SSN_POST);
    let (run, report) = check_json(dir.path(), &["big.md", "post.md"]);
    assert_eq!(run.code, 2);
    let message = "file is 50000000 bytes, larger than the 8388608-byte limit (--max-file-size), not read";
    assert_eq!(errors(&report), vec![("big.md".to_string(), message.to_string())]);
    assert_eq!(ssn_places(&report).len(), 1, "the other file is still checked");
}

#[test]
fn a_calendar_may_be_larger_than_a_post_by_default() {
    let dir = tempfile::tempdir().unwrap();
    // 9 MB: over a post's default cap, under a calendar's (its blank lines are skipped, so the check is quick)
    let big = format!("text\n{}", "\n".repeat(9_000_000));
    write(dir.path(), "week.csv", &big);
    write(dir.path(), "post.md", &big);
    let (run, report) = check_json(dir.path(), &["week.csv", "post.md"]);
    assert_eq!(run.code, 2);
    let message = "file is 9000005 bytes, larger than the 8388608-byte limit (--max-file-size), not read";
    assert_eq!(errors(&report), vec![("post.md".to_string(), message.to_string())]);
    assert_eq!(report["files_scanned"], 1, "the calendar is read");
    // an explicit cap applies to both
    let (_, report) = check_json(dir.path(), &["--max-file-size", "1MB", "week.csv"]);
    assert_eq!(errors(&report).len(), 1);
}

#[test]
fn max_file_size_option_takes_bytes_and_units() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "post.md", SSN_POST.repeat(40)); // 1,280 bytes
    let (run, report) = check_json(dir.path(), &["--max-file-size", "1KB", "post.md"]);
    assert_eq!(run.code, 2);
    assert!(errors(&report)[0].1.contains("larger than the 1000-byte limit"), "{report}");
    let (run, report) = check_json(dir.path(), &["--max-file-size", "2KiB", "post.md"]);
    assert_eq!(run.code, 1);
    assert_eq!(ssn_places(&report).len(), 40);
    let (run, _) = check_json(dir.path(), &["--max-file-size", "1280", "post.md"]);
    assert_eq!(run.code, 1, "a file of exactly the limit is read");
    let bad = carelint(dir.path(), &["check", "--no-config", "--max-file-size", "lots", "post.md"]).run();
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("`lots` is not a size"), "{}", bad.stderr);
}

#[test]
fn max_file_size_from_config_and_option_wins() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "post.md", SSN_POST.repeat(40));
    write(dir.path(), "carelint.toml", "[input]\nmax-file-size = \"1KB\"\n");
    let run = carelint(dir.path(), &["check", "--format", "json", "post.md"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("larger than the 1000-byte limit"), "{}", run.stdout);
    let run = carelint(dir.path(), &["check", "--format", "json", "--max-file-size", "1MB", "post.md"]).run();
    assert_eq!(run.code, 1, "{}", run.stdout);
}

#[test]
fn stdin_is_bounded_by_max_file_size() {
    let dir = tempfile::tempdir().unwrap();
    let input = SSN_POST.repeat(100).into_bytes(); // 3,200 bytes
    let run =
        carelint(dir.path(), &["check", "--no-config", "--max-file-size", "1000", "-"]).stdin(input.clone()).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("-: file is larger than the 1000-byte limit"), "{}", run.stderr);
    let run = carelint(dir.path(), &["check", "--no-config", "--format", "concise", "-"]).stdin(input).run();
    assert_eq!(run.code, 1);
}

#[test]
fn binary_file_is_still_reported_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let (run, report) = check_json(dir.path(), &["image.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(errors(&report)[0].1, "binary file (NUL byte at byte 8), not checked");
}

#[test]
fn utf16_posts_are_checked_with_offsets_in_their_own_bytes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "le.md", utf16(SSN_POST, false));
    write(dir.path(), "be.md", utf16(SSN_POST, true));
    let (run, report) = check_json(dir.path(), &["le.md", "be.md"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(errors(&report).is_empty());
    // the BOM is 2 bytes, then 2 bytes a character: the SSN starts after "My SSN is "
    let start = 2 + 2 * (SSN_COLUMN - 1);
    let place = (1, SSN_COLUMN, start, start + 2 * SSN_LEN);
    assert_eq!(ssn_places(&report), vec![place, place]);
    let edits = &findings(&report)[0]["fix"]["edits"][0];
    assert_eq!((edits["start"].as_u64(), edits["end"].as_u64()), (Some(place.2), Some(place.3)));
}

#[test]
fn utf16_offsets_count_surrogate_pairs_and_accents() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Café 😀 day\nMy SSN is 532-48-1975.\n";
    write(dir.path(), "post.md", utf16(text, false));
    let (_, report) = check_json(dir.path(), &["post.md"]);
    // line 1 is 12 UTF-16 units with its break (the emoji is two)
    let start = 2 + 2 * (12 + 10);
    assert_eq!(ssn_places(&report), vec![(2, SSN_COLUMN, start, start + 2 * SSN_LEN)]);
}

#[test]
fn utf16_human_output_shows_the_masked_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "post.md", utf16(SSN_POST, false));
    let run = carelint(dir.path(), &["check", "--no-config", "post.md"]).run();
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("post.md:1:11: error[PHI001]"), "{}", run.stdout);
    assert!(run.stdout.contains("1 | My SSN is ***-**-**75, call me."), "{}", run.stdout);
    assert!(run.stdout.contains("  |           ^^^^^^^^^^^\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("1975"));
}

#[test]
fn utf16_fix_writes_utf16_back_with_its_bom() {
    for big_endian in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "post.md", utf16(SSN_POST, big_endian));
        let (run, report) = check_json(dir.path(), &["--fix", "post.md"]);
        assert!(errors(&report).is_empty(), "{}", run.stdout);
        assert!(ssn_places(&report).is_empty(), "the SSN is fixed: {}", run.stdout);
        let fixed = std::fs::read(dir.path().join("post.md")).unwrap();
        assert_eq!(fixed, utf16("My SSN is [redacted], call me.\n", big_endian));
    }
}

#[test]
fn utf8_bom_is_not_a_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bom.md", format!("\u{feff}{SSN_POST}"));
    let (_, report) = check_json(dir.path(), &["bom.md"]);
    // byte offsets still count the BOM's 3 bytes; the column does not
    let start = 3 + SSN_COLUMN - 1;
    assert_eq!(ssn_places(&report), vec![(1, SSN_COLUMN, start, start + SSN_LEN)]);
    let run = carelint(dir.path(), &["check", "--no-config", "bom.md"]).run();
    assert!(run.stdout.contains("bom.md:1:11:"), "{}", run.stdout);
    assert!(run.stdout.contains("\n1 | My SSN"), "the source line has no BOM: {}", run.stdout);
}

/// A ruleset whose fix prepends a label to the post's body.
const PREPEND_RULES: &str = r##"
[[rules]]
id = "USR002"
name = "sponsor-label"
category = "claims"
severity = "warning"
message = "A sponsored post without its label"
phrases = ["sponsored by"]
[rules.context]
none = ["advertisement"]
[rules.fix]
action = "prepend"
text = "Advertisement: "
applicability = "unsafe"
description = "label the post"
"##;

#[test]
fn bom_survives_a_prepended_fix() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.toml", PREPEND_RULES);
    let post = "This week is sponsored by Acme.\n";
    write(dir.path(), "utf8.md", format!("\u{feff}{post}"));
    write(dir.path(), "utf16.md", utf16(post, false));
    let args = ["--no-default-rules", "--rules", "rules.toml"];
    let (_, report) = check_json(dir.path(), &[&args[..], &["utf8.md", "utf16.md"]].concat());
    let edits: Vec<(&str, u64)> = findings(&report)
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["fix"]["edits"][0]["start"].as_u64().unwrap()))
        .collect();
    assert_eq!(edits, vec![("utf16.md", 2), ("utf8.md", 3)], "the label goes after the BOM");
    let (run, _) = check_json(dir.path(), &[&args[..], &["--fix", "--unsafe-fixes", "utf8.md", "utf16.md"]].concat());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let utf8 = std::fs::read_to_string(dir.path().join("utf8.md")).unwrap();
    assert_eq!(utf8, format!("\u{feff}Advertisement: {post}"));
    assert_eq!(std::fs::read(dir.path().join("utf16.md")).unwrap(), utf16(&format!("Advertisement: {post}"), false));
}

#[test]
fn cr_only_line_endings_are_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mac.md", "Hello from the clinic\rMy SSN is 532-48-1975, call me.\r");
    let (_, report) = check_json(dir.path(), &["mac.md"]);
    let start = 22 + SSN_COLUMN - 1;
    assert_eq!(ssn_places(&report), vec![(2, SSN_COLUMN, start, start + SSN_LEN)]);
    let run = carelint(dir.path(), &["check", "--no-config", "mac.md"]).run();
    assert!(run.stdout.contains("mac.md:2:11:"), "{}", run.stdout);
    assert!(run.stdout.contains("\n2 | My SSN is ***-**-**75, call me.\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("Hello from the clinic"), "only the finding's line is shown: {}", run.stdout);
}

#[test]
fn crlf_stays_one_line_break() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dos.md", "Hello\r\n\r\nMy SSN is 532-48-1975, call me.\r\n");
    let (_, report) = check_json(dir.path(), &["dos.md"]);
    assert_eq!(ssn_places(&report), vec![(3, SSN_COLUMN, 9 + SSN_COLUMN - 1, 9 + SSN_COLUMN - 1 + SSN_LEN)]);
}

#[test]
fn cr_only_disable_next_line_silences_only_the_next_line() {
    let dir = tempfile::tempdir().unwrap();
    let post = "<!-- carelint-disable-next-line PHI001 -- test -->\rMy SSN is 532-48-1975.\rMy SSN is 532-48-1975.\r";
    write(dir.path(), "mac.md", post);
    let (_, report) = check_json(dir.path(), &["mac.md"]);
    let lines: Vec<u64> = ssn_places(&report).iter().map(|p| p.0).collect();
    assert_eq!(lines, vec![3]);
}

#[test]
fn cr_only_line_ends_the_sentence_window() {
    let dir = tempfile::tempdir().unwrap();
    let rules = r#"
[[rules]]
id = "USR001"
name = "cold-cure"
category = "misinformation"
severity = "warning"
message = "A cure claim"
phrases = ["cures colds"]
[rules.context]
none = ["myth"]
sentence = true
"#;
    write(dir.path(), "rules.toml", rules);
    // the myth cue is on the line before the claim: another sentence, so it does not refute the claim
    write(dir.path(), "mac.md", "Myth busting week\rZinc cures colds\r");
    write(dir.path(), "same.md", "Myth: zinc cures colds\r");
    let (_, report) = check_json(dir.path(), &["--no-default-rules", "--rules", "rules.toml", "mac.md", "same.md"]);
    let hits: Vec<(&str, u64)> =
        findings(&report).iter().map(|f| (f["path"].as_str().unwrap(), f["line"].as_u64().unwrap())).collect();
    assert_eq!(hits, vec![("mac.md", 2)]);
}
