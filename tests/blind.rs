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

/// Sets that have been tuned on: measured again and again while rules changed, they are tuning text now, and later
/// sets are the ones to quote. With `CARELINT_BLIND_DETAIL=1` their missed and falsely flagged posts are listed, so
/// a rule author can read them; a fresh set never lists its posts (reading them would spend it).
const RETIRED: &[&str] = &[
    "claims-blind",
    "claims-blind-2",
    "claims-blind-3",
    "replies-blind",
    "replies-blind-2",
    "phi-blind",
    "phi-blind-2",
    "seed-blind",
    "seed-blind-2",
    "seed-blind-3",
    "claims-blind-4",
    "replies-blind-3",
    "phi-blind-3",
    "claims-blind-5",
    "replies-blind-4",
    "phi-blind-4",
    "seed-blind-4",
    "claims-blind-6",
    "replies-blind-5",
    "phi-blind-5",
    "seed-blind-5",
];

/// Lists the posts of a retired set that a label missed or flagged wrongly, when `CARELINT_BLIND_DETAIL` is set.
fn list_errors(set: &str, label: &str, posts: &[(&str, bool, bool)]) {
    if !RETIRED.contains(&set) || std::env::var_os("CARELINT_BLIND_DETAIL").is_none() {
        return;
    }
    for &(file, labelled, flagged) in posts {
        match (labelled, flagged) {
            (true, false) => println!("    {label} missed: {file}"),
            (false, true) => println!("    {label} false: {file}"),
            _ => {}
        }
    }
}

/// Recall and precision of one label over a set's posts: each post's file, whether it carries the label, and
/// whether the rules that stand for the label found anything.
fn recall_precision(set: &str, label: &str, posts: &[(&str, bool, bool)]) -> (f64, f64) {
    let true_pos = posts.iter().filter(|&&(_, l, f)| l && f).count();
    let labelled = posts.iter().filter(|&&(_, l, _)| l).count();
    let flagged = posts.iter().filter(|&&(_, _, f)| f).count();
    list_errors(set, label, posts);
    (rate(&format!("{label} recall"), true_pos, labelled), rate(&format!("{label} precision"), true_pos, flagged))
}

/// Claim recall, claim precision and the share of debunks flagged on a claims set (labels claim / clean / debunk).
fn claims_scores(name: &str) -> (f64, f64, f64) {
    let dir = set_dir(name);
    assert_frozen(&dir);
    let found = findings(&dir);
    let flagged = |file: &str| found.get(file).is_some_and(|f| f.iter().any(|f| f.category == "misinformation"));
    let rows = labels(&dir);
    println!("{name} ({} posts): a post is flagged when a misinformation rule finds something", rows.len());
    let posts: Vec<(&str, bool, bool)> =
        rows.iter().map(|(file, cols)| (file.as_str(), cols[0] == "claim", flagged(file))).collect();
    let (recall, precision) = recall_precision(name, "claim", &posts);
    let debunks: Vec<&String> = rows.iter().filter(|(_, c)| c[0] == "debunk").map(|(f, _)| f).collect();
    let debunk_posts: Vec<(&str, bool, bool)> = debunks.iter().map(|f| (f.as_str(), false, flagged(f))).collect();
    list_errors(name, "debunk", &debunk_posts);
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

/// The first claims set. Retired: tuned on in the seventh and eighth rounds of the claim rules (floors below the
/// latest score).
#[test]
fn claims_blind() {
    claims_floor("claims-blind", (0.71, 0.95, 0.08));
}

/// The second claims set, written after the first was tuned on, from other public sources. Retired like the first.
#[test]
fn claims_blind_2() {
    claims_floor("claims-blind-2", (0.68, 0.93, 0.07));
}

/// The third claims set (341 posts), written after the second had been measured through the claim-frame work, from
/// sources neither earlier set used. Retired: measured after the seventh round, tuned on in the eighth.
#[test]
fn claims_blind_3() {
    claims_floor("claims-blind-3", (0.69, 0.91, 0.06));
}

/// The rules that stand for each label of the replies set.
const REPLY_LABELS: &[(&str, &[&str])] = &[
    ("review", &["REV001", "REV002", "REV003", "REV014", "REV015", "REV016"]),
    ("endorsement", &["TST004", "TST005", "TST006", "TST010", "TST012"]),
    ("testimonial", &["TST001", "TST007", "TST011", "TST013", "PHI023"]),
];

/// Scores a set labelled like `replies-blind` (labels `review`, `endorsement`, `testimonial`, a comma list, empty for
/// clean posts) and holds each label to its floor (recall, precision) and the clean posts flagged to `clean_most`.
fn replies_scores(name: &str, floors: [(f64, f64); 3], clean_most: f64) {
    let dir = set_dir(name);
    assert_frozen(&dir);
    let found = findings(&dir);
    let rows = labels(&dir);
    println!("{name} ({} posts)", rows.len());
    for ((label, rules), (least_recall, least_precision)) in REPLY_LABELS.iter().zip(floors) {
        let posts: Vec<(&str, bool, bool)> = rows
            .iter()
            .map(|(file, cols)| {
                let labelled = cols[0].split(',').any(|l| l == *label);
                let flagged = found.get(file).is_some_and(|f| f.iter().any(|f| rules.contains(&f.rule.as_str())));
                (file.as_str(), labelled, flagged)
            })
            .collect();
        let (recall, precision) = recall_precision(name, label, &posts);
        assert!(recall >= least_recall && precision >= least_precision, "{name} {label} fell below its floor");
    }
    let clean: Vec<&String> = rows.iter().filter(|(_, c)| c[0].is_empty()).map(|(f, _)| f).collect();
    let any_rule = |file: &str| {
        found
            .get(file)
            .is_some_and(|f| f.iter().any(|f| REPLY_LABELS.iter().any(|(_, r)| r.contains(&f.rule.as_str()))))
    };
    let clean_flagged = rate("clean posts flagged", clean.iter().filter(|f| any_rule(f)).count(), clean.len());
    assert!(clean_flagged <= clean_most, "{name}: too many clean posts flagged");
}

/// The first replies set (314 posts). Retired: tuned on since the sixth round of the reply rules (floors below the
/// latest score).
#[test]
fn replies_blind() {
    replies_scores("replies-blind", [(0.83, 0.95), (0.85, 0.95), (0.82, 0.97)], 0.03);
}

/// The second replies set (307 posts), written from other sources after the first had been tuned on. Retired:
/// measured after the seventh round, tuned on in the eighth.
#[test]
fn replies_blind_2() {
    replies_scores("replies-blind-2", [(0.79, 0.88), (0.84, 0.95), (0.77, 0.95)], 0.03);
}

/// Scores a set labelled like `phi-blind` (`phi` yes/no, the identifier spans) and holds it to its floors: least
/// post recall, least post precision, most clean posts flagged.
fn phi_scores(name: &str, (least_recall, least_precision, clean_most): (f64, f64, f64)) {
    let dir = set_dir(name);
    assert_frozen(&dir);
    let found = findings(&dir);
    let rows = labels(&dir);
    println!("{name} ({} posts), no carelint.toml: a post is flagged when a PHI rule finds something", rows.len());
    let phi = |file: &str| found.get(file).into_iter().flatten().filter(|f| f.category == "phi");
    let posts: Vec<(&str, bool, bool)> =
        rows.iter().map(|(file, cols)| (file.as_str(), cols[0] == "yes", phi(file).next().is_some())).collect();
    let (recall, precision) = recall_precision(name, "phi post", &posts);
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
    assert!(
        recall >= least_recall && precision >= least_precision && clean_flagged <= clean_most,
        "{name} fell below its floor"
    );
}

/// The first PHI set (298 posts). Retired: tuned on since the fourth round of the PHI rules (floors below the latest
/// score).
#[test]
fn phi_blind() {
    phi_scores("phi-blind", (0.86, 0.95, 0.03));
}

/// The second PHI set (291 posts), written from other sources after the first had been tuned on. Retired: measured
/// after the seventh round, tuned on in the eighth.
#[test]
fn phi_blind_2() {
    phi_scores("phi-blind-2", (0.80, 0.96, 0.03));
}

/// The families of `seed-blind` (issue 18) and the rules that stand for each: a label is found when one of its rules
/// finds something in the post. `review` is a reply that confirms the reviewer is a patient or names their care.
const SEED_LABELS: &[(&str, &[&str])] = &[
    ("security", &["SEC002", "SEC003", "SEC004", "SEC005", "SEC006", "SEC007", "SEC008", "SEC009", "SEC010"]),
    ("feedback", &["REV004", "REV010", "REV011", "REV012", "REV013"]),
    ("review", &["REV001", "REV002", "REV003", "REV014", "REV015", "REV016"]),
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
        let posts: Vec<(&str, bool, bool)> = rows
            .iter()
            .map(|(file, cols)| (file.as_str(), cols[0].split(',').any(|l| l == *label), flagged_by(file, rules)))
            .collect();
        let (r, p) = recall_precision(name, label, &posts);
        assert!(r >= recall && p >= precision, "{name} {label} fell below its floor");
    }
    let every_rule: Vec<&str> = SEED_LABELS.iter().flat_map(|(_, rules)| rules.iter().copied()).collect();
    let clean: Vec<&String> = rows.iter().filter(|(_, c)| c[0].is_empty()).map(|(f, _)| f).collect();
    let clean_flagged =
        rate("clean posts flagged", clean.iter().filter(|f| flagged_by(f, &every_rule)).count(), clean.len());
    assert!(clean_flagged <= clean_most, "{name}: too many clean posts flagged");
}

/// Account security and answers to negative feedback: 193 posts written from public guidance and enforcement records
/// by a helper who had not seen the rules. Retired: tuned on in the fourth round of those rules (floors below it).
#[test]
fn seed_blind() {
    seed_scores("seed-blind", [(0.97, 0.97), (0.91, 0.95), (0.93, 0.91)], 0.03);
}

/// The second security and feedback set (216 posts), written from other sources after `seed-blind` had been measured
/// twice. Retired: measured after the seventh round, tuned on in the eighth.
#[test]
fn seed_blind_2() {
    seed_scores("seed-blind-2", [(0.97, 0.95), (0.91, 0.95), (0.81, 0.85)], 0.04);
}

/// The third security and feedback set (278 posts), written from other sources after `seed-blind-2` had been
/// measured, and frozen before the fourth round of those rules;
/// measured once after it, then tuned on in the ninth round (retired); floors a little below the numbers after that.
#[test]
fn seed_blind_3() {
    seed_scores("seed-blind-3", [(0.87, 0.96), (0.96, 0.96), (0.69, 0.86)], 0.03);
}

/// The fourth claims set (314 posts), written from sources none of the earlier sets used (tinnitus and hearing, eye
/// products, testosterone clinics, fertility supplements), and frozen before the eighth round of the claim rules;
/// measured once after it, then tuned on in the ninth round (retired); floors a little below the numbers after that.
#[test]
fn claims_blind_4() {
    claims_floor("claims-blind-4", (0.70, 0.97, 0.02));
}

/// The third replies set (305 posts), written from other sources after `replies-blind-2` had been measured, and
/// frozen before the eighth round of the reply rules;
/// measured once after it, then tuned on in the ninth round (retired); floors a little below the numbers after that.
#[test]
fn replies_blind_3() {
    replies_scores("replies-blind-3", [(0.82, 0.94), (0.84, 0.96), (0.72, 0.93)], 0.02);
}

/// The third PHI set (307 posts), written from other sources after `phi-blind-2` had been measured (school nurses,
/// veterinary consent, physical-therapy settlements, care-home birthdays), and frozen before the eighth round of the
/// PHI rules; measured once after it, then tuned on in the ninth round (retired); floors a little below the numbers
/// after that.
#[test]
fn phi_blind_3() {
    phi_scores("phi-blind-3", (0.91, 0.97, 0.03));
}

/// The fifth claims set (318 posts), written from sources none of the earlier sets used (detox foot pads, ketamine
/// clinics, pet CBD letters, medical-board actions, flu myth pages), and frozen before the ninth round of the claim
/// rules; measured once after it, then the development set of the tenth round (retired: its totals were read
/// after each change, never its posts); floors a little below the numbers after that round.
#[test]
fn claims_blind_5() {
    claims_floor("claims-blind-5", (0.58, 0.87, 0.07));
}

/// The fourth replies set (336 posts), written from other sources after `replies-blind-3` had been measured
/// (branded-content policies, veterinary and senior-care reply guidance, dental advertising rules,
/// addiction-treatment marketing), and frozen before the ninth round of the reply rules; measured once after it, then
/// the development set of the tenth round (retired: its totals were read after each change, never its posts); floors
/// a little below the numbers after that round.
#[test]
fn replies_blind_4() {
    replies_scores("replies-blind-4", [(0.65, 0.88), (0.69, 0.93), (0.77, 0.97)], 0.06);
}

/// The fourth PHI set (305 posts), written from other sources after `phi-blind-3` had been measured (ambulance
/// services, press releases, bell ringing, transplant anniversaries, de-identification guidance), and frozen before
/// the ninth round of the PHI rules; measured once after it, then the development set of the tenth round (retired:
/// its totals were read after each change, never its posts); floors a little below the numbers after that round.
#[test]
fn phi_blind_4() {
    phi_scores("phi-blind-4", (0.73, 0.84, 0.13));
}

/// The fourth security and feedback set (280 posts), written from other sources after `seed-blind-3` had been
/// measured (small-business cyber guidance, other providers' token formats, lawyers' and hotels' reply guidance), and
/// frozen before the ninth round of those rules; measured once after it, then the development set of the tenth round
/// (retired: its totals were read after each change, never its posts); floors a little below the numbers after that
/// round.
#[test]
fn seed_blind_4() {
    seed_scores("seed-blind-4", [(0.69, 0.95), (0.43, 0.91), (0.85, 0.74)], 0.06);
}

/// The sixth claims set (309 posts), written from sources none of the earlier sets used (hydrogen water, hormone
/// clinics, chelation, homeopathic teething, cataract drops, peptides, exosomes, red-light devices, chiropractors'
/// vaccine claims), and frozen before the tenth round of the claim rules; measured once after it (README), then the
/// development set of the eleventh round (retired: its totals were read after each change, never its posts); floors a
/// little below the numbers after it.
#[test]
fn claims_blind_6() {
    claims_floor("claims-blind-6", (0.54, 0.81, 0.11));
}

/// The fifth replies set (333 posts), written from other sources after `replies-blind-4` had been measured (podcast
/// sponsorship rules, YouTube and Pinterest disclosure policies, state medical-board advertising rules, optometry
/// reputation guidance), and frozen before the tenth round of the reply rules; measured once after it (README),
/// then the development set of the eleventh round
/// (retired: its totals were read after each change, never its posts); floors a little below the numbers after it.
#[test]
fn replies_blind_5() {
    replies_scores("replies-blind-5", [(0.66, 0.87), (0.47, 0.92), (0.50, 0.86)], 0.05);
}

/// The fifth PHI set (306 posts), written from other sources after `phi-blind-4` had been measured (settlements over
/// media disclosures, nursing-board discipline over posts, veterinary photo guidance, Safe Harbor training), and frozen
/// before the tenth round of the PHI rules; measured once after it (README), then the development set of the eleventh
/// round (retired: its totals were read after each change, never its posts); floors a little below the numbers after
/// it.
#[test]
fn phi_blind_5() {
    phi_scores("phi-blind-5", (0.70, 0.84, 0.12));
}

/// The fifth security and feedback set (289 posts), written from other sources after `seed-blind-4` had been
/// measured (restaurant and contractor review fights, lawyers' reply ethics, photo leaks of credentials, token-format
/// write-ups, storage SAS URLs), and frozen before the tenth round of those rules; measured once after it (README),
/// then the development set of the eleventh round
/// (retired: its totals were read after each change, never its posts); floors a little below the numbers after it.
#[test]
fn seed_blind_5() {
    seed_scores("seed-blind-5", [(0.68, 0.92), (0.46, 0.92), (0.79, 0.70)], 0.08);
}

/// The seventh claims set (300 posts), written from sources none of the earlier sets used (parasite cleanses, breast
/// thermography, raw milk, seed oils, sunscreen and fluoride fear, vision apps, compounded GLP-1 telehealth, pediatric
/// chiropractic, stem-cell and PRP hair treatment), and frozen before the eleventh round of the claim rules; measured
/// once after it (README), floors a little below.
#[test]
fn claims_blind_7() {
    claims_floor("claims-blind-7", (0.36, 0.88, 0.03));
}

/// The sixth replies set (332 posts), written from other sources after `replies-blind-5` had been measured (HHS
/// review-reply cases, the ADA reviews toolkit, the 2023 endorsement guides, chiropractic and veterinary board rules),
/// and frozen before the eleventh round of the reply rules; measured once after it (README), floors a little below.
#[test]
fn replies_blind_6() {
    replies_scores("replies-blind-6", [(0.70, 0.86), (0.35, 0.85), (0.55, 0.87)], 0.10);
}

/// The sixth PHI set (298 posts, nearly every one with a twin of the other label), written from other sources after
/// `phi-blind-5` had been measured (a nursing-home "success stories" settlement, a state attorney-general settlement,
/// veterinary and therapist social-media guidance, de-identification pages), and frozen before the eleventh round;
/// measured once after it (README), floors a little below.
#[test]
fn phi_blind_6() {
    phi_scores("phi-blind-6", (0.72, 0.86, 0.12));
}

/// The sixth security and feedback set (288 posts), written from other sources after `seed-blind-5` had been
/// measured (secret-scanner format pages, an HHS case over a practice's review replies, reply guidance of medical and
/// chiropractic bodies), and frozen before the eleventh round of those rules; measured once after it (README), floors a
/// little below.
#[test]
fn seed_blind_6() {
    seed_scores("seed-blind-6", [(0.81, 0.94), (0.50, 0.95), (0.75, 0.84)], 0.06);
}
