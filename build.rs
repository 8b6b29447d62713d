//! Embeds the default rules: writes the list of rule files that `src/rules/mod.rs` includes, and works out the gates
//! of their patterns (see `src/engine/gate.rs`) once, when the binary is built: parsing the big patterns takes tens
//! of milliseconds, too much for the start of a pre-commit check. The engine uses a gate from here only for the
//! exact pattern it was made for (same length and fingerprint); a pattern changed by a ruleset file is not gated.
//! The byte classes of the patterns without a gate (`src/engine/prefilter.rs`) are worked out here too, and so is
//! a pre-read form of each default file (see `preparse`), which start-up reads instead of the TOML.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/engine/gate.rs"]
mod gate;
// build.rs needs only `forms` and `Inflection::parse` of it
#[allow(dead_code)]
#[path = "src/text/inflect.rs"]
mod inflect;
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
    "rules/care.toml",
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
    println!("cargo::rerun-if-changed=src/text/inflect.rs");

    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let root = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut embedded = String::from("&[\n");
    for file in DEFAULT_FILES {
        let path = root.join(file);
        writeln!(embedded, "    ({file:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    embedded.push_str("]\n");
    std::fs::write(out_dir.join("default_files.rs"), embedded).expect("OUT_DIR is writable");

    let mut preparsed = String::from("&[\n");
    for (i, file) in DEFAULT_FILES.iter().enumerate() {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        match preparse(&text) {
            Some(json) => {
                let path = out_dir.join(format!("default-{i}.json"));
                std::fs::write(&path, json).expect("OUT_DIR is writable");
                writeln!(preparsed, "    Some(include_str!({:?})),", path.display().to_string()).unwrap();
            }
            None => preparsed.push_str("    None,\n"),
        }
    }
    preparsed.push_str("]\n");
    std::fs::write(out_dir.join("default_preparsed.rs"), preparsed).expect("OUT_DIR is writable");

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

/// A default rule file as start-up reads it (`src/rules/embedded.rs`): its lists and kinds, each lexicon with its
/// forms already generated (`null` when they are its words as written), each rule with its line and the line of each of its keys, as JSON.
/// Reading this instead of the TOML, and inflecting no word, was a third of a one-post check (the census name
/// lexicons alone have thousands of words). `None` when the file is not valid TOML, has a key the ruleset format does
/// not know or a lexicon whose forms cannot be made: start-up then reads the TOML and reports the error with its line.
fn preparse(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let spans = toml::de::DeTable::parse(text).ok()?.into_inner();
    let breaks = line_breaks(text);
    let line_of = |offset: usize| 1 + breaks.partition_point(|&b| b < offset);
    if table.keys().any(|key| !["lists", "kinds", "lexicons", "rules"].contains(&key.as_str())) {
        return None;
    }
    let empty = toml::Table::new();
    let section = |key: &str| table.get(key).map_or(Some(&empty), toml::Value::as_table);
    let mut lexicons = Vec::new();
    for (name, raw) in section("lexicons")? {
        let forms = lexicon_forms(raw.as_table()?)?;
        // most forms lists are the words as written (names, phrases without inflection): then they are left out
        let words = raw.get("words").and_then(toml::Value::as_array);
        let as_written =
            words.is_some_and(|w| w.len() == forms.len() && w.iter().zip(&forms).all(|(w, f)| w.as_str() == Some(f)));
        let forms = if as_written { serde_json::Value::Null } else { forms.into() };
        lexicons.push(serde_json::json!({"name": name, "raw": raw, "forms": forms}));
    }
    let mut rules = Vec::new();
    let raw_rules = table.get("rules").map_or(Some(&[][..]), |r| r.as_array().map(Vec::as_slice))?;
    let rule_spans = spans.get("rules").map_or(Some(&[][..]), |r| r.get_ref().as_array().map(AsRef::as_ref))?;
    for (raw, spanned) in raw_rules.iter().zip(rule_spans) {
        let keys: serde_json::Map<String, serde_json::Value> = spanned
            .get_ref()
            .as_table()?
            .iter()
            .map(|(key, _)| (key.get_ref().to_string(), line_of(key.span().start).into()))
            .collect();
        rules.push(serde_json::json!({"line": line_of(spanned.span().start), "keys": keys, "raw": raw}));
    }
    let file = serde_json::json!({
        "lists": section("lists")?,
        "kinds": section("kinds")?,
        "lexicons": lexicons,
        "rules": rules,
    });
    Some(file.to_string())
}

/// Every form of a lexicon's words, as `Lexicon::validate` makes them (a test compares the two).
fn lexicon_forms(raw: &toml::Table) -> Option<Vec<String>> {
    let inflection = match raw.get("inflect") {
        None => inflect::Inflection::None,
        Some(name) => inflect::Inflection::parse(name.as_str()?)?,
    };
    let mut forms: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for word in raw.get("words")?.as_array()? {
        for form in inflect::forms(word.as_str()?, inflection) {
            if seen.insert(form.clone()) {
                forms.push(form);
            }
        }
    }
    Some(forms)
}

/// The offset of every line break of `text`, counted as `src/text/lines.rs` counts them (`\n`, `\r\n`, a lone `\r`).
fn line_breaks(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    (0..bytes.len()).filter(|&i| bytes[i] == b'\n' || lone_cr(i)).collect()
}
