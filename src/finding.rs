//! What a check produces: findings with their exact place in the file, and the fixes that go with them.

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most serious, so `>=` compares against `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether `--fix` may apply a fix without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// One replacement of the bytes `start..end` of the file (an insertion when `start == end`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A suggested change that resolves a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub description: String,
    pub edits: Vec<Edit>,
}

/// A 1-based line and column; columns count Unicode characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem found in one file.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Index of the rule in the engine's active rules.
    pub rule: usize,
    /// Byte range in the file as it is on disk.
    pub start: usize,
    pub end: usize,
    pub begin_pos: Position,
    /// One past the last character.
    pub end_pos: Position,
    /// The matched text, exactly as in the file. Never print it without going through redaction.
    pub matched: String,
    /// The whole line (without its line break, and without a byte-order mark) on which the finding starts, for
    /// human output (empty when the run does not keep source lines). Columns are positions in it.
    pub source_line: String,
    /// The row of a content calendar (1-based, header excluded) the finding is in, if the file is one.
    pub row: Option<usize>,
    /// The first and last line of the post the finding is in (a calendar row's lines; a whole post file), for
    /// `--changed-since` to tell whether the post changed.
    pub post_lines: (usize, usize),
    /// `matched` with every identifier found in the post masked (see `text::redact`), where that changes it.
    /// Reports show this unless matches are to be shown.
    pub shown: Option<String>,
    /// `source_line` masked the same way, where that changes it.
    pub source_line_shown: Option<String>,
    /// Where `source_line` starts in the checked text (before any re-encoding of offsets), and its column: a
    /// calendar row's source line is the part of the line that belongs to the row.
    pub source_line_start: usize,
    pub source_line_column: usize,
    /// Further places in the same paragraph where the same rule matched: one finding per rule per paragraph.
    pub related: Vec<Related>,
    /// For a frame rule: the words that filled each slot (empty for other rules).
    pub slots: Vec<SlotFill>,
    pub fix: Option<Fix>,
    /// The severity of this finding when it is not its rule's: a compliance sign-off lowers it to `info`.
    pub severity: Option<Severity>,
    /// What this finding adds to its rule's message (a consent-registry verdict, a sign-off); it never holds
    /// matched text.
    pub note: Option<String>,
}

/// The filler of one slot of a frame rule's match: the slot's name and where its words are.
#[derive(Clone, Debug)]
pub struct SlotFill {
    pub slot: String,
    pub place: Related,
}

/// Another place where a finding's rule matched, reported with it.
#[derive(Clone, Debug)]
pub struct Related {
    pub start: usize,
    pub end: usize,
    pub begin_pos: Position,
    pub end_pos: Position,
    /// The matched text, exactly as in the file. Never print it without going through redaction.
    pub matched: String,
    /// `matched` masked, where that changes it.
    pub shown: Option<String>,
}

impl Finding {
    /// The finding's severity: its own when it has one, else its rule's.
    pub fn severity_or(&self, rule_severity: Severity) -> Severity {
        self.severity.unwrap_or(rule_severity)
    }

    /// The rule's message, followed by the finding's note when it has one.
    pub fn message<'a>(&self, rule_message: &'a str) -> std::borrow::Cow<'a, str> {
        match &self.note {
            Some(note) => format!("{rule_message}: {note}").into(),
            None => rule_message.into(),
        }
    }

    /// The matched text as a report may show it.
    pub fn excerpt(&self, show_matches: bool) -> &str {
        as_shown(&self.matched, &self.shown, show_matches)
    }

    /// The source line as a report may show it.
    pub fn line(&self, show_matches: bool) -> &str {
        as_shown(&self.source_line, &self.source_line_shown, show_matches)
    }
}

#[cfg(test)]
impl Finding {
    /// A finding of `rule` over `matched`, at the start of line `line` of a one-line post, with nothing else found,
    /// masked or fixed: the base that unit tests adjust with struct-update syntax.
    pub fn bare(rule: usize, line: usize, matched: &str) -> Finding {
        let at = Position { line, column: 1 };
        Finding {
            rule,
            start: 0,
            end: matched.len(),
            begin_pos: at,
            end_pos: at,
            matched: matched.to_string(),
            source_line: String::new(),
            row: None,
            post_lines: (line, line),
            shown: None,
            source_line_shown: None,
            source_line_start: 0,
            source_line_column: 1,
            related: Vec::new(),
            slots: Vec::new(),
            fix: None,
            severity: None,
            note: None,
        }
    }
}

impl Related {
    /// The matched text as a report may show it.
    pub fn excerpt(&self, show_matches: bool) -> &str {
        as_shown(&self.matched, &self.shown, show_matches)
    }
}

/// The text itself when matches are shown, else its masked form (which exists only where masking changes it).
fn as_shown<'a>(text: &'a str, masked: &'a Option<String>, show_matches: bool) -> &'a str {
    match masked {
        Some(masked) if !show_matches => masked,
        _ => text,
    }
}

/// A file that could not be read or decoded; the run goes on without it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// The findings of one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub path: String,
    pub findings: Vec<Finding>,
    /// Findings that a suppression in the post silenced, kept for an audit of what was suppressed and why (the JSON
    /// and SARIF reports list them); they never count towards the exit code.
    pub suppressed: Vec<Suppressed>,
}

/// A finding that a suppression silenced, with the suppression that did.
#[derive(Clone, Debug)]
pub struct Suppressed {
    pub finding: Finding,
    /// What silenced it: `carelint.allow` (front matter) or the directive (`carelint-disable-next-line`, ...).
    pub by: &'static str,
    /// The 1-based line of the suppression.
    pub line: usize,
    /// The reason written with it (after `--` in a comment, `reason:` in front matter); `None` when it gives none.
    pub reason: Option<String>,
    /// `reason` with every identifier found in the post masked, where that changes it: a reason may repeat the very
    /// number it excuses.
    pub masked_reason: Option<String>,
}

impl Suppressed {
    /// The reason as reports show it: masked unless matches are shown.
    pub fn reason(&self, show_matches: bool) -> Option<&str> {
        self.reason.as_deref().map(|reason| as_shown(reason, &self.masked_reason, show_matches))
    }
}

/// What one run did besides its findings (which go to the report file by file).
#[derive(Clone, Debug, Default)]
pub struct RunReport {
    /// Inputs read and checked; not those whose every post `--published-only` left out.
    pub files_scanned: usize,
    /// Posts that `--published-only` left out (no publish date, or a later one than today or `--as-of`).
    pub posts_left_out: usize,
    /// Inputs that could not be read or parsed, in input order (the command line merges them with the paths it
    /// could not walk and sorts them by path).
    pub errors: Vec<InputError>,
    /// Problems that do not fail the run (a suppression that names no rule), in input order.
    pub warnings: Vec<InputError>,
    /// The files `--fix` rewrote, in input order; `None` when the run does not fix.
    pub fixed: Option<Vec<FixedFile>>,
    /// How many findings a baseline left out of the report (`--baseline`, or all of them with `--write-baseline`);
    /// `None` when the run has no baseline.
    pub baselined: Option<usize>,
    /// What `--diff` (a unified diff) or a fix of stdin (the whole fixed post) prints, file by file in input order.
    pub previews: Vec<FixPreview>,
}

/// The text `--diff` or `--fix` on stdin prints for one input, in place of writing it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixPreview {
    pub path: String,
    /// The diff, or the fixed post in its own encoding.
    pub bytes: Vec<u8>,
    /// How many edits the fixes make.
    pub edits: usize,
}

/// A file `--fix` rewrote: its display path and how many edits it received.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FixedFile {
    pub path: String,
    pub edits: usize,
}
