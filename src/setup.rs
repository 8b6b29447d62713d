//! Setting carelint up in a repository: `carelint init` (a commented `carelint.toml`), `carelint hook install`
//! (the git pre-commit hook), and the shell completions and man page, generated from the command line's
//! definitions so they cannot drift from it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use crate::git::Repo;
use crate::matching::pattern::{compiled_source, validators};
use crate::matching::Matcher;
use crate::rules::Ruleset;

/// The configuration `carelint init` writes: every key commented out except the allow-list, which a practice
/// should fill in before anything else (its own phone number and address are not a patient's).
pub const CONFIG_TEMPLATE: &str = r#"# carelint configuration (carelint's README, "Configuration", describes every key; `carelint rules` lists the rules).
# Paths in this file are relative to it. Unknown keys are errors.

# A practice group or agency can keep one policy for many repositories and build on it here; keys set in this
# file override the shared file's.
# extend = "../policy/carelint-group.toml"

# The lowest severity that fails a run (exit code 1): "error" (default), "warning", "info" or "never".
# fail-on = "error"

# Which rules run: ids (PHI001), id prefixes (PHI, MIS0) or categories (phi, misinformation, review,
# testimonial, professional, platform, security).
# select = ["phi", "misinformation", "review", "testimonial"]
# ignore = []

# Extra rulesets of this practice (docs/rules.md describes the format).
# rules = ["carelint-rules.toml"]

# The practice's register of signed patient authorizations (HIPAA, 45 CFR 164.508), for posts that name one
# (`consent: AUTH-0142`): each must be known, signed, unexpired and unrevoked on the post's date and cover its
# platform and media (README, "Consent registry"). carelint prints nothing of a row but its id.
# consents = "consents.csv"

[allow]
# The practice's OWN identifiers, which are never a patient's PHI: its phone and fax numbers, e-mail addresses,
# web domain, street address, and the names of its clinicians and staff as they appear in posts. Fill this in
# first: without it, the practice's own contact line is reported in every post.
# values = ["(312) 555-0100", "frontdesk@clinic.example", "clinic.example", "Dr. Ana Testa"]
{{proposed}}values = []

# [severity]
# MIS004 = "error"          # change one rule's severity

# [[overrides]]
# paths = ["archive/**"]    # posts published long ago: no testimonial rules
# ignore = ["testimonial"]

# [review]
# rules = ["misinformation"]   # findings a compliance reviewer may sign off (`carelint review sign`)

[input]
# The platform posts are written for when a post does not say (front matter `platform:`): adds its length,
# hashtag and alt-text rules. One of: x, instagram, tiktok, linkedin, facebook.
# platform = "instagram"
# The calendar column (or JSON field) that holds the post text, if it is not one of text, post, caption,
# message, copy, body or content.
# text-fields = ["caption"]
"#;

/// What `init` wrote: the file, and the contact details it proposes for the allow-list (commented out in the file).
#[derive(Debug)]
pub struct Initialized {
    pub path: PathBuf,
    pub proposals: Vec<Proposal>,
    /// The posts the proposals were counted over.
    pub posts: usize,
}

/// Writes `carelint.toml` in `dir`, with the contact details that recur across the posts under it proposed (as
/// comments) for `[allow] values`; an existing file is replaced only with `force`.
pub fn init(dir: &Path, force: bool) -> anyhow::Result<Initialized> {
    let path = dir.join("carelint.toml");
    if path.exists() && !force {
        bail!("{} already exists; use --force to replace it", path.display());
    }
    let posts = read_posts(dir);
    let rules = Ruleset::default_rules().map_err(|e| anyhow::anyhow!("the default rules: {}", e.message))?;
    let proposals = recurring_contacts(&posts, &rules)?;
    let text = config_text(&proposals, posts.len());
    std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(Initialized { path, proposals, posts: posts.len() })
}

/// The template with the proposed values as a commented-out `values` list above the empty one.
fn config_text(proposals: &[Proposal], posts: usize) -> String {
    let mut block = String::new();
    if !proposals.is_empty() {
        block.push_str(
            "# Found in many of this repository's posts by `carelint init`: a practice's own number, mailbox and\n",
        );
        block.push_str(
            "# address recur, a patient's do not. Keep the ones that are the practice's own and uncomment.\n",
        );
        block.push_str("# values = [\n");
        for p in proposals {
            block.push_str(&format!("#   {},  # in {} of {posts} posts\n", toml_string(&p.value), p.posts));
        }
        block.push_str("# ]\n");
    }
    CONFIG_TEMPLATE.replace("{{proposed}}", &block)
}

/// A TOML basic string.
fn toml_string(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Size cap of a post read for the proposals: larger files are not posts.
const MAX_POST_BYTES: u64 = 4 * 1024 * 1024;

/// The text of every post a check of `dir` would read (a calendar file counts as one); unreadable files are skipped,
/// as `check` would report them.
fn read_posts(dir: &Path) -> Vec<String> {
    let (inputs, _) = crate::input::collect(&[dir.display().to_string()], "-");
    inputs.iter().filter_map(|input| crate::input::read::read(input, MAX_POST_BYTES).ok()).map(|d| d.text).collect()
}

/// A contact detail proposed for the allow-list: as most often written, and in how many posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub value: String,
    pub posts: usize,
}

/// The default rules whose matches are contact details (phone numbers, e-mail addresses, street addresses). Their
/// patterns and validators are used without their context conditions: whose a detail is, recurrence answers.
const CONTACT_RULES: &[&str] = &["PHI028", "PHI029", "PHI012"];

/// A detail is proposed when it is in at least this many posts ...
const MIN_POSTS: usize = 3;
/// ... and in at least one post in this many.
const SHARE: usize = 20;

/// The contact details found in at least `MIN_POSTS` posts and one in `SHARE` of them, most frequent first. Forms of
/// one detail ("(312) 555-0100", "312.555.0100") are counted together, as the allow-list compares them.
pub fn recurring_contacts(posts: &[String], rules: &Ruleset) -> anyhow::Result<Vec<Proposal>> {
    let finders = contact_finders(rules)?;
    // key -> (posts it is in, how often each written form occurs)
    let mut seen: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
    for post in posts {
        let text = crate::text::normalize::normalize(post).text().to_string();
        let mut in_post: HashMap<String, String> = HashMap::new();
        for (regex, validator) in &finders {
            for caps in regex.captures_iter(&text) {
                let found = caps.name("value").or_else(|| caps.get(0)).map_or("", |m| m.as_str()).trim();
                if !found.is_empty() && validator.is_none_or(|valid| valid(found)) {
                    in_post.entry(crate::allow::key(found)).or_insert_with(|| found.to_string());
                }
            }
        }
        for (key, form) in in_post {
            let (count, forms) = seen.entry(key).or_default();
            *count += 1;
            *forms.entry(form).or_default() += 1;
        }
    }
    let least = MIN_POSTS.max(posts.len().div_ceil(SHARE));
    let mut out: Vec<Proposal> = seen
        .into_values()
        .filter(|(count, _)| *count >= least)
        .map(|(count, forms)| {
            let value =
                forms.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(f, _)| f).unwrap_or_default();
            Proposal { value, posts: count }
        })
        .collect();
    out.sort_by(|a, b| b.posts.cmp(&a.posts).then(a.value.cmp(&b.value)));
    Ok(out)
}

/// The compiled pattern and validator of each contact rule.
fn contact_finders(rules: &Ruleset) -> anyhow::Result<Vec<(regex::Regex, Option<validators::Validator>)>> {
    let mut out = Vec::new();
    for id in CONTACT_RULES {
        let rule = rules.rules.iter().find(|r| r.id == *id).with_context(|| format!("no default rule {id}"))?;
        let Matcher::Pattern(pattern) = &rule.matcher else { bail!("{id} is not a pattern rule") };
        let regex = regex::Regex::new(&compiled_source(&pattern.pattern)).with_context(|| format!("{id}: pattern"))?;
        out.push((regex, pattern.validator.as_deref().and_then(validators::lookup)));
    }
    Ok(out)
}

/// The plain git hook, as shipped in `hooks/pre-commit`.
pub const HOOK: &str = include_str!("../hooks/pre-commit");

/// The line that marks a hook as carelint's own (an older copy is replaced without asking).
const HOOK_MARK: &str = "# carelint pre-commit hook";

/// The name a foreign hook is kept under when `--force` chains it: the carelint hook runs it first.
pub const CHAINED: &str = "pre-commit.chained";

/// What `hook install` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    /// There was no hook.
    New(PathBuf),
    /// carelint's hook was there and is now the current version.
    Updated(PathBuf),
    /// Another hook was there: it is kept under `CHAINED` and runs before carelint.
    Chained(PathBuf, PathBuf),
}

/// Installs the pre-commit hook in the repository `cwd` is in (where git looks for hooks: `core.hooksPath` and
/// worktrees are honoured). A hook that is not carelint's is refused unless `force`, and then chained, never lost.
pub fn install_hook(cwd: &Path, force: bool) -> anyhow::Result<Installed> {
    let repo = Repo::discover(cwd)?;
    let hook = repo.git_path("hooks/pre-commit")?;
    let dir = hook.parent().context("the hooks directory has no parent")?;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let existing = std::fs::read(&hook).ok();
    let outcome = match existing {
        None => Installed::New(hook.clone()),
        Some(old) if String::from_utf8_lossy(&old).contains(HOOK_MARK) => Installed::Updated(hook.clone()),
        Some(_) if !force => bail!(
            "{} is another pre-commit hook; rerun with --force to keep it as {CHAINED} and run it before carelint",
            hook.display()
        ),
        Some(_) => {
            let chained = dir.join(CHAINED);
            if chained.exists() {
                bail!("{} already exists; move it away first, so no hook is lost", chained.display());
            }
            std::fs::rename(&hook, &chained).with_context(|| format!("{}: cannot move", hook.display()))?;
            Installed::Chained(hook.clone(), chained)
        }
    };
    std::fs::write(&hook, HOOK).with_context(|| format!("{}: cannot write", hook.display()))?;
    make_executable(&hook)?;
    Ok(outcome)
}

#[cfg(unix)]
fn make_executable(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("{}: cannot make it executable", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// The completion script of `shell` for the command line `cmd`.
pub fn completions(shell: clap_complete::Shell, mut cmd: clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "carelint", &mut out);
    out
}

/// The man page (roff) of the command line `cmd`, with its subcommands in it.
pub fn manpage(cmd: clap::Command) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out).context("cannot render the man page")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_loads_and_asks_for_the_allow_list_and_the_platform() {
        let template = config_text(&[], 0);
        let config = crate::config::Config::parse(Path::new("carelint.toml"), &template).expect("it loads");
        assert!(config.allow.is_empty() && config.platform.is_none());
        assert!(template.contains("[allow]") && template.contains("# platform = "));
        // every commented-out key is one the configuration knows: uncommented, the file still loads
        let uncommented: String = template
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
                _ => l,
            })
            .filter(|l| !["extend", "rules", "consents", "values = []"].iter().any(|key| l.starts_with(key)))
            .map(|l| format!("{l}\n"))
            .collect();
        let config = crate::config::Config::parse(Path::new("carelint.toml"), &uncommented).expect("uncommented");
        assert_eq!(config.platform.as_deref(), Some("instagram"));
        assert_eq!(config.allow.len(), 4);
    }

    #[test]
    fn init_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), false).unwrap();
        std::fs::write(dir.path().join("carelint.toml"), "# mine\n").unwrap();
        let err = init(dir.path(), false).unwrap_err().to_string();
        assert!(err.contains("already exists") && err.contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(dir.path().join("carelint.toml")).unwrap(), "# mine\n");
        init(dir.path(), true).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("carelint.toml")).unwrap(), config_text(&[], 0));
    }

    /// Thirty posts with the practice's phone (written two ways), its mailbox in ten, one patient's number in one.
    fn practice_posts() -> Vec<String> {
        let mut posts: Vec<String> = (0..30)
            .map(|i| match i % 2 {
                0 => format!("Flu shot day {i}! Call us at (312) 555-0100."),
                _ => format!("Tip {i}: floss daily. Questions? 312.555.0100"),
            })
            .collect();
        for post in posts.iter_mut().take(10) {
            post.push_str(" Or write to hello@clinic.example.");
        }
        posts.push("Our patient Jane's cell is 312-555-0199; she loves visitors.".into());
        posts.push("Jim from 412 Oak St won the pie contest.".into());
        posts
    }

    #[test]
    fn only_details_that_recur_across_posts_are_proposed() {
        let rules = Ruleset::default_rules().unwrap();
        let proposals = recurring_contacts(&practice_posts(), &rules).unwrap();
        let values: Vec<(&str, usize)> = proposals.iter().map(|p| (p.value.as_str(), p.posts)).collect();
        assert_eq!(values, [("(312) 555-0100", 30), ("hello@clinic.example", 10)]);
        // in a few posts, a detail must still be in three of them
        let few = &practice_posts()[..2];
        assert!(recurring_contacts(few, &rules).unwrap().is_empty());
    }

    #[test]
    fn proposals_are_written_commented_out_and_the_file_still_loads() {
        let proposals = vec![Proposal { value: "(312) 555-0100".into(), posts: 30 }];
        let text = config_text(&proposals, 32);
        assert!(text.contains("#   \"(312) 555-0100\",  # in 30 of 32 posts\n"), "{text}");
        let config = crate::config::Config::parse(Path::new("carelint.toml"), &text).expect("it loads");
        assert!(config.allow.is_empty(), "a proposal is not allowed until the practice uncomments it");
    }

    #[test]
    fn the_shipped_hook_is_marked_as_carelints() {
        assert!(HOOK.contains(HOOK_MARK) && HOOK.contains(CHAINED) && HOOK.contains("--staged"));
    }
}
