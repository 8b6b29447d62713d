//! `--fix` never loses data: it refuses what it cannot replace safely (symbolic links, read-only files, hard
//! links, files edited meanwhile), keeps owner and group, still reports the findings of a file it could not fix,
//! and says which files it rewrote.

mod common;

use std::io::Write as _;
use std::path::Path;

use serde_json::Value;

use common::{finding_paths, json, keys_at_indent, run_command, write, BIN};

/// A post with one SSN, which PHI001's safe fix redacts (synthetic number).
const POST: &str = "For the insurance form my SSN is 532-48-1975, please call me back.\n";
const SSN: &str = "532-48-1975";

/// `carelint check --no-config --select PHI001 ARGS` run in `dir`: exit code, stdout, stderr.
fn check_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::check_in(dir, &[&["--select", "PHI001"], args].concat()).parts()
}

/// The one error of a report, for `path`: its message, checked to name no identifier.
fn only_error<'a>(report: &'a Value, path: &str) -> &'a str {
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], path);
    let message = errors[0]["message"].as_str().unwrap();
    assert!(!message.contains(SSN), "{message}");
    message
}

/// A refused file is an error (exit 2), still reported with its finding, while the other file is fixed.
fn assert_refused_but_reported(dir: &Path, refused: &str, reason: &str) {
    write(dir, "ok.md", POST);
    let (code, out, _) = check_in(dir, &["--fix", "--format", "json", refused, "ok.md"]);
    assert_eq!(code, 2, "{out}");
    let report = json(&out);
    assert!(only_error(&report, refused).contains(reason), "{out}");
    assert_eq!(finding_paths(&report), [refused]);
    assert_eq!(report["fixed"], serde_json::json!([{ "path": "ok.md", "edits": 1 }]));
    assert!(!std::fs::read_to_string(dir.join("ok.md")).unwrap().contains(SSN));
}

#[cfg(unix)]
#[test]
fn fix_refuses_symlink() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "target.md", POST);
    std::os::unix::fs::symlink("target.md", dir.path().join("link.md")).unwrap();
    assert_refused_but_reported(dir.path(), "link.md", "symbolic link");
    let link = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced by a file");
    assert_eq!(std::fs::read_to_string(dir.path().join("target.md")).unwrap(), POST);
}

/// Decided by the mode bits, so it holds when the test runs as root (who may write any file), as CI does.
#[cfg(unix)]
#[test]
fn fix_refuses_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "locked.md", POST);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert_refused_but_reported(dir.path(), "locked.md", "read-only");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), POST);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
}

#[cfg(unix)]
#[test]
fn fix_refuses_hard_linked_file() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "post.md", POST);
    std::fs::hard_link(dir.path().join("post.md"), dir.path().join("same-post.md")).unwrap();
    assert_refused_but_reported(dir.path(), "post.md", "hard links");
    let (post, twin) = (
        std::fs::metadata(dir.path().join("post.md")).unwrap(),
        std::fs::metadata(dir.path().join("same-post.md")).unwrap(),
    );
    assert_eq!((post.ino(), post.nlink()), (twin.ino(), 2), "the links were split");
    assert_eq!(std::fs::read_to_string(dir.path().join("post.md")).unwrap(), POST);
}

/// Needs root to give the file another owner; without it there is nothing to check.
#[cfg(unix)]
#[test]
fn fix_keeps_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "post.md", POST);
    let (uid, gid) = (54321, 54322);
    if std::os::unix::fs::chown(&path, Some(uid), Some(gid)).is_err() {
        eprintln!("skipped: not root, cannot give the file another owner");
        return;
    }
    let (code, _, err) = check_in(dir.path(), &["--fix", "post.md"]);
    assert_eq!(code, 0, "{err}");
    assert!(!std::fs::read_to_string(&path).unwrap().contains(SSN));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (uid, gid));
}

/// Drives the fix's last step directly: an edit made between the read and the rename (a 12 MB file and
/// `echo edit >> post.md` a second later, in the tester's report) cannot be timed reliably from outside.
#[test]
fn fix_keeps_an_edit_made_while_it_ran() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "post.md", POST);
    let before = carelint::fix::Snapshot::take(&path).unwrap();
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"edit\n").unwrap();
    let error = carelint::fix::replace(&path, &before, original.as_bytes(), b"fixed\n").unwrap_err();
    assert!(format!("{error:#}").contains("changed on disk"), "{error:#}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{POST}edit\n"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a temporary file was left behind");
}

/// An edit that keeps the size and, within the clock's resolution, the modification time is caught by the bytes.
#[test]
fn fix_keeps_a_same_size_edit_with_the_same_mtime() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "post.md", POST);
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let before = carelint::fix::Snapshot::take(&path).unwrap();
    let edited = POST.replace("call", "CALL");
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    (&file).write_all(edited.as_bytes()).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    let error = carelint::fix::replace(&path, &before, POST.as_bytes(), b"fixed\n").unwrap_err();
    assert!(format!("{error:#}").contains("changed on disk"), "{error:#}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

/// A directory the run cannot write to: as root (who may write anyway) the binary runs as `nobody`.
#[cfg(unix)]
#[test]
fn fix_in_read_only_directory_still_reports_findings() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let posts = root.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    write(&posts, "post.md", POST);
    std::fs::set_permissions(posts.join("post.md"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&posts, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut command = std::process::Command::new(BIN);
    command
        .args(["check", "--no-config", "--select", "PHI001", "--fix", "--format", "json", "posts/post.md"])
        .current_dir(root.path());
    if is_root() {
        command.uid(65534).gid(65534);
    }
    let (code, out, err) = run_command(&mut command).parts();
    std::fs::set_permissions(&posts, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{err}");
    let report = json(&out);
    assert!(only_error(&report, "posts/post.md").contains("not fixed"), "{out}");
    assert_eq!(finding_paths(&report), ["posts/post.md"]);
    assert_eq!(report["findings"][0]["start"], POST.find(SSN).unwrap());
    assert_eq!(report["fixed"], serde_json::json!([]));
    assert_eq!(std::fs::read_to_string(posts.join("post.md")).unwrap(), POST);
}

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // a file just created belongs to the effective user
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

#[test]
fn fix_json_lists_rewritten_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", POST);
    write(dir.path(), "b.md", format!("{POST}And my wife's is 532-48-1976.\n"));
    write(dir.path(), "clean.md", "Our clinic opens at 9 on Monday.\n");
    let (code, out, _) = check_in(dir.path(), &["--fix", "--format", "json", "."]);
    assert_eq!(code, 0, "{out}");
    let report = json(&out);
    assert_eq!(report["fixed"], serde_json::json!([{ "path": "a.md", "edits": 1 }, { "path": "b.md", "edits": 2 }]));
    assert_eq!(
        keys_at_indent(&out, 2),
        ["version", "tool", "files_scanned", "findings", "errors", "summary", "fixed", "policy"]
    );
}

#[test]
fn report_without_fix_has_no_fixed_field() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", POST);
    let (code, out, _) = check_in(dir.path(), &["--format", "json", "a.md"]);
    assert_eq!(code, 1);
    assert!(json(&out).get("fixed").is_none(), "{out}");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), POST);
}

#[test]
fn fix_summary_names_the_rewritten_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.md", "Our clinic opens at 9 on Monday.\n");
    for format in ["human", "concise"] {
        write(dir.path(), "a.md", POST);
        write(dir.path(), "b.md", format!("{POST}And my wife's is 532-48-1976.\n"));
        let (_, _, err) = check_in(dir.path(), &["--fix", "--format", format, "."]);
        assert!(err.contains("Applied 3 fixes to 2 files: a.md, b.md\n"), "{format}: {err}");
    }
    let (_, _, err) = check_in(dir.path(), &["--fix", "clean.md"]);
    assert!(err.contains("Applied 0 fixes.\n"), "{err}");
}
