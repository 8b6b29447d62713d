//! Every rule of the embedded default ruleset: its `flag` examples produce it, its `pass` examples do not, and it
//! carries the documentation a default rule must have.

mod common;

use carelint::allow::Allowlist;
use carelint::check::check_text;
use carelint::config::Config;
use carelint::consent::Registry;
use carelint::engine::Engine;
use carelint::rules::{expand_example, Ruleset};

use common::{default_ruleset, few_posts_engine, many_posts_engine};

#[test]
fn every_example_of_every_default_rule_behaves() {
    let set = default_ruleset();
    examples_behave(&many_posts_engine(&set, Allowlist::default()), &set);
}

/// The engine of a pre-commit check (gated patterns, indexed phrases) passes the same examples.
#[test]
fn every_example_behaves_in_a_run_over_a_few_posts() {
    let set = default_ruleset();
    examples_behave(&few_posts_engine(&set, Allowlist::default()), &set);
}

/// The configuration examples are checked with: no file, and the example consent registry, which the consent
/// registry rules' examples name (every other rule behaves as without a registry: only posts that name an
/// authorization are judged against it).
fn examples_config() -> Config {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/consents.csv");
    let registry = Registry::load(&path).expect("the example registry reads");
    assert!(registry.problems.is_empty(), "{:?}", registry.problem_lines());
    Config { registry: Some(std::sync::Arc::new(registry)), ..Config::default() }
}

fn examples_behave(engine: &Engine, set: &Ruleset) {
    let config = examples_config();
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in &set.rules {
        let index = engine.rules().iter().position(|r| r.id == rule.id).expect("every rule is active by default");
        for (expect_hit, examples) in [(true, &rule.examples.flag), (false, &rule.examples.pass)] {
            for example in examples {
                checked += 1;
                let (findings, _) = check_text(engine, &config, None, expand_example(example)).expect("example checks");
                let hit = findings.iter().any(|f| f.rule == index);
                if hit != expect_hit {
                    let what = if expect_hit { "flag example not flagged" } else { "pass example flagged" };
                    failures.push(format!("{} ({}): {what}: {example:?}", rule.id, rule.origin.file));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} examples failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_default_rule_is_documented_and_has_enough_examples() {
    let set = default_ruleset();
    let mut problems = Vec::new();
    for r in &set.rules {
        let mut missing = Vec::new();
        if r.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            missing.push("description");
        }
        if r.why.as_deref().is_none_or(|d| d.trim().is_empty()) {
            missing.push("why");
        }
        if r.summary == r.message {
            missing.push("summary");
        }
        if r.references.is_empty() {
            missing.push("references");
        }
        if r.fix.is_none() && r.no_fix.is_none() {
            missing.push("fix or no_fix");
        }
        if r.examples.flag.len() < 3 {
            missing.push("3 flag examples");
        }
        if r.examples.pass.len() < 3 {
            missing.push("3 pass examples");
        }
        if !missing.is_empty() {
            problems.push(format!("{} ({}:{}): missing {}", r.id, r.origin.file, r.origin.line, missing.join(", ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn default_rule_ids_are_unique_across_files() {
    let mut seen = std::collections::BTreeMap::new();
    for (file, text) in carelint::rules::DEFAULT_FILES {
        let mut set = Ruleset::default();
        set.add_file(file, text).expect("each default file loads on its own");
        for rule in set.rules {
            if let Some(other) = seen.insert(rule.id.clone(), file.to_string()) {
                panic!("{} is defined in both {other} and {file}", rule.id);
            }
        }
    }
}
