//! What a run says it read: the git pre-commit hook (driven through real `git commit`s), the directory walk (symbolic
//! links, repeats, paths that give nothing to check) and stdin named with `--stdin-filename`.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use common::{carelint, check_in, check_json_in, finding_paths, package_root, write, BIN};

const SSN_POST: &str = "Thanks for visiting! For the insurance form my SSN is 532-48-1975.\n";
const CLEAN_POST: &str = "Drink water before your run.\n";

/// The directory holding the freshly built binary, for the hook's PATH.
fn bin_dir() -> PathBuf {
    Path::new(BIN).parent().expect("binary has a directory").to_path_buf()
}

/// A command with nothing from the caller's git or home: commits work without a user's configuration.
fn isolated(program: &str, dir: &Path, home: &Path, path_var: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    cmd.current_dir(dir)
        .env("HOME", home)
        .env("PATH", path_var)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test Author")
        .env("GIT_AUTHOR_EMAIL", "author@example.test")
        .env("GIT_COMMITTER_NAME", "Test Author")
        .env("GIT_COMMITTER_EMAIL", "author@example.test")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE");
    cmd
}

/// A git repository in a temporary directory (`outer/repo`, so files can be put above it) with the hook installed.
struct Repo {
    outer: tempfile::TempDir,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let outer = tempfile::tempdir().expect("tempdir");
        let dir = outer.path().join("repo");
        std::fs::create_dir(&dir).expect("repo dir");
        let repo = Repo { outer, dir };
        repo.git(&["init", "-q"]);
        let hook = repo.dir.join(".git/hooks/pre-commit");
        std::fs::copy(package_root().join("hooks/pre-commit"), &hook).expect("hook installs");
        repo
    }

    fn path_with_carelint(&self) -> String {
        format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap_or_default())
    }

    fn run(&self, program: &str, args: &[&str], path_var: &str) -> Output {
        isolated(program, &self.dir, self.outer.path(), path_var)
            .env("TMPDIR", self.outer.path())
            .args(args)
            .output()
            .expect("command runs")
    }

    fn git(&self, args: &[&str]) -> Output {
        let out = self.run("git", args, &self.path_with_carelint());
        assert!(out.status.success() || args[0] == "commit", "git {args:?} failed: {}", text(&out.stderr));
        out
    }

    /// Writes and stages a file.
    fn stage(&self, name: &str, content: &str) {
        write(&self.dir, name, content);
        self.git(&["add", "--", name]);
    }

    /// `git commit`, which runs the hook: whether it succeeded, and the hook's output.
    fn commit(&self) -> (bool, String) {
        let out = self.git(&["commit", "-q", "-m", "test"]);
        (out.status.success(), format!("{}{}", text(&out.stdout), text(&out.stderr)))
    }

    /// Runs the hook itself (not through git), to see its own exit code.
    fn hook(&self) -> (i32, String) {
        let out = self.run(".git/hooks/pre-commit", &[], &self.path_with_carelint());
        (out.status.code().unwrap_or(-1), format!("{}{}", text(&out.stdout), text(&out.stderr)))
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn hook_checks_staged_hidden_paths() {
    let repo = Repo::new();
    repo.stage("posts/.drafts/x.md", SSN_POST);
    let (committed, out) = repo.commit();
    assert!(!committed, "a hidden post with an SSN was committed:\n{out}");
    assert!(out.contains("posts/.drafts/x.md") && out.contains("PHI001"), "{out}");
}

#[test]
fn hook_matches_extensions_case_insensitively() {
    let repo = Repo::new();
    repo.stage("Upper.MD", SSN_POST);
    let (committed, out) = repo.commit();
    assert!(!committed, "Upper.MD was not checked:\n{out}");
    assert!(out.contains("Upper.MD"), "{out}");
}

#[test]
fn hook_checks_the_staged_content_not_the_working_tree() {
    let repo = Repo::new();
    repo.stage("post.md", SSN_POST);
    write(&repo.dir, "post.md", CLEAN_POST);
    let (committed, out) = repo.commit();
    assert!(!committed, "the staged SSN was committed:\n{out}");
}

#[test]
fn hook_ignores_config_above_the_repository() {
    let repo = Repo::new();
    // above the repository, and in the TMPDIR the old hook copied the posts to
    write(repo.outer.path(), "carelint.toml", "fail-on = \"never\"\n");
    repo.stage("post.md", SSN_POST);
    let (committed, out) = repo.commit();
    assert!(!committed, "a carelint.toml above the repository let an SSN through:\n{out}");
}

#[test]
fn hook_uses_repository_config_and_overrides() {
    let repo = Repo::new();
    let config = "[[overrides]]\npaths = [\"archive/**\"]\nignore = [\"phi\"]\n";
    write(&repo.dir, "carelint.toml", config);
    repo.stage("archive/old post.md", SSN_POST);
    let (committed, out) = repo.commit();
    assert!(committed, "the repository's override for archive/** did not apply:\n{out}");

    repo.stage("posts/new.md", SSN_POST);
    let (committed, out) = repo.commit();
    assert!(!committed, "posts/new.md is not overridden:\n{out}");
    assert!(out.contains("posts/new.md"), "{out}");
}

#[test]
fn hook_checks_staged_calendar_as_calendar() {
    let repo = Repo::new();
    // as a post this is clean; as a calendar it has no post text column, which is an error
    repo.stage("calendar.csv", "date,notes\n2024-05-01,hello\n");
    let (code, out) = repo.hook();
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("calendar.csv") && out.contains("no post text column"), "{out}");
}

#[test]
fn hook_handles_names_with_spaces_and_newlines() {
    let repo = Repo::new();
    repo.stage("my post.md", CLEAN_POST);
    repo.stage("odd\nname.md", SSN_POST);
    let (code, out) = repo.hook();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("odd\nname.md:"), "{out}");
    assert!(out.contains("in 1 of 2 files."), "both staged files are checked, in one run:\n{out}");
}

#[test]
fn hook_skips_deleted_files_and_checks_renamed_ones() {
    let repo = Repo::new();
    repo.stage("a.md", SSN_POST);
    repo.stage("b.md", SSN_POST);
    repo.git(&["commit", "-q", "--no-verify", "-m", "seed"]);
    repo.git(&["rm", "-q", "a.md"]);
    let (code, out) = repo.hook();
    assert_eq!(code, 0, "a deleted file has nothing staged to check:\n{out}");
    repo.git(&["mv", "b.md", "c.md"]);
    let (code, out) = repo.hook();
    assert_eq!(code, 1, "a renamed post is checked under its new name:\n{out}");
    assert!(out.contains("c.md"), "{out}");
}

#[test]
fn hook_exit_code_is_the_worst_of_its_files() {
    let repo = Repo::new();
    repo.stage("a-findings.md", SSN_POST);
    repo.stage("b-clean.md", CLEAN_POST);
    repo.stage("c-binary.md", "a\0b");
    let (code, out) = repo.hook();
    assert_eq!(code, 2, "an unreadable file outranks findings:\n{out}");
    assert!(out.contains("a-findings.md") && out.contains("c-binary.md"), "{out}");
}

#[test]
fn hook_without_carelint_on_path_fails_and_says_so() {
    let repo = Repo::new();
    repo.stage("post.md", SSN_POST);
    let out = repo.run(".git/hooks/pre-commit", &[], "/usr/bin:/bin");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("carelint is not on the PATH"), "{}", text(&out.stderr));
}

#[test]
fn walk_checks_symlinked_posts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "elsewhere/x.md", SSN_POST);
    std::fs::create_dir(tmp.path().join("posts")).expect("dir");
    std::os::unix::fs::symlink("../elsewhere/x.md", tmp.path().join("posts/link.md")).expect("symlink");
    let (run, report) = check_json_in(tmp.path(), &["posts"]);
    assert_eq!(run.code, 1, "{report}");
    assert_eq!(report["files_scanned"], 1);
    assert_eq!(finding_paths(&report), ["posts/link.md"]);
}

#[test]
fn walk_reports_broken_symlinks() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "posts/ok.md", CLEAN_POST);
    std::os::unix::fs::symlink("gone.md", tmp.path().join("posts/broken.md")).expect("symlink");
    let (run, report) = check_json_in(tmp.path(), &["posts"]);
    assert_eq!(run.code, 2, "{report}");
    assert_eq!(report["errors"][0]["path"], "posts/broken.md");
    assert!(report["errors"][0]["message"].as_str().unwrap_or_default().contains("broken symbolic link"), "{report}");
}

#[test]
fn walk_does_not_follow_symlinked_directories() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "elsewhere/x.md", SSN_POST);
    write(tmp.path(), "posts/ok.md", CLEAN_POST);
    std::os::unix::fs::symlink("../elsewhere", tmp.path().join("posts/more")).expect("symlink");
    let (run, report) = check_json_in(tmp.path(), &["posts"]);
    assert_eq!((run.code, report["files_scanned"].as_u64()), (0, Some(1)), "{report}");
}

#[test]
fn walk_checks_a_link_and_its_target_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "posts/b-real.md", SSN_POST);
    std::os::unix::fs::symlink("b-real.md", tmp.path().join("posts/a-link.md")).expect("symlink");
    let (run, report) = check_json_in(tmp.path(), &["posts"]);
    assert_eq!(run.code, 1);
    assert_eq!(report["files_scanned"], 1, "{report}");
    // the first name the walk reached it by
    assert_eq!(finding_paths(&report), ["posts/a-link.md"]);
}

#[test]
fn file_named_twice_is_reported_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "posts/a.md", SSN_POST);
    let (run, report) = check_json_in(tmp.path(), &["posts/a.md", "./posts/a.md", "posts/../posts/a.md", "posts"]);
    assert_eq!(run.code, 1);
    assert_eq!(report["files_scanned"], 1, "{report}");
    assert_eq!(finding_paths(&report), ["posts/a.md"]);
}

#[test]
fn directory_with_no_post_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "posts/script.py", "# SSN 532-48-1975\n");
    write(tmp.path(), "posts/.hidden.md", SSN_POST);
    std::fs::create_dir(tmp.path().join("empty")).expect("dir");
    let (run, report) = check_json_in(tmp.path(), &["posts", "empty"]);
    assert_eq!(run.code, 2, "{report}");
    assert_eq!(report["files_scanned"], 0);
    let errors = report["errors"].as_array().expect("errors");
    let paths: Vec<&str> = errors.iter().filter_map(|e| e["path"].as_str()).collect();
    assert_eq!(paths, ["empty", "posts"]);
    let message = errors[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains(".md") && message.contains(".csv"), "says what it looked for: {message}");
}

#[test]
fn human_run_on_a_wrong_path_does_not_say_no_problems() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(tmp.path().join("posts")).expect("dir");
    let run = check_in(tmp.path(), &["posts"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("posts: no file to check"), "{}", run.stderr);
}

/// `carelint check --format json ARGS -` in `dir` with `input` on stdin.
fn check_stdin(dir: &Path, args: &[&str], input: &str) -> (i32, Value) {
    let run = carelint(&[&["check", "--format", "json"], args, &["-"]].concat()).current_dir(dir).stdin(input).run();
    let report = run.json();
    (run.code, report)
}

#[test]
fn stdin_filename_decides_overrides() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "carelint.toml", "[[overrides]]\npaths = [\"archive/**\"]\nignore = [\"phi\"]\n");
    let (code, report) = check_stdin(tmp.path(), &["--stdin-filename", "archive/old.md"], SSN_POST);
    assert_eq!(code, 0, "{report}");
    let (code, report) = check_stdin(tmp.path(), &["--stdin-filename", "posts/new.md"], SSN_POST);
    assert_eq!(code, 1, "{report}");
    assert_eq!(finding_paths(&report), ["posts/new.md"]);
}

#[test]
fn stdin_filename_csv_is_a_calendar() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let calendar = format!("date,text\n2024-05-01,\"{}\"\n", SSN_POST.trim());
    let (code, report) = check_stdin(tmp.path(), &["--no-config", "--stdin-filename", "cal.csv"], &calendar);
    assert_eq!(code, 1, "{report}");
    assert_eq!(report["findings"][0]["row"], 1, "checked as a calendar row: {report}");
    let (_, report) = check_stdin(tmp.path(), &["--no-config", "--stdin-filename", "post.md"], &calendar);
    assert!(report["findings"][0]["row"].is_null(), "checked as a post: {report}");
}
