//! Lexicons and frames from a user's ruleset file, through the real binary: a frame with named slots, inflected
//! lexicons, a token-lookup lexicon and polarity conditions finds what it should and reports its slots; mistakes in
//! lexicons and frames are errors with file, line and rule.

mod common;

use std::path::Path;

use common::{carelint, findings, write, Run};

const RULES: &str = r#"
[lexicons.patient_name]
category = "person"
lookup = "token"
words = ["Ava", "Noah", "Mary Ann"]

[lexicons.milestone]
category = "care"
inflect = "verb"
words = ["ring the bell|rang the bell", "graduate", "finish chemo"]

[[rules]]
id = "ACME100"
name = "named-patient-milestone"
category = "phi"
severity = "error"
message = "A named patient's treatment milestone"
frame = { slots = ["person=patient_name", "event=milestone"], gap = 4, unless = ["negation", "question"] }
"#;

fn project(post: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "acme.toml", RULES);
    write(dir.path(), "post.md", post);
    dir
}

fn check(dir: &Path, extra: &[&str]) -> Run {
    // the default rules bring the polarity lexicons; only the file's rule reports
    let args = [&["check", "--no-config", "--rules", "acme.toml", "--select", "ACME100"], extra, &["post.md"]].concat();
    carelint(&args).current_dir(dir).run()
}

#[test]
fn a_frame_from_a_ruleset_file_finds_its_structure_and_names_the_fillers_masked() {
    let dir = project("So proud of Mary Ann, who rang the bell today!\nDid Noah graduate? Ava did not finish chemo.\n");
    let run = check(dir.path(), &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let found = findings(&report);
    assert_eq!(found.len(), 1, "the question and the negated sentence are not claims: {report}");
    let slots = found[0]["slots"].as_array().expect("slots");
    let names: Vec<&str> = slots.iter().map(|s| s["slot"].as_str().unwrap()).collect();
    assert_eq!(names, ["person", "event"]);
    // a phi rule's matched text is an identifier: the person slot is masked like the excerpt
    assert_eq!(slots[0]["excerpt"], "**** ***");
    assert_eq!(slots[1]["excerpt"], "**** *** **ll");
    assert_eq!((slots[0]["line"].as_u64(), slots[0]["column"].as_u64()), (Some(1), Some(13)));
    let shown = check(dir.path(), &["--format", "json", "--show-matches"]).json();
    assert_eq!(findings(&shown)[0]["slots"][0]["excerpt"], "Mary Ann");
}

#[test]
fn explain_describes_the_frame() {
    let dir = project("");
    let run = carelint(&["explain", "--no-config", "--rules", "acme.toml", "ACME100"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Frame: [person: patient_name] … [event: milestone] (in this order, at most 4 words apart, in one sentence); not when the clause is negated, a question"),
        "{}",
        run.stdout
    );
}

#[test]
fn mistakes_in_lexicons_and_frames_name_the_file_line_and_rule() {
    let cases: [(&str, &str); 4] = [
        (
            &RULES.replace("inflect = \"verb\"", "inflect = \"adverb\""),
            "acme.toml:7: lexicon `milestone`: `inflect = \"adverb\"`",
        ),
        (
            &RULES.replace("slots = [\"person=patient_name\"", "slots = [\"person=patient_names\""),
            "acme.toml:18: rule ACME100: frame slot names an unknown lexicon `patient_names`",
        ),
        (
            &RULES.replace("gap = 4", "gap = [4, 4]"),
            "acme.toml:18: rule ACME100: `gap` lists 2 numbers; it needs 1, one for each slot after the first",
        ),
        (&RULES.replace("\"negation\", ", ""), ""),
    ];
    for (rules, expected) in cases {
        let dir = project("Ava rang the bell.\n");
        write(dir.path(), "acme.toml", rules);
        let run = check(dir.path(), &[]);
        if expected.is_empty() {
            assert_eq!(run.code, 1, "{}", run.stderr);
        } else {
            assert_eq!(run.code, 2, "{rules}\n{}", run.stderr);
            assert!(run.stderr.contains(expected), "expected {expected:?} in:\n{}", run.stderr);
        }
    }
}

#[test]
fn a_polarity_condition_without_its_lexicon_is_an_error_of_the_rule() {
    let dir = project("Ava rang the bell.\n");
    // no default rules: the polarity lexicons of rules/lexicons.toml are not loaded
    let run = carelint(&["check", "--no-config", "--no-default-rules", "--rules", "acme.toml", "post.md"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("acme.toml:18: rule ACME100: `unless = [\"negation\"]` needs a lexicon named `negation`"),
        "{}",
        run.stderr
    );
}

/// In a calendar, an identifier found in one row is masked in every other: in a frame's slots too.
#[test]
fn a_calendar_masks_slot_words_found_as_identifiers_in_other_rows() {
    let dir = project("");
    let rules = RULES.replace("\"person=patient_name\"", "\"person=$name\"");
    write(dir.path(), "acme.toml", rules);
    let calendar = "date,platform,text\n2026-01-01,facebook,\"So proud of Denise Roe, who rang the bell today.\"\n\
                    2026-01-02,facebook,\"Dear Mrs. Roe, thanks for your review.\"\n";
    write(dir.path(), "plan.csv", calendar);
    let run = carelint(&[
        "check",
        "--no-config",
        "--rules",
        "acme.toml",
        "--select",
        "ACME100,PHI",
        "--format",
        "json",
        "plan.csv",
    ])
    .current_dir(dir.path())
    .run();
    let report = run.json();
    let frame = findings(&report).iter().find(|f| f["rule"] == "ACME100").expect("the frame finds the milestone");
    let person = frame["slots"][0]["excerpt"].as_str().unwrap();
    assert!(!person.contains("Roe"), "the surname found in row 2 is masked in row 1's slot: {person}");
}

/// `rules --lexicons` lists every lexicon with what reads it, a file's own among the default ones.
#[test]
fn rules_lexicons_lists_each_lexicon_and_the_rules_that_read_it() {
    let dir = project("");
    let run = carelint(&["rules", "--no-config", "--rules", "acme.toml", "--lexicons", "--format", "json"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = run.json();
    let by_name = |name: &str| list.as_array().unwrap().iter().find(|l| l["name"] == name).cloned().expect(name);
    let names = by_name("patient_name");
    assert_eq!((names["lookup"].as_str(), names["words"].as_u64()), (Some("token"), Some(3)));
    assert_eq!(names["used_by"], serde_json::json!(["ACME100"]));
    let milestone = by_name("milestone");
    assert_eq!((milestone["inflect"].as_str(), milestone["forms"].as_u64()), (Some("verb"), Some(12)));
    // the conditions of ACME100 read the negation lexicon of the default rules
    assert!(by_name("negation")["used_by"].as_array().unwrap().contains(&serde_json::json!("ACME100")));
    // the default condition lexicon is also found inside hashtags and one typo away; a file's own is not
    let condition = by_name("condition");
    assert_eq!((condition["hashtags"].as_bool(), condition["fuzzy"].as_bool()), (Some(true), Some(true)));
    assert_eq!((names["hashtags"].as_bool(), names["fuzzy"].as_bool()), (Some(false), Some(false)));
    let table = carelint(&["rules", "--no-config", "--lexicons"]).current_dir(dir.path()).run();
    assert!(
        table.stdout.starts_with("NAME") && table.stdout.contains("lexicons. Frames name them"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.lines().any(|l| l.starts_with("condition ") && l.contains(" tags,typos ")),
        "{}",
        table.stdout
    );
}
