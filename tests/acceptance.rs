//! Behaviours the default rules and the text model promise, checked on whole posts through the real binary.

mod common;

use common::{carelint, dir_with, rule_ids, write};

/// Findings (rule ids) for one post, with the given carelint.toml text (or none).
fn rules_found(post: &str, config: Option<&str>, name: &str) -> Vec<String> {
    let dir = dir_with(&[(name, post.as_bytes())]);
    let mut args = vec!["check", "--format", "json"];
    match config {
        Some(text) => {
            write(dir.path(), "carelint.toml", text);
        }
        None => args.push("--no-config"),
    }
    args.push(name);
    let report = carelint(&args).current_dir(dir.path()).run().json();
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report:#}");
    rule_ids(&report)
}

#[test]
fn a_post_that_only_debunks_a_myth_has_no_finding() {
    let post = "Myth: vaccines cause autism.\nFact: study after study of millions of children found no link, and the \
                1998 paper behind the myth was retracted.\nMyth: a detox tea can flush toxins from your liver. Fact: \
                your liver and kidneys do that on their own.\nQuestions? Ask your pediatrician at your next visit.\n";
    assert_eq!(rules_found(post, None, "myths.md"), Vec::<String>::new());
}

#[test]
fn the_practices_own_allow_listed_contact_details_are_not_phi() {
    let config = "[allow]\nvalues = [\"(312) 555-0100\", \"hello@clinic.example\", \"clinic.example\"]\n";
    let post = "Discharged from the ER? Text (312) 555-0100 for follow-up, or email hello@clinic.example.\n";
    assert_eq!(rules_found(post, Some(config), "contact.md"), Vec::<String>::new());
    let without = rules_found(post, None, "contact.md");
    assert!(!without.is_empty(), "without the allow-list the contact details are reported");
}

#[test]
fn vital_signs_and_doses_are_not_dates_or_identifiers() {
    let post = "Know your numbers: a blood pressure under 120/80 is the goal, BP 130/85 means it is time to talk to \
                us. A resting heart rate of 60-100 is normal. Adults can take 500 mg of acetaminophen every 6 hours, \
                no more than 3,000 mg a day. Free checks every Friday 9-12.\n";
    assert_eq!(rules_found(post, None, "vitals.md"), Vec::<String>::new());
}

#[test]
fn yaml_and_toml_front_matter_expose_the_consent_field_to_the_consent_rule() {
    let story = "Marisol ran her first 5K six months after her knee replacement. We could not be prouder!\n";
    let yaml = format!(
        "---\nkind: testimonial\nconsent:\n  id: AUTH-0142\n  expires: 2027-06-30\n  scope: [story]\n---\n{story}"
    );
    let toml =
        format!("+++\nkind = \"testimonial\"\n[consent]\nid = \"AUTH-0142\"\nexpires = \"2027-06-30\"\n+++\n{story}");
    let comment = format!(
        "---\nkind: testimonial\n---\n<!-- carelint:consent id=AUTH-0142 expires=2027-06-30 scope=story -->\n{story}"
    );
    let none = format!("---\nkind: testimonial\n---\n{story}");
    let consent_rules = |found: Vec<String>| found.into_iter().filter(|r| r.starts_with("TST")).collect::<Vec<_>>();
    assert!(!consent_rules(rules_found(&none, None, "story.md")).is_empty(), "no consent: reported");
    for (what, post) in [("YAML", yaml), ("TOML", toml), ("comment marker", comment)] {
        assert_eq!(consent_rules(rules_found(&post, None, "story.md")), Vec::<String>::new(), "{what}");
    }
}
