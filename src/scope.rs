//! Which of a run's findings are reported, beyond which rules run: only those not in a baseline (`--baseline`), none
//! while one is recorded (`--write-baseline`), and only those on lines changed since a revision
//! (`--changed-since`). Each file's findings pass through here on their way to the report.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::baseline::{Baseline, Location, Recorder};
use crate::changes::ChangedSince;
use crate::finding::{FileReport, RunReport};
use crate::git::Repo;
use crate::input::Input;
use crate::rules::Rule;

/// What the command line asked for.
#[derive(Clone, Debug, Default)]
pub struct ScopeOptions {
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub changed_since: Option<String>,
}

/// The filters of one run, and what they left out.
#[derive(Debug, Default)]
pub struct Scope {
    baseline: Option<Baseline>,
    recorder: Option<Recorder>,
    location: Option<Location>,
    /// Each input's name in the baseline, by the name reports use.
    keys: HashMap<String, String>,
    since: Option<ChangedSince>,
    baselined: usize,
}

impl Scope {
    /// Loads the baseline and works out the changed lines of `inputs` (`cwd` is where the run started: its git
    /// repository is the one compared).
    pub fn new(options: ScopeOptions, inputs: &[Input], cwd: &Path) -> anyhow::Result<Scope> {
        let mut scope = Scope::default();
        if let Some(rev) = &options.changed_since {
            scope.since = Some(ChangedSince::new(&Repo::discover(cwd)?, rev, inputs)?);
        }
        if let Some(file) = &options.baseline {
            scope.baseline = Some(Baseline::load(file)?);
        }
        if options.write_baseline.is_some() {
            scope.recorder = Some(Recorder::default());
        }
        if let Some(file) = options.baseline.as_ref().or(options.write_baseline.as_ref()) {
            let location = Location::new(file)?;
            scope.keys = inputs
                .iter()
                .map(|i| {
                    let key = i.checked_path().map_or_else(|| i.display.clone(), |p| location.key(p));
                    (i.display.clone(), key)
                })
                .collect();
            scope.location = Some(location);
        }
        Ok(scope)
    }

    /// Takes out of a file's report the findings the run does not report.
    pub fn narrow(&mut self, rules: &[Rule], file: &mut FileReport) {
        if file.findings.is_empty() {
            return;
        }
        let key = self.keys.get(&file.path).cloned().unwrap_or_else(|| file.path.clone());
        if let Some(baseline) = &self.baseline {
            self.baselined += baseline.remove_known(rules, &key, file);
        }
        if let Some(recorder) = &mut self.recorder {
            self.baselined += recorder.record(rules, &key, file);
        }
        if let Some(since) = &self.since {
            since.keep_changed(rules, file);
        }
    }

    /// Writes a baseline being recorded and puts the count of baselined findings in the run's report. Returns the
    /// line that says where the baseline went, if one was written.
    pub fn finish(self, run: &mut RunReport) -> anyhow::Result<Option<String>> {
        if self.location.is_some() {
            run.baselined = Some(self.baselined);
        }
        match (self.recorder, self.location) {
            (Some(recorder), Some(location)) => {
                let count = recorder.write(&location)?;
                let findings = if count == 1 { "finding" } else { "findings" };
                Ok(Some(format!("Wrote a baseline of {count} {findings} to {}", location.file.display())))
            }
            _ => Ok(None),
        }
    }
}
