//! Resolves the layered configuration (embedded rules, ruleset files, `carelint.toml`, command-line flags) into
//! the one set of active rules a run uses. Scanning code never reads configuration itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::{bail, Context as _};

use crate::config::Config;
use crate::finding::InputError;
use crate::rules::{Renames, Rule, Ruleset};

/// What the command line adds to the configuration file.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub rule_files: Vec<PathBuf>,
    pub no_default_rules: bool,
}

/// Whether a selector (`PHI001`, a prefix such as `PHI` or `MIS0`, a category such as `phi`, or an old id the rule
/// carries as an alias) names a rule. A prefix matches current ids only: old ids are named whole.
pub fn selects(selector: &str, rule: &Rule) -> bool {
    selects_names(selector, &rule.id, &rule.category) || is_alias(selector, rule)
}

/// Whether `name` is one of the rule's old ids (without case, as ids are selected).
fn is_alias(name: &str, rule: &Rule) -> bool {
    rule.aliases.ids.iter().any(|alias| alias.eq_ignore_ascii_case(name.trim()))
}

fn selects_names(selector: &str, id: &str, category: &str) -> bool {
    let s = selector.trim();
    !s.is_empty()
        && (category.eq_ignore_ascii_case(s) || id.get(..s.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(s)))
}

/// Which rules some selectors pick: those `select` names (every rule when it is `None`) and those `extend` names,
/// less those `ignore` names. The one way rules are picked: the run's rules (configuration and command line), a
/// per-path override's and a suppression's are each one of these.
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleSelection<'a> {
    pub select: Option<&'a [String]>,
    pub extend: &'a [String],
    pub ignore: &'a [String],
}

impl<'a> RuleSelection<'a> {
    /// Only the rules `selectors` name (none when it is empty).
    pub fn only(selectors: &'a [String]) -> RuleSelection<'a> {
        RuleSelection { select: Some(selectors), ..RuleSelection::default() }
    }

    /// The rules `selectors` name, or every rule when it names none (a suppression comment without rule ids).
    pub fn named_or_all(selectors: &'a [String]) -> RuleSelection<'a> {
        RuleSelection { select: (!selectors.is_empty()).then_some(selectors), ..RuleSelection::default() }
    }

    pub fn selects(&self, rule: &Rule) -> bool {
        let any = |selectors: &[String]| selectors.iter().any(|s| selects(s, rule));
        (self.select.is_none_or(any) || any(self.extend)) && !any(self.ignore)
    }

    /// Every selector it names, to check each names some rule.
    pub fn selectors(&self) -> impl Iterator<Item = &'a String> {
        self.select.into_iter().flatten().chain(self.extend).chain(self.ignore)
    }
}

/// The names a post may use: the kinds and rules of the whole loaded ruleset, not only the active rules (a post may
/// declare a kind, or suppress a rule, that this run does not select).
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    kinds: BTreeSet<String>,
    /// (id, category) of every rule.
    rules: Vec<(String, String)>,
    /// The old ids the rules carry.
    renames: Renames,
}

impl Vocabulary {
    /// Known kinds: the `[kinds]` table's, and every kind a rule's `kinds` or `unless_kinds` names.
    pub fn new(rules: &[Rule], kinds: &BTreeMap<String, Vec<String>>) -> Vocabulary {
        let mut known: BTreeSet<String> = kinds.keys().cloned().collect();
        for rule in rules {
            known.extend(rule.document.kinds.iter().chain(&rule.document.unless_kinds).cloned());
        }
        let renames = Renames::new(rules);
        let rules = rules.iter().map(|r| (r.id.clone(), r.category.clone())).collect();
        Vocabulary { kinds: known, rules, renames }
    }

    pub fn knows_kind(&self, kind: &str) -> bool {
        self.kinds.contains(kind)
    }

    /// The known kinds, sorted.
    pub fn kinds(&self) -> impl Iterator<Item = &str> {
        self.kinds.iter().map(String::as_str)
    }

    /// Whether a selector (id, id prefix, category or old id) names at least one rule.
    pub fn knows_selector(&self, selector: &str) -> bool {
        self.rules.iter().any(|(id, category)| selects_names(selector, id, category))
            || self.renames.get(selector).is_some()
    }

    /// The old ids of the rules, and which rules carry each.
    pub fn renames(&self) -> &Renames {
        &self.renames
    }
}

/// Loads the default rules (unless switched off), then the configuration's and the command line's ruleset files.
pub fn load_ruleset(config: &Config, selection: &Selection) -> anyhow::Result<Ruleset> {
    let mut set = if selection.no_default_rules { Ruleset::default() } else { Ruleset::default_rules()? };
    for path in config.rules.iter().chain(&selection.rule_files) {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read ruleset", path.display()))?;
        set.add_file(&path.display().to_string(), &text)?;
        set.file_texts.push(text);
    }
    Ok(set.resolve()?)
}

/// The selectors of a run: the command line's `--select` over the configuration's, and both lists of additions and
/// of exclusions.
fn selectors<'a>(config: &'a Config, selection: &'a Selection) -> (Option<&'a [String]>, Vec<String>, Vec<String>) {
    let select = selection.select.as_ref().or(config.select.as_ref()).map(Vec::as_slice);
    let extend = config.extend_select.iter().chain(&selection.extend_select).cloned().collect();
    let ignore = config.ignore.iter().chain(&selection.ignore).cloned().collect();
    (select, extend, ignore)
}

/// Checks that every selector of the configuration and the options, and every id of its `[severity]` table, names a
/// loaded rule.
pub fn check_selection(rules: &[Rule], config: &Config, selection: &Selection) -> anyhow::Result<()> {
    let (select, extend, ignore) = selectors(config, selection);
    let run = RuleSelection { select, extend: &extend, ignore: &ignore };
    for selector in run.selectors() {
        if !rules.iter().any(|r| selects(selector, r)) {
            bail!("unknown rule selector `{selector}`: no rule id, id prefix or category matches it");
        }
    }
    for id in config.severity.keys() {
        if !rules.iter().any(|r| &r.id == id || r.aliases.ids.contains(id)) {
            bail!(
                "{}: [severity] names an unknown rule `{id}`",
                config.path.as_deref().unwrap_or(".".as_ref()).display()
            );
        }
    }
    Ok(())
}

/// The rules that a run uses, taken out of all the loaded ones, with severities overridden by the configuration, in
/// id order, followed by the identifier rules that were not selected, marked `mask_only`. It takes the rules rather
/// than copying them: a rule carries the expanded shared lists of its conditions, and copying the default rules was a
/// twentieth of a one-post check.
pub fn active_rules(rules: Vec<Rule>, config: &Config, selection: &Selection) -> anyhow::Result<Vec<Rule>> {
    check_selection(&rules, config, selection)?;
    let (select, extend, ignore) = selectors(config, selection);
    let run = RuleSelection { select, extend: &extend, ignore: &ignore };
    let (mut chosen, others): (Vec<Rule>, Vec<Rule>) = rules.into_iter().partition(|r| run.selects(r));
    for rule in &mut chosen {
        // the rule's own id wins over an old one it carries
        let named = std::iter::once(&rule.id).chain(&rule.aliases.ids).find_map(|id| config.severity.get(id));
        if let Some(&severity) = named {
            rule.severity = severity;
        }
    }
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    // Identifier rules left out of the selection still run, after the reported ones, only to mask what they find:
    // a run with `--select MIS` must not print an SSN inside a claim's excerpt.
    let mut maskers: Vec<Rule> = others.into_iter().filter(|r| r.redact).collect();
    maskers.sort_by(|a, b| a.id.cmp(&b.id));
    chosen.extend(maskers.into_iter().map(|r| Rule { mask_only: true, ..r }));
    Ok(chosen)
}

/// Where a note says the command line named an old rule id (in place of a file's path).
pub const COMMAND_LINE: &str = "command line";

/// A note for each old rule id (alias) that the configuration or the command line names, saying where and which
/// rules it now stands for: `carelint.toml`, `line 3: rule MIS004 is now MIS040, MIS041`. A run puts them before its
/// own warnings and then keeps one per old id (`one_note_per_alias`).
pub fn alias_notes(set: &Ruleset, config: &Config, selection: &Selection) -> Vec<InputError> {
    let renames = Renames::new(&set.rules);
    let mut notes = Vec::new();
    let file = config.path.as_deref().map_or_else(|| "configuration".to_string(), |p| p.display().to_string());
    let overrides = config.overrides.iter().flat_map(|o| o.select.iter().chain(&o.ignore));
    let in_file = config.select.iter().flatten().chain(&config.extend_select).chain(&config.ignore);
    for name in in_file.chain(config.severity.keys()).chain(overrides) {
        if let Some(note) = renames.note(name) {
            let message = match config.line_of(name) {
                Some(line) => format!("line {line}: {note}"),
                None => note,
            };
            notes.push(InputError { path: file.clone(), message });
        }
    }
    let flags = [
        ("--select", selection.select.as_deref().unwrap_or_default()),
        ("--extend-select", &selection.extend_select),
        ("--ignore", &selection.ignore),
    ];
    for (flag, names) in flags {
        for name in names {
            if let Some(note) = renames.note(name) {
                notes.push(InputError { path: COMMAND_LINE.to_string(), message: format!("{flag} {name}: {note}") });
            }
        }
    }
    notes
}

/// Keeps the first note of each old id among a run's warnings and drops the others: a repository that names an old
/// id in every post gets one note, at the first place (the configuration's come first, then the posts' in input
/// order). Every note ends with the text `Renames::note` gives, which is how it is told from other warnings.
pub fn one_note_per_alias(renames: &Renames, warnings: &mut Vec<InputError>) {
    let endings: Vec<String> = renames.notes().map(|note| format!(": {note}")).collect();
    let mut noted = BTreeSet::new();
    warnings.retain(|w| match endings.iter().position(|e| w.message.ends_with(e.as_str())) {
        Some(alias) => noted.insert(alias),
        None => true,
    });
}

/// The rules of `active_rules` that report findings (every rule but the mask-only ones, which come last).
pub fn reported(rules: &[Rule]) -> &[Rule] {
    &rules[..rules.iter().position(|r| r.mask_only).unwrap_or(rules.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
[[rules]]
id = "PHI001"
name = "ticket"
category = "phi"
severity = "error"
message = "m"
pattern = '\bTCK-[0-9]{6}\b'

[[rules]]
id = "MIS001"
aliases = ["MIS004"]
name = "miracle"
category = "misinformation"
severity = "warning"
message = "m"
phrases = ["miracle cure"]

[[rules]]
id = "MIS012"
aliases = ["MIS004", "MIS005"]
name = "detox"
category = "misinformation"
severity = "info"
message = "m"
phrases = ["detox tea"]
"#;

    fn set() -> Ruleset {
        let mut set = Ruleset::default();
        set.add_file("test.toml", RULES).unwrap();
        set.resolve().unwrap()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// The ids a run reports, and those it keeps only to mask identifiers.
    fn active(config: &Config, selection: &Selection) -> anyhow::Result<(Vec<String>, Vec<String>)> {
        let rules = active_rules(set().rules, config, selection)?;
        let ids = |mask_only: bool| rules.iter().filter(|r| r.mask_only == mask_only).map(|r| r.id.clone()).collect();
        Ok((ids(false), ids(true)))
    }

    fn selection(select: Option<&[&str]>, extend: &[&str], ignore: &[&str]) -> Selection {
        Selection {
            select: select.map(strings),
            extend_select: strings(extend),
            ignore: strings(ignore),
            ..Selection::default()
        }
    }

    #[test]
    fn selectors_name_ids_prefixes_and_categories_without_case() {
        let set = set();
        let picked = |selector: &str| {
            set.rules.iter().filter(|r| selects(selector, r)).map(|r| r.id.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(picked("PHI001"), ["PHI001"]);
        assert_eq!(picked("mis"), ["MIS001", "MIS012"]);
        assert_eq!(picked("MIS01"), ["MIS012"]);
        assert_eq!(picked("Misinformation"), ["MIS001", "MIS012"]);
        assert!(picked(" ").is_empty(), "a blank selector names nothing");
        assert!(picked("PHI0011").is_empty());
    }

    #[test]
    fn an_old_id_names_every_rule_that_carries_it_but_prefixes_name_current_ids_only() {
        let set = set();
        let picked = |selector: &str| {
            set.rules.iter().filter(|r| selects(selector, r)).map(|r| r.id.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(picked("MIS004"), ["MIS001", "MIS012"], "a split: the old id means both");
        assert_eq!(picked("mis005"), ["MIS012"]);
        assert_eq!(picked("MIS00"), ["MIS001"], "MIS004 is no id");
        let ignored = active(&Config::default(), &selection(None, &[], &["MIS005"])).unwrap();
        assert_eq!(ignored.0, ["MIS001", "PHI001"]);
        let vocabulary = Vocabulary::new(&set.rules, &set.kinds);
        assert!(vocabulary.knows_selector("mis004") && !vocabulary.knows_selector("MIS006"));
    }

    #[test]
    fn a_severity_set_for_an_old_id_applies_unless_the_current_id_has_one() {
        let mut config = Config::default();
        config.severity.insert("MIS004".to_string(), crate::finding::Severity::Error);
        config.severity.insert("MIS012".to_string(), crate::finding::Severity::Info);
        let rules = active_rules(set().rules, &config, &Selection::default()).unwrap();
        let severity = |id: &str| rules.iter().find(|r| r.id == id).unwrap().severity;
        assert_eq!(severity("MIS001"), crate::finding::Severity::Error);
        assert_eq!(severity("MIS012"), crate::finding::Severity::Info, "its own id wins");
    }

    #[test]
    fn old_ids_named_by_the_configuration_or_the_command_line_get_one_note_each() {
        let text = "select = [\"MIS004\", \"PHI\"]\n\n[severity]\nMIS005 = \"error\"\n";
        let config = Config::parse(std::path::Path::new("carelint.toml"), text).unwrap();
        let set = set();
        let mut notes = alias_notes(&set, &config, &selection(None, &[], &["mis004", "MIS001"]));
        let shown =
            |notes: &[InputError]| notes.iter().map(|n| format!("{}: {}", n.path, n.message)).collect::<Vec<_>>();
        assert_eq!(
            shown(&notes),
            [
                "carelint.toml: line 1: rule MIS004 is now MIS001, MIS012 (the old id still works)",
                "carelint.toml: line 4: rule MIS005 is now MIS012 (the old id still works)",
                "command line: --ignore mis004: rule MIS004 is now MIS001, MIS012 (the old id still works)",
            ]
        );
        let (first, second) = (notes[0].clone(), notes[1].clone());
        let other =
            InputError { path: "a.md".into(), message: "line 2: carelint.allow names `X`, which is no rule id".into() };
        notes.push(other.clone());
        one_note_per_alias(&Renames::new(&set.rules), &mut notes);
        assert_eq!(shown(&notes), shown(&[first, second, other]), "the first note of each old id, other warnings all");
    }

    #[test]
    fn select_extend_and_ignore_combine() {
        let all = strings(&["MIS001", "MIS012", "PHI001"]);
        let config = Config::default();
        assert_eq!(active(&config, &Selection::default()).unwrap(), (all, vec![]));
        let only_mis = active(&config, &selection(Some(&["misinformation"]), &[], &[])).unwrap();
        assert_eq!(only_mis, (strings(&["MIS001", "MIS012"]), strings(&["PHI001"])), "identifier rules still mask");
        let extended = active(&config, &selection(Some(&["MIS001"]), &["MIS012"], &[])).unwrap();
        assert_eq!(extended.0, ["MIS001", "MIS012"]);
        let ignored = active(&config, &selection(None, &[], &["MIS0", "phi"])).unwrap();
        assert_eq!(ignored, (vec![], strings(&["PHI001"])), "ignore wins over the selection");
        let ignored = active(&config, &selection(None, &["MIS012"], &["MIS012"])).unwrap();
        assert_eq!(ignored.0, ["MIS001", "PHI001"], "ignore wins over extend");
    }

    #[test]
    fn the_command_line_select_replaces_the_configuration_s_and_adds_to_its_lists() {
        let config = Config {
            select: Some(strings(&["PHI"])),
            extend_select: strings(&["MIS012"]),
            ignore: strings(&["MIS001"]),
            ..Config::default()
        };
        assert_eq!(active(&config, &Selection::default()).unwrap().0, ["MIS012", "PHI001"]);
        assert_eq!(active(&config, &selection(Some(&["MIS"]), &[], &[])).unwrap().0, ["MIS012"]);
        assert_eq!(active(&config, &selection(None, &[], &["PHI001"])).unwrap().0, ["MIS012"]);
    }

    #[test]
    fn unknown_selectors_and_severity_ids_are_errors() {
        let err = active(&Config::default(), &selection(None, &["XYZ"], &[])).unwrap_err();
        assert_eq!(err.to_string(), "unknown rule selector `XYZ`: no rule id, id prefix or category matches it");
        let err = active(&Config::default(), &selection(Some(&["MIS", "testimonial"]), &[], &[])).unwrap_err();
        assert!(err.to_string().contains("`testimonial`"), "{err}");
        let mut config = Config::default();
        config.severity.insert("MIS999".to_string(), crate::finding::Severity::Error);
        let err = active(&config, &Selection::default()).unwrap_err();
        assert_eq!(err.to_string(), ".: [severity] names an unknown rule `MIS999`");
    }

    #[test]
    fn severities_are_overridden_by_id() {
        let mut config = Config::default();
        config.severity.insert("MIS012".to_string(), crate::finding::Severity::Error);
        let rules = active_rules(set().rules, &config, &Selection::default()).unwrap();
        assert_eq!(rules.iter().find(|r| r.id == "MIS012").unwrap().severity, crate::finding::Severity::Error);
    }

    #[test]
    fn a_selection_without_select_takes_every_rule() {
        let set = set();
        let count = |selection: RuleSelection| set.rules.iter().filter(|r| selection.selects(r)).count();
        let mis = strings(&["MIS"]);
        assert_eq!(count(RuleSelection::default()), 3);
        assert_eq!(count(RuleSelection::only(&[])), 0, "a suppression list that names nothing");
        assert_eq!(count(RuleSelection::named_or_all(&[])), 3, "a suppression comment without rule ids");
        assert_eq!(count(RuleSelection::named_or_all(&mis)), 2);
        assert_eq!(count(RuleSelection { ignore: &mis, ..RuleSelection::default() }), 1);
    }

    #[test]
    fn the_vocabulary_knows_every_loaded_rule_and_kind() {
        let set = set();
        let vocabulary = Vocabulary::new(&set.rules, &set.kinds);
        assert!(vocabulary.knows_selector("phi") && vocabulary.knows_selector("MIS01"));
        assert!(!vocabulary.knows_selector("testimonial"));
        assert!(!vocabulary.knows_kind("ad"));
    }

    #[test]
    fn reported_rules_leave_out_the_mask_only_ones() {
        let rules = active_rules(set().rules, &Config::default(), &selection(Some(&["MIS"]), &[], &[])).unwrap();
        let ids: Vec<&str> = reported(&rules).iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["MIS001", "MIS012"]);
    }
}
