//! No output repeats a detected identifier: masking holds for every finding's excerpt and source line, in every
//! format, over every identifier found in the post (issue: trust). Drives the real binary.

mod common;

use std::collections::BTreeSet;

use serde_json::Value;

use common::{check_in, dir_with, json};

const FORMATS: [&str; 7] = ["human", "concise", "json", "sarif", "github", "junit", "gitlab"];

/// A temporary directory holding one post.
fn post_dir(name: &str, text: &str) -> tempfile::TempDir {
    dir_with(&[(name, text.as_bytes())])
}

/// The findings of the JSON report `stdout`.
fn findings(stdout: &str) -> Vec<Value> {
    common::findings(&json(stdout)).to_vec()
}

/// The issue's reproduction: a long post for X whose length finding (PLT001) has the SSN inside its excerpt.
fn long_x_post_with_ssn() -> String {
    format!(
        "---\nplatform: x\n---\n{}Patient SSN 532-48-1975 is on file.\n",
        "Flu shots are here, walk in anytime. ".repeat(8)
    )
}

#[test]
fn excerpts_of_other_rules_mask_the_identifiers_in_them() {
    let dir = post_dir("x.md", &long_x_post_with_ssn());
    for format in FORMATS {
        let (code, out, _) = check_in(dir.path(), &["--format", format, "x.md"]).parts();
        assert_eq!(code, 1, "{format}");
        assert!(!out.contains("532-48-1975"), "{format} shows the SSN:\n{out}");
        assert!(!out.contains("532-48"), "{format} shows part of the SSN:\n{out}");
    }
    let out = check_in(dir.path(), &["--format", "json", "x.md"]).stdout;
    let length = findings(&out).into_iter().find(|f| f["rule"] == "PLT001").expect("the post is too long for X");
    assert!(length["excerpt"].as_str().unwrap().contains("***-**-**75"), "{length}");
}

#[test]
fn show_matches_shows_them() {
    let dir = post_dir("x.md", &long_x_post_with_ssn());
    let out = check_in(dir.path(), &["--format", "json", "--show-matches", "x.md"]).stdout;
    let length = findings(&out).into_iter().find(|f| f["rule"] == "PLT001").unwrap();
    assert!(length["excerpt"].as_str().unwrap().contains("532-48-1975"));
}

#[test]
fn identifiers_are_masked_even_when_their_rules_are_not_selected() {
    let dir = post_dir("x.md", &long_x_post_with_ssn());
    for format in FORMATS {
        let (code, out, _) =
            check_in(dir.path(), &["--format", format, "--select", "platform", "--fail-on", "warning", "x.md"]).parts();
        assert_eq!(code, 1, "{format}: the length finding is still reported");
        assert!(!out.contains("532-48-1975"), "{format}:\n{out}");
        assert!(!out.contains("PHI001"), "{format}: an unselected rule reports nothing:\n{out}");
    }
}

#[test]
fn identifiers_are_masked_where_their_finding_is_suppressed() {
    let text = format!(
        "---\nplatform: x\ncarelint: {{ allow: [PHI001], reason: \"test\" }}\n---\n{}Patient SSN 532-48-1975 is on file.\n",
        "Flu shots are here, walk in anytime. ".repeat(8)
    );
    let dir = post_dir("x.md", &text);
    let out = check_in(dir.path(), &["--format", "json", "x.md"]).stdout;
    assert!(!out.contains("532-48-1975"), "{out}");
    assert!(findings(&out).iter().all(|f| f["rule"] != "PHI001"), "the suppression holds");
}

#[test]
fn context_windows_do_not_cross_sentences() {
    // the patient word of the next sentence used to make this number the practice's: it was neither reported nor
    // masked
    let dir =
        post_dir("p.md", "Text Marisol at (312) 555-0147. Our patient Marisol is recovering well after surgery.\n");
    for format in FORMATS {
        let (code, out, _) = check_in(dir.path(), &["--format", format, "p.md"]).parts();
        assert_eq!(code, 1, "{format}");
        assert!(!out.contains("555-0147"), "{format} shows the phone number:\n{out}");
        // the name found in the second sentence is masked in the first one too
        assert!(!reported_part(format, out.clone()).contains("Marisol"), "{format} shows the patient's name:\n{out}");
    }
    let out = check_in(dir.path(), &["--format", "json", "p.md"]).stdout;
    let phone = findings(&out).into_iter().find(|f| f["excerpt"] == "(***) ***-**47");
    assert!(phone.is_some(), "the phone number is reported:\n{out}");
}

#[test]
fn staff_word_on_the_next_line_does_not_hide_a_patient_name() {
    let dir = post_dir("p.md", "Meet Dana, home after knee surgery\nour hygienist cheered her on\n");
    let out = check_in(dir.path(), &["--format", "json", "p.md"]).stdout;
    let rules: Vec<Value> = findings(&out).iter().map(|f| f["rule"].clone()).collect();
    assert!(rules.contains(&Value::from("PHI016")), "{out}");
    assert!(!out.contains("Dana"), "{out}");
}

#[test]
fn titles_do_not_end_the_sentence_of_a_staff_introduction() {
    let dir = post_dir("p.md", "Thank you for your review. Our office manager, Ms. Lee, will reach out.\n");
    let out = check_in(dir.path(), &["--format", "json", "p.md"]).stdout;
    assert_eq!(findings(&out), Vec::<Value>::new(), "{out}");
}

#[test]
fn one_finding_per_rule_per_paragraph_with_related_spans() {
    let reply = "---\nkind: review-reply\n---\nHi Marisol, we're sorry your crown took two visits. Our records show \
                 you missed your\nappointment on March 3, so Dr. Patel had to reschedule your procedure.\n\nThanks \
                 again, and your feedback helps.\n";
    let dir = post_dir("r.md", reply);
    let out = check_in(dir.path(), &["--format", "json", "r.md"]).stdout;
    let all = findings(&out);
    let rev001: Vec<&Value> = all.iter().filter(|f| f["rule"] == "REV001").collect();
    assert_eq!(rev001.len(), 1, "one REV001 finding for the first paragraph:\n{out}");
    let related = rev001[0]["related"].as_array().expect("related places listed");
    assert!(related.len() >= 3, "{out}");
    for place in related {
        let (start, end) = (place["start"].as_u64().unwrap() as usize, place["end"].as_u64().unwrap() as usize);
        assert_eq!(&reply[start..end], place["excerpt"].as_str().unwrap(), "related spans point at their text");
    }
    let human = check_in(dir.path(), &["r.md"]).stdout;
    assert!(human.contains("= also at 4:53, 4:70"), "{human}");
    let sarif = check_in(dir.path(), &["--format", "sarif", "r.md"]).stdout;
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let result = log["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "REV001").unwrap();
    assert_eq!(result["relatedLocations"].as_array().unwrap().len(), related.len());
}

#[test]
fn two_identifier_rules_on_the_same_name_report_it_once() {
    // "Eli" is both a patient's name in a care context (PHI016) and a relative named in a reply (PHI017)
    let reply = "---\nkind: review-reply\n---\nThank you for the lovely review! We're so glad your son Eli is \
                 feeling better and that the ear infection cleared up with the antibiotics.\n";
    let dir = post_dir("r.md", reply);
    let out = check_in(dir.path(), &["--format", "json", "r.md"]).stdout;
    let at = reply.find("Eli").unwrap() as u64;
    let on_name: Vec<Value> =
        findings(&out).into_iter().filter(|f| f["category"] == "phi" && f["start"] == at).collect();
    assert_eq!(on_name.len(), 1, "one finding for the name:\n{out}");
    // either rule alone still reports it
    for rule in ["PHI016", "PHI017"] {
        let out = check_in(dir.path(), &["--format", "json", "--select", rule, "r.md"]).stdout;
        assert!(findings(&out).iter().any(|f| f["rule"] == rule && f["start"] == at), "{rule}:\n{out}");
    }
}

/// The values that `out` holds as whole words (a made-up name can be the start of a made-up filler word), found in
/// one pass.
fn held_words<'a>(out: &str, values: &'a [String]) -> Vec<&'a str> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let matcher = aho_corasick::AhoCorasick::new(values).unwrap();
    let mut held: Vec<&str> = matcher
        .find_overlapping_iter(out)
        .filter(|m| !word(out[..m.start()].chars().next_back()) && !word(out[m.end()..].chars().next()))
        .map(|m| values[m.pattern().as_usize()].as_str())
        .collect();
    held.sort_unstable();
    held.dedup();
    held
}

/// A report without the parts that describe the rules (SARIF's rule help quotes made-up example names).
fn reported_part(format: &str, out: String) -> String {
    if format != "sarif" {
        return out;
    }
    let mut log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    log["runs"][0]["tool"] = Value::Null;
    log.to_string()
}

#[test]
fn every_format_over_2000_generated_posts_hides_every_identifier_found() {
    let dir = tempfile::tempdir().unwrap();
    corpus::write(dir.path(), 2000);
    // what the PHI rules found, in full: every format without --show-matches must hide each of these
    let (code, out, _) = check_in(dir.path(), &["--format", "json", "--show-matches", "posts"]).parts();
    assert_eq!(code, 1);
    let mut found: BTreeSet<String> = BTreeSet::new();
    for f in findings(&out).iter().filter(|f| f["category"] == "phi") {
        let related = f["related"].as_array().into_iter().flatten();
        for excerpt in std::iter::once(f).chain(related).filter_map(|x| x["excerpt"].as_str()) {
            // values of up to five characters are masked whole, so they are no different from plain words
            if excerpt.chars().filter(|c| c.is_alphanumeric()).count() >= 6 {
                found.insert(excerpt.to_string());
            }
        }
    }
    assert!(found.len() > 1500, "the corpus must hold many identifiers (found {})", found.len());
    let found: Vec<String> = found.into_iter().collect();
    for format in FORMATS {
        let (code, out, _) = check_in(dir.path(), &["--format", format, "posts"]).parts();
        assert_eq!(code, 1, "{format}");
        let out = reported_part(format, out);
        let leaked = held_words(&out, &found);
        assert!(leaked.is_empty(), "{format} prints identifiers in full: {leaked:?}");
    }
    // the diff of every fix shows the lines around each identifier, masked
    let (code, out, _) = check_in(dir.path(), &["--diff", "--unsafe-fixes", "--format", "concise", "posts"]).parts();
    assert_eq!(code, 1);
    assert!(out.contains("+++ b/posts/"), "the fixes change the posts");
    let leaked = held_words(&out, &found);
    assert!(leaked.is_empty(), "--diff prints identifiers in full: {leaked:?}");
}

/// A generated corpus of varied posts (a different vocabulary draw, name, number and layout in every post), each
/// with identifiers in places where other rules' excerpts and source lines reach them. All values are made up.
mod corpus {
    use std::fmt::Write as _;
    use std::path::Path;

    /// A small deterministic generator (SplitMix64), so the corpus is the same on every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    const ONSETS: &[&str] = &["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st"];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "io"];
    const CODAS: &[&str] = &["", "n", "r", "l", "s", "th", "m", "x"];
    const WORDS: &[&str] = &[
        "clinic",
        "walk-in",
        "hours",
        "season",
        "hydration",
        "sleep",
        "stretching",
        "checkup",
        "family",
        "weekend",
        "parking",
        "team",
        "reminder",
        "screening",
        "vaccine",
        "clinic's",
        "community",
        "schedule",
        "wellness",
        "tips",
    ];
    const AREAS: &[&str] = &["212", "312", "415", "617", "713", "503", "614", "919", "404", "720", "206", "602"];

    /// A made-up word of two or three syllables.
    fn word(rng: &mut Rng, syllables: usize) -> String {
        (0..syllables).map(|_| format!("{}{}{}", rng.pick(ONSETS), rng.pick(VOWELS), rng.pick(CODAS))).collect()
    }

    /// A made-up given name, capitalised, unique enough to never be an ordinary word.
    fn name(rng: &mut Rng) -> String {
        let syllables = 2 + rng.below(2);
        let mut n = word(rng, syllables);
        n[..1].make_ascii_uppercase();
        n
    }

    fn filler(rng: &mut Rng) -> String {
        let mut s = String::new();
        for i in 0..6 + rng.below(8) {
            let syllables = 1 + rng.below(3);
            let w = if rng.below(3) == 0 { rng.pick(WORDS).to_string() } else { word(rng, syllables) };
            s.push_str(if i == 0 { "" } else { " " });
            s.push_str(&w);
        }
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }

    fn ssn(rng: &mut Rng) -> String {
        format!("{}{:02}-{:02}-{:04}", 1 + rng.below(5), rng.below(100), 1 + rng.below(98), 1 + rng.below(9998))
    }

    fn phone(rng: &mut Rng) -> String {
        format!("({}) 555-01{:02}", rng.pick(AREAS), rng.below(100))
    }

    /// One post with identifiers.
    fn post(rng: &mut Rng) -> String {
        let (who, other) = (name(rng), name(rng));
        let x = rng.below(3) == 0;
        let mut text = String::new();
        if x {
            text.push_str("---\nplatform: x\n---\n");
        }
        for _ in 0..2 + rng.below(4) {
            let _ = write!(text, "{} ", filler(rng));
        }
        text.push('\n');
        let identifiers = [
            format!("Patient SSN {} is on file.", ssn(rng)),
            format!("For the insurance form my SSN is {}, please call me back.", ssn(rng)),
            format!("Text {who} at {}. Our patient {who} is recovering well after surgery.", phone(rng)),
            format!("Our patient {who} is home after knee surgery, call her at {}.", phone(rng)),
            format!("Meet {other}, home after hip surgery and walking again!"),
            format!("Congrats to our patient {other} on finishing chemo, her SSN {} is on the form.", ssn(rng)),
        ];
        for _ in 0..1 + rng.below(2) {
            let _ = write!(text, "{} ", identifiers[rng.below(identifiers.len())]);
        }
        let _ = writeln!(text, "{}", filler(rng));
        text
    }

    /// Writes `count` posts under `dir/posts`, a hundred a folder.
    pub fn write(dir: &Path, count: usize) {
        let mut rng = Rng(0x5EED_CA2E);
        for i in 0..count {
            let folder = dir.join(format!("posts/d{:03}", i / 100));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("p{i:05}.md")), post(&mut rng)).unwrap();
        }
    }
}

/// A reply rule's frame that names the person it speaks to ("Thanks Sam!") holds a person in its `to` slot: the name
/// is masked in the excerpt and the slots of every format, though no PHI rule reports it (the review found "Sam"
/// printed in full in REV015's excerpt and `matched:` line).
#[test]
fn a_person_in_a_reply_rules_slot_is_masked_in_every_format() {
    let dir = post_dir("r.md", "Thanks Sam! Glad the deductible question got sorted out.\n");
    for format in FORMATS {
        let (code, out, _) = check_in(dir.path(), &["--format", format, "r.md"]).parts();
        assert_eq!(code, 1, "{format}: REV015 finds the billing word next to the name");
        assert!(!out.contains("Sam"), "{format} shows the name:\n{out}");
    }
    let out = check_in(dir.path(), &["--format", "json", "--show-matches", "r.md"]).stdout;
    assert!(out.contains("Sam"), "--show-matches shows it:\n{out}");
}
