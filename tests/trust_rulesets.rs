//! Inputs that must not be trusted blindly: hostile or careless rulesets (bounded when they load), calendars with a
//! broken row (the other rows are still checked), post kinds that no ruleset knows, and suppressions that name no
//! rule. Drives the real binary.

mod common;

use serde_json::Value;

use common::{check, findings, json, messages, write};

/// A rule header with `extra` keys (a matcher) after it: the matcher key is on line 8.
fn ruleset(extra: &str) -> String {
    format!(
        "[[rules]]\nid = \"X001\"\nname = \"x\"\ncategory = \"misinformation\"\nseverity = \"error\"\nmessage = \"m\"\n\
         description = \"a rule\"\n{extra}\n"
    )
}

/// Checks `post` with the ruleset `rules` (alone) and returns the exit code and stderr.
fn with_rules(rules: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules_path = write(dir.path(), "hostile.toml", rules);
    let post = write(dir.path(), "post.md", format!("{}\n", "a".repeat(100_000)));
    let run = check(&["--no-default-rules", "--rules", rules_path.to_str().unwrap(), post.to_str().unwrap()]);
    (run.code, run.stderr, rules_path.display().to_string())
}

/// (rule, row) of every finding of a JSON report.
fn rule_rows(report: &Value) -> Vec<(String, u64)> {
    findings(report).iter().map(|f| (f["rule"].as_str().unwrap().to_string(), f["row"].as_u64().unwrap_or(0))).collect()
}

#[test]
fn pattern_with_400000_alternatives_is_refused_at_load_naming_file_line_and_rule() {
    let alternatives: Vec<String> = (0..400_000).map(|i| format!("w{i:06}")).collect();
    let (code, err, file) = with_rules(&ruleset(&format!("pattern = '(?:{})'", alternatives.join("|"))));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{file}:8: rule X001: pattern is 3200003 bytes long, over the limit")), "{err}");
}

#[test]
fn nested_counted_repetition_is_refused_at_load() {
    let (code, err, file) = with_rules(&ruleset("pattern = 'a{1000}{1000}'"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{file}:8: rule X001: pattern's repetitions would compile to about")), "{err}");
}

#[test]
fn repeated_unicode_class_is_refused_with_file_line_and_rule_not_an_nfa_error() {
    let (code, err, file) = with_rules(&ruleset(r"pattern = '(?u:\w{50}){50}'"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{file}:8: rule X001: pattern's repetitions")), "{err}");
    assert!(!err.contains("error building NFA"), "{err}");
}

#[test]
fn deeply_nested_pattern_is_refused_at_load() {
    let deep = format!("pattern = '{}a{}'", "(?:".repeat(200), ")".repeat(200));
    let (code, err, file) = with_rules(&ruleset(&deep));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{file}:8: rule X001: pattern nests groups or repetitions more than")), "{err}");
}

#[test]
fn pattern_over_the_limit_after_list_expansion_is_refused_at_its_pattern_line() {
    let items: Vec<String> = (0..20_000).map(|i| format!("\"word{i}\"")).collect();
    let rules = format!("[lists]\nbig = [{}]\n\n{}", items.join(", "), ruleset("pattern = '\\b@{big}\\b'"));
    let (code, err, file) = with_rules(&rules);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{file}:11: rule X001: after expanding lists: pattern is")), "{err}");
}

#[test]
fn phrase_list_over_the_limit_is_refused_at_load() {
    let phrases: Vec<String> = (0..100_001).map(|i| format!("\"w{i}\"")).collect();
    let (code, err, file) = with_rules(&ruleset(&format!("phrases = [{}]", phrases.join(","))));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{file}:8: rule X001: 100001 phrases (lists expanded), over the limit")), "{err}");
}

#[test]
fn ordinary_user_pattern_still_loads_and_matches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = write(dir.path(), "ok.toml", ruleset(r"pattern = '\bTCK-[0-9]{6}\b'"));
    let post = write(dir.path(), "post.md", "See TCK-123456 today.\n");
    let (code, out, err) =
        check(&["--no-default-rules", "--format", "json", "--rules", rules.to_str().unwrap(), post.to_str().unwrap()])
            .parts();
    assert_eq!(code, 1, "{err}");
    assert_eq!(rule_rows(&json(&out)), [("X001".to_string(), 0)]);
}

/// Rows 1 and 3 hold SSNs, row 2 is broken (and holds one too, which no message may show).
#[test]
fn bad_csv_row_is_reported_and_every_other_row_is_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = "date,caption\n2026-01-05,My SSN is 532-48-1975\n2026-01-06,\"SSN 219-09-9999\" oops\n\
               2026-01-07,Call about 532-48-1976\n";
    let path = write(dir.path(), "calendar.csv", csv);
    let (code, out, _) = check(&["--format", "json", "--select", "PHI001", path.to_str().unwrap()]).parts();
    assert_eq!(code, 2);
    let report = json(&out);
    assert_eq!(rule_rows(&report), [("PHI001".to_string(), 1), ("PHI001".to_string(), 3)]);
    let errors = messages(&report, "errors");
    assert_eq!(errors, ["line 3 (row 2): text after a closing quote on line 3; this row is not checked"]);
}

#[test]
fn bad_jsonl_line_is_reported_and_every_other_line_is_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let jsonl = "{\"text\": \"SSN 532-48-1975\"}\n{\"text\": \"SSN 219-09-9999}\n{\"text\": \"SSN 532-48-1976\"}\n";
    let path = write(dir.path(), "calendar.jsonl", jsonl);
    let (code, out, err) = check(&["--format", "concise", "--select", "PHI001", path.to_str().unwrap()]).parts();
    assert_eq!(code, 2);
    assert!(err.contains("calendar.jsonl: line 2 (row 2): unterminated string"), "{err}");
    assert!(!err.contains("219") && !out.contains("219-09"), "no cell content in messages:\n{err}\n{out}");
    assert_eq!(out.matches("PHI001").count(), 2, "{out}");
}

#[test]
fn bad_json_array_element_is_reported_and_every_other_element_is_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data =
        "[\n{\"text\": \"SSN 532-48-1975\"},\n{text: \"SSN 219-09-9999\"},\n{\"text\": \"SSN 532-48-1976\"}\n]\n";
    let path = write(dir.path(), "calendar.json", data);
    let (code, out, _) = check(&["--format", "json", "--select", "PHI001", path.to_str().unwrap()]).parts();
    assert_eq!(code, 2);
    let report = json(&out);
    assert_eq!(rule_rows(&report), [("PHI001".to_string(), 1), ("PHI001".to_string(), 3)]);
    assert_eq!(messages(&report, "errors").len(), 1);
    assert!(messages(&report, "errors")[0].starts_with("line 3 (row 2): expected a field name"), "{report}");
}

#[test]
fn json_calendar_that_cannot_be_parsed_stays_a_file_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "calendar.json", "[{\"text\": \"SSN 532-48-1975}, {\"text\": \"x\"}]");
    let (code, out, _) = check(&["--format", "json", path.to_str().unwrap()]).parts();
    assert_eq!(code, 2);
    let report = json(&out);
    assert!(rule_rows(&report).is_empty());
    assert_eq!(messages(&report, "errors").len(), 1);
}

#[test]
fn unknown_front_matter_kind_is_an_error_at_its_line_and_the_post_is_checked_by_its_wording() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = "---\ntitle: Back on the trail\nkind: testimonal\n---\n\
                Patient story: after her knee surgery Maria is back to hiking every weekend!\n";
    let path = write(dir.path(), "story.md", post);
    let (code, out, err) = check(&["--format", "concise", path.to_str().unwrap()]).parts();
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            "story.md: line 3: unknown kind `testimonal`; known kinds: educational, other, review-reply, \
                      sponsored, testimonial"
        ),
        "{err}"
    );
    // the wording says testimonial: its rules still run
    assert!(out.contains("error[TST001]"), "{out}");
}

#[test]
fn unknown_kind_in_a_calendar_row_is_an_error_with_its_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = "kind,caption\nsponsored,Use code GLOW for our serum #ad\nsponsord,Plain tip: drink water\n";
    let path = write(dir.path(), "calendar.csv", csv);
    let (code, out, _) = check(&["--format", "json", path.to_str().unwrap()]).parts();
    assert_eq!(code, 2);
    let errors = messages(&json(&out), "errors");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("line 3 (row 2): unknown kind `sponsord`; known kinds: "), "{errors:?}");
}

/// `sponsored` is in no `[kinds]` table, only in rules' `kinds`; and a run that selects other rules still knows it.
#[test]
fn kinds_named_only_by_rules_are_known_even_when_those_rules_are_not_selected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "ad.md", "---\nkind: sponsored\n---\nOur new serum. #ad\n");
    for select in ["TST", "PHI"] {
        let (code, _, err) = check(&["--select", select, path.to_str().unwrap()]).parts();
        assert!(code == 0 || code == 1, "{select}: {err}");
        assert!(!err.contains("unknown kind"), "{select}: {err}");
    }
}

#[test]
fn unknown_rule_in_a_suppression_is_a_warning_that_does_not_change_the_exit_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = "---\ncarelint:\n  allow: [PHI999, MIS]\n  reason: a sample\n---\nA plain tip.\n\
                <!-- carelint-disable-next-line MSI001 -- typo -->\nDrink water.\n";
    let path = write(dir.path(), "tip.md", post);
    let (code, _, err) = check(&[path.to_str().unwrap()]).parts();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: "), "{err}");
    assert!(err.contains("tip.md: line 2: carelint.allow names `PHI999`, which is no rule id"), "{err}");
    assert!(err.contains("tip.md: line 7: carelint-disable-next-line names `MSI001`, which is no rule id"), "{err}");
    assert!(!err.contains("names `MIS`"), "a known prefix is no warning: {err}");
    // the allow list silences nothing of what this post says: that is reported too (CL100)
    assert!(err.contains("tip.md: line 2: [CL100 unused-suppression]"), "{err}");
    let (code, out, _) = check(&["--format", "json", path.to_str().unwrap()]).parts();
    assert_eq!(code, 0);
    let report = json(&out);
    assert_eq!(messages(&report, "warnings").len(), 3, "{report}");
    assert!(messages(&report, "errors").is_empty());
}

/// Without `--`, a reason's words are read as rule names: a phone number among them is not repeated.
#[test]
fn suppression_that_names_an_identifier_does_not_repeat_it_in_the_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = "<!-- carelint-disable-next-line PHI004 our line 312-555-0147 -->\nCall (312) 555-0147.\n";
    let path = write(dir.path(), "hours.md", post);
    let (_, out, err) = check(&["--format", "concise", path.to_str().unwrap()]).parts();
    assert!(err.contains("names a selector (not shown: not a single word)"), "{err}");
    assert!(!err.contains("555-0147") && !out.contains("555-0147"), "{err}{out}");
}

/// Conditions that name a list keep the reference (the engine reads the list once for every rule that names it):
/// the list's phrases still silence or allow each rule, an empty list adds no condition, and the limits count the
/// list's phrases, as if they were written out.
#[test]
fn conditions_that_name_lists_read_the_lists_phrases() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = "[lists]\nstaff = [\"our hygienist\", \"Dr. Vale\"]\nnothing = []\n\n\
        [[rules]]\nid = \"X001\"\nname = \"x\"\ncategory = \"misinformation\"\nseverity = \"error\"\nmessage = \"m\"\n\
        phrases = [\"flu shot\"]\ncontext = { none = [\"@staff\"] }\ndocument = { unless_any = [\"@nothing\"] }\n\n\
        [[rules]]\nid = \"X002\"\nname = \"y\"\ncategory = \"misinformation\"\nseverity = \"error\"\nmessage = \"m\"\n\
        phrases = [\"boosted\"]\ncontext = { any = [\"@staff\", \"@nothing\"] }\n\n\
        [[rules]]\nid = \"X003\"\nname = \"z\"\ncategory = \"misinformation\"\nseverity = \"error\"\nmessage = \"m\"\n\
        phrases = [\"ready\"]\ncontext = { any = [\"@nothing\"] }\n";
    let rules_path = write(dir.path(), "lists.toml", rules);
    let post = write(
        dir.path(),
        "post.md",
        "Got my flu shot today.\n\nOur hygienist got her flu shot and is boosted.\n\nBoosted and ready.\n",
    );
    let run = check(&[
        "--no-default-rules",
        "--rules",
        rules_path.to_str().unwrap(),
        "--format",
        "json",
        post.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<(String, u64)> = findings(&json(&run.stdout))
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().into(), f["line"].as_u64().unwrap()))
        .collect();
    let expected = [("X001", 1), ("X002", 3), ("X003", 5)].map(|(rule, line)| (rule.to_string(), line));
    assert_eq!(lines, expected, "{}", run.stdout);

    // 60,000 phrases named twice: over the limit of 100,000 only when counted as written out
    let many: Vec<String> = (0..60_000).map(|i| format!("\"w{i}\"")).collect();
    let conditions = ruleset("phrases = [\"a\"]\ncontext = { any = [\"@big\"], none = [\"@big\"] }");
    let (code, err, file) = with_rules(&format!("{conditions}\n[lists]\nbig = [{}]\n", many.join(", ")));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("{file}:8: rule X001: 120001 phrases (lists expanded), over the limit")), "{err}");
}

/// A list item that is a handle (`@cdcgov`) stays a phrase when the matcher's `@list` is expanded: only a condition's
/// own items are list references.
#[test]
fn a_handle_in_a_list_is_a_phrase_not_a_reference() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = format!("{}\n[lists]\nhandles = [\"@cdcgov\"]\n", ruleset("phrases = [\"@handles\"]"));
    let rules_path = write(dir.path(), "handles.toml", &rules);
    let post = write(dir.path(), "post.md", "Follow @cdcgov for updates.\n");
    let run = check(&["--no-default-rules", "--rules", rules_path.to_str().unwrap(), post.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("X001"), "{}", run.stdout);
}
