//! Judging a post's use of an authorization: does its id exist, was it revoked or expired on the post's date, does
//! it cover the platform and the media the post uses, and does it state remuneration. Each failed check is named as
//! rules' `registry = "..."` post condition names it, with a note for the report that says what to do.

use super::{shown_id, Authorization, Date, Expiry, Registry};

/// What a post does with an authorization.
#[derive(Clone, Debug)]
pub struct Use<'a> {
    /// The authorization id the post names (`None`: a consent marker without an id).
    pub id: Option<&'a str>,
    /// The platform the post is for (canonical), if known.
    pub platform: Option<&'a str>,
    /// What the post shows of the patient (`story`, `photo`, `name`, ...).
    pub media: Vec<String>,
    /// The date the post is judged on: its publish date, or the `--as-of` date when later.
    pub on: Date,
}

/// One failed check: its name (a rule's `registry` condition) and the note the finding carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub check: &'static str,
    pub note: String,
}

/// The checks, in the order a post's failures are listed.
pub const CHECKS: &[&str] = &["unknown", "revoked", "expired", "scope", "remuneration"];

/// Every check the use fails. `remuneration` is judged for every post: the rule that reports it runs only on
/// sponsored posts.
pub fn judge(registry: &Registry, usage: &Use) -> Vec<Failure> {
    let fail = |check: &'static str, note: String| Failure { check, note };
    let Some(id) = usage.id else {
        let note = "the consent marker names no authorization id: add `id=` with the registry's id".to_string();
        return vec![fail("unknown", note)];
    };
    let shown = shown_id(id);
    let Some(auth) = registry.get(id) else {
        let note = format!("{shown} is not in the consent registry: check the id, or record the signed authorization");
        return vec![fail("unknown", note)];
    };
    let mut failures = Vec::new();
    if let Some(revoked) = auth.revoked.filter(|&r| r <= usage.on) {
        failures.push(fail("revoked", format!("{shown} was revoked on {revoked}: take the post down")));
    }
    if let Some(note) = not_in_force(auth, &shown, usage.on) {
        failures.push(fail("expired", note));
    }
    let missing = not_covered(auth, usage);
    if !missing.is_empty() {
        let note = format!("{shown} does not cover {}: get an authorization that does", missing.join(", "));
        failures.push(fail("scope", note));
    }
    if !auth.remuneration {
        let note = format!(
            "{shown} does not state that the practice is paid for this use: a sponsored story needs an \
             authorization that says so"
        );
        failures.push(fail("remuneration", note));
    }
    failures
}

/// Why the authorization was not in force on the date, if it was not: signed later, or expired before.
fn not_in_force(auth: &Authorization, shown: &str, on: Date) -> Option<String> {
    if auth.signed > on {
        return Some(format!("{shown} was signed {}, after the post's date {on}", auth.signed));
    }
    match auth.expires {
        Expiry::On(expires) if expires < on => {
            Some(format!("renew {shown}, expired {expires}; the post is dated {on}"))
        }
        _ => None,
    }
}

/// The media and platform the post uses that the authorization does not cover.
fn not_covered(auth: &Authorization, usage: &Use) -> Vec<String> {
    let mut missing: Vec<String> = usage.media.iter().filter(|m| !auth.covers.contains(m)).cloned().collect();
    if let Some(platform) = usage.platform {
        if !auth.platforms.is_empty() && !auth.platforms.iter().any(|p| p == platform) {
            missing.push(format!("posting on {platform}"));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn registry() -> Registry {
        Registry::parse(
            Path::new("consents.csv"),
            "id,covers,platforms,signed,expires,revoked,remuneration\n\
             OK,story;photo,instagram,2026-01-10,2026-09-30,,yes\n\
             GONE,story,any,2026-01-10,2027-01-01,2026-06-01,yes\n\
             EVENT,story,any,2026-01-10,end of treatment,,no\n",
        )
    }

    fn checks(id: Option<&str>, media: &[&str], platform: Option<&str>, on: &str) -> Vec<&'static str> {
        let media = media.iter().map(|m| m.to_string()).collect();
        let usage = Use { id, platform, media, on: on.parse().unwrap() };
        judge(&registry(), &usage).into_iter().map(|f| f.check).collect()
    }

    #[test]
    fn each_check_fails_on_its_own() {
        assert!(checks(Some("OK"), &["story", "photo"], Some("instagram"), "2026-05-01").is_empty());
        assert_eq!(checks(Some("NOPE"), &["story"], None, "2026-05-01"), ["unknown"]);
        assert_eq!(checks(None, &["story"], None, "2026-05-01"), ["unknown"]);
        assert_eq!(checks(Some("OK"), &["story"], None, "2026-10-01"), ["expired"]);
        assert_eq!(checks(Some("OK"), &["story"], None, "2025-12-01"), ["expired"]);
        assert_eq!(checks(Some("OK"), &["story", "video"], Some("x"), "2026-05-01"), ["scope"]);
        assert_eq!(checks(Some("GONE"), &["story"], None, "2026-05-31"), Vec::<&str>::new());
        assert_eq!(checks(Some("GONE"), &["story"], None, "2026-06-01"), ["revoked"]);
        assert_eq!(checks(Some("EVENT"), &["story"], None, "2030-01-01"), ["remuneration"]);
    }

    #[test]
    fn notes_say_what_to_do_with_the_id_and_dates_only() {
        let usage =
            Use { id: Some("OK"), platform: None, media: vec!["story".into()], on: "2026-10-05".parse().unwrap() };
        let failures = judge(&registry(), &usage);
        assert_eq!(failures[0].note, "renew OK, expired 2026-09-30; the post is dated 2026-10-05");
    }
}
