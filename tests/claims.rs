//! Health claims as regulators see them (issue 13): the claim frames of the default misinformation rules find every
//! shape of disease claim the issue lists, name the hedge they carry, stay silent on the clean texts that use the same
//! words, and `explain` shows what fills each part of a frame.

mod common;

use common::{carelint, check_stdin, findings};

/// A misinformation finding: its rule id and the names of the slots its frame filled.
type Claim = (String, Vec<String>);

/// The misinformation findings of one post.
fn claims(text: &str) -> Vec<Claim> {
    let run = check_stdin(&["--format", "json", "--stdin-filename", "post.md"], text);
    assert!(run.code <= 1, "{}", run.stderr);
    let report = run.json();
    findings(&report)
        .iter()
        .filter(|f| f["category"] == "misinformation")
        .map(|f| {
            let slots = f["slots"].as_array().into_iter().flatten();
            let names = slots.map(|s| s["slot"].as_str().unwrap_or_default().to_string()).collect();
            (f["rule"].as_str().unwrap_or_default().to_string(), names)
        })
        .collect()
}

/// One made-up post for each shape in the issue's list.
const SHAPES: &[&str] = &[
    "Our laser sessions dissolve kidney stones without an incision.",
    "Our 21-day protocol wipes out Lyme bacteria for good.",
    "The microcurrent eye program halts macular degeneration.",
    "Our thyroid reset drip normalises thyroid levels in three weeks.",
    "Our fish oil brings down triglycerides in people with heart disease.",
    "This foot soak drains the toxins that feed arthritis.",
    "Meet your flu armor: our immune drip, Fridays only.",
    "Black seed oil: a natural defence against shingles.",
    "Our nasal spray keeps RSV away.",
    "Our homeopathic kit is a drug-free alternative to the measles shot.",
    "Take our elderberry syrup and you'll bounce back twice as fast if you catch it.",
    "Our decompression program works for 9 out of 10 patients with sciatica.",
    "Our cranial technique cuts migraine days in half.",
    "Eczema rashes gone in 48 hours with our calendula balm.",
    "Every client on our reset was off blood-pressure pills within a year.",
    "Our turmeric complex is stronger than statins.",
    "Skip the knee replacement: our stem cell injections regrow cartilage.",
    "With our light therapy plan there's no need for antidepressants.",
    "We love October.\n\nOur founder will explain why mammograms spread cancer by squeezing the tissue.",
    "Statins cause dementia, so we help patients find other ways.",
    "Amalgam fillings poison your brain a little more with every bite.",
    "Natural immunity beats any shot, every time.",
    "After our breathing course you can ditch your inhaler.",
    "Most of our clients come off their thyroid meds within six months.",
    "Our reishi tincture may help prevent shingles this winter.",
    "Our capsules support healthy blood sugar and a lower A1c.",
    "Studies suggest our red light pods reverse neuropathy.",
    "Research shows our peptide injections heal tendonitis faster.",
    "Designed to shrink fibroids naturally: our herbal womb tea.",
    "Our silver hydrosol has shown activity against strep.",
];

/// The issue's clean texts, and more of the same kinds: myth/fact and claim/fact pairs, questions answered no,
/// reported claims, negations and accurate statements of standard care.
const CLEAN: &[&str] = &[
    "Myth: cracking your knuckles causes arthritis. Fact: studies of lifelong knuckle crackers found no link.",
    "Does colloidal silver treat infections? No.",
    "There is no cure for the common cold; rest and fluids help.",
    "Antibiotics won't help a cold.",
    "The shingles vaccine lowers your risk of nerve pain.",
    "Surgery cures many early skin cancers.",
    "Claim: vitamin C megadoses cure the flu.\nFact: vitamin C does not treat flu. Get your flu shot.",
    "Some sites claim apple cider vinegar dissolves kidney stones. See us if you have flank pain.",
    "You may have heard that statins cause dementia. Large studies have not found that.",
    "Two doses of the MMR vaccine are about 97% effective at preventing measles.",
    "Is there a natural alternative to the flu shot? No. Nothing replaces the vaccine.",
    "Colonoscopy can prevent colon cancer by finding polyps before they turn into cancer.",
    "Daily sunscreen lowers your risk of skin cancer.",
    "Magnesium supports restful sleep for some people.",
    "\"I skip mammograms because the radiation causes cancer.\"\n\nWe hear this one a lot. The dose is very low.",
    "We get asked whether vitamin pills can protect against cancer. Large studies have not shown that.",
    "Scroll any feed and you'll see drips sold as cures for cancer. The evidence does not support them.",
    "Prescription-strength omega-3s can lower triglycerides for people with very high levels.",
    "Regular exercise may lower blood pressure and your risk of type 2 diabetes.",
];

#[test]
fn every_claim_shape_of_the_issue_is_found() {
    let missed: Vec<&&str> = SHAPES.iter().filter(|text| claims(text).is_empty()).collect();
    assert!(missed.is_empty(), "no misinformation finding for: {missed:#?}");
}

#[test]
fn the_clean_texts_that_use_the_same_words_stay_clean() {
    let flagged: Vec<(&&str, Vec<Claim>)> =
        CLEAN.iter().map(|text| (text, claims(text))).filter(|(_, found)| !found.is_empty()).collect();
    assert!(flagged.is_empty(), "flagged: {flagged:#?}");
}

#[test]
fn a_hedge_is_named_and_excuses_nothing() {
    let found = claims("Our reishi tincture may help prevent shingles this winter.");
    let (rule, slots) = found.first().expect("a hedged claim is still a claim");
    assert_eq!(rule, "MIS008");
    assert_eq!(slots, &["product", "hedge", "claim", "disease"]);
}

#[test]
fn a_hedged_claim_names_its_hedge_in_the_message() {
    let run = check_stdin(
        &["--format", "json", "--stdin-filename", "post.md"],
        "Our reishi tincture may help prevent shingles this winter.",
    );
    let report = run.json();
    let messages: Vec<String> =
        findings(&report).iter().map(|f| f["message"].as_str().unwrap_or_default().to_string()).collect();
    let named = messages.iter().any(|m| m.contains("hedged claim: 'may help' + 'prevent' + 'shingles'"));
    assert!(named, "{messages:#?}");
}

#[test]
fn a_claim_needs_no_known_subject() {
    // a brand name no lexicon knows, a pronoun, a subject left out: the verb and the disease make the claim
    for text in [
        "FlexEase Max rebuilds worn cartilage and wipes out rheumatoid arthritis for good.",
        "Some early research suggests it may shorten the flu.",
        "Say goodbye to ear infections and strep this school year!",
        "Our cinnamon blend may help lower A1c and reduce insulin needs.",
    ] {
        assert!(!claims(text).is_empty(), "no misinformation finding for {text:?}");
    }
}

#[test]
fn a_negation_outside_the_claims_clause_does_not_refute_it() {
    // an em dash (an ASCII "-" after normalisation) and a result "so" end the claim's clause; "don't realize" and
    // "no diet" deny nothing
    for text in [
        "High-dose vitamin C IV cures sepsis \u{2014} hospitals just won't use it because it's cheap.",
        "It balances hormones, clears PCOS and reverses infertility so you might not need IVF at all.",
        "A lot of people don't realize the flu shot can weaken your natural immunity for years.",
        "Members lose 30 pounds in 30 days with no diet and no exercise.",
        "Annual mammograms expose you to radiation that causes the breast cancer they claim to find.",
    ] {
        assert!(!claims(text).is_empty(), "no misinformation finding for {text:?}");
    }
}

#[test]
fn claims_that_others_make_are_reported_not_made() {
    for text in [
        "A competitor across town is advertising that their vitamin C drip prevents COVID and flu.",
        "Some online sellers say it kills viruses and cures infections. There is no good evidence for that.",
        "We've been asked about a widely shared post claiming COVID vaccines are causing heart damage.",
        "People come in asking whether kratom works for getting off opioids. We don't sell it for that.",
        "1\u{fe0f}\u{20e3} \"The flu shot gives you the flu.\" Nope. It has no live virus.",
    ] {
        let found = claims(text);
        assert!(found.is_empty(), "{text:?} flagged: {found:?}");
    }
}

#[test]
fn claim_strength_sets_the_severity() {
    let severity = |text: &str| {
        let run = check_stdin(&["--format", "json", "--stdin-filename", "post.md"], text);
        let report = run.json();
        let found = findings(&report).iter().find(|f| f["category"] == "misinformation").cloned();
        found.map(|f| f["severity"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(severity("Our laser sessions dissolve kidney stones.").as_deref(), Some("error"));
    assert_eq!(severity("Our supplement supports healthy viral load levels.").as_deref(), Some("warning"));
    // general wellness wording, with the DSHEA disclaimer: no misinformation finding at all
    let wellness = "Our herbal tea supports restful sleep. These statements have not been evaluated by the FDA.";
    assert_eq!(severity(wellness), None);
}

#[test]
fn explain_shows_the_lexicons_of_a_frame_rule_with_example_entries() {
    let run = carelint(&["explain", "--no-config", "MIS002"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("## Lexicons"), "{out}");
    for part in
        ["- claim_agent (product, ", "- efficacy_verb (claim-verb, ", "- condition (disease, ", "- hedge (hedge, "]
    {
        assert!(out.contains(part), "no line `{part}`: {out}");
    }
    // an example entry of each part, and how many more there are
    assert!(out.contains("protocol, program"), "{out}");
    assert!(out.contains("more)"), "{out}");
    // a rule without a frame has no lexicons to show
    let phrases = carelint(&["explain", "--no-config", "MIS004"]).run();
    assert!(!phrases.stdout.contains("## Lexicons"), "{}", phrases.stdout);
}

#[test]
fn claims_quoted_to_be_answered_stay_clean() {
    // a quotation inside a sentence (three words or more, or two after a naming verb or a reported cue), a negated
    // list cut by commas, a negated heading before a colon, a claim/fact pair of detox wording
    for text in [
        "About your question: the \"tallow balm cures eczema\" videos are everywhere. Ask us what helps instead.",
        "A post called it \"nature's Prozac.\" It is not a like-for-like swap for your antidepressant.",
        "Seeing berberine called \"nature's Ozempic\" all over social media. It isn't.",
        "You mentioned you'd read online that root canals cause cancer. Modern studies don't support it.",
        "Your liver already filters your blood, and no tea, juice or foot pad has been shown to remove toxins.",
        "What it isn't: a replacement for surgery, chemotherapy or radiation.",
        "Myth: you can sweat out toxins in a sauna. Fact: sweat is mostly water. Your liver does the real detox work.",
        "Botox is FDA-approved to help prevent chronic migraine in adults.",
    ] {
        let found = claims(text);
        assert!(found.is_empty(), "{text:?} flagged: {found:?}");
    }
}

#[test]
fn claims_worded_as_outcomes_guarantees_and_insinuations_are_found() {
    // a later verb when the first has no target, a pronoun agent in the next sentence, a relative "where" clause
    // with its own negation, guarantees, odds, not falling ill, markers back to normal, an insinuating question
    for text in [
        "Our migraine drip stops the attack in 30 minutes and prevents future migraines.",
        "Our Fertile Moon tea blend is back. It balances hormones, clears up PCOS cysts and stops recurrent miscarriage.",
        "Our ozone sessions kill the Lyme bacteria hiding in your tissues where antibiotics can't reach.",
        "Our PRP series is guaranteed to regrow your hair or your next session is free.",
        "Acupuncture doubles your chances of getting pregnant.",
        "Raw milk builds real immunity. Our family hasn't been sick in 4 years!",
        "Our 90-day thyroid reset gets your levels back to normal.",
        "Ear infections respond beautifully to gentle adjustments.",
        "Ever wonder why autism rates climbed right alongside the number of shots? Just asking questions.",
        "Detox IV drips every Friday!",
    ] {
        assert!(!claims(text).is_empty(), "no misinformation finding for {text:?}");
    }
}

#[test]
fn a_broad_rule_yields_to_the_narrow_one_in_a_sentence_and_reports_elsewhere() {
    let rules = |text: &str| -> Vec<String> { claims(text).into_iter().map(|(rule, _)| rule).collect() };
    // the supplement's claim is MIS008's; MIS025, which finds it too, yields to it there
    assert_eq!(rules("Our elderberry syrup wipes out the flu."), ["MIS008"]);
    // a product word near the claim no longer silences MIS025 where MIS008 finds nothing
    assert_eq!(
        rules("Elderberry is back in stock. Balanced estrogen protects your brain from Alzheimer's."),
        ["MIS025"]
    );
    // --ignore MIS008: the sibling is not active, so it takes nothing away
    let run = check_stdin(
        &["--format", "json", "--stdin-filename", "post.md", "--ignore", "MIS008"],
        "Our elderberry syrup wipes out the flu.",
    );
    let ids: Vec<String> =
        findings(&run.json()).iter().map(|f| f["rule"].as_str().unwrap_or_default().to_string()).collect();
    assert!(ids.contains(&"MIS025".to_string()), "{ids:?}");
    // explain says whom a rule yields to
    let explained = carelint(&["explain", "--no-config", "MIS025"]).run();
    assert!(explained.stdout.contains("Yields to MIS002, MIS008, MIS010, MIS013"), "{}", explained.stdout);
}
