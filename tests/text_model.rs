//! The text model seen from outside: disguised phrases are found and located on the original bytes, calendars
//! point at their cells, front matter reaches the rules, and platforms get their limits.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use carelint::allow::Allowlist;
use carelint::check::check_text;
use carelint::config::Config;
use carelint::engine::Engine;

use common::{check_json_in, default_ruleset, findings, many_posts_engine, write};

/// `carelint check --no-config --format json --show-matches ARGS` in `dir`: the report.
fn run_json(dir: &Path, args: &[&str]) -> Value {
    check_json_in(dir, &[&["--show-matches"], args].concat()).1
}

#[test]
fn every_evasion_of_a_misinformation_phrase_is_found_on_the_original_bytes() {
    let disguises = [
        ("bold", "𝐦𝐢𝐫𝐚𝐜𝐥𝐞 𝐜𝐮𝐫𝐞"),
        ("digit swaps", "M1RACLE CUR3"),
        ("letter spacing", "m i r a c l e  c u r e"),
        ("soft hyphen", "mir\u{AD}acle cure"),
        ("zero-width space", "mir\u{200B}acle cu\u{200B}re"),
        ("Cyrillic look-alikes", "mir\u{430}cl\u{435} cure"),
        ("CamelCase hashtag", "#MiracleCure"),
        ("lower-case hashtag", "#nosideeffects"),
        ("fullwidth", "ｍｉｒａｃｌｅ ｃｕｒｅ"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (what, disguised)) in disguises.iter().enumerate() {
        let name = format!("post-{i}.md");
        let text = format!("New this month ✨ our turmeric latte is a {disguised} for sore joints!\n");
        write(dir.path(), &name, &text);
        let report = run_json(dir.path(), &["--select", "misinformation", &name]);
        let hit = findings(&report)
            .iter()
            .find(|f| {
                let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
                disguised.trim_start_matches('#') == &text[s..e]
            })
            .unwrap_or_else(|| panic!("{what}: no finding spans exactly {disguised:?}: {report:#}"));
        assert_eq!(hit["category"], "misinformation", "{what}");
    }
}

#[test]
fn calendar_of_1000_rows_reports_line_column_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("date,platform,caption\n");
    let mut expected = Vec::new(); // (row, line, column)
    let mut line = 2;
    for row in 1..=1000 {
        if row % 100 == 0 {
            // a quoted, multi-line cell with doubled quotes; the claim is on its second line
            let _ = writeln!(
                csv,
                "2026-02-{:02},facebook,\"Big \"\"news\"\" today!\nThis tea is a miracle cure, honestly.\"",
                row % 28 + 1
            );
            expected.push((row, line + 1, "This tea is a ".chars().count() + 1));
            line += 2;
        } else {
            let _ =
                writeln!(csv, "2026-01-{:02},instagram,Drink water and stretch every hour. Day {row}.", row % 28 + 1);
            line += 1;
        }
    }
    write(dir.path(), "calendar.csv", &csv);
    let report = run_json(dir.path(), &["--select", "misinformation", "calendar.csv"]);
    let got: Vec<(u64, u64, u64)> = findings(&report)
        .iter()
        .filter(|f| f["excerpt"] == "miracle cure")
        .map(|f| (f["row"].as_u64().unwrap(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    let expected: Vec<(u64, u64, u64)> = expected.iter().map(|&(r, l, c)| (r as u64, l as u64, c as u64)).collect();
    assert_eq!(got, expected);
    for f in findings(&report) {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&csv[s..e], f["excerpt"].as_str().unwrap());
    }
}

#[test]
fn a_300_character_post_for_x_is_too_long_but_not_for_linkedin() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = "Flu shots are in. Walk in any weekday from 8 to 5, no appointment needed. "
        .repeat(5)
        .chars()
        .take(300)
        .collect();
    write(dir.path(), "x.md", format!("---\nplatform: x\n---\n{body}"));
    write(dir.path(), "li.md", format!("---\nplatform: linkedin\n---\n{body}"));
    let x = run_json(dir.path(), &["--select", "platform", "x.md"]);
    assert_eq!(findings(&x).len(), 1);
    assert_eq!(findings(&x)[0]["rule"], "PLT001");
    assert_eq!(findings(&x)[0]["category"], "platform");
    let li = run_json(dir.path(), &["--select", "platform", "li.md"]);
    assert!(findings(&li).is_empty(), "{li:#}");
}

/// The default engine with normalisation on or off, compiled once for all property cases.
fn engine(normalize: bool) -> &'static Engine {
    static ENGINES: std::sync::OnceLock<[Engine; 2]> = std::sync::OnceLock::new();
    let engines = ENGINES.get_or_init(|| {
        let set = default_ruleset();
        let build = |on: bool| many_posts_engine(&set, Allowlist::default()).with_normalization(on);
        [build(false), build(true)]
    });
    &engines[usize::from(normalize)]
}

/// Text that mixes default-rule phrases and identifiers with arbitrary noise.
fn post_text(unicode: bool) -> impl Strategy<Value = String> {
    let noise = if unicode { "\\PC{0,12}" } else { "[ -~\\n]{0,12}" };
    let pieces = prop::sample::select(vec![
        "miracle cure",
        "SSN 219-45-6781",
        "Call (312) 555-0142",
        "vaccines cause autism",
        "#ad",
        "patient",
        "Myth:",
        " ",
        "\n",
        "m1racle",
    ]);
    prop::collection::vec((pieces, noise), 0..12)
        .prop_map(|parts| parts.into_iter().map(|(p, n)| format!("{p}{n}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_finding_lies_inside_the_text_on_character_boundaries(text in post_text(true)) {
        let (findings, _) = check_text(engine(true), &Config::default(), None, text.clone()).unwrap();
        for f in findings {
            prop_assert!(f.start < f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert_eq!(&f.matched, &text[f.start..f.end]);
        }
    }

    #[test]
    fn ascii_text_gives_the_same_findings_with_and_without_normalisation(text in post_text(false)) {
        let spans = |normalize: bool| -> Vec<(usize, usize, usize)> {
            let (f, _) = check_text(engine(normalize), &Config::default(), None, text.clone()).unwrap();
            f.into_iter().map(|f| (f.rule, f.start, f.end)).collect()
        };
        prop_assert_eq!(spans(true), spans(false));
    }
}
