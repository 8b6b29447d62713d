//! The scheduler: checks many inputs on several threads and hands each file's report on in input order, as soon as
//! the files before it are done.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::fixing::{fix_input, FixMode, FixOutcome};
use super::{check_file, FileOptions};
use crate::config::Config;
use crate::engine::Engine;
use crate::finding::{FileReport, Finding, FixPreview, FixedFile, InputError, RunReport};
use crate::fix::Snapshot;
use crate::input::{self, Encoding, Input, Source};

/// How a run goes.
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    pub threads: usize,
    /// Fix each input first (`--fix`, `--unsafe-fixes`, `--diff`); `None`: only check.
    pub fix: Option<FixMode>,
    /// Keep each finding's source line (only the human report shows it; a repository run without it needs a
    /// fraction of the memory).
    pub source_lines: bool,
    /// Larger inputs are errors, and are not read whole; `None`: the default of the input's kind (a post, a
    /// calendar).
    pub max_file_size: Option<u64>,
    /// Honour the posts' own suppressions; `false` with `--no-inline-suppressions`.
    pub inline_suppressions: bool,
}

/// Checks every input on `options.threads` threads and hands each file's findings (sorted) to `on_file` in input
/// order, as soon as the files before it are done: the report is written while the run goes on, and only files
/// that finished out of order wait in memory.
pub fn run(
    engine: &Engine,
    config: &Config,
    inputs: &[Input],
    options: RunOptions,
    on_file: &mut (dyn FnMut(FileReport) + Send),
) -> RunReport {
    let threads = options.threads;
    let next = AtomicUsize::new(0);
    // `fixed` lists what was written: not with --diff, which writes nothing
    let writes = options.fix.is_some_and(|mode| !mode.diff);
    let report = RunReport { fixed: writes.then(Vec::new), ..RunReport::default() };
    let emitter = Mutex::new(Emitter { next: 0, waiting: BTreeMap::new(), report, on_file });
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(input) = inputs.get(i) else { break };
        let mut result = check_input(engine, config, input, options);
        if let Some(file) = &mut result.file {
            // report order, once: start, then rule id
            let rules = engine.rules();
            let order = |a: &Finding, b: &Finding| (a.start, &rules[a.rule].id).cmp(&(b.start, &rules[b.rule].id));
            file.findings.sort_by(order);
            file.suppressed.sort_by(|a, b| order(&a.finding, &b.finding));
        }
        emitter.lock().unwrap_or_else(PoisonError::into_inner).done(i, result);
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.max(1).min(inputs.len()) {
            scope.spawn(work);
        }
        work();
    });
    emitter.into_inner().unwrap_or_else(PoisonError::into_inner).report
}

/// Puts the checked inputs back in input order.
struct Emitter<'a> {
    next: usize,
    waiting: BTreeMap<usize, Checked>,
    report: RunReport,
    on_file: &'a mut (dyn FnMut(FileReport) + Send),
}

impl Emitter<'_> {
    fn done(&mut self, index: usize, checked: Checked) {
        self.waiting.insert(index, checked);
        while let Some(checked) = self.waiting.remove(&self.next) {
            self.next += 1;
            self.report.files_scanned += usize::from(checked.scanned);
            self.report.posts_left_out += checked.left_out;
            if let Some(file) = checked.file {
                (self.on_file)(file);
            }
            self.report.errors.extend(checked.errors);
            if let (Some(fixed), Some(file)) = (&mut self.report.fixed, checked.fixed) {
                fixed.push(file);
            }
            self.report.previews.extend(checked.preview);
            self.report.warnings.extend(checked.warnings);
        }
    }
}

/// What checking one input gave: its findings if it could be read, what was wrong, and what `--fix` wrote.
struct Checked {
    file: Option<FileReport>,
    errors: Vec<InputError>,
    warnings: Vec<InputError>,
    fixed: Option<FixedFile>,
    preview: Option<FixPreview>,
    /// The posts `--published-only` left out, and whether any post of the file was checked.
    left_out: usize,
    scanned: bool,
}

/// One input: read and check it (fixing it first with `fix`). Broken front matter is an error, but the body's
/// findings are kept; so is a fix that could not be written, and then the findings are those of the file as it is
/// on disk. Findings are located in the decoded text, then in the file's own bytes (UTF-16 differs).
fn check_input(engine: &Engine, config: &Config, input: &Input, options: RunOptions) -> Checked {
    let RunOptions { fix, source_lines, max_file_size, inline_suppressions, .. } = options;
    let file_options = FileOptions { source_lines, inline_suppressions };
    let error = |message: String| InputError { path: input.display.clone(), message };
    let failed = |message: String| Checked {
        file: None,
        errors: vec![error(message)],
        warnings: Vec::new(),
        fixed: None,
        preview: None,
        left_out: 0,
        scanned: false,
    };
    // stdin is checked as the file `--stdin-filename` names, but it is never written to
    let path = input.checked_path();
    let target = match &input.source {
        Source::File(p) if fix.is_some_and(|mode| !mode.diff) => Some(p.as_path()),
        _ => None,
    };
    // taken before the read, so that an edit made while the file is read or fixed shows
    let before = target.map(Snapshot::take);
    let max_file_size = max_file_size.unwrap_or_else(|| input.kind().default_max_file_size());
    let (text, encoding) = match input::read(input, max_file_size) {
        Ok(decoded) => (decoded.text, decoded.encoding),
        Err(message) => return failed(message),
    };
    let outcome = match fix {
        Some(mode) => {
            let target = target.zip(before);
            match fix_input(engine, config, input, target, (text, encoding), mode, file_options) {
                Ok(outcome) => outcome,
                Err(e) => return failed(format!("{e:#}")),
            }
        }
        None => FixOutcome { text, fixed: None, preview: None, not_fixed: None },
    };
    let FixOutcome { text, fixed, preview, not_fixed } = outcome;
    let mut errors: Vec<InputError> = not_fixed.map(error).into_iter().collect();
    // the text is needed again only to map UTF-16 offsets
    let mapping = (encoding != Encoding::Utf8).then(|| text.clone());
    match check_file(engine, config, path, text, file_options) {
        Ok(checked) => {
            let (left_out, scanned) = (checked.left_out, checked.scanned());
            let (mut findings, mut suppressed) = (checked.findings, checked.suppressed);
            if let Some(text) = mapping {
                to_file_offsets(
                    encoding,
                    &text,
                    findings.iter_mut().chain(suppressed.iter_mut().map(|s| &mut s.finding)),
                );
            }
            errors.extend(checked.problems.errors.into_iter().map(error));
            let warnings = checked.problems.warnings.into_iter().map(error).collect();
            let file = FileReport { path: input.display.clone(), findings, suppressed };
            Checked { file: Some(file), errors, warnings, fixed, preview, left_out, scanned }
        }
        Err(e) => {
            errors.push(error(format!("{e:#}")));
            Checked { file: None, errors, warnings: Vec::new(), fixed, preview, left_out: 0, scanned: false }
        }
    }
}

/// Moves the findings' byte offsets (spans and fix edits) from the decoded text to the file's bytes.
fn to_file_offsets<'a>(encoding: Encoding, text: &str, findings: impl Iterator<Item = &'a mut Finding>) {
    let mut offsets = Vec::new();
    for finding in findings {
        offsets.push(&mut finding.start);
        offsets.push(&mut finding.end);
        for related in &mut finding.related {
            offsets.push(&mut related.start);
            offsets.push(&mut related.end);
        }
        for edit in finding.fix.iter_mut().flat_map(|fix| fix.edits.iter_mut()) {
            offsets.push(&mut edit.start);
            offsets.push(&mut edit.end);
        }
    }
    encoding.to_file_offsets(text, offsets);
}
