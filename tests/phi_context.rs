//! PHI in context (issue 15), through the real binary with no `carelint.toml`: a frame reports and masks the slot
//! that holds the identifier (the name, not "Our patient ... surgery"), two name rules on one name give one finding,
//! and the practice's own contact details and consented stories give no PHI finding.

mod common;

use common::{check_stdin, findings};
use serde_json::Value;

/// The PHI findings of `post` as (rule, reported text, excerpt).
fn phi(post: &str) -> Vec<(String, String, String)> {
    let report = check_stdin(&["--format", "json"], post).json();
    let phi: Vec<&Value> = findings(&report).iter().filter(|f| f["category"] == "phi").collect();
    phi.iter()
        .map(|f| {
            let (start, end) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
            (
                f["rule"].as_str().unwrap().to_string(),
                post[start..end].to_string(),
                f["excerpt"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_name_in_care_context_is_reported_and_masked_alone() {
    let found = phi("Lena came to us in June with a frozen shoulder.");
    assert_eq!(found[0], ("PHI031".to_string(), "Lena".to_string(), "****".to_string()));
    // the month of her visit is an element of a date too (PHI037), and its excerpt does not show it
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[1].0.as_str(), found[1].1.as_str()), ("PHI037", "in June"));
    assert!(!found[1].2.contains("June"), "{found:?}");
    // a full name after a shout-out: the whole name, not the care words after it
    let found = phi("Congratulations to Noah Alvarez on ringing the bell after his last radiation session!");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "Noah Alvarez");
    assert!(!found[0].2.contains("Noah") && !found[0].2.contains("bell"), "{found:?}");
}

#[test]
fn a_weekday_and_its_day_of_the_month_are_one_date_element() {
    // "on Friday" alone left "the 14th" readable in every excerpt (found by review)
    let found = phi("Sorry about the wait on Friday the 14th, Dana. Your crown is ready.");
    let date = found.iter().find(|f| f.0 == "PHI037").expect("PHI037");
    assert_eq!(date.1, "on Friday the 14th");
    assert!(!date.2.contains("Friday") && !date.2.contains("14"), "{found:?}");
}

#[test]
fn two_name_rules_on_one_name_give_one_finding() {
    // PHI016 finds the name after "patient", PHI031 the first name with its surgery
    let found = phi("Our patient Sandra Ruiz had her hip surgery today.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].1.as_str(), found[0].2.as_str()), ("Sandra Ruiz", "****** **iz"));
}

#[test]
fn names_told_in_other_shapes_are_found() {
    for post in [
        "Big cheers for Benedikt, discharged on June 2nd after his transplant.",
        "The Castellano kids all had strep the same week and were so brave at their visit.",
        "Ring it loud, Marisela! Today she finished her last radiation session.",
        "On March 3rd, Tomasz had his knee replaced. Today he walked in without his cane.",
        "She turned ninety-four on Sunday and asked for a cake shaped like her new knee.",
    ] {
        assert!(!phi(post).is_empty(), "not found: {post}");
    }
}

#[test]
fn the_practices_own_details_and_consented_stories_give_no_phi_finding() {
    for post in [
        "Questions about your new insurance card? Give us a call at (312) 555-0133.",
        "We're hiring a dental assistant! Send your resume to careers@brightside.example.com.",
        "Calling all NICU grads! Our reunion picnic is September 14. RSVP to nicureunion@example.org.",
        "Flu clinic this Saturday at Riverside Family Medicine, 415 Cedar Street, from 9 to noon.",
        "Meet Rosalind, our new hygienist! She loves gardening and her rescue beagle.",
        "Shared with her parents' written permission: baby Octavia graduated from our NICU today!",
        "Thank you to Ernestine, who has volunteered at our NICU cuddle program for 11 years!",
    ] {
        assert_eq!(phi(post), [], "flagged: {post}");
    }
}

#[test]
fn a_phone_extension_is_masked_with_its_number() {
    let found = phi("Patient callback list: Marisol Testa 312-555-0188 ext. 204.");
    let phone = found.iter().find(|f| f.0 == "PHI010").expect("the patient's number is found");
    assert_eq!(phone.1, "312-555-0188 ext. 204");
    assert!(!phone.2.contains("0188") && !phone.2.contains("20"), "{phone:?}");
}

#[test]
fn init_proposes_the_recurring_contact_details_and_masks_them_on_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..12 {
        let post = format!("Flu clinic day {i}! Give us a call at (312) 555-0100 or write to hello@clinic.example.");
        common::write(dir.path(), &format!("post-{i}.md"), post);
    }
    common::write(dir.path(), "patient.md", "Our patient Jane's cell is 312-555-0199; she loves visitors.");
    let run = common::carelint(&["init"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for shown in ["555-0100", "hello@", "555-0199"] {
        assert!(!run.stderr.contains(shown), "printed in full: {}", run.stderr);
    }
    assert!(run.stderr.contains("(***) ***-**00 (in 12 posts)"), "{}", run.stderr);
    let config = std::fs::read_to_string(dir.path().join("carelint.toml")).expect("written");
    assert!(config.contains("#   \"(312) 555-0100\",  # in 12 of 13 posts"), "{config}");
    assert!(config.contains("#   \"hello@clinic.example\",  # in 12 of 13 posts"), "{config}");
    assert!(!config.contains("555-0199"), "a number in one post is not proposed");
}

#[test]
fn a_second_mention_of_a_found_name_is_reported_with_it() {
    let post = "Marisol rang our bell today after her final radiation treatment.\n\nWe are so proud of you, Marisol!\n";
    let report = check_stdin(&["--format", "json"], post).json();
    let places: Vec<&str> = findings(&report)
        .iter()
        .filter(|f| f["category"] == "phi")
        .flat_map(|f| std::iter::once(f).chain(f["related"].as_array().into_iter().flatten()))
        .map(|p| &post[p["start"].as_u64().unwrap() as usize..p["end"].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(places.iter().filter(|p| **p == "Marisol").count(), 2, "{places:?}");
}

/// The PHI places of a post's findings, with their related places, as (start, text).
fn phi_places(post: &str) -> Vec<(u64, String)> {
    let report = check_stdin(&["--format", "json", "--show-matches"], post).json();
    findings(&report)
        .iter()
        .filter(|f| f["category"] == "phi")
        .flat_map(|f| std::iter::once(f).chain(f["related"].as_array().into_iter().flatten()))
        .map(|p| {
            (
                p["start"].as_u64().unwrap(),
                post[p["start"].as_u64().unwrap() as usize..p["end"].as_u64().unwrap() as usize].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_second_mention_is_a_capitalised_word_in_the_published_text() {
    // a name that is also a word: "we hope" is not a second mention of "Hope"
    let post =
        "Hope rang our bell today after her final radiation treatment!\n\nWe hope to see everyone at the walk.\n";
    let places = phi_places(post);
    assert!(places.iter().any(|(_, p)| p == "Hope"), "{places:?}");
    assert!(!places.iter().any(|(_, p)| p == "hope"), "{places:?}");
    // the reason of a suppression is not published: the suppressed finding leaves no second one there
    let post = "<!-- carelint-disable-next-line PHI031 -- Marisol signed a release, on file -->\n\
                Marisol rang our bell today after her final radiation treatment.\n";
    assert_eq!(phi_places(post), [], "{post}");
    // nor is a comment: the mention there is no finding
    let post = "Marisol rang our bell today after her final radiation treatment.\n\n\
                <!-- note for Marisol's chart -->\nWe are so proud of you!\n";
    let places = phi_places(post);
    let line = 0..post.find('\n').unwrap();
    assert!(!places.is_empty() && places.iter().all(|(start, _)| line.contains(&(*start as usize))), "{places:?}");
}

#[test]
fn officers_crews_historical_figures_and_lessons_are_not_patients() {
    for post in [
        "Press release: Northside CEO Maria Gutierrez said the grant will support diabetes prevention.",
        "Ever wonder what happens when you call 911? Paramedic Jen Alvarez walks you through a cardiac arrest call.",
        "Florence Nightingale was born on May 12, 1820. Happy Nurses Week to every nurse on our team!",
        "Safe Harbor lists 18 identifiers: names, all dates but the year (like a birthday of 03/14), phones.",
        "Our 1,000th kidney transplant was performed on March 3, 2026! Thank you to every donor family.",
        "Happy 100th anniversary to Saint Mary's Hospital! Opened May 1, 1926 by the Sisters of Mercy.",
    ] {
        assert!(phi(post).is_empty(), "{post}: {:?}", phi(post));
    }
}

#[test]
fn ages_over_89_and_ranks_are_found_in_their_written_forms() {
    for (post, rule) in [
        ("She turned ninety-four on Sunday and asked for a cake shaped like her new knee.", "PHI009"),
        ("Our patient is a 94-year-old farmer who still drives to cardiac rehab.", "PHI009"),
        ("Happy 100th birthday to our dialysis patient Mr. Ferreira!", "PHI009"),
        ("The family of Sgt. Ramirez thanked our trauma team after his surgery.", "PHI016"),
    ] {
        assert!(phi(post).iter().any(|f| f.0 == rule), "{post}: {:?}", phi(post));
    }
}

#[test]
fn a_birthday_of_one_of_the_team_is_no_date_of_birth_wherever_the_post_says_so() {
    // the role two sentences away from the date ("!)" ends a sentence), and the role before the date
    let staff = [
        "Happy birthday (Nov 19!) to our pediatric cardiologist Dr. Amani Osei! The cath lab made you a cake.",
        "It's a birthday on the unit! Our NICU nurse manager, Wren Castellanos, turns 40 on June 23.",
        "Happy birthday to our favourite sonographer Priya, born October 2! Cake in the break room at 3.",
    ];
    for post in staff {
        let found = phi(post);
        assert!(found.iter().all(|f| f.0 != "PHI007"), "{post}: {found:?}");
    }
    // a patient's birthday that thanks the nurses is still a patient's
    let found = phi("Happy 8th birthday to our brave patient Theo, born July 4! Our nurses sang to him today.");
    assert!(found.iter().any(|f| f.0 == "PHI007" && f.1 == "July 4"), "{found:?}");
}

#[test]
fn a_name_introduced_as_staff_is_staff_at_every_mention() {
    let post = "Our clinical pharmacist, Bilal Qureshi, PharmD, won the state award.\nBilal runs our diabetes clinic.";
    assert!(phi(post).is_empty(), "{:?}", phi(post));
    // alone, the second sentence names a person in a care context
    assert_eq!(phi("Bilal runs our diabetes clinic.")[0].1, "Bilal");
}

#[test]
fn a_seven_digit_number_the_practice_could_not_reach_a_patient_at_is_theirs() {
    let found = phi("Mr. Okonjo, we tried calling you at 555-0147 about your lab results.");
    assert!(found.iter().any(|f| f.0 == "PHI042" && f.1 == "555-0147" && !f.2.contains("0147")), "{found:?}");
    // the practice's own number, and the end of a ten-digit number
    assert!(phi("Diabetes class Thursday at 6 pm. RSVP 555-0171 or stop by.").is_empty());
    assert!(phi("We tried calling 312-555-0147 twice.").iter().all(|f| f.0 != "PHI042"));
}
