//! Blind evaluation sets: posts written by helpers who never saw the rules (`tests/corpus/*-blind/`, each with a
//! BRIEF.md saying how). Each set is frozen by a hash manifest, so it cannot be edited to flatter the rules; a new
//! set is written after one has been tuned on. The scores are printed with 95% Wilson intervals and held to floors a
//! little below the measured numbers: a regression guard, not the goals of the issues.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

mod common;

fn set_dir(name: &str) -> PathBuf {
    common::package_root().join("tests/corpus").join(name)
}

/// Every file the manifest names has the recorded hash, and every post is in the manifest.
fn assert_frozen(dir: &Path) {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.sha256")).expect("MANIFEST.sha256");
    let mut listed = BTreeSet::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, file) = line.split_once("  ").expect("`<sha256>  <file>` lines");
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{}: {e}", file));
        let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(actual, hash, "{}/{file} changed since the set was frozen", dir.display());
        listed.insert(file.to_string());
    }
    for entry in std::fs::read_dir(dir.join("posts")).unwrap() {
        let name = format!("posts/{}", entry.unwrap().file_name().to_string_lossy());
        assert!(listed.contains(&name), "{name} is not in the manifest: the set is frozen");
    }
}

/// A post's label row: the file name and the remaining tab-separated columns.
fn labels(dir: &Path) -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(dir.join("labels.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut cols = l.split('\t').map(str::to_string);
            let file = cols.next().unwrap();
            (file.trim_start_matches("posts/").to_string(), cols.collect())
        })
        .collect()
}

/// A finding as the evaluation needs it: rule id, category, byte span.
struct Found {
    rule: String,
    category: String,
    start: usize,
    end: usize,
}

/// Runs the binary over a set's posts with the embedded rules and no configuration: the findings by file name.
fn findings(dir: &Path) -> BTreeMap<String, Vec<Found>> {
    let (run, report) = common::check_json_in(dir, &["posts"]);
    // the writers used their scheduling tool's kinds (`kind: post`, `reel`): an error that leaves the post checked
    // as if it had no kind, which is all the evaluation needs
    let only_unknown_kinds = run.stderr.lines().all(|l| l.contains("unknown kind"));
    assert!(run.code <= 1 || only_unknown_kinds, "{}", run.stderr);
    let mut by_file: BTreeMap<String, Vec<Found>> = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        let file = f["path"].as_str().unwrap().trim_start_matches("posts/").to_string();
        // the other places of the same rule in the paragraph count as found too
        let places = std::iter::once(f).chain(f["related"].as_array().into_iter().flatten());
        for place in places {
            let found = Found {
                rule: f["rule"].as_str().unwrap().to_string(),
                category: f["category"].as_str().unwrap().to_string(),
                start: place["start"].as_u64().unwrap() as usize,
                end: place["end"].as_u64().unwrap() as usize,
            };
            by_file.entry(file.clone()).or_default().push(found);
        }
    }
    by_file
}

/// The 95% Wilson score interval of `k` successes in `n` trials.
fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (z, n, p) = (1.96_f64, n as f64, k as f64 / n as f64);
    let centre = p + z * z / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z * z / n;
    ((centre - spread) / denominator, (centre + spread) / denominator)
}

/// A rate with its interval, printed and returned.
fn rate(what: &str, k: usize, n: usize) -> f64 {
    let (lo, hi) = wilson(k, n);
    let value = if n == 0 { 0.0 } else { k as f64 / n as f64 };
    println!("  {what:<34} {k:>4}/{n:<4} = {value:.3}  [{lo:.3}, {hi:.3}]");
    value
}

/// Recall and precision of one label over posts: `labelled` says whether a post carries it, `flagged` whether the
/// rules that stand for it found anything.
fn recall_precision(name: &str, posts: &[(bool, bool)]) -> (f64, f64) {
    let true_pos = posts.iter().filter(|&&(l, f)| l && f).count();
    let labelled = posts.iter().filter(|&&(l, _)| l).count();
    let flagged = posts.iter().filter(|&&(_, f)| f).count();
    (rate(&format!("{name} recall"), true_pos, labelled), rate(&format!("{name} precision"), true_pos, flagged))
}

/// Claim recall, claim precision and the share of debunks flagged on a claims set (labels claim / clean / debunk).
fn claims_scores(name: &str) -> (f64, f64, f64) {
    let dir = set_dir(name);
    assert_frozen(&dir);
    let found = findings(&dir);
    let flagged = |file: &str| found.get(file).is_some_and(|f| f.iter().any(|f| f.category == "misinformation"));
    let rows = labels(&dir);
    println!("{name} ({} posts): a post is flagged when a misinformation rule finds something", rows.len());
    let posts: Vec<(bool, bool)> = rows.iter().map(|(file, cols)| (cols[0] == "claim", flagged(file))).collect();
    let (recall, precision) = recall_precision("claim", &posts);
    let debunks: Vec<&String> = rows.iter().filter(|(_, c)| c[0] == "debunk").map(|(f, _)| f).collect();
    let debunks_flagged = rate("debunks flagged", debunks.iter().filter(|f| flagged(f)).count(), debunks.len());
    (recall, precision, debunks_flagged)
}

/// Holds a claims set to its floors: (least claim recall, least claim precision, most debunks flagged), a little
/// below the latest measurement (README).
fn claims_floor(name: &str, (least_recall, least_precision, most_debunks): (f64, f64, f64)) {
    let (recall, precision, debunks_flagged) = claims_scores(name);
    assert!(
        recall >= least_recall && precision >= least_precision && debunks_flagged <= most_debunks,
        "{name} fell below its floor"
    );
}

/// The first claims set. It has been tuned on once (the reported-speech lexicon gained "saying" after a debunk in it
/// was flagged while MIS008 and MIS010 were ported to frames), so later sets are the ones to quote.
#[test]
fn claims_blind() {
    claims_floor("claims-blind", (0.38, 0.80, 0.15));
}

/// The second claims set, written after the first was tuned on, from other public sources.
#[test]
fn claims_blind_2() {
    claims_floor("claims-blind-2", (0.35, 0.60, 0.32));
}

/// The third claims set (341 posts), written after the second had been measured through the claim-frame work, from
/// sources neither earlier set used, and frozen before the claim frames were tuned.
#[test]
fn claims_blind_3() {
    claims_floor("claims-blind-3", (0.33, 0.60, 0.33));
}

/// The rules that stand for each label of the replies set.
const REPLY_LABELS: &[(&str, &[&str])] = &[
    ("review", &["REV001", "REV002", "REV003", "REV014", "REV015"]),
    ("endorsement", &["TST004", "TST005", "TST006", "TST010", "TST012"]),
    ("testimonial", &["TST001", "TST007", "TST011", "TST013", "PHI023"]),
];

#[test]
fn replies_blind() {
    let dir = set_dir("replies-blind");
    assert_frozen(&dir);
    let found = findings(&dir);
    let rows = labels(&dir);
    println!("replies-blind ({} posts)", rows.len());
    let mut scores = BTreeMap::new();
    for (label, rules) in REPLY_LABELS {
        let posts: Vec<(bool, bool)> = rows
            .iter()
            .map(|(file, cols)| {
                let labelled = cols[0].split(',').any(|l| l == *label);
                let flagged = found.get(file).is_some_and(|f| f.iter().any(|f| rules.contains(&f.rule.as_str())));
                (labelled, flagged)
            })
            .collect();
        scores.insert(*label, recall_precision(label, &posts));
    }
    let clean: Vec<&String> = rows.iter().filter(|(_, c)| c[0].is_empty()).map(|(f, _)| f).collect();
    let any_rule = |file: &str| {
        found
            .get(file)
            .is_some_and(|f| f.iter().any(|f| REPLY_LABELS.iter().any(|(_, r)| r.contains(&f.rule.as_str()))))
    };
    let clean_flagged = rate("clean posts flagged", clean.iter().filter(|f| any_rule(f)).count(), clean.len());
    let floors = [("review", 0.50, 0.83), ("endorsement", 0.36, 0.80), ("testimonial", 0.38, 0.80)];
    for (label, recall, precision) in floors {
        let (r, p) = scores[label];
        assert!(r >= recall && p >= precision, "replies-blind {label} fell below its floor");
    }
    assert!(clean_flagged <= 0.08, "replies-blind: too many clean posts flagged");
}

#[test]
fn phi_blind() {
    let dir = set_dir("phi-blind");
    assert_frozen(&dir);
    let found = findings(&dir);
    let rows = labels(&dir);
    println!("phi-blind ({} posts), no carelint.toml: a post is flagged when a PHI rule finds something", rows.len());
    let phi = |file: &str| found.get(file).into_iter().flatten().filter(|f| f.category == "phi");
    let posts: Vec<(bool, bool)> =
        rows.iter().map(|(file, cols)| (cols[0] == "yes", phi(file).next().is_some())).collect();
    let (recall, precision) = recall_precision("phi post", &posts);
    let clean: Vec<&String> = rows.iter().filter(|(_, c)| c[0] == "no").map(|(f, _)| f).collect();
    let clean_flagged =
        rate("clean posts flagged", clean.iter().filter(|f| phi(f).next().is_some()).count(), clean.len());
    // a labelled span is found when a PHI finding overlaps it (combination spans are phrases, not exact identifiers)
    let (mut spans, mut spans_found) = (0, 0);
    for (file, cols) in &rows {
        let text = std::fs::read_to_string(dir.join("posts").join(file)).unwrap();
        for span in cols[1].split(" | ").filter(|s| !s.is_empty()) {
            let start = text.find(span).unwrap_or_else(|| panic!("{file}: span `{span}` is not in the post"));
            let end = start + span.len();
            spans += 1;
            spans_found += usize::from(phi(file).any(|f| f.start < end && start < f.end));
        }
    }
    rate("phi span recall", spans_found, spans);
    assert!(recall >= 0.36 && precision >= 0.68 && clean_flagged <= 0.16, "phi-blind fell below its floor");
}

/// The families of `seed-blind` (issue 18) and the rules that stand for each: a label is found when one of its rules
/// finds something in the post. `review` is a reply that confirms the reviewer is a patient or names their care.
const SEED_LABELS: &[(&str, &[&str])] = &[
    ("security", &["SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "SEC006", "SEC007"]),
    ("feedback", &["REV004", "REV010", "REV011", "REV012", "REV013"]),
    ("review", &["REV001", "REV002", "REV003", "REV014", "REV015"]),
];

/// Scores a set labelled like `seed-blind` (labels `security`, `feedback`, `review`, a comma list, empty for clean
/// posts) and holds each family to its floor (recall, precision) and the clean posts flagged to `clean_most`.
fn seed_scores(name: &str, floors: [(f64, f64); 3], clean_most: f64) {
    let dir = set_dir(name);
    assert_frozen(&dir);
    let found = findings(&dir);
    let rows = labels(&dir);
    println!("{name} ({} posts), no carelint.toml", rows.len());
    let flagged_by = |file: &str, rules: &[&str]| {
        found.get(file).is_some_and(|f| f.iter().any(|f| rules.contains(&f.rule.as_str())))
    };
    for ((label, rules), (recall, precision)) in SEED_LABELS.iter().zip(floors) {
        let posts: Vec<(bool, bool)> = rows
            .iter()
            .map(|(file, cols)| (cols[0].split(',').any(|l| l == *label), flagged_by(file, rules)))
            .collect();
        let (r, p) = recall_precision(label, &posts);
        assert!(r >= recall && p >= precision, "{name} {label} fell below its floor");
    }
    let every_rule: Vec<&str> = SEED_LABELS.iter().flat_map(|(_, rules)| rules.iter().copied()).collect();
    let clean: Vec<&String> = rows.iter().filter(|(_, c)| c[0].is_empty()).map(|(f, _)| f).collect();
    let clean_flagged =
        rate("clean posts flagged", clean.iter().filter(|f| flagged_by(f, &every_rule)).count(), clean.len());
    assert!(clean_flagged <= clean_most, "{name}: too many clean posts flagged");
}

/// Account security and answers to negative feedback: 193 posts written from public guidance and enforcement records
/// by a helper who had not seen the rules. Measured twice (README); floors a little below the second measurement.
#[test]
fn seed_blind() {
    seed_scores("seed-blind", [(0.55, 0.95), (0.58, 0.90), (0.46, 0.82)], 0.05);
}

/// The second security and feedback set (216 posts), written from other sources after `seed-blind` had been measured
/// twice, and frozen before the third round of those rules. Floors a little below its measurement after that round.
#[test]
fn seed_blind_2() {
    seed_scores("seed-blind-2", [(0.62, 0.92), (0.45, 0.90), (0.68, 0.80)], 0.06);
}
