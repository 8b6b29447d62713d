//! The consent registry: the practice's record of signed HIPAA authorizations (45 CFR 164.508), one row each, in
//! `consents.csv` or `consents.toml`. carelint reads only what it checks posts against (id, what is covered, where,
//! when, whether remuneration is stated); the optional `subject` column, the practice's own reference to the
//! patient, is read so that it is accepted and then dropped: no message, report or error can print it.
//!
//! `table` reads the two spellings, this module validates rows into `Authorization`s, and `verdict` judges a post's
//! use of an authorization on a date.

pub mod date;
mod table;
pub mod verdict;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub use date::Date;
use table::{Cell, RawRow};

/// What an authorization can cover.
pub const MEDIA: &[&str] = &["story", "name", "photo", "video", "review-quote", "quote"];

/// The platforms a registry may name (canonical names, see `text::platform::canonical`), besides `any`.
pub const PLATFORMS: &[&str] = &[
    "facebook",
    "instagram",
    "x",
    "linkedin",
    "tiktok",
    "youtube",
    "threads",
    "bluesky",
    "mastodon",
    "pinterest",
    "nextdoor",
    "google",
    "yelp",
    "website",
    "blog",
    "email",
    "newsletter",
    "print",
];

/// The columns (CSV) or keys (TOML) of a row.
const COLUMNS: &[&str] =
    &["id", "covers", "platforms", "signed", "expires", "revoked", "remuneration", "subject", "notes"];

/// When an authorization ends: a date, or an event (`end of treatment`) that carelint cannot date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expiry {
    On(Date),
    Event,
}

/// One signed authorization as carelint keeps it: nothing that identifies the patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    pub id: String,
    /// The line of the registry it is on.
    pub line: usize,
    pub covers: Vec<String>,
    /// Canonical platform names; empty means any platform.
    pub platforms: Vec<String>,
    pub signed: Date,
    pub expires: Expiry,
    pub revoked: Option<Date>,
    /// Whether the authorization states that the practice is paid for the use (164.508(a)(3)(ii)).
    pub remuneration: bool,
}

/// A problem with one row of the registry, at its line. Messages show ids, dates, platform and media names, never
/// a subject reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryProblem {
    pub line: usize,
    pub message: String,
}

/// A loaded registry: the authorizations by id, and what was wrong with the rows that were not kept.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub path: PathBuf,
    pub authorizations: Vec<Authorization>,
    by_id: HashMap<String, usize>,
    pub problems: Vec<RegistryProblem>,
}

impl Registry {
    /// Reads a registry file (`.toml` is TOML, anything else CSV). A file that cannot be read or parsed at all is an
    /// error; problems with single rows are kept in `problems`.
    pub fn load(path: &Path) -> anyhow::Result<Registry> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the consent registry {}", path.display()))?;
        Ok(Registry::parse(path, &text))
    }

    /// Parses a registry's text; `path` says which spelling it is and names it in messages.
    pub fn parse(path: &Path, text: &str) -> Registry {
        let toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        let rows = if toml { table::toml_rows(text) } else { table::csv_rows(text) };
        let mut registry = Registry { path: path.to_path_buf(), ..Registry::default() };
        match rows {
            Ok(rows) => {
                for row in rows {
                    registry.add(row);
                }
            }
            Err(e) => {
                let (line, message) = e.split_once(": ").unwrap_or(("1", &e));
                let message = message.to_string();
                registry.problems.push(RegistryProblem { line: line.parse().unwrap_or(1), message });
            }
        }
        registry
    }

    /// The authorization with this id.
    pub fn get(&self, id: &str) -> Option<&Authorization> {
        self.by_id.get(id).map(|&i| &self.authorizations[i])
    }

    /// The authorizations with a dated expiry in `from..=from+days`, not revoked, in expiry order.
    pub fn expiring_within(&self, from: Date, days: i64) -> Vec<(&Authorization, Date)> {
        let until = from.plus_days(days);
        let mut soon: Vec<(&Authorization, Date)> = self
            .authorizations
            .iter()
            .filter(|a| a.revoked.is_none())
            .filter_map(|a| match a.expires {
                Expiry::On(d) if d >= from && d <= until => Some((a, d)),
                _ => None,
            })
            .collect();
        soon.sort_by_key(|(a, d)| (*d, a.line));
        soon
    }

    /// What `consents check` prints: each problem, then (with `expiring`: from a date, within days) each
    /// authorization about to expire, then the counts; one line each.
    pub fn check_report(&self, expiring: Option<(Date, i64)>) -> String {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let mut out = self.problem_lines();
        if let Some((today, days)) = expiring {
            for (auth, expires) in self.expiring_within(today, days) {
                let left = today.days_until(expires) as usize;
                let id = shown_id(&auth.id);
                out.push(format!(
                    "{}:{}: {id} expires {expires} (in {})",
                    self.path.display(),
                    auth.line,
                    plural(left, "day")
                ));
            }
        }
        out.push(format!(
            "{}, {}",
            plural(self.authorizations.len(), "authorization"),
            plural(self.problems.len(), "problem")
        ));
        out.iter().map(|line| format!("{line}\n")).collect()
    }

    /// "consents.csv:4: ..." for each problem, in line order.
    pub fn problem_lines(&self) -> Vec<String> {
        let mut problems = self.problems.clone();
        problems.sort_by_key(|p| p.line);
        problems.iter().map(|p| format!("{}:{}: {}", self.path.display(), p.line, p.message)).collect()
    }

    fn add(&mut self, row: RawRow) {
        let line = row.line;
        match authorization(row) {
            Ok(auth) => {
                if let Some(&first) = self.by_id.get(&auth.id) {
                    let first = self.authorizations[first].line;
                    let message = format!("duplicate id {} (first on line {first})", shown_id(&auth.id));
                    self.problems.push(RegistryProblem { line, message });
                    return;
                }
                self.by_id.insert(auth.id.clone(), self.authorizations.len());
                self.authorizations.push(auth);
            }
            Err(messages) => {
                self.problems.extend(messages.into_iter().map(|message| RegistryProblem { line, message }));
            }
        }
    }
}

/// An id as messages show it: ids are the registry's own short references (`AUTH-0142`); anything longer or with
/// spaces may be something else typed into the wrong column and is not shown.
pub fn shown_id(id: &str) -> String {
    let word = !id.is_empty()
        && id.len() <= 40
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if word {
        id.to_string()
    } else {
        "(id not shown: not a single word)".to_string()
    }
}

/// A registry name (platform, medium) as messages show it, under the same rule as ids.
fn shown_name(name: &str) -> String {
    if name.len() <= 30 && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        format!("`{name}`")
    } else {
        "(not shown)".to_string()
    }
}

/// A column name as messages show it: only one that reads as a name (letters, `-`, `_`), never a value that ended
/// up in the header.
fn shown_column(name: &str) -> String {
    if name.len() <= 30 && name.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '_')) {
        format!("`{name}`")
    } else {
        "(not shown)".to_string()
    }
}

/// Validates one row; every problem of the row is reported, not only the first.
fn authorization(mut row: RawRow) -> Result<Authorization, Vec<String>> {
    let mut problems = Vec::new();
    // the subject reference is dropped here, before anything can format it
    row.cells.remove("subject");
    for column in row.cells.keys() {
        if !COLUMNS.contains(&column.as_str()) {
            problems.push(format!("unknown column {}; known: {}", shown_column(column), COLUMNS.join(", ")));
        }
    }
    let cell = |name: &str| row.cells.get(name);
    let id = cell("id").map(|c| c.text().to_string()).unwrap_or_default();
    if id.is_empty() {
        problems.push("no id".to_string());
    }
    let covers: Vec<String> = cell("covers").map(Cell::items).unwrap_or_default();
    let covers: Vec<String> = covers.iter().map(|c| c.to_lowercase()).collect();
    if covers.is_empty() {
        problems.push(format!("`covers` names nothing; it lists some of {}", MEDIA.join(", ")));
    }
    for medium in covers.iter().filter(|c| !MEDIA.contains(&c.as_str())) {
        problems.push(format!("unknown medium {} in `covers`; known: {}", shown_name(medium), MEDIA.join(", ")));
    }
    let named: Vec<String> = cell("platforms").map(Cell::items).unwrap_or_default();
    let any = named.is_empty() || named.iter().any(|p| p.eq_ignore_ascii_case("any"));
    let platforms: Vec<String> =
        if any { Vec::new() } else { named.iter().map(|p| crate::text::platform::canonical(p)).collect() };
    for platform in platforms.iter().filter(|p| !PLATFORMS.contains(&p.as_str())) {
        problems.push(format!("unknown platform {}; known: any, {}", shown_name(platform), PLATFORMS.join(", ")));
    }
    let mut date_of = |name: &str, required: bool| -> Option<Date> {
        let text = cell(name).map(Cell::text).unwrap_or_default();
        if text.is_empty() {
            if required {
                problems.push(format!("no `{name}` date"));
            }
            return None;
        }
        text.parse().map_err(|e| problems.push(format!("`{name}`: {e}"))).ok()
    };
    let signed = date_of("signed", true);
    let revoked = date_of("revoked", false);
    if cell("revoked").is_some_and(|c| matches!(c, Cell::Flag(true))) {
        problems.push("`revoked` needs the date the authorization was revoked".to_string());
    }
    let expires = match cell("expires").map(Cell::text).unwrap_or_default() {
        "" => {
            problems.push("no `expires`: an authorization needs an expiration date or event (164.508(c)(1)(v))".into());
            None
        }
        text if text.starts_with(|c: char| c.is_ascii_digit()) => date_of_text(text, &mut problems).map(Expiry::On),
        _ => Some(Expiry::Event),
    };
    if let (Some(signed), Some(Expiry::On(expires))) = (signed, &expires) {
        if *expires < signed {
            problems.push(format!("expires {expires}, before it was signed ({signed})"));
        }
    }
    if let (Some(signed), Some(revoked)) = (signed, revoked) {
        if revoked < signed {
            problems.push(format!("revoked {revoked}, before it was signed ({signed})"));
        }
    }
    let remuneration = match cell("remuneration") {
        None => false,
        Some(Cell::Flag(b)) => *b,
        Some(c) => match c.text().to_lowercase().as_str() {
            "" | "no" | "false" | "n" | "0" => false,
            "yes" | "true" | "y" | "1" => true,
            _ => {
                problems.push("`remuneration` is yes or no".to_string());
                false
            }
        },
    };
    match (signed, expires, problems.is_empty()) {
        (Some(signed), Some(expires), true) => {
            Ok(Authorization { id, line: row.line, covers, platforms, signed, expires, revoked, remuneration })
        }
        _ => Err(problems),
    }
}

/// An expiry that starts like a date must be one: `2026-13-01` is a typo, not an event.
fn date_of_text(text: &str, problems: &mut Vec<String>) -> Option<Date> {
    text.parse().map_err(|e| problems.push(format!("`expires`: {e}, or an event in words"))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,covers,platforms,signed,expires,revoked,remuneration,subject\n";

    fn registry(rows: &str) -> Registry {
        Registry::parse(Path::new("consents.csv"), &format!("{HEADER}{rows}"))
    }

    #[test]
    fn a_valid_row_is_kept_without_its_subject() {
        let r = registry("AUTH-1,story;photo,Instagram|fb,2026-01-10,2026-09-30,,yes,MRN 12345\n");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let a = r.get("AUTH-1").unwrap();
        assert_eq!(
            (a.covers.clone(), a.platforms.clone()),
            (vec!["story".into(), "photo".into()], vec!["instagram".into(), "facebook".into()])
        );
        assert!(a.remuneration && a.revoked.is_none());
        assert!(!format!("{r:?}").contains("12345"));
    }

    #[test]
    fn each_kind_of_problem_is_reported_at_its_line() {
        let r = registry(
            "AUTH-1,story,any,2026-01-10,end of treatment,,,\n\
             AUTH-1,story,any,2026-01-10,2026-09-30,,,\n\
             AUTH-2,story,any,2026-05-10,2026-04-30,,,\n\
             AUTH-3,story;hologram,myspace,2026-01-10,2026-09-30,,,\n\
             AUTH-4,story,any,2026-02-30,2026-13-01,someday,,\n",
        );
        let lines = r.problem_lines();
        assert_eq!(
            lines,
            [
                "consents.csv:3: duplicate id AUTH-1 (first on line 2)",
                "consents.csv:4: expires 2026-04-30, before it was signed (2026-05-10)",
                "consents.csv:5: unknown medium `hologram` in `covers`; known: story, name, photo, video, review-quote, quote",
                "consents.csv:5: unknown platform `myspace`; known: any, facebook, instagram, x, linkedin, tiktok, youtube, threads, bluesky, mastodon, pinterest, nextdoor, google, yelp, website, blog, email, newsletter, print",
                "consents.csv:6: `signed`: not a date (YYYY-MM-DD)",
                "consents.csv:6: `revoked`: not a date (YYYY-MM-DD)",
                "consents.csv:6: `expires`: not a date (YYYY-MM-DD), or an event in words",
            ]
        );
    }

    #[test]
    fn authorizations_expiring_soon_are_listed_in_expiry_order() {
        let r = registry(
            "A,story,any,2026-01-10,2026-12-20,,,\nB,story,any,2026-01-10,2026-12-05,,,\n\
             C,story,any,2026-01-10,2027-06-01,,,\nD,story,any,2026-01-10,2026-12-06,2026-03-01,,\n",
        );
        let soon = r.expiring_within("2026-12-01".parse().unwrap(), 30);
        assert_eq!(soon.iter().map(|(a, _)| a.id.as_str()).collect::<Vec<_>>(), ["B", "A"]);
    }
}
