//! `@{name}` in a pattern: a shared list written into the regex as an alternation of literals. `build.rs` includes
//! this file to expand the embedded patterns the same way, so it uses nothing but `std` and `regex-syntax`.

/// Replaces each `@{name}` (name of ASCII letters, digits, `_` and `-`) with what `replacement` gives for the name;
/// an unknown name (`None`) is returned as the error.
pub fn replace_refs(pattern: &str, mut replacement: impl FnMut(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find("@{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let name_len = after.find(|c: char| !is_name_char(c)).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            let name = &after[..name_len];
            out.push_str(&replacement(name).ok_or_else(|| name.to_string())?);
            rest = &after[name_len + 1..];
        } else {
            out.push('@');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// `(?:item|item|...)`, items escaped as literals, longer items first so that the alternation prefers "blood
/// pressure meds" over "blood pressure".
pub fn alternation(items: &[String]) -> String {
    let mut items: Vec<&str> = items.iter().map(|i| i.trim()).collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.len()));
    let alternatives: Vec<String> = items.iter().map(|i| regex_syntax::escape(i)).collect();
    format!("(?:{})", alternatives.join("|"))
}
