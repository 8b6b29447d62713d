//! A pattern as the engine compiles it: the same rewriting for the pattern set, the ruleset limits and
//! `--export-patterns`, so that all three see the same regex.

/// A pattern as the engine compiles it: normalised like the text it meets (curly quotes in a class become ASCII),
/// with ASCII word boundaries.
pub fn compiled_source(pattern: &str) -> String {
    ascii_word_boundaries(crate::text::normalize::normalize(pattern).text())
}

/// Rewrites `\b` and `\B` outside character classes to ASCII word boundaries. The Unicode boundary makes the
/// regex crate leave its DFA on any non-ASCII byte (emoji, curly quotes): about 300× slower on real posts.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class_depth == 0 && chars.peek() != Some(&'{') => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
                // a ']' right after '[' or '[^' is a literal, not the end of the class
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_word_boundaries(r"\bssn\b"), r"(?-u:\b)ssn(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"\B-x"), r"(?-u:\B)-x");
    }

    #[test]
    fn escaped_backslash_and_classes_are_left_alone() {
        assert_eq!(ascii_word_boundaries(r"\\b"), r"\\b");
        assert_eq!(ascii_word_boundaries(r"[\b]x\b"), r"[\b]x(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"[]a]\b"), r"[]a](?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"\b{start}x"), r"\b{start}x");
    }
}
