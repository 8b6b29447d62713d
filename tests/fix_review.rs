//! Fixes a reviewer can trust and suppressions that can be audited, through the real binary: `--diff` writes
//! nothing and fails while findings remain, `--fix` is idempotent, `--unsafe-fixes` adds a disclosure after the
//! front matter, stdin is fixed as a filter, and every suppression form is honoured, audited and can be ignored.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use common::{check_in, write};

/// Synthetic posts: an SSN (a safe redaction), and a sponsored post without a disclosure (an unsafe `#ad` fix).
const SSN: &str = "532-48-1975";
const SSN_MASKED: &str = "***-**-**75";
const SSN_POST: &str = "For the insurance form my SSN is 532-48-1975, please call me back.\n";
const SPONSORED: &str =
    "---\nkind: sponsored\ntitle: Flossing week\n---\nThe Brightex water flosser is the easiest way \
                         to clean between teeth.\n";

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walk(dir) {
        files.insert(entry.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&entry).unwrap());
    }
    files
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn posts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/ssn.md", SSN_POST);
    write(dir.path(), "posts/sponsored.md", SPONSORED);
    write(dir.path(), "posts/clean.md", "Our clinic opens at 9 on Monday.\n");
    dir
}

#[test]
fn diff_writes_nothing_masks_identifiers_and_exits_1_while_findings_remain() {
    let dir = posts();
    let before = snapshot(dir.path());
    for extra in [&[][..], &["--unsafe-fixes"][..], &["--format", "json"][..]] {
        let run = check_in(dir.path(), &[&["--diff", "posts"], extra].concat());
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(snapshot(dir.path()), before, "--diff {extra:?} changed a file");
        assert!(run.stdout.contains("--- a/posts/ssn.md\n+++ b/posts/ssn.md\n"), "{}", run.stdout);
        assert!(run.stdout.contains(&format!("-For the insurance form my SSN is {SSN_MASKED},")), "{}", run.stdout);
        assert!(run.stdout.contains("+For the insurance form my SSN is [redacted],"), "{}", run.stdout);
        assert!(!run.stdout.contains(SSN) && !run.stderr.contains(SSN), "an identifier was printed");
        let human = extra.first() != Some(&"--format");
        assert_eq!(run.stderr.contains("(nothing written)"), human, "{}", run.stderr);
    }
    // the safe diff leaves the sponsored post alone; --unsafe-fixes shows its disclosure
    let safe = check_in(dir.path(), &["--diff", "posts"]);
    assert!(!safe.stdout.contains("sponsored.md"), "{}", safe.stdout);
    assert!(safe.stderr.contains("1 more fix available with `--unsafe-fixes`"), "{}", safe.stderr);
    let all = check_in(dir.path(), &["--diff", "--unsafe-fixes", "posts"]);
    assert!(all.stdout.contains("+#ad The Brightex"), "{}", all.stdout);
    // the JSON report went to stderr and describes the files as they are
    let json = check_in(dir.path(), &["--diff", "--format", "json", "posts"]);
    let report = common::json(&json.stderr);
    assert_eq!(report["summary"]["error"], 2);
    assert!(report.get("fixed").is_none(), "--diff rewrote nothing: {report}");
}

/// With `--show-matches` the diff is exact: `git apply` turns the files into what `--fix` writes.
#[test]
fn an_exact_diff_applies_to_what_fix_writes() {
    let (dir, fixed) = (posts(), posts());
    let diff = check_in(dir.path(), &["--diff", "--unsafe-fixes", "--show-matches", "posts"]);
    assert!(diff.stdout.contains(SSN), "matches are shown on request: {}", diff.stdout);
    let patch = write(dir.path(), "fix.patch", diff.stdout.as_bytes());
    let applied = std::process::Command::new("git")
        .args(["apply", "--unsafe-paths"])
        .arg(&patch)
        .current_dir(dir.path())
        .output();
    let Ok(applied) = applied else {
        eprintln!("skipped: git is not installed");
        return;
    };
    assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
    std::fs::remove_file(&patch).unwrap();
    let run = check_in(fixed.path(), &["--fix", "--unsafe-fixes", "posts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(snapshot(dir.path()), snapshot(fixed.path()));
}

#[test]
fn fix_then_fix_again_changes_nothing_the_second_time() {
    for unsafe_fixes in [&[][..], &["--unsafe-fixes"][..]] {
        let dir = posts();
        let first = check_in(dir.path(), &[&["--fix", "posts"], unsafe_fixes].concat());
        assert!(first.stderr.contains("Applied"), "{}", first.stderr);
        let after_first = snapshot(dir.path());
        assert_ne!(after_first, snapshot(posts().path()), "the first run fixed something");
        let second = check_in(dir.path(), &[&["--fix", "posts"], unsafe_fixes].concat());
        assert!(second.stderr.contains("Applied 0 fixes."), "{}", second.stderr);
        assert_eq!(snapshot(dir.path()), after_first, "{unsafe_fixes:?}: the second --fix changed a file");
    }
}

#[test]
fn unsafe_fixes_add_the_disclosure_at_the_start_after_the_front_matter() {
    let dir = posts();
    // --fix alone applies the safe redaction only, and says what --unsafe-fixes would add
    let safe = check_in(dir.path(), &["--fix", "posts"]);
    assert_eq!(safe.code, 1, "the sponsored post still lacks its disclosure");
    assert!(safe.stdout.contains("1 more fix available with `--unsafe-fixes`"), "{}", safe.stdout);
    assert_eq!(std::fs::read_to_string(dir.path().join("posts/sponsored.md")).unwrap(), SPONSORED);
    let all = check_in(dir.path(), &["--fix", "--unsafe-fixes", "posts"]);
    assert_eq!(all.code, 0, "{}{}", all.stdout, all.stderr);
    let fixed = std::fs::read_to_string(dir.path().join("posts/sponsored.md")).unwrap();
    assert_eq!(fixed, SPONSORED.replace("---\nThe Brightex", "---\n#ad The Brightex"));
    // a post without front matter gets it on its first line; a UTF-8 BOM stays first
    write(dir.path(), "posts/plain.md", "\u{feff}Thanks @brightex for the PR package, my patients will love these.\n");
    check_in(dir.path(), &["--fix", "--unsafe-fixes", "posts/plain.md"]);
    let plain = std::fs::read_to_string(dir.path().join("posts/plain.md")).unwrap();
    assert!(plain.starts_with("\u{feff}#ad Thanks @brightex"), "{plain:?}");
}

#[test]
fn unsafe_fixes_are_never_applied_in_a_calendar_cell() {
    let dir = tempfile::tempdir().unwrap();
    let calendar = "date,text\n2026-03-01,\"Thanks @brightex for the PR package, my patients will love these.\"\n";
    write(dir.path(), "week.csv", calendar);
    check_in(dir.path(), &["--fix", "--unsafe-fixes", "week.csv"]);
    assert_eq!(std::fs::read_to_string(dir.path().join("week.csv")).unwrap(), calendar);
}

#[test]
fn fix_on_stdin_prints_the_fixed_post_and_reports_on_stderr() {
    let run =
        common::carelint(&["check", "--no-config", "--fix", "--unsafe-fixes", "--stdin-filename", "post.md", "-"])
            .stdin(format!("{SPONSORED}{SSN_POST}"))
            .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!("{SPONSORED}{SSN_POST}")
        .replace("---\nThe Brightex", "---\n#ad The Brightex")
        .replace(SSN, "[redacted]");
    assert_eq!(run.stdout, expected);
    assert!(run.stderr.contains("No problems found in 1 file."), "{}", run.stderr);
    assert!(run.stderr.contains("Applied 2 fixes to 1 file: post.md"), "{}", run.stderr);
    // a clean post comes back unchanged, so the command works as a filter
    let clean = common::check_stdin(&["--fix"], "Our clinic opens at 9.\n");
    assert_eq!((clean.code, clean.stdout.as_str()), (0, "Our clinic opens at 9.\n"));
}

#[test]
fn a_fix_that_adds_text_cannot_be_declared_safe() {
    let dir = tempfile::tempdir().unwrap();
    let rule =
        "[[rules]]\nid = \"USR001\"\nname = \"no-disclosure\"\ncategory = \"testimonial\"\nseverity = \"error\"\n\
                message = \"A sponsored post without a disclosure\"\nphrases = [\"sponsored by\"]\n\n[rules.fix]\n\
                action = \"prepend\"\ntext = \"#ad \"\napplicability = \"safe\"\n";
    write(dir.path(), "ours.toml", rule);
    write(dir.path(), "post.md", "Sponsored by Brightex.\n");
    let run = check_in(dir.path(), &["--rules", "ours.toml", "post.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("ours.toml:12") && run.stderr.contains("USR001"), "{}", run.stderr);
    assert!(run.stderr.contains("can only be `unsafe`"), "{}", run.stderr);
    // left out, the safety follows the action: a prepend is unsafe, and explain says so
    write(dir.path(), "ours.toml", rule.replace("applicability = \"safe\"\n", ""));
    let explain =
        common::carelint(&["explain", "USR001", "--no-config", "--rules", "ours.toml"]).current_dir(dir.path()).run();
    assert!(explain.stdout.contains("(unsafe: applied only with --unsafe-fixes)"), "{}", explain.stdout);
    let (_, report) = common::check_json_in(dir.path(), &["--rules", "ours.toml", "--select", "USR001", "post.md"]);
    assert_eq!(report["findings"][0]["fix"]["applicability"], "unsafe");
}

/// A post with an SSN on the line after `comment` (and `prefix` before the SSN's line, for the markup around it).
fn suppressed_post(comment: &str, ssn_line: &str) -> String {
    format!("Our front desk hours changed.\n\n{comment}\n{ssn_line}\n")
}

#[test]
fn suppression_comments_work_in_lists_quotes_bold_text_tables_and_after_front_matter() {
    let reason = "-- a sample number from the training deck";
    let cases = [
        ("list", suppressed_post(&format!("- <!-- carelint-disable-next-line PHI001 {reason} -->"), &format!("- my SSN is {SSN}"))),
        ("quote", suppressed_post(&format!("> <!-- carelint-disable-next-line PHI001 {reason} -->"), &format!("> my SSN is {SSN}"))),
        ("bold", suppressed_post(&format!("**<!-- carelint-disable-next-line PHI001 {reason} -->**"), &format!("**my SSN is {SSN}**"))),
        (
            "table",
            format!(
                "| field | value |\n|---|---|\n| note | <!-- carelint-disable-next-line PHI001 {reason} --> |\n| ssn | my SSN is {SSN} |\n"
            ),
        ),
        (
            "region in a list",
            format!("- <!-- carelint-disable PHI001 {reason} -->\n- my SSN is {SSN}\n- <!-- carelint-enable PHI001 -->\n- done\n"),
        ),
        (
            "after front matter",
            format!("---\ntitle: Forms\n---\n<!-- carelint-disable-next-line PHI001 {reason} -->\nmy SSN is {SSN}\n"),
        ),
        (
            "front matter",
            format!("---\ncarelint:\n  allow: [PHI001]\n  reason: a sample number from the training deck\n---\nmy SSN is {SSN}\n"),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, post) in &cases {
        write(dir.path(), "post.md", post);
        let (run, report) = common::check_json_in(dir.path(), &["--select", "PHI001", "post.md"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stdout);
        assert!(report.get("warnings").is_none(), "{name}: {report}");
        let suppressed = &report["suppressed"][0];
        assert_eq!(suppressed["rule"], "PHI001", "{name}: {report}");
        assert_eq!(suppressed["excerpt"], SSN_MASKED, "{name}");
        assert_eq!(suppressed["suppression"]["reason"], "a sample number from the training deck", "{name}");
        // an audit run ignores the suppression and reports the finding again
        let (audit, report) =
            common::check_json_in(dir.path(), &["--select", "PHI001", "--no-inline-suppressions", "post.md"]);
        assert_eq!(audit.code, 1, "{name}");
        assert_eq!(common::rule_ids(&report), ["PHI001"], "{name}");
        assert!(report.get("suppressed").is_none(), "{name}");
        assert!(!audit.stdout.contains(SSN), "{name}");
    }
}

#[test]
fn unused_suppressions_and_suppressions_without_a_reason_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let post = format!(
        "<!-- carelint-disable-next-line PHI001 -->\nmy SSN is {SSN}\n\n\
         <!-- carelint-disable-next-line PHI001 -- there used to be a number here -->\nCall us any time.\n"
    );
    write(dir.path(), "post.md", post);
    let run = check_in(dir.path(), &["--select", "PHI001", "post.md"]);
    assert_eq!(run.code, 0, "warnings do not fail a run: {}", run.stderr);
    assert!(run.stdout.contains("No problems found in 1 file. 1 suppressed in the posts"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "warning: post.md: line 1: [CL101 suppression-without-reason] carelint-disable-next-line `PHI001` gives \
             no reason; write one after `--`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning: post.md: line 4: [CL100 unused-suppression] carelint-disable-next-line `PHI001` suppresses nothing here"),
        "{}",
        run.stderr
    );
    let (_, report) = common::check_json_in(dir.path(), &["--select", "PHI001", "post.md"]);
    let warnings: Vec<&str> =
        report["warnings"].as_array().unwrap().iter().map(|w| w["message"].as_str().unwrap()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(
        report["suppressed"][0]["suppression"],
        serde_json::json!({ "kind": "carelint-disable-next-line", "line": 1, "reason": Value::Null })
    );
    // a suppression of a rule the run does not report cannot be judged: no warning that it is unused
    let other = check_in(dir.path(), &["--select", "MIS", "post.md"]);
    assert!(!other.stderr.contains("CL100"), "{}", other.stderr);
    let audit = check_in(dir.path(), &["--select", "PHI001", "--no-inline-suppressions", "post.md"]);
    assert_eq!(audit.code, 1, "{}", audit.stdout);
    assert!(
        !audit.stderr.contains("CL10"),
        "an audit run does not judge the suppressions it ignores: {}",
        audit.stderr
    );
}
