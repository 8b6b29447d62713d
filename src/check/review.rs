//! `carelint review sign`: records a compliance sign-off in posts, for the findings of the rules the configuration
//! lets a reviewer sign off that each post has now.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use crate::config::Config;
use crate::consent::Date;
use crate::engine::Engine;
use crate::input::document::Document;
use crate::input::FileKind;
use crate::policy::RuleSelection;
use crate::rules::Rule;
use crate::signoff::{self, Reviewed};

/// Who signs off, when, and (optionally) only which rules.
pub struct SignRequest<'a> {
    pub by: &'a str,
    pub on: Date,
    /// Only these rule selectors; empty: every reviewable rule with a finding in the post.
    pub only: &'a [String],
}

/// What signing one post did: the rule ids it signed off, none when the post had nothing to sign off.
pub struct Signed {
    pub path: PathBuf,
    pub rules: Vec<String>,
}

/// Refuses selectors a reviewer may not sign off: each must name rules that are all in `[review] rules`.
pub fn check_request(config: &Config, rules: &[Rule], request: &SignRequest) -> anyhow::Result<()> {
    if config.review.is_empty() {
        bail!("carelint.toml names no rules a reviewer may sign off: add `[review] rules = [...]`");
    }
    if request.by.trim().is_empty() {
        bail!("--by names no reviewer");
    }
    let reviewable = RuleSelection::only(&config.review);
    for selector in request.only {
        let named: Vec<&Rule> =
            rules.iter().filter(|r| RuleSelection::only(std::slice::from_ref(selector)).selects(r)).collect();
        if named.is_empty() || !named.iter().all(|r| reviewable.selects(r)) {
            bail!(
                "cannot sign off `{selector}`: carelint.toml lets a reviewer sign off only {}",
                config.review.join(", ")
            );
        }
    }
    Ok(())
}

/// Signs off one post file: finds its current findings and, if some are of rules the reviewer may sign off, writes
/// `reviewed` into its front matter (replacing an older sign-off) with the digest of its body.
pub fn sign(engine: &Engine, config: &Config, path: &Path, request: &SignRequest) -> anyhow::Result<Signed> {
    if FileKind::of(Some(path)) != FileKind::Post {
        bail!("{}: a sign-off is kept in a post's front matter; this is a calendar", path.display());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let before = crate::fix::Snapshot::take(path).with_context(|| path.display().to_string())?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| anyhow::anyhow!("{}: not UTF-8; a sign-off is written into UTF-8 posts only", path.display()))?;
    let (findings, _) = super::check_text(engine, config, Some(path), text.clone())?;
    let rules = engine.rules();
    let reviewable = RuleSelection::only(&config.review);
    let wanted = RuleSelection::named_or_all(request.only);
    let mut ids: Vec<String> = findings
        .iter()
        .map(|f| &rules[f.rule])
        .filter(|r| reviewable.selects(r) && wanted.selects(r))
        .map(|r| r.id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Signed { path: path.to_path_buf(), rules: ids });
    }
    let doc = Document::parse(text.clone());
    let digest = signoff::digest(signoff::body(&doc));
    let reviewed = Reviewed { by: request.by.trim().to_string(), on: request.on, rules: ids.clone(), digest };
    let written = signoff::write(&text, &reviewed);
    crate::fix::replace(path, &before, &bytes, written.as_bytes()).with_context(|| path.display().to_string())?;
    Ok(Signed { path: path.to_path_buf(), rules: ids })
}
