//! What carelint asks git: the repository a run is in, the files staged for the next commit and their staged
//! content, and the lines a file gained or changed since a revision. Every question is one `git` process
//! (`std::process::Command`), never a library reading `.git` itself, so hooks, worktrees and submodules behave as
//! git says. Nothing here knows about findings: `changes.rs` decides which findings touch changed lines.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context as _};

/// A git working tree, known by its top directory.
#[derive(Clone, Debug)]
pub struct Repo {
    pub top: PathBuf,
}

/// `git ARGS` in `dir`, with git's own messages in English so an error can be read back the same everywhere.
fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir).env("LC_ALL", "C").env("GIT_PAGER", "cat");
    cmd
}

/// Runs `cmd` to its end and returns its stdout; a failure says which question failed and what git said.
fn output(mut cmd: Command, what: &str) -> anyhow::Result<Vec<u8>> {
    let out =
        cmd.stdin(Stdio::null()).output().with_context(|| format!("{what}: cannot run git (is it installed?)"))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        bail!("{what}: {}", said.trim().lines().next().unwrap_or("git failed"));
    }
    Ok(out.stdout)
}

/// The NUL-separated names of `-z` output.
fn names(bytes: &[u8]) -> Vec<String> {
    bytes.split(|&b| b == 0).filter(|n| !n.is_empty()).map(|n| String::from_utf8_lossy(n).into_owned()).collect()
}

impl Repo {
    /// The repository `dir` is in; outside one, an error that says so.
    pub fn discover(dir: &Path) -> anyhow::Result<Repo> {
        let mut cmd = git(dir);
        cmd.args(["rev-parse", "--show-toplevel"]);
        let out = output(cmd, &format!("{}: not in a git repository", dir.display()))?;
        let top = String::from_utf8(out).context("the repository's path is not UTF-8")?;
        Ok(Repo { top: PathBuf::from(top.trim_end_matches(['\n', '\r'])) })
    }

    /// The files staged for the next commit (added, copied, modified or renamed: a deleted file has nothing to
    /// check), as paths from the top of the repository, limited to `pathspecs` (relative to `cwd`) when given.
    pub fn staged_files(&self, cwd: &Path, pathspecs: &[String]) -> anyhow::Result<Vec<String>> {
        let mut cmd = git(cwd);
        cmd.args(["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=ACMR", "--"]);
        cmd.args(pathspecs);
        Ok(names(&output(cmd, "cannot list the staged files")?))
    }

    /// The staged content of `path` (from the top of the repository): a running `git show :PATH` whose stdout the
    /// caller reads, so a size cap can stop reading early.
    pub fn show_staged(&self, path: &str) -> std::io::Result<StagedBlob> {
        let child = git(&self.top)
            .arg("show")
            .arg(format!(":{path}"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        Ok(StagedBlob { child })
    }

    /// Where git keeps `name` of this repository (`hooks/pre-commit`: `core.hooksPath` and worktrees honoured).
    pub fn git_path(&self, name: &str) -> anyhow::Result<PathBuf> {
        let mut cmd = git(&self.top);
        cmd.args(["rev-parse", "--path-format=absolute", "--git-path", name]);
        let out = String::from_utf8(output(cmd, "cannot find the repository's git directory")?)
            .context("the git directory's path is not UTF-8")?;
        Ok(PathBuf::from(out.trim_end_matches(['\n', '\r'])))
    }

    /// Checks that `rev` names a commit, with an error that names it otherwise.
    pub fn verify(&self, rev: &str) -> anyhow::Result<()> {
        let mut cmd = git(&self.top);
        cmd.args(["rev-parse", "--verify", "--quiet", "--end-of-options"]).arg(format!("{rev}^{{commit}}"));
        output(cmd, &format!("`{rev}` is not a commit of this repository")).map(drop)
    }

    /// The files of `rev`'s tree, from the top of the repository.
    pub fn files_at(&self, rev: &str) -> anyhow::Result<std::collections::HashSet<String>> {
        let mut cmd = git(&self.top);
        cmd.args(["ls-tree", "-r", "-z", "--name-only", "--full-tree", "--end-of-options", rev]);
        Ok(names(&output(cmd, &format!("cannot list the files of `{rev}`"))?).into_iter().collect())
    }

    /// The files whose working-tree content differs from `rev` (tracked files only).
    pub fn changed_files(&self, rev: &str) -> anyhow::Result<std::collections::HashSet<String>> {
        let mut cmd = git(&self.top);
        cmd.args(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", rev, "--"]);
        Ok(names(&output(cmd, &format!("cannot compare with `{rev}`"))?).into_iter().collect())
    }

    /// The lines of `path`'s working-tree content added or changed since `rev`, from `git diff -U0`.
    pub fn changed_lines(&self, rev: &str, path: &str) -> anyhow::Result<LineChanges> {
        let mut cmd = git(&self.top);
        cmd.args(["diff", "-U0", "--no-color", "--no-renames", "--no-ext-diff", "--no-textconv", rev, "--"]);
        cmd.arg(format!(":(literal,top){path}"));
        let out = output(cmd, &format!("cannot compare {path} with `{rev}`"))?;
        Ok(LineChanges::from_diff(&String::from_utf8_lossy(&out)))
    }
}

/// The staged content of one file, being read from `git show`.
pub struct StagedBlob {
    child: Child,
}

impl StagedBlob {
    /// The content's bytes as a stream.
    pub fn reader(&mut self) -> impl Read + '_ {
        self.child.stdout.as_mut().expect("stdout is piped")
    }

    /// Waits for git to end after the whole content was read: whether it succeeded.
    pub fn wait(mut self) -> std::io::Result<bool> {
        Ok(self.child.wait()?.success())
    }

    /// Ends git when the reader stopped early (the content was refused): it may still be writing.
    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where a file's content changed: the 1-based lines that are new or changed, and the places lines were only
/// deleted (a deletion after line `n` is recorded as `n`; `0` is before the first line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineChanges {
    /// Inclusive ranges of new lines, in file order.
    pub added: Vec<(usize, usize)>,
    pub deleted_after: Vec<usize>,
}

impl LineChanges {
    /// Every line of the file is new (a file `rev` did not have).
    pub fn all() -> LineChanges {
        LineChanges { added: vec![(1, usize::MAX)], deleted_after: Vec::new() }
    }

    /// Reads the hunk headers of a `git diff -U0`: `@@ -a,b +c,d @@` adds lines `c ..= c+d-1` (`d` is 1 when left
    /// out; `0` means lines were only deleted, after line `c`).
    pub fn from_diff(diff: &str) -> LineChanges {
        let mut changes = LineChanges::default();
        for header in diff.lines().filter_map(|l| l.strip_prefix("@@ -")) {
            let Some(new) = header.split_whitespace().nth(1).and_then(|n| n.strip_prefix('+')) else { continue };
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse().unwrap_or(0), c.parse().unwrap_or(0)),
                None => (new.parse().unwrap_or(0), 1),
            };
            if count == 0 {
                changes.deleted_after.push(start);
            } else {
                changes.added.push((start, start + count - 1));
            }
        }
        changes
    }

    /// Whether a line in `first ..= last` is new or changed.
    pub fn touches(&self, first: usize, last: usize) -> bool {
        self.added.iter().any(|&(a, b)| a <= last && first <= b)
    }

    /// Whether anything changed in `first ..= last`: a new line, or lines deleted between two of its lines (or just
    /// before or after it, where the deleted lines belonged to it as much as to its neighbour).
    pub fn changes_within(&self, first: usize, last: usize) -> bool {
        self.touches(first, last) || self.deleted_after.iter().any(|&d| d + 1 >= first && d <= last)
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.deleted_after.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "diff --git a/p.md b/p.md\nindex 1..2 100644\n--- a/p.md\n+++ b/p.md\n\
                        @@ -0,0 +1 @@\n+new first line\n@@ -3 +4,2 @@ context\n-old\n+a\n+b\n@@ -9,2 +10,0 @@\n-x\n-y\n";

    #[test]
    fn hunk_headers_give_the_new_lines_and_the_deletions() {
        let changes = LineChanges::from_diff(DIFF);
        assert_eq!(changes.added, [(1, 1), (4, 5)]);
        assert_eq!(changes.deleted_after, [10]);
    }

    #[test]
    fn a_span_touches_a_changed_line_when_they_overlap() {
        let changes = LineChanges::from_diff(DIFF);
        assert!(changes.touches(1, 1) && changes.touches(3, 4) && changes.touches(5, 9));
        assert!(!changes.touches(2, 3) && !changes.touches(6, 12));
        // a deletion changes the post it was in, not a line that is left
        assert!(changes.changes_within(10, 10) && changes.changes_within(11, 20));
        assert!(!changes.changes_within(12, 20));
        assert!(LineChanges::all().touches(1000, 1000));
        assert!(LineChanges::default().is_empty());
    }
}
