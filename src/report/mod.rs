//! Reports: each output format is one module that consumes findings; none of them matches or reads files.

mod github;
mod human;
mod json;
pub mod redact;
mod sarif;

use crate::check::RunReport;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

/// Output formats of `carelint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

/// What every format needs: the run's results and the rules they refer to.
pub struct Report<'a> {
    pub rules: &'a [Rule],
    pub run: &'a RunReport,
    pub show_matches: bool,
}

impl Report<'_> {
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Human => human::render(self, false),
            Format::Concise => human::render(self, true),
            Format::Json => json::render(self),
            Format::Sarif => sarif::render(self),
            Format::Github => github::render(self),
        }
    }

    /// The matched text as reports may show it.
    pub fn excerpt(&self, finding: &Finding) -> String {
        if self.rules[finding.rule].redact && !self.show_matches {
            redact::mask(&finding.matched)
        } else {
            finding.matched.clone()
        }
    }

    /// Findings of all files in report order: path, then start, then rule id (`check::run` sorts each file's).
    pub fn findings(&self) -> impl Iterator<Item = (&str, &Finding)> {
        self.run.files.iter().flat_map(|f| f.findings.iter().map(move |finding| (f.path.as_str(), finding)))
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings().filter(|(_, f)| self.rules[f.rule].severity == severity).count()
    }
}
