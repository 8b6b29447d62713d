//! Fixes: the edit a rule's fix action makes in a post, and `--fix`, which applies safe edits to a file's text and
//! writes it back atomically (a temporary file in the same directory, flushed, given the original's permissions,
//! owner and group, then renamed over it), so a crash never leaves half a file. A file is replaced only when that
//! loses nothing: not through a symbolic link, not a read-only file, not a file with other hard links, and not a
//! file that changed since it was read.

use std::fs::{File, Metadata};
use std::io::Write as _;
use std::ops::Range;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{bail, Context as _};

use crate::finding::{Applicability, Edit, Fix};
use crate::input::document::Document;
use crate::rules::{FixAction, FixSpec};

/// The one edit a rule's fix makes for its match at `span` (the post's bytes), in the file's bytes (`to_file` maps
/// the post's). Text to add is not offered where it would not be published (inside an HTML comment left open at the
/// end) or where the post already has it in that place: a fix that does not remove its finding would otherwise be
/// added again on every pass of `--fix`.
pub fn fix_edit(
    spec: &FixSpec,
    doc: &Document,
    span: Range<usize>,
    to_file: &dyn Fn(usize, usize) -> Range<usize>,
) -> Option<Edit> {
    let (action, text) = (spec.action, spec.text.as_deref());
    let replace = |replacement: String| {
        let range = to_file(span.start, span.end);
        Some(Edit { start: range.start, end: range.end, replacement })
    };
    let insert = |at: usize, replacement: String| {
        let added = text.unwrap_or_default().trim();
        let already = match action {
            FixAction::Prepend => doc.text[doc.body_start.min(doc.text.len())..].trim_start().starts_with(added),
            _ => doc.text.trim_end().ends_with(added),
        };
        if already || unpublished(doc, at) {
            return None;
        }
        let at = to_file(at, at).start;
        Some(Edit { start: at, end: at, replacement })
    };
    match action {
        FixAction::Redact => replace(text.unwrap_or("[redacted]").to_string()),
        FixAction::Remove => replace(String::new()),
        FixAction::Replace => replace(text.unwrap_or_default().to_string()),
        FixAction::Prepend => insert(doc.body_start, text.unwrap_or_default().to_string()),
        FixAction::Append => {
            // an appended disclaimer is a paragraph of its own, with the post's own line breaks
            let body = text.unwrap_or_default().trim();
            let newline = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
            let ends_line = doc.text.ends_with('\n') || doc.text.ends_with('\r');
            let lead = if ends_line { newline.to_string() } else { newline.repeat(2) };
            insert(doc.text.len(), format!("{lead}{body}{newline}"))
        }
    }
}

/// Whether text inserted at `at` would land in an HTML comment (one that is open there, or never closed).
fn unpublished(doc: &Document, at: usize) -> bool {
    doc.hidden.iter().any(|r| r.start < at && (at < r.end || !doc.text[r.clone()].ends_with("-->")))
}

/// The fix a finding offers, starting with `edit`. In a calendar cell, adding or replacing text could break the
/// cell's quoting: there such a fix is unsafe, and `--unsafe-fixes` applies no unsafe fix to a calendar.
pub fn finding_fix(spec: &FixSpec, edit: Edit, in_calendar: bool) -> Fix {
    let applicability = match spec.action {
        FixAction::Prepend | FixAction::Append | FixAction::Replace if in_calendar => Applicability::Unsafe,
        _ => spec.applicability,
    };
    Fix { applicability, description: spec.description.clone(), edits: vec![edit] }
}

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

/// What a file looked like on disk when it was read: taken before reading, compared again just before the fixed
/// text replaces it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
}

impl Snapshot {
    pub fn take(path: &Path) -> anyhow::Result<Snapshot> {
        let meta = std::fs::symlink_metadata(path).context("cannot read the file's metadata")?;
        Ok(Snapshot { len: meta.len(), modified: meta.modified().ok() })
    }
}

/// Replaces the file `path` with `contents` (the fixed text, encoded as the file was) atomically, keeping its
/// permissions, owner and group. `original` is the bytes that were read, and `before` the file's state when it was
/// read: if the file on disk is no longer exactly that, someone edited it meanwhile and it is left alone. The
/// messages name no content, only the reason.
pub fn replace(path: &Path, before: &Snapshot, original: &[u8], contents: &[u8]) -> anyhow::Result<()> {
    let meta = std::fs::symlink_metadata(path).context("cannot read the file's metadata")?;
    refuse_unsafe_target(&meta)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".carelint-fix-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(contents).context("cannot write the fixed text")?;
    tmp.as_file().sync_all().context("cannot flush the fixed text")?;
    // owner first: changing the owner can clear set-id bits, which the permissions then restore
    keep_owner(tmp.as_file(), &meta)?;
    tmp.as_file().set_permissions(meta.permissions()).context("cannot copy the file's permissions")?;
    // as late as possible, so that the window in which an edit could still be lost is only the rename itself
    ensure_unchanged(path, before, original)?;
    tmp.persist(path).map_err(|e| e.error).context("cannot replace the file")?;
    Ok(())
}

/// Files whose replacement by rename would lose something. Read-only is decided by the mode bits, not by trying
/// to write: root may write anything, and CI runs as root.
fn refuse_unsafe_target(meta: &Metadata) -> anyhow::Result<()> {
    if meta.file_type().is_symlink() {
        bail!("it is a symbolic link, which --fix would replace with a fixed copy; fix the file it points to");
    }
    if !meta.is_file() {
        bail!("not a regular file");
    }
    if meta.permissions().readonly() {
        bail!("the file is read-only (no write permission bit); make it writable to fix it");
    }
    refuse_hard_links(meta)
}

/// A file with other hard links is refused rather than written in place: renaming a new file over this name
/// would leave the other names with the unfixed text, and writing in place cannot be atomic (a crash or a full
/// disk would leave half a file). The user can fix one copy and link it again.
#[cfg(unix)]
fn refuse_hard_links(meta: &Metadata) -> anyhow::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    if meta.nlink() > 1 {
        bail!(
            "the file has {} hard links, and replacing it would leave the other names unfixed; fix a copy instead",
            meta.nlink()
        );
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_hard_links(_: &Metadata) -> anyhow::Result<()> {
    Ok(())
}

/// Gives the temporary file the original's owner and group (it was created with ours). Without the right to do
/// so (another user's file) the fix is refused rather than silently handing the file to us.
#[cfg(unix)]
fn keep_owner(tmp: &File, original: &Metadata) -> anyhow::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    let (uid, gid) = (original.uid(), original.gid());
    let created = tmp.metadata().context("cannot read the temporary file's metadata")?;
    if (created.uid(), created.gid()) == (uid, gid) {
        return Ok(());
    }
    std::os::unix::fs::fchown(tmp, Some(uid), Some(gid))
        .with_context(|| format!("cannot give the fixed file the original owner and group ({uid}:{gid})"))
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &Metadata) -> anyhow::Result<()> {
    Ok(())
}

/// Fails if the file is no longer what was read: its size or modification time moved, or its bytes differ (an
/// edit within the clock's resolution that kept the size).
fn ensure_unchanged(path: &Path, before: &Snapshot, original: &[u8]) -> anyhow::Result<()> {
    let changed = || {
        anyhow::anyhow!(
            "the file changed on disk while it was being fixed; the new version is left as it is, run --fix again"
        )
    };
    if Snapshot::take(path)? != *before {
        return Err(changed());
    }
    let now = std::fs::read(path).context("cannot read the file again before replacing it")?;
    if now != original {
        return Err(changed());
    }
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

    fn spec(action: FixAction, text: Option<&str>) -> FixSpec {
        FixSpec {
            action,
            text: text.map(str::to_string),
            applicability: Applicability::Safe,
            description: "d".to_string(),
        }
    }

    /// The edit a fix makes in a post file (post bytes are file bytes).
    fn post_edit(action: FixAction, text: Option<&str>, post: &str, span: Range<usize>) -> Option<Edit> {
        fix_edit(&spec(action, text), &Document::parse(post.to_string()), span, &|s, e| s..e)
    }

    #[test]
    fn replacing_actions_edit_the_match() {
        let post = "SSN 123-45-6789 here";
        assert_eq!(post_edit(FixAction::Redact, None, post, 4..15), Some(edit(4, 15, "[redacted]")));
        assert_eq!(post_edit(FixAction::Remove, None, post, 4..15), Some(edit(4, 15, "")));
        assert_eq!(post_edit(FixAction::Replace, Some("x"), post, 4..15), Some(edit(4, 15, "x")));
    }

    #[test]
    fn an_appended_text_is_a_paragraph_with_the_post_s_line_breaks() {
        let added = Some("#ad");
        assert_eq!(post_edit(FixAction::Append, added, "Hi", 0..2), Some(edit(2, 2, "\n\n#ad\n")));
        assert_eq!(post_edit(FixAction::Append, added, "Hi\r\n", 0..2), Some(edit(4, 4, "\r\n#ad\r\n")));
        assert_eq!(post_edit(FixAction::Append, added, "Hi\n\n#ad\n", 0..2), None, "already there");
        assert_eq!(post_edit(FixAction::Append, added, "Hi <!-- open", 0..2), None, "would not be published");
    }

    #[test]
    fn a_prepended_text_goes_after_the_front_matter() {
        let post = "---\nkind: ad\n---\nHi\n";
        assert_eq!(post_edit(FixAction::Prepend, Some("#ad "), post, 17..19), Some(edit(17, 17, "#ad ")));
        assert_eq!(post_edit(FixAction::Prepend, Some("#ad "), "#ad Hi", 4..6), None, "already there");
    }

    #[test]
    fn text_adding_fixes_are_only_suggested_in_a_calendar_cell() {
        let fix = |action, in_calendar| finding_fix(&spec(action, Some("x")), edit(0, 0, "x"), in_calendar);
        assert_eq!(fix(FixAction::Append, true).applicability, Applicability::Unsafe);
        assert_eq!(fix(FixAction::Replace, true).applicability, Applicability::Unsafe);
        assert_eq!(fix(FixAction::Redact, true).applicability, Applicability::Safe);
        assert_eq!(fix(FixAction::Append, false).applicability, Applicability::Safe);
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeps_permissions_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let before = Snapshot::take(&path).unwrap();
        replace(&path, &before, b"old", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
