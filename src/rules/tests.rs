//! Rule validation errors: each names the file, the line and the rule.

use super::{Ruleset, RulesetError};

/// The first lines of a valid rule `T1` (the `[[rules]]` header is line 1), without a matcher.
const HEAD: &str = "[[rules]]\nid = \"T1\"\nname = \"t-one\"\ncategory = \"misinformation\"\nseverity = \"warning\"\nmessage = \"m\"\n";

/// The error of loading and resolving `text` as the file `user.toml`.
fn error_of(text: &str) -> RulesetError {
    let mut set = Ruleset::default();
    match set.add_file("user.toml", text) {
        Err(e) => e,
        Ok(()) => set.resolve().expect_err("the ruleset is invalid"),
    }
}

/// The error of rule T1 with `rest` after its common keys (line 7 on).
fn rule_error(rest: &str) -> RulesetError {
    error_of(&format!("{HEAD}{rest}\n"))
}

/// Asserts the error's file, line, rule and message start.
#[track_caller]
fn assert_error(e: &RulesetError, line: usize, rule: Option<&str>, message: &str) {
    assert_eq!(e.file, "user.toml", "{e}");
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.rule.as_deref(), rule, "{e}");
    assert!(e.message.starts_with(message), "expected {message:?}, got: {e}");
}

#[test]
fn a_rule_without_a_matcher_is_named_at_its_header() {
    // more kinds lengthen the list
    assert_error(&rule_error(""), 1, Some("T1"), "a rule needs a matcher: `phrases`, `pattern`");
    assert_error(&rule_error("validator = \"ssn\""), 1, Some("T1"), "a rule needs a matcher");
}

#[test]
fn two_matchers_are_named_at_the_second_kind() {
    let one = "a rule has one matcher: `phrases`, `pattern`";
    assert_error(&rule_error("phrases = [\"a\"]\npattern = \"b\""), 8, Some("T1"), one);
    assert_error(&rule_error("pattern = \"b\"\nphrases = [\"a\"]"), 7, Some("T1"), one);
    assert_error(&rule_error("phrases = [\"a\"]\nlimit = { measure = \"characters\", max = 3 }"), 8, Some("T1"), one);
}

#[test]
fn an_option_of_another_kind_is_named_at_its_key() {
    let e = rule_error("phrases = [\"a\"]\nvalidator = \"ssn\"");
    assert_error(&e, 8, Some("T1"), "`validator` applies to `pattern` rules only");
}

#[test]
fn empty_phrases_are_refused() {
    let message = "`phrases` must list at least one non-empty phrase";
    assert_error(&rule_error("phrases = []"), 7, Some("T1"), message);
    assert_error(&rule_error("phrases = [\"a\", \" \"]"), 7, Some("T1"), message);
}

#[test]
fn a_bad_limit_is_named_at_its_value() {
    let e = rule_error("limit = { measure = \"words\", max = 3 }");
    assert_error(&e, 7, Some("T1"), "unknown variant `words`, expected one of `characters`, `x-characters`");
    assert_error(&rule_error("limit = { max = 3 }"), 7, Some("T1"), "missing field `measure`");
    let e = rule_error("limit = { measure = \"characters\", max = -3 }");
    assert_error(&e, 7, Some("T1"), "invalid value: integer `-3`, expected usize");
    // a sub-table: the error is on the line of the bad value, not of the rule
    let e = error_of(&format!("{HEAD}\n[rules.limit]\nmax = 3\nmeasure = \"words\"\n"));
    assert_error(&e, 10, Some("T1"), "unknown variant `words`");
}

#[test]
fn an_unknown_key_lists_every_known_key() {
    let e = rule_error("phrases = [\"a\"]\nphrase = [\"b\"]");
    // the common keys, the kinds' keys in registration order, their options, the common keys that follow
    let head =
        "`id`, `aliases`, `name`, `category`, `severity`, `message`, `summary`, `description`, `why`, `references`, \
                `source`, `as_of`, `notes`, `phrases`, `pattern`, `limit`";
    let tail = "`validator`, `whole_word`, `redact`, `allowlist`, `context`, `document`, `fix`, `no_fix`, `examples`";
    assert_error(&e, 8, Some("T1"), &format!("unknown field `phrase`, expected one of {head}"));
    assert!(e.message.ends_with(tail), "{e}");
    let e = rule_error("limit = { measure = \"characters\", max = 3, min = 1 }");
    assert_error(&e, 7, Some("T1"), "unknown field `min`, expected `measure` or `max`");
}

#[test]
fn a_value_of_the_wrong_type_is_named_at_its_line() {
    assert_error(&rule_error("phrases = \"a\""), 7, Some("T1"), "invalid type: string \"a\", expected a sequence");
    let e = rule_error("pattern = \"x\"\nvalidator = 3");
    assert_error(&e, 8, Some("T1"), "invalid type: integer `3`, expected a string");
    let e = error_of(&HEAD.replace("severity = \"warning\"", "severity = \"bogus\""));
    assert_error(&e, 5, Some("T1"), "unknown variant `bogus`");
}

#[test]
fn a_missing_common_key_is_named_at_the_rule() {
    let e = error_of(&format!("{}phrases = [\"a\"]\n", HEAD.replace("message = \"m\"\n", "")));
    assert_error(&e, 1, Some("T1"), "missing field `message`");
}

#[test]
fn an_unknown_validator_lists_the_known_ones() {
    let e = rule_error("pattern = \"x\"\nvalidator = \"sin\"");
    assert_error(
        &e,
        8,
        Some("T1"),
        "unknown validator `sin`; known: ssn, luhn, npi, mbi, dea, date, phone, ipv4, ipv6",
    );
}

#[test]
fn a_bad_pattern_is_named_at_its_key() {
    assert_error(&rule_error("pattern = \"a(\""), 7, Some("T1"), "invalid regex");
    assert_error(&rule_error("pattern = \"a{1001}\""), 7, Some("T1"), "pattern repeats something 1001 times");
}

#[test]
fn an_unknown_list_is_named_at_the_matcher() {
    assert_error(
        &rule_error("phrases = [\"@nope\"]"),
        7,
        Some("T1"),
        "unknown list `@nope`; known lists and lexicons: ",
    );
    assert_error(&rule_error("pattern = \"@{nope}x\""), 7, Some("T1"), "pattern names an unknown list `@{nope}`");
    let e = rule_error("phrases = [\"a\"]\ncontext = { any = [\"@nolist\"] }");
    assert_error(&e, 7, Some("T1"), "unknown list `@nolist`");
}

#[test]
fn bad_conditions_are_refused() {
    let e = rule_error("phrases = [\"a\"]\n[rules.context]\nany = [\"b\"]\nwords = 0");
    assert_error(&e, 10, Some("T1"), "`words` must be at least 1");
    let e = rule_error("phrases = [\"a\"]\ncontext = { anyy = [\"b\"] }");
    assert_error(&e, 8, Some("T1"), "unknown field `anyy`, expected one of `any`, `none`, `words`");
    let e = rule_error("phrases = [\"a\"]\ndocument = { unless_within = 3 }");
    assert_error(&e, 1, Some("T1"), "`unless_within` needs `unless_any`");
    let e = rule_error("phrases = [\"a\"]\ndocument = { kind = [\"x\"] }");
    assert_error(&e, 8, Some("T1"), "unknown field `kind`, expected one of `kinds`");
}

#[test]
fn a_duplicate_id_names_the_first_definition() {
    let e = error_of(&format!("{HEAD}phrases = [\"a\"]\n\n{HEAD}pattern = \"x\"\n"));
    assert_error(&e, 9, Some("T1"), "duplicate rule id (first defined on line 1)");
}

#[test]
fn a_bad_alias_is_named_at_the_aliases_key() {
    let e = rule_error("aliases = [\"T0\", \"t0\"]\nphrases = [\"a\"]");
    assert_error(&e, 7, Some("T1"), "duplicate alias `t0`");
    let e = rule_error("phrases = [\"a\"]\naliases = [\"t1\"]");
    assert_error(&e, 8, Some("T1"), "alias `t1` is the rule's own id");
    let e = rule_error("phrases = [\"a\"]\naliases = [\"T 0\"]");
    assert_error(&e, 8, Some("T1"), "alias `T 0`: an id may only contain letters, digits, '-' and '_'");
    let e = rule_error("phrases = [\"a\"]\naliases = \"T0\"");
    assert_error(&e, 8, Some("T1"), "invalid type: string \"T0\", expected a sequence");
}

#[test]
fn an_alias_that_is_the_id_of_a_rule_is_refused_in_the_merged_ruleset() {
    let t2 = HEAD.replace("\"T1\"", "\"T2\"").replace("t-one", "t-two");
    // in one file: the rule that carries the alias is named, at its `aliases` line
    let e = error_of(&format!("{HEAD}phrases = [\"a\"]\n\n{t2}aliases = [\"t1\"]\nphrases = [\"b\"]\n"));
    assert_error(&e, 15, Some("T2"), "alias `t1` is the id of a rule (defined in user.toml:1)");
    // across files: a later file defines a rule with the id an earlier file's rule carries as an alias
    let mut set = Ruleset::default();
    set.add_file("base.toml", &format!("{t2}aliases = [\"T1\"]\nphrases = [\"b\"]\n")).unwrap();
    set.add_file("user.toml", &format!("{HEAD}phrases = [\"a\"]\n")).unwrap();
    let e = set.resolve().expect_err("an alias that is a rule's id");
    assert_eq!(e.to_string(), "base.toml:7: rule T2: alias `T1` is the id of a rule (defined in user.toml:1)");
}

#[test]
fn an_alias_that_a_selector_would_read_as_a_category_or_prefix_is_refused() {
    let t2 = HEAD.replace("\"T1\"", "\"T2\"").replace("t-one", "t-two");
    let category = HEAD.split("category = \"").nth(1).and_then(|c| c.split('"').next()).unwrap().to_string();
    let e = error_of(&format!("{HEAD}phrases = [\"a\"]\n\n{t2}aliases = [\"{category}\"]\nphrases = [\"b\"]\n"));
    assert!(e.message.contains(&format!("alias `{category}` is the category of rule T1")), "{e}");
    let e = error_of(&format!("{HEAD}phrases = [\"a\"]\n\n{t2}aliases = [\"t\"]\nphrases = [\"b\"]\n"));
    assert!(e.message.contains("alias `t` is a prefix of rule id T1"), "{e}");
}

#[test]
fn rules_may_share_an_alias_after_a_split() {
    let t2 = HEAD.replace("\"T1\"", "\"T2\"").replace("t-one", "t-two");
    let text = format!("{HEAD}aliases = [\"T0\"]\nphrases = [\"a\"]\n\n{t2}aliases = [\"t0\"]\nphrases = [\"b\"]\n");
    let mut set = Ruleset::default();
    set.add_file("user.toml", &text).unwrap();
    let set = set.resolve().unwrap();
    let renames = super::Renames::new(&set.rules);
    assert_eq!(renames.get("t0"), Some(("T0", ["T1".to_string(), "T2".to_string()].as_slice())));
    assert_eq!(renames.note("T0").as_deref(), Some("rule T0 is now T1, T2 (the old id still works)"));
    assert_eq!(renames.get("T1"), None, "a current id is no alias");
}

#[test]
fn bad_common_keys_are_named_at_their_line() {
    let e = error_of(&format!("{}phrases = [\"a\"]\n", HEAD.replace("\"t-one\"", "\"T One\"")));
    assert_error(&e, 3, Some("T1"), "name `T One` is not kebab-case");
    let e = rule_error("phrases = [\"a\"]\nfix = { action = \"remove\", applicability = \"safe\" }\nno_fix = \"x\"");
    assert_error(&e, 9, Some("T1"), "a rule has either a `fix` or a `no_fix` reason, not both");
}

#[test]
fn a_toml_syntax_error_has_a_line_but_no_rule() {
    // the rule around it is found with a second, lenient parse, which fails on broken syntax too
    assert_error(&rule_error("phrases = [\"a\""), 7, None, "unclosed array, expected `]`");
}

/// The embedded rules are not checked against the ruleset bounds at start-up (they are known to pass): this is
/// where they are.
#[test]
fn default_rules_are_within_the_limits() {
    use crate::matching::limits::{check_pattern, check_phrases, estimated_sizes, MAX_REPEATED_STATES, MAX_STATES};
    let set = Ruleset::default_rules().and_then(Ruleset::resolve).unwrap();
    let (mut biggest, mut most_repeated) = (0, 0);
    for rule in &set.rules {
        if let Some((pattern, _)) = rule.matcher.pattern() {
            assert_eq!(check_pattern(pattern), Ok(()), "{}", rule.id);
            let (states, repeated) = estimated_sizes(pattern);
            biggest = biggest.max(states);
            most_repeated = most_repeated.max(repeated);
        }
        assert_eq!(check_phrases(rule.phrases(set.words())), Ok(()), "{}", rule.id);
    }
    for cues in set.kinds.values() {
        assert_eq!(check_phrases(cues), Ok(()));
    }
    eprintln!("biggest default pattern: about {biggest} states, {most_repeated} repeated");
    assert!(biggest * 4 < MAX_STATES, "the limit leaves room above the default rules: {biggest}");
    assert!(most_repeated * 2 < MAX_REPEATED_STATES, "the limit leaves room: {most_repeated}");
}

#[test]
fn the_default_files_read_from_their_pre_read_form_are_what_their_toml_gives() {
    for (&(name, text), json) in super::DEFAULT_FILES.iter().zip(super::embedded::PREPARSED) {
        let json = json.unwrap_or_else(|| panic!("{name}: the build did not pre-read it"));
        let fast = super::embedded::parse(name, json).unwrap_or_else(|| panic!("{name}: its pre-read form fails"));
        let slow = Ruleset::parse(name, text, true).unwrap();
        // every field, lines and lexicon forms included (`Rule` has no `PartialEq`: its matchers hold compiled parts)
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{name}");
    }
}

#[test]
fn a_pre_read_file_that_does_not_validate_is_left_to_its_toml() {
    let rule = |id: &str| {
        format!(
            r#"{{"line":1,"keys":{{"id":2}},"raw":{{"id":"{id}","name":"t-one","category":"misinformation","severity":"warning","message":"m","phrases":["x"]}}}}"#
        )
    };
    let file =
        |rules: &[String]| format!(r#"{{"lists":{{}},"kinds":{{}},"lexicons":[],"rules":[{}]}}"#, rules.join(","));
    assert!(super::embedded::parse("f.toml", &file(&[rule("T1")])).is_some());
    assert!(super::embedded::parse("f.toml", &file(&[rule("T 1")])).is_none(), "a bad id");
    assert!(super::embedded::parse("f.toml", &file(&[rule("T1"), rule("T1")])).is_none(), "a duplicate id");
    assert!(super::embedded::parse("f.toml", "{").is_none());
}

#[test]
fn a_yields_to_that_names_no_rule_is_refused() {
    let e = rule_error("phrases = [\"a\"]\ncontext = { yields_to = [\"T9\"] }");
    assert_error(&e, 1, Some("T1"), "`yields_to` names `T9`, which is no rule of the ruleset");
}
