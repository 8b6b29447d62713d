//! Frames over hand-made lexicon hits: the layout (words, sentences, clauses), each polarity condition, each
//! built-in shape, order, gaps and scope.

use super::*;

/// Lexicons of a test: (name, words); hits are found by plain whole-word search, as the engine's automaton would.
struct Fixture {
    names: Vec<&'static str>,
    words: Vec<Vec<&'static str>>,
}

const POLARITY: &[(&str, &[&str])] = &[
    ("negation", &["not", "no", "never", "won't", "doesn't"]),
    ("myth", &["myth", "myths", "false"]),
    ("reported", &["some people say", "saying"]),
    ("conditional", &["if", "unless"]),
    ("answer-no", &["no", "nope"]),
    ("rhetorical", &["did you know"]),
    ("greeting", &["hi", "thank you", "thanks", "congrats"]),
    ("title", &["mrs", "mr"]),
    ("first_name", &["denise", "priya", "kayla"]),
];

impl Fixture {
    fn new(own: &[(&'static str, &[&'static str])]) -> Fixture {
        let all = own.iter().chain(POLARITY);
        Fixture { names: all.clone().map(|(n, _)| *n).collect(), words: all.map(|(_, w)| w.to_vec()).collect() }
    }

    fn id(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| *n == name).map(|i| i as u32)
    }

    fn hits(&self, text: &str) -> Vec<Vec<(usize, usize)>> {
        let lower = text.to_ascii_lowercase();
        let word_byte = |i: usize| lower.as_bytes().get(i).is_some_and(u8::is_ascii_alphanumeric);
        self.words
            .iter()
            .map(|words| {
                let mut out = Vec::new();
                for w in words {
                    let mut from = 0;
                    while let Some(at) = lower[from..].find(w).map(|i| i + from) {
                        let end = at + w.len();
                        if (at == 0 || !word_byte(at - 1)) && !word_byte(end) {
                            out.push((at, end));
                        }
                        from = at + 1;
                    }
                }
                out.sort_unstable_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
                out
            })
            .collect()
    }

    /// The frame's matches in `text`, as the matched strings with their fillers.
    fn find(&self, frame: &str, text: &str) -> Vec<String> {
        let mut frame = frame_from(frame);
        frame.expand_lists(&Names(self)).expect("lexicons resolve");
        let roles = PolarityLexicons::new(|n| self.id(n));
        let scan = LexiconScan::new(text, self.hits(text), &roles, None);
        let layout = scan.layout();
        let mut out = Vec::new();
        for structure in &frame.structures {
            let candidates: Vec<_> = structure.slots.iter().map(|s| fillers(s, &scan)).collect();
            for m in layout.frames(&candidates, structure).into_iter().map(|m| structure.reported(m)) {
                let fills: Vec<&str> = m.fills.iter().map(|&(s, e)| &text[s..e]).collect();
                out.push(format!("{} <{}>", &text[m.start..m.end], fills.join("|")));
            }
        }
        out
    }
}

struct Names<'a>(&'a Fixture);

impl ListRefs for Names<'_> {
    fn expand_items(&self, _: &mut Vec<String>) -> Result<(), String> {
        Ok(())
    }
    fn expand_pattern(&self, p: &str) -> Result<String, String> {
        Ok(p.to_string())
    }
    fn lexicon(&self, name: &str) -> Option<u32> {
        self.0.id(name)
    }
    fn lexicon_names(&self) -> Vec<String> {
        self.0.names.iter().map(|n| n.to_string()).collect()
    }
}

fn frame_from(toml_value: &str) -> Frame {
    #[derive(Deserialize)]
    struct Wrapper {
        frame: RawFrames,
    }
    let wrapper: Wrapper = toml::from_str(&format!("frame = {toml_value}")).expect("frame parses");
    <Frame as Kind>::validate(Some(wrapper.frame), false).expect("frame is valid")
}

fn claims() -> Fixture {
    Fixture::new(&[
        ("remedy", &["elderberry", "zinc", "turmeric"]),
        ("verb", &["cures", "prevents", "cure", "treats"]),
        ("disease", &["flu", "colds", "cancer", "arthritis"]),
    ])
}

const CLAIM: &str = r#"{ slots = ["remedy", "verb", "disease"], gap = 4, unless = ["negation", "question", "answered-no", "myth", "reported", "conditional"] }"#;

#[test]
fn slots_fill_in_order_within_the_gap() {
    let f = claims();
    assert_eq!(f.find(CLAIM, "Our elderberry syrup prevents the flu."), ["elderberry syrup prevents the flu <elderberry|prevents|flu>"]);
    // too many words between the remedy and the verb
    assert!(f.find(CLAIM, "Elderberry is a shrub whose berries, as everyone knows, prevents flu.").is_empty());
    // the wrong order
    assert!(f.find(CLAIM, "The flu prevents nothing; elderberry.").is_empty());
}

#[test]
fn any_order_takes_the_nearest_filler_on_either_side() {
    let f = claims();
    let frame = r#"{ slots = ["disease", "remedy"], order = "any", gap = 3 }"#;
    assert_eq!(f.find(frame, "For colds, zinc."), ["colds, zinc <colds|zinc>"]);
    assert_eq!(f.find(frame, "Zinc for colds."), ["Zinc for colds <colds|Zinc>"]);
}

#[test]
fn per_slot_gaps() {
    let f = claims();
    let frame = r#"{ slots = ["remedy", "verb", "disease"], gap = [6, 0] }"#;
    assert_eq!(f.find(frame, "Turmeric, taken every day with food, cures arthritis.").len(), 1);
    assert!(f.find(frame, "Turmeric cures painful arthritis.").is_empty());
}

#[test]
fn scope_keeps_fillers_in_one_sentence_or_clause() {
    let f = claims();
    assert!(f.find(CLAIM, "We stock elderberry. It prevents nothing").is_empty());
    assert!(f.find(CLAIM, "Elderberry\nprevents flu").is_empty(), "a line break ends a sentence");
    let clause = r#"{ slots = ["remedy", "verb"], scope = "clause" }"#;
    assert!(f.find(clause, "Zinc, they say, cures").is_empty());
    assert_eq!(f.find(clause, "Zinc cures").len(), 1);
    let post = r#"{ slots = ["remedy", "disease"], scope = "post", gap = 10 }"#;
    assert_eq!(f.find(post, "Zinc. For colds.").len(), 1);
}

#[test]
fn abbreviations_and_decimals_do_not_end_sentences() {
    let f = claims();
    assert_eq!(f.find(CLAIM, "Dr. Lee says zinc 2.5 mg cures colds").len(), 1);
}

#[test]
fn each_polarity_condition_silences_its_clause() {
    let f = claims();
    for clean in [
        "Elderberry never prevents the flu.",
        "Does elderberry prevent the flu?",
        "Can zinc cure colds? Nope. Rest helps.",
        "Myth: turmeric cures arthritis.",
        "MYTH\nTurmeric cures arthritis.",
        "Some people say elderberry prevents flu.",
        "If zinc cures colds, why do we still get them",
        "Saw a post saying turmeric \"cures\" cancer.",
    ] {
        assert!(f.find(CLAIM, clean).is_empty(), "{clean}");
    }
}

#[test]
fn polarity_stays_in_its_own_clause_or_sentence() {
    let f = claims();
    for claim in [
        "Don't wait: elderberry prevents the flu.",
        "Not sure what works? Elderberry prevents the flu.",
        "No more sick days, because zinc cures colds.",
        "Did you know turmeric cures arthritis?",
    ] {
        assert_eq!(f.find(CLAIM, claim).len(), 1, "{claim}");
    }
}

#[test]
fn question_marks_inside_quotes_still_make_a_question() {
    let f = claims();
    assert!(f.find(CLAIM, "\"Can turmeric cure cancer?\" We hear it a lot.").is_empty());
}

#[test]
fn built_in_shapes() {
    let f = Fixture::new(&[("care", &["hip", "crown", "surgery"])]);
    let name = r#"{ slots = ["$name", "care"], gap = 6 }"#;
    assert_eq!(f.find(name, "So proud of Noah Alvarez after his hip surgery"), ["Noah Alvarez after his hip <Noah Alvarez|hip>"]);
    assert_eq!(f.find(name, "Mrs. Okafor is home after surgery"), ["Mrs. Okafor is home after surgery <Mrs. Okafor|surgery>"]);
    assert!(f.find(name, "Surgery days are long").is_empty(), "a capital at the start of a sentence is not a name");
    let handle = r#"{ slots = ["$handle", "care"] }"#;
    assert_eq!(f.find(handle, "congrats @samantha.runs.far on your new hip"), ["@samantha.runs.far on your new hip <@samantha.runs.far|hip>"]);
    assert!(f.find(handle, "mail jo@clinic.example about the hip").is_empty(), "an e-mail address is not a handle");
    let vocative = r#"{ slots = ["$vocative", "care"], scope = "post", gap = 12 }"#;
    assert_eq!(f.find(vocative, "Thank you, Denise! Glad the new crown fits.").len(), 1);
    assert_eq!(f.find(vocative, "Thanks for the stars, Denise! The crown fits.").len(), 1);
    assert_eq!(f.find(vocative, "@marcus_lifts so glad the surgery went well").len(), 1);
    assert!(f.find(vocative, "Our team loves a new crown. Denise agrees.").is_empty());
    // a first name that opens a line before a comma, or ends a sentence a greeting opens
    assert_eq!(f.find(vocative, "Denise, so glad the new crown fits!").len(), 1);
    assert_eq!(f.find(vocative, "Thanks for the five stars Priya! The crown fits.").len(), 1);
    assert_eq!(f.find(vocative, "Hello all!\nKayla, the crown is ready.").len(), 1);
    // a word that is not a first name does not address anyone, nor does a name inside a sentence
    assert!(f.find(vocative, "Parents, a crown for a baby tooth is rare.").is_empty());
    assert!(f.find(vocative, "We placed a crown for Denise today.").is_empty());
    // a greeting in an earlier sentence neither opens this one nor breaks the search (it once sliced backwards)
    assert!(f.find(vocative, "Thank you all. The crown party is for Denise!").is_empty());
    // a title is read with its surname ("Mrs. Tran, ..."); a name before ", who" is spoken about
    assert_eq!(f.find(vocative, "Mrs. Tran, the crown is ready.").len(), 1);
    assert!(f.find(vocative, "Mr. Haverford, who had a crown placed, sent pastries.").is_empty());
    // nor is a handle before "who", and a line that opens with a dash signs the post
    assert!(f.find(vocative, "shoutout to @dan_rivera who came back after his crown").is_empty());
    assert!(f.find(vocative, "Best crown ever!\n\u{2014} Bella, @smile.studio").is_empty());
    let numbers = r#"{ slots = ["$percent", "care"], gap = 3 }"#;
    assert_eq!(f.find(numbers, "90% fewer surgery days").len(), 1);
    assert_eq!(f.find(numbers, "90 percent fewer surgery days").len(), 1);
    assert!(f.find(numbers, "90 fewer surgery days").is_empty());
    let number = r#"{ slots = ["$number", "care"], gap = 3 }"#;
    assert_eq!(f.find(number, "1,200 crown fittings"), ["1,200 crown <1,200|crown>"]);
}

#[test]
fn several_structures_give_leftmost_non_overlapping_matches() {
    let f = claims();
    let frames = r#"[{ slots = ["remedy", "verb"] }, { slots = ["verb", "disease"] }]"#;
    let mut frame = frame_from(frames);
    frame.expand_lists(&Names(&f)).unwrap();
    assert_eq!(frame.structures.len(), 2);
    assert_eq!(f.find(frames, "Zinc cures colds").len(), 2, "each structure on its own");
}

#[test]
fn bad_frames_say_what_is_wrong() {
    #[derive(Deserialize)]
    struct Wrapper {
        frame: RawFrames,
    }
    let error = |value: &str| {
        let wrapper: Wrapper = toml::from_str(&format!("frame = {value}")).expect("parses");
        <Frame as Kind>::validate(Some(wrapper.frame), false).unwrap_err().message
    };
    assert!(error(r#"{ slots = [] }"#).contains("1 to 8"));
    assert!(error(r#"{ slots = ["a", "$nobody"] }"#).contains("$handle"));
    assert!(error(r#"{ slots = ["a b"] }"#).contains("lexicon"));
    assert!(error(r#"{ slots = ["a", "b"], scope = "page" }"#).contains("\"clause\""));
    assert!(error(r#"{ slots = ["a", "b"], order = "random" }"#).contains("\"any\""));
    assert!(error(r#"{ slots = ["a", "b", "c"], gap = [1] }"#).contains("it needs 2, one for each slot after the first"));
    assert!(error(r#"{ slots = ["x=a", "x=b"] }"#).contains("two slots are named `x`"));
    assert!(error(r#"{ slots = ["a", "b"], gap = 99 }"#).contains("at most 60"));
    assert!(error(r#"{ slots = ["a", "b"], unless = ["sarcasm"] }"#).contains("negation"));
    assert!(error(r#"{ slots = ["who=a", "b"], report = "whom" }"#).contains("its slots: who, b"));
    let mut frame = frame_from(r#"{ slots = ["nowhere", "verb"] }"#);
    let f = claims();
    assert!(frame.expand_lists(&Names(&f)).unwrap_err().contains("unknown lexicon `nowhere`"));
}

#[test]
fn matches_in_any_order_never_share_a_filler() {
    let f = claims();
    let frame = r#"{ slots = ["verb", "remedy"], order = "any", gap = 1 }"#;
    assert_eq!(f.find(frame, "zinc cures elderberry cures zinc"), ["zinc cures <cures|zinc>", "elderberry cures <cures|elderberry>"]);
}

#[test]
fn sentence_ends_that_look_like_abbreviations() {
    let f = claims();
    for claim in [
        "We busted 3 myths in part 2. Elderberry cures flu.",
        "Myth-busting Monday is about vitamin D. Elderberry cures flu.",
        "The answer is no. Zinc cures colds.",
        "We bust myths every week!🙌 Elderberry cures flu.",
    ] {
        assert_eq!(f.find(CLAIM, claim).len(), 1, "{claim}");
    }
    assert!(f.find(CLAIM, "Ask about plan No. 5 myths: zinc cures colds.").is_empty(), "`No. 5` goes on");
}

#[test]
fn a_name_does_not_run_over_the_end_of_a_sentence() {
    let f = Fixture::new(&[("care", &["came"])]);
    let name = r#"{ slots = ["$name", "care"], gap = 0 }"#;
    assert_eq!(f.find(name, "Yesterday we saw Jane. Then Bob came."), ["Bob came <Bob|came>"]);
    assert_eq!(f.find(name, "So proud of Ava J. Roe who came"), Vec::<String>::new(), "gap 0: `who` is between");
    let name = r#"{ slots = ["$name", "care"], gap = 1 }"#;
    assert_eq!(f.find(name, "So proud of Ava J. Roe who came"), ["Ava J. Roe who came <Ava J. Roe|came>"]);
}

#[test]
fn a_reported_slot_is_the_whole_finding() {
    let f = Fixture::new(&[("patient", &["our patient"]), ("care", &["surgery", "rehab"])]);
    let frame = r#"{ slots = ["patient", "who=$name", "care"], gap = [0, 6], report = "who" }"#;
    assert_eq!(f.find(frame, "Our patient Sandra Ruiz had surgery today."), ["Sandra Ruiz <Our patient|Sandra Ruiz|surgery>"]);
    // without `report` the match runs from the first filler to the last
    let whole = r#"{ slots = ["patient", "who=$name", "care"], gap = [0, 6] }"#;
    assert_eq!(f.find(whole, "Our patient Sandra had rehab."), ["Our patient Sandra had rehab <Our patient|Sandra|rehab>"]);
    assert!(frame_from(frame).explain().ends_with("reports [who]"));
}

/// The polarity lexicons of the claim frames (issue 13), besides the fixture's shared ones.
fn care_claims() -> Fixture {
    Fixture::new(&[
        ("agent", &["drip", "vaccine", "laser"]),
        ("verb", &["prevents", "lowers", "cures", "dissolves"]),
        ("disease", &["flu", "shingles", "kidney stones", "cancers"]),
        ("standard-care", &["vaccine", "surgery"]),
        ("fact", &["fact", "truth"]),
    ])
}

const CARE_CLAIM: &str = r#"{ slots = ["agent", "verb", "disease"], gap = 4, scope = "clause", unless = ["myth", "standard-care"] }"#;

#[test]
fn a_clause_about_standard_care_is_not_a_claim() {
    let f = care_claims();
    assert!(f.find(CARE_CLAIM, "The shingles vaccine prevents shingles.").is_empty());
    assert_eq!(f.find(CARE_CLAIM, "Our drip prevents shingles, like surgery cures cancers.").len(), 1);
    // standard care in another clause does not excuse a product's claim
    assert_eq!(f.find(CARE_CLAIM, "Forget the vaccine: our drip prevents flu.").len(), 1);
}

#[test]
fn a_claim_answered_by_a_fact_line_is_a_myth() {
    let f = care_claims();
    assert!(f.find(CARE_CLAIM, "Claim: our laser dissolves kidney stones.\nFact: it does not.").is_empty());
    assert!(f.find(CARE_CLAIM, "Claim ⬇️\nOur laser dissolves kidney stones.\nTruth: no study shows it.").is_empty());
    // a fact line before the claim does not refute it, and the fact line itself is not silenced by the next one
    assert_eq!(f.find(CARE_CLAIM, "Fact: our laser dissolves kidney stones.\nBook now.").len(), 1);
    assert_eq!(f.find(CARE_CLAIM, "Fact: our laser dissolves kidney stones.\nFact: book now.").len(), 1);
}

#[test]
fn a_frame_without_an_agent_takes_the_care_its_sentence_names() {
    let f = care_claims();
    let any_subject = r#"{ slots = ["verb", "disease"], gap = 4, scope = "clause", unless = ["standard-care"] }"#;
    assert!(f.find(any_subject, "What the vaccine does: prevents shingles.").is_empty());
    // care named after the claim is what a product replaces
    assert_eq!(f.find(any_subject, "It prevents shingles better than surgery.").len(), 1);
}

#[test]
fn a_claim_quoted_to_be_answered_is_not_made() {
    let f = care_claims();
    let quoted = r#"{ slots = ["agent", "verb", "disease"], gap = 4, scope = "clause", unless = ["quoted"] }"#;
    assert!(f.find(quoted, "\"Our laser dissolves kidney stones.\" We hear it a lot.").is_empty());
    assert!(f.find(quoted, "👉 \"The drip prevents flu\" — no study shows that.").is_empty());
    // a scare-quoted word or two is not a quotation
    assert_eq!(f.find(quoted, "Our \"natural\" laser dissolves kidney stones.").len(), 1);
}

#[test]
fn a_denial_runs_on_over_the_items_of_a_list_it_opens() {
    let f = claims();
    let clause = r#"{ slots = ["verb", "disease"], gap = 3, scope = "clause", unless = ["negation"] }"#;
    let denial = "There is no evidence that it cures cancer, prevents colds, or treats arthritis.";
    assert!(f.find(clause, denial).is_empty(), "{denial}");
    // a clause after the list's close is the post's own again, and so is one that a long item runs into
    assert_eq!(f.find(clause, "No pill cures cancer, and our tea prevents colds."), ["prevents colds <prevents|colds>"]);
    let long = "Tea never cures cancer, but at our clinic the herbal tea we brew each morning prevents colds, or so we say.";
    assert_eq!(f.find(clause, long).len(), 1);
}

#[test]
fn a_frame_occurs_anywhere_in_the_post_as_a_condition() {
    let f = Fixture::new(&[("event", &["birthday", "turns"]), ("our", &["our"]), ("role", &["hygienist", "dentist"])]);
    let mut frame = frame_from(
        r#"[{ slots = ["event", "our", "role"], gap = [4, 2], scope = "post" }, { slots = ["our", "role", "event"], gap = [2, 5] }]"#,
    );
    frame.expand_lists(&Names(&f)).expect("lexicons resolve");
    let roles = PolarityLexicons::new(|n| f.id(n));
    let occurs = |text: &str| frame.occurs(&LexiconScan::new(text, f.hits(text), &roles, None));
    // the event word and the role in two sentences, within the gap
    assert!(occurs("Happy birthday (Nov 19!) to our pediatric dentist. Cake at 3."));
    // the role first, on the post's second line
    assert!(occurs("Cake in the break room!\nOur favorite hygienist turns 40 on August 9."));
    // a patient's birthday that thanks the team: no role right after "our"
    assert!(!occurs("Happy birthday to our brave Theo! Our nurses and our amazing team sang."));
}
