//! Reading input: which files a run checks (paths, directories walked with `.gitignore`, stdin), and their text.

pub mod calendar;
pub mod document;
pub mod kind;
pub mod read;
pub mod staged;

use std::path::{Path, PathBuf};

use crate::finding::InputError;

pub use kind::FileKind;
pub use read::{decode, read, Decoded, Encoding};
pub use staged::Staged;

/// The name of stdin in reports when `--stdin-filename` gives none; stdin so named has no path of its own.
pub const STDIN_DISPLAY: &str = "-";

/// Where one input's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
    /// The content staged for the next commit (`--staged`), read from the git index.
    Staged(Staged),
}

/// One post file to check, with the name reports use for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub display: String,
    pub source: Source,
}

impl Input {
    /// The path the input is checked as: it decides per-path overrides and the input's kind. Stdin is checked as if
    /// it were the file `--stdin-filename` names (a pre-commit hook pipes staged files in this way); unnamed stdin
    /// has no path.
    pub fn checked_path(&self) -> Option<&Path> {
        match &self.source {
            Source::File(path) => Some(path),
            Source::Staged(staged) => Some(&staged.checked),
            Source::Stdin => (self.display != STDIN_DISPLAY).then(|| Path::new(&self.display)),
        }
    }

    /// How the input holds its posts, by the name it is checked as.
    pub fn kind(&self) -> FileKind {
        FileKind::of(self.checked_path())
    }
}

/// Expands the command line's paths into inputs, in a stable order. `-` is stdin, named `stdin_name`. A file reached
/// twice (named twice, or through a symbolic link) is checked once, under the first name it was reached by. A path
/// that gives no file to check is an error, so a mistyped path cannot pass as a clean run of 0 files.
pub fn collect(paths: &[String], stdin_name: &str) -> (Vec<Input>, Vec<InputError>) {
    let mut found = Found::default();
    for raw in paths {
        if raw == "-" {
            found.reach(Input { display: stdin_name.to_string(), source: Source::Stdin }, false);
            continue;
        }
        let path = Path::new(raw);
        match std::fs::metadata(path) {
            Err(e) => found.errors.push(InputError { path: raw.clone(), message: open_message(path, &e) }),
            Ok(meta) if meta.is_dir() => {
                let before = (found.reached.len(), found.errors.len());
                walk(path, &mut found);
                if before == (found.reached.len(), found.errors.len()) {
                    found.errors.push(InputError { path: raw.clone(), message: nothing_to_check() });
                }
            }
            Ok(_) => found.reach(file_input(path), false),
        }
    }
    // a lone directory walk reaches each file once; only then is canonicalising every path (a system call per path
    // component, for each of a repository's files) saved
    let mut inputs = if paths.len() > 1 || found.through_link { dedupe(found.reached) } else { found.reached };
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    (inputs, found.errors)
}

/// What expanding the paths has reached so far, in the order reached.
#[derive(Default)]
struct Found {
    reached: Vec<Input>,
    errors: Vec<InputError>,
    /// Whether a file was reached through a symbolic link (it may be reached under its own name too).
    through_link: bool,
}

impl Found {
    fn reach(&mut self, input: Input, through_link: bool) {
        self.through_link |= through_link;
        self.reached.push(input);
    }
}

/// The inputs without repeats: files compare by canonical path (`./a.md`, `x/../a.md` and a link to `a.md` are
/// `a.md`), stdin is one input however often it is named. The first name a file was reached by is kept.
fn dedupe(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen = std::collections::HashSet::new();
    inputs
        .into_iter()
        .filter(|input| {
            let key = match &input.source {
                Source::File(path) => Some(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())),
                Source::Stdin | Source::Staged(_) => None,
            };
            seen.insert(key)
        })
        .collect()
}

/// Walks a directory like ripgrep does: `.gitignore`, `.ignore` and hidden files are skipped. A symbolic link to a
/// file is checked like the file; a link to a directory is not followed (the walk stays in the tree it was given
/// and cannot loop); a broken link is an error, since the post it names would otherwise go unchecked unnoticed.
fn walk(dir: &Path, found: &mut Found) {
    let walker = ignore::WalkBuilder::new(dir).require_git(false).sort_by_file_name(|a, b| a.cmp(b)).build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.errors.push(InputError { path: display_path(dir), message: e.to_string() });
                continue;
            }
        };
        let path = entry.path();
        if !kind::is_walked(path) {
            continue;
        }
        match entry.file_type() {
            Some(t) if t.is_file() => found.reach(file_input(path), false),
            Some(t) if t.is_symlink() => match std::fs::metadata(path) {
                Ok(target) if target.is_file() => found.reach(file_input(path), true),
                Ok(_) => {}
                Err(e) => found.errors.push(InputError { path: display_path(path), message: open_message(path, &e) }),
            },
            _ => {}
        }
    }
}

fn file_input(path: &Path) -> Input {
    Input { display: display_path(path), source: Source::File(path.to_path_buf()) }
}

/// Why a directory gave no input, and what was looked for.
fn nothing_to_check() -> String {
    let names: Vec<String> = kind::walked_extensions().map(|e| format!(".{e}")).collect();
    format!(
        "no file to check in this directory: looked for {} files (hidden and ignored files, and directories \
         reached through symbolic links, are skipped)",
        names.join(", ")
    )
}

/// Why a path could not be opened; a symbolic link whose target is missing says so.
fn open_message(path: &Path, e: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && e.kind() == std::io::ErrorKind::NotFound {
        "broken symbolic link: its target does not exist".to_string()
    } else {
        io_message(e)
    }
}

/// Paths as the user would type them: forward slashes, no leading `./`.
fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_drop_leading_dot_slash() {
        assert_eq!(display_path(Path::new("./posts/a.md")), "posts/a.md");
        assert_eq!(display_path(Path::new("posts/a.md")), "posts/a.md");
    }
}
