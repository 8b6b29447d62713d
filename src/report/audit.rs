//! Audit evidence: which policy judged the posts. A JSON or SARIF report carries the program's version (in its
//! `tool`), a digest of the active ruleset and the configuration in effect, so that a report kept with a published
//! post shows what it was checked against.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::finding::{Applicability, Severity};
use crate::rules::Rule;

/// The policy that judged the posts.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    /// `sha256:` and the hex SHA-256 of the ruleset's canonical serialisation (see `ruleset_digest`).
    pub ruleset_digest: String,
    /// The number of rules that report findings.
    pub rules: usize,
    /// The configuration in effect (selection, thresholds, files, what the run did), as JSON.
    pub configuration: serde_json::Value,
}

/// What the digest covers: every ruleset file's content, and every rule the run used with what the configuration
/// made of it.
#[derive(Serialize)]
struct Canonical<'a> {
    /// The SHA-256 of each ruleset file's text, in load order: the rules' matchers, lexicons, lists and kinds.
    files: Vec<String>,
    rules: Vec<CanonicalRule<'a>>,
}

#[derive(Serialize)]
struct CanonicalRule<'a> {
    id: &'a str,
    severity: Severity,
    /// `false` for an identifier rule that runs only to mask what it finds.
    reported: bool,
    fix: Option<Applicability>,
}

/// The digest of the active ruleset: SHA-256 of the compact JSON of the ruleset files' own digests (their texts,
/// `sources`, in load order) and the active rules in run order, each with its severity after overrides, whether it
/// reports, and its fix's safety. File names are left out, so the same policy has the same digest wherever it is
/// checked out; JSON from structs has a fixed key order, so the serialisation is canonical.
pub fn ruleset_digest(sources: &[String], rules: &[Rule]) -> String {
    let canonical = Canonical {
        files: sources.iter().map(|text| hex(&Sha256::digest(text.as_bytes()))).collect(),
        rules: rules
            .iter()
            .map(|r| CanonicalRule {
                id: &r.id,
                severity: r.severity,
                reported: !r.mask_only,
                fix: r.fix.as_ref().map(|f| f.applicability),
            })
            .collect(),
    };
    let bytes = serde_json::to_vec(&canonical).expect("the canonical form serialises");
    format!("sha256:{}", hex(&Sha256::digest(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::ruleset_digest;
    use crate::finding::Severity;
    use crate::report::testing;

    #[test]
    fn the_digest_changes_with_a_file_a_severity_or_the_selection() {
        let rules = testing::rules();
        let sources = vec!["a".to_string()];
        let digest = ruleset_digest(&sources, &rules);
        assert!(digest.starts_with("sha256:") && digest.len() == 7 + 64, "{digest}");
        assert_eq!(digest, ruleset_digest(&sources, &rules), "deterministic");
        assert_ne!(digest, ruleset_digest(&["b".to_string()], &rules));
        let mut stricter = rules.clone();
        stricter[1].severity = Severity::Error;
        assert_ne!(digest, ruleset_digest(&sources, &stricter));
        assert_ne!(digest, ruleset_digest(&sources, &rules[..2]));
    }
}
