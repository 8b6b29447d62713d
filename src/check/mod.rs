//! Checking, the coordinator: a file's text goes to the reader of its kind (a post, or a calendar's rows), each post
//! through the engine, and each hit that its file's rules report and no suppression silences becomes a finding
//! located in the file. Its parts: `post` (one post's hits to findings), `locate` (positions, source lines and
//! masking), `suppress` (per-path overrides and suppressions), `run` (many files on many threads, in order) and
//! `fixing` (the `--fix` loop); fix edits are built by `crate::fix`.

mod fixing;
mod locate;
mod post;
mod run;
mod suppress;

use std::path::Path;

use crate::config::Config;
use crate::engine::Engine;
use crate::finding::Finding;
use crate::input::calendar::{self, CalendarPost, RowError};
use crate::input::document::Document;
use crate::input::FileKind;
use locate::FileText;
use post::RowAt;
use suppress::ReportedRules;

pub use run::{run, RunOptions};

/// What checking one file found wrong besides its findings, each message with its line (and row): parts that could
/// not be read or checked as written (errors: the run exits 2, the rest of the file is still checked), and
/// suppressions that name no rule (warnings: the exit code is not changed). Never a line's content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.warnings.is_empty()
    }

    fn extend(&mut self, other: Problems) {
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }
}

/// Checks one file's text: a post, or every row of a calendar. `path` is used for per-path overrides and to tell
/// calendars apart; `None` for unnamed stdin and examples. Returns the findings and the problems found on the way
/// (broken front matter, calendar rows that could not be read, unknown kinds and suppressed rules); the rest is still
/// checked.
pub fn check_text(
    engine: &Engine,
    config: &Config,
    path: Option<&Path>,
    text: String,
) -> anyhow::Result<(Vec<Finding>, Problems)> {
    check_file(engine, config, path, text, true)
}

/// What every post of a file is checked with: the rules, the configuration and which rules report in this file.
struct Checker<'a> {
    engine: &'a Engine,
    config: &'a Config,
    reported: ReportedRules,
}

/// `check_text`, keeping each finding's source line only with `source_lines` (only the human report shows it, and
/// a calendar's findings are held together: a copy of a long row's line for each would add up).
fn check_file(
    engine: &Engine,
    config: &Config,
    path: Option<&Path>,
    text: String,
    source_lines: bool,
) -> anyhow::Result<(Vec<Finding>, Problems)> {
    let overrides = path.map(|p| config.overrides_for(p)).unwrap_or_default();
    let checker = Checker { engine, config, reported: ReportedRules::for_path(engine.rules(), &overrides) };
    let mut problems = Problems::default();
    let rows = match FileKind::of(path) {
        FileKind::Post => {
            let doc = Document::parse(text);
            problems.errors.extend(doc.warning.clone());
            let file = FileText::new(&doc.text, source_lines);
            let (findings, more) = post::check_document(&checker, &doc, &file, &|s, e| s..e, None, &mut Vec::new())?;
            problems.extend(more);
            return Ok((findings, problems));
        }
        FileKind::Csv => match calendar::csv_calendar(&text, &config.text_fields) {
            Err(e) => Err(e),
            Ok(csv) => {
                // rows are unescaped one at a time
                let rows = (0..csv.len()).map(|i| csv.post(i));
                let file = FileText::new(&text, source_lines);
                let findings = check_calendar(&checker, &file, rows, &mut problems)?;
                return Ok((findings, problems));
            }
        },
        FileKind::Json => calendar::json_posts(&text, false, &config.text_fields),
        FileKind::Jsonl => calendar::json_posts(&text, true, &config.text_fields),
    };
    let findings = match rows {
        Ok(rows) => {
            let file = FileText::new(&text, source_lines);
            check_calendar(&checker, &file, rows.into_iter(), &mut problems)?
        }
        Err(e) => {
            problems.errors.push(e);
            Vec::new()
        }
    };
    Ok((findings, problems))
}

/// Checks the posts of a calendar one by one, each located in the calendar file. A row that could not be read is
/// an error and the others are still checked.
fn check_calendar(
    checker: &Checker,
    file: &FileText,
    rows: impl Iterator<Item = Result<CalendarPost, RowError>>,
    problems: &mut Problems,
) -> anyhow::Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let mut identifiers = Vec::new();
    for row in rows {
        let mut post = match row {
            Ok(post) => post,
            Err(e) => {
                problems.errors.push(e.to_string());
                continue;
            }
        };
        let mut doc = Document::parse(std::mem::take(&mut post.text));
        doc.add_fields(&post.fields);
        let to_file = |s: usize, e: usize| post.file_range(s, e);
        let at = RowAt { row: post.row, line: post.line };
        let (found, more) = post::check_document(checker, &doc, file, &to_file, Some(at), &mut identifiers)?;
        findings.extend(found);
        problems.extend(more);
    }
    locate::mask_across_rows(file, &identifiers, &mut findings);
    Ok(findings)
}
