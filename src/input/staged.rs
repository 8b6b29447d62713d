//! `--staged`: the inputs are the files staged for the next commit, read from the git index (what will be
//! committed, not the working tree), named by their path from the top of the repository.

use std::path::{Path, PathBuf};

use super::{kind, Input, Source};
use crate::git::Repo;

/// A staged file: its path from the top of the repository (what git and reports call it), the repository, and
/// where the file is in the working tree (what per-path overrides match and the kind of file is read from).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staged {
    pub repo: PathBuf,
    pub path: String,
    pub checked: PathBuf,
}

/// The staged files a directory walk would check (by extension, in any case; hidden paths too), limited to
/// `pathspecs` when some are given, in path order.
pub fn collect(repo: &Repo, cwd: &Path, pathspecs: &[String]) -> anyhow::Result<Vec<Input>> {
    // a mistyped path would otherwise select no staged file, and the hook would pass having checked nothing
    if let Some(spec) = pathspecs.iter().find(|s| s.as_str() == "-" || !cwd.join(s).exists()) {
        match spec.as_str() {
            "-" => anyhow::bail!("--staged reads the staged files from git, not stdin: drop `-`"),
            _ => anyhow::bail!("{spec}: no such file or directory"),
        }
    }
    let mut paths = repo.staged_files(cwd, pathspecs)?;
    paths.retain(|p| kind::is_walked(Path::new(p)));
    paths.sort();
    let input = |path: String| {
        let checked = repo.top.join(&path);
        let staged = Staged { repo: repo.top.clone(), path: path.clone(), checked };
        Input { display: path, source: Source::Staged(staged) }
    };
    Ok(paths.into_iter().map(input).collect())
}
