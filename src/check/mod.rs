//! Checking, the coordinator: a file's text goes to the reader of its kind (a post, or a calendar's rows), each post
//! through the engine, and each hit that its file's rules report and no suppression silences becomes a finding
//! located in the file. Its parts: `post` (one post's hits to findings), `locate` (positions, source lines and
//! masking), `suppress` (per-path overrides and suppressions), `run` (many files on many threads, in order) and
//! `fixing` (the `--fix` loop); fix edits are built by `crate::fix`.

mod consent;
mod fixing;
mod locate;
mod post;
pub mod review;
mod run;
mod suppress;

use std::path::Path;

use crate::config::Config;
use crate::engine::Engine;
use crate::finding::{Finding, Suppressed};
use crate::input::calendar::{self, CalendarPost, RowError};
use crate::input::document::Document;
use crate::input::FileKind;
use locate::FileText;
use post::RowAt;
use suppress::ReportedRules;

pub use fixing::FixMode;
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
    let options = FileOptions { source_lines: true, inline_suppressions: true };
    check_file(engine, config, path, text, options).map(|checked| (checked.findings, checked.problems))
}

/// How each file of a run is checked.
#[derive(Clone, Copy, Debug)]
struct FileOptions {
    /// Keep each finding's source line (only the human report shows it, and a calendar's findings are held
    /// together: a copy of a long row's line for each would add up).
    source_lines: bool,
    /// Honour the posts' own suppressions (`--no-inline-suppressions` turns them off for an audit run).
    inline_suppressions: bool,
}

/// What checking one file gave: its findings, those its suppressions silenced, and its problems.
#[derive(Default)]
struct FileCheck {
    findings: Vec<Finding>,
    suppressed: Vec<Suppressed>,
    problems: Problems,
    /// Every identifier found in the file (file byte ranges), reported or not: what a diff of it masks.
    identifiers: Vec<std::ops::Range<usize>>,
    /// How many posts the file had, and how many of them `--published-only` left out.
    posts: usize,
    left_out: usize,
}

impl FileCheck {
    fn add(&mut self, post: post::PostFindings) {
        self.findings.extend(post.findings);
        self.suppressed.extend(post.suppressed);
        self.problems.extend(post.problems);
        self.posts += 1;
        self.left_out += usize::from(post.left_out);
    }

    /// Whether any post of the file was checked: a file whose every post `--published-only` left out is not
    /// counted among the files scanned (an empty calendar still is: it was read and had nothing to leave out).
    fn scanned(&self) -> bool {
        self.posts == 0 || self.left_out < self.posts
    }
}

/// What every post of a file is checked with: the rules, the configuration and which rules report in this file.
struct Checker<'a> {
    engine: &'a Engine,
    config: &'a Config,
    reported: ReportedRules,
    inline_suppressions: bool,
}

/// `check_text` with the run's `options`.
fn check_file(
    engine: &Engine,
    config: &Config,
    path: Option<&Path>,
    text: String,
    options: FileOptions,
) -> anyhow::Result<FileCheck> {
    let overrides = path.map(|p| config.overrides_for(p)).unwrap_or_default();
    let reported = ReportedRules::for_path(engine.rules(), &overrides);
    let checker = Checker { engine, config, reported, inline_suppressions: options.inline_suppressions };
    let mut checked = FileCheck::default();
    let rows = match FileKind::of(path) {
        FileKind::Post => {
            let doc = Document::parse(text);
            checked.problems.errors.extend(doc.warning.clone());
            let file = FileText::new(&doc.text, options.source_lines);
            let identifiers = &mut checked.identifiers;
            let post = post::check_document(&checker, &doc, &file, &|s, e| s..e, None, identifiers)?;
            checked.add(post);
            return Ok(checked);
        }
        FileKind::Csv => match calendar::csv_calendar(&text, &config.text_fields) {
            Err(e) => Err(e),
            Ok(csv) => {
                // rows are unescaped one at a time
                let rows = (0..csv.len()).map(|i| csv.post(i));
                let file = FileText::new(&text, options.source_lines);
                check_calendar(&checker, &file, rows, &mut checked)?;
                return Ok(checked);
            }
        },
        FileKind::Json => calendar::json_posts(&text, false, &config.text_fields),
        FileKind::Jsonl => calendar::json_posts(&text, true, &config.text_fields),
    };
    match rows {
        Ok(rows) => {
            let file = FileText::new(&text, options.source_lines);
            check_calendar(&checker, &file, rows.into_iter(), &mut checked)?;
        }
        Err(e) => checked.problems.errors.push(e),
    }
    Ok(checked)
}

/// Checks the posts of a calendar one by one, each located in the calendar file. A row that could not be read is
/// an error and the others are still checked.
fn check_calendar(
    checker: &Checker,
    file: &FileText,
    rows: impl Iterator<Item = Result<CalendarPost, RowError>>,
    checked: &mut FileCheck,
) -> anyhow::Result<()> {
    let mut identifiers = Vec::new();
    for row in rows {
        let mut post = match row {
            Ok(post) => post,
            Err(e) => {
                checked.problems.errors.push(e.to_string());
                continue;
            }
        };
        let mut doc = Document::parse(std::mem::take(&mut post.text));
        doc.add_fields(&post.fields);
        let to_file = |s: usize, e: usize| post.file_range(s, e);
        let at = RowAt { row: post.row, line: post.line };
        checked.add(post::check_document(checker, &doc, file, &to_file, Some(at), &mut identifiers)?);
    }
    locate::mask_across_rows(file, &identifiers, &mut checked.findings);
    // an identifier found in one row is masked in the silenced findings of every other row too
    let mut silenced: Vec<Finding> = checked.suppressed.iter().map(|s| s.finding.clone()).collect();
    locate::mask_across_rows(file, &identifiers, &mut silenced);
    for (suppressed, masked) in checked.suppressed.iter_mut().zip(silenced) {
        suppressed.finding = masked;
    }
    checked.identifiers = identifiers;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allow::Allowlist;
    use crate::rules::Ruleset;

    /// A claim rule (phrases) and an identifier rule (pattern, masked), in two categories.
    const RULES: &str = r#"
[[rules]]
id = "TST001"
name = "miracle"
category = "misinformation"
severity = "warning"
message = "a miracle"
phrases = ["miracle cure"]

[[rules]]
id = "TST002"
name = "ticket"
category = "phi"
severity = "error"
message = "a ticket number"
pattern = '\bTCK-[0-9]{6}\b'
"#;

    fn engine() -> Engine {
        let mut set = Ruleset::default();
        set.add_file("test.toml", RULES).unwrap();
        let mut set = set.resolve().unwrap();
        Engine::new(std::mem::take(&mut set.rules), set.words(), Allowlist::default()).unwrap()
    }

    /// A finding's rule id, line, column and row.
    type Place = (String, usize, usize, Option<usize>);

    /// Each finding's place, in file order.
    fn check(engine: &Engine, config: &Config, path: Option<&str>, text: &str) -> (Vec<Place>, Problems) {
        let (mut findings, problems) = check_text(engine, config, path.map(Path::new), text.to_string()).unwrap();
        findings.sort_by_key(|f| f.start);
        let ids = findings
            .iter()
            .map(|f| (engine.rules()[f.rule].id.clone(), f.begin_pos.line, f.begin_pos.column, f.row))
            .collect();
        (ids, problems)
    }

    fn hit(id: &str, line: usize, column: usize, row: Option<usize>) -> Place {
        (id.to_string(), line, column, row)
    }

    #[test]
    fn a_post_is_checked_as_one_document() {
        let text = "---\ntitle: Spring\n---\nOur miracle cure, ticket TCK-123456.\n";
        let (found, problems) = check(&engine(), &Config::default(), Some("posts/a.md"), text);
        assert_eq!(found, [hit("TST001", 4, 5, None), hit("TST002", 4, 26, None)]);
        assert!(problems.is_empty());
    }

    #[test]
    fn a_calendar_is_checked_row_by_row_in_file_positions() {
        let text = "date,text\n2026-01-01,fine\n2026-01-02,\"a \"\"miracle cure\"\"\"\n2026-01-03,\"unclosed\n";
        let (found, problems) = check(&engine(), &Config::default(), Some("plan.CSV"), text);
        assert_eq!(found, [hit("TST001", 3, 17, Some(2))]);
        assert_eq!(problems.errors, ["line 4 (row 3): unclosed quote (opened on line 4); this row is not checked"]);
        // the same text named as a post is one post
        let (found, _) = check(&engine(), &Config::default(), Some("plan.txt"), text);
        assert_eq!(found, [hit("TST001", 3, 17, None)]);
    }

    #[test]
    fn a_calendar_finding_never_shows_an_identifier() {
        let text = "text\n\"TCK-123456 miracle cure\"\nTCK-123456 again\n";
        let (findings, _) = check_text(&engine(), &Config::default(), Some(Path::new("p.csv")), text.into()).unwrap();
        let shown: Vec<&str> = findings.iter().map(|f| f.line(false)).collect();
        assert!(shown.iter().all(|line| !line.contains("123456")), "{shown:?}");
    }

    #[test]
    fn suppressions_silence_the_rules_they_name_and_warn_about_unknown_ones() {
        let text = "---\ncarelint:\n  allow: [phi, NOPE]\n  reason: our ticket desk\n---\nTCK-123456\n\n\
                    <!-- carelint-disable-next-line misinformation -- quoted to debunk -->\nmiracle cure\n\nmiracle cure\n";
        let (found, problems) = check(&engine(), &Config::default(), None, text);
        assert_eq!(found, [hit("TST001", 11, 1, None)]);
        assert!(problems.errors.is_empty());
        assert_eq!(
            problems.warnings,
            ["line 2: carelint.allow names `NOPE`, which is no rule id, id prefix or category: it suppresses nothing"]
        );
    }

    #[test]
    fn suppressions_without_a_reason_or_that_silence_nothing_are_warned_about() {
        let text = "<!-- carelint-disable-next-line TST001 -->\nmiracle cure\n\
                    <!-- carelint-disable-next-line TST002 -- the ticket desk -->\nnothing here\n\
                    <!-- carelint-disable-next-line NOPE -- a typo -->\nnothing\n";
        let (found, problems) = check(&engine(), &Config::default(), None, text);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            problems.warnings,
            [
                "line 5: carelint-disable-next-line names `NOPE`, which is no rule id, id prefix or category: it \
                 suppresses nothing",
                "line 1: [CL101 suppression-without-reason] carelint-disable-next-line `TST001` gives no reason; \
                 write one after `--`",
                "line 3: [CL100 unused-suppression] carelint-disable-next-line `TST002` suppresses nothing here: \
                 remove it",
            ]
        );
        let options = FileOptions { source_lines: false, inline_suppressions: false };
        let checked = check_file(&engine(), &Config::default(), None, text.to_string(), options).unwrap();
        assert_eq!(checked.findings.len(), 1, "--no-inline-suppressions reports what the comment silenced");
        assert!(checked.suppressed.is_empty());
    }

    #[test]
    fn silenced_findings_are_kept_with_their_suppression() {
        let text =
            "intro\n<!-- carelint-disable-next-line TST002 -- the ticket desk -->\nTCK-123456 and miracle cure\n";
        let options = FileOptions { source_lines: false, inline_suppressions: true };
        let checked = check_file(&engine(), &Config::default(), None, text.to_string(), options).unwrap();
        assert_eq!(checked.findings.len(), 1);
        let silenced = &checked.suppressed[0];
        assert_eq!(
            (silenced.by, silenced.line, silenced.reason.as_deref()),
            ("carelint-disable-next-line", 2, Some("the ticket desk"))
        );
        assert_eq!(silenced.finding.excerpt(false), "***-****56", "a silenced identifier is still masked");
        assert!(silenced.finding.fix.is_none());
    }

    #[test]
    fn overrides_apply_to_the_paths_they_match() {
        let config = Config::parse(
            Path::new("/repo/carelint.toml"),
            "[[overrides]]\npaths = [\"archive/**\"]\nignore = [\"TST001\"]\n\n\
             [[overrides]]\npaths = [\"phi-only/**\"]\nselect = [\"phi\"]\n",
        )
        .unwrap();
        let text = "miracle cure TCK-123456\n";
        let ids = |path: &str| {
            let (found, _) = check(&engine(), &config, Some(path), text);
            found.into_iter().map(|(id, ..)| id).collect::<Vec<_>>()
        };
        assert_eq!(ids("/repo/posts/a.md"), ["TST001", "TST002"]);
        assert_eq!(ids("/repo/archive/a.md"), ["TST002"]);
        assert_eq!(ids("/repo/phi-only/a.md"), ["TST002"]);
        // unnamed stdin has no path, so no override applies
        let (found, _) = check(&engine(), &config, None, text);
        assert_eq!(found.len(), 2);
    }
}
