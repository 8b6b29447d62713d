//! The consent registry, compliance sign-off and the archive check, through the real binary in temporary
//! directories. Every date is explicit: nothing depends on today.

mod common;

use std::path::Path;

use common::{carelint, check_json_in, dir_with, rule_ids, write, Run};

/// A subject reference no output may ever show.
const SUBJECT: &str = "SUBJ-7Q4 Jordan Example";

fn registry() -> String {
    format!(
        "id,covers,platforms,signed,expires,revoked,remuneration,subject\n\
         AUTH-0142,story;photo,instagram;facebook,2026-01-15,2026-09-30,,no,{SUBJECT}\n\
         AUTH-0150,story;name;photo,any,2026-02-01,end of treatment,,yes,{SUBJECT}\n\
         AUTH-0163,story,any,2026-03-01,2027-03-01,2026-08-15,no,{SUBJECT}\n\
         AUTH-0171,story,any,2026-04-10,2027-04-10,,no,{SUBJECT}\n"
    )
}

/// A patient story naming `consent`, dated `date`, with extra front matter lines.
fn story(consent: &str, date: &str, extra: &str) -> String {
    format!(
        "---\npublish_date: {date}\nplatform: instagram\nconsent: {consent}\n{extra}---\n\
         Patient story: after two years of jaw pain, Jane is smiling again.\n"
    )
}

/// A content repository with the registry configured in carelint.toml.
fn repo(posts: &[(&str, String)]) -> tempfile::TempDir {
    let dir = dir_with(&[("consents.csv", registry().as_bytes()), ("carelint.toml", b"consents = \"consents.csv\"\n")]);
    for (name, text) in posts {
        write(dir.path(), name, text);
    }
    dir
}

/// `carelint check ARGS` in `dir`, with its carelint.toml.
fn check_with_config(dir: &Path, args: &[&str]) -> Run {
    carelint(&[&["check"], args].concat()).current_dir(dir).run()
}

fn ids_of(dir: &Path, post: &str, args: &[&str]) -> Vec<String> {
    let run = check_with_config(dir, &[&["--format", "json", post], args].concat());
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    rule_ids(&run.json())
}

#[test]
fn each_registry_failure_is_its_own_finding() {
    let dir = repo(&[
        ("valid.md", story("AUTH-0142", "2026-05-01", "")),
        ("unknown.md", story("AUTH-9999", "2026-05-01", "")),
        ("expired.md", story("AUTH-0142", "2026-10-05", "")),
        ("revoked.md", story("AUTH-0163", "2026-09-01", "")),
        ("photo.md", story("AUTH-0171", "2026-05-01", "image: /img/after.jpg\n")),
        (
            "sponsored.md",
            story("AUTH-0171", "2026-05-01", "kind: sponsored\n").replace("Patient story:", "#ad Patient story:"),
        ),
    ]);
    let valid = check_with_config(dir.path(), &["--fail-on", "info", "valid.md"]);
    assert_eq!(valid.code, 0, "{valid:?}");
    let cases = [
        ("unknown.md", "TST014", "AUTH-9999 is not in the consent registry"),
        ("expired.md", "TST002", "renew AUTH-0142, expired 2026-09-30; the post is dated 2026-10-05"),
        ("revoked.md", "TST015", "AUTH-0163 was revoked on 2026-08-15"),
        ("photo.md", "TST003", "AUTH-0171 does not cover photo"),
        ("sponsored.md", "TST008", "AUTH-0171 does not state that the practice is paid"),
    ];
    for (post, id, note) in cases {
        let run = check_with_config(dir.path(), &["--format", "json", post]);
        assert_eq!(run.code, 1, "{post}: {run:?}");
        let report = run.json();
        assert_eq!(rule_ids(&report), [id], "{post}");
        // placed where the post names its authorization: the `consent:` line
        assert_eq!(report["findings"][0]["line"], 4, "{post}");
        let message = report["findings"][0]["message"].as_str().unwrap();
        assert!(message.contains(note), "{post}: {message}");
    }
}

#[test]
fn the_subject_reference_never_appears_in_any_format_or_error() {
    let dir = repo(&[
        ("unknown.md", story("AUTH-9999", "2026-05-01", "")),
        ("expired.md", story("AUTH-0142", "2026-10-05", "")),
        ("photo.md", story("AUTH-0171", "2026-05-01", "image: /img/after.jpg\n")),
    ]);
    for format in ["human", "concise", "json", "sarif", "github"] {
        let run = check_with_config(dir.path(), &["--format", format, "--show-matches", "."]);
        assert_eq!(run.code, 1, "{format}: {run:?}");
        assert!(!run.stdout.contains("SUBJ-7Q4") && !run.stderr.contains("SUBJ-7Q4"), "{format}: {run:?}");
        assert!(!run.stdout.contains("Jordan") && !run.stderr.contains("Jordan"), "{format}");
    }
    // a registry with a broken row: the check refuses it, and neither the error nor `consents check` shows the row
    let broken = registry().replace("2027-04-10,,no", "2027-04-31,,no");
    write(dir.path(), "consents.csv", broken);
    let run = check_with_config(dir.path(), &["unknown.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("consents.csv:5: `expires`: not a date"), "{}", run.stderr);
    let listed = carelint(&["consents", "check", "--expiring-within", "400", "--as-of", "2026-09-01"])
        .current_dir(dir.path())
        .run();
    for out in [&run.stdout, &run.stderr, &listed.stdout, &listed.stderr] {
        assert!(!out.contains("SUBJ-7Q4") && !out.contains("Jordan"), "{out}");
    }
}

#[test]
fn without_a_registry_posts_are_checked_as_before() {
    let dir = dir_with(&[("unknown.md", story("AUTH-9999", "2026-05-01", "").as_bytes())]);
    let (run, report) = check_json_in(dir.path(), &["unknown.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(rule_ids(&report).is_empty());
}

#[test]
fn consents_check_reports_each_kind_of_registry_error_with_file_and_line() {
    let csv = "id,covers,platforms,signed,expires,revoked,remuneration,subject\n\
               AUTH-1,story,any,2026-01-10,2026-12-31,,no,\n\
               AUTH-1,story,any,2026-01-10,2026-12-31,,no,\n\
               AUTH-2,story,any,2026-05-10,2026-04-30,,no,\n\
               AUTH-3,story,myspace,2026-01-10,2026-12-31,,no,\n\
               AUTH-4,story;hologram,any,2026-01-10,2026-12-31,,no,\n\
               AUTH-5,story,any,2026-02-30,2026-12-31,,no,\n\
               AUTH-6,story,any,2026-01-10,2026-12-10,,no,\n";
    let dir = dir_with(&[("consents.csv", csv.as_bytes())]);
    let run =
        carelint(&["consents", "check", "--no-config", "--consents", "consents.csv"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "consents.csv:3: duplicate id AUTH-1 (first on line 2)",
            "consents.csv:4: expires 2026-04-30, before it was signed (2026-05-10)",
            "consents.csv:5: unknown platform `myspace`; known: any, facebook, instagram, x, linkedin, tiktok, youtube, \
             threads, bluesky, mastodon, pinterest, nextdoor, google, yelp, website, blog, email, newsletter, print",
            "consents.csv:6: unknown medium `hologram` in `covers`; known: story, name, photo, video, review-quote, quote",
            "consents.csv:7: `signed`: not a date (YYYY-MM-DD)",
            "2 authorizations, 5 problems",
        ]
    );
    // the authorizations expiring soon, counted from an explicit date
    let fixed = csv.lines().take(2).chain(csv.lines().skip(7)).collect::<Vec<_>>().join("\n");
    write(dir.path(), "ok.csv", fixed);
    let run = carelint(&[
        "consents",
        "check",
        "--no-config",
        "--consents",
        "ok.csv",
        "--expiring-within",
        "20",
        "--as-of",
        "2026-12-01",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "ok.csv:3: AUTH-6 expires 2026-12-10 (in 9 days)\n2 authorizations, 0 problems\n");
}

#[test]
fn a_toml_registry_reports_problems_at_the_line_of_their_table() {
    let toml = "[[authorization]]\nid = \"AUTH-1\"\ncovers = [\"story\"]\nplatforms = \"any\"\nsigned = 2026-01-10\n\
                expires = \"end of treatment\"\nsubject = \"SUBJ-7Q4\"\n\n[[authorization]]\nid = \"AUTH-2\"\n\
                covers = [\"story\"]\nsigned = 2026-06-10\nexpires = 2026-01-01\nsubject = \"SUBJ-7Q4\"\n";
    let dir = dir_with(&[("consents.toml", toml.as_bytes())]);
    let run =
        carelint(&["consents", "check", "--no-config", "--consents", "consents.toml"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "consents.toml:9: expires 2026-01-01, before it was signed (2026-06-10)\n1 authorization, 1 problem\n"
    );
}

const REVIEW_CONFIG: &str = "[review]\nrules = [\"MIS002\", \"MIS003\"]\n";
const CLAIM: &str = "---\ntitle: Joint health\n---\nThis miracle cure heals arthritis in days.\n";

fn sign(dir: &Path, args: &[&str]) -> Run {
    carelint(&[&["review", "sign", "--by", "Dana Ortiz", "--on", "2026-11-20"], args].concat()).current_dir(dir).run()
}

#[test]
fn a_signed_off_post_passes_until_its_body_changes() {
    let dir = dir_with(&[("carelint.toml", REVIEW_CONFIG.as_bytes()), ("post.md", CLAIM.as_bytes())]);
    let fails = |dir: &Path| {
        check_with_config(dir, &["--fail-on", "warning", "--as-of", "2026-11-25", "--format", "json", "post.md"])
    };
    assert_eq!(fails(dir.path()).code, 1);

    let signed = sign(dir.path(), &["post.md"]);
    assert_eq!(signed.code, 0, "{signed:?}");
    assert!(signed.stderr.contains("signed off MIS002, MIS003"), "{}", signed.stderr);
    let text = std::fs::read_to_string(dir.path().join("post.md")).unwrap();
    assert!(text.starts_with("---\ntitle: Joint health\nreviewed: { by: \"Dana Ortiz\", on: \"2026-11-20\", rules: [\"MIS002\", \"MIS003\"], digest: \"sha256:"), "{text}");
    assert!(text.ends_with("---\nThis miracle cure heals arthritis in days.\n"), "{text}");

    let run = fails(dir.path());
    assert_eq!(run.code, 0, "{run:?}");
    let finding = &run.json()["findings"][0];
    assert_eq!(finding["rule"], "MIS003");
    assert_eq!(finding["severity"], "info");
    assert!(finding["message"].as_str().unwrap().ends_with("reviewed by Dana Ortiz on 2026-11-20"), "{finding}");
    // the counts per rule say the severity the findings have, not the rule's
    let stats = check_with_config(dir.path(), &["--statistics", "--as-of", "2026-11-25", "post.md"]);
    let line = stats.stdout.lines().find(|l| l.contains("MIS003")).unwrap_or_else(|| panic!("{stats:?}"));
    assert!(line.contains(" info "), "{line}");

    // front matter edits that leave the body alone keep the sign-off
    let edited = text.replace("title: Joint health\n", "title: Joint health, part 2\ntags: [arthritis]\n");
    write(dir.path(), "post.md", &edited);
    assert_eq!(fails(dir.path()).code, 0);

    // one word of the body changed: the finding is back at full severity, saying why
    write(dir.path(), "post.md", edited.replace("in days", "in hours"));
    let run = fails(dir.path());
    assert_eq!(run.code, 1, "{run:?}");
    let finding = &run.json()["findings"][0];
    assert_eq!((finding["rule"].as_str(), finding["severity"].as_str()), (Some("MIS003"), Some("error")));
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("sign-off is stale: body changed after Dana Ortiz reviewed it on 2026-11-20"),
        "{message}"
    );
}

#[test]
fn a_reviewer_cannot_sign_off_rules_outside_the_configured_list() {
    let dir = dir_with(&[("carelint.toml", REVIEW_CONFIG.as_bytes()), ("post.md", CLAIM.as_bytes())]);
    let run = sign(dir.path(), &["--only", "MIS001", "post.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("cannot sign off `MIS001`"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("post.md")).unwrap(), CLAIM);

    // a sign-off written by hand for a rule that needs none changes nothing, and says so
    let digest = carelint::signoff::digest("This miracle cure heals arthritis in days.\n");
    let hand = format!("---\nreviewed: {{ by: Dana, on: 2026-11-20, rules: [MIS003], digest: \"{digest}\" }}\n---\nThis miracle cure heals arthritis in days.\n");
    write(dir.path(), "post.md", &hand);
    write(dir.path(), "carelint.toml", "[review]\nrules = [\"MIS001\"]\n");
    let run = check_with_config(dir.path(), &["--as-of", "2026-11-25", "--format", "json", "post.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    let report = run.json();
    assert_eq!(report["findings"][0]["severity"], "error");
    assert!(common::messages(&report, "warnings")[0].contains("reviewed.rules names `MIS003`"), "{report}");

    // without any [review] list, signing is refused
    let bare = dir_with(&[("post.md", CLAIM.as_bytes())]);
    let run = sign(bare.path(), &["--no-config", "post.md"]);
    assert_eq!(run.code, 2);
}

#[test]
fn the_archive_is_judged_as_of_a_date() {
    // published 2026-06-01 under AUTH-0142, which expired 2026-09-30
    let dir = repo(&[
        ("archive/june.md", story("AUTH-0142", "2026-06-01", "")),
        ("drafts/dec.md", story("AUTH-0150", "2026-12-20", "")),
    ]);
    let at = |date: &str| ids_of(dir.path(), "archive/june.md", &["--as-of", date]);
    assert!(at("2026-06-01").is_empty());
    assert_eq!(at("2026-10-15"), ["TST002"]);
    let run = check_with_config(dir.path(), &["--as-of", "2026-10-15", "archive/june.md"]);
    assert_eq!(run.code, 1);

    // --published-only: the December post is not published as of 2026-10-15, the June one is
    let run = check_with_config(dir.path(), &["--published-only", "--as-of", "2026-10-15", "--format", "json", "."]);
    let report = run.json();
    assert_eq!(common::finding_paths(&report), ["archive/june.md"]);
    // the post left out is not counted as scanned, and the report says how many were left out
    assert_eq!((report["files_scanned"].as_u64(), report["posts_left_out"].as_u64()), (Some(1), Some(1)));
    let human = check_with_config(dir.path(), &["--published-only", "--as-of", "2026-10-15", "."]);
    assert!(human.stdout.contains("in 1 of 1 file. 1 unpublished post left out (--published-only)."), "{human:?}");
    let before = check_with_config(dir.path(), &["--published-only", "--as-of", "2026-05-01", "--format", "json", "."]);
    let report = before.json();
    assert_eq!((before.code, rule_ids(&report).len()), (0, 0), "{before:?}");
    assert_eq!((report["files_scanned"].as_u64(), report["posts_left_out"].as_u64()), (Some(0), Some(2)));
    let all = check_with_config(dir.path(), &["--as-of", "2026-10-15", "--format", "json", "."]).json();
    assert_eq!(
        (all["files_scanned"].as_u64(), all.get("posts_left_out")),
        (Some(2), None),
        "absent without the option"
    );
}

#[test]
fn a_calendar_row_is_judged_on_its_date_column() {
    let csv = "date,platform,consent,text\n\
               2026-06-01,instagram,AUTH-0142,Patient story: Jane is smiling again.\n\
               2026-10-05,instagram,AUTH-0142,Patient story: Jane is smiling again.\n";
    let dir = repo(&[("plan.csv", csv.to_string())]);
    let run = check_with_config(dir.path(), &["--format", "json", "plan.csv"]);
    let report = run.json();
    assert_eq!(rule_ids(&report), ["TST002"]);
    assert_eq!(report["findings"][0]["line"], 3);
    // a calendar with a row left out is still scanned: its other row was checked
    let run =
        check_with_config(dir.path(), &["--published-only", "--as-of", "2026-07-01", "--format", "json", "plan.csv"]);
    let report = run.json();
    assert_eq!((report["files_scanned"].as_u64(), report["posts_left_out"].as_u64()), (Some(1), Some(1)));
}
