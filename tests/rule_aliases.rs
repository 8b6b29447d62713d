//! Old rule ids (`aliases`): a rule split, merged or renamed keeps its old id, and every place a user names a rule
//! (the configuration, the command line, a suppression in a post, `explain`) still works with it, with one note per
//! old id and run. No embedded rule has an alias yet, so a user ruleset declares them. Drives the real binary.

mod common;

use std::path::Path;

use common::{carelint, json, messages, rule_ids, write, Run};

/// ACME004 was split into ACME040 and ACME041; ACME005 was renamed ACME041 (merged into it).
const RULES: &str = r#"
[[rules]]
id = "ACME040"
aliases = ["ACME004"]
name = "wonder-serum"
category = "misinformation"
severity = "warning"
message = "Wonder serum"
phrases = ["wonder serum"]

[[rules]]
id = "ACME041"
aliases = ["ACME004", "ACME005"]
name = "fat-melter"
category = "misinformation"
severity = "warning"
message = "Fat melter"
phrases = ["fat melter"]
"#;

/// A post each rule flags (ACME040 on line 1, ACME041 on line 2).
const POST: &str = "Try our wonder serum.\nAnd the fat melter.\n";

/// A directory with the ruleset `acme.toml`, `post.md` and, when given, a `carelint.toml`.
fn project(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "acme.toml", RULES);
    write(dir.path(), "post.md", POST);
    if let Some(config) = config {
        write(dir.path(), "carelint.toml", config);
    }
    dir
}

/// `carelint ARGS` in `dir`, the ruleset loaded over the default rules.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let (command, rest) = args.split_first().expect("a command");
    carelint(&[&[*command, "--rules", "acme.toml"], rest].concat()).current_dir(dir).run()
}

/// The lines of stderr that mention `old`.
fn notes_about<'a>(stderr: &'a str, old: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(old)).collect()
}

#[test]
fn a_configuration_that_selects_an_old_id_selects_every_rule_that_carries_it_with_a_note_at_its_line() {
    let dir = project(Some("fail-on = \"never\"\n\nselect = [\"ACME004\"]\n"));
    let run = run_in(dir.path(), &["check", "--format", "json", "post.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_eq!(rule_ids(&report), ["ACME040", "ACME041"]);
    assert_eq!(
        messages(&report, "warnings"),
        ["line 3: rule ACME004 is now ACME040, ACME041 (the old id still works)"]
    );
    assert!(report["warnings"][0]["path"].as_str().unwrap().ends_with("carelint.toml"), "{report}");
    assert!(run.stderr.is_empty(), "a machine format carries the note: {}", run.stderr);
}

#[test]
fn ignore_on_the_command_line_takes_an_old_id() {
    let dir = project(None);
    let run = run_in(dir.path(), &["check", "--no-config", "--select", "ACME", "--ignore", "acme005", "post.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("warning[ACME040]") && !run.stdout.contains("ACME041"), "{}", run.stdout);
    let note = "warning: command line: --ignore acme005: rule ACME005 is now ACME041 (the old id still works)";
    assert_eq!(notes_about(&run.stderr, "ACME005"), [note]);
}

#[test]
fn a_prefix_names_current_ids_only() {
    let dir = project(None);
    let run = run_in(dir.path(), &["check", "--no-config", "--select", "ACME00", "post.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown rule selector `ACME00`"), "{}", run.stderr);
}

#[test]
fn a_suppression_in_a_post_that_names_an_old_id_suppresses_the_rules_that_carry_it() {
    let dir = project(None);
    let post =
        "---\ncarelint:\n  allow: [ACME005]\n  reason: our own page\n---\nTry our wonder serum.\nAnd the fat melter.\n\
                <!-- carelint-disable-next-line ACME004 -- both old claims -->\nThe wonder serum again.\n";
    write(dir.path(), "post.md", post);
    let run = run_in(dir.path(), &["check", "--no-config", "--select", "ACME", "--format", "json", "post.md"]);
    let report = run.json();
    assert_eq!(rule_ids(&report), ["ACME040"], "ACME041 allowed, line 9 suppressed: {report}");
    assert_eq!(report["findings"][0]["line"], 6);
    let notes = messages(&report, "warnings");
    assert_eq!(
        notes,
        [
            "line 2: rule ACME005 is now ACME041 (the old id still works)",
            "line 8: rule ACME004 is now ACME040, ACME041 (the old id still works)",
        ]
    );
}

#[test]
fn an_old_id_named_in_many_places_gets_one_note_per_run_at_the_first() {
    let dir = project(Some("select = [\"ACME\"]\n[[overrides]]\npaths = [\"drafts/**\"]\nignore = [\"ACME004\"]\n"));
    for i in 0..12 {
        write(
            dir.path(),
            &format!("posts/p{i:02}.md"),
            "<!-- carelint-disable ACME004 -- our own claims page -->\nThe fat melter.\n",
        );
    }
    let run = run_in(dir.path(), &["check", "-j", "2", "--extend-select", "ACME004", "posts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("No problems found in 12 files"), "{}", run.stdout);
    let notes = notes_about(&run.stderr, "ACME004");
    assert_eq!(notes.len(), 1, "{}", run.stderr);
    assert!(notes[0].starts_with("warning: ") && notes[0].contains("carelint.toml: line 4: rule ACME004"), "{notes:?}");
}

#[test]
fn explain_an_old_id_explains_every_rule_that_carries_it() {
    let dir = project(None);
    let run = run_in(dir.path(), &["explain", "--no-config", "acme004"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("ACME040 wonder-serum (misinformation, warning)\n\nAlso known as ACME004.\n"));
    assert!(run.stdout.contains("\nACME041 fat-melter (misinformation, warning)\n\nAlso known as ACME004, ACME005.\n"));
    let note = "warning: command line: explain acme004: rule ACME004 is now ACME040, ACME041 (the old id still works)";
    assert_eq!(run.stderr, format!("{note}\n"));
    let run = run_in(dir.path(), &["explain", "--no-config", "ACME041"]);
    assert!(run.stdout.contains("Also known as ACME004, ACME005.") && run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn the_rules_list_names_the_old_ids_of_the_rules_that_have_some() {
    let dir = project(None);
    let run = run_in(dir.path(), &["rules", "--no-config", "--format", "json"]);
    let rules = json(&run.stdout);
    let rule = |id: &str| rules.as_array().unwrap().iter().find(|r| r["id"] == id).cloned().unwrap();
    assert_eq!(rule("ACME041")["aliases"], serde_json::json!(["ACME004", "ACME005"]));
    assert!(rule("MIS001").get("aliases").is_none(), "left out when a rule has none");
    let run = run_in(dir.path(), &["rules", "--no-config", "--select", "ACME005"]);
    assert!(run.stdout.starts_with("ID ") && run.stdout.contains("ACME041"), "{}", run.stdout);
    assert_eq!(notes_about(&run.stderr, "ACME005").len(), 1, "{}", run.stderr);
}

#[test]
fn an_old_id_that_is_the_id_of_an_embedded_rule_is_refused_with_file_line_and_rule() {
    let dir = project(None);
    write(dir.path(), "acme.toml", RULES.replace("aliases = [\"ACME004\"]", "aliases = [\"MIS004\"]"));
    let run = run_in(dir.path(), &["check", "--no-config", "post.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("acme.toml:4: rule ACME040: alias `MIS004` is the id of a rule (defined in "),
        "{}",
        run.stderr
    );
}
