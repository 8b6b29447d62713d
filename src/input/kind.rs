//! Input kinds: what a file's name says about how it holds its posts, and whether a directory walk picks it up.
//! One table decides both; the walker, the checker's dispatch, the command line's start-up choice and the
//! size limit read it (`--staged` too, for the git hook), and a test holds `.pre-commit-hooks.yaml` (which cannot read
//! it) to it.

use std::path::Path;

/// How a checked file holds its posts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// One post: Markdown or plain text, with optional front matter.
    Post,
    /// A content calendar: one post a row.
    Csv,
    /// A JSON calendar export: an array of post objects (or an object holding one).
    Json,
    /// A JSON Lines calendar export: one post object a line.
    Jsonl,
}

/// One name ending carelint knows.
struct Extension {
    /// Compared without ASCII case.
    name: &'static str,
    kind: FileKind,
    /// Whether walking a directory checks such files. Calendar exports in JSON are often other tools' data, so they
    /// are checked only when named.
    walked: bool,
}

/// Every name ending carelint knows. A file named on the command line with any other ending is a post.
const EXTENSIONS: &[Extension] = &[
    Extension { name: "md", kind: FileKind::Post, walked: true },
    Extension { name: "markdown", kind: FileKind::Post, walked: true },
    Extension { name: "txt", kind: FileKind::Post, walked: true },
    Extension { name: "csv", kind: FileKind::Csv, walked: true },
    Extension { name: "json", kind: FileKind::Json, walked: false },
    Extension { name: "jsonl", kind: FileKind::Jsonl, walked: false },
    Extension { name: "ndjson", kind: FileKind::Jsonl, walked: false },
];

/// The table's row for a path's extension, if it has one carelint knows.
fn extension_of(path: &Path) -> Option<&'static Extension> {
    let ending = path.extension()?.to_str()?;
    EXTENSIONS.iter().find(|e| e.name.eq_ignore_ascii_case(ending))
}

impl FileKind {
    /// The kind of a file by its name; `None` (unnamed stdin) and unknown endings are posts.
    pub fn of(path: Option<&Path>) -> FileKind {
        path.and_then(extension_of).map_or(FileKind::Post, |e| e.kind)
    }

    /// Whether the file holds many posts, one a row or record.
    pub fn is_calendar(self) -> bool {
        self != FileKind::Post
    }

    /// The largest input of this kind read by default (a calendar holds many posts, so it may be larger).
    pub fn default_max_file_size(self) -> u64 {
        if self.is_calendar() {
            super::read::DEFAULT_MAX_CALENDAR_SIZE
        } else {
            super::read::DEFAULT_MAX_FILE_SIZE
        }
    }
}

/// Whether walking a directory checks this file.
pub fn is_walked(path: &Path) -> bool {
    extension_of(path).is_some_and(|e| e.walked)
}

/// The name endings a directory walk checks, in the table's order (without the dot).
pub fn walked_extensions() -> impl Iterator<Item = &'static str> {
    EXTENSIONS.iter().filter(|e| e.walked).map(|e| e.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str) -> FileKind {
        FileKind::of(Some(Path::new(name)))
    }

    #[test]
    fn kinds_follow_the_extension_in_any_case() {
        assert_eq!(kind("a.md"), FileKind::Post);
        assert_eq!(kind("a.TXT"), FileKind::Post);
        assert_eq!(kind("plan.CSV"), FileKind::Csv);
        assert_eq!(kind("export.json"), FileKind::Json);
        assert_eq!(kind("export.jsonl"), FileKind::Jsonl);
        assert_eq!(kind("export.NDJSON"), FileKind::Jsonl);
        assert_eq!(kind("notes.rst"), FileKind::Post, "a named file of another kind is a post");
        assert_eq!(kind("README"), FileKind::Post);
        assert_eq!(FileKind::of(None), FileKind::Post, "unnamed stdin");
    }

    #[test]
    fn json_exports_are_checked_only_when_named() {
        assert!(is_walked(Path::new("posts/a.Markdown")));
        assert!(is_walked(Path::new("plan.csv")));
        assert!(!is_walked(Path::new("export.json")));
        assert!(!is_walked(Path::new("export.ndjson")));
        assert!(!is_walked(Path::new("notes.rst")));
        assert!(!is_walked(Path::new("md")));
        assert_eq!(walked_extensions().collect::<Vec<_>>(), ["md", "markdown", "txt", "csv"]);
    }

    /// The extensions of the manifest's `files: (?i)\.(a|b)$`.
    fn manifest_extensions(yaml: &str) -> Vec<&str> {
        let regex = yaml.lines().find_map(|l| l.trim().strip_prefix("files:")).expect("a files: regex");
        let inner = regex.trim().strip_prefix(r"(?i)\.(").and_then(|r| r.strip_suffix(")$")).expect("(?i)\\.(…)$");
        inner.split('|').collect()
    }

    #[test]
    fn the_hook_and_its_manifest_check_what_a_walk_checks() {
        let walked: Vec<&str> = walked_extensions().collect();
        // the plain hook leaves the choice to `--staged`, which keeps the staged files a walk would check
        assert!(include_str!("../../hooks/pre-commit").contains("--staged"), "hooks/pre-commit");
        let manifest = include_str!("../../.pre-commit-hooks.yaml");
        assert_eq!(manifest_extensions(manifest), walked, ".pre-commit-hooks.yaml");
        assert!(!manifest.contains("types_or"), "the framework must not send every text file");
    }
}
