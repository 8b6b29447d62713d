//! Drives the real binary: exit codes, formats, errors and redaction as the contract (docs/CONTRACT.md) says.

mod common;

use serde_json::Value;

use common::{
    carelint, check, check_stdin, dir_with, findings, fixture, json, keys_at_indent, messages, package_root, rule_ids,
    write,
};

#[test]
fn ssn_post_exits_1_and_is_reported_as_phi() {
    let (code, out, _) = check(&["--format", "json", &fixture("posts/knee-recovery.md")]).parts();
    assert_eq!(code, 1);
    let report = json(&out);
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "PHI001");
    assert_eq!(f["category"], "phi");
    assert_eq!(f["excerpt"], "***-**-**81");
}

/// A ruleset pattern too big to compile fails the run at once, naming the rule, even for a post it could not match
/// (only the default rules' patterns wait for a post that needs them).
#[test]
fn a_pattern_too_big_to_compile_fails_the_run_and_names_its_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rule = "[[rules]]\nid = \"X001\"\nname = \"x\"\ncategory = \"misinformation\"\nseverity = \"error\"\n\
                message = \"m\"\npattern = 'curex(?u:\\w){3000}'\n";
    let rules = write(dir.path(), "big.toml", rule);
    let post = write(dir.path(), "post.md", "Nothing to see here.\n");
    let (code, _, err) = check(&["--rules", rules.to_str().unwrap(), post.to_str().unwrap()]).parts();
    assert_eq!(code, 2, "{err}");
    // caught by the ruleset's size limits when it loads, before anything compiles
    assert!(err.contains(":7: rule X001: pattern repeats something 3000 times"), "{err}");
}

/// `carelint check posts | head -1`: the reader goes away; that is no error, and the exit code still says findings.
#[test]
fn a_closed_output_pipe_is_not_an_error() {
    for format in ["human", "json"] {
        let out = common::run_into_closed_pipe(&["check", "--no-config", "--format", format, &fixture("posts")]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

#[test]
fn miracle_cure_is_misinformation() {
    let (code, out, _) = check(&["--format", "json", &fixture("posts/turmeric.md")]).parts();
    assert_eq!(code, 1);
    let report = json(&out);
    assert!(
        findings(&report).iter().any(|f| f["category"] == "misinformation" && f["excerpt"] == "miracle cure"),
        "{out}"
    );
}

#[test]
fn plain_health_tip_has_no_finding_and_exits_0() {
    let (code, out, _) = check(&["--format", "json", &fixture("posts/hydration-tip.md")]).parts();
    assert_eq!(code, 0, "{out}");
    assert_eq!(json(&out)["findings"], Value::Array(vec![]));
}

#[test]
fn missing_file_exits_2_and_is_named() {
    let (code, out, err) = check(&["--format", "json", "no/such/post.md", &fixture("posts/turmeric.md")]).parts();
    assert_eq!(code, 2);
    let report = json(&out);
    assert_eq!(report["errors"][0]["path"], "no/such/post.md");
    assert_eq!(report["errors"][0]["message"], "no such file or directory");
    // findings of the files that could be read are still reported
    assert!(!findings(&report).is_empty());
    assert!(err.is_empty(), "json keeps stderr quiet: {err}");
    let (code, _, err) = check(&["no/such/post.md"]).parts();
    assert_eq!(code, 2);
    assert!(err.contains("no/such/post.md: no such file or directory"), "{err}");
}

#[test]
fn invalid_rulesets_exit_2_naming_file_line_rule_and_problem() {
    let cases = [
        ("bad-regex.toml", "rulesets/bad-regex.toml:15: rule USR009: invalid regex"),
        ("duplicate-id.toml", "rulesets/duplicate-id.toml:9: rule USR001: duplicate rule id (first defined on line 1)"),
        ("unknown-validator.toml", "rulesets/unknown-validator.toml:8: rule USR003: unknown validator `sin`"),
        ("no-matcher.toml", "rulesets/no-matcher.toml:1: rule USR004: a rule needs a matcher"),
        ("unknown-key.toml", "rulesets/unknown-key.toml:7: rule USR005: unknown field `phrase`, expected one of"),
        ("bad-toml.toml", "rulesets/bad-toml.toml:5"),
    ];
    for (file, expected) in cases {
        let (code, out, err) = check(&["--rules", &fixture(&format!("rulesets/{file}")), &fixture("posts")]).parts();
        assert_eq!(code, 2, "{file}");
        assert!(out.is_empty(), "{file}: nothing is checked with a broken ruleset: {out}");
        assert!(err.contains(expected), "{file}: expected {expected:?} in:\n{err}");
    }
}

#[test]
fn contract_minimal_ruleset_loads_and_runs_alone() {
    let (code, out, _) = check(&[
        "--no-default-rules",
        "--rules",
        &fixture("rulesets/minimal.toml"),
        "--format",
        "json",
        &fixture("posts/turmeric.md"),
    ])
    .parts();
    assert_eq!(code, 0, "USR001 is a warning: {out}");
    let report = json(&out);
    assert_eq!(report["findings"][0]["rule"], "USR001");
    assert_eq!(findings(&report).len(), 1);
}

#[test]
fn json_offsets_slice_the_file_and_columns_count_characters() {
    let path = fixture("posts/turmeric.md");
    let out = check(&["--format", "json", "--show-matches", &path]).stdout;
    let bytes = std::fs::read(&path).unwrap();
    let report = json(&out);
    for f in findings(&report) {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&bytes[s..e]).unwrap(), f["excerpt"].as_str().unwrap());
        let line_start = bytes[..s].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = std::str::from_utf8(&bytes[line_start..s]).unwrap().chars().count() + 1;
        assert_eq!(f["column"].as_u64().unwrap() as usize, column);
    }
}

#[test]
fn json_report_follows_the_contract_and_is_byte_identical_on_a_second_run() {
    let args = ["--format", "json", &fixture("posts")];
    let first = check(&args).stdout;
    let second = check(&args).stdout;
    assert_eq!(first, second);
    let report = json(&first);
    let top = ["version", "tool", "files_scanned", "findings", "errors", "summary", "policy"];
    assert_eq!(keys_at_indent(&first, 2), top);
    assert_eq!(report["version"], 1);
    assert_eq!(report["files_scanned"], 3);
    let first_finding: Vec<String> = keys_at_indent(&first, 6).into_iter().take(14).collect();
    assert_eq!(
        first_finding,
        [
            "rule",
            "name",
            "category",
            "severity",
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "start",
            "end",
            "message",
            "excerpt",
            "fix"
        ]
    );
    let order: Vec<(String, u64, String)> = findings(&report)
        .iter()
        .map(|f| (f["path"].as_str().unwrap().into(), f["start"].as_u64().unwrap(), f["rule"].as_str().unwrap().into()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn no_format_prints_an_identifier_in_full_without_show_matches() {
    for format in ["human", "concise", "json", "sarif", "github"] {
        let (_, out, err) = check(&["--format", format, &fixture("posts/knee-recovery.md")]).parts();
        assert!(!out.contains("219-45-6781") && !err.contains("219-45-6781"), "{format} leaks the SSN:\n{out}{err}");
        assert!(!out.contains("6781"), "{format} leaks digits:\n{out}");
    }
    let out = check(&["--show-matches", &fixture("posts/knee-recovery.md")]).stdout;
    assert!(out.contains("219-45-6781"), "--show-matches prints the match:\n{out}");
}

#[test]
fn human_output_shows_the_masked_line_underlined_with_the_fix() {
    let out = check(&[&fixture("posts/knee-recovery.md")]).stdout;
    insta::assert_snapshot!("human_knee_recovery", out);
}

#[test]
fn json_output_snapshot() {
    let out = check(&["--format", "json", &fixture("posts")]).stdout;
    insta::assert_snapshot!("json_fixture_posts", common::without_digest(&out));
}

#[test]
fn sarif_output_snapshot() {
    let out = check(&["--format", "sarif", &fixture("posts"), &fixture("related")]).stdout;
    let mut log = json(&out);
    // the rules' help texts are the rule files' own: the snapshot keeps what this run found
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array_mut().expect("rules").len();
    assert!(rules > 70, "every reported rule is described ({rules})");
    log["runs"][0]["tool"]["driver"]["rules"] = Value::from(format!("{rules} rules"));
    insta::assert_snapshot!(
        "sarif_fixture_posts",
        common::without_digest(&serde_json::to_string_pretty(&log).unwrap())
    );
}

#[test]
fn github_output_snapshot() {
    let out = check(&["--format", "github", &fixture("posts"), &fixture("related")]).stdout;
    insta::assert_snapshot!("github_fixture_posts", out);
}

#[test]
fn human_output_lists_related_places_and_masks_every_identifier_of_the_post() {
    let out = check(&[&fixture("related/reply.md")]).stdout;
    insta::assert_snapshot!("human_related_reply", out);
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let out = check(&["--format", "concise", &fixture("posts")]).stdout;
    insta::assert_snapshot!("concise_fixture_posts", out);
}

#[test]
fn stdin_is_read_with_dash_and_named_by_stdin_filename() {
    let run = check_stdin(&["--format", "json", "--stdin-filename", "draft.md"], "This miracle cure fixes everything.");
    assert_eq!(run.code, 1);
    let report = run.json();
    assert_eq!(report["findings"][0]["path"], "draft.md");
}

#[test]
fn fail_on_sets_the_lowest_failing_severity() {
    let post = fixture("posts/turmeric.md");
    assert_eq!(check(&["--fail-on", "never", &post]).code, 0);
    let rules = fixture("rulesets/minimal.toml");
    let only_warning = ["--no-default-rules", "--rules", rules.as_str()];
    assert_eq!(check(&[&only_warning[..], &[post.as_str()]].concat()).code, 0);
    assert_eq!(check(&[&only_warning[..], &["--fail-on", "warning", post.as_str()]].concat()).code, 1);
}

#[test]
fn select_and_ignore_take_ids_prefixes_and_categories() {
    let posts = fixture("posts");
    let rules_in = |args: &[&str]| -> Vec<String> {
        rule_ids(&check(&[args, &["--format", "json", posts.as_str()]].concat()).json())
    };
    assert!(rules_in(&["--select", "phi"]).iter().all(|r| r.starts_with("PHI")));
    assert!(rules_in(&["--select", "PHI001"]).iter().all(|r| r == "PHI001"));
    assert!(!rules_in(&["--ignore", "PHI,misinformation"])
        .iter()
        .any(|r| r.starts_with("PHI") || r.starts_with("MIS")));
    let (code, _, err) = check(&["--select", "NOPE9", &posts]).parts();
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule selector `NOPE9`"), "{err}");
}

#[test]
fn unreadable_binary_and_non_utf8_files_are_errors_and_the_run_goes_on() {
    let dir = dir_with(&[
        ("a-binary.md", b"PNG\0\x01\x02"),
        ("b-latin1.md", b"caf\xe9 miracle cure"),
        ("c-good.md", b"A miracle cure!"),
    ]);
    let (code, out, _) = check(&["--format", "json", dir.path().to_str().unwrap()]).parts();
    assert_eq!(code, 2);
    let report = json(&out);
    assert_eq!(
        messages(&report, "errors"),
        ["binary file (NUL byte at byte 3), not checked", "not valid UTF-8 at byte 3"]
    );
    assert_eq!(report["files_scanned"], 1);
    assert_eq!(report["findings"][0]["excerpt"], "miracle cure");
}

#[test]
fn directories_honour_gitignore_and_default_extensions() {
    let dir = dir_with(&[
        (".gitignore", b"drafts/\n"),
        ("drafts/x.md", b"miracle cure"),
        ("post.md", b"miracle cure"),
        ("image.png.txt.bak", b"miracle cure"),
    ]);
    let out = check(&["--format", "json", dir.path().to_str().unwrap()]).stdout;
    assert_eq!(json(&out)["files_scanned"], 1);
}

#[test]
fn fix_redacts_in_place_keeps_permissions_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    std::fs::copy(fixture("posts/knee-recovery.md"), &path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let p = path.to_str().unwrap();
    let err = check(&["--fix", "--select", "PHI001", p]).stderr;
    assert!(err.contains("Applied 1 fix to 1 file: "), "{err}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(!fixed.contains("219-45-6781"));
    assert!(fixed.starts_with("---\ntitle: Knee recovery update"));
    let (code, _, err) = check(&["--fix", "--select", "PHI001", p]).parts();
    assert_eq!(code, 0);
    assert!(err.contains("Applied 0 fixes."), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left behind");
}

#[test]
fn suppression_comments_and_front_matter_allow_silence_rules() {
    let dir = tempfile::tempdir().unwrap();
    let post = |name: &str, text: &str| write(dir.path(), name, text).to_str().unwrap().to_string();
    let next_line = post(
        "a.md",
        "<!-- carelint-disable-next-line MIS -- quoting a patient -->\nA miracle cure!\nA miracle cure!\n",
    );
    let region = post("b.md", "<!-- carelint-disable misinformation -->\nmiracle cure\n<!-- carelint-enable misinformation -->\nmiracle cure\n");
    let front = post("c.md", "---\ncarelint:\n  allow: [misinformation]\n  reason: satire\n---\nmiracle cure\n");
    let lines = |p: &str| -> Vec<u64> {
        let report = check(&["--format", "json", "--select", "misinformation", p]).json();
        findings(&report).iter().map(|f| f["line"].as_u64().unwrap()).collect()
    };
    assert_eq!(lines(&next_line), [3]);
    assert_eq!(lines(&region), [4]);
    assert!(lines(&front).is_empty());
}

#[test]
fn html_comments_are_not_scanned_for_claims() {
    let run = check_stdin(&["--select", "misinformation"], "Plain tip.\n<!-- draft note: not a miracle cure -->\n");
    assert_eq!(run.code, 0);
}

#[test]
fn config_is_discovered_upwards_and_allows_the_practice_phone() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "carelint.toml",
        "fail-on = \"warning\"\n[allow]\nvalues = [\"219-45-6781\"]\n\n[[overrides]]\npaths = [\"archive/**\"]\nignore = [\"misinformation\"]\n",
    );
    std::fs::create_dir_all(dir.path().join("posts/archive")).unwrap();
    write(dir.path(), "posts/ssn.md", "My SSN is 219-45-6781.");
    write(dir.path(), "archive/old.md", "A miracle cure!");
    let report = carelint(&["check", "--format", "json", "."]).current_dir(&dir.path().join("posts")).run().json();
    assert_eq!(report["findings"], Value::Array(vec![]), "allow-listed value is not PHI");
    let report = carelint(&["check", "--format", "json", "archive"]).current_dir(dir.path()).run().json();
    assert_eq!(report["findings"], Value::Array(vec![]), "override ignores misinformation under archive/");
}

#[test]
fn broken_config_exits_2_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(dir.path(), "carelint.toml", "fail-on = \"error\"\nselct = [\"phi\"]\n");
    let (code, _, err) = carelint(&["check", "--config", cfg.to_str().unwrap(), &fixture("posts")]).run().parts();
    assert_eq!(code, 2);
    assert!(err.contains("carelint.toml:2: unknown field `selct`"), "{err}");
}

#[test]
fn rules_json_lists_the_contract_families_and_explain_works_for_each() {
    let (code, out, _) = carelint(&["rules", "--no-config", "--format", "json"]).run().parts();
    assert_eq!(code, 0);
    let rules = json(&out);
    let rules = rules.as_array().unwrap();
    assert!(rules.len() >= 30, "{} rules", rules.len());
    for family in ["phi", "misinformation", "testimonial", "review"] {
        assert!(rules.iter().any(|r| r["category"] == family), "no {family} rule");
    }
    for r in rules {
        for key in ["id", "name", "category", "severity", "summary"] {
            assert!(r[key].is_string(), "{key} of {r}");
        }
        let id = r["id"].as_str().unwrap();
        let (code, out, err) = carelint(&["explain", "--no-config", id]).run().parts();
        assert_eq!(code, 0, "{id}: {err}");
        assert!(out.starts_with(id) && out.contains("## Why it matters") && out.contains("## References"), "{out}");
    }
    let (code, _, err) = carelint(&["explain", "--no-config", "XYZ999"]).run().parts();
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `XYZ999`"), "{err}");
}

#[test]
fn rules_human_table_lists_every_rule() {
    let (code, out, _) = carelint(&["rules", "--no-config"]).run().parts();
    assert_eq!(code, 0);
    assert!(out.starts_with("ID "));
    assert!(out.contains("PHI001"));
}

#[test]
fn usage_errors_exit_2() {
    let code = carelint(&["check", "--format", "xml", "x"]).run().code;
    assert_eq!(code, 2);
    let code = carelint(&["frobnicate"]).run().code;
    assert_eq!(code, 2);
    assert!(package_root().join("rules").is_dir());
}

#[test]
fn human_output_masks_every_identifier_on_a_line_with_fullwidth_digits() {
    let run = check_stdin(&["--select", "PHI"], "Call ３１２-５５５-０１４２ or SSN 219-45-6781 now\n");
    assert_eq!(run.code, 1);
    let text = run.stdout;
    assert!(text.contains("Call ***-***-**４２ or SSN ***-**-**81 now"), "{text}");
    assert!(!text.contains("219") && !text.contains("５５５"), "{text}");
}
