//! Embeds the default rules: writes the list of rule files that `src/rules/mod.rs` includes, and works out the gates
//! of their patterns (see `src/engine/gate.rs`) once, when the binary is built: parsing the big patterns takes tens
//! of milliseconds, too much for the start of a pre-commit check. The engine uses a gate from here only for the
//! exact pattern it was made for (same length and fingerprint); a pattern changed by a ruleset file is not gated.
//! The byte classes of the patterns without a gate (`src/engine/prefilter.rs`) are worked out here too.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/engine/gate.rs"]
mod gate;
#[path = "src/matching/lists.rs"]
mod lists;
#[path = "src/engine/prefilter.rs"]
mod prefilter;
#[path = "src/matching/pattern/source.rs"]
mod source;

/// The default ruleset, in the order its files are merged (a later file's list or rule replaces an earlier one's).
const DEFAULT_FILES: &[&str] = &[
    "rules/lexicons.toml",
    "rules/names.toml",
    "rules/phi.toml",
    "rules/reviews.toml",
    "rules/testimonials.toml",
    "rules/conditions.toml",
    "rules/misinformation.toml",
    "rules/professional.toml",
    "rules/platform.toml",
    "rules/security.toml",
];

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/engine/gate.rs");
    println!("cargo::rerun-if-changed=src/engine/prefilter.rs");
    println!("cargo::rerun-if-changed=src/matching/lists.rs");
    println!("cargo::rerun-if-changed=src/matching/pattern/source.rs");

    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let root = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut embedded = String::from("&[\n");
    for file in DEFAULT_FILES {
        let path = root.join(file);
        writeln!(embedded, "    ({file:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    embedded.push_str("]\n");
    std::fs::write(out_dir.join("default_files.rs"), embedded).expect("OUT_DIR is writable");

    // lists first, in the order the engine merges them (a pattern may use a list of another file), then the patterns
    let tables: Vec<toml::Table> = DEFAULT_FILES.iter().filter_map(|file| read(&root.join(file))).collect();
    let mut named = std::collections::BTreeMap::new();
    for table in &tables {
        if let Some(toml::Value::Table(lists)) = table.get("lists") {
            for (name, items) in lists {
                let items: Vec<String> =
                    items.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
                named.insert(name.clone(), items);
            }
        }
    }
    let mut gates = Vec::new();
    for table in &tables {
        let rules = table.get("rules").and_then(toml::Value::as_array).into_iter().flatten();
        for pattern in rules.filter_map(|r| r.get("pattern").and_then(toml::Value::as_str)) {
            let Ok(expanded) = lists::replace_refs(pattern, |name| named.get(name).map(|i| lists::alternation(i)))
            else {
                continue; // the ruleset's own checks report the unknown list
            };
            // the engine compiles a non-ASCII pattern after normalising it, and a Unicode class in Unicode mode:
            // such a pattern is not gated
            if source::ascii_compatible(&expanded) {
                let gate = gate::of_pattern(&expanded, false);
                let filter = prefilter::of_pattern(&expanded, false);
                gates.push((expanded.len(), source::fingerprint(&expanded), gate, filter));
            }
        }
    }
    gates.sort();
    gates.dedup();

    let mut out = String::from(
        "/// (length and fingerprint of a pattern as expanded, its gate, its byte classes) for every ASCII pattern of\n\
         /// the embedded rules.\n",
    );
    out.push_str("pub static EMBEDDED: &[(usize, u64, Option<Gate>, Option<Filter>)] = &[\n");
    for (len, fingerprint, gate, filter) in &gates {
        let gate = match gate {
            Some(clauses) => {
                let clauses: Vec<String> = clauses.iter().map(|clause| format!("&{clause:?}")).collect();
                format!("Some(&[{}])", clauses.join(", "))
            }
            None => "None".to_string(),
        };
        writeln!(out, "    ({len}, {fingerprint}, {gate}, {filter:?}),").unwrap();
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("embedded_gates.rs"), out).expect("OUT_DIR is writable");
}

/// A ruleset file as a TOML table; a broken file is left to the ruleset's own checks (and its tests) to report.
fn read(path: &Path) -> Option<toml::Table> {
    let text = std::fs::read_to_string(path).ok()?;
    toml::from_str(&text).ok()
}
