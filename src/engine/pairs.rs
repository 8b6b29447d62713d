//! Logins written as a pair ("desk01 / Harbor!77", "reception01 with Pelican$7"): a pattern that finds the first half
//! and validates it as a secret takes the second half too, so that masking hides both.

use crate::matching::pattern::validators::Validator;

/// The words that join the two halves of a login written as a pair ("desk01 / Harbor!77", "desk01 with Harbor!77").
const PAIR_SEPARATORS: [&str; 6] = ["/", "//", "|", "+", "with", "using"];

/// Where a secret that ends at `end` ends with the second half of its pair: when a pair separator and a run that
/// passes the same validator follow, the match takes both, so that masking hides the password as well as the user
/// name ("Login: reception01 with Pelican$7" showed the password).
pub fn pair_end(text: &str, end: usize, check: Validator) -> usize {
    let mut runs = text[end..].split([' ', '\t']).filter(|r| !r.is_empty());
    let (Some(separator), Some(second)) = (runs.next(), runs.next()) else { return end };
    if !PAIR_SEPARATORS.iter().any(|s| separator.eq_ignore_ascii_case(s)) {
        return end;
    }
    let second = second.split(['\n', '\r']).next().unwrap_or("").trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    if second.is_empty() || !check(second) {
        return end;
    }
    // the run is the first one after the separator: find it from the separator's end
    let from = end + text[end..].find(separator).map_or(0, |i| i + separator.len());
    let at = from + text[from..].find(second).unwrap_or(0);
    at + second.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators;

    #[test]
    fn a_secret_takes_the_second_half_of_its_login_pair() {
        let secret = validators::lookup("secret").unwrap();
        for (text, value) in [
            ("Login: reception01 with Pelican$7 for the front desk", "reception01 with Pelican$7"),
            ("Login: reception01 / Pelican$7.", "reception01 / Pelican$7"),
            ("Login: reception01 with the manager", "reception01"),
            ("Login: reception01\nwith Pelican$7", "reception01"),
        ] {
            let start = text.find("reception01").unwrap();
            let end = pair_end(text, start + "reception01".len(), secret);
            assert_eq!(&text[start..end], value, "{text}");
        }
    }
}
