//! Rulesets: loading TOML files, validating every rule, merging files and resolving shared lists.
//! The result is plain data; `engine` compiles it for matching.

mod aliases;
mod embedded;
mod schema;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Deserialize;

pub use crate::matching::context::Context;
pub use crate::matching::document::DocumentCondition;
use crate::matching::lexicon::{self, Lexicon};
pub use crate::matching::Matcher;
use crate::matching::{limits, lists, Invalid, ListRefs};
pub use aliases::{Aliases, Renames};
pub use schema::FixAction;
use schema::{RawFile, RawRule};

use crate::finding::{Applicability, Severity};
use crate::text::lines::{self, LineCounter};

/// The default ruleset, embedded in the binary: (file name, contents), in the order the files are merged. The list
/// is in `build.rs`, which also works out the gates of these files' patterns.
pub const DEFAULT_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_files.rs"));

/// Where a rule was defined, for error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
    /// Line of the rule's matcher key (`pattern`, `phrases`, `limit`...), for errors about what it matches.
    pub matcher_line: usize,
    /// Part of the embedded default ruleset: its patterns were checked by the test suite, so they are not parsed
    /// again at every start (the big ones take milliseconds each).
    pub embedded: bool,
}

/// How a rule proposes to fix what it finds.
#[derive(Clone, Debug)]
pub struct FixSpec {
    pub action: FixAction,
    pub text: Option<String>,
    pub applicability: Applicability,
    pub description: String,
}

#[derive(Clone, Debug, Default)]
pub struct Examples {
    pub flag: Vec<String>,
    pub pass: Vec<String>,
}

/// One validated rule.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    /// Ids the rule had before it was split, merged or renamed; selectors and suppressions naming them still work.
    pub aliases: Aliases,
    pub name: String,
    pub category: String,
    pub severity: Severity,
    pub message: String,
    pub summary: String,
    pub description: Option<String>,
    pub why: Option<String>,
    pub references: Vec<String>,
    pub source: Option<String>,
    pub as_of: Option<String>,
    pub notes: Option<String>,
    pub matcher: Matcher,
    pub whole_word: bool,
    /// Matched text is an identifier: mask it in reports.
    pub redact: bool,
    /// Whether the practice's `[allow]` list (its own phone, address, ...) may silence a finding. Not for secrets: a
    /// password or an admin link on the practice's own domain is still a secret.
    pub allowlist: bool,
    /// Not selected for this run, but run anyway so that the identifiers it finds are masked in the excerpts of other
    /// findings; it never reports a finding of its own (see `policy::active_rules`).
    pub mask_only: bool,
    pub context: Context,
    pub document: DocumentCondition,
    pub fix: Option<FixSpec>,
    pub no_fix: Option<String>,
    pub examples: Examples,
    pub origin: Origin,
}

/// A ruleset error: the file, the line, the rule and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesetError {
    pub file: String,
    pub line: Option<usize>,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RulesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, ": rule {rule}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RulesetError {}

impl Rule {
    /// Every phrase the rule lists, lists written out: its matcher's (expanded when the ruleset resolves), its
    /// context words and its post markers (whose `@list` items stay references, read here through `words`).
    pub fn phrases<'a>(&'a self, words: SharedWords<'a>) -> impl Iterator<Item = &'a String> {
        let (ctx, doc) = (&self.context, &self.document);
        let conditions = ctx.any.iter().chain(&ctx.none).chain(&doc.any).chain(&doc.unless_any);
        self.matcher.phrases().iter().chain(conditions.flat_map(move |p| words.expand(p)))
    }
}

/// The merged rules of all loaded files, with the shared lists, lexicons and post-kind cues.
#[derive(Clone, Debug, Default)]
pub struct Ruleset {
    pub rules: Vec<Rule>,
    pub lists: BTreeMap<String, Vec<String>>,
    /// By name; a frame refers to a lexicon by its index in this order.
    pub lexicons: BTreeMap<String, Lexicon>,
    pub kinds: BTreeMap<String, Vec<String>>,
    /// The text of each ruleset file read from disk, in the order loaded: the audit digest hashes exactly what was
    /// loaded (reading a file again could hash an edit made after the rules were built).
    pub file_texts: Vec<String>,
}

impl Ruleset {
    /// The embedded default ruleset.
    pub fn default_rules() -> Result<Ruleset, RulesetError> {
        // the files parse on two threads (a few milliseconds of a one-post check), then merge in their order
        // each from the form build.rs pre-read, else from its TOML (which reports what is wrong)
        let parse = |files: &[((&str, &str), Option<&str>)]| -> Vec<Result<Ruleset, RulesetError>> {
            let one = |&((name, text), json): &((&str, &str), Option<&str>)| {
                json.and_then(|json| embedded::parse(name, json)).map_or_else(|| Ruleset::parse(name, text, true), Ok)
            };
            files.iter().map(one).collect()
        };
        let files: Vec<_> = DEFAULT_FILES.iter().copied().zip(embedded::PREPARSED.iter().copied()).collect();
        let (first, second) = files.split_at(files.len() / 2);
        let parsed = std::thread::scope(|scope| {
            let later = scope.spawn(|| parse(second));
            let mut parsed = parse(first);
            parsed.extend(later.join().expect("parsing the default rules does not panic"));
            parsed
        });
        let mut set = Ruleset::default();
        for file in parsed {
            set.merge(file?);
        }
        Ok(set)
    }

    /// Parses and validates one file and merges it: a rule whose id is already known from another file replaces
    /// it, lists and kind cues of the same name replace earlier ones. List references are resolved by `resolve`.
    pub fn add_file(&mut self, file: &str, text: &str) -> Result<(), RulesetError> {
        self.add(file, text, false)
    }

    fn add(&mut self, file: &str, text: &str, embedded: bool) -> Result<(), RulesetError> {
        self.merge(Ruleset::parse(file, text, embedded)?);
        Ok(())
    }

    /// Merges a later file: its rules replace those of the same id, its lists, kinds and lexicons those of the same
    /// name.
    fn merge(&mut self, later: Ruleset) {
        self.lists.extend(later.lists);
        self.kinds.extend(later.kinds);
        self.lexicons.extend(later.lexicons);
        for rule in later.rules {
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => *existing = rule,
                None => self.rules.push(rule),
            }
        }
    }

    /// One file, parsed and validated on its own.
    fn parse(file: &str, text: &str, embedded: bool) -> Result<Ruleset, RulesetError> {
        let mut set = Ruleset::default();
        let raw: RawFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        set.lists.extend(raw.lists);
        set.kinds.extend(raw.kinds);
        for (name, spanned) in raw.lexicons {
            let line = lines::line_of(text, spanned.span().start);
            let fail = |message: String| RulesetError {
                file: file.to_string(),
                line: Some(line),
                rule: None,
                message: format!("lexicon `{name}`: {message}"),
            };
            if !lexicon::is_name(&name) {
                return Err(fail("a lexicon name may only contain letters, digits, '_' and '-'".into()));
            }
            let lexicon = Lexicon::validate(spanned.into_inner()).map_err(fail)?;
            if !embedded {
                limits::check_phrases(lexicon.forms.iter()).map_err(fail)?;
            }
            set.lexicons.insert(name, lexicon);
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        // rules come in file order: their lines are counted on from the one before, not from the start
        let lines = LineCounter::new(text);
        for spanned in raw.rules {
            let span = spanned.span();
            let line = lines.line_of(span.start);
            let raw_rule = spanned.into_inner();
            if let Some(first) = seen.insert(raw_rule.id.clone(), line) {
                return Err(RulesetError {
                    file: file.to_string(),
                    line: Some(line),
                    rule: Some(raw_rule.id),
                    message: format!("duplicate rule id (first defined on line {first})"),
                });
            }
            let line_of_key = |key: &str| key_line(&lines, text, span.clone(), key).unwrap_or(line);
            let matcher_line = raw_rule.matcher.main_key().and_then(|k| key_line(&lines, text, span.clone(), k));
            let origin = Origin { file: file.to_string(), line, matcher_line: matcher_line.unwrap_or(line), embedded };
            set.rules.push(validate(raw_rule, origin, line_of_key)?);
        }
        Ok(set)
    }

    /// Expands `@list` references in every phrase field; an unknown list is an error of the rule that names it.
    pub fn resolve(mut self) -> Result<Ruleset, RulesetError> {
        let words = SharedWords { kinds: &self.kinds, lexicons: &self.lexicons, lists: &self.lists };
        let lexicon_ids: HashMap<&str, u32> = self.lexicons.keys().zip(0..).map(|(k, i)| (k.as_str(), i)).collect();
        for rule in &mut self.rules {
            let fail = |message: String| RulesetError {
                file: rule.origin.file.clone(),
                line: Some(rule.origin.matcher_line),
                rule: Some(rule.id.clone()),
                message,
            };
            let refs = Lists { words, lexicon_ids: &lexicon_ids, check_patterns: !rule.origin.embedded };
            rule.matcher.expand_lists(&refs).map_err(fail)?;
            rule.document.expand_lists(&refs).map_err(fail)?;
            // the conditions keep their references: the engine owns a list's phrases once for every rule that
            // names it (expanding them here copied some 55,000 strings of the default rules at every start)
            let (ctx, doc) = (&mut rule.context, &mut rule.document);
            for items in [&mut ctx.any, &mut ctx.none, &mut doc.any, &mut doc.unless_any] {
                check_refs(items, |name| refs.items(name)).map_err(|name| fail(refs.unknown(&name)))?;
            }
            // the embedded rules are within the limits (a test checks them), so start-up does not count again
            if !rule.origin.embedded {
                limits::check_phrases(rule.phrases(words)).map_err(fail)?;
            }
        }
        // a kind's cues may be a lexicon's forms, so that frames and the kind read one word list
        let mut kinds = std::mem::take(&mut self.kinds);
        for (kind, cues) in &mut kinds {
            let fail = |message: String| RulesetError { file: "ruleset".into(), line: None, rule: None, message };
            expand_lists(cues, |name| self.words().items(name))
                .map_err(|name| fail(format!("kind `{kind}` names an unknown list `@{name}`")))?;
            limits::check_phrases(cues.iter()).map_err(|e| fail(format!("kind `{kind}`: {e}")))?;
        }
        self.kinds = kinds;
        aliases::check(&self.rules)?;
        check_yields(&self.rules)?;
        Ok(self)
    }
}

/// Expands `{{TEXT*N}}` in an example to TEXT repeated N times, so that length-limit rules can have examples
/// without pages of filler in the ruleset.
pub fn expand_example(example: &str) -> String {
    let mut out = String::with_capacity(example.len());
    let mut rest = example;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}").map(|c| open + c) else { break };
        let inner = &rest[open + 2..close];
        match inner.rsplit_once('*').and_then(|(text, n)| Some((text, n.trim().parse::<usize>().ok()?))) {
            Some((text, n)) => {
                out.push_str(&rest[..open]);
                out.push_str(&text.repeat(n));
            }
            None => out.push_str(&rest[..close + 2]),
        }
        rest = &rest[close + 2..];
    }
    out.push_str(rest);
    out
}

/// The shared lists and lexicons as a rule's matcher expands its references.
struct Lists<'a> {
    words: SharedWords<'a>,
    /// Each lexicon's index by name (frames name thousands of slots; a search of the names took 2 % of a one-post
    /// check).
    lexicon_ids: &'a HashMap<&'a str, u32>,
    /// Check an expanded pattern against the engine's bounds (not for the embedded rules: a test does).
    check_patterns: bool,
}

impl Lists<'_> {
    fn items(&self, name: &str) -> Option<&[String]> {
        self.words.items(name)
    }

    fn unknown(&self, name: &str) -> String {
        let SharedWords { lists, lexicons, .. } = self.words;
        let known: Vec<String> = lists.keys().chain(lexicons.keys()).map(|k| format!("@{k}")).collect();
        format!("unknown list `@{name}`; known lists and lexicons: {}", known.join(", "))
    }
}

impl ListRefs for Lists<'_> {
    fn expand_items(&self, items: &mut Vec<String>) -> Result<(), String> {
        expand_lists(items, |name| self.items(name)).map_err(|name| self.unknown(&name))
    }

    fn expand_pattern(&self, pattern: &str) -> Result<String, String> {
        let expanded = lists::replace_refs(pattern, |name| self.items(name).map(lists::alternation))
            .map_err(|name| format!("pattern names an unknown list `@{{{name}}}`"))?;
        if self.check_patterns {
            limits::check_pattern(&expanded).map_err(|e| format!("after expanding lists: {e}"))?;
        }
        Ok(expanded)
    }

    fn lexicon(&self, name: &str) -> Option<u32> {
        self.lexicon_ids.get(name).copied()
    }

    fn lexicon_names(&self) -> Vec<String> {
        self.words.lexicons.keys().cloned().collect()
    }
}

/// Checks that each rule a `yields_to` names is in the ruleset (by id or old id): a misspelt id would silently yield
/// to nothing.
fn check_yields(rules: &[Rule]) -> Result<(), RulesetError> {
    let known = |id: &str| {
        rules.iter().any(|r| r.id.eq_ignore_ascii_case(id) || r.aliases.ids.iter().any(|a| a.eq_ignore_ascii_case(id)))
    };
    for rule in rules {
        if let Some(unknown) = rule.context.yields_to.iter().find(|id| !known(id)) {
            return Err(RulesetError {
                file: rule.origin.file.clone(),
                line: Some(rule.origin.line),
                rule: Some(rule.id.clone()),
                message: format!("`yields_to` names `{unknown}`, which is no rule of the ruleset"),
            });
        }
    }
    Ok(())
}

/// Checks that each `@name` item names a list or lexicon, and drops those that name an empty list (which, expanded,
/// added nothing: an `any` of only such references is no condition).
fn check_refs<'a>(items: &mut Vec<String>, lookup: impl Fn(&str) -> Option<&'a [String]>) -> Result<(), String> {
    let mut unknown = None;
    items.retain(|item| match list_ref(item) {
        Some(name) => match lookup(name) {
            Some(found) => !found.is_empty(),
            None => {
                unknown.get_or_insert_with(|| name.to_string());
                true
            }
        },
        None => true,
    });
    unknown.map_or(Ok(()), Err)
}

/// The list or lexicon an item names (`@staff`), if it is a reference.
pub fn list_ref(item: &str) -> Option<&str> {
    item.strip_prefix('@').filter(|name| lexicon::is_name(name))
}

/// The ruleset's shared words as the engine reads them: post-kind cues, lexicons, and the plain lists that rule
/// conditions name (`context = { any = ["@staff"] }` keeps its reference; see `Ruleset::resolve`).
#[derive(Clone, Copy)]
pub struct SharedWords<'a> {
    pub kinds: &'a BTreeMap<String, Vec<String>>,
    pub lexicons: &'a BTreeMap<String, Lexicon>,
    pub lists: &'a BTreeMap<String, Vec<String>>,
}

impl<'a> SharedWords<'a> {
    /// What `@name` stands for: a list's items, or else a lexicon's forms.
    pub fn items(&self, name: &str) -> Option<&'a [String]> {
        self.lists.get(name).or_else(|| self.lexicons.get(name).map(|l| &l.forms)).map(Vec::as_slice)
    }

    /// The phrases an item stands for: a reference's items, or the item itself.
    pub fn expand<'b>(&self, item: &'b String) -> &'b [String]
    where
        'a: 'b,
    {
        match list_ref(item) {
            Some(name) => self.items(name).unwrap_or_default(),
            None => std::slice::from_ref(item),
        }
    }
}

impl Ruleset {
    /// Its shared words, for an engine.
    pub fn words(&self) -> SharedWords<'_> {
        SharedWords { kinds: &self.kinds, lexicons: &self.lexicons, lists: &self.lists }
    }
}

/// Replaces each `@name` item with what `lookup` gives for the name (a list of thousands of plain phrases is left
/// as it is).
fn expand_lists<'a>(items: &mut Vec<String>, lookup: impl Fn(&str) -> Option<&'a [String]>) -> Result<(), String> {
    if !items.iter().any(|i| list_ref(i).is_some()) {
        return Ok(());
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match list_ref(&item) {
            Some(name) => out.extend(lookup(name).ok_or_else(|| name.to_string())?.iter().cloned()),
            None => out.push(item),
        }
    }
    *items = out;
    Ok(())
}

/// Checks one rule and turns it into a `Rule`. `line_of_key` finds the line of a key inside the rule's table.
fn validate(raw: RawRule, origin: Origin, line_of_key: impl Fn(&str) -> usize) -> Result<Rule, RulesetError> {
    let fail = |key: &str, message: String| RulesetError {
        file: origin.file.clone(),
        line: Some(if key.is_empty() { origin.line } else { line_of_key(key) }),
        rule: Some(raw.id.clone()),
        message,
    };
    if !is_valid_id(&raw.id) {
        return Err(fail("id", "an id may only contain letters, digits, '-' and '_'".into()));
    }
    // the line of the key is only read by errors about an alias: no search for a rule without one
    let aliases_line = if raw.aliases.is_empty() { origin.line } else { line_of_key("aliases") };
    let aliases = Aliases::validate(raw.aliases, &raw.id, aliases_line).map_err(|m| fail("aliases", m))?;
    if raw.name.is_empty() || !raw.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(fail("name", format!("name `{}` is not kebab-case (a-z, 0-9, '-')", raw.name)));
    }
    if raw.category.is_empty()
        || !raw.category.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(fail("category", format!("category `{}` must be a lower-case word", raw.category)));
    }
    if raw.message.trim().is_empty() {
        return Err(fail("message", "message is empty".into()));
    }
    let invalid = |e: Invalid| fail(e.key, e.message);
    let matcher = raw.matcher.validate(origin.embedded).map_err(invalid)?;
    let context = Context::validate(raw.context).map_err(invalid)?;
    let document = DocumentCondition::validate(raw.document).map_err(invalid)?;
    let fix = match raw.fix {
        None => None,
        Some(fix) => {
            let needs_text = matches!(fix.action, FixAction::Replace | FixAction::Prepend | FixAction::Append);
            if needs_text && fix.text.as_deref().is_none_or(str::is_empty) {
                return Err(fail("action", "this fix action needs a `text`".into()));
            }
            let applicability = fix_safety(fix.action, fix.applicability).map_err(|m| fail("applicability", m))?;
            let description = fix.description.unwrap_or_else(|| default_fix_description(fix.action, &fix.text));
            Some(FixSpec { action: fix.action, text: fix.text, applicability, description })
        }
    };
    if fix.is_some() && raw.no_fix.is_some() {
        return Err(fail("no_fix", "a rule has either a `fix` or a `no_fix` reason, not both".into()));
    }
    let examples = raw.examples.unwrap_or_default();
    let redact = raw.redact.unwrap_or(raw.category == "phi");
    Ok(Rule {
        summary: raw.summary.unwrap_or_else(|| raw.message.clone()),
        id: raw.id,
        aliases,
        name: raw.name,
        category: raw.category,
        severity: raw.severity,
        message: raw.message,
        description: raw.description,
        why: raw.why,
        references: raw.references,
        source: raw.source,
        as_of: raw.as_of,
        notes: raw.notes,
        matcher,
        whole_word: raw.whole_word.unwrap_or(true),
        redact,
        allowlist: raw.allowlist.unwrap_or(true),
        mask_only: false,
        context,
        document,
        fix,
        no_fix: raw.no_fix,
        examples: Examples { flag: examples.flag, pass: examples.pass },
        origin,
    })
}

/// Whether `id` may be a rule id (or an old one): letters, digits, '-' and '_'.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A fix's safety: as declared, else by its action. Only a redaction or a removal can keep what a post says (an
/// identifier taken out); text that a fix adds or puts in place of the match (a disclosure, a typical-results line,
/// a rewording) changes what the post says, so declaring such a fix `safe` is refused.
fn fix_safety(action: FixAction, declared: Option<Applicability>) -> Result<Applicability, String> {
    let adds_text = matches!(action, FixAction::Replace | FixAction::Prepend | FixAction::Append);
    match declared {
        Some(Applicability::Safe) if adds_text => Err(format!(
            "a `{}` fix adds or rewords text, which changes what the post says: its applicability can only be \
             `unsafe` (applied with --unsafe-fixes)",
            action.name()
        )),
        Some(declared) => Ok(declared),
        None if action == FixAction::Redact => Ok(Applicability::Safe),
        None => Ok(Applicability::Unsafe),
    }
}

fn default_fix_description(action: FixAction, text: &Option<String>) -> String {
    let text = text.as_deref().unwrap_or("").trim();
    match action {
        FixAction::Redact => "redact the identifier".into(),
        FixAction::Remove => "remove the text".into(),
        FixAction::Replace => format!("replace with \"{text}\""),
        FixAction::Prepend => format!("add \"{text}\" at the start of the post"),
        FixAction::Append => format!("add \"{text}\" at the end of the post"),
    }
}

/// Turns a TOML syntax or schema error into a ruleset error with its line and, when the error is inside a rule,
/// that rule's id.
fn toml_error(file: &str, text: &str, err: &toml::de::Error) -> RulesetError {
    let offset = err.span().map(|s| s.start);
    RulesetError {
        file: file.to_string(),
        line: offset.map(|o| lines::line_of(text, o)),
        rule: offset.and_then(|o| rule_id_at(text, o)),
        message: err.message().trim().to_string(),
    }
}

/// The id of the `[[rules]]` table that contains byte `offset`, found with a lenient second parse (which accepts
/// unknown keys, so it succeeds on a file whose only problem is one).
fn rule_id_at(text: &str, offset: usize) -> Option<String> {
    #[derive(Deserialize)]
    struct Loose {
        #[serde(default)]
        rules: Vec<toml::Spanned<LooseRule>>,
    }
    #[derive(Deserialize)]
    struct LooseRule {
        id: Option<toml::Value>,
    }
    let loose: Loose = toml::from_str(text).ok()?;
    // a rule's span is its `[[rules]]` header; its keys follow, up to the next rule
    loose.rules.into_iter().take_while(|r| r.span().start <= offset).last().and_then(|r| match r.into_inner().id {
        Some(toml::Value::String(s)) => Some(s),
        _ => None,
    })
}

/// The line on which `key = ` appears in the rule that starts at `span` (its `[[rules]]` header: the rule's keys
/// follow it, up to the next line that opens a table array). Substring searches, not a walk over every line: this
/// runs for every rule of every start-up, and the walk was 5% of a one-post check.
fn key_line(lines: &LineCounter, text: &str, span: std::ops::Range<usize>, key: &str) -> Option<usize> {
    let rule = text.get(span.start..)?;
    // only spaces and tabs between the start of its line and `at`: look back no further than the first other byte,
    // so a long line full of `[[` costs its length once, not once a bracket
    let opens_line = |at: usize| {
        let before = rule.as_bytes()[..at].iter().rev().find(|&&b| b != b' ' && b != b'\t');
        before.is_none_or(|&b| b == b'\n' || b == b'\r')
    };
    let header_len = rule.find(['\n', '\r']).unwrap_or(rule.len());
    let end = rule.match_indices("[[").map(|(at, _)| at).find(|&at| at > header_len && opens_line(at));
    let body = &rule[..end.unwrap_or(rule.len())];
    let is_key = |at: usize| opens_line(at) && body[at + key.len()..].trim_start_matches([' ', '\t']).starts_with('=');
    let at = body.match_indices(key).map(|(at, _)| at).find(|&at| at > 0 && is_key(at))?;
    Some(lines.line_of(span.start + at))
}
