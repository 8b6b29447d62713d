//! What the integration tests share: running the built binary, reading its JSON report, writing posts into
//! temporary directories and loading the default rules.

// Every test file compiles this module into its own binary and uses only part of it; the rest would warn as dead
// code in each binary that does not use it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use carelint::allow::Allowlist;
use carelint::engine::Engine;
use carelint::rules::Ruleset;
use serde_json::Value;

/// The binary cargo built for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_carelint");

/// The package root: where runs start unless a test names another directory, and what fixture paths are relative to.
pub fn package_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file or directory under `tests/fixtures`, relative to the package root (runs print it as given).
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// How one run of the binary ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from_output(out: Output) -> Run {
        Run {
            // a run ended by a signal has no code; -1 matches no expected exit code
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Exit code, stdout and stderr, for tests that name all three.
    pub fn parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }

    /// Stdout read as the one JSON object of a `--format json` or `--format sarif` report.
    pub fn json(&self) -> Value {
        json(&self.stdout)
    }
}

/// One run of the binary being set up: arguments, then where it runs, what it reads and how long it may take.
pub struct Invocation {
    cmd: assert_cmd::Command,
}

/// `carelint ARGS`, run in the package root.
pub fn carelint(args: &[&str]) -> Invocation {
    let mut cmd = assert_cmd::Command::new(BIN);
    cmd.args(args).current_dir(package_root());
    Invocation { cmd }
}

impl Invocation {
    /// Runs in `dir` instead of the package root (where a `carelint.toml` may be found, and relative paths start).
    pub fn current_dir(mut self, dir: &Path) -> Invocation {
        self.cmd.current_dir(dir);
        self
    }

    /// Gives the run `input` on stdin (it is closed, empty, otherwise).
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Invocation {
        self.cmd.write_stdin(input);
        self
    }

    /// Sets one environment variable of the run (the rest is inherited from the test).
    pub fn env(mut self, key: &str, value: &str) -> Invocation {
        self.cmd.env(key, value);
        self
    }

    /// Kills the run after `limit`, so that a hang fails the test instead of stalling the suite.
    pub fn timeout(mut self, limit: Duration) -> Invocation {
        self.cmd.timeout(limit);
        self
    }

    /// Runs it to its end.
    pub fn run(mut self) -> Run {
        Run::from_output(self.cmd.output().expect("binary runs"))
    }
}

/// `carelint check --no-config ARGS` in the package root, the usual run of a test that brings its own files.
pub fn check(args: &[&str]) -> Run {
    check_in(package_root(), args)
}

/// `carelint check --no-config ARGS` in `dir`.
pub fn check_in(dir: &Path, args: &[&str]) -> Run {
    carelint(&[&["check", "--no-config"], args].concat()).current_dir(dir).run()
}

/// `carelint check --no-config --format json ARGS` in `dir`: the run and its report.
pub fn check_json_in(dir: &Path, args: &[&str]) -> (Run, Value) {
    let run = check_in(dir, &[&["--format", "json"], args].concat());
    let report = run.json();
    (run, report)
}

/// `carelint check --no-config ARGS -` in the package root, with `input` on stdin.
pub fn check_stdin(args: &[&str], input: &str) -> Run {
    carelint(&[&["check", "--no-config"], args, &["-"]].concat()).stdin(input).run()
}

/// Any `std::process::Command` (one that needs what the builder above does not offer, such as another user), run to
/// its end.
pub fn run_command(cmd: &mut std::process::Command) -> Run {
    Run::from_output(cmd.output().expect("binary runs"))
}

/// Runs `carelint ARGS` in the package root with its stdout closed at once, as `| head -1` does once it has its line
/// (the rules load first, so the output meets a closed pipe).
pub fn run_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = std::process::Command::new(BIN)
        .args(args)
        .current_dir(package_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("binary ends")
}

/// A report with the ruleset digest of its audit evidence replaced by a fixed text: a snapshot keeps what a run
/// found, not the bytes of the rule files (whose digest changes with every edit of a rule).
pub fn without_digest(report: &str) -> String {
    let digest = regex::Regex::new("sha256:[0-9a-f]{64}").expect("a valid regex");
    digest.replace_all(report, "sha256:[ruleset digest]").into_owned()
}

/// `stdout` as one JSON object, or a failure that shows what it was.
pub fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("stdout is one JSON object ({e}):\n{stdout}"))
}

/// Object keys in the order they are written, at one indentation of a pretty-printed JSON report (`2` for the
/// top level, `6` for a finding's).
pub fn keys_at_indent(raw: &str, indent: usize) -> Vec<String> {
    let prefix = format!("{}\"", " ".repeat(indent));
    raw.lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|rest| rest.split_once("\":").map(|(k, _)| k.to_string()))
        .collect()
}

/// The findings of a JSON report.
pub fn findings(report: &Value) -> &[Value] {
    report["findings"].as_array().expect("a findings array")
}

/// The rule id of every finding of a JSON report, in order.
pub fn rule_ids(report: &Value) -> Vec<String> {
    findings(report).iter().map(|f| f["rule"].as_str().expect("a rule id").to_string()).collect()
}

/// The path of every finding of a JSON report, in order.
pub fn finding_paths(report: &Value) -> Vec<&str> {
    findings(report).iter().map(|f| f["path"].as_str().expect("a path")).collect()
}

/// The messages of a JSON report's `errors` or `warnings` (none when the list is absent).
pub fn messages(report: &Value, key: &str) -> Vec<String> {
    let items = report[key].as_array().map(Vec::as_slice).unwrap_or_default();
    items.iter().map(|e| e["message"].as_str().expect("a message").to_string()).collect()
}

/// Writes `bytes` to `dir/name`, making the directories on the way; returns the file's path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a file has a directory")).expect("directories made");
    std::fs::write(&path, bytes).expect("test file written");
    path
}

/// A temporary directory holding the given files.
pub fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        write(dir.path(), name, bytes);
    }
    dir
}

/// The embedded default rules, loaded and resolved (lists expanded, kinds known) as a run without `--rules` has them.
pub fn default_ruleset() -> Ruleset {
    let mut set = Ruleset::default_rules().and_then(Ruleset::resolve).expect("the default rules load");
    // in the order a run of the binary puts them (by id, `policy::active_rules`): where two identifier rules report
    // one span, the earlier rule's finding is kept, so file order could score the corpus otherwise than the binary
    set.rules.sort_by(|a, b| a.id.cmp(&b.id));
    set
}

/// `set` compiled as a run over many posts compiles it.
pub fn many_posts_engine(set: &Ruleset, allow: Allowlist) -> Engine {
    Engine::new(set.rules.clone(), set.words(), allow).expect("the rules compile")
}

/// `set` compiled as a pre-commit check of a few posts compiles it (patterns behind gates, phrases through an index).
pub fn few_posts_engine(set: &Ruleset, allow: Allowlist) -> Engine {
    Engine::for_few_posts(set.rules.clone(), set.words(), allow).expect("the rules compile")
}
