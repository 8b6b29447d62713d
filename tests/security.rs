//! The security rules (SEC001-SEC010; SEC001 is now SEC009 and SEC010) and the negative-feedback review rules (REV010-REV013) of issue 18, through
//! the real binary: every shape is found in the body, front matter, alt text and calendar rows; advice, public login
//! pages and calm replies stay clean; no secret is printed in any format unless `--show-matches` asks for it.

mod common;

use std::collections::BTreeSet;

use common::{carelint, check_in, check_json_in, dir_with, rule_ids, write};

const FORMATS: [&str; 7] = ["human", "concise", "json", "sarif", "github", "gitlab", "junit"];

// Made-up secrets in real shapes; none belongs to anything.
const PASSWORD: &str = "Giraffe#4471";
const API_KEY: &str = "AKIAZ3QH7N2LW5RXK4TE";
const PRIVATE_IP: &str = "192.168.10.45:8080";
const DOOR_CODE: &str = "7302";

/// A post with a password, an API key and a private address (and a door code in the alt text of its image).
fn post_with_secrets() -> String {
    format!(
        "---\ntitle: IT notes for the new front desk\nimages:\n  - src: desk.jpg\n    alt: \"Door keypad, door code is \
         {DOOR_CODE}\"\n---\nWelcome aboard! Guest Wi-Fi password: {PASSWORD}\nBackup bucket access key {API_KEY}, \
         scheduler mirror at http://{PRIVATE_IP}/sched.\n"
    )
}

/// SEC001 was split into SEC009 (logins and networks written out) and SEC010 (a value after its label): both stand
/// for the old id here, as they do in a configuration (`aliases`).
fn row(id: String) -> String {
    if id == "SEC009" || id == "SEC010" {
        "SEC001".into()
    } else {
        id
    }
}

/// The ids of the findings of one post, checked on its own (SEC009 and SEC010 as SEC001).
fn ids_of(name: &str, text: &str) -> BTreeSet<String> {
    let dir = dir_with(&[(name, text.as_bytes())]);
    let (_, report) = check_json_in(dir.path(), &[name]);
    rule_ids(&report).into_iter().map(row).collect()
}

fn has(ids: &BTreeSet<String>, id: &str) -> bool {
    ids.contains(id)
}

#[test]
fn no_secret_appears_unmasked_in_any_format() {
    let dir = dir_with(&[("it.md", post_with_secrets().as_bytes())]);
    for format in FORMATS {
        let (code, out, err) = check_in(dir.path(), &["--format", format, "it.md"]).parts();
        assert_eq!(code, 1, "{format}: the secrets are errors");
        for secret in [PASSWORD, API_KEY, PRIVATE_IP, "192.168.10", "Giraffe", "AKIAZ3QH", DOOR_CODE] {
            assert!(!out.contains(secret), "{format} prints {secret:?} on stdout:\n{out}");
            assert!(!err.contains(secret), "{format} prints {secret:?} on stderr:\n{err}");
        }
    }
}

/// The third round's shapes: a login with its password after a slash, a Wi-Fi name with its key, a lockbox code a
/// few words on, a temporary code and a token of a newer provider prefix.
fn post_with_unlabelled_secrets() -> String {
    format!(
        "---\ntitle: \"Front desk notes: login frontdesk / {PASSWORD}\"\n---\nNetwork: SunriseGuest Key: flossdaily2026\n\
         Keys are in the lockbox by the back gate, {DOOR_CODE}.\nThe temporary code for the portal is 552184.\n\
         Purge token cfut_zQUMPM08HSe8jnPJjoqgA2RB19fLy0Mg1YLVUHFjxQie\n"
    )
}

const UNLABELLED_SECRETS: [&str; 6] =
    [PASSWORD, "flossdaily2026", DOOR_CODE, "552184", "cfut_zQUMPM08", "zQUMPM08HSe8jnPJjoqgA2RB19fLy0Mg1YLVUHFjxQie"];

#[test]
fn secrets_without_a_plain_label_are_masked_in_every_format_and_in_the_diff() {
    let dir = dir_with(&[("desk.md", post_with_unlabelled_secrets().as_bytes())]);
    let (_, report) = check_json_in(dir.path(), &["desk.md"]);
    let ids: BTreeSet<String> = rule_ids(&report).into_iter().map(row).collect();
    for id in ["SEC001", "SEC002", "SEC005"] {
        assert!(has(&ids, id), "{id} missing from {ids:?}");
    }
    for format in FORMATS {
        let (_, out, err) = check_in(dir.path(), &["--format", format, "desk.md"]).parts();
        for secret in UNLABELLED_SECRETS {
            assert!(!out.contains(secret) && !err.contains(secret), "{format} prints {secret:?}:\n{out}\n{err}");
        }
    }
    // the diff of --fix shows the lines it changes: the secrets in them must be masked there too
    for extra in [&[][..], &["--unsafe-fixes"][..]] {
        let args: Vec<&str> = ["--diff"].into_iter().chain(extra.iter().copied()).chain(["desk.md"]).collect();
        let (_, out, err) = check_in(dir.path(), &args).parts();
        assert!(out.contains("[redacted]"), "the diff redacts: {out}");
        for secret in UNLABELLED_SECRETS {
            assert!(
                !out.contains(secret) && !err.contains(secret),
                "--diff {extra:?} prints {secret:?}:\n{out}\n{err}"
            );
        }
    }
    let original = std::fs::read_to_string(dir.path().join("desk.md")).unwrap();
    assert_eq!(original, post_with_unlabelled_secrets(), "--diff writes nothing");
}

/// The fourth round's shapes: a value in brackets after its label, a user name and its secret with no label, a
/// code's new value after it changed, and a token whose payload is not JSON.
fn post_with_bracketed_and_paired_secrets() -> String {
    "The shared account is still on the old password (Harbor#Lane88) until Monday.\n\
     Sticky note on the monitor: frontdesk_01 / Sp1ne$Clinic\n\
     The guest Wi-Fi code changed this week. It's now kidsfirst55.\n\
     Token: eyJhbGciOiJIUzI1NiJ9.Qm9va2luZ1N5bmNLZXkyMDI2.Zk3pLr8tQx2mW9vB4nY7cT1s\n"
        .to_string()
}

const BRACKETED_SECRETS: [&str; 4] = ["Harbor#Lane88", "Sp1ne$Clinic", "kidsfirst55", "Qm9va2luZ1N5bmNLZXkyMDI2"];

#[test]
fn bracketed_paired_and_changed_secrets_are_masked_in_every_format() {
    let dir = dir_with(&[("note.md", post_with_bracketed_and_paired_secrets().as_bytes())]);
    let (_, report) = check_json_in(dir.path(), &["note.md"]);
    let ids: BTreeSet<String> = rule_ids(&report).into_iter().map(row).collect();
    for id in ["SEC001", "SEC002"] {
        assert!(has(&ids, id), "{id} missing from {ids:?}");
    }
    for format in FORMATS {
        let (_, out, err) = check_in(dir.path(), &["--format", format, "note.md"]).parts();
        for secret in BRACKETED_SECRETS {
            assert!(!out.contains(secret) && !err.contains(secret), "{format} prints {secret:?}:\n{out}\n{err}");
        }
    }
    let (_, out, err) = check_in(dir.path(), &["--diff", "note.md"]).parts();
    for secret in BRACKETED_SECRETS {
        assert!(!out.contains(secret) && !err.contains(secret), "--diff prints {secret:?}:\n{out}\n{err}");
    }
}

/// Secrets with no credential word before them, or behind a label of another provider: a user and a password on a
/// sticky note in alt text, a network joined with its key, a kiosk unlocked with a code, an e-mail login, backup
/// codes listed further on, a one-time code someone texted, and key shapes beyond the first providers.
fn post_with_secrets_in_other_words() -> String {
    "---\ntitle: Front desk week\nalt: \"Desk photo; a note on the monitor reads 'charting: lrivera  Otter58$'\"\n---\n\
     Join \"Maple-Lobby\" with maplelobby61 while you wait.\n\
     If a kiosk freezes, unlock it with 604417 and reopen the app.\n\
     New hires are on desk@clinic.example / Kestrel!29 for now.\n\
     We printed the backup codes for the page. The ones left: 6617-2290, 3318-7045.\n\
     @desk_sam the page just texted me 551 620, type it quick\n\
     Mail key: key-3e9b7d1f5a2c8e4b6d0f9a3c7e1b5d2f and help desk ATATT3xFfGF0Zk7Lq2Vm9Xp4Kt8Nw3Bc6Hd1Fg5Js0Ya2Re7=5A1C9E2B\n"
        .to_string()
}

const SECRETS_IN_OTHER_WORDS: [&str; 9] = [
    "Otter58$",
    "maplelobby61",
    "604417",
    "Kestrel!29",
    "6617-2290",
    "3318-7045",
    "551 620",
    "3e9b7d1f5a2c8e4b6d0f9a3c7e1b5d2f",
    "5A1C9E2B",
];

#[test]
fn secrets_in_other_words_and_other_providers_shapes_are_masked_in_every_format() {
    let dir = dir_with(&[("week.md", post_with_secrets_in_other_words().as_bytes())]);
    let (_, report) = check_json_in(dir.path(), &["week.md"]);
    let ids: BTreeSet<String> = rule_ids(&report).into_iter().map(row).collect();
    for id in ["SEC001", "SEC002", "SEC005"] {
        assert!(has(&ids, id), "{id} missing from {ids:?}");
    }
    for format in FORMATS {
        let (_, out, err) = check_in(dir.path(), &["--format", format, "week.md"]).parts();
        for secret in SECRETS_IN_OTHER_WORDS {
            assert!(!out.contains(secret) && !err.contains(secret), "{format} prints {secret:?}:\n{out}\n{err}");
        }
    }
}

/// Codes that only the words around them give away (issue 18, sixth round): a door code keyed in a few words after
/// the pad, a pass code in pairs, a one-time code in the sentence after its label, a recovery number after 'the
/// reset goes to', a provider token that happens to hold no digit.
fn post_with_codes_told_by_their_neighbours() -> String {
    "Weekend crew: use the east door and key in 6153 on the pad.\n\
     Staff door is the grey one; punch 47 19 62 and pull hard.\n\
     The tablet wants a verification code and it's going to my phone. Code is 629 174 for whoever sets it up.\n\
     While Rosa is away the reset goes to the front desk cell at 555-0187.\n\
     Kiosk deploy token: glpat-QmRtZ_WvNbPkLsJhGfDcXa\n"
        .to_string()
}

const CODES_TOLD_BY_THEIR_NEIGHBOURS: [&str; 5] = ["6153", "47 19 62", "629 174", "555-0187", "QmRtZ_WvNbPkLsJhGfDcXa"];

#[test]
fn codes_told_by_their_neighbours_are_found_and_masked_in_every_format() {
    let dir = dir_with(&[("crew.md", post_with_codes_told_by_their_neighbours().as_bytes())]);
    let (_, report) = check_json_in(dir.path(), &["crew.md"]);
    let ids: BTreeSet<String> = rule_ids(&report).into_iter().map(row).collect();
    for id in ["SEC002", "SEC005", "SEC006", "SEC008"] {
        assert!(has(&ids, id), "{id} missing from {ids:?}");
    }
    for format in FORMATS {
        let (_, out, err) = check_in(dir.path(), &["--format", format, "crew.md"]).parts();
        for secret in CODES_TOLD_BY_THEIR_NEIGHBOURS {
            assert!(!out.contains(secret) && !err.contains(secret), "{format} prints {secret:?}:\n{out}\n{err}");
        }
    }
}

/// Numbers near a door, a code or a recovery word that are an address, a phone, a promotion or a year.
#[test]
fn numbers_that_are_not_codes_stay_clean() {
    for (i, text) in [
        "We've moved to Suite 2140: use the side entrance, second floor.",
        "Use promo code 5000 at checkout for a free consult.",
        "Our new keypad entry opened in 2024 and patients love it.",
        "We're sorry this fell short. Our door is open: (312) 555-0100.",
        "Verification codes expire in 10 minutes; call 312-555-0100 if yours never arrives.",
        "Glad your biopsy results came back before the weekend. Wishing you a restful recovery!",
    ]
    .iter()
    .enumerate()
    {
        let ids = ids_of(&format!("p{i}.md"), text);
        assert!(!ids.iter().any(|id| id.starts_with("SEC")), "{text:?}: {ids:?}");
    }
}

/// Replies that argue in the wording of seed-blind-3: sarcasm in a question, the care defended to the reviewer
/// without a reply cue, a failed payment, the matter with the lawyers, evidence held up.
#[test]
fn feedback_in_other_words_is_found() {
    for (text, id) in [
        ("Every patient gets a reminder text. Maybe check your spam folder before leaving one star?", "REV010"),
        ("Your MRI showed no tear, so physical therapy was the right call, not surgery.", "REV010"),
        ("Your card was declined twice, which is why the front desk asked for another form of payment.", "REV012"),
        ("This is being handled through the proper legal channels.", "REV011"),
        ("We did refill your inhaler on Tuesday. We have the timestamp.", "REV010"),
    ] {
        let ids = ids_of("reply.md", text);
        assert!(has(&ids, id), "{text:?}: {id} missing from {ids:?}");
    }
}

#[test]
fn show_matches_prints_the_secrets() {
    let dir = dir_with(&[("it.md", post_with_secrets().as_bytes())]);
    let out = check_in(dir.path(), &["--format", "json", "--show-matches", "it.md"]).stdout;
    for secret in [PASSWORD, API_KEY, DOOR_CODE] {
        assert!(out.contains(secret), "--show-matches leaves out {secret:?}:\n{out}");
    }
}

#[test]
fn secrets_are_found_in_body_front_matter_and_alt_text() {
    let dir = dir_with(&[("it.md", post_with_secrets().as_bytes())]);
    let (_, report) = check_json_in(dir.path(), &["it.md"]);
    // a finding lists further matches of its rule in the same paragraph as `related` places
    let found: Vec<(String, u64)> = common::findings(&report)
        .iter()
        .flat_map(|f| {
            let rule = row(f["rule"].as_str().unwrap().to_string());
            let related = f["related"].as_array().cloned().unwrap_or_default();
            std::iter::once(f.clone()).chain(related).map(move |place| (rule.clone(), place["line"].as_u64().unwrap()))
        })
        .collect();
    assert!(found.contains(&("SEC001".into(), 5)), "the door code in the alt text: {found:?}");
    assert!(found.contains(&("SEC001".into(), 7)), "the Wi-Fi password in the body: {found:?}");
    assert!(found.contains(&("SEC002".into(), 8)), "{found:?}");
    assert!(found.contains(&("SEC003".into(), 8)), "{found:?}");
    let title = ids_of("t.md", "---\ntitle: \"Staff login for our page is clinic_admin / Harbor!77\"\n---\nHello!\n");
    assert!(has(&title, "SEC001"), "a title is published: {title:?}");
}

#[test]
fn secrets_are_found_in_calendar_rows_and_masked_there() {
    let csv = "date,platform,text\n2026-12-01,facebook,Happy December from our team!\n\
               2026-12-02,instagram,Staff: the alarm code is 5519 and the verification code is 604218\n\
               2026-12-03,x,Token ghp_R8tY2uI9oP4aS6dF1gH3jK7lZ5xC0vB2nM4qW for the bot\n";
    let dir = dir_with(&[("week.csv", csv.as_bytes())]);
    let (_, report) = check_json_in(dir.path(), &["week.csv"]);
    let found: Vec<(String, u64)> = common::findings(&report)
        .iter()
        .map(|f| (row(f["rule"].as_str().unwrap().to_string()), f["row"].as_u64().unwrap()))
        .collect();
    for expected in [("SEC005", 2), ("SEC002", 3)] {
        assert!(found.contains(&(expected.0.into(), expected.1)), "{expected:?} in {found:?}");
    }
    // the alarm code: SEC010 and SEC005 (a verification code is named in its sentence) find the same four digits,
    // and one finding stays, the lower id's; SEC001 used to sort first and be that one. Both mask it (below).
    let places: usize = common::findings(&report)
        .iter()
        .filter(|f| f["row"].as_u64() == Some(2))
        .map(|f| 1 + f["related"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(places >= 2, "the alarm code and the verification code are both found: {found:?}");
    for format in FORMATS {
        let out = check_in(dir.path(), &["--format", format, "week.csv"]).stdout;
        for secret in ["5519", "604218", "ghp_R8tY2u"] {
            assert!(!out.contains(secret), "{format} prints {secret:?}:\n{out}");
        }
    }
}

#[test]
fn every_shape_is_found() {
    let cases = [
        ("SEC001", "Reminder for the team: the back door code is now 7302."),
        ("SEC001", "The login for our page is pt.social@example.com / Rowan$Bridge9"),
        ("SEC001", "Volunteers: the tablet passcode is \"orchid\"."),
        ("SEC002", "Config: api_key = \"k3Vq9ZrT2mX8pL5wB7nC1dF4\""),
        ("SEC002", "Slack: xoxb-4417203985-2290847731-Zr8QmTp3LkV9wXs2"),
        ("SEC002", "Stripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
        ("SEC002", "Maps key AIzaSyD4k9Xq2LmP7rT5wV8zB1cN3fH6jK0sQeU"),
        ("SEC002", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJjbGluaWMiOiJlbG13b29kIn0.Qm9wUzlLd3Rhc2s3NXhq"),
        ("SEC002", "PAT github_pat_11AB2CD3E4fGhIjKlMnOpQ_rStUvWxYz0123456789aBcDeFgHiJ"),
        ("SEC003", "The chart printer is at 10.0.4.12 now."),
        ("SEC003", "Open http://172.16.0.5:3389 if the desktop fails."),
        ("SEC003", r"Scans go to \\PTFILES02\intake from today."),
        ("SEC004", "Update the banner at https://www.clinic.example/wp-admin/edit.php today."),
        ("SEC004", "If the icon fails, go to ehr.riverbendclinic.example/login directly."),
        ("SEC004", "Onboarding is at http://hub.riverbend.internal/onboarding"),
        ("SEC004", "Preview at http://localhost:3000/home on the front desk PC."),
        ("SEC005", "The Instagram verification code is 604218."),
        ("SEC005", "Backup codes for the page: 3391 0427, 8816 2053"),
        ("SEC006", "Security question: our first street. Answer: Wexford"),
        ("SEC006", "Recovery email for the page is social.backup@example.com"),
        ("SEC007", "Screenshot of our schedule this morning: every slot filled!"),
        ("SEC007", "All smiles by the whiteboard at the nurses' station."),
        ("SEC007", "Our EHR screen got dark mode and we love it."),
        ("SEC007", "A photo of our paper sign-in sheet on the front counter!"),
        ("REV010", "Thank you for your feedback. That's not what happened."),
        ("REV010", "Thank you for your feedback. You were rude to our staff."),
        ("REV010", "Thank you for your feedback. This review is false."),
        ("REV010", "Thank you for your feedback. Our staff did nothing wrong."),
        ("REV011", "Thank you for your feedback. Our lawyer will be in touch."),
        ("REV012", "Thank you for your feedback. You still owe us for March."),
        ("REV012", "Thank you for your feedback. The account went to collections."),
        ("REV013", "Thank you for your feedback. The imaging was medically necessary."),
        ("SEC001", "Health fair volunteers: the check-in tablet's password is sunshine (all lower case)."),
        ("SEC001", "Tulip#2026 is the new guest Wi-Fi password!"),
        ("SEC001", "Sticker on the monitor reads WIFI: LVGuest / Smile2026!"),
        ("SEC001", "The back door combination changed, it's now 7-3-9-1."),
        ("SEC002", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Vq2X9kLm4TzR\n-----END PRIVATE KEY-----"),
        ("SEC002", "Header: Authorization: Bearer 8f3kQ2mL9xZ4pW7rT1vB6nC0yH5jD2gA"),
        ("SEC004", "Point your shortcut at http://emrsrv02:8443/ until Friday."),
        ("SEC005", "A text came in: 'Your code is 482913', who has the login?"),
        ("SEC006", "If we're locked out, the reset link goes to drpatel.backup@example.com."),
        ("SEC007", "Peek at the board with today's patients and rooms!"),
        ("SEC001", "New hire login: jsmith / Harbor22!"),
        ("SEC001", "Posting tablet is on the counter, pw Summer#88."),
        ("SEC001", "Sticky note on the monitor says user rbdental pass Molar#55."),
        ("SEC001", "Network name SunnyPeds and the key is Giraffe42"),
        ("SEC001", "Guest WiFi\nSSID SunriseGuest\nBrightTeeth99"),
        ("SEC001", "Whiteboard: WIFI ClinicStaff5G // Otter$Lake42"),
        ("SEC001", "Overnight couriers: punch gate #7734 and pull up to the side door."),
        ("SEC001", "Early birds, buzz in at the staff entrance with 3318."),
        ("SEC001", "Front door keypad 4417# after 6pm."),
        ("SEC002", "Purge token: cfut_zQUMPM08HSe8jnPJjoqgA2RB19fLy0Mg1YLVUHFjxQie"),
        ("SEC005", "The one-time passcode went out: 774 210."),
        ("SEC005", "Verification code texted to the office phone: 551 902"),
        ("SEC006", "If Facebook asks for the name of our first office pet, it's Biscuit."),
        ("SEC006", "When it asks which street the practice started on, type Wexford."),
        ("SEC007", "Night shift selfie with the census sheet taped up behind us."),
        ("SEC007", "Pic of the printed appointment list on the counter!"),
        ("SEC001", "The temp login for the new scheduler is admin / Clinic2026"),
        ("SEC007", "Our charge nurse's assignment sheet made it into this selfie, oops."),
        ("SEC003", "---\ntitle: Desk\nimages:\n  - src: d.jpg\n    alt: \"Label on the monitor: 192.168.0.40\"\n---\nNew desk!"),
    ];
    let missed: Vec<_> = cases.iter().filter(|(id, text)| !has(&ids_of("p.md", text), id)).collect();
    assert!(missed.is_empty(), "not found: {missed:#?}");
}

#[test]
fn advice_public_pages_and_calm_replies_stay_clean() {
    let clean = [
        "Use a strong password for your patient portal: 12 characters or more, and never reuse it.",
        "Log in to your patient portal at https://portal.clinic.example/login to see lab results.",
        "Forgot your password? Tap 'Reset password' on the login page.",
        "Use promo code SMILE20 for 20% off whitening at your visit, and remember our dress code for the gala!",
        "Your portal PIN is private. We will never ask you to read it to us.",
        "Never share a verification code with anyone who calls you.",
        "Thank you for your feedback. We're sorry your visit fell short; please call our practice manager at \
         (312) 555-0100 so we can talk.",
        "Thank you for your review. We take every review seriously; please reach out to our office directly.",
        "Photo of our team at the charity 5K this weekend!",
        "Holiday hours: see the picture of our schedule below.",
        "Our EHR was updated to version 10.2.4.1 overnight.",
        "Our old address 203.0.113.44 is retired; book at https://clinic.example/book.",
        "Ask the front desk for the door code on your first day.",
        "A password is required to open the patient portal, and the password is case-sensitive.",
        "Free guest Wi-Fi is back: ask the front desk for this week's password.",
        "Join tonight's webinar at https://clinic.example/webinar, no passcode needed.",
        "Hi Sam, thank you for taking the time to write. Please call our practice manager at (312) 555-0100.",
        "Sticky notes are for grocery lists, not passwords. Use a password manager for your portal login.",
        "Refer a friend with code FRIEND25 and you both get a free toothbrush head!",
        "Key takeaways from our security training: a unique login for everyone, MFA everywhere, no shared passwords.",
        "The parking garage gate is open 7am-7pm; after hours, press the call button.",
        "The parking gate closes at 1800 every day, and the lockbox has been there since 2019.",
        "Question: what is the first thing to do after a chipped tooth? Answer: Call us.",
        "Free Wi-Fi in the waiting room! The network name is on the sign; ask the desk for the password.",
        "Photo of our class board for January: yoga on Tuesdays, balance class on Fridays!",
        "Kevin, thank you for telling us. Please call our office manager at (312) 555-0100.",
        "@jess.k we hear you, and we want to make this right. Please reach out at hello@clinic.example.",
        "Our legal team reviews our privacy notice every year so you can trust how we handle your information.",
        "Heard we're closing? It's not true! Same hours, same team.",
        // fourth round: near misses of the new shapes and frames
        "Log in with your email address and a password you choose.",
        "Stage 1 hypertension: 130-139 / 80-89. Stage 2: 140/90 or higher.",
        "Use a strong password (at least 12 characters) and change it if it was ever shared.",
        "Our password policy changed: it's now 16 characters minimum.",
        "Keep screenshots of any threatening messages for your records.",
        "The waiting room screen shows your queue number, and our app shows your appointments.",
        "Thanks for your review. Some swelling is normal in the first few weeks; please call us if it gets worse.",
        "If you had trouble with the portal, please call us and we'll walk you through it.",
        "We're sorry you missed your appointment; please call us at (312) 555-0100 to rebook.",
        "Our new hire checklist: badge, parking pass, and a login of her own (set up by IT, never shared).",
    ];
    let new_rules =
        |id: &String| id.starts_with("SEC") || ["REV010", "REV011", "REV012", "REV013"].contains(&id.as_str());
    let flagged: Vec<(&str, Vec<String>)> = clean
        .iter()
        .map(|text| (*text, ids_of("p.md", text).into_iter().filter(new_rules).collect::<Vec<_>>()))
        .filter(|(_, ids)| !ids.is_empty())
        .collect();
    assert!(flagged.is_empty(), "flagged: {flagged:#?}");
}

#[test]
fn a_reply_that_argues_and_discloses_care_keeps_both_findings() {
    let ids = ids_of(
        "reply.md",
        "---\nkind: review-reply\n---\nThat's not what happened. You refused the temporary crown at your visit, \
         and you still owe the balance from that day.\n",
    );
    for id in ["REV001", "REV002", "REV010", "REV012"] {
        assert!(has(&ids, id), "{id} missing from {ids:?}");
    }
}

#[test]
fn a_threat_that_names_the_review_is_both_suppression_and_a_threat() {
    let ids = ids_of("reply.md", "Thanks for your feedback. Your review is defamatory and our lawyer will call you.");
    assert!(has(&ids, "REV007") && has(&ids, "REV011"), "{ids:?}");
}

/// Replies on Google, Yelp and Facebook often open with a name or an @handle, or with the point itself.
#[test]
fn replies_without_a_reply_opening_are_still_checked() {
    let cases = [
        ("REV010", "Hi Dana, you walked in 35 minutes after your slot, a late arrival we can't absorb."),
        ("REV010", "None of this happened the way it's described. The footage tells a different story."),
        ("REV010", "This person was let go from our front desk last month. Make of this what you will."),
        ("REV010", "Hello Tom, our staff remember that evening very differently."),
        ("REV011", "We have forwarded this to our attorneys and intend to pursue it."),
        ("REV011", "@tara.lynn we handed every comment you posted to our lawyer."),
        ("REV012", "Dear customer: the payment for that visit is still outstanding after four reminders."),
        ("REV012", "@mike_r the statement you got is correct; it was never settled after three notices."),
        ("REV013", "Dear patient, antibiotics would not have helped, and our physician made the correct decision."),
        ("REV001", "Hi Priya! So glad your whitening came out well. See you at your next cleaning!"),
        ("REV010", "Kevin, our sign-in log has you called back six minutes after you arrived."),
        ("REV010", "Nobody matching this name or photo has ever come through our doors."),
        ("REV010", "This is a made-up review from an account created yesterday."),
        ("REV010", "This one-star showed up the same day the new clinic opened across the street."),
        ("REV010", "We have screenshots of every message you sent, and they tell a different story."),
        ("REV010", "Your insurance denied the claim, not us. Take it up with your carrier."),
        ("REV010", "Tom, you showed up 25 minutes past your slot and got upset when we asked you to rebook."),
        ("REV011", "Our legal counsel now has a copy of this post."),
        ("REV010", "@carla_m we checked and you were never charged that amount."),
        ("REV012", "Ms. Reyes still owes $480 for her visit."),
        ("REV012", "@jess.k you cancelled on us three times in two months, so the fee stands."),
        ("REV012", "Marcus, you left with a $212 balance we're still waiting on."),
        ("REV012", "Leaving a bad review doesn't erase the bill. It goes to our collector on Friday."),
        (
            "REV013",
            "Maria, a crown was the only sensible option for that tooth, and the dentist walked you through why.",
        ),
        (
            "REV013",
            "Physical therapy before surgery is what the research supports, and that's what was recommended to you.",
        ),
    ];
    let missed: Vec<_> = cases.iter().filter(|(id, text)| !has(&ids_of("p.md", text), id)).collect();
    assert!(missed.is_empty(), "not found: {missed:#?}");
}

/// REV010-REV012 run on every post, so posts that use their words to the public must stay clean.
#[test]
fn legal_billing_and_myth_posts_are_not_replies() {
    let clean = [
        "Free legal clinic for caregivers Saturday: volunteer lawyers answer questions about power of attorney.",
        "Welcome Jordan Ellis to our advisory board! A former health attorney, Jordan will review our privacy policies.",
        "Worried about an unpaid bill? Ask about our interest-free payment plans.",
        "Medical bills piling up? Ask about financial assistance before anything is past due.",
        "Myth: the flu shot gives you the flu. That's simply not true: the vaccine has no live virus.",
        "What does 'standard of care' mean? Swipe for three examples from everyday dentistry.",
        "Your experience matters to us! Tell us how we're doing in our two-minute survey.",
        "Policy update: appointments missed without 24 hours' notice carry a $25 fee.",
    ];
    let flagged: Vec<(&str, BTreeSet<String>)> = clean
        .iter()
        .map(|text| (*text, ids_of("p.md", text)))
        .filter(|(_, ids)| ids.iter().any(|id| id.starts_with("REV")))
        .collect();
    assert!(flagged.is_empty(), "flagged: {flagged:#?}");
}

#[test]
fn the_allow_list_does_not_hide_the_practices_own_admin_pages_and_logins() {
    let dir = dir_with(&[
        ("carelint.toml", b"[allow]\nvalues = [\"clinic.example\"]\n"),
        ("p.md", b"Staff: update the banner at https://portal.clinic.example/admin before Friday.\n"),
    ]);
    let run = carelint(&["check", "--format", "json", "p.md"]).current_dir(dir.path()).run();
    assert!(rule_ids(&run.json()).contains(&"SEC004".to_string()), "{}", run.stdout);
}

#[test]
fn fix_takes_the_password_out_of_the_post() {
    let dir = dir_with(&[]);
    let path = write(dir.path(), "wifi.md", format!("Guest Wi-Fi password: {PASSWORD}\n"));
    check_in(dir.path(), &["--fix", "wifi.md"]);
    let fixed = std::fs::read_to_string(path).unwrap();
    assert_eq!(fixed, "Guest Wi-Fi password: [redacted]\n");
}

/// A user's ruleset whose frame puts a `$secret` value after a label word (value shapes, docs/rules.md).
const VALUE_FRAME_RULES: &str = r#"
[lexicons.usr_label]
category = "credential"
words = ["locker code", "vault pass", "sign in as"]

[[rules]]
id = "USR100"
name = "locker-code"
category = "security"
severity = "error"
message = "A locker code or vault pass in a post"
redact = true
frame = { slots = ["label=usr_label", "value=$secret"], gap = 1, report = "value" }
"#;

#[test]
fn a_value_shape_fills_a_frame_slot_and_only_the_value_is_reported_and_masked() {
    // paragraphs of their own: a report groups one rule's findings in a paragraph
    let post = "Gym locker code is Bluejay#88 this week.\n\nVault pass: whatever you like.\n\nSign in as reception01 \
                with Pelican$7 on the kiosk.\n";
    let dir = dir_with(&[("rules.toml", VALUE_FRAME_RULES.as_bytes()), ("note.md", post.as_bytes())]);
    let args = ["--no-default-rules", "--rules", "rules.toml", "note.md"];
    let (_, report) = check_json_in(dir.path(), &args);
    let found = common::findings(&report);
    // the advice word after 'vault pass' is no secret; the pair after 'sign in as' is one value, both halves masked
    assert_eq!(found.len(), 2, "{report:#}");
    for format in FORMATS {
        let (_, out, err) =
            check_in(dir.path(), &["--format", format, "--no-default-rules", "--rules", "rules.toml", "note.md"])
                .parts();
        for secret in ["Bluejay#88", "Pelican$7", "reception01"] {
            assert!(!out.contains(secret) && !err.contains(secret), "{format} prints {secret:?}:\n{out}{err}");
        }
    }
}

/// The ninth round's classes of argument, each in words of no earlier test post.
#[test]
fn feedback_classes_of_the_ninth_round_are_found_and_calm_wording_is_not() {
    for (text, id) in [
        ("Funny how you left out that you cursed at our hygienist before leaving.", "REV010"),
        ("This gentleman threatened our receptionist at check-in, and now he writes this.", "REV010"),
        ("Sadly, none of it matches what our front desk saw that morning.", "REV010"),
        ("We checked twice: the reviewer does not appear anywhere in our scheduling system.", "REV010"),
        ("You were advised to rest the knee for two weeks and you went ahead and ran the race.", "REV010"),
        ("The late fee is right there in the payment policy you initialed.", "REV012"),
    ] {
        let ids = ids_of("reply.md", text);
        assert!(has(&ids, id), "{text:?}: {id} missing from {ids:?}");
    }
    for text in [
        "If a patient shouts at you, step back and find the office manager.",
        "Thank you for the feedback; we'd like to hear more. Please call us at (312) 555-0100.",
        "Our cancellation fee applies to visits cancelled within 24 hours.",
    ] {
        let ids = ids_of("reply.md", text);
        assert!(!ids.iter().any(|id| id.starts_with("REV01")), "{text:?}: {ids:?}");
    }
}
