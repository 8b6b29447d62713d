//! What a review of the merged workflow, consent and security work found, each pinned by a test: nothing may print
//! an identifier the post or registry holds, and no option may destroy or silently skip an input.

mod common;

use common::{carelint, check_in};

const PHONE: &str = "(312) 555-0188";

#[test]
fn a_suppression_reason_that_repeats_the_identifier_is_masked_in_json_and_sarif() {
    let dir = tempfile::tempdir().unwrap();
    let post = format!(
        "Great visit from our patient today.\n<!-- carelint-disable-next-line PHI -- her number {PHONE} is fine, she \
         agreed -->\nCall her at {PHONE} for the recap.\n"
    );
    std::fs::write(dir.path().join("s.md"), post).unwrap();
    for format in ["json", "sarif"] {
        let run = check_in(dir.path(), &["--format", format, "s.md"]);
        assert!(run.stdout.contains("is fine, she agreed"), "{format}: the reason is kept\n{}", run.stdout);
        assert!(!run.stdout.contains("555-0188"), "{format}: {}", run.stdout);
        let shown = check_in(dir.path(), &["--format", format, "--show-matches", "s.md"]);
        assert!(shown.stdout.contains(&format!("her number {PHONE}")), "{format}: --show-matches shows it");
    }
}

#[test]
fn a_registry_without_a_header_row_or_with_a_short_row_prints_none_of_its_cells() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id,covers,platforms,signed,expires,revoked,remuneration,subject\n";
    let cases = [
        ("nohdr.csv", "AUTH-0142,story;photo,instagram,2026-01-15,2026-09-30,,no,MRN-448812\n".to_string()),
        ("short.csv", format!("{header}AUTH-0142,story,instagram,2026-01-15,MRN-448812\n")),
        ("typed.toml", "authorization = \"Pat Example MRN-448812\"\n".to_string()),
    ];
    for (name, text) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
        let run = carelint(&["consents", "check", "--no-config", "--consents", name]).current_dir(dir.path()).run();
        assert_eq!(run.code, 1, "{name}: a registry with problems\n{}{}", run.stdout, run.stderr);
        for secret in ["MRN-448812", "mrn-448812", "Pat Example"] {
            assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret), "{name}: {}", run.stderr);
        }
    }
}

#[test]
fn output_file_refuses_to_overwrite_a_post_it_checks_and_writes_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let post = "This miracle supplement cures diabetes.\n";
    std::fs::write(dir.path().join("victim.md"), post).unwrap();
    let run = check_in(dir.path(), &["--output-file", "victim.md", "victim.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("one of the files to check"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("victim.md")).unwrap(), post);
    // a terminal is forced: the report file still gets no colour codes
    let run = carelint(&["check", "--no-config", "--output-file", "report.txt", "victim.md"])
        .current_dir(dir.path())
        .env("CLICOLOR_FORCE", "1")
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(report.contains("MIS") && !report.contains('\u{1b}'), "{report:?}");
}

#[test]
fn an_option_given_twice_takes_its_last_value() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.md"), "This miracle supplement cures diabetes.\n").unwrap();
    // what the GitHub Action does: the user's `--fail-on warning`, then its own `--fail-on never`
    assert_eq!(check_in(dir.path(), &["--fail-on", "warning", "--fail-on", "never", "c.md"]).code, 0);
    assert_eq!(check_in(dir.path(), &["--fail-on", "never", "--fail-on", "error", "c.md"]).code, 1);
}
