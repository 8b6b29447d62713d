//! Setting carelint up in a repository: `carelint init` (a commented `carelint.toml`), `carelint hook install`
//! (the git pre-commit hook), and the shell completions and man page, generated from the command line's
//! definitions so they cannot drift from it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use crate::git::Repo;

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
values = []

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

/// Writes `carelint.toml` in `dir`; an existing one is replaced only with `force`.
pub fn init(dir: &Path, force: bool) -> anyhow::Result<PathBuf> {
    let path = dir.join("carelint.toml");
    if path.exists() && !force {
        bail!("{} already exists; use --force to replace it", path.display());
    }
    std::fs::write(&path, CONFIG_TEMPLATE).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(path)
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
        let config = crate::config::Config::parse(Path::new("carelint.toml"), CONFIG_TEMPLATE).expect("it loads");
        assert!(config.allow.is_empty() && config.platform.is_none());
        assert!(CONFIG_TEMPLATE.contains("[allow]") && CONFIG_TEMPLATE.contains("# platform = "));
        // every commented-out key is one the configuration knows: uncommented, the file still loads
        let uncommented: String = CONFIG_TEMPLATE
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
        assert_eq!(std::fs::read_to_string(dir.path().join("carelint.toml")).unwrap(), CONFIG_TEMPLATE);
    }

    #[test]
    fn the_shipped_hook_is_marked_as_carelints() {
        assert!(HOOK.contains(HOOK_MARK) && HOOK.contains(CHAINED) && HOOK.contains("--staged"));
    }
}
