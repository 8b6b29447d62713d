//! Output that scripts rely on: a reader that stops early is not an error. Drives the real binary.

use std::process::{Command, Stdio};

/// Runs carelint with `args` with its stdout closed at once, as `| head -1` does once it has its line (the rules
/// load first, so the output meets a closed pipe).
fn run_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carelint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("binary ends")
}

#[test]
fn export_patterns_into_a_closed_pipe_is_not_an_error() {
    let out = run_into_closed_pipe(&["rules", "--no-config", "--export-patterns"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "nothing on stderr (no 'Broken pipe')");
}

#[test]
fn rules_json_into_a_closed_pipe_is_not_an_error() {
    let out = run_into_closed_pipe(&["rules", "--no-config", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
