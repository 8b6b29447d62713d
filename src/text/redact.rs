//! Masking of detected identifiers: worked out when a finding is made, so every output format shows the same masked
//! text (docs/CONTRACT.md, Masking).

/// Masks a value: a value of 6 or more characters keeps its last 2 letters or digits; every other letter or digit
/// becomes `*`; separators stay. `123-45-6789` -> `***-**-**89`; `Jane` -> `****`.
pub fn mask(value: &str) -> String {
    let keep = if value.chars().count() >= 6 { 2 } else { 0 };
    let alnum_total = value.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen > alnum_total.saturating_sub(keep) {
                c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn contract_example() {
        assert_eq!(mask("123-45-6789"), "***-**-**89");
    }

    #[test]
    fn short_values_are_masked_entirely() {
        assert_eq!(mask("Jane"), "****");
        assert_eq!(mask("12345"), "*****");
    }

    #[test]
    fn separators_and_length_are_kept() {
        assert_eq!(mask("(312) 555-0142"), "(***) ***-**42");
        assert_eq!(mask("jane.roe@example.com"), "****.***@*******.*om");
        assert_eq!(mask("Zoë Ånström").chars().count(), "Zoë Ånström".chars().count());
    }
}
