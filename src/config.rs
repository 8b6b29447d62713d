//! `carelint.toml`: discovered from the current directory upwards, parsed strictly. Paths in it are relative to
//! the file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use serde::Deserialize;
use toml::Spanned;

use crate::finding::Severity;

/// The lowest severity that makes the exit code 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    /// Another configuration this one builds on (a practice group's shared policy), relative to this file.
    extend: Option<String>,
    fail_on: Option<FailOn>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<String>,
    consents: Option<String>,
    #[serde(default)]
    allow: RawAllow,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    input: RawInput,
    #[serde(default)]
    review: RawReview,
}

/// `[review]`: the rules whose findings a compliance reviewer may sign off.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    #[serde(default)]
    rules: Vec<String>,
}

/// How posts are read: the platform when a post does not say, and where calendars keep the post text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawInput {
    platform: Option<String>,
    #[serde(default)]
    text_fields: Vec<String>,
    max_file_size: Option<RawSize>,
}

/// A size: a number of bytes, or a string with a unit (`"10MB"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSize {
    Bytes(u64),
    Text(String),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    #[serde(default)]
    values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<String>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    select: Vec<Spanned<String>>,
}

/// Rules switched off or on for files that match some globs.
#[derive(Clone, Debug)]
pub struct PathOverride {
    pub globs: globset::GlobSet,
    pub ignore: Vec<String>,
    pub select: Vec<String>,
}

/// A loaded configuration (the empty default when there is no file).
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// The directory paths in the file are relative to.
    pub dir: PathBuf,
    pub fail_on: Option<FailOn>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub rules: Vec<PathBuf>,
    pub consents: Option<PathBuf>,
    pub allow: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub overrides: Vec<PathOverride>,
    /// The platform of posts that do not name one (canonical name).
    pub platform: Option<String>,
    /// Calendar columns / JSON fields that hold the post text (empty: the defaults).
    pub text_fields: Vec<String>,
    /// Larger inputs are not read (`[input] max-file-size`; `--max-file-size` wins).
    pub max_file_size: Option<u64>,
    /// The line where each rule selector or `[severity]` id is first named (a note about an old id says where).
    pub selector_lines: BTreeMap<String, usize>,
    /// The configuration this one extends (`extend`), resolved against this file's directory; `load` follows it.
    pub extend: Option<PathBuf>,
    /// Rule ids, id prefixes or categories whose findings a reviewer may sign off (`[review] rules`).
    pub review: Vec<String>,
    /// The loaded consent registry (`consents`, or `--consents`), when the run checks posts against one.
    pub registry: Option<std::sync::Arc<crate::consent::Registry>>,
    /// The date consent and sign-off are judged on when later than a post's own (`--as-of`); else today.
    pub as_of: Option<crate::consent::Date>,
    /// Check only posts whose publish date is on or before the `as_of` date (`--published-only`).
    pub published_only: bool,
}

/// File names looked for in each directory, in order.
const NAMES: &[&str] = &["carelint.toml", ".carelint.toml"];

/// The first configuration file found from `start` upwards, up to the top of the git repository `start` is in (the
/// directory holding `.git`): a stray file above a repository, say in a shared temporary directory, must not decide
/// how the repository's posts are checked. Outside a repository the search goes up to the root.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let top = start.ancestors().position(|dir| dir.join(".git").symlink_metadata().is_ok());
    let searched = start.ancestors().take(top.map_or(usize::MAX, |i| i + 1));
    searched.flat_map(|dir| NAMES.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

impl Config {
    /// Reads a configuration file and the chain of files it extends (`extend = "group.toml"`), each relative to the
    /// file that names it. A file's own keys override what it extends; a chain that comes back to a file is an
    /// error that names the files.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        load_chain(path, &mut Vec::new())
    }

    pub fn parse(path: &Path, text: &str) -> anyhow::Result<Config> {
        let shown = path.display();
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| format!(":{}", crate::text::lines::line_of(text, s.start))).unwrap_or_default();
            anyhow::anyhow!("{shown}{line}: {}", e.message().trim())
        })?;
        // where each rule selector is named, for the note a selector that names an old id gets
        let mut lines = BTreeMap::new();
        let mut named = |items: Vec<Spanned<String>>| -> Vec<String> {
            let mut names = Vec::with_capacity(items.len());
            for item in items {
                let line = crate::text::lines::line_of(text, item.span().start);
                let name = item.into_inner();
                lines.entry(name.clone()).or_insert(line);
                names.push(name);
            }
            names
        };
        let select = raw.select.map(&mut named);
        let extend_select = named(raw.extend_select);
        let ignore = named(raw.ignore);
        let severity_ids = named(raw.severity.keys().cloned().collect());
        let severity = severity_ids.into_iter().zip(raw.severity.into_values()).collect();
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        let mut overrides = Vec::new();
        for (i, o) in raw.overrides.into_iter().enumerate() {
            if o.paths.is_empty() {
                bail!("{shown}: overrides[{i}]: `paths` lists no glob");
            }
            let mut builder = globset::GlobSetBuilder::new();
            for p in &o.paths {
                let glob = globset::Glob::new(p).with_context(|| format!("{shown}: overrides[{i}]: bad glob `{p}`"))?;
                builder.add(glob);
            }
            overrides.push(PathOverride { globs: builder.build()?, ignore: named(o.ignore), select: named(o.select) });
        }
        let max_file_size = match raw.input.max_file_size {
            None => None,
            Some(RawSize::Bytes(0)) => bail!("{shown}: input.max-file-size: the size limit must be at least 1 byte"),
            Some(RawSize::Bytes(n)) => Some(n),
            Some(RawSize::Text(t)) => Some(
                crate::input::read::parse_size(&t).map_err(|e| anyhow::anyhow!("{shown}: input.max-file-size: {e}"))?,
            ),
        };
        let consents = raw.consents.map(|c| dir.join(c));
        if let Some(c) = &consents {
            if !c.is_file() {
                bail!("{shown}: consents: no such file {}", c.display());
            }
        }
        Ok(Config {
            extend: raw.extend.map(|e| dir.join(e)),
            path: Some(path.to_path_buf()),
            fail_on: raw.fail_on,
            select,
            extend_select,
            ignore,
            rules: raw.rules.iter().map(|r| dir.join(r)).collect(),
            consents,
            allow: raw.allow.values,
            severity,
            overrides,
            platform: raw.input.platform.as_deref().map(crate::text::platform::canonical),
            text_fields: raw.input.text_fields,
            max_file_size,
            dir,
            selector_lines: lines,
            review: raw.review.rules,
            ..Config::default()
        })
    }

    /// This configuration over the one it extends: every key this file sets (`present`: its top-level keys, and
    /// `input.KEY` for keys of `[input]`) replaces the base's; `[severity]` merges rule by rule; the base's
    /// `[[overrides]]` come first, then this file's. Paths stay relative to the file that named them, except the
    /// globs of overrides, which match from this (the extending) file's directory.
    fn over(self, base: Config, present: &BTreeSet<String>) -> Config {
        let has = |key: &str| present.contains(key);
        let mut severity = base.severity;
        severity.extend(self.severity);
        let mut overrides = base.overrides;
        overrides.extend(self.overrides);
        Config {
            fail_on: self.fail_on.or(base.fail_on),
            select: self.select.or(base.select),
            extend_select: if has("extend-select") { self.extend_select } else { base.extend_select },
            ignore: if has("ignore") { self.ignore } else { base.ignore },
            rules: if has("rules") { self.rules } else { base.rules },
            consents: self.consents.or(base.consents),
            allow: if has("allow") { self.allow } else { base.allow },
            severity,
            overrides,
            platform: self.platform.or(base.platform),
            text_fields: if has("input.text-fields") { self.text_fields } else { base.text_fields },
            max_file_size: self.max_file_size.or(base.max_file_size),
            review: if has("review") { self.review } else { base.review },
            ..self
        }
    }

    /// The line of the file where a rule selector or `[severity]` id is first named, as written.
    pub fn line_of(&self, selector: &str) -> Option<usize> {
        self.selector_lines.get(selector).copied()
    }

    /// The overrides that apply to a file (its path made relative to the configuration's directory).
    pub fn overrides_for(&self, file: &Path) -> Vec<&PathOverride> {
        if self.overrides.is_empty() {
            return Vec::new();
        }
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let file = absolute(file);
        let dir = absolute(&self.dir);
        let relative = file.strip_prefix(&dir).unwrap_or(&file);
        self.overrides.iter().filter(|o| o.globs.is_match(relative)).collect()
    }
}

/// Loads `path` and what it extends; `chain` holds the files already being loaded, to refuse a cycle.
fn load_chain(path: &Path, chain: &mut Vec<PathBuf>) -> anyhow::Result<Config> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).with_context(|| format!("{shown}: cannot read"))?;
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if chain.contains(&canonical) {
        let names: Vec<String> = chain.iter().chain([&canonical]).map(|p| p.display().to_string()).collect();
        bail!("`extend` goes round in a cycle: {}", names.join(" extends "));
    }
    chain.push(canonical);
    let config = Config::parse(path, &text)?;
    let Some(base) = config.extend.clone() else { return Ok(config) };
    let base = load_chain(&base, chain).with_context(|| format!("{shown}: extend"))?;
    Ok(config.over(base, &present_keys(&text)))
}

/// The keys a configuration file sets: its top-level keys, and `input.KEY` for the keys of its `[input]` table.
fn present_keys(text: &str) -> BTreeSet<String> {
    let Ok(table) = text.parse::<toml::Table>() else { return BTreeSet::new() };
    let input = table.get("input").and_then(toml::Value::as_table).into_iter().flatten();
    let input = input.map(|(k, _)| format!("input.{k}"));
    table.keys().cloned().chain(input).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_example_parses() {
        let text = r#"
fail-on = "error"
select = ["phi", "MIS"]
ignore = []
rules = ["rules/our-practice.toml"]

[allow]
values = ["(312) 555-0100", "hello@clinic.example"]

[severity]
MIS004 = "error"

[[overrides]]
paths = ["archive/**"]
ignore = ["testimonial"]
"#;
        let c = Config::parse(Path::new("/repo/carelint.toml"), text).unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert_eq!(c.rules, vec![PathBuf::from("/repo/rules/our-practice.toml")]);
        assert_eq!(c.severity["MIS004"], Severity::Error);
        assert_eq!(c.overrides_for(Path::new("/repo/archive/2020/a.md")).len(), 1);
        assert!(c.overrides_for(Path::new("/repo/posts/a.md")).is_empty());
    }

    #[test]
    fn rule_selectors_and_severity_ids_keep_their_first_line() {
        let text = "select = [\"MIS004\",\n  \"phi\"]\nignore = [\"phi\"]\n\n[severity]\nMIS009 = \"error\"\n\n\
                    [[overrides]]\npaths = [\"a/**\"]\nselect = [\"PHI002\"]\n";
        let c = Config::parse(Path::new("c.toml"), text).unwrap();
        assert_eq!(c.select, Some(vec!["MIS004".to_string(), "phi".to_string()]));
        assert_eq!(c.severity["MIS009"], Severity::Error);
        let lines: Vec<_> = ["MIS004", "phi", "MIS009", "PHI002", "XYZ"].map(|s| c.line_of(s)).into();
        assert_eq!(lines, [Some(1), Some(2), Some(6), Some(10), None]);
    }

    #[test]
    fn discovery_stops_at_the_repository_top() {
        let outer = tempfile::tempdir().unwrap();
        let repo = outer.path().join("repo");
        let posts = repo.join("posts");
        std::fs::create_dir_all(&posts).unwrap();
        std::fs::write(outer.path().join("carelint.toml"), "fail-on = \"never\"\n").unwrap();
        assert_eq!(discover(&posts), Some(outer.path().join("carelint.toml")), "outside a repository: upwards");
        std::fs::write(repo.join(".git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(discover(&posts), None, "a file above the repository is not used");
        std::fs::write(repo.join(".carelint.toml"), "").unwrap();
        assert_eq!(discover(&posts), Some(repo.join(".carelint.toml")));
    }

    #[test]
    fn max_file_size_takes_bytes_or_a_unit() {
        let size = |v: &str| Config::parse(Path::new("c.toml"), &format!("[input]\nmax-file-size = {v}\n"));
        assert_eq!(size("1000").unwrap().max_file_size, Some(1000));
        assert_eq!(size("\"2MiB\"").unwrap().max_file_size, Some(2 << 20));
        let err = size("\"lots\"").unwrap_err().to_string();
        assert!(err.starts_with("c.toml: input.max-file-size: `lots` is not a size"), "{err}");
        assert!(size("0").is_err());
    }

    #[test]
    fn extend_builds_on_a_shared_file_and_local_keys_win() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            path
        };
        write(
            "group/base.toml",
            "fail-on = \"warning\"\nignore = [\"PLT\"]\nrules = [\"extra.toml\"]\n[allow]\nvalues = [\"a\"]\n\
             [severity]\nMIS004 = \"error\"\nMIS009 = \"info\"\n[input]\nplatform = \"x\"\n",
        );
        write("group/mid.toml", "extend = \"base.toml\"\nignore = [\"PRO\"]\n");
        let local = write(
            "repo/carelint.toml",
            "extend = \"../group/mid.toml\"\n[severity]\nMIS009 = \"warning\"\n[input]\ntext-fields = [\"c\"]\n",
        );
        let c = Config::load(&local).unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert_eq!(c.ignore, ["PRO"], "the nearer file's list replaces the base's");
        let rules: Vec<PathBuf> = c.rules.iter().map(|r| std::fs::canonicalize(r.parent().unwrap()).unwrap()).collect();
        assert_eq!(rules, [std::fs::canonicalize(dir.path().join("group")).unwrap()], "relative to the file naming it");
        assert_eq!(c.allow, ["a"]);
        assert_eq!((c.severity["MIS004"], c.severity["MIS009"]), (Severity::Error, Severity::Warning));
        assert_eq!((c.platform.as_deref(), c.text_fields.as_slice()), (Some("x"), ["c".to_string()].as_slice()));
        assert_eq!(c.dir, dir.path().join("repo"));
    }

    #[test]
    fn an_extend_cycle_is_refused_naming_the_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "extend = \"b.toml\"\n").unwrap();
        std::fs::write(dir.path().join("b.toml"), "extend = \"a.toml\"\n").unwrap();
        let err = format!("{:#}", Config::load(&dir.path().join("a.toml")).unwrap_err());
        assert!(err.contains("cycle") && err.contains("a.toml extends") && err.contains("b.toml extends"), "{err}");
        let missing = dir.path().join("c.toml");
        std::fs::write(&missing, "extend = \"nowhere.toml\"\n").unwrap();
        let err = format!("{:#}", Config::load(&missing).unwrap_err());
        assert!(err.contains("c.toml: extend") && err.contains("nowhere.toml: cannot read"), "{err}");
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let err = Config::parse(Path::new("c.toml"), "fail-on = \"error\"\nfial-on = 1\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:2: unknown field `fial-on`"), "{msg}");
    }
}
