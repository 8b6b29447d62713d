//! Baselines: adopting carelint on a repository of old posts. `--write-baseline FILE` records the findings of now;
//! `--baseline FILE` reports only findings that are not in it.
//!
//! A finding is recorded by what stays the same when the post around it is edited: its rule, its file, its matched
//! text **as masked** and its occurrence among the findings of that file with the same rule and masked text. Line
//! numbers are left out (a line inserted above would make every finding new), and so is the identifier itself and
//! any plain hash of it: a baseline is committed next to the posts, and a nine-digit number's hash is reversed by
//! trying every number in seconds. The price is that an identifier changed under its mask (an SSN whose last two
//! digits stay the same) still counts as baselined; a changed claim or a changed mask is new again.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use serde::{Deserialize, Serialize};

use crate::finding::{FileReport, Finding};
use crate::rules::Rule;

/// The version of the baseline file format this build reads and writes.
pub const VERSION: u32 = 1;

/// What the file says about itself, for a person who opens it.
const NOTE: &str = "carelint baseline: findings recorded by rule, path (relative to this file), masked text and \
                    occurrence; `carelint check --baseline FILE` reports only findings not listed here";

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline file's directory, with `/` between names.
    pub path: String,
    pub rule: String,
    /// The matched text with every identifier masked, as reports show it by default.
    pub excerpt: String,
    /// 0 for the first finding of this rule with this text in this file, 1 for the second, ...
    pub occurrence: usize,
}

/// The file as written: a version, a note, and the entries sorted by path, rule, text and occurrence.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    #[serde(default)]
    note: String,
    findings: Vec<Entry>,
}

/// Where a baseline file is and what the paths in it are relative to.
#[derive(Clone, Debug)]
pub struct Location {
    pub file: PathBuf,
    dir: PathBuf,
}

impl Location {
    /// The baseline at `file`; its directory must exist (paths are recorded relative to it).
    pub fn new(file: &Path) -> anyhow::Result<Location> {
        let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let dir = std::fs::canonicalize(parent)
            .with_context(|| format!("{}: the baseline's directory does not exist", file.display()))?;
        Ok(Location { file: file.to_path_buf(), dir })
    }

    /// How a checked file is named in the baseline: relative to the baseline's directory when it is under it, else
    /// absolute, always with `/` (a baseline written on one system is read on another).
    pub fn key(&self, checked: &Path) -> String {
        let absolute = std::fs::canonicalize(checked)
            .or_else(|_| std::path::absolute(checked))
            .unwrap_or_else(|_| checked.to_path_buf());
        let relative = absolute.strip_prefix(&self.dir).unwrap_or(&absolute);
        relative.to_string_lossy().replace('\\', "/")
    }
}

/// The entries of one file's findings (in report order), keyed by `path`.
pub fn entries(rules: &[Rule], path: &str, findings: &[Finding]) -> Vec<Entry> {
    let mut seen: HashMap<(usize, &str), usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let excerpt = f.excerpt(false);
            let count = seen.entry((f.rule, excerpt)).or_default();
            let occurrence = *count;
            *count += 1;
            Entry { path: path.to_string(), rule: rules[f.rule].id.clone(), excerpt: excerpt.to_string(), occurrence }
        })
        .collect()
}

/// A loaded baseline.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: std::collections::HashSet<Entry>,
}

impl Baseline {
    /// Reads a baseline file; a missing file, a file that is not one, or one of another version is an error.
    pub fn load(file: &Path) -> anyhow::Result<Baseline> {
        let shown = file.display();
        let text = std::fs::read_to_string(file).with_context(|| format!("{shown}: cannot read the baseline"))?;
        let parsed: BaselineFile =
            serde_json::from_str(&text).with_context(|| format!("{shown}: not a carelint baseline"))?;
        if parsed.version != VERSION {
            bail!("{shown}: baseline version {} is not the version this carelint reads ({VERSION})", parsed.version);
        }
        Ok(Baseline { entries: parsed.findings.into_iter().collect() })
    }

    /// Takes the baselined findings out of a file's report (whose findings are in report order) and returns how
    /// many there were.
    pub fn remove_known(&self, rules: &[Rule], key: &str, file: &mut FileReport) -> usize {
        if self.entries.is_empty() || file.findings.is_empty() {
            return 0;
        }
        let known: Vec<bool> =
            entries(rules, key, &file.findings).iter().map(|entry| self.entries.contains(entry)).collect();
        let before = file.findings.len();
        let mut flags = known.into_iter();
        file.findings.retain(|_| !flags.next().unwrap_or(false));
        before - file.findings.len()
    }
}

/// The entries of a run being recorded (`--write-baseline`).
#[derive(Debug, Default)]
pub struct Recorder {
    entries: BTreeSet<Entry>,
}

impl Recorder {
    /// Records a file's findings (in report order) and takes them out of the report: they are the baseline now.
    pub fn record(&mut self, rules: &[Rule], key: &str, file: &mut FileReport) -> usize {
        self.entries.extend(entries(rules, key, &file.findings));
        std::mem::take(&mut file.findings).len()
    }

    /// Writes the baseline, replacing the file whole (a temporary file renamed over it), in a stable order.
    pub fn write(self, location: &Location) -> anyhow::Result<usize> {
        let count = self.entries.len();
        let file =
            BaselineFile { version: VERSION, note: NOTE.to_string(), findings: self.entries.into_iter().collect() };
        let mut text = serde_json::to_string_pretty(&file)?;
        text.push('\n');
        let shown = location.file.display();
        let mut temp = tempfile::NamedTempFile::new_in(&location.dir)
            .with_context(|| format!("{shown}: cannot write the baseline"))?;
        std::io::Write::write_all(&mut temp, text.as_bytes())
            .with_context(|| format!("{shown}: cannot write the baseline"))?;
        temp.persist(&location.file).with_context(|| format!("{shown}: cannot write the baseline"))?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<Rule> {
        let mut set = crate::rules::Ruleset::default();
        let text = "[[rules]]\nid = \"TST001\"\nname = \"t\"\ncategory = \"phi\"\nseverity = \"error\"\n\
                    message = \"m\"\npattern = '\\bT-[0-9]{4}\\b'\n";
        set.add_file("t.toml", text).unwrap();
        set.resolve().unwrap().rules
    }

    fn finding(line: usize, matched: &str, shown: &str) -> Finding {
        Finding { post_lines: (1, 1), shown: Some(shown.to_string()), ..Finding::bare(0, line, matched) }
    }

    #[test]
    fn entries_count_occurrences_of_the_same_masked_text_and_never_hold_the_text() {
        let findings = [finding(1, "T-1234", "T-**34"), finding(5, "T-5634", "T-**34"), finding(9, "T-0001", "T-**01")];
        let got = entries(&rules(), "p.md", &findings);
        let keys: Vec<(&str, usize)> = got.iter().map(|e| (e.excerpt.as_str(), e.occurrence)).collect();
        assert_eq!(keys, [("T-**34", 0), ("T-**34", 1), ("T-**01", 0)]);
        let json = serde_json::to_string(&got).unwrap();
        assert!(!json.contains("1234") && !json.contains("5634"), "{json}");
    }

    #[test]
    fn known_findings_are_removed_whatever_their_line_and_new_text_stays() {
        let rules = rules();
        let mut recorder = Recorder::default();
        let mut old =
            FileReport { path: "p.md".into(), findings: vec![finding(1, "T-1234", "T-**34")], suppressed: Vec::new() };
        assert_eq!(recorder.record(&rules, "p.md", &mut old), 1);
        assert!(old.findings.is_empty());
        let baseline = Baseline { entries: recorder.entries.into_iter().collect() };
        let mut now = FileReport {
            path: "p.md".into(),
            findings: vec![finding(7, "T-1234", "T-**34"), finding(8, "T-9999", "T-**99")],
            suppressed: Vec::new(),
        };
        assert_eq!(baseline.remove_known(&rules, "p.md", &mut now), 1);
        assert_eq!(now.findings.len(), 1);
        assert_eq!(now.findings[0].matched, "T-9999");
        // the same finding in another file is new there
        let mut elsewhere =
            FileReport { path: "q.md".into(), findings: vec![finding(1, "T-1234", "T-**34")], suppressed: Vec::new() };
        assert_eq!(baseline.remove_known(&rules, "q.md", &mut elsewhere), 0);
    }

    #[test]
    fn the_file_is_versioned_sorted_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::new(&dir.path().join("baseline.json")).unwrap();
        let rules = rules();
        let mut recorder = Recorder::default();
        for path in ["b.md", "a.md"] {
            let mut file = FileReport {
                path: path.into(),
                findings: vec![finding(1, "T-1234", "T-**34")],
                suppressed: Vec::new(),
            };
            recorder.record(&rules, path, &mut file);
        }
        assert_eq!(recorder.write(&location).unwrap(), 2);
        let text = std::fs::read_to_string(&location.file).unwrap();
        assert!(text.starts_with("{\n  \"version\": 1,\n"), "{text}");
        assert!(text.find("a.md").unwrap() < text.find("b.md").unwrap(), "{text}");
        assert_eq!(Baseline::load(&location.file).unwrap().entries.len(), 2);
        std::fs::write(&location.file, text.replace("\"version\": 1", "\"version\": 9")).unwrap();
        let err = Baseline::load(&location.file).unwrap_err().to_string();
        assert!(err.contains("baseline version 9"), "{err}");
    }
}
