//! Reading input: which files a run checks (paths, directories walked with `.gitignore`, stdin), and their text.

pub mod calendar;
pub mod document;

use std::io::Read;
use std::path::{Path, PathBuf};

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

/// Reads one input as UTF-8 text; binary and non-UTF-8 files are errors that say why.
pub fn read(input: &Input) -> Result<String, String> {
    let bytes = match &input.source {
        Source::File(path) => std::fs::read(path).map_err(|e| io_message(&e))?,
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read stdin: {e}"))?;
            buf
        }
    };
    decode(bytes)
}

/// Bytes to text: a NUL byte marks a binary file; invalid UTF-8 is reported with its byte offset.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at byte {pos}), not checked"));
    }
    String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_binary_and_invalid_utf8() {
        assert_eq!(decode(b"ok".to_vec()), Ok("ok".to_string()));
        assert_eq!(decode(b"a\0b".to_vec()), Err("binary file (NUL byte at byte 1), not checked".to_string()));
        assert_eq!(decode(b"abc\xff".to_vec()), Err("not valid UTF-8 at byte 3".to_string()));
    }

    #[test]
    fn display_paths_drop_leading_dot_slash() {
        assert_eq!(display_path(Path::new("./posts/a.md")), "posts/a.md");
        assert_eq!(display_path(Path::new("posts/a.md")), "posts/a.md");
    }
}
