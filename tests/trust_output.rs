//! Output that scripts rely on: a reader that stops early is not an error. Drives the real binary.

mod common;

use common::run_into_closed_pipe;

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
