//! In-process costs of the engine: compiling the default ruleset, normalising a post, checking one post with the
//! full default ruleset, how checking scales with extra phrases, and a whole pre-commit check (compile for a few
//! posts, check one). Run with `cargo bench --bench engine`.
//! Whole-program numbers against ripgrep come from `benches/compare.sh`.

use std::fmt::Write as _;

use carelint::allow::Allowlist;
use carelint::check::check_text;
use carelint::config::Config;
use carelint::engine::Engine;
use carelint::rules::{Ruleset, DEFAULT_FILES};
use carelint::text::normalize::normalize;

fn main() {
    divan::main();
}

/// A ~1 KB Instagram-style post with emoji, curly quotes, a phone number, a date and a claim.
const POST: &str = "---\nplatform: instagram\nkind: educational\n---\n\
Fall is here 🍂 and so is flu season! Our team at Lakeside Family Health wants every patient to stay well.\n\n\
Walk-in flu shots run Monday–Friday, 8am–5pm, no appointment needed. Bring your insurance card; most plans cover \
the shot at no cost. Kids 6 months and up can be vaccinated too — it’s quick and we have stickers 😄\n\n\
“Do I really need one every year?” Yes: the virus changes and protection fades. Flu vaccines reduce the risk of \
flu illness, hospital stays and missed school or work.\n\n\
Some people online call elderberry syrup a miracle cure for the flu. There’s no good evidence for that, so ask us \
before you rely on it.\n\nQuestions? Call (312) 555-0100 or email hello@clinic.example. Clinic closed 11/27 for \
Thanksgiving.\n\n#FluSeason #GetVaccinated #FamilyMedicine #HealthTips 💉\n";

fn default_set() -> Ruleset {
    Ruleset::default_rules().and_then(Ruleset::resolve).expect("default rules load")
}

fn engine_with(set: &Ruleset) -> Engine {
    Engine::new(set.rules.clone(), set.words(), Allowlist::default()).expect("rules compile")
}

/// The default rules plus one rule with `n` generated claim phrases ("reverses chronic asthma", ...).
fn set_with_extra_phrases(n: usize) -> Ruleset {
    let verbs = ["cures", "reverses", "heals", "eliminates", "prevents", "melts away", "detoxes", "wipes out"];
    let mods = ["", "chronic ", "severe ", "stage 4 ", "all ", "childhood ", "adult "];
    let conditions = [
        "asthma",
        "diabetes",
        "arthritis",
        "eczema",
        "migraines",
        "anxiety",
        "insomnia",
        "psoriasis",
        "acne",
        "gout",
        "lupus",
        "sciatica",
        "tinnitus",
        "vertigo",
        "allergies",
        "acid reflux",
        "fibromyalgia",
        "obesity",
    ];
    let mut phrases = String::new();
    let mut count = 0;
    'outer: for round in 0.. {
        for v in verbs {
            for m in mods {
                for c in conditions {
                    if count == n {
                        break 'outer;
                    }
                    let _ = write!(phrases, "\"{v} {m}{c} {round}\", ");
                    count += 1;
                }
            }
        }
    }
    let extra = format!(
        "[[rules]]\nid = \"BEN001\"\nname = \"extra-phrases\"\ncategory = \"misinformation\"\nseverity = \"warning\"\n\
         message = \"extra\"\nphrases = [{phrases}]\n"
    );
    let mut set = Ruleset::default_rules().expect("default rules load");
    if n > 0 {
        set.add_file("extra.toml", &extra).expect("extra rules load");
    }
    set.resolve().expect("extra rules resolve")
}

#[divan::bench]
fn compile_default_ruleset() -> Engine {
    let set = default_set();
    engine_with(&set)
}

#[divan::bench]
fn parse_default_ruleset_toml() -> usize {
    let mut set = Ruleset::default();
    for (name, text) in DEFAULT_FILES {
        set.add_file(name, text).expect("loads");
    }
    set.rules.len()
}

#[divan::bench(args = [false, true])]
fn normalize_post(bencher: divan::Bencher, ascii_only: bool) {
    let text: String = if ascii_only { POST.chars().filter(char::is_ascii).collect() } else { POST.to_string() };
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| normalize(divan::black_box(&text)).text().len());
}

#[divan::bench]
fn check_one_post(bencher: divan::Bencher) {
    let engine = engine_with(&default_set());
    let config = Config::default();
    bencher
        .counter(divan::counter::BytesCount::new(POST.len()))
        .bench(|| check_text(&engine, &config, None, POST.to_string()).expect("checks").0.len());
}

#[divan::bench(args = [0, 100, 1_000, 10_000])]
fn check_one_post_with_extra_phrases(bencher: divan::Bencher, extra: usize) {
    let engine = engine_with(&set_with_extra_phrases(extra));
    let config = Config::default();
    bencher
        .counter(divan::counter::BytesCount::new(POST.len()))
        .bench(|| check_text(&engine, &config, None, POST.to_string()).expect("checks").0.len());
}

#[divan::bench(args = [100, 1_000, 10_000])]
fn compile_with_extra_phrases(bencher: divan::Bencher, extra: usize) {
    let set = set_with_extra_phrases(extra);
    bencher.bench(|| engine_with(&set));
}

/// A pre-commit check in process: compile the rules for a few posts, then check one post (its gated patterns
/// compile on first use, so every iteration pays for them too).
#[divan::bench(args = [0, 10_000])]
fn precommit_compile_and_check(bencher: divan::Bencher, extra: usize) {
    let set = set_with_extra_phrases(extra);
    let config = Config::default();
    bencher.bench(|| {
        let engine =
            Engine::for_few_posts(set.rules.clone(), set.words(), Allowlist::default()).expect("rules compile");
        check_text(&engine, &config, None, POST.to_string()).expect("checks").0.len()
    });
}
