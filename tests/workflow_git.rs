//! Adopting carelint on an existing repository of posts, in temporary git repositories: a baseline survives edits
//! around its findings and never holds an identifier; `--staged` checks what will be committed; `--changed-since`
//! reports only what changed; `carelint hook install` and `init` set a repository up.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use common::{carelint, write, Run, BIN};

/// A synthetic SSN of a valid shape (the rules skip the invalid ranges: 000, 666, 9xx, 123-45-6789).
const SSN: &str = "532-48-1975";
const SSN_2: &str = "417-29-3086";
const CLEAN: &str = "Drink water before your run.\n";

fn ssn_post(ssn: &str) -> String {
    format!("Thanks for visiting!\n\nFor the insurance form my SSN is {ssn}, please call back.\n")
}

/// A git repository in a temporary directory, with a user of its own and nothing from the caller's git setup.
struct Repo {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("repo");
        std::fs::create_dir(&dir).expect("repo dir");
        let repo = Repo { _tmp: tmp, dir };
        repo.git(&["init", "-q"]);
        repo.git(&["config", "user.name", "Test Author"]);
        repo.git(&["config", "user.email", "author@example.com"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.dir)
            .env("HOME", self._tmp.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_WORK_TREE");
        cmd
    }

    fn git(&self, args: &[&str]) -> std::process::Output {
        let out = self.command("git").args(args).output().expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    fn write(&self, name: &str, content: &str) {
        write(&self.dir, name, content);
    }

    fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--no-verify", "-m", message]);
    }

    /// `carelint check --no-config ARGS` in the repository.
    fn check(&self, args: &[&str]) -> Run {
        carelint(&[&["check", "--no-config"], args].concat()).current_dir(&self.dir).env("HOME", "/nonexistent").run()
    }

    fn check_json(&self, args: &[&str]) -> (Run, Value) {
        let run = self.check(&[&["--format", "json"], args].concat());
        let report = run.json();
        (run, report)
    }
}

/// Each finding's rule and line.
fn places(report: &Value) -> Vec<(String, u64)> {
    common::findings(report)
        .iter()
        .map(|f| (f["rule"].as_str().unwrap_or_default().to_string(), f["line"].as_u64().unwrap_or_default()))
        .collect()
}

#[test]
fn a_baseline_survives_lines_inserted_above_and_reports_only_new_findings() {
    let repo = Repo::new();
    repo.write("posts/a.md", &ssn_post(SSN));
    repo.write("posts/b.md", &format!("Our miracle cure works.\n\n{}", ssn_post(SSN_2)));
    let (run, report) = repo.check_json(&["posts", "--write-baseline", "carelint-baseline.json"]);
    assert_eq!(run.code, 0, "writing a baseline accepts what is there: {}", run.stderr);
    assert!(run.stderr.contains("Wrote a baseline of"), "{}", run.stderr);
    let recorded = report["baselined"].as_u64().expect("the report counts them");
    assert!(recorded >= 3, "{report}");
    assert!(common::findings(&report).is_empty(), "{report}");

    // no identifier of any post is in the file, in full or as its digits
    let baseline = std::fs::read_to_string(repo.dir.join("carelint-baseline.json")).expect("written");
    for ssn in [SSN, SSN_2] {
        assert!(!baseline.contains(ssn) && !baseline.contains(&ssn.replace('-', "")), "{baseline}");
        assert!(!baseline.contains(&ssn[..6]), "no part beyond what the mask shows: {baseline}");
    }
    let parsed: Value = serde_json::from_str(&baseline).expect("the baseline is JSON");
    assert_eq!(parsed["version"], 1);

    // a line inserted above every finding moves them all: still baselined
    for name in ["posts/a.md", "posts/b.md"] {
        let old = std::fs::read_to_string(repo.dir.join(name)).expect("post");
        repo.write(name, &format!("A new first line.\n\n{old}"));
    }
    let (run, report) = repo.check_json(&["posts", "--baseline", "carelint-baseline.json"]);
    assert_eq!((run.code, places(&report)), (0, vec![]), "{report}");
    assert_eq!(report["baselined"].as_u64(), Some(recorded));
    let human = repo.check(&["posts", "--baseline", "carelint-baseline.json"]);
    assert!(
        human.stdout.contains(&format!("No problems found in 2 files. {recorded} baselined findings not shown.")),
        "{}",
        human.stdout
    );

    // a new finding is reported; so is a changed one (another SSN whose mask differs)
    let b = std::fs::read_to_string(repo.dir.join("posts/b.md")).expect("post");
    repo.write("posts/b.md", &b.replace(SSN_2, "417-29-3011"));
    repo.write("posts/c.md", &ssn_post(SSN));
    let (run, report) = repo.check_json(&["posts", "--baseline", "carelint-baseline.json"]);
    assert_eq!(run.code, 1, "{report}");
    let paths = common::finding_paths(&report);
    assert_eq!(paths, ["posts/b.md", "posts/c.md"], "{report}");
    assert_eq!(report["baselined"].as_u64(), Some(recorded - 1));

    // SARIF says how many were left out
    let sarif = repo.check(&["posts", "--baseline", "carelint-baseline.json", "--format", "sarif"]).json();
    assert_eq!(sarif["runs"][0]["properties"]["baselined"].as_u64(), Some(recorded - 1), "{sarif}");
}

#[test]
fn a_baseline_is_found_from_another_directory_and_a_bad_one_is_an_error() {
    let repo = Repo::new();
    repo.write("posts/a.md", &ssn_post(SSN));
    let run = repo.check(&["posts", "--write-baseline", "baseline.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // the same files, named from inside posts/: paths in the baseline are relative to the baseline file
    let run = carelint(&["check", "--no-config", "a.md", "--baseline", "../baseline.json"])
        .current_dir(&repo.dir.join("posts"))
        .run();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    repo.write("broken.json", "{\"version\": 7, \"findings\": []}");
    let run = repo.check(&["posts", "--baseline", "broken.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("baseline version 7"), "{}", run.stderr);
    let run = repo.check(&["posts", "--baseline", "missing.json"]);
    assert_eq!(run.code, 2);
}

#[test]
fn staged_checks_what_will_be_committed_not_the_working_tree() {
    let repo = Repo::new();
    repo.write("posts/a.md", &ssn_post(SSN));
    repo.git(&["add", "posts/a.md"]);
    repo.write("posts/a.md", CLEAN);
    let (run, report) = repo.check_json(&["--staged"]);
    assert_eq!(run.code, 1, "{report}");
    assert_eq!(common::finding_paths(&report), ["posts/a.md"]);
    // from a subdirectory, paths are still the repository's
    let run =
        carelint(&["check", "--no-config", "--staged", "--format", "json"]).current_dir(&repo.dir.join("posts")).run();
    assert_eq!(common::finding_paths(&run.json()), ["posts/a.md"]);

    // the reverse: a clean post staged, an SSN only in the working tree
    let repo = Repo::new();
    repo.write("posts/a.md", CLEAN);
    repo.git(&["add", "posts/a.md"]);
    repo.write("posts/a.md", &ssn_post(SSN));
    let (run, report) = repo.check_json(&["--staged"]);
    assert_eq!(run.code, 0, "{report}");
    assert_eq!(report["files_scanned"], 1);
}

#[test]
fn a_baseline_written_from_the_working_tree_applies_to_a_staged_check() {
    let repo = Repo::new();
    repo.write("posts/a.md", &ssn_post(SSN));
    assert_eq!(repo.check(&["posts", "--write-baseline", "baseline.json"]).code, 0);
    let old = std::fs::read_to_string(repo.dir.join("posts/a.md")).expect("post");
    repo.write("posts/a.md", &format!("An edit above.\n{old}"));
    repo.git(&["add", "posts/a.md"]);
    let (run, report) = repo.check_json(&["--staged", "--baseline", "baseline.json"]);
    assert_eq!((run.code, report["baselined"].as_u64()), (0, Some(1)), "{report}");
    repo.write("posts/a.md", &format!("{old}\nAnd {SSN_2}.\n"));
    repo.git(&["add", "posts/a.md"]);
    let (run, report) = repo.check_json(&["--staged", "--baseline", "baseline.json"]);
    assert_eq!(run.code, 1, "{report}");
    assert_eq!(places(&report), [("PHI001".to_string(), 5)], "{report}");
}

#[test]
fn staged_skips_deleted_files_and_what_a_walk_would_not_check() {
    let repo = Repo::new();
    repo.write("gone.md", &ssn_post(SSN));
    repo.commit_all("seed");
    repo.git(&["rm", "-q", "gone.md"]);
    repo.write("script.py", &ssn_post(SSN));
    repo.write("Notes.MD", CLEAN);
    repo.git(&["add", "script.py", "Notes.MD"]);
    let (run, report) = repo.check_json(&["--staged"]);
    assert_eq!((run.code, report["files_scanned"].as_u64()), (0, Some(1)), "{report}");
}

#[test]
fn changed_since_reports_added_lines_and_not_old_ones() {
    let repo = Repo::new();
    repo.write("posts/a.md", &ssn_post(SSN));
    repo.commit_all("old posts");
    repo.write("posts/b.md", CLEAN);
    repo.commit_all("unrelated");
    let old = std::fs::read_to_string(repo.dir.join("posts/a.md")).expect("post");
    repo.write("posts/a.md", &format!("{old}\nAnd my other number is {SSN_2} too.\n"));
    let (run, report) = repo.check_json(&["posts", "--changed-since", "HEAD~1"]);
    assert_eq!(run.code, 1, "{report}");
    assert_eq!(places(&report), [("PHI001".to_string(), 5)], "only the added line's SSN: {report}");

    // without the change nothing is reported; the old SSN is still there for a full check
    repo.write("posts/a.md", &old);
    let (run, report) = repo.check_json(&["posts", "--changed-since", "HEAD~1"]);
    assert_eq!((run.code, places(&report)), (0, vec![]), "{report}");
    assert_eq!(repo.check(&["posts"]).code, 1);

    // a post that did not exist then is new in every line
    repo.write("posts/new.md", &ssn_post(SSN));
    let (_, report) = repo.check_json(&["posts", "--changed-since", "HEAD"]);
    assert_eq!(common::finding_paths(&report), ["posts/new.md"], "{report}");
}

#[test]
fn changed_since_reports_a_whole_post_finding_when_any_line_of_the_post_changed() {
    let repo = Repo::new();
    // a sponsored post without a disclosure: a finding about the whole post
    let post = "---\nkind: sponsored\n---\nWe partnered with Acme Vitamins for this post.\n\nStay hydrated.\n";
    repo.write("posts/ad.md", post);
    repo.commit_all("ad");
    let (_, full) = repo.check_json(&["posts"]);
    assert_eq!(places(&full), [("TST012".to_string(), 4)], "{full}");
    let (_, report) = repo.check_json(&["posts", "--changed-since", "HEAD"]);
    assert_eq!(places(&report), [], "nothing changed yet: {report}");
    // line 6 changes; the finding is placed on line 4, but it is about the whole post
    repo.write("posts/ad.md", &post.replace("Stay hydrated.", "Stay hydrated, friends."));
    let (_, report) = repo.check_json(&["posts", "--changed-since", "HEAD"]);
    assert_eq!(places(&report), [("TST012".to_string(), 4)], "{report}");
}

#[test]
fn changed_since_outside_a_repository_or_with_a_bad_revision_is_an_error() {
    let repo = Repo::new();
    repo.write("a.md", CLEAN);
    repo.commit_all("one");
    let run = repo.check(&["a.md", "--changed-since", "no-such-rev"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`no-such-rev` is not a commit"), "{}", run.stderr);

    let outside = tempfile::tempdir().expect("tempdir");
    write(outside.path(), "a.md", CLEAN);
    let run = carelint(&["check", "--no-config", "a.md", "--changed-since", "HEAD"])
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", &outside.path().parent().unwrap().display().to_string())
        .run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not in a git repository"), "{}", run.stderr);
    let run = carelint(&["check", "--no-config", "--staged"])
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", &outside.path().parent().unwrap().display().to_string())
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// The directory of the built binary, first on the PATH, so the hook finds this carelint.
fn path_with_carelint() -> String {
    let dir = Path::new(BIN).parent().expect("binary has a directory");
    format!("{}:{}", dir.display(), std::env::var("PATH").unwrap_or_default())
}

#[test]
fn hook_install_writes_updates_and_chains_but_never_drops_a_foreign_hook() {
    let repo = Repo::new();
    let install = |force: bool| {
        let args: &[&str] = if force { &["hook", "install", "--force"] } else { &["hook", "install"] };
        carelint(args).current_dir(&repo.dir).run()
    };
    let hook = repo.dir.join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\necho foreign hook ran\nexit 0\n").expect("foreign hook");
    Command::new("chmod").arg("+x").arg(&hook).status().expect("chmod");
    let run = install(false);
    assert_eq!(run.code, 2, "a foreign hook is refused: {}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(std::fs::read_to_string(&hook).unwrap().contains("foreign hook"));

    let run = install(true);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(repo.dir.join(".git/hooks/pre-commit.chained")).unwrap().contains("foreign"));
    let run = install(false);
    assert_eq!(run.code, 0, "carelint's own hook is updated: {}", run.stderr);
    assert!(run.stderr.contains("Updated"), "{}", run.stderr);

    // the installed hook blocks a staged SSN, and runs the chained hook first
    repo.write("post.md", &ssn_post(SSN));
    repo.git(&["add", "post.md"]);
    let out =
        repo.command("git").args(["commit", "-q", "-m", "bad"]).env("PATH", path_with_carelint()).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "the SSN was committed: {said}");
    assert!(said.contains("foreign hook ran") && said.contains("PHI001"), "{said}");
    repo.write("post.md", CLEAN);
    repo.git(&["add", "post.md"]);
    let out =
        repo.command("git").args(["commit", "-q", "-m", "good"]).env("PATH", path_with_carelint()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn init_writes_a_config_that_loads_and_will_not_overwrite_it() {
    let repo = Repo::new();
    let run = carelint(&["init"]).current_dir(&repo.dir).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(repo.dir.join("carelint.toml")).expect("written");
    assert!(text.contains("[allow]") && text.contains("platform"), "{text}");
    repo.write("a.md", CLEAN);
    // the next check finds and loads it
    let run = carelint(&["check", "a.md"]).current_dir(&repo.dir).run();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = carelint(&["init"]).current_dir(&repo.dir).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(carelint(&["init", "--force"]).current_dir(&repo.dir).run().code, 0);
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = carelint(&["completions", shell]).run();
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("carelint") && run.stdout.contains("changed-since"), "{shell}");
    }
    assert_eq!(carelint(&["completions", "tcsh"]).run().code, 2);
    let run = carelint(&["manpage"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(".ie") || run.stdout.contains(".TH carelint"), "{}", &run.stdout[..200]);
    for word in ["check", "hook", "completions"] {
        assert!(run.stdout.contains(word), "{word}");
    }
}

#[test]
fn a_repository_configuration_extends_a_shared_policy_and_overrides_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "policy/group.toml", "fail-on = \"never\"\n[allow]\nvalues = [\"clinic.example\"]\n");
    write(tmp.path(), "repo/carelint.toml", "extend = \"../policy/group.toml\"\nfail-on = \"error\"\n");
    write(tmp.path(), "repo/a.md", format!("Reach me at jane.doe@clinic.example about my biopsy\n\n{}", ssn_post(SSN)));
    let repo = tmp.path().join("repo");
    let run = carelint(&["check", "--format", "json", "a.md"]).current_dir(&repo).run();
    assert_eq!(run.code, 1, "the repository's fail-on wins over the shared one: {}", run.stderr);
    assert_eq!(places(&run.json()), [("PHI001".to_string(), 5)], "the shared allow-list applies");
    let run = carelint(&["check", "--no-config", "--format", "json", "a.md"]).current_dir(&repo).run();
    assert_eq!(places(&run.json()).len(), 2, "without it the address is reported");

    write(tmp.path(), "policy/group.toml", "extend = \"../repo/carelint.toml\"\n");
    let run = carelint(&["check", "a.md"]).current_dir(&repo).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cycle") && run.stderr.contains("group.toml"), "{}", run.stderr);
}
