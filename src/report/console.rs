//! What the line formats for people (`human`, `concise`) leave to stderr: the run's errors and warnings, and the
//! `--fix` summary. Formats for machines put them in their own document instead.

use std::io::{self, Write};

use crate::finding::{FixedFile, RunReport};

/// The style of `error` in messages on the console (the command line's own errors use it too).
pub const ERROR_STYLE: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();
const WARNING_STYLE: anstyle::Style = anstyle::AnsiColor::Yellow.on_default().bold();

/// Names shown by the `--fix` summary line; `--format json` lists every rewritten file.
const FIXED_NAMES_SHOWN: usize = 10;

/// `error: PATH: MESSAGE` for each input that failed, then `warning: PATH: MESSAGE` for each warning.
pub fn write_problems(err: &mut impl Write, run: &RunReport) -> io::Result<()> {
    for e in &run.errors {
        writeln!(err, "{}error{}: {}: {}", ERROR_STYLE.render(), ERROR_STYLE.render_reset(), e.path, e.message)?;
    }
    for w in &run.warnings {
        let (style, reset) = (WARNING_STYLE.render(), WARNING_STYLE.render_reset());
        writeln!(err, "{style}warning{reset}: {}: {}", w.path, w.message)?;
    }
    Ok(())
}

/// `Applied 3 fixes to 2 files: a.md, b.md`, or `Applied 0 fixes.`
pub fn fix_summary(fixed: &[FixedFile]) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let edits = plural(fixed.iter().map(|f| f.edits).sum(), "fix", "fixes");
    if fixed.is_empty() {
        return format!("Applied {edits}.");
    }
    let names: Vec<&str> = fixed.iter().take(FIXED_NAMES_SHOWN).map(|f| f.path.as_str()).collect();
    let more = fixed.len().saturating_sub(FIXED_NAMES_SHOWN);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    format!("Applied {edits} to {}: {}{more}", plural(fixed.len(), "file", "files"), names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::fix_summary;
    use crate::finding::FixedFile;

    fn fixed(n: usize) -> Vec<FixedFile> {
        (1..=n).map(|i| FixedFile { path: format!("p{i}.md"), edits: i }).collect()
    }

    #[test]
    fn the_fix_summary_counts_edits_and_names_the_first_files() {
        assert_eq!(fix_summary(&[]), "Applied 0 fixes.");
        assert_eq!(fix_summary(&fixed(1)), "Applied 1 fix to 1 file: p1.md");
        assert_eq!(fix_summary(&fixed(2)), "Applied 3 fixes to 2 files: p1.md, p2.md");
        let many = fix_summary(&fixed(12));
        assert!(many.starts_with("Applied 78 fixes to 12 files: p1.md, p2.md,"), "{many}");
        assert!(many.ends_with(", p10.md and 2 more"), "{many}");
    }
}
