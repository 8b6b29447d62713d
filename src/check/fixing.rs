//! `--fix` on one file: applies its safe fixes until none is left, then writes the file back in its own encoding
//! if it did not change meanwhile.

use std::path::Path;

use super::check_file;
use crate::config::Config;
use crate::engine::Engine;
use crate::finding::{Applicability, Edit, FixedFile};
use crate::fix::Snapshot;
use crate::input::{Encoding, Input};

/// `--fix` on one file, read as `text` (decoded from `encoding`) when it looked like `before`. Returns the text to
/// report on (the fixed text once written; otherwise the file as it is on disk), the rewrite if there was one, and
/// why a fix could not be written. Fails only when the fixes cannot be worked out.
pub(super) fn fix_input(
    engine: &Engine,
    config: &Config,
    input: &Input,
    path: &Path,
    before: anyhow::Result<Snapshot>,
    text: String,
    encoding: Encoding,
) -> anyhow::Result<(String, Option<FixedFile>, Option<String>)> {
    let (fixed, edits) = fixed_text(engine, config, path, &text)?;
    if fixed == text {
        return Ok((text, None, None));
    }
    // back in the file's own encoding (UTF-16 keeps its BOM and byte order)
    let (original, contents) = (encoding.encode(&text), encoding.encode(&fixed));
    match before.and_then(|before| crate::fix::replace(path, &before, original.as_ref(), contents.as_ref())) {
        Ok(()) => Ok((fixed, Some(FixedFile { path: input.display.clone(), edits }), None)),
        Err(e) => Ok((text, None, Some(format!("not fixed: {e:#}")))),
    }
}

/// Most passes `--fix` makes over one file: a fix can reveal another (an edit skipped for overlapping).
const FIX_PASSES: usize = 4;

/// The file's text with safe fixes applied until none is left, and the number of edits made.
fn fixed_text(engine: &Engine, config: &Config, path: &Path, original: &str) -> anyhow::Result<(String, usize)> {
    let mut text = original.to_string();
    let mut applied = 0;
    for _ in 0..FIX_PASSES {
        let (findings, _) = check_file(engine, config, Some(path), text.clone(), false)?;
        let edits: Vec<Edit> = findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|fix| fix.applicability == Applicability::Safe)
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
