//! The shape of the code, held by a test: the top-level modules of `src/` import each other without a circle and
//! along the layers of `docs/ARCHITECTURE.md`, and no source file grows past a size one can read.
//!
//! Imports are read from the source text: every `crate::x` path (single, in `use crate::{a, b}` groups, in `pub use`
//! re-exports and in plain expressions) and every `super::` path that climbs out of a top-level module. Comments and
//! string literals are left out, so a module named in prose is not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest source file, in lines (data tables live outside `src/`).
const MAX_LINES: usize = 650;

/// The layers of `docs/ARCHITECTURE.md`, lowest first: a module imports only modules of lower layers (not even one
/// of its own layer). Every top-level module of `src/` must be listed, so a new one gets its place on purpose.
const LAYERS: &[&[&str]] = &[
    &["finding"],
    &["text", "git"],
    &["input", "matching", "allow", "consent"],
    &["rules", "config"],
    &["policy", "explain", "fix", "baseline", "changes", "signoff"],
    &["engine", "report", "scope", "setup", "progress"],
    &["check"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// One source file: its module path (`src/engine/gate.rs` is `engine::gate`) and its text.
struct Source {
    file: PathBuf,
    module: Vec<String>,
    text: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The crate's source files, without the crate roots (`lib.rs` only declares the modules, `main.rs` calls the
/// library by its name).
fn sources() -> Vec<Source> {
    let root = src_dir();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .filter_map(|file| {
            let relative = file.strip_prefix(&root).expect("under src/").with_extension("");
            let mut module: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if module.last().is_some_and(|last| last == "mod") {
                module.pop();
            }
            if module == ["lib"] || module == ["main"] {
                return None;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
            Some(Source { file, module, text })
        })
        .collect()
}

/// The text without its comments, string literals and character literals.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        if rest.starts_with(&['/', '/']) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with(&['/', '*']) {
            // block comments nest in Rust
            let mut depth = 0;
            while i < chars.len() {
                if chars[i..].starts_with(&['/', '*']) {
                    depth += 1;
                    i += 2;
                } else if chars[i..].starts_with(&['*', '/']) {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(len) = raw_string_len(rest) {
            i += len;
        } else if rest[0] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if rest[0] == '\'' && (rest.get(1) == Some(&'\\') || rest.get(2) == Some(&'\'')) {
            // a character literal; `'a` without a closing quote is a lifetime
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

/// The length of a raw string literal (`r"..."`, `br#"..."#`) starting at `chars[0]`, if one does.
fn raw_string_len(chars: &[char]) -> Option<usize> {
    let start = match chars {
        ['r', ..] => 1,
        ['b', 'r', ..] => 2,
        _ => return None,
    };
    let hashes = chars[start..].iter().take_while(|&&c| c == '#').count();
    if chars.get(start + hashes) != Some(&'"') {
        return None;
    }
    let body = start + hashes + 1;
    let close: Vec<char> = format!("\"{}", "#".repeat(hashes)).chars().collect();
    (body..chars.len()).find(|&j| chars[j..].starts_with(&close)).map(|j| j + close.len())
}

/// Identifiers, `::` and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if chars[i..].starts_with(&[':', ':']) {
            out.push("::".into());
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
            i += 1;
        }
    }
    out
}

/// The first names of a `{a, b::c, d as e}` group starting at `tokens[at]` (the `{`).
fn group_heads(tokens: &[String], at: usize) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = false;
    for token in &tokens[at..] {
        match token.as_str() {
            "{" => {
                depth += 1;
                expect_head = depth == 1;
                continue;
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => {
                expect_head = true;
                continue;
            }
            name if expect_head && depth == 1 => heads.push(name.to_string()),
            _ => {}
        }
        expect_head = false;
    }
    heads
}

/// The names a path refers to at the point `tokens[at]` (a name, or a `{` group).
fn path_heads(tokens: &[String], at: usize) -> Vec<String> {
    match tokens.get(at).map(String::as_str) {
        Some("{") => group_heads(tokens, at),
        Some(name) => vec![name.to_string()],
        None => Vec::new(),
    }
}

/// The top-level modules one file names, besides its own.
fn imports(source: &Source) -> BTreeSet<String> {
    let tokens = tokens(&code_only(&source.text));
    let own = &source.module[0];
    let mut found = BTreeSet::new();
    // for each open brace: whether it opens an inline `mod name { ... }`
    let mut braces: Vec<bool> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.as_str() {
            "{" => braces.push(i >= 2 && tokens[i - 2] == "mod"),
            "}" => {
                braces.pop();
            }
            "crate" if tokens.get(i + 1).is_some_and(|t| t == "::") => found.extend(path_heads(&tokens, i + 2)),
            "super" if i == 0 || tokens[i - 1] != "::" => {
                let mut climbs = 0;
                let mut at = i;
                while tokens.get(at).is_some_and(|t| t == "super") && tokens.get(at + 1).is_some_and(|t| t == "::") {
                    climbs += 1;
                    at += 2;
                }
                let inline = braces.iter().filter(|&&is_mod| is_mod).count();
                // climbing out of every inline module and every level of the file's module path reaches the root
                if climbs > inline && climbs - inline >= source.module.len() {
                    found.extend(path_heads(&tokens, at));
                }
            }
            _ => {}
        }
    }
    found.remove(own);
    found
}

/// The top-level module graph: module → the top-level modules it imports.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let top_level: BTreeSet<String> = sources.iter().map(|s| s.module[0].clone()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in &sources {
        let edges = graph.entry(source.module[0].clone()).or_default();
        edges.extend(imports(source).into_iter().filter(|m| top_level.contains(m)));
    }
    graph
}

fn show(graph: &BTreeMap<String, BTreeSet<String>>) -> String {
    let lines: Vec<String> = graph
        .iter()
        .map(|(module, edges)| format!("{module} -> {}", edges.iter().cloned().collect::<Vec<_>>().join(", ")))
        .collect();
    lines.join("\n")
}

/// A cycle of the graph, as the modules along it (first one repeated at the end), if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, State>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(module.to_string(), State::Open);
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(State::New) {
                State::Open => {
                    let from = path.iter().position(|m| m == next).expect("an open module is on the path");
                    let mut cycle = path[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                State::New => {
                    if let Some(cycle) = visit(next, graph, state, path) {
                        return Some(cycle);
                    }
                }
                State::Done => {}
            }
        }
        path.pop();
        state.insert(module.to_string(), State::Done);
        None
    }
    let mut state = BTreeMap::new();
    for module in graph.keys() {
        if state.get(module).copied().unwrap_or(State::New) == State::New {
            if let Some(cycle) = visit(module, graph, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn top_level_modules_import_each_other_without_a_circle() {
    let graph = module_graph();
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import circle: {}\nmodule graph:\n{}", cycle.join(" -> "), show(&graph));
    }
}

#[test]
fn modules_import_only_lower_layers() {
    let graph = module_graph();
    let mut wrong = Vec::new();
    for (module, edges) in &graph {
        let Some(layer) = layer_of(module) else {
            wrong.push(format!("`{module}` has no layer in LAYERS"));
            continue;
        };
        for target in edges {
            if layer_of(target).is_none_or(|l| l >= layer) {
                wrong.push(format!("{module} -> {target}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers: {}\nmodule graph:\n{}", wrong.join(", "), show(&graph));
}

/// Import forms the reader above does not follow are not used: an alias of the crate (`use crate as c`,
/// `crate::{self as c}`), `super` inside a group or after `self::`, and `#[path]` modules.
#[test]
fn imports_are_written_in_forms_the_reader_follows() {
    let mut wrong = Vec::new();
    for source in sources() {
        let tokens = tokens(&code_only(&source.text));
        let at =
            |i: usize, want: &[&str]| want.iter().enumerate().all(|(k, w)| tokens.get(i + k).is_some_and(|t| t == w));
        for i in 0..tokens.len() {
            let form = if at(i, &["crate", "as"]) {
                Some("`crate as`")
            } else if at(i, &["crate", "::", "{", "self"]) {
                Some("`crate::{self ...}`")
            } else if at(i, &["self", "::", "super"]) {
                Some("`self::super`")
            } else if at(i, &["super", "::", "{"]) && group_heads(&tokens, i + 2).iter().any(|h| h == "super") {
                Some("`super::{super::...}`")
            } else {
                None
            };
            if let Some(form) = form {
                wrong.push(format!("{}: {form}", source.file.display()));
            }
        }
        if source.text.contains("#[path") {
            wrong.push(format!("{}: `#[path]`", source.file.display()));
        }
    }
    assert!(wrong.is_empty(), "imports the layer test cannot read: {}", wrong.join(", "));
}

#[test]
fn no_source_file_is_too_long_to_read() {
    let long: Vec<String> = sources()
        .iter()
        .map(|s| (s.file.display().to_string(), s.text.lines().count()))
        .filter(|&(_, lines)| lines > MAX_LINES)
        .map(|(file, lines)| format!("{file}: {lines} lines"))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {}", long.join(", "));
}

/// The reader itself: a group, a re-export, a `super` path out of a top-level module, and what it must not count.
#[test]
fn imports_are_read_from_code_only() {
    let source = |module: &[&str], text: &str| Source {
        file: PathBuf::from("test.rs"),
        module: module.iter().map(|m| m.to_string()).collect(),
        text: text.to_string(),
    };
    let names = |s: &Source| imports(s).into_iter().collect::<Vec<_>>();
    let text = "use crate::{text::lines, finding::{A, B}};\npub use crate::rules::Rule;\n\
                // crate::check in a comment\nlet s = \"crate::report\";\nlet c = '\"';\nfn f<'a>() { crate::input::x() }";
    assert_eq!(names(&source(&["engine", "phrases"], text)), ["finding", "input", "rules", "text"]);
    // from `src/engine/mod.rs`, `super::` is the crate root; from `src/engine/phrases.rs` it is `engine`
    assert_eq!(names(&source(&["engine"], "use super::{policy, rules::Rule};")), ["policy", "rules"]);
    assert!(names(&source(&["engine", "phrases"], "use super::patterns;")).is_empty());
    // in an inline test module, `super::` is the file's own module
    assert!(names(&source(&["engine"], "mod tests {\n    use super::*;\n}")).is_empty());
    assert!(names(&source(&["engine"], "use crate::engine::Post; let r = r#\"crate::cli\"#;")).is_empty());
}
