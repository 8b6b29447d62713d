//! The options of `check` that shape its report: which go together, the audit evidence of the policy in effect, and
//! what `--diff` and a fix of stdin print.

use std::path::Path;

use anyhow::{bail, Context as _};

use super::{value_name, write_stdout, CheckArgs, MinSeverity};
use crate::config::{Config, FailOn};
use crate::finding::RunReport;
use crate::input::Input;
use crate::policy;
use crate::report::{Audit, Format};
use crate::rules::Rule;

/// Options of `check` that cannot go together, refused before any file is read.
pub(super) fn check_report_options(args: &CheckArgs) -> anyhow::Result<()> {
    if args.unsafe_fixes && !args.fix && !args.diff {
        bail!("--unsafe-fixes applies fixes: use it with --fix or --diff");
    }
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise) {
        bail!("--statistics replaces the findings with counts per rule: use it with --format human or concise");
    }
    Ok(())
}

/// What `--diff` (a unified diff per file) or `--fix` on stdin (the fixed post) prints on stdout.
pub(super) fn write_previews(run: &RunReport) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    for preview in &run.previews {
        bytes.extend_from_slice(&preview.bytes);
    }
    write_stdout(&bytes)
}

/// `--diff`'s last line on stderr: how many fixes it would apply to how many files.
pub(super) fn diff_summary(run: &RunReport) -> String {
    let edits: usize = run.previews.iter().map(|p| p.edits).sum();
    let files = run.previews.len();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (edits, files) = (plural(edits, "fix", "fixes"), plural(files, "file", "files"));
    format!("Would apply {edits} to {files} (nothing written).\n")
}

/// The audit evidence a JSON or SARIF report carries: the active ruleset's digest and the configuration in effect.
pub(super) fn audit(args: &CheckArgs, config: &Config, rules: &[Rule], file_texts: &[String]) -> Audit {
    let opts = &args.rules;
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error);
    let reported = policy::reported(rules);
    let configuration = serde_json::json!({
        "config_file": config.path.as_ref().map(|p| p.display().to_string()),
        "default_rules": !opts.no_default_rules,
        "rule_files": config.rules.iter().chain(&opts.rule_files).map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "select": opts.select.as_ref().or(config.select.as_ref()),
        "extend_select": config.extend_select.iter().chain(&opts.extend_select).collect::<Vec<_>>(),
        "ignore": config.ignore.iter().chain(&opts.ignore).collect::<Vec<_>>(),
        "severity": &config.severity,
        "overrides": config.overrides.len(),
        "allow_values": config.allow.len(),
        "platform": &config.platform,
        "fail_on": value_name(fail_on),
        "min_severity": value_name(args.min_severity.unwrap_or(MinSeverity::Info)),
        "fix": if args.diff { "diff" } else if args.fix { "write" } else { "none" },
        "unsafe_fixes": args.unsafe_fixes,
        "inline_suppressions": !args.no_inline_suppressions,
    });
    let mut sources: Vec<String> = Vec::new();
    if !opts.no_default_rules {
        sources.extend(crate::rules::DEFAULT_FILES.iter().map(|(_, text)| text.to_string()));
    }
    // the user's files as they were loaded
    sources.extend(file_texts.iter().cloned());
    let ruleset_digest = crate::report::ruleset_digest(&sources, rules);
    Audit { ruleset_digest, rules: reported.len(), configuration }
}

/// The file `--output-file` writes the report to. It may not be one of the inputs: creating it would empty that post
/// before it is read. Colour codes are stripped, as for any output that is not a terminal.
pub(super) fn report_file(path: &Path, inputs: &[Input]) -> anyhow::Result<Box<dyn std::io::Write + Send>> {
    if let Ok(target) = std::fs::canonicalize(path) {
        let same =
            |input: &Input| input.checked_path().and_then(|p| std::fs::canonicalize(p).ok()) == Some(target.clone());
        if inputs.iter().any(same) {
            bail!("--output-file {} is one of the files to check: the report would replace it", path.display());
        }
    }
    let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(Box::new(std::io::BufWriter::new(anstream::StripStream::new(file))))
}
