//! Synthetic findings for the formats' unit tests: reports built in code and written to memory, so that each format
//! is tested without matching or reading files.

use super::{Format, Output, Report, Totals};
use crate::finding::{
    Applicability, Edit, FileReport, Finding, Fix, FixedFile, InputError, Position, Related, RunReport,
};
use crate::rules::{Rule, Ruleset};
use crate::text::redact;

/// One rule of each severity; the first finds identifiers, which reports mask.
const RULES: &str = r#"
[[rules]]
id = "TST001"
name = "ticket-number"
category = "phi"
severity = "error"
message = "Ticket number in a post"
pattern = '\bTN-[0-9]{6}\b'
redact = true

[[rules]]
id = "TST002"
name = "wonder-pill"
category = "misinformation"
severity = "warning"
message = "Wonder-pill language"
phrases = ["wonder pill"]

[[rules]]
id = "TST003"
name = "exclamation"
category = "style"
severity = "info"
message = "An exclamation, with a comma: and a colon"
phrases = ["wow"]
"#;

/// Indexes of the rules in `rules()`.
pub const ERROR: usize = 0;
pub const WARNING: usize = 1;
pub const INFO: usize = 2;

/// A ticket number, as found and as reports may show it.
pub const TICKET: &str = "TN-123456";
pub const TICKET_MASKED: &str = "**-****56";

pub fn rules() -> Vec<Rule> {
    let mut set = Ruleset::default();
    set.add_file("test.toml", RULES).expect("the test rules are valid");
    set.resolve().expect("the test rules resolve").rules
}

/// A finding of `rule` on `source_line` at the first occurrence of `matched`, with that line's number; an
/// identifier (a finding of `ERROR`) is masked as the check would mask it.
pub fn finding(rule: usize, line: usize, source_line: &str, matched: &str) -> Finding {
    let at = source_line.find(matched).expect("the match is on its line");
    let column = source_line[..at].chars().count() + 1;
    let width = matched.chars().count();
    let masked = (rule == ERROR).then(|| redact::mask(matched));
    Finding {
        start: at,
        end: at + matched.len(),
        begin_pos: Position { line, column },
        end_pos: Position { line, column: column + width },
        source_line: source_line.to_string(),
        post_lines: (1, line),
        source_line_shown: masked.as_ref().map(|m| source_line.replace(matched, m)),
        shown: masked,
        ..Finding::bare(rule, line, matched)
    }
}

/// Another place where a finding's rule matched, masked like `finding` masks it.
pub fn related(rule: usize, line: usize, column: usize, matched: &str) -> Related {
    let end = Position { line, column: column + matched.chars().count() };
    Related {
        start: 10 * line + column,
        end: 10 * line + column + matched.len(),
        begin_pos: Position { line, column },
        end_pos: end,
        matched: matched.to_string(),
        shown: (rule == ERROR).then(|| redact::mask(matched)),
    }
}

/// A safe fix that replaces the finding's match.
fn redacting_fix(finding: &Finding) -> Fix {
    Fix {
        applicability: Applicability::Safe,
        description: "replace the ticket number with [redacted]".to_string(),
        edits: vec![Edit { start: finding.start, end: finding.end, replacement: "[redacted]".to_string() }],
    }
}

/// Two files with findings of every severity, one identifier with a related place and a fix.
pub fn sample_files() -> Vec<FileReport> {
    let line = format!("Call about {TICKET} and {TICKET} today");
    let mut ticket = finding(ERROR, 3, &line, TICKET);
    ticket.related.push(related(ERROR, 3, 25, TICKET));
    ticket.fix = Some(redacting_fix(&ticket));
    let pill = finding(WARNING, 4, "Try this wonder pill", "wonder pill");
    let wow = finding(INFO, 2, "wow", "wow");
    vec![
        FileReport { path: "posts/a.md".to_string(), findings: vec![ticket, pill], suppressed: Vec::new() },
        FileReport { path: "posts/clean.md".to_string(), findings: Vec::new(), suppressed: Vec::new() },
        FileReport { path: "posts/my b,1.md".to_string(), findings: vec![wow], suppressed: Vec::new() },
    ]
}

/// A run over `sample_files` and two more files: one could not be read, one has a suppression that names no rule.
pub fn run_with_problems(fixed: Option<Vec<FixedFile>>) -> RunReport {
    let problem = |path: &str, message: &str| InputError { path: path.to_string(), message: message.to_string() };
    RunReport {
        files_scanned: 4,
        posts_left_out: 0,
        errors: vec![problem("missing.md", "no such file or directory")],
        warnings: vec![problem("posts/typo.md", "line 1: carelint-disable names `XYZ`, which is no rule id")],
        fixed,
        baselined: None,
        previews: Vec::new(),
    }
}

/// What a report wrote on each stream (colours removed), and its counts.
pub struct Written {
    pub out: String,
    pub err: String,
    pub totals: Totals,
}

/// Writes `files` and ends with `run`, as `carelint check` would.
pub fn write(format: Format, show_matches: bool, files: Vec<FileReport>, run: &RunReport) -> Written {
    let rules = rules();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut output =
        Output::new(format, Report { rules: &rules, show_matches, ..Report::default() }, &mut out, &mut err);
    for file in files {
        output.file(file);
    }
    let totals = output.finish(run).expect("writing to memory does not fail");
    let plain = |bytes: Vec<u8>| anstream::adapter::strip_str(&String::from_utf8(bytes).unwrap()).to_string();
    Written { out: plain(out), err: plain(err), totals }
}
