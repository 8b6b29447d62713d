//! `--fix`: applies safe edits to a file's text and writes it back atomically (a temporary file in the same
//! directory, flushed, given the original's permissions, then renamed over it), so a crash never leaves half a file.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use crate::finding::Edit;

/// Applies edits in order of position. An edit that overlaps one already applied is skipped (it will be
/// reconsidered on the next pass); identical insertions at the same place are applied once.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by(|a, b| (a.start, a.end, &a.replacement).cmp(&(b.start, b.end, &b.replacement)));
    sorted.dedup();
    let mut out = String::with_capacity(text.len() + 64);
    let mut cursor = 0;
    let mut applied = 0;
    for edit in sorted {
        let fits = edit.start >= cursor && edit.end <= text.len() && edit.start <= edit.end;
        let on_boundaries = text.is_char_boundary(edit.start) && text.is_char_boundary(edit.end);
        if !fits || !on_boundaries {
            continue;
        }
        out.push_str(&text[cursor..edit.start]);
        out.push_str(&edit.replacement);
        cursor = edit.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// Replaces the file's contents with `contents` (text, or text encoded as UTF-16) atomically, keeping its
/// permissions.
pub fn write_atomic(path: &Path, contents: impl AsRef<[u8]>) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let permissions =
        std::fs::metadata(path).with_context(|| format!("{}: cannot read metadata", path.display()))?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".carelint-fix-")
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    tmp.write_all(contents.as_ref()).context("cannot write the fixed text")?;
    tmp.as_file().sync_all().context("cannot flush the fixed text")?;
    std::fs::set_permissions(tmp.path(), permissions).context("cannot copy the file's permissions")?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("{}: cannot replace the file", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, r: &str) -> Edit {
        Edit { start, end, replacement: r.to_string() }
    }

    #[test]
    fn edits_apply_in_position_order() {
        let (out, n) = apply_edits("my ssn 111 and 222", &[edit(15, 18, "[x]"), edit(7, 10, "[x]")]);
        assert_eq!(out, "my ssn [x] and [x]");
        assert_eq!(n, 2);
    }

    #[test]
    fn overlapping_edits_are_skipped_and_identical_insertions_merged() {
        let (out, n) =
            apply_edits("abcdef", &[edit(0, 0, "#ad "), edit(0, 0, "#ad "), edit(1, 4, "X"), edit(2, 5, "Y")]);
        assert_eq!(out, "#ad aXef");
        assert_eq!(n, 2);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
