//! Reading input: which files a run checks (paths, directories walked with `.gitignore`, stdin), and their text.

pub mod calendar;
pub mod document;
pub mod read;

use std::path::{Path, PathBuf};

pub use read::{decode, read, Decoded, Encoding};

/// File name endings checked when walking a directory (`.csv` calendars included). A file named on the command
/// line is always checked; JSON and JSONL calendar exports are checked only when named.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "csv"];

/// Where one input's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// One post file to check, with the name reports use for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub display: String,
    pub source: Source,
}

/// A file that could not be read or decoded; the run goes on without it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// Expands the command line's paths into inputs, in a stable order. `-` is stdin, named `stdin_name`.
pub fn collect(paths: &[String], stdin_name: &str) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for raw in paths {
        if raw == "-" {
            inputs.push(Input { display: stdin_name.to_string(), source: Source::Stdin });
            continue;
        }
        let path = Path::new(raw);
        match std::fs::metadata(path) {
            Err(e) => errors.push(InputError { path: raw.clone(), message: io_message(&e) }),
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input { display: display_path(path), source: Source::File(path.to_path_buf()) }),
        }
    }
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.dedup();
    (inputs, errors)
}

/// Walks a directory like ripgrep does: `.gitignore`, `.ignore` and hidden files are skipped.
fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let walker = ignore::WalkBuilder::new(dir).require_git(false).sort_by_file_name(|a, b| a.cmp(b)).build();
    for entry in walker {
        match entry {
            Err(e) => errors.push(InputError { path: dir.display().to_string(), message: e.to_string() }),
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_checked_extension(path) {
                    inputs.push(Input { display: display_path(path), source: Source::File(path.to_path_buf()) });
                }
            }
        }
    }
}

fn has_checked_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DEFAULT_EXTENSIONS.iter().any(|d| d.eq_ignore_ascii_case(e)))
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
