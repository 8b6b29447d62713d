//! Works out the gates of the embedded rules' patterns (see `src/engine/gate.rs`) once, when the binary is built:
//! parsing the big patterns takes tens of milliseconds, too much for the start of a pre-commit check. The engine uses
//! a gate from here only for the exact pattern it was made for (by fingerprint) and works out any other at run time.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/engine/gate.rs"]
mod gate;
#[path = "src/rules/lists.rs"]
mod lists;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/engine/gate.rs");
    println!("cargo::rerun-if-changed=src/rules/lists.rs");

    let mut files: Vec<_> = std::fs::read_dir("rules")
        .expect("rules/ exists")
        .map(|e| e.expect("readable rules/").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    // lists first (a pattern may use a list of another file), then the patterns
    let tables: Vec<toml::Table> = files.iter().filter_map(|p| read(p)).collect();
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
            // the engine compiles a non-ASCII pattern after normalising it: its gate is worked out at run time
            if expanded.is_ascii() && !expanded.contains("\\p") && !expanded.contains("\\P") {
                gates.push((gate::fingerprint(&expanded), gate::of_pattern(&expanded, false)));
            }
        }
    }
    gates.sort();
    gates.dedup();

    let mut out = String::from(
        "/// (fingerprint of a pattern as expanded, its gate) for every ASCII pattern of the embedded rules.\n",
    );
    out.push_str("pub static EMBEDDED: &[(u64, Option<&[&[&str]]>)] = &[\n");
    for (fingerprint, gate) in &gates {
        match gate {
            Some(clauses) => {
                let clauses: Vec<String> = clauses.iter().map(|clause| format!("&{clause:?}")).collect();
                writeln!(out, "    ({fingerprint}, Some(&[{}])),", clauses.join(", ")).unwrap()
            }
            None => writeln!(out, "    ({fingerprint}, None),").unwrap(),
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_gates.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// A ruleset file as a TOML table; a broken file is left to the ruleset's own checks (and its tests) to report.
fn read(path: &Path) -> Option<toml::Table> {
    let text = std::fs::read_to_string(path).ok()?;
    toml::from_str(&text).ok()
}
