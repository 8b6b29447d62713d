//! The consent registry on the command line: loading it for `check`, `consents check`, and `review sign`.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{bail, Context as _};

use super::{active, load_config, write_notes, write_stdout, ConsentsCheckArgs, ReviewSignArgs};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::allow::Allowlist;
use crate::check;
use crate::config::Config;
use crate::consent::{Date, Registry};
use crate::engine::Engine;
use crate::input;
use crate::report::ERROR_STYLE;

/// The consent registry `--consents` or the configuration names, if any.
pub(super) fn load_registry(config: &Config, option: Option<PathBuf>) -> anyhow::Result<Option<Registry>> {
    option.or_else(|| config.consents.clone()).map(|path| Registry::load(&path)).transpose()
}

pub(super) fn run_consents_check(args: ConsentsCheckArgs) -> anyhow::Result<u8> {
    let config = load_config(&args.rules)?;
    let Some(registry) = load_registry(&config, args.consents)? else {
        bail!("no consent registry: pass --consents FILE, or set `consents = \"consents.csv\"` in carelint.toml");
    };
    let expiring = args.expiring_within.map(|days| (args.as_of.unwrap_or_else(Date::today), i64::from(days)));
    write_stdout(registry.check_report(expiring).as_bytes()).context("cannot write the registry check")?;
    Ok(if registry.problems.is_empty() { EXIT_CLEAN } else { EXIT_FINDINGS })
}

pub(super) fn run_review_sign(args: ReviewSignArgs) -> anyhow::Result<u8> {
    let super::Active { config, rules, shared, vocabulary, notes } = active(&args.rules)?;
    write_notes(vocabulary.renames(), notes);
    let request =
        check::review::SignRequest { by: &args.by, on: args.on.unwrap_or_else(Date::today), only: &args.sign_rules };
    check::review::check_request(&config, &rules, &request)?;
    let allow = Allowlist::new(&config.allow);
    let engine = Engine::for_few_posts(rules, shared.words(), allow)?.with_vocabulary(vocabulary);
    let mut code = EXIT_CLEAN;
    for path in &args.posts {
        let said = match check::review::sign(&engine, &config, path, &request) {
            Ok(signed) if signed.rules.is_empty() => {
                format!("{}: no finding needs a sign-off; not changed", signed.path.display())
            }
            Ok(signed) => format!("{}: signed off {} for {}", signed.path.display(), signed.rules.join(", "), args.by),
            Err(e) => {
                code = EXIT_ERROR;
                format!("{}error{}: {e:#}", ERROR_STYLE.render(), ERROR_STYLE.render_reset())
            }
        };
        let _ = writeln!(anstream::stderr(), "{said}");
    }
    Ok(code)
}

/// The consent registry is never checked as a calendar of posts, even when a walk reaches it: it is the practice's
/// record, not content, and its subject column must never reach a report.
pub(super) fn without_registry(inputs: &mut Vec<input::Input>, registry: &std::path::Path) {
    let Ok(registry) = std::fs::canonicalize(registry) else { return };
    inputs.retain(|i| i.checked_path().and_then(|p| std::fs::canonicalize(p).ok()).is_none_or(|p| p != registry));
}
