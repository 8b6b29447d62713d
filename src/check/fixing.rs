//! `--fix`, `--unsafe-fixes` and `--diff` on one input: applies its fixes until none is left, then writes the file
//! back in its own encoding if it did not change meanwhile, prints the fixed post (stdin), or prints a unified diff
//! of what would change and writes nothing.

use std::path::Path;

use super::{check_file, locate, FileOptions};
use crate::config::Config;
use crate::engine::Engine;
use crate::finding::{Applicability, Edit, FixPreview, FixedFile};
use crate::fix::Snapshot;
use crate::input::{Encoding, FileKind, Input};

/// What a run does with the fixes it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixMode {
    /// Apply the unsafe fixes too (`--unsafe-fixes`), not only the safe ones.
    pub unsafe_fixes: bool,
    /// Print a unified diff of what would change and write nothing (`--diff`).
    pub diff: bool,
    /// Show identifiers in the diff as they are (`--show-matches`); otherwise they are masked there as in every
    /// report, and the diff is for reading, not for `git apply`.
    pub show_matches: bool,
}

/// What fixing one input gave: the text to report on (the fixed text once written or printed; otherwise the input
/// as it is), the rewrite if there was one, what to print for it, and why a fix could not be written.
pub(super) struct FixOutcome {
    pub text: String,
    pub fixed: Option<FixedFile>,
    pub preview: Option<FixPreview>,
    pub not_fixed: Option<String>,
}

/// Fixes one input read as `text` (decoded from `encoding`). `target` is the file to rewrite with its state when it
/// was read; `None` for stdin, whose fixed post is printed instead. Fails only when the fixes cannot be worked out.
pub(super) fn fix_input(
    engine: &Engine,
    config: &Config,
    input: &Input,
    target: Option<(&Path, anyhow::Result<Snapshot>)>,
    (text, encoding): (String, Encoding),
    mode: FixMode,
    options: FileOptions,
) -> anyhow::Result<FixOutcome> {
    let path = input.checked_path();
    // text added to a calendar cell could break its quoting: there only the safe fixes (redactions) apply
    let level =
        if mode.unsafe_fixes && input.kind() == FileKind::Post { Applicability::Unsafe } else { Applicability::Safe };
    let (fixed, edits) = fixed_text(engine, config, path, &text, level, options)?;
    let display = input.display.clone();
    if mode.diff {
        let preview = if fixed == text {
            None
        } else {
            let diff = diff(engine, config, path, (&text, &fixed), mode.show_matches, options)?;
            Some(FixPreview { path: display, bytes: diff.into_bytes(), edits })
        };
        return Ok(FixOutcome { text, fixed: None, preview, not_fixed: None });
    }
    let Some((path, before)) = target else {
        // stdin is a filter: the post is printed whether or not a fix changed it, in its own encoding
        let preview = FixPreview { path: display.clone(), bytes: encoding.encode(&fixed).into_owned(), edits };
        let fixed_file = (edits > 0).then_some(FixedFile { path: display, edits });
        return Ok(FixOutcome { text: fixed, fixed: fixed_file, preview: Some(preview), not_fixed: None });
    };
    if fixed == text {
        return Ok(FixOutcome { text, fixed: None, preview: None, not_fixed: None });
    }
    // back in the file's own encoding (UTF-16 keeps its BOM and byte order)
    let (original, contents) = (encoding.encode(&text), encoding.encode(&fixed));
    match before.and_then(|before| crate::fix::replace(path, &before, original.as_ref(), contents.as_ref())) {
        Ok(()) => Ok(FixOutcome {
            text: fixed,
            fixed: Some(FixedFile { path: display, edits }),
            preview: None,
            not_fixed: None,
        }),
        Err(e) => Ok(FixOutcome { text, fixed: None, preview: None, not_fixed: Some(format!("not fixed: {e:#}")) }),
    }
}

/// Most passes `--fix` makes over one file: a fix can reveal another (an edit skipped for overlapping).
const FIX_PASSES: usize = 4;

/// The file's text with its fixes up to `level` (safe only, or safe and unsafe) applied until none is left, and
/// the number of edits made.
fn fixed_text(
    engine: &Engine,
    config: &Config,
    path: Option<&Path>,
    original: &str,
    level: Applicability,
    options: FileOptions,
) -> anyhow::Result<(String, usize)> {
    let options = FileOptions { source_lines: false, ..options };
    let mut text = original.to_string();
    let mut applied = 0;
    for _ in 0..FIX_PASSES {
        let checked = check_file(engine, config, path, text.clone(), options)?;
        let edits: Vec<Edit> = checked
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|fix| fix.applicability == Applicability::Safe || level == Applicability::Unsafe)
            .flat_map(|fix| fix.edits.iter().cloned())
            .collect();
        let (fixed, n) = crate::fix::apply_edits(&text, &edits);
        if n == 0 || fixed == text {
            break;
        }
        text = fixed;
        applied += n;
    }
    Ok((text, applied))
}

/// The unified diff from `before` to `after`, with `a/` and `b/` before the path as git writes them. Unless matches
/// are shown, every identifier found on either side (by checking it) is masked on both.
fn diff(
    engine: &Engine,
    config: &Config,
    path: Option<&Path>,
    (before, after): (&str, &str),
    show_matches: bool,
    options: FileOptions,
) -> anyhow::Result<String> {
    let (before, after) = if show_matches {
        (before.to_string(), after.to_string())
    } else {
        let options = FileOptions { source_lines: false, ..options };
        let identifiers = |text: &str| -> anyhow::Result<Vec<std::ops::Range<usize>>> {
            Ok(check_file(engine, config, path, text.to_string(), options)?.identifiers)
        };
        locate::masked_pair((before, after), (&identifiers(before)?, &identifiers(after)?))
    };
    let name = path.map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let diff = similar::TextDiff::from_lines(&before, &after);
    Ok(diff.unified_diff().context_radius(3).header(&format!("a/{name}"), &format!("b/{name}")).to_string())
}
