//! Old rule ids: a rule that was split, merged or renamed keeps the ids it had as `aliases`, so that a
//! configuration, a command line or a suppression written for the old id still works. One old id may be carried by
//! several rules (a split): it then stands for all of them.

use std::collections::BTreeMap;

use super::{Rule, RulesetError};

/// A rule's old ids and the line of its `aliases` key (for errors).
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    pub ids: Vec<String>,
    pub line: usize,
}

impl Aliases {
    /// Checks one rule's list on its own: each alias is written as an id, and names neither the rule itself nor an
    /// alias listed before it. `line` is the line of the `aliases` key.
    pub(super) fn validate(ids: Vec<String>, id: &str, line: usize) -> Result<Aliases, String> {
        for (i, alias) in ids.iter().enumerate() {
            if !super::is_valid_id(alias) {
                return Err(format!("alias `{alias}`: an id may only contain letters, digits, '-' and '_'"));
            }
            if alias.eq_ignore_ascii_case(id) {
                return Err(format!("alias `{alias}` is the rule's own id"));
            }
            if ids[..i].iter().any(|earlier| earlier.eq_ignore_ascii_case(alias)) {
                return Err(format!("duplicate alias `{alias}`"));
            }
        }
        Ok(Aliases { ids, line })
    }
}

/// Checks the aliases of a whole resolved ruleset (every file merged): an old id must not be the id of a rule, or a
/// selector naming it would mean two things. Ids are compared without case, as selectors are.
pub(super) fn check(rules: &[Rule]) -> Result<(), RulesetError> {
    let ids: BTreeMap<String, &Rule> = rules.iter().map(|r| (r.id.to_ascii_uppercase(), r)).collect();
    for rule in rules {
        let fail = |message: String| RulesetError {
            file: rule.origin.file.clone(),
            line: Some(rule.aliases.line),
            rule: Some(rule.id.clone()),
            message,
        };
        for alias in &rule.aliases.ids {
            let upper = alias.to_ascii_uppercase();
            if let Some(other) = ids.get(&upper) {
                let at = format!("{}:{}", other.origin.file, other.origin.line);
                return Err(fail(format!("alias `{alias}` is the id of a rule (defined in {at})")));
            }
            // a selector that names it would also mean a category or an id prefix: say which, not both
            if let Some(other) = rules.iter().find(|r| r.category.eq_ignore_ascii_case(alias)) {
                return Err(fail(format!("alias `{alias}` is the category of rule {}", other.id)));
            }
            if let Some((id, _)) = ids.range(upper.clone()..).next().filter(|(id, _)| id.starts_with(&upper)) {
                return Err(fail(format!(
                    "alias `{alias}` is a prefix of rule id {id}, which selectors read as a prefix"
                )));
            }
        }
    }
    Ok(())
}

/// The old ids of a ruleset and the rules that carry each one now.
#[derive(Clone, Debug, Default)]
pub struct Renames {
    /// By upper-case alias: the alias as the ruleset writes it, and the ids of its rules in ruleset order.
    by_alias: BTreeMap<String, (String, Vec<String>)>,
}

impl Renames {
    pub fn new(rules: &[Rule]) -> Renames {
        let mut by_alias: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for rule in rules {
            for alias in &rule.aliases.ids {
                let entry = by_alias.entry(alias.to_ascii_uppercase()).or_insert_with(|| (alias.clone(), Vec::new()));
                entry.1.push(rule.id.clone());
            }
        }
        Renames { by_alias }
    }

    /// The alias `name` is (in any case), as the ruleset writes it, and the ids of the rules that carry it.
    pub fn get(&self, name: &str) -> Option<(&str, &[String])> {
        self.by_alias.get(&name.trim().to_ascii_uppercase()).map(|(alias, ids)| (alias.as_str(), ids.as_slice()))
    }

    /// What a user who named an old id is told: `rule MIS004 is now MIS040, MIS041 (...)`; `None` when `name` is no alias.
    pub fn note(&self, name: &str) -> Option<String> {
        self.get(name).map(|(alias, ids)| note(alias, ids))
    }

    /// The note of every old id, in the order of the ids.
    pub fn notes(&self) -> impl Iterator<Item = String> + '_ {
        self.by_alias.values().map(|(alias, ids)| note(alias, ids))
    }
}

fn note(alias: &str, ids: &[String]) -> String {
    format!("rule {alias} is now {} (the old id still works)", ids.join(", "))
}
